// history(): what changed in a period from one version to the next, per
// (unit, indicator), compared by raw text — the text a person typed, so a
// value retyped as "1.045" for "1045" shows as a change even though the
// number is the same.
#include <unordered_map>

#include "store/row_codec.h"
#include "store/sqlite_store.h"

namespace chiso::store_detail {
namespace {

struct RowRaws {
  std::string key;      // canonical name, or "?" + raw name; "#n" for the n-th repeat
  std::string display;  // canonical name, else raw name
  std::vector<std::string> raws;
};

struct Version {
  std::int64_t submission_id = 0;
  int number = 0;
  std::string imported_at_utc;
  std::string source_file;
  std::vector<std::string> codes;
  std::vector<RowRaws> rows;
};

Result<void> load_rows(sqlite3* db, std::string_view unit_filter,
                       const std::unordered_map<std::int64_t, std::string>& names, Version& version) {
  std::vector<StoredRow> stored_rows;
  if (auto read = read_rows(db, version.submission_id, "v" + std::to_string(version.number), stored_rows); !read)
    return read;
  std::unordered_map<std::string, int> seen;
  for (StoredRow& stored : stored_rows) {
    const std::string& raw_name = stored.row.raw_name;
    auto name = names.find(stored.unit_id);
    std::string_view canonical = name != names.end() ? std::string_view(name->second) : std::string_view();
    std::string_view display = canonical.empty() ? std::string_view(raw_name) : canonical;
    if (!unit_filter.empty() && display != unit_filter) continue;
    RowRaws row;
    row.key = canonical.empty() ? "?" + raw_name : std::string(canonical);
    if (int repeat = seen[row.key]++; repeat > 0) row.key += "#" + std::to_string(repeat);
    row.display = display;
    for (Value& value : stored.row.values) row.raws.push_back(std::move(value.raw));
    row.raws.resize(version.codes.size());
    version.rows.push_back(std::move(row));
  }
  return {};
}

void compare(const std::string& period, const Version& old_version, const Version& new_version,
             std::vector<Change>& changes) {
  // Indicators in the new layout's order, then any the new plan dropped.
  std::vector<std::string> codes = new_version.codes;
  std::unordered_map<std::string, int> old_index, new_index;
  for (std::size_t code_idx = 0; code_idx < new_version.codes.size(); ++code_idx)
    new_index.emplace(new_version.codes[code_idx], static_cast<int>(code_idx));
  for (std::size_t code_idx = 0; code_idx < old_version.codes.size(); ++code_idx) {
    old_index.emplace(old_version.codes[code_idx], static_cast<int>(code_idx));
    if (!new_index.count(old_version.codes[code_idx])) codes.push_back(old_version.codes[code_idx]);
  }
  auto raw_of = [](const RowRaws* row, const std::unordered_map<std::string, int>& index,
                   const std::string& code) -> std::string_view {
    if (row == nullptr) return {};
    auto found = index.find(code);
    return found != index.end() ? std::string_view(row->raws[found->second]) : std::string_view();
  };
  auto emit = [&](const RowRaws* old_row, const RowRaws* new_row) {
    const std::string& unit = new_row != nullptr ? new_row->display : old_row->display;
    for (const std::string& code : codes) {
      std::string_view old_raw = raw_of(old_row, old_index, code);
      std::string_view new_raw = raw_of(new_row, new_index, code);
      if (old_raw == new_raw) continue;
      changes.push_back(Change{period, unit, code, std::string(old_raw), std::string(new_raw),
                               old_version.number, new_version.number, new_version.imported_at_utc,
                               new_version.source_file});
    }
  };

  std::unordered_map<std::string_view, const RowRaws*> old_rows;
  for (const RowRaws& row : old_version.rows) old_rows.emplace(row.key, &row);
  for (const RowRaws& row : new_version.rows) {
    auto found = old_rows.find(row.key);
    emit(found != old_rows.end() ? found->second : nullptr, &row);
    if (found != old_rows.end()) old_rows.erase(found);
  }
  for (const RowRaws& row : old_version.rows)  // removed rows, in their old order
    if (old_rows.count(row.key)) emit(&row, nullptr);
}

}  // namespace

Result<std::vector<Change>> SqliteStore::history(std::string_view period, std::string_view unit) {
  if (auto ready = ensure_schema(); !ready) return ready.error();
  sqlite3* db = connection_->get();
  auto select = Statement::prepare(
      db,
      "SELECT s.id, s.version, s.imported_at_utc, s.source_file, pl.indicator_codes FROM submission s "
      "JOIN period p ON p.id = s.period_id JOIN plan pl ON pl.id = s.plan_id "
      "WHERE p.name = ?1 ORDER BY s.version");
  if (!select) return select.error();
  select->bind_text(1, period);
  std::vector<Version> versions;
  for (;;) {
    auto stepped = select->step();
    if (!stepped) return stepped.error();
    if (!*stepped) break;
    Version version;
    version.submission_id = select->column_int(0);
    version.number = static_cast<int>(select->column_int(1));
    version.imported_at_utc = select->column_text(2);
    version.source_file = select->column_text(3);
    version.codes = split_codes(select->column_text(4));
    versions.push_back(std::move(version));
  }
  select->reset();
  if (versions.empty()) return period_not_stored(period);

  auto names = unit_names(db);
  if (!names) return names.error();
  std::vector<Change> changes;
  std::string period_name(period);
  for (std::size_t version_idx = 0; version_idx < versions.size(); ++version_idx) {
    if (auto loaded = load_rows(db, unit, *names, versions[version_idx]); !loaded) return loaded.error();
    if (version_idx == 0) continue;
    compare(period_name, versions[version_idx - 1], versions[version_idx], changes);
    versions[version_idx - 1].rows.clear();  // keep at most two versions in memory
  }
  return changes;
}

}  // namespace chiso::store_detail
