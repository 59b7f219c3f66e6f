// The scored table of tests/check/fixtures/kinds-plan.toml and
// kinds-table.tsv, checked for period 2025: shared by the check and report
// tests of the indicator kinds.
#pragma once

#include <gtest/gtest.h>

#include <string>

#include "plan/plan.h"
#include "service/check_input.h"

namespace chiso::check::testing {

inline const std::string kKindsFixtures = std::string(CHISO_SOURCE_DIR) + "/tests/check/fixtures/";

// Loads the plan and checks the table into `plan` and `table`; fails the
// test (ASSERT) when either cannot be read.
inline void load_kinds_table(Plan& plan, CheckedTable& table) {
  auto loaded = load_plan(kKindsFixtures + "kinds-plan.toml");
  ASSERT_TRUE(loaded.ok()) << loaded.error().message;
  plan = std::move(loaded.value());
  auto checked = service::check_file(plan, kKindsFixtures + "kinds-table.tsv", "2025");
  ASSERT_TRUE(checked.ok()) << checked.error().message;
  table = std::move(checked.value());
}

}  // namespace chiso::check::testing
