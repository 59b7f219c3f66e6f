#!/usr/bin/env python3
"""Measures chiso and its peers side by side and writes docs/benchmarks.md.

Called by bench/run.sh, which builds chiso, generates the data and installs the
peers first. Each task is run by every tool in turn, round after round (so a
slow minute of the shared machine falls on all tools alike); the median of the
rounds is reported. Every command is started here directly (no shell, no
time(1) in between) and waited for with wait4(2): wall time is measured around
it with a monotonic clock, peak memory is the rusage's maximum resident set
size. Databases are removed before each import run, untimed.

After the rounds, the results are cross-checked, untimed: findings by kind
against the faults the generator injected (bench/data/*.manifest.json), and
each tool's trend against the exact city-wide shares in the manifest.
Stdlib only.
"""

import argparse
import datetime
import json
import os
import platform
import re
import shlex
import shutil
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
PY = "/usr/bin/python3"  # Debian's python, where python3-pandas is installed
SEED = os.path.join(ROOT, "samples", "000_e41d2a91a7ebffff.txt")
SEED_PLAN = os.path.join(ROOT, "plans", "hai-phong-197.toml")
SQLITE_COLUMNS = ["row", "name", "period"] + [f"c{idx}" for idx in range(15)]


def log(msg):
    print(f"[bench] {msg}", file=sys.stderr, flush=True)


class Task:
    def __init__(self, task_id, title, runs):
        self.task_id, self.title, self.runs = task_id, title, runs
        self.tools = []  # (tool, argv, prepare paths to remove, exit codes accepted)

    def add(self, tool, argv, remove=(), ok_codes=(0,), env=None):
        self.tools.append({"tool": tool, "argv": argv, "remove": list(remove),
                           "ok": set(ok_codes), "walls": [], "rss_kb": [], "failed": None,
                           "stdout": "", "env": env})
        return self


def is_chiso(tool):
    """chiso itself, in any of its configurations: never a peer."""
    return tool.startswith("chiso")


# The DuckDB peer's two layouts of a store (bench/peer_duckdb.mjs --layout).
DUCK_JSON = "duckdb, JSON cells"
DUCK_ROWS = "duckdb, typed rows"

# chiso's plan cache (src/plan/plan_cache.h) for every run of chiso here;
# emptied at the start, so the first run of each plan writes its entry.
NO_PLAN_CACHE = {"CHISO_CACHE_DIR": "off"}


def sqlite_import_argv(db, table_file, with_period):
    columns = SQLITE_COLUMNS if with_period else [c for c in SQLITE_COLUMNS if c != "period"]
    create = f"CREATE TABLE raw({', '.join(columns)});"
    return ["sqlite3", db, create, ".mode tabs", f".import --skip 7 {table_file} raw"]


def sqlite_trend_argv(db):
    query = ("SELECT period, 100.0 * SUM(CAST(replace(c3, '.', '') AS INTEGER))"
             " / SUM(CAST(replace(c2, '.', '') AS INTEGER)), COUNT(*) FROM raw"
             " WHERE row GLOB '[0-9]*' AND c2 <> '' GROUP BY period ORDER BY period;")
    return ["sqlite3", "-separator", "\t", db, query]


def run_once(entry, results_dir, name):
    for path in entry["remove"]:
        for suffix in ("", "-wal", "-shm", "-journal", ".wal"):
            if os.path.exists(path + suffix):
                os.remove(path + suffix)
    out_file = os.path.join(results_dir, f"{name}.out")
    err_file = os.path.join(results_dir, f"{name}.err")
    with open(out_file, "wb") as out, open(err_file, "wb") as err:
        start = time.perf_counter()
        env = dict(os.environ, **entry["env"]) if entry["env"] else None
        proc = subprocess.Popen(entry["argv"], stdout=out, stderr=err,
                                stdin=subprocess.DEVNULL, cwd=ROOT, env=env)
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
    rss_kb = usage.ru_maxrss  # kilobytes on Linux
    with open(out_file, encoding="utf-8", errors="replace") as f:
        entry["stdout"] = f.read(1 << 20)
    if proc.returncode not in entry["ok"]:
        with open(err_file, encoding="utf-8", errors="replace") as f:
            tail = f.read()[-600:].strip()
        entry["failed"] = f"exit {proc.returncode}: {tail}"
        return
    entry["walls"].append(wall)
    entry["rss_kb"].append(rss_kb or 0)


def measure(task, results_dir):
    log(f"{task.title}: {task.runs} rounds × {len(task.tools)} tools")
    for round_idx in range(task.runs):
        # The tools take turns going first: a process started right after a
        # heavy one (node, python) runs a little slower here (~5 % measured
        # for the seed check), and the first of a round follows the last
        # task's tools.
        start = round_idx % len(task.tools)
        for entry in task.tools[start:] + task.tools[:start]:
            if entry["failed"]:
                continue
            run_once(entry, results_dir, f"{task.task_id}-{entry['tool']}")
        summary = ", ".join(f"{e['tool']} {e['walls'][-1] * 1000:.1f} ms" if e["walls"] and
                            not e["failed"] else f"{e['tool']} FAILED" for e in task.tools)
        log(f"  round {round_idx + 1}: {summary}")


# ---------------------------------------------------------------- cross-checks


def peer_findings(stdout):
    for line in reversed(stdout.strip().splitlines()):
        try:
            return json.loads(line)
        except ValueError:
            continue
    return None


def expected_findings(manifest):
    faults = manifest["faults"]
    return {"share.agree": faults["share"], "online.sum": faults["sum"],
            "value.not_number": faults["range"], "value.negative": faults["negative"]}


def chiso_totals(stdout):
    """(errors, warnings, info) from chiso's closing line, in either language;
    info is 0 when the line does not give it."""
    errors = re.search(r"(\d+) (?:errors?|lỗi)\b", stdout)
    warnings = re.search(r"(\d+) (?:warnings?|cảnh báo)", stdout)
    if not errors or not warnings:
        return None
    info = re.search(r"(\d+) (?:info|notes?|ghi chú)", stdout)
    return int(errors.group(1)), int(warnings.group(1)), int(info.group(1)) if info else 0


def parse_trend(tool, stdout):
    points = {}
    if tool == "chiso":
        try:
            answer = json.loads(stdout)
            # `trend --format json` answers {"indicator", "points": [...], ...};
            # older builds answered the list of points alone.
            for point in answer.get("points", []) if isinstance(answer, dict) else answer:
                if point.get("value") is not None:
                    points[point["period"]] = float(point["value"])
        except ValueError:
            return points
        return points
    for line in stdout.splitlines():
        cells = line.split()
        if len(cells) >= 2 and re.fullmatch(r"\d{4}-\d{2}", cells[0]):
            try:
                points[cells[0]] = float(cells[1])
            except ValueError:
                pass
    return points


# ---------------------------------------------------------------- report


