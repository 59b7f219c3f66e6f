// RAII wrappers over the SQLite C API, for the SQLite store only: a
// connection, a prepared statement and a transaction. Each turns SQLite's
// result codes into Result/Error with the database's own message.
//
// Thread-safety: none; a Connection and its statements are used by one
// thread at a time (the store opens connections with SQLITE_OPEN_NOMUTEX).
#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <unordered_map>
#include <vector>

#include "common/result.h"

namespace chiso::store_detail {

// How long a writer waits for another writer's transaction (an import of the
// 1.2-million-row history takes a few seconds) before giving up.
inline constexpr int busy_timeout_ms = 60'000;
// The log's length (frames, a page each) from which SqliteStore::
// sync_committed has the next write start it again (a RESTART checkpoint),
// and how long that waits for the writer and readers before leaving it to
// the next sync.
inline constexpr int wal_restart_frames = 4'096;
inline constexpr int restart_wait_ms = 50;
// Before that RESTART, which the writer waits for, the sync copies the log
// without stopping anyone again and again (at most restart_passes_max
// times) while each pass finds more than restart_frames_new_max pages
// logged since the last: what RESTART copies while the saves wait is then
// what came during one short pass. Under 200 reporters saving flat out a
// pass of a second's log takes 130-320 ms, and the writer logs about 20
// pages a millisecond.
inline constexpr int restart_passes_max = 4;
inline constexpr int restart_frames_new_max = 512;
// The log's length from which the server's one writer (and its workers:
// SqliteStore::leave_checkpoints_to_sync) checkpoints by itself, a last
// resort when the syncs could not (sqlite_write_group.cpp):
// SQLite's own default, 1,000 pages, made the writer copy and sync the log
// about twice a second while every save waited. It must stay well above
// what the writer logs between two syncs, which start the log again: 200
// reporters saving flat out log 15,000-22,000 pages a second (each group of
// saves rewrites the index pages of its units), and at 16,384 the writer
// copied and synced the log itself about once a second, every save waiting
// for it (docs/benchmarks.md, "Server").
inline constexpr int group_writer_checkpoint_frames = 65'536;

// "Lỗi cơ sở dữ liệu (<what>): <sqlite message> — database error (<what>): …"
Error sqlite_error(sqlite3* db, std::string_view what);

// The error of a write begun or committed in a group of writes whose
// transaction SQLite has rolled back (Transaction, SqliteStore's WriteGroup).
Error write_group_lost(std::string_view what);

class Statement;

// Owns an open sqlite3 handle; closes it when the last owner goes (the Store
// and every live ImportWriter share it, so a writer may outlive its Store).
//
// It also keeps the statements it prepared for Statement::cached, idle
// between calls: a store's calls repeat the same few SQL texts (a save runs
// about ten), and compiling one costs more than running it. At most
// cached_statements_max are kept; the rest are finalized when given back.
class Connection {
 public:
  static constexpr std::size_t cached_statements_max = 64;
  // The SQL texts it keeps shelves for (a store's own texts are far fewer).
  static constexpr std::size_t cached_texts_max = 256;

  explicit Connection(sqlite3* db) : db_(db) {}
  ~Connection();
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  sqlite3* get() const { return db_; }
  // Runs SQL text with no parameters and no rows wanted (may hold several
  // statements). `what` names the step for the error message.
  Result<void> exec(std::string_view sql, std::string_view what);
  // The same for one statement that runs again and again (BEGIN, COMMIT,
  // SAVEPOINT, RELEASE: every write runs two of them), kept prepared
  // (Statement::cached) instead of compiled at every call.
  Result<void> exec_prepared(std::string_view sql, std::string_view what);

