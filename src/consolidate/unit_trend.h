// One unit's line across periods, through a reorganisation (issue 15 §3).
//
// While the unit exists its line is its own figure (its row consolidated
// alone: a share from its counts). After it ended (valid_to) the line follows
// its successors valid in each period (a successor that ended too is followed
// to its own successors):
//   - renamed_to / upgraded_to one unit: that unit's figure, whatever the
//     indicator (the same unit under another name);
//   - otherwise (merged into, split into): the figure over the successors'
//     rows, when the indicator's consolidation adds up across units (sum,
//     ratio of sums, weighted_mean); for a mean, mark counts or none the
//     successors' figure is not the unit's, and the line stops.
// The change says in which period the line changed and how, in words.
// A period before the unit began has no point.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "common/model.h"
#include "plan/plan.h"

namespace chiso {

struct UnitTrendPoint {
  std::string period;
  std::optional<double> value;     // empty: no figure (no row, nothing reported)
  std::vector<std::string> units;  // the registered names the figure is of, with a row
  bool of_successors = false;      // after the unit ended: its successors' figure
};

struct UnitTrendChange {
  std::string period;                   // the first period after the unit ended
  bool stopped = false;                 // the line does not go on over the successors
  std::vector<std::string> successors;  // the units it followed (or would have)
  std::string words_vi;                 // "Từ Quý III năm 2025, UBND huyện … không còn; …"
  std::string words_en;
};

struct UnitTrend {
  std::string unit;  // the registered name
  std::vector<UnitTrendPoint> points;
  std::optional<UnitTrendChange> change;
};

// The line of plan.units[unit_idx] for `indicator_idx` over `tables`, one
// table per period (CheckedTable::period, rows with their findings: a value a
// finding says cannot be right is left out as the city-wide figure leaves
// it), in time order.
// REQUIRES: unit_idx and indicator_idx index the plan's units and indicators.
UnitTrend unit_trend(const Plan& plan, int unit_idx, int indicator_idx, const std::vector<CheckedTable>& tables);

}  // namespace chiso
