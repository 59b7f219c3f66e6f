#include "server/api.h"

#include <fmt/core.h>

#include <ctime>
#include <exception>

#include "plan/period.h"
#include "server/api_detail.h"

namespace chiso::server {

namespace {

unsigned role_bit(Role role) {
  switch (role) {
    case Role::administrator: return administrator;
    case Role::coordinator: return coordinator;
    case Role::reporter: return reporter;
    case Role::viewer: return viewer;
  }
  return 0;
}

Response unauthenticated() {
  return error_response(401, "unauthenticated", "Cần đăng nhập (POST /api/session).",
                        "Log in first (POST /api/session).");
}

// Routes a user whose password is one-time may still call: to change it.
bool allowed_before_password_change(const Route& route) { return route.pattern.rfind("/api/session", 0) == 0; }

Response authorise_and_run(const Route& route, Call& call) {
  if (route.roles & anonymous) return route.handler(call);
  if (call.request.cookie_session.empty()) return unauthenticated();
  auto session = call.accounts->session(call.request.cookie_session, call.now_unix);
  if (!session) {
    if (session.error().kind == ErrorKind::not_found) return unauthenticated();
    return error_response(session.error());
  }
  call.session = std::move(session).value();
  const User& user = call.session->user;
  if (!(route.roles & role_bit(user.role))) {
    return detail::forbidden(
        fmt::format("Vai trò {} không được dùng {} {}.", role_name(user.role), route.method, route.pattern),
        fmt::format("The role {} may not use {} {}.", role_name(user.role), route.method, route.pattern));
  }
  if (call.request.method != "GET" && !secrets_equal(call.request.csrf_token, call.session->csrf_token)) {
    return error_response(403, "csrf", "Thiếu hoặc sai mã X-CSRF-Token của phiên.",
                          "The session's X-CSRF-Token header is missing or wrong.");
  }
  if (user.must_change_password && !allowed_before_password_change(route)) {
    return error_response(403, "password_change_required",
                          "Mật khẩu này chỉ dùng một lần: hãy đổi mật khẩu (POST /api/session/password).",
                          "This password is one-time: change it first (POST /api/session/password).");
  }
  return route.handler(call);
}

// A handler does not throw for bad input (it returns an Error); an exception
// is a bug, answered as such, and the server goes on.
Response bug_response(const std::exception& error) {
  return error_response(make_error(ErrorKind::internal, fmt::format("Lỗi nội bộ: {}", error.what()),
                                   fmt::format("Internal error: {}", error.what())));
}

}  // namespace

Response dispatch(const Route& route, Params params, const Request& request, const Shared& shared, Store* store) {
  Call call{request, std::move(params), shared, store, nullptr, std::nullopt, 0};
  call.now_unix = static_cast<std::int64_t>(std::time(nullptr));
  if (store) call.accounts = &store->accounts();
  Response response;
  try {
    response = authorise_and_run(route, call);
  } catch (const std::exception& error) {
    response = bug_response(error);
  }
  if (call.session && response.user.empty()) response.user = call.session->user.name;
  return response;
}

Response dispatch_write(const std::function<Response(Store& store)>& then_write, const std::string& user,
                        Store& store) {
  Response response;
  try {
    response = then_write(store);
  } catch (const std::exception& error) {
    response = bug_response(error);
  }
  if (response.user.empty()) response.user = user;
  return response;
}

}  // namespace chiso::server

namespace chiso::server::detail {

Result<std::string> path_period(const Call& call) {
  const std::string& text = call.params.at("period");
  auto normalized = normalize_period(text);
  if (!normalized) {
    Error error = make_error(ErrorKind::bad_input,
                             fmt::format("Kỳ báo cáo '{}' không hợp lệ; cần {}", text, period_expected_vi()),
                             fmt::format("The period '{}' is not valid; expected {}", text, period_expected_en()));
    error.field = "period";
    return error;
  }
  return *normalized;
}

Result<PeriodInfo> stored_period(Call& call, const std::string& period) {
  auto info = call.store().period(period);
  if (info || info.error().kind != ErrorKind::not_found) return info;
  Error error = make_error(ErrorKind::not_found, fmt::format("Chưa có kỳ {} ({}).", period, period_text_vi(period)),
                           fmt::format("The period {} ({}) is not stored.", period, period_text_en(period)));
  error.field = "period";
  return error;
}

std::optional<Response> refuse_unpublished(const Call& call, const PeriodInfo& period) {
  const Role role = call.session->user.role;
  if ((role == Role::reporter || role == Role::viewer) && period.state != PeriodState::locked) {
    return forbidden(fmt::format("Kỳ {} chưa khoá (chưa công bố): vai trò {} chỉ xem được kỳ đã khoá.",
                                 period_text_vi(period.period), role_name(role)),
                     fmt::format("The period {} is not locked (not published): a {} sees locked periods only.",
                                 period_text_en(period.period), role_name(role)));
  }
  return std::nullopt;
}

Result<const UnitDef*> path_unit(const Call& call) {
  const std::string& text = call.params.at("unit");
  const Plan& plan = *call.shared.plan;
  int unit_idx = -1;
  if (text.find_first_not_of("0123456789") == std::string::npos && text.size() <= 6) {
    unit_idx = std::stoi(text) - 1;
    if (unit_idx >= static_cast<int>(plan.units.size())) unit_idx = -1;
  } else {
    unit_idx = plan.unit_index(text);
    if (unit_idx < 0) unit_idx = call.shared.matcher->match(text);
  }
  if (unit_idx < 0) {
    Error error = make_error(ErrorKind::not_found, fmt::format("Đơn vị '{}' không có trong kế hoạch.", text),
                             fmt::format("The unit '{}' is not in the plan.", text));
    error.field = "unit";
    return error;
  }
  return &plan.units[static_cast<std::size_t>(unit_idx)];
}

std::optional<Response> refuse_other_unit(const Call& call, const UnitDef& unit) {
  const User& user = call.session->user;
  if (user.role != Role::reporter) return std::nullopt;
  for (const std::string& own : user.units) {
    if (own == unit.name) return std::nullopt;
  }
  return forbidden(fmt::format("Tài khoản {} không báo cáo cho đơn vị {}.", user.name, unit.name),
                   fmt::format("The account {} does not report for {}.", user.name, unit.name));
}

nlohmann::json value_json(const Value& value) {
  switch (value.state) {
    case ValueState::number: return value.number;
    case ValueState::yes: return true;
    case ValueState::no: return false;
    case ValueState::blank:
    case ValueState::text:
    case ValueState::not_applicable: break;
  }
  return nullptr;
}

Response ok_json(const nlohmann::json& doc, int status) {
  return json_response(status, doc.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
}

Response forbidden(std::string_view message_vi, std::string_view message_en) {
  return error_response(403, "forbidden", message_vi, message_en);
}

Provenance provenance_of(const Call& call, std::string comment) {
  Provenance who;
  who.author = call.session ? call.session->user.name : "";
  who.page = call.request.path;
  who.comment = std::move(comment);
  return who;
}

}  // namespace chiso::server::detail
