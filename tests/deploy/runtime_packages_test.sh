#!/usr/bin/env bash
# deploy/runtime-packages.txt — what the container's runtime stage and
# deploy/check-image.sh install — names the package of every shared library the
# built programs link directly (readelf NEEDED → dpkg -S), except the sanitizer
# runtimes of a test build. A new library dependency without its package in
# the list fails here, not in a container at start-up.
# Usage: runtime_packages_test.sh SOURCE_DIR BIN_DIR
set -euo pipefail
src=${1:?source dir}
bin=${2:?directory of the built programs}
list="$src/deploy/runtime-packages.txt"
declare -A listed=()
while read -r pkg; do listed[$pkg]=1; done < <(sed -e 's/#.*//' -e '/^[[:space:]]*$/d' "$list")

package_of() {  # the Debian package that ships library $1 (by soname), or nothing
  local path
  path=$(ldconfig -p | awk -v l="$1" '$1 == l { print $NF; exit }')
  [ -n "$path" ] || return 0
  # dpkg knows a file under the path it was packaged with (/lib or /usr/lib).
  for p in "$path" "$(readlink -f "$path")" "${path#/usr}" "/usr$path"; do
    dpkg -S "$p" 2>/dev/null | head -1 | cut -d: -f1 && return 0
  done
}

fail=0
declare -A seen=()
for program in verkosto networks nominations notifications gateway; do
  [ -x "$bin/$program" ] || { echo "FAIL: $bin/$program not built"; exit 1; }
  while read -r lib; do
    case "$lib" in libasan.so* | libubsan.so* | libtsan.so*) continue ;; esac
    [ -n "${seen[$lib]:-}" ] && continue
    seen[$lib]=1
    pkg=$(package_of "$lib")
    if [ -z "$pkg" ]; then
      echo "FAIL: $program needs $lib, which no installed package ships"
      fail=1
      continue
    fi
    if [ -z "${listed[$pkg]:-}" ]; then
      echo "FAIL: $program needs $lib from $pkg, which $list does not list"
      fail=1
    fi
  done < <(readelf -d "$bin/$program" | awk -F'[][]' '/NEEDED/ { print $2 }')
done
[ "$fail" -eq 0 ] && echo "runtime packages: every library of the programs is covered (${#seen[@]} libraries)"
exit "$fail"
