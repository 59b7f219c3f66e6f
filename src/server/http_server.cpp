#include "server/http_server.h"

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <fmt/core.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/sendfile.h>
#include <sys/socket.h>

#include <cerrno>
#include <sstream>

#include <array>
#include <chrono>
#include <csignal>
#include <optional>
#include <unordered_map>

#include "common/limits.h"
#include "server/file_copies.h"
#include "server/pages.h"

namespace chiso::server {
namespace {

namespace beast = boost::beast;
namespace http = beast::http;
namespace net = boost::asio;
using tcp = net::ip::tcp;
using std::chrono::milliseconds;

// The value of cookie `name` in a Cookie header, "" when absent.
std::string cookie_value(std::string_view header, std::string_view name) {
  while (!header.empty()) {
    auto semicolon = header.find(';');
    std::string_view pair = header.substr(0, semicolon);
    header = semicolon == std::string_view::npos ? std::string_view() : header.substr(semicolon + 1);
    while (!pair.empty() && pair.front() == ' ') pair.remove_prefix(1);
    auto eq = pair.find('=');
    if (eq != std::string_view::npos && pair.substr(0, eq) == name) return std::string(pair.substr(eq + 1));
  }
  return {};
}

std::string_view trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

}  // namespace

class Connection;

struct HttpServer::Impl {
  Impl(const HttpOptions& options, const Router& router, const Shared& shared, WorkerPool& pool, AccessLog& log)
      : options(options), router(router), shared(shared), pool(pool), log(log) {}

  void accept();
  void open_connection(tcp::socket socket);
  void begin_stop();
  void forget(Connection* connection);

  ~Impl() { destroying = true; }

  HttpOptions options;
  const Router& router;
  const Shared& shared;
  WorkerPool& pool;
  AccessLog& log;
  // Declared before the io_context so that they outlive it: destroying it
  // destroys the handlers still queued, and with them their connections.
  bool destroying = false;
  bool stopping = false;  // I/O thread only
  // The open connections (I/O thread only), to close the idle ones at stop.
  std::unordered_map<Connection*, std::weak_ptr<Connection>> connections;
  FileCopies file_copies;  // I/O thread only
  net::io_context ioc{1};
  tcp::acceptor acceptor{ioc};
  net::signal_set signals{ioc, SIGINT, SIGTERM};
  net::steady_timer grace{ioc};
  net::steady_timer accept_pause{ioc};
  std::optional<net::executor_work_guard<net::io_context::executor_type>> work{ioc.get_executor()};
};

// One client connection; every member function runs on the I/O thread.
class Connection : public std::enable_shared_from_this<Connection> {
 public:
  Connection(tcp::socket socket, HttpServer::Impl& server) : stream_(std::move(socket)), server_(server) {
    beast::error_code ec;
    auto peer = stream_.socket().remote_endpoint(ec);
    if (!ec) peer_ = peer.address().to_string();
    // Every answer is written whole (one writev, or a header sent with
    // MSG_MORE then sendfile): nothing is gained by Nagle's waiting for the
    // client's acknowledgement before the answer's last segment, and with
    // sendfile the wait was that of the client's delayed ACK.
    stream_.socket().set_option(tcp::no_delay(true), ec);
  }
  ~Connection() { server_.forget(this); }

  void start() { read_header(); }

  // At stop: a connection waiting for its next request is closed; one with
  // a request in flight answers it first.
  void close_if_idle() {
    if (state_ == State::idle) close();
  }

 private:
  enum class State { idle, reading, working, writing, closed };

  void read_header() {
    state_ = State::idle;
    parser_.emplace();
    parser_->header_limit(limits::request_header_bytes_max);
    // The parser refuses a Content-Length over its body limit while reading
    // the header, before the route (and so the limit) is known: the largest
    // here, the route's own below.
    parser_->body_limit(limits::upload_body_bytes_max);
    stream_.expires_after(milliseconds(limits::keep_alive_idle_ms));
    http::async_read_header(stream_, buffer_, *parser_,
                            [self = shared_from_this()](beast::error_code ec, std::size_t) { self->on_header(ec); });
  }

