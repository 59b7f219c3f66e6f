// One unit's save, the moves of its state, periods opened and locked, and
// what people say about a row, over PostgreSQL (store.h has the design and
// its transitions). Each write is one transaction that first takes the
// period's advisory lock, shared for a unit's write (with the unit's own
// lock alone), alone for a lock or unlock (pg_store.h): the check of the
// current version and the write see the same state, whatever other servers
// write, and writes of different units do not wait for one another.
#include "store/cells.h"
#include "store/pg_import_writer.h"
#include "store/pg_store.h"
#include "store/period_order.h"
#include "store/store_common.h"
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

// A unit's write, its locks held (lock_unit below): the period, and the
// unit's current version when the database has the unit and it has one.
struct Held {
  std::int64_t period_id = 0;
  PeriodState period_state = PeriodState::open;
  std::optional<std::int64_t> unit_id;
  std::optional<Current> current;
};

// Takes the period's lock shared (busy when another holds it alone) and the
// unit's alone, then reads the period's state and the unit's current
// version in a statement of its own (its snapshot later than the locks: a
// lock or a write of the unit that committed while this waited is seen).
// Not found when the period is not stored. REQUIRES: a transaction.
Result<Held> lock_unit(pg::PgConnection& connection, std::string_view period, std::string_view unit) {
  auto locked = connection.prepared("lock_unit_in_period", lock_unit_in_period, {param(period), param(unit)});
  if (!locked) return locked.error();
  if (locked->text(0, 0) != "t") return pg_period_held_error(period, false);
  Held held;
  if (!locked->is_null(0, 2)) held.unit_id = locked->integer(0, 2);
  auto rows = connection.prepared(
      "period_and_current",
      "SELECT p.id, p.state, s.id, s.version, s.state, s.cells, s.error_count, s.warning_count FROM period p "
      "LEFT JOIN unit_submission s ON s.period_id = p.id AND s.unit_id = $2 AND s.is_current = 1 "
      "WHERE p.name = $1",
      {param(period), held.unit_id ? param(*held.unit_id) : std::nullopt});
  if (!rows) return rows.error();
  if (rows->rows() == 0) return period_not_stored(period);
  held.period_id = rows->integer(0, 0);
  held.period_state = rows->text(0, 1) == "locked" ? PeriodState::locked : PeriodState::open;
  if (rows->is_null(0, 2)) return held;
  Current& current = held.current.emplace();
  current.id = rows->integer(0, 2);
  current.version = static_cast<int>(rows->integer(0, 3));
  current.state = submission_state_from_name(rows->text(0, 4)).value_or(SubmissionState::submitted);
  current.cells = rows->text(0, 5);
  current.error_count = static_cast<int>(rows->integer(0, 6));
  current.warning_count = static_cast<int>(rows->integer(0, 7));
  return held;
}

Result<void> add_event(pg::PgConnection& connection, std::int64_t version_id, SubmissionState from,
                       SubmissionState to, const Provenance& who, const std::string& at_utc) {
  auto inserted = connection.prepared(
      "insert_event", sql::insert_event,
      {param(version_id), param(submission_state_name(from)), param(submission_state_name(to)), param(who.author),
       param(at_utc), param(who.comment), param(who.page), param(who.indicator)});
  if (!inserted) return inserted.error();
  if (to != SubmissionState::submitted) return {};
  // A submit's explanations replace those of an earlier submit of the version.
  if (auto cleared = connection.prepared("clear_explanations", sql::clear_explanations, {param(version_id)});
      !cleared)
    return cleared.error();
  for (const auto& [key, text] : who.explanations)
    if (auto kept = connection.prepared("insert_explanation", sql::insert_explanation,
                                        {param(version_id), param(key), param(text)});
        !kept)
      return kept.error();
  return {};
}

// Counts a write of unit `unit_id` in its shard's row of the period's tally.
// The last statement of a write's transaction: the row stays locked until
// the commit, and only writes in the same shard wait for it.
Result<void> bump_period(pg::PgConnection& connection, std::int64_t period_id, std::int64_t unit_id, int unit_delta,
                         int error_delta, int warning_delta, int versions_added, const std::string& at_utc,
                         const std::string& source) {
  auto updated = connection.prepared(
      "bump_period", sql::bump_period,
      {param(period_id), param(std::int64_t{unit_delta}), param(std::int64_t{error_delta}),
       param(std::int64_t{warning_delta}), param(std::int64_t{versions_added}), param(std::int64_t{1}), param(at_utc),
       param(source), param(unit_id % pg_tally_shards)});
  if (!updated) return updated.error();
  return {};
}

}  // namespace

