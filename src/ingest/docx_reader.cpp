// DOCX: every top-level Word table (w:tbl in the body, in order) becomes a
// Grid; merged cells (w:gridSpan across, w:vMerge down) become Merges with
// their text in the top-left cell; paragraphs before the first table are
// lines_before, after the last lines_after.
#include <algorithm>
#include <map>
#include <vector>

#include <fmt/format.h>

#include "common/limits.h"
#include "common/text.h"
#include "ingest/readers.h"
#include "ingest/xml_util.h"

namespace chiso::detail {
namespace {

// Run text below `node`: w:t, w:tab and w:br as a space. Depth is bounded
// by check_xml_depth.
void run_text(const pugi::xml_node& node, std::string& out) {
  for (pugi::xml_node c = node.first_child(); c; c = c.next_sibling()) {
    if (c.type() != pugi::node_element) continue;
    const std::string_view local = local_name(c);
    if (local == "t") {
      out += c.text().get();
    } else if (local == "tab" || local == "br" || local == "cr") {
      out += ' ';
    } else if (local == "delText" || local == "instrText" || local == "rPr" || local == "pPr") {
      continue;  // deleted text, field codes, formatting
    } else {
      run_text(c, out);
    }
  }
}

std::string paragraph_text(const pugi::xml_node& p) {
  std::string out;
  run_text(p, out);
  return text::fold_spaces(out);
}

// The paragraphs of a cell (nested tables included), joined by a space.
void cell_text(const pugi::xml_node& node, std::string& out) {
  for (pugi::xml_node c = node.first_child(); c; c = c.next_sibling()) {
    if (is_element(c, "p")) {
      const std::string p = paragraph_text(c);
      if (p.empty()) continue;
      if (!out.empty()) out += ' ';
      out += p;
    } else if (c.type() == pugi::node_element && !is_element(c, "tcPr")) {
      cell_text(c, out);
    }
  }
}

// Children of `node` with this local name, looking through content controls
// (w:sdt/w:sdtContent) and custom XML wrappers.
template <class F>
void for_each_child(const pugi::xml_node& node, std::string_view local, F&& f) {
  for (pugi::xml_node c = node.first_child(); c; c = c.next_sibling()) {
    if (is_element(c, local)) {
      f(c);
    } else if (is_element(c, "sdt")) {
      for_each_child(child(c, "sdtContent"), local, f);
    } else if (is_element(c, "customXml")) {
      for_each_child(c, local, f);
    }
  }
}

Result<Grid> read_table(const pugi::xml_node& tbl, int table_no, const std::string& name) {
  Grid grid;
  grid.name = fmt::format("Bảng {}", table_no);
  grid.source_idx = table_no;
  std::map<int, size_t> open_vmerge;  // column → index in grid.merges
  std::vector<std::string> cells;
  std::string error;
  int row_idx = 0;
  for_each_child(tbl, "tr", [&](const pugi::xml_node& tr) {
    if (!error.empty()) return;
    if (static_cast<size_t>(row_idx) >= limits::rows_max) {
      error = fmt::format("{}: bảng {}: hơn {} dòng / table {}: more than {} rows", name, table_no,
                          limits::rows_max, table_no, limits::rows_max);
      return;
    }
    cells.clear();
    int col = child(child(tr, "trPr"), "gridBefore").attribute("w:val").as_int(0);
    col = std::clamp(col, 0, static_cast<int>(limits::columns_max));
    for_each_child(tr, "tc", [&](const pugi::xml_node& tc) {
      if (!error.empty()) return;
      const pugi::xml_node pr = child(tc, "tcPr");
      const int span = std::clamp(attribute(child(pr, "gridSpan"), "val", true).as_int(1), 1,
                                  static_cast<int>(limits::columns_max));
      const pugi::xml_node vmerge = child(pr, "vMerge");
      const std::string_view vmerge_val = attribute(vmerge, "val", true).value();
      const bool restart = vmerge && vmerge_val == "restart";
      const bool cont = vmerge && !restart;
      if (static_cast<size_t>(col) + static_cast<size_t>(span) > limits::columns_max) {
        error = fmt::format("{}: bảng {}, dòng {}: hơn {} cột / table {}, row {}: more than {} columns",
                            name, table_no, row_idx + 1, limits::columns_max, table_no, row_idx + 1,
                            limits::columns_max);
        return;
      }
      std::string text;
      if (!cont) cell_text(tc, text);
      if (text.size() > limits::cell_bytes_max) {
        error = fmt::format(
            "{}: bảng {}, dòng {}, cột {}: ô dài {} byte, quá giới hạn {} / table {}, row {}, "
            "column {}: {} bytes, over the limit of {}",
            name, table_no, row_idx + 1, col + 1, text.size(), limits::cell_bytes_max, table_no,
            row_idx + 1, col + 1, text.size(), limits::cell_bytes_max);
        return;
      }
      cells.resize(static_cast<size_t>(col + span));
      cells[static_cast<size_t>(col)] = text::to_nfc(text);
      if (cont) {
        if (auto it = open_vmerge.find(col); it != open_vmerge.end()) {
          ++grid.merges[it->second].row_span;
        }
      } else {
        open_vmerge.erase(col);
        if (restart) {
          open_vmerge[col] = grid.merges.size();
          grid.merges.push_back(Merge{row_idx, col, 1, span});
        } else if (span > 1) {
          grid.merges.push_back(Merge{row_idx, col, 1, span});
        }
      }
      col += span;
    });
    if (!error.empty()) return;
    grid.add_row(cells);
    ++row_idx;
  });
  if (!error.empty()) return make_error(error);
  // A restarted vMerge that no cell continued is not a merge.
  std::erase_if(grid.merges, [](const Merge& m) { return m.row_span == 1 && m.col_span == 1; });
  return grid;
}

}  // namespace

Result<Document> read_docx(ZipArchive& zip, const std::string& name) {
  const std::string entry = "word/document.xml";
  auto bytes = zip.read(entry);
  if (!bytes) return bytes.error();
  std::string xml = std::move(*bytes);
  if (auto depth = check_xml_depth(xml, name, entry); !depth) return depth.error();
  pugi::xml_document xdoc;
  if (auto parsed = parse_part(xdoc, xml, name, entry); !parsed) return parsed.error();
  const pugi::xml_node body = child(child(xdoc, "document"), "body");
  if (!body) {
    return make_error(fmt::format("{}: tệp Word không có thân văn bản (w:body) / the Word file has no body", name));
  }

  Document doc;
  doc.format = "docx";
  std::vector<std::string> after_last_table;
  std::string error;
  // Walk the body in order: paragraphs and tables (through content controls).
  auto visit = [&](auto&& self, const pugi::xml_node& parent) -> void {
    for (pugi::xml_node c = parent.first_child(); c && error.empty(); c = c.next_sibling()) {
      if (is_element(c, "p")) {
        std::string p = paragraph_text(c);
        if (p.empty()) continue;
        (doc.grids.empty() ? doc.lines_before : after_last_table).push_back(std::move(p));
      } else if (is_element(c, "tbl")) {
        auto grid = read_table(c, static_cast<int>(doc.grids.size()) + 1, name);
        if (!grid) {
          error = grid.error().message;
          return;
        }
        doc.grids.push_back(std::move(*grid));
        after_last_table.clear();  // paragraphs between tables are not notes
      } else if (is_element(c, "sdt")) {
        self(self, child(c, "sdtContent"));
      } else if (is_element(c, "customXml")) {
        self(self, c);
      }
    }
  };
  visit(visit, body);
  if (!error.empty()) return make_error(error);
  if (doc.grids.empty()) {
    return make_error(fmt::format("{}: tệp Word không có bảng nào / the Word file has no table", name));
  }
  doc.lines_after = std::move(after_last_table);
  return doc;
}

}  // namespace chiso::detail
