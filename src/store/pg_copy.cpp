// `chiso copy` on PostgreSQL's side (copy_endpoint.h): the tables from the
// catalog (the current schema's, schema_version left out); a REPEATABLE
// READ transaction for the snapshot, read through a cursor a batch at a
// time; the writes as COPY … FROM STDIN in one transaction, the identity
// sequences set past the ids copied before COMMIT.
#include <charconv>
#include <cmath>
#include <map>

#include "store/copy_endpoint.h"
#include "store/pg_connection.h"
#include "store/pg_schema.h"

namespace chiso::store_detail {
namespace {

// Rows fetched from the cursor at a time, and COPY text sent at a time:
// what the copy holds in memory, whatever the table's size.
constexpr int fetch_rows = 5000;
constexpr std::size_t copy_chunk_bytes = std::size_t{1} << 20;

// How a column's text from PostgreSQL becomes a value as SQLite keeps it.
enum class ColumnKind { integer, real, boolean, bytes, text };

ColumnKind kind_of_type(std::string_view type) {
  if (type == "int8" || type == "int4" || type == "int2") return ColumnKind::integer;
  if (type == "float8" || type == "float4" || type == "numeric") return ColumnKind::real;
  if (type == "bool") return ColumnKind::boolean;
  if (type == "bytea") return ColumnKind::bytes;
  return ColumnKind::text;
}

int hex_digit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

Error bad_value(std::string_view table, std::string_view column, std::string_view text) {
  std::string where = std::string(table) + "." + std::string(column);
  std::string shown(text.substr(0, 40));
  return make_error(ErrorKind::internal, "Giá trị không đọc được ở " + where + ": '" + shown + "'.",
                    "Unreadable value in " + where + ": '" + shown + "'.");
}

// The shortest text that reads back as the same double (PostgreSQL's own
// spelling of the infinities and NaN).
void append_real(std::string& out, double value) {
  if (std::isnan(value)) {
    out += "NaN";
  } else if (std::isinf(value)) {
    out += value > 0 ? "Infinity" : "-Infinity";
  } else {
    char digits[32];
    auto [end, ec] = std::to_chars(digits, digits + sizeof digits, value);
    out.append(digits, end);
  }
}

class PgCopy final : public CopyEndpoint {
 public:
  explicit PgCopy(std::unique_ptr<pg::PgConnection> connection)
      : connection_(std::move(connection)), name_("PostgreSQL " + connection_->name()) {}

  ~PgCopy() override {
    if (in_copy_) (void)connection_->copy_end();
    transaction_.reset();
  }

  const std::string& name() const override { return name_; }

  Result<std::vector<CopyTable>> tables() override {
    auto names = connection_->query(
        "SELECT c.relname FROM pg_class c WHERE c.relnamespace = current_schema()::regnamespace "
        "AND c.relkind IN ('r', 'p') AND c.relname <> 'schema_version' ORDER BY c.oid");
    if (!names) return names.error();
    std::vector<CopyTable> tables;
    for (int row = 0; row < names->rows(); ++row) tables.push_back({std::string(names->text(row, 0)), {}, {}});
    for (CopyTable& table : tables) {
      auto columns = connection_->query(
          "SELECT a.attname, t.typname FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid "
          "JOIN pg_type t ON t.oid = a.atttypid WHERE c.relname = $1 "
          "AND c.relnamespace = current_schema()::regnamespace AND a.attnum > 0 AND NOT a.attisdropped "
          "ORDER BY a.attnum",
          {table.name});
      if (!columns) return columns.error();
      auto& kinds = column_kinds_[table.name];
      for (int row = 0; row < columns->rows(); ++row) {
        table.columns.emplace_back(columns->text(row, 0));
        kinds[table.columns.back()] = kind_of_type(columns->text(row, 1));
      }
      auto references = connection_->query(
          "SELECT DISTINCT r.relname FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid "
          "JOIN pg_class r ON r.oid = k.confrelid WHERE k.contype = 'f' AND c.relname = $1 "
          "AND c.relnamespace = current_schema()::regnamespace",
          {table.name});
      if (!references) return references.error();
      for (int row = 0; row < references->rows(); ++row) table.references.emplace_back(references->text(row, 0));
    }
    return tables;
  }

