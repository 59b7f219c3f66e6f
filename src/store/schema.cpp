#include "store/schema.h"

#include "store/migrate_v1.h"

#include <iterator>
#include <string>

namespace chiso::store_detail {
namespace {

// Append only: never edit a migration that has shipped. A migration is SQL
// run before and after an optional step in C++ (the data a step converts is
// not expressible in SQL: migration 2 decodes the row blocks of version 1).
struct Migration {
  const char* sql_before;
  Result<void> (*convert)(Connection& connection);
  const char* sql_after;
};

// 1: the first schema: one current submission per period, its rows kept in
//    binary blocks (row_codec.h).
constexpr const char* schema_v1 = R"sql(
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
)sql";

// 2: a submission per unit and period (store.h has the design). The imports
//    of version 1 become sources; each of their rows a unit's version; a unit
//    missing from a later import of its period a withdrawn version (as
//    version 1 showed it: gone from the period). Values become JSON cells
//    that the views submission_value and current_value show as plain rows.
constexpr const char* schema_v2_before = R"sql(
ALTER TABLE period ADD COLUMN state TEXT NOT NULL DEFAULT 'open' CHECK (state IN ('open', 'locked'));
ALTER TABLE period ADD COLUMN deadline TEXT NOT NULL DEFAULT '';
ALTER TABLE period ADD COLUMN change_count INTEGER NOT NULL DEFAULT 0;
ALTER TABLE period ADD COLUMN unit_count INTEGER NOT NULL DEFAULT 0;
ALTER TABLE period ADD COLUMN submission_count INTEGER NOT NULL DEFAULT 0;
ALTER TABLE period ADD COLUMN error_count INTEGER NOT NULL DEFAULT 0;
ALTER TABLE period ADD COLUMN warning_count INTEGER NOT NULL DEFAULT 0;
ALTER TABLE period ADD COLUMN last_change_utc TEXT NOT NULL DEFAULT '';
ALTER TABLE period ADD COLUMN last_source TEXT NOT NULL DEFAULT '';
ALTER TABLE unit ADD COLUMN registered INTEGER NOT NULL DEFAULT 1 CHECK (registered IN (0, 1));
CREATE TABLE source (
  id              INTEGER PRIMARY KEY,
  kind            TEXT NOT NULL CHECK (kind IN ('file', 'page')),
  author          TEXT NOT NULL,
  plan_id         INTEGER REFERENCES plan (id),
  file_name       TEXT NOT NULL DEFAULT '',
  file_sha256     TEXT NOT NULL DEFAULT '',
  file_size_bytes INTEGER NOT NULL DEFAULT 0,
  page            TEXT NOT NULL DEFAULT '',
  created_at_utc  TEXT NOT NULL
);
CREATE INDEX source_by_sha256 ON source (file_sha256) WHERE kind = 'file';
CREATE TABLE source_period (
  source_id INTEGER NOT NULL REFERENCES source (id),
  period_id INTEGER NOT NULL REFERENCES period (id),
  PRIMARY KEY (source_id, period_id)
) WITHOUT ROWID;
CREATE TABLE unit_submission (
  id            INTEGER PRIMARY KEY,
  period_id     INTEGER NOT NULL REFERENCES period (id),
  unit_id       INTEGER NOT NULL REFERENCES unit (id),
  version       INTEGER NOT NULL CHECK (version > 0),
  state         TEXT NOT NULL CHECK (state IN ('draft', 'submitted', 'returned', 'approved', 'withdrawn')),
  is_current    INTEGER NOT NULL CHECK (is_current IN (0, 1)),
  source_id     INTEGER NOT NULL REFERENCES source (id),
  row_number    INTEGER NOT NULL DEFAULT 0,
  raw_name      TEXT NOT NULL DEFAULT '',
  table_idx     INTEGER NOT NULL DEFAULT 0,
  row_idx       INTEGER NOT NULL DEFAULT 0,
  col_idx       INTEGER NOT NULL DEFAULT 0,
  comment       TEXT NOT NULL DEFAULT '',
  cells         TEXT NOT NULL DEFAULT '{}',
  positions     TEXT NOT NULL DEFAULT '',
  error_count   INTEGER NOT NULL DEFAULT 0,
  warning_count INTEGER NOT NULL DEFAULT 0
);
CREATE UNIQUE INDEX unit_submission_version ON unit_submission (period_id, unit_id, version);
CREATE TABLE submission_event (
  id                 INTEGER PRIMARY KEY,
  unit_submission_id INTEGER NOT NULL REFERENCES unit_submission (id),
  from_state         TEXT NOT NULL,
  to_state           TEXT NOT NULL,
  author             TEXT NOT NULL,
  at_utc             TEXT NOT NULL,
  comment            TEXT NOT NULL DEFAULT '',
  page               TEXT NOT NULL DEFAULT ''
);
CREATE INDEX submission_event_by_submission ON submission_event (unit_submission_id);
CREATE TABLE period_event (
  id        INTEGER PRIMARY KEY,
  period_id INTEGER NOT NULL REFERENCES period (id),
  action    TEXT NOT NULL CHECK (action IN ('open', 'lock', 'unlock')),
  author    TEXT NOT NULL,
  at_utc    TEXT NOT NULL,
  reason    TEXT NOT NULL DEFAULT ''
);
CREATE TABLE new_finding (
  id                 INTEGER PRIMARY KEY,
  source_id          INTEGER NOT NULL REFERENCES source (id),
  unit_submission_id INTEGER REFERENCES unit_submission (id),
  severity           TEXT NOT NULL CHECK (severity IN ('info', 'warning', 'error')),
  rule_id            TEXT NOT NULL,
  unit               TEXT NOT NULL,
  row_number         INTEGER NOT NULL,
  indicator          TEXT NOT NULL,
  message_vi         TEXT NOT NULL,
  message_en         TEXT NOT NULL,
  raw                TEXT NOT NULL,
  expected           TEXT NOT NULL,
  hint_vi            TEXT NOT NULL,
  hint_en            TEXT NOT NULL,
  file               TEXT NOT NULL,
  table_idx          INTEGER NOT NULL,
  row_idx            INTEGER NOT NULL,
  col_idx            INTEGER NOT NULL,
  period             TEXT NOT NULL
);
CREATE TABLE summary_cache (
  period_id       INTEGER NOT NULL REFERENCES period (id),
  plan_sha256     TEXT NOT NULL,
  change_count    INTEGER NOT NULL,
  indicator       TEXT NOT NULL,
  value           REAL,
  units_reporting INTEGER NOT NULL,
  yes_count       INTEGER NOT NULL,
  no_count        INTEGER NOT NULL,
  blank_count     INTEGER NOT NULL,
  PRIMARY KEY (period_id, indicator)
) WITHOUT ROWID;
)sql";

