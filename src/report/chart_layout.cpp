// The bar chart's layout: one computation of every position, drawn later by
// the SVG and cairo back ends. Phases: pick and sort the rows, measure the
// labels, place title/legend, bars, axis, then the units listed apart.
#include <algorithm>
#include <string>
#include <vector>

#include "common/limits.h"
#include "common/number.h"
#include "consolidate/analysis.h"
#include "plan/unit_validity.h"
#include "consolidate/value_standing.h"
#include "report/chart.h"
#include "report/table_model.h"

namespace chiso::report {
namespace {

constexpr double kMargin = 14;
constexpr double kTitleSize = 13;
constexpr double kSubtitleSize = 9.5;
constexpr double kLabelSize = 9;
constexpr double kValueSize = 8.5;
constexpr double kRowHeight = 14;
constexpr double kBarHeight = 9.5;
constexpr const char* kBarColour = "#2f6ea5";
constexpr const char* kBelowTargetColour = "#e07b39";
constexpr const char* kCityColour = "#c0392b";
constexpr const char* kTargetColour = "#1e8449";
constexpr const char* kGridColour = "#d5d8dc";
constexpr const char* kStripeColour = "#f2f4f7";
constexpr const char* kMutedColour = "#5d6d7e";

int find_indicator(const Plan& plan, std::string_view code) {
  for (size_t idx = 0; idx < plan.indicators.size(); ++idx) {
    if (plan.indicators[idx].code == code) return static_cast<int>(idx);
  }
  return -1;
}

const UnitDef* find_unit(const Plan& plan, std::string_view name) {
  if (name.empty()) return nullptr;
  for (const UnitDef& unit : plan.units) {
    if (unit.name == name) return &unit;
  }
  return nullptr;
}

std::string op_symbol(std::string_view op) {
  if (op == ">=") return "≥";
  if (op == "<=") return "≤";
  if (op == "==") return "=";
  return std::string(op);
}

struct BarRow {
  std::string label;
  std::optional<double> value;
  std::string raw;  // for a cell that is text, not a number
  std::string note; // listed apart for a reason other than no value
  size_t order = 0;
};

}  // namespace

namespace detail {

// Title lines, subtitle and legend shared by both chart kinds. Returns the y
// below them.
double place_heading(ChartScene& scene, const std::string& title, const std::string& subtitle,
                     const std::vector<std::pair<ChartShape, std::string>>& legend) {
  double y = kMargin;
  double usable = scene.width_pt - 2 * kMargin;
  std::vector<std::string> lines = wrap_text(title, kTitleSize, true, usable);
  if (lines.size() > 2) lines.resize(2);
  for (const std::string& line : lines) {
    y += kTitleSize * 1.2;
    scene.shapes.push_back(ChartText{kMargin, y, line, kTitleSize, true, false});
  }
  if (!subtitle.empty()) {
    y += kSubtitleSize * 1.45;
    scene.shapes.push_back(ChartText{kMargin, y, fit_text(subtitle, kSubtitleSize, false, usable),
                                     kSubtitleSize, false, true, TextAnchor::start,
                                     kMutedColour});
  }
  if (!legend.empty()) {
    y += 15;
    double x = kMargin;
    for (const auto& [swatch, text] : legend) {
      if (const ChartRect* rect = std::get_if<ChartRect>(&swatch)) {
        if (rect->fill.empty()) {  // text only
          scene.shapes.push_back(ChartText{x, y, text, kLabelSize});
          x += text_width_pt(text, kLabelSize) + 16;
          continue;
        }
        scene.shapes.push_back(ChartRect{x, y - 7.5, 14, 8, rect->fill});
      } else if (const ChartLine* line = std::get_if<ChartLine>(&swatch)) {
        scene.shapes.push_back(
            ChartLine{x, y - 3.5, x + 14, y - 3.5, line->stroke, 1.6, line->dashed});
      }
      scene.shapes.push_back(ChartText{x + 18, y, text, kLabelSize});
      x += 18 + text_width_pt(text, kLabelSize) + 16;
    }
  }
  return y;
}

}  // namespace detail

Result<ChartScene> layout_bar_chart(const Plan& plan, const CheckedTable& table,
                                    std::string_view indicator_code,
                                    const ChartOptions& options) {
  if (Result<void> size = detail::check_size(options); !size) return size.error();
  const bool en = options.lang == Lang::en;
  int indicator_idx = find_indicator(plan, indicator_code);
  if (indicator_idx < 0) {
    return make_error("Không có chỉ tiêu '" + std::string(indicator_code) +
                      "' trong kế hoạch / the plan has no indicator '" +
                      std::string(indicator_code) + "'");
  }
  const Indicator& indicator = plan.indicators[indicator_idx];
  if (indicator.kind == IndicatorKind::mark) {
    return make_error("Chỉ tiêu '" + indicator.code +
                      "' là dấu x/0, không vẽ biểu đồ cột / indicator '" + indicator.code +
                      "' is a yes/no mark; bar charts need numbers");
  }
  const bool percent = indicator.kind == IndicatorKind::percent;
  auto fmt = [&](double value) {
    return number::format(value, indicator.decimals, options.lang);
  };
  auto fmt_unit = [&](double value) { return fmt(value) + (percent ? "%" : ""); };

  // Rows: reported (sorted) and listed apart: no value, a share of nothing
  // ("không áp dụng"), or a value under an error finding, which is never
  // drawn where its length would rank it (value_standing.h).
  const ValueStandings standings(plan, table.findings);
  std::vector<BarRow> bars, apart;
  for (const UnitRow* row : period_rows(table)) {
    BarRow bar;
    const UnitDef* unit = find_unit(plan, row->unit_name);
    // As the unit was named in the row's period.
    bar.label = unit && !unit->short_name.empty() ? unit_short_name_in(plan, *unit, row->period)
                                                  : shown_unit_name(plan, *row);
    bar.order = bars.size() + apart.size();
    const Value* value = static_cast<size_t>(indicator_idx) < row->values.size()
                             ? &row->values[indicator_idx]
                             : nullptr;
    const Standing standing = standings.of(*row, indicator_idx);
    if (standing == Standing::not_applicable) {
      bar.note = en ? "not applicable (nothing to take a share of)"
                    : "không áp dụng (không có số liệu để tính tỷ lệ)";
      apart.push_back(std::move(bar));
    } else if (standing == Standing::in_error) {
      bar.note = fmt_unit(value->number) +
                 (en ? " — the figures have errors, not ranked" : " — số liệu có lỗi, không xếp hạng");
      apart.push_back(std::move(bar));
    } else if (value && value->has_number()) {
      bar.value = value->number;
      bars.push_back(std::move(bar));
    } else {
      if (value && value->state == ValueState::text) bar.raw = value->raw;
      apart.push_back(std::move(bar));
    }
  }
  if (bars.size() + apart.size() > limits::chart_bars_max) {
    return make_error("Quá nhiều đơn vị cho một biểu đồ cột: " +
                      std::to_string(bars.size() + apart.size()) + ", tối đa " +
                      std::to_string(limits::chart_bars_max) + " / too many units for one bar chart: " +
                      std::to_string(bars.size() + apart.size()) + ", at most " +
                      std::to_string(limits::chart_bars_max));
  }
  std::stable_sort(bars.begin(), bars.end(),
                   [](const BarRow& a, const BarRow& b) { return *a.value > *b.value; });

  std::optional<double> city;
  if (static_cast<size_t>(indicator_idx) < table.summary.size() &&
      indicator.consolidation != Consolidation::sum &&
      indicator.consolidation != Consolidation::mark_count) {
    city = table.summary[indicator_idx].value;  // a sum is off the units' scale
  }
  std::optional<double> target = options.target;
  std::string target_op = ">=";
  if (!target && options.target_from_plan) {
    for (const Target& each : plan.targets) {
      if (each.indicator == indicator.code && each.unit_kind.empty()) {
        target = each.bound;
        target_op = each.op;
        break;
      }
    }
  }

  ChartScene scene;
  scene.width_pt = options.width_pt;
  const std::string& label = en && !indicator.label_en.empty() ? indicator.label_en
                                                               : indicator.label_vi;
  std::string period = table.period;
  if (period.empty()) {
    for (const UnitRow* row : period_rows(table)) {
      if (!row->period.empty()) {
        period = row->period;
        break;
      }
    }
  }
  period = period_words(period, options.lang);
  scene.title = period.empty() ? label : label + " — " + period;
  std::string subtitle = options.subtitle;
  if (subtitle.empty()) {
    std::string count = std::to_string(bars.size()) + "/" +
                        std::to_string(bars.size() + apart.size());
    subtitle = en ? (period.empty() ? "" : "Period " + period + " · ") + count +
                        " units with a value"
                  : (period.empty() ? "" : "Kỳ báo cáo " + period + " · ") + count +
                        " đơn vị có số liệu";
  }
  std::vector<std::pair<ChartShape, std::string>> legend;
  legend.push_back({ChartRect{0, 0, 0, 0, kBarColour},
                    target ? (en ? "Meets the target" : "Đạt mục tiêu")
                           : (en ? "Unit value" : "Số liệu của đơn vị")});
  if (target) {
    legend.push_back({ChartRect{0, 0, 0, 0, kBelowTargetColour},
                      en ? "Below the target" : "Chưa đạt mục tiêu"});
  }
  if (city) {
    legend.push_back({ChartLine{0, 0, 0, 0, kCityColour, 1.6, true},
                      city_wide_label(plan, options.lang) + ": " + fmt_unit(*city)});
  } else if (static_cast<size_t>(indicator_idx) < table.summary.size() &&
             table.summary[indicator_idx].value) {
    legend.push_back({ChartRect{0, 0, 0, 0, ""},
                      (en ? city_wide_label(plan, options.lang) + " total: "
                          : "Tổng " + city_wide_phrase(plan, options.lang) + ": ") +
                          fmt_unit(*table.summary[indicator_idx].value)});
  }
  if (target) {
    legend.push_back({ChartLine{0, 0, 0, 0, kTargetColour, 1.6, true},
                      (en ? "Target: " : "Mục tiêu: ") + op_symbol(target_op) + " " +
                          number::format_trimmed(*target, indicator.decimals,
                                       en ? Lang::en : Lang::vi) +
                          (percent ? "%" : "")});
  }
  double y = detail::place_heading(scene, label, subtitle, legend);

  // Columns: labels | bars | value labels.
  double label_width = 0;
  for (const auto* list : {&bars, &apart}) {
    for (const BarRow& bar : *list) {
      label_width = std::max(label_width, detail::text_width_pt(bar.label, kLabelSize));
    }
  }
  label_width = std::min(label_width, scene.width_pt * 0.36);
  double value_width = 24;
  for (const BarRow& bar : bars) {
    value_width = std::max(value_width, detail::text_width_pt(fmt(*bar.value), kValueSize));
  }
  const double label_right = kMargin + label_width;
  const double x0 = label_right + 8;
  const double x1 = scene.width_pt - kMargin - value_width - 6;

  double data_max = 0;
  for (const BarRow& bar : bars) data_max = std::max(data_max, *bar.value);
  if (city) data_max = std::max(data_max, *city);
  if (target) data_max = std::max(data_max, *target);
  const detail::Axis axis = detail::nice_axis(data_max, percent);
  auto x_of = [&](double value) {
    double clamped = std::clamp(value, 0.0, axis.max);
    return x0 + (x1 - x0) * clamped / axis.max;
  };

  const double plot_top = y + 10;
  const double plot_bottom = plot_top + kRowHeight * static_cast<double>(bars.size());
  for (size_t bar_idx = 0; bar_idx < bars.size(); ++bar_idx) {
    if (bar_idx % 2 == 1) {
      scene.shapes.push_back(ChartRect{kMargin, plot_top + kRowHeight * bar_idx,
                                       scene.width_pt - 2 * kMargin, kRowHeight, kStripeColour});
    }
  }
  if (!bars.empty()) {
    for (double tick = 0; tick <= axis.max * (1 + 1e-9); tick += axis.step) {
      double x = x_of(tick);
      scene.shapes.push_back(ChartLine{x, plot_top, x, plot_bottom, kGridColour, 0.6, false});
      // Ticks are round numbers: no ",00" after each.
      scene.shapes.push_back(ChartText{x, plot_bottom + 11,
                                       number::format_trimmed(tick, indicator.decimals,
                                                              en ? Lang::en : Lang::vi),
                                       kValueSize, false, false,
                                       TextAnchor::middle, kMutedColour});
    }
  }
  // Reference lines under the bars and value labels, so no label is crossed.
  if (!bars.empty() && city) {
    double x = x_of(*city);
    scene.shapes.push_back(ChartLine{x, plot_top - 4, x, plot_bottom, kCityColour, 1.4, true});
  }
  if (!bars.empty() && target) {
    double x = x_of(*target);
    scene.shapes.push_back(ChartLine{x, plot_top - 4, x, plot_bottom, kTargetColour, 1.4, true});
  }
  for (size_t bar_idx = 0; bar_idx < bars.size(); ++bar_idx) {
    const BarRow& bar = bars[bar_idx];
    double row_top = plot_top + kRowHeight * bar_idx;
    double baseline = row_top + kRowHeight / 2 + kLabelSize * 0.34;
    scene.shapes.push_back(ChartText{label_right, baseline,
                                     detail::fit_text(bar.label, kLabelSize, false, label_width),
                                     kLabelSize, false, false, TextAnchor::end});
    bool below = target && !target_holds(target_op, *bar.value, *target);
    double bar_end = x_of(*bar.value);
    if (bar_end > x0) {
      scene.shapes.push_back(ChartRect{x0, row_top + (kRowHeight - kBarHeight) / 2, bar_end - x0,
                                       kBarHeight, below ? kBelowTargetColour : kBarColour});
    }
    std::string value_text = fmt(*bar.value);
    scene.shapes.push_back(ChartRect{bar_end + 1.5, row_top + 2,
                                     detail::text_width_pt(value_text, kValueSize) + 3,
                                     kRowHeight - 4, bar_idx % 2 == 1 ? kStripeColour : "#ffffff"});
    scene.shapes.push_back(ChartText{bar_end + 3, baseline, value_text, kValueSize});
  }
  if (!bars.empty()) {
    scene.shapes.push_back(ChartLine{x0, plot_top, x0, plot_bottom, "#000000", 0.8, false});
    y = plot_bottom + 11;
  } else {
    y = plot_top + kRowHeight;
    scene.shapes.push_back(ChartText{kMargin, y,
                                     en ? "No unit has a value for this indicator."
                                        : "Chưa đơn vị nào có số liệu cho chỉ tiêu này.",
                                     kLabelSize, false, true});
  }

  // Units listed apart: no bar, never ranked last by accident.
  if (!apart.empty()) {
    y += 8;
    scene.shapes.push_back(
        ChartLine{kMargin, y, scene.width_pt - kMargin, y, kGridColour, 0.8, false});
    for (const BarRow& bar : apart) {
      double baseline = y + kRowHeight / 2 + kLabelSize * 0.34;
      scene.shapes.push_back(ChartText{label_right, baseline,
                                       detail::fit_text(bar.label, kLabelSize, false, label_width),
                                       kLabelSize, false, false, TextAnchor::end});
      std::string note =
          !bar.note.empty() ? bar.note
          : bar.raw.empty()
              ? std::string(en ? "not reported" : "không báo cáo")
              : "“" + bar.raw + "” — " + (en ? "not a number" : "không phải số");
      scene.shapes.push_back(ChartText{x0 + 3, baseline,
                                       detail::fit_text(note, kValueSize, false, x1 - x0),
                                       kValueSize, false, true, TextAnchor::start,
                                       kMutedColour});
      y += kRowHeight;
    }
  }
  scene.height_pt = options.height_pt > 0 ? std::max(options.height_pt, y + kMargin)
                                          : y + kMargin;
  return scene;
}

}  // namespace chiso::report
