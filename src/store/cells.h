// A unit's row as the store keeps it: the values as a JSON object that any
// SQL tool reads (the views submission_value and current_value unfold it
// into plain rows), and where each value stood in its file, apart, so that
// the same values at another place are the same row.
//
//   cells     {"online_total":["4.190",4190],"meeting_room_has":["x",true],
//              "first_time_valid_pct":["86-96",null]}
//             code → [raw text as received, parsed value]: a number, true/false
//             for the marks x/0, null for text that is not a number. Blank
//             cells are left out. Codes in the plan's order.
//   positions "5,6,7,1:9:8": per cell of `cells`, in the same order, its
//             column, or table:row:column when not on the row's own line.
#pragma once

#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "common/model.h"
#include "plan/plan.h"
#include "common/result.h"
#include "store/store.h"

namespace chiso::store_detail {

using chiso::EncodedCells;  // store.h

// `codes` are the plan's indicator codes, indexed like row.values.
void encode_cells(const UnitRow& row, const std::vector<std::string>& codes, EncodedCells& out);

// encode_cells for many rows of one plan: each code's JSON key is written
// once, here, instead of once per cell.
class CellsEncoder {
 public:
  explicit CellsEncoder(const std::vector<std::string>& codes);
  // The same text as encode_cells(row, codes, out).
  // REQUIRES: row.values.size() <= the number of codes.
  void encode(const UnitRow& row, EncodedCells& out) const;

 private:
  std::vector<std::string> keys_;  // per code: "code":[
};

// Fills values (indexed by `plan_index`: code → index in the plan; codes the
// plan lacks are skipped) from stored cells; `row_pos` is the row's own cell.
// A text (stored with a null value) that is one of its indicator's
// not-applicable markers in `indicators` (the plan's) is not_applicable again.
// Error when the JSON is damaged.
Result<void> decode_cells(std::string_view cells, std::string_view positions, CellPos row_pos,
                          const std::unordered_map<std::string, int>& plan_index,
                          const std::vector<Indicator>& indicators, std::vector<Value>& values);

// Appends `text` to `out` as a JSON string (quotes, escapes).
void append_json_string(std::string& out, std::string_view text);

}  // namespace chiso::store_detail
