// `chiso copy` (store/store_copy.h) through the real binary: a city's
// history in SQLite — imports into two periods, a corrected import, users,
// a return, a submit with an explanation, an approval, a comment, a login and
// a failed one, a locked period — copied into PostgreSQL and from there into
// a new SQLite file. What people read (report, history, trend, status,
// periods, users) is byte-identical on the three, every table holds the same
// number of rows, and the SQLite file that made the round trip holds every
// row of the first exactly.
#include <gtest/gtest.h>
#include <libpq-fe.h>
#include <sqlite3.h>

#include <map>
#include <string>
#include <vector>

#include "cli/cli_run.h"
#include "common/pg_test_db.h"
#include "plan/plan.h"
#include "store/store.h"

namespace chiso::cli_test {
namespace {

using chiso::test::PgTestDb;

constexpr std::int64_t kNow = 1'750'000'000;  // 2025-06-15, the time the test's logins pass

// The tables of an SQLite file, as sqlite_schema lists them.
std::vector<std::string> sqlite_tables(const std::string& path) {
  std::vector<std::string> tables;
  sqlite3* db = nullptr;
  if (sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) {
    ADD_FAILURE() << "cannot open " << path;
    sqlite3_close(db);
    return tables;
  }
  sqlite3_stmt* select = nullptr;
  sqlite3_prepare_v2(db, "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite%'", -1,
                     &select, nullptr);
  while (sqlite3_step(select) == SQLITE_ROW)
    tables.emplace_back(reinterpret_cast<const char*>(sqlite3_column_text(select, 0)));
  sqlite3_finalize(select);
  sqlite3_close(db);
  return tables;
}

// The rows of one SELECT on an SQLite file, each value as SQL's quote() writes
// it (so 1, 1.0 and '1' differ), one line per row.
std::string sqlite_text(const std::string& path, const std::string& sql) {
  sqlite3* db = nullptr;
  std::string text;
  sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr);
  sqlite3_stmt* select = nullptr;
  if (sqlite3_prepare_v2(db, sql.c_str(), -1, &select, nullptr) != SQLITE_OK) {
    text = std::string("ERROR ") + sqlite3_errmsg(db);
  } else {
    while (sqlite3_step(select) == SQLITE_ROW) {
      for (int column = 0; column < sqlite3_column_count(select); ++column) {
        const unsigned char* value = sqlite3_column_text(select, column);
        text += (column ? "|" : "") + std::string(value ? reinterpret_cast<const char*>(value) : "NULL");
      }
      text += '\n';
    }
  }
  sqlite3_finalize(select);
  sqlite3_close(db);
  return text;
}

// Every row of `table`, each column through quote(), sorted.
std::string sqlite_dump(const std::string& path, const std::string& table) {
  std::string columns = sqlite_text(path, "SELECT group_concat('quote(\"' || name || '\")', ' || ''|'' || ') "
                                          "FROM pragma_table_info('" + table + "')");
  if (!columns.empty() && columns.back() == '\n') columns.pop_back();
  return sqlite_text(path, "SELECT " + columns + " AS line FROM \"" + table + "\" ORDER BY line");
}

std::int64_t sqlite_count(const std::string& path, const std::string& table) {
  return std::stoll(sqlite_text(path, "SELECT count(*) FROM \"" + table + "\""));
}

std::int64_t pg_count(const std::string& conninfo, const std::string& table) {
  PGconn* connection = PQconnectdb(conninfo.c_str());
  PGresult* result = PQexec(connection, ("SELECT count(*) FROM \"" + table + "\"").c_str());
  std::int64_t count = -1;
  if (PQresultStatus(result) == PGRES_TUPLES_OK) {
    count = std::stoll(PQgetvalue(result, 0, 0));
  } else {
    ADD_FAILURE() << table << ": " << PQresultErrorMessage(result);
  }
  PQclear(result);
  PQfinish(connection);
  return count;
}

// 12345 → "12.345", as the command prints a count in Vietnamese.
std::string vi_count(std::int64_t count) {
  std::string digits = std::to_string(count), out;
  for (std::size_t at = 0; at < digits.size(); ++at) {
    if (at > 0 && (digits.size() - at) % 3 == 0) out += '.';
    out += digits[at];
  }
  return out;
}

class CopyTest : public CliTest {
 protected:
  // `--db` for a path or a URI (quoted for the shell: a URI has ? and &).
  static std::string db_arg(const std::string& db) { return "--db '" + db + "' "; }

