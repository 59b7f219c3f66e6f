// Tests of lay_out on the seed and its variants; expectations from the seed
// read by hand (see GLOSSARY.md: 17 columns, parts rows 1–14 and 15–30).
#include "ingest/table_layout.h"

#include <gtest/gtest.h>

#include <optional>

#include "common/one_part_layout.h"
#include "common/text.h"
#include "ingest_test_util.h"

namespace chiso {
namespace {

const char* const kGroupTthc = "Thực hiện thủ tục hành chính";
const char* const kGroupOnline = "Thực hiện dịch vụ hành chính công trực tuyến";
const char* const kGroupRooms = "Phòng họp trực tuyến";

// Part 1's columns, 0-based: group (or "") and label, from lines 6–7.
struct Expected {
  const char* group;
  const char* label;
};
const Expected kPart1[17] = {
    {"", "ST T"},
    {"", "Tên đơn vị"},
    {kGroupTthc, "Số TTHC đã rút ngắn được thời gian so với quy định (Số thủ tục)"},
    {kGroupTthc, "Số ngày trung bình được rút ngắn"},
    {kGroupOnline, "Tổng số dịch vụ hành chính công trực tuyến"},
    {kGroupOnline, "Dịch vụ hành chính công toàn trình"},
    {kGroupOnline, "Tỷ lệ DVHCC mức độ toàn trình/Tổng số DVHCC trực tuyến (%)"},
    {kGroupOnline, "Dịch vụ hành chính công một phần"},
    {kGroupOnline, "Tỷ lệ DVHCC một phần/Tổng số DVHCC trực tuyến (%)"},
    {"", "Thu phí, lệ phí không dùng tiền mặt (%)"},
    {"", "Tỷ lệ người dân và DN nộp được hồ sơ hợp lệ ngay từ lần nộp đầu tiên (%)"},
    {kGroupRooms, "Đã có phòng họp trực tuyến"},
    {kGroupRooms, "Số lượng phòng họp trực tuyến"},
    {"", "Đã kết nối với trang DDCI"},
    {"", "Cổng Thông tin điện tử thành phần đã sử dụng hình thức trả lời trực tuyến bằng AI"},
    {"", "Phối hợp TH mô hình \"Kết nối thủ tục giấy phép kinh doanh có điều kiện\""},
    {"", "Thực hiện công khai các cam kết cụ thể với DN trên Cổng TTĐT TP để TH CT MTĐTKD trong "
         "cấp GP KD có điều kiện"},
};
// Part 2's labels (line 23), one level.
const char* const kPart2[17] = {
    "ST T",
    "Tên đơn vị",
    "Số TTHC đã rút ngắn được thời gian so với quy định (Số thủ tục)",
    "Số ngày trung bình được rút ngắn",
    "Tổng số dịch vụ hành chính công trực tuyến",
    "Dịch vụ hành chính công toàn trình",
    "Tỷ lệ DVHCC mức độ toàn trình/Tổng số DVHCC trực tuyến (%)",
    "Dịch vụ hành chính công một phần",
    "Tỷ lệ DVHCC một phần/Tổng số DVHCC trực tuyến (%)",
    "Thu phí, lệ phí không dùng tiền mặt (%)",
    "Người dân và DN nộp được hồ sơ hợp lệ ngay từ lần nộp đầu tiên (%)",
    "Đã có phòng họp trực tuyến",
    "Số lượng phòng họp trực tuyến",
    "Đã kết nối với trang DDCI",
    "Đơn vị thành phần đã sử dụng hình thức trả lời trực tuyến bằng AI",
    "Kết nối thủ tục giấy phép kinh doanh có điều kiện",
    "Cụ thể với DN trên Cổng TTĐT TP để TH CT MTĐTKD trong cấp GP KD có điều kiện",
};

}  // namespace

// Shared with the XLSX/DOCX tests: the seed's layout, whatever the format.
// Labels are compared by fold_key (a Word/Excel cell keeps the quotes the
// TSV reader removes from part 2's "Kết nối…" cell).
void expect_seed_layout(const Document& doc, const TableLayout& layout, int extra_columns) {
  ASSERT_EQ(layout.parts.size(), 2u);
  const TablePart& p1 = layout.parts[0];
  const TablePart& p2 = layout.parts[1];
  ASSERT_EQ(p1.columns.size(), 17u + static_cast<size_t>(extra_columns));
  ASSERT_EQ(p2.columns.size(), 17u + static_cast<size_t>(extra_columns));
  for (int col = 0; col < 17; ++col) {
    const ColumnHeader& c1 = p1.columns[static_cast<size_t>(col)];
    EXPECT_EQ(c1.col_idx, col);
    EXPECT_EQ(c1.group, kPart1[col].group) << "part 1 column " << col;
    EXPECT_EQ(text::fold_key(c1.label), text::fold_key(kPart1[col].label)) << "part 1 column " << col;
    const ColumnHeader& c2 = p2.columns[static_cast<size_t>(col)];
    EXPECT_EQ(c2.col_idx, col);
    EXPECT_EQ(c2.group, "") << "part 2 column " << col;
    EXPECT_EQ(text::fold_key(c2.label), text::fold_key(kPart2[col])) << "part 2 column " << col;
  }
  // Data rows: STT 1–14 in part 1 and 15–30 in part 2, in order.
  int stt = 1;
  for (const TablePart* part : {&p1, &p2}) {
    const Grid& grid = doc.grids[static_cast<size_t>(part->grid_idx)];
    for (int row = part->data_row_first; row <= part->data_row_last; ++row) {
      if (text::trim(grid.cell(row, 0)).empty()) continue;
      EXPECT_EQ(grid.cell(row, 0), std::to_string(stt)) << "grid row " << row;
      ++stt;
    }
    EXPECT_LT(part->header_row_last, part->data_row_first);
    EXPECT_LE(part->header_row_first, part->header_row_last);
  }
  EXPECT_EQ(stt, 31);
  ASSERT_EQ(layout.title_lines.size(), 2u);
  EXPECT_EQ(layout.title_lines[0], "PHỤ LỤC 2");
  EXPECT_EQ(layout.title_lines[1], "THỐNG KÊ MỘT SỐ CHỈ TIÊU THEO KẾ HOẠCH SỐ 197/KH-UBND");
  ASSERT_EQ(layout.note_lines.size(), 1u);
  EXPECT_EQ(layout.note_lines[0].rfind("Ghi chú: dấu (*) đơn vị không đánh dấu (x)", 0), 0u)
      << layout.note_lines[0];
}

namespace {

TEST(TableLayout, SeedTwoPartsTwoLevels) {
  auto doc = read_document(testing::seed_path());
  ASSERT_TRUE(doc.ok()) << doc.error().message;
  auto layout = lay_out(*doc);
  ASSERT_TRUE(layout.ok()) << layout.error().message;
  expect_seed_layout(*doc, *layout, 0);
  // In the text grid, by line: headers 6–7 and 23, data 8–21 and 24–39.
  const Grid& grid = doc->grids[0];
  const TablePart& p1 = layout->parts[0];
  const TablePart& p2 = layout->parts[1];
  EXPECT_EQ(grid.source_row(p1.header_row_first), 6);
  EXPECT_EQ(grid.source_row(p1.header_row_last), 7);
  EXPECT_EQ(grid.source_row(p1.data_row_first), 8);
  EXPECT_EQ(grid.source_row(p1.data_row_last), 21);
  EXPECT_EQ(grid.source_row(p2.header_row_first), 23);
  EXPECT_EQ(grid.source_row(p2.header_row_last), 23);
  EXPECT_EQ(grid.source_row(p2.data_row_first), 24);
  EXPECT_EQ(grid.source_row(p2.data_row_last), 39);
  // Labels exactly as folded header text (NFC, one space).
  EXPECT_EQ(p1.columns[15].label, kPart1[15].label);
  EXPECT_EQ(p2.columns[15].label, "Kết nối thủ tục giấy phép kinh doanh có điều kiện");
}

TEST(TableLayout, PeriodColumnVariant) {
  // The seed with a last column "Kỳ báo cáo": header in the upper row of
  // part 1 (lower cell empty), in part 2's one row, values 2025-03 / 2025-Q1.
  std::string tsv;
  int line_no = 0;
  for (const std::string& line : testing::seed_lines()) {
    ++line_no;
    if (line.find('\t') == std::string::npos) {
      tsv += line + "\n";
      continue;
    }
    std::string extra;
    if (line_no == 6 || line_no == 23) {
      extra = "Kỳ báo cáo";
    } else if (line_no != 7) {
      extra = line_no % 2 ? "2025-03" : "2025-Q1";
    }
    tsv += line + "\t" + extra + "\n";
  }
  auto doc = read_document_bytes(tsv, "period.tsv");
  ASSERT_TRUE(doc.ok()) << doc.error().message;
  auto layout = lay_out(*doc);
  ASSERT_TRUE(layout.ok()) << layout.error().message;
  expect_seed_layout(*doc, *layout, 1);
  for (const TablePart& part : layout->parts) {
    EXPECT_EQ(part.columns[17].label, "Kỳ báo cáo");
    EXPECT_EQ(part.columns[17].group, "");
    EXPECT_EQ(part.columns[17].col_idx, 17);
  }
}

TEST(TableLayout, TableWithoutRowNumbersNorTitles) {
  // No STT column, a `;` file, one header row: data rows found by their
  // name and numbers.
  std::optional<TableLayout> layout = test::lay_out_one_part(
      "Tên đơn vị;Tổng số dịch vụ;Đã có phòng họp trực tuyến\n"
      "Sở Y tế;89;x\n"
      "Sở Tài chính;5;0\n"
      "\n"
      "Ghi chú: số liệu quý 4\n",
      "plain.csv");
  ASSERT_TRUE(layout);
  const TablePart& part = layout->parts[0];
  EXPECT_EQ(test::rows_of(part), (test::PartRows{0, 0, 1, 2}));
  ASSERT_EQ(part.columns.size(), 3u);
  EXPECT_EQ(part.columns[2].label, "Đã có phòng họp trực tuyến");
  EXPECT_TRUE(layout->title_lines.empty());
  ASSERT_EQ(layout->note_lines.size(), 1u);
  EXPECT_EQ(layout->note_lines[0], "Ghi chú: số liệu quý 4");
}

TEST(TableLayout, AFirstRowOfNotAvailableCellsIsDataNotASecondHeaderLevel) {
  // VCCI's PCI 2019 table starts with Hồ Chí Minh City written N/A in
  // every column: a name and N/As is a row of data, not header words.
  std::optional<TableLayout> layout = test::lay_out_one_part(
      "Province\tPCI Score\tPCI Ranking\tPCI Tier\n"
      "HCMC\tN/A\tN/A\tn/a\n"
      "Quang Ninh\t73.40\t1\tRất tốt\n",
      "pci.tsv");
  ASSERT_TRUE(layout);
  const TablePart& part = layout->parts[0];
  EXPECT_EQ(test::rows_of(part), (test::PartRows{0, 0, 1, 2}));
  ASSERT_EQ(part.columns.size(), 4u);
  EXPECT_EQ(part.columns[0].label, "Province");
  EXPECT_EQ(part.columns[0].group, "");
}

TEST(TableLayout, NumberingRowUnderHeaderIsNotALabel) {
  std::optional<TableLayout> layout = test::lay_out_one_part(
      "STT\tTên đơn vị\tSố phòng\n"
      "(1)\t(2)\t(3)\n"
      "1\tSở Y tế\t2\n",
      "numbered.tsv");
  ASSERT_TRUE(layout);
  const TablePart& part = layout->parts[0];
  EXPECT_EQ(part.columns[2].label, "Số phòng");
  EXPECT_EQ(part.columns[2].group, "");
  EXPECT_EQ(part.data_row_first, 2);
}

TEST(TableLayout, NoHeaderOrNoDataIsAnError) {
  auto only_header = read_document_bytes("STT\tTên đơn vị\tGhi chú\n", "header.tsv");
  ASSERT_TRUE(only_header.ok());
  auto layout = lay_out(*only_header);
  ASSERT_FALSE(layout.ok());
  EXPECT_NE(layout.error().message.find("header.tsv"), std::string::npos);
  EXPECT_NE(layout.error().message.find("no table"), std::string::npos);

  auto only_data = read_document_bytes("1\tSở Y tế\t2\t3\n2\tSở Tư pháp\t4\t5\n", "data.tsv");
  ASSERT_TRUE(only_data.ok());
  EXPECT_FALSE(lay_out(*only_data).ok());
}

}  // namespace
}  // namespace chiso
