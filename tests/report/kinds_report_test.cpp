// A scored table (tests/check/fixtures/kinds-plan.toml and kinds-table.tsv)
// published in every format: the city-wide row shows the means of the scores
// and of the index and nothing for what has no city-wide figure — no summed
// maximum (5 × 100 = 500), no mean rank, no grade figure — and a grade or a
// not-applicable marker is shown as typed. The expected figures are worked
// out by hand (tests/check/kinds_test.cpp): direction (9,5 + 8 + 9 + 7,5) / 4
// = 8,50; procedures 64,5 / 5 = 12,90; land (4,5 + 5) / 2 = 4,75; index
// (94 + 82 + 90 + 82) / 4 = 87,00.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <sstream>
#include <string>
#include <vector>

#include "check/kinds_fixture.h"
#include "common/text.h"
#include "plan/plan.h"
#include "report/appendix.h"
#include "report/report.h"
#include "report_fixture.h"
#include "service/check_input.h"

namespace chiso::report {
namespace {

const std::vector<std::string> kCityWide = {"8,50", "12,90", "4,75", "87,00"};

class KindsReportTest : public ::testing::Test {
 protected:
  void SetUp() override { chiso::check::testing::load_kinds_table(plan_, table_); }

  static std::vector<std::string> words(const std::string& line) {
    std::istringstream in(line);
    std::vector<std::string> out;
    for (std::string word; in >> word;) out.push_back(word);
    return out;
  }

  // The words of the line holding "Toàn thành phố", after those words.
  static std::vector<std::string> city_line_figures(const std::string& text) {
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);) {
      const std::size_t at = line.find("Toàn thành phố");
      if (at != std::string::npos)
        return words(line.substr(at + std::string("Toàn thành phố").size()));
    }
    return {"(no city-wide line)"};
  }

  Plan plan_;
  CheckedTable table_;
};

TEST_F(KindsReportTest, JsonGivesNoFigureWhereThereIsNone) {
  auto doc = nlohmann::json::parse(to_json(plan_, table_));
  EXPECT_EQ(doc["summary"]["direction"], 8.5);
  EXPECT_EQ(doc["summary"]["land"], 4.75);
  EXPECT_EQ(doc["summary"]["par_index"], 87);
  for (const char* code : {"max_points", "par_rank", "grade"}) {
    EXPECT_TRUE(doc["summary"][code].is_null()) << code;
    EXPECT_EQ(doc["summary_detail"][code]["method"], "none") << code;
    EXPECT_EQ(doc["summary_detail"][code]["units_reporting"], 0) << code;
  }
  // A grade is its text; a marker has no value.
  EXPECT_EQ(doc["units"][0]["values"]["grade"], "Xuất sắc");
  EXPECT_TRUE(doc["units"][0]["values"]["land"].is_null());
  EXPECT_EQ(doc["units"][0]["values"]["par_rank"], 1);
}

TEST_F(KindsReportTest, JsonGivesEachGroupsFigures) {
  auto doc = nlohmann::json::parse(to_json(plan_, table_));
  const auto& groups = doc["summary_by_group"];
  // Departments: Sở Tư pháp and Sở Y tế. direction (9,5 + 8) / 2 = 8,75;
  // procedures (14 + 12,5) / 2 = 13,25; land applies to neither; index
  // (94 + 82) / 2 = 88.
  EXPECT_EQ(groups["so"]["label"], "Khối sở, ban, ngành");
  EXPECT_EQ(groups["so"]["units"], 2);
  EXPECT_EQ(groups["so"]["summary"]["direction"], 8.75);
  EXPECT_EQ(groups["so"]["summary"]["procedures"], 13.25);
  EXPECT_TRUE(groups["so"]["summary"]["land"].is_null());
  EXPECT_EQ(groups["so"]["summary"]["par_index"], 88);
  // Districts: An Lão, Tiên Lãng, Kiến Thụy. direction (9 + 7,5) / 2 = 8,25
  // (Kiến Thụy's 11 is off the scale); procedures (13 + 13 + 12) / 3 =
  // 12,666… → 12,67; land (4,5 + 5) / 2 = 4,75; index (90 + 82) / 2 = 86.
  EXPECT_EQ(groups["huyen"]["units"], 3);
  EXPECT_EQ(groups["huyen"]["summary"]["direction"], 8.25);
  EXPECT_EQ(groups["huyen"]["summary"]["procedures"], 12.67);
  EXPECT_EQ(groups["huyen"]["summary"]["land"], 4.75);
  EXPECT_EQ(groups["huyen"]["summary"]["par_index"], 86);
  EXPECT_TRUE(groups["huyen"]["summary"]["max_points"].is_null());
}

TEST_F(KindsReportTest, CsvCityWideRowIsBlankWhereThereIsNoFigure) {
  ReportOptions options;
  options.csv_delimiter = ';';
  std::istringstream in(to_csv(plan_, table_, options));
  std::vector<std::string> city, first_unit;
  for (std::string line; std::getline(in, line);) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    std::vector<std::string> fields;
    std::string field;
    std::istringstream cells(line);
    while (std::getline(cells, field, ';')) fields.push_back(field);
    if (line.back() == ';') fields.push_back("");
    if (fields.size() > 1 && fields[1] == "Toàn thành phố") city = fields;
    if (fields.size() > 1 && fields[1] == "Sở Tư pháp") first_unit = fields;
  }
  // STT, name, then the seven indicators in plan order.
  EXPECT_EQ(city, (std::vector<std::string>{"", "Toàn thành phố", "8,5", "12,9", "4,75", "87", "",
                                            "", ""}));
  // CSV is for machines: a not-applicable marker is no figure, its cell is
  // empty (as a share of nothing is); a grade is its text.
  EXPECT_EQ(first_unit, (std::vector<std::string>{"1", "Sở Tư pháp", "9,5", "14", "", "94", "100",
                                                  "1", "Xuất sắc"}));
}

