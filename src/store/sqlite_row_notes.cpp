// What people say about a unit's row (schema 4): comments, the standing
// return, and a submit's explanations of its warnings. Comments are written
// in their own BEGIN IMMEDIATE transaction; the other two are read here and
// written with the state move (sqlite_unit_writes.cpp).
#include "store/sqlite_import_writer.h"
#include "store/sqlite_store.h"
#include "store/store_sql.h"

namespace chiso::store_detail {
namespace {

// The current version of (period, unit): its id and state; nullopt when none.
Result<std::optional<std::pair<std::int64_t, std::string>>> current_version(sqlite3* db, std::string_view period,
                                                                            std::string_view unit) {
  auto select = Statement::prepare(
      db,
      sql::current_of_named);
  if (!select) return select.error();
  select->bind_text(1, period);
  select->bind_text(2, unit);
  auto stepped = select->step();
  if (!stepped) return stepped.error();
  if (!*stepped) return std::optional<std::pair<std::int64_t, std::string>>();
  return std::optional<std::pair<std::int64_t, std::string>>(
      std::pair<std::int64_t, std::string>(select->column_int(0), std::string(select->column_text(1))));
}

}  // namespace

Result<RowComment> SqliteStore::add_comment(const Plan& plan, std::string_view period, std::string_view unit,
                                            const RowComment& comment) {
  if (auto ready = ensure_schema(); !ready) return ready.error();
  const int unit_idx = plan.unit_index(unit);
  if (unit_idx < 0)
    return unit_not_in_plan(unit);
  sqlite3* db = connection_->get();
  auto transaction = Transaction::begin_immediate(connection_, "comment " + std::string(unit));
  if (!transaction) return transaction.error();
  auto found = find_period(period);
  if (!found) return found.error();
  if (found->second == PeriodState::locked)
    return locked_comment_error(period);
  auto unit_id = registered_unit_id(*connection_, plan, unit_idx);
  if (!unit_id) return unit_id.error();
  RowComment kept = comment;
  kept.at_utc = now_utc_iso8601();
  auto insert = Statement::prepare(
      db,
      "INSERT INTO row_comment (period_id, unit_id, indicator, author, role, at_utc, text) "
      "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)");
  if (!insert) return insert.error();
  insert->bind_int(1, found->first);
  insert->bind_int(2, *unit_id);
  insert->bind_text(3, kept.indicator);
  insert->bind_text(4, kept.author);
  insert->bind_text(5, kept.role);
  insert->bind_text(6, kept.at_utc);
  insert->bind_text(7, kept.text);
  if (auto ran = insert->run(); !ran) return ran.error();
  kept.id = sqlite3_last_insert_rowid(db);
  if (auto committed = transaction->commit(); !committed) return committed.error();
  return kept;
}

Result<std::vector<RowComment>> SqliteStore::comments(std::string_view period, std::string_view unit) {
  if (auto ready = ensure_schema(); !ready) return ready.error();
  auto select = Statement::prepare(
      connection_->get(),
      sql::comments);
  if (!select) return select.error();
  select->bind_text(1, period);
  select->bind_text(2, unit);
  std::vector<RowComment> comments;
  auto read = for_each_row(*select, [&] {
    comments.push_back({select->column_int(0), std::string(select->column_text(1)),
                        std::string(select->column_text(2)), std::string(select->column_text(3)),
                        std::string(select->column_text(4)), std::string(select->column_text(5))});
  });
  if (!read) return read.error();
  return comments;
}

Result<std::optional<ReturnNote>> SqliteStore::standing_return(std::string_view period, std::string_view unit) {
  if (auto ready = ensure_schema(); !ready) return ready.error();
  sqlite3* db = connection_->get();
  auto current = current_version(db, period, unit);
  if (!current) return current.error();
  if (!*current || ((*current)->second != "returned" && (*current)->second != "draft"))
    return std::optional<ReturnNote>();
  // The last return or submit of the unit in the period, of any version: a
  // draft saved after a return is a new version, the return is on the one
  // before it.
  auto select = Statement::prepare(
      db,
      sql::last_review_event);
  if (!select) return select.error();
  select->bind_text(1, period);
  select->bind_text(2, unit);
  auto stepped = select->step();
  if (!stepped) return stepped.error();
  if (!*stepped || select->column_text(0) != "returned") return std::optional<ReturnNote>();
  return std::optional<ReturnNote>(ReturnNote{std::string(select->column_text(1)), std::string(select->column_text(2)),
                                              std::string(select->column_text(3)), std::string(select->column_text(4)),
                                              static_cast<int>(select->column_int(5))});
}

Result<std::map<std::string, std::string>> SqliteStore::explanations(std::string_view period,
                                                                     std::string_view unit) {
  if (auto ready = ensure_schema(); !ready) return ready.error();
  sqlite3* db = connection_->get();
  auto current = current_version(db, period, unit);
  if (!current) return current.error();
  std::map<std::string, std::string> texts;
  if (!*current) return texts;
  auto select = Statement::prepare(db, sql::explanations);
  if (!select) return select.error();
  select->bind_int(1, (*current)->first);
  auto read = for_each_row(*select, [&] {
    texts.emplace(std::string(select->column_text(0)), std::string(select->column_text(1)));
  });
  if (!read) return read.error();
  return texts;
}

}  // namespace chiso::store_detail