Result<std::int64_t> pg_registered_unit_id(pg::PgConnection& connection, const Plan& plan, int unit_idx) {
  const UnitDef& unit = plan.units[static_cast<std::size_t>(unit_idx)];
  auto found = connection.prepared("unit_id_by_name", sql::unit_id_by_name, {param(unit.name)});
  if (!found) return found.error();
  if (found->rows() > 0) return found->integer(0, 0);
  // Another connection may add it at the same moment: then its id.
  auto inserted = connection.prepared(
      "insert_registered_unit",
      "INSERT INTO unit (name, kind, registered) VALUES ($1, $2, 1) ON CONFLICT (name) DO UPDATE SET "
      "name = excluded.name RETURNING id",
      {param(unit.name), param(plan.unit_kind_id(unit.kind))});
  if (!inserted) return inserted.error();
  return inserted->integer(0, 0);
}

Result<UnitWriteResult> PgStore::write_unit(const Plan& plan, const UnitWrite& write) {
  auto checked = check_unit_write(plan, write);
  if (!checked) return checked.error();
  const std::string& unit = write.row.unit_name;
  pg::PgTransaction transaction(*connection_);
  if (auto begun = transaction.begin(); !begun) return begun.error();
  auto held = lock_unit(*connection_, write.period, unit);
  if (!held) return held.error();
  if (held->period_state == PeriodState::locked) return locked_error(write.period);
  const std::int64_t period_id = held->period_id;
  auto unit_id = held->unit_id ? Result<std::int64_t>(*held->unit_id)
                               : pg_registered_unit_id(*connection_, plan, *checked);
  if (!unit_id) return unit_id.error();
  const std::optional<Current>& current = held->current;
  const int current_version = current ? current->version : 0;
  if (write.based_on_version != current_version) return stale_error(unit, write.based_on_version, current_version);
  if (current && current->state == SubmissionState::approved) return approved_error(unit);

  std::vector<std::string> codes;
  for (const Indicator& indicator : plan.indicators) codes.push_back(indicator.code);
  EncodedCells encoded;
  encode_cells(write.row, codes, encoded);
  const std::string at_utc = now_utc_iso8601();
  if (current && current->state != SubmissionState::withdrawn && current->cells == encoded.cells) {
    // The same values: no version. A save that submits moves the state.
    if (write.state == SubmissionState::submitted && current->state != SubmissionState::submitted) {
      if (auto updated = connection_->prepared("set_version_state", sql::set_version_state,
                                               {param(current->id), param("submitted")});
          !updated)
        return updated.error();
      if (auto added = add_event(*connection_, current->id, current->state, SubmissionState::submitted,
                                 write.provenance, at_utc);
          !added)
        return added.error();
      if (auto bumped = bump_period(*connection_, period_id, *unit_id, 0, 0, 0, 0, at_utc, write.provenance.page);
          !bumped)
        return bumped.error();
      if (auto committed = transaction.commit(); !committed) return committed.error();
    }
    return UnitWriteResult{current_version, false};
  }

  const auto [errors, warnings] = count_findings(write.findings);
  int unit_delta = 1, error_delta = errors, warning_delta = warnings;
  if (current) {
    if (current->state != SubmissionState::withdrawn) unit_delta = 0;
    error_delta -= current->error_count;
    warning_delta -= current->warning_count;
  }
  // One statement: the page's source, the current version no longer current
  // ($15, NULL when there is none), the new version. The unique
  // (period_id, unit_id, version) key is the backstop: a writer that got
  // here from the same version as another fails on it (conflict).
  auto inserted = connection_->prepared(
      "insert_page_version",
      "WITH cleared AS (UPDATE unit_submission SET is_current = 0 WHERE id = $15), "
      "page AS (INSERT INTO source (kind, author, file_name, page, created_at_utc) "
      "VALUES ('page', $16, $17, $18, $19) RETURNING id) "
      "INSERT INTO unit_submission (period_id, unit_id, version, state, is_current, source_id, row_number, "
      "raw_name, table_idx, row_idx, col_idx, comment, cells, positions, error_count, warning_count) "
      "SELECT $1, $2, $3, $4, 1, page.id, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14 FROM page "
      "RETURNING id, source_id",
      {param(period_id), param(*unit_id), param(std::int64_t{current_version + 1}),
       param(submission_state_name(write.state)), param(std::int64_t{write.row.row_number}),
       param(write.row.raw_name), param(std::int64_t{write.row.pos.table_idx}),
       param(std::int64_t{write.row.pos.row_idx}), param(std::int64_t{write.row.pos.col_idx}),
       param(write.provenance.comment), param(encoded.cells), param(encoded.positions),
       param(std::int64_t{errors}), param(std::int64_t{warnings}), current ? param(current->id) : std::nullopt,
       param(write.provenance.author), param(write.provenance.file), param(write.provenance.page), param(at_utc)});
  if (!inserted) {
    if (connection_->last_sqlstate() == "23505")
      return stale_error(unit, write.based_on_version, current_version + 1);
    return inserted.error();
  }
  const std::int64_t version_id = inserted->integer(0, 0);
  const std::int64_t source_id = inserted->integer(0, 1);
  if (!write.findings.empty()) {
    std::string copy;
    for (const Finding& write_finding : write.findings) {
      Finding finding = write_finding;
      finding.period = write.period;  // kept under the period it was saved in
      append_finding_copy_line(copy, source_id, version_id, finding);
    }
    if (auto copied = connection_->copy_in(finding_copy_sql, copy); !copied) return copied.error();
  }
  if (auto bumped = bump_period(*connection_, period_id, *unit_id, unit_delta, error_delta, warning_delta, 1, at_utc,
                                write.provenance.page.empty() ? write.provenance.file : write.provenance.page);
      !bumped)
    return bumped.error();
  if (auto committed = transaction.commit(); !committed) return committed.error();
  return UnitWriteResult{current_version + 1, true};
}

