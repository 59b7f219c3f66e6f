// A fresh PostgreSQL database for one test, dropped at its end.
//
// The server comes from CHISO_TEST_PG (a libpq conninfo, URI or key=value)
// or else from the file CHISO_TEST_PG_FILE names; ctest sets the latter for
// every test of a program that CMake's `chiso_needs_pg(target)` marks, and
// its fixture `pg_server` starts the server (scripts/pg-test-server.sh). With
// neither set, or the server out of reach, constructing a PgTestDb FAILS the
// test with a message saying how to start one: never a silent skip.
//
//   chiso::test::PgTestDb db;
//   ASSERT_TRUE(db.ok());
//   auto store = chiso::open_store(db.conninfo());
//
// Header-only, plain libpq (the test program links it: chiso_needs_pg does).
// Not thread-safe; one per test.
#pragma once

#include <libpq-fe.h>

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <cctype>
#include <cstdlib>
#include <fstream>
#include <random>
#include <sstream>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include <unistd.h>

namespace chiso::test {

namespace pg_test_db_detail {

inline std::string uri_encode(const std::string& text) {
  static const char* hex = "0123456789ABCDEF";
  std::string out;
  for (unsigned char byte : text) {
    if ((byte >= 'A' && byte <= 'Z') || (byte >= 'a' && byte <= 'z') || (byte >= '0' && byte <= '9') ||
        byte == '-' || byte == '.' || byte == '_' || byte == '~' || byte == '/') {
      out += static_cast<char>(byte);
    } else {
      out += '%';
      out += hex[byte >> 4];
      out += hex[byte & 15];
    }
  }
  return out;
}

inline std::string trimmed(std::string text) {
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) text.pop_back();
  size_t first = 0;
  while (first < text.size() && std::isspace(static_cast<unsigned char>(text[first]))) ++first;
  return text.substr(first);
}

}  // namespace pg_test_db_detail

class PgTestDb {
 public:
  // Creates the database. On failure the test has failed already (a
  // non-fatal failure) and ok() is false; ASSERT_TRUE(db.ok()) stops it.
  PgTestDb() {
    std::string base;
    if (!server_conninfo(base)) return;
    char* parse_error = nullptr;
    PQconninfoOption* options = PQconninfoParse(base.c_str(), &parse_error);
    if (options == nullptr) {
      fail("the test server's conninfo does not parse: " + std::string(parse_error ? parse_error : "?"));
      PQfreemem(parse_error);
      return;
    }
    std::string admin_db = "postgres";
    for (PQconninfoOption* option = options; option->keyword != nullptr; ++option) {
      if (option->val == nullptr || *option->val == '\0') continue;
      std::string keyword = option->keyword;
      if (keyword == "dbname") {
        admin_db = option->val;
      } else {
        params_.emplace_back(keyword, option->val);
      }
    }
    PQconninfoFree(options);

    static std::atomic<int> counter{0};
    std::random_device random;
    std::ostringstream name;
    name << "chiso_test_" << getpid() << '_' << counter++ << '_' << std::hex << (random() & 0xffffff);
    name_ = name.str();
    admin_conninfo_ = uri_for(admin_db);
    conninfo_ = uri_for(name_);

    if (!admin_exec("CREATE DATABASE \"" + name_ + "\" TEMPLATE template0 ENCODING 'UTF8'")) return;
    created_ = true;
  }

  ~PgTestDb() {
    if (created_) admin_exec("DROP DATABASE IF EXISTS \"" + name_ + "\" WITH (FORCE)");
  }

  PgTestDb(const PgTestDb&) = delete;
  PgTestDb& operator=(const PgTestDb&) = delete;

  bool ok() const { return created_; }
  // The fresh database as a libpq URI (postgresql://…), so that
  // chiso's open_store picks PostgreSQL.
  const std::string& conninfo() const { return conninfo_; }
  // The database's name (chiso_test_<pid>_<n>_<random>).
  const std::string& name() const { return name_; }
  // The server's administrative database (`postgres` unless the conninfo
  // names another), for what a test does around its own database.
  const std::string& admin_conninfo() const { return admin_conninfo_; }

