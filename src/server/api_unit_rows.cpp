// One unit's row in a period: read it (with its earlier periods, comments,
// the standing return and the explanations), check it as it is typed, save
// it (checked on a worker, then written by the writer: a stale version is a
// 409 with the current values), move it along its life — submit, return,
// approve (service::move_unit_row) — and comment on it.
#include <fmt/core.h>

#include <algorithm>

#include "check/checker.h"
#include "plan/period.h"
#include "plan/unit_validity.h"
#include "server/api_detail.h"
#include "server/json_body.h"
#include "service/previous_rows.h"
#include "service/row_review.h"
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

// A cell's value as the row's JSON gives it: null where the indicator does
// not apply to the unit's kind (`applies_to`: a value typed anyway is not
// counted, finding value.not_applicable; its raw text stays), else
// value_json.
nlohmann::json cell_value_json(const Indicator& indicator, std::string_view unit_kind, const Value& value) {
  if (!indicator.applies_to_kind(unit_kind)) return nullptr;
  return value_json(value);
}

nlohmann::json values_json(const Plan& plan, const UnitDef& unit, const UnitRow& row) {
  const std::string_view unit_kind = plan.unit_kind_id(unit.kind);
  nlohmann::json values = nlohmann::json::object();
  for (std::size_t indicator_idx = 0; indicator_idx < plan.indicators.size() && indicator_idx < row.values.size();
       ++indicator_idx) {
    const Value& value = row.values[indicator_idx];
    if (value.state == ValueState::blank) continue;
    const Indicator& indicator = plan.indicators[indicator_idx];
    values[indicator.code] = {{"raw", value.raw}, {"value", cell_value_json(indicator, unit_kind, value)}};
  }
  return values;
}

// values_json's text as ok_json writes it (keys sorted), written straight
// from the row: a save's and a check's answer.
std::string values_json_text(const Plan& plan, const UnitDef& unit, const UnitRow& row) {
  const std::string_view unit_kind = plan.unit_kind_id(unit.kind);
  std::vector<std::size_t> filled;
  for (std::size_t indicator_idx = 0; indicator_idx < plan.indicators.size() && indicator_idx < row.values.size();
       ++indicator_idx) {
    if (row.values[indicator_idx].state != ValueState::blank) filled.push_back(indicator_idx);
  }
  std::sort(filled.begin(), filled.end(), [&](std::size_t left, std::size_t right) {
    return plan.indicators[left].code < plan.indicators[right].code;
  });
  std::string out = "{";
  for (std::size_t indicator_idx : filled) {
    const Indicator& indicator = plan.indicators[indicator_idx];
    const Value& value = row.values[indicator_idx];
    if (out.size() > 1) out += ',';
    report::append_json_string(out, indicator.code);
    out += ":{\"raw\":";
    report::append_json_string(out, value.raw);
    out += ",\"value\":";
    if (!indicator.applies_to_kind(unit_kind)) {
      out += "null";
    } else if (value.state == ValueState::number) {
      report::append_json_double(out, value.number);
    } else if (value.state == ValueState::yes || value.state == ValueState::no) {
      out += value.state == ValueState::yes ? "true" : "false";
    } else {
      out += "null";
    }
    out += '}';
  }
  out += '}';
  return out;
}

// The body, the target and (row_request) the typed values of a write.
struct RowRequest {
  RowTarget target;
  nlohmann::json body;
  service::UnitRowInput input;
};

// The target and the JSON body; `*refused` set (and nothing read) when the
// caller may not touch the unit.
Result<RowRequest> row_write(Call& call, std::optional<Response>* refused) {
  auto target = row_target(call, refused);
  if (!target) return target.error();
  if (*refused) return RowRequest{};
  auto body = parse_json_body(call.request.body);
  if (!body) return body.error();
  return RowRequest{*target, std::move(body).value(), {}};
}

Result<RowRequest> row_request(Call& call, std::optional<Response>* refused) {
  auto written = row_write(call, refused);
  if (!written || *refused) return written;
  auto values = typed_values(written->body);
  if (!values) return values.error();
  RowRequest request = std::move(written).value();
  const RowTarget* target = &request.target;
  request.input.period = target->period;
  request.input.unit = target->unit->name;
  request.input.raw_by_code = std::move(values).value();
  auto earlier = service::previous_rows(*call.shared.plan, call.store(), target->period, target->unit->name);
  if (!earlier) return earlier.error();
  request.input.earlier = std::move(earlier).value();
  return request;
}

