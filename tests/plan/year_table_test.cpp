// Tables laid out by year (issue 15 §4): a statistical yearbook's table, one
// row per unit and one column per year under a blank header over the unit
// names, reads into one value per unit and year; the plan's [[year_tables]]
// say which indicator it holds. The table, tests/plan/fixtures/year-table.tsv,
// written by hand:
//   (title) SỐ DOANH NGHIỆP ĐANG HOẠT ĐỘNG … PHÂN THEO HUYỆN
//            | 2015  | 2020  | Năm 2022 | Sơ bộ 2023
//   Hồng Bàng| 1.520 | 1.734 | 1.801    | 1.856
//   Kiến Thụy| 210   | 265   |          | 301
// so 7 values: Hồng Bàng's four years, Kiến Thụy's three (2022 is blank).
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>
#include <tuple>
#include <vector>

#include "common/text.h"
#include "ingest/document.h"
#include "ingest/table_layout.h"
#include "plan/binding.h"
#include "plan/plan.h"

namespace chiso {
namespace {

using ::testing::HasSubstr;

const std::string kFixtures = std::string(CHISO_SOURCE_DIR) + "/tests/plan/fixtures/";

TEST(YearHeading, TheWaysAYearbookHeadsItsYears) {
  auto heading = [](std::string_view cell) {
    auto year = year_heading(cell);
    return year ? std::make_tuple(year->year, year->preliminary) : std::make_tuple(0, false);
  };
  EXPECT_EQ(heading("2015"), std::make_tuple(2015, false));
  EXPECT_EQ(heading("Năm 2022"), std::make_tuple(2022, false));
  EXPECT_EQ(heading("NĂM  2022"), std::make_tuple(2022, false));
  EXPECT_EQ(heading("Sơ bộ 2016"), std::make_tuple(2016, true));
  EXPECT_EQ(heading("Sơ bộ\n2016"), std::make_tuple(2016, true));
  EXPECT_EQ(heading("Ước tính 2024"), std::make_tuple(2024, true));
  EXPECT_EQ(heading("Prel. 2016"), std::make_tuple(2016, true));
  for (const char* other : {"Tổng 2015", "12015", "1899", "Năm", "2025-Q1", "2025-03", "", "Đơn vị"}) {
    EXPECT_FALSE(year_heading(other)) << other;
  }
}

struct ReadRow {
  std::string unit;
  std::string period;
  std::string raw;
  double value;
  int row_number;
  bool operator==(const ReadRow&) const = default;
};

std::ostream& operator<<(std::ostream& out, const ReadRow& row) {
  return out << row.unit << " " << row.period << " " << row.raw << " " << row.value << " #" << row.row_number;
}

struct Read {
  std::vector<ReadRow> rows;
  std::vector<Finding> findings;
};

Read read_table(const Plan& plan, const std::string& tsv) {
  Read read;
  auto doc = read_document_bytes(tsv, "year.tsv");
  EXPECT_TRUE(doc.ok()) << doc.error().message;
  if (!doc.ok()) return read;
  auto layout = lay_out(*doc);
  EXPECT_TRUE(layout.ok()) << layout.error().message;
  if (!layout.ok()) return read;
  auto binding = bind_table(plan, *doc, *layout);
  EXPECT_TRUE(binding.ok()) << binding.error().message;
  if (!binding.ok()) return read;
  read.findings = binding->findings;
  UnitMatcher units(plan);
  for_each_row(plan, *doc, *layout, *binding, units, "", [&](UnitRow& row) {
    for (size_t idx = 0; idx < row.values.size(); ++idx) {
      if (row.values[idx].state == ValueState::blank) continue;
      read.rows.push_back({row.unit_name, row.period, plan.indicators[idx].code + "=" + row.values[idx].raw,
                           row.values[idx].number, row.row_number});
    }
    return true;
  });
  return read;
}

Plan year_plan() {
  Result<Plan> plan = load_plan(kFixtures + "year-plan.toml");
  EXPECT_TRUE(plan.ok()) << plan.error().message;
  return plan.ok() ? std::move(plan.value()) : Plan{};
}

std::string fixture_text(const std::string& name) {
  auto bytes = read_file_bytes(kFixtures + name);
  EXPECT_TRUE(bytes.ok());
  return bytes.ok() ? std::string((*bytes)->view()) : std::string();
}

TEST(YearTable, EachUnitAndYearIsOneValueOfTheIndicatorTheTitleNames) {
  const Plan plan = year_plan();
  ASSERT_EQ(plan.year_tables.size(), 2u);
  const Read read = read_table(plan, fixture_text("year-table.tsv"));
  const std::vector<ReadRow> expected = {
      {"Quận Hồng Bàng", "2015", "enterprises=1.520", 1520, 1},
      {"Quận Hồng Bàng", "2020", "enterprises=1.734", 1734, 1},
      {"Quận Hồng Bàng", "2022", "enterprises=1.801", 1801, 1},
      {"Quận Hồng Bàng", "2023", "enterprises=1.856", 1856, 1},
      {"Huyện Kiến Thụy", "2015", "enterprises=210", 210, 2},
      {"Huyện Kiến Thụy", "2020", "enterprises=265", 265, 2},
      {"Huyện Kiến Thụy", "2023", "enterprises=301", 301, 2},
  };
  EXPECT_EQ(read.rows, expected);
  for (const Finding& finding : read.findings) {
    EXPECT_NE(finding.severity, Severity::error) << finding.rule_id << ": " << finding.message_en;
    EXPECT_NE(finding.rule_id, "header.unknown") << finding.message_en;
  }
}

TEST(YearTable, AnotherTitleNamesAnotherIndicator) {
  const Plan plan = year_plan();
  const Read read = read_table(plan,
                               "SỐ LAO ĐỘNG TRONG CÁC DOANH NGHIỆP PHÂN THEO HUYỆN\n"
                               "\t2021\t2022\n"
                               "Huyện Kiến Thụy\t4.100\t4.350\n");
  const std::vector<ReadRow> expected = {
      {"Huyện Kiến Thụy", "2021", "workers=4.100", 4100, 1},
      {"Huyện Kiến Thụy", "2022", "workers=4.350", 4350, 1},
  };
  EXPECT_EQ(read.rows, expected);
}

TEST(YearTable, ATableThePlanNamesNoIndicatorForIsSaidAndNotRead) {
  const Plan plan = year_plan();
  const Read read = read_table(plan,
                               "DIỆN TÍCH ĐẤT PHÂN THEO HUYỆN\n"
                               "\t2021\t2022\n"
                               "Huyện Kiến Thụy\t107,5\t107,6\n");
  EXPECT_TRUE(read.rows.empty());
  bool said = false;
  for (const Finding& finding : read.findings) {
    if (finding.rule_id != "year_table.no_indicator") continue;
    said = true;
    EXPECT_EQ(finding.severity, Severity::error);
    EXPECT_EQ(finding.raw, "2021");
    EXPECT_THAT(finding.message_vi, HasSubstr("tên bảng «DIỆN TÍCH ĐẤT PHÂN THEO HUYỆN»"));
    EXPECT_THAT(finding.message_en, HasSubstr("the plan says no indicator for it"));
  }
  EXPECT_TRUE(said);
}

TEST(YearTable, ThePlansYearTablesAreChecked) {
  Result<Plan> plan = parse_plan(R"toml(
id = "t"
name_vi = "Kế hoạch"
title_vi = "BẢNG"
unit_name_headers = ["Đơn vị"]

[[indicators]]
code = "total"
label_vi = "Tổng số"
kind = "count"
consolidation = "sum"

[[indicators]]
code = "place"
label_vi = "Xếp hạng"
kind = "rank"
rank_of = "total"
consolidation = "none"

[[year_tables]]
indicator = "nothing"

[[year_tables]]
indicator = "place"
titles = ["Xếp hạng"]

[[year_tables]]
indicator = "total"
colour = "red"

[[units]]
name = "A"
kind = "district"
)toml",
                                 "bad.toml");
  ASSERT_FALSE(plan.ok());
  const std::string& message = plan.error().message;
  EXPECT_THAT(message, HasSubstr("year_tables[0].indicator: 'nothing' names no indicator"));
  EXPECT_THAT(message, HasSubstr("year_tables[1].indicator: 'place' is a rank"));
  EXPECT_THAT(message, HasSubstr("year_tables[2].colour: unknown field"));
  EXPECT_THAT(message, HasSubstr("year_tables[2].titles: missing; only one [[year_tables]] entry may go without "
                                 "titles"));
}

}  // namespace
}  // namespace chiso
