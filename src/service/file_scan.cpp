#include "service/file_scan.h"

#include <fmt/core.h>

#include <condition_variable>
#include <filesystem>
#include <future>
#include <memory>
#include <mutex>
#include <thread>

#include "check/checker.h"
#include "common/digest.h"
#include "consolidate/summary.h"
#include "ingest/document.h"
#include "ingest/table_layout.h"
#include "plan/binding.h"

namespace chiso::service {
namespace {

void count(ScanResult& result, const Finding& finding) {
  switch (finding.severity) {
    case Severity::error: ++result.error_count; break;
    case Severity::warning: ++result.warning_count; break;
    case Severity::info: ++result.info_count; break;
  }
}

// Below this many data rows the scan stays on one thread: starting a second
// one would cost more than it saves.
constexpr int kRowsForTwoThreads = 4096;
constexpr std::size_t kBatchRows = 128;
// From this size on, a file is hashed on a thread of its own: hashing a
// smaller one costs about what starting the thread costs.
constexpr std::size_t kBytesForHashThread = std::size_t{256} << 10;
// From this many units on, the unit matcher is built on a thread of its own.
constexpr std::size_t kUnitsForOwnThread = 1000;
constexpr std::size_t kBatchesInFlight = 4;

int data_rows(const TableLayout& layout) {
  int rows = 0;
  for (const TablePart& part : layout.parts) {
    rows += std::max(0, part.data_row_last - part.data_row_first + 1);
  }
  return rows;
}

// Rows handed from the reading thread to the checking thread in batches.
// Batches go round: the reader fills a free one, the checker empties it and
// gives it back, so a row's buffers (its values and their raw text) are
// reused rather than allocated again for every row. At most
// kBatchesInFlight batches exist: a slow checker holds the reader back, and
// memory stays bounded whatever the size of the file.
class RowHandOver {
 public:
  RowHandOver() {
    for (std::size_t i = 0; i < kBatchesInFlight; ++i) free_.push_back(std::make_unique<Batch>());
  }
  struct Batch {
    std::vector<UnitRow> rows = std::vector<UnitRow>(kBatchRows);
    // The rows' findings, when the reader checked them (checks_while_reading).
    std::vector<std::vector<Finding>> findings = std::vector<std::vector<Finding>>(kBatchRows);
    // The rows' encoded values, when the scan encodes them (ScanOptions::encode_row).
    std::vector<EncodedCells> encoded = std::vector<EncodedCells>(kBatchRows);
    std::size_t count = 0;
  };

  // Reader: a free batch, or nullptr once the checker has stopped.
  std::unique_ptr<Batch> take_free() {
    std::unique_lock lock(mutex_);
    changed_.wait(lock, [&] { return !free_.empty() || stopped_; });
    if (stopped_) return nullptr;
    auto batch = std::move(free_.back());
    free_.pop_back();
    return batch;
  }
  // Reader: a filled batch for the checker; `batch` may hold 0 rows.
  void hand_over(std::unique_ptr<Batch> batch) {
    std::lock_guard lock(mutex_);
    full_.push_back(std::move(batch));
    changed_.notify_all();
  }
  // Reader: no more rows.
  void finish() {
    std::lock_guard lock(mutex_);
    finished_ = true;
    changed_.notify_all();
  }
  // Checker: the next filled batch in order, or nullptr when the reader has finished.
  std::unique_ptr<Batch> take_full() {
    std::unique_lock lock(mutex_);
    changed_.wait(lock, [&] { return !full_.empty() || finished_; });
    if (full_.empty()) return nullptr;
    auto batch = std::move(full_.front());
    full_.erase(full_.begin());
    return batch;
  }
  // Checker: an emptied batch back to the reader.
  void give_back(std::unique_ptr<Batch> batch) {
    std::lock_guard lock(mutex_);
    batch->count = 0;
    free_.push_back(std::move(batch));
    changed_.notify_all();
  }
  // Checker: stop the reader (a sink failed).
  void stop() {
    std::lock_guard lock(mutex_);
    stopped_ = true;
    changed_.notify_all();
  }

