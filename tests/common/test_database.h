// A fresh database of either store for one test, and what another program
// reading it would see: the tests that run against both stores (STYLE.md:
// "the same store tests run against SQLite and PostgreSQL") take a
// `Backend` as their parameter and reach the database through this.
//
//   class AccountsTest : public ::testing::TestWithParam<test::Backend> { … };
//   INSTANTIATE_TEST_SUITE_P(Stores, AccountsTest, test::both_backends, test::backend_name);
//
// SQLite: a file at the path given (removed first, with its -wal and -shm).
// PostgreSQL: a database of its own on the test server (pg_test_db.h: the
// test fails, never skips, when there is none), dropped at the end.
//
// Header-only; the test program links libpq (chiso_needs_pg). Not
// thread-safe; one per test.
#pragma once

#include <libpq-fe.h>
#include <sqlite3.h>

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <memory>
#include <string>
#include <vector>

#include "common/pg_test_db.h"
#include "store/store.h"

namespace chiso::test {

enum class Backend { sqlite, postgresql };

inline const auto both_backends = ::testing::Values(Backend::sqlite, Backend::postgresql);

// The parameter's name in the test's name: Stores/AccountsTest.X/sqlite.
inline std::string backend_name(const ::testing::TestParamInfo<Backend>& info) {
  return info.param == Backend::sqlite ? "sqlite" : "postgresql";
}

// `text` in single quotes for a shell command line (a URI holds ? and &).
inline std::string shell_quoted(const std::string& text) {
  std::string quoted = "'";
  for (char c : text) quoted += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return quoted + "'";
}

// Runs `sql` on the PostgreSQL database `conninfo` through a connection of
// its own (plain libpq, not chiso's layer), as another program would, and
// gives its result to `read`; a failure fails the test.
template <class Read>
void pg_query(const std::string& conninfo, const std::string& sql, Read read) {
  PGconn* connection = PQconnectdb(conninfo.c_str());
  if (PQstatus(connection) != CONNECTION_OK) {
    ADD_FAILURE() << "cannot connect to the test database: " << PQerrorMessage(connection);
    PQfinish(connection);
    return;
  }
  PGresult* result = PQexec(connection, sql.c_str());
  const ExecStatusType status = PQresultStatus(result);
  if (status == PGRES_TUPLES_OK || status == PGRES_COMMAND_OK)
    read(result);
  else
    ADD_FAILURE() << sql << ": " << PQresultErrorMessage(result);
  PQclear(result);
  PQfinish(connection);
}

// The first column of every row of `sql` as text ("" for NULL), read as
// another program would: `db` an SQLite file (opened read-only) or a
// postgresql:// URI.
inline std::vector<std::string> query_values(const std::string& db, const std::string& sql) {
  std::vector<std::string> values;
  if (is_postgresql_db(db)) {
    pg_query(db, sql, [&](PGresult* result) {
      if (PQnfields(result) == 0) return;
      for (int row = 0; row < PQntuples(result); ++row) values.emplace_back(PQgetvalue(result, row, 0));
    });
    return values;
  }
  sqlite3* handle = nullptr;
  EXPECT_EQ(sqlite3_open_v2(db.c_str(), &handle, SQLITE_OPEN_READONLY, nullptr), SQLITE_OK);
  sqlite3_stmt* stmt = nullptr;
  EXPECT_EQ(sqlite3_prepare_v2(handle, sql.c_str(), -1, &stmt, nullptr), SQLITE_OK) << sqlite3_errmsg(handle);
  while (sqlite3_step(stmt) == SQLITE_ROW) {
    const unsigned char* text = sqlite3_column_text(stmt, 0);
    values.emplace_back(text != nullptr ? reinterpret_cast<const char*>(text) : "");
  }
  sqlite3_finalize(stmt);
  sqlite3_close(handle);
  return values;
}

// The same values joined by '|'.
inline std::string query_column(const std::string& db, const std::string& sql) {
  std::string joined;
  const std::vector<std::string> values = query_values(db, sql);
  for (std::size_t idx = 0; idx < values.size(); ++idx) joined += (idx > 0 ? "|" : "") + values[idx];
  return joined;
}

// The first column of the first row of `sql` as text ("" when none or NULL).
inline std::string query_text(const std::string& db, const std::string& sql) {
  std::vector<std::string> values = query_values(db, sql);
  return values.empty() ? "" : values.front();
}

// Rows of a table (or what a SELECT returns: `sql_from` follows
// "SELECT count(*) FROM ").
inline long long count_rows(const std::string& db, const std::string& sql_from) {
  const std::string count = query_text(db, "SELECT count(*) FROM " + sql_from);
  return count.empty() ? -1 : std::stoll(count);
}

class TestDatabase {
 public:
  // REQUIRES for SQLite: the folder of `sqlite_path` exists.
  TestDatabase(Backend backend, const std::string& sqlite_path) : backend_(backend) {
    if (backend == Backend::sqlite) {
      for (const char* suffix : {"", "-wal", "-shm", "-journal"}) std::filesystem::remove(sqlite_path + suffix);
      db_ = sqlite_path;
    } else {
      pg_ = std::make_unique<PgTestDb>();
      db_ = pg_->conninfo();
    }
  }