constexpr const char* schema_v2_after = R"sql(
DROP TABLE summary;
DROP TABLE finding;
DROP TABLE row_block;
DROP TABLE submission;
ALTER TABLE new_finding RENAME TO finding;
CREATE INDEX finding_by_unit_submission ON finding (unit_submission_id) WHERE unit_submission_id IS NOT NULL;
CREATE INDEX finding_by_source ON finding (source_id) WHERE unit_submission_id IS NULL;
CREATE VIEW submission_value AS
SELECT p.name AS period, p.sort_key AS period_order, u.name AS unit, u.registered AS registered_unit,
       s.version, s.state, s.is_current,
       c.key AS indicator,
       json_extract(c.value, '$[0]') AS raw,
       json_extract(c.value, '$[1]') AS value,
       CASE json_type(c.value, '$[1]') WHEN 'true' THEN 'yes' WHEN 'false' THEN 'no'
            WHEN 'null' THEN 'text' ELSE 'number' END AS value_kind,
       src.author, src.created_at_utc AS written_at_utc,
       CASE src.kind WHEN 'file' THEN src.file_name ELSE src.page END AS source
FROM unit_submission s
JOIN period p ON p.id = s.period_id
JOIN unit u ON u.id = s.unit_id
JOIN source src ON src.id = s.source_id, json_each(s.cells) c;
CREATE VIEW current_value AS
SELECT * FROM submission_value WHERE is_current = 1 AND state <> 'withdrawn';
)sql";

