// A second plan (tests/check/fixtures/second-plan.toml: another city, other
// indicators, its own rules) is checked by the same code: no code change.
#include <gtest/gtest.h>

#include <set>
#include <string>
#include <tuple>

#include "service/check_input.h"
#include "check/checker.h"
#include "plan/plan.h"

namespace chiso::check {
namespace {

const std::string kFixtures = std::string(CHISO_SOURCE_DIR) + "/tests/check/fixtures/";

TEST(SecondPlanTest, ItsOwnRulesFireOnItsOwnTable) {
  auto plan = load_plan(kFixtures + "second-plan.toml");
  ASSERT_TRUE(plan.ok()) << plan.error().message;
  auto checked = service::check_file(*plan, kFixtures + "second-table.tsv", "2025-03");
  ASSERT_TRUE(checked.ok()) << checked.error().message;
  ASSERT_EQ(checked->rows.size(), 3u);

  // By hand: row 1: 10/200 = 5 % typed 5, apology x → nothing.
  // Row 2: 6/400 = 1,5 % typed 15 → late.share_agrees, expected 1.5 (one
  // decimal in this plan); 6 late with the apology cell blank → warning.
  // Row 3: nothing received, nothing late → nothing.
  using Key = std::tuple<int, std::string, std::string, std::string>;
  std::set<Key> expected = {
      {2, "late.share_agrees", "late_pct", "1.5"},
      {2, "late.apology_required", "apology_sent", ""},
  };
  std::set<Key> actual;
  for (const Finding& finding : checked->findings) {
    if (finding.severity == Severity::info) continue;
    actual.emplace(finding.row, finding.rule_id, finding.indicator, finding.expected);
    if (finding.rule_id == "late.share_agrees") {
      EXPECT_EQ(finding.message_vi, "Tỷ lệ trễ hạn ghi 15 %, theo số hồ sơ là 1,5 %.");
      EXPECT_EQ(finding.severity, Severity::error);
    }
    if (finding.rule_id == "late.apology_required") {
      EXPECT_EQ(finding.severity, Severity::warning);
      EXPECT_EQ(finding.message_en, "UBND quận Hải Châu has 6 late dossiers but no apology letters marked.");
      EXPECT_EQ(finding.hint_vi, "Ô «Đã gửi thư xin lỗi» để trống: đánh x nếu đã gửi.");
    }
  }
  EXPECT_EQ(actual, expected);

  // City-wide: 200 + 400 + 0 = 600 received, 10 + 6 + 0 = 16 late,
  // 100 · 16 / 600 = 2,667 %; apology x 1, 0 1, blank 1.
  ASSERT_EQ(checked->summary.size(), 4u);
  EXPECT_DOUBLE_EQ(*checked->summary[0].value, 600);
  EXPECT_DOUBLE_EQ(*checked->summary[1].value, 16);
  EXPECT_NEAR(*checked->summary[2].value, 100.0 * 16 / 600, 1e-9);
  EXPECT_EQ(checked->summary[3].yes, 1);
  EXPECT_EQ(checked->summary[3].no, 1);
  EXPECT_EQ(checked->summary[3].blank, 1);
}

TEST(SecondPlanTest, ABrokenRuleIsAPlanErrorNotACrash) {
  auto plan = load_plan(kFixtures + "second-plan.toml");
  ASSERT_TRUE(plan.ok()) << plan.error().message;
  plan->rules[0].check = "agrees(late_pct, 100 * late / )";
  auto checked = service::check_file(*plan, kFixtures + "second-table.tsv", "2025-03");
  ASSERT_FALSE(checked.ok());
  EXPECT_NE(checked.error().message.find("rules[0] (late.share_agrees).check: at 31: expected a number"),
            std::string::npos)
      << checked.error().message;
}

TEST(CheckFileTest, AFileThatIsNotATableIsAnError) {
  auto plan = load_plan(kFixtures + "second-plan.toml");
  ASSERT_TRUE(plan.ok());
  auto missing = service::check_file(*plan, kFixtures + "no-such-file.tsv", "");
  ASSERT_FALSE(missing.ok());
  EXPECT_NE(missing.error().message.find("no-such-file.tsv"), std::string::npos) << missing.error().message;
}

}  // namespace
}  // namespace chiso::check
