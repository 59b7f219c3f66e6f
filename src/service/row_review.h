// A unit's row on its way through review (store.h has the states): submit
// (no error left, every warning explained), return (with a comment, at a
// cell or on the whole row), approve; and the comments people leave on its
// values. The server's handlers and any other door call these.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "common/model.h"
#include "common/result.h"
#include "plan/plan.h"
#include "store/store.h"

namespace chiso::service {

// What identifies a finding for its explanation: its indicator, or its
// rule id when it is about the whole row.
std::string finding_key(const Finding& finding);

struct RowMove {
  std::string period;  // as stored
  std::string unit;    // canonical name
  int based_on_version = 0;
  SubmissionState to = SubmissionState::submitted;  // submitted, returned, approved
  // Author, page, comment (required to return); `indicator` the cell a
  // return points at; `explanations` a submit's, by finding_key.
  Provenance who;
};

// Moves the row. Errors: bad input (field "comment", "indicator" or
// "explanations") — a return without a comment, an indicator not in the
// plan, a note over limits::note_bytes_max, a submit while errors remain,
// or a submit with a warning unexplained: then field "explanations" and
// Error::detail {"missing": [finding keys]}; and those of
// Store::set_state (a stale version, a locked period, a move not allowed).
Result<void> move_unit_row(const Plan& plan, Store& store, const RowMove& move);

// Keeps a comment (RowComment::indicator "" or a plan code; text not empty,
// at most limits::note_bytes_max). Errors: bad input (field "indicator" or
// "text"), and those of Store::add_comment.
Result<RowComment> comment_on_row(const Plan& plan, Store& store, const std::string& period,
                                  const std::string& unit, const RowComment& comment);

}  // namespace chiso::service
