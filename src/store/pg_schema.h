// The PostgreSQL store's schema and its migrations: the same tables, columns
// and views as SQLite's (schema.cpp, docs/storage.md), at the same version
// numbers, in PostgreSQL's types (BIGINT identities, DOUBLE PRECISION, TEXT;
// names and sort keys in the "C" collation, so that they sort as SQLite
// sorts them, by bytes). The cells stay TEXT, as the writer wrote them
// (a row is compared with its unit's current version by that text); the
// views read them as jsonb.
//
// The version is the one row of table `schema_version` (application
// 'chiso', version N). Opening runs the missing migrations in one
// transaction under pg_advisory_xact_lock, re-reading the version once it
// holds the lock, so servers opening a new database at once migrate it once.
// A schema that has tables but no `schema_version` is another program's:
// refused, untouched; a version newer than this program: refused, untouched.
#pragma once

#include "common/result.h"
#include "store/pg_connection.h"

namespace chiso::store_detail {

// The number of migrations of the PostgreSQL schema; equal to SQLite's
// schema_version_latest() (tests/store check it).
int pg_schema_version_latest();

// Brings the database (its current schema, search_path's first) to
// pg_schema_version_latest().
Result<void> pg_migrate(pg::PgConnection& connection);
// The same up to `target_version` only (tests of a migration build the
// database as an older chiso left it). REQUIRES: target_version <=
// pg_schema_version_latest().
Result<void> pg_migrate_to(pg::PgConnection& connection, int target_version);

}  // namespace chiso::store_detail
