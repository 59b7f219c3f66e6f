// Checking rows against a plan. compile() turns the plan's rule and formula
// texts into expressions once; TableChecker then checks rows one at a time, so
// the same code serves a 30-row appendix, a 1.2-million-row history and one
// row typed on the web. Every check, its id, severity and messages are listed
// in docs/checks.md.
//
// Phases, one file each: message_template.cpp (rule texts), compiled_plan.cpp
// (compile), table_checker.cpp (built-in checks, then the plan's rules),
// total_rows.cpp and rank_rows.cpp (checks across the rows, at finish). The
// whole way for one file is the service layer's (service/file_scan.h).
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "common/model.h"
#include "common/result.h"
#include "plan/plan.h"

namespace chiso::check {

class CompiledPlan;  // defined in compiled_plan.h

// Errors name the rule/indicator and the position in the expression.
Result<std::shared_ptr<const CompiledPlan>> compile(const Plan& plan);

class TableChecker {
 public:
  // REQUIRES: `plan` outlives the checker and `compiled` is compile(plan).
  // `file` is copied into every finding.
  TableChecker(const Plan& plan, std::shared_ptr<const CompiledPlan> compiled,
               std::string file);
  ~TableChecker();

  // Checks one row: built-in value checks (value.not_number, value.negative,
  // value.percent_range, value.score_range, value.rank_invalid,
  // value.not_allowed, value.not_applicable, index.mismatch, value.missing,
  // unit.unknown, unit.not_valid, unit.duplicate), then
  // the plan's rules in plan order (a typed share's agreement with its
  // formula is one of those rules, written in the plan). Appends findings to
  // `out`. Remembers the units seen per period, for unit.duplicate: use one
  // TableChecker per table (or per import). Not thread-safe; the
  // CompiledPlan it shares is.
  // value.missing is reported for a blank cell of a column the table has
  // (Value::pos.col_idx != 0), or for every blank value of a row built by
  // hand (UnitRow::pos.col_idx == 0).
  // A total or subtotal row (UnitRow::role) gets none of these: it is
  // compared with the consolidation of the unit rows it covers
  // (total_rows.h), at once for a subtotal that closes its section, at
  // finish() for the rest.
  void check_row(const UnitRow& row, std::vector<Finding>& out);
  // A unit row checked by itself, as a row typed on a page is: the checks
  // of check_row that judge the row, without keeping it for the totals and
  // ranks finish() compares across the rows of a table (nor for
  // unit.duplicate). Setting those up costs more than the row's own
  // checks with a 10,000-unit plan, and a row alone has nothing to compare.
  // REQUIRES: row.role is unit.
  void check_row_alone(const UnitRow& row, std::vector<Finding>& out);

  // After the last row: the findings of the total rows (total.mismatch),
  // then of the ranks across the rows (rank.mismatch, rank_rows.h).
  void finish(std::vector<Finding>& out);

  // Findings below `severity` are not produced (and cost nothing). Default:
  // info, i.e. every finding. A national history has a blank cell or two in
  // most of its 1.2 million rows: an import that only stores errors and
  // warnings can skip the value.missing infos with Severity::warning.
  void set_min_severity(Severity severity);

 private:
  struct State;
  std::unique_ptr<State> state_;
};

}  // namespace chiso::check
