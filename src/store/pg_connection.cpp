#include "store/pg_connection.h"

#include <charconv>
#include <cstdlib>
#include <cstring>
#include <utility>

#include <poll.h>
#include <sys/socket.h>

#include "store/schema_guard.h"

namespace chiso::pg {
namespace {

constexpr std::size_t copy_chunk_bytes = 1 << 20;

ErrorKind kind_of(std::string_view sqlstate) {
  if (sqlstate == "23505") return ErrorKind::conflict;
  if (sqlstate == "40001" || sqlstate == "40P01" || sqlstate == "55P03" || sqlstate.starts_with("08") ||
      sqlstate.starts_with("57P"))
    return ErrorKind::busy;
  return ErrorKind::internal;
}

std::string trimmed(const char* text) {
  std::string out = text != nullptr ? text : "";
  while (!out.empty() && (out.back() == '\n' || out.back() == ' ')) out.pop_back();
  return out;
}

Error pg_error(std::string_view sqlstate, std::string_view message, std::string_view what) {
  std::string code = sqlstate.empty() ? "?" : std::string(sqlstate);
  return make_error(kind_of(sqlstate),
                    "Lỗi PostgreSQL " + code + " (" + std::string(what) + "): " + std::string(message),
                    "PostgreSQL error " + code + " (" + std::string(what) + "): " + std::string(message));
}

}  // namespace

bool is_postgresql_uri(std::string_view db) {
  return db.starts_with("postgresql://") || db.starts_with("postgres://");
}

std::string redacted_conninfo(std::string_view conninfo) {
  std::string out(conninfo);
  if (is_postgresql_uri(out)) {
    // scheme://user:password@host… → scheme://user@host…
    std::size_t authority = out.find("://") + 3;
    std::size_t end = out.find_first_of("/?", authority);
    std::size_t at = out.rfind('@', end == std::string::npos ? out.size() : end);
    if (at != std::string::npos && at >= authority) {
      std::size_t colon = out.find(':', authority);
      if (colon != std::string::npos && colon < at) out.erase(colon, at - colon);
    }
  }
  // password=… as a URI parameter or a key=value pair.
  for (std::size_t at = out.find("password"); at != std::string::npos; at = out.find("password", at + 1)) {
    std::size_t equals = out.find_first_not_of(' ', at + 8);
    if (equals == std::string::npos || out[equals] != '=') continue;
    std::size_t value = out.find_first_not_of(' ', equals + 1);
    if (value == std::string::npos) break;
    std::size_t end = value;
    if (out[value] == '\'') {
      end = value + 1;
      while (end < out.size() && out[end] != '\'') end += out[end] == '\\' ? 2 : 1;
      end = std::min(out.size(), end + 1);
    } else {
      end = out.find_first_of(" &", value);
      if (end == std::string::npos) end = out.size();
    }
    out.replace(value, end - value, "***");
  }
  return out;
}

void append_copy_text(std::string& out, std::string_view text) {
  // The runs between the bytes to escape go in whole: most texts have none.
  std::size_t run_start = 0;
  for (std::size_t byte_idx = 0; byte_idx < text.size(); ++byte_idx) {
    const char c = text[byte_idx];
    if (c != '\\' && c != '\t' && c != '\n' && c != '\r') continue;
    out.append(text.data() + run_start, byte_idx - run_start);
    out += '\\';
    out += c == '\\' ? '\\' : c == '\t' ? 't' : c == '\n' ? 'n' : 'r';
    run_start = byte_idx + 1;
  }
  out.append(text.data() + run_start, text.size() - run_start);
}

namespace {

// Writes the low `bytes` bytes of `value`, most significant first, at `out`;
// returns the end.
char* put_big_endian(char* out, std::uint64_t value, int bytes) {
  for (int byte_idx = bytes - 1; byte_idx >= 0; --byte_idx) *out++ = static_cast<char>((value >> (8 * byte_idx)) & 0xff);
  return out;
}

// `bytes` bytes of `value`, most significant first, in one append (a
// character at a time cost about five times as much on an import's
// storing thread: every version is 16 fields).
void append_big_endian(std::string& out, std::uint64_t value, int bytes) {
  char buffer[8];
  out.append(buffer, static_cast<std::size_t>(put_big_endian(buffer, value, bytes) - buffer));
}

}  // namespace

void append_binary_copy_header(std::string& out) {
  out.append("PGCOPY\n\xff\r\n\0", 11);
  append_big_endian(out, 0, 4);  // flags: no OIDs
  append_big_endian(out, 0, 4);  // no header extension
}

void append_binary_copy_trailer(std::string& out) { append_big_endian(out, 0xffff, 2); }

void append_binary_row_start(std::string& out, int field_count) {
  append_big_endian(out, static_cast<std::uint16_t>(field_count), 2);
}

void append_binary_bigint(std::string& out, std::int64_t value) {
  char field[12];
  put_big_endian(put_big_endian(field, 8, 4), static_cast<std::uint64_t>(value), 8);
  out.append(field, sizeof field);
}

void append_binary_integer(std::string& out, std::int32_t value) {
  char field[8];
  put_big_endian(put_big_endian(field, 4, 4), static_cast<std::uint32_t>(value), 4);
  out.append(field, sizeof field);
}

void append_binary_text(std::string& out, std::string_view text) {
  append_big_endian(out, static_cast<std::uint32_t>(text.size()), 4);
  out.append(text);
}

PgRows::~PgRows() {
  if (result_ != nullptr) lib_->clear(result_);
}

PgRows::PgRows(PgRows&& other) noexcept : lib_(other.lib_), result_(other.result_) { other.result_ = nullptr; }

PgRows& PgRows::operator=(PgRows&& other) noexcept {
  if (this != &other) {
    if (result_ != nullptr) lib_->clear(result_);
    lib_ = other.lib_;
    result_ = other.result_;
    other.result_ = nullptr;
  }
  return *this;
}

int PgRows::rows() const { return result_ != nullptr ? lib_->ntuples(result_) : 0; }
int PgRows::columns() const { return result_ != nullptr ? lib_->nfields(result_) : 0; }
bool PgRows::is_null(int row, int col) const { return lib_->getisnull(result_, row, col) != 0; }

std::string_view PgRows::text(int row, int col) const {
  return std::string_view(lib_->getvalue(result_, row, col),
                          static_cast<std::size_t>(lib_->getlength(result_, row, col)));
}

std::int64_t PgRows::integer(int row, int col) const {
  std::string_view digits = text(row, col);
  std::int64_t value = 0;
  std::from_chars(digits.data(), digits.data() + digits.size(), value);
  return value;
}

double PgRows::number(int row, int col) const { return optional_number(row, col).value_or(0); }

std::optional<double> PgRows::optional_number(int row, int col) const {
  if (is_null(row, col)) return std::nullopt;
  std::string_view digits = text(row, col);
  double value = 0;
  auto parsed = std::from_chars(digits.data(), digits.data() + digits.size(), value);
  if (parsed.ec != std::errc()) {
    // "Infinity", "-Infinity", "NaN": strtod reads them.
    value = std::strtod(std::string(digits).c_str(), nullptr);
  }
  return value;
}

int PgRows::column(const std::string& name) const {
  return result_ != nullptr ? lib_->fnumber(result_, name.c_str()) : -1;
}

std::int64_t PgRows::affected() const {
  if (result_ == nullptr) return 0;
  const char* count = lib_->cmd_tuples(result_);
  return count != nullptr ? std::atoll(count) : 0;
}

Result<std::unique_ptr<PgConnection>> PgConnection::open(const std::string& conninfo) {
  auto lib = libpq();
  if (!lib) return lib.error();
  std::string name = redacted_conninfo(conninfo);
  std::string full = conninfo;
  // A parameter `conninfo` and the PG* variables leave out, in its syntax.
  auto add_parameter = [&](std::string_view key, std::string_view value) {
    if (is_postgresql_uri(full)) {
      full += full.find('?') == std::string::npos ? '?' : '&';
    } else {
      full += ' ';
    }
    full += key;
    full += '=';
    full += value;
  };
  if (full.find("connect_timeout") == std::string::npos && std::getenv("PGCONNECT_TIMEOUT") == nullptr)
    add_parameter("connect_timeout", "10");
  // A database machine that vanishes without closing its connections (a
  // power cut, a network cut, a failover to another address) is given up in
  // about a minute rather than TCP's quarter of an hour, so that the
  // connection is made again: a connection silent for 30 s, idle or waiting
  // for an answer, is probed every 10 s and ended after 3 probes unanswered;
  // a statement whose bytes stay unacknowledged for 60 s fails. A busy but
  // living server's system answers both. Over TCP only (libpq leaves a Unix
  // socket alone); what the URI gives wins.
  for (const auto& [key, value] : {std::pair{"keepalives_idle", "30"}, std::pair{"keepalives_interval", "10"},
                                   std::pair{"keepalives_count", "3"}, std::pair{"tcp_user_timeout", "60000"}})
    if (full.find(key) == std::string::npos) add_parameter(key, value);
  // Names chiso's sessions in pg_stat_activity; application_name and
  // PGAPPNAME still win.
  if (full.find("application_name") == std::string::npos) add_parameter("fallback_application_name", "chiso");
  PGconn* conn = (*lib)->connectdb(full.c_str());
  if (conn == nullptr)
    return make_error(ErrorKind::internal, "Không đủ bộ nhớ để kết nối PostgreSQL " + name + ".",
                      "Out of memory connecting to PostgreSQL " + name + ".");
  if ((*lib)->status(conn) != CONNECTION_OK) {
    std::string why = trimmed((*lib)->error_message(conn));
    (*lib)->finish(conn);
    return make_error(ErrorKind::busy, "Không kết nối được cơ sở dữ liệu PostgreSQL " + name + ": " + why,
                      "Cannot connect to the PostgreSQL database " + name + ": " + why);
  }
  std::unique_ptr<PgConnection> connection(new PgConnection(*lib, conn, std::move(name)));
  // Kept by PQreset, as the connection's address is.
  (*lib)->set_notice_receiver(conn, &PgConnection::receive_notice, connection.get());
  if (auto started = connection->start_session(); !started) return started.error();
  return connection;
}

Result<void> PgConnection::start_session() {
  if (lib_->set_client_encoding(conn_, "UTF8") != 0) return connection_error("client_encoding");
  // A chiso process never waits inside a transaction for anything but the
  // database: one idle in it for a minute has stopped or vanished (its
  // machine cut off mid-save), and its locks would hold every other
  // server's writes of the period until the database's TCP gave up on it,
  // two hours by default. The database's keepalives and user timeout mirror
  // the connection's (open); client_connection_check_interval has a
  // statement that waits, for a lock say, notice its client gone. Only the
  // settings at their built-in default are set, and only those this
  // server's version has (client_connection_check_interval: 14 and later).
  // No lock is waited for longer than a minute either (lock_timeout, as
  // SQLite's busy timeout): then busy, and the reason said, rather than a
  // command or a server's worker waiting on, unseen, for a session that
  // holds a lock and does not end (pg_store.h).
  // Sent as is: exec would look for a lost connection first, here again.
  constexpr const char* settings =
      "SELECT count(set_config(name, wanted.value, false)) FROM (VALUES "
      "('idle_in_transaction_session_timeout', '60s'), ('lock_timeout', '60s'), ('tcp_keepalives_idle', '30'), "
      "('tcp_keepalives_interval', '10'), ('tcp_keepalives_count', '3'), ('tcp_user_timeout', '60000'), "
      "('client_connection_check_interval', '10s')) AS wanted (name, value) "
      "JOIN pg_settings USING (name) WHERE pg_settings.source = 'default'";
  auto set = take(lib_->exec(conn_, settings), "SELECT set_config");
  if (!set) return set.error();
  return {};
}

void PgConnection::widen_send_buffer(int bytes) {
  const int fd = lib_->socket(conn_);
  int domain = 0;
  socklen_t size = sizeof domain;
  // A TCP socket's buffers grow by themselves (the kernel's autotuning),
  // which setting one would turn off.
  if (fd < 0 || getsockopt(fd, SOL_SOCKET, SO_DOMAIN, &domain, &size) != 0 || domain != AF_UNIX) return;
  (void)setsockopt(fd, SOL_SOCKET, SO_SNDBUF, &bytes, sizeof bytes);
}

PgConnection::~PgConnection() {
  if (conn_ != nullptr) lib_->finish(conn_);
}

void PgConnection::receive_notice(void* connection, const PGresult* notice) {
  auto* self = static_cast<PgConnection*>(connection);
  const char* severity = self->lib_->result_error_field(notice, PG_DIAG_SEVERITY_NONLOCALIZED);
  // An error while no statement runs: the server ends the session (FATAL,
  // e.g. 57P01 at a restart) and closes the connection after it.
  if (severity != nullptr && (std::strcmp(severity, "FATAL") == 0 || std::strcmp(severity, "PANIC") == 0))
    self->ended_by_server_ = true;
}

bool PgConnection::closed_by_server() {
  // A few rounds at most: a server that keeps talking (notices, parameter
  // changes) without ending the session is alive.
  for (int round = 0; round < 4 && !ended_by_server_; ++round) {
    pollfd waiting{.fd = lib_->socket(conn_), .events = POLLIN, .revents = 0};
    if (waiting.fd < 0) return true;
    if (poll(&waiting, 1, 0) <= 0) break;  // nothing (more) came
    // Reads what came; 0 at the end of the stream (the status turns bad).
    if (lib_->consume_input(conn_) == 0) return true;
    // Takes in what was read: the server's last words, a FATAL message,
    // reach receive_notice, which notes them; the end of the stream may
    // not have come yet.
    (void)lib_->is_busy(conn_);
    if (lib_->status(conn_) != CONNECTION_OK) return true;
  }
  return ended_by_server_;
}

Result<void> PgConnection::reconnect_if_lost() {
  if (in_transaction_) return {};
  if (lib_->status(conn_) == CONNECTION_OK &&
      (lib_->transaction_status(conn_) != PQTRANS_IDLE || !closed_by_server()))
    return {};
  // The server's statements prepared on the old connection went with it.
  prepared_names_.clear();
  ended_by_server_ = false;
  lib_->reset(conn_);
  if (lib_->status(conn_) != CONNECTION_OK) {
    last_sqlstate_ = "08001";
    std::string why = trimmed(lib_->error_message(conn_));
    return make_error(ErrorKind::busy,
                      "Mất kết nối tới cơ sở dữ liệu PostgreSQL " + name_ + " và chưa kết nối lại được: " + why,
                      "The connection to the PostgreSQL database " + name_ + " was lost and cannot be made again: " +
                          why);
  }
  ++reconnections_;
  return start_session();
}

Error PgConnection::connection_error(std::string_view what) {
  last_sqlstate_ = "08000";
  return pg_error(last_sqlstate_, trimmed(lib_->error_message(conn_)) + " [" + name_ + "]", what);
}

Result<PgRows> PgConnection::take(PGresult* result, std::string_view what) {
  if (result == nullptr) return connection_error(what);
  PgRows rows(lib_, result);
  ExecStatusType status = lib_->result_status(result);
  if (status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK || status == PGRES_COPY_IN ||
      status == PGRES_COPY_OUT || status == PGRES_EMPTY_QUERY)
    return rows;
  const char* state = lib_->result_error_field(result, PG_DIAG_SQLSTATE);
  last_sqlstate_ = state != nullptr ? state : "";
  if (last_sqlstate_.empty() && lib_->status(conn_) != CONNECTION_OK) last_sqlstate_ = "08006";
  std::string message = trimmed(lib_->result_error_message(result));
  if (message.empty()) message = trimmed(lib_->error_message(conn_));
  return pg_error(last_sqlstate_, message, what);
}

namespace {

// The first words of a statement, to name it in an error.
std::string_view head_of(std::string_view sql) {
  std::size_t start = sql.find_first_not_of(" \n");
  if (start == std::string_view::npos) return sql;
  return sql.substr(start, 60);
}

// libpq's parameter arrays from Params.
struct ParamArrays {
  std::vector<const char*> values;
  explicit ParamArrays(const Params& params) {
    values.reserve(params.size());
    for (const auto& param : params) values.push_back(param ? param->c_str() : nullptr);
  }
};

}  // namespace

Result<void> PgConnection::exec(const std::string& sql) {
  if (auto ready = reconnect_if_lost(); !ready) return ready.error();
  auto rows = take(lib_->exec(conn_, sql.c_str()), head_of(sql));
  if (!rows) return rows.error();
  return {};
}

Result<PgRows> PgConnection::query(const std::string& sql, const Params& params) {
  if (auto ready = reconnect_if_lost(); !ready) return ready.error();
  ParamArrays arrays(params);
  return take(lib_->exec_params(conn_, sql.c_str(), static_cast<int>(params.size()), nullptr, arrays.values.data(),
                                nullptr, nullptr, 0),
              head_of(sql));
}

Result<PgRows> PgConnection::prepared(const std::string& name, const std::string& sql, const Params& params) {
  if (auto ready = reconnect_if_lost(); !ready) return ready.error();
  if (!prepared_names_.contains(name)) {
    auto made = take(lib_->prepare(conn_, name.c_str(), sql.c_str(), static_cast<int>(params.size()), nullptr),
                     head_of(sql));
    if (!made) return made.error();
    prepared_names_.insert(name);
  }
  ParamArrays arrays(params);
  return take(lib_->exec_prepared(conn_, name.c_str(), static_cast<int>(params.size()), arrays.values.data(),
                                  nullptr, nullptr, 0),
              head_of(sql));
}

Result<void> PgConnection::copy_begin(const std::string& copy_sql) {
  if (auto ready = reconnect_if_lost(); !ready) return ready.error();
  auto started = take(lib_->exec(conn_, copy_sql.c_str()), head_of(copy_sql));
  if (!started) return started.error();
  return {};
}

Result<void> PgConnection::copy_put(std::string_view data) {
  while (!data.empty()) {
    std::size_t piece = std::min(data.size(), copy_chunk_bytes);
    if (lib_->put_copy_data(conn_, data.data(), static_cast<int>(piece)) != 1) return connection_error("COPY");
    data.remove_prefix(piece);
  }
  return {};
}

Result<void> PgConnection::copy_end() {
  if (lib_->put_copy_end(conn_, nullptr) != 1) return connection_error("COPY");
  Result<void> outcome;
  // The COPY's result, then nothing more.
  while (PGresult* result = lib_->get_result(conn_)) {
    auto rows = take(result, "COPY");
    if (!rows && outcome.ok()) outcome = rows.error();
  }
  return outcome;
}

Result<void> PgConnection::copy_in(const std::string& copy_sql, std::string_view data) {
  if (auto started = copy_begin(copy_sql); !started) return started;
  if (auto put = copy_put(data); !put) {
    (void)copy_end();
    return put;
  }
  return copy_end();
}

Result<std::string> PgConnection::copy_out(const std::string& copy_sql) {
  if (auto ready = reconnect_if_lost(); !ready) return ready.error();
  auto started = take(lib_->exec(conn_, copy_sql.c_str()), head_of(copy_sql));
  if (!started) return started.error();
  std::string out;
  for (;;) {
    char* buffer = nullptr;
    int got = lib_->get_copy_data(conn_, &buffer, 0);
    if (got > 0) {
      out.append(buffer, static_cast<std::size_t>(got));
      lib_->freemem(buffer);
      continue;
    }
    if (got == -2) return connection_error("COPY");
    break;
  }
  Result<void> outcome;
  while (PGresult* result = lib_->get_result(conn_)) {
    auto rows = take(result, "COPY");
    if (!rows && outcome.ok()) outcome = rows.error();
  }
  if (!outcome) return outcome.error();
  return out;
}

Result<void> PgConnection::begin_guarded(const std::string& begin) {
  if (auto begun = exec(begin); !begun) return begun;
  // Begun: a connection lost from here on is not opened again under the
  // transaction (reconnect_if_lost).
  in_transaction_ = true;
  auto rows = prepared("chiso_schema_guard", store_detail::pg_migration_lock_shared_and_version, {});
  Result<void> begun;
  if (!rows) {
    begun = rows.error();
  } else if (const std::int64_t found = rows->integer(0, 1); found > schema_guard_) {
    begun = store_detail::newer_schema_than_opened(name_, static_cast<int>(found), schema_guard_);
  }
  if (!begun) {
    if (lib_->status(conn_) == CONNECTION_OK && lib_->transaction_status(conn_) != PQTRANS_IDLE)
      (void)take(lib_->exec(conn_, "ROLLBACK"), "ROLLBACK");
    in_transaction_ = false;
  }
  return begun;
}

PgTransaction::PgTransaction(PgConnection& connection, std::string_view isolation) : connection_(connection) {
  const std::string begin = isolation.empty() ? std::string("BEGIN") : "BEGIN ISOLATION LEVEL " + std::string(isolation);
  begun_ = connection.schema_guard_ > 0 ? connection.begin_guarded(begin) : connection.exec(begin);
  active_ = begun_.ok();
  connection_.in_transaction_ = active_;
}

PgTransaction::~PgTransaction() { rollback(); }

Result<void> PgTransaction::begin() { return begun_; }

Result<void> PgTransaction::commit() {
  if (!active_) {
    if (!begun_) return begun_;
    return make_error(ErrorKind::internal, "Giao dịch đã kết thúc.", "The transaction has already ended.");
  }
  active_ = false;
  auto committed = connection_.exec("COMMIT");
  if (!committed) (void)connection_.exec("ROLLBACK");
  connection_.in_transaction_ = false;
  return committed;
}

void PgTransaction::rollback() {
  if (!active_) return;
  active_ = false;
  (void)connection_.exec("ROLLBACK");
  connection_.in_transaction_ = false;
}

}  // namespace chiso::pg
