#include "store/sqlite_statement.h"

#include <chrono>
#include <map>
#include <utility>

#include "store/schema_guard.h"

namespace chiso::store_detail {

Error sqlite_error(sqlite3* db, std::string_view what) {
  std::string detail = db != nullptr ? sqlite3_errmsg(db) : "out of memory";
  int primary = db != nullptr ? sqlite3_errcode(db) & 0xff : SQLITE_NOMEM;
  bool busy = primary == SQLITE_BUSY || primary == SQLITE_LOCKED;
  std::string message = "Lỗi cơ sở dữ liệu (";
  message.append(what).append("): ").append(detail);
  std::string message_en = "Database error (";
  message_en.append(what).append("): ").append(detail);
  if (busy) {
    message += " — cơ sở dữ liệu đang bận với một lần ghi khác, hãy thử lại";
    message_en += " — the database is busy with another write; try again";
  }
  return make_error(busy ? ErrorKind::busy : ErrorKind::internal, std::move(message),
                    std::move(message_en));
}

Error write_group_lost(std::string_view what) {
  std::string what_text(what);
  return make_error(ErrorKind::internal,
                    "Lỗi cơ sở dữ liệu (" + what_text +
                        "): giao dịch của nhóm lần ghi đã bị huỷ sau một lỗi; không lần ghi nào của nhóm được lưu",
                    "Database error (" + what_text +
                        "): the group's transaction was rolled back after an error; none of its writes is kept");
}

Connection::~Connection() {
  // Failing here (another connection has the file open) leaves the file in
  // rollback mode until the next open, which sets WAL (open_sqlite_store).
  // A file still without its schema (its first import failed) is left
  // empty: the next open starts it afresh.
  if (wal_pending_ && !schema_pending_) switch_to_wal();
  for (auto& [sql, statements] : idle_) {
    for (sqlite3_stmt* stmt : statements) sqlite3_finalize(stmt);
  }
  sqlite3_close_v2(db_);
}

const std::shared_ptr<std::timed_mutex>& Connection::write_lock() {
  if (write_lock_known_) return write_lock_;
  write_lock_known_ = true;
  const char* file = sqlite3_db_filename(db_, "main");
  if (file == nullptr || *file == '\0') return write_lock_;
  // One lock per file for the whole process, alive while a connection to
  // the file is: SQLite gives the file's full path, the same for every
  // connection opened on it by the same name.
  static std::mutex registry_mutex;
  static std::map<std::string, std::weak_ptr<std::timed_mutex>, std::less<>> registry;
  std::lock_guard guard(registry_mutex);
  std::weak_ptr<std::timed_mutex>& entry = registry[file];
  write_lock_ = entry.lock();
  if (!write_lock_) {
    write_lock_ = std::make_shared<std::timed_mutex>();
    entry = write_lock_;
  }
  return write_lock_;
}

void Connection::give_back(sqlite3_stmt* stmt, std::vector<sqlite3_stmt*>& shelf) {
  if (idle_count_ >= cached_statements_max) {
    sqlite3_finalize(stmt);
    return;
  }
  shelf.push_back(stmt);
  ++idle_count_;
}

void Connection::switch_to_wal() {
  // The switch rewrites only the file's first sector (the format bytes 18-19,
  // the change counter): the page around them is unchanged. So it runs
  // without fsync, which saves three of them (journal, directory, file). Power lost before the new bytes are on the disk leaves the file
  // in rollback mode, as it was; nothing stored is at stake: the data were
  // synced by their own commit.
  sqlite3_exec(db_, "PRAGMA synchronous = OFF; PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL",
               nullptr, nullptr, nullptr);
}

Result<void> Connection::exec(std::string_view sql, std::string_view what) {
  std::string text(sql);
  if (sqlite3_exec(db_, text.c_str(), nullptr, nullptr, nullptr) != SQLITE_OK)
    return sqlite_error(db_, what);
  return {};
}

Result<void> Connection::exec_prepared(std::string_view sql, std::string_view what) {
  auto statement = Statement::cached(*this, sql);
  if (!statement) return sqlite_error(db_, what);
  int rc = SQLITE_ROW;
  while (rc == SQLITE_ROW) rc = sqlite3_step(statement->stmt_);
  // The error read before the reset, which the statement's release does.
  if (rc != SQLITE_DONE) return sqlite_error(db_, what);
  return {};
}

namespace {

// The SQL both stores share (store_sql.h) numbers its parameters the
// PostgreSQL way, $1, $2…; SQLite reads "$1" as a parameter NAMED "$1" and
// numbers parameters by their first appearance, so "SET state = $2 WHERE id
// = $1" would bind the id to state. "?N" is SQLite's numbered parameter:
// every $N outside quotes becomes ?N.
std::string numbered_parameters(std::string_view sql) {
  std::string out(sql);
  char quote = 0;
  for (std::size_t at = 0; at < out.size(); ++at) {
    char c = out[at];
    if (quote != 0) {
      if (c == quote) quote = 0;
    } else if (c == '\'' || c == '"') {
      quote = c;
    } else if (c == '$' && at + 1 < out.size() && out[at + 1] >= '0' && out[at + 1] <= '9') {
      out[at] = '?';
    }
  }
  return out;
}

}  // namespace

Result<Statement> Statement::prepare(sqlite3* db, std::string_view sql_text) {
  sqlite3_stmt* stmt = nullptr;
  const bool has_dollar = sql_text.find('$') != std::string_view::npos;
  const std::string rewritten = has_dollar ? numbered_parameters(sql_text) : std::string();
  std::string_view sql = has_dollar ? std::string_view(rewritten) : sql_text;
  int rc = sqlite3_prepare_v3(db, sql.data(), static_cast<int>(sql.size()),
                              SQLITE_PREPARE_PERSISTENT, &stmt, nullptr);
  if (rc != SQLITE_OK) return sqlite_error(db, "prepare");
  return Statement(stmt, nullptr, nullptr);
}

Result<Statement> Statement::cached(Connection& connection, std::string_view sql_text) {
  // Looked up by the text as written: its $N are read as ?N only when it is
  // compiled (prepare), and the statement goes back to the shelf found here
  // without a second look-up.
  auto found = connection.idle_.find(sql_text);
  if (found != connection.idle_.end() && !found->second.empty()) {
    sqlite3_stmt* idle = found->second.back();
    found->second.pop_back();
    --connection.idle_count_;
    return Statement(idle, &connection, &found->second);
  }
  auto prepared = prepare(connection.get(), sql_text);
  if (!prepared) return prepared.error();
  if (found == connection.idle_.end() && connection.idle_.size() < Connection::cached_texts_max)
    found = connection.idle_.emplace(std::string(sql_text), std::vector<sqlite3_stmt*>()).first;
  if (found != connection.idle_.end()) {  // else a text too many: finalized after use
    prepared->home_ = &connection;
    prepared->shelf_ = &found->second;
  }
  return prepared;
}

Statement::~Statement() { release(); }

void Statement::release() {
  if (stmt_ == nullptr) return;
  if (home_ == nullptr) {
    sqlite3_finalize(stmt_);
  } else {
    // Reset ends a read the statement may still hold open (a SELECT stepped
    // once), as finalizing would.
    sqlite3_reset(stmt_);
    sqlite3_clear_bindings(stmt_);
    home_->give_back(stmt_, *shelf_);
  }
  stmt_ = nullptr;
}

Statement::Statement(Statement&& other) noexcept
    : stmt_(std::exchange(other.stmt_, nullptr)),
      home_(std::exchange(other.home_, nullptr)),
      shelf_(std::exchange(other.shelf_, nullptr)) {}

Statement& Statement::operator=(Statement&& other) noexcept {
  if (this != &other) {
    release();
    stmt_ = std::exchange(other.stmt_, nullptr);
    home_ = std::exchange(other.home_, nullptr);
    shelf_ = std::exchange(other.shelf_, nullptr);
  }
  return *this;
}

void Statement::bind_int(int param_idx, std::int64_t value) {
  sqlite3_bind_int64(stmt_, param_idx, value);
}
void Statement::bind_double(int param_idx, double value) {
  sqlite3_bind_double(stmt_, param_idx, value);
}
void Statement::bind_optional_double(int param_idx, std::optional<double> value) {
  if (value) bind_double(param_idx, *value);
  else bind_null(param_idx);
}
void Statement::bind_text(int param_idx, std::string_view text) {
  // An empty view may have no data pointer, which SQLite would bind as NULL.
  sqlite3_bind_text64(stmt_, param_idx, text.data() != nullptr ? text.data() : "", text.size(),
                      SQLITE_STATIC, SQLITE_UTF8);
}
void Statement::bind_blob(int param_idx, std::string_view bytes) {
  sqlite3_bind_blob64(stmt_, param_idx, bytes.data() != nullptr ? bytes.data() : "", bytes.size(),
                      SQLITE_STATIC);
}
void Statement::bind_null(int param_idx) { sqlite3_bind_null(stmt_, param_idx); }

Result<bool> Statement::step() {
  int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  Error error = sqlite_error(sqlite3_db_handle(stmt_), "step");
  reset();
  return error;
}

Result<void> Statement::run() {
  for (;;) {
    auto stepped = step();
    if (!stepped) return stepped.error();
    if (!*stepped) break;
  }
  reset();
  return {};
}

void Statement::reset() {
  sqlite3_reset(stmt_);
  sqlite3_clear_bindings(stmt_);
}

std::int64_t Statement::column_int(int col_idx) const { return sqlite3_column_int64(stmt_, col_idx); }
double Statement::column_double(int col_idx) const { return sqlite3_column_double(stmt_, col_idx); }
bool Statement::column_is_null(int col_idx) const {
  return sqlite3_column_type(stmt_, col_idx) == SQLITE_NULL;
}
int Statement::column_count() const { return sqlite3_column_count(stmt_); }
int Statement::column_type(int col_idx) const { return sqlite3_column_type(stmt_, col_idx); }
std::string_view Statement::column_text(int col_idx) const {
  const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(stmt_, col_idx));
  int size = sqlite3_column_bytes(stmt_, col_idx);
  return text != nullptr ? std::string_view(text, static_cast<std::size_t>(size)) : std::string_view();
}
std::string_view Statement::column_blob(int col_idx) const {
  const auto* blob = static_cast<const char*>(sqlite3_column_blob(stmt_, col_idx));
  int size = sqlite3_column_bytes(stmt_, col_idx);
  return blob != nullptr ? std::string_view(blob, static_cast<std::size_t>(size)) : std::string_view();
}

