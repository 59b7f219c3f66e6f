// The table of tests/check/fixtures/parts-plan.toml and parts-table.tsv,
// checked for period 2025: two departments and their group's subtotal, three
// communes and their district's subtotal, the total. Shared by the check and
// report tests of groups and parents (issue 15 §2).
#pragma once

#include <gtest/gtest.h>

#include <string>

#include "plan/plan.h"
#include "service/check_input.h"

namespace chiso::check::testing {

inline const std::string kPartsFixtures = std::string(CHISO_SOURCE_DIR) + "/tests/check/fixtures/";

// Loads the plan and checks the table into `plan` and `table`; fails the
// test (ASSERT) when either cannot be read.
inline void load_parts_table(Plan& plan, CheckedTable& table) {
  auto loaded = load_plan(kPartsFixtures + "parts-plan.toml");
  ASSERT_TRUE(loaded.ok()) << loaded.error().message;
  plan = std::move(loaded.value());
  auto checked = service::check_file(plan, kPartsFixtures + "parts-table.tsv", "2025");
  ASSERT_TRUE(checked.ok()) << checked.error().message;
  table = std::move(checked.value());
}

}  // namespace chiso::check::testing
