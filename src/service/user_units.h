// The units a reporter reports for, as a person types them (`chiso user add
// --unit`, the administrator's page): matched to the plan's registered names
// the one way both doors share.
#pragma once

#include <string>
#include <vector>

#include "common/result.h"
#include "plan/plan.h"

namespace chiso::service {

// Each unit as typed, matched to its registered name by the plan's unit
// matcher (the one imports use), or, failing that, when only one unit's name
// is the same without diacritics, that unit. An unknown unit is bad input
// (field "unit") naming the closest units.
Result<std::vector<std::string>> registered_unit_names(const Plan& plan, const std::vector<std::string>& typed_units);

}  // namespace chiso::service
