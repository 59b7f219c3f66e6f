// Units over time: a period's days, and a unit's presence in them.
#include "plan/unit_validity.h"

#include <fmt/format.h>

#include <charconv>

#include "plan/period.h"

namespace chiso {

namespace {

int days_in_month(int year, int month) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  return month == 2 && leap ? 29 : kDays[month - 1];
}

std::optional<int> number_at(std::string_view text, size_t at, size_t length) {
  if (at + length > text.size()) return std::nullopt;
  int value = 0;
  const char* begin = text.data() + at;
  auto [end, error] = std::from_chars(begin, begin + length, value);
  if (error != std::errc() || end != begin + length) return std::nullopt;
  return value;
}

std::string day(int year, int month, int day_of_month) {
  return fmt::format("{:04}-{:02}-{:02}", year, month, day_of_month);
}

// The `names` entry of `unit` in force on `day` (YYYY-MM-DD); nullptr when
// none is. ISO dates compare as text.
const UnitName* name_on(const Plan& plan, const UnitDef& unit, std::string_view on_day) {
  if (unit.validity_idx < 0 || static_cast<size_t>(unit.validity_idx) >= plan.unit_validity.size()) {
    return nullptr;
  }
  for (const UnitName& entry : plan.unit_validity[static_cast<size_t>(unit.validity_idx)].names) {
    if (!entry.valid_from.empty() && entry.valid_from > on_day) continue;
    if (!entry.valid_to.empty() && entry.valid_to < on_day) continue;
    return &entry;
  }
  return nullptr;
}

// The day a period is named by: its last, or the unit's last when earlier.
const UnitName* name_in(const Plan& plan, const UnitDef& unit, std::string_view period) {
  if (unit.validity_idx < 0 || static_cast<size_t>(unit.validity_idx) >= plan.unit_validity.size()) {
    return nullptr;
  }
  const UnitValidity& validity = plan.unit_validity[static_cast<size_t>(unit.validity_idx)];
  if (validity.names.empty()) return nullptr;
  const std::optional<PeriodDays> days = period_days(period);
  if (!days) return nullptr;
  const std::string_view named_on =
      !validity.valid_to.empty() && validity.valid_to < days->last ? std::string_view(validity.valid_to)
                                                                   : std::string_view(days->last);
  return name_on(plan, unit, named_on);
}

}  // namespace

std::string names_joined(const std::vector<std::string>& names, std::string_view last_separator) {
  std::string out;
  for (size_t name_idx = 0; name_idx < names.size(); ++name_idx) {
    if (name_idx > 0) out += name_idx + 1 == names.size() ? last_separator : std::string_view(", ");
    out += names[name_idx];
  }
  return out;
}

std::string written_date(std::string_view iso) {
  if (iso.size() != 10) return std::string(iso);
  return std::string(iso.substr(8, 2)) + "/" + std::string(iso.substr(5, 2)) + "/" + std::string(iso.substr(0, 4));
}

const std::string& unit_name_in(const Plan& plan, const UnitDef& unit, std::string_view period) {
  const UnitName* entry = name_in(plan, unit, period);
  return entry != nullptr ? entry->name : unit.name;
}

const std::string& unit_short_name_in(const Plan& plan, const UnitDef& unit, std::string_view period) {
  const UnitName* entry = name_in(plan, unit, period);
  if (entry == nullptr) return unit.short_name;
  if (!entry->short_name.empty()) return entry->short_name;
  return unit.short_name == unit.name ? entry->name : unit.short_name;
}

const std::string& unit_name_in(const Plan& plan, const std::string& canonical, int unit_idx_hint,
                                std::string_view period) {
  if (plan.unit_validity.empty() || canonical.empty()) return canonical;
  int unit_idx = unit_idx_hint;
  if (unit_idx < 0 || static_cast<size_t>(unit_idx) >= plan.units.size() ||
      plan.units[static_cast<size_t>(unit_idx)].name != canonical) {
    unit_idx = plan.unit_index(canonical);
  }
  if (unit_idx < 0) return canonical;
  return unit_name_in(plan, plan.units[static_cast<size_t>(unit_idx)], period);
}

bool is_iso_date(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return false;
  auto year = number_at(text, 0, 4);
  auto month = number_at(text, 5, 2);
  auto day_of_month = number_at(text, 8, 2);
  if (!year || !month || !day_of_month) return false;
  if (*year < kPeriodYearMin || *year > kPeriodYearMax || *month < 1 || *month > 12) return false;
  return *day_of_month >= 1 && *day_of_month <= days_in_month(*year, *month);
}

