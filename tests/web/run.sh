#!/usr/bin/env bash
# ctest's browser tests (web_round: round_test.mjs, web_kinds: kinds_test.mjs)
# in Debian's headless chromium, driven by playwright-core
# (tests/web/package-lock.json). Skipped (77) with a clear message only when
# node or chromium is missing.
#   run.sh TEST.mjs CHISO_EXE SAMPLE OUT_DIR
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
if ! command -v node >/dev/null; then
  echo "SKIPPED: node is not installed (scripts/install-deps.sh --test installs nodejs and chromium, and runs npm ci)"
  exit 77
fi
if [[ ! -x /usr/bin/chromium ]]; then
  echo "SKIPPED: /usr/bin/chromium is not installed (scripts/install-deps.sh --test installs it)"
  exit 77
fi
if [[ ! -d "$here/node_modules/playwright-core" ]]; then
  echo "FAILED: playwright-core is missing: run 'npm ci' in tests/web (scripts/install-deps.sh --test does)"
  exit 1
fi
test_file=$1
shift
# page.waitForFunction evaluates a string in the page once its first try is
# false, which the pages' CSP (no eval) refuses: an EvalError that reads as a
# timeout, only when the page is slower than the test (CI, stop 29).
if grep -n '\.waitForFunction(' "$here"/*.mjs; then
  echo "FAILED: the lines above use page.waitForFunction; use wait_until (web_support.mjs), which the CSP allows"
  exit 1
fi
cd "$here" && exec node "$test_file" "$@"
