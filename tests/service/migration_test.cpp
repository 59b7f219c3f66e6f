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

// The schema version and the tables of a database, read by a connection of
// its own: "6 account account_session …".
std::string schema_of(const std::string& path) {
  sqlite3* db = nullptr;
  EXPECT_EQ(sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr), SQLITE_OK);
  std::string schema;
  auto append = [](void* out, int, char** values, char**) {
    *static_cast<std::string*>(out) += std::string(values[0]) + " ";
    return 0;
  };
  sqlite3_exec(db, "PRAGMA user_version", append, &schema, nullptr);
  sqlite3_exec(db,
               "SELECT name FROM sqlite_schema WHERE type = 'table' AND name IN ('account', 'account_unit', "
               "'account_session', 'login_failure', 'auth_event', 'row_comment', 'explanation') ORDER BY name",
               append, &schema, nullptr);
  sqlite3_close(db);
  return schema;
}

// Users can be added and log in on a migrated database.
void expect_accounts_work(Store& store) {
  NewUser lan;
  lan.name = "lan";
  lan.role = Role::reporter;
  lan.units = {"Sở Tư pháp"};
  lan.password = "correct horse";
  ASSERT_TRUE(store.accounts().add_user(lan, "test", 1'767'225'600).ok());
  auto session = store.accounts().login("lan", "correct horse", "10.0.0.1", 1'767'225'601);
  ASSERT_TRUE(session.ok()) << session.error().message;
  EXPECT_EQ(session->user.units, std::vector<std::string>{"Sở Tư pháp"});
}

// The server's tables: accounts (migration 3), comments and explanations (4).
const std::string kAccountTables =
    "account account_session account_unit auth_event explanation login_failure row_comment ";

TEST(Migration, AVersion1DatabaseGoesToTheLatestSchemaInOneGoWithAccounts) {
  auto dir = test_dir();
  std::string path = copy_fixture(dir);
  EXPECT_EQ(schema_of(path), "1 ");  // before: schema 1, no accounts
  auto store = open_store(path);
  ASSERT_TRUE(store);
  EXPECT_EQ(schema_of(path), "8 " + kAccountTables);
  expect_accounts_work(*store);
}

// A database of schema 2 (written by commit eb87c51: make-v2-store.sh) gains
// the accounts of migration 3 and reports as that release reported it.
TEST(Migration, AVersion2DatabaseGainsAccountsAndReportsAsBefore) {
  auto dir = test_dir();
  std::filesystem::path path = dir / "v2-store.sqlite";
  std::filesystem::copy_file(kFixtures + "v2-store.sqlite", path);
  EXPECT_EQ(schema_of(path.string()), "2 ");
  auto store = open_store(path.string());
  ASSERT_TRUE(store);
  EXPECT_EQ(schema_of(path.string()), "8 " + kAccountTables);
  auto table = service::load_period_table(shipped_plan(), *store, "2024-Q4");
  ASSERT_TRUE(table.ok()) << table.error().message;
  auto migrated = nlohmann::json::parse(
      report::to_json(shipped_plan(), with_published_values(shipped_plan(), *table)));
  auto before = nlohmann::json::parse(read_text(kFixtures + "v2-report-2024-Q4.json"));
  for (const char* part : {"period", "units", "findings", "summary", "summary_detail"})
    EXPECT_TRUE(migrated[part] == before[part]) << part << " differs";
  auto history = store->history("2024-Q4", HistoryQuery{});
  ASSERT_TRUE(history.ok());
  EXPECT_EQ(history->size(), 2u);  // seed-v2.txt changed two cells
  expect_accounts_work(*store);
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
