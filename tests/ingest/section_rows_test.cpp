// Section rows inside a table (issue 14 §1): "I | Các sở, ban, ngành tỉnh" or
// one cell merged across the row, under the header or between data rows, are
// headings. The header stays the header, the data rows after them stay in
// the table, and lay_out lists them so the row walker skips them.
#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <vector>

#include "common/one_part_layout.h"
#include "ingest/document.h"
#include "ingest/table_layout.h"

namespace chiso {
namespace {

const char* const kHeader =
    "STT\tTên đơn vị\tTổng số dịch vụ hành chính công trực tuyến\tDịch vụ hành chính công toàn trình\n";

// The one part of a text table laid out; an empty part (and a failure) when
// there is not one.
TablePart only_part(const std::string& tsv) {
  std::optional<TableLayout> layout = test::lay_out_one_part(tsv, "sections.tsv");
  return layout ? layout->parts[0] : TablePart{};
}

TEST(SectionRows, NumberedUnderTheHeaderKeepsTheHeader) {
  // Before: the section row became the header's lower row ("no unit name
  // column", exit 2).
  const TablePart part = only_part(std::string(kHeader) +
                                   "I\tCác sở, ban, ngành tỉnh\n"
                                   "1\tSở Kế hoạch và Đầu tư\t49\t49\n"
                                   "2\tCông an thành phố\t140\t76\n");
  EXPECT_EQ(test::rows_of(part), (test::PartRows{0, 0, 2, 3}));
  ASSERT_EQ(part.columns.size(), 4u);
  EXPECT_EQ(part.columns[1].label, "Tên đơn vị");
}

TEST(SectionRows, NumberedBetweenDataRowsKeepsThePartGoing) {
  // Before: "II | Khối quận, huyện" became the header of a new part with no
  // unit column, and the units under it were dropped.
  const TablePart part = only_part(std::string(kHeader) +
                                   "1\tSở Kế hoạch và Đầu tư\t49\t49\n"
                                   "II.\tKhối quận, huyện\n"
                                   "2\tUBND huyện Kiến Thụy\t196\t174\n"
                                   "3\tUBND quận Dương Kinh\t345\t108\n");
  EXPECT_EQ(part.data_row_first, 1);
  EXPECT_EQ(part.data_row_last, 4);
  EXPECT_EQ(part.section_rows, std::vector<int>{2});
}

TEST(SectionRows, OneCellMergedAcrossUnderTheHeaderAndBetweenRows) {
  // As an XLSX/DOCX reader gives it: the text in the first cell of a merge
  // spanning the row, the other cells blank.
  Document doc;
  doc.path = "merged.xlsx";
  doc.format = "xlsx";
  Grid& grid = doc.grids.emplace_back();
  grid.source_idx = 1;
  grid.add_row(std::vector<std::string>{"STT", "Tên đơn vị", "Tổng số dịch vụ hành chính công trực tuyến",
                                        "Dịch vụ hành chính công toàn trình"});
  grid.add_row(std::vector<std::string>{"I. Các sở, ban, ngành tỉnh", "", "", ""});
  grid.add_row(std::vector<std::string>{"1", "Sở Kế hoạch và Đầu tư", "49", "49"});
  grid.add_row(std::vector<std::string>{"II. Khối quận, huyện", "", "", ""});
  grid.add_row(std::vector<std::string>{"2", "UBND huyện Kiến Thụy", "196", "174"});
  grid.add_row(std::vector<std::string>{"Ghi chú: số liệu đến hết quý IV", "", "", ""});
  grid.merges = {Merge{1, 0, 1, 4}, Merge{3, 0, 1, 4}, Merge{5, 0, 1, 4}};
  auto layout = lay_out(doc);
  ASSERT_TRUE(layout.ok()) << layout.error().message;
  ASSERT_EQ(layout->parts.size(), 1u);
  const TablePart& part = layout->parts[0];
  EXPECT_EQ(test::rows_of(part), (test::PartRows{0, 0, 2, 4}));
  EXPECT_EQ(part.section_rows, std::vector<int>{3});
  // A one-cell row with no data after it is still a note.
  EXPECT_EQ(layout->note_lines, std::vector<std::string>{"Ghi chú: số liệu đến hết quý IV"});
}

TEST(SectionRows, SectionNumbers) {
  for (const char* number : {"I", "II", "III", "IV", "V", "IX", "XIV", "XXXIX", "A", "B.", "C)", "II."}) {
    EXPECT_TRUE(is_section_number(number)) << number;
  }
  // Not numbers: a mark, a count, words, an unusual numeral.
  for (const char* text : {"X", "x", "1", "IIII", "VV", "Sở", "", "IC", "ab"}) {
    EXPECT_FALSE(is_section_number(text)) << text;
  }
}

}  // namespace
}  // namespace chiso
