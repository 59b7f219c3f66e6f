#include "store/sqlite_store.h"

#include <chrono>
#include <thread>

#include <algorithm>
#include <filesystem>
#include <unordered_map>

#include "store/row_codec.h"
#include "store/schema.h"
#include "store/sqlite_import_writer.h"

namespace chiso {

using store_detail::Connection;
using store_detail::SqliteStore;
using store_detail::Statement;

Result<std::unique_ptr<Store>> open_sqlite_store(const std::string& path) {
  // A file that does not exist yet (or is empty) gets its schema in the
  // transaction of its first import (Connection::schema_pending): the
  // file was empty when that transaction began, so its journal holds no
  // page, and one commit (three fsyncs) makes both. A read that comes first
  // creates the schema alone, without fsync: nothing is stored yet (see
  // SqliteStore::ensure_schema). Seed import into a new file: 5.1 → 4.6 ms.
  // A new file also stays in rollback-journal mode until its first import
  // has ended (or the store closes): that import writes every page once,
  // where WAL would write it twice (to the log, then into the file at the
  // checkpoint when the store closes, with a sync of each and the log's
  // deletion). A new file has no readers to keep going and no old pages to
  // journal. Measured on the 10,000-unit period into a new file: the close
  // 10–11 → 0.7 ms, the import (main to exit) ~46 → ~33 ms (docs/storage.md).
  // Before SQLite's first use: no count of the memory it holds (each of its
  // allocations otherwise takes a global mutex; ~5% of a seed import's CPU
  // time in a profile here). Refused, harmlessly, once SQLite is running.
  [[maybe_unused]] static const int configured = sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
  std::error_code size_error;
  const bool fresh = std::filesystem::file_size(path, size_error) == 0 || size_error;
  sqlite3* raw_db = nullptr;
  int rc = sqlite3_open_v2(path.c_str(), &raw_db,
                           SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nullptr);
  auto connection = std::make_shared<Connection>(raw_db);
  if (rc != SQLITE_OK) {
    std::string detail = raw_db != nullptr ? sqlite3_errmsg(raw_db) : "out of memory";
    return make_error("Không mở được cơ sở dữ liệu " + path + ": " + detail + " — cannot open database " +
                      path + ": " + detail);
  }
  sqlite3_busy_timeout(raw_db, store_detail::busy_timeout_ms);
  sqlite3_extended_result_codes(raw_db, 1);

  // Reading the schema is the first touch of the file: a file that is not
  // SQLite fails here, and gets a message saying so.
  if (sqlite3_exec(raw_db, "SELECT count(*) FROM sqlite_schema", nullptr, nullptr, nullptr) != SQLITE_OK) {
    std::string detail = sqlite3_errmsg(raw_db);
    if ((sqlite3_errcode(raw_db) & 0xff) == SQLITE_NOTADB)
      return make_error("Tệp " + path + " không phải cơ sở dữ liệu SQLite (của chiso). — File " + path +
                        " is not an SQLite database (" + detail + ").");
    return make_error("Không đọc được cơ sở dữ liệu " + path + ": " + detail + " — cannot read database " +
                      path + ": " + detail);
  }
  // page_size only takes effect on a new file (before WAL is on). 8 KiB
  // pages: a new file holds a page per table and index, which its first
  // commit writes and syncs (the seed's import: 18 pages), and a row block
  // spans a few pages whatever the size. A/B of 30 against 16 KiB: the seed
  // import 4.22 → 3.96 ms, 10,000 units 22.3 → 21.7 ms, the 1.2-million-row
  // history 1.60 → 1.51 s (3 runs), reading a period back the same.
  // A small page cache (512 KiB) measured faster for an import than a big
  // one: dirty pages are written as they fill, by the writer beside the
  // checking, instead of all at commit (10,000 units into a new file, A/B:
  // 8 MiB 32.9 → 31.3 ms; the 1.2-million-row history the same, ~1.75 s).
  const char* setup =
      fresh ? "PRAGMA synchronous = NORMAL; PRAGMA page_size = 8192; "
              "PRAGMA foreign_keys = ON; PRAGMA cache_size = -512; PRAGMA temp_store = MEMORY;"
            : "PRAGMA page_size = 8192; PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; "
              "PRAGMA foreign_keys = ON; PRAGMA cache_size = -512; PRAGMA temp_store = MEMORY;";
  // Two processes opening a new file at once both try to switch it to WAL;
  // each then holds a lock the other's switch needs, and SQLite answers BUSY
  // at once instead of calling the busy handler. So the switch is retried,
  // within the same busy timeout.
  for (int waited_ms = 0;; waited_ms += 5) {
    int setup_rc = sqlite3_exec(raw_db, setup, nullptr, nullptr, nullptr);
    int primary = setup_rc & 0xff;
    if (setup_rc == SQLITE_OK) break;
    if ((primary != SQLITE_BUSY && primary != SQLITE_LOCKED) ||
        waited_ms >= store_detail::busy_timeout_ms) {
      if (auto set = connection->exec(setup, "open " + path); !set) return set.error();
      break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  if (fresh) {
    connection->set_schema_pending(true);
    connection->set_wal_pending(true);
  } else if (auto migrated = store_detail::migrate(connection, path); !migrated) {
    return migrated.error();
  }
  return std::unique_ptr<Store>(new SqliteStore(std::move(connection), path));
}

namespace store_detail {
namespace {

// Maps the stored layout (codes of the plan at import) to today's plan.
std::vector<int> stored_to_plan_index(const std::vector<std::string>& stored_codes, const Plan& plan) {
  std::unordered_map<std::string_view, int> plan_index;
  for (std::size_t indicator_idx = 0; indicator_idx < plan.indicators.size(); ++indicator_idx)
    plan_index.emplace(plan.indicators[indicator_idx].code, static_cast<int>(indicator_idx));
  std::vector<int> mapping;
  mapping.reserve(stored_codes.size());
  for (const std::string& code : stored_codes) {
    auto found = plan_index.find(code);
    mapping.push_back(found != plan_index.end() ? found->second : -1);
  }
  return mapping;
}

Error damaged(std::string_view period, std::int64_t first_row_idx) {
  return make_error("Dữ liệu kỳ " + std::string(period) + " bị hỏng từ dòng lưu thứ " +
                    std::to_string(first_row_idx + 1) + ". — The stored data of period " +
                    std::string(period) + " is damaged from stored row " +
                    std::to_string(first_row_idx + 1) + ".");
}

}  // namespace

Error period_not_stored(std::string_view period) {
  return make_error("Kỳ báo cáo '" + std::string(period) + "' chưa có trong cơ sở dữ liệu. — Period '" +
                    std::string(period) + "' is not stored.");
}

const char* severity_name(Severity severity) {
  switch (severity) {
    case Severity::info: return "info";
    case Severity::warning: return "warning";
    case Severity::error: return "error";
  }
  return "error";
}

Severity severity_from_name(std::string_view name) {
  if (name == "info") return Severity::info;
  if (name == "warning") return Severity::warning;
  return Severity::error;
}

std::vector<std::string> split_codes(std::string_view joined) {
  std::vector<std::string> codes;
  if (joined.empty()) return codes;
  std::size_t start = 0;
  for (;;) {
    std::size_t end = joined.find('\x1f', start);
    codes.emplace_back(joined.substr(start, end == std::string_view::npos ? joined.size() - start : end - start));
    if (end == std::string_view::npos) break;
    start = end + 1;
  }
  return codes;
}

Result<void> read_rows(sqlite3* db, std::int64_t submission_id, std::string_view what,
                       std::vector<StoredRow>& rows) {
  auto select = Statement::prepare(
      db,
      "SELECT first_row_idx, row_count, texts, rows FROM row_block WHERE submission_id = ?1 "
      "ORDER BY first_row_idx");
  if (!select) return select.error();
  select->bind_int(1, submission_id);
  for (;;) {
    auto stepped = select->step();
    if (!stepped) return stepped.error();
    if (!*stepped) break;
    std::int64_t first_row_idx = select->column_int(0);
    std::int64_t row_count = select->column_int(1);
    if (first_row_idx != static_cast<std::int64_t>(rows.size()) || row_count <= 0 ||
        row_count > static_cast<std::int64_t>(rows_per_block) * 16 ||
        !decode_block(select->column_text(2), select->column_blob(3), static_cast<std::size_t>(row_count),
                      rows))
      return damaged(what, first_row_idx);
  }
  return {};
}

Result<std::unordered_map<std::int64_t, std::string>> unit_names(sqlite3* db) {
  auto select = Statement::prepare(db, "SELECT id, name FROM unit");
  if (!select) return select.error();
  std::unordered_map<std::int64_t, std::string> names;
  for (;;) {
    auto stepped = select->step();
    if (!stepped) return stepped.error();
    if (!*stepped) break;
    names.emplace(select->column_int(0), std::string(select->column_text(1)));
  }
  return names;
}

Result<void> SqliteStore::ensure_schema() {
  if (!connection_->schema_pending()) return {};
  // Nothing stored yet, nothing to lose: created without fsync (see
  // open_sqlite_store).
  if (auto unsynced = connection_->exec("PRAGMA synchronous = OFF", "schema"); !unsynced) return unsynced;
  auto migrated = migrate(connection_, path_);
  if (auto synced = connection_->exec("PRAGMA synchronous = NORMAL", "schema"); !synced) return synced;
  if (!migrated) return migrated.error();
  connection_->set_schema_pending(false);
  // A store that reads first may stay open (a server): WAL now, so that an
  // import by another connection does not hold its reads back.
  connection_->switch_to_wal();
  connection_->set_wal_pending(false);
  return {};
}

Result<std::unique_ptr<ImportWriter>> SqliteStore::begin_import(const Plan& plan, const SourceFile& file) {
  return SqliteImportWriter::begin(connection_, plan, file, path_);
}

Result<std::vector<PeriodInfo>> SqliteStore::periods() {
  if (auto ready = ensure_schema(); !ready) return ready.error();
  auto select = Statement::prepare(
      connection_->get(),
      "SELECT p.name, s.version, s.imported_at_utc, s.source_file, s.unit_count, s.error_count, "
      "s.warning_count FROM period p JOIN submission s ON s.period_id = p.id AND s.is_current = 1 "
      "ORDER BY p.sort_key, p.name");
  if (!select) return select.error();
  std::vector<PeriodInfo> infos;
  for (;;) {
    auto stepped = select->step();
    if (!stepped) return stepped.error();
    if (!*stepped) break;
    PeriodInfo info;
    info.period = select->column_text(0);
    info.submission_version = static_cast<int>(select->column_int(1));
    info.imported_at_utc = select->column_text(2);
    info.source_file = select->column_text(3);
    info.unit_count = static_cast<int>(select->column_int(4));
    info.error_count = static_cast<int>(select->column_int(5));
    info.warning_count = static_cast<int>(select->column_int(6));
    infos.push_back(std::move(info));
  }
  return infos;
}

Result<CheckedTable> SqliteStore::load_period(const Plan& plan, std::string_view period) {
  if (auto ready = ensure_schema(); !ready) return ready.error();
  sqlite3* db = connection_->get();
  auto submission = Statement::prepare(
      db,
      "SELECT s.id, s.source_file, pl.indicator_codes FROM submission s "
      "JOIN period p ON p.id = s.period_id JOIN plan pl ON pl.id = s.plan_id "
      "WHERE p.name = ?1 AND s.is_current = 1");
  if (!submission) return submission.error();
  submission->bind_text(1, period);
  auto found = submission->step();
  if (!found) return found.error();
  if (!*found) return period_not_stored(period);
  std::int64_t submission_id = submission->column_int(0);
  CheckedTable table;
  table.period = period;
  table.source_file = submission->column_text(1);
  std::vector<int> mapping = stored_to_plan_index(split_codes(submission->column_text(2)), plan);
  submission->reset();

  std::vector<StoredRow> stored_rows;
  if (auto read = read_rows(db, submission_id, period, stored_rows); !read) return read.error();
  auto names = unit_names(db);
  if (!names) return names.error();
  table.rows.reserve(stored_rows.size());
  for (StoredRow& stored : stored_rows) {
    UnitRow& row = table.rows.emplace_back();
    row.row_number = stored.row.row_number;
    row.raw_name = std::move(stored.row.raw_name);
    if (auto name = names->find(stored.unit_id); name != names->end()) row.unit_name = name->second;
    row.period = period;
    row.pos = stored.row.pos;
    if (stored.row.values.size() != mapping.size()) return damaged(period, 0);
    row.values.resize(plan.indicators.size());
    for (std::size_t stored_idx = 0; stored_idx < mapping.size(); ++stored_idx)
      if (mapping[stored_idx] >= 0) row.values[mapping[stored_idx]] = std::move(stored.row.values[stored_idx]);
  }

  auto findings = Statement::prepare(
      db,
      "SELECT severity, rule_id, unit, row_number, indicator, message_vi, message_en, raw, expected, "
      "hint_vi, hint_en, file, table_idx, row_idx, col_idx, period FROM finding "
      "WHERE submission_id = ?1 ORDER BY id");
  if (!findings) return findings.error();
  findings->bind_int(1, submission_id);
  for (;;) {
    auto stepped = findings->step();
    if (!stepped) return stepped.error();
    if (!*stepped) break;
    Finding finding;
    finding.severity = severity_from_name(findings->column_text(0));
    finding.rule_id = findings->column_text(1);
    finding.unit = findings->column_text(2);
    finding.row = static_cast<int>(findings->column_int(3));
    finding.indicator = findings->column_text(4);
    finding.message_vi = findings->column_text(5);
    finding.message_en = findings->column_text(6);
    finding.raw = findings->column_text(7);
    finding.expected = findings->column_text(8);
    finding.hint_vi = findings->column_text(9);
    finding.hint_en = findings->column_text(10);
    finding.file = findings->column_text(11);
    finding.pos = CellPos{static_cast<int>(findings->column_int(12)),
                          static_cast<int>(findings->column_int(13)),
                          static_cast<int>(findings->column_int(14))};
    finding.period = findings->column_text(15);
    table.findings.push_back(std::move(finding));
  }

  auto summary = Statement::prepare(
      db,
      "SELECT indicator, value, units_reporting, yes_count, no_count, blank_count FROM summary "
      "WHERE submission_id = ?1");
  if (!summary) return summary.error();
  summary->bind_int(1, submission_id);
  std::unordered_map<std::string_view, int> plan_index;
  for (std::size_t indicator_idx = 0; indicator_idx < plan.indicators.size(); ++indicator_idx)
    plan_index.emplace(plan.indicators[indicator_idx].code, static_cast<int>(indicator_idx));
  table.summary.assign(plan.indicators.size(), SummaryValue{});
  for (;;) {
    auto stepped = summary->step();
    if (!stepped) return stepped.error();
    if (!*stepped) break;
    auto indicator = plan_index.find(summary->column_text(0));
    if (indicator == plan_index.end()) continue;
    SummaryValue& value = table.summary[indicator->second];
    if (!summary->column_is_null(1)) value.value = summary->column_double(1);
    value.units_reporting = static_cast<int>(summary->column_int(2));
    value.yes = static_cast<int>(summary->column_int(3));
    value.no = static_cast<int>(summary->column_int(4));
    value.blank = static_cast<int>(summary->column_int(5));
  }
  return table;
}

Result<std::vector<TrendPoint>> SqliteStore::trend(std::string_view indicator_code) {
  if (auto ready = ensure_schema(); !ready) return ready.error();
  auto select = Statement::prepare(
      connection_->get(),
      "SELECT p.name, v.value, v.units_reporting FROM period p "
      "JOIN submission s ON s.period_id = p.id AND s.is_current = 1 "
      "LEFT JOIN summary v ON v.submission_id = s.id AND v.indicator = ?1 "
      "ORDER BY p.sort_key, p.name");
  if (!select) return select.error();
  select->bind_text(1, indicator_code);
  std::vector<TrendPoint> points;
  for (;;) {
    auto stepped = select->step();
    if (!stepped) return stepped.error();
    if (!*stepped) break;
    TrendPoint point;
    point.period = select->column_text(0);
    if (!select->column_is_null(1)) point.value = select->column_double(1);
    point.units_reporting = static_cast<int>(select->column_int(2));
    points.push_back(std::move(point));
  }
  return points;
}

Result<std::vector<StoredUnit>> SqliteStore::units() {
  if (auto ready = ensure_schema(); !ready) return ready.error();
  // Unit ids live inside the row blocks: count periods in one pass over the
  // current submissions' blocks (in period order, so a unit is counted once
  // per period).
  auto select_units = Statement::prepare(connection_->get(), "SELECT id, name, kind FROM unit ORDER BY id");
  if (!select_units) return select_units.error();
  std::vector<StoredUnit> units;
  std::unordered_map<std::int64_t, std::size_t> unit_slot;
  for (;;) {
    auto stepped = select_units->step();
    if (!stepped) return stepped.error();
    if (!*stepped) break;
    unit_slot.emplace(select_units->column_int(0), units.size());
    units.push_back(StoredUnit{std::string(select_units->column_text(1)),
                               std::string(select_units->column_text(2)), 0});
  }
  auto blocks = Statement::prepare(
      connection_->get(),
      "SELECT s.period_id, b.row_count, b.texts, b.rows FROM submission s "
      "JOIN row_block b ON b.submission_id = s.id WHERE s.is_current = 1 ORDER BY s.period_id");
  if (!blocks) return blocks.error();
  std::vector<std::int64_t> last_period(units.size(), -1);
  std::vector<StoredRow> rows;
  for (;;) {
    auto stepped = blocks->step();
    if (!stepped) return stepped.error();
    if (!*stepped) break;
    std::int64_t period_id = blocks->column_int(0);
    rows.clear();
    if (!decode_block(blocks->column_text(2), blocks->column_blob(3),
                      static_cast<std::size_t>(std::max<std::int64_t>(0, blocks->column_int(1))), rows))
      return damaged("#" + std::to_string(period_id), 0);
    for (const StoredRow& row : rows) {
      auto slot = unit_slot.find(row.unit_id);
      if (slot == unit_slot.end() || last_period[slot->second] == period_id) continue;
      last_period[slot->second] = period_id;  // blocks come in period order
      ++units[slot->second].periods_reported;
    }
  }
  return units;
}

}  // namespace store_detail
}  // namespace chiso
