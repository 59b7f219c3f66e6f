// Each built-in check and each rule of the shipped plan, on rows built by
// hand: it fires where it should (with the expected value and hint worked by
// hand) and stays quiet where it should not.
#include "check/checker.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "check/check_test_support.h"

namespace chiso::check {
namespace {

using testing::compiled_shipped_plan;
using testing::make_row;
using testing::online;
using testing::shipped_plan;

std::vector<Finding> check(const UnitRow& row) {
  TableChecker checker(shipped_plan(), compiled_shipped_plan(), "hand.tsv");
  std::vector<Finding> findings;
  checker.check_row(row, findings);
  return findings;
}

// Findings of one rule id.
std::vector<Finding> of_rule(const std::vector<Finding>& findings, const std::string& rule_id) {
  std::vector<Finding> out;
  for (const Finding& finding : findings) {
    if (finding.rule_id == rule_id) out.push_back(finding);
  }
  return out;
}

// Findings of severity warning or error.
std::vector<Finding> problems(const std::vector<Finding>& findings) {
  std::vector<Finding> out;
  for (const Finding& finding : findings) {
    if (finding.severity != Severity::info) out.push_back(finding);
  }
  return out;
}

const char* kUnit = "Sở Tư pháp";

TEST(CompileTest, ShippedPlanCompiles) {
  auto compiled = compile(shipped_plan());
  ASSERT_TRUE(compiled.ok()) << compiled.error().message;
  EXPECT_GE((*compiled)->rules.size(), 9u);
  EXPECT_EQ((*compiled)->derived.size(), 2u);  // the two shares
}

TEST(CompileTest, ErrorsNameTheRuleFieldAndPosition) {
  Plan plan = shipped_plan();
  Rule rule;
  rule.id = "bad.rule";
  rule.indicator = "online_total";
  rule.check = "online_total >= (online_full";
  rule.message_vi = "ok";
  rule.message_en = "{nope}";
  plan.rules.push_back(rule);
  plan.indicators[0].formula = "tthc_shortened * 2";
  auto compiled = compile(plan);
  ASSERT_FALSE(compiled.ok());
  const std::string& message = compiled.error().message;
  EXPECT_NE(message.find("(bad.rule).check: at 29: expected ')', found the end of the expression"),
            std::string::npos)
      << message;
  EXPECT_NE(message.find("(bad.rule).message_en: at 1: unknown placeholder {nope}"), std::string::npos)
      << message;
  EXPECT_NE(message.find("indicators[0] (tthc_shortened).formula: the formula uses its own indicator"),
            std::string::npos)
      << message;
}

TEST(CompileTest, UnknownNameInARule) {
  Plan plan = shipped_plan();
  Rule rule;
  rule.id = "typo.rule";
  rule.check = "online_totl > 0";
  rule.message_vi = rule.message_en = "x";
  plan.rules.push_back(rule);
  auto compiled = compile(plan);
  ASSERT_FALSE(compiled.ok());
  EXPECT_NE(compiled.error().message.find("(typo.rule).check: at 1: unknown name 'online_totl'"),
            std::string::npos)
      << compiled.error().message;
}

// --- built-in checks

TEST(BuiltinChecksTest, TextInANumberColumn) {
  // Seed row 15: `86-96` as the first-time-valid share.
  auto findings = check(make_row(shipped_plan(), 15, kUnit, {{"first_time_valid_pct", "86-96"}}));
  auto found = of_rule(findings, "value.not_number");
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].severity, Severity::error);
  EXPECT_EQ(found[0].indicator, "first_time_valid_pct");
  EXPECT_EQ(found[0].raw, "86-96");
  EXPECT_EQ(found[0].expected, "");
  EXPECT_EQ(found[0].row, 15);
  EXPECT_EQ(found[0].file, "hand.tsv");
  EXPECT_NE(found[0].message_vi.find("86-96"), std::string::npos);
  EXPECT_NE(found[0].message_en.find("not a number"), std::string::npos);
}

TEST(BuiltinChecksTest, TextInAMarkColumn) {
  auto findings = check(make_row(shipped_plan(), 1, kUnit, {{"ddci_connected", "có"}}));
  auto found = of_rule(findings, "value.not_number");
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].indicator, "ddci_connected");
  EXPECT_NE(found[0].message_en.find("expected x (yes), 0 (no) or blank"), std::string::npos);
}

