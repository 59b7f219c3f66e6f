// The HTTP server: Boost.Beast on Asio. One I/O thread accepts and reads
// and writes every connection asynchronously (an idle keep-alive connection
// is a socket and a buffer, not a thread); a request that needs the store
// runs on the WorkerPool, and its answer is written back on the I/O thread.
//
// A connection's life: read the header (within keep_alive_idle_ms, at most
// request_header_bytes_max → 431) → find the route, which sets the body's
// limit (JSON or upload → 413) → read the body (within request_read_ms_max)
// → answer (within response_write_ms_max; a large kept answer from its
// in-memory file with sendfile, file_copies.h) → again, unless the client or
// the server closes. Every answer carries the security headers; every request
// makes one access-log line.
//
// Stop (SIGTERM, SIGINT, or stop()): no new connection is accepted, idle
// connections are closed, requests in flight are answered (with
// "Connection: close"), then run() returns; after stop_grace_ms whatever is
// left is cut. The WorkerPool is stopped by the caller afterwards, which
// closes the stores.
#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include "common/result.h"
#include "server/access_log.h"
#include "server/api.h"
#include "server/router.h"
#include "server/worker_pool.h"

namespace chiso::server {

struct HttpOptions {
  std::string address = "127.0.0.1";
  std::uint16_t port = 8080;  // 0 = any free port (tests)
  std::string trusted_proxy;  // the address whose X-Forwarded-* headers are believed
};

class HttpServer {
 public:
  // Binds and listens. Error (bad input) when the address cannot be bound.
  static Result<std::unique_ptr<HttpServer>> listen(const HttpOptions& options, const Router& router,
                                                    const Shared& shared, WorkerPool& pool, AccessLog& log);
  ~HttpServer();

  std::uint16_t port() const;
  // Serves until SIGTERM/SIGINT or stop(), then finishes what is in flight.
  void run();
  // Thread-safe; returns at once.
  void stop();

 private:
  friend class Connection;
  struct Impl;
  explicit HttpServer(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace chiso::server
