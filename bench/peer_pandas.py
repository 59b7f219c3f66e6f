#!/usr/bin/python3
"""The pandas peer of the benchmark: the work a data engineer would write with
Debian's python3-pandas, to compare with `chiso check` / `chiso import`.

  peer_pandas.py check  FILE [--plan PLAN]
  peer_pandas.py import FILE --db DB.sqlite [--plan PLAN] [--period P]
  peer_pandas.py trend  --db DB.sqlite

It reads the table as chiso does (tab-separated, title lines, a two-level
header, data rows whose first cell is the row number, a note line; the seed's
two parts too), parses Vietnamese numbers (decimal comma, dot thousands) and
marks (x / 0 / blank), and runs the same checks as chiso's built-ins and the
plan's main rules: not a number, negative counts and days, percents outside
0–100, full + partial = total, neither part above the total, typed shares that
agree with their counts (within 0.5 points, or rounded/truncated; only
when the counts add up, as the plan's policy says), the meeting
room mark against its count, days cut with no procedure cut (or none
reported), a unit twice in a
period, a unit not registered in the plan (exact name). Columns are taken by
position (the layout is fixed), which is what such a script would do.

`import` writes the parsed values (one row per unit and period) and the
findings to SQLite with DataFrame.to_sql. `trend` prints the city-wide
full-process share (ratio of the sums) of every period.
It prints one JSON line: rows read and findings by rule.
"""

import argparse
import csv
import json
import os
import sqlite3
import sys
import tomllib

import numpy as np
import pandas as pd

CODES = ["tthc_shortened", "days_shortened_avg", "online_total", "online_full",
         "online_full_pct", "online_partial", "online_partial_pct", "cashless_pct",
         "first_time_valid_pct", "meeting_room_has", "meeting_room_count",
         "ddci_connected", "ai_answering", "licence_model", "commitments_published"]
COUNTS_DAYS = ["tthc_shortened", "days_shortened_avg", "online_total", "online_full",
               "online_partial", "meeting_room_count"]
PERCENTS = ["online_full_pct", "online_partial_pct", "cashless_pct", "first_time_valid_pct"]
MARKS = ["meeting_room_has", "ddci_connected", "ai_answering", "licence_model",
         "commitments_published"]
NUMERIC = COUNTS_DAYS + PERCENTS


def read_table(path):
    """The data rows as strings: row, name, period (if any), the 15 indicator cells."""
    with open(path, encoding="utf-8-sig") as f:
        head = [next(f, "") for _ in range(40)]
    has_period = any(line.split("\t")[2:3] == ["Kỳ báo cáo"] for line in head)
    names = ["row", "name"] + (["period"] if has_period else []) + CODES
    df = pd.read_csv(path, sep="\t", header=None, names=names, dtype=str,
                     quoting=csv.QUOTE_NONE, keep_default_na=False, na_filter=False,
                     skip_blank_lines=True, encoding="utf-8-sig", engine="c")
    df = df[df["row"].str.strip().str.fullmatch(r"\d+")].reset_index(drop=True)
    return df, has_period


def parse(df):
    """Numbers (decimal comma, dot thousands) and marks; NaN when blank or not a number."""
    values = pd.DataFrame(index=df.index)
    for code in NUMERIC:
        text = df[code].str.strip().str.replace("\u00a0", "", regex=False)
        text = text.str.replace(".", "", regex=False).str.replace(",", ".", regex=False)
        values[code] = pd.to_numeric(text.str.rstrip("%"), errors="coerce")
    for code in MARKS:
        mark = df[code].str.strip().str.lower()
        values[code] = mark.map({"x": 1.0, "0": 0.0})
    return values


def share_agrees(typed, part, total):
    computed = 100.0 * part / total
    ok = (typed - computed).abs() <= 0.5 + 1e-9
    for decimals in (0, 1, 2):
        scale = 10.0 ** decimals
        ok |= (typed - np.floor(computed * scale + 1e-9) / scale).abs() < 1e-6
    return ok


