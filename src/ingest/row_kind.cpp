// Row kinds for lay_out: what a row looks like without knowing the plan.
#include <fmt/format.h>

#include <utility>
#include <vector>

#include "common/number.h"
#include "common/text.h"
#include "ingest/layout_detail.h"

namespace chiso::detail {
namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// "1".."9999999": a printed row number (STT); a national table numbers
// its rows past 99999.
bool is_row_number(std::string_view s) {
  if (s.empty() || s.size() > 7) return false;
  for (char c : s) {
    if (!is_digit(c)) return false;
  }
  return s != "0" && s.front() != '0';
}

bool has_letter(std::string_view s) {
  for (unsigned char c : s) {
    if (c >= 0x80 || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) return true;
  }
  return false;
}

// "2025-03", "2025-Q1", "2025": a period in a period column.
bool is_period(std::string_view s) {
  if (s.size() < 4 || !is_digit(s[0]) || !is_digit(s[1]) || !is_digit(s[2]) || !is_digit(s[3])) {
    return false;
  }
  if (s.size() == 4) return true;
  if (s[4] != '-') return false;
  const std::string_view rest = s.substr(5);
  if (rest.size() == 2 && is_digit(rest[0]) && is_digit(rest[1])) return true;
  return rest.size() == 2 && (rest[0] == 'Q' || rest[0] == 'q') && rest[1] >= '1' && rest[1] <= '4';
}

// "N/A" (any case): a table's word for "no figure here", in place of a value.
// A row of a name and N/As ("HCMC | N/A | N/A | …", VCCI's PCI table) is a
// data row, not a second header level; the plan says what the cell means.
bool is_not_available(std::string_view s) {
  return s.size() == 3 && (s[0] == 'N' || s[0] == 'n') && s[1] == '/' && (s[2] == 'A' || s[2] == 'a');
}

bool is_value_like(std::string_view s) {
  if (is_not_available(s)) return true;
  const ValueState mark = number::parse_mark(s);
  if (mark == ValueState::yes || mark == ValueState::no) return true;
  if (is_period(s)) return true;
  return number::parse(s).has_value();
}

bool is_name_like(std::string_view s) {
  return has_letter(s) && number::parse_mark(s) != ValueState::yes && !is_period(s) && !is_not_available(s);
}

}  // namespace
}  // namespace chiso::detail

namespace chiso {

bool is_section_number(std::string_view cell) {
  std::string_view s = text::trim(cell);
  if (!s.empty() && (s.back() == '.' || s.back() == ')')) s.remove_suffix(1);
  // "X" alone is the mark x as often as the tenth section: not a number.
  if (s.empty() || s.size() > 6 || s == "X") return false;
  if (s.size() == 1 && s[0] >= 'A' && s[0] <= 'Z') return true;
  // Roman numerals up to 39, written the usual way (not "IIII", "VV").
  static constexpr std::string_view kUnits[] = {"", "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX"};
  static constexpr std::string_view kTens[] = {"", "X", "XX", "XXX"};
  for (std::string_view tens : kTens) {
    if (s.substr(0, tens.size()) != tens) continue;
    const std::string_view rest = s.substr(tens.size());
    for (std::string_view unit : kUnits) {
      if (rest == unit && !(tens.empty() && unit.empty())) return true;
    }
  }
  return false;
}

std::optional<YearHeading> year_heading(std::string_view cell) {
  const std::string key = text::fold_key(cell);
  if (key.size() < 4) return std::nullopt;
  const std::string_view year_text = std::string_view(key).substr(key.size() - 4);
  int year = 0;
  for (char c : year_text) {
    if (!detail::is_digit(c)) return std::nullopt;
    year = year * 10 + (c - '0');
  }
  if (year < 1900 || year > 2100) return std::nullopt;
  std::string_view words = std::string_view(key).substr(0, key.size() - 4);
  if (!words.empty() && words.back() != ' ') return std::nullopt;  // "12015"
  words = text::trim(words);
  // The words a yearbook writes before a year, folded as fold_key folds them.
  static const std::vector<std::pair<std::string, bool>> kWords = [] {
    std::vector<std::pair<std::string, bool>> out;
    for (const char* word : {"năm", "year"}) out.emplace_back(text::fold_key(word), false);
    for (const char* word : {"sơ bộ", "năm sơ bộ", "ước tính", "ước", "prel", "preliminary", "estimated"})
      out.emplace_back(text::fold_key(word), true);
    return out;
  }();
  if (words.empty()) return YearHeading{year, false};
  for (const auto& [word, preliminary] : kWords) {
    if (words == word) return YearHeading{year, preliminary};
  }
  return std::nullopt;
}

}  // namespace chiso

