// Test helpers: Documents and TableLayouts built by hand, the way ingest's
// lay_out() describes them (ingest/table_layout.h), so binding is tested on
// its own. load_seed_table() cuts the seed sample into its two parts by the
// rule the glossary gives: a group cell spans the empty cells after it when
// the row below has labels there.
#pragma once

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "ingest/document.h"
#include "ingest/table_layout.h"

namespace chiso::testing {

struct BuiltTable {
  Document doc;
  TableLayout layout;
};

inline std::vector<std::string> split_tabs(const std::string& line) {
  std::vector<std::string> cells;
  std::string cell;
  std::istringstream in(line);
  while (std::getline(in, cell, '\t')) cells.push_back(cell);
  if (!line.empty() && line.back() == '\t') cells.emplace_back();
  return cells;
}

// Adds a part to `table`: `header_rows` (1 or 2) rows then data rows, all
// appended to grid 0. Two-level headers follow the seed's spanning rule.
inline void add_part(BuiltTable& table, const std::vector<std::vector<std::string>>& header_rows,
                     const std::vector<std::vector<std::string>>& data_rows,
                     const std::vector<int>& source_lines = {}) {
  if (table.doc.grids.empty()) {
    table.doc.grids.emplace_back();
    table.doc.grids[0].source_idx = 1;
  }
  Grid& grid = table.doc.grids[0];
  TablePart part;
  part.grid_idx = 0;
  part.header_row_first = grid.row_count();
  for (const auto& row : header_rows) grid.add_row(row);
  part.header_row_last = grid.row_count() - 1;
  part.data_row_first = grid.row_count();
  for (const auto& row : data_rows) grid.add_row(row);
  part.data_row_last = grid.row_count() - 1;
  if (!source_lines.empty()) {
    grid.source_rows.insert(grid.source_rows.end(), source_lines.begin(), source_lines.end());
  }

  const auto& top = header_rows.front();
  size_t width = 0;
  for (const auto& row : header_rows) width = std::max(width, row.size());
  std::string group;
  for (size_t col = 0; col < width; ++col) {
    ColumnHeader header;
    header.col_idx = static_cast<int>(col);
    std::string upper = col < top.size() ? top[col] : "";
    if (header_rows.size() == 1) {
      header.label = upper;
    } else {
      const auto& bottom = header_rows.back();
      std::string lower = col < bottom.size() ? bottom[col] : "";
      if (!upper.empty()) group = lower.empty() ? "" : upper;
      if (lower.empty()) {
        header.label = upper;
        group.clear();
      } else {
        header.group = group;
        header.label = lower;
      }
    }
    part.columns.push_back(header);
  }
  table.layout.parts.push_back(part);
}

// The seed sample (samples/000_e41d2a91a7ebffff.txt) as one grid with two
// parts; source rows are the file's line numbers.
inline BuiltTable load_seed_table() {
  BuiltTable table;
  table.doc.path = "000_e41d2a91a7ebffff.txt";
  table.doc.format = "text";
  std::ifstream in(std::string(CHISO_SOURCE_DIR) + "/samples/000_e41d2a91a7ebffff.txt");
  std::vector<std::string> lines;
  for (std::string line; std::getline(in, line);) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    lines.push_back(line);
  }
  size_t line_idx = 0;
  while (line_idx < lines.size()) {
    if (lines[line_idx].rfind("ST T\t", 0) != 0) {
      ++line_idx;
      continue;
    }
    std::vector<std::vector<std::string>> header_rows{split_tabs(lines[line_idx])};
    std::vector<int> source_lines{static_cast<int>(line_idx) + 1};
    ++line_idx;
    // A second header row starts with two empty cells (no STT, no name).
    if (line_idx < lines.size() && lines[line_idx].rfind("\t\t", 0) == 0) {
      header_rows.push_back(split_tabs(lines[line_idx]));
      source_lines.push_back(static_cast<int>(line_idx) + 1);
      ++line_idx;
    }
    std::vector<std::vector<std::string>> data_rows;
    while (line_idx < lines.size() && lines[line_idx].find('\t') != std::string::npos) {
      data_rows.push_back(split_tabs(lines[line_idx]));
      source_lines.push_back(static_cast<int>(line_idx) + 1);
      ++line_idx;
    }
    add_part(table, header_rows, data_rows, source_lines);
  }
  return table;
}

}  // namespace chiso::testing
