// What a form needs to draw a plan's table: the indicators in publishing
// order with their labels, kinds, units of measure and decimals, and the
// appendix's two-level header (each group over the run of its indicators).
// `chiso indicators` prints the same units of measure; GET /api/plan answers
// plan_outline_json.
#pragma once

#include <nlohmann/json.hpp>

#include "plan/plan.h"

namespace chiso::service {

struct UnitOfMeasure {
  const char* vi;  // "số lượng", "ngày", "%", "có/không"
  const char* en;
};

// The unit of measure an indicator's kind implies.
UnitOfMeasure unit_of_measure(IndicatorKind kind);

// {"name", "name_en", "title", "title_en", "groups": [{"id", "title",
// "title_en", "indicators": [codes]}], "indicators": [{"code", "label",
// "label_en", "kind", "unit_of_measure", "unit_of_measure_en", "decimals",
// "group", "derived", "allowed", "max", "applies_to"}],
// "not_applicable_markers"}.
// `groups` follows the columns left to right: one entry per run of
// consecutive indicators of a group, and a run of indicators with no group is
// an entry with id and titles "" (a column whose header spans both levels),
// so the entries' indicators, joined, are every indicator once.
// What the form draws by kind: `allowed` a grade's values ([] for the other
// kinds), `max` the top of a score's or an index's scale (null when none),
// `applies_to` the unit kinds (as GET /api/units names them) an indicator
// applies to ([] = every kind; for another kind its cell does not apply),
// and the markers a person types for "does not apply" (`-`, `N/A`).
nlohmann::json plan_outline_json(const Plan& plan);

}  // namespace chiso::service
