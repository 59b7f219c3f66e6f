// Vietnamese numbers and marks.
#include "common/number.h"

#include <charconv>
#include <cmath>
#include <cstdio>

#include "common/text.h"

namespace chiso::number {
namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// Splits "d+(sep d+)*" into groups; false when the text has anything else.
bool all_digits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s) {
    if (!is_digit(c)) return false;
  }
  return true;
}

// "1.234.567" with dot thousands: first group 1–3 digits, then groups of 3.
bool thousands_grouped(std::string_view s, char sep, std::string* digits) {
  size_t pos = 0;
  bool first = true;
  while (true) {
    const size_t next = s.find(sep, pos);
    const std::string_view group = s.substr(pos, next == std::string_view::npos ? s.npos : next - pos);
    if (!all_digits(group)) return false;
    if (first ? (group.size() > 3) : (group.size() != 3)) return false;
    first = false;
    digits->append(group);
    if (next == std::string_view::npos) return true;
    pos = next + 1;
  }
}

}  // namespace

std::optional<double> parse(std::string_view cell) {
  std::string_view s = text::trim(cell);
  if (!s.empty() && s.back() == '%') s = text::trim(s.substr(0, s.size() - 1));
  bool negative = false;
  if (!s.empty() && (s.front() == '-' || s.front() == '+')) {
    negative = s.front() == '-';
    s = s.substr(1);
  }
  if (s.empty() || !is_digit(s.front()) || !is_digit(s.back())) return std::nullopt;

  size_t dots = 0;
  size_t commas = 0;
  for (char c : s) {
    if (c == '.') {
      ++dots;
    } else if (c == ',') {
      ++commas;
    } else if (!is_digit(c)) {
      return std::nullopt;
    }
  }

  std::string plain;  // digits with a '.' decimal point, for from_chars
  plain.reserve(s.size());
  if (commas > 1) return std::nullopt;
  if (commas == 1) {
    const size_t comma = s.find(',');
    const std::string_view whole = s.substr(0, comma);
    const std::string_view fraction = s.substr(comma + 1);
    if (!all_digits(fraction)) return std::nullopt;
    if (dots > 0) {
      if (!thousands_grouped(whole, '.', &plain)) return std::nullopt;
    } else {
      if (!all_digits(whole)) return std::nullopt;
      plain.append(whole);
    }
    plain.push_back('.');
    plain.append(fraction);
  } else if (dots > 1) {
    if (!thousands_grouped(s, '.', &plain)) return std::nullopt;
  } else if (dots == 1) {
    const size_t dot = s.find('.');
    const std::string_view whole = s.substr(0, dot);
    const std::string_view fraction = s.substr(dot + 1);
    // A thousands separator needs 1–3 leading digits (not a lone 0) and
    // exactly 3 after; anything else is a decimal point.
    const bool thousands = fraction.size() == 3 && whole.size() <= 3 && whole != "0";
    plain.append(whole);
    if (!thousands) plain.push_back('.');
    plain.append(fraction);
  } else {
    plain.append(s);
  }

  double value = 0;
  const auto [end, ec] = std::from_chars(plain.data(), plain.data() + plain.size(), value);
  if (ec != std::errc() || end != plain.data() + plain.size() || !std::isfinite(value)) {
    return std::nullopt;
  }
  return negative ? -value : value;
}

ValueState parse_mark(std::string_view cell) {
  const std::string_view s = text::trim(cell);
  if (s.empty()) return ValueState::blank;
  if (s == "x" || s == "X") return ValueState::yes;
  if (s == "0") return ValueState::no;
  return ValueState::text;
}

std::string format_vi(double value, int decimals_max) {
  if (std::isnan(value)) return "NaN";
  if (std::isinf(value)) return value < 0 ? "-∞" : "∞";
  if (decimals_max < 0) decimals_max = 0;
  if (decimals_max > 15) decimals_max = 15;
  char buf[512];
  const int len = std::snprintf(buf, sizeof buf, "%.*f", decimals_max, value);
  std::string fixed(buf, len > 0 ? static_cast<size_t>(len) : 0);
  bool negative = !fixed.empty() && fixed.front() == '-';
  if (negative) fixed.erase(0, 1);
  std::string whole = fixed;
  std::string fraction;
  if (const size_t dot = fixed.find('.'); dot != std::string::npos) {
    whole = fixed.substr(0, dot);
    fraction = fixed.substr(dot + 1);
    while (!fraction.empty() && fraction.back() == '0') fraction.pop_back();
  }
  if (whole.find_first_not_of('0') == std::string::npos && fraction.empty()) negative = false;
  std::string out;
  if (negative) out.push_back('-');
  for (size_t idx = 0; idx < whole.size(); ++idx) {
    if (idx > 0 && (whole.size() - idx) % 3 == 0) out.push_back('.');
    out.push_back(whole[idx]);
  }
  if (!fraction.empty()) {
    out.push_back(',');
    out.append(fraction);
  }
  return out;
}

std::string format_plain(double value) {
  if (value == 0) return "0";  // also -0
  char buf[64];
  const auto [end, ec] = std::to_chars(buf, buf + sizeof buf, value);
  if (ec != std::errc()) return "NaN";
  return std::string(buf, end);
}

}  // namespace chiso::number
