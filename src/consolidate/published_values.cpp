#include "consolidate/published_values.h"

#include <cmath>
#include <set>
#include <utility>

#include "common/number.h"
#include "plan/expr.h"

namespace chiso {
namespace {

double round_to(double value, int decimals) {
  double scale = std::pow(10.0, decimals);
  return std::round(value * scale) / scale;
}

}  // namespace

CheckedTable with_published_values(const Plan& plan, CheckedTable table) {
  auto resolve = [&](std::string_view name) { return plan.indicator_index(name); };
  // (row number, indicator) pairs that carry an error finding.
  std::set<std::pair<int, std::string>> error_cells;
  for (const Finding& finding : table.findings) {
    if (finding.severity == Severity::error && !finding.indicator.empty()) {
      error_cells.emplace(finding.row, finding.indicator);
    }
  }
  for (std::size_t indicator_idx = 0; indicator_idx < plan.indicators.size(); ++indicator_idx) {
    const Indicator& indicator = plan.indicators[indicator_idx];
    if (indicator.formula.empty()) continue;
    auto formula = Expr::parse(indicator.formula, resolve);
    if (!formula) continue;  // check::compile() reports bad formulas before any report
    for (UnitRow& row : table.rows) {
      if (indicator_idx >= row.values.size()) continue;
      bool inputs_in_error = false;
      for (int input_idx : formula->names_used()) {
        const std::string& code = plan.indicators[static_cast<std::size_t>(input_idx)].code;
        if (error_cells.count({row.row_number, code})) inputs_in_error = true;
      }
      if (inputs_in_error) continue;
      ExprValue computed = formula->eval(row.values);
      if (computed.kind != ExprValue::Kind::number || !std::isfinite(computed.number)) continue;
      Value& value = row.values[indicator_idx];
      value.state = ValueState::number;
      value.number = round_to(computed.number, indicator.decimals);
      value.raw = number::format(value.number, indicator.decimals, Lang::vi);
    }
  }
  return table;
}

}  // namespace chiso
