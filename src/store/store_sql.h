// The SQL both stores run as it is: SQLite and PostgreSQL accept the same
// text, with parameters written $1, $2… (the SQLite store's
// Statement::prepare reads them as ?1, ?2…).
// What only one of them accepts stays in its own files (sqlite_*.cpp,
// pg_*.cpp).
#pragma once

namespace chiso::store_detail::sql {

inline constexpr const char* find_period = "SELECT id, state FROM period WHERE name = $1";

// A period's figures are the sums of its rows in period_tally (the view
// period_total; schema.cpp, migration 8).
inline constexpr const char* periods =
    "SELECT period, state, deadline, unit_count, submission_count, last_change_utc, last_source, error_count, "
    "warning_count FROM period_total ORDER BY period_order, period";
// periods()'s columns, then the change count, of one period: its name,
// state and deadline with each of its rows of period_tally (one row of NULLs
// when it has none), in the order of their shards, for add_tally_row. Read
// at every request for a period's table; the view's grouping and its search
// for the last source cost SQLite more than this.
inline constexpr const char* period_by_name =
    "SELECT p.name, p.state, p.deadline, t.unit_count, t.submission_count, t.last_change_utc, t.last_source, "
    "t.error_count, t.warning_count, t.change_count FROM period p LEFT JOIN period_tally t ON t.period_id = p.id "
    "WHERE p.name = $1 ORDER BY t.shard";

// load_period: the current versions' rows, then their findings and those of
// the imports they came from that are tied to no row.
inline constexpr const char* period_rows =
    "SELECT s.id, u.name, u.registered, s.row_number, s.raw_name, s.table_idx, s.row_idx, s.col_idx, s.cells, "
    "s.positions, src.file_name, src.kind FROM unit_submission s JOIN unit u ON u.id = s.unit_id "
    "JOIN source src ON src.id = s.source_id "
    "WHERE s.period_id = $1 AND s.is_current = 1 AND s.state <> 'withdrawn' ORDER BY s.id";
inline constexpr const char* period_findings =
    "SELECT f.severity, f.rule_id, f.unit, f.row_number, f.indicator, f.message_vi, f.message_en, f.raw, "
    "f.expected, f.hint_vi, f.hint_en, f.file, f.table_idx, f.row_idx, f.col_idx, f.period "
    "FROM finding f WHERE f.unit_submission_id IN (SELECT id FROM unit_submission "
    "WHERE period_id = $1 AND is_current = 1 AND state <> 'withdrawn') "
    "OR (f.unit_submission_id IS NULL AND f.period = $2 AND f.source_id IN (SELECT source_id FROM "
    "unit_submission WHERE period_id = $1 AND is_current = 1 AND state <> 'withdrawn')) "
    "ORDER BY f.id";

inline constexpr const char* unit_current =
    "SELECT s.id, u.name, u.registered, s.version, s.state, s.row_number, s.raw_name, s.table_idx, s.row_idx, "
    "s.col_idx, s.cells, s.positions, s.comment, src.author, src.created_at_utc, src.file_name, "
    "src.file_sha256, src.page FROM unit_submission s JOIN unit u ON u.id = s.unit_id "
    "JOIN source src ON src.id = s.source_id WHERE s.period_id = $1 AND u.name = $2 AND s.is_current = 1";
inline constexpr const char* version_findings =
    "SELECT f.severity, f.rule_id, f.unit, f.row_number, f.indicator, f.message_vi, f.message_en, f.raw, "
    "f.expected, f.hint_vi, f.hint_en, f.file, f.table_idx, f.row_idx, f.col_idx, f.period "
    "FROM finding f WHERE f.unit_submission_id = $1 ORDER BY f.id";

inline constexpr const char* status =
    "SELECT u.name, u.registered, s.version, s.state, src.created_at_utc, src.author, "
    "CASE src.kind WHEN 'file' THEN src.file_name ELSE src.page END, s.error_count, s.warning_count "
    "FROM unit_submission s JOIN unit u ON u.id = s.unit_id JOIN source src ON src.id = s.source_id "
    "WHERE s.period_id = $1 AND s.is_current = 1 ORDER BY s.id";

inline constexpr const char* plans = "SELECT plan_key, indicator_codes FROM plan ORDER BY id";
inline constexpr const char* units =
    "SELECT u.name, u.kind, (SELECT count(*) FROM unit_submission s WHERE s.unit_id = u.id "
    "AND s.is_current = 1 AND s.state <> 'withdrawn') FROM unit u WHERE u.registered = 1 ORDER BY u.id";

// The period's change count: no row when there is no such period.
inline constexpr const char* change_count =
    "SELECT CAST(COALESCE(sum(t.change_count), 0) AS BIGINT) FROM period p "
    "LEFT JOIN period_tally t ON t.period_id = p.id WHERE p.name = $1 GROUP BY p.id";
inline constexpr const char* change_count_by_id =
    "SELECT CAST(COALESCE(sum(change_count), 0) AS BIGINT) FROM period_tally WHERE period_id = $1";

inline constexpr const char* cached_summary =
    "SELECT c.indicator, c.value, c.units_reporting, c.yes_count, c.no_count, c.blank_count "
    "FROM summary_cache c WHERE c.period_id = $1 AND c.plan_sha256 = $2 AND c.change_count = "
    "(SELECT CAST(COALESCE(sum(t.change_count), 0) AS BIGINT) FROM period_tally t WHERE t.period_id = $1)";
// cached_summary's rows of one indicator ($2), every period.
inline constexpr const char* cached_indicator_summaries =
    "SELECT p.period, c.value, c.units_reporting, c.yes_count, c.no_count, c.blank_count "
    "FROM summary_cache c JOIN period_total p ON p.period_id = c.period_id "
    "WHERE c.plan_sha256 = $1 AND c.indicator = $2 AND c.change_count = p.change_count";
inline constexpr const char* delete_summary = "DELETE FROM summary_cache WHERE period_id = $1";
inline constexpr const char* insert_summary =
    "INSERT INTO summary_cache (period_id, plan_sha256, change_count, indicator, value, units_reporting, "
    "yes_count, no_count, blank_count) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)";

// history(): every version of the period (of one unit with $2), then every
// move of a state.
inline constexpr const char* history_versions =
    "SELECT s.id, s.unit_id, u.name, s.version, s.state, s.cells, src.author, src.created_at_utc, "
    "CASE src.kind WHEN 'file' THEN src.file_name ELSE src.page END, s.comment FROM unit_submission s "
    "JOIN unit u ON u.id = s.unit_id JOIN source src ON src.id = s.source_id WHERE s.period_id = $1";
inline constexpr const char* history_events =
    "SELECT u.name, s.version, e.from_state, e.to_state, e.author, e.at_utc, e.comment, e.page "
    "FROM submission_event e JOIN unit_submission s ON s.id = e.unit_submission_id "
    "JOIN unit u ON u.id = s.unit_id WHERE s.period_id = $1";
inline constexpr const char* and_unit_named = " AND u.name = $2";

// The state moves and saves of one unit (sqlite_unit_writes.cpp, pg_unit_writes.cpp).
inline constexpr const char* read_current =
    "SELECT id, version, state, cells, error_count, warning_count FROM unit_submission "
    "WHERE period_id = $1 AND unit_id = $2 AND is_current = 1";
inline constexpr const char* unit_id_by_name = "SELECT id FROM unit WHERE name = $1";
inline constexpr const char* insert_event =
    "INSERT INTO submission_event (unit_submission_id, from_state, to_state, author, at_utc, comment, page, "
    "indicator) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)";
inline constexpr const char* clear_explanations = "DELETE FROM explanation WHERE unit_submission_id = $1";
inline constexpr const char* insert_explanation =
    "INSERT INTO explanation (unit_submission_id, finding_key, text) VALUES ($1, $2, $3)";
// A write's counts added to the period's row of shard $9 (made if missing).
inline constexpr const char* bump_period =
    "INSERT INTO period_tally (period_id, shard, unit_count, error_count, warning_count, submission_count, "
    "change_count, last_change_utc, last_source) VALUES ($1, $9, $2, $3, $4, $5, $6, $7, $8) "
    "ON CONFLICT (period_id, shard) DO UPDATE SET unit_count = period_tally.unit_count + excluded.unit_count, "
    "error_count = period_tally.error_count + excluded.error_count, "
    "warning_count = period_tally.warning_count + excluded.warning_count, "
    "submission_count = period_tally.submission_count + excluded.submission_count, "
    "change_count = period_tally.change_count + excluded.change_count, "
    "last_change_utc = excluded.last_change_utc, last_source = excluded.last_source";
inline constexpr const char* set_version_state = "UPDATE unit_submission SET state = $2 WHERE id = $1";
inline constexpr const char* clear_current = "UPDATE unit_submission SET is_current = 0 WHERE id = $1";
inline constexpr const char* open_period =
    "INSERT INTO period (name, sort_key, deadline) VALUES ($1, $2, $3) "
    "ON CONFLICT (name) DO UPDATE SET deadline = excluded.deadline";
inline constexpr const char* set_period_state = "UPDATE period SET state = $2 WHERE id = $1";
inline constexpr const char* insert_period_event =
    "INSERT INTO period_event (period_id, action, author, at_utc, reason) VALUES ($1, $2, $3, $4, $5)";

// What people say about a row (sqlite_row_notes.cpp, pg_row_notes.cpp).
inline constexpr const char* current_of_named =
    "SELECT s.id, s.state FROM unit_submission s JOIN period p ON p.id = s.period_id "
    "JOIN unit u ON u.id = s.unit_id WHERE p.name = $1 AND u.name = $2 AND s.is_current = 1";
inline constexpr const char* comments =
    "SELECT c.id, c.indicator, c.author, c.role, c.at_utc, c.text FROM row_comment c "
    "JOIN period p ON p.id = c.period_id JOIN unit u ON u.id = c.unit_id "
    "WHERE p.name = $1 AND u.name = $2 ORDER BY c.id";
inline constexpr const char* last_review_event =
    "SELECT e.to_state, e.comment, e.author, e.at_utc, e.indicator, s.version FROM submission_event e "
    "JOIN unit_submission s ON s.id = e.unit_submission_id JOIN period p ON p.id = s.period_id "
    "JOIN unit u ON u.id = s.unit_id WHERE p.name = $1 AND u.name = $2 "
    "AND e.to_state IN ('returned', 'submitted', 'approved') ORDER BY e.id DESC LIMIT 1";
inline constexpr const char* explanations =
    "SELECT finding_key, text FROM explanation WHERE unit_submission_id = $1";

// What an import writes besides its rows.
inline constexpr const char* insert_plan =
    "INSERT INTO plan (plan_key, sha256, indicator_codes, source_text) VALUES ($1, $2, $3, $4) "
    "ON CONFLICT (sha256) DO NOTHING";
inline constexpr const char* plan_id = "SELECT id FROM plan WHERE sha256 = $1";
inline constexpr const char* insert_period =
    "INSERT INTO period (name, sort_key) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING";
inline constexpr const char* period_current_versions =
    "SELECT id, unit_id, version, state, error_count, warning_count, cells FROM unit_submission "
    "WHERE period_id = $1 AND is_current = 1";
// A unit's current version read back by an import that wrote it
// (ImportPeriod::current_of; the columns read_import_current reads).
inline constexpr const char* import_current_of_unit =
    "SELECT id, version, state, error_count, warning_count FROM unit_submission "
    "WHERE period_id = $1 AND unit_id = $2 AND is_current = 1";

}  // namespace chiso::store_detail::sql
