// Charts for reports: sorted bars by unit for one indicator of one period
// (city-wide line, target line), and the trend of a city-wide figure across
// periods. Vietnamese labels and decimal comma; readable at A4 size.
//
// One layout, two back ends. A chart is computed once as a ChartScene — a
// list of rectangles, lines, polylines, circles and texts positioned in
// points — by layout_bar_chart()/layout_trend_chart() (chart_layout.cpp,
// chart_trend.cpp). The scene is then drawn either as SVG text
// (chart_svg.cpp, for HTML pages) or through cairo + pango (chart_cairo.cpp,
// PNG and PDF; the DOCX/PDF appendix may draw a scene on its own cairo
// context with draw_scene()). Fonts: "Times New Roman", falling back to the
// metric-compatible "Liberation Serif"; text widths for the layout are
// measured with pango using the same fonts.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "common/model.h"
#include "common/result.h"
#include "plan/plan.h"
#include "report/report.h"

typedef struct _cairo cairo_t;

namespace chiso::report {

struct ChartOptions {
  Lang lang = Lang::vi;
  double width_pt = 700;   // A4 landscape between 30 mm and 15 mm margins is ~714 pt
  double height_pt = 0;    // 0 = from the number of bars / a 16:9-ish trend
  // Drawn as a line when set. When not set and `target_from_plan`, the
  // plan's target for the indicator that applies to all units is used.
  std::optional<double> target;
  bool target_from_plan = true;
  std::string subtitle;    // e.g. "Kỳ báo cáo 2024-Q4"; "" = from table.period
  // The trend chart of one unit's line (chiso trend --unit): its name, in the
  // title instead of the city-wide phrase; "" = the city-wide line.
  std::string line_unit;
  double png_dpi = 150;    // PNG resolution; 150 dpi keeps 9 pt text sharp on A4
};

struct TrendPointView {
  std::string period;
  std::optional<double> value;
  // A unit's line after the unit ended: its successors' figure
  // (consolidate/unit_trend.h), drawn in its own colour after a mark.
  bool of_successors = false;
};

// ---- The scene: what both back ends draw. Coordinates in pt, origin top
// left, y down. Colours are "#rrggbb".
struct ChartRect {
  double x = 0, y = 0, width = 0, height = 0;
  std::string fill;
};
struct ChartLine {
  double x1 = 0, y1 = 0, x2 = 0, y2 = 0;
  std::string stroke;
  double width_pt = 1;
  bool dashed = false;
};
struct ChartPolyline {
  std::vector<std::pair<double, double>> points;
  std::string stroke;
  double width_pt = 1.5;
};
struct ChartCircle {
  double cx = 0, cy = 0, r = 0;
  std::string fill;
};
enum class TextAnchor { start, middle, end };
struct ChartText {
  double x = 0, y = 0;  // y is the baseline
  std::string text;     // UTF-8 (NFC); escaped by the SVG back end
  double size_pt = 9;
  bool bold = false;
  bool italic = false;
  TextAnchor anchor = TextAnchor::start;
  std::string fill = "#000000";
};
using ChartShape = std::variant<ChartRect, ChartLine, ChartPolyline, ChartCircle, ChartText>;

struct ChartScene {
  double width_pt = 0;
  double height_pt = 0;
  std::string title;       // also the SVG <title>
  std::vector<ChartShape> shapes;  // in drawing order
};

// Computes the bar chart of `indicator_code`: one bar per unit row of the
// table's period (label: the unit's short name, else its name, else the raw
// name), sorted by value descending (ties in the table's order); units whose
// cell is blank or not a number are listed apart at the bottom ("không báo
// cáo" / the raw text); the city-wide figure (table.summary) as a line; the
// target as a line; axis 0–100 for percents. Bar values are the values as
// typed (what the table shows); a percent over 100 is drawn to 100 and
// labelled with its real value.
// Error when the code is not an indicator of the plan or is a mark.
Result<ChartScene> layout_bar_chart(const Plan& plan, const CheckedTable& table,
                                    std::string_view indicator_code,
                                    const ChartOptions& options);
// The city-wide figure of `indicator_code` over periods, in the given order;
// a missing value breaks the line. Error as for layout_bar_chart.
Result<ChartScene> layout_trend_chart(const Plan& plan, std::string_view indicator_code,
                                      const std::vector<TrendPointView>& points,
                                      const ChartOptions& options);

// A self-contained SVG document (width/height in pt, escaped text).
std::string scene_to_svg(const ChartScene& scene);
// Draws the scene on `cr` with its origin at the current user-space origin,
// 1 unit = 1 pt. The caller owns `cr`.
void draw_scene(const ChartScene& scene, cairo_t* cr);

// The SVG of layout_bar_chart; when the layout fails, a small SVG that states
// the error (so an HTML page still renders). Never throws.
std::string bar_chart_svg(const Plan& plan, const CheckedTable& table,
                          std::string_view indicator_code, const ChartOptions& options);
std::string trend_chart_svg(const Plan& plan, std::string_view indicator_code,
                            const std::vector<TrendPointView>& points,
                            const ChartOptions& options);

// Writes the scene as SVG, PNG or PDF by the path's extension (.svg, .png,
// .pdf, any case). PNG is width_pt·png_dpi/72 pixels wide, white background.
// Errors: unknown extension, file cannot be written.
Result<void> write_scene(const ChartScene& scene, const ChartOptions& options,
                         const std::string& path);
// `chiso chart --period P --indicator CODE -o FILE.svg|png|pdf`.
Result<void> write_bar_chart(const Plan& plan, const CheckedTable& table,
                             std::string_view indicator_code, const ChartOptions& options,
                             const std::string& path);
// The trend chart (the CLI converts store TrendPoint → TrendPointView).
Result<void> write_trend_chart(const Plan& plan, std::string_view indicator_code,
                               const std::vector<TrendPointView>& points,
                               const ChartOptions& options, const std::string& path);

// Pixel size of the PNG write_scene makes for `scene` (for tests and callers).
std::pair<int, int> png_size_px(const ChartScene& scene, const ChartOptions& options);

// Shared by the chart_*.cpp files only.
namespace detail {
inline constexpr const char* kFontFamilies = "Times New Roman, Liberation Serif, serif";
// Width of `text` set in kFontFamilies at `size_pt`, measured with pango.
double text_width_pt(std::string_view text, double size_pt, bool bold = false);
// `text` cut at a word or character and ended with "…" to fit `width_pt`.
std::string fit_text(std::string_view text, double size_pt, bool bold, double width_pt);
// Lines of at most `width_pt`, broken between words.
std::vector<std::string> wrap_text(std::string_view text, double size_pt, bool bold,
                                   double width_pt);
// The axis from 0: its top and the step between ticks (5 intervals).
struct Axis {
  double max = 1;
  double step = 0.2;
};
Axis nice_axis(double data_max, bool percent);
// Error unless 200 ≤ width_pt ≤ 5000 and height_pt is 0 or in 100–20000.
Result<void> check_size(const ChartOptions& options);
// Places the title (bold, up to two lines), the subtitle and a legend row
// (each entry: a ChartRect swatch — empty fill for none — or a ChartLine
// sample, and its text) at the top of `scene`. Returns the y below them.
double place_heading(ChartScene& scene, const std::string& title, const std::string& subtitle,
                     const std::vector<std::pair<ChartShape, std::string>>& legend);
}  // namespace detail

}  // namespace chiso::report
