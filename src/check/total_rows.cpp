// TotalRows: a printed total against the consolidation of the rows it covers.
//
// Findings (docs/checks.md):
//   total.mismatch  error  a total or subtotal cell differs from the figure
//                          chiso consolidates (both figures in the message)
//   total.row       info   the row is a total/subtotal, not a unit: not stored
// Mark indicators are not compared (a table prints their count its own way).
// A typed figure agrees when it equals the consolidated one rounded to the
// decimals it was typed with ("87,6" for 87,64; "4.190" for 4190).
#include "check/total_rows.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <optional>

#include "check/message_template.h"
#include "common/number.h"
#include "common/text.h"
#include "consolidate/summary.h"
#include "consolidate/unit_parts.h"

namespace chiso::check {
namespace {

// The decimals a number was typed with, at most 6.
int typed_decimals(double value) {
  double scale = 1;
  for (int decimals = 0; decimals < 6; ++decimals, scale *= 10) {
    const double scaled = value * scale;
    if (std::fabs(scaled - std::round(scaled)) < 1e-6 * std::max(1.0, std::fabs(scaled))) return decimals;
  }
  return 6;
}

bool agrees(double typed, double consolidated) {
  const double tolerance =
      std::max(0.5 * std::pow(10.0, -typed_decimals(typed)), 1e-9 * std::max(1.0, std::fabs(typed)));
  return std::fabs(typed - consolidated) <= tolerance + 1e-12;
}

std::string row_label(const UnitRow& row) {
  return row.raw_name.empty() ? std::string("(không tên)") : row.raw_name;
}

// A finding about a total row, at `pos`.
Finding total_finding(const UnitRow& row, Severity severity, const char* rule_id, const std::string& file,
                      const CellPos& pos) {
  Finding finding;
  finding.severity = severity;
  finding.rule_id = rule_id;
  finding.unit = row.raw_name;
  finding.row = row.row_number;
  finding.file = file;
  finding.pos = pos;
  finding.period = row.period;
  return finding;
}

}  // namespace

struct TotalRows::State {
  State(const Plan& plan_in, std::string file_in) : plan(plan_in), file(std::move(file_in)) {}

  enum class Style { unknown, closing, heading };
  struct Period {
    explicit Period(const Plan& plan) : whole(plan) {}
    SummaryAccumulator whole;
    // The units since the last boundary; null until the period's first total
    // or subtotal row, when the section is the whole period so far (a table
    // without totals pays for one accumulator, not two).
    std::unique_ptr<SummaryAccumulator> section;
    int section_units = 0;
    int units = 0;  // every unit row of the period
    Style style = Style::unknown;
    std::optional<UnitRow> heading;  // a heading subtotal waiting for its section's end
    std::vector<UnitRow> totals;     // compared at finish
    // Per part of the plan (parts below): its units' rows of the period, and
    // the subtotal rows that name it, compared at finish.
    std::vector<std::unique_ptr<SummaryAccumulator>> part_sums;
    std::vector<int> part_units;
    std::vector<std::pair<UnitRow, size_t>> part_subtotals;
  };

  const Plan& plan;
  std::string file;
  // The groups and parents a subtotal row may name (consolidate/unit_parts.h),
  // with the folded words that name each: a group's label (both languages)
  // and id, a parent's name, short name and variants.
  std::vector<UnitPart> parts = unit_parts(plan);
  std::vector<std::vector<std::string>> part_keys = fold_part_keys();
  std::map<std::string, Period> periods;
  Period* last = nullptr;
  std::string last_period;

  Period& period(const std::string& name) {
    if (last == nullptr || name != last_period) {
      last = &periods.try_emplace(name, plan).first->second;
      last_period = name;
    }
    return *last;
  }

  std::vector<std::vector<std::string>> fold_part_keys() const {
    std::vector<std::vector<std::string>> keys;
    for (const UnitPart& part : parts) {
      std::vector<std::string> words;
      if (part.kind == UnitPart::Kind::group) {
        const UnitGroup& group = plan.unit_groups[static_cast<size_t>(part.index)];
        words = {group.label_vi, group.label_en, group.id};
      } else {
        const UnitDef& unit = plan.units[static_cast<size_t>(part.index)];
        words = {unit.name, unit.short_name};
        words.insert(words.end(), unit.variants.begin(), unit.variants.end());
      }
      std::vector<std::string> folded;
      for (const std::string& word : words) {
        std::string key = text::fold_key(word);
        if (!key.empty()) folded.push_back(std::move(key));
      }
      keys.push_back(std::move(folded));
    }
    return keys;
  }

