// TableModel: the appendix table as every writer lays it out, built once from
// (Plan, CheckedTable). Writers (XLSX, HTML, CSV, text, DOCX/PDF) only render
// it; none of them decides order, labels, spans or which cell has a finding.
//
// Layout, columns left to right: STT, unit name, then one column per plan
// indicator in Plan::indicators order. Header: two levels when any indicator
// has a group (a group cell spans its consecutive indicators; STT, the name
// and ungrouped indicators span both levels), one level otherwise.
// Rows: the units in Plan::units order, then rows whose unit is not
// registered, in table order; then the city-wide row (Plan::summary_row_vi:
// "Toàn thành phố", "Toàn tỉnh", …), then one row per group of units and per
// parent unit with rows in the table (their figures, as the city-wide ones).
// The STT column shows UnitRow::row_number as received, so that "row" in
// findings points at what the reader sees.
//
// Values come from UnitRow::values and the city-wide row from
// CheckedTable::summary; the part rows from consolidate/unit_parts.h.
//
// Lifetime: a TableModel points into the Plan and CheckedTable it was built
// from (ModelRow::source, ModelFinding::finding); it must not outlive them.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/model.h"
#include "plan/plan.h"
#include "report/report.h"

namespace chiso::report {

// One header cell. `row` is the header level (0 = top); spans cover the
// model's columns (0 = STT, 1 = unit name, 2 + i = indicator i).
struct HeaderCell {
  std::string text;
  int row = 0;
  int col = 0;
  int row_span = 1;
  int col_span = 1;
};

enum class CellKind : uint8_t {
  blank,     // not reported: shown empty
  number,    // `number` is set; `text` is the Vietnamese form ("1.045,5")
  mark_yes,  // "x"
  mark_no,   // "0"
  text,      // raw text that is not a number ("86-96"), shown as received
  ratio,     // city-wide mark count "25/30": text only; `number` = yes count
  // A share of nothing (0 of 0 services, consolidate/value_standing.h):
  // "không áp dụng" / "n/a" for people; `number` keeps what the unit typed,
  // for machine formats (CSV, XLSX cell value). Never drawn or ranked.
  not_applicable,
};

struct DisplayCell {
  CellKind kind = CellKind::blank;
  std::string text;               // what a person sees, number::format in the model's language
  std::optional<double> number;   // for number (and yes count of ratio)
  int decimals = 0;               // decimals shown: the indicator's `decimals`
  // Worst finding on this cell; error also for a derived value whose counts
  // are under an error finding (value_standing.h: shown, marked, not ranked).
  std::optional<Severity> severity;
  // The value is under an error finding (consolidate/value_standing.h):
  // never ranked; a published document marks it (italics) in both variants.
  bool in_error = false;
  std::vector<int> findings;      // indices into TableModel::findings
};

struct ModelColumn {
  int indicator_idx = -1;  // into Plan::indicators
  std::string code;
  std::string label;       // in the report language
  std::string group;       // group label in the report language, "" when none
  IndicatorKind kind = IndicatorKind::count;
  int decimals_max = 2;
  std::string consolidation_note;  // how the city-wide figure is made, in words
  // "; tính trên 28 đơn vị; không tính số liệu sai của …": what the figure
  // covers (starts with "; ").
  std::string coverage_note;
};

struct ModelRow {
  // A row of figures over several units, drawn as the city-wide row is (no
  // STT, bold): the city-wide row, and after it the part rows.
  bool city_wide = false;
  // A group's or a parent's figures (consolidate/unit_parts.h): after the
  // city-wide row, named by part_label ("Khối sở, ban, ngành", "Cộng UBND
  // huyện An Lão"); city_wide is set too.
  bool part = false;
  int row_number = 0;          // STT; 0 for the city-wide row
  std::string name;            // canonical name when matched, else raw
  bool registered = false;     // unit matched a plan unit
  const UnitRow* source = nullptr;  // nullptr for the city-wide row
  DisplayCell name_cell;       // row-level findings (unknown unit, duplicate)
  std::vector<DisplayCell> cells;  // parallel to TableModel::columns
};

// A finding in the order the report numbers them (marker "[3]" = index 2).
struct ModelFinding {
  const Finding* finding = nullptr;
  int model_row = -1;   // index into TableModel::rows, -1 = table-level
  int model_col = -1;   // index into columns, -1 = name cell / none
};

struct TableModel {
  Lang lang = Lang::vi;
  std::vector<std::string> title_lines;  // e.g. "PHỤ LỤC 2", the table name
  int header_levels = 1;                 // 1 or 2
  std::vector<HeaderCell> header;        // row-major, incl. STT and name
  std::string row_number_header;         // "STT" / "No."
  std::string unit_name_header;          // "Tên đơn vị" / "Unit"
  std::vector<ModelColumn> columns;      // indicator columns
  std::vector<ModelRow> rows;            // units, then the city-wide row
  std::vector<std::string> notes;        // lines under the table
  // One line per indicator: how its city-wide figure is made and what it
  // covers, in words from the plan's labels (never the formula's code), e.g.
  // "Tỷ lệ DVHCC …: tính lại từ tổng của «…» và «…» các đơn vị, không cộng
  // tỷ lệ đã nhập; tính trên 28 đơn vị.".
  std::vector<std::string> footnotes;
  // Each group of units with rows ([[unit_groups]]): its figures and its
  // highest and lowest units (consolidate/analysis.h, group_summaries), one
  // line each; empty for a plan without groups or without the city-wide row.
  std::vector<std::string> group_lines;
  std::vector<ModelFinding> findings;    // all findings, numbered in row order
  int table_column_count() const { return 2 + static_cast<int>(columns.size()); }
  // "group / label" (or just label) of indicator column `col`.
  std::string flat_label(int col) const;
};

struct ModelOptions {
  Lang lang = Lang::vi;
  bool city_wide_row = true;
  // List registered units that sent no row as empty rows (a published
  // appendix shows every unit); off for `chiso check` of one file.
  bool list_missing_units = false;
  // The rows in their order with their names and sources, and the findings
  // in theirs, only: no cells, no footnotes (a 10,000-unit period's cells
  // are a large part of its model; the JSON writes values from the rows).
  bool layout_only = false;
};

TableModel build_table_model(const Plan& plan, const CheckedTable& table,
                             const ModelOptions& options);

// Whether the unit rows are in rank order with no tie, so that STT would
// print the rank again: some indicator of kind rank reads 1, 2, …, n down
// the n unit rows (PCI 2019, PAR INDEX 2023). Official ranking tables in
// rank order print no STT (the rank numbers the rows, as in both tables'
// sources); with a tie (1, 2, 2, 4), a blank rank, or another order, STT
// counts the rows and stays. The DOCX/PDF appendix leaves STT out then, the
// XLSX hides it (kept for reading the workbook back).
bool rows_repeat_rank(const TableModel& model);

// Helpers shared by the writers.
std::string_view severity_label(Severity severity, Lang lang);  // "lỗi"/"error"
// The plan's name of the city-wide row ("Toàn thành phố", "Toàn tỉnh"), and
// the same starting lower case for inside a sentence ("toàn tỉnh").
std::string city_wide_label(const Plan& plan, Lang lang);
// Whether any indicator of the plan has a figure for all units (a
// consolidation other than none). A plan with none (the PCI's ranking of its
// 17 best provinces: a score, a rank, a tier) prints no city-wide row, no
// figures section and no note of a figure it has not made.
bool has_city_wide_figures(const Plan& plan);
// A period as people write it ("Quý IV năm 2024" / "Q4 2024"; plan/period.h);
// every report a person reads names periods so, JSON keeps the code.
std::string period_words(std::string_view period, Lang lang);
std::string city_wide_phrase(const Plan& plan, Lang lang);
// What a not-applicable cell shows: "không áp dụng" / "n/a".
std::string not_applicable_text(Lang lang);
// Decimals needed to show `value` exactly, at most `decimals_max`.
int decimals_needed(double value, int decimals_max);
// The unit a finding is about as the table names it: its row's name (a
// registered unit as it was named in the row's period), else Finding::unit.
const std::string& finding_unit(const TableModel& model, const ModelFinding& placed);
// Text of a finding in the report language (falls back to the other one).
const std::string& finding_message(const Finding& finding, Lang lang);
const std::string& finding_hint(const Finding& finding, Lang lang);
// Finding::expected as a number when it reads as one: the check stage writes
// it for machines ("54.29"); a Vietnamese form ("54,29") is also accepted.
std::optional<double> expected_number(const Finding& finding);
// Finding::raw for people in `lang` (number::display_raw): "39,32" / "39.32"
// for a number however it was typed, other text as typed.
std::string raw_display(const Finding& finding, Lang lang);
// Finding::expected for people in `lang`: "54,29" / "54.29" (up to 4
// decimals, trailing zeros dropped), else the text as is.
std::string expected_display(const Finding& finding, Lang lang);

}  // namespace chiso::report
