#!/usr/bin/env python3
"""The PostgreSQL benchmark of issue 17 §4 (bench/pg.sh runs it).

On a PostgreSQL server of its own (scripts/pg-test-server.sh --durable: the
server's defaults for durability), measures:

- the 1.2-million-row history imported by chiso into a new database (read,
  checks, storage with COPY, one transaction) against `psql \\copy` of the
  same rows into a raw table of text columns alone (no parsing, no checks),
  the two taking turns, round after round; aim: chiso within 1.5× of \\copy;
  and, in the same rounds, `psql \\copy` of the versions that import stored
  (as COPY text) into a table like unit_submission (its columns, checks, key
  and indexes; not the references' trigger): the database's own cost of the
  rows chiso keeps. Each with the machine's busy CPU time around it
  (/proc/stat), against which the aim's budget (1.5 × \\copy's wall on
  every CPU) is set;
- the trend query (`chiso trend`) on the database the import left;
- `chiso copy` of the server benchmark's SQLite database (the 10,000-unit
  period, a coordinator, 200 reporters) into PostgreSQL;
- the server benchmark's table reads and saves (bench/server_bench.py's
  wrk scripts) through one `chiso serve` and through two on the same
  database, each at the same total of connections; aim: saves through two
  at least 1.5× those through one.

Writes one JSON file (--out) that bench.py turns into the "PostgreSQL"
section of docs/benchmarks.md. Stdlib only (psql on the PATH).
"""

import argparse
import datetime
import json
import os
import statistics
import signal
import subprocess
import sys
import threading
import time
import urllib.parse

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import server_bench  # noqa: E402  (Api, start_server, stop_server, wrk, prepare_database, write_reporters)

RAW_COLUMNS = ["row", "name", "period"] + [f"c{idx}" for idx in range(15)]
TITLE_LINES = 7  # the appendix's title and two header rows before the data (bench.py skips as many)


def log(msg):
    print(f"[pg] {msg}", file=sys.stderr, flush=True)


def database_uri(conninfo, name):
    """The server's URI (postgresql://…/postgres?host=…) with another database."""
    parts = urllib.parse.urlsplit(conninfo)
    return urllib.parse.urlunsplit(parts._replace(path="/" + name))


def psql(conninfo, sql):
    out = subprocess.run(["psql", "-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1", conninfo, "-c", sql],
                         capture_output=True, text=True)
    if out.returncode != 0:
        raise RuntimeError(f"psql {sql[:80]!r}: {out.stderr.strip()[-400:]}")
    return out.stdout.strip()


