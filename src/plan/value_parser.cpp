// One cell → one Value, by the indicator's kind.
#include <charconv>
#include <cmath>

#include "common/number.h"
#include "common/text.h"
#include "plan/binding.h"

namespace chiso {

namespace {

// A true number's plain text ("74.05", "-3", "1e-05"): dot decimal, no
// grouping. nullopt when the text is not one (then the Vietnamese reading
// applies, as for a number typed as text).
std::optional<double> parse_plain(std::string_view text) {
  if (text.empty()) return std::nullopt;
  double value = 0;
  const char* end = text.data() + text.size();
  auto [stop, error] = std::from_chars(text.data(), end, value);
  if (error != std::errc() || stop != end || !std::isfinite(value)) return std::nullopt;
  return value;
}

}  // namespace

void parse_value_into(const Indicator& indicator, std::string_view cell, CellPos pos,
                      bool numeric_cell, Value& out) {
  out.raw.assign(cell.data(), cell.size());
  out.pos = pos;
  out.number = 0;
  if (indicator.kind == IndicatorKind::mark) {
    // A numeric "0" is the mark "no" too; parse_mark reads the same text.
    out.state = number::parse_mark(cell);
    if (out.state == ValueState::yes) out.number = 1;
    return;
  }
  std::string_view trimmed = text::trim(cell);
  if (trimmed.empty()) {
    out.state = ValueState::blank;
    return;
  }
  std::optional<double> parsed;
  if (numeric_cell) parsed = parse_plain(trimmed);
  if (!parsed) parsed = number::parse(trimmed);
  if (parsed) {
    out.state = ValueState::number;
    out.number = *parsed;
  } else {
    out.state = ValueState::text;
  }
}

Value parse_value(const Indicator& indicator, std::string_view cell, CellPos pos,
                  bool numeric_cell) {
  Value value;
  parse_value_into(indicator, cell, pos, numeric_cell, value);
  return value;
}

Value parse_value(const Indicator& indicator, std::string_view cell, CellPos pos) {
  return parse_value(indicator, cell, pos, false);
}

}  // namespace chiso
