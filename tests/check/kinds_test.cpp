// The kinds of a scored table (tests/check/fixtures/kinds-plan.toml and
// kinds-table.tsv) checked and consolidated: a grade outside its list, a
// score outside its scale, an index that is not the weighted sum of its
// components, ranks that do not follow the index, an indicator that does not
// apply to departments, and not-applicable markers. Every expectation is
// worked out by hand from the table below.
//
//   row unit            direction procedures land  index max rank grade
//   1   Sở Tư pháp      9,5       14         -     94    100  1    Xuất sắc
//   2   Sở Y tế         8         12,5       3     82    100  3    Giỏi
//   3   UBND h. An Lão  9         13         4,5   90    100  2    Tốt
//   4   UBND h. T.Lãng  7,5       13         k.á.d 82    100  4    Khá
//   5   UBND h. K.Thụy  11        12         5     —     100  —    tốt
#include <gtest/gtest.h>

#include <set>
#include <string>
#include <tuple>

#include "check/checker.h"
#include "check/check_test_support.h"
#include "check/kinds_fixture.h"
#include "plan/plan.h"
#include "service/check_input.h"

namespace chiso::check {
namespace {

const std::string kFixtures = std::string(CHISO_SOURCE_DIR) + "/tests/check/fixtures/";

class KindsTest : public ::testing::Test {
 protected:
  void SetUp() override { testing::load_kinds_table(plan_, table_); }

  const Finding* find(const std::string& rule_id) const {
    for (const Finding& finding : table_.findings) {
      if (finding.rule_id == rule_id) return &finding;
    }
    return nullptr;
  }

