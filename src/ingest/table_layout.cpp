// lay_out: titles, parts and notes from the row kinds of each grid.
//
// A part starts at a data row preceded by header-like rows (the last run of
// "other" rows). Data rows that follow, with blank rows between, belong to
// it; a header run followed by data starts the next part (the seed's part 2);
// data rows after a single-cell row, with no new header, continue the
// previous part's columns as a new part; a row with a name and a figure or two
// right after data rows is data too (detail::is_short_data_row: an average
// typed in one column). Single-cell rows above the first
// part's header are titles, those after the last part's data are notes.
//
// Section rows ("I | Các sở, ban, ngành tỉnh", or one cell merged across the
// row, "II. Khối quận, huyện") are headings inside a table: one between the
// header and the first data row keeps the header; one between data rows keeps
// the part going and is listed in TablePart::section_rows. A single-cell row
// is a section only when data follows it; otherwise it is a title or note.
#include <fmt/format.h>

#include "ingest/layout_detail.h"
#include "ingest/table_layout.h"

namespace chiso {
namespace {

// The kind of the next non-blank row after `row`, blank when none.
detail::RowKind next_kind(const Grid& grid, int row) {
  for (int next = row + 1; next < grid.row_count(); ++next) {
    const detail::RowKind kind = detail::classify_row(grid, next);
    if (kind != detail::RowKind::blank) return kind;
  }
  return detail::RowKind::blank;
}

bool has_letter_row(const Grid& grid, const std::vector<int>& rows) {
  for (int row : rows) {
    if (detail::row_has_letters(grid, row)) return true;
  }
  return false;
}

}  // namespace

Result<TableLayout> lay_out(const Document& doc) {
  using detail::RowKind;
  TableLayout layout;
  std::vector<std::string> title_rows;
  std::vector<std::string> note_rows;
  for (size_t grid_idx = 0; grid_idx < doc.grids.size(); ++grid_idx) {
    const Grid& grid = doc.grids[grid_idx];
    std::vector<int> header_run;           // consecutive "other" rows
    std::vector<std::string> singles;      // single-cell rows since the last data row
    bool open = false;                     // the last part takes data rows
    int last_part_here = -1;               // index of this grid's last part
    for (int row = 0; row < grid.row_count(); ++row) {
      const RowKind kind = detail::classify_row(grid, row);
      switch (kind) {
        case RowKind::blank:
          header_run.clear();
          break;
        case RowKind::section:
        case RowKind::single: {
          const bool heading = kind == RowKind::section || [&] {
            const RowKind next = next_kind(grid, row);
            return next == RowKind::data || next == RowKind::section;
          }();
          if (heading && open) {
            layout.parts.back().section_rows.push_back(row);
            break;
          }
          if (heading && has_letter_row(grid, header_run)) break;  // under the header
          if (kind == RowKind::section) {
            header_run.push_back(row);
            open = false;
            break;
          }
          header_run.clear();
          open = false;
          singles.push_back(detail::single_text(grid, row));
          break;
        }
        case RowKind::other:
          if (open && detail::is_short_data_row(grid, row)) {
            layout.parts.back().data_row_last = row;
            break;
          }
          header_run.push_back(row);
          open = false;
          break;
        case RowKind::data: {
          if (open) {
            layout.parts.back().data_row_last = row;
            break;
          }
          std::vector<int> header_rows;
          for (int h : header_run) {
            if (detail::row_has_letters(grid, h) || detail::is_year_row(grid, h)) header_rows.push_back(h);
          }
          if (header_rows.size() > 2) header_rows.erase(header_rows.begin(), header_rows.end() - 2);
          TablePart part;
          part.grid_idx = static_cast<int>(grid_idx);
          part.data_row_first = row;
          part.data_row_last = row;
          if (!header_rows.empty()) {
            // Columns are computed once the part's data rows are known.
            part.header_row_first = header_rows.front();
            part.header_row_last = header_rows.back();
          } else if (last_part_here >= 0) {
            const TablePart& previous = layout.parts[static_cast<size_t>(last_part_here)];
            part.header_row_first = previous.header_row_first;
            part.header_row_last = previous.header_row_last;
          } else {
            break;  // data with no header in this grid: not a table we can read
          }
          if (layout.parts.empty()) title_rows = singles;  // single-cell rows above the table
          layout.parts.push_back(std::move(part));
          last_part_here = static_cast<int>(layout.parts.size()) - 1;
          open = true;
          singles.clear();
          note_rows.clear();
          header_run.clear();
          break;
        }
      }
    }
    if (last_part_here >= 0) {
      note_rows = singles;
    }
  }
  if (layout.parts.empty()) {
    return make_error(fmt::format(
        "{}: không tìm thấy bảng có dòng tiêu đề và dòng số liệu / no table with a header and data "
        "rows was found",
        doc.path));
  }
  for (TablePart& part : layout.parts) {
    if (!part.columns.empty()) continue;
    const Grid& grid = doc.grids[static_cast<size_t>(part.grid_idx)];
    std::vector<int> header_rows;
    header_rows.push_back(part.header_row_first);
    if (part.header_row_last != part.header_row_first) header_rows.push_back(part.header_row_last);
    part.columns = detail::header_columns(grid, header_rows, part.data_row_first, part.data_row_last);
  }
  layout.title_lines = doc.lines_before;
  for (std::string& line : title_rows) layout.title_lines.push_back(std::move(line));
  layout.note_lines = std::move(note_rows);
  for (const std::string& line : doc.lines_after) layout.note_lines.push_back(line);
  return layout;
}

}  // namespace chiso
