// The parts of a plan's area (issue 15 §2): each group of units
// ([[unit_groups]]: "Khối sở, ban, ngành") and each unit that is the parent
// of others (a district over its communes: a subtotal by parent). Their
// figures are consolidated as the city-wide ones are (summary.h), over the
// unit rows of the table's period whose registered unit is in the part, and
// their rankings rank only those units (analysis.h, rank_units).
//
// A parent's part holds its children, not their children: a unit with a row
// of its own and children with rows is counted once in each level.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "common/lang.h"
#include "common/model.h"
#include "plan/plan.h"

namespace chiso {

struct UnitPart {
  enum class Kind : std::uint8_t { group, parent };
  Kind kind = Kind::group;
  int index = -1;  // into Plan::unit_groups (group) or Plan::units (parent)
};

// The plan's groups in order, then the units that are a parent of at least
// one other unit, in plan order. Empty for a plan with neither.
std::vector<UnitPart> unit_parts(const Plan& plan);

// Whether the registered unit `unit_idx` is in `part` (its group; a child of
// the parent). False for -1 and out-of-range indices.
bool in_part(const Plan& plan, const UnitPart& part, int unit_idx);

// The part's name for a table row and a sentence: a group's label
// ("Khối sở, ban, ngành" / "Departments"); for a parent, "Cộng UBND huyện
// An Lão" / "UBND huyện An Lão, subtotal".
std::string part_label(const Plan& plan, const UnitPart& part, Lang lang);

struct PartFigures {
  UnitPart part;
  int units = 0;                      // unit rows of the period counted
  std::vector<SummaryValue> figures;  // indexed by Plan::indicators
};

// Each part's figures over the rows the analyses use (period_rows: the
// table's period, a unit's first row) whose role is unit, with the table's
// findings (a value that cannot be right is left out, as city-wide).
// Parts with no row in the table are left out.
std::vector<PartFigures> part_figures(const Plan& plan, const CheckedTable& table);

}  // namespace chiso
