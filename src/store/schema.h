// The SQLite store's schema and its migrations. The schema version is
// `PRAGMA user_version`; migrations are an ordered list, migration N taking a
// database from version N-1 to N. Opening a database runs the missing ones in
// one BEGIN IMMEDIATE transaction (so two processes opening a new file at once
// migrate it once). The tables are described, with the reasons, in
// docs/storage.md.
#pragma once

#include <memory>

#include "common/result.h"
#include "store/sqlite_statement.h"

namespace chiso::store_detail {

// `PRAGMA application_id` of a chiso database ("CHSO").
inline constexpr int chiso_application_id = 0x4348534f;

// The schema version this program writes.
int schema_version_latest();

// Brings the database to schema_version_latest(). Errors: the database is
// newer than this program (clear message, nothing changed); the file is an
// SQLite database of another program; a migration failed (rolled back).
// REQUIRES: busy timeout already set on the connection.
Result<void> migrate(const std::shared_ptr<Connection>& connection, const std::string& path);
// The same inside a write transaction the caller holds (the first import into
// a new file creates the schema in its own transaction:
// Connection::schema_pending). Rolled back with it.
Result<void> migrate_in_transaction(Connection& connection, const std::string& path);
// The same up to `target_version` only (≤ schema_version_latest()): for the
// tests of a migration, which make a database as an older chiso left it.
Result<void> migrate_in_transaction(Connection& connection, const std::string& path, int target_version);

}  // namespace chiso::store_detail
