#include <fmt/core.h>

#include <algorithm>
#include <filesystem>

#include "cli/commands.h"
#include "consolidate/analysis.h"
#include "report/appendix.h"
#include "report/report.h"
#include "service/period_table.h"

namespace chiso::cli {
namespace {

std::string format_from_path(const std::string& path) {
  std::string ext = std::filesystem::path(path).extension().string();
  if (!ext.empty()) ext.erase(0, 1);
  for (char& c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return ext;
}

// Loads a stored period; the error lists the periods that are stored.
Result<CheckedTable> load(Context& ctx, Store& store, const Plan& plan, const std::string& text, bool review) {
  auto period = ctx.period(text);
  if (!period) return period.error();
  auto table = service::load_published_table(plan, store, *period, review);
  if (table) return table;
  std::string stored;
  if (auto periods = store.periods()) {
    for (const auto& info : *periods) stored += (stored.empty() ? "" : ", ") + info.period;
  }
  return make_error(ctx.tr("{} (các kỳ đã lưu: {})", "{} (stored periods: {})",
                                table.error().message, stored.empty() ? "—" : stored));
}

}  // namespace

int run_report(Context& ctx, const ReportArgs& args) {
  auto plan = ctx.plan();
  if (!plan) return fail(exit_usage, plan.error().message);
  auto store = ctx.store();
  if (!store) return fail(exit_usage, store.error().message);
  std::string format = args.format.empty() ? format_from_path(args.output) : args.format;
  static const std::string formats[] = {"xlsx", "html", "csv", "json", "docx", "pdf"};
  if (std::find(std::begin(formats), std::end(formats), format) == std::end(formats)) {
    return fail(exit_usage, ctx.tr("không biết định dạng '{}'; dùng --format "
                                                "xlsx|html|csv|json|docx|pdf",
                                                "unknown format '{}'; use --format "
                                                "xlsx|html|csv|json|docx|pdf",
                                        format));
  }

  // An option that the format cannot honour is refused, never ignored.
  const bool document = format == "docx" || format == "pdf";
  if (!args.compare.empty() && (format == "csv" || format == "json")) {
    return fail(exit_usage, ctx.tr("--compare dùng với xlsx, html, docx hoặc pdf, không với {}",
                                   "--compare works with xlsx, html, docx or pdf, not {}", format));
  }
  if (!document && (args.with_charts || !args.charts.empty() || args.with_summary ||
                    !args.attached_to.empty() || !args.date.empty() || !args.issuer.empty())) {
    return fail(exit_usage,
                ctx.tr("--chart, --with-charts, --with-summary, --attached-to, --date và --issuer "
                       "dùng với docx hoặc pdf, không với {} (báo cáo html luôn có phần tóm tắt)",
                       "--chart, --with-charts, --with-summary, --attached-to, --date and --issuer "
                       "work with docx or pdf, not {} (the html report always has the summary)",
                       format));
  }

  // The review variant shows what the units typed; everything published
  // shows shares computed from the counts (service::load_published_table).
  const bool review = args.variant == "review";
  auto loaded_table = load(ctx, **store, **plan, args.period, review);
  if (!loaded_table) return fail(exit_usage, loaded_table.error().message);
  std::optional<CheckedTable> table = std::move(loaded_table).value();
  std::optional<CheckedTable> previous;
  if (!args.compare.empty()) {
    auto loaded = load(ctx, **store, **plan, args.compare, review);
    if (!loaded) return fail(exit_usage, loaded.error().message);
    previous = std::move(loaded).value();
  }

  report::ReportOptions options;
  options.lang = ctx.lang();
  options.csv_delimiter = args.delimiter.empty() ? ',' : args.delimiter[0];
  if (previous && (format == "html" || format == "xlsx")) {
    // --compare: the comparison section/sheet and the trend of the city-wide
    // figure over the stored periods up to this one (store order = period order).
    options.previous = &*previous;
    if (auto points = service::trend(**plan, **store, options.trend_indicator)) {
      for (const service::TrendPoint& point : *points) {
        options.trend_points.push_back({point.period, point.value});
        if (point.period == table->period) break;
      }
    }
  }
  Result<void> written;
  if (format == "xlsx") {
    written = report::write_xlsx(**plan, *table, options, args.output);
  } else if (format == "html") {
    written = report::write_html(**plan, *table, options, args.output);
  } else if (format == "csv") {
    written = report::write_csv(**plan, *table, options, args.output);
  } else if (format == "json") {
    std::FILE* out = std::fopen(args.output.c_str(), "wb");
    if (!out) {
      written = make_error(fmt::format("{}: cannot write the file", args.output));
    } else {
      std::string json = report::to_json(**plan, *table);
      bool ok = std::fwrite(json.data(), 1, json.size(), out) == json.size();
      ok = std::fclose(out) == 0 && ok;
      if (!ok) written = make_error(fmt::format("{}: writing failed (disk full?)", args.output));
    }
  } else {
    report::AppendixOptions appendix;
    appendix.lang = ctx.lang();
    appendix.variant =
        args.variant == "review" ? report::Variant::review : report::Variant::publish;
    appendix.attached_to = args.attached_to;
    appendix.date = args.date;
    appendix.issuer = args.issuer;
    appendix.with_summary = args.with_summary;
    if (args.with_summary) {
      appendix.summary_text = written_summary(
          **plan, *table, ctx.english() ? SummaryLang::en : SummaryLang::vi);
    }
    if (previous) appendix.previous = &*previous;
    appendix.charts = args.charts;
    appendix.with_charts = args.with_charts;
    if (Result<void> charts = report::check_chart_codes(**plan, appendix); !charts) {
      return fail(exit_usage, charts.error().message);
    }
    written = format == "docx" ? report::write_docx(**plan, *table, appendix, args.output)
                               : report::write_pdf(**plan, *table, appendix, args.output);
  }
  if (!written) return fail(exit_unreadable, written.error().message);
  fmt::print("{}", ctx.tr("Đã ghi {}\n", "Wrote {}\n", args.output));
  return exit_ok;
}

}  // namespace chiso::cli
