// Two `chiso serve` processes on one PostgreSQL database behave as one
// (issue 17 §2): a save through one is seen by the next read through the
// other; saves of one row from the same version through the two give one
// success and one conflict, never a lost update, also with many clients at
// once; clients saving their own rows through both at once are all kept
// and counted in the period's figures; a period locked through one is
// locked for the other; both outlive their database ending their sessions
// (a restart, a failover).
#include <gtest/gtest.h>
#include <libpq-fe.h>

#include <algorithm>
#include <atomic>
#include <barrier>
#include <fstream>
#include <future>
#include <iterator>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "common/pg_test_db.h"
#include "common/test_database.h"
#include "server_harness.h"
#include "store/pg_store.h"

namespace chiso::server_test {
namespace {

using chiso::test::PgTestDb;

const std::string kTable = std::string("/api/periods/") + kPeriod + "/table";
const std::string kRowA = std::string("/api/periods/") + kPeriod + "/units/3";  // kUnitA

// kUnitA's row as cached_table_test.cpp saves it, its count of services
// online set to `online_total`, saved on `version`.
std::string row_a_body(int version, int online_total) {
  nlohmann::json body = {{"values",
                          {{"tthc_shortened", "10"},
                           {"days_shortened_avg", "2,8"},
                           {"online_total", std::to_string(online_total)},
                           {"online_full", "774"},
                           {"online_full_pct", "74,05"}}},
                         {"version", version}};
  return body.dump();
}

// kUnitA's online_total in a table's JSON (-1 when the row is missing).
int table_online_total(const Reply& table) {
  const nlohmann::json doc = table.json();
  for (const auto& row : doc["units"]) {
    if (row.value("name", "") == kUnitA) return row["values"].value("online_total", -1);
  }
  return -1;
}

// The first column of the first row of `sql`, as psql would show it.
std::string pg_text(const std::string& conninfo, const std::string& sql) {
  PGconn* connection = PQconnectdb(conninfo.c_str());
  PGresult* result = PQexec(connection, sql.c_str());
  std::string text = PQresultStatus(result) == PGRES_TUPLES_OK && PQntuples(result) > 0
                         ? PQgetvalue(result, 0, 0)
                         : std::string("ERROR ") + PQresultErrorMessage(result);
  PQclear(result);
  PQfinish(connection);
  return text;
}

class SavesThroughTwoServersTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(pg_.ok());
    folder_ = test_folder();
    seed_database(pg_.conninfo());
    if (HasFatalFailure()) return;
    std::filesystem::create_directories(folder_ + "/a");
    std::filesystem::create_directories(folder_ + "/b");
    one_ = std::make_unique<ServerProcess>(pg_.conninfo(), std::vector<std::string>{}, folder_ + "/a");
    two_ = std::make_unique<ServerProcess>(pg_.conninfo(), std::vector<std::string>{}, folder_ + "/b");
  }
  // The servers stop before their database is dropped.
  void TearDown() override {
    one_.reset();
    two_.reset();
  }
  // A client of `server`, logged in as `user`.
  static std::unique_ptr<Client> client(const ServerProcess& server, const std::string& user) {
    auto made = std::make_unique<Client>(server.port());
    Reply reply = made->login(user);
    EXPECT_EQ(reply.status, 200) << user << ": " << reply.body;
    return made;
  }
  // Versions stored of kUnitA's row in the period.
  std::string versions_of_row_a() {
    return pg_text(pg_.conninfo(),
                   "SELECT count(*) FROM unit_submission s JOIN unit u ON u.id = s.unit_id "
                   "JOIN period p ON p.id = s.period_id WHERE u.name = '" + std::string(kUnitA) +
                       "' AND p.name = '" + kPeriod + "'");
  }

  PgTestDb pg_;
  std::string folder_;
  std::unique_ptr<ServerProcess> one_, two_;
};