// 3: the people who use the server (store/accounts.h): accounts and the
//    units each reports for, sessions (the SHA-256 of each token, never the
//    token), failed logins (the SHA-256 of the name typed, for the limits)
//    and the trail of logins and account changes.
constexpr const char* schema_v3 = R"sql(
CREATE TABLE account (
  id                   INTEGER PRIMARY KEY,
  name                 TEXT NOT NULL,
  name_key             TEXT NOT NULL UNIQUE,
  display_name         TEXT NOT NULL,
  role                 TEXT NOT NULL CHECK (role IN ('administrator', 'coordinator', 'reporter', 'viewer')),
  password_hash        TEXT NOT NULL,
  must_change_password INTEGER NOT NULL DEFAULT 0 CHECK (must_change_password IN (0, 1)),
  disabled             INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1)),
  created_at_utc       TEXT NOT NULL,
  changed_at_utc       TEXT NOT NULL
);
CREATE TABLE account_unit (
  account_id INTEGER NOT NULL REFERENCES account (id),
  unit_order INTEGER NOT NULL,
  unit       TEXT NOT NULL,
  PRIMARY KEY (account_id, unit)
);
CREATE INDEX account_unit_by_unit ON account_unit (unit);
CREATE TABLE account_session (
  id             INTEGER PRIMARY KEY,
  token_sha256   TEXT NOT NULL UNIQUE,
  account_id     INTEGER NOT NULL REFERENCES account (id),
  address        TEXT NOT NULL DEFAULT '',
  created_unix   INTEGER NOT NULL,
  last_seen_unix INTEGER NOT NULL
);
CREATE INDEX account_session_by_account ON account_session (account_id);
CREATE INDEX account_session_by_last_seen ON account_session (last_seen_unix);
CREATE TABLE login_failure (
  id          INTEGER PRIMARY KEY,
  name_sha256 TEXT NOT NULL,
  address     TEXT NOT NULL,
  at_unix     INTEGER NOT NULL
);
CREATE INDEX login_failure_by_name ON login_failure (name_sha256, at_unix);
CREATE INDEX login_failure_by_address ON login_failure (address, at_unix);
CREATE INDEX login_failure_by_time ON login_failure (at_unix);
CREATE TABLE auth_event (
  id      INTEGER PRIMARY KEY,
  at_unix INTEGER NOT NULL,
  at_utc  TEXT NOT NULL,
  account TEXT NOT NULL,
  actor   TEXT NOT NULL,
  action  TEXT NOT NULL CHECK (action IN ('login', 'login_failed', 'login_refused', 'logout', 'password',
                                          'user_add', 'user_change')),
  address TEXT NOT NULL DEFAULT '',
  detail  TEXT NOT NULL DEFAULT ''
);
CREATE INDEX auth_event_by_account ON auth_event (account, id);
)sql";

// 4: what people say about a row on the pages (issue 16 §3): comments left
//    on a value or on the whole row (kept, never edited), the cell a return
//    points at, and the explanations a submitted version gives for its
//    warnings.
constexpr const char* schema_v4 = R"sql(
CREATE TABLE row_comment (
  id        INTEGER PRIMARY KEY,
  period_id INTEGER NOT NULL REFERENCES period (id),
  unit_id   INTEGER NOT NULL REFERENCES unit (id),
  indicator TEXT NOT NULL DEFAULT '',
  author    TEXT NOT NULL,
  role      TEXT NOT NULL,
  at_utc    TEXT NOT NULL,
  text      TEXT NOT NULL
);
CREATE INDEX row_comment_by_row ON row_comment (period_id, unit_id, id);
ALTER TABLE submission_event ADD COLUMN indicator TEXT NOT NULL DEFAULT '';
CREATE TABLE explanation (
  unit_submission_id INTEGER NOT NULL REFERENCES unit_submission (id),
  finding_key        TEXT NOT NULL,
  text               TEXT NOT NULL,
  PRIMARY KEY (unit_submission_id, finding_key)
) WITHOUT ROWID;
)sql";

