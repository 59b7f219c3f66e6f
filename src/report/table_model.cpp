#include "report/table_model.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <map>
#include <unordered_map>

#include "common/number.h"

namespace chiso::report {
namespace {

const std::string& pick(const std::string& vi, const std::string& en, Lang lang) {
  if (lang == Lang::en && !en.empty()) return en;
  return vi.empty() ? en : vi;
}

// "PHỤ LỤC 2" → "APPENDIX 2" for the English report.
std::string appendix_title(const std::string& vi, Lang lang) {
  static const std::string kPrefix = "PHỤ LỤC";
  if (lang == Lang::en && vi.rfind(kPrefix, 0) == 0) return "APPENDIX" + vi.substr(kPrefix.size());
  return vi;
}

void worst(std::optional<Severity>& into, Severity severity) {
  if (!into || static_cast<int>(severity) > static_cast<int>(*into)) into = severity;
}

DisplayCell value_cell(const Value& value, const Indicator& indicator) {
  DisplayCell cell;
  switch (value.state) {
    case ValueState::blank:
      break;
    case ValueState::yes:
      cell.kind = CellKind::mark_yes;
      cell.text = "x";
      break;
    case ValueState::no:
      cell.kind = CellKind::mark_no;
      cell.text = "0";
      break;
    case ValueState::text:
      cell.kind = CellKind::text;
      cell.text = value.raw;
      break;
    case ValueState::number:
      cell.kind = CellKind::number;
      cell.number = value.number;
      cell.decimals = decimals_needed(value.number, indicator.decimals);
      cell.text = number::format_vi(value.number, indicator.decimals);
      break;
  }
  return cell;
}

DisplayCell summary_cell(const SummaryValue& summary, const Indicator& indicator) {
  DisplayCell cell;
  if (indicator.consolidation == Consolidation::mark_count) {
    int total = summary.yes + summary.no + summary.blank;
    if (total == 0) return cell;
    cell.kind = CellKind::ratio;
    cell.number = summary.yes;
    cell.text = std::to_string(summary.yes) + "/" + std::to_string(total);
    return cell;
  }
  if (!summary.value || !std::isfinite(*summary.value)) return cell;
  cell.kind = CellKind::number;
  cell.number = *summary.value;
  cell.decimals = decimals_needed(*summary.value, indicator.decimals);
  cell.text = number::format_vi(*summary.value, indicator.decimals);
  return cell;
}

std::string consolidation_note(const Plan& plan, const Indicator& indicator, Lang lang) {
  bool vi = lang == Lang::vi;
  std::string how;
  switch (indicator.consolidation) {
    case Consolidation::sum:
      how = vi ? "tổng của các đơn vị" : "sum over the units";
      break;
    case Consolidation::ratio:
      how = vi ? "tính lại từ các tổng, không cộng tỷ lệ đã nhập: " + indicator.formula
               : "computed from the sums, typed shares are not added: " + indicator.formula;
      break;
    case Consolidation::weighted_mean: {
      int weight_idx = plan.indicator_index(indicator.weight);
      std::string weight = weight_idx >= 0
                               ? pick(plan.indicators[weight_idx].label_vi,
                                      plan.indicators[weight_idx].label_en, lang)
                               : indicator.weight;
      how = vi ? "trung bình có trọng số theo \"" + weight + "\""
               : "mean weighted by \"" + weight + "\"";
      break;
    }
    case Consolidation::mean:
      how = vi ? "trung bình cộng của các đơn vị có báo cáo"
               : "plain mean of the units reporting";
      break;
    case Consolidation::mark_count:
      how = vi ? "số đơn vị đánh dấu x / số đơn vị trong bảng"
               : "units marked x / units in the table";
      break;
  }
  return how;
}

}  // namespace

std::string_view severity_label(Severity severity, Lang lang) {
  bool vi = lang == Lang::vi;
  switch (severity) {
    case Severity::error: return vi ? "lỗi" : "error";
    case Severity::warning: return vi ? "cảnh báo" : "warning";
    case Severity::info: return vi ? "thông tin" : "info";
  }
  return "";
}

std::string city_wide_label(Lang lang) {
  return lang == Lang::vi ? "Toàn thành phố" : "City-wide";
}

int decimals_needed(double value, int decimals_max) {
  if (!std::isfinite(value)) return 0;
  decimals_max = std::clamp(decimals_max, 0, 6);
  double scale = 1;
  for (int decimals = 0; decimals < decimals_max; ++decimals, scale *= 10) {
    double scaled = value * scale;
    if (std::fabs(scaled - std::round(scaled)) < 1e-6 * std::max(1.0, std::fabs(scaled))) {
      return decimals;
    }
  }
  return decimals_max;
}

const std::string& finding_message(const Finding& finding, Lang lang) {
  return pick(finding.message_vi, finding.message_en, lang);
}

const std::string& finding_hint(const Finding& finding, Lang lang) {
  return pick(finding.hint_vi, finding.hint_en, lang);
}

std::optional<double> expected_number(const Finding& finding) {
  const std::string& expected = finding.expected;
  if (expected.empty()) return std::nullopt;
  double value = 0;
  auto [end, ec] = std::from_chars(expected.data(), expected.data() + expected.size(), value);
  if (ec == std::errc() && end == expected.data() + expected.size() && std::isfinite(value)) {
    return value;
  }
  return number::parse(expected);
}

std::string expected_display(const Finding& finding) {
  if (auto value = expected_number(finding)) return number::format_vi(*value, 4);
  return finding.expected;
}

std::string TableModel::flat_label(int col) const {
  const ModelColumn& column = columns.at(static_cast<size_t>(col));
  return column.group.empty() ? column.label : column.group + " / " + column.label;
}

TableModel build_table_model(const Plan& plan, const CheckedTable& table,
                             const ModelOptions& options) {
  TableModel model;
  Lang lang = options.lang;
  model.lang = lang;

  // Titles: the plan's (what is published), else what the file carried.
  if (!plan.appendix_vi.empty()) model.title_lines.push_back(appendix_title(plan.appendix_vi, lang));
  const std::string& title = pick(plan.title_vi, plan.title_en, lang);
  if (!title.empty()) model.title_lines.push_back(title);
  if (model.title_lines.empty()) model.title_lines = table.title_lines;

  model.notes = lang == Lang::en && !plan.notes_en.empty() ? plan.notes_en : plan.notes_vi;
  if (model.notes.empty()) model.notes = table.note_lines;

  // Columns and header.
  model.row_number_header = lang == Lang::vi ? "STT" : "No.";
  model.unit_name_header =
      lang == Lang::vi ? (plan.unit_name_headers.empty() ? "Tên đơn vị" : plan.unit_name_headers[0])
                       : "Unit";
  bool any_group = false;
  for (size_t idx = 0; idx < plan.indicators.size(); ++idx) {
    const Indicator& indicator = plan.indicators[idx];
    ModelColumn column;
    column.indicator_idx = static_cast<int>(idx);
    column.code = indicator.code;
    column.label = pick(indicator.label_vi, indicator.label_en, lang);
    if (const Group* group = plan.group(indicator.group)) {
      column.group = pick(group->label_vi, group->label_en, lang);
      any_group = true;
    }
    column.kind = indicator.kind;
    column.decimals_max = indicator.decimals;
    column.consolidation_note = consolidation_note(plan, indicator, lang);
    model.footnotes.push_back(column.label + ": " + column.consolidation_note);
    model.columns.push_back(std::move(column));
  }
  model.header_levels = any_group ? 2 : 1;
  int levels = model.header_levels;
  model.header.push_back({model.row_number_header, 0, 0, levels, 1});
  model.header.push_back({model.unit_name_header, 0, 1, levels, 1});
  std::vector<HeaderCell> lower;
  for (size_t idx = 0; idx < model.columns.size();) {
    const ModelColumn& column = model.columns[idx];
    int col = 2 + static_cast<int>(idx);
    if (levels == 1 || plan.indicators[idx].group.empty() || column.group.empty()) {
      model.header.push_back({column.label, 0, col, levels, 1});
      ++idx;
      continue;
    }
    size_t end = idx + 1;
    while (end < model.columns.size() && plan.indicators[end].group == plan.indicators[idx].group) ++end;
    model.header.push_back({column.group, 0, col, 1, static_cast<int>(end - idx)});
    for (size_t member = idx; member < end; ++member) {
      lower.push_back({model.columns[member].label, 1, 2 + static_cast<int>(member), 1, 1});
    }
    idx = end;
  }
  model.header.insert(model.header.end(), lower.begin(), lower.end());

  // Rows: plan unit order, then unregistered rows in table order.
  // A national plan has thousands of units: look names up in a hash map,
  // not with Plan::unit_index's scan.
  std::unordered_map<std::string_view, int> unit_by_name;
  unit_by_name.reserve(plan.units.size());
  for (size_t unit_idx = 0; unit_idx < plan.units.size(); ++unit_idx) {
    unit_by_name.emplace(plan.units[unit_idx].name, static_cast<int>(unit_idx));
  }
  auto unit_index = [&](const std::string& name) {
    auto it = name.empty() ? unit_by_name.end() : unit_by_name.find(name);
    return it == unit_by_name.end() ? -1 : it->second;
  };
  std::vector<std::vector<const UnitRow*>> by_unit(plan.units.size());
  std::vector<const UnitRow*> unregistered;
  for (const UnitRow& row : table.rows) {
    int unit_idx = unit_index(row.unit_name);
    if (unit_idx >= 0) {
      by_unit[static_cast<size_t>(unit_idx)].push_back(&row);
    } else {
      unregistered.push_back(&row);
    }
  }
  auto add_row = [&](const UnitRow* row, const std::string& missing_name) {
    ModelRow model_row;
    model_row.source = row;
    model_row.cells.resize(model.columns.size());
    if (row == nullptr) {
      model_row.name = missing_name;
      model_row.registered = true;
    } else {
      model_row.row_number = row->row_number;
      model_row.name = row->unit_name.empty() ? row->raw_name : row->unit_name;
      model_row.registered = unit_index(row->unit_name) >= 0;
      for (size_t idx = 0; idx < model.columns.size() && idx < row->values.size(); ++idx) {
        model_row.cells[idx] = value_cell(row->values[idx], plan.indicators[idx]);
      }
    }
    model_row.name_cell.kind = CellKind::text;
    model_row.name_cell.text = model_row.name;
    model.rows.push_back(std::move(model_row));
  };
  for (size_t unit_idx = 0; unit_idx < plan.units.size(); ++unit_idx) {
    for (const UnitRow* row : by_unit[unit_idx]) add_row(row, "");
    if (by_unit[unit_idx].empty() && options.list_missing_units) add_row(nullptr, plan.units[unit_idx].name);
  }
  for (const UnitRow* row : unregistered) add_row(row, "");

  if (options.city_wide_row) {
    ModelRow city;
    city.city_wide = true;
    city.name = city_wide_label(lang);
    city.name_cell.kind = CellKind::text;
    city.name_cell.text = city.name;
    city.cells.resize(model.columns.size());
    for (size_t idx = 0; idx < model.columns.size() && idx < table.summary.size(); ++idx) {
      city.cells[idx] = summary_cell(table.summary[idx], plan.indicators[idx]);
    }
    model.rows.push_back(std::move(city));
  }

  // Findings: placed at their cell, numbered in row then column order.
  std::map<int, std::vector<int>> rows_by_number;  // STT → model rows
  for (size_t idx = 0; idx < model.rows.size(); ++idx) {
    if (model.rows[idx].source) rows_by_number[model.rows[idx].source->row_number].push_back(static_cast<int>(idx));
  }
  for (const Finding& finding : table.findings) {
    ModelFinding placed;
    placed.finding = &finding;
    if (finding.row != 0) {
      auto it = rows_by_number.find(finding.row);
      if (it != rows_by_number.end()) {
        placed.model_row = it->second.front();
        for (int candidate : it->second) {
          const UnitRow* source = model.rows[static_cast<size_t>(candidate)].source;
          bool same_unit = finding.unit == source->unit_name || finding.unit == source->raw_name;
          bool same_period = finding.period.empty() || source->period.empty() || finding.period == source->period;
          if (same_unit && same_period) {
            placed.model_row = candidate;
            break;
          }
        }
      }
    }
    if (placed.model_row >= 0 && !finding.indicator.empty()) {
      for (size_t idx = 0; idx < model.columns.size(); ++idx) {
        if (model.columns[idx].code == finding.indicator) placed.model_col = static_cast<int>(idx);
      }
    }
    model.findings.push_back(placed);
  }
  std::stable_sort(model.findings.begin(), model.findings.end(),
                   [](const ModelFinding& a, const ModelFinding& b) {
                     if (a.model_row != b.model_row) return a.model_row < b.model_row;
                     return a.model_col < b.model_col;
                   });
  for (size_t idx = 0; idx < model.findings.size(); ++idx) {
    const ModelFinding& placed = model.findings[idx];
    if (placed.model_row < 0) continue;
    ModelRow& row = model.rows[static_cast<size_t>(placed.model_row)];
    DisplayCell& cell = placed.model_col >= 0 ? row.cells[static_cast<size_t>(placed.model_col)] : row.name_cell;
    cell.findings.push_back(static_cast<int>(idx));
    worst(cell.severity, placed.finding->severity);
  }
  return model;
}

}  // namespace chiso::report
