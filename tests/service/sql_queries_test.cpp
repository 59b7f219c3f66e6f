// The three plain SQL queries of docs/storage.md, run as they are written
// there by the `sqlite3` program (not by chiso), and on PostgreSQL by `psql`
// (the third in its PostgreSQL form, written beside it), give the figures
// chiso's own reports give. Data: the seed as 2025-Q1, Sở Y tế's resubmission, two
// approvals, and tests/service/fixtures/thang-2025.tsv (2025-01, 2025-02).
#include <gtest/gtest.h>

#include <cstdio>
#include <set>
#include <nlohmann/json.hpp>

#include "common/pg_test_db.h"
#include "service/import_input.h"
#include "service/period_table.h"
#include "service/service_fixture.h"

namespace chiso::service_test {
namespace {

// The SQL block under "<!-- query: NAME -->" in docs/storage.md.
std::string documented_query(const std::string& name) {
  std::string doc = read_text(kSourceDir + "/docs/storage.md");
  std::size_t marker = doc.find("<!-- query: " + name + " -->");
  EXPECT_NE(marker, std::string::npos) << name;
  if (marker == std::string::npos) return "";
  std::size_t start = doc.find("```sql\n", marker);
  std::size_t end = doc.find("```", start + 7);
  return doc.substr(start + 7, end - start - 7);
}

// Runs `sql` with the sqlite3 shell in JSON mode; the rows as JSON objects.
nlohmann::json sqlite3_rows(const std::string& db, const std::string& sql) {
  std::string sql_path = db + ".query.sql";
  write_file(sql_path, sql);
  std::string command = "sqlite3 -json '" + db + "' < '" + sql_path + "' 2>&1";
  std::FILE* pipe = popen(command.c_str(), "r");
  std::string output;
  char buffer[4096];
  for (std::size_t got; (got = std::fread(buffer, 1, sizeof buffer, pipe)) > 0;) output.append(buffer, got);
  int status = pclose(pipe);
  EXPECT_EQ(status, 0) << output;
  if (output.find_first_not_of(" \n") == std::string::npos) return nlohmann::json::array();
  auto parsed = nlohmann::json::parse(output, nullptr, false);
  EXPECT_FALSE(parsed.is_discarded()) << output;
  return parsed;
}

// Runs `sql` with psql, unaligned; the rows as JSON objects, the columns
// that hold numbers as numbers, NULL as null.
nlohmann::json psql_rows(const std::string& conninfo, const std::string& sql, const std::string& sql_path) {
  write_file(sql_path, sql);
  // The fields apart by the unit separator (0x1f), which no value holds.
  std::string command = "psql -X -q -v ON_ERROR_STOP=1 -A -F '\x1f' -P footer=off -P null='<null>' -d '" +
                        conninfo + "' -f '" + sql_path + "' 2>&1";
  std::FILE* pipe = popen(command.c_str(), "r");
  std::string output;
  char buffer[4096];
  for (std::size_t got; (got = std::fread(buffer, 1, sizeof buffer, pipe)) > 0;) output.append(buffer, got);
  int status = pclose(pipe);
  EXPECT_EQ(status, 0) << output;
  auto split = [](const std::string& line, char separator) {
    std::vector<std::string> parts;
    std::size_t start = 0;
    for (std::size_t at; (at = line.find(separator, start)) != std::string::npos; start = at + 1)
      parts.push_back(line.substr(start, at - start));
    parts.push_back(line.substr(start));
    return parts;
  };
  std::vector<std::string> lines = split(output, '\n');
  while (!lines.empty() && lines.back().empty()) lines.pop_back();
  nlohmann::json rows = nlohmann::json::array();
  if (lines.empty()) return rows;
  const std::vector<std::string> columns = split(lines[0], '\x1f');
  const std::set<std::string> numeric = {"version", "value", "online_full_pct", "units_reporting"};
  for (std::size_t line_idx = 1; line_idx < lines.size(); ++line_idx) {
    std::vector<std::string> values = split(lines[line_idx], '\x1f');
    EXPECT_EQ(values.size(), columns.size()) << lines[line_idx];
    nlohmann::json row = nlohmann::json::object();
    for (std::size_t column_idx = 0; column_idx < columns.size() && column_idx < values.size(); ++column_idx) {
      const std::string& value = values[column_idx];
      if (value == "<null>") {
        row[columns[column_idx]] = nullptr;
      } else if (numeric.count(columns[column_idx])) {
        row[columns[column_idx]] = std::stod(value);
      } else {
        row[columns[column_idx]] = value;
      }
    }
    rows.push_back(std::move(row));
  }
  return rows;
}

// Run on an SQLite file (false) or a PostgreSQL database (true).
class SqlQueries : public ::testing::TestWithParam<bool> {
 protected:
  void SetUp() override {
    auto dir = test_dir();
    if (GetParam()) {
      pg_ = std::make_unique<test::PgTestDb>();
      ASSERT_TRUE(pg_->ok());
      db_ = pg_->conninfo();
    } else {
      db_ = (dir / "chiso.db").string();
    }
    sql_path_ = (dir / "query.sql").string();
    auto store = open_store(db_);
    ASSERT_TRUE(store);
    service::ImportRequest request;
    request.period = "2025-Q1";
    ASSERT_TRUE(service::import_input(shipped_plan(), compiled(), *store, file_input(kSeed), request).ok());
    std::string yte = write_file(dir / "yte.tsv", table_of({"1\tSở Y tế\t89\t10\t89\t41\t46,07\t48\t53,93\t100\t82\tx\t2\tx\t\tx\t0"}));
    ASSERT_TRUE(service::import_input(shipped_plan(), compiled(), *store, file_input(yte), request).ok());
    service::ImportRequest by_column;
    auto months = service::import_input(shipped_plan(), compiled(), *store,
                                        file_input(kFixtures + "thang-2025.tsv"), by_column);
    ASSERT_TRUE(months.ok()) << months.error().message;
    Provenance coordinator;
    coordinator.author = "dau.moi";
    ASSERT_TRUE(store->set_state("2025-Q1", "Sở Y tế", 2, SubmissionState::approved, coordinator).ok());
    ASSERT_TRUE(store->set_state("2025-Q1", "Sở Du lịch", 1, SubmissionState::approved, coordinator).ok());
    store_ = std::move(store);
  }
  // The rows of the query of docs/storage.md named `name` (on PostgreSQL,
  // its PostgreSQL form where one is written beside it).
  nlohmann::json query_rows(const std::string& name) {
    if (!GetParam()) return sqlite3_rows(db_, documented_query(name));
    std::string doc = read_text(kSourceDir + "/docs/storage.md");
    bool own_form = doc.find("<!-- query: " + name + "-postgresql -->") != std::string::npos;
    return psql_rows(db_, documented_query(own_form ? name + "-postgresql" : name), sql_path_);
  }
  std::unique_ptr<test::PgTestDb> pg_;
  std::string db_;
  std::string sql_path_;
  std::unique_ptr<Store> store_;
};

TEST_P(SqlQueries, AUnitsHistoryOfOneIndicator) {
  nlohmann::json rows = query_rows("unit-history");
  ASSERT_EQ(rows.size(), 4u) << rows.dump();
  // 2025-01 and 2025-02 from the monthly table, then 2025-Q1's two versions.
  const char* periods[] = {"2025-01", "2025-02", "2025-Q1", "2025-Q1"};
  const int versions[] = {1, 1, 1, 2};
  const double values[] = {11, 12, 11, 41};
  for (std::size_t row_idx = 0; row_idx < 4; ++row_idx) {
    EXPECT_EQ(rows[row_idx]["period"], periods[row_idx]) << rows.dump();
    EXPECT_EQ(rows[row_idx]["version"], versions[row_idx]);
    EXPECT_EQ(rows[row_idx]["value"].get<double>(), values[row_idx]);
  }
  EXPECT_EQ(rows[3]["state"], "approved");
  EXPECT_EQ(rows[3]["source"], "yte.tsv");
  EXPECT_EQ(rows[2]["state"], "submitted");  // a version replaced keeps the state it had
}

TEST_P(SqlQueries, TheApprovedValueOfEveryUnit) {
  nlohmann::json rows = query_rows("approved-values");
  std::set<std::string> units;
  for (const auto& row : rows) {
    units.insert(row["unit"].get<std::string>());
    EXPECT_EQ(row["period"], "2025-Q1");
    if (row["unit"] == "Sở Y tế" && row["indicator"] == "online_full") {
      EXPECT_EQ(row["value"].get<double>(), 41);
      EXPECT_EQ(row["version"], 2);
    }
    if (row["unit"] == "Sở Du lịch" && row["indicator"] == "online_total") {
      EXPECT_EQ(row["raw"], "26");
      EXPECT_EQ(row["version"], 1);
    }
  }
  EXPECT_EQ(units, (std::set<std::string>{"Sở Du lịch", "Sở Y tế"}));
  // Sở Y tế reported 15 cells in its resubmission (one blank: ai_answering).
  int yte_cells = 0;
  for (const auto& row : rows) yte_cells += row["unit"] == "Sở Y tế";
  EXPECT_EQ(yte_cells, 14);
}

TEST_P(SqlQueries, TheCityWideFullProcessSharePerPeriodIsChisosFigure) {
  nlohmann::json rows = query_rows("full-process-share");
  ASSERT_EQ(rows.size(), 3u) << rows.dump();
  // By hand: 2025-01 (17 + 11 + 5) / (26 + 89 + 10) = 26,40 % over 3 units;
  // 2025-02 (18 + 12) / (26 + 90) = 25,86 % over 2; 2025-Q1 3074 / 4190 = 73,37 % over 29.
  EXPECT_EQ(rows[0]["period"], "2025-01");
  EXPECT_DOUBLE_EQ(rows[0]["online_full_pct"].get<double>(), 26.4);
  EXPECT_EQ(rows[0]["units_reporting"], 3);
  EXPECT_EQ(rows[1]["period"], "2025-02");
  EXPECT_DOUBLE_EQ(rows[1]["online_full_pct"].get<double>(), 25.86);
  EXPECT_EQ(rows[2]["period"], "2025-Q1");
  EXPECT_DOUBLE_EQ(rows[2]["online_full_pct"].get<double>(), 73.37);
  EXPECT_EQ(rows[2]["units_reporting"], 29);
  // The same as chiso's trend, rounded as the query rounds.
  auto trend = service::trend(shipped_plan(), *store_, "online_full_pct");
  ASSERT_TRUE(trend.ok());
  ASSERT_EQ(trend->size(), 3u);
  for (std::size_t point_idx = 0; point_idx < 3; ++point_idx) {
    EXPECT_EQ((*trend)[point_idx].period, rows[point_idx]["period"]);
    EXPECT_NEAR(*(*trend)[point_idx].value, rows[point_idx]["online_full_pct"].get<double>(), 0.005);
    EXPECT_EQ((*trend)[point_idx].units_reporting, rows[point_idx]["units_reporting"]);
  }
}

INSTANTIATE_TEST_SUITE_P(Stores, SqlQueries, ::testing::Values(false, true),
                         [](const ::testing::TestParamInfo<bool>& info) {
                           return info.param ? "PostgreSQL" : "SQLite";
                         });

}  // namespace
}  // namespace chiso::service_test
