// The PostgreSQL implementation of Store (store.h), internal to src/store.
//
// One connection per PgStore (libpq, pg_connection.h), shared with the
// import writers it starts (a writer may outlive its store). The schema is
// SQLite's, in PostgreSQL's types (pg_schema.h); the SQL both accept is in
// store_sql.h, the rest here.
//
// Concurrency: every write takes, before it reads what it checks, an
// advisory lock of the period (held until its transaction ends, whatever
// the connection or server):
//   - a save or a state move of one unit takes the period's lock shared and
//     the unit's lock in the period alone: writes of one unit wait for one
//     another, so the check of the current version and the write see the
//     same state (two saves from one stale version give one success and one
//     conflict; the unique (period_id, unit_id, version) index is the
//     backstop), and writes of other units go on beside them;
//   - a comment takes the period's lock shared;
//   - an import of the period and a lock or unlock take it alone (and the
//     period's row FOR UPDATE): they wait for the writes in flight, and the
//     writes after them see the period as they left it;
//   - a save, a state move or a comment waits at most a tenth of a second
//     for the period's lock held alone (or waited for) by another, then is
//     refused busy (the form sends it again). An import holds it for as long
//     as it runs, and a server's workers, a few, waiting that long would stop
//     the server: every request behind them, logins and reads of other
//     periods too.
// Every other lock is waited for up to lock_timeout (PgConnection's session,
// a minute as SQLite's busy timeout), then busy.
// A write counts itself in the period's row of period_tally for its unit's
// shard (the unit's id modulo pg_tally_shards; an import in shard 0), so
// writes of units in other shards do not wait for its commit either.
// Readers never wait (READ COMMITTED: each statement sees the last commit).
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
  // Bad input: PostgreSQL's own tools back it up (pg_dump).
  Result<void> backup_to(const std::string& path, bool replace_existing) override;

  pg::PgConnection& connection() { return *connection_; }

 private:
  // The period's id and state; not found when it is not stored. `for_update`
  // locks its row until the transaction ends (FOR NO KEY UPDATE: against
  // other changes of the row, not the references saves check; REQUIRES: a
  // transaction).
  Result<std::pair<std::int64_t, PeriodState>> find_period(std::string_view period, bool for_update = false);

  std::shared_ptr<pg::PgConnection> connection_;
  std::unique_ptr<Accounts> accounts_;  // made on the first accounts()
};

// The advisory locks above, keyed by the period's name (and the unit's):
// $1 the period, $2 the unit. Keys come from hashtextextended, computed by
// the database, so every server computes the same; two names that hash
// alike only wait for each other.
// (docs/deploy.md §8 finds the session holding a period with the same key.)
inline const std::string period_lock_key = "hashtextextended($1, 1128813391)";
inline const std::string lock_period_alone = "SELECT pg_advisory_xact_lock(" + period_lock_key + ")";
// A unit's writes take the period's lock shared only if no one holds it
// alone or waits to (true, held; false, not), trying again after 20 ms and
// after 80 ms more: a short hold (a reporter's upload, a lock in progress)
// is waited out, but an import holds it for as long as it runs, minutes
// for a large file, and a server's workers must not wait that long
// (pg_unit_writes.cpp answers busy instead). CASE evaluates only the
// branches it needs (each call volatile: none folded beforehand).
inline const std::string try_period_shared_expression =
    "CASE WHEN pg_try_advisory_xact_lock_shared(" + period_lock_key + ") THEN true "
    "WHEN pg_sleep(0.02) IS NOT NULL AND pg_try_advisory_xact_lock_shared(" + period_lock_key + ") THEN true "
    "WHEN pg_sleep(0.08) IS NOT NULL AND pg_try_advisory_xact_lock_shared(" + period_lock_key + ") THEN true "
    "ELSE false END";
inline const std::string try_lock_period_shared = "SELECT " + try_period_shared_expression;
// The period's lock shared as try_lock_period_shared takes it, and only
// when taken the unit's alone; the unit's id (NULL when the database has no
// such unit yet).
inline const std::string lock_unit_in_period =
    std::string("SELECT period_lock.held, CASE WHEN period_lock.held THEN "
                "pg_advisory_xact_lock(hashtextextended($1 || chr(31) || $2, 1128813392))::text END, "
                "(SELECT id FROM unit WHERE name = $2) FROM (SELECT ") +
    try_period_shared_expression + " AS held OFFSET 0) AS period_lock";
// Busy, naming `period`: another session holds it alone (an import, a lock
// or an unlock), past a unit's write's tenth of a second, or, `waited`,
// past the session's lock_timeout (an import, a lock). Its `field` is
// "period".
Error pg_period_held_error(std::string_view period, bool waited);
// The rows of period_tally a period's writes are spread over.
inline constexpr int pg_tally_shards = 64;

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
