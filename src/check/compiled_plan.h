// A plan's expressions compiled once (check::compile): each rule's when,
// check and expected, its messages and hints, and each derived indicator's
// formula. Immutable after compile(); shared by every TableChecker and thread.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "check/message_template.h"
#include "common/model.h"
#include "plan/expr.h"

namespace chiso::check {

struct CompiledHint {
  Expr when;
  MessageTemplate message_vi;
  MessageTemplate message_en;
};

struct CompiledRule {
  std::string id;
  Severity severity = Severity::error;
  int indicator_idx = -1;  // the cell a finding points at; -1 = the row
  Expr when;               // empty = always
  Expr check;
  Expr expected;           // empty = none
  MessageTemplate message_vi;
  MessageTemplate message_en;
  std::vector<CompiledHint> hints;  // the first whose `when` holds is shown
};

struct CompiledDerived {
  int indicator_idx = -1;
  Expr formula;
};

class CompiledPlan {
 public:
  std::vector<CompiledRule> rules;      // in plan order
  std::vector<CompiledDerived> derived; // indicators with a formula
  // Parallel to Plan::indicators: the formula, or an empty Expr.
  std::vector<Expr> formulas;
  // A rule reads the unit's kind or group (kind_<id>, group_<id>:
  // plan/unit_facts.h): the checker appends them to each row's values.
  bool uses_unit_facts = false;
};

}  // namespace chiso::check
