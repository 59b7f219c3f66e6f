// A period's consolidated table and the city-wide figures over time, from
// the current submissions of every unit (store.h). The city-wide figures
// are computed here (consolidate), kept by the store for the next reader, and
// computed again once any unit's submission changes.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/model.h"
#include "common/result.h"
#include "plan/period.h"
#include "plan/plan.h"
#include "store/store.h"

namespace chiso::service {

// The current table of `period` with its city-wide figures (not found when the
// period is not stored).
Result<CheckedTable> load_period_table(const Plan& plan, Store& store, std::string_view period);

// The city-wide figures of a period, kept or computed (and then kept).
Result<std::vector<SummaryValue>> period_summary(const Plan& plan, Store& store, std::string_view period);

struct TrendPoint {
  std::string period;
  std::optional<double> value;
  int units_reporting = 0;
};

// The city-wide figure of `indicator_code` for every stored period, in time
// order. Not found when the plan has no such indicator.
Result<std::vector<TrendPoint>> trend(const Plan& plan, Store& store, std::string_view indicator_code);

// A trend never joins periods of different lengths: the city-wide figure over
// the stored periods of one kind, with the periods of the other kinds named.
struct Trend {
  PeriodKind kind = PeriodKind::other;
  std::vector<TrendPoint> points;          // the stored periods of `kind`, in time order
  std::vector<PeriodsOfKind> other_kinds;  // the other kinds stored (split_periods_by_kind order)
};

// The trend of `indicator_code` over the periods of `kind`; when nullopt, of
// the kind of the latest stored period. Not found when the plan has no such
// indicator; points empty when no period of `kind` is stored.
Result<Trend> trend_of_kind(const Plan& plan, Store& store, std::string_view indicator_code,
                            std::optional<PeriodKind> kind);

}  // namespace chiso::service
