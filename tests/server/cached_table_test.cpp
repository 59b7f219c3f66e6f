// The table and the status are kept between requests (server/answer_cache.h)
// but never stale: a save, a state change or a lock is seen by the next read,
// through the same server or through another one on the same database
// (issue 17's several servers). The expected table is what `chiso report
// --format json` writes from the database after the change: another door,
// which keeps nothing between runs.
#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <thread>
#include <vector>

#include <nlohmann/json.hpp>

#include "common/test_database.h"
#include "server_harness.h"

namespace chiso::server_test {
namespace {

const std::string kTable = std::string("/api/periods/") + kPeriod + "/table";
const std::string kStatus = std::string("/api/periods/") + kPeriod + "/status";
const std::string kRowA = std::string("/api/periods/") + kPeriod + "/units/3";

// kUnitA's row in the table's JSON.
nlohmann::json unit_a_row(const Reply& table) {
  const nlohmann::json doc = table.json();
  for (const auto& row : doc["units"]) {
    if (row.value("name", "") == kUnitA) return row;
  }
  return nullptr;
}

nlohmann::json unit_a_status(const Reply& status) {
  const nlohmann::json doc = status.json();
  for (const auto& unit : doc["units"]) {
    if (unit.value("unit", "") == kUnitA) return unit;
  }
  return nullptr;
}

Reply save_unit_a(Client& client, int version, const std::string& online_total) {
  // The sample's row 3, its count of procedures online changed.
  nlohmann::json body = {{"values",
                          {{"tthc_shortened", "10"},
                           {"days_shortened_avg", "2,8"},
                           {"online_total", online_total},
                           {"online_full", "774"},
                           {"online_full_pct", "74,05"}}},
                         {"version", version}};
  return client.request("PUT", kRowA, body.dump());
}

// `count` GETs of `target` sent at once on the connection `fd` (pipelined),
// read only after a pause; each answer's status line and body (fewer when
// the connection failed).
std::vector<std::pair<std::string, std::string>> slow_gets(int fd, const std::string& target,
                                                           const std::string& cookie, int count) {
  std::string requests;
  for (int idx = 0; idx < count; ++idx) {
    requests += "GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nCookie: " + cookie + "\r\n\r\n";
  }
  std::vector<std::pair<std::string, std::string>> answers;
  if (::send(fd, requests.data(), requests.size(), MSG_NOSIGNAL) != static_cast<ssize_t>(requests.size())) {
    return answers;
  }
  std::this_thread::sleep_for(std::chrono::milliseconds(300));  // the server's socket fills meanwhile
  std::string got;
  char chunk[1024];  // small reads: the window opens little by little
  while (static_cast<int>(answers.size()) < count) {
    auto head_end = got.find("\r\n\r\n");
    if (head_end != std::string::npos) {
      auto at = got.find("Content-Length: ");
      if (at == std::string::npos || at > head_end) return answers;
      std::size_t length = std::stoul(got.substr(at + 16, got.find("\r\n", at) - at - 16));
      if (got.size() >= head_end + 4 + length) {
        answers.emplace_back(got.substr(0, got.find("\r\n")), got.substr(head_end + 4, length));
        got.erase(0, head_end + 4 + length);
        continue;
      }
    }
    ssize_t n = ::recv(fd, chunk, sizeof chunk, 0);
    if (n <= 0) return answers;
    got.append(chunk, static_cast<std::size_t>(n));
  }
  return answers;
}

class CachedTableTest : public ::testing::TestWithParam<test::Backend> {
 protected:
  void SetUp() override {
    folder_ = test_folder();
    database_ = std::make_unique<test::TestDatabase>(GetParam(), folder_ + "/chiso.db");
    ASSERT_TRUE(database_->ok());
    db_ = database_->db();
    seed_database(db_);
  }
  // A server on the test's database.
  std::unique_ptr<ServerProcess> server() {
    return std::make_unique<ServerProcess>(db_, std::vector<std::string>{}, folder_);
  }
  std::unique_ptr<test::TestDatabase> database_;
  std::string folder_, db_;
};

INSTANTIATE_TEST_SUITE_P(Stores, CachedTableTest, test::both_backends, test::backend_name);

TEST_P(CachedTableTest, ASaveIsSeenByTheNextReadOfTheTable) {
  auto server = this->server();
  Client coordinator(server->port());
  ASSERT_EQ(coordinator.login("coord").status, 200);
  Reply before = coordinator.get(kTable);
  ASSERT_EQ(before.status, 200) << before.body;
  EXPECT_EQ(coordinator.get(kTable).body, before.body);  // read again: the same bytes
  EXPECT_EQ(before.body, report_json(db_, folder_));

  Reply saved = save_unit_a(coordinator, 1, "2.046");
  ASSERT_EQ(saved.status, 200) << saved.body;
  Reply after = coordinator.get(kTable);
  ASSERT_EQ(after.status, 200);
  EXPECT_NE(after.body, before.body);
  EXPECT_EQ(after.body, report_json(db_, folder_));
  nlohmann::json row = unit_a_row(after);
  ASSERT_FALSE(row.is_null()) << after.body.substr(0, 400);
  // "2.046" as typed is 2046; the published share is computed again from
  // the counts: 774 / 2046 = 37,83 %.
  EXPECT_EQ(row["values"]["online_total"], 2046) << row.dump();
  EXPECT_EQ(row["values"]["online_full_pct"], 37.83) << row.dump();
}

TEST_P(CachedTableTest, ASaveThroughAnotherServerIsSeenByTheNextRead) {
  auto reading = server();
  auto writing = server();
  Client reader(reading->port());
  ASSERT_EQ(reader.login("coord").status, 200);
  Client writer(writing->port());
  ASSERT_EQ(writer.login("rep_a").status, 200);

  const std::string table_before = reader.get(kTable).body;
  const nlohmann::json status_before = unit_a_status(reader.get(kStatus));
  ASSERT_EQ(status_before["version"], 1) << status_before;

  Reply saved = save_unit_a(writer, 1, "1.046");
  ASSERT_EQ(saved.status, 200) << saved.body;
  const std::string table_after = reader.get(kTable).body;
  EXPECT_NE(table_after, table_before);
  EXPECT_EQ(table_after, report_json(db_, folder_));
  nlohmann::json status = unit_a_status(reader.get(kStatus));
  EXPECT_EQ(status["version"], 2);
  EXPECT_EQ(status["state"], "draft");
  EXPECT_EQ(status["author"], "rep_a");

  // A state change makes no version: the status shows it all the same.
  Reply submitted = writer.request("POST", kRowA + "/submit", R"({"version": 2})");
  ASSERT_EQ(submitted.status, 200) << submitted.body;
  EXPECT_EQ(unit_a_status(reader.get(kStatus))["state"], "submitted");

  // Locking changes no row: the table is the same, the status says locked.
  Client coordinator(writing->port());
  ASSERT_EQ(coordinator.login("coord").status, 200);
  ASSERT_EQ(
      coordinator.request("POST", std::string("/api/periods/") + kPeriod + "/lock", "{}").status,
      200);
  EXPECT_EQ(reader.get(kStatus).json()["state"], "locked");
  EXPECT_EQ(reader.get(kTable).body, table_after);
}

TEST_P(CachedTableTest, AKeptTableReadSlowlyByASmallWindowArrivesWhole) {
  auto server = this->server();
  Client coordinator(server->port());
  ASSERT_EQ(coordinator.login("coord").status, 200);
  const std::string expected = report_json(db_, folder_);
  // Large enough to be sent from its file (limits::sendfile_body_bytes_min).
  ASSERT_GT(expected.size(), std::size_t{16} << 10);
  ASSERT_EQ(coordinator.get(kTable).body, expected);  // now kept

  // A client with a receive buffer far smaller than the table asks for it
  // 256 times at once (some 7 MiB) and reads only after a pause: the answers
  // fill the server's socket, whose sending then waits for room. Each answer
  // follows the one before it whole.
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  ASSERT_GE(fd, 0);
  int small = 2048;
  ::setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &small, sizeof small);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(static_cast<std::uint16_t>(server->port()));
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ASSERT_EQ(::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address), 0);
  auto answers = slow_gets(fd, kTable, coordinator.cookie, 256);
  ASSERT_EQ(answers.size(), 256u);
  for (std::size_t idx = 0; idx < answers.size(); ++idx) {
    EXPECT_EQ(answers[idx].first, "HTTP/1.1 200 OK") << "answer " << idx;
    EXPECT_EQ(answers[idx].second.size(), expected.size()) << "answer " << idx;
    EXPECT_TRUE(answers[idx].second == expected) << "answer " << idx;
  }
  ::close(fd);
}

}  // namespace
}  // namespace chiso::server_test