  // The history of a city's two quarters, in the SQLite file `path`.
  void make_history(const std::string& path) {
    const std::string db = db_arg(path);
    ASSERT_LE(run(db + "import " + kSeed + " --period 2024-Q3").exit_code, 1);
    ASSERT_LE(run(db + "import " + kSeed + " --period 2024-Q4 --allow-same-file").exit_code, 1);
    // Cát Hải corrects its total (269 → 257): a second version in 2024-Q4.
    std::string seed = read_file(kSeed);
    const std::string row = "30\tUBND huyện Cát Hải\t4\t6\t269\t";
    auto at = seed.find(row);
    ASSERT_NE(at, std::string::npos);
    seed.replace(at, row.size(), "30\tUBND huyện Cát Hải\t4\t6\t257\t");
    write("corrected.txt", seed);
    ASSERT_LE(run(db + "import " + this->path("corrected.txt") + " --period 2024-Q4").exit_code, 1);
    ASSERT_EQ(run(db + "user add dieu-phoi --role coordinator").exit_code, 0);
    write("password.txt", "mật khẩu của Lan\n");
    ASSERT_EQ(run(db + "user add lan --role reporter --unit 'Sở Du lịch' --password-stdin < " +
                  this->path("password.txt"))
                  .exit_code,
              0);

    // What the pages do, through the store.
    auto plan = load_plan(std::string(CHISO_SOURCE_DIR) + "/plans/hai-phong-197.toml");
    ASSERT_TRUE(plan.ok()) << plan.error().message;
    auto store = open_sqlite_store(path);
    ASSERT_TRUE(store.ok()) << store.error().message;
    auto unit = (*store)->load_unit(*plan, "2024-Q4", "Sở Du lịch");
    ASSERT_TRUE(unit.ok()) << unit.error().message;
    Provenance coordinator;
    coordinator.author = "dieu-phoi";
    coordinator.comment = "Kiểm tra lại tổng số dịch vụ";
    coordinator.indicator = "online_total";
    auto moved = (*store)->set_state("2024-Q4", "Sở Du lịch", unit->version, SubmissionState::returned, coordinator);
    ASSERT_TRUE(moved.ok()) << moved.error().message;
    Provenance reporter;
    reporter.author = "lan";
    reporter.explanations = {{"value.jump:online_total", "Sở mở thêm dịch vụ trong quý"}};
    moved = (*store)->set_state("2024-Q4", "Sở Du lịch", unit->version, SubmissionState::submitted, reporter);
    ASSERT_TRUE(moved.ok()) << moved.error().message;
    coordinator.comment = "";
    coordinator.indicator = "";
    moved = (*store)->set_state("2024-Q4", "Sở Du lịch", unit->version, SubmissionState::approved, coordinator);
    ASSERT_TRUE(moved.ok()) << moved.error().message;
    RowComment comment;
    comment.indicator = "online_total";
    comment.author = "lan";
    comment.role = "reporter";
    comment.text = "Số liệu đã đối chiếu với cổng dịch vụ công";
    ASSERT_TRUE((*store)->add_comment(*plan, "2024-Q4", "Sở Du lịch", comment).ok());
    ASSERT_TRUE((*store)->accounts().login("lan", "mật khẩu của Lan", "10.0.0.7", kNow).ok());
    EXPECT_FALSE((*store)->accounts().login("lan", "sai mật khẩu", "10.0.0.8", kNow + 5).ok());
    ASSERT_TRUE((*store)->set_period_state("2024-Q3", PeriodState::locked, coordinator).ok());
    store->reset();
    // A report keeps the period's city-wide figures (summary_cache).
    ASSERT_EQ(run(db + "report --period 2024-Q4 --format csv -o " + this->path("r.csv")).exit_code, 0);
  }

