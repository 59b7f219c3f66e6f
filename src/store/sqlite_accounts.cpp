#include "store/sqlite_accounts.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>

#include "common/digest.h"
#include "common/limits.h"
#include "store/account_secrets.h"
#include "store/sqlite_store.h"

namespace chiso::store_detail {
namespace {

constexpr const char* account_columns =
    "a.id, a.name, a.display_name, a.role, a.disabled, a.must_change_password, a.created_at_utc, "
    "a.password_hash";

// Reads account_columns from `first_col` on.
void read_account(const Statement& select, int first_col, std::string& password_hash, User& user) {
  int col = first_col;
  user.id = select.column_int(col++);
  user.name = select.column_text(col++);
  user.display_name = select.column_text(col++);
  user.role = role_from_name(select.column_text(col++)).value_or(Role::viewer);
  user.disabled = select.column_int(col++) != 0;
  user.must_change_password = select.column_int(col++) != 0;
  user.created_at_utc = select.column_text(col++);
  password_hash = select.column_text(col++);
}

}  // namespace

Result<std::optional<SqliteAccounts::Stored>> SqliteAccounts::find(std::string_view name) {
  if (auto ready = store_.ensure_schema(); !ready) return ready.error();
  auto select = Statement::cached(*connection_, std::string("SELECT ") + account_columns +
                                                           " FROM account a WHERE a.name_key = ?1");
  if (!select) return select.error();
  const std::string key = name_key(name);
  select->bind_text(1, key);
  auto found = select->step();
  if (!found) return found.error();
  if (!*found) return std::optional<Stored>();
  Stored stored;
  read_account(*select, 0, stored.password_hash, stored.user);
  select->reset();
  if (auto units = load_units(stored.user); !units) return units.error();
  return std::optional<Stored>(std::move(stored));
}

Result<SqliteAccounts::Stored> SqliteAccounts::find_existing(std::string_view name) {
  auto found = find(name);
  if (!found) return found.error();
  if (!found->has_value()) return no_such_user(name);
  return std::move(**found);
}

Result<void> SqliteAccounts::load_units(User& user) {
  auto select =
      Statement::cached(*connection_,
                         "SELECT unit FROM account_unit WHERE account_id = ?1 ORDER BY unit_order");
  if (!select) return select.error();
  select->bind_int(1, user.id);
  user.units.clear();
  return for_each_row(*select, [&] { user.units.emplace_back(select->column_text(0)); });
}

Result<void> SqliteAccounts::record(std::string_view user, std::string_view actor,
                                    std::string_view action, std::string_view address,
                                    std::string_view detail, std::int64_t now_unix) {
  auto insert = Statement::cached(
      *connection_,
      "INSERT INTO auth_event (at_unix, at_utc, account, actor, action, address, detail) "
      "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)");
  if (!insert) return insert.error();
  const std::string at_utc = utc_iso8601(now_unix);
  insert->bind_int(1, now_unix);
  insert->bind_text(2, at_utc);
  insert->bind_text(3, user);
  insert->bind_text(4, actor);
  insert->bind_text(5, action);
  insert->bind_text(6, address);
  insert->bind_text(7, detail);
  return insert->run();
}

Result<void> SqliteAccounts::replace_units(std::int64_t account_id,
                                           const std::vector<std::string>& units) {
  auto remove =
      Statement::prepare(connection_->get(), "DELETE FROM account_unit WHERE account_id = ?1");
  if (!remove) return remove.error();
  remove->bind_int(1, account_id);
  if (auto ran = remove->run(); !ran) return ran;
  auto insert = Statement::prepare(
      connection_->get(),
      "INSERT INTO account_unit (account_id, unit_order, unit) VALUES (?1, ?2, ?3)");
  if (!insert) return insert.error();
  for (std::size_t unit_idx = 0; unit_idx < units.size(); ++unit_idx) {
    insert->bind_int(1, account_id);
    insert->bind_int(2, static_cast<std::int64_t>(unit_idx));
    insert->bind_text(3, units[unit_idx]);
    if (auto ran = insert->run(); !ran) return ran;
  }
  return {};
}

Result<void> SqliteAccounts::end_sessions(std::int64_t account_id, std::int64_t except_session_id) {
  auto remove = Statement::prepare(
      connection_->get(), "DELETE FROM account_session WHERE account_id = ?1 AND id <> ?2");
  if (!remove) return remove.error();
  remove->bind_int(1, account_id);
  remove->bind_int(2, except_session_id);
  return remove->run();
}

Result<std::string> SqliteAccounts::add_user(const NewUser& user, std::string_view actor,
                                             std::int64_t now_unix) {
  if (auto valid = check_user_name(user.name); !valid) return valid.error();
  if (auto valid = check_display_name(user.display_name); !valid) return valid.error();
  auto units = checked_units(user.role, user.units);
  if (!units) return units.error();
  auto password = new_password(user.password, policy_.min_password_length);
  if (!password) return password.error();
  const bool one_time = !password->one_time.empty();

  if (auto ready = store_.ensure_schema(); !ready) return ready.error();
  auto transaction = Transaction::begin_immediate(connection_, "user add");
  if (!transaction) return transaction.error();
  auto taken = find(user.name);
  if (!taken) return taken.error();
  if (taken->has_value()) return name_taken((*taken)->user.name);
  auto insert = Statement::prepare(
      connection_->get(),
      "INSERT INTO account (name, name_key, display_name, role, password_hash, "
      "must_change_password, disabled, "
      "created_at_utc, changed_at_utc) VALUES (?1, ?2, ?3, ?4, ?5, ?6, 0, ?7, ?7)");
  if (!insert) return insert.error();
  const std::string key = name_key(user.name);
  const std::string at_utc = utc_iso8601(now_unix);
  insert->bind_text(1, user.name);
  insert->bind_text(2, key);
  insert->bind_text(3, user.display_name.empty() ? std::string_view(user.name)
                                                 : std::string_view(user.display_name));
  insert->bind_text(4, role_name(user.role));
  insert->bind_text(5, password->hash);
  insert->bind_int(6, one_time ? 1 : 0);
  insert->bind_text(7, at_utc);
  if (auto ran = insert->run(); !ran) return ran.error();
  const std::int64_t account_id = sqlite3_last_insert_rowid(connection_->get());
  if (auto written = replace_units(account_id, *units); !written) return written.error();
  const std::string detail = user_add_detail(user.role, *units, one_time);
  if (auto recorded = record(user.name, actor, "user_add", "", detail, now_unix); !recorded)
    return recorded.error();
  if (auto committed = transaction->commit(); !committed) return committed.error();
  return password->one_time;
}

Result<std::vector<User>> SqliteAccounts::users() {
  if (auto ready = store_.ensure_schema(); !ready) return ready.error();
  auto select = Statement::prepare(connection_->get(), std::string("SELECT ") + account_columns +
                                                           " FROM account a ORDER BY a.name_key");
  if (!select) return select.error();
  std::vector<User> users;
  std::map<std::int64_t, std::size_t> index_by_id;
  std::string unused_hash;
  if (auto read = for_each_row(*select,
                               [&] {
                                 read_account(*select, 0, unused_hash, users.emplace_back());
                                 index_by_id[users.back().id] = users.size() - 1;
                               });
      !read)
    return read.error();
  auto units = Statement::prepare(
      connection_->get(),
      "SELECT account_id, unit FROM account_unit ORDER BY account_id, unit_order");
  if (!units) return units.error();
  if (auto read = for_each_row(*units,
                               [&] {
                                 auto found = index_by_id.find(units->column_int(0));
                                 if (found != index_by_id.end())
                                   users[found->second].units.emplace_back(units->column_text(1));
                               });
      !read)
    return read.error();
  std::map<std::string, std::size_t> index_by_name;
  for (std::size_t user_idx = 0; user_idx < users.size(); ++user_idx) index_by_name[users[user_idx].name] = user_idx;
  auto logins = Statement::prepare(connection_->get(),
                                   "SELECT account, max(at_utc) FROM auth_event WHERE action = 'login' GROUP BY account");
  if (!logins) return logins.error();
  if (auto read = for_each_row(*logins,
                               [&] {
                                 auto found = index_by_name.find(std::string(logins->column_text(0)));
                                 if (found != index_by_name.end())
                                   users[found->second].last_login_utc = logins->column_text(1);
                               });
      !read)
    return read.error();
  return users;
}

Result<User> SqliteAccounts::user(std::string_view name) {
  auto found = find_existing(name);
  if (!found) return found.error();
  return std::move(found->user);
}

Result<std::string> SqliteAccounts::set_password(std::string_view name, std::string_view password,
                                                 bool one_time, std::string_view actor,
                                                 std::int64_t now_unix) {
  auto made = new_password(password, policy_.min_password_length);
  if (!made) return made.error();
  const bool generated = !made->one_time.empty();
  if (auto ready = store_.ensure_schema(); !ready) return ready.error();
  auto transaction = Transaction::begin_immediate(connection_, "user passwd");
  if (!transaction) return transaction.error();
  auto account = find_existing(name);
  if (!account) return account.error();
  auto update =
      Statement::prepare(connection_->get(),
                         "UPDATE account SET password_hash = ?2, must_change_password = ?3, "
                         "changed_at_utc = ?4 WHERE id = ?1");
  if (!update) return update.error();
  const std::string at_utc = utc_iso8601(now_unix);
  update->bind_int(1, account->user.id);
  update->bind_text(2, made->hash);
  update->bind_int(3, generated || one_time ? 1 : 0);
  update->bind_text(4, at_utc);
  if (auto ran = update->run(); !ran) return ran.error();
  if (auto ended = end_sessions(account->user.id, 0); !ended) return ended.error();
  if (auto recorded =
          record(account->user.name, actor, "password", "",
                 generated || one_time ? "one-time password set" : "password set", now_unix);
      !recorded)
    return recorded.error();
  if (auto committed = transaction->commit(); !committed) return committed.error();
  return made->one_time;
}

Result<void> SqliteAccounts::set_disabled(std::string_view name, bool disabled,
                                          std::string_view actor, std::int64_t now_unix) {
  if (auto ready = store_.ensure_schema(); !ready) return ready.error();
  auto transaction =
      Transaction::begin_immediate(connection_, disabled ? "user disable" : "user enable");
  if (!transaction) return transaction.error();
  auto account = find_existing(name);
  if (!account) return account.error();
  if (account->user.disabled == disabled) return {};
  auto update = Statement::prepare(
      connection_->get(), "UPDATE account SET disabled = ?2, changed_at_utc = ?3 WHERE id = ?1");
  if (!update) return update.error();
  const std::string at_utc = utc_iso8601(now_unix);
  update->bind_int(1, account->user.id);
  update->bind_int(2, disabled ? 1 : 0);
  update->bind_text(3, at_utc);
  if (auto ran = update->run(); !ran) return ran;
  if (disabled)
    if (auto ended = end_sessions(account->user.id, 0); !ended) return ended;
  if (auto recorded = record(account->user.name, actor, "user_change", "",
                             disabled ? "disabled" : "enabled", now_unix);
      !recorded)
    return recorded;
  return transaction->commit();
}

Result<void> SqliteAccounts::set_role(std::string_view name, Role role,
                                      const std::vector<std::string>& units, std::string_view actor,
                                      std::int64_t now_unix) {
  auto kept_units = checked_units(role, units);
  if (!kept_units) return kept_units.error();
  if (auto ready = store_.ensure_schema(); !ready) return ready.error();
  auto transaction = Transaction::begin_immediate(connection_, "user role");
  if (!transaction) return transaction.error();
  auto account = find_existing(name);
  if (!account) return account.error();
  if (account->user.role == role && account->user.units == *kept_units) return {};
  auto update = Statement::prepare(
      connection_->get(), "UPDATE account SET role = ?2, changed_at_utc = ?3 WHERE id = ?1");
  if (!update) return update.error();
  const std::string at_utc = utc_iso8601(now_unix);
  update->bind_int(1, account->user.id);
  update->bind_text(2, role_name(role));
  update->bind_text(3, at_utc);
  if (auto ran = update->run(); !ran) return ran;
  if (auto written = replace_units(account->user.id, *kept_units); !written) return written;
  const std::string detail =
      role_change_detail(account->user.role, account->user.units, role, *kept_units);
  if (auto recorded = record(account->user.name, actor, "user_change", "", detail, now_unix);
      !recorded)
    return recorded;
  return transaction->commit();
}

Result<void> SqliteAccounts::set_display_name(std::string_view name, std::string_view display_name,
                                              std::string_view actor, std::int64_t now_unix) {
  if (auto valid = check_display_name(display_name); !valid) return valid;
  if (auto ready = store_.ensure_schema(); !ready) return ready.error();
  auto transaction = Transaction::begin_immediate(connection_, "user display name");
  if (!transaction) return transaction.error();
  auto account = find_existing(name);
  if (!account) return account.error();
  const std::string_view shown = display_name.empty() ? std::string_view(account->user.name) : display_name;
  if (account->user.display_name == shown) return {};
  auto update = Statement::prepare(connection_->get(),
                                   "UPDATE account SET display_name = ?2, changed_at_utc = ?3 WHERE id = ?1");
  if (!update) return update.error();
  const std::string at_utc = utc_iso8601(now_unix);
  update->bind_int(1, account->user.id);
  update->bind_text(2, shown);
  update->bind_text(3, at_utc);
  if (auto ran = update->run(); !ran) return ran;
  const std::string detail = display_name_detail(account->user.display_name, shown);
  if (auto recorded = record(account->user.name, actor, "user_change", "", detail, now_unix); !recorded)
    return recorded;
  return transaction->commit();
}

Result<std::optional<Error>> SqliteAccounts::limit_refusal(const std::string& name_digest,
                                                           std::string_view address,
                                                           std::int64_t now_unix) {
  const std::int64_t window_s = std::int64_t{policy_.window_minutes} * 60;
  // The n-th newest failure in the window: while it is in the window, n
  // failures are, and the limit holds until it leaves.
  auto nth_newest = [&](const char* sql, std::string_view key,
                        int n) -> Result<std::optional<std::int64_t>> {
    auto select = Statement::prepare(connection_->get(), sql);
    if (!select) return select.error();
    select->bind_text(1, key);
    select->bind_int(2, now_unix - window_s);
    select->bind_int(3, n - 1);
    auto found = select->step();
    if (!found) return found.error();
    std::optional<std::int64_t> at;
    if (*found) at = select->column_int(0);
    select->reset();
    return at;
  };
  struct Limit {
    const char* sql;
    std::string_view key;
    int failures;
    bool per_account;
  };
  const Limit limits[] = {
      {"SELECT at_unix FROM login_failure WHERE name_sha256 = ?1 AND at_unix > ?2 "
       "ORDER BY at_unix DESC LIMIT 1 OFFSET ?3",
       name_digest, policy_.account_failures, true},
      {"SELECT at_unix FROM login_failure WHERE address = ?1 AND at_unix > ?2 "
       "ORDER BY at_unix DESC LIMIT 1 OFFSET ?3",
       address, policy_.address_failures, false},
  };
  for (const Limit& limit : limits) {
    if (limit.key.empty() || limit.failures <= 0) continue;
    auto at = nth_newest(limit.sql, limit.key, limit.failures);
    if (!at) return at.error();
    if (!at->has_value()) continue;
    return std::optional<Error>(
        login_limit_reached(limit.failures, policy_.window_minutes, limit.per_account, **at + window_s - now_unix));
  }
  return std::optional<Error>();
}

Result<void> SqliteAccounts::record_failure(const std::string& name_digest, std::string_view user,
                                            std::string_view address, std::string_view detail,
                                            std::int64_t now_unix) {
  auto transaction = Transaction::begin_immediate(connection_, "login");
  if (!transaction) return transaction.error();
  auto prune =
      Statement::prepare(connection_->get(), "DELETE FROM login_failure WHERE at_unix <= ?1");
  if (!prune) return prune.error();
  prune->bind_int(1, now_unix - std::int64_t{policy_.window_minutes} * 60);
  if (auto ran = prune->run(); !ran) return ran;
  auto insert = Statement::prepare(
      connection_->get(),
      "INSERT INTO login_failure (name_sha256, address, at_unix) VALUES (?1, ?2, ?3)");
  if (!insert) return insert.error();
  insert->bind_text(1, name_digest);
  insert->bind_text(2, address);
  insert->bind_int(3, now_unix);
  if (auto ran = insert->run(); !ran) return ran;
  if (auto recorded = record(user, user, "login_failed", address, detail, now_unix); !recorded)
    return recorded;
  return transaction->commit();
}

Result<Session> SqliteAccounts::login(std::string_view name, std::string_view password,
                                      std::string_view address, std::int64_t now_unix) {
  address = address.substr(0, limits::client_address_bytes_max);
  if (auto ready = store_.ensure_schema(); !ready) return ready.error();
  const std::string name_digest = failure_key(name);
  auto refusal = limit_refusal(name_digest, address, now_unix);
  if (!refusal) return refusal.error();
  std::optional<Stored> account;
  if (name.size() <= limits::user_name_bytes_max) {
    auto found = find(name);
    if (!found) return found.error();
    account = std::move(*found);
  }
  const std::string known_name = account ? account->user.name : std::string();
  if (refusal->has_value()) {
    auto transaction = Transaction::begin_immediate(connection_, "login");
    if (!transaction) return transaction.error();
    if (auto recorded = record(known_name, known_name, "login_refused", address,
                               (*refusal)->message_en, now_unix);
        !recorded)
      return recorded.error();
    if (auto committed = transaction->commit(); !committed) return committed.error();
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
    auto transaction = Transaction::begin_immediate(connection_, "login");
    if (!transaction) return transaction.error();
    if (auto recorded =
            record(known_name, known_name, "login_failed", address, "account disabled", now_unix);
        !recorded)
      return recorded.error();
    if (auto committed = transaction->commit(); !committed) return committed.error();
    return account_disabled(known_name);
  }
  std::optional<std::string> rehashed;
  if (hash_needs_rehash(account->password_hash)) {
    auto hash = hash_password(password);
    if (!hash) return hash.error();
    rehashed = std::move(*hash);
  }

  auto transaction = Transaction::begin_immediate(connection_, "login");
  if (!transaction) return transaction.error();
  // The account as it is now: a password changed or a user disabled while
  // the password was being verified wins.
  auto current = find(name);
  if (!current) return current.error();
  if (!current->has_value() || (*current)->password_hash != account->password_hash ||
      (*current)->user.disabled)
    return wrong_credentials();
  sqlite3* db = connection_->get();
  if (rehashed) {
    auto update = Statement::prepare(db, "UPDATE account SET password_hash = ?2 WHERE id = ?1");
    if (!update) return update.error();
    update->bind_int(1, account->user.id);
    update->bind_text(2, *rehashed);
    if (auto ran = update->run(); !ran) return ran.error();
  }
  auto forget = Statement::prepare(db, "DELETE FROM login_failure WHERE name_sha256 = ?1");
  if (!forget) return forget.error();
  forget->bind_text(1, name_digest);
  if (auto ran = forget->run(); !ran) return ran.error();
  auto expire = Statement::prepare(db, "DELETE FROM account_session WHERE last_seen_unix < ?1");
  if (!expire) return expire.error();
  expire->bind_int(1, now_unix - std::int64_t{policy_.idle_minutes} * 60);
  if (auto ran = expire->run(); !ran) return ran.error();

  Session session = session_of(random_token(), std::move((*current)->user), now_unix);
  auto insert = Statement::prepare(
      db,
      "INSERT INTO account_session (token_sha256, account_id, address, created_unix, "
      "last_seen_unix) VALUES (?1, ?2, ?3, ?4, ?4)");
  if (!insert) return insert.error();
  const std::string token_sha256 = token_digest(session.token);
  insert->bind_text(1, token_sha256);
  insert->bind_int(2, session.user.id);
  insert->bind_text(3, address);
  insert->bind_int(4, now_unix);
  if (auto ran = insert->run(); !ran) return ran.error();
  if (auto recorded = record(session.user.name, session.user.name, "login", address,
                             rehashed ? "password hash renewed" : "", now_unix);
      !recorded)
    return recorded.error();
  if (auto committed = transaction->commit(); !committed) return committed.error();
  return session;
}

Result<SqliteAccounts::LiveSession> SqliteAccounts::live_session(std::string_view token,
                                                                 std::int64_t now_unix) {
  if (!plausible_token(token)) return no_live_session();
  if (auto ready = store_.ensure_schema(); !ready) return ready.error();
  auto select = Statement::cached(
      *connection_, std::string("SELECT s.id, s.address, s.last_seen_unix, ") +
                              account_columns +
                              " FROM account_session s JOIN account a ON a.id = s.account_id "
                              "WHERE s.token_sha256 = ?1");
  if (!select) return select.error();
  const std::string token_sha256 = token_digest(token);
  select->bind_text(1, token_sha256);
  auto found = select->step();
  if (!found) return found.error();
  if (!*found) return no_live_session();
  LiveSession live;
  live.id = select->column_int(0);
  live.address = select->column_text(1);
  const std::int64_t last_seen_unix = select->column_int(2);
  read_account(*select, 3, live.account.password_hash, live.account.user);
  select->reset();

  const bool idle = now_unix - last_seen_unix > std::int64_t{policy_.idle_minutes} * 60;
  if (idle || live.account.user.disabled) {
    auto transaction = Transaction::begin_immediate(connection_, "session");
    if (!transaction) return transaction.error();
    auto remove =
        Statement::cached(*connection_, "DELETE FROM account_session WHERE id = ?1");
    if (!remove) return remove.error();
    remove->bind_int(1, live.id);
    if (auto ran = remove->run(); !ran) return ran.error();
    if (auto committed = transaction->commit(); !committed) return committed.error();
    return no_live_session();
  }
  if (now_unix - last_seen_unix >= session_touch_interval_s) {
    auto transaction = Transaction::begin_immediate(connection_, "session");
    if (!transaction) return transaction.error();
    auto touch =
        Statement::cached(*connection_,
                           "UPDATE account_session SET last_seen_unix = ?2 WHERE id = ?1 AND "
                           "last_seen_unix < ?2");
    if (!touch) return touch.error();
    touch->bind_int(1, live.id);
    touch->bind_int(2, now_unix);
    if (auto ran = touch->run(); !ran) return ran.error();
    if (auto committed = transaction->commit(); !committed) return committed.error();
  }
  if (auto units = load_units(live.account.user); !units) return units.error();
  return live;
}

Result<Session> SqliteAccounts::session(std::string_view token, std::int64_t now_unix) {
  auto live = live_session(token, now_unix);
  if (!live) return live.error();
  Session session = session_of(std::string(token), std::move(live->account.user), now_unix);
  session.token.clear();  // only login() gives the token out
  return session;
}

Result<void> SqliteAccounts::logout(std::string_view token, std::int64_t now_unix) {
  // Idempotent: a session already ended (expired, logged out) is not an
  // error, as the person is logged out either way.
  if (!plausible_token(token)) return {};
  if (auto ready = store_.ensure_schema(); !ready) return ready;
  auto transaction = Transaction::begin_immediate(connection_, "logout");
  if (!transaction) return transaction.error();
  auto select =
      Statement::prepare(connection_->get(),
                         "SELECT s.id, a.name, s.address FROM account_session s "
                         "JOIN account a ON a.id = s.account_id WHERE s.token_sha256 = ?1");
  if (!select) return select.error();
  const std::string token_sha256 = token_digest(token);
  select->bind_text(1, token_sha256);
  auto found = select->step();
  if (!found) return found.error();
  if (!*found) return {};
  const std::int64_t session_id = select->column_int(0);
  const std::string user(select->column_text(1));
  const std::string address(select->column_text(2));
  select->reset();
  auto remove = Statement::prepare(connection_->get(), "DELETE FROM account_session WHERE id = ?1");
  if (!remove) return remove.error();
  remove->bind_int(1, session_id);
  if (auto ran = remove->run(); !ran) return ran;
  if (auto recorded = record(user, user, "logout", address, "", now_unix); !recorded)
    return recorded;
  return transaction->commit();
}

Result<void> SqliteAccounts::change_password(std::string_view token, std::string_view old_password,
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

  auto transaction = Transaction::begin_immediate(connection_, "password");
  if (!transaction) return transaction.error();
  auto update =
      Statement::prepare(connection_->get(),
                         "UPDATE account SET password_hash = ?2, must_change_password = 0, "
                         "changed_at_utc = ?3 WHERE id = ?1 AND password_hash = ?4");
  if (!update) return update.error();
  const std::string at_utc = utc_iso8601(now_unix);
  update->bind_int(1, user.id);
  update->bind_text(2, *hash);
  update->bind_text(3, at_utc);
  update->bind_text(4, live->account.password_hash);
  if (auto ran = update->run(); !ran) return ran;
  if (sqlite3_changes(connection_->get()) == 0)
    return password_changed_elsewhere();
  if (auto ended = end_sessions(user.id, live->id); !ended) return ended;
  if (auto recorded =
          record(user.name, user.name, "password", live->address, "changed by the user", now_unix);
      !recorded)
    return recorded;
  return transaction->commit();
}

Result<std::vector<AuthEvent>> SqliteAccounts::auth_events(const AuthEventQuery& query) {
  if (auto ready = store_.ensure_schema(); !ready) return ready.error();
  const int limit = std::clamp(query.limit, 1, limits::auth_events_per_query_max);
  // The trail names an account as it is stored; a name typed in another
  // case finds it through the account.
  std::string account_name = query.user;
  if (!query.user.empty()) {
    auto found = find(query.user);
    if (!found) return found.error();
    if (found->has_value()) account_name = (*found)->user.name;
  }
  auto select = Statement::prepare(
      connection_->get(),
      "SELECT id, at_utc, account, actor, action, address, detail FROM auth_event "
      "WHERE id > ?1 AND (?2 = '' OR account = ?2) ORDER BY id LIMIT ?3");
  if (!select) return select.error();
  select->bind_int(1, query.after_id);
  select->bind_text(2, account_name);
  select->bind_int(3, limit);
  std::vector<AuthEvent> events;
  if (auto read = for_each_row(*select,
                               [&] {
                                 AuthEvent& event = events.emplace_back();
                                 event.id = select->column_int(0);
                                 event.at_utc = select->column_text(1);
                                 event.user = select->column_text(2);
                                 event.actor = select->column_text(3);
                                 event.action = select->column_text(4);
                                 event.address = select->column_text(5);
                                 event.detail = select->column_text(6);
                               });
      !read)
    return read.error();
  return events;
}

}  // namespace chiso::store_detail
