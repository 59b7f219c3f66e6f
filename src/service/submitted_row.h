// A unit's submitted row as the unit files it on paper (issue 16 §3): the
// current version when it is submitted or approved, with when it was
// submitted (and approved) and by whom. `chiso report --unit` writes it as
// a DOCX or PDF with a signature block (report/appendix.h); the server's
// GET …/units/{unit}/document.{docx,pdf} runs that command.
#pragma once

#include <string>
#include <string_view>

#include "common/model.h"
#include "common/result.h"
#include "plan/plan.h"
#include "store/store.h"

namespace chiso::service {

struct SubmittedRow {
  // The period with the unit's row alone, its values as typed, and its findings.
  CheckedTable table;
  std::string unit;  // the registered name
  int version = 0;
  SubmissionState state = SubmissionState::submitted;  // submitted or approved
  // The last submit of this version (a file imported as submitted: when it
  // was written); ISO 8601 UTC.
  std::string submitted_at_utc;
  std::string submitted_by;
  std::string approved_at_utc;  // "" unless approved
};

// `unit` is a registered name. Errors: not found (the period is not stored);
// conflict when the unit has no version in the period, or its current
// version is a draft, returned or withdrawn (the message names the unit,
// the period as people write it, the version and its state).
Result<SubmittedRow> load_submitted_row(const Plan& plan, Store& store, std::string_view period,
                                        std::string_view unit);

}  // namespace chiso::service
