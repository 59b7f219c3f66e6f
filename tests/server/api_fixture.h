// The fixture of the API tests: a database seeded from the sample
// (server_harness.h) and the real `chiso serve` on it, with clients logged
// in as the seeded users. Every test runs on both stores: its parameter is
// the backend (test_database.h), a SQLite file in the test's folder or a
// PostgreSQL database of its own. api_test.cpp instantiates ApiTest; a
// fixture derived from it instantiates itself in its file.
#pragma once

#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "common/test_database.h"
#include "server_harness.h"

namespace chiso::server_test {

// kUnitA is the plan's third unit, kUnitB its fourth (GET /api/units).
inline const std::string kRowA = std::string("/api/periods/") + kPeriod + "/units/3";
inline const std::string kRowB = std::string("/api/periods/") + kPeriod + "/units/4";

class ApiTest : public ::testing::TestWithParam<test::Backend> {
 protected:
  void SetUp() override {
    folder_ = test_folder();
    database_ = std::make_unique<test::TestDatabase>(GetParam(), folder_ + "/chiso.db");
    ASSERT_TRUE(database_->ok());
    db_ = database_->db();
    db_arg_ = database_->db_arg();
    seed_database(db_);
    server_ = std::make_unique<ServerProcess>(db_, std::vector<std::string>{}, folder_);
  }
  void TearDown() override { server_.reset(); }  // before its database is dropped
  // A client, logged in as `user` unless it is "".
  std::unique_ptr<Client> client(const std::string& user = "") {
    auto made = std::make_unique<Client>(server_->port());
    if (!user.empty()) {
      Reply reply = made->login(user);
      EXPECT_EQ(reply.status, 200) << reply.body;
    }
    return made;
  }
  std::unique_ptr<test::TestDatabase> database_;
  std::string folder_;
  std::string db_;      // --db's value: a path or a postgresql:// URI
  std::string db_arg_;  // the same, quoted for a shell command line
  std::unique_ptr<ServerProcess> server_;
};

}  // namespace chiso::server_test
