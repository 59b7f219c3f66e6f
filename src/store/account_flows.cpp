#include "store/account_flows.h"

#include <algorithm>
#include <functional>
#include <map>
#include <utility>

#include "common/limits.h"
#include "store/account_secrets.h"

namespace chiso::store_detail {
namespace {

// The SQL of the flows, in the text both databases accept ($N parameters).
#define CHISO_ACCOUNT_COLUMNS                                                                    \
  "a.id, a.name, a.display_name, a.role, a.disabled, a.must_change_password, a.created_at_utc, " \
  "a.password_hash"

constexpr const char* find_account =
    "SELECT " CHISO_ACCOUNT_COLUMNS " FROM account a WHERE a.name_key = $1";
constexpr const char* all_accounts =
    "SELECT " CHISO_ACCOUNT_COLUMNS " FROM account a ORDER BY a.name_key";
constexpr const char* session_by_token =
    "SELECT s.id, s.address, s.last_seen_unix, " CHISO_ACCOUNT_COLUMNS
    " FROM account_session s JOIN account a ON a.id = s.account_id WHERE s.token_sha256 = $1";
constexpr const char* units_of_account =
    "SELECT unit FROM account_unit WHERE account_id = $1 ORDER BY unit_order";
constexpr const char* all_units =
    "SELECT account_id, unit FROM account_unit ORDER BY account_id, unit_order";
constexpr const char* last_logins =
    "SELECT account, max(at_utc) FROM auth_event WHERE action = 'login' GROUP BY account";
constexpr const char* insert_event =
    "INSERT INTO auth_event (at_unix, at_utc, account, actor, action, address, detail) "
    "VALUES ($1, $2, $3, $4, $5, $6, $7)";
constexpr const char* remove_units = "DELETE FROM account_unit WHERE account_id = $1";
constexpr const char* insert_unit =
    "INSERT INTO account_unit (account_id, unit_order, unit) VALUES ($1, $2, $3)";
constexpr const char* end_other_sessions =
    "DELETE FROM account_session WHERE account_id = $1 AND id <> $2";
constexpr const char* insert_account =
    "INSERT INTO account (name, name_key, display_name, role, password_hash, "
    "must_change_password, disabled, created_at_utc, changed_at_utc) "
    "VALUES ($1, $2, $3, $4, $5, $6, 0, $7, $7) ON CONFLICT (name_key) DO NOTHING RETURNING id";
constexpr const char* set_password_hash =
    "UPDATE account SET password_hash = $2, must_change_password = $3, changed_at_utc = $4 "
    "WHERE id = $1";
constexpr const char* set_disabled_flag =
    "UPDATE account SET disabled = $2, changed_at_utc = $3 WHERE id = $1";
constexpr const char* set_role_name =
    "UPDATE account SET role = $2, changed_at_utc = $3 WHERE id = $1";
constexpr const char* set_shown_name =
    "UPDATE account SET display_name = $2, changed_at_utc = $3 WHERE id = $1";
// The n-th newest failure in the window ($3 = n - 1): while it is in the
// window, n failures are, and the limit holds until it leaves.
constexpr const char* nth_failure_of_name =
    "SELECT at_unix FROM login_failure WHERE name_sha256 = $1 AND at_unix > $2 "
    "ORDER BY at_unix DESC LIMIT 1 OFFSET $3";
constexpr const char* nth_failure_from_address =
    "SELECT at_unix FROM login_failure WHERE address = $1 AND at_unix > $2 "
    "ORDER BY at_unix DESC LIMIT 1 OFFSET $3";
constexpr const char* prune_failures = "DELETE FROM login_failure WHERE at_unix <= $1";
constexpr const char* insert_failure =
    "INSERT INTO login_failure (name_sha256, address, at_unix) VALUES ($1, $2, $3)";
constexpr const char* rehash = "UPDATE account SET password_hash = $2 WHERE id = $1";
constexpr const char* forget_failures = "DELETE FROM login_failure WHERE name_sha256 = $1";
constexpr const char* expire_sessions = "DELETE FROM account_session WHERE last_seen_unix < $1";
constexpr const char* insert_session =
    "INSERT INTO account_session (token_sha256, account_id, address, created_unix, last_seen_unix) "
    "VALUES ($1, $2, $3, $4, $4)";
constexpr const char* remove_session = "DELETE FROM account_session WHERE id = $1 RETURNING id";
// Another server may have moved it already: never backwards.
constexpr const char* touch_session =
    "UPDATE account_session SET last_seen_unix = $2 WHERE id = $1 AND last_seen_unix < $2";
constexpr const char* session_owner =
    "SELECT s.id, a.name, s.address FROM account_session s JOIN account a ON a.id = s.account_id "
    "WHERE s.token_sha256 = $1";
// Compare and set: only while the hash is the one verified.
constexpr const char* change_own_password =
    "UPDATE account SET password_hash = $2, must_change_password = 0, changed_at_utc = $3 "
    "WHERE id = $1 AND password_hash = $4 RETURNING id";
constexpr const char* events_after =
    "SELECT id, at_utc, account, actor, action, address, detail FROM auth_event WHERE id > $1 "
    "ORDER BY id LIMIT $2";
constexpr const char* events_of_account_after =
    "SELECT id, at_utc, account, actor, action, address, detail FROM auth_event "
    "WHERE account = $1 AND id > $2 ORDER BY id LIMIT $3";
#undef CHISO_ACCOUNT_COLUMNS

// Reads CHISO_ACCOUNT_COLUMNS of row `row` from `first_col` on.
void read_account(const SqlRows& rows, int row, int first_col, std::string& password_hash,
                  User& user) {
  int col = first_col;
  user.id = rows.integer(row, col++);
  user.name = rows.text(row, col++);
  user.display_name = rows.text(row, col++);
  user.role = role_from_name(rows.text(row, col++)).value_or(Role::viewer);
  user.disabled = rows.integer(row, col++) != 0;
  user.must_change_password = rows.integer(row, col++) != 0;
  user.created_at_utc = rows.text(row, col++);
  password_hash = rows.text(row, col++);
}

std::int64_t flag(bool value) { return value ? 1 : 0; }

}  // namespace

class AccountFlows::Writing {
 public:
  Writing(AccountSql& sql, std::string_view what)
      : sql_(sql), began_(sql.begin(what)), open_(began_.ok()) {}
  ~Writing() {
    if (open_) sql_.rollback();
  }
  Writing(const Writing&) = delete;
  Writing& operator=(const Writing&) = delete;

