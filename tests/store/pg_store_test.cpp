// What is PostgreSQL's own: a failed or killed import leaves nothing; a
// store whose session the database ended (a restart, a failover, an
// administrator) connects again for its next call, never inside a
// transaction; two connections saving from one stale version give one
// success and one conflict, never a lost update; a database of another
// program, or of a newer chiso, is refused untouched; the conninfo's
// password never shows in a message.
#include <atomic>
#include <chrono>
#include <future>
#include <map>
#include <thread>

#include "store/pg_connection.h"
#include "store/pg_schema.h"
#include "store/pg_store.h"
#include "store/schema.h"
#include "store/store.h"
#include "store_fixture.h"

namespace chiso::store_test {
namespace {

class PgStoreOnly : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(db_.ok());
    store_ = open_or_die(db_.conninfo());
    ASSERT_NE(store_, nullptr);
  }
  // Rows of tables a new connection sees.
  long long count(const std::string& sql_from) { return count_rows(db_.conninfo(), sql_from); }
  // Sở Tư pháp's and Thủy Nguyên's rows of 2025-01, version 1 each.
  Result<std::map<std::string, PeriodImport>> import_two_units() {
    return import_rows(*store_, plan_, "a.txt",
                       {make_row(1, "Sở Tư pháp", "2025-01", 20, 5, "25", true),
                        make_row(2, "UBND huyện Thủy Nguyên", "2025-01", 30, 10, "33,33", false)});
  }

  pg::PgConnection& store_connection() { return dynamic_cast<store_detail::PgStore&>(*store_).connection(); }

  test::PgTestDb db_;
  Plan plan_ = small_plan();
  std::unique_ptr<Store> store_;
};

TEST(PgSchema, HasSQLitesVersionNumbers) {
  EXPECT_EQ(store_detail::pg_schema_version_latest(), store_detail::schema_version_latest());
}

TEST_F(PgStoreOnly, SchemaVersionIsKeptInItsTable) {
  EXPECT_EQ(query_text(db_.conninfo(), "SELECT version FROM schema_version WHERE application = 'chiso'"),
            std::to_string(store_detail::schema_version_latest()));
  // Opening again migrates nothing and keeps what is there.
  ASSERT_TRUE(import_rows(*store_, plan_, "a.txt", {make_row(1, "Sở Tư pháp", "2025-01", 20, 5, "25", true)}).ok());
  auto again = open_or_die(db_.conninfo());
  ASSERT_NE(again, nullptr);
  EXPECT_EQ(count("unit_submission"), 1);
}

// The database `conninfo` names as chiso left it at schema `version`,
// holding what `sql` writes.
void make_database_at_schema(const std::string& conninfo, int version, const std::string& sql) {
  auto connection = pg::PgConnection::open(conninfo);
  ASSERT_TRUE(connection.ok()) << connection.error().text(true);
  ASSERT_TRUE(store_detail::pg_migrate_to(**connection, version).ok());
  auto written = (*connection)->exec(sql);
  ASSERT_TRUE(written.ok()) << written.error().text(true);
}

TEST(PgSchemaMigration, Version5IsMigratedTo6KeepingItsRows) {
  // A database as chiso left it at version 5, with a version written in
  // plain SQL; opening it with this chiso replaces the check of references.
  test::PgTestDb db;
  ASSERT_TRUE(db.ok());
  ASSERT_NO_FATAL_FAILURE(make_database_at_schema(
      db.conninfo(), 5,
      "INSERT INTO period (name, sort_key) VALUES ('2025-01', '2025-01'); "
      "INSERT INTO unit (name) VALUES ('Sở Tư pháp'); "
      "INSERT INTO source (kind, author, created_at_utc) VALUES ('page', 'lan', '2025-02-01'); "
      "INSERT INTO unit_submission (period_id, unit_id, version, state, is_current, source_id, "
      "cells) SELECT p.id, u.id, 1, 'draft', 1, s.id, '{\"tong\":[\"20\",20]}' "
      "FROM period p, unit u, source s"));
  const std::string check_source =
      "SELECT prosrc FROM pg_proc WHERE proname = 'unit_submission_references_exist'";
  ASSERT_EQ(query_text(db.conninfo(), "SELECT version FROM schema_version"), "5");
  EXPECT_EQ(query_text(db.conninfo(), check_source).find("cardinality"), std::string::npos);

  auto store = open_or_die(db.conninfo());
  ASSERT_NE(store, nullptr);
  EXPECT_EQ(query_text(db.conninfo(), "SELECT version FROM schema_version"), "8");
  EXPECT_NE(query_text(db.conninfo(), check_source).find("cardinality"), std::string::npos);
  EXPECT_EQ(count_rows(db.conninfo(), "unit_submission"), 1);
  EXPECT_EQ(query_text(db.conninfo(), "SELECT raw FROM current_value WHERE indicator = 'tong'"), "20");
  // The check still refuses a version that names no unit.
  auto again = pg::PgConnection::open(db.conninfo());
  ASSERT_TRUE(again.ok());
  EXPECT_FALSE((*again)
                   ->exec("INSERT INTO unit_submission (period_id, unit_id, version, state, is_current, source_id) "
                          "SELECT period_id, 999, 2, 'draft', 0, source_id FROM unit_submission")
                   .ok());
  EXPECT_EQ(count_rows(db.conninfo(), "unit_submission"), 1);
}

