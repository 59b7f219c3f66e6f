// The import of a table laid out by year (issue 15 §4): one submission per
// unit and year, each year its own period. The table is
// tests/plan/fixtures/year-table.tsv (tests/plan/year_table_test.cpp has it
// cell by cell): Hồng Bàng 1.520, 1.734, 1.801, 1.856 in 2015, 2020, 2022,
// 2023; Kiến Thụy 210, 265, blank, 301. So 7 submissions over 4 periods;
// the city-wide sum of 2015 is 1.520 + 210 = 1.730, of 2022 Hồng Bàng's
// 1.801 alone.
#include <gtest/gtest.h>

#include "service/import_input.h"
#include "service/period_table.h"
#include "service/service_fixture.h"

namespace chiso::service_test {
namespace {

TEST(YearTableImport, OneSubmissionPerUnitAndYear) {
  Result<Plan> plan = load_plan(kSourceDir + "/tests/plan/fixtures/year-plan.toml");
  ASSERT_TRUE(plan.ok()) << plan.error().message;
  auto compiled_plan = service::compile_plan(*plan);
  ASSERT_TRUE(compiled_plan.ok()) << compiled_plan.error().message;
  auto store = open_store((test_dir() / "year.db").string());
  ASSERT_TRUE(store);

  service::ImportRequest request;  // no period: each row's year is its period
  auto outcome = service::import_input(*plan, *compiled_plan, *store,
                                       file_input(kSourceDir + "/tests/plan/fixtures/year-table.tsv"), request);
  ASSERT_TRUE(outcome.ok()) << outcome.error().message;
  EXPECT_EQ(outcome->scan.row_count, 7);
  ASSERT_EQ(outcome->periods.size(), 4u);
  EXPECT_EQ(outcome->periods.begin()->first, "2015");
  EXPECT_EQ(outcome->periods.rbegin()->first, "2023");

  auto year_2015 = service::load_period_table(*plan, *store, "2015");
  ASSERT_TRUE(year_2015.ok()) << year_2015.error().message;
  ASSERT_EQ(year_2015->rows.size(), 2u);
  const int enterprises = plan->indicator_index("enterprises");
  ASSERT_TRUE(year_2015->summary[static_cast<size_t>(enterprises)].value);
  EXPECT_DOUBLE_EQ(*year_2015->summary[static_cast<size_t>(enterprises)].value, 1730);

  auto year_2022 = service::load_period_table(*plan, *store, "2022");
  ASSERT_TRUE(year_2022.ok()) << year_2022.error().message;
  ASSERT_EQ(year_2022->rows.size(), 1u);
  EXPECT_EQ(year_2022->rows[0].unit_name, "Quận Hồng Bàng");
  EXPECT_EQ(year_2022->rows[0].values[static_cast<size_t>(enterprises)].raw, "1.801");
  EXPECT_DOUBLE_EQ(*year_2022->summary[static_cast<size_t>(enterprises)].value, 1801);

  // A period given beside the table's own years is refused, as with a period column.
  request.period = "2024";
  request.allow_same_file = true;
  auto refused = service::import_input(*plan, *compiled_plan, *store,
                                       file_input(kSourceDir + "/tests/plan/fixtures/year-table.tsv"), request);
  EXPECT_FALSE(refused.ok());
}

}  // namespace
}  // namespace chiso::service_test
