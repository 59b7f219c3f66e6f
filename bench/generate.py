#!/usr/bin/env python3
"""National-scale tables in the seed's layout, for the benchmark (docs/benchmarks.md).

Writes into bench/data/ (git-ignored), deterministically from --seed:

  plan-national.toml   plans/hai-phong-197.toml with its [[units]] replaced by
                       `units_file = "plan-national-units.tsv"` (indicators,
                       groups, rules kept as they are in the source plan, read
                       at generation time); --inline-units lists the units as
                       [[units]] tables in the plan instead, as before
  plan-national-units.tsv  the 10,000 generated units, one row each: name,
                       short_name, kind (docs/plan-format.md, "units_file")
  period-10k.tsv       one period of 10,000 units, no period column
  history-120x10k.tsv  120 monthly periods (2016-01 … 2025-12) × 10,000 units,
                       with a `Kỳ báo cáo` column: 1.2 million rows, ~110 MB
  period-hp62.tsv      one period (2025-Q4) of Plan 197's own units valid then
                       (plans/hai-phong-197.toml: 62 since the 2025 merger)
  plan-city133.toml    plans/hai-phong-197.toml with the new city's size: its
                       19 departments and agencies valid now and 114
                       commune-level units (67 xã, 45 phường, 2 đặc khu: the
                       plan's 43 successors and generated ones), inline
  period-city133.tsv   one period (2025-Q4) of those 133 units
  *.manifest.json      what was generated: rows, the faults injected by kind,
                       and the expected city-wide full-process share per period
                       (100 · Σ online_full / Σ online_total), so every tool's
                       findings and trend can be compared with the truth.

Layout, as in shared/seed/000_e41d2a91a7ebffff.txt: two blank lines, the two
`**bold**` title lines, a blank line, the two-level header of the seed's part 1
(group cells followed by empty cells), the data rows, a blank line, the note.
The title, header and note lines are copied from the seed file itself.

Values are realistic: counts, decimal-comma shares that agree with their counts
(typed with 0, 1 or 2 decimals, so within the 0.5-point tolerance), marks
x / 0 / blank, some blank cells, dot thousands separators on counts >= 1000.
A few percent of rows (--fault-rate) carry exactly one fault:
  share    online_full_pct does not agree with online_full / online_total
  sum      online_full + online_partial != online_total
  range    first_time_valid_pct typed as a range such as `86-96` (not a number)
  negative tthc_shortened negative
Clean rows are built to pass every check of issue 2 §4, so the faults injected
are the findings expected of a checker (the manifest lists them).

Usage: generate.py [--what plan|period|history|city|all] [--units N] [--periods N]
                   [--seed S] [--fault-rate F] [--out DIR] [--force]
                   [--inline-units]
--out DIR writes everything there instead (e.g. --what plan --out /tmp/plan-new
to try a plan without touching bench/data/).
Stdlib only.
"""

import argparse
import hashlib
import json
import os
import random
import sys
import tomllib

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
SEED_FILE = os.path.join(ROOT, "samples", "000_e41d2a91a7ebffff.txt")
SOURCE_PLAN = os.path.join(ROOT, "plans", "hai-phong-197.toml")
PERIOD_HEADER = "Kỳ báo cáo"
FAULT_KINDS = ("share", "sum", "range", "negative")

