// Total, subtotal and section rows (issue 14 §1), on tables made by hand from
// the seed (tests/check/fixtures/): the units' figures are the seed's, the
// totals were added up by hand. A total row is never a unit, never counted in
// the city-wide figure, and compared with it; section rows are headings, and
// the units under them are read.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "service/check_input.h"
#include "check/check_test_support.h"
#include "check/checker.h"
#include "plan/plan.h"

namespace chiso::check {
namespace {

using testing::shipped_plan;

const std::string kFixtures = std::string(CHISO_SOURCE_DIR) + "/tests/check/fixtures/";

std::vector<std::string> unit_names(const CheckedTable& table) {
  std::vector<std::string> names;
  for (const UnitRow& row : table.rows) names.push_back(row.unit_name);
  return names;
}

std::vector<const Finding*> with_rule(const CheckedTable& table, const std::string& rule_id) {
  std::vector<const Finding*> found;
  for (const Finding& finding : table.findings) {
    if (finding.rule_id == rule_id) found.push_back(&finding);
  }
  return found;
}

// Findings at warning or error about the table's shape or its units (not the
// seed's own figures, which have their known errors).
std::vector<std::string> shape_problems(const CheckedTable& table) {
  std::vector<std::string> problems;
  for (const Finding& finding : table.findings) {
    if (finding.severity == Severity::info) continue;
    if (finding.rule_id.rfind("header.", 0) == 0 || finding.rule_id.rfind("unit.", 0) == 0 ||
        finding.rule_id.rfind("total.", 0) == 0) {
      problems.push_back(finding.rule_id + ": " + finding.message_en);
    }
  }
  return problems;
}

double summary_of(const CheckedTable& table, const std::string& code) {
  const int idx = shipped_plan().indicator_index(code);
  EXPECT_GE(idx, 0) << code;
  const SummaryValue& figure = table.summary.at(static_cast<size_t>(idx));
  EXPECT_TRUE(figure.value.has_value()) << code;
  return figure.value.value_or(-1);
}

const std::vector<std::string> kUnits1To5 = {"Sở Kế hoạch và Đầu tư", "Công an thành phố", "Sở Du lịch",
                                             "Sở Công Thương", "Sở Văn hóa và Thể thao"};

TEST(TotalRow, IsNotAUnitAndAgreesWithTheConsolidation) {
  // Rows 1–5 of the seed and "Tổng cộng": 66+10+100+13 = 189 procedures,
  // 49+140+26+158+96 = 469 online services, 316 full, 151 partial; days
  // weighted by procedures 646,5/189 = 3,42; shares 316/469 = 67,38 % and
  // 151/469 = 32,2 %; cashless mean 393,5/5 = 78,7; first time 393,71/4 = 98,43.
  auto checked = service::check_file(shipped_plan(), kFixtures + "total-row.tsv", "2024-Q4");
  ASSERT_TRUE(checked.ok()) << checked.error().message;
  EXPECT_EQ(unit_names(*checked), kUnits1To5);
  EXPECT_DOUBLE_EQ(summary_of(*checked, "online_total"), 469);  // not 938
  EXPECT_DOUBLE_EQ(summary_of(*checked, "tthc_shortened"), 189);
  EXPECT_EQ(shape_problems(*checked), std::vector<std::string>{});
  // Recognised, and said so.
  auto notes = with_rule(*checked, "total.row");
  ASSERT_EQ(notes.size(), 1u);
  EXPECT_EQ(notes[0]->severity, Severity::info);
  EXPECT_EQ(notes[0]->unit, "Tổng cộng");
  EXPECT_EQ(notes[0]->pos.row_idx, 11);  // line 11 of the file
}

TEST(TotalRow, AFigureThatDiffersIsAnErrorAtItsCellWithBothFigures) {
  // The same table with 470 online services typed (469 by hand) and a share
  // of 67,9 % (316/469 = 67,38 %).
  auto checked = service::check_file(shipped_plan(), kFixtures + "total-row-wrong.tsv", "2024-Q4");
  ASSERT_TRUE(checked.ok()) << checked.error().message;
  EXPECT_EQ(unit_names(*checked), kUnits1To5);
  auto mismatches = with_rule(*checked, "total.mismatch");
  ASSERT_EQ(mismatches.size(), 2u);
  const Finding& count = *mismatches[0];
  EXPECT_EQ(count.severity, Severity::error);
  EXPECT_EQ(count.indicator, "online_total");
  EXPECT_EQ(count.raw, "470");
  EXPECT_EQ(count.expected, "469");
  EXPECT_EQ(count.pos.row_idx, 11);
  EXPECT_EQ(count.pos.col_idx, 5);  // STT, name, two procedure columns, then this one
  EXPECT_NE(count.message_vi.find("là 470"), std::string::npos) << count.message_vi;
  EXPECT_NE(count.message_vi.find("469"), std::string::npos) << count.message_vi;
  EXPECT_NE(count.message_vi.find("5 đơn vị"), std::string::npos) << count.message_vi;
  EXPECT_NE(count.message_en.find("469"), std::string::npos) << count.message_en;
  const Finding& share = *mismatches[1];
  EXPECT_EQ(share.indicator, "online_full_pct");
  EXPECT_EQ(share.raw, "67,9");
  EXPECT_NE(share.message_vi.find("67,38"), std::string::npos) << share.message_vi;
}

TEST(SectionRows, NumberedUnderTheHeaderAndBetweenUnitsAreHeadings) {
  // "I | Các sở, ban, ngành tỉnh" under the two-level header, "II | Khối
  // quận, huyện" after row 5; rows 20–23 of the seed under it.
  auto checked = service::check_file(shipped_plan(), kFixtures + "sections.tsv", "2024-Q4");
  ASSERT_TRUE(checked.ok()) << checked.error().message;
  std::vector<std::string> expected = kUnits1To5;
  for (const char* name : {"UBND huyện Kiến Thụy", "UBND quận Dương Kinh", "UBND huyện Thủy Nguyên",
                           "UBND huyện Vĩnh Bảo"}) {
    expected.push_back(name);
  }
  EXPECT_EQ(unit_names(*checked), expected);
  EXPECT_EQ(shape_problems(*checked), std::vector<std::string>{});
  // Every indicator column is still found under the header.
  EXPECT_TRUE(with_rule(*checked, "header.missing").empty());
  // 49+140+26+158+96 + 196+345+255+207 = 1 472 online services.
  EXPECT_DOUBLE_EQ(summary_of(*checked, "online_total"), 1472);
}

TEST(SectionRows, WrittenInOneCellAreHeadingsToo) {
  auto checked = service::check_file(shipped_plan(), kFixtures + "sections-one-cell.tsv", "2024-Q4");
  ASSERT_TRUE(checked.ok()) << checked.error().message;
  EXPECT_EQ(checked->rows.size(), 9u);
  EXPECT_EQ(shape_problems(*checked), std::vector<std::string>{});
  EXPECT_DOUBLE_EQ(summary_of(*checked, "online_total"), 1472);
  // Neither heading is taken for a title or a note.
  for (const std::string& line : checked->title_lines) {
    EXPECT_EQ(line.find("Khối quận"), std::string::npos) << line;
    EXPECT_EQ(line.find("Các sở"), std::string::npos) << line;
  }
  EXPECT_TRUE(checked->note_lines.empty());
}

TEST(SubtotalRows, UnderTheirSectionsAndATotal) {
  // Sections I (rows 1–3 of the seed: 233 / 183 / 50) and II (Kiến Thụy,
  // Dương Kinh: 541 / 282 / 259), each closed by "Cộng khối …", then
  // "Tổng cộng" 774 / 465 / 309.
  auto checked = service::check_file(shipped_plan(), kFixtures + "subtotals.tsv", "2024-Q4");
  ASSERT_TRUE(checked.ok()) << checked.error().message;
  EXPECT_EQ(unit_names(*checked),
            (std::vector<std::string>{"Sở Kế hoạch và Đầu tư", "Sở Du lịch", "Sở Công Thương",
                                      "UBND huyện Kiến Thụy", "UBND quận Dương Kinh"}));
  EXPECT_DOUBLE_EQ(summary_of(*checked, "online_total"), 774);  // not 3 · 774
  EXPECT_DOUBLE_EQ(summary_of(*checked, "online_full"), 465);
  EXPECT_EQ(shape_problems(*checked), std::vector<std::string>{});
  EXPECT_EQ(with_rule(*checked, "total.row").size(), 3u);
}

// The yearbook's regions are the plan's subtotal wordings: plan data.
Plan yearbook_plan() {
  std::ifstream in(std::string(CHISO_SOURCE_DIR) + "/plans/hai-phong-197.toml");
  std::stringstream text;
  text << in.rdbuf();
  std::string toml = text.str();
  const std::string key = "subtotal_row_wordings = ";
  const size_t begin = toml.find(key);
  EXPECT_NE(begin, std::string::npos);
  const size_t end = toml.find('\n', begin);
  toml.replace(begin, end - begin, key + R"(["Khối sở", "Khối Trung ương", "Khối quận, huyện"])");
  auto plan = parse_plan(toml, "yearbook-plan.toml");
  EXPECT_TRUE(plan.ok()) << plan.error().message;
  return plan.ok() ? std::move(plan).value() : Plan{};
}

TEST(SubtotalRows, AYearbookHeadsItsRegionsAndPrintsTheTotalFirst) {
  // "TỔNG SỐ - TOTAL" 987 / 611 / 376 above three regions: 233 / 183 / 50,
  // 213 / 146 / 67 and 541 / 282 / 259, each above its units.
  const Plan plan = yearbook_plan();
  auto checked = service::check_file(plan, kFixtures + "yearbook.tsv", "2024");
  ASSERT_TRUE(checked.ok()) << checked.error().message;
  EXPECT_EQ(checked->rows.size(), 7u);
  const int online_total = plan.indicator_index("online_total");
  ASSERT_GE(online_total, 0);
  EXPECT_DOUBLE_EQ(checked->summary[static_cast<size_t>(online_total)].value.value_or(-1),
                   987);  // the published sum, not tripled
  for (const Finding& finding : checked->findings) {
    EXPECT_NE(finding.severity, Severity::error) << finding.rule_id << ": " << finding.message_en;
  }
  EXPECT_EQ(with_rule(*checked, "total.row").size(), 4u);

  // The districts' region typed 540 (196 + 345 = 541).
  auto wrong = service::check_file(plan, kFixtures + "yearbook-wrong.tsv", "2024");
  ASSERT_TRUE(wrong.ok()) << wrong.error().message;
  auto mismatches = with_rule(*wrong, "total.mismatch");
  ASSERT_EQ(mismatches.size(), 1u);
  EXPECT_EQ(mismatches[0]->unit, "Khối quận, huyện - Districts");
  EXPECT_EQ(mismatches[0]->raw, "540");
  EXPECT_EQ(mismatches[0]->expected, "541");
  EXPECT_EQ(mismatches[0]->pos.row_idx, 12);
  EXPECT_EQ(mismatches[0]->pos.col_idx, 3);
  EXPECT_NE(mismatches[0]->message_vi.find("2 đơn vị"), std::string::npos) << mismatches[0]->message_vi;
}

TEST(SubtotalRows, WithoutTheRegionWordingsTheyAreUnknownUnitsNotSilentData) {
  auto checked = service::check_file(shipped_plan(), kFixtures + "yearbook.tsv", "2024");
  ASSERT_TRUE(checked.ok()) << checked.error().message;
  // "TỔNG SỐ - TOTAL" is a default total wording; the regions are not.
  EXPECT_EQ(with_rule(*checked, "unit.unknown").size(), 3u);
  EXPECT_EQ(with_rule(*checked, "total.row").size(), 1u);
}

}  // namespace
}  // namespace chiso::check
