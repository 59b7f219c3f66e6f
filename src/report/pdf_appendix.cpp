// write_pdf: the appendix drawn with pango on a cairo PDF surface. The page
// flows top to bottom: heading, summary, the table (its header drawn again at
// the top of every page it continues on), notes, findings. Row heights come
// from the wrapped text of each cell. Cairo embeds the subset of the font
// fontconfig picks for "Times New Roman" (Liberation Serif on Debian).

#include <algorithm>
#include <cmath>
#include <iterator>
#include <map>
#include <memory>

#include <cairo-pdf.h>
#include <cairo.h>
#include <pango/pangocairo.h>

#include "report/appendix.h"
#include "report/chart.h"

namespace chiso::report {
namespace {

using detail::AppendixLayout;

constexpr double kMm = 72.0 / 25.4;
constexpr double kPageWidth = 297 * kMm;   // A4 landscape: 841.89 × 595.28 pt
constexpr double kPageHeight = 210 * kMm;
constexpr double kMarginTop = 20 * kMm;
constexpr double kMarginBottom = 20 * kMm;
constexpr double kMarginLeft = 30 * kMm;
constexpr double kMarginRight = 15 * kMm;
constexpr double kTextWidth = kPageWidth - kMarginLeft - kMarginRight;
constexpr double kCellPadX = 2.5;
constexpr double kCellPadY = 2.0;
constexpr double kRule = 0.5;
constexpr const char* kFamily = "Times New Roman,Liberation Serif,serif";

struct Rgb {
  double r, g, b;
};

Rgb shade_fill(Severity severity) {
  switch (severity) {
    case Severity::error: return {1.0, 0xC7 / 255.0, 0xCE / 255.0};
    case Severity::warning: return {1.0, 0xEB / 255.0, 0x9C / 255.0};
    case Severity::info: return {0xDD / 255.0, 0xEB / 255.0, 0xF7 / 255.0};
  }
  return {1, 1, 1};
}

struct TextStyle {
  double size_pt = 13;
  bool bold = false;
  bool italic = false;
  PangoAlignment align = PANGO_ALIGN_CENTER;
  bool justify = false;
  double indent_pt = 0;
};

struct Cell {
  std::string text;
  int row = 0, col = 0, row_span = 1, col_span = 1;  // header cells
  TextStyle style;
  std::optional<Rgb> fill;
};

struct TableSpec {
  std::vector<double> widths;           // pt
  int header_rows = 1;
  std::vector<Cell> header;
  std::vector<std::vector<Cell>> rows;  // one Cell per column
  // The last rows, kept on one page, that go onto a new page with what
  // follows the table when that does not fit under them
  // (AppendixLayout::rows_kept_with_notes).
  int rows_kept_with_next = 0;
  // A column sized to its content already (the names, AppendixLayout::
  // name_sized_to_content): fit_header_words takes no width from it.
  int sized_col = -1;
};

// One PDF being drawn: the surface, the cursor and the page count.
class PdfCanvas {
 public:
  // An empty `path`: a canvas that only measures (cairo writes no output).
  explicit PdfCanvas(const std::string& path)
      : surface_(cairo_pdf_surface_create(path.empty() ? nullptr : path.c_str(), kPageWidth,
                                          kPageHeight)),
        cr_(cairo_create(surface_)) {
    context_ = pango_cairo_create_context(cr_);
    pango_cairo_context_set_resolution(context_, 72.0);  // 1 pt of font = 1 unit
    layout_ = pango_layout_new(context_);
    pango_layout_set_wrap(layout_, PANGO_WRAP_WORD_CHAR);
    y_ = kMarginTop;
  }
  ~PdfCanvas() {
    g_object_unref(layout_);
    g_object_unref(context_);
    cairo_destroy(cr_);
    cairo_surface_destroy(surface_);
  }
  PdfCanvas(const PdfCanvas&) = delete;
  PdfCanvas& operator=(const PdfCanvas&) = delete;

