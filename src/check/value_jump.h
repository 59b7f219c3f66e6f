// value.jump: a value far from the same unit's values in its earlier periods
// (a digit typed twice, a figure of the wrong period). Not a check of one row
// alone, so not in TableChecker: the caller gives the unit's earlier values
// (service/previous_rows.h loads them from the store), and a row checked
// without them gets no value.jump. docs/checks.md.
#pragma once

#include <span>
#include <string>
#include <vector>

#include "common/model.h"
#include "plan/plan.h"

namespace chiso::check {

// One earlier period of a unit: its values indexed like plan.indicators.
struct EarlierValues {
  std::string period;  // as stored ("2024-Q3")
  std::vector<Value> values;
};

// Appends a warning `value.jump` for each number of `row` (counts, days,
// percents; not marks) that is more than plan.value_jump_ratio times the
// largest of the unit's earlier numbers of that indicator, or less than the
// smallest divided by the ratio. An indicator with no earlier number, or
// whose earlier numbers are all 0, gets none (there is no scale to compare
// with). `file` is copied into the findings.
void check_value_jumps(const Plan& plan, const UnitRow& row, std::span<const EarlierValues> earlier,
                       const std::string& file, std::vector<Finding>& out);

}  // namespace chiso::check
