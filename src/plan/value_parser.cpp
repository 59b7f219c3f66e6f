// One cell → one Value, by the indicator's kind.
#include <charconv>
#include <cmath>
#include <string>
#include <vector>

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

// Whether `text` is all ASCII (its folded key is then no longer than it).
bool is_ascii(std::string_view text) {
  for (char c : text)
    if (static_cast<unsigned char>(c) >= 0x80) return false;
  return true;
}

// A marker as the test below uses it: trimmed, whether it has letters, and
// its folded key.
struct PreparedMarker {
  std::string trimmed;
  bool has_letters = false;
  std::string folded;
};

struct PreparedMarkers {
  std::vector<std::string> as_written;  // the plan's texts, to tell the list again
  std::vector<PreparedMarker> markers;
  bool any_without_letters = false;
};

// The markers of `markers` prepared: a plan names a handful per indicator,
// and a table asks about each of its cells, so each list is trimmed and
// folded once per thread rather than once per cell. A list is recognised by
// its texts (a list at the same address may be another plan's).
const PreparedMarkers& prepared_markers(const std::vector<std::string>& markers) {
  thread_local std::vector<PreparedMarkers> lists;
  for (const PreparedMarkers& list : lists)
    if (list.as_written == markers) return list;
  if (lists.size() >= 64) lists.clear();  // the lists of many plans in one process
  PreparedMarkers& list = lists.emplace_back();
  list.as_written = markers;
  for (const std::string& marker : markers) {
    PreparedMarker& entry = list.markers.emplace_back();
    entry.trimmed = std::string(text::trim(marker));
    entry.has_letters = has_letter_bytes(entry.trimmed);
    entry.folded = text::fold_key(entry.trimmed);
    if (!entry.has_letters) list.any_without_letters = true;
  }
  return list;
}

}  // namespace

bool is_not_applicable_marker(const Indicator& indicator, std::string_view trimmed) {
  if (trimmed.size() > limits::not_applicable_marker_bytes_max) return false;
  const PreparedMarkers& list =
      prepared_markers(indicator.not_applicable.empty() ? kDefaultNotApplicableMarkers : indicator.not_applicable);
  // Nearly every cell is a number: its folded text has no letter, so it can
  // only equal a marker without letters, as written or folded.
  const bool cell_has_letters = has_letter_bytes(trimmed);
  if (!cell_has_letters && !list.any_without_letters) return false;
  std::string key;  // folded only when a marker has letters to fold
  // An ASCII cell's folded key is no longer than the cell ("x" is never
  // "khong ap dung").
  const std::size_t key_bytes_max = is_ascii(trimmed) ? trimmed.size() : std::string_view::npos;
  for (const PreparedMarker& marker : list.markers) {
    if (marker.trimmed == trimmed) return true;
    if (!cell_has_letters && marker.has_letters) continue;
    // "-" folds to nothing: it is only ever compared as written.
    if (marker.folded.empty() || marker.folded.size() > key_bytes_max) continue;
    if (key.empty()) key = text::fold_key(trimmed);
    if (key == marker.folded) return true;
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
