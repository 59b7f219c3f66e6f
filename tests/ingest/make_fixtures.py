#!/usr/bin/python3
"""Writes the seed table as a real XLSX (openpyxl) and DOCX (python-docx).

usage: make_fixtures.py SEED.txt OUT_DIR

The cells are the seed's tab-separated fields as typed (no unquoting), so the
tests can compare them with the TSV reading. XLSX: a junk first sheet, the
table on the second sheet with merged header cells, numbers stored as numbers
(one percent stored as 0.7405 with a % format), marks and the range `86-96` as
text. DOCX: the titles as bold paragraphs, the two parts as two tables with
gridSpan/vMerge headers, the note as a paragraph after the last table.
"""
import os
import sys

import docx
import openpyxl
from docx.shared import Pt
from openpyxl.styles import Alignment, Font


def read_seed(path):
    with open(path, encoding="utf-8") as f:
        lines = f.read().split("\n")
    titles, parts, notes = [], [], []
    current = None
    for line in lines:
        if "\t" in line:
            fields = line.split("\t")
            is_header = not fields[0].strip().isdigit()
            if is_header and (current is None or current["rows"]):
                current = {"header": [], "rows": []}
                parts.append(current)
            (current["header"] if is_header else current["rows"]).append(fields)
        elif line.strip():
            text = line.strip().strip("*").strip().replace("\\*", "*")
            (notes if parts else titles).append(text)
    return titles, parts, notes


def vn_number(text):
    """The seed's Vietnamese number as int/float, or None when not a number."""
    t = text.strip()
    if not t or t.lower() == "x":
        return None
    if "." in t:
        return None
    try:
        value = float(t.replace(",", "."))
    except ValueError:
        return None
    return int(value) if "," not in t else value


def two_level_groups(upper, lower):
    """(first, last) 0-based column ranges of the groups of a two-level header."""
    groups, col = [], 0
    while col < len(upper):
        if upper[col].strip() and col < len(lower) and lower[col].strip():
            end = col
            while end + 1 < len(upper) and not upper[end + 1].strip() and lower[end + 1].strip():
                end += 1
            groups.append((col, end))
            col = end + 1
        else:
            col += 1
    return groups


def write_xlsx(titles, parts, notes, out):
    wb = openpyxl.Workbook()
    junk = wb.active
    junk.title = "Hướng dẫn"
    junk.append(["Bảng này gửi kèm báo cáo, xem trang sau."])
    junk.append(["Người lập: Văn phòng UBND"])
    ws = wb.create_sheet("Phụ lục 2")
    width = len(parts[0]["header"][0])
    row = 1
    for title in titles:
        ws.cell(row=row, column=1, value=title).font = Font(bold=True)
        ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=width)
        row += 1
    row += 1  # a blank row under the titles
    for part in parts:
        header = part["header"]
        if len(header) == 2:
            upper, lower = header
            groups = two_level_groups(upper, lower)
            in_group = set()
            for first, last in groups:
                ws.merge_cells(start_row=row, start_column=first + 1, end_row=row, end_column=last + 1)
                in_group.update(range(first, last + 1))
            for col in range(width):
                if col in in_group:
                    if upper[col].strip():
                        ws.cell(row=row, column=col + 1, value=upper[col])
                    ws.cell(row=row + 1, column=col + 1, value=lower[col])
                else:
                    ws.cell(row=row, column=col + 1, value=upper[col])
                    ws.merge_cells(start_row=row, start_column=col + 1, end_row=row + 1, end_column=col + 1)
            row += 2
        else:
            for col, text in enumerate(header[0]):
                ws.cell(row=row, column=col + 1, value=text)
            row += 1
        for fields in part["rows"]:
            for col, text in enumerate(fields):
                if not text.strip():
                    continue
                number = vn_number(text) if col != 1 else None
                cell = ws.cell(row=row, column=col + 1, value=number if number is not None else text)
                if text == "74,05":
                    cell.value = 0.7405
                    cell.number_format = "0.00%"
            row += 1
        row += 1  # a blank row between the parts
    for note in notes:
        ws.cell(row=row, column=1, value=note).alignment = Alignment(wrap_text=True)
        row += 1
    save_atomically(wb, out)


def write_docx(titles, parts, notes, out):
    d = docx.Document()
    for title in titles:
        run = d.add_paragraph().add_run(title)
        run.bold = True
        run.font.size = Pt(14)
    for part in parts:
        header = part["header"]
        width = len(header[0])
        table = d.add_table(rows=len(header) + len(part["rows"]), cols=width)
        if len(header) == 2:
            upper, lower = header
            groups = two_level_groups(upper, lower)
            in_group = set()
            for first, last in groups:
                in_group.update(range(first, last + 1))
                for col in range(first, last + 1):
                    table.cell(1, col).text = lower[col]
            for col in range(width):
                if col not in in_group:
                    table.cell(0, col).text = upper[col]
            for first, last in groups:
                merged = table.cell(0, first).merge(table.cell(0, last))
                merged.text = upper[first]
            for col in range(width):
                if col not in in_group:
                    top = table.cell(0, col)
                    top.merge(table.cell(1, col))
        else:
            for col, text in enumerate(header[0]):
                table.cell(0, col).text = text
        for row_no, fields in enumerate(part["rows"]):
            for col, text in enumerate(fields):
                if text:
                    table.cell(len(header) + row_no, col).text = text
        d.add_paragraph("")
    for note in notes:
        d.add_paragraph(note)
    save_atomically(d, out)


def save_atomically(document, out):
    # Tests run in parallel processes: a reader never sees a half-written file.
    tmp = f"{out}.{os.getpid()}.tmp"
    document.save(tmp)
    os.replace(tmp, out)


def main():
    seed, out_dir = sys.argv[1], sys.argv[2]
    titles, parts, notes = read_seed(seed)
    write_xlsx(titles, parts, notes, f"{out_dir}/seed.xlsx")
    write_docx(titles, parts, notes, f"{out_dir}/seed.docx")


if __name__ == "__main__":
    main()