def machine():
    cpu = "?"
    with open("/proc/cpuinfo", encoding="utf-8") as f:
        for line in f:
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    with open("/proc/meminfo", encoding="utf-8") as f:
        mem_kb = int(f.readline().split()[1])
    os_name = "?"
    if os.path.exists("/etc/os-release"):
        with open("/etc/os-release", encoding="utf-8") as f:
            for line in f:
                if line.startswith("PRETTY_NAME="):
                    os_name = line.split("=", 1)[1].strip().strip('"')

    def version(argv):
        try:
            out = subprocess.run(argv, capture_output=True, text=True, timeout=30, cwd=HERE)
            return (out.stdout or out.stderr).strip().splitlines()[0]
        except (OSError, IndexError, subprocess.TimeoutExpired):
            return "?"

    return {
        "nproc": os.cpu_count(), "cpu": cpu, "ram": f"{mem_kb / 1024 / 1024:.1f} GiB",
        "os": f"{os_name}, kernel {platform.release()}",
        "compiler": version(["c++", "--version"]),
        "python": version([PY, "--version"]),
        "pandas": version([PY, "-c", "import pandas; print('pandas', pandas.__version__)"]),
        "node": version(["node", "--version"]),
        "duckdb": version(["node", "-e", "import('@duckdb/node-api').then(m => "
                           "console.log('DuckDB', m.version(), '(@duckdb/node-api)'))"]),
        "sqlite3": version(["sqlite3", "--version"]).split(" ")[0],
        "commit": version(["git", "-C", ROOT, "rev-parse", "--short", "HEAD"]),
        "dirty": bool(subprocess.run(["git", "-C", ROOT, "status", "--porcelain", "--", "src"],
                                     capture_output=True, text=True).stdout.strip()),
    }


def fmt_ms(seconds):
    ms = seconds * 1000
    if ms < 10:
        return f"{ms:.2f} ms"
    if ms < 1000:
        return f"{ms:.1f} ms"
    return f"{seconds:.2f} s"


def fmt_mb(kb):
    return f"{kb / 1024:.1f} MB"


