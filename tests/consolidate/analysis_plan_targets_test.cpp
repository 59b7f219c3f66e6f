// Targets read from a plan file (the documented [[targets]] syntax) and
// evaluated on the seed; hand counts from the seed's columns.
#include <gtest/gtest.h>

#include "consolidate/analysis.h"
#include "consolidate/fixtures/seed_fixture.h"

namespace chiso {
namespace {

TEST(PlanTargets, ReadFromTheTestPlanAndEvaluatedOnTheSeed) {
  Result<Plan> loaded = load_plan(std::string(CHISO_SOURCE_DIR) +
                                  "/tests/consolidate/fixtures/plan-with-targets.toml");
  ASSERT_TRUE(loaded.ok()) << loaded.error().message;
  ASSERT_EQ(loaded->targets.size(), 3u);
  EXPECT_EQ(loaded->targets[0].indicator, "online_full_pct");
  EXPECT_EQ(loaded->targets[0].op, ">=");
  EXPECT_DOUBLE_EQ(loaded->targets[0].bound, 80);
  EXPECT_EQ(loaded->targets[0].unit_kind, "");
  EXPECT_EQ(loaded->targets[1].unit_kind, "district");
  EXPECT_EQ(loaded->targets[1].source, "Kế hoạch thử nghiệm (test)");
  EXPECT_EQ(loaded->targets[2].source, "");

  // The fixture table is laid out by the in-code plan; the targets are codes.
  Plan plan = chiso::testing::seed_plan();
  plan.targets = loaded->targets;
  CheckedTable table = chiso::testing::seed_table(plan);
  std::vector<TargetResult> results = evaluate_targets(plan, table);
  ASSERT_EQ(results.size(), 3u);
  EXPECT_EQ(results[0].met.size(), 15u);
  EXPECT_EQ(results[0].not_met.size(), 13u);  // Chi nhánh NHNN TP: 0 of 0, not applicable
  EXPECT_EQ(results[0].not_applicable, (std::vector<std::string>{"Chi nhánh NHNN TP"}));
  EXPECT_EQ(results[1].met.size(), 2u);   // Hồng Bàng 99,9, Cát Hải 92
  EXPECT_EQ(results[1].not_met.size(), 9u);
  // Column 11 ≥ 95: 27 units; Sở Y tế (82) below; blank at row 1, "86-96" at row 15.
  EXPECT_EQ(results[2].met.size(), 27u);
  EXPECT_EQ(results[2].not_met, (std::vector<std::string>{"Sở Y tế"}));
  EXPECT_EQ(results[2].not_reported,
            (std::vector<std::string>{"Sở Kế hoạch và Đầu tư", "Sở Khoa học và Công nghệ"}));
}

TEST(PlanTargets, BadTargetIsALoadError) {
  std::string text =
      "id = \"t\"\n[[indicators]]\ncode = \"a\"\nlabel_vi = \"A\"\nkind = \"percent\"\n"
      "[[targets]]\nindicator = \"a\"\nop = \"=>\"\nbound = 1\n";
  Result<Plan> plan = parse_plan(text, "bad.toml");
  ASSERT_FALSE(plan.ok());
  EXPECT_NE(plan.error().message.find("=>"), std::string::npos) << plan.error().message;
}

}  // namespace
}  // namespace chiso