std::optional<PeriodDays> period_days(std::string_view period) {
  auto year = number_at(period, 0, 4);
  if (!year) return std::nullopt;
  int first_month = 1;
  int last_month = 12;
  switch (period_kind(period)) {
    case PeriodKind::year: break;
    case PeriodKind::half: {
      auto half = number_at(period, 6, 1);
      if (!half) return std::nullopt;
      first_month = *half == 1 ? 1 : 7;
      last_month = first_month + 5;
      break;
    }
    case PeriodKind::quarter: {
      auto quarter = number_at(period, 6, 1);
      if (!quarter) return std::nullopt;
      first_month = 3 * (*quarter - 1) + 1;
      last_month = first_month + 2;
      break;
    }
    case PeriodKind::month: {
      auto month = number_at(period, 5, 2);
      if (!month) return std::nullopt;
      first_month = last_month = *month;
      break;
    }
    case PeriodKind::other: return std::nullopt;
  }
  return PeriodDays{day(*year, first_month, 1), day(*year, last_month, days_in_month(*year, last_month))};
}

UnitPresence unit_presence(const Plan& plan, const UnitDef& unit, std::string_view period) {
  if (unit.validity_idx < 0 || static_cast<size_t>(unit.validity_idx) >= plan.unit_validity.size()) {
    return UnitPresence::valid;
  }
  const UnitValidity& validity = plan.unit_validity[static_cast<size_t>(unit.validity_idx)];
  const std::optional<PeriodDays> days = period_days(period);
  if (!days) return UnitPresence::valid;
  // ISO dates compare as text.
  if (!validity.valid_to.empty() && validity.valid_to < days->first) return UnitPresence::ended;
  if (!validity.valid_from.empty() && validity.valid_from > days->last) return UnitPresence::not_yet;
  return UnitPresence::valid;
}

PresenceWords unit_presence_words(const Plan& plan, const UnitDef& unit, UnitPresence presence) {
  PresenceWords words;
  if (unit.validity_idx < 0 || static_cast<size_t>(unit.validity_idx) >= plan.unit_validity.size()) return words;
  const UnitValidity& validity = plan.unit_validity[static_cast<size_t>(unit.validity_idx)];
  if (presence == UnitPresence::not_yet) {
    const UnitName* first_name = name_on(plan, unit, validity.valid_from);
    const std::string& name = first_name != nullptr ? first_name->name : unit.name;
    words.vi = fmt::format("{} có từ {}.", name, written_date(validity.valid_from));
    words.en = fmt::format("{} exists from {}.", name, written_date(validity.valid_from));
    return words;
  }
  if (presence != UnitPresence::ended) return words;
  // Named as it was on its last day (a district that had become a city).
  const UnitName* last_name = name_on(plan, unit, validity.valid_to);
  const std::string& name = last_name != nullptr ? last_name->name : unit.name;
  // The day after valid_to is the first day without it.
  std::string ended_vi = written_date(validity.valid_to);
  std::string ended_en = ended_vi;
  if (is_iso_date(validity.valid_to)) {
    int year = *number_at(validity.valid_to, 0, 4);
    int month = *number_at(validity.valid_to, 5, 2);
    int day_of_month = *number_at(validity.valid_to, 8, 2) + 1;
    if (day_of_month > days_in_month(year, month)) {
      day_of_month = 1;
      if (++month > 12) {
        month = 1;
        ++year;
      }
    }
    ended_vi = ended_en = written_date(day(year, month, day_of_month));
  }
  words.vi = fmt::format("{} không còn từ {}", name, ended_vi);
  words.en = fmt::format("{} no longer exists from {}", name, ended_en);
  const std::string successors_vi = names_joined(validity.successors, " và ");
  const std::string successors_en = names_joined(validity.successors, " and ");
  switch (validity.succession) {
    case Succession::merged_into:
      words.vi += "; nay thuộc " + successors_vi;
      words.en += "; it is now part of " + successors_en;
      break;
    case Succession::split_into:
      words.vi += "; nay thuộc " + successors_vi;
      words.en += "; its area is now in " + successors_en;
      break;
    case Succession::renamed_to:
      words.vi += "; nay là " + successors_vi;
      words.en += "; it is now " + successors_en;
      break;
    case Succession::upgraded_to:
      words.vi += "; nay là " + successors_vi;
      words.en += "; it became " + successors_en;
      break;
    case Succession::none: break;
  }
  words.vi += ".";
  words.en += ".";
  return words;
}

}  // namespace chiso
