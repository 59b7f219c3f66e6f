// Text measurement for chart layouts, with pango and the fonts the cairo back
// end draws with, so the SVG and the PNG/PDF share one set of positions.
#include <cairo.h>
#include <pango/pangocairo.h>

#include <string>
#include <string_view>
#include <vector>

#include "report/chart.h"

namespace chiso::report::detail {
namespace {

// One measuring context per thread (pango contexts are not thread-safe).
struct Measurer {
  cairo_surface_t* surface = nullptr;
  cairo_t* cr = nullptr;
  PangoLayout* layout = nullptr;

  Measurer() {
    surface = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, 1, 1);
    cr = cairo_create(surface);
    layout = pango_cairo_create_layout(cr);
    pango_cairo_context_set_resolution(pango_layout_get_context(layout), 72);
    pango_layout_context_changed(layout);
  }
  ~Measurer() {
    g_object_unref(layout);
    cairo_destroy(cr);
    cairo_surface_destroy(surface);
  }
  Measurer(const Measurer&) = delete;
  Measurer& operator=(const Measurer&) = delete;
};

}  // namespace

double text_width_pt(std::string_view text, double size_pt, bool bold) {
  thread_local Measurer measurer;
  PangoFontDescription* font = pango_font_description_from_string(kFontFamilies);
  pango_font_description_set_size(font, static_cast<int>(size_pt * PANGO_SCALE));
  pango_font_description_set_weight(font, bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
  pango_layout_set_font_description(measurer.layout, font);
  pango_font_description_free(font);
  pango_layout_set_text(measurer.layout, text.data(), static_cast<int>(text.size()));
  PangoRectangle logical;
  pango_layout_get_extents(measurer.layout, nullptr, &logical);
  return static_cast<double>(logical.width) / PANGO_SCALE;
}

namespace {

// Byte offsets where a UTF-8 code point starts.
std::vector<size_t> char_starts(std::string_view text) {
  std::vector<size_t> starts;
  for (size_t byte_idx = 0; byte_idx < text.size(); ++byte_idx) {
    if ((static_cast<unsigned char>(text[byte_idx]) & 0xC0) != 0x80) starts.push_back(byte_idx);
  }
  return starts;
}

}  // namespace

std::string fit_text(std::string_view text, double size_pt, bool bold, double width_pt) {
  if (text_width_pt(text, size_pt, bold) <= width_pt) return std::string(text);
  const std::string ellipsis = "…";
  std::vector<size_t> starts = char_starts(text);
  auto prefix = [&](size_t char_count) {
    return std::string(text.substr(0, char_count < starts.size() ? starts[char_count] : text.size()));
  };
  // The longest prefix, in code points, that fits with "…" after it.
  size_t lo = 0, hi = starts.empty() ? 0 : starts.size() - 1;
  while (lo < hi) {
    size_t mid = (lo + hi + 1) / 2;
    if (text_width_pt(prefix(mid) + ellipsis, size_pt, bold) <= width_pt) {
      lo = mid;
    } else {
      hi = mid - 1;
    }
  }
  std::string kept = prefix(lo);
  while (!kept.empty() && kept.back() == ' ') kept.pop_back();
  return kept + ellipsis;
}

std::vector<std::string> wrap_text(std::string_view text, double size_pt, bool bold,
                                   double width_pt) {
  std::vector<std::string> lines;
  std::string line;
  size_t pos = 0;
  while (pos < text.size()) {
    size_t space = text.find(' ', pos);
    if (space == std::string_view::npos) space = text.size();
    std::string_view word = text.substr(pos, space - pos);
    pos = space + 1;
    if (word.empty()) continue;
    std::string candidate = line.empty() ? std::string(word) : line + " " + std::string(word);
    if (!line.empty() && text_width_pt(candidate, size_pt, bold) > width_pt) {
      lines.push_back(line);
      line = std::string(word);
    } else {
      line = std::move(candidate);
    }
  }
  if (!line.empty()) lines.push_back(line);
  for (std::string& each : lines) each = fit_text(each, size_pt, bold, width_pt);
  return lines;
}

}  // namespace chiso::report::detail