TEST_F(SavesThroughTwoServersTest, ASaveThroughOneIsSeenByTheNextReadThroughTheOther) {
  auto on_one = client(*one_, "coord");
  auto on_two = client(*two_, "coord");
  Reply before = on_two->get(kTable);
  ASSERT_EQ(before.status, 200) << before.body;
  EXPECT_EQ(table_online_total(before), 26);  // the sample's row 3, Sở Du lịch: 26 services online

  Reply saved = on_one->request("PUT", kRowA, row_a_body(1, 2046));
  ASSERT_EQ(saved.status, 200) << saved.body;
  EXPECT_EQ(saved.json()["version"], 2);
  Reply after = on_two->get(kTable);
  ASSERT_EQ(after.status, 200);
  EXPECT_EQ(table_online_total(after), 2046);
  EXPECT_EQ(on_two->get(kRowA).json()["version"], 2);

  // And back: saved through the second, read through the first.
  ASSERT_EQ(on_two->request("PUT", kRowA, row_a_body(2, 2047)).status, 200);
  EXPECT_EQ(table_online_total(on_one->get(kTable)), 2047);
  EXPECT_EQ(on_one->get(kRowA).json()["version"], 3);
}

TEST_F(SavesThroughTwoServersTest, TwoSavesFromOneVersionThroughTheTwoGiveOneSuccessAndOneConflict) {
  auto on_one = client(*one_, "coord");
  auto on_two = client(*two_, "coord");
  constexpr int rounds = 20;
  int version = 1;
  for (int round = 0; round < rounds; ++round) {
    // Both sent at once, each from the version both pages show.
    const int value_one = 5000 + 2 * round, value_two = 5001 + 2 * round;
    Reply reply_one, reply_two;
    std::barrier start(2);
    std::thread first([&] {
      start.arrive_and_wait();
      reply_one = on_one->request("PUT", kRowA, row_a_body(version, value_one));
    });
    std::thread second([&] {
      start.arrive_and_wait();
      reply_two = on_two->request("PUT", kRowA, row_a_body(version, value_two));
    });
    first.join();
    second.join();
    std::multiset<int> statuses = {reply_one.status, reply_two.status};
    ASSERT_EQ(statuses, (std::multiset<int>{200, 409})) << reply_one.body << "\n" << reply_two.body;
    const int kept = reply_one.status == 200 ? value_one : value_two;
    const Reply& refused = reply_one.status == 409 ? reply_one : reply_two;
    // The conflict names the version that won.
    EXPECT_EQ(refused.json()["error"]["detail"]["version"], version + 1) << refused.body;
    ++version;
    EXPECT_EQ(table_online_total(on_one->get(kTable)), kept);
    EXPECT_EQ(table_online_total(on_two->get(kTable)), kept);
  }
  EXPECT_EQ(versions_of_row_a(), std::to_string(rounds + 1));
}

TEST_F(SavesThroughTwoServersTest, ManyClientsSavingOneRowThroughBothLoseNoSave) {
  // Each client reads the row through one server and saves through the
  // other, from the version it read; most find it stale. Every success
  // must be its own new version: versions 2, 3, … without a gap or a
  // repeat, as many as the successes.
  constexpr int clients = 12, saves_each = 15;
  std::vector<std::unique_ptr<Client>> readers, writers;
  for (int client_idx = 0; client_idx < clients; ++client_idx) {
    const bool odd = client_idx % 2 != 0;
    readers.push_back(client(odd ? *one_ : *two_, "coord"));
    writers.push_back(client(odd ? *two_ : *one_, "coord"));
  }
  std::mutex mutex;
  std::vector<int> versions_won;
  std::atomic<int> conflicts{0}, others{0};
  std::string other_reply;
  std::vector<std::thread> threads;
  for (int client_idx = 0; client_idx < clients; ++client_idx) {
    threads.emplace_back([&, client_idx] {
      for (int save = 0; save < saves_each; ++save) {
        Reply row = readers[client_idx]->get(kRowA);
        const int read_version = row.json().value("version", -1);
        // A value no other save sends: the row differs from every current one.
        Reply saved = writers[client_idx]->request(
            "PUT", kRowA, row_a_body(read_version, 10000 + client_idx * 100 + save));
        std::lock_guard lock(mutex);
        if (saved.status == 200) {
          versions_won.push_back(saved.json()["version"].get<int>());
        } else if (saved.status == 409) {
          ++conflicts;
        } else {
          ++others;
          other_reply = std::to_string(saved.status) + " " + saved.body;
        }
      }
    });
  }
  for (std::thread& thread : threads) thread.join();

  EXPECT_EQ(others.load(), 0) << other_reply;
  EXPECT_EQ(static_cast<int>(versions_won.size()) + conflicts.load(), clients * saves_each);
  ASSERT_FALSE(versions_won.empty());
  std::sort(versions_won.begin(), versions_won.end());
  std::vector<int> expected(versions_won.size());
  for (std::size_t idx = 0; idx < expected.size(); ++idx) expected[idx] = static_cast<int>(idx) + 2;
  EXPECT_EQ(versions_won, expected);
  EXPECT_EQ(versions_of_row_a(), std::to_string(versions_won.size() + 1));
  // Both servers answer the last version.
  auto on_one = client(*one_, "viewer");
  auto on_two = client(*two_, "viewer");
  EXPECT_EQ(on_one->get(kTable).body, on_two->get(kTable).body);
}

