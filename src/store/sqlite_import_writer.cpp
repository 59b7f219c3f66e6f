#include "store/sqlite_import_writer.h"

#include <chrono>
#include <ctime>

#include "store/period_order.h"
#include "store/row_codec.h"
#include "store/schema.h"
#include "store/sqlite_store.h"

namespace chiso::store_detail {
namespace {

std::string now_utc_iso8601() {
  auto now = std::chrono::system_clock::now();
  std::time_t seconds = std::chrono::system_clock::to_time_t(now);
  auto millis = std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()).count() % 1000;
  std::tm utc{};
  gmtime_r(&seconds, &utc);
  char text[64];
  std::snprintf(text, sizeof text, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", utc.tm_year + 1900,
                utc.tm_mon + 1, utc.tm_mday, utc.tm_hour, utc.tm_min, utc.tm_sec,
                static_cast<int>(millis));
  return text;
}

const char* unit_kind_name(UnitKind kind) {
  switch (kind) {
    case UnitKind::department: return "department";
    case UnitKind::district: return "district";
    case UnitKind::agency: return "agency";
  }
  return "";
}

constexpr std::size_t findings_per_insert = 32;
constexpr int finding_columns = 17;
constexpr std::size_t units_per_insert = 64;

// Findings and units are inserted OR FAIL: a statement that may abort
// halfway (ABORT, the default) makes SQLite copy each page it is about to
// change to a statement journal, to undo that statement alone; here any
// failure fails the whole import, whose transaction is rolled back anyway.
// 10,000 units into a new file, A/B of 20: 24.8 → 22.8 ms.
constexpr const char* finding_insert_head =
    "INSERT OR FAIL INTO finding (submission_id, severity, rule_id, unit, row_number, indicator, "
    "message_vi, message_en, raw, expected, hint_vi, hint_en, file, table_idx, row_idx, col_idx, "
    "period) VALUES ";
constexpr const char* unit_insert_head = "INSERT OR FAIL INTO unit (id, name, kind) VALUES ";
constexpr int unit_columns = 3;

// "INSERT … VALUES (?, …), (?, …), …" for `rows` rows of `columns`: the
// parameters are numbered 1, 2, … in order. Plain `?`, not `?NNN`: SQLite
// keeps a list of the numbered ones and searches it for each new one (the
// 544 of a findings insert: ~0.3 ms of a 10,000-row import, measured).
std::string multi_row_insert(std::string_view head, int columns, std::size_t rows) {
  std::string sql(head);
  for (std::size_t row_idx = 0; row_idx < rows; ++row_idx) {
    sql += row_idx == 0 ? "(" : ", (";
    for (int column_idx = 0; column_idx < columns; ++column_idx) sql += column_idx > 0 ? ", ?" : "?";
    sql += ")";
  }
  return sql;
}

// Binds one finding's 17 columns from parameter `first_param` on.
void bind_finding(Statement& insert, int first_param, std::int64_t submission_id, const Finding& finding) {
  int param = first_param;
  insert.bind_int(param++, submission_id);
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

}  // namespace

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
  // which sets WAL again (SqliteStore::open). A new file whose first import
  // was rolled back stays empty (Connection::~Connection).
  if (!connection_->schema_pending()) connection_->switch_to_wal();
  connection_.reset();
}

Result<std::unique_ptr<ImportWriter>> SqliteImportWriter::begin(std::shared_ptr<Connection> connection,
                                                                const Plan& plan, const SourceFile& file,
                                                                const std::string& path) {
  std::unique_ptr<SqliteImportWriter> writer(new SqliteImportWriter());
  writer->connection_ = connection;
  writer->file_ = file;
  writer->imported_at_utc_ = now_utc_iso8601();
  writer->bulk_journal_.begin(connection, file.size_bytes >= bulk_import_bytes_min);
  auto transaction = Transaction::begin_immediate(std::move(connection), "import " + file.name);
  if (!transaction) return transaction.error();
  writer->transaction_ = std::move(*transaction);
  if (writer->connection_->schema_pending()) {
    if (auto migrated = migrate_in_transaction(*writer->connection_, path); !migrated) return migrated.error();
    writer->creates_schema_ = true;
  }
  if (auto prepared = writer->prepare(plan); !prepared) return prepared.error();
  return std::unique_ptr<ImportWriter>(std::move(writer));
}

