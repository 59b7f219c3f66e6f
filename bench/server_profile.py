#!/usr/bin/env python3
"""Instructions per request of `chiso serve` (bench/README.md's last
paragraph, as one command): a fixed number of requests of one kind sent to
the server run under callgrind, the server stopped with SIGTERM, its
instructions divided by the requests.

    python3 bench/server_profile.py --chiso build/chiso --what table --requests 300
    python3 bench/server_profile.py --chiso build/chiso --what save --requests 300 --connections 8

--what table: GET …/table of the real city's period (plans/hai-phong-197.toml,
bench/data/period-hp62.tsv) by the coordinator; --what save: reporters each
saving their own unit's row on the 10,000-unit plan (PUT, the whole row, one
count changed each time), `--connections` of them at once, each waiting for
its answer. The sessions are made by a server run without valgrind first
(Argon2id under callgrind is slow) and kept in the database: the measured
server reads them as any server would. Prints the total instructions (all
threads) and per request, and writes the callgrind file (--out) for
callgrind_annotate. Reuses server_bench.py's set-up. Stdlib only.
"""

import argparse
import http.client
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import server_bench as sb  # noqa: E402


def start(argv, env):
    proc = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, cwd=sb.ROOT)
    line = proc.stdout.readline().decode()
    if "127.0.0.1:" not in line:
        proc.kill()
        raise RuntimeError(f"chiso serve did not start: {line!r} {proc.stderr.read()[-800:]!r}")
    return proc, int(line.split("127.0.0.1:")[1].split()[0].rstrip("/"))


def cpu_seconds(pid):
    """The user and system time of a process, all its threads."""
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--chiso", required=True)
    ap.add_argument("--what", choices=("table", "save"), default="table")
    ap.add_argument("--requests", type=int, default=300)
    ap.add_argument("--connections", type=int, default=1)
    ap.add_argument("--threads", type=int, default=2, help="chiso serve --threads")
    ap.add_argument("--data", default=os.path.join(sb.HERE, "data"))
    ap.add_argument("--results", default=os.path.join(sb.HERE, "results", "profile"))
    ap.add_argument("--out", default=None, help="the callgrind file (default: RESULTS/WHAT.cg)")
    ap.add_argument("--no-valgrind", action="store_true", help="the same requests, the server's CPU time only")
    args = ap.parse_args()
    os.makedirs(args.results, exist_ok=True)
    chiso = os.path.abspath(args.chiso)
    env = dict(os.environ, CHISO_CACHE_DIR=os.path.join(args.results, "plan-cache"))
    if args.what == "table":
        plan, period_file, period, users = (os.path.join(sb.ROOT, "plans", "hai-phong-197.toml"),
                                            os.path.join(args.data, "period-hp62.tsv"), "2025-Q4", 1)
    else:
        plan, period_file, period, users = (os.path.join(args.data, "plan-national.toml"),
                                            os.path.join(args.data, "period-10k.tsv"), sb.PERIOD,
                                            args.connections)
    base_db = os.path.join(args.results, f"base-{args.what}-{users}.db")
    sb.prepare_database(chiso, plan, period_file, base_db, users, env, period)
    db = os.path.join(args.results, f"{args.what}.db")
    for suffix in ("", "-wal", "-shm"):
        if os.path.exists(db + suffix):
            os.remove(db + suffix)
    shutil.copy(base_db, db)
    serve = ["--db", db, "--plan", plan, "serve", "--listen", "127.0.0.1:0", "--threads", str(args.threads),
             "--access-log", os.path.join(args.results, "access.log")]

    # Sessions, and each reporter's row as it stands, from a server without valgrind.
    proc, port = start([chiso] + serve, env)
    try:
        if args.what == "table":
            api = sb.Api(port)
            api.login("coord")
            sessions = [api]
        else:
            sessions = []
            for idx in range(users):
                api = sb.Api(port)
                api.login(f"rep{idx + 1}")
                sessions.append(api)
            rows_file = os.path.join(args.results, "reporters.tsv")
            sb.PERIOD = period
            sb.write_reporters(port, sessions, rows_file)
            rows = [line.rstrip("\n").split("\t") for line in open(rows_file, encoding="utf-8")]
    finally:
        sb.stop_server(proc)

    out = args.out or os.path.join(args.results, f"{args.what}.cg")
    argv = [chiso] + serve
    if not args.no_valgrind:
        argv = ["valgrind", "--tool=callgrind", f"--callgrind-out-file={out}"] + argv
    proc, port = start(argv, env)
    errors = []
    versions = [int(row[4]) for row in rows] if args.what == "save" else []

    def client(conn_idx, count):
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=600)
        if args.what == "table":
            headers = {"Cookie": sessions[0].cookie}
            for _ in range(count):
                conn.request("GET", f"/api/periods/{period}/table", headers=headers)
                reply = conn.getresponse()
                body = reply.read()
                if reply.status != 200:
                    errors.append(f"{reply.status} {body[:200]!r}")
            return
        cookie, csrf, path, _unit, _version, before, after = rows[conn_idx]
        version = versions[conn_idx]
        headers = {"Cookie": cookie, "X-CSRF-Token": csrf, "Content-Type": "application/json"}
        for count_idx in range(count):
            body = f'{before}{1000 + count_idx % 1000}{after}, "version": {version}}}'
            conn.request("PUT", path, body=body.encode(), headers=headers)
            reply = conn.getresponse()
            raw = reply.read()
            if reply.status != 200:
                errors.append(f"{reply.status} {raw[:200]!r}")
                continue
            version = int(re.search(rb'"version":(\d+)}\s*$', raw).group(1))
            versions[conn_idx] = version

    # One request apart first (the first table is computed, then kept), then
    # only the requests counted.
    client(0, 1)
    if not args.no_valgrind:
        subprocess.run(["callgrind_control", "--zero", str(proc.pid)], check=True, capture_output=True)
    per_connection = args.requests // args.connections
    cpu_before = cpu_seconds(proc.pid)
    started = time.monotonic()
    threads = [threading.Thread(target=client, args=(idx, per_connection)) for idx in range(args.connections)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.monotonic() - started
    if not args.no_valgrind:
        subprocess.run(["callgrind_control", "--dump", str(proc.pid)], check=True, capture_output=True)
    cpu_s = cpu_seconds(proc.pid) - cpu_before
    proc.send_signal(signal.SIGTERM)
    proc.wait(timeout=300)
    sent = per_connection * args.connections
    result = {"what": args.what, "requests": sent, "connections": args.connections, "errors": len(errors),
              "seconds": round(elapsed, 2), "server_cpu_s": round(cpu_s, 2)}
    if errors:
        result["first_error"] = errors[0]
    if not args.no_valgrind:
        # The dump made after the requests: callgrind writes OUT.1 for it
        # (and OUT itself at the exit).
        dumped = out + ".1"
        total = 0
        with open(dumped) as f:
            for line in f:
                if line.startswith("summary:") or line.startswith("totals:"):
                    total = int(line.split()[1])
        out = dumped
        result["instructions"] = total
        result["per_request"] = round(total / sent)
        result["callgrind"] = out
    print(json.dumps(result))
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
