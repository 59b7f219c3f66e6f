// Period names → "YYYY-MM", "YYYY-Qn", "YYYY-Hn" or "YYYY".
#include "plan/period.h"

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
  if (year < 1900 || year > 2999) return std::nullopt;
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
    } else if (word == "thang" || word == "t") {
      if (!set_part('M', small_number(next, 12))) return std::nullopt;
      ++word_idx;
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

}  // namespace chiso
