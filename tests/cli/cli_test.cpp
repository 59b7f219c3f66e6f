// End-to-end tests of the chiso command as a coordinator uses it. Expected
// values are read off the seed table by hand.
#include <gtest/gtest.h>

#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>

#include "cli/cli_run.h"

namespace {

using namespace chiso::cli_test;

TEST_F(CliTest, CheckSeedReportsErrorsWithExitCodeOne) {
  CommandRun result = run("check " + kSeed + " --period 2024-Q4");
  EXPECT_EQ(result.exit_code, 1) << result.output;
  // Row 12, Sở Ngoại vụ: 4 full-process services of 1 in total.
  EXPECT_NE(result.output.find("Sở Ngoại vụ"), std::string::npos) << result.output;
  // Row 15 keeps its range as raw text.
  EXPECT_NE(result.output.find("86-96"), std::string::npos) << result.output;
}

// The plan as cached by a first run gives the same answer as the plan read
// afresh (CHISO_CACHE_DIR=off), run after run.
TEST_F(CliTest, ThePlanCacheChangesNothingButTheTime) {
  const std::string args = "--lang en check " + kSeed + " --format json";
  const CommandRun fresh = run_program("CHISO_CACHE_DIR=off " + std::string(CHISO_EXE), args);
  ASSERT_EQ(fresh.exit_code, 1) << fresh.output;
  const std::string cache = "CHISO_CACHE_DIR=" + path("cache") + " " + CHISO_EXE;
  const CommandRun first = run_program(cache, args);
  int entries = 0;
  for (const auto& entry : fs::directory_iterator(path("cache"))) entries += entry.path().extension() == ".plan";
  EXPECT_EQ(entries, 1);
  const CommandRun second = run_program(cache, args);
  EXPECT_EQ(first.exit_code, 1);
  EXPECT_EQ(second.exit_code, 1);
  EXPECT_EQ(first.output, fresh.output);
  EXPECT_EQ(second.output, fresh.output);
}

TEST_F(CliTest, CheckSeedAsJson) {
  CommandRun result = run("check " + kSeed + " --format json 2>/dev/null");
  ASSERT_EQ(result.exit_code, 1) << result.output;
  auto json = nlohmann::json::parse(result.output);
  ASSERT_EQ(json["units"].size(), 30u);

  const auto& row4 = json["units"][3];
  EXPECT_EQ(row4["row"], 4);
  EXPECT_EQ(row4["name"], "Sở Công Thương");
  EXPECT_EQ(row4["values"]["online_total"], 158);
  EXPECT_EQ(row4["values"]["online_full"], 117);
  EXPECT_DOUBLE_EQ(row4["values"]["online_full_pct"].get<double>(), 74.05);
  EXPECT_DOUBLE_EQ(row4["values"]["cashless_pct"].get<double>(), 88.5);
  EXPECT_EQ(row4["values"]["meeting_room_has"], true);
  EXPECT_TRUE(row4["values"]["ai_answering"].is_null());   // blank: not reported
  EXPECT_EQ(row4["values"]["commitments_published"], false);  // "0"

  const auto& row2 = json["units"][1];  // Công an thành phố: procedures blank
  EXPECT_TRUE(row2["values"]["tthc_shortened"].is_null());
  EXPECT_EQ(row2["values"]["meeting_room_count"], 15);

  const auto& row15 = json["units"][14];
  EXPECT_EQ(row15["name"], "Sở Khoa học và Công nghệ");
  EXPECT_TRUE(row15["values"]["first_time_valid_pct"].is_null());  // "86-96" is not a number

  bool range_reported = false;
  bool sum_reported = false;
  for (const auto& finding : json["findings"]) {
    if (finding["row"] == 15 && finding["indicator"] == "first_time_valid_pct" &&
        finding["raw"] == "86-96" && finding["severity"] == "error") {
      range_reported = true;
    }
    // Row 30, UBND huyện Cát Hải: 186 + 71 = 257, typed total 269.
    if (finding["row"] == 30 && finding["rule"] == "online.parts_sum") {
      sum_reported = true;
      EXPECT_EQ(finding["raw"], "269");
      EXPECT_DOUBLE_EQ(finding["expected"].get<double>(), 257);
    }
  }
  EXPECT_TRUE(range_reported);
  EXPECT_TRUE(sum_reported);
}

TEST_F(CliTest, UnreadableFilesExitTwoWithAReason) {
  write("empty.txt", "");
  write("binary.xlsx", std::string("\x00\x01\x02\xff\xfe garbage \x00", 16));
  write("truncated.docx", std::string("PK\x03\x04\x14\x00\x00\x00", 8));

  for (const char* name : {"empty.txt", "binary.xlsx", "truncated.docx"}) {
    CommandRun result = run("check " + path(name));
    EXPECT_EQ(result.exit_code, 2) << name << ": " << result.output;
    EXPECT_NE(result.output.find(name), std::string::npos)
        << "the message names the file: " << result.output;
  }
  CommandRun missing = run("check " + path("no-such-file.tsv"));
  EXPECT_EQ(missing.exit_code, 2) << missing.output;
}

TEST_F(CliTest, ImportNeedsAPeriodWhenTheTableHasNone) {
  CommandRun result = run(db() + " import " + kSeed);
  EXPECT_EQ(result.exit_code, 3) << result.output;
  EXPECT_NE(result.output.find("--period"), std::string::npos) << result.output;
  // Nothing was stored.
  CommandRun periods = run(db() + " periods");
  EXPECT_EQ(periods.exit_code, 0);
  EXPECT_EQ(periods.output.find("2024-Q4"), std::string::npos) << periods.output;
}

TEST_F(CliTest, ImportReimportAndHistory) {
  CommandRun first = run(db() + " import " + kSeed + " --period 2024-Q4");
  ASSERT_EQ(first.exit_code, 1) << first.output;  // stored, with error findings

  // The unit corrects Cát Hải's total (269 → 257) and sends the table again.
  std::string seed = read_file(kSeed);
  std::string fixed_row = "30\tUBND huyện Cát Hải\t4\t6\t269\t";
  auto at = seed.find(fixed_row);
  ASSERT_NE(at, std::string::npos);
  seed.replace(at, fixed_row.size(), "30\tUBND huyện Cát Hải\t4\t6\t257\t");
  write("corrected.txt", seed);
  CommandRun second = run(db() + " import " + path("corrected.txt") + " --period 2024-Q4");
  ASSERT_EQ(second.exit_code, 1) << second.output;

  CommandRun periods = run(db() + " --lang en periods");
  EXPECT_EQ(periods.exit_code, 0);
  EXPECT_NE(periods.output.find("2024-Q4"), std::string::npos) << periods.output;
  EXPECT_NE(periods.output.find("corrected.txt"), std::string::npos) << periods.output;

  CommandRun history = run(db() + " history --period 2024-Q4 --unit \"UBND huyện Cát Hải\"");
  EXPECT_EQ(history.exit_code, 0) << history.output;
  EXPECT_NE(history.output.find("269"), std::string::npos) << history.output;
  EXPECT_NE(history.output.find("257"), std::string::npos) << history.output;
  EXPECT_NE(history.output.find("online_total"), std::string::npos) << history.output;

  CommandRun report = run(db() + " report --period 2024-Q4 --format json -o " + path("r.json"));
  ASSERT_EQ(report.exit_code, 0) << report.output;
  auto json = nlohmann::json::parse(read_file(path("r.json")));
  EXPECT_EQ(json["period"], "2024-Q4");
  EXPECT_EQ(json["units"][29]["values"]["online_total"], 257);
}

TEST_F(CliTest, EveryReportFormatIsWritten) {
  ASSERT_LE(run(db() + " import " + kSeed + " --period 2024-Q4").exit_code, 1);
  for (const char* format : {"xlsx", "html", "csv", "json", "docx", "pdf"}) {
    std::string out = path(std::string("phu-luc.") + format);
    CommandRun result = run(db() + " report --period 2024-Q4 -o " + out);
    EXPECT_EQ(result.exit_code, 0) << format << ": " << result.output;
    std::string bytes = read_file(out);
    EXPECT_GT(bytes.size(), 500u) << format;
    if (std::string(format) == "xlsx" || std::string(format) == "docx") {
      EXPECT_EQ(bytes.substr(0, 2), "PK") << format;
    }
    if (std::string(format) == "pdf") {
      EXPECT_EQ(bytes.substr(0, 5), "%PDF-");
    }
  }
  CommandRun unknown = run(db() + " report --period 2023-Q1 -o " + path("x.xlsx"));
  EXPECT_EQ(unknown.exit_code, 3) << unknown.output;
  EXPECT_NE(unknown.output.find("2024-Q4"), std::string::npos)
      << "the message lists the stored periods: " << unknown.output;
}

TEST_F(CliTest, TheParIndexPlanChecksImportsAndPublishes) {
  // A second real plan, on the table as published: 17 ministries, no error
  // (docs in tests/check/par_index_golden_test.cpp); the average row is
  // compared, not stored; the published row of all units is the mean of
  // the indices, 1.434,43 / 17 = 84,38, and the rank has none.
  const std::string plan = std::string(" --plan ") + CHISO_SOURCE_DIR + "/plans/par-index-2023-bo.toml ";
  const std::string sample = std::string(CHISO_SOURCE_DIR) + "/samples/par-index-2023-bo.tsv";
  CommandRun imported = run(plan + db() + " import " + sample + " --period 2023");
  ASSERT_EQ(imported.exit_code, 0) << imported.output;
  EXPECT_NE(imported.output.find("17 đơn vị mới"), std::string::npos) << imported.output;
  EXPECT_NE(imported.output.find("0 lỗi, 0 cảnh báo"), std::string::npos) << imported.output;
  const std::string csv_path = path("par.csv");
  ASSERT_EQ(run(plan + db() + " report --period 2023 -o " + csv_path).exit_code, 0);
  const std::string csv = read_file(csv_path);
  EXPECT_NE(csv.find(",Trung bình,58.7,25.68,84.38,84.38,\r\n"), std::string::npos) << csv;
  EXPECT_NE(csv.find("\n15,Bộ Y tế,55.81,23.99,79.8,79.8,15\r\n"), std::string::npos) << csv;
  for (const char* format : {"xlsx", "docx", "pdf", "html"}) {
    const std::string out = path(std::string("par.") + format);
    CommandRun published = run(plan + db() + " report --period 2023 -o " + out);
    EXPECT_EQ(published.exit_code, 0) << format << ": " << published.output;
    EXPECT_GT(read_file(out).size(), 500u) << format;
  }
}

TEST_F(CliTest, ThePciPlanChecksImportsAndPublishes) {
  // A third real plan, on the table as published: the PCI 2019 of the 17
  // best-ranked provinces, no finding (tests/check/pci_2019_golden_test.cpp).
  // Every indicator is consolidated "none" (a mean of the 17 best scores is
  // no national figure; a mean rank or tier means nothing): no report prints
  // a figure for all units.
  const std::string plan = std::string(" --plan ") + CHISO_SOURCE_DIR + "/plans/pci-2019.toml ";
  const std::string sample = std::string(CHISO_SOURCE_DIR) + "/samples/pci-2019.tsv";
  CommandRun checked = run(plan + " check " + sample + " --period 2019");
  EXPECT_EQ(checked.exit_code, 0) << checked.output;
  CommandRun imported = run(plan + db() + " import " + sample + " --period 2019");
  ASSERT_EQ(imported.exit_code, 0) << imported.output;
  EXPECT_NE(imported.output.find("17 đơn vị mới"), std::string::npos) << imported.output;
  EXPECT_NE(imported.output.find("0 lỗi, 0 cảnh báo"), std::string::npos) << imported.output;
  const std::string csv_path = path("pci.csv");
  ASSERT_EQ(run(plan + db() + " report --period 2019 -o " + csv_path).exit_code, 0);
  const std::string csv = read_file(csv_path);
  EXPECT_NE(csv.find("\n10,Hải Phòng,68.73,10,Tốt\r\n"), std::string::npos) << csv;
  EXPECT_NE(csv.find("\n14,Thành phố Hồ Chí Minh,67.16,14,Tốt\r\n"), std::string::npos) << csv;
  EXPECT_NE(csv.find("\n17,Vĩnh Phúc,66.75,17,Khá\r\n"), std::string::npos) << csv;
  EXPECT_EQ(csv.find("Cả nước"), std::string::npos) << "a row with no figure in it: " << csv;
  for (const char* format : {"xlsx", "docx", "pdf", "html"}) {
    const std::string out = path(std::string("pci.") + format);
    CommandRun published = run(plan + db() + " report --period 2019 -o " + out);
    EXPECT_EQ(published.exit_code, 0) << format << ": " << published.output;
    EXPECT_GT(read_file(out).size(), 500u) << format;
  }
  // The ranking is attached to no document (no attached_to_vi): an issuer has
  // no line to go in, unless --attached-to names one.
  const std::string lone = path("pci-issuer.docx");
  CommandRun issuer = run(plan + db() + " report --period 2019 --issuer 'Bộ Nội vụ' -o " + lone);
  EXPECT_EQ(issuer.exit_code, 3) << issuer.output;  // a wrong argument
  EXPECT_NE(issuer.output.find("--issuer"), std::string::npos) << issuer.output;
  EXPECT_NE(issuer.output.find("attached_to_vi"), std::string::npos) << issuer.output;
  EXPECT_FALSE(std::filesystem::exists(lone));
  CommandRun attached = run(plan + db() +
                            " report --period 2019 --issuer 'Bộ Nội vụ' --attached-to "
                            "'Công văn số 7/BNV' -o " +
                            lone);
  EXPECT_EQ(attached.exit_code, 0) << attached.output;
}

TEST_F(CliTest, TrendOverPeriods) {
  ASSERT_LE(run(db() + " import " + kSeed + " --period 2024-Q3").exit_code, 1);
  // The same file into a second period is refused unless asked for.
  CommandRun again = run(db() + " import " + kSeed + " --period 2024-Q4");
  EXPECT_EQ(again.exit_code, 4) << again.output;
  EXPECT_NE(again.output.find("2024-Q3"), std::string::npos) << again.output;
  EXPECT_NE(again.output.find("--allow-same-file"), std::string::npos) << again.output;
  ASSERT_LE(run(db() + " import " + kSeed + " --period 2024-Q4 --allow-same-file").exit_code, 1);
  CommandRun trend = run(db() + " trend --indicator online_full_pct --format json");
  ASSERT_EQ(trend.exit_code, 0) << trend.output;
  auto json = nlohmann::json::parse(trend.output)["points"];
  ASSERT_EQ(json.size(), 2u);
  EXPECT_EQ(json[0]["period"], "2024-Q3");
  EXPECT_EQ(json[1]["period"], "2024-Q4");
  // Σ full-process / Σ online services over the 29 units that reported both
  // (row 9, Sở Thông tin và TT, left them blank): 3044 / 4190 = 72,649… %.
  ASSERT_FALSE(json[1]["value"].is_null());
  EXPECT_NEAR(json[1]["value"].get<double>(), 100.0 * 3044 / 4190, 1e-9);
  EXPECT_EQ(json[1]["units_reporting"], 29);
}

TEST_F(CliTest, APeriodColumnStoresEachRowInItsPeriod) {
  // Two units in two quarters, written the ways units write periods.
  write("ky.tsv",
        "STT\tTên đơn vị\tKỳ báo cáo\tTổng số dịch vụ hành chính công trực tuyến\t"
        "Dịch vụ hành chính công toàn trình\tDịch vụ hành chính công một phần\n"
        "1\tSở Y tế\tQuý I/2025\t89\t11\t78\n"
        "2\tSở Du lịch\t2025-Q1\t26\t17\t9\n"
        "3\tSở Y tế\t2025-Q2\t90\t30\t60\n"
        "4\tSở Du lịch\tQ2/2025\t30\t15\t15\n");
  CommandRun imported = run(db() + " import " + path("ky.tsv"));
  ASSERT_EQ(imported.exit_code, 0) << imported.output;
  CommandRun trend = run(db() + " trend --indicator online_full_pct --format json");
  ASSERT_EQ(trend.exit_code, 0) << trend.output;
  auto json = nlohmann::json::parse(trend.output)["points"];
  ASSERT_EQ(json.size(), 2u);
  EXPECT_EQ(json[0]["period"], "2025-Q1");
  // (11 + 17) / (89 + 26) = 28 / 115; (30 + 15) / (90 + 30) = 45 / 120.
  EXPECT_NEAR(json[0]["value"].get<double>(), 100.0 * 28 / 115, 1e-9);
  EXPECT_EQ(json[1]["period"], "2025-Q2");
  EXPECT_NEAR(json[1]["value"].get<double>(), 100.0 * 45 / 120, 1e-9);
}

TEST_F(CliTest, RankOnTheSharesComputedFromTheCounts) {
  ASSERT_LE(run(db() + " import " + kSeed + " --period 2024-Q4").exit_code, 1);
  CommandRun rank = run(db() + " rank --period 2024-Q4 --indicator online_full_pct --format json");
  ASSERT_EQ(rank.exit_code, 0) << rank.output;
  auto json = nlohmann::json::parse(rank.output);
  // 100 %: Sở KH&ĐT 49/49, Cục Thuế 147/147, Sở KH&CN 54/54, Sở NN&PTNT
  // 150/150. Sở Ngoại vụ's typed 100 stands on counts in error (4 of a
  // total of 1): never ranked, never first (issue 14 §4).
  int first = 0;
  for (const auto& entry : json["ranked"]) first += entry["rank"] == 1 ? 1 : 0;
  EXPECT_EQ(first, 4);
  // Then Bảo hiểm xã hội thành phố: 70 / 73 = 95,89 %, ranked 5th.
  const auto& fifth = json["ranked"][4];
  EXPECT_EQ(fifth["rank"], 5);
  EXPECT_EQ(fifth["unit"], "Bảo hiểm xã hội thành phố");
  EXPECT_NEAR(fifth["value"].get<double>(), 95.89, 1e-9);
  // Công an thành phố ranks on 76 / 140 = 54,29 %, not its typed 93.
  for (const auto& entry : json["ranked"]) {
    if (entry["unit"] == "Công an thành phố") {
      EXPECT_NEAR(entry["value"].get<double>(), 54.29, 1e-9);
    }
  }
  // Sở Thông tin và TT left the services blank: listed apart, not last.
  ASSERT_EQ(json["not_reported"].size(), 1u);
  EXPECT_EQ(json["not_reported"][0], "Sở Thông tin và TT");
  // Chi nhánh NHNN TP: 0 services of 0, no share: not ranked 29th.
  EXPECT_EQ(json["not_applicable"], nlohmann::json::array({"Chi nhánh NHNN TP"}));
  // Totals that are not the sum of their parts, by hand from the seed:
  // Sở VH&TT 57 + 37 ≠ 96, Sở Ngoại vụ 4 + 0 ≠ 1, UBND huyện Cát Hải
  // 186 + 71 ≠ 269: their shares are listed apart with their values.
  ASSERT_EQ(json["in_error"].size(), 3u);
  EXPECT_EQ(json["in_error"][0]["unit"], "Sở Văn hóa và Thể thao");
  EXPECT_EQ(json["in_error"][1]["unit"], "Sở Ngoại vụ");
  EXPECT_EQ(json["in_error"][2]["unit"], "UBND huyện Cát Hải");
  EXPECT_EQ(json["ranked"].size(), 25u);
}

TEST_F(CliTest, CompareWithAPreviousPeriod) {
  ASSERT_LE(run(db() + " import " + kSeed + " --period 2024-Q3").exit_code, 1);
  // In 2024-Q4 Công an thành phố moves 4 partial services to full-process:
  // 80 full + 60 partial of 140.
  std::string seed = read_file(kSeed);
  std::string row = "2\tCông an thành phố\t\t\t140\t76\t93\t64\t";
  auto at = seed.find(row);
  ASSERT_NE(at, std::string::npos);
  seed.replace(at, row.size(), "2\tCông an thành phố\t\t\t140\t80\t93\t60\t");
  write("q4.txt", seed);
  ASSERT_LE(run(db() + " import " + path("q4.txt") + " --period 2024-Q4").exit_code, 1);

  CommandRun report = run(db() + " report --period 2024-Q4 --compare 2024-Q3 -o " + path("so-sanh.html"));
  ASSERT_EQ(report.exit_code, 0) << report.output;
  std::string html = read_file(path("so-sanh.html"));
  EXPECT_NE(html.find("So sánh với Quý III năm 2024"), std::string::npos);
  // 80/140 − 76/140 = 57,14 − 54,29 = +2,85 points (each share rounded to 2 decimals).
  EXPECT_NE(html.find("+2,85"), std::string::npos);

  // Options a format cannot honour are refused, not ignored.
  EXPECT_EQ(run(db() + " report --period 2024-Q4 --compare 2024-Q3 -o " + path("x.csv")).exit_code, 3);
  EXPECT_EQ(run(db() + " report --period 2024-Q4 --with-charts -o " + path("x.xlsx")).exit_code, 3);
}

TEST_F(CliTest, BadArgumentsExitThree) {
  EXPECT_EQ(run("check " + kSeed + " --period 2024-Q7").exit_code, 3);
  EXPECT_EQ(run("frobnicate").exit_code, 3);
  EXPECT_EQ(run(db() + " trend --indicator no_such_code").exit_code, 3);
}

}  // namespace