TEST(BuiltinChecksTest, NegativeCountAndDays) {
  auto findings = check(make_row(shipped_plan(), 1, kUnit,
                                 {{"tthc_shortened", "-3"}, {"days_shortened_avg", "-1,5"}}));
  auto found = of_rule(findings, "value.negative");
  ASSERT_EQ(found.size(), 2u);
  EXPECT_EQ(found[0].indicator, "tthc_shortened");
  EXPECT_EQ(found[0].raw, "-3");
  EXPECT_EQ(found[1].indicator, "days_shortened_avg");
  EXPECT_TRUE(of_rule(check(make_row(shipped_plan(), 1, kUnit, {{"tthc_shortened", "0"}})),
                      "value.negative")
                  .empty());
}

TEST(BuiltinChecksTest, PercentOutsideRange) {
  auto findings = check(make_row(shipped_plan(), 1, kUnit,
                                 {{"cashless_pct", "120"}, {"first_time_valid_pct", "-1"}}));
  auto found = of_rule(findings, "value.percent_range");
  ASSERT_EQ(found.size(), 2u);
  EXPECT_EQ(found[0].indicator, "cashless_pct");
  EXPECT_EQ(found[0].raw, "120");
  EXPECT_EQ(found[1].indicator, "first_time_valid_pct");
  // 0 and 100 are inside.
  EXPECT_TRUE(of_rule(check(make_row(shipped_plan(), 1, kUnit,
                                     {{"cashless_pct", "100"}, {"first_time_valid_pct", "0"}})),
                      "value.percent_range")
                  .empty());
}

TEST(BuiltinChecksTest, BlankIsInfoNotError) {
  auto findings = check(make_row(shipped_plan(), 1, kUnit, {{"tthc_shortened", "3"}}));
  EXPECT_TRUE(problems(findings).empty());
  auto missing = of_rule(findings, "value.missing");
  // Every indicator but tthc_shortened is blank.
  EXPECT_EQ(missing.size(), shipped_plan().indicators.size() - 1);
  for (const Finding& finding : missing) EXPECT_EQ(finding.severity, Severity::info);
}

TEST(BuiltinChecksTest, MinSeveritySkipsInfos) {
  TableChecker checker(shipped_plan(), compiled_shipped_plan(), "hand.tsv");
  checker.set_min_severity(Severity::warning);
  std::vector<Finding> findings;
  checker.check_row(make_row(shipped_plan(), 2, kUnit, online("140", "76", "93", "64", "5")), findings);
  // Only the two share errors of seed row 2; none of its blank cells.
  ASSERT_EQ(findings.size(), 2u);
  EXPECT_EQ(findings[0].rule_id, "online.full_pct_agrees");
  EXPECT_EQ(findings[1].rule_id, "online.partial_pct_agrees");
}

TEST(BuiltinChecksTest, UnknownUnitSuggestsTheClosest) {
  auto findings = check(make_row(shipped_plan(), 4, "Sở Cong Thuong", {}));
  auto found = of_rule(findings, "unit.unknown");
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].severity, Severity::error);
  EXPECT_EQ(found[0].raw, "Sở Cong Thuong");
  EXPECT_EQ(found[0].hint_vi, "Có phải là «Sở Công Thương»?");
  EXPECT_EQ(found[0].hint_en, "Did you mean “Sở Công Thương”?");
}

TEST(BuiltinChecksTest, UnitMatchedIgnoringToneMarkPlacementIsKnown) {
  // "hoá" (new placement) for the registered "Sở Văn hóa và Thể thao".
  UnitRow row = make_row(shipped_plan(), 5, "Sở Văn hoá và Thể thao", {});
  row.unit_name.clear();
  EXPECT_TRUE(of_rule(check(row), "unit.unknown").empty());
}

