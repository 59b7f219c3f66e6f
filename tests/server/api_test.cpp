// The API end to end: the real `chiso serve` on a database seeded from the
// sample, spoken to over HTTP. Expected values come from the sample table
// (read by hand) and from the issue's rules, never from the server.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "api_fixture.h"

namespace chiso::server_test {
namespace {

namespace fs = std::filesystem;

INSTANTIATE_TEST_SUITE_P(Stores, ApiTest, test::both_backends, test::backend_name);

TEST_P(ApiTest, LoginSetsAStrictHttpOnlyCookieAndReturnsTheUser) {
  auto anonymous = client();
  Reply reply = anonymous->login("rep_a");
  ASSERT_EQ(reply.status, 200) << reply.body;
  const std::string& cookie = reply.headers["set-cookie"];
  EXPECT_EQ(cookie.rfind("chiso_session=", 0), 0u) << cookie;
  EXPECT_NE(cookie.find("; HttpOnly"), std::string::npos) << cookie;
  EXPECT_NE(cookie.find("; SameSite=Strict"), std::string::npos) << cookie;
  EXPECT_NE(cookie.find("; Path=/"), std::string::npos) << cookie;
  // Plain HTTP from a client that is not the trusted proxy: not Secure.
  EXPECT_EQ(cookie.find("Secure"), std::string::npos) << cookie;
  nlohmann::json who = reply.json();
  EXPECT_EQ(who["user"], "rep_a");
  EXPECT_EQ(who["role"], "reporter");
  EXPECT_EQ(who["units"], nlohmann::json::array({kUnitA}));
  EXPECT_GE(who["csrf_token"].get<std::string>().size(), 16u);
  EXPECT_EQ(anonymous->get("/api/session").json()["user"], "rep_a");
}

TEST_P(ApiTest, ForwardedHttpsIsTrustedOnlyFromTheConfiguredProxy) {
  // This test's server trusts 127.0.0.1 as its proxy.
  server_ = std::make_unique<ServerProcess>(db_, std::vector<std::string>{"--trusted-proxy", "127.0.0.1"}, folder_);
  auto browser = client();
  nlohmann::json body = {{"username", "coord"}, {"password", kPassword}};
  Reply reply = browser->request("POST", "/api/session", body.dump(), {{"X-Forwarded-Proto", "https"}});
  ASSERT_EQ(reply.status, 200) << reply.body;
  EXPECT_NE(reply.headers["set-cookie"].find("; Secure"), std::string::npos) << reply.headers["set-cookie"];
}

TEST_P(ApiTest, ForwardedHttpsFromAnUntrustedPeerIsIgnored) {
  auto browser = client();
  nlohmann::json body = {{"username", "coord"}, {"password", kPassword}};
  Reply reply = browser->request("POST", "/api/session", body.dump(), {{"X-Forwarded-Proto", "https"}});
  ASSERT_EQ(reply.status, 200) << reply.body;
  EXPECT_EQ(reply.headers["set-cookie"].find("Secure"), std::string::npos);
}

TEST_P(ApiTest, WrongPasswordIs401AndNoCookie) {
  auto browser = client();
  Reply reply = browser->login("rep_a", "not-the-password");
  EXPECT_EQ(reply.status, 401) << reply.body;
  EXPECT_EQ(reply.headers.count("set-cookie"), 0u);
  nlohmann::json error = reply.json()["error"];
  EXPECT_EQ(error["code"], "login_failed");
  EXPECT_FALSE(error["message"].get<std::string>().empty());
  EXPECT_FALSE(error["message_en"].get<std::string>().empty());
}

TEST_P(ApiTest, LogoutEndsTheSession) {
  auto browser = client("coord");
  ASSERT_EQ(browser->get("/api/periods").status, 200);
  Reply out = browser->request("DELETE", "/api/session");
  EXPECT_EQ(out.status, 200) << out.body;
  EXPECT_NE(out.headers["set-cookie"].find("Max-Age=0"), std::string::npos);
  // The old cookie no longer opens anything.
  EXPECT_EQ(browser->get("/api/periods").status, 401);
}

TEST_P(ApiTest, NoSessionIs401WithAJsonError) {
  auto anonymous = client();
  Reply reply = anonymous->get("/api/periods");
  EXPECT_EQ(reply.status, 401);
  EXPECT_EQ(reply.headers["content-type"], "application/json");
  EXPECT_EQ(reply.json()["error"]["code"], "unauthenticated");
  anonymous->cookie = "chiso_session=forged-token";
  EXPECT_EQ(anonymous->get("/api/periods").status, 401);
}

TEST_P(ApiTest, EveryWriteNeedsTheSessionsCsrfToken) {
  auto browser = client("coord");
  const std::string token = browser->csrf_token;
  struct Write {
    const char* method;
    std::string target;
    std::string body;
  };
  const Write writes[] = {
      {"POST", "/api/periods", R"({"period": "2025-Q1"})"},
      {"PUT", kRowB, R"({"values": {"online_total": "10"}, "version": 1})"},
      {"POST", kRowB + "/check", R"({"values": {}})"},
      {"POST", kRowB + "/approve", R"({"version": 1})"},
      {"POST", std::string("/api/periods/") + kPeriod + "/lock", "{}"},
      {"DELETE", "/api/session", ""},
  };
  for (const Write& write : writes) {
    browser->send_csrf = false;
    Reply missing = browser->request(write.method, write.target, write.body);
    EXPECT_EQ(missing.status, 403) << write.method << " " << write.target << ": " << missing.body;
    EXPECT_EQ(missing.json()["error"]["code"], "csrf") << write.target;
    browser->send_csrf = true;
    browser->csrf_token = "wrong" + token;
    Reply wrong = browser->request(write.method, write.target, write.body);
    EXPECT_EQ(wrong.status, 403) << write.method << " " << write.target;
    browser->csrf_token = token;
  }
  // Nothing happened: no period was opened, the period is still open.
  nlohmann::json periods = browser->get("/api/periods").json();
  ASSERT_EQ(periods.size(), 1u) << periods.dump();
  EXPECT_EQ(periods[0]["state"], "open");
}

TEST_P(ApiTest, SecurityHeadersOnEveryResponse) {
  auto anonymous = client();
  for (const char* target : {"/api/openapi.json", "/api/periods", "/no/such/path"}) {
    Reply reply = anonymous->get(target);
    EXPECT_EQ(reply.headers["content-security-policy"], "default-src 'self'; frame-ancestors 'none'") << target;
    EXPECT_EQ(reply.headers["x-frame-options"], "DENY") << target;
    EXPECT_EQ(reply.headers["x-content-type-options"], "nosniff") << target;
    EXPECT_EQ(reply.headers["referrer-policy"], "same-origin") << target;
  }
  EXPECT_EQ(anonymous->get("/api/periods").headers["cache-control"], "no-store");
  EXPECT_EQ(anonymous->get("/no/such/path").status, 404);
}

TEST_P(ApiTest, HealthAnswersWithoutALogin) {
  auto anonymous = client();
  Reply health = anonymous->get("/api/health");
  EXPECT_EQ(health.status, 200) << health.body;
  EXPECT_EQ(health.json(), nlohmann::json({{"status", "ok"}}));
  EXPECT_EQ(health.headers["cache-control"], "no-store");
}

TEST_P(ApiTest, UnitsAreThePlansInOrder) {
  auto browser = client("viewer");
  nlohmann::json units = browser->get("/api/units").json();
  ASSERT_TRUE(units.is_array());
  ASSERT_GE(units.size(), 4u);
  EXPECT_EQ(units[2]["id"], 3);
  EXPECT_EQ(units[2]["name"], kUnitA);
  EXPECT_EQ(units[3]["name"], kUnitB);
  EXPECT_EQ(units[3]["kind"], "department");
}

TEST_P(ApiTest, AReporterCannotReadOrWriteAnotherUnit) {
  auto reporter = client("rep_a");
  EXPECT_EQ(reporter->get(kRowA).status, 200);
  Reply read = reporter->get(kRowB);
  EXPECT_EQ(read.status, 403) << read.body;
  EXPECT_NE(read.json()["error"]["message"].get<std::string>().find(kUnitB), std::string::npos);
  // By name too, and by a name written another way.
  EXPECT_EQ(reporter->get(std::string("/api/periods/") + kPeriod + "/units/" + url_encode(kUnitB)).status, 403);
  EXPECT_EQ(reporter->get(std::string("/api/periods/") + kPeriod + "/units/" + url_encode("sở công thương")).status, 403);
  Reply write = reporter->request("PUT", kRowB, R"({"values": {"online_total": "1"}, "version": 1})");
  EXPECT_EQ(write.status, 403);
  EXPECT_EQ(reporter->request("POST", kRowB + "/submit", R"({"version": 1})").status, 403);
  EXPECT_EQ(reporter->request("POST", kRowB + "/check", R"({"values": {}})").status, 403);
  // The open period's table holds every unit's current row: not for a reporter.
  EXPECT_EQ(reporter->get(std::string("/api/periods/") + kPeriod + "/table").status, 403);
  // Unit B is as the sample has it: version 1, online_total 158.
  auto coordinator = client("coord");
  nlohmann::json row = coordinator->get(kRowB).json();
  EXPECT_EQ(row["version"], 1);
  EXPECT_EQ(row["values"]["online_total"]["raw"], "158");
}

TEST_P(ApiTest, AReporterUploadOfAnotherUnitsRowIsRefusedNamingIt) {
  auto reporter = client("rep_a");
  std::ifstream seed(kSeed);
  std::stringstream whole;
  whole << seed.rdbuf();
  Reply reply = reporter->request("POST", std::string("/api/periods/") + kPeriod + "/upload?name=seed.txt",
                                  whole.str(), {{"Content-Type", "text/plain"}});
  EXPECT_EQ(reply.status, 403) << reply.body;
  const std::string message = reply.json()["error"]["message"];
  EXPECT_NE(message.find(kUnitB), std::string::npos) << message;
  EXPECT_EQ(message.find(kUnitA), std::string::npos) << message;  // their own is not "another"
}

TEST_P(ApiTest, ACoordinatorUploadChangesOnlyTheUnitsInIt) {
  auto coordinator = client("coord");
  // The seed's header and one row: Sở Du lịch with 27 services instead of 26.
  std::ifstream seed(kSeed);
  std::string line, upload;
  while (std::getline(seed, line)) {
    if (line.rfind("3\tSở Du lịch", 0) == 0) {
      upload += "3\tSở Du lịch\t10\t2,8\t27\t17\t62,96\t10\t37,04\t100\t100\tx\t1\tx\t\tx\t0\n";
    } else if (line.empty() || !std::isdigit(static_cast<unsigned char>(line[0]))) {
      upload += line + "\n";
    }
  }
  Reply reply = coordinator->request("POST", std::string("/api/periods/") + kPeriod + "/upload?name=du-lich.tsv",
                                     upload, {{"Content-Type", "text/tab-separated-values"}});
  ASSERT_EQ(reply.status, 200) << reply.body;
  nlohmann::json done = reply.json();
  EXPECT_EQ(done["rows"], 1);
  EXPECT_EQ(done["periods"][kPeriod]["changed"], 1);
  EXPECT_EQ(done["periods"][kPeriod]["kept"], 29);
  EXPECT_EQ(coordinator->get(kRowA).json()["values"]["online_total"]["raw"], "27");
  EXPECT_EQ(coordinator->get(kRowB).json()["version"], 1);
}

TEST_P(ApiTest, AStaleVersionIs409WithTheCurrentValues) {
  auto first = client("coord");
  auto second = client("admin");
  // Both pages show version 1 of unit B; the first saves, then the second.
  Reply saved = first->request("PUT", kRowB, R"({"values": {"online_total": "158", "online_full": "118"}, "version": 1})");
  ASSERT_EQ(saved.status, 200) << saved.body;
  EXPECT_EQ(saved.json()["version"], 2);
  Reply stale = second->request("PUT", kRowB, R"({"values": {"online_total": "999"}, "version": 1})");
  ASSERT_EQ(stale.status, 409) << stale.body;
  nlohmann::json error = stale.json()["error"];
  EXPECT_EQ(error["code"], "conflict");
  EXPECT_EQ(error["detail"]["version"], 2);
  EXPECT_EQ(error["detail"]["values"]["online_full"], "118");
  EXPECT_EQ(error["detail"]["values"]["online_total"], "158");
  // Nothing overwritten.
  EXPECT_EQ(first->get(kRowB).json()["values"]["online_total"]["raw"], "158");
}

// A save's answer: the new version and what the page shows, its keys in
// this order (a tool may read it as text: bench/wrk_save.lua does); a save
// of the same values makes no version.
TEST_P(ApiTest, ASaveAnswersTheNewVersionWithItsValuesAndFindings) {
  auto coordinator = client("coord");
  const std::string body = R"({"values": {"online_total": "158", "online_full": "118"}, "version": 1})";
  Reply saved = coordinator->request("PUT", kRowB, body);
  ASSERT_EQ(saved.status, 200) << saved.body;
  std::size_t at = 0;
  for (const char* key : {"{\"changed\":true,", "\"findings\":[", "\"period\":\"", "\"state\":\"draft\",\"unit\":\"",
                          "\"values\":{", "\"version\":2}"}) {
    const std::size_t found = saved.body.find(key, at);
    ASSERT_NE(found, std::string::npos) << key << " after " << at << " in " << saved.body;
    at = found;
  }
  EXPECT_TRUE(saved.body.ends_with("\"version\":2}")) << saved.body;
  nlohmann::json answer = saved.json();
  EXPECT_EQ(answer.size(), 7u) << saved.body;
  EXPECT_EQ(answer["period"], kPeriod);
  EXPECT_EQ(answer["unit"], kUnitB);
  EXPECT_EQ(answer["values"]["online_total"]["raw"], "158");
  EXPECT_EQ(answer["values"]["online_total"]["value"], 158);
  EXPECT_EQ(answer["values"]["online_full"]["value"], 118);
  EXPECT_TRUE(answer["findings"].is_array());
  // The same values again, based on version 2: nothing new.
  Reply again = coordinator->request("PUT", kRowB, R"({"values": {"online_total": "158", "online_full": "118"}, "version": 2})");
  ASSERT_EQ(again.status, 200) << again.body;
  EXPECT_EQ(again.json()["changed"], false);
  EXPECT_EQ(again.json()["version"], 2);
  EXPECT_EQ(again.json()["values"], answer["values"]);
}

TEST_P(ApiTest, ALockedPeriodRefusesWritesUntilAnAdministratorUnlocksIt) {
  auto coordinator = client("coord");
  Reply locked = coordinator->request("POST", std::string("/api/periods/") + kPeriod + "/lock", "{}");
  ASSERT_EQ(locked.status, 200) << locked.body;
  EXPECT_EQ(locked.json()["state"], "locked");
  Reply refused = coordinator->request("PUT", kRowB, R"({"values": {"online_total": "1"}, "version": 1})");
  EXPECT_EQ(refused.status, 409) << refused.body;
  EXPECT_EQ(coordinator->request("POST", kRowB + "/approve", R"({"version": 1})").status, 409);
  // A coordinator may not unlock; an administrator must give a reason.
  const std::string unlock = std::string("/api/periods/") + kPeriod + "/unlock";
  EXPECT_EQ(coordinator->request("POST", unlock, R"({"reason": "sửa số liệu"})").status, 403);
  auto administrator = client("admin");
  Reply no_reason = administrator->request("POST", unlock, "{}");
  EXPECT_EQ(no_reason.status, 400);
  EXPECT_EQ(no_reason.json()["error"]["field"], "reason");
  Reply unlocked = administrator->request("POST", unlock, R"({"reason": "Sở Công Thương sửa số liệu"})");
  ASSERT_EQ(unlocked.status, 200) << unlocked.body;
  EXPECT_EQ(coordinator->request("PUT", kRowB, R"({"values": {"online_total": "1"}, "version": 1})").status, 200);
}

TEST_P(ApiTest, AViewerSeesOnlyLockedPeriods) {
  auto viewing = client("viewer");
  EXPECT_EQ(viewing->get("/api/periods").json().size(), 0u);
  EXPECT_EQ(viewing->get(std::string("/api/periods/") + kPeriod + "/table").status, 403);
  auto coordinator = client("coord");
  ASSERT_EQ(coordinator->request("POST", std::string("/api/periods/") + kPeriod + "/lock", "{}").status, 200);
  EXPECT_EQ(viewing->get("/api/periods").json().size(), 1u);
  EXPECT_EQ(viewing->get(std::string("/api/periods/") + kPeriod + "/table").status, 200);
  EXPECT_EQ(viewing->get(kRowA).status, 403);  // rows are for those who report and review
}

TEST_P(ApiTest, AReturnedRowIsSavedAgainAndSubmittedThenApproved) {
  auto coordinator = client("coord");
  auto reporter = client("rep_a");
  Reply returned = coordinator->request("POST", kRowA + "/return", R"({"version": 1, "comment": "Kiểm tra lại cột 5"})");
  ASSERT_EQ(returned.status, 200) << returned.body;
  EXPECT_EQ(reporter->get(kRowA).json()["state"], "returned");
  EXPECT_EQ(coordinator->request("POST", kRowA + "/return", R"({"version": 1})").json()["error"]["field"], "comment");
  Reply saved = reporter->request("PUT", kRowA,
                                  R"({"values": {"tthc_shortened": "10", "days_shortened_avg": "2,8", "online_total": "26",
                                      "online_full": "17", "online_full_pct": "65,38", "online_partial": "9",
                                      "online_partial_pct": "34,62", "cashless_pct": "100", "first_time_valid_pct": "100",
                                      "meeting_room_has": "x", "meeting_room_count": "1", "ddci_connected": "x",
                                      "licence_model": "x", "commitments_published": "0"}, "version": 1})");
  ASSERT_EQ(saved.status, 200) << saved.body;
  EXPECT_EQ(saved.json()["version"], 2);
  EXPECT_EQ(saved.json()["state"], "draft");
  Reply submitted = reporter->request("POST", kRowA + "/submit", R"({"version": 2})");
  ASSERT_EQ(submitted.status, 200) << submitted.body;
  // A reporter cannot approve their own row.
  EXPECT_EQ(reporter->request("POST", kRowA + "/approve", R"({"version": 2})").status, 403);
  EXPECT_EQ(coordinator->request("POST", kRowA + "/approve", R"({"version": 2})").status, 200);
  nlohmann::json status = coordinator->get(std::string("/api/periods/") + kPeriod + "/status").json();
  EXPECT_EQ(status["units"][2]["unit"], kUnitA);
  EXPECT_EQ(status["units"][2]["state"], "approved");
  EXPECT_EQ(status["units"][2]["version"], 2);
  // The cell's history (a unit asked for: its first version too, store.h):
  // 65 from the sample's import, then 65,38 as the reporter typed it.
  nlohmann::json history =
      coordinator->get(std::string("/api/periods/") + kPeriod + "/history?unit=3&indicator=online_full_pct").json();
  ASSERT_TRUE(history.is_array()) << history.dump();
  std::vector<nlohmann::json> cell_changes;
  for (const auto& change : history) {
    if (change["indicator"] == "online_full_pct") cell_changes.push_back(change);
  }
  ASSERT_EQ(cell_changes.size(), 2u) << history.dump();
  EXPECT_EQ(cell_changes[0]["new_raw"], "65");
  EXPECT_EQ(cell_changes[0]["new_version"], 1);
  EXPECT_EQ(cell_changes[1]["old_raw"], "65");
  EXPECT_EQ(cell_changes[1]["new_raw"], "65,38");
  EXPECT_EQ(cell_changes[1]["new_version"], 2);
  EXPECT_EQ(cell_changes[1]["author"], "rep_a");
  // A reporter does not browse the history.
  EXPECT_EQ(reporter->get(std::string("/api/periods/") + kPeriod + "/history").status, 403);
}

