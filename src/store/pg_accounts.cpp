#include "store/pg_accounts.h"

#include <algorithm>
#include <map>

#include "common/limits.h"
#include "store/account_secrets.h"

namespace chiso::store_detail {
namespace {

// The flags are read as integers, and written as the literals '0' and '1',
// whichever of INTEGER or BOOLEAN the column has.
#define CHISO_ACCOUNT_COLUMNS                                                                   \
  "a.id, a.name, a.display_name, a.role, a.disabled::int, a.must_change_password::int, " \
  "a.created_at_utc, a.password_hash"

std::optional<std::string> text(std::string_view value) { return std::string(value); }
std::optional<std::string> number(std::int64_t value) { return std::to_string(value); }

// Reads CHISO_ACCOUNT_COLUMNS of row `row` from `first_col` on.
void read_account(const pg::PgRows& rows, int row, int first_col, std::string& password_hash, User& user) {
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

}  // namespace

Result<pg::PgRows> PgAccounts::run(const char* name, const char* sql, const Params& params) {
  return connection_.prepared(name, sql, params);
}

Result<std::optional<PgAccounts::Stored>> PgAccounts::find(std::string_view name, bool lock) {
  auto found = lock ? run("account_find_locked",
                          "SELECT " CHISO_ACCOUNT_COLUMNS " FROM account a WHERE a.name_key = $1 FOR UPDATE",
                          {name_key(name)})
                    : run("account_find", "SELECT " CHISO_ACCOUNT_COLUMNS " FROM account a WHERE a.name_key = $1",
                          {name_key(name)});
  if (!found) return found.error();
  if (found->rows() == 0) return std::optional<Stored>();
  Stored stored;
  read_account(*found, 0, 0, stored.password_hash, stored.user);
  if (auto units = load_units(stored.user); !units) return units.error();
  return std::optional<Stored>(std::move(stored));
}

Result<PgAccounts::Stored> PgAccounts::find_existing(std::string_view name, bool lock) {
  auto found = find(name, lock);
  if (!found) return found.error();
  if (!found->has_value()) return no_such_user(name);
  return std::move(**found);
}

Result<void> PgAccounts::load_units(User& user) {
  auto units = run("account_units", "SELECT unit FROM account_unit WHERE account_id = $1 ORDER BY unit_order",
                   {number(user.id)});
  if (!units) return units.error();
  user.units.clear();
  for (int row = 0; row < units->rows(); ++row) user.units.emplace_back(units->text(row, 0));
  return {};
}

Result<void> PgAccounts::record(std::string_view user, std::string_view actor, std::string_view action,
                                std::string_view address, std::string_view detail, std::int64_t now_unix) {
  auto inserted = run("account_record",
                      "INSERT INTO auth_event (at_unix, at_utc, account, actor, action, address, detail) "
                      "VALUES ($1, $2, $3, $4, $5, $6, $7)",
                      {number(now_unix), utc_iso8601(now_unix), text(user), text(actor), text(action),
                       text(address), text(detail)});
  if (!inserted) return inserted.error();
  return {};
}

Result<void> PgAccounts::replace_units(std::int64_t account_id, const std::vector<std::string>& units) {
  auto removed = run("account_units_remove", "DELETE FROM account_unit WHERE account_id = $1", {number(account_id)});
  if (!removed) return removed.error();
  for (std::size_t unit_idx = 0; unit_idx < units.size(); ++unit_idx) {
    auto inserted = run("account_units_insert",
                        "INSERT INTO account_unit (account_id, unit_order, unit) VALUES ($1, $2, $3)",
                        {number(account_id), number(static_cast<std::int64_t>(unit_idx)), units[unit_idx]});
    if (!inserted) return inserted.error();
  }
  return {};
}

Result<void> PgAccounts::end_sessions(std::int64_t account_id, std::int64_t except_session_id) {
  auto removed = run("account_sessions_end", "DELETE FROM account_session WHERE account_id = $1 AND id <> $2",
                     {number(account_id), number(except_session_id)});
  if (!removed) return removed.error();
  return {};
}

Result<std::string> PgAccounts::add_user(const NewUser& user, std::string_view actor, std::int64_t now_unix) {
  if (auto valid = check_user_name(user.name); !valid) return valid.error();
  if (auto valid = check_display_name(user.display_name); !valid) return valid.error();
  auto units = checked_units(user.role, user.units);
  if (!units) return units.error();
  auto password = new_password(user.password, policy_.min_password_length);
  if (!password) return password.error();
  const bool one_time = !password->one_time.empty();

  pg::PgTransaction transaction(connection_);
  if (auto began = transaction.begin(); !began) return began.error();
  auto inserted = run("account_insert",
                      "INSERT INTO account (name, name_key, display_name, role, password_hash, "
                      "must_change_password, disabled, created_at_utc, changed_at_utc) "
                      "VALUES ($1, $2, $3, $4, $5, $6, '0', $7, $7) ON CONFLICT (name_key) DO NOTHING RETURNING id",
                      {user.name, name_key(user.name), user.display_name.empty() ? user.name : user.display_name,
                       std::string(role_name(user.role)), password->hash, std::string(one_time ? "1" : "0"),
                       utc_iso8601(now_unix)});
  if (!inserted) return inserted.error();
  if (inserted->rows() == 0) {
    auto taken = find(user.name, false);
    if (!taken) return taken.error();
    return name_taken(taken->has_value() ? (*taken)->user.name : user.name);
  }
  const std::int64_t account_id = inserted->integer(0, 0);
  if (auto written = replace_units(account_id, *units); !written) return written.error();
  if (auto recorded =
          record(user.name, actor, "user_add", "", user_add_detail(user.role, *units, one_time), now_unix);
      !recorded)
    return recorded.error();
  if (auto committed = transaction.commit(); !committed) return committed.error();
  return password->one_time;
}

Result<std::vector<User>> PgAccounts::users() {
  auto accounts = run("account_all", "SELECT " CHISO_ACCOUNT_COLUMNS " FROM account a ORDER BY a.name_key COLLATE \"C\"", {});
  if (!accounts) return accounts.error();
  std::vector<User> users(static_cast<std::size_t>(accounts->rows()));
  std::map<std::int64_t, std::size_t> index_by_id;
  std::map<std::string, std::size_t, std::less<>> index_by_name;
  std::string unused_hash;
  for (int row = 0; row < accounts->rows(); ++row) {
    read_account(*accounts, row, 0, unused_hash, users[row]);
    index_by_id[users[row].id] = row;
    index_by_name[users[row].name] = row;
  }
  auto units = run("account_all_units", "SELECT account_id, unit FROM account_unit ORDER BY account_id, unit_order",
                   {});
  if (!units) return units.error();
  for (int row = 0; row < units->rows(); ++row)
    if (auto found = index_by_id.find(units->integer(row, 0)); found != index_by_id.end())
      users[found->second].units.emplace_back(units->text(row, 1));
  auto logins = run("account_last_logins",
                    "SELECT account, max(at_utc) FROM auth_event WHERE action = 'login' GROUP BY account", {});
  if (!logins) return logins.error();
  for (int row = 0; row < logins->rows(); ++row)
    if (auto found = index_by_name.find(logins->text(row, 0)); found != index_by_name.end())
      users[found->second].last_login_utc = logins->text(row, 1);
  return users;
}

Result<User> PgAccounts::user(std::string_view name) {
  auto found = find_existing(name, false);
  if (!found) return found.error();
  return std::move(found->user);
}

Result<std::string> PgAccounts::set_password(std::string_view name, std::string_view password, bool one_time,
                                             std::string_view actor, std::int64_t now_unix) {
  auto made = new_password(password, policy_.min_password_length);
  if (!made) return made.error();
  const bool must_change = !made->one_time.empty() || one_time;
  pg::PgTransaction transaction(connection_);
  if (auto began = transaction.begin(); !began) return began.error();
  auto account = find_existing(name, true);
  if (!account) return account.error();
  auto updated = run("account_set_password",
                     "UPDATE account SET password_hash = $2, must_change_password = $3, changed_at_utc = $4 "
                     "WHERE id = $1",
                     {number(account->user.id), made->hash, std::string(must_change ? "1" : "0"),
                      utc_iso8601(now_unix)});
  if (!updated) return updated.error();
  if (auto ended = end_sessions(account->user.id, 0); !ended) return ended.error();
  if (auto recorded = record(account->user.name, actor, "password", "",
                             must_change ? "one-time password set" : "password set", now_unix);
      !recorded)
    return recorded.error();
  if (auto committed = transaction.commit(); !committed) return committed.error();
  return made->one_time;
}

Result<void> PgAccounts::set_disabled(std::string_view name, bool disabled, std::string_view actor,
                                      std::int64_t now_unix) {
  pg::PgTransaction transaction(connection_);
  if (auto began = transaction.begin(); !began) return began;
  auto account = find_existing(name, true);
  if (!account) return account.error();
  if (account->user.disabled == disabled) return {};
  auto updated = run("account_set_disabled", "UPDATE account SET disabled = $2, changed_at_utc = $3 WHERE id = $1",
                     {number(account->user.id), std::string(disabled ? "1" : "0"), utc_iso8601(now_unix)});
  if (!updated) return updated.error();
  if (disabled)
    if (auto ended = end_sessions(account->user.id, 0); !ended) return ended;
  if (auto recorded =
          record(account->user.name, actor, "user_change", "", disabled ? "disabled" : "enabled", now_unix);
      !recorded)
    return recorded;
  return transaction.commit();
}

Result<void> PgAccounts::set_role(std::string_view name, Role role, const std::vector<std::string>& units,
                                  std::string_view actor, std::int64_t now_unix) {
  auto kept_units = checked_units(role, units);
  if (!kept_units) return kept_units.error();
  pg::PgTransaction transaction(connection_);
  if (auto began = transaction.begin(); !began) return began;
  auto account = find_existing(name, true);
  if (!account) return account.error();
  if (account->user.role == role && account->user.units == *kept_units) return {};
  auto updated = run("account_set_role", "UPDATE account SET role = $2, changed_at_utc = $3 WHERE id = $1",
                     {number(account->user.id), std::string(role_name(role)), utc_iso8601(now_unix)});
  if (!updated) return updated.error();
  if (auto written = replace_units(account->user.id, *kept_units); !written) return written;
  if (auto recorded = record(account->user.name, actor, "user_change", "",
                             role_change_detail(account->user.role, account->user.units, role, *kept_units),
                             now_unix);
      !recorded)
    return recorded;
  return transaction.commit();
}

Result<void> PgAccounts::set_display_name(std::string_view name, std::string_view display_name,
                                          std::string_view actor, std::int64_t now_unix) {
  if (auto valid = check_display_name(display_name); !valid) return valid;
  pg::PgTransaction transaction(connection_);
  if (auto began = transaction.begin(); !began) return began;
  auto account = find_existing(name, true);
  if (!account) return account.error();
  const std::string shown(display_name.empty() ? std::string_view(account->user.name) : display_name);
  if (account->user.display_name == shown) return {};
  auto updated =
      run("account_set_display_name", "UPDATE account SET display_name = $2, changed_at_utc = $3 WHERE id = $1",
          {number(account->user.id), shown, utc_iso8601(now_unix)});
  if (!updated) return updated.error();
  if (auto recorded = record(account->user.name, actor, "user_change", "",
                             display_name_detail(account->user.display_name, shown), now_unix);
      !recorded)
    return recorded;
  return transaction.commit();
}

Result<std::optional<Error>> PgAccounts::limit_refusal(const std::string& name_digest, std::string_view address,
                                                       std::int64_t now_unix) {
  const std::int64_t window_s = std::int64_t{policy_.window_minutes} * 60;
  struct Limit {
    const char* name;
    const char* sql;
    std::string_view key;
    int failures;
    bool per_account;
  };
  // The n-th newest failure in the window: while it is in the window, n
  // failures are, and the limit holds until it leaves.
  const Limit limits[] = {
      {"account_limit_by_name",
       "SELECT at_unix FROM login_failure WHERE name_sha256 = $1 AND at_unix > $2 "
       "ORDER BY at_unix DESC LIMIT 1 OFFSET $3",
       name_digest, policy_.account_failures, true},
      {"account_limit_by_address",
       "SELECT at_unix FROM login_failure WHERE address = $1 AND at_unix > $2 "
       "ORDER BY at_unix DESC LIMIT 1 OFFSET $3",
       address, policy_.address_failures, false},
  };
  for (const Limit& limit : limits) {
    if (limit.key.empty() || limit.failures <= 0) continue;
    auto nth = run(limit.name, limit.sql, {text(limit.key), number(now_unix - window_s), number(limit.failures - 1)});
    if (!nth) return nth.error();
    if (nth->rows() == 0) continue;
    return std::optional<Error>(login_limit_reached(limit.failures, policy_.window_minutes, limit.per_account,
                                                    nth->integer(0, 0) + window_s - now_unix));
  }
  return std::optional<Error>();
}

Result<void> PgAccounts::record_failure(const std::string& name_digest, std::string_view user,
                                        std::string_view address, std::string_view detail, std::int64_t now_unix) {
  pg::PgTransaction transaction(connection_);
  if (auto began = transaction.begin(); !began) return began;
  auto pruned = run("account_failures_prune", "DELETE FROM login_failure WHERE at_unix <= $1",
                    {number(now_unix - std::int64_t{policy_.window_minutes} * 60)});
  if (!pruned) return pruned.error();
  auto inserted = run("account_failure_insert",
                      "INSERT INTO login_failure (name_sha256, address, at_unix) VALUES ($1, $2, $3)",
                      {name_digest, text(address), number(now_unix)});
  if (!inserted) return inserted.error();
  if (auto recorded = record(user, user, "login_failed", address, detail, now_unix); !recorded) return recorded;
  return transaction.commit();
}

Result<Session> PgAccounts::login(std::string_view name, std::string_view password, std::string_view address,
                                  std::int64_t now_unix) {
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
            record(known_name, known_name, "login_refused", address, (*refusal)->message_en, now_unix);
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
    if (auto recorded = record(known_name, known_name, "login_failed", address, "account disabled", now_unix);
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

  pg::PgTransaction transaction(connection_);
  if (auto began = transaction.begin(); !began) return began.error();
  // The account as it is now, locked: a password changed or a user disabled
  // (through any server) while the password was being verified wins.
  auto current = find(name, true);
  if (!current) return current.error();
  if (!current->has_value() || (*current)->password_hash != account->password_hash || (*current)->user.disabled)
    return wrong_credentials();
  if (rehashed) {
    auto updated = run("account_rehash", "UPDATE account SET password_hash = $2 WHERE id = $1",
                       {number(account->user.id), *rehashed});
    if (!updated) return updated.error();
  }
  auto forgotten = run("account_failures_forget", "DELETE FROM login_failure WHERE name_sha256 = $1", {name_digest});
  if (!forgotten) return forgotten.error();
  auto expired = run("account_sessions_expire", "DELETE FROM account_session WHERE last_seen_unix < $1",
                     {number(now_unix - std::int64_t{policy_.idle_minutes} * 60)});
  if (!expired) return expired.error();

  Session session = session_of(random_token(), std::move((*current)->user), now_unix);
  auto inserted = run("account_session_insert",
                      "INSERT INTO account_session (token_sha256, account_id, address, created_unix, last_seen_unix) "
                      "VALUES ($1, $2, $3, $4, $4)",
                      {token_digest(session.token), number(session.user.id), text(address), number(now_unix)});
  if (!inserted) return inserted.error();
  if (auto recorded = record(session.user.name, session.user.name, "login", address,
                             rehashed ? "password hash renewed" : "", now_unix);
      !recorded)
    return recorded.error();
  if (auto committed = transaction.commit(); !committed) return committed.error();
  return session;
}

Result<PgAccounts::LiveSession> PgAccounts::live_session(std::string_view token, std::int64_t now_unix) {
  if (!plausible_token(token)) return no_live_session();
  auto found = run("account_session_find",
                   "SELECT s.id, s.address, s.last_seen_unix, " CHISO_ACCOUNT_COLUMNS
                   " FROM account_session s JOIN account a ON a.id = s.account_id WHERE s.token_sha256 = $1",
                   {token_digest(token)});
  if (!found) return found.error();
  if (found->rows() == 0) return no_live_session();
  LiveSession live;
  live.id = found->integer(0, 0);
  live.address = found->text(0, 1);
  const std::int64_t last_seen_unix = found->integer(0, 2);
  read_account(*found, 0, 3, live.account.password_hash, live.account.user);

  const bool idle = now_unix - last_seen_unix > std::int64_t{policy_.idle_minutes} * 60;
  if (idle || live.account.user.disabled) {
    auto removed = run("account_session_remove", "DELETE FROM account_session WHERE id = $1", {number(live.id)});
    if (!removed) return removed.error();
    return no_live_session();
  }
  if (now_unix - last_seen_unix >= session_touch_interval_s) {
    // Another server may have moved it already: never backwards.
    auto touched = run("account_session_touch",
                       "UPDATE account_session SET last_seen_unix = $2 WHERE id = $1 AND last_seen_unix < $2",
                       {number(live.id), number(now_unix)});
    if (!touched) return touched.error();
  }
  if (auto units = load_units(live.account.user); !units) return units.error();
  return live;
}

Result<Session> PgAccounts::session(std::string_view token, std::int64_t now_unix) {
  auto live = live_session(token, now_unix);
  if (!live) return live.error();
  Session session = session_of(std::string(token), std::move(live->account.user), now_unix);
  session.token.clear();  // only login() gives the token out
  return session;
}

Result<void> PgAccounts::logout(std::string_view token, std::int64_t now_unix) {
  // Idempotent: a session already ended (expired, logged out) is not an
  // error, as the person is logged out either way.
  if (!plausible_token(token)) return {};
  pg::PgTransaction transaction(connection_);
  if (auto began = transaction.begin(); !began) return began;
  auto removed = run("account_logout",
                     "DELETE FROM account_session s USING account a "
                     "WHERE a.id = s.account_id AND s.token_sha256 = $1 RETURNING a.name, s.address",
                     {token_digest(token)});
  if (!removed) return removed.error();
  if (removed->rows() == 0) return {};
  const std::string user(removed->text(0, 0));
  const std::string address(removed->text(0, 1));
  if (auto recorded = record(user, user, "logout", address, "", now_unix); !recorded) return recorded;
  return transaction.commit();
}

Result<void> PgAccounts::change_password(std::string_view token, std::string_view old_password,
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
    if (auto recorded = record_failure(name_digest, user.name, live->address, "wrong current password", now_unix);
        !recorded)
      return recorded;
    return wrong_current_password();
  }
  if (auto valid = check_new_password(new_password, policy_.min_password_length); !valid) return valid;
  if (secrets_equal(old_password, new_password)) return same_new_password();
  auto hash = hash_password(new_password);
  if (!hash) return hash.error();

  pg::PgTransaction transaction(connection_);
  if (auto began = transaction.begin(); !began) return began;
  auto updated = run("account_change_password",
                     "UPDATE account SET password_hash = $2, must_change_password = '0', changed_at_utc = $3 "
                     "WHERE id = $1 AND password_hash = $4 RETURNING id",
                     {number(user.id), *hash, utc_iso8601(now_unix), live->account.password_hash});
  if (!updated) return updated.error();
  if (updated->rows() == 0) return password_changed_elsewhere();
  if (auto ended = end_sessions(user.id, live->id); !ended) return ended;
  if (auto recorded = record(user.name, user.name, "password", live->address, "changed by the user", now_unix);
      !recorded)
    return recorded;
  return transaction.commit();
}

Result<std::vector<AuthEvent>> PgAccounts::auth_events(const AuthEventQuery& query) {
  const int limit = std::clamp(query.limit, 1, limits::auth_events_per_query_max);
  // The trail names an account as it is stored; a name typed in another
  // case finds it through the account.
  std::string account_name = query.user;
  if (!query.user.empty()) {
    auto found = find(query.user, false);
    if (!found) return found.error();
    if (found->has_value()) account_name = (*found)->user.name;
  }
  auto selected = run("account_events",
                      "SELECT id, at_utc, account, actor, action, address, detail FROM auth_event "
                      "WHERE id > $1 AND ($2::text = '' OR account = $2::text) ORDER BY id LIMIT $3",
                      {number(query.after_id), account_name, number(limit)});
  if (!selected) return selected.error();
  std::vector<AuthEvent> events(static_cast<std::size_t>(selected->rows()));
  for (int row = 0; row < selected->rows(); ++row) {
    AuthEvent& event = events[row];
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
