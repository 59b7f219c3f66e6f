#include "cli/file_scan.h"

#include <fmt/core.h>

#include <filesystem>
#include <fstream>
#include <future>
#include <memory>

#include "check/checker.h"
#include "common/digest.h"
#include "common/limits.h"
#include "consolidate/summary.h"
#include "ingest/document.h"
#include "ingest/table_layout.h"
#include "plan/binding.h"

namespace chiso::cli {
namespace {

Result<std::string> read_bytes(const std::string& path) {
  std::error_code ec;
  auto size = std::filesystem::file_size(path, ec);
  if (ec) return make_error(fmt::format("{}: cannot read the file ({})", path, ec.message()));
  if (size > limits::file_size_bytes_max) {
    return make_error(fmt::format("{}: the file is {} bytes; the limit is {} bytes", path, size,
                                  limits::file_size_bytes_max));
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) return make_error(fmt::format("{}: cannot open the file", path));
  std::string bytes(size, '\0');
  in.read(bytes.data(), static_cast<std::streamsize>(size));
  if (static_cast<std::uint64_t>(in.gcount()) != size) {
    return make_error(fmt::format("{}: the file could not be read whole", path));
  }
  return bytes;
}

void count(ScanResult& result, const Finding& finding) {
  switch (finding.severity) {
    case Severity::error: ++result.error_count; break;
    case Severity::warning: ++result.warning_count; break;
    case Severity::info: ++result.info_count; break;
  }
}

}  // namespace

Result<ScanResult> scan_file(const Plan& plan, const std::string& path,
                             const ScanOptions& options, const FileSink& on_file,
                             const RowSink& sink) {
  auto bytes = read_bytes(path);
  if (!bytes) return bytes.error();
  // The hash runs on the second core while the first parses.
  auto hash = std::async(std::launch::async, [&] { return digest::sha256_hex(*bytes); });

  ScanResult result;
  result.file.name = std::filesystem::path(path).filename().string();
  result.file.size_bytes = static_cast<std::int64_t>(bytes->size());

  auto doc = read_document_bytes(*bytes, path);
  if (!doc) {
    hash.wait();
    return doc.error();
  }
  auto layout = lay_out(*doc);
  if (!layout) {
    hash.wait();
    return layout.error();
  }
  result.title_lines = layout->title_lines;
  result.note_lines = layout->note_lines;
  auto binding = bind_table(plan, *doc, *layout);
  if (!binding) {
    hash.wait();
    return binding.error();
  }
  auto compiled = check::compile(plan);
  if (!compiled) {
    hash.wait();
    return compiled.error();
  }
  for (Finding finding : binding->findings) {
    if (finding.severity < options.min_severity) continue;
    if (finding.file.empty()) finding.file = path;
    count(result, finding);
    result.table_findings.push_back(std::move(finding));
  }

  result.file.sha256_hex = hash.get();
  if (on_file) {
    if (auto started = on_file(result.file); !started) return started.error();
  }

  UnitMatcher units(plan);
  check::TableChecker checker(plan, *compiled, path);
  checker.set_min_severity(options.min_severity);
  std::map<std::string, std::unique_ptr<SummaryAccumulator>> accumulators;
  std::vector<Finding> findings;
  Result<void> sink_status;
  for_each_row(plan, *doc, *layout, *binding, units, options.default_period, [&](UnitRow& row) {
    findings.clear();
    checker.check_row(row, findings);
    for (const Finding& finding : findings) count(result, finding);
    auto& accumulator = accumulators[row.period];
    if (!accumulator) accumulator = std::make_unique<SummaryAccumulator>(plan);
    accumulator->add(row);
    ++result.row_count;
    ++result.rows_by_period[row.period];
    sink_status = sink(row, findings);
    return sink_status.ok();
  });
  if (!sink_status) return sink_status.error();
  for (const auto& [period, accumulator] : accumulators) {
    result.summaries[period] = accumulator->finish();
  }
  return result;
}

}  // namespace chiso::cli
