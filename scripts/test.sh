#!/usr/bin/env bash
# Everything from a fresh Debian 12 machine to a full test run: installs the
# packages, checks the formatting, builds the test preset (AddressSanitizer +
# UndefinedBehaviorSanitizer, -Werror), lints with clang-tidy, runs every test
# with ctest, then runs the tests on the real clock (integration and browser)
# twice more with the system's clock moved far ahead, so that no date written
# into a test can break the suite on some future day. .ci/run calls exactly this.
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '\n==> %s\n' "$*"; }

step "install-deps"
bash scripts/install-deps.sh
export CCACHE_DIR="${CCACHE_DIR:-$HOME/.cache/verkosto-ccache}"
# Paths relative to the checkout, so a fresh clone elsewhere (CI) or another
# build directory reuses what an earlier build compiled.
export CCACHE_BASEDIR="$PWD" CCACHE_NOHASHDIR=true

step "format (clang-format --check)"
bash scripts/format.sh --check

step "build (test preset)"
cmake --preset test
cmake --build --preset test

step "lint (clang-tidy)"
python3 scripts/lint.py --build build/test

step "tests"
ctest --preset test

# The tests that run whole systems on the real clock take their dates from
# today; here the services' clock runs 400 and 3000 days ahead.
for days in 400 3000; do
  step "tests on the real clock, shifted +$days days (labels integration, e2e)"
  VERKOSTO_TEST_CLOCK_OFFSET_DAYS=$days ctest --preset test -L 'integration|e2e'
done
step "all tests passed"
