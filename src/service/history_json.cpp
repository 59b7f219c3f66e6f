#include "service/history_json.h"

#include <nlohmann/json.hpp>

namespace chiso::service {

std::string changes_json(const std::vector<Change>& changes, int indent) {
  auto number = [](const std::optional<double>& value) { return value ? nlohmann::json(*value) : nlohmann::json(); };
  nlohmann::json out = nlohmann::json::array();
  for (const Change& change : changes) {
    out.push_back({{"period", change.period}, {"unit", change.unit}, {"indicator", change.indicator},
                   {"old_raw", change.old_raw}, {"new_raw", change.new_raw},
                   {"old_value", number(change.old_value)}, {"new_value", number(change.new_value)},
                   {"old_version", change.old_version}, {"new_version", change.new_version},
                   {"old_state", change.old_state}, {"new_state", change.new_state},
                   {"author", change.author}, {"at_utc", change.changed_at_utc},
                   {"source", change.source}, {"comment", change.comment}});
  }
  return out.dump(indent, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace chiso::service
