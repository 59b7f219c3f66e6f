// A period's changes (Store::history) as JSON, one object per change: what
// `chiso history --format json` prints and GET /api/periods/{p}/history
// answers, written here once for both doors.
#pragma once

#include <string>
#include <vector>

#include "store/store.h"

namespace chiso::service {

// [{"period", "unit", "indicator", "old_raw", "new_raw", "old_value",
//   "new_value", "old_version", "new_version", "old_state", "new_state",
//   "author", "at_utc", "source", "comment"}]; `indent` as nlohmann's dump
// (-1 = one line).
std::string changes_json(const std::vector<Change>& changes, int indent);

}  // namespace chiso::service