  void on_header(beast::error_code ec) {
    unread_input_ = false;
    method_ = raw_path_ = "-";  // what the log says of a request refused unread
    client_.clear();
    if (ec == http::error::header_limit) {
      started_ = std::chrono::steady_clock::now();
      keep_alive_ = false;
      unread_input_ = true;
      return answer(error_response(
          431, "header_too_large",
          fmt::format("Phần đầu yêu cầu quá {} byte.", limits::request_header_bytes_max),
          fmt::format("The request's headers are over {} bytes.", limits::request_header_bytes_max)));
    }
    if (ec == http::error::body_limit) {
      started_ = std::chrono::steady_clock::now();
      method_ = std::string(parser_->get().method_string());
      raw_path_ = std::string(parser_->get().target().substr(0, parser_->get().target().find('?')));
      keep_alive_ = false;
      unread_input_ = true;
      return answer(too_large(limits::upload_body_bytes_max));
    }
    if (ec) return close();
    state_ = State::reading;
    started_ = std::chrono::steady_clock::now();
    const auto& header = parser_->get();
    method_ = std::string(header.method_string());
    std::string_view target(header.target().data(), header.target().size());
    auto question = target.find('?');
    raw_path_ = std::string(target.substr(0, question));
    query_ = question == std::string_view::npos ? std::string() : std::string(target.substr(question + 1));
    keep_alive_ = header.keep_alive();

    route_ = nullptr;
    params_.clear();
    match_ = server_.router.match(method_, raw_path_, &route_, &params_);
    std::size_t body_max = limits::json_body_bytes_max;
    if (route_ && route_->body == BodyKind::upload) body_max = limits::upload_body_bytes_max;
    const bool has_body = header.has_content_length() || header.chunked();
    if (auto length = parser_->content_length(); length && *length > body_max) {
      keep_alive_ = false;  // the body is not read: the connection cannot go on
      unread_input_ = true;
      return answer(too_large(body_max));
    }
    if (match_ != Router::Match::found && has_body) {
      keep_alive_ = false;
      unread_input_ = true;
    }
    // Outside /api/, a GET is a page or one of its files (pages.h).
    if (match_ == Router::Match::no_path && method_ == "GET" && raw_path_.rfind("/api/", 0) != 0) {
      auto if_none_match = header[http::field::if_none_match];
      return answer(page_response(raw_path_, std::string_view(if_none_match.data(), if_none_match.size())));
    }
    if (match_ != Router::Match::found) return answer(no_route());
    parser_->body_limit(body_max);
    stream_.expires_after(milliseconds(limits::request_read_ms_max));
    if (beast::iequals(header[http::field::expect], "100-continue")) {
      auto interim = std::make_shared<http::response<http::empty_body>>(http::status::continue_, 11);
      http::async_write(stream_, *interim, [self = shared_from_this(), interim](beast::error_code ec, std::size_t) {
        if (ec) return self->close();
        self->read_body();
      });
      return;
    }
    read_body();
  }

  void read_body() {
    http::async_read(stream_, buffer_, *parser_,
                     [self = shared_from_this()](beast::error_code ec, std::size_t) { self->on_body(ec); });
  }

  Response too_large(std::size_t body_max) const {
    return error_response(413, "too_large",
                          fmt::format("Nội dung yêu cầu quá {} MiB.", body_max >> 20),
                          fmt::format("The request body is over {} MiB.", body_max >> 20));
  }

  Response no_route() const {
    if (match_ == Router::Match::no_method) {
      return error_response(405, "method_not_allowed",
                            fmt::format("Đường dẫn {} không nhận phương thức {}.", raw_path_, method_),
                            fmt::format("The path {} does not accept {}.", raw_path_, method_));
    }
    return error_response(404, "not_found", fmt::format("Không có đường dẫn {}.", raw_path_),
                          fmt::format("There is no path {}.", raw_path_));
  }

