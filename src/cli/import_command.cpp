#include <fmt/core.h>

#include "cli/commands.h"
#include "service/import_input.h"

namespace chiso::cli {

int run_import(Context& ctx, const ImportArgs& args) {
  auto plan = ctx.plan();
  if (!plan) return fail(exit_usage, plan.error().message);
  auto period = ctx.period(args.period);
  if (!period) return fail(exit_usage, period.error().message);
  if (args.replace_period && period->empty())
    return fail(exit_usage, ctx.tr("--replace-period cần --period (kỳ được thay thế)",
                                   "--replace-period needs --period (the period to replace)"));
  auto store = ctx.store();
  if (!store) return ctx.fail(store.error(), exit_usage);

  service::ImportRequest request;
  request.period = *period;
  request.replace_period = args.replace_period;
  request.allow_same_file = args.allow_same_file;
  auto outcome = service::import_input(**plan, ctx.compiled_plan().value(), **store,
                                       service::Input{args.file, "", std::nullopt}, request);
  if (!outcome) return ctx.fail(outcome.error(), exit_unreadable);

  const service::ScanResult& scan = outcome->scan;
  fmt::print("{}", ctx.tr("Đã lưu {} dòng của {} kỳ từ {} vào {} (sha256 {}…).\n",
                          "Stored {} rows of {} periods from {} in {} (sha256 {}…).\n", scan.row_count,
                          outcome->periods.size(), args.file, ctx.options().db_path,
                          scan.file.sha256_hex.substr(0, 12)));
  for (const auto& [name, done] : outcome->periods)
    fmt::print("{}", ctx.tr("Kỳ {}: {}.\n", "Period {}: {}.\n", name, service::describe(done, ctx.english())));
  fmt::print("{}", ctx.tr("Phát hiện: {} lỗi, {} cảnh báo (xem bằng chiso report --variant review).\n",
                          "Findings: {} errors, {} warnings (see them with chiso report --variant review).\n",
                          scan.error_count, scan.warning_count));
  return scan.error_count > 0 ? exit_findings : exit_ok;
}

}  // namespace chiso::cli