  // A new database stays in rollback-journal mode until its first import
  // has ended (open_sqlite_store, SqliteImportWriter::BulkJournal); the
  // switch to WAL still to make is remembered here and made, at the latest,
  // when the connection closes. Whoever makes it clears the flag.
  bool wal_pending() const { return wal_pending_; }
  void set_wal_pending(bool pending) { wal_pending_ = pending; }
  // Puts a database that is in rollback-journal mode (and has no write
  // transaction open) into WAL. It stays in rollback mode when another
  // connection has it open; the next open tries again.
  void switch_to_wal();
  // A new file gets its schema in the transaction of its first import (the
  // import's journal then holds no page: the file was empty), or, when
  // something else comes first, in a transaction of its own
  // (SqliteStore::ensure_schema). Cleared once it is committed.
  bool schema_pending() const { return schema_pending_; }
  void set_schema_pending(bool pending) { schema_pending_ = pending; }

  // The lock every connection of this process to the same database file
  // takes around a write transaction (Transaction); null for a database
  // without a file.
  const std::shared_ptr<std::timed_mutex>& write_lock();

  // Set while a group of writes is open on this connection (SqliteStore's
  // WriteGroup, store.h): a Transaction begun then is a savepoint in the
  // group's transaction.
  bool in_write_group() const { return in_write_group_; }
  void set_in_write_group(bool in_group) { in_write_group_ = in_group; }

  // The newest schema this program understands (schema.h), for Transaction
  // to refuse writing into a file that a newer chiso has migrated since it
  // was opened; 0 = not checked. `path` names the file in the refusal.
  void guard_schema(int latest_version, std::string path) {
    schema_guard_ = latest_version;
    schema_guard_path_ = std::move(path);
  }
  int schema_guard() const { return schema_guard_; }
  const std::string& schema_guard_path() const { return schema_guard_path_; }

 private:
  friend class Statement;
  // SQL text as the store wrote it ($N parameters) → its idle prepared
  // statements (more than one when the same text was in use twice at once):
  // its shelf. Looked up by string_view, once per Statement::cached; a
  // shelf, once made, stays (at most cached_texts_max of them).
  struct TextHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view text) const { return std::hash<std::string_view>{}(text); }
  };
  using IdleStatements = std::unordered_map<std::string, std::vector<sqlite3_stmt*>, TextHash, std::equal_to<>>;

  // REQUIRES: `stmt` is reset, of this connection, prepared from the text
  // of `shelf`.
  void give_back(sqlite3_stmt* stmt, std::vector<sqlite3_stmt*>& shelf);

  sqlite3* db_;
  bool wal_pending_ = false;
  bool schema_pending_ = false;
  IdleStatements idle_;
  std::size_t idle_count_ = 0;
  std::shared_ptr<std::timed_mutex> write_lock_;
  bool write_lock_known_ = false;
  bool in_write_group_ = false;
  int schema_guard_ = 0;
  std::string schema_guard_path_;
};

// A prepared statement, reused: bind → step → reset. Text and blobs are bound
// without copying (SQLITE_STATIC): REQUIRES they outlive the next reset().
class Statement {
 public:
  Statement() = default;
  static Result<Statement> prepare(sqlite3* db, std::string_view sql);
  // The same, from `connection`'s idle statements when it prepared `sql`
  // before: given back to them, reset and unbound, when this Statement goes.
  // For SQL texts that a store runs again and again (not built from data).
  // REQUIRES: `connection` outlives the Statement.
  static Result<Statement> cached(Connection& connection, std::string_view sql);
  ~Statement();
  Statement(Statement&& other) noexcept;
  Statement& operator=(Statement&& other) noexcept;
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;

  // Parameters are 1-based, as in SQLite.
  void bind_int(int param_idx, std::int64_t value);
  void bind_double(int param_idx, double value);
  void bind_optional_double(int param_idx, std::optional<double> value);
  void bind_text(int param_idx, std::string_view text);
  void bind_blob(int param_idx, std::string_view bytes);
  void bind_null(int param_idx);

