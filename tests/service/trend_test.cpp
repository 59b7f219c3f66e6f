// A trend never joins periods of different lengths (issue 14 §5), and an
// import stopped on request stores nothing. Figures by hand from the seed
// (samples/000_e41d2a91a7ebffff.txt).
#include <gtest/gtest.h>

#include <atomic>

#include "service/import_input.h"
#include "service/period_table.h"
#include "service/service_fixture.h"

namespace chiso::service_test {
namespace {

// Sở Y tế's row alone: 41 of its 89 online services full-process.
std::string yte_alone() {
  return table_of({"1\tSở Y tế\t89\t10\t89\t41\t46,07\t48\t53,93\t100\t82\tx\t2\tx\t\tx\t0"});
}

Result<service::ImportOutcome> import(Store& store, const std::string& path,
                                      const std::string& period) {
  service::ImportRequest request;
  request.period = period;
  request.allow_same_file = true;
  return service::import_input(shipped_plan(), compiled(), store, file_input(path), request);
}

TEST(TrendOfKind, OneKindOfPeriodTheOthersNamedApart) {
  auto dir = test_dir();
  auto store = open_store((dir / "kinds.db").string());
  ASSERT_TRUE(store);
  ASSERT_TRUE(import(*store, kSeed, "2024-Q3").ok());
  ASSERT_TRUE(import(*store, kSeed, "2024-Q4").ok());
  const std::string yte = write_file(dir / "yte.tsv", yte_alone());
  ASSERT_TRUE(import(*store, yte, "2024-11").ok());
  ASSERT_TRUE(import(*store, yte, "2025").ok());

  // The latest period is the year 2025: a line of years.
  auto latest = service::trend_of_kind(shipped_plan(), *store, "online_full_pct", std::nullopt);
  ASSERT_TRUE(latest.ok()) << latest.error().message;
  EXPECT_EQ(latest->kind, PeriodKind::year);
  ASSERT_EQ(latest->points.size(), 1u);
  EXPECT_EQ(latest->points[0].period, "2025");
  EXPECT_NEAR(*latest->points[0].value, 100.0 * 41 / 89, 1e-9);
  ASSERT_EQ(latest->other_kinds.size(), 2u);
  EXPECT_EQ(latest->other_kinds[0].kind, PeriodKind::quarter);  // most periods first
  EXPECT_EQ(latest->other_kinds[0].periods, (std::vector<std::string>{"2024-Q3", "2024-Q4"}));
  EXPECT_EQ(latest->other_kinds[1].kind, PeriodKind::month);

  auto quarters =
      service::trend_of_kind(shipped_plan(), *store, "online_full_pct", PeriodKind::quarter);
  ASSERT_TRUE(quarters.ok());
  ASSERT_EQ(quarters->points.size(), 2u);
  EXPECT_EQ(quarters->points[1].period, "2024-Q4");
  // 3044 / 4190 over the 29 units that reported both counts.
  EXPECT_NEAR(*quarters->points[1].value, 100.0 * 3044 / 4190, 1e-9);
  EXPECT_EQ(quarters->points[1].units_reporting, 29);

  auto halves = service::trend_of_kind(shipped_plan(), *store, "online_full_pct", PeriodKind::half);
  ASSERT_TRUE(halves.ok());
  EXPECT_TRUE(halves->points.empty());
  EXPECT_EQ(halves->other_kinds.size(), 3u);

  EXPECT_FALSE(service::trend_of_kind(shipped_plan(), *store, "no_such_code", std::nullopt).ok());
}

TEST(ImportStop, AStoppedImportStoresNothing) {
  auto dir = test_dir();
  auto store = open_store((dir / "stop.db").string());
  ASSERT_TRUE(store);
  std::atomic<bool> stop{true};
  service::ImportRequest request;
  request.period = "2024-Q4";
  request.stop = &stop;
  auto stopped =
      service::import_input(shipped_plan(), compiled(), *store, file_input(kSeed), request);
  ASSERT_FALSE(stopped.ok());
  EXPECT_TRUE(service::is_interrupted(stopped.error()));
  EXPECT_NE(stopped.error().message.find("không lưu gì"), std::string::npos)
      << stopped.error().message;
  auto periods = store->periods();
  ASSERT_TRUE(periods.ok());
  EXPECT_TRUE(periods->empty());
  // Not stopped, the same import stores the 30 units.
  stop = false;
  auto stored =
      service::import_input(shipped_plan(), compiled(), *store, file_input(kSeed), request);
  ASSERT_TRUE(stored.ok()) << stored.error().message;
  EXPECT_EQ(stored->periods.at("2024-Q4").new_count, 30);
}

}  // namespace
}  // namespace chiso::service_test
