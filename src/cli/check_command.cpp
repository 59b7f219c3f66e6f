#include <fmt/core.h>

#include <cstdint>
#include <cstdio>
#include <filesystem>

#include "cli/commands.h"
#include "service/check_input.h"
#include "report/report.h"

namespace chiso::cli {
namespace {

// Past this many rows `chiso check` (text) keeps only findings: a national
// history is checked in bounded memory.
constexpr std::size_t text_rows_kept_max = 5000;

}  // namespace

int run_check(Context& ctx, const CheckArgs& args) {
  auto plan = ctx.plan();
  if (!plan) return ctx.fail(plan.error(), exit_usage);
  auto period_arg = ctx.period(args.period);
  if (!period_arg) return ctx.fail(period_arg.error(), exit_usage);

  const bool json = args.format == "json";
  report::ReportOptions report_options;
  report_options.lang = ctx.lang();
  // Blank cells ("not reported") are counted; they are listed with --all.
  report_options.text_min_severity = args.list_all ? Severity::info : Severity::warning;

  // Text output lists the first findings and counts the rest, and shows no
  // values, so a national table with a million findings is checked in
  // bounded memory.
  service::CheckOptions options;
  options.default_period = *period_arg;
  if (!json) {
    options.kept_min_severity = report_options.text_min_severity;
    if (args.findings_shown_max >= 0) options.findings_kept_max = static_cast<std::size_t>(args.findings_shown_max);
    options.keep_values = false;
    options.rows_kept_max = text_rows_kept_max;
  }
  // With a database at --db, each unit's values are compared with its
  // earlier periods there (value.jump), as the server compares a typed row.
  service::PreviousPeriods previous;
  std::error_code no_file;
  if (!options.default_period.empty() &&
      (is_postgresql_db(ctx.options().db_path) || std::filesystem::exists(ctx.options().db_path, no_file))) {
    auto store = ctx.existing_store();
    if (!store) return ctx.fail(store.error(), exit_usage);
    auto loaded = service::PreviousPeriods::load(**plan, **store, options.default_period);
    if (!loaded) return ctx.fail(loaded.error(), exit_usage);
    previous = std::move(*loaded);
    options.previous = &previous;
  }
  auto checked = service::check_input(**plan, ctx.compiled_plan().value(),
                                      service::Input{args.file, "", std::nullopt}, options);
  if (!checked) return ctx.fail(checked.error(), exit_unreadable);
  CheckedTable& table = checked->table;
  table.source_file = args.file;
  for (int severity = 0; severity < 3; ++severity)
    report_options.findings_not_given[severity] += checked->findings_not_kept_by_severity[severity];
  if (checked->rows_not_kept > 0) report_options.rows_not_given = static_cast<int>(checked->rows_not_kept);

  const service::ScanResult& scan = checked->scan;
  if (json) {
    fmt::print("{}\n", report::to_json(**plan, table));
  } else {
    if (scan.summaries.size() > 1) {
      fmt::print("{}", ctx.tr("{}: {} dòng, {} kỳ báo cáo\n", "{}: {} rows, {} periods\n",
                              args.file, scan.row_count, scan.summaries.size()));
    }
    std::string text = report::to_text(**plan, table, report_options);
    std::fputs(text.c_str(), stdout);
    if (checked->findings_not_kept > 0) {
      fmt::print("{}", ctx.tr("Chỉ in {} phát hiện đầu; còn {} phát hiện nữa "
                              "(--max-findings -1 để in hết).\n",
                              "Only the first {} findings are printed; {} more "
                              "(--max-findings -1 prints all).\n",
                              options.findings_kept_max, checked->findings_not_kept));
    }
  }
  return scan.error_count > 0 ? exit_findings : exit_ok;
}

}  // namespace chiso::cli
