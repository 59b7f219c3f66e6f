// Grid: the cells of one table (a DOCX table, an XLSX sheet, a block of a text
// file) as text, with merged ranges. Cells are kept in one arena so that a
// national table of 1.2 million rows fits in a few hundred MB, and each cell
// is 4 bytes (its place in its row's text, its length) in the usual case:
// a national history has 20 million cells, and every byte of memory first
// touched costs time (common/memory.h).
#pragma once

#include <cassert>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace chiso {

// A merged range, 0-based, top-left cell holds the text; the others are "".
struct Merge {
  int row = 0;
  int col = 0;
  int row_span = 1;
  int col_span = 1;
};

class Grid {
 public:
  std::string name;   // sheet name, "Bảng 2", or "" for a text file
  int source_idx = 0; // 1-based table/sheet number in the file (CellPos::table_idx)
  // For text files the 1-based line number of each row (CellPos::row_idx);
  // empty means row i is line/row i+1 of the sheet/table.
  std::vector<int> source_rows;
  std::vector<Merge> merges;

  int row_count() const { return static_cast<int>(row_begin_.size()); }
  int col_count(int row) const {
    if (row < 0 || row >= row_count()) return 0;
    const auto r = static_cast<std::size_t>(row);
    const std::size_t end = r + 1 < row_begin_.size() ? row_begin_[r + 1] : cells_.size();
    const std::size_t slots = end - row_begin_[r];
    return static_cast<int>(row_base_[r] & kWideRow ? slots / 2 : slots);
  }
  // "" when out of range. The view lives as long as the Grid.
  // (Inline: a national table asks for 20 million cells.)
  std::string_view cell(int row, int col) const {
    if (col < 0 || col >= col_count(row)) return {};
    const auto r = static_cast<std::size_t>(row);
    const std::uint64_t base = row_base_[r];
    std::uint64_t offset = 0;
    std::uint64_t length = 0;
    if ((base & kWideRow) == 0) {
      const std::uint32_t slot = cells_[row_begin_[r] + static_cast<std::size_t>(col)];
      offset = base + (slot >> kNarrowLengthBits);
      length = slot & kNarrowLengthMask;
    } else {
      const std::size_t at = row_begin_[r] + 2 * static_cast<std::size_t>(col);
      const std::uint64_t packed = cells_[at] | std::uint64_t{cells_[at + 1]} << 32;
      offset = packed >> kLengthBits;
      length = packed & kLengthMask;
    }
    const char* text = offset < source_size_ ? source_ + offset : arena_.get() + (offset - source_size_);
    return std::string_view(text, length);
  }
  // 1-based row number in the source for CellPos.
  int source_row(int row) const {
    return source_rows.empty() ? row + 1 : source_rows[static_cast<size_t>(row)];
  }

  // Copies the cells (already trimmed of the line ending, NFC) into the arena.
  // REQUIRES: each cell shorter than 16 MiB (readers enforce
  // limits::cell_bytes_max, far below).
  void add_row(std::span<const std::string_view> cells);
  void add_row(const std::vector<std::string>& cells);

  // True when the cell held a true number in the source (an XLSX cell of
  // numeric type), not typed text. Its text is then the number's plain
  // machine form with a dot decimal ("74.05", "1045"), which
  // number::parse would misread when it has exactly 3 decimals ("1.045"):
  // bind such cells with std::from_chars / strtod instead. Always false for
  // text and DOCX files, where every cell is typed text.
  bool is_numeric(int row, int col) const {
    if (numeric_.empty() || col < 0 || col >= col_count(row)) return false;
    return numeric_[first_slot(row, col)];
  }
  // REQUIRES: the cell exists (row < row_count(), col < col_count(row)).
  void set_numeric(int row, int col);
  // Rows built from one text without copying each cell (delimited files):
  // set_source_text takes the whole text, either in place, when `keep` keeps
  // it alive (a mapped file: shared by the copies of this grid), or as one
  // copy into the arena; then each row is begin_row() and its cells in
  // order, add_source_cell() for a slice of that text, add_cell() for any
  // other text (copied into the arena).
  // REQUIRES for set_source_text: an empty grid; `extra_bytes`, `cells`,
  // `rows` are capacity hints as for reserve(). REQUIRES for add_source_cell:
  // the slice lies inside the source text, is NFC and shorter than 16 MiB.
  void set_source_text(std::string_view text, std::size_t extra_bytes, std::size_t cells,
                       std::size_t rows, std::shared_ptr<const void> keep = {});
  void begin_row() {
    row_begin_.push_back(static_cast<std::uint32_t>(cells_.size()));
    row_base_.push_back(0);
  }
  void add_source_cell(std::size_t offset, std::size_t length) {
    assert(offset + length <= (source_ != nullptr ? source_size_ : arena_size_) &&
           "Grid: source cell outside the text");
    push_cell(offset, length);
  }
  void add_cell(std::string_view text);
  // A whole row of slices of the source text at once (the delimited
  // reader's usual row): begin_row(), then `count` cells, cell i at
  // cell_at(i) = {offset, length}, with one capacity check for the row.
  // REQUIRES: as for add_source_cell, for each cell.
  template <class CellAt>
  void add_source_row(std::size_t count, CellAt cell_at) {
    begin_row();
    if (count == 0) return;
    const std::uint64_t base = cell_at(0).first;
    bool narrow = numeric_.empty();
    for (std::size_t cell_idx = 0; cell_idx < count; ++cell_idx) {
      const auto [offset, length] = cell_at(cell_idx);
      narrow = narrow && fits_narrow(offset - base, length);
    }
    if (!narrow) {
      for (std::size_t cell_idx = 0; cell_idx < count; ++cell_idx) {
        const auto [offset, length] = cell_at(cell_idx);
        add_source_cell(offset, length);
      }
      return;
    }
    row_base_.back() = base;
    const std::size_t first = cells_.size();
    cells_.resize(first + count);
    std::uint32_t* out = cells_.data() + first;
    for (std::size_t cell_idx = 0; cell_idx < count; ++cell_idx) {
      const auto [offset, length] = cell_at(cell_idx);
      out[cell_idx] = narrow_slot(offset - base, length);
    }
  }

