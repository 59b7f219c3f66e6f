// TableChecker: the built-in checks of each cell and of the unit, then the
// plan's rules. The built-in checks are the ones no plan can do without
// (a text in a number column, a negative count, a percent outside 0–100, a
// blank cell, an unregistered or repeated unit); everything about how
// indicators relate to each other is a rule in the plan file.
#include <fmt/format.h>

#include <climits>
#include <string>
#include <unordered_map>
#include <utility>

#include "check/checker.h"
#include "check/compiled_plan.h"
#include "check/total_rows.h"
#include <optional>

#include "common/number.h"
#include "common/text.h"
#include "plan/binding.h"

namespace chiso::check {

struct TableChecker::State {
  State(const Plan& plan_in, std::shared_ptr<const CompiledPlan> compiled_in, std::string file_in)
      : plan(plan_in), compiled(std::move(compiled_in)), file(std::move(file_in)), totals(plan_in, file) {}

  const Plan& plan;
  std::shared_ptr<const CompiledPlan> compiled;
  std::string file;
  TotalRows totals;
  // Built at the first row whose unit the row builder did not match: a
  // 10,000-unit plan's keys are not computed twice for nothing.
  std::optional<UnitMatcher> units_built;
  UnitMatcher& units() {
    if (!units_built) units_built.emplace(plan);
    return *units_built;
  }
  // Canonical name → unit index, for unit.duplicate when a row comes without
  // the row builder's match; made at the first such row (a row typed on a
  // page, checked alone, has its match: a national plan's 10,000 names are
  // not hashed for it).
  std::unordered_map<std::string_view, int> unit_by_name;
  int unit_index(const std::string& canonical) {
    if (unit_by_name.empty()) {
      unit_by_name.reserve(plan.units.size());
      for (size_t unit_idx = 0; unit_idx < plan.units.size(); ++unit_idx)
        unit_by_name.emplace(plan.units[unit_idx].name, static_cast<int>(unit_idx));
    }
    auto unit_it = unit_by_name.find(canonical);
    return unit_it != unit_by_name.end() ? unit_it->second : -1;
  }
  // The units seen in one period: the row where each first appeared. Kept
  // per unit index (4 bytes a unit) so a national history of 1.2 million
  // rows costs a few MB, not a map entry per row.
  struct PeriodSeen {
    std::vector<int> first_row_by_unit;                // INT_MIN = not seen yet
    std::unordered_map<std::string, int> unregistered; // folded raw name → row
  };
  std::unordered_map<std::string, PeriodSeen> seen;
  PeriodSeen* last_seen = nullptr;  // rows usually come grouped by period
  std::string last_period;
  Severity min_severity = Severity::info;
  // The row being checked as the rules' expressions read it: read once,
  // shared by every rule.
  ExprRow expr_row;

  PeriodSeen& seen_in(const std::string& period) {
    if (last_seen == nullptr || period != last_period) {
      last_seen = &seen[period];
      last_period = period;
      if (last_seen->first_row_by_unit.empty()) {
        last_seen->first_row_by_unit.assign(plan.units.size(), INT_MIN);
      }
    }
    return *last_seen;
  }

  // Returns the name findings use: the canonical name, else the raw name.
  const std::string& check_unit(const UnitRow& row, std::vector<Finding>& out);
  void check_values(const UnitRow& row, const std::string& unit, std::vector<Finding>& out);
  void check_rules(const UnitRow& row, const std::string& unit, std::vector<Finding>& out);

