// The indicator kinds of scored tables (grade, score, index, rank), the
// consolidation "none", applies_to and the not-applicable markers: what the
// loader reads, what it refuses, how a cell is read, and that the plan cache
// keeps them.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>

#include "plan/binding.h"
#include "plan/plan.h"

namespace chiso {
namespace {

using ::testing::HasSubstr;

const std::string kKindsPlan =
    std::string(CHISO_SOURCE_DIR) + "/tests/check/fixtures/kinds-plan.toml";

const std::string kHead = R"toml(
id = "t"
name_vi = "Kế hoạch"
title_vi = "BẢNG"
unit_name_headers = ["Tên đơn vị"]
)toml";
const std::string kUnits = R"toml(
[[units]]
name = "Sở Y tế"
kind = "department"
)toml";
const std::string kScore = R"toml(
[[indicators]]
code = "score"
label_vi = "Điểm"
kind = "score"
max = 10
consolidation = "mean"
)toml";

std::string load_error(const std::string& toml_text) {
  Result<Plan> plan = parse_plan(toml_text, "bad.toml");
  EXPECT_FALSE(plan.ok()) << "the plan loaded but should not have";
  return plan.ok() ? std::string() : plan.error().message;
}

TEST(IndicatorKinds, TheTestPlanReadsEveryKind) {
  Result<Plan> plan = load_plan(kKindsPlan);
  ASSERT_TRUE(plan.ok()) << plan.error().message;
  ASSERT_EQ(plan->indicators.size(), 7u);
  const Indicator& direction = plan->indicators[0];
  EXPECT_EQ(direction.kind, IndicatorKind::score);
  EXPECT_EQ(direction.max, 10);
  EXPECT_EQ(direction.decimals, 2);
  const Indicator& land = plan->indicators[2];
  EXPECT_EQ(land.applies_to, std::vector<std::string>{"district"});
  EXPECT_TRUE(land.applies_to_kind("district"));
  EXPECT_FALSE(land.applies_to_kind("department"));
  const Indicator& index = plan->indicators[3];
  EXPECT_EQ(index.kind, IndicatorKind::index);
  ASSERT_EQ(index.components.size(), 2u);
  EXPECT_EQ(index.components[0].indicator, "direction");
  EXPECT_EQ(index.components[0].weight, 4);
  EXPECT_EQ(index.components[1].indicator, "procedures");
  EXPECT_EQ(plan->indicators[4].consolidation, Consolidation::none);
  const Indicator& rank = plan->indicators[5];
  EXPECT_EQ(rank.kind, IndicatorKind::rank);
  EXPECT_EQ(rank.rank_of, "par_index");
  EXPECT_FALSE(rank.rank_ascending);
  EXPECT_EQ(rank.decimals, 0);
  const Indicator& grade = plan->indicators[6];
  EXPECT_EQ(grade.kind, IndicatorKind::grade);
  EXPECT_EQ(grade.allowed.size(), 5u);
  EXPECT_EQ(plan->not_applicable_markers, (std::vector<std::string>{"-", "N/A", "không áp dụng"}));
  EXPECT_EQ(grade.not_applicable, plan->not_applicable_markers);
}

TEST(IndicatorKinds, APlanWithoutMarkersGetsTheDefaults) {
  Result<Plan> plan = parse_plan(kHead + kScore + kUnits, "min.toml");
  ASSERT_TRUE(plan.ok()) << plan.error().message;
  EXPECT_EQ(plan->not_applicable_markers, (std::vector<std::string>{"không áp dụng", "N/A"}));
}

TEST(IndicatorKinds, CellsAreReadByKindAndMarker) {
  Result<Plan> plan = load_plan(kKindsPlan);
  ASSERT_TRUE(plan.ok()) << plan.error().message;
  const Indicator& land = plan->indicators[2];
  const Indicator& grade = plan->indicators[6];
  for (const char* marker : {"-", " - ", "N/A", "n/a", "không áp dụng", "Không áp dụng"}) {
    Value value = parse_value(land, marker, CellPos{});
    EXPECT_EQ(value.state, ValueState::not_applicable) << marker;
    EXPECT_EQ(value.raw, marker);
  }
  EXPECT_EQ(parse_value(land, "", CellPos{}).state, ValueState::blank);
  EXPECT_EQ(parse_value(land, "--", CellPos{}).state, ValueState::text);
  EXPECT_EQ(parse_value(land, "-3", CellPos{}).state, ValueState::number);
  Value good = parse_value(grade, "Tốt", CellPos{});
  EXPECT_EQ(good.state, ValueState::text);
  EXPECT_EQ(good.raw, "Tốt");
  // A number is a grade's text too ("5" is not a grade: the checker says so).
  EXPECT_EQ(parse_value(grade, "5", CellPos{}).state, ValueState::text);
  EXPECT_EQ(parse_value(grade, "-", CellPos{}).state, ValueState::not_applicable);
}

