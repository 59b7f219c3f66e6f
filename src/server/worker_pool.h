// The threads that call the store. SQLite connections are per thread, so
// each worker opens its own Store on the same database (WAL: readers run
// beside the one writer) and keeps it until the pool stops. The I/O
// threads never call the store: a slow query or a writer waiting for the
// database lock holds a worker, never another connection's reads and writes.
#pragma once

#include <condition_variable>
#include <cstddef>
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

  // Opens `thread_count` stores on `db_path` (one per thread). Error when
  // one cannot be opened (the path, the reason).
  static Result<std::unique_ptr<WorkerPool>> start(const std::string& db_path, int thread_count,
                                                   std::size_t queued_max);
  ~WorkerPool();

  // Queues `job`; false when queued_max jobs are already waiting or the pool
  // is stopping (the caller answers 503). Thread-safe.
  bool submit(Job job);
  // Runs the jobs already queued, then ends the threads and closes their
  // stores. Idempotent.
  void stop();

 private:
  WorkerPool() = default;
  void run(Store& store);

  std::mutex mutex_;
  std::condition_variable ready_;
  std::deque<Job> jobs_;
  std::size_t queued_max_ = 0;
  bool stopping_ = false;
  std::vector<std::unique_ptr<Store>> stores_;
  std::vector<std::thread> threads_;
};

}  // namespace chiso::server
