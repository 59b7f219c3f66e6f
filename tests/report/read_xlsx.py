#!/usr/bin/python3
"""Reads an XLSX report with openpyxl and prints, as JSON, what the C++ test
checks: sheets, merged ranges, cell values, number formats, fills, fonts,
comments, column widths, frozen panes and print setup."""
import json
import sys

import openpyxl


def sheet_info(sheet):
    cells = {}
    for row in sheet.iter_rows():
        for cell in row:
            if cell.value is None and cell.comment is None:
                continue
            fill = cell.fill.fgColor.rgb if cell.fill and cell.fill.fill_type == "solid" else None
            cells[cell.coordinate] = {
                "value": cell.value,
                "format": cell.number_format,
                "fill": fill if isinstance(fill, str) else None,
                "font": cell.font.name,
                "size": cell.font.sz,
                "bold": bool(cell.font.b),
                "wrap": bool(cell.alignment.wrap_text),
                "comment": cell.comment.text if cell.comment else None,
                "border": cell.border.left.style,
            }
    setup = sheet.page_setup
    return {
        "merged": sorted(str(r) for r in sheet.merged_cells.ranges),
        "cells": cells,
        "freeze": sheet.freeze_panes,
        "orientation": setup.orientation,
        "paper": setup.paperSize,
        "fit_width": setup.fitToWidth,
        "fit_height": setup.fitToHeight,
        "fit_to_page": bool(sheet.sheet_properties.pageSetUpPr.fitToPage)
        if sheet.sheet_properties.pageSetUpPr else False,
        "print_title_rows": sheet.print_title_rows,
        "columns": {letter: {"width": dim.width, "hidden": bool(dim.hidden)}
                    for letter, dim in sheet.column_dimensions.items()},
        "max_row": sheet.max_row,
        "max_column": sheet.max_column,
    }


def main():
    book = openpyxl.load_workbook(sys.argv[1])
    print(json.dumps({
        "sheets": book.sheetnames,
        "info": {name: sheet_info(book[name]) for name in book.sheetnames},
    }, ensure_ascii=False, default=str))


if __name__ == "__main__":
    main()
