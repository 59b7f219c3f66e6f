// Accounts on both stores (store/accounts.h): users, passwords, one-time
// passwords, sessions and their idle expiry, login limits and the trail.
// Every test runs on SQLite and on PostgreSQL (test_database.h). Times are
// chosen (now_unix), never read from the clock.
#include "store/accounts.h"

#include <gtest/gtest.h>
#include <libpq-fe.h>
#include <sodium.h>

#include <atomic>
#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <regex>
#include <set>
#include <string>
#include <thread>

#include "common/digest.h"
#include "common/test_database.h"
#include "store/account_secrets.h"
#include "store_fixture.h"

namespace chiso::store_test {
namespace {

constexpr std::int64_t t0 = 1'767'225'600;  // 2026-01-01T00:00:00Z
constexpr std::int64_t minute = 60;

NewUser new_user(std::string name, Role role, std::string password = "",
                 std::vector<std::string> units = {}) {
  NewUser user;
  user.name = std::move(name);
  user.role = role;
  user.password = std::move(password);
  user.units = std::move(units);
  return user;
}

using test::Backend;

class AccountsTest : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    db_ = std::make_unique<test::TestDatabase>(GetParam(), fresh_db_path());
    ASSERT_TRUE(db_->ok());
    store_ = db_->open();
    ASSERT_NE(store_, nullptr);
  }
  Accounts& accounts() { return store_->accounts(); }
  std::vector<std::string> actions(const std::string& user = "") {
    AuthEventQuery query;
    query.user = user;
    auto events = accounts().auth_events(query);
    EXPECT_TRUE(events.ok()) << (events.ok() ? "" : events.error().message);
    std::vector<std::string> names;
    if (events.ok())
      for (const AuthEvent& event : *events) names.push_back(event.action);
    return names;
  }
  std::unique_ptr<test::TestDatabase> db_;
  std::unique_ptr<Store> store_;
};

INSTANTIATE_TEST_SUITE_P(Stores, AccountsTest, test::both_backends, test::backend_name);

TEST_P(AccountsTest, AUserAddedReadsBackWithRoleUnitsAndNoOneTimePasswordWhenOneWasGiven) {
  NewUser lan =
      new_user("lan.nguyen", Role::reporter, "mật khẩu dài đủ", {"Sở Tư pháp", "Cục Thuế"});
  lan.display_name = "Nguyễn Thị Lan";
  auto added = accounts().add_user(lan, "cli", t0);
  ASSERT_TRUE(added.ok()) << added.error().message;
  EXPECT_EQ(*added, "");  // a password was given: none generated

  auto user = accounts().user("lan.nguyen");
  ASSERT_TRUE(user.ok()) << user.error().message;
  EXPECT_EQ(user->name, "lan.nguyen");
  EXPECT_EQ(user->display_name, "Nguyễn Thị Lan");
  EXPECT_EQ(user->role, Role::reporter);
  EXPECT_EQ(user->units, (std::vector<std::string>{"Sở Tư pháp", "Cục Thuế"}));
  EXPECT_FALSE(user->disabled);
  EXPECT_FALSE(user->must_change_password);
  EXPECT_EQ(user->created_at_utc, "2026-01-01T00:00:00Z");

  ASSERT_TRUE(
      accounts().add_user(new_user("Hoa", Role::coordinator, "another long one"), "cli", t0).ok());
  auto users = accounts().users();
  ASSERT_TRUE(users.ok());
  ASSERT_EQ(users->size(), 2u);
  EXPECT_EQ((*users)[0].name, "Hoa");          // by name, whatever the case
  EXPECT_EQ((*users)[0].display_name, "Hoa");  // none given: the name
  EXPECT_TRUE((*users)[0].units.empty());
  EXPECT_EQ((*users)[1].units.size(), 2u);

  EXPECT_EQ(accounts().user("nobody").error().kind, ErrorKind::not_found);
}

TEST_P(AccountsTest, ANameIsTakenWhateverItsCase) {
  ASSERT_TRUE(accounts().add_user(new_user("Lan", Role::viewer, "long enough pw"), "cli", t0).ok());
  auto again = accounts().add_user(new_user("lAN", Role::viewer, "long enough pw"), "cli", t0);
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().kind, ErrorKind::conflict);
  EXPECT_NE(again.error().message.find("Lan"), std::string::npos) << again.error().message;
}

