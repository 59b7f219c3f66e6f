#!/usr/bin/env python3
"""The server benchmark of issue 16 §7 (bench/server.sh runs it).

`chiso serve` on a database with the 10,000-unit plan and one period of it,
measured with wrk, beside nginx on loopback serving a static file of the
same bytes as the table's answer (the ceiling of this machine):

- the table GET /api/periods/{p}/table at 100 connections, chiso and nginx
  taking turns, round after round;
- 1,000 keep-alive connections open at once (GET /api/session, which reads
  the session from the store), nginx beside it serving the same bytes:
  every request answered, none waiting behind another connection;
- 200 reporters saving their own unit's row (PUT, the whole row as a page
  sends it, one count changed each time): acknowledged saves per second;
- the server's resident memory (/proc/PID/status VmRSS, VmHWM);
- the table at a real size, 100 connections beside nginx as above: Plan
  197's own period of the new Hải Phòng (62 units) and a generated period of
  its size after the merger (114 communes, wards and special zones and the
  19 departments and agencies: bench/generate.py --what city);
- the reporter's form in headless Chromium (bench/form_draw.mjs): drawn
  (median of several loads, nothing cached) and the bytes transferred, on the
  real plan and on the 10,000-unit one.

Writes one JSON file (--out) that bench.py turns into the "Server" section of
docs/benchmarks.md. Stdlib only.
"""

import argparse
import datetime
import http.client
import json
import os
import shutil
import signal
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
PERIOD = "2025-12"
PASSWORD = "mat-khau-bench-01"


def log(msg):
    print(f"[server] {msg}", file=sys.stderr, flush=True)


def load_average():
    with open("/proc/loadavg", encoding="utf-8") as f:
        return float(f.read().split()[0])


def tree_commit():
    """The commit of the tree the benchmark runs in ("…-dirty" with changes
    not committed), as `git describe --always --dirty` says it."""
    out = subprocess.run(["git", "-C", ROOT, "describe", "--always", "--dirty"], capture_output=True, text=True)
    return out.stdout.strip() or "unknown"


def settled_load(limit_s=150):
    """The 1-minute load average once the work before this measure (an
    earlier part of bench/run.sh) has left it, waiting up to limit_s while it
    falls: what is left is other work on the machine."""
    cpus = os.cpu_count() or 1
    deadline = time.monotonic() + limit_s
    while load_average() >= 0.5 * cpus and time.monotonic() < deadline:
        time.sleep(5)
    return load_average()


def proc_status(pid):
    fields = {}
    with open(f"/proc/{pid}/status", encoding="utf-8") as f:
        for line in f:
            name, _, value = line.partition(":")
            if name in ("VmRSS", "VmHWM"):
                fields[name] = int(value.split()[0])  # kB
    return fields


def reset_peak(pid):
    # Linux: writing 5 to clear_refs resets VmHWM to the current RSS.
    try:
        with open(f"/proc/{pid}/clear_refs", "w", encoding="utf-8") as f:
            f.write("5")
        return True
    except OSError:
        return False


class Api:
    """One keep-alive connection to chiso serve, with a session."""

    def __init__(self, port):
        self.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
        self.cookie, self.csrf = "", ""

    def call(self, method, path, body=None):
        headers = {"Content-Type": "application/json"} if body is not None else {}
        if self.cookie:
            headers["Cookie"] = self.cookie
        if self.csrf and method != "GET":
            headers["X-CSRF-Token"] = self.csrf
        data = json.dumps(body, ensure_ascii=False).encode() if body is not None else None
        try:
            self.conn.request(method, path, body=data, headers=headers)
            reply = self.conn.getresponse()
        except (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError):
            # Closed by the server after its keep-alive idle time (logging in
            # 200 reporters on a busy machine takes longer): once more, anew.
            self.conn.close()
            self.conn.request(method, path, body=data, headers=headers)
            reply = self.conn.getresponse()
        raw = reply.read()
        return reply.status, raw, reply

    def login(self, user):
        status, raw, reply = self.call("POST", "/api/session", {"username": user, "password": PASSWORD})
        if status != 200:
            raise RuntimeError(f"login {user}: {status} {raw[:300]!r}")
        self.cookie = reply.getheader("Set-Cookie").split(";")[0]
        self.csrf = json.loads(raw)["csrf_token"]


