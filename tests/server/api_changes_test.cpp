// The change trail (GET /api/changes, /api/changes.csv) after a round of
// review on one row: expected entries written by hand from the steps taken.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "api_fixture.h"

namespace chiso::server_test {
namespace {

// Sở Du lịch's sample row with the two shares written to two decimals
// (the sample has 65 and 35).
const char* const kCorrectedRow =
    R"({"values": {"tthc_shortened": "10", "days_shortened_avg": "2,8", "online_total": "26",
        "online_full": "17", "online_full_pct": "65,38", "online_partial": "9", "online_partial_pct": "34,62",
        "cashless_pct": "100", "first_time_valid_pct": "100", "meeting_room_has": "x", "meeting_room_count": "1",
        "ddci_connected": "x", "licence_model": "x", "commitments_published": "0"}, "version": 1})";

class ChangesTest : public ApiTest {
 protected:
  // Return, save, submit, approve Sở Du lịch's row.
  void review_round() {
    coordinator_ = client("coord");
    auto reporter = client("rep_a");
    ASSERT_EQ(coordinator_->request("POST", kRowA + "/return", R"({"version": 1, "comment": "Ghi tỷ lệ hai số lẻ"})").status, 200);
    ASSERT_EQ(reporter->request("PUT", kRowA, kCorrectedRow).status, 200);
    ASSERT_EQ(reporter->request("POST", kRowA + "/submit", R"({"version": 2})").status, 200);
    ASSERT_EQ(coordinator_->request("POST", kRowA + "/approve", R"({"version": 2})").status, 200);
  }
  std::unique_ptr<Client> coordinator_;
};

// The sample's row 3, Sở Du lịch, as imported (its first version): every
// cell but the blank AI one, in the plan's order.
const std::pair<const char*, const char*> kImportedRow[] = {
    {"tthc_shortened", "10"},     {"days_shortened_avg", "2,8"}, {"online_total", "26"},
    {"online_full", "17"},        {"online_full_pct", "65"},     {"online_partial", "9"},
    {"online_partial_pct", "35"}, {"cashless_pct", "100"},       {"first_time_valid_pct", "100"},
    {"meeting_room_has", "x"},    {"meeting_room_count", "1"},   {"ddci_connected", "x"},
    {"licence_model", "x"},       {"commitments_published", "0"}};
const std::string kImportSource = "cli: import 000_e41d2a91a7ebffff.txt";

INSTANTIATE_TEST_SUITE_P(Stores, ChangesTest, test::both_backends, test::backend_name);

