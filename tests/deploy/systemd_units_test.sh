#!/usr/bin/env bash
# The systemd units of deploy/systemd/ as systemd itself reads them:
# `systemd-analyze verify` on a copy whose ExecStart names the built programs
# (verify refuses an ExecStart that does not exist), failing on any warning;
# then every hardening and restart key the deployment relies on is present.
# Usage: systemd_units_test.sh SOURCE_DIR BIN_DIR
set -euo pipefail
src=${1:?source dir}
bin=${2:?directory of the built programs}
units="$src/deploy/systemd"
command -v systemd-analyze >/dev/null || { echo "systemd-analyze not installed"; exit 1; }

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cp "$units"/verkosto@.service "$units"/verkosto.target "$tmp"/
sed -i "s|^ExecStart=/usr/local/bin/|ExecStart=$bin/|" "$tmp/verkosto@.service"

fail=0
for name in networks nominations notifications gateway; do
  [ -x "$bin/$name" ] || { echo "FAIL: $bin/$name not built"; exit 1; }
  # Warnings go to stderr even when the exit code is 0: any output fails.
  if ! out=$(cd "$tmp" && systemd-analyze verify "./verkosto@$name.service" ./verkosto.target 2>&1) ||
     [ -n "$out" ]; then
    echo "FAIL: systemd-analyze verify verkosto@$name.service:"
    echo "$out"
    fail=1
  fi
done

unit="$units/verkosto@.service"
require() {  # KEY=VALUE line that must be present as written
  if ! grep -qxF "$1" "$unit"; then
    echo "FAIL: $unit lacks '$1'"
    fail=1
  fi
}
require "Restart=always"
require "RestartSec=200ms"
require "NoNewPrivileges=yes"
require "ProtectSystem=strict"
require "ProtectHome=yes"
require "PrivateTmp=yes"
require "ReadWritePaths=/var/lib/verkosto /run/verkosto"
require "User=verkosto"
require "UMask=0077"
require "StateDirectory=verkosto"
require "RuntimeDirectory=verkosto"

# For information: systemd's own exposure score of the unit (lower is better).
(cd "$tmp" && systemd-analyze security --offline=true ./verkosto@gateway.service 2>/dev/null |
   grep -a "Overall exposure" || true)

[ "$fail" -eq 0 ] && echo "systemd units: verify clean, hardening keys present"
exit "$fail"
