// What an import keeps about each period it writes into, whatever the
// database: the units' current versions as they were before it (read at its
// first touch of the period) and as it changes them, which units the file
// has, and what it did (PeriodImport). Both stores' import writers
// (sqlite_import_writer.h, pg_import_writer.h) decide with it which rows
// make a version and what the period's counters become.
#pragma once

#include <cstdint>
#include <algorithm>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "common/model.h"
#include "common/result.h"
#include "store/store.h"

namespace chiso::store_detail {

// A unit's current version in the period.
struct ImportCurrent {
  std::int64_t id = 0;
  int version = 0;
  bool withdrawn = false;
  int error_count = 0;
  int warning_count = 0;
  std::string cells;
  bool from_this_import = false;
};

// A unit's current version from the columns of sql::import_current_of_unit:
// `text(col)` gives a column as text, `integer(col)` as a number.
template <class Text, class Integer>
ImportCurrent read_import_current(Text&& text, Integer&& integer) {
  ImportCurrent read;
  read.id = integer(0);
  read.version = static_cast<int>(integer(1));
  read.withdrawn = text(2) == "withdrawn";
  read.error_count = static_cast<int>(integer(3));
  read.warning_count = static_cast<int>(integer(4));
  return read;
}

struct ImportPeriod {
  std::int64_t period_id = 0;
  std::string name;
  // The period's current versions by unit id as they were before this
  // import (read at the first touch), updated by it; a unit new in the
  // period is not kept here (a history of 1.2 million new rows would hold
  // them all), unless it comes again in the file.
  std::unordered_map<std::int64_t, ImportCurrent> current;
  std::vector<bool> touched;  // by unit id: the units in the file
  PeriodImport outcome;
  std::optional<std::vector<SummaryValue>> summary;  // add_summary's
  int unit_delta = 0, error_delta = 0, warning_delta = 0, versions_added = 0;

  // The unit's current version as this import knows it, nullptr when it has
  // none. A unit new in the period that comes again in the file
  // (`repeated`) is not in `current`: its version from this import is read
  // back by `read_back` — which writes what waits first, then reads
  // sql::import_current_of_unit (read_import_current) and gives none when
  // no version is current — and kept from then on.
  template <class ReadBack>
  Result<ImportCurrent*> current_of(std::int64_t unit_id, bool repeated, ReadBack&& read_back) {
    if (auto found = current.find(unit_id); found != current.end()) return &found->second;
    if (!repeated) return static_cast<ImportCurrent*>(nullptr);
    Result<std::optional<ImportCurrent>> earlier = read_back();
    if (!earlier) return earlier.error();
    if (!earlier->has_value()) return static_cast<ImportCurrent*>(nullptr);
    return &current.emplace(unit_id, std::move(**earlier)).first->second;
  }

  // Marks the unit touched; true when it already was.
  bool touch(std::int64_t unit_id) {
    if (static_cast<std::size_t>(unit_id) >= touched.size())
      touched.resize(static_cast<std::size_t>(unit_id) * 2 + 64);
    bool was = touched[static_cast<std::size_t>(unit_id)];
    touched[static_cast<std::size_t>(unit_id)] = true;
    return was;
  }
  bool was_touched(std::int64_t unit_id) const {
    return static_cast<std::size_t>(unit_id) < touched.size() && touched[static_cast<std::size_t>(unit_id)];
  }

  // Counts a new version of `unit_name` in the outcome: a row repeated in
  // the file, a withdrawal (`row` false), a new unit, or a changed one.
  void count_version(bool repeated, bool row, const ImportCurrent* current, const std::string& unit_name) {
    if (repeated) {
      ++outcome.repeated_count;
    } else if (!row) {
      outcome.withdrawn_units.push_back(unit_name);  // every one: the message names them all
    } else if (current == nullptr || current->withdrawn) {
      ++outcome.new_count;
      keep_name(outcome.new_units, unit_name);
    } else {
      ++outcome.changed_count;
      keep_name(outcome.changed_units, unit_name);
    }
  }
  // The counters once `current` (none: nullptr) is replaced by a version
  // `id`/`version` with these findings, `row` false for a withdrawal.
  void replace(ImportCurrent* current, std::int64_t id, int version, bool row, int errors, int warnings) {
    if (current != nullptr) {
      error_delta -= current->error_count;
      warning_delta -= current->warning_count;
      if (!current->withdrawn) --unit_delta;
      current->id = id;
      current->version = version;
      current->withdrawn = !row;
      current->error_count = errors;
      current->warning_count = warnings;
      current->from_this_import = true;
      current->cells.clear();  // a unit coming again in the file is never compared
    }
    if (row) ++unit_delta;
    error_delta += errors;
    warning_delta += warnings;
    ++versions_added;
  }
  // The units current before the import that it did not touch and that are
  // not withdrawn, in id order (the order first stored).
  std::vector<std::pair<std::int64_t, std::int64_t>> absent_units() const {  // unit id, version id
    std::vector<std::pair<std::int64_t, std::int64_t>> absent;
    for (const auto& [unit, version] : current)
      if (!version.withdrawn && !was_touched(unit)) absent.emplace_back(unit, version.id);
    std::sort(absent.begin(), absent.end());
    return absent;
  }
  // Sets outcome.kept_count; true when the figures of add_summary are the
  // period's (every current unit came from this file, none repeated).
  bool finish_outcome() {
    for (const auto& [unit, version] : current)
      if (!version.withdrawn && !was_touched(unit)) ++outcome.kept_count;
    return summary && outcome.kept_count == 0 && outcome.repeated_count == 0;
  }

 private:
  static void keep_name(std::vector<std::string>& names, const std::string& name) {
    if (names.size() < PeriodImport::names_kept_max) names.push_back(name);
  }
};

// Bad input: --replace-period for a period the file has no row of.
Error nothing_to_replace(const std::string& file_name, const std::string& period);
// Conflict: the period is locked (an import into it).
Error import_locked_error(const std::string& file_name, const std::string& period);
// Conflict: the same file is stored under another period.
Error same_file_error(const SourceFile& file, const std::string& other_period, const std::string& period);
// Bad input: a row without a period.
Error no_period_error(const std::string& file_name);
// Internal: a row whose values do not fit the plan.
Error row_size_error(const UnitRow& row, std::size_t indicator_count);
// Internal: a summary that does not fit the plan.
Error summary_size_error(std::string_view period);
// Internal: a call after commit() or after an error.
Error writer_spent_error(bool committed);

}  // namespace chiso::store_detail
