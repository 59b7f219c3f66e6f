// The whole way for one file, one row at a time: read → lay out → bind →
// check → consolidate per period. Checking and importing (from the command
// line or an upload) both use it, so a 1.2-million-row history never exists
// as UnitRows all at once.
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <string_view>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "common/model.h"
#include "common/result.h"
#include "plan/plan.h"
#include "store/store.h"

namespace chiso::check {
class CompiledPlan;
}  // namespace chiso::check

namespace chiso::service {

struct ScanResult {
  SourceFile file;                           // name, size; sha256 when on_file was given
  std::vector<std::string> title_lines;
  std::vector<std::string> note_lines;
  std::vector<Finding> table_findings;       // header findings, and those of total rows (not units)
  std::map<std::string, std::vector<SummaryValue>> summaries;  // by period
  std::map<std::string, int> rows_by_period;
  int row_count = 0;
  int error_count = 0;
  int warning_count = 0;
  int info_count = 0;
  bool has_period_column = false;  // the table says each row's period
};

// A file to read: from `path`, or, when `bytes` is set, from those bytes
// (an upload) under the name `name`. `name` is what messages and the store
// call the file ("" = the path's file name).
struct Input {
  std::string path;
  std::string name;
  std::optional<std::string_view> bytes;  // REQUIRES: outlives the scan
};

// `encoded` is ScanOptions::encode_row's work on the row, null without it
// (and for a total or subtotal row); the sink may take its strings.
using RowSink =
    std::function<Result<void>(const UnitRow& row, std::span<const Finding> findings, EncodedCells* encoded)>;
using RowEncoder = std::function<void(const UnitRow& row, EncodedCells& out)>;
using FileSink = std::function<Result<void>(const SourceFile& file)>;

struct ScanOptions {
  std::string default_period;  // for tables with no period column
  // Findings below this severity are not made at all (and not counted):
  // `import` skips the per-cell "blank = not reported" notes, which the
  // stored blank values already say.
  Severity min_severity = Severity::info;
  // Tables big enough to be scanned on two threads: true checks each row on
  // the reading thread, false on the thread that calls the sink. Choose the
  // way that balances the two: true when the sink is heavy (storing).
  bool checks_while_reading = false;
  // Given (an import: ImportWriter::encode_row): each unit row's values
  // encoded as its store keeps them, on the reading thread when two threads
  // scan, and passed to the sink. It is called after on_file.
  RowEncoder encode_row;
};

// Error (exit 2) when the file cannot be read as a table; an error returned
// by a sink stops the scan and is returned. `on_file` (may be empty) is
// called once, after the file is read, hashed and its table found, before
// the first row; without it the file is not hashed (a check stores nothing).
// `compiled` is check::compile(plan) (Context::compiled_plan).
Result<ScanResult> scan_input(const Plan& plan, std::shared_ptr<const check::CompiledPlan> compiled,
                              const Input& input, const ScanOptions& options, const FileSink& on_file,
                              const RowSink& sink);

}  // namespace chiso::service
