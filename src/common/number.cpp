// Vietnamese numbers and marks.
#include "common/number.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstdio>

#include "common/text.h"

namespace chiso::number {
namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }

bool all_digits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s) {
    if (!is_digit(c)) return false;
  }
  return true;
}

// "1.234.567" with dot thousands: first group 1–3 digits, then groups of 3.
bool thousands_grouped(std::string_view s, char sep) {
  size_t pos = 0;
  bool first = true;
  while (true) {
    const size_t next = s.find(sep, pos);
    const std::string_view group = s.substr(pos, next == std::string_view::npos ? s.npos : next - pos);
    if (!all_digits(group)) return false;
    if (first ? (group.size() > 3) : (group.size() != 3)) return false;
    first = false;
    if (next == std::string_view::npos) return true;
    pos = next + 1;
  }
}

// The powers of ten a double holds exactly.
constexpr double kExactPowersOf10[] = {1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,
                                       1e8,  1e9,  1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
                                       1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};

// An integer of `digits` digits with `fraction_digits` of them after the
// point, as a double when that is exact (Clinger's fast path): up to 2^53 the
// integer is an exact double, up to 1e22 so is the power of ten, and one
// IEEE division rounds once, correctly, giving the very double
// std::from_chars gives for the same text. nullopt: take from_chars.
std::optional<double> exact_decimal(std::uint64_t mantissa, size_t digits, size_t fraction_digits) {
  // More than 19 digits may have wrapped the 64 bits: never trusted.
  if (digits < 1 || digits > 19 || mantissa > (std::uint64_t{1} << 53) || fraction_digits > 22) {
    return std::nullopt;
  }
  return static_cast<double>(mantissa) / kExactPowersOf10[fraction_digits];
}

}  // namespace

namespace detail {

// The value of the digits of `s` in order, other characters skipped, with a
// decimal point at index `point` of `s` (npos: none): exact_decimal when it
// can, else from_chars on the plain text.
std::optional<double> decimal_value(std::string_view s, size_t point) {
  std::uint64_t mantissa = 0;
  size_t digits = 0;
  size_t fraction_digits = 0;
  for (size_t idx = 0; idx < s.size() && digits <= 19; ++idx) {
    if (!is_digit(s[idx])) continue;
    mantissa = mantissa * 10 + static_cast<std::uint64_t>(s[idx] - '0');
    ++digits;
    if (point != std::string_view::npos && idx > point) ++fraction_digits;
  }
  if (const std::optional<double> exact = exact_decimal(mantissa, digits, fraction_digits)) return exact;
  return decimal_value_slow(s, point);
}

std::optional<double> decimal_value_slow(std::string_view s, size_t point) {
  std::string plain;  // digits with a '.' decimal point, for from_chars
  plain.reserve(s.size());
  for (size_t idx = 0; idx < s.size(); ++idx) {
    if (idx == point) plain.push_back('.');
    if (is_digit(s[idx])) plain.push_back(s[idx]);
  }
  double value = 0;
  const auto [end, ec] = std::from_chars(plain.data(), plain.data() + plain.size(), value);
  if (ec != std::errc() || end != plain.data() + plain.size() || !std::isfinite(value)) {
    return std::nullopt;
  }
  return value;
}

}  // namespace detail

