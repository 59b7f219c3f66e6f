// Who may call what, walked from the OpenAPI document: every operation ×
// every role (and no session at all) against the running server; the set
// the server lets through must be the operation's `x-roles`. An operation
// without `x-roles`, or a route the document does not list, fails.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <set>

#include "common/test_database.h"
#include "server/api.h"
#include "server/openapi.h"
#include "server_harness.h"

namespace chiso::server_test {
namespace {

// "other_reporter" is a reporter of another unit than the one in the path:
// allowed what a reporter is, except every route of a unit's row.
const char* const kPrincipals[] = {"anonymous", "administrator", "coordinator", "reporter", "other_reporter",
                                   "viewer"};
// The seeded user of each role (server_harness.h).
std::string user_of(const std::string& principal) {
  if (principal == "administrator") return "admin";
  if (principal == "coordinator") return "coord";
  if (principal == "reporter") return "rep_a";
  if (principal == "other_reporter") return "rep_b";
  if (principal == "viewer") return "viewer";
  return "";
}

// Whether `principal` may call an operation whose x-roles are `allowed`.
bool may_call(const std::string& principal, const std::set<std::string>& allowed, const std::string& pattern) {
  if (principal == "other_reporter")
    return allowed.count("reporter") == 1 && pattern.find("{unit}") == std::string::npos;
  return allowed.count(principal) == 1;
}

std::string upper(std::string text) {
  for (char& c : text) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return text;
}

TEST(RoleMatrix, TheRouteTableIsTheDocument) {
  nlohmann::json doc = nlohmann::json::parse(server::openapi_json());
  std::set<std::string> documented;
  for (const auto& [path, item] : doc["paths"].items()) {
    for (const auto& [method, operation] : item.items()) {
      ASSERT_TRUE(operation.contains("x-roles")) << upper(method) << " " << path << " has no x-roles";
      std::set<std::string> roles(operation["x-roles"].begin(), operation["x-roles"].end());
      std::string line = upper(method) + " " + path + " :";
      for (const auto& role : roles) line += " " + role;
      documented.insert(line);
    }
  }
  std::set<std::string> served;
  for (const server::Route& route : server::api_routes()) {
    std::set<std::string> roles;
    if (route.roles & server::anonymous) roles.insert("anonymous");
    if (route.roles & server::administrator) roles.insert("administrator");
    if (route.roles & server::coordinator) roles.insert("coordinator");
    if (route.roles & server::reporter) roles.insert("reporter");
    if (route.roles & server::viewer) roles.insert("viewer");
    std::string line = route.method + " " + route.pattern + " :";
    for (const auto& role : roles) line += " " + role;
    served.insert(line);
  }
  EXPECT_EQ(served, documented);
}

// Every operation, called by every role on a locked period (so that what a
// reporter or a viewer may read is readable) with a body that changes
// nothing ({}: each write needs fields it lacks, or meets a locked period):
// allowed = neither 401 nor 403.
class RoleMatrixTest : public ::testing::TestWithParam<test::Backend> {};
INSTANTIATE_TEST_SUITE_P(Stores, RoleMatrixTest, test::both_backends, test::backend_name);

TEST_P(RoleMatrixTest, EveryRoleReachesExactlyItsOperations) {
  const std::string folder = test_folder();
  test::TestDatabase database(GetParam(), folder + "/chiso.db");
  ASSERT_TRUE(database.ok());
  seed_database(database.db());
  ServerProcess server(database.db(), {}, folder);
  {
    Client coordinator(server.port());
    ASSERT_EQ(coordinator.login("coord").status, 200);
    ASSERT_EQ(coordinator.request("POST", std::string("/api/periods/") + kPeriod + "/lock", "{}").status, 200);
  }
  Client fetch(server.port());
  Reply document = fetch.get("/api/openapi.json");
  ASSERT_EQ(document.status, 200);
  nlohmann::json doc = document.json();
  ASSERT_TRUE(doc.contains("paths"));

  int calls = 0;
  for (const std::string principal : kPrincipals) {
    Client client(server.port());
    if (principal != "anonymous") {
      ASSERT_EQ(client.login(user_of(principal)).status, 200) << principal;
    }
    for (const auto& [pattern, item] : doc["paths"].items()) {
      for (const auto& [method, operation] : item.items()) {
        ASSERT_TRUE(operation.contains("x-roles")) << pattern;
        std::set<std::string> allowed(operation["x-roles"].begin(), operation["x-roles"].end());
        std::string target = pattern;
        auto replace = [&](const std::string& name, const std::string& value) {
          auto at = target.find("{" + name + "}");
          if (at != std::string::npos) target.replace(at, name.size() + 2, value);
        };
        replace("period", kPeriod);
        replace("unit", "3");  // the reporter's own unit
        replace("format", "csv");
        replace("username", "nobody");  // no such user: a call let through is a 404, and changes nobody
        const std::string verb = upper(method);
        const bool write = verb != "GET";
        Reply reply = client.request(verb, target, write ? "{}" : "");
        ++calls;
        const bool let_through = reply.status != 401 && reply.status != 403;
        EXPECT_EQ(let_through, may_call(principal, allowed, pattern))
            << principal << " " << verb << " " << target << " → " << reply.status << " " << reply.body.substr(0, 200);
        if (verb == "DELETE" && pattern == "/api/session" && principal != "anonymous") {
          ASSERT_EQ(client.login(user_of(principal)).status, 200);  // logged out: in again
        }
      }
    }
  }
  EXPECT_GE(calls, 6 * 20);
}

}  // namespace
}  // namespace chiso::server_test
