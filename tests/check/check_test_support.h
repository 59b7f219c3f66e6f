// Helpers for the check tests: the shipped plan, and rows built by hand from
// cell texts (parsed as the binding parses them).
#pragma once

#include <gtest/gtest.h>

#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "check/checker.h"
#include "check/compiled_plan.h"
#include "plan/binding.h"
#include "plan/plan.h"

namespace chiso::check::testing {

inline const Plan& shipped_plan() {
  static const Plan plan = [] {
    auto loaded = load_plan(std::string(CHISO_SOURCE_DIR) + "/plans/hai-phong-197.toml");
    if (!loaded.ok()) {
      ADD_FAILURE() << loaded.error().message;
      return Plan{};
    }
    return std::move(loaded.value());
  }();
  return plan;
}

inline std::shared_ptr<const CompiledPlan> compiled_shipped_plan() {
  static const std::shared_ptr<const CompiledPlan> compiled = [] {
    auto result = compile(shipped_plan());
    if (!result.ok()) {
      ADD_FAILURE() << result.error().message;
      return std::shared_ptr<const CompiledPlan>(std::make_shared<CompiledPlan>());
    }
    return result.value();
  }();
  return compiled;
}

// A row of `plan` from cell texts by indicator code; other cells blank.
inline UnitRow make_row(const Plan& plan, int row_number, const std::string& unit,
                        const std::map<std::string, std::string>& cells) {
  UnitRow row;
  row.row_number = row_number;
  row.raw_name = unit;
  row.unit_name = plan.unit_index(unit) >= 0 ? unit : "";
  row.values.resize(plan.indicators.size());
  for (const auto& [code, text] : cells) {
    int indicator_idx = plan.indicator_index(code);
    EXPECT_GE(indicator_idx, 0) << code;
    if (indicator_idx < 0) continue;
    row.values[static_cast<size_t>(indicator_idx)] =
        parse_value(plan.indicators[static_cast<size_t>(indicator_idx)], text, CellPos{});
  }
  return row;
}

// The seven online-service cells of a row, in the seed's column order.
inline std::map<std::string, std::string> online(const std::string& total, const std::string& full,
                                                 const std::string& full_pct, const std::string& partial,
                                                 const std::string& partial_pct) {
  return {{"online_total", total},
          {"online_full", full},
          {"online_full_pct", full_pct},
          {"online_partial", partial},
          {"online_partial_pct", partial_pct}};
}

}  // namespace chiso::check::testing
