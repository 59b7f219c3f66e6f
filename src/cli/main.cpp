// chiso: read, check, keep, consolidate and publish indicator tables.
#include <CLI/CLI.hpp>
#include <fmt/core.h>

#include <cstdio>
#include <cstdlib>

#include "cli/arguments.h"
#include "cli/commands.h"
#include "cli/copy_command.h"
#include "cli/context.h"
#include "cli/hand_over.h"
#include "cli/user_commands.h"
#include "common/memory.h"

// 1 in chiso-publish, 0 in chiso (cli/hand_over.h).
#ifndef CHISO_WITH_PUBLISHING
#define CHISO_WITH_PUBLISHING 1
#endif

namespace {

// Ends the process once `chiso check` or `chiso import` is done: the store
// is closed (its files left tidy), the output flushed, and what the process
// holds (a plan of 10,000 units, their table) is not freed piece by piece:
// the kernel takes it back at once (measured on the 10,000-unit import).
// Sanitizer builds end normally, so that LeakSanitizer still looks.
int finish(chiso::cli::Context& ctx, int code) {
#if defined(__SANITIZE_ADDRESS__)
  (void)ctx;
  return code;
#else
  ctx.close_store();
  std::fflush(nullptr);
  std::_Exit(code);
#endif
}

}  // namespace