  Plan plan_;
  CheckedTable table_;
};

TEST_F(KindsTest, TheFindingsAreTheOnesWorkedOutByHand) {
  ASSERT_EQ(table_.rows.size(), 5u);
  // Row 2: the land score typed for a department (land applies to districts)
  // and the grade "Giỏi", not one of the plan's. Row 3: 4·9 + 4·13 = 88, not
  // 90. Row 4: by the index 94, 90, 82, 82 the ranks are 1, 2, 3, 3: the
  // typed 4 should be 3. Row 5: 11 on a 10-point scale. Row 1's "-" and row
  // 4's "không áp dụng" are markers, row 5's "tốt" is "Tốt": no finding.
  using Key = std::tuple<int, std::string, std::string, std::string>;
  std::set<Key> expected = {
      {2, "value.not_applicable", "land", ""},   {2, "value.not_allowed", "grade", ""},
      {3, "index.mismatch", "par_index", "88"},  {4, "rank.mismatch", "par_rank", "3"},
      {5, "value.score_range", "direction", ""},
  };
  std::set<Key> actual;
  for (const Finding& finding : table_.findings) {
    if (finding.severity == Severity::info) continue;
    actual.emplace(finding.row, finding.rule_id, finding.indicator, finding.expected);
  }
  EXPECT_EQ(actual, expected);
  // The infos: row 5 left the index and the rank blank; nothing else is
  // missing (a marker is not a blank).
  std::set<std::pair<int, std::string>> missing;
  for (const Finding& finding : table_.findings) {
    if (finding.rule_id == "value.missing") missing.emplace(finding.row, finding.indicator);
  }
  EXPECT_EQ(missing, (std::set<std::pair<int, std::string>>{{5, "par_index"}, {5, "par_rank"}}));
}

TEST_F(KindsTest, MessagesNameWhatWasFoundAndWhatWasExpected) {
  const Finding* grade = find("value.not_allowed");
  ASSERT_NE(grade, nullptr);
  EXPECT_EQ(grade->severity, Severity::error);
  EXPECT_EQ(grade->message_vi,
            "Ô «Xếp loại» của Sở Y tế ghi «Giỏi», không phải một mức của kế hoạch; cần một trong: "
            "Xuất sắc, "
            "Tốt, Khá, Trung bình, Yếu.");
  EXPECT_EQ(grade->message_en,
            "“Grade” for Sở Y tế holds “Giỏi”, which is not one of the plan's values; expected one "
            "of: Xuất "
            "sắc, Tốt, Khá, Trung bình, Yếu.");
  const Finding* land = find("value.not_applicable");
  ASSERT_NE(land, nullptr);
  EXPECT_EQ(land->severity, Severity::warning);
  EXPECT_EQ(land->message_vi,
            "«Tiếp cận đất đai» không áp dụng cho Sở Y tế; giá trị «3» không được tính.");
  const Finding* index = find("index.mismatch");
  ASSERT_NE(index, nullptr);
  EXPECT_EQ(index->message_vi,
            "«Chỉ số CCHC» của UBND huyện An Lão ghi 90, nhưng tổng có trọng số của các thành phần "
            "là 88,00.");
  EXPECT_EQ(index->hint_vi, "Có lẽ đúng là 88,00.");
  EXPECT_EQ(index->hint_en, "The likely value is 88.00.");
  const Finding* rank = find("rank.mismatch");
  ASSERT_NE(rank, nullptr);
  EXPECT_EQ(rank->message_vi,
            "«Xếp hạng» của UBND huyện Tiên Lãng ghi hạng 4, nhưng theo «Chỉ số CCHC» (82,00) thì "
            "UBND huyện "
            "Tiên Lãng đứng hạng 3 (đồng hạng với 1 đơn vị khác).");
  EXPECT_EQ(rank->period, "2025");
  const Finding* range = find("value.score_range");
  ASSERT_NE(range, nullptr);
  EXPECT_EQ(range->message_vi,
            "«Công tác chỉ đạo, điều hành» của UBND huyện Kiến Thụy là 11 điểm, nằm ngoài thang "
            "điểm 0–10.");
  EXPECT_EQ(
      range->message_en,
      "“Direction and management” for UBND huyện Kiến Thụy is 11 points, outside the scale 0–10.");
}

TEST_F(KindsTest, CityWideFiguresLeaveOutWhatIsNotApplicableOrOffTheScale) {
  ASSERT_EQ(table_.summary.size(), 7u);
  // direction: (9,5 + 8 + 9 + 7,5) / 4 = 8,5; Kiến Thụy's 11 is off the scale.
  EXPECT_DOUBLE_EQ(*table_.summary[0].value, 8.5);
  EXPECT_EQ(table_.summary[0].units_reporting, 4);
  // procedures: (14 + 12,5 + 13 + 13 + 12) / 5 = 12,9.
  EXPECT_NEAR(*table_.summary[1].value, 12.9, 1e-9);
  // land: the districts An Lão 4,5 and Kiến Thụy 5; Tiên Lãng's marker and
  // the department's 3 are not counted: 4,75 over 2 units.
  EXPECT_DOUBLE_EQ(*table_.summary[2].value, 4.75);
  EXPECT_EQ(table_.summary[2].units_reporting, 2);
  // index: (94 + 82 + 90 + 82) / 4 = 87 (a typed index is counted as typed).
  EXPECT_DOUBLE_EQ(*table_.summary[3].value, 87);
  // No summed maximum (500), no mean rank (2,5), no grade figure.
  for (size_t idx : {4u, 5u, 6u}) {
    EXPECT_FALSE(table_.summary[idx].value.has_value()) << plan_.indicators[idx].code;
  }
}

TEST(RankRowsTest, TiesShareARankAndTheNextSkipsAsManyAsTied) {
  auto loaded = load_plan(kFixtures + "kinds-plan.toml");
  ASSERT_TRUE(loaded.ok()) << loaded.error().message;
  const Plan& plan = *loaded;
  auto compiled = compile(plan);
  ASSERT_TRUE(compiled.ok()) << compiled.error().message;
  // Index 80, 90, 90, 70 → ranks 3, 1, 1, 4 by hand. Typed 3, 1, 2, 3: the
  // third should share rank 1, the fourth follows two tied units and one
  // more, so 4 (a dense 3 is a mistake here).
  TableChecker checker(plan, *compiled, "t.tsv");
  std::vector<Finding> findings;
  const char* units[] = {"Sở Tư pháp", "Sở Y tế", "UBND huyện An Lão", "UBND huyện Tiên Lãng"};
  const char* index[] = {"80", "90", "90", "70"};
  const char* rank[] = {"3", "1", "2", "3"};
  for (int row_idx = 0; row_idx < 4; ++row_idx) {
    UnitRow row = testing::make_row(plan, row_idx + 1, units[row_idx],
                                    {{"par_index", index[row_idx]}, {"par_rank", rank[row_idx]}});
    row.period = "2025";
    checker.check_row(row, findings);
  }
  findings.clear();
  checker.finish(findings);
  std::set<std::tuple<int, std::string>> actual;
  for (const Finding& finding : findings) actual.emplace(finding.row, finding.expected);
  EXPECT_EQ(actual, (std::set<std::tuple<int, std::string>>{{3, "1"}, {4, "4"}}));
}

TEST(RankRowsTest, AscendingRanksTheLowestFirstAndPeriodsApart) {
  auto loaded = load_plan(kFixtures + "kinds-plan.toml");
  ASSERT_TRUE(loaded.ok()) << loaded.error().message;
  Plan plan = std::move(loaded.value());
  plan.indicators[5].rank_ascending = true;
  auto compiled = compile(plan);
  ASSERT_TRUE(compiled.ok()) << compiled.error().message;
  TableChecker checker(plan, *compiled, "t.tsv");
  std::vector<Finding> findings;
  // 2024: 60 → 1, 70 → 2 (typed right). 2025: 70 → 1 typed 2.
  struct Typed {
    const char* unit;
    const char* period;
    const char* index;
    const char* rank;
  };
  const Typed rows[] = {{"Sở Tư pháp", "2024", "60", "1"},
                        {"Sở Y tế", "2024", "70", "2"},
                        {"Sở Tư pháp", "2025", "70", "2"}};
  int row_number = 0;
  for (const Typed& typed : rows) {
    UnitRow row = testing::make_row(plan, ++row_number, typed.unit,
                                    {{"par_index", typed.index}, {"par_rank", typed.rank}});
    row.period = typed.period;
    checker.check_row(row, findings);
  }
  findings.clear();
  checker.finish(findings);
  ASSERT_EQ(findings.size(), 1u);
  EXPECT_EQ(findings[0].row, 3);
  EXPECT_EQ(findings[0].period, "2025");
  EXPECT_EQ(findings[0].expected, "1");
}

TEST(UnitFactsTest, ARuleReadsTheUnitsKindAndGroup) {
  auto loaded = load_plan(kFixtures + "kinds-plan.toml");
  ASSERT_TRUE(loaded.ok()) << loaded.error().message;
  Plan plan = std::move(loaded.value());
  Rule rule;
  rule.id = "land.reported";
  rule.severity = Severity::warning;
  rule.indicator = "land";
  rule.when = "kind_district and group_huyen";
  rule.check = "not blank(land)";
  rule.message_vi = "{unit} chưa báo cáo «{indicator}».";
  rule.message_en = "{unit} did not report “{indicator}”.";
  plan.rules.push_back(rule);
  auto compiled = compile(plan);
  ASSERT_TRUE(compiled.ok()) << compiled.error().message;
  EXPECT_TRUE((*compiled)->uses_unit_facts);
  TableChecker checker(plan, *compiled, "t.tsv");
  std::vector<Finding> findings;
  // A district with land blank: the rule holds for it; a department and an
  // unregistered unit are not asked (no, and null).
  const char* units[] = {"UBND huyện Kiến Thụy", "Sở Y tế", "UBND huyện Không Có"};
  for (int row_idx = 0; row_idx < 3; ++row_idx) {
    UnitRow row = testing::make_row(plan, row_idx + 1, units[row_idx], {{"direction", "8"}});
    checker.check_row(row, findings);
  }
  std::vector<std::string> fired;
  for (const Finding& finding : findings) {
    if (finding.rule_id == "land.reported")
      fired.push_back(finding.unit + ": " + finding.message_vi);
  }
  EXPECT_EQ(fired,
            std::vector<std::string>{
                "UBND huyện Kiến Thụy: UBND huyện Kiến Thụy chưa báo cáo «Tiếp cận đất đai»."});

  plan.rules[0].when = "kind_ward";  // the plan has no such kind
  auto refused = compile(plan);
  ASSERT_FALSE(refused.ok());
  EXPECT_NE(refused.error().message.find("kind_ward"), std::string::npos)
      << refused.error().message;
}

}  // namespace
}  // namespace chiso::check
