// Accounts (accounts.h) on either store: the flows of users, logins and
// their limits, sessions, passwords and the trail, written once over the
// small layer each store gives (account_sql.h: SqliteAccountSql in
// sqlite_accounts.cpp, PgAccountSql in pg_accounts.cpp). Internal to
// src/store; a store makes one on its first accounts().
//
// Tables (migration 3, docs/storage.md): account, account_unit,
// account_session (the SHA-256 of each token, never the token),
// login_failure (the SHA-256 of the name typed, the address, the time) and
// auth_event (the trail). Every piece of state is in the database, so that
// several `chiso serve` on one database (PostgreSQL, or one SQLite file)
// share users, sessions, login limits and the trail, and behave as one.
//
// How two writers stay out of each other's way: every write is one
// transaction of the layer (SQLite: BEGIN IMMEDIATE, the whole database;
// PostgreSQL: READ COMMITTED, with rows locked as below), and
//   - a change of an account (password, role, units, name shown, disabled)
//     reads it locked first (AccountSql::row_lock), so two administrators'
//     changes of one user are applied one after the other, each recorded;
//   - a new user is inserted with ON CONFLICT on name_key: of two servers
//     adding one name, one adds it and the other answers a conflict;
//   - a login's last step re-reads the account locked: a password changed or
//     a user disabled (through any server) while this one verified the
//     password wins;
//   - a change of one's own password updates only while the stored hash is
//     the one verified (compare and set), else conflict;
//   - login limits count rows of login_failure, written by every server;
//   - the trail is paged by id, and no page is followed by the commit of a
//     smaller id (account_sql.h says how): a reader paging with after_id
//     misses nothing that any server recorded.
//
// What happens outside a transaction, and why: Argon2id takes tens of
// milliseconds and tens of MiB, so passwords are hashed and verified before
// the write transaction begins, never while a lock is held. The limits are
// read before the password is verified; two logins racing past a limit at
// the same moment may both be tried (the limit holds within the number of
// logins in flight at once).
//
// A session's last use is written only when at least
// `session_touch_interval_s` have passed since the last write (by whichever
// server sees the request, never backwards): a page's every request reads
// its session, and a write per request would serialise the readers on the
// write lock. Idle expiry is then late by at most that.
//
// Thread-safety: as the store; one thread at a time.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "store/account_sql.h"
#include "store/accounts.h"

namespace chiso::store_detail {

class AccountFlows final : public Accounts {
 public:
  explicit AccountFlows(std::unique_ptr<AccountSql> sql);

  void set_policy(const AccountPolicy& policy) override { policy_ = policy; }
  Result<std::string> add_user(const NewUser& user, std::string_view actor,
                               std::int64_t now_unix) override;
  Result<std::vector<User>> users() override;
  Result<User> user(std::string_view name) override;
  Result<std::string> set_password(std::string_view name, std::string_view password, bool one_time,
                                   std::string_view actor, std::int64_t now_unix) override;
  Result<void> set_disabled(std::string_view name, bool disabled, std::string_view actor,
                            std::int64_t now_unix) override;
  Result<void> set_role(std::string_view name, Role role, const std::vector<std::string>& units,
                        std::string_view actor, std::int64_t now_unix) override;
  Result<void> set_display_name(std::string_view name, std::string_view display_name,
                                std::string_view actor, std::int64_t now_unix) override;
  Result<Session> login(std::string_view name, std::string_view password, std::string_view address,
                        std::int64_t now_unix) override;
  Result<Session> session(std::string_view token, std::int64_t now_unix) override;
  Result<void> logout(std::string_view token, std::int64_t now_unix) override;
  Result<void> change_password(std::string_view token, std::string_view old_password,
                               std::string_view new_password, std::int64_t now_unix) override;
  Result<std::vector<AuthEvent>> auth_events(const AuthEventQuery& query) override;

 private:
  struct Stored {  // an account row with what login needs
    User user;
    std::string password_hash;
  };
  struct LiveSession {
    std::int64_t id = 0;
    std::string address;
    Stored account;
  };
  // One write transaction of the layer: rolled back when it goes
  // uncommitted.
  class Writing;

  // The account of `name` (compared case-insensitively), none when absent;
  // with `lock`, its row locked until the transaction ends (REQUIRES one).
  Result<std::optional<Stored>> find(std::string_view name, bool lock);
  // The same, not found (naming it) when absent.
  Result<Stored> find_existing(std::string_view name, bool lock);
  Result<void> load_units(User& user);
  // The session of `token` if it is live at `now_unix` (moving its last use);
  // else not found.
  Result<LiveSession> live_session(std::string_view token, std::int64_t now_unix);
  // The refusal when a login limit holds for the name's digest or the
  // address at `now_unix`; none when the login may be tried.
  Result<std::optional<Error>> limit_refusal(const std::string& name_digest,
                                             std::string_view address, std::int64_t now_unix);
  // Records a failed try (in its own transaction) with its event.
  Result<void> record_failure(const std::string& name_digest, std::string_view user,
                              std::string_view address, std::string_view detail,
                              std::int64_t now_unix);
  // Records an event in a transaction of its own.
  Result<void> record_alone(std::string_view user, std::string_view action,
                            std::string_view address, std::string_view detail,
                            std::int64_t now_unix);
  // Inserts an event (AccountSql::lock_trail_for_insert first). REQUIRES: an
  // open transaction, in which nothing but the commit follows.
  Result<void> record(std::string_view user, std::string_view actor, std::string_view action,
                      std::string_view address, std::string_view detail, std::int64_t now_unix);
  Result<void> replace_units(std::int64_t account_id, const std::vector<std::string>& units);
  Result<void> end_sessions(std::int64_t account_id, std::int64_t except_session_id);

  std::unique_ptr<AccountSql> sql_;
  std::string find_locked_sql_;  // the account's SELECT with the layer's row lock
  AccountPolicy policy_;
};

}  // namespace chiso::store_detail
