#include "common/number.h"
#include "report/compare_table.h"
#include "report/table_model.h"

#include <cmath>

#include "consolidate/analysis.h"

namespace chiso::report {

std::vector<int> compare_indicators(const Plan& plan) {
  std::vector<int> chosen;
  static const char* const kMain[] = {"online_total", "online_full", "online_full_pct",
                                      "cashless_pct", "first_time_valid_pct"};
  for (size_t idx = 0; idx < plan.indicators.size(); ++idx) {
    for (const char* code : kMain) {
      if (plan.indicators[idx].code == code) chosen.push_back(static_cast<int>(idx));
    }
  }
  if (!chosen.empty()) return chosen;
  for (size_t idx = 0; idx < plan.indicators.size(); ++idx) {
    IndicatorKind kind = plan.indicators[idx].kind;
    if (kind == IndicatorKind::count || kind == IndicatorKind::percent) {
      chosen.push_back(static_cast<int>(idx));
    }
  }
  return chosen;
}

CompareTable build_compare_table(const Plan& plan, const CheckedTable& current,
                                 const CheckedTable& previous) {
  CompareTable result;
  result.previous_period = previous.period;
  result.current_period = current.period;
  result.indicators = compare_indicators(plan);
  // Column of each plan indicator in the result, -1 when not shown.
  std::vector<int> column(plan.indicators.size(), -1);
  for (size_t col = 0; col < result.indicators.size(); ++col) {
    column[static_cast<size_t>(result.indicators[col])] = static_cast<int>(col);
  }
  CompareRow city;
  city.city_wide = true;
  city.cells.resize(result.indicators.size());
  for (const PeriodChange& change : compare_periods(plan, current, previous)) {
    if (change.indicator_idx < 0 || static_cast<size_t>(change.indicator_idx) >= column.size()) continue;
    int col = column[static_cast<size_t>(change.indicator_idx)];
    if (col < 0) continue;
    CompareRow* row = &city;
    if (!change.unit.empty()) {
      // compare_periods() lists a unit's indicators together, units in order.
      if (result.rows.empty() || result.rows.back().unit != change.unit) {
        CompareRow fresh;
        fresh.unit = change.unit;
        fresh.cells.resize(result.indicators.size());
        result.rows.push_back(std::move(fresh));
      }
      row = &result.rows.back();
    }
    CompareCell& cell = row->cells[static_cast<size_t>(col)];
    cell.previous = change.previous;
    cell.current = change.current;
    cell.delta = change.previous && change.current ? change.delta : std::nullopt;
  }
  result.rows.push_back(std::move(city));
  return result;
}

std::string compare_value_text(const std::optional<double>& value, const Indicator& indicator,
                               Lang lang) {
  if (!value) return {};
  return number::format(*value, indicator.decimals,
                       lang == Lang::vi ? Lang::vi : Lang::en);
}

std::string compare_change_text(const std::optional<double>& delta, const Indicator& indicator,
                                Lang lang) {
  if (!delta) return {};
  const int decimals = indicator.decimals < 0 ? 0 : indicator.decimals;
  const double scale = std::pow(10.0, decimals);
  const double rounded = std::round(*delta * scale) / scale;
  std::string text;
  if (rounded == 0) {
    text = "0";
  } else {
    text = rounded > 0 ? "+" : "\u2212";
    text += number::format(std::fabs(rounded), decimals,
                          lang == Lang::vi ? Lang::vi : Lang::en);
  }
  if (indicator.kind == IndicatorKind::percent) text += lang == Lang::vi ? " điểm" : " points";
  if (indicator.kind == IndicatorKind::days) text += lang == Lang::vi ? " ngày" : " days";
  return text;
}

std::string compare_title(const std::string& previous_period, Lang lang) {
  return lang == Lang::vi ? "So sánh với " + period_words(previous_period, lang)
                          : "Compared with " + period_words(previous_period, lang);
}

std::string compare_city_label(const Plan& plan, Lang lang) { return city_wide_label(plan, lang); }

}  // namespace chiso::report
