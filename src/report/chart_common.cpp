// Pieces every chart layout uses: numbers in the table's format and the axis.
#include <algorithm>
#include <cmath>

#include "common/number.h"
#include "consolidate/analysis.h"
#include "report/chart.h"

namespace chiso::report::detail {

Axis nice_axis(double data_max, bool percent) {
  if (percent) return Axis{100, 20};  // shares over 100 are drawn to 100
  if (!(data_max > 0) || !std::isfinite(data_max)) return Axis{1, 0.2};
  double magnitude = std::pow(10.0, std::floor(std::log10(data_max)));
  for (double factor : {1.0, 2.0, 2.5, 5.0, 10.0}) {
    double top = factor * magnitude;
    if (top >= data_max * (1 - 1e-12)) return Axis{top, top / 5};
  }
  return Axis{10 * magnitude, 2 * magnitude};
}

Result<void> check_size(const ChartOptions& options) {
  bool width_ok = options.width_pt >= 200 && options.width_pt <= 5000;
  bool height_ok = options.height_pt == 0 || (options.height_pt >= 100 && options.height_pt <= 20000);
  if (width_ok && height_ok) return {};
  return make_error("Kích thước biểu đồ không hợp lệ (rộng " + number::format(options.width_pt, 1, Lang::vi) +
                    " pt, cao " + number::format(options.height_pt, 1, Lang::vi) +
                    " pt); cần rộng 200–5000 pt, cao 0 (tự động) hoặc 100–20000 pt / chart size "
                    "out of range; expected width 200–5000 pt, height 0 (auto) or 100–20000 pt");
}

}  // namespace chiso::report::detail
