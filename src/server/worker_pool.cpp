#include "server/worker_pool.h"

namespace chiso::server {

Result<std::unique_ptr<WorkerPool>> WorkerPool::start(const std::string& db_path, int thread_count,
                                                      std::size_t queued_max) {
  std::unique_ptr<WorkerPool> pool(new WorkerPool());
  pool->queued_max_ = queued_max;
  // Opened here, on one thread, one after another: the first open creates or
  // migrates the database, the others find it done.
  for (int thread_idx = 0; thread_idx < thread_count; ++thread_idx) {
    auto store = open_store(db_path);
    if (!store) return store.error();
    pool->stores_.push_back(std::move(store).value());
  }
  for (auto& store : pool->stores_) {
    Store* raw = store.get();
    pool->threads_.emplace_back([pool = pool.get(), raw] { pool->run(*raw); });
  }
  return pool;
}

WorkerPool::~WorkerPool() { stop(); }

bool WorkerPool::submit(Job job) {
  {
    std::lock_guard lock(mutex_);
    if (stopping_ || jobs_.size() >= queued_max_) return false;
    jobs_.push_back(std::move(job));
  }
  ready_.notify_one();
  return true;
}

void WorkerPool::stop() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  ready_.notify_all();
  for (auto& thread : threads_) {
    if (thread.joinable()) thread.join();
  }
  threads_.clear();
  stores_.clear();  // closes each database connection
}

void WorkerPool::run(Store& store) {
  while (true) {
    Job job;
    {
      std::unique_lock lock(mutex_);
      ready_.wait(lock, [this] { return stopping_ || !jobs_.empty(); });
      if (jobs_.empty()) return;  // stopping, nothing left
      job = std::move(jobs_.front());
      jobs_.pop_front();
    }
    job(store);
  }
}

}  // namespace chiso::server
