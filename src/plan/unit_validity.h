// Units over time (issue 15 §3): whether a registered unit exists in a
// period, by its UnitValidity (valid_from, valid_to), and the words that say
// what became of one that no longer does ("UBND huyện Kiến Thụy không còn từ
// 01/07/2025; nay thuộc xã Kiến Thụy, …").
//
// A unit exists in a period when the two overlap: valid_from on or before
// the period's last day, and valid_to (if any) on or after its first day. So
// the year 2025 has both a district that ended on 30/06/2025 and the commune
// that took its place on 01/07/2025; the fourth quarter has only the commune.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "plan/plan.h"

namespace chiso {

// The first and last day of a normalised period ("2025-Q3" → "2025-07-01",
// "2025-09-30"), as YYYY-MM-DD; nullopt for a text that is not one.
struct PeriodDays {
  std::string first;
  std::string last;
};
std::optional<PeriodDays> period_days(std::string_view period);

// Whether `text` is a real date written YYYY-MM-DD ("2025-02-30" is not).
bool is_iso_date(std::string_view text);
// "2025-07-01" → "01/07/2025", as Vietnamese (and British) text writes a
// day; a text of another length as it is.
std::string written_date(std::string_view iso);
// "A, B và C": names joined by commas, the last two by `last_separator`.
std::string names_joined(const std::vector<std::string>& names, std::string_view last_separator);

enum class UnitPresence { valid, not_yet, ended };

// REQUIRES: `unit` is one of plan.units. A unit without a validity, or a
// period that is "" or not a period, is valid.
UnitPresence unit_presence(const Plan& plan, const UnitDef& unit, std::string_view period);

// The unit's name in a period (issue 15 §3): the `names` entry in force on
// the period's last day, or on the unit's last day when it ended inside the
// period (the year 2025 names Thủy Nguyên as the city it was on 30/06/2025);
// else unit.name. A period that is "" or not a period: unit.name.
// REQUIRES: `unit` is one of plan.units. The result lives as long as the plan.
const std::string& unit_name_in(const Plan& plan, const UnitDef& unit, std::string_view period);
// The same for the short name (a `names` entry without one: its name when
// the unit's short_name is its name, else the unit's short_name).
const std::string& unit_short_name_in(const Plan& plan, const UnitDef& unit, std::string_view period);
// The name of the registered unit called `canonical` in `period`, or
// `canonical` itself when no unit is (an unregistered row's name).
// `unit_idx_hint`: the unit's index when known (UnitRow::unit_idx), else -1.
const std::string& unit_name_in(const Plan& plan, const std::string& canonical, int unit_idx_hint,
                                std::string_view period);

// The finding texts of a unit that no longer exists (ended) or not yet
// (not_yet), naming the day and its successors: Vietnamese, English.
struct PresenceWords {
  std::string vi;
  std::string en;
};
PresenceWords unit_presence_words(const Plan& plan, const UnitDef& unit, UnitPresence presence);

}  // namespace chiso
