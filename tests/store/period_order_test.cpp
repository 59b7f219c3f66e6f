#include "store/period_order.h"

#include <gtest/gtest.h>

#include <algorithm>

namespace chiso {
namespace {

TEST(PeriodOrder, KeysByHand) {
  EXPECT_EQ(period_sort_key("2025-03"), "2025-03-0");
  EXPECT_EQ(period_sort_key("2025-Q1"), "2025-03-1");
  EXPECT_EQ(period_sort_key("2025-q4"), "2025-12-1");
  EXPECT_EQ(period_sort_key("2025-H1"), "2025-06-2");
  EXPECT_EQ(period_sort_key("2025"), "2025-12-3");
  EXPECT_EQ(period_sort_key("03/2025"), "2025-03-0");
  EXPECT_EQ(period_sort_key("Q2/2025"), "2025-06-1");
  EXPECT_EQ(period_sort_key("T7/2025"), "2025-07-0");
  EXPECT_EQ(period_sort_key("2025-7"), "2025-07-0");
}

TEST(PeriodOrder, MonthsQuartersAndYearsSortInTime) {
  std::vector<std::string> periods = {"2025", "2025-Q1", "2025-02", "2024-Q4", "2025-12", "2025-H2",
                                      "2024-12", "2025-01", "2025-Q4", "2025-03", "2025-04"};
  std::sort(periods.begin(), periods.end(), [](const std::string& a, const std::string& b) {
    return period_sort_key(a) < period_sort_key(b);
  });
  EXPECT_EQ(periods, (std::vector<std::string>{"2024-12", "2024-Q4", "2025-01", "2025-02", "2025-03",
                                               "2025-Q1", "2025-04", "2025-12", "2025-Q4", "2025-H2",
                                               "2025"}));
}

TEST(PeriodOrder, UnrecognisedNamesSortAfterEveryDateByText) {
  EXPECT_EQ(period_sort_key("đợt 1"), "~đợt 1");
  EXPECT_EQ(period_sort_key("2025-13"), "~2025-13");
  EXPECT_EQ(period_sort_key("2025-Q5"), "~2025-Q5");
  EXPECT_EQ(period_sort_key("2025-01-01"), "~2025-01-01");
  EXPECT_EQ(period_sort_key(""), "~");
  EXPECT_LT(period_sort_key("9999"), period_sort_key("abc"));
}

}  // namespace
}  // namespace chiso
