// One import into the PostgreSQL store: one transaction from begin() to
// commit(); versions and findings go in with COPY … FROM STDIN, a few MiB at
// a time. The life of a period within it is the SQLite writer's
// (sqlite_import_writer.h; the bookkeeping shared in import_period.h):
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

#include "store/cells.h"
#include "store/import_period.h"
#include "store/pg_connection.h"
#include "store/store.h"

namespace chiso::store_detail {

class PgImportWriter final : public ImportWriter {
 public:
  static Result<std::unique_ptr<ImportWriter>> begin(std::shared_ptr<pg::PgConnection> connection, const Plan& plan,
                                                     const SourceFile& file, const ImportOptions& options);
  ~PgImportWriter() override;

  Result<void> add_row(const UnitRow& row, std::span<const Finding> findings) override;
  Result<void> add_findings(std::string_view period, std::span<const Finding> findings) override;
  Result<void> add_summary(std::string_view period, std::vector<SummaryValue> summary) override;
  Result<std::map<std::string, PeriodImport>> commit() override;

 private:
  PgImportWriter() = default;
  Result<void> prepare(const Plan& plan);
  Result<void> usable() const;
  Result<void> fail(Error error);
  Result<ImportPeriod*> period_state(std::string_view period);
  // The id of the row's unit when the database has it as the row names it
  // (a registered row's unit registered); nullopt when it must be added or
  // registered first (add_waiting_rows).
  std::optional<std::int64_t> known_unit_id(const UnitRow& row) const;
  // Adds or registers the units of the rows that wait, in one statement, then
  // the rows in their order; none waits afterwards.
  Result<void> add_waiting_rows();
  Result<std::int64_t> next_version_id();
  Result<void> add_version(ImportPeriod& state, std::int64_t unit_id, const std::string& unit_name,
                           const UnitRow* row, std::span<const Finding> findings);
  // Writes what waits: versions no longer current, new versions, findings.
  Result<void> flush();

  std::shared_ptr<pg::PgConnection> connection_;
  std::unique_ptr<pg::PgTransaction> transaction_;  // destroyed before connection_
  SourceFile file_;
  ImportOptions options_;
  std::string written_at_utc_;
  const Plan* plan_ = nullptr;  // the plan outlives the writer
  std::string plan_sha256_;
  std::int64_t source_id_ = 0;
  std::vector<std::string> indicator_codes_;
  std::unordered_map<std::string, std::int64_t> unit_ids_;  // every unit known, by name
  std::unordered_set<std::int64_t> unregistered_ids_;
  // A row whose unit the database does not have yet, and every row after it
  // (versions keep the file's order), until add_waiting_rows.
  struct WaitingRow {
    ImportPeriod* state = nullptr;  // into periods_, whose nodes stay put
    UnitRow row;
    std::vector<Finding> findings;
  };
  std::vector<WaitingRow> waiting_rows_;
  std::vector<std::int64_t> free_version_ids_;  // drawn from the sequence, not yet used (last first)
  std::size_t version_ids_per_draw_ = 64;
  std::vector<std::int64_t> pending_clears_;  // versions no longer current
  std::string pending_versions_;              // COPY text
  std::string pending_findings_;              // COPY text
  std::map<std::string, ImportPeriod> periods_;
  std::string last_period_;
  ImportPeriod* last_state_ = nullptr;
  std::optional<CellsEncoder> encoder_;
  EncodedCells encoded_;
  bool failed_ = false;
  bool committed_ = false;
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
