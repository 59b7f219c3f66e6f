#!/usr/bin/env bash
# The benchmark of issues 2 §8, 13 §5 and 16 §7, in one command: builds chiso in Release,
# generates the national-scale data if missing, installs the peers if missing,
# measures chiso and the peers side by side and writes docs/benchmarks.md.
#
#   bash bench/run.sh           everything (the 1.2-million-row history takes
#                               a few minutes per tool: 3 rounds each)
#   bash bench/run.sh --small   the seed and the 10,000-unit period only
#   bash bench/run.sh --pg      the PostgreSQL part alone (bench/pg.sh), which
#                               the runs above include when PostgreSQL's
#                               server programs are installed
#
# Environment: BUILD (default build-bench), RUNS_SMALL (5), RUNS_BIG (3),
# JOBS (build jobs, default nproc).
# Data goes to bench/data/, raw outputs and databases to bench/results/ (both
# git-ignored). Needs root (or sudo) for apt-get only when a peer is missing.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(dirname "$HERE")"
BUILD="${BUILD:-$ROOT/build-bench}"
JOBS="${JOBS:-$(nproc)}"
SMALL=""
for arg in "$@"; do
  case "$arg" in
    --small) SMALL="--small" ;;
    --pg) exec bash "$HERE/pg.sh" ;;
    *) echo "usage: bench/run.sh [--small | --pg]" >&2; exit 2 ;;
  esac
done

say() { printf '[run.sh] %s\n' "$*" >&2; }
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

# 1. Tools: the build's Debian packages, the peers, the sqlite3 shell.
need_apt=()
command -v sqlite3 >/dev/null || need_apt+=(sqlite3)
command -v node >/dev/null || need_apt+=(nodejs)
command -v npm >/dev/null || need_apt+=(npm)
/usr/bin/python3 -c 'import pandas' 2>/dev/null || need_apt+=(python3-pandas)
if [ ${#need_apt[@]} -gt 0 ]; then
  say "installing ${need_apt[*]}"
  as_root apt-get update -q
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${need_apt[@]}"
fi
if [ -f "$ROOT/scripts/install-deps.sh" ]; then
  bash "$ROOT/scripts/install-deps.sh"
fi
if [ ! -d "$HERE/node_modules/@duckdb/node-api" ]; then
  say "installing @duckdb/node-api (bench/package.json)"
  (cd "$HERE" && npm install --no-audit --no-fund)
fi

# 2. chiso in Release.
cmake -S "$ROOT" -B "$BUILD" -G Ninja -DCMAKE_BUILD_TYPE=Release -DCHISO_TESTS=OFF >/dev/null
cmake --build "$BUILD" --target chiso chiso-publish record_unit_row_bench -j "$JOBS"

# 3. Data (deterministic; regenerated only when missing, the plan also when
#    plans/hai-phong-197.toml is newer).
mkdir -p "$HERE/data"
if [ "$ROOT/plans/hai-phong-197.toml" -nt "$HERE/data/plan-national.toml" ]; then
  /usr/bin/python3 "$HERE/generate.py" --what plan --force
fi
/usr/bin/python3 "$HERE/generate.py" --what period
if [ -z "$SMALL" ]; then
  /usr/bin/python3 "$HERE/generate.py" --what history
fi

# 4. The server under wrk beside nginx (bench/server.sh), PostgreSQL
#    (bench/pg.sh) when its server programs are installed, then measure the
#    rest and write docs/benchmarks.md with all.
bash "$HERE/server.sh" --chiso "$BUILD/chiso"
PG_RESULTS=""
if ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
  bash "$HERE/pg.sh" --chiso "$BUILD/chiso" $SMALL
  PG_RESULTS="$HERE/results/pg.json"
fi
/usr/bin/python3 "$HERE/bench.py" --chiso "$BUILD/chiso" --record-bench "$BUILD/record_unit_row_bench" $SMALL \
  --runs-small "${RUNS_SMALL:-5}" --runs-big "${RUNS_BIG:-3}" --server-results "$HERE/results/server.json" \
  --pg-results "$PG_RESULTS"
say "results: $ROOT/docs/benchmarks.md"
