// The API's routes and who may call each: the one table the OpenAPI
// document's `x-roles` must state (tests/server/role_matrix_test.cpp). A
// route's lane (router.h) is by its method unless it says otherwise: reads
// on the workers, writes on the one writer.
#include "server/api.h"
#include "server/api_detail.h"
#include "server/openapi.h"

namespace chiso::server {

namespace detail {

Response openapi_document(Call&) {
  Response response;
  response.body = std::string(openapi_json());
  return response;
}

// For a load balancer's or a monitor's checks: this server answers and its
// database does (the schema's version read). Anonymous, so a failure says
// nothing of the database; why it is out of reach goes to the server's
// standard error (the journal).
Response health(Call& call) {
  auto version = call.store().schema_version();
  if (!version) {
    log_server_error(version.error(), "GET /api/health");
    return error_response(503, "busy", "Máy chủ chưa kết nối được cơ sở dữ liệu; hãy thử lại sau ít phút.",
                          "The server cannot reach its database; try again in a moment.");
  }
  return ok_json({{"status", "ok"}});
}

}  // namespace detail

std::vector<Route> api_routes() {
  using namespace detail;
  constexpr unsigned staff = administrator | coordinator;
  constexpr unsigned row_writers = administrator | coordinator | reporter;
  const std::string period = "/api/periods/{period}";
  const std::string row = period + "/units/{unit}";
  std::vector<Route> routes = {
      {"GET", "/api/openapi.json", anonymous | any_user, BodyKind::none, openapi_document, false},
      {"GET", "/api/health", anonymous | any_user, BodyKind::none, health},
      {"POST", "/api/session", anonymous | any_user, BodyKind::json, login, true, Lane::password_hash},
      {"GET", "/api/session", any_user, BodyKind::none, who_am_i},
      {"DELETE", "/api/session", any_user, BodyKind::none, logout},
      {"POST", "/api/session/password", any_user, BodyKind::json, change_password, true, Lane::password_hash},
      {"GET", "/api/audit", administrator, BodyKind::none, audit},
      {"GET", "/api/users", administrator, BodyKind::none, list_users},
      {"POST", "/api/users", administrator, BodyKind::json, add_user, true, Lane::password_hash},
      {"PATCH", "/api/users/{username}", administrator, BodyKind::json, change_user},
      {"POST", "/api/users/{username}/password", administrator, BodyKind::json, reset_password, true, Lane::password_hash},
      {"GET", "/api/changes", staff, BodyKind::none, list_changes},
      {"GET", "/api/changes.csv", staff, BodyKind::none, changes_csv},
      {"GET", "/api/trend", staff, BodyKind::none, trend},
      {"GET", "/api/plan", any_user, BodyKind::none, plan_outline},
      {"GET", "/api/units", any_user, BodyKind::none, list_units},
      {"GET", "/api/periods", any_user, BodyKind::none, list_periods},
      {"POST", "/api/periods", staff, BodyKind::json, open_period},
      {"POST", period + "/lock", staff, BodyKind::json, lock_period},
      {"POST", period + "/unlock", administrator, BodyKind::json, unlock_period},
      {"GET", period + "/table", any_user, BodyKind::none, period_table},
      {"GET", period + "/status", any_user, BodyKind::none, period_status},
      {"GET", period + "/history", staff, BodyKind::none, period_history},
      {"GET", period + "/report.{format}", any_user, BodyKind::none, period_report},
      {"POST", period + "/upload", row_writers, BodyKind::upload, upload, true, Lane::write_alone},
      {"GET", row, row_writers, BodyKind::none, get_unit_row},
      // Checked on a worker; its write goes on to the writer (Response::then_write).
      {"PUT", row, row_writers, BodyKind::json, put_unit_row, true, Lane::read},
      {"POST", row + "/check", row_writers, BodyKind::json, check_row, true, Lane::read},
      {"POST", row + "/submit", row_writers, BodyKind::json, submit_row},
      {"POST", row + "/return", staff, BodyKind::json, return_row},
      {"POST", row + "/approve", staff, BodyKind::json, approve_row},
      {"POST", row + "/comments", row_writers, BodyKind::json, comment_row},
      {"GET", row + "/document.{format}", row_writers, BodyKind::none, unit_document},
  };
  return routes;
}

}  // namespace chiso::server