TEST_P(ChangesTest, EveryValueChangeAndStateMoveOfARoundIsInTheTrail) {
  review_round();
  Reply reply = coordinator_->get("/api/changes?unit=3");
  ASSERT_EQ(reply.status, 200) << reply.body;
  nlohmann::json changes = reply.json()["changes"];
  ASSERT_EQ(changes.size(), 14u + 5u) << changes.dump(1);
  struct Expected {
    std::string user;
    std::string indicator;
    std::string old_text;
    std::string new_text;
    int version;
    std::string state;
    std::string source;
  };
  // The first version, cell by cell with the old value blank; then the round.
  std::vector<Expected> expected;
  for (const auto& [code, raw] : kImportedRow)
    expected.push_back({"import", code, "", raw, 1, "", kImportSource});
  for (const Expected& step :
       std::vector<Expected>{{"coord", "", "submitted", "returned", 1, "returned", "web"},
                             {"rep_a", "online_full_pct", "65", "65,38", 2, "", "web"},
                             {"rep_a", "online_partial_pct", "35", "34,62", 2, "", "web"},
                             {"rep_a", "", "draft", "submitted", 2, "submitted", "web"},
                             {"coord", "", "submitted", "approved", 2, "approved", "web"}})
    expected.push_back(step);
  for (std::size_t change_idx = 0; change_idx < changes.size(); ++change_idx) {
    const nlohmann::json& change = changes[change_idx];
    const Expected& want = expected[change_idx];
    EXPECT_EQ(change["user"], want.user) << change_idx;
    EXPECT_EQ(change["indicator"], want.indicator) << change_idx;
    EXPECT_EQ(change["old"], want.old_text) << change_idx;
    EXPECT_EQ(change["new"], want.new_text) << change_idx;
    EXPECT_EQ(change["version"], want.version) << change_idx;
    EXPECT_EQ(change["state"], want.state) << change_idx;
    EXPECT_EQ(change["source"], want.source) << change_idx;
    EXPECT_EQ(change["period"], "2024-Q4");
    EXPECT_EQ(change["unit"], 3);
    EXPECT_EQ(change["unit_name"], kUnitA);
    if (change_idx > 0) {
      EXPECT_GT(change["id"].get<long long>(), changes[change_idx - 1]["id"].get<long long>());
    }
  }
  EXPECT_EQ(changes[14]["comment"], "Ghi tỷ lệ hai số lẻ");
  EXPECT_TRUE(reply.json()["next_after_id"].is_null());

  // Filters: one indicator (imported, then changed); one user; paged two at
  // a time by id.
  nlohmann::json one = coordinator_->get("/api/changes?unit=3&indicator=online_full_pct").json()["changes"];
  ASSERT_EQ(one.size(), 2u);
  EXPECT_EQ(one[0]["id"], changes[4]["id"]);
  EXPECT_EQ(one[1]["id"], changes[15]["id"]);
  EXPECT_EQ(coordinator_->get("/api/changes?unit=3&user=coord").json()["changes"].size(), 2u);
  nlohmann::json page = coordinator_->get("/api/changes?unit=3&limit=2").json();
  ASSERT_EQ(page["changes"].size(), 2u);
  EXPECT_EQ(page["next_after_id"], changes[1]["id"]);
  nlohmann::json next = coordinator_->get("/api/changes?unit=3&limit=2&after_id=" +
                                          std::to_string(page["next_after_id"].get<long long>())).json();
  ASSERT_EQ(next["changes"].size(), 2u);
  EXPECT_EQ(next["changes"][0]["id"], changes[2]["id"]);
  EXPECT_EQ(coordinator_->get("/api/changes?unit=3&from=2001-01-01&to=2001-12-31").json()["changes"].size(), 0u);

  // Newest first (the trail page), paged the same way: the approval, then
  // back in time, down to the first imported cell.
  const std::size_t last = changes.size() - 1;
  nlohmann::json newest = coordinator_->get("/api/changes?unit=3&order=newest&limit=2").json();
  ASSERT_EQ(newest["changes"].size(), 2u) << newest.dump(1);
  EXPECT_EQ(newest["changes"][0]["id"], changes[last]["id"]);
  EXPECT_EQ(newest["changes"][0]["state"], "approved");
  EXPECT_EQ(newest["changes"][1]["id"], changes[last - 1]["id"]);
  EXPECT_EQ(newest["next_after_id"], changes[last - 1]["id"]);
  nlohmann::json older = coordinator_->get("/api/changes?unit=3&order=newest&limit=2&after_id=" +
                                           std::to_string(newest["next_after_id"].get<long long>())).json();
  ASSERT_EQ(older["changes"].size(), 2u);
  EXPECT_EQ(older["changes"][0]["id"], changes[last - 2]["id"]);
  EXPECT_EQ(older["changes"][1]["id"], changes[last - 3]["id"]);
  nlohmann::json oldest = coordinator_->get("/api/changes?unit=3&order=newest&limit=2&after_id=" +
                                            std::to_string(changes[1]["id"].get<long long>())).json();
  ASSERT_EQ(oldest["changes"].size(), 1u);
  EXPECT_EQ(oldest["changes"][0]["id"], changes[0]["id"]);
  EXPECT_TRUE(oldest["next_after_id"].is_null());
  Reply sideways = coordinator_->get("/api/changes?order=sideways");
  EXPECT_EQ(sideways.status, 400);
  EXPECT_EQ(sideways.json()["error"]["field"], "order");
}

