// How long checking takes per row and per rule evaluation, on the seed's 30
// rows repeated. Printed for the record; the bound asserted is loose (a
// Debug build on a shared machine) and only catches an accidental blow-up,
// e.g. an allocation or a plan lookup per rule.
#include <gtest/gtest.h>

#include <chrono>
#include <cstdio>
#include <string>
#include <vector>

#include "check/check_test_support.h"
#include "check/checker.h"
#include "check/compiled_plan.h"

namespace chiso::check {
namespace {

TEST(SpeedTest, RulesEvaluateInNanoseconds) {
  const Plan& plan = testing::shipped_plan();
  auto checked = check_file(plan, std::string(CHISO_SOURCE_DIR) + "/tests/check/fixtures/000_e41d2a91a7ebffff.txt",
                            "2024-Q4");
  ASSERT_TRUE(checked.ok());
  auto compiled = testing::compiled_shipped_plan();
  const std::vector<UnitRow>& rows = checked->rows;

  constexpr int kRepeats = 200;
  size_t evaluations = 0;
  double sink = 0;
  auto start = std::chrono::steady_clock::now();
  for (int repeat = 0; repeat < kRepeats; ++repeat) {
    for (const UnitRow& row : rows) {
      for (const CompiledRule& rule : compiled->rules) {
        if (!rule.when.empty()) sink += rule.when.eval(row.values).number;
        sink += rule.check.eval(row.values).number;
        evaluations += 1;
      }
    }
  }
  double rule_ns = std::chrono::duration<double, std::nano>(std::chrono::steady_clock::now() - start).count() /
                   static_cast<double>(evaluations);

  // One checker for every repeat, each repeat in its own period (so no
  // unit.duplicate), as an import of a long history does.
  std::vector<UnitRow> periods_rows = rows;
  std::vector<Finding> findings;
  TableChecker checker(plan, compiled, "seed.tsv");
  start = std::chrono::steady_clock::now();
  for (int repeat = 0; repeat < kRepeats; ++repeat) {
    std::string period = "p" + std::to_string(repeat);
    findings.clear();
    for (UnitRow& row : periods_rows) {
      row.period = period;
      checker.check_row(row, findings);
    }
  }
  double row_ns = std::chrono::duration<double, std::nano>(std::chrono::steady_clock::now() - start).count() /
                  static_cast<double>(kRepeats * rows.size());
  std::printf("rule (when + check): %.0f ns; check_row with findings: %.0f ns (sink %g)\n", rule_ns, row_ns,
              sink > 0 ? 1.0 : 0.0);
  EXPECT_LT(rule_ns, 20000);
  EXPECT_LT(row_ns, 500000);
}

}  // namespace
}  // namespace chiso::check