TEST(BuiltinChecksTest, DuplicateUnitPointsAtTheSecondRow) {
  TableChecker checker(shipped_plan(), compiled_shipped_plan(), "hand.tsv");
  std::vector<Finding> findings;
  UnitRow first = make_row(shipped_plan(), 3, "Sở Du lịch", {});
  UnitRow second = make_row(shipped_plan(), 9, "Sở Du lịch", {});
  UnitRow other_period = make_row(shipped_plan(), 10, "Sở Du lịch", {});
  other_period.period = "2025-Q1";
  checker.check_row(first, findings);
  checker.check_row(second, findings);
  checker.check_row(other_period, findings);
  auto found = of_rule(findings, "unit.duplicate");
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].row, 9);
  EXPECT_EQ(found[0].message_vi, "Đơn vị Sở Du lịch xuất hiện hai lần: dòng 3 và dòng 9.");
}

// A row typed on a page is checked alone: its own findings, as check_row
// gives them (seed row 30's sum), and no unit.duplicate however often the
// same unit's row is checked.
TEST(BuiltinChecksTest, ARowCheckedAloneHasItsOwnFindingsAndNoDuplicate) {
  TableChecker checker(shipped_plan(), compiled_shipped_plan(), "");
  checker.set_min_severity(Severity::warning);
  std::vector<Finding> findings;
  const UnitRow row = make_row(shipped_plan(), 30, kUnit, online("269", "186", "69", "71", "26"));
  checker.check_row_alone(row, findings);
  checker.check_row_alone(row, findings);
  ASSERT_EQ(findings.size(), 2u);
  for (const Finding& finding : findings) {
    EXPECT_EQ(finding.rule_id, "online.parts_sum");
    EXPECT_EQ(finding.expected, "257");
  }
  checker.finish(findings);  // nothing kept to compare across rows
  EXPECT_EQ(findings.size(), 2u);
}

// --- online.parts_sum and online.part_exceeds_total

TEST(PartsSumTest, FiresWithTheSumAsExpected) {
  // Seed row 30: 186 + 71 = 257 ≠ 269; no correction visible.
  auto findings = check(make_row(shipped_plan(), 30, kUnit, online("269", "186", "69", "71", "26")));
  auto found = of_rule(findings, "online.parts_sum");
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].indicator, "online_total");
  EXPECT_EQ(found[0].raw, "269");
  EXPECT_EQ(found[0].expected, "257");
  EXPECT_EQ(found[0].hint_vi, "");
  EXPECT_EQ(found[0].message_vi,
            "Tổng số dịch vụ trực tuyến ghi 269, nhưng toàn trình + một phần = 186 + 71 = 257.");
  // The shares are not checked against counts that do not add up.
  EXPECT_TRUE(of_rule(findings, "online.full_pct_agrees").empty());
  EXPECT_TRUE(of_rule(findings, "online.partial_pct_agrees").empty());
}

TEST(PartsSumTest, QuietWhenTheCountsAddUpOrOneIsBlank) {
  // Seed row 4: 117 + 41 = 158.
  EXPECT_TRUE(problems(check(make_row(shipped_plan(), 4, kUnit, online("158", "117", "74,05", "41", "25,95"))))
                  .empty());
  EXPECT_TRUE(of_rule(check(make_row(shipped_plan(), 4, kUnit, online("158", "117", "", "", ""))),
                      "online.parts_sum")
                  .empty());
}

TEST(PartsSumTest, HintThePartialCountWhenTheSharesFitTheTotal) {
  // Seed row 5: 57 + 37 = 94 ≠ 96. 59,4 % agrees with 57/96 = 59,375 %;
  // 40,6 % does not agree with 37/96 = 38,54 % but does with 39/96 = 40,625 %.
  auto findings = check(make_row(shipped_plan(), 5, kUnit, online("96", "57", "59,4", "37", "40,6")));
  auto found = of_rule(findings, "online.parts_sum");
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].expected, "94");
  EXPECT_EQ(found[0].hint_vi, "Tổng số và tỷ lệ đã ghi khớp nhau: có lẽ số dịch vụ một phần đúng là 39 (đã ghi 37).");
  EXPECT_EQ(found[0].hint_en,
            "The total and the typed shares fit each other: the partial count is likely 39 (typed 37).");
}

