// Store: every period, every unit's submission, every version and change,
// kept. The rest of the program (the service layer, and through it the CLI
// and the server) talks to this interface only; SQLite is the default
// implementation and PostgreSQL fits behind the same interface.
//
// A unit's submission — the design
// --------------------------------
// For each (period, unit) the store keeps a series of versions 1, 2, 3…;
// the highest is the current one. A version is written once and never
// changed except for its state; every read below sees current versions only,
// except history(). A version holds the unit's row (raw text and parsed
// value of each indicator, where in which file or page it came from), the
// findings about that row, who wrote it, when, and an optional comment.
//
// States of a unit's current version, and who moves it:
//
//   (none) ──save──▶ draft ──submit──▶ submitted ──approve──▶ approved
//                      ▲                  │  ▲                   │
//                      └──save── returned ◀──return─────────────┘
//   import of a file (or a save with submit): ──▶ submitted
//   --replace-period, for a unit not in the file: ──▶ withdrawn
//
// - A save or an import that changes the row makes a new version; one that
//   changes nothing (the same raw texts and values) makes none.
// - submit / return / approve change the state of the current version and
//   record an event (who, when, from → to, comment); they make no version.
// - A withdrawn version has no values: the unit is not in the period.
// - A period is `open` or `locked`. A locked period refuses every write
//   (ErrorKind::conflict) until it is unlocked with a reason.
//
// Writes carry the version they were based on (`based_on_version`, 0 = the
// unit had none); a write based on a version that is no longer current is
// refused as ErrorKind::conflict, naming both versions, never applied
// silently. An import of a file carries no base: the file is the authority
// for the units in it, and history() keeps what it replaced.
//
// Thread-safety: a Store object is used by one thread at a time; concurrent
// writers use one Store each (the database serialises their transactions:
// a second writer waits for the first to commit, it does not fail). Readers
// never wait for a writer and see the last committed state.
// docs/storage.md has the schema and plain SQL over it.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "common/model.h"
#include "common/result.h"
#include "plan/plan.h"
#include "store/accounts.h"

