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

// "không áp dụng" or "n/a", however written (case, tone marks, spaces).
static bool is_not_applicable(std::string_view text) {
  if (text.size() > 32) return false;
  static const std::string vietnamese = text::fold_key("không áp dụng");
  static const std::string english = text::fold_key("n/a");
  std::string key = text::fold_key(text);
  return key == vietnamese || key == english;
}

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
  } else if (is_not_applicable(trimmed)) {
    // What chiso's own documents print for a share of 0 of 0 (issue 14 §4):
    // nothing to report, as a blank is; the text is kept in `raw`.
    out.state = ValueState::blank;
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
