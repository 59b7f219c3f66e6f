// The pool's one writer (server/worker_pool.h): writes that wait together
// run in one group and are answered only after its commit, a write refused
// among them spoils none of the others, and reads run on the workers while
// the writer is busy.
#include "server/worker_pool.h"

#include <gtest/gtest.h>

#include <chrono>
#include <future>
#include <mutex>
#include <string>
#include <vector>

#include "common/limits.h"
#include "server_harness.h"

namespace chiso::server_test {
namespace {

using server::Lane;
using server::Response;
using server::WorkerPool;

constexpr auto kPatience = std::chrono::seconds(30);

// Whether `period` is stored, as `store` sees it.
bool stored(Store& store, const std::string& period) {
  auto periods = store.periods();
  if (!periods) return false;
  for (const PeriodInfo& info : *periods)
    if (info.period == period) return true;
  return false;
}

Response answer_of(const Result<void>& done) { return done ? Response{} : server::error_response(done.error()); }
Response with_status(int status) {
  Response response;
  response.status = status;
  return response;
}

TEST(WorkerPool, WritesWaitingTogetherAreCommittedAsOneGroupAndAnsweredAfterItsCommit) {
  const std::string db = test_folder() + "/pool.sqlite";
  {
    auto setup = open_store(db);  // the schema and a first period, before the pool
    ASSERT_TRUE(setup.ok()) << setup.error().message;
    ASSERT_TRUE((*setup)->open_period("2025-Q1", "").ok());
  }
  auto pool =
      WorkerPool::start(db, 1, limits::queued_requests_max, 1, limits::writes_per_commit_max);
  ASSERT_TRUE(pool.ok()) << pool.error().message;
  auto checker =
      open_store(db);  // another connection, used in the answers only (one thread: the writer's)
  ASSERT_TRUE(checker.ok());

  std::mutex mutex;
  std::vector<std::string> events;
  std::vector<int> statuses(4, 0);
  auto note = [&](std::string event) {
    std::lock_guard lock(mutex);
    events.push_back(std::move(event));
  };

  // Write 0 holds the writer until the other three wait in its queue.
  std::promise<void> writer_busy, release;
  std::shared_future<void> released = release.get_future().share();
  WorkerPool::Job hold;
  hold.run = [&, released](Store& store) {
    writer_busy.set_value();
    released.wait();
    note("run 0");
    return answer_of(store.open_period("2025-Q2", ""));
  };
  hold.answer = [&](Response response) {
    statuses[0] = response.status;
    note("answer 0");
  };
  ASSERT_TRUE((*pool)->submit(std::move(hold), Lane::write));
  ASSERT_EQ(writer_busy.get_future().wait_for(kPatience), std::future_status::ready);

  // A read while the writer is held: a worker answers it.
  std::promise<bool> read_answered;
  WorkerPool::Job read;
  read.run = [](Store& store) { return stored(store, "2025-Q1") ? Response{} : with_status(500); };
  read.answer = [&](Response response) { read_answered.set_value(response.status == 200); };
  ASSERT_TRUE((*pool)->submit(std::move(read), Lane::read));
  auto read_done = read_answered.get_future();
  ASSERT_EQ(read_done.wait_for(kPatience), std::future_status::ready);
  EXPECT_TRUE(read_done.get());

  // Writes 1 and 3 open periods; write 2 locks a period that is not stored
  // (refused: not found). Each answer looks through another connection
  // whether its period is committed.
  const std::vector<std::string> periods = {"", "2025-Q3", "2099-Q1", "2025-Q4"};
  std::promise<void> all_answered;
  for (int job_idx = 1; job_idx <= 3; ++job_idx) {
    WorkerPool::Job job;
    const std::string period = periods[static_cast<std::size_t>(job_idx)];
    job.run = [&, job_idx, period](Store& store) {
      note("run " + std::to_string(job_idx));
      if (job_idx == 2) {
        Provenance who;
        who.author = "coord";
        return answer_of(store.set_period_state(period, PeriodState::locked, who));
      }
      return answer_of(store.open_period(period, ""));
    };
    job.answer = [&, job_idx, period](Response response) {
      statuses[static_cast<std::size_t>(job_idx)] = response.status;
      note("answer " + std::to_string(job_idx) +
           (stored(**checker, period) ? " committed" : " absent"));
      if (job_idx == 3) all_answered.set_value();
    };
    ASSERT_TRUE((*pool)->submit(std::move(job), Lane::write));
  }
  release.set_value();
  ASSERT_EQ(all_answered.get_future().wait_for(kPatience), std::future_status::ready);
  (*pool)->stop();

  EXPECT_EQ(statuses, (std::vector<int>{200, 200, 404, 200}));
  // The three that waited together ran before any of them was answered.
  EXPECT_EQ(events, (std::vector<std::string>{"run 0", "answer 0", "run 1", "run 2", "run 3",
                                              "answer 1 committed", "answer 2 absent",
                                              "answer 3 committed"}));
  EXPECT_TRUE(stored(**checker, "2025-Q2"));
}

}  // namespace
}  // namespace chiso::server_test