TEST(PgSchemaMigration, Version7IsMigratedTo8MovingThePeriodsFiguresIntoTheTally) {
  test::PgTestDb db;
  ASSERT_TRUE(db.ok());
  ASSERT_NO_FATAL_FAILURE(make_database_at_schema(db.conninfo(), 7, periods_at_schema_7));

  auto store = open_or_die(db.conninfo());
  ASSERT_NE(store, nullptr);
  EXPECT_EQ(query_text(db.conninfo(), "SELECT version FROM schema_version"), "8");
  EXPECT_EQ(query_text(db.conninfo(),
                       "SELECT string_agg(concat_ws('|', period_id, shard, change_count, unit_count, submission_count, "
                       "error_count, warning_count, last_change_utc, last_source), ';' ORDER BY period_id) "
                       "FROM period_tally"),
            tally_of_schema_7[0] + ";" + tally_of_schema_7[1]);
  EXPECT_EQ(query_text(db.conninfo(),
                       "SELECT string_agg(column_name, ',' ORDER BY ordinal_position) FROM information_schema.columns "
                       "WHERE table_name = 'period' AND table_schema = current_schema()"),
            "id,name,sort_key,state,deadline");
  expect_periods_of_schema_7(*store);
}

TEST_F(PgStoreOnly, ABadRowInTheCopyLeavesNothing) {
  // A raw text that is not UTF-8: PostgreSQL refuses it when the COPY of
  // the import's versions reaches the server (at commit), after the period,
  // the source and the units were written in the same transaction.
  UnitRow bad = make_row(2, "UBND huyện Thủy Nguyên", "2025-01", 30, 10, "33\xff", false);
  auto writer = store_->begin_import(plan_, source_file("hong.txt"), ImportOptions{});
  ASSERT_TRUE(writer.ok()) << writer.error().message;
  ASSERT_TRUE((*writer)->add_row(make_row(1, "Sở Tư pháp", "2025-01", 20, 5, "25", true), {}).ok());
  ASSERT_TRUE((*writer)->add_row(bad, {}).ok());
  ASSERT_TRUE((*writer)->add_row(make_row(3, "Cục Thuế", "2025-01", 8, 8, "100", true), {}).ok());
  auto committed = (*writer)->commit();
  ASSERT_FALSE(committed.ok());
  EXPECT_NE(committed.error().message_en.find("PostgreSQL error 22021"), std::string::npos)
      << committed.error().message_en;
  writer->reset();
  for (const char* table : {"period", "source", "source_period", "unit", "unit_submission", "finding"})
    EXPECT_EQ(count(table), 0) << table;
  // The store goes on: the same rows without the bad one land.
  ASSERT_TRUE(import_rows(*store_, plan_, "tot.txt", {make_row(1, "Sở Tư pháp", "2025-01", 20, 5, "25", true)}).ok());
  EXPECT_EQ(count("unit_submission"), 1);
}

TEST_F(PgStoreOnly, AKilledImportLeavesNothing) {
  auto writer = store_->begin_import(plan_, source_file("giet.txt"), ImportOptions{});
  ASSERT_TRUE(writer.ok()) << writer.error().message;
  ASSERT_TRUE((*writer)->add_row(make_row(1, "Sở Tư pháp", "2025-01", 20, 5, "25", true), {}).ok());
  ASSERT_TRUE((*writer)->add_row(make_row(2, "Cục Thuế", "2025-01", 8, 8, "100", true), {}).ok());
  // The unit again: its first version goes to the server (COPY) before the
  // second is compared with it.
  ASSERT_TRUE((*writer)->add_row(make_row(3, "Sở Tư pháp", "2025-01", 21, 5, "25", true), {}).ok());
  // The import's connection dies, as when the process is killed.
  auto admin = pg::PgConnection::open(db_.admin_conninfo());
  ASSERT_TRUE(admin.ok()) << admin.error().text(true);
  auto killed = (*admin)->query(
      "SELECT count(*) FROM (SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1) AS ended",
      {db_.name()});
  ASSERT_TRUE(killed.ok()) << killed.error().text(true);
  EXPECT_GE(killed->integer(0, 0), 1);
  // What the writer still holds goes to the server at the commit, on the
  // connection that died: never on a new one, where each statement would
  // be kept alone.
  ASSERT_TRUE((*writer)->add_row(make_row(4, "UBND huyện Thủy Nguyên", "2025-01", 30, 10, "33,33", false), {}).ok());
  EXPECT_FALSE((*writer)->commit().ok());
  writer->reset();
  for (const char* table : {"period", "period_tally", "source", "unit", "unit_submission", "finding"})
    EXPECT_EQ(count(table), 0) << table;
  // The store goes on, on a new connection: the import again lands whole.
  ASSERT_TRUE(import_two_units().ok());
  EXPECT_EQ(store_connection().reconnections(), 1);
  EXPECT_EQ(count("unit_submission"), 2);
  EXPECT_EQ(period_info(*store_, "2025-01").unit_count, 2);
}