Result<Transaction> Transaction::begin_immediate(std::shared_ptr<Connection> connection, std::string_view what,
                                                 Wait wait) {
  Transaction transaction;
  if (connection->in_write_group()) {
    if (sqlite3_get_autocommit(connection->get()) != 0) return write_group_lost(what);
    if (auto begun = connection->exec_prepared("SAVEPOINT chiso_write", what); !begun) return begun.error();
    transaction.connection_ = std::move(connection);
    transaction.what_ = what;
    transaction.savepoint_ = true;
    return transaction;
  }
  // Inside a transaction of its own the connection's BEGIN fails as it
  // would have (the lock is not taken twice by the thread that holds it).
  const auto& lock = connection->write_lock();
  if (lock && sqlite3_get_autocommit(connection->get()) != 0) {
    transaction.writing_ = std::unique_lock(*lock, std::defer_lock);
    if (!transaction.writing_.try_lock_for(std::chrono::milliseconds(wait == Wait::none ? 0 : busy_timeout_ms))) {
      std::string what_text(what);
      return make_error(ErrorKind::busy,
                        "Lỗi cơ sở dữ liệu (" + what_text +
                            "): cơ sở dữ liệu đang bận với một lần ghi khác, hãy thử lại",
                        "Database error (" + what_text + "): the database is busy with another write; try again");
    }
  }
  if (wait == Wait::none) sqlite3_busy_timeout(connection->get(), 0);
  auto begun = connection->exec_prepared("BEGIN IMMEDIATE", what);
  if (wait == Wait::none) sqlite3_busy_timeout(connection->get(), busy_timeout_ms);
  if (!begun) return begun.error();
  transaction.connection_ = connection;
  transaction.what_ = what;
  if (const int latest = connection->schema_guard(); latest > 0) {
    auto version = Statement::cached(*connection, "PRAGMA user_version");
    if (!version) return version.error();
    auto stepped = version->step();
    if (!stepped) return stepped.error();
    const int found = *stepped ? static_cast<int>(version->column_int(0)) : 0;
    if (found > latest) return newer_schema_than_opened(connection->schema_guard_path(), found, latest);
  }
  return transaction;
}

