// A store left open while a newer chiso migrates its database (a server
// running through the upgrade of another, or of the command line) stops
// writing: its next write is refused, busy, with both versions, nothing
// written; its schema_version() (the health check's) says the same. On
// PostgreSQL a migration also waits for the transactions in flight.
#include "store/pg_connection.h"
#include "store/pg_schema.h"
#include "store/schema.h"
#include "store/store.h"
#include "store_fixture.h"

namespace chiso::store_test {
namespace {

class NewerSchema : public StoreTest {
 protected:
  // What a newer chiso's migration leaves: the schema's version raised.
  void migrate_past(const std::string& db, int version) {
    if (is_postgresql()) {
      test::query_text(db, "UPDATE schema_version SET version = " + std::to_string(version) + " RETURNING version");
      return;
    }
    sqlite3* handle = nullptr;
    ASSERT_EQ(sqlite3_open_v2(db.c_str(), &handle, SQLITE_OPEN_READWRITE, nullptr), SQLITE_OK);
    EXPECT_EQ(sqlite3_exec(handle, ("PRAGMA user_version = " + std::to_string(version)).c_str(), nullptr, nullptr,
                           nullptr),
              SQLITE_OK)
        << sqlite3_errmsg(handle);
    sqlite3_close(handle);
  }
  int latest() const {
    return is_postgresql() ? store_detail::pg_schema_version_latest() : store_detail::schema_version_latest();
  }
};

TEST_P(NewerSchema, AStoreOpenWhileANewerChisoMigratesWritesNothingMore) {
  const std::string db = fresh_db();
  auto store = open_or_die(db);
  const Plan plan = small_plan();
  ASSERT_TRUE(import_rows(*store, plan, "a.txt", {make_row(1, "Sở Tư pháp", "2025-01", 20, 5, "25", true)}).ok());
  auto version = store->schema_version();
  ASSERT_TRUE(version.ok()) << version.error().message;
  EXPECT_EQ(*version, latest());

  migrate_past(db, latest() + 1);
  auto saved = store->write_unit(plan, page_write("2025-01", make_row(1, "Sở Tư pháp", "2025-01", 21, 5, "23,81", true), 1));
  ASSERT_FALSE(saved.ok());
  EXPECT_EQ(saved.error().kind, ErrorKind::busy);
  const std::string expected = "đã được một chiso mới hơn nâng lên lược đồ " + std::to_string(latest() + 1) +
                               " sau khi chiso này mở nó; chiso này chỉ hiểu đến lược đồ " + std::to_string(latest()) +
                               " nên không ghi gì nữa";
  EXPECT_NE(saved.error().message.find(expected), std::string::npos) << saved.error().message;
  EXPECT_FALSE(store->set_period_state("2025-01", PeriodState::locked, person("coord")).ok());
  auto imported = import_rows(*store, plan, "b.txt", {make_row(1, "Sở Tư pháp", "2025-02", 20, 5, "25", true)});
  ASSERT_FALSE(imported.ok());
  EXPECT_NE(imported.error().message.find(expected), std::string::npos) << imported.error().message;
  auto health = store->schema_version();
  ASSERT_FALSE(health.ok());
  EXPECT_EQ(health.error().kind, ErrorKind::busy);
  EXPECT_EQ(count_rows(db, "unit_submission"), 1);
  EXPECT_EQ(query_text(db, "SELECT count(*) FROM period"), "1");

  // The same version again (the upgrade undone): writes go on.
  migrate_past(db, latest());
  auto again = store->write_unit(plan, page_write("2025-01", make_row(1, "Sở Tư pháp", "2025-01", 21, 5, "23,81", true), 1));
  ASSERT_TRUE(again.ok()) << again.error().message;
  EXPECT_EQ(again->version, 2);
}

INSTANTIATE_STORE_TESTS(NewerSchema);

// PostgreSQL: a migration (the migration lock alone, as pg_migrate takes
// it) cannot start while a transaction of a guarded connection is open, and
// a guarded transaction cannot begin while a migration holds it.
TEST(PgSchemaGuard, AMigrationAndTheTransactionsOfServersWaitForEachOther) {
  test::PgTestDb db;
  ASSERT_TRUE(db.ok());
  auto store = open_or_die(db.conninfo());  // the schema made
  auto opened = pg::PgConnection::open(db.conninfo());
  ASSERT_TRUE(opened.ok()) << opened.error().text(true);
  pg::PgConnection& server = **opened;
  server.guard_schema(store_detail::pg_schema_version_latest());
  const std::string try_alone = "SELECT pg_try_advisory_xact_lock(1128813391)";
  {
    pg::PgTransaction transaction(server);
    ASSERT_TRUE(transaction.begin().ok()) << transaction.begin().error().message;
    EXPECT_EQ(query_text(db.conninfo(), try_alone), "f");
    ASSERT_TRUE(transaction.commit().ok());
  }
  EXPECT_EQ(query_text(db.conninfo(), try_alone), "t");
  // A migration under way: the transaction begins once it is over, or is
  // refused after it (here: the lock taken and given back, nothing changed).
  auto migration = pg::PgConnection::open(db.conninfo());
  ASSERT_TRUE(migration.ok());
  ASSERT_TRUE((*migration)->exec("BEGIN").ok());
  ASSERT_TRUE((*migration)->exec("SELECT pg_advisory_xact_lock(1128813391)").ok());
  ASSERT_TRUE(server.exec("SET lock_timeout = '300ms'").ok());
  {
    pg::PgTransaction waiting(server);
    ASSERT_FALSE(waiting.begin().ok());
    EXPECT_EQ(waiting.begin().error().kind, ErrorKind::busy);  // 55P03: the lock not had in time
  }
  ASSERT_TRUE((*migration)->exec("COMMIT").ok());
  pg::PgTransaction after(server);
  EXPECT_TRUE(after.begin().ok());
}

}  // namespace
}  // namespace chiso::store_test
