// What a unit's value can be used for once the checks have spoken: ranked
// and named best or worst, drawn, summed into a city-wide figure. Shared by
// the summary (summary.h), the analyses (analysis.h) and the reports, so that
// a table, its chart and its written summary never disagree about a value.
//
//   usable          a number with no error finding on it
//   missing         blank, text, or no such column (listed apart as "not
//                   reported")
//   not_applicable  a derived indicator whose counts are all typed and whose
//                   formula divides by zero: Chi nhánh NHNN TP, 0 full-process
//                   services of 0, has no share ("không áp dụng"), not 0 %
//   in_error        an error finding on the cell, or, for a derived indicator,
//                   on a count its formula uses (Sở Ngoại vụ: 4 full-process
//                   services of a typed total of 1): shown and marked, never
//                   ranked, never named best or worst. A derived value equal
//                   to its formula over sound counts (a published table's
//                   share, published_values.h) is usable: the finding on its
//                   cell was about the share the unit typed
//
// A value "cannot be right by itself" (cannot_be_right) when an error finding
// on its own cell says so without any other cell: not a number, a negative
// count, a share outside 0–100, a score outside its scale, a rank below 1, a
// grade the plan does not allow, a value for a unit the indicator does not
// apply to (the built-in checks), or a plan rule whose
// `check` uses no indicator but the one it points at (a score of 50 on a
// 10-point scale). Such a value is left out of city-wide figures; values that
// only disagree with each other (a total that is not the sum of its parts, a
// share that does not match its counts) are counted as typed.
#pragma once

#include <map>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "common/model.h"
#include "plan/expr.h"
#include "plan/plan.h"

namespace chiso {

enum class Standing { usable, missing, not_applicable, in_error };

// The rule ids of plan rules that judge one cell alone (see the file comment),
// plus the built-in ones. Built once per plan.
class SelfContainedRules {
 public:
  explicit SelfContainedRules(const Plan& plan);
  bool contains(const std::string& rule_id) const { return ids_.count(rule_id) > 0; }
  // True for an error finding of such a rule on an indicator's cell.
  bool cannot_be_right(const Finding& finding) const;

 private:
  std::set<std::string> ids_;
};

class ValueStandings {
 public:
  // `findings` are the table's (any periods: a finding counts for the row
  // whose row number, unit and period it names). Both must outlive this.
  ValueStandings(const Plan& plan, const std::vector<Finding>& findings);
  Standing of(const UnitRow& row, int indicator_idx) const;
  // An error finding on this very cell says the value cannot be right by itself.
  bool cannot_be_right(const UnitRow& row, int indicator_idx) const;
  // The indicators whose counts a derived indicator's formula uses (empty
  // for an indicator without a formula).
  const std::vector<int>& inputs(int indicator_idx) const;

 private:
  bool has_error(const UnitRow& row, const std::string& code, bool self_contained_only) const;
  const Plan& plan_;
  SelfContainedRules self_contained_;
  std::vector<Expr> formulas_;            // by indicator; empty when none
  std::vector<std::vector<int>> inputs_;  // by indicator
  // (row number, indicator code) → the error findings there.
  std::map<std::pair<int, std::string>, std::vector<const Finding*>> errors_;
};

}  // namespace chiso
