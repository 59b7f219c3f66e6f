// Rank indicators (kind = "rank") checked across the rows of a table: in
// each period, a unit's rank is 1 + the number of units whose `rank_of`
// value is better (higher, or lower with rank_order = "ascending"). So the
// ranks follow the scores, ties share a rank, and no rank is skipped except
// after a tie (1, 2, 2, 4). A rank whose score is blank or not a number
// cannot be decided and gets no finding; neither does the rank of a unit
// with no score, nor one that value.rank_invalid already refused.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "common/model.h"
#include "plan/plan.h"

namespace chiso::check {

class RankRows {
 public:
  // REQUIRES: `plan` outlives this. `file` is copied into every finding.
  RankRows(const Plan& plan, std::string file);
  ~RankRows();

  // Whether the plan has a rank to check (else add() keeps nothing).
  bool active() const;
  // A unit row (role unit), `unit` the name findings use, `shown` the name
  // their messages give (the unit as named in the row's period).
  void add(const UnitRow& row, const std::string& unit, const std::string& shown);
  // After the last row: rank.mismatch for each rank that does not follow
  // the scores, in period order, then row order.
  void finish(std::vector<Finding>& out);

 private:
  struct State;
  std::unique_ptr<State> state_;
};

}  // namespace chiso::check