Result<void> SqliteImportWriter::prepare(const Plan& plan) {
  sqlite3* db = connection_->get();
  struct Sql {
    Statement* statement;
    const char* text;
  };
  const Sql all[] = {
      {&statements_.insert_plan,
       "INSERT INTO plan (plan_key, sha256, indicator_codes, source_text) VALUES (?1, ?2, ?3, ?4) "
       "ON CONFLICT (sha256) DO NOTHING"},
      {&statements_.select_plan, "SELECT id FROM plan WHERE sha256 = ?1"},
      {&statements_.insert_period,
       "INSERT INTO period (name, sort_key) VALUES (?1, ?2) ON CONFLICT (name) DO NOTHING"},
      {&statements_.select_period, "SELECT id FROM period WHERE name = ?1"},
      {&statements_.max_version, "SELECT COALESCE(MAX(version), 0) FROM submission WHERE period_id = ?1"},
      {&statements_.clear_current,
       "UPDATE submission SET is_current = 0 WHERE period_id = ?1 AND is_current = 1"},
      {&statements_.insert_submission,
       "INSERT INTO submission (period_id, version, plan_id, source_file, source_sha256, "
       "source_size_bytes, imported_at_utc, is_current) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, 1)"},
      {&statements_.select_units, "SELECT id, name FROM unit"},
      {&statements_.max_unit_id, "SELECT COALESCE(MAX(id), 0) FROM unit"},
      {&statements_.insert_block,
       "INSERT INTO row_block (submission_id, first_row_idx, row_count, texts, rows) "
       "VALUES (?1, ?2, ?3, ?4, ?5)"},
      {&statements_.delete_summary, "DELETE FROM summary WHERE submission_id = ?1"},
      {&statements_.insert_summary,
       "INSERT INTO summary (submission_id, indicator, value, units_reporting, yes_count, no_count, "
       "blank_count) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)"},
      {&statements_.update_counts,
       "UPDATE submission SET unit_count = ?2, error_count = ?3, warning_count = ?4 WHERE id = ?1"},
  };
  for (const Sql& sql : all) {
    auto statement = Statement::prepare(db, sql.text);
    if (!statement) return statement.error();
    *sql.statement = std::move(*statement);
  }
  struct MultiRowSql {
    Statement* statement;
    std::string text;
  };
  const MultiRowSql multi_row[] = {
      {&statements_.insert_finding, multi_row_insert(finding_insert_head, finding_columns, 1)},
      {&statements_.insert_findings, multi_row_insert(finding_insert_head, finding_columns, findings_per_insert)},
      {&statements_.insert_unit, multi_row_insert(unit_insert_head, unit_columns, 1)},
      {&statements_.insert_units, multi_row_insert(unit_insert_head, unit_columns, units_per_insert)},
  };
  for (const MultiRowSql& sql : multi_row) {
    auto statement = Statement::prepare(db, sql.text);
    if (!statement) return statement.error();
    *sql.statement = std::move(*statement);
  }
  pending_findings_.reserve(findings_per_insert);
  pending_units_.reserve(units_per_insert);

  for (const Indicator& indicator : plan.indicators) indicator_codes_.push_back(indicator.code);
  plan_units_ = &plan.units;

  std::string codes = indicator_codes_joined(plan);
  std::string sha256 = plan.store_sha256.empty() ? compute_store_sha256(plan) : plan.store_sha256;
  Statement& insert_plan = statements_.insert_plan;
  insert_plan.bind_text(1, plan.id);
  insert_plan.bind_text(2, sha256);
  insert_plan.bind_text(3, codes);
  insert_plan.bind_text(4, plan.source_text);
  if (auto ran = insert_plan.run(); !ran) return ran.error();
  Statement& select_plan = statements_.select_plan;
  select_plan.bind_text(1, sha256);
  auto found = select_plan.step();
  if (!found) return found.error();
  assert(*found && "the plan row was just inserted");
  plan_row_id_ = select_plan.column_int(0);
  select_plan.reset();

  Statement& select_units = statements_.select_units;
  for (;;) {
    auto stepped = select_units.step();
    if (!stepped) return stepped.error();
    if (!*stepped) break;
    unit_ids_.add(select_units.column_text(1), select_units.column_int(0));
  }
  select_units.reset();
  Statement& max_unit_id = statements_.max_unit_id;
  auto stepped = max_unit_id.step();
  if (!stepped) return stepped.error();
  last_unit_id_ = max_unit_id.column_int(0);
  max_unit_id.reset();
  return {};
}

