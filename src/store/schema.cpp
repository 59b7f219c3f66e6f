#include "store/schema.h"

#include <array>
#include <string>

namespace chiso::store_detail {
namespace {

// Append only: never edit a migration that has shipped.
constexpr std::array<const char*, 1> migrations = {
    // 1: the first schema.
    R"sql(
CREATE TABLE plan (
  id              INTEGER PRIMARY KEY,
  plan_key        TEXT NOT NULL,
  sha256          TEXT NOT NULL UNIQUE,
  indicator_codes TEXT NOT NULL,
  source_text     TEXT NOT NULL
);
CREATE TABLE period (
  id       INTEGER PRIMARY KEY,
  name     TEXT NOT NULL UNIQUE,
  sort_key TEXT NOT NULL
);
CREATE INDEX period_by_sort_key ON period (sort_key, name);
CREATE TABLE unit (
  id   INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  kind TEXT NOT NULL DEFAULT ''
);
CREATE TABLE submission (
  id                INTEGER PRIMARY KEY,
  period_id         INTEGER NOT NULL REFERENCES period (id),
  version           INTEGER NOT NULL,
  plan_id           INTEGER NOT NULL REFERENCES plan (id),
  source_file       TEXT NOT NULL,
  source_sha256     TEXT NOT NULL,
  source_size_bytes INTEGER NOT NULL,
  imported_at_utc   TEXT NOT NULL,
  is_current        INTEGER NOT NULL CHECK (is_current IN (0, 1)),
  unit_count        INTEGER NOT NULL DEFAULT 0,
  error_count       INTEGER NOT NULL DEFAULT 0,
  warning_count     INTEGER NOT NULL DEFAULT 0,
  UNIQUE (period_id, version)
);
CREATE UNIQUE INDEX submission_current ON submission (period_id) WHERE is_current = 1;
CREATE TABLE row_block (
  submission_id INTEGER NOT NULL REFERENCES submission (id),
  first_row_idx INTEGER NOT NULL,
  row_count     INTEGER NOT NULL CHECK (row_count > 0),
  texts         TEXT NOT NULL,
  rows          BLOB NOT NULL,
  PRIMARY KEY (submission_id, first_row_idx)
);
CREATE TABLE finding (
  id            INTEGER PRIMARY KEY,
  submission_id INTEGER NOT NULL REFERENCES submission (id),
  severity      TEXT NOT NULL CHECK (severity IN ('info', 'warning', 'error')),
  rule_id       TEXT NOT NULL,
  unit          TEXT NOT NULL,
  row_number    INTEGER NOT NULL,
  indicator     TEXT NOT NULL,
  message_vi    TEXT NOT NULL,
  message_en    TEXT NOT NULL,
  raw           TEXT NOT NULL,
  expected      TEXT NOT NULL,
  hint_vi       TEXT NOT NULL,
  hint_en       TEXT NOT NULL,
  file          TEXT NOT NULL,
  table_idx     INTEGER NOT NULL,
  row_idx       INTEGER NOT NULL,
  col_idx       INTEGER NOT NULL,
  period        TEXT NOT NULL
);
CREATE INDEX finding_by_submission ON finding (submission_id);
CREATE TABLE summary (
  submission_id   INTEGER NOT NULL REFERENCES submission (id),
  indicator       TEXT NOT NULL,
  value           REAL,
  units_reporting INTEGER NOT NULL,
  yes_count       INTEGER NOT NULL,
  no_count        INTEGER NOT NULL,
  blank_count     INTEGER NOT NULL,
  PRIMARY KEY (submission_id, indicator)
);
)sql",
};

Result<int> read_int_pragma(Connection& connection, const char* sql) {
  auto statement = Statement::prepare(connection.get(), sql);
  if (!statement) return statement.error();
  auto stepped = statement->step();
  if (!stepped) return stepped.error();
  int value = *stepped ? static_cast<int>(statement->column_int(0)) : 0;
  statement->reset();
  return value;
}

Error newer_error(const std::string& path, int version) {
  return make_error("Cơ sở dữ liệu " + path + " có lược đồ phiên bản " + std::to_string(version) +
                    ", mới hơn phiên bản chương trình này hiểu (" +
                    std::to_string(schema_version_latest()) +
                    "): hãy cập nhật chiso. — Database " + path + " has schema version " +
                    std::to_string(version) + ", newer than this program understands (" +
                    std::to_string(schema_version_latest()) + "): update chiso.");
}

}  // namespace

int schema_version_latest() { return static_cast<int>(migrations.size()); }

Result<void> migrate(const std::shared_ptr<Connection>& connection, const std::string& path) {
  auto version = read_int_pragma(*connection, "PRAGMA user_version");
  if (!version) return version.error();
  if (*version > schema_version_latest()) return newer_error(path, *version);
  if (*version == schema_version_latest()) return {};

  auto transaction = Transaction::begin_immediate(connection, "migrate");
  if (!transaction) return transaction.error();
  if (auto migrated = migrate_in_transaction(*connection, path); !migrated) return migrated.error();
  return transaction->commit();
}

Result<void> migrate_in_transaction(Connection& connection, const std::string& path) {
  // Another process may have migrated while we waited for the lock.
  auto version = read_int_pragma(connection, "PRAGMA user_version");
  if (!version) return version.error();
  if (*version == schema_version_latest()) return {};
  if (*version > schema_version_latest()) return newer_error(path, *version);
  if (*version == 0) {
    auto application_id = read_int_pragma(connection, "PRAGMA application_id");
    if (!application_id) return application_id.error();
    auto table_count = read_int_pragma(connection, "SELECT count(*) FROM sqlite_schema");
    if (!table_count) return table_count.error();
    if ((*application_id != 0 && *application_id != chiso_application_id) || *table_count != 0)
      return make_error("Tệp " + path +
                        " là cơ sở dữ liệu SQLite của chương trình khác, không phải của chiso. — " +
                        "File " + path + " is an SQLite database of another program, not chiso's.");
  }
  for (int next = *version + 1; next <= schema_version_latest(); ++next) {
    std::string what = "migration " + std::to_string(next);
    if (auto ran = connection.exec(migrations[next - 1], what); !ran) return ran.error();
  }
  std::string set_version = "PRAGMA user_version = " + std::to_string(schema_version_latest()) +
                            "; PRAGMA application_id = " + std::to_string(chiso_application_id);
  return connection.exec(set_version, "migrate");
}

}  // namespace chiso::store_detail