  // One step. True when a row is ready, false when done; Error on failure
  // (the statement is reset then).
  Result<bool> step();
  // Steps to the end, ignoring rows, then resets. For INSERT/UPDATE/DELETE.
  Result<void> run();
  // Resets the statement and clears its bindings.
  void reset();

  // The columns of the statement's rows (0 for one that gives none).
  int column_count() const;
  // Columns are 0-based, as in SQLite. Valid until the next step/reset.
  std::int64_t column_int(int col_idx) const;
  double column_double(int col_idx) const;
  bool column_is_null(int col_idx) const;
  // SQLITE_INTEGER, SQLITE_FLOAT, SQLITE_TEXT, SQLITE_BLOB or SQLITE_NULL.
  int column_type(int col_idx) const;
  std::string_view column_text(int col_idx) const;
  std::string_view column_blob(int col_idx) const;

 private:
  friend class Connection;
  Statement(sqlite3_stmt* stmt, Connection* home, std::vector<sqlite3_stmt*>* shelf)
      : stmt_(stmt), home_(home), shelf_(shelf) {}
  void release();  // finalizes, or gives back to home_
  sqlite3_stmt* stmt_ = nullptr;
  Connection* home_ = nullptr;                 // set for a cached statement
  std::vector<sqlite3_stmt*>* shelf_ = nullptr;  // its text's in home_ (set with home_)
};

// Steps `select` to the end, calling `each` per row; errors pass through.
template <class Each>
Result<void> for_each_row(Statement& select, Each&& each) {
  for (;;) {
    auto stepped = select.step();
    if (!stepped) return stepped.error();
    if (!*stepped) break;
    if constexpr (std::is_same_v<decltype(each()), Result<void>>) {
      if (auto done = each(); !done) {
        select.reset();
        return done;
      }
    } else {
      each();
    }
  }
  select.reset();
  return {};
}

// BEGIN IMMEDIATE … COMMIT. Taking the write lock at BEGIN (waiting up to the
// busy timeout) means two writers queue instead of failing with "database is
// locked" midway. Destroying it before commit() rolls back.
//
// Inside a group of writes (Connection::in_write_group) it is a SAVEPOINT
// instead: commit() releases it into the group's transaction, which the
// group commits; a rollback undoes this write only. Begun when the group's
// transaction is gone (SQLite rolled it back on an error), it fails rather
// than write outside the group.
//
// A connection with a schema guard (Connection::guard_schema) reads the
// file's schema version once the write lock is held and refuses (busy, the
// transaction rolled back) a version newer than it understands: another
// chiso, newer, migrated the file while this one ran (a server left running
// through an upgrade), and this one's statements would write the old way.
//
// Writers of one process queue first on the file's write_lock(), in turn,
// and only then on SQLite's lock (which other processes may hold): SQLite
// makes a writer that finds the database locked sleep and retry (1, 2, 5,
// 10… ms), so two threads saving at once would otherwise leave the database
// idle while one of them sleeps.
//
// A write that is only a convenience (a reader keeping the figures it
// computed) need not wait at all: Wait::none fails busy at once when another
// holds the write lock, this process's or the file's.
class Transaction {
 public:
  enum class Wait { busy_timeout, none };
  static Result<Transaction> begin_immediate(std::shared_ptr<Connection> connection, std::string_view what,
                                             Wait wait = Wait::busy_timeout);
  Transaction() = default;
  ~Transaction();
  Transaction(Transaction&& other) noexcept;
  Transaction& operator=(Transaction&& other) noexcept;

  bool active() const { return connection_ != nullptr; }
  // REQUIRES: active(). On error the transaction is rolled back.
  Result<void> commit();
  void rollback();

 private:
  std::shared_ptr<Connection> connection_;
  std::string what_;
  std::unique_lock<std::timed_mutex> writing_;  // the process's turn to write
  bool savepoint_ = false;  // a savepoint in a group of writes
};

}  // namespace chiso::store_detail
