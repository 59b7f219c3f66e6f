// TableChecker: the built-in checks of each cell and of the unit, then the
// plan's rules. The built-in checks are the ones no plan can do without
// (a text in a number column, a negative count, a percent outside 0–100, a
// blank cell, an unregistered or repeated unit); everything about how
// indicators relate to each other is a rule in the plan file.
#include <fmt/format.h>

#include <algorithm>
#include <climits>
#include <cmath>
#include <string>
#include <unordered_map>
#include <utility>

#include "check/checker.h"
#include "check/compiled_plan.h"
#include "check/rank_rows.h"
#include "check/total_rows.h"
#include <optional>

#include "common/number.h"
#include "common/text.h"
#include "plan/binding.h"
#include "plan/expr.h"
#include "plan/period.h"
#include "plan/unit_facts.h"
#include "plan/unit_validity.h"

namespace chiso::check {

struct TableChecker::State {
  State(const Plan& plan_in, std::shared_ptr<const CompiledPlan> compiled_in, std::string file_in)
      : plan(plan_in),
        compiled(std::move(compiled_in)),
        file(std::move(file_in)),
        totals(plan_in, file),
        ranks(plan_in, file) {}

  const Plan& plan;
  std::shared_ptr<const CompiledPlan> compiled;
  std::string file;
  TotalRows totals;
  RankRows ranks;
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
  // The row's values and its unit's kind and group, when a rule reads them.
  std::vector<Value> with_unit_facts;

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
  // `alone`: a row checked by itself (check_row_alone), not kept for
  // unit.duplicate.
  const std::string& check_unit(const UnitRow& row, std::vector<Finding>& out, bool alone = false);
  // `unit` is what findings are about (Finding::unit); `shown` the name their
  // messages give it: as it was named in the row's period (shown_name).
  void check_values(const UnitRow& row, const std::string& unit, const std::string& shown,
                    std::vector<Finding>& out);
  const std::string& shown_name(const UnitRow& row, const std::string& unit) {
    if (plan.unit_validity.empty()) return unit;
    const int unit_idx = row_unit_index(row, unit);
    return unit_idx < 0 ? unit : unit_name_in(plan, plan.units[static_cast<size_t>(unit_idx)], row.period);
  }
  // unit.not_valid: a registered unit that did not exist in the row's
  // period (dissolved before it, or set up after it), naming its successors.
  void check_presence(const UnitRow& row, const std::string& canonical, std::vector<Finding>& out) {
    const int unit_idx = row_unit_index(row, canonical);
    if (unit_idx < 0) return;
    const UnitDef& unit = plan.units[static_cast<size_t>(unit_idx)];
    const UnitPresence presence = unit_presence(plan, unit, row.period);
    if (presence == UnitPresence::valid) return;
    Finding finding = make(row, canonical, Severity::error, "unit.not_valid", -1, nullptr);
    finding.raw = row.raw_name;
    const PresenceWords words = unit_presence_words(plan, unit, presence);
    finding.message_vi =
        words.vi + " Kỳ báo cáo " + period_text_vi(row.period) + " không có đơn vị này.";
    finding.message_en =
        words.en + " The period " + period_text_en(row.period) + " has no such unit.";
    const UnitValidity& validity = plan.unit_validity[static_cast<size_t>(unit.validity_idx)];
    if (presence == UnitPresence::ended && !validity.successors.empty()) {
      finding.hint_vi = "Báo cáo theo đơn vị kế nhiệm: " + validity.successors.front() +
                        (validity.successors.size() > 1 ? " (hoặc đơn vị khác đã nêu)." : ".");
      finding.hint_en = "Report as the successor: " + validity.successors.front() +
                        (validity.successors.size() > 1 ? " (or another one named)." : ".");
    }
    out.push_back(std::move(finding));
  }
  // An index typed beside all its components: index.mismatch when it is not
  // their weighted sum.
  void check_index(const UnitRow& row, const std::string& unit, const std::string& shown,
                   size_t indicator_idx, std::vector<Finding>& out);
  // The row's unit in the plan, -1 when not registered.
  int row_unit_index(const UnitRow& row, const std::string& unit) {
    if (row.unit_idx >= 0 && static_cast<size_t>(row.unit_idx) < plan.units.size() &&
        plan.units[static_cast<size_t>(row.unit_idx)].name == unit) {
      return row.unit_idx;
    }
    return unit_index(unit);
  }
  // A grade's text is one of its allowed values, compared folded.
  static bool grade_allowed(const Indicator& indicator, std::string_view raw) {
    const std::string key = text::fold_key(raw);
    for (const std::string& word : indicator.allowed) {
      if (text::fold_key(word) == key) return true;
    }
    return false;
  }
  void check_rules(const UnitRow& row, const std::string& unit, const std::string& shown,
                   std::vector<Finding>& out);

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

const std::string& TableChecker::State::check_unit(const UnitRow& row, std::vector<Finding>& out, bool alone) {
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
  } else if (!plan.unit_validity.empty()) {
    check_presence(row, canonical, out);
  }
  if (alone) return unit_display;
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
    const std::string& shown = shown_name(row, unit_display);
    finding.message_vi = fmt::format("Đơn vị {} xuất hiện hai lần{}: dòng {} và dòng {}.", shown,
                                     period_vi, first_row, row.row_number);
    finding.message_en = fmt::format("The unit {} appears twice{}: rows {} and {}.", shown,
                                     period_en, first_row, row.row_number);
    finding.hint_vi = fmt::format("Giữ một dòng cho mỗi đơn vị; dòng {} có trước.", first_row);
    finding.hint_en = fmt::format("Keep one row per unit; row {} came first.", first_row);
    out.push_back(std::move(finding));
  }
  return unit_display;
}

