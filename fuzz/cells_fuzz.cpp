// What the store decodes: a unit's stored values (store/cells.h) from any
// bytes — the JSON cells, a newline, the positions. A damaged value must be
// refused, never crash; what decodes, encoded again and decoded, gives the
// same values (state, number, raw text, position).
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "fuzz/fuzz_check.h"
#include "store/cells.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  const std::size_t newline = input.find('\n');
  const std::string_view cells = input.substr(0, newline);
  const std::string_view positions = newline == std::string_view::npos ? std::string_view() : input.substr(newline + 1);
  const std::vector<std::string> codes = {"online_total", "online_full", "online_full_pct", "meeting_room_has"};
  std::unordered_map<std::string, int> index;
  for (std::size_t code_idx = 0; code_idx < codes.size(); ++code_idx) index.emplace(codes[code_idx], code_idx);
  // Plan indicators with the default not-applicable markers, so that a
  // marker read back as not applicable is tried too.
  std::vector<chiso::Indicator> indicators(codes.size());
  for (std::size_t code_idx = 0; code_idx < codes.size(); ++code_idx) indicators[code_idx].code = codes[code_idx];
  const chiso::CellPos row_pos{1, 7, 2};
  std::vector<chiso::Value> values(codes.size());
  if (!chiso::store_detail::decode_cells(cells, positions, row_pos, index, indicators, values)) return 0;

  chiso::UnitRow row;
  row.pos = row_pos;
  row.values = values;
  chiso::store_detail::EncodedCells encoded;
  chiso::store_detail::encode_cells(row, codes, encoded);
  std::vector<chiso::Value> again(codes.size());
  chiso::fuzz::require(
      chiso::store_detail::decode_cells(encoded.cells, encoded.positions, row_pos, index, indicators, again).ok(),
      "re-encoded cells do not decode", input);
  for (std::size_t code_idx = 0; code_idx < codes.size(); ++code_idx) {
    const chiso::Value& first = values[code_idx];
    const chiso::Value& second = again[code_idx];
    if (first.state == chiso::ValueState::blank) {
      chiso::fuzz::require(second.state == chiso::ValueState::blank, "a blank came back", input);
      continue;
    }
    chiso::fuzz::require(first.state == second.state, "state changed", input);
    chiso::fuzz::require(first.raw == second.raw, "raw text changed", input);
    chiso::fuzz::require(first.number == second.number, "number changed", input);
    chiso::fuzz::require(first.pos.table_idx == second.pos.table_idx && first.pos.row_idx == second.pos.row_idx &&
                             first.pos.col_idx == second.pos.col_idx,
                         "position changed", input);
  }
  return 0;
}
