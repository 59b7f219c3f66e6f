// Importing a table: the whole way for one file or upload, each row stored as
// its unit's submission (store.h), only the units in the table touched.
#pragma once

#include <atomic>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "common/result.h"
#include "plan/plan.h"
#include "service/file_scan.h"
#include "store/store.h"

namespace chiso::check {
class CompiledPlan;
}  // namespace chiso::check

namespace chiso::service {

struct ImportRequest {
  // The period of a table with no period column ("" = none given). Given for
  // a table that has one: refused (bad input).
  std::string period;
  bool replace_period = false;  // withdraw the period's units not in the table
  bool allow_same_file = false;  // the same file in a second period
  std::string author = "import";
  // Set (by a signal handler, another thread) to stop the import: checked
  // before each row is stored and before the commit. A stopped import stores
  // nothing (the transaction is rolled back) and returns the error
  // interrupted_error() describes. May be null.
  const std::atomic<bool>* stop = nullptr;
};

// Whether `error` is the one import_input() returns when `stop` was set.
bool is_interrupted(const Error& error);

struct ImportOutcome {
  ScanResult scan;  // counts of rows and findings, the file (name, size, SHA-256)
  std::map<std::string, PeriodImport> periods;  // what happened, by period
};

// Errors: bad input (unreadable table, no period, --period with a period
// column, no data row), conflict (a locked period, the same file in another
// period), busy, internal. Nothing is stored unless everything is.
Result<ImportOutcome> import_input(const Plan& plan, std::shared_ptr<const check::CompiledPlan> compiled,
                                   Store& store, const Input& input, const ImportRequest& request);

// "3 đơn vị mới, 2 đơn vị thay đổi, 25 không đổi; 0 đơn vị bị rút" (or in
// English), then the withdrawn units' names.
std::string describe(const PeriodImport& period, bool english);

}  // namespace chiso::service
