// history(): what changed in a period, per unit and per cell, from one
// version to the next, and every move of a version's state. Cells are
// compared by parsed value ("100" and "100%" are the same number: no
// change); text that is not a number, by its raw text.
#include "store/sqlite_store.h"
#include "store/store_common.h"
#include "store/store_sql.h"

namespace chiso::store_detail {

Result<std::vector<Change>> SqliteStore::history(std::string_view period, const HistoryQuery& query) {
  auto found = find_period(period);
  if (!found) return found.error();
  sqlite3* db = connection_->get();
  std::string versions_sql = sql::history_versions;
  if (!query.unit.empty()) versions_sql += sql::and_unit_named;
  versions_sql += " ORDER BY s.unit_id, s.version";
  auto select = Statement::prepare(db, versions_sql);
  if (!select) return select.error();
  select->bind_int(1, found->first);
  if (!query.unit.empty()) select->bind_text(2, query.unit);
  std::vector<HistoryVersion> versions;
  for (;;) {
    auto stepped = select->step();
    if (!stepped) return stepped.error();
    if (!*stepped) break;
    HistoryVersion& version = versions.emplace_back();
    version.id = select->column_int(0);
    version.unit_id = select->column_int(1);
    version.unit = select->column_text(2);
    version.number = static_cast<int>(select->column_int(3));
    version.state = select->column_text(4);
    version.cells = select->column_text(5);
    version.author = select->column_text(6);
    version.at_utc = select->column_text(7);
    version.source = select->column_text(8);
    version.comment = select->column_text(9);
  }
  select->reset();

  auto diffed = changes_of_versions(period, query, versions);
  if (!diffed) return diffed.error();
  std::vector<Change> changes = std::move(*diffed);
  std::string period_name(period);
  if (query.with_states && query.indicator.empty()) {
    std::string events_sql = sql::history_events;
    if (!query.unit.empty()) events_sql += sql::and_unit_named;
    events_sql += " ORDER BY e.id";
    auto events = Statement::prepare(db, events_sql);
    if (!events) return events.error();
    events->bind_int(1, found->first);
    if (!query.unit.empty()) events->bind_text(2, query.unit);
    for (;;) {
      auto stepped = events->step();
      if (!stepped) return stepped.error();
      if (!*stepped) break;
      Change change;
      change.period = period_name;
      change.unit = events->column_text(0);
      change.old_version = change.new_version = static_cast<int>(events->column_int(1));
      change.old_state = events->column_text(2);
      change.new_state = events->column_text(3);
      change.author = events->column_text(4);
      change.changed_at_utc = events->column_text(5);
      change.comment = events->column_text(6);
      change.source = events->column_text(7);
      changes.push_back(std::move(change));
    }
  }
  sort_changes(changes);
  return changes;
}

}  // namespace chiso::store_detail