  void on_body(beast::error_code ec) {
    if (ec == http::error::body_limit) {
      keep_alive_ = false;
      unread_input_ = true;
      std::size_t body_max = route_ && route_->body == BodyKind::upload ? limits::upload_body_bytes_max
                                                                          : limits::json_body_bytes_max;
      return answer(too_large(body_max));
    }
    if (ec) return close();
    auto request = std::make_shared<Request>();
    auto& message = parser_->get();
    request->method = method_;
    request->path = raw_path_;
    request->query = parse_query(query_);
    request->body = std::move(message.body());
    auto cookie = message[http::field::cookie];
    request->cookie_session = cookie_value(std::string_view(cookie.data(), cookie.size()), "chiso_session");
    auto csrf = message["X-CSRF-Token"];
    request->csrf_token = std::string(csrf.data(), csrf.size());
    auto content_type = message[http::field::content_type];
    request->content_type = std::string(content_type.data(), content_type.size());
    request->client_address = peer_;
    if (!server_.options.trusted_proxy.empty() && peer_ == server_.options.trusted_proxy) {
      auto proto = message["X-Forwarded-Proto"];
      request->over_tls = beast::iequals(proto, "https");
      auto forwarded = message["X-Forwarded-For"];
      std::string_view chain(forwarded.data(), forwarded.size());
      auto comma = chain.rfind(',');
      std::string_view last = trim(comma == std::string_view::npos ? chain : chain.substr(comma + 1));
      if (!last.empty()) request->client_address = std::string(last);
    }
    client_ = request->client_address;

    const Route* route = route_;
    if (!route->uses_store) {
      return answer(dispatch(*route, std::move(params_), *request, server_.shared, nullptr));
    }
    state_ = State::working;
    auto self = shared_from_this();
    WorkerPool::Job job;
    job.run = [self, route, params = std::move(params_), request](Store& store) mutable {
      return dispatch(*route, std::move(params), *request, self->server_.shared, &store);
    };
    job.answer = [self](Response response) {
      if (response.then_write) return self->write_next(std::move(response));
      self->post_answer(std::move(response));
    };
    bool queued = server_.pool.submit(std::move(job), route->resolved_lane());
    if (!queued) answer(busy());
  }

  static Response busy() {
    return error_response(503, "busy", "Máy chủ đang quá tải; hãy thử lại sau ít giây.",
                          "The server is overloaded; try again in a few seconds.");
  }

  // From a store thread: the answer goes to this connection's I/O thread.
  void post_answer(Response response) {
    net::post(server_.ioc, [self = shared_from_this(), response = std::move(response)]() mutable {
      self->answer(std::move(response));
    });
  }

  // From a worker: the write its handler left (Response::then_write) goes to
  // the write lane; its response is the answer.
  void write_next(Response checked) {
    auto self = shared_from_this();
    WorkerPool::Job job;
    job.run = [then_write = std::move(checked.then_write), user = std::move(checked.user)](Store& store) {
      return dispatch_write(then_write, user, store);
    };
    job.answer = [self](Response response) { self->post_answer(std::move(response)); };
    if (!server_.pool.submit(std::move(job), Lane::write)) post_answer(busy());
  }

  void answer(Response answer) {
    state_ = State::writing;
    user_ = answer.user;
    status_ = answer.status;
    response_ = {};
    response_.version(11);
    response_.result(static_cast<unsigned>(answer.status));
    response_.set(http::field::server, "chiso");
    response_.set(http::field::content_type, answer.content_type);
    response_.set("Content-Security-Policy", "default-src 'self'; frame-ancestors 'none'");
    response_.set("X-Frame-Options", "DENY");
    response_.set("X-Content-Type-Options", "nosniff");
    response_.set("Referrer-Policy", "same-origin");
    if (raw_path_.rfind("/api/", 0) == 0) response_.set(http::field::cache_control, "no-store");
    for (auto& [name, value] : answer.headers) response_.insert(name, value);
    response_.keep_alive(keep_alive_ && !server_.stopping);
    // The body is a view of a string this connection holds until written: a
    // kept answer (answer_cache.h) is sent to every reader without a copy.
    const bool kept = answer.shared_body != nullptr;
    body_ = kept ? std::move(answer.shared_body)
                               : std::make_shared<const std::string>(std::move(answer.body));
    response_.body() = http::span_body<const char>::value_type(body_->data(), body_->size());
    response_.prepare_payload();
    if (kept && body_->size() >= limits::sendfile_body_bytes_min) {
      if (int fd = server_.file_copies.file_of(body_); fd >= 0) return send_with_file(fd);
    }
    stream_.expires_after(milliseconds(limits::response_write_ms_max));
    http::async_write(stream_, response_,
                      [self = shared_from_this()](beast::error_code ec, std::size_t) { self->on_written(ec); });
  }

  // A kept answer's body goes from its file (file_copies.h) with sendfile,
  // after the header; whatever the socket does not take at once waits until
  // it is writable, within response_write_ms_max.
  void send_with_file(int fd) {
    std::ostringstream head;
    head << response_.base();
    head_ = std::move(head).str();
    head_sent_ = 0;
    file_fd_ = fd;
    file_sent_ = 0;
    send_deadline_ = std::chrono::steady_clock::now() + milliseconds(limits::response_write_ms_max);
    send_some();
  }

