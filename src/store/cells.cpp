#include "store/cells.h"

#include <fmt/compile.h>
#include <fmt/format.h>

#include <charconv>
#include <cmath>
#include <nlohmann/json.hpp>

namespace chiso::store_detail {

void append_json_string(std::string& out, std::string_view text) {
  out += '"';
  // Runs of characters that need no escape are appended whole.
  std::size_t run_start = 0;
  for (std::size_t char_idx = 0; char_idx < text.size(); ++char_idx) {
    char c = text[char_idx];
    unsigned char byte = static_cast<unsigned char>(c);
    if (byte >= 0x20 && c != '"' && c != '\\') continue;
    out.append(text.data() + run_start, char_idx - run_start);
    run_start = char_idx + 1;
    if (byte < 0x20) {
      fmt::format_to(std::back_inserter(out), "\\u{:04x}", byte);
    } else {
      out += '\\';
      out += c;
    }
  }
  out.append(text.data() + run_start, text.size() - run_start);
  out += '"';
}

namespace {

void append_int(std::string& out, std::int64_t value) {
  char digits[24];
  auto [end, ec] = std::to_chars(digits, digits + sizeof digits, value);
  out.append(digits, end);
}

// A finite number as fmt's "{}" writes it (the shortest text that reads back
// as the same double): what the store has always written, so that a row
// imported again compares equal to the stored one. A whole number below
// 10^15 is its integer's digits in that format; it is written as such,
// without the general formatter's work (most values in a table are counts).
void append_number(std::string& out, double number) {
  constexpr double whole_max = 1e15;
  if (number > -whole_max && number < whole_max && number == std::trunc(number) &&
      !(number == 0 && std::signbit(number))) {
    append_int(out, static_cast<std::int64_t>(number));
    return;
  }
  fmt::format_to(std::back_inserter(out), FMT_COMPILE("{}"), number);
}

}  // namespace

void encode_cells(const UnitRow& row, const std::vector<std::string>& codes, EncodedCells& out) {
  out.cells.assign(1, '{');
  out.positions.clear();
  bool first = true;
  for (std::size_t indicator_idx = 0; indicator_idx < row.values.size(); ++indicator_idx) {
    const Value& value = row.values[indicator_idx];
    if (value.state == ValueState::blank) continue;
    if (!first) {
      out.cells += ',';
      out.positions += ',';
    }
    first = false;
    append_json_string(out.cells, codes[indicator_idx]);
    out.cells += ":[";
    append_json_string(out.cells, value.raw);
    out.cells += ',';
    switch (value.state) {
      case ValueState::yes: out.cells += "true"; break;
      case ValueState::no: out.cells += "false"; break;
      case ValueState::number:
        if (std::isfinite(value.number)) {
          append_number(out.cells, value.number);
        } else {
          out.cells += "null";
        }
        break;
      default: out.cells += "null"; break;
    }
    out.cells += ']';
    const CellPos& pos = value.pos;
    if (pos.table_idx == row.pos.table_idx && pos.row_idx == row.pos.row_idx) {
      append_int(out.positions, pos.col_idx);
    } else {
      append_int(out.positions, pos.table_idx);
      out.positions += ':';
      append_int(out.positions, pos.row_idx);
      out.positions += ':';
      append_int(out.positions, pos.col_idx);
    }
  }
  out.cells += '}';
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
                          std::vector<Value>& values) {
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
      value.state = ValueState::text;
      value.number = 0;
    }
  }
  return {};
}

}  // namespace chiso::store_detail