void TableChecker::State::check_values(const UnitRow& row, const std::string& unit,
                                       const std::string& shown, std::vector<Finding>& out) {
  size_t count = std::min(row.values.size(), plan.indicators.size());
  bool row_from_file = row.pos.col_idx != 0;
  std::string_view unit_kind;  // the registered unit's kind id, looked up once
  bool unit_kind_known = false;
  for (size_t indicator_idx = 0; indicator_idx < count; ++indicator_idx) {
    const Value& value = row.values[indicator_idx];
    const Indicator& indicator = plan.indicators[indicator_idx];
    const int idx = static_cast<int>(indicator_idx);
    if (!indicator.applies_to.empty()) {
      if (!unit_kind_known) {
        unit_kind_known = true;
        const int unit_idx = row_unit_index(row, unit);
        if (unit_idx >= 0)
          unit_kind = plan.unit_kind_id(plan.units[static_cast<size_t>(unit_idx)].kind);
      }
      if (!unit_kind.empty() && !indicator.applies_to_kind(unit_kind)) {
        // Not applicable: never an error, never counted (summary.cpp leaves
        // it out); a value typed anyway is said to be ignored.
        if (value.state == ValueState::blank || value.state == ValueState::not_applicable) continue;
        if (min_severity > Severity::warning) continue;
        Finding finding = make(row, unit, Severity::warning, "value.not_applicable", idx, &value);
        finding.message_vi = fmt::format("«{}» không áp dụng cho {}; giá trị «{}» không được tính.",
                                         indicator.label_vi, shown, value.raw);
        finding.message_en =
            fmt::format("“{}” does not apply to {}; the value “{}” is not counted.",
                        indicator.label_en, shown, value.raw);
        finding.hint_vi = "Để trống ô này hoặc ghi dấu không áp dụng.";
        finding.hint_en = "Leave the cell blank or write the not-applicable marker.";
        out.push_back(std::move(finding));
        continue;
      }
    }
    switch (value.state) {
      case ValueState::yes:
      case ValueState::no:
      case ValueState::not_applicable:
        break;
      case ValueState::blank: {
        if (min_severity > Severity::info) break;
        if (row_from_file && value.pos.col_idx == 0) break;  // the table has no such column
        Finding finding = make(row, unit, Severity::info, "value.missing", idx, &value);
        finding.message_vi = fmt::format("{} không báo cáo «{}» (ô trống).", shown, indicator.label_vi);
        finding.message_en = fmt::format("{} did not report “{}” (blank cell).", shown, indicator.label_en);
        out.push_back(std::move(finding));
        break;
      }
      case ValueState::text: {
        if (indicator.kind == IndicatorKind::grade) {
          if (grade_allowed(indicator, value.raw)) break;
          Finding finding = make(row, unit, Severity::error, "value.not_allowed", idx, &value);
          std::string allowed;
          for (const std::string& word : indicator.allowed)
            allowed += (allowed.empty() ? "" : ", ") + word;
          finding.message_vi = fmt::format(
              "Ô «{}» của {} ghi «{}», không phải một mức của kế hoạch; cần một trong: {}.",
              indicator.label_vi, shown, value.raw, allowed);
          finding.message_en = fmt::format(
              "“{}” for {} holds “{}”, which is not one of the plan's values; expected one of: {}.",
              indicator.label_en, shown, value.raw, allowed);
          out.push_back(std::move(finding));
          break;
        }
        Finding finding = make(row, unit, Severity::error, "value.not_number", idx, &value);
        if (indicator.kind == IndicatorKind::mark) {
          finding.message_vi = fmt::format(
              "Ô «{}» của {} ghi «{}», không phải dấu hợp lệ; cần x (có), 0 (không) hoặc để trống.",
              indicator.label_vi, shown, value.raw);
          finding.message_en = fmt::format(
              "“{}” for {} holds “{}”, which is not a mark; expected x (yes), 0 (no) or blank.",
              indicator.label_en, shown, value.raw);
        } else {
          finding.message_vi = fmt::format(
              "Ô «{}» của {} ghi «{}», không phải là một số; cần một số (ví dụ 95 hoặc 95,5).",
              indicator.label_vi, shown, value.raw);
          finding.message_en = fmt::format(
              "“{}” for {} holds “{}”, which is not a number; expected one number (such as 95 or 95,5).",
              indicator.label_en, shown, value.raw);
        }
        out.push_back(std::move(finding));
        break;
      }
      case ValueState::number: {
        if (indicator.kind == IndicatorKind::percent) {
          if (value.number < 0 || value.number > 100) {
            Finding finding = make(row, unit, Severity::error, "value.percent_range", idx, &value);
            finding.message_vi = fmt::format("Tỷ lệ «{}» của {} là {} %, nằm ngoài khoảng 0–100 %.",
                                             indicator.label_vi, shown,
                                             number::display_raw(value.raw, Lang::vi));
            finding.message_en = fmt::format("“{}” for {} is {} %, outside 0–100 %.", indicator.label_en,
                                             shown, number::display_raw(value.raw, Lang::en));
            out.push_back(std::move(finding));
          }
        } else if ((indicator.kind == IndicatorKind::score ||
                    indicator.kind == IndicatorKind::index) &&
                   indicator.max > 0 && (value.number < 0 || value.number > indicator.max)) {
          Finding finding = make(row, unit, Severity::error, "value.score_range", idx, &value);
          finding.message_vi =
              fmt::format("«{}» của {} là {} điểm, nằm ngoài thang điểm 0–{}.", indicator.label_vi,
                          shown, number::display_raw(value.raw, Lang::vi),
                          number::format_trimmed(indicator.max, 2, Lang::vi));
          finding.message_en =
              fmt::format("“{}” for {} is {} points, outside the scale 0–{}.", indicator.label_en,
                          shown, number::display_raw(value.raw, Lang::en),
                          number::format_trimmed(indicator.max, 2, Lang::en));
          out.push_back(std::move(finding));
        } else if (indicator.kind == IndicatorKind::rank &&
                   (value.number < 1 || value.number != std::floor(value.number))) {
          Finding finding = make(row, unit, Severity::error, "value.rank_invalid", idx, &value);
          finding.message_vi =
              fmt::format("Thứ hạng «{}» của {} ghi «{}»; cần một số nguyên từ 1 trở lên.",
                          indicator.label_vi, shown, value.raw);
          finding.message_en =
              fmt::format("The rank “{}” for {} is “{}”; expected a whole number from 1.",
                          indicator.label_en, shown, value.raw);
          out.push_back(std::move(finding));
        } else if (value.number < 0 && indicator.kind != IndicatorKind::mark) {
          Finding finding = make(row, unit, Severity::error, "value.negative", idx, &value);
          finding.message_vi = fmt::format("«{}» của {} là số âm ({}); cần một số không âm.",
                                           indicator.label_vi, shown,
                                           number::display_raw(value.raw, Lang::vi));
          finding.message_en = fmt::format("“{}” for {} is negative ({}); expected zero or more.",
                                           indicator.label_en, shown,
                                           number::display_raw(value.raw, Lang::en));
          out.push_back(std::move(finding));
        } else if (indicator.kind == IndicatorKind::index) {
          check_index(row, unit, shown, indicator_idx, out);
        }
        break;
      }
    }
  }
}

