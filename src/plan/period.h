// Period names as tables and users write them, brought to the one form the
// store and reports use: "2025-03" (month), "2025-Q1" (quarter), "2025-H1"
// (half year), "2025" (year). These sort by store/period_order.h.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace chiso {

// Accepts (case, spacing, diacritics and the separators - / . ignored):
//   month    "2025-03" "2025-3" "2025/03" "03/2025" "3/2025" "T3/2025"
//            "Tháng 3/2025" "tháng 03 năm 2025"
//   quarter  "2025-Q1" "Q1/2025" "Q1-2025" "Quý I/2025" "Quý 1 năm 2025"
//   half     "2025-H1" "H2/2025"
//   year     "2025" "Năm 2025"
// nullopt for anything else (a month 13, a quarter V, two years, free text).
std::optional<std::string> normalize_period(std::string_view text);

}  // namespace chiso
