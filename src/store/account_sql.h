// The small layer each store gives the accounts' flows (account_flows.h):
// a write transaction, a statement run with its rows, and the few things
// the two databases do differently. The SQL itself is written once, in
// account_flows.cpp, in the text both accept (parameters $1, $2…, as in
// store_sql.h); the layers are sqlite_accounts.cpp and pg_accounts.cpp.
// Internal to src/store.
//
// Thread-safety: as the store that made it; one thread at a time.
#pragma once

#include <charconv>
#include <cstdint>
#include <initializer_list>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "common/result.h"

namespace chiso::store_detail {

// A statement's parameter: a number or a text (REQUIRES: the text outlives
// the run).
using SqlParam = std::variant<std::int64_t, std::string_view>;

// The rows a statement gave, every column as text (as the database prints
// it: integers in decimal).
class SqlRows {
 public:
  explicit SqlRows(int columns = 0) : columns_(columns) {}
  int rows() const { return columns_ == 0 ? 0 : static_cast<int>(cells_.size()) / columns_; }
  // Rows and columns are 0-based. REQUIRES: row < rows(), col < the columns.
  std::string_view text(int row, int col) const {
    return cells_[static_cast<std::size_t>(row * columns_ + col)];
  }
  // 0 for NULL or what is not a number.
  std::int64_t integer(int row, int col) const {
    const std::string_view cell = text(row, col);
    std::int64_t value = 0;
    std::from_chars(cell.data(), cell.data() + cell.size(), value);
    return value;
  }
  // The next cell, row by row ("" for NULL).
  void add(std::string_view cell) { cells_.emplace_back(cell); }

 private:
  int columns_;
  std::vector<std::string> cells_;
};

class AccountSql {
 public:
  virtual ~AccountSql() = default;

  // A write transaction, ended by commit() or rollback(); one at a time.
  // A second writer (another connection, another server) waits for it.
  virtual Result<void> begin(std::string_view what) = 0;
  // REQUIRES: begin() succeeded. On error the transaction is rolled back.
  virtual Result<void> commit() = 0;
  // Harmless when none is open.
  virtual void rollback() = 0;

  // Runs `sql` (a constant text, kept prepared by the layer) with its
  // parameters, in the open transaction or on its own, and returns every
  // row it gives (an INSERT, UPDATE or DELETE: those of its RETURNING).
  virtual Result<SqlRows> run(const char* sql, std::initializer_list<SqlParam> params) = 0;

  // What ends a SELECT to lock the rows it reads until the transaction ends
  // (" FOR UPDATE"), or "" where the write transaction holds the whole
  // database already (SQLite's BEGIN IMMEDIATE).
  virtual const char* row_lock() const = 0;

  // The login trail (auth_event) is read a page at a time by id: a page must
  // never be followed by the commit of a smaller id, or the next page, after
  // the last id read, would skip it. Where writers commit one at a time in
  // the order of their ids (SQLite: one writer, the next rowid) that holds
  // by itself, and both calls below only run the statement. Where they do
  // not (PostgreSQL: concurrent transactions of several servers draw ids
  // from a sequence, and the later may commit first), an insert into the
  // trail first takes the trail's lock shared, to the end of its
  // transaction (lock_trail_for_insert), and a page is read in a
  // transaction that first takes it exclusive (read_trail): the read waits
  // for the inserts in flight to end, and every insert after it draws a
  // larger id than any it read. Inserts do not wait for one another.
  //
  // REQUIRES: an open transaction, whose only statements left are the
  // insert into auth_event and the commit (the trail's lock is the last one
  // it takes, so no one waits for it in a cycle).
  virtual Result<void> lock_trail_for_insert() = 0;
  // Runs `sql`, a SELECT of auth_event, as above. Busy when inserts in
  // flight hold the trail longer than the wait allowed.
  virtual Result<SqlRows> read_trail(const char* sql, std::initializer_list<SqlParam> params) = 0;
};

}  // namespace chiso::store_detail