# The 63 provinces and centrally-run cities (before the 2025 merger).
PROVINCES = [
    ("thành phố", "Hà Nội"), ("thành phố", "Hồ Chí Minh"), ("thành phố", "Hải Phòng"),
    ("thành phố", "Đà Nẵng"), ("thành phố", "Cần Thơ"), ("tỉnh", "Hà Giang"),
    ("tỉnh", "Cao Bằng"), ("tỉnh", "Bắc Kạn"), ("tỉnh", "Tuyên Quang"), ("tỉnh", "Lào Cai"),
    ("tỉnh", "Điện Biên"), ("tỉnh", "Lai Châu"), ("tỉnh", "Sơn La"), ("tỉnh", "Yên Bái"),
    ("tỉnh", "Hoà Bình"), ("tỉnh", "Thái Nguyên"), ("tỉnh", "Lạng Sơn"), ("tỉnh", "Quảng Ninh"),
    ("tỉnh", "Bắc Giang"), ("tỉnh", "Phú Thọ"), ("tỉnh", "Vĩnh Phúc"), ("tỉnh", "Bắc Ninh"),
    ("tỉnh", "Hải Dương"), ("tỉnh", "Hưng Yên"), ("tỉnh", "Thái Bình"), ("tỉnh", "Hà Nam"),
    ("tỉnh", "Nam Định"), ("tỉnh", "Ninh Bình"), ("tỉnh", "Thanh Hoá"), ("tỉnh", "Nghệ An"),
    ("tỉnh", "Hà Tĩnh"), ("tỉnh", "Quảng Bình"), ("tỉnh", "Quảng Trị"),
    ("tỉnh", "Thừa Thiên Huế"), ("tỉnh", "Quảng Nam"), ("tỉnh", "Quảng Ngãi"),
    ("tỉnh", "Bình Định"), ("tỉnh", "Phú Yên"), ("tỉnh", "Khánh Hoà"), ("tỉnh", "Ninh Thuận"),
    ("tỉnh", "Bình Thuận"), ("tỉnh", "Kon Tum"), ("tỉnh", "Gia Lai"), ("tỉnh", "Đắk Lắk"),
    ("tỉnh", "Đắk Nông"), ("tỉnh", "Lâm Đồng"), ("tỉnh", "Bình Phước"), ("tỉnh", "Tây Ninh"),
    ("tỉnh", "Bình Dương"), ("tỉnh", "Đồng Nai"), ("tỉnh", "Bà Rịa - Vũng Tàu"),
    ("tỉnh", "Long An"), ("tỉnh", "Tiền Giang"), ("tỉnh", "Bến Tre"), ("tỉnh", "Trà Vinh"),
    ("tỉnh", "Vĩnh Long"), ("tỉnh", "Đồng Tháp"), ("tỉnh", "An Giang"), ("tỉnh", "Kiên Giang"),
    ("tỉnh", "Hậu Giang"), ("tỉnh", "Sóc Trăng"), ("tỉnh", "Bạc Liêu"), ("tỉnh", "Cà Mau"),
]
DEPARTMENTS = [
    "Sở Kế hoạch và Đầu tư", "Sở Du lịch", "Sở Công Thương", "Sở Văn hóa và Thể thao",
    "Sở Lao động - Thương binh và Xã hội", "Sở Thông tin và Truyền thông", "Sở Tư pháp",
    "Sở Giao thông vận tải", "Sở Ngoại vụ", "Sở Khoa học và Công nghệ",
    "Sở Nông nghiệp và Phát triển nông thôn", "Sở Tài nguyên và Môi trường", "Sở Y tế",
    "Sở Tài chính", "Sở Xây dựng", "Sở Nội vụ", "Sở Giáo dục và Đào tạo",
]
AGENCIES = ["Công an", "Bảo hiểm xã hội", "Cục Thuế"]


def log(msg):
    print(f"[generate] {msg}", file=sys.stderr, flush=True)


# ---------------------------------------------------------------- units


def make_units(count):
    """count units: per province its departments and agencies, then communes.

    Returns a list of (name, short_name, kind, size) where size scales the
    unit's counts (a department handles more procedures than a commune).
    """
    units = []
    for kind_word, province in PROVINCES:
        for dept in DEPARTMENTS:
            units.append((f"{dept} {kind_word} {province}",
                          f"{dept.replace('Sở ', '')} ({province})", "department", 1.0))
        for agency in AGENCIES:
            units.append((f"{agency} {kind_word} {province}",
                          f"{agency} ({province})", "agency", 0.8))
    units = units[:count]
    commune_idx = 0
    while len(units) < count:
        commune_idx += 1
        kind_word, province = PROVINCES[commune_idx % len(PROVINCES)]
        units.append((f"UBND xã Số {commune_idx:04d} {kind_word} {province}",
                      f"Xã {commune_idx:04d}", "district", 0.35))
    return units


# ---------------------------------------------------------------- plan


def toml_str(text):
    # JSON string escapes are valid TOML basic-string escapes.
    return json.dumps(text, ensure_ascii=False)


