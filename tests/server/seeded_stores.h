// A server test on both stores (test::Backend as its parameter): a fresh
// folder for the test, and a database of the store seeded as
// seed_database() does (server_harness.h).
//
//   class CrashTest : public SeededStoresTest {};
//   INSTANTIATE_TEST_SUITE_P(Stores, CrashTest, test::both_backends, test::backend_name);
#pragma once

#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "common/test_database.h"
#include "server_harness.h"

namespace chiso::server_test {

class SeededStoresTest : public ::testing::TestWithParam<test::Backend> {
 protected:
  void SetUp() override {
    folder_ = test_folder();
    database_ = std::make_unique<test::TestDatabase>(GetParam(), folder_ + "/chiso.db");
    ASSERT_TRUE(database_->ok());
    seed_database(database_->db());
  }
  // The database's file or URI, as --db takes it.
  const std::string& db() const { return database_->db(); }

  std::string folder_;
  std::unique_ptr<test::TestDatabase> database_;
};

}  // namespace chiso::server_test
