// XLSX and DOCX versions of the seed, written by real writers (openpyxl,
// python-docx via make_fixtures.py), must read as the TSV does.
#include <gtest/gtest.h>

#include <charconv>

#include "common/number.h"
#include "common/text.h"
#include "ingest/document.h"
#include "ingest/table_layout.h"
#include "ingest_test_util.h"

namespace chiso {

void expect_seed_layout(const Document& doc, const TableLayout& layout, int extra_columns);

namespace {

double plain_number(std::string_view s) {
  double value = -1e300;
  std::from_chars(s.data(), s.data() + s.size(), value);
  return value;
}

// Every data cell of `doc` equals the TSV's: text as typed; a true number
// (XLSX) equals number::parse of the TSV text.
void expect_same_data_as_tsv(const Document& doc, const TableLayout& layout) {
  auto tsv = read_document(testing::seed_path());
  ASSERT_TRUE(tsv.ok());
  auto tsv_layout = lay_out(*tsv);
  ASSERT_TRUE(tsv_layout.ok());
  const Grid& tsv_grid = tsv->grids[0];
  for (size_t part_idx = 0; part_idx < 2; ++part_idx) {
    const TablePart& part = layout.parts[part_idx];
    const TablePart& tsv_part = tsv_layout->parts[part_idx];
    const Grid& grid = doc.grids[static_cast<size_t>(part.grid_idx)];
    ASSERT_EQ(part.data_row_last - part.data_row_first, tsv_part.data_row_last - tsv_part.data_row_first);
    for (int offset = 0; offset <= part.data_row_last - part.data_row_first; ++offset) {
      const int row = part.data_row_first + offset;
      const int tsv_row = tsv_part.data_row_first + offset;
      for (int col = 0; col < 17; ++col) {
        const std::string_view want = tsv_grid.cell(tsv_row, col);
        const std::string_view got = grid.cell(row, col);
        if (grid.is_numeric(row, col)) {
          auto expected = number::parse(want);
          ASSERT_TRUE(expected.has_value()) << "numeric cell where the TSV has " << want;
          EXPECT_DOUBLE_EQ(plain_number(got), *expected) << "row " << row << " col " << col;
        } else {
          EXPECT_EQ(got, want) << "row " << row << " col " << col;
        }
      }
    }
  }
}

class OoxmlReader : public ::testing::Test {
 protected:
  void SetUp() override { ASSERT_TRUE(testing::make_fixtures()) << "make_fixtures.py failed"; }
};

TEST_F(OoxmlReader, XlsxTableOnTheSecondSheet) {
  auto doc = read_document(testing::fixtures_dir() + "/seed.xlsx");
  ASSERT_TRUE(doc.ok()) << doc.error().message;
  EXPECT_EQ(doc->format, "xlsx");
  ASSERT_EQ(doc->grids.size(), 2u);
  EXPECT_EQ(doc->grids[0].name, "Hướng dẫn");
  EXPECT_EQ(doc->grids[1].name, "Phụ lục 2");
  EXPECT_EQ(doc->grids[1].source_idx, 2);
  auto layout = lay_out(*doc);
  ASSERT_TRUE(layout.ok()) << layout.error().message;
  expect_seed_layout(*doc, *layout, 0);
  EXPECT_EQ(layout->parts[0].grid_idx, 1);
  EXPECT_EQ(layout->parts[1].grid_idx, 1);
  expect_same_data_as_tsv(*doc, *layout);

  // Spot checks: sheet rows are 1-based in CellPos. Titles on rows 1–2, a
  // blank row, the two header rows 4–5, STT 1 on row 6.
  const Grid& grid = doc->grids[1];
  const TablePart& p1 = layout->parts[0];
  EXPECT_EQ(grid.source_row(p1.header_row_first), 4);
  EXPECT_EQ(grid.source_row(p1.data_row_first), 6);
  EXPECT_EQ(grid.cell(5, 2), "66");
  EXPECT_TRUE(grid.is_numeric(5, 2));
  EXPECT_EQ(grid.cell(5, 3), "1.5");       // stored as the number 1.5
  EXPECT_EQ(grid.cell(8, 6), "74.05");     // stored as 0.7405 shown as 74,05 %
  EXPECT_TRUE(grid.is_numeric(8, 6));
  EXPECT_EQ(grid.cell(5, 11), "x");        // marks are text
  EXPECT_FALSE(grid.is_numeric(5, 11));
  // A merged group cell: text in its top-left cell, a Merge over C4:D4.
  bool found = false;
  for (const Merge& m : grid.merges) {
    if (m.row == 3 && m.col == 2) {
      found = true;
      EXPECT_EQ(m.col_span, 2);
      EXPECT_EQ(m.row_span, 1);
    }
  }
  EXPECT_TRUE(found);
}

TEST_F(OoxmlReader, DocxTwoTablesWithMergedHeaders) {
  auto doc = read_document(testing::fixtures_dir() + "/seed.docx");
  ASSERT_TRUE(doc.ok()) << doc.error().message;
  EXPECT_EQ(doc->format, "docx");
  ASSERT_EQ(doc->grids.size(), 2u);
  EXPECT_EQ(doc->grids[0].row_count(), 16);  // 2 header rows + 14 units
  EXPECT_EQ(doc->grids[1].row_count(), 17);  // 1 header row + 16 units
  auto layout = lay_out(*doc);
  ASSERT_TRUE(layout.ok()) << layout.error().message;
  expect_seed_layout(*doc, *layout, 0);
  EXPECT_EQ(layout->parts[0].grid_idx, 0);
  EXPECT_EQ(layout->parts[1].grid_idx, 1);
  expect_same_data_as_tsv(*doc, *layout);
  // vMerge: "ST T" spans the two header rows; gridSpan: the online group 5 columns.
  const Grid& grid = doc->grids[0];
  bool stt = false, online = false;
  for (const Merge& m : grid.merges) {
    if (m.row == 0 && m.col == 0) stt = m.row_span == 2 && m.col_span == 1;
    if (m.row == 0 && m.col == 4) online = m.row_span == 1 && m.col_span == 5;
  }
  EXPECT_TRUE(stt);
  EXPECT_TRUE(online);
  EXPECT_EQ(grid.cell(0, 4), "Thực hiện dịch vụ hành chính công trực tuyến");
  EXPECT_EQ(grid.cell(0, 5), "");
  EXPECT_EQ(grid.cell(1, 0), "");
}

TEST_F(OoxmlReader, FormatIsFoundFromContentNotName) {
  const std::string bytes = testing::read_bytes(testing::fixtures_dir() + "/seed.docx");
  auto doc = read_document_bytes(bytes, "báo cáo.txt");
  ASSERT_TRUE(doc.ok()) << doc.error().message;
  EXPECT_EQ(doc->format, "docx");
  EXPECT_EQ(doc->path, "báo cáo.txt");
}

}  // namespace
}  // namespace chiso
