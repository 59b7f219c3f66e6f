// One side of `chiso copy` (store_copy.h): a chiso database read table by
// table in one snapshot, or written table by table in one transaction. One
// implementation per store, with that store's SQL: sqlite_copy.cpp,
// pg_copy.cpp.
//
// Values travel typed as SQLite keeps them (integer, real, text, blob, NULL),
// so that nothing is rounded or re-read on the way: a real is written with
// the shortest digits that read back the same double.
//
// Thread-safety: none; an endpoint is used by one thread.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "common/result.h"

namespace chiso::store_detail {

struct CopyValue {
  enum class Kind { null, integer, real, text, blob };
  Kind kind = Kind::null;
  std::int64_t integer = 0;
  double real = 0;
  std::string bytes;  // text or blob
};
using CopyRow = std::vector<CopyValue>;

// A table as the copy sees it: its columns in order, and the tables its
// foreign keys point at (which are copied before it).
struct CopyTable {
  std::string name;
  std::vector<std::string> columns;
  std::vector<std::string> references;
};

// `name` as an SQL identifier, in double quotes (both stores accept it).
inline std::string quoted_identifier(const std::string& name) {
  std::string quoted = "\"";
  for (char c : name) quoted += c == '"' ? std::string("\"\"") : std::string(1, c);
  return quoted + '"';
}

class CopyEndpoint {
 public:
  virtual ~CopyEndpoint() = default;
  // "SQLite /path/chiso.db", "PostgreSQL postgresql://host/db" (no password).
  virtual const std::string& name() const = 0;
  // The schema's tables (a store's own bookkeeping, such as PostgreSQL's
  // schema_version, left out), in the order the schema created them.
  virtual Result<std::vector<CopyTable>> tables() = 0;
  virtual Result<std::int64_t> row_count(const std::string& table) = 0;

  // As a source: the snapshot every read below sees.
  virtual Result<void> begin_read() = 0;
  // Calls `each` for every row of `table` (its `columns`, in that order).
  virtual Result<void> read(const std::string& table, const std::vector<std::string>& columns,
                            const std::function<Result<void>(const CopyRow&)>& each) = 0;

  // As a destination: one transaction, from begin_write to commit_write;
  // rolled back when the endpoint goes without commit_write.
  virtual Result<void> begin_write() = 0;
  virtual Result<void> write_begin_table(const std::string& table, const std::vector<std::string>& columns) = 0;
  virtual Result<void> write_row(const CopyRow& row) = 0;
  virtual Result<void> write_end_table() = 0;
  // Sets what gives the next id (PostgreSQL's identity sequences) past the
  // ids copied, then commits.
  virtual Result<void> commit_write() = 0;
};

// Opens an existing chiso database in SQLite at `path` (never creating one)
// as a source; migrates it to the latest schema as every command does.
Result<std::unique_ptr<CopyEndpoint>> open_sqlite_copy_source(const std::string& path);
// Opens (creating the file and its schema when there is none) an SQLite
// database as a destination.
Result<std::unique_ptr<CopyEndpoint>> open_sqlite_copy_destination(const std::string& path);
// The same for a PostgreSQL database (libpq URI or conninfo). A source must
// hold chiso's schema already; a destination gets it when it has none.
Result<std::unique_ptr<CopyEndpoint>> open_pg_copy_source(const std::string& conninfo);
Result<std::unique_ptr<CopyEndpoint>> open_pg_copy_destination(const std::string& conninfo);

}  // namespace chiso::store_detail
