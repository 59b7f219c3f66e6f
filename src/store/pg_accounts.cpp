#include "store/pg_accounts.h"

#include <optional>
#include <string>
#include <type_traits>
#include <unordered_map>
#include <variant>

#include "store/account_flows.h"

namespace chiso::store_detail {
namespace {

// The trail's lock (account_sql.h): an advisory lock of two keys, apart
// from the schema's migration lock (one key, pg_schema.cpp).
constexpr const char* lock_trail_shared = "SELECT pg_advisory_xact_lock_shared(1128813391, 1)";
constexpr const char* lock_trail_exclusive = "SELECT pg_advisory_xact_lock(1128813391, 1)";
// How long a page of the trail waits for the inserts in flight: each is the
// end of a short transaction (the password is verified before it begins),
// so a longer wait means a server stuck in one; the reader is told busy.
constexpr const char* trail_read_wait = "SET LOCAL lock_timeout = '10s'";

class PgAccountSql final : public AccountSql {
 public:
  explicit PgAccountSql(pg::PgConnection& connection) : connection_(connection) {}

  Result<void> begin(std::string_view) override {
    transaction_.emplace(connection_);
    if (auto began = transaction_->begin(); !began) {
      transaction_.reset();
      return began;
    }
    return {};
  }
  Result<void> commit() override {
    auto committed = transaction_->commit();
    transaction_.reset();
    return committed;
  }
  void rollback() override { transaction_.reset(); }  // PgTransaction rolls back when it goes

  Result<SqlRows> run(const char* sql, std::initializer_list<SqlParam> params) override {
    pg::Params texts;
    texts.reserve(params.size());
    for (const SqlParam& param : params) {
      std::visit(
          [&](const auto& value) {
            if constexpr (std::is_same_v<std::decay_t<decltype(value)>, std::int64_t>)
              texts.emplace_back(std::to_string(value));
            else
              texts.emplace_back(std::string(value));
          },
          param);
    }
    auto result = connection_.prepared(statement_name(sql), sql, texts);
    if (!result) return result.error();
    SqlRows rows(result->columns());
    for (int row = 0; row < result->rows(); ++row)
      for (int col = 0; col < result->columns(); ++col) rows.add(result->text(row, col));
    return rows;
  }

  const char* row_lock() const override { return " FOR UPDATE"; }

  Result<void> lock_trail_for_insert() override {
    if (auto locked = run(lock_trail_shared, {}); !locked) return locked.error();
    return {};
  }
  Result<SqlRows> read_trail(const char* sql, std::initializer_list<SqlParam> params) override {
    pg::PgTransaction reading(connection_);
    if (auto began = reading.begin(); !began) return began.error();
    if (auto set = connection_.exec(trail_read_wait); !set) return set.error();
    if (auto locked = run(lock_trail_exclusive, {}); !locked) return locked.error();
    auto rows = run(sql, params);
    if (!rows) return rows.error();
    if (auto committed = reading.commit(); !committed) return committed.error();
    return rows;
  }

 private:
  // The name each SQL text is prepared under on this connection.
  const std::string& statement_name(const char* sql) {
    auto [slot, added] = names_.try_emplace(sql);
    if (added) slot->second = "account_" + std::to_string(names_.size());
    return slot->second;
  }

  pg::PgConnection& connection_;
  std::optional<pg::PgTransaction> transaction_;
  std::unordered_map<std::string, std::string> names_;
};

}  // namespace

std::unique_ptr<Accounts> make_pg_accounts(pg::PgConnection& connection) {
  return std::make_unique<AccountFlows>(std::make_unique<PgAccountSql>(connection));
}

}  // namespace chiso::store_detail
