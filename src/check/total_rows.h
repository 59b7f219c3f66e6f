// Total and subtotal rows (UnitRow::role total/subtotal) compared with what
// chiso consolidates from the units' rows of the same table and period.
//
// A total covers every unit row of its period in the table, wherever it
// stands (a yearbook prints "Cả nước" first). A subtotal covers one section:
// the first subtotal of a period decides how the table is written — after
// unit rows, each subtotal closes the units since the previous boundary
// ("Cộng khối sở" under its units); before any, each heads the units that
// follow it up to the next subtotal or total (a yearbook's regions).
// A subtotal that names a group of units or a parent unit of the plan
// ("Cộng khối sở, ban, ngành", "Cộng UBND huyện An Lão") covers that part's
// units instead, wherever they stand in the table (consolidate/unit_parts.h).
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "common/model.h"
#include "plan/plan.h"

namespace chiso::check {

class TotalRows {
 public:
  // REQUIRES: `plan` outlives this. `file` is copied into every finding.
  // What the totals need of the plan (its groups and parents, the words
  // that name each) is set up at the first row, not here: a checker made
  // for one row typed on a page never gives it one (TableChecker::
  // check_row_alone), and a 10,000-unit plan's parts are dear to find.
  TotalRows(const Plan& plan, std::string file);
  ~TotalRows();

  // A unit row (role unit): counted in its period's total and section.
  void add_unit(const UnitRow& row);
  // A total or subtotal row, in table order with the unit rows. A subtotal
  // closing a section is compared at once; `out` takes its findings and,
  // at `min_severity` info, a total.row note for the row.
  void add_total(const UnitRow& row, Severity min_severity, std::vector<Finding>& out);
  // Compares what is still open: totals, and a heading subtotal's section.
  void finish(std::vector<Finding>& out);

 private:
  struct State;
  State& state();  // made at the first call that needs it
  const Plan& plan_;
  std::string file_;
  std::unique_ptr<State> state_;
};

}  // namespace chiso::check
