// The compact form of unit rows in the store (docs/storage.md, "row_block").
// Rows are kept in blocks of up to rows_per_block rows of one submission, one
// database row per block (schema 1; read now only to migrate a schema-1
// database, store/migrate_v1.cpp).
//
//   texts  TEXT, per row: the raw name, then the raw text of every value,
//          fields separated by U+001F, rows by U+001E. U+001B, U+001E and
//          U+001F inside a text are escaped as U+001B followed by the byte.
//          A raw text that the blob can rebuild (see "elided") is left empty.
//   rows   BLOB, format 1, per row:
//            zigzag varint row_number, varint unit_id (0 = not matched),
//            zigzag varint name table_idx, row_idx, col_idx,
//            varint value count, then per value:
//              tag byte: bits 0-2 ValueState; bits 3-4 number encoding
//                (0 none, 1 zigzag varint integer, 2 float64 little-endian);
//                bit 5 "elided": the raw text is the canonical one ("" for
//                blank, "x" for yes, "0" for no, the integer's decimal digits);
//                bit 6 "follows": the cell is in the row's table and line,
//                one column right of the previous cell (or of the name)
//              the number, when encoded
//              unless "follows": zigzag varint table_idx - row's table_idx,
//                zigzag varint row_idx - row's row_idx, zigzag varint col_idx
// A count typed "774" in the next column takes 3 bytes and no text.
//
// Both are plain bytes: the same in SQLite or in PostgreSQL (text/bytea).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "common/model.h"

namespace chiso::store_detail {

// Rows per block: large enough that the per-insert cost vanishes, small
// enough that a block (~100 bytes a row) stays a few tens of kilobytes.
inline constexpr std::size_t rows_per_block = 256;

// A unit row as stored: the row (period left empty) and its unit's id.
struct StoredRow {
  UnitRow row;
  std::int64_t unit_id = 0;
};

class BlockEncoder {
 public:
  // Appends a row. `unit_id` 0 = the name matched no registered unit.
  void add(const UnitRow& row, std::int64_t unit_id);
  std::size_t row_count() const { return row_count_; }
  const std::string& texts() const { return texts_; }
  const std::string& blob() const { return blob_; }
  void clear();

 private:
  std::size_t row_count_ = 0;
  std::string texts_;
  std::string blob_;
};

// Decodes a block, appending `row_count` rows to `rows`. False when the
// block is malformed (a damaged database); `rows` may then hold a partial
// block.
bool decode_block(std::string_view texts, std::string_view blob, std::size_t row_count,
                  std::vector<StoredRow>& rows);

}  // namespace chiso::store_detail
