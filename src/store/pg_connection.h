// A small RAII layer over libpq (loaded on first use: pg_libpq.h), for the
// PostgreSQL store and accounts: a connection, the rows of a result, a
// transaction, and COPY in and out. Statements take their parameters as text
// ($1, $2…; nullopt = NULL) and give their columns as text, converted here.
//
// Errors carry the SQLSTATE and PostgreSQL's own message in `message_en`, a
// Vietnamese `message`, and never the password of the conninfo
// (redacted_conninfo). Their kind: a unique key violated (23505) is a
// conflict; a serialization failure, a deadlock, a lock not available or a
// server that cannot be reached is busy; anything else internal.
//
// A connection the server closed while it was idle (the database
// restarted, failed over to a standby, or an administrator ended the
// session) is opened again before the next statement outside a transaction
// (reconnect_if_lost): a long-running `chiso serve` outlives its database's
// restart without anyone restarting it. Never inside a transaction: after a
// new connection its next statements would run outside it, each committed
// alone, so they fail instead until the transaction ends.
//
// Each session, once connected, also asks the database to end what a
// client that vanished leaves behind (start_session): a transaction left
// idle for a minute (its locks, a period's among them, held for every other
// server), and over TCP a silent client in about a minute. Settings the
// database already has for them (postgresql.conf, ALTER ROLE/DATABASE,
// the URI's `options`, PGOPTIONS) win.
//
// Thread-safety: none; a PgConnection is used by one thread at a time (each
// Store has its own).
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "common/result.h"
#include "store/pg_libpq.h"

namespace chiso::pg {

using Params = std::vector<std::optional<std::string>>;

// True for a libpq URI ("postgresql://…", "postgres://…").
bool is_postgresql_uri(std::string_view db);
// The conninfo without its password (URI user:password@, password=…), to
// name the database in messages.
std::string redacted_conninfo(std::string_view conninfo);

// Appends `text` as one field of COPY's text format (backslash, tab,
// newline and carriage return escaped).
void append_copy_text(std::string& out, std::string_view text);

// COPY's binary format (COPY … FROM STDIN (FORMAT binary)): the signature
// and header once at the start of the data, then per row its number of
// fields and each field as its length and bytes in the column type's binary
// form (network byte order), then the trailer. Nothing is escaped; the
// server still checks each text's encoding.
void append_binary_copy_header(std::string& out);
void append_binary_copy_trailer(std::string& out);
void append_binary_row_start(std::string& out, int field_count);
void append_binary_bigint(std::string& out, std::int64_t value);  // a BIGINT column
void append_binary_integer(std::string& out, std::int32_t value);  // an INTEGER column
// A TEXT column. REQUIRES: text.size() < 2^31 (every text from outside is
// far shorter: common/limits.h).
void append_binary_text(std::string& out, std::string_view text);

// Owns a PGresult.
class PgRows {
 public:
  PgRows() = default;
  PgRows(const LibPq* lib, PGresult* result) : lib_(lib), result_(result) {}
  ~PgRows();
  PgRows(PgRows&& other) noexcept;
  PgRows& operator=(PgRows&& other) noexcept;
  PgRows(const PgRows&) = delete;
  PgRows& operator=(const PgRows&) = delete;

  int rows() const;
  int columns() const;
  // Rows and columns are 0-based. REQUIRES: row < rows(), col < columns().
  bool is_null(int row, int col) const;
  std::string_view text(int row, int col) const;  // "" for NULL
  std::int64_t integer(int row, int col) const;   // 0 for NULL or not a number
  double number(int row, int col) const;          // 0 for NULL or not a number
  std::optional<double> optional_number(int row, int col) const;
  // A column's index by name, -1 when there is none.
  int column(const std::string& name) const;
  // Rows an INSERT/UPDATE/DELETE touched.
  std::int64_t affected() const;

 private:
  const LibPq* lib_ = nullptr;
  PGresult* result_ = nullptr;
};

class PgConnection {
 public:
  // Connects (the PG* environment variables fill what `conninfo` leaves
  // out; unless they are given: a connect timeout of 10 s, the application
  // name "chiso", TCP keepalives and a user timeout that give up a vanished
  // server in about a minute), in UTF-8.
  static Result<std::unique_ptr<PgConnection>> open(const std::string& conninfo);
  ~PgConnection();
  PgConnection(const PgConnection&) = delete;
  PgConnection& operator=(const PgConnection&) = delete;

