#!/usr/bin/env bash
# A throw-away PostgreSQL server for the tests (issue 17 §3), from Debian's
# `postgresql` package: initdb in a folder, trust authentication, fsync off,
# a Unix socket and 127.0.0.1 at a free port. Nothing of it outlives `stop`.
#
#   pg-test-server.sh start DIR [--watch PID | --watch-parent] [--durable]
#                                               initdb, start, print the conninfo
#   pg-test-server.sh stop DIR                  stop the server, remove DIR
#
# `start` first stops a server an earlier run left in DIR. It writes the
# conninfo (libpq URI, socket form) to DIR/conninfo and prints it. With
# --watch PID a detached watchdog stops the server once PID is gone; the
# CTest fixture `pg_server` passes --watch-parent (ctest's own PID), so an
# interrupted or killed ctest leaves nothing running either.
#
# As root the server runs as the `postgres` system user (initdb refuses
# root). The data and the socket live in DIR (DIR/data, DIR/run) when that
# user can reach DIR and the socket's path is short enough (a Unix socket's
# path has ~100 bytes); otherwise in a folder under /tmp named in DIR/home.
# --durable keeps PostgreSQL's defaults for durability (fsync, synchronous
# commit, full pages): what the benchmark (bench/pg.sh) measures.
# PG_BINDIR overrides where initdb and pg_ctl are (default: the newest
# /usr/lib/postgresql/*/bin).
set -euo pipefail