  // Whether the transaction began (its error otherwise).
  const Result<void>& began() const { return began_; }
  // REQUIRES: began().
  Result<void> commit() {
    open_ = false;
    return sql_.commit();
  }

 private:
  AccountSql& sql_;
  Result<void> began_;
  bool open_;
};

AccountFlows::AccountFlows(std::unique_ptr<AccountSql> sql)
    : sql_(std::move(sql)), find_locked_sql_(std::string(find_account) + sql_->row_lock()) {}

Result<std::optional<AccountFlows::Stored>> AccountFlows::find(std::string_view name, bool lock) {
  const std::string key = name_key(name);
  auto found = sql_->run(lock ? find_locked_sql_.c_str() : find_account, {std::string_view(key)});
  if (!found) return found.error();
  if (found->rows() == 0) return std::optional<Stored>();
  Stored stored;
  read_account(*found, 0, 0, stored.password_hash, stored.user);
  if (auto units = load_units(stored.user); !units) return units.error();
  return std::optional<Stored>(std::move(stored));
}

Result<AccountFlows::Stored> AccountFlows::find_existing(std::string_view name, bool lock) {
  auto found = find(name, lock);
  if (!found) return found.error();
  if (!found->has_value()) return no_such_user(name);
  return std::move(**found);
}

Result<void> AccountFlows::load_units(User& user) {
  auto units = sql_->run(units_of_account, {user.id});
  if (!units) return units.error();
  user.units.clear();
  for (int row = 0; row < units->rows(); ++row) user.units.emplace_back(units->text(row, 0));
  return {};
}

Result<void> AccountFlows::record(std::string_view user, std::string_view actor,
                                  std::string_view action, std::string_view address,
                                  std::string_view detail, std::int64_t now_unix) {
  if (auto locked = sql_->lock_trail_for_insert(); !locked) return locked;
  const std::string at_utc = utc_iso8601(now_unix);
  auto inserted = sql_->run(insert_event, {now_unix, at_utc, user, actor, action, address, detail});
  if (!inserted) return inserted.error();
  return {};
}

Result<void> AccountFlows::record_alone(std::string_view user, std::string_view action,
                                        std::string_view address, std::string_view detail,
                                        std::int64_t now_unix) {
  Writing writing(*sql_, action);
  if (!writing.began()) return writing.began();
  if (auto recorded = record(user, user, action, address, detail, now_unix); !recorded)
    return recorded;
  return writing.commit();
}

Result<void> AccountFlows::replace_units(std::int64_t account_id,
                                         const std::vector<std::string>& units) {
  if (auto removed = sql_->run(remove_units, {account_id}); !removed) return removed.error();
  for (std::size_t unit_idx = 0; unit_idx < units.size(); ++unit_idx) {
    auto inserted = sql_->run(insert_unit, {account_id, static_cast<std::int64_t>(unit_idx),
                                            std::string_view(units[unit_idx])});
    if (!inserted) return inserted.error();
  }
  return {};
}

Result<void> AccountFlows::end_sessions(std::int64_t account_id, std::int64_t except_session_id) {
  if (auto removed = sql_->run(end_other_sessions, {account_id, except_session_id}); !removed)
    return removed.error();
  return {};
}

Result<std::string> AccountFlows::add_user(const NewUser& user, std::string_view actor,
                                           std::int64_t now_unix) {
  if (auto valid = check_user_name(user.name); !valid) return valid.error();
  if (auto valid = check_display_name(user.display_name); !valid) return valid.error();
  auto units = checked_units(user.role, user.units);
  if (!units) return units.error();
  auto password = new_password(user.password, policy_.min_password_length);
  if (!password) return password.error();
  const bool one_time = !password->one_time.empty();

  Writing writing(*sql_, "user add");
  if (!writing.began()) return writing.began().error();
  const std::string key = name_key(user.name);
  const std::string at_utc = utc_iso8601(now_unix);
  auto inserted = sql_->run(
      insert_account, {user.name, key, user.display_name.empty() ? user.name : user.display_name,
                       role_name(user.role), password->hash, flag(one_time), at_utc});
  if (!inserted) return inserted.error();
  if (inserted->rows() == 0) {
    auto taken = find(user.name, false);
    if (!taken) return taken.error();
    return name_taken(taken->has_value() ? (*taken)->user.name : user.name);
  }
  const std::int64_t account_id = inserted->integer(0, 0);
  if (auto written = replace_units(account_id, *units); !written) return written.error();
  if (auto recorded = record(user.name, actor, "user_add", "",
                             user_add_detail(user.role, *units, one_time), now_unix);
      !recorded)
    return recorded.error();
  if (auto committed = writing.commit(); !committed) return committed.error();
  return password->one_time;
}

Result<std::vector<User>> AccountFlows::users() {
  auto accounts = sql_->run(all_accounts, {});
  if (!accounts) return accounts.error();
  std::vector<User> users(static_cast<std::size_t>(accounts->rows()));
  std::map<std::int64_t, std::size_t> index_by_id;
  std::map<std::string, std::size_t, std::less<>> index_by_name;
  std::string unused_hash;
  for (int row = 0; row < accounts->rows(); ++row) {
    const auto user_idx = static_cast<std::size_t>(row);
    read_account(*accounts, row, 0, unused_hash, users[user_idx]);
    index_by_id[users[user_idx].id] = user_idx;
    index_by_name[users[user_idx].name] = user_idx;
  }
  auto units = sql_->run(all_units, {});
  if (!units) return units.error();
  for (int row = 0; row < units->rows(); ++row)
    if (auto found = index_by_id.find(units->integer(row, 0)); found != index_by_id.end())
      users[found->second].units.emplace_back(units->text(row, 1));
  auto logins = sql_->run(last_logins, {});
  if (!logins) return logins.error();
  for (int row = 0; row < logins->rows(); ++row)
    if (auto found = index_by_name.find(logins->text(row, 0)); found != index_by_name.end())
      users[found->second].last_login_utc = logins->text(row, 1);
  return users;
}

Result<User> AccountFlows::user(std::string_view name) {
  auto found = find_existing(name, false);
  if (!found) return found.error();
  return std::move(found->user);
}

Result<std::string> AccountFlows::set_password(std::string_view name, std::string_view password,
                                               bool one_time, std::string_view actor,
                                               std::int64_t now_unix) {
  auto made = new_password(password, policy_.min_password_length);
  if (!made) return made.error();
  const bool must_change = !made->one_time.empty() || one_time;
  Writing writing(*sql_, "user passwd");
  if (!writing.began()) return writing.began().error();
  auto account = find_existing(name, true);
  if (!account) return account.error();
  const std::string at_utc = utc_iso8601(now_unix);
  if (auto updated =
          sql_->run(set_password_hash, {account->user.id, made->hash, flag(must_change), at_utc});
      !updated)
    return updated.error();
  if (auto ended = end_sessions(account->user.id, 0); !ended) return ended.error();
  if (auto recorded = record(account->user.name, actor, "password", "",
                             must_change ? "one-time password set" : "password set", now_unix);
      !recorded)
    return recorded.error();
  if (auto committed = writing.commit(); !committed) return committed.error();
  return made->one_time;
}

Result<void> AccountFlows::set_disabled(std::string_view name, bool disabled,
                                        std::string_view actor, std::int64_t now_unix) {
  Writing writing(*sql_, disabled ? "user disable" : "user enable");
  if (!writing.began()) return writing.began();
  auto account = find_existing(name, true);
  if (!account) return account.error();
  if (account->user.disabled == disabled) return {};
  const std::string at_utc = utc_iso8601(now_unix);
  if (auto updated = sql_->run(set_disabled_flag, {account->user.id, flag(disabled), at_utc});
      !updated)
    return updated.error();
  if (disabled)
    if (auto ended = end_sessions(account->user.id, 0); !ended) return ended;
  if (auto recorded = record(account->user.name, actor, "user_change", "",
                             disabled ? "disabled" : "enabled", now_unix);
      !recorded)
    return recorded;
  return writing.commit();
}

Result<void> AccountFlows::set_role(std::string_view name, Role role,
                                    const std::vector<std::string>& units, std::string_view actor,
                                    std::int64_t now_unix) {
  auto kept_units = checked_units(role, units);
  if (!kept_units) return kept_units.error();
  Writing writing(*sql_, "user role");
  if (!writing.began()) return writing.began();
  auto account = find_existing(name, true);
  if (!account) return account.error();
  if (account->user.role == role && account->user.units == *kept_units) return {};
  const std::string at_utc = utc_iso8601(now_unix);
  if (auto updated = sql_->run(set_role_name, {account->user.id, role_name(role), at_utc});
      !updated)
    return updated.error();
  if (auto written = replace_units(account->user.id, *kept_units); !written) return written;
  if (auto recorded = record(
          account->user.name, actor, "user_change", "",
          role_change_detail(account->user.role, account->user.units, role, *kept_units), now_unix);
      !recorded)
    return recorded;
  return writing.commit();
}

Result<void> AccountFlows::set_display_name(std::string_view name, std::string_view display_name,
                                            std::string_view actor, std::int64_t now_unix) {
  if (auto valid = check_display_name(display_name); !valid) return valid;
  Writing writing(*sql_, "user display name");
  if (!writing.began()) return writing.began();
  auto account = find_existing(name, true);
  if (!account) return account.error();
  const std::string shown(display_name.empty() ? std::string_view(account->user.name)
                                               : display_name);
  if (account->user.display_name == shown) return {};
  const std::string at_utc = utc_iso8601(now_unix);
  if (auto updated = sql_->run(set_shown_name, {account->user.id, shown, at_utc}); !updated)
    return updated.error();
  if (auto recorded = record(account->user.name, actor, "user_change", "",
                             display_name_detail(account->user.display_name, shown), now_unix);
      !recorded)
    return recorded;
  return writing.commit();
}

Result<std::optional<Error>> AccountFlows::limit_refusal(const std::string& name_digest,
                                                         std::string_view address,
                                                         std::int64_t now_unix) {
  const std::int64_t window_s = std::int64_t{policy_.window_minutes} * 60;
  struct Limit {
    const char* sql;
    std::string_view key;
    int failures;
    bool per_account;
  };
  const Limit limits[] = {
      {nth_failure_of_name, name_digest, policy_.account_failures, true},
      {nth_failure_from_address, address, policy_.address_failures, false},
  };
  for (const Limit& limit : limits) {
    if (limit.key.empty() || limit.failures <= 0) continue;
    auto nth =
        sql_->run(limit.sql, {limit.key, now_unix - window_s, std::int64_t{limit.failures - 1}});
    if (!nth) return nth.error();
    if (nth->rows() == 0) continue;
    return std::optional<Error>(login_limit_reached(limit.failures, policy_.window_minutes,
                                                    limit.per_account,
                                                    nth->integer(0, 0) + window_s - now_unix));
  }
  return std::optional<Error>();
}

Result<void> AccountFlows::record_failure(const std::string& name_digest, std::string_view user,
                                          std::string_view address, std::string_view detail,
                                          std::int64_t now_unix) {
  Writing writing(*sql_, "login");
  if (!writing.began()) return writing.began();
  if (auto pruned =
          sql_->run(prune_failures, {now_unix - std::int64_t{policy_.window_minutes} * 60});
      !pruned)
    return pruned.error();
  if (auto inserted = sql_->run(insert_failure, {name_digest, address, now_unix}); !inserted)
    return inserted.error();
  if (auto recorded = record(user, user, "login_failed", address, detail, now_unix); !recorded)
    return recorded;
  return writing.commit();
}

Result<Session> AccountFlows::login(std::string_view name, std::string_view password,
                                    std::string_view address, std::int64_t now_unix) {
  address = address.substr(0, limits::client_address_bytes_max);
  const std::string name_digest = failure_key(name);
  auto refusal = limit_refusal(name_digest, address, now_unix);
  if (!refusal) return refusal.error();
  std::optional<Stored> account;
  if (name.size() <= limits::user_name_bytes_max) {
    auto found = find(name, false);
    if (!found) return found.error();
    account = std::move(*found);
  }
  const std::string known_name = account ? account->user.name : std::string();
  if (refusal->has_value()) {
    if (auto recorded =
            record_alone(known_name, "login_refused", address, (*refusal)->message_en, now_unix);
        !recorded)
      return recorded.error();
    return **refusal;
  }

  // A password over the limit is not hashed (nor is it anyone's: no such
  // password can be set).
  const bool matches =
      password.size() <= limits::password_bytes_max &&
      (account ? password_matches(account->password_hash, password) : matches_dummy_hash(password));
  if (!matches) {
    if (auto recorded = record_failure(name_digest, known_name, address,
                                       account ? "wrong password" : "unknown name", now_unix);
        !recorded)
      return recorded.error();
    return wrong_credentials();
  }
  if (account->user.disabled) {
    if (auto recorded =
            record_alone(known_name, "login_failed", address, "account disabled", now_unix);
        !recorded)
      return recorded.error();
    return account_disabled(known_name);
  }
  std::optional<std::string> rehashed;
  if (hash_needs_rehash(account->password_hash)) {
    auto hash = hash_password(password);
    if (!hash) return hash.error();
    rehashed = std::move(*hash);
  }

  Writing writing(*sql_, "login");
  if (!writing.began()) return writing.began().error();
  // The account as it is now, locked: a password changed or a user disabled
  // (through any server) while the password was being verified wins.
  auto current = find(name, true);
  if (!current) return current.error();
  if (!current->has_value() || (*current)->password_hash != account->password_hash ||
      (*current)->user.disabled)
    return wrong_credentials();
  if (rehashed)
    if (auto updated = sql_->run(rehash, {account->user.id, *rehashed}); !updated)
      return updated.error();
  if (auto forgotten = sql_->run(forget_failures, {name_digest}); !forgotten)
    return forgotten.error();
  if (auto expired =
          sql_->run(expire_sessions, {now_unix - std::int64_t{policy_.idle_minutes} * 60});
      !expired)
    return expired.error();

  Session session = session_of(random_token(), std::move((*current)->user), now_unix);
  const std::string token_sha256 = token_digest(session.token);
  if (auto inserted = sql_->run(insert_session, {token_sha256, session.user.id, address, now_unix});
      !inserted)
    return inserted.error();
  if (auto recorded = record(session.user.name, session.user.name, "login", address,
                             rehashed ? "password hash renewed" : "", now_unix);
      !recorded)
    return recorded.error();
  if (auto committed = writing.commit(); !committed) return committed.error();
  return session;
}

Result<AccountFlows::LiveSession> AccountFlows::live_session(std::string_view token,
                                                             std::int64_t now_unix) {
  if (!plausible_token(token)) return no_live_session();
  const std::string token_sha256 = token_digest(token);
  auto found = sql_->run(session_by_token, {token_sha256});
  if (!found) return found.error();
  if (found->rows() == 0) return no_live_session();
  LiveSession live;
  live.id = found->integer(0, 0);
  live.address = found->text(0, 1);
  const std::int64_t last_seen_unix = found->integer(0, 2);
  read_account(*found, 0, 3, live.account.password_hash, live.account.user);

  const bool idle = now_unix - last_seen_unix > std::int64_t{policy_.idle_minutes} * 60;
  if (idle || live.account.user.disabled || now_unix - last_seen_unix >= session_touch_interval_s) {
    Writing writing(*sql_, "session");
    if (!writing.began()) return writing.began().error();
    if (idle || live.account.user.disabled) {
      if (auto removed = sql_->run(remove_session, {live.id}); !removed) return removed.error();
      if (auto committed = writing.commit(); !committed) return committed.error();
      return no_live_session();
    }
    if (auto touched = sql_->run(touch_session, {live.id, now_unix}); !touched)
      return touched.error();
    if (auto committed = writing.commit(); !committed) return committed.error();
  }
  if (auto units = load_units(live.account.user); !units) return units.error();
  return live;
}

Result<Session> AccountFlows::session(std::string_view token, std::int64_t now_unix) {
  auto live = live_session(token, now_unix);
  if (!live) return live.error();
  Session session = session_of(std::string(token), std::move(live->account.user), now_unix);
  session.token.clear();  // only login() gives the token out
  return session;
}

Result<void> AccountFlows::logout(std::string_view token, std::int64_t now_unix) {
  // Idempotent: a session already ended (expired, logged out, here or
  // through another server) is not an error, as the person is logged out
  // either way.
  if (!plausible_token(token)) return {};
  Writing writing(*sql_, "logout");
  if (!writing.began()) return writing.began();
  const std::string token_sha256 = token_digest(token);
  auto found = sql_->run(session_owner, {token_sha256});
  if (!found) return found.error();
  if (found->rows() == 0) return {};
  const std::string user(found->text(0, 1));
  const std::string address(found->text(0, 2));
  auto removed = sql_->run(remove_session, {found->integer(0, 0)});
  if (!removed) return removed.error();
  if (removed->rows() == 0) return {};  // ended by another server meanwhile
  if (auto recorded = record(user, user, "logout", address, "", now_unix); !recorded)
    return recorded;
  return writing.commit();
}

Result<void> AccountFlows::change_password(std::string_view token, std::string_view old_password,
                                           std::string_view new_password, std::int64_t now_unix) {
  auto live = live_session(token, now_unix);
  if (!live) return live.error();
  const User& user = live->account.user;
  const std::string name_digest = failure_key(user.name);
  auto refusal = limit_refusal(name_digest, live->address, now_unix);
  if (!refusal) return refusal.error();
  if (refusal->has_value()) return **refusal;
  if (old_password.size() > limits::password_bytes_max ||
      !password_matches(live->account.password_hash, old_password)) {
    if (auto recorded = record_failure(name_digest, user.name, live->address,
                                       "wrong current password", now_unix);
        !recorded)
      return recorded;
    return wrong_current_password();
  }
  if (auto valid = check_new_password(new_password, policy_.min_password_length); !valid)
    return valid;
  if (secrets_equal(old_password, new_password)) return same_new_password();
  auto hash = hash_password(new_password);
  if (!hash) return hash.error();

  Writing writing(*sql_, "password");
  if (!writing.began()) return writing.began();
  const std::string at_utc = utc_iso8601(now_unix);
  auto updated =
      sql_->run(change_own_password, {user.id, *hash, at_utc, live->account.password_hash});
  if (!updated) return updated.error();
  if (updated->rows() == 0) return password_changed_elsewhere();
  if (auto ended = end_sessions(user.id, live->id); !ended) return ended;
  if (auto recorded =
          record(user.name, user.name, "password", live->address, "changed by the user", now_unix);
      !recorded)
    return recorded;
  return writing.commit();
}

Result<std::vector<AuthEvent>> AccountFlows::auth_events(const AuthEventQuery& query) {
  const std::int64_t limit = std::clamp(query.limit, 1, limits::auth_events_per_query_max);
  // The trail names an account as it is stored; a name typed in another
  // case finds it through the account.
  std::string account_name = query.user;
  if (!query.user.empty()) {
    auto found = find(query.user, false);
    if (!found) return found.error();
    if (found->has_value()) account_name = (*found)->user.name;
  }
  auto selected = account_name.empty() ? sql_->read_trail(events_after, {query.after_id, limit})
                                       : sql_->read_trail(events_of_account_after,
                                                          {account_name, query.after_id, limit});
  if (!selected) return selected.error();
  std::vector<AuthEvent> events(static_cast<std::size_t>(selected->rows()));
  for (int row = 0; row < selected->rows(); ++row) {
    AuthEvent& event = events[static_cast<std::size_t>(row)];
    event.id = selected->integer(row, 0);
    event.at_utc = selected->text(row, 1);
    event.user = selected->text(row, 2);
    event.actor = selected->text(row, 3);
    event.action = selected->text(row, 4);
    event.address = selected->text(row, 5);
    event.detail = selected->text(row, 6);
  }
  return events;
}

}  // namespace chiso::store_detail
