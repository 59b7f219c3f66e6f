#include <fmt/core.h>

#include "cli/commands.h"
#include "cli/file_scan.h"

namespace chiso::cli {

int run_import(Context& ctx, const ImportArgs& args) {
  auto plan = ctx.plan();
  if (!plan) return fail(exit_usage, plan.error().message);
  auto period_arg = ctx.period(args.period);
  if (!period_arg) return fail(exit_usage, period_arg.error().message);
  const std::string period = *period_arg;
  auto store = ctx.store();
  if (!store) return fail(exit_usage, store.error().message);

  // One transaction for the whole file: nothing is visible to others, and
  // nothing is left behind on failure, until commit().
  std::unique_ptr<ImportWriter> writer;
  bool missing_period = false;
  ScanOptions options;
  options.default_period = period;
  options.min_severity = Severity::warning;
  options.checks_while_reading = true;  // storing is the heavier half

  auto scan = scan_file(
      **plan, ctx.compiled_plan().value(), args.file, options,
      [&](const SourceFile& file) -> Result<void> {
        auto begun = (*store)->begin_import(**plan, file);
        if (!begun) return begun.error();
        writer = std::move(begun).value();
        return {};
      },
      [&](const UnitRow& row, std::span<const Finding> findings) -> Result<void> {
        if (row.period.empty()) {
          missing_period = true;
          return make_error(ctx.tr("{}: bảng không có cột \"Kỳ báo cáo\"; hãy cho biết kỳ bằng --period "
                      "(vd. --period 2024-Q4)",
                      "{}: the table has no period column (\"Kỳ báo cáo\"); give the period with "
                      "--period (e.g. --period 2024-Q4)",
              args.file));
        }
        return writer->add_row(row, findings);
      });
  if (!scan) {
    return fail(missing_period ? exit_usage : exit_unreadable, scan.error().message);
  }
  if (scan->row_count == 0) {
    return fail(exit_unreadable, ctx.tr("{}: không có dòng dữ liệu nào để lưu",
                                                     "{}: no data rows to store",
                                             args.file));
  }
  for (const auto& [row_period, summary] : scan->summaries) {
    if (auto done = writer->add_findings(row_period, scan->table_findings); !done) {
      return fail(exit_usage, done.error().message);
    }
    if (auto done = writer->set_summary(row_period, summary); !done) {
      return fail(exit_usage, done.error().message);
    }
  }
  if (auto done = writer->commit(); !done) return fail(exit_usage, done.error().message);

  fmt::print("{}", ctx.tr("Đã lưu {} dòng của {} kỳ từ {} vào {} (sha256 {}…).\n",
                     "Stored {} rows of {} periods from {} in {} (sha256 {}…).\n",
             scan->row_count, scan->summaries.size(), args.file, ctx.options().db_path,
             scan->file.sha256_hex.substr(0, 12)));
  fmt::print("{}", ctx.tr("Phát hiện: {} lỗi, {} cảnh báo (xem bằng chiso report --variant review).\n",
                     "Findings: {} errors, {} warnings (see them with chiso report --variant review).\n",
             scan->error_count, scan->warning_count));
  return scan->error_count > 0 ? exit_findings : exit_ok;
}

}  // namespace chiso::cli
