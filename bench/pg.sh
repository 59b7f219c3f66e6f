#!/usr/bin/env bash
# The PostgreSQL benchmark of issue 17 §4: chiso's import of the history into
# PostgreSQL against psql's \copy of the raw rows, the trend query, `chiso
# copy`, and the server's reads and saves through one and two `chiso serve`
# on one database (bench/pg_bench.py). Called by bench/run.sh when
# PostgreSQL's server programs are installed; runnable alone (or as
# `bash bench/run.sh --pg`), then it also rewrites the "PostgreSQL" section of
# docs/benchmarks.md (the rest of the file is kept as run.sh last wrote it):
#
#   bash bench/pg.sh                    build, measure, write the section
#   bash bench/pg.sh --chiso PATH       measure that binary (run.sh does)
#   bash bench/pg.sh --small            without the 1.2-million-row history
#
# The server is a throw-away one (scripts/pg-test-server.sh --durable: fsync
# and synchronous commit on, as PostgreSQL ships), in bench/results/pg-server,
# stopped at the end (also when this script is interrupted: its watchdog
# follows this script's PID).
# Environment: BUILD (default build-bench), PG_ROUNDS (3), PG_SECONDS (10),
# PG_REPORTERS (200), JOBS. Results: bench/results/pg.json, bench/results/pg/.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(dirname "$HERE")"
BUILD="${BUILD:-$ROOT/build-bench}"
JOBS="${JOBS:-$(nproc)}"
CHISO=""
SMALL=""
while [ $# -gt 0 ]; do
  case "$1" in
    --chiso) CHISO="$2"; shift 2 ;;
    --small) SMALL=1; shift ;;
    *) echo "usage: bench/pg.sh [--chiso PATH] [--small]" >&2; exit 2 ;;
  esac
done

say() { printf '[pg.sh] %s\n' "$*" >&2; }
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

# 1. PostgreSQL (server and psql) and wrk from Debian.
need_apt=()
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || need_apt+=(postgresql)
command -v psql >/dev/null || need_apt+=(postgresql-client)
command -v wrk >/dev/null || need_apt+=(wrk)
if [ ${#need_apt[@]} -gt 0 ]; then
  say "installing ${need_apt[*]}"
  as_root apt-get update -q
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${need_apt[@]}"
fi

# 2. chiso in Release, unless given.
ALONE=""
if [ -z "$CHISO" ]; then
  ALONE=1
  cmake -S "$ROOT" -B "$BUILD" -G Ninja -DCMAKE_BUILD_TYPE=Release -DCHISO_TESTS=OFF >/dev/null
  cmake --build "$BUILD" --target chiso chiso-publish -j "$JOBS"
  CHISO="$BUILD/chiso"
fi

# 3. Data (deterministic; generated when missing).
mkdir -p "$HERE/data" "$HERE/results"
[ -f "$HERE/data/plan-national.toml" ] || /usr/bin/python3 "$HERE/generate.py" --what plan
/usr/bin/python3 "$HERE/generate.py" --what period
HISTORY=history-120x10k.tsv
if [ -z "$SMALL" ]; then
  /usr/bin/python3 "$HERE/generate.py" --what history
else
  HISTORY=""
fi

# 4. A server of our own, stopped on the way out.
SERVER_DIR="$HERE/results/pg-server"
trap 'bash "$ROOT/scripts/pg-test-server.sh" stop "$SERVER_DIR"' EXIT
CONNINFO=$(bash "$ROOT/scripts/pg-test-server.sh" start "$SERVER_DIR" --durable --watch $$)
say "PostgreSQL: $CONNINFO"

# 5. Measure; alone, write the PostgreSQL section of docs/benchmarks.md.
/usr/bin/python3 "$HERE/pg_bench.py" --chiso "$CHISO" --conninfo "$CONNINFO" --history "$HISTORY" \
  --out "$HERE/results/pg.json" --rounds "${PG_ROUNDS:-3}" --seconds "${PG_SECONDS:-10}" \
  --reporters "${PG_REPORTERS:-200}"
if [ -n "$ALONE" ]; then
  /usr/bin/python3 "$HERE/bench.py" --chiso "$CHISO" --pg-results "$HERE/results/pg.json" --pg-only
  say "results: $ROOT/docs/benchmarks.md (PostgreSQL section)"
fi
