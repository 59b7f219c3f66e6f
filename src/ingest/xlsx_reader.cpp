// XLSX: every worksheet becomes a Grid (the table is found by lay_out, not
// assumed to be on the first sheet).
//
// Phases, in order: workbook (sheet names and parts) → shared strings (with
// rich-text runs) → styles (which cells show percents) → each sheet's cells
// and merged ranges (read_sheet_xml, streamed: xlsx_sheet_reader.cpp).
#include <map>
#include <vector>

#include <fmt/format.h>

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
    // The sheet streamed, not parsed into a tree: a legal sheet of a
    // million rows is tens of MB of XML.
    auto xml = zip.read(ref.part);
    if (!xml) return xml.error();
    if (auto depth = check_xml_depth(*xml, name, ref.part); !depth) return depth.error();
    const SheetContext context{name, ref.name, ref.part, shared, percent_style};
    if (auto read = read_sheet_xml(*xml, context, grid); !read) return read.error();
    doc.grids.push_back(std::move(grid));
  }
  return doc;
}

}  // namespace chiso::detail