  cairo_status_t status() const { return cairo_surface_status(surface_); }
  void set_title(const std::string& title) {
    cairo_pdf_surface_set_metadata(surface_, CAIRO_PDF_METADATA_TITLE, title.c_str());
    cairo_pdf_surface_set_metadata(surface_, CAIRO_PDF_METADATA_CREATOR, "chiso");
  }
  cairo_status_t finish() {
    cairo_surface_finish(surface_);
    return cairo_surface_status(surface_);
  }

  // Height of `text` wrapped in `width` pt.
  double measure(const std::string& text, const TextStyle& style, double width) {
    set_text(text, style, width);
    int height = 0;
    pango_layout_get_size(layout_, nullptr, &height);
    return static_cast<double>(height) / PANGO_SCALE;
  }
  void draw_text(const std::string& text, const TextStyle& style, double x, double y,
                 double width) {
    set_text(text, style, width);
    cairo_set_source_rgb(cr_, 0, 0, 0);
    cairo_move_to(cr_, x, y);
    pango_cairo_show_layout(cr_, layout_);
  }

  // A paragraph across the text width; starts a new page when it does not fit.
  void paragraph(const std::string& text, const TextStyle& style, double before_pt,
                 double after_pt) {
    double height = measure(text, style, kTextWidth);
    y_ += before_pt;
    if (y_ + height > bottom() && y_ > kMarginTop + before_pt) new_page();
    draw_text(text, style, kMarginLeft, y_, kTextWidth);
    y_ += height + after_pt;
  }

  // A heading that stays on the page of the table after it: when the heading,
  // the table's header and its first row do not fit, the page ends first.
  void heading_for(const std::string& text, const TextStyle& style, double before_pt,
                   double after_pt, const TableSpec& next) {
    const TableSpec fitted = fit_header_words(next);
    double needed = before_pt + measure(text, style, kTextWidth) + after_pt + start_height(fitted);
    if (y_ + needed > bottom() && y_ > kMarginTop) {
      new_page();
      before_pt = 0;
    }
    paragraph(text, style, before_pt, after_pt);
  }

  // Height of paragraphs drawn one after another across the text width.
  double paragraphs_height(const std::vector<std::string>& texts, const TextStyle& style,
                           double before_first_pt) {
    double height = texts.empty() ? 0 : before_first_pt;
    for (const std::string& text : texts) height += measure(text, style, kTextWidth);
    return height;
  }

  // The header and the last spec.rows_kept_with_next rows: what opens the
  // notes' page when the notes do not fit under the table.
  double kept_rows_height(const TableSpec& given) {
    const TableSpec spec = fit_header_words(given);
    const size_t kept = std::min(spec.rows.size(),
                                 static_cast<size_t>(std::max(0, spec.rows_kept_with_next)));
    return header_and_rows_height(spec, spec.rows.size() - kept, spec.rows.size());
  }

  // The table, its header drawn again at the top of every page it continues
  // on. `next_height` is what follows it (the notes): the last
  // spec.rows_kept_with_next rows stay on one page, and when what follows
  // does not fit under them the page ends before them (break_for_next), so
  // that the new page opens with the header, those rows, then what follows,
  // which never stands alone on a page cut from the table it explains.
  void table(const TableSpec& given, double next_height = 0) {
    const TableSpec spec = fit_header_words(given);
    std::vector<double> x_at(spec.widths.size() + 1, kMarginLeft);
    for (size_t col = 0; col < spec.widths.size(); ++col) x_at[col + 1] = x_at[col] + spec.widths[col];
    auto span_width = [&](const Cell& cell) {
      return x_at[cell.col + cell.col_span] - x_at[cell.col];
    };
    const std::vector<double> header_heights = header_row_heights(spec);
    double header_height = 0;
    for (double height : header_heights) header_height += height;

    auto draw_header = [&]() {
      for (const Cell& cell : spec.header) {
        double top = y_;
        for (int row = 0; row < cell.row; ++row) top += header_heights[row];
        double height = 0;
        for (int row = cell.row; row < cell.row + cell.row_span; ++row) height += header_heights[row];
        draw_cell(cell, x_at[cell.col], top, span_width(cell), height);
      }
      y_ += header_height;
    };

    std::vector<double> heights;
    heights.reserve(spec.rows.size());
    for (const std::vector<Cell>& row : spec.rows) heights.push_back(body_row_height(spec, row));
    double first_height = heights.empty() ? 0 : heights.front();
    if (y_ + header_height + first_height > bottom() && y_ > kMarginTop) new_page();
    const size_t break_before = break_for_next(heights, header_height, spec.rows_kept_with_next,
                                               next_height);
    draw_header();
    for (size_t idx = 0; idx < spec.rows.size(); ++idx) {
      const std::vector<Cell>& row = spec.rows[idx];
      double height = heights[idx];
      if (y_ + height > bottom() || idx == break_before) {
        new_page();
        draw_header();
      }
      for (size_t col = 0; col < row.size() && col < spec.widths.size(); ++col) {
        Cell cell = row[col];
        cell.col = static_cast<int>(col);
        draw_cell(cell, x_at[col], y_, spec.widths[col], height);
      }
      y_ += height;
    }
  }