Result<void> SqliteImportWriter::usable() const {
  if (committed_)
    return make_error("Lần nhập đã được ghi xong, không thể ghi thêm. — The import is already committed.");
  if (failed_)
    return make_error("Lần nhập đã bị hủy sau một lỗi trước đó. — The import was abandoned after an earlier error.");
  return {};
}

Result<void> SqliteImportWriter::fail(Error error) {
  failed_ = true;
  return error;
}

Result<SqliteImportWriter::PeriodState*> SqliteImportWriter::period_state(std::string_view period) {
  if (last_state_ != nullptr && period == last_period_) return last_state_;
  std::string name(period);
  if (auto found = periods_.find(name); found != periods_.end()) {
    last_period_ = name;
    last_state_ = &found->second;
    return last_state_;
  }
  if (name.empty())
    return make_error("Thiếu kỳ báo cáo (tệp " + file_.name + "): hãy chỉ ra --period hoặc thêm cột 'Kỳ báo cáo'. — "
                      "No reporting period (file " + file_.name + "): give --period or a 'Kỳ báo cáo' column.");

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
  select_period.reset();

  Statement& max_version = statements_.max_version;
  max_version.bind_int(1, period_id);
  auto stepped = max_version.step();
  if (!stepped) return stepped.error();
  std::int64_t version = max_version.column_int(0) + 1;
  max_version.reset();

  statements_.clear_current.bind_int(1, period_id);
  if (auto ran = statements_.clear_current.run(); !ran) return ran.error();

  Statement& insert = statements_.insert_submission;
  insert.bind_int(1, period_id);
  insert.bind_int(2, version);
  insert.bind_int(3, plan_row_id_);
  insert.bind_text(4, file_.name);
  insert.bind_text(5, file_.sha256_hex);
  insert.bind_int(6, file_.size_bytes);
  insert.bind_text(7, imported_at_utc_);
  if (auto ran = insert.run(); !ran) return ran.error();

  PeriodState& state = periods_[name];
  state.submission_id = sqlite3_last_insert_rowid(connection_->get());
  last_period_ = name;
  last_state_ = &state;
  return last_state_;
}

Result<std::int64_t> SqliteImportWriter::unit_id(const UnitRow& row) {
  const std::string& name = row.unit_name;
  if (name.empty()) return std::int64_t{0};
  // The registered unit: from the reader's match when it is this name, else
  // (a row built otherwise) by name.
  const std::vector<UnitDef>& units = *plan_units_;
  int unit_idx = row.unit_idx;
  if (unit_idx < 0 || static_cast<std::size_t>(unit_idx) >= units.size() || units[unit_idx].name != name) {
    if (unit_by_name_.empty()) {
      unit_by_name_.reserve(units.size());
      for (std::size_t candidate = 0; candidate < units.size(); ++candidate)
        unit_by_name_.emplace(units[candidate].name, static_cast<int>(candidate));
    }
    auto found = unit_by_name_.find(name);
    unit_idx = found != unit_by_name_.end() ? found->second : -1;
  }
  // A registered unit's id is kept by its index; the map is asked once, for
  // a unit the database already has.
  std::int64_t* slot = nullptr;
  if (unit_idx >= 0) {
    if (id_by_unit_idx_.empty()) id_by_unit_idx_.assign(units.size(), 0);
    slot = &id_by_unit_idx_[static_cast<std::size_t>(unit_idx)];
    if (*slot != 0) return *slot;
  }
  if (const std::int64_t* known = unit_ids_.find(name)) {
    if (slot != nullptr) *slot = *known;
    return *known;
  }
  const std::int64_t id = ++last_unit_id_;
  if (slot != nullptr) {
    *slot = id;
  } else {
    unit_ids_.add(name, id);
  }
  pending_units_.push_back(PendingUnit{id, name, unit_idx >= 0 ? unit_kind_name(units[unit_idx].kind) : ""});
  if (pending_units_.size() >= units_per_insert)
    if (auto flushed = flush_units(); !flushed) return flushed.error();
  return id;
}

