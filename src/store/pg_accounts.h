// The PostgreSQL implementation of Accounts (accounts.h), internal to
// src/store. It shares its store's connection (PgStore::accounts()); every
// piece of state is in the database (tables of migration 3, the same names
// as SQLite's: account, account_unit, account_session, login_failure,
// auth_event), so that several `chiso serve` on one database share users,
// sessions, login limits and the trail, and behave as one.
//
// How two servers stay out of each other's way (READ COMMITTED):
//   - a change of an account (password, role, units, name shown, disabled)
//     locks its row first (SELECT … FOR UPDATE), so two administrators'
//     changes of one user are applied one after the other, each recorded;
//   - a new user is inserted with ON CONFLICT on name_key: of two servers
//     adding one name, one adds it and the other answers a conflict;
//   - a login's last step re-reads the account under its row lock: a
//     password changed or a user disabled through the other server while
//     this one verified the password wins;
//   - a change of one's own password updates only while the stored hash is
//     the one verified (compare and set), else conflict;
//   - login limits count rows of login_failure, written by every server: as
//     in SQLite, two logins racing past a limit at the same moment may both
//     be tried (the limit holds within the logins in flight at once).
// Argon2id runs outside any transaction, as in SQLite (sqlite_accounts.h).
//
// A session's last use is written at most every session_touch_interval_s
// (sqlite_accounts.h), by whichever server sees the request.
//
// Thread-safety: as the store; one thread at a time.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "store/accounts.h"
#include "store/pg_connection.h"

namespace chiso::store_detail {

class PgAccounts final : public Accounts {
 public:
  // REQUIRES: `connection` outlives this object, and its database has the
  // schema (the store creates or migrates it when opened).
  explicit PgAccounts(pg::PgConnection& connection) : connection_(connection) {}

  void set_policy(const AccountPolicy& policy) override { policy_ = policy; }
  Result<std::string> add_user(const NewUser& user, std::string_view actor, std::int64_t now_unix) override;
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
  using Params = std::vector<std::optional<std::string>>;
  struct Stored {  // an account row with what login needs
    User user;
    std::string password_hash;
  };
  struct LiveSession {
    std::int64_t id = 0;
    std::string address;
    Stored account;
  };
  // A statement prepared once per connection under `name`.
  Result<pg::PgRows> run(const char* name, const char* sql, const Params& params);
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
  Result<std::optional<Error>> limit_refusal(const std::string& name_digest, std::string_view address,
                                             std::int64_t now_unix);
  // Records a failed try (in its own transaction) with its event.
  Result<void> record_failure(const std::string& name_digest, std::string_view user, std::string_view address,
                              std::string_view detail, std::int64_t now_unix);
  // Inserts an event (in the open transaction, or on its own).
  Result<void> record(std::string_view user, std::string_view actor, std::string_view action,
                      std::string_view address, std::string_view detail, std::int64_t now_unix);
  Result<void> replace_units(std::int64_t account_id, const std::vector<std::string>& units);
  Result<void> end_sessions(std::int64_t account_id, std::int64_t except_session_id);

  pg::PgConnection& connection_;
  AccountPolicy policy_;
};

}  // namespace chiso::store_detail