TEST_P(AccountsTest, BadNamesPasswordsAndUnitsAreRefusedNamingTheField) {
  auto field_of = [&](const NewUser& user) {
    auto added = accounts().add_user(user, "cli", t0);
    return added.ok() ? std::string("(added)") : added.error().field;
  };
  EXPECT_EQ(field_of(new_user("", Role::viewer, "long enough pw")), "name");
  EXPECT_EQ(field_of(new_user("lan nguyen", Role::viewer, "long enough pw")), "name");  // a space
  EXPECT_EQ(field_of(new_user("lân", Role::viewer, "long enough pw")), "name");  // a diacritic
  EXPECT_EQ(field_of(new_user(std::string(65, 'a'), Role::viewer, "long enough pw")), "name");
  EXPECT_EQ(field_of(new_user("lan", Role::viewer, "short")), "password");  // 5 < 10 characters
  // 10 characters in 13 bytes: characters are counted, not bytes.
  EXPECT_EQ(field_of(new_user("lan1", Role::viewer, "mậtkhẩuđủ1")), "(added)");
  EXPECT_EQ(field_of(new_user("lan2", Role::viewer, std::string(1025, 'x'))), "password");
  EXPECT_EQ(field_of(new_user("lan3", Role::reporter, "long enough pw")), "units");
  EXPECT_EQ(field_of(new_user("lan4", Role::coordinator, "long enough pw", {"Cục Thuế"})), "units");
}

TEST_P(AccountsTest, TheLoginNameIsComparedWithoutCase) {
  ASSERT_TRUE(
      accounts().add_user(new_user("Lan.Nguyen", Role::viewer, "correct horse"), "cli", t0).ok());
  auto session = accounts().login("LAN.nguyen", "correct horse", "10.0.0.1", t0);
  ASSERT_TRUE(session.ok()) << session.error().message;
  EXPECT_EQ(session->user.name, "Lan.Nguyen");  // kept as typed when added
  EXPECT_EQ(session->token.size(), 43u);        // 32 bytes in base64url without padding
  EXPECT_EQ(session->csrf_token.size(), 43u);
  EXPECT_NE(session->token, session->csrf_token);
}

