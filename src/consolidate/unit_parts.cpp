// Parts of the area: groups, then parents; their figures (unit_parts.h).
#include "consolidate/unit_parts.h"

#include "consolidate/analysis.h"
#include "consolidate/summary.h"

namespace chiso {

std::vector<UnitPart> unit_parts(const Plan& plan) {
  std::vector<UnitPart> parts;
  for (size_t group_idx = 0; group_idx < plan.unit_groups.size(); ++group_idx) {
    parts.push_back(UnitPart{UnitPart::Kind::group, static_cast<int>(group_idx)});
  }
  std::vector<bool> is_parent(plan.units.size(), false);
  for (const UnitDef& unit : plan.units) {
    if (unit.parent_idx >= 0 && static_cast<size_t>(unit.parent_idx) < is_parent.size()) {
      is_parent[static_cast<size_t>(unit.parent_idx)] = true;
    }
  }
  for (size_t unit_idx = 0; unit_idx < is_parent.size(); ++unit_idx) {
    if (is_parent[unit_idx])
      parts.push_back(UnitPart{UnitPart::Kind::parent, static_cast<int>(unit_idx)});
  }
  return parts;
}

bool in_part(const Plan& plan, const UnitPart& part, int unit_idx) {
  if (unit_idx < 0 || static_cast<size_t>(unit_idx) >= plan.units.size()) return false;
  const UnitDef& unit = plan.units[static_cast<size_t>(unit_idx)];
  if (part.kind == UnitPart::Kind::group) {
    return unit.group_idx != UnitDef::kNoUnitGroup && unit.group_idx == part.index;
  }
  return unit.parent_idx >= 0 && unit.parent_idx == part.index;
}

std::string part_label(const Plan& plan, const UnitPart& part, Lang lang) {
  if (part.kind == UnitPart::Kind::group) {
    const UnitGroup& group = plan.unit_groups[static_cast<size_t>(part.index)];
    return lang == Lang::en && !group.label_en.empty() ? group.label_en : group.label_vi;
  }
  const std::string& parent = plan.units[static_cast<size_t>(part.index)].name;
  return lang == Lang::en ? parent + ", subtotal" : "Cộng " + parent;
}

std::vector<PartFigures> part_figures(const Plan& plan, const CheckedTable& table) {
  std::vector<PartFigures> out;
  const std::vector<UnitPart> parts = unit_parts(plan);
  if (parts.empty()) return out;
  std::vector<std::pair<const UnitRow*, int>> rows;  // with the row's unit index
  for (const UnitRow* row : period_rows(table)) {
    if (row->role == RowRole::unit && !row->unit_name.empty())
      rows.emplace_back(row, plan.unit_index(row->unit_name));
  }
  for (const UnitPart& part : parts) {
    std::vector<UnitRow> members;
    for (const auto& [row, unit_idx] : rows) {
      if (in_part(plan, part, unit_idx)) members.push_back(*row);
    }
    if (members.empty()) continue;
    PartFigures figures{part, static_cast<int>(members.size()),
                        summarize(plan, members, table.findings)};
    out.push_back(std::move(figures));
  }
  return out;
}

}  // namespace chiso