namespace chiso {

enum class SubmissionState { draft, submitted, returned, approved, withdrawn };
enum class PeriodState { open, locked };

// "draft", "submitted"…; the words stored in the database.
const char* submission_state_name(SubmissionState state);
std::optional<SubmissionState> submission_state_from_name(std::string_view name);
const char* period_state_name(PeriodState state);

struct PeriodInfo {
  std::string period;
  PeriodState state = PeriodState::open;
  std::string deadline;         // "" = none
  int unit_count = 0;           // units with a current, not withdrawn, submission
  int submission_count = 0;     // versions stored in the period, all units
  std::string last_change_utc;  // ISO 8601 of the newest version
  std::string last_source;      // file name or page of the newest version
  // Findings of the current versions' rows (a table's own findings, such as
  // an unknown header, show in load_period but are not counted here).
  int error_count = 0;
  int warning_count = 0;
  // The period's change count (period_change_count), read with the rest by
  // period(); 0 from periods().
  std::int64_t change_count = 0;
};

// Who wrote a version, and from where.
struct Provenance {
  std::string author = "import";  // a user name, or "import" for a file
  std::string file;               // file name ("" for a page)
  std::string file_sha256;
  std::string page;               // "" for a file; e.g. "/periods/2025-Q1/units/…"
  std::string comment;
  // set_state only: the cell a return points at ("" = the whole row), and
  // a submit's explanations of the row's warnings (finding key → text),
  // kept with the version submitted.
  std::string indicator;
  std::map<std::string, std::string> explanations;
};

// One unit's current version in a period.
struct UnitSubmission {
  std::string period;
  std::string unit;  // canonical name, or the raw name of an unregistered unit
  bool registered = true;
  int version = 0;
  SubmissionState state = SubmissionState::submitted;
  std::string written_at_utc;
  Provenance provenance;
  UnitRow row;  // values indexed like the plan's indicators
  std::vector<Finding> findings;
};

// What an import did to one period. The name lists keep the first
// names_kept_max names; the counts count all.
struct PeriodImport {
  static constexpr std::size_t names_kept_max = 200;
  int new_count = 0;        // units that had no current version
  int changed_count = 0;    // units given a new version
  int unchanged_count = 0;  // identical row: no new version
  int kept_count = 0;       // current units the import did not touch
  int repeated_count = 0;   // rows of a unit that came earlier in the file (the later one wins)
  // The figures given with ImportWriter::add_summary are the period's and
  // were kept by the import's own commit.
  bool summary_kept = false;
  std::vector<std::string> new_units;
  std::vector<std::string> changed_units;
  std::vector<std::string> withdrawn_units;  // --replace-period: every one, not in the file
};

struct ImportOptions {
  std::string author = "import";
  // Periods (as stored) whose units not in the file are withdrawn.
  std::vector<std::string> replace_periods;
  // A file whose SHA-256 is already stored under another period is refused
  // unless this is set.
  bool allow_same_file_in_other_period = false;
};

// One change of one cell, or of a unit's state, in a period's history.
struct Change {
  std::string period;
  std::string unit;       // canonical or raw name
  std::string indicator;  // code; "" for a state change or a withdrawal
  std::string old_raw;    // "" when the value was blank / the unit absent
  std::string new_raw;
  std::optional<double> old_value;  // parsed; marks as 1/0
  std::optional<double> new_value;
  int old_version = 0;
  int new_version = 0;
  std::string old_state;  // state changes only
  std::string new_state;
  std::string author;
  std::string changed_at_utc;
  std::string source;     // file name or page of the new version
  std::string comment;
};

struct HistoryQuery {
  std::string unit;       // "" = all units; else canonical or raw name
  std::string indicator;  // "" = all indicators
  bool with_states = true;  // state changes (submit, return, approve…)
  // A unit's first version: cell by cell when a unit or an indicator is
  // asked for; over a whole period, one state line per unit when this is
  // set, else left out (a period's first import is not a change).
  bool first_versions = false;
  // A unit's first version cell by cell over a whole period too (old
  // blank): the change trail lists what was first typed or imported.
  bool first_versions_by_cell = false;
};

struct UnitStatus {
  std::string unit;
  bool registered = true;
  bool reported = false;  // has a current, not withdrawn, version
  int version = 0;
  SubmissionState state = SubmissionState::submitted;
  std::string written_at_utc;
  std::string author;
  std::string source;
  int error_count = 0;
  int warning_count = 0;
};

// A comment left on a unit's row in a period: on one value (indicator) or
// on the whole row (indicator ""). Kept, never edited.
struct RowComment {
  std::int64_t id = 0;
  std::string indicator;
  std::string author;
  std::string role;    // the author's role when writing ("reporter"…)
  std::string at_utc;  // ISO 8601, set by the store
  std::string text;
};

// The last return of a unit's row: what the coordinator asked to correct.
struct ReturnNote {
  std::string comment;
  std::string author;
  std::string at_utc;
  std::string indicator;  // "" = the whole row
  int version = 0;        // the version returned
};

struct StoredUnit {
  std::string name;
  std::string kind;
  int periods_reported = 0;
};

// A plan whose values a store keeps (table plan): its id (Plan::id) and its
// indicator codes, in its order.
struct StoredPlan {
  std::string id;
  std::vector<std::string> indicator_codes;
};

// A unit's row as a store keeps its values (store/cells.h: the
// JSON of the cells and their positions), made from the row alone.
struct EncodedCells {
  std::string cells;
  std::string positions;
};

// All writes of one import; one transaction. Destroying it without commit()
// rolls everything back, so a failed or interrupted import leaves the store as
// it was. After any error the writer is spent: later calls return an error
// and only destroying it (rollback) is left. The writer may outlive its Store.
// While it lives, it holds the database's write lock: other writers wait.
class ImportWriter {
 public:
  virtual ~ImportWriter() = default;
  // A row and its findings, in the row's period (UnitRow::period): the unit's
  // new version unless the row is identical to its current one.
  // REQUIRES: row.values.size() == plan.indicators.size() (else an error);
  // row.period not empty (else an error naming the file). unit_name "" = not
  // matched: kept under its raw name as an unregistered unit.
  virtual Result<void> add_row(const UnitRow& row, std::span<const Finding> findings) = 0;
  // The two halves of add_row, for a caller that reads rows on one thread
  // and stores them on another (service/file_scan.h): encode_row() needs
  // nothing but the row and the plan, is const and may run on the reading
  // thread while the writer stores earlier rows; add_encoded_row() is
  // add_row(row, findings) given `encoded` = encode_row(row), whose strings
  // it may take (swapped with buffers of its own, to be reused). A store
  // that encodes nothing ahead keeps the defaults: encode_row() leaves `out`
  // as it is, and add_encoded_row() is add_row().
  virtual void encode_row(const UnitRow& row, EncodedCells& out) const {
    (void)row;
    (void)out;
  }
  virtual Result<void> add_encoded_row(const UnitRow& row, EncodedCells& encoded, std::span<const Finding> findings) {
    (void)encoded;
    return add_row(row, findings);
  }
  // Findings not tied to a row (unmatched header...), for one period; they
  // belong to this import and show while any of its versions is current.
  virtual Result<void> add_findings(std::string_view period, std::span<const Finding> findings) = 0;
  // The city-wide figures of `period` computed from this import's rows of it
  // (indexed like the plan). commit() keeps them as the period's (what
  // cached_summary returns), in the import's transaction, when every unit
  // current in the period after the import came from those rows: none kept
  // from before the import, none repeated in the file
  // (PeriodImport::summary_kept). Else they are not the period's, and the
  // caller computes those from the stored period. Error when the size does
  // not fit the plan.
  virtual Result<void> add_summary(std::string_view period, std::vector<SummaryValue> summary) = 0;
  // Ends the import: withdraws (ImportOptions::replace_periods), keeps the
  // summaries that are the periods', and commits.
  // Returns what happened, by period.
  virtual Result<std::map<std::string, PeriodImport>> commit() = 0;
};

// The input of one unit's save (the web form, an API call).
struct UnitWrite {
  std::string period;
  UnitRow row;  // row.unit_name canonical; values indexed like the plan's indicators
  std::vector<Finding> findings;
  int based_on_version = 0;  // the current version the writer saw; 0 = none
  SubmissionState state = SubmissionState::draft;  // draft or submitted
  Provenance provenance;
};

struct UnitWriteResult {
  int version = 0;       // the current version after the write
  bool changed = false;  // false: identical to the current one, nothing written
};

// Several writes of one Store committed as one transaction: group commit,
// for a server whose one writer thread takes the saves waiting in its queue
// together (server/worker_pool.h). While the group is open, each write of
// the store (write_unit, set_state, add_comment, the accounts' writes…) is a
// savepoint inside it: a write refused (a stale version, a locked period)
// undoes only itself, and the others of the group stay. Nothing of the
// group is visible to other connections, nor durable, before commit().
// Destroying the group without commit() rolls every write of it back.
// REQUIRES: the store is used by no one else while its group is open; no
// import (begin_import) inside a group.
class WriteGroup {
 public:
  virtual ~WriteGroup() = default;
  // Commits every write of the group. Error when the commit fails, or when
  // the database had already given up the group's transaction (SQLite
  // rolls back by itself on some errors, such as a full disk): then none of
  // its writes is kept.
  virtual Result<void> commit() = 0;
};

class Store {
 public:
  virtual ~Store() = default;

