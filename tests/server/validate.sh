#!/usr/bin/env bash
# ctest's openapi_validates: node validate.mjs on the document; skipped (77)
# with a clear message only when node is missing.
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
if ! command -v node >/dev/null; then
  echo "SKIPPED: node is not installed (scripts/install-deps.sh --test installs nodejs and runs npm ci)"
  exit 77
fi
if [[ ! -d "$here/node_modules/@apidevtools/swagger-parser" ]]; then
  echo "FAILED: @apidevtools/swagger-parser is missing: run 'npm ci' in tests/server (scripts/install-deps.sh --test does)"
  exit 1
fi
cd "$here" && exec node validate.mjs "$1"
