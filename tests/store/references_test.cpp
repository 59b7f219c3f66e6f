// Whoever writes — chiso or another program with plain SQL — both stores
// refuse a version that names a period, unit or source that does not exist,
// a finding of a version that does not exist, and the removal of a unit that
// a version or a finding names. SQLite by its foreign keys (on in every
// connection); PostgreSQL by foreign keys too, but for the references of
// unit_submission and finding, which its schema checks once per statement
// (pg_schema.cpp, migrations 5 and 6).
#include <libpq-fe.h>
#include <sqlite3.h>

#include "store/store.h"
#include "store_fixture.h"

namespace chiso::store_test {
namespace {

class References : public StoreTest {
 protected:
  // Runs `sql` on its own connection, as another program would (SQLite
  // with foreign_keys on, as chiso's connections have it); true when the
  // database refused it.
  static bool refused(const std::string& db, const std::string& sql) {
    if (is_postgresql_db(db)) {
      PGconn* connection = PQconnectdb(db.c_str());
      EXPECT_EQ(PQstatus(connection), CONNECTION_OK) << PQerrorMessage(connection);
      PGresult* result = PQexec(connection, sql.c_str());
      const bool failed = PQresultStatus(result) != PGRES_COMMAND_OK && PQresultStatus(result) != PGRES_TUPLES_OK;
      PQclear(result);
      PQfinish(connection);
      return failed;
    }
    sqlite3* handle = nullptr;
    EXPECT_EQ(sqlite3_open_v2(db.c_str(), &handle, SQLITE_OPEN_READWRITE, nullptr), SQLITE_OK);
    EXPECT_EQ(sqlite3_exec(handle, "PRAGMA foreign_keys = ON", nullptr, nullptr, nullptr), SQLITE_OK);
    const bool failed = sqlite3_exec(handle, sql.c_str(), nullptr, nullptr, nullptr) != SQLITE_OK;
    sqlite3_close(handle);
    return failed;
  }
};

// A version of the one period, unit and source an import stored, or with
// one of them replaced by an id that names nothing.
std::string version_insert(const std::string& period_id, const std::string& unit_id, const std::string& source_id) {
  return "INSERT INTO unit_submission (period_id, unit_id, version, state, is_current, source_id) VALUES (" +
         period_id + ", " + unit_id + ", 2, 'draft', 0, " + source_id + ")";
}
const std::string period_id = "(SELECT id FROM period)";
const std::string unit_id = "(SELECT id FROM unit WHERE name = 'Sở Tư pháp')";
const std::string source_id = "(SELECT id FROM source)";

TEST_P(References, ARowNamingWhatDoesNotExistIsRefused) {
  const std::string db = fresh_db();
  {
    auto store = open_or_die(db);
    ASSERT_TRUE(import_rows(*store, small_plan(), "thang-1.txt",
                            {make_row(1, "Sở Tư pháp", "2025-01", 20, 5, "25", true)})
                    .ok());
  }
  EXPECT_TRUE(refused(db, version_insert("999", unit_id, source_id)));
  EXPECT_TRUE(refused(db, version_insert(period_id, "999", source_id)));
  EXPECT_TRUE(refused(db, version_insert(period_id, unit_id, "999")));
  EXPECT_TRUE(refused(db, "UPDATE unit_submission SET unit_id = 999"));
  EXPECT_TRUE(refused(db, "DELETE FROM unit WHERE name = 'Sở Tư pháp'"));
  EXPECT_TRUE(refused(db, "UPDATE unit SET id = 999 WHERE name = 'Sở Tư pháp'"));
  EXPECT_TRUE(refused(db,
                      "INSERT INTO finding (source_id, unit_submission_id, severity, rule_id, unit, row_number, "
                      "indicator, message_vi, message_en, raw, expected, hint_vi, hint_en, file, table_idx, row_idx, "
                      "col_idx, period) VALUES (" +
                          source_id + ", 999, 'error', 'r', 'u', 1, 'i', 'm', 'm', '', '', '', '', 'f', 0, 0, 0, "
                                      "'2025-01')"));
  EXPECT_EQ(count_rows(db, "unit_submission"), 1);
  EXPECT_EQ(count_rows(db, "unit"), 1);
  EXPECT_EQ(count_rows(db, "finding"), 0);

  // What exists is accepted: the checks are not refusing everything.
  EXPECT_FALSE(refused(db, version_insert(period_id, unit_id, source_id)));
  EXPECT_FALSE(refused(db, "UPDATE unit_submission SET unit_id = unit_id + 0"));
  EXPECT_FALSE(refused(db, "INSERT INTO unit (name, kind, registered) VALUES ('Tổ Lạ', '', 0)"));
  EXPECT_FALSE(refused(db, "DELETE FROM unit WHERE name = 'Tổ Lạ'"));
  EXPECT_EQ(count_rows(db, "unit_submission"), 2);
  EXPECT_EQ(count_rows(db, "unit"), 1);
}

TEST_P(References, AStatementOfManyRowsIsRefusedForOneOfThem) {
  // One statement inserts several versions: PostgreSQL checks them together
  // (the references of each distinct period, unit and source, migration 6).
  const std::string db = fresh_db();
  {
    auto store = open_or_die(db);
    ASSERT_TRUE(import_rows(*store, small_plan(), "thang-1.txt",
                            {make_row(1, "Sở Tư pháp", "2025-01", 20, 5, "25", true),
                             make_row(2, "Cục Thuế", "2025-01", 8, 8, "100", true)})
                    .ok());
  }
  const std::string other_unit = "(SELECT id FROM unit WHERE name = 'Cục Thuế')";
  auto versions = [&](const std::vector<std::string>& unit_ids) {
    std::string sql = "INSERT INTO unit_submission (period_id, unit_id, version, state, is_current, source_id) VALUES ";
    for (std::size_t row_idx = 0; row_idx < unit_ids.size(); ++row_idx)
      sql += (row_idx > 0 ? ", (" : "(") + period_id + ", " + unit_ids[row_idx] + ", " + std::to_string(row_idx + 2) +
             ", 'draft', 0, " + source_id + ")";
    return sql;
  };
  // The unit that does not exist among units that do, the first named twice:
  // as many units found as named would be three, not two.
  EXPECT_TRUE(refused(db, versions({unit_id, unit_id, other_unit, "999"})));
  EXPECT_TRUE(refused(db, versions({"999", unit_id})));
  EXPECT_EQ(count_rows(db, "unit_submission"), 2);
  // Every one exists, some named twice: accepted; no row at all: accepted.
  EXPECT_FALSE(refused(db, versions({unit_id, other_unit, unit_id})));
  EXPECT_FALSE(refused(db, "INSERT INTO unit_submission (period_id, unit_id, version, state, is_current, source_id) "
                           "SELECT period_id, unit_id, version + 10, state, 0, source_id FROM unit_submission "
                           "WHERE unit_id = 999"));
  EXPECT_EQ(count_rows(db, "unit_submission"), 5);
  // Statements of more rows than PostgreSQL checks by one join (16;
  // pg_schema.cpp, migration 8) are checked per distinct row named: one bad
  // row among 40 refuses the statement; 40 good ones are accepted.
  auto forty_versions = [&](const std::string& unit_of_row, int first_version) {
    return "WITH RECURSIVE g(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM g WHERE n < 40) "
           "INSERT INTO unit_submission (period_id, unit_id, version, state, is_current, source_id) SELECT " +
           period_id + ", " + unit_of_row + ", " + std::to_string(first_version) + " + n, 'draft', 0, " + source_id +
           " FROM g";
  };
  EXPECT_TRUE(refused(db, forty_versions("CASE WHEN n = 40 THEN 999 ELSE " + unit_id + " END", 100)));
  EXPECT_FALSE(refused(db, forty_versions(other_unit, 100)));
  EXPECT_EQ(count_rows(db, "unit_submission"), 45);
}

TEST_P(References, AFindingNamesAVersionAndASourceThatExist) {
  // PostgreSQL checks the findings' references once per statement too
  // (migration 6); SQLite by its foreign keys.
  const std::string db = fresh_db();
  {
    auto store = open_or_die(db);
    ASSERT_TRUE(import_rows(*store, small_plan(), "thang-1.txt",
                            {make_row(1, "Sở Tư pháp", "2025-01", 20, 5, "25", true)})
                    .ok());
  }
  const std::string version_id = "(SELECT id FROM unit_submission)";
  auto findings = [](const std::vector<std::pair<std::string, std::string>>& sources_and_versions) {
    std::string sql =
        "INSERT INTO finding (source_id, unit_submission_id, severity, rule_id, unit, row_number, indicator, "
        "message_vi, message_en, raw, expected, hint_vi, hint_en, file, table_idx, row_idx, col_idx, period) VALUES ";
    for (std::size_t row_idx = 0; row_idx < sources_and_versions.size(); ++row_idx)
      sql += (row_idx > 0 ? ", (" : "(") + sources_and_versions[row_idx].first + ", " +
             sources_and_versions[row_idx].second + ", 'error', 'r', 'u', 1, 'i', 'm', 'm', '', '', '', '', 'f', 0, 0, "
             "0, '2025-01')";
    return sql;
  };
  EXPECT_TRUE(refused(db, findings({{"999", version_id}})));
  EXPECT_TRUE(refused(db, findings({{"999", "NULL"}})));
  // One bad among good ones, in one statement: refused whole.
  EXPECT_TRUE(refused(db, findings({{source_id, version_id}, {source_id, "NULL"}, {source_id, "999"}})));
  EXPECT_EQ(count_rows(db, "finding"), 0);
  EXPECT_FALSE(refused(db, findings({{source_id, version_id}, {source_id, "NULL"}, {source_id, version_id}})));
  EXPECT_EQ(count_rows(db, "finding"), 3);
  // 40 findings in a statement, more than PostgreSQL checks by one join:
  // one naming no version refuses them all, 40 good ones are accepted.
  std::vector<std::pair<std::string, std::string>> forty(40, {source_id, version_id});
  forty[20].second = "NULL";
  forty[39].second = "999";
  EXPECT_TRUE(refused(db, findings(forty)));
  forty[39].second = version_id;
  EXPECT_FALSE(refused(db, findings(forty)));
  EXPECT_EQ(count_rows(db, "finding"), 43);
  // What a finding names cannot go, nor be pointed elsewhere.
  EXPECT_TRUE(refused(db, "DELETE FROM unit_submission"));
  EXPECT_TRUE(refused(db, "UPDATE unit_submission SET id = 999"));
  EXPECT_TRUE(refused(db, "UPDATE finding SET unit_submission_id = 999 WHERE unit_submission_id IS NOT NULL"));
  EXPECT_TRUE(refused(db, "UPDATE finding SET source_id = 999"));
  EXPECT_EQ(count_rows(db, "unit_submission"), 1);
  EXPECT_EQ(count_rows(db, "finding WHERE unit_submission_id = " + version_id), 41);  // 2 of the three, 39 of the forty
}

INSTANTIATE_STORE_TESTS(References);

}  // namespace
}  // namespace chiso::store_test
