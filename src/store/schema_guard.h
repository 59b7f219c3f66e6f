// The refusal of a write into a database that a newer chiso migrated after
// this one opened it (SQLite's Transaction, PostgreSQL's PgTransaction):
// servers left running through an upgrade of another, or of the command
// line, stop writing rather than write the old way into the new schema.
#pragma once

#include <string>
#include <string_view>

#include "common/result.h"

namespace chiso::store_detail {

// chiso's migration lock on PostgreSQL (the key: "CHSO", as SQLite's
// application_id), side by side: a migration takes it alone (pg_schema.cpp);
// each transaction of a guarded connection (PgConnection::guard_schema) in
// share mode, reading the schema's version, so that each waits for the other.
inline constexpr const char* pg_migration_lock_alone = "SELECT pg_advisory_xact_lock(1128813391)";
inline constexpr const char* pg_migration_lock_shared_and_version =
    "SELECT pg_advisory_xact_lock_shared(1128813391), "
    "(SELECT version FROM schema_version WHERE application = 'chiso')";

// Busy: the request is refused, nothing is written, and a load balancer or
// the form tries again (through an upgraded server).
inline Error newer_schema_than_opened(std::string_view db_name, int found, int latest) {
  const std::string name(db_name), found_text = std::to_string(found), latest_text = std::to_string(latest);
  return make_error(ErrorKind::busy,
                    "Cơ sở dữ liệu " + name + " đã được một chiso mới hơn nâng lên lược đồ " + found_text +
                        " sau khi chiso này mở nó; chiso này chỉ hiểu đến lược đồ " + latest_text +
                        " nên không ghi gì nữa: hãy nâng cấp và khởi động lại nó (docs/deploy.md §6).",
                    "The database " + name + " was migrated to schema " + found_text +
                        " by a newer chiso after this one opened it; this chiso understands schema " + latest_text +
                        " at most and writes nothing more: upgrade and restart it (docs/deploy.md §6).");
}

}  // namespace chiso::store_detail
