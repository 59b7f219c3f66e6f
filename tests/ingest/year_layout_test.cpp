// A table laid out by year (issue 15 §4): its header is a row of years with
// a blank cell over the unit names, which has no letter in "2010 | 2015" and
// is still the header. Written by hand.
#include <gtest/gtest.h>

#include <string>

#include "ingest/document.h"
#include "ingest/table_layout.h"

namespace chiso {
namespace {

TEST(YearLayout, ARowOfYearsIsTheHeader) {
  auto doc = read_document_bytes(
      "DÂN SỐ TRUNG BÌNH PHÂN THEO HUYỆN\n"
      "\t2010\t2015\n"
      "Quận Hồng Bàng\t100,5\t101,2\n"
      "Huyện Kiến Thụy\t130,4\t134,0\n",
      "years.tsv");
  ASSERT_TRUE(doc.ok()) << doc.error().message;
  auto layout = lay_out(*doc);
  ASSERT_TRUE(layout.ok()) << layout.error().message;
  ASSERT_EQ(layout->parts.size(), 1u);
  const TablePart& part = layout->parts[0];
  EXPECT_EQ(part.header_row_first, 0);
  EXPECT_EQ(part.header_row_last, 0);
  EXPECT_EQ(part.data_row_first, 1);
  EXPECT_EQ(part.data_row_last, 2);
  ASSERT_EQ(part.columns.size(), 3u);
  EXPECT_EQ(part.columns[0].label, "");  // the blank header over the names
  EXPECT_EQ(part.columns[1].label, "2010");
  EXPECT_EQ(part.columns[2].label, "2015");
  ASSERT_EQ(layout->title_lines.size(), 1u);
  EXPECT_EQ(layout->title_lines[0], "DÂN SỐ TRUNG BÌNH PHÂN THEO HUYỆN");
}

}  // namespace
}  // namespace chiso
