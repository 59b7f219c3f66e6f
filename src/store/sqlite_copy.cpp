// `chiso copy` on SQLite's side (copy_endpoint.h): the tables from
// sqlite_schema and its pragmas; a read transaction for the snapshot; one
// BEGIN IMMEDIATE for the writes, a prepared INSERT per table.
#include <filesystem>
#include <optional>

#include "store/copy_endpoint.h"
#include "store/schema.h"
#include "store/sqlite_statement.h"
#include "store/sqlite_store.h"

namespace chiso::store_detail {
namespace {

namespace fs = std::filesystem;

class SqliteCopy final : public CopyEndpoint {
 public:
  SqliteCopy(std::shared_ptr<Connection> connection, std::string path, bool created_file)
      : connection_(std::move(connection)),
        path_(std::move(path)),
        name_("SQLite " + path_),
        created_file_(created_file) {}

  // A destination file this copy created and did not fill is removed.
  ~SqliteCopy() override {
    insert_.reset();
    if (transaction_open_) (void)connection_->exec("ROLLBACK", "copy");
    if (created_file_ && !committed_) {
      connection_.reset();
      std::error_code ignored;
      for (const char* suffix : {"", "-journal", "-wal", "-shm"}) fs::remove(path_ + suffix, ignored);
    }
  }

  const std::string& name() const override { return name_; }

  Result<std::vector<CopyTable>> tables() override {
    auto names = Statement::prepare(connection_->get(),
                                     "SELECT name FROM sqlite_schema WHERE type = 'table' "
                                     "AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY rowid");
    if (!names) return names.error();
    std::vector<CopyTable> tables;
    auto listed = for_each_row(*names, [&] { tables.push_back({std::string(names->column_text(0)), {}, {}}); });
    if (!listed) return listed.error();
    auto columns = Statement::prepare(connection_->get(), "SELECT name FROM pragma_table_info(?) ORDER BY cid");
    if (!columns) return columns.error();
    auto references =
        Statement::prepare(connection_->get(), "SELECT DISTINCT \"table\" FROM pragma_foreign_key_list(?)");
    if (!references) return references.error();
    for (CopyTable& table : tables) {
      columns->bind_text(1, table.name);
      auto read = for_each_row(*columns, [&] { table.columns.emplace_back(columns->column_text(0)); });
      if (!read) return read.error();
      references->bind_text(1, table.name);
      read = for_each_row(*references, [&] { table.references.emplace_back(references->column_text(0)); });
      if (!read) return read.error();
    }
    return tables;
  }

  Result<std::int64_t> row_count(const std::string& table) override {
    auto count = Statement::prepare(connection_->get(), "SELECT count(*) FROM " + quoted_identifier(table));
    if (!count) return count.error();
    auto stepped = count->step();
    if (!stepped) return stepped.error();
    return count->column_int(0);
  }

  Result<void> begin_read() override {
    // A deferred transaction's snapshot starts at its first read.
    if (auto began = connection_->exec("BEGIN", "copy"); !began) return began;
    transaction_open_ = true;
    return connection_->exec("SELECT count(*) FROM sqlite_schema", "copy");
  }

  Result<void> read(const std::string& table, const std::vector<std::string>& columns,
                    const std::function<Result<void>(const CopyRow&)>& each) override {
    // In the table's own order: its rowid, or its key (WITHOUT ROWID).
    auto select = Statement::prepare(connection_->get(),
                                     "SELECT " + column_list(columns) + " FROM " + quoted_identifier(table));
    if (!select) return select.error();
    CopyRow row(columns.size());
    return for_each_row(*select, [&]() -> Result<void> {
      for (std::size_t column_idx = 0; column_idx < columns.size(); ++column_idx) {
        CopyValue& value = row[column_idx];
        int col = static_cast<int>(column_idx);
        switch (select->column_type(col)) {
          case SQLITE_INTEGER:
            value.kind = CopyValue::Kind::integer;
            value.integer = select->column_int(col);
            break;
          case SQLITE_FLOAT:
            value.kind = CopyValue::Kind::real;
            value.real = select->column_double(col);
            break;
          case SQLITE_TEXT:
            value.kind = CopyValue::Kind::text;
            value.bytes = select->column_text(col);
            break;
          case SQLITE_BLOB:
            value.kind = CopyValue::Kind::blob;
            value.bytes = select->column_blob(col);
            break;
          default:
            value.kind = CopyValue::Kind::null;
        }
      }
      return each(row);
    });
  }

