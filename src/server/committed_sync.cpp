#include "server/committed_sync.h"

#include <chrono>

namespace chiso::server {

Result<std::unique_ptr<CommittedSync>> CommittedSync::start(const std::string& db_path,
                                                            int interval_ms) {
  std::unique_ptr<CommittedSync> sync(new CommittedSync());
  auto store = open_store(db_path);
  if (!store) return store.error();
  sync->store_ = std::move(store).value();
  sync->interval_ms_ = interval_ms;
  sync->thread_ = std::thread([raw = sync.get()] { raw->run(); });
  return sync;
}

CommittedSync::~CommittedSync() { stop(); }

void CommittedSync::stop() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
  store_.reset();
}

void CommittedSync::run() {
  // Each sync starts an interval after the last one started, not after it
  // ended: under load a sync copies the log for a good part of the
  // interval, and waiting a whole interval after it would leave longer logs
  // (and more saves at stake) than the interval says. A sync longer than
  // the interval is followed at once by the next.
  const auto interval = std::chrono::milliseconds(interval_ms_);
  auto next = std::chrono::steady_clock::now() + interval;
  std::unique_lock lock(mutex_);
  while (true) {
    const bool stopping = wake_.wait_until(lock, next, [this] { return stopping_; });
    const auto woke = std::chrono::steady_clock::now();
    next += interval;
    if (next < woke) next = woke + interval;  // woken late: from now
    lock.unlock();
    // A failure (the disk full, the database busy past its timeout) is
    // tried again at the next interval; the commits themselves stand.
    (void)store_->sync_committed();
    if (stopping) return;
    lock.lock();
  }
}

}  // namespace chiso::server
