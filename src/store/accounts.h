// Accounts: the people who use chiso's server, their sessions, login limits
// and the trail of logins. Kept in the same database as the submissions
// (Store::accounts()), so that several servers on one database (PostgreSQL,
// issue 17) share sessions, limits and the trail.
//
// Roles and what they may do (the server enforces it; the store only keeps it):
//   administrator  users, plans, units; unlocks a period (with a reason)
//   coordinator    periods, review (return / approve), lock, reports
//   reporter       their own units' rows only (a person may report for several)
//   viewer         locked (published) periods only
//
// Passwords are hashed with Argon2id (libsodium's crypto_pwhash_str); the
// hash is all that is kept. A password set by someone else (a new user, a
// reset) is one-time: the user must change it at the first login.
//
// Sessions: login() returns a random token (the cookie) and a CSRF token
// derived from it (SHA-256 of a label and the token: unguessable without the
// token, and never stored); only the SHA-256 of the session token is stored,
// so the database alone does not let anyone in. A session ends at logout, when idle for
// longer than AccountPolicy::idle_minutes, or when its user is disabled.
//
// Login limits (AccountPolicy): after `account_failures` failed logins of one
// account, or `address_failures` from one address, within `window_minutes`,
// further logins of that account / from that address are refused
// (ErrorKind::limited, saying when to try again) until the window passes —
// even with the right password. Every login, failed login, refusal, logout,
// password change and user change is an AuthEvent.
//
// `now_unix` arguments are the current time (seconds since 1970, UTC); the
// server passes the clock, tests pass chosen times.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/result.h"

namespace chiso {

enum class Role { administrator, coordinator, reporter, viewer };

// "administrator", "coordinator", "reporter", "viewer": the words stored,
// typed on the command line and sent in the API.
const char* role_name(Role role);
std::optional<Role> role_from_name(std::string_view name);

// Compares two secrets (a CSRF token against the header's) in a time that
// depends on their length only, not on where they first differ.
bool secrets_equal(std::string_view a, std::string_view b);

struct User {
  std::int64_t id = 0;
  std::string name;  // login name: unique, compared case-insensitively, kept as typed
  std::string display_name;
  Role role = Role::viewer;
  std::vector<std::string> units;  // canonical unit names this user reports for (reporter)
  bool disabled = false;
  bool must_change_password = false;  // the password is one-time
  std::string created_at_utc;
  std::string last_login_utc;  // users() only: the last login in the trail, "" = never
};

struct NewUser {
  std::string name;
  std::string display_name;  // "" = the name
  Role role = Role::viewer;
  std::vector<std::string> units;
  // "" = generate a one-time password (returned by add_user); else this
  // password, which is not one-time.
  std::string password;
};

struct AccountPolicy {
  int idle_minutes = 30;
  int window_minutes = 15;
  int account_failures = 5;
  int address_failures = 20;
  int min_password_length = 10;
};

struct Session {
  std::string token;       // the cookie's value; only returned by login()
  std::string csrf_token;  // every write must carry it (X-CSRF-Token)
  User user;
  std::int64_t last_seen_unix = 0;
};

struct AuthEvent {
  std::int64_t id = 0;
  std::string at_utc;
  std::string user;     // the account concerned ("" when the name was unknown)
  std::string actor;    // who did it: the user, an administrator, or "cli"
  std::string action;   // login, login_failed, login_refused, logout, password, user_add, user_change
  std::string address;  // the client's address ("" from the command line)
  std::string detail;   // what changed, in words (never a password)
};

struct AuthEventQuery {
  std::string user;  // "" = all
  std::int64_t after_id = 0;
  int limit = 1000;
};

class Accounts {
 public:
  virtual ~Accounts() = default;

  // The limits and idle time used from now on (the defaults until set).
  virtual void set_policy(const AccountPolicy& policy) = 0;

  // Adds a user. Returns the one-time password when none was given, else "".
  // Conflict when the name is taken; bad input (field "name", "password",
  // "units") for an empty name, a short password, a reporter without units.
  virtual Result<std::string> add_user(const NewUser& user, std::string_view actor, std::int64_t now_unix) = 0;
  virtual Result<std::vector<User>> users() = 0;
  // Not found when there is no such user.
  virtual Result<User> user(std::string_view name) = 0;
  // Sets a password: "" = generate a one-time one (returned); else this one,
  // one-time when `one_time`. Ends the user's sessions.
  virtual Result<std::string> set_password(std::string_view name, std::string_view password, bool one_time,
                                           std::string_view actor, std::int64_t now_unix) = 0;
  // Disables (ending every session) or enables a user.
  virtual Result<void> set_disabled(std::string_view name, bool disabled, std::string_view actor,
                                    std::int64_t now_unix) = 0;
  virtual Result<void> set_role(std::string_view name, Role role, const std::vector<std::string>& units,
                                std::string_view actor, std::int64_t now_unix) = 0;
  // Bad input (field "display_name") for a name check_display_name refuses;
  // "" = the login name.
  virtual Result<void> set_display_name(std::string_view name, std::string_view display_name,
                                        std::string_view actor, std::int64_t now_unix) = 0;

  // Checks the password and the limits; a new session. Bad input with one
  // message for an unknown name and a wrong password alike; busy when a
  // limit holds (the message says until when).
  virtual Result<Session> login(std::string_view name, std::string_view password, std::string_view address,
                                std::int64_t now_unix) = 0;
  // The live session of a token, its last use moved to now. Not found when
  // the token is unknown, expired, or its user disabled.
  virtual Result<Session> session(std::string_view token, std::int64_t now_unix) = 0;
  virtual Result<void> logout(std::string_view token, std::int64_t now_unix) = 0;
  // The user's own change (the old password is checked); clears one-time and
  // ends the user's other sessions.
  virtual Result<void> change_password(std::string_view token, std::string_view old_password,
                                       std::string_view new_password, std::int64_t now_unix) = 0;

  virtual Result<std::vector<AuthEvent>> auth_events(const AuthEventQuery& query) = 0;
};

}  // namespace chiso