  // Capacity hints for readers that know the input size.
  void reserve(std::size_t text_bytes, std::size_t cells, std::size_t rows);
  // Bytes of cell text: the arena's, and all of the source text when
  // set_source_text was used (for memory accounting).
  std::size_t text_bytes() const { return source_size_ + arena_size_; }

  Grid() = default;
  Grid(Grid&&) noexcept = default;
  Grid& operator=(Grid&&) noexcept = default;
  Grid(const Grid& other);
  Grid& operator=(const Grid& other);

 private:
  // A cell of a narrow row is one slot: its offset from the row's base (its
  // first cell's offset) << 12 | its length. A row with a cell that does not
  // fit (4 KiB or longer, or 1 MiB or more from the first: a cell copied to
  // the arena among cells of the source text) is wide: two slots per cell,
  // the low and high halves of offset << 24 | length.
  static constexpr std::uint32_t kNarrowLengthBits = 12;
  static constexpr std::uint32_t kNarrowLengthMask = (std::uint32_t{1} << kNarrowLengthBits) - 1;
  static constexpr std::uint64_t kNarrowOffsetEnd = std::uint64_t{1} << (32 - kNarrowLengthBits);
  static constexpr std::uint64_t kLengthBits = 24;
  static constexpr std::uint64_t kLengthMask = (std::uint64_t{1} << kLengthBits) - 1;
  static constexpr std::uint64_t kWideRow = std::uint64_t{1} << 63;  // in row_base_

  // `relative`: the cell's offset less its row's base (wrapped when below it).
  static bool fits_narrow(std::uint64_t relative, std::size_t length) {
    return relative < kNarrowOffsetEnd && length <= kNarrowLengthMask;
  }
  static std::uint32_t narrow_slot(std::uint64_t relative, std::size_t length) {
    return static_cast<std::uint32_t>(relative << kNarrowLengthBits | length);
  }
  void push_narrow(std::uint64_t relative, std::size_t length) {
    cells_.push_back(narrow_slot(relative, length));
    if (!numeric_.empty()) [[unlikely]] numeric_.push_back(false);
  }
  std::size_t first_slot(int row, int col) const {
    const auto r = static_cast<std::size_t>(row);
    return row_begin_[r] + (row_base_[r] & kWideRow ? 2 : 1) * static_cast<std::size_t>(col);
  }
  void push_cell(std::uint64_t offset, std::size_t length) {
    assert(length <= kLengthMask && "Grid: cell too long");
    assert(cells_.size() + 2 < UINT32_MAX && "Grid: too many cells");
    assert(!row_begin_.empty() && "Grid: a cell before begin_row()");
    // The usual case, inline: not the row's first cell, and it fits. (In a
    // wide row the difference wraps past kNarrowOffsetEnd: kWideRow is 2^63.)
    if (cells_.size() != row_begin_.back()) [[likely]] {
      const std::uint64_t relative = offset - row_base_.back();
      if (fits_narrow(relative, length)) [[likely]] {
        push_narrow(relative, length);
        return;
      }
    }
    push_cell_slow(offset, length);
  }
  // The row's first cell, a cell that does not fit, a wide row's cell.
  void push_cell_slow(std::uint64_t offset, std::size_t length);
  void push_wide(std::uint64_t packed) {
    cells_.push_back(static_cast<std::uint32_t>(packed));
    cells_.push_back(static_cast<std::uint32_t>(packed >> 32));
    if (!numeric_.empty()) numeric_.resize(cells_.size(), false);
  }
  // Rewrites the last row's cells in the wide form.
  void widen_last_row();

  // A cell's offset below source_size_ is into the source text kept in
  // place (set_source_text with `keep`); any other is source_size_ plus its
  // offset into the arena. Without such a text source_size_ is 0.
  const char* source_ = nullptr;
  std::size_t source_size_ = 0;
  std::shared_ptr<const void> source_keep_;
  // Cell text, back to back. A plain buffer, not a std::string: growing it
  // must not zero-fill hundreds of MB that are overwritten at once.
  std::unique_ptr<char[]> arena_;
  std::size_t arena_size_ = 0;
  std::size_t arena_capacity_ = 0;
  std::vector<std::uint32_t> cells_;     // slots, row after row (see push_cell)
  std::vector<std::uint32_t> row_begin_;  // each row's first slot
  std::vector<std::uint64_t> row_base_;   // each row's first cell's offset; kWideRow
  std::vector<bool> numeric_;            // by slot (a cell's first); empty when none
};

}  // namespace chiso
