// The golden test of a third real plan: the PCI 2019 of VCCI
// (plans/pci-2019.toml), on the table of the 17 best-ranked provinces and
// cities as the Vĩnh Phúc provincial portal published it
// (samples/pci-2019.tsv), and on the first 17 rows of VCCI's own table.
// Every expectation is worked out by hand from the published tables:
//
//   rank unit          score  tier      VCCI's table
//   1    Quảng Ninh    73,40  Rất tốt   73.40  1  Rất tốt
//   2    Đồng Tháp     72,10  Rất tốt   72.10  2  Rất tốt
//   3    Vĩnh Long     71,30  Rất tốt   71.30  3  Rất tốt
//   4    Bắc Ninh      70,79  Rất tốt   70.79  4  Rất tốt
//   5    Đà Nẵng       70,15  Rất tốt   70.15  5  Rất tốt
//   6    Quảng Nam     69,42  Tốt       69.42  6  Tốt
//   7    Bến Tre       69,34  Tốt       69.34  7  Tốt
//   8    Long An       68,82  Tốt       68.82  8  Tốt
//   9    Hà Nội        68,80  Tốt       68.80  9  Tốt
//   10   Hải Phòng     68,73  Tốt       68.73  10 Tốt
//   11   Cần Thơ       68,38  Tốt       68.38  11 Tốt
//   12   Thái Nguyên   67,71  Tốt       67.71  12 Tốt
//   13   Bình Dương    67,38  Tốt       67.38  13 Tốt
//   14   TP.HCM        67,16  Tốt       N/A (every column; the row comes first)
//   15   Tây Ninh      67,05  Tốt       67.05  15 Tốt
//   16   BRVT          66,96  Tốt       66.96  16 Tốt
//   17   Vĩnh Phúc     66,75  Khá       66.75  17 Khá
//
// In the Vĩnh Phúc table the scores fall strictly from row to row, so the
// ranks 1–17 follow them; every tier is one of the three the plan lists: no
// finding. In VCCI's table Hồ Chí Minh City is N/A (not counted, not ranked),
// so Tây Ninh has 13 better scores above it and should be 14th, not 15th;
// BRVT 15th, not 16th; Vĩnh Phúc 16th, not 17th. Every indicator's
// consolidation is "none": no figure for all units.
#include <gtest/gtest.h>

#include <fstream>
#include <set>
#include <sstream>
#include <string>
#include <tuple>

#include "check/checker.h"
#include "check/shipped_plan.h"
#include "plan/plan.h"
#include "service/check_input.h"

