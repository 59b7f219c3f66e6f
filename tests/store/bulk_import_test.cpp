// A large import leaves WAL for a rollback journal during its transaction
// (SqliteImportWriter::BulkJournal) and stays atomic: it commits whole, is
// rolled back whole, or, when the process dies in the middle, is undone by
// the next open.
#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>

#include "store/store.h"
#include "store_fixture.h"

namespace chiso::store_test {
namespace {

// Size that makes an import "large" (the writer looks at the size only).
constexpr std::int64_t kLargeFileBytes = std::int64_t{64} << 20;

SourceFile large_file(std::string name) {
  SourceFile file = source_file(std::move(name));
  file.size_bytes = kLargeFileBytes;
  return file;
}

// What another connection is told the journal mode is: "wal" while the
// file is in WAL, "delete" while it is in rollback mode.
std::string journal_mode_seen(const std::string& path) {
  sqlite3* db = nullptr;
  EXPECT_EQ(sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr), SQLITE_OK);
  sqlite3_stmt* stmt = nullptr;
  EXPECT_EQ(sqlite3_prepare_v2(db, "PRAGMA journal_mode", -1, &stmt, nullptr), SQLITE_OK);
  std::string mode;
  if (sqlite3_step(stmt) == SQLITE_ROW)
    mode = reinterpret_cast<const char*>(sqlite3_column_text(stmt, 0));
  sqlite3_finalize(stmt);
  sqlite3_close(db);
  return mode;
}

// Versions stored, all periods, as another connection counts them.
long long stored_rows(const std::string& path) { return count_rows(path, "unit_submission"); }

// `count` rows of as many units (none in the plan: kept in the file's order).
std::vector<UnitRow> month_rows(const std::string& period, int count) {
  std::vector<UnitRow> rows;
  for (int row_idx = 0; row_idx < count; ++row_idx) {
    rows.push_back(make_row(row_idx + 1, "Đơn vị " + std::to_string(row_idx), period, 100 + row_idx,
                            40, "40", row_idx % 3 == 0));
  }
  return rows;
}

TEST(BulkImport, LargeImportCommitsAndTheFileIsInWalAgain) {
  const std::string path = fresh_db_path();
  {
    auto created = open_or_die(path);
    ASSERT_TRUE(created->periods().ok());  // a new file read first is in WAL at once
  }
  auto store = open_or_die(path);
  const Plan plan = small_plan();
  ASSERT_EQ(journal_mode_seen(path), "wal");
  {
    auto writer = store->begin_import(plan, large_file("lich-su.tsv"), ImportOptions{});
    ASSERT_TRUE(writer.ok()) << writer.error().message;
    EXPECT_EQ(journal_mode_seen(path), "delete");  // during the import
    for (const UnitRow& row : month_rows("2025-01", 500))
      ASSERT_TRUE((*writer)->add_row(row, {}).ok());
    ASSERT_TRUE((*writer)->commit().ok());
    EXPECT_EQ(journal_mode_seen(path), "wal");  // at once, not when the writer goes
  }
  EXPECT_EQ(stored_rows(path), 500);
  auto table = store->load_period(plan, "2025-01");
  ASSERT_TRUE(table.ok()) << table.error().message;
  ASSERT_EQ(table->rows.size(), 500u);
  EXPECT_EQ(table->rows[499].values[0].raw, "599");
}

TEST(BulkImport, LargeImportNotCommittedLeavesTheStoreAsItWas) {
  const std::string path = fresh_db_path();
  auto store = open_or_die(path);
  const Plan plan = small_plan();
  ASSERT_TRUE(import_rows(*store, plan, "a.txt", month_rows("2025-01", 3)).ok());
  {
    auto writer = store->begin_import(plan, large_file("bo-do.tsv"), ImportOptions{});
    ASSERT_TRUE(writer.ok());
    for (const UnitRow& row : month_rows("2025-02", 500))
      ASSERT_TRUE((*writer)->add_row(row, {}).ok());
  }  // no commit
  EXPECT_EQ(stored_rows(path), 3);
  EXPECT_EQ(journal_mode_seen(path), "wal");
  ASSERT_TRUE(import_rows(*store, plan, "b.txt", month_rows("2025-02", 2)).ok());
  EXPECT_EQ(stored_rows(path), 5);
}

// Another connection that has the file open keeps it in WAL (SQLite cannot
// leave WAL then); the import goes on in WAL, as a small one would.
TEST(BulkImport, WithAnotherConnectionOpenTheImportStaysInWal) {
  const std::string path = fresh_db_path();
  auto store = open_or_die(path);
  auto reader = open_or_die(path);
  const Plan plan = small_plan();
  ASSERT_TRUE(reader->periods().ok());  // the reader has read the file
  auto writer = store->begin_import(plan, large_file("lich-su.tsv"), ImportOptions{});
  ASSERT_TRUE(writer.ok()) << writer.error().message;
  EXPECT_EQ(journal_mode_seen(path), "wal");
  for (const UnitRow& row : month_rows("2025-01", 50))
    ASSERT_TRUE((*writer)->add_row(row, {}).ok());
  ASSERT_TRUE((*writer)->commit().ok());
  auto periods = reader->periods();
  ASSERT_TRUE(periods.ok());
  ASSERT_EQ(periods->size(), 1u);
  EXPECT_EQ((*periods)[0].period, "2025-01");
}

// The process dies in the middle of a large import, after the database file
// itself was written (SQLite spilled pages to it, with their old content in
// the journal): the next open rolls the journal back.
TEST(BulkImport, ProcessKilledInTheMiddleIsUndoneByTheNextOpen) {
  const std::string path = fresh_db_path();
  const Plan plan = small_plan();
  {
    auto store = open_or_die(path);
    ASSERT_TRUE(import_rows(*store, plan, "a.txt", month_rows("2025-01", 3)).ok());
  }
  const auto size_before = std::filesystem::file_size(path);
  const pid_t child = fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    // The child: import until the database file has grown, then die
    // without committing, rolling back or closing anything.
    auto store = open_sqlite_store(path);
    if (!store) _exit(10);
    auto writer = (*store)->begin_import(plan, large_file("dang-do.tsv"), ImportOptions{});
    if (!writer) _exit(11);
    for (int row_idx = 0; row_idx < 2'000'000; ++row_idx) {
      UnitRow row = make_row(row_idx + 1, "Đơn vị " + std::to_string(row_idx), "2025-02", row_idx,
                             1, std::to_string(row_idx), true);
      if (!(*writer)->add_row(row, {})) _exit(12);
      if (row_idx % 1000 == 0 && std::filesystem::file_size(path) > size_before) _exit(0);
    }
    _exit(13);  // never grew: the test would prove nothing
  }
  int status = 0;
  ASSERT_EQ(waitpid(child, &status, 0), child);
  ASSERT_TRUE(WIFEXITED(status));
  ASSERT_EQ(WEXITSTATUS(status), 0) << "10–12: the import failed; 13: the file never grew";
  EXPECT_TRUE(std::filesystem::exists(path + "-journal"));  // hot: the rollback is still to do

