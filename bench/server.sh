#!/usr/bin/env bash
# The server benchmark of issue 16 §7: chiso serve under wrk, beside nginx
# serving the same bytes (bench/server_bench.py). Called by bench/run.sh;
# runnable alone, then it also rewrites the "Server" section of
# docs/benchmarks.md (the rest of the file is kept as run.sh last wrote it):
#
#   bash bench/server.sh                 build, measure, write the section
#   bash bench/server.sh --chiso PATH    measure that binary (run.sh does)
#
# Environment: BUILD (default build-bench), SERVER_ROUNDS (3), SERVER_SECONDS
# (10), JOBS. Needs root (or sudo) for apt-get only when wrk or nginx is
# missing. Results: bench/results/server.json and bench/results/server/.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(dirname "$HERE")"
BUILD="${BUILD:-$ROOT/build-bench}"
JOBS="${JOBS:-$(nproc)}"
CHISO=""
while [ $# -gt 0 ]; do
  case "$1" in
    --chiso) CHISO="$2"; shift 2 ;;
    *) echo "usage: bench/server.sh [--chiso PATH]" >&2; exit 2 ;;
  esac
done

say() { printf '[server.sh] %s\n' "$*" >&2; }
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

# 1. wrk and nginx from Debian (nginx-light: the static file is all it serves).
need_apt=()
command -v wrk >/dev/null || need_apt+=(wrk)
command -v nginx >/dev/null || [ -x /usr/sbin/nginx ] || need_apt+=(nginx-light)
if [ ${#need_apt[@]} -gt 0 ]; then
  say "installing ${need_apt[*]}"
  as_root apt-get update -q
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${need_apt[@]}"
  # Debian starts the nginx service it installs where it can: not wanted here.
  as_root sh -c 'command -v systemctl >/dev/null && systemctl disable --now nginx 2>/dev/null || true'
fi
export PATH="$PATH:/usr/sbin"

# 2. chiso in Release, unless given.
ALONE=""
if [ -z "$CHISO" ]; then
  ALONE=1
  cmake -S "$ROOT" -B "$BUILD" -G Ninja -DCMAKE_BUILD_TYPE=Release -DCHISO_TESTS=OFF >/dev/null
  cmake --build "$BUILD" --target chiso chiso-publish -j "$JOBS"
  CHISO="$BUILD/chiso"
fi

# 3. The 10,000-unit plan and period, and the real-sized periods of the city
# (deterministic; generated when missing).
mkdir -p "$HERE/data"
[ -f "$HERE/data/plan-national.toml" ] || /usr/bin/python3 "$HERE/generate.py" --what plan
/usr/bin/python3 "$HERE/generate.py" --what period
/usr/bin/python3 "$HERE/generate.py" --what city

# 4. Measure; alone, write the Server section of docs/benchmarks.md.
/usr/bin/python3 "$HERE/server_bench.py" --chiso "$CHISO" --out "$HERE/results/server.json" \
  --rounds "${SERVER_ROUNDS:-3}" --seconds "${SERVER_SECONDS:-10}"
if [ -n "$ALONE" ]; then
  /usr/bin/python3 "$HERE/bench.py" --chiso "$CHISO" --server-results "$HERE/results/server.json" --server-only
  say "results: $ROOT/docs/benchmarks.md (Server section)"
fi