TEST(PartsSumTest, HintTheTotalWhenTheSharesFitTheParts) {
  // Seed row 12: 4 full + 0 partial of a total of 1; 100 % and 0 % fit 4 of 4.
  auto findings = check(make_row(shipped_plan(), 12, kUnit, online("1", "4", "100", "0", "0")));
  auto sum = of_rule(findings, "online.parts_sum");
  ASSERT_EQ(sum.size(), 1u);
  EXPECT_EQ(sum[0].expected, "4");
  EXPECT_EQ(sum[0].hint_en, "Both typed shares fit 4 and 0 out of 4: the total is likely 4.");
  auto exceeds = of_rule(findings, "online.part_exceeds_total");
  ASSERT_EQ(exceeds.size(), 1u);
  EXPECT_EQ(exceeds[0].indicator, "online_total");
  EXPECT_EQ(exceeds[0].raw, "1");
  EXPECT_EQ(exceeds[0].expected, "");
  // 400 % is never offered as the expected share.
  EXPECT_TRUE(of_rule(findings, "online.full_pct_agrees").empty());
}

TEST(PartsSumTest, HintADigitTypoInTheTotal) {
  // No shares typed: 57 + 37 = 94, typed 96 → one digit changed.
  auto findings = check(make_row(shipped_plan(), 5, kUnit, online("96", "57", "", "37", "")));
  auto found = of_rule(findings, "online.parts_sum");
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].hint_vi, "Có lẽ gõ nhầm một chữ số ở tổng số: 96 thay vì 94.");
}

TEST(PartExceedsTotalTest, PartialLargerThanTotal) {
  auto findings = check(make_row(shipped_plan(), 1, kUnit, online("10", "", "", "12", "")));
  auto found = of_rule(findings, "online.part_exceeds_total");
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].message_en,
            "Total online services (10) is smaller than one of its parts: full-process —, partial 12.");
  EXPECT_TRUE(of_rule(check(make_row(shipped_plan(), 1, kUnit, online("10", "10", "", "0", ""))),
                      "online.part_exceeds_total")
                  .empty());
}

// --- online.full_pct_agrees and online.partial_pct_agrees

TEST(ShareAgreesTest, BothSharesWrongWithoutAVisibleCorrection) {
  // Seed row 2: 76/140 = 54,2857 % typed 93; 64/140 = 45,714 % typed 5.
  auto findings = check(make_row(shipped_plan(), 2, kUnit, online("140", "76", "93", "64", "5")));
  auto full = of_rule(findings, "online.full_pct_agrees");
  ASSERT_EQ(full.size(), 1u);
  EXPECT_EQ(full[0].indicator, "online_full_pct");
  EXPECT_EQ(full[0].raw, "93");
  EXPECT_EQ(full[0].expected, "54.29");
  EXPECT_EQ(full[0].hint_vi, "");
  EXPECT_EQ(full[0].message_vi, "Tỷ lệ toàn trình ghi 93 %, nhưng theo số dịch vụ là 76 / 140 = 54,29 %.");
  EXPECT_EQ(full[0].message_en,
            "The full-process share is typed 93 %, but the counts give 76 / 140 = 54.29 %.");
  auto partial = of_rule(findings, "online.partial_pct_agrees");
  ASSERT_EQ(partial.size(), 1u);
  EXPECT_EQ(partial[0].expected, "45.71");
  EXPECT_EQ(partial[0].hint_vi, "");
}

// An XLSX number cell holds "39.32" (seed row 11, Sở GTVT's partial share):
// the Vietnamese message says what a Vietnamese reader typed, 39,32 (issue 14 §3).
TEST(ShareAgreesTest, XlsxNumberCellQuotedInTheMessagesSeparators) {
  auto findings = check(make_row(shipped_plan(), 11, kUnit, online("133", "94", "70.68", "39", "39.32")));
  auto partial = of_rule(findings, "online.partial_pct_agrees");
  ASSERT_EQ(partial.size(), 1u);
  EXPECT_EQ(partial[0].message_vi,
            "Tỷ lệ một phần ghi 39,32 %, nhưng theo số dịch vụ là 39 / 133 = 29,32 %.");
  EXPECT_EQ(partial[0].message_en,
            "The partial share is typed 39.32 %, but the counts give 39 / 133 = 29.32 %.");
}