void TableChecker::State::check_index(const UnitRow& row, const std::string& unit, const std::string& shown,
                                      size_t indicator_idx, std::vector<Finding>& out) {
  const Indicator& indicator = plan.indicators[indicator_idx];
  const Value& typed = row.values[indicator_idx];
  double computed = 0;
  // How far the printed components may be from the ones the index was
  // computed from: a component typed with decimals was rounded to them
  // (61,86 stands for anything from 61,855 to 61,865), so the weighted sum
  // of the printed ones may miss the index by up to Σ |weight|·½·10^-decimals.
  // A whole-number component is taken as exact.
  double parts_rounding = 0;
  for (const Indicator::Component& component : indicator.components) {
    const int component_idx = plan.indicator_index(component.indicator);
    if (component_idx < 0 || static_cast<size_t>(component_idx) >= row.values.size()) return;
    const Value& part = row.values[static_cast<size_t>(component_idx)];
    if (part.state != ValueState::number) return;  // cannot be decided
    computed += component.weight * part.number;
    if (const int part_decimals = typed_decimals(part.raw); part_decimals > 0) {
      parts_rounding += std::abs(component.weight) * 0.5 * std::pow(10.0, -part_decimals);
    }
  }
  // Agrees when the computed sum rounded or cut to the typed decimals is
  // what was typed (an index is published rounded, some offices truncate),
  // or, with rounded components, when it is within their rounding and the
  // index's own.
  const int decimals = std::max(0, typed_decimals(typed.raw));
  const double scale = std::pow(10.0, decimals);
  const double tolerance = 1e-9 * std::max(1.0, std::abs(computed));
  if (std::abs(round_decimals(computed, decimals) - typed.number) <= tolerance ||
      std::abs(std::trunc(computed * scale + 1e-9) / scale - typed.number) <= tolerance) {
    return;
  }
  if (parts_rounding > 0 &&
      std::abs(computed - typed.number) <= parts_rounding + 0.5 / scale + tolerance) {
    return;
  }
  Finding finding =
      make(row, unit, Severity::error, "index.mismatch", static_cast<int>(indicator_idx), &typed);
  const double expected = round_decimals(computed, indicator.decimals);
  finding.expected = number::format_plain(expected);
  const std::string expected_vi = number::format(expected, indicator.decimals, Lang::vi);
  const std::string expected_en = number::format(expected, indicator.decimals, Lang::en);
  finding.message_vi =
      fmt::format("«{}» của {} ghi {}, nhưng tổng có trọng số của các thành phần là {}.",
                  indicator.label_vi, shown, number::display_raw(typed.raw, Lang::vi), expected_vi);
  finding.message_en =
      fmt::format("“{}” for {} is typed {}, but the weighted sum of its components is {}.",
                  indicator.label_en, shown, number::display_raw(typed.raw, Lang::en), expected_en);
  finding.hint_vi = fmt::format("Có lẽ đúng là {}.", expected_vi);
  finding.hint_en = fmt::format("The likely value is {}.", expected_en);
  out.push_back(std::move(finding));
}

