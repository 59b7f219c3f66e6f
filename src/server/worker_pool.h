// The threads that call the store. SQLite connections are per thread, so
// each thread opens its own Store on the same database and keeps it until
// the pool stops.
//
// Reads run on the workers, side by side (WAL: readers never wait for the
// writer). Every write of an SQLite database runs on ONE writer thread with
// its own connection: two connections writing in turn each find the pages
// the other changed gone from their cache, and pay a WAL commit apiece. The
// writer takes the writes waiting in its queue together, up to
// limits::writes_per_commit_max, into one transaction (Store::WriteGroup:
// each write a savepoint, so one refused spoils none of the others), commits
// once, and only then answers each: an answer saying "saved" always follows
// the commit that keeps it. What a save does before writing (its session, its
// body, reading the unit's earlier periods, checking the row) runs on a
// worker, and only its write comes to the writer (exchange.h:
// Response::then_write): the one writer is the server's narrowest place. A write that runs alone (an upload's import) has
// a transaction of its own. With PostgreSQL there is no writer thread: its
// server does the concurrency, and writes run on the workers like reads.
//
// The I/O threads never call the store: a slow query or a writer waiting for
// the database lock holds a worker (or the writer), never another
// connection's reads and writes.
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
#include "server/exchange.h"
#include "server/router.h"
#include "store/store.h"

namespace chiso::server {

class WorkerPool {
 public:
  // A request's work: `run` on a store thread gives the answer, which
  // `answer` hands on (to the I/O thread). For a write, `answer` is called
  // once the write is committed; a write whose group failed to commit is
  // answered with that error instead of its success.
  struct Job {
    std::function<Response(Store& store)> run;
    std::function<void(Response response)> answer;
  };

  // Opens `thread_count` stores on `db_path` for the workers, and, for an
  // SQLite database, one more for the writer. Error when one cannot be
  // opened (the path, the reason). REQUIRES: hashing_at_once ≥ 1,
  // writes_per_commit ≥ 1.
  static Result<std::unique_ptr<WorkerPool>> start(const std::string& db_path, int thread_count,
                                                   std::size_t queued_max, int hashing_at_once,
                                                   std::size_t writes_per_commit);
  ~WorkerPool();

  // Queues `job` in `lane` (router.h; automatic = read); false when
  // queued_max jobs are already waiting or the pool is stopping (the caller
  // answers 503). Thread-safe.
  bool submit(Job job, Lane lane = Lane::read);
  // Runs the jobs already queued, then ends the threads and closes their
  // stores. Idempotent.
  void stop();

 private:
  struct Queued {
    std::uint64_t order = 0;  // submission order, across the workers' queues
    Job job;
    bool alone = false;  // a write that takes no part in a group
  };

  WorkerPool() = default;
  void run(Store& store);
  void write(Store& store);
  // Runs `group` in one WriteGroup of `store`, commits, then answers each.
  void write_group(Store& store, std::vector<Job>& group);
  // The next job a worker may run: the oldest, skipping the hashing queue
  // while it has no free slot. REQUIRES: mutex_ held.
  bool runnable() const;

  std::mutex mutex_;
  std::condition_variable ready_;     // the workers'
  std::condition_variable writable_;  // the writer's
  std::deque<Queued> jobs_;
  std::deque<Queued> hashing_jobs_;
  std::deque<Queued> write_jobs_;
  std::uint64_t submitted_ = 0;
  std::size_t queued_max_ = 0;
  std::size_t writes_per_commit_ = 1;
  int hashing_at_once_ = 1;
  int hashing_running_ = 0;
  bool stopping_ = false;
  bool one_writer_ = false;                     // SQLite: writes go to the writer thread
  std::vector<std::unique_ptr<Store>> stores_;  // the workers', then the writer's
  std::vector<std::thread> threads_;
};

}  // namespace chiso::server