namespace chiso::detail {

bool is_year_row(const Grid& grid, int row) {
  int years = 0;
  for (int col = 0; col < grid.col_count(row); ++col) {
    const std::string_view cell = text::trim(grid.cell(row, col));
    if (cell.empty()) continue;
    if (!year_heading(cell)) return false;
    ++years;
  }
  return years >= 2;
}

RowKind classify_row(const Grid& grid, int row) {
  const int cols = grid.col_count(row);
  // The common case first, cheaply: "12 | Sở Y tế | …".
  if (cols >= 3) {
    const std::string_view first = text::trim(grid.cell(row, 0));
    if (is_row_number(first)) {
      const std::string_view second = text::trim(grid.cell(row, 1));
      if (is_name_like(second) && !number::parse(second)) return RowKind::data;
    }
  }
  int non_blank = 0;
  int value_like = 0;
  int periods = 0;  // value-like cells that are periods
  int name_like = 0;
  bool numbered_first = false;  // the first non-blank cell is a section number
  for (int col = 0; col < cols; ++col) {
    const std::string_view cell = text::trim(grid.cell(row, col));
    if (cell.empty()) continue;
    ++non_blank;
    if (non_blank == 1 && is_section_number(cell)) {
      numbered_first = true;
    } else if (is_value_like(cell)) {
      ++value_like;
      periods += is_period(cell);
    } else if (is_name_like(cell)) {
      ++name_like;
    }
  }
  if (non_blank == 0) return RowKind::blank;
  if (non_blank == 1) return RowKind::single;
  if (numbered_first && non_blank == 2 && name_like == 1) return RowKind::section;
  // A numbered subtotal "I | Khối sở | 1.234 | …" is data: the plan decides.
  if (numbered_first) ++name_like;
  // Periods alone are a header ("2024-Q3 | 2024-Q4 | Thay đổi" over a
  // comparison): a data row has a number or a mark.
  if (name_like >= 1 && value_like >= 2 && value_like > periods && value_like * 2 >= non_blank - 1) {
    return RowKind::data;
  }
  return RowKind::other;
}

bool is_short_data_row(const Grid& grid, int row) {
  bool named = false;
  for (int col = 0; col < grid.col_count(row); ++col) {
    const std::string_view cell = text::trim(grid.cell(row, col));
    if (cell.empty()) continue;
    if (!named) {
      if (!is_name_like(cell) || is_value_like(cell)) return false;
      named = true;
    } else if (is_value_like(cell) && !is_period(cell)) {
      return true;
    }
  }
  return false;
}

bool row_has_letters(const Grid& grid, int row) {
  for (int col = 0; col < grid.col_count(row); ++col) {
    if (has_letter(grid.cell(row, col))) return true;
  }
  return false;
}

std::string title_text(std::string_view line) {
  std::string_view s = text::trim(line);
  while (s.size() >= 2 && s.substr(0, 2) == "**") s = text::trim(s.substr(2));
  while (s.size() >= 2 && s.substr(s.size() - 2) == "**") s = text::trim(s.substr(0, s.size() - 2));
  std::string out;
  out.reserve(s.size());
  for (size_t idx = 0; idx < s.size(); ++idx) {
    if (s[idx] == '\\' && idx + 1 < s.size() && s[idx + 1] == '*') continue;  // Markdown "\\*"
    out.push_back(s[idx]);
  }
  return text::fold_spaces(out);
}

std::string single_text(const Grid& grid, int row) {
  for (int col = 0; col < grid.col_count(row); ++col) {
    if (!text::trim(grid.cell(row, col)).empty()) return title_text(grid.cell(row, col));
  }
  return {};
}

}  // namespace chiso::detail
