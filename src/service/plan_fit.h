// Whether a plan is the one a store keeps values of: a province keeps each
// of its plans (Plan 197, the PCI, the PAR index) in a database of its own,
// often on one PostgreSQL server, and a mistyped --db or a forgotten --plan
// would otherwise read another plan's periods with this plan's columns —
// every value blank — or import one plan's table into the other's periods.
#pragma once

#include <string_view>

#include "common/result.h"
#include "plan/plan.h"
#include "store/store.h"

namespace chiso::service {

// Nothing when `store` keeps no plan yet, keeps values of `plan` (its id),
// or of a plan sharing at least one indicator code with it (the same plan
// revised, or the next plan of the same indicators, whose values are read
// by code). Otherwise a bad_input error (field "plan") naming `db_name`,
// the plans it keeps and the plan given; and the store's error when it
// cannot say.
Result<void> plan_fits_store(const Plan& plan, Store& store, std::string_view db_name);

}  // namespace chiso::service