// 5: nothing in SQLite, whose foreign keys stay as they are. PostgreSQL's
//    migration 5 checks the references of unit_submission once per statement
//    instead of once per row (pg_schema.cpp); both stores keep one numbering.
constexpr const char* schema_v5 = "";
// 6: the current version of (period, unit) found by an index of its own, as
//    PostgreSQL has had since its migration 2. Without it the version index
//    (period_id, unit_id, version) finds the current one by reading every
//    version of the row: each save does, and a row saved as it is typed
//    gains a version per save, so saves slowed down as a period went on. The
//    queries of a period's current rows (its table, the board) read only
//    those through it too. (PostgreSQL's migration 6 makes its reference
//    triggers cheaper: pg_schema.cpp.)
constexpr const char* schema_v6 = R"sql(
CREATE INDEX unit_submission_current ON unit_submission (period_id, unit_id) WHERE is_current = 1;
)sql";

// 7: the checks of a version's state and of a finding's severity written as
//    comparisons joined by OR instead of `IN (…)`: SQLite checks an IN list
//    of more than two values by building a temporary table of them at every
//    row written, a good part of the server's writer's work per save
//    (docs/benchmarks.md, "Server"). The rule is the same, NULL included.
//    SQLite cannot change a table's CHECK in place: both tables are rebuilt
//    by its documented procedure (https://sqlite.org/lang_altertable.html,
//    "Making Other Kinds Of Table Schema Changes"): a new table, the rows
//    copied with their ids, the old one dropped, the new one renamed, its
//    indexes made again; the views that read unit_submission are dropped
//    first and made again as migration 2 made them (a rename checks every
//    view). migrate() runs it with the foreign keys off (a DROP TABLE would
//    otherwise delete the versions that findings, events and explanations
//    name), as the procedure asks; the rows keep their ids, so every
//    reference still holds. (PostgreSQL's migration 7 changes nothing: its
//    IN is a test against an array, with no table: pg_schema.cpp.)
constexpr const char* schema_v7 = R"sql(
DROP VIEW current_value;
DROP VIEW submission_value;
CREATE TABLE new_unit_submission (
  id            INTEGER PRIMARY KEY,
  period_id     INTEGER NOT NULL REFERENCES period (id),
  unit_id       INTEGER NOT NULL REFERENCES unit (id),
  version       INTEGER NOT NULL CHECK (version > 0),
  state         TEXT NOT NULL CHECK (state = 'draft' OR state = 'submitted' OR state = 'returned' OR
                                     state = 'approved' OR state = 'withdrawn'),
  is_current    INTEGER NOT NULL CHECK (is_current IN (0, 1)),
  source_id     INTEGER NOT NULL REFERENCES source (id),
  row_number    INTEGER NOT NULL DEFAULT 0,
  raw_name      TEXT NOT NULL DEFAULT '',
  table_idx     INTEGER NOT NULL DEFAULT 0,
  row_idx       INTEGER NOT NULL DEFAULT 0,
  col_idx       INTEGER NOT NULL DEFAULT 0,
  comment       TEXT NOT NULL DEFAULT '',
  cells         TEXT NOT NULL DEFAULT '{}',
  positions     TEXT NOT NULL DEFAULT '',
  error_count   INTEGER NOT NULL DEFAULT 0,
  warning_count INTEGER NOT NULL DEFAULT 0
);
INSERT INTO new_unit_submission (id, period_id, unit_id, version, state, is_current, source_id, row_number,
                                 raw_name, table_idx, row_idx, col_idx, comment, cells, positions,
                                 error_count, warning_count)
SELECT id, period_id, unit_id, version, state, is_current, source_id, row_number, raw_name, table_idx,
       row_idx, col_idx, comment, cells, positions, error_count, warning_count