  void send_some() {
    const int socket = stream_.socket().native_handle();
    while (head_sent_ < head_.size()) {
      // MSG_MORE: the header goes out in one segment with the body's start.
      ssize_t n = ::send(socket, head_.data() + head_sent_, head_.size() - head_sent_, MSG_MORE | MSG_NOSIGNAL);
      if (n > 0) {
        head_sent_ += static_cast<std::size_t>(n);
      } else if (n < 0 && errno == EINTR) {
        continue;
      } else {
        return send_failed(errno);
      }
    }
    while (file_sent_ < body_->size()) {
      off_t offset = static_cast<off_t>(file_sent_);
      ssize_t n = ::sendfile(socket, file_fd_, &offset, body_->size() - file_sent_);
      if (n > 0) {
        file_sent_ = static_cast<std::size_t>(offset);
      } else if (n < 0 && errno == EINTR) {
        continue;
      } else {
        return send_failed(n == 0 ? EIO : errno);
      }
    }
    on_written({});
  }

  void send_failed(int error) {
    if (error != EAGAIN && error != EWOULDBLOCK) {
      return on_written(beast::error_code(error, beast::system_category()));
    }
    const auto left = send_deadline_ - std::chrono::steady_clock::now();
    if (left <= std::chrono::steady_clock::duration::zero()) return on_written(beast::error::timeout);
    // At the deadline the wait is cancelled, which ends it with an error.
    send_timer_.expires_at(send_deadline_);
    send_timer_.async_wait([self = shared_from_this()](beast::error_code ec) {
      if (ec) return;  // cancelled: the socket became writable first
      beast::error_code ignored;
      self->stream_.socket().cancel(ignored);
    });
    stream_.socket().async_wait(tcp::socket::wait_write, [self = shared_from_this()](beast::error_code ec) {
      self->send_timer_.cancel();
      if (ec == net::error::operation_aborted) return self->on_written(beast::error::timeout);
      if (ec) return self->on_written(ec);
      self->send_some();
    });
  }

  void on_written(beast::error_code ec) {
    const double duration_ms =
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started_).count();
    server_.log.write(client_.empty() ? peer_ : client_, user_, method_, raw_path_, status_, duration_ms);
    if (ec) return close();
    if (!response_.keep_alive()) return unread_input_ ? drain() : close();
    read_header();
  }

  // A refused request's body was not read: closing at once would make the
  // kernel reset the connection, and the client could lose the answer it has
  // not read yet. So the server stops sending, reads and drops what comes for
  // a short while, then closes (a "lingering close").
  void drain() {
    state_ = State::closed;
    beast::error_code ignored;
    stream_.socket().shutdown(tcp::socket::shutdown_send, ignored);
    stream_.expires_after(milliseconds(limits::drain_ms_max));
    drained_ = std::make_shared<std::array<char, 16384>>();
    drain_some();
  }

  void drain_some() {
    stream_.async_read_some(net::buffer(*drained_), [self = shared_from_this()](beast::error_code ec, std::size_t) {
      if (ec) {
        beast::error_code ignored;
        self->stream_.socket().close(ignored);
        return;
      }
      self->drain_some();
    });
  }

  void close() {
    if (state_ == State::closed) return;
    state_ = State::closed;
    beast::error_code ignored;
    stream_.socket().shutdown(tcp::socket::shutdown_both, ignored);
    stream_.socket().close(ignored);
  }

  beast::tcp_stream stream_;
  HttpServer::Impl& server_;
  beast::flat_buffer buffer_;
  std::optional<http::request_parser<http::string_body>> parser_;
  http::response<http::span_body<const char>> response_;
  std::shared_ptr<const std::string> body_;  // what response_'s body views
  // An answer sent from its file (send_with_file): the header's text and
  // how much of it and of the body the socket has taken.
  std::string head_;
  std::size_t head_sent_ = 0;
  int file_fd_ = -1;
  std::size_t file_sent_ = 0;
  std::chrono::steady_clock::time_point send_deadline_;
  net::steady_timer send_timer_{stream_.get_executor()};
  State state_ = State::idle;
  std::chrono::steady_clock::time_point started_;
  std::string peer_, client_, method_, raw_path_, query_, user_;
  int status_ = 0;
  bool keep_alive_ = false;
  bool unread_input_ = false;  // the answer refuses a request not read in full
  std::shared_ptr<std::array<char, 16384>> drained_;
  Router::Match match_ = Router::Match::no_path;
  const Route* route_ = nullptr;
  Params params_;
};