// A row's first save on the web is in the trail too, and what Excel would
// run as a formula comes out of the CSV defused.
TEST_P(ChangesTest, AFirstSaveIsListedAndFormulasAreDefusedInTheCsv) {
  auto coordinator = client("coord");
  ASSERT_EQ(coordinator->request("POST", "/api/periods", R"({"period": "2025-Q1"})").status, 201);
  auto reporter = client("rep_a");
  Reply saved = reporter->request(
      "PUT", "/api/periods/2025-Q1/units/3",
      R"json({"values": {"tthc_shortened": "=1+1", "online_total": "@SUM(A1)"}, "version": 0})json");
  ASSERT_EQ(saved.status, 200) << saved.body;
  nlohmann::json changes = coordinator->get("/api/changes?period=2025-Q1").json()["changes"];
  ASSERT_EQ(changes.size(), 2u) << changes.dump(1);
  EXPECT_EQ(changes[0]["indicator"], "tthc_shortened");
  EXPECT_EQ(changes[0]["old"], "");
  EXPECT_EQ(changes[0]["new"], "=1+1");  // the JSON keeps what was typed
  EXPECT_EQ(changes[0]["version"], 1);
  EXPECT_EQ(changes[1]["new"], "@SUM(A1)");
  Reply csv = coordinator->get("/api/changes.csv?period=2025-Q1");
  ASSERT_EQ(csv.status, 200);
  auto row = [&](int idx, const char* code, const char* defused) {
    return std::to_string(changes[idx]["id"].get<long long>()) + ";" +
           changes[idx]["at"].get<std::string>() + ";rep_a;Quý I năm 2025;Sở Du lịch;" + code + ";;" +
           defused + ";web;1;;\r\n";
  };
  EXPECT_NE(csv.body.find(row(0, "tthc_shortened", "'=1+1")), std::string::npos) << csv.body;
  EXPECT_NE(csv.body.find(row(1, "online_total", "'@SUM(A1)")), std::string::npos) << csv.body;
}

TEST_P(ChangesTest, BadFiltersAre400AndOnlyStaffMayRead) {
  auto coordinator = client("coord");
  Reply day = coordinator->get("/api/changes?from=10/04/2025");
  EXPECT_EQ(day.status, 400);
  EXPECT_EQ(day.json()["error"]["field"], "from");
  EXPECT_EQ(coordinator->get("/api/changes?limit=0").json()["error"]["field"], "limit");
  EXPECT_EQ(coordinator->get("/api/changes?indicator=no_such").json()["error"]["field"], "indicator");
  EXPECT_EQ(coordinator->get("/api/changes?period=2031-Q1").status, 404);
  EXPECT_EQ(client("rep_a")->get("/api/changes").status, 403);
  EXPECT_EQ(client("viewer")->get("/api/changes.csv").status, 403);
}

TEST_P(ChangesTest, TheCsvIsTheSameRowsForExcel) {
  review_round();
  Reply csv = coordinator_->get("/api/changes.csv?unit=3&indicator=online_full_pct");
  ASSERT_EQ(csv.status, 200) << csv.body;
  EXPECT_EQ(csv.headers["content-type"], "text/csv; charset=utf-8");
  nlohmann::json changes =
      coordinator_->get("/api/changes?unit=3&indicator=online_full_pct").json()["changes"];
  ASSERT_EQ(changes.size(), 2u);
  const std::string header =
      "\xEF\xBB\xBFMã;Thời điểm (UTC);Người sửa;Kỳ báo cáo;Đơn vị;Chỉ tiêu;Giá trị cũ;Giá trị mới;Nguồn;Phiên bản;"
      "Trạng thái;Ý kiến\r\n";
  // 65,38 holds no ';': unquoted. The id and time are the JSON's (the time
  // is the server's clock). The imported 65 first, old blank.
  auto row = [](const nlohmann::json& change, const std::string& rest) {
    return std::to_string(change["id"].get<long long>()) + ";" + change["at"].get<std::string>() +
           rest;
  };
  const std::string imported =
      row(changes[0],
          ";import;Quý IV năm 2024;Sở Du lịch;online_full_pct;;65;" + kImportSource + ";1;;\r\n");
  const std::string changed =
      row(changes[1], ";rep_a;Quý IV năm 2024;Sở Du lịch;online_full_pct;65;65,38;web;2;;\r\n");
  EXPECT_EQ(csv.body, header + imported + changed);
}

}  // namespace
}  // namespace chiso::server_test
