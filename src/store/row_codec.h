// The compact form of one unit row's values in the store (docs/storage.md,
// "unit_row"): not one database row per value, but two columns per unit row.
//
//   raw_texts      TEXT: the raw cell texts in indicator order, joined with
//                  U+001F (unit separator). A raw text holding U+001F or
//                  U+001B has it escaped as U+001B followed by the byte.
//   parsed_values  BLOB, format 1:
//                  varint count, then per value:
//                    tag byte: bits 0-2 ValueState, bits 3-4 number encoding
//                      (0 none, 1 zigzag varint integer, 2 float64 little-endian)
//                    the number, when encoded
//                    zigzag varint table_idx - row.table_idx
//                    zigzag varint row_idx   - row.row_idx
//                    zigzag varint col_idx
//                  Counts (most values) take 2-4 bytes, positions 3 bytes.
//
// Both are plain functions of the values: the same bytes in SQLite or in a
// PostgreSQL bytea/text column.
#pragma once

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "common/model.h"

namespace chiso::store_detail {

// Appends to `out` (cleared first) so a caller can reuse one buffer per row.
void encode_raw_texts(std::span<const Value> values, std::string& out);
void encode_parsed_values(std::span<const Value> values, const CellPos& row_pos, std::string& out);

// Splits raw_texts back into texts (unescaped).
std::vector<std::string> decode_raw_texts(std::string_view raw_texts);

// Rebuilds the values. False when the blob is malformed or the raw texts do
// not match its count (a damaged database); `values` is then unspecified.
bool decode_values(std::string_view raw_texts, std::string_view parsed_values,
                   const CellPos& row_pos, std::vector<Value>& values);

}  // namespace chiso::store_detail
