#include "server/worker_pool.h"

namespace chiso::server {

Result<std::unique_ptr<WorkerPool>> WorkerPool::start(const std::string& db_path, int thread_count,
                                                      std::size_t queued_max, int hashing_at_once,
                                                      std::size_t writes_per_commit) {
  std::unique_ptr<WorkerPool> pool(new WorkerPool());
  pool->queued_max_ = queued_max;
  pool->hashing_at_once_ = hashing_at_once < 1 ? 1 : hashing_at_once;
  pool->writes_per_commit_ = writes_per_commit < 1 ? 1 : writes_per_commit;
  pool->one_writer_ = !is_postgresql_db(db_path);
  // Opened here, on one thread, one after another: the first open creates or
  // migrates the database, the others find it done.
  const int store_count = thread_count + (pool->one_writer_ ? 1 : 0);
  for (int store_idx = 0; store_idx < store_count; ++store_idx) {
    auto store = open_store(db_path);
    if (!store) return store.error();
    // The server's sync (committed_sync.h) copies the log, not the commits.
    if (auto left = (*store)->leave_checkpoints_to_sync(); !left) return left.error();
    pool->stores_.push_back(std::move(store).value());
  }
  for (int thread_idx = 0; thread_idx < thread_count; ++thread_idx) {
    Store* raw = pool->stores_[static_cast<std::size_t>(thread_idx)].get();
    pool->threads_.emplace_back([pool = pool.get(), raw] { pool->run(*raw); });
  }
  if (pool->one_writer_) {
    Store* raw = pool->stores_.back().get();
    pool->threads_.emplace_back([pool = pool.get(), raw] { pool->write(*raw); });
  }
  return pool;
}

WorkerPool::~WorkerPool() { stop(); }

bool WorkerPool::submit(Job job, Lane lane) {
  const bool writes = lane == Lane::write || lane == Lane::write_alone;
  {
    std::lock_guard lock(mutex_);
    if (stopping_ || jobs_.size() + hashing_jobs_.size() + write_jobs_.size() >= queued_max_)
      return false;
    if (writes && one_writer_) {
      write_jobs_.push_back(Queued{submitted_++, std::move(job), lane == Lane::write_alone});
    } else {
      auto& queue = lane == Lane::password_hash ? hashing_jobs_ : jobs_;
      queue.push_back(Queued{submitted_++, std::move(job), false});
    }
  }
  if (writes && one_writer_) {
    writable_.notify_one();
  } else {
    ready_.notify_one();
  }
  return true;
}

void WorkerPool::stop() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  ready_.notify_all();
  writable_.notify_all();
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
      hashing =
          hashing_free && (jobs_.empty() || hashing_jobs_.front().order < jobs_.front().order);
      auto& queue = hashing ? hashing_jobs_ : jobs_;
      job = std::move(queue.front().job);
      queue.pop_front();
      if (hashing) ++hashing_running_;
    }
    job.answer(job.run(store));
    if (hashing) {
      {
        std::lock_guard lock(mutex_);
        --hashing_running_;
      }
      ready_.notify_all();  // a hashing job may wait for this slot, or the stop for this worker
    }
  }
}

void WorkerPool::write(Store& store) {
  std::vector<Job> group;
  while (true) {
    group.clear();
    bool alone = false;
    {
      std::unique_lock lock(mutex_);
      writable_.wait(lock, [this] { return !write_jobs_.empty() || stopping_; });
      if (write_jobs_.empty()) return;  // stopping, every write done
      // The writes waiting, in order, up to one that runs alone (taken by
      // itself when it is first).
      alone = write_jobs_.front().alone;
      do {
        group.push_back(std::move(write_jobs_.front().job));
        write_jobs_.pop_front();
      } while (!alone && !write_jobs_.empty() && !write_jobs_.front().alone &&
               group.size() < writes_per_commit_);
    }
    if (alone || group.size() == 1) {  // its own transactions: no group for one
      Job& job = group.front();
      job.answer(job.run(store));
    } else {
      write_group(store, group);
    }
  }
}

void WorkerPool::write_group(Store& store, std::vector<Job>& group) {
  auto opened = store.begin_write_group();
  if (!opened) {
    for (Job& job : group) job.answer(error_response(opened.error()));
    return;
  }
  if (!*opened) {  // a store that commits each write by itself
    for (Job& job : group) job.answer(job.run(store));
    return;
  }
  std::vector<Response> answers;
  answers.reserve(group.size());
  for (Job& job : group) answers.push_back(job.run(store));
  auto committed = (*opened)->commit();
  opened->reset();
  for (std::size_t job_idx = 0; job_idx < group.size(); ++job_idx) {
    // A refusal (4xx) wrote nothing worth keeping and stays true; a success
    // is not one until committed.
    if (!committed && answers[job_idx].status < 300) {
      std::string user = std::move(answers[job_idx].user);
      answers[job_idx] = error_response(committed.error());
      answers[job_idx].user = std::move(user);
    }
    group[job_idx].answer(std::move(answers[job_idx]));
  }
}

}  // namespace chiso::server
