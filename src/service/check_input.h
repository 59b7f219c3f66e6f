// Checking a table without keeping it: the whole way for one file or upload
// (service/file_scan.h), with bounds on what is kept, so that a national
// history is checked in bounded memory and the caller prints what it keeps.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>

#include "common/limits.h"
#include "common/model.h"
#include "common/result.h"
#include "plan/plan.h"
#include "service/file_scan.h"
#include "service/previous_rows.h"

namespace chiso::check {
class CompiledPlan;
}  // namespace chiso::check

namespace chiso::service {

struct CheckOptions {
  std::string default_period;  // for tables with no period column
  // Findings below this severity are counted, not kept.
  Severity kept_min_severity = Severity::info;
  std::size_t findings_kept_max = SIZE_MAX;  // the rest are counted
  // Findings kept per rule: a table with a fault in a million rows lists the
  // first ones of each rule and a finding "findings.more" with the count of
  // the rest, instead of a million (limits.h).
  std::size_t findings_per_rule_max = limits::findings_per_rule_max;
  // Rows kept with their values; past rows_kept_max no row is kept (a partial
  // list would mislead), only counted.
  bool keep_values = true;
  std::size_t rows_kept_max = SIZE_MAX;
  // The stored periods before default_period (previous_rows.h): the values
  // of each unit's row of that period far from its earlier ones are
  // value.jump warnings. Null = none.
  const PreviousPeriods* previous = nullptr;
};

struct CheckOutcome {
  CheckedTable table;  // rows (as kept), findings (as kept), summary when one period
  ScanResult scan;     // counts, periods, title and note lines
  std::array<int, 3> findings_not_kept_by_severity{};  // indexed by Severity
  std::size_t findings_not_kept = 0;  // of those at or above kept_min_severity
  std::size_t rows_not_kept = 0;      // when > 0, table.rows is empty
};

// Error (bad input) when the input cannot be read as a table.
Result<CheckOutcome> check_input(const Plan& plan, std::shared_ptr<const check::CompiledPlan> compiled,
                                 const Input& input, const CheckOptions& options);

// The plan compiled, for callers that hold only the plan (tests, tools).
Result<std::shared_ptr<const check::CompiledPlan>> compile_plan(const Plan& plan);

}  // namespace chiso::service

namespace chiso::service {

// The whole table of one file, every row and finding kept, the summary over
// every row: for tests and tools. Error when the plan does not compile
// ("plan: …") or the file cannot be read as a table.
Result<CheckedTable> check_file(const Plan& plan, const std::string& path, const std::string& period);

}  // namespace chiso::service
