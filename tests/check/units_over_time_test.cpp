// A period is checked against the units that exist in it (issue 15 §3): the
// shipped Plan 197, whose districts ended on 30/06/2025 and whose communes
// began on 01/07/2025 (plans/hai-phong-197.toml, from Resolution
// 1669/NQ-UBTVQH15). A row of a dissolved district in 2026 names its
// successors; a row of a new commune in 2024 says when it began; the 2024
// seed keeps its findings.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "check/check_test_support.h"
#include "check/checker.h"
#include "plan/plan.h"

namespace chiso::check {
namespace {

std::vector<Finding> check_one(const std::string& unit, const std::string& period) {
  const Plan& plan = testing::shipped_plan();
  TableChecker checker(plan, testing::compiled_shipped_plan(), "t.tsv");
  UnitRow row = testing::make_row(plan, 1, unit, {{"online_total", "10"}});
  row.unit_idx = plan.unit_index(unit);
  row.period = period;
  std::vector<Finding> findings;
  checker.check_row(row, findings);
  checker.finish(findings);
  std::vector<Finding> about_unit;
  for (Finding& finding : findings) {
    if (finding.rule_id.rfind("unit.", 0) == 0) about_unit.push_back(std::move(finding));
  }
  return about_unit;
}

TEST(UnitsOverTime, ADissolvedDistrictIn2026NamesItsSuccessors) {
  const std::vector<Finding> findings = check_one("UBND huyện Kiến Thụy", "2026-Q1");
  ASSERT_EQ(findings.size(), 1u);
  EXPECT_EQ(findings[0].rule_id, "unit.not_valid");
  EXPECT_EQ(findings[0].severity, Severity::error);
  EXPECT_EQ(findings[0].message_vi,
            "UBND huyện Kiến Thụy không còn từ 01/07/2025; nay thuộc UBND xã Kiến Thụy, UBND xã "
            "Kiến Minh, "
            "UBND xã Kiến Hải, UBND xã Kiến Hưng và UBND xã Nghi Dương. Kỳ báo cáo Quý I năm 2026 "
            "không có "
            "đơn vị này.");
  EXPECT_EQ(findings[0].hint_vi,
            "Báo cáo theo đơn vị kế nhiệm: UBND xã Kiến Thụy (hoặc đơn vị khác đã nêu).");
  EXPECT_EQ(findings[0].period, "2026-Q1");
}

TEST(UnitsOverTime, ASpecialZoneSaysWhatTheDistrictBecame) {
  const std::vector<Finding> findings = check_one("UBND huyện Cát Hải", "2025-Q3");
  ASSERT_EQ(findings.size(), 1u);
  EXPECT_EQ(findings[0].message_en,
            "UBND huyện Cát Hải no longer exists from 01/07/2025; it became UBND đặc khu Cát Hải. "
            "The period "
            "Q3 2025 has no such unit.");
}

TEST(UnitsOverTime, ANewCommuneBefore2025HasNoRowToSend) {
  const std::vector<Finding> findings = check_one("UBND xã Kiến Thụy", "2024-Q4");
  ASSERT_EQ(findings.size(), 1u);
  EXPECT_EQ(findings[0].message_vi,
            "UBND xã Kiến Thụy có từ 01/07/2025. Kỳ báo cáo Quý IV năm 2024 không có đơn vị này.");
}

TEST(UnitsOverTime, EachUnitInItsOwnTime) {
  EXPECT_TRUE(check_one("UBND huyện Kiến Thụy", "2024-Q4").empty());
  EXPECT_TRUE(check_one("UBND huyện Kiến Thụy", "2025-06").empty());
  EXPECT_TRUE(check_one("UBND xã Kiến Thụy", "2026-Q1").empty());
  EXPECT_TRUE(check_one("Sở Y tế", "2026-Q1").empty());  // no end date given for the departments
  // The year 2025 has both: the district to 30/06, the commune from 01/07.
  EXPECT_TRUE(check_one("UBND huyện Kiến Thụy", "2025").empty());
  EXPECT_TRUE(check_one("UBND xã Kiến Thụy", "2025").empty());
}

// Names as in the period: Thủy Nguyên became a city on 01/01/2025 (the
// plan's `names`); a finding of 2025 names the city, one of 2024 the
// district, and both are about the one registered unit.
std::vector<Finding> negative_count(const std::string& period) {
  const Plan& plan = testing::shipped_plan();
  TableChecker checker(plan, testing::compiled_shipped_plan(), "t.tsv");
  UnitRow row = testing::make_row(plan, 1, "UBND huyện Thủy Nguyên", {{"tthc_shortened", "-3"}});
  row.unit_idx = plan.unit_index("UBND huyện Thủy Nguyên");
  row.period = period;
  std::vector<Finding> findings;
  checker.check_row(row, findings);
  checker.finish(findings);
  std::vector<Finding> negative;
  for (Finding& finding : findings) {
    if (finding.rule_id == "value.negative") negative.push_back(std::move(finding));
  }
  return negative;
}

TEST(UnitsOverTime, AMessageNamesTheUnitAsItWasNamedInThePeriod) {
  const std::vector<Finding> in_2025 = negative_count("2025-Q1");
  ASSERT_EQ(in_2025.size(), 1u);
  EXPECT_EQ(in_2025[0].unit, "UBND huyện Thủy Nguyên");
  EXPECT_EQ(in_2025[0].message_vi,
            "«Số TTHC đã rút ngắn được thời gian so với quy định (Số thủ tục)» của UBND thành phố "
            "Thủy Nguyên là số âm (-3); cần một số không âm.");
  const std::vector<Finding> in_2024 = negative_count("2024-Q4");
  ASSERT_EQ(in_2024.size(), 1u);
  EXPECT_EQ(in_2024[0].unit, "UBND huyện Thủy Nguyên");
  EXPECT_EQ(in_2024[0].message_en,
            "“Administrative procedures with processing time cut below the legal maximum” for UBND "
            "huyện Thủy Nguyên is negative (-3); "
            "expected zero or more.");
}

TEST(UnitsOverTime, ADissolvedCityIsNamedAsOnItsLastDay) {
  const std::vector<Finding> findings = check_one("UBND huyện Thủy Nguyên", "2026-Q1");
  ASSERT_EQ(findings.size(), 1u);
  EXPECT_EQ(findings[0].message_vi,
            "UBND thành phố Thủy Nguyên không còn từ 01/07/2025; nay thuộc UBND phường Thủy Nguyên, "
            "UBND phường Thiên Hương, UBND phường Hòa Bình, UBND phường Nam Triệu, UBND phường Bạch "
            "Đằng, UBND phường Lưu Kiếm, UBND phường Lê Ích Mộc và UBND xã Việt Khê. Kỳ báo cáo Quý I "
            "năm 2026 không có đơn vị này.");
}

}  // namespace
}  // namespace chiso::check
