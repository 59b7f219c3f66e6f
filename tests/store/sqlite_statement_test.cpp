// The SQLite wrappers' two shared resources: the statements a connection
// keeps for its next call of the same SQL (Statement::cached), and the write
// lock that every connection of the process to one file takes in turn
// (Connection::write_lock, Transaction).
#include <memory>

#include "store/sqlite_statement.h"
#include "store_fixture.h"

namespace chiso::store_test {
namespace {

using store_detail::Connection;
using store_detail::Statement;
using store_detail::Transaction;

// A connection of its own on `path` (":memory:" for none), without a busy
// timeout: a lock held elsewhere is seen at once.
std::shared_ptr<Connection> open_connection(const std::string& path) {
  sqlite3* db = nullptr;
  EXPECT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
  return std::make_shared<Connection>(db);
}

std::int64_t single_int(Connection& connection, const char* sql) {
  auto select = Statement::prepare(connection.get(), sql);
  EXPECT_TRUE(select.ok());
  auto stepped = select->step();
  EXPECT_TRUE(stepped.ok() && *stepped) << sql;
  return select->column_int(0);
}

// A file in WAL with the rows 1, 2, 3 in t(x).
std::shared_ptr<Connection> wal_file_with_rows(const std::string& path) {
  auto connection = open_connection(path);
  EXPECT_TRUE(connection
                  ->exec("PRAGMA journal_mode = WAL; CREATE TABLE t (x INTEGER); "
                         "INSERT INTO t VALUES (1), (2), (3)",
                         "setup")
                  .ok());
  return connection;
}

TEST(CachedStatement, TakenAgainItHasNoBindingsLeft) {
  auto connection = open_connection(":memory:");
  {
    auto select = Statement::cached(*connection, "SELECT ?1 IS NULL");
    ASSERT_TRUE(select.ok());
    select->bind_int(1, 7);
    ASSERT_TRUE(*select->step());
    EXPECT_EQ(select->column_int(0), 0);
  }  // given back mid-read, with 7 bound
  auto again = Statement::cached(*connection, "SELECT ?1 IS NULL");
  ASSERT_TRUE(again.ok());
  ASSERT_TRUE(*again->step());
  EXPECT_EQ(again->column_int(0), 1);  // unbound: NULL
}

// A read left open would keep a snapshot of the log: a TRUNCATE checkpoint
// of another connection could not finish (busy = 1), and the log would grow
// for as long as the server runs.
TEST(CachedStatement, GivenBackMidReadItEndsTheRead) {
  const std::string path = fresh_db_path();
  auto reader = wal_file_with_rows(path);
  auto other = open_connection(path);
  const char* checkpoint = "PRAGMA wal_checkpoint(TRUNCATE)";  // its first column: 1 when blocked
  {
    auto select = Statement::cached(*reader, "SELECT x FROM t ORDER BY x");
    ASSERT_TRUE(select.ok());
    ASSERT_TRUE(*select->step());
    ASSERT_TRUE(other->exec("INSERT INTO t VALUES (4)", "write").ok());
    EXPECT_EQ(single_int(*other, checkpoint), 1) << "the read in progress holds its snapshot";
  }
  EXPECT_EQ(single_int(*other, checkpoint), 0);
  // The statement kept is read from the start again.
  auto select = Statement::cached(*reader, "SELECT x FROM t ORDER BY x");
  ASSERT_TRUE(select.ok());
  ASSERT_TRUE(*select->step());
  EXPECT_EQ(select->column_int(0), 1);
}

// The SQL both stores share (store_sql.h) writes its parameters $1, $2…,
// which SQLite is given as ?1, ?2…: such a text is found again like any
// other, not compiled anew at each call (then kept once per call, until
// the connection's room for idle statements was full).
TEST(CachedStatement, ATextWithDollarParametersIsTakenAgain) {
  auto connection = open_connection(":memory:");
  for (int call = 0; call < 3; ++call) {
    auto select = Statement::cached(*connection, "SELECT $1 + 1");
    ASSERT_TRUE(select.ok());
    select->bind_int(1, call);
    ASSERT_TRUE(*select->step());
    EXPECT_EQ(select->column_int(0), call + 1);
  }
  int statements = 0;
  for (sqlite3_stmt* stmt = sqlite3_next_stmt(connection->get(), nullptr); stmt != nullptr;
       stmt = sqlite3_next_stmt(connection->get(), stmt))
    ++statements;
  EXPECT_EQ(statements, 1);
}

TEST(CachedStatement, TheSameTextInUseTwiceIsTwoStatements) {
  const std::string path = fresh_db_path();
  auto connection = wal_file_with_rows(path);
  const char* sql = "SELECT x FROM t ORDER BY x";
  auto outer = Statement::cached(*connection, sql);
  ASSERT_TRUE(outer.ok());
  ASSERT_TRUE(*outer->step());
  ASSERT_TRUE(*outer->step());
  EXPECT_EQ(outer->column_int(0), 2);
  auto inner = Statement::cached(*connection, sql);
  ASSERT_TRUE(inner.ok());
  ASSERT_TRUE(*inner->step());
  EXPECT_EQ(inner->column_int(0), 1);
  ASSERT_TRUE(*outer->step());
  EXPECT_EQ(outer->column_int(0), 3);
}

TEST(CachedStatement, MoreTextsThanKeptStillRun) {
  auto connection = open_connection(":memory:");
  for (std::size_t text_idx = 0; text_idx < Connection::cached_statements_max + 10; ++text_idx) {
    const std::string sql = "SELECT " + std::to_string(text_idx);
    for (int call = 0; call < 2; ++call) {
      auto select = Statement::cached(*connection, sql);
      ASSERT_TRUE(select.ok());
      ASSERT_TRUE(*select->step());
      EXPECT_EQ(select->column_int(0), static_cast<std::int64_t>(text_idx));
    }
  }
}

TEST(WriteLock, OnePerFileSharedByItsConnections) {
  const std::string path = fresh_db_path();
  auto first = wal_file_with_rows(path);
  auto second = open_connection(path);
  ASSERT_NE(first->write_lock(), nullptr);
  EXPECT_EQ(first->write_lock(), second->write_lock());
  auto elsewhere = open_connection(fresh_db_path() + "-other.db");
  EXPECT_NE(elsewhere->write_lock(), first->write_lock());
  EXPECT_EQ(open_connection(":memory:")->write_lock(), nullptr);
}

TEST(WriteLock, HeldFromBeginToCommitOrRollback) {
  const std::string path = fresh_db_path();
  auto first = wal_file_with_rows(path);
  auto second = open_connection(path);
  auto lock = second->write_lock();
  {
    auto writing = Transaction::begin_immediate(first, "test");
    ASSERT_TRUE(writing.ok());
    EXPECT_FALSE(lock->try_lock());
    ASSERT_TRUE(writing->commit().ok());
    ASSERT_TRUE(lock->try_lock());
    lock->unlock();
  }
  {
    auto writing = Transaction::begin_immediate(first, "test");
    ASSERT_TRUE(writing.ok());
    EXPECT_FALSE(lock->try_lock());
  }  // rolled back
  ASSERT_TRUE(lock->try_lock());
  lock->unlock();
  // A transaction of the same connection inside its own: refused by SQLite,
  // not a wait on the lock its own thread holds.
  auto outer = Transaction::begin_immediate(first, "outer");
  ASSERT_TRUE(outer.ok());
  auto inner = Transaction::begin_immediate(first, "inner");
  EXPECT_FALSE(inner.ok());
  ASSERT_TRUE(outer->commit().ok());
}

}  // namespace
}  // namespace chiso::store_test
