// SummaryAccumulator: each consolidation method on rows built by hand.
#include "consolidate/summary.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace chiso {
namespace {

// count a, count b, percent share = 100·b/a (ratio), days d weighted by a,
// percent p (mean), mark m.
Plan small_plan() {
  Plan plan;
  auto add = [&plan](std::string code, IndicatorKind kind, Consolidation method) {
    Indicator indicator;
    indicator.code = std::move(code);
    indicator.kind = kind;
    indicator.consolidation = method;
    plan.indicators.push_back(indicator);
    return &plan.indicators.back();
  };
  add("a", IndicatorKind::count, Consolidation::sum);
  add("b", IndicatorKind::count, Consolidation::sum);
  add("share", IndicatorKind::percent, Consolidation::ratio)->formula = "100 * b / a";
  add("d", IndicatorKind::days, Consolidation::weighted_mean)->weight = "a";
  add("p", IndicatorKind::percent, Consolidation::mean);
  add("m", IndicatorKind::mark, Consolidation::mark_count);
  return plan;
}

Value num(double v) {
  Value value;
  value.state = ValueState::number;
  value.number = v;
  return value;
}
Value text(const char* raw) {
  Value value;
  value.state = ValueState::text;
  value.raw = raw;
  return value;
}
Value mark(ValueState state) {
  Value value;
  value.state = state;
  value.number = state == ValueState::yes ? 1 : 0;
  return value;
}

UnitRow row(std::vector<Value> values) {
  UnitRow out;
  out.values = std::move(values);
  return out;
}

TEST(SummaryTest, EachMethodByHand) {
  Plan plan = small_plan();
  std::vector<UnitRow> rows = {
      //    a       b       share     d        p            m
      row({num(10), num(4), num(99), num(2), num(50), mark(ValueState::yes)}),
      row({num(30), num(27), num(1), num(4), num(70), mark(ValueState::no)}),
      row({num(20), Value{}, num(50), Value{}, text("86-96"), Value{}}),
      row({Value{}, num(5), Value{}, num(9), num(90), mark(ValueState::yes)}),
  };
  auto summary = summarize(plan, rows);
  ASSERT_EQ(summary.size(), 6u);
  // a: 10 + 30 + 20 = 60 over 3 units.
  EXPECT_DOUBLE_EQ(*summary[0].value, 60);
  EXPECT_EQ(summary[0].units_reporting, 3);
  // b: 4 + 27 + 5 = 36 over 3 units.
  EXPECT_DOUBLE_EQ(*summary[1].value, 36);
  // share: only rows with both a and b (rows 1, 2): 100 · (4 + 27) / (10 + 30)
  // = 77,5 — the typed 99 and 1 are never averaged.
  EXPECT_DOUBLE_EQ(*summary[2].value, 77.5);
  EXPECT_EQ(summary[2].units_reporting, 2);
  // d weighted by a over rows with both (1, 2): (2·10 + 4·30) / 40 = 3,5.
  EXPECT_DOUBLE_EQ(*summary[3].value, 3.5);
  EXPECT_EQ(summary[3].units_reporting, 2);
  // p: the text `86-96` is left out: (50 + 70 + 90) / 3 = 70.
  EXPECT_DOUBLE_EQ(*summary[4].value, 70);
  EXPECT_EQ(summary[4].units_reporting, 3);
  // m: yes 2, no 1, blank 1.
  EXPECT_EQ(summary[5].yes, 2);
  EXPECT_EQ(summary[5].no, 1);
  EXPECT_EQ(summary[5].blank, 1);
  EXPECT_EQ(summary[5].units_reporting, 3);
  EXPECT_DOUBLE_EQ(*summary[5].value, 2);
}

TEST(SummaryTest, UndefinedFiguresAreEmpty) {
  Plan plan = small_plan();
  // A zero total makes the share undefined; weights summing to 0 make the
  // weighted mean undefined; no numbers make a sum and a mean undefined.
  std::vector<UnitRow> rows = {
      row({num(0), num(0), Value{}, num(3), Value{}, Value{}}),
  };
  auto summary = summarize(plan, rows);
  EXPECT_DOUBLE_EQ(*summary[0].value, 0);
  EXPECT_FALSE(summary[2].value.has_value());
  EXPECT_EQ(summary[2].units_reporting, 1);
  EXPECT_FALSE(summary[3].value.has_value());
  EXPECT_FALSE(summary[4].value.has_value());
  EXPECT_EQ(summary[4].units_reporting, 0);
  EXPECT_EQ(summary[5].blank, 1);
  auto empty = summarize(plan, {});
  EXPECT_FALSE(empty[0].value.has_value());
  EXPECT_FALSE(empty[5].value.has_value());
}

TEST(SummaryTest, ShortRowsAndABrokenFormulaDoNotCrash) {
  Plan plan = small_plan();
  plan.indicators[2].formula = "100 * b /";  // reported by check::compile
  SummaryAccumulator accumulator(plan);
  accumulator.add(row({num(1)}));  // fewer values than indicators
  auto summary = accumulator.finish();
  EXPECT_DOUBLE_EQ(*summary[0].value, 1);
  EXPECT_FALSE(summary[2].value.has_value());
  EXPECT_FALSE(summary[1].value.has_value());
}

// A row of a unit the period does not have (unit.not_valid: a district
// after it was dissolved) is none of the period's figures: a = 10 + 30 = 40
// over 2 units, not 45 over 3.
TEST(SummaryTest, ARowOfAUnitThePeriodHasNotIsLeftOut) {
  Plan plan = small_plan();
  std::vector<UnitRow> rows = {
      row({num(10), num(4), Value{}, Value{}, Value{}, Value{}}),
      row({num(5), num(1), Value{}, Value{}, Value{}, Value{}}),
      row({num(30), num(27), Value{}, Value{}, Value{}, Value{}}),
  };
  for (size_t row_idx = 0; row_idx < rows.size(); ++row_idx) {
    rows[row_idx].row_number = static_cast<int>(row_idx) + 1;
    rows[row_idx].unit_name = "U" + std::to_string(row_idx + 1);
  }
  Finding dissolved;
  dissolved.severity = Severity::error;
  dissolved.rule_id = "unit.not_valid";
  dissolved.unit = "U2";
  dissolved.row = 2;
  auto summary = summarize(plan, rows, {dissolved});
  EXPECT_DOUBLE_EQ(*summary[0].value, 40);
  EXPECT_EQ(summary[0].units_reporting, 2);
  // share: 100 · (4 + 27) / (10 + 30) = 77,5.
  EXPECT_DOUBLE_EQ(*summary[2].value, 77.5);
}

}  // namespace
}  // namespace chiso
