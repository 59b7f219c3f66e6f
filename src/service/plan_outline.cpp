#include "service/plan_outline.h"

namespace chiso::service {

UnitOfMeasure unit_of_measure(IndicatorKind kind) {
  switch (kind) {
    case IndicatorKind::count: return {"số lượng", "number"};
    case IndicatorKind::days: return {"ngày", "days"};
    case IndicatorKind::percent: return {"%", "%"};
    case IndicatorKind::mark: return {"có/không", "yes/no"};
    case IndicatorKind::grade: return {"xếp loại", "grade"};
    case IndicatorKind::score:
    case IndicatorKind::index: return {"điểm", "points"};
    case IndicatorKind::rank: return {"thứ hạng", "rank"};
  }
  return {"", ""};
}

nlohmann::json plan_outline_json(const Plan& plan) {
  nlohmann::json indicators = nlohmann::json::array();
  nlohmann::json groups = nlohmann::json::array();
  const std::string* run_group = nullptr;  // the group of the last entry of `groups`
  for (const Indicator& indicator : plan.indicators) {
    const UnitOfMeasure unit = unit_of_measure(indicator.kind);
    const bool scaled =
        indicator.kind == IndicatorKind::score || indicator.kind == IndicatorKind::index;
    indicators.push_back({{"code", indicator.code},
                          {"label", indicator.label_vi},
                          {"label_en", indicator.label_en},
                          {"kind", word_of(kIndicatorKindWords, indicator.kind)},
                          {"unit_of_measure", unit.vi},
                          {"unit_of_measure_en", unit.en},
                          {"decimals", indicator.decimals},
                          {"group", indicator.group},
                          {"derived", !indicator.formula.empty()},
                          {"allowed", indicator.allowed},
                          {"max", scaled && indicator.max > 0 ? nlohmann::json(indicator.max)
                                                              : nlohmann::json(nullptr)},
                          {"applies_to", indicator.applies_to}});
    if (run_group == nullptr || *run_group != indicator.group) {
      const Group* group = plan.group(indicator.group);
      groups.push_back({{"id", indicator.group},
                        {"title", group != nullptr ? group->label_vi : ""},
                        {"title_en", group != nullptr ? group->label_en : ""},
                        {"indicators", nlohmann::json::array()}});
      run_group = &indicator.group;
    }
    groups.back()["indicators"].push_back(indicator.code);
  }
  return {{"name", plan.name_vi},
          {"name_en", plan.name_en},
          {"title", plan.title_vi},
          {"title_en", plan.title_en},
          {"groups", std::move(groups)},
          {"indicators", std::move(indicators)},
          {"not_applicable_markers", plan.not_applicable_markers}};
}

}  // namespace chiso::service