TEST(IndicatorKinds, WithTheDefaultsADashIsNotAMarker) {
  Result<Plan> plan = parse_plan(kHead + kScore + kUnits, "min.toml");
  ASSERT_TRUE(plan.ok()) << plan.error().message;
  EXPECT_EQ(parse_value(plan->indicators[0], "-", CellPos{}).state, ValueState::text);
  EXPECT_EQ(parse_value(plan->indicators[0], "không áp dụng", CellPos{}).state,
            ValueState::not_applicable);
}

TEST(IndicatorKinds, AGradeNeedsItsValuesAndNoFigure) {
  std::string message = load_error(kHead + kUnits + R"toml(
[[indicators]]
code = "grade"
label_vi = "Xếp loại"
kind = "grade"
consolidation = "mean"
)toml");
  EXPECT_THAT(message,
              HasSubstr("indicators[0] (grade).allowed: missing; a grade lists its values"));
  EXPECT_THAT(message,
              HasSubstr("indicators[0] (grade).consolidation: a grade has no city-wide figure; "
                        "expected none"));
}

TEST(IndicatorKinds, AScoreNeedsItsMaximumAndIsNotSummed) {
  std::string message = load_error(kHead + kUnits + R"toml(
[[indicators]]
code = "points"
label_vi = "Điểm"
kind = "score"
consolidation = "sum"
)toml");
  EXPECT_THAT(message,
              HasSubstr("indicators[0] (points).max: missing; a score needs the top of its scale"));
  EXPECT_THAT(message,
              HasSubstr("indicators[0] (points).consolidation: scores are not added up; expected "
                        "mean, weighted_mean or none"));
}

TEST(IndicatorKinds, AnIndexNamesNumberComponents) {
  std::string message = load_error(kHead + kUnits + kScore + R"toml(
[[indicators]]
code = "grade"
label_vi = "Xếp loại"
kind = "grade"
allowed = ["Tốt"]
consolidation = "none"

[[indicators]]
code = "idx"
label_vi = "Chỉ số"
kind = "index"
consolidation = "mean"
components = [{ indicator = "score", weight = 2 }, { indicator = "grade" }, { indicator = "nothing" }, { indicator = "idx" }]
)toml");
  EXPECT_THAT(
      message,
      HasSubstr("indicators[2] (idx).components[1].indicator: 'grade' is a grade; expected a "
                "number indicator"));
  EXPECT_THAT(
      message,
      HasSubstr("indicators[2] (idx).components[2].indicator: 'nothing' names no indicator"));
  EXPECT_THAT(message,
              HasSubstr("indicators[2] (idx).components[3].indicator: names the indicator itself"));
  EXPECT_THAT(load_error(kHead + kUnits + R"toml(
[[indicators]]
code = "idx"
label_vi = "Chỉ số"
kind = "index"
consolidation = "mean"
)toml"),
              HasSubstr("indicators[0] (idx).components: missing; an index is the weighted sum"));
}

TEST(IndicatorKinds, ARankRanksByANumberAndHasNoFigure) {
  std::string message = load_error(kHead + kUnits + kScore + R"toml(
[[indicators]]
code = "place"
label_vi = "Xếp hạng"
kind = "rank"
consolidation = "mean"
rank_order = "best first"

[[indicators]]
code = "place2"
label_vi = "Thứ hạng"
kind = "rank"
rank_of = "place"
consolidation = "none"
)toml");
  EXPECT_THAT(message,
              HasSubstr("indicators[1] (place).consolidation: a rank has no city-wide figure; "
                        "expected none"));
  EXPECT_THAT(
      message,
      HasSubstr("indicators[1] (place).rank_of: missing; a rank names the indicator it ranks by"));
  EXPECT_THAT(message, HasSubstr("indicators[1] (place).rank_order: 'best first' is not an order"));
  EXPECT_THAT(message,
              HasSubstr("indicators[2] (place2).rank_of: 'place' is a rank; expected a number"));
}

TEST(IndicatorKinds, KindFieldsOnlyWhereTheyMean) {
  std::string message = load_error(kHead + kUnits + R"toml(
[[indicators]]
code = "total"
label_vi = "Tổng số"
kind = "count"
consolidation = "sum"
max = 10
allowed = ["Tốt"]
rank_of = "total"
applies_to = ["district", "xã"]
)toml");
  EXPECT_THAT(
      message,
      HasSubstr("indicators[0] (total).max: is only used with kind = \"score\" or \"index\""));
  EXPECT_THAT(message,
              HasSubstr("indicators[0] (total).allowed: is only used with kind = \"grade\""));
  EXPECT_THAT(message,
              HasSubstr("indicators[0] (total).rank_of: is only used with kind = \"rank\""));
  EXPECT_THAT(message, HasSubstr("indicators[0] (total).applies_to[1]: 'xã' is not a unit kind"));
}

TEST(IndicatorKinds, ABlankMarkerIsRefused) {
  EXPECT_THAT(load_error("not_applicable_markers = [\"-\", \" \"]\n" + kHead + kScore + kUnits),
              HasSubstr("not_applicable_markers[1]: is blank"));
}

}  // namespace
}  // namespace chiso