UNITS_FILE_COLUMNS = ("name", "short_name", "kind")


def write_units_file(units, out_path):
    """The units as a TSV table with a header row, as a spreadsheet exports it."""
    lines = ["\t".join(UNITS_FILE_COLUMNS)]
    for name, short_name, kind, _ in units:
        cells = (name, short_name, kind)
        for cell in cells:
            # Plain cells only: no quoting is needed, and none is written.
            if any(c in cell for c in '\t\n\r"') or cell != cell.strip():
                sys.exit(f"generate.py: unit cell {cell!r} needs quoting in a TSV")
        lines.append("\t".join(cells))
    text = "\n".join(lines) + "\n"
    read_back = [line.split("\t") for line in text.splitlines()[1:]]
    if read_back != [[name, short_name, kind] for name, short_name, kind, _ in units]:
        sys.exit("generate.py: the units table does not read back as the units")
    with open(out_path, "w", encoding="utf-8") as f:
        f.write(text)
    log(f"units: {out_path} ({len(units)} units, {len(text) / 1e6:.1f} MB)")


def write_plan(units, out_path, units_file_name=None):
    """plans/hai-phong-197.toml with its [[units]] tables replaced by `units`:
    a `units_file = units_file_name` line (the table is written separately by
    write_units_file), or, when units_file_name is None, [[units]] tables."""
    if not os.path.exists(SOURCE_PLAN):
        sys.exit(f"generate.py: the source plan {SOURCE_PLAN} does not exist")
    with open(SOURCE_PLAN, encoding="utf-8") as f:
        source = f.read()
    original = tomllib.loads(source)
    kept, pending_comments = [], []
    in_units, inserted = False, False
    generated = []
    if units_file_name is None:
        for name, short_name, kind, _ in units:
            generated += ["[[units]]", f"name = {toml_str(name)}",
                          f"short_name = {toml_str(short_name)}", f"kind = {toml_str(kind)}", ""]
    for line in source.splitlines():
        stripped = line.strip()
        if units_file_name is not None and not inserted and stripped.startswith("["):
            # A top-level key must come before the first table, and before the
            # comment lines that open the table's section.
            section = []
            while kept and (not kept[-1].strip() or kept[-1].lstrip().startswith("#")):
                section.insert(0, kept.pop())
            kept += ["", "# The registered units: one row each in this table (docs/plan-format.md).",
                     f"units_file = {toml_str(units_file_name)}"] + section
            inserted = True
        if stripped == "[[units]]" or stripped.startswith("[units."):
            if not inserted:
                kept += generated
                inserted = True
            in_units, pending_comments = True, []
            continue
        if in_units:
            if stripped.startswith("["):
                in_units = False
                kept += pending_comments
                pending_comments = []
            elif stripped.startswith("#") or not stripped:
                pending_comments.append(line)
                continue
            else:
                continue  # a key of a unit being replaced
        kept.append(line)
    kept += pending_comments
    if not inserted:
        kept += generated
    text = "\n".join(kept) + "\n"
    units_where = (f"the {len(units)} generated units in {units_file_name}" if units_file_name
                   else f"{len(units)} generated units")
    text = (f"# Generated by bench/generate.py from plans/hai-phong-197.toml: the same\n"
            f"# indicators and rules, with {units_where}. Do not edit.\n") + text
    plan = tomllib.loads(text)
    if units_file_name is None:
        if len(plan.get("units", [])) != len(units):
            sys.exit(f"generate.py: the generated plan has {len(plan.get('units', []))} units, "
                     f"expected {len(units)}")
    elif "units" in plan or plan.get("units_file") != units_file_name:
        sys.exit("generate.py: the generated plan does not name its units file alone")
    for key in original:
        if key != "units" and plan.get(key) != original[key]:
            sys.exit(f"generate.py: key '{key}' of the plan changed while replacing units")
    with open(out_path, "w", encoding="utf-8") as f:
        f.write(text)
    log(f"plan: {out_path} ({len(units)} units, {len(text) / 1e3:.0f} kB)")


# ---------------------------------------------------------------- layout