  Result<void> begin_write() override {
    if (auto began = connection_->exec("BEGIN IMMEDIATE", "copy"); !began) return began;
    transaction_open_ = true;
    return {};
  }

  Result<void> write_begin_table(const std::string& table, const std::vector<std::string>& columns) override {
    std::string params;
    for (std::size_t column_idx = 0; column_idx < columns.size(); ++column_idx) params += column_idx ? ", ?" : "?";
    auto insert = Statement::prepare(connection_->get(), "INSERT INTO " + quoted_identifier(table) + " (" +
                                                             column_list(columns) + ") VALUES (" + params + ")");
    if (!insert) return insert.error();
    insert_ = std::move(*insert);
    return {};
  }

  Result<void> write_row(const CopyRow& row) override {
    for (std::size_t column_idx = 0; column_idx < row.size(); ++column_idx) {
      const CopyValue& value = row[column_idx];
      int param = static_cast<int>(column_idx) + 1;
      switch (value.kind) {
        case CopyValue::Kind::integer:
          insert_->bind_int(param, value.integer);
          break;
        case CopyValue::Kind::real:
          insert_->bind_double(param, value.real);
          break;
        case CopyValue::Kind::text:
          insert_->bind_text(param, value.bytes);
          break;
        case CopyValue::Kind::blob:
          insert_->bind_blob(param, value.bytes);
          break;
        case CopyValue::Kind::null:
          insert_->bind_null(param);
          break;
      }
    }
    return insert_->run();
  }

  Result<void> write_end_table() override {
    insert_.reset();
    return {};
  }

  // SQLite gives the next rowid past the largest: no sequence to set.
  Result<void> commit_write() override {
    if (auto committed = connection_->exec("COMMIT", "copy"); !committed) return committed;
    transaction_open_ = false;
    committed_ = true;
    return {};
  }

 private:
  static std::string column_list(const std::vector<std::string>& columns) {
    std::string list;
    for (const std::string& column : columns) list += (list.empty() ? "" : ", ") + quoted_identifier(column);
    return list;
  }

  std::shared_ptr<Connection> connection_;
  std::string path_;
  std::string name_;
  bool created_file_;
  bool transaction_open_ = false;
  bool committed_ = false;
  std::optional<Statement> insert_;
};

Result<std::unique_ptr<CopyEndpoint>> open_sqlite(const std::string& path, bool create) {
  std::error_code size_error;
  const bool existed = fs::exists(path, size_error);
  if (!existed && !create)
    return make_error(ErrorKind::not_found, "Không có cơ sở dữ liệu " + path + ".",
                      "There is no database " + path + ".");
  int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX | (create ? SQLITE_OPEN_CREATE : 0);
  sqlite3* raw_db = nullptr;
  int rc = sqlite3_open_v2(path.c_str(), &raw_db, flags, nullptr);
  auto connection = std::make_shared<Connection>(raw_db);
  if (rc != SQLITE_OK) {
    std::string detail = raw_db != nullptr ? sqlite3_errmsg(raw_db) : "out of memory";
    return make_error(ErrorKind::bad_input, "Không mở được cơ sở dữ liệu " + path + ": " + detail,
                      "Cannot open database " + path + ": " + detail);
  }
  sqlite3_busy_timeout(raw_db, busy_timeout_ms);
  sqlite3_extended_result_codes(raw_db, 1);
  // The first read of the file: one that is not SQLite fails here.
  if (sqlite3_exec(raw_db, "SELECT count(*) FROM sqlite_schema", nullptr, nullptr, nullptr) != SQLITE_OK) {
    std::string detail = sqlite3_errmsg(raw_db);
    return make_error(ErrorKind::bad_input,
                      "Tệp " + path + " không phải cơ sở dữ liệu SQLite của chiso (" + detail + ").",
                      "File " + path + " is not a chiso SQLite database (" + detail + ").");
  }
  if (auto set = connection->exec("PRAGMA foreign_keys = ON", "copy"); !set) return set.error();
  auto endpoint = std::make_unique<SqliteCopy>(connection, path, !existed);
  if (auto migrated = migrate(connection, path); !migrated) return migrated.error();
  return std::unique_ptr<CopyEndpoint>(std::move(endpoint));
}

}  // namespace

Result<std::unique_ptr<CopyEndpoint>> open_sqlite_copy_source(const std::string& path) {
  return open_sqlite(path, false);
}

Result<std::unique_ptr<CopyEndpoint>> open_sqlite_copy_destination(const std::string& path) {
  return open_sqlite(path, true);
}

}  // namespace chiso::store_detail
