#include "service/unit_trend.h"

#include <string>
#include <utility>
#include <vector>

namespace chiso::service {

Result<UnitTrendLines> unit_trend_of_kind(const Plan& plan, Store& store, std::string_view indicator_code,
                                          std::string_view unit, std::optional<PeriodKind> kind) {
  const int unit_idx = plan.unit_index(unit);
  if (unit_idx < 0) {
    return make_error(ErrorKind::not_found, "Kế hoạch không có đơn vị '" + std::string(unit) + "'.",
                      "The plan has no unit '" + std::string(unit) + "'.");
  }
  auto city = trend_of_kind(plan, store, indicator_code, kind);
  if (!city) return city.error();
  UnitTrendLines lines;
  lines.city = std::move(city).value();
  // Each period's table as the city-wide figure was made from it: the unit's
  // row, or its successors', with their findings.
  std::vector<CheckedTable> tables;
  tables.reserve(lines.city.points.size());
  for (const TrendPoint& point : lines.city.points) {
    auto table = store.load_period(plan, point.period);
    if (!table) return table.error();
    table->period = point.period;
    tables.push_back(std::move(table).value());
  }
  lines.unit = unit_trend(plan, unit_idx, plan.indicator_index(indicator_code), tables);
  return lines;
}

}  // namespace chiso::service
