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

// The page cache of a connection that writes groups: a server's one writer
// (server/worker_pool.h), which writes all day. Each save changes a page of
// the version index at its own unit's place (200 reporters saving touch 200
// such pages, besides the tables' last pages), more than the 512 KiB every
// connection gets (sqlite_store.cpp, chosen for imports): with it each save
// read back pages it had just written, from the log, by a system call.
constexpr int group_writer_cache_kib = 8 * 1024;

}  // namespace

Result<std::unique_ptr<WriteGroup>> SqliteStore::begin_write_group() {
  // The schema of a new file is made in a transaction of its own, with
  // pragmas a transaction would refuse: before the group.
  if (auto ready = ensure_schema(); !ready) return ready.error();
  if (connection_->in_write_group())
    return make_error(ErrorKind::internal, "Lỗi nội bộ: một nhóm lần ghi đã mở trên kết nối này.",
                      "Internal error: a group of writes is already open on this connection.");
  if (!writes_groups_) {
    // Its log copied and synced by the server's sync thread
    // (SqliteStore::sync_committed), not at its own commits.
    const std::string setup = "PRAGMA cache_size = -" + std::to_string(group_writer_cache_kib) +
                              "; PRAGMA wal_autocheckpoint = " + std::to_string(group_writer_checkpoint_frames);
    if (auto set = connection_->exec(setup, "group commit"); !set) return set.error();
    writes_groups_ = true;
  }
  auto transaction = Transaction::begin_immediate(connection_, "group commit");
  if (!transaction) return transaction.error();
  return std::unique_ptr<WriteGroup>(new SqliteWriteGroup(connection_, std::move(*transaction)));
}

}  // namespace chiso::store_detail
