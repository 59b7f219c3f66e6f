// `--compare PREVIOUS_PERIOD` in the HTML and XLSX reports (issue 3 §3).
//
// Two periods built by hand from the seed (/work/shared/seed/000_…txt):
//   2024-Q4 (current): seed row 4 "Sở Công Thương" 158 / 117 / 74,05 % /
//     cashless 88,5 / first-time-valid 99, and seed row 2 "Công an thành phố"
//     140 / 76 with the published share 100·76/140 = 54,2857… (shown 54,29;
//     the seed typed 93) / 5 / 95.
//   2024-Q3 (previous, invented): Công an 140 / 70 / 50 % / 5 / 93;
//     Sở Công Thương 160 / 118 / 100·118/160 = 73,75 % / 90 / blank;
//     Sở Văn hóa và Thể thao (seed row 5, only in this period) 96 / 57 / 59,4.
// Expected changes, by hand, on the values as shown (2 decimals for shares):
//   Công an: total 140−140 = 0; full 76−70 = +6; share 54,29−50 = +4,29 điểm;
//     cashless 5−5 = 0 điểm; first-time 95−93 = +2 điểm.
//   Sở Công Thương: total 158−160 = −2; full 117−118 = −1;
//     share 74,05−73,75 = +0,3 điểm; cashless 88,5−90 = −1,5 điểm;
//     first-time: previous blank → change blank.
//   Sở Văn hóa: not in 2024-Q4 → current and change blank.
//   City-wide: total 298 vs 300 → −2; full 193 vs 188 → +5;
//     share 100·193/298 = 64,765… → 64,77 vs 100·188/300 = 62,666… → 62,67
//     → +2,1 điểm; cashless mean (88,5+5)/2 = 46,75 vs (5+90)/2 = 47,5
//     → −0,75 điểm; first-time mean (99+95)/2 = 97 vs 93 (one unit) → +4 điểm.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "report/compare_table.h"
#include "report/report.h"
#include "report/report_fixture.h"

namespace chiso::report {
namespace {

using nlohmann::json;
using report_test::Cell;
using report_test::make_row;

constexpr const char* kMinus = "\u2212";

Plan compare_plan() {
  Plan plan = report_test::make_plan();
  UnitDef trade;
  trade.name = "Sở Công Thương";
  trade.kind = UnitKind::department;
  // Plan order: KH&ĐT, Công an, Sở Công Thương, VH&TT, KH&CN, Cát Hải.
  plan.units.insert(plan.units.begin() + 2, trade);
  return plan;
}

// Cells for the first nine indicators (tthc_shortened … first_time_valid_pct);
// the counts and shares are numbers (the raw text does not matter to the
// comparison, which reads numbers), the last two as typed ("" = blank).
std::vector<Cell> cells(double total, double full, double pct, const char* cashless_raw,
                        double cashless, const char* first_raw, double first) {
  return {{"", -1},  {"", -1}, {"n", total}, {"n", full}, {"n", pct},
          {"", -1},  {"", -1}, {cashless_raw, cashless}, {first_raw, first}};
}

CheckedTable current_table(const Plan& plan) {
  CheckedTable table;
  table.period = "2024-Q4";
  table.source_file = "q4.txt";
  table.rows.push_back(make_row(plan, 4, "Sở Công Thương", "Sở Công Thương", 9,
                                cells(158, 117, 74.05, "88,5", 88.5, "99", 99)));
  table.rows.push_back(make_row(plan, 2, "Công an thành phố", "Công an thành phố", 7,
                                cells(140, 76, 100.0 * 76 / 140, "5", 5, "95", 95)));
  table.summary.resize(plan.indicators.size());
  table.summary[2].value = 298;
  table.summary[3].value = 193;
  table.summary[4].value = 100.0 * 193 / 298;
  table.summary[7].value = (88.5 + 5) / 2;
  table.summary[8].value = (99.0 + 95) / 2;
  return table;
}

CheckedTable previous_table(const Plan& plan) {
  CheckedTable table;
  table.period = "2024-Q3";
  table.source_file = "q3.txt";
  table.rows.push_back(make_row(plan, 2, "Công an thành phố", "Công an thành phố", 7,
                                cells(140, 70, 50, "5", 5, "93", 93)));
  table.rows.push_back(make_row(plan, 4, "Sở Công Thương", "Sở Công Thương", 9,
                                cells(160, 118, 73.75, "90", 90, "", -1)));
  table.rows.push_back(make_row(plan, 5, "Sở Văn hóa và Thể thao", "Sở Văn hóa và Thể thao", 10,
                                cells(96, 57, 59.4, "100", 100, "99,71", 99.71)));
  table.summary.resize(plan.indicators.size());
  table.summary[2].value = 300;
  table.summary[3].value = 188;
  table.summary[4].value = 100.0 * 188 / 300;
  table.summary[7].value = (5.0 + 90) / 2;
  table.summary[8].value = 93;
  return table;
}

class CompareReportTest : public ::testing::Test {
 protected:
  Plan plan = compare_plan();
  CheckedTable current = current_table(plan);
  CheckedTable previous = previous_table(plan);