def start_server(chiso, db, plan, results, env):
    log_path = os.path.join(results, "access.log")
    proc = subprocess.Popen([chiso, "--db", db, "--plan", plan, "serve", "--listen", "127.0.0.1:0",
                             "--access-log", log_path],
                            stdout=subprocess.PIPE, stderr=open(os.path.join(results, "serve.err"), "wb"),
                            env=env, cwd=ROOT)
    line = proc.stdout.readline().decode()
    if "127.0.0.1:" not in line:
        proc.kill()
        raise RuntimeError(f"chiso serve did not start: {line!r}")
    port = int(line.split("127.0.0.1:")[1].split()[0].rstrip("/"))
    return proc, port


def stop_server(proc):
    proc.send_signal(signal.SIGTERM)
    try:
        proc.wait(timeout=60)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


def start_nginx(folder, body_file):
    os.makedirs(folder, exist_ok=True)
    port_probe = __import__("socket").socket()
    port_probe.bind(("127.0.0.1", 0))
    port = port_probe.getsockname()[1]
    port_probe.close()
    conf = os.path.join(folder, "nginx.conf")
    with open(conf, "w", encoding="utf-8") as f:
        f.write(f"""worker_processes auto;
daemon off;
pid {folder}/nginx.pid;
error_log {folder}/error.log;
events {{ worker_connections 4096; }}
http {{
  access_log off;
  client_body_temp_path {folder}/body;
  proxy_temp_path {folder}/proxy;
  fastcgi_temp_path {folder}/fastcgi;
  uwsgi_temp_path {folder}/uwsgi;
  scgi_temp_path {folder}/scgi;
  keepalive_requests 1000000;
  server {{
    listen 127.0.0.1:{port};
    location = /table.json {{ root {os.path.dirname(body_file)}; default_type application/json; }}
  }}
}}
""")
    proc = subprocess.Popen(["nginx", "-c", conf, "-p", folder], stderr=open(os.path.join(folder, "stderr"), "wb"))
    for _ in range(100):
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            conn.request("GET", "/table.json")
            if conn.getresponse().status == 200:
                return proc, port
        except OSError:
            time.sleep(0.05)
    proc.kill()
    raise RuntimeError(f"nginx did not start (see {folder}/error.log)")


def wrk(script, url, connections, seconds, env_extra, threads=2):
    env = dict(os.environ, **env_extra)
    argv = ["wrk", "-t", str(threads), "-c", str(connections), "-d", f"{seconds}s", "--timeout", "10s",
            "-s", os.path.join(HERE, script), url]
    out = subprocess.run(argv, capture_output=True, text=True, env=env)
    for line in reversed(out.stdout.strip().splitlines()):
        if line.startswith("{"):
            result = json.loads(line)
            result["rps"] = result["requests"] / (result["duration_us"] / 1e6)
            return result
    raise RuntimeError(f"wrk {url}: no result\n{out.stdout[-800:]}\n{out.stderr[-800:]}")


def measure_table(results, label, port, cookie, table_url, body, rounds, seconds, connections=100,
                  what="table"):
    """`what` (the table) at `connections` connections, chiso and nginx
    (serving `body`, the same bytes) taking turns, round after round:
    {"chiso": [...], "nginx": [...]}."""
    body_file = os.path.join(results, "www-" + label, "table.json")
    os.makedirs(os.path.dirname(body_file), exist_ok=True)
    with open(body_file, "wb") as f:
        f.write(body)
    nginx, nginx_port = start_nginx(os.path.join(results, "nginx-" + label), body_file)
    try:
        nginx_url = f"http://127.0.0.1:{nginx_port}/table.json"
        runs = {"chiso": [], "nginx": []}
        for round_idx in range(rounds):
            order = [("chiso", table_url, {"CHISO_COOKIE": cookie}), ("nginx", nginx_url, {})]
            if round_idx % 2:
                order.reverse()
            for tool, url, extra in order:
                got = wrk("wrk_read.lua", url, connections, seconds, extra)
                runs[tool].append(got)
                errors = got["connect_errors"] + got["read_errors"] + got["write_errors"] + got["timeouts"]
                log(f"{what} {label}, {connections:,} connections, {tool}: {got['rps']:.0f} req/s, "
                    f"p99 {got['p99_us'] / 1000:.2f} ms, largest {got['max_us'] / 1000:.2f} ms, errors {errors}")
        return runs
    finally:
        nginx.send_signal(signal.SIGQUIT)
        nginx.wait(timeout=30)


