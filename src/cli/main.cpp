// chiso: read, check, keep, consolidate and publish indicator tables.
#include <CLI/CLI.hpp>
#include <fmt/core.h>

#include <cstdio>
#include <cstdlib>

#include "cli/commands.h"
#include "cli/context.h"
#include "cli/hand_over.h"
#include "cli/user_commands.h"
#include "common/memory.h"

// 1 in chiso-publish, 0 in chiso (cli/hand_over.h).
#ifndef CHISO_WITH_PUBLISHING
#define CHISO_WITH_PUBLISHING 1
#endif

namespace {

// The default language: --lang, else CHISO_LANG, else Vietnamese.
std::string default_lang() {
  const char* env = std::getenv("CHISO_LANG");
  return env && std::string(env) == "en" ? "en" : "vi";
}

// Ends the process once `chiso check` or `chiso import` is done: the store
// is closed (its files left tidy), the output flushed, and what the process
// holds (a plan of 10,000 units, their table) is not freed piece by piece:
// the kernel takes it back at once (10,000-unit import, A/B of 20: 24.6 →
// 23.8 ms). Sanitizer builds end normally, so that LeakSanitizer still looks.
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
  app.set_version_flag("--version", "chiso 0.1.0");

  GlobalOptions global;
  global.lang = default_lang();
  app.add_option("--plan", global.plan_path, "Tệp kế hoạch TOML / plan file")
      ->check(CLI::ExistingFile);
  app.add_option("--db", global.db_path, "Cơ sở dữ liệu SQLite / SQLite database")
      ->capture_default_str();
  app.add_option("--lang", global.lang, "Ngôn ngữ vi|en / language")
      ->check(CLI::IsMember({"vi", "en"}));

  CheckArgs check_args;
  auto* check = app.add_subcommand("check", "Kiểm tra một tệp báo cáo / check a report file");
  check->add_option("file", check_args.file, "TSV/CSV/XLSX/DOCX")->required();
  check->add_option("--period", check_args.period, "Kỳ báo cáo, vd. 2024-Q4 / period");
  check->add_option("--format", check_args.format, "text|json")
      ->check(CLI::IsMember({"text", "json"}));
  check->add_option("--max-findings", check_args.findings_shown_max,
                    "Số phát hiện in ra tối đa (text) / most findings printed");
  check->add_flag("--all", check_args.list_all,
                  "In cả các ô trống (không báo cáo) / list blank cells too");

  ImportArgs import_args;
  auto* import = app.add_subcommand("import", "Kiểm tra và lưu một tệp / check and store a file");
  import->add_option("file", import_args.file)->required();
  import->add_option("--period", import_args.period, "Kỳ báo cáo / period (when no period column)");
  import->add_flag("--replace-period", import_args.replace_period,
                   "Rút các đơn vị của kỳ không có trong tệp / withdraw the period's units not in the file");
  import->add_flag("--allow-same-file", import_args.allow_same_file,
                   "Cho nhập cùng tệp vào kỳ thứ hai / allow the same file in a second period");

  ReportArgs report_args;
  auto* report = app.add_subcommand("report", "Xuất báo cáo một kỳ / publish a period");
  report->add_option("--period", report_args.period)->required();
  report->add_option("--format", report_args.format, "xlsx|html|csv|json|docx|pdf")
      ->check(CLI::IsMember({"xlsx", "html", "csv", "json", "docx", "pdf"}));
  report->add_option("-o,--output", report_args.output, "Tệp ra / output file")->required();
  report->add_option("--delimiter", report_args.delimiter, "CSV: , hoặc ;")
      ->check(CLI::IsMember({",", ";"}));
  report->add_option("--variant", report_args.variant, "DOCX/PDF: publish|review")
      ->check(CLI::IsMember({"publish", "review"}));
  report->add_option("--attached-to", report_args.attached_to,
                     "Văn bản kèm theo, vd. \"Báo cáo số 123/BC-UBND\"");
  report->add_option("--date", report_args.date, "Ngày văn bản YYYY-MM-DD");
  report->add_option("--issuer", report_args.issuer, "Cơ quan ban hành / issuer");
  report->add_flag("--with-summary", report_args.with_summary, "Kèm phần tóm tắt / add the summary");
  report->add_option("--compare", report_args.compare, "So với kỳ trước / previous period");
  report->add_option("--chart", report_args.charts,
                     "DOCX/PDF: thêm biểu đồ chỉ tiêu CODE (lặp được) / add a chart");
  report->add_flag("--with-charts", report_args.with_charts,
                   "DOCX/PDF: biểu đồ mọi chỉ tiêu tỷ lệ % / charts of every percent indicator");

  app.add_subcommand("periods", "Các kỳ đã lưu / stored periods");
  app.add_subcommand("units", "Các đơn vị / units");
  auto* plan_check = app.add_subcommand("plan-check", "Kiểm tra tệp kế hoạch / validate the plan");
  (void)plan_check;

