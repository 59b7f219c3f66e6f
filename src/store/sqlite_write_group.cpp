// A group of writes committed as one (store.h, WriteGroup): the server's one
// writer takes the saves waiting in its queue into one transaction, so that
// a burst of saves costs one WAL commit instead of one each. Each write of
// the group is a savepoint (Transaction in a group), so a write refused
// undoes only itself.
#include "store/sqlite_store.h"

namespace chiso::store_detail {
namespace {

class SqliteWriteGroup final : public WriteGroup {
 public:
  SqliteWriteGroup(std::shared_ptr<Connection> connection, Transaction transaction)
      : connection_(std::move(connection)), transaction_(std::move(transaction)) {
    connection_->set_in_write_group(true);
  }
  ~SqliteWriteGroup() override {
    connection_->set_in_write_group(false);
    transaction_.rollback();
  }

  Result<void> commit() override {
    connection_->set_in_write_group(false);
    // A write of the group may have failed in a way after which SQLite
    // rolls the whole transaction back (a full disk, an I/O error): then
    // COMMIT would fail too, but say only "no transaction is active".
    if (sqlite3_get_autocommit(connection_->get()) != 0) {
      transaction_.rollback();
      return write_group_lost("group commit");
    }
    return transaction_.commit();
  }

 private:
  std::shared_ptr<Connection> connection_;
  Transaction transaction_;
};

}  // namespace

Result<std::unique_ptr<WriteGroup>> SqliteStore::begin_write_group() {
  // The schema of a new file is made in a transaction of its own, with
  // pragmas a transaction would refuse: before the group.
  if (auto ready = ensure_schema(); !ready) return ready.error();
  if (connection_->in_write_group())
    return make_error(ErrorKind::internal, "Lỗi nội bộ: một nhóm lần ghi đã mở trên kết nối này.",
                      "Internal error: a group of writes is already open on this connection.");
  auto transaction = Transaction::begin_immediate(connection_, "group commit");
  if (!transaction) return transaction.error();
  return std::unique_ptr<WriteGroup>(new SqliteWriteGroup(connection_, std::move(*transaction)));
}

}  // namespace chiso::store_detail
