// Charts for the DOCX/PDF appendix: which indicators to chart, the scale that
// fits a chart on the page, and the PNG the DOCX embeds (cairo image surface
// written to memory).

#include <algorithm>
#include <cmath>

#include <cairo.h>

#include "report/appendix.h"

namespace chiso::report::detail {
namespace {

cairo_status_t append_bytes(void* closure, const unsigned char* data, unsigned int length) {
  static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
  return CAIRO_STATUS_SUCCESS;
}

}  // namespace

std::vector<std::string> chart_codes(const Plan& plan, const AppendixOptions& options) {
  std::vector<std::string> codes;
  auto add = [&](const std::string& code) {
    if (std::find(codes.begin(), codes.end(), code) == codes.end()) codes.push_back(code);
  };
  for (const std::string& code : options.charts) add(code);
  if (options.with_charts) {
    for (const Indicator& indicator : plan.indicators) {
      if (indicator.kind == IndicatorKind::percent &&
          (indicator.consolidation == Consolidation::ratio ||
           indicator.consolidation == Consolidation::mean)) {
        add(indicator.code);
      }
    }
  }
  return codes;
}

}  // namespace chiso::report::detail

namespace chiso::report {

Result<void> check_chart_codes(const Plan& plan, const AppendixOptions& options) {
  const bool vi = options.lang == Lang::vi;
  for (const std::string& code : detail::chart_codes(plan, options)) {
    int idx = plan.indicator_index(code);
    if (idx >= 0 && plan.indicators[static_cast<size_t>(idx)].kind != IndicatorKind::mark) continue;
    const char* why_vi = idx < 0 ? "không có trong kế hoạch" : "là chỉ tiêu đánh dấu (x), không vẽ được";
    const char* why_en = idx < 0 ? "not an indicator of the plan" : "a mark (x) indicator";
    return make_error(vi ? "Không vẽ được biểu đồ cho chỉ tiêu \"" + code + "\": " + why_vi +
                               "; cần mã một chỉ tiêu số của kế hoạch, ví dụ online_full_pct "
                               "(--chart " + code + ": " + why_en + ")"
                         : "--chart \"" + code + "\": cannot chart it (" + why_en +
                               "); expected the code of a numeric indicator, e.g. online_full_pct");
  }
  return {};
}

}  // namespace chiso::report

namespace chiso::report::detail {

double fit_scale(double width, double height, double box_width, double box_height) {
  if (width <= 0 || height <= 0) return 1;
  return std::min({1.0, box_width / width, box_height / height});
}

Result<std::string> scene_png(const ChartScene& scene, double dpi) {
  const double scale = dpi / 72.0;
  const int width = static_cast<int>(std::ceil(scene.width_pt * scale));
  const int height = static_cast<int>(std::ceil(scene.height_pt * scale));
  if (width <= 0 || height <= 0 || width > 20000 || height > 20000) {
    return make_error("Không tạo được ảnh biểu đồ \"" + scene.title + "\": kích thước " +
                      std::to_string(width) + "×" + std::to_string(height) +
                      " điểm ảnh (cannot render the chart: bad size)");
  }
  cairo_surface_t* surface = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, width, height);
  cairo_t* cr = cairo_create(surface);
  cairo_set_source_rgb(cr, 1, 1, 1);
  cairo_paint(cr);
  cairo_scale(cr, scale, scale);
  draw_scene(scene, cr);
  cairo_destroy(cr);
  cairo_surface_flush(surface);
  std::string png;
  cairo_status_t status = cairo_surface_status(surface);
  if (status == CAIRO_STATUS_SUCCESS) {
    status = cairo_surface_write_to_png_stream(surface, append_bytes, &png);
  }
  cairo_surface_destroy(surface);
  if (status != CAIRO_STATUS_SUCCESS) {
    return make_error(std::string("Không tạo được ảnh biểu đồ: ") + cairo_status_to_string(status) +
                      " (cannot render the chart to PNG)");
  }
  return png;
}

}  // namespace chiso::report::detail
