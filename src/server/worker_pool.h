// The threads that call the store. SQLite connections are per thread, so
// each worker opens its own Store on the same database (WAL: readers run
// beside the one writer) and keeps it until the pool stops. The I/O
// threads never call the store: a slow query or a writer waiting for the
// database lock holds a worker, never another connection's reads and writes.
//
// Jobs that hash a password (a login, a new password) each take Argon2id's
// memory while they run (store/account_secrets.h): at most
// `hashing_at_once` of them run at once, and the others wait in their own
// queue while the workers go on with the rest, oldest first. So a crowd
// logging in at the deadline neither multiplies the server's memory nor
// holds back the saves of those already in.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "common/result.h"
#include "store/store.h"

namespace chiso::server {

class WorkerPool {
 public:
  using Job = std::function<void(Store& store)>;
  enum class Lane { any, password_hash };

  // Opens `thread_count` stores on `db_path` (one per thread). Error when
  // one cannot be opened (the path, the reason). REQUIRES: hashing_at_once
  // ≥ 1.
  static Result<std::unique_ptr<WorkerPool>> start(const std::string& db_path, int thread_count,
                                                   std::size_t queued_max, int hashing_at_once);
  ~WorkerPool();

  // Queues `job`; false when queued_max jobs are already waiting or the pool
  // is stopping (the caller answers 503). Thread-safe.
  bool submit(Job job, Lane lane = Lane::any);
  // Runs the jobs already queued, then ends the threads and closes their
  // stores. Idempotent.
  void stop();

 private:
  struct Queued {
    std::uint64_t order = 0;  // submission order, across both queues
    Job job;
  };

  WorkerPool() = default;
  void run(Store& store);
  // The next job a worker may run: the oldest, skipping the hashing queue
  // while it has no free slot. REQUIRES: mutex_ held.
  bool runnable() const;

  std::mutex mutex_;
  std::condition_variable ready_;
  std::deque<Queued> jobs_;
  std::deque<Queued> hashing_jobs_;
  std::uint64_t submitted_ = 0;
  std::size_t queued_max_ = 0;
  int hashing_at_once_ = 1;
  int hashing_running_ = 0;
  bool stopping_ = false;
  std::vector<std::unique_ptr<Store>> stores_;
  std::vector<std::thread> threads_;
};

}  // namespace chiso::server
