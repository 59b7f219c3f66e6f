// Migration 2's step in C++: the rows of schema version 1, kept in binary
// blocks (row_codec.h), become a version per unit (store.h's design). Runs
// inside the migration's transaction, between the SQL that creates the new
// tables and the SQL that drops the old ones (schema.cpp).
//
// Each import of version 1 becomes a source; each of its rows a new version of
// its unit in the period (an unmatched row an unregistered unit named as
// typed); a unit that the import of its period no longer had gets a withdrawn
// version, as version 1 showed it (gone from the period). Findings follow
// their row's version; findings of no row stay with their import. Nothing of
// version 1 is dropped before all of it is converted.
#pragma once

#include "common/result.h"
#include "store/sqlite_statement.h"

namespace chiso::store_detail {

Result<void> convert_v1_rows(Connection& connection);

// Sets every period's counters (unit_count, submission_count, error_count,
// warning_count, change_count, last_change_utc, last_source) from its rows.
Result<void> recount_periods(Connection& connection);

}  // namespace chiso::store_detail