// `chiso` hands the publishing commands over to chiso-publish beside it; the
// other commands need nothing else. Without chiso-publish the user is told
// what is missing, and check and import still work.
TEST_F(CliTest, PublishingIsHandedOverToChisoPublishBesideChiso) {
  const fs::path alone = dir_ / "bin" / "chiso";
  fs::create_directories(alone.parent_path());
  fs::copy_file(CHISO_EXE, alone);
  const std::string exe = alone.string();
  auto run_alone = [&](const std::string& args) { return run_program(exe, db() + " " + args); };
  EXPECT_EQ(run_alone("import " + kSeed + " --period 2024-Q4").exit_code, 1);
  CommandRun report = run_alone("report --period 2024-Q4 -o " + path("a.xlsx"));
  EXPECT_EQ(report.exit_code, 3) << report.output;
  EXPECT_NE(report.output.find((alone.parent_path() / "chiso-publish").string()),
            std::string::npos) << report.output;
  EXPECT_FALSE(fs::exists(path("a.xlsx")));
  // Through the build's own chiso, the same command is published by chiso-publish.
  CommandRun published = run(db() + " report --period 2024-Q4 -o " + path("b.xlsx"));
  EXPECT_EQ(published.exit_code, 0) << published.output;
  EXPECT_TRUE(fs::exists(path("b.xlsx")));
  CommandRun chart = run(db() + " trend --indicator online_full_pct -o " + path("t.svg"));
  EXPECT_EQ(chart.exit_code, 0) << chart.output;
  EXPECT_EQ(read_file(path("t.svg")).substr(0, 4), "<svg");
}

