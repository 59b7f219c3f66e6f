// Reading the consolidated figures: rankings of units, targets met, change
// against a previous period, and the written summary a coordinator would put
// at the top of a report. Nothing here recomputes a city-wide figure: those
// come from CheckedTable::summary (summary.h).
//
// Which rows count: when table.period is set, rows whose period is empty or
// equal to it; a unit that appears twice is taken at its first row (the
// checks report the duplicate). Values are compared as the table shows them,
// i.e. rounded to the indicator's `decimals`, so two units shown with the same
// figure tie and a unit shown as "80" meets ">= 80".
//
// Files: ranking.cpp, targets.cpp, analysis_compare.cpp, written_summary.cpp,
// analysis_common.cpp (row selection, rounding, number formatting).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/lang.h"
#include "common/model.h"
#include "consolidate/unit_parts.h"
#include "plan/plan.h"

namespace chiso {

struct RankEntry {
  std::string unit;    // canonical name, else the raw name
  std::optional<double> value;
  int rank = 0;        // 1 = best; ties share a rank ("1, 2, 2, 4"); 0 = not ranked
};

struct Ranking {
  std::string indicator;
  bool lower_is_better = false;
  std::vector<RankEntry> ranked;       // best first; ties in the table's order
  // Listed apart, not ranked last: rows with a blank or non-number cell, then
  // registered units with no row at all (plan order).
  std::vector<std::string> not_reported;
  // Listed apart too (value_standing.h), in table order, rank 0: shares with
  // nothing to share ("không áp dụng": 0 of 0 services) and values under an
  // error finding (on the cell or on a count its formula uses), which are
  // never named best or worst.
  std::vector<std::string> not_applicable;
  std::vector<RankEntry> in_error;
};

// Higher is better unless a target of the plan for the indicator uses "<" or
// "<=". An unknown code gives an empty ranking (every row not reported is not
// listed: there is nothing to rank). With `within`, only the registered
// units of that part (a group, a parent's children: unit_parts.h) are ranked
// and listed as not reported.
Ranking rank_units(const Plan& plan, const CheckedTable& table, std::string_view indicator_code,
                   const UnitPart* within = nullptr);

struct TargetResult {
  const Target* target = nullptr;  // points into plan.targets; the plan must outlive this
  int indicator_idx = -1;
  std::vector<std::string> met;           // table order
  std::vector<std::string> not_met;
  std::vector<std::string> not_reported;  // incl. registered units of the kind with no row
  std::vector<std::string> not_applicable;  // 0 of 0: the target does not apply
  std::vector<std::string> in_error;        // under an error finding: not judged
  // The city-wide figure against the bound; empty when the figure is
  // undefined or the target is for one kind of unit only (the city-wide
  // figure covers all units).
  std::optional<bool> city_wide_met;
  std::optional<double> city_wide;
};
// One result per plan target whose indicator is in the plan, in plan order.
// A row whose unit is not registered counts only for targets on all units.
std::vector<TargetResult> evaluate_targets(const Plan& plan, const CheckedTable& table);

// True when `value op bound` holds ("" or an unknown op: false).
bool target_holds(std::string_view op, double value, double bound);

struct PeriodChange {
  std::string unit;  // "" = city-wide
  int indicator_idx = -1;
  std::optional<double> previous;
  std::optional<double> current;
  // current − previous of the values as shown (points for shares, counts for
  // counts, days for days); empty when either side is missing and for marks.
  std::optional<double> delta;
};
// Every unit of either table (plan order, then unregistered rows) × every
// indicator, then the city-wide figures (unit ""), indicator by indicator.
std::vector<PeriodChange> compare_periods(const Plan& plan, const CheckedTable& current,
                                          const CheckedTable& previous);

// The units a target result sets apart, for a table cell: "" when none, else
// e.g. "; không áp dụng: Chi nhánh NHNN TP; chưa đánh giá (số liệu có lỗi):
// Sở Ngoại vụ" (English: "; not applicable: …; not judged (errors): …").
std::string set_apart_note(const TargetResult& result, Lang lang);

// Paragraphs separated by "\n\n": units that reported (of the registered),
// city-wide figures, strongest and weakest units on the percent indicators
// consolidated as ratio or mean and on the indices, each group of units
// ([[unit_groups]]) with its figures and its strongest and weakest units, how
// many units meet each target, findings left and where. Every number is formatted as the table shows it:
// number::format(value, indicator.decimals, lang).
std::string written_summary(const Plan& plan, const CheckedTable& table, Lang lang);
// The written summary's sentences on each group of units, one string per
// group with rows: "Khối sở, ban, ngành (2 đơn vị): Chỉ số CCHC: 88,00. Chỉ
// số CCHC: cao nhất là …; thấp nhất là …." Empty for a plan without groups.
std::vector<std::string> group_summaries(const Plan& plan, const CheckedTable& table, Lang lang);

// The rows the analyses use (see the file comment), in table order.
std::vector<const UnitRow*> period_rows(const CheckedTable& table);
// The name a unit goes by in results: canonical when matched, else raw.
const std::string& row_unit_name(const UnitRow& row);
// The name a report gives a row's unit: a registered unit as it was named in
// the row's period (unit_name_in: "UBND thành phố Thủy Nguyên" in 2025-Q1),
// else row_unit_name.
const std::string& shown_unit_name(const Plan& plan, const UnitRow& row);


namespace analysis_detail {
// `value` rounded to `decimals` (as the table shows it).
double shown(double value, int decimals);
// The row's value for the indicator as shown, empty when blank/text/absent
// (whatever its standing: callers that rank or judge ask ValueStandings).
std::optional<double> shown_value(const Plan& plan, const UnitRow& row, int indicator_idx);
}  // namespace analysis_detail

}  // namespace chiso