  // Ends every session on the database, as its restart, a failover or an
  // administrator's pg_terminate_backend does, and waits (up to 10 s) until
  // they are gone. The number ended; -1 (the test failed) when it cannot.
  long long end_sessions() {
    PGconn* connection = PQconnectdb(admin_conninfo_.c_str());
    long long ended = -1;
    const char* values[] = {name_.c_str()};
    auto count = [&](const char* sql) {
      PGresult* result = PQexecParams(connection, sql, 1, nullptr, values, nullptr, nullptr, 0);
      long long counted = PQresultStatus(result) == PGRES_TUPLES_OK ? std::atoll(PQgetvalue(result, 0, 0)) : -1;
      if (counted < 0) fail(std::string(sql) + ": " + PQresultErrorMessage(result));
      PQclear(result);
      return counted;
    };
    if (PQstatus(connection) != CONNECTION_OK) {
      fail("cannot connect to the test server: " + std::string(PQerrorMessage(connection)));
    } else {
      ended = count("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = $1");
      for (int wait = 0; wait < 1000; ++wait) {
        if (count("SELECT count(*) FROM pg_stat_activity WHERE datname = $1") <= 0) break;
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
      }
    }
    PQfinish(connection);
    return ended;
  }
  // Lets new sessions onto the database or refuses them (as while it
  // starts again); those already open go on. False (the test failed) when
  // it cannot.
  bool allow_connections(bool allowed) {
    return admin_exec("ALTER DATABASE \"" + name_ + "\" ALLOW_CONNECTIONS " + (allowed ? "true" : "false"));
  }
  // ALTER DATABASE <this database> `clause`, e.g. "SET lock_timeout = '1s'"
  // (a setting its next sessions start with). False (the test failed) when
  // it cannot.
  bool alter(const std::string& clause) { return admin_exec("ALTER DATABASE \"" + name_ + "\" " + clause); }

 private:
  static constexpr const char* how_to_start =
      "Run the test through ctest (its fixture pg_server starts a throw-away server), or start one "
      "with `scripts/pg-test-server.sh start /tmp/chiso-pg` and set "
      "CHISO_TEST_PG_FILE=/tmp/chiso-pg/conninfo (or CHISO_TEST_PG to the conninfo of a server "
      "where this user may create databases).";

  void fail(const std::string& what) { ADD_FAILURE() << "PgTestDb: " << what; }

  bool server_conninfo(std::string& conninfo) {
    if (const char* given = std::getenv("CHISO_TEST_PG"); given != nullptr && *given != '\0') {
      conninfo = given;
      return true;
    }
    const char* file = std::getenv("CHISO_TEST_PG_FILE");
    if (file == nullptr || *file == '\0') {
      fail(std::string("this test needs PostgreSQL, and neither CHISO_TEST_PG nor CHISO_TEST_PG_FILE is set. ") +
           how_to_start);
      return false;
    }
    std::ifstream in(file);
    std::stringstream text;
    text << in.rdbuf();
    conninfo = pg_test_db_detail::trimmed(text.str());
    if (!in || conninfo.empty()) {
      fail(std::string("CHISO_TEST_PG_FILE names ") + file +
           ", which is missing or empty: the test server did not start (see the output of the test "
           "pg_server_start). " + how_to_start);
      return false;
    }
    return true;
  }

  std::string uri_for(const std::string& dbname) const {
    std::string uri = "postgresql:///" + pg_test_db_detail::uri_encode(dbname);
    char separator = '?';
    for (const auto& [keyword, value] : params_) {
      uri += separator + keyword + '=' + pg_test_db_detail::uri_encode(value);
      separator = '&';
    }
    return uri;
  }

  bool admin_exec(const std::string& sql) {
    PGconn* connection = PQconnectdb(admin_conninfo_.c_str());
    if (PQstatus(connection) != CONNECTION_OK) {
      fail("cannot connect to the test server: " + std::string(PQerrorMessage(connection)) + how_to_start);
      PQfinish(connection);
      return false;
    }
    PGresult* result = PQexec(connection, sql.c_str());
    bool done = PQresultStatus(result) == PGRES_COMMAND_OK;
    if (!done) fail(sql + ": " + PQresultErrorMessage(result));
    PQclear(result);
    PQfinish(connection);
    return done;
  }

  std::vector<std::pair<std::string, std::string>> params_;
  std::string name_;
  std::string conninfo_;
  std::string admin_conninfo_;
  bool created_ = false;
};

}  // namespace chiso::test
