#!/usr/bin/python3
"""Opens a DOCX with python-docx (a real reader, independent of chiso) and
prints what appendix_test.cpp checks, as JSON on stdout:

  section:    page size, orientation and margins in twips, title page flag
  paragraphs: body paragraphs outside tables (text, bold, italic, size, align)
  tables:     per table, the grid of cell texts, the grid of cell identities
              (equal numbers = one merged cell), the shading fill of each cell,
              and which rows repeat as header rows
  fonts:      every font named in a run's or style's rFonts (ascii/hAnsi/cs)

Usage: appendix_docx_probe.py FILE.docx
"""
import json
import sys

import docx
from docx.oxml.ns import qn


def para_info(paragraph):
    runs = [run for run in paragraph.runs if run.text]
    size = None
    for run in runs:
        if run.font.size is not None:
            size = run.font.size.pt
            break
    return {
        "text": paragraph.text,
        "bold": bool(runs) and all(run.bold for run in runs),
        "italic": bool(runs) and all(run.italic for run in runs),
        "size": size,
        "align": None if paragraph.alignment is None else int(paragraph.alignment),
    }


def table_info(table):
    # One pass over the grid (python-docx resolves gridSpan and vMerge
    # continuation cells to the cell they continue); the _Cell objects stay
    # alive in `grid`, so their lxml elements keep one identity.
    grid = table._cells
    columns = table._column_count
    ids = []
    texts, cell_ids, fills, header_rows = [], [], [], []
    for row_idx, row in enumerate(table.rows):
        tr_pr = row._tr.trPr
        header_rows.append(tr_pr is not None and tr_pr.find(qn("w:tblHeader")) is not None)
        row_texts, row_ids, row_fills = [], [], []
        for cell in grid[row_idx * columns:(row_idx + 1) * columns]:
            number = next((idx for idx, tc in enumerate(ids) if tc is cell._tc), None)
            if number is None:
                ids.append(cell._tc)
                number = len(ids) - 1
            row_ids.append(number)
            row_texts.append(cell.text)
            shd = cell._tc.find(qn("w:tcPr") + "/" + qn("w:shd"))
            row_fills.append(None if shd is None else shd.get(qn("w:fill")))
        texts.append(row_texts)
        cell_ids.append(row_ids)
        fills.append(row_fills)
    return {"cells": texts, "ids": cell_ids, "fills": fills, "header_rows": header_rows}


def main():
    document = docx.Document(sys.argv[1])
    section = document.sections[0]
    title_pg = section._sectPr.find(qn("w:titlePg")) is not None
    fonts = set()
    for element in document.element.iter(qn("w:rFonts")):
        for attr in ("w:ascii", "w:hAnsi", "w:cs"):
            value = element.get(qn(attr))
            if value:
                fonts.add(value)
    for element in document.styles.element.iter(qn("w:rFonts")):
        for attr in ("w:ascii", "w:hAnsi", "w:cs"):
            value = element.get(qn(attr))
            if value:
                fonts.add(value)
    header_text = section.header.paragraphs[0].text if section.header.paragraphs else ""
    header_xml = section.header._element.xml
    result = {
        "section": {
            "page_width": section.page_width.twips,
            "page_height": section.page_height.twips,
            "orientation": int(section.orientation),
            "top": section.top_margin.twips,
            "bottom": section.bottom_margin.twips,
            "left": section.left_margin.twips,
            "right": section.right_margin.twips,
            "title_page": title_pg,
            "different_first_page": bool(section.different_first_page_header_footer)
            if hasattr(section, "different_first_page_header_footer") else title_pg,
            "header_has_page_field": "PAGE" in header_xml,
            "header_text": header_text,
        },
        "paragraphs": [para_info(p) for p in document.paragraphs],
        "tables": [table_info(t) for t in document.tables],
        "fonts": sorted(fonts),
    }
    json.dump(result, sys.stdout, ensure_ascii=False)


if __name__ == "__main__":
    main()
