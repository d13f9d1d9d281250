#!/usr/bin/env bash
# Lints the gateway's OpenAPI document with Spectral (ctest: openapi_spectral).
# $1 is the write_openapi helper, which writes the document GET
# /api/v1/openapi.json serves. The rules are spectral:oas
# (openapi.spectral.yaml); errors and warnings alike fail the test.
set -euo pipefail
cd "$(dirname "$0")"
source ./npm-ci.sh
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
"$1" "$out/openapi.json"
node_modules/.bin/spectral lint --ruleset openapi.spectral.yaml --fail-severity warn \
  "$out/openapi.json"
