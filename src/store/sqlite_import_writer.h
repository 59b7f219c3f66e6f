// One import into the SQLite store: a BEGIN IMMEDIATE transaction from
// begin() to commit(), with prepared statements reused for every row (the
// rows' way shared with PostgreSQL's writer: import_rows.h).
//
// The life of a period within an import (store.h has the states):
//   first row or finding of the period → the period is created if new
//   (refused when locked; refused when the file is stored under another
//   period, unless allowed), the import is recorded as one of its sources,
//   and its current versions are read → each row: identical to the unit's
//   current version → nothing written; else a new version, the current one
//   no longer current → commit(): units not in the file withdrawn for the
//   periods to replace, counters updated, transaction committed.
// Any error marks the writer failed: later calls return an error and the
// transaction is rolled back when the writer is destroyed.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "common/follow_map.h"
#include "store/import_rows.h"
#include "store/sqlite_statement.h"
#include "store/store.h"

namespace chiso::store_detail {

class SqliteImportWriter final : public ImportRows {
 public:
  // Takes the write lock (waiting up to the busy timeout), creates the schema
  // of a new file (Connection::schema_pending; `path` names it in errors),
  // stores the plan (once per distinct text) and records the file as a source.
  static Result<std::unique_ptr<ImportWriter>> begin(std::shared_ptr<Connection> connection,
                                                     const Plan& plan, const SourceFile& file,
                                                     const ImportOptions& options, const std::string& path);
  ~SqliteImportWriter() override = default;

  Result<std::map<std::string, PeriodImport>> commit() override;

 private:
  // A new version waiting for the next multi-row INSERT.
  struct PendingVersion {
    std::int64_t id = 0, period_id = 0, unit_id = 0;
    int version = 0;
    const char* state = "submitted";
    int row_number = 0;
    std::string raw_name;
    CellPos pos;
    std::string cells, positions;
    int error_count = 0, warning_count = 0;
  };
  struct PendingFinding {
    std::int64_t version_id = 0;  // 0 = the import's, tied to no row
    Finding finding;
  };
  struct Statements {
    Statement insert_plan, select_plan, insert_source, insert_period, select_period, source_period,
        same_file_elsewhere, read_current, clear_current, select_units, insert_unit, register_unit,
        insert_version, insert_versions, insert_finding, insert_findings, update_period, max_version_id,
        current_of_unit, change_count;
  };

  // A large import into a database that no other connection has open runs
  // in rollback-journal mode, and the database goes back to WAL after it; so
  // does the first import into a new database, which is in that mode
  // already (open_sqlite_store, Connection::wal_pending): WAL writes every
  // new page twice (to the log, then to the database at the checkpoint), a
  // rollback journal only the pages that held data before, which a bulk load
  // hardly touches (docs/storage.md). The import stays atomic: a crash
  // leaves a hot journal, which SQLite rolls back on the next open. Other
  // connections keep the database in WAL; then nothing changes.
  class BulkJournal {
   public:
    BulkJournal() = default;
    BulkJournal(const BulkJournal&) = delete;
    BulkJournal& operator=(const BulkJournal&) = delete;
    ~BulkJournal() { end(); }
    // Leaves WAL if it can (`large`), or stays out of it when the new
    // database is not in it yet; call before the transaction begins.
    void begin(std::shared_ptr<Connection> connection, bool large);
    // Back to WAL; call when no transaction is open. Idempotent.
    void end();

   private:
    std::shared_ptr<Connection> connection_;  // set while out of WAL
  };