def server_section(path):
    """The "Server" section (issue 16 §7) from bench/server_bench.py's JSON."""
    lines = ["## Server (issue 16 §7)", ""]
    if not path or not os.path.exists(path):
        return lines + ["Not measured (`bash bench/server.sh`).", ""]
    with open(path, encoding="utf-8") as f:
        res = json.load(f)
    nproc = os.cpu_count() or 1
    loaded = res["load_before"] >= 0.5 * nproc
    ms = lambda us: f"{us / 1000:.2f} ms"
    med = lambda runs, key: statistics.median(r[key] for r in runs)
    mb = lambda kb: f"{kb / 1024:.1f} MB"
    lines += [
        f"`bench/server.sh` ({res['date']}): `chiso serve` ({res.get('build', 'Release')}, `--threads` = the {nproc} cores reading, one thread writing) on a database "
        f"with the 10,000-unit plan and one period of it imported (`period-10k.tsv`), measured with {res['wrk']} "
        f"(2 threads) on loopback, {res['rounds']} round{'s' if res['rounds'] != 1 else ''} of {res['seconds']} s per "
        "measure, the median shown; "
        f"{res['nginx']} beside it in the same run, serving a static file of the same bytes as the table's answer "
        f"({res['table_bytes'] / 1e6:.2f} MB), access log off: the ceiling of this machine. wrk, nginx and "
        "chiso share the same 2 CPUs. The table's answer is the JSON of `chiso report --format json` for "
        "10,000 units: at 100 connections each request waits for its share of the bytes, so its latency is "
        "that of moving them, for nginx as for chiso; the tables of a real size follow.",
        "",
        *([f"- chiso from the tree at `{res['commit']}`."] if "commit" in res else []),
        f"- Load average before: {res['load_before']:.2f} on {nproc} CPUs (after: {res['load_after']:.2f}, which "
        "counts the benchmark's own processes): "
        + ("**measured while other work ran on the machine** (other engineers' builds and tests): compare the "
           "ratios to nginx, taken in the same run, not the absolute figures."
           if loaded else "the machine was about idle."),
        "",
        "| measure | chiso | nginx | chiso ÷ nginx |",
        "|---|---:|---:|---:|",
    ]

    def table_lines(runs, what):
        c_rps, n_rps = med(runs["chiso"], "rps"), med(runs["nginx"], "rps")
        c_p99, n_p99 = med(runs["chiso"], "p99_us"), med(runs["nginx"], "p99_us")
        return [f"| {what}, 100 connections: requests/s | {c_rps:,.0f} | {n_rps:,.0f} | {c_rps / n_rps:.2f} |",
                f"| {what}, 100 connections: p99 | {ms(c_p99)} | {ms(n_p99)} | {c_p99 / n_p99:.2f} |"]

    lines += table_lines(res["table"], "table of 10,000 units")
    city_names = {"hp62": "Plan 197's period of the new Hải Phòng",
                  "city133": "a generated period of the merged city"}
    for city in res.get("city", []):
        what = (f"table, {city_names.get(city['label'], city['label'])} ({city['units']} units, "
                f"{city['table_bytes'] / 1024:.0f} KiB)")
        lines += table_lines(city["table"], what)
    conns = res["connections_1000"]
    errors = max(r["connect_errors"] + r["read_errors"] + r["write_errors"] + r["timeouts"] + r["non_2xx"]
                 for r in conns)
    conns_nginx = res.get("connections_1000_nginx")  # measured beside chiso since 2026-12-07
    if conns_nginx:
        c_rps, n_rps = med(conns, "rps"), med(conns_nginx, "rps")
        c_p99, n_p99 = med(conns, "p99_us"), med(conns_nginx, "p99_us")
        n_errors = max(r["connect_errors"] + r["read_errors"] + r["write_errors"] + r["timeouts"] + r["non_2xx"]
                       for r in conns_nginx)
        lines.append(f"| 1,000 keep-alive connections (GET /api/session; nginx: a file of the same bytes): "
                     f"requests/s | {c_rps:,.0f} | {n_rps:,.0f} | {c_rps / n_rps:.2f} |")
        lines.append(f"| 1,000 connections: p99 (median of the rounds) | {ms(c_p99)} | {ms(n_p99)} | "
                     f"{c_p99 / n_p99:.2f} |")
        lines.append(f"| 1,000 connections: p99 of each round | {', '.join(ms(r['p99_us']) for r in conns)} | "
                     f"{', '.join(ms(r['p99_us']) for r in conns_nginx)} | |")
        lines.append(f"| 1,000 connections: mean wait of each round (1,000 ÷ requests/s) | "
                     f"{', '.join(ms(1000 / r['rps'] * 1e6) for r in conns)} | "
                     f"{', '.join(ms(1000 / r['rps'] * 1e6) for r in conns_nginx)} | |")
        lines.append(f"| 1,000 connections: largest | {ms(max(r['max_us'] for r in conns))} | "
                     f"{ms(max(r['max_us'] for r in conns_nginx))} | |")
        lines.append(f"| 1,000 connections: errors and timeouts (worst round) | {errors} | {n_errors} | |")
    else:
        lines.append(f"| 1,000 keep-alive connections (GET /api/session): requests/s | {med(conns, 'rps'):,.0f} | | |")
        lines.append(f"| 1,000 connections: p99, largest | {ms(med(conns, 'p99_us'))}, "
                     f"{ms(max(r['max_us'] for r in conns))} | | |")
        lines.append(f"| 1,000 connections: errors and timeouts (worst round) | {errors} | | |")
    saves = res["saves"]
    lines.append(f"| {res['reporters']} reporters saving: acknowledged saves/s | {med(saves, 'saves_per_s'):,.0f} | | |")
    lines.append(f"| {res['reporters']} reporters saving: p99 | {ms(med(saves, 'p99_us'))} | | |")
    lines.append(f"| {res['reporters']} reporters saving: refused (409, 5xx; worst round) | "
                 f"{max(r['refused'] for r in saves)} | | |")
    paced = res.get("saves_paced")
    if paced:
        pause, paced_rounds = paced["pause_ms"], paced["rounds"]
        lines.append(f"| {res['reporters']} reporters each saving {pause} ms after the last answer: acknowledged "
                     f"saves/s | {med(paced_rounds, 'saves_per_s'):,.0f} | | |")
        lines.append(f"| the same: p99, refused (worst round) | {ms(med(paced_rounds, 'p99_us'))}, "
                     f"{max(r['refused'] for r in paced_rounds)} | | |")
    memory = res["memory_kb"]
    lines += ["", "Resident memory of the server (`/proc/PID/status`; the peak is reset with `clear_refs` before "
              "each workload):", "",
              "| when | VmRSS | VmHWM (peak) |", "|---|---:|---:|"]
    labels = [("started", "started: plan (10,000 units) loaded, stores open"),
              ("after_one_login", "after the coordinator's login (peak: its Argon2id)"),
              ("after_table", "after the first table (peak: while it was computed and kept)"),
              ("after_table_load", "after the table runs (peak: during them)"),
              ("after_connections", "after 1,000 connections"),
              ("after_logins", f"after {res['reporters']} reporters' logins (peak: during them)"),
              ("after_saves", "after the saves (peak: during them)")]
    for key, label in labels:
        if key in memory:
            lines.append(f"| {label} | {mb(memory[key]['VmRSS'])} | {mb(memory[key]['VmHWM'])} |")

    # The form in Chromium: on the real plan first.
    forms = [(f"{city_names.get(c['label'], c['label'])} ({c['units']} units)", c.get("form", {}))
             for c in res.get("city", []) if c["label"] == "hp62"]
    forms.append(("the 10,000-unit plan", res.get("form_10k", {})))
    lines += ["", "The reporter's form in headless Chromium (`bench/form_draw.mjs`, Debian's chromium driven by "
              "playwright-core): from the navigation's start until the form's cells are in the page and painted, "
              "each load in a new browser context (nothing cached), the median of the loads; bytes on the wire "
              "(headers and bodies, Resource Timing) of one load:", "",
              "| plan | cells | drawn (median) | document | scripts | styles | API answers | other | total |",
              "|---|---:|---:|---:|---:|---:|---:|---:|---:|"]
    kib = lambda n: f"{n / 1024:.1f} KiB"
    for what, form in forms:
        if "error" in form or not form:
            lines.append(f"| {what} | not measured: {form.get('error', 'no result')} | | | | | | | |")
            continue
        b = form["bytes"]
        lines.append(f"| {what} | {form['cells']} | {form['median_drawn_ms']:.0f} ms ({form['loads']} loads) | "
                     f"{kib(b['document'])} | {kib(b['scripts'])} | {kib(b['styles'])} | {kib(b['api'])} | "
                     f"{kib(b['other'])} | {kib(form['bytes_total'])} |")
    lines.append("")

    c_rps, n_rps = med(res["table"]["chiso"], "rps"), med(res["table"]["nginx"], "rps")
    mem_peak = max(memory[k]["VmHWM"] for k in ("after_table", "after_table_load", "after_saves") if k in memory)
    login_peak = max(memory[k]["VmHWM"] for k in ("after_one_login", "after_logins") if k in memory)
    aims = [("table of 10,000 units at 100 connections: ≥ half of nginx's requests/s",
             f"{c_rps / n_rps:.2f} of nginx", c_rps / n_rps >= 0.5)]
    for city in res.get("city", []):
        p99 = med(city["table"]["chiso"], "p99_us")
        ratio = med(city["table"]["chiso"], "rps") / med(city["table"]["nginx"], "rps")
        aims.append((f"table of {city['units']} units at 100 connections: ≥ half of nginx's requests/s",
                     f"{ratio:.2f} of nginx", ratio >= 0.5))
        aims.append((f"table of {city['units']} units at 100 connections: p99 < 10 ms",
                     f"p99 {ms(p99)}", p99 < 10000))
    def wait_ratio(rounds):  # the worst round's p99 ÷ its mean wait (connections ÷ requests/s)
        return max(r["p99_us"] / 1e6 / (1000 / r["rps"]) for r in rounds)

    worst_wait = wait_ratio(conns)
    nginx_wait = wait_ratio(conns_nginx) if conns_nginx else None
    aims += [
        ("1,000 keep-alive connections served, none waiting on another",
         f"{errors} errors; worst round's p99 {worst_wait:.1f}× the mean wait"
         + (f" (nginx {nginx_wait:.1f}×)" if conns_nginx else ""),
         # With 1,000 requests always in flight, the mean wait is 1,000 ÷
         # requests/s (Little's law), whatever the server's speed. A request
         # waiting on another connection shows as a tail far beyond it: the
         # p99 of every round within 3× of its mean wait, as nginx's is.
         errors == 0 and worst_wait <= 3),
        (f"{res['reporters']} reporters saving flat out: ≥ 2,000 acknowledged saves/s, p99 < 50 ms",
         f"{med(saves, 'saves_per_s'):,.0f}/s, p99 {ms(med(saves, 'p99_us'))}",
         med(saves, "saves_per_s") >= 2000 and med(saves, "p99_us") < 50000),
    ]
    if paced:
        paced_rate, paced_p99 = med(paced_rounds, "saves_per_s"), med(paced_rounds, "p99_us")
        aims.append((f"{res['reporters']} reporters offering 2,000 saves/s (each pausing {pause} ms): ≥ 2,000 "
                     f"acknowledged/s, p99 < 50 ms", f"{paced_rate:,.0f}/s, p99 {ms(paced_p99)}",
                     paced_rate >= 2000 and paced_p99 < 50000))
    aims += [
        ("resident memory < 60 MB with the 10,000-unit plan and a period loaded (peak outside logins)",
         mb(mem_peak), mem_peak < 60 * 1024),
        ("the same during logins", mb(login_peak), login_peak < 60 * 1024),
    ]
    for what, form in forms:
        if form and "error" not in form:
            aims.append((f"reporter's form, {what}: < 150 KB transferred, drawn < 500 ms",
                         f"{form['bytes_total'] / 1000:.0f} KB, {form['median_drawn_ms']:.0f} ms",
                         form["bytes_total"] < 150_000 and form["median_drawn_ms"] < 500))
    lines += ["| aim | measured | met |", "|---|---|---|"]
    lines += [f"| {aim} | {measured} | {'yes' if ok else 'no'} |" for aim, measured, ok in aims]
    lines.append("")
    return lines


def replace_section(path, heading, section):
    """Rewrites only the section `heading` of an existing docs/benchmarks.md
    (placed before the cross-checks when it has none yet)."""
    with open(path, encoding="utf-8") as f:
        text = f.read()
    block = "\n".join(section) + "\n"
    start = text.find(heading)
    if start >= 0:
        end = text.find("\n## ", start + 1)
        text = text[:start] + block + (text[end + 1:] if end >= 0 else "")
    else:
        at = text.find("## Cross-checks (untimed)")
        text = text[:at] + block + "\n" + text[at:] if at >= 0 else text + "\n" + block
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)
    log(f"wrote the section {heading[3:]!r} of {path}")


def replace_server_section(path, section):
    replace_section(path, "## Server (issue 16 §7)", section)


PG_HEADING = "## PostgreSQL (issue 17 §4)"