TEST(ShareAgreesTest, RoundingTruncationAndHalfPointAgree) {
  // Seed rows 8 (80,5 for 80,588: truncated), 22 (71 for 71,37: truncated),
  // 27 (90 for 89,69: rounded).
  EXPECT_TRUE(problems(check(make_row(shipped_plan(), 8, kUnit, online("170", "137", "80,5", "33", "19,4"))))
                  .empty());
  EXPECT_TRUE(problems(check(make_row(shipped_plan(), 22, kUnit, online("255", "182", "71", "73", "29"))))
                  .empty());
  EXPECT_TRUE(problems(check(make_row(shipped_plan(), 27, kUnit, online("223", "200", "90", "23", "10"))))
                  .empty());
}

TEST(ShareAgreesTest, DigitTypoInThePartialShare) {
  // Seed row 11: 39/133 = 29,32 % typed 39,32 (the first digit); 70,68 agrees.
  auto findings = check(make_row(shipped_plan(), 11, kUnit, online("133", "94", "70,68", "39", "39,32")));
  EXPECT_TRUE(of_rule(findings, "online.full_pct_agrees").empty());
  auto partial = of_rule(findings, "online.partial_pct_agrees");
  ASSERT_EQ(partial.size(), 1u);
  EXPECT_EQ(partial[0].expected, "29.32");
  EXPECT_EQ(partial[0].hint_vi,
            "Có lẽ gõ nhầm một chữ số: 39,32 thay vì 29,32 (= 100 − 70,68, phần bù của tỷ lệ toàn trình).");
}

TEST(ShareAgreesTest, DigitTypoWithoutTheOtherCount) {
  // Full count blank: 39/133 = 29,32 % typed 39,32; no complement to name.
  auto findings = check(make_row(shipped_plan(), 11, kUnit, online("133", "", "", "39", "39,32")));
  auto partial = of_rule(findings, "online.partial_pct_agrees");
  ASSERT_EQ(partial.size(), 1u);
  // English separators in the English text (issue 14 §3: never 39,32 beside 29.32).
  EXPECT_EQ(partial[0].hint_en, "Likely a digit typo: 39.32 instead of 29.32.");
}

TEST(ShareAgreesTest, NearLastDigitIsNotCalledATypo) {
  // Seed row 10: 77/93 = 82,80 typed 81 — 1,8 points off: an error, no hint.
  auto findings = check(make_row(shipped_plan(), 10, kUnit, online("93", "77", "81", "16", "18")));
  auto full = of_rule(findings, "online.full_pct_agrees");
  ASSERT_EQ(full.size(), 1u);
  EXPECT_EQ(full[0].expected, "82.8");
  EXPECT_EQ(full[0].hint_vi, "");
}

TEST(ShareAgreesTest, SwappedCounts) {
  // Seed row 17: 21/117 = 17,95 % typed 83,9; 96/117 = 82,05 % typed 16,1.
  auto findings = check(make_row(shipped_plan(), 17, kUnit, online("117", "21", "83,9", "96", "16,1")));
  auto full = of_rule(findings, "online.full_pct_agrees");
  ASSERT_EQ(full.size(), 1u);
  EXPECT_EQ(full[0].expected, "17.95");
  EXPECT_EQ(full[0].hint_vi,
            "Tỷ lệ đã ghi gần với tỷ lệ một phần (82,05 %): có vẻ số dịch vụ toàn trình và một phần "
            "(hoặc hai tỷ lệ) bị ghi đảo chỗ.");
  auto partial = of_rule(findings, "online.partial_pct_agrees");
  ASSERT_EQ(partial.size(), 1u);
  EXPECT_EQ(partial[0].expected, "82.05");
  EXPECT_NE(partial[0].hint_en.find("seem swapped"), std::string::npos);
}

TEST(ShareAgreesTest, ComplementOfATruncatedShare) {
  // 709/1000 = 70,9 % typed 70 (agrees by truncation); 291/1000 = 29,1 %
  // typed 30 = 100 − 70: 0,9 away, rounds to 29 → the complement hint.
  auto findings = check(make_row(shipped_plan(), 1, kUnit, online("1000", "709", "70", "291", "30")));
  EXPECT_TRUE(of_rule(findings, "online.full_pct_agrees").empty());
  auto partial = of_rule(findings, "online.partial_pct_agrees");
  ASSERT_EQ(partial.size(), 1u);
  EXPECT_EQ(partial[0].expected, "29.1");
  EXPECT_EQ(partial[0].hint_en,
            "The typed share is the complement 100 − 70 of the full-process share, not computed from the "
            "counts; the counts give 29.1 %.");
}