TEST_P(ApiTest, SubmittingARowWithErrorsIsRefused) {
  auto reporter = client("rep_a");
  // 39,32 where the share should be 30 (30 of 100): the issue's typo.
  Reply saved = reporter->request("PUT", kRowA,
                                  R"({"values": {"online_total": "100", "online_full": "70", "online_full_pct": "70",
                                      "online_partial": "30", "online_partial_pct": "39,32"}, "version": 1})");
  ASSERT_EQ(saved.status, 200) << saved.body;
  bool share_error = false;
  const nlohmann::json answer = saved.json();
  for (const auto& finding : answer["findings"]) {
    if (finding["indicator"] == "online_partial_pct" && finding["severity"] == "error") {
      share_error = true;
      EXPECT_EQ(finding["expected"], 30);
      EXPECT_EQ(finding["raw"], "39,32");
    }
  }
  EXPECT_TRUE(share_error) << saved.body;
  Reply submitted = reporter->request("POST", kRowA + "/submit", R"({"version": 2})");
  EXPECT_EQ(submitted.status, 400) << submitted.body;
}

TEST_P(ApiTest, ValuesTypedTheVietnameseWayAreReadAndCheckedAsChisoCheckDoes) {
  auto reporter = client("rep_a");
  // 1.045 services (a thousands dot), 774 of them whole (74,07 %: typed
  // 74,05), 271 partly (25,93 %), marks x.
  const nlohmann::json typed = {{"tthc_shortened", "10"},      {"days_shortened_avg", "2,8"},
                                {"online_total", "1.045"},     {"online_full", "774"},
                                {"online_full_pct", "74,05"},  {"online_partial", "271"},
                                {"online_partial_pct", "25,93"}, {"cashless_pct", "100"},
                                {"first_time_valid_pct", "99,5"}, {"meeting_room_has", "x"},
                                {"meeting_room_count", "1"},   {"ddci_connected", "x"},
                                {"licence_model", "x"},        {"commitments_published", "0"}};
  Reply saved = reporter->request("PUT", kRowA, nlohmann::json({{"values", typed}, {"version", 1}}).dump());
  ASSERT_EQ(saved.status, 200) << saved.body;
  nlohmann::json row = reporter->get(kRowA).json();
  EXPECT_EQ(row["version"], 2);
  EXPECT_EQ(row["values"]["online_total"]["raw"], "1.045");
  EXPECT_EQ(row["values"]["online_total"]["value"], 1045);
  EXPECT_EQ(row["values"]["online_full_pct"]["value"], 74.05);
  EXPECT_EQ(row["values"]["days_shortened_avg"]["value"], 2.8);
  EXPECT_EQ(row["values"]["meeting_room_has"]["value"], true);
  EXPECT_EQ(row["values"]["commitments_published"]["value"], false);
  EXPECT_EQ(row["values"].count("ai_answering"), 0u);  // left blank

  // The same row in a table checked by `chiso check`: the same findings.
  std::ifstream seed(kSeed);
  std::string line, table;
  while (std::getline(seed, line)) {
    if (line.rfind("3\tSở Du lịch", 0) == 0) {
      table += "3\tSở Du lịch\t10\t2,8\t1.045\t774\t74,05\t271\t25,93\t100\t99,5\tx\t1\tx\t\tx\t0\n";
    } else if (line.empty() || !std::isdigit(static_cast<unsigned char>(line[0]))) {
      table += line + "\n";
    }
  }
  const std::string path = folder_ + "/du-lich.tsv";
  std::ofstream(path) << table;
  CommandRun checked = run_chiso("check " + path + " --period 2024-Q4 --format json");
  nlohmann::json cli = nlohmann::json::parse(checked.output, nullptr, false);
  ASSERT_FALSE(cli.is_discarded()) << checked.output;
  auto key = [](const nlohmann::json& finding) {
    return finding["severity"].get<std::string>() + " " + finding["rule"].get<std::string>() + " " +
           finding["indicator"].get<std::string>() + " " + finding["message"].get<std::string>();
  };
  std::multiset<std::string> from_cli, from_server;
  for (const auto& finding : cli["findings"]) {
    if (finding["unit"] == kUnitA) from_cli.insert(key(finding));
  }
  for (const auto& finding : row["findings"]) from_server.insert(key(finding));
  EXPECT_EQ(from_server, from_cli);
  EXPECT_FALSE(from_cli.empty());  // the blank ai_answering at least is noted
}