  HistoryArgs history_args;
  auto* history = app.add_subcommand("history", "Lịch sử thay đổi / what changed");
  history->add_option("--period", history_args.period)->required();
  history->add_option("--unit", history_args.unit, "Tên đơn vị / unit name");
  history->add_option("--indicator", history_args.indicator, "Mã chỉ số / indicator code");
  history->add_option("--format", history_args.format, "text|json")->check(CLI::IsMember({"text", "json"}));
  history->add_flag("--all", history_args.all, "Cả các lần nộp đầu tiên / first submissions too");

  std::string status_period, status_format = "text";
  auto* status = app.add_subcommand("status", "Tình hình nộp của các đơn vị / who has reported");
  status->add_option("--period", status_period)->required();
  status->add_option("--format", status_format, "text|json")->check(CLI::IsMember({"text", "json"}));

  std::string trend_indicator, trend_format = "text", trend_output;
  auto* trend = app.add_subcommand("trend", "Xu hướng toàn thành phố / city-wide trend");
  trend->add_option("--indicator", trend_indicator)->required();
  trend->add_option("--format", trend_format, "text|json")->check(CLI::IsMember({"text", "json"}));
  trend->add_option("-o,--output", trend_output, "Biểu đồ .svg|.png|.pdf / chart file");

  std::string rank_period, rank_indicator, rank_format = "text";
  auto* rank = app.add_subcommand("rank", "Xếp hạng đơn vị theo một chỉ số / rank units");
  rank->add_option("--period", rank_period)->required();
  rank->add_option("--indicator", rank_indicator)->required();
  rank->add_option("--format", rank_format, "text|json")->check(CLI::IsMember({"text", "json"}));

  ChartArgs chart_args;
  double chart_target = 0;
  auto* chart = app.add_subcommand("chart", "Biểu đồ theo đơn vị / chart by unit");
  chart->add_option("--period", chart_args.period)->required();
  chart->add_option("--indicator", chart_args.indicator)->required();
  chart->add_option("-o,--output", chart_args.output, ".svg|.png|.pdf")->required();
  auto* target_opt = chart->add_option("--target", chart_target, "Đường mục tiêu / target line");
  auto account_commands = add_account_commands(app);  // user …, backup

  ServeArgs serve_args;
  auto* serve = app.add_subcommand("serve", "Máy chủ web và API / the web server and its API");
  serve->add_option("--listen", serve_args.listen, "Địa chỉ:cổng / address:port")->capture_default_str();
  serve->add_option("--threads", serve_args.threads, "Số luồng cơ sở dữ liệu / store threads")
      ->check(CLI::Range(0, 64));
  serve->add_option("--trusted-proxy", serve_args.trusted_proxy,
                    "Địa chỉ proxy được tin (X-Forwarded-*) / the trusted reverse proxy's address");
  serve->add_option("--access-log", serve_args.access_log, "Tệp nhật ký truy cập / access log file");

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int code = app.exit(e);
    return code == 0 ? exit_ok : exit_usage;
  }

  if (serve->parsed()) {
    // A long-lived process: none of the short-lived commands' start-up and
    // exit tricks (the heap in 2 MiB pages, _Exit).
    Context ctx(global);
    return run_serve(ctx, serve_args);
  }
  // The heap in 2 MiB pages (common/memory.h), before the command's work.
  chiso::memory::prepare_heap(std::size_t{64} << 20);
#if !CHISO_WITH_PUBLISHING
  if (report->parsed() || chart->parsed() || (trend->parsed() && !trend_output.empty())) {
    return hand_over_to_publisher(argv);
  }
#endif
  Context ctx(global);
  if (auto code = run_account_commands(ctx, *account_commands)) return *code;
  if (check->parsed()) return finish(ctx, run_check(ctx, check_args));
  if (import->parsed()) return finish(ctx, run_import(ctx, import_args));
  if (app.got_subcommand("periods")) return run_periods(ctx);
  if (app.got_subcommand("units")) return run_units(ctx);
  if (app.got_subcommand("plan-check")) return run_plan_check(ctx);
  if (history->parsed()) return run_history(ctx, history_args);
  if (status->parsed()) return run_status(ctx, status_period, status_format);
  if (trend->parsed() && trend_output.empty()) return run_trend(ctx, trend_indicator, trend_format);
  if (rank->parsed()) return run_rank(ctx, rank_period, rank_indicator, rank_format);
#if CHISO_WITH_PUBLISHING
  if (report->parsed()) return run_report(ctx, report_args);
  if (trend->parsed()) return run_trend_chart(ctx, trend_indicator, trend_output);
  if (chart->parsed()) {
    if (target_opt->count() > 0) chart_args.target = chart_target;
    return run_chart(ctx, chart_args);
  }
#else
  (void)target_opt;
#endif
  return exit_usage;
}