  Finding make(const UnitRow& row, const std::string& unit, Severity severity, const char* rule_id,
               int indicator_idx, const Value* cell) const {
    Finding finding;
    finding.severity = severity;
    finding.rule_id = rule_id;
    finding.unit = unit;
    finding.row = row.row_number;
    if (indicator_idx >= 0) finding.indicator = plan.indicators[static_cast<size_t>(indicator_idx)].code;
    if (cell != nullptr) finding.raw = cell->raw;
    finding.file = file;
    finding.pos = cell != nullptr && cell->pos.col_idx != 0 ? cell->pos : row.pos;
    finding.period = row.period;
    return finding;
  }
};

const std::string& TableChecker::State::check_unit(const UnitRow& row, std::vector<Finding>& out) {
  const std::string* canonical_ptr = &row.unit_name;
  if (row.unit_name.empty() && !row.raw_name.empty()) {
    int unit_idx = units().match(row.raw_name);
    if (unit_idx >= 0) canonical_ptr = &plan.units[static_cast<size_t>(unit_idx)].name;
  }
  const std::string& canonical = *canonical_ptr;
  const std::string& unit_display = canonical.empty() ? row.raw_name : canonical;
  if (canonical.empty()) {
    Finding finding = make(row, unit_display, Severity::error, "unit.unknown", -1, nullptr);
    finding.raw = row.raw_name;
    if (row.raw_name.empty()) {
      finding.message_vi = "Dòng không có tên đơn vị; cần tên một đơn vị đã đăng ký trong kế hoạch.";
      finding.message_en = "The row has no unit name; expected the name of a unit registered in the plan.";
    } else {
      finding.message_vi = fmt::format(
          "Đơn vị «{}» không có trong danh sách đơn vị đã đăng ký của kế hoạch.", row.raw_name);
      finding.message_en =
          fmt::format("The unit “{}” is not registered in the plan's list of units.", row.raw_name);
      // Several names when an abbreviation has several meanings ("TT").
      const std::vector<std::string> suggestions = units().suggestions(row.raw_name);
      std::string names_vi, names_en;
      for (std::size_t name_idx = 0; name_idx < suggestions.size(); ++name_idx) {
        names_vi += fmt::format("{}«{}»", name_idx == 0 ? "" : " hay ", suggestions[name_idx]);
        names_en += fmt::format("{}“{}”", name_idx == 0 ? "" : " or ", suggestions[name_idx]);
      }
      if (!suggestions.empty()) {
        finding.hint_vi = fmt::format("Có phải là {}?", names_vi);
        finding.hint_en = fmt::format("Did you mean {}?", names_en);
      }
    }
    out.push_back(std::move(finding));
    if (row.raw_name.empty()) return unit_display;
  }
  PeriodSeen& period_seen = seen_in(row.period);
  int first_row = row.row_number;
  bool inserted = true;
  int unit_idx = -1;
  if (row.unit_idx >= 0 && static_cast<size_t>(row.unit_idx) < plan.units.size() &&
      plan.units[static_cast<size_t>(row.unit_idx)].name == canonical) {
    unit_idx = row.unit_idx;  // the reader's match, without hashing the name
  } else if (!canonical.empty()) {
    unit_idx = unit_index(canonical);
  }
  if (unit_idx >= 0) {
    int& slot = period_seen.first_row_by_unit[static_cast<size_t>(unit_idx)];
    if (slot == INT_MIN) {
      slot = row.row_number;
    } else {
      inserted = false;
      first_row = slot;
    }
  } else {
    auto [it, added] = period_seen.unregistered.emplace(text::fold_key(unit_display), row.row_number);
    inserted = added;
    first_row = it->second;
  }
  if (!inserted) {
    Finding finding = make(row, unit_display, Severity::error, "unit.duplicate", -1, nullptr);
    finding.raw = row.raw_name;
    std::string period_vi = row.period.empty() ? "" : " trong kỳ " + row.period;
    std::string period_en = row.period.empty() ? "" : " in period " + row.period;
    finding.message_vi = fmt::format("Đơn vị {} xuất hiện hai lần{}: dòng {} và dòng {}.", unit_display,
                                     period_vi, first_row, row.row_number);
    finding.message_en = fmt::format("The unit {} appears twice{}: rows {} and {}.", unit_display,
                                     period_en, first_row, row.row_number);
    finding.hint_vi = fmt::format("Giữ một dòng cho mỗi đơn vị; dòng {} có trước.", first_row);
    finding.hint_en = fmt::format("Keep one row per unit; row {} came first.", first_row);
    out.push_back(std::move(finding));
  }
  return unit_display;
}

void TableChecker::State::check_values(const UnitRow& row, const std::string& unit,
                                       std::vector<Finding>& out) {
  size_t count = std::min(row.values.size(), plan.indicators.size());
  bool row_from_file = row.pos.col_idx != 0;
  for (size_t indicator_idx = 0; indicator_idx < count; ++indicator_idx) {
    const Value& value = row.values[indicator_idx];
    const Indicator& indicator = plan.indicators[indicator_idx];
    const int idx = static_cast<int>(indicator_idx);
    switch (value.state) {
      case ValueState::yes:
      case ValueState::no:
        break;
      case ValueState::blank: {
        if (min_severity > Severity::info) break;
        if (row_from_file && value.pos.col_idx == 0) break;  // the table has no such column
        Finding finding = make(row, unit, Severity::info, "value.missing", idx, &value);
        finding.message_vi = fmt::format("{} không báo cáo «{}» (ô trống).", unit, indicator.label_vi);
        finding.message_en = fmt::format("{} did not report “{}” (blank cell).", unit, indicator.label_en);
        out.push_back(std::move(finding));
        break;
      }
      case ValueState::text: {
        Finding finding = make(row, unit, Severity::error, "value.not_number", idx, &value);
        if (indicator.kind == IndicatorKind::mark) {
          finding.message_vi = fmt::format(
              "Ô «{}» của {} ghi «{}», không phải dấu hợp lệ; cần x (có), 0 (không) hoặc để trống.",
              indicator.label_vi, unit, value.raw);
          finding.message_en = fmt::format(
              "“{}” for {} holds “{}”, which is not a mark; expected x (yes), 0 (no) or blank.",
              indicator.label_en, unit, value.raw);
        } else {
          finding.message_vi = fmt::format(
              "Ô «{}» của {} ghi «{}», không phải là một số; cần một số (ví dụ 95 hoặc 95,5).",
              indicator.label_vi, unit, value.raw);
          finding.message_en = fmt::format(
              "“{}” for {} holds “{}”, which is not a number; expected one number (such as 95 or 95,5).",
              indicator.label_en, unit, value.raw);
        }
        out.push_back(std::move(finding));
        break;
      }
      case ValueState::number: {
        if (indicator.kind == IndicatorKind::percent) {
          if (value.number < 0 || value.number > 100) {
            Finding finding = make(row, unit, Severity::error, "value.percent_range", idx, &value);
            finding.message_vi = fmt::format("Tỷ lệ «{}» của {} là {} %, nằm ngoài khoảng 0–100 %.",
                                             indicator.label_vi, unit,
                                             number::display_raw(value.raw, Lang::vi));
            finding.message_en = fmt::format("“{}” for {} is {} %, outside 0–100 %.", indicator.label_en,
                                             unit, number::display_raw(value.raw, Lang::en));
            out.push_back(std::move(finding));
          }
        } else if (value.number < 0 && indicator.kind != IndicatorKind::mark) {
          Finding finding = make(row, unit, Severity::error, "value.negative", idx, &value);
          finding.message_vi = fmt::format("«{}» của {} là số âm ({}); cần một số không âm.",
                                           indicator.label_vi, unit,
                                           number::display_raw(value.raw, Lang::vi));
          finding.message_en = fmt::format("“{}” for {} is negative ({}); expected zero or more.",
                                           indicator.label_en, unit,
                                           number::display_raw(value.raw, Lang::en));
          out.push_back(std::move(finding));
        }
        break;
      }
    }
  }
}

void TableChecker::State::check_rules(const UnitRow& row, const std::string& unit,
                                      std::vector<Finding>& out) {
  if (compiled->rules.empty()) return;
  expr_row.assign(row.values);
  for (const CompiledRule& rule : compiled->rules) {
    if (rule.severity < min_severity) continue;
    if (!rule.when.empty() && !rule.when.eval(expr_row).truthy()) continue;
    ExprValue holds = rule.check.eval(expr_row);
    if (holds.is_null() || holds.truthy()) continue;

    const Value* cell = nullptr;
    int decimals = 2;
    std::string_view label_vi;
    std::string_view label_en;
    if (rule.indicator_idx >= 0) {
      const Indicator& indicator = plan.indicators[static_cast<size_t>(rule.indicator_idx)];
      decimals = indicator.decimals;
      label_vi = indicator.label_vi;
      label_en = indicator.label_en;
      if (static_cast<size_t>(rule.indicator_idx) < row.values.size()) {
        cell = &row.values[static_cast<size_t>(rule.indicator_idx)];
      }
    }
    Finding finding = make(row, unit, rule.severity, "", rule.indicator_idx, cell);
    finding.rule_id = rule.id;
    MessageContext context;
    context.unit = unit;
    context.raw = cell != nullptr ? std::string_view(cell->raw) : std::string_view();
    context.expected_decimals = decimals;
    context.values = &row.values;
    if (!rule.expected.empty()) {
      ExprValue expected = rule.expected.eval(expr_row);
      if (!expected.is_null()) {
        context.expected = expected.number;
        finding.expected = number::format_plain(round_decimals(expected.number, decimals));
      }
    }
    context.indicator_label = label_vi;
    finding.message_vi = rule.message_vi.render(context, Lang::vi);
    for (const CompiledHint& hint : rule.hints) {
      if (hint.when.eval(expr_row).truthy()) {
        finding.hint_vi = hint.message_vi.render(context, Lang::vi);
        context.indicator_label = label_en;
        finding.hint_en = hint.message_en.render(context, Lang::en);
        break;
      }
    }
    context.indicator_label = label_en;
    finding.message_en = rule.message_en.render(context, Lang::en);
    out.push_back(std::move(finding));
  }
}

TableChecker::TableChecker(const Plan& plan, std::shared_ptr<const CompiledPlan> compiled, std::string file)
    : state_(std::make_unique<State>(plan, std::move(compiled), std::move(file))) {}

TableChecker::~TableChecker() = default;

void TableChecker::finish(std::vector<Finding>& out) { state_->totals.finish(out); }

void TableChecker::set_min_severity(Severity severity) { state_->min_severity = severity; }

void TableChecker::check_row(const UnitRow& row, std::vector<Finding>& out) {
  if (row.role != RowRole::unit) {
    state_->totals.add_total(row, state_->min_severity, out);
    return;
  }
  state_->totals.add_unit(row);
  const std::string& unit = state_->check_unit(row, out);
  state_->check_values(row, unit, out);
  state_->check_rules(row, unit, out);
}

}  // namespace chiso::check