def top_waits(rounds, count=3):
    """The waits most sampled over the rounds (their shares averaged), as text."""
    shares = {}
    for r in rounds:
        for wait, share in r["waits"].items():
            shares[wait] = shares.get(wait, 0) + share / len(rounds)
    top = sorted(shares.items(), key=lambda kv: -kv[1])[:count]
    return ", ".join(f"{wait} {share:.0%}" for wait, share in top)


def cpu_per_save(rounds):
    """The median CPU per save of the servers, PostgreSQL and the rest."""
    med = statistics.median
    return " / ".join(f"{med(r['cpu_ms_per_save'][name] for r in rounds):.2f}"
                      for name in ("chiso", "postgres", "other")) + " ms"


def pg_section(path):
    """The "PostgreSQL" section (issue 17 §4) from bench/pg_bench.py's JSON."""
    lines = [PG_HEADING, ""]
    if not path or not os.path.exists(path):
        return lines + ["Not measured (`bash bench/pg.sh`; needs Debian's `postgresql`)."]
    with open(path, encoding="utf-8") as f:
        res = json.load(f)
    nproc = os.cpu_count() or 1
    loaded = res["load_before"] >= 0.5 * nproc
    med = statistics.median
    ms = lambda us: f"{us / 1000:.2f} ms"
    settings = res["settings"]
    lines += [
        f"`bench/pg.sh` ({res['date']}): chiso ({res.get('build', 'Release')}) on PostgreSQL "
        f"{res['postgresql']} from Debian, a server of its own on this machine (`scripts/pg-test-server.sh "
        f"--durable`: fsync {settings['fsync']}, synchronous_commit {settings['synchronous_commit']}, "
        f"shared_buffers {settings['shared_buffers']}), over its Unix socket; {res['rounds']} rounds per "
        "measure, the tools taking turns going first, the median shown. chiso, PostgreSQL and the load "
        f"generators share the {nproc} CPUs.",
        "",
        *([f"- chiso from the tree at `{res['commit']}`."] if "commit" in res else []),
        f"- Load average before: {res['load_before']:.2f} on {nproc} CPUs (after: {res['load_after']:.2f}, which "
        "counts the benchmark's own processes): "
        + ("**measured under load** (other work ran on the machine): compare ratios, not absolute figures."
           if loaded else "the machine was about idle."),
        "",
    ]
    aims = []
    if "history" in res:
        hist = res["history"]
        runs = hist["runs"]
        chiso_s = med(r["wall_s"] for r in runs["chiso"])
        copy_s = med(r["wall_s"] for r in runs["copy"])
        rss_kb = max(r["rss_kb"] for r in runs["chiso"])
        trend_s = med(res["trend"]["walls_s"])
        # The machine's CPU time of each tool (median), when pg_bench.py measured it.
        cpu_s = {tool: med(r["machine_cpu_s"] for r in tool_runs) for tool, tool_runs in runs.items()
                 if tool_runs and all("machine_cpu_s" in r for r in tool_runs)}
        cpu = lambda tool: f"{cpu_s[tool]:.2f} s" if tool in cpu_s else ""
        lines += [
            "| task | tool | median wall | the machine's CPU time | peak RSS (client) | ÷ \\copy |",
            "|---|---|---:|---:|---:|---:|",
            f"| {hist['rows']:,} rows ({res['history_file']}): import | chiso (read, checks, COPY into the "
            f"store, one transaction) | {fmt_ms(chiso_s)} | {cpu('chiso')} | {fmt_mb(rss_kb)} | "
            f"{chiso_s / copy_s:.2f} |",
            f"| the same rows | psql `\\copy` into a raw table of 18 text "
            f"columns | {fmt_ms(copy_s)} | {cpu('copy')} | | 1.00 |",
        ]
        if runs.get("versions"):
            versions_s = med(r["wall_s"] for r in runs["versions"])
            lines.append(
                f"| the versions that import stored ({hist['versions_bytes'] / 1e6:,.0f} MB as COPY text, against "
                f"the raw rows' {hist['raw_bytes'] / 1e6:,.0f} MB) | psql `\\copy` into a table like "
                f"unit_submission (its columns, checks, key and two indexes) | {fmt_ms(versions_s)} | "
                f"{cpu('versions')} | | {versions_s / copy_s:.2f} |")
        lines += [
            f"| trend of online_full_pct, {res['trend']['points']} periods, from the store | chiso | "
            f"{fmt_ms(trend_s)} | | | |",
            "",
            f"- The store after the import: {hist['versions_stored']:,} versions, "
            f"{hist['database_bytes'] / 1e6:,.0f} MB (`pg_database_size`); the raw table {hist['raw_rows']:,} rows.",
        ]
        if runs.get("versions") and {"chiso", "copy", "versions"} <= cpu_s.keys():
            budget = 1.5 * copy_s * nproc
            lines.append(
                f"- What the aim allows: 1.5 × {fmt_ms(copy_s)} on {nproc} CPUs = {budget:.2f} CPU-seconds. "
                f"PostgreSQL storing the versions alone, with no reading or checking, took "
                f"{versions_s / copy_s:.2f}× the raw `\\copy`'s wall and "
                f"{cpu_s['versions']:.2f} CPU-seconds; chiso's whole import "
                f"{cpu_s['chiso']:.2f} (its reading and checking, the database's "
                "storing, the references' trigger). A version is a row readable with plain SQL (§1), its values "
                f"as JSON with their codes: {hist['versions_bytes'] / hist['raw_bytes']:.1f} times the raw rows' "
                "bytes (docs/storage.md, \"What the import's aim asks\").")
        aims.append(("chiso's import of the history within 1.5× of `\\copy` of the same rows",
                     f"{chiso_s / copy_s:.2f}×", chiso_s / copy_s <= 1.5))
    else:
        lines.append("- The history's import and the trend: not measured (`--small`).")
    srv = res["servers"]
    lines.append(f"- `chiso copy` of the server benchmark's SQLite database (the 10,000-unit period, a coordinator "
                 f"and {srv['reporters']} reporters) into a new PostgreSQL database: {fmt_ms(srv['copy_s'])}.")
    one_reads, two_reads = med(r["rps"] for r in srv["reads"]["one"]), med(r["rps"] for r in srv["reads"]["two"])
    one_saves = med(r["saves_per_s"] for r in srv["saves"]["one"])
    two_saves = med(r["saves_per_s"] for r in srv["saves"]["two"])
    refused = max(r["refused"] for how in ("one", "two") for r in srv["saves"][how])
    lines += [
        "",
        f"The server benchmark's workloads ({res['wrk']}, {res['seconds']} s each) through one `chiso serve` and "
        "through two on the same database, the same connections in all (split evenly between the two): the "
        f"table of the 10,000-unit period at 100 connections; {srv['reporters']} reporters saving their own row "
        "(sessions opened through the first server serve on both: they are the database's).",
        "",
        "| measure | one server | two servers | two ÷ one |",
        "|---|---:|---:|---:|",
        f"| table, 100 connections: requests/s | {one_reads:,.0f} | {two_reads:,.0f} | {two_reads / one_reads:.2f} |",
        f"| table: p99 (worst server) | {ms(med(r['p99_us'] for r in srv['reads']['one']))} | "
        f"{ms(med(r['p99_us'] for r in srv['reads']['two']))} | |",
        f"| {srv['reporters']} reporters saving: acknowledged saves/s | {one_saves:,.0f} | {two_saves:,.0f} | "
        f"{two_saves / one_saves:.2f} |",
        f"| saves: p99 (worst server) | {ms(med(r['p99_us'] for r in srv['saves']['one']))} | "
        f"{ms(med(r['p99_us'] for r in srv['saves']['two']))} | |",
        f"| saves refused (409, 5xx; worst round) | {max(r['refused'] for r in srv['saves']['one'])} | "
        f"{max(r['refused'] for r in srv['saves']['two'])} | |",
    ] + ([
        f"| saves: the machine's CPUs busy (chiso, PostgreSQL and wrk together) | "
        f"{med(r['cpu_busy'] for r in srv['saves']['one']):.0%} | {med(r['cpu_busy'] for r in srv['saves']['two']):.0%} | |",
    ] if all("cpu_busy" in r for how in ("one", "two") for r in srv["saves"][how]) else []) + ([
        "| saves: what the database's active sessions waited on (pg_stat_activity every 0.2 s, all rounds) | "
        + " | ".join(top_waits(srv["saves"][how]) for how in ("one", "two")) + " | |",
    ] if all("waits" in r for how in ("one", "two") for r in srv["saves"][how]) else []) + ([
        "| saves: CPU per acknowledged save (chiso servers / PostgreSQL / the rest: wrk, the kernel) | "
        + " | ".join(cpu_per_save(srv["saves"][how]) for how in ("one", "two")) + " | |",
    ] if all("cpu_ms_per_save" in r for how in ("one", "two") for r in srv["saves"][how]) else [])
    limited = srv.get("saves_limited")
    if limited:
        lim_one = med(r["saves_per_s"] for r in limited["one"])
        lim_two = med(r["saves_per_s"] for r in limited["two"])
        share = srv["server_cpu"]
        lines += [
            f"| the same saves, each server held to {share:g} of a CPU (cgroup CPU quota): acknowledged saves/s | "
            f"{lim_one:,.0f} | {lim_two:,.0f} | {lim_two / lim_one:.2f} |",
            f"| held: p99 (worst server) | {ms(med(r['p99_us'] for r in limited['one']))} | "
            f"{ms(med(r['p99_us'] for r in limited['two']))} | |",
            f"| held: the machine's CPUs busy | {med(r['cpu_busy'] for r in limited['one']):.0%} | "
            f"{med(r['cpu_busy'] for r in limited['two']):.0%} | |",
            f"| held: CPU per save (chiso / PostgreSQL / the rest) | "
            + " | ".join(cpu_per_save(limited[how]) for how in ("one", "two")) + " | |",
        ]
    lines += [
        "",
        "Servers, database and load generators share this machine's CPUs. Through one server the saves "
        "already keep them busy, so a second server has no CPU to add here; the rows *held* give each server "
        f"a fixed share of a CPU, as a server on a small machine of its own would have, so that what one "
        "server can do is the limit, and show what a second one adds.",
        "",
    ]
    aims.append(("saves through two servers ≥ 1.5× those through one (all on this machine's CPUs)",
                 f"{two_saves / one_saves:.2f}×", two_saves / one_saves >= 1.5))
    if limited:
        aims.append((f"the same, each server held to {srv['server_cpu']:g} of a CPU",
                     f"{lim_two / lim_one:.2f}×", lim_two / lim_one >= 1.5))
    aims.append(("no save refused", str(refused), refused == 0))
    lines += ["| aim | measured | met |", "|---|---|---|"]
    lines += [f"| {aim} | {measured} | {'yes' if ok else 'no'} |" for aim, measured, ok in aims]
    return lines + [""]


