// The crash test of issue 16 §4 and §6: `chiso serve` killed with SIGKILL in
// the middle of a burst of saves from many clients, at a different moment in
// each round, then started again on the same database. What must hold after
// every kill:
// - every save the server acknowledged (200 with a version) is stored as that
//   version with exactly the values its request sent;
// - no save is half there: every stored version of a row holds exactly the
//   values of one request that was sent for that row (a save cut by the
//   kill is there whole, unacknowledged, or not at all);
// - versions run 1, 2, 3… without a gap, one of them current, and an SQLite
//   database passes PRAGMA integrity_check.
// On both stores: on PostgreSQL the kill cuts chiso's connections, and the
// server rolls back what they had not committed.
// The values of each request are unique (client and sequence number), so a
// stored row names the request it came from.
#include <gtest/gtest.h>
#include <signal.h>

#include <atomic>
#include <chrono>
#include <ctime>
#include <iostream>
#include <map>
#include <mutex>
#include <nlohmann/json.hpp>
#include <random>
#include <set>
#include <thread>

#include "seeded_stores.h"
#include "store/store.h"

namespace chiso::server_test {
namespace {

constexpr int kReporters = 20;           // rep_1… of the plan's units 1…20, one client each
constexpr int kCoordinatorClients = 20;  // the coordinator's tabs, two on each of units 21…30
constexpr int kClients = kReporters + kCoordinatorClients;
constexpr int kRounds = 3;
// The indicators each save types, and what it types in them: the sequence
// number n of the save makes "n", "n+1", "n+2" (counts, saved as a draft
// whatever the checks find).
const char* const kCodes[] = {"tthc_shortened", "online_total", "meeting_room_count"};

std::map<std::string, std::string> values_of(std::int64_t token) {
  std::map<std::string, std::string> values;
  for (std::size_t code_idx = 0; code_idx < std::size(kCodes); ++code_idx) {
    values[kCodes[code_idx]] = std::to_string(token + static_cast<std::int64_t>(code_idx));
  }
  return values;
}

int unit_of_client(int client_idx) {
  if (client_idx < kReporters) return client_idx + 1;
  return kReporters + 1 + (client_idx - kReporters) % (30 - kReporters);
}

// What the clients did, shared by their threads.
struct Ledger {
  std::mutex mutex;
  // Every body sent for a unit (by its token), acknowledged or not.
  std::map<int, std::set<std::int64_t>> sent_by_unit;
  // (unit, version) → the token of the save acknowledged with that version.
  std::map<std::pair<int, int>, std::int64_t> acknowledged;
  std::vector<std::string> failures;
  std::atomic<int> acknowledged_this_round{0};
};

struct Caller {
  std::string cookie;
  std::string csrf_token;
};

// One client's burst: GET its unit's row for the version, then save again
// and again, each save based on the last version it knows, until the server
// is gone. A 409 (another tab saved, or a save cut before its answer was in
// fact committed) takes the current version and goes on.
void burst(int port, int client_idx, const Caller& caller, std::int64_t* next_seq, Ledger& ledger) {
  const int unit = unit_of_client(client_idx);
  const std::string path =
      std::string("/api/periods/") + kPeriod + "/units/" + std::to_string(unit);
  try {
    Client client(port);
    client.cookie = caller.cookie;
    client.csrf_token = caller.csrf_token;
    Reply row = client.get(path);
    if (row.status != 200) {
      std::lock_guard lock(ledger.mutex);
      ledger.failures.push_back("GET " + path + ": " + std::to_string(row.status) + " " + row.body);
      return;
    }
    int version = row.json().value("version", 0);
    while (true) {
      const std::int64_t token = (client_idx + 1) * 1'000'000LL + (*next_seq)++ * 10;
      nlohmann::json body = {{"values", values_of(token)}, {"version", version}};
      {
        std::lock_guard lock(ledger.mutex);
        ledger.sent_by_unit[unit].insert(token);
      }
      Reply reply = client.request("PUT", path, body.dump());
      if (reply.status == 200) {
        version = reply.json()["version"];
        std::lock_guard lock(ledger.mutex);
        auto [slot, added] = ledger.acknowledged.emplace(std::make_pair(unit, version), token);
        if (!added) {
          ledger.failures.push_back("unit " + std::to_string(unit) + " version " +
                                    std::to_string(version) + " acknowledged twice");
        }
        ++ledger.acknowledged_this_round;
      } else if (reply.status == 409) {
        const nlohmann::json detail = reply.json()["error"]["detail"];
        if (!detail.contains("version")) {
          std::lock_guard lock(ledger.mutex);
          ledger.failures.push_back("409 without the current version: " + reply.body);
          return;
        }
        version = detail["version"];
      } else if (reply.status != 503) {
        std::lock_guard lock(ledger.mutex);
        ledger.failures.push_back("PUT " + path + ": " + std::to_string(reply.status) + " " +
                                  reply.body);
        return;
      }
    }
  } catch (const std::exception&) {
    // The server was killed: the connection is gone and no new one is taken.
  }
}

Caller log_in(int port, const std::string& user) {
  Client client(port);
  Reply reply = client.login(user);
  EXPECT_EQ(reply.status, 200) << user << ": " << reply.body;
  return Caller{client.cookie, client.csrf_token};
}

std::string plan_unit_name(int port, const Caller& coordinator, int unit) {
  Client client(port);
  client.cookie = coordinator.cookie;
  nlohmann::json units = client.get("/api/units").json();
  return units.at(static_cast<std::size_t>(unit - 1)).at("name");
}

// One stored version of a unit's row: its raw texts by indicator.
using StoredRows = std::map<std::pair<int, int>, std::map<std::string, std::string>>;

struct StoredState {
  std::string integrity;                     // SQLite's PRAGMA integrity_check
  StoredRows rows;                           // (unit number, version) → cells
  std::map<int, std::vector<int>> versions;  // unit number → its versions, ascending
  std::map<int, int> current;                // unit number → the current version
};

// Each row of `sql`, whose `columns` columns are joined by '|' in the SQL
// (the last one may hold a '|'), as its columns.
std::vector<std::vector<std::string>> rows_of(const std::string& db, const std::string& sql,
                                              std::size_t columns) {
  std::vector<std::vector<std::string>> rows;
  for (const std::string& joined : test::query_values(db, sql)) {
    std::vector<std::string>& row = rows.emplace_back();
    std::size_t start = 0;
    for (std::size_t bar = joined.find('|'); bar != std::string::npos && row.size() + 1 < columns;
         bar = joined.find('|', start)) {
      row.push_back(joined.substr(start, bar - start));
      start = bar + 1;
    }
    row.push_back(joined.substr(start));
    row.resize(columns);
  }
  return rows;
}

// Read with the database's own library (sqlite3, libpq), not through chiso:
// the versions of every unit of the period (the unit named by its number in
// the plan).
StoredState read_stored(const std::string& db, const std::map<std::string, int>& unit_by_name) {
  StoredState state;
  if (!is_postgresql_db(db)) state.integrity = test::query_text(db, "PRAGMA integrity_check");
  for (const auto& row :
       rows_of(db,
               "SELECT u.name || '|' || s.version || '|' || s.is_current FROM unit_submission s "
               "JOIN unit u ON u.id = s.unit_id JOIN period p ON p.id = s.period_id "
               "WHERE p.name = '2024-Q4' ORDER BY u.name, s.version",
               3)) {
    auto found = unit_by_name.find(row.at(0));
    if (found == unit_by_name.end()) continue;
    const int version = std::stoi(row.at(1));
    state.versions[found->second].push_back(version);
    if (row.at(2) == "1") {
      if (state.current.count(found->second))
        state.current[found->second] = -1;  // two current
      else
        state.current[found->second] = version;
    }
    state.rows[{found->second, version}];  // a version without cells is kept as such
  }
  for (const auto& row : rows_of(db,
                                 "SELECT unit || '|' || version || '|' || indicator || '|' || COALESCE(raw, '') "
                                 "FROM submission_value WHERE period = '2024-Q4'",
                                 4)) {
    auto found = unit_by_name.find(row.at(0));
    if (found == unit_by_name.end()) continue;
    state.rows[{found->second, std::stoi(row.at(1))}][row.at(2)] = row.at(3);
  }
  return state;
}

class CrashTest : public SeededStoresTest {};

INSTANTIATE_TEST_SUITE_P(Stores, CrashTest, test::both_backends, test::backend_name);

TEST_P(CrashTest, SigkillDuringSavesLosesNoAcknowledgedSaveAndLeavesNoneHalfWritten) {
  const std::string& folder = folder_;
  const std::string& db = this->db();
  ServerProcess first(db, {}, folder);
  const Caller admin = log_in(first.port(), "admin");
  std::map<std::string, int> unit_by_name;
  for (int unit = 1; unit <= 30; ++unit)
    unit_by_name[plan_unit_name(first.port(), admin, unit)] = unit;
  ASSERT_EQ(unit_by_name.size(), 30u);
  // The reporters, one per unit (an administrator's API is api16's: the
  // store adds them, as `chiso user add` would).
  {
    auto store = open_store(db);
    ASSERT_TRUE(store.ok()) << store.error().message;
    for (int unit = 1; unit <= kReporters; ++unit) {
      NewUser user;
      user.name = "rep_" + std::to_string(unit);
      user.role = Role::reporter;
      for (const auto& [name, number] : unit_by_name) {
        if (number == unit) user.units = {name};
      }
      user.password = kPassword;
      auto added = (*store)->accounts().add_user(user, "test",
                                                 static_cast<std::int64_t>(std::time(nullptr)));
      ASSERT_TRUE(added.ok()) << added.error().message;
    }
  }
  // Logged in once: sessions live in the database and outlive the server.
  std::vector<Caller> callers(kClients);
  const Caller coordinator = log_in(first.port(), "coord");
  for (int client_idx = 0; client_idx < kClients; ++client_idx) {
    callers[static_cast<std::size_t>(client_idx)] =
        client_idx < kReporters ? log_in(first.port(), "rep_" + std::to_string(client_idx + 1))
                                : coordinator;
  }
  first.stop(SIGTERM);
  // The versions the sample's import made, before any save.
  const StoredState seeded = read_stored(db, unit_by_name);

  Ledger ledger;
  std::vector<std::int64_t> next_seq(kClients, 0);
  // The kill comes after a number of acknowledged saves that differs in
  // every round, plus a random delay: a different moment of the burst.
  std::mt19937 random(static_cast<unsigned>(std::random_device{}()));
  const int kill_after_saves[kRounds] = {40, 150, 330};
  int total_acknowledged = 0;
  for (int round = 0; round < kRounds; ++round) {
    ServerProcess server(db, {}, folder);
    ledger.acknowledged_this_round = 0;
    std::vector<std::thread> clients;
    for (int client_idx = 0; client_idx < kClients; ++client_idx) {
      clients.emplace_back([&, client_idx] {
        burst(server.port(), client_idx, callers[static_cast<std::size_t>(client_idx)],
              &next_seq[static_cast<std::size_t>(client_idx)], ledger);
      });
    }
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
    while (ledger.acknowledged_this_round < kill_after_saves[round] &&
           std::chrono::steady_clock::now() < deadline) {
      std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
    std::this_thread::sleep_for(std::chrono::microseconds(random() % 20'000));
    const int exit_code = server.stop(SIGKILL);
    for (auto& client : clients) client.join();
    EXPECT_EQ(exit_code, -SIGKILL) << "round " << round;
    EXPECT_GE(ledger.acknowledged_this_round.load(), kill_after_saves[round])
        << "round " << round << ": the clients could not save before the kill";
    total_acknowledged += ledger.acknowledged_this_round;
  }
  EXPECT_TRUE(ledger.failures.empty()) << ledger.failures.front();

  // The database as the last kill left it (SQLite's WAL included), read by
  // the database's own library.
  const StoredState stored = read_stored(db, unit_by_name);
  if (GetParam() == test::Backend::sqlite) {
    EXPECT_EQ(stored.integrity, "ok");
  }
  // Every acknowledged save is there, with its values.
  for (const auto& [key, token] : ledger.acknowledged) {
    auto row = stored.rows.find(key);
    ASSERT_NE(row, stored.rows.end()) << "unit " << key.first << " version " << key.second
                                      << " was acknowledged but is not stored";
    EXPECT_EQ(row->second, values_of(token)) << "unit " << key.first << " version " << key.second;
  }
  for (int unit = 1; unit <= 30; ++unit) {
    ASSERT_TRUE(stored.versions.count(unit)) << "unit " << unit << " has no version";
    const std::vector<int>& versions = stored.versions.at(unit);
    const int seeded_count =
        seeded.versions.count(unit) ? static_cast<int>(seeded.versions.at(unit).size()) : 0;
    // 1, 2, 3… without a gap, the last one current.
    for (std::size_t version_idx = 0; version_idx < versions.size(); ++version_idx) {
      EXPECT_EQ(versions[version_idx], static_cast<int>(version_idx) + 1) << "unit " << unit;
    }
    EXPECT_EQ(stored.current.at(unit), versions.back()) << "unit " << unit;
    // Every version the crash test wrote (after the sample's) is one whole
    // request: the values of one body sent for this unit.
    for (int version : versions) {
      if (version <= seeded_count) continue;
      const auto& cells = stored.rows.at({unit, version});
      bool whole = false;
      for (std::int64_t token : ledger.sent_by_unit[unit])
        whole = whole || cells == values_of(token);
      EXPECT_TRUE(whole) << "unit " << unit << " version " << version << " is no request's body";
    }
  }
  // Only the saves cut by a kill may be stored unacknowledged: at most one
  // per client and round.
  int stored_saves = 0;
  for (const auto& [unit, versions] : stored.versions) {
    stored_saves += static_cast<int>(versions.size());
    if (seeded.versions.count(unit))
      stored_saves -= static_cast<int>(seeded.versions.at(unit).size());
  }
  std::cout << "crash test: " << total_acknowledged << " saves acknowledged over " << kRounds
            << " kills, " << stored_saves - total_acknowledged
            << " stored unacknowledged (cut by a kill after their commit)\n";
  EXPECT_GE(stored_saves, total_acknowledged);
  EXPECT_LE(stored_saves, total_acknowledged + kClients * kRounds);

  // And the server starts on it again and reads every row.
  ServerProcess after(db, {}, folder);
  Client reader(after.port());
  reader.cookie = coordinator.cookie;
  for (int unit = 1; unit <= 30; ++unit) {
    Reply row =
        reader.get(std::string("/api/periods/") + kPeriod + "/units/" + std::to_string(unit));
    ASSERT_EQ(row.status, 200) << row.body;
    EXPECT_EQ(row.json()["version"], stored.current.at(unit)) << "unit " << unit;
  }
}

}  // namespace
}  // namespace chiso::server_test