FROM unit_submission ORDER BY id;
DROP TABLE unit_submission;
ALTER TABLE new_unit_submission RENAME TO unit_submission;
CREATE UNIQUE INDEX unit_submission_version ON unit_submission (period_id, unit_id, version);
CREATE INDEX unit_submission_current ON unit_submission (period_id, unit_id) WHERE is_current = 1;
CREATE TABLE new_finding (
  id                 INTEGER PRIMARY KEY,
  source_id          INTEGER NOT NULL REFERENCES source (id),
  unit_submission_id INTEGER REFERENCES unit_submission (id),
  severity           TEXT NOT NULL CHECK (severity = 'info' OR severity = 'warning' OR severity = 'error'),
  rule_id            TEXT NOT NULL,
  unit               TEXT NOT NULL,
  row_number         INTEGER NOT NULL,
  indicator          TEXT NOT NULL,
  message_vi         TEXT NOT NULL,
  message_en         TEXT NOT NULL,
  raw                TEXT NOT NULL,
  expected           TEXT NOT NULL,
  hint_vi            TEXT NOT NULL,
  hint_en            TEXT NOT NULL,
  file               TEXT NOT NULL,
  table_idx          INTEGER NOT NULL,
  row_idx            INTEGER NOT NULL,
  col_idx            INTEGER NOT NULL,
  period             TEXT NOT NULL
);
INSERT INTO new_finding (id, source_id, unit_submission_id, severity, rule_id, unit, row_number, indicator,
                         message_vi, message_en, raw, expected, hint_vi, hint_en, file, table_idx, row_idx,
                         col_idx, period)
SELECT id, source_id, unit_submission_id, severity, rule_id, unit, row_number, indicator, message_vi,
       message_en, raw, expected, hint_vi, hint_en, file, table_idx, row_idx, col_idx, period
FROM finding ORDER BY id;
DROP TABLE finding;
ALTER TABLE new_finding RENAME TO finding;
CREATE INDEX finding_by_unit_submission ON finding (unit_submission_id) WHERE unit_submission_id IS NOT NULL;
CREATE INDEX finding_by_source ON finding (source_id) WHERE unit_submission_id IS NULL;
CREATE VIEW submission_value AS
SELECT p.name AS period, p.sort_key AS period_order, u.name AS unit, u.registered AS registered_unit,
       s.version, s.state, s.is_current,
       c.key AS indicator,
       json_extract(c.value, '$[0]') AS raw,
       json_extract(c.value, '$[1]') AS value,
       CASE json_type(c.value, '$[1]') WHEN 'true' THEN 'yes' WHEN 'false' THEN 'no'
            WHEN 'null' THEN 'text' ELSE 'number' END AS value_kind,
       src.author, src.created_at_utc AS written_at_utc,
       CASE src.kind WHEN 'file' THEN src.file_name ELSE src.page END AS source
FROM unit_submission s
JOIN period p ON p.id = s.period_id
JOIN unit u ON u.id = s.unit_id
JOIN source src ON src.id = s.source_id, json_each(s.cells) c;
CREATE VIEW current_value AS
SELECT * FROM submission_value WHERE is_current = 1 AND state <> 'withdrawn';
)sql";

// 8: the period's counters (changes, units, versions, errors, warnings, the
//    last change) move from its row to rows of their own, period_tally, one
//    per (period, shard); a period's figures are the sums of its rows (the
//    view period_total). Through PostgreSQL, saves of units in different
//    shards raise different rows and do not wait for one another's commit
//    (pg_schema.cpp, pg_unit_writes.cpp); SQLite has one writer and keeps
//    every change in shard 0. Both stores keep one schema, so that chiso
//    copy moves the rows as they are. A shard's row holds what the writes
//    counted into it, which may be negative (a unit whose version an import
//    counted in shard 0 and a save replaces in another): only the sums mean
//    anything.
constexpr const char* schema_v8 = R"sql(
CREATE TABLE period_tally (
  period_id        INTEGER NOT NULL REFERENCES period (id),
  shard            INTEGER NOT NULL,
  change_count     INTEGER NOT NULL DEFAULT 0,
  unit_count       INTEGER NOT NULL DEFAULT 0,
  submission_count INTEGER NOT NULL DEFAULT 0,
  error_count      INTEGER NOT NULL DEFAULT 0,
  warning_count    INTEGER NOT NULL DEFAULT 0,
  last_change_utc  TEXT NOT NULL DEFAULT '',
  last_source      TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (period_id, shard)
) WITHOUT ROWID;
INSERT INTO period_tally (period_id, shard, change_count, unit_count, submission_count, error_count, warning_count,
                          last_change_utc, last_source)
