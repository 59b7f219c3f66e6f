// What the analyses share: which rows count, values as shown, numbers as the
// table formats them.
#include <algorithm>
#include <cmath>
#include <unordered_set>

#include "common/number.h"
#include "consolidate/analysis.h"
#include "plan/unit_validity.h"

namespace chiso {

std::vector<const UnitRow*> period_rows(const CheckedTable& table) {
  std::vector<const UnitRow*> rows;
  rows.reserve(table.rows.size());
  std::unordered_set<std::string> seen;
  for (const UnitRow& row : table.rows) {
    if (!table.period.empty() && !row.period.empty() && row.period != table.period) continue;
    if (!row.unit_name.empty() && !seen.insert(row.unit_name).second) continue;
    rows.push_back(&row);
  }
  return rows;
}

const std::string& row_unit_name(const UnitRow& row) {
  return row.unit_name.empty() ? row.raw_name : row.unit_name;
}

const std::string& shown_unit_name(const Plan& plan, const UnitRow& row) {
  if (row.unit_name.empty()) return row.raw_name;
  return unit_name_in(plan, row.unit_name, row.unit_idx, row.period);
}

bool target_holds(std::string_view op, double value, double bound) {
  if (op == ">=") return value >= bound;
  if (op == ">") return value > bound;
  if (op == "<=") return value <= bound;
  if (op == "<") return value < bound;
  if (op == "==") return value == bound;
  return false;
}

namespace analysis_detail {

double shown(double value, int decimals) {
  double scale = std::pow(10.0, std::clamp(decimals, 0, 9));
  double rounded = std::round(value * scale) / scale;
  return rounded == 0 ? 0 : rounded;  // no "-0"
}

std::optional<double> shown_value(const Plan& plan, const UnitRow& row, int indicator_idx) {
  if (indicator_idx < 0 || static_cast<size_t>(indicator_idx) >= row.values.size()) return {};
  const Value& value = row.values[indicator_idx];
  if (!value.has_number()) return {};
  return shown(value.number, plan.indicators[indicator_idx].decimals);
}

}  // namespace analysis_detail
}  // namespace chiso