TEST_F(SavesThroughTwoServersTest, ClientsSavingTheirOwnRowsThroughBothAreAllKeptAndCounted) {
  // Ten units' rows, each saved five times by its own client, through the
  // two servers in turn, all at once: saves of different units go on side
  // by side (docs/storage.md, "Several servers, one database"). None is
  // refused, every one is its unit's next version, both servers answer the
  // last values, and the period's figures count every save.
  constexpr int units = 10, saves_each = 5;
  std::vector<std::unique_ptr<Client>> clients;
  for (int unit = 1; unit <= units; ++unit) clients.push_back(client(unit % 2 != 0 ? *one_ : *two_, "coord"));
  auto row_path = [](int unit) { return std::string("/api/periods/") + kPeriod + "/units/" + std::to_string(unit); };
  auto body = [](int version, int online_total) {
    return nlohmann::json({{"values", {{"online_total", std::to_string(online_total)}}}, {"version", version}}).dump();
  };
  const int imported = std::stoi(pg_text(pg_.conninfo(), "SELECT count(*) FROM unit_submission"));
  std::vector<int> first_version(units + 1, -1), last_version(units + 1, -1);
  std::atomic<int> refused{0};
  std::mutex mutex;
  std::string refusal;
  std::vector<std::thread> threads;
  for (int unit = 1; unit <= units; ++unit) {
    threads.emplace_back([&, unit] {
      Client& mine = *clients[static_cast<std::size_t>(unit - 1)];
      int version = mine.get(row_path(unit)).json().value("version", -1);
      first_version[static_cast<std::size_t>(unit)] = version;
      for (int save = 0; save < saves_each; ++save) {
        Reply saved = mine.request("PUT", row_path(unit), body(version, 3000 + unit * 10 + save));
        if (saved.status != 200) {
          ++refused;
          std::lock_guard lock(mutex);
          refusal = std::to_string(saved.status) + " " + saved.body;
          return;
        }
        version = saved.json()["version"].get<int>();
      }
      last_version[static_cast<std::size_t>(unit)] = version;
    });
  }
  for (std::thread& thread : threads) thread.join();
  ASSERT_EQ(refused.load(), 0) << refusal;
  auto on_one = client(*one_, "coord");
  auto on_two = client(*two_, "coord");
  for (int unit = 1; unit <= units; ++unit) {
    EXPECT_EQ(last_version[static_cast<std::size_t>(unit)], first_version[static_cast<std::size_t>(unit)] + saves_each)
        << "unit " << unit;
    for (Client* reader : {on_one.get(), on_two.get()}) {
      nlohmann::json row = reader->get(row_path(unit)).json();
      EXPECT_EQ(row["version"], last_version[static_cast<std::size_t>(unit)]) << "unit " << unit;
      EXPECT_EQ(row["values"]["online_total"]["raw"], std::to_string(3000 + unit * 10 + saves_each - 1))
          << "unit " << unit;
    }
  }
  EXPECT_EQ(on_one->get(kTable).body, on_two->get(kTable).body);
  // The import's versions (one per unit) and the 50 saves, in the table and
  // in the period's figures (the sums of its tally's rows).
  const std::string period_total = std::string(" FROM period_total WHERE period = '") + kPeriod + "'";
  const std::string all_versions = std::to_string(imported + units * saves_each);
  EXPECT_EQ(pg_text(pg_.conninfo(), "SELECT count(*) FROM unit_submission"), all_versions);
  EXPECT_EQ(pg_text(pg_.conninfo(), "SELECT submission_count" + period_total), all_versions);
  EXPECT_EQ(pg_text(pg_.conninfo(), "SELECT change_count" + period_total), all_versions);
  EXPECT_EQ(pg_text(pg_.conninfo(), "SELECT unit_count" + period_total), std::to_string(imported));
}

