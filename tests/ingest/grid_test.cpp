// Tests of Grid: the arena, ragged rows, numeric flags.
#include "ingest/grid.h"

#include <gtest/gtest.h>

#include <string>
#include <utility>
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

// A cell 4 KiB or longer, or one far from the row's first cell in the
// text (copied to the arena among cells of a large source), takes the wide
// form for its row; every cell still reads back as it was given, numeric
// flags set before included.
TEST(Grid, LongAndFarCellsReadBackLikeShortOnes) {
  std::string text = "a\tb\n";
  text += std::string(2 << 20, 'z');  // 2 MiB of source after the first line
  text += "\tc";
  Grid grid;
  grid.set_source_text(text, 0, 4, 4);
  // Row 0: short cells, then one of 4 KiB, copied.
  grid.begin_row();
  grid.add_source_cell(0, 1);
  grid.add_source_cell(2, 1);
  grid.set_numeric(0, 1);
  const std::string long_cell(4096, 'L');
  grid.add_cell(long_cell);
  // Row 1: a cell of the source 2 MiB after the row's first one.
  grid.begin_row();
  grid.add_source_cell(0, 1);
  grid.add_source_cell(text.size() - 1, 1);
  // Row 2: a cell before the row's first one in the text.
  grid.begin_row();
  grid.add_source_cell(2, 1);
  grid.add_source_cell(0, 1);
  // Row 3: short cells only, after the wide rows.
  grid.add_row(std::vector<std::string>{"x", std::string(4095, 'y')});

  ASSERT_EQ(grid.row_count(), 4);
  EXPECT_EQ(grid.col_count(0), 3);
  EXPECT_EQ(grid.cell(0, 0), "a");
  EXPECT_EQ(grid.cell(0, 1), "b");
  EXPECT_TRUE(grid.is_numeric(0, 1));
  EXPECT_FALSE(grid.is_numeric(0, 0));
  EXPECT_FALSE(grid.is_numeric(0, 2));
  EXPECT_EQ(grid.cell(0, 2), long_cell);
  EXPECT_EQ(grid.cell(0, 3), "");
  EXPECT_EQ(grid.col_count(1), 2);
  EXPECT_EQ(grid.cell(1, 0), "a");
  EXPECT_EQ(grid.cell(1, 1), "c");
  EXPECT_EQ(grid.col_count(2), 2);
  EXPECT_EQ(grid.cell(2, 0), "b");
  EXPECT_EQ(grid.cell(2, 1), "a");
  EXPECT_EQ(grid.col_count(3), 2);
  EXPECT_EQ(grid.cell(3, 0), "x");
  EXPECT_EQ(grid.cell(3, 1), std::string(4095, 'y'));
  grid.set_numeric(2, 1);
  EXPECT_TRUE(grid.is_numeric(2, 1));
  EXPECT_FALSE(grid.is_numeric(2, 0));
  const Grid copy = grid;
  EXPECT_EQ(copy.cell(0, 2), long_cell);
  EXPECT_EQ(copy.cell(1, 1), "c");
  EXPECT_TRUE(copy.is_numeric(0, 1));

  // Whole rows at once read the same as cell by cell, near or far.
  const std::vector<std::pair<std::size_t, std::size_t>> near = {{0, 1}, {2, 1}, {4, 0}};
  const std::vector<std::pair<std::size_t, std::size_t>> far = {{0, 1}, {text.size() - 1, 1}, {2, 1}};
  for (const auto* cells : {&near, &far}) {
    grid.add_source_row(cells->size(), [cells](std::size_t idx) { return (*cells)[idx]; });
    const int row = grid.row_count() - 1;
    ASSERT_EQ(grid.col_count(row), static_cast<int>(cells->size()));
    for (std::size_t col = 0; col < cells->size(); ++col) {
      EXPECT_EQ(grid.cell(row, static_cast<int>(col)), std::string_view(text).substr((*cells)[col].first, (*cells)[col].second))
          << row << "," << col;
    }
  }
  grid.add_source_row(0, [](std::size_t) { return std::pair<std::size_t, std::size_t>{0, 0}; });
  EXPECT_EQ(grid.col_count(grid.row_count() - 1), 0);
}

}  // namespace
}  // namespace chiso
