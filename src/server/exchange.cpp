#include "server/exchange.h"

#include <nlohmann/json.hpp>

namespace chiso::server {

Response json_response(int status, std::string body) {
  Response response;
  response.status = status;
  response.body = std::move(body);
  return response;
}

int status_of(ErrorKind kind) {
  switch (kind) {
    case ErrorKind::bad_input: return 400;
    case ErrorKind::not_found: return 404;
    case ErrorKind::conflict: return 409;
    case ErrorKind::busy: return 503;
    case ErrorKind::limited: return 429;
    case ErrorKind::internal: return 500;
  }
  return 500;
}

namespace {

const char* code_of(ErrorKind kind) {
  switch (kind) {
    case ErrorKind::bad_input: return "bad_input";
    case ErrorKind::not_found: return "not_found";
    case ErrorKind::conflict: return "conflict";
    case ErrorKind::busy: return "busy";
    case ErrorKind::limited: return "limited";
    case ErrorKind::internal: return "internal";
  }
  return "internal";
}

}  // namespace

Response error_response(int status, std::string_view code, std::string_view message_vi,
                        std::string_view message_en, std::string_view field, std::string_view detail_json) {
  nlohmann::ordered_json error = {{"code", code}, {"message", message_vi}, {"message_en", message_en}};
  if (!field.empty()) error["field"] = field;
  if (!detail_json.empty()) {
    auto detail = nlohmann::ordered_json::parse(detail_json, nullptr, false);
    if (!detail.is_discarded()) error["detail"] = std::move(detail);
  }
  nlohmann::ordered_json doc = {{"error", std::move(error)}};
  return json_response(status, doc.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace));
}

Response error_response(const Error& error) {
  // Older errors carry both languages in `message`; the English field is
  // then the same text rather than empty.
  return error_response(status_of(error.kind), code_of(error.kind), error.message,
                        error.message_en.empty() ? error.message : error.message_en, error.field, error.detail);
}

}  // namespace chiso::server
