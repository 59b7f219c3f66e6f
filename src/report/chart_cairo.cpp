// The cairo back end: a ChartScene drawn with cairo and pango (PNG, PDF, or
// any cairo context the caller owns), and the chart writers.
#include <cairo-pdf.h>
#include <cairo.h>
#include <pango/pangocairo.h>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <string>

#include "common/limits.h"
#include "report/chart.h"

namespace chiso::report {
namespace {

void set_colour(cairo_t* cr, const std::string& hex) {
  unsigned rgb = 0;
  if (hex.size() == 7 && hex[0] == '#') {
    rgb = static_cast<unsigned>(std::strtoul(hex.c_str() + 1, nullptr, 16));
  }
  cairo_set_source_rgb(cr, ((rgb >> 16) & 0xFF) / 255.0, ((rgb >> 8) & 0xFF) / 255.0,
                       (rgb & 0xFF) / 255.0);
}

struct CairoDrawer {
  cairo_t* cr;
  PangoLayout* layout;

  void operator()(const ChartRect& rect) const {
    set_colour(cr, rect.fill);
    cairo_rectangle(cr, rect.x, rect.y, rect.width, rect.height);
    cairo_fill(cr);
  }
  void operator()(const ChartLine& line) const {
    set_colour(cr, line.stroke);
    cairo_set_line_width(cr, line.width_pt);
    const double dashes[] = {4, 3};
    cairo_set_dash(cr, dashes, line.dashed ? 2 : 0, 0);
    cairo_move_to(cr, line.x1, line.y1);
    cairo_line_to(cr, line.x2, line.y2);
    cairo_stroke(cr);
    cairo_set_dash(cr, nullptr, 0, 0);
  }
  void operator()(const ChartPolyline& line) const {
    if (line.points.empty()) return;
    set_colour(cr, line.stroke);
    cairo_set_line_width(cr, line.width_pt);
    cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND);
    cairo_move_to(cr, line.points[0].first, line.points[0].second);
    for (const auto& [x, y] : line.points) cairo_line_to(cr, x, y);
    cairo_stroke(cr);
  }
  void operator()(const ChartCircle& circle) const {
    set_colour(cr, circle.fill);
    cairo_new_sub_path(cr);
    cairo_arc(cr, circle.cx, circle.cy, circle.r, 0, 2 * M_PI);
    cairo_fill(cr);
  }
  void operator()(const ChartText& text) const {
    PangoFontDescription* font = pango_font_description_from_string(detail::kFontFamilies);
    pango_font_description_set_size(font, static_cast<int>(text.size_pt * PANGO_SCALE));
    pango_font_description_set_weight(font, text.bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
    pango_font_description_set_style(font, text.italic ? PANGO_STYLE_ITALIC : PANGO_STYLE_NORMAL);
    pango_layout_set_font_description(layout, font);
    pango_font_description_free(font);
    pango_layout_set_text(layout, text.text.data(), static_cast<int>(text.text.size()));
    PangoRectangle logical;
    pango_layout_get_extents(layout, nullptr, &logical);
    double width = static_cast<double>(logical.width) / PANGO_SCALE;
    double baseline = static_cast<double>(pango_layout_get_baseline(layout)) / PANGO_SCALE;
    double x = text.x;
    if (text.anchor == TextAnchor::middle) x -= width / 2;
    if (text.anchor == TextAnchor::end) x -= width;
    set_colour(cr, text.fill);
    cairo_move_to(cr, x, text.y - baseline);
    pango_cairo_show_layout(cr, layout);
  }
};

std::string lower_extension(const std::string& path) {
  size_t slash = path.find_last_of('/');
  size_t dot = path.find_last_of('.');
  if (dot == std::string::npos || (slash != std::string::npos && dot < slash)) return "";
  std::string ext = path.substr(dot + 1);
  for (char& ch : ext) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  return ext;
}

Error write_error(const std::string& path, const std::string& reason) {
  return make_error("Không ghi được tệp biểu đồ '" + path + "': " + reason +
                    " / cannot write chart file '" + path + "': " + reason);
}

}  // namespace

void draw_scene(const ChartScene& scene, cairo_t* cr) {
  cairo_save(cr);
  PangoLayout* layout = pango_cairo_create_layout(cr);
  pango_cairo_context_set_resolution(pango_layout_get_context(layout), 72);
  pango_layout_context_changed(layout);
  cairo_set_source_rgb(cr, 1, 1, 1);
  cairo_rectangle(cr, 0, 0, scene.width_pt, scene.height_pt);
  cairo_fill(cr);
  CairoDrawer drawer{cr, layout};
  for (const ChartShape& shape : scene.shapes) std::visit(drawer, shape);
  g_object_unref(layout);
  cairo_restore(cr);
}

std::pair<int, int> png_size_px(const ChartScene& scene, const ChartOptions& options) {
  double scale = options.png_dpi / 72.0;
  return {static_cast<int>(std::ceil(scene.width_pt * scale)),
          static_cast<int>(std::ceil(scene.height_pt * scale))};
}

Result<void> write_scene(const ChartScene& scene, const ChartOptions& options,
                         const std::string& path) {
  std::string ext = lower_extension(path);
  if (ext == "svg") {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    if (!out) return write_error(path, "không mở được để ghi / cannot open for writing");
    out << scene_to_svg(scene);
    out.close();
    if (!out) return write_error(path, "lỗi khi ghi / write failed");
    return {};
  }
  if (ext == "png") {
    if (!(options.png_dpi > 0 && options.png_dpi <= 1200)) {
      return write_error(path, "png_dpi phải trong 1–1200 / png_dpi must be in 1–1200");
    }
    auto [width_px, height_px] = png_size_px(scene, options);
    if (width_px <= 0 || height_px <= 0 ||
        static_cast<std::uint64_t>(width_px) * static_cast<std::uint64_t>(height_px) >
            limits::chart_png_pixels_max) {
      return write_error(path, "ảnh quá lớn / image too large (" + std::to_string(width_px) +
                                   "×" + std::to_string(height_px) + " px)");
    }
    cairo_surface_t* surface =
        cairo_image_surface_create(CAIRO_FORMAT_ARGB32, width_px, height_px);
    cairo_t* cr = cairo_create(surface);
    cairo_scale(cr, options.png_dpi / 72.0, options.png_dpi / 72.0);
    draw_scene(scene, cr);
    cairo_destroy(cr);
    cairo_status_t status = cairo_surface_write_to_png(surface, path.c_str());
    cairo_surface_destroy(surface);
    if (status != CAIRO_STATUS_SUCCESS) return write_error(path, cairo_status_to_string(status));
    return {};
  }
  if (ext == "pdf") {
    cairo_surface_t* surface =
        cairo_pdf_surface_create(path.c_str(), scene.width_pt, scene.height_pt);
    cairo_t* cr = cairo_create(surface);
    draw_scene(scene, cr);
    cairo_destroy(cr);
    cairo_surface_finish(surface);
    cairo_status_t status = cairo_surface_status(surface);
    cairo_surface_destroy(surface);
    if (status != CAIRO_STATUS_SUCCESS) return write_error(path, cairo_status_to_string(status));
    return {};
  }
  return make_error("Tệp biểu đồ '" + path +
                    "': phần mở rộng phải là .svg, .png hoặc .pdf / chart file '" + path +
                    "': the extension must be .svg, .png or .pdf");
}

Result<void> write_bar_chart(const Plan& plan, const CheckedTable& table,
                             std::string_view indicator_code, const ChartOptions& options,
                             const std::string& path) {
  Result<ChartScene> scene = layout_bar_chart(plan, table, indicator_code, options);
  if (!scene) return scene.error();
  return write_scene(*scene, options, path);
}

Result<void> write_trend_chart(const Plan& plan, std::string_view indicator_code,
                               const std::vector<TrendPointView>& points,
                               const ChartOptions& options, const std::string& path) {
  Result<ChartScene> scene = layout_trend_chart(plan, indicator_code, points, options);
  if (!scene) return scene.error();
  return write_scene(*scene, options, path);
}

}  // namespace chiso::report
