// value.jump: a value against the unit's earlier values, with the ratio the
// plan gives (figures chosen by hand: with ratio 2, earlier 120 and 135, a
// value above 270 or below 60 is far).
#include <gtest/gtest.h>

#include "check/value_jump.h"

namespace chiso::check {
namespace {

Plan two_indicator_plan() {
  Plan plan;
  Indicator count;
  count.code = "online_total";
  count.kind = IndicatorKind::count;
  count.decimals = 0;
  Indicator mark;
  mark.code = "meeting_room_has";
  mark.kind = IndicatorKind::mark;
  plan.indicators = {count, mark};
  return plan;
}

Value number(double figure, std::string raw) { return Value{ValueState::number, figure, std::move(raw), {}}; }

UnitRow row_with(double figure, std::string raw) {
  UnitRow row;
  row.unit_name = "Sở Y tế";
  row.period = "2025-Q1";
  row.values = {number(figure, std::move(raw)), Value{ValueState::yes, 1, "x", {}}};
  return row;
}

std::vector<Finding> jumps(const Plan& plan, const UnitRow& row, const std::vector<EarlierValues>& earlier) {
  std::vector<Finding> out;
  check_value_jumps(plan, row, earlier, "", out);
  return out;
}

const std::vector<EarlierValues> kEarlier = {
    {"2024-Q4", {number(135, "135"), Value{ValueState::no, 0, "0", {}}}},
    {"2024-Q3", {number(120, "120"), Value{ValueState::yes, 1, "x", {}}}},
};

TEST(ValueJump, AValueMoreThanTwiceTheLargestIsAWarningGivingTheRange) {
  auto found = jumps(two_indicator_plan(), row_with(390, "390"), kEarlier);
  ASSERT_EQ(found.size(), 1u);  // the mark is never compared
  EXPECT_EQ(found[0].rule_id, "value.jump");
  EXPECT_EQ(found[0].severity, Severity::warning);
  EXPECT_EQ(found[0].indicator, "online_total");
  EXPECT_EQ(found[0].unit, "Sở Y tế");
  EXPECT_EQ(found[0].period, "2025-Q1");
  EXPECT_EQ(found[0].raw, "390");
  EXPECT_EQ(found[0].message_vi, "Giá trị 390 khác xa các kỳ trước (120 – 135).");
  EXPECT_EQ(found[0].message_en, "The value 390 is far from the earlier periods (120 – 135).");
}

TEST(ValueJump, TheBoundsAreTwiceTheLargestAndHalfTheSmallest) {
  const Plan plan = two_indicator_plan();
  EXPECT_TRUE(jumps(plan, row_with(270, "270"), kEarlier).empty());  // 2 × 135
  EXPECT_EQ(jumps(plan, row_with(271, "271"), kEarlier).size(), 1u);
  EXPECT_TRUE(jumps(plan, row_with(60, "60"), kEarlier).empty());  // 120 / 2
  EXPECT_EQ(jumps(plan, row_with(59, "59"), kEarlier).size(), 1u);
  EXPECT_EQ(jumps(plan, row_with(0, "0"), kEarlier).size(), 1u);
}

TEST(ValueJump, ThePlansRatioIsUsed) {
  Plan plan = two_indicator_plan();
  plan.value_jump_ratio = 3;
  EXPECT_TRUE(jumps(plan, row_with(390, "390"), kEarlier).empty());  // under 3 × 135 = 405
  EXPECT_EQ(jumps(plan, row_with(406, "406"), kEarlier).size(), 1u);
}

TEST(ValueJump, NoEarlierNumberOrOnlyZerosGivesNoScale) {
  const Plan plan = two_indicator_plan();
  EXPECT_TRUE(jumps(plan, row_with(390, "390"), {}).empty());
  const std::vector<EarlierValues> zeros = {{"2024-Q4", {number(0, "0"), Value{}}}};
  EXPECT_TRUE(jumps(plan, row_with(390, "390"), zeros).empty());
  const std::vector<EarlierValues> blank = {{"2024-Q4", {Value{}, Value{}}}};
  EXPECT_TRUE(jumps(plan, row_with(390, "390"), blank).empty());
}

}  // namespace
}  // namespace chiso::check
