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

#include "consolidate/summary.h"
#include "common/number.h"

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
  };

  const Plan& plan;
  std::string file;
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

  // Closes the section: compares `subtotal` with its units, starts afresh.
  void close_section(Period& state, const UnitRow& subtotal, std::vector<Finding>& out) {
    compare(subtotal, (state.section ? *state.section : state.whole).finish(), state.section_units, out);
    start_section(state);
  }

  void start_section(Period& state) {
    state.section = std::make_unique<SummaryAccumulator>(plan);
    state.section_units = 0;
  }

  void compare(const UnitRow& row, const std::vector<SummaryValue>& figures, int units,
               std::vector<Finding>& out) const {
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
      finding.expected = number::format_plain(*consolidated);
      finding.message_vi = fmt::format(
          "Dòng {} «{}» ghi «{}» là {}, nhưng chiso tổng hợp từ {} đơn vị {} được {}.",
          total ? "tổng" : "tổng phụ", row_label(row), indicator.label_vi, typed.raw, units,
          total ? "trong bảng" : "của phần này", figure);
      finding.message_en = fmt::format(
          "The {} row “{}” gives {} for “{}”, but chiso consolidates {} from the {} units {}.",
          total ? "total" : "subtotal", row_label(row), typed.raw,
          indicator.label_en.empty() ? indicator.code : indicator.label_en,
          number::format_plain(*consolidated), units, total ? "of the table" : "of its section");
      finding.hint_vi = "Kiểm tra số liệu các đơn vị hoặc công thức của dòng tổng.";
      finding.hint_en = "Check the units' figures or the total row's formula.";
      out.push_back(std::move(finding));
    }
  }
};

TotalRows::TotalRows(const Plan& plan, std::string file)
    : state_(std::make_unique<State>(plan, std::move(file))) {}

TotalRows::~TotalRows() = default;

void TotalRows::add_unit(const UnitRow& row) {
  State::Period& state = state_->period(row.period);
  state.whole.add(row);
  if (state.section) state.section->add(row);
  ++state.section_units;
  ++state.units;
}

void TotalRows::add_total(const UnitRow& row, Severity min_severity, std::vector<Finding>& out) {
  if (min_severity <= Severity::info) {
    const bool total = row.role == RowRole::total;
    Finding note = total_finding(row, Severity::info, "total.row", state_->file, row.pos);
    note.raw = row.raw_name;
    note.message_vi = fmt::format(
        "Dòng «{}» là dòng {} của bảng, không phải một đơn vị: không lưu, chỉ dùng để đối chiếu.",
        row_label(row), total ? "tổng" : "tổng phụ");
    note.message_en = fmt::format(
        "The row “{}” is a {} row of the table, not a unit: not stored, only compared.", row_label(row),
        total ? "total" : "subtotal");
    out.push_back(std::move(note));
  }
  State::Period& state = state_->period(row.period);
  using Style = State::Style;
  if (row.role == RowRole::subtotal) {
    if (state.style == Style::unknown) {
      state.style = state.section_units > 0 ? Style::closing : Style::heading;
    }
    if (state.style == Style::closing) {
      state_->close_section(state, row, out);
    } else {
      if (state.heading) state_->close_section(state, *state.heading, out);
      state.heading = row;
      state_->start_section(state);
    }
    return;
  }
  if (state.heading) {
    state_->close_section(state, *state.heading, out);
    state.heading.reset();
  }
  state_->start_section(state);
  state.totals.push_back(row);
}

void TotalRows::finish(std::vector<Finding>& out) {
  for (auto& [name, state] : state_->periods) {
    if (state.heading) {
      state_->close_section(state, *state.heading, out);
      state.heading.reset();
    }
    if (state.totals.empty()) continue;
    const std::vector<SummaryValue> figures = state.whole.finish();
    for (const UnitRow& total : state.totals) state_->compare(total, figures, state.units, out);
    state.totals.clear();
  }
}

}  // namespace chiso::check
