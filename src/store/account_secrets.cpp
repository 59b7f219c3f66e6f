#include "store/account_secrets.h"

#include <fmt/format.h>
#include <sodium.h>

#include <algorithm>
#include <ctime>

#include "common/digest.h"
#include "common/limits.h"
#include "common/text.h"

namespace chiso {

const char* role_name(Role role) {
  switch (role) {
    case Role::administrator:
      return "administrator";
    case Role::coordinator:
      return "coordinator";
    case Role::reporter:
      return "reporter";
    case Role::viewer:
      return "viewer";
  }
  return "viewer";
}

std::optional<Role> role_from_name(std::string_view name) {
  for (Role role : {Role::administrator, Role::coordinator, Role::reporter, Role::viewer})
    if (name == role_name(role)) return role;
  return std::nullopt;
}

bool secrets_equal(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  return sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

namespace store_detail {
namespace {

void init_sodium() {
  // sodium_init() is safe to call from several threads and more than once;
  // the static makes later calls free.
  [[maybe_unused]] static const int initialised = sodium_init();
}

// The costs of a new hash: OWASP's first listed Argon2id configuration
// (m = 19 MiB, t = 2, p = 1; libsodium always uses one lane). A login
// hashes with them on a server that aims at 60 MB resident (issue 16 §7);
// libsodium's INTERACTIVE costs (64 MiB) alone put it past. Hashes made
// with other costs (the 64 MiB of earlier releases) keep verifying with the
// costs written in them, and the next login stores a new one
// (hash_needs_rehash). docs/deploy.md, "Passwords".
constexpr unsigned long long hash_opslimit = 2;
constexpr std::size_t hash_memlimit_bytes = std::size_t{19} << 20;

// crypto_pwhash_str of 32 random bytes no one kept, with the costs above
// (m=19456 KiB, t=2, p=1). A test checks that it still has today's costs.
constexpr const char* dummy_hash_text =
    "$argon2id$v=19$m=19456,t=2,p=1$3/E2DQKVjtm9G5SOQyot5g$"
    "ky+5P5815W6CiSl/UyotSurcfASX8Rb5P5QZHMYhL9A";

std::string base64url(const unsigned char* bytes, std::size_t size) {
  const std::size_t encoded_size =
      sodium_base64_ENCODED_LEN(size, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
  std::string encoded(encoded_size, '\0');
  sodium_bin2base64(encoded.data(), encoded.size(), bytes, size,
                    sodium_base64_VARIANT_URLSAFE_NO_PADDING);
  encoded.resize(encoded_size - 1);  // the terminating NUL
  return encoded;
}

Error field_error(std::string field, std::string message_vi, std::string message_en) {
  Error error = make_error(ErrorKind::bad_input, std::move(message_vi), std::move(message_en));
  error.field = std::move(field);
  return error;
}

std::size_t code_points(std::string_view utf8) {
  std::size_t count = 0;
  for (unsigned char byte : utf8) count += (byte & 0xC0) != 0x80;
  return count;
}

}  // namespace

Result<std::string> hash_password(std::string_view password) {
  init_sodium();
  char hash[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str(hash, password.data(), password.size(), hash_opslimit, hash_memlimit_bytes) != 0)
    return make_error(ErrorKind::internal, "Không đủ bộ nhớ để băm mật khẩu.",
                      "Not enough memory to hash the password.");
  return std::string(hash);
}

Result<NewPassword> new_password(std::string_view given, int min_length) {
  NewPassword made;
  if (given.empty()) {
    made.one_time = one_time_password();
  } else if (auto valid = check_new_password(given, min_length); !valid) {
    return valid.error();
  }
  auto hash = hash_password(given.empty() ? std::string_view(made.one_time) : given);
  if (!hash) return hash.error();
  made.hash = std::move(*hash);
  return made;
}

bool password_matches(std::string_view hash, std::string_view password) {
  init_sodium();
  const std::string terminated(hash);  // libsodium reads a C string
  return crypto_pwhash_str_verify(terminated.c_str(), password.data(), password.size()) == 0;
}

bool hash_needs_rehash(std::string_view hash) {
  init_sodium();
  const std::string terminated(hash);
  return crypto_pwhash_str_needs_rehash(terminated.c_str(), hash_opslimit, hash_memlimit_bytes) != 0;
}

bool matches_dummy_hash(std::string_view password) {
  init_sodium();
  return crypto_pwhash_str_verify(dummy_hash_text, password.data(), password.size()) == 0;
}

std::string_view dummy_hash() { return dummy_hash_text; }

std::string random_token() {
  init_sodium();
  unsigned char bytes[32];
  randombytes_buf(bytes, sizeof bytes);
  std::string token = base64url(bytes, sizeof bytes);
  sodium_memzero(bytes, sizeof bytes);
  return token;
}

std::string token_digest(std::string_view token) { return digest::sha256_hex(token); }

std::string csrf_token_of(std::string_view token) {
  const std::string digest = digest::sha256("chiso-csrf:" + std::string(token));
  return base64url(reinterpret_cast<const unsigned char*>(digest.data()), digest.size());
}

Session session_of(std::string token, User user, std::int64_t now_unix) {
  Session session;
  session.csrf_token = csrf_token_of(token);
  session.token = std::move(token);
  session.user = std::move(user);
  session.last_seen_unix = now_unix;
  return session;
}

std::string one_time_password() {
  init_sodium();
  // 32 symbols = 5 bits each; 16 of them = 80 bits.
  static constexpr char alphabet[] = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ";
  static_assert(sizeof alphabet - 1 == 32);
  std::string password;
  for (int symbol_idx = 0; symbol_idx < 16; ++symbol_idx) {
    if (symbol_idx > 0 && symbol_idx % 4 == 0) password += '-';
    password += alphabet[randombytes_uniform(32)];
  }
  return password;
}

std::string name_key(std::string_view name) {
  std::string key(name);
  for (char& c : key)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return key;
}

Result<void> check_user_name(std::string_view name) {
  auto allowed = [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
           c == '_' || c == '-' || c == '@';
  };
  bool all_allowed = true;
  for (char c : name) all_allowed = all_allowed && allowed(c);
  if (name.empty() || name.size() > limits::user_name_bytes_max || !all_allowed)
    return field_error(
        "name",
        fmt::format("Tên đăng nhập '{}' không hợp lệ: cần 1 đến {} ký tự gồm chữ cái không dấu "
                    "A-Z, a-z, chữ số 0-9 và . _ - @.",
                    name.size() > limits::user_name_bytes_max ? name.substr(0, 20) : name,
                    limits::user_name_bytes_max),
        fmt::format("Login name '{}' is not valid: expected 1 to {} characters among the letters "
                    "A-Z, a-z (no diacritics), the digits 0-9 and . _ - @.",
                    name.size() > limits::user_name_bytes_max ? name.substr(0, 20) : name,
                    limits::user_name_bytes_max));
  return {};
}

Result<void> check_new_password(std::string_view password, int min_length) {
  if (password.size() > limits::password_bytes_max)
    return field_error("password",
                       fmt::format("Mật khẩu dài {} byte, quá giới hạn {} byte.", password.size(),
                                   limits::password_bytes_max),
                       fmt::format("The password is {} bytes long, over the limit of {} bytes.",
                                   password.size(), limits::password_bytes_max));
  if (!text::valid_utf8(password))
    return field_error("password", "Mật khẩu không phải văn bản UTF-8 hợp lệ.",
                       "The password is not valid UTF-8 text.");
  const std::size_t length = code_points(password);
  if (length < static_cast<std::size_t>(min_length))
    return field_error(
        "password", fmt::format("Mật khẩu có {} ký tự; cần ít nhất {} ký tự.", length, min_length),
        fmt::format("The password has {} characters; at least {} are needed.", length, min_length));
  return {};
}

Result<void> check_display_name(std::string_view display_name) {
  bool control = false;
  for (unsigned char c : display_name) control = control || c < 0x20 || c == 0x7f;
  if (display_name.size() > limits::display_name_bytes_max || !text::valid_utf8(display_name) ||
      control)
    return field_error(
        "display_name",
        fmt::format("Tên hiển thị không hợp lệ: cần văn bản UTF-8 một dòng, tối đa {} byte.",
                    limits::display_name_bytes_max),
        fmt::format("The display name is not valid: expected one line of UTF-8 text, at most "
                    "{} bytes.",
                    limits::display_name_bytes_max));
  return {};
}

Result<std::vector<std::string>> checked_units(Role role, const std::vector<std::string>& units) {
  if (role == Role::reporter && units.empty())
    return field_error("units", "Người báo cáo (reporter) cần ít nhất một đơn vị (--unit).",
                       "A reporter needs at least one unit (--unit).");
  if (role != Role::reporter && !units.empty())
    return field_error(
        "units",
        fmt::format("Chỉ người báo cáo (reporter) mới gắn với đơn vị; vai trò {} thì không.",
                    role_name(role)),
        fmt::format("Only a reporter reports for units; a {} does not.", role_name(role)));
  if (units.size() > limits::units_per_user_max)
    return field_error("units",
                       fmt::format("{} đơn vị, quá giới hạn {} đơn vị cho một người.", units.size(),
                                   limits::units_per_user_max),
                       fmt::format("{} units, over the limit of {} for one person.", units.size(),
                                   limits::units_per_user_max));
  std::vector<std::string> kept;
  for (const std::string& unit : units) {
    if (unit.empty() || unit.size() > limits::display_name_bytes_max || !text::valid_utf8(unit))
      return field_error("units", "Tên đơn vị trống hoặc không hợp lệ.",
                         "A unit name is empty or not valid.");
    if (std::find(kept.begin(), kept.end(), unit) == kept.end()) kept.push_back(unit);
  }
  return kept;
}

std::string utc_iso8601(std::int64_t unix_seconds) {
  const std::time_t seconds = static_cast<std::time_t>(unix_seconds);
  std::tm utc{};
  gmtime_r(&seconds, &utc);
  return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z", utc.tm_year + 1900, utc.tm_mon + 1,
                     utc.tm_mday, utc.tm_hour, utc.tm_min, utc.tm_sec);
}

std::string failure_key(std::string_view name) { return digest::sha256_hex("login:" + name_key(name)); }

bool plausible_token(std::string_view token) { return !token.empty() && token.size() <= 256; }

Error no_such_user(std::string_view name) {
  return make_error(ErrorKind::not_found, fmt::format("Không có người dùng '{}'.", name),
                    fmt::format("There is no user '{}'.", name));
}

Error name_taken(std::string_view stored_name) {
  return make_error(ErrorKind::conflict, fmt::format("Đã có người dùng '{}'.", stored_name),
                    fmt::format("There is already a user '{}'.", stored_name));
}

Error wrong_credentials() {
  return make_error(ErrorKind::bad_input, "Tên đăng nhập hoặc mật khẩu không đúng.",
                    "Wrong login name or password.");
}

Error no_live_session() {
  return make_error(ErrorKind::not_found, "Phiên đăng nhập đã hết hạn hoặc không còn; hãy đăng nhập lại.",
                    "The session has expired or ended; log in again.");
}

Error account_disabled(std::string_view name) {
  return make_error(ErrorKind::bad_input,
                    fmt::format("Tài khoản '{}' đã bị vô hiệu hoá; hãy liên hệ quản trị viên.", name),
                    fmt::format("Account '{}' is disabled; ask an administrator.", name));
}

Error wrong_current_password() {
  return field_error("old_password", "Mật khẩu hiện tại không đúng.", "The current password is wrong.");
}

Error same_new_password() {
  return field_error("password", "Mật khẩu mới phải khác mật khẩu hiện tại.",
                     "The new password must differ from the current one.");
}

Error password_changed_elsewhere() {
  return make_error(ErrorKind::conflict, "Mật khẩu vừa được đổi ở nơi khác; hãy đăng nhập lại.",
                    "The password was just changed elsewhere; log in again.");
}

Error login_limit_reached(int failures, int window_minutes, bool per_account, std::int64_t wait_s) {
  const std::int64_t wait_minutes = std::max<std::int64_t>(1, (wait_s + 59) / 60);
  return make_error(
      ErrorKind::limited,
      fmt::format("Đã đăng nhập sai {} lần trong {} phút từ {}: tạm thời không đăng nhập được; hãy thử lại "
                  "sau {} phút.",
                  failures, window_minutes, per_account ? "tài khoản này" : "địa chỉ này", wait_minutes),
      fmt::format("{} failed logins in {} minutes from {}: logins are refused for now; try again in {} minutes.",
                  failures, window_minutes, per_account ? "this account" : "this address", wait_minutes));
}

namespace {

std::string join_units(const std::vector<std::string>& units) {
  std::string joined;
  for (const std::string& unit : units) joined += (joined.empty() ? "" : ", ") + unit;
  return joined.empty() ? "-" : joined;
}

}  // namespace

std::string user_add_detail(Role role, const std::vector<std::string>& units, bool one_time) {
  return fmt::format("role {}; units {}; {}", role_name(role), join_units(units),
                     one_time ? "one-time password" : "password set");
}

std::string role_change_detail(Role from_role, const std::vector<std::string>& from_units, Role to_role,
                               const std::vector<std::string>& to_units) {
  return fmt::format("role {} → {}; units {} → {}", role_name(from_role), role_name(to_role),
                     join_units(from_units), join_units(to_units));
}

std::string display_name_detail(std::string_view from, std::string_view to) {
  return fmt::format("display name {} → {}", from, to);
}

}  // namespace store_detail
}  // namespace chiso