def form_draw(base, user, form_path, loads):
    """bench/form_draw.mjs's result, or {"error": why} when it cannot run."""
    if not shutil.which("node") or not os.path.exists("/usr/bin/chromium"):
        return {"error": "node or /usr/bin/chromium missing (scripts/install-deps.sh --test)"}
    if not os.path.isdir(os.path.join(ROOT, "tests", "web", "node_modules", "playwright-core")):
        return {"error": "playwright-core missing: npm ci in tests/web (scripts/install-deps.sh --test)"}
    out = subprocess.run(["node", os.path.join(HERE, "form_draw.mjs"), base, user, PASSWORD, form_path, str(loads)],
                         capture_output=True, text=True, timeout=600)
    for line in reversed(out.stdout.strip().splitlines()):
        if line.startswith("{"):
            result = json.loads(line)
            log(f"form {form_path}: {result['cells']} cells drawn in {result['median_drawn_ms']:.0f} ms (median), "
                f"{result['bytes_total'] / 1024:.1f} KiB")
            return result
    return {"error": f"form_draw.mjs: {out.stderr.strip()[-400:]}"}


def plan_unit_names(plan, count):
    """The first `count` units of a plan: from its units_file, else its [[units]]."""
    import tomllib
    with open(plan, "rb") as f:
        doc = tomllib.load(f)
    if "units_file" in doc:
        with open(os.path.join(os.path.dirname(plan), doc["units_file"]), encoding="utf-8") as f:
            next(f)
            return [line.split("\t")[0] for _, line in zip(range(count), f)]
    return [unit["name"] for unit in doc["units"][:count]]


# The pause of a paced reporter after each answer: 200 reporters offer
# 200 / (0.090 s + a save's latency), over the 2,000 saves/s of the aim.
SAVE_PAUSE_MS = 90


def prepare_database(chiso, plan, period_file, base_db, reporters, env, period=PERIOD):
    """The period imported, a coordinator and the reporters of units
    1…reporters (each its own unit). Kept between runs of the same chiso
    (the users' passwords are hashed with Argon2id, which takes a while for
    200), made again when chiso is newer than it: a database kept from an
    older release would be measured with that release's schema and password
    costs (a login verifies with the costs its hash was made with)."""
    stamp = base_db + ".ready"
    if (os.path.exists(stamp) and open(stamp).read().strip() == str(reporters)
            and os.path.getmtime(stamp) > os.path.getmtime(chiso)):
        return
    for suffix in ("", "-wal", "-shm"):
        if os.path.exists(base_db + suffix):
            os.remove(base_db + suffix)
    log(f"preparing {base_db}: {os.path.basename(period_file)}, a coordinator and {reporters} reporters")
    out = subprocess.run([chiso, "--plan", plan, "--db", base_db, "import", period_file, "--period", period],
                         capture_output=True, text=True, env=env)
    if out.returncode not in (0, 1):
        raise RuntimeError(f"import: {out.stderr[-500:]}")
    units = plan_unit_names(plan, reporters)
    users = [("coord", "coordinator", None)] + [(f"rep{idx + 1}", "reporter", units[idx]) for idx in range(reporters)]
    for name, role, unit in users:
        argv = [chiso, "--plan", plan, "--db", base_db, "user", "add", name, "--role", role, "--password-stdin"]
        if unit:
            argv += ["--unit", unit]
        out = subprocess.run(argv, input=PASSWORD + "\n", capture_output=True, text=True, env=env)
        if out.returncode != 0:
            raise RuntimeError(f"user add {name}: {out.stdout[-300:]} {out.stderr[-300:]}")
    with open(stamp, "w") as f:
        f.write(str(reporters))


