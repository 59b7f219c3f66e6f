// Units named as in the period in every report (issue 15 §3). The plan
// below, written by hand: district D became a town on 01/01/2023 and a city
// (short name "TP D") on 01/07/2024; its rows stay under its one registered
// name "UBND huyện D". So a report of Q3 2024 names it "UBND thành phố D", a
// report of 2023 "UBND thị xã D", and the JSON gives that name beside the
// registered one. Figures: D typed 7, Sở E 3; the city-wide sum is 10.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>
#include <variant>

#include "common/text.h"
#include "plan/plan.h"
#include "report/appendix.h"
#include "report/chart.h"
#include "report/report.h"
#include "report/table_model.h"
#include "report_fixture.h"

namespace chiso::report {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

const char* const kPlan = R"toml(
id = "t"
name_vi = "Kế hoạch"
title_vi = "BẢNG THỬ"
unit_name_headers = ["Tên đơn vị"]

[[indicators]]
code = "total"
label_vi = "Tổng số"
label_en = "Total"
kind = "count"
consolidation = "sum"

[[units]]
name = "UBND huyện D"
short_name = "D"
kind = "district"
names = [
  { name = "UBND thị xã D", valid_from = "2023-01-01", valid_to = "2024-06-30" },
  { name = "UBND thành phố D", short_name = "TP D", valid_from = "2024-07-01" },
]

[[units]]
name = "Sở E"
kind = "department"
)toml";

Plan renamed_plan() {
  Result<Plan> plan = parse_plan(kPlan, "names.toml");
  EXPECT_TRUE(plan.ok()) << plan.error().message;
  return plan.ok() ? std::move(plan.value()) : Plan{};
}

UnitRow count_row(int row_number, const std::string& unit, const std::string& period, double total) {
  UnitRow row;
  row.row_number = row_number;
  row.raw_name = unit;
  row.unit_name = unit;
  row.period = period;
  Value value;
  value.state = ValueState::number;
  value.number = total;
  value.raw = std::to_string(static_cast<int>(total));
  row.values = {value};
  return row;
}

SummaryValue sum_of(double value, int units) {
  SummaryValue summary;
  summary.value = value;
  summary.units_reporting = units;
  return summary;
}

CheckedTable table_of_q3_2024() {
  CheckedTable table;
  table.period = "2024-Q3";
  table.rows = {count_row(1, "UBND huyện D", "2024-Q3", 7), count_row(2, "Sở E", "2024-Q3", 3)};
  table.summary = {sum_of(10, 2)};
  return table;
}

TEST(UnitNamesReport, TheTableModelNamesTheUnitAsInThePeriod) {
  const Plan plan = renamed_plan();
  const TableModel model = build_table_model(plan, table_of_q3_2024(), ModelOptions{});
  ASSERT_GE(model.rows.size(), 2u);
  EXPECT_EQ(model.rows[0].name, "UBND thành phố D");
  EXPECT_EQ(model.rows[1].name, "Sở E");
}

TEST(UnitNamesReport, TextCsvHtmlNameTheCityAndJsonGivesItBeside) {
  const Plan plan = renamed_plan();
  const CheckedTable table = table_of_q3_2024();
  ReportOptions options;
  options.html_chart = false;
  for (const std::string& out : {to_csv(plan, table, options), to_html(plan, table, options)}) {
    EXPECT_THAT(out, HasSubstr("UBND thành phố D"));
    EXPECT_THAT(out, Not(HasSubstr("UBND huyện D")));
  }
  // The text report lists findings, not units: with none, no name at all,
  // and never the old one.
  EXPECT_THAT(to_text(plan, table, options), Not(HasSubstr("UBND huyện D")));
  const nlohmann::json doc = nlohmann::json::parse(to_json(plan, table));
  ASSERT_EQ(doc["units"].size(), 2u);
  // The registered name is the key (findings and pages match by it); the
  // name of the period beside it.
  EXPECT_EQ(doc["units"][0]["name"], "UBND huyện D");
  EXPECT_EQ(doc["units"][0]["name_in_period"], "UBND thành phố D");
  EXPECT_EQ(doc["units"][1]["name"], "Sở E");
  EXPECT_FALSE(doc["units"][1].contains("name_in_period"));
}

TEST(UnitNamesReport, XlsxNamesTheCity) {
  const Plan plan = renamed_plan();
  const std::string path = report_test::out_dir() + "/unit_names.xlsx";
  ReportOptions options;
  options.html_chart = false;
  ASSERT_TRUE(write_xlsx(plan, table_of_q3_2024(), options, path).ok());
  int status = 0;
  const std::string out = report_test::read_xlsx_json(path, &status);
  ASSERT_EQ(status, 0) << out;
  const nlohmann::json doc = nlohmann::json::parse(out);
  const nlohmann::json& cells = doc["info"][doc["sheets"][0].get<std::string>()]["cells"];
  bool city = false;
  bool district = false;
  for (auto cell = cells.begin(); cell != cells.end(); ++cell) {
    city = city || cell.value()["value"] == "UBND thành phố D";
    district = district || cell.value()["value"] == "UBND huyện D";
  }
  EXPECT_TRUE(city);
  EXPECT_FALSE(district);
}

