// The routes and who may call them, in one table (api_routes.cpp) that the
// tests walk against the OpenAPI document: a route without a rule cannot
// exist, and a rule the document does not state fails a test.
//
// A pattern is a path of segments: a literal ("periods"), a parameter
// ("{period}"), or a literal prefix and a parameter ("report.{format}").
// Paths are matched segment by segment before percent-decoding, so "%2F"
// stays inside its segment.
#pragma once

#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "server/exchange.h"

namespace chiso::server {

// Who may call a route: a set of these bits. `anonymous` = no session needed.
enum RoleBit : unsigned {
  anonymous = 1u << 0,
  administrator = 1u << 1,
  coordinator = 1u << 2,
  reporter = 1u << 3,
  viewer = 1u << 4,
};
inline constexpr unsigned any_user = administrator | coordinator | reporter | viewer;

// What a route reads as its body, which sets the body's size limit
// (common/limits.h): none (a body is refused), JSON, or an uploaded file.
enum class BodyKind { none, json, upload };

// Which of the pool's threads runs a route (worker_pool.h).
enum class Lane {
  automatic,      // GET: read; any other method: write
  read,           // any worker (a POST that writes nothing: a check)
  write,          // the one writer, in a group of writes committed together
  write_alone,    // the one writer, in a transaction of its own (an upload's import)
  password_hash,  // any worker, a few at a time: the handler hashes a password (Argon2id)
};

using Params = std::map<std::string, std::string>;
struct Call;  // api.h
using Handler = std::function<Response(Call&)>;

struct Route {
  std::string method;
  std::string pattern;  // "/api/periods/{period}/units/{unit}"
  unsigned roles = 0;   // RoleBit set
  BodyKind body = BodyKind::none;
  Handler handler;
  bool uses_store = true;  // false: answered on the I/O thread (static documents)
  Lane lane = Lane::automatic;

  // The lane, `automatic` resolved by the method: a new route that writes
  // goes to the writer unless it says otherwise.
  Lane resolved_lane() const {
    if (lane != Lane::automatic) return lane;
    return method == "GET" ? Lane::read : Lane::write;
  }
};

class Router {
 public:
  explicit Router(std::vector<Route> routes);

  enum class Match { found, no_path, no_method };
  // The route of (method, raw path) with its decoded parameters.
  // no_method: the path exists with other methods (405).
  Match match(std::string_view method, std::string_view raw_path, const Route** route, Params* params) const;

  const std::vector<Route>& routes() const { return routes_; }

 private:
  struct Segment {
    std::string literal;  // the literal, or the prefix before a parameter
    std::string param;    // "" for a literal segment
  };
  std::vector<Route> routes_;
  std::vector<std::vector<Segment>> patterns_;  // parallel to routes_
};

// "%C3%BD" → "ý", "+" stays "+" (paths); false on a bad escape or a NUL.
bool percent_decode(std::string_view text, std::string* out);
// "a=1&b=x%20y" → {a: 1, b: "x y"} ("+" is a space); bad escapes are dropped.
std::map<std::string, std::string> parse_query(std::string_view query);

}  // namespace chiso::server
