// One line per request: time (UTC), client, user ("-" when none), method,
// path, status, duration in milliseconds, e.g.
//   2025-01-10T08:15:02.123Z 10.0.0.7 nguyen.van.a PUT /api/periods/2025-Q1/units/3 200 4.2
// to stderr or a file (appended). Thread-safe.
#pragma once

#include <cstdio>
#include <mutex>
#include <string>
#include <string_view>

#include "common/result.h"

namespace chiso::server {

class AccessLog {
 public:
  // "" = stderr. Error when the file cannot be opened for appending.
  static Result<AccessLog*> open(const std::string& path, AccessLog* into);
  AccessLog() = default;
  ~AccessLog();
  AccessLog(const AccessLog&) = delete;
  AccessLog& operator=(const AccessLog&) = delete;

  void write(std::string_view client, std::string_view user, std::string_view method, std::string_view path,
             int status, double duration_ms);

 private:
  std::mutex mutex_;
  std::FILE* file_ = stderr;
  bool owned_ = false;
};

}  // namespace chiso::server