TEST(UnitNamesReport, TheBarChartUsesTheShortNameOfThePeriod) {
  const Plan plan = renamed_plan();
  ChartOptions options;
  Result<ChartScene> scene = layout_bar_chart(plan, table_of_q3_2024(), "total", options);
  ASSERT_TRUE(scene.ok()) << scene.error().message;
  bool city = false;
  for (const ChartShape& shape : scene->shapes) {
    if (const ChartText* text = std::get_if<ChartText>(&shape)) city = city || text->text == "TP D";
  }
  EXPECT_TRUE(city);
}

TEST(UnitNamesReport, AMissingUnitIsListedUnderItsNameOfThePeriod) {
  const Plan plan = renamed_plan();
  CheckedTable table;
  table.period = "2023";
  table.rows = {count_row(1, "Sở E", "2023", 3)};
  table.summary = {sum_of(3, 1)};
  ReportOptions options;
  options.list_missing_units = true;
  EXPECT_THAT(to_csv(plan, table, options), HasSubstr("UBND thị xã D"));
  ModelOptions model_options;
  model_options.list_missing_units = true;
  const TableModel model = build_table_model(plan, table, model_options);
  ASSERT_GE(model.rows.size(), 1u);
  EXPECT_EQ(model.rows[0].name, "UBND thị xã D");
}

TEST(UnitNamesReport, DocxAndPdfNameTheCity) {
  const Plan plan = renamed_plan();
  const CheckedTable table = table_of_q3_2024();
  const std::string docx = report_test::out_dir() + "/unit_names.docx";
  ASSERT_TRUE(write_docx(plan, table, AppendixOptions{}, docx).ok());
  int status = 0;
  const std::string out = report_test::run_command(
      "/usr/bin/python3 '" CHISO_SOURCE_DIR "/tests/report/appendix_docx_probe.py' '" + docx + "'", &status);
  ASSERT_EQ(status, 0) << out;
  const nlohmann::json doc = nlohmann::json::parse(out);
  const nlohmann::json& cells = doc["tables"][0]["cells"];
  ASSERT_GE(cells.size(), 3u);  // header, D, Sở E
  EXPECT_EQ(cells[1][1], "UBND thành phố D");

  const std::string pdf = report_test::out_dir() + "/unit_names.pdf";
  ASSERT_TRUE(write_pdf(plan, table, AppendixOptions{}, pdf).ok());
  const std::string text = text::to_nfc(report_test::run_command("pdftotext -layout '" + pdf + "' -", &status));
  ASSERT_EQ(status, 0);
  EXPECT_THAT(text, HasSubstr("UBND thành phố D"));
  EXPECT_THAT(text, Not(HasSubstr("UBND huyện D")));
}

// A finding about D's row in Q3 2024 (its registered name in Finding::unit,
// as the checker gives it) is listed under the city's name.
TEST(UnitNamesReport, TheFindingsTablesNameTheCity) {
  const Plan plan = renamed_plan();
  CheckedTable table = table_of_q3_2024();
  Finding finding;
  finding.severity = Severity::warning;
  finding.rule_id = "value.jump";
  finding.unit = "UBND huyện D";
  finding.row = 1;
  finding.indicator = "total";
  finding.period = "2024-Q3";
  finding.message_vi = "Giá trị 7 khác xa các kỳ trước (1).";
  finding.message_en = "The value 7 is far from the earlier periods (1).";
  table.findings.push_back(finding);
  AppendixOptions options;
  options.variant = Variant::review;
  Result<detail::AppendixLayout> layout = detail::lay_out_appendix(plan, table, options);
  ASSERT_TRUE(layout.ok()) << layout.error().message;
  ASSERT_EQ(layout->findings.size(), 1u);
  EXPECT_EQ(layout->findings[0][1], "UBND thành phố D");

  const std::string path = report_test::out_dir() + "/unit_names_findings.xlsx";
  ReportOptions report_options;
  report_options.html_chart = false;
  ASSERT_TRUE(write_xlsx(plan, table, report_options, path).ok());
  int status = 0;
  const std::string out = report_test::read_xlsx_json(path, &status);
  ASSERT_EQ(status, 0) << out;
  EXPECT_EQ(out.find("UBND huyện D"), std::string::npos) << "the registered name shown: " << out;
}

TEST(UnitNamesReport, AUnitsOwnRowIsHeadedByItsNameOfThePeriod) {
  const Plan plan = renamed_plan();
  CheckedTable own;
  own.period = "2023-Q2";
  own.rows = {count_row(1, "UBND huyện D", "2023-Q2", 7)};
  AppendixOptions options;
  UnitRowDocument& unit = options.unit_row.emplace();
  unit.unit = "UBND huyện D";
  unit.version = 1;
  Result<detail::AppendixLayout> layout = detail::lay_out_appendix(plan, own, options);
  ASSERT_TRUE(layout.ok()) << layout.error().message;
  EXPECT_EQ(layout->appendix_line, "UBND THỊ XÃ D");
  ASSERT_EQ(layout->rows.size(), 1u);
  EXPECT_EQ(layout->rows[0].cells[1].text, "UBND thị xã D");
}

}  // namespace
}  // namespace chiso::report