TEST_F(PgStoreOnly, AStoreWhoseSessionTheDatabaseEndedConnectsAgainForItsNextCall) {
  ASSERT_TRUE(import_two_units().ok());
  // Its statements prepared on the first connection.
  ASSERT_TRUE(store_->period("2025-01").ok());
  ASSERT_TRUE(store_->load_period(plan_, "2025-01").ok());
  EXPECT_EQ(query_text(db_.admin_conninfo(),
                       "SELECT string_agg(application_name, ',') FROM pg_stat_activity WHERE datname = '" +
                           db_.name() + "'"),
            "chiso");
  EXPECT_EQ(db_.end_sessions(), 1);

  // Reads, then a save: the statements prepared again on the new connection.
  PeriodInfo info = period_info(*store_, "2025-01");
  EXPECT_EQ(info.unit_count, 2);
  EXPECT_EQ(info.submission_count, 2);
  auto table = store_->load_period(plan_, "2025-01");
  ASSERT_TRUE(table.ok()) << table.error().text(true);
  EXPECT_EQ(table->rows.size(), 2u);
  auto saved = store_->write_unit(plan_, page_write("2025-01", make_row(1, "Sở Tư pháp", "2025-01", 21, 5, "23,81", true), 1));
  ASSERT_TRUE(saved.ok()) << saved.error().text(true);
  EXPECT_EQ(saved->version, 2);
  EXPECT_EQ(store_connection().reconnections(), 1);

  // Again, between two saves of the unit; the accounts' statements too.
  EXPECT_EQ(db_.end_sessions(), 1);
  saved = store_->write_unit(plan_, page_write("2025-01", make_row(1, "Sở Tư pháp", "2025-01", 22, 5, "22,73", true), 2));
  ASSERT_TRUE(saved.ok()) << saved.error().text(true);
  EXPECT_EQ(saved->version, 3);
  EXPECT_EQ(db_.end_sessions(), 1);
  auto users = store_->accounts().users();
  EXPECT_TRUE(users.ok()) << users.error().text(true);
  EXPECT_EQ(store_connection().reconnections(), 3);
  EXPECT_EQ(count("unit_submission"), 4);
  auto period = store_->period("2025-01");
  ASSERT_TRUE(period.ok()) << period.error().text(true);
  EXPECT_EQ(period->change_count, 4);
}

TEST_F(PgStoreOnly, AConnectionLostInATransactionIsNotOpenedAgainUntilTheTransactionEnds) {
  auto opened = pg::PgConnection::open(db_.conninfo());
  ASSERT_TRUE(opened.ok()) << opened.error().text(true);
  pg::PgConnection& connection = **opened;
  ASSERT_TRUE(connection.exec("CREATE TABLE kept (n INTEGER)").ok());
  {
    pg::PgTransaction transaction(connection);
    ASSERT_TRUE(transaction.begin().ok());
    ASSERT_TRUE(connection.exec("INSERT INTO kept VALUES (1)").ok());
    EXPECT_GE(db_.end_sessions(), 1);
    // On a new connection this row would be kept alone, without the first.
    EXPECT_FALSE(connection.exec("INSERT INTO kept VALUES (2)").ok());
    EXPECT_FALSE(connection.query("SELECT count(*) FROM kept").ok());
    EXPECT_FALSE(transaction.commit().ok());
    EXPECT_EQ(connection.reconnections(), 0);
  }
  EXPECT_EQ(count("kept"), 0);
  // The transaction over, the next statement connects again.
  ASSERT_TRUE(connection.exec("INSERT INTO kept VALUES (3)").ok());
  EXPECT_EQ(connection.reconnections(), 1);
  EXPECT_EQ(query_text(db_.conninfo(), "SELECT string_agg(n::text, ',') FROM kept"), "3");
}

// The options a connection was made with, as libpq holds them.
std::map<std::string, std::string> options_of(pg::PgConnection& connection) {
  std::map<std::string, std::string> options;
  PQconninfoOption* all = PQconninfo(connection.raw());
  for (PQconninfoOption* option = all; option != nullptr && option->keyword != nullptr; ++option)
    if (option->val != nullptr) options[option->keyword] = option->val;
  PQconninfoFree(all);
  return options;
}

