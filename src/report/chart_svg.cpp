// The SVG back end: a ChartScene as a self-contained SVG document, sized in
// points so it prints at the size the layout was made for.
#include <fmt/format.h>

#include <string>

#include "common/text.h"
#include "report/chart.h"

namespace chiso::report {
namespace {

std::string num(double value) { return fmt::format("{:.2f}", value); }

const char* anchor_name(TextAnchor anchor) {
  switch (anchor) {
    case TextAnchor::start: return "start";
    case TextAnchor::middle: return "middle";
    case TextAnchor::end: return "end";
  }
  return "start";
}

struct SvgWriter {
  std::string& out;
  void operator()(const ChartRect& rect) const {
    out += "<rect x=\"" + num(rect.x) + "\" y=\"" + num(rect.y) + "\" width=\"" +
           num(rect.width) + "\" height=\"" + num(rect.height) + "\" fill=\"" +
           chiso::text::escape_markup(rect.fill) + "\"/>\n";
  }
  void operator()(const ChartLine& line) const {
    out += "<line x1=\"" + num(line.x1) + "\" y1=\"" + num(line.y1) + "\" x2=\"" +
           num(line.x2) + "\" y2=\"" + num(line.y2) + "\" stroke=\"" + chiso::text::escape_markup(line.stroke) +
           "\" stroke-width=\"" + num(line.width_pt) + "\"" +
           (line.dashed ? " stroke-dasharray=\"4 3\"" : "") + "/>\n";
  }
  void operator()(const ChartPolyline& line) const {
    out += "<polyline fill=\"none\" stroke=\"" + chiso::text::escape_markup(line.stroke) + "\" stroke-width=\"" +
           num(line.width_pt) + "\" stroke-linejoin=\"round\" points=\"";
    for (size_t point_idx = 0; point_idx < line.points.size(); ++point_idx) {
      if (point_idx > 0) out += ' ';
      out += num(line.points[point_idx].first) + "," + num(line.points[point_idx].second);
    }
    out += "\"/>\n";
  }
  void operator()(const ChartCircle& circle) const {
    out += "<circle cx=\"" + num(circle.cx) + "\" cy=\"" + num(circle.cy) + "\" r=\"" +
           num(circle.r) + "\" fill=\"" + chiso::text::escape_markup(circle.fill) + "\"/>\n";
  }
  void operator()(const ChartText& text) const {
    out += "<text x=\"" + num(text.x) + "\" y=\"" + num(text.y) + "\" font-size=\"" +
           num(text.size_pt) + "\"";
    if (text.anchor != TextAnchor::start) {
      out += std::string(" text-anchor=\"") + anchor_name(text.anchor) + "\"";
    }
    if (text.bold) out += " font-weight=\"bold\"";
    if (text.italic) out += " font-style=\"italic\"";
    if (text.fill != "#000000") out += " fill=\"" + chiso::text::escape_markup(text.fill) + "\"";
    out += ">" + chiso::text::escape_markup(text.text) + "</text>\n";
  }
};

std::string error_svg(const std::string& message, const ChartOptions& options) {
  ChartScene scene;
  scene.width_pt = options.width_pt;
  scene.height_pt = 40;
  scene.title = message;
  scene.shapes.push_back(ChartText{14, 24, message, 10, false, true, TextAnchor::start,
                                   "#c0392b"});
  return scene_to_svg(scene);
}

}  // namespace

std::string scene_to_svg(const ChartScene& scene) {
  std::string out;
  out.reserve(256 + scene.shapes.size() * 96);
  out += "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" + num(scene.width_pt) +
         "pt\" height=\"" + num(scene.height_pt) + "pt\" viewBox=\"0 0 " + num(scene.width_pt) +
         " " + num(scene.height_pt) + "\" role=\"img\" font-family=\"" +
         chiso::text::escape_markup(detail::kFontFamilies) + "\">\n";
  out += "<title>" + chiso::text::escape_markup(scene.title) + "</title>\n";
  out += "<rect x=\"0\" y=\"0\" width=\"" + num(scene.width_pt) + "\" height=\"" +
         num(scene.height_pt) + "\" fill=\"#ffffff\"/>\n";
  SvgWriter writer{out};
  for (const ChartShape& shape : scene.shapes) std::visit(writer, shape);
  out += "</svg>\n";
  return out;
}

std::string bar_chart_svg(const Plan& plan, const CheckedTable& table,
                          std::string_view indicator_code, const ChartOptions& options) {
  Result<ChartScene> scene = layout_bar_chart(plan, table, indicator_code, options);
  if (!scene) return error_svg(scene.error().message, options);
  return scene_to_svg(*scene);
}

std::string trend_chart_svg(const Plan& plan, std::string_view indicator_code,
                            const std::vector<TrendPointView>& points,
                            const ChartOptions& options) {
  Result<ChartScene> scene = layout_trend_chart(plan, indicator_code, points, options);
  if (!scene) return error_svg(scene.error().message, options);
  return scene_to_svg(*scene);
}

}  // namespace chiso::report
