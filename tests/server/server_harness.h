// What the server tests share: a database seeded from the sample (the seed
// appendix imported as 2024-Q4) with one user of each role, the real `chiso
// serve` started on it on a free port, and a small HTTP client that keeps
// its session cookie and CSRF token like a browser's page would. A database
// is a SQLite file or a PostgreSQL database (`db` is then a postgresql://
// URI: common/test_database.h), whichever the test runs on.
#pragma once

#include <sys/types.h>

#include <nlohmann/json.hpp>

#include <map>
#include <string>
#include <vector>

#include "cli/cli_run.h"

namespace chiso::server_test {

inline const std::string kSeed = std::string(CHISO_SOURCE_DIR) + "/samples/000_e41d2a91a7ebffff.txt";
inline constexpr const char* kPeriod = "2024-Q4";
// Two units of the sample and the reporters of each; every password is kPassword.
inline constexpr const char* kUnitA = "Sở Du lịch";        // the sample's row 3
inline constexpr const char* kUnitB = "Sở Công Thương";    // row 4
inline constexpr const char* kPassword = "mat-khau-thu-nghiem";

using cli_test::CommandRun;
// Runs `chiso ARGS` (a shell command line: quote a database's URI with
// test::shell_quoted).
CommandRun run_chiso(const std::string& args);

// A fresh folder under the build tree for the current test.
std::string test_folder();

// Imports the sample as 2024-Q4 into `db` and adds the users admin
// (administrator), coord (coordinator), rep_a (reporter of kUnitA), rep_b
// (reporter of kUnitB) and viewer (viewer).
void seed_database(const std::string& db);

struct Reply {
  int status = 0;
  std::map<std::string, std::string> headers;  // lower-case names; repeated ones joined by "\n"
  std::string body;
  nlohmann::json json() const;  // the body as JSON (discarded when not JSON)
};

// One HTTP/1.1 client connection (keep-alive) to 127.0.0.1:port.
class Client {
 public:
  explicit Client(int port);
  ~Client();
  Client(const Client&) = delete;
  Client& operator=(const Client&) = delete;

  // Sends a request; the session cookie and the CSRF token are sent when
  // known (login() sets them). `headers` are added as given.
  Reply request(const std::string& method, const std::string& target, const std::string& body = "",
                const std::vector<std::pair<std::string, std::string>>& headers = {});
  Reply get(const std::string& target) { return request("GET", target); }
  // POST /api/session; keeps the cookie and token on success.
  Reply login(const std::string& user, const std::string& password = kPassword);

  std::string cookie;  // "chiso_session=…"
  std::string csrf_token;
  bool send_csrf = true;

 private:
  struct Impl;
  Impl* impl_;
};

// `chiso serve` as a child process on a free port.
class ServerProcess {
 public:
  // Starts the server on `db` and waits until it listens. Extra arguments
  // go after `serve`. Its access log and standard error go to `folder`
  // ("" = the folder of the SQLite file `db`).
  ServerProcess(const std::string& db, const std::vector<std::string>& serve_args = {},
                const std::string& folder = "");
  ~ServerProcess();  // SIGKILL if still running
  int port() const { return port_; }
  pid_t pid() const { return pid_; }
  // Sends `signal` and waits for the exit; the exit code, or -signal.
  int stop(int signal);
  const std::string& access_log() const { return access_log_; }

 private:
  pid_t pid_ = 0;
  int port_ = 0;
  std::string access_log_;
};

// What `chiso report --period 2024-Q4 --format json` writes from `db` (into
// a file in `folder`): the table the API must answer.
std::string report_json(const std::string& db, const std::string& folder);

// The percent-encoding of a path segment or query value.
std::string url_encode(const std::string& text);

}  // namespace chiso::server_test
