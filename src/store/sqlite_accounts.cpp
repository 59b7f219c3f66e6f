#include "store/sqlite_accounts.h"

#include <optional>
#include <type_traits>
#include <variant>

#include "store/account_flows.h"
#include "store/sqlite_store.h"

namespace chiso::store_detail {
namespace {

class SqliteAccountSql final : public AccountSql {
 public:
  SqliteAccountSql(SqliteStore& store, std::shared_ptr<Connection> connection)
      : store_(store), connection_(std::move(connection)) {}

  Result<void> begin(std::string_view what) override {
    if (auto ready = store_.ensure_schema(); !ready) return ready;
    auto transaction = Transaction::begin_immediate(connection_, what);
    if (!transaction) return transaction.error();
    transaction_ = std::move(*transaction);
    return {};
  }
  Result<void> commit() override { return transaction_.commit(); }
  void rollback() override {
    if (transaction_.active()) transaction_.rollback();
  }

  Result<SqlRows> run(const char* sql, std::initializer_list<SqlParam> params) override {
    if (auto ready = store_.ensure_schema(); !ready) return ready.error();
    auto statement = Statement::cached(*connection_, sql);
    if (!statement) return statement.error();
    int param_idx = 1;
    for (const SqlParam& param : params) {
      std::visit(
          [&](const auto& value) {
            if constexpr (std::is_same_v<std::decay_t<decltype(value)>, std::int64_t>)
              statement->bind_int(param_idx, value);
            else
              statement->bind_text(param_idx, value);
          },
          param);
      ++param_idx;
    }
    const int columns = statement->column_count();
    SqlRows rows(columns);
    if (auto read = for_each_row(*statement,
                                 [&] {
                                   for (int col = 0; col < columns; ++col)
                                     rows.add(statement->column_text(col));
                                 });
        !read)
      return read.error();
    return rows;
  }

  const char* row_lock() const override { return ""; }
  // One writer at a time, each insert the next rowid: ids commit in order.
  Result<void> lock_trail_for_insert() override { return {}; }
  Result<SqlRows> read_trail(const char* sql, std::initializer_list<SqlParam> params) override {
    return run(sql, params);
  }

 private:
  SqliteStore& store_;
  std::shared_ptr<Connection> connection_;
  Transaction transaction_;
};

}  // namespace

std::unique_ptr<Accounts> make_sqlite_accounts(SqliteStore& store,
                                               std::shared_ptr<Connection> connection) {
  return std::make_unique<AccountFlows>(
      std::make_unique<SqliteAccountSql>(store, std::move(connection)));
}

}  // namespace chiso::store_detail