// A district's line goes on over its successors (issue 15 §3). Plan 197's
// UBND huyện Kiến Thụy ends on 30/06/2025; two of its five successors report
// the third quarter. By hand: its full-process share 40/100 = 40 %, 50/100 =
// 50 %, then (24 + 6) / (30 + 20) = 60 % over UBND xã Kiến Thụy and UBND xã
// Kiến Minh. The cashless share is a plain mean: its line stops there.
TEST_F(CliTest, TrendOfADissolvedDistrictFollowsItsSuccessors) {
  write("kien-thuy.tsv",
        "STT\tTên đơn vị\tKỳ báo cáo\tTổng số dịch vụ hành chính công trực tuyến\t"
        "Dịch vụ hành chính công toàn trình\tDịch vụ hành chính công một phần\n"
        "1\tUBND huyện Kiến Thụy\t2025-Q1\t100\t40\t60\n"
        "2\tUBND huyện Kiến Thụy\t2025-Q2\t100\t50\t50\n"
        "3\tUBND xã Kiến Thụy\t2025-Q3\t30\t24\t6\n"
        "4\tUBND xã Kiến Minh\t2025-Q3\t20\t6\t14\n");
  CommandRun imported = run(db() + " import " + path("kien-thuy.tsv"));
  ASSERT_LE(imported.exit_code, 1) << imported.output;
  CommandRun trend = run(db() +
                         " trend --indicator online_full_pct --unit 'UBND huyện Kiến Thụy' --format json");
  ASSERT_EQ(trend.exit_code, 0) << trend.output;
  const auto json = nlohmann::json::parse(trend.output);
  EXPECT_EQ(json["unit"], "UBND huyện Kiến Thụy");
  const auto& points = json["unit_points"];
  ASSERT_EQ(points.size(), 3u) << trend.output;
  EXPECT_NEAR(points[0]["value"].get<double>(), 40, 1e-9);
  EXPECT_EQ(points[0]["of_successors"], false);
  EXPECT_NEAR(points[1]["value"].get<double>(), 50, 1e-9);
  EXPECT_NEAR(points[2]["value"].get<double>(), 60, 1e-9);
  EXPECT_EQ(points[2]["of_successors"], true);
  EXPECT_EQ(points[2]["units"], nlohmann::json::array({"UBND xã Kiến Thụy", "UBND xã Kiến Minh"}));
  EXPECT_EQ(json["change"]["period"], "2025-Q3");
  EXPECT_EQ(json["change"]["stopped"], false);
  EXPECT_EQ(json["change"]["message"],
            "Từ Quý III năm 2025, UBND huyện Kiến Thụy không còn (ngày cuối 30/06/2025); đường tiếp tục bằng số "
            "liệu tổng hợp của các đơn vị kế nhiệm: UBND xã Kiến Thụy, UBND xã Kiến Minh, UBND xã Kiến Hải, UBND "
            "xã Kiến Hưng và UBND xã Nghi Dương.");
  // The city-wide line beside it, the same periods.
  ASSERT_EQ(json["points"].size(), 3u);
  EXPECT_NEAR(json["points"][2]["value"].get<double>(), 60, 1e-9);

  CommandRun text = run(db() + " trend --indicator online_full_pct --unit 'UBND huyện Kiến Thụy'");
  ASSERT_EQ(text.exit_code, 0) << text.output;
  EXPECT_NE(text.output.find("60,00 *"), std::string::npos) << text.output;
  EXPECT_NE(text.output.find("* Từ Quý III năm 2025, UBND huyện Kiến Thụy không còn"), std::string::npos)
      << text.output;

  CommandRun mean = run(db() + " trend --indicator cashless_pct --unit 'UBND huyện Kiến Thụy' --format json");
  ASSERT_EQ(mean.exit_code, 0) << mean.output;
  const auto stopped = nlohmann::json::parse(mean.output);
  EXPECT_EQ(stopped["unit_points"].size(), 2u);
  EXPECT_EQ(stopped["change"]["stopped"], true);

  CommandRun chart = run(db() + " trend --indicator online_full_pct --unit 'UBND huyện Kiến Thụy' -o " +
                         path("kien-thuy.svg"));
  ASSERT_EQ(chart.exit_code, 0) << chart.output;
  EXPECT_NE(read_file(path("kien-thuy.svg")).find("Từ Quý III năm 2025: đơn vị kế nhiệm"), std::string::npos);

  CommandRun unknown = run(db() + " trend --indicator online_full_pct --unit 'UBND huyện Không Có'");
  EXPECT_NE(unknown.exit_code, 0) << unknown.output;
}