  // The part a subtotal row names: its name is the part's words, or ends
  // with them after the subtotal's own ("Cộng khối sở, ban, ngành", "Cộng
  // UBND huyện An Lão"); -1 when none. The longest words win (a group "Khối
  // huyện" and a parent "huyện").
  int part_of(const UnitRow& row) const {
    if (parts.empty()) return -1;
    const std::string name = text::fold_key(row.raw_name);
    int found = -1;
    size_t found_length = 0;
    for (size_t part_idx = 0; part_idx < parts.size(); ++part_idx) {
      for (const std::string& key : part_keys[part_idx]) {
        const bool names = name == key || (name.size() > key.size() && name.ends_with(key) &&
                                           name[name.size() - key.size() - 1] == ' ');
        if (names && key.size() > found_length) {
          found = static_cast<int>(part_idx);
          found_length = key.size();
        }
      }
    }
    return found;
  }

  // Closes the section: compares `subtotal` (unless null: a subtotal of a
  // part is compared with the part's units instead) with its units, starts afresh.
  void close_section(Period& state, const UnitRow* subtotal, std::vector<Finding>& out) {
    if (subtotal) {
      compare(*subtotal, (state.section ? *state.section : state.whole).finish(), state.section_units,
              nullptr, out);
    }
    start_section(state);
  }

  void start_section(Period& state) {
    state.section = std::make_unique<SummaryAccumulator>(plan);
    state.section_units = 0;
  }