TEST_F(KindsReportTest, HtmlCityWideRowAndFiguresShowNothingMeaningless) {
  ReportOptions options;
  const std::string html = to_html(plan_, table_, options);
  const std::size_t row_at = html.find("<tr class=\"city\">");
  ASSERT_NE(row_at, std::string::npos);
  const std::string row = html.substr(row_at, html.find("</tr>", row_at) - row_at);
  std::vector<std::string> cells;
  for (std::size_t at = row.find("<td"); at != std::string::npos; at = row.find("<td", at + 1)) {
    const std::size_t open_end = row.find('>', at);
    cells.push_back(row.substr(open_end + 1, row.find("</td>", open_end) - open_end - 1));
  }
  EXPECT_EQ(cells, (std::vector<std::string>{"", "Toàn thành phố", "8,50", "12,90", "4,75", "87,00",
                                             "", "", ""}));
  // The figures section says why there is none.
  EXPECT_NE(html.find("không có số liệu ở dòng «Toàn thành phố» (không cộng, không lấy trung bình)"),
            std::string::npos);
  EXPECT_NE(html.find(">Giỏi<"), std::string::npos);  // the grade as typed, under its finding
}

TEST_F(KindsReportTest, XlsxCityWideRowHasNoCellWhereThereIsNoFigure) {
  const std::string path = report_test::out_dir() + "/kinds.xlsx";
  ASSERT_TRUE(write_xlsx(plan_, table_, ReportOptions{}, path).ok());
  int status = 0;
  const std::string out = report_test::read_xlsx_json(path, &status);
  ASSERT_EQ(status, 0) << out;
  auto doc = nlohmann::json::parse(out);
  const nlohmann::json& cells = doc["info"][doc["sheets"][0].get<std::string>()]["cells"];
  std::string city_row;
  for (auto cell = cells.begin(); cell != cells.end(); ++cell) {
    if (cell.value()["value"] == "Toàn thành phố") city_row = cell.key().substr(1);
  }
  ASSERT_FALSE(city_row.empty()) << out.substr(0, 2000);
  // A: STT, B: name, C–I: the indicators.
  EXPECT_DOUBLE_EQ(cells["C" + city_row]["value"].get<double>(), 8.5);
  EXPECT_DOUBLE_EQ(cells["F" + city_row]["value"].get<double>(), 87);
  for (const char* column : {"G", "H", "I"}) {
    const std::string key = column + city_row;
    EXPECT_TRUE(!cells.contains(key) || cells[key]["value"].is_null())
        << key << ": " << cells[key].dump();
  }
}

TEST_F(KindsReportTest, PdfCityWideLineHasOnlyTheFourFigures) {
  const std::string pdf = report_test::out_dir() + "/kinds.pdf";
  AppendixOptions options;
  ASSERT_TRUE(write_pdf(plan_, table_, options, pdf).ok());
  int status = 0;
  const std::string text =
      text::to_nfc(report_test::run_command("pdftotext -layout '" + pdf + "' -", &status));
  ASSERT_EQ(status, 0);
  EXPECT_EQ(city_line_figures(text), kCityWide) << text;
}

TEST_F(KindsReportTest, DocxCityWideRowHasOnlyTheFourFigures) {
  const std::string docx = report_test::out_dir() + "/kinds.docx";
  AppendixOptions options;
  ASSERT_TRUE(write_docx(plan_, table_, options, docx).ok());
  int status = 0;
  const std::string out = report_test::run_command(
      "/usr/bin/python3 '" CHISO_SOURCE_DIR "/tests/report/appendix_docx_probe.py' '" + docx + "'",
      &status);
  ASSERT_EQ(status, 0) << out;
  auto doc = nlohmann::json::parse(out);
  std::vector<std::string> city;
  for (const auto& row : doc["tables"][0]["cells"]) {
    if (row.size() > 1 && row[1] == "Toàn thành phố") {
      for (std::size_t idx = 2; idx < row.size(); ++idx)
        city.push_back(row[idx].get<std::string>());
    }
  }
  EXPECT_EQ(city, (std::vector<std::string>{"8,50", "12,90", "4,75", "87,00", "", "", ""}))
      << out.substr(0, 3000);
  // The footnote of a column with no figure says so, and no "on 0 units".
  bool said = false;
  for (const auto& paragraph : doc["paragraphs"]) {
    const std::string line = paragraph["text"].get<std::string>();
    if (line.rfind("(*) Xếp hạng:", 0) != 0) continue;
    said = true;
    EXPECT_EQ(line,
              "(*) Xếp hạng: không có số liệu ở dòng «Toàn thành phố» (không cộng, không lấy trung bình).");
  }
  EXPECT_TRUE(said) << out.substr(0, 3000);
}

}  // namespace
}  // namespace chiso::report
