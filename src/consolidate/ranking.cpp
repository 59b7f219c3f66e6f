// Ranking units on one indicator: competition ranking ("1, 2, 2, 4") of the
// values as shown; units with no value, with no share to rank (0 of 0) or
// under an error finding listed apart, never ranked (value_standing.h).
#include <algorithm>
#include <unordered_set>

#include "consolidate/analysis.h"
#include "consolidate/value_standing.h"
#include "plan/unit_validity.h"

namespace chiso {

Ranking rank_units(const Plan& plan, const CheckedTable& table, std::string_view indicator_code,
                   const UnitPart* within) {
  Ranking ranking;
  ranking.indicator = std::string(indicator_code);
  int indicator_idx = plan.indicator_index(indicator_code);
  if (indicator_idx < 0) return ranking;
  for (const Target& target : plan.targets) {
    if (target.indicator == indicator_code && (target.op == "<" || target.op == "<=")) {
      ranking.lower_is_better = true;
    }
  }

  const ValueStandings standings(plan, table.findings);
  std::unordered_set<std::string> present;
  for (const UnitRow* row : period_rows(table)) {
    if (within && !in_part(plan, *within, plan.unit_index(row->unit_name))) continue;
    if (!row->unit_name.empty()) present.insert(row->unit_name);
    std::optional<double> value = analysis_detail::shown_value(plan, *row, indicator_idx);
    switch (standings.of(*row, indicator_idx)) {
      case Standing::usable:
        ranking.ranked.push_back(RankEntry{shown_unit_name(plan, *row), value, 0});
        break;
      case Standing::missing:
        ranking.not_reported.push_back(shown_unit_name(plan, *row));
        break;
      case Standing::not_applicable:
        ranking.not_applicable.push_back(shown_unit_name(plan, *row));
        break;
      case Standing::in_error:
        ranking.in_error.push_back(RankEntry{shown_unit_name(plan, *row), value, 0});
        break;
    }
  }
  for (size_t unit_idx = 0; unit_idx < plan.units.size(); ++unit_idx) {
    const UnitDef& unit = plan.units[unit_idx];
    if (within && !in_part(plan, *within, static_cast<int>(unit_idx))) continue;
    if (present.count(unit.name) || unit_presence(plan, unit, table.period) != UnitPresence::valid)
      continue;
    ranking.not_reported.push_back(unit_name_in(plan, unit, table.period));
  }

  const bool lower = ranking.lower_is_better;
  std::stable_sort(ranking.ranked.begin(), ranking.ranked.end(),
                   [lower](const RankEntry& a, const RankEntry& b) {
                     return lower ? *a.value < *b.value : *a.value > *b.value;
                   });
  for (size_t entry_idx = 0; entry_idx < ranking.ranked.size(); ++entry_idx) {
    RankEntry& entry = ranking.ranked[entry_idx];
    bool tie = entry_idx > 0 && *ranking.ranked[entry_idx - 1].value == *entry.value;
    entry.rank = tie ? ranking.ranked[entry_idx - 1].rank : static_cast<int>(entry_idx) + 1;
  }
  return ranking;
}

}  // namespace chiso