// {"explanations": {key: text}} of a submit. Error (bad input, field
// "explanations") when it is not an object of strings.
Result<std::map<std::string, std::string>> explanations_of(const nlohmann::json& body) {
  std::map<std::string, std::string> texts;
  auto member = body.find("explanations");
  if (member == body.end() || member->is_null()) return texts;
  Error error = make_error(ErrorKind::bad_input, "Trường \"explanations\" phải là {mã: lời giải thích}.",
                           "The field \"explanations\" must be {key: explanation}.");
  error.field = "explanations";
  if (!member->is_object()) return error;
  for (const auto& [key, text] : member->items()) {
    if (!text.is_string()) return error;
    texts[key] = text.get<std::string>();
  }
  return texts;
}

Response move_row(Call& call, SubmissionState to) {
  std::optional<Response> refused;
  auto request = row_write(call, &refused);
  if (!request) return error_response(request.error());
  if (refused) return *refused;
  const RowTarget* target = &request->target;
  const nlohmann::json* body = &request->body;
  auto version = based_on_version(*body, true);
  if (!version) return error_response(version.error());
  auto comment = string_member(*body, "comment", to == SubmissionState::returned);
  if (!comment) return error_response(comment.error());
  service::RowMove move{target->period, target->unit->name, *version, to, provenance_of(call, *comment)};
  if (to == SubmissionState::returned) {
    auto indicator = string_member(*body, "indicator", false);
    if (!indicator) return error_response(indicator.error());
    move.who.indicator = *indicator;
  }
  if (to == SubmissionState::submitted) {
    auto explanations = explanations_of(*body);
    if (!explanations) return error_response(explanations.error());
    move.who.explanations = std::move(explanations).value();
  }
  if (auto moved = service::move_unit_row(*call.shared.plan, call.store(), move); !moved) {
    const Error& error = moved.error();
    if (error.field == "explanations" && !error.detail.empty())
      return error_response(400, "explanation_required", error.message, error.message_en, error.field, error.detail);
    return error_response(error);
  }
  return ok_json({{"period", target->period}, {"unit", target->unit->name}, {"version", *version},
                  {"state", submission_state_name(to)}});
}

nlohmann::json comment_json(const RowComment& comment) {
  return {{"id", comment.id},         {"indicator", comment.indicator}, {"author", comment.author},
          {"role", comment.role},     {"at", comment.at_utc},           {"text", comment.text}};
}