  // `part`: the group or parent the subtotal names, null for a total or a
  // subtotal of its section.
  void compare(const UnitRow& row, const std::vector<SummaryValue>& figures, int units,
               const UnitPart* part, std::vector<Finding>& out) const {
    const bool total = row.role == RowRole::total;
    const size_t count = std::min({row.values.size(), figures.size(), plan.indicators.size()});
    for (size_t indicator_idx = 0; indicator_idx < count; ++indicator_idx) {
      const Indicator& indicator = plan.indicators[indicator_idx];
      const Value& typed = row.values[indicator_idx];
      if (indicator.kind == IndicatorKind::mark || typed.state != ValueState::number) continue;
      const std::optional<double>& consolidated = figures[indicator_idx].value;
      if (!consolidated || agrees(typed.number, *consolidated)) continue;
      const int decimals = std::max(indicator.decimals, typed_decimals(typed.number));
      const std::string figure = number::format_vi(*consolidated, decimals);
      Finding finding = total_finding(row, Severity::error, "total.mismatch", file,
                                      typed.pos.col_idx != 0 ? typed.pos : row.pos);
      finding.indicator = indicator.code;
      finding.raw = typed.raw;
      // chiso's figure to the decimals shown: the typed ones, or the plan's.
      finding.expected = number::format_plain(round_decimals(*consolidated, decimals));
      std::string scope_vi = total ? "trong bảng" : "của phần này";
      std::string scope_en = total ? "of the table" : "of its section";
      if (part && part->kind == UnitPart::Kind::group) {
        scope_vi = "thuộc «" + part_label(plan, *part, Lang::vi) + "»";
        scope_en = "in “" + part_label(plan, *part, Lang::en) + "”";
      } else if (part) {
        const std::string& parent = plan.units[static_cast<size_t>(part->index)].name;
        scope_vi = "trực thuộc " + parent;
        scope_en = "under " + parent;
      }
      finding.message_vi = fmt::format(
          "Dòng {} «{}» ghi «{}» là {}, nhưng chiso tổng hợp từ {} đơn vị {} được {}.",
          total ? "tổng" : "tổng phụ", row_label(row), indicator.label_vi,
          number::display_raw(typed.raw, Lang::vi), units, scope_vi, figure);
      finding.message_en = fmt::format(
          "The {} row “{}” gives {} for “{}”, but chiso consolidates {} from the {} units {}.",
          total ? "total" : "subtotal", row_label(row), number::display_raw(typed.raw, Lang::en),
          indicator.label_en.empty() ? indicator.code : indicator.label_en,
          number::format_plain(*consolidated), units, scope_en);
      if (part) {
        finding.hint_vi = fmt::format("Theo số liệu các đơn vị {}, dòng này là {}.", scope_vi, figure);
        finding.hint_en = fmt::format("From the figures of the units {}, this row is {}.", scope_en,
                                      number::format_plain(*consolidated));
      } else {
        finding.hint_vi = "Kiểm tra số liệu các đơn vị hoặc công thức của dòng tổng.";
        finding.hint_en = "Check the units' figures or the total row's formula.";
      }
      out.push_back(std::move(finding));
    }
  }
};

TotalRows::TotalRows(const Plan& plan, std::string file) : plan_(plan), file_(std::move(file)) {}

TotalRows::~TotalRows() = default;

TotalRows::State& TotalRows::state() {
  if (!state_) state_ = std::make_unique<State>(plan_, file_);
  return *state_;
}

void TotalRows::add_unit(const UnitRow& row) {
  state();
  State::Period& state = state_->period(row.period);
  state.whole.add(row);
  if (state.section) state.section->add(row);
  ++state.section_units;
  ++state.units;
  if (state_->parts.empty() || row.unit_name.empty()) return;
  const Plan& plan = state_->plan;
  const int unit_idx = row.unit_idx >= 0 && static_cast<size_t>(row.unit_idx) < plan.units.size() &&
                               plan.units[static_cast<size_t>(row.unit_idx)].name == row.unit_name
                           ? row.unit_idx
                           : plan.unit_index(row.unit_name);
  for (size_t part_idx = 0; part_idx < state_->parts.size(); ++part_idx) {
    if (!in_part(plan, state_->parts[part_idx], unit_idx)) continue;
    if (state.part_sums.empty()) {
      state.part_sums.resize(state_->parts.size());
      state.part_units.assign(state_->parts.size(), 0);
    }
    if (!state.part_sums[part_idx]) state.part_sums[part_idx] = std::make_unique<SummaryAccumulator>(plan);
    state.part_sums[part_idx]->add(row);
    ++state.part_units[part_idx];
  }
}

void TotalRows::add_total(const UnitRow& row, Severity min_severity, std::vector<Finding>& out) {
  if (min_severity <= Severity::info) {
    const bool total = row.role == RowRole::total;
    Finding note = total_finding(row, Severity::info, "total.row", file_, row.pos);
    note.raw = row.raw_name;
    note.message_vi = fmt::format(
        "Dòng «{}» là dòng {} của bảng, không phải một đơn vị: không lưu, chỉ dùng để đối chiếu.",
        row_label(row), total ? "tổng" : "tổng phụ");
    note.message_en = fmt::format(
        "The row “{}” is a {} row of the table, not a unit: not stored, only compared.", row_label(row),
        total ? "total" : "subtotal");
    out.push_back(std::move(note));
  }
  State::Period& state = this->state().period(row.period);
  using Style = State::Style;
  if (row.role == RowRole::subtotal) {
    // A subtotal that names a group or a parent is compared with that part's
    // units, wherever they stand, at finish; it still bounds the sections.
    const int part_idx = state_->part_of(row);
    if (part_idx >= 0) state.part_subtotals.emplace_back(row, static_cast<size_t>(part_idx));
    if (state.style == Style::unknown) {
      state.style = state.section_units > 0 ? Style::closing : Style::heading;
    }
    if (state.style == Style::closing) {
      state_->close_section(state, part_idx >= 0 ? nullptr : &row, out);
    } else {
      if (state.heading) state_->close_section(state, &*state.heading, out);
      if (part_idx >= 0) {
        state.heading.reset();
      } else {
        state.heading = row;
      }
      state_->start_section(state);
    }
    return;
  }
  if (state.heading) {
    state_->close_section(state, &*state.heading, out);
    state.heading.reset();
  }
  state_->start_section(state);
  state.totals.push_back(row);
}

void TotalRows::finish(std::vector<Finding>& out) {
  if (!state_) return;  // no row came
  for (auto& [name, state] : state_->periods) {
    if (state.heading) {
      state_->close_section(state, &*state.heading, out);
      state.heading.reset();
    }
    for (const auto& [subtotal, part_idx] : state.part_subtotals) {
      const UnitPart& part = state_->parts[part_idx];
      if (state.part_sums.empty() || !state.part_sums[part_idx]) continue;  // none of its units
      state_->compare(subtotal, state.part_sums[part_idx]->finish(), state.part_units[part_idx], &part,
                      out);
    }
    state.part_subtotals.clear();
    if (state.totals.empty()) continue;
    const std::vector<SummaryValue> figures = state.whole.finish();
    for (const UnitRow& total : state.totals) state_->compare(total, figures, state.units, nullptr, out);
    state.totals.clear();
  }
}

}  // namespace chiso::check
