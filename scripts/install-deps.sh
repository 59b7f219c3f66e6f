#!/usr/bin/env bash
# Installs the Debian 12 packages chiso builds, runs and tests with.
# Idempotent: does nothing when everything is already there.
set -euo pipefail

build_pkgs=(build-essential cmake pkg-config ninja-build
  libcli11-dev libfmt-dev nlohmann-json3-dev libxlsxwriter-dev libpugixml-dev
  libzip-dev libtomlplusplus-dev libicu-dev libsqlite3-dev sqlite3
  libcairo2-dev libpango1.0-dev fonts-liberation2 libsodium-dev nettle-dev binutils
  libboost1.74-dev  # Boost.Beast/Asio, header-only: chiso serve
  libpq-dev)  # PostgreSQL's client library: the store on PostgreSQL
test_pkgs=(libgtest-dev libgmock-dev python3 python3-docx python3-openpyxl
  poppler-utils zip unzip clang libclang-rt-14-dev  # clang + libFuzzer: `make fuzz`
  chromium  # the browser tests of tests/web (headless, driven by playwright-core)
  postgresql)  # the throw-away server of the PostgreSQL tests (scripts/pg-test-server.sh)
# node + npm run the OpenAPI validator of tests/server and the browser tests
# of tests/web (each with its own lock file).
command -v node >/dev/null || test_pkgs+=(nodejs)
command -v npm >/dev/null || test_pkgs+=(npm)

want=("${build_pkgs[@]}")
if [[ "${1:-}" == "--test" ]]; then want+=("${test_pkgs[@]}"); fi

missing=()
for pkg in "${want[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
if ((${#missing[@]})); then
  echo "install-deps: installing ${missing[*]}"
  SUDO=""
  [[ $(id -u) -ne 0 ]] && SUDO=sudo
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# The npm tools of the server's tests (tests/server/package-lock.json) and of
# the browser tests (tests/web/package-lock.json), once.
if [[ "${1:-}" == "--test" ]]; then
  here=$(cd "$(dirname "$0")/.." && pwd)
  if [[ ! -d "$here/tests/server/node_modules/@apidevtools/swagger-parser" ]]; then
    echo "install-deps: npm ci in tests/server"
    (cd "$here/tests/server" && npm ci --no-audit --no-fund >/dev/null)
  fi
  if [[ ! -d "$here/tests/web/node_modules/playwright-core" ]]; then
    echo "install-deps: npm ci in tests/web"
    (cd "$here/tests/web" && npm ci --no-audit --no-fund >/dev/null)
  fi
fi