// What the page shows around the values: the unit and the period, the
// unit's earlier periods, the comments, the standing return and the
// explanations of the version submitted.
Result<nlohmann::json> row_context(Call& call, const RowTarget& target, const PeriodInfo& info) {
  const Plan& plan = *call.shared.plan;
  const int unit_idx = plan.unit_index(target.unit->name);
  nlohmann::json unit = {{"id", unit_idx + 1},
                         {"name", target.unit->name},
                         {"short_name", target.unit->short_name},
                         {"kind", std::string(plan.unit_kind_id(target.unit->kind))}};
  // The page names the unit as it was named in the period (issue 15 §3).
  if (const std::string& named = unit_name_in(plan, *target.unit, target.period); named != target.unit->name) {
    unit["name_in_period"] = named;
    unit["short_name_in_period"] = unit_short_name_in(plan, *target.unit, target.period);
  }
  nlohmann::json out = {
      {"unit", std::move(unit)},
      {"period",
       {{"period", target.period}, {"text", period_text_vi(target.period)}, {"state", period_state_name(info.state)},
        {"deadline", info.deadline}}},
      {"period_state", period_state_name(info.state)},
      {"deadline", info.deadline}};
  auto earlier = service::previous_rows(plan, call.store(), target.period, target.unit->name);
  if (!earlier) return earlier.error();
  const std::string_view unit_kind = plan.unit_kind_id(target.unit->kind);
  nlohmann::json previous = nlohmann::json::array();
  for (const check::EarlierValues& period : *earlier) {
    nlohmann::json values = nlohmann::json::object();
    for (std::size_t indicator_idx = 0; indicator_idx < plan.indicators.size() && indicator_idx < period.values.size();
         ++indicator_idx) {
      if (period.values[indicator_idx].state == ValueState::blank) continue;
      const Indicator& indicator = plan.indicators[indicator_idx];
      values[indicator.code] = cell_value_json(indicator, unit_kind, period.values[indicator_idx]);
    }
    previous.push_back({{"period", period.period}, {"text", period_text_vi(period.period)}, {"values", values}});
  }
  out["previous"] = std::move(previous);
  auto comments = call.store().comments(target.period, target.unit->name);
  if (!comments) return comments.error();
  out["comments"] = nlohmann::json::array();
  for (const RowComment& comment : *comments) out["comments"].push_back(comment_json(comment));
  auto returned = call.store().standing_return(target.period, target.unit->name);
  if (!returned) return returned.error();
  out["returned"] = nullptr;
  if (*returned)
    out["returned"] = {{"comment", (*returned)->comment}, {"author", (*returned)->author},
                       {"at", (*returned)->at_utc},       {"indicator", (*returned)->indicator},
                       {"version", (*returned)->version}};
  auto explanations = call.store().explanations(target.period, target.unit->name);
  if (!explanations) return explanations.error();
  out["explanations"] = *explanations;
  return out;
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
  auto context = row_context(call, *target, *info);
  if (!context) return error_response(context.error());
  nlohmann::json out = std::move(context).value();
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
              {"values", values_json(plan, *target->unit, current->row)},
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
  return json_response(200, "{\"findings\":" + report::findings_json_text(plan, checked->row, checked->findings) +
                                ",\"values\":" + values_json_text(plan, *request->target.unit, checked->row) + "}");
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
  // Read and checked here, on a worker; written next by the writer.
  auto checked = service::check_unit_row(plan, call.shared.compiled, request->input);
  if (!checked) return error_response(checked.error());
  // The answer too, but for what only the write tells (the version, whether
  // the values changed): the text ok_json would write, its keys in order.
  std::string answer_middle = ",\"findings\":" + report::findings_json_text(plan, checked->row, checked->findings);
  answer_middle += ",\"period\":";
  report::append_json_string(answer_middle, request->target.period);
  answer_middle += ",\"state\":\"draft\",\"unit\":";
  report::append_json_string(answer_middle, request->target.unit->name);
  answer_middle += ",\"values\":" + values_json_text(plan, *request->target.unit, checked->row) + ",\"version\":";
  Response checked_only;
  checked_only.then_write = [&plan, checked = std::move(checked).value(), save = std::move(save),
                             answer_middle = std::move(answer_middle)](Store& store) mutable {
    auto saved = service::save_checked_row(plan, store, std::move(checked), save);
    if (!saved) return error_response(saved.error());
    std::string body = saved->changed ? "{\"changed\":true" : "{\"changed\":false";
    body += answer_middle;
    body += std::to_string(saved->version);
    body += '}';
    return json_response(200, std::move(body));
  };
  return checked_only;
}

Response submit_row(Call& call) { return move_row(call, SubmissionState::submitted); }
Response return_row(Call& call) { return move_row(call, SubmissionState::returned); }
Response approve_row(Call& call) { return move_row(call, SubmissionState::approved); }

Response comment_row(Call& call) {
  std::optional<Response> refused;
  auto request = row_write(call, &refused);
  if (!request) return error_response(request.error());
  if (refused) return *refused;
  const RowTarget* target = &request->target;
  const nlohmann::json* body = &request->body;
  auto indicator = string_member(*body, "indicator", false);
  if (!indicator) return error_response(indicator.error());
  auto text = string_member(*body, "text", true);
  if (!text) return error_response(text.error());
  RowComment comment;
  comment.indicator = *indicator;
  comment.text = *text;
  comment.author = call.session->user.name;
  comment.role = role_name(call.session->user.role);
  auto kept = service::comment_on_row(*call.shared.plan, call.store(), target->period, target->unit->name, comment);
  if (!kept) return error_response(kept.error());
  return ok_json(comment_json(*kept), 201);
}

}  // namespace chiso::server::detail
