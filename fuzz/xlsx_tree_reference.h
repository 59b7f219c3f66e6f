// The reference the streamed sheet reader (src/ingest/xlsx_sheet_reader.cpp)
// must agree with: the tree reading it replaced (pugixml), kept here for the
// xlsx fuzz target only, as detail::eval_by_tree is for expressions. Slow and
// memory-hungry on large sheets; same cells, numeric flags and merges.
#pragma once

#include <cstdlib>
#include <optional>
#include <string>
#include <vector>

#include "common/limits.h"
#include "common/text.h"
#include "ingest/grid.h"
#include "ingest/readers.h"
#include "ingest/xml_util.h"

namespace chiso::fuzz {

// All text of a string item: <t> directly or in rich-text runs <r><t>.
inline void collect_text(const pugi::xml_node& node, std::string& out) {
  for (pugi::xml_node c = node.first_child(); c; c = c.next_sibling()) {
    if (detail::is_element(c, "t")) {
      out += c.text().get();
    } else if (detail::is_element(c, "r")) {
      if (pugi::xml_node t = detail::child(c, "t")) out += t.text().get();
    }
  }
}

// The shared strings of an sst part; nullopt when the XML does not parse.
inline std::optional<std::vector<std::string>> shared_strings_by_tree(std::string xml) {
  pugi::xml_document sst;
  if (!detail::parse_part(sst, xml, "ref", "sst")) return std::nullopt;
  std::vector<std::string> shared;
  for (pugi::xml_node si : detail::child(sst, "sst").children()) {
    if (!detail::is_element(si, "si")) continue;
    std::string s;
    collect_text(si, s);
    shared.push_back(text::to_nfc(s));
  }
  return shared;
}

// The sheet read by its tree; nullopt when the XML does not parse or the
// sheet breaks a rule (the streamed reader's errors are not compared).
inline std::optional<Grid> sheet_by_tree(std::string xml, const std::vector<std::string>& shared,
                                         const std::vector<bool>& percent_style) {
  pugi::xml_document sheet;
  if (!detail::parse_part(sheet, xml, "ref", "sheet")) return std::nullopt;
  Grid grid;
  pugi::xml_node root = detail::child(sheet, "worksheet");
  std::vector<std::string> cells;
  std::vector<int> numeric_cols;
  int next_row = 0;
  for (pugi::xml_node row : detail::child(root, "sheetData").children()) {
    if (!detail::is_element(row, "row")) continue;
    const int row_idx = row.attribute("r") ? row.attribute("r").as_int() - 1 : next_row;
    if (row_idx < next_row || static_cast<size_t>(row_idx) >= limits::rows_max) return std::nullopt;
    while (next_row < row_idx) {
      grid.add_row(std::vector<std::string>{});
      ++next_row;
    }
    cells.clear();
    numeric_cols.clear();
    int next_col = 0;
    for (pugi::xml_node c : row.children()) {
      if (!detail::is_element(c, "c")) continue;
      int r = row_idx;
      int col = next_col;
      if (pugi::xml_attribute ref_attr = c.attribute("r")) {
        if (!detail::parse_cell_ref(ref_attr.value(), &r, &col) || r != row_idx)
          return std::nullopt;
      }
      if (static_cast<size_t>(col) >= limits::columns_max) return std::nullopt;
      next_col = col + 1;
      const std::string_view type = c.attribute("t").value();
      std::string value;
      bool numeric = false;
      if (type == "s") {
        const long idx = std::strtol(detail::child(c, "v").text().get(), nullptr, 10);
        if (idx < 0 || static_cast<size_t>(idx) >= shared.size()) return std::nullopt;
        value = shared[static_cast<size_t>(idx)];
      } else if (type == "inlineStr") {
        collect_text(detail::child(c, "is"), value);
        value = text::to_nfc(value);
      } else if (type == "b") {
        value = std::string_view(detail::child(c, "v").text().get()) == "1" ? "TRUE" : "FALSE";
      } else if (type == "str" || type == "e" || type == "d") {
        value = text::to_nfc(detail::child(c, "v").text().get());
      } else {
        const std::string_view v = detail::child(c, "v").text().get();
        if (!v.empty()) {
          const unsigned style = c.attribute("s").as_uint();
          value = detail::xlsx_number_text(v, style < percent_style.size() && percent_style[style]);
          numeric = true;
        }
      }
      if (value.size() > limits::cell_bytes_max) return std::nullopt;
      if (value.empty()) continue;
      if (cells.size() <= static_cast<size_t>(col)) cells.resize(static_cast<size_t>(col) + 1);
      cells[static_cast<size_t>(col)] = std::move(value);
      if (numeric) numeric_cols.push_back(col);
    }
    grid.add_row(cells);
    for (int col : numeric_cols) grid.set_numeric(row_idx, col);
    ++next_row;
  }
  for (pugi::xml_node m : detail::child(root, "mergeCells").children()) {
    if (!detail::is_element(m, "mergeCell")) continue;
    const std::string_view range = m.attribute("ref").value();
    const size_t colon = range.find(':');
    int r1 = 0, c1 = 0, r2 = 0, c2 = 0;
    if (colon == std::string_view::npos ||
        !detail::parse_cell_ref(range.substr(0, colon), &r1, &c1) ||
        !detail::parse_cell_ref(range.substr(colon + 1), &r2, &c2) || r2 < r1 || c2 < c1) {
      continue;
    }
    grid.merges.push_back(Merge{r1, c1, r2 - r1 + 1, c2 - c1 + 1});
  }
  return grid;
}

}  // namespace chiso::fuzz
