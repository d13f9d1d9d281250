#!/usr/bin/env bash
# The web UI's end-to-end test (ctest: web_e2e). Installs playwright-core and
# axe-core from package-lock.json into tests/e2e/node_modules (npm ci, only
# when the lock file changed), then runs the scenario with node's test runner
# against `verkosto up` from $VERKOSTO_BIN_DIR in headless $CHROMIUM.
set -euo pipefail
cd "$(dirname "$0")"
source ./npm-ci.sh
exec node --test --test-reporter=spec web.e2e.test.mjs