def seed_layout():
    """The seed's title lines, part-1 header lines and note line, verbatim."""
    with open(SEED_FILE, encoding="utf-8") as f:
        lines = f.read().split("\n")
    titles = [l for l in lines[:6] if l.startswith("**")]
    header_idx = next(i for i, l in enumerate(lines) if l.startswith("ST T\t"))
    header = lines[header_idx:header_idx + 2]
    note = next(l for l in reversed(lines) if l.startswith("Ghi chú"))
    if len(titles) != 2 or len(header[0].split("\t")) != 17 or len(header[1].split("\t")) != 17:
        sys.exit(f"generate.py: {SEED_FILE} does not have the expected layout")
    return titles, header, note


def with_period_column(header_line, value):
    cells = header_line.split("\t")
    return "\t".join(cells[:2] + [value] + cells[2:])


# ---------------------------------------------------------------- values


def fmt_decimal(value, decimals):
    """Vietnamese decimal: comma, no trailing zeros (`74,05`, `59,4`, `100`)."""
    text = f"{value:.{decimals}f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text.replace(".", ",")


def fmt_count(value):
    """Dot as the thousands separator (`1.045`), as Vietnamese Excel shows it."""
    if value >= 1000:
        return f"{value:,}".replace(",", ".")
    return str(value)


def typed_share(rng, part, total):
    """A share as a person types it from the counts: 0, 1 or 2 decimals."""
    exact = 100.0 * part / total
    return fmt_decimal(exact, rng.choice((0, 1, 2, 2)))


class UnitProfile:
    """A unit's stable traits; its values drift with time (0 = 2016-01, 1 = 2025-12)."""

    def __init__(self, rng, size):
        self.total_base = max(1, int(rng.uniform(30, 420) * size))
        self.big = rng.random() < 0.03  # a few units handle thousands of services
        if self.big:
            self.total_base = rng.randint(900, 2400)
        self.full_start = rng.uniform(0.05, 0.55)
        self.full_gain = rng.uniform(0.25, 0.6)
        self.tthc_base = rng.randint(0, int(150 * size) + 2)
        self.cashless_base = rng.uniform(0, 100)
        self.rooms = rng.randint(1, 6)
        self.has_room = rng.random() < 0.9
        self.ddci = rng.random() < 0.8
        self.ai_start = rng.random()
        self.licence = rng.choices(("x", "0", ""), (7, 1, 2))[0]
        self.commitments = rng.choices(("x", "0", ""), (3, 5, 2))[0]


def row_cells(rng, profile, t, fault):
    """The 15 indicator cells of one row, in the seed's column order."""
    cells = [""] * 15
    # Procedures cut and average days cut (days blank when procedures blank,
    # 0 when no procedure was cut).
    if rng.random() < 0.05:
        tthc = None
    else:
        tthc = max(0, int(profile.tthc_base * (0.6 + 0.4 * t)) + rng.randint(-3, 3))
    if fault == "negative":
        cells[0], cells[1] = str(-rng.randint(1, 40)), ""
    elif tthc is not None:
        cells[0] = fmt_count(tthc)
        cells[1] = "0" if tthc == 0 else fmt_decimal(rng.uniform(0.5, 10.0), rng.choice((0, 1, 1)))
    # Online services: total, full, full %, partial, partial %.
    online_blank = rng.random() < 0.02 and fault not in ("share", "sum")
    if not online_blank:
        total = max(0, int(profile.total_base * (0.7 + 0.3 * t)) + rng.randint(-5, 5))
        if fault in ("share", "sum"):
            total = max(total, 20)
        share = min(1.0, profile.full_start + profile.full_gain * t + rng.uniform(-0.03, 0.03))
        full = max(0, min(total, round(total * share)))
        partial = total - full
        if fault == "sum":
            delta = rng.choice((-1, 1)) * rng.randint(1, 15)
            if not 0 <= partial + delta <= total:
                delta = -delta
            if not 0 <= partial + delta <= total:
                delta = 1 if partial < total else -1
            partial += delta
        cells[2], cells[3], cells[5] = fmt_count(total), fmt_count(full), fmt_count(partial)
        if total == 0:
            cells[4], cells[6] = "0", "0"
        else:
            cells[4] = typed_share(rng, full, total)
            cells[6] = typed_share(rng, partial, total)
        if fault == "share":
            exact = 100.0 * full / total
            complement = 100.0 - exact
            if abs(complement - exact) > 2:
                wrong = complement  # the complement's share typed in the wrong column
            else:
                wrong = exact + 12 if exact < 50 else exact - 12
            cells[4] = fmt_decimal(wrong, 2)
    else:
        total = full = None
    # Cashless and first-time-valid shares.
    if rng.random() >= 0.03:
        cells[7] = fmt_decimal(min(100.0, max(0.0, profile.cashless_base + 40 * t - 20
                                               + rng.uniform(-5, 5))), rng.choice((0, 1, 2)))
    if fault == "range":
        low = rng.randint(70, 95)
        cells[8] = f"{low}-{rng.randint(low + 1, 100)}"
    elif rng.random() >= 0.02:
        cells[8] = fmt_decimal(rng.uniform(80, 100), rng.choice((0, 1, 2)))
    # Meeting rooms: a mark and its count agree.
    if profile.has_room:
        cells[9], cells[10] = "x", str(profile.rooms)
    else:
        cells[9], cells[10] = "0", "0"
    cells[11] = "x" if profile.ddci else ""
    cells[12] = "x" if t > profile.ai_start else ""
    cells[13] = profile.licence
    cells[14] = profile.commitments
    return cells, total, full


