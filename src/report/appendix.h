// The appendix as an official document (Decree 30/2020/NĐ-CP): DOCX and PDF.
//
// Both writers lay out the same page (docs/appendix.md):
//   1. the heading: "PHỤ LỤC 2" (Plan::appendix_vi; none when "") centred bold 14 pt; the
//      appendix name (Plan::title_vi) upper case bold 14 pt; when the plan
//      (Plan::attached_to_vi) or the options name the document the appendix
//      is attached to, the italic line "(Kèm theo … ngày … tháng … năm …
//      của …)", filled from the options, then the plan, or left with dots to
//      fill by hand; none otherwise;
//   2. with_summary: the summary paragraphs;
//   3. the table: a two-level header (group cells spanning their columns,
//      single columns spanning both rows), repeated on every page; one row per
//      unit in Plan::units order (unregistered units after, in table order);
//      the city-wide row "Toàn thành phố" from CheckedTable::summary;
//   4. the plan's note lines; with options.previous, the city-wide figures
//      of both periods and their change;
//   5. variant review: cells with findings shaded, then the findings table;
//   6. with plan targets: the targets table (units meeting / not meeting /
//      not reported, city-wide met) after the notes;
//   7. options.charts / with_charts: each bar chart on its own page with the
//      heading "Biểu đồ: <label>" (vector in the PDF, a PNG in the DOCX).
// A unit's own row (AppendixOptions::unit_row, `chiso report --unit`): the
// same page for one unit, to sign and file on paper — the heading names the
// unit and the period ("Quý I năm 2025"), the table holds the unit's row
// alone (no city-wide row, targets or charts), a line says which version was
// submitted when, and the signature block closes it: the place and date line
// ("Hải Phòng, ngày … tháng … năm …", Plan::place) over "THỦ TRƯỞNG ĐƠN VỊ
// (Ký tên, đóng dấu)" on the right, "NGƯỜI LẬP BIỂU (Ký, ghi rõ họ tên)" on
// the left.
// A4 landscape, margins top/bottom 20 mm, left 30 mm, right 15 mm, Times New
// Roman (Liberation Serif where it is not installed; embedded in the PDF),
// page numbers centred at the top from page 2.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "common/model.h"
#include "common/result.h"
#include "plan/plan.h"
#include "report/chart.h"
#include "report/report.h"

