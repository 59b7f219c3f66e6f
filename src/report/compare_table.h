// The comparison of a period with an earlier one, as the HTML and XLSX
// reports show it (issue 3 §3, `--compare PREVIOUS_PERIOD`): one row per unit
// (plan order, then unregistered rows, as compare_periods() gives them) and
// the city-wide row last; for each indicator shown, the previous value, the
// current value and the change. Nothing is recomputed here: values and
// changes come from compare_periods() (consolidate/analysis.h), i.e. the
// values as the tables show them and the city-wide figures of the summaries.
//
// Changes are in points for percent indicators, in counts for counts; a
// change is empty when either side is missing. Marks are left out.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "common/model.h"
#include "plan/plan.h"
#include "report/report.h"

namespace chiso::report {

struct CompareCell {
  std::optional<double> previous;
  std::optional<double> current;
  std::optional<double> delta;
};

struct CompareRow {
  std::string unit;        // canonical name, else the raw name; "" for the city-wide row
  bool city_wide = false;
  std::vector<CompareCell> cells;  // parallel to CompareTable::indicators
};

struct CompareTable {
  std::string previous_period;
  std::string current_period;
  std::vector<int> indicators;  // Plan::indicators indexes, plan order
  std::vector<CompareRow> rows;
};

// The indicators compared: online_total, online_full, online_full_pct,
// cashless_pct, first_time_valid_pct when the plan has them (the main
// indicators of Plan 197); when it has none of them, every count and percent
// indicator. Plan order.
std::vector<int> compare_indicators(const Plan& plan);

CompareTable build_compare_table(const Plan& plan, const CheckedTable& current,
                                 const CheckedTable& previous);

// A value as the table shows it ("1.045,5" in vi, "1,045.5" in en); "" when empty.
std::string compare_value_text(const std::optional<double>& value, const Indicator& indicator,
                               Lang lang);
// A change with its sign: "+4,29 điểm", "−3" (U+2212 minus), "0"; percents get
// " điểm"/" points", days " ngày"/" days". "" when empty.
std::string compare_change_text(const std::optional<double>& delta, const Indicator& indicator,
                                Lang lang);
// "So sánh với Quý III năm 2024" / "Compared with Q3 2024".
std::string compare_title(const std::string& previous_period, Lang lang);
// The unit column's label for the city-wide row: the plan's ("Toàn thành phố").
std::string compare_city_label(const Plan& plan, Lang lang);

}  // namespace chiso::report
