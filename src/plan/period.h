// Period names as tables and users write them, brought to the one form the
// store and reports use: "2025-03" (month), "2025-Q1" (quarter), "2025-H1"
// (half year), "2025" (year). These sort by store/period_order.h.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace chiso {

// Years a period may name: a report of this century or the end of the last.
inline constexpr int kPeriodYearMin = 1990;
inline constexpr int kPeriodYearMax = 2100;

// Accepts (case, spacing, diacritics and the separators - / . ignored):
//   month    "2025-03" "2025-3" "2025/03" "03/2025" "3/2025" "T3/2025"
//            "Tháng 3/2025" "tháng 03 năm 2025"
//   quarter  "2025-Q1" "Q1/2025" "Q1-2025" "Quý I/2025" "Quý 1 năm 2025"
//   quarter  also "IV/2024" "Quý IV năm 2024"
//   half     "2025-H1" "H2/2025" "6 tháng đầu năm 2025" "6 tháng cuối năm 2025"
//   year     "2025" "Năm 2025"
// nullopt for anything else (a month 13, a quarter V, two years, a year
// outside kPeriodYearMin..kPeriodYearMax, free text).
std::optional<std::string> normalize_period(std::string_view text);

// What normalize_period() accepts, for a message after a refusal: Vietnamese
// and English texts.
std::string_view period_expected_vi();
std::string_view period_expected_en();

enum class PeriodKind { month, quarter, half, year, other };

// A kind's name on the command line and in JSON: "month", "quarter", "half",
// "year", "other"; period_kind_from_name() reads the first four back
// (nullopt for anything else).
std::string_view period_kind_name(PeriodKind kind);
std::optional<PeriodKind> period_kind_from_name(std::string_view name);
// A kind in a sentence: "tháng", "quý", "6 tháng", "năm", "khác"; in English
// "monthly", "quarterly", "half-yearly", "yearly", "other".
std::string_view period_kind_words_vi(PeriodKind kind);
std::string_view period_kind_words_en(PeriodKind kind);

// The kind of a normalised period ("2025-03" month …); other for any text
// normalize_period() would not give.
PeriodKind period_kind(std::string_view period);

// A normalised period as official text says it: "Tháng 3 năm 2025", "Quý IV
// năm 2024", "6 tháng đầu năm 2025", "Năm 2025"; in English "March 2025",
// "Q4 2024", "First half of 2025", "Year 2025". Any other text is returned
// as is.
std::string period_text_vi(std::string_view period);
std::string period_text_en(std::string_view period);

// The sort key of a period (store/period_order.h gives the rule): a period
// sorts at its last month, at equal last month the shorter first.
// "2025-Q1" → "2025-03-1"; a name normalize_period() cannot read → "~" + name.
std::string period_sort_key(std::string_view period);

// Periods split by kind, for a trend that never joins periods of different
// lengths: one group per kind present, the kind with the most periods first
// (at equal counts: year, half, quarter, month, other), each group's periods
// in time order without repeats.
struct PeriodsOfKind {
  PeriodKind kind = PeriodKind::other;
  std::vector<std::string> periods;
};
std::vector<PeriodsOfKind> split_periods_by_kind(const std::vector<std::string>& periods);

}  // namespace chiso
