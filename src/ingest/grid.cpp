// Grid: cells in one arena.
#include "ingest/grid.h"

#include <algorithm>
#include <cassert>
#include <cstring>

#include "common/memory.h"

namespace chiso {

Grid::Grid(const Grid& other)
    : name(other.name),
      source_idx(other.source_idx),
      source_rows(other.source_rows),
      merges(other.merges),
      source_(other.source_),
      source_size_(other.source_size_),
      source_keep_(other.source_keep_),
      cells_(other.cells_),
      row_begin_(other.row_begin_),
      row_base_(other.row_base_),
      numeric_(other.numeric_) {
  reserve(other.arena_size_, 0, 0);
  if (other.arena_size_ > 0) std::memcpy(arena_.get(), other.arena_.get(), other.arena_size_);
  arena_size_ = other.arena_size_;
}

Grid& Grid::operator=(const Grid& other) {
  if (this != &other) {
    Grid copy(other);
    *this = std::move(copy);
  }
  return *this;
}

void Grid::reserve(std::size_t text_bytes, std::size_t cells, std::size_t rows) {
  if (text_bytes > arena_capacity_) {
    std::unique_ptr<char[]> grown(new char[text_bytes]);
    memory::prefer_huge_pages(grown.get(), text_bytes);
    if (arena_size_ > 0) std::memcpy(grown.get(), arena_.get(), arena_size_);
    arena_ = std::move(grown);
    arena_capacity_ = text_bytes;
  }
  if (cells > cells_.capacity()) {
    cells_.reserve(cells);
    memory::prefer_huge_pages(cells_.data(), cells_.capacity() * sizeof(cells_[0]));
  }
  row_begin_.reserve(rows);
  row_base_.reserve(rows);
}

void Grid::add_row(std::span<const std::string_view> cells) {
  assert(cells_.size() + cells.size() < UINT32_MAX && "Grid: too many cells");
  begin_row();
  size_t total = 0;
  for (std::string_view text : cells) total += text.size();
  if (arena_size_ + total > arena_capacity_) {
    reserve(std::max<std::size_t>({arena_capacity_ * 2, arena_size_ + total, 4096}), 0, 0);
  }
  // Plain copies: rows of short cells are the common case (1.2 million of
  // them in a national table).
  std::uint64_t offset = source_size_ + arena_size_;
  char* out = arena_.get() + arena_size_;
  for (std::string_view text : cells) {
    assert(text.size() <= kLengthMask && "Grid: cell too long");
    if (text.size() <= 16) {
      for (size_t idx = 0; idx < text.size(); ++idx) out[idx] = text[idx];
    } else {
      std::memcpy(out, text.data(), text.size());
    }
    push_cell(offset, text.size());
    out += text.size();
    offset += text.size();
  }
  arena_size_ = offset - source_size_;
}

void Grid::push_cell_slow(std::uint64_t offset, std::size_t length) {
  std::uint64_t& base = row_base_.back();
  if (cells_.size() == row_begin_.back()) base = offset;  // the row's first cell
  if ((base & kWideRow) == 0) {
    if (fits_narrow(offset - base, length)) {
      push_narrow(offset - base, length);
      return;
    }
    widen_last_row();
  }
  push_wide(offset << kLengthBits | length);
}

void Grid::widen_last_row() {
  const std::size_t first = row_begin_.back();
  std::uint64_t& base = row_base_.back();
  std::vector<std::uint64_t> packed;
  std::vector<bool> numeric;
  packed.reserve(cells_.size() - first);
  for (std::size_t slot = first; slot < cells_.size(); ++slot) {
    const std::uint64_t offset = base + (cells_[slot] >> kNarrowLengthBits);
    packed.push_back(offset << kLengthBits | (cells_[slot] & kNarrowLengthMask));
    numeric.push_back(!numeric_.empty() && numeric_[slot]);
  }
  cells_.resize(first);
  if (!numeric_.empty()) numeric_.resize(first);
  base = kWideRow;
  for (const std::uint64_t cell : packed) push_wide(cell);
  for (std::size_t cell_idx = 0; cell_idx < packed.size(); ++cell_idx) {
    if (!numeric[cell_idx]) continue;
    if (numeric_.size() < cells_.size()) numeric_.resize(cells_.size(), false);
    numeric_[first + 2 * cell_idx] = true;
  }
}

void Grid::set_source_text(std::string_view text, std::size_t extra_bytes, std::size_t cells,
                           std::size_t rows, std::shared_ptr<const void> keep) {
  assert(row_count() == 0 && arena_size_ == 0 && source_ == nullptr &&
         "Grid: source text on a filled grid");
  if (keep) {
    source_ = text.data();
    source_size_ = text.size();
    source_keep_ = std::move(keep);
    reserve(extra_bytes, cells, rows);
    return;
  }
  reserve(text.size() + extra_bytes, cells, rows);
  if (!text.empty()) std::memcpy(arena_.get(), text.data(), text.size());
  arena_size_ = text.size();
}

void Grid::add_cell(std::string_view text) {
  if (arena_size_ + text.size() > arena_capacity_) {
    reserve(std::max<std::size_t>({arena_capacity_ * 2, arena_size_ + text.size(), 4096}), 0, 0);
  }
  if (!text.empty()) std::memcpy(arena_.get() + arena_size_, text.data(), text.size());
  push_cell(source_size_ + arena_size_, text.size());
  arena_size_ += text.size();
}

void Grid::add_row(const std::vector<std::string>& cells) {
  std::vector<std::string_view> views(cells.begin(), cells.end());
  add_row(std::span<const std::string_view>(views));
}

void Grid::set_numeric(int row, int col) {
  assert(col >= 0 && col < col_count(row));
  if (numeric_.size() < cells_.size()) numeric_.resize(cells_.size(), false);
  numeric_[first_slot(row, col)] = true;
}

}  // namespace chiso