def generate_table(path, units, periods, rng, fault_rate, with_period):
    titles, header, note = seed_layout()
    if with_period:
        header = [with_period_column(header[0], PERIOD_HEADER), with_period_column(header[1], "")]
    profiles = [UnitProfile(rng, size) for _, _, _, size in units]
    faults = {kind: 0 for kind in FAULT_KINDS}
    faulty_rows = 0
    trend = []
    row_number = 0
    sha = hashlib.sha256()
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        head = "\n\n" + titles[0] + "\n" + titles[1] + "\n\n" + header[0] + "\n" + header[1] + "\n"
        f.write(head)
        sha.update(head.encode())
        for period_idx, period in enumerate(periods):
            t = period_idx / max(1, len(periods) - 1) if with_period else 1.0
            sum_full = sum_total = 0
            buf = []
            for unit_idx, (name, _, _, _) in enumerate(units):
                fault = None
                if rng.random() < fault_rate:
                    fault = FAULT_KINDS[rng.randrange(len(FAULT_KINDS))]
                    faults[fault] += 1
                    faulty_rows += 1
                cells, total, full = row_cells(rng, profiles[unit_idx], t, fault)
                if total is not None:
                    sum_total += total
                    sum_full += full
                row_number += 1
                lead = [str(row_number), name] + ([period] if with_period else [])
                buf.append("\t".join(lead + cells))
            chunk = "\n".join(buf) + "\n"
            f.write(chunk)
            sha.update(chunk.encode())
            trend.append({"period": period,
                          "online_full_pct": 100.0 * sum_full / sum_total if sum_total else None,
                          "online_full": sum_full, "online_total": sum_total})
        tail = "\n" + note
        f.write(tail)
        sha.update(tail.encode())
    size = os.path.getsize(path)
    manifest = {
        "file": os.path.basename(path), "size_bytes": size, "sha256": sha.hexdigest(),
        "rows": row_number, "units": len(units), "periods": len(periods),
        "period_column": with_period, "fault_rate": fault_rate,
        "faulty_rows": faulty_rows, "faults": faults,
        # Findings a checker must report for the faults: a share fault is one
        # disagreeing share; a sum fault is the sum rule; a range is a value
        # that is not a number; a negative is a negative count.
        "trend": trend,
    }
    with open(path.rsplit(".", 1)[0] + ".manifest.json", "w", encoding="utf-8") as f:
        json.dump(manifest, f, ensure_ascii=False, indent=1)
    log(f"{path}: {row_number} rows, {size / 1e6:.1f} MB, faulty rows {faulty_rows} {faults}")


# ---------------------------------------------------------------- the city


