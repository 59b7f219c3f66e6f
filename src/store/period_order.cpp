#include "store/period_order.h"

#include <cctype>
#include <cstdio>
#include <optional>

namespace chiso {
namespace {

struct PeriodParts {
  int year = 0;
  int last_month = 0;  // 1..12
  int span_rank = 0;   // 0 month, 1 quarter, 2 half, 3 year
};

bool all_digits(std::string_view text) {
  if (text.empty()) return false;
  for (char c : text)
    if (!std::isdigit(static_cast<unsigned char>(c))) return false;
  return true;
}

int to_int(std::string_view digits) {
  int value = 0;
  for (char c : digits) value = value * 10 + (c - '0');
  return value;
}

std::optional<int> year_of(std::string_view text) {
  if (text.size() != 4 || !all_digits(text)) return std::nullopt;
  return to_int(text);
}

// "03", "3", "M03", "T3" (tháng) → 3; quarter "Q1"/"q1" → handled by caller.
std::optional<int> month_of(std::string_view text) {
  if (!text.empty() && (text[0] == 'M' || text[0] == 'm' || text[0] == 'T' || text[0] == 't'))
    text.remove_prefix(1);
  if (text.empty() || text.size() > 2 || !all_digits(text)) return std::nullopt;
  int month = to_int(text);
  if (month < 1 || month > 12) return std::nullopt;
  return month;
}

// The part after/before the year: "Q1".."Q4", "H1"/"H2", or a month.
std::optional<PeriodParts> part_of_year(std::string_view text, int year) {
  if (text.size() == 2 && (text[0] == 'Q' || text[0] == 'q') && text[1] >= '1' && text[1] <= '4')
    return PeriodParts{year, 3 * (text[1] - '0'), 1};
  if (text.size() == 2 && (text[0] == 'H' || text[0] == 'h') && text[1] >= '1' && text[1] <= '2')
    return PeriodParts{year, 6 * (text[1] - '0'), 2};
  if (auto month = month_of(text)) return PeriodParts{year, *month, 0};
  return std::nullopt;
}

std::optional<PeriodParts> parse(std::string_view period) {
  if (auto year = year_of(period)) return PeriodParts{*year, 12, 3};
  std::size_t sep = period.find_first_of("-/.");
  if (sep == std::string_view::npos || period.find_first_of("-/.", sep + 1) != std::string_view::npos)
    return std::nullopt;
  std::string_view left = period.substr(0, sep);
  std::string_view right = period.substr(sep + 1);
  if (auto year = year_of(left)) return part_of_year(right, *year);   // 2025-03, 2025-Q1
  if (auto year = year_of(right)) return part_of_year(left, *year);   // 03/2025, Q1/2025
  return std::nullopt;
}

}  // namespace

std::string period_sort_key(std::string_view period) {
  auto parts = parse(period);
  if (!parts) return "~" + std::string(period);
  char key[32];
  std::snprintf(key, sizeof key, "%04d-%02d-%d", parts->year, parts->last_month, parts->span_rank);
  return key;
}

}  // namespace chiso
