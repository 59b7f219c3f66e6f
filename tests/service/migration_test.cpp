// A database written by the release before per-unit submissions (schema 1,
// rows in binary blocks) opens with this one, is migrated in one transaction
// and reports every period as it did. The fixture and the reports it is
// compared with were written by that release (commit fe7ab82):
// tests/service/fixtures/make-v1-store.sh says how.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <filesystem>
#include <nlohmann/json.hpp>

#include "consolidate/published_values.h"
#include "report/report.h"
#include "service/period_table.h"
#include "service/service_fixture.h"

namespace chiso::service_test {
namespace {

std::string copy_fixture(const std::filesystem::path& dir) {
  std::filesystem::path copy = dir / "v1-store.sqlite";
  std::filesystem::copy_file(kFixtures + "v1-store.sqlite", copy);
  return copy.string();
}

TEST(Migration, EveryPeriodReportsAsTheOldReleaseReportedIt) {
  auto dir = test_dir();
  auto store = open_store(copy_fixture(dir));
  ASSERT_TRUE(store);
  for (const char* period : {"2024-Q4", "2025-Q1", "2025-01", "2025-02"}) {
    auto table = service::load_period_table(shipped_plan(), *store, period);
    ASSERT_TRUE(table.ok()) << period << ": " << table.error().message;
    // As `chiso report --format json` writes it: the shares from the counts.
    auto migrated = nlohmann::json::parse(
        report::to_json(shipped_plan(), with_published_values(shipped_plan(), *table)));
    auto before = nlohmann::json::parse(read_text(kFixtures + "v1-report-" + period + ".json"));
    for (const char* part : {"period", "units", "findings", "summary", "summary_detail"}) {
      EXPECT_TRUE(migrated[part] == before[part]) << period << ": " << part << " differs:\n"
                                                  << migrated[part].dump().substr(0, 2000);
    }
  }
  auto trend = service::trend(shipped_plan(), *store, "online_full_pct");
  ASSERT_TRUE(trend.ok()) << trend.error().message;
  auto before = nlohmann::json::parse(read_text(kFixtures + "v1-trend-online_full_pct.json"));
  ASSERT_EQ(trend->size(), before.size());
  for (std::size_t point_idx = 0; point_idx < before.size(); ++point_idx) {
    EXPECT_EQ((*trend)[point_idx].period, before[point_idx]["period"]);
    EXPECT_EQ((*trend)[point_idx].units_reporting, before[point_idx]["units_reporting"]);
    EXPECT_DOUBLE_EQ(*(*trend)[point_idx].value, before[point_idx]["value"].get<double>());
  }
}

TEST(Migration, EarlierVersionsAreKeptAsEachUnitsHistory) {
  auto dir = test_dir();
  auto store = open_store(copy_fixture(dir));
  ASSERT_TRUE(store);
  // 2024-Q4 was imported twice; the second file (seed-v2.txt) changed two cells.
  auto history = store->history("2024-Q4", HistoryQuery{});
  ASSERT_TRUE(history.ok()) << history.error().message;
  ASSERT_EQ(history->size(), 2u);
  EXPECT_EQ((*history)[0].unit, "Sở Du lịch");
  EXPECT_EQ((*history)[0].indicator, "online_total");
  EXPECT_EQ((*history)[0].old_raw, "26");
  EXPECT_EQ((*history)[0].new_raw, "27");
  EXPECT_EQ((*history)[0].source, "seed-v2.txt");
  EXPECT_EQ((*history)[1].unit, "Sở Y tế");
  EXPECT_EQ((*history)[1].old_raw, "12,4");
  EXPECT_EQ((*history)[1].new_raw, "12,36");
  // 2025-Q1: the full seed, then Sở Tư pháp's row alone, which the old
  // release took as the whole period: 29 units withdrawn at version 2, their
  // values still there at version 1.
  auto statuses = store->status(shipped_plan(), "2025-Q1");
  ASSERT_TRUE(statuses.ok());
  int withdrawn = 0, reported = 0;
  for (const UnitStatus& status : *statuses) {
    withdrawn += status.state == SubmissionState::withdrawn && status.version == 2;
    reported += status.reported;
  }
  EXPECT_EQ(withdrawn, 29);
  EXPECT_EQ(reported, 1);
  HistoryQuery query;
  query.unit = "Sở Du lịch";
  query.indicator = "online_total";
  auto du_lich = store->history("2025-Q1", query);
  ASSERT_TRUE(du_lich.ok());
  ASSERT_EQ(du_lich->size(), 1u);
  EXPECT_EQ((*du_lich)[0].new_raw, "26");
  // The unmatched row of 2025-01 is kept under its name, not dropped.
  auto january = store->status(shipped_plan(), "2025-01");
  ASSERT_TRUE(january.ok());
  EXPECT_EQ(january->back().unit, "Ban Dân tộc thành phố");
  EXPECT_FALSE(january->back().registered);
  EXPECT_TRUE(january->back().reported);
}

TEST(Migration, ANewerDatabaseIsRefusedAndLeftAsItWas) {
  auto dir = test_dir();
  std::string path = copy_fixture(dir);
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(db, "PRAGMA user_version = 99", nullptr, nullptr, nullptr), SQLITE_OK);
  sqlite3_close(db);
  std::string bytes = read_text(path);
  auto opened = open_sqlite_store(path);
  ASSERT_FALSE(opened.ok());
  EXPECT_NE(opened.error().message.find("99"), std::string::npos) << opened.error().message;
  EXPECT_NE(opened.error().message.find("cập nhật chiso"), std::string::npos) << opened.error().message;
  EXPECT_EQ(read_text(path), bytes);
}

}  // namespace
}  // namespace chiso::service_test