TEST_F(PgStoreOnly, AConnectionGivesUpAVanishedServerInAboutAMinuteUnlessTheUriSaysOtherwise) {
  auto plain = pg::PgConnection::open(db_.conninfo());
  ASSERT_TRUE(plain.ok()) << plain.error().text(true);
  auto options = options_of(**plain);
  EXPECT_EQ(options["keepalives_idle"], "30");
  EXPECT_EQ(options["keepalives_interval"], "10");
  EXPECT_EQ(options["keepalives_count"], "3");
  EXPECT_EQ(options["tcp_user_timeout"], "60000");
  EXPECT_EQ(options["connect_timeout"], "10");
  EXPECT_EQ(options["fallback_application_name"], "chiso");

  const std::string uri = db_.conninfo();
  auto told = pg::PgConnection::open(uri + (uri.find('?') == std::string::npos ? "?" : "&") +
                                     "keepalives_idle=5&tcp_user_timeout=0&application_name=pgbouncer-test");
  ASSERT_TRUE(told.ok()) << told.error().text(true);
  options = options_of(**told);
  EXPECT_EQ(options["keepalives_idle"], "5");
  EXPECT_EQ(options["keepalives_interval"], "10");
  EXPECT_EQ(options["tcp_user_timeout"], "0");
  EXPECT_EQ(options.count("fallback_application_name"), 0u);
  EXPECT_EQ(query_text(db_.admin_conninfo(), "SELECT count(*) FROM pg_stat_activity WHERE application_name = "
                                             "'pgbouncer-test'"),
            "1");
}

// `name`'s value in the connection's session, as SHOW gives it.
std::string setting_of(pg::PgConnection& connection, const std::string& name) {
  auto shown = connection.query("SHOW " + name);
  if (!shown) return "error: " + shown.error().message_en;
  return std::string(shown->text(0, 0));
}

TEST_F(PgStoreOnly, TheDatabaseEndsASessionLeftIdleInATransactionAfterAMinuteUnlessItIsToldOtherwise) {
  // Over TCP, where the database's keepalives apply (on a Unix socket it
  // shows them as 0 whatever is set).
  const std::string tcp = db_.conninfo() + (db_.conninfo().find('?') == std::string::npos ? "?" : "&") +
                          "host=127.0.0.1";
  auto plain = pg::PgConnection::open(tcp);
  ASSERT_TRUE(plain.ok()) << plain.error().text(true);
  EXPECT_EQ(setting_of(**plain, "idle_in_transaction_session_timeout"), "1min");
  EXPECT_EQ(setting_of(**plain, "tcp_keepalives_idle"), "30");
  EXPECT_EQ(setting_of(**plain, "tcp_keepalives_interval"), "10");
  EXPECT_EQ(setting_of(**plain, "tcp_keepalives_count"), "3");
  EXPECT_EQ(setting_of(**plain, "tcp_user_timeout"), "60000");  // ms, as its SHOW gives it
  EXPECT_EQ(setting_of(**plain, "client_connection_check_interval"), "10s");
  // What the connection's options and the database's own settings say wins.
  auto told = pg::PgConnection::open(tcp + "&options=-c%20idle_in_transaction_session_timeout%3D5s");
  ASSERT_TRUE(told.ok()) << told.error().text(true);
  EXPECT_EQ(setting_of(**told, "idle_in_transaction_session_timeout"), "5s");
  EXPECT_EQ(setting_of(**told, "tcp_keepalives_idle"), "30");
  ASSERT_TRUE(db_.alter("SET idle_in_transaction_session_timeout = '300ms'"));
  ASSERT_TRUE(db_.alter("SET tcp_keepalives_idle = 7"));
  auto opened = pg::PgConnection::open(tcp);
  ASSERT_TRUE(opened.ok()) << opened.error().text(true);
  pg::PgConnection& connection = **opened;
  EXPECT_EQ(setting_of(connection, "idle_in_transaction_session_timeout"), "300ms");
  EXPECT_EQ(setting_of(connection, "tcp_keepalives_idle"), "7");

  // A process that stops inside a transaction (its machine cut off, say)
  // holds a lock; the database ends its session and lets the lock go.
  {
    pg::PgTransaction transaction(connection);
    ASSERT_TRUE(transaction.begin().ok());
    ASSERT_TRUE(connection.exec("SELECT pg_advisory_xact_lock(1717)").ok());
    std::this_thread::sleep_for(std::chrono::milliseconds(1500));
    EXPECT_EQ(query_text(db_.conninfo(), "SELECT pg_try_advisory_lock(1717)"), "t");
    EXPECT_FALSE(connection.exec("SELECT 1").ok());
    EXPECT_FALSE(transaction.commit().ok());
  }
  // The transaction over, the next statement connects again, with the
  // same settings.
  EXPECT_EQ(setting_of(connection, "idle_in_transaction_session_timeout"), "300ms");
  EXPECT_EQ(connection.reconnections(), 1);
}