TEST_P(ApiTest, CheckingARowSavesNothing) {
  auto reporter = client("rep_a");
  Reply checked = reporter->request("POST", kRowA + "/check", R"({"values": {"online_total": "1.045"}})");
  ASSERT_EQ(checked.status, 200) << checked.body;
  EXPECT_EQ(checked.json()["values"]["online_total"]["value"], 1045);
  EXPECT_EQ(reporter->get(kRowA).json()["version"], 1);
}

TEST_P(ApiTest, TheTableIsTheJsonOfChisoReport) {
  const std::string cli = report_json(db_, folder_);
  auto coordinator = client("coord");
  Reply reply = coordinator->get("/api/periods/" + url_encode("Quý IV năm 2024") + "/table");
  ASSERT_EQ(reply.status, 200) << reply.body;
  EXPECT_EQ(reply.body, cli);
}

TEST_P(ApiTest, PeriodsAreOpenedAsPeopleWriteThem) {
  auto coordinator = client("coord");
  Reply opened = coordinator->request("POST", "/api/periods", R"({"period": "Quý I năm 2025", "deadline": "2025-04-10"})");
  ASSERT_EQ(opened.status, 201) << opened.body;
  EXPECT_EQ(opened.json()["period"], "2025-Q1");
  EXPECT_EQ(opened.json()["deadline"], "2025-04-10");
  Reply bad = coordinator->request("POST", "/api/periods", R"({"period": "Quý V năm 2025"})");
  EXPECT_EQ(bad.status, 400);
  EXPECT_EQ(bad.json()["error"]["field"], "period");
  // A row of a unit with nothing in the new period yet.
  nlohmann::json row = coordinator->get("/api/periods/2025-Q1/units/3").json();
  EXPECT_EQ(row["version"], 0);
  EXPECT_EQ(row["state"], "not_started");
  EXPECT_EQ(coordinator->get("/api/periods/2031-Q1/units/3").status, 404);
}

