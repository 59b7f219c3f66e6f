// The JSON of `chiso check --format json` and `chiso report --format json`.
// Shape (docs/reports.md):
//   {"period"?: "...",
//    "units": [{"row", "name", "values": {code: number | true | false | null}}],
//    "findings": [{"severity", "unit", "row", "indicator", "rule", "message",
//                  "raw", "expected", + extras}],
//    "summary": {code: number | null},
//    "summary_detail": {code: {"value", "units_reporting", "method", ...}},
//    "summary_by_group"?: {group id: {"label", "units", "summary": {code: …}}},
//    "summary_by_parent"?: {parent unit: {"label", "units", "summary": {…}}}}
// ("summary_by_group" only for a plan with [[unit_groups]]; "summary_by_parent"
// only when units of a parent have rows: the subtotal by parent).
#include <cmath>

#include <nlohmann/json.hpp>

#include "common/number.h"
#include "consolidate/summary.h"
#include "consolidate/unit_parts.h"
#include "report/report.h"
#include "report/table_model.h"

namespace chiso::report {
namespace {

using nlohmann::ordered_json;

// Integral values as JSON integers (66, not 66.0); others as doubles.
ordered_json number_json(double value) {
  if (!std::isfinite(value)) return nullptr;
  if (std::fabs(value) < 9e15 && value == std::floor(value)) return static_cast<int64_t>(value);
  return value;
}

double round_to(double value, int decimals) {
  double scale = std::pow(10.0, std::clamp(decimals, 0, 9));
  return std::round(value * scale) / scale;
}

ordered_json expected_json(const Finding& finding) {
  if (auto value = expected_number(finding)) return number_json(*value);
  return nullptr;
}

}  // namespace

namespace {

// Each group's figures (and each parent's), consolidated as the city-wide
// ones are (the same values left out) over the unit rows of its registered
// units (consolidate/unit_parts.h): {id or parent name: {"label", "units",
// "summary"}}.
ordered_json part_json(const Plan& plan, const CheckedTable& table, UnitPart::Kind kind) {
  ordered_json out = ordered_json::object();
  for (const PartFigures& part : part_figures(plan, table)) {
    if (part.part.kind != kind) continue;
    ordered_json values = ordered_json::object();
    for (size_t idx = 0; idx < plan.indicators.size() && idx < part.figures.size(); ++idx) {
      const Indicator& indicator = plan.indicators[idx];
      const SummaryValue& figure = part.figures[idx];
      ordered_json value = nullptr;
      if (indicator.consolidation == Consolidation::mark_count) {
        if (figure.yes + figure.no + figure.blank > 0) value = figure.yes;
      } else if (figure.value && std::isfinite(*figure.value)) {
        value = number_json(round_to(*figure.value, indicator.decimals));
      }
      values[indicator.code] = std::move(value);
    }
    const size_t index = static_cast<size_t>(part.part.index);
    const std::string& key =
        kind == UnitPart::Kind::group ? plan.unit_groups[index].id : plan.units[index].name;
    out[key] = {{"label", part_label(plan, part.part, Lang::vi)},
                {"units", part.units},
                {"summary", std::move(values)}};
  }
  return out;
}

}  // namespace

std::string to_json(const Plan& plan, const CheckedTable& table) {
  ModelOptions model_options;
  model_options.city_wide_row = false;
  TableModel model = build_table_model(plan, table, model_options);

  ordered_json doc = ordered_json::object();
  if (!table.period.empty()) doc["period"] = table.period;

  ordered_json units = ordered_json::array();
  for (const ModelRow& row : model.rows) {
    if (row.source == nullptr) continue;
    ordered_json values = ordered_json::object();
    for (size_t idx = 0; idx < plan.indicators.size(); ++idx) {
      ordered_json value = nullptr;
      if (idx < row.source->values.size()) {
        const Value& cell = row.source->values[idx];
        switch (cell.state) {
          case ValueState::number: value = number_json(cell.number); break;
          case ValueState::yes: value = true; break;
          case ValueState::no: value = false; break;
          case ValueState::text:
            // A grade is its text ("Tốt"); any other text has no value.
            if (plan.indicators[idx].kind == IndicatorKind::grade) value = cell.raw;
            break;
          case ValueState::blank:
          case ValueState::not_applicable: break;
        }
      }
      values[plan.indicators[idx].code] = std::move(value);
    }
    ordered_json unit = {{"row", row.source->row_number}, {"name", row.name}};
    if (!row.source->period.empty() && row.source->period != table.period) {
      unit["period"] = row.source->period;
    }
    unit["values"] = std::move(values);
    units.push_back(std::move(unit));
  }
  doc["units"] = std::move(units);

  ordered_json findings = ordered_json::array();
  for (const ModelFinding& placed : model.findings) {
    const Finding& finding = *placed.finding;
    ordered_json item = {
        {"severity", severity_name(finding.severity)},
        {"unit", finding.unit},
        {"row", finding.row},
        {"indicator", finding.indicator},
        {"rule", finding.rule_id},
        {"message", finding.message_vi},
        {"raw", finding.raw},
        {"expected", expected_json(finding)},
        {"message_en", finding.message_en},
        {"hint", finding.hint_vi},
        {"hint_en", finding.hint_en},
        {"file", finding.file},
        {"table", finding.pos.table_idx},
        {"line", finding.pos.row_idx},
        {"column", finding.pos.col_idx},
    };
    if (!finding.period.empty()) item["period"] = finding.period;
    findings.push_back(std::move(item));
  }
  doc["findings"] = std::move(findings);

  ordered_json summary = ordered_json::object();
  ordered_json detail = ordered_json::object();
  for (size_t idx = 0; idx < plan.indicators.size(); ++idx) {
    const Indicator& indicator = plan.indicators[idx];
    SummaryValue figure = idx < table.summary.size() ? table.summary[idx] : SummaryValue{};
    ordered_json value = nullptr;
    ordered_json item = ordered_json::object();
    if (indicator.consolidation == Consolidation::mark_count) {
      // A mark's city-wide figure is the number of units marked x; the
      // detail gives yes/no/blank.
      if (figure.yes + figure.no + figure.blank > 0) value = figure.yes;
      item["value"] = value;
      item["yes"] = figure.yes;
      item["no"] = figure.no;
      item["blank"] = figure.blank;
    } else {
      if (figure.value && std::isfinite(*figure.value)) {
        value = number_json(round_to(*figure.value, indicator.decimals));
        item["value"] = number_json(*figure.value);
      } else {
        item["value"] = nullptr;
      }
    }
    item["units_reporting"] = figure.units_reporting;
    item["method"] = word_of(kConsolidationWords, indicator.consolidation);
    if (!indicator.formula.empty()) item["formula"] = indicator.formula;
    if (!indicator.weight.empty()) item["weight"] = indicator.weight;
    summary[indicator.code] = std::move(value);
    detail[indicator.code] = std::move(item);
  }
  doc["summary"] = std::move(summary);
  doc["summary_detail"] = std::move(detail);
  if (!plan.unit_groups.empty()) doc["summary_by_group"] = part_json(plan, table, UnitPart::Kind::group);
  ordered_json by_parent = part_json(plan, table, UnitPart::Kind::parent);
  if (!by_parent.empty()) doc["summary_by_parent"] = std::move(by_parent);
  // Invalid UTF-8 cannot reach here (ingest converts to NFC, replacing bad
  // sequences), but never throw on it: replace.
  // The newline appended in place: a period of 10,000 units is a few MB,
  // which `dump() + "\n"` would copy whole.
  std::string out = doc.dump(2, ' ', false, ordered_json::error_handler_t::replace);
  out += '\n';
  return out;
}

}  // namespace chiso::report
