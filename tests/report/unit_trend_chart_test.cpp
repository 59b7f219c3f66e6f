// The trend chart of a unit's line through a reorganisation (issue 15 §3):
// the unit named in the title, the successors' part in its own colour joined
// to the unit's last point, and a dashed mark naming the first period of the
// successors' figure. Points written by hand.
#include <gtest/gtest.h>

#include <string>
#include <variant>
#include <vector>

#include "report/chart.h"

namespace chiso::report {
namespace {

Plan one_count_plan() {
  Plan plan;
  Indicator services;
  services.code = "services";
  services.label_vi = "Số dịch vụ";
  services.decimals = 0;
  plan.indicators = {services};
  return plan;
}

TEST(UnitTrendChart, TheSuccessorsPartIsMarkedAndJoined) {
  const Plan plan = one_count_plan();
  const std::vector<TrendPointView> points = {
      {"2025-Q1", 10, false}, {"2025-Q2", 20, false}, {"2025-Q3", 40, true}, {"2025-Q4", 30, true}};
  ChartOptions options;
  options.line_unit = "UBND huyện A";
  Result<ChartScene> scene = layout_trend_chart(plan, "services", points, options);
  ASSERT_TRUE(scene.ok()) << scene.error().message;
  EXPECT_EQ(scene->title, "Số dịch vụ — UBND huyện A");
  std::vector<const ChartPolyline*> lines;
  bool mark = false;
  bool dashed = false;
  for (const ChartShape& shape : scene->shapes) {
    if (const auto* line = std::get_if<ChartPolyline>(&shape)) lines.push_back(line);
    if (const auto* text = std::get_if<ChartText>(&shape)) mark = mark || text->text == "Từ Quý III năm 2025: đơn vị kế nhiệm";
    if (const auto* rule = std::get_if<ChartLine>(&shape)) dashed = dashed || (rule->dashed && rule->x1 == rule->x2);
  }
  EXPECT_TRUE(mark);
  EXPECT_TRUE(dashed);
  ASSERT_EQ(lines.size(), 2u);  // the unit's two points, then the successors' from the unit's last
  ASSERT_EQ(lines[0]->points.size(), 2u);
  ASSERT_EQ(lines[1]->points.size(), 3u);
  EXPECT_EQ(lines[1]->points.front(), lines[0]->points.back());
  EXPECT_NE(lines[0]->stroke, lines[1]->stroke);
}

TEST(UnitTrendChart, TheCityWideLineIsOneLine) {
  const Plan plan = one_count_plan();
  const std::vector<TrendPointView> points = {{"2025-Q1", 10}, {"2025-Q2", 20}, {"2025-Q3", 40}};
  Result<ChartScene> scene = layout_trend_chart(plan, "services", points, ChartOptions{});
  ASSERT_TRUE(scene.ok()) << scene.error().message;
  int lines = 0;
  for (const ChartShape& shape : scene->shapes) lines += std::holds_alternative<ChartPolyline>(shape) ? 1 : 0;
  EXPECT_EQ(lines, 1);
}

}  // namespace
}  // namespace chiso::report
