// Two Store objects on one file: one after the other, and at the same time
// from two threads. Every import must land, in turn, with no "database is
// locked" error (BEGIN IMMEDIATE + busy_timeout); each unit's versions
// follow one another.
#include <atomic>
#include <thread>

#include "store/store.h"
#include "store_fixture.h"

namespace chiso::store_test {
namespace {

class StoreConcurrency : public StoreTest {};

// `count` rows of the units "<prefix> 0", "<prefix> 1"…, each with `total`.
std::vector<UnitRow> rows_for(const std::string& period, int count, double total,
                              const std::string& prefix = "Đơn vị") {
  std::vector<UnitRow> rows;
  for (int row_idx = 0; row_idx < count; ++row_idx)
    rows.push_back(
        make_row(row_idx + 1, prefix + " " + std::to_string(row_idx), period, total, 1, "x", true));
  return rows;
}

TEST_P(StoreConcurrency, TwoStoresOneAfterTheOther) {
  std::string path = fresh_db();
  auto first = open_or_die(path);
  auto second = open_or_die(path);
  Plan plan = small_plan();
  ASSERT_TRUE(import_rows(*first, plan, "first.txt", rows_for("2025-01", 3, 10)).ok());
  ASSERT_TRUE(import_rows(*second, plan, "second.txt", rows_for("2025-01", 3, 20)).ok());
  // Each sees the other's import: three units, each at its second version.
  for (Store* store : {first.get(), second.get()}) {
    auto periods = store->periods();
    ASSERT_TRUE(periods.ok());
    ASSERT_EQ(periods->size(), 1u);
    EXPECT_EQ((*periods)[0].unit_count, 3);
    EXPECT_EQ((*periods)[0].submission_count, 6);
    EXPECT_EQ((*periods)[0].last_source, "second.txt");
    auto unit = store->load_unit(plan, "2025-01", "Đơn vị 2");
    ASSERT_TRUE(unit.ok()) << unit.error().message;
    EXPECT_EQ(unit->version, 2);
    EXPECT_EQ(unit->row.values[0].number, 20);
  }
}

TEST_P(StoreConcurrency, ReaderSeesTheLastCommitWhileAWriterWorks) {
  std::string path = fresh_db();
  auto writer_store = open_or_die(path);
  auto reader_store = open_or_die(path);
  Plan plan = small_plan();
  ASSERT_TRUE(import_rows(*writer_store, plan, "v1.txt", rows_for("2025-01", 2, 10)).ok());
  auto writer = writer_store->begin_import(plan, source_file("v2.txt"), ImportOptions{});
  ASSERT_TRUE(writer.ok());
  for (const UnitRow& row : rows_for("2025-01", 2, 99))
    ASSERT_TRUE((*writer)->add_row(row, {}).ok());
  // WAL: the reader is not blocked and sees the first versions until the commit.
  auto table = reader_store->load_period(plan, "2025-01");
  ASSERT_TRUE(table.ok()) << table.error().message;
  EXPECT_EQ(table->source_file, "v1.txt");
  ASSERT_EQ(table->rows.size(), 2u);
  EXPECT_EQ(table->rows[0].values[0].raw, "10");
  ASSERT_TRUE((*writer)->commit().ok());
  table = reader_store->load_period(plan, "2025-01");
  ASSERT_TRUE(table.ok());
  EXPECT_EQ(table->source_file, "v2.txt");
  ASSERT_EQ(table->rows.size(), 2u);
  EXPECT_EQ(table->rows[0].values[0].raw, "99");
  EXPECT_EQ(table->rows[1].values[0].raw, "99");
}

TEST_P(StoreConcurrency, TwoThreadsImportAtTheSameTime) {
  std::string path = fresh_db();
  Plan plan = small_plan();
  constexpr int rounds = 5;
  constexpr int unit_count = 2000;
  // Each thread opens its own Store (a fresh file: both may race to create
  // and migrate it) and imports the same units of the same period, each
  // time with other values (so each import makes a version of every unit);
  // rows are many enough that the transactions overlap.
  std::atomic<int> ready{0};
  std::vector<std::string> errors(2);
  auto work = [&](int thread_idx) {
    auto store = open_store(path);
    ++ready;  // even on failure, so the other thread never waits forever
    if (!store) {
      errors[thread_idx] = store.error().message;
      return;
    }
    while (ready.load() < 2) std::this_thread::yield();
    for (int round = 0; round < rounds; ++round) {
      auto done =
          import_rows(**store, plan,
                      "thread" + std::to_string(thread_idx) + "-" + std::to_string(round) + ".txt",
                      rows_for("2025-Q1", unit_count, 100 * thread_idx + round));
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
  EXPECT_EQ((*periods)[0].submission_count, 2 * rounds * unit_count);
  EXPECT_EQ((*periods)[0].unit_count, unit_count);
  // Every unit is at version 2 × rounds.
  auto status = store->status(plan, "2025-Q1");
  ASSERT_TRUE(status.ok());
  ASSERT_EQ(status->size(), 3u + unit_count);  // the plan's three (none reported), then the others
  for (std::size_t unit_idx = 3; unit_idx < status->size(); ++unit_idx)
    EXPECT_EQ((*status)[unit_idx].version, 2 * rounds) << (*status)[unit_idx].unit;
  // One unit's history, oldest first: its versions 1, 2, … in order.
  HistoryQuery one;
  one.unit = "Đơn vị 0";
  one.with_states = false;
  auto history = store->history("2025-Q1", one);
  ASSERT_TRUE(history.ok());
  std::vector<int> versions_seen;
  for (const Change& change : *history)
    if (versions_seen.empty() || versions_seen.back() != change.new_version)
      versions_seen.push_back(change.new_version);
  std::vector<int> in_order;
  for (int version = 1; version <= 2 * rounds; ++version) in_order.push_back(version);
  EXPECT_EQ(versions_seen, in_order);
  // And the period's last change is the newest version's.
  auto newest = store->load_unit(plan, "2025-Q1", "Đơn vị 0");
  ASSERT_TRUE(newest.ok());
  EXPECT_EQ((*periods)[0].last_change_utc, newest->written_at_utc);
}

// Two files of disjoint units into one period at once, from two threads
// (two Store objects on one file): both land, neither replaces the other.
TEST_P(StoreConcurrency, TwoThreadsImportDisjointUnitsIntoOnePeriod) {
  std::string path = fresh_db();
  Plan plan = small_plan();
  {
    auto created = open_or_die(path);
    ASSERT_TRUE(created->periods().ok());  // the schema, before the race
  }
  std::atomic<int> ready{0};
  std::vector<std::string> errors(2);
  const std::string prefixes[2] = {"Phường", "Xã"};
  auto work = [&](int thread_idx) {
    auto store = open_store(path);
    ++ready;
    if (!store) {
      errors[thread_idx] = store.error().message;
      return;
    }
    while (ready.load() < 2) std::this_thread::yield();
    auto done = import_rows(**store, plan, prefixes[thread_idx] + ".txt",
                            rows_for("2025-Q2", 1000, 10 + thread_idx, prefixes[thread_idx]));
    if (!done) errors[thread_idx] = done.error().message;
  };
  std::thread first(work, 0), second(work, 1);
  first.join();
  second.join();
  EXPECT_EQ(errors[0], "");
  EXPECT_EQ(errors[1], "");

  auto store = open_or_die(path);
  PeriodInfo info = period_info(*store, "2025-Q2");
  EXPECT_EQ(info.unit_count, 2000);
  EXPECT_EQ(info.submission_count, 2000);
  for (const char* unit : {"Phường 0", "Phường 999", "Xã 0", "Xã 999"}) {
    auto loaded = store->load_unit(plan, "2025-Q2", unit);
    ASSERT_TRUE(loaded.ok()) << unit << ": " << loaded.error().message;
    EXPECT_EQ(loaded->version, 1) << unit;
    EXPECT_EQ(loaded->row.values[0].number, std::string(unit).rfind("Phường", 0) == 0 ? 10 : 11)
        << unit;
  }
  auto table = store->load_period(plan, "2025-Q2");
  ASSERT_TRUE(table.ok());
  EXPECT_EQ(table->rows.size(), 2000u);
}

INSTANTIATE_STORE_TESTS(StoreConcurrency);

}  // namespace
}  // namespace chiso::store_test
