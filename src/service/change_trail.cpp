#include "service/change_trail.h"

#include <algorithm>
#include <utility>

namespace chiso::service {
namespace {

bool is_day(const std::string& text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return false;
  for (std::size_t char_idx : {0u, 1u, 2u, 3u, 5u, 6u, 8u, 9u})
    if (text[char_idx] < '0' || text[char_idx] > '9') return false;
  return true;
}

Error field_error(const char* field, std::string message_vi, std::string message_en) {
  Error error = make_error(ErrorKind::bad_input, std::move(message_vi), std::move(message_en));
  error.field = field;
  return error;
}

std::string source_of(const Change& change) {
  if (change.source.empty() || change.source.front() == '/') return "web";
  if (change.author == "import") return "cli: import " + change.source;
  return "upload: " + change.source;
}

}  // namespace

Result<Trail> change_trail(const Plan& plan, Store& store, const TrailQuery& query) {
  using Day = std::pair<const char*, const std::string*>;
  for (const auto& [field, day] : {Day{"from", &query.from}, Day{"to", &query.to}})
    if (!day->empty() && !is_day(*day))
      return field_error(field, "Ngày '" + *day + "' không đúng dạng; cần YYYY-MM-DD (ví dụ 2025-04-10).",
                         "Day '" + *day + "' is not valid; expected YYYY-MM-DD (e.g. 2025-04-10).");
  if (query.limit < 1 || query.limit > kTrailLimitMax)
    return field_error("limit", "Số dòng mỗi trang phải từ 1 đến 1000.", "The page size must be 1 to 1000.");
  auto stored = store.periods();
  if (!stored) return stored.error();
  if (!query.period.empty() &&
      std::none_of(stored->begin(), stored->end(), [&](const PeriodInfo& info) { return info.period == query.period; }))
    return make_error(ErrorKind::not_found, "Kỳ " + query.period + " chưa có trong cơ sở dữ liệu.",
                      "Period " + query.period + " is not stored.");
  // The whole trail, for the ids; then the query's filters.
  std::vector<Change> all;
  for (const PeriodInfo& info : *stored) {
    HistoryQuery every;
    every.first_versions_by_cell = true;  // a row's first values too, old blank
    auto changes = store.history(info.period, every);
    if (!changes) return changes.error();
    all.insert(all.end(), std::make_move_iterator(changes->begin()), std::make_move_iterator(changes->end()));
  }
  std::stable_sort(all.begin(), all.end(),
                   [](const Change& a, const Change& b) { return a.changed_at_utc < b.changed_at_utc; });
  Trail trail;
  // Ids count from 1 at the oldest: change_idx = id - 1.
  const auto count = static_cast<std::int64_t>(all.size());
  const std::int64_t after_id = std::max<std::int64_t>(query.after_id, 0);
  const std::int64_t step = query.newest_first ? -1 : 1;
  std::int64_t first_idx = after_id;  // oldest first: the one after after_id
  if (query.newest_first) first_idx = (after_id > 0 ? std::min(after_id, count + 1) : count + 1) - 2;
  for (std::int64_t change_idx = first_idx; change_idx >= 0 && change_idx < count; change_idx += step) {
    const Change& change = all[static_cast<std::size_t>(change_idx)];
    if (!query.period.empty() && change.period != query.period) continue;
    if (!query.unit.empty() && change.unit != query.unit) continue;
    if (!query.indicator.empty() && change.indicator != query.indicator) continue;
    if (!query.user.empty() && change.author != query.user) continue;
    const std::string day = change.changed_at_utc.substr(0, 10);
    if (!query.from.empty() && day < query.from) continue;
    if (!query.to.empty() && day > query.to) continue;
    if (trail.entries.size() == static_cast<std::size_t>(query.limit)) {
      trail.next_after_id = trail.entries.back().id;
      break;
    }
    TrailEntry& entry = trail.entries.emplace_back();
    entry.id = static_cast<std::int64_t>(change_idx) + 1;
    entry.change = change;
    const int unit_idx = plan.unit_index(change.unit);
    if (unit_idx >= 0) entry.unit_id = unit_idx + 1;
    entry.source = source_of(change);
    entry.state = change.indicator.empty() ? change.new_state : "";
  }
  return trail;
}

}  // namespace chiso::service
