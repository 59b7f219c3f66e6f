// The SQLite implementation of Accounts (accounts.h), internal to src/store.
// It shares its store's connection (SqliteStore::accounts()), so it follows
// the store's discipline: each write is one BEGIN IMMEDIATE transaction
// (a second writer waits up to the busy timeout), reads see the last commit.
//
// Tables (migration 3, docs/storage.md): account, account_unit,
// account_session (the SHA-256 of each token, never the token),
// login_failure (the SHA-256 of the name typed, the address, the time) and
// auth_event (the trail).
//
// What happens outside a transaction, and why: Argon2id takes tens of
// milliseconds and 64 MiB, so passwords are hashed and verified before the
// write transaction begins, never while the write lock is held. The limits
// are read before the password is verified; two logins racing past a limit
// at the same moment may both be tried (the limit holds within the number of
// logins in flight at once).
//
// A session's last use is written only when at least
// `session_touch_interval_s` have passed since the last write: a page's
// every request reads its session, and a write per request would serialise
// the readers on the write lock. Idle expiry is then late by at most that.
//
// Thread-safety: as the Store; one thread at a time.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>

#include "store/accounts.h"
#include "store/sqlite_statement.h"

namespace chiso::store_detail {

class SqliteStore;

class SqliteAccounts final : public Accounts {
 public:
  // REQUIRES: `store` outlives this object (the store owns it).
  SqliteAccounts(SqliteStore& store, std::shared_ptr<Connection> connection)
      : store_(store), connection_(std::move(connection)) {}

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
  Result<void> set_display_name(std::string_view name, std::string_view display_name, std::string_view actor,
                                std::int64_t now_unix) override;
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
  // The account of `name` (compared case-insensitively), none when absent.
  Result<std::optional<Stored>> find(std::string_view name);
  // The same, not found (naming it) when absent.
  Result<Stored> find_existing(std::string_view name);
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
  // Inserts an event; REQUIRES an open transaction.
  Result<void> record(std::string_view user, std::string_view actor, std::string_view action,
                      std::string_view address, std::string_view detail, std::int64_t now_unix);
  Result<void> replace_units(std::int64_t account_id, const std::vector<std::string>& units);
  Result<void> end_sessions(std::int64_t account_id, std::int64_t except_session_id);

  SqliteStore& store_;
  std::shared_ptr<Connection> connection_;
  AccountPolicy policy_;
};

}  // namespace chiso::store_detail
