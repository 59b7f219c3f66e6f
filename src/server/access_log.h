// One line per request: time (UTC), client, user ("-" when none), method,
// path, status, duration in milliseconds, e.g.
//   2025-01-10T08:15:02.123Z 10.0.0.7 nguyen.van.a PUT /api/periods/2025-Q1/units/3 200 4.2
// to stderr or a file (appended). Thread-safe.
//
// The lines are written by a thread of the log's own, not by the thread
// that answered the request (the server's I/O thread answers most of them):
// write() appends the line to the lines waiting and wakes that thread when
// they were none; it writes all that wait at once and flushes them to the
// system. So a busy server makes one write a batch of requests instead of
// one a request, and the thread that answers never waits on the file. A
// line is in the file a moment after its request, as the thread's turn
// comes; what waits is written when the log is destroyed (the server's
// graceful stop); a SIGKILL loses the lines of the last moment. The lines
// waiting are bounded (waiting_bytes_max): when the file cannot keep up (a
// stalled disk), write() waits for room, as writing itself would, rather
// than holding ever more lines in memory; no line is dropped.
#pragma once

#include <condition_variable>
#include <cstdio>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>

#include "common/result.h"

namespace chiso::server {

class AccessLog {
 public:
  // "" = stderr. Error when the file cannot be opened for appending.
  // REQUIRES: before the first write().
  static Result<AccessLog*> open(const std::string& path, AccessLog* into);
  AccessLog() = default;
  // Writes the lines still waiting, then closes the file it opened.
  ~AccessLog();
  AccessLog(const AccessLog&) = delete;
  AccessLog& operator=(const AccessLog&) = delete;

  void write(std::string_view client, std::string_view user, std::string_view method, std::string_view path,
             int status, double duration_ms);

 private:
  void write_out();  // the writing thread

  static constexpr std::size_t waiting_bytes_max = 4 << 20;

  std::mutex mutex_;
  std::condition_variable lines_waiting_;
  std::condition_variable room_;  // the writing thread took the lines waiting
  std::string waiting_;   // whole lines, not yet written (guarded by mutex_)
  bool stopping_ = false;  // guarded by mutex_
  std::FILE* file_ = stderr;
  bool owned_ = false;
  std::thread writer_;  // started by the first write()
};

}  // namespace chiso::server