Result<void> SqliteImportWriter::flush_units() {
  auto bind_unit = [&](Statement& insert, int first_param, const PendingUnit& unit) {
    insert.bind_int(first_param, unit.id);
    insert.bind_text(first_param + 1, unit.name);
    insert.bind_text(first_param + 2, unit.kind);
  };
  std::size_t written = 0;
  for (; pending_units_.size() - written >= units_per_insert; written += units_per_insert) {
    Statement& insert = statements_.insert_units;
    for (std::size_t unit_idx = 0; unit_idx < units_per_insert; ++unit_idx)
      bind_unit(insert, 1 + unit_columns * static_cast<int>(unit_idx), pending_units_[written + unit_idx]);
    if (auto ran = insert.run(); !ran) return ran;
  }
  for (; written < pending_units_.size(); ++written) {
    bind_unit(statements_.insert_unit, 1, pending_units_[written]);
    if (auto ran = statements_.insert_unit.run(); !ran) return ran;
  }
  pending_units_.clear();
  return {};
}

Result<void> SqliteImportWriter::add_row(const UnitRow& row, std::span<const Finding> findings) {
  if (auto ok = usable(); !ok) return ok;
  if (row.values.size() != indicator_codes_.size())
    return fail(make_error("Dòng " + std::to_string(row.row_number) + " (" + row.raw_name + ") có " +
                           std::to_string(row.values.size()) + " giá trị, kế hoạch có " +
                           std::to_string(indicator_codes_.size()) + " chỉ tiêu. — Row " +
                           std::to_string(row.row_number) + " (" + row.raw_name + ") has " +
                           std::to_string(row.values.size()) + " values; the plan has " +
                           std::to_string(indicator_codes_.size()) + " indicators."));
  auto state = period_state(row.period);
  if (!state) return fail(state.error());
  auto unit = unit_id(row);
  if (!unit) return fail(unit.error());

  PeriodState& period = **state;
  period.block.add(row, *unit);
  ++period.next_row_idx;
  ++period.unit_count;
  if (period.block.row_count() >= rows_per_block)
    if (auto flushed = flush_block(period); !flushed) return fail(flushed.error());
  if (auto inserted = insert_findings(period, findings); !inserted) return fail(inserted.error());
  return {};
}

Result<void> SqliteImportWriter::flush_block(PeriodState& state) {
  if (state.block.row_count() == 0) return {};
  Statement& insert = statements_.insert_block;
  insert.bind_int(1, state.submission_id);
  insert.bind_int(2, state.next_row_idx - static_cast<std::int64_t>(state.block.row_count()));
  insert.bind_int(3, static_cast<std::int64_t>(state.block.row_count()));
  insert.bind_text(4, state.block.texts());
  insert.bind_blob(5, state.block.blob());
  if (auto ran = insert.run(); !ran) return ran;
  state.block.clear();
  return {};
}