  ReportOptions options(Lang lang = Lang::vi) {
    ReportOptions result;
    result.lang = lang;
    result.previous = &previous;
    result.html_summary = false;
    result.html_chart = false;
    return result;
  }

  // The <tr> of the comparison table whose first cell is `unit`.
  static std::string row_of(const std::string& section, const std::string& unit) {
    size_t at = section.find("<td>" + unit + "</td>");
    if (at == std::string::npos) return {};
    size_t end = section.find("</tr>", at);
    return section.substr(at, end - at);
  }
  static std::string section_of(const std::string& html) {
    size_t start = html.find("<section id=\"compare\">");
    if (start == std::string::npos) return {};
    return html.substr(start, html.find("</section>", start) - start);
  }
  static std::string td(const std::string& text, const char* cls = "num") {
    return "<td class=\"" + std::string(cls) + "\">" + text + "</td>";
  }
};

TEST_F(CompareReportTest, TableRowsInPlanOrderWithCityWideLast) {
  CompareTable compared = build_compare_table(plan, current, previous);
  ASSERT_EQ(compared.indicators, (std::vector<int>{2, 3, 4, 7, 8}));
  ASSERT_EQ(compared.rows.size(), 4u);
  EXPECT_EQ(compared.rows[0].unit, "Công an thành phố");
  EXPECT_EQ(compared.rows[1].unit, "Sở Công Thương");
  EXPECT_EQ(compared.rows[2].unit, "Sở Văn hóa và Thể thao");
  EXPECT_TRUE(compared.rows[3].city_wide);
  const CompareCell& police_share = compared.rows[0].cells[2];
  ASSERT_TRUE(police_share.delta.has_value());
  EXPECT_NEAR(*police_share.delta, 4.29, 1e-9);
  EXPECT_FALSE(compared.rows[1].cells[4].delta.has_value());  // previous blank
  EXPECT_FALSE(compared.rows[2].cells[0].current.has_value());
  EXPECT_FALSE(compared.rows[2].cells[0].delta.has_value());
  EXPECT_NEAR(*compared.rows[3].cells[2].delta, 2.1, 1e-9);
}

TEST_F(CompareReportTest, ChangeTextHasSignAndUnit) {
  const Indicator& share = plan.indicators[4];
  const Indicator& count = plan.indicators[2];
  EXPECT_EQ(compare_change_text(4.29, share, Lang::vi), "+4,29 điểm");
  EXPECT_EQ(compare_change_text(4.29, share, Lang::en), "+4.29 points");
  EXPECT_EQ(compare_change_text(-3, count, Lang::vi), std::string(kMinus) + "3");
  EXPECT_EQ(compare_change_text(1500, count, Lang::vi), "+1.500");
  EXPECT_EQ(compare_change_text(0.001, share, Lang::vi), "0 điểm");  // rounds to 0, no sign
  EXPECT_EQ(compare_change_text(std::nullopt, share, Lang::vi), "");
}

TEST_F(CompareReportTest, HtmlSectionShowsSignedChanges) {
  std::string html = to_html(plan, current, options());
  std::string section = section_of(html);
  ASSERT_FALSE(section.empty()) << "no comparison section";
  EXPECT_NE(section.find("<h2>So sánh với Quý III năm 2024</h2>"), std::string::npos);
  EXPECT_NE(
      section.find("<th scope=\"col\">Quý III năm 2024</th><th scope=\"col\">Quý IV năm 2024</th>"
                   "<th scope=\"col\">Thay đổi</th>"),
      std::string::npos);
  // Shares with the plan's 2 decimals, changes too. Marks are left out; the
  // days indicator too.
  EXPECT_EQ(section.find("Đã có phòng họp trực tuyến"), std::string::npos);
  EXPECT_EQ(section.find("Số ngày trung bình"), std::string::npos);

  std::string police = row_of(section, "Công an thành phố");
  EXPECT_NE(police.find(td("140") + td("140") + td("0", "num change")), std::string::npos) << police;
  EXPECT_NE(police.find(td("70") + td("76") + td("+6", "num change up")), std::string::npos) << police;
  EXPECT_NE(police.find(td("50,00") + td("54,29") + td("+4,29 điểm", "num change up")),
            std::string::npos) << police;
  EXPECT_NE(police.find(td("93,00") + td("95,00") + td("+2,00 điểm", "num change up")), std::string::npos);

  std::string trade = row_of(section, "Sở Công Thương");
  EXPECT_NE(trade.find(td("160") + td("158") + td(std::string(kMinus) + "2", "num change down")),
            std::string::npos) << trade;
  EXPECT_NE(trade.find(td("73,75") + td("74,05") + td("+0,30 điểm", "num change up")),
            std::string::npos) << trade;
  EXPECT_NE(trade.find(td("90,00") + td("88,50") + td(std::string(kMinus) + "1,50 điểm", "num change down")),
            std::string::npos) << trade;
  EXPECT_NE(trade.find(td("") + td("99,00") + td("", "num change")), std::string::npos) << trade;

  std::string culture = row_of(section, "Sở Văn hóa và Thể thao");
  EXPECT_NE(culture.find(td("96") + td("") + td("", "num change")), std::string::npos) << culture;

  std::string city = row_of(section, "Toàn thành phố");
  EXPECT_NE(city.find(td("300") + td("298") + td(std::string(kMinus) + "2", "num change down")),
            std::string::npos) << city;
  EXPECT_NE(city.find(td("62,67") + td("64,77") + td("+2,10 điểm", "num change up")),
            std::string::npos) << city;
  EXPECT_NE(city.find(td("47,50") + td("46,75") + td(std::string(kMinus) + "0,75 điểm", "num change down")),
            std::string::npos) << city;

  // Plan order, city-wide last.
  size_t police_at = section.find("Công an thành phố");
  size_t trade_at = section.find("Sở Công Thương");
  size_t culture_at = section.find("Sở Văn hóa và Thể thao");
  size_t city_at = section.find("Toàn thành phố");
  EXPECT_LT(police_at, trade_at);
  EXPECT_LT(trade_at, culture_at);
  EXPECT_LT(culture_at, city_at);
}

TEST_F(CompareReportTest, HtmlTrendChartUsesGivenPoints) {
  ReportOptions with_trend = options();
  with_trend.trend_points = {{"2024-Q2", 60.0}, {"2024-Q3", 62.67}, {"2024-Q4", 64.77}};
  std::string section = section_of(to_html(plan, current, with_trend));
  size_t svg = section.find("<svg");
  ASSERT_NE(svg, std::string::npos);
  EXPECT_EQ(section.find("<?xml"), std::string::npos);
  EXPECT_NE(section.find("Quý II năm 2024", svg), std::string::npos);
  EXPECT_NE(section.find("Quý IV năm 2024", svg), std::string::npos);

  // Without stored points: the two periods' city-wide figures.
  std::string fallback = section_of(to_html(plan, current, options()));
  size_t fallback_svg = fallback.find("<svg");
  ASSERT_NE(fallback_svg, std::string::npos);
  EXPECT_NE(fallback.find("Quý III năm 2024", fallback_svg), std::string::npos);
}

TEST_F(CompareReportTest, HtmlInEnglishAndWithoutPrevious) {
  std::string section = section_of(to_html(plan, current, options(Lang::en)));
  EXPECT_NE(section.find("<h2>Compared with Q3 2024</h2>"), std::string::npos);
  EXPECT_NE(row_of(section, "City-wide").find(td("62.67") + td("64.77") + td("+2.10 points", "num change up")),
            std::string::npos);
  ReportOptions plain = options();
  plain.previous = nullptr;
  EXPECT_EQ(to_html(plan, current, plain).find("id=\"compare\""), std::string::npos);
}

TEST_F(CompareReportTest, XlsxComparisonSheetReadBack) {
  std::string path = report_test::out_dir() + "/compare.xlsx";
  Result<void> written = write_xlsx(plan, current, options(), path);
  ASSERT_TRUE(written.ok()) << written.error().message;
  int status = 0;
  std::string out = report_test::run_command(
      report_test::python() + " '" CHISO_SOURCE_DIR "/tests/report/read_xlsx.py' '" + path + "'",
      &status);
  ASSERT_EQ(status, 0) << out;
  json book = json::parse(out);
  ASSERT_EQ(book["sheets"], json::array({"Phụ lục", "Phát hiện", "So sánh"}));
  const json& sheet = book["info"]["So sánh"];
  const json& c = sheet["cells"];
  EXPECT_EQ(c["A1"]["value"], "So sánh với Quý III năm 2024");
  EXPECT_EQ(sheet["freeze"], "B5");
  std::vector<std::string> merged = sheet["merged"].get<std::vector<std::string>>();
  for (const char* range : {"A1:P1", "A3:A4", "B3:D3", "E3:G3", "H3:J3", "K3:M3", "N3:P3"}) {
    EXPECT_NE(std::find(merged.begin(), merged.end(), range), merged.end()) << range;
  }
  EXPECT_EQ(c["B3"]["value"], "Tổng số dịch vụ hành chính công trực tuyến");
  EXPECT_EQ(c["B4"]["value"], "Quý III năm 2024");
  EXPECT_EQ(c["C4"]["value"], "Quý IV năm 2024");
  EXPECT_EQ(c["D4"]["value"], "Thay đổi");
  EXPECT_EQ(c["J4"]["value"], "Thay đổi (điểm)");
  // Row 5 Công an, 6 Sở Công Thương, 7 Sở Văn hóa, 8 city-wide.
  EXPECT_EQ(c["A5"]["value"], "Công an thành phố");
  EXPECT_EQ(c["A6"]["value"], "Sở Công Thương");
  EXPECT_EQ(c["A7"]["value"], "Sở Văn hóa và Thể thao");
  EXPECT_EQ(c["A8"]["value"], "Toàn thành phố");
  EXPECT_TRUE(c["A8"]["bold"]);
  EXPECT_EQ(c["B5"]["value"], 140);
  EXPECT_EQ(c["D5"]["value"], 0);
  EXPECT_EQ(c["G5"]["value"], 6);
  EXPECT_NEAR(c["I5"]["value"].get<double>(), 54.29, 1e-9);
  EXPECT_NEAR(c["J5"]["value"].get<double>(), 4.29, 1e-9);
  EXPECT_EQ(c["J5"]["format"], "+#,##0.00;-#,##0.00;0");
  EXPECT_EQ(c["D5"]["format"], "+#,##0;-#,##0;0");
  EXPECT_EQ(c["D6"]["value"], -2);
  EXPECT_NEAR(c["M6"]["value"].get<double>(), -1.5, 1e-9);
  EXPECT_TRUE(!c.contains("P6") || c["P6"]["value"].is_null());  // previous blank
  EXPECT_TRUE(!c.contains("C7") || c["C7"]["value"].is_null());  // not in 2024-Q4
  EXPECT_EQ(c["D8"]["value"], -2);
  EXPECT_EQ(c["G8"]["value"], 5);
  EXPECT_NEAR(c["J8"]["value"].get<double>(), 2.1, 1e-9);
  EXPECT_NEAR(c["M8"]["value"].get<double>(), -0.75, 1e-9);
  EXPECT_NEAR(c["P8"]["value"].get<double>(), 4, 1e-9);
}

TEST_F(CompareReportTest, XlsxWithoutPreviousHasTwoSheets) {
  std::string path = report_test::out_dir() + "/compare_none.xlsx";
  ReportOptions plain = options();
  plain.previous = nullptr;
  ASSERT_TRUE(write_xlsx(plan, current, plain, path).ok());
  int status = 0;
  std::string out = report_test::run_command(
      report_test::python() + " '" CHISO_SOURCE_DIR "/tests/report/read_xlsx.py' '" + path + "'",
      &status);
  ASSERT_EQ(status, 0) << out;
  EXPECT_EQ(json::parse(out)["sheets"], json::array({"Phụ lục", "Phát hiện"}));
}

}  // namespace
}  // namespace chiso::report
