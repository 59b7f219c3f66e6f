// Numbers and marks as Vietnamese offices type them.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "common/lang.h"
#include "common/model.h"

namespace chiso::number {

// Reads a cell meant to hold a number.
//   "1,5" → 1.5 (decimal comma); "1.045" → 1045 (dot thousands);
//   "1.234.567" → 1234567; "1.234,5" → 1234.5; "99.5" → 99.5 (a dot decimal
//   is taken where it cannot be a thousands separator: not exactly 3 digits
//   after a single dot); "95%" → 95; "1 345", "1\u00A0345" (space, no-break
//   or narrow no-break space between groups of 3) → 1345, "1 345,5" → 1345.5;
//   leading/trailing spaces and NBSP ignored;
//   "-3" → -3. Anything else ("86-96", "khoảng 5", "") → nullopt.
std::optional<double> parse(std::string_view cell);

// Reads a cell meant to hold a yes/no mark: "x"/"X" → yes, "0" → no, blank →
// blank, else text. Spaces and NBSP ignored.
ValueState parse_mark(std::string_view cell);

// Formats the Vietnamese way: decimal comma, dot thousands, at most
// `decimals_max` decimals with trailing zeros dropped. 1045.5 → "1.045,5".
// The same as format_trimmed(value, decimals_max, Lang::vi).
std::string format_vi(double value, int decimals_max = 2);

// Formats for machines: shortest round-trip form with a dot ("74.05").
std::string format_plain(double value);

// A figure as a table shows it: rounded half away from zero to exactly
// `decimals` decimals (the plan's `decimals`; clamped to 0–9), separators of
// `lang`. format(8, 2, vi) → "8,00"; format(4190, 0, en) → "4,190".
std::string format(double value, int decimals, Lang lang);

// The same with trailing zeros dropped, for a number inside a sentence whose
// decimals are not fixed by an indicator (an expected count in a message):
// format_trimmed(76, 2, vi) → "76"; format_trimmed(54.2857, 2, vi) → "54,29".
std::string format_trimmed(double value, int decimals_max, Lang lang);

// The cell text `raw` for a message in `lang`: a number as parse() reads it —
// typed the Vietnamese way ("39,32", "1.045") or held by an XLSX number cell
// ("39.32", "1045.5") — is written again with `lang`'s separators and the
// decimals it was typed with ("39,32" in vi, "39.32" in en; "1.045" → en
// "1,045"); any other text ("86-96", "95%", "") is returned as typed.
std::string display_raw(std::string_view raw, Lang lang);

namespace detail {
// The value of the digits of `s` in order (other characters skipped) with a
// decimal point at index `point` of `s` (npos: none), as std::from_chars
// reads "digits.digits"; nullopt when not finite. decimal_value takes an
// exact fast path for up to 2^53 with up to 22 decimals, else calls
// decimal_value_slow (from_chars); both give the same double. For parse(),
// and public for the tests that compare the two.
std::optional<double> decimal_value(std::string_view s, size_t point);
std::optional<double> decimal_value_slow(std::string_view s, size_t point);
}  // namespace detail

}  // namespace chiso::number