  // False when the PostgreSQL database could not be made (the test has
  // failed already).
  bool ok() const { return backend_ == Backend::sqlite || pg_->ok(); }
  Backend backend() const { return backend_; }
  // What `--db` and open_store take: the file's path or a postgresql:// URI.
  const std::string& db() const { return db_; }
  // The same, quoted for a shell command line.
  std::string db_arg() const { return shell_quoted(db_); }

  std::unique_ptr<Store> open() const {
    auto store = open_store(db_);
    EXPECT_TRUE(store.ok()) << (store.ok() ? "" : store.error().message);
    return store.ok() ? std::move(*store) : nullptr;
  }

  // The first column of the first row of `sql` as text ("" when none or
  // NULL), read by a connection of its own, as another program would.
  std::string query_text(const std::string& sql) const { return test::query_text(db_, sql); }

  // Rows of a table (or what a SELECT returns: `sql_from` follows
  // "SELECT count(*) FROM ").
  long long count_rows(const std::string& sql_from) const { return test::count_rows(db_, sql_from); }

  // Runs statements, as another program would.
  void exec(const std::string& sql) const {
    if (backend_ == Backend::sqlite) {
      sqlite3* db = nullptr;
      ASSERT_EQ(sqlite3_open(db_.c_str(), &db), SQLITE_OK);
      EXPECT_EQ(sqlite3_exec(db, sql.c_str(), nullptr, nullptr, nullptr), SQLITE_OK) << sqlite3_errmsg(db);
      sqlite3_close(db);
      return;
    }
    pg_query(db_, sql, [](PGresult*) {});
  }

  // Everything the database keeps where someone with its files could read
  // it: for SQLite the bytes of the file and of its log (close the stores
  // first, so that every page is written out); for PostgreSQL every row of
  // every table of the database, as text.
  std::string everything_stored() const {
    std::string stored;
    if (backend_ == Backend::sqlite) {
      for (const char* suffix : {"", "-wal"}) {
        std::ifstream in(db_ + suffix, std::ios::binary);
        stored.append(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
      }
      return stored;
    }
    std::vector<std::string> tables;
    pg_query(db_, "SELECT tablename FROM pg_tables WHERE schemaname = current_schema() ORDER BY tablename",
             [&](PGresult* result) {
               for (int row = 0; row < PQntuples(result); ++row) tables.emplace_back(PQgetvalue(result, row, 0));
             });
    EXPECT_FALSE(tables.empty());
    for (const std::string& table : tables)
      pg_query(db_, "SELECT t::text FROM \"" + table + "\" t", [&](PGresult* result) {
        for (int row = 0; row < PQntuples(result); ++row) stored += std::string(PQgetvalue(result, row, 0)) + "\n";
      });
    return stored;
  }

 private:
  Backend backend_;
  std::string db_;
  std::unique_ptr<PgTestDb> pg_;
};

}  // namespace chiso::test
