#!/usr/bin/env bash
# Formats every C++ and proto source in place (clang-format, .clang-format).
# With --check: changes nothing, exits 1 if a file is not formatted.
set -euo pipefail
cd "$(dirname "$0")/.."
mapfile -t files < <(git ls-files '*.h' '*.cpp' '*.proto')
if [ "${1:-}" = "--check" ]; then
  clang-format --dry-run -Werror "${files[@]}"
else
  clang-format -i "${files[@]}"
fi
