// One unit's row typed on a page (or sent to the API): read the way a table's
// cells are read, checked by the same rules, and saved as the unit's next
// version (store.h: drafts, submission, conflicts on stale versions).
#pragma once

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "check/value_jump.h"
#include "common/model.h"
#include "common/result.h"
#include "plan/plan.h"
#include "store/store.h"

namespace chiso::check {
class CompiledPlan;
}  // namespace chiso::check

namespace chiso::service {

struct UnitRowInput {
  std::string period;  // as stored ("2025-Q1")
  std::string unit;    // the registered name, or a name the plan's matcher knows
  std::map<std::string, std::string> raw_by_code;  // indicator code → text as typed; absent = blank
  // The unit's earlier periods (previous_rows.h), the newest first: a typed
  // value far from them is a value.jump warning. Empty = no such check.
  std::vector<check::EarlierValues> earlier;
};

struct CheckedUnitRow {
  UnitRow row;
  std::vector<Finding> findings;
};

// Reads and checks the row without saving it (what a form shows as the user
// types). Errors: not found (unit not in the plan), bad input (an unknown
// indicator code, a text over the cell limit).
Result<CheckedUnitRow> check_unit_row(const Plan& plan, std::shared_ptr<const check::CompiledPlan> compiled,
                                      const UnitRowInput& input);

struct UnitRowSave {
  int based_on_version = 0;  // the version the writer saw; 0 = none yet
  SubmissionState state = SubmissionState::draft;  // draft, or submitted
  Provenance provenance;     // author, page, comment
};

struct UnitRowSaved {
  int version = 0;
  bool changed = false;
  UnitRow row;  // as read and checked (what check_unit_row returns)
  std::vector<Finding> findings;
};

// Saves a row check_unit_row read and checked. Submitting a row with error
// findings is refused (bad input, naming them); a stale based_on_version, a
// locked period or an approved row is a conflict, with the current values in
// Error::detail (JSON {"version", "state", "values": {code: raw}}). Apart
// from check_unit_row so that a server checks on any thread and writes on its
// one writer (server/worker_pool.h).
Result<UnitRowSaved> save_checked_row(const Plan& plan, Store& store, CheckedUnitRow checked,
                                      const UnitRowSave& save);

// check_unit_row, then save_checked_row.
Result<UnitRowSaved> record_unit_row(const Plan& plan, std::shared_ptr<const check::CompiledPlan> compiled,
                                     Store& store, const UnitRowInput& input, const UnitRowSave& save);

}  // namespace chiso::service
