// The trend chart's layout: the city-wide figure of one indicator over
// periods, or one unit's, as a line with points, a target line when there is
// one. A unit's line that goes on over its successors after the unit ended
// changes colour there, under a dashed mark naming the first such period.
#include <algorithm>
#include <cmath>
#include <optional>
#include <utility>
#include <string>
#include <vector>

#include "common/number.h"
#include "consolidate/analysis.h"
#include "report/chart.h"
#include "report/table_model.h"

namespace chiso::report {
namespace {

constexpr double kMargin = 14;
constexpr double kTickSize = 8.5;
constexpr const char* kLineColour = "#2f6ea5";
constexpr const char* kSuccessorColour = "#b9770e";
constexpr const char* kTargetColour = "#1e8449";
constexpr const char* kGridColour = "#d5d8dc";
constexpr const char* kMutedColour = "#5d6d7e";

}  // namespace

Result<ChartScene> layout_trend_chart(const Plan& plan, std::string_view indicator_code,
                                      const std::vector<TrendPointView>& points,
                                      const ChartOptions& options) {
  if (Result<void> size = detail::check_size(options); !size) return size.error();
  const bool en = options.lang == Lang::en;
  const Indicator* indicator = nullptr;
  for (const Indicator& each : plan.indicators) {
    if (each.code == indicator_code) indicator = &each;
  }
  if (!indicator) {
    return make_error("Không có chỉ tiêu '" + std::string(indicator_code) +
                      "' trong kế hoạch / the plan has no indicator '" +
                      std::string(indicator_code) + "'");
  }
  const bool percent = indicator->kind == IndicatorKind::percent;
  auto fmt = [&](double value) {
    return number::format(value, indicator->decimals, options.lang);
  };
  std::optional<double> target = options.target;
  std::string target_op = ">=";
  if (!target && options.target_from_plan) {
    for (const Target& each : plan.targets) {
      if (each.indicator == indicator->code && each.unit_kind.empty()) {
        target = each.bound;
        target_op = each.op;
        break;
      }
    }
  }

  ChartScene scene;
  scene.width_pt = options.width_pt;
  scene.height_pt = options.height_pt > 0 ? options.height_pt
                                          : std::max(260.0, options.width_pt * 0.5);
  const std::string& label = en && !indicator->label_en.empty() ? indicator->label_en
                                                                : indicator->label_vi;
  const bool unit_line = !options.line_unit.empty();
  scene.title = label + " — " + (unit_line ? options.line_unit : city_wide_phrase(plan, options.lang));
  std::string subtitle = options.subtitle;
  if (subtitle.empty()) {
    if (unit_line) {
      subtitle = (en ? "Figure of " : "Số liệu của ") + options.line_unit;
    } else {
      subtitle = en ? city_wide_label(plan, options.lang) + " figure"
                    : "Số liệu " + city_wide_phrase(plan, options.lang);
    }
    if (!points.empty()) {
      subtitle += (en ? ", periods " : ", các kỳ ") +
                  period_words(points.front().period, options.lang) + " – " +
                  period_words(points.back().period, options.lang);
    }
  }
  std::vector<std::pair<ChartShape, std::string>> legend;
  // The first point of the successors' figure, if any (0: none, or from the start).
  size_t successors_from = 0;
  for (size_t point_idx = 0; point_idx < points.size() && successors_from == 0; ++point_idx) {
    if (points[point_idx].of_successors) successors_from = point_idx == 0 ? points.size() : point_idx;
  }
  if (successors_from == points.size()) successors_from = 0;
  const bool any_successors =
      std::any_of(points.begin(), points.end(), [](const TrendPointView& point) { return point.of_successors; });
  if (any_successors) {
    legend.push_back({ChartLine{0, 0, 0, 0, kLineColour, 1.8, false}, options.line_unit});
    legend.push_back({ChartLine{0, 0, 0, 0, kSuccessorColour, 1.8, false},
                      en ? "Its successors' figure" : "Số liệu các đơn vị kế nhiệm"});
  }
  if (target) {
    std::string op = target_op == ">=" ? "≥" : target_op == "<=" ? "≤" : target_op;
    legend.push_back({ChartLine{0, 0, 0, 0, kTargetColour, 1.6, true},
                      (en ? "Target: " : "Mục tiêu: ") + op + " " + fmt(*target) +
                          (percent ? "%" : "")});
  }
  double y = detail::place_heading(scene, label, subtitle, legend);

  double data_max = 0;
  for (const TrendPointView& point : points) {
    if (point.value) data_max = std::max(data_max, *point.value);
  }
  if (target) data_max = std::max(data_max, *target);
  const detail::Axis axis = detail::nice_axis(data_max, percent);
  double tick_width = 0;
  for (double tick = 0; tick <= axis.max * (1 + 1e-9); tick += axis.step) {
    tick_width = std::max(tick_width, detail::text_width_pt(fmt(tick), kTickSize));
  }
  const double x0 = kMargin + tick_width + 6;
  const double x1 = scene.width_pt - kMargin - 6;
  const double plot_top = y + 16;
  const double plot_bottom = scene.height_pt - kMargin - 16;
  auto y_of = [&](double value) {
    double clamped = std::clamp(value, 0.0, axis.max);
    return plot_bottom - (plot_bottom - plot_top) * clamped / axis.max;
  };
  for (double tick = 0; tick <= axis.max * (1 + 1e-9); tick += axis.step) {
    double tick_y = y_of(tick);
    scene.shapes.push_back(ChartLine{x0, tick_y, x1, tick_y, kGridColour, 0.6, false});
    scene.shapes.push_back(ChartText{x0 - 4, tick_y + 3, fmt(tick), kTickSize, false, false,
                                     TextAnchor::end, kMutedColour});
  }
  scene.shapes.push_back(ChartLine{x0, plot_bottom, x1, plot_bottom, "#000000", 0.8, false});
  if (points.empty()) {
    scene.shapes.push_back(ChartText{(x0 + x1) / 2, (plot_top + plot_bottom) / 2,
                                     en ? "No stored period yet." : "Chưa có kỳ nào được lưu.",
                                     9, false, true, TextAnchor::middle});
    return scene;
  }
  const double step = (x1 - x0) / static_cast<double>(points.size());
  auto x_of = [&](size_t point_idx) { return x0 + step * (static_cast<double>(point_idx) + 0.5); };
  if (target) {
    scene.shapes.push_back(
        ChartLine{x0, y_of(*target), x1, y_of(*target), kTargetColour, 1.4, true});
  }
  // Period labels: every k-th so that they do not overlap.
  double label_width = 0;
  for (const TrendPointView& point : points) {
    label_width = std::max(
        label_width, detail::text_width_pt(period_words(point.period, options.lang), kTickSize));
  }
  size_t label_every = std::max<size_t>(1, static_cast<size_t>(std::ceil((label_width + 6) / step)));
  for (size_t point_idx = 0; point_idx < points.size(); point_idx += label_every) {
    scene.shapes.push_back(ChartText{x_of(point_idx), plot_bottom + 12,
                                     period_words(points[point_idx].period, options.lang),
                                     kTickSize, false, false, TextAnchor::middle});
  }
  // Where a unit's line goes on over its successors: a dashed mark between
  // the two periods, naming the first of the successors'.
  if (successors_from > 0) {
    const double mark_x = x0 + step * static_cast<double>(successors_from);
    scene.shapes.push_back(ChartLine{mark_x, plot_top, mark_x, plot_bottom, kMutedColour, 0.8, true});
    scene.shapes.push_back(ChartText{mark_x + 3, plot_top + 8,
                                     (en ? "From " : "Từ ") + period_words(points[successors_from].period, options.lang) +
                                         (en ? ": successors" : ": đơn vị kế nhiệm"),
                                     kTickSize, false, true, TextAnchor::start, kMutedColour});
  }
  // The line, broken where a period has no figure; the successors' part in
  // its own colour, joined to the unit's last point.
  ChartPolyline run{{}, kLineColour, 1.8};
  auto flush = [&] {
    if (run.points.size() >= 2) scene.shapes.push_back(run);
    run.points.clear();
  };
  for (size_t point_idx = 0; point_idx < points.size(); ++point_idx) {
    if (!points[point_idx].value) {
      flush();
      continue;
    }
    const std::string& colour = points[point_idx].of_successors ? kSuccessorColour : kLineColour;
    if (run.stroke != colour) {
      std::optional<std::pair<double, double>> joined;
      if (!run.points.empty()) joined = run.points.back();
      flush();
      run.stroke = colour;
      if (joined) run.points.push_back(*joined);
    }
    run.points.push_back({x_of(point_idx), y_of(*points[point_idx].value)});
  }
  flush();
  const bool label_all = points.size() <= 16;
  const double point_radius = std::clamp(step * 0.2, 1.0, 2.8);  // dots stay apart
  for (size_t point_idx = 0; point_idx < points.size(); ++point_idx) {
    if (!points[point_idx].value) continue;
    double point_y = y_of(*points[point_idx].value);
    scene.shapes.push_back(ChartCircle{x_of(point_idx), point_y, point_radius,
                                       points[point_idx].of_successors ? kSuccessorColour : kLineColour});
    if (label_all || point_idx + 1 == points.size()) {
      scene.shapes.push_back(ChartText{x_of(point_idx), point_y - 6,
                                       fmt(*points[point_idx].value), kTickSize, false, false,
                                       TextAnchor::middle});
    }
  }
  return scene;
}

}  // namespace chiso::report
