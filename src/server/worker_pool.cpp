#include "server/worker_pool.h"

namespace chiso::server {

Result<std::unique_ptr<WorkerPool>> WorkerPool::start(const std::string& db_path, int thread_count,
                                                      std::size_t queued_max, int hashing_at_once) {
  std::unique_ptr<WorkerPool> pool(new WorkerPool());
  pool->queued_max_ = queued_max;
  pool->hashing_at_once_ = hashing_at_once < 1 ? 1 : hashing_at_once;
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

bool WorkerPool::submit(Job job, Lane lane) {
  {
    std::lock_guard lock(mutex_);
    if (stopping_ || jobs_.size() + hashing_jobs_.size() >= queued_max_) return false;
    auto& queue = lane == Lane::password_hash ? hashing_jobs_ : jobs_;
    queue.push_back(Queued{submitted_++, std::move(job)});
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

bool WorkerPool::runnable() const {
  return !jobs_.empty() || (!hashing_jobs_.empty() && hashing_running_ < hashing_at_once_);
}

void WorkerPool::run(Store& store) {
  while (true) {
    Job job;
    bool hashing = false;
    {
      std::unique_lock lock(mutex_);
      // Stopping, the workers still run what is queued; a hashing job
      // waiting for a slot is run by the worker that frees it.
      ready_.wait(lock, [this] { return runnable() || (stopping_ && hashing_jobs_.empty()); });
      if (!runnable()) return;  // stopping, nothing left this worker may run
      const bool hashing_free = !hashing_jobs_.empty() && hashing_running_ < hashing_at_once_;
      hashing = hashing_free && (jobs_.empty() || hashing_jobs_.front().order < jobs_.front().order);
      auto& queue = hashing ? hashing_jobs_ : jobs_;
      job = std::move(queue.front().job);
      queue.pop_front();
      if (hashing) ++hashing_running_;
    }
    job(store);
    if (hashing) {
      {
        std::lock_guard lock(mutex_);
        --hashing_running_;
      }
      ready_.notify_all();  // a hashing job may wait for this slot, or the stop for this worker
    }
  }
}

}  // namespace chiso::server
