#!/usr/bin/env bash
# Everything from a fresh Debian 12 machine to a running system: installs the
# packages, builds the release preset and runs `verkosto up` on its embedded
# defaults (data in ./var, web on http://127.0.0.1:8080/). Extra arguments go
# to `verkosto up`, e.g. `bash scripts/up.sh --http-port 8081`.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/install-deps.sh
export CCACHE_DIR="${CCACHE_DIR:-$HOME/.cache/verkosto-ccache}"
export CCACHE_BASEDIR="$PWD" CCACHE_NOHASHDIR=true
cmake --preset release
cmake --build --preset release
exec build/release/bin/verkosto up --data var "$@"
