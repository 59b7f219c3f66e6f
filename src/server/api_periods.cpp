// The plan's units and the stored periods: list, open, lock and unlock, and
// what a period holds — its table, each unit's state, its history.
#include <malloc.h>

#include <fmt/core.h>

#include "plan/period.h"
#include "plan/unit_validity.h"
#include "report/report.h"
#include "server/answer_cache.h"
#include "server/api_detail.h"
#include "server/json_body.h"
#include "service/history_json.h"
#include "service/period_table.h"

namespace chiso::server::detail {
namespace {

nlohmann::json period_json(const PeriodInfo& info) {
  return {{"period", info.period},
          {"text", period_text_vi(info.period)},
          {"text_en", period_text_en(info.period)},
          {"state", period_state_name(info.state)},
          {"deadline", info.deadline},
          {"unit_count", info.unit_count},
          {"errors", info.error_count},
          {"warnings", info.warning_count},
          {"last_change_utc", info.last_change_utc}};
}

// The period of the path, stored (its change count read with its state, by
// one statement: before anything an answer is made of, answer_cache.h's
// rule), and visible to the caller: the period or the response refusing it.
Result<PeriodInfo> readable_period(Call& call, std::optional<Response>* refused) {
  auto period = path_period(call);
  if (!period) return period.error();
  auto info = stored_period(call, *period);
  if (!info) return info.error();
  *refused = refuse_unpublished(call, *info);
  return info;
}

}  // namespace

Response list_units(Call& call) {
  nlohmann::json out = nlohmann::json::array();
  const Plan& plan = *call.shared.plan;
  for (std::size_t unit_idx = 0; unit_idx < plan.units.size(); ++unit_idx) {
    const UnitDef& unit = plan.units[unit_idx];
    out.push_back({{"id", unit_idx + 1}, {"name", unit.name}, {"short_name", unit.short_name},
                   {"kind", std::string(plan.unit_kind_id(unit.kind))}});
  }
  return ok_json(out);
}

Response list_periods(Call& call) {
  auto periods = call.store().periods();
  if (!periods) return error_response(periods.error());
  const Role role = call.session->user.role;
  nlohmann::json out = nlohmann::json::array();
  for (const PeriodInfo& info : *periods) {
    if (role == Role::viewer && info.state != PeriodState::locked) continue;
    out.push_back(period_json(info));
  }
  return ok_json(out);
}

Response open_period(Call& call) {
  auto body = parse_json_body(call.request.body);
  if (!body) return error_response(body.error());
  auto text = string_member(*body, "period", true);
  if (!text) return error_response(text.error());
  auto deadline = string_member(*body, "deadline", false);
  if (!deadline) return error_response(deadline.error());
  call.params["period"] = *text;
  auto period = path_period(call);
  if (!period) return error_response(period.error());
  if (auto opened = call.store().open_period(*period, *deadline); !opened) return error_response(opened.error());
  auto info = stored_period(call, *period);
  if (!info) return error_response(info.error());
  return ok_json(period_json(*info), 201);
}

namespace {

Response set_period_state(Call& call, PeriodState state) {
  auto body = parse_json_body(call.request.body.empty() ? std::string_view("{}") : call.request.body);
  if (!body) return error_response(body.error());
  auto reason = string_member(*body, "reason", state == PeriodState::open);
  if (!reason) return error_response(reason.error());
  auto period = path_period(call);
  if (!period) return error_response(period.error());
  if (auto found = stored_period(call, *period); !found) return error_response(found.error());
  auto done = call.store().set_period_state(*period, state, provenance_of(call, *reason));
  if (!done) return error_response(done.error());
  auto info = stored_period(call, *period);
  if (!info) return error_response(info.error());
  return ok_json(period_json(*info));
}

}  // namespace

Response lock_period(Call& call) { return set_period_state(call, PeriodState::locked); }
Response unlock_period(Call& call) { return set_period_state(call, PeriodState::open); }

namespace {

// The answer kept under `key` at `change_count`, or `make`'s, kept for the
// next reader.
template <typename Make>
Response kept_or_made(Call& call, const std::string& key, std::int64_t change_count, Make make) {
  AnswerCache& answers = *call.shared.answers;
  Response response;
  response.shared_body = answers.find(key, change_count);
  if (response.shared_body) return response;
  auto body = make();
  if (!body) return error_response(body.error());
  response.shared_body = std::make_shared<const std::string>(std::move(body).value());
  answers.put(key, change_count, response.shared_body);
  // A period's table is made of many small allocations, all freed by now;
  // glibc keeps their pages in the thread's arena unless asked: given back,
  // the server's resident memory stays that of what it keeps (issue 16 §7).
  malloc_trim(0);
  return response;
}

}  // namespace

Response period_table(Call& call) {
  std::optional<Response> refused;
  auto info = readable_period(call, &refused);
  if (!info) return error_response(info.error());
  if (refused) return *refused;
  const bool review = call.request.query.count("variant") && call.request.query.at("variant") == "review";
  if (review && call.session->user.role != Role::administrator && call.session->user.role != Role::coordinator) {
    return forbidden("Bảng rà soát (variant=review) chỉ dành cho điều phối viên và quản trị viên.",
                     "The review table (variant=review) is for coordinators and administrators.");
  }
  // One JSON for every language: it carries message and message_en.
  const std::string key = "table " + info->period + (review ? " review" : " published");
  return kept_or_made(call, key, info->change_count, [&]() -> Result<std::string> {
    auto table = service::load_published_table(*call.shared.plan, call.store(), info->period, review);
    if (!table) return table.error();
    return report::to_json(*call.shared.plan, *table);
  });
}

Response period_status(Call& call) {
  std::optional<Response> refused;
  auto info = readable_period(call, &refused);
  if (!info) return error_response(info.error());
  if (refused) return *refused;
  // Locking and a new deadline do not count as changes of the rows: they
  // are in the key.
  const std::string key = "status " + info->period + " " + period_state_name(info->state) + " " + info->deadline;
  return kept_or_made(call, key, info->change_count, [&]() -> Result<std::string> {
    auto statuses = call.store().status(*call.shared.plan, info->period);
    if (!statuses) return statuses.error();
    nlohmann::json units = nlohmann::json::array();
    for (const UnitStatus& status : *statuses) {
      nlohmann::json unit = {{"unit", status.unit},
                             {"registered", status.registered},
                             {"reported", status.reported},
                             {"state", status.version > 0 ? submission_state_name(status.state) : "not_started"},
                             {"version", status.version}};
      // The page names the unit as it was named in the period (issue 15 §3);
      // "unit" stays the registered name, the key rows are matched by.
      if (const std::string& named = unit_name_in(*call.shared.plan, status.unit, -1, info->period);
          named != status.unit) {
        unit["name_in_period"] = named;
      }
      if (status.version > 0) {
        unit["at_utc"] = status.written_at_utc;
        unit["author"] = status.author;
        unit["source"] = status.source;
        unit["errors"] = status.error_count;
        unit["warnings"] = status.warning_count;
      }
      units.push_back(std::move(unit));
    }
    nlohmann::json out = period_json(*info);
    out["units"] = std::move(units);
    return out.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  });
}

Response period_history(Call& call) {
  auto period = path_period(call);
  if (!period) return error_response(period.error());
  HistoryQuery query;
  const auto& params = call.request.query;
  if (auto unit = params.find("unit"); unit != params.end()) {
    call.params["unit"] = unit->second;
    auto found = path_unit(call);
    if (!found) return error_response(found.error());
    query.unit = (*found)->name;
  }
  if (auto indicator = params.find("indicator"); indicator != params.end()) {
    if (call.shared.plan->indicator_index(indicator->second) < 0) {
      Error error = make_error(ErrorKind::bad_input,
                               fmt::format("Kế hoạch không có chỉ tiêu '{}'.", indicator->second),
                               fmt::format("The plan has no indicator '{}'.", indicator->second));
      error.field = "indicator";
      return error_response(error);
    }
    query.indicator = indicator->second;
  }
  query.first_versions = params.count("all") && params.at("all") != "0" && params.at("all") != "false";
  auto changes = call.store().history(*period, query);
  if (!changes) return error_response(changes.error());
  return json_response(200, service::changes_json(*changes, -1));
}

}  // namespace chiso::server::detail
