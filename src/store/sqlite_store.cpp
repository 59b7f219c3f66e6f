#include "store/sqlite_store.h"
#include "store/store_sql.h"

#include <chrono>
#include <mutex>
#include <thread>

#include <algorithm>
#include <filesystem>
#include <unordered_map>

#include "plan/unit_validity.h"
#include "store/schema.h"
#include "store/schema_guard.h"
#include "store/sqlite_accounts.h"
#include "store/sqlite_import_writer.h"

namespace chiso {

using store_detail::Connection;
using store_detail::SqliteStore;
using store_detail::Statement;

Result<std::unique_ptr<Store>> open_sqlite_store(const std::string& path) {
  // A file that does not exist yet (or is empty) gets its schema in the
  // transaction of its first import (Connection::schema_pending): the
  // file was empty when that transaction began, so its journal holds no
  // page, and one commit (three fsyncs) makes both. A read that comes first
  // creates the schema alone, without fsync: nothing is stored yet (see
  // SqliteStore::ensure_schema). The seed's import into a new file is the
  // faster for it.
  // A new file also stays in rollback-journal mode until its first import
  // has ended (or the store closes): that import writes every page once,
  // where WAL would write it twice (to the log, then into the file at the
  // checkpoint when the store closes, with a sync of each and the log's
  // deletion). A new file has no readers to keep going and no old pages to
  // journal. Measured on the 10,000-unit period into a new file: the close
  // and the whole import both faster (docs/storage.md).
  // Before SQLite's first use: no count of the memory it holds (each of its
  // allocations otherwise takes a global mutex; ~5% of a seed import's CPU
  // time in a profile here). Refused, harmlessly, once SQLite is running.
  [[maybe_unused]] static const int configured = sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
  std::error_code size_error;
  const bool fresh = std::filesystem::file_size(path, size_error) == 0 || size_error;
  sqlite3* raw_db = nullptr;
  int rc = sqlite3_open_v2(path.c_str(), &raw_db,
                           SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nullptr);
  auto connection = std::make_shared<Connection>(raw_db);
  if (rc != SQLITE_OK) {
    std::string detail = raw_db != nullptr ? sqlite3_errmsg(raw_db) : "out of memory";
    return make_error("Không mở được cơ sở dữ liệu " + path + ": " + detail + " — cannot open database " +
                      path + ": " + detail);
  }
  sqlite3_busy_timeout(raw_db, store_detail::busy_timeout_ms);
  sqlite3_extended_result_codes(raw_db, 1);

  // Reading the schema is the first touch of the file: a file that is not
  // SQLite fails here, and gets a message saying so.
  if (sqlite3_exec(raw_db, "SELECT count(*) FROM sqlite_schema", nullptr, nullptr, nullptr) != SQLITE_OK) {
    std::string detail = sqlite3_errmsg(raw_db);
    if ((sqlite3_errcode(raw_db) & 0xff) == SQLITE_NOTADB)
      return make_error("Tệp " + path + " không phải cơ sở dữ liệu SQLite (của chiso). — File " + path +
                        " is not an SQLite database (" + detail + ").");
    return make_error("Không đọc được cơ sở dữ liệu " + path + ": " + detail + " — cannot read database " +
                      path + ": " + detail);
  }
  // page_size only takes effect on a new file (before WAL is on). 8 KiB
  // pages: a new file holds a page per table and index, which its first
  // commit writes and syncs (the seed's import: 18 pages), and a row block
  // spans a few pages whatever the size. Measured against 16 KiB: every
  // import a little faster, reading a period back the same.
  // A small page cache (512 KiB) measured faster for an import than a big
  // one: dirty pages are written as they fill, by the writer beside the
  // checking, instead of all at commit (measured on the 10,000-unit period
  // into a new file against 8 MiB; the 1.2-million-row history the same).
  const char* setup =
      fresh ? "PRAGMA synchronous = NORMAL; PRAGMA page_size = 8192; "
              "PRAGMA foreign_keys = ON; PRAGMA cache_size = -512; PRAGMA temp_store = MEMORY;"
            : "PRAGMA page_size = 8192; PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; "
              "PRAGMA foreign_keys = ON; PRAGMA cache_size = -512; PRAGMA temp_store = MEMORY;";
  // Two processes opening a new file at once both try to switch it to WAL;
  // each then holds a lock the other's switch needs, and SQLite answers BUSY
  // at once instead of calling the busy handler. So the switch is retried,
  // within the same busy timeout.
  for (int waited_ms = 0;; waited_ms += 5) {
    int setup_rc = sqlite3_exec(raw_db, setup, nullptr, nullptr, nullptr);
    int primary = setup_rc & 0xff;
    if (setup_rc == SQLITE_OK) break;
    if ((primary != SQLITE_BUSY && primary != SQLITE_LOCKED) ||
        waited_ms >= store_detail::busy_timeout_ms) {
      if (auto set = connection->exec(setup, "open " + path); !set) return set.error();
      break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  connection->guard_schema(store_detail::schema_version_latest(), path);
  if (fresh) {
    connection->set_schema_pending(true);
    connection->set_wal_pending(true);
  } else if (auto migrated = store_detail::migrate(connection, path); !migrated) {
    return migrated.error();
  }
  return std::unique_ptr<Store>(new SqliteStore(std::move(connection), path));
}

const char* submission_state_name(SubmissionState state) {
  switch (state) {
    case SubmissionState::draft: return "draft";
    case SubmissionState::submitted: return "submitted";
    case SubmissionState::returned: return "returned";
    case SubmissionState::approved: return "approved";
    case SubmissionState::withdrawn: return "withdrawn";
  }
  return "submitted";
}

std::optional<SubmissionState> submission_state_from_name(std::string_view name) {
  for (SubmissionState state : {SubmissionState::draft, SubmissionState::submitted, SubmissionState::returned,
                                SubmissionState::approved, SubmissionState::withdrawn})
    if (name == submission_state_name(state)) return state;
  return std::nullopt;
}

const char* period_state_name(PeriodState state) { return state == PeriodState::locked ? "locked" : "open"; }

namespace store_detail {

SqliteStore::SqliteStore(std::shared_ptr<Connection> connection, std::string path)
    : connection_(std::move(connection)), path_(std::move(path)) {}

SqliteStore::~SqliteStore() = default;

Accounts& SqliteStore::accounts() {
  if (!accounts_) accounts_ = make_sqlite_accounts(*this, connection_);
  return *accounts_;
}

Result<void> write_summary(sqlite3* db, std::int64_t period_id, std::string_view plan_sha256,
                           std::int64_t change_count, const Plan& plan, const std::vector<SummaryValue>& summary) {
  auto remove = Statement::prepare(db, sql::delete_summary);
  if (!remove) return remove.error();
  remove->bind_int(1, period_id);
  if (auto ran = remove->run(); !ran) return ran;
  auto insert = Statement::prepare(
      db,
      sql::insert_summary);
  if (!insert) return insert.error();
  for (std::size_t indicator_idx = 0; indicator_idx < summary.size(); ++indicator_idx) {
    const SummaryValue& value = summary[indicator_idx];
    insert->bind_int(1, period_id);
    insert->bind_text(2, plan_sha256);
    insert->bind_int(3, change_count);
    insert->bind_text(4, plan.indicators[indicator_idx].code);
    insert->bind_optional_double(5, value.value);
    insert->bind_int(6, value.units_reporting);
    insert->bind_int(7, value.yes);
    insert->bind_int(8, value.no);
    insert->bind_int(9, value.blank);
    if (auto ran = insert->run(); !ran) return ran;
  }
  return {};
}

Finding read_finding(const Statement& select, int first_col) {
  return read_finding_columns([&](int col) { return std::string(select.column_text(col)); },
                              [&](int col) { return select.column_int(col); }, first_col);
}

Result<void> SqliteStore::ensure_schema() {
  if (!connection_->schema_pending()) return {};
  // Nothing stored yet, nothing to lose: created without fsync (see
  // open_sqlite_store).
  if (auto unsynced = connection_->exec("PRAGMA synchronous = OFF", "schema"); !unsynced) return unsynced;
  auto migrated = migrate(connection_, path_);
  if (auto synced = connection_->exec("PRAGMA synchronous = NORMAL", "schema"); !synced) return synced;
  if (!migrated) return migrated.error();
  connection_->set_schema_pending(false);
  // A store that reads first may stay open (a server): WAL now, so that an
  // import by another connection does not hold its reads back.
  connection_->switch_to_wal();
  connection_->set_wal_pending(false);
  return {};
}

Result<std::pair<std::int64_t, PeriodState>> SqliteStore::find_period(std::string_view period) {
  if (auto ready = ensure_schema(); !ready) return ready.error();
  auto select = Statement::cached(*connection_, sql::find_period);
  if (!select) return select.error();
  select->bind_text(1, period);
  auto found = select->step();
  if (!found) return found.error();
  if (!*found) return period_not_stored(period);
  return std::pair{select->column_int(0),
                   select->column_text(1) == "locked" ? PeriodState::locked : PeriodState::open};
}

Result<std::unique_ptr<ImportWriter>> SqliteStore::begin_import(const Plan& plan, const SourceFile& file,
                                                               const ImportOptions& options) {
  // An import changes the journal and its pragmas, which a transaction
  // would refuse (store.h, WriteGroup).
  if (connection_->in_write_group())
    return make_error(ErrorKind::internal, "Lỗi nội bộ: không nhập tệp trong một nhóm lần ghi.",
                      "Internal error: no import inside a group of writes.");
  return SqliteImportWriter::begin(connection_, plan, file, options, path_);
}

namespace {

// The row `select` is on, of sql::periods.
PeriodInfo period_info_of(const Statement& select) {
  PeriodInfo info;
  info.period = select.column_text(0);
  info.state = select.column_text(1) == "locked" ? PeriodState::locked : PeriodState::open;
  info.deadline = select.column_text(2);
  info.unit_count = static_cast<int>(select.column_int(3));
  info.submission_count = static_cast<int>(select.column_int(4));
  info.last_change_utc = select.column_text(5);
  info.last_source = select.column_text(6);
  info.error_count = static_cast<int>(select.column_int(7));
  info.warning_count = static_cast<int>(select.column_int(8));
  return info;
}

}  // namespace

Result<std::vector<PeriodInfo>> SqliteStore::periods() {
  if (auto ready = ensure_schema(); !ready) return ready.error();
  auto select = Statement::cached(*connection_, sql::periods);
  if (!select) return select.error();
  std::vector<PeriodInfo> infos;
  if (auto read = for_each_row(*select, [&] {
        infos.push_back(period_info_of(*select));
      });
      !read)
    return read.error();
  return infos;
}

Result<PeriodInfo> SqliteStore::period(std::string_view period) {
  if (auto ready = ensure_schema(); !ready) return ready.error();
  auto select = Statement::cached(*connection_, sql::period_by_name);
  if (!select) return select.error();
  select->bind_text(1, period);
  PeriodInfo info;
  bool found = false;
  if (auto read = for_each_row(*select, [&] {
        if (!found) {
          info.period = select->column_text(0);
          info.state = select->column_text(1) == "locked" ? PeriodState::locked : PeriodState::open;
          info.deadline = select->column_text(2);
          found = true;
        }
        add_tally_row(info, select->column_int(3), select->column_int(4), select->column_text(5),
                      select->column_text(6), select->column_int(7), select->column_int(8), select->column_int(9));
      });
      !read)
    return read.error();
  if (!found) return period_not_stored(period);
  return info;
}

Result<CheckedTable> SqliteStore::load_period(const Plan& plan, std::string_view period) {
  auto found = find_period(period);
  if (!found) return found.error();
  const std::int64_t period_id = found->first;
  auto rows = Statement::cached(*connection_, sql::period_rows);
  if (!rows) return rows.error();
  rows->bind_int(1, period_id);
  PeriodTableBuilder builder(plan, period);
  if (auto read = for_each_row(*rows, [&]() -> Result<void> {
        return builder.add_row(
            rows->column_text(1), rows->column_int(2) != 0, static_cast<int>(rows->column_int(3)),
            rows->column_text(4),
            CellPos{static_cast<int>(rows->column_int(5)), static_cast<int>(rows->column_int(6)),
                    static_cast<int>(rows->column_int(7))},
            rows->column_text(8), rows->column_text(9),
            rows->column_text(11) == "file" ? rows->column_text(10) : std::string_view());
      });
      !read)
    return read.error();
  CheckedTable table = builder.finish();

  // Findings of the current versions, and of the imports those came from
  // that are tied to no row (a header the plan does not know).
  auto findings = Statement::cached(*connection_, sql::period_findings);
  if (!findings) return findings.error();
  findings->bind_int(1, period_id);
  findings->bind_text(2, period);
  if (auto read = for_each_row(*findings, [&] { table.findings.push_back(read_finding(*findings, 0)); }); !read)
    return read.error();
  return table;
}

Result<UnitSubmission> SqliteStore::load_unit(const Plan& plan, std::string_view period, std::string_view unit) {
  auto found = find_period(period);
  if (!found) return found.error();
  auto select = Statement::cached(*connection_, sql::unit_current);
  if (!select) return select.error();
  select->bind_int(1, found->first);
  select->bind_text(2, unit);
  auto stepped = select->step();
  if (!stepped) return stepped.error();
  if (!*stepped) return no_submission_error(period, unit);
  UnitSubmission submission;
  std::int64_t version_id = select->column_int(0);
  submission.period = period;
  submission.unit = select->column_text(1);
  submission.registered = select->column_int(2) != 0;
  submission.version = static_cast<int>(select->column_int(3));
  submission.state = submission_state_from_name(select->column_text(4)).value_or(SubmissionState::submitted);
  UnitRow& row = submission.row;
  row.row_number = static_cast<int>(select->column_int(5));
  row.raw_name = select->column_text(6);
  row.pos = CellPos{static_cast<int>(select->column_int(7)), static_cast<int>(select->column_int(8)),
                    static_cast<int>(select->column_int(9))};
  if (auto filled = fill_unit_row(plan, period, submission.unit, submission.registered, select->column_text(10),
                                  select->column_text(11), row);
      !filled)
    return filled.error();
  submission.provenance.comment = select->column_text(12);
  submission.provenance.author = select->column_text(13);
  submission.written_at_utc = select->column_text(14);
  submission.provenance.file = select->column_text(15);
  submission.provenance.file_sha256 = select->column_text(16);
  submission.provenance.page = select->column_text(17);
  select->reset();
  auto findings = Statement::cached(*connection_, sql::version_findings);
  if (!findings) return findings.error();
  findings->bind_int(1, version_id);
  if (auto read = for_each_row(*findings, [&] { submission.findings.push_back(read_finding(*findings, 0)); });
      !read)
    return read.error();
  return submission;
}

Result<std::vector<UnitStatus>> SqliteStore::status(const Plan& plan, std::string_view period) {
  auto found = find_period(period);
  if (!found) return found.error();
  auto select = Statement::cached(*connection_, sql::status);
  if (!select) return select.error();
  select->bind_int(1, found->first);
  std::vector<UnitStatus> stored;
  if (auto read = for_each_row(*select, [&] {
        UnitStatus& status = stored.emplace_back();
        status.unit = select->column_text(0);
        status.registered = select->column_int(1) != 0;
        status.version = static_cast<int>(select->column_int(2));
        status.state = submission_state_from_name(select->column_text(3)).value_or(SubmissionState::submitted);
        status.written_at_utc = select->column_text(4);
        status.author = select->column_text(5);
        status.source = select->column_text(6);
        status.error_count = static_cast<int>(select->column_int(7));
        status.warning_count = static_cast<int>(select->column_int(8));
      });
      !read)
    return read.error();
  return list_statuses(plan, period, std::move(stored));
}

Result<std::vector<StoredUnit>> SqliteStore::units() {
  if (auto ready = ensure_schema(); !ready) return ready.error();
  auto select = Statement::cached(*connection_, sql::units);
  if (!select) return select.error();
  std::vector<StoredUnit> units;
  if (auto read = for_each_row(*select, [&] {
        units.push_back(StoredUnit{std::string(select->column_text(0)), std::string(select->column_text(1)),
                                   static_cast<int>(select->column_int(2))});
      });
      !read)
    return read.error();
  return units;
}

Result<std::vector<StoredPlan>> SqliteStore::plans() {
  // A new file has no tables yet, and asking must not make them.
  if (connection_->schema_pending()) return std::vector<StoredPlan>();
  auto select = Statement::cached(*connection_, sql::plans);
  if (!select) return select.error();
  std::vector<StoredPlan> plans;
  if (auto read = for_each_row(*select, [&] { plans.push_back(stored_plan(select->column_text(0), select->column_text(1))); });
      !read)
    return read.error();
  return plans;
}

Result<void> SqliteStore::leave_checkpoints_to_sync() {
  return connection_->exec(
      "PRAGMA wal_autocheckpoint = " + std::to_string(store_detail::group_writer_checkpoint_frames), "open");
}

Result<void> SqliteStore::sync_committed() {
  sqlite3* db = connection_->get();
  // PASSIVE: copies what no reader still needs and waits for no one; it
  // syncs the log before copying, then the database after.
  int log_frames = 0;
  auto passive = [&] {
    const int rc = sqlite3_wal_checkpoint_v2(db, nullptr, SQLITE_CHECKPOINT_PASSIVE, &log_frames, nullptr);
    return rc == SQLITE_OK || (rc & 0xff) == SQLITE_BUSY;  // busy: another checkpoint runs
  };
  if (!passive()) return sqlite_error(db, "checkpoint");
  if (log_frames < store_detail::wal_restart_frames) return {};
  // The log is written again from its beginning only by a write that begins
  // when all of it is copied; a writer saving flat out never lets that
  // happen (its next group begins while this copies), and the server's one
  // writer checkpoints only as a last resort (sqlite_write_group.cpp). So,
  // the log being long: again without stopping anyone (what came while
  // the last ran), until little came or a few times over, then RESTART
  // between two of the writer's transactions, holding the process's write
  // lock: it copies the little still new, syncs, and waits for the readers
  // of the log, so that the next write starts the log again. Writers wait
  // that long; a reader holding an old snapshot (a backup) is not waited
  // for past restart_wait_ms: then the next sync tries again. (TRUNCATE,
  // which also empties the file, measured worse: the log's file then grows
  // anew.)
  for (int pass_idx = 0; pass_idx < store_detail::restart_passes_max; ++pass_idx) {
    const int frames_before = log_frames;
    if (!passive()) return sqlite_error(db, "checkpoint");
    if (log_frames - frames_before <= store_detail::restart_frames_new_max) break;
  }
  const auto& lock = connection_->write_lock();
  std::unique_lock<std::timed_mutex> writing;
  if (lock) {
    writing = std::unique_lock(*lock, std::defer_lock);
    if (!writing.try_lock_for(std::chrono::milliseconds(store_detail::restart_wait_ms))) return {};
  }
  sqlite3_busy_timeout(db, store_detail::restart_wait_ms);
  const int rc = sqlite3_wal_checkpoint_v2(db, nullptr, SQLITE_CHECKPOINT_RESTART, nullptr, nullptr);
  sqlite3_busy_timeout(db, store_detail::busy_timeout_ms);
  if (rc != SQLITE_OK && (rc & 0xff) != SQLITE_BUSY) return sqlite_error(db, "checkpoint");
  return {};
}

Result<std::int64_t> SqliteStore::period_change_count(std::string_view period) {
  if (auto ready = ensure_schema(); !ready) return ready.error();
  auto select = Statement::cached(*connection_, sql::change_count);
  if (!select) return select.error();
  select->bind_text(1, period);
  auto stepped = select->step();
  if (!stepped) return stepped.error();
  if (!*stepped) return period_not_stored(period);
  return select->column_int(0);
}

Result<int> SqliteStore::schema_version() {
  if (auto ready = ensure_schema(); !ready) return ready.error();
  auto select = Statement::cached(*connection_, "PRAGMA user_version");
  if (!select) return select.error();
  auto stepped = select->step();
  if (!stepped) return stepped.error();
  const int version = *stepped ? static_cast<int>(select->column_int(0)) : 0;
  if (version > schema_version_latest()) return newer_schema_than_opened(path_, version, schema_version_latest());
  return version;
}

Result<std::optional<std::vector<SummaryValue>>> SqliteStore::cached_summary(const Plan& plan,
                                                                             std::string_view period) {
  auto found = find_period(period);
  if (!found) return found.error();
  auto select = Statement::cached(*connection_, sql::cached_summary);
  if (!select) return select.error();
  select->bind_int(1, found->first);
  std::string sha256 = compute_store_sha256(plan);
  select->bind_text(2, sha256);
  const auto plan_index = plan_index_by_code(plan);
  std::vector<SummaryValue> summary(plan.indicators.size());
  std::size_t matched = 0;
  if (auto read = for_each_row(*select, [&] {
        auto indicator = plan_index.find(std::string(select->column_text(0)));
        if (indicator == plan_index.end()) return;
        SummaryValue& value = summary[static_cast<std::size_t>(indicator->second)];
        if (!select->column_is_null(1)) value.value = select->column_double(1);
        value.units_reporting = static_cast<int>(select->column_int(2));
        value.yes = static_cast<int>(select->column_int(3));
        value.no = static_cast<int>(select->column_int(4));
        value.blank = static_cast<int>(select->column_int(5));
        ++matched;
      });
      !read)
    return read.error();
  if (matched != plan.indicators.size()) return std::optional<std::vector<SummaryValue>>();
  return std::optional<std::vector<SummaryValue>>(std::move(summary));
}

Result<std::map<std::string, SummaryValue, std::less<>>> SqliteStore::cached_indicator_summaries(
    const Plan& plan, std::string_view indicator_code) {
  if (auto ready = ensure_schema(); !ready) return ready.error();
  auto select = Statement::cached(*connection_, sql::cached_indicator_summaries);
  if (!select) return select.error();
  const std::string sha256 = compute_store_sha256(plan);
  select->bind_text(1, sha256);
  select->bind_text(2, indicator_code);
  std::map<std::string, SummaryValue, std::less<>> kept;
  if (auto read = for_each_row(*select, [&] {
        SummaryValue& value = kept[std::string(select->column_text(0))];
        if (!select->column_is_null(1)) value.value = select->column_double(1);
        value.units_reporting = static_cast<int>(select->column_int(2));
        value.yes = static_cast<int>(select->column_int(3));
        value.no = static_cast<int>(select->column_int(4));
        value.blank = static_cast<int>(select->column_int(5));
      });
      !read)
    return read.error();
  return kept;
}

Result<void> SqliteStore::put_summary(const Plan& plan, std::string_view period, std::int64_t change_count,
                                      const std::vector<SummaryValue>& summary) {
  auto found = find_period(period);
  if (!found) return found.error();
  if (summary.size() != plan.indicators.size())
    return make_error(ErrorKind::internal, "Bảng tổng hợp không khớp kế hoạch.", "The summary does not fit the plan.");
  // Kept as a convenience for the next reader: not when another writes now
  // (the server's writer, an import), for which this reader would wait.
  auto transaction = Transaction::begin_immediate(connection_, "summary " + std::string(period), Transaction::Wait::none);
  if (!transaction) return transaction.error().kind == ErrorKind::busy ? Result<void>() : transaction.error();
  // Only the summary of the period as it still is.
  auto current = Statement::cached(*connection_, sql::change_count_by_id);
  if (!current) return current.error();
  current->bind_int(1, found->first);
  auto stepped = current->step();
  if (!stepped) return stepped.error();
  if (!*stepped || current->column_int(0) != change_count) return {};
  current->reset();
  std::string sha256 = compute_store_sha256(plan);
  if (auto written = write_summary(connection_->get(), found->first, sha256, change_count, plan, summary); !written)
    return written;
  return transaction->commit();
}

}  // namespace store_detail
}  // namespace chiso