int main(int argc, char** argv) {
  using namespace chiso::cli;
  CLI::App app{
      "chiso — đọc, kiểm tra, lưu, tổng hợp và công bố bảng chỉ số\n"
      "(read, check, keep, consolidate and publish indicator tables)"};
  app.require_subcommand(1);

  // Before any subcommand: they inherit the global options, the help and
  // the messages in the language (cli/arguments.h).
  GlobalOptions global;
  global.lang = lang_from_argv(argc, argv);
  configure_app(app, global);
  const bool en = global.lang == "en";
  // Bilingual help text: the Vietnamese or the English half.
  auto say = [en](const char* vi, const char* english) { return en ? english : vi; };
  auto formats = [en](std::initializer_list<const char*> values) { return one_of(values, en); };
  app.set_version_flag("--version", "chiso 0.1.0", say("In phiên bản", "Print the version"));
  const char* indicator_help =
      say("Mã chỉ tiêu (xem chiso indicators)", "Indicator code (see chiso indicators)");
  const char* period_help = say("Kỳ báo cáo, vd. 2024-Q4 hoặc \"Quý IV năm 2024\"",
                                "Period, e.g. 2024-Q4 or \"Quý IV năm 2024\"");

  CheckArgs check_args;
  auto* check = app.add_subcommand("check", say("Kiểm tra một tệp báo cáo", "Check a report file"));
  check->add_option("file", check_args.file, "TSV/CSV/XLSX/DOCX")->required();
  check->add_option("--period", check_args.period, period_help);
  check->add_option("--format", check_args.format, "text|json")->check(formats({"text", "json"}));
  check->add_option("--max-findings", check_args.findings_shown_max,
                    say("Số phát hiện in ra tối đa (text)", "Most findings printed (text)"));
  check->add_flag("--all", check_args.list_all,
                  say("In cả các ô trống (không báo cáo)", "List blank cells too"));

  ImportArgs import_args;
  auto* import =
      app.add_subcommand("import", say("Kiểm tra và lưu một tệp", "Check and store a file"));
  import->add_option("file", import_args.file)->required();
  import->add_option(
      "--period", import_args.period,
      say("Kỳ báo cáo (khi tệp không có cột kỳ)", "Period (when the file has no period column)"));
  import->add_flag("--replace-period", import_args.replace_period,
                   say("Rút các đơn vị của kỳ không có trong tệp",
                       "Withdraw the period's units not in the file"));
  import->add_flag(
      "--allow-same-file", import_args.allow_same_file,
      say("Cho nhập cùng tệp vào kỳ thứ hai", "Allow the same file in a second period"));

  ReportArgs report_args;
  auto* report = app.add_subcommand("report", say("Xuất báo cáo một kỳ", "Publish a period"));
  report->add_option("--period", report_args.period, period_help)->required();
  report->add_option("--format", report_args.format, "xlsx|html|csv|json|docx|pdf")
      ->check(formats({"xlsx", "html", "csv", "json", "docx", "pdf"}));
  report
      ->add_option("-o,--output", report_args.output,
                   say("Tệp ra (- : đầu ra chuẩn)", "Output file (- : standard output)"))
      ->required();
  report->add_option("--delimiter", report_args.delimiter, say("CSV: , hoặc ;", "CSV: , or ;"))
      ->check(formats({",", ";"}));
  report
      ->add_option("--variant", report_args.variant,
                   say("publish|review (review: số liệu như đơn vị nhập, ô có phát hiện được tô)",
                       "publish|review (review: the figures as typed, cells with findings shaded)"))
      ->check(formats({"publish", "review"}));
  report->add_option("--attached-to", report_args.attached_to,
                     say("DOCX/PDF: văn bản kèm theo, vd. \"Báo cáo số 123/BC-UBND\" "
                         "(thay attached_to_vi của kế hoạch)",
                         "DOCX/PDF: the document this is attached to (instead of the plan's "
                         "attached_to_vi)"));
  report->add_option("--date", report_args.date,
                     say("DOCX/PDF: ngày văn bản YYYY-MM-DD", "DOCX/PDF: date YYYY-MM-DD"));
  report->add_option("--issuer", report_args.issuer,
                     say("DOCX/PDF: cơ quan ban hành văn bản đó (thay issuer_vi của kế hoạch)",
                         "DOCX/PDF: that document's issuer (instead of the plan's issuer_vi)"));
  report->add_flag("--with-summary", report_args.with_summary,
                   say("DOCX/PDF: kèm phần tóm tắt", "DOCX/PDF: add the summary"));
  report->add_option("--compare", report_args.compare,
                     say("So với một kỳ trước đã lưu (xlsx, html, docx, pdf)",
                         "Compare with an earlier stored period (xlsx, html, docx, pdf)"));
  report->add_option("--chart", report_args.charts,
                     say("DOCX/PDF: thêm biểu đồ chỉ tiêu CODE (lặp được)",
                         "DOCX/PDF: add a chart of CODE (repeatable)"));
  report->add_flag(
      "--with-charts", report_args.with_charts,
      say("DOCX/PDF: biểu đồ mọi chỉ tiêu tỷ lệ %", "DOCX/PDF: charts of every percent indicator"));
  report->add_option("--unit", report_args.unit,
                     say("DOCX/PDF: dòng đã nộp của một đơn vị, có phần ký tên",
                         "DOCX/PDF: one unit's submitted row, with a signature block"));

  app.add_subcommand("periods", say("Các kỳ đã lưu", "Stored periods"));
  app.add_subcommand("units", say("Các đơn vị", "Units"));
  std::string indicators_format = "text";
  auto* indicators =
      app.add_subcommand("indicators", say("Các chỉ tiêu của kế hoạch", "The plan's indicators"));
  indicators->add_option("--format", indicators_format, "text|json")
      ->check(formats({"text", "json"}));
  app.add_subcommand("plan-check", say("Kiểm tra tệp kế hoạch", "Validate the plan"));

  HistoryArgs history_args;
  auto* history = app.add_subcommand("history", say("Lịch sử thay đổi", "What changed"));
  history->add_option("--period", history_args.period, period_help)->required();
  history->add_option("--unit", history_args.unit, say("Tên đơn vị", "Unit name"));
  history->add_option("--indicator", history_args.indicator, say("Mã chỉ tiêu", "Indicator code"));
  history->add_option("--format", history_args.format, "text|json")
      ->check(formats({"text", "json"}));
  history->add_flag("--all", history_args.all,
                    say("Cả các lần nộp đầu tiên", "First submissions too"));

  std::string status_period, status_format = "text";
  auto* status =
      app.add_subcommand("status", say("Tình hình nộp của các đơn vị", "Who has reported"));
  status->add_option("--period", status_period, period_help)->required();
  status->add_option("--format", status_format, "text|json")->check(formats({"text", "json"}));

  TrendArgs trend_args;
  auto* trend = app.add_subcommand("trend", say("Xu hướng toàn thành phố", "City-wide trend"));
  trend->add_option("--indicator", trend_args.indicator, indicator_help)->required();
  trend
      ->add_option(
          "--format", trend_args.format,
          say("text|json, hoặc svg|png|pdf cho biểu đồ", "text|json, or svg|png|pdf for the chart"))
      ->check(formats({"text", "json", "svg", "png", "pdf"}));
  trend
      ->add_option("--period-kind", trend_args.period_kind,
                   say("Loại kỳ của đường (mặc định: loại của kỳ gần nhất)",
                       "Kind of period of the line (default: the latest period's)"))
      ->check(formats({"month", "quarter", "half", "year"}));
  trend->add_option("--unit", trend_args.unit,
                    say("Đường của một đơn vị bên cạnh (theo các đơn vị kế nhiệm khi đơn vị không còn)",
                        "A unit's line beside it (following its successors once the unit ended)"));
  trend->add_option("-o,--output", trend_args.output,
                    say("Biểu đồ .svg|.png|.pdf (- : đầu ra chuẩn)",
                        "Chart .svg|.png|.pdf (- : standard output)"));

  std::string rank_period, rank_indicator, rank_format = "text";
  auto* rank = app.add_subcommand("rank", say("Xếp hạng đơn vị theo một chỉ tiêu", "Rank units"));
  rank->add_option("--period", rank_period, period_help)->required();
  rank->add_option("--indicator", rank_indicator, indicator_help)->required();
  rank->add_option("--format", rank_format, "text|json")->check(formats({"text", "json"}));

  ChartArgs chart_args;
  double chart_target = 0;
  auto* chart = app.add_subcommand("chart", say("Biểu đồ theo đơn vị", "Chart by unit"));
  chart->add_option("--period", chart_args.period, period_help)->required();
  chart->add_option("--indicator", chart_args.indicator, indicator_help)->required();
  chart
      ->add_option("-o,--output", chart_args.output,
                   say(".svg|.png|.pdf (- : đầu ra chuẩn)", ".svg|.png|.pdf (- : standard output)"))
      ->required();
  chart->add_option("--format", chart_args.format, "svg|png|pdf")
      ->check(formats({"svg", "png", "pdf"}));
  auto* target_opt =
      chart->add_option("--target", chart_target, say("Đường mục tiêu", "Target line"));
  auto account_commands = add_account_commands(app, en);  // user …, backup
  auto copy_command = add_copy_command(app, en);

  ServeArgs serve_args;
  auto* serve = app.add_subcommand("serve", say("Máy chủ web và API", "The web server and its API"));
  serve->add_option("--listen", serve_args.listen, say("Địa chỉ:cổng", "Address:port"))->capture_default_str();
  serve->add_option("--threads", serve_args.threads, say("Số luồng đọc cơ sở dữ liệu (SQLite: thêm một luồng ghi)",
                                                          "Store threads that read (SQLite: one more writes)"))
      ->check(CLI::Range(0, 64));
  serve->add_option("--trusted-proxy", serve_args.trusted_proxy,
                    say("Địa chỉ proxy được tin (X-Forwarded-*)", "The trusted reverse proxy's address"));
  serve->add_option("--access-log", serve_args.access_log, say("Tệp nhật ký truy cập", "Access log file"));
  serve->add_option("--wait-for-database", serve_args.wait_for_database,
                    say("PostgreSQL: số giây chờ cơ sở dữ liệu chưa tới được khi khởi động (0: không chờ)",
                        "PostgreSQL: seconds to wait at start for a database out of reach (0: none)"))
      ->capture_default_str()
      ->check(CLI::Range(0, 3600));

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int code = app.exit(e);
    return code == 0 ? exit_ok : exit_usage;
  }
  const bool trend_chart = !trend_args.output.empty();

  if (serve->parsed()) {
    // A long-lived process: none of the short-lived commands' start-up and
    // exit tricks (the heap in 2 MiB pages, _Exit).
    Context ctx(global);
    return run_serve(ctx, serve_args);
  }
  // The heap in 2 MiB pages (common/memory.h), before the command's work.
  chiso::memory::prepare_heap(std::size_t{64} << 20);