  // The signature block in two halves of the text width: left the preparer
  // (under a blank line level with the place and date), right the place and
  // date line over the head of the unit; room to sign under each. Starts a
  // new page when the block does not fit.
  void signature(const AppendixLayout::Signature& block) {
    const double half = kTextWidth / 2;
    const TextStyle date_style{13, false, true};
    const TextStyle title_style{13, true};
    const TextStyle hint_style{13, false, true};
    const double line = measure(block.place_date, date_style, half);
    const double title = std::max(measure(block.left_title, title_style, half),
                                  measure(block.right_title, title_style, half));
    const double hint = std::max(measure(block.left_hint, hint_style, half),
                                 measure(block.right_hint, hint_style, half));
    constexpr double kBefore = 14, kRoomToSign = 72;
    if (y_ + kBefore + line + title + hint + kRoomToSign > bottom() && y_ > kMarginTop) {
      new_page();
    } else {
      y_ += kBefore;
    }
    draw_text(block.place_date, date_style, kMarginLeft + half, y_, half);
    y_ += line;
    draw_text(block.left_title, title_style, kMarginLeft, y_, half);
    draw_text(block.right_title, title_style, kMarginLeft + half, y_, half);
    y_ += title;
    draw_text(block.left_hint, hint_style, kMarginLeft, y_, half);
    draw_text(block.right_hint, hint_style, kMarginLeft + half, y_, half);
    y_ += hint + kRoomToSign;
  }

  // A page of its own: the heading, then the scene drawn as vector shapes,
  // centred and scaled down (never up) to fit the rest of the page.
  void chart_page(const std::string& heading, const ChartScene& scene) {
    new_page();
    paragraph(heading, TextStyle{14, true}, 0, 8);
    double scale = detail::fit_scale(scene.width_pt, scene.height_pt, kTextWidth, bottom() - y_);
    double x = kMarginLeft + (kTextWidth - scene.width_pt * scale) / 2;
    cairo_save(cr_);
    cairo_translate(cr_, x, y_);
    cairo_scale(cr_, scale, scale);
    draw_scene(scene, cr_);
    cairo_restore(cr_);
    y_ += scene.height_pt * scale;
  }

 private:
  double bottom() const { return kPageHeight - kMarginBottom; }

  // The row before which table() ends the page so that its last `kept` rows
  // stay on one page and go with what follows (`next_height`): the first of
  // them when a page would begin inside them (the city-wide row alone under
  // the header), or when what follows does not fit under the last row;
  // rows.size() (no break) otherwise, or when they begin a page already or
  // are the whole table. Walks the rows as table() lays them out from y_.
  size_t break_for_next(const std::vector<double>& heights, double header_height, int kept,
                        double next_height) const {
    const size_t none = heights.size();
    if (kept <= 0 || heights.empty()) return none;
    const size_t kept_first = heights.size() - std::min(heights.size(), static_cast<size_t>(kept));
    if (kept_first == 0) return none;
    double y = y_ + header_height;
    bool kept_begin_page = false, kept_split = false;
    for (size_t idx = 0; idx < heights.size(); ++idx) {
      if (y + heights[idx] > bottom()) {
        y = kMarginTop + header_height;
        if (idx == kept_first) kept_begin_page = true;
        if (idx > kept_first) kept_split = true;
      }
      y += heights[idx];
    }
    if (kept_split) return kept_first;
    if (next_height > 0 && y + next_height > bottom() && !kept_begin_page) return kept_first;
    return none;
  }