void HttpServer::Impl::accept() {
  acceptor.async_accept([this](beast::error_code ec, tcp::socket socket) {
    if (stopping || !acceptor.is_open()) return;
    if (ec) {
      // Out of file descriptors (or another passing failure): accepting again
      // at once would spin; the connections that end meanwhile free some.
      accept_pause.expires_after(milliseconds(50));
      accept_pause.async_wait([this](beast::error_code) { accept(); });
      return;
    }
    open_connection(std::move(socket));
    // Every connection already waiting is taken now. Accepting one per turn
    // of the I/O thread's queue would make the last of a burst wait for as
    // many turns as connections came before it, each turn longer than the
    // last, while the connections already open are served.
    for (std::size_t taken = 0; taken < limits::connections_max; ++taken) {
      tcp::socket next(ioc);
      acceptor.accept(next, ec);  // the acceptor is non-blocking: would_block when none waits
      if (ec) break;
      open_connection(std::move(next));
    }
    accept();
  });
}

void HttpServer::Impl::open_connection(tcp::socket socket) {
  if (connections.size() >= limits::connections_max) {
    beast::error_code ignored;
    socket.close(ignored);
    return;
  }
  auto connection = std::make_shared<Connection>(std::move(socket), *this);
  connections.emplace(connection.get(), connection);
  connection->start();
}

void HttpServer::Impl::begin_stop() {
  if (stopping) return;
  stopping = true;
  beast::error_code ignored;
  acceptor.close(ignored);
  signals.cancel(ignored);
  accept_pause.cancel(ignored);
  // Copied: closing a connection may end it, which erases it from the map.
  std::vector<std::shared_ptr<Connection>> open;
  for (auto& [raw, weak] : connections) {
    if (auto connection = weak.lock()) open.push_back(std::move(connection));
  }
  for (auto& connection : open) connection->close_if_idle();
  open.clear();
  if (connections.empty()) {
    work.reset();
    return;
  }
  grace.expires_after(milliseconds(limits::stop_grace_ms));
  grace.async_wait([this](beast::error_code ec) {
    if (!ec) ioc.stop();
  });
}

void HttpServer::Impl::forget(Connection* connection) {
  if (destroying) return;
  connections.erase(connection);
  if (stopping && connections.empty()) {
    work.reset();
    beast::error_code ignored;
    grace.cancel(ignored);
  }
}

HttpServer::HttpServer(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
HttpServer::~HttpServer() = default;

Result<std::unique_ptr<HttpServer>> HttpServer::listen(const HttpOptions& options, const Router& router,
                                                       const Shared& shared, WorkerPool& pool, AccessLog& log) {
  auto impl = std::make_unique<Impl>(options, router, shared, pool, log);
  beast::error_code ec;
  auto address = net::ip::make_address(options.address, ec);
  auto refuse = [&](std::string_view what) -> Error {
    Error error = make_error(ErrorKind::bad_input,
                             fmt::format("Không nghe được ở {}:{} ({}: {}).", options.address, options.port, what,
                                         ec.message()),
                             fmt::format("Cannot listen on {}:{} ({}: {}).", options.address, options.port, what,
                                         ec.message()));
    error.field = "listen";
    return error;
  };
  if (ec) return refuse("địa chỉ / address");
  tcp::endpoint endpoint(address, options.port);
  impl->acceptor.open(endpoint.protocol(), ec);
  if (ec) return refuse("open");
  impl->acceptor.set_option(net::socket_base::reuse_address(true), ec);
  impl->acceptor.bind(endpoint, ec);
  if (ec) return refuse("bind");
  impl->acceptor.listen(net::socket_base::max_listen_connections, ec);
  if (ec) return refuse("listen");
  impl->acceptor.non_blocking(true, ec);
  if (ec) return refuse("non-blocking");
  return std::unique_ptr<HttpServer>(new HttpServer(std::move(impl)));
}

std::uint16_t HttpServer::port() const {
  beast::error_code ec;
  auto endpoint = impl_->acceptor.local_endpoint(ec);
  return ec ? 0 : endpoint.port();
}

void HttpServer::run() {
  Impl& impl = *impl_;
  impl.signals.async_wait([&impl](beast::error_code ec, int) {
    if (!ec) impl.begin_stop();
  });
  impl.accept();
  impl.ioc.run();
}

void HttpServer::stop() {
  net::post(impl_->ioc, [impl = impl_.get()] { impl->begin_stop(); });
}

}  // namespace chiso::server
