#include "store/cells.h"

#include <fmt/compile.h>
#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <nlohmann/json.hpp>

#include "common/text.h"
#include "plan/binding.h"

namespace chiso::store_detail {

namespace {

// The longest text a JSON string of `text` can take: every byte \u00XX.
constexpr std::size_t escaped_bytes_max(std::size_t text_bytes) { return 2 + 6 * text_bytes; }
// The longest text of a double in fmt's "{}" ("-2.2250738585072014e-308")
// or of an int64, with room to spare.
constexpr std::size_t number_bytes_max = 32;

// Writes `text` as a JSON string (quotes, escapes) at `out`; returns the end.
// REQUIRES: room for escaped_bytes_max(text.size()) bytes.
char* write_json_string(char* out, std::string_view text) {
  *out++ = '"';
  for (char c : text) {
    unsigned char byte = static_cast<unsigned char>(c);
    if (byte >= 0x20 && c != '"' && c != '\\') {
      *out++ = c;
    } else if (byte < 0x20) {
      static constexpr char hex[] = "0123456789abcdef";
      out = std::copy_n("\\u00", 4, out);
      *out++ = hex[byte >> 4];
      *out++ = hex[byte & 0xf];
    } else {
      *out++ = '\\';
      *out++ = c;
    }
  }
  *out++ = '"';
  return out;
}

char* write_int(char* out, std::int64_t value) {
  return std::to_chars(out, out + number_bytes_max, value).ptr;
}

// A finite number as fmt's "{}" writes it (the shortest text that reads back
// as the same double): what the store has always written, so that a row
// imported again compares equal to the stored one. A whole number below
// 10^15 is its integer's digits in that format; it is written as such,
// without the general formatter's work (most values in a table are counts).
char* write_number(char* out, double number) {
  constexpr double whole_max = 1e15;
  if (number > -whole_max && number < whole_max && number == std::trunc(number) &&
      !(number == 0 && std::signbit(number)))
    return write_int(out, static_cast<std::int64_t>(number));
  return fmt::format_to(out, FMT_COMPILE("{}"), number);
}

char* write_text(char* out, std::string_view text) { return std::copy(text.begin(), text.end(), out); }

}  // namespace

void append_json_string(std::string& out, std::string_view text) {
  const std::size_t start = out.size();
  out.resize(start + escaped_bytes_max(text.size()));
  char* end = write_json_string(out.data() + start, text);
  out.resize(static_cast<std::size_t>(end - out.data()));
}

CellsEncoder::CellsEncoder(const std::vector<std::string>& codes) {
  keys_.reserve(codes.size());
  for (const std::string& code : codes) {
    std::string& key = keys_.emplace_back();
    append_json_string(key, code);
    key += ":[";
  }
}

void CellsEncoder::encode(const UnitRow& row, EncodedCells& out) const {
  // Written into room enough for the longest text, then cut to size.
  std::size_t cells_bytes_max = 2, positions_bytes_max = 0;
  for (std::size_t indicator_idx = 0; indicator_idx < row.values.size(); ++indicator_idx) {
    const Value& value = row.values[indicator_idx];
    if (value.state == ValueState::blank) continue;
    cells_bytes_max += keys_[indicator_idx].size() + escaped_bytes_max(value.raw.size()) + number_bytes_max + 3;
    positions_bytes_max += 3 * number_bytes_max + 3;
  }
  out.cells.resize(cells_bytes_max);
  out.positions.resize(positions_bytes_max);
  char* cells = out.cells.data();
  char* positions = out.positions.data();
  *cells++ = '{';
  bool first = true;
  for (std::size_t indicator_idx = 0; indicator_idx < row.values.size(); ++indicator_idx) {
    const Value& value = row.values[indicator_idx];
    if (value.state == ValueState::blank) continue;
    if (!first) {
      *cells++ = ',';
      *positions++ = ',';
    }
    first = false;
    cells = write_text(cells, keys_[indicator_idx]);
    cells = write_json_string(cells, value.raw);
    *cells++ = ',';
    switch (value.state) {
      case ValueState::yes: cells = write_text(cells, "true"); break;
      case ValueState::no: cells = write_text(cells, "false"); break;
      case ValueState::number:
        cells = std::isfinite(value.number) ? write_number(cells, value.number) : write_text(cells, "null");
        break;
      default: cells = write_text(cells, "null"); break;
    }
    *cells++ = ']';
    const CellPos& pos = value.pos;
    if (pos.table_idx == row.pos.table_idx && pos.row_idx == row.pos.row_idx) {
      positions = write_int(positions, pos.col_idx);
    } else {
      positions = write_int(positions, pos.table_idx);
      *positions++ = ':';
      positions = write_int(positions, pos.row_idx);
      *positions++ = ':';
      positions = write_int(positions, pos.col_idx);
    }
  }
  *cells++ = '}';
  out.cells.resize(static_cast<std::size_t>(cells - out.cells.data()));
  out.positions.resize(static_cast<std::size_t>(positions - out.positions.data()));
}

void encode_cells(const UnitRow& row, const std::vector<std::string>& codes, EncodedCells& out) {
  CellsEncoder(codes).encode(row, out);
}

namespace {

// The next position of "c" or "t:r:c" from `positions`, advancing it.
CellPos next_position(std::string_view& positions, CellPos row_pos) {
  std::size_t end = positions.find(',');
  std::string_view token = positions.substr(0, end);
  positions = end == std::string_view::npos ? std::string_view() : positions.substr(end + 1);
  int parts[3] = {0, 0, 0};
  int count = 0;
  const char* cursor = token.data();
  const char* stop = token.data() + token.size();
  while (cursor < stop && count < 3) {
    auto [next, ec] = std::from_chars(cursor, stop, parts[count]);
    if (ec != std::errc()) break;
    ++count;
    cursor = next < stop && *next == ':' ? next + 1 : next;
    if (next == stop) break;
  }
  if (count == 3) return CellPos{parts[0], parts[1], parts[2]};
  return CellPos{row_pos.table_idx, row_pos.row_idx, count == 1 ? parts[0] : 0};
}

}  // namespace

Result<void> decode_cells(std::string_view cells, std::string_view positions, CellPos row_pos,
                          const std::unordered_map<std::string, int>& plan_index,
                          const std::vector<Indicator>& indicators, std::vector<Value>& values) {
  // ordered_json keeps the keys in the text's order, which the positions follow.
  auto parsed = nlohmann::ordered_json::parse(cells, nullptr, /*allow_exceptions=*/false);
  if (parsed.is_discarded() || !parsed.is_object())
    return make_error(ErrorKind::internal, "Giá trị lưu của một đơn vị bị hỏng (không phải JSON hợp lệ).",
                      "A unit's stored values are damaged (not valid JSON).");
  for (auto item = parsed.begin(); item != parsed.end(); ++item) {
    const std::string& code = item.key();
    const nlohmann::ordered_json* cell = &item.value();
    CellPos pos = next_position(positions, row_pos);
    auto found = plan_index.find(code);
    if (found == plan_index.end()) continue;
    if (!cell->is_array() || cell->size() < 2 || !(*cell)[0].is_string())
      return make_error(ErrorKind::internal, "Giá trị lưu của chỉ tiêu " + code + " bị hỏng.",
                        "The stored value of indicator " + code + " is damaged.");
    Value& value = values[static_cast<std::size_t>(found->second)];
    value.raw = (*cell)[0].get<std::string>();
    value.pos = pos;
    const nlohmann::ordered_json& parsed_value = (*cell)[1];
    if (parsed_value.is_boolean()) {
      value.state = parsed_value.get<bool>() ? ValueState::yes : ValueState::no;
      value.number = parsed_value.get<bool>() ? 1 : 0;
    } else if (parsed_value.is_number()) {
      value.state = ValueState::number;
      value.number = parsed_value.get<double>();
      if (!std::isfinite(value.number))  // never written: encode_cells writes null
        return make_error(ErrorKind::internal, "Giá trị lưu của chỉ tiêu " + code + " bị hỏng (số vô hạn).",
                          "The stored value of indicator " + code + " is damaged (an infinite number).");
    } else {
      const auto idx = static_cast<std::size_t>(found->second);
      const bool not_applicable = idx < indicators.size() &&
                                  is_not_applicable_marker(indicators[idx], text::trim(value.raw));
      value.state = not_applicable ? ValueState::not_applicable : ValueState::text;
      value.number = 0;
    }
  }
  return {};
}

}  // namespace chiso::store_detail
