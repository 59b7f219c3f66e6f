#include "server_harness.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <gtest/gtest.h>

#include <array>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <thread>

#include "common/test_database.h"
#include "store/store.h"

extern char** environ;

namespace chiso::server_test {
namespace {

namespace fs = std::filesystem;
namespace beast = boost::beast;
namespace http = beast::http;
namespace net = boost::asio;
using tcp = net::ip::tcp;

void use_build_cache() {
  static const bool cache_set = [] {
    const std::string dir = std::string(CHISO_BINARY_DIR) + "/test-output/plan-cache";
    return setenv("CHISO_CACHE_DIR", dir.c_str(), 0) == 0;
  }();
  (void)cache_set;
}

}  // namespace

CommandRun run_chiso(const std::string& args) { return cli_test::run_program(CHISO_EXE, args); }

std::string test_folder() {
  const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
  fs::path dir = fs::path(CHISO_BINARY_DIR) / "test-output" / "server" / info->test_suite_name() / info->name();
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir.string();
}

void seed_database(const std::string& db) {
  CommandRun imported = run_chiso("--db " + test::shell_quoted(db) + " import " + kSeed + " --period " + kPeriod);
  // 1: the sample has findings of severity error, as received.
  ASSERT_EQ(imported.exit_code, 1) << imported.output;
  auto store = open_store(db);
  ASSERT_TRUE(store.ok()) << store.error().message;
  Accounts& accounts = (*store)->accounts();
  const std::int64_t now = static_cast<std::int64_t>(std::time(nullptr));
  struct Person {
    const char* name;
    Role role;
    std::vector<std::string> units;
  };
  const Person people[] = {{"admin", Role::administrator, {}},
                           {"coord", Role::coordinator, {}},
                           {"rep_a", Role::reporter, {kUnitA}},
                           {"rep_b", Role::reporter, {kUnitB}},
                           {"viewer", Role::viewer, {}}};
  for (const Person& person : people) {
    NewUser user;
    user.name = person.name;
    user.role = person.role;
    user.units = person.units;
    user.password = kPassword;
    auto added = accounts.add_user(user, "test", now);
    ASSERT_TRUE(added.ok()) << added.error().message;
  }
}

nlohmann::json Reply::json() const { return nlohmann::json::parse(body, nullptr, false); }

struct Client::Impl {
  net::io_context ioc;
  std::optional<beast::tcp_stream> stream;
  beast::flat_buffer buffer;
  int port = 0;

