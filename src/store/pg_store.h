// The PostgreSQL implementation of Store (store.h), internal to src/store.
//
// One connection per PgStore (libpq, pg_connection.h), shared with the
// import writers it starts (a writer may outlive its store). The schema is
// SQLite's, in PostgreSQL's types (pg_schema.h); the SQL both accept is in
// store_sql.h, the rest here.
//
// Concurrency: every write into a period — an import's first row of it, a
// save, a state move, a comment, a lock — first locks the period's row
// (SELECT … FOR UPDATE, or the UPDATE/INSERT that touches it) in its
// transaction, so the check of the current version and the write see the
// same state whatever other connections (other servers) write: two saves
// from one stale version give one success and one conflict. The unique
// (period_id, unit_id, version) index is the backstop. Readers never wait
// (READ COMMITTED: each statement sees the last commit).
//
// The phases of the store, a file each:
//   pg_schema.cpp        create and migrate (table schema_version)
//   pg_import_writer.cpp one import with COPY: periods, versions, findings
//   pg_unit_writes.cpp   one unit's save, state moves, periods opened and locked, comments
//   pg_store.cpp         open, the readers, summaries, history
//   pg_accounts.cpp      accounts(): the PostgreSQL layer under account_flows.h
#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include "store/pg_connection.h"
#include "store/store.h"

namespace chiso::store_detail {

class PgStore final : public Store {
 public:
  explicit PgStore(std::shared_ptr<pg::PgConnection> connection);
  ~PgStore() override;

  Result<std::unique_ptr<ImportWriter>> begin_import(const Plan& plan, const SourceFile& file,
                                                    const ImportOptions& options) override;
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
  Result<std::optional<std::vector<SummaryValue>>> cached_summary(const Plan& plan,
                                                                  std::string_view period) override;
  Result<std::map<std::string, SummaryValue, std::less<>>> cached_indicator_summaries(
      const Plan& plan, std::string_view indicator_code) override;
  Result<void> put_summary(const Plan& plan, std::string_view period, std::int64_t change_count,
                           const std::vector<SummaryValue>& summary) override;
  Result<std::int64_t> period_change_count(std::string_view period) override;
  Accounts& accounts() override;
  // Bad input: PostgreSQL's own tools back it up (pg_dump).
  Result<void> backup_to(const std::string& path, bool replace_existing) override;

  pg::PgConnection& connection() { return *connection_; }

 private:
  // The period's id and state; not found when it is not stored. `for_update`
  // locks its row until the transaction ends (REQUIRES: one is open).
  Result<std::pair<std::int64_t, PeriodState>> find_period(std::string_view period, bool for_update = false);

  std::shared_ptr<pg::PgConnection> connection_;
  std::unique_ptr<Accounts> accounts_;  // made on the first accounts()
};

// The id of the plan's unit `unit_idx` in table unit, added when not there
// yet (by this or, at the same moment, another connection).
Result<std::int64_t> pg_registered_unit_id(pg::PgConnection& connection, const Plan& plan, int unit_idx);

// Replaces the figures kept for a period (summary_cache), as write_summary
// does for SQLite. REQUIRES: a transaction; summary.size() == plan.indicators.size().
Result<void> pg_write_summary(pg::PgConnection& connection, std::int64_t period_id, std::string_view plan_sha256,
                              std::int64_t change_count, const Plan& plan, const std::vector<SummaryValue>& summary);

// Parameters as text.
inline std::optional<std::string> param(std::int64_t value) { return std::to_string(value); }
inline std::optional<std::string> param(std::string_view text) { return std::string(text); }
inline std::optional<std::string> param(const std::string& text) { return text; }
inline std::optional<std::string> param(const char* text) { return std::string(text); }
std::optional<std::string> param(std::optional<double> value);

}  // namespace chiso::store_detail