  auto store = open_or_die(path);
  ASSERT_NE(store, nullptr);
  EXPECT_EQ(stored_rows(path), 3);
  EXPECT_EQ(journal_mode_seen(path), "wal");
  auto periods = store->periods();
  ASSERT_TRUE(periods.ok());
  ASSERT_EQ(periods->size(), 1u);
  EXPECT_EQ((*periods)[0].period, "2025-01");
  ASSERT_TRUE(import_rows(*store, plan, "b.txt", month_rows("2025-02", 2)).ok());
  EXPECT_EQ(stored_rows(path), 5);
}

// A new database stays in rollback mode through its first import (each page
// written once), and is in WAL as soon as that import has ended.
TEST(BulkImport, FirstImportIntoANewFileRunsInRollbackModeThenWal) {
  const std::string path = fresh_db_path();
  auto store = open_or_die(path);
  const Plan plan = small_plan();
  EXPECT_EQ(journal_mode_seen(path), "delete");
  {
    auto writer = store->begin_import(plan, source_file("ky-dau.tsv"), ImportOptions{});  // small
    ASSERT_TRUE(writer.ok()) << writer.error().message;
    EXPECT_EQ(journal_mode_seen(path), "delete");
    for (const UnitRow& row : month_rows("2025-01", 20))
      ASSERT_TRUE((*writer)->add_row(row, {}).ok());
    ASSERT_TRUE((*writer)->commit().ok());
    EXPECT_EQ(journal_mode_seen(path), "wal");
  }
  EXPECT_EQ(stored_rows(path), 20);
  // The next import of a small file is an ordinary one, in WAL.
  {
    auto writer = store->begin_import(plan, source_file("ky-hai.tsv"), ImportOptions{});
    ASSERT_TRUE(writer.ok()) << writer.error().message;
    EXPECT_EQ(journal_mode_seen(path), "wal");
    for (const UnitRow& row : month_rows("2025-02", 5))
      ASSERT_TRUE((*writer)->add_row(row, {}).ok());
    ASSERT_TRUE((*writer)->commit().ok());
  }
  EXPECT_EQ(stored_rows(path), 25);
}

// The first import into a new file fails: the file is left empty (its
// schema was to come with that import), no journal is left behind, and the
// next open starts it afresh.
TEST(BulkImport, FirstImportNotCommittedLeavesTheNewFileEmpty) {
  const std::string path = fresh_db_path();
  const Plan plan = small_plan();
  {
    auto store = open_or_die(path);
    auto writer = store->begin_import(plan, large_file("bo-do.tsv"), ImportOptions{});
    ASSERT_TRUE(writer.ok());
    // Enough rows that SQLite spills pages to the file before the end.
    for (const UnitRow& row : month_rows("2025-01", 3000))
      ASSERT_TRUE((*writer)->add_row(row, {}).ok());
  }  // no commit, store closed
  EXPECT_EQ(std::filesystem::file_size(path), 0u);
  EXPECT_FALSE(std::filesystem::exists(path + "-journal"));
  auto store = open_or_die(path);
  auto periods = store->periods();
  ASSERT_TRUE(periods.ok()) << periods.error().message;
  EXPECT_TRUE(periods->empty());
  EXPECT_EQ(journal_mode_seen(path), "wal");  // the read made the schema, then WAL
  ASSERT_TRUE(import_rows(*store, plan, "ky-dau.tsv", month_rows("2025-01", 4)).ok());
  EXPECT_EQ(stored_rows(path), 4);
}

// A reader that opens a new file first makes its schema, alone, and puts it
// in WAL at once: a store that stays open (a server) keeps reading while
// another connection imports.
TEST(BulkImport, ANewFileReadFirstIsInWalBeforeAnyImport) {
  const std::string path = fresh_db_path();
  auto reader = open_or_die(path);
  auto periods = reader->periods();
  ASSERT_TRUE(periods.ok()) << periods.error().message;
  EXPECT_TRUE(periods->empty());
  EXPECT_EQ(journal_mode_seen(path), "wal");
  EXPECT_EQ(stored_rows(path), 0);
}

}  // namespace
}  // namespace chiso::store_test