  // Opens a group of writes committed together (WriteGroup). Null when this
  // store commits every write by itself (the default: PostgreSQL, whose
  // server makes concurrent writers cheap).
  virtual Result<std::unique_ptr<WriteGroup>> begin_write_group() { return std::unique_ptr<WriteGroup>(); }

  // Starts an import of `file` under `plan` (the plan is stored too).
  virtual Result<std::unique_ptr<ImportWriter>> begin_import(const Plan& plan, const SourceFile& file,
                                                            const ImportOptions& options) = 0;

  // Writes one unit's row (a save from a page). Conflict when the period is
  // locked, when `based_on_version` is not the current version, or when the
  // current version is approved (return it first).
  virtual Result<UnitWriteResult> write_unit(const Plan& plan, const UnitWrite& write) = 0;

  // Moves the current version of (period, unit) to `to` (submitted,
  // returned, approved), recording who and why. Conflict when the period is
  // locked, the version is not `based_on_version`, or the move is not one of
  // the design's transitions. Not found when the unit has no version.
  virtual Result<void> set_state(std::string_view period, std::string_view unit, int based_on_version,
                                 SubmissionState to, const Provenance& who) = 0;

  // Keeps a comment on (period, unit) — `unit` a registered name of `plan`
  // — and returns it with its id and time. Not found when the period is not
  // stored or the unit not in the plan; conflict when the period is locked.
  virtual Result<RowComment> add_comment(const Plan& plan, std::string_view period, std::string_view unit,
                                         const RowComment& comment) = 0;
  // The comments on (period, unit), oldest first (none: empty).
  virtual Result<std::vector<RowComment>> comments(std::string_view period, std::string_view unit) = 0;
  // The last return of (period, unit) while it still stands: the current
  // version is returned, or is a draft saved after the return and not
  // submitted since. nullopt otherwise.
  virtual Result<std::optional<ReturnNote>> standing_return(std::string_view period, std::string_view unit) = 0;
  // The explanations kept with the current version's last submit (empty
  // when none).
  virtual Result<std::map<std::string, std::string>> explanations(std::string_view period,
                                                                  std::string_view unit) = 0;