TEST_P(AccountsTest, AnUnknownNameAndAWrongPasswordGetTheSameMessage) {
  ASSERT_TRUE(accounts().add_user(new_user("lan", Role::viewer, "correct horse"), "cli", t0).ok());
  auto wrong = accounts().login("lan", "correct horsf", "10.0.0.1", t0);
  auto unknown = accounts().login("mai", "correct horse", "10.0.0.1", t0);
  ASSERT_FALSE(wrong.ok());
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(wrong.error().kind, ErrorKind::bad_input);
  EXPECT_EQ(unknown.error().kind, ErrorKind::bad_input);
  EXPECT_EQ(wrong.error().message, unknown.error().message);
  EXPECT_EQ(wrong.error().message_en, unknown.error().message_en);
  EXPECT_EQ(wrong.error().message_en, "Wrong login name or password.");
  // Over the limits: the same answer, no crash.
  auto long_name = accounts().login(std::string(10'000, 'a'), "correct horse", "10.0.0.1", t0);
  auto long_password = accounts().login("lan", std::string(100'000, 'x'), "10.0.0.1", t0);
  EXPECT_EQ(long_name.error().message_en, "Wrong login name or password.");
  EXPECT_EQ(long_password.error().message_en, "Wrong login name or password.");
}

TEST_P(AccountsTest, TheUnknownNamesHashHasTheCostsOfARealOne) {
  // An unknown name is verified against this hash so that it takes as long
  // as a wrong password: it must have today's costs.
  EXPECT_FALSE(store_detail::hash_needs_rehash(store_detail::dummy_hash()));
  EXPECT_EQ(store_detail::dummy_hash().substr(0, 31), "$argon2id$v=19$m=19456,t=2,p=1$");
  EXPECT_FALSE(store_detail::matches_dummy_hash(""));
}

TEST_P(AccountsTest, AOneTimePasswordMustBeChangedAndTheChangeEndsOtherSessions) {
  auto added = accounts().add_user(new_user("lan", Role::reporter, "", {"Cục Thuế"}), "cli", t0);
  ASSERT_TRUE(added.ok()) << added.error().message;
  const std::string one_time = *added;
  // 4 groups of 4 from the 32 symbols without 0, O, 1, I: 16 × 5 = 80 bits.
  EXPECT_TRUE(std::regex_match(one_time, std::regex("[2-9A-HJ-NP-Z]{4}(-[2-9A-HJ-NP-Z]{4}){3}")))
      << one_time;
  EXPECT_TRUE(accounts().user("lan")->must_change_password);

  auto first = accounts().login("lan", one_time, "10.0.0.1", t0);
  ASSERT_TRUE(first.ok()) << first.error().message;
  EXPECT_TRUE(first->user.must_change_password);
  auto second = accounts().login("lan", one_time, "10.0.0.2", t0 + 1);
  ASSERT_TRUE(second.ok());

  auto wrong_old =
      accounts().change_password(first->token, "not it at all", "a new password", t0 + 2);
  ASSERT_FALSE(wrong_old.ok());
  EXPECT_EQ(wrong_old.error().field, "old_password");
  auto too_short = accounts().change_password(first->token, one_time, "short", t0 + 2);
  ASSERT_FALSE(too_short.ok());
  EXPECT_EQ(too_short.error().field, "password");
  auto same = accounts().change_password(first->token, one_time, one_time, t0 + 2);
  EXPECT_FALSE(same.ok());  // a one-time password must be changed, not kept

  auto changed = accounts().change_password(first->token, one_time, "a new password", t0 + 3);
  ASSERT_TRUE(changed.ok()) << changed.error().message;
  EXPECT_FALSE(accounts().user("lan")->must_change_password);
  auto kept = accounts().session(first->token, t0 + 4);
  ASSERT_TRUE(kept.ok());  // the session that changed it goes on
  EXPECT_FALSE(kept->user.must_change_password);
  EXPECT_EQ(accounts().session(second->token, t0 + 4).error().kind, ErrorKind::not_found);
  EXPECT_FALSE(accounts().login("lan", one_time, "10.0.0.1", t0 + 5).ok());
  EXPECT_TRUE(accounts().login("lan", "a new password", "10.0.0.1", t0 + 6).ok());
}

TEST_P(AccountsTest, APasswordSetByAnAdministratorEndsTheUsersSessions) {
  ASSERT_TRUE(accounts().add_user(new_user("lan", Role::viewer, "correct horse"), "cli", t0).ok());
  auto session = accounts().login("lan", "correct horse", "10.0.0.1", t0);
  ASSERT_TRUE(session.ok());
  auto reset = accounts().set_password("lan", "", true, "admin", t0 + 10);
  ASSERT_TRUE(reset.ok()) << reset.error().message;
  EXPECT_EQ(reset->size(), 19u);  // a new one-time password, returned
  EXPECT_TRUE(accounts().user("lan")->must_change_password);
  EXPECT_FALSE(accounts().session(session->token, t0 + 11).ok());
  EXPECT_TRUE(accounts().login("lan", *reset, "10.0.0.1", t0 + 12).ok());

  auto chosen = accounts().set_password("lan", "chosen by the admin", false, "admin", t0 + 20);
  ASSERT_TRUE(chosen.ok());
  EXPECT_EQ(*chosen, "");
  EXPECT_FALSE(accounts().user("lan")->must_change_password);
  EXPECT_EQ(accounts().set_password("mai", "", true, "admin", t0).error().kind,
            ErrorKind::not_found);
}

TEST_P(AccountsTest, ASessionEndsWhenIdleLongerThanThePolicySays) {
  AccountPolicy policy;
  policy.idle_minutes = 30;
  accounts().set_policy(policy);
  ASSERT_TRUE(accounts().add_user(new_user("lan", Role::viewer, "correct horse"), "cli", t0).ok());
  auto session = accounts().login("lan", "correct horse", "10.0.0.1", t0);
  ASSERT_TRUE(session.ok());

  // Used after 29 minutes: alive, and idle time counts from then.
  auto used = accounts().session(session->token, t0 + 29 * minute);
  ASSERT_TRUE(used.ok()) << used.error().message;
  EXPECT_EQ(used->csrf_token, session->csrf_token);  // the same CSRF token all along
  EXPECT_EQ(used->token, "");                        // the token is only returned by login()
  // 30 minutes after that use: still alive (idle for exactly the limit).
  ASSERT_TRUE(accounts().session(session->token, t0 + 59 * minute).ok());
  // Then 30 minutes and 1 second without use: ended, for good.
  EXPECT_EQ(accounts().session(session->token, t0 + 89 * minute + 1).error().kind,
            ErrorKind::not_found);
  EXPECT_FALSE(accounts().session(session->token, t0 + 89 * minute + 2).ok());
  EXPECT_EQ(db_->count_rows("account_session"), 0);

  // A token no one was given, and garbage.
  EXPECT_FALSE(accounts().session("not-a-token", t0).ok());
  EXPECT_FALSE(accounts().session(std::string(100'000, 'x'), t0).ok());
  EXPECT_FALSE(accounts().session("", t0).ok());
}

TEST_P(AccountsTest, ADisabledUserIsLoggedOutAndCannotLogIn) {
  ASSERT_TRUE(accounts().add_user(new_user("lan", Role::viewer, "correct horse"), "cli", t0).ok());
  auto session = accounts().login("lan", "correct horse", "10.0.0.1", t0);
  ASSERT_TRUE(session.ok());
  ASSERT_TRUE(accounts().set_disabled("lan", true, "admin", t0 + 1).ok());
  EXPECT_TRUE(accounts().user("lan")->disabled);
  EXPECT_EQ(accounts().session(session->token, t0 + 2).error().kind, ErrorKind::not_found);
  auto refused = accounts().login("lan", "correct horse", "10.0.0.1", t0 + 3);
  ASSERT_FALSE(refused.ok());
  EXPECT_NE(refused.error().message_en.find("disabled"), std::string::npos)
      << refused.error().message_en;

  ASSERT_TRUE(accounts().set_disabled("lan", false, "admin", t0 + 4).ok());
  EXPECT_TRUE(accounts().login("lan", "correct horse", "10.0.0.1", t0 + 5).ok());
}

TEST_P(AccountsTest, ASessionSeesTheUsersRoleAndUnitsAsTheyAreNow) {
  ASSERT_TRUE(accounts()
                  .add_user(new_user("lan", Role::reporter, "correct horse", {"Cục Thuế"}), "cli", t0)
                  .ok());
  auto session = accounts().login("lan", "correct horse", "10.0.0.1", t0);
  ASSERT_TRUE(session.ok());
  EXPECT_EQ(session->user.units, std::vector<std::string>{"Cục Thuế"});
  ASSERT_TRUE(accounts().set_role("lan", Role::viewer, {}, "admin", t0 + 1).ok());
  auto seen = accounts().session(session->token, t0 + 2);
  ASSERT_TRUE(seen.ok());
  EXPECT_EQ(seen->user.role, Role::viewer);
  EXPECT_TRUE(seen->user.units.empty());
}

TEST_P(AccountsTest, LogoutEndsTheSessionAndIsHarmlessTwice) {
  ASSERT_TRUE(accounts().add_user(new_user("lan", Role::viewer, "correct horse"), "cli", t0).ok());
  auto session = accounts().login("lan", "correct horse", "10.0.0.1", t0);
  ASSERT_TRUE(session.ok());
  ASSERT_TRUE(accounts().logout(session->token, t0 + 1).ok());
  EXPECT_FALSE(accounts().session(session->token, t0 + 2).ok());
  EXPECT_TRUE(accounts().logout(session->token, t0 + 3).ok());
  EXPECT_EQ(actions("lan"), (std::vector<std::string>{"user_add", "login", "logout"}));
}

TEST_P(AccountsTest, FailedLoginsOfOneAccountBlockItForTheWindowEvenWithTheRightPassword) {
  AccountPolicy policy;
  policy.account_failures = 3;
  policy.window_minutes = 15;
  accounts().set_policy(policy);
  ASSERT_TRUE(accounts().add_user(new_user("lan", Role::viewer, "correct horse"), "cli", t0).ok());
  // Three failures from three addresses (the address limit stays far).
  for (int attempt = 0; attempt < 3; ++attempt)
    ASSERT_EQ(accounts()
                  .login("Lan", "wrong", "10.0.0." + std::to_string(attempt), t0 + attempt)
                  .error()
                  .kind,
              ErrorKind::bad_input);

  auto refused = accounts().login("lan", "correct horse", "10.0.1.1", t0 + 3);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().kind, ErrorKind::limited);
  // The first failure (t0) leaves the window at t0 + 900 s: 897 s from now,
  // 15 minutes rounded up.
  EXPECT_NE(refused.error().message.find("thử lại sau 15 phút"), std::string::npos)
      << refused.error().message;
  EXPECT_NE(refused.error().message_en.find("try again in 15 minutes"), std::string::npos);
  // A refusal is not a failure: it does not push the end further.
  EXPECT_EQ(accounts().login("lan", "correct horse", "10.0.1.1", t0 + 15 * minute - 1).error().kind,
            ErrorKind::limited);
  // At t0 + 15 minutes the first failure is out of the window: 2 of 3 left.
  auto allowed = accounts().login("lan", "correct horse", "10.0.1.1", t0 + 15 * minute);
  ASSERT_TRUE(allowed.ok()) << allowed.error().message;

  // A login clears the account's failures: two more do not block it.
  for (int attempt = 0; attempt < 2; ++attempt)
    ASSERT_FALSE(accounts().login("lan", "wrong", "10.0.2.1", t0 + 16 * minute + attempt).ok());
  EXPECT_TRUE(accounts().login("lan", "correct horse", "10.0.2.1", t0 + 16 * minute + 5).ok());
}

TEST_P(AccountsTest, FailedLoginsFromOneAddressBlockThatAddressOnly) {
  AccountPolicy policy;
  policy.account_failures = 100;
  policy.address_failures = 4;
  policy.window_minutes = 10;
  accounts().set_policy(policy);
  ASSERT_TRUE(accounts().add_user(new_user("lan", Role::viewer, "correct horse"), "cli", t0).ok());
  // Four names tried from one address (unknown names count too).
  for (const char* name : {"an", "binh", "chi", "dung"})
    ASSERT_FALSE(accounts().login(name, "guess", "203.0.113.9", t0).ok());
  auto refused = accounts().login("lan", "correct horse", "203.0.113.9", t0 + 1);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().kind, ErrorKind::limited);
  EXPECT_NE(refused.error().message_en.find("this address"), std::string::npos)
      << refused.error().message_en;
  EXPECT_TRUE(accounts().login("lan", "correct horse", "198.51.100.7", t0 + 2).ok());
  // An address past the limit is kept cut, not refused, and still counted.
  const std::string long_address = "2001:db8::1/" + std::string(1000, 'x');
  for (int attempt = 0; attempt < 4; ++attempt)
    ASSERT_EQ(accounts().login("an", "guess", long_address, t0 + 3).error().kind, ErrorKind::bad_input);
  EXPECT_EQ(accounts().login("lan", "correct horse", long_address, t0 + 4).error().kind, ErrorKind::limited);
  EXPECT_EQ(db_->query_text("SELECT max(length(address)) FROM login_failure"), "64");
  EXPECT_TRUE(accounts().login("lan", "correct horse", "203.0.113.9", t0 + 10 * minute).ok());
}

TEST_P(AccountsTest, TwoStoresOnOneDatabaseShareSessionsAndLimits) {
  AccountPolicy policy;
  policy.account_failures = 2;
  accounts().set_policy(policy);
  auto other = db_->open();
  ASSERT_NE(other, nullptr);
  other->accounts().set_policy(policy);
  ASSERT_TRUE(accounts().add_user(new_user("lan", Role::viewer, "correct horse"), "cli", t0).ok());
  auto session = accounts().login("lan", "correct horse", "10.0.0.1", t0);
  ASSERT_TRUE(session.ok());
  auto seen = other->accounts().session(session->token, t0 + 1);
  ASSERT_TRUE(seen.ok()) << seen.error().message;
  EXPECT_EQ(seen->user.name, "lan");

  ASSERT_FALSE(accounts().login("lan", "wrong", "10.0.0.1", t0 + 2).ok());
  ASSERT_FALSE(other->accounts().login("lan", "wrong", "10.0.0.2", t0 + 3).ok());
  EXPECT_EQ(accounts().login("lan", "correct horse", "10.0.0.3", t0 + 4).error().kind,
            ErrorKind::limited);
}

TEST_P(AccountsTest, TheDatabaseHoldsNeitherTheTokenNorThePasswordOnlyTheirDigests) {
  ASSERT_TRUE(
      accounts().add_user(new_user("lan", Role::viewer, "correct horse battery"), "cli", t0).ok());
  auto session = accounts().login("lan", "correct horse battery", "10.0.0.1", t0);
  ASSERT_TRUE(session.ok());
  EXPECT_EQ(db_->query_text("SELECT token_sha256 FROM account_session"),
            digest::sha256_hex(session->token));
  // Argon2id with OWASP's first listed costs: 19 MiB (19,456 KiB), 2 passes, 1 lane.
  const std::string hash = db_->query_text("SELECT password_hash FROM account");
  EXPECT_EQ(hash.substr(0, 31), "$argon2id$v=19$m=19456,t=2,p=1$") << hash;
  store_.reset();  // every byte written out
  const std::string stored = db_->everything_stored();
  EXPECT_NE(stored.find(digest::sha256_hex(session->token)), std::string::npos);  // it does read the sessions
  EXPECT_EQ(stored.find(session->token), std::string::npos);
  EXPECT_EQ(stored.find(session->csrf_token), std::string::npos);
  EXPECT_EQ(stored.find("correct horse battery"), std::string::npos);
}

TEST_P(AccountsTest, AHashWithOlderCostsIsRenewedAtLogin) {
  ASSERT_TRUE(accounts().add_user(new_user("lan", Role::viewer, "correct horse"), "cli", t0).ok());
  ASSERT_EQ(sodium_init() >= 0, true);
  // The least costs libsodium allows, and the 64 MiB of the releases before
  // 19 MiB (libsodium's INTERACTIVE): each verifies with its own costs, and
  // the login stores a hash with today's.
  struct Older {
    unsigned long long opslimit;
    std::size_t memlimit;
    const char* prefix;
  };
  std::int64_t now = t0;
  for (const Older& older : {Older{crypto_pwhash_OPSLIMIT_MIN, crypto_pwhash_MEMLIMIT_MIN, "$argon2id$v=19$m=8,t=1,p=1$"},
                             Older{crypto_pwhash_OPSLIMIT_INTERACTIVE, crypto_pwhash_MEMLIMIT_INTERACTIVE,
                                   "$argon2id$v=19$m=65536,t=2,p=1$"}}) {
    char made[crypto_pwhash_STRBYTES];
    ASSERT_EQ(crypto_pwhash_str(made, "correct horse", 13, older.opslimit, older.memlimit), 0);
    ASSERT_EQ(std::string(made).rfind(older.prefix, 0), 0u) << made;
    store_.reset();
    db_->exec(std::string("UPDATE account SET password_hash = '") + made + "'");
    store_ = db_->open();
    EXPECT_FALSE(accounts().login("lan", "wrong horse", "10.0.0.1", ++now).ok());
    EXPECT_EQ(db_->query_text("SELECT password_hash FROM account"), made);  // a failed login renews nothing
    auto session = accounts().login("lan", "correct horse", "10.0.0.1", ++now);
    ASSERT_TRUE(session.ok()) << session.error().message;
    const std::string hash = db_->query_text("SELECT password_hash FROM account");
    EXPECT_NE(hash, made);
    EXPECT_EQ(hash.substr(0, 31), "$argon2id$v=19$m=19456,t=2,p=1$") << hash;
    EXPECT_TRUE(accounts().login("lan", "correct horse", "10.0.0.1", ++now).ok());
  }
}

TEST_P(AccountsTest, RolesAndUnitsChangeAndTheChangeIsInTheTrail) {
  ASSERT_TRUE(
      accounts()
          .add_user(new_user("lan", Role::reporter, "correct horse", {"Cục Thuế"}), "cli", t0)
          .ok());
  EXPECT_EQ(accounts().set_role("lan", Role::reporter, {}, "cli", t0 + 1).error().field, "units");
  ASSERT_TRUE(
      accounts()
          .set_role("lan", Role::reporter, {"Sở Tư pháp", "Cục Thuế", "Sở Tư pháp"}, "cli", t0 + 2)
          .ok());
  EXPECT_EQ(accounts().user("lan")->units, (std::vector<std::string>{"Sở Tư pháp", "Cục Thuế"}));
  ASSERT_TRUE(accounts().set_role("lan", Role::coordinator, {}, "cli", t0 + 3).ok());
  EXPECT_EQ(accounts().user("lan")->role, Role::coordinator);
  EXPECT_TRUE(accounts().user("lan")->units.empty());
  auto events = accounts().auth_events(AuthEventQuery{"LAN", 0, 100});
  ASSERT_TRUE(events.ok());
  ASSERT_EQ(events->size(), 3u);
  EXPECT_EQ((*events)[1].detail, "role reporter → reporter; units Cục Thuế → Sở Tư pháp, Cục Thuế");
  EXPECT_EQ((*events)[2].detail, "role reporter → coordinator; units Sở Tư pháp, Cục Thuế → -");
  EXPECT_EQ((*events)[2].actor, "cli");
  EXPECT_EQ((*events)[2].at_utc, "2026-01-01T00:00:03Z");
}

TEST_P(AccountsTest, EveryActionIsInTheTrailAndNoneHoldsAPassword) {
  AccountPolicy policy;
  policy.account_failures = 1;
  accounts().set_policy(policy);
  auto one_time = accounts().add_user(new_user("lan", Role::viewer), "cli", t0);
  ASSERT_TRUE(one_time.ok());
  ASSERT_FALSE(accounts().login("lan", "zebra wrong 1", "10.0.0.1", t0 + 1).ok());  // login_failed
  ASSERT_FALSE(accounts().login("lan", *one_time, "10.0.0.1", t0 + 2).ok());        // login_refused
  ASSERT_FALSE(
      accounts().login("ghost", "zebra wrong 2", "10.0.0.2", t0 + 3).ok());  // login_failed, ""
  auto session = accounts().login("lan", *one_time, "10.0.0.1", t0 + 16 * minute);  // login
  ASSERT_TRUE(session.ok()) << session.error().message;
  ASSERT_TRUE(
      accounts().change_password(session->token, *one_time, "zebra new 3", t0 + 16 * minute).ok());
  ASSERT_TRUE(accounts().set_disabled("lan", true, "admin", t0 + 17 * minute).ok());
  ASSERT_TRUE(accounts().set_disabled("lan", false, "admin", t0 + 17 * minute).ok());
  auto reset = accounts().set_password("lan", "zebra new 4", false, "admin", t0 + 18 * minute);
  ASSERT_TRUE(reset.ok());
  auto again = accounts().login("lan", "zebra new 4", "10.0.0.1", t0 + 19 * minute);
  ASSERT_TRUE(again.ok());
  ASSERT_TRUE(accounts().logout(again->token, t0 + 20 * minute).ok());

  auto events = accounts().auth_events(AuthEventQuery{});
  ASSERT_TRUE(events.ok());
  std::vector<std::string> seen;
  for (const AuthEvent& event : *events)
    seen.push_back(event.action + ":" + event.user + ":" + event.actor);
  EXPECT_EQ(seen,
            (std::vector<std::string>{
                "user_add:lan:cli", "login_failed:lan:lan", "login_refused:lan:lan",
                "login_failed::", "login:lan:lan", "password:lan:lan", "user_change:lan:admin",
                "user_change:lan:admin", "password:lan:admin", "login:lan:lan", "logout:lan:lan"}));
  EXPECT_EQ((*events)[1].address, "10.0.0.1");
  EXPECT_EQ((*events)[3].address, "10.0.0.2");
  for (const AuthEvent& event : *events)
    for (const std::string& secret : {*one_time, std::string("zebra"), std::string("ghost")})
      for (const std::string* field : {&event.detail, &event.user, &event.actor, &event.address})
        EXPECT_EQ(field->find(secret), std::string::npos) << event.action << ": " << *field;

  // Paged: after an id, at most `limit`.
  auto page = accounts().auth_events(AuthEventQuery{"", (*events)[8].id, 2});
  ASSERT_TRUE(page.ok());
  ASSERT_EQ(page->size(), 2u);
  EXPECT_EQ((*page)[0].action, "login");
  EXPECT_EQ((*page)[1].action, "logout");
}

// Several servers on one PostgreSQL database (three stores here: two taking
// logins, one paging the trail). The trail's ids come from a sequence: a
// login through the first server draws its id and, before it commits, one
// through the second draws a larger id and commits. A reader that read a
// page then, and went on after its last id, would never see the first's
// event. A trigger keeps the first's insert in flight (its transaction open)
// until the test lets it go.
TEST(TrailAcrossServers, APageReadWhileAnotherServersLoginIsInFlightSkipsNothing) {
  test::PgTestDb db;
  ASSERT_TRUE(db.ok());
  auto first = open_store(db.conninfo());
  auto second = open_store(db.conninfo());
  auto reader = open_store(db.conninfo());
  ASSERT_TRUE(first.ok() && second.ok() && reader.ok());
  ASSERT_TRUE((*first)->accounts().add_user(new_user("cham", Role::viewer, "mật khẩu chậm"), "cli", t0).ok());
  ASSERT_TRUE((*first)->accounts().add_user(new_user("nhanh", Role::viewer, "mật khẩu nhanh"), "cli", t0).ok());
  auto added = (*reader)->accounts().auth_events(AuthEventQuery{});
  ASSERT_TRUE(added.ok() && added->size() == 2u);
  const std::int64_t after_adds = added->back().id;

  std::unique_ptr<PGconn, void (*)(PGconn*)> holder(PQconnectdb(db.conninfo().c_str()), PQfinish);
  ASSERT_EQ(PQstatus(holder.get()), CONNECTION_OK);
  auto first_value = [&](const char* sql) {
    PGresult* result = PQexec(holder.get(), sql);
    const bool ran = PQresultStatus(result) == PGRES_TUPLES_OK || PQresultStatus(result) == PGRES_COMMAND_OK;
    EXPECT_TRUE(ran) << sql << ": " << PQresultErrorMessage(result);
    std::string value = ran && PQntuples(result) > 0 ? PQgetvalue(result, 0, 0) : "";
    PQclear(result);
    return value;
  };
  first_value(
      "CREATE FUNCTION hold_login() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
      "IF NEW.account = 'cham' AND NEW.action = 'login' THEN PERFORM pg_advisory_xact_lock_shared(4242); END IF; "
      "RETURN NEW; END $$");
  first_value("CREATE TRIGGER hold_login AFTER INSERT ON auth_event FOR EACH ROW EXECUTE FUNCTION hold_login()");
  first_value("SELECT pg_advisory_lock(4242)");
  auto waiting = [&] {
    return std::stoi(first_value(
        "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted "
        "AND database = (SELECT oid FROM pg_database WHERE datname = current_database())"));
  };
  auto wait_until = [](const std::function<bool()>& done) {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
    while (!done() && std::chrono::steady_clock::now() < deadline)
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
    return done();
  };

  // The first server's login: its event inserted, its transaction held open.
  std::optional<Result<Session>> slow;
  std::thread slow_login([&] { slow = (*first)->accounts().login("cham", "mật khẩu chậm", "10.0.0.1", t0 + 1); });
  const bool held = wait_until([&] { return waiting() >= 1; });
  // The second server's login commits meanwhile, with the larger id.
  auto fast = (*second)->accounts().login("nhanh", "mật khẩu nhanh", "10.0.0.2", t0 + 2);
  // A page read now (a reader that does not wait gets the second's event alone).
  std::atomic<bool> page_read{false};
  std::optional<Result<std::vector<AuthEvent>>> first_page;
  std::thread paging([&] {
    first_page = (*reader)->accounts().auth_events(AuthEventQuery{"", after_adds, 1000});
    page_read = true;
  });
  wait_until([&] { return page_read || waiting() >= 2; });
  first_value("SELECT pg_advisory_unlock(4242)");  // the first server's login commits
  slow_login.join();
  paging.join();
  ASSERT_TRUE(held) << "the first server's login was never held in flight";
  ASSERT_TRUE(fast.ok()) << fast.error().message;
  ASSERT_TRUE(slow->ok()) << slow->error().message;
  ASSERT_TRUE(first_page->ok()) << first_page->error().message;

  // Paged on after the first page's last id, as a client does.
  std::vector<AuthEvent> events = **first_page;
  auto next = (*reader)->accounts().auth_events(
      AuthEventQuery{"", events.empty() ? after_adds : events.back().id, 1000});
  ASSERT_TRUE(next.ok()) << next.error().message;
  events.insert(events.end(), next->begin(), next->end());
  std::multiset<std::string> seen;
  for (const AuthEvent& event : events) seen.insert(event.action + ":" + event.user);
  EXPECT_EQ(seen, (std::multiset<std::string>{"login:cham", "login:nhanh"}));
}

TEST(AccountSecrets, OneTimePasswordsAndTokensDoNotRepeat) {
  std::set<std::string> seen;
  for (int draw = 0; draw < 1000; ++draw) {
    seen.insert(store_detail::one_time_password());
    seen.insert(store_detail::random_token());
  }
  EXPECT_EQ(seen.size(), 2000u);
}

TEST(AccountSecrets, SecretsCompareEqualOnlyWhenEqual) {
  EXPECT_TRUE(secrets_equal("abc", "abc"));
  EXPECT_FALSE(secrets_equal("abc", "abd"));
  EXPECT_FALSE(secrets_equal("abc", "ab"));
  EXPECT_TRUE(secrets_equal("", ""));
}

TEST(AccountSecrets, RoleNamesRoundTrip) {
  for (Role role : {Role::administrator, Role::coordinator, Role::reporter, Role::viewer})
    EXPECT_EQ(role_from_name(role_name(role)), role);
  EXPECT_EQ(role_from_name("admin"), std::nullopt);
  EXPECT_STREQ(role_name(Role::reporter), "reporter");
}

}  // namespace
}  // namespace chiso::store_test
