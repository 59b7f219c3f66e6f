// Store: every period, every submission and every change, kept. The rest of
// the program (CLI, reports, the future web server) talks to this interface
// only; SQLite is the default implementation and PostgreSQL fits behind it.
//
// Thread-safety: a Store object is used by one thread at a time; concurrent
// writers use one Store each (the database serialises their transactions:
// a second import waits for the first to commit, it does not fail).
// Readers never wait for a writer and see the last committed state.
//
// A period's submissions: each import that writes rows, findings or a
// summary for a period adds a submission with version = previous max + 1,
// which becomes the period's current one; earlier versions are kept for
// history(). Every read below (periods, load_period, trend, units) sees only
// current submissions, except history(). docs/storage.md has the schema.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "common/model.h"
#include "common/result.h"
#include "plan/plan.h"

namespace chiso {

struct SourceFile {
  std::string name;           // file name as given
  std::string sha256_hex;     // of the file's bytes
  std::int64_t size_bytes = 0;
};

struct PeriodInfo {
  std::string period;
  int submission_version = 0;  // 1 for the first import, 2 after a re-import…
  std::string imported_at_utc; // ISO 8601
  std::string source_file;
  int unit_count = 0;
  int error_count = 0;
  int warning_count = 0;
};

struct Change {
  std::string period;
  std::string unit;          // canonical or raw name
  std::string indicator;     // code
  std::string old_raw;       // "" when the value was blank / the row absent
  std::string new_raw;
  int old_version = 0;
  int new_version = 0;
  std::string changed_at_utc;
  std::string source_file;   // file of the new version
};

struct TrendPoint {
  std::string period;
  std::optional<double> value;
  int units_reporting = 0;
};

struct StoredUnit {
  std::string name;
  std::string kind;
  int periods_reported = 0;
};

// All writes of one import; one transaction. Destroying it without commit()
// rolls everything back, so a failed or interrupted import leaves the store as
// it was. After any error the writer is spent: later calls return an error
// and only destroying it (rollback) is left. The writer may outlive its Store.
// While it lives, it holds the database's write lock: other writers wait.
class ImportWriter {
 public:
  virtual ~ImportWriter() = default;
  // A row and its findings, in the row's period (UnitRow::period).
  // REQUIRES: row.values.size() == plan.indicators.size() (else an error);
  // row.period not empty (else an error naming the file). unit_name "" = not
  // matched; rows keep the order they are added in.
  virtual Result<void> add_row(const UnitRow& row, std::span<const Finding> findings) = 0;
  // Findings not tied to a row (unmatched header...), for one period.
  virtual Result<void> add_findings(std::string_view period, std::span<const Finding> findings) = 0;
  // The city-wide figures of a period, computed by the caller, indexed like
  // plan.indicators. Calling it again for the period replaces them.
  virtual Result<void> set_summary(std::string_view period, const std::vector<SummaryValue>& summary) = 0;
  virtual Result<void> commit() = 0;
};

class Store {
 public:
  virtual ~Store() = default;

  // Starts an import of `file` under `plan` (the plan is stored too). Each
  // period written through the writer gets a new submission version; the
  // period's earlier versions are kept.
  virtual Result<std::unique_ptr<ImportWriter>> begin_import(const Plan& plan,
                                                            const SourceFile& file) = 0;

  // Every stored period with its current submission, in time order (see
  // store/period_order.h: "2025-03" < "2025-Q1" < "2025-04").
  virtual Result<std::vector<PeriodInfo>> periods() = 0;
  // The current version of a period: rows with raw and parsed values,
  // findings, summary, source file. Error when the period is not stored.
  // Values are matched to `plan` by indicator code, so a later plan that
  // reorders or adds indicators still loads (added ones are blank). The
  // summary always has plan.indicators.size() entries (empty values when none
  // was stored). title_lines and note_lines are not stored (they come from
  // the plan).
  virtual Result<CheckedTable> load_period(const Plan& plan, std::string_view period) = 0;
  // Changes between consecutive versions of a period, oldest first, by raw
  // text; a row added or removed shows as changes from/to "". `unit` empty =
  // all units, else the canonical name (or, for an unmatched row, the raw
  // name) exactly. Error when the period is not stored.
  virtual Result<std::vector<Change>> history(std::string_view period, std::string_view unit) = 0;
  // The city-wide figure of one indicator for every stored period, in period
  // order, from each period's current submission; a point has no value when
  // that submission has no summary for the indicator.
  virtual Result<std::vector<TrendPoint>> trend(std::string_view indicator_code) = 0;
  // Every registered unit ever stored (in the order first stored), with its
  // kind from the plan and the number of periods whose current submission
  // has a row for it.
  virtual Result<std::vector<StoredUnit>> units() = 0;
};

// Opens (creating and migrating as needed) an SQLite store. Errors, with the
// path: the file is not SQLite, is another program's database, has a schema
// newer than this program, or cannot be opened.
Result<std::unique_ptr<Store>> open_sqlite_store(const std::string& path);

}  // namespace chiso