SELECT id, 0, change_count, unit_count, submission_count, error_count, warning_count, last_change_utc, last_source
FROM period ORDER BY id;
ALTER TABLE period DROP COLUMN change_count;
ALTER TABLE period DROP COLUMN unit_count;
ALTER TABLE period DROP COLUMN submission_count;
ALTER TABLE period DROP COLUMN error_count;
ALTER TABLE period DROP COLUMN warning_count;
ALTER TABLE period DROP COLUMN last_change_utc;
ALTER TABLE period DROP COLUMN last_source;
CREATE VIEW period_total AS
SELECT p.id AS period_id, p.name AS period, p.sort_key AS period_order, p.state, p.deadline,
       CAST(COALESCE(sum(t.change_count), 0) AS BIGINT) AS change_count,
       CAST(COALESCE(sum(t.unit_count), 0) AS BIGINT) AS unit_count,
       CAST(COALESCE(sum(t.submission_count), 0) AS BIGINT) AS submission_count,
       CAST(COALESCE(sum(t.error_count), 0) AS BIGINT) AS error_count,
       CAST(COALESCE(sum(t.warning_count), 0) AS BIGINT) AS warning_count,
       COALESCE(max(t.last_change_utc), '') AS last_change_utc,
       COALESCE((SELECT l.last_source FROM period_tally l WHERE l.period_id = p.id
                 ORDER BY l.last_change_utc DESC, l.shard LIMIT 1), '') AS last_source
FROM period p LEFT JOIN period_tally t ON t.period_id = p.id
GROUP BY p.id, p.name, p.sort_key, p.state, p.deadline;
)sql";

const Migration migrations[] = {
    {schema_v1, nullptr, ""},
    {schema_v2_before, convert_v1_rows, schema_v2_after},
    {schema_v3, nullptr, ""},
    {schema_v4, nullptr, ""},
    {schema_v5, nullptr, ""},
    {schema_v6, nullptr, ""},
    {schema_v7, nullptr, ""},
    {schema_v8, nullptr, ""},
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

int schema_version_latest() { return static_cast<int>(std::size(migrations)); }

Result<void> migrate(const std::shared_ptr<Connection>& connection, const std::string& path) {
  auto version = read_int_pragma(*connection, "PRAGMA user_version");
  if (!version) return version.error();
  if (*version > schema_version_latest()) return newer_error(path, *version);
  if (*version == schema_version_latest()) return {};

  // Foreign keys off while tables are rebuilt (migration 7), as SQLite's
  // procedure for it asks: the pragma does nothing inside a transaction.
  // Back on whatever happens (sqlite_store.cpp's connections all use them).
  if (auto off = connection->exec("PRAGMA foreign_keys = OFF", "migrate"); !off) return off.error();
  Result<void> migrated = [&]() -> Result<void> {
    auto transaction = Transaction::begin_immediate(connection, "migrate");
    if (!transaction) return transaction.error();
    if (auto done = migrate_in_transaction(*connection, path, schema_version_latest()); !done) return done.error();
    return transaction->commit();
  }();
  if (auto on = connection->exec("PRAGMA foreign_keys = ON", "migrate"); !on && migrated) return on.error();
  return migrated;
}

Result<void> migrate_in_transaction(Connection& connection, const std::string& path) {
  return migrate_in_transaction(connection, path, schema_version_latest());
}

Result<void> migrate_in_transaction(Connection& connection, const std::string& path, int target_version) {
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
  if (*version >= target_version) return {};
  for (int next = *version + 1; next <= target_version; ++next) {
    std::string what = "migration " + std::to_string(next);
    const Migration& migration = migrations[next - 1];
    if (auto ran = connection.exec(migration.sql_before, what); !ran) return ran.error();
    if (migration.convert != nullptr)
      if (auto converted = migration.convert(connection); !converted) return converted.error();
    if (auto ran = connection.exec(migration.sql_after, what); !ran) return ran.error();
  }
  std::string set_version = "PRAGMA user_version = " + std::to_string(target_version) +
                            "; PRAGMA application_id = " + std::to_string(chiso_application_id);
  return connection.exec(set_version, "migrate");
}

}  // namespace chiso::store_detail