TEST(ShareAgreesTest, ZeroTotal) {
  // Seed row 7: total 0, shares typed 0 → no finding.
  EXPECT_TRUE(problems(check(make_row(shipped_plan(), 7, kUnit, online("0", "0", "0", "0", "0")))).empty());
  EXPECT_TRUE(problems(check(make_row(shipped_plan(), 7, kUnit, online("0", "0", "", "0", "")))).empty());
  auto findings = check(make_row(shipped_plan(), 7, kUnit, online("0", "0", "100", "0", "0")));
  auto found = of_rule(findings, "online.full_pct_zero_total");
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].expected, "0");
  EXPECT_EQ(found[0].raw, "100");
  EXPECT_EQ(problems(findings).size(), 1u);
}

TEST(SharesSum100Test, WarnsOnlyWhenTheCountsAreMissing) {
  auto findings = check(make_row(shipped_plan(), 1, kUnit, online("", "", "70", "", "20")));
  auto found = of_rule(findings, "online.shares_sum_100");
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].severity, Severity::warning);
  EXPECT_EQ(found[0].expected, "30");
  EXPECT_TRUE(of_rule(check(make_row(shipped_plan(), 1, kUnit, online("", "", "70,5", "", "29,4"))),
                      "online.shares_sum_100")
                  .empty());
}

// --- meeting rooms and procedures

TEST(MeetingRoomTest, MarkAgainstCount) {
  auto zero_with_rooms =
      check(make_row(shipped_plan(), 1, kUnit, {{"meeting_room_has", "0"}, {"meeting_room_count", "3"}}));
  auto found = of_rule(zero_with_rooms, "meeting_room.mark_vs_count");
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].indicator, "meeting_room_has");
  EXPECT_EQ(found[0].raw, "0");
  EXPECT_EQ(found[0].hint_vi, "Có 3 phòng họp: có lẽ cần đánh dấu x.");
  auto x_without_rooms =
      check(make_row(shipped_plan(), 1, kUnit, {{"meeting_room_has", "x"}, {"meeting_room_count", "0"}}));
  ASSERT_EQ(of_rule(x_without_rooms, "meeting_room.mark_vs_count").size(), 1u);
  // Seed rows 1 (x, 2) and 5 (0, 0), and a blank count: quiet.
  for (auto cells : std::vector<std::map<std::string, std::string>>{
           {{"meeting_room_has", "x"}, {"meeting_room_count", "2"}},
           {{"meeting_room_has", "0"}, {"meeting_room_count", "0"}},
           {{"meeting_room_has", "x"}}}) {
    EXPECT_TRUE(of_rule(check(make_row(shipped_plan(), 1, kUnit, cells)), "meeting_room.mark_vs_count").empty());
  }
}

TEST(ProceduresTest, DaysCutWithoutProcedures) {
  auto zero = check(make_row(shipped_plan(), 1, kUnit, {{"tthc_shortened", "0"}, {"days_shortened_avg", "2"}}));
  auto found = of_rule(zero, "tthc.days_without_procedures");
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].indicator, "days_shortened_avg");
  EXPECT_EQ(found[0].raw, "2");
  EXPECT_EQ(of_rule(check(make_row(shipped_plan(), 1, kUnit, {{"days_shortened_avg", "1,5"}})),
                    "tthc.days_without_procedures")
                .size(),
            1u);
  // Seed row 14 (0 and 0) and row 1 (66 and 1,5): quiet.
  EXPECT_TRUE(of_rule(check(make_row(shipped_plan(), 14, kUnit,
                                     {{"tthc_shortened", "0"}, {"days_shortened_avg", "0"}})),
                      "tthc.days_without_procedures")
                  .empty());
  EXPECT_TRUE(of_rule(check(make_row(shipped_plan(), 1, kUnit,
                                     {{"tthc_shortened", "66"}, {"days_shortened_avg", "1,5"}})),
                      "tthc.days_without_procedures")
                  .empty());
}

}  // namespace
}  // namespace chiso::check