namespace chiso::report {

enum class Variant { publish, review };

// What a unit's own document says about the version it shows.
struct UnitRowDocument {
  std::string unit;              // the registered name
  int version = 0;
  bool approved = false;
  std::string submitted_at_utc;  // ISO 8601, UTC ("2025-04-05T02:15:00Z"); "" = not known
  std::string submitted_by;      // the user who submitted it ("import" for a file)
  std::string approved_at_utc;   // "" unless approved
};

struct AppendixOptions {
  Lang lang = Lang::vi;
  Variant variant = Variant::publish;
  // The line under the title: each overrides the plan's (Plan::attached_to_vi,
  // issuer_vi); "" = the plan's, else dots to fill by hand. With neither the
  // options nor the plan naming a document there is no line, and a date or
  // an issuer is an error (check_attached_line). At most
  // limits::attached_line_part_bytes_max bytes each.
  std::string attached_to;  // "Báo cáo số 123/BC-UBND"
  std::string date;         // "2025-01-15" (YYYY-MM-DD); also a unit row's signing date
  std::string issuer;       // "UBND thành phố Hải Phòng"
  bool with_summary = false;
  std::string summary_text;          // paragraphs, separated by "\n\n"
  // --compare: a table of the city-wide figures of both periods and their
  // change (points for shares, counts for counts, days for days) after the
  // notes. The caller owns it; it must outlive the write_* call.
  const CheckedTable* previous = nullptr;
  // Bar charts, one page each after everything else, in this order
  // (`--chart CODE`, repeatable). with_charts adds every percent indicator
  // consolidated as ratio or mean (plan order) not already listed
  // (`--with-charts`). A code that is not a chartable indicator of the plan
  // is an error naming it; nothing is written.
  std::vector<std::string> charts;
  bool with_charts = false;
  // A unit's own row: the table must hold that unit's row alone. `date`
  // then fills the place and date line.
  std::optional<UnitRowDocument> unit_row;
};

// Write the appendix to `path` (replaced when it exists).
// Errors: a malformed options.date ("2025-13-40"), a path that cannot be
// written; the message says which. Bad cells never fail: they are shown as
// received (raw text), and shaded in the review variant.
Result<void> write_docx(const Plan& plan, const CheckedTable& table,
                        const AppendixOptions& options, const std::string& path);
Result<void> write_pdf(const Plan& plan, const CheckedTable& table,
                       const AppendixOptions& options, const std::string& path);

// Error unless every code of options.charts (and with_charts) names an
// indicator of the plan that is not a mark; the message names the code. The
// writers call it too; the CLI calls it first to answer a wrong --chart as a
// usage error.
Result<void> check_chart_codes(const Plan& plan, const AppendixOptions& options);
// Error when options.date is given but is not a real YYYY-MM-DD date
// ("2025-02-30"); the CLI calls it first to answer it as a usage error.
Result<void> check_date(const AppendixOptions& options);
// check_date, and an error when options.attached_to or issuer is too long,
// or when a date or an issuer is given for a plan whose appendix is attached
// to nothing and no attached_to either; Error::field names the option
// ("--issuer"). The writers call it too (detail::attached_line).
Result<void> check_attached_line(const Plan& plan, const AppendixOptions& options);

// The page as both writers draw it; internal to src/report/docx_*/pdf_*,
// exposed for their tests.
namespace detail {

// One header cell on a grid of `header_rows` rows and `columns` columns.
struct HeaderCell {
  std::string text;
  int row = 0;  // 0-based header row
  int col = 0;  // 0-based grid column
  int row_span = 1;
  int col_span = 1;
};

struct BodyCell {
  std::string text;
  bool align_left = false;             // unit names; numbers are centred
  std::optional<Severity> finding;     // review variant: worst finding at this cell
  // Both variants: a value under an error finding (DisplayCell::in_error),
  // set in italics and explained by a note under the table.
  bool in_error = false;
};

struct BodyRow {
  std::vector<BodyCell> cells;  // one per grid column
  bool city_wide = false;       // the "Toàn thành phố" row (bold)
};

struct AppendixLayout {
  std::string appendix_line;    // "PHỤ LỤC 2"; "" = none (the plan names none)
  std::string title_line;       // upper case
  std::string attached_line;    // "(Kèm theo … )"; "" = none
  std::vector<std::string> summary_paragraphs;
  int header_rows = 2;          // 1 when no indicator has a group
  int columns = 0;
  std::vector<HeaderCell> header;
  std::vector<double> column_weights;  // relative widths, one per column
  std::vector<BodyRow> rows;           // units, then the city-wide row
  // Whether grid column 0 is STT; false when the rows are in rank order
  // with no tie (the rank numbers them), and the name is column 0.
  bool row_numbers = true;
  int name_column = 1;
  // The name column was narrowed to its longest name (size_to_content): the
  // PDF takes no width from it for the header words.
  bool name_sized_to_content = false;
  // How many of the last rows go onto the next page with the notes when the
  // notes do not fit under the table: the city-wide and part rows and two
  // unit rows, so that the notes never stand alone on a page (PDF: moved
  // with the header repeated; DOCX: w:keepNext on them and the notes).
  int rows_kept_with_notes = 0;
  std::vector<std::string> notes;
  // options.previous only (empty otherwise): indicator, previous, current, change.
  std::string compare_title;
  std::vector<std::string> compare_header;
  std::vector<double> compare_weights;
  std::vector<std::vector<std::string>> compare_rows;
  // Review variant only (empty otherwise).
  std::string findings_title;
  std::vector<std::string> findings_header;       // STT, unit, indicator, message, raw, expected, hint
  std::vector<double> findings_weights;
  std::vector<std::vector<std::string>> findings;  // one row per finding
  std::vector<Severity> findings_severity;
  // When the check found nothing: this line under the title, not an empty
  // table.
  std::string findings_none;
  // Plan targets only (empty otherwise): indicator, target, units meeting,
  // not meeting, not reported, city-wide.
  std::string targets_title;
  std::vector<std::string> targets_header;
  std::vector<double> targets_weights;
  std::vector<std::vector<std::string>> targets_rows;
  // One page per chart, in the order of chart_codes().
  struct ChartPage {
    std::string code;
    std::string heading;  // "Biểu đồ: <label>" / "Chart: <label>"
    ChartScene scene;     // laid out 714 pt wide (the text width), target from the plan
  };
  std::vector<ChartPage> charts;
  // A unit's own row only (empty otherwise): the version line under the
  // table, and the signature block, two columns.
  std::string submitted_line;  // "Số liệu lần 3, nộp lúc 09:15 ngày 05/04/2025 (giờ Việt Nam)…"
  struct Signature {
    std::string place_date;   // "Hải Phòng, ngày … tháng … năm …" (right column)
    std::string left_title;   // "NGƯỜI LẬP BIỂU"
    std::string left_hint;    // "(Ký, ghi rõ họ tên)"
    std::string right_title;  // "THỦ TRƯỞNG ĐƠN VỊ"
    std::string right_hint;   // "(Ký tên, đóng dấu)"
  };
  std::optional<Signature> signature;
};

// "09:15 ngày 05/04/2025" / "09:15 on 2025-04-05": an ISO 8601 UTC time in
// Vietnam's time (UTC+7, no daylight saving); "" when it is not one.
std::string vietnam_time_text(const std::string& iso_utc, Lang lang);

// The indicator codes to chart: options.charts, then with options.with_charts
// every percent indicator consolidated as ratio or mean, without repeats.
std::vector<std::string> chart_codes(const Plan& plan, const AppendixOptions& options);

// The scale (≤ 1) that fits a `width` × `height` pt scene into the box.
double fit_scale(double width, double height, double box_width, double box_height);

// The scene as a PNG file's bytes at `dpi` (white background), for the DOCX.
// Error when cairo cannot make the image.
Result<std::string> scene_png(const ChartScene& scene, double dpi);

// "(Kèm theo Báo cáo số 12/BC-UBND ngày 05 tháng 01 năm 2025 của UBND …)";
// days below 10 and months 1–2 take a leading zero as the Decree asks. Each
// part from the options, else the plan (its English text in English, else
// its Vietnamese), else dots; "" when neither names the document (no line).
// Errors: those of check_attached_line.
Result<std::string> attached_line(const Plan& plan, const AppendixOptions& options);

// The size of the notes under the table, in pt, for both writers: 12, or
// 11 then 10 when at 12 they would not fit on one page with the table's
// header and its last layout.rows_kept_with_notes rows (measured as the PDF
// sets them; Word's Times New Roman has Liberation Serif's metrics), so that
// the notes can always move whole onto a page with those rows.
double notes_size_pt(const AppendixLayout& layout);

Result<AppendixLayout> lay_out_appendix(const Plan& plan, const CheckedTable& table,
                                        const AppendixOptions& options);

// The document's title in its properties: "PHỤ LỤC 2 — <TITLE>", or the
// title alone when there is no appendix line.
std::string document_title(const AppendixLayout& layout);

// Zips `entries` (name, content) into `path`, in order, replacing the file.
Result<void> write_zip(const std::string& path,
                       const std::vector<std::pair<std::string, std::string>>& entries);

}  // namespace detail
}  // namespace chiso::report