Result<void> PgStore::set_state(std::string_view period, std::string_view unit, int based_on_version,
                                SubmissionState to, const Provenance& who) {
  pg::PgTransaction transaction(*connection_);
  if (auto begun = transaction.begin(); !begun) return begun;
  auto held = lock_unit(*connection_, period, unit);
  if (!held) return held.error();
  if (held->period_state == PeriodState::locked) return locked_error(period);
  const std::optional<Current>& current = held->current;
  if (!current || current->state == SubmissionState::withdrawn) return no_submission_error(period, unit);
  if (current->version != based_on_version) return stale_error(unit, based_on_version, current->version);
  if (auto allowed = check_move(unit, current->state, to, who); !allowed) return allowed;
  if (auto updated = connection_->prepared("set_version_state", sql::set_version_state,
                                           {param(current->id), param(submission_state_name(to))});
      !updated)
    return updated.error();
  const std::string at_utc = now_utc_iso8601();
  if (auto added = add_event(*connection_, current->id, current->state, to, who, at_utc); !added) return added;
  if (auto bumped = bump_period(*connection_, held->period_id, *held->unit_id, 0, 0, 0, 0, at_utc, who.page); !bumped)
    return bumped;
  return transaction.commit();
}

Result<void> PgStore::open_period(std::string_view period, std::string_view deadline) {
  auto opened = connection_->prepared("open_period", sql::open_period,
                                      {param(period), param(period_sort_key(period)), param(deadline)});
  if (!opened) return opened.error();
  return {};
}

Result<void> PgStore::set_period_state(std::string_view period, PeriodState state, const Provenance& who) {
  if (state == PeriodState::open && who.comment.empty()) return unlock_needs_reason();
  pg::PgTransaction transaction(*connection_);
  if (auto begun = transaction.begin(); !begun) return begun;
  // Alone: the writes in flight end first, those after see the new state.
  if (auto locked = connection_->prepared("lock_period_alone", lock_period_alone, {param(period)}); !locked)
    return connection_->last_sqlstate() == "55P03" ? pg_period_held_error(period, true) : locked.error();
  auto found = find_period(period, true);
  if (!found) return found.error();
  if (found->second == state) return transaction.commit();
  if (auto updated = connection_->prepared("set_period_state", sql::set_period_state,
                                           {param(found->first), param(period_state_name(state))});
      !updated)
    return updated.error();
  if (auto event = connection_->prepared("insert_period_event", sql::insert_period_event,
                                         {param(found->first), param(state == PeriodState::locked ? "lock" : "unlock"),
                                          param(who.author), param(now_utc_iso8601()), param(who.comment)});
      !event)
    return event.error();
  return transaction.commit();
}

