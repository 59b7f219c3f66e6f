// The same commands on an SQLite file and on a PostgreSQL database
// (--db postgresql://…) print the same: imports, reports in every table
// format, history, status, periods, trend, a check against the stored
// periods. Only the time of each write differs (it is the clock's), and is
// set aside before comparing; nothing else is skipped.
#include <regex>

#include "cli_run.h"
#include "common/pg_test_db.h"
#include "common/test_database.h"

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

// A province keeps each plan in a database of its own: a database opened
// with another plan (a mistyped --db, a forgotten --plan) is refused with
// the plan it keeps, before anything is read or stored; a plan that shares
// its indicators (the same plan revised, or the next one) is not.
TEST(BothStores, ADatabaseOfAnotherPlanIsRefusedSayingWhichPlanItKeeps) {
  test::PgTestDb pg;
  ASSERT_TRUE(pg.ok());
  const fs::path dir = fresh_test_dir("other-plan");
  const std::string plans = std::string(CHISO_SOURCE_DIR) + "/plans/";
  const std::string pci = "--plan " + plans + "pci-2019.toml ";
  // Plan 197 under another id, its indicators kept: its successor.
  std::string successor = read_file(plans + "hai-phong-197.toml");
  const std::string id_line = "id = \"hai-phong-197\"";
  ASSERT_NE(successor.find(id_line), std::string::npos);
  successor.replace(successor.find(id_line), id_line.size(), "id = \"hai-phong-2026\"");
  std::ofstream(dir / "hai-phong-2026.toml", std::ios::binary) << successor;
  const std::string refusal_vi =
      "lưu số liệu của kế hoạch \"hai-phong-197\" (chỉ tiêu tthc_shortened, days_shortened_avg, online_total, …), "
      "không có chỉ tiêu nào chung với kế hoạch \"pci-2019\"";

  for (const std::string& db : {(dir / "chiso.db").string(), pg.conninfo()}) {
    const std::string on = "--db " + test::shell_quoted(db) + " ";
    CommandRun imported = run(on + "import " + kSeed + " --period 2024-Q4");
    ASSERT_EQ(imported.exit_code, 1) << imported.output;  // the seed's findings

    CommandRun report = run(on + pci + "report --period 2024-Q4 --format csv -o -");
    EXPECT_EQ(report.exit_code, 3) << report.output;
    EXPECT_NE(report.output.find(refusal_vi), std::string::npos) << report.output;
    EXPECT_NE(report.output.find("hãy chọn đúng cơ sở dữ liệu (--db) hoặc kế hoạch (--plan)"), std::string::npos);
    EXPECT_EQ(report.output.find("STT"), std::string::npos) << "no table written: " << report.output;
    CommandRun english = run("--lang en " + on + pci + "report --period 2024-Q4 --format csv -o -");
    EXPECT_NE(english.output.find("keeps the values of plan \"hai-phong-197\" (indicators tthc_shortened, "
                                  "days_shortened_avg, online_total, …), which shares no indicator with the plan "
                                  "given, \"pci-2019\""),
              std::string::npos)
        << english.output;

    // Nothing of the other plan's table is stored.
    CommandRun other = run(on + pci + "import " + std::string(CHISO_SOURCE_DIR) + "/samples/pci-2019.tsv --period 2019");
    EXPECT_EQ(other.exit_code, 3) << other.output;
    EXPECT_NE(other.output.find(refusal_vi), std::string::npos) << other.output;
    CommandRun periods = run(on + "--lang en periods");
    EXPECT_EQ(periods.exit_code, 0) << periods.output;
    EXPECT_EQ(periods.output.find("2019"), std::string::npos) << periods.output;

    // Nor is it served (a server that started anyway is stopped: exit 124).
    CommandRun served = run_program("timeout 20 " + std::string(CHISO_EXE),
                                    on + pci + "serve --listen 127.0.0.1:0 --wait-for-database 0");
    EXPECT_EQ(served.exit_code, 3) << served.output;
    EXPECT_NE(served.output.find(refusal_vi), std::string::npos) << served.output;
    EXPECT_EQ(served.output.find("http://127.0.0.1"), std::string::npos) << served.output;

    // The same indicators under another plan id read the stored periods.
    CommandRun next = run(on + "--plan " + (dir / "hai-phong-2026.toml").string() +
                          " report --period 2024-Q4 --format csv -o -");
    EXPECT_EQ(next.exit_code, 0) << next.output;
    EXPECT_NE(next.output.find("Sở Kế hoạch và Đầu tư"), std::string::npos) << next.output;
  }
}

}  // namespace
}  // namespace chiso::cli_test
