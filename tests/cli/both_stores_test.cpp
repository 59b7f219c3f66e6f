// The same commands on an SQLite file and on a PostgreSQL database
// (--db postgresql://…) print the same: imports, reports in every table
// format, history, status, periods, trend, a check against the stored
// periods. Only the time of each write differs (it is the clock's), and is
// set aside before comparing; nothing else is skipped.
#include <regex>

#include "cli_run.h"
#include "common/pg_test_db.h"

namespace chiso::cli_test {
namespace {

// Each step of the round, as typed after --db.
std::vector<std::string> round_of(const std::string& dir) {
  return {
      "import " + kSeed + " --period 2024-Q4",
      "import " + dir + "/corrected.txt --period 2024-Q4",
      "import " + kSeed + " --period 2025-Q1 --allow-same-file",
      "import " + dir + "/cat-hai.txt --period 2025-Q1",
      "periods",
      "--lang en periods",
      "status --period 2024-Q4",
      "status --period 2025-Q1",
      "report --period 2024-Q4 --format json -o -",
      "report --period 2025-Q1 --format csv -o -",
      "report --period 2025-Q1 --format json --variant review -o -",
      "history --period 2024-Q4",
      "history --period 2025-Q1 --all --format json",
      "history --period 2024-Q4 --unit \"UBND huyện Cát Hải\"",
      "trend --indicator online_full_pct --format json",
      "trend --indicator online_total",
      "units",
      "check " + dir + "/corrected.txt --period 2025-Q2",
  };
}

// The output with the times of writes ("2026-12-06T13:45:02.123Z", or as
// printed in words) and the database's name put aside.
std::string comparable(std::string output, const std::string& db) {
  for (std::size_t at = output.find(db); at != std::string::npos; at = output.find(db, at))
    output.replace(at, db.size(), "<db>");
  static const std::regex iso(R"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z)");
  static const std::regex spaced(R"(\d{4}-\d\d-\d\d \d\d:\d\d(:\d\d)?)");
  static const std::regex dotted(R"(\d\d:\d\d(:\d\d)? \d\d/\d\d/\d{4})");
  output = std::regex_replace(output, iso, "<time>");
  output = std::regex_replace(output, spaced, "<time>");
  return std::regex_replace(output, dotted, "<time>");
}

TEST(BothStores, TheSameRoundPrintsTheSame) {
  test::PgTestDb pg;
  ASSERT_TRUE(pg.ok());
  const fs::path dir = fresh_test_dir("both-stores");
  std::string seed = read_file(kSeed);
  std::string fixed_row = "30\tUBND huyện Cát Hải\t4\t6\t269\t";
  auto at = seed.find(fixed_row);
  ASSERT_NE(at, std::string::npos);
  seed.replace(at, fixed_row.size(), "30\tUBND huyện Cát Hải\t4\t6\t257\t");
  std::ofstream(dir / "corrected.txt", std::ios::binary) << seed;
  // One unit's own row, sent again with another figure.
  std::string header = seed.substr(0, seed.find("\n1\t"));
  std::size_t row_at = seed.find("\n30\tUBND huyện Cát Hải");
  std::string row = seed.substr(row_at, seed.find('\n', row_at + 1) - row_at);
  std::ofstream(dir / "cat-hai.txt", std::ios::binary) << header << row << "\n";

  const std::string sqlite = (dir / "chiso.db").string();
  const std::string postgresql = pg.conninfo();
  for (const std::string& step : round_of(dir.string())) {
    CommandRun on_sqlite = run("--db " + sqlite + " " + step);
    CommandRun on_postgresql = run("--db '" + postgresql + "' " + step);
    EXPECT_EQ(on_postgresql.exit_code, on_sqlite.exit_code) << step << "\n" << on_postgresql.output;
    EXPECT_EQ(comparable(on_postgresql.output, postgresql), comparable(on_sqlite.output, sqlite)) << step;
    EXPECT_FALSE(on_sqlite.output.empty()) << step;
  }
}

}  // namespace
}  // namespace chiso::cli_test
