#!/usr/bin/env bash
# Everything from a fresh Debian 12 machine to a full test run: installs the
# packages, builds the test preset (AddressSanitizer + UndefinedBehaviorSanitizer,
# -Werror) and runs every test with ctest. .ci/run calls exactly this.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/install-deps.sh
export CCACHE_DIR="${CCACHE_DIR:-$HOME/.cache/verkosto-ccache}"
cmake --preset test
cmake --build --preset test
ctest --preset test
