// write_docx: the appendix as WordprocessingML, built as a pugixml tree (which
// escapes every text) and zipped with libzip. Element order inside w:pPr,
// w:rPr, w:tblPr, w:trPr, w:tcPr and w:sectPr follows the ECMA-376 schema:
// Word treats an out-of-order child as a corrupt file and offers a repair.

#include <algorithm>
#include <chrono>
#include <cmath>
#include <ctime>
#include <sstream>

#include <pugixml.hpp>

#include "report/appendix.h"

namespace chiso::report {
namespace {

using detail::AppendixLayout;

constexpr const char* kFont = "Times New Roman";
constexpr const char* kNsW = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
constexpr const char* kNsR = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
constexpr const char* kNsWp =
    "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing";
constexpr const char* kNsA = "http://schemas.openxmlformats.org/drawingml/2006/main";
constexpr const char* kNsPic = "http://schemas.openxmlformats.org/drawingml/2006/picture";
constexpr long kEmuPerPt = 12700;
constexpr double kChartDpi = 200;

// A4 landscape in twips (1/20 pt; 1 mm = 56.6929 twips).
constexpr int kPageWidth = 16838;
constexpr int kPageHeight = 11906;
constexpr int kMarginTop = 1134;     // 20 mm
constexpr int kMarginBottom = 1134;  // 20 mm
constexpr int kMarginLeft = 1701;    // 30 mm
constexpr int kMarginRight = 851;    // 15 mm
constexpr int kHeaderDistance = 567; // 10 mm: the page number sits in the top margin
constexpr int kTextWidth = kPageWidth - kMarginLeft - kMarginRight;

const char* shade_fill(Severity severity) {
  switch (severity) {
    case Severity::error: return "FFC7CE";
    case Severity::warning: return "FFEB9C";
    case Severity::info: return "DDEBF7";
  }
  return "FFFFFF";
}

std::string to_string(const pugi::xml_document& doc) {
  std::ostringstream out;
  doc.save(out, "", pugi::format_raw, pugi::encoding_utf8);
  return out.str();
}

pugi::xml_document new_part() {
  pugi::xml_document doc;
  pugi::xml_node decl = doc.append_child(pugi::node_declaration);
  decl.append_attribute("version") = "1.0";
  decl.append_attribute("encoding") = "UTF-8";
  decl.append_attribute("standalone") = "yes";
  return doc;
}

void set_val(pugi::xml_node node, const char* name, const std::string& value) {
  node.append_child(name).append_attribute("w:val") = value.c_str();
}

struct RunStyle {
  bool bold = false;
  bool italic = false;
  int half_points = 26;  // 13 pt
};

void add_run_props(pugi::xml_node run, const RunStyle& style) {
  pugi::xml_node props = run.append_child("w:rPr");
  pugi::xml_node fonts = props.append_child("w:rFonts");
  fonts.append_attribute("w:ascii") = kFont;
  fonts.append_attribute("w:hAnsi") = kFont;
  fonts.append_attribute("w:cs") = kFont;
  if (style.bold) {
    props.append_child("w:b");
    props.append_child("w:bCs");
  }
  if (style.italic) {
    props.append_child("w:i");
    props.append_child("w:iCs");
  }
  set_val(props, "w:sz", std::to_string(style.half_points));
  set_val(props, "w:szCs", std::to_string(style.half_points));
}

// Text runs; a '\n' inside the text becomes a line break.
void add_text(pugi::xml_node paragraph, const std::string& text, const RunStyle& style) {
  size_t start = 0;
  while (true) {
    size_t end = text.find('\n', start);
    std::string piece = text.substr(start, end == std::string::npos ? end : end - start);
    pugi::xml_node run = paragraph.append_child("w:r");
    add_run_props(run, style);
    if (start > 0) run.append_child("w:br");
    pugi::xml_node t = run.append_child("w:t");
    t.append_attribute("xml:space") = "preserve";
    t.text().set(piece.c_str());
    if (end == std::string::npos) break;
    start = end + 1;
  }
}

struct ParaStyle {
  const char* jc = "center";
  int before = 0;          // twips
  int after = 0;
  int first_line = 0;      // twips
  bool keep_next = false;
  bool page_break_before = false;
};

pugi::xml_node add_paragraph(pugi::xml_node parent, const std::string& text,
                             const ParaStyle& para, const RunStyle& run) {
  pugi::xml_node paragraph = parent.append_child("w:p");
  pugi::xml_node props = paragraph.append_child("w:pPr");
  if (para.keep_next) props.append_child("w:keepNext");
  if (para.page_break_before) props.append_child("w:pageBreakBefore");
  pugi::xml_node spacing = props.append_child("w:spacing");
  spacing.append_attribute("w:before") = para.before;
  spacing.append_attribute("w:after") = para.after;
  spacing.append_attribute("w:line") = 240;
  spacing.append_attribute("w:lineRule") = "auto";
  if (para.first_line > 0) props.append_child("w:ind").append_attribute("w:firstLine") = para.first_line;
  set_val(props, "w:jc", para.jc);
  if (!text.empty()) add_text(paragraph, text, run);
  return paragraph;
}

std::vector<int> column_widths(const std::vector<double>& weights) {
  double total = 0;
  for (double weight : weights) total += weight;
  std::vector<int> widths;
  int used = 0;
  for (size_t idx = 0; idx < weights.size(); ++idx) {
    int width = idx + 1 == weights.size()
                    ? kTextWidth - used
                    : static_cast<int>(std::floor(kTextWidth * weights[idx] / total));
    widths.push_back(width);
    used += width;
  }
  return widths;
}

pugi::xml_node add_table(pugi::xml_node body, const std::vector<int>& widths) {
  pugi::xml_node table = body.append_child("w:tbl");
  pugi::xml_node props = table.append_child("w:tblPr");
  pugi::xml_node width = props.append_child("w:tblW");
  width.append_attribute("w:w") = kTextWidth;
  width.append_attribute("w:type") = "dxa";
  set_val(props, "w:jc", "center");
  pugi::xml_node borders = props.append_child("w:tblBorders");
  for (const char* side : {"w:top", "w:left", "w:bottom", "w:right", "w:insideH", "w:insideV"}) {
    pugi::xml_node border = borders.append_child(side);
    border.append_attribute("w:val") = "single";
    border.append_attribute("w:sz") = 4;
    border.append_attribute("w:space") = 0;
    border.append_attribute("w:color") = "000000";
  }
  props.append_child("w:tblLayout").append_attribute("w:type") = "fixed";
  pugi::xml_node margins = props.append_child("w:tblCellMar");
  for (const char* side : {"w:left", "w:right"}) {
    pugi::xml_node margin = margins.append_child(side);
    margin.append_attribute("w:w") = 57;
    margin.append_attribute("w:type") = "dxa";
  }
  pugi::xml_node grid = table.append_child("w:tblGrid");
  for (int width_twips : widths) grid.append_child("w:gridCol").append_attribute("w:w") = width_twips;
  return table;
}

pugi::xml_node add_row(pugi::xml_node table, bool header) {
  pugi::xml_node row = table.append_child("w:tr");
  pugi::xml_node props = row.append_child("w:trPr");
  props.append_child("w:cantSplit");
  if (header) props.append_child("w:tblHeader");
  return row;
}

struct CellStyle {
  int width = 0;
  int grid_span = 1;
  const char* vmerge = nullptr;  // "restart", "continue" or none
  const char* fill = nullptr;
};

pugi::xml_node add_cell(pugi::xml_node row, const CellStyle& style) {
  pugi::xml_node cell = row.append_child("w:tc");
  pugi::xml_node props = cell.append_child("w:tcPr");
  pugi::xml_node width = props.append_child("w:tcW");
  width.append_attribute("w:w") = style.width;
  width.append_attribute("w:type") = "dxa";
  if (style.grid_span > 1) set_val(props, "w:gridSpan", std::to_string(style.grid_span));
  if (style.vmerge) {
    pugi::xml_node vmerge = props.append_child("w:vMerge");
    if (std::string(style.vmerge) == "restart") vmerge.append_attribute("w:val") = "restart";
  }
  if (style.fill) {
    pugi::xml_node shading = props.append_child("w:shd");
    shading.append_attribute("w:val") = "clear";
    shading.append_attribute("w:color") = "auto";
    shading.append_attribute("w:fill") = style.fill;
  }
  set_val(props, "w:vAlign", "center");
  return cell;
}

int span_width(const std::vector<int>& widths, int col, int span) {
  int total = 0;
  for (int idx = col; idx < col + span; ++idx) total += widths[idx];
  return total;
}

void add_appendix_table(pugi::xml_node body, const AppendixLayout& layout) {
  std::vector<int> widths = column_widths(layout.column_weights);
  pugi::xml_node table = add_table(body, widths);
  const RunStyle header_run{true, false, 18};
  const ParaStyle centred{};
  for (int row_idx = 0; row_idx < layout.header_rows; ++row_idx) {
    pugi::xml_node row = add_row(table, true);
    for (int col = 0; col < layout.columns;) {
      const detail::HeaderCell* here = nullptr;
      for (const detail::HeaderCell& cell : layout.header) {
        if (cell.col == col && cell.row <= row_idx && row_idx < cell.row + cell.row_span) {
          here = &cell;
          break;
        }
      }
      if (!here) {  // a hole in the grid cannot happen; keep the row well formed
        add_paragraph(add_cell(row, {widths[col]}), "", centred, header_run);
        ++col;
        continue;
      }
      CellStyle style{span_width(widths, col, here->col_span), here->col_span};
      if (here->row_span > 1) style.vmerge = here->row == row_idx ? "restart" : "continue";
      pugi::xml_node cell = add_cell(row, style);
      add_paragraph(cell, here->row == row_idx ? here->text : "", centred, header_run);
      col += here->col_span;
    }
  }
  // The last rows keep with the notes after the table (w:keepNext on every
  // paragraph of the row, which Word reads as the row's keep with next), so
  // that Word moves them onto the notes' page rather than leave the notes
  // alone on it.
  const size_t kept = layout.notes.empty() ? 0 : static_cast<size_t>(std::max(0, layout.rows_kept_with_notes));
  const size_t kept_from = layout.rows.size() - std::min(layout.rows.size(), kept);
  for (size_t row_idx = 0; row_idx < layout.rows.size(); ++row_idx) {
    const detail::BodyRow& body_row = layout.rows[row_idx];
    pugi::xml_node row = add_row(table, false);
    const RunStyle run{body_row.city_wide, false, 22};
    for (size_t col = 0; col < body_row.cells.size() && col < widths.size(); ++col) {
      const detail::BodyCell& body_cell = body_row.cells[col];
      CellStyle style{widths[col]};
      if (body_cell.finding) style.fill = shade_fill(*body_cell.finding);
      ParaStyle para{};
      if (body_cell.align_left) para.jc = "left";
      para.keep_next = row_idx >= kept_from;
      RunStyle cell_run = run;
      cell_run.italic = body_cell.in_error;
      add_paragraph(add_cell(row, style), body_cell.text, para, cell_run);
    }
  }
}

// A one-level table: a repeated header row, then text rows. `severities`
// (one per row, or empty) shades each row's first cell; `left_cols` are left
// aligned, the others centred.
void add_simple_table(pugi::xml_node body, const std::vector<std::string>& header_texts,
                      const std::vector<double>& weights,
                      const std::vector<std::vector<std::string>>& rows,
                      const std::vector<Severity>& severities,
                      const std::vector<size_t>& left_cols) {
  std::vector<int> widths = column_widths(weights);
  pugi::xml_node table = add_table(body, widths);
  pugi::xml_node header = add_row(table, true);
  for (size_t col = 0; col < header_texts.size() && col < widths.size(); ++col) {
    add_paragraph(add_cell(header, {widths[col]}), header_texts[col], ParaStyle{},
                  RunStyle{true, false, 20});
  }
  for (size_t idx = 0; idx < rows.size(); ++idx) {
    pugi::xml_node row = add_row(table, false);
    for (size_t col = 0; col < rows[idx].size() && col < widths.size(); ++col) {
      CellStyle style{widths[col]};
      if (col == 0 && idx < severities.size()) style.fill = shade_fill(severities[idx]);
      ParaStyle para{};
      if (std::find(left_cols.begin(), left_cols.end(), col) != left_cols.end()) para.jc = "left";
      add_paragraph(add_cell(row, style), rows[idx][col], para, RunStyle{false, false, 20});
    }
  }
}

// The signature block: a table without borders, two halves of the text
// width. Left: "NGƯỜI LẬP BIỂU" under a blank line level with the place and
// date; right: the place and date line, "THỦ TRƯỞNG ĐƠN VỊ"; each title with
// its hint under it, and room to sign below.
void add_signature(pugi::xml_node body, const AppendixLayout::Signature& signature) {
  add_paragraph(body, "", ParaStyle{"left", 240, 0, 0, true}, RunStyle{});
  const int half = kTextWidth / 2;
  pugi::xml_node table = body.append_child("w:tbl");
  pugi::xml_node props = table.append_child("w:tblPr");
  pugi::xml_node width = props.append_child("w:tblW");
  width.append_attribute("w:w") = kTextWidth;
  width.append_attribute("w:type") = "dxa";
  pugi::xml_node borders = props.append_child("w:tblBorders");
  for (const char* side : {"w:top", "w:left", "w:bottom", "w:right", "w:insideH", "w:insideV"}) {
    borders.append_child(side).append_attribute("w:val") = "nil";
  }
  props.append_child("w:tblLayout").append_attribute("w:type") = "fixed";
  pugi::xml_node grid = table.append_child("w:tblGrid");
  for (int column = 0; column < 2; ++column)
    grid.append_child("w:gridCol").append_attribute("w:w") = half;
  pugi::xml_node row = add_row(table, false);
  const RunStyle title{true, false, 26};
  const RunStyle hint{false, true, 26};
  auto column = [&](const std::string& first, bool first_italic, const std::string& heading,
                    const std::string& under) {
    pugi::xml_node cell = row.append_child("w:tc");
    pugi::xml_node cell_props = cell.append_child("w:tcPr");
    pugi::xml_node cell_width = cell_props.append_child("w:tcW");
    cell_width.append_attribute("w:w") = half;
    cell_width.append_attribute("w:type") = "dxa";
    add_paragraph(cell, first, ParaStyle{"center", 0, 0, 0, true},
                  RunStyle{false, first_italic, 26});
    add_paragraph(cell, heading, ParaStyle{"center", 0, 0, 0, true}, title);
    add_paragraph(cell, under, ParaStyle{"center", 0, 1440, 0, false}, hint);
  };
  column("", false, signature.left_title, signature.left_hint);
  column(signature.place_date, true, signature.right_title, signature.right_hint);
}

// A chart page: the heading (new page), then the PNG `rel_id` as an inline
// picture scaled to fit the text width and the rest of the page.
void add_chart(pugi::xml_node body, const detail::AppendixLayout::ChartPage& chart, int number) {
  add_paragraph(body, chart.heading, ParaStyle{"center", 0, 160, 0, true, true},
                RunStyle{true, false, 28});
  // Text area in pt; ~40 pt go to the heading and its spacing.
  const double box_width = kTextWidth / 20.0;
  const double box_height = (kPageHeight - kMarginTop - kMarginBottom) / 20.0 - 48;
  double scale = detail::fit_scale(chart.scene.width_pt, chart.scene.height_pt, box_width,
                                   box_height);
  const long cx = std::lround(chart.scene.width_pt * scale * kEmuPerPt);
  const long cy = std::lround(chart.scene.height_pt * scale * kEmuPerPt);
  const std::string name = "chart" + std::to_string(number) + ".png";
  pugi::xml_node paragraph = add_paragraph(body, "", ParaStyle{}, RunStyle{});
  pugi::xml_node run = paragraph.append_child("w:r");
  pugi::xml_node inline_node = run.append_child("w:drawing").append_child("wp:inline");
  for (const char* side : {"distT", "distB", "distL", "distR"}) {
    inline_node.append_attribute(side) = 0;
  }
  pugi::xml_node extent = inline_node.append_child("wp:extent");
  extent.append_attribute("cx") = cx;
  extent.append_attribute("cy") = cy;
  pugi::xml_node doc_pr = inline_node.append_child("wp:docPr");
  doc_pr.append_attribute("id") = number;
  doc_pr.append_attribute("name") = ("Chart " + std::to_string(number)).c_str();
  doc_pr.append_attribute("descr") = chart.heading.c_str();
  inline_node.append_child("wp:cNvGraphicFramePr")
      .append_child("a:graphicFrameLocks")
      .append_attribute("noChangeAspect") = 1;
  pugi::xml_node data = inline_node.append_child("a:graphic").append_child("a:graphicData");
  data.append_attribute("uri") = kNsPic;
  pugi::xml_node pic = data.append_child("pic:pic");
  pugi::xml_node nv = pic.append_child("pic:nvPicPr");
  pugi::xml_node c_nv = nv.append_child("pic:cNvPr");
  c_nv.append_attribute("id") = 0;
  c_nv.append_attribute("name") = name.c_str();
  nv.append_child("pic:cNvPicPr");
  pugi::xml_node fill = pic.append_child("pic:blipFill");
  fill.append_child("a:blip").append_attribute("r:embed") =
      ("rIdChart" + std::to_string(number)).c_str();
  fill.append_child("a:stretch").append_child("a:fillRect");
  pugi::xml_node shape = pic.append_child("pic:spPr");
  pugi::xml_node xfrm = shape.append_child("a:xfrm");
  pugi::xml_node off = xfrm.append_child("a:off");
  off.append_attribute("x") = 0;
  off.append_attribute("y") = 0;
  pugi::xml_node ext = xfrm.append_child("a:ext");
  ext.append_attribute("cx") = cx;
  ext.append_attribute("cy") = cy;
  pugi::xml_node geometry = shape.append_child("a:prstGeom");
  geometry.append_attribute("prst") = "rect";
  geometry.append_child("a:avLst");
}

std::string document_xml(const AppendixLayout& layout) {
  pugi::xml_document doc = new_part();
  pugi::xml_node root = doc.append_child("w:document");
  root.append_attribute("xmlns:w") = kNsW;
  root.append_attribute("xmlns:r") = kNsR;
  root.append_attribute("xmlns:wp") = kNsWp;
  root.append_attribute("xmlns:a") = kNsA;
  root.append_attribute("xmlns:pic") = kNsPic;
  pugi::xml_node body = root.append_child("w:body");

  const RunStyle bold14{true, false, 28};
  if (!layout.appendix_line.empty()) {
    add_paragraph(body, layout.appendix_line, ParaStyle{"center", 0, 0, 0, true}, bold14);
  }
  // Without the italic line, the title keeps the space above the table.
  const bool attached = !layout.attached_line.empty();
  add_paragraph(body, layout.title_line, ParaStyle{"center", 0, attached ? 0 : 240, 0, true},
                bold14);
  if (attached) {
    add_paragraph(body, layout.attached_line, ParaStyle{"center", 0, 240, 0, true},
                  RunStyle{false, true, 28});
  }
  for (const std::string& paragraph : layout.summary_paragraphs) {
    add_paragraph(body, paragraph, ParaStyle{"both", 0, 120, 567}, RunStyle{false, false, 28});
  }
  add_appendix_table(body, layout);
  // The notes keep together with the table's last rows (w:keepNext on each
  // but the last), as a clerk would set them in Word; Word lets a chain
  // longer than a page break where it must.
  const int notes_half_points = static_cast<int>(2 * detail::notes_size_pt(layout));
  for (size_t idx = 0; idx < layout.notes.size(); ++idx) {
    add_paragraph(body, layout.notes[idx],
                  ParaStyle{"both", idx == 0 ? 120 : 0, 0, 0, idx + 1 < layout.notes.size()},
                  RunStyle{false, true, notes_half_points});
  }
  if (!layout.submitted_line.empty()) {
    add_paragraph(body, layout.submitted_line, ParaStyle{"both", 120, 0},
                  RunStyle{false, true, 24});
  }
  if (layout.signature) add_signature(body, *layout.signature);
  if (!layout.targets_title.empty()) {
    add_paragraph(body, layout.targets_title, ParaStyle{"center", 360, 120, 0, true}, bold14);
    add_simple_table(body, layout.targets_header, layout.targets_weights, layout.targets_rows, {},
                     {0, 2, 3});
  }
  if (!layout.compare_title.empty()) {
    add_paragraph(body, layout.compare_title, ParaStyle{"center", 360, 120, 0, true}, bold14);
    add_simple_table(body, layout.compare_header, layout.compare_weights, layout.compare_rows, {},
                     {0});
  }
  if (!layout.findings_title.empty()) {
    add_paragraph(body, layout.findings_title, ParaStyle{"center", 360, 120, 0, true}, bold14);
    if (layout.findings.empty()) {
      add_paragraph(body, layout.findings_none, ParaStyle{"center", 0, 0},
                    RunStyle{false, true, 28});
    } else {
      add_simple_table(body, layout.findings_header, layout.findings_weights, layout.findings,
                       layout.findings_severity, {1, 2, 3, 6});
    }
  }
  for (size_t idx = 0; idx < layout.charts.size(); ++idx) {
    add_chart(body, layout.charts[idx], static_cast<int>(idx + 1));
  }
  add_paragraph(body, "", ParaStyle{}, RunStyle{});

  pugi::xml_node section = body.append_child("w:sectPr");
  for (auto [type, id] : {std::pair{"default", "rIdHeaderDefault"},
                          std::pair{"first", "rIdHeaderFirst"}}) {
    pugi::xml_node ref = section.append_child("w:headerReference");
    ref.append_attribute("w:type") = type;
    ref.append_attribute("r:id") = id;
  }
  pugi::xml_node size = section.append_child("w:pgSz");
  size.append_attribute("w:w") = kPageWidth;
  size.append_attribute("w:h") = kPageHeight;
  size.append_attribute("w:orient") = "landscape";
  pugi::xml_node margins = section.append_child("w:pgMar");
  margins.append_attribute("w:top") = kMarginTop;
  margins.append_attribute("w:right") = kMarginRight;
  margins.append_attribute("w:bottom") = kMarginBottom;
  margins.append_attribute("w:left") = kMarginLeft;
  margins.append_attribute("w:header") = kHeaderDistance;
  margins.append_attribute("w:footer") = kHeaderDistance;
  margins.append_attribute("w:gutter") = 0;
  section.append_child("w:cols").append_attribute("w:space") = 720;
  section.append_child("w:titlePg");
  section.append_child("w:docGrid").append_attribute("w:linePitch") = 360;
  return to_string(doc);
}

// The page number, centred; `with_number` false gives the empty first-page header.
std::string header_xml(bool with_number) {
  pugi::xml_document doc = new_part();
  pugi::xml_node root = doc.append_child("w:hdr");
  root.append_attribute("xmlns:w") = kNsW;
  root.append_attribute("xmlns:r") = kNsR;
  pugi::xml_node paragraph = add_paragraph(root, "", ParaStyle{}, RunStyle{});
  if (!with_number) return to_string(doc);
  const RunStyle style{false, false, 26};
  auto field_char = [&](const char* type) {
    pugi::xml_node run = paragraph.append_child("w:r");
    add_run_props(run, style);
    run.append_child("w:fldChar").append_attribute("w:fldCharType") = type;
  };
  field_char("begin");
  {
    pugi::xml_node run = paragraph.append_child("w:r");
    add_run_props(run, style);
    pugi::xml_node instr = run.append_child("w:instrText");
    instr.append_attribute("xml:space") = "preserve";
    instr.text().set(" PAGE ");
  }
  field_char("separate");
  add_text(paragraph, "2", style);
  field_char("end");
  return to_string(doc);
}

std::string styles_xml() {
  return std::string(
             "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>"
             "<w:styles xmlns:w=\"") + kNsW + "\">"
         "<w:docDefaults><w:rPrDefault><w:rPr>"
         "<w:rFonts w:ascii=\"Times New Roman\" w:eastAsia=\"Times New Roman\" "
         "w:hAnsi=\"Times New Roman\" w:cs=\"Times New Roman\"/>"
         "<w:sz w:val=\"26\"/><w:szCs w:val=\"26\"/>"
         "<w:lang w:val=\"vi-VN\" w:eastAsia=\"en-US\" w:bidi=\"ar-SA\"/>"
         "</w:rPr></w:rPrDefault>"
         "<w:pPrDefault><w:pPr><w:widowControl/><w:spacing w:after=\"0\" w:line=\"240\" "
         "w:lineRule=\"auto\"/>"
         "</w:pPr></w:pPrDefault></w:docDefaults>"
         "<w:style w:type=\"paragraph\" w:default=\"1\" w:styleId=\"Normal\">"
         "<w:name w:val=\"Normal\"/><w:qFormat/>"
         "<w:rPr><w:rFonts w:ascii=\"Times New Roman\" w:hAnsi=\"Times New Roman\" "
         "w:cs=\"Times New Roman\"/></w:rPr></w:style>"
         "<w:style w:type=\"character\" w:default=\"1\" w:styleId=\"DefaultParagraphFont\">"
         "<w:name w:val=\"Default Paragraph Font\"/><w:uiPriority w:val=\"1\"/>"
         "<w:semiHidden/><w:unhideWhenUsed/></w:style>"
         "<w:style w:type=\"table\" w:default=\"1\" w:styleId=\"TableNormal\">"
         "<w:name w:val=\"Normal Table\"/><w:uiPriority w:val=\"99\"/><w:semiHidden/>"
         "<w:unhideWhenUsed/><w:tblPr><w:tblInd w:w=\"0\" w:type=\"dxa\"/>"
         "<w:tblCellMar><w:top w:w=\"0\" w:type=\"dxa\"/><w:left w:w=\"108\" w:type=\"dxa\"/>"
         "<w:bottom w:w=\"0\" w:type=\"dxa\"/><w:right w:w=\"108\" w:type=\"dxa\"/>"
         "</w:tblCellMar></w:tblPr></w:style>"
         "</w:styles>";
}

std::string settings_xml() {
  return std::string(
             "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>"
             "<w:settings xmlns:w=\"") + kNsW + "\">"
         "<w:zoom w:percent=\"100\"/><w:defaultTabStop w:val=\"720\"/>"
         "<w:characterSpacingControl w:val=\"doNotCompress\"/>"
         "<w:compat><w:compatSetting w:name=\"compatibilityMode\" "
         "w:uri=\"http://schemas.microsoft.com/office/word\" w:val=\"15\"/></w:compat>"
         "</w:settings>";
}

std::string content_types_xml() {
  const std::string wml = "application/vnd.openxmlformats-officedocument.wordprocessingml.";
  return "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>"
         "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
         "<Default Extension=\"rels\" "
         "ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
         "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
         "<Default Extension=\"png\" ContentType=\"image/png\"/>"
         "<Override PartName=\"/word/document.xml\" ContentType=\"" + wml +
         "document.main+xml\"/>"
         "<Override PartName=\"/word/styles.xml\" ContentType=\"" + wml + "styles+xml\"/>"
         "<Override PartName=\"/word/settings.xml\" ContentType=\"" + wml + "settings+xml\"/>"
         "<Override PartName=\"/word/header1.xml\" ContentType=\"" + wml + "header+xml\"/>"
         "<Override PartName=\"/word/header2.xml\" ContentType=\"" + wml + "header+xml\"/>"
         "<Override PartName=\"/docProps/core.xml\" "
         "ContentType=\"application/vnd.openxmlformats-package.core-properties+xml\"/>"
         "<Override PartName=\"/docProps/app.xml\" "
         "ContentType=\"application/vnd.openxmlformats-officedocument.extended-properties+xml\"/>"
         "</Types>";
}

std::string package_rels_xml() {
  return "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>"
         "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
         "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/"
         "relationships/officeDocument\" Target=\"word/document.xml\"/>"
         "<Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/package/2006/"
         "relationships/metadata/core-properties\" Target=\"docProps/core.xml\"/>"
         "<Relationship Id=\"rId3\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/"
         "relationships/extended-properties\" Target=\"docProps/app.xml\"/>"
         "</Relationships>";
}

std::string document_rels_xml(size_t charts) {
  const std::string base = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/";
  std::string rels =
         "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>"
         "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
         "<Relationship Id=\"rIdStyles\" Type=\"" + base + "styles\" Target=\"styles.xml\"/>"
         "<Relationship Id=\"rIdSettings\" Type=\"" + base + "settings\" Target=\"settings.xml\"/>"
         "<Relationship Id=\"rIdHeaderDefault\" Type=\"" + base +
         "header\" Target=\"header1.xml\"/>"
         "<Relationship Id=\"rIdHeaderFirst\" Type=\"" + base + "header\" Target=\"header2.xml\"/>";
  for (size_t idx = 1; idx <= charts; ++idx) {
    rels += "<Relationship Id=\"rIdChart" + std::to_string(idx) + "\" Type=\"" + base +
            "image\" Target=\"media/chart" + std::to_string(idx) + ".png\"/>";
  }
  return rels + "</Relationships>";
}

std::string core_xml(const std::string& title) {
  std::time_t now = std::time(nullptr);
  std::tm utc{};
  gmtime_r(&now, &utc);
  char stamp[32];
  std::strftime(stamp, sizeof stamp, "%Y-%m-%dT%H:%M:%SZ", &utc);
  pugi::xml_document doc = new_part();
  pugi::xml_node root = doc.append_child("cp:coreProperties");
  root.append_attribute("xmlns:cp") =
      "http://schemas.openxmlformats.org/package/2006/metadata/core-properties";
  root.append_attribute("xmlns:dc") = "http://purl.org/dc/elements/1.1/";
  root.append_attribute("xmlns:dcterms") = "http://purl.org/dc/terms/";
  root.append_attribute("xmlns:xsi") = "http://www.w3.org/2001/XMLSchema-instance";
  root.append_child("dc:title").text().set(title.c_str());
  root.append_child("dc:creator").text().set("chiso");
  root.append_child("dc:language").text().set("vi-VN");
  for (const char* name : {"dcterms:created", "dcterms:modified"}) {
    pugi::xml_node node = root.append_child(name);
    node.append_attribute("xsi:type") = "dcterms:W3CDTF";
    node.text().set(stamp);
  }
  return to_string(doc);
}

std::string app_xml() {
  return "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>"
         "<Properties xmlns=\"http://schemas.openxmlformats.org/officeDocument/2006/"
         "extended-properties\"><Application>chiso</Application></Properties>";
}

}  // namespace

Result<void> write_docx(const Plan& plan, const CheckedTable& table,
                        const AppendixOptions& options, const std::string& path) {
  Result<AppendixLayout> layout = detail::lay_out_appendix(plan, table, options);
  if (!layout) return layout.error();
  std::vector<std::pair<std::string, std::string>> entries = {
      {"[Content_Types].xml", content_types_xml()},
      {"_rels/.rels", package_rels_xml()},
      {"word/document.xml", document_xml(*layout)},
      {"word/styles.xml", styles_xml()},
      {"word/settings.xml", settings_xml()},
      {"word/header1.xml", header_xml(true)},
      {"word/header2.xml", header_xml(false)},
      {"word/_rels/document.xml.rels", document_rels_xml(layout->charts.size())},
      {"docProps/core.xml", core_xml(detail::document_title(*layout))},
      {"docProps/app.xml", app_xml()},
  };
  for (size_t idx = 0; idx < layout->charts.size(); ++idx) {
    Result<std::string> png = detail::scene_png(layout->charts[idx].scene, kChartDpi);
    if (!png) return png.error();
    entries.push_back({"word/media/chart" + std::to_string(idx + 1) + ".png", std::move(*png)});
  }
  return detail::write_zip(path, entries);
}

}  // namespace chiso::report
