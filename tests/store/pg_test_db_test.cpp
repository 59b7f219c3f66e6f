// The PostgreSQL test server and PgTestDb (tests/common/pg_test_db.h):
// a fresh database per test that plain libpq reaches by the URI chiso is
// given, apart from every other test's, and gone after the test.
#include <gtest/gtest.h>
#include <libpq-fe.h>

#include <string>

#include "common/pg_test_db.h"

namespace chiso::store_test {
namespace {

using chiso::test::PgTestDb;

// One statement's result as text: row by row, columns joined with '|'.
std::string query_text(PGconn* connection, const std::string& sql) {
  PGresult* result = PQexec(connection, sql.c_str());
  std::string text;
  if (PQresultStatus(result) != PGRES_TUPLES_OK && PQresultStatus(result) != PGRES_COMMAND_OK) {
    text = std::string("ERROR ") + PQresultErrorMessage(result);
  }
  for (int row = 0; row < PQntuples(result); ++row) {
    for (int column = 0; column < PQnfields(result); ++column) {
      if (column > 0) text += '|';
      text += PQgetisnull(result, row, column) ? "NULL" : PQgetvalue(result, row, column);
    }
    text += '\n';
  }
  PQclear(result);
  return text;
}

TEST(PgTestDb, GivesAFreshDatabaseThatPlainLibpqReachesByItsUri) {
  PgTestDb db;
  ASSERT_TRUE(db.ok());
  EXPECT_EQ(db.conninfo().rfind("postgresql://", 0), 0u) << db.conninfo();

  PGconn* connection = PQconnectdb(db.conninfo().c_str());
  ASSERT_EQ(PQstatus(connection), CONNECTION_OK) << PQerrorMessage(connection);
  EXPECT_EQ(query_text(connection, "SELECT current_database()"), db.name() + "\n");
  // A database of its own: no table of anyone else's.
  EXPECT_EQ(query_text(connection, "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'"), "0\n");
  EXPECT_EQ(query_text(connection, "SELECT pg_encoding_to_char(encoding) FROM pg_database "
                                   "WHERE datname = current_database()"),
            "UTF8\n");

  EXPECT_EQ(query_text(connection, "CREATE TABLE unit (id BIGINT PRIMARY KEY, name TEXT NOT NULL)"), "");
  EXPECT_EQ(query_text(connection, "INSERT INTO unit VALUES (2, 'Sở Tư pháp'), (1, 'Cục Thuế')"), "");
  EXPECT_EQ(query_text(connection, "SELECT id, name FROM unit ORDER BY id"), "1|Cục Thuế\n2|Sở Tư pháp\n");
  PQfinish(connection);
}

TEST(PgTestDb, TwoAtOnceAreApartAndEachIsDroppedAtItsEnd) {
  std::string first_name, second_name, admin;
  {
    PgTestDb first;
    PgTestDb second;
    ASSERT_TRUE(first.ok());
    ASSERT_TRUE(second.ok());
    EXPECT_NE(first.name(), second.name());
    first_name = first.name();
    second_name = second.name();
    admin = first.admin_conninfo();

    PGconn* one = PQconnectdb(first.conninfo().c_str());
    PGconn* two = PQconnectdb(second.conninfo().c_str());
    ASSERT_EQ(PQstatus(one), CONNECTION_OK) << PQerrorMessage(one);
    ASSERT_EQ(PQstatus(two), CONNECTION_OK) << PQerrorMessage(two);
    EXPECT_EQ(query_text(one, "CREATE TABLE only_here (x INT)"), "");
    EXPECT_EQ(query_text(two, "SELECT count(*) FROM pg_tables WHERE tablename = 'only_here'"), "0\n");
    PQfinish(two);
    PQfinish(one);
  }
  PGconn* connection = PQconnectdb(admin.c_str());
  ASSERT_EQ(PQstatus(connection), CONNECTION_OK) << PQerrorMessage(connection);
  EXPECT_EQ(query_text(connection, "SELECT count(*) FROM pg_database WHERE datname IN ('" + first_name + "', '" +
                                       second_name + "')"),
            "0\n");
  PQfinish(connection);
}

// A test that ends with a connection open (a server it started, a store it
// did not close) still leaves no database behind: DROP … WITH (FORCE).
TEST(PgTestDb, ADatabaseStillConnectedToIsDroppedAllTheSame) {
  std::string name, admin;
  PGconn* lingering = nullptr;
  {
    PgTestDb db;
    ASSERT_TRUE(db.ok());
    name = db.name();
    admin = db.admin_conninfo();
    lingering = PQconnectdb(db.conninfo().c_str());
    ASSERT_EQ(PQstatus(lingering), CONNECTION_OK) << PQerrorMessage(lingering);
  }
  PGconn* connection = PQconnectdb(admin.c_str());
  ASSERT_EQ(PQstatus(connection), CONNECTION_OK) << PQerrorMessage(connection);
  EXPECT_EQ(query_text(connection, "SELECT count(*) FROM pg_database WHERE datname = '" + name + "'"), "0\n");
  PQfinish(connection);
  PQfinish(lingering);
}

}  // namespace
}  // namespace chiso::store_test
