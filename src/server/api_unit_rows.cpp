// One unit's row in a period: read it, check it as it is typed, save it
// (service::record_unit_row: a stale version is a 409 with the current
// values), and move it along its life: submit, return, approve (store.h).
#include <fmt/core.h>

#include "check/checker.h"
#include "server/api_detail.h"
#include "server/json_body.h"
#include "service/unit_row.h"

namespace chiso::server::detail {
namespace {

// The period and unit of the path, the unit one the caller may touch.
struct RowTarget {
  std::string period;
  const UnitDef* unit = nullptr;
};

Result<RowTarget> row_target(Call& call, std::optional<Response>* refused) {
  auto period = path_period(call);
  if (!period) return period.error();
  auto unit = path_unit(call);
  if (!unit) return unit.error();
  *refused = refuse_other_unit(call, **unit);
  return RowTarget{*period, *unit};
}

// {"values": {code: raw text}} of a request body. Error (bad input, field
// "values") when it is not an object of strings (a number is taken as its
// JSON text: 74.05 → "74.05").
Result<std::map<std::string, std::string>> typed_values(const nlohmann::json& body) {
  std::map<std::string, std::string> raw_by_code;
  auto values = body.find("values");
  auto refuse = [] {
    Error error = make_error(ErrorKind::bad_input, "Trường \"values\" phải là {mã chỉ tiêu: chữ đã gõ}.",
                             "The field \"values\" must be {indicator code: text as typed}.");
    error.field = "values";
    return error;
  };
  if (values == body.end()) return raw_by_code;
  if (!values->is_object()) return refuse();
  for (const auto& [code, raw] : values->items()) {
    if (raw.is_string()) {
      raw_by_code[code] = raw.get<std::string>();
    } else if (raw.is_number()) {
      raw_by_code[code] = raw.dump();
    } else if (!raw.is_null()) {
      return refuse();
    }
  }
  return raw_by_code;
}

// The "version" of a request body: the version the writer saw (0 = none).
Result<int> based_on_version(const nlohmann::json& body, bool required) {
  auto version = body.find("version");
  if (version == body.end() && !required) return 0;
  if (version == body.end() || !version->is_number_integer() || version->get<long long>() < 0 ||
      version->get<long long>() > 1'000'000'000) {
    Error error = make_error(ErrorKind::bad_input,
                             "Cần trường \"version\": số lần nộp đã xem (0 khi chưa có).",
                             "The field \"version\" is needed: the version seen (0 when none).");
    error.field = "version";
    return error;
  }
  return static_cast<int>(version->get<long long>());
}

nlohmann::json values_json(const Plan& plan, const UnitRow& row) {
  nlohmann::json values = nlohmann::json::object();
  for (std::size_t indicator_idx = 0; indicator_idx < plan.indicators.size() && indicator_idx < row.values.size();
       ++indicator_idx) {
    const Value& value = row.values[indicator_idx];
    if (value.state == ValueState::blank) continue;
    values[plan.indicators[indicator_idx].code] = {{"raw", value.raw}, {"value", value_json(value)}};
  }
  return values;
}

// The body, the target and the typed values of a check or a save.
struct RowRequest {
  RowTarget target;
  nlohmann::json body;
  service::UnitRowInput input;
};

Result<RowRequest> row_request(Call& call, std::optional<Response>* refused) {
  auto target = row_target(call, refused);
  if (!target) return target.error();
  if (*refused) return RowRequest{};
  auto body = parse_json_body(call.request.body);
  if (!body) return body.error();
  auto values = typed_values(*body);
  if (!values) return values.error();
  RowRequest request{*target, std::move(body).value(), {}};
  request.input.period = target->period;
  request.input.unit = target->unit->name;
  request.input.raw_by_code = std::move(values).value();
  return request;
}

Response move_row(Call& call, SubmissionState to, bool comment_required) {
  std::optional<Response> refused;
  auto target = row_target(call, &refused);
  if (!target) return error_response(target.error());
  if (refused) return *refused;
  auto body = parse_json_body(call.request.body);
  if (!body) return error_response(body.error());
  auto version = based_on_version(*body, true);
  if (!version) return error_response(version.error());
  auto comment = string_member(*body, "comment", comment_required);
  if (!comment) return error_response(comment.error());
  const Plan& plan = *call.shared.plan;
  if (to == SubmissionState::submitted) {
    // Submitting needs a row without errors, as record_unit_row asks of a
    // save with submit.
    auto current = call.store().load_unit(plan, target->period, target->unit->name);
    if (!current) return error_response(current.error());
    int error_count = 0;
    for (const Finding& finding : current->findings) error_count += finding.severity == Severity::error;
    if (error_count > 0) {
      return error_response(400, "bad_input", fmt::format("Chưa nộp được: còn {} lỗi.", error_count),
                            fmt::format("Not submitted: {} errors remain.", error_count));
    }
  }
  auto moved = call.store().set_state(target->period, target->unit->name, *version, to,
                                      provenance_of(call, *comment));
  if (!moved) return error_response(moved.error());
  return ok_json({{"period", target->period}, {"unit", target->unit->name}, {"version", *version},
                  {"state", submission_state_name(to)}});
}

}  // namespace

Response get_unit_row(Call& call) {
  std::optional<Response> refused;
  auto target = row_target(call, &refused);
  if (!target) return error_response(target.error());
  if (refused) return *refused;
  auto info = stored_period(call, target->period);
  if (!info) return error_response(info.error());
  const Plan& plan = *call.shared.plan;
  nlohmann::json out = {{"period", target->period}, {"unit", target->unit->name},
                        {"period_state", period_state_name(info->state)}, {"deadline", info->deadline}};
  auto current = call.store().load_unit(plan, target->period, target->unit->name);
  if (!current) {
    if (current.error().kind != ErrorKind::not_found) return error_response(current.error());
    out.update({{"version", 0}, {"state", "not_started"}, {"values", nlohmann::json::object()},
                {"findings", nlohmann::json::array()}});
    return ok_json(out);
  }
  out.update({{"version", current->version},
              {"state", submission_state_name(current->state)},
              {"written_at_utc", current->written_at_utc},
              {"author", current->provenance.author},
              {"source", current->provenance.file.empty() ? current->provenance.page : current->provenance.file},
              {"comment", current->provenance.comment},
              {"values", values_json(plan, current->row)},
              {"findings", findings_json(plan, current->row, current->findings)}});
  return ok_json(out);
}

Response check_row(Call& call) {
  std::optional<Response> refused;
  auto request = row_request(call, &refused);
  if (!request) return error_response(request.error());
  if (refused) return *refused;
  const Plan& plan = *call.shared.plan;
  auto checked = service::check_unit_row(plan, call.shared.compiled, request->input);
  if (!checked) return error_response(checked.error());
  return ok_json({{"values", values_json(plan, checked->row)},
                  {"findings", findings_json(plan, checked->row, checked->findings)}});
}

Response put_unit_row(Call& call) {
  std::optional<Response> refused;
  auto request = row_request(call, &refused);
  if (!request) return error_response(request.error());
  if (refused) return *refused;
  auto version = based_on_version(request->body, true);
  if (!version) return error_response(version.error());
  auto comment = string_member(request->body, "comment", false);
  if (!comment) return error_response(comment.error());
  const Plan& plan = *call.shared.plan;
  service::UnitRowSave save;
  save.based_on_version = *version;
  save.state = SubmissionState::draft;
  save.provenance = provenance_of(call, *comment);
  auto saved = service::record_unit_row(plan, call.shared.compiled, call.store(), request->input, save);
  if (!saved) return error_response(saved.error());
  return ok_json({{"period", request->target.period},
                  {"unit", request->target.unit->name},
                  {"version", saved->version},
                  {"changed", saved->changed},
                  {"state", "draft"},
                  {"values", values_json(plan, saved->row)},
                  {"findings", findings_json(plan, saved->row, saved->findings)}});
}

Response submit_row(Call& call) { return move_row(call, SubmissionState::submitted, false); }
Response return_row(Call& call) { return move_row(call, SubmissionState::returned, true); }
Response approve_row(Call& call) { return move_row(call, SubmissionState::approved, false); }

}  // namespace chiso::server::detail
