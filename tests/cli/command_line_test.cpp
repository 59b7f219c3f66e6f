// The command line takes what people type (issue 14 §5, §6), tried with the
// real binary as a new user would: global options anywhere, the parser's
// messages in the chosen language, wrong arguments exit 3, -o -, formats and
// file names that disagree, commands that only read, the indicators, Ctrl-C
// during an import, periods as people write them, one kind of period per
// trend. Expected figures are read off the seed by hand.
#include <gtest/gtest.h>

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "cli/cli_run.h"

extern char** environ;

namespace {

using namespace chiso::cli_test;

bool has(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

TEST_F(CliTest, GlobalOptionsAreTakenAfterTheSubcommand) {
  CommandRun imported = run("import " + kSeed + " --period 2024-Q4 --db " + path("q4.db"));
  EXPECT_EQ(imported.exit_code, 1) << imported.output;  // stored, with the seed's error findings
  EXPECT_TRUE(fs::exists(path("q4.db")));
  EXPECT_TRUE(has(imported.output, "Quý IV năm 2024: 30 đơn vị mới")) << imported.output;
  // --lang after the subcommand too, and the period as English writes it.
  CommandRun periods = run("periods --db " + path("q4.db") + " --lang en");
  EXPECT_EQ(periods.exit_code, 0) << periods.output;
  EXPECT_TRUE(has(periods.output, "Q4 2024")) << periods.output;
  EXPECT_TRUE(has(periods.output, "Period")) << periods.output;
  // --plan after the subcommand: a plan file that does not exist is named.
  CommandRun plan = run("plan-check --plan " + path("none.toml"));
  EXPECT_EQ(plan.exit_code, 3) << plan.output;
  EXPECT_TRUE(has(plan.output, "không có tệp kế hoạch " + path("none.toml"))) << plan.output;
}

TEST_F(CliTest, TheParserSpeaksTheChosenLanguage) {
  // Each is refused with exit 3 and says why in the language asked for.
  const std::pair<std::string, std::string> refusals[] = {
      {"check", "chiso: thiếu file (bắt buộc)\nXem chiso check --help"},
      {"check --lang en", "chiso: file is required\nSee chiso check --help"},
      {"frobnicate", "không hiểu 'frobnicate': không phải một lệnh; các lệnh: check, import"},
      {"check " + kSeed + " --frob", "không hiểu đối số: --frob"},
      {"check " + kSeed + " --format xml", "--format: 'xml' không phải một trong text|json"},
      {"check " + kSeed + " --max-findings nhiều", "--max-findings: 'nhiều' không phải là số"},
      {"report --period", "--period cần một giá trị"},
      {"--lang fr periods", "--lang: 'fr' không phải một trong vi|en"},
      {"periods --lang en --db", "--db needs a value"},
  };
  for (const auto& [args, message] : refusals) {
    CommandRun refused = run(args);
    EXPECT_EQ(refused.exit_code, 3) << args;
    EXPECT_TRUE(has(refused.output, message)) << args << ": " << refused.output;
  }
}

TEST_F(CliTest, EachSubcommandsHelpListsTheGlobalOptions) {
  for (const char* command : {"import", "report", "trend", "periods", "indicators"}) {
    CommandRun help = run(std::string(command) + " --help");
    EXPECT_EQ(help.exit_code, 0) << command;
    EXPECT_TRUE(has(help.output, "Tùy chọn chung:")) << command << ": " << help.output;
    for (const char* global : {"--db", "--plan", "--lang"}) {
      EXPECT_TRUE(has(help.output, global)) << command << " --help lacks " << global;
    }
    EXPECT_TRUE(has(help.output, "Cách dùng:")) << help.output;
  }
  CommandRun english = run("import --help --lang en");
  EXPECT_TRUE(has(english.output, "Global options:")) << english.output;
  EXPECT_TRUE(has(english.output, "Usage:")) << english.output;
}

// A wrong argument is exit 3 wherever it is found, before anything is written.
TEST_F(CliTest, WrongArgumentsExitThreeEverywhere) {
  ASSERT_EQ(run(db() + " import " + kSeed + " --period 2024-Q4").exit_code, 1);
  CommandRun date = run(db() + " report --period 2024-Q4 --date 2025-02-30 -o " + path("a.pdf"));
  EXPECT_EQ(date.exit_code, 3) << date.output;
  EXPECT_TRUE(has(date.output, "2025-02-30")) << date.output;
  EXPECT_FALSE(fs::exists(path("a.pdf")));
  // meeting_room_has is a yes/no mark: nothing to draw.
  CommandRun mark =
      run(db() + " chart --period 2024-Q4 --indicator meeting_room_has -o " + path("m.svg"));
  EXPECT_EQ(mark.exit_code, 3) << mark.output;
  EXPECT_TRUE(has(mark.output, "meeting_room_has là dấu có/không")) << mark.output;
  EXPECT_EQ(run(db() + " trend --indicator meeting_room_has -o " + path("t.svg")).exit_code, 3);
  // A year outside 1990–2100 says what is expected (plan/period.h).
  CommandRun year = run(db() + " status --period 2124-Q1");
  EXPECT_EQ(year.exit_code, 3);
  EXPECT_TRUE(has(year.output, "kỳ báo cáo '2124-Q1' không hợp lệ")) << year.output;
  EXPECT_TRUE(has(year.output, "với năm từ 1990 đến 2100")) << year.output;
  CommandRun year_en = run(db() + " --lang en status --period 2124-Q1");
  EXPECT_TRUE(has(year_en.output, "with a year from 1990 to 2100")) << year_en.output;
  // --variant belongs to report only.
  EXPECT_EQ(run(db() + " chart --period 2024-Q4 --indicator online_full_pct --variant review -o " +
                path("c.svg"))
                .exit_code,
            3);
  EXPECT_FALSE(fs::exists(path("c.svg")));
  // --delimiter is for CSV.
  EXPECT_EQ(run(db() + " report --period 2024-Q4 --delimiter ';' -o " + path("d.xlsx")).exit_code,
            3);
}

TEST_F(CliTest, DashOutputWritesToStandardOutput) {
  ASSERT_EQ(run(db() + " import " + kSeed + " --period 2024-Q4").exit_code, 1);
  CommandRun csv = run(db() + " report --period 2024-Q4 --format csv -o -", Streams::out);
  ASSERT_EQ(csv.exit_code, 0);
  // Row 2, Công an thành phố: 76 full-process of 140 → 54,29 % published
  // (a ',' CSV writes the decimal point).
  EXPECT_TRUE(has(csv.output, "Công an thành phố,,,140,76,54.29,")) << csv.output.substr(0, 300);
  EXPECT_FALSE(has(csv.output, "Đã ghi"));
  CommandRun json = run(db() + " report --period 2024-Q4 --format json -o -", Streams::out);
  ASSERT_EQ(json.exit_code, 0);
  auto doc = nlohmann::json::parse(json.output);
  EXPECT_EQ(doc["period"], "2024-Q4");  // the code, a field of a machine format
  EXPECT_EQ(doc["units"][1]["values"]["online_total"], 140);
  // Binary formats too when the standard output is not a terminal (a pipe here).
  CommandRun xlsx = run(db() + " report --period 2024-Q4 --format xlsx -o -", Streams::out);
  ASSERT_EQ(xlsx.exit_code, 0);
  EXPECT_EQ(xlsx.output.substr(0, 2), "PK");
  CommandRun svg = run(
      db() + " chart --period 2024-Q4 --indicator online_full_pct --format svg -o -", Streams::out);
  ASSERT_EQ(svg.exit_code, 0);
  EXPECT_EQ(svg.output.substr(0, 4), "<svg");
  CommandRun trend =
      run(db() + " trend --indicator online_full_pct --format svg -o -", Streams::out);
  ASSERT_EQ(trend.exit_code, 0);
  EXPECT_EQ(trend.output.substr(0, 4), "<svg");
  // Without --format there is no telling what to write.
  CommandRun unsaid = run(db() + " report --period 2024-Q4 -o -");
  EXPECT_EQ(unsaid.exit_code, 3);
  EXPECT_TRUE(has(unsaid.output, "-o - (đầu ra chuẩn) cần --format")) << unsaid.output;
}

TEST_F(CliTest, AFormatThatDisagreesWithTheFileNameIsRefused) {
  ASSERT_EQ(run(db() + " import " + kSeed + " --period 2024-Q4").exit_code, 1);
  CommandRun report = run(db() + " report --period 2024-Q4 --format csv -o " + path("x.xlsx"));
  EXPECT_EQ(report.exit_code, 3);
  EXPECT_TRUE(has(report.output, "--format csv mâu thuẫn với đuôi tệp")) << report.output;
  EXPECT_FALSE(fs::exists(path("x.xlsx")));
  EXPECT_EQ(run(db() + " chart --period 2024-Q4 --indicator online_full_pct --format png -o " +
                path("c.svg"))
                .exit_code,
            3);
  // A name without a known extension takes --format.
  EXPECT_EQ(run(db() + " report --period 2024-Q4 --format csv -o " + path("bang")).exit_code, 0);
  EXPECT_TRUE(has(read_file(path("bang")), "Công an thành phố"));
}

// --variant review is not ignored outside DOCX/PDF: CSV shows what the unit typed.
TEST_F(CliTest, TheReviewVariantShowsTheFiguresAsTyped) {
  ASSERT_EQ(run(db() + " import " + kSeed + " --period 2024-Q4").exit_code, 1);
  auto row_of = [](const std::string& csv, const std::string& unit) {
    const std::size_t at = csv.find(unit);
    return at == std::string::npos ? std::string() : csv.substr(at, csv.find('\n', at) - at);
  };
  const std::string published =
      row_of(run(db() + " report --period 2024-Q4 --format csv -o -", Streams::out).output,
             "Công an thành phố");
  const std::string review =
      row_of(run(db() + " report --period 2024-Q4 --format csv --variant review -o -", Streams::out)
                 .output,
             "Công an thành phố");
  // Row 2 typed 93 as its share; 76 / 140 = 54,29 is published.
  EXPECT_TRUE(has(published, ",140,76,54.29,")) << published;
  EXPECT_TRUE(has(review, ",140,76,93,")) << review;
}

TEST_F(CliTest, CommandsThatOnlyReadNeverCreateADatabase) {
  const std::string missing = path("typo.db");
  for (const std::string& command :
       {std::string("periods"), std::string("report --period 2024-Q4 -o ") + path("r.xlsx"),
        std::string("history --period 2024-Q4"), std::string("status --period 2024-Q4"),
        std::string("trend --indicator online_full_pct"),
        std::string("rank --period 2024-Q4 --indicator online_total"),
        std::string("chart --period 2024-Q4 --indicator online_total -o ") + path("c.svg")}) {
    CommandRun result = run(command + " --db " + missing);
    EXPECT_EQ(result.exit_code, 3) << command << ": " << result.output;
    EXPECT_TRUE(has(result.output, "không có cơ sở dữ liệu " + missing))
        << command << ": " << result.output;
    EXPECT_FALSE(fs::exists(missing)) << command << " created the database";
  }
  CommandRun units = run("units --db " + missing);
  EXPECT_EQ(units.exit_code, 0) << units.output;
  EXPECT_FALSE(fs::exists(missing));
}

TEST_F(CliTest, IndicatorsAreListedAndAnUnknownCodeNamesTheClosest) {
  CommandRun json = run("indicators --format json");
  ASSERT_EQ(json.exit_code, 0) << json.output;
  auto list = nlohmann::json::parse(json.output);
  ASSERT_EQ(list.size(), 15u);  // the 15 columns of the seed's table
  EXPECT_EQ(list[0]["code"], "tthc_shortened");
  EXPECT_EQ(list[4]["code"], "online_full_pct");
  EXPECT_EQ(list[4]["label_vi"], "Tỷ lệ DVHCC mức độ toàn trình/Tổng số DVHCC trực tuyến (%)");
  EXPECT_EQ(list[4]["label_en"], "Full-process share of online services (%)");
  EXPECT_EQ(list[4]["kind"], "percent");
  EXPECT_EQ(list[4]["unit_vi"], "%");
  EXPECT_EQ(list[9]["code"], "meeting_room_has");
  EXPECT_EQ(list[9]["kind"], "mark");
  CommandRun text = run("indicators");
  EXPECT_EQ(text.exit_code, 0);
  EXPECT_TRUE(has(text.output, "days_shortened_avg")) << text.output;
  EXPECT_TRUE(has(text.output, "Số ngày trung bình được rút ngắn")) << text.output;

  CommandRun unknown = run(db() + " rank --period 2024-Q4 --indicator online_ful_pct");
  EXPECT_EQ(unknown.exit_code, 3);
  EXPECT_TRUE(has(unknown.output,
                  "kế hoạch không có chỉ tiêu 'online_ful_pct'; mã gần nhất: online_full_pct ("))
      << unknown.output;
  EXPECT_FALSE(fs::exists(path("chiso.db")));
}

// Ctrl-C while the file is being read: the import stops, stores nothing and
// says so. The table comes through a FIFO, so the signal is sent while chiso
// waits for it, after its handler is in place (it opens the FIFO inside the
// import).
TEST_F(CliTest, CtrlCDuringAnImportRollsBackAndSaysSo) {
  const std::string fifo = path("bang.tsv");
  ASSERT_EQ(mkfifo(fifo.c_str(), 0600), 0);
  const std::string out = path("out.txt");
  const std::string cache =
      "CHISO_CACHE_DIR=" + std::string(CHISO_BINARY_DIR) + "/test-output/plan-cache";
  std::vector<std::string> args = {CHISO_EXE, "--db",     path("chiso.db"), "import",
                                   fifo,      "--period", "2024-Q4"};
  std::vector<char*> argv;
  for (std::string& arg : args) argv.push_back(arg.data());
  argv.push_back(nullptr);
  std::vector<char*> env;
  for (char** entry = environ; *entry != nullptr; ++entry) env.push_back(*entry);
  std::string cache_entry = cache;
  env.push_back(cache_entry.data());
  env.push_back(nullptr);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 1, out.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  posix_spawn_file_actions_adddup2(&actions, 1, 2);
  pid_t pid = 0;
  ASSERT_EQ(posix_spawn(&pid, CHISO_EXE, &actions, nullptr, argv.data(), env.data()), 0);
  posix_spawn_file_actions_destroy(&actions);
  const int fd = ::open(fifo.c_str(), O_WRONLY);  // returns once chiso has opened it
  ASSERT_GE(fd, 0);
  ASSERT_EQ(kill(pid, SIGINT), 0);
  const std::string seed = read_file(kSeed);
  ASSERT_EQ(::write(fd, seed.data(), seed.size()), static_cast<ssize_t>(seed.size()));
  ::close(fd);
  int status = 0;
  ASSERT_EQ(waitpid(pid, &status, 0), pid);
  const std::string said = read_file(out);
  ASSERT_TRUE(WIFEXITED(status)) << "killed by the signal: " << said;
  EXPECT_EQ(WEXITSTATUS(status), 130) << said;
  EXPECT_TRUE(has(said, "đã dừng theo yêu cầu; không lưu gì (giao dịch đã được huỷ)")) << said;
  CommandRun periods = run(db() + " periods");
  EXPECT_EQ(periods.exit_code, 0) << periods.output;
  EXPECT_TRUE(has(periods.output, "Chưa có kỳ nào")) << periods.output;
}

// Unit names with the common abbreviations get the registered name as a
// suggestion; thousands written with a space are read as one number.
TEST_F(CliTest, AbbreviatedNamesAndSpacedThousands) {
  std::string seed = read_file(kSeed);
  const std::string row = "5\tSở Văn hóa và Thể thao\t13\t";
  const auto at = seed.find(row);
  ASSERT_NE(at, std::string::npos);
  seed.replace(at, row.size(), "5\tSở VH và TT\t1 345\t");
  write("viet-tat.txt", seed);
  CommandRun checked = run("check " + path("viet-tat.txt") + " --period 2024-Q4 --format json");
  ASSERT_EQ(checked.exit_code, 1) << checked.output.substr(0, 300);
  auto json = nlohmann::json::parse(checked.output);
  bool read = false;
  for (const auto& unit : json["units"]) {  // not registered: listed after the plan's units
    if (unit["name"] == "Sở VH và TT") read = unit["values"]["tthc_shortened"] == 1345;
  }
  EXPECT_TRUE(read) << "1 345 read as 1345";
  bool suggested = false;
  for (const auto& finding : json["findings"]) {
    if (finding["rule"] == "unit.unknown" && finding["raw"] == "Sở VH và TT") {
      suggested = has(finding.dump(), "Có phải là «Sở Văn hóa và Thể thao»?");
    }
  }
  EXPECT_TRUE(suggested) << checked.output.substr(0, 2000);
}

// One kind of period per trend (issue 14 §5): the seed as two quarters, and
// Sở Y tế's figures for a month and a year beside them.
class TrendKinds : public CliTest {
 protected:
  void SetUp() override {
    CliTest::SetUp();
    ASSERT_EQ(run(db() + " import " + kSeed + " --period 2024-Q3").exit_code, 1);
    ASSERT_EQ(run(db() + " import " + kSeed + " --period 2024-Q4 --allow-same-file").exit_code, 1);
    // 33 of 125 = 26,4 %; 50 of 100 = 50 %.
    write("ky.tsv",
          "STT\tTên đơn vị\tKỳ báo cáo\tTổng số dịch vụ hành chính công trực tuyến\t"
          "Dịch vụ hành chính công toàn trình\tDịch vụ hành chính công một phần\n"
          "1\tSở Y tế\tTháng 11 năm 2024\t125\t33\t92\n"
          "2\tSở Y tế\tNăm 2023\t100\t50\t50\n");
    ASSERT_EQ(run(db() + " import " + path("ky.tsv")).exit_code, 0);
  }
};

TEST_F(TrendKinds, TheLatestPeriodsKindByDefaultTheOthersApart) {
  CommandRun trend = run(db() + " trend --indicator online_full_pct --format json");
  ASSERT_EQ(trend.exit_code, 0) << trend.output;
  auto json = nlohmann::json::parse(trend.output);
  // 2024-Q4 ends last (December 2024): quarters.
  EXPECT_EQ(json["period_kind"], "quarter");
  ASSERT_EQ(json["points"].size(), 2u);
  EXPECT_EQ(json["points"][0]["period"], "2024-Q3");
  EXPECT_EQ(json["points"][1]["period"], "2024-Q4");
  EXPECT_NEAR(json["points"][1]["value"].get<double>(), 100.0 * 3044 / 4190, 1e-9);
  ASSERT_EQ(json["other_kinds"].size(), 2u);
  EXPECT_EQ(json["other_kinds"][0],
            nlohmann::json({{"period_kind", "year"}, {"periods", {"2023"}}}));
  EXPECT_EQ(json["other_kinds"][1],
            nlohmann::json({{"period_kind", "month"}, {"periods", {"2024-11"}}}));

  CommandRun text = run(db() + " trend --indicator online_full_pct");
  ASSERT_EQ(text.exit_code, 0) << text.output;
  // 3044 / 4190 = 72,649… → 72,65 as the table shows it.
  EXPECT_TRUE(has(text.output, "Quý IV năm 2024")) << text.output;
  EXPECT_TRUE(has(text.output, "72,65")) << text.output;
  EXPECT_FALSE(has(text.output, "2024-Q4")) << text.output;
  EXPECT_TRUE(has(text.output, "Cũng đã lưu 1 kỳ tháng")) << text.output;
  EXPECT_TRUE(has(text.output, "--period-kind month): Tháng 11 năm 2024")) << text.output;
  EXPECT_TRUE(has(text.output, "--period-kind year): Năm 2023")) << text.output;
}

TEST_F(TrendKinds, TheKindAskedForWithTheTablesDecimals) {
  CommandRun month = run(db() + " trend --indicator online_full_pct --period-kind month");
  ASSERT_EQ(month.exit_code, 0) << month.output;
  // 33 / 125 = 26,4 %, printed with the plan's 2 decimals.
  EXPECT_TRUE(has(month.output, "Tháng 11 năm 2024  26,40")) << month.output;
  EXPECT_FALSE(has(month.output, "Quý IV năm 2024  ")) << month.output;
  CommandRun english =
      run(db() + " trend --indicator online_full_pct --period-kind month --lang en");
  EXPECT_TRUE(has(english.output, "November 2024  26.40")) << english.output;
  CommandRun half = run(db() + " trend --indicator online_full_pct --period-kind half");
  EXPECT_EQ(half.exit_code, 3) << half.output;
  EXPECT_TRUE(has(half.output, "không có kỳ 6 tháng nào đã lưu")) << half.output;
  // The chart draws the quarters only.
  CommandRun chart = run(db() + " trend --indicator online_full_pct -o " + path("t.svg"));
  ASSERT_EQ(chart.exit_code, 0) << chart.output;
  const std::string svg = read_file(path("t.svg"));
  EXPECT_TRUE(has(svg, ">Quý III năm 2024<")) << svg.substr(0, 500);
  EXPECT_TRUE(has(svg, ">Quý IV năm 2024<"));
  EXPECT_FALSE(has(svg, "Tháng 11"));
  EXPECT_FALSE(has(svg, "Năm 2023"));
}

TEST_F(TrendKinds, CompareNamesAnEarlierStoredPeriod) {
  CommandRun later = run(db() + " report --period 2024-Q3 --compare 2024-Q4 -o " + path("x.html"));
  EXPECT_EQ(later.exit_code, 3);
  EXPECT_TRUE(has(later.output, "phải là một kỳ trước 2024-Q3 (Quý III năm 2024)")) << later.output;
  EXPECT_TRUE(has(later.output, "Quý IV năm 2024 (2024-Q4)"))
      << "the stored periods: " << later.output;
  EXPECT_EQ(run(db() + " report --period 2024-Q4 --compare 2024-Q4 -o " + path("x.html")).exit_code,
            3);
  CommandRun absent = run(db() + " report --period 2024-Q4 --compare 2023-Q1 -o " + path("x.html"));
  EXPECT_EQ(absent.exit_code, 3);
  EXPECT_TRUE(has(absent.output, "Quý III năm 2024 (2024-Q3)")) << absent.output;
  EXPECT_FALSE(fs::exists(path("x.html")));
  CommandRun fine = run(db() + " report --period 2024-Q4 --compare 2024-Q3 -o " + path("y.html"));
  EXPECT_EQ(fine.exit_code, 0) << fine.output;
  const std::string html = read_file(path("y.html"));
  EXPECT_TRUE(has(html, "So sánh với Quý III năm 2024"));
  EXPECT_TRUE(has(html, "Kỳ báo cáo: Quý IV năm 2024"));
}

}  // namespace
