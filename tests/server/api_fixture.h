// The fixture of the API tests: a database seeded from the sample
// (server_harness.h) and the real `chiso serve` on it, with clients logged
// in as the seeded users.
#pragma once

#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "server_harness.h"

namespace chiso::server_test {

// kUnitA is the plan's third unit, kUnitB its fourth (GET /api/units).
inline const std::string kRowA = std::string("/api/periods/") + kPeriod + "/units/3";
inline const std::string kRowB = std::string("/api/periods/") + kPeriod + "/units/4";

class ApiTest : public ::testing::Test {
 protected:
  void SetUp() override {
    folder_ = test_folder();
    db_ = folder_ + "/chiso.db";
    seed_database(db_);
    server_ = std::make_unique<ServerProcess>(db_);
  }
  // A client, logged in as `user` unless it is "".
  std::unique_ptr<Client> client(const std::string& user = "") {
    auto made = std::make_unique<Client>(server_->port());
    if (!user.empty()) {
      Reply reply = made->login(user);
      EXPECT_EQ(reply.status, 200) << reply.body;
    }
    return made;
  }
  std::string folder_, db_;
  std::unique_ptr<ServerProcess> server_;
};

}  // namespace chiso::server_test
