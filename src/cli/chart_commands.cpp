// The commands that draw charts: `chart` (one indicator by unit for a stored
// period) and `trend -o` (the city-wide figure over the stored periods).
// They are part of chiso-publish, which links cairo and pango.
#include <fmt/core.h>

#include "cli/commands.h"
#include "consolidate/published_values.h"
#include "report/chart.h"
#include "service/period_table.h"

namespace chiso::cli {

int run_chart(Context& ctx, const ChartArgs& args) {
  if (auto found = ctx.indicator(args.indicator); !found) {
    return fail(exit_usage, found.error().message);
  }
  auto plan = ctx.plan();  // loaded by ctx.indicator()
  auto store = ctx.store();
  if (!store) return fail(exit_usage, store.error().message);
  auto period = ctx.period(args.period);
  if (!period) return fail(exit_usage, period.error().message);
  auto table = service::load_period_table(**plan, **store, *period);
  if (!table) return fail(exit_usage, table.error().message);
  report::ChartOptions options;
  options.lang = ctx.lang();
  options.target = args.target;
  auto written = report::write_bar_chart(**plan, with_published_values(**plan, *table),
                                         args.indicator, options, args.output);
  if (!written) return fail(exit_unreadable, written.error().message);
  fmt::print("{}", ctx.tr("Đã ghi {}\n", "Wrote {}\n", args.output));
  return exit_ok;
}

int run_trend_chart(Context& ctx, const std::string& indicator, const std::string& output) {
  if (auto found = ctx.indicator(indicator); !found) return fail(exit_usage, found.error().message);
  auto plan = ctx.plan();  // loaded by ctx.indicator()
  auto store = ctx.store();
  if (!store) return fail(exit_usage, store.error().message);
  auto points = service::trend(**plan, **store, indicator);
  if (!points) return fail(exit_usage, points.error().message);
  std::vector<report::TrendPointView> view;
  for (const auto& point : *points) view.push_back({point.period, point.value});
  report::ChartOptions options;
  options.lang = ctx.lang();
  auto written = report::write_trend_chart(**plan, indicator, view, options, output);
  if (!written) return fail(exit_unreadable, written.error().message);
  fmt::print("{}", ctx.tr("Đã ghi {}\n", "Wrote {}\n", output));
  return exit_ok;
}

}  // namespace chiso::cli
