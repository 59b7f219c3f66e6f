#include "store/store_copy.h"

#include <algorithm>
#include <filesystem>
#include <map>
#include <set>

#include "store/copy_endpoint.h"
#include "store/pg_connection.h"

namespace chiso {

using store_detail::CopyEndpoint;
using store_detail::CopyRow;
using store_detail::CopyTable;

namespace {

Result<std::unique_ptr<CopyEndpoint>> open_source(const std::string& db) {
  if (pg::is_postgresql_uri(db)) return store_detail::open_pg_copy_source(db);
  return store_detail::open_sqlite_copy_source(db);
}

Result<std::unique_ptr<CopyEndpoint>> open_destination(const std::string& db) {
  if (pg::is_postgresql_uri(db)) return store_detail::open_pg_copy_destination(db);
  return store_detail::open_sqlite_copy_destination(db);
}

Error schema_error(const std::string& vi, const std::string& en) {
  return make_error(ErrorKind::internal,
                    "Hai cơ sở dữ liệu không cùng lược đồ: " + vi + " (cả hai đã được đưa lên phiên bản mới nhất; "
                    "chiso copy không chép được).",
                    "The two databases' schemas differ: " + en +
                        " (both were brought to the latest version; chiso copy cannot copy them).");
}

// The source's tables, checked against the destination's: the same tables
// with the same columns.
Result<void> same_schema(const std::vector<CopyTable>& source, const std::vector<CopyTable>& destination) {
  std::map<std::string, const CopyTable*> by_name;
  for (const CopyTable& table : destination) by_name[table.name] = &table;
  for (const CopyTable& table : source) {
    auto found = by_name.find(table.name);
    if (found == by_name.end())
      return schema_error("bảng " + table.name + " không có ở nơi chép đến",
                          "table " + table.name + " is missing from the destination");
    std::set<std::string> from(table.columns.begin(), table.columns.end());
    std::set<std::string> to(found->second->columns.begin(), found->second->columns.end());
    if (from != to)
      return schema_error("các cột của bảng " + table.name + " khác nhau",
                          "table " + table.name + " has other columns");
    by_name.erase(found);
  }
  if (!by_name.empty())
    return schema_error("bảng " + by_name.begin()->first + " không có ở nơi chép đi",
                        "table " + by_name.begin()->first + " is missing from the source");
  return {};
}

// The tables in an order where each comes after those its foreign keys
// point at; otherwise in the order the schema created them.
Result<std::vector<CopyTable>> in_reference_order(std::vector<CopyTable> tables) {
  std::vector<CopyTable> ordered;
  std::set<std::string> names, placed;
  for (const CopyTable& table : tables) names.insert(table.name);
  while (!tables.empty()) {
    auto ready = std::find_if(tables.begin(), tables.end(), [&](const CopyTable& table) {
      return std::all_of(table.references.begin(), table.references.end(), [&](const std::string& target) {
        return target == table.name || placed.count(target) != 0 || names.count(target) == 0;
      });
    });
    if (ready == tables.end())
      return schema_error("khoá ngoại của bảng " + tables.front().name + " tạo thành vòng",
                          "the foreign keys of table " + tables.front().name + " form a cycle");
    placed.insert(ready->name);
    ordered.push_back(std::move(*ready));
    tables.erase(ready);
  }
  return ordered;
}

Error with_table(const Error& error, const std::string& table) {
  Error wrapped = error;
  wrapped.message = "Chép bảng " + table + ": " + error.message;
  if (!error.message_en.empty()) wrapped.message_en = "Copying table " + table + ": " + error.message_en;
  return wrapped;
}

}  // namespace

Result<StoreCopy> copy_store(const std::string& from, const std::string& to) {
  std::error_code ignored;
  if (from == to || (!pg::is_postgresql_uri(from) && !pg::is_postgresql_uri(to) &&
                     std::filesystem::equivalent(from, to, ignored)))
    return make_error(ErrorKind::conflict, "Nơi chép đến là chính cơ sở dữ liệu chép đi (" + from + ").",
                      "The destination is the source itself (" + from + ").");
  auto source = open_source(from);
  if (!source) return source.error();
  auto destination = open_destination(to);
  if (!destination) return destination.error();
  StoreCopy copy;
  copy.from = (*source)->name();
  copy.to = (*destination)->name();

  if (auto began = (*source)->begin_read(); !began) return began.error();
  auto source_tables = (*source)->tables();
  if (!source_tables) return source_tables.error();
  auto destination_tables = (*destination)->tables();
  if (!destination_tables) return destination_tables.error();
  if (auto same = same_schema(*source_tables, *destination_tables); !same) return same.error();
  auto tables = in_reference_order(std::move(*source_tables));
  if (!tables) return tables.error();

  if (auto began = (*destination)->begin_write(); !began) return began.error();
  for (const CopyTable& table : *tables) {
    auto rows = (*destination)->row_count(table.name);
    if (!rows) return with_table(rows.error(), table.name);
    if (*rows != 0)
      return make_error(ErrorKind::conflict,
                        "Nơi chép đến " + copy.to + " không trống (bảng " + table.name + " có " +
                            std::to_string(*rows) +
                            " dòng): chiso copy chỉ chép vào một cơ sở dữ liệu mới hoặc trống.",
                        "The destination " + copy.to + " is not empty (table " + table.name + " has " +
                            std::to_string(*rows) + " rows): chiso copy only writes into a new or empty database.");
  }

  for (const CopyTable& table : *tables) {
    std::int64_t copied = 0;
    if (auto began = (*destination)->write_begin_table(table.name, table.columns); !began)
      return with_table(began.error(), table.name);
    auto read = (*source)->read(table.name, table.columns, [&](const CopyRow& row) -> Result<void> {
      ++copied;
      return (*destination)->write_row(row);
    });
    if (!read) return with_table(read.error(), table.name);
    if (auto ended = (*destination)->write_end_table(); !ended) return with_table(ended.error(), table.name);

    // Both sides counted: what the snapshot holds, what the transaction wrote.
    auto source_rows = (*source)->row_count(table.name);
    if (!source_rows) return with_table(source_rows.error(), table.name);
    auto destination_rows = (*destination)->row_count(table.name);
    if (!destination_rows) return with_table(destination_rows.error(), table.name);
    if (*source_rows != copied || *destination_rows != copied)
      return with_table(make_error(ErrorKind::internal,
                                   "đọc " + std::to_string(copied) + " dòng, nơi chép đi có " +
                                       std::to_string(*source_rows) + ", nơi chép đến có " +
                                       std::to_string(*destination_rows) + "; không lưu gì.",
                                   "read " + std::to_string(copied) + " rows, the source has " +
                                       std::to_string(*source_rows) + ", the destination " +
                                       std::to_string(*destination_rows) + "; nothing kept."),
                        table.name);
    copy.tables.push_back({table.name, copied});
  }
  if (auto committed = (*destination)->commit_write(); !committed) return committed.error();
  return copy;
}

}  // namespace chiso
