#include "service/period_table.h"

#include <algorithm>
#include <map>

#include "consolidate/published_values.h"
#include "consolidate/summary.h"

namespace chiso::service {

namespace {

// Computes the figures from a loaded table and keeps them for the state the
// table was loaded in (a write since then leaves them unkept).
Result<std::vector<SummaryValue>> summarize_and_keep(const Plan& plan, Store& store, std::string_view period,
                                                    std::int64_t change_count, const CheckedTable& table) {
  // Values a finding shows cannot be right are left out (consolidate/summary.h).
  std::vector<SummaryValue> summary = summarize(plan, table.rows, table.findings);
  // Keeping is a convenience: a reader that cannot write now (busy) still answers.
  (void)store.put_summary(plan, period, change_count, summary);
  return summary;
}

}  // namespace

Result<std::vector<SummaryValue>> period_summary(const Plan& plan, Store& store, std::string_view period) {
  auto cached = store.cached_summary(plan, period);
  if (!cached) return cached.error();
  if (*cached) return std::move(**cached);
  auto change_count = store.period_change_count(period);
  if (!change_count) return change_count.error();
  auto table = store.load_period(plan, period);
  if (!table) return table.error();
  return summarize_and_keep(plan, store, period, *change_count, *table);
}

Result<CheckedTable> load_period_table(const Plan& plan, Store& store, std::string_view period) {
  auto change_count = store.period_change_count(period);
  if (!change_count) return change_count.error();
  auto table = store.load_period(plan, period);
  if (!table) return table.error();
  auto cached = store.cached_summary(plan, period);
  if (!cached) return cached.error();
  if (*cached) {
    table->summary = std::move(**cached);
  } else {
    auto summary = summarize_and_keep(plan, store, period, *change_count, *table);
    if (!summary) return summary.error();
    table->summary = std::move(*summary);
  }
  return table;
}

namespace {

using KeptFigures = std::map<std::string, SummaryValue, std::less<>>;

// The index of the trend's indicator; not found when the plan has none.
Result<std::size_t> trend_indicator(const Plan& plan, std::string_view indicator_code) {
  const int indicator_idx = plan.indicator_index(indicator_code);
  if (indicator_idx < 0)
    return make_error(ErrorKind::not_found, "Kế hoạch không có chỉ tiêu '" + std::string(indicator_code) + "'.",
                      "The plan has no indicator '" + std::string(indicator_code) + "'.");
  return static_cast<std::size_t>(indicator_idx);
}

// One period's point: its kept figure (`kept`: Store::cached_indicator_summaries,
// one read for every period), or, when none is kept, the period's figures
// computed from its current versions and kept (period_summary).
Result<TrendPoint> trend_point(const Plan& plan, Store& store, const KeptFigures& kept, std::size_t indicator_idx,
                               const std::string& period) {
  if (auto found = kept.find(period); found != kept.end())
    return TrendPoint{period, found->second.value, found->second.units_reporting};
  auto summary = period_summary(plan, store, period);
  if (!summary) return summary.error();
  const SummaryValue& value = (*summary)[indicator_idx];
  return TrendPoint{period, value.value, value.units_reporting};
}

}  // namespace

Result<std::vector<TrendPoint>> trend(const Plan& plan, Store& store, std::string_view indicator_code) {
  auto indicator_idx = trend_indicator(plan, indicator_code);
  if (!indicator_idx) return indicator_idx.error();
  auto periods = store.periods();
  if (!periods) return periods.error();
  auto kept = store.cached_indicator_summaries(plan, indicator_code);
  if (!kept) return kept.error();
  std::vector<TrendPoint> points;
  for (const PeriodInfo& info : *periods) {
    if (info.unit_count == 0) continue;
    auto point = trend_point(plan, store, *kept, *indicator_idx, info.period);
    if (!point) return point.error();
    points.push_back(std::move(*point));
  }
  return points;
}

Result<Trend> trend_of_kind(const Plan& plan, Store& store, std::string_view indicator_code,
                            std::optional<PeriodKind> kind) {
  auto indicator_idx = trend_indicator(plan, indicator_code);
  if (!indicator_idx) return indicator_idx.error();
  auto periods = store.periods();
  if (!periods) return periods.error();
  std::vector<std::string> names;
  for (const PeriodInfo& info : *periods) {
    if (info.unit_count > 0) names.push_back(info.period);
  }
  Trend trend;
  if (kind) {
    trend.kind = *kind;
  } else if (!names.empty()) {
    // The latest period: the greatest sort key (at equal last month the longer period).
    trend.kind =
        period_kind(*std::max_element(names.begin(), names.end(), [](const auto& a, const auto& b) {
          return period_sort_key(a) < period_sort_key(b);
        }));
  }
  auto kept = store.cached_indicator_summaries(plan, indicator_code);
  if (!kept) return kept.error();
  for (PeriodsOfKind& group : split_periods_by_kind(names)) {
    if (group.kind != trend.kind) {
      trend.other_kinds.push_back(std::move(group));
      continue;
    }
    for (const std::string& period : group.periods) {
      auto point = trend_point(plan, store, *kept, *indicator_idx, period);
      if (!point) return point.error();
      trend.points.push_back(std::move(*point));
    }
  }
  return trend;
}

Result<CheckedTable> load_published_table(const Plan& plan, Store& store, std::string_view period, bool review) {
  auto table = load_period_table(plan, store, period);
  if (!table || review) return table;
  return with_published_values(plan, std::move(table).value());
}

}  // namespace chiso::service
