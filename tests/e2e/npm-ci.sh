# Installs node_modules from package-lock.json with `npm ci`, unless it was
# already installed from this very lock file. Sourced (from tests/e2e) by
# run.sh and spectral.sh, which ctest never runs at the same time
# (RESOURCE_LOCK e2e_node_modules).
stamp=node_modules/.verkosto-installed-lock.json
# No package needs its install script; one (@scarf/scarf, pulled in by
# Spectral) would only report the installation to its vendor.
if [ ! -f "$stamp" ] || ! cmp -s package-lock.json "$stamp"; then
  npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
  cp package-lock.json "$stamp"
fi
