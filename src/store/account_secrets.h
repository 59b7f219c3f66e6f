// The secrets of accounts.h, the same for every store: password hashes
// (Argon2id), session tokens and their digests, one-time passwords, the
// rules a login name and a password must meet, and the answers and trail
// details every store gives in words. Internal to src/store; both stores
// use it (account_flows.cpp), so that they answer alike.
//
// Thread-safe: libsodium is initialised once, on first use.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "common/result.h"
#include "store/accounts.h"

namespace chiso::store_detail {

// A session's last use is written only when at least this many seconds have
// passed since the last write (account_flows.h says why); idle expiry is
// then late by at most that.
inline constexpr std::int64_t session_touch_interval_s = 60;

// Argon2id (crypto_pwhash_str) with m = 19 MiB, t = 2, p = 1 (OWASP's first
// listed configuration): a string "$argon2id$v=19$m=19456,t=2,p=1$salt$hash".
// Internal error when out of memory.
Result<std::string> hash_password(std::string_view password);
// A password about to be set, hashed: `given` checked against the rules
// (check_new_password), or, when `given` is "", a new one-time password
// (returned in `one_time`, "" otherwise).
struct NewPassword {
  std::string one_time;
  std::string hash;
};
Result<NewPassword> new_password(std::string_view given, int min_length);
// True when `password` matches `hash` (constant time in the password).
bool password_matches(std::string_view hash, std::string_view password);
// True when `hash` was made with other costs than hash_password's: the login
// that verified it stores a new hash.
bool hash_needs_rehash(std::string_view hash);
// Verifies `password` against a fixed hash of a password no one knows, with
// the same costs: a login of an unknown name takes as long as a wrong
// password. Always false.
bool matches_dummy_hash(std::string_view password);

// The fixed hash matches_dummy_hash() verifies against.
std::string_view dummy_hash();

// 32 random bytes in base64url without padding (43 characters).
std::string random_token();
// What is stored of a session token: its SHA-256 in hex.
std::string token_digest(std::string_view token);
// The session's CSRF token, derived from its token (so it is not stored):
// base64url of SHA-256("chiso-csrf:" + token).
std::string csrf_token_of(std::string_view token);
// The session of `token` for `user`, used at `now_unix` (its CSRF token
// derived from the token).
Session session_of(std::string token, User user, std::int64_t now_unix);
// A one-time password: 4 groups of 4 characters from 32 that cannot be
// taken for one another (no 0/O, 1/I), "K7WX-3MPQ-…": 80 random bits.
std::string one_time_password();

// The key a login name is compared by: ASCII lower case.
std::string name_key(std::string_view name);
// A login name: 1 to limits::user_name_bytes_max characters of A-Z a-z 0-9
// . _ - @ (bad input, field "name", saying what is allowed).
Result<void> check_user_name(std::string_view name);
// A new password: at least `min_length` characters (code points), at most
// limits::password_bytes_max bytes, valid UTF-8 (bad input, field "password").
Result<void> check_new_password(std::string_view password, int min_length);
// A display name: valid UTF-8, at most limits::display_name_bytes_max bytes,
// no control characters (bad input, field "display_name").
Result<void> check_display_name(std::string_view display_name);

// The units of a user of `role`, as they will be stored: each once, in the
// order given. Bad input (field "units"): a reporter without units, units
// for another role (only reporters report for units), more than
// limits::units_per_user_max, an empty or invalid name.
Result<std::vector<std::string>> checked_units(Role role, const std::vector<std::string>& units);

// "2025-03-31T08:00:00Z" of a Unix time.
std::string utc_iso8601(std::int64_t unix_seconds);

// What is counted of a login name typed: the SHA-256 of its key, so that a
// name typed wrongly (sometimes a password typed in the name field) is not
// kept.
std::string failure_key(std::string_view name);
// A session token as sent could be one of ours (a token is 43 characters;
// anything much longer, or empty, is not looked up).
bool plausible_token(std::string_view token);

// The answers of accounts.h, worded once for every store.
Error no_such_user(std::string_view name);                // not found
Error name_taken(std::string_view stored_name);           // conflict
Error wrong_credentials();                                // bad input: one message for an unknown name and a wrong password
Error no_live_session();                                  // not found
Error account_disabled(std::string_view name);            // bad input
Error wrong_current_password();                           // bad input, field "old_password"
Error same_new_password();                                // bad input, field "password"
Error password_changed_elsewhere();                       // conflict
// Busy: `failures` failed logins within `window_minutes` of the account
// (`per_account`) or of the address; the oldest of them leaves the window in
// `wait_s` seconds (said in whole minutes, at least 1).
Error login_limit_reached(int failures, int window_minutes, bool per_account, std::int64_t wait_s);

// The trail's details (AuthEvent::detail) of account changes.
std::string user_add_detail(Role role, const std::vector<std::string>& units, bool one_time);
std::string role_change_detail(Role from_role, const std::vector<std::string>& from_units, Role to_role,
                               const std::vector<std::string>& to_units);
std::string display_name_detail(std::string_view from, std::string_view to);

}  // namespace chiso::store_detail