  // What people read from the database `db`, command by command.
  std::map<std::string, std::string> readings(const std::string& db) {
    std::map<std::string, std::string> outputs;
    for (const char* command :
         {"periods", "units", "report --period 2024-Q4 --format csv -o -", "report --period 2024-Q3 --format json -o -",
          "history --period 2024-Q4", "history --period 2024-Q4 --all --format json",
          "history --period 2024-Q4 --unit 'Sở Du lịch'", "trend --indicator online_full_pct",
          "trend --indicator online_full_pct --format json", "status --period 2024-Q4 --format json",
          "user list --format json"}) {
      CommandRun ran = run(db_arg(db) + command, Streams::out);
      EXPECT_EQ(ran.exit_code, 0) << db << " " << command << ": " << ran.output;
      EXPECT_FALSE(ran.output.empty()) << command;
      outputs[command] = ran.output;
    }
    return outputs;
  }
};

TEST_F(CopyTest, SqliteToPostgresqlAndBackKeepsEveryRowAndEveryReport) {
  PgTestDb pg;
  ASSERT_TRUE(pg.ok());
  const std::string first = path("chiso.db"), back = path("back.db");
  make_history(first);
  if (HasFatalFailure()) return;

  std::vector<std::string> tables = sqlite_tables(first);
  ASSERT_GE(tables.size(), 17u);
  std::map<std::string, std::int64_t> counts;
  std::int64_t total = 0;
  for (const std::string& table : tables) {
    counts[table] = sqlite_count(first, table);
    total += counts[table];
    // Every table holds something, so that each is shown to be copied.
    EXPECT_GT(counts[table], 0) << table;
  }

  CommandRun to_pg = run("copy --from " + first + " --to '" + pg.conninfo() + "'");
  ASSERT_EQ(to_pg.exit_code, 0) << to_pg.output;
  EXPECT_EQ(to_pg.output.substr(0, to_pg.output.find('\n')),
            "Đã chép SQLite " + first + " sang PostgreSQL " + pg.conninfo() + ": " + vi_count(total) +
                " dòng trong " + std::to_string(tables.size()) + " bảng.");
  CommandRun to_sqlite = run("copy --from '" + pg.conninfo() + "' --to " + back);
  ASSERT_EQ(to_sqlite.exit_code, 0) << to_sqlite.output;

  for (const std::string& table : tables) {
    EXPECT_EQ(pg_count(pg.conninfo(), table), counts[table]) << table;
    EXPECT_EQ(sqlite_count(back, table), counts[table]) << table;
    // Every row as it was: ids, texts, numbers (quote() tells 1 from 1.0).
    EXPECT_EQ(sqlite_dump(back, table), sqlite_dump(first, table)) << table;
  }

  auto expected = readings(first);
  for (const std::string& db : {pg.conninfo(), back}) {
    auto read = readings(db);
    for (const auto& [command, output] : expected) EXPECT_EQ(read[command], output) << db << ": " << command;
  }
  EXPECT_NE(expected["history --period 2024-Q4 --unit 'Sở Du lịch'"].find("dieu-phoi"), std::string::npos)
      << expected["history --period 2024-Q4 --unit 'Sở Du lịch'"];
}

TEST_F(CopyTest, TheCopyGoesOnWithNewIdsPastThoseCopied) {
  PgTestDb pg;
  ASSERT_TRUE(pg.ok());
  const std::string first = path("chiso.db");
  make_history(first);
  if (HasFatalFailure()) return;
  ASSERT_EQ(run("copy --from " + first + " --to '" + pg.conninfo() + "'").exit_code, 0);

  // A new user, a new period: each row gets the next id, none taken twice.
  CommandRun added = run(db_arg(pg.conninfo()) + "user add nam --role viewer");
  EXPECT_EQ(added.exit_code, 0) << added.output;
  CommandRun imported = run(db_arg(pg.conninfo()) + "import " + kSeed + " --period 2025-Q1 --allow-same-file");
  EXPECT_LE(imported.exit_code, 1) << imported.output;
  EXPECT_EQ(pg_count(pg.conninfo(), "account"), sqlite_count(first, "account") + 1);
  EXPECT_EQ(pg_count(pg.conninfo(), "period"), sqlite_count(first, "period") + 1);
}

TEST_F(CopyTest, ADestinationWithRowsIsRefusedAndLeftAsItWas) {
  PgTestDb pg;
  ASSERT_TRUE(pg.ok());
  const std::string first = path("chiso.db"), other = path("other.db");
  ASSERT_LE(run(db_arg(first) + "import " + kSeed + " --period 2024-Q4").exit_code, 1);
  ASSERT_EQ(run("copy --from " + first + " --to '" + pg.conninfo() + "'").exit_code, 0);
  const std::int64_t units = pg_count(pg.conninfo(), "unit_submission");

  CommandRun again = run("copy --from " + first + " --to '" + pg.conninfo() + "'");
  EXPECT_EQ(again.exit_code, 4) << again.output;
  EXPECT_NE(again.output.find("không trống"), std::string::npos) << again.output;
  EXPECT_NE(again.output.find(pg.conninfo()), std::string::npos) << "names the destination: " << again.output;
  EXPECT_EQ(pg_count(pg.conninfo(), "unit_submission"), units);

  ASSERT_LE(run(db_arg(other) + "import " + kSeed + " --period 2025-Q1").exit_code, 1);
  CommandRun into_sqlite = run("--lang en copy --from '" + pg.conninfo() + "' --to " + other);
  EXPECT_EQ(into_sqlite.exit_code, 4) << into_sqlite.output;
  EXPECT_NE(into_sqlite.output.find("is not empty"), std::string::npos) << into_sqlite.output;
  EXPECT_EQ(sqlite_text(other, "SELECT name FROM period"), "2025-Q1\n");
}

TEST_F(CopyTest, AMissingSourceIsNamedAndNothingIsCreated) {
  const std::string missing = path("missing.db"), target = path("new.db");
  CommandRun copied = run("copy --from " + missing + " --to " + target);
  EXPECT_EQ(copied.exit_code, 3) << copied.output;
  EXPECT_NE(copied.output.find("Không có cơ sở dữ liệu " + missing), std::string::npos) << copied.output;
  EXPECT_FALSE(fs::exists(missing));
  EXPECT_FALSE(fs::exists(target));

  CommandRun itself = run("copy --from " + target + " --to " + target);
  EXPECT_EQ(itself.exit_code, 4) << itself.output;
}

}  // namespace
}  // namespace chiso::cli_test
