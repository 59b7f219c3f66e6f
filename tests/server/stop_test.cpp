// A graceful stop: SIGTERM while clients are saving. The server stops
// accepting, answers what it has begun, closes its stores and exits 0; every
// save it acknowledged is in the database. On both stores.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <signal.h>

#include <array>
#include <atomic>
#include <chrono>
#include <thread>

#include "seeded_stores.h"

namespace chiso::server_test {
namespace {

class GracefulStop : public SeededStoresTest {};

INSTANTIATE_TEST_SUITE_P(Stores, GracefulStop, test::both_backends, test::backend_name);

TEST_P(GracefulStop, SigtermDuringSavesKeepsEveryAcknowledgedSave) {
  ServerProcess server(db(), {}, folder_);
  constexpr int kWriters = 4;
  // Each writer saves its own unit (the plan's units 5..8) again and again,
  // each save based on the version the last one acknowledged.
  std::array<std::atomic<int>, kWriters> acknowledged{};
  std::atomic<int> saves{0};
  std::atomic<int> finished{0};
  std::vector<std::thread> writers;
  for (int writer_idx = 0; writer_idx < kWriters; ++writer_idx) {
    writers.emplace_back([&, writer_idx] {
      try {
        Client client(server.port());
        int version = client.login("coord").status == 200 ? 1 : -1;
        for (int round = 0; version > 0 && round < 100000; ++round) {
          nlohmann::json body = {{"values", {{"meeting_room_count", std::to_string(round + 100)}}},
                                 {"version", version}};
          Reply reply = client.request("PUT", std::string("/api/periods/") + kPeriod + "/units/" +
                                                  std::to_string(5 + writer_idx),
                                       body.dump());
          if (reply.status != 200) break;
          version = reply.json()["version"];
          acknowledged[static_cast<std::size_t>(writer_idx)] = version;
          ++saves;
        }
      } catch (const std::exception&) {
        // The server closed the connection and accepts no new one: done.
      }
      ++finished;
    });
  }
  // Every writer under way (logging in hashes a password: some start late).
  auto all_saving = [&] {
    for (const auto& version : acknowledged) {
      if (version < 2) return false;
    }
    return saves >= 40;
  };
  while (!all_saving() && finished < kWriters) std::this_thread::sleep_for(std::chrono::milliseconds(5));
  const int exit_code = server.stop(SIGTERM);
  for (auto& writer : writers) writer.join();
  EXPECT_EQ(exit_code, 0);
  EXPECT_TRUE(all_saving()) << "a writer could not save before the stop";

  CommandRun status = run_chiso("--db " + database_->db_arg() + " status --period 2024-Q4 --format json");
  ASSERT_EQ(status.exit_code, 0) << status.output;
  nlohmann::json units = nlohmann::json::parse(status.output)["units"];
  for (int writer_idx = 0; writer_idx < kWriters; ++writer_idx) {
    const int stored = units[static_cast<std::size_t>(4 + writer_idx)]["version"];
    EXPECT_GE(stored, acknowledged[static_cast<std::size_t>(writer_idx)].load()) << "writer " << writer_idx;
  }
}

TEST_P(GracefulStop, AnIdleServerStopsAtOnceWithExitZero) {
  ServerProcess server(db(), {}, folder_);
  Client idle(server.port());
  ASSERT_EQ(idle.get("/api/openapi.json").status, 200);  // a keep-alive connection left open
  EXPECT_EQ(server.stop(SIGINT), 0);
  // The idle connection was closed by the server.
  EXPECT_THROW(idle.get("/api/openapi.json"), std::exception);
}

}  // namespace
}  // namespace chiso::server_test
