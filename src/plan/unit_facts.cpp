// A unit's kind and group as values a rule reads.
#include "plan/unit_facts.h"

namespace chiso {

namespace {

const std::vector<UnitKindDef>& kinds_of(const Plan& plan) {
  return plan.unit_kinds.empty() ? kDefaultUnitKinds : plan.unit_kinds;
}

constexpr std::string_view kKindPrefix = "kind_";
constexpr std::string_view kGroupPrefix = "group_";

}  // namespace

int unit_fact_index(const Plan& plan, std::string_view name) {
  if (plan.indicator_index(name) >= 0) return -1;
  const auto first = static_cast<int>(plan.indicators.size());
  const std::vector<UnitKindDef>& kinds = kinds_of(plan);
  if (name.substr(0, kKindPrefix.size()) == kKindPrefix) {
    const std::string_view id = name.substr(kKindPrefix.size());
    for (size_t kind_idx = 0; kind_idx < kinds.size(); ++kind_idx) {
      if (kinds[kind_idx].id == id) return first + static_cast<int>(kind_idx);
    }
  }
  if (name.substr(0, kGroupPrefix.size()) == kGroupPrefix) {
    const std::string_view id = name.substr(kGroupPrefix.size());
    for (size_t group_idx = 0; group_idx < plan.unit_groups.size(); ++group_idx) {
      if (plan.unit_groups[group_idx].id == id) {
        return first + static_cast<int>(kinds.size() + group_idx);
      }
    }
  }
  return -1;
}

void append_unit_facts(const Plan& plan, int unit_idx, std::vector<Value>& values) {
  const std::vector<UnitKindDef>& kinds = kinds_of(plan);
  const UnitDef* unit = unit_idx >= 0 && static_cast<size_t>(unit_idx) < plan.units.size()
                            ? &plan.units[static_cast<size_t>(unit_idx)]
                            : nullptr;
  auto fact = [](bool holds) {
    Value value;
    value.state = holds ? ValueState::yes : ValueState::no;
    value.number = holds ? 1 : 0;
    return value;
  };
  auto undecided = [] {
    Value value;
    value.state = ValueState::text;
    return value;
  };
  for (size_t kind_idx = 0; kind_idx < kinds.size(); ++kind_idx) {
    // Not registered: text, which a rule reads as null (cannot be decided).
    values.push_back(unit != nullptr ? fact(static_cast<size_t>(unit->kind) == kind_idx)
                                     : undecided());
  }
  for (size_t group_idx = 0; group_idx < plan.unit_groups.size(); ++group_idx) {
    values.push_back(unit != nullptr ? fact(unit->group_idx == group_idx)
                                     : undecided());
  }
}

}  // namespace chiso
