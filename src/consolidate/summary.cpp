// SummaryAccumulator: one pass over the rows, a few sums per indicator.
//   sum            Σ value over the units with a number (text such as `86-96`
//                  and blanks are left out); units_reporting = units summed
//   ratio          the indicator's formula over the city-wide sums of the
//                  names it uses, summed only over units that have every one
//                  of those names (a unit with the full count but no total is
//                  left out of both); units_reporting = those units
//   weighted_mean  Σ value·weight / Σ weight over units with both; undefined
//                  when Σ weight is 0
//   mean           Σ value / units_reporting
//   mark_count     yes / no / blank counts; value = the number of yes;
//                  units_reporting = yes + no (a text in a mark column counts
//                  in none of them)
//   none           no figure (a rank, a grade, a maximum score)
// A value of a unit whose kind an indicator does not apply to (applies_to)
// is left out of every figure, as a not-applicable marker is.
// Every row given is counted: callers pass one period's rows. add(row,
// findings) first drops the values an error finding says cannot be right by
// themselves (value_standing.h), then adds the row as above.
#include "consolidate/summary.h"

#include <map>
#include <optional>
#include <string>
#include <unordered_map>

#include "consolidate/value_standing.h"
#include "plan/expr.h"

namespace chiso {

namespace {

struct IndicatorSums {
  Consolidation method = Consolidation::sum;
  int weight_idx = -1;
  Expr formula;           // ratio
  std::vector<int> names; // ratio: the indicators the formula uses
  std::vector<double> name_sums;
  double total = 0;       // Σ value, or Σ value·weight
  double weight_total = 0;
  int units = 0;
  int yes = 0;
  int no = 0;
  int blank = 0;
};

}  // namespace

struct SummaryAccumulator::State {
  explicit State(const Plan& plan) : self_contained(plan) {}
  const Plan* plan = nullptr;
  std::vector<IndicatorSums> sums;
  SelfContainedRules self_contained;
  UnitRow cleaned;  // add(row, findings): the row with such values blanked
  bool any_applies_to = false;
  // Registered name → kind id, made at the first row when any_applies_to.
  std::unordered_map<std::string_view, std::string_view> kind_by_name;
  // The kind id of the row's unit, "" when not registered.
  std::string_view unit_kind(const UnitRow& row) {
    if (row.unit_idx >= 0 && static_cast<size_t>(row.unit_idx) < plan->units.size() &&
        plan->units[static_cast<size_t>(row.unit_idx)].name == row.unit_name) {
      return plan->unit_kind_id(plan->units[static_cast<size_t>(row.unit_idx)].kind);
    }
    if (kind_by_name.empty()) {
      for (const UnitDef& unit : plan->units)
        kind_by_name.emplace(unit.name, plan->unit_kind_id(unit.kind));
    }
    auto found = kind_by_name.find(row.unit_name);
    return found != kind_by_name.end() ? found->second : std::string_view();
  }
};

SummaryAccumulator::SummaryAccumulator(const Plan& plan) : state_(std::make_unique<State>(plan)) {
  state_->plan = &plan;
  state_->sums.resize(plan.indicators.size());
  for (size_t indicator_idx = 0; indicator_idx < plan.indicators.size(); ++indicator_idx) {
    const Indicator& indicator = plan.indicators[indicator_idx];
    IndicatorSums& sums = state_->sums[indicator_idx];
    sums.method = indicator.consolidation;
    state_->any_applies_to = state_->any_applies_to || !indicator.applies_to.empty();
    if (sums.method == Consolidation::weighted_mean) sums.weight_idx = plan.indicator_index(indicator.weight);
    if (sums.method == Consolidation::ratio && !indicator.formula.empty()) {
      // A formula that does not parse was reported by check::compile(); the
      // figure is then undefined.
      auto formula = Expr::parse(indicator.formula,
                                 [&plan](std::string_view name) { return plan.indicator_index(name); });
      if (formula.ok()) {
        sums.formula = std::move(formula.value());
        sums.names = sums.formula.names_used();
        sums.name_sums.assign(sums.names.size(), 0.0);
      }
    }
  }
}

SummaryAccumulator::~SummaryAccumulator() = default;

void SummaryAccumulator::add(const UnitRow& row) {
  auto value_at = [&row](int idx) -> const Value* {
    if (idx < 0 || static_cast<size_t>(idx) >= row.values.size()) return nullptr;
    return &row.values[static_cast<size_t>(idx)];
  };
  const std::string_view unit_kind =
      state_->any_applies_to ? state_->unit_kind(row) : std::string_view();
  for (size_t indicator_idx = 0; indicator_idx < state_->sums.size(); ++indicator_idx) {
    IndicatorSums& sums = state_->sums[indicator_idx];
    const Value* value = value_at(static_cast<int>(indicator_idx));
    if (!unit_kind.empty() && !state_->plan->indicators[indicator_idx].applies_to_kind(unit_kind))
      continue;
    switch (sums.method) {
      case Consolidation::none:
        break;
      case Consolidation::sum:
      case Consolidation::mean:
        if (value != nullptr && value->has_number()) {
          sums.total += value->number;
          ++sums.units;
        }
        break;
      case Consolidation::weighted_mean: {
        const Value* weight = value_at(sums.weight_idx);
        if (value != nullptr && value->has_number() && weight != nullptr && weight->has_number()) {
          sums.total += value->number * weight->number;
          sums.weight_total += weight->number;
          ++sums.units;
        }
        break;
      }
      case Consolidation::ratio: {
        if (sums.names.empty()) break;
        bool all_present = true;
        for (int name_idx : sums.names) {
          const Value* used = value_at(name_idx);
          if (used == nullptr || !used->has_number()) {
            all_present = false;
            break;
          }
        }
        if (!all_present) break;
        for (size_t name_pos = 0; name_pos < sums.names.size(); ++name_pos) {
          sums.name_sums[name_pos] += value_at(sums.names[name_pos])->number;
        }
        ++sums.units;
        break;
      }
      case Consolidation::mark_count: {
        ValueState state = value != nullptr ? value->state : ValueState::blank;
        if (state == ValueState::yes) {
          ++sums.yes;
        } else if (state == ValueState::no) {
          ++sums.no;
        } else if (state == ValueState::blank) {
          ++sums.blank;
        } else if (state == ValueState::number) {
          // A number in a mark column (binding parses marks, so only a row
          // built by hand): non-zero counts as yes.
          ++(value->number != 0 ? sums.yes : sums.no);
        }
        break;
      }
    }
  }
}

void SummaryAccumulator::add(const UnitRow& row, const std::vector<Finding>& row_findings) {
  bool any = false;
  for (const Finding& finding : row_findings) {
    if (finding.row != row.row_number) continue;
    // A unit the period does not have (dissolved before it, set up after
    // it): none of its figures are the period's, so the city-wide line of
    // each period is made of the units that existed in it.
    if (finding.rule_id == "unit.not_valid") return;
    any = any || state_->self_contained.cannot_be_right(finding);
  }
  if (!any) return add(row);
  UnitRow& cleaned = state_->cleaned;
  cleaned.values = row.values;
  cleaned.unit_name = row.unit_name;  // its kind decides what applies (applies_to)
  cleaned.unit_idx = row.unit_idx;
  for (const Finding& finding : row_findings) {
    if (finding.row != row.row_number || !state_->self_contained.cannot_be_right(finding)) continue;
    const int idx = state_->plan->indicator_index(finding.indicator);
    if (idx >= 0 && static_cast<size_t>(idx) < cleaned.values.size()) {
      cleaned.values[static_cast<size_t>(idx)].state = ValueState::blank;
    }
  }
  add(cleaned);
}

std::vector<SummaryValue> SummaryAccumulator::finish() const {
  std::vector<SummaryValue> out(state_->sums.size());
  std::vector<std::optional<double>> numbers(state_->sums.size());
  for (size_t indicator_idx = 0; indicator_idx < state_->sums.size(); ++indicator_idx) {
    const IndicatorSums& sums = state_->sums[indicator_idx];
    SummaryValue& result = out[indicator_idx];
    result.units_reporting = sums.units;
    switch (sums.method) {
      case Consolidation::sum:
        if (sums.units > 0) result.value = sums.total;
        break;
      case Consolidation::mean:
        if (sums.units > 0) result.value = sums.total / sums.units;
        break;
      case Consolidation::weighted_mean:
        if (sums.weight_total != 0) result.value = sums.total / sums.weight_total;
        break;
      case Consolidation::ratio: {
        if (sums.units == 0) break;
        std::fill(numbers.begin(), numbers.end(), std::nullopt);
        for (size_t name_pos = 0; name_pos < sums.names.size(); ++name_pos) {
          numbers[static_cast<size_t>(sums.names[name_pos])] = sums.name_sums[name_pos];
        }
        ExprValue value = sums.formula.eval_numbers(numbers);
        if (!value.is_null()) result.value = value.number;
        break;
      }
      case Consolidation::none:
        break;
      case Consolidation::mark_count:
        result.yes = sums.yes;
        result.no = sums.no;
        result.blank = sums.blank;
        result.units_reporting = sums.yes + sums.no;
        if (sums.yes + sums.no + sums.blank > 0) result.value = sums.yes;
        break;
    }
  }
  return out;
}

std::vector<SummaryValue> summarize(const Plan& plan, const std::vector<UnitRow>& rows) {
  SummaryAccumulator accumulator(plan);
  for (const UnitRow& row : rows) accumulator.add(row);
  return accumulator.finish();
}

std::vector<SummaryValue> summarize(const Plan& plan, const std::vector<UnitRow>& rows,
                                    const std::vector<Finding>& findings) {
  std::map<int, std::vector<Finding>> by_row;
  for (const Finding& finding : findings) {
    if (finding.row != 0 && finding.severity == Severity::error) by_row[finding.row].push_back(finding);
  }
  SummaryAccumulator accumulator(plan);
  static const std::vector<Finding> kNone;
  for (const UnitRow& row : rows) {
    auto it = by_row.find(row.row_number);
    if (it == by_row.end()) {
      accumulator.add(row);
      continue;
    }
    // Only this unit's findings of this row number (a row number may repeat
    // across periods or files).
    std::vector<Finding> own;
    for (const Finding& finding : it->second) {
      const bool same_unit = finding.unit.empty() || finding.unit == row.unit_name ||
                             finding.unit == row.raw_name;
      const bool same_period =
          finding.period.empty() || row.period.empty() || finding.period == row.period;
      if (same_unit && same_period) own.push_back(finding);
    }
    accumulator.add(row, own.empty() ? kNone : own);
  }
  return accumulator.finish();
}

}  // namespace chiso
