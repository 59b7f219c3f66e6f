// The SQLite implementation of Store (store.h), internal to src/store.
//
// One connection per SqliteStore, opened with: WAL (readers never block the
// writer, and one writer at a time; a new file only once its first import
// has ended, Connection::wal_pending), busy_timeout (a second writer waits for
// the first to commit instead of failing with "database is locked"),
// foreign_keys on, synchronous=NORMAL (in WAL a commit is atomic and the
// database stays consistent on power loss; only the last commits may be lost).
//
// The phases of the store, a file each:
//   schema.cpp               create and migrate (PRAGMA user_version)
//   sqlite_import_writer.cpp one import: periods, submissions, rows, findings
//   sqlite_store.cpp         open, periods(), load_period(), trend(), units()
//   sqlite_history.cpp       history(): changes between versions
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "store/row_codec.h"
#include "store/sqlite_statement.h"
#include "store/store.h"

namespace chiso::store_detail {

// How long a writer waits for another writer's transaction (an import of the
// 1.2-million-row history takes a few seconds) before giving up.
inline constexpr int busy_timeout_ms = 60'000;

class SqliteStore final : public Store {
 public:
  SqliteStore(std::shared_ptr<Connection> connection, std::string path)
      : connection_(std::move(connection)), path_(std::move(path)) {}

  Result<std::unique_ptr<ImportWriter>> begin_import(const Plan& plan, const SourceFile& file) override;
  Result<std::vector<PeriodInfo>> periods() override;
  Result<CheckedTable> load_period(const Plan& plan, std::string_view period) override;
  Result<std::vector<Change>> history(std::string_view period, std::string_view unit) override;
  Result<std::vector<TrendPoint>> trend(std::string_view indicator_code) override;
  Result<std::vector<StoredUnit>> units() override;

 private:
  // Creates the schema of a new file that has none yet
  // (Connection::schema_pending); every read calls it first.
  Result<void> ensure_schema();

  std::shared_ptr<Connection> connection_;
  std::string path_;
};

// "Kỳ X chưa có trong cơ sở dữ liệu — period X is not stored".
Error period_not_stored(std::string_view period);

const char* severity_name(Severity severity);
Severity severity_from_name(std::string_view name);

// Splits the plan's indicator codes as stored in plan.indicator_codes.
std::vector<std::string> split_codes(std::string_view joined);

// Appends the rows of one submission, in stored order, with unit ids.
// `what` names the period for the message when a block is damaged.
Result<void> read_rows(sqlite3* db, std::int64_t submission_id, std::string_view what,
                       std::vector<StoredRow>& rows);

// Every unit's canonical name by id.
Result<std::unordered_map<std::int64_t, std::string>> unit_names(sqlite3* db);

}  // namespace chiso::store_detail