TEST_F(SavesThroughTwoServersTest, ALockThroughOneRefusesASaveThroughTheOther) {
  // (Sessions, login limits and a disabled user across two servers:
  // two_servers_accounts_test.cpp.)
  auto admin = client(*two_, "admin");
  // A period locked through one refuses a save through the other, until an
  // administrator unlocks it there.
  auto coordinator = client(*one_, "coord");
  ASSERT_EQ(coordinator->request("POST", std::string("/api/periods/") + kPeriod + "/lock", "{}").status, 200);
  auto saver = client(*two_, "coord");
  EXPECT_EQ(saver->request("PUT", kRowA, row_a_body(1, 2046)).status, 409);
  ASSERT_EQ(admin->request("POST", std::string("/api/periods/") + kPeriod + "/unlock",
                           R"({"reason": "Sở Du lịch sửa số liệu"})")
                .status,
            200);
  EXPECT_EQ(coordinator->request("PUT", kRowA, row_a_body(1, 2046)).status, 200);
}

TEST_F(SavesThroughTwoServersTest, BothGoOnAfterTheirDatabaseEndsTheirSessions) {
  auto on_one = client(*one_, "coord");
  auto on_two = client(*two_, "coord");
  ASSERT_EQ(on_one->get(kTable).status, 200);
  ASSERT_EQ(on_two->get(kTable).status, 200);
  // Each server's two workers hold a connection.
  EXPECT_EQ(pg_.end_sessions(), 4);
  // The same logins (their sessions are in the database), on new
  // connections, whichever worker answers.
  for (int request = 0; request < 4; ++request) {
    Reply table = on_two->get(kTable);
    ASSERT_EQ(table.status, 200) << table.body;
    EXPECT_EQ(table_online_total(table), 26);
  }
  Reply saved = on_one->request("PUT", kRowA, row_a_body(1, 2046));
  ASSERT_EQ(saved.status, 200) << saved.body;
  EXPECT_EQ(saved.json()["version"], 2);
  EXPECT_EQ(table_online_total(on_two->get(kTable)), 2046);

  // While the database takes no sessions (it is starting again), each
  // request is answered "busy", and served again once it takes them.
  ASSERT_TRUE(pg_.allow_connections(false));
  EXPECT_GE(pg_.end_sessions(), 2);
  for (ServerProcess* server : {one_.get(), two_.get()}) {
    Client fresh(server->port());
    Reply refused = fresh.login("coord");
    EXPECT_EQ(refused.status, 503) << refused.body;
    EXPECT_EQ(refused.json()["error"].value("code", ""), "busy") << refused.body;
    // The database's own words (its name, its address) are for the log.
    EXPECT_EQ(refused.body.find(pg_.name()), std::string::npos) << refused.body;
  }
  Reply refused = on_one->request("PUT", kRowA, row_a_body(2, 2047));
  EXPECT_EQ(refused.status, 503) << refused.body;
  // The health check says so, and nothing of the database; the server's
  // log says why, for it and for the requests refused.
  Reply health = Client(one_->port()).get("/api/health");
  EXPECT_EQ(health.status, 503) << health.body;
  EXPECT_EQ(health.json()["error"].value("code", ""), "busy");
  EXPECT_EQ(health.body.find(pg_.name()), std::string::npos) << health.body;
  std::ifstream log_file(folder_ + "/a/server-stderr.txt");
  const std::string log((std::istreambuf_iterator<char>(log_file)), std::istreambuf_iterator<char>());
  EXPECT_NE(log.find("GET /api/health"), std::string::npos) << log;
  EXPECT_NE(log.find("is not currently accepting connections"), std::string::npos) << log;
  EXPECT_NE(log.find("Mất kết nối tới cơ sở dữ liệu PostgreSQL"), std::string::npos) << log;
  ASSERT_TRUE(pg_.allow_connections(true));
  EXPECT_EQ(Client(two_->port()).get("/api/health").status, 200);
  saved = on_two->request("PUT", kRowA, row_a_body(2, 2047));
  ASSERT_EQ(saved.status, 200) << saved.body;
  EXPECT_EQ(saved.json()["version"], 3);
  EXPECT_EQ(table_online_total(on_one->get(kTable)), 2047);
  EXPECT_EQ(versions_of_row_a(), "3");
}

