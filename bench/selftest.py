#!/usr/bin/python3
"""Self-test of the benchmark's generator and peers, at small scale (seconds).

  /usr/bin/python3 bench/selftest.py

1. Generates 1,000 units × 12 months into a temporary folder and checks the
   layout against the seed: the same title, header and note lines, 17 columns
   (18 with the period column), row numbers 1…N, every unit registered in the
   generated plan, the plan's other keys unchanged.
2. Runs both peers (check) on the generated tables: each must find exactly
   the faults the manifest lists, and nothing else.
3. Runs both peers on the seed: the findings counted by hand from the table
   (bench/README.md).
4. Imports the history with both peers (DuckDB in both layouts of its store,
   JSON cells and typed rows) and runs their trend query: it must equal the
   exact shares of the manifest.
Needs python3-pandas and `npm install` in bench/ (bench/run.sh installs them).
"""

import csv
import json
import shutil
import os
import subprocess
import sys
import tempfile
import tomllib

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
SEED = os.path.join(ROOT, "samples", "000_e41d2a91a7ebffff.txt")
SEED_PLAN = os.path.join(ROOT, "plans", "hai-phong-197.toml")
failures = []


def expect(condition, what):
    print(f"{'ok  ' if condition else 'FAIL'} {what}")
    if not condition:
        failures.append(what)


def peer(tool, *args):
    argv = ([sys.executable, os.path.join(HERE, "peer_pandas.py")] if tool == "pandas"
            else ["node", os.path.join(HERE, "peer_duckdb.mjs")]) + list(args)
    proc = subprocess.run(argv, capture_output=True, text=True, cwd=HERE)
    if proc.returncode not in (0, 1):
        return {"error": proc.stderr.strip()[-500:]}, proc.stdout
    lines = proc.stdout.strip().splitlines()
    try:
        return json.loads(lines[-1]), proc.stdout
    except (ValueError, IndexError):
        return {"error": "no JSON"}, proc.stdout