  Result<std::int64_t> row_count(const std::string& table) override {
    auto count = connection_->query("SELECT count(*) FROM " + quoted_identifier(table));
    if (!count) return count.error();
    return count->integer(0, 0);
  }

  Result<void> begin_read() override {
    transaction_ = std::make_unique<pg::PgTransaction>(*connection_, "REPEATABLE READ");
    if (auto begun = transaction_->begin(); !begun) return begun;
    // Doubles as the shortest text that reads back the same (whatever
    // PGOPTIONS set), for this transaction.
    return connection_->exec("SET LOCAL extra_float_digits = 3");
  }

  Result<void> read(const std::string& table, const std::vector<std::string>& columns,
                    const std::function<Result<void>(const CopyRow&)>& each) override {
    std::vector<ColumnKind> kinds;
    for (const std::string& column : columns) kinds.push_back(column_kinds_[table][column]);
    if (auto declared = connection_->exec("DECLARE chiso_copy NO SCROLL CURSOR FOR SELECT " + column_list(columns) +
                                          " FROM " + quoted_identifier(table));
        !declared)
      return declared;
    CopyRow row(columns.size());
    for (;;) {
      auto batch = connection_->query("FETCH FORWARD " + std::to_string(fetch_rows) + " FROM chiso_copy");
      if (!batch) return batch.error();
      for (int row_idx = 0; row_idx < batch->rows(); ++row_idx) {
        for (std::size_t column_idx = 0; column_idx < columns.size(); ++column_idx) {
          int col = static_cast<int>(column_idx);
          if (batch->is_null(row_idx, col)) {
            row[column_idx].kind = CopyValue::Kind::null;
            continue;
          }
          if (!decode(kinds[column_idx], batch->text(row_idx, col), row[column_idx]))
            return bad_value(table, columns[column_idx], batch->text(row_idx, col));
        }
        if (auto taken = each(row); !taken) return taken;
      }
      if (batch->rows() < fetch_rows) break;
    }
    return connection_->exec("CLOSE chiso_copy");
  }

  Result<void> begin_write() override {
    transaction_ = std::make_unique<pg::PgTransaction>(*connection_);
    return transaction_->begin();
  }

  Result<void> write_begin_table(const std::string& table, const std::vector<std::string>& columns) override {
    if (auto began = connection_->copy_begin("COPY " + quoted_identifier(table) + " (" + column_list(columns) +
                                             ") FROM STDIN");
        !began)
      return began;
    in_copy_ = true;
    buffer_.clear();
    return {};
  }

  Result<void> write_row(const CopyRow& row) override {
    for (std::size_t column_idx = 0; column_idx < row.size(); ++column_idx) {
      if (column_idx > 0) buffer_ += '\t';
      const CopyValue& value = row[column_idx];
      switch (value.kind) {
        case CopyValue::Kind::null:
          buffer_ += "\\N";
          break;
        case CopyValue::Kind::integer:
          buffer_ += std::to_string(value.integer);
          break;
        case CopyValue::Kind::real:
          append_real(buffer_, value.real);
          break;
        case CopyValue::Kind::text:
          pg::append_copy_text(buffer_, value.bytes);
          break;
        case CopyValue::Kind::blob: {
          // bytea's hex form, its backslash escaped for COPY's text format.
          static const char* hex = "0123456789abcdef";
          buffer_ += "\\\\x";
          for (unsigned char byte : value.bytes) {
            buffer_ += hex[byte >> 4];
            buffer_ += hex[byte & 15];
          }
          break;
        }
      }
    }
    buffer_ += '\n';
    if (buffer_.size() < copy_chunk_bytes) return {};
    auto put = connection_->copy_put(buffer_);
    buffer_.clear();
    return put;
  }

  Result<void> write_end_table() override {
    if (!buffer_.empty()) {
      auto put = connection_->copy_put(buffer_);
      buffer_.clear();
      if (!put) return put;
    }
    in_copy_ = false;
    return connection_->copy_end();
  }

