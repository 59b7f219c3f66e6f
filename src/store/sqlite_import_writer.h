// One import into the SQLite store: a BEGIN IMMEDIATE transaction from
// begin() to commit(), with prepared statements reused for every row.
//
// The life of a period's submission within an import:
//   (not touched) → first row/finding/summary of the period: the period row
//   is created if new, a submission with version = previous max + 1 is
//   inserted and made current (the previous current one is kept, no longer
//   current) → more rows → commit(): counts written, transaction committed.
// Any error marks the writer failed: later calls return an error and the
// transaction is rolled back when the writer is destroyed.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "common/follow_map.h"
#include "store/row_codec.h"
#include "store/sqlite_statement.h"
#include "store/store.h"

namespace chiso::store_detail {

class SqliteImportWriter final : public ImportWriter {
 public:
  // Takes the write lock (waiting up to the busy timeout), creates the schema
  // of a new file (Connection::schema_pending; `path` names it in errors)
  // and stores the plan (once per distinct text).
  static Result<std::unique_ptr<ImportWriter>> begin(std::shared_ptr<Connection> connection,
                                                     const Plan& plan, const SourceFile& file,
                                                     const std::string& path);
  ~SqliteImportWriter() override = default;

  Result<void> add_row(const UnitRow& row, std::span<const Finding> findings) override;
  Result<void> add_findings(std::string_view period, std::span<const Finding> findings) override;
  Result<void> set_summary(std::string_view period, const std::vector<SummaryValue>& summary) override;
  Result<void> commit() override;

 private:
  struct PeriodState {
    std::int64_t submission_id = 0;
    std::int64_t next_row_idx = 0;
    BlockEncoder block;  // rows not yet written, from next_row_idx - block.row_count()
    int unit_count = 0;
    int error_count = 0;
    int warning_count = 0;
  };
  struct Statements {
    Statement insert_plan, select_plan, insert_period, select_period, max_version, clear_current,
        insert_submission, select_units, max_unit_id, insert_unit, insert_units, insert_finding,
        insert_findings, delete_summary, insert_summary, update_counts, insert_block;
  };
  // Findings and new units are kept here and written many to an INSERT
  // (findings_per_insert, units_per_insert): SQLite's cost per statement is
  // several times its cost per row (it was mostly the statement journal,
  // which OR FAIL does without). Written in the order they came, so ids keep
  // that order.
  struct PendingFinding {
    std::int64_t submission_id = 0;
    Finding finding;
  };
  struct PendingUnit {
    std::int64_t id = 0;
    std::string name;
    const char* kind = "";  // unit_kind_name, "" when the plan has no such unit
  };

  // A large import into a database that no other connection has open runs
  // in rollback-journal mode, and the database goes back to WAL after it; so
  // does the first import into a new database, which is in that mode
  // already (open_sqlite_store, Connection::wal_pending):
  // WAL writes every new page twice (to the log, then to the database at the
  // checkpoint), a rollback journal only the pages that held data before,
  // which a bulk load hardly touches (1.2 million rows, A/B: 4.4 → 3.65 s). The
  // import stays atomic: a crash leaves a hot journal, which SQLite rolls
  // back on the next open. Other connections would keep the database in
  // WAL; then nothing changes.
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

  SqliteImportWriter() = default;
  Result<void> prepare(const Plan& plan);
  Result<void> usable() const;
  Result<void> fail(Error error);
  Result<PeriodState*> period_state(std::string_view period);
  Result<std::int64_t> unit_id(const UnitRow& row);  // 0 = no unit (unmatched)
  Result<void> insert_findings(PeriodState& state, std::span<const Finding> findings);
  Result<void> flush_findings();
  Result<void> flush_units();
  Result<void> flush_block(PeriodState& state);

  std::shared_ptr<Connection> connection_;
  BulkJournal bulk_journal_;  // destroyed after transaction_ has ended
  Transaction transaction_;
  Statements statements_;
  SourceFile file_;
  std::string imported_at_utc_;
  std::int64_t plan_row_id_ = 0;
  std::vector<std::string> indicator_codes_;
  const std::vector<UnitDef>* plan_units_ = nullptr;  // the plan outlives the writer
  // Plan::units by name, made when a row first comes without its index.
  std::unordered_map<std::string_view, int> unit_by_name_;
  // The id of each registered unit (by its index in Plan::units), 0 until
  // known: most rows name a registered unit, and find it here.
  std::vector<std::int64_t> id_by_unit_idx_;
  // Unit name → id: the units the database had, and the names not
  // registered. A FollowMap: a history repeats its units in the same order
  // every period, so most ids are found without hashing the name.
  FollowMap<std::int64_t> unit_ids_;
  // Unit ids are given here, not by SQLite: the import holds the write lock,
  // so no one else can take MAX(id) + 1 meanwhile.
  std::int64_t last_unit_id_ = 0;
  std::vector<PendingUnit> pending_units_;
  std::vector<PendingFinding> pending_findings_;
  std::unordered_map<std::string, PeriodState> periods_;
  std::string last_period_;
  PeriodState* last_state_ = nullptr;
  bool failed_ = false;
  bool committed_ = false;
  bool creates_schema_ = false;  // the new file's schema is in this transaction
};

}  // namespace chiso::store_detail