// An import holds its period alone for as long as it runs (minutes for a
// large file), and so may a session that does not end (an import stopped
// with Ctrl-Z, psql left in a transaction). A unit's writes do not wait for
// it: they are refused busy at once, naming the period. Nothing else waits
// for a lock longer than the session's lock_timeout (a minute unless the
// database says otherwise), then busy.
TEST_F(PgStoreOnly, AUnitsWritesDoNotWaitForAPeriodHeldAloneAndNoLockIsWaitedForPastItsTimeout) {
  ASSERT_TRUE(import_two_units().ok());
  EXPECT_EQ(setting_of(store_connection(), "lock_timeout"), "1min");
  ASSERT_TRUE(db_.alter("SET lock_timeout = '300ms'"));
  auto store = open_or_die(db_.conninfo());
  ASSERT_NE(store, nullptr);
  auto importer = pg::PgConnection::open(db_.conninfo());
  ASSERT_TRUE(importer.ok()) << importer.error().text(true);
  ASSERT_TRUE((*importer)->exec("BEGIN").ok());
  // As an import of 2025-01 holds it: its lock, its row.
  ASSERT_TRUE((*importer)->prepared("hold", store_detail::lock_period_alone, {std::string("2025-01")}).ok());
  ASSERT_TRUE((*importer)->prepared("row", "SELECT id FROM period WHERE name = $1 FOR UPDATE", {std::string("2025-01")}).ok());

  auto expect_period_held = [](const Error& error) {
    EXPECT_EQ(error.kind, ErrorKind::busy) << error.text(true);
    EXPECT_EQ(error.field, "period");
    EXPECT_NE(error.message.find("Kỳ 2025-01 đang được nhập số liệu"), std::string::npos) << error.message;
  };
  auto saved =
      store->write_unit(plan_, page_write("2025-01", make_row(1, "Sở Tư pháp", "2025-01", 21, 5, "23,81", true), 1));
  ASSERT_FALSE(saved.ok());
  expect_period_held(saved.error());
  auto moved = store->set_state("2025-01", "Sở Tư pháp", 1, SubmissionState::returned, person("hoa", "Xem lại"));
  ASSERT_FALSE(moved.ok());
  expect_period_held(moved.error());
  RowComment comment;
  comment.author = "hoa";
  comment.text = "Đã xem";
  auto commented = store->add_comment(plan_, "2025-01", "Sở Tư pháp", comment);
  ASSERT_FALSE(commented.ok());
  expect_period_held(commented.error());
  // A lock of the period, and an import of it, wait for it — up to the
  // session's lock_timeout.
  auto expect_waited = [](const Error& error) {
    EXPECT_EQ(error.kind, ErrorKind::busy) << error.text(true);
    EXPECT_EQ(error.field, "period");
    EXPECT_NE(error.message.find("Kỳ 2025-01 đang được một lệnh khác ghi"), std::string::npos) << error.message;
  };
  auto locked = store->set_period_state("2025-01", PeriodState::locked, person("hoa"));
  ASSERT_FALSE(locked.ok());
  expect_waited(locked.error());
  auto imported = import_rows(*store, plan_, "b.txt", {make_row(1, "Sở Tư pháp", "2025-01", 40, 5, "12,5", true)});
  ASSERT_FALSE(imported.ok());
  expect_waited(imported.error());
  // A reader's figures of the period (kept for the next reader, as a
  // convenience) are not kept meanwhile, and the reader does not wait.
  auto change_count = store->period_change_count("2025-01");
  ASSERT_TRUE(change_count.ok());
  const std::vector<SummaryValue> summary(plan_.indicators.size());
  auto kept = store->put_summary(plan_, "2025-01", *change_count, summary);
  EXPECT_TRUE(kept.ok()) << kept.error().text(true);
  EXPECT_EQ(count("summary_cache"), 0);
  EXPECT_EQ(count("unit_submission"), 2);
  EXPECT_EQ(count("row_comment"), 0);
  EXPECT_EQ(period_info(*store, "2025-01").state, PeriodState::open);

  // The import over, the figures are kept and the same save goes through.
  ASSERT_TRUE((*importer)->exec("COMMIT").ok());
  kept = store->put_summary(plan_, "2025-01", *change_count, summary);
  EXPECT_TRUE(kept.ok()) << kept.error().text(true);
  EXPECT_EQ(count("summary_cache"), static_cast<long long>(plan_.indicators.size()));
  saved = store->write_unit(plan_, page_write("2025-01", make_row(1, "Sở Tư pháp", "2025-01", 21, 5, "23,81", true), 1));
  ASSERT_TRUE(saved.ok()) << saved.error().text(true);
  EXPECT_EQ(saved->version, 2);
}

TEST_F(PgStoreOnly, AStoreThatCannotConnectAgainSaysSoAndConnectsOnceItCan) {
  ASSERT_TRUE(import_two_units().ok());
  // The database refuses new sessions (as while it restarts), then ends the store's.
  ASSERT_TRUE(db_.allow_connections(false));
  EXPECT_EQ(db_.end_sessions(), 1);
  auto refused = store_->periods();
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().kind, ErrorKind::busy);
  EXPECT_NE(refused.error().message.find("Mất kết nối tới cơ sở dữ liệu PostgreSQL"), std::string::npos)
      << refused.error().message;
  EXPECT_NE(refused.error().message_en.find("was lost and cannot be made again"), std::string::npos)
      << refused.error().message_en;
  EXPECT_FALSE(store_->write_unit(plan_, page_write("2025-01", make_row(1, "Sở Tư pháp", "2025-01", 21, 5, "23,81", true), 1))
                   .ok());
  // The database takes sessions again: the next call connects.
  ASSERT_TRUE(db_.allow_connections(true));
  auto saved = store_->write_unit(plan_, page_write("2025-01", make_row(1, "Sở Tư pháp", "2025-01", 21, 5, "23,81", true), 1));
  ASSERT_TRUE(saved.ok()) << saved.error().text(true);
  EXPECT_EQ(saved->version, 2);
  EXPECT_EQ(store_connection().reconnections(), 1);
  EXPECT_EQ(count("unit_submission"), 3);
}

