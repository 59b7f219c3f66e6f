#include <fmt/core.h>

#include <cstdint>
#include <cstdio>

#include "cli/commands.h"
#include "cli/file_scan.h"
#include "report/report.h"

namespace chiso::cli {
namespace {

// Past this many rows `chiso check` (text) keeps only findings: a national
// history is checked in bounded memory.
constexpr std::size_t text_rows_kept_max = 5000;

}  // namespace

int run_check(Context& ctx, const CheckArgs& args) {
  auto plan = ctx.plan();
  if (!plan) return fail(exit_usage, plan.error().message);
  auto period_arg = ctx.period(args.period);
  if (!period_arg) return fail(exit_usage, period_arg.error().message);
  const std::string period = *period_arg;

  const bool json = args.format == "json";
  report::ReportOptions report_options;
  report_options.lang = ctx.lang();
  // Blank cells ("not reported") are counted; they are listed with --all.
  report_options.text_min_severity = args.list_all ? Severity::info : Severity::warning;

  CheckedTable table;
  table.source_file = args.file;
  table.period = period;
  std::vector<Finding> row_findings;
  // Text output lists the first findings and counts the rest, so a national
  // table with a million findings is checked in bounded memory.
  const std::size_t findings_kept_max =
      json || args.findings_shown_max < 0 ? SIZE_MAX
                                          : static_cast<std::size_t>(args.findings_shown_max);
  std::size_t findings_not_kept = 0;
  std::size_t rows_not_kept = 0;
  ScanOptions options;
  options.default_period = period;
  auto scan = scan_file(
      **plan, ctx.compiled_plan().value(), args.file, options, nullptr,
      [&](const UnitRow& row, std::span<const Finding> findings) -> Result<void> {
        for (const Finding& finding : findings) {
          const bool listed = json || finding.severity >= report_options.text_min_severity;
          if (listed && row_findings.size() < findings_kept_max) {
            row_findings.push_back(finding);
          } else {
            ++report_options.findings_not_given[static_cast<int>(finding.severity)];
            if (listed) ++findings_not_kept;
          }
        }
        if (json) {
          table.rows.push_back(row);
        } else if (table.rows.size() < text_rows_kept_max) {
          // The text lists findings under their row's name and counts the
          // registered units; it shows no values, so none are kept.
          UnitRow& kept = table.rows.emplace_back();
          kept.row_number = row.row_number;
          kept.raw_name = row.raw_name;
          kept.unit_name = row.unit_name;
          kept.period = row.period;
          kept.pos = row.pos;
        } else {
          ++rows_not_kept;
        }
        return {};
      });
  if (!scan) return fail(exit_unreadable, scan.error().message);
  if (rows_not_kept > 0) {
    // All or nothing: a partial list of rows would mislead the report.
    report_options.rows_not_given = static_cast<int>(table.rows.size() + rows_not_kept);
    table.rows.clear();
  }

  table.title_lines = scan->title_lines;
  table.note_lines = scan->note_lines;
  table.findings = std::move(scan->table_findings);
  table.findings.insert(table.findings.end(), std::make_move_iterator(row_findings.begin()),
                        std::make_move_iterator(row_findings.end()));
  if (scan->summaries.size() == 1) {
    table.summary = scan->summaries.begin()->second;
    if (table.period.empty()) table.period = scan->summaries.begin()->first;
  }

  if (json) {
    fmt::print("{}\n", report::to_json(**plan, table));
  } else {
    if (scan->summaries.size() > 1) {
      fmt::print("{}", ctx.tr("{}: {} dòng, {} kỳ báo cáo\n", "{}: {} rows, {} periods\n",
                              args.file, scan->row_count, scan->summaries.size()));
    }
    std::string text = report::to_text(**plan, table, report_options);
    std::fputs(text.c_str(), stdout);
    if (findings_not_kept > 0) {
      fmt::print("{}", ctx.tr("Chỉ in {} phát hiện đầu; còn {} phát hiện nữa "
                              "(--max-findings -1 để in hết).\n",
                              "Only the first {} findings are printed; {} more "
                              "(--max-findings -1 prints all).\n",
                              findings_kept_max, findings_not_kept));
    }
  }
  return scan->error_count > 0 ? exit_findings : exit_ok;
}

}  // namespace chiso::cli