namespace chiso::check {
namespace {

const std::string kSample = std::string(CHISO_SOURCE_DIR) + "/samples/pci-2019.tsv";

const Plan& pci_plan() { return testing::shipped_plan("pci-2019.toml"); }

size_t indicator(const std::string& code) {
  const int idx = pci_plan().indicator_index(code);
  EXPECT_GE(idx, 0) << code;
  return static_cast<size_t>(idx < 0 ? 0 : idx);
}

std::string sample_text() {
  std::ifstream in(kSample);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

using Key = std::tuple<std::string, std::string, std::string, std::string>;  // rule, unit, indicator, expected

std::set<Key> warnings_and_errors(const CheckedTable& table) {
  std::set<Key> out;
  for (const Finding& finding : table.findings) {
    if (finding.severity == Severity::info) continue;
    out.emplace(finding.rule_id, finding.unit, finding.indicator, finding.expected);
  }
  return out;
}

TEST(PciGolden, TheSeventeenUnitsAsPublished) {
  auto checked = service::check_file(pci_plan(), kSample, "2019");
  ASSERT_TRUE(checked.ok()) << checked.error().message;
  ASSERT_EQ(checked->rows.size(), 17u);
  for (const UnitRow& row : checked->rows) EXPECT_FALSE(row.unit_name.empty()) << row.raw_name;
  EXPECT_EQ(checked->rows[0].unit_name, "Quảng Ninh");
  EXPECT_EQ(checked->rows[13].raw_name, "TP.HCM");
  EXPECT_EQ(checked->rows[13].unit_name, "Thành phố Hồ Chí Minh");
  EXPECT_EQ(checked->rows[15].raw_name, "BRVT");
  EXPECT_EQ(checked->rows[15].unit_name, "Bà Rịa - Vũng Tàu");
  const UnitRow& hai_phong = checked->rows[9];
  EXPECT_EQ(hai_phong.unit_name, "Hải Phòng");
  EXPECT_DOUBLE_EQ(hai_phong.values[indicator("pci")].number, 68.73);
  EXPECT_DOUBLE_EQ(hai_phong.values[indicator("pci_rank")].number, 10);
  EXPECT_EQ(hai_phong.values[indicator("pci_tier")].state, ValueState::text);
  EXPECT_EQ(hai_phong.values[indicator("pci_tier")].raw, "Tốt");
  const UnitRow& vinh_phuc = checked->rows[16];
  EXPECT_EQ(vinh_phuc.unit_name, "Vĩnh Phúc");
  EXPECT_DOUBLE_EQ(vinh_phuc.values[indicator("pci")].number, 66.75);
  EXPECT_EQ(vinh_phuc.values[indicator("pci_tier")].raw, "Khá");
}

TEST(PciGolden, NoFindingInThePublishedTableAndNoFigureForAllUnits) {
  auto checked = service::check_file(pci_plan(), kSample, "2019");
  ASSERT_TRUE(checked.ok()) << checked.error().message;
  EXPECT_EQ(warnings_and_errors(*checked), std::set<Key>{});
  // No total row in the table, no figure made for one: a mean of the 17
  // best scores, a mean rank or a mean tier would mean nothing.
  for (const char* code : {"pci", "pci_rank", "pci_tier"}) {
    ASSERT_LT(indicator(code), checked->summary.size());
    EXPECT_FALSE(checked->summary[indicator(code)].value) << code;
  }
}

TEST(PciGolden, WhatAWrongFigureInTheSameTableGives) {
  // The Vĩnh Phúc table with two slips, worked out by hand:
  // - the ranks of Hà Nội (68,80) and Hải Phòng (68,73) swapped: by the
  //   scores Hà Nội is 9th and Hải Phòng 10th;
  // - Vĩnh Phúc's tier typed "Trung bình", not one of the three listed.
  std::string table = sample_text();
  auto replace = [&table](const std::string& from, const std::string& to) {
    const size_t at = table.find(from);
    ASSERT_NE(at, std::string::npos) << from;
    table.replace(at, from.size(), to);
  };
  replace("Hà Nội\t68.80\t9", "Hà Nội\t68.80\t10");
  replace("Hải Phòng\t68.73\t10", "Hải Phòng\t68.73\t9");
  replace("66.75\t17\tKhá", "66.75\t17\tTrung bình");
  const std::string path = ::testing::TempDir() + "pci-2019-wrong.tsv";
  std::ofstream(path) << table;
  auto checked = service::check_file(pci_plan(), path, "2019");
  ASSERT_TRUE(checked.ok()) << checked.error().message;
  const std::set<Key> expected = {
      {"rank.mismatch", "Hà Nội", "pci_rank", "9"},
      {"rank.mismatch", "Hải Phòng", "pci_rank", "10"},
      {"value.not_allowed", "Vĩnh Phúc", "pci_tier", ""},
  };
  EXPECT_EQ(warnings_and_errors(*checked), expected);
}

TEST(PciGolden, VccisOwnTableWithTheNotApplicableRow) {
  // The first 17 rows of VCCI's table "PCI Subindices of 63 provinces/cities"
  // (the plan's header names its address) as the page prints them: English
  // names, ten sub-indices the plan does not hold, and Hồ Chí Minh City N/A
  // in every column.
  const std::string path = ::testing::TempDir() + "pci-2019-vcci.tsv";
  std::ofstream(path)
      << "Province\tEntry Costs\tAccess to land\tTransparency\tTime Costs\tInformal Charges\t"
         "Policy Bias\tProactivity\tBusiness Support Services\tLabor Policy\tLaw & Order\t"
         "PCI Score\tPCI Ranking\tPCI Tier\n"
         "HCMC\tN/A\tN/A\tN/A\tN/A\tN/A\tN/A\tN/A\tN/A\tN/A\tN/A\tN/A\tN/A\tN/A\n"
         "Quang Ninh\t7.16\t7.00\t7.20\t7.89\t7.10\t7.69\t7.96\t6.68\t7.95\t7.58\t73.40\t1\tRất tốt\n"
         "Dong Thap\t6.37\t7.67\t7.27\t8.40\t7.64\t8.01\t8.37\t6.76\t6.56\t7.76\t72.10\t2\tRất tốt\n"
         "Vinh Long\t7.91\t7.89\t6.62\t8.74\t8.29\t7.40\t6.71\t6.75\t6.60\t7.51\t71.30\t3\tRất tốt\n"
         "Bac Ninh\t6.88\t7.55\t7.02\t7.23\t7.24\t7.51\t7.34\t6.62\t7.03\t7.91\t70.79\t4\tRất tốt\n"
         "Da Nang\t7.89\t7.44\t6.59\t7.08\t6.75\t5.32\t6.76\t6.76\t7.99\t6.99\t70.15\t5\tRất tốt\n"
         "Quang Nam\t7.20\t7.46\t7.12\t7.15\t6.53\t6.59\t7.32\t6.80\t6.67\t7.73\t69.42\t6\tTốt\n"
         "Ben Tre\t7.01\t7.02\t6.87\t8.80\t8.01\t7.46\t7.48\t6.34\t6.07\t7.80\t69.34\t7\tTốt\n"
         "Long An\t7.05\t7.33\t6.55\t7.74\t6.79\t7.35\t7.40\t7.16\t6.20\t7.57\t68.82\t8\tTốt\n"
         "Ha Noi\t7.98\t6.63\t6.60\t7.18\t5.94\t5.39\t5.96\t7.06\t7.91\t6.30\t68.80\t9\tTốt\n"
         "Hai Phong\t7.14\t6.90\t6.50\t5.71\t6.11\t6.44\t6.07\t6.85\t8.24\t6.66\t68.73\t10\tTốt\n"
         "Can Tho\t6.51\t7.17\t6.64\t7.99\t6.57\t6.11\t6.51\t6.95\t7.01\t6.94\t68.38\t11\tTốt\n"
         "Thai Nguyen\t7.36\t6.07\t6.69\t6.63\t6.31\t6.59\t6.55\t6.05\t7.88\t7.13\t67.71\t12\tTốt\n"
         "Binh Duong\t6.83\t7.67\t6.68\t6.89\t6.11\t5.78\t6.56\t6.57\t7.41\t6.14\t67.38\t13\tTốt\n"
         "Tay Ninh\t7.70\t7.68\t6.75\t7.88\t6.71\t7.19\t6.56\t6.27\t6.15\t6.97\t67.05\t15\tTốt\n"
         "BRVT\t5.86\t6.95\t6.87\t7.30\t6.46\t6.31\t6.02\t6.87\t6.82\t6.32\t66.96\t16\tTốt\n"
         "Vinh Phuc\t8.65\t6.38\t6.73\t7.21\t6.61\t6.33\t6.39\t6.10\t6.87\t6.52\t66.75\t17\tKhá\n";
  auto checked = service::check_file(pci_plan(), path, "2019");
  ASSERT_TRUE(checked.ok()) << checked.error().message;
  ASSERT_EQ(checked->rows.size(), 17u);
  // The English names are the units' variants; every row is a unit.
  for (const UnitRow& row : checked->rows) EXPECT_FALSE(row.unit_name.empty()) << row.raw_name;
  const UnitRow& hcmc = checked->rows[0];
  EXPECT_EQ(hcmc.unit_name, "Thành phố Hồ Chí Minh");
  for (const char* code : {"pci", "pci_rank", "pci_tier"}) {
    EXPECT_EQ(hcmc.values[indicator(code)].state, ValueState::not_applicable) << code;
  }
  // The ten sub-index columns are said to be unread, each once; the three
  // ranks after the N/A row do not follow the scores.
  int unknown_headers = 0;
  for (const Finding& finding : checked->findings) {
    unknown_headers += finding.rule_id == "header.unknown" ? 1 : 0;
  }
  EXPECT_EQ(unknown_headers, 10);
  std::set<Key> findings = warnings_and_errors(*checked);
  std::erase_if(findings, [](const Key& key) { return std::get<0>(key) == "header.unknown"; });
  const std::set<Key> expected = {
      {"rank.mismatch", "Tây Ninh", "pci_rank", "14"},
      {"rank.mismatch", "Bà Rịa - Vũng Tàu", "pci_rank", "15"},
      {"rank.mismatch", "Vĩnh Phúc", "pci_rank", "16"},
  };
  EXPECT_EQ(findings, expected);
}

}  // namespace
}  // namespace chiso::check
