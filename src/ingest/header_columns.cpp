// A part's header rows → columns with their label and group.
//
// Two levels: the upper row holds groups and one-level headers, the lower
// row the labels under the groups. With merged cells (XLSX/DOCX) a group is
// an upper cell merged across columns, a one-level header an upper cell
// merged down. Without merges (text), an upper cell followed by empty upper
// cells whose lower cells have text is a group spanning them; a column whose
// lower cell is empty takes the upper text as its label and no group.
#include <algorithm>

#include "common/text.h"
#include "ingest/layout_detail.h"

namespace chiso::detail {
namespace {

std::string header_text(const Grid& grid, int row, int col) {
  return text::fold_spaces(grid.cell(row, col));
}

// The merge covering (row, col), nullptr when none.
const Merge* merge_at(const Grid& grid, int row, int col) {
  for (const Merge& m : grid.merges) {
    if (row >= m.row && row < m.row + m.row_span && col >= m.col && col < m.col + m.col_span) {
      return &m;
    }
  }
  return nullptr;
}

bool column_has_data(const Grid& grid, int col, int data_first, int data_last) {
  // Enough rows to see a column used; a national table need not be scanned.
  const int last = std::min(data_last, data_first + 2000);
  for (int row = data_first; row <= last; ++row) {
    if (!text::trim(grid.cell(row, col)).empty()) return true;
  }
  return false;
}

}  // namespace

std::vector<ColumnHeader> header_columns(const Grid& grid, const std::vector<int>& header_rows,
                                         int data_first, int data_last) {
  int width = 0;
  for (int row : header_rows) width = std::max(width, grid.col_count(row));
  for (int row = data_first; row <= std::min(data_last, data_first + 50); ++row) {
    width = std::max(width, grid.col_count(row));
  }
  std::vector<ColumnHeader> columns(static_cast<size_t>(width));
  for (int col = 0; col < width; ++col) columns[static_cast<size_t>(col)].col_idx = col;

  if (header_rows.size() == 1) {
    for (int col = 0; col < width; ++col) {
      columns[static_cast<size_t>(col)].label = header_text(grid, header_rows[0], col);
    }
  } else if (!header_rows.empty()) {
    const int upper = header_rows[header_rows.size() - 2];
    const int lower = header_rows.back();
    bool merged = false;
    for (const Merge& m : grid.merges) {
      if (m.row <= lower && m.row + m.row_span > upper) merged = true;
    }
    if (merged) {
      for (int col = 0; col < width; ++col) {
        ColumnHeader& column = columns[static_cast<size_t>(col)];
        const Merge* m = merge_at(grid, upper, col);
        const std::string lower_text = header_text(grid, lower, col);
        if (m != nullptr && m->row + m->row_span > lower) {  // merged down: one level
          column.label = header_text(grid, m->row, m->col);
        } else if (m != nullptr && m->col_span > 1) {       // a group across
          column.group = header_text(grid, m->row, m->col);
          column.label = lower_text;
        } else {
          const std::string upper_text = header_text(grid, upper, col);
          if (lower_text.empty()) {
            column.label = upper_text;
          } else {
            column.label = lower_text;
            column.group = upper_text;
          }
        }
      }
    } else {
      int col = 0;
      while (col < width) {
        const std::string upper_text = header_text(grid, upper, col);
        const std::string lower_text = header_text(grid, lower, col);
        ColumnHeader& column = columns[static_cast<size_t>(col)];
        if (upper_text.empty() || lower_text.empty()) {
          column.label = lower_text.empty() ? upper_text : lower_text;
          ++col;
          continue;
        }
        // A group: this column and the following ones with an empty upper
        // cell and a lower label.
        column.group = upper_text;
        column.label = lower_text;
        ++col;
        while (col < width && text::trim(grid.cell(upper, col)).empty() &&
               !text::trim(grid.cell(lower, col)).empty()) {
          columns[static_cast<size_t>(col)].group = upper_text;
          columns[static_cast<size_t>(col)].label = header_text(grid, lower, col);
          ++col;
        }
      }
    }
  }
  std::erase_if(columns, [&](const ColumnHeader& column) {
    return column.label.empty() && column.group.empty() &&
           !column_has_data(grid, column.col_idx, data_first, data_last);
  });
  return columns;
}

}  // namespace chiso::detail
