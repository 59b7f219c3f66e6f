// The JSON API under /api/ (issue 16 §5; the contract is src/server/openapi.json):
// what every handler is given, and the one door every request goes through.
//
// A request's way (dispatch): the session from its cookie (none → 401 unless
// the route admits anonymous callers) → the caller's role among the route's
// roles (else 403) → a write's X-CSRF-Token equal to the session's (else 403)
// → the handler, which decodes the request, calls the same service functions
// as the command line, and encodes the answer. What depends on the data is
// the handler's to check: a reporter's own units, a viewer's locked periods.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "plan/binding.h"
#include "plan/plan.h"
#include "server/exchange.h"
#include "server/router.h"
#include "store/accounts.h"
#include "store/store.h"

namespace chiso::check {
class CompiledPlan;
}  // namespace chiso::check

namespace chiso::server {

class AnswerCache;

// What every thread shares, read-only after start (the answer cache is
// thread-safe).
struct Shared {
  std::string db_path;
  std::string plan_path;
  std::string publisher_path;  // chiso-publish, run for XLSX/DOCX/PDF downloads
  const Plan* plan = nullptr;
  std::shared_ptr<const check::CompiledPlan> compiled;
  std::unique_ptr<UnitMatcher> matcher;
  std::shared_ptr<AnswerCache> answers;  // a period's table and status (answer_cache.h)
};

struct Call {
  const Request& request;
  Params params;
  const Shared& shared;
  Store* store_ptr = nullptr;  // null for routes that do not use the store
  Accounts* accounts = nullptr;   // the store's; null for routes that do not use the store
  std::optional<Session> session;  // set unless the route is anonymous
  std::int64_t now_unix = 0;

  // REQUIRES: the route uses the store.
  Store& store() const { return *store_ptr; }
};

// The routes of the API, with their roles (api_routes.cpp).
std::vector<Route> api_routes();

// Runs `route` for `request` (session, role, CSRF, handler); never throws.
// `store` is null for a route that does not use the store.
Response dispatch(const Route& route, Params params, const Request& request, const Shared& shared, Store* store);

// Runs the write a handler left in Response::then_write, for `user` (the
// access log's); never throws.
Response dispatch_write(const std::function<Response(Store& store)>& then_write, const std::string& user,
                        Store& store);

}  // namespace chiso::server
