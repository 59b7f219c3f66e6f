// `chiso serve`: the HTTP server on a database, until SIGTERM or SIGINT.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include "common/result.h"
#include "plan/plan.h"

namespace chiso::check {
class CompiledPlan;
}  // namespace chiso::check

namespace chiso::server {

struct ServeOptions {
  std::string db_path;
  std::string plan_path;       // "" = the default plan (passed on to chiso-publish)
  std::string publisher_path;  // chiso-publish
  std::string address = "127.0.0.1";
  std::uint16_t port = 8080;   // 0 = a free port
  // Store threads that read; 0 = the machine's cores (at least 2). An
  // SQLite database has one more that writes (worker_pool.h).
  int threads = 0;
  std::string trusted_proxy;
  std::string access_log;      // "" = stderr
  // How long a server on PostgreSQL waits at its start for a database it
  // cannot reach yet (started with it, restarting), trying again every
  // 2 s; 0 = not at all. An SQLite file is opened at once.
  int database_wait_seconds = 60;
};

// "127.0.0.1:8080", ":8080" (= 127.0.0.1), "[::1]:8080" into address and
// port. Error (bad input, field "listen") otherwise.
Result<void> parse_listen(const std::string& text, ServeOptions* options);

// Serves `plan` over the store at options.db_path; calls `on_listening`
// with the port once accepting. Returns after a graceful stop, the stores
// closed. Errors: the database cannot be opened, the address not bound.
Result<void> serve(const ServeOptions& options, const Plan& plan,
                   std::shared_ptr<const check::CompiledPlan> compiled,
                   const std::function<void(std::uint16_t port)>& on_listening);

}  // namespace chiso::server
