// Issue 3 §4: the numbers in the written summary are the numbers in the
// table. Reads each city-wide figure out of the text and compares it with the
// city-wide cell the report's TableModel shows, for the seed consolidated by
// summarize().
#include <gtest/gtest.h>

#include <regex>

#include "consolidate/analysis.h"
#include "consolidate/fixtures/seed_fixture.h"
#include "consolidate/summary.h"
#include "report/table_model.h"

namespace chiso::report {
namespace {

std::string strip_percent_suffix(std::string label) {
  const std::string suffix = " (%)";
  if (label.size() > suffix.size() && label.ends_with(suffix)) label.resize(label.size() - suffix.size());
  return label;
}

TEST(SummaryAgainstTable, EveryCityWideFigureInTheTextIsTheTablesCell) {
  Plan plan = chiso::testing::seed_plan();
  CheckedTable table = chiso::testing::seed_table(plan);
  table.summary = summarize(plan, table.rows);
  std::string text = written_summary(plan, table, Lang::vi);
  TableModel model = build_table_model(plan, table, ModelOptions{});
  const ModelRow& city = model.rows.back();
  ASSERT_TRUE(city.city_wide);
  int compared = 0;
  for (size_t col = 0; col < model.columns.size(); ++col) {
    const DisplayCell& cell = city.cells[col];
    if (cell.kind == CellKind::blank) continue;
    const Indicator& indicator = plan.indicators[model.columns[col].indicator_idx];
    std::string label = strip_percent_suffix(indicator.label_vi);
    size_t at = text.find(label + ": ");
    ASSERT_NE(at, std::string::npos) << label << "\n" << text;
    std::string rest = text.substr(at + label.size() + 2);
    std::smatch match;
    ASSERT_TRUE(std::regex_search(rest, match, std::regex("^[0-9][0-9.,/]*")));
    std::string figure = match.str();
    while (!figure.empty() && (figure.back() == '.' || figure.back() == ',')) figure.pop_back();
    EXPECT_EQ(figure, cell.text) << label;
    ++compared;
  }
  // 15 indicators, all with a city-wide figure in the seed.
  EXPECT_GE(compared, 13) << text;
  // And the hand value of the headline figure: 3044 / 4190 = 72,65%.
  EXPECT_NE(text.find("Tỷ lệ DVHCC mức độ toàn trình/Tổng số DVHCC trực tuyến: 72,65%"),
            std::string::npos)
      << text;
}

}  // namespace
}  // namespace chiso::report
