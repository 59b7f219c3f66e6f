#include "server/exchange.h"

#include <chrono>
#include <cstdio>
#include <mutex>

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

void log_server_error(const Error& error, std::string_view where) {
  constexpr auto kRepeatWindow = std::chrono::seconds(10);
  static std::mutex mutex;
  static std::string last;
  static std::chrono::steady_clock::time_point last_at;
  static long repeats = 0;
  std::string text(where);
  if (!text.empty()) text += ": ";
  text += error.message;
  if (!error.message_en.empty() && error.message_en != error.message) text += " — " + error.message_en;
  const auto now = std::chrono::steady_clock::now();
  std::lock_guard lock(mutex);
  if (text == last && now - last_at < kRepeatWindow) {
    ++repeats;
    return;
  }
  if (repeats > 0) std::fprintf(stderr, "chiso serve: (lỗi trên lặp lại %ld lần — repeated %ld times)\n", repeats, repeats);
  std::fprintf(stderr, "chiso serve: %s\n", text.c_str());
  last = std::move(text);
  last_at = now;
  repeats = 0;
}

Response error_response(const Error& error) {
  if (error.kind == ErrorKind::busy) {
    log_server_error(error);
    // Busy about what the request names (a period an import holds): said as
    // it is. Otherwise the database's own words (its address, PostgreSQL's
    // message) stay in the log.
    if (!error.field.empty())
      return error_response(503, code_of(error.kind), error.message, error.message_en, error.field, error.detail);
    return error_response(503, code_of(error.kind),
                          "Cơ sở dữ liệu đang bận hoặc tạm thời không tới được; hãy thử lại sau ít phút.",
                          "The database is busy or out of reach for now; try again in a moment.");
  }
  if (error.kind == ErrorKind::internal) {
    log_server_error(error);
    return error_response(500, code_of(error.kind),
                          "Máy chủ gặp lỗi; chi tiết đã ghi vào nhật ký của máy chủ, hãy báo người quản trị.",
                          "The server met an error; the details are in the server's log: tell its administrator.");
  }
  // Older errors carry both languages in `message`; the English field is
  // then the same text rather than empty.
  return error_response(status_of(error.kind), code_of(error.kind), error.message,
                        error.message_en.empty() ? error.message : error.message_en, error.field, error.detail);
}

}  // namespace chiso::server