Transaction::~Transaction() { rollback(); }

Transaction::Transaction(Transaction&& other) noexcept
    : connection_(std::move(other.connection_)),
      what_(std::move(other.what_)),
      writing_(std::move(other.writing_)),
      savepoint_(other.savepoint_) {
  other.connection_.reset();
}

Transaction& Transaction::operator=(Transaction&& other) noexcept {
  if (this != &other) {
    rollback();
    connection_ = std::move(other.connection_);
    other.connection_.reset();
    what_ = std::move(other.what_);
    writing_ = std::move(other.writing_);
    savepoint_ = other.savepoint_;
  }
  return *this;
}

Result<void> Transaction::commit() {
  if (savepoint_ && sqlite3_get_autocommit(connection_->get()) != 0) {
    // SQLite rolled the group's transaction back on an error of this write.
    Error error = write_group_lost(what_);
    connection_.reset();
    return error;
  }
  auto committed = connection_->exec_prepared(savepoint_ ? "RELEASE chiso_write" : "COMMIT", what_);
  if (!committed) {
    rollback();
    return committed.error();
  }
  connection_.reset();
  if (writing_.owns_lock()) writing_.unlock();
  return {};
}

void Transaction::rollback() {
  if (connection_) {
    // Only roll back a transaction still open (SQLite may have rolled it
    // back itself after some errors).
    if (!sqlite3_get_autocommit(connection_->get()))
      sqlite3_exec(connection_->get(), savepoint_ ? "ROLLBACK TO chiso_write; RELEASE chiso_write" : "ROLLBACK",
                   nullptr, nullptr, nullptr);
    connection_.reset();
  }
  if (writing_.owns_lock()) writing_.unlock();
}

}  // namespace chiso::store_detail
