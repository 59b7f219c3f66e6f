// An import's own statements run without the schema's CHECK and FOREIGN KEY
// constraints (SqliteImportWriter::OwnValuesTrusted): what they write must
// still satisfy every one of them, and the connection must check them again
// once the import has ended, committed or not.
#include <sqlite3.h>

#include "store/schema.h"
#include "store/sqlite_import_writer.h"
#include "store/store.h"
#include "store_fixture.h"

namespace chiso::store_test {
namespace {

// The rows of a PRAGMA that lists problems (foreign_key_check), or the one
// answer of one that gives a word (integrity_check: "ok").
std::vector<std::string> pragma_rows(const std::string& path, const char* pragma) {
  sqlite3* db = nullptr;
  EXPECT_EQ(sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr), SQLITE_OK);
  sqlite3_stmt* stmt = nullptr;
  EXPECT_EQ(sqlite3_prepare_v2(db, pragma, -1, &stmt, nullptr), SQLITE_OK) << sqlite3_errmsg(db);
  std::vector<std::string> rows;
  while (sqlite3_step(stmt) == SQLITE_ROW) {
    std::string row;
    for (int col_idx = 0; col_idx < sqlite3_column_count(stmt); ++col_idx) {
      const unsigned char* text = sqlite3_column_text(stmt, col_idx);
      row += (col_idx > 0 ? "|" : "") + std::string(text != nullptr ? reinterpret_cast<const char*>(text) : "");
    }
    rows.push_back(row);
  }
  sqlite3_finalize(stmt);
  sqlite3_close(db);
  return rows;
}

long long pragma_value(store_detail::Connection& connection, const char* pragma) {
  auto statement = store_detail::Statement::prepare(connection.get(), pragma);
  EXPECT_TRUE(statement.ok());
  auto stepped = statement->step();
  EXPECT_TRUE(stepped.ok() && *stepped);
  return statement->column_int(0);
}

Finding finding(Severity severity, std::string rule_id, std::string unit) {
  Finding made;
  made.severity = severity;
  made.rule_id = std::move(rule_id);
  made.unit = std::move(unit);
  return made;
}

TEST(ImportConstraints, EverythingAnImportWritesSatisfiesTheSchema) {
  const std::string path = fresh_db_path();
  auto store = open_or_die(path);
  Plan plan = small_plan();
  // New units, one unregistered, a repeated unit, findings of rows and of
  // the table, two periods; then a second import that changes a unit, keeps
  // one and withdraws one (--replace-period).
  {
    auto writer = store->begin_import(plan, source_file("ca-thanh-pho.txt"), ImportOptions{});
    ASSERT_TRUE(writer.ok()) << writer.error().message;
    UnitRow stranger = make_row(4, "Phòng Lạ", "2025-01", 5, 1, "20", false);
    stranger.unit_name.clear();
    const Finding error = finding(Severity::error, "value.not_number", "Cục Thuế");
    const Finding warning = finding(Severity::warning, "unit.unknown", "Phòng Lạ");
    ASSERT_TRUE((*writer)->add_row(make_row(1, "Sở Tư pháp", "2025-01", 20, 5, "25", true), {}).ok());
    ASSERT_TRUE((*writer)->add_row(make_row(2, "Cục Thuế", "2025-01", 8, 8, "1OO", true), {&error, 1}).ok());
    ASSERT_TRUE((*writer)->add_row(stranger, {&warning, 1}).ok());
    ASSERT_TRUE((*writer)->add_row(make_row(5, "Cục Thuế", "2025-01", 9, 8, "100", true), {}).ok());
    ASSERT_TRUE((*writer)->add_row(make_row(6, "UBND huyện Thủy Nguyên", "2025-02", 30, 10, "33,33", false), {})
                    .ok());
    const Finding header = finding(Severity::warning, "header.unmatched", "");
    ASSERT_TRUE((*writer)->add_findings("2025-01", {&header, 1}).ok());
    ASSERT_TRUE((*writer)->commit().ok());
  }
  ImportOptions replace;
  replace.replace_periods = {"2025-01"};
  auto replaced = import_rows(*store, plan, "chi-tu-phap.txt",
                              {make_row(1, "Sở Tư pháp", "2025-01", 21, 5, "23,81", true),
                               make_row(2, "Cục Thuế", "2025-01", 9, 8, "100", true)},
                              replace);
  ASSERT_TRUE(replaced.ok()) << replaced.error().message;
  ASSERT_EQ(replaced->at("2025-01").withdrawn_units, (std::vector<std::string>{"Phòng Lạ"}));

  // 2025-01: Sở Tư pháp 1, 2; Cục Thuế 1, 2 (repeated), Phòng Lạ 1, 2
  // (withdrawn); 2025-02: one version.
  EXPECT_EQ(count_rows(path, "unit_submission"), 7);
  EXPECT_EQ(count_rows(path, "finding"), 3);
  EXPECT_TRUE(pragma_rows(path, "PRAGMA foreign_key_check").empty());
  EXPECT_EQ(pragma_rows(path, "PRAGMA integrity_check"), (std::vector<std::string>{"ok"}));
}

TEST(ImportConstraints, TheConnectionChecksAgainAfterTheImport) {
  const std::string path = fresh_db_path();
  { ASSERT_TRUE(open_or_die(path)->periods().ok()); }  // the schema
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READWRITE, nullptr), SQLITE_OK);
  auto connection = std::make_shared<store_detail::Connection>(db);
  ASSERT_TRUE(connection->exec("PRAGMA foreign_keys = ON", "test").ok());
  const Plan plan = small_plan();
  for (bool commit : {true, false}) {
    {
      auto writer = store_detail::SqliteImportWriter::begin(
          connection, plan, source_file(commit ? "mot.txt" : "hai.txt"), ImportOptions{}, path);
      ASSERT_TRUE(writer.ok()) << writer.error().message;
      EXPECT_EQ(pragma_value(*connection, "PRAGMA foreign_keys"), 0);
      EXPECT_EQ(pragma_value(*connection, "PRAGMA ignore_check_constraints"), 1);
      ASSERT_TRUE((*writer)->add_row(make_row(1, "Sở Tư pháp", "2025-01", 20, 5, "25", true), {}).ok());
      if (commit) {
        ASSERT_TRUE((*writer)->commit().ok());
        // At once, not only when the writer goes.
        EXPECT_EQ(pragma_value(*connection, "PRAGMA foreign_keys"), 1);
      }
    }
    EXPECT_EQ(pragma_value(*connection, "PRAGMA foreign_keys"), 1) << commit;
    EXPECT_EQ(pragma_value(*connection, "PRAGMA ignore_check_constraints"), 0) << commit;
    // A state outside the design and a version of no period are refused.
    EXPECT_FALSE(connection->exec("UPDATE unit_submission SET state = 'lost'", "test").ok());
    EXPECT_FALSE(connection->exec("UPDATE unit_submission SET period_id = 99", "test").ok());
  }
}

}  // namespace
}  // namespace chiso::store_test
