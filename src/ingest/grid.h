// Grid: the cells of one table (a DOCX table, an XLSX sheet, a block of a text
// file) as text, with merged ranges. Cells are kept in one arena so that a
// national table of 1.2 million rows fits in a few hundred MB.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
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
  int col_count(int row) const;
  // "" when out of range. The view lives as long as the Grid.
  std::string_view cell(int row, int col) const;
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
  bool is_numeric(int row, int col) const;
  // REQUIRES: the cell exists (row < row_count(), col < col_count(row)).
  void set_numeric(int row, int col);
  // Capacity hints for readers that know the input size.
  void reserve(std::size_t text_bytes, std::size_t cells, std::size_t rows);
  // Total bytes of cell text (for limits and memory accounting).
  std::size_t text_bytes() const { return arena_size_; }

  Grid() = default;
  Grid(Grid&&) noexcept = default;
  Grid& operator=(Grid&&) noexcept = default;
  Grid(const Grid& other);
  Grid& operator=(const Grid& other);

 private:
  // Cell text, back to back. A plain buffer, not a std::string: growing it
  // must not zero-fill hundreds of MB that are overwritten at once.
  std::unique_ptr<char[]> arena_;
  std::size_t arena_size_ = 0;
  std::size_t arena_capacity_ = 0;
  std::vector<std::uint64_t> cells_;   // offset << 24 | length
  std::vector<std::uint32_t> row_begin_;
  std::vector<bool> numeric_;          // parallel to cells_; empty when none
};

}  // namespace chiso
