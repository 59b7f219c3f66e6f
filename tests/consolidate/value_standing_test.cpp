// Honest rankings and city-wide figures (issue 14 §4), from the seed's own
// figures: Chi nhánh NHNN TP reports 0 full-process services of 0 (a share of
// nothing), Sở Ngoại vụ 4 full-process services of a typed total of 1 (the
// check's error sits on online_total), and a hand table with a score of 50 on
// a 10-point scale.
#include <gtest/gtest.h>

#include <algorithm>

#include "consolidate/analysis.h"
#include "consolidate/fixtures/seed_fixture.h"
#include "consolidate/summary.h"
#include "consolidate/value_standing.h"

namespace chiso {
namespace {

using chiso::testing::seed_plan;
using chiso::testing::seed_table;

bool contains(const std::vector<std::string>& names, const std::string& name) {
  return std::find(names.begin(), names.end(), name) != names.end();
}

// What check_file() reports for Sở Ngoại vụ (row 12): full-process 4 +
// partial 0 is not the typed total 1.
Finding ngoai_vu_total_error() {
  Finding finding;
  finding.severity = Severity::error;
  finding.rule_id = "online.parts_sum";
  finding.unit = "Sở Ngoại vụ";
  finding.row = 12;
  finding.indicator = "online_total";
  finding.period = "2024-Q4";
  return finding;
}

const UnitRow& row_of(const CheckedTable& table, const std::string& unit) {
  for (const UnitRow& row : table.rows) {
    if (row.unit_name == unit) return row;
  }
  throw std::runtime_error("no row " + unit);
}

TEST(ValueStandings, ZeroOfZeroIsNotApplicableAndErrorsReachTheDerivedShare) {
  const Plan plan = seed_plan();
  CheckedTable table = seed_table(plan);
  table.findings.push_back(ngoai_vu_total_error());
  const ValueStandings standings(plan, table.findings);
  const int share = plan.indicator_index("online_full_pct");
  EXPECT_EQ(standings.of(row_of(table, "Chi nhánh NHNN TP"), share), Standing::not_applicable);
  EXPECT_EQ(standings.of(row_of(table, "Sở Ngoại vụ"), share), Standing::in_error);
  EXPECT_EQ(standings.of(row_of(table, "Sở Ngoại vụ"), plan.indicator_index("online_total")),
            Standing::in_error);
  EXPECT_EQ(standings.of(row_of(table, "Sở Y tế"), share), Standing::usable);
  EXPECT_EQ(standings.of(row_of(table, "Sở Thông tin và TT"), share), Standing::missing);
  // A sum that disagrees with its parts can be right by itself: not left out.
  EXPECT_FALSE(standings.cannot_be_right(row_of(table, "Sở Ngoại vụ"),
                                         plan.indicator_index("online_total")));
}

TEST(RankUnits, ShareOfNothingAndValuesInErrorAreNeverRanked) {
  const Plan plan = seed_plan();
  CheckedTable table = seed_table(plan);
  table.findings.push_back(ngoai_vu_total_error());
  const Ranking ranking = rank_units(plan, table, "online_full_pct");
  // 30 rows: Sở Thông tin và TT blank, NHNN 0 of 0, Ngoại vụ in error.
  ASSERT_EQ(ranking.ranked.size(), 27u);
  EXPECT_EQ(ranking.not_applicable, std::vector<std::string>{"Chi nhánh NHNN TP"});
  ASSERT_EQ(ranking.in_error.size(), 1u);
  EXPECT_EQ(ranking.in_error[0].unit, "Sở Ngoại vụ");
  EXPECT_EQ(ranking.in_error[0].rank, 0);
  for (const RankEntry& entry : ranking.ranked) {
    EXPECT_NE(entry.unit, "Chi nhánh NHNN TP");
    EXPECT_NE(entry.unit, "Sở Ngoại vụ");
  }
  // Typed 100: Sở KH&ĐT 49/49, Cục Thuế 147/147, Sở KH&CN 54/54, Sở NN&PTNT 150/150.
  EXPECT_EQ(ranking.ranked.front().rank, 1);
  int first = 0;
  for (const RankEntry& entry : ranking.ranked) first += entry.rank == 1 ? 1 : 0;
  EXPECT_EQ(first, 4);
  // The lowest is Sở Y tế's 12,4 (not NHNN's 0).
  EXPECT_EQ(ranking.ranked.back().unit, "Sở Y tế");
  EXPECT_DOUBLE_EQ(*ranking.ranked.back().value, 12.4);
  EXPECT_EQ(ranking.ranked.back().rank, 27);
}

TEST(WrittenSummary, NamesNeitherTheShareOfNothingNorTheValueInErrorBestOrWorst) {
  const Plan plan = seed_plan();
  CheckedTable table = seed_table(plan);
  table.findings.push_back(ngoai_vu_total_error());
  const std::string text = written_summary(plan, table, Lang::vi);
  const std::string label = "Tỷ lệ DVHCC mức độ toàn trình/Tổng số DVHCC trực tuyến: ";
  const size_t at = text.find(label + "cao nhất là ");
  ASSERT_NE(at, std::string::npos) << text;
  const std::string sentence = text.substr(at, text.find(". ", at) - at);
  EXPECT_NE(sentence.find("cao nhất là Sở Kế hoạch và Đầu tư, Cục Thuế thành phố, Sở Khoa học và "
                          "Công nghệ và Sở Nông nghiệp và PTNT (100,00%)"),
            std::string::npos)
      << sentence;
  EXPECT_NE(sentence.find("thấp nhất là Sở Y tế (12,40%)"), std::string::npos) << sentence;
  EXPECT_NE(sentence.find("không áp dụng (không có số liệu để tính tỷ lệ): Chi nhánh NHNN TP"),
            std::string::npos)
      << sentence;
  EXPECT_NE(sentence.find("không xếp hạng vì số liệu có lỗi: Sở Ngoại vụ"), std::string::npos)
      << sentence;
  const size_t best_end = sentence.find("; thấp nhất");
  EXPECT_EQ(sentence.substr(0, best_end).find("Sở Ngoại vụ"), std::string::npos) << sentence;
}

TEST(WrittenSummary, FiguresAreRoundedAsTheTableRoundsThem) {
  const Plan plan = seed_plan();
  CheckedTable table = seed_table(plan);
  // 4.190 services of which 3.137 full-process: 74,868…% shown with the
  // indicator's 2 decimals, as the table shows it.
  table.summary[plan.indicator_index("online_full_pct")].value = 100.0 * 3137 / 4190;
  table.summary[plan.indicator_index("days_shortened_avg")].value = 2.0;
  const std::string vi = written_summary(plan, table, Lang::vi);
  EXPECT_NE(vi.find("Tỷ lệ DVHCC mức độ toàn trình/Tổng số DVHCC trực tuyến: 74,87%"), std::string::npos) << vi;
  EXPECT_NE(vi.find("Số ngày trung bình được rút ngắn: 2,00"), std::string::npos) << vi;
  const std::string en = written_summary(plan, table, Lang::en);
  EXPECT_NE(en.find("74.87%"), std::string::npos) << en;
}

TEST(WrittenSummary, TheAreaIsNamedByThePlan) {
  Plan plan = seed_plan();
  plan.summary_row_vi = "Toàn tỉnh";
  CheckedTable table = seed_table(plan);
  table.summary[plan.indicator_index("online_total")].value = 4190;
  const std::string vi = written_summary(plan, table, Lang::vi);
  EXPECT_NE(vi.find("Số liệu toàn tỉnh: "), std::string::npos) << vi;
  EXPECT_EQ(vi.find("thành phố:"), std::string::npos) << vi;
}

// A plan with one score on a 10-point scale (a rule on that cell alone) and
// one count; four units.
struct ScaleCase {
  Plan plan;
  std::vector<UnitRow> rows;
  std::vector<Finding> findings;
  ScaleCase() {
    plan.indicators.push_back(chiso::testing::make_indicator(
        "score", IndicatorKind::count, Consolidation::mean, "Điểm hài lòng", "Satisfaction", 2));
    plan.indicators.push_back(chiso::testing::make_indicator(
        "dossiers", IndicatorKind::count, Consolidation::sum, "Số hồ sơ", "Dossiers", 0));
    Rule scale;
    scale.id = "score.scale";
    scale.indicator = "score";
    scale.check = "score >= 0 and score <= 10";
    plan.rules.push_back(scale);
    Rule parts;  // uses another indicator: values only disagree
    parts.id = "score.needs_dossiers";
    parts.indicator = "dossiers";
    parts.check = "not (score > 0 and dossiers == 0)";
    plan.rules.push_back(parts);
    add(1, "A", 6, 120);
    add(2, "B", 7.5, 80);
    add(3, "C", 7, 0);
    add(4, "D", 50, 40);   // 50 on a 10-point scale
    add(5, "E", 8, -5);    // a negative count
    findings.push_back(error(4, "D", "score", "score.scale"));
    findings.push_back(error(3, "C", "dossiers", "score.needs_dossiers"));
    findings.push_back(error(5, "E", "dossiers", "value.negative"));
  }
  void add(int number, const char* name, double score, double dossiers) {
    UnitRow row;
    row.row_number = number;
    row.raw_name = row.unit_name = name;
    row.values.resize(2);
    row.values[0] = Value{ValueState::number, score, "", {}};
    row.values[1] = Value{ValueState::number, dossiers, "", {}};
    rows.push_back(row);
  }
  static Finding error(int row, const char* unit, const char* indicator, const char* rule) {
    Finding finding;
    finding.severity = Severity::error;
    finding.row = row;
    finding.unit = unit;
    finding.indicator = indicator;
    finding.rule_id = rule;
    return finding;
  }
};

TEST(Summarize, AValueThatCannotBeRightByItselfIsLeftOutOfTheCityWideFigure) {
  ScaleCase hand;
  // Without the findings the 50 lifts the mean: (6 + 7,5 + 7 + 50 + 8) / 5 = 15,7.
  std::vector<SummaryValue> blind = summarize(hand.plan, hand.rows);
  EXPECT_NEAR(*blind[0].value, 15.7, 1e-9);
  std::vector<SummaryValue> summary = summarize(hand.plan, hand.rows, hand.findings);
  // (6 + 7,5 + 7 + 8) / 4 = 7,125 over 4 units.
  EXPECT_NEAR(*summary[0].value, 7.125, 1e-9);
  EXPECT_EQ(summary[0].units_reporting, 4);
  // Dossiers: C's 0 only disagrees with its score (counted as typed); E's -5
  // cannot be right (left out): 120 + 80 + 0 + 40 = 240 over 4 units.
  EXPECT_DOUBLE_EQ(*summary[1].value, 240);
  EXPECT_EQ(summary[1].units_reporting, 4);
}

TEST(Summarize, TheAccumulatorTakesEachRowsFindings) {
  ScaleCase hand;
  SummaryAccumulator accumulator(hand.plan);
  for (const UnitRow& row : hand.rows) {
    std::vector<Finding> own;
    for (const Finding& finding : hand.findings) {
      if (finding.row == row.row_number) own.push_back(finding);
    }
    accumulator.add(row, own);
  }
  std::vector<SummaryValue> summary = accumulator.finish();
  EXPECT_NEAR(*summary[0].value, 7.125, 1e-9);
  EXPECT_DOUBLE_EQ(*summary[1].value, 240);
}

TEST(Summarize, ASumThatDisagreesWithItsPartsIsCountedAsTyped) {
  const Plan plan = seed_plan();
  CheckedTable table = seed_table(plan);
  table.findings.push_back(ngoai_vu_total_error());
  std::vector<SummaryValue> summary = summarize(plan, table.rows, table.findings);
  // The seed's online_total column summed by hand: 4.190, Sở Ngoại vụ's 1 included.
  EXPECT_DOUBLE_EQ(*summary[plan.indicator_index("online_total")].value, 4190);
  EXPECT_EQ(summary[plan.indicator_index("online_total")].units_reporting, 29);
}

TEST(Targets, ShareOfNothingIsNotApplicableAndAValueInErrorIsNotJudged) {
  Plan plan = seed_plan();
  Target target;
  target.indicator = "online_full_pct";
  target.op = ">=";
  target.bound = 80;
  plan.targets.push_back(target);
  CheckedTable table = seed_table(plan);
  table.findings.push_back(ngoai_vu_total_error());
  std::vector<TargetResult> results = evaluate_targets(plan, table);
  ASSERT_EQ(results.size(), 1u);
  EXPECT_EQ(results[0].not_applicable, std::vector<std::string>{"Chi nhánh NHNN TP"});
  EXPECT_EQ(results[0].in_error, std::vector<std::string>{"Sở Ngoại vụ"});
  EXPECT_FALSE(contains(results[0].not_met, "Chi nhánh NHNN TP"));
  EXPECT_FALSE(contains(results[0].met, "Sở Ngoại vụ"));
}

}  // namespace
}  // namespace chiso