  // Statements without parameters or rows wanted (may hold several).
  Result<void> exec(const std::string& sql);
  Result<PgRows> query(const std::string& sql, const Params& params = {});
  // Prepared once per connection under `name`, then executed.
  Result<PgRows> prepared(const std::string& name, const std::string& sql, const Params& params);
  // COPY … FROM STDIN in text format, all of `data` at once.
  Result<void> copy_in(const std::string& copy_sql, std::string_view data);
  // The same in pieces: copy_begin, copy_put as often as needed, copy_end.
  // An error in between leaves the COPY to be ended by copy_end (which
  // then fails it) or by the transaction's rollback.
  Result<void> copy_begin(const std::string& copy_sql);
  Result<void> copy_put(std::string_view data);
  Result<void> copy_end();
  // COPY … TO STDOUT in text format.
  Result<std::string> copy_out(const std::string& copy_sql);

  // Asks the kernel for a send buffer of `bytes` on the connection's socket
  // when it is a Unix-domain one (a server on the same machine; as much as
  // the kernel allows: net.core.wmem_max caps it), so that a long COPY keeps
  // that much on its way while the sender prepares the next piece.
  void widen_send_buffer(int bytes);

  // Outside a transaction: when the server has closed the connection since
  // its last statement, connects again with the same parameters (libpq's
  // PQreset) and forgets the statements prepared on the old one. Nothing
  // when the connection is open or a transaction is (see above). Busy error
  // when the server cannot be reached again; the next call tries anew.
  // Every statement below calls it first.
  Result<void> reconnect_if_lost();
  // How many times reconnect_if_lost connected again.
  int reconnections() const { return reconnections_; }

  // From now on every PgTransaction begins by taking chiso's migration lock
  // in share mode (a migration, which takes it alone, waits for the
  // transactions in flight and they for it) and reading the schema's
  // version, a prepared statement after its BEGIN (sent with the BEGIN as
  // one text it is parsed and planned every time, which cost the database
  // more than the second round trip does, in an A/B of bench/pg.sh's save
  // run); a version newer than `latest_version`
  // (another chiso, newer, migrated the database after this one opened it)
  // is refused, busy, the transaction rolled back (store/schema_guard.h).
  void guard_schema(int latest_version) { schema_guard_ = latest_version; }

  // The SQLSTATE of the last statement that failed ("" when none did).
  const std::string& last_sqlstate() const { return last_sqlstate_; }
  // The conninfo without its password.
  const std::string& name() const { return name_; }
  PGconn* raw() { return conn_; }
  const LibPq& lib() const { return *lib_; }

 private:
  PgConnection(const LibPq* lib, PGconn* conn, std::string name) : lib_(lib), conn_(conn), name_(std::move(name)) {}
  // The rows of `result`, or its error; takes ownership.
  Result<PgRows> take(PGresult* result, std::string_view what);
  Error connection_error(std::string_view what);
  // What every new session needs (after open and after PQreset): UTF-8,
  // and the settings for a vanished client (above).
  Result<void> start_session();
  // PgTransaction's BEGIN (`begin`: the statement) with the schema guard.
  Result<void> begin_guarded(const std::string& begin);
  // True when the server closed the idle connection: what it sent since
  // (its last words, then the end of the stream) is read without waiting.
  bool closed_by_server();
  // libpq's notice receiver: notes the server's FATAL message that ends the
  // session (the notices themselves are not shown).
  static void receive_notice(void* connection, const PGresult* notice);

  friend class PgTransaction;  // sets in_transaction_

  const LibPq* lib_;
  PGconn* conn_;
  std::string name_;
  std::unordered_set<std::string> prepared_names_;
  std::string last_sqlstate_;
  bool in_transaction_ = false;  // a PgTransaction's BEGIN succeeded and it has not ended
  int reconnections_ = 0;
  int schema_guard_ = 0;  // guard_schema
  bool ended_by_server_ = false;  // the server said it ends the session (receive_notice)
};

// BEGIN on construction (with an isolation level, e.g. "SERIALIZABLE", or
// the server's default); ROLLBACK when destroyed unless committed.
class PgTransaction {
 public:
  explicit PgTransaction(PgConnection& connection, std::string_view isolation = "");
  ~PgTransaction();
  PgTransaction(const PgTransaction&) = delete;
  PgTransaction& operator=(const PgTransaction&) = delete;

  // Whether the BEGIN of the constructor succeeded (its error otherwise).
  Result<void> begin();
  // REQUIRES: begin() succeeded. On error the transaction is rolled back.
  Result<void> commit();
  void rollback();
  bool active() const { return active_; }

 private:
  PgConnection& connection_;
  Result<void> begun_;
  bool active_ = false;
};

}  // namespace chiso::pg
