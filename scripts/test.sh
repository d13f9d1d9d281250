#!/usr/bin/env bash
# Everything from a fresh Debian 12 machine to a full test run: installs the
# packages, builds the test preset (AddressSanitizer + UndefinedBehaviorSanitizer,
# -Werror) and runs every test with ctest. .ci/run calls exactly this.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/install-deps.sh
export CCACHE_DIR="${CCACHE_DIR:-$HOME/.cache/verkosto-ccache}"
# Paths relative to the checkout, so a fresh clone elsewhere (CI) or another
# build directory reuses what an earlier build compiled.
export CCACHE_BASEDIR="$PWD" CCACHE_NOHASHDIR=true
cmake --preset test
cmake --build --preset test
ctest --preset test