namespace {

// The length of the thousands separator a space-grouped number may use at
// `at`: a space, a no-break space (U+00A0) or a narrow no-break space
// (U+202F, what word processors put in "1 345"); 0 when none starts there.
size_t space_separator_at(std::string_view s, size_t at) {
  if (s.compare(at, 1, " ") == 0) return 1;
  if (s.compare(at, 2, "\xC2\xA0") == 0) return 2;
  if (s.compare(at, 3, "\xE2\x80\xAF") == 0) return 3;
  return 0;
}

// "1 345", "12 345 678,5" (s trimmed, unsigned, starting and ending with a
// digit): groups of 3 digits after a first group of 1–3, one separator each,
// then an optional decimal comma. nullopt for anything else ("10 15",
// "10 - 15", "1 345.5"), which parse() then refuses.
std::optional<double> parse_space_grouped(std::string_view s) {
  const size_t comma = s.find(',');
  const std::string_view whole = s.substr(0, comma);
  size_t group_digits = 0;
  size_t groups = 1;
  for (size_t idx = 0; idx < whole.size();) {
    if (is_digit(whole[idx])) {
      ++group_digits;
      ++idx;
      if (group_digits > 3) return std::nullopt;
      continue;
    }
    const size_t separator = space_separator_at(whole, idx);
    if (separator == 0 || group_digits == 0 || (groups > 1 && group_digits != 3))
      return std::nullopt;
    ++groups;
    group_digits = 0;
    idx += separator;
  }
  if (groups < 2 || group_digits != 3) return std::nullopt;
  if (comma != std::string_view::npos && !all_digits(s.substr(comma + 1))) return std::nullopt;
  return detail::decimal_value(s, comma);
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

  // Fast path for the usual cell: digits with at most one decimal comma
  // ("74", "8,8", "40,67"), read in one pass. It gives what the general
  // reading below gives for such text (point at the comma).
  {
    std::uint64_t mantissa = 0;
    size_t digits = 0;
    size_t fraction_digits = 0;
    bool comma = false;
    bool usual = true;
    for (char c : s) {
      if (is_digit(c)) {
        mantissa = mantissa * 10 + static_cast<std::uint64_t>(c - '0');
        ++digits;
        fraction_digits += comma ? 1 : 0;
      } else if (c == ',' && !comma) {
        comma = true;
      } else {
        usual = false;
        break;
      }
    }
    if (usual) {
      if (const std::optional<double> exact = exact_decimal(mantissa, digits, fraction_digits)) {
        return negative ? -*exact : *exact;
      }
    }
  }

  if (s.find(' ') != std::string_view::npos || s.find("\xC2\xA0") != std::string_view::npos ||
      s.find("\xE2\x80\xAF") != std::string_view::npos) {
    const std::optional<double> value = parse_space_grouped(s);
    if (!value) return std::nullopt;
    return negative ? -*value : *value;
  }

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

  // Check the form and find the decimal point; the value is then the digits
  // in order with the point there (thousands separators dropped).
  size_t point = std::string_view::npos;
  if (commas > 1) return std::nullopt;
  if (commas == 1) {
    const size_t comma = s.find(',');
    const std::string_view whole = s.substr(0, comma);
    const std::string_view fraction = s.substr(comma + 1);
    if (!all_digits(fraction)) return std::nullopt;
    if (dots > 0) {
      if (!thousands_grouped(whole, '.')) return std::nullopt;
    } else {
      if (!all_digits(whole)) return std::nullopt;
    }
    point = comma;
  } else if (dots > 1) {
    if (!thousands_grouped(s, '.')) return std::nullopt;
  } else if (dots == 1) {
    const size_t dot = s.find('.');
    const std::string_view whole = s.substr(0, dot);
    const std::string_view fraction = s.substr(dot + 1);
    // A thousands separator needs 1–3 leading digits (not a lone 0) and
    // exactly 3 after; anything else is a decimal point. (s ends with a
    // digit, so `fraction` is not empty; "1..2" has two dots.)
    const bool thousands = fraction.size() == 3 && whole.size() <= 3 && whole != "0";
    if (!thousands) point = dot;
  }

  const std::optional<double> value = detail::decimal_value(s, point);
  if (!value) return std::nullopt;
  return negative ? -*value : *value;
}

ValueState parse_mark(std::string_view cell) {
  const std::string_view s = text::trim(cell);
  if (s.empty()) return ValueState::blank;
  if (s == "x" || s == "X") return ValueState::yes;
  if (s == "0") return ValueState::no;
  return ValueState::text;
}

namespace {

// Rounds half away from zero at `decimals`, with a nudge for the binary
// representation (2.675 is stored as 2.67499…; people expect 2,68).
double round_half_away(double value, int decimals) {
  static constexpr double kPowers[] = {1,    1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,
                                       1e8,  1e9,  1e10, 1e11, 1e12, 1e13, 1e14, 1e15};
  const double scale = kPowers[decimals];
  const double scaled = value * scale;
  if (std::fabs(scaled) >= 9e15) return value;  // past 2^53: already whole
  return std::round(scaled + (scaled >= 0 ? 1e-7 : -1e-7)) / scale;
}

// vi → en: the thousands dots become commas and the decimal comma a dot.
std::string to_lang(std::string vi, Lang lang) {
  if (lang == Lang::vi) return vi;
  for (char& ch : vi) {
    if (ch == '.') {
      ch = ',';
    } else if (ch == ',') {
      ch = '.';
    }
  }
  return vi;
}

std::string format_fixed_vi(double value, int decimals) {
  if (std::isnan(value)) return "NaN";
  if (std::isinf(value)) return value < 0 ? "-∞" : "∞";
  char buf[512];
  const int len = std::snprintf(buf, sizeof buf, "%.*f", decimals, round_half_away(value, decimals));
  std::string fixed(buf, len > 0 ? static_cast<size_t>(len) : 0);
  bool negative = !fixed.empty() && fixed.front() == '-';
  if (negative) fixed.erase(0, 1);
  std::string whole = fixed;
  std::string fraction;
  if (const size_t dot = fixed.find('.'); dot != std::string::npos) {
    whole = fixed.substr(0, dot);
    fraction = fixed.substr(dot + 1);
  }
  if (whole.find_first_not_of('0') == std::string::npos &&
      fraction.find_first_not_of('0') == std::string::npos) {
    negative = false;  // no "-0,00"
  }
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

}  // namespace

std::string format(double value, int decimals, Lang lang) {
  return to_lang(format_fixed_vi(value, std::clamp(decimals, 0, 15)), lang);
}

std::string format_vi(double value, int decimals_max) {
  return format_trimmed(value, decimals_max, Lang::vi);
}

std::string format_trimmed(double value, int decimals_max, Lang lang) {
  std::string vi = format_fixed_vi(value, std::clamp(decimals_max, 0, 15));
  if (const size_t comma = vi.find(','); comma != std::string::npos) {
    while (vi.back() == '0') vi.pop_back();
    if (vi.back() == ',') vi.pop_back();
  }
  if (vi == "-0") vi = "0";
  return to_lang(std::move(vi), lang);
}

std::string display_raw(std::string_view raw, Lang lang) {
  const std::string_view s = text::trim(raw);
  std::string_view digits = s;
  if (!digits.empty() && digits.front() == '-') digits.remove_prefix(1);
  if (digits.empty() || digits.find_first_not_of("0123456789.,") != std::string_view::npos) {
    return std::string(raw);  // "86-96", "95%", "khoảng 5": kept as typed
  }
  const std::optional<double> value = parse(s);
  if (!value) return std::string(raw);
  // The decimals as typed: after the decimal comma, or after a single dot
  // that parse() reads as a decimal point ("39.32", not "1.045").
  size_t decimals = 0;
  if (const size_t comma = digits.find(','); comma != std::string_view::npos) {
    decimals = digits.size() - comma - 1;
  } else if (const size_t dot = digits.find('.');
             dot != std::string_view::npos && digits.find('.', dot + 1) == std::string_view::npos) {
    const bool thousands = digits.size() - dot - 1 == 3 && dot <= 3 && digits.substr(0, dot) != "0";
    if (!thousands) decimals = digits.size() - dot - 1;
  }
  return format(*value, static_cast<int>(std::min<size_t>(decimals, 15)), lang);
}

std::string format_plain(double value) {
  if (value == 0) return "0";  // also -0
  char buf[64];
  const auto [end, ec] = std::to_chars(buf, buf + sizeof buf, value);
  if (ec != std::errc()) return "NaN";
  return std::string(buf, end);
}

}  // namespace chiso::number
