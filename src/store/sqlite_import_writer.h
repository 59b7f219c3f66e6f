// One import into the SQLite store: a BEGIN IMMEDIATE transaction from
// begin() to commit(), with prepared statements reused for every row.
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
#include "store/cells.h"
#include "store/import_period.h"
#include "store/sqlite_statement.h"
#include "store/store.h"

namespace chiso::store_detail {

class SqliteImportWriter final : public ImportWriter {
 public:
  // Takes the write lock (waiting up to the busy timeout), creates the schema
  // of a new file (Connection::schema_pending; `path` names it in errors),
  // stores the plan (once per distinct text) and records the file as a source.
  static Result<std::unique_ptr<ImportWriter>> begin(std::shared_ptr<Connection> connection,
                                                     const Plan& plan, const SourceFile& file,
                                                     const ImportOptions& options, const std::string& path);
  ~SqliteImportWriter() override = default;

  Result<void> add_row(const UnitRow& row, std::span<const Finding> findings) override;
  // Reads only what prepare() set and never changes: safe on another thread
  // while add_encoded_row() stores earlier rows.
  void encode_row(const UnitRow& row, EncodedCells& out) const override;
  Result<void> add_encoded_row(const UnitRow& row, EncodedCells& encoded, std::span<const Finding> findings) override;
  Result<void> add_findings(std::string_view period, std::span<const Finding> findings) override;
  Result<void> add_summary(std::string_view period, std::vector<SummaryValue> summary) override;
  Result<std::map<std::string, PeriodImport>> commit() override;

 private:
  using CurrentVersion = ImportCurrent;
  using PeriodState = ImportPeriod;
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

  SqliteImportWriter() = default;
  Result<void> prepare(const Plan& plan);
  Result<void> usable() const;
  Result<void> fail(Error error);
  Result<PeriodState*> period_state(std::string_view period);
  Result<std::int64_t> unit_id(const UnitRow& row);
  // `encoded` is encode_row(*row), null with `row` (a withdrawal).
  Result<void> add_version(PeriodState& state, std::int64_t unit_id, const std::string& unit_name,
                           const UnitRow* row, EncodedCells* encoded, std::span<const Finding> findings);
  Result<void> flush_versions();
  Result<void> flush_findings();

  std::shared_ptr<Connection> connection_;
  BulkJournal bulk_journal_;  // destroyed after transaction_ has ended
  OwnValuesTrusted trusted_;  // likewise
  Transaction transaction_;
  Statements statements_;
  SourceFile file_;
  ImportOptions options_;
  std::string written_at_utc_;
  const Plan* plan_ = nullptr;  // the plan outlives the writer
  std::string plan_sha256_;
  std::int64_t plan_row_id_ = 0;
  std::int64_t source_id_ = 0;
  std::int64_t next_version_id_ = 0;  // ids given here: the import holds the write lock
  std::vector<std::string> indicator_codes_;
  std::unordered_map<std::string_view, int> unit_by_name_;  // made on first need
  std::vector<std::int64_t> id_by_unit_idx_;  // registered unit's id by plan index, 0 = not known yet
  // Unit name → id: every unit the database had, and the ones added. A
  // FollowMap: a history repeats its units in the same order every period.
  FollowMap<std::int64_t> unit_ids_;
  std::unordered_set<std::int64_t> unregistered_ids_;
  std::vector<PendingVersion> pending_versions_;  // the first pending_version_count_ wait
  std::size_t pending_version_count_ = 0;
  std::vector<PendingFinding> pending_findings_;
  std::map<std::string, PeriodState> periods_;
  std::string last_period_;
  PeriodState* last_state_ = nullptr;
  std::optional<CellsEncoder> encoder_;  // of the plan's codes, made by prepare()
  EncodedCells encoded_;
  bool failed_ = false;
  bool committed_ = false;
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
