// The phases of lay_out() (internal to ingest), in order:
//   row_kind.cpp: each row is blank, a single cell, a data row or other
//     (header-like) text;
//   table_layout.cpp: runs of rows → titles, parts (header rows + data
//     rows), notes;
//   header_columns.cpp: a part's header rows → one ColumnHeader per column,
//     with the group of a two-level header.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "ingest/grid.h"
#include "ingest/table_layout.h"

namespace chiso::detail {

enum class RowKind { blank, single, data, section, other };

// Data row: the first cell is a row number 1..9999999 and the second a name;
// or the row has a name-like text and mostly numbers, marks, periods or
// blanks (at least two of them).
// Section row: a section number ("I", "II.", "A", "B)") and one text, and
// nothing else: "I | Các sở, ban, ngành tỉnh". (A section written in one cell,
// "II. Khối quận, huyện", is a single row: lay_out tells it from a title by
// where it stands.)
RowKind classify_row(const Grid& grid, int row);

// A row that classify_row() calls other but that belongs to a table whose
// data rows came just before: its first non-blank cell is a name and some
// later cell a number or mark ("Trung bình | | | | 84,38", an average typed in
// one column; "Sở Y tế | | 5", a unit that typed one figure in a table
// without row numbers).
bool is_short_data_row(const Grid& grid, int row);

// True when every non-blank cell of the row, two at least, is a year
// heading (year_heading: "2010 | 2015 | Năm 2022"): the header of a table
// laid out by year, though it may have no letter.
bool is_year_row(const Grid& grid, int row);

// True when some cell of the row has a letter (a numbering row "1 2 3…" or
// "(1) (2)…" under a header has none).
bool row_has_letters(const Grid& grid, int row);

// A title or note line as pasted from Word or Markdown: trimmed, `**` and
// Markdown escapes (`\*`) removed, spaces folded. "**PHỤ LỤC 2**" → "PHỤ LỤC 2".
std::string title_text(std::string_view line);

// title_text() of the row's only non-blank cell (REQUIRES: kind single).
std::string single_text(const Grid& grid, int row);

// The columns of a part whose header rows are `header_rows` (top to bottom,
// 1 or 2 rows are used: the last two) and data rows [data_first, data_last].
std::vector<ColumnHeader> header_columns(const Grid& grid, const std::vector<int>& header_rows,
                                         int data_first, int data_last);

}  // namespace chiso::detail