def write_report(path, tasks, info, checks, args, targets, targets_13, unit_row, blob_note, server, pg):
    lines = [
        "# Benchmarks",
        "",
        "Written by `bench/run.sh` (issue 2 §8); do not edit by hand, run it again.",
        "A benchmark, not a test: timings never go into the tests.",
        "",
        f"- Date: {datetime.datetime.now(datetime.timezone.utc).strftime('%Y-%m-%d %H:%M UTC')}",
        f"- Machine: {info['nproc']} CPUs ({info['cpu']}), {info['ram']} RAM; {info['os']}",
        f"- Compiler: {info['compiler']}; chiso built in Release (`-O3 -DNDEBUG`), "
        f"commit {info['commit']}{' with uncommitted changes in src/' if info['dirty'] else ''}",
        f"- Peers: {info['pandas']} on {info['python']}; {info['duckdb']} on node {info['node']}; "
        f"sqlite3 shell {info['sqlite3']}",
        f"- Rounds: {args.runs_small} for the seed and the 10,000-unit period, {args.runs_big} for "
        "the 1.2-million-row history, the tools taking turns going first in each round; the median is shown. Wall time is measured around "
        f"the process, started directly and waited for with wait4(2) (starting a process costs {fmt_ms(args.floor_s)}: the median "
        "of `/bin/true` here); memory is the process's maximum resident set size (rusage). "
        "The machine is shared, so small differences are noise.",
        "",
        "Data (bench/generate.py, seeded, in the seed's layout; a few percent of rows carry one "
        "fault each: a share not agreeing, a sum not adding up, a range such as `86-96`, a "
        "negative count):",
        "",
    ]
    for name, manifest in checks["manifests"].items():
        lines.append(f"- `{name}`: {manifest['rows']:,} rows, {manifest['size_bytes'] / 1e6:.1f} MB, "
                     f"{manifest['faulty_rows']:,} faulty rows {manifest['faults']}")
    lines += ["", "What each tool does:", "",
              "- **chiso**: the real thing — reads the file (format found from the content), lays "
              "out and binds the header to the plan by its text, matches every unit name, parses "
              "every cell, runs every built-in check and plan rule, consolidates; `import` also "
              "keeps every raw and parsed value, the findings and the summary in SQLite, in one "
              "transaction. It keeps the plan it has read (TOML, units table, folded names) in "
              "a cache (`src/plan/plan_cache.h`), which every run after the first uses; here the "
              "cache starts empty, so the first of the runs of a task writes it.",
              "- **chiso, plan not cached**: the same with `CHISO_CACHE_DIR=off`, the plan read "
              "afresh every time (the first run with a new or changed plan).",
              "- **pandas** (`bench/peer_pandas.py`): `read_csv`, columns by position, numbers and "
              "marks parsed, the same checks vectorised (not a number, negative, percent range, "
              "sum of parts, part above total, share agreement within 0.5/rounding/truncation, "
              "room mark, days without procedures, duplicate and unregistered unit — exact names "
              "only); `import` writes parsed values and findings with `to_sql` to SQLite.",
              "- **duckdb** (`bench/peer_duckdb.mjs`): `read_csv` as text, the same parsing and "
              "checks in SQL. `import` keeps in a DuckDB file what chiso's store keeps of an import "
              "into a new database: the file as a source (name, SHA-256, size), periods and units "
              "with ids, a submission per (period, unit) with version, state, source, row and raw "
              "name, its cells, the findings tied to their submission, each period's figures; "
              "the cells in one of two layouts (issue 13 §5): **JSON cells**, a JSON column per "
              "submission in chiso's form with a view unfolding it into rows, or **typed rows**, "
              "one row per (submission, indicator) with raw text and parsed value. Its trend "
              "reads the stored values of either layout.",
              "- **sqlite3**: the shell's `.import` of the raw table — loading only, no parsing, "
              "no checks; its trend query parses the two count columns in SQL.",
              "", "## Results", "",
              "| task | tool | median wall | peak RSS | chiso ÷ tool | runs |",
              "|---|---|---:|---:|---:|---:|"]
    for task in tasks:
        chiso = next((e for e in task.tools if e["tool"] == "chiso"), None)
        chiso_med = statistics.median(chiso["walls"]) if chiso and chiso["walls"] else None
        for entry in task.tools:
            if entry["failed"] or not entry["walls"]:
                lines.append(f"| {task.title} | {entry['tool']} | failed | | | "
                             f"{len(entry['walls'])} |")
                continue
            med = statistics.median(entry["walls"])
            rss = max(entry["rss_kb"])
            ratio = "" if entry["tool"] == "chiso" or chiso_med is None else f"{chiso_med / med:.2f}"
            lines.append(f"| {task.title} | {entry['tool']} | {fmt_ms(med)} | {fmt_mb(rss)} | "
                         f"{ratio} | {len(entry['walls'])} |")
    lines += ["", "A ratio below 1 means chiso was faster than that tool.", "",
              "## Aims of issue 2 §8", "", "| aim | measured | met |", "|---|---|---|"]
    lines += [f"| {aim} | {measured} | {met} |" for aim, measured, met in targets]
    lines += ["", "## One unit's row recorded", ""]
    if unit_row:
        lines.append(
            f"`bench/record_unit_row.cpp` calls `service::record_unit_row` (a row typed on a page: "
            f"read, checked by the plan's rules, saved as the unit's next version) {unit_row['saves']} "
            f"times, each time for another unit of the 10,000, one count changed, saved as a draft, on "
            f"the store the history's import left ({unit_row['db_mb']:.0f} MB, 1.2 million versions), "
            f"the store and plan opened once as a server does; only the call is timed. "
            f"{unit_row['runs']} runs: median per save {fmt_ms(unit_row['median_s'])} (the median of "
            f"the runs' medians), 90th percentile {fmt_ms(unit_row['p90_s'])}, largest "
            f"{fmt_ms(unit_row['max_s'])}.")
    else:
        lines.append("Not measured (`--small`, or no `--record-bench` program).")
    lines += ["", "## Aims of issue 13 §5", "", "| aim | measured | met |", "|---|---|---|"]
    lines += [f"| {aim} | {measured} | {met} |" for aim, measured, met in targets_13]
    lines += ["", "What plain rows cost against the blob store: " + blob_note]
    lines += [""] + server + pg
    lines += ["## Cross-checks (untimed)", ""] + checks["lines"]
    failures = [(task, e) for task in tasks for e in task.tools if e["failed"]]
    if failures:
        lines += ["", "## Failures", ""]
        for task, entry in failures:
            lines.append(f"- {task.title} / {entry['tool']}: `{' '.join(entry['argv'])}` → "
                         f"{entry['failed'][:400]!r}")
    lines += ["", "## Reproduce", "", "```sh", "bash bench/run.sh            # everything",
              "bash bench/run.sh --small    # seed and 10,000-unit period only",
              "bash bench/run.sh --pg       # PostgreSQL only (bench/pg.sh)", "```", ""]
    with open(path, "w", encoding="utf-8") as f:
        f.write("\n".join(lines))
    log(f"wrote {path}")


