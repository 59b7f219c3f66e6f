// Targets: which units meet each of the plan's targets, with the unit-kind
// filter, and whether the city-wide figure does.
#include <unordered_set>

#include "consolidate/analysis.h"
#include "consolidate/value_standing.h"
#include "plan/unit_validity.h"

namespace chiso {

std::vector<TargetResult> evaluate_targets(const Plan& plan, const CheckedTable& table) {
  std::vector<TargetResult> results;
  std::vector<const UnitRow*> rows = period_rows(table);
  const ValueStandings standings(plan, table.findings);
  for (const Target& target : plan.targets) {
    int indicator_idx = plan.indicator_index(target.indicator);
    if (indicator_idx < 0) continue;  // load_plan rejects these; be safe
    TargetResult result;
    result.target = &target;
    result.indicator_idx = indicator_idx;
    auto kind_matches = [&](std::string_view unit_name) {
      if (target.unit_kind.empty()) return true;
      int unit_idx = plan.unit_index(unit_name);
      return unit_idx >= 0 && target.unit_kind == plan.unit_kind_id(plan.units[unit_idx].kind);
    };
    std::unordered_set<std::string> present;
    for (const UnitRow* row : rows) {
      if (!row->unit_name.empty()) present.insert(row->unit_name);
      if (!kind_matches(row->unit_name)) continue;
      std::optional<double> value = analysis_detail::shown_value(plan, *row, indicator_idx);
      const Standing standing = standings.of(*row, indicator_idx);
      if (standing == Standing::not_applicable) {
        result.not_applicable.push_back(shown_unit_name(plan, *row));
      } else if (standing == Standing::in_error) {
        result.in_error.push_back(shown_unit_name(plan, *row));
      } else if (!value) {
        result.not_reported.push_back(shown_unit_name(plan, *row));
      } else if (target_holds(target.op, *value, target.bound)) {
        result.met.push_back(shown_unit_name(plan, *row));
      } else {
        result.not_met.push_back(shown_unit_name(plan, *row));
      }
    }
    for (const UnitDef& unit : plan.units) {
      if (!present.count(unit.name) && kind_matches(unit.name) &&
          unit_presence(plan, unit, table.period) == UnitPresence::valid) {
        result.not_reported.push_back(unit_name_in(plan, unit, table.period));
      }
    }
    if (target.unit_kind.empty() && static_cast<size_t>(indicator_idx) < table.summary.size() &&
        table.summary[indicator_idx].value) {
      double city = analysis_detail::shown(*table.summary[indicator_idx].value,
                                           plan.indicators[indicator_idx].decimals);
      result.city_wide = city;
      result.city_wide_met = target_holds(target.op, city, target.bound);
    }
    results.push_back(std::move(result));
  }
  return results;
}

std::string set_apart_note(const TargetResult& result, Lang lang) {
  const bool vi = lang == Lang::vi;
  auto joined = [](const std::vector<std::string>& names) {
    std::string out;
    for (const std::string& name : names) out += (out.empty() ? "" : ", ") + name;
    return out;
  };
  std::string out;
  if (!result.not_applicable.empty()) {
    out += (vi ? "; không áp dụng: " : "; not applicable: ") + joined(result.not_applicable);
  }
  if (!result.in_error.empty()) {
    out += (vi ? "; chưa đánh giá (số liệu có lỗi): " : "; not judged (errors): ") +
           joined(result.in_error);
  }
  return out;
}

}  // namespace chiso
