// Grid: cells in one arena.
#include "ingest/grid.h"

#include <cassert>

namespace chiso {
namespace {
constexpr std::uint64_t kLengthBits = 24;
constexpr std::uint64_t kLengthMask = (1ull << kLengthBits) - 1;
}  // namespace

int Grid::col_count(int row) const {
  if (row < 0 || row >= row_count()) return 0;
  const auto r = static_cast<size_t>(row);
  const size_t end = r + 1 < row_begin_.size() ? row_begin_[r + 1] : cells_.size();
  return static_cast<int>(end - row_begin_[r]);
}

std::string_view Grid::cell(int row, int col) const {
  if (col < 0 || col >= col_count(row)) return {};
  const std::uint64_t packed = cells_[row_begin_[static_cast<size_t>(row)] + static_cast<size_t>(col)];
  return std::string_view(arena_).substr(packed >> kLengthBits, packed & kLengthMask);
}

void Grid::add_row(std::span<const std::string_view> cells) {
  assert(cells_.size() < UINT32_MAX && "Grid: too many cells");
  row_begin_.push_back(static_cast<std::uint32_t>(cells_.size()));
  for (std::string_view text : cells) {
    assert(text.size() <= kLengthMask && "Grid: cell too long");
    const std::uint64_t offset = arena_.size();
    arena_.append(text);
    cells_.push_back(offset << kLengthBits | text.size());
  }
  if (!numeric_.empty()) numeric_.resize(cells_.size(), false);
}

void Grid::add_row(const std::vector<std::string>& cells) {
  std::vector<std::string_view> views(cells.begin(), cells.end());
  add_row(std::span<const std::string_view>(views));
}

bool Grid::is_numeric(int row, int col) const {
  if (numeric_.empty() || col < 0 || col >= col_count(row)) return false;
  return numeric_[row_begin_[static_cast<size_t>(row)] + static_cast<size_t>(col)];
}

void Grid::set_numeric(int row, int col) {
  assert(col >= 0 && col < col_count(row));
  if (numeric_.size() < cells_.size()) numeric_.resize(cells_.size(), false);
  numeric_[row_begin_[static_cast<size_t>(row)] + static_cast<size_t>(col)] = true;
}

}  // namespace chiso