def check(df, values, units):
    """The findings: one DataFrame with row, unit, period, indicator, rule, raw."""
    found = []

    def add(mask, rule, indicator):
        if mask.any():
            hit = df.loc[mask]
            found.append(pd.DataFrame({
                "row": hit["row"].astype(int), "unit": hit["name"], "period": hit["period"],
                "indicator": indicator, "rule": rule,
                "raw": hit[indicator] if indicator else hit["name"]}))

    for code in NUMERIC:
        add((df[code].str.strip() != "") & values[code].isna(), "value.not_number", code)
    for code in MARKS:
        add((df[code].str.strip() != "") & values[code].isna(), "value.not_a_mark", code)
    for code in COUNTS_DAYS:
        add(values[code] < 0, "value.negative", code)
    for code in PERCENTS:
        add((values[code] < 0) | (values[code] > 100), "value.percent_range", code)
    total, full, partial = values["online_total"], values["online_full"], values["online_partial"]
    add((full + partial - total).abs() > 1e-9, "online.sum", "online_total")
    add(full > total, "online.part_exceeds", "online_full")
    add(partial > total, "online.part_exceeds", "online_partial")
    # As the plan's policy: shares are checked against the counts only when the
    # counts are consistent (the other part blank or the parts adding up).
    adds_up = (full + partial - total).abs() <= 1e-9
    for code, part, other in (("online_full_pct", full, partial),
                              ("online_partial_pct", partial, full)):
        typed = values[code]
        defined = (typed.notna() & part.notna() & (total > 0) & (part <= total)
                   & (other.isna() | adds_up))
        add(defined & ~share_agrees(typed, part, total.where(total > 0)), "share.agree", code)
        add(typed.notna() & (total == 0) & (typed != 0), "share.zero_total", code)
    has, rooms = values["meeting_room_has"], values["meeting_room_count"]
    add(((has == 1) & (rooms == 0)) | ((has == 0) & (rooms > 0)), "rooms.mark", "meeting_room_has")
    add((values["days_shortened_avg"] > 0) & ~(values["tthc_shortened"] > 0),
        "days.without_procedures", "days_shortened_avg")
    names = df["name"].str.strip()
    add(df.assign(n=names).duplicated(["n", "period"]), "unit.duplicate", "")
    if units is not None:
        add(~names.isin(units), "unit.unknown", "")
    if not found:
        return pd.DataFrame(columns=["row", "unit", "period", "indicator", "rule", "raw"])
    return pd.concat(found, ignore_index=True)


def load_units(plan_path):
    if not plan_path:
        return None
    with open(plan_path, "rb") as f:
        plan = tomllib.load(f)
    if "units_file" in plan:  # the units in a table file (docs/plan-format.md)
        units_path = os.path.join(os.path.dirname(plan_path), plan["units_file"])
        with open(units_path, encoding="utf-8-sig", newline="") as f:
            return set(row["name"] for row in csv.DictReader(f, delimiter="\t"))
    return set(u["name"] for u in plan.get("units", []))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("command", choices=("check", "import", "trend"))
    ap.add_argument("file", nargs="?")
    ap.add_argument("--plan")
    ap.add_argument("--db")
    ap.add_argument("--period", default="")
    args = ap.parse_args()

    if args.command == "trend":
        with sqlite3.connect(args.db) as con:
            trend = pd.read_sql(
                "SELECT period, 100.0 * SUM(online_full) / SUM(online_total) AS online_full_pct,"
                " COUNT(online_total) AS units_reporting FROM unit_values"
                " GROUP BY period ORDER BY period", con)
        print(trend.to_string(index=False))
        return 0

    df, has_period = read_table(args.file)
    if not has_period:
        df["period"] = args.period
    values = parse(df)
    findings = check(df, values, load_units(args.plan))
    if args.command == "import":
        stored = pd.concat([df[["row", "name", "period"]], values], axis=1)
        stored["row"] = stored["row"].astype(int)
        if os.path.exists(args.db):
            os.remove(args.db)
        with sqlite3.connect(args.db) as con:
            stored.to_sql("unit_values", con, index=False)
            findings.to_sql("findings", con, index=False)
            con.execute("CREATE INDEX unit_values_period ON unit_values(period)")
    print(json.dumps({"tool": "pandas", "rows": len(df),
                      "findings": findings["rule"].value_counts().sort_index().to_dict()},
                     ensure_ascii=False))
    return 1 if len(findings) else 0


if __name__ == "__main__":
    sys.exit(main())
