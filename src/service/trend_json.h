// A trend as JSON: what `chiso trend --format json` prints and GET /api/trend
// answers, written here once for both doors (docs/cli.md, docs/server.md).
#pragma once

#include <string>

#include "consolidate/unit_trend.h"
#include "plan/plan.h"
#include "service/period_table.h"

namespace chiso::service {

// {"indicator", "period_kind", "points": [{"period", "value", "units_reporting"}],
//  "other_kinds": [{"period_kind", "periods"}]}; `indent` as nlohmann's dump
// (-1 = one line).
std::string trend_json(const std::string& indicator, const Trend& trend, int indent);

// The same with the unit's line: "unit" (the registered name), "unit_points"
// [{"period", "value", "of_successors", "units"}] and, when the unit ended,
// "change" {"period", "stopped", "successors", "message", "message_en"}. A
// point names the units as they were named in its period (issue 15 §3):
// "name_in_period" when the unit's own name then was another, and
// "units_in_period" when a unit of "units" was named otherwise then.
// REQUIRES: line.unit and the names in its points are registered units of `plan`.
std::string unit_trend_json(const Plan& plan, const std::string& indicator, const Trend& city,
                            const UnitTrend& line, int indent);

}  // namespace chiso::service
