// The commands that draw charts: `chart` (one indicator by unit for a stored
// period) and `trend -o` (the city-wide figure over the stored periods of
// one kind). They are part of chiso-publish, which links cairo and pango.
#include <fmt/core.h>

#include "cli/commands.h"
#include "cli/output_file.h"
#include "plan/period.h"
#include "report/chart.h"
#include "service/period_table.h"

namespace chiso::cli {
namespace {

// A mark (yes/no) has no figure to draw: refused as an argument.
Result<const Indicator*> chartable_indicator(Context& ctx, const std::string& code) {
  auto found = ctx.indicator(code);
  if (!found || (*found)->kind != IndicatorKind::mark) return found;
  return argument_error(
      "--indicator",
      fmt::format("chỉ tiêu {} là dấu có/không, không vẽ được biểu đồ; chọn một chỉ tiêu "
                  "có số (chiso indicators)",
                  code),
      fmt::format("indicator {} is a yes/no mark and cannot be charted; choose one with a "
                  "figure (chiso indicators)",
                  code));
}

// Writes with `write` into the file or standard output `output` names.
template <class Write>
int write_chart(Context& ctx, const std::string& output, const std::string& format, Write write) {
  auto chosen = output_format(ctx, output, format, {"svg", "png", "pdf"});
  if (!chosen) return ctx.fail(chosen.error(), exit_usage);
  auto file = OutputFile::open(ctx, output, *chosen);
  if (!file) return ctx.fail(file.error(), exit_usage);
  Result<void> written = write(file->path());
  if (written) written = file->finish();
  if (!written) return ctx.fail(written.error(), exit_unreadable);
  file->say_written(ctx);
  return exit_ok;
}

}  // namespace

int run_chart(Context& ctx, const ChartArgs& args) {
  if (auto found = chartable_indicator(ctx, args.indicator); !found)
    return ctx.fail(found.error(), exit_usage);
  auto plan = ctx.plan();  // loaded by ctx.indicator()
  auto period = ctx.period(args.period);
  if (!period) return ctx.fail(period.error(), exit_usage);
  auto chosen = output_format(ctx, args.output, args.format, {"svg", "png", "pdf"});
  if (!chosen) return ctx.fail(chosen.error(), exit_usage);
  auto store = ctx.existing_store();
  if (!store) return ctx.fail(store.error(), exit_usage);
  // Drawn from the published values: shares from the counts.
  auto published = service::load_published_table(**plan, **store, *period, /*review=*/false);
  if (!published) return ctx.fail(published.error(), exit_usage);
  report::ChartOptions options;
  options.lang = ctx.lang();
  options.target = args.target;
  return write_chart(ctx, args.output, *chosen, [&](const std::string& path) {
    return report::write_bar_chart(**plan, *published, args.indicator, options, path);
  });
}

int run_trend_chart(Context& ctx, const TrendArgs& args) {
  if (auto found = chartable_indicator(ctx, args.indicator); !found)
    return ctx.fail(found.error(), exit_usage);
  auto plan = ctx.plan();  // loaded by ctx.indicator()
  // --format text|json is what the trend prints without -o.
  const bool chart_format = args.format == "svg" || args.format == "png" || args.format == "pdf";
  if (!args.format.empty() && !chart_format) {
    return ctx.fail(
        argument_error(
            "--format",
            fmt::format("-o vẽ biểu đồ svg|png|pdf; --format {} là để in ra, không có -o",
                        args.format),
            fmt::format("-o draws an svg|png|pdf chart; --format {} prints, without -o",
                        args.format)),
        exit_usage);
  }
  auto chosen = output_format(ctx, args.output, args.format, {"svg", "png", "pdf"});
  if (!chosen) return ctx.fail(chosen.error(), exit_usage);
  auto store = ctx.existing_store();
  if (!store) return ctx.fail(store.error(), exit_usage);
  std::vector<report::TrendPointView> view;
  report::ChartOptions options;
  options.lang = ctx.lang();
  if (args.unit.empty()) {
    auto trend = load_trend(ctx, **store, args);
    if (!trend) return ctx.fail(trend.error(), exit_usage);
    for (const auto& point : trend->points) view.push_back({point.period, point.value});
  } else {
    // The unit's line, over its successors after it ended.
    auto lines = load_unit_trend(ctx, **store, args);
    if (!lines) return ctx.fail(lines.error(), exit_usage);
    for (const UnitTrendPoint& point : lines->unit.points)
      view.push_back({point.period, point.value, point.of_successors});
    options.line_unit = lines->unit.unit;
  }
  return write_chart(ctx, args.output, *chosen, [&](const std::string& path) {
    return report::write_trend_chart(**plan, args.indicator, view, options, path);
  });
}

}  // namespace chiso::cli