TEST_F(PgStoreOnly, TwoConnectionsFromOneStaleVersionGiveOneConflict) {
  ASSERT_TRUE(import_rows(*store_, plan_, "a.txt", {make_row(1, "Sở Tư pháp", "2025-01", 20, 5, "25", true)}).ok());
  auto other = open_or_die(db_.conninfo());
  ASSERT_NE(other, nullptr);
  // Round after round, two writers save at the same moment, both from the
  // version current before the round.
  constexpr int rounds = 10;
  for (int round = 0; round < rounds; ++round) {
    const int based_on = round + 1;
    Result<UnitWriteResult> results[2] = {Error{}, Error{}};
    Store* stores[2] = {store_.get(), other.get()};
    std::thread writers[2];
    for (int writer = 0; writer < 2; ++writer)
      writers[writer] = std::thread([&, writer] {
        results[writer] = stores[writer]->write_unit(
            plan_, page_write("2025-01", make_row(1, "Sở Tư pháp", "2025-01", 100 * round + writer, 5, "25", true),
                              based_on));
      });
    for (std::thread& writer : writers) writer.join();
    int saved = 0, refused = 0;
    for (const auto& result : results) {
      if (result.ok()) {
        ++saved;
        EXPECT_EQ(result->version, based_on + 1);
      } else {
        ++refused;
        EXPECT_EQ(result.error().kind, ErrorKind::conflict) << result.error().text(true);
      }
    }
    EXPECT_EQ(saved, 1) << "round " << round;
    EXPECT_EQ(refused, 1) << "round " << round;
  }
  EXPECT_EQ(count("unit_submission"), rounds + 1);
  EXPECT_EQ(count("unit_submission WHERE is_current = 1"), 1);
  PeriodInfo info = period_info(*store_, "2025-01");
  EXPECT_EQ(info.submission_count, rounds + 1);
}

// Another connection's transaction that holds the row of period_tally a
// save of `unit` raises (pg_unit_writes.cpp: the unit's id modulo the
// shards), made if missing, until commit(): a save of that unit stops at
// its last statement, still in flight, as behind a slow commit.
class HeldTally {
 public:
  HeldTally(const std::string& conninfo, const std::string& period, const std::string& unit) {
    auto opened = pg::PgConnection::open(conninfo);
    EXPECT_TRUE(opened.ok()) << (opened.ok() ? "" : opened.error().text(true));
    if (!opened.ok()) return;
    connection_ = std::move(*opened);
    const std::string key = "(SELECT id FROM period WHERE name = '" + period + "'), (SELECT id FROM unit WHERE name = '" +
                            unit + "') % " + std::to_string(store_detail::pg_tally_shards);
    auto made = connection_->exec("INSERT INTO period_tally (period_id, shard) VALUES (" + key +
                                  ") ON CONFLICT DO NOTHING");
    EXPECT_TRUE(made.ok()) << (made.ok() ? "" : made.error().text(true));
    auto held = connection_->exec("BEGIN; SELECT FROM period_tally WHERE (period_id, shard) = (" + key +
                                  ") FOR UPDATE");
    EXPECT_TRUE(held.ok()) << (held.ok() ? "" : held.error().text(true));
  }
  void commit() {
    if (connection_) {
      EXPECT_TRUE(connection_->exec("COMMIT").ok());
    }
    connection_.reset();
  }
  ~HeldTally() { commit(); }

 private:
  std::unique_ptr<pg::PgConnection> connection_;
};

