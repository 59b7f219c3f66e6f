// Rankings and targets: hand values from the seed's columns and small hand
// tables; ties share a rank, non-reporters are listed apart.
#include <gtest/gtest.h>

#include "consolidate/analysis.h"
#include "consolidate/fixtures/seed_fixture.h"

namespace chiso {
namespace {

using chiso::testing::seed_plan;
using chiso::testing::seed_table;
using chiso::testing::set_city;

std::vector<std::string> names_of(const Ranking& ranking) {
  std::vector<std::string> names;
  for (const RankEntry& entry : ranking.ranked) names.push_back(entry.unit);
  return names;
}

// A small plan and table: units A–G, one percent indicator.
struct HandCase {
  Plan plan;
  CheckedTable table;
  HandCase() {
    plan.indicators.push_back(chiso::testing::make_indicator(
        "share", IndicatorKind::percent, Consolidation::mean, "Tỷ lệ", "Share", 2));
    for (const char* name : {"A", "B", "C", "D", "E", "F", "G"}) {
      UnitDef unit;
      unit.name = name;
      unit.kind = std::string(name) < "D" ? UnitKind::department : UnitKind::district;
      plan.units.push_back(unit);
    }
    table.period = "2025-Q1";
    table.summary.resize(1);
    add("A", ValueState::number, 50, "50");
    add("B", ValueState::number, 70, "70");
    add("C", ValueState::number, 70.004, "70,004");  // shown as 70: ties with B
    add("D", ValueState::number, 90, "90");
    add("E", ValueState::blank, 0, "");
    add("F", ValueState::text, 0, "86-96");
    // G: registered, no row at all.
  }
  void add(const char* name, ValueState state, double number, const char* raw) {
    UnitRow row;
    row.raw_name = name;
    row.unit_name = name;
    row.period = "2025-Q1";
    row.values.resize(1);
    row.values[0].state = state;
    row.values[0].number = number;
    row.values[0].raw = raw;
    table.rows.push_back(row);
  }
};

TEST(RankUnits, TiesShareARankAndNonReportersAreApart) {
  HandCase hand;
  Ranking ranking = rank_units(hand.plan, hand.table, "share");
  EXPECT_FALSE(ranking.lower_is_better);
  ASSERT_EQ(ranking.ranked.size(), 4u);
  EXPECT_EQ(names_of(ranking), (std::vector<std::string>{"D", "B", "C", "A"}));
  EXPECT_EQ(ranking.ranked[0].rank, 1);
  EXPECT_EQ(ranking.ranked[1].rank, 2);
  EXPECT_EQ(ranking.ranked[2].rank, 2);
  EXPECT_EQ(ranking.ranked[3].rank, 4);
  EXPECT_DOUBLE_EQ(*ranking.ranked[2].value, 70);  // as shown
  EXPECT_EQ(ranking.not_reported, (std::vector<std::string>{"E", "F", "G"}));
}

TEST(RankUnits, LowerIsBetterWhenATargetSaysSo) {
  HandCase hand;
  hand.plan.targets.push_back(Target{"share", "<=", 60, "", ""});
  Ranking ranking = rank_units(hand.plan, hand.table, "share");
  EXPECT_TRUE(ranking.lower_is_better);
  EXPECT_EQ(names_of(ranking), (std::vector<std::string>{"A", "B", "C", "D"}));
  EXPECT_EQ(ranking.ranked[1].rank, 2);
  EXPECT_EQ(ranking.ranked[2].rank, 2);
  EXPECT_EQ(ranking.ranked[3].rank, 4);
}

TEST(RankUnits, OtherPeriodsAndDuplicatesAreNotCounted) {
  HandCase hand;
  hand.add("A", ValueState::number, 99, "99");  // duplicate: the first row counts
  hand.table.rows.back().period = "2025-Q1";
  hand.add("B", ValueState::number, 100, "100");
  hand.table.rows.back().period = "2024-Q4";  // another period in the same file
  Ranking ranking = rank_units(hand.plan, hand.table, "share");
  EXPECT_EQ(names_of(ranking), (std::vector<std::string>{"D", "B", "C", "A"}));
  EXPECT_DOUBLE_EQ(*ranking.ranked[3].value, 50);
}

TEST(RankUnits, UnknownCodeGivesAnEmptyRanking) {
  HandCase hand;
  Ranking ranking = rank_units(hand.plan, hand.table, "nope");
  EXPECT_TRUE(ranking.ranked.empty());
  EXPECT_TRUE(ranking.not_reported.empty());
}

TEST(RankUnits, SeedFullProcessShare) {
  Plan plan = seed_plan();
  CheckedTable table = seed_table(plan);
  Ranking ranking = rank_units(plan, table, "online_full_pct");
  // By hand from column 7: five units at 100 share rank 1; then 96, 93, 90.
  ASSERT_EQ(ranking.ranked.size(), 28u);
  for (int idx = 0; idx < 5; ++idx) EXPECT_EQ(ranking.ranked[idx].rank, 1);
  EXPECT_EQ(ranking.ranked[0].unit, "Sở Kế hoạch và Đầu tư");
  EXPECT_EQ(ranking.ranked[4].unit, "Sở Nông nghiệp và PTNT");
  EXPECT_EQ(ranking.ranked[5].unit, "Bảo hiểm xã hội thành phố");
  EXPECT_EQ(ranking.ranked[5].rank, 6);
  EXPECT_EQ(ranking.ranked[6].unit, "Công an thành phố");
  EXPECT_EQ(ranking.ranked[6].rank, 7);
  // Sở Y tế's 12,4 is last; Chi nhánh NHNN TP has 0 services of 0: no share
  // at all, listed apart, never ranked 29th (issue 14 §4).
  EXPECT_EQ(ranking.ranked[27].unit, "Sở Y tế");
  EXPECT_EQ(ranking.ranked[27].rank, 28);
  EXPECT_EQ(ranking.not_applicable, (std::vector<std::string>{"Chi nhánh NHNN TP"}));
  EXPECT_EQ(ranking.not_reported, (std::vector<std::string>{"Sở Thông tin và TT"}));
}

TEST(EvaluateTargets, SeedTargetsByHand) {
  Plan plan = seed_plan();
  plan.targets.push_back(Target{"online_full_pct", ">=", 80, "", "test"});
  plan.targets.push_back(Target{"cashless_pct", ">=", 90, "district", "test"});
  CheckedTable table = seed_table(plan);
  set_city(table, plan, "online_full_pct", 100.0 * 3044 / 4190);  // 72,65
  std::vector<TargetResult> results = evaluate_targets(plan, table);
  ASSERT_EQ(results.size(), 2u);

  // Column 7 ≥ 80: 5×100, 96, 93, 90, 89,15, 88,9, 88,78, 87,4, 83,9, 81, 80,5.
  EXPECT_EQ(results[0].target, &plan.targets[0]);
  EXPECT_EQ(results[0].met.size(), 15u);
  EXPECT_EQ(results[0].not_met.size(), 13u);  // NHNN's 0 of 0 does not apply
  EXPECT_EQ(results[0].not_applicable, (std::vector<std::string>{"Chi nhánh NHNN TP"}));
  EXPECT_EQ(results[0].not_reported, (std::vector<std::string>{"Sở Thông tin và TT"}));
  ASSERT_TRUE(results[0].city_wide_met.has_value());
  EXPECT_FALSE(*results[0].city_wide_met);
  EXPECT_DOUBLE_EQ(*results[0].city_wide, 72.65);

  // Districts' column 10 ≥ 90: Hồng Bàng 99,9 and Cát Hải 92; nine below.
  EXPECT_EQ(results[1].met,
            (std::vector<std::string>{"UBND quận Hồng Bàng", "UBND huyện Cát Hải"}));
  EXPECT_EQ(results[1].not_met.size(), 9u);
  EXPECT_TRUE(results[1].not_reported.empty());
  EXPECT_FALSE(results[1].city_wide_met.has_value());  // city-wide covers all kinds
}

TEST(EvaluateTargets, BoundaryAsShownAndMissingUnits) {
  HandCase hand;
  hand.plan.targets.push_back(Target{"share", ">=", 70, "", ""});
  hand.plan.targets.push_back(Target{"share", ">", 70, "department", ""});
  hand.plan.targets.push_back(Target{"share", "<", 60, "district", ""});
  hand.table.rows[0].values[0].number = 69.996;  // A shows as 70 → meets ">= 70"
  std::vector<TargetResult> results = evaluate_targets(hand.plan, hand.table);
  ASSERT_EQ(results.size(), 3u);
  EXPECT_EQ(results[0].met, (std::vector<std::string>{"A", "B", "C", "D"}));
  EXPECT_EQ(results[0].not_reported, (std::vector<std::string>{"E", "F", "G"}));
  EXPECT_FALSE(results[0].city_wide_met.has_value());  // summary undefined
  // Departments A, B, C: none is above 70 as shown.
  EXPECT_TRUE(results[1].met.empty());
  EXPECT_EQ(results[1].not_met, (std::vector<std::string>{"A", "B", "C"}));
  EXPECT_TRUE(results[1].not_reported.empty());
  // Districts D (90), E blank, F text, G absent.
  EXPECT_EQ(results[2].not_met, (std::vector<std::string>{"D"}));
  EXPECT_EQ(results[2].not_reported, (std::vector<std::string>{"E", "F", "G"}));
}

TEST(TargetHolds, EveryOperator) {
  EXPECT_TRUE(target_holds(">=", 80, 80));
  EXPECT_FALSE(target_holds(">", 80, 80));
  EXPECT_TRUE(target_holds("<=", 80, 80));
  EXPECT_FALSE(target_holds("<", 80, 80));
  EXPECT_TRUE(target_holds("==", 80, 80));
  EXPECT_FALSE(target_holds("=>", 80, 80));
  EXPECT_FALSE(target_holds("", 80, 80));
}

}  // namespace
}  // namespace chiso
