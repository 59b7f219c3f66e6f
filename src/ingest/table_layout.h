// Finds the table(s) in a Document without knowing the plan: title lines, the
// header rows of each part (one or two levels), the data rows, the notes.
// Part 1 of the seed has a two-level header, part 2 a one-level header.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/result.h"
#include "ingest/document.h"

namespace chiso {

struct ColumnHeader {
  int col_idx = 0;     // 0-based column in the grid
  std::string group;   // the upper-level cell spanning this column, "" when none
  std::string label;   // the lowest-level header text (NFC, spaces folded)
};

struct TablePart {
  int grid_idx = 0;            // index into Document::grids
  int header_row_first = 0;    // 0-based grid rows
  int header_row_last = 0;
  int data_row_first = 0;      // data rows: [first, last], blank rows skipped
  int data_row_last = -1;
  // Section rows inside [data_row_first, data_row_last] ("I | Các sở, ban,
  // ngành tỉnh", "II. Khối quận, huyện"), ascending: headings, not data.
  std::vector<int> section_rows;
  std::vector<ColumnHeader> columns;
};

struct TableLayout {
  std::vector<std::string> title_lines;
  std::vector<std::string> note_lines;
  std::vector<TablePart> parts;
};

// Error when no table with a header and data rows can be found.
Result<TableLayout> lay_out(const Document& doc);

// "I".."XXXIX", "A".."Z", with an optional "." or ")": how the sections of a
// table are numbered in its row number column ("X" alone is not: a mark).
bool is_section_number(std::string_view cell);

// The heading of a column of a table laid out by year (a statistical
// yearbook's): "2015", "Năm 2022", "Sơ bộ 2016" or "Ước tính 2023" (a
// preliminary figure), "Prel. 2016", any case and spacing; a year from 1900 to
// 2100. nullopt for any other text.
struct YearHeading {
  int year = 0;
  bool preliminary = false;
};
std::optional<YearHeading> year_heading(std::string_view cell);

}  // namespace chiso
