// What a rule may ask about the row's unit (issue 15 §2): `kind_<id>` is yes
// when the unit is of that kind (`kind_district`, `kind_commune`) and
// `group_<id>` when it is in that group (`group_so`), no for another
// registered unit, null for a row whose unit is not registered. A name an
// indicator code already has stays the indicator's.
//
// In expressions these names follow the indicators: index
// indicators.size() + kind index, then + the number of kinds + group index,
// so that a row's values with unit_facts() appended are what a rule reads.
#pragma once

#include <string_view>
#include <vector>

#include "common/model.h"
#include "plan/plan.h"

namespace chiso {

// The index of a fact's name, -1 when `name` is none (or an indicator's).
int unit_fact_index(const Plan& plan, std::string_view name);

// Appends the facts of unit `unit_idx` (-1: not registered) to `values`,
// which holds the row's indicator values.
void append_unit_facts(const Plan& plan, int unit_idx, std::vector<Value>& values);

}  // namespace chiso