// A table big enough to be read on one thread and checked and stored on
// another (src/cli/file_scan.cpp): 100 monthly periods × 2 units × 30 = 6,000
// rows. Every row of Sở Du lịch is faulty (17 + 8 ≠ 26: the parts do not add
// up to the total), every row of Sở Y tế is right; so 3,000 rows, 3,000 errors.
TEST_F(CliTest, ABigTableIsCheckedAndStoredRowByRowInOrder) {
  std::string table =
      "STT\tTên đơn vị\tKỳ báo cáo\tTổng số dịch vụ hành chính công trực tuyến\t"
      "Dịch vụ hành chính công toàn trình\tDịch vụ hành chính công một phần\n";
  int stt = 0;
  for (int month = 0; month < 100; ++month) {
    const std::string period = std::to_string(2000 + month / 12) + "-" +
                               (month % 12 < 9 ? "0" : "") + std::to_string(month % 12 + 1);
    for (int copy = 0; copy < 30; ++copy) {
      table += std::to_string(++stt) + "\tSở Y tế\t" + period + "\t90\t30\t60\n";
      table += std::to_string(++stt) + "\tSở Du lịch\t" + period + "\t26\t17\t8\n";
    }
  }
  write("big.tsv", table);
  CommandRun checked = run("--lang en check " + path("big.tsv") + " --format json");
  ASSERT_EQ(checked.exit_code, 1) << checked.output.substr(0, 500);
  auto json = nlohmann::json::parse(checked.output);
  ASSERT_EQ(json["units"].size(), 6000u);
  int sum_errors = 0;
  int last_row = 0;
  bool in_order = true;
  std::string more;
  for (const auto& finding : json["findings"]) {
    if (finding["rule"] == "findings.more" && finding["raw"] == "online.parts_sum")
      more = finding["message_en"].get<std::string>();
    if (finding["rule"] == "online.parts_sum") {
      ++sum_errors;
      EXPECT_EQ(finding["unit"], "Sở Du lịch");
      in_order = in_order && finding["row"].get<int>() > last_row;
      last_row = finding["row"].get<int>();
    }
  }
  // The first 1,000 of the rule are listed (limits::findings_per_rule_max),
  // the other 2,000 counted in one findings.more.
  EXPECT_EQ(sum_errors, 1000);
  EXPECT_NE(more.find("2000 more findings"), std::string::npos) << more;
  EXPECT_TRUE(in_order) << "findings come in the table's order";

  CommandRun imported = run(db() + " import " + path("big.tsv"));
  EXPECT_EQ(imported.exit_code, 1) << imported.output;
  CommandRun trend = run(db() + " trend --indicator online_full_pct --format json");
  ASSERT_EQ(trend.exit_code, 0) << trend.output;
  auto points = nlohmann::json::parse(trend.output)["points"];
  ASSERT_EQ(points.size(), 100u);
  // Each month: (30·30 + 30·17) / (30·90 + 30·26) = 47 / 116.
  for (const auto& point : points) EXPECT_NEAR(point["value"].get<double>(), 100.0 * 47 / 116, 1e-9);

  // A failure on the storing side stops the reading side (no hang): the
  // table without its period column, imported without --period.
  std::string no_period;
  for (int i = 1; i <= 6000; ++i) no_period += std::to_string(i) + "\tSở Y tế\t90\t30\t60\n";
  write("no-period.tsv",
        "STT\tTên đơn vị\tTổng số dịch vụ hành chính công trực tuyến\t"
        "Dịch vụ hành chính công toàn trình\tDịch vụ hành chính công một phần\n" + no_period);
  CommandRun refused = run(db() + " import " + path("no-period.tsv"));
  EXPECT_EQ(refused.exit_code, 3) << refused.output;
}