TEST_P(ApiTest, ABodyOverTheLimitIs413) {
  auto coordinator = client("coord");
  const std::string huge(2 << 20, ' ');
  Reply reply = coordinator->request("PUT", kRowB, "{" + huge + "}");
  EXPECT_EQ(reply.status, 413) << reply.body.substr(0, 200);
  EXPECT_EQ(reply.json()["error"]["code"], "too_large");
  // An upload may be bigger than a JSON body, up to its own limit.
  Reply upload = coordinator->request("POST", std::string("/api/periods/") + kPeriod + "/upload",
                                      std::string(21 << 20, 'a'));
  EXPECT_EQ(upload.status, 413);
}

TEST_P(ApiTest, DeepJsonIs400) {
  auto coordinator = client("coord");
  std::string deep = R"({"values": )" + std::string(500, '[') + std::string(500, ']') + ", \"version\": 1}";
  Reply reply = coordinator->request("PUT", kRowB, deep);
  EXPECT_EQ(reply.status, 400) << reply.body;
  EXPECT_NE(reply.json()["error"]["message_en"].get<std::string>().find("deeper"), std::string::npos);
  EXPECT_EQ(coordinator->request("PUT", kRowB, "{not json").status, 400);
}

TEST_P(ApiTest, HugeHeadersAre431) {
  auto anonymous = client();
  Reply reply = anonymous->request("GET", "/api/openapi.json", "", {{"X-Filler", std::string(20 << 10, 'a')}});
  EXPECT_EQ(reply.status, 431);
}

