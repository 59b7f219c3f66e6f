// Publishing a checked table. Every writer takes the plan (labels, groups,
// order, notes) and a CheckedTable (rows, findings, summary) and never
// recomputes anything the check/consolidate stages computed. The layout
// (column order, two-level header, row order, city-wide row, where each
// finding sits) is made once by build_table_model() (report/table_model.h);
// the writers only render it. docs/reports.md describes each format.
//
// Writers return an Error (never throw) when the file cannot be written; the
// message names the path and the reason.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/lang.h"
#include "common/model.h"
#include "common/result.h"
#include "plan/plan.h"

namespace chiso::report {

// One period's city-wide figure for the trend chart of a comparison (the CLI
// fills it from Store::trend(); the same shape as chart.h's TrendPointView).
struct PeriodFigure {
  std::string period;
  std::optional<double> value;
};

struct ReportOptions {
  Lang lang = Lang::vi;
  // CSV: ',' writes plain numbers with a dot (74.05); ';' writes them the
  // Vietnamese Excel way with a decimal comma (74,05). Others are refused.
  char csv_delimiter = ',';
  // Show registered units that sent no row as empty rows (XLSX, HTML, CSV).
  bool list_missing_units = false;
  // HTML: include the SVG bar chart of `chart_indicator` (when the plan has it).
  bool html_chart = true;
  // HTML: the written summary (consolidate/analysis.h) at the top.
  bool html_summary = true;
  std::string chart_indicator = "online_full_pct";
  // Text: findings below this severity are counted but not listed (e.g.
  // warning hides the many "not reported" infos of a real table).
  Severity text_min_severity = Severity::info;
  // Text: findings and rows that were counted but not given in the table
  // (a national table checked in bounded memory): added to the totals.
  // Indexed by Severity.
  int findings_not_given[3] = {0, 0, 0};
  int rows_not_given = 0;
  // HTML and XLSX: when set, the comparison with this earlier period
  // (report/compare_table.h): HTML adds a section "So sánh với kỳ P" and a
  // trend chart, XLSX a third sheet "So sánh". Not owned; must outlive the call.
  const CheckedTable* previous = nullptr;
  // HTML: the trend chart of `trend_indicator`'s city-wide figure, in period
  // order (periods up to the current one). Empty = the previous and the
  // current period's figures from their summaries.
  std::vector<PeriodFigure> trend_points;
  std::string trend_indicator = "online_full_pct";
};

Result<void> write_xlsx(const Plan& plan, const CheckedTable& table,
                        const ReportOptions& options, const std::string& path);
Result<void> write_html(const Plan& plan, const CheckedTable& table,
                        const ReportOptions& options, const std::string& path);
Result<void> write_csv(const Plan& plan, const CheckedTable& table,
                       const ReportOptions& options, const std::string& path);
// The same documents as strings (the server sends them without a file).
std::string to_html(const Plan& plan, const CheckedTable& table, const ReportOptions& options);
// REQUIRES: options.csv_delimiter is ',' or ';' (another is treated as ',').
std::string to_csv(const Plan& plan, const CheckedTable& table, const ReportOptions& options);
// The JSON of `chiso check --format json` (see issue/README): units, findings,
// summary; plus "period" when the table has one. Extra keys: "summary_detail",
// and per finding "message_en", "hint", "hint_en", "file", "table", "line",
// "column", "period".
std::string to_json(const Plan& plan, const CheckedTable& table);
// The text for people printed by `chiso check`.
std::string to_text(const Plan& plan, const CheckedTable& table, const ReportOptions& options);

// Writes `bytes` to `path` (replacing it). Error names the path and errno text.
Result<void> write_file(const std::string& path, std::string_view bytes);

}  // namespace chiso::report