void TableChecker::State::check_rules(const UnitRow& row, const std::string& unit,
                                      const std::string& shown, std::vector<Finding>& out) {
  if (compiled->rules.empty()) return;
  if (compiled->uses_unit_facts) {
    with_unit_facts = row.values;
    with_unit_facts.resize(plan.indicators.size());
    append_unit_facts(plan, row_unit_index(row, unit), with_unit_facts);
    expr_row.assign(with_unit_facts);
  } else {
    expr_row.assign(row.values);
  }
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
    context.unit = shown;
    context.raw = cell != nullptr ? std::string_view(cell->raw) : std::string_view();
    context.expected_decimals = decimals;
    context.values = compiled->uses_unit_facts ? &with_unit_facts : &row.values;
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

void TableChecker::finish(std::vector<Finding>& out) {
  state_->totals.finish(out);
  state_->ranks.finish(out);
}

void TableChecker::set_min_severity(Severity severity) { state_->min_severity = severity; }

void TableChecker::check_row(const UnitRow& row, std::vector<Finding>& out) {
  if (row.role != RowRole::unit) {
    state_->totals.add_total(row, state_->min_severity, out);
    return;
  }
  state_->totals.add_unit(row);
  const std::string& unit = state_->check_unit(row, out);
  const std::string& shown = state_->shown_name(row, unit);
  state_->check_values(row, unit, shown, out);
  state_->check_rules(row, unit, shown, out);
  if (state_->ranks.active()) state_->ranks.add(row, unit, shown);
}

void TableChecker::check_row_alone(const UnitRow& row, std::vector<Finding>& out) {
  const std::string& unit = state_->check_unit(row, out, true);
  const std::string& shown = state_->shown_name(row, unit);
  state_->check_values(row, unit, shown, out);
  state_->check_rules(row, unit, shown, out);
}

}  // namespace chiso::check