usage() {
  echo "usage: $0 start DIR [--watch PID | --watch-parent] [--durable] | stop DIR" >&2
  exit 2
}
(($# >= 2)) || usage
command=$1
dir=$2
shift 2

bindir=${PG_BINDIR:-}
if [[ -z "$bindir" ]]; then
  for candidate in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V); do
    [[ -x "$candidate/pg_ctl" ]] && bindir=$candidate
  done
fi

as_root=0
[[ $(id -u) -eq 0 ]] && as_root=1

# Runs a PostgreSQL program as the user the server runs as, from a folder
# that user can read (the tools look up their own path from it).
run_pg() {
  if ((as_root)); then
    (cd / && runuser -u postgres -- "$@")
  else
    "$@"
  fi
}

# The folder the data and the socket are in: DIR's `home` file, else DIR.
home_of() {
  if [[ -f "$1/home" ]]; then cat "$1/home"; else echo "$1"; fi
}

# Stops the server of DIR (if any), its watchdog (unless it is the caller),
# and removes DIR and the folder under /tmp.
stop_dir() {
  local dir=$1 home
  [[ -d "$dir" ]] || return 0
  home=$(home_of "$dir")
  if [[ -f "$dir/watchdog.pid" ]]; then
    local watchdog
    watchdog=$(cat "$dir/watchdog.pid")
    if [[ "$watchdog" =~ ^[0-9]+$ && "$watchdog" != "$$" ]]; then
      kill "$watchdog" 2>/dev/null || true
    fi
  fi
  if [[ -f "$home/data/postmaster.pid" && -n "$bindir" ]]; then
    run_pg "$bindir/pg_ctl" -D "$home/data" -m fast -w -t 30 stop >/dev/null 2>&1 ||
      run_pg "$bindir/pg_ctl" -D "$home/data" -m immediate -w -t 30 stop >/dev/null 2>&1 || true
  fi
  # A server pg_ctl could not stop (no pg_ctl, a broken data folder): its PID.
  if [[ -f "$home/data/postmaster.pid" ]]; then
    local postmaster
    postmaster=$(head -n 1 "$home/data/postmaster.pid")
    if [[ "$postmaster" =~ ^[0-9]+$ ]] && kill -0 "$postmaster" 2>/dev/null; then
      kill -QUIT "$postmaster" 2>/dev/null || true
    fi
  fi
  [[ "$home" != "$dir" ]] && rm -rf "$home"
  rm -rf "$dir"
}

# Percent-encodes a value for a libpq URI.
uri_encode() {
  local text=$1 out="" char index
  for ((index = 0; index < ${#text}; index++)); do
    char=${text:index:1}
    case "$char" in
      [A-Za-z0-9/._~-]) out+=$char ;;
      *) out+=$(printf '%%%02X' "'$char") ;;
    esac
  done
  echo "$out"
}

port_in_use() {
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

start() {
  local watch="" durable=0
  while (($#)); do
    case "$1" in
      --durable) durable=1; shift ;;
      --watch) watch=${2:?--watch needs a PID}; shift 2 ;;
      --watch-parent) watch=$PPID; shift ;;
      *) usage ;;
    esac
  done
  if [[ -z "$bindir" ]]; then
    echo "pg-test-server: no PostgreSQL server programs (initdb, pg_ctl) in /usr/lib/postgresql/*/bin;" \
      "install Debian's postgresql package (scripts/install-deps.sh --test) or set PG_BINDIR" >&2
    exit 1
  fi
  if ((as_root)) && ! id postgres >/dev/null 2>&1; then
    echo "pg-test-server: running as root, but there is no 'postgres' system user to run the server as" \
      "(Debian's postgresql package creates it)" >&2
    exit 1
  fi

  stop_dir "$dir"
  mkdir -p "$dir"
  dir=$(cd "$dir" && pwd)
  ((as_root)) && chown postgres "$dir"

  local home=$dir
  local reachable=1
  ((as_root)) && ! runuser -u postgres -- test -w "$dir" 2>/dev/null && reachable=0
  if ((!reachable || ${#dir} > 80)); then
    home=$(mktemp -d /tmp/chiso-pg-test.XXXXXX)
    ((as_root)) && chown postgres "$home"
    echo "$home" >"$dir/home"
  fi
  run_pg mkdir -p "$home/run"

  if ! run_pg "$bindir/initdb" -D "$home/data" -U postgres --auth=trust --encoding=UTF8 \
    --locale=C --no-sync >"$dir/initdb.log" 2>&1; then
    cat "$dir/initdb.log" >&2
    echo "pg-test-server: initdb failed in $home/data (its output above)" >&2
    exit 1
  fi

  # Loopback and the socket in $home/run only; for the tests durability off:
  # the data is thrown away after the run. The port comes with each attempt
  # to start.
  {
    echo "listen_addresses = '127.0.0.1'"
    echo "unix_socket_directories = '$home/run'"
    echo "max_connections = 300"
    echo "shared_buffers = 128MB"
    if ((!durable)); then
      echo "fsync = off"
      echo "synchronous_commit = off"
      echo "full_page_writes = off"
    fi
  } | run_pg tee -a "$home/data/postgresql.conf" >/dev/null
  local port attempt started=0
  for attempt in 1 2 3 4 5 6 7 8; do
    port=$((20000 + RANDOM % 40000))
    port_in_use "$port" && continue
    if run_pg "$bindir/pg_ctl" -D "$home/data" -l "$home/server.log" -o "-p $port" -w -t 60 \
      start >/dev/null 2>&1; then
      started=1
      break
    fi
  done
  if ((!started)); then
    tail -n 30 "$home/server.log" >&2 || true
    echo "pg-test-server: the server did not start (its log above, $home/server.log)" >&2
    exit 1
  fi

  local conninfo
  conninfo="postgresql://postgres@/postgres?host=$(uri_encode "$home/run")&port=$port"
  echo "$conninfo" >"$dir/conninfo"
  if [[ -n "$watch" ]]; then
    setsid bash "$0" watch "$dir" "$watch" </dev/null >"$dir/watchdog.log" 2>&1 &
    echo $! >"$dir/watchdog.pid"
  fi
  echo "$conninfo"
}

# Stops the server of DIR once PID has exited (or DIR has gone).
watch() {
  local pid=${1:?}
  while kill -0 "$pid" 2>/dev/null && [[ -f "$dir/conninfo" ]]; do
    sleep 1
  done
  [[ -f "$dir/conninfo" ]] && stop_dir "$dir"
  return 0
}

case "$command" in
  start) start "$@" ;;
  stop) stop_dir "$dir" ;;
  watch) watch "$@" ;;
  *) usage ;;
esac
