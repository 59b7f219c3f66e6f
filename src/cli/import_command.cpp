#include <fmt/core.h>

#include <atomic>
#include <csignal>

#include "cli/commands.h"
#include "service/import_input.h"

namespace chiso::cli {
namespace {

// Set by Ctrl-C (SIGINT) or SIGTERM during an import; the import checks it
// before each row and before its commit (service::ImportRequest::stop).
std::atomic<bool> stop_requested{false};
static_assert(std::atomic<bool>::is_always_lock_free, "set from a signal handler");

extern "C" void request_stop(int) { stop_requested.store(true); }

// The exit code of a command ended by SIGINT, as shells report it (128 + 2).
constexpr int exit_interrupted = 130;

}  // namespace

int run_import(Context& ctx, const ImportArgs& args) {
  auto plan = ctx.plan();
  if (!plan) return ctx.fail(plan.error(), exit_usage);
  auto period = ctx.period(args.period);
  if (!period) return ctx.fail(period.error(), exit_usage);
  if (args.replace_period && period->empty())
    return fail(exit_usage, ctx.tr("--replace-period cần --period (kỳ được thay thế)",
                                   "--replace-period needs --period (the period to replace)"));
  auto store = ctx.store();
  if (!store) return ctx.fail(store.error(), exit_usage);

  service::ImportRequest request;
  request.period = *period;
  request.replace_period = args.replace_period;
  request.allow_same_file = args.allow_same_file;
  request.stop = &stop_requested;
  struct sigaction action = {};
  action.sa_handler = request_stop;
  sigemptyset(&action.sa_mask);
  sigaction(SIGINT, &action, nullptr);
  sigaction(SIGTERM, &action, nullptr);
  auto outcome = service::import_input(**plan, ctx.compiled_plan().value(), **store,
                                       service::Input{args.file, "", std::nullopt}, request);
  if (!outcome) {
    if (service::is_interrupted(outcome.error())) {
      ctx.close_store();
      return fail(exit_interrupted, outcome.error().text(ctx.english()));
    }
    return ctx.fail(outcome.error(), exit_unreadable);
  }

  const service::ScanResult& scan = outcome->scan;
  fmt::print("{}", ctx.tr("Đã lưu {} dòng của {} kỳ từ {} vào {} (sha256 {}…).\n",
                          "Stored {} rows of {} periods from {} in {} (sha256 {}…).\n", scan.row_count,
                          outcome->periods.size(), args.file, db_display_name(ctx.options().db_path),
                          scan.file.sha256_hex.substr(0, 12)));
  for (const auto& [name, done] : outcome->periods)
    fmt::print("{}", ctx.tr("{}: {}.\n", "{}: {}.\n", ctx.period_text(name),
                            service::describe(done, ctx.english())));
  fmt::print("{}", ctx.tr("Phát hiện: {} lỗi, {} cảnh báo (xem bằng chiso report --variant review).\n",
                          "Findings: {} errors, {} warnings (see them with chiso report --variant review).\n",
                          scan.error_count, scan.warning_count));
  if (stop_requested.load()) {
    // The signal came after the commit: everything above is stored.
    fmt::print(stderr, "{}",
               ctx.tr("chiso: đã dừng theo yêu cầu sau khi lưu xong: tệp đã được lưu.\n",
                      "chiso: stopped on request after the commit: the file is stored.\n"));
    return exit_interrupted;
  }
  return scan.error_count > 0 ? exit_findings : exit_ok;
}

}  // namespace chiso::cli
