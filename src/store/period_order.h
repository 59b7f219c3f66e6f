// The order of periods in time. Period names come from users and files
// ("2024-Q4", "2025-03", "2025"), so they do not sort as text: "2025-Q1"
// must come after "2025-03" (the quarter closes with March) and before
// "2025-04". Each name gets a sort key that sorts as text (the store keeps
// it in period.sort_key, indexed, so trend() needs no parsing).
//
// The rule (docs/storage.md): a period sorts at its last month, and at equal
// last month the shorter period first:
//   "YYYY-MM"  (also "MM/YYYY", "YYYY-M3", "T3/YYYY") → YYYY, MM, then 0
//   "YYYY-Qn"  (also "Qn/YYYY", "Qn-YYYY")            → YYYY, 3n, then 1
//   "YYYY-Hn"  (half year, also "Hn/YYYY")            → YYYY, 6n, then 2
//   "YYYY"                                           → YYYY, 12, then 3
// so 2025-01 < 2025-02 < 2025-03 < 2025-Q1 < 2025-04 … < 2025-12 < 2025-Q4 <
// 2025-H2 < 2025. A name that fits none of these sorts after every
// recognised period, by its text.
//
// The key is made by plan/period.h's period_sort_key, from the one period
// parser (normalize_period): the store accepts and orders exactly the
// periods the rest of chiso reads.
#pragma once

#include "plan/period.h"