 private:
  std::mutex mutex_;
  std::condition_variable changed_;
  std::vector<std::unique_ptr<Batch>> free_, full_;
  bool finished_ = false;
  bool stopped_ = false;
};

}  // namespace

Result<ScanResult> scan_input(const Plan& plan, std::shared_ptr<const check::CompiledPlan> compiled,
                              const Input& input, const ScanOptions& options, const FileSink& on_file,
                              const RowSink& sink) {
  const std::string path = input.path.empty() ? input.name : input.path;
  std::shared_ptr<const FileBytes> file;
  std::string_view bytes;
  if (input.bytes) {
    bytes = *input.bytes;
  } else {
    auto read = read_file_bytes(path);
    if (!read) return read.error();
    file = std::move(*read);
    bytes = file->view();
  }
  // The hash, needed only to store the file, runs on the second core while
  // the first parses; a small file's is made here (a thread costs more).
  std::future<std::string> hash;
  if (on_file) {
    hash = std::async(bytes.size() >= kBytesForHashThread ? std::launch::async : std::launch::deferred,
                      [&] { return digest::sha256_hex(bytes); });
  }
  // The table of the plan's unit names (10,000 units: 20,000 names folded)
  // is built on the second core too, while this one reads the file.
  std::future<UnitMatcher> matcher_built;
  if (plan.units.size() >= kUnitsForOwnThread) {
    matcher_built = std::async(std::launch::async, [&plan] { return UnitMatcher(plan); });
  }
  // Waits for the hash before `bytes` goes (the error paths).
  auto fail = [&](Error error) -> Result<ScanResult> {
    if (hash.valid()) hash.wait();
    return error;
  };

  ScanResult result;
  result.file.name = !input.name.empty() ? input.name : std::filesystem::path(path).filename().string();
  result.file.size_bytes = static_cast<std::int64_t>(bytes.size());

  auto doc = read_document_bytes(bytes, path, file);
  if (!doc) return fail(doc.error());
  auto layout = lay_out(*doc);
  if (!layout) return fail(layout.error());
  result.title_lines = layout->title_lines;
  result.note_lines = layout->note_lines;
  auto binding = bind_table(plan, *doc, *layout);
  if (!binding) return fail(binding.error());
  for (const PartBinding& part : binding->parts)
    for (const ColumnBinding& column : part.columns)
      if (column.role == ColumnRole::period || (column.role == ColumnRole::year && part.year_indicator_idx >= 0))
        result.has_period_column = true;  // each row's period is in the table
  for (Finding finding : binding->findings) {
    if (finding.severity < options.min_severity) continue;
    if (finding.file.empty()) finding.file = path;
    count(result, finding);
    result.table_findings.push_back(std::move(finding));
  }

  if (on_file) {
    result.file.sha256_hex = hash.get();
    if (auto started = on_file(result.file); !started) return started.error();
  }

  UnitMatcher units = matcher_built.valid() ? matcher_built.get() : UnitMatcher(plan);
  check::TableChecker checker(plan, std::move(compiled), path);
  checker.set_min_severity(options.min_severity);
  std::map<std::string, std::unique_ptr<SummaryAccumulator>> accumulators;
  std::vector<Finding> findings;
  Result<void> sink_status;
  // Two threads (below) check and consolidate each row on the reading
  // thread when passing rows on is the heavier part (import: storing).
  const bool two_threads = data_rows(*layout) >= kRowsForTwoThreads;
  const bool check_here = two_threads && options.checks_while_reading;
  // Adds a checked unit row to its period's figures. The last row's period
  // and its accumulator: a history is in period order, so most rows skip
  // the map look-up (here and in keep_row).
  std::string consolidated_period;
  SummaryAccumulator* period_accumulator = nullptr;
  auto consolidate = [&](const UnitRow& row, const std::vector<Finding>& row_findings) {
    if (row.role != RowRole::unit) return;
    if (period_accumulator == nullptr || row.period != consolidated_period) {
      auto& accumulator = accumulators[row.period];
      if (!accumulator) accumulator = std::make_unique<SummaryAccumulator>(plan);
      period_accumulator = accumulator.get();
      consolidated_period = row.period;
    }
    period_accumulator->add(row, row_findings);
  };
  // Counts, consolidates (unless done while reading) and passes on one
  // checked row; false stops the scan.
  std::string last_period;
  int* period_rows = nullptr;
  // Findings of total and subtotal rows, which are not units: kept with the
  // table's findings, as those rows are neither stored nor consolidated.
  std::vector<Finding> total_findings;
  auto keep_row = [&](const UnitRow& row, const std::vector<Finding>& row_findings, EncodedCells* encoded) {
    if (row.role != RowRole::unit) {
      total_findings.insert(total_findings.end(), row_findings.begin(), row_findings.end());
      return true;
    }
    for (const Finding& finding : row_findings) count(result, finding);
    if (period_rows == nullptr || row.period != last_period) {
      period_rows = &result.rows_by_period[row.period];
      last_period = row.period;
    }
    if (!check_here) consolidate(row, row_findings);
    ++result.row_count;
    ++*period_rows;
    sink_status = sink(row, row_findings, options.encode_row ? encoded : nullptr);
    return sink_status.ok();
  };
  // Encodes a unit row when the scan encodes rows (on the reading thread).
  auto encode = [&](const UnitRow& row, EncodedCells& out) {
    if (options.encode_row && row.role == RowRole::unit) options.encode_row(row, out);
  };
  EncodedCells row_encoded;  // the one-thread scan's
  auto take_row = [&](const UnitRow& row, EncodedCells& encoded) {
    findings.clear();
    checker.check_row(row, findings);
    return keep_row(row, findings, &encoded);
  };

  if (!two_threads) {
    for_each_row(plan, *doc, *layout, *binding, units, options.default_period,
                 [&](UnitRow& row) {
                   encode(row, row_encoded);
                   return take_row(row, row_encoded);
                 });
  } else {
    // Two threads: this one reads the rows (cells parsed, units matched),
    // the other checks, consolidates and passes them on, in the same order.
    // When passing on is the heavier part (import: storing), the checks, the
    // consolidation and the encoding of the rows' values move to this
    // thread, so that the two keep each other busy.
    RowHandOver hand_over;
    std::thread checker_thread([&] {
      while (auto batch = hand_over.take_full()) {
        bool go_on = true;
        for (std::size_t i = 0; i < batch->count && go_on; ++i) {
          go_on = check_here ? keep_row(batch->rows[i], batch->findings[i], &batch->encoded[i])
                             : take_row(batch->rows[i], batch->encoded[i]);
        }
        hand_over.give_back(std::move(batch));
        if (!go_on) {
          hand_over.stop();
          return;
        }
      }
    });
    std::unique_ptr<RowHandOver::Batch> batch = hand_over.take_free();
    for_each_row(plan, *doc, *layout, *binding, units, options.default_period, [&](UnitRow& row) {
      if (!batch) return false;
      if (check_here) {
        std::vector<Finding>& row_findings = batch->findings[batch->count];
        row_findings.clear();
        checker.check_row(row, row_findings);
        consolidate(row, row_findings);
      }
      encode(row, batch->encoded[batch->count]);
      // The batch keeps the row; `row` takes the batch slot's old buffers.
      std::swap(row, batch->rows[batch->count++]);
      if (batch->count == kBatchRows) {
        hand_over.hand_over(std::move(batch));
        batch = hand_over.take_free();
      }
      return true;
    });
    if (batch && batch->count > 0) hand_over.hand_over(std::move(batch));
    hand_over.finish();
    checker_thread.join();
  }
  if (!sink_status) return sink_status.error();
  checker.finish(total_findings);
  for (Finding& finding : total_findings) {
    if (finding.period.empty()) finding.period = options.default_period;
    count(result, finding);
    result.table_findings.push_back(std::move(finding));
  }
  for (const auto& [period, accumulator] : accumulators) {
    result.summaries[period] = accumulator->finish();
  }
  return result;
}

}  // namespace chiso::service
