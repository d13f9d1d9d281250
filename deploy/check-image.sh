#!/usr/bin/env bash
# What can be checked of deploy/Dockerfile's runtime stage without a Docker
# engine: builds its root filesystem with debootstrap (Debian 12 minbase, about
# the debian:12-slim base), installs deploy/runtime-packages.txt with apt in a
# chroot, adds the non-root `verkosto` user, copies the built programs in, and
# runs the image's command (`verkosto up --http-host 0.0.0.0 ...`, demo off) in
# the chroot as that user, in its own mount and PID namespaces (unshare). It
# passes when /healthz answers 200 from outside the chroot on the port, the
# port listens on all interfaces, and `verkosto status` — the HEALTHCHECK —
# exits 0 inside. Prints the root filesystem's size and the times taken.
#
# Run by hand as root (needs debootstrap, network access to a Debian mirror,
# unshare and chroot); NOT part of ctest or CI: slow and network-dependent.
#   deploy/check-image.sh [BIN_DIR]        # default build/release/bin
# Environment: ROOTFS (default /tmp/verkosto-rootfs; reused if it already has
# the packages: delete it for a fresh run), MIRROR, PORT (default 18080).
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
bin=$(cd "${1:-$here/../build/release/bin}" && pwd)
rootfs=${ROOTFS:-/tmp/verkosto-rootfs}
mirror=${MIRROR:-http://deb.debian.org/debian}
port=${PORT:-18080}
programs=(verkosto networks nominations notifications gateway)

[ "$(id -u)" -eq 0 ] || { echo "check-image: run as root" >&2; exit 1; }
for p in "${programs[@]}"; do
  [ -x "$bin/$p" ] || { echo "check-image: no $bin/$p (build first)" >&2; exit 1; }
done
command -v debootstrap >/dev/null || { echo "check-image: apt-get install debootstrap" >&2; exit 1; }

t0=$(date +%s)
mapfile -t packages < <(sed -e 's/#.*//' -e '/^[[:space:]]*$/d' "$here/runtime-packages.txt")
# A sanitizer build (the test preset) needs its runtime libraries too; a
# release build does not. Say which was used.
extra=()
if readelf -d "$bin/gateway" | grep -q 'libasan'; then
  extra=(libasan8 libubsan1)
  echo "check-image: $bin holds a sanitizer (test preset) build: adding ${extra[*]}"
fi

base_size="reused"
if [ ! -x "$rootfs/usr/bin/apt-get" ]; then
  echo "check-image: debootstrap --variant=minbase bookworm $rootfs"
  debootstrap --variant=minbase bookworm "$rootfs" "$mirror" >"$rootfs.debootstrap.log" 2>&1 ||
    { tail -20 "$rootfs.debootstrap.log"; exit 1; }
  chroot "$rootfs" apt-get clean
  base_size="$(du -sm --exclude=proc "$rootfs" | cut -f1) MB"
fi
t1=$(date +%s)
chroot "$rootfs" /bin/sh -c "apt-get update -qq && DEBIAN_FRONTEND=noninteractive \
  apt-get install -y -qq --no-install-recommends ${packages[*]} ${extra[*]} && apt-get clean \
  && rm -rf /var/lib/apt/lists/*" >/dev/null
chroot "$rootfs" /bin/sh -c "getent group verkosto >/dev/null || groupadd --system verkosto; \
  id verkosto >/dev/null 2>&1 || useradd --system --gid verkosto --home-dir /var/lib/verkosto \
  --shell /usr/sbin/nologin verkosto; install -d -m 0700 -o verkosto -g verkosto /var/lib/verkosto"
install -m 0755 "${programs[@]/#/$bin/}" "$rootfs/usr/local/bin/"
t2=$(date +%s)
size=$(du -sm --exclude=proc --exclude=usr/local/bin "$rootfs" | cut -f1)
extra_size=0
if [ ${#extra[@]} -gt 0 ]; then
  extra_size=$(chroot "$rootfs" dpkg-query -W -f='${Installed-Size}\n' "${extra[@]}" |
                 awk '{s+=$1} END {print int(s/1024)}')
fi
bin_size=$(du -smc "${programs[@]/#/$rootfs/usr/local/bin/}" | tail -1 | cut -f1)

# Every library each program needs resolves inside the root filesystem.
for p in "${programs[@]}"; do
  if chroot "$rootfs" ldd "/usr/local/bin/$p" | grep -q 'not found'; then
    echo "FAIL: /usr/local/bin/$p: $(chroot "$rootfs" ldd "/usr/local/bin/$p" | grep 'not found')"
    exit 1
  fi
done

# Another listener on the port could answer for this one (one that set
# SO_REUSEPORT, as cpp-httplib did by default): refuse to start.
if [ -n "$(ss -Hltn "sport = :$port")" ]; then
  echo "check-image: port $port is in use; pick another with PORT=" >&2
  exit 1
fi

# The image's CMD, as the verkosto user, demo data off (VERKOSTO_DEMO=0 as in
# the Dockerfile's ENV), in new mount and PID namespaces with their own /proc.
log=$(mktemp)
unshare --mount --pid --fork --kill-child /bin/sh -c "
  mount -t proc proc '$rootfs/proc' &&
  exec chroot --userspec=verkosto:verkosto '$rootfs' /usr/bin/env -i HOME=/var/lib/verkosto \
    PATH=/usr/local/bin:/usr/bin:/bin VERKOSTO_DEMO=0 \
    /bin/sh -c 'cd /var/lib/verkosto && exec verkosto up --data /var/lib/verkosto \
      --http-host 0.0.0.0 --http-port $port'" >"$log" 2>&1 &
up=$!
cleanup() {
  # unshare --fork ignores SIGTERM while it waits: stop `verkosto up` (the
  # namespace's init, unshare's child) as `docker stop` would, then kill what
  # is left after 15 s.
  local init
  init=$(pgrep -P "$up" || true)
  [ -n "$init" ] && kill -TERM "$init" 2>/dev/null
  for _ in $(seq 1 150); do kill -0 "$up" 2>/dev/null || break; sleep 0.1; done
  kill -KILL "$up" 2>/dev/null || true
  wait "$up" 2>/dev/null || true
  umount "$rootfs/proc" 2>/dev/null || true
}
trap cleanup EXIT

healthz() { # prints the HTTP status of GET /healthz with Host $1
  curl -s -o /dev/null -w '%{http_code}' -H "Host: $1" "http://127.0.0.1:$port/healthz" || true
}
started=$(date +%s%N)
code=000
for _ in $(seq 1 600); do
  code=$(healthz "127.0.0.1:$port")
  [ "$code" = 200 ] && break
  kill -0 "$up" 2>/dev/null || break
  sleep 0.1
done
up_ms=$(( ($(date +%s%N) - started) / 1000000 ))
fail=0
if [ "$code" != 200 ]; then
  echo "FAIL: /healthz from outside the chroot answered $code"; fail=1
fi
if [ "$(healthz "localhost:$port")" != 200 ]; then
  echo "FAIL: /healthz with Host localhost:$port (a browser at the published port) refused"
  fail=1
fi
if ! ss -Hltn "sport = :$port" | grep -q '0.0.0.0:'; then
  echo "FAIL: port $port does not listen on all interfaces: $(ss -Hltn "sport = :$port")"; fail=1
fi
# The HEALTHCHECK's command, as the same user in the same root (with a /proc
# of its own mount namespace, as a container has).
if ! unshare --mount --fork /bin/sh -c "
     mount -t proc proc '$rootfs/proc' &&
     exec chroot --userspec=verkosto:verkosto '$rootfs' /usr/bin/env -i HOME=/var/lib/verkosto \
       /usr/local/bin/verkosto status --data /var/lib/verkosto"; then
  echo "FAIL: verkosto status (the HEALTHCHECK) exited non-zero"; fail=1
fi
uid=$(chroot "$rootfs" id -u verkosto)
owner=$(stat -c %u "$rootfs/var/lib/verkosto/verkosto.toml" 2>/dev/null || echo none)
[ "$owner" = "$uid" ] || { echo "FAIL: the data is owned by uid $owner, not verkosto ($uid)"; fail=1; }
[ "$uid" != 0 ] || { echo "FAIL: verkosto is root"; fail=1; }
if [ "$fail" -ne 0 ]; then
  echo "--- verkosto up's output:"; cat "$log"
fi
rm -f "$log"

echo "check-image: rootfs $rootfs: ${size} MB without the programs (minbase: ${base_size};" \
     "sanitizer libraries: ${extra_size} MB), programs ${bin_size} MB;" \
     "debootstrap $((t1 - t0)) s, packages + user + programs $((t2 - t1)) s;" \
     "start to first 200 from /healthz ${up_ms} ms"
[ "$fail" -eq 0 ] && echo "check-image: OK"
exit "$fail"