def main():
    out = tempfile.mkdtemp(prefix="chiso-bench-selftest-")
    subprocess.run([sys.executable, os.path.join(HERE, "generate.py"), "--units", "1000",
                    "--periods", "12", "--out", out, "--force"], check=True)
    plan_path = os.path.join(out, "plan-national.toml")
    with open(plan_path, "rb") as f:
        plan = tomllib.load(f)
    with open(SEED_PLAN, "rb") as f:
        source_plan = tomllib.load(f)
    if "units_file" in plan:  # the units in a table file (docs/plan-format.md)
        with open(os.path.join(out, plan["units_file"]), encoding="utf-8", newline="") as f:
            units = list(csv.DictReader(f, delimiter="\t"))
    else:
        units = plan["units"]
    registered = {unit["name"] for unit in units}
    expect(len(units) == 1000, "plan has the 1,000 generated units")
    expect(all(plan[k] == v for k, v in source_plan.items() if k != "units"),
           "plan keeps every other key of plans/hai-phong-197.toml")

    with open(SEED, encoding="utf-8") as f:
        seed_lines = f.read().split("\n")
    for name, with_period, rows in (("period-10k", False, 1000), ("history-120x10k", True, 12000)):
        with open(os.path.join(out, name + ".tsv"), encoding="utf-8") as f:
            lines = f.read().split("\n")
        expect(lines[:5] == seed_lines[:5], f"{name}: the seed's blank and title lines")
        header = [l.split("\t") for l in lines[5:7]]
        seed_header = [l.split("\t") for l in seed_lines[5:7]]
        if with_period:
            seed_header = [seed_header[0][:2] + ["Kỳ báo cáo"] + seed_header[0][2:],
                           seed_header[1][:2] + [""] + seed_header[1][2:]]
        expect(header == seed_header, f"{name}: the seed's two-level header"
               + (" with the period column" if with_period else ""))
        expect(lines[-1] == seed_lines[-1] and lines[-2] == "", f"{name}: the seed's note line")
        data = [l.split("\t") for l in lines[7:-2]]
        width = 18 if with_period else 17
        expect(len(data) == rows and all(len(cells) == width for cells in data),
               f"{name}: {rows} data rows of {width} cells")
        expect([int(cells[0]) for cells in data] == list(range(1, rows + 1)),
               f"{name}: row numbers 1…{rows}")
        expect(all(cells[1] in registered for cells in data), f"{name}: every unit registered")
        if with_period:
            periods = sorted({cells[2] for cells in data})
            expect(periods == [f"2016-{m:02d}" for m in range(1, 13)], f"{name}: periods 2016-01…12")

        with open(os.path.join(out, name + ".manifest.json"), encoding="utf-8") as f:
            manifest = json.load(f)
        faults = manifest["faults"]
        expected = {"share.agree": faults["share"], "online.sum": faults["sum"],
                    "value.not_number": faults["range"], "value.negative": faults["negative"]}
        expected = {rule: count for rule, count in expected.items() if count}
        table = os.path.join(out, name + ".tsv")
        for tool in ("pandas", "duckdb"):
            got, _ = peer(tool, "check", table, "--plan", plan_path)
            expect(got.get("rows") == rows and got.get("findings") == expected,
                   f"{name}: {tool} finds exactly the injected faults {expected} (got {got})")

            if not with_period:
                # A fault put in by hand on a clean row must be found on top.
                tampered = os.path.join(out, "tampered.tsv")
                clean_idx = next(idx for idx, cells in enumerate(data)
                                 if cells[10] and "-" not in cells[10] and cells[2] != ""
                                 and not cells[2].startswith("-"))
                cells = list(data[clean_idx])
                cells[10] = "chín mươi"  # first_time_valid_pct as words
                with open(tampered, "w", encoding="utf-8") as f:
                    f.write("\n".join(lines[:7 + clean_idx] + ["\t".join(cells)]
                                      + lines[8 + clean_idx:]))
                more = dict(expected)
                more["value.not_number"] = more.get("value.not_number", 0) + 1
                got, _ = peer(tool, "check", tampered, "--plan", plan_path)
                expect(got.get("findings") == more,
                       f"{name}: {tool} also finds a non-number put in by hand")

    # The seed, counted by hand (bench/README.md).
    seed_expected = {"online.sum": 3, "online.part_exceeds": 1, "share.agree": 7,
                     "value.not_number": 1, "unit.unknown": 1}
    for tool in ("pandas", "duckdb"):
        got, _ = peer(tool, "check", SEED, "--plan", SEED_PLAN)
        expect(got.get("rows") == 30 and got.get("findings") == seed_expected,
               f"seed: {tool} finds {seed_expected} (got {got})")

    # Trend from each peer's store against the manifest's exact shares.
    with open(os.path.join(out, "history-120x10k.manifest.json"), encoding="utf-8") as f:
        truth = {p["period"]: p["online_full_pct"] for p in json.load(f)["trend"]}
    history = os.path.join(out, "history-120x10k.tsv")
    for tool, db, layout in (("pandas", "h.sqlite", []), ("duckdb", "h.duckdb", ["--layout", "json"]),
                             ("duckdb", "h-rows.duckdb", ["--layout", "rows"])):
        db = os.path.join(out, db)
        peer(tool, "import", history, "--plan", plan_path, "--db", db, *layout)
        _, text = peer(tool, "trend", "--db", db)
        points = {}
        for line in text.splitlines():
            cells = line.split()
            if len(cells) >= 2 and cells[0] in truth:
                points[cells[0]] = float(cells[1])
        expect(points.keys() == truth.keys() and
               all(abs(points[p] - truth[p]) < 1e-6 for p in truth),
               f"{tool} {' '.join(layout)}: trend of 12 periods equals the exact shares")

    shutil.rmtree(out, ignore_errors=True)
    print(f"{len(failures)} failed" if failures else "all passed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
