#include "store/migrate_v1.h"

#include <map>
#include <string>
#include <unordered_map>
#include <vector>

#include "store/cells.h"
#include "store/row_codec.h"

namespace chiso::store_detail {
namespace {

Error damaged_v1(std::int64_t submission_id) {
  return make_error(ErrorKind::internal,
                    "Không chuyển được dữ liệu cũ: khối dòng của lần nhập #" + std::to_string(submission_id) +
                        " bị hỏng; cơ sở dữ liệu được giữ nguyên.",
                    "Cannot migrate the old data: the row blocks of import #" + std::to_string(submission_id) +
                        " are damaged; the database is left as it was.");
}

struct OldSubmission {
  std::int64_t id = 0;
  std::int64_t period_id = 0;
  std::string period;
  std::int64_t plan_id = 0;
  std::string file, sha256, imported_at;
  std::int64_t size_bytes = 0;
  std::vector<std::string> codes;
};

struct Current {
  std::int64_t id = 0;
  int version = 0;
  bool withdrawn = false;
};

}  // namespace

Result<void> convert_v1_rows(Connection& connection) {
  sqlite3* db = connection.get();
  auto select = Statement::prepare(
      db,
      "SELECT s.id, s.period_id, p.name, s.plan_id, s.source_file, s.source_sha256, s.source_size_bytes, "
      "s.imported_at_utc, pl.indicator_codes FROM submission s JOIN period p ON p.id = s.period_id "
      "JOIN plan pl ON pl.id = s.plan_id ORDER BY s.period_id, s.version");
  if (!select) return select.error();
  std::vector<OldSubmission> olds;
  for (;;) {
    auto stepped = select->step();
    if (!stepped) return stepped.error();
    if (!*stepped) break;
    OldSubmission old;
    old.id = select->column_int(0);
    old.period_id = select->column_int(1);
    old.period = select->column_text(2);
    old.plan_id = select->column_int(3);
    old.file = select->column_text(4);
    old.sha256 = select->column_text(5);
    old.size_bytes = select->column_int(6);
    old.imported_at = select->column_text(7);
    old.codes = split_indicator_codes(select->column_text(8));
    olds.push_back(std::move(old));
  }
  if (olds.empty()) return {};

  struct Sql {
    Statement* statement;
    const char* text;
  };
  Statement insert_source, insert_source_period, blocks, insert_version, clear_current, unit_by_name,
      insert_unit, findings, insert_finding, set_counts;
  const Sql all[] = {
      {&insert_source,
       "INSERT INTO source (id, kind, author, plan_id, file_name, file_sha256, file_size_bytes, created_at_utc) "
       "VALUES (?1, 'file', 'import', ?2, ?3, ?4, ?5, ?6)"},
      {&insert_source_period, "INSERT OR IGNORE INTO source_period (source_id, period_id) VALUES (?1, ?2)"},
      {&blocks, "SELECT row_count, texts, rows FROM row_block WHERE submission_id = ?1 ORDER BY first_row_idx"},
      {&insert_version,
       "INSERT INTO unit_submission (period_id, unit_id, version, state, is_current, source_id, row_number, "
       "raw_name, table_idx, row_idx, col_idx, cells, positions, error_count, warning_count) "
       "VALUES (?1, ?2, ?3, ?4, 1, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, 0, 0)"},
      {&clear_current, "UPDATE unit_submission SET is_current = 0 WHERE id = ?1"},
      {&unit_by_name, "SELECT id FROM unit WHERE name = ?1"},
      {&insert_unit, "INSERT INTO unit (name, kind, registered) VALUES (?1, '', 0)"},
      {&findings,
       "SELECT severity, rule_id, unit, row_number, indicator, message_vi, message_en, raw, expected, hint_vi, "
       "hint_en, file, table_idx, row_idx, col_idx, period FROM finding WHERE submission_id = ?1 ORDER BY id"},
      {&insert_finding,
       "INSERT INTO new_finding (source_id, unit_submission_id, severity, rule_id, unit, row_number, indicator, "
       "message_vi, message_en, raw, expected, hint_vi, hint_en, file, table_idx, row_idx, col_idx, period) "
       "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18)"},
      {&set_counts,
       "UPDATE unit_submission SET error_count = error_count + ?2, warning_count = warning_count + ?3 "
       "WHERE id = ?1"},
  };
  for (const Sql& sql : all) {
    auto statement = Statement::prepare(db, sql.text);
    if (!statement) return statement.error();
    *sql.statement = std::move(*statement);
  }
  auto names = Statement::prepare(db, "SELECT id, name FROM unit");
  if (!names) return names.error();
  std::unordered_map<std::int64_t, std::string> unit_names;
  for (;;) {
    auto stepped = names->step();
    if (!stepped) return stepped.error();
    if (!*stepped) break;
    unit_names.emplace(names->column_int(0), std::string(names->column_text(1)));
  }
  names->reset();

  // Unregistered names get a unit of their own, made once.
  std::unordered_map<std::string, std::int64_t> unregistered;
  auto unit_for_raw_name = [&](const std::string& raw_name) -> Result<std::int64_t> {
    if (auto found = unregistered.find(raw_name); found != unregistered.end()) return found->second;
    unit_by_name.bind_text(1, raw_name);
    auto stepped = unit_by_name.step();
    if (!stepped) return stepped.error();
    std::int64_t id = 0;
    if (*stepped) id = unit_by_name.column_int(0);
    unit_by_name.reset();
    if (id == 0) {
      insert_unit.bind_text(1, raw_name);
      if (auto ran = insert_unit.run(); !ran) return ran.error();
      id = sqlite3_last_insert_rowid(db);
    }
    unregistered.emplace(raw_name, id);
    return id;
  };

  std::int64_t period_id = -1;
  std::map<std::int64_t, Current> current;  // by unit id, for the period being converted
  EncodedCells encoded;
  for (const OldSubmission& old : olds) {
    if (old.period_id != period_id) {
      period_id = old.period_id;
      current.clear();
    }
    insert_source.bind_int(1, old.id);
    insert_source.bind_int(2, old.plan_id);
    insert_source.bind_text(3, old.file);
    insert_source.bind_text(4, old.sha256);
    insert_source.bind_int(5, old.size_bytes);
    insert_source.bind_text(6, old.imported_at);
    if (auto ran = insert_source.run(); !ran) return ran.error();
    insert_source_period.bind_int(1, old.id);
    insert_source_period.bind_int(2, period_id);
    if (auto ran = insert_source_period.run(); !ran) return ran.error();

    std::vector<StoredRow> rows;
    blocks.bind_int(1, old.id);
    for (;;) {
      auto stepped = blocks.step();
      if (!stepped) return stepped.error();
      if (!*stepped) break;
      std::int64_t row_count = blocks.column_int(0);
      if (row_count <= 0 ||
          !decode_block(blocks.column_text(1), blocks.column_blob(2), static_cast<std::size_t>(row_count), rows)) {
        blocks.reset();
        return damaged_v1(old.id);
      }
    }
    blocks.reset();

    // (unit as findings name it, row number) → the version made of that row.
    std::map<std::pair<std::string, int>, std::int64_t> version_of_row;
    std::map<std::int64_t, bool> seen;
    auto new_version = [&](std::int64_t unit_id, const char* state, const StoredRow* stored) -> Result<std::int64_t> {
      Current& unit_current = current[unit_id];
      if (unit_current.id != 0) {
        clear_current.bind_int(1, unit_current.id);
        if (auto ran = clear_current.run(); !ran) return ran.error();
      }
      insert_version.bind_int(1, period_id);
      insert_version.bind_int(2, unit_id);
      insert_version.bind_int(3, unit_current.version + 1);
      insert_version.bind_text(4, state);
      insert_version.bind_int(5, old.id);
      if (stored != nullptr) {
        encode_cells(stored->row, old.codes, encoded);
        insert_version.bind_int(6, stored->row.row_number);
        insert_version.bind_text(7, stored->row.raw_name);
        insert_version.bind_int(8, stored->row.pos.table_idx);
        insert_version.bind_int(9, stored->row.pos.row_idx);
        insert_version.bind_int(10, stored->row.pos.col_idx);
        insert_version.bind_text(11, encoded.cells);
        insert_version.bind_text(12, encoded.positions);
      } else {
        insert_version.bind_int(6, 0);
        insert_version.bind_text(7, "");
        insert_version.bind_int(8, 0);
        insert_version.bind_int(9, 0);
        insert_version.bind_int(10, 0);
        insert_version.bind_text(11, "{}");
        insert_version.bind_text(12, "");
      }
      if (auto ran = insert_version.run(); !ran) return ran.error();
      unit_current.id = sqlite3_last_insert_rowid(db);
      ++unit_current.version;
      unit_current.withdrawn = stored == nullptr;
      return unit_current.id;
    };
    for (const StoredRow& stored : rows) {
      if (stored.row.values.size() != old.codes.size()) return damaged_v1(old.id);
      std::int64_t unit_id = stored.unit_id;
      std::string display;
      if (unit_id != 0) {
        auto name = unit_names.find(unit_id);
        if (name == unit_names.end()) return damaged_v1(old.id);
        display = name->second;
      } else {
        auto id = unit_for_raw_name(stored.row.raw_name);
        if (!id) return id.error();
        unit_id = *id;
        display = stored.row.raw_name;
      }
      auto made = new_version(unit_id, "submitted", &stored);
      if (!made) return made.error();
      seen[unit_id] = true;
      version_of_row[{display, stored.row.row_number}] = *made;
    }
    for (auto& [unit_id, unit_current] : current) {
      if (seen.count(unit_id) || unit_current.withdrawn) continue;
      if (auto made = new_version(unit_id, "withdrawn", nullptr); !made) return made.error();
    }

    findings.bind_int(1, old.id);
    for (;;) {
      auto stepped = findings.step();
      if (!stepped) return stepped.error();
      if (!*stepped) break;
      std::string unit(findings.column_text(2));
      int row_number = static_cast<int>(findings.column_int(3));
      std::int64_t version_id = 0;
      if (auto found = version_of_row.find({unit, row_number}); found != version_of_row.end() && row_number != 0)
        version_id = found->second;
      insert_finding.bind_int(1, old.id);
      if (version_id != 0) {
        insert_finding.bind_int(2, version_id);
      } else {
        insert_finding.bind_null(2);
      }
      insert_finding.bind_text(3, findings.column_text(0));
      insert_finding.bind_text(4, findings.column_text(1));
      insert_finding.bind_text(5, unit);
      insert_finding.bind_int(6, row_number);
      for (int column = 4; column <= 11; ++column) insert_finding.bind_text(column + 3, findings.column_text(column));
      for (int column = 12; column <= 14; ++column) insert_finding.bind_int(column + 3, findings.column_int(column));
      std::string_view finding_period = findings.column_text(15);
      insert_finding.bind_text(18, finding_period.empty() ? std::string_view(old.period) : finding_period);
      if (auto ran = insert_finding.run(); !ran) {
        findings.reset();
        return ran.error();
      }
      if (version_id != 0) {
        std::string_view severity = findings.column_text(0);
        set_counts.bind_int(1, version_id);
        set_counts.bind_int(2, severity == "error" ? 1 : 0);
        set_counts.bind_int(3, severity == "warning" ? 1 : 0);
        if (auto ran = set_counts.run(); !ran) {
          findings.reset();
          return ran.error();
        }
      }
    }
    findings.reset();
  }
  return recount_periods(connection);
}

Result<void> recount_periods(Connection& connection) {
  return connection.exec(R"sql(
UPDATE period SET
  unit_count = (SELECT count(*) FROM unit_submission s
                WHERE s.period_id = period.id AND s.is_current = 1 AND s.state <> 'withdrawn'),
  submission_count = (SELECT count(*) FROM unit_submission s WHERE s.period_id = period.id),
  change_count = (SELECT count(*) FROM unit_submission s WHERE s.period_id = period.id),
  error_count = (SELECT COALESCE(sum(s.error_count), 0) FROM unit_submission s
                 WHERE s.period_id = period.id AND s.is_current = 1),
  warning_count = (SELECT COALESCE(sum(s.warning_count), 0) FROM unit_submission s
                   WHERE s.period_id = period.id AND s.is_current = 1),
  last_change_utc = COALESCE((SELECT max(src.created_at_utc) FROM unit_submission s
                              JOIN source src ON src.id = s.source_id WHERE s.period_id = period.id), ''),
  last_source = COALESCE((SELECT CASE src.kind WHEN 'file' THEN src.file_name ELSE src.page END
                          FROM unit_submission s JOIN source src ON src.id = s.source_id
                          WHERE s.period_id = period.id ORDER BY s.source_id DESC LIMIT 1), '');
)sql",
                         "recount periods");
}

}  // namespace chiso::store_detail