// `chiso report --unit`: one unit's submitted row as a document to sign. The
// sample's row 3 (Sở Du lịch) as the seed prints it, with the plan's two
// decimals for days and shares; the DOCX's XML read back with Python's zipfile.
TEST_F(CliTest, AUnitsOwnRowAsADocumentToSign) {
  ASSERT_LE(run(db() + " import " + kSeed + " --period 2024-Q4").exit_code, 1);
  const std::string docx = path("so-du-lich.docx");
  CommandRun written = run(
      db() + " report --unit 'Sở Du lịch' --period 'Quý IV năm 2024' --date 2025-01-10 -o " + docx);
  ASSERT_EQ(written.exit_code, 0) << written.output;
  CommandRun xml =
      run_program("/usr/bin/python3",
                  "-c 'import sys, zipfile; sys.stdout.write(zipfile.ZipFile(sys.argv[1])"
                  ".read(\"word/document.xml\").decode())' " +
                      docx,
                  Streams::out);
  ASSERT_EQ(xml.exit_code, 0);
  for (const char* text :
       {"SỞ DU LỊCH", "THỐNG KÊ MỘT SỐ CHỈ TIÊU THEO KẾ HOẠCH SỐ 197/KH-UBND",
        "Kỳ báo cáo: Quý IV năm 2024", "Số liệu lần 1, nộp lúc ", "NGƯỜI LẬP BIỂU",
        "(Ký, ghi rõ họ tên)", "THỦ TRƯỞNG ĐƠN VỊ", "(Ký tên, đóng dấu)",
        "Hải Phòng, ngày 10 tháng 01 năm 2025", ">Sở Du lịch<", ">2,80<", ">65,00<", ">35,00<"}) {
    EXPECT_NE(xml.output.find(text), std::string::npos) << text;
  }
  // Its row alone: neither another unit nor the city-wide row.
  EXPECT_EQ(xml.output.find("Sở Công Thương"), std::string::npos);
  EXPECT_EQ(xml.output.find("Toàn thành phố"), std::string::npos);

  const std::string pdf = path("so-du-lich.pdf");
  ASSERT_EQ(run(db() + " report --unit 3 --period 2024-Q4 -o " + pdf).exit_code, 3)
      << "a unit is named, not numbered, on the command line";
  ASSERT_EQ(run(db() + " report --unit 'So Du lich' --period 2024-Q4 -o " + pdf).exit_code, 0);
  EXPECT_EQ(read_file(pdf).substr(0, 5), "%PDF-");

  CommandRun xlsx = run(db() + " report --unit 'Sở Du lịch' --period 2024-Q4 -o " + path("x.xlsx"));
  EXPECT_EQ(xlsx.exit_code, 3);
  EXPECT_NE(xlsx.output.find("--unit dùng với docx hoặc pdf"), std::string::npos) << xlsx.output;
  CommandRun compare = run(
      db() + " report --unit 'Sở Du lịch' --period 2024-Q4 --compare 2024-Q3 -o " + path("y.docx"));
  EXPECT_EQ(compare.exit_code, 3) << compare.output;
  CommandRun unknown =
      run(db() + " report --unit 'Sở Không Có' --period 2024-Q4 -o " + path("z.docx"));
  EXPECT_EQ(unknown.exit_code, 3) << unknown.output;
  CommandRun other_period =
      run(db() + " report --unit 'Sở Du lịch' --period 2025-Q1 -o " + path("z.docx"));
  EXPECT_EQ(other_period.exit_code, 3) << other_period.output;
  EXPECT_NE(other_period.output.find("2024-Q4"), std::string::npos)
      << "names the stored periods: " << other_period.output;
}