  Result<void> commit_write() override {
    // Every identity (or serial) column's sequence: the next id past the
    // largest copied.
    auto sequences = connection_->query(
        "SELECT c.relname, a.attname FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid "
        "WHERE c.relnamespace = current_schema()::regnamespace AND c.relkind IN ('r', 'p') "
        "AND a.attnum > 0 AND NOT a.attisdropped "
        "AND pg_get_serial_sequence(quote_ident(c.relname), a.attname) IS NOT NULL");
    if (!sequences) return sequences.error();
    for (int row = 0; row < sequences->rows(); ++row) {
      std::string table(sequences->text(row, 0));
      std::string column(sequences->text(row, 1));
      auto set = connection_->query("SELECT setval(pg_get_serial_sequence($1, $2), COALESCE(max(" +
                                        quoted_identifier(column) + "), 0) + 1, false) FROM " +
                                        quoted_identifier(table),
                                    {quoted_identifier(table), column});
      if (!set) return set.error();
    }
    return transaction_->commit();
  }

 private:
  static std::string column_list(const std::vector<std::string>& columns) {
    std::string list;
    for (const std::string& column : columns) list += (list.empty() ? "" : ", ") + quoted_identifier(column);
    return list;
  }

  static bool decode(ColumnKind kind, std::string_view text, CopyValue& value) {
    const char* end = text.data() + text.size();
    switch (kind) {
      case ColumnKind::integer: {
        value.kind = CopyValue::Kind::integer;
        auto [at, ec] = std::from_chars(text.data(), end, value.integer);
        return ec == std::errc() && at == end;
      }
      case ColumnKind::real: {
        value.kind = CopyValue::Kind::real;
        auto [at, ec] = std::from_chars(text.data(), end, value.real);
        return ec == std::errc() && at == end;
      }
      case ColumnKind::boolean:
        value.kind = CopyValue::Kind::integer;
        value.integer = text == "t" ? 1 : 0;
        return text == "t" || text == "f";
      case ColumnKind::bytes: {
        value.kind = CopyValue::Kind::blob;
        value.bytes.clear();
        if (!text.starts_with("\\x") || text.size() % 2 != 0) return false;
        for (std::size_t at = 2; at < text.size(); at += 2) {
          int high = hex_digit(text[at]), low = hex_digit(text[at + 1]);
          if (high < 0 || low < 0) return false;
          value.bytes += static_cast<char>(high * 16 + low);
        }
        return true;
      }
      case ColumnKind::text:
        value.kind = CopyValue::Kind::text;
        value.bytes = text;
        return true;
    }
    return false;
  }

  std::unique_ptr<pg::PgConnection> connection_;
  std::string name_;
  std::unique_ptr<pg::PgTransaction> transaction_;
  std::map<std::string, std::map<std::string, ColumnKind>> column_kinds_;
  std::string buffer_;
  bool in_copy_ = false;
};

Result<std::unique_ptr<CopyEndpoint>> open_pg(const std::string& conninfo, bool source) {
  auto connection = pg::PgConnection::open(conninfo);
  if (!connection) return connection.error();
  if (source) {
    auto has_schema = (*connection)->query("SELECT to_regclass('schema_version') IS NOT NULL");
    if (!has_schema) return has_schema.error();
    if (has_schema->text(0, 0) != "t")
      return make_error(ErrorKind::not_found,
                        "Cơ sở dữ liệu " + (*connection)->name() + " không có dữ liệu của chiso (không có bảng "
                        "schema_version).",
                        "The database " + (*connection)->name() + " holds no chiso data (no schema_version table).");
  }
  if (auto migrated = pg_migrate(**connection); !migrated) return migrated.error();
  return std::unique_ptr<CopyEndpoint>(std::make_unique<PgCopy>(std::move(*connection)));
}

}  // namespace

Result<std::unique_ptr<CopyEndpoint>> open_pg_copy_source(const std::string& conninfo) {
  return open_pg(conninfo, true);
}

Result<std::unique_ptr<CopyEndpoint>> open_pg_copy_destination(const std::string& conninfo) {
  return open_pg(conninfo, false);
}

}  // namespace chiso::store_detail
