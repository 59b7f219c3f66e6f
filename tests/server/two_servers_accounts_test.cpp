// Two `chiso serve` on one database behave as one for the people who use
// them (issue 17 §2): a session made through one server opens the other,
// failed logins through both count for one limit, and a logout or a disabled
// user through one ends the session on both. On both stores: SQLite's file
// can be shared by two servers on one machine, PostgreSQL's database by
// servers anywhere. Expected values come from the policy's defaults
// (store/accounts.h: 5 failed logins of one account in 15 minutes).
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "seeded_stores.h"

namespace chiso::server_test {
namespace {

const std::string kRowA = std::string("/api/periods/") + kPeriod + "/units/3";

class TwoServersTest : public SeededStoresTest {
 protected:
  void SetUp() override {
    SeededStoresTest::SetUp();
    if (HasFatalFailure()) return;
    first_ = std::make_unique<ServerProcess>(db(), std::vector<std::string>{}, folder_);
    second_ = std::make_unique<ServerProcess>(db(), std::vector<std::string>{}, folder_);
  }
  // A client of `server` holding the session `of` holds (its cookie and
  // CSRF token), as a browser does whose requests nginx spreads.
  static std::unique_ptr<Client> same_session(const ServerProcess& server, const Client& of) {
    auto client = std::make_unique<Client>(server.port());
    client->cookie = of.cookie;
    client->csrf_token = of.csrf_token;
    return client;
  }
  std::unique_ptr<ServerProcess> first_, second_;
};

INSTANTIATE_TEST_SUITE_P(Stores, TwoServersTest, test::both_backends, test::backend_name);

TEST_P(TwoServersTest, ALoginThroughOneServerOpensTheOtherAndALogoutThroughTheOtherEndsIt) {
  Client through_first(first_->port());
  ASSERT_EQ(through_first.login("coord").status, 200);
  auto through_second = same_session(*second_, through_first);
  Reply who = through_second->get("/api/session");
  ASSERT_EQ(who.status, 200) << who.body;
  EXPECT_EQ(who.json()["user"], "coord");
  EXPECT_EQ(who.json()["csrf_token"], through_first.csrf_token);  // the same token on both
  // A write through the second server with the token the first gave.
  Reply opened = through_second->request("POST", "/api/periods", R"({"period": "2025-Q1", "deadline": "2025-04-10"})");
  EXPECT_EQ(opened.status, 201) << opened.body;
  // The period opened through the second is there through the first.
  bool listed = false;
  for (const auto& period : through_first.get("/api/periods").json())
    listed = listed || period.value("period", "") == "2025-Q1";
  EXPECT_TRUE(listed);

  ASSERT_EQ(through_second->request("DELETE", "/api/session").status, 200);
  EXPECT_EQ(through_first.get("/api/periods").status, 401);
}

TEST_P(TwoServersTest, FailedLoginsThroughBothServersCountForOneLimit) {
  // Five wrong passwords for rep_a: three through the first server, two
  // through the second; the limit is five per account.
  for (int attempt = 0; attempt < 3; ++attempt)
    ASSERT_EQ(Client(first_->port()).login("rep_a", "not-the-password").status, 401);
  for (int attempt = 0; attempt < 2; ++attempt)
    ASSERT_EQ(Client(second_->port()).login("rep_a", "not-the-password").status, 401);
  // Now even the right password is refused, through either server.
  for (const ServerProcess* server : {first_.get(), second_.get()}) {
    Reply refused = Client(server->port()).login("rep_a");
    EXPECT_EQ(refused.status, 429) << refused.body;
    EXPECT_EQ(refused.json()["error"]["code"], "login_limited");
    EXPECT_NE(refused.json()["error"]["message_en"].get<std::string>().find("5 failed logins in 15 minutes"),
              std::string::npos)
        << refused.body;
  }
  // Another account is not held back.
  EXPECT_EQ(Client(second_->port()).login("rep_b").status, 200);
}

TEST_P(TwoServersTest, AUserDisabledThroughOneServerIsLoggedOutOfTheOther) {
  Client reporter(second_->port());
  ASSERT_EQ(reporter.login("rep_a").status, 200);
  ASSERT_EQ(reporter.get(kRowA).status, 200);
  Client administrator(first_->port());
  ASSERT_EQ(administrator.login("admin").status, 200);
  Reply disabled = administrator.request("PATCH", "/api/users/rep_a", R"({"disabled": true})");
  ASSERT_EQ(disabled.status, 200) << disabled.body;
  EXPECT_EQ(reporter.get(kRowA).status, 401);
  Reply refused = Client(second_->port()).login("rep_a");
  EXPECT_EQ(refused.status, 401);
  EXPECT_NE(refused.body.find("is disabled"), std::string::npos) << refused.body;  // said, not a wrong password
  // The trail, read through the second server, has both servers' doings.
  auto trail_reader = same_session(*second_, administrator);
  std::vector<std::string> actions;
  for (const auto& event : trail_reader->get("/api/audit?user=rep_a").json()) actions.push_back(event["action"]);
  EXPECT_EQ(actions, (std::vector<std::string>{"user_add", "login", "user_change", "login_failed"}));
}

}  // namespace
}  // namespace chiso::server_test
