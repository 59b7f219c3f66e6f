// A unit's line across periods, following its successors (unit_trend.h).
#include "consolidate/unit_trend.h"

#include <fmt/format.h>

#include <unordered_set>

#include "consolidate/summary.h"
#include "plan/period.h"
#include "plan/unit_validity.h"

namespace chiso {
namespace {

// The units that stand for plan.units[unit_idx] in `period`: its successors
// that exist then, a successor that ended followed to its own, in the plan's
// order of successors. `one_to_one`: every step was a rename or an upgrade
// to a single unit (the same unit under another name).
struct Successors {
  std::vector<int> units;
  bool one_to_one = true;
};

Successors successors_in(const Plan& plan, int unit_idx, std::string_view period) {
  Successors successors;
  std::vector<bool> seen(plan.units.size(), false);
  seen[static_cast<size_t>(unit_idx)] = true;
  std::vector<int> pending = {unit_idx};
  // Each unit is expanded at most once: a plan whose successors lead back
  // round (the loader does not refuse it) still ends.
  for (size_t next = 0; next < pending.size(); ++next) {
    const UnitDef& unit = plan.units[static_cast<size_t>(pending[next])];
    if (unit.validity_idx < 0) continue;
    const UnitValidity& validity = plan.unit_validity[static_cast<size_t>(unit.validity_idx)];
    const bool renamed =
        validity.succession == Succession::renamed_to || validity.succession == Succession::upgraded_to;
    successors.one_to_one = successors.one_to_one && renamed && validity.successors.size() == 1;
    for (const std::string& name : validity.successors) {
      const int successor_idx = plan.unit_index(name);
      if (successor_idx < 0 || seen[static_cast<size_t>(successor_idx)]) continue;
      seen[static_cast<size_t>(successor_idx)] = true;
      switch (unit_presence(plan, plan.units[static_cast<size_t>(successor_idx)], period)) {
        case UnitPresence::valid: successors.units.push_back(successor_idx); break;
        case UnitPresence::ended: pending.push_back(successor_idx); break;
        case UnitPresence::not_yet: break;
      }
    }
  }
  return successors;
}

// Whether a figure over several units is a figure of what they replaced.
bool adds_up(Consolidation consolidation) {
  return consolidation == Consolidation::sum || consolidation == Consolidation::ratio ||
         consolidation == Consolidation::weighted_mean;
}

const char* method_vi(Consolidation consolidation) {
  switch (consolidation) {
    case Consolidation::mean: return "trung bình cộng";
    case Consolidation::mark_count: return "đếm đánh dấu";
    default: return "không có số liệu chung";
  }
}

const char* method_en(Consolidation consolidation) {
  switch (consolidation) {
    case Consolidation::mean: return "a plain mean";
    case Consolidation::mark_count: return "a count of marks";
    default: return "not consolidated";
  }
}

// The figure of `units`' rows of the table's period, as the city-wide
// figure is made (values a finding says cannot be right left out).
UnitTrendPoint figure_of(const Plan& plan, const std::vector<int>& units, int indicator_idx,
                         const CheckedTable& table) {
  UnitTrendPoint point;
  point.period = table.period;
  std::unordered_set<std::string_view> names;
  for (int unit_idx : units) names.insert(plan.units[static_cast<size_t>(unit_idx)].name);
  std::vector<UnitRow> rows;
  for (const UnitRow& row : table.rows) {
    if (row.role != RowRole::unit || names.count(row.unit_name) == 0) continue;
    if (!row.period.empty() && !table.period.empty() && row.period != table.period) continue;
    rows.push_back(row);
  }
  for (int unit_idx : units) {
    const std::string& name = plan.units[static_cast<size_t>(unit_idx)].name;
    for (const UnitRow& row : rows) {
      if (row.unit_name == name) {
        point.units.push_back(name);
        break;
      }
    }
  }
  if (!rows.empty()) point.value = summarize(plan, rows, table.findings)[static_cast<size_t>(indicator_idx)].value;
  return point;
}

UnitTrendChange change_words(const Plan& plan, const UnitDef& unit, const Indicator& indicator,
                             const std::string& period, const Successors& successors, bool stopped) {
  UnitTrendChange change;
  change.period = period;
  change.stopped = stopped;
  std::vector<std::string> shown;
  for (int unit_idx : successors.units) {
    change.successors.push_back(plan.units[static_cast<size_t>(unit_idx)].name);
    shown.push_back(unit_name_in(plan, plan.units[static_cast<size_t>(unit_idx)], period));
  }
  const std::string& old_name = unit_name_in(plan, unit, period);  // as on its last day
  const UnitValidity& validity = plan.unit_validity[static_cast<size_t>(unit.validity_idx)];
  const std::string last_day = written_date(validity.valid_to);
  const std::string from_vi = "Từ " + period_text_vi(period) + ", ";
  const std::string from_en = "From " + period_text_en(period) + ", ";
  if (successors.units.empty()) {
    change.words_vi = from_vi + old_name + " không còn (ngày cuối " + last_day +
                      ") và không có đơn vị kế nhiệm trong kỳ; đường dừng ở đây.";
    change.words_en = from_en + old_name + " no longer exists (last day " + last_day +
                      ") and has no successor in the period; the line stops here.";
  } else if (successors.one_to_one) {
    change.words_vi = from_vi + old_name + " là " + shown.front() + "; đường tiếp tục với số liệu của " +
                      shown.front() + ".";
    change.words_en = from_en + old_name + " is " + shown.front() + "; the line goes on with its figures.";
  } else if (stopped) {
    change.words_vi = fmt::format(
        "{}{} không còn (ngày cuối {}); «{}» là {}, không tổng hợp được qua các đơn vị kế nhiệm ({}), "
        "nên đường dừng ở đây.",
        from_vi, old_name, last_day, indicator.label_vi, method_vi(indicator.consolidation),
        names_joined(shown, " và "));
    change.words_en = fmt::format(
        "{}{} no longer exists (last day {}); “{}” is {}, which cannot be carried over its successors "
        "({}), so the line stops here.",
        from_en, old_name, last_day, indicator.label_en.empty() ? indicator.label_vi : indicator.label_en,
        method_en(indicator.consolidation), names_joined(shown, " and "));
  } else {
    change.words_vi = from_vi + old_name + " không còn (ngày cuối " + last_day +
                      "); đường tiếp tục bằng số liệu tổng hợp của các đơn vị kế nhiệm: " +
                      names_joined(shown, " và ") + ".";
    change.words_en = from_en + old_name + " no longer exists (last day " + last_day +
                      "); the line goes on with the figure over its successors: " +
                      names_joined(shown, " and ") + ".";
  }
  return change;
}

}  // namespace

UnitTrend unit_trend(const Plan& plan, int unit_idx, int indicator_idx, const std::vector<CheckedTable>& tables) {
  const UnitDef& unit = plan.units[static_cast<size_t>(unit_idx)];
  const Indicator& indicator = plan.indicators[static_cast<size_t>(indicator_idx)];
  UnitTrend trend;
  trend.unit = unit.name;
  for (const CheckedTable& table : tables) {
    const UnitPresence presence = unit_presence(plan, unit, table.period);
    if (presence == UnitPresence::not_yet) continue;
    if (presence == UnitPresence::valid) {
      trend.points.push_back(figure_of(plan, {unit_idx}, indicator_idx, table));
      continue;
    }
    const Successors successors = successors_in(plan, unit_idx, table.period);
    const bool stopped =
        successors.units.empty() || (!successors.one_to_one && !adds_up(indicator.consolidation));
    if (!trend.change) {
      trend.change = change_words(plan, unit, indicator, table.period, successors, stopped);
    }
    if (stopped) break;
    UnitTrendPoint point = figure_of(plan, successors.units, indicator_idx, table);
    point.of_successors = true;
    trend.points.push_back(std::move(point));
  }
  return trend;
}

}  // namespace chiso
