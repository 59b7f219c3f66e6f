// City-wide figures: each indicator by its plan consolidation method (sum,
// ratio of sums, weighted mean, mean with units reporting, mark counts).
// Typed shares are never summed or averaged: a ratio indicator is its formula
// evaluated over the summed counts.
#pragma once

#include <memory>
#include <vector>

#include "common/model.h"
#include "plan/plan.h"

namespace chiso {

class SummaryAccumulator {
 public:
  explicit SummaryAccumulator(const Plan& plan);
  ~SummaryAccumulator();
  void add(const UnitRow& row);
  std::vector<SummaryValue> finish() const;  // indexed by plan indicator

 private:
  struct State;
  std::unique_ptr<State> state_;
};

std::vector<SummaryValue> summarize(const Plan& plan, const std::vector<UnitRow>& rows);

}  // namespace chiso
