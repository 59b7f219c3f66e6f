// End to end: the shipped plan, the seed read and checked by check_file, then
// the bar chart and the written summary. Each registered unit's short name is
// drawn once; the city-wide figure is the hand value 3044/4190 = 72,65%.
#include <gtest/gtest.h>
#include <pugixml.hpp>

#include <map>

#include "service/check_input.h"
#include "check/checker.h"
#include "consolidate/analysis.h"
#include "plan/unit_validity.h"
#include "report/chart.h"

namespace chiso::report {
namespace {

TEST(ChartOfTheSeed, ShippedPlanAndCheckedSeed) {
  Result<Plan> plan = load_plan(std::string(CHISO_SOURCE_DIR) + "/plans/hai-phong-197.toml");
  ASSERT_TRUE(plan.ok()) << plan.error().message;
  Result<CheckedTable> table = service::check_file(
      *plan, std::string(CHISO_SOURCE_DIR) + "/samples/000_e41d2a91a7ebffff.txt",
      "2024-Q4");
  ASSERT_TRUE(table.ok()) << table.error().message;
  std::string svg = bar_chart_svg(*plan, *table, "online_full_pct", {});
  pugi::xml_document doc;
  ASSERT_TRUE(doc.load_string(svg.c_str()));
  std::map<std::string, int> labels;
  for (pugi::xpath_node node : doc.select_nodes("//text[@text-anchor='end']")) {
    ++labels[node.node().child_value()];
  }
  int units_of_the_period = 0;
  for (const UnitDef& unit : plan->units) {
    // The units of 2024-Q4: not the communes that succeeded the districts in 2025.
    if (unit_presence(*plan, unit, table->period) != UnitPresence::valid) continue;
    ++units_of_the_period;
    std::string label = unit.short_name.empty() ? unit.name : unit.short_name;
    EXPECT_EQ(labels[label], 1) << label;
  }
  EXPECT_EQ(units_of_the_period, 30);
  EXPECT_NE(svg.find(">Toàn thành phố: 72,65%<"), std::string::npos);
  std::string text = written_summary(*plan, *table, Lang::vi);
  EXPECT_NE(text.find("30/30 đơn vị đã báo cáo số liệu"), std::string::npos) << text;
  EXPECT_NE(text.find(": 72,65%"), std::string::npos) << text;
  EXPECT_NE(text.find(": 4.190"), std::string::npos) << text;
}

}  // namespace
}  // namespace chiso::report
