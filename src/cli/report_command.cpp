#include <fmt/core.h>

#include <algorithm>
#include <filesystem>

#include "cli/commands.h"
#include "cli/output_file.h"
#include "consolidate/analysis.h"
#include "plan/period.h"
#include "report/appendix.h"
#include "report/report.h"
#include "service/period_table.h"
#include "service/submitted_row.h"
#include "service/user_units.h"

namespace chiso::cli {
namespace {

// `error` (vi/en) with the stored periods named after it: not found, exit 3.
Error stored_periods_error(Context& ctx, Store& store, const Error& error) {
  std::string stored;
  if (auto periods = store.periods()) {
    for (const auto& info : *periods) {
      stored += (stored.empty() ? "" : "; ") +
                fmt::format("{} ({})", ctx.period_text(info.period), info.period);
    }
  }
  if (stored.empty()) stored = "—";
  Error named =
      make_error(ErrorKind::not_found, fmt::format("{} (các kỳ đã lưu: {})", error.message, stored),
                 fmt::format("{} (stored periods: {})", error.text(true), stored));
  named.field = error.field;
  return named;
}

// Loads a stored period as published (or, `review`, as typed); the error
// (not found) lists the periods that are stored.
Result<CheckedTable> load(Context& ctx, Store& store, const Plan& plan, const std::string& period, bool review) {
  auto table = service::load_published_table(plan, store, period, review);
  if (table) return table;
  return stored_periods_error(ctx, store, table.error());
}

// `chiso report --unit UNIT`: the unit's submitted (or approved) row as a
// DOCX or PDF to sign; the period's options (--compare, --chart…) refused.
int run_unit_document(Context& ctx, const Plan& plan, const ReportArgs& args,
                      const std::string& format) {
  if (format != "docx" && format != "pdf") {
    return ctx.fail(
        argument_error("--unit", fmt::format("--unit dùng với docx hoặc pdf, không với {}", format),
                       fmt::format("--unit works with docx or pdf, not {}", format)),
        exit_usage);
  }
  if (!args.compare.empty() || args.variant == "review" || args.with_summary || args.with_charts ||
      !args.charts.empty() || !args.attached_to.empty() || !args.issuer.empty()) {
    return ctx.fail(
        argument_error(
            "--unit",
            "--compare, --variant review, --with-summary, --chart, --with-charts, --attached-to và "
            "--issuer dùng cho bảng của cả kỳ, không với --unit",
            "--compare, --variant review, --with-summary, --chart, --with-charts, --attached-to "
            "and "
            "--issuer are for the whole period's table, not with --unit"),
        exit_usage);
  }
  report::AppendixOptions appendix;
  appendix.lang = ctx.lang();
  appendix.date = args.date;
  if (Result<void> date = report::check_date(appendix); !date) {
    return ctx.fail(argument_error("--date", date.error().message, date.error().text(true)),
                    exit_usage);
  }
  auto unit = service::registered_unit_names(plan, {args.unit});
  if (!unit) {
    Error error = unit.error();
    error.field = "--unit";
    return ctx.fail(error, exit_usage);
  }
  auto period = ctx.period(args.period);
  if (!period) return ctx.fail(period.error(), exit_usage);
  auto store = ctx.existing_store();
  if (!store) return ctx.fail(store.error(), exit_usage);
  auto file = OutputFile::open(ctx, args.output, format);
  if (!file) return ctx.fail(file.error(), exit_usage);
  auto row = service::load_submitted_row(plan, **store, *period, unit->front());
  if (!row) {
    if (row.error().kind == ErrorKind::not_found) {
      return ctx.fail(stored_periods_error(ctx, **store, row.error()), exit_usage);
    }
    return ctx.fail(row.error(), exit_usage);
  }
  report::UnitRowDocument& own = appendix.unit_row.emplace();
  own.unit = row->unit;
  own.version = row->version;
  own.approved = row->state == SubmissionState::approved;
  own.submitted_at_utc = row->submitted_at_utc;
  own.submitted_by = row->submitted_by;
  own.approved_at_utc = row->approved_at_utc;
  const std::string& path = file->path();
  Result<void> written = format == "docx" ? report::write_docx(plan, row->table, appendix, path)
                                          : report::write_pdf(plan, row->table, appendix, path);
  if (written) written = file->finish();
  if (!written) return ctx.fail(written.error(), exit_unreadable);
  file->say_written(ctx);
  return exit_ok;
}

}  // namespace

int run_report(Context& ctx, const ReportArgs& args) {
  auto plan = ctx.plan();
  if (!plan) return ctx.fail(plan.error(), exit_usage);
  auto chosen =
      output_format(ctx, args.output, args.format, {"xlsx", "html", "csv", "json", "docx", "pdf"});
  if (!chosen) return ctx.fail(chosen.error(), exit_usage);
  const std::string& format = *chosen;
  if (!args.unit.empty()) return run_unit_document(ctx, **plan, args, format);

  // An option that the format cannot honour is refused, never ignored.
  const bool document = format == "docx" || format == "pdf";
  if (!args.compare.empty() && (format == "csv" || format == "json")) {
    return ctx.fail(
        argument_error(
            "--compare",
            fmt::format("--compare dùng với xlsx, html, docx hoặc pdf, không với {}", format),
            fmt::format("--compare works with xlsx, html, docx or pdf, not {}", format)),
        exit_usage);
  }
  if (!document && (args.with_charts || !args.charts.empty() || args.with_summary ||
                    !args.attached_to.empty() || !args.date.empty() || !args.issuer.empty())) {
    return ctx.fail(
        argument_error(
            "--format",
            fmt::format("--chart, --with-charts, --with-summary, --attached-to, --date và --issuer "
                        "dùng với docx hoặc pdf, không với {} (báo cáo html luôn có phần tóm tắt)",
                        format),
            fmt::format(
                "--chart, --with-charts, --with-summary, --attached-to, --date and --issuer "
                "work with docx or pdf, not {} (the html report always has the summary)",
                format)),
        exit_usage);
  }
  if (!args.delimiter.empty() && args.delimiter != "," && format != "csv") {
    return ctx.fail(
        argument_error("--delimiter", fmt::format("--delimiter dùng với csv, không với {}", format),
                       fmt::format("--delimiter works with csv, not {}", format)),
        exit_usage);
  }
  report::AppendixOptions appendix;
  appendix.lang = ctx.lang();
  appendix.variant = args.variant == "review" ? report::Variant::review : report::Variant::publish;
  appendix.attached_to = args.attached_to;
  appendix.date = args.date;
  appendix.issuer = args.issuer;
  appendix.with_summary = args.with_summary;
  appendix.charts = args.charts;
  appendix.with_charts = args.with_charts;
  if (document) {
    // An impossible --date (2025-02-30), or a date or issuer for a plan whose
    // appendix is attached to nothing, is a wrong argument, found before
    // anything is read.
    if (Result<void> line = report::check_attached_line(**plan, appendix); !line) {
      const Error& error = line.error();
      return ctx.fail(argument_error(error.field.empty() ? "--date" : error.field, error.message,
                                     error.text(true)),
                      exit_usage);
    }
    if (Result<void> charts = report::check_chart_codes(**plan, appendix); !charts) {
      return ctx.fail(argument_error("--chart", charts.error().message, charts.error().text(true)),
                      exit_usage);
    }
  }
  auto period = ctx.period(args.period);
  if (!period) return ctx.fail(period.error(), exit_usage);
  std::string compare;
  if (!args.compare.empty()) {
    Result<std::string> typed = ctx.period(args.compare);
    if (!typed) {
      Error error = typed.error();
      error.field = "--compare";
      return ctx.fail(error, exit_usage);
    }
    compare = *typed;
  }
  auto store = ctx.existing_store();
  if (!store) return ctx.fail(store.error(), exit_usage);
  if (!compare.empty() && period_sort_key(compare) >= period_sort_key(*period)) {
    Error later =
        argument_error("--compare",
                       fmt::format("--compare {} ({}) phải là một kỳ trước {} ({})", compare,
                                   period_text_vi(compare), *period, period_text_vi(*period)),
                       fmt::format("--compare {} ({}) must be a period before {} ({})", compare,
                                   period_text_en(compare), *period, period_text_en(*period)));
    return ctx.fail(stored_periods_error(ctx, **store, later), exit_usage);
  }
  auto file = OutputFile::open(ctx, args.output, format);
  if (!file) return ctx.fail(file.error(), exit_usage);
  const std::string& path = file->path();

  // The review variant shows what the units typed; everything published
  // shows shares computed from the counts (service::load_published_table).
  const bool review = args.variant == "review";
  auto loaded_table = load(ctx, **store, **plan, *period, review);
  if (!loaded_table) return ctx.fail(loaded_table.error(), exit_usage);
  std::optional<CheckedTable> table = std::move(loaded_table).value();
  std::optional<CheckedTable> previous;
  if (!compare.empty()) {
    auto loaded = load(ctx, **store, **plan, compare, review);
    if (!loaded) {
      Error error = loaded.error();
      error.field = "--compare";
      return ctx.fail(error, exit_usage);
    }
    previous = std::move(loaded).value();
  }

  report::ReportOptions options;
  options.lang = ctx.lang();
  options.csv_delimiter = args.delimiter.empty() ? ',' : args.delimiter[0];
  if (previous && (format == "html" || format == "xlsx")) {
    // --compare: the comparison section/sheet and the trend of the city-wide
    // figure over the stored periods of this one's kind, up to this one.
    options.previous = &*previous;
    if (auto trend = service::trend_of_kind(**plan, **store, options.trend_indicator,
                                            period_kind(table->period))) {
      for (const service::TrendPoint& point : trend->points) {
        options.trend_points.push_back({point.period, point.value});
        if (point.period == table->period) break;
      }
    }
  }
  Result<void> written;
  if (format == "xlsx") {
    written = report::write_xlsx(**plan, *table, options, path);
  } else if (format == "html") {
    written = report::write_html(**plan, *table, options, path);
  } else if (format == "csv") {
    written = report::write_csv(**plan, *table, options, path);
  } else if (format == "json") {
    std::FILE* out = std::fopen(path.c_str(), "wb");
    if (!out) {
      written = make_error(ErrorKind::bad_input, fmt::format("{}: không ghi được tệp", args.output),
                           fmt::format("{}: cannot write the file", args.output));
    } else {
      std::string json = report::to_json(**plan, *table);
      bool ok = std::fwrite(json.data(), 1, json.size(), out) == json.size();
      ok = std::fclose(out) == 0 && ok;
      if (!ok) {
        written = make_error(ErrorKind::bad_input,
                             fmt::format("{}: ghi không được (đĩa đầy?)", args.output),
                             fmt::format("{}: writing failed (disk full?)", args.output));
      }
    }
  } else {
    if (args.with_summary) {
      appendix.summary_text = written_summary(
          **plan, *table, ctx.lang());
    }
    if (previous) appendix.previous = &*previous;
    written = format == "docx" ? report::write_docx(**plan, *table, appendix, path)
                               : report::write_pdf(**plan, *table, appendix, path);
  }
  if (written) written = file->finish();
  if (!written) return ctx.fail(written.error(), exit_unreadable);
  file->say_written(ctx);
  return exit_ok;
}

}  // namespace chiso::cli