  // The schema's CHECK and FOREIGN KEY constraints are not evaluated for
  // the import's own statements (PRAGMA ignore_check_constraints, and
  // foreign_keys off, from before BEGIN to after the transaction ends): every
  // value they would check is the writer's own, never a caller's text — a
  // state or severity name, is_current, and ids the writer has just read or
  // inserted in this transaction, under the write lock. What they cost per
  // version inserted: a lookup in each of period, unit and source, and, for a
  // CHECK `x IN ('a', 'b', 'c')` of more than two values, a temporary index of
  // the list built for every row (SQLite codes a constraint without the
  // once-per-statement guard a query's IN gets) — together about two fifths
  // of the instructions of storing a history. tests/store/bulk_import_test.cpp
  // runs PRAGMA foreign_key_check after imports. A page's save and every other
  // writer are checked as before.
  class OwnValuesTrusted {
   public:
    OwnValuesTrusted() = default;
    OwnValuesTrusted(const OwnValuesTrusted&) = delete;
    OwnValuesTrusted& operator=(const OwnValuesTrusted&) = delete;
    ~OwnValuesTrusted() { end(); }
    // Call before the transaction begins (foreign_keys cannot change inside
    // one) and before the writer's statements are prepared.
    Result<void> begin(std::shared_ptr<Connection> connection);
    // The checks on again; call when no transaction is open. Idempotent.
    void end();

   private:
    std::shared_ptr<Connection> connection_;  // set while the checks are off
  };

  SqliteImportWriter(const Plan& plan, const SourceFile& file, const ImportOptions& options)
      : ImportRows(plan, file, options) {}
  Result<void> prepare();
  // ImportRows's steps; a unit is added (or registered) as its first row
  // comes, so no row waits.
  Result<void> start_period(ImportPeriod& state) override;
  Result<std::optional<std::int64_t>> unit_id(const UnitRow& row) override;
  // The id of the row's unit, added or registered if need be.
  Result<std::int64_t> stored_unit_id(const UnitRow& row);
  Result<std::optional<ImportCurrent>> read_back(const ImportPeriod& state, std::int64_t unit_id) override;
  Result<void> clear_current(const ImportCurrent& current) override;
  Result<std::int64_t> next_version_id() override { return next_version_id_++; }
  Result<void> write_version(NewVersion& version) override;
  Result<void> write_finding(std::int64_t version_id, const Finding& finding) override;
  Result<void> flush_versions();
  Result<void> flush_findings();

  std::shared_ptr<Connection> connection_;
  BulkJournal bulk_journal_;  // destroyed after transaction_ has ended
  OwnValuesTrusted trusted_;  // likewise
  Transaction transaction_;
  Statements statements_;
  std::string written_at_utc_;
  std::string plan_sha256_;
  std::int64_t plan_row_id_ = 0;
  std::int64_t source_id_ = 0;
  std::int64_t next_version_id_ = 0;  // ids given here: the import holds the write lock
  std::unordered_map<std::string_view, int> unit_by_name_;  // made on first need
  std::vector<std::int64_t> id_by_unit_idx_;  // registered unit's id by plan index, 0 = not known yet
  // Unit name → id: every unit the database had, and the ones added. A
  // FollowMap: a history repeats its units in the same order every period.
  FollowMap<std::int64_t> unit_ids_;
  std::unordered_set<std::int64_t> unregistered_ids_;
  std::vector<PendingVersion> pending_versions_;  // the first pending_version_count_ wait
  std::size_t pending_version_count_ = 0;
  std::vector<PendingFinding> pending_findings_;
  bool creates_schema_ = false;  // the new file's schema is in this transaction
};

// "INSERT OR FAIL INTO finding (…) VALUES (?, …), …" for `rows` findings of
// finding_insert_columns parameters each, bound by bind_finding(): the one
// way a finding is written, by an import or a page's save.
inline constexpr int finding_insert_columns = 18;
std::string finding_insert_sql(std::size_t rows);
// Binds one finding from parameter `first_param` on; `version_id` 0 = the
// finding of no row (NULL). REQUIRES: `finding` outlives the statement's run.
void bind_finding(Statement& insert, int first_param, std::int64_t source_id, std::int64_t version_id,
                  const Finding& finding);

}  // namespace chiso::store_detail
