// The findings of one unit's row as `chiso check --format json` writes them
// (report::to_json's "findings"), without the rest of the document: what the
// server answers a row's read, check and save with.
#pragma once

#include <nlohmann/json.hpp>

#include <vector>

#include "common/model.h"
#include "plan/plan.h"

namespace chiso::report {

// The same items, in the same order, as to_json gives for a table holding
// only `row` and `findings` (keys sorted, as nlohmann::json keeps them).
nlohmann::json findings_json(const Plan& plan, const UnitRow& row, const std::vector<Finding>& findings);

}  // namespace chiso::report
