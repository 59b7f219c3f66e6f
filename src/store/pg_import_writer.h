// One import into the PostgreSQL store: one transaction from begin() to
// commit(); versions go in with COPY … FROM STDIN as they come, a COPY
// staying open over a few MiB of them, and findings with a COPY after each. The life of a period within it is the SQLite writer's
// (sqlite_import_writer.h; the rows shared in import_rows.h, the
// bookkeeping in import_period.h):
//   first row or finding of the period → the period is created if new and
//   its row locked (FOR UPDATE: another import or save into it waits for
//   this one to commit), refused when locked or when the file is stored
//   under another period unless allowed, the import recorded as one of its
//   sources, its current versions read → each row: its unit's id (units
//   new to the database wait, with every row after them, until a batch of
//   them is inserted in one statement) → identical to the unit's
//   current version → nothing written; else a new version (ids drawn from
//   the table's sequence, so its findings can name it), the current one no
//   longer current → commit(): withdrawals, counters, COMMIT.
// Any error marks the writer failed; destroying it rolls back, and so does
// the server when the connection dies: a failed or killed import leaves
// nothing.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "store/import_rows.h"
#include "store/pg_connection.h"
#include "store/store.h"

namespace chiso::store_detail {

class PgImportWriter final : public ImportRows {
 public:
  static Result<std::unique_ptr<ImportWriter>> begin(std::shared_ptr<pg::PgConnection> connection, const Plan& plan,
                                                     const SourceFile& file, const ImportOptions& options);
  ~PgImportWriter() override;

  Result<std::map<std::string, PeriodImport>> commit() override;

 private:
  PgImportWriter(const Plan& plan, const SourceFile& file, const ImportOptions& options)
      : ImportRows(plan, file, options) {}
  Result<void> prepare();
  // ImportRows's steps. A unit the database does not have (or has
  // unregistered, for a row the plan registers) waits: add_units inserts
  // the units of a batch of rows in one statement.
  Result<void> start_period(ImportPeriod& state) override;
  Result<std::optional<std::int64_t>> unit_id(const UnitRow& row) override;
  Result<void> add_units(std::span<const UnitRow* const> rows) override;
  Result<std::optional<ImportCurrent>> read_back(const ImportPeriod& state, std::int64_t unit_id) override;
  Result<void> clear_current(const ImportCurrent& current) override;
  Result<std::int64_t> next_version_id() override;
  Result<void> write_version(NewVersion& version) override;
  Result<void> write_finding(std::int64_t version_id, const Finding& finding) override;
  // Writes what waits: new versions (the COPY ended), versions no longer
  // current, findings.
  Result<void> flush();
  // The versions that wait sent into the COPY of versions (begun if none is
  // open), which ends once it has carried copy_statement_bytes.
  Result<void> send_versions();
  // Ends the COPY of versions, if one is open, with the versions that wait;
  // then writes the findings that wait. Before any other statement (a
  // connection runs one at a time).
  Result<void> end_versions_copy();

  std::shared_ptr<pg::PgConnection> connection_;
  std::unique_ptr<pg::PgTransaction> transaction_;  // destroyed before connection_
  std::string written_at_utc_;
  std::string plan_sha256_;
  std::int64_t source_id_ = 0;
  std::unordered_map<std::string, std::int64_t> unit_ids_;  // every unit known, by name
  std::unordered_set<std::int64_t> unregistered_ids_;
  std::string version_sequence_;                // of unit_submission.id
  std::vector<std::int64_t> free_version_ids_;  // drawn from the sequence, not yet used (last first)
  std::size_t version_ids_per_draw_ = 64;
  std::vector<std::int64_t> pending_clears_;  // versions no longer current
  std::string pending_versions_;              // COPY text not yet sent
  bool copying_versions_ = false;             // a COPY of versions is open
  std::size_t copied_bytes_ = 0;              // sent into it
  std::string pending_findings_;              // COPY text
};

// COPY of findings, the one way a finding is written to PostgreSQL (by an
// import or a page's save): finding_copy_sql, and a line per finding.
// `version_id` 0 = the finding of no row (NULL).
inline constexpr const char* finding_copy_sql =
    "COPY finding (source_id, unit_submission_id, severity, rule_id, unit, row_number, indicator, message_vi, "
    "message_en, raw, expected, hint_vi, hint_en, file, table_idx, row_idx, col_idx, period) FROM STDIN";
void append_finding_copy_line(std::string& out, std::int64_t source_id, std::int64_t version_id,
                              const Finding& finding);

}  // namespace chiso::store_detail