// An upgrade server by server: once a newer chiso has migrated the
// database, a server still on the old one writes nothing more (503, the
// form tries again, through an upgraded server) and says so to monitors
// (/api/health 503) and in its journal.
TEST_F(SavesThroughTwoServersTest, AServerLeftOnTheOldVersionStopsWritingOnceANewerChisoMigrates) {
  auto on_one = client(*one_, "coord");
  ASSERT_EQ(on_one->request("PUT", kRowA, row_a_body(1, 2046)).status, 200);
  const int version = std::stoi(pg_text(pg_.conninfo(), "SELECT version FROM schema_version"));
  // What a newer chiso's migration leaves (its tables aside).
  ASSERT_EQ(pg_text(pg_.conninfo(), "UPDATE schema_version SET version = " + std::to_string(version + 1) +
                                        " RETURNING version"),
            std::to_string(version + 1));
  Reply refused = on_one->request("PUT", kRowA, row_a_body(2, 2047));
  EXPECT_EQ(refused.status, 503) << refused.body;
  EXPECT_EQ(refused.json()["error"]["code"], "busy");
  Client monitor(one_->port());
  EXPECT_EQ(monitor.get("/api/health").status, 503);
  EXPECT_EQ(versions_of_row_a(), "2");  // the sample's and the first save's
  one_->stop(SIGTERM);
  std::ifstream log_file(folder_ + "/a/server-stderr.txt");
  const std::string log{std::istreambuf_iterator<char>(log_file), {}};
  EXPECT_NE(log.find("đã được một chiso mới hơn nâng lên lược đồ " + std::to_string(version + 1)), std::string::npos)
      << log;
}

// An import of a period holds the period alone for as long as it runs
// (minutes for a large file); another session can hold it too (a chiso
// import stopped with Ctrl-Z, a transaction left open in psql). Saves of
// that period must not take the server's workers with them while they
// wait: the server answers them busy, and everything else — reads of the
// period, saves of another, logins — goes on.
TEST_F(SavesThroughTwoServersTest, SavesOfAPeriodHeldByAnImportAreAnsweredBusyAndTheServerGoesOn) {
  // (one_ has two workers, as every server of these tests.)
  PGconn* importer = PQconnectdb(pg_.conninfo().c_str());
  ASSERT_EQ(PQstatus(importer), CONNECTION_OK);
  auto held = [&](const char* sql) {
    const char* values[] = {kPeriod};
    const int params = std::string_view(sql).find("$1") != std::string_view::npos ? 1 : 0;
    PGresult* result = PQexecParams(importer, sql, params, nullptr, values, nullptr, nullptr, 0);
    const bool ok = PQresultStatus(result) == PGRES_TUPLES_OK || PQresultStatus(result) == PGRES_COMMAND_OK;
    PQclear(result);
    return ok;
  };
  // More saves of the period at once than the server has workers.
  constexpr int savers = 6;
  std::vector<std::unique_ptr<Client>> clients;
  for (int saver_idx = 0; saver_idx < savers; ++saver_idx) clients.push_back(client(*one_, "coord"));
  auto reader = client(*one_, "coord");
  ASSERT_TRUE(held("BEGIN"));
  // As an import's transaction holds it: its lock, its row.
  ASSERT_TRUE(held(store_detail::lock_period_alone.c_str()));
  ASSERT_TRUE(held("SELECT id FROM period WHERE name = $1 FOR UPDATE"));

  std::vector<std::future<Reply>> saves;
  for (auto& saver : clients)
    saves.push_back(std::async(std::launch::async, [&] { return saver->request("PUT", kRowA, row_a_body(1, 2046)); }));
  // While the period is still held: each save answered, a new login (which
  // writes its session) and a read of the period.
  auto ready = [](auto& future) { return future.wait_for(std::chrono::seconds(30)) == std::future_status::ready; };
  bool answered = std::all_of(saves.begin(), saves.end(), ready);
  auto login = std::async(std::launch::async, [&] { return Client(one_->port()).login("rep_a"); });
  auto table = std::async(std::launch::async, [&] { return reader->get(kTable); });
  answered = answered && ready(login) && ready(table);
  ASSERT_TRUE(held("ROLLBACK"));  // the import ends; whatever waited goes on
  ASSERT_TRUE(answered) << "the server waited for the period's import";
  EXPECT_EQ(login.get().status, 200);
  EXPECT_EQ(table.get().status, 200);
  for (auto& save : saves) {
    const Reply reply = save.get();
    EXPECT_EQ(reply.status, 503) << reply.body;
    if (reply.status != 503) continue;
    EXPECT_EQ(reply.json()["error"]["code"], "busy");
    EXPECT_NE(reply.json()["error"]["message"].get<std::string>().find(std::string("Kỳ ") + kPeriod + " đang được nhập"),
              std::string::npos)
        << reply.body;
  }
  EXPECT_EQ(versions_of_row_a(), "1");  // the sample's alone
  PQfinish(importer);
  // Once the import has ended, the save goes through.
  auto saver = client(*one_, "coord");
  EXPECT_EQ(saver->request("PUT", kRowA, row_a_body(1, 2046)).status, 200);
}

