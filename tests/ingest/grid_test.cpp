// Tests of Grid: the arena, ragged rows, numeric flags.
#include "ingest/grid.h"

#include <gtest/gtest.h>

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

}  // namespace
}  // namespace chiso
