// What the SQLite and PostgreSQL stores share beyond their SQL: the errors
// they answer with, the moves of a version's state (store.h's design), the
// time stamps they write, and the C++ steps that turn stored rows into the
// Store interface's answers (a period's table, a unit's version, its
// status, its history). Internal to src/store.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "common/model.h"
#include "plan/plan.h"
#include "store/store.h"

namespace chiso::store_detail {

// "Kỳ X chưa có trong cơ sở dữ liệu — period X is not stored" (not found).
Error period_not_stored(std::string_view period);
// Conflict: the period is locked.
Error locked_error(std::string_view period);
// Conflict: a write based on `based_on`, the current version being `current`.
Error stale_error(std::string_view unit, int based_on, int current);
// Not found: the unit has no (not withdrawn) version in the period.
Error no_submission_error(std::string_view period, std::string_view unit);
// Not found: the unit is not a registered unit of the plan.
Error unit_not_in_plan(std::string_view unit);
// Conflict: an approved version is overwritten.
Error approved_error(std::string_view unit);
// Conflict: a move the design does not have.
Error move_error(std::string_view unit, SubmissionState from, SubmissionState to);
// The checks of a save before the store is read: the unit in the plan, the
// values fit, the state a save may make. Returns the unit's plan index.
Result<int> check_unit_write(const Plan& plan, const UnitWrite& write);
// The checks of a state move once the current version is known (its state,
// the comment a return needs); `current` is the version's state.
Result<void> check_move(std::string_view unit, SubmissionState current, SubmissionState to, const Provenance& who);
// Bad input: unlocking needs a reason.
Error unlock_needs_reason();
// Conflict: a comment into a locked period.
Error locked_comment_error(std::string_view period);

// The moves of store.h's design, other than a save.
bool allowed_move(SubmissionState from, SubmissionState to);

Severity severity_from_name(std::string_view name);

// A damaged value's error (cells.h) with the period and unit it belongs to.
Error damaged_values(const Error& error, std::string_view period, std::string_view unit);

// Code → index in the plan's indicators.
std::unordered_map<std::string, int> plan_index_by_code(const Plan& plan);

// The time now as ISO 8601 UTC with milliseconds ("2025-01-15T08:30:00.123Z").
std::string now_utc_iso8601();

// Adds one of a period's rows of period_tally (sql::period_by_name) to
// `info`: the counts summed; the last change, with its source, the latest
// of the rows' (the first row's of those as late). The view period_total
// reads the same figures.
void add_tally_row(PeriodInfo& info, std::int64_t units, std::int64_t submissions, std::string_view last_change_utc,
                   std::string_view last_source, std::int64_t errors, std::int64_t warnings, std::int64_t changes);

// The counts of a row's findings.
struct FindingCounts {
  int errors = 0;
  int warnings = 0;
};
FindingCounts count_findings(std::span<const Finding> findings);

// A finding from the columns of sql::period_findings: `text(col)` gives a column
// as text, `integer(col)` as a number; columns from `first_col` on.
template <class Text, class Integer>
Finding read_finding_columns(Text&& text, Integer&& integer, int first_col) {
  Finding finding;
  int col = first_col;
  finding.severity = severity_from_name(text(col++));
  finding.rule_id = text(col++);
  finding.unit = text(col++);
  finding.row = static_cast<int>(integer(col++));
  finding.indicator = text(col++);
  finding.message_vi = text(col++);
  finding.message_en = text(col++);
  finding.raw = text(col++);
  finding.expected = text(col++);
  finding.hint_vi = text(col++);
  finding.hint_en = text(col++);
  finding.file = text(col++);
  finding.pos.table_idx = static_cast<int>(integer(col++));
  finding.pos.row_idx = static_cast<int>(integer(col++));
  finding.pos.col_idx = static_cast<int>(integer(col++));
  finding.period = text(col++);
  return finding;
}

// A period's table from its current versions, added in the order stored:
// rows in the plan's unit order, then unregistered units in the order they
// came; the files they came from named in source_file.
class PeriodTableBuilder {
 public:
  PeriodTableBuilder(const Plan& plan, std::string_view period);
  // One current, not withdrawn, version; `file` "" for a page's.
  Result<void> add_row(std::string_view unit, bool registered, int row_number, std::string_view raw_name,
                       CellPos pos, std::string_view cells, std::string_view positions, std::string_view file);
  // The table (findings left to the caller; the summary blank, plan-sized).
  CheckedTable finish();

 private:
  struct Loaded {
    int order = 0;  // plan unit index, or after them in the order stored
    UnitRow row;
  };
  const Plan& plan_;
  std::string period_;
  std::unordered_map<std::string, int> plan_index_;
  std::vector<Loaded> loaded_;
  std::vector<std::string> files_;  // in order first seen
};

// Fills a unit's row (its values matched to `plan` by code) from a stored
// version. Error when the stored cells are damaged.
Result<void> fill_unit_row(const Plan& plan, std::string_view period, std::string_view unit, bool registered,
                           std::string_view cells, std::string_view positions, UnitRow& row);

// status(): the registered units of `plan` in order (those without a version
// and valid in the period are reported = false; one that did not exist then
// and sent nothing is left out), then unregistered ones. `stored`: every
// current version of the period, in the order stored.
std::vector<UnitStatus> list_statuses(const Plan& plan, std::string_view period, std::vector<UnitStatus> stored);

// A version as history() reads it, in (unit, version) order.
struct HistoryVersion {
  std::int64_t id = 0;
  std::int64_t unit_id = 0;
  std::string unit;
  int number = 0;
  std::string state;
  std::string cells;
  std::string author, at_utc, source, comment;
};
// The changes cell by cell (and, with_states, the withdrawals and first
// versions as state lines) from one version of a unit to the next.
Result<std::vector<Change>> changes_of_versions(std::string_view period, const HistoryQuery& query,
                                                const std::vector<HistoryVersion>& versions);
// Oldest first, stable.
void sort_changes(std::vector<Change>& changes);

// A StoredPlan from the columns of table plan (indicator_codes: the codes
// joined by U+001F, indicator_codes_joined).
StoredPlan stored_plan(std::string_view id, std::string_view indicator_codes);
}  // namespace chiso::store_detail
