// One unit's save, the moves of its state, and periods opened, locked and
// unlocked (store.h has the design and its transitions). Each is one
// BEGIN IMMEDIATE transaction: the checks of the current version and the
// write see the same state, whoever else writes.
#include <fmt/format.h>

#include "store/cells.h"
#include "store/period_order.h"
#include "store/sqlite_import_writer.h"
#include "store/sqlite_store.h"
#include "store/store_sql.h"

namespace chiso::store_detail {
namespace {

struct Current {
  std::int64_t id = 0;
  int version = 0;
  SubmissionState state = SubmissionState::submitted;
  std::string cells;
  int error_count = 0, warning_count = 0;
};

// The current version of (period, unit), or none.
Result<std::optional<Current>> read_current(Connection& db, std::int64_t period_id, std::int64_t unit_id) {
  auto select = Statement::cached(
      db,
      sql::read_current);
  if (!select) return select.error();
  select->bind_int(1, period_id);
  select->bind_int(2, unit_id);
  auto stepped = select->step();
  if (!stepped) return stepped.error();
  if (!*stepped) return std::optional<Current>();
  Current current;
  current.id = select->column_int(0);
  current.version = static_cast<int>(select->column_int(1));
  current.state = submission_state_from_name(select->column_text(2)).value_or(SubmissionState::submitted);
  current.cells = select->column_text(3);
  current.error_count = static_cast<int>(select->column_int(4));
  current.warning_count = static_cast<int>(select->column_int(5));
  return std::optional<Current>(std::move(current));
}

Result<std::optional<std::int64_t>> find_id(Connection& db, const char* sql, std::string_view key) {
  auto select = Statement::cached(db, sql);
  if (!select) return select.error();
  select->bind_text(1, key);
  auto stepped = select->step();
  if (!stepped) return stepped.error();
  if (!*stepped) return std::optional<std::int64_t>();
  return std::optional<std::int64_t>(select->column_int(0));
}

Result<void> add_event(Connection& db, std::int64_t version_id, SubmissionState from, SubmissionState to,
                       const Provenance& who, const std::string& at_utc) {
  auto insert = Statement::cached(
      db,
      sql::insert_event);
  if (!insert) return insert.error();
  insert->bind_int(1, version_id);
  insert->bind_text(2, submission_state_name(from));
  insert->bind_text(3, submission_state_name(to));
  insert->bind_text(4, who.author);
  insert->bind_text(5, at_utc);
  insert->bind_text(6, who.comment);
  insert->bind_text(7, who.page);
  insert->bind_text(8, who.indicator);
  if (auto ran = insert->run(); !ran) return ran;
  if (to != SubmissionState::submitted) return {};
  // A submit's explanations replace those of an earlier submit of the version.
  auto clear = Statement::cached(db, sql::clear_explanations);
  if (!clear) return clear.error();
  clear->bind_int(1, version_id);
  if (auto ran = clear->run(); !ran) return ran;
  for (const auto& [key, text] : who.explanations) {
    auto keep = Statement::cached(db, sql::insert_explanation);
    if (!keep) return keep.error();
    keep->bind_int(1, version_id);
    keep->bind_text(2, key);
    keep->bind_text(3, text);
    if (auto ran = keep->run(); !ran) return ran;
  }
  return {};
}

Result<void> bump_period(Connection& db, std::int64_t period_id, int unit_delta, int error_delta, int warning_delta,
                         int versions_added, const std::string& at_utc, const std::string& source) {
  auto update = Statement::cached(db, sql::bump_period);
  if (!update) return update.error();
  update->bind_int(1, period_id);
  update->bind_int(2, unit_delta);
  update->bind_int(3, error_delta);
  update->bind_int(4, warning_delta);
  update->bind_int(5, versions_added);
  update->bind_int(6, 1);
  update->bind_text(7, at_utc);
  update->bind_text(8, source);
  update->bind_int(9, 0);  // one writer at a time: every change in shard 0 (schema.cpp, migration 8)
  return update->run();
}

}  // namespace

Result<std::int64_t> registered_unit_id(Connection& db, const Plan& plan, int unit_idx) {
  const UnitDef& unit = plan.units[static_cast<std::size_t>(unit_idx)];
  auto unit_id = find_id(db, "SELECT id FROM unit WHERE name = ?1", unit.name);
  if (!unit_id) return unit_id.error();
  if (*unit_id) return **unit_id;
  auto insert = Statement::cached(db, "INSERT INTO unit (name, kind, registered) VALUES (?1, ?2, 1)");
  if (!insert) return insert.error();
  insert->bind_text(1, unit.name);
  insert->bind_text(2, plan.unit_kind_id(unit.kind));
  if (auto ran = insert->run(); !ran) return ran.error();
  return static_cast<std::int64_t>(sqlite3_last_insert_rowid(db.get()));
}

Result<UnitWriteResult> SqliteStore::write_unit(const Plan& plan, const UnitWrite& write) {
  if (auto ready = ensure_schema(); !ready) return ready.error();
  const std::string& unit = write.row.unit_name;
  auto checked = check_unit_write(plan, write);
  if (!checked) return checked.error();
  const int unit_idx = *checked;
  Connection& db = *connection_;
  auto transaction = Transaction::begin_immediate(connection_, "save " + unit);
  if (!transaction) return transaction.error();
  auto period = Statement::cached(*connection_, sql::find_period);
  if (!period) return period.error();
  period->bind_text(1, write.period);
  auto stepped = period->step();
  if (!stepped) return stepped.error();
  if (!*stepped) return period_not_stored(write.period);
  const std::int64_t period_id = period->column_int(0);
  if (period->column_text(1) == "locked") return locked_error(write.period);
  period->reset();

  auto unit_id = registered_unit_id(db, plan, unit_idx);
  if (!unit_id) return unit_id.error();
  auto current = read_current(db, period_id, *unit_id);
  if (!current) return current.error();
  const int current_version = *current ? (*current)->version : 0;
  if (write.based_on_version != current_version) {
    Error error = stale_error(unit, write.based_on_version, current_version);
    return error;
  }
  if (*current && (*current)->state == SubmissionState::approved) return approved_error(unit);

  std::vector<std::string> codes;
  for (const Indicator& indicator : plan.indicators) codes.push_back(indicator.code);
  EncodedCells encoded;
  encode_cells(write.row, codes, encoded);
  const std::string at_utc = now_utc_iso8601();
  if (*current && (*current)->state != SubmissionState::withdrawn && (*current)->cells == encoded.cells) {
    // The same values: no version. A save that submits moves the state.
    if (write.state == SubmissionState::submitted && (*current)->state != SubmissionState::submitted) {
      auto update = Statement::cached(db, "UPDATE unit_submission SET state = 'submitted' WHERE id = ?1");
      if (!update) return update.error();
      update->bind_int(1, (*current)->id);
      if (auto ran = update->run(); !ran) return ran.error();
      if (auto added = add_event(db, (*current)->id, (*current)->state, SubmissionState::submitted,
                                 write.provenance, at_utc);
          !added)
        return added.error();
      if (auto bumped = bump_period(db, period_id, 0, 0, 0, 0, at_utc, write.provenance.page); !bumped)
        return bumped.error();
      if (auto committed = transaction->commit(); !committed) return committed.error();
    }
    return UnitWriteResult{current_version, false};
  }

  auto source = Statement::cached(
      db, "INSERT INTO source (kind, author, file_name, page, created_at_utc) VALUES ('page', ?1, ?2, ?3, ?4)");
  if (!source) return source.error();
  source->bind_text(1, write.provenance.author);
  source->bind_text(2, write.provenance.file);
  source->bind_text(3, write.provenance.page);
  source->bind_text(4, at_utc);
  if (auto ran = source->run(); !ran) return ran.error();
  const std::int64_t source_id = sqlite3_last_insert_rowid(db.get());
  const auto [errors, warnings] = count_findings(write.findings);
  int unit_delta = 1, error_delta = errors, warning_delta = warnings;
  if (*current) {
    auto clear = Statement::cached(*connection_, sql::clear_current);
    if (!clear) return clear.error();
    clear->bind_int(1, (*current)->id);
    if (auto ran = clear->run(); !ran) return ran.error();
    if ((*current)->state != SubmissionState::withdrawn) unit_delta = 0;
    error_delta -= (*current)->error_count;
    warning_delta -= (*current)->warning_count;
  }
  auto insert = Statement::cached(
      db,
      "INSERT INTO unit_submission (period_id, unit_id, version, state, is_current, source_id, row_number, "
      "raw_name, table_idx, row_idx, col_idx, comment, cells, positions, error_count, warning_count) "
      "VALUES (?1, ?2, ?3, ?4, 1, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)");
  if (!insert) return insert.error();
  insert->bind_int(1, period_id);
  insert->bind_int(2, *unit_id);
  insert->bind_int(3, current_version + 1);
  insert->bind_text(4, submission_state_name(write.state));
  insert->bind_int(5, source_id);
  insert->bind_int(6, write.row.row_number);
  insert->bind_text(7, write.row.raw_name);
  insert->bind_int(8, write.row.pos.table_idx);
  insert->bind_int(9, write.row.pos.row_idx);
  insert->bind_int(10, write.row.pos.col_idx);
  insert->bind_text(11, write.provenance.comment);
  insert->bind_text(12, encoded.cells);
  insert->bind_text(13, encoded.positions);
  insert->bind_int(14, errors);
  insert->bind_int(15, warnings);
  if (auto ran = insert->run(); !ran) return ran.error();
  const std::int64_t version_id = sqlite3_last_insert_rowid(db.get());
  auto finding_insert = Statement::cached(db, finding_insert_sql(1));
  if (!finding_insert) return finding_insert.error();
  for (const Finding& write_finding : write.findings) {
    Finding finding = write_finding;
    finding.period = write.period;  // kept under the period it was saved in
    bind_finding(*finding_insert, 1, source_id, version_id, finding);
    if (auto ran = finding_insert->run(); !ran) return ran.error();
  }
  if (auto bumped = bump_period(db, period_id, unit_delta, error_delta, warning_delta, 1, at_utc,
                                write.provenance.page.empty() ? write.provenance.file : write.provenance.page);
      !bumped)
    return bumped.error();
  if (auto committed = transaction->commit(); !committed) return committed.error();
  return UnitWriteResult{current_version + 1, true};
}

Result<void> SqliteStore::set_state(std::string_view period, std::string_view unit, int based_on_version,
                                    SubmissionState to, const Provenance& who) {
  if (auto ready = ensure_schema(); !ready) return ready.error();
  Connection& db = *connection_;
  auto transaction = Transaction::begin_immediate(connection_, "state " + std::string(unit));
  if (!transaction) return transaction.error();
  auto found = find_period(period);
  if (!found) return found.error();
  if (found->second == PeriodState::locked) return locked_error(period);
  auto unit_id = find_id(db, "SELECT id FROM unit WHERE name = ?1", unit);
  if (!unit_id) return unit_id.error();
  std::optional<Current> current;
  if (*unit_id) {
    auto read = read_current(db, found->first, **unit_id);
    if (!read) return read.error();
    current = std::move(*read);
  }
  if (!current || current->state == SubmissionState::withdrawn) return no_submission_error(period, unit);
  if (current->version != based_on_version) return stale_error(unit, based_on_version, current->version);
  if (auto allowed = check_move(unit, current->state, to, who); !allowed) return allowed;
  auto update = Statement::cached(*connection_, sql::set_version_state);
  if (!update) return update.error();
  update->bind_int(1, current->id);
  update->bind_text(2, submission_state_name(to));
  if (auto ran = update->run(); !ran) return ran;
  const std::string at_utc = now_utc_iso8601();
  if (auto added = add_event(db, current->id, current->state, to, who, at_utc); !added) return added;
  if (auto bumped = bump_period(db, found->first, 0, 0, 0, 0, at_utc, who.page); !bumped) return bumped;
  return transaction->commit();
}

Result<void> SqliteStore::open_period(std::string_view period, std::string_view deadline) {
  if (auto ready = ensure_schema(); !ready) return ready.error();
  Connection& db = *connection_;
  auto transaction = Transaction::begin_immediate(connection_, "open " + std::string(period));
  if (!transaction) return transaction.error();
  auto insert = Statement::cached(
      db,
      sql::open_period);
  if (!insert) return insert.error();
  std::string sort_key = period_sort_key(period);
  insert->bind_text(1, period);
  insert->bind_text(2, sort_key);
  insert->bind_text(3, deadline);
  if (auto ran = insert->run(); !ran) return ran;
  return transaction->commit();
}

Result<void> SqliteStore::set_period_state(std::string_view period, PeriodState state, const Provenance& who) {
  if (auto ready = ensure_schema(); !ready) return ready.error();
  if (state == PeriodState::open && who.comment.empty())
    return unlock_needs_reason();
  auto transaction = Transaction::begin_immediate(connection_, "lock " + std::string(period));
  if (!transaction) return transaction.error();
  auto found = find_period(period);
  if (!found) return found.error();
  if (found->second == state) return transaction->commit();
  auto update = Statement::cached(*connection_, sql::set_period_state);
  if (!update) return update.error();
  update->bind_int(1, found->first);
  update->bind_text(2, period_state_name(state));
  if (auto ran = update->run(); !ran) return ran;
  auto event = Statement::cached(*connection_, sql::insert_period_event);
  if (!event) return event.error();
  event->bind_int(1, found->first);
  event->bind_text(2, state == PeriodState::locked ? "lock" : "unlock");
  event->bind_text(3, who.author);
  std::string at_utc = now_utc_iso8601();
  event->bind_text(4, at_utc);
  event->bind_text(5, who.comment);
  if (auto ran = event->run(); !ran) return ran;
  return transaction->commit();
}

}  // namespace chiso::store_detail
