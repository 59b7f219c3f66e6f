// A unit's line over time beside the city-wide one (issue 15 §3): the same
// periods and city-wide points as the trend (period_table.h), and the unit's
// own line over them, which after a reorganisation follows its successors
// (consolidate/unit_trend.h).
#pragma once

#include <optional>
#include <string_view>

#include "common/result.h"
#include "consolidate/unit_trend.h"
#include "plan/period.h"
#include "plan/plan.h"
#include "service/period_table.h"
#include "store/store.h"

namespace chiso::service {

struct UnitTrendLines {
  Trend city;     // trend_of_kind's answer, as it is
  UnitTrend unit;  // over city.points' periods
};

// The lines of `indicator_code` over the stored periods of `kind` (nullopt:
// the latest period's kind). `unit` is a registered name (service
// registered_unit_names matches a typed one). Not found when the plan has no
// such indicator or no such unit.
Result<UnitTrendLines> unit_trend_of_kind(const Plan& plan, Store& store, std::string_view indicator_code,
                                          std::string_view unit, std::optional<PeriodKind> kind);

}  // namespace chiso::service
