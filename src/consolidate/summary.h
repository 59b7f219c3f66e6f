// City-wide figures: each indicator by its plan consolidation method (sum,
// ratio of sums, weighted mean, mean with units reporting, mark counts).
// Typed shares are never summed or averaged: a ratio indicator is its formula
// evaluated over the summed counts.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "common/model.h"
#include "plan/plan.h"

namespace chiso {

class SummaryAccumulator {
 public:
  explicit SummaryAccumulator(const Plan& plan);
  ~SummaryAccumulator();
  void add(const UnitRow& row);
  // The same, told the row's findings (those check_row() gave for it): a
  // value under an error that says it cannot be right by itself (not a
  // number, a negative count, a share outside 0–100, outside the scale a
  // plan rule on that cell alone sets: value_standing.h) is left out, as a
  // blank would be, and the figure's units_reporting does not count it.
  // Values that only disagree with each other (a sum, a share) are counted
  // as typed. A row under unit.not_valid (a unit the row's period does not
  // have) is left out whole. Findings of other rows are ignored only if their row number
  // differs, so pass this row's.
  void add(const UnitRow& row, const std::vector<Finding>& row_findings);
  std::vector<SummaryValue> finish() const;  // indexed by plan indicator

 private:
  struct State;
  std::unique_ptr<State> state_;
};

std::vector<SummaryValue> summarize(const Plan& plan, const std::vector<UnitRow>& rows);
// The same with the table's findings (any order, any rows), each row added
// as add(row, its findings) does.
std::vector<SummaryValue> summarize(const Plan& plan, const std::vector<UnitRow>& rows,
                                    const std::vector<Finding>& findings);

}  // namespace chiso
