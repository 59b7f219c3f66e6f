// The refusal of a write into a database that a newer chiso migrated after
// this one opened it (SQLite's Transaction, PostgreSQL's PgTransaction):
// servers left running through an upgrade of another, or of the command
// line, stop writing rather than write the old way into the new schema.
#pragma once

#include <string>
#include <string_view>

#include "common/result.h"

namespace chiso::store_detail {

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
