// `chiso copy --from A --to B`: a whole chiso database moved from one store
// to another — SQLite to PostgreSQL and back (issue 17 §1), or between two of
// a kind — losing nothing: every period, unit, source, version, finding,
// summary, user, session, login limit, audit entry, comment and explanation.
//
// The copy reads the source in one snapshot and writes the destination in
// one transaction, table after table in the order of their foreign keys,
// with the ids as they are (so every reference holds), then sets what gives
// the next id (PostgreSQL's identity sequences) past them. It refuses a
// destination that holds any row, and counts every table on both sides
// before it commits. A failed copy leaves the destination as it was (a new
// SQLite file it created is removed).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "common/result.h"

namespace chiso {

struct CopiedTable {
  std::string table;
  std::int64_t rows = 0;
};

struct StoreCopy {
  std::string from;  // the databases as messages name them (no password)
  std::string to;
  std::vector<CopiedTable> tables;  // in the order copied
};

// Copies the chiso database `from` into `to`. Either is an SQLite path or a
// PostgreSQL URI (`postgresql://…`, `postgres://…`; the PG* environment
// variables fill what it leaves out), as --db takes them. The source must
// exist (it is migrated to the latest schema, as every command does); the
// destination is created when it is a new SQLite file, given the schema
// when it is an empty PostgreSQL database.
// Errors: not found (no source), conflict (a destination with rows, or the
// source itself), bad input (not a chiso database), internal (the store's
// own failures, naming the table).
Result<StoreCopy> copy_store(const std::string& from, const std::string& to);

}  // namespace chiso