  // Width of the widest word of `text` (split at spaces), unwrapped.
  double widest_word(const std::string& text, const TextStyle& style) {
    double widest = 0;
    size_t start = 0;
    while (start <= text.size()) {
      size_t end = text.find_first_of(" \n", start);
      if (end == std::string::npos) end = text.size();
      if (end > start) {
        set_text(text.substr(start, end - start), style, -1);
        int width = 0;
        pango_layout_get_size(layout_, &width, nullptr);
        widest = std::max(widest, static_cast<double>(width) / PANGO_SCALE);
      }
      start = end + 1;
    }
    return widest;
  }

  // The spec with every column at least as wide as the longest word of its
  // one-column header cells and of its centred body cells (numbers, marks,
  // "không áp dụng"), so that no header word breaks inside itself ("DVHC-" /
  // "C") and no figure is split ("100,0" / "0"); the width is taken from the
  // columns with room to spare, in proportion to that room. When the page
  // has not room for every header word too (long English words: "collecte-"
  // / "d"), the header is tried 1 and 2 pt smaller, each column keeping at
  // least kKeptShare of its width (the unit names stay on their lines); when
  // not even then, the figures alone are fitted at the header's own size;
  // when not even those, the widths stay. Body texts are measured once each
  // (a national table repeats its figures).
  TableSpec fit_header_words(const TableSpec& given) {
    static constexpr double kKeptShare = 0.85;
    std::vector<double> body_needs = centred_body_needs(given);
    if (given.sized_col >= 0 && static_cast<size_t>(given.sized_col) < body_needs.size()) {
      body_needs[given.sized_col] =
          std::max(body_needs[given.sized_col], given.widths[given.sized_col]);
    }
    for (double smaller_pt : {0.0, 1.0, 2.0}) {
      TableSpec spec = given;
      std::vector<double> needs = body_needs;
      for (Cell& cell : spec.header) {
        cell.style.size_pt -= smaller_pt;
        if (cell.col_span != 1 || static_cast<size_t>(cell.col) >= needs.size()) continue;
        needs[cell.col] =
            std::max(needs[cell.col], widest_word(cell.text, cell.style) + 2 * kCellPadX + 0.5);
      }
      if (smaller_pt > 0) {
        for (size_t col = 0; col < needs.size(); ++col) {
          needs[col] = std::max(needs[col], kKeptShare * given.widths[col]);
        }
      }
      if (widen_to(spec.widths, needs)) return spec;
    }
    // Figures first: no figure is split at least.
    TableSpec spec = given;
    widen_to(spec.widths, body_needs);
    return spec;
  }

  // Each column's need for its centred body cells' longest word.
  std::vector<double> centred_body_needs(const TableSpec& spec) {
    std::vector<double> body_needs(spec.widths.size(), 0);
    std::map<std::pair<std::string, bool>, double> measured;  // (text, bold) → widest word
    for (const std::vector<Cell>& row : spec.rows) {
      for (size_t col = 0; col < row.size() && col < body_needs.size(); ++col) {
        const Cell& cell = row[col];
        if (cell.text.empty() || cell.style.align != PANGO_ALIGN_CENTER) continue;
        auto [it, fresh] = measured.try_emplace({cell.text, cell.style.bold}, 0.0);
        if (fresh) it->second = widest_word(cell.text, cell.style);
        body_needs[col] = std::max(body_needs[col], it->second + 2 * kCellPadX + 0.5);
      }
    }
    return body_needs;
  }

