// What the API's handlers share (api_*.cpp): reading a request's period and
// unit, the data-dependent rules of who may see what, and the JSON of a
// unit's row. Internal to src/server.
#pragma once

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

#include "report/findings_json.h"
#include "server/api.h"

namespace chiso::server::detail {

// The {period} of the path as the store keeps it ("Quý IV năm 2024" →
// "2024-Q4"). Error (bad input, field "period") when it is not a period.
Result<std::string> path_period(const Call& call);
// The stored period's state, deadline and change count (read together).
// Not found when not stored.
Result<PeriodInfo> stored_period(Call& call, const std::string& period);
// A reporter or a viewer sees only locked (published) periods: forbidden
// (403) otherwise; nullopt when allowed.
std::optional<Response> refuse_unpublished(const Call& call, const PeriodInfo& period);

// The {unit} of the path: its number in the plan (GET /api/units' "id") or
// a name the plan's matcher knows. Error (not found) otherwise.
Result<const UnitDef*> path_unit(const Call& call);
// A reporter may touch only their own units: 403 naming the unit.
std::optional<Response> refuse_other_unit(const Call& call, const UnitDef& unit);

// A cell's parsed value as JSON: a number, true/false for a mark, null.
nlohmann::json value_json(const Value& value);
// Findings as `chiso check --format json` writes them: report/findings_json.h.
using report::findings_json;

Response ok_json(const nlohmann::json& doc, int status = 200);
Response forbidden(std::string_view message_vi, std::string_view message_en);

// The caller as a store's Provenance (author, the page = the API path).
Provenance provenance_of(const Call& call, std::string comment = {});

// Handlers, by file.
Response login(Call& call);                // api_session.cpp
Response logout(Call& call);
Response who_am_i(Call& call);
Response change_password(Call& call);
Response audit(Call& call);
Response list_units(Call& call);           // api_periods.cpp
Response list_periods(Call& call);
Response open_period(Call& call);
Response lock_period(Call& call);
Response unlock_period(Call& call);
Response period_table(Call& call);
Response period_status(Call& call);
Response period_history(Call& call);
Response period_report(Call& call);        // api_reports.cpp
Response unit_document(Call& call);
Response upload(Call& call);               // api_upload.cpp
Response get_unit_row(Call& call);         // api_unit_rows.cpp
Response put_unit_row(Call& call);
Response check_row(Call& call);
Response submit_row(Call& call);
Response return_row(Call& call);
Response approve_row(Call& call);
Response comment_row(Call& call);
Response openapi_document(Call& call);     // api_routes.cpp
Response plan_outline(Call& call);         // api_plan.cpp
Response list_changes(Call& call);         // api_changes.cpp
Response trend(Call& call);                // api_trend.cpp
Response changes_csv(Call& call);
Response list_users(Call& call);           // api_users.cpp
Response add_user(Call& call);
Response change_user(Call& call);
Response reset_password(Call& call);

}  // namespace chiso::server::detail
