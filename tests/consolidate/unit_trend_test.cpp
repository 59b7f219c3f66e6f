// A unit's line through a reorganisation (issue 15 §3), on a plan and rows
// written by hand:
//   UBND huyện A   ends 30/06/2025, split into UBND xã B and UBND xã C
//                  (both from 01/07/2025);
//   UBND huyện D   ends 31/12/2024, upgraded to UBND thành phố D.
// Figures (services, online, cashless %):
//   2025-Q1  A 10, 5, 40
//   2025-Q2  A 20, 10, 50
//   2025-Q3  B 30, 15, 60;  C 10, 9, 80
//   2025-Q4  B 30, 30, 70   (C sent nothing)
// So A's services: 10, 20, then its successors' 30 + 10 = 40 and 30; its
// online share 50, 50, then 100·(15 + 9)/(30 + 10) = 60 and 100·30/30 = 100;
// its cashless share (a plain mean) 40, 50, then the line stops.
#include "consolidate/unit_trend.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "plan/plan.h"

namespace chiso {
namespace {

const char* const kPlan = R"toml(
id = "t"
name_vi = "Kế hoạch"
title_vi = "BẢNG"
unit_name_headers = ["Tên đơn vị"]

[[indicators]]
code = "services"
label_vi = "Số dịch vụ"
kind = "count"
consolidation = "sum"

[[indicators]]
code = "online"
label_vi = "Số dịch vụ trực tuyến"
kind = "count"
consolidation = "sum"

[[indicators]]
code = "online_pct"
label_vi = "Tỷ lệ trực tuyến (%)"
kind = "percent"
consolidation = "ratio"
formula = "100 * online / services"

[[indicators]]
code = "cashless_pct"
label_vi = "Thu phí không dùng tiền mặt (%)"
label_en = "Cashless fees (%)"
kind = "percent"
consolidation = "mean"

[[units]]
name = "UBND huyện A"
kind = "district"
valid_to = "2025-06-30"
succession = "split_into"
successors = ["UBND xã B", "UBND xã C"]

[[units]]
name = "UBND xã B"
kind = "district"
valid_from = "2025-07-01"

[[units]]
name = "UBND xã C"
kind = "district"
valid_from = "2025-07-01"

[[units]]
name = "UBND huyện D"
kind = "district"
valid_to = "2024-12-31"
succession = "upgraded_to"
successors = ["UBND thành phố D"]

[[units]]
name = "UBND thành phố D"
kind = "district"
valid_from = "2025-01-01"
)toml";

Plan reorganised_plan() {
  Result<Plan> plan = parse_plan(kPlan, "reorganised.toml");
  EXPECT_TRUE(plan.ok()) << plan.error().message;
  return plan.ok() ? std::move(plan.value()) : Plan{};
}

Value number(double figure) {
  Value value;
  value.state = ValueState::number;
  value.number = figure;
  return value;
}

UnitRow row(int row_number, const std::string& unit, const std::string& period, double services, double online,
            double cashless) {
  UnitRow out;
  out.row_number = row_number;
  out.raw_name = unit;
  out.unit_name = unit;
  out.period = period;
  Value share;  // the typed share is not what the line shows: it is made from the counts
  out.values = {number(services), number(online), share, number(cashless)};
  return out;
}

CheckedTable table(const std::string& period, std::vector<UnitRow> rows) {
  CheckedTable out;
  out.period = period;
  out.rows = std::move(rows);
  return out;
}

std::vector<CheckedTable> year_2025() {
  return {table("2025-Q1", {row(1, "UBND huyện A", "2025-Q1", 10, 5, 40)}),
          table("2025-Q2", {row(1, "UBND huyện A", "2025-Q2", 20, 10, 50)}),
          table("2025-Q3", {row(1, "UBND xã B", "2025-Q3", 30, 15, 60), row(2, "UBND xã C", "2025-Q3", 10, 9, 80)}),
          table("2025-Q4", {row(1, "UBND xã B", "2025-Q4", 30, 30, 70)})};
}

TEST(UnitTrend, ASumGoesOnOverTheSuccessors) {
  const Plan plan = reorganised_plan();
  const UnitTrend line = unit_trend(plan, plan.unit_index("UBND huyện A"), plan.indicator_index("services"), year_2025());
  EXPECT_EQ(line.unit, "UBND huyện A");
  ASSERT_EQ(line.points.size(), 4u);
  EXPECT_EQ(line.points[0].value, 10);
  EXPECT_FALSE(line.points[0].of_successors);
  EXPECT_EQ(line.points[0].units, std::vector<std::string>{"UBND huyện A"});
  EXPECT_EQ(line.points[1].value, 20);
  EXPECT_EQ(line.points[2].period, "2025-Q3");
  EXPECT_EQ(line.points[2].value, 40);
  EXPECT_TRUE(line.points[2].of_successors);
  EXPECT_EQ(line.points[2].units, (std::vector<std::string>{"UBND xã B", "UBND xã C"}));
  EXPECT_EQ(line.points[3].value, 30);
  EXPECT_EQ(line.points[3].units, std::vector<std::string>{"UBND xã B"});
  ASSERT_TRUE(line.change);
  EXPECT_EQ(line.change->period, "2025-Q3");
  EXPECT_FALSE(line.change->stopped);
  EXPECT_EQ(line.change->words_vi,
            "Từ Quý III năm 2025, UBND huyện A không còn (ngày cuối 30/06/2025); đường tiếp tục bằng số liệu "
            "tổng hợp của các đơn vị kế nhiệm: UBND xã B và UBND xã C.");
  EXPECT_EQ(line.change->words_en,
            "From Q3 2025, UBND huyện A no longer exists (last day 30/06/2025); the line goes on with the figure "
            "over its successors: UBND xã B and UBND xã C.");
}

TEST(UnitTrend, AShareIsMadeFromTheSuccessorsCounts) {
  const Plan plan = reorganised_plan();
  const UnitTrend line = unit_trend(plan, plan.unit_index("UBND huyện A"), plan.indicator_index("online_pct"), year_2025());
  ASSERT_EQ(line.points.size(), 4u);
  EXPECT_DOUBLE_EQ(*line.points[0].value, 50);
  EXPECT_DOUBLE_EQ(*line.points[1].value, 50);
  EXPECT_DOUBLE_EQ(*line.points[2].value, 60);
  EXPECT_DOUBLE_EQ(*line.points[3].value, 100);
}

TEST(UnitTrend, AMeanStopsAtTheReorganisation) {
  const Plan plan = reorganised_plan();
  const UnitTrend line =
      unit_trend(plan, plan.unit_index("UBND huyện A"), plan.indicator_index("cashless_pct"), year_2025());
  ASSERT_EQ(line.points.size(), 2u);
  EXPECT_DOUBLE_EQ(*line.points[0].value, 40);
  EXPECT_DOUBLE_EQ(*line.points[1].value, 50);
  ASSERT_TRUE(line.change);
  EXPECT_TRUE(line.change->stopped);
  EXPECT_EQ(line.change->successors, (std::vector<std::string>{"UBND xã B", "UBND xã C"}));
  EXPECT_EQ(line.change->words_vi,
            "Từ Quý III năm 2025, UBND huyện A không còn (ngày cuối 30/06/2025); «Thu phí không dùng tiền mặt "
            "(%)» là trung bình cộng, không tổng hợp được qua các đơn vị kế nhiệm (UBND xã B và UBND xã C), "
            "nên đường dừng ở đây.");
}

TEST(UnitTrend, AnUpgradedUnitGoesOnAsItselfWhateverTheIndicator) {
  const Plan plan = reorganised_plan();
  const std::vector<CheckedTable> tables = {table("2024-Q4", {row(1, "UBND huyện D", "2024-Q4", 8, 4, 30)}),
                                            table("2025-Q1", {row(1, "UBND thành phố D", "2025-Q1", 9, 6, 35)})};
  const UnitTrend line =
      unit_trend(plan, plan.unit_index("UBND huyện D"), plan.indicator_index("cashless_pct"), tables);
  ASSERT_EQ(line.points.size(), 2u);
  EXPECT_DOUBLE_EQ(*line.points[0].value, 30);
  EXPECT_DOUBLE_EQ(*line.points[1].value, 35);
  EXPECT_TRUE(line.points[1].of_successors);
  ASSERT_TRUE(line.change);
  EXPECT_FALSE(line.change->stopped);
  EXPECT_EQ(line.change->words_vi,
            "Từ Quý I năm 2025, UBND huyện D là UBND thành phố D; đường tiếp tục với số liệu của UBND thành phố D.");
}

TEST(UnitTrend, ANewUnitHasNoPointBeforeItBegan) {
  const Plan plan = reorganised_plan();
  const UnitTrend line = unit_trend(plan, plan.unit_index("UBND xã B"), plan.indicator_index("services"), year_2025());
  ASSERT_EQ(line.points.size(), 2u);
  EXPECT_EQ(line.points[0].period, "2025-Q3");
  EXPECT_EQ(line.points[0].value, 30);
  EXPECT_FALSE(line.change);
}

}  // namespace
}  // namespace chiso
