// One HTTP exchange as the handlers see it: the request, already read and
// bounded (http_server.h), and the response they build. Free of Beast, so
// that handlers and their tests do not depend on the transport.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "common/result.h"

namespace chiso {
class Store;
}  // namespace chiso

namespace chiso::server {

struct Request {
  std::string method;  // "GET", "POST"…
  std::string path;    // decoded path, no query
  std::map<std::string, std::string> query;  // decoded ?name=value
  std::string body;
  std::string cookie_session;  // the chiso_session cookie, "" when none
  std::string csrf_token;      // X-CSRF-Token
  std::string content_type;
  std::string client_address;  // the peer, or X-Forwarded-For from the trusted proxy
  bool over_tls = false;       // X-Forwarded-Proto: https from the trusted proxy
};

struct Response {
  int status = 200;
  std::string content_type = "application/json";
  std::string body;
  // When set, the body instead of `body`: an answer kept for other readers
  // (answer_cache.h), sent without a copy.
  std::shared_ptr<const std::string> shared_body;
  std::vector<std::pair<std::string, std::string>> headers;  // extra: Set-Cookie, Content-Disposition
  std::string user;  // who, for the access log ("" = nobody logged in)
  // Set by a handler whose work ends in a write (a row's save): this answer
  // is not sent; `then_write` runs next in the write lane (worker_pool.h:
  // SQLite's one writer, in a group of writes) and its response is the
  // answer. The handler's own part (the session, the body, reading and
  // checking the row) ran on a worker, beside other requests, so the one
  // writer only writes.
  std::function<Response(Store& store)> then_write;
};

// A JSON response.
Response json_response(int status, std::string body);

// The error document {"error": {"code", "message", "message_en", "field"?,
// "detail"?}} with its status: bad input 400, not found 404, conflict 409,
// limited 429, busy 503, internal 500. `code` is a short word a program can
// test ("conflict", "csrf", "too_large"…).
Response error_response(int status, std::string_view code, std::string_view message_vi,
                        std::string_view message_en, std::string_view field = {},
                        std::string_view detail_json = {});
// An Error's document. A busy or internal error is not the user's doing,
// and its text is for the server's keepers (it names the database, its
// address, its statements): it goes to standard error (log_server_error),
// and the answer says plainly what happened and what to do — except a busy
// error about what the request names (its `field` set: a period held by an
// import), whose own words are the answer.
Response error_response(const Error& error);
// Writes `error`'s text, after `where` when given ("GET /api/health"), to
// standard error (the journal); the same line again within a few seconds is
// counted and the count said with the next line. Thread-safe.
void log_server_error(const Error& error, std::string_view where = {});
int status_of(ErrorKind kind);

}  // namespace chiso::server
