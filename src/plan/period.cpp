// Period names → "YYYY-MM", "YYYY-Qn", "YYYY-Hn" or "YYYY".
#include "plan/period.h"

#include <algorithm>
#include <array>
#include <cstdio>
#include <vector>

#include "common/text.h"

namespace chiso {

namespace {

bool all_digits(std::string_view text) {
  if (text.empty()) return false;
  for (char c : text) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

int to_int(std::string_view digits) {
  int value = 0;
  for (char c : digits) value = value * 10 + (c - '0');
  return value;
}

std::optional<int> year_of(std::string_view token) {
  if (token.size() != 4 || !all_digits(token)) return std::nullopt;
  int year = to_int(token);
  if (year < kPeriodYearMin || year > kPeriodYearMax) return std::nullopt;
  return year;
}

std::optional<int> small_number(std::string_view token, int max) {
  if (token.empty() || token.size() > 2 || !all_digits(token)) return std::nullopt;
  int value = to_int(token);
  if (value < 1 || value > max) return std::nullopt;
  return value;
}

std::optional<int> roman_quarter(std::string_view token) {
  if (token == "i") return 1;
  if (token == "ii") return 2;
  if (token == "iii") return 3;
  if (token == "iv") return 4;
  return std::nullopt;
}

std::string format(int year, char kind, int part) {
  char out[16];
  if (kind == 'Y') {
    std::snprintf(out, sizeof out, "%04d", year);
  } else if (kind == 'M') {
    std::snprintf(out, sizeof out, "%04d-%02d", year, part);
  } else {
    std::snprintf(out, sizeof out, "%04d-%c%d", year, kind, part);
  }
  return out;
}

std::vector<std::string_view> split_words(std::string_view key) {
  std::vector<std::string_view> words;
  size_t begin = 0;
  while (begin <= key.size()) {
    size_t end = key.find(' ', begin);
    if (end == std::string_view::npos) end = key.size();
    if (end > begin) words.push_back(key.substr(begin, end - begin));
    begin = end + 1;
  }
  return words;
}

}  // namespace

std::optional<std::string> normalize_period(std::string_view text) {
  if (text.size() > 64) return std::nullopt;
  // Lower case, no diacritics, every separator a single space:
  // "Quý I/2025" → "quy i 2025".
  std::string key = text::loose_key(text);
  std::vector<std::string_view> words = split_words(key);

  std::optional<int> year;
  char kind = 'Y';
  int part = 0;
  auto set_part = [&](char new_kind, std::optional<int> value) {
    if (!value || kind != 'Y') return false;
    kind = new_kind;
    part = *value;
    return true;
  };
  for (size_t word_idx = 0; word_idx < words.size(); ++word_idx) {
    std::string_view word = words[word_idx];
    std::string_view next = word_idx + 1 < words.size() ? words[word_idx + 1] : std::string_view();
    if (auto found = year_of(word)) {
      if (year) return std::nullopt;  // two years
      year = found;
    } else if (word == "nam" || word == "ky") {
      continue;  // "năm 2025", "kỳ …"
    } else if (word == "quy") {
      std::optional<int> quarter = roman_quarter(next);
      if (!quarter) quarter = small_number(next, 4);
      if (!set_part('Q', quarter)) return std::nullopt;
      ++word_idx;
    } else if (word == "6" && next == "thang" && word_idx + 2 < words.size() &&
               (words[word_idx + 2] == "dau" || words[word_idx + 2] == "cuoi")) {
      // "6 tháng đầu năm 2025", "6 tháng cuối năm 2025"
      if (!set_part('H', words[word_idx + 2] == "dau" ? 1 : 2)) return std::nullopt;
      word_idx += 2;
    } else if (word == "thang" || word == "t") {
      if (!set_part('M', small_number(next, 12))) return std::nullopt;
      ++word_idx;
    } else if (auto quarter = roman_quarter(word)) {
      if (!set_part('Q', quarter)) return std::nullopt;  // IV/2024
    } else if (word.size() >= 2 && (word[0] == 'q' || word[0] == 'h' || word[0] == 't' ||
                                    word[0] == 'm')) {
      char prefix = word[0];
      int max = prefix == 'q' ? 4 : prefix == 'h' ? 2 : 12;
      char new_kind = prefix == 'q' ? 'Q' : prefix == 'h' ? 'H' : 'M';
      if (!set_part(new_kind, small_number(word.substr(1), max))) return std::nullopt;
    } else if (auto month = small_number(word, 12)) {
      if (!set_part('M', month)) return std::nullopt;
    } else {
      return std::nullopt;
    }
  }
  if (!year) return std::nullopt;
  return format(*year, kind, part);
}

std::string_view period_expected_vi() {
  return "cần dạng 2024-Q4 (hoặc Quý IV/2024, IV/2024), 2025-03 (hoặc 03/2025, Tháng 3 năm 2025), "
         "2025-H1 (hoặc 6 tháng đầu năm 2025) hoặc 2025 (Năm 2025), với năm từ 1990 đến 2100";
}

std::string_view period_expected_en() {
  return "expected 2024-Q4 (or Quý IV/2024, IV/2024), 2025-03 (or 03/2025, Tháng 3 năm 2025), "
         "2025-H1 (or 6 tháng đầu năm 2025) or 2025 (Năm 2025), with a year from 1990 to 2100";
}

namespace {

struct PeriodParts {
  int year = 0;
  PeriodKind kind = PeriodKind::other;
  int part = 0;  // month 1..12, quarter 1..4, half 1..2; 0 for a year
};

// The parts of a normalised period ("2025", "2025-03", "2025-Q1", "2025-H2").
std::optional<PeriodParts> parts_of(std::string_view period) {
  if (period.size() < 4) return std::nullopt;
  const std::optional<int> year = year_of(period.substr(0, 4));
  if (!year) return std::nullopt;
  if (period.size() == 4) return PeriodParts{*year, PeriodKind::year, 0};
  if (period.size() != 7 || period[4] != '-') return std::nullopt;
  const std::string_view rest = period.substr(5);
  if (rest[0] == 'Q' || rest[0] == 'H') {
    const bool quarter = rest[0] == 'Q';
    const std::optional<int> part = small_number(rest.substr(1), quarter ? 4 : 2);
    if (!part) return std::nullopt;
    return PeriodParts{*year, quarter ? PeriodKind::quarter : PeriodKind::half, *part};
  }
  const std::optional<int> month = small_number(rest, 12);
  if (!month) return std::nullopt;
  return PeriodParts{*year, PeriodKind::month, *month};
}

// A period in any accepted form, as parts.
std::optional<PeriodParts> read_parts(std::string_view period) {
  if (auto parts = parts_of(period)) return parts;
  if (auto normal = normalize_period(period)) return parts_of(*normal);
  return std::nullopt;
}

constexpr std::array<const char*, 5> kRomanQuarters = {"", "I", "II", "III", "IV"};
constexpr std::array<const char*, 13> kMonthsEn = {
    "",     "January", "February",  "March",   "April",    "May",     "June",
    "July", "August",  "September", "October", "November", "December"};

}  // namespace

std::string_view period_kind_name(PeriodKind kind) {
  switch (kind) {
    case PeriodKind::month: return "month";
    case PeriodKind::quarter: return "quarter";
    case PeriodKind::half: return "half";
    case PeriodKind::year: return "year";
    case PeriodKind::other: break;
  }
  return "other";
}

std::optional<PeriodKind> period_kind_from_name(std::string_view name) {
  for (PeriodKind kind : {PeriodKind::month, PeriodKind::quarter, PeriodKind::half, PeriodKind::year}) {
    if (name == period_kind_name(kind)) return kind;
  }
  return std::nullopt;
}

std::string_view period_kind_words_vi(PeriodKind kind) {
  switch (kind) {
    case PeriodKind::month: return "tháng";
    case PeriodKind::quarter: return "quý";
    case PeriodKind::half: return "6 tháng";
    case PeriodKind::year: return "năm";
    case PeriodKind::other: break;
  }
  return "khác";
}

std::string_view period_kind_words_en(PeriodKind kind) {
  switch (kind) {
    case PeriodKind::month: return "monthly";
    case PeriodKind::quarter: return "quarterly";
    case PeriodKind::half: return "half-yearly";
    case PeriodKind::year: return "yearly";
    case PeriodKind::other: break;
  }
  return "other";
}

PeriodKind period_kind(std::string_view period) {
  const std::optional<PeriodParts> parts = parts_of(period);
  return parts ? parts->kind : PeriodKind::other;
}

std::string period_text_vi(std::string_view period) {
  const std::optional<PeriodParts> parts = read_parts(period);
  if (!parts) return std::string(period);
  const std::string year = std::to_string(parts->year);
  switch (parts->kind) {
    case PeriodKind::month: return "Tháng " + std::to_string(parts->part) + " năm " + year;
    case PeriodKind::quarter: return std::string("Quý ") + kRomanQuarters[parts->part] + " năm " + year;
    case PeriodKind::half: return (parts->part == 1 ? "6 tháng đầu năm " : "6 tháng cuối năm ") + year;
    case PeriodKind::year: return "Năm " + year;
    case PeriodKind::other: break;
  }
  return std::string(period);
}

std::string period_text_en(std::string_view period) {
  const std::optional<PeriodParts> parts = read_parts(period);
  if (!parts) return std::string(period);
  const std::string year = std::to_string(parts->year);
  switch (parts->kind) {
    case PeriodKind::month: return std::string(kMonthsEn[parts->part]) + " " + year;
    case PeriodKind::quarter: return "Q" + std::to_string(parts->part) + " " + year;
    case PeriodKind::half: return (parts->part == 1 ? "First half of " : "Second half of ") + year;
    case PeriodKind::year: return "Year " + year;
    case PeriodKind::other: break;
  }
  return std::string(period);
}

std::string period_sort_key(std::string_view period) {
  const std::optional<PeriodParts> parts = read_parts(period);
  if (!parts) return "~" + std::string(period);
  int last_month = 12;
  int span_rank = 3;
  switch (parts->kind) {
    case PeriodKind::month: last_month = parts->part; span_rank = 0; break;
    case PeriodKind::quarter: last_month = 3 * parts->part; span_rank = 1; break;
    case PeriodKind::half: last_month = 6 * parts->part; span_rank = 2; break;
    case PeriodKind::year:
    case PeriodKind::other: break;
  }
  char key[32];
  std::snprintf(key, sizeof key, "%04d-%02d-%d", parts->year, last_month, span_rank);
  return key;
}

std::vector<PeriodsOfKind> split_periods_by_kind(const std::vector<std::string>& periods) {
  // In the order of the tie-break: year, half, quarter, month, other.
  constexpr std::array<PeriodKind, 5> kOrder = {PeriodKind::year, PeriodKind::half, PeriodKind::quarter,
                                                PeriodKind::month, PeriodKind::other};
  std::array<PeriodsOfKind, 5> groups;
  for (size_t idx = 0; idx < kOrder.size(); ++idx) groups[idx].kind = kOrder[idx];
  for (const std::string& period : periods) {
    const PeriodKind kind = period_kind(period);
    const auto idx = static_cast<size_t>(std::find(kOrder.begin(), kOrder.end(), kind) - kOrder.begin());
    std::vector<std::string>& list = groups[idx].periods;
    if (std::find(list.begin(), list.end(), period) == list.end()) list.push_back(period);
  }
  std::vector<PeriodsOfKind> split;
  for (PeriodsOfKind& group : groups) {
    if (group.periods.empty()) continue;
    std::stable_sort(group.periods.begin(), group.periods.end(),
                     [](const std::string& a, const std::string& b) {
                       return period_sort_key(a) < period_sort_key(b);
                     });
    split.push_back(std::move(group));
  }
  std::stable_sort(split.begin(), split.end(), [](const PeriodsOfKind& a, const PeriodsOfKind& b) {
    return a.periods.size() > b.periods.size();
  });
  return split;
}

}  // namespace chiso