Result<void> SqliteImportWriter::insert_findings(PeriodState& state, std::span<const Finding> findings) {
  for (const Finding& finding : findings) {
    pending_findings_.push_back(PendingFinding{state.submission_id, finding});
    if (finding.severity == Severity::error) ++state.error_count;
    if (finding.severity == Severity::warning) ++state.warning_count;
    if (pending_findings_.size() >= findings_per_insert)
      if (auto flushed = flush_findings(); !flushed) return flushed;
  }
  return {};
}

Result<void> SqliteImportWriter::flush_findings() {
  std::size_t written = 0;
  for (; pending_findings_.size() - written >= findings_per_insert; written += findings_per_insert) {
    Statement& insert = statements_.insert_findings;
    for (std::size_t finding_idx = 0; finding_idx < findings_per_insert; ++finding_idx) {
      const PendingFinding& pending = pending_findings_[written + finding_idx];
      bind_finding(insert, 1 + finding_columns * static_cast<int>(finding_idx), pending.submission_id,
                   pending.finding);
    }
    if (auto ran = insert.run(); !ran) return ran;
  }
  for (; written < pending_findings_.size(); ++written) {
    const PendingFinding& pending = pending_findings_[written];
    bind_finding(statements_.insert_finding, 1, pending.submission_id, pending.finding);
    if (auto ran = statements_.insert_finding.run(); !ran) return ran;
  }
  pending_findings_.clear();
  return {};
}

Result<void> SqliteImportWriter::add_findings(std::string_view period, std::span<const Finding> findings) {
  if (auto ok = usable(); !ok) return ok;
  auto state = period_state(period);
  if (!state) return fail(state.error());
  if (auto inserted = insert_findings(**state, findings); !inserted) return fail(inserted.error());
  return {};
}

Result<void> SqliteImportWriter::set_summary(std::string_view period,
                                             const std::vector<SummaryValue>& summary) {
  if (auto ok = usable(); !ok) return ok;
  if (summary.size() != indicator_codes_.size())
    return fail(make_error("Bảng tổng hợp có " + std::to_string(summary.size()) + " chỉ tiêu, kế hoạch có " +
                           std::to_string(indicator_codes_.size()) + ". — The summary has " +
                           std::to_string(summary.size()) + " indicators; the plan has " +
                           std::to_string(indicator_codes_.size()) + "."));
  auto state = period_state(period);
  if (!state) return fail(state.error());
  statements_.delete_summary.bind_int(1, (*state)->submission_id);
  if (auto ran = statements_.delete_summary.run(); !ran) return fail(ran.error());
  Statement& insert = statements_.insert_summary;
  for (std::size_t indicator_idx = 0; indicator_idx < summary.size(); ++indicator_idx) {
    const SummaryValue& value = summary[indicator_idx];
    insert.bind_int(1, (*state)->submission_id);
    insert.bind_text(2, indicator_codes_[indicator_idx]);
    insert.bind_optional_double(3, value.value);
    insert.bind_int(4, value.units_reporting);
    insert.bind_int(5, value.yes);
    insert.bind_int(6, value.no);
    insert.bind_int(7, value.blank);
    if (auto ran = insert.run(); !ran) return fail(ran.error());
  }
  return {};
}

Result<void> SqliteImportWriter::commit() {
  if (auto ok = usable(); !ok) return ok;
  if (auto flushed = flush_units(); !flushed) return fail(flushed.error());
  if (auto flushed = flush_findings(); !flushed) return fail(flushed.error());
  Statement& update = statements_.update_counts;
  for (auto& [name, state] : periods_) {
    if (auto flushed = flush_block(state); !flushed) return fail(flushed.error());
    update.bind_int(1, state.submission_id);
    update.bind_int(2, state.unit_count);
    update.bind_int(3, state.error_count);
    update.bind_int(4, state.warning_count);
    if (auto ran = update.run(); !ran) return fail(ran.error());
  }
  if (auto committed = transaction_.commit(); !committed) return fail(committed.error());
  committed_ = true;
  if (creates_schema_) connection_->set_schema_pending(false);
  bulk_journal_.end();
  return {};
}

}  // namespace chiso::store_detail
