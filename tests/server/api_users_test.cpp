// The administrator's users endpoints: the same accounts `chiso user …`
// keeps, a one-time password to change at the first login, a disabled
// user's session refused, every change in the trail.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "api_fixture.h"

namespace chiso::server_test {
namespace {

TEST_P(ApiTest, TheAdministratorListsTheUsers) {
  auto administrator = client("admin");
  Reply reply = administrator->get("/api/users");
  ASSERT_EQ(reply.status, 200) << reply.body;
  nlohmann::json users = reply.json();
  ASSERT_EQ(users.size(), 5u) << users.dump();  // server_harness.h's five
  nlohmann::json rep_a, viewer, admin;
  for (const auto& user : users) {
    if (user["username"] == "rep_a") rep_a = user;
    if (user["username"] == "viewer") viewer = user;
    if (user["username"] == "admin") admin = user;
  }
  EXPECT_EQ(rep_a["role"], "reporter");
  EXPECT_EQ(rep_a["units"], nlohmann::json::array({3}));  // Sở Du lịch
  EXPECT_EQ(rep_a["disabled"], false);
  EXPECT_TRUE(viewer["last_login"].is_null());   // never logged in
  EXPECT_TRUE(admin["last_login"].is_string());  // just did
  EXPECT_EQ(client("coord")->get("/api/users").status, 403);
}

TEST_P(ApiTest, ANewUsersOneTimePasswordMustBeChangedAtTheFirstLogin) {
  auto administrator = client("admin");
  Reply added = administrator->request(
      "POST", "/api/users",
      R"({"username": "rep_c", "display_name": "Nguyễn Văn C", "role": "reporter", "units": [4]})");
  ASSERT_EQ(added.status, 201) << added.body;
  const std::string one_time = added.json()["one_time_password"];
  EXPECT_FALSE(one_time.empty());
  EXPECT_EQ(added.json()["user"]["must_change_password"], true);
  EXPECT_EQ(added.json()["user"]["units"], nlohmann::json::array({4}));
  EXPECT_EQ(added.json()["user"]["display_name"], "Nguyễn Văn C");

  auto newcomer = client();
  Reply login = newcomer->login("rep_c", one_time);
  ASSERT_EQ(login.status, 200) << login.body;
  EXPECT_EQ(login.json()["must_change_password"], true);
  Reply refused = newcomer->get(kRowB);
  EXPECT_EQ(refused.status, 403);
  EXPECT_EQ(refused.json()["error"]["code"], "password_change_required");
  nlohmann::json change = {{"old_password", one_time}, {"new_password", "mat-khau-moi-cua-c"}};
  ASSERT_EQ(newcomer->request("POST", "/api/session/password", change.dump()).status, 200);
  EXPECT_EQ(newcomer->get(kRowB).status, 200);
  EXPECT_EQ(newcomer->get(kRowA).status, 403);  // not their unit

  // A reset gives a new one-time password; the old one no longer opens.
  Reply reset = administrator->request("POST", "/api/users/rep_c/password", "{}");
  ASSERT_EQ(reset.status, 200) << reset.body;
  EXPECT_NE(reset.json()["one_time_password"], one_time);
  EXPECT_EQ(newcomer->get(kRowB).status, 401);  // the reset ended the session
  EXPECT_EQ(client()->login("rep_c", "mat-khau-moi-cua-c").status, 401);
}

TEST_P(ApiTest, ADisabledUsersSessionIsRefused) {
  auto administrator = client("admin");
  auto reporter = client("rep_b");
  ASSERT_EQ(reporter->get(kRowB).status, 200);
  Reply disabled = administrator->request("PATCH", "/api/users/rep_b", R"({"disabled": true})");
  ASSERT_EQ(disabled.status, 200) << disabled.body;
  EXPECT_EQ(disabled.json()["disabled"], true);
  EXPECT_EQ(reporter->get(kRowB).status, 401);
  EXPECT_NE(client()->login("rep_b").status, 200);
  ASSERT_EQ(administrator->request("PATCH", "/api/users/rep_b", R"({"disabled": false})").status, 200);
  EXPECT_EQ(client()->login("rep_b").status, 200);
}

TEST_P(ApiTest, UsersChangeAsChisoUserChangesThemAndTheTrailSaysWho) {
  auto administrator = client("admin");
  Reply moved = administrator->request("PATCH", "/api/users/rep_b",
                                       R"({"units": ["So Du lich"], "display_name": "Trần Thị B"})");
  ASSERT_EQ(moved.status, 200) << moved.body;
  EXPECT_EQ(moved.json()["units"], nlohmann::json::array({3}));  // matched without diacritics, as the CLI does
  EXPECT_EQ(moved.json()["display_name"], "Trần Thị B");
  EXPECT_EQ(moved.json()["role"], "reporter");
  Reply promoted = administrator->request("PATCH", "/api/users/rep_b", R"({"role": "coordinator"})");
  ASSERT_EQ(promoted.status, 200) << promoted.body;
  EXPECT_EQ(promoted.json()["units"], nlohmann::json::array());
  nlohmann::json trail = administrator->get("/api/audit?user=rep_b").json();
  std::vector<std::string> details;
  for (const auto& event : trail) {
    if (event["action"] == "user_change") {
      EXPECT_EQ(event["actor"], "admin");
      details.push_back(event["detail"]);
    }
  }
  ASSERT_EQ(details.size(), 3u) << trail.dump();
  EXPECT_EQ(details[0], "display name rep_b → Trần Thị B");

  Reply bad_role = administrator->request("POST", "/api/users", R"({"username": "x1", "role": "boss"})");
  EXPECT_EQ(bad_role.status, 400);
  EXPECT_EQ(bad_role.json()["error"]["field"], "role");
  Reply bad_unit = administrator->request("POST", "/api/users", R"({"username": "x2", "role": "reporter", "units": [999]})");
  EXPECT_EQ(bad_unit.status, 400);
  EXPECT_EQ(bad_unit.json()["error"]["field"], "units");
  EXPECT_EQ(administrator->request("POST", "/api/users", R"({"username": "REP_A", "role": "viewer"})").status, 409);
  EXPECT_EQ(administrator->request("PATCH", "/api/users/nobody", R"({"disabled": true})").status, 404);
  EXPECT_EQ(client("coord")->request("PATCH", "/api/users/rep_b", R"({"disabled": true})").status, 403);
}

}  // namespace
}  // namespace chiso::server_test
