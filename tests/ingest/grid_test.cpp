// Tests of Grid: the arena, ragged rows, numeric flags.
#include "ingest/grid.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace chiso {
namespace {

TEST(Grid, RaggedRowsAndOutOfRange) {
  Grid grid;
  grid.add_row(std::vector<std::string>{"1", "Sở Y tế", "89"});
  grid.add_row(std::vector<std::string>{});
  grid.add_row(std::vector<std::string>{"Ghi chú"});
  EXPECT_EQ(grid.row_count(), 3);
  EXPECT_EQ(grid.col_count(0), 3);
  EXPECT_EQ(grid.col_count(1), 0);
  EXPECT_EQ(grid.col_count(2), 1);
  EXPECT_EQ(grid.col_count(3), 0);
  EXPECT_EQ(grid.col_count(-1), 0);
  EXPECT_EQ(grid.cell(0, 1), "Sở Y tế");
  EXPECT_EQ(grid.cell(2, 0), "Ghi chú");
  EXPECT_EQ(grid.cell(1, 0), "");
  EXPECT_EQ(grid.cell(0, 3), "");
  EXPECT_EQ(grid.cell(5, 0), "");
  EXPECT_EQ(grid.source_row(2), 3);
  grid.source_rows = {6, 7, 9};
  EXPECT_EQ(grid.source_row(2), 9);
}

TEST(Grid, ViewsSurviveLaterRows) {
  Grid grid;
  std::vector<std::string_view> cells = {"a", "b"};
  grid.add_row(std::span<const std::string_view>(cells));
  for (int idx = 0; idx < 10000; ++idx) grid.add_row(std::vector<std::string>{"xxxxxxxxxx", "y"});
  EXPECT_EQ(grid.cell(0, 1), "b");
  EXPECT_EQ(grid.cell(10000, 0), "xxxxxxxxxx");
}

TEST(Grid, NumericFlags) {
  Grid grid;
  grid.add_row(std::vector<std::string>{"1", "Sở Y tế", "1.045"});
  grid.add_row(std::vector<std::string>{"2", "Sở Tư pháp", "5"});
  EXPECT_FALSE(grid.is_numeric(0, 2));
  grid.set_numeric(0, 2);
  EXPECT_TRUE(grid.is_numeric(0, 2));
  EXPECT_FALSE(grid.is_numeric(1, 2));
  EXPECT_FALSE(grid.is_numeric(0, 1));
  EXPECT_FALSE(grid.is_numeric(7, 7));
  grid.add_row(std::vector<std::string>{"3"});
  EXPECT_FALSE(grid.is_numeric(2, 0));
  EXPECT_TRUE(grid.is_numeric(0, 2));
}

// Rows built from a source text (as the delimited reader does) read the same
// as rows copied cell by cell, and copied cells can follow source cells.
TEST(Grid, SourceTextCellsReadLikeCopiedCells) {
  const std::string text = "1\tSở Y tế\t89\n2\tSở Tư pháp\t7";
  Grid from_source;
  from_source.set_source_text(text, 0, 1, 1);  // hints too small: it grows
  from_source.begin_row();
  from_source.add_source_cell(0, 1);
  from_source.add_source_cell(2, std::string("Sở Y tế").size());
  from_source.add_cell("89 (copied)");
  from_source.begin_row();
  from_source.begin_row();
  const size_t second = text.find('2');
  from_source.add_source_cell(second, 1);
  from_source.add_cell(std::string(5000, 'x'));  // grows the arena
  from_source.add_source_cell(text.size() - 1, 1);
  from_source.add_source_cell(text.size(), 0);

  Grid copied;
  copied.add_row(std::vector<std::string>{"1", "Sở Y tế", "89 (copied)"});
  copied.add_row(std::vector<std::string>{});
  copied.add_row(std::vector<std::string>{"2", std::string(5000, 'x'), "7", ""});
  ASSERT_EQ(from_source.row_count(), copied.row_count());
  for (int row = 0; row < copied.row_count(); ++row) {
    ASSERT_EQ(from_source.col_count(row), copied.col_count(row)) << row;
    for (int col = 0; col < copied.col_count(row); ++col) {
      EXPECT_EQ(from_source.cell(row, col), copied.cell(row, col)) << row << "," << col;
      EXPECT_FALSE(from_source.is_numeric(row, col));
    }
  }
  const Grid copy = from_source;
  EXPECT_EQ(copy.cell(0, 1), "Sở Y tế");
  EXPECT_EQ(copy.cell(2, 2), "7");
}

}  // namespace
}  // namespace chiso
