// Two Store objects on one file: one after the other, and at the same time
// from two threads. Both imports must land as versions 1 and 2, with no
// "database is locked" error (BEGIN IMMEDIATE + busy_timeout).
#include <atomic>
#include <thread>

#include "store/store.h"
#include "store_fixture.h"

namespace chiso::store_test {
namespace {

std::vector<UnitRow> rows_for(const std::string& period, int count, double total) {
  std::vector<UnitRow> rows;
  for (int row_idx = 0; row_idx < count; ++row_idx)
    rows.push_back(make_row(row_idx + 1, row_idx % 2 ? "Cục Thuế" : "Sở Tư pháp", period, total, 1, "x", true));
  return rows;
}

TEST(StoreConcurrency, TwoStoresOneAfterTheOther) {
  std::string path = fresh_db_path();
  auto first = open_or_die(path);
  auto second = open_or_die(path);
  Plan plan = small_plan();
  ASSERT_TRUE(import_rows(*first, plan, "first.txt", rows_for("2025-01", 3, 10)).ok());
  ASSERT_TRUE(import_rows(*second, plan, "second.txt", rows_for("2025-01", 3, 20)).ok());
  // Each sees the other's import.
  for (Store* store : {first.get(), second.get()}) {
    auto periods = store->periods();
    ASSERT_TRUE(periods.ok());
    ASSERT_EQ(periods->size(), 1u);
    EXPECT_EQ((*periods)[0].submission_version, 2);
    EXPECT_EQ((*periods)[0].source_file, "second.txt");
  }
}

TEST(StoreConcurrency, ReaderSeesTheLastCommitWhileAWriterWorks) {
  std::string path = fresh_db_path();
  auto writer_store = open_or_die(path);
  auto reader_store = open_or_die(path);
  Plan plan = small_plan();
  ASSERT_TRUE(import_rows(*writer_store, plan, "v1.txt", rows_for("2025-01", 2, 10)).ok());
  auto writer = writer_store->begin_import(plan, source_file("v2.txt"));
  ASSERT_TRUE(writer.ok());
  for (const UnitRow& row : rows_for("2025-01", 2, 99)) ASSERT_TRUE((*writer)->add_row(row, {}).ok());
  // WAL: the reader is not blocked and sees version 1 until the commit.
  auto table = reader_store->load_period(plan, "2025-01");
  ASSERT_TRUE(table.ok()) << table.error().message;
  EXPECT_EQ(table->source_file, "v1.txt");
  ASSERT_TRUE((*writer)->commit().ok());
  table = reader_store->load_period(plan, "2025-01");
  ASSERT_TRUE(table.ok());
  EXPECT_EQ(table->source_file, "v2.txt");
  EXPECT_EQ(table->rows[0].values[0].raw, "99");
}

TEST(StoreConcurrency, TwoThreadsImportAtTheSameTime) {
  std::string path = fresh_db_path();
  Plan plan = small_plan();
  constexpr int rounds = 5;
  // Each thread opens its own Store (a fresh file: both may race to create
  // and migrate it) and imports the same period; rows are many enough that
  // the transactions overlap.
  std::atomic<int> ready{0};
  std::vector<std::string> errors(2);
  auto work = [&](int thread_idx) {
    auto store = open_sqlite_store(path);
    ++ready;  // even on failure, so the other thread never waits forever
    if (!store) {
      errors[thread_idx] = store.error().message;
      return;
    }
    while (ready.load() < 2) std::this_thread::yield();
    for (int round = 0; round < rounds; ++round) {
      auto done = import_rows(**store, plan, "thread" + std::to_string(thread_idx) + ".txt",
                              rows_for("2025-Q1", 2000, thread_idx));
      if (!done) {
        errors[thread_idx] = done.error().message;
        return;
      }
    }
  };
  std::thread first(work, 0), second(work, 1);
  first.join();
  second.join();
  EXPECT_EQ(errors[0], "");
  EXPECT_EQ(errors[1], "");

  auto store = open_or_die(path);
  auto periods = store->periods();
  ASSERT_TRUE(periods.ok());
  ASSERT_EQ(periods->size(), 1u);
  EXPECT_EQ((*periods)[0].submission_version, 2 * rounds);
  EXPECT_EQ((*periods)[0].unit_count, 2000);
  // Every version is there once, each with all its rows.
  auto history = store->history("2025-Q1", "");
  ASSERT_TRUE(history.ok());
  std::vector<int> versions_seen;
  for (const Change& change : *history)
    if (versions_seen.empty() || versions_seen.back() != change.new_version)
      versions_seen.push_back(change.new_version);
  for (std::size_t idx = 1; idx < versions_seen.size(); ++idx)
    EXPECT_LT(versions_seen[idx - 1], versions_seen[idx]);
}

}  // namespace
}  // namespace chiso::store_test