Result<RowComment> PgStore::add_comment(const Plan& plan, std::string_view period, std::string_view unit,
                                        const RowComment& comment) {
  const int unit_idx = plan.unit_index(unit);
  if (unit_idx < 0) return unit_not_in_plan(unit);
  pg::PgTransaction transaction(*connection_);
  if (auto begun = transaction.begin(); !begun) return begun.error();
  auto locked = connection_->prepared("try_lock_period_shared", try_lock_period_shared, {param(period)});
  if (!locked) return locked.error();
  if (locked->text(0, 0) != "t") return pg_period_held_error(period, false);
  auto found = find_period(period);
  if (!found) return found.error();
  if (found->second == PeriodState::locked) return locked_comment_error(period);
  auto unit_id = pg_registered_unit_id(*connection_, plan, unit_idx);
  if (!unit_id) return unit_id.error();
  RowComment kept = comment;
  kept.at_utc = now_utc_iso8601();
  auto inserted = connection_->prepared(
      "insert_comment",
      "INSERT INTO row_comment (period_id, unit_id, indicator, author, role, at_utc, text) "
      "VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
      {param(found->first), param(*unit_id), param(kept.indicator), param(kept.author), param(kept.role),
       param(kept.at_utc), param(kept.text)});
  if (!inserted) return inserted.error();
  kept.id = inserted->integer(0, 0);
  if (auto committed = transaction.commit(); !committed) return committed.error();
  return kept;
}

Result<std::vector<RowComment>> PgStore::comments(std::string_view period, std::string_view unit) {
  auto rows = connection_->prepared("comments", sql::comments, {param(period), param(unit)});
  if (!rows) return rows.error();
  std::vector<RowComment> comments;
  for (int row = 0; row < rows->rows(); ++row)
    comments.push_back({rows->integer(row, 0), std::string(rows->text(row, 1)), std::string(rows->text(row, 2)),
                        std::string(rows->text(row, 3)), std::string(rows->text(row, 4)),
                        std::string(rows->text(row, 5))});
  return comments;
}

Result<std::optional<ReturnNote>> PgStore::standing_return(std::string_view period, std::string_view unit) {
  auto current = connection_->prepared("current_of_named", sql::current_of_named, {param(period), param(unit)});
  if (!current) return current.error();
  if (current->rows() == 0 || (current->text(0, 1) != "returned" && current->text(0, 1) != "draft"))
    return std::optional<ReturnNote>();
  // The last return or submit of the unit in the period, of any version: a
  // draft saved after a return is a new version, the return is on the one
  // before it.
  auto rows = connection_->prepared("last_review_event", sql::last_review_event, {param(period), param(unit)});
  if (!rows) return rows.error();
  if (rows->rows() == 0 || rows->text(0, 0) != "returned") return std::optional<ReturnNote>();
  return std::optional<ReturnNote>(ReturnNote{std::string(rows->text(0, 1)), std::string(rows->text(0, 2)),
                                              std::string(rows->text(0, 3)), std::string(rows->text(0, 4)),
                                              static_cast<int>(rows->integer(0, 5))});
}

Result<std::map<std::string, std::string>> PgStore::explanations(std::string_view period, std::string_view unit) {
  auto current = connection_->prepared("current_of_named", sql::current_of_named, {param(period), param(unit)});
  if (!current) return current.error();
  std::map<std::string, std::string> texts;
  if (current->rows() == 0) return texts;
  auto rows = connection_->prepared("explanations", sql::explanations, {param(current->integer(0, 0))});
  if (!rows) return rows.error();
  for (int row = 0; row < rows->rows(); ++row) texts.emplace(rows->text(row, 0), rows->text(row, 1));
  return texts;
}

}  // namespace chiso::store_detail