def write_reporters(port, sessions, path):
    """One line per reporter for wrk_save.lua: its session, its row's path,
    the unit, the current version and the row as typed, split around the
    count that each save changes (tthc_shortened)."""
    lines = []
    for idx, api in enumerate(sessions):
        row_path = f"/api/periods/{PERIOD}/units/{idx + 1}"
        status, raw, _ = api.call("GET", row_path)
        if status != 200:
            raise RuntimeError(f"GET {row_path}: {status} {raw[:200]!r}")
        row = json.loads(raw)
        values = {code: cell["raw"] for code, cell in row["values"].items()}
        values["tthc_shortened"] = "@COUNT@"
        text = json.dumps({"values": values}, ensure_ascii=False)[:-1]  # without the closing brace
        before, after = text.split("@COUNT@")
        unit_name = row["unit"]["name"]  # the row's unit: {"id", "name", "short_name", "kind"}
        lines.append("\t".join([api.cookie, api.csrf, row_path, unit_name, str(row["version"]), before, after]))
    with open(path, "w", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")


# The table at a real size: (label, plan, period file, period); a plan with a
# folder in its path is the repository's, a bare name is in --data (made by
# generate.py --what city, as the period files are).
CITY_TABLES = [
    ("hp62", "plans/hai-phong-197.toml", "period-hp62.tsv", "2025-Q4"),
    ("city133", "plan-city133.toml", "period-city133.tsv", "2025-Q4"),
]


def measure_city(chiso, label, plan, period_file, period, args, env):
    """One real-sized period on a server of its own: its table at 100
    connections beside nginx, and the reporter's form of its first unit."""
    base_db = os.path.join(args.results, f"base-{label}.db")
    prepare_database(chiso, plan, period_file, base_db, 1, env, period)
    db = os.path.join(args.results, f"chiso-{label}.db")
    for suffix in ("", "-wal", "-shm"):
        if os.path.exists(db + suffix):
            os.remove(db + suffix)
    shutil.copy(base_db, db)
    server, port = start_server(chiso, db, plan, args.results, env)
    try:
        coordinator = Api(port)
        coordinator.login("coord")
        table_path = f"/api/periods/{period}/table"
        status, table, _ = coordinator.call("GET", table_path)
        if status != 200:
            raise RuntimeError(f"table {label}: {status} {table[:300]!r}")
        units = len(json.loads(table)["units"])
        log(f"table {label}: {units} units, {len(table)} bytes")
        city = {"label": label, "plan": os.path.relpath(plan, ROOT), "period": period, "units": units,
                "table_bytes": len(table)}
        city["table"] = measure_table(args.results, label, port, coordinator.cookie,
                                      f"http://127.0.0.1:{port}{table_path}", table, args.rounds, args.seconds)
        city["form"] = form_draw(f"http://127.0.0.1:{port}", "rep1", f"/bieu-mau?period={period}&unit=1",
                                 args.form_loads)
        return city
    finally:
        stop_server(server)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--chiso", required=True)
    ap.add_argument("--data", default=os.path.join(HERE, "data"))
    ap.add_argument("--results", default=os.path.join(HERE, "results", "server"))
    ap.add_argument("--out", default=os.path.join(HERE, "results", "server.json"))
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--seconds", type=int, default=10)
    ap.add_argument("--reporters", type=int, default=200)
    ap.add_argument("--form-loads", type=int, default=9, help="loads of the form in Chromium (the median is shown)")
    ap.add_argument("--build", default="Release", help="how chiso was built, for the report")
    args = ap.parse_args()

    os.makedirs(args.results, exist_ok=True)
    chiso = os.path.abspath(args.chiso)
    plan = os.path.join(args.data, "plan-national.toml")
    period_file = os.path.join(args.data, "period-10k.tsv")
    env = dict(os.environ, CHISO_CACHE_DIR=os.path.join(args.results, "plan-cache"))
    base_db = os.path.join(args.results, "base.db")
    prepare_database(chiso, plan, period_file, base_db, args.reporters, env)
    db = os.path.join(args.results, "chiso.db")
    for suffix in ("", "-wal", "-shm"):
        if os.path.exists(db + suffix):
            os.remove(db + suffix)
    shutil.copy(base_db, db)

    result = {"date": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
              "rounds": args.rounds, "seconds": args.seconds, "reporters": args.reporters, "build": args.build,
              "commit": tree_commit(), "load_before": settled_load(),
              # "nginx version: nginx/1.22.1" → "nginx/1.22.1"; "wrk debian/4.1.0-3+b2 [epoll] …" → "wrk debian/4.1.0-3+b2"
              "nginx": subprocess.run(["nginx", "-v"], capture_output=True, text=True).stderr.strip().split(": ")[-1],
              "wrk": " ".join(subprocess.run(["wrk", "-v"], capture_output=True, text=True).stdout.split()[:2])}
    server, port = start_server(chiso, db, plan, args.results, env)
    pid = server.pid
    try:
        memory = {"started": proc_status(pid)}
        coordinator = Api(port)
        coordinator.login("coord")
        memory["after_one_login"] = proc_status(pid)
        reset_peak(pid)  # the login's Argon2id apart: the peak below is the first table's
        status, table, _ = coordinator.call("GET", f"/api/periods/{PERIOD}/table")
        if status != 200:
            raise RuntimeError(f"table: {status} {table[:300]!r}")
        memory["after_table"] = proc_status(pid)
        result["table_bytes"] = len(table)
        reset_peak(pid)
        result["table"] = measure_table(args.results, "10k", port, coordinator.cookie,
                                        f"http://127.0.0.1:{port}/api/periods/{PERIOD}/table", table,
                                        args.rounds, args.seconds)
        memory["after_table_load"] = proc_status(pid)

        # 1,000 keep-alive connections at once.
        # nginx beside it, serving the same bytes as the session's answer: at
        # 1,000 connections on 2 shared CPUs the tail is partly the machine's.
        status, session_body, _ = coordinator.call("GET", "/api/session")
        if status != 200:
            raise RuntimeError(f"session: {status} {session_body[:300]!r}")
        both = measure_table(args.results, "session", port, coordinator.cookie,
                             f"http://127.0.0.1:{port}/api/session", session_body, args.rounds, args.seconds,
                             connections=1000, what="GET")
        result["connections_1000"] = both["chiso"]
        result["connections_1000_nginx"] = both["nginx"]
        memory["after_connections"] = proc_status(pid)

        # Reporters saving: logged in once (Argon2id each), then rounds of saves.
        log(f"{args.reporters} reporters logging in")
        sessions = []
        for idx in range(args.reporters):
            api = Api(port)
            api.login(f"rep{idx + 1}")
            sessions.append(api)
        memory["after_logins"] = proc_status(pid)
        reset_peak(pid)
        reporters_file = os.path.join(args.results, "reporters.tsv")
        result["saves"] = []
        for round_idx in range(args.rounds):
            if round_idx > 0:
                time.sleep(2)  # the saves wrk left in flight are answered: the versions read are the last
            write_reporters(port, sessions, reporters_file)
            got = wrk("wrk_save.lua", f"http://127.0.0.1:{port}", args.reporters, args.seconds,
                      {"CHISO_REPORTERS": reporters_file, "CHISO_THREADS": "2"})
            got["saves_per_s"] = got["acknowledged"] / (got["duration_us"] / 1e6)
            result["saves"].append(got)
            log(f"{args.reporters} reporters saving: {got['saves_per_s']:.0f} acknowledged saves/s, "
                f"p99 {got['p99_us'] / 1000:.2f} ms, refused {got['refused']}")
        # The same reporters at the rate of the aim: each pauses PAUSE_MS
        # after an answer, so 200 of them offer about 2,000 saves/s (less the
        # time each save takes), and the latency is the server's, not a queue
        # of reporters saving flat out.
        result["saves_paced"] = {"pause_ms": SAVE_PAUSE_MS, "rounds": []}
        for round_idx in range(args.rounds):
            time.sleep(2)
            write_reporters(port, sessions, reporters_file)
            got = wrk("wrk_save.lua", f"http://127.0.0.1:{port}", args.reporters, args.seconds,
                      {"CHISO_REPORTERS": reporters_file, "CHISO_THREADS": "2",
                       "CHISO_PAUSE_MS": str(SAVE_PAUSE_MS)})
            got["saves_per_s"] = got["acknowledged"] / (got["duration_us"] / 1e6)
            result["saves_paced"]["rounds"].append(got)
            log(f"{args.reporters} reporters saving every {SAVE_PAUSE_MS} ms: {got['saves_per_s']:.0f} "
                f"acknowledged saves/s, p99 {got['p99_us'] / 1000:.2f} ms, refused {got['refused']}")
        memory["after_saves"] = proc_status(pid)
        result["memory_kb"] = memory
        result["form_10k"] = form_draw(f"http://127.0.0.1:{port}", "rep1", f"/bieu-mau?period={PERIOD}&unit=1",
                                       args.form_loads)
    finally:
        stop_server(server)

    # The table at a real size, and the form on the real plan.
    result["city"] = []
    for label, plan_path, period_file, period in CITY_TABLES:
        plan_file = os.path.join(ROOT, plan_path) if "/" in plan_path else os.path.join(args.data, plan_path)
        result["city"].append(measure_city(chiso, label, plan_file, os.path.join(args.data, period_file), period,
                                           args, env))
    result["load_after"] = load_average()
    with open(args.out, "w", encoding="utf-8") as f:
        json.dump(result, f, indent=1)
    log(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