  // Widens the columns below `needed` to it, taking the width from the
  // columns above it in proportion to their room; false (and `widths` left
  // alone) when there is not room enough.
  static bool widen_to(std::vector<double>& widths, const std::vector<double>& needed) {
    double short_by = 0, room = 0;
    for (size_t col = 0; col < widths.size(); ++col) {
      if (widths[col] < needed[col]) {
        short_by += needed[col] - widths[col];
      } else {
        room += widths[col] - needed[col];
      }
    }
    if (short_by <= 0) return true;
    if (room < short_by) return false;
    for (size_t col = 0; col < widths.size(); ++col) {
      if (widths[col] < needed[col]) {
        widths[col] = needed[col];
      } else {
        widths[col] -= (widths[col] - needed[col]) * short_by / room;
      }
    }
    return true;
  }

  // Header row heights: single-row cells first, then grow the last row a
  // tall vertically merged cell covers.
  std::vector<double> header_row_heights(const TableSpec& spec) {
    auto span_width = [&](const Cell& cell) {
      double width = 0;
      for (int col = cell.col; col < cell.col + cell.col_span && static_cast<size_t>(col) < spec.widths.size(); ++col) {
        width += spec.widths[col];
      }
      return width;
    };
    std::vector<double> header_heights(spec.header_rows, 0);
    for (const Cell& cell : spec.header) {
      if (cell.row_span != 1) continue;
      double height = measure(cell.text, cell.style, span_width(cell) - 2 * kCellPadX) + 2 * kCellPadY;
      header_heights[cell.row] = std::max(header_heights[cell.row], height);
    }
    for (const Cell& cell : spec.header) {
      if (cell.row_span == 1) continue;
      double height = measure(cell.text, cell.style, span_width(cell) - 2 * kCellPadX) + 2 * kCellPadY;
      double covered = 0;
      for (int row = cell.row; row < cell.row + cell.row_span; ++row) covered += header_heights[row];
      if (height > covered) header_heights[cell.row + cell.row_span - 1] += height - covered;
    }
    return header_heights;
  }

  double body_row_height(const TableSpec& spec, const std::vector<Cell>& row) {
    double height = 0;
    for (size_t col = 0; col < row.size() && col < spec.widths.size(); ++col) {
      height = std::max(height, measure(row[col].text, row[col].style, spec.widths[col] - 2 * kCellPadX));
    }
    return height + 2 * kCellPadY;
  }

  // The header and the rows [first, last) under it.
  double header_and_rows_height(const TableSpec& spec, size_t first, size_t last) {
    double height = 0;
    for (double row : header_row_heights(spec)) height += row;
    for (size_t idx = first; idx < last && idx < spec.rows.size(); ++idx) {
      height += body_row_height(spec, spec.rows[idx]);
    }
    return height;
  }

  // The header and the first row: what must share a page with a heading.
  double start_height(const TableSpec& spec) { return header_and_rows_height(spec, 0, 1); }

