#include "server/access_log.h"

#include <fmt/core.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <ctime>

namespace chiso::server {
namespace {

// What the client sent (path, method, a user name) as one field of one
// line: spaces and control characters escaped.
std::string one_word(std::string_view text) {
  std::string word;
  for (char c : text) {
    if (static_cast<unsigned char>(c) <= 0x20 || c == 0x7f) {
      word += fmt::format("\\x{:02x}", static_cast<unsigned char>(c));
    } else {
      word += c;
    }
  }
  return word;
}

}  // namespace

Result<AccessLog*> AccessLog::open(const std::string& path, AccessLog* into) {
  if (path.empty()) return into;
  std::FILE* file = std::fopen(path.c_str(), "a");
  if (!file) {
    const std::string why = std::strerror(errno);
    return make_error(ErrorKind::bad_input, fmt::format("Không mở được tệp nhật ký {}: {}", path, why),
                      fmt::format("Cannot open the access log {}: {}", path, why));
  }
  into->file_ = file;
  into->owned_ = true;
  return into;
}

AccessLog::~AccessLog() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  lines_waiting_.notify_one();
  if (writer_.joinable()) writer_.join();
  if (owned_) std::fclose(file_);
}

void AccessLog::write_out() {
  std::string lines;
  std::unique_lock lock(mutex_);
  for (;;) {
    lines_waiting_.wait(lock, [&] { return stopping_ || !waiting_.empty(); });
    if (waiting_.empty()) return;  // stopping, all written
    lines.clear();
    lines.swap(waiting_);
    room_.notify_all();
    lock.unlock();
    std::fwrite(lines.data(), 1, lines.size(), file_);
    std::fflush(file_);
    lock.lock();
  }
}

void AccessLog::write(std::string_view client, std::string_view user, std::string_view method,
                      std::string_view path, int status, double duration_ms) {
  const auto now = std::chrono::system_clock::now();
  const std::time_t seconds = std::chrono::system_clock::to_time_t(now);
  const auto millis =
      std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()).count() % 1000;
  std::tm utc{};
  gmtime_r(&seconds, &utc);
  char stamp[32];
  std::strftime(stamp, sizeof stamp, "%Y-%m-%dT%H:%M:%S", &utc);
  std::string line = fmt::format("{}.{:03d}Z {} {} {} {} {} {:.1f}\n", stamp, millis, client.empty() ? "-" : client,
                                 user.empty() ? "-" : one_word(user), one_word(method), one_word(path), status,
                                 duration_ms);
  bool was_empty = false;
  {
    std::unique_lock lock(mutex_);
    if (!writer_.joinable()) writer_ = std::thread([this] { write_out(); });
    // The writing thread is awake whenever lines wait (it was woken when
    // the first of them came), so room comes once it has taken them.
    room_.wait(lock, [&] { return waiting_.size() < waiting_bytes_max; });
    was_empty = waiting_.empty();
    waiting_ += line;
  }
  if (was_empty) lines_waiting_.notify_one();
}

}  // namespace chiso::server
