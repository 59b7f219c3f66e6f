// The SQLite implementation of Store (store.h), internal to src/store.
//
// One connection per SqliteStore, opened with: WAL (readers never block the
// writer, and one writer at a time; a new file only once its first import
// has ended, Connection::wal_pending), busy_timeout (a second writer waits for
// the first to commit instead of failing with "database is locked"),
// foreign_keys on, synchronous=NORMAL (in WAL a commit is atomic and the
// database stays consistent on power loss; only the last commits may be lost).
//
// The phases of the store, a file each:
//   schema.cpp               create and migrate (PRAGMA user_version)
//   migrate_v1.cpp           migration 2: version 1's row blocks into versions
//   cells.cpp                a row's values as stored (JSON cells)
//   sqlite_import_writer.cpp one import: periods, versions, findings
//   sqlite_unit_writes.cpp   one unit's save, state moves, periods opened and locked
//   sqlite_write_group.cpp   begin_write_group(): several writes in one commit
//   sqlite_store.cpp         open, periods(), load_period(), load_unit(), status(), units(), summaries
//   sqlite_history.cpp       history(): changes per cell and per state
//   sqlite_accounts.cpp      accounts(): the SQLite layer under account_flows.h
//   sqlite_backup.cpp        backup_to(): a consistent copy while others write
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "store/sqlite_statement.h"
#include "store/store.h"
#include "store/store_common.h"

namespace chiso::store_detail {

class SqliteStore final : public Store {
 public:
  SqliteStore(std::shared_ptr<Connection> connection, std::string path);
  ~SqliteStore() override;

  Result<std::unique_ptr<ImportWriter>> begin_import(const Plan& plan, const SourceFile& file,
                                                    const ImportOptions& options) override;
  Result<std::unique_ptr<WriteGroup>> begin_write_group() override;
  Result<UnitWriteResult> write_unit(const Plan& plan, const UnitWrite& write) override;
  Result<void> set_state(std::string_view period, std::string_view unit, int based_on_version,
                         SubmissionState to, const Provenance& who) override;
  Result<RowComment> add_comment(const Plan& plan, std::string_view period, std::string_view unit,
                                 const RowComment& comment) override;
  Result<std::vector<RowComment>> comments(std::string_view period, std::string_view unit) override;
  Result<std::optional<ReturnNote>> standing_return(std::string_view period, std::string_view unit) override;
  Result<std::map<std::string, std::string>> explanations(std::string_view period, std::string_view unit) override;
  Result<void> open_period(std::string_view period, std::string_view deadline) override;
  Result<void> set_period_state(std::string_view period, PeriodState state, const Provenance& who) override;
  Result<std::vector<PeriodInfo>> periods() override;
  Result<PeriodInfo> period(std::string_view period) override;
  Result<CheckedTable> load_period(const Plan& plan, std::string_view period) override;
  Result<UnitSubmission> load_unit(const Plan& plan, std::string_view period, std::string_view unit) override;
  Result<std::vector<Change>> history(std::string_view period, const HistoryQuery& query) override;
  Result<std::vector<UnitStatus>> status(const Plan& plan, std::string_view period) override;
  Result<std::vector<StoredUnit>> units() override;
  Result<std::vector<StoredPlan>> plans() override;
  Result<std::optional<std::vector<SummaryValue>>> cached_summary(const Plan& plan,
                                                                  std::string_view period) override;
  Result<std::map<std::string, SummaryValue, std::less<>>> cached_indicator_summaries(
      const Plan& plan, std::string_view indicator_code) override;
  Result<void> put_summary(const Plan& plan, std::string_view period, std::int64_t change_count,
                           const std::vector<SummaryValue>& summary) override;
  Result<std::int64_t> period_change_count(std::string_view period) override;
  Result<int> schema_version() override;
  Accounts& accounts() override;
  Result<void> backup_to(const std::string& path, bool replace_existing) override;
  Result<void> sync_committed() override;
  Result<void> leave_checkpoints_to_sync() override;

  // Creates the schema of a new file that has none yet
  // (Connection::schema_pending); every read calls it first (the accounts
  // too: sqlite_accounts.h).
  Result<void> ensure_schema();

 private:
  // The period's id and state; not found when it is not stored.
  Result<std::pair<std::int64_t, PeriodState>> find_period(std::string_view period);

  std::shared_ptr<Connection> connection_;
  std::string path_;
  // Set at the first begin_write_group(): this connection is a server's one
  // writer; it keeps more pages and leaves checkpoints to sync_committed()
  // (sqlite_write_group.cpp).
  bool writes_groups_ = false;
  // Made on the first accounts(); after connection_, so destroyed first.
  std::unique_ptr<Accounts> accounts_;
};

// The id of the plan's unit `unit_idx` in table unit, added when not there
// yet. REQUIRES: a write transaction.
Result<std::int64_t> registered_unit_id(Connection& db, const Plan& plan, int unit_idx);

// Replaces the figures kept for a period (summary_cache) with `summary`
// (indexed like `plan`) at the period's `change_count`, for the plan of
// `plan_sha256`. REQUIRES: a write transaction; summary.size() ==
// plan.indicators.size().
Result<void> write_summary(sqlite3* db, std::int64_t period_id, std::string_view plan_sha256,
                           std::int64_t change_count, const Plan& plan, const std::vector<SummaryValue>& summary);

// Reads the findings of the statement's rows, whose columns are, from
// `first_col`: severity, rule_id, unit, row_number, indicator, message_vi,
// message_en, raw, expected, hint_vi, hint_en, file, table_idx, row_idx,
// col_idx, period.
Finding read_finding(const Statement& select, int first_col);

}  // namespace chiso::store_detail