  void connect() {
    stream.emplace(ioc);
    stream->connect(tcp::endpoint(net::ip::make_address("127.0.0.1"), static_cast<unsigned short>(port)));
    buffer.clear();
  }
};

Client::Client(int port) : impl_(new Impl) { impl_->port = port; }
Client::~Client() { delete impl_; }

Reply Client::request(const std::string& method, const std::string& target, const std::string& body,
                      const std::vector<std::pair<std::string, std::string>>& headers) {
  http::request<http::string_body> req(http::string_to_verb(method), target, 11);
  req.set(http::field::host, "127.0.0.1");
  if (!cookie.empty()) req.set(http::field::cookie, cookie);
  if (send_csrf && !csrf_token.empty()) req.set("X-CSRF-Token", csrf_token);
  if (!body.empty() || method == "POST" || method == "PUT") req.set(http::field::content_type, "application/json");
  for (const auto& [name, value] : headers) req.set(name, value);
  req.body() = body;
  req.prepare_payload();
  Reply reply;
  for (int attempt = 0; attempt < 2; ++attempt) {
    if (!impl_->stream) impl_->connect();
    beast::error_code ec;
    http::write(*impl_->stream, req, ec);
    http::response_parser<http::string_body> parser;
    parser.body_limit(64 << 20);
    if (!ec) http::read(*impl_->stream, impl_->buffer, parser, ec);
    if (ec) {
      impl_->stream.reset();  // closed by the server: once more on a new connection
      if (attempt == 1) throw std::runtime_error(method + " " + target + ": " + ec.message());
      continue;
    }
    auto& res = parser.get();
    reply.status = static_cast<int>(res.result_int());
    for (const auto& field : res) {
      std::string name(field.name_string());
      for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      auto& slot = reply.headers[name];
      slot += (slot.empty() ? "" : "\n") + std::string(field.value());
    }
    reply.body = std::move(res.body());
    if (!res.keep_alive()) impl_->stream.reset();
    return reply;
  }
  return reply;
}

Reply Client::login(const std::string& user, const std::string& password) {
  nlohmann::json body = {{"username", user}, {"password", password}};
  Reply reply = request("POST", "/api/session", body.dump());
  if (reply.status == 200) {
    const std::string& set_cookie = reply.headers["set-cookie"];
    cookie = set_cookie.substr(0, set_cookie.find(';'));
    csrf_token = reply.json().value("csrf_token", "");
  }
  return reply;
}

ServerProcess::ServerProcess(const std::string& db, const std::vector<std::string>& serve_args,
                             const std::string& log_folder) {
  use_build_cache();
  const fs::path folder = log_folder.empty() ? fs::path(db).parent_path() : fs::path(log_folder);
  access_log_ = (folder / "access.log").string();
  const std::string errors = (folder / "server-stderr.txt").string();
  std::vector<std::string> args = {CHISO_EXE, "--db", db, "serve", "--listen", "127.0.0.1:0",
                                   "--threads", "2", "--access-log", access_log_};
  args.insert(args.end(), serve_args.begin(), serve_args.end());
  std::vector<char*> argv;
  for (std::string& arg : args) argv.push_back(arg.data());
  argv.push_back(nullptr);
  int out[2];
  if (pipe(out) != 0) throw std::runtime_error("pipe");
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, out[1], STDOUT_FILENO);
  posix_spawn_file_actions_addclose(&actions, out[0]);
  posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, errors.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  int spawned = posix_spawn(&pid_, argv[0], &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  close(out[1]);
  if (spawned != 0) throw std::runtime_error("cannot start chiso serve");
  // "chiso serve: http://127.0.0.1:PORT (…)"
  std::string said;
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
  while (said.find('\n') == std::string::npos && std::chrono::steady_clock::now() < deadline) {
    pollfd ready{out[0], POLLIN, 0};
    if (poll(&ready, 1, 100) <= 0) continue;
    char chunk[256];
    ssize_t got = read(out[0], chunk, sizeof chunk);
    if (got <= 0) break;
    said.append(chunk, static_cast<std::size_t>(got));
  }
  close(out[0]);
  auto at = said.find("127.0.0.1:");
  if (at == std::string::npos) {
    stop(SIGKILL);
    throw std::runtime_error("chiso serve did not start: " + said);
  }
  port_ = std::stoi(said.substr(at + 10));
}

ServerProcess::~ServerProcess() {
  if (pid_ > 0) stop(SIGKILL);
}

int ServerProcess::stop(int signal) {
  if (pid_ <= 0) return -1;
  kill(pid_, signal);
  int status = 0;
  waitpid(pid_, &status, 0);
  pid_ = 0;
  if (WIFEXITED(status)) return WEXITSTATUS(status);
  return WIFSIGNALED(status) ? -WTERMSIG(status) : -1;
}

std::string report_json(const std::string& db, const std::string& folder) {
  const std::string path = folder + "/report.json";
  CommandRun written =
      run_chiso("--db " + test::shell_quoted(db) + " report --period 2024-Q4 --format json -o " + path);
  EXPECT_EQ(written.exit_code, 0) << written.output;
  std::ifstream in(path);
  std::stringstream bytes;
  bytes << in.rdbuf();
  return bytes.str();
}

std::string url_encode(const std::string& text) {
  std::string out;
  for (unsigned char c : text) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
      out += static_cast<char>(c);
    } else {
      char escaped[4];
      std::snprintf(escaped, sizeof escaped, "%%%02X", c);
      out += escaped;
    }
  }
  return out;
}

}  // namespace chiso::server_test