// Started with its database, a server waits for it rather than stopping
// (a machine's services start in any order; the database may be
// restarting), up to --wait-for-database seconds.
TEST(ServerStartTest, AServerStartedBeforeItsDatabaseTakesSessionsWaitsForIt) {
  PgTestDb pg;
  ASSERT_TRUE(pg.ok());
  seed_database(pg.conninfo());
  if (HasFatalFailure()) return;
  const std::string folder = test_folder();
  ASSERT_TRUE(pg.allow_connections(false));
  std::thread opens_later([&pg] {
    std::this_thread::sleep_for(std::chrono::seconds(3));
    EXPECT_TRUE(pg.allow_connections(true));
  });
  const auto started = std::chrono::steady_clock::now();
  std::unique_ptr<ServerProcess> server;
  try {
    server = std::make_unique<ServerProcess>(pg.conninfo(), std::vector<std::string>{}, folder);
  } catch (const std::exception& failed) {
    ADD_FAILURE() << failed.what();
  }
  opens_later.join();
  ASSERT_NE(server, nullptr);
  EXPECT_GE(std::chrono::steady_clock::now() - started, std::chrono::seconds(3));
  Client anyone(server->port());
  EXPECT_EQ(anyone.get("/api/health").status, 200);
  auto coordinator = std::make_unique<Client>(server->port());
  EXPECT_EQ(coordinator->login("coord").status, 200);
  EXPECT_EQ(coordinator->request("PUT", kRowA, row_a_body(1, 2046)).status, 200);
  server.reset();
  std::ifstream log_file(folder + "/server-stderr.txt");
  const std::string log{std::istreambuf_iterator<char>(log_file), {}};
  // Said once (not at every try), with the reason, then that it answers.
  const auto waiting = log.find("chưa tới được cơ sở dữ liệu, thử lại mỗi 2 giây trong tối đa 60 giây");
  ASSERT_NE(waiting, std::string::npos) << log;
  EXPECT_EQ(log.find("chưa tới được", waiting + 1), std::string::npos) << log;
  EXPECT_NE(log.find("is not currently accepting connections"), std::string::npos) << log;  // PostgreSQL's own words
  EXPECT_NE(log.find("đã kết nối được cơ sở dữ liệu", waiting), std::string::npos) << log;
}

TEST(ServerStartTest, AServerWhoseDatabaseStaysOutOfReachStopsSayingWhyAfterItsWait) {
  PgTestDb pg;
  ASSERT_TRUE(pg.ok());
  seed_database(pg.conninfo());
  if (HasFatalFailure()) return;
  ASSERT_TRUE(pg.allow_connections(false));
  for (const auto& [wait, waited_at_least] : {std::pair{"0", 0}, std::pair{"3", 2}}) {
    const auto started = std::chrono::steady_clock::now();
    CommandRun run = run_chiso("--db " + test::shell_quoted(pg.conninfo()) +
                               " serve --listen 127.0.0.1:0 --wait-for-database " + wait);
    const auto waited = std::chrono::steady_clock::now() - started;
    EXPECT_EQ(run.exit_code, 5) << run.output;  // exit_busy
    EXPECT_GE(waited, std::chrono::seconds(waited_at_least)) << wait;
    EXPECT_LT(waited, std::chrono::seconds(waited_at_least + 5)) << wait;
    EXPECT_NE(run.output.find("is not currently accepting connections"), std::string::npos) << run.output;
    EXPECT_EQ(run.output.find("http://127.0.0.1"), std::string::npos) << run.output;  // never listened
  }
  ASSERT_TRUE(pg.allow_connections(true));
}

}  // namespace
}  // namespace chiso::server_test