# ---------------------------------------------------------------- main


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--chiso", required=True)
    ap.add_argument("--data", default=os.path.join(HERE, "data"))
    ap.add_argument("--prefix", default="", help="data file name prefix")
    ap.add_argument("--results", default=os.path.join(HERE, "results"))
    ap.add_argument("--out", default=os.path.join(ROOT, "docs", "benchmarks.md"))
    ap.add_argument("--runs-small", type=int, default=5)
    ap.add_argument("--runs-big", type=int, default=3)
    ap.add_argument("--small", action="store_true", help="skip the 1.2-million-row history")
    ap.add_argument("--record-bench", default="",
                    help="bench/record_unit_row.cpp's program: one unit's row recorded on the history's store")
    ap.add_argument("--server-results", default="",
                    help="bench/server_bench.py's JSON: the Server section")
    ap.add_argument("--server-only", action="store_true",
                    help="rewrite only the Server section of --out (bench/server.sh run alone)")
    ap.add_argument("--pg-results", default="",
                    help="bench/pg_bench.py's JSON: the PostgreSQL section")
    ap.add_argument("--pg-only", action="store_true",
                    help="rewrite only the PostgreSQL section of --out (bench/pg.sh run alone)")
    args = ap.parse_args()
    if args.server_only:
        replace_server_section(args.out, server_section(args.server_results))
        return 0
    if args.pg_only:
        replace_section(args.out, PG_HEADING, pg_section(args.pg_results))
        return 0

    os.makedirs(args.results, exist_ok=True)
    plan_cache = os.path.join(args.results, "plan-cache")
    shutil.rmtree(plan_cache, ignore_errors=True)
    os.environ["CHISO_CACHE_DIR"] = plan_cache
    work = os.path.join(args.results, "db")
    os.makedirs(work, exist_ok=True)
    chiso = os.path.abspath(args.chiso)
    data = lambda name: os.path.join(args.data, args.prefix + name)
    plan = data("plan-national.toml")
    period_file, history_file = data("period-10k.tsv"), data("history-120x10k.tsv")
    db = lambda name: os.path.join(work, name)
    node = ["node", os.path.join(HERE, "peer_duckdb.mjs")]
    pandas = [PY, os.path.join(HERE, "peer_pandas.py")]
    small, big = args.runs_small, args.runs_big
    chk = (0, 1)  # exit 1 = findings of severity error: expected here

    tasks = [
        Task("seed-check", "seed: check", small)
        .add("chiso", [chiso, "--plan", SEED_PLAN, "--lang", "en", "check", SEED], ok_codes=chk)
        .add("chiso, plan not cached", [chiso, "--plan", SEED_PLAN, "--lang", "en", "check", SEED],
             ok_codes=chk, env=NO_PLAN_CACHE)
        .add("pandas", pandas + ["check", SEED, "--plan", SEED_PLAN], ok_codes=chk)
        .add("duckdb", node + ["check", SEED, "--plan", SEED_PLAN], ok_codes=chk),
        Task("seed-import", "seed: import", small)
        .add("chiso", [chiso, "--plan", SEED_PLAN, "--db", db("seed.chiso.db"), "import", SEED,
                       "--period", "2024-Q4"], remove=[db("seed.chiso.db")], ok_codes=chk)
        .add("pandas", pandas + ["import", SEED, "--plan", SEED_PLAN, "--db", db("seed.pandas.db"),
                                 "--period", "2024-Q4"], remove=[db("seed.pandas.db")], ok_codes=chk)
        .add(DUCK_JSON, node + ["import", SEED, "--plan", SEED_PLAN, "--db", db("seed.duckdb"),
                                "--period", "2024-Q4"], remove=[db("seed.duckdb")], ok_codes=chk)
        .add(DUCK_ROWS, node + ["import", SEED, "--plan", SEED_PLAN, "--db", db("seed-rows.duckdb"),
                                "--period", "2024-Q4", "--layout", "rows"], remove=[db("seed-rows.duckdb")],
             ok_codes=chk)
        .add("sqlite3", sqlite_import_argv(db("seed.sqlite3.db"), SEED, False),
             remove=[db("seed.sqlite3.db")], ok_codes=(0, 1)),
        Task("seed-e2e", "seed: import + report (xlsx)", small)
        .add("chiso", ["sh", "-c", " ".join(shlex.quote(a) for a in [
            chiso, "--plan", SEED_PLAN, "--db", db("seed-e2e.chiso.db"), "import", SEED,
            "--period", "2024-Q4"]) + " >/dev/null; " + " ".join(shlex.quote(a) for a in [
            chiso, "--plan", SEED_PLAN, "--db", db("seed-e2e.chiso.db"), "report", "--period",
            "2024-Q4", "--format", "xlsx", "-o", db("seed-e2e.xlsx")])],
             remove=[db("seed-e2e.chiso.db")]),
        Task("p10k-check", "10,000 units: check", small)
        .add("chiso", [chiso, "--plan", plan, "--lang", "en", "check", period_file, "--period",
                       "2025-12"], ok_codes=chk)
        .add("chiso, plan not cached", [chiso, "--plan", plan, "--lang", "en", "check",
                                        period_file, "--period", "2025-12"], ok_codes=chk,
             env=NO_PLAN_CACHE)
        .add("pandas", pandas + ["check", period_file, "--plan", plan], ok_codes=chk)
        .add("duckdb", node + ["check", period_file, "--plan", plan], ok_codes=chk),
        Task("p10k-import", "10,000 units: import", small)
        .add("chiso", [chiso, "--plan", plan, "--db", db("p10k.chiso.db"), "import", period_file,
                       "--period", "2025-12"], remove=[db("p10k.chiso.db")], ok_codes=chk)
        .add("pandas", pandas + ["import", period_file, "--plan", plan, "--db", db("p10k.pandas.db"),
                                 "--period", "2025-12"], remove=[db("p10k.pandas.db")], ok_codes=chk)
        .add(DUCK_JSON, node + ["import", period_file, "--plan", plan, "--db", db("p10k.duckdb"),
                                "--period", "2025-12"], remove=[db("p10k.duckdb")], ok_codes=chk)
        .add(DUCK_ROWS, node + ["import", period_file, "--plan", plan, "--db", db("p10k-rows.duckdb"),
                                "--period", "2025-12", "--layout", "rows"], remove=[db("p10k-rows.duckdb")],
             ok_codes=chk)
        .add("sqlite3", sqlite_import_argv(db("p10k.sqlite3.db"), period_file, False),
             remove=[db("p10k.sqlite3.db")], ok_codes=(0, 1)),
    ]
    if not args.small:
        tasks += [
            Task("h120-check", "1.2 M rows (120 months): check", big)
            .add("chiso", [chiso, "--plan", plan, "--lang", "en", "check", history_file],
                 ok_codes=chk)
            .add("pandas", pandas + ["check", history_file, "--plan", plan], ok_codes=chk)
            .add("duckdb", node + ["check", history_file, "--plan", plan], ok_codes=chk),
            Task("h120-import", "1.2 M rows (120 months): import", big)
            .add("chiso", [chiso, "--plan", plan, "--db", db("h120.chiso.db"), "import",
                           history_file], remove=[db("h120.chiso.db")], ok_codes=chk)
            .add("pandas", pandas + ["import", history_file, "--plan", plan, "--db",
                                     db("h120.pandas.db")], remove=[db("h120.pandas.db")],
                 ok_codes=chk)
            .add(DUCK_JSON, node + ["import", history_file, "--plan", plan, "--db",
                                    db("h120.duckdb")], remove=[db("h120.duckdb")], ok_codes=chk)
            .add(DUCK_ROWS, node + ["import", history_file, "--plan", plan, "--db",
                                    db("h120-rows.duckdb"), "--layout", "rows"],
                 remove=[db("h120-rows.duckdb")], ok_codes=chk)
            .add("sqlite3", sqlite_import_argv(db("h120.sqlite3.db"), history_file, True),
                 remove=[db("h120.sqlite3.db")], ok_codes=(0, 1)),
            Task("h120-trend", "trend of online_full_pct, 120 periods, from the store", small)
            .add("chiso", [chiso, "--plan", plan, "--db", db("h120.chiso.db"), "trend",
                           "--indicator", "online_full_pct", "--format", "json"])
            .add("pandas", pandas + ["trend", "--db", db("h120.pandas.db")])
            .add(DUCK_JSON, node + ["trend", "--db", db("h120.duckdb")])
            .add(DUCK_ROWS, node + ["trend", "--db", db("h120-rows.duckdb")])
            .add("sqlite3", sqlite_trend_argv(db("h120.sqlite3.db"))),
        ]

    floor = Task("floor", "floor", small).add("true", ["/bin/true"])
    for task in [floor] + tasks:
        measure(task, args.results)
    args.floor_s = statistics.median(floor.tools[0]["walls"]) if floor.tools[0]["walls"] else 0

    # One unit's row recorded, on the store the history's import left (after
    # the trend rounds, which read it: the saves change it).
    unit_row = None
    history_db = db("h120.chiso.db")
    if args.record_bench and not args.small and os.path.exists(history_db):
        db_mb = os.path.getsize(history_db) / 1e6
        runs = []
        log(f"one unit's row recorded: {small} runs of 200 saves")
        for _ in range(small):
            proc = subprocess.run([os.path.abspath(args.record_bench), "--plan", plan, "--db", history_db,
                                   "--period", "2025-12", "--saves", "200"],
                                  capture_output=True, text=True, cwd=ROOT)
            got = peer_findings(proc.stdout) if proc.returncode == 0 else None
            if not got:
                log(f"  record_unit_row_bench failed (exit {proc.returncode}): {proc.stderr.strip()[:300]}")
                break
            runs.append(got)
            log(f"  median {got['median_ms']:.3f} ms, p90 {got['p90_ms']:.3f} ms")
        if runs:
            unit_row = {"saves": runs[0]["saves"], "runs": len(runs), "db_mb": db_mb,
                        "median_s": statistics.median(r["median_ms"] for r in runs) / 1000,
                        "p90_s": statistics.median(r["p90_ms"] for r in runs) / 1000,
                        "max_s": max(r["max_ms"] for r in runs) / 1000}

    # chiso's findings by rule on the 10,000-unit period (untimed, JSON).
    chiso_rules = None
    if os.path.exists(period_file):
        proc = subprocess.run([chiso, "--plan", plan, "check", period_file, "--period", "2025-12",
                               "--format", "json"], capture_output=True, text=True, cwd=ROOT)
        try:
            counts = {}
            for finding in json.loads(proc.stdout).get("findings", []):
                key = f"{finding.get('severity')} {finding.get('rule')}"
                counts[key] = counts.get(key, 0) + 1
            chiso_rules = dict(sorted(counts.items()))
        except ValueError:
            chiso_rules = f"no JSON (exit {proc.returncode}): {proc.stderr.strip()[:300]}"

    # Cross-checks.
    checks = {"manifests": {}, "lines": []}
    by_id = {task.task_id: task for task in tasks}
    for key, file_name in (("p10k", "period-10k"), ("h120", "history-120x10k")):
        manifest_path = data(file_name + ".manifest.json")
        if f"{key}-check" not in by_id or not os.path.exists(manifest_path):
            continue
        with open(manifest_path, encoding="utf-8") as f:
            manifest = json.load(f)
        checks["manifests"][os.path.basename(data(file_name + ".tsv"))] = manifest
        expected = expected_findings(manifest)
        for entry in by_id[f"{key}-check"].tools:
            if entry["failed"] or (is_chiso(entry["tool"]) and entry["tool"] != "chiso"):
                continue
            if entry["tool"] == "chiso":
                # The import's closing line counts every finding (check's text
                # output counts the findings it prints).
                imported = next((e for e in by_id[f"{key}-import"].tools
                                 if e["tool"] == "chiso"), None) if f"{key}-import" in by_id else None
                totals = chiso_totals(imported["stdout"]) if imported else None
                verdict = "?" if totals is None else (
                    f"{totals[0]:,} errors, {totals[1]:,} warnings "
                    f"(faulty rows injected: {manifest['faulty_rows']:,}"
                    f"{', the same' if totals[0] == manifest['faulty_rows'] else ''})")
                checks["lines"].append(f"- {file_name} / chiso import: {verdict}")
                if key == "p10k":
                    checks["lines"].append(f"- {file_name} / chiso check --format json, findings "
                                           f"by severity and rule: {chiso_rules}")
            else:
                got = (peer_findings(entry["stdout"]) or {}).get("findings", {})
                same = all(got.get(rule, 0) == count for rule, count in expected.items()) and \
                    sum(got.values()) == sum(expected.values())
                checks["lines"].append(f"- {file_name} / {entry['tool']} check: findings {got} — "
                                       f"{'exactly the faults injected' if same else 'DIFFERS from ' + str(expected)}")
        if key == "h120" and "h120-trend" in by_id:
            truth = {p["period"]: p["online_full_pct"] for p in manifest["trend"]}
            for entry in by_id["h120-trend"].tools:
                if entry["failed"]:
                    continue
                points = parse_trend(entry["tool"], entry["stdout"])
                worst = max((abs(points[p] - v) for p, v in truth.items() if p in points),
                            default=None)
                checks["lines"].append(
                    f"- trend / {entry['tool']}: {len(points)} of {len(truth)} periods"
                    + ("" if worst is None else f", largest difference from the exact share "
                       f"{worst:.2g} points"))

    # Aims of issue 2 §8.
    def med(task_id, tool="chiso"):
        task = by_id.get(task_id)
        entry = next((e for e in task.tools if e["tool"] == tool), None) if task else None
        return statistics.median(entry["walls"]) if entry and entry["walls"] else None

    def rss(task_id, tool="chiso"):
        task = by_id.get(task_id)
        entry = next((e for e in task.tools if e["tool"] == tool), None) if task else None
        return max(entry["rss_kb"]) if entry and entry["rss_kb"] else None

    def ahead(task_id):
        mine, task = med(task_id), by_id.get(task_id)
        if mine is None or task is None:
            return False
        return all(mine < statistics.median(e["walls"]) for e in task.tools
                   if not is_chiso(e["tool"]) and e["walls"])

    targets = []

    def aim(text, seconds, limit, task_ids, extra_ok=True, extra=""):
        if seconds is None:
            targets.append((text, "not measured", "—"))
            return
        ok = seconds < limit and extra_ok and all(ahead(t) for t in task_ids)
        targets.append((text, fmt_ms(seconds) + extra, "yes" if ok else "no"))

    aim("seed checked < 5 ms, ahead of every peer", med("seed-check"), 0.005, ["seed-check"])
    for what in ("check", "import"):
        aim(f"10,000-unit period {what} < 50 ms, ahead of every peer", med(f"p10k-{what}"), 0.050,
            [f"p10k-{what}"])
    if not args.small:
        for what in ("check", "import"):
            mem = rss(f"h120-{what}")
            aim(f"1.2 M-row history {what} < 2 s, peak < 500 MB, ahead of every peer",
                med(f"h120-{what}"), 2.0, [f"h120-{what}"],
                extra_ok=mem is not None and mem < 500 * 1024,
                extra="" if mem is None else f", {fmt_mb(mem)}")
        aim("trend query < 50 ms, ahead of every peer", med("h120-trend"), 0.050, ["h120-trend"])

    # Aims of issue 13 §5: the store of a submission per unit, its speed.
    targets_13 = []
    if not args.small:
        mine, mem = med("h120-import"), rss("h120-import")
        peers = [(tool, med("h120-import", tool)) for tool in (DUCK_JSON, DUCK_ROWS)]
        if mine is None or mem is None or any(t is None for _, t in peers):
            targets_13.append(("1.2 M-row history import < 5 s, peak < 500 MB, ≥ 1.5× as fast as DuckDB "
                               "(each layout)", "not measured", "—"))
        else:
            ok = mine < 5.0 and mem < 500 * 1024 and all(t / mine >= 1.5 for _, t in peers)
            against = "; ".join(f"{tool} {fmt_ms(t)}: {t / mine:.2f}×" for tool, t in peers)
            targets_13.append(("1.2 M-row history import < 5 s, peak < 500 MB, ≥ 1.5× as fast as DuckDB "
                               "(each layout)", f"{fmt_ms(mine)}, {fmt_mb(mem)}; {against}",
                               "yes" if ok else "no"))
    p10k = med("p10k-import")
    targets_13.append(("10,000-unit period import < 100 ms", fmt_ms(p10k) if p10k is not None else "not measured",
                       "—" if p10k is None else ("yes" if p10k < 0.100 else "no")))
    targets_13.append(("one unit's row recorded < 5 ms (median per save, on the history's store)",
                       fmt_ms(unit_row["median_s"]) if unit_row else "not measured",
                       "—" if not unit_row else ("yes" if unit_row["median_s"] < 0.005 else "no")))
    trend_s = med("h120-trend")
    targets_13.append(("trend query < 50 ms", fmt_ms(trend_s) if trend_s is not None else "not measured",
                       "—" if trend_s is None else ("yes" if trend_s < 0.050 else "no")))
    # The blob store's figures (row blocks, schema 1; this file at commit
    # c6ebbee, 2026-12-04) against the plain rows measured here.
    blob = {"h120": (1.77, 241.0), "p10k": 0.0245, "db_mb": 186}
    parts = []
    if not args.small and med("h120-import") is not None:
        parts.append(f"the history's import {fmt_ms(med('h120-import'))} and {fmt_mb(rss('h120-import'))} "
                     f"against the blob store's {blob['h120'][0]:.2f} s and {blob['h120'][1]:.1f} MB "
                     f"(×{med('h120-import') / blob['h120'][0]:.2f} the time)")
    if p10k is not None:
        parts.append(f"the 10,000-unit period's import {fmt_ms(p10k)} against {fmt_ms(blob['p10k'])} "
                     f"(×{p10k / blob['p10k']:.2f})")
    if unit_row:
        parts.append(f"the history's database {unit_row['db_mb']:.0f} MB against {blob['db_mb']} MB")
    blob_note = ("; ".join(parts) + ". The blob store kept a period's rows in binary blocks only chiso could "
                 "read; every value is now an ordinary row any SQL tool reads (a JSON text per unit's "
                 "version, unfolded by the views submission_value and current_value), every version and its "
                 "findings kept per unit (docs/storage.md). The blob store's figures are those of this file "
                 "at commit c6ebbee (2026-12-04), on this machine.") if parts else "not measured."

    write_report(args.out, tasks, machine(), checks, args, targets, targets_13, unit_row, blob_note,
                 server_section(args.server_results), pg_section(args.pg_results))
    failed = [f"{t.title}/{e['tool']}" for t in tasks for e in t.tools if e["failed"]]
    if failed:
        log("failed: " + ", ".join(failed))
    return 0


if __name__ == "__main__":
    sys.exit(main())
