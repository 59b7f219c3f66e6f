#include "report/table_model.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <map>
#include <unordered_map>

#include "common/number.h"
#include "consolidate/analysis.h"
#include "consolidate/value_standing.h"
#include "plan/expr.h"
#include "plan/unit_validity.h"
#include "plan/period.h"

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

Lang number_lang(Lang lang) { return lang == Lang::vi ? Lang::vi : Lang::en; }

DisplayCell value_cell(const Value& value, const Indicator& indicator, Lang lang) {
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
    case ValueState::not_applicable:
      // As typed ("-", "N/A"): never drawn, ranked or counted.
      cell.kind = CellKind::not_applicable;
      cell.text = value.raw;
      break;
    case ValueState::number:
      cell.kind = CellKind::number;
      cell.number = value.number;
      cell.decimals = std::clamp(indicator.decimals, 0, 9);
      cell.text = number::format(value.number, indicator.decimals, number_lang(lang));
      break;
  }
  return cell;
}

DisplayCell summary_cell(const SummaryValue& summary, const Indicator& indicator, Lang lang) {
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
  cell.decimals = std::clamp(indicator.decimals, 0, 9);
  cell.text = number::format(*summary.value, indicator.decimals, number_lang(lang));
  return cell;
}

// «label» of indicator `idx` in the report language.
std::string quoted_label(const Plan& plan, int idx, Lang lang) {
  const Indicator& indicator = plan.indicators[static_cast<size_t>(idx)];
  const std::string& label = pick(indicator.label_vi, indicator.label_en, lang);
  return lang == Lang::vi ? "«" + label + "»" : "“" + label + "”";
}