def fresh_database(admin, name):
    psql(admin, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    psql(admin, f'CREATE DATABASE "{name}"')
    return database_uri(admin, name)


def timed(argv, env=None, ok=(0,), stdout=subprocess.DEVNULL):
    """Runs argv, waited for with wait4(2): (wall seconds, peak RSS kB)."""
    start = time.perf_counter()
    proc = subprocess.Popen(argv, stdout=stdout, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL, env=env)
    err = proc.stderr.read()
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    code = os.waitstatus_to_exitcode(status)
    if code not in ok:
        raise RuntimeError(f"{' '.join(argv[:6])}…: exit {code}: {err.decode(errors='replace')[-600:]}")
    return wall, usage.ru_maxrss


def history_import(args, chiso, plan, history, admin, env):
    """chiso's import of the history against psql's \\copy of its rows."""
    # The data rows alone: after the title and the header, up to the blank
    # line before the notes.
    body = os.path.join(args.results, "history-rows.tsv")
    if not os.path.exists(body) or os.path.getmtime(body) < os.path.getmtime(history):
        with open(history, "rb") as src, open(body, "wb") as dst:
            for _ in range(TITLE_LINES):
                src.readline()
            for line in src:
                if not line.strip():
                    break
                dst.write(line)
    rows = sum(1 for _ in open(body, "rb"))
    # The versions as chiso's first import stored them, as COPY text: what
    # the database itself costs to store the rows §1 asks for (a version
    # per row, readable with plain SQL), loaded by psql like the raw rows.
    versions = os.path.join(args.results, "history-versions.txt")
    runs = {"chiso": [], "copy": [], "versions": []}
    tools = ["chiso", "versions", "copy"]
    history_uri = database_uri(admin, "bench_history")
    for round_idx in range(args.rounds):
        order = tools[round_idx % 3:] + tools[:round_idx % 3]  # chiso first in the first round
        for tool in order:
            if tool == "chiso":
                uri = fresh_database(admin, "bench_history")
                argv = [chiso, "--plan", plan, "--db", uri, "--lang", "en", "import", history]
                ok = (0, 1)
            elif tool == "versions":
                # Into a table of unit_submission's columns, checks, key
                # and indexes, beside the store the last import left.
                psql(history_uri, "DROP TABLE IF EXISTS stored_versions; "
                                  "CREATE TABLE stored_versions (LIKE unit_submission INCLUDING ALL)")
                argv = ["psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", history_uri, "-c",
                        f"\\copy stored_versions FROM '{versions}'"]
                ok = (0,)
            else:
                uri = fresh_database(admin, "bench_raw")
                psql(uri, "CREATE TABLE raw (" + ", ".join(f"{c} TEXT" for c in RAW_COLUMNS) + ")")
                argv = ["psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", uri, "-c", f"\\copy raw FROM '{body}'"]
                ok = (0,)
            psql(admin, "CHECKPOINT")
            before = cpu_times()
            wall, rss = timed(argv, env=env if tool == "chiso" else None, ok=ok)
            after = cpu_times()
            cpu_s = (after[0] - before[0]) / os.sysconf("SC_CLK_TCK")
            runs[tool].append({"wall_s": wall, "rss_kb": rss, "machine_cpu_s": cpu_s})
            log(f"history import, round {round_idx + 1}, {tool}: {wall:.2f} s, the machine {cpu_s:.2f} CPU-s")
            if tool == "chiso" and len(runs["chiso"]) == 1:
                psql(history_uri, f"\\copy unit_submission TO '{versions}'")
            if tool == "versions":
                psql(history_uri, "DROP TABLE stored_versions")
    stored = psql(history_uri, "SELECT count(*) FROM unit_submission")
    copied = psql(database_uri(admin, "bench_raw"), "SELECT count(*) FROM raw")
    size = psql(admin, "SELECT pg_database_size('bench_history')")
    return {"rows": rows, "runs": runs, "versions_stored": int(stored), "raw_rows": int(copied),
            "database_bytes": int(size), "versions_bytes": os.path.getsize(versions),
            "raw_bytes": os.path.getsize(body)}


def trend(args, chiso, plan, admin, env):
    uri = database_uri(admin, "bench_history")
    walls, points = [], 0
    out_file = os.path.join(args.results, "trend.json")
    for _ in range(args.trend_runs):
        with open(out_file, "wb") as out:
            wall, _ = timed([chiso, "--plan", plan, "--db", uri, "trend", "--indicator", "online_full_pct",
                             "--format", "json"], env=env, stdout=out)
        walls.append(wall)
    with open(out_file, encoding="utf-8") as f:
        points = len(json.load(f)["points"])
    log(f"trend: median {statistics.median(walls) * 1000:.1f} ms, {points} periods")
    return {"walls_s": walls, "points": points}


def concurrently(calls):
    """Runs the calls (functions without arguments) at once; their results."""
    results = [None] * len(calls)
    errors = []

    def run(idx, call):
        try:
            results[idx] = call()
        except Exception as error:  # noqa: BLE001  (re-raised below)
            errors.append(error)

    threads = [threading.Thread(target=run, args=(idx, call)) for idx, call in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    if errors:
        raise errors[0]
    return results


def cpu_times():
    """The machine's CPU time so far (/proc/stat's first line): (busy, all)."""
    with open("/proc/stat") as f:
        fields = [int(x) for x in f.readline().split()[1:]]
    idle = fields[3] + fields[4]  # idle, iowait
    return sum(fields) - idle, sum(fields)


def busy_share(before, after):
    """The share of the machine's CPU time busy between two cpu_times()."""
    return (after[0] - before[0]) / max(1, after[1] - before[1])


def process_ticks():
    """Each process's CPU time so far (/proc/PID/stat: utime + stime, in
    clock ticks), with its program's name: {pid: (name, ticks)}."""
    ticks = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as f:
                stat = f.read()
        except OSError:
            continue
        name = stat[stat.index("(") + 1:stat.rindex(")")]
        fields = stat[stat.rindex(")") + 2:].split()
        ticks[int(entry)] = (name, int(fields[11]) + int(fields[12]))
    return ticks


def cpu_by_program(before, after):
    """CPU seconds per program name between two process_ticks() (a process
    that started meanwhile counts whole)."""
    per_tick = 1 / os.sysconf("SC_CLK_TCK")
    seconds = {}
    for pid, (name, ticks) in after.items():
        earlier = before.get(pid)
        used = ticks - (earlier[1] if earlier and earlier[0] == name else 0)
        seconds[name] = seconds.get(name, 0) + used * per_tick
    return seconds


class WaitSampler:
    """What the database's active sessions wait on while a run goes on:
    pg_stat_activity sampled every 0.2 s by one psql (\\watch); the share of
    the samples' sessions per wait ("CPU" when none)."""

    QUERY = ("SELECT coalesce(wait_event_type || ':' || wait_event, 'CPU') FROM pg_stat_activity "
             "WHERE datname = current_database() AND state = 'active' AND pid <> pg_backend_pid()")

    def __init__(self, uri):
        self.proc = subprocess.Popen(["psql", "-X", "-q", "-A", "-t", uri], stdin=subprocess.PIPE,
                                     stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
        self.proc.stdin.write(self.QUERY + " \\watch 0.2\n")
        self.proc.stdin.flush()

    def stop(self):
        """{wait: share of the sessions sampled}, the largest first."""
        self.proc.send_signal(signal.SIGINT)
        try:
            out, _ = self.proc.communicate(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            out, _ = self.proc.communicate()
        counts = {}
        for line in out.splitlines():
            line = line.strip()
            if line and not line.startswith("Mon ") and "(every" not in line and "\t" not in line:
                counts[line] = counts.get(line, 0) + 1
        total = sum(counts.values()) or 1
        return dict(sorted(((k, v / total) for k, v in counts.items()), key=lambda kv: -kv[1]))


class CpuLimit:
    """A cgroup of the cpu controller holding processes to `share` of one
    CPU (CFS quota over a 10 ms period): a server standing for one on a
    small machine of its own. None of it when cgroups cannot be written
    (not root, no cpu controller): available() says so."""

    PERIOD_US = 10000

    def __init__(self, name, share):
        self.v2 = os.path.exists("/sys/fs/cgroup/cgroup.controllers")
        self.base = "/sys/fs/cgroup" if self.v2 else "/sys/fs/cgroup/cpu"
        self.path = os.path.join(self.base, name)
        self.error = ""
        try:
            if self.v2:
                with open(os.path.join(self.base, "cgroup.subtree_control"), "w") as f:
                    f.write("+cpu")
            os.makedirs(self.path, exist_ok=True)
            quota = int(share * self.PERIOD_US)
            if self.v2:
                self._write("cpu.max", f"{quota} {self.PERIOD_US}")
            else:
                self._write("cpu.cfs_period_us", str(self.PERIOD_US))
                self._write("cpu.cfs_quota_us", str(quota))
        except OSError as e:
            self.error = str(e)

    def available(self):
        return not self.error

    def _write(self, name, value):
        with open(os.path.join(self.path, name), "w") as f:
            f.write(value)

    def hold(self, pid):
        """Moves the process (every thread) into the group."""
        self._write("cgroup.procs", str(pid))

    def release(self, pid):
        """Moves the process back to the root group."""
        with open(os.path.join(self.base, "cgroup.procs"), "w") as f:
            f.write(str(pid))

    def remove(self):
        try:
            os.rmdir(self.path)
        except OSError:
            pass


def combined(parts, rate_key):
    """wrk runs at once against the servers, as one: rates summed, the worst p99."""
    return {rate_key: sum(part[rate_key] for part in parts), "p99_us": max(part["p99_us"] for part in parts),
            "refused": sum(part.get("refused", 0) for part in parts), "parts": parts}


def servers(args, chiso, plan, admin, env):
    """The server benchmark's reads and saves through one server and two."""
    server_results = os.path.join(args.results, "server")
    os.makedirs(server_results, exist_ok=True)
    base_db = os.path.join(args.results, "server-base.db")
    server_bench.prepare_database(chiso, plan, os.path.join(args.data, "period-10k.tsv"), base_db, args.reporters,
                                  env)
    uri = fresh_database(admin, "bench_server")
    copy_wall, _ = timed([chiso, "copy", "--from", base_db, "--to", uri], env=env)
    log(f"chiso copy of the server's database: {copy_wall:.2f} s")
    result = {"copy_s": copy_wall, "reporters": args.reporters,
              "copied_rows": int(psql(uri, "SELECT (SELECT count(*) FROM unit_submission) + "
                                           "(SELECT count(*) FROM account)"))}
    folders = [os.path.join(server_results, name) for name in ("a", "b")]
    for folder in folders:
        os.makedirs(folder, exist_ok=True)
    started = [server_bench.start_server(chiso, uri, plan, folder, env) for folder in folders]
    try:
        ports = [port for _, port in started]
        coordinator = server_bench.Api(ports[0])
        coordinator.login("coord")
        table_path = f"/api/periods/{server_bench.PERIOD}/table"
        for port in ports:  # each server computes and keeps the table once
            reader = server_bench.Api(port)
            reader.cookie = coordinator.cookie
            status, _, _ = reader.call("GET", table_path)
            if status != 200:
                raise RuntimeError(f"table through port {port}: {status}")
        log(f"{args.reporters} reporters logging in (through the first server; the sessions are the database's)")
        sessions = []
        for idx in range(args.reporters):
            api = server_bench.Api(ports[0])
            api.login(f"rep{idx + 1}")
            sessions.append(api)
        reporters_file = os.path.join(args.results, "reporters.tsv")
        halves = [os.path.join(args.results, f"reporters-{name}.tsv") for name in ("a", "b")]
        reads = {"one": [], "two": []}
        saves = {"one": [], "two": []}
        limited = {"one": [], "two": []}
        limits = [CpuLimit(f"chiso-bench-{name}", args.server_cpu) for name in ("a", "b")]
        made_limits = list(limits)  # removed at the end, held or not
        if args.server_cpu <= 0 or not all(limit.available() for limit in limits):
            log("the servers are not held to a share of a CPU: " + (
                "--server-cpu 0" if args.server_cpu <= 0 else next(l.error for l in limits if l.error)))
            limits = []
        connections = 100
        cookie = {"CHISO_COOKIE": coordinator.cookie}
        for round_idx in range(args.rounds):
            order = ["one", "two"] if round_idx % 2 == 0 else ["two", "one"]
            for how in order:
                if how == "one":
                    got = server_bench.wrk("wrk_read.lua", f"http://127.0.0.1:{ports[0]}{table_path}", connections,
                                           args.seconds, cookie)
                    reads["one"].append(combined([got], "rps"))
                else:
                    parts = concurrently([
                        lambda port=port: server_bench.wrk("wrk_read.lua", f"http://127.0.0.1:{port}{table_path}",
                                                           connections // 2, args.seconds, cookie)
                        for port in ports])
                    reads["two"].append(combined(parts, "rps"))
                log(f"table, {connections} connections, {how} server(s): {reads[how][-1]['rps']:.0f} req/s")
            for how, held in [(how, False) for how in order] + [(how, True) for how in order if limits]:
                if held and not limits:  # holding failed in an earlier round
                    continue
                results = limited if held else saves
                time.sleep(2)  # the saves wrk left in flight are answered: the versions read are the last
                server_bench.write_reporters(ports[0], sessions, reporters_file)
                with open(reporters_file, encoding="utf-8") as f:
                    lines = f.readlines()
                if held:  # each server on a share of a CPU, as on a small machine of its own
                    try:
                        for (proc, _), limit in zip(started, limits):
                            limit.hold(proc.pid)
                    except OSError as e:
                        log(f"the servers cannot be held to a share of a CPU ({e}): not measured held")
                        for (proc, _), limit in zip(started, limits):
                            try:
                                limit.release(proc.pid)
                            except OSError:
                                pass
                        limits = []
                        limited = {"one": [], "two": []}
                        continue
                cpu_before = cpu_times()
                ticks_before = process_ticks()
                sampler = WaitSampler(uri)
                if how == "one":
                    got = server_bench.wrk("wrk_save.lua", f"http://127.0.0.1:{ports[0]}", args.reporters,
                                           args.seconds, {"CHISO_REPORTERS": reporters_file, "CHISO_THREADS": "2"})
                    parts = [got]
                else:
                    half = len(lines) // 2
                    for path, chunk in zip(halves, (lines[:half], lines[half:])):
                        with open(path, "w", encoding="utf-8") as f:
                            f.writelines(chunk)
                    parts = concurrently([
                        lambda port=port, path=path, count=count: server_bench.wrk(
                            "wrk_save.lua", f"http://127.0.0.1:{port}", count, args.seconds,
                            {"CHISO_REPORTERS": path, "CHISO_THREADS": "2"})
                        for port, path, count in zip(ports, halves, (half, len(lines) - half))])
                for part in parts:
                    part["saves_per_s"] = part["acknowledged"] / (part["duration_us"] / 1e6)
                results[how].append(combined(parts, "saves_per_s"))
                # The CPU of the run's window, read once as wrk ends (before
                # the wait sampler's psql is stopped).
                cpu_after, ticks_after = cpu_times(), process_ticks()
                # Two servers can beat one only where one leaves CPU idle.
                results[how][-1]["cpu_busy"] = busy_share(cpu_before, cpu_after)
                results[how][-1]["waits"] = sampler.stop()
                # Where the CPU went, per save acknowledged: the servers,
                # the database's processes, the rest of the machine (wrk,
                # the kernel's work for no process…).
                used = cpu_by_program(ticks_before, ticks_after)
                acknowledged = sum(part["acknowledged"] for part in parts) or 1
                busy_s = (cpu_after[0] - cpu_before[0]) / os.sysconf("SC_CLK_TCK")
                per_save = {name: 1000 * used.get(name, 0) / acknowledged for name in ("chiso", "postgres")}
                per_save["other"] = max(0.0, 1000 * busy_s / acknowledged - sum(per_save.values()))
                results[how][-1]["cpu_ms_per_save"] = per_save
                log("  CPU per save: " + ", ".join(f"{k} {v:.3f} ms"
                                                   for k, v in results[how][-1]["cpu_ms_per_save"].items()))
                log(f"  waits: " + ", ".join(f"{k} {v:.0%}" for k, v in list(results[how][-1]["waits"].items())[:5]))
                log(f"{args.reporters} reporters saving, {how} server(s)"
                    f"{f', each on {args.server_cpu:g} CPU' if held else ''}: {results[how][-1]['saves_per_s']:.0f} "
                    f"saves/s, refused {results[how][-1]['refused']}, CPUs busy {results[how][-1]['cpu_busy']:.0%}")
                if held:
                    for (proc, _), limit in zip(started, limits):
                        limit.release(proc.pid)
        result["reads"] = reads
        result["saves"] = saves
        if limits:
            result["server_cpu"] = args.server_cpu
            result["saves_limited"] = limited
    finally:
        for proc, _ in started:
            server_bench.stop_server(proc)
        for limit in made_limits if "made_limits" in locals() else []:
            limit.remove()
    return result


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--chiso", required=True)
    ap.add_argument("--conninfo", required=True, help="the server's URI, its administrative database")
    ap.add_argument("--data", default=os.path.join(HERE, "data"))
    ap.add_argument("--history", default="history-120x10k.tsv", help="file name in --data; '' = no history")
    ap.add_argument("--results", default=os.path.join(HERE, "results", "pg"))
    ap.add_argument("--out", default=os.path.join(HERE, "results", "pg.json"))
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--trend-runs", type=int, default=5)
    ap.add_argument("--seconds", type=int, default=10)
    ap.add_argument("--reporters", type=int, default=200)
    ap.add_argument("--build", default="Release", help="how chiso was built, for the report")
    ap.add_argument("--server-cpu", type=float, default=0.25,
                    help="the saves measured again with each server held to this share of a CPU (cgroups; 0: not)")
    args = ap.parse_args()

    os.makedirs(args.results, exist_ok=True)
    chiso = os.path.abspath(args.chiso)
    plan = os.path.join(args.data, "plan-national.toml")
    env = dict(os.environ, CHISO_CACHE_DIR=os.path.join(args.results, "plan-cache"))
    admin = args.conninfo
    result = {"date": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
              "build": args.build, "rounds": args.rounds, "seconds": args.seconds,
              "commit": server_bench.tree_commit(), "load_before": server_bench.settled_load(),
              "postgresql": psql(admin, "SHOW server_version"),
              "settings": {name: psql(admin, f"SHOW {name}")
                           for name in ("fsync", "synchronous_commit", "shared_buffers", "max_connections")},
              "wrk": " ".join(subprocess.run(["wrk", "-v"], capture_output=True, text=True).stdout.split()[:2])}
    history = os.path.join(args.data, args.history) if args.history else ""
    if history and os.path.exists(history):
        result["history_file"] = os.path.basename(history)
        result["history"] = history_import(args, chiso, plan, history, admin, env)
        result["trend"] = trend(args, chiso, plan, admin, env)
    else:
        log("no history file: the import and the trend are not measured")
    result["servers"] = servers(args, chiso, plan, admin, env)
    result["load_after"] = server_bench.load_average()
    for name in ("bench_history", "bench_raw", "bench_server"):
        psql(admin, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    with open(args.out, "w", encoding="utf-8") as f:
        json.dump(result, f, indent=1)
    log(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
