// A table laid out by year (issue 15 §4): its header is a row of years with
// a blank cell over the unit names, which has no letter in "2010 | 2015" and
// is still the header. Written by hand.
#include <gtest/gtest.h>

#include <optional>

#include "common/one_part_layout.h"

namespace chiso {
namespace {

TEST(YearLayout, ARowOfYearsIsTheHeader) {
  std::optional<TableLayout> layout = test::lay_out_one_part(
      "DÂN SỐ TRUNG BÌNH PHÂN THEO HUYỆN\n"
      "\t2010\t2015\n"
      "Quận Hồng Bàng\t100,5\t101,2\n"
      "Huyện Kiến Thụy\t130,4\t134,0\n",
      "years.tsv");
  ASSERT_TRUE(layout);
  const TablePart& part = layout->parts[0];
  EXPECT_EQ(test::rows_of(part), (test::PartRows{0, 0, 1, 2}));
  ASSERT_EQ(part.columns.size(), 3u);
  EXPECT_EQ(part.columns[0].label, "");  // the blank header over the names
  EXPECT_EQ(part.columns[1].label, "2010");
  EXPECT_EQ(part.columns[2].label, "2015");
  ASSERT_EQ(layout->title_lines.size(), 1u);
  EXPECT_EQ(layout->title_lines[0], "DÂN SỐ TRUNG BÌNH PHÂN THEO HUYỆN");
}

}  // namespace
}  // namespace chiso
