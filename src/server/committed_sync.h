// The thread that makes the saves the server acknowledged survive a power
// cut. The store threads' commits do not wait for the disk (SQLite in WAL
// with synchronous = NORMAL: a killed server loses nothing it acknowledged,
// the operating system still holds the log); every interval this thread
// calls Store::sync_committed on its own connection, which gives the disk
// everything committed so far. So a power cut costs at most the saves of the
// last interval, and the disk is waited for once a second, not per save
// (docs/deploy.md).
#pragma once

#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "common/result.h"
#include "store/store.h"

namespace chiso::server {

class CommittedSync {
 public:
  // Opens its own store on `db_path` and starts. Error when the store
  // cannot be opened.
  static Result<std::unique_ptr<CommittedSync>> start(const std::string& db_path, int interval_ms);
  ~CommittedSync();

  // Syncs once more, then ends the thread and closes its store. Call after
  // the store threads have stopped. Idempotent.
  void stop();

 private:
  CommittedSync() = default;
  void run();

  std::unique_ptr<Store> store_;
  int interval_ms_ = 0;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace chiso::server