CITY_PERIOD = "2025-Q4"
CITY_PERIOD_START, CITY_PERIOD_END = "2025-10-01", "2025-12-31"
# The new Hải Phòng's commune-level units (NQ 1669/NQ-UBTVQH15, see the plan).
CITY_COMMUNE_KINDS = (("commune", "xã", 67), ("ward", "phường", 45), ("special_zone", "đặc khu", 2))
UNIT_SIZE = {"department": 1.0, "agency": 0.8}


def plan_units_valid_now():
    """The source plan's units valid in the whole of CITY_PERIOD, as
    (name, short_name, kind, size), in the plan's order."""
    with open(SOURCE_PLAN, "rb") as f:
        plan = tomllib.load(f)
    units = []
    for unit in plan["units"]:
        if str(unit.get("valid_from", CITY_PERIOD_START)) > CITY_PERIOD_START:
            continue
        if str(unit.get("valid_to", CITY_PERIOD_END)) < CITY_PERIOD_END:
            continue
        units.append((unit["name"], unit.get("short_name", unit["name"]), unit["kind"],
                      UNIT_SIZE.get(unit["kind"], 0.35)))
    return units


def city_units(valid_now):
    """valid_now's departments and agencies, then 114 commune-level units:
    the plan's own, then generated ones up to each kind's count."""
    units = [u for u in valid_now if u[2] in UNIT_SIZE]
    for kind, word, count in CITY_COMMUNE_KINDS:
        own = [u for u in valid_now if u[2] == kind]
        units += own[:count]
        for idx in range(count - len(own)):
            units.append((f"UBND {word} Số {idx + 1:02d}", f"{word.capitalize()} Số {idx + 1:02d}", kind, 0.35))
    return units


def monthly_periods(count, first_year=2016):
    return [f"{first_year + idx // 12}-{idx % 12 + 1:02d}" for idx in range(count)]


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--what", choices=("plan", "period", "history", "city", "all"), default="all")
    ap.add_argument("--units", type=int, default=10_000)
    ap.add_argument("--periods", type=int, default=120)
    ap.add_argument("--seed", type=int, default=197)
    ap.add_argument("--fault-rate", type=float, default=0.03)
    ap.add_argument("--out", default=os.path.join(HERE, "data"))
    ap.add_argument("--prefix", default="", help="file name prefix (small test sets)")
    ap.add_argument("--force", action="store_true", help="rewrite existing files")
    ap.add_argument("--inline-units", action="store_true",
                    help="list the units as [[units]] in the plan, not in plan-national-units.tsv")
    args = ap.parse_args()
    os.makedirs(args.out, exist_ok=True)
    units = make_units(args.units)
    if len({u[0] for u in units}) != len(units):
        sys.exit("generate.py: generated unit names are not unique")

    def wanted(kind, name):
        path = os.path.join(args.out, args.prefix + name)
        return args.what in (kind, "all") and (args.force or not os.path.exists(path)), path

    todo, path = wanted("plan", "plan-national.toml")
    units_name = args.prefix + "plan-national-units.tsv"
    units_path = os.path.join(args.out, units_name)
    if not args.inline_units and args.what in ("plan", "all") and not os.path.exists(units_path):
        todo = True
    if todo:
        if args.inline_units:
            write_plan(units, path)
        else:
            write_units_file(units, units_path)
            write_plan(units, path, units_name)
    todo, path = wanted("period", "period-10k.tsv")
    if todo:
        generate_table(path, units, ["2025-12"], random.Random(args.seed), args.fault_rate, False)
    todo, path = wanted("history", "history-120x10k.tsv")
    if todo:
        generate_table(path, units, monthly_periods(args.periods),
                       random.Random(args.seed + 1), args.fault_rate, True)
    valid_now = plan_units_valid_now()
    todo, path = wanted("city", "period-hp62.tsv")
    if todo:
        generate_table(path, valid_now, [CITY_PERIOD], random.Random(args.seed + 2), args.fault_rate, False)
    todo, path = wanted("city", "plan-city133.toml")
    if todo:
        write_plan(city_units(valid_now), path)
    todo, path = wanted("city", "period-city133.tsv")
    if todo:
        generate_table(path, city_units(valid_now), [CITY_PERIOD], random.Random(args.seed + 3),
                       args.fault_rate, False)


if __name__ == "__main__":
    main()