  void set_text(const std::string& text, const TextStyle& style, double width) {
    PangoFontDescription* font = pango_font_description_from_string(kFamily);
    pango_font_description_set_size(font, static_cast<int>(style.size_pt * PANGO_SCALE));
    pango_font_description_set_weight(font, style.bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
    pango_font_description_set_style(font, style.italic ? PANGO_STYLE_ITALIC : PANGO_STYLE_NORMAL);
    pango_layout_set_font_description(layout_, font);
    pango_font_description_free(font);
    pango_layout_set_width(layout_, width < 0 ? -1 : static_cast<int>(std::max(width, 1.0) * PANGO_SCALE));
    pango_layout_set_alignment(layout_, style.align);
    pango_layout_set_justify(layout_, style.justify);
    pango_layout_set_indent(layout_, static_cast<int>(style.indent_pt * PANGO_SCALE));
    pango_layout_set_text(layout_, text.c_str(), static_cast<int>(text.size()));
  }

  void draw_cell(const Cell& cell, double x, double y, double width, double height) {
    if (cell.fill) {
      cairo_set_source_rgb(cr_, cell.fill->r, cell.fill->g, cell.fill->b);
      cairo_rectangle(cr_, x, y, width, height);
      cairo_fill(cr_);
    }
    cairo_set_source_rgb(cr_, 0, 0, 0);
    cairo_set_line_width(cr_, kRule);
    cairo_rectangle(cr_, x, y, width, height);
    cairo_stroke(cr_);
    if (cell.text.empty()) return;
    double text_height = measure(cell.text, cell.style, width - 2 * kCellPadX);
    draw_text(cell.text, cell.style, x + kCellPadX, y + (height - text_height) / 2,
              width - 2 * kCellPadX);
  }

  // Ends the page and starts the next with its number centred in the top margin.
  void new_page() {
    cairo_show_page(cr_);
    ++page_;
    TextStyle number_style{13};
    std::string number = std::to_string(page_);
    double height = measure(number, number_style, kTextWidth);
    draw_text(number, number_style, kMarginLeft, (kMarginTop - height) / 2, kTextWidth);
    y_ = kMarginTop;
  }

  cairo_surface_t* surface_;
  cairo_t* cr_;
  PangoContext* context_ = nullptr;
  PangoLayout* layout_ = nullptr;
  double y_ = 0;
  int page_ = 1;
};

std::vector<double> widths_pt(const std::vector<double>& weights) {
  double total = 0;
  for (double weight : weights) total += weight;
  std::vector<double> widths;
  for (double weight : weights) widths.push_back(kTextWidth * weight / total);
  return widths;
}

Cell header_cell(const std::string& text, int row, int col, int row_span, int col_span) {
  Cell cell;
  cell.text = text;
  cell.row = row;
  cell.col = col;
  cell.row_span = row_span;
  cell.col_span = col_span;
  cell.style = TextStyle{9, true};
  return cell;
}

TableSpec appendix_table(const AppendixLayout& layout) {
  TableSpec spec;
  spec.widths = widths_pt(layout.column_weights);
  spec.header_rows = layout.header_rows;
  spec.rows_kept_with_next = layout.rows_kept_with_notes;
  if (layout.name_sized_to_content) spec.sized_col = layout.name_column;
  for (const detail::HeaderCell& header : layout.header) {
    spec.header.push_back(header_cell(header.text, header.row, header.col, header.row_span,
                                      header.col_span));
  }
  for (const detail::BodyRow& body_row : layout.rows) {
    std::vector<Cell> row;
    for (const detail::BodyCell& body_cell : body_row.cells) {
      Cell cell;
      cell.text = body_cell.text;
      cell.style = TextStyle{11, body_row.city_wide, body_cell.in_error};
      if (body_cell.align_left) cell.style.align = PANGO_ALIGN_LEFT;
      if (body_cell.finding) cell.fill = shade_fill(*body_cell.finding);
      row.push_back(std::move(cell));
    }
    spec.rows.push_back(std::move(row));
  }
  return spec;
}

// A one-level table; `severities` (one per row, or empty) shades each row's
// first cell; `left_cols` are left aligned, the others centred.
TableSpec simple_table(const std::vector<std::string>& header_texts,
                       const std::vector<double>& weights,
                       const std::vector<std::vector<std::string>>& rows,
                       const std::vector<Severity>& severities,
                       const std::vector<size_t>& left_cols) {
  TableSpec spec;
  spec.widths = widths_pt(weights);
  for (size_t col = 0; col < header_texts.size(); ++col) {
    spec.header.push_back(header_cell(header_texts[col], 0, static_cast<int>(col), 1, 1));
  }
  for (size_t idx = 0; idx < rows.size(); ++idx) {
    std::vector<Cell> row;
    for (size_t col = 0; col < rows[idx].size(); ++col) {
      Cell cell;
      cell.text = rows[idx][col];
      cell.style = TextStyle{10};
      if (std::find(left_cols.begin(), left_cols.end(), col) != left_cols.end()) {
        cell.style.align = PANGO_ALIGN_LEFT;
      }
      if (col == 0 && idx < severities.size()) cell.fill = shade_fill(severities[idx]);
      row.push_back(std::move(cell));
    }
    spec.rows.push_back(std::move(row));
  }
  return spec;
}

TextStyle note_style(double size_pt) { return TextStyle{size_pt, false, true, PANGO_ALIGN_LEFT, true}; }

}  // namespace

double detail::notes_size_pt(const AppendixLayout& layout) {
  constexpr double kSizes[] = {12, 11, 10};
  if (layout.notes.empty() || layout.rows_kept_with_notes <= 0) return kSizes[0];
  PdfCanvas canvas("");
  const double kept = canvas.kept_rows_height(appendix_table(layout));
  for (double size_pt : kSizes) {
    if (kept + canvas.paragraphs_height(layout.notes, note_style(size_pt), 6) <=
        kPageHeight - kMarginTop - kMarginBottom) {
      return size_pt;
    }
  }
  return kSizes[std::size(kSizes) - 1];
}

Result<void> write_pdf(const Plan& plan, const CheckedTable& table,
                       const AppendixOptions& options, const std::string& path) {
  Result<AppendixLayout> layout = detail::lay_out_appendix(plan, table, options);
  if (!layout) return layout.error();
  PdfCanvas canvas(path);
  if (canvas.status() != CAIRO_STATUS_SUCCESS) {
    return make_error("Không ghi được tệp " + path + ": " +
                      cairo_status_to_string(canvas.status()) + " (cannot write " + path + ")");
  }
  canvas.set_title(detail::document_title(*layout));
  const TextStyle bold14{14, true};
  if (!layout->appendix_line.empty()) canvas.paragraph(layout->appendix_line, bold14, 0, 0);
  // Without the italic line, the title keeps the space above the table.
  const bool attached = !layout->attached_line.empty();
  canvas.paragraph(layout->title_line, bold14, 0, attached ? 0 : 12);
  if (attached) canvas.paragraph(layout->attached_line, TextStyle{14, false, true}, 0, 12);
  for (const std::string& paragraph : layout->summary_paragraphs) {
    canvas.paragraph(paragraph, TextStyle{14, false, false, PANGO_ALIGN_LEFT, true, 28}, 0, 6);
  }
  const TextStyle notes = note_style(detail::notes_size_pt(*layout));
  canvas.table(appendix_table(*layout), canvas.paragraphs_height(layout->notes, notes, 6));
  for (size_t idx = 0; idx < layout->notes.size(); ++idx) {
    canvas.paragraph(layout->notes[idx], notes, idx == 0 ? 6 : 0, 0);
  }
  if (!layout->submitted_line.empty()) {
    canvas.paragraph(layout->submitted_line, TextStyle{12, false, true, PANGO_ALIGN_LEFT, true}, 6,
                     0);
  }
  if (layout->signature) canvas.signature(*layout->signature);
  if (!layout->targets_title.empty()) {
    const TableSpec targets_table = simple_table(layout->targets_header, layout->targets_weights,
                              layout->targets_rows, {}, {0, 2, 3});
    canvas.heading_for(layout->targets_title, bold14, 18, 6, targets_table);
    canvas.table(targets_table);
  }
  if (!layout->compare_title.empty()) {
    const TableSpec compare_table = simple_table(layout->compare_header, layout->compare_weights,
                              layout->compare_rows, {}, {0});
    canvas.heading_for(layout->compare_title, bold14, 18, 6, compare_table);
    canvas.table(compare_table);
  }
  if (!layout->findings_title.empty() && layout->findings.empty()) {
    canvas.paragraph(layout->findings_title, bold14, 18, 6);
    canvas.paragraph(layout->findings_none, TextStyle{14, false, true}, 0, 0);
  } else if (!layout->findings_title.empty()) {
    const TableSpec findings_table = simple_table(layout->findings_header, layout->findings_weights,
                              layout->findings, layout->findings_severity, {1, 2, 3, 6});
    canvas.heading_for(layout->findings_title, bold14, 18, 6, findings_table);
    canvas.table(findings_table);
  }
  for (const detail::AppendixLayout::ChartPage& chart : layout->charts) {
    canvas.chart_page(chart.heading, chart.scene);
  }
  cairo_status_t status = canvas.finish();
  if (status != CAIRO_STATUS_SUCCESS) {
    return make_error("Không ghi được tệp " + path + ": " + cairo_status_to_string(status) +
                      " (cannot write " + path + ")");
  }
  return {};
}

}  // namespace chiso::report
