// Store::backup_to on SQLite: a consistent copy while others write, never
// half a file at the target, an existing file kept unless replaced.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <thread>

#include "store_fixture.h"

namespace chiso::store_test {
namespace {

namespace fs = std::filesystem;

class BackupTest : public ::testing::Test {
 protected:
  void SetUp() override {
    path_ = fresh_db_path();
    backup_ = path_ + ".backup";
    for (const char* suffix : {"", "-wal", "-shm"}) fs::remove(backup_ + suffix);
    {
      auto store = open_or_die(path_);
      ASSERT_NE(store, nullptr);
      ASSERT_TRUE(import_rows(*store, small_plan(), "a.txt",
                              {make_row(1, "Sở Tư pháp", "2025-Q1", 10, 7, "70", true),
                               make_row(2, "Cục Thuế", "2025-Q1", 4, 1, "25", false)})
                      .ok());
    }
    store_ = open_or_die(path_);  // reopened: in WAL, as a server finds it
    ASSERT_NE(store_, nullptr);
  }
  std::string path_, backup_;
  std::unique_ptr<Store> store_;
};

TEST_F(BackupTest, TheCopyHoldsWhatWasCommittedWhileAnotherWriterHoldsItsTransactionOpen) {
  sqlite3* writer = nullptr;
  ASSERT_EQ(sqlite3_open(path_.c_str(), &writer), SQLITE_OK);
  ASSERT_EQ(
      sqlite3_exec(
          writer,
          "BEGIN IMMEDIATE; UPDATE period SET deadline = 'not committed' WHERE name = '2025-Q1'",
          nullptr, nullptr, nullptr),
      SQLITE_OK);

  auto copied = store_->backup_to(backup_, false);
  ASSERT_TRUE(copied.ok()) << copied.error().message;
  sqlite3_exec(writer, "COMMIT", nullptr, nullptr, nullptr);
  sqlite3_close(writer);

  EXPECT_EQ(query_text(backup_, "PRAGMA integrity_check"), "ok");
  EXPECT_EQ(query_text(backup_, "PRAGMA user_version"), "8");
  EXPECT_EQ(query_text(backup_, "SELECT deadline FROM period WHERE name = '2025-Q1'"), "");
  EXPECT_EQ(query_text(path_, "SELECT deadline FROM period WHERE name = '2025-Q1'"), "not committed");
  // The copy opens as a store and reads as the original did.
  auto copy = open_or_die(backup_);
  ASSERT_NE(copy, nullptr);
  auto table = copy->load_period(small_plan(), "2025-Q1");
  ASSERT_TRUE(table.ok()) << table.error().message;
  ASSERT_EQ(table->rows.size(), 2u);
  EXPECT_EQ(table->rows[0].unit_name, "Sở Tư pháp");
  EXPECT_EQ(table->rows[0].values[0].raw, "10");
  EXPECT_EQ(table->rows[1].values[2].raw, "25");
  // No part of this copy is left beside it. (Only this copy's: the folder is
  // shared with the other store tests, which ctest runs at the same time.)
  const std::string part_prefix = fs::path(backup_).filename().string() + ".part-";
  for (const auto& entry : fs::directory_iterator(fs::path(backup_).parent_path()))
    EXPECT_FALSE(entry.path().filename().string().starts_with(part_prefix)) << entry.path();
}

TEST_F(BackupTest, AnExistingFileIsKeptUnlessReplacedAndTheDatabaseItselfNever) {
  { std::ofstream(backup_) << "keep me"; }
  auto refused = store_->backup_to(backup_, false);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().kind, ErrorKind::conflict);
  EXPECT_NE(refused.error().message_en.find("--force"), std::string::npos)
      << refused.error().message_en;
  EXPECT_EQ(query_text(path_, "SELECT count(*) FROM unit_submission"), "2");
  {
    std::ifstream in(backup_);
    std::string kept;
    std::getline(in, kept);
    EXPECT_EQ(kept, "keep me");
  }
  ASSERT_TRUE(store_->backup_to(backup_, true).ok());
  EXPECT_EQ(query_text(backup_, "SELECT count(*) FROM unit_submission"), "2");

  auto itself = store_->backup_to(path_, true);
  ASSERT_FALSE(itself.ok());
  EXPECT_EQ(itself.error().kind, ErrorKind::conflict);
  EXPECT_EQ(query_text(path_, "SELECT count(*) FROM unit_submission"), "2");
}

TEST_F(BackupTest, AFolderThatIsNotThereIsAnErrorNamingIt) {
  const std::string target = path_ + ".no-such-folder/copy.db";
  auto failed = store_->backup_to(target, false);
  ASSERT_FALSE(failed.ok());
  EXPECT_NE(failed.error().message.find(target), std::string::npos) << failed.error().message;
  EXPECT_FALSE(fs::exists(target));
}

TEST_F(BackupTest, ACopyMadeWhileAnotherStoreKeepsWritingIsWhole) {
  std::atomic<bool> stop{false};
  std::atomic<int> written{0};
  std::thread writer([&] {
    auto other = open_sqlite_store(path_);
    if (!other.ok()) return;
    for (int write_idx = 0; !stop && write_idx < 10'000; ++write_idx) {
      NewUser user;
      user.name = "user" + std::to_string(write_idx);
      user.password = "long enough password";
      // The hash (19 MiB, tens of ms) is outside the transaction, so each
      // write holds the lock briefly and often.
      if ((*other)->accounts().add_user(user, "test", 1'767'225'600).ok()) ++written;
    }
  });
  while (written < 2) std::this_thread::sleep_for(std::chrono::milliseconds(5));
  auto copied = store_->backup_to(backup_, false);
  const int written_after = written;
  stop = true;
  writer.join();
  ASSERT_TRUE(copied.ok()) << copied.error().message;
  EXPECT_EQ(query_text(backup_, "PRAGMA integrity_check"), "ok");
  const int users_in_copy = std::stoi(query_text(backup_, "SELECT count(*) FROM account"));
  EXPECT_GE(users_in_copy, 2);
  // At most one commit may have come before its count went up.
  EXPECT_LE(users_in_copy, written_after + 1);
  // Each account in the copy has its event: one committed state, not a mix.
  EXPECT_EQ(query_text(backup_, "SELECT count(*) FROM auth_event"), std::to_string(users_in_copy));
}

}  // namespace
}  // namespace chiso::store_test
