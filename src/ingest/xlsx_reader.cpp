// XLSX: every worksheet becomes a Grid (the table is found by lay_out, not
// assumed to be on the first sheet).
//
// Phases, in order: workbook (sheet names and parts) → shared strings (with
// rich-text runs) → styles (which cells show percents) → each sheet's cells
// and merged ranges.
#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <map>
#include <vector>

#include <fmt/format.h>

#include "common/limits.h"
#include "common/number.h"
#include "common/text.h"
#include "ingest/readers.h"
#include "ingest/xml_util.h"

namespace chiso::detail {
namespace {

struct SheetRef {
  std::string name;
  std::string part;  // "xl/worksheets/sheet1.xml"
};

Result<pugi::xml_document*> load(ZipArchive& zip, const std::string& name, const std::string& entry,
                                  std::string& storage, pugi::xml_document& doc) {
  auto bytes = zip.read(entry);
  if (!bytes) return bytes.error();
  storage = std::move(*bytes);
  if (auto depth = check_xml_depth(storage, name, entry); !depth) return depth.error();
  if (auto parsed = parse_part(doc, storage, name, entry); !parsed) return parsed.error();
  return &doc;
}

// All text of a string item: <t> directly or in rich-text runs <r><t>;
// phonetic runs <rPh> are not part of the text.
void collect_text(const pugi::xml_node& node, std::string& out) {
  for (pugi::xml_node c = node.first_child(); c; c = c.next_sibling()) {
    if (is_element(c, "t")) {
      out += c.text().get();
    } else if (is_element(c, "r")) {
      if (pugi::xml_node t = child(c, "t")) out += t.text().get();
    }
  }
}

std::string resolve_target(std::string_view target) {
  if (!target.empty() && target.front() == '/') return std::string(target.substr(1));
  std::string out = "xl/";
  out += target;
  return out;
}

bool format_is_percent(std::string_view code) {
  bool quoted = false;
  for (char c : code) {
    if (c == '"') quoted = !quoted;
    if (c == '%' && !quoted) return true;
  }
  return false;
}

// The number's plain text; percent-formatted cells as the percent shown.
std::string number_text(std::string_view v, bool percent) {
  double value = 0;
  const auto [end, ec] = std::from_chars(v.data(), v.data() + v.size(), value);
  if (ec != std::errc() || end != v.data() + v.size() || !std::isfinite(value)) {
    return std::string(v);
  }
  if (percent) value *= 100;
  // 15 significant digits drop the binary noise Excel writes (70.679999…).
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.15g", value);
  double rounded = 0;
  std::from_chars(buf, buf + std::strlen(buf), rounded);
  return number::format_plain(rounded);
}

}  // namespace

Result<Document> read_xlsx(ZipArchive& zip, const std::string& name) {
  Document doc;
  doc.format = "xlsx";

  // Workbook: sheets in order, and where their parts are.
  std::string workbook_xml;
  pugi::xml_document workbook;
  if (auto r = load(zip, name, "xl/workbook.xml", workbook_xml, workbook); !r) return r.error();
  std::map<std::string, std::string> targets;
  std::string rels_xml;
  pugi::xml_document rels;
  if (zip.has("xl/_rels/workbook.xml.rels")) {
    if (auto r = load(zip, name, "xl/_rels/workbook.xml.rels", rels_xml, rels); !r) return r.error();
    for (pugi::xml_node rel : child(rels, "Relationships").children()) {
      if (!is_element(rel, "Relationship")) continue;
      targets[rel.attribute("Id").value()] = resolve_target(rel.attribute("Target").value());
    }
  }
  std::vector<SheetRef> sheets;
  for (pugi::xml_node sheet : child(child(workbook, "workbook"), "sheets").children()) {
    if (!is_element(sheet, "sheet")) continue;
    SheetRef ref;
    ref.name = text::to_nfc(sheet.attribute("name").value());
    const auto it = targets.find(attribute(sheet, "id", true).value());
    ref.part = it != targets.end() ? it->second
                                   : fmt::format("xl/worksheets/sheet{}.xml", sheets.size() + 1);
    sheets.push_back(std::move(ref));
  }
  if (sheets.empty()) {
    return make_error(fmt::format("{}: tệp Excel không có trang tính nào / the workbook has no sheet", name));
  }

  // Shared strings.
  std::vector<std::string> shared;
  if (zip.has("xl/sharedStrings.xml")) {
    std::string xml;
    pugi::xml_document sst;
    if (auto r = load(zip, name, "xl/sharedStrings.xml", xml, sst); !r) return r.error();
    for (pugi::xml_node si : child(sst, "sst").children()) {
      if (!is_element(si, "si")) continue;
      std::string s;
      collect_text(si, s);
      shared.push_back(text::to_nfc(s));
    }
  }

  // Styles: which cell formats (s="N") show a percent.
  std::vector<bool> percent_style;
  if (zip.has("xl/styles.xml")) {
    std::string xml;
    pugi::xml_document styles;
    if (auto r = load(zip, name, "xl/styles.xml", xml, styles); !r) return r.error();
    pugi::xml_node root = child(styles, "styleSheet");
    std::map<unsigned, bool> percent_format = {{9, true}, {10, true}};
    for (pugi::xml_node f : child(root, "numFmts").children()) {
      if (is_element(f, "numFmt")) {
        percent_format[f.attribute("numFmtId").as_uint()] = format_is_percent(f.attribute("formatCode").value());
      }
    }
    for (pugi::xml_node xf : child(root, "cellXfs").children()) {
      if (!is_element(xf, "xf")) continue;
      const auto it = percent_format.find(xf.attribute("numFmtId").as_uint());
      percent_style.push_back(it != percent_format.end() && it->second);
    }
  }

  int sheet_idx = 0;
  for (const SheetRef& ref : sheets) {
    ++sheet_idx;
    Grid grid;
    grid.name = ref.name;
    grid.source_idx = sheet_idx;
    if (!zip.has(ref.part)) {  // a chart sheet or a missing part: an empty grid
      doc.grids.push_back(std::move(grid));
      continue;
    }
    std::string xml;
    pugi::xml_document sheet;
    if (auto r = load(zip, name, ref.part, xml, sheet); !r) return r.error();
    pugi::xml_node root = child(sheet, "worksheet");
    std::vector<std::string> cells;
    std::vector<int> numeric_cols;
    int next_row = 0;
    for (pugi::xml_node row : child(root, "sheetData").children()) {
      if (!is_element(row, "row")) continue;
      const int row_idx = row.attribute("r") ? row.attribute("r").as_int() - 1 : next_row;
      if (row_idx < next_row || static_cast<size_t>(row_idx) >= limits::rows_max) {
        return make_error(fmt::format(
            "{}: trang \"{}\", dòng {}: số dòng không hợp lệ hoặc quá giới hạn / sheet \"{}\", row "
            "{}: a row number out of order or over the limit",
            name, ref.name, row_idx + 1, ref.name, row_idx + 1));
      }
      while (next_row < row_idx) {  // blank rows the file leaves out
        grid.add_row(std::vector<std::string>{});
        ++next_row;
      }
      cells.clear();
      numeric_cols.clear();
      int next_col = 0;
      for (pugi::xml_node c : row.children()) {
        if (!is_element(c, "c")) continue;
        int r = row_idx;
        int col = next_col;
        if (pugi::xml_attribute ref_attr = c.attribute("r")) {
          if (!parse_cell_ref(ref_attr.value(), &r, &col) || r != row_idx) {
            return make_error(fmt::format(
                "{}: trang \"{}\", dòng {}: địa chỉ ô \"{}\" không hợp lệ / sheet \"{}\", row {}: "
                "bad cell reference \"{}\"",
                name, ref.name, row_idx + 1, ref_attr.value(), ref.name, row_idx + 1, ref_attr.value()));
          }
        }
        if (static_cast<size_t>(col) >= limits::columns_max) {
          return make_error(fmt::format(
              "{}: trang \"{}\", dòng {}: hơn {} cột / sheet \"{}\", row {}: more than {} columns",
              name, ref.name, row_idx + 1, limits::columns_max, ref.name, row_idx + 1,
              limits::columns_max));
        }
        next_col = col + 1;
        const std::string_view type = c.attribute("t").value();
        std::string value;
        bool numeric = false;
        if (type == "s") {
          const long idx = std::strtol(child(c, "v").text().get(), nullptr, 10);
          if (idx < 0 || static_cast<size_t>(idx) >= shared.size()) {
            return make_error(fmt::format(
                "{}: trang \"{}\", ô {}: chuỗi dùng chung số {} không có / sheet \"{}\", cell {}: "
                "shared string {} does not exist",
                name, ref.name, c.attribute("r").value(), idx, ref.name, c.attribute("r").value(), idx));
          }
          value = shared[static_cast<size_t>(idx)];
        } else if (type == "inlineStr") {
          collect_text(child(c, "is"), value);
          value = text::to_nfc(value);
        } else if (type == "b") {
          value = std::string_view(child(c, "v").text().get()) == "1" ? "TRUE" : "FALSE";
        } else if (type == "str" || type == "e" || type == "d") {
          value = text::to_nfc(child(c, "v").text().get());
        } else {
          const std::string_view v = child(c, "v").text().get();
          if (!v.empty()) {
            const unsigned style = c.attribute("s").as_uint();
            const bool percent = style < percent_style.size() && percent_style[style];
            value = number_text(v, percent);
            numeric = true;
          }
        }
        if (value.size() > limits::cell_bytes_max) {
          return make_error(fmt::format(
              "{}: trang \"{}\", ô {}: dài {} byte, quá giới hạn {} / sheet \"{}\", cell {}: {} "
              "bytes, over the limit of {}",
              name, ref.name, c.attribute("r").value(), value.size(), limits::cell_bytes_max,
              ref.name, c.attribute("r").value(), value.size(), limits::cell_bytes_max));
        }
        if (value.empty()) continue;
        if (cells.size() <= static_cast<size_t>(col)) cells.resize(static_cast<size_t>(col) + 1);
        cells[static_cast<size_t>(col)] = std::move(value);
        if (numeric) numeric_cols.push_back(col);
      }
      grid.add_row(cells);
      for (int col : numeric_cols) grid.set_numeric(row_idx, col);
      ++next_row;
    }
    for (pugi::xml_node m : child(root, "mergeCells").children()) {
      if (!is_element(m, "mergeCell")) continue;
      const std::string_view range = m.attribute("ref").value();
      const size_t colon = range.find(':');
      int r1 = 0, c1 = 0, r2 = 0, c2 = 0;
      if (colon == std::string_view::npos || !parse_cell_ref(range.substr(0, colon), &r1, &c1) ||
          !parse_cell_ref(range.substr(colon + 1), &r2, &c2) || r2 < r1 || c2 < c1) {
        continue;  // a malformed merge only loses the merge
      }
      grid.merges.push_back(Merge{r1, c1, r2 - r1 + 1, c2 - c1 + 1});
    }
    doc.grids.push_back(std::move(grid));
  }
  return doc;
}

}  // namespace chiso::detail