  // Opens a period (creating it when new) with a deadline ("" = none).
  virtual Result<void> open_period(std::string_view period, std::string_view deadline) = 0;
  // Locks or unlocks a period; unlocking needs a reason (who.comment).
  virtual Result<void> set_period_state(std::string_view period, PeriodState state,
                                        const Provenance& who) = 0;

  // Every stored period, in time order (plan/period.h's sort key).
  virtual Result<std::vector<PeriodInfo>> periods() = 0;
  // One stored period, with its change count, read together by one
  // statement (one indexed row, however many periods are stored). Not found
  // when the period is not stored.
  virtual Result<PeriodInfo> period(std::string_view period) = 0;
  // The current versions of a period as one table: rows in the plan's unit
  // order, then unregistered units in the order they came; findings of those
  // versions and of the imports they came from. Values are matched to `plan`
  // by indicator code (added indicators are blank). The summary is left
  // empty: the service layer computes it (consolidate). Not found when the
  // period is not stored.
  virtual Result<CheckedTable> load_period(const Plan& plan, std::string_view period) = 0;
  // One unit's current version (not found when it has none).
  virtual Result<UnitSubmission> load_unit(const Plan& plan, std::string_view period,
                                           std::string_view unit) = 0;
  // Changes in a period, oldest first: per cell (by parsed value: "100" →
  // "100%" is no change) and, with_states, per state. Not found when the
  // period is not stored.
  virtual Result<std::vector<Change>> history(std::string_view period, const HistoryQuery& query) = 0;
  // Each unit of the period: the registered units of `plan` in order (those
  // without a version are reported = false), then unregistered ones.
  virtual Result<std::vector<UnitStatus>> status(const Plan& plan, std::string_view period) = 0;
  // Every registered unit ever stored (in the order first stored), with its
  // kind and the number of periods where it has a current version.
  virtual Result<std::vector<StoredUnit>> units() = 0;
  // Every plan the store has kept values of, each text of it once, in the
  // order first kept; none in a new store.
  virtual Result<std::vector<StoredPlan>> plans() = 0;

