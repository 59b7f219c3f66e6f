// Periods as people write them (issue 14 §5): the forms official text uses,
// the years a report can name, the text a report prints, and the split by
// kind that keeps a trend from joining periods of different lengths.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "plan/period.h"

namespace chiso {
namespace {

TEST(PeriodAsWritten, OfficialFormsAreRead) {
  EXPECT_EQ(normalize_period("6 tháng đầu năm 2025").value_or("(none)"), "2025-H1");
  EXPECT_EQ(normalize_period("6 tháng cuối năm 2025").value_or("(none)"), "2025-H2");
  EXPECT_EQ(normalize_period("6 THÁNG ĐẦU NĂM 2024").value_or("(none)"), "2024-H1");
  EXPECT_EQ(normalize_period("IV/2024").value_or("(none)"), "2024-Q4");
  EXPECT_EQ(normalize_period("II/2025").value_or("(none)"), "2025-Q2");
  EXPECT_EQ(normalize_period("Năm 2025").value_or("(none)"), "2025");
  EXPECT_EQ(normalize_period("Quý IV năm 2024").value_or("(none)"), "2024-Q4");
  EXPECT_EQ(normalize_period("Tháng 3 năm 2025").value_or("(none)"), "2025-03");
}

TEST(PeriodAsWritten, NotPeriods) {
  // "6 tháng" without đầu/cuối says which half? Not said: refused.
  EXPECT_FALSE(normalize_period("6 tháng năm 2025"));
  EXPECT_FALSE(normalize_period("V/2025"));          // no fifth quarter
  EXPECT_FALSE(normalize_period("IV/I/2025"));       // two parts
  EXPECT_FALSE(normalize_period("6 tháng đầu năm"));  // no year
}

TEST(PeriodAsWritten, YearsOutsideTheRangeAreRefused) {
  EXPECT_FALSE(normalize_period("2124-Q1"));
  EXPECT_FALSE(normalize_period("1899"));
  EXPECT_FALSE(normalize_period("2101-03"));
  EXPECT_FALSE(normalize_period("Quý I/1989"));
  EXPECT_EQ(normalize_period("1990").value_or("(none)"), "1990");
  EXPECT_EQ(normalize_period("2100-Q4").value_or("(none)"), "2100-Q4");
  // The message a refusal gives says what is expected, years included.
  EXPECT_NE(std::string(period_expected_vi()).find("1990 đến 2100"), std::string::npos);
  EXPECT_NE(std::string(period_expected_en()).find("1990 to 2100"), std::string::npos);
  EXPECT_NE(std::string(period_expected_vi()).find("6 tháng đầu năm 2025"), std::string::npos);
}

TEST(PeriodAsWritten, OfficialText) {
  EXPECT_EQ(period_text_vi("2024-Q4"), "Quý IV năm 2024");
  EXPECT_EQ(period_text_vi("2025-Q1"), "Quý I năm 2025");
  EXPECT_EQ(period_text_vi("2025-H1"), "6 tháng đầu năm 2025");
  EXPECT_EQ(period_text_vi("2025-H2"), "6 tháng cuối năm 2025");
  EXPECT_EQ(period_text_vi("2025-03"), "Tháng 3 năm 2025");
  EXPECT_EQ(period_text_vi("2025-12"), "Tháng 12 năm 2025");
  EXPECT_EQ(period_text_vi("2025"), "Năm 2025");
  EXPECT_EQ(period_text_en("2024-Q4"), "Q4 2024");
  EXPECT_EQ(period_text_en("2025-H1"), "First half of 2025");
  EXPECT_EQ(period_text_en("2025-H2"), "Second half of 2025");
  EXPECT_EQ(period_text_en("2025-03"), "March 2025");
  EXPECT_EQ(period_text_en("2025"), "Year 2025");
  // A period in another accepted form is printed the same way; text that
  // is no period is left as it is.
  EXPECT_EQ(period_text_vi("IV/2024"), "Quý IV năm 2024");
  EXPECT_EQ(period_text_vi("đợt 1"), "đợt 1");
}

TEST(PeriodAsWritten, KindAndSortKey) {
  EXPECT_EQ(period_kind("2025-03"), PeriodKind::month);
  EXPECT_EQ(period_kind("2025-Q3"), PeriodKind::quarter);
  EXPECT_EQ(period_kind("2025-H2"), PeriodKind::half);
  EXPECT_EQ(period_kind("1999"), PeriodKind::year);
  EXPECT_EQ(period_kind("đợt 1"), PeriodKind::other);
  // The one parser decides the store's order too: the official forms sort
  // where their normalised names do, and a refused year sorts as text.
  EXPECT_EQ(period_sort_key("6 tháng đầu năm 2025"), period_sort_key("2025-H1"));
  EXPECT_EQ(period_sort_key("IV/2024"), "2024-12-1");
  EXPECT_EQ(period_sort_key("2124-Q1"), "~2124-Q1");
}

TEST(PeriodAsWritten, SplitByKindForATrend) {
  // The line the issue found joined: 1999, 2025-09, 2025-Q3, 2025-H2, 2025.
  const std::vector<std::string> stored = {"2025-Q3", "1999", "2025-09", "2025-H2", "2025",
                                           "2024-Q4", "2025-Q1", "2025-Q2", "đợt 1"};
  const std::vector<PeriodsOfKind> split = split_periods_by_kind(stored);
  ASSERT_EQ(split.size(), 5u);
  // The kind with most periods first, each in time order.
  EXPECT_EQ(split[0].kind, PeriodKind::quarter);
  EXPECT_EQ(split[0].periods, (std::vector<std::string>{"2024-Q4", "2025-Q1", "2025-Q2", "2025-Q3"}));
  EXPECT_EQ(split[1].kind, PeriodKind::year);
  EXPECT_EQ(split[1].periods, (std::vector<std::string>{"1999", "2025"}));
  // Equal counts: half before month before other.
  EXPECT_EQ(split[2].kind, PeriodKind::half);
  EXPECT_EQ(split[2].periods, (std::vector<std::string>{"2025-H2"}));
  EXPECT_EQ(split[3].kind, PeriodKind::month);
  EXPECT_EQ(split[3].periods, (std::vector<std::string>{"2025-09"}));
  EXPECT_EQ(split[4].kind, PeriodKind::other);
  EXPECT_TRUE(split_periods_by_kind({}).empty());
  // A repeated period counts once.
  EXPECT_EQ(split_periods_by_kind({"2025-03", "2025-03"})[0].periods.size(), 1u);
}

TEST(PeriodAsWritten, KindNames) {
  for (PeriodKind kind :
       {PeriodKind::month, PeriodKind::quarter, PeriodKind::half, PeriodKind::year}) {
    EXPECT_EQ(period_kind_from_name(period_kind_name(kind)), kind);
  }
  EXPECT_EQ(period_kind_name(PeriodKind::quarter), "quarter");
  EXPECT_FALSE(period_kind_from_name("other").has_value());
  EXPECT_FALSE(period_kind_from_name("Quarter").has_value());
  EXPECT_EQ(period_kind_words_vi(PeriodKind::half), "6 tháng");
  EXPECT_EQ(period_kind_words_en(PeriodKind::month), "monthly");
}

}  // namespace
}  // namespace chiso
