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

// Loads the plan file and checks the table file (both in
// tests/check/fixtures/) for period 2025 into `plan` and `table`; fails the
// test (ASSERT) when either cannot be read.
inline void load_fixture_table(const std::string& plan_file, const std::string& table_file,
                               Plan& plan, CheckedTable& table) {
  auto loaded = load_plan(kKindsFixtures + plan_file);
  ASSERT_TRUE(loaded.ok()) << loaded.error().message;
  plan = std::move(loaded.value());
  auto checked = service::check_file(plan, kKindsFixtures + table_file, "2025");
  ASSERT_TRUE(checked.ok()) << checked.error().message;
  table = std::move(checked.value());
}

inline void load_kinds_table(Plan& plan, CheckedTable& table) {
  load_fixture_table("kinds-plan.toml", "kinds-table.tsv", plan, table);
}

}  // namespace chiso::check::testing
