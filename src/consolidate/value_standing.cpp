// ValueStandings: the error findings indexed by cell, the derived
// indicators' formulas compiled once.
#include "consolidate/value_standing.h"

#include <algorithm>
#include <cmath>

namespace chiso {
namespace {

// The built-in checks that judge one cell alone (check/table_checker.cpp).
constexpr const char* kBuiltInSelfContained[] = {
    "value.not_number",   "value.negative",    "value.percent_range", "value.score_range",
    "value.rank_invalid", "value.not_allowed", "value.not_applicable"};

}  // namespace

SelfContainedRules::SelfContainedRules(const Plan& plan) {
  for (const char* id : kBuiltInSelfContained) ids_.insert(id);
  auto resolve = [&plan](std::string_view name) { return plan.indicator_index(name); };
  for (const Rule& rule : plan.rules) {
    const int own = plan.indicator_index(rule.indicator);
    if (own < 0 || rule.check.empty()) continue;
    auto check = Expr::parse(rule.check, resolve);
    if (!check) continue;  // check::compile() reports it
    bool alone = true;
    for (int used : check->names_used()) alone = alone && used == own;
    if (alone) ids_.insert(rule.id);
  }
}

bool SelfContainedRules::cannot_be_right(const Finding& finding) const {
  return finding.severity == Severity::error && !finding.indicator.empty() &&
         contains(finding.rule_id);
}

ValueStandings::ValueStandings(const Plan& plan, const std::vector<Finding>& findings)
    : plan_(plan), self_contained_(plan) {
  auto resolve = [&plan](std::string_view name) { return plan.indicator_index(name); };
  formulas_.resize(plan.indicators.size());
  inputs_.resize(plan.indicators.size());
  for (size_t idx = 0; idx < plan.indicators.size(); ++idx) {
    const Indicator& indicator = plan.indicators[idx];
    if (indicator.formula.empty()) continue;
    auto formula = Expr::parse(indicator.formula, resolve);
    if (!formula) continue;
    inputs_[idx] = formula->names_used();
    formulas_[idx] = std::move(formula.value());
  }
  for (const Finding& finding : findings) {
    if (finding.severity != Severity::error || finding.indicator.empty()) continue;
    errors_[{finding.row, finding.indicator}].push_back(&finding);
  }
}

bool ValueStandings::has_error(const UnitRow& row, const std::string& code,
                               bool self_contained_only) const {
  auto it = errors_.find({row.row_number, code});
  if (it == errors_.end()) return false;
  for (const Finding* finding : it->second) {
    const bool same_unit = finding->unit.empty() || finding->unit == row.unit_name ||
                           finding->unit == row.raw_name;
    const bool same_period =
        finding->period.empty() || row.period.empty() || finding->period == row.period;
    if (!same_unit || !same_period) continue;
    if (!self_contained_only || self_contained_.cannot_be_right(*finding)) return true;
  }
  return false;
}

const std::vector<int>& ValueStandings::inputs(int indicator_idx) const {
  return inputs_.at(static_cast<size_t>(indicator_idx));
}

Standing ValueStandings::of(const UnitRow& row, int indicator_idx) const {
  if (indicator_idx < 0 || static_cast<size_t>(indicator_idx) >= plan_.indicators.size()) {
    return Standing::missing;
  }
  const size_t idx = static_cast<size_t>(indicator_idx);
  const std::vector<int>& inputs = inputs_[idx];
  bool inputs_typed = !inputs.empty();
  for (int input : inputs) {
    if (static_cast<size_t>(input) >= row.values.size() || !row.values[input].has_number()) {
      inputs_typed = false;
    }
  }
  if (inputs_typed) {
    const ExprValue computed = formulas_[idx].eval(row.values);
    if (computed.is_null() || !std::isfinite(computed.number)) return Standing::not_applicable;
  }
  const bool has_value = idx < row.values.size() && row.values[idx].has_number();
  if (!has_value) return Standing::missing;
  for (int input : inputs) {
    if (has_error(row, plan_.indicators[static_cast<size_t>(input)].code, false)) {
      return Standing::in_error;
    }
  }
  if (!has_error(row, plan_.indicators[idx].code, false)) return Standing::usable;
  // An error on a derived cell concerns the share the unit typed; a table
  // whose share was computed again from sound counts (published_values.h)
  // shows a value the finding no longer speaks of.
  if (inputs_typed) {
    const ExprValue computed = formulas_[idx].eval(row.values);
    const double scale = std::pow(10.0, std::clamp(plan_.indicators[idx].decimals, 0, 9));
    if (std::fabs(std::round(computed.number * scale) / scale - row.values[idx].number) < 1e-9) {
      return Standing::usable;
    }
  }
  return Standing::in_error;
}

bool ValueStandings::cannot_be_right(const UnitRow& row, int indicator_idx) const {
  if (indicator_idx < 0 || static_cast<size_t>(indicator_idx) >= plan_.indicators.size()) return false;
  return has_error(row, plan_.indicators[static_cast<size_t>(indicator_idx)].code, true);
}

}  // namespace chiso
