// Logging in and out, the caller's own session and password, and the trail
// of logins (store/accounts.h).
#include <fmt/core.h>

#include "server/api_detail.h"
#include "server/json_body.h"

namespace chiso::server::detail {
namespace {

nlohmann::json session_json(const Session& session) {
  return {{"user", session.user.name},
          {"display_name", session.user.display_name},
          {"role", role_name(session.user.role)},
          {"units", session.user.units},
          {"csrf_token", session.csrf_token},
          {"must_change_password", session.user.must_change_password}};
}

// The session cookie: never readable by scripts, never sent by another
// site, and only over TLS when the request came over TLS.
std::string session_cookie(const Call& call, std::string_view token, bool expire) {
  std::string cookie = fmt::format("chiso_session={}; HttpOnly; SameSite=Strict; Path=/", token);
  if (expire) cookie += "; Max-Age=0";
  if (call.request.over_tls) cookie += "; Secure";
  return cookie;
}

}  // namespace

Response login(Call& call) {
  auto body = parse_json_body(call.request.body);
  if (!body) return error_response(body.error());
  auto name = string_member(*body, "username", true);
  if (!name) return error_response(name.error());
  auto password = string_member(*body, "password", true);
  if (!password) return error_response(password.error());
  auto session = call.accounts->login(*name, *password, call.request.client_address, call.now_unix);
  if (!session) {
    const Error& error = session.error();
    // A wrong name or password is 401; a login limit 429 (the message says
    // until when); a store out of reach or broken its own status (503, 500).
    if (error.kind == ErrorKind::bad_input) {
      return error_response(401, "login_failed", error.message, error.text(true), error.field);
    }
    if (error.kind == ErrorKind::limited) {
      return error_response(429, "login_limited", error.message, error.text(true));
    }
    return error_response(error);
  }
  Response response = ok_json(session_json(*session));
  response.headers.emplace_back("Set-Cookie", session_cookie(call, session->token, false));
  response.user = session->user.name;
  return response;
}

Response logout(Call& call) {
  if (auto ended = call.accounts->logout(call.request.cookie_session, call.now_unix); !ended) {
    return error_response(ended.error());
  }
  Response response = ok_json(nlohmann::json::object());
  response.headers.emplace_back("Set-Cookie", session_cookie(call, "", true));
  return response;
}

Response who_am_i(Call& call) { return ok_json(session_json(*call.session)); }

Response change_password(Call& call) {
  auto body = parse_json_body(call.request.body);
  if (!body) return error_response(body.error());
  auto old_password = string_member(*body, "old_password", true);
  if (!old_password) return error_response(old_password.error());
  auto new_password = string_member(*body, "new_password", true);
  if (!new_password) return error_response(new_password.error());
  auto changed =
      call.accounts->change_password(call.request.cookie_session, *old_password, *new_password, call.now_unix);
  if (!changed) return error_response(changed.error());
  return ok_json(nlohmann::json::object());
}

Response audit(Call& call) {
  AuthEventQuery query;
  if (auto user = call.request.query.find("user"); user != call.request.query.end()) query.user = user->second;
  try {
    if (auto after = call.request.query.find("after_id"); after != call.request.query.end())
      query.after_id = std::stoll(after->second);
    if (auto limit = call.request.query.find("limit"); limit != call.request.query.end())
      query.limit = std::clamp(std::stoi(limit->second), 1, 1000);
  } catch (const std::exception&) {
    return error_response(400, "bad_input", "after_id và limit phải là số nguyên.",
                          "after_id and limit must be whole numbers.");
  }
  auto events = call.accounts->auth_events(query);
  if (!events) return error_response(events.error());
  nlohmann::json out = nlohmann::json::array();
  for (const AuthEvent& event : *events) {
    out.push_back({{"id", event.id}, {"at_utc", event.at_utc}, {"user", event.user}, {"actor", event.actor},
                   {"action", event.action}, {"address", event.address}, {"detail", event.detail}});
  }
  return ok_json(out);
}

}  // namespace chiso::server::detail
