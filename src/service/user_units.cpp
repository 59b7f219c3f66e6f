#include "service/user_units.h"

#include <fmt/format.h>

#include <algorithm>

#include "common/text.h"
#include "plan/binding.h"

namespace chiso::service {
namespace {

// How many close names an unknown unit's message offers.
constexpr std::size_t closest_units_shown = 3;

// The registered names of the plan's units closest to `typed` (compared
// without diacritics), the closest first, joined by ", ".
std::string closest_units(const Plan& plan, const std::string& typed) {
  const std::string key = text::loose_key(typed);
  std::vector<std::pair<int, std::size_t>> ranked;  // distance, unit index
  for (std::size_t unit_idx = 0; unit_idx < plan.units.size(); ++unit_idx) {
    const UnitDef& unit = plan.units[unit_idx];
    int distance = text::edit_distance(key, text::loose_key(unit.name));
    if (!unit.short_name.empty())
      distance = std::min(distance, text::edit_distance(key, text::loose_key(unit.short_name)));
    ranked.emplace_back(distance, unit_idx);
  }
  const std::size_t shown = std::min(closest_units_shown, ranked.size());
  std::partial_sort(ranked.begin(), ranked.begin() + static_cast<std::ptrdiff_t>(shown), ranked.end());
  std::string names;
  for (std::size_t rank_idx = 0; rank_idx < shown; ++rank_idx)
    names += (names.empty() ? "" : ", ") + plan.units[ranked[rank_idx].second].name;
  return names;
}

// The one unit whose name (or short name) is `typed` but for diacritics
// ("So Tu phap" typed on a keyboard without Vietnamese input); -1 when none
// or several are.
int unit_without_diacritics(const Plan& plan, const std::string& typed) {
  const std::string key = text::loose_key(typed);
  int found = -1;
  for (std::size_t unit_idx = 0; unit_idx < plan.units.size() && !key.empty(); ++unit_idx) {
    const UnitDef& unit = plan.units[unit_idx];
    if (text::loose_key(unit.name) != key && (unit.short_name.empty() || text::loose_key(unit.short_name) != key))
      continue;
    if (found >= 0) return -1;
    found = static_cast<int>(unit_idx);
  }
  return found;
}

}  // namespace

Result<std::vector<std::string>> registered_unit_names(const Plan& plan, const std::vector<std::string>& typed_units) {
  std::vector<std::string> names;
  if (typed_units.empty()) return names;
  UnitMatcher matcher(plan);
  for (const std::string& typed : typed_units) {
    int unit_idx = plan.unit_index(typed);
    if (unit_idx < 0) unit_idx = matcher.match(typed);
    if (unit_idx < 0) unit_idx = unit_without_diacritics(plan, typed);
    if (unit_idx < 0) {
      const std::string closest = closest_units(plan, typed);
      Error error = make_error(
          ErrorKind::bad_input,
          fmt::format("Đơn vị '{}' không có trong kế hoạch. Các đơn vị gần nhất: {}.", typed, closest),
          fmt::format("Unit '{}' is not in the plan. The closest units: {}.", typed, closest));
      error.field = "unit";
      return error;
    }
    names.push_back(plan.units[static_cast<std::size_t>(unit_idx)].name);
  }
  return names;
}

}  // namespace chiso::service