TEST_P(ApiTest, ReportsDownloadAsDocuments) {
  auto coordinator = client("coord");
  Reply xlsx = coordinator->get(std::string("/api/periods/") + kPeriod + "/report.xlsx");
  ASSERT_EQ(xlsx.status, 200) << xlsx.body.substr(0, 300);
  EXPECT_EQ(xlsx.body.substr(0, 2), "PK");  // a zip, as XLSX is
  EXPECT_NE(xlsx.headers["content-disposition"].find("attachment"), std::string::npos);
  Reply csv = coordinator->get(std::string("/api/periods/") + kPeriod + "/report.csv");
  ASSERT_EQ(csv.status, 200);
  EXPECT_NE(csv.body.find(kUnitA), std::string::npos);
  EXPECT_EQ(coordinator->get(std::string("/api/periods/") + kPeriod + "/report.exe").status, 404);
}

TEST_P(ApiTest, EachRequestIsOneAccessLogLine) {
  auto coordinator = client("coord");
  coordinator->get("/api/units");
  server_->stop(SIGTERM);
  std::ifstream log(server_->access_log());
  std::string line, last;
  int lines = 0;
  while (std::getline(log, line)) {
    ++lines;
    last = line;
  }
  EXPECT_EQ(lines, 2);  // the login and the units
  // "2025-…Z 127.0.0.1 coord GET /api/units 200 0.4"
  std::istringstream fields(last);
  std::string at, client_address, user, method, path;
  int status = 0;
  double duration_ms = -1;
  fields >> at >> client_address >> user >> method >> path >> status >> duration_ms;
  EXPECT_EQ(at.back(), 'Z');
  EXPECT_EQ(client_address, "127.0.0.1");
  EXPECT_EQ(user, "coord");
  EXPECT_EQ(method, "GET");
  EXPECT_EQ(path, "/api/units");
  EXPECT_EQ(status, 200);
  EXPECT_GE(duration_ms, 0);
}

}  // namespace
}  // namespace chiso::server_test
