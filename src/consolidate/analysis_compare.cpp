// Change against a previous period, per unit and city-wide, on the values as
// shown: points for shares, counts for counts, days for days.
#include <unordered_map>

#include "consolidate/analysis.h"
#include "plan/unit_validity.h"

namespace chiso {
namespace {

struct UnitPair {
  std::string name;
  const UnitRow* current = nullptr;
  const UnitRow* previous = nullptr;
};

}  // namespace

std::vector<PeriodChange> compare_periods(const Plan& plan, const CheckedTable& current,
                                          const CheckedTable& previous) {
  // Units: registered ones in plan order, then unregistered rows by raw name.
  std::vector<UnitPair> units;
  std::unordered_map<std::string, size_t> by_name;
  for (const UnitDef& unit : plan.units) {
    by_name.emplace(unit.name, units.size());
    units.push_back(UnitPair{unit.name});
  }
  auto place = [&](const CheckedTable& table, bool is_current) {
    for (const UnitRow* row : period_rows(table)) {
      const std::string& name = row_unit_name(*row);
      auto [it, inserted] = by_name.emplace(name, units.size());
      if (inserted) units.push_back(UnitPair{name});
      UnitPair& pair = units[it->second];
      (is_current ? pair.current : pair.previous) = row;
    }
  };
  place(current, true);
  place(previous, false);

  std::vector<PeriodChange> changes;
  auto make = [&](std::string unit, int indicator_idx, std::optional<double> before,
                  std::optional<double> after) {
    PeriodChange change{std::move(unit), indicator_idx, before, after, std::nullopt};
    const Indicator& indicator = plan.indicators[indicator_idx];
    if (before && after && indicator.kind != IndicatorKind::mark) {
      change.delta = analysis_detail::shown(*after - *before, indicator.decimals);
    }
    changes.push_back(std::move(change));
  };
  const int indicator_count = static_cast<int>(plan.indicators.size());
  for (size_t pair_idx = 0; pair_idx < units.size(); ++pair_idx) {
    const UnitPair& pair = units[pair_idx];
    if (!pair.current && !pair.previous) continue;  // registered, in neither period
    // A registered unit as it was named in the current period.
    const std::string& shown =
        pair_idx < plan.units.size() ? unit_name_in(plan, plan.units[pair_idx], current.period) : pair.name;
    for (int indicator_idx = 0; indicator_idx < indicator_count; ++indicator_idx) {
      make(shown, indicator_idx,
           pair.previous ? analysis_detail::shown_value(plan, *pair.previous, indicator_idx)
                         : std::nullopt,
           pair.current ? analysis_detail::shown_value(plan, *pair.current, indicator_idx)
                        : std::nullopt);
    }
  }
  auto city = [&](const CheckedTable& table, int indicator_idx) -> std::optional<double> {
    if (static_cast<size_t>(indicator_idx) >= table.summary.size()) return {};
    const std::optional<double>& value = table.summary[indicator_idx].value;
    if (!value) return {};
    return analysis_detail::shown(*value, plan.indicators[indicator_idx].decimals);
  };
  for (int indicator_idx = 0; indicator_idx < indicator_count; ++indicator_idx) {
    make("", indicator_idx, city(previous, indicator_idx), city(current, indicator_idx));
  }
  return changes;
}

}  // namespace chiso