std::string consolidation_note(const Plan& plan, const Indicator& indicator, Lang lang) {
  bool vi = lang == Lang::vi;
  std::string how;
  switch (indicator.consolidation) {
    case Consolidation::sum:
      how = vi ? "tổng của các đơn vị" : "sum over the units";
      break;
    case Consolidation::ratio: {
      // People never read the formula's code: the sums it uses, by label.
      std::vector<std::string> sums;
      auto formula = Expr::parse(indicator.formula,
                                 [&plan](std::string_view name) { return plan.indicator_index(name); });
      if (formula) {
        for (int used : formula->names_used()) {
          sums.push_back((vi ? "tổng " : "the total of ") + quoted_label(plan, used, lang));
        }
      }
      if (sums.empty()) sums.push_back(vi ? "các tổng" : "the totals");
      std::string listed;
      for (size_t idx = 0; idx < sums.size(); ++idx) {
        if (idx > 0) listed += idx + 1 == sums.size() ? (vi ? " và " : " and ") : ", ";
        listed += sums[idx];
      }
      how = vi ? "tính lại từ " + listed + " của các đơn vị, không cộng các tỷ lệ đã nhập"
               : "computed from " + listed + " over the units; typed shares are not added";
      break;
    }
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
    case Consolidation::none:
      // Named after the plan's own summary row ("Toàn thành phố", "Trung bình").
      how = vi ? "không có số liệu ở dòng «" + plan.summary_row_vi + "» (không cộng, không lấy trung bình)"
               : "no figure in the “" + plan.summary_row_en + "” row (neither added up nor averaged)";
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

std::string period_words(std::string_view period, Lang lang) {
  return lang == Lang::vi ? period_text_vi(period) : period_text_en(period);
}

bool has_city_wide_figures(const Plan& plan) {
  return std::any_of(plan.indicators.begin(), plan.indicators.end(),
                     [](const Indicator& indicator) { return indicator.consolidation != Consolidation::none; });
}

std::string city_wide_label(const Plan& plan, Lang lang) {
  return lang == Lang::vi ? plan.summary_row_vi : plan.summary_row_en;
}

std::string city_wide_phrase(const Plan& plan, Lang lang) {
  std::string label = city_wide_label(plan, lang);
  if (!label.empty() && label[0] >= 'A' && label[0] <= 'Z') label[0] = static_cast<char>(label[0] - 'A' + 'a');
  return label;
}

std::string not_applicable_text(Lang lang) { return lang == Lang::vi ? "không áp dụng" : "n/a"; }

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

const std::string& finding_unit(const TableModel& model, const ModelFinding& placed) {
  if (placed.model_row >= 0 && static_cast<size_t>(placed.model_row) < model.rows.size() &&
      model.rows[static_cast<size_t>(placed.model_row)].source != nullptr) {
    return model.rows[static_cast<size_t>(placed.model_row)].name;
  }
  return placed.finding->unit;
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

std::string raw_display(const Finding& finding, Lang lang) {
  return number::display_raw(finding.raw, number_lang(lang));
}

std::string expected_display(const Finding& finding, Lang lang) {
  if (auto value = expected_number(finding)) return number::format_trimmed(*value, 4, number_lang(lang));
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

  // Rows: plan unit order, then unregistered rows in table order. Each
  // row's unit in the plan (-1: unregistered; a name the plan lists twice is
  // its first). A national plan has thousands of units: for a table, names
  // are looked up in a hash map of the plan's names, not with
  // Plan::unit_index's scan; for a few rows (one unit's row saved from a
  // page) the plan's names are compared with theirs, most by length alone,
  // where hashing every name of the plan would be most of the work.
  std::vector<int> unit_of_row(table.rows.size(), -1);
  if (table.rows.size() <= 4 && !options.list_missing_units) {
    size_t unplaced = 0;
    for (const UnitRow& row : table.rows) unplaced += !row.unit_name.empty();
    for (size_t unit_idx = 0; unit_idx < plan.units.size() && unplaced > 0; ++unit_idx) {
      for (size_t row_idx = 0; row_idx < table.rows.size(); ++row_idx) {
        if (unit_of_row[row_idx] < 0 && !table.rows[row_idx].unit_name.empty() &&
            table.rows[row_idx].unit_name == plan.units[unit_idx].name) {
          unit_of_row[row_idx] = static_cast<int>(unit_idx);
          --unplaced;
        }
      }
    }
  } else {
    std::unordered_map<std::string_view, int> unit_by_name;
    unit_by_name.reserve(plan.units.size());
    for (size_t unit_idx = 0; unit_idx < plan.units.size(); ++unit_idx) {
      unit_by_name.emplace(plan.units[unit_idx].name, static_cast<int>(unit_idx));
    }
    for (size_t row_idx = 0; row_idx < table.rows.size(); ++row_idx) {
      const std::string& name = table.rows[row_idx].unit_name;
      auto it = name.empty() ? unit_by_name.end() : unit_by_name.find(name);
      if (it != unit_by_name.end()) unit_of_row[row_idx] = it->second;
    }
  }
  const ValueStandings standings(plan, table.findings);
  // Registered rows by their unit's place in the plan (stable: rows of one
  // unit in table order), then the unregistered ones.
  std::vector<size_t> row_order(table.rows.size());
  for (size_t row_idx = 0; row_idx < row_order.size(); ++row_idx) row_order[row_idx] = row_idx;
  auto place = [&](size_t row_idx) {
    const int unit_idx = unit_of_row[row_idx];
    return unit_idx >= 0 ? static_cast<size_t>(unit_idx) : plan.units.size();
  };
  std::stable_sort(row_order.begin(), row_order.end(),
                   [&](size_t left, size_t right) { return place(left) < place(right); });
  auto add_row = [&](const UnitRow* row, int unit_of_row_idx, const std::string& missing_name) {
    const bool registered = unit_of_row_idx >= 0;
    ModelRow model_row;
    model_row.source = row;
    if (!options.layout_only) model_row.cells.resize(model.columns.size());
    if (row == nullptr) {
      model_row.name = missing_name;
      model_row.registered = true;
    } else {
      model_row.row_number = row->row_number;
      // A registered unit as it was named in the row's period.
      model_row.name = unit_of_row_idx >= 0
                           ? unit_name_in(plan, plan.units[static_cast<size_t>(unit_of_row_idx)], row->period)
                           : row->unit_name.empty() ? row->raw_name : row->unit_name;
      model_row.registered = registered;
      for (size_t idx = 0; idx < model_row.cells.size() && idx < row->values.size(); ++idx) {
        DisplayCell& cell = model_row.cells[idx];
        cell = value_cell(row->values[idx], plan.indicators[idx], lang);
        switch (standings.of(*row, static_cast<int>(idx))) {
          case Standing::not_applicable:
            cell.kind = CellKind::not_applicable;
            cell.text = not_applicable_text(lang);
            break;
          case Standing::in_error:
            // Under an error on a count its formula uses (a finding on the
            // cell itself marks it below).
            worst(cell.severity, Severity::error);
            cell.in_error = true;
            break;
          default:
            break;
        }
      }
    }
    model_row.name_cell.kind = CellKind::text;
    model_row.name_cell.text = model_row.name;
    model.rows.push_back(std::move(model_row));
  };
  size_t next = 0;  // in row_order
  for (size_t unit_idx = 0; unit_idx < plan.units.size() && (next < row_order.size() || options.list_missing_units);
       ++unit_idx) {
    const size_t first = next;
    while (next < row_order.size() && place(row_order[next]) == unit_idx) {
      add_row(&table.rows[row_order[next]], static_cast<int>(unit_idx), "");
      ++next;
    }
    // A unit missing from the table is listed only for a period it exists in.
    if (next == first && options.list_missing_units &&
        unit_presence(plan, plan.units[unit_idx], table.period) == UnitPresence::valid) {
      add_row(nullptr, static_cast<int>(unit_idx), unit_name_in(plan, plan.units[unit_idx], table.period));
    }
  }
  for (; next < row_order.size(); ++next) add_row(&table.rows[row_order[next]], -1, "");

  // A row named "Cả nước" with every cell empty would say nothing.
  const bool any_figure = has_city_wide_figures(plan);
  if (options.city_wide_row && any_figure) {
    // A row of figures over several units, drawn as the city-wide row.
    auto add_figures_row = [&](std::string name, const std::vector<SummaryValue>& figures, bool part) {
      ModelRow row;
      row.city_wide = true;
      row.part = part;
      row.name = std::move(name);
      row.name_cell.kind = CellKind::text;
      row.name_cell.text = row.name;
      row.cells.resize(model.columns.size());
      for (size_t idx = 0; idx < model.columns.size() && idx < figures.size(); ++idx) {
        row.cells[idx] = summary_cell(figures[idx], plan.indicators[idx], lang);
      }
      model.rows.push_back(std::move(row));
    };
    add_figures_row(city_wide_label(plan, lang), table.summary, false);
    // Then each group's and each parent's figures (consolidate/unit_parts.h).
    for (const PartFigures& part : part_figures(plan, table)) {
      add_figures_row(part_label(plan, part.part, lang), part.figures, true);
    }
    model.group_lines = group_summaries(plan, table, lang);
  }

  const std::vector<const UnitRow*> counted_rows =
      options.layout_only ? std::vector<const UnitRow*>() : period_rows(table);
  // Footnotes: how each city-wide figure is made and how many units it
  // covers; which values it leaves out (they cannot be right by themselves)
  // and which it counts as typed though a check disagrees with them.
  for (size_t idx = 0; idx < model.columns.size() && !options.layout_only; ++idx) {
    ModelColumn& column = model.columns[idx];
    // No figure, nothing it covers or leaves out: the note says so alone
    // (under a row of figures only: without one there is nothing to explain).
    if (plan.indicators[idx].consolidation == Consolidation::none) {
      if (any_figure) model.footnotes.push_back(column.label + ": " + column.consolidation_note + ".");
      continue;
    }
    const int indicator_idx = static_cast<int>(idx);
    std::vector<int> cells = {indicator_idx};
    for (int input : standings.inputs(indicator_idx)) cells.push_back(input);
    std::vector<std::string> left_out, as_typed;
    for (const UnitRow* row : counted_rows) {
      bool wrong = false;
      for (int cell : cells) wrong = wrong || standings.cannot_be_right(*row, cell);
      if (wrong) {
        left_out.push_back(shown_unit_name(plan, *row));
      } else if (standings.of(*row, indicator_idx) == Standing::in_error) {
        as_typed.push_back(shown_unit_name(plan, *row));
      }
    }
    auto listed = [&](const std::vector<std::string>& names) {
      std::string out;
      for (const std::string& name : names) out += (out.empty() ? "" : ", ") + name;
      return out;
    };
    std::string& note = column.coverage_note;
    // A mark's figure ("27/30") states what it covers itself.
    if (idx < table.summary.size() &&
        plan.indicators[idx].consolidation != Consolidation::mark_count) {
      const int covered = table.summary[idx].units_reporting;
      note += lang == Lang::vi ? "; tính trên " + std::to_string(covered) + " đơn vị"
                               : "; covers " + std::to_string(covered) +
                                     (covered == 1 ? " unit" : " units");
    }
    if (!left_out.empty()) {
      note += lang == Lang::vi ? "; không tính số liệu sai của " + listed(left_out)
                               : "; leaves out the impossible figures of " + listed(left_out);
    }
    if (!as_typed.empty()) {
      note += lang == Lang::vi ? "; tính theo số đã ghi dù có lỗi: " + listed(as_typed)
                               : "; counted as typed despite errors: " + listed(as_typed);
    }
    model.footnotes.push_back(column.label + ": " + column.consolidation_note + note + ".");
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
    if (placed.model_row < 0 || options.layout_only) continue;
    ModelRow& row = model.rows[static_cast<size_t>(placed.model_row)];
    DisplayCell& cell = placed.model_col >= 0 ? row.cells[static_cast<size_t>(placed.model_col)] : row.name_cell;
    cell.findings.push_back(static_cast<int>(idx));
    worst(cell.severity, placed.finding->severity);
  }
  return model;
}

bool rows_repeat_rank(const TableModel& model) {
  for (size_t col = 0; col < model.columns.size(); ++col) {
    if (model.columns[col].kind != IndicatorKind::rank) continue;
    int position = 0;
    bool repeats = true;
    for (const ModelRow& row : model.rows) {
      if (row.city_wide) continue;
      ++position;
      if (col >= row.cells.size()) return false;  // a layout_only model has no cells
      const DisplayCell& cell = row.cells[col];
      if (cell.kind != CellKind::number || !cell.number || *cell.number != position) {
        repeats = false;
        break;
      }
    }
    if (repeats && position > 0) return true;
  }
  return false;
}

}  // namespace chiso::report
