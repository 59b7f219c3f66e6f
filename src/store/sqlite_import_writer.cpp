#include "store/sqlite_import_writer.h"

#include <algorithm>

#include "store/period_order.h"
#include "store/schema.h"
#include "store/sqlite_store.h"
#include "store/store_sql.h"

namespace chiso::store_detail {

namespace {

constexpr std::size_t versions_per_insert = 32;
constexpr int version_columns = 15;
constexpr std::size_t findings_per_insert = 32;

// Versions and findings are inserted OR FAIL: a statement that may abort
// halfway (ABORT, the default) makes SQLite copy each page it is about to
// change to a statement journal, to undo that statement alone; here any
// failure fails the whole import, whose transaction is rolled back anyway.
constexpr const char* version_insert_head =
    "INSERT OR FAIL INTO unit_submission (id, period_id, unit_id, version, state, is_current, source_id, "
    "row_number, raw_name, table_idx, row_idx, col_idx, cells, positions, error_count, warning_count) VALUES ";
constexpr const char* finding_insert_head =
    "INSERT OR FAIL INTO finding (source_id, unit_submission_id, severity, rule_id, unit, row_number, "
    "indicator, message_vi, message_en, raw, expected, hint_vi, hint_en, file, table_idx, row_idx, col_idx, "
    "period) VALUES ";

// "INSERT … VALUES (…), (…), …" for `rows` rows of `columns` parameters,
// numbered 1, 2, … in order (plain `?`: SQLite searches a list for each
// numbered one). A version's is_current is the constant 1 in the text.
std::string multi_row_insert(std::string_view head, int columns, std::size_t rows, bool version_rows) {
  std::string sql(head);
  for (std::size_t row_idx = 0; row_idx < rows; ++row_idx) {
    sql += row_idx == 0 ? "(" : ", (";
    for (int column_idx = 0; column_idx < columns; ++column_idx) {
      if (column_idx > 0) sql += ", ";
      if (version_rows && column_idx == 5) sql += "1, ";
      sql += "?";
    }
    sql += ")";
  }
  return sql;
}

}  // namespace

std::string finding_insert_sql(std::size_t rows) {
  return multi_row_insert(finding_insert_head, finding_insert_columns, rows, false);
}

void bind_finding(Statement& insert, int first_param, std::int64_t source_id, std::int64_t version_id,
                  const Finding& finding) {
  int param = first_param;
  insert.bind_int(param++, source_id);
  if (version_id != 0) {
    insert.bind_int(param++, version_id);
  } else {
    insert.bind_null(param++);
  }
  insert.bind_text(param++, severity_name(finding.severity));
  insert.bind_text(param++, finding.rule_id);
  insert.bind_text(param++, finding.unit);
  insert.bind_int(param++, finding.row);
  insert.bind_text(param++, finding.indicator);
  insert.bind_text(param++, finding.message_vi);
  insert.bind_text(param++, finding.message_en);
  insert.bind_text(param++, finding.raw);
  insert.bind_text(param++, finding.expected);
  insert.bind_text(param++, finding.hint_vi);
  insert.bind_text(param++, finding.hint_en);
  insert.bind_text(param++, finding.file);
  insert.bind_int(param++, finding.pos.table_idx);
  insert.bind_int(param++, finding.pos.row_idx);
  insert.bind_int(param++, finding.pos.col_idx);
  insert.bind_text(param++, finding.period);
}

// Files from this size on are imported in rollback-journal mode (BulkJournal):
// below it, the switch out of WAL and back costs more than it saves.
constexpr std::int64_t bulk_import_bytes_min = 8 << 20;

void SqliteImportWriter::BulkJournal::begin(std::shared_ptr<Connection> connection, bool large) {
  if (connection->wal_pending()) {
    // A new database: still in rollback mode; WAL once this import ends.
    connection->set_wal_pending(false);
    connection_ = std::move(connection);
    return;
  }
  if (!large) return;
  auto mode = Statement::prepare(connection->get(), "PRAGMA journal_mode = DELETE");
  if (!mode) return;
  auto stepped = mode->step();
  // The mode in force afterwards; "wal" when another connection kept it.
  if (stepped && *stepped && mode->column_text(0) == "delete") connection_ = std::move(connection);
}

void SqliteImportWriter::BulkJournal::end() {
  if (!connection_) return;
  // Failing here leaves the file in rollback mode until the next open,
  // which sets WAL again (open_sqlite_store). A new file whose first import
  // was rolled back stays empty (Connection::~Connection).
  if (!connection_->schema_pending()) connection_->switch_to_wal();
  connection_.reset();
}

Result<void> SqliteImportWriter::OwnValuesTrusted::begin(std::shared_ptr<Connection> connection) {
  if (auto off = connection->exec("PRAGMA foreign_keys = OFF; PRAGMA ignore_check_constraints = ON", "import"); !off)
    return off;
  connection_ = std::move(connection);
  return {};
}

void SqliteImportWriter::OwnValuesTrusted::end() {
  if (!connection_) return;
  // Cannot fail but for lack of memory; the connection then keeps the
  // settings until it closes, for this process's own imports only.
  (void)connection_->exec("PRAGMA ignore_check_constraints = OFF; PRAGMA foreign_keys = ON", "import");
  connection_.reset();
}

Result<std::unique_ptr<ImportWriter>> SqliteImportWriter::begin(std::shared_ptr<Connection> connection,
                                                                const Plan& plan, const SourceFile& file,
                                                                const ImportOptions& options,
                                                                const std::string& path) {
  std::unique_ptr<SqliteImportWriter> writer(new SqliteImportWriter(plan, file, options));
  writer->connection_ = connection;
  writer->bulk_journal_.begin(connection, file.size_bytes >= bulk_import_bytes_min);
  if (auto trusted = writer->trusted_.begin(connection); !trusted) return trusted.error();
  auto transaction = Transaction::begin_immediate(std::move(connection), "import " + file.name);
  if (!transaction) return transaction.error();
  writer->transaction_ = std::move(*transaction);
  // Once the lock is held: an import that waited for another is later than it.
  writer->written_at_utc_ = now_utc_iso8601();
  if (writer->connection_->schema_pending()) {
    if (auto migrated = migrate_in_transaction(*writer->connection_, path); !migrated) return migrated.error();
    writer->creates_schema_ = true;
  }
  if (auto prepared = writer->prepare(); !prepared) return prepared.error();
  return std::unique_ptr<ImportWriter>(std::move(writer));
}

Result<void> SqliteImportWriter::prepare() {
  sqlite3* db = connection_->get();
  const Plan& plan = plan_;
  struct Sql {
    Statement* statement;
    std::string text;
  };
  const Sql all[] = {
      {&statements_.insert_plan,
       sql::insert_plan},
      {&statements_.select_plan, sql::plan_id},
      {&statements_.insert_source,
       "INSERT INTO source (kind, author, plan_id, file_name, file_sha256, file_size_bytes, created_at_utc) "
       "VALUES ('file', ?1, ?2, ?3, ?4, ?5, ?6)"},
      {&statements_.insert_period,
       sql::insert_period},
      {&statements_.select_period, sql::find_period},
      {&statements_.source_period, "INSERT OR IGNORE INTO source_period (source_id, period_id) VALUES (?1, ?2)"},
      {&statements_.same_file_elsewhere,
       "SELECT p.name, max(p.id = ?2) OVER () FROM source src JOIN source_period sp ON sp.source_id = src.id "
       "JOIN period p ON p.id = sp.period_id WHERE src.kind = 'file' AND src.file_sha256 = ?1 "
       "AND src.id <> ?3 ORDER BY p.sort_key LIMIT 1"},
      {&statements_.read_current,
       sql::period_current_versions},
      {&statements_.clear_current, sql::clear_current},
      {&statements_.select_units, "SELECT id, name, registered FROM unit"},
      {&statements_.insert_unit, "INSERT INTO unit (name, kind, registered) VALUES (?1, ?2, ?3)"},
      {&statements_.register_unit, "UPDATE unit SET registered = 1, kind = ?2 WHERE id = ?1"},
      {&statements_.update_period, sql::bump_period},
      {&statements_.max_version_id, "SELECT COALESCE(MAX(id), 0) FROM unit_submission"},
      {&statements_.change_count, sql::change_count_by_id},
      {&statements_.current_of_unit, sql::import_current_of_unit},
      {&statements_.insert_version, multi_row_insert(version_insert_head, version_columns, 1, true)},
      {&statements_.insert_versions,
       multi_row_insert(version_insert_head, version_columns, versions_per_insert, true)},
      {&statements_.insert_finding, finding_insert_sql(1)},
      {&statements_.insert_findings,
       finding_insert_sql(findings_per_insert)},
  };
  for (const Sql& sql : all) {
    auto statement = Statement::prepare(db, sql.text);
    if (!statement) return statement.error();
    *sql.statement = std::move(*statement);
  }
  pending_findings_.reserve(findings_per_insert);
  pending_versions_.reserve(versions_per_insert);

  std::string codes = indicator_codes_joined(plan);
  plan_sha256_ = compute_store_sha256(plan);
  Statement& insert_plan = statements_.insert_plan;
  insert_plan.bind_text(1, plan.id);
  insert_plan.bind_text(2, plan_sha256_);
  insert_plan.bind_text(3, codes);
  insert_plan.bind_text(4, plan.source_text);
  if (auto ran = insert_plan.run(); !ran) return ran.error();
  Statement& select_plan = statements_.select_plan;
  select_plan.bind_text(1, plan_sha256_);
  auto found = select_plan.step();
  if (!found) return found.error();
  assert(*found && "the plan row was just inserted");
  plan_row_id_ = select_plan.column_int(0);
  select_plan.reset();

  Statement& insert_source = statements_.insert_source;
  insert_source.bind_text(1, options_.author);
  insert_source.bind_int(2, plan_row_id_);
  insert_source.bind_text(3, file_.name);
  insert_source.bind_text(4, file_.sha256_hex);
  insert_source.bind_int(5, file_.size_bytes);
  insert_source.bind_text(6, written_at_utc_);
  if (auto ran = insert_source.run(); !ran) return ran.error();
  source_id_ = sqlite3_last_insert_rowid(db);

  Statement& select_units = statements_.select_units;
  for (;;) {
    auto stepped = select_units.step();
    if (!stepped) return stepped.error();
    if (!*stepped) break;
    std::int64_t id = select_units.column_int(0);
    unit_ids_.add(select_units.column_text(1), id);
    if (select_units.column_int(2) == 0) unregistered_ids_.insert(id);
  }
  select_units.reset();
  Statement& max_version_id = statements_.max_version_id;
  auto stepped = max_version_id.step();
  if (!stepped) return stepped.error();
  next_version_id_ = max_version_id.column_int(0) + 1;
  max_version_id.reset();
  return {};
}

Result<void> SqliteImportWriter::start_period(ImportPeriod& state) {
  const std::string& name = state.name;
  Statement& insert_period = statements_.insert_period;
  std::string sort_key = period_sort_key(name);
  insert_period.bind_text(1, name);
  insert_period.bind_text(2, sort_key);
  if (auto ran = insert_period.run(); !ran) return ran.error();
  Statement& select_period = statements_.select_period;
  select_period.bind_text(1, name);
  auto found = select_period.step();
  if (!found) return found.error();
  std::int64_t period_id = select_period.column_int(0);
  bool locked = select_period.column_text(1) == "locked";
  select_period.reset();
  if (locked) return import_locked_error(file_.name, name);

  if (!options_.allow_same_file_in_other_period && !file_.sha256_hex.empty()) {
    Statement& same = statements_.same_file_elsewhere;
    same.bind_text(1, file_.sha256_hex);
    same.bind_int(2, period_id);
    same.bind_int(3, source_id_);
    auto stepped = same.step();
    if (!stepped) return stepped.error();
    // Refused when the file was stored before, but never under this period
    // (a file of several periods imported again is its own periods again).
    std::string other = *stepped && same.column_int(1) == 0 ? std::string(same.column_text(0)) : std::string();
    same.reset();
    if (!other.empty()) return same_file_error(file_, other, name);
  }
  statements_.source_period.bind_int(1, source_id_);
  statements_.source_period.bind_int(2, period_id);
  if (auto ran = statements_.source_period.run(); !ran) return ran.error();

  state.period_id = period_id;
  Statement& read_current = statements_.read_current;
  read_current.bind_int(1, period_id);
  for (;;) {
    auto stepped = read_current.step();
    if (!stepped) return stepped.error();
    if (!*stepped) break;
    ImportCurrent current;
    current.id = read_current.column_int(0);
    current.version = static_cast<int>(read_current.column_int(2));
    current.withdrawn = read_current.column_text(3) == "withdrawn";
    current.error_count = static_cast<int>(read_current.column_int(4));
    current.warning_count = static_cast<int>(read_current.column_int(5));
    current.cells = read_current.column_text(6);
    state.current.emplace(read_current.column_int(1), std::move(current));
  }
  read_current.reset();
  return {};
}

Result<std::optional<std::int64_t>> SqliteImportWriter::unit_id(const UnitRow& row) {
  auto id = stored_unit_id(row);
  if (!id) return id.error();
  return std::optional<std::int64_t>(*id);
}

Result<std::int64_t> SqliteImportWriter::stored_unit_id(const UnitRow& row) {
  const bool registered = !row.unit_name.empty();
  const std::string& name = registered ? row.unit_name : row.raw_name;
  const std::vector<UnitDef>& units = plan_.units;
  int unit_idx = -1;
  if (registered) {
    // The registered unit: from the reader's match when it is this name,
    // else (a row built otherwise) by name.
    unit_idx = row.unit_idx;
    if (unit_idx < 0 || static_cast<std::size_t>(unit_idx) >= units.size() || units[unit_idx].name != name) {
      if (unit_by_name_.empty()) {
        unit_by_name_.reserve(units.size());
        for (std::size_t candidate = 0; candidate < units.size(); ++candidate)
          unit_by_name_.emplace(units[candidate].name, static_cast<int>(candidate));
      }
      auto found = unit_by_name_.find(name);
      unit_idx = found != unit_by_name_.end() ? found->second : -1;
    }
  }
  std::int64_t* slot = nullptr;
  if (unit_idx >= 0) {
    if (id_by_unit_idx_.empty()) id_by_unit_idx_.assign(units.size(), 0);
    slot = &id_by_unit_idx_[static_cast<std::size_t>(unit_idx)];
    if (*slot != 0) return *slot;
  }
  // Into the plan, which outlives the statements (bound without a copy).
  const std::string_view kind =
      unit_idx >= 0 ? plan_.unit_kind_id(units[unit_idx].kind) : std::string_view("");
  if (const std::int64_t* known = unit_ids_.find(name)) {
    std::int64_t id = *known;
    if (registered && unregistered_ids_.erase(id) > 0) {
      // A name first stored unregistered that the plan now has.
      statements_.register_unit.bind_int(1, id);
      statements_.register_unit.bind_text(2, kind);
      if (auto ran = statements_.register_unit.run(); !ran) return ran.error();
    }
    if (slot != nullptr) *slot = id;
    return id;
  }
  Statement& insert = statements_.insert_unit;
  insert.bind_text(1, name);
  insert.bind_text(2, kind);
  insert.bind_int(3, registered ? 1 : 0);
  if (auto ran = insert.run(); !ran) return ran.error();
  std::int64_t id = sqlite3_last_insert_rowid(connection_->get());
  unit_ids_.add(name, id);
  if (!registered) unregistered_ids_.insert(id);
  if (slot != nullptr) *slot = id;
  return id;
}

Result<std::optional<ImportCurrent>> SqliteImportWriter::read_back(const ImportPeriod& state, std::int64_t unit_id) {
  if (auto flushed = flush_versions(); !flushed) return flushed.error();
  Statement& select = statements_.current_of_unit;
  select.bind_int(1, state.period_id);
  select.bind_int(2, unit_id);
  auto stepped = select.step();
  if (!stepped) return stepped.error();
  std::optional<ImportCurrent> earlier;
  if (*stepped)
    earlier = read_import_current([&](int col) { return select.column_text(col); },
                                  [&](int col) { return select.column_int(col); });
  select.reset();
  return earlier;
}

Result<void> SqliteImportWriter::clear_current(const ImportCurrent& current) {
  // A version of this import may still wait for its INSERT.
  if (current.from_this_import)
    if (auto flushed = flush_versions(); !flushed) return flushed;
  statements_.clear_current.bind_int(1, current.id);
  return statements_.clear_current.run();
}

Result<void> SqliteImportWriter::write_version(NewVersion& version) {
  // Slots are reused from one INSERT to the next: their strings keep their
  // room, and a row's text is swapped in, not copied.
  if (pending_version_count_ == pending_versions_.size()) pending_versions_.emplace_back();
  PendingVersion& pending = pending_versions_[pending_version_count_++];
  pending.id = version.id;
  pending.period_id = version.period_id;
  pending.unit_id = version.unit_id;
  pending.version = version.version;
  const UnitRow* row = version.row;
  pending.state = row != nullptr ? "submitted" : "withdrawn";
  if (row != nullptr) {
    pending.row_number = row->row_number;
    pending.raw_name = row->raw_name;
    pending.pos = row->pos;
    std::swap(pending.cells, version.cells->cells);
    std::swap(pending.positions, version.cells->positions);
  } else {
    pending.row_number = 0;
    pending.raw_name.clear();
    pending.pos = CellPos{};
    pending.cells = "{}";
    pending.positions.clear();
  }
  pending.error_count = version.error_count;
  pending.warning_count = version.warning_count;
  if (pending_version_count_ >= versions_per_insert) return flush_versions();
  return {};
}

Result<void> SqliteImportWriter::write_finding(std::int64_t version_id, const Finding& finding) {
  pending_findings_.push_back(PendingFinding{version_id, finding});
  if (pending_findings_.size() >= findings_per_insert) return flush_findings();
  return {};
}

Result<void> SqliteImportWriter::flush_versions() {
  auto bind = [&](Statement& insert, int first_param, const PendingVersion& version) {
    int param = first_param;
    insert.bind_int(param++, version.id);
    insert.bind_int(param++, version.period_id);
    insert.bind_int(param++, version.unit_id);
    insert.bind_int(param++, version.version);
    insert.bind_text(param++, version.state);
    insert.bind_int(param++, source_id_);
    insert.bind_int(param++, version.row_number);
    insert.bind_text(param++, version.raw_name);
    insert.bind_int(param++, version.pos.table_idx);
    insert.bind_int(param++, version.pos.row_idx);
    insert.bind_int(param++, version.pos.col_idx);
    insert.bind_text(param++, version.cells);
    insert.bind_text(param++, version.positions);
    insert.bind_int(param++, version.error_count);
    insert.bind_int(param++, version.warning_count);
  };
  std::size_t written = 0;
  for (; pending_version_count_ - written >= versions_per_insert; written += versions_per_insert) {
    Statement& insert = statements_.insert_versions;
    for (std::size_t version_idx = 0; version_idx < versions_per_insert; ++version_idx)
      bind(insert, 1 + version_columns * static_cast<int>(version_idx), pending_versions_[written + version_idx]);
    if (auto ran = insert.run(); !ran) return ran;
  }
  for (; written < pending_version_count_; ++written) {
    bind(statements_.insert_version, 1, pending_versions_[written]);
    if (auto ran = statements_.insert_version.run(); !ran) return ran;
  }
  pending_version_count_ = 0;
  // A version's findings reference it: written after it.
  return flush_findings();
}

Result<void> SqliteImportWriter::flush_findings() {
  // Findings wait for their versions (foreign key): the versions go first.
  if (pending_version_count_ > 0) return flush_versions();
  std::size_t written = 0;
  for (; pending_findings_.size() - written >= findings_per_insert; written += findings_per_insert) {
    Statement& insert = statements_.insert_findings;
    for (std::size_t finding_idx = 0; finding_idx < findings_per_insert; ++finding_idx) {
      const PendingFinding& pending = pending_findings_[written + finding_idx];
      bind_finding(insert, 1 + finding_insert_columns * static_cast<int>(finding_idx), source_id_, pending.version_id,
                   pending.finding);
    }
    if (auto ran = insert.run(); !ran) return ran;
  }
  for (; written < pending_findings_.size(); ++written) {
    const PendingFinding& pending = pending_findings_[written];
    bind_finding(statements_.insert_finding, 1, source_id_, pending.version_id, pending.finding);
    if (auto ran = statements_.insert_finding.run(); !ran) return ran;
  }
  pending_findings_.clear();
  return {};
}

Result<std::map<std::string, PeriodImport>> SqliteImportWriter::commit() {
  if (auto ok = usable(); !ok) return ok.error();
  if (auto added = add_waiting_rows(); !added) return fail(added.error()).error();
  for (const std::string& period : options_.replace_periods) {
    auto found = periods_.find(period);
    if (found == periods_.end())
      return fail(nothing_to_replace(file_.name, period)).error();
    ImportPeriod& state = found->second;
    // Withdrawn in the plan's order of their ids (the order first stored).
    const auto absent = state.absent_units();
    auto names = Statement::prepare(connection_->get(), "SELECT name FROM unit WHERE id = ?1");
    if (!names) return fail(names.error()).error();
    for (const auto& [unit, version_id] : absent) {
      std::string name;
      names->bind_int(1, unit);
      auto stepped = names->step();
      if (!stepped) return fail(stepped.error()).error();
      if (*stepped) name = names->column_text(0);
      names->reset();
      if (auto added = add_version(state, unit, name, nullptr, nullptr, {}); !added) return fail(added.error()).error();
    }
  }
  if (auto flushed = flush_versions(); !flushed) return fail(flushed.error()).error();
  if (auto flushed = flush_findings(); !flushed) return fail(flushed.error()).error();
  std::map<std::string, PeriodImport> outcome;
  Statement& update = statements_.update_period;
  for (auto& [name, state] : periods_) {
    const bool summary_is_periods = state.finish_outcome();
    if (state.versions_added > 0) {
      update.bind_int(1, state.period_id);
      update.bind_int(2, state.unit_delta);
      update.bind_int(3, state.error_delta);
      update.bind_int(4, state.warning_delta);
      update.bind_int(5, state.versions_added);
      update.bind_int(6, state.versions_added);
      update.bind_text(7, written_at_utc_);
      update.bind_text(8, file_.name);
      update.bind_int(9, 0);
      if (auto ran = update.run(); !ran) return fail(ran.error()).error();
    }
    if (summary_is_periods) {
      // Every current unit came from this file: its figures are the period's.
      Statement& select = statements_.change_count;
      select.bind_int(1, state.period_id);
      auto stepped = select.step();
      if (!stepped) return fail(stepped.error()).error();
      const std::int64_t change_count = select.column_int(0);
      select.reset();
      if (auto written = write_summary(connection_->get(), state.period_id, plan_sha256_, change_count, plan_,
                                       *state.summary);
          !written)
        return fail(written.error()).error();
      state.outcome.summary_kept = true;
    }
    outcome.emplace(name, std::move(state.outcome));
  }
  if (auto committed = transaction_.commit(); !committed) return fail(committed.error()).error();
  set_committed();
  if (creates_schema_) connection_->set_schema_pending(false);
  trusted_.end();
  bulk_journal_.end();
  return outcome;
}

}  // namespace chiso::store_detail
