// compare_periods on two hand tables: points for shares, counts for counts,
// nothing when either side is missing, city-wide from the summaries.
#include <gtest/gtest.h>

#include "consolidate/analysis.h"
#include "consolidate/fixtures/seed_fixture.h"

namespace chiso {
namespace {

using chiso::testing::make_indicator;

Plan compare_plan() {
  Plan plan;
  plan.indicators = {
      make_indicator("online_total", IndicatorKind::count, Consolidation::sum, "Tổng", "Total", 0),
      make_indicator("online_full_pct", IndicatorKind::percent, Consolidation::ratio, "Tỷ lệ",
                     "Share", 2),
      make_indicator("meeting_room_has", IndicatorKind::mark, Consolidation::mark_count, "Có",
                     "Has", 0),
  };
  for (const char* name : {"Sở A", "Sở B", "Sở C"}) {
    UnitDef unit;
    unit.name = name;
    plan.units.push_back(unit);
  }
  return plan;
}

UnitRow row(const char* name, std::optional<double> total, std::optional<double> share,
            ValueState mark) {
  UnitRow out;
  out.raw_name = name;
  out.unit_name = name;
  out.values.resize(3);
  if (total) out.values[0] = Value{ValueState::number, *total, "", {}};
  if (share) out.values[1] = Value{ValueState::number, *share, "", {}};
  out.values[2] = Value{mark, mark == ValueState::yes ? 1.0 : 0.0, "", {}};
  return out;
}

const PeriodChange& find(const std::vector<PeriodChange>& changes, const std::string& unit,
                         int indicator_idx) {
  for (const PeriodChange& change : changes) {
    if (change.unit == unit && change.indicator_idx == indicator_idx) return change;
  }
  static PeriodChange none;
  ADD_FAILURE() << "no change for " << unit << " / " << indicator_idx;
  return none;
}

TEST(ComparePeriods, TwoHandTables) {
  Plan plan = compare_plan();
  CheckedTable previous, current;
  previous.period = "2024-Q3";
  current.period = "2024-Q4";
  previous.rows = {row("Sở A", 150, 70, ValueState::no), row("Sở B", 10, 0.1, ValueState::yes)};
  current.rows = {row("Sở A", 158, 74.05, ValueState::yes), row("Sở B", 12, 0.3, ValueState::yes),
                  row("Sở C", 5, 20, ValueState::blank)};
  current.rows[1].values[0].state = ValueState::text;  // "86-96" style: no number
  previous.summary.resize(3);
  current.summary.resize(3);
  previous.summary[1].value = 68.123;   // shown 68,12
  current.summary[1].value = 72.6491;   // shown 72,65
  previous.summary[0].value = 160;
  // current.summary[0] undefined

  std::vector<PeriodChange> changes = compare_periods(plan, current, previous);
  // 3 units × 3 indicators + 3 city-wide.
  ASSERT_EQ(changes.size(), 12u);
  EXPECT_EQ(changes[0].unit, "Sở A");
  EXPECT_EQ(changes.back().unit, "");

  const PeriodChange& a_total = find(changes, "Sở A", 0);
  EXPECT_DOUBLE_EQ(*a_total.delta, 8);  // 158 − 150 procedures
  const PeriodChange& a_share = find(changes, "Sở A", 1);
  EXPECT_DOUBLE_EQ(*a_share.previous, 70);
  EXPECT_DOUBLE_EQ(*a_share.current, 74.05);
  EXPECT_DOUBLE_EQ(*a_share.delta, 4.05);  // points
  const PeriodChange& a_mark = find(changes, "Sở A", 2);
  EXPECT_DOUBLE_EQ(*a_mark.previous, 0);
  EXPECT_DOUBLE_EQ(*a_mark.current, 1);
  EXPECT_FALSE(a_mark.delta.has_value());  // marks have no change figure

  EXPECT_DOUBLE_EQ(*find(changes, "Sở B", 1).delta, 0.2);  // 0,3 − 0,1 as shown
  EXPECT_FALSE(find(changes, "Sở B", 0).delta.has_value());  // text now
  EXPECT_FALSE(find(changes, "Sở B", 0).current.has_value());

  const PeriodChange& c_share = find(changes, "Sở C", 1);  // new this period
  EXPECT_FALSE(c_share.previous.has_value());
  EXPECT_DOUBLE_EQ(*c_share.current, 20);
  EXPECT_FALSE(c_share.delta.has_value());

  EXPECT_DOUBLE_EQ(*find(changes, "", 1).delta, 4.53);  // 72,65 − 68,12
  EXPECT_FALSE(find(changes, "", 0).delta.has_value());
  EXPECT_DOUBLE_EQ(*find(changes, "", 0).previous, 160);
}

TEST(ComparePeriods, UnregisteredRowsComeAfterRegisteredUnits) {
  Plan plan = compare_plan();
  CheckedTable previous, current;
  current.rows = {row("Sở Lạ", 1, 1, ValueState::blank), row("Sở B", 1, 1, ValueState::blank)};
  current.rows[0].unit_name = "";
  std::vector<PeriodChange> changes = compare_periods(plan, current, previous);
  ASSERT_EQ(changes.size(), 9u);  // Sở B, Sở Lạ, city-wide
  EXPECT_EQ(changes[0].unit, "Sở B");
  EXPECT_EQ(changes[3].unit, "Sở Lạ");
  EXPECT_FALSE(changes[3].delta.has_value());
}

}  // namespace
}  // namespace chiso