// Waits until `count` of the database's sessions wait on a lock (at most 30 s).
bool sessions_wait_on_locks(const std::string& conninfo, int count) {
  for (int tries = 0; tries < 3000; ++tries) {
    if (std::stoi(query_text(conninfo, "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock'")) >=
        count)
      return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  return false;
}

// A save of Sở Tư pháp's row in 2025-01, version 1 to 2, through a
// connection of its own, held in flight at its last statement (HeldTally)
// until let_go(). Destroyed, it lets the save go before waiting for it.
class SaveInFlight {
 public:
  SaveInFlight(const std::string& conninfo, const Plan& plan)
      : store_(open_or_die(conninfo)), held_(conninfo, "2025-01", "Sở Tư pháp") {
    if (store_ == nullptr) return;
    saved_ = std::async(std::launch::async, [this, &plan] {
      return store_->write_unit(plan,
                                page_write("2025-01", make_row(1, "Sở Tư pháp", "2025-01", 21, 5, "23,81", true), 1));
    });
  }
  bool done() const { return saved_.wait_for(std::chrono::seconds(0)) == std::future_status::ready; }
  Result<UnitWriteResult> let_go() {
    held_.commit();
    return saved_.get();
  }

 private:
  std::unique_ptr<Store> store_;
  std::future<Result<UnitWriteResult>> saved_;
  HeldTally held_;  // last: destroyed first, so the save ends before its future waits
};

TEST_F(PgStoreOnly, ASaveOfAnotherUnitDoesNotWaitForASaveInFlight) {
  ASSERT_TRUE(import_two_units().ok());
  SaveInFlight first(db_.conninfo(), plan_);
  ASSERT_TRUE(sessions_wait_on_locks(db_.conninfo(), 1));
  // The other unit's save, while the first is in flight, holding its locks.
  auto second = std::async(std::launch::async, [&] {
    return store_->write_unit(
        plan_, page_write("2025-01", make_row(2, "UBND huyện Thủy Nguyên", "2025-01", 30, 12, "40", false), 1));
  });
  const bool second_done = second.wait_for(std::chrono::seconds(30)) == std::future_status::ready;
  EXPECT_TRUE(second_done) << "the second unit's save waited for the first's";
  EXPECT_FALSE(first.done());
  auto first_result = first.let_go();
  auto second_result = second.get();
  ASSERT_TRUE(second_result.ok()) << second_result.error().text(true);
  EXPECT_EQ(second_result->version, 2);
  ASSERT_TRUE(first_result.ok()) << first_result.error().text(true);
  EXPECT_EQ(first_result->version, 2);
  // The import (2 versions) and the two saves.
  PeriodInfo info = period_info(*store_, "2025-01");
  EXPECT_EQ(info.unit_count, 2);
  EXPECT_EQ(info.submission_count, 4);
  auto period = store_->period("2025-01");
  ASSERT_TRUE(period.ok());
  EXPECT_EQ(period->change_count, 4);
  // The last change is the second save's: the first took its time before
  // it waited, though it committed after.
  const std::string second_page = "/periods/2025-01/units/UBND huyện Thủy Nguyên";
  EXPECT_EQ(period->last_source, second_page);
  EXPECT_EQ(info.last_source, second_page);
  EXPECT_EQ(period->last_change_utc,
            query_text(db_.conninfo(), "SELECT created_at_utc FROM source WHERE page = '" + second_page + "'"));
}

TEST_F(PgStoreOnly, ALockWaitsForTheSaveInFlightAndTheNextSaveIsRefused) {
  ASSERT_TRUE(import_two_units().ok());
  auto locker = open_or_die(db_.conninfo());
  ASSERT_NE(locker, nullptr);
  std::future<Result<void>> lock;
  SaveInFlight in_flight(db_.conninfo(), plan_);  // let go before the lock's future waits
  ASSERT_TRUE(sessions_wait_on_locks(db_.conninfo(), 1));
  lock = std::async(std::launch::async,
                    [&] { return locker->set_period_state("2025-01", PeriodState::locked, person("hoa")); });
  // The lock waits for the save (two sessions waiting: the save, the lock).
  ASSERT_TRUE(sessions_wait_on_locks(db_.conninfo(), 2));
  EXPECT_EQ(lock.wait_for(std::chrono::seconds(0)), std::future_status::timeout);
  auto saved = in_flight.let_go();
  ASSERT_TRUE(saved.ok()) << saved.error().text(true);
  EXPECT_EQ(saved->version, 2);
  auto locked = lock.get();
  ASSERT_TRUE(locked.ok()) << locked.error().text(true);
  // The period is locked: the next save of the other unit is refused, and
  // the save that was in flight is kept.
  auto refused = store_->write_unit(
      plan_, page_write("2025-01", make_row(2, "UBND huyện Thủy Nguyên", "2025-01", 30, 12, "40", false), 1));
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(count("unit_submission"), 3);
  EXPECT_EQ(period_info(*store_, "2025-01").state, PeriodState::locked);
}

// Many connections save many units at once, each unit its own versions:
// the period's figures (summed from the tally's rows) count every save.
TEST_F(PgStoreOnly, ThePeriodsFiguresCountEverySaveOfManyConnectionsAtOnce) {
  Plan plan = plan_;
  plan.units.clear();
  constexpr int units = 40, writers = 8, saves_per_unit = 3;
  std::vector<UnitRow> rows;
  for (int unit = 0; unit < units; ++unit) {
    const std::string name = "Xã số " + std::to_string(unit + 1);
    plan.units.push_back(UnitDef{name, name, {}, UnitKind::district});
    rows.push_back(make_row(unit + 1, name, "2025-01", 20, 5, "25", true));
  }
  // Half the units come with the import (one version each), half are new.
  ASSERT_TRUE(import_rows(*store_, plan, "a.txt", std::vector<UnitRow>(rows.begin(), rows.begin() + units / 2)).ok());
  std::vector<std::unique_ptr<Store>> stores;
  for (int writer = 0; writer < writers; ++writer) stores.push_back(open_or_die(db_.conninfo()));
  std::atomic<int> failed{0};
  std::vector<std::thread> threads;
  for (int writer = 0; writer < writers; ++writer)
    threads.emplace_back([&, writer] {
      for (int unit = writer; unit < units; unit += writers) {
        int version = unit < units / 2 ? 1 : 0;
        for (int save = 0; save < saves_per_unit; ++save) {
          UnitRow row = rows[static_cast<std::size_t>(unit)];
          row.values[0] = number_value(100 + save, std::to_string(100 + save), row.values[0].pos.row_idx,
                                       row.values[0].pos.col_idx);
          auto saved = stores[static_cast<std::size_t>(writer)]->write_unit(plan, page_write("2025-01", row, version));
          if (!saved.ok()) {
            ++failed;
            return;
          }
          version = saved->version;
        }
      }
    });
  for (std::thread& thread : threads) thread.join();
  EXPECT_EQ(failed.load(), 0);
  PeriodInfo info = period_info(*store_, "2025-01");
  EXPECT_EQ(info.unit_count, units);
  EXPECT_EQ(info.submission_count, units / 2 + units * saves_per_unit);
  auto period = store_->period("2025-01");
  ASSERT_TRUE(period.ok());
  EXPECT_EQ(period->change_count, units / 2 + units * saves_per_unit);
  EXPECT_EQ(count("unit_submission WHERE is_current = 1"), units);
  EXPECT_GT(count("period_tally"), 1);  // spread over shards
}

TEST_F(PgStoreOnly, AnotherProgramsTablesAreRefusedUntouched) {
  test::PgTestDb foreign;
  ASSERT_TRUE(foreign.ok());
  auto connection = pg::PgConnection::open(foreign.conninfo());
  ASSERT_TRUE(connection.ok());
  ASSERT_TRUE((*connection)->exec("CREATE TABLE invoice (id integer)").ok());
  auto opened = open_store(foreign.conninfo());
  ASSERT_FALSE(opened.ok());
  EXPECT_NE(opened.error().message_en.find("another program's tables"), std::string::npos)
      << opened.error().message_en;
  EXPECT_EQ(count_rows(foreign.conninfo(), "pg_tables WHERE schemaname = 'public'"), 1);
}

TEST_F(PgStoreOnly, ANewerSchemaIsRefusedUntouched) {
  auto connection = pg::PgConnection::open(db_.conninfo());
  ASSERT_TRUE(connection.ok());
  ASSERT_TRUE((*connection)->exec("UPDATE schema_version SET version = 99").ok());
  auto opened = open_store(db_.conninfo());
  ASSERT_FALSE(opened.ok());
  EXPECT_NE(opened.error().message_en.find("schema version 99, newer than this program understands (" +
                                           std::to_string(store_detail::schema_version_latest()) + ")"),
            std::string::npos)
      << opened.error().message_en;
  EXPECT_EQ(query_text(db_.conninfo(), "SELECT version FROM schema_version"), "99");
}

TEST(PgConninfo, ThePasswordNeverShows) {
  EXPECT_EQ(pg::redacted_conninfo("postgresql://lan:bi-mat@db.example:5432/chiso"),
            "postgresql://lan@db.example:5432/chiso");
  EXPECT_EQ(pg::redacted_conninfo("postgres://lan@db/chiso?password=bi-mat&sslmode=require"),
            "postgres://lan@db/chiso?password=***&sslmode=require");
  EXPECT_EQ(pg::redacted_conninfo("host=db user=lan password='bi mat' dbname=chiso"),
            "host=db user=lan password=*** dbname=chiso");
  auto opened = open_store("postgresql://lan:bi-mat@127.0.0.1:1/chiso?connect_timeout=2");
  ASSERT_FALSE(opened.ok());
  EXPECT_EQ(opened.error().message.find("bi-mat"), std::string::npos) << opened.error().message;
  EXPECT_EQ(opened.error().message_en.find("bi-mat"), std::string::npos) << opened.error().message_en;
  EXPECT_NE(opened.error().message_en.find("postgresql://lan@127.0.0.1:1/chiso"), std::string::npos)
      << opened.error().message_en;
}

TEST(PgCopyFormat, BinaryIsLengthsAndBytesInNetworkOrder) {
  // PostgreSQL's documentation of COPY, "Binary Format": the signature, the
  // flags and the header extension's length (0, 0); per row its field count
  // (16 bits), each field's length (32 bits) and bytes; -1 (16 bits) at the end.
  std::string out;
  pg::append_binary_copy_header(out);
  EXPECT_EQ(out, std::string("PGCOPY\n\xff\r\n\0" "\0\0\0\0" "\0\0\0\0", 19));
  out.clear();
  pg::append_binary_row_start(out, 3);
  pg::append_binary_bigint(out, 4190);   // 0x105e
  pg::append_binary_integer(out, -2);    // two's complement
  pg::append_binary_text(out, "Sở");     // 4 bytes of UTF-8
  pg::append_binary_copy_trailer(out);
  EXPECT_EQ(out, std::string("\0\x03"
                             "\0\0\0\x08" "\0\0\0\0\0\0\x10\x5e"
                             "\0\0\0\x04" "\xff\xff\xff\xfe"
                             "\0\0\0\x04" "S\xe1\xbb\x9f"
                             "\xff\xff",
                             2 + 12 + 8 + 8 + 2));
}

TEST(PgConninfo, CopyTextEscapesItsSeparators) {
  std::string out;
  pg::append_copy_text(out, "a\tb\nc\\d\re");
  EXPECT_EQ(out, "a\\tb\\nc\\\\d\\re");
}

}  // namespace
}  // namespace chiso::store_test
