// Groups of units and a parent unit in every report (issue 15 §2): after the
// city-wide row, one row per group and one per parent with their figures;
// each group's figures and its highest and lowest units in words. The table
// is tests/check/fixtures/parts-table.tsv (tests/check/parts_test.cpp); the
// figures, worked out by hand:
//   city-wide            300 services, 190 online, 100·190/300 = 63,33 %
//   Khối sở, ban, ngành  120 + 80 = 200, 90 + 40 = 130, 100·130/200 = 65,00 %
//   Khối xã              40 + 50 + 10 = 100, 30 + 20 + 10 = 60, 60,00 %
//   Cộng UBND huyện Kiến Thụy (its three communes): the same as Khối xã.
// Shares: Sở Tư pháp 75, Sở Y tế 50; Đại Đồng 75, Đông Phương 40, Thuận
// Thiên 100.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "check/parts_fixture.h"
#include "common/text.h"
#include "consolidate/analysis.h"
#include "plan/plan.h"
#include "report/appendix.h"
#include "report/report.h"
#include "report_fixture.h"

namespace chiso::report {
namespace {

const std::string kDepartmentsLine =
    "Khối sở, ban, ngành (2 đơn vị): Số dịch vụ: 200; Số dịch vụ trực tuyến: 130; Tỷ lệ trực "
    "tuyến: 65,00%. Tỷ lệ trực tuyến: cao nhất là Sở Tư pháp (75,00%); thấp nhất là Sở Y tế "
    "(50,00%).";
const std::string kCommunesLine =
    "Khối xã (3 đơn vị): Số dịch vụ: 100; Số dịch vụ trực tuyến: 60; Tỷ lệ trực tuyến: 60,00%. "
    "Tỷ lệ trực tuyến: cao nhất là UBND xã Thuận Thiên (100,00%); thấp nhất là UBND xã Đông "
    "Phương (40,00%).";

class PartsReportTest : public ::testing::Test {
 protected:
  void SetUp() override { chiso::check::testing::load_parts_table(plan_, table_); }
  Plan plan_;
  CheckedTable table_;
};

TEST_F(PartsReportTest, JsonGivesEachGroupAndTheParentsSubtotal) {
  auto doc = nlohmann::json::parse(to_json(plan_, table_));
  EXPECT_EQ(doc["summary"]["services"], 300);
  EXPECT_EQ(doc["summary_by_group"]["so"]["units"], 2);
  EXPECT_EQ(doc["summary_by_group"]["so"]["summary"]["services"], 200);
  EXPECT_EQ(doc["summary_by_group"]["so"]["summary"]["online"], 130);
  EXPECT_EQ(doc["summary_by_group"]["so"]["summary"]["online_pct"], 65);
  EXPECT_EQ(doc["summary_by_group"]["xa"]["summary"]["online_pct"], 60);
  const auto& district = doc["summary_by_parent"]["UBND huyện Kiến Thụy"];
  EXPECT_EQ(district["label"], "Cộng UBND huyện Kiến Thụy");
  EXPECT_EQ(district["units"], 3);
  EXPECT_EQ(district["summary"]["services"], 100);
  EXPECT_EQ(district["summary"]["online"], 60);
  EXPECT_EQ(district["summary"]["online_pct"], 60);
}

TEST_F(PartsReportTest, TheWrittenSummaryAndTheTextReportNameEachGroupsBestAndWorst) {
  EXPECT_EQ(group_summaries(plan_, table_, Lang::vi),
            (std::vector<std::string>{kDepartmentsLine, kCommunesLine}));
  EXPECT_NE(written_summary(plan_, table_, Lang::vi).find(kCommunesLine), std::string::npos);
  const std::string text = to_text(plan_, table_, ReportOptions{});
  EXPECT_NE(text.find("Theo nhóm đơn vị:\n  " + kDepartmentsLine + "\n  " + kCommunesLine + "\n"),
            std::string::npos)
      << text;
  const std::vector<std::string> english = group_summaries(plan_, table_, Lang::en);
  ASSERT_EQ(english.size(), 2u);
  EXPECT_EQ(english[0],
            "Departments (2 units): Services: 200; Online services: 130; Online share: 65.00%. "
            "Online share: highest Sở Tư pháp (75.00%); lowest Sở Y tế (50.00%).");
}

// The cells of each <tr class="city…"> row of the table, by the row's name.
std::vector<std::vector<std::string>> html_city_rows(const std::string& html) {
  std::vector<std::vector<std::string>> rows;
  for (std::size_t at = html.find("<tr class=\"city"); at != std::string::npos;
       at = html.find("<tr class=\"city", at + 1)) {
    const std::string row = html.substr(at, html.find("</tr>", at) - at);
    std::vector<std::string> cells;
    for (std::size_t cell = row.find("<td"); cell != std::string::npos;
         cell = row.find("<td", cell + 1)) {
      const std::size_t open_end = row.find('>', cell);
      cells.push_back(row.substr(open_end + 1, row.find("</td>", open_end) - open_end - 1));
    }
    rows.push_back(std::move(cells));
  }
  return rows;
}

TEST_F(PartsReportTest, HtmlHasARowPerGroupAndParentAndTheGroupsInWords) {
  const std::string html = to_html(plan_, table_, ReportOptions{});
  EXPECT_EQ(html_city_rows(html), (std::vector<std::vector<std::string>>{
                                      {"", "Toàn thành phố", "300", "190", "63,33"},
                                      {"", "Khối sở, ban, ngành", "200", "130", "65,00"},
                                      {"", "Khối xã", "100", "60", "60,00"},
                                      {"", "Cộng UBND huyện Kiến Thụy", "100", "60", "60,00"}}));
  EXPECT_NE(html.find("<li>" + kDepartmentsLine + "</li>"), std::string::npos);
}

TEST_F(PartsReportTest, CsvHasTheRowsAsFigures) {
  ReportOptions options;
  options.csv_delimiter = ';';
  const std::string csv = to_csv(plan_, table_, options);
  EXPECT_NE(csv.find(";Khối xã;100;60;60\r\n"), std::string::npos) << csv;
  EXPECT_NE(csv.find(";Khối sở, ban, ngành;200;130;65\r\n"), std::string::npos) << csv;
  EXPECT_NE(csv.find(";Cộng UBND huyện Kiến Thụy;100;60;60\r\n"), std::string::npos) << csv;
}

TEST_F(PartsReportTest, XlsxHasTheRowsAndTheGroupsInWords) {
  const std::string path = report_test::out_dir() + "/parts.xlsx";
  ASSERT_TRUE(write_xlsx(plan_, table_, ReportOptions{}, path).ok());
  int status = 0;
  const std::string out = report_test::read_xlsx_json(path, &status);
  ASSERT_EQ(status, 0) << out;
  auto doc = nlohmann::json::parse(out);
  const nlohmann::json& cells = doc["info"][doc["sheets"][0].get<std::string>()]["cells"];
  std::string parent_row;
  bool said = false;
  for (auto cell = cells.begin(); cell != cells.end(); ++cell) {
    if (cell.value()["value"] == "Cộng UBND huyện Kiến Thụy") parent_row = cell.key().substr(1);
    if (cell.value()["value"] == "- " + kCommunesLine) said = true;
  }
  ASSERT_FALSE(parent_row.empty()) << out.substr(0, 2000);
  EXPECT_DOUBLE_EQ(cells["C" + parent_row]["value"].get<double>(), 100);
  EXPECT_DOUBLE_EQ(cells["D" + parent_row]["value"].get<double>(), 60);
  EXPECT_DOUBLE_EQ(cells["E" + parent_row]["value"].get<double>(), 60);
  EXPECT_TRUE(said);
}

TEST_F(PartsReportTest, DocxHasTheRowsAndTheGroupsInWords) {
  const std::string docx = report_test::out_dir() + "/parts.docx";
  ASSERT_TRUE(write_docx(plan_, table_, AppendixOptions{}, docx).ok());
  int status = 0;
  const std::string out = report_test::run_command(
      "/usr/bin/python3 '" CHISO_SOURCE_DIR "/tests/report/appendix_docx_probe.py' '" + docx + "'",
      &status);
  ASSERT_EQ(status, 0) << out;
  auto doc = nlohmann::json::parse(out);
  std::vector<std::string> group;
  for (const auto& row : doc["tables"][0]["cells"]) {
    if (row.size() > 4 && row[1] == "Khối sở, ban, ngành") group = {row[0], row[2], row[3], row[4]};
  }
  EXPECT_EQ(group, (std::vector<std::string>{"", "200", "130", "65,00"})) << out.substr(0, 3000);
  bool said = false;
  for (const auto& paragraph : doc["paragraphs"]) said = said || paragraph["text"] == kCommunesLine;
  EXPECT_TRUE(said) << out.substr(0, 3000);
}

TEST_F(PartsReportTest, PdfHasTheParentsRow) {
  const std::string pdf = report_test::out_dir() + "/parts.pdf";
  ASSERT_TRUE(write_pdf(plan_, table_, AppendixOptions{}, pdf).ok());
  int status = 0;
  const std::string text =
      text::to_nfc(report_test::run_command("pdftotext -layout '" + pdf + "' -", &status));
  ASSERT_EQ(status, 0);
  std::istringstream in(text);
  std::vector<std::string> figures;
  for (std::string line; std::getline(in, line);) {
    const std::size_t at = line.find("Cộng UBND huyện Kiến Thụy");
    if (at == std::string::npos) continue;
    std::istringstream words(line.substr(at + std::string("Cộng UBND huyện Kiến Thụy").size()));
    for (std::string word; words >> word;) figures.push_back(word);
  }
  EXPECT_EQ(figures, (std::vector<std::string>{"100", "60", "60,00"})) << text;
}

}  // namespace
}  // namespace chiso::report
