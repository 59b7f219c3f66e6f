// One cell → one Value, by the indicator's kind.
#include <charconv>
#include <cmath>
#include <string>
#include <unordered_map>

#include "common/limits.h"
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

// Whether folding could leave a letter: an ASCII letter, or any byte of a
// multi-byte UTF-8 character (Vietnamese letters, NBSP, dashes).
bool has_letter_bytes(std::string_view text) {
  for (char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    const auto lower = static_cast<unsigned char>(byte | 0x20);
    if (byte >= 0x80 || (lower >= 'a' && lower <= 'z')) return true;
  }
  return false;
}

// A marker's folded key: the plan names a handful of markers, and a table
// asks about each of its cells with letters, so each marker is folded once per
// thread rather than once per cell.
const std::string& marker_key(std::string_view marker) {
  thread_local std::unordered_map<std::string, std::string> keys;
  auto found = keys.find(std::string(marker));
  if (found != keys.end()) return found->second;
  if (keys.size() >= 256) keys.clear();  // markers of many plans in one process
  return keys.emplace(std::string(marker), text::fold_key(marker)).first->second;
}

}  // namespace

bool is_not_applicable_marker(const Indicator& indicator, std::string_view trimmed) {
  if (trimmed.size() > limits::not_applicable_marker_bytes_max) return false;
  const std::vector<std::string>& markers =
      indicator.not_applicable.empty() ? kDefaultNotApplicableMarkers : indicator.not_applicable;
  std::string key;  // folded only when a marker has letters to fold
  // Nearly every cell is a number: its folded text has no letter, so it can
  // only equal a marker as written or a marker without letters.
  const bool cell_has_letters = has_letter_bytes(trimmed);
  for (const std::string& marker : markers) {
    const std::string_view marker_trimmed = text::trim(marker);
    if (marker_trimmed == trimmed) return true;
    if (!cell_has_letters && has_letter_bytes(marker_trimmed)) continue;
    // "-" folds to nothing: it is only ever compared as written.
    const std::string& folded_marker = marker_key(marker_trimmed);
    if (folded_marker.empty()) continue;
    if (key.empty()) key = text::fold_key(trimmed);
    if (key == folded_marker) return true;
  }
  return false;
}

void parse_value_into(const Indicator& indicator, std::string_view cell, CellPos pos,
                      bool numeric_cell, Value& out) {
  out.raw.assign(cell.data(), cell.size());
  out.pos = pos;
  out.number = 0;
  std::string_view trimmed = text::trim(cell);
  if (trimmed.empty()) {
    out.state = ValueState::blank;
    return;
  }
  if (is_not_applicable_marker(indicator, trimmed)) {
    // "-", "N/A", "không áp dụng" as the plan names them; also what chiso's
    // own documents print for a share of 0 of 0 (issue 14 §4).
    out.state = ValueState::not_applicable;
    return;
  }
  if (indicator.kind == IndicatorKind::mark) {
    // A numeric "0" is the mark "no" too; parse_mark reads the same text.
    out.state = number::parse_mark(cell);
    if (out.state == ValueState::yes) out.number = 1;
    return;
  }
  if (indicator.kind == IndicatorKind::grade) {
    out.state = ValueState::text;  // checked against `allowed` by the checker
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