  // The city-wide figures kept for a period (indexed like `plan`), or none
  // when the period changed since they were put (or none were). The service
  // layer computes them from the current versions and puts them back.
  virtual Result<std::optional<std::vector<SummaryValue>>> cached_summary(const Plan& plan,
                                                                          std::string_view period) = 0;
  // The kept city-wide figure of `indicator_code` in each period whose kept
  // figures are current (cached_summary's entry for that indicator), by
  // period name, all periods in one read: what a trend needs. A period with
  // no current kept figures is absent (the service computes them).
  virtual Result<std::map<std::string, SummaryValue, std::less<>>> cached_indicator_summaries(
      const Plan& plan, std::string_view indicator_code) = 0;
  // Keeps `summary` for the period as computed from the current versions at
  // `change_count` (CheckedTable's load time: see period_change_count); a
  // summary of an older state is dropped.
  virtual Result<void> put_summary(const Plan& plan, std::string_view period, std::int64_t change_count,
                                   const std::vector<SummaryValue>& summary) = 0;
  // A counter that grows with every write into the period.
  virtual Result<std::int64_t> period_change_count(std::string_view period) = 0;
  // The version of chiso's schema the database holds: reading it shows the
  // database answers (a server's health check, GET /api/health). A busy
  // error when it is newer than this program understands (a newer chiso
  // migrated it since it was opened; writes are then refused too).
  virtual Result<int> schema_version() = 0;

  // The people who use the server, their sessions and login limits
  // (accounts.h), kept in the same database, so that every server on it
  // shares them. Owned by the store; valid while it lives, used by the
  // store's thread (the same connection, the same transactions).
  virtual Accounts& accounts() = 0;

  // Writes a consistent copy of the whole database to `path` while other
  // processes may be writing to it: the copy is the state of one moment (a
  // committed state), written beside `path` and renamed into place when
  // complete, so `path` never holds half a copy. Conflict when `path`
  // exists and `replace_existing` is false, or when it is the database
  // itself; internal on an I/O failure (the partial copy removed).
  // A store whose database has its own tools (PostgreSQL: pg_dump) says so
  // as bad input.
  virtual Result<void> backup_to(const std::string& path, bool replace_existing) = 0;

  // Makes every write committed so far survive a power cut. SQLite commits
  // to its write-ahead log without waiting for the disk (WAL with
  // synchronous = NORMAL: a killed process loses nothing committed, a power
  // cut loses what the disk had not yet been given); this checkpoint syncs
  // the log and copies it into the database. The server calls it every
  // limits::committed_sync_interval_ms (docs/deploy.md). A store whose
  // commits wait for the disk has nothing to do (the default).
  virtual Result<void> sync_committed() { return {}; }
  // For a store of a server, whose sync calls sync_committed: its own
  // commits leave copying the log into the database to that sync (but for
  // a last resort), as the server's writer does. SQLite otherwise has the
  // commit that finds the log past 1,000 pages copy all of it, and a commit
  // on a worker (a login, a session's touch) made under load would copy a
  // second's log while the writer waited for the process's write lock.
  // Nothing to do where the database copies its own log (the default).
  virtual Result<void> leave_checkpoints_to_sync() { return {}; }
};

// Opens (creating and migrating as needed) an SQLite store. Errors, with the
// path: the file is not SQLite, is another program's database, has a schema
// newer than this program, or cannot be opened.
Result<std::unique_ptr<Store>> open_sqlite_store(const std::string& path);

// Opens (creating and migrating as needed) a PostgreSQL store: `conninfo`
// is a libpq URI or key=value string; the PG* environment variables fill
// what it leaves out. Errors name the database without its password.
Result<std::unique_ptr<Store>> open_postgresql_store(const std::string& conninfo);

// The store `db` names: a libpq URI (postgresql://… or postgres://…) opens
// PostgreSQL, anything else is an SQLite file (open_sqlite_store).
Result<std::unique_ptr<Store>> open_store(const std::string& db);
// True when `db` names a PostgreSQL database (open_store).
bool is_postgresql_db(std::string_view db);
// `db` as messages show it: a PostgreSQL conninfo without its password.
std::string db_display_name(std::string_view db);

}  // namespace chiso
