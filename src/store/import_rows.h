// What both stores' import writers do with a row, written once: each row to
// its period and its unit, then to a new version of the unit or to none
// (ImportPeriod decides, import_period.h), in the order of the file. A
// store's writer (sqlite_import_writer.h, pg_import_writer.h) derives from
// ImportRows and gives the steps that touch its database, for a row in this
// order:
//   start_period (the period's first row or finding) → unit_id; a unit the
//   database does not have yet may make the row wait (with every row after
//   it) until add_units adds the units of a batch of rows at once →
//   read_back (a unit new in the period that comes again in the file) →
//   clear_current (the unit's version until now) → next_version_id →
//   write_version → write_finding for each of the row's findings.
// A table's findings (add_findings) go to write_finding with no version.
// Any error marks the writer failed (fail); later calls are refused.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "store/cells.h"
#include "store/import_period.h"
#include "store/store.h"

namespace chiso::store_detail {

class ImportRows : public ImportWriter {
 public:
  Result<void> add_row(const UnitRow& row, std::span<const Finding> findings) final;
  // The halves of add_row (store.h): encode_row reads only the plan's codes,
  // so it may run on the reading thread while earlier rows are stored.
  void encode_row(const UnitRow& row, EncodedCells& out) const final;
  Result<void> add_encoded_row(const UnitRow& row, EncodedCells& encoded, std::span<const Finding> findings) final;
  Result<void> add_findings(std::string_view period, std::span<const Finding> findings) final;
  Result<void> add_summary(std::string_view period, std::vector<SummaryValue> summary) final;

 protected:
  // A new version to write. `row` is nullptr for a withdrawal; else its
  // cells are in `cells`, which write_version may take (swap) from.
  struct NewVersion {
    std::int64_t id = 0, period_id = 0, unit_id = 0;
    int version = 0;
    const UnitRow* row = nullptr;
    EncodedCells* cells = nullptr;
    int error_count = 0, warning_count = 0;
  };

  // REQUIRES: `plan` outlives the writer.
  ImportRows(const Plan& plan, const SourceFile& file, const ImportOptions& options);

  // The steps of the store (above). start_period finds or makes the period
  // `state.name`, refuses it when it may not be written, links it to the
  // import and fills `state.period_id` and `state.current`.
  virtual Result<void> start_period(ImportPeriod& state) = 0;
  // The id of the row's unit (added or registered on the way), or nullopt
  // when the unit waits for add_units.
  virtual Result<std::optional<std::int64_t>> unit_id(const UnitRow& row) = 0;
  // Adds or registers the units of `rows` (those unit_id gave no id);
  // afterwards unit_id gives each of them its id. The default: none waits.
  virtual Result<void> add_units(std::span<const UnitRow* const> rows);
  // What waits written, the unit's current version in the period read back
  // (sql::import_current_of_unit), none when it has none.
  virtual Result<std::optional<ImportCurrent>> read_back(const ImportPeriod& state, std::int64_t unit_id) = 0;
  virtual Result<void> clear_current(const ImportCurrent& current) = 0;
  virtual Result<std::int64_t> next_version_id() = 0;
  virtual Result<void> write_version(NewVersion& version) = 0;
  // `version_id` 0: a finding of the table, of no row.
  virtual Result<void> write_finding(std::int64_t version_id, const Finding& finding) = 0;

  Result<void> usable() const;
  Result<void> fail(Error error);
  // The rows that wait, added (add_units, then each row); commit() calls it first.
  Result<void> add_waiting_rows();
  // A version of `unit_id` in `state` from `row` with its cells `encoded`
  // (encode_row(*row); write_version may take its strings), or its
  // withdrawal (`row` and `encoded` nullptr), unless the row is the same as
  // the unit's current version.
  Result<void> add_version(ImportPeriod& state, std::int64_t unit_id, const std::string& unit_name,
                           const UnitRow* row, EncodedCells* encoded, std::span<const Finding> findings);
  void set_committed() { committed_ = true; }

  const Plan& plan_;
  const SourceFile file_;
  const ImportOptions options_;
  const std::vector<std::string> indicator_codes_;
  std::map<std::string, ImportPeriod> periods_;  // nodes stay put: rows keep pointers into it

 private:
  // A row whose unit is not in the database yet, and every row after it
  // (versions keep the file's order), until add_waiting_rows.
  struct WaitingRow {
    ImportPeriod* state = nullptr;
    UnitRow row;
    EncodedCells cells;
    std::vector<Finding> findings;
  };

  Result<ImportPeriod*> period_state(std::string_view period);

  const CellsEncoder encoder_;
  EncodedCells encoded_;
  std::string last_period_;
  ImportPeriod* last_state_ = nullptr;
  std::vector<WaitingRow> waiting_rows_;
  bool failed_ = false;
  bool committed_ = false;
};

// The name a row's unit is stored under: the plan's, or the name as typed.
inline const std::string& unit_name_of(const UnitRow& row) {
  return row.unit_name.empty() ? row.raw_name : row.unit_name;
}

}  // namespace chiso::store_detail
