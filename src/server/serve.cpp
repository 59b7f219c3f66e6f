#include "server/serve.h"

#include <sys/resource.h>

#include <fmt/core.h>

#include <algorithm>
#include <charconv>
#include <chrono>
#include <cstdio>
#include <csignal>
#include <thread>

#include "common/limits.h"
#include "server/access_log.h"
#include "server/answer_cache.h"
#include "server/api.h"
#include "server/committed_sync.h"
#include "server/http_server.h"
#include "server/worker_pool.h"
#include "service/plan_fit.h"

namespace chiso::server {

Result<void> parse_listen(const std::string& text, ServeOptions* options) {
  auto colon = text.rfind(':');
  std::string host = colon == std::string::npos ? std::string() : text.substr(0, colon);
  std::string port_text = colon == std::string::npos ? text : text.substr(colon + 1);
  if (host.size() >= 2 && host.front() == '[' && host.back() == ']') host = host.substr(1, host.size() - 2);
  unsigned port = 0;
  auto [end, ec] = std::from_chars(port_text.data(), port_text.data() + port_text.size(), port);
  if (ec != std::errc() || end != port_text.data() + port_text.size() || port > 65535 || port_text.empty()) {
    Error error = make_error(ErrorKind::bad_input,
                             fmt::format("--listen '{}' không hợp lệ; cần ĐỊA_CHỈ:CỔNG, vd. 127.0.0.1:8080", text),
                             fmt::format("--listen '{}' is not valid; expected ADDRESS:PORT, e.g. 127.0.0.1:8080", text));
    error.field = "listen";
    return error;
  }
  options->address = host.empty() ? "127.0.0.1" : host;
  options->port = static_cast<std::uint16_t>(port);
  return {};
}

namespace {

// The store at options.db_path once it answers, or why it does not: at once
// for anything but a PostgreSQL database out of reach (busy), after
// options.database_wait_seconds for that. Says so on standard error, as the
// server's other reasons (log_server_error), at the first try and every
// tenth after.
Result<std::unique_ptr<Store>> wait_for_database(const ServeOptions& options) {
  if (!is_postgresql_db(options.db_path)) return open_store(options.db_path);
  constexpr auto kPause = std::chrono::seconds(2);
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(options.database_wait_seconds);
  for (int attempt = 0;; ++attempt) {
    auto opened = open_store(options.db_path);
    if (opened) {
      if (attempt > 0) std::fprintf(stderr, "chiso serve: đã kết nối được cơ sở dữ liệu — the database answers\n");
      return opened;
    }
    if (opened.error().kind != ErrorKind::busy || std::chrono::steady_clock::now() + kPause > deadline)
      return opened.error();
    if (attempt % 10 == 0) {
      const Error& error = opened.error();
      std::fprintf(stderr,
                   "chiso serve: chưa tới được cơ sở dữ liệu, thử lại mỗi 2 giây trong tối đa %d giây — the database "
                   "is out of reach, trying again every 2 s for up to %d s: %s\n",
                   options.database_wait_seconds, options.database_wait_seconds, error.message_en.c_str());
      std::fflush(stderr);
    }
    std::this_thread::sleep_for(kPause);
  }
}

}  // namespace

Result<void> serve(const ServeOptions& options, const Plan& plan,
                   std::shared_ptr<const check::CompiledPlan> compiled,
                   const std::function<void(std::uint16_t port)>& on_listening) {
  // A client gone before its answer is written is an error of that write,
  // not a signal that ends the server (nor is a closed stdout).
  std::signal(SIGPIPE, SIG_IGN);
  // A socket is a file descriptor: the usual soft limit of 1,024 would stop
  // the server short of limits::connections_max open connections.
  if (rlimit files{}; getrlimit(RLIMIT_NOFILE, &files) == 0) {
    const rlim_t wanted = limits::connections_max + 256;
    if (files.rlim_cur < wanted) {
      files.rlim_cur = files.rlim_max == RLIM_INFINITY ? wanted : std::min<rlim_t>(wanted, files.rlim_max);
      (void)setrlimit(RLIMIT_NOFILE, &files);
    }
  }
  Shared shared;
  shared.db_path = options.db_path;
  shared.plan_path = options.plan_path;
  shared.publisher_path = options.publisher_path;
  shared.plan = &plan;
  shared.compiled = std::move(compiled);
  shared.matcher = std::make_unique<UnitMatcher>(plan);
  shared.answers = std::make_shared<AnswerCache>(limits::answer_cache_bytes_max);

  AccessLog log;
  if (auto opened = AccessLog::open(options.access_log, &log); !opened) return opened.error();
  const int threads =
      options.threads > 0 ? options.threads : std::max(2, static_cast<int>(std::thread::hardware_concurrency()));
  {
    auto reached = wait_for_database(options);
    if (!reached) return reached.error();
    if (auto fits = service::plan_fits_store(plan, **reached, db_display_name(options.db_path)); !fits)
      return fits.error();
  }
  auto pool = WorkerPool::start(options.db_path, threads, limits::queued_requests_max,
                                limits::password_hashes_at_once, limits::writes_per_commit_max);
  if (!pool) return pool.error();
  // PostgreSQL makes each commit durable itself (its synchronous_commit):
  // no thread, and no idle connection, for it.
  std::unique_ptr<CommittedSync> sync;
  if (!is_postgresql_db(options.db_path)) {
    auto started = CommittedSync::start(options.db_path, limits::committed_sync_interval_ms);
    if (!started) return started.error();
    sync = std::move(*started);
  }
  Router router(api_routes());
  HttpOptions http;
  http.address = options.address;
  http.port = options.port;
  http.trusted_proxy = options.trusted_proxy;
  auto server = HttpServer::listen(http, router, shared, **pool, log);
  if (!server) return server.error();
  on_listening((*server)->port());
  (*server)->run();
  // The answers still to be written were cut by the grace time; the
  // workers finish what they started, then close their stores.
  (*pool)->stop();
  if (sync) sync->stop();
  return {};
}

}  // namespace chiso::server
