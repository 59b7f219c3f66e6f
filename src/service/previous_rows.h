// A unit's values in its earlier periods: what a form shows beside each cell
// and what check::check_value_jumps compares a typed value with. Earlier
// periods are the stored periods of the same kind (quarters with quarters)
// before the one at hand; their values are the published ones (shares
// computed from the counts, consolidate/published_values.h).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "check/value_jump.h"
#include "common/result.h"
#include "plan/plan.h"
#include "store/store.h"

namespace chiso::service {

// How many earlier periods a row is compared with and shown beside.
inline constexpr std::size_t kPreviousPeriodsMax = 4;

// The periods of `stored` of the same kind as `period` and before it, the
// newest first, at most `periods_max`.
std::vector<std::string> earlier_periods(const std::vector<PeriodInfo>& stored, std::string_view period,
                                         std::size_t periods_max);

// The unit's current (not withdrawn) row in each of the earlier periods
// where it has one, the newest first: at most `periods_max` periods looked
// at. `unit` is the canonical name.
Result<std::vector<check::EarlierValues>> previous_rows(const Plan& plan, Store& store, std::string_view period,
                                                        std::string_view unit,
                                                        std::size_t periods_max = kPreviousPeriodsMax);

// The same for every unit at once (checking a whole table): the earlier
// periods' published tables, loaded once.
class PreviousPeriods {
 public:
  // Empty when nothing is stored before `period`.
  static Result<PreviousPeriods> load(const Plan& plan, Store& store, std::string_view period,
                                      std::size_t periods_max = kPreviousPeriodsMax);
  // The unit's rows, as previous_rows() gives them; `unit` canonical.
  std::vector<check::EarlierValues> of_unit(std::string_view unit) const;
  bool empty() const { return tables_.empty(); }

 private:
  std::vector<CheckedTable> tables_;  // the newest first
  std::vector<std::unordered_map<std::string, std::size_t>> row_by_unit_;  // per table: unit → row index
};

}  // namespace chiso::service