#if !CHISO_WITH_PUBLISHING
  if (report->parsed() || chart->parsed() || (trend->parsed() && trend_chart)) {
    return hand_over_to_publisher(argv);
  }
#endif
  Context ctx(global);
  if (auto code = run_account_commands(ctx, *account_commands)) return *code;
  if (auto code = run_copy_command(ctx, *copy_command)) return *code;
  if (check->parsed()) return finish(ctx, run_check(ctx, check_args));
  if (import->parsed()) return finish(ctx, run_import(ctx, import_args));
  if (app.got_subcommand("periods")) return run_periods(ctx);
  if (app.got_subcommand("units")) return run_units(ctx);
  if (indicators->parsed()) return run_indicators(ctx, indicators_format);
  if (app.got_subcommand("plan-check")) return run_plan_check(ctx);
  if (history->parsed()) return run_history(ctx, history_args);
  if (status->parsed()) return run_status(ctx, status_period, status_format);
  if (trend->parsed() && !trend_chart) return run_trend(ctx, trend_args);
  if (rank->parsed()) return run_rank(ctx, rank_period, rank_indicator, rank_format);
#if CHISO_WITH_PUBLISHING
  if (report->parsed()) return run_report(ctx, report_args);
  if (trend->parsed()) return run_trend_chart(ctx, trend_args);
  if (chart->parsed()) {
    if (target_opt->count() > 0) chart_args.target = chart_target;
    return run_chart(ctx, chart_args);
  }
#else
  (void)target_opt;
#endif
  return exit_usage;
}
