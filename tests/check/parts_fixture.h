// The table of tests/check/fixtures/parts-plan.toml and parts-table.tsv,
// checked for period 2025: two departments and their group's subtotal, three
// communes and their district's subtotal, the total. Shared by the check and
// report tests of groups and parents (issue 15 §2).
#pragma once

#include "check/kinds_fixture.h"

namespace chiso::check::testing {

inline void load_parts_table(Plan& plan, CheckedTable& table) {
  load_fixture_table("parts-plan.toml", "parts-table.tsv", plan, table);
}

}  // namespace chiso::check::testing
