// The API the reporter's form and the coordinator's pages are drawn from
// (issue 16 §2–§4): the plan, the richer row, comments, returns at a cell,
// explanations of warnings. Expected values come from the plan file and the
// sample table, read by hand.
#include <gtest/gtest.h>

#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <tuple>
#include <vector>

#include "api_fixture.h"
#include "store/store.h"

namespace chiso::server_test {
namespace {

TEST_P(ApiTest, ThePlanGivesTheAppendixsTwoLevelHeader) {
  auto viewing = client("viewer");
  Reply reply = viewing->get("/api/plan");
  ASSERT_EQ(reply.status, 200) << reply.body;
  nlohmann::json plan = reply.json();
  EXPECT_EQ(plan["name"], "Kế hoạch số 197/KH-UBND");
  EXPECT_EQ(plan["title"], "THỐNG KÊ MỘT SỐ CHỈ TIÊU THEO KẾ HOẠCH SỐ 197/KH-UBND");
  // plans/hai-phong-197.toml: 2 columns under "Thực hiện thủ tục hành chính",
  // 5 under the online services, 2 with no group, 2 under the meeting
  // rooms, 4 with no group.
  const nlohmann::json& groups = plan["groups"];
  ASSERT_EQ(groups.size(), 5u) << groups.dump();
  EXPECT_EQ(groups[0]["title"], "Thực hiện thủ tục hành chính");
  EXPECT_EQ(groups[0]["indicators"], nlohmann::json::array({"tthc_shortened", "days_shortened_avg"}));
  EXPECT_EQ(groups[1]["title"], "Thực hiện dịch vụ hành chính công trực tuyến");
  EXPECT_EQ(groups[1]["indicators"].size(), 5u);
  EXPECT_EQ(groups[2]["title"], "");
  EXPECT_EQ(groups[2]["indicators"], nlohmann::json::array({"cashless_pct", "first_time_valid_pct"}));
  EXPECT_EQ(groups[3]["title"], "Phòng họp trực tuyến");
  EXPECT_EQ(groups[3]["indicators"], nlohmann::json::array({"meeting_room_has", "meeting_room_count"}));
  EXPECT_EQ(groups[4]["indicators"].size(), 4u);
  const nlohmann::json& indicators = plan["indicators"];
  ASSERT_EQ(indicators.size(), 15u);
  EXPECT_EQ(indicators[0]["code"], "tthc_shortened");
  EXPECT_EQ(indicators[0]["label"], "Số TTHC đã rút ngắn được thời gian so với quy định (Số thủ tục)");
  EXPECT_EQ(indicators[0]["kind"], "count");
  EXPECT_EQ(indicators[0]["decimals"], 0);
  EXPECT_EQ(indicators[0]["group"], "tthc");
  EXPECT_EQ(indicators[0]["derived"], false);
  EXPECT_EQ(indicators[4]["code"], "online_full_pct");
  EXPECT_EQ(indicators[4]["kind"], "percent");
  EXPECT_EQ(indicators[4]["unit_of_measure"], "%");
  EXPECT_EQ(indicators[4]["decimals"], 2);
  EXPECT_EQ(indicators[4]["derived"], true);
  EXPECT_EQ(indicators[1]["unit_of_measure"], "ngày");
  EXPECT_EQ(indicators[9]["code"], "meeting_room_has");
  EXPECT_EQ(indicators[9]["kind"], "mark");
  EXPECT_EQ(client()->get("/api/plan").status, 401);
}

// The plan of indicator kinds (tests/check/fixtures/kinds-plan.toml): what
// GET /api/plan tells the form of each kind, and a department's row where
// a district-only indicator does not apply and a grade must be one of the
// plan's.
TEST(KindsPlanApi, ThePlanTellsTheFormEachKindAndTheRowFollowsIt) {
  const std::string folder = test_folder();
  const std::string db = folder + "/chiso.db";
  const std::string plan = std::string(CHISO_SOURCE_DIR) + "/tests/check/fixtures/kinds-plan.toml";
  {
    auto store = open_sqlite_store(db);
    ASSERT_TRUE(store.ok()) << store.error().message;
    struct Person {
      const char* name;
      Role role;
      std::vector<std::string> units;
    };
    for (const Person& person : {Person{"coord", Role::coordinator, {}},
                                 Person{"tu_phap", Role::reporter, {"Sở Tư pháp"}}}) {
      NewUser user;
      user.name = person.name;
      user.role = person.role;
      user.units = person.units;
      user.password = kPassword;
      ASSERT_TRUE((*store)->accounts().add_user(user, "test", 1'700'000'000).ok());
    }
  }
  ServerProcess server(db, {"--plan", plan});
  Client coordinator(server.port());
  ASSERT_EQ(coordinator.login("coord").status, 200);
  Client reporter(server.port());
  ASSERT_EQ(reporter.login("tu_phap").status, 200);

  nlohmann::json outline = reporter.get("/api/plan").json();
  EXPECT_EQ(outline["not_applicable_markers"],
            nlohmann::json::array({"-", "N/A", "không áp dụng"}));
  std::map<std::string, nlohmann::json> by_code;
  for (const nlohmann::json& indicator : outline["indicators"])
    by_code[indicator["code"]] = indicator;
  ASSERT_EQ(by_code.size(), 7u);
  EXPECT_EQ(by_code["direction"]["kind"], "score");
  EXPECT_EQ(by_code["direction"]["max"], 10);
  EXPECT_EQ(by_code["direction"]["applies_to"], nlohmann::json::array());
  EXPECT_EQ(by_code["land"]["max"], 5);
  EXPECT_EQ(by_code["land"]["applies_to"], nlohmann::json::array({"district"}));
  EXPECT_EQ(by_code["par_index"]["kind"], "index");
  EXPECT_EQ(by_code["par_index"]["max"], 100);
  EXPECT_EQ(by_code["grade"]["kind"], "grade");
  EXPECT_EQ(by_code["grade"]["allowed"],
            nlohmann::json::array({"Xuất sắc", "Tốt", "Khá", "Trung bình", "Yếu"}));
  EXPECT_TRUE(by_code["grade"]["max"].is_null());
  EXPECT_EQ(by_code["par_rank"]["kind"], "rank");
  EXPECT_TRUE(by_code["par_rank"]["max"].is_null());
  EXPECT_EQ(by_code["direction"]["allowed"], nlohmann::json::array());
  nlohmann::json units = reporter.get("/api/units").json();
  EXPECT_EQ(units[0]["name"], "Sở Tư pháp");
  EXPECT_EQ(units[0]["kind"], "department");
  EXPECT_EQ(units[2]["kind"], "district");

  ASSERT_EQ(coordinator.request("POST", "/api/periods", R"({"period": "Năm 2025"})").status, 201);
  // A department's row of this plan is saved and read back (the findings of
  // each kind are the check's: tests/check/kinds_test.cpp).
  Reply saved = reporter.request(
      "PUT", "/api/periods/2025/units/1",
      R"({"values": {"direction": "9", "procedures": "14", "par_index": "92", "grade": "Tốt"}, "version": 0})");
  ASSERT_EQ(saved.status, 200) << saved.body;
  nlohmann::json row = reporter.get("/api/periods/2025/units/1").json();
  EXPECT_EQ(row["values"]["direction"]["value"], 9);
  EXPECT_EQ(row["values"]["grade"]["raw"], "Tốt");

  // `land` applies to districts only: 3 typed anyway for the department is
  // kept as typed, counted nowhere, and its value is null beside the
  // finding saying so — in the save's answer, the check's and the row's.
  const std::string with_land =
      R"({"values": {"direction": "9", "procedures": "14", "par_index": "92", "grade": "Tốt", "land": "3"},)";
  Reply checked = reporter.request("POST", "/api/periods/2025/units/1/check", with_land + R"( "version": 1})");
  ASSERT_EQ(checked.status, 200) << checked.body;
  Reply saved_land = reporter.request("PUT", "/api/periods/2025/units/1", with_land + R"( "version": 1})");
  ASSERT_EQ(saved_land.status, 200) << saved_land.body;
  nlohmann::json row_land = reporter.get("/api/periods/2025/units/1").json();
  for (const nlohmann::json& answer : {checked.json(), saved_land.json(), row_land}) {
    EXPECT_EQ(answer["values"]["land"]["raw"], "3") << answer.dump();
    EXPECT_TRUE(answer["values"]["land"]["value"].is_null()) << answer.dump();
    EXPECT_EQ(answer["values"]["direction"]["value"], 9);
    int not_applicable = 0;
    for (const nlohmann::json& finding : answer["findings"])
      not_applicable += finding["rule"] == "value.not_applicable" && finding["indicator"] == "land";
    EXPECT_EQ(not_applicable, 1) << answer["findings"].dump();
  }
}

// Sở Du lịch's row of the sample (2024-Q4) typed again for 2025-Q1, with
// `tthc_shortened` as given.
nlohmann::json du_lich_row(const std::string& tthc_shortened) {
  return {{"tthc_shortened", tthc_shortened}, {"days_shortened_avg", "2,8"},  {"online_total", "26"},
          {"online_full", "17"},              {"online_full_pct", "65,38"},   {"online_partial", "9"},
          {"online_partial_pct", "34,62"},    {"cashless_pct", "100"},        {"first_time_valid_pct", "100"},
          {"meeting_room_has", "x"},          {"meeting_room_count", "1"},    {"ddci_connected", "x"},
          {"licence_model", "x"},             {"commitments_published", "0"}};
}

const std::string kRowA2025 = "/api/periods/2025-Q1/units/3";

class RowTest : public ApiTest {
 protected:
  void SetUp() override {
    ApiTest::SetUp();
    coordinator_ = client("coord");
    reporter_ = client("rep_a");
    Reply opened = coordinator_->request("POST", "/api/periods", R"({"period": "2025-Q1", "deadline": "2025-04-10"})");
    ASSERT_EQ(opened.status, 201) << opened.body;
  }
  std::unique_ptr<Client> coordinator_, reporter_;
};

INSTANTIATE_TEST_SUITE_P(Stores, RowTest, test::both_backends, test::backend_name);

std::vector<nlohmann::json> findings_of(const nlohmann::json& answer, const std::string& rule) {
  std::vector<nlohmann::json> found;
  for (const auto& finding : answer["findings"])
    if (finding["rule"] == rule) found.push_back(finding);
  return found;
}

TEST_P(RowTest, ARowShowsItsUnitPeriodAndTheUnitsEarlierPeriods) {
  nlohmann::json row = reporter_->get(kRowA2025).json();
  EXPECT_EQ(row["unit"]["id"], 3);
  EXPECT_EQ(row["unit"]["name"], kUnitA);
  EXPECT_EQ(row["unit"]["short_name"], "Du lịch");  // plans/hai-phong-197.toml
  EXPECT_EQ(row["unit"]["kind"], "department");
  // What the form reads of its unit is in the row (it asks for no list of
  // units), and each of those fields is in the document's schema of it.
  nlohmann::json document = reporter_->get("/api/openapi.json").json();
  const nlohmann::json& row_unit = document["components"]["schemas"]["UnitRow"]["properties"]["unit"];
  ASSERT_EQ(row_unit["$ref"], "#/components/schemas/Unit") << row_unit.dump();
  const nlohmann::json& unit_fields = document["components"]["schemas"]["Unit"]["properties"];
  for (const char* field : {"id", "name", "short_name", "kind"}) {
    EXPECT_TRUE(row["unit"].contains(field)) << field;
    EXPECT_TRUE(unit_fields.contains(field)) << field;
  }
  for (const auto& [field, value] : row["unit"].items()) EXPECT_TRUE(unit_fields.contains(field)) << field;
  EXPECT_EQ(row["period"]["period"], "2025-Q1");
  EXPECT_EQ(row["period"]["text"], "Quý I năm 2025");
  EXPECT_EQ(row["period"]["state"], "open");
  EXPECT_EQ(row["period"]["deadline"], "2025-04-10");
  EXPECT_EQ(row["state"], "not_started");
  // The sample's 2024-Q4 row of Sở Du lịch: 10, 2,8, 26, 17, 65 (published as
  // 100 · 17 / 26 = 65,38…), …, meeting room x, AI blank.
  ASSERT_EQ(row["previous"].size(), 1u) << row.dump();
  const nlohmann::json& earlier = row["previous"][0];
  EXPECT_EQ(earlier["period"], "2024-Q4");
  EXPECT_EQ(earlier["text"], "Quý IV năm 2024");
  EXPECT_EQ(earlier["values"]["tthc_shortened"], 10);
  EXPECT_EQ(earlier["values"]["days_shortened_avg"], 2.8);
  EXPECT_NEAR(earlier["values"]["online_full_pct"].get<double>(), 65.38, 0.005);
  EXPECT_EQ(earlier["values"]["meeting_room_has"], true);
  EXPECT_EQ(earlier["values"]["commitments_published"], false);
  EXPECT_EQ(earlier["values"].count("ai_answering"), 0u);
  EXPECT_TRUE(row["comments"].empty());
  EXPECT_TRUE(row["returned"].is_null());
  // The earliest period has none before it.
  EXPECT_TRUE(reporter_->get(kRowA).json()["previous"].empty());
}

TEST_P(RowTest, AValueFarFromTheEarlierPeriodsIsAWarningThatMustBeExplained) {
  // 100 procedures cut where 2024-Q4 had 10: more than twice the largest
  // earlier value (the default value_jump_ratio). Every other value is the
  // sample's, so this is the row's only warning.
  Reply checked = reporter_->request("POST", kRowA2025 + "/check",
                                     nlohmann::json({{"values", du_lich_row("100")}}).dump());
  ASSERT_EQ(checked.status, 200) << checked.body;
  auto jumps = findings_of(checked.json(), "value.jump");
  ASSERT_EQ(jumps.size(), 1u) << checked.body;
  EXPECT_EQ(jumps[0]["severity"], "warning");
  EXPECT_EQ(jumps[0]["indicator"], "tthc_shortened");
  EXPECT_EQ(jumps[0]["message"], "Giá trị 100 khác xa các kỳ trước (10).");
  // 20 is twice 10: not yet far.
  Reply near = reporter_->request("POST", kRowA2025 + "/check", nlohmann::json({{"values", du_lich_row("20")}}).dump());
  EXPECT_TRUE(findings_of(near.json(), "value.jump").empty()) << near.body;

  Reply saved = reporter_->request("PUT", kRowA2025,
                                   nlohmann::json({{"values", du_lich_row("100")}, {"version", 0}}).dump());
  ASSERT_EQ(saved.status, 200) << saved.body;
  EXPECT_EQ(findings_of(saved.json(), "value.jump").size(), 1u);
  Reply unexplained = reporter_->request("POST", kRowA2025 + "/submit", R"({"version": 1})");
  ASSERT_EQ(unexplained.status, 400) << unexplained.body;
  EXPECT_EQ(unexplained.json()["error"]["code"], "explanation_required");
  EXPECT_EQ(unexplained.json()["error"]["detail"]["missing"], nlohmann::json::array({"tthc_shortened"}));
  Reply blank = reporter_->request("POST", kRowA2025 + "/submit",
                                   R"({"version": 1, "explanations": {"tthc_shortened": "  "}})");
  EXPECT_EQ(blank.status, 400) << blank.body;
  Reply explained = reporter_->request(
      "POST", kRowA2025 + "/submit",
      R"({"version": 1, "explanations": {"tthc_shortened": "Năm 2025 rà soát lại toàn bộ thủ tục"}})");
  ASSERT_EQ(explained.status, 200) << explained.body;
  nlohmann::json row = coordinator_->get(kRowA2025).json();
  EXPECT_EQ(row["state"], "submitted");
  EXPECT_EQ(row["explanations"]["tthc_shortened"], "Năm 2025 rà soát lại toàn bộ thủ tục");
  EXPECT_EQ(findings_of(row, "value.jump").size(), 1u);

  // `chiso check` on the same row in a file, with the same database, says the same.
  const std::string path = folder_ + "/du-lich-2025.tsv";
  std::ofstream(path) << "STT\tTên đơn vị\tSố TTHC đã rút ngắn được thời gian so với quy định (Số thủ tục)\n"
                         "3\tSở Du lịch\t100\n";
  CommandRun cli = run_chiso("--db " + db_arg_ + " check " + path + " --period 2025-Q1 --format json");
  nlohmann::json from_cli = nlohmann::json::parse(cli.output, nullptr, false);
  ASSERT_FALSE(from_cli.is_discarded()) << cli.output;
  auto cli_jumps = findings_of(from_cli, "value.jump");
  ASSERT_EQ(cli_jumps.size(), 1u) << cli.output;
  EXPECT_EQ(cli_jumps[0]["message"], "Giá trị 100 khác xa các kỳ trước (10).");
}

// The DOCX's document.xml, read with Python's zipfile (an independent reader).
std::string docx_xml(const std::string& folder, const std::string& bytes) {
  const std::string path = folder + "/own-row.docx";
  std::ofstream(path, std::ios::binary) << bytes;
  return cli_test::run_program(
             "/usr/bin/python3",
             "-c 'import sys, zipfile; sys.stdout.write(zipfile.ZipFile(sys.argv[1])"
             ".read(\"word/document.xml\").decode())' " +
                 path,
             cli_test::Streams::out)
      .output;
}

// Issue 16 §3: the reporter downloads the row submitted, with a signature
// block, to file on paper; not before it is submitted, never another unit's.
TEST_P(RowTest, TheSubmittedRowIsADocumentToSign) {
  Reply saved = reporter_->request(
      "PUT", kRowA2025, nlohmann::json({{"values", du_lich_row("10")}, {"version", 0}}).dump());
  ASSERT_EQ(saved.status, 200) << saved.body;
  Reply draft = reporter_->get(kRowA2025 + "/document.docx");
  ASSERT_EQ(draft.status, 409) << draft.body;
  EXPECT_EQ(draft.json()["error"]["code"], "conflict");
  EXPECT_EQ(draft.json()["error"]["message"],
            "Sở Du lịch chưa có bản đã nộp hoặc đã duyệt của Quý I năm 2025 (2025-Q1): bản hiện "
            "tại (lần 1) còn là "
            "bản nháp, chưa nộp. Nộp báo cáo trước rồi mới tải được văn bản để ký.");
  EXPECT_EQ(coordinator_->get("/api/periods/2025-Q1/units/4/document.pdf").status, 409)
      << "nothing entered";

  ASSERT_EQ(reporter_->request("POST", kRowA2025 + "/submit", R"({"version": 1})").status, 200);
  Reply docx = reporter_->get(kRowA2025 + "/document.docx");
  ASSERT_EQ(docx.status, 200) << docx.body;
  EXPECT_EQ(docx.headers["content-type"],
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document");
  EXPECT_EQ(docx.headers["content-disposition"],
            "attachment; filename=\"so-lieu-2025-Q1-don-vi-3.docx\"");
  const std::string xml = docx_xml(folder_, docx.body);
  // What was typed (du_lich_row), with the plan's decimals; the signature block.
  for (const char* text :
       {">SỞ DU LỊCH<", ">Kỳ báo cáo: Quý I năm 2025<", "Số liệu lần 1, nộp lúc ",
        " bởi rep_a (giờ Việt Nam).", ">Sở Du lịch<", ">10<", ">2,80<", ">26<", ">65,38<",
        ">34,62<", ">100,00<", ">NGƯỜI LẬP BIỂU<", ">(Ký, ghi rõ họ tên)<", ">THỦ TRƯỞNG ĐƠN VỊ<",
        ">(Ký tên, đóng dấu)<", ">Hải Phòng, ngày … tháng … năm …<"}) {
    EXPECT_NE(xml.find(text), std::string::npos) << text;
  }
  EXPECT_EQ(xml.find("đã được duyệt"), std::string::npos);

  EXPECT_EQ(client("rep_b")->get(kRowA2025 + "/document.docx").status, 403);
  EXPECT_EQ(client("viewer")->get(kRowA2025 + "/document.docx").status, 403);
  EXPECT_EQ(reporter_->get(kRowA2025 + "/document.xlsx").status, 404);

  ASSERT_EQ(coordinator_->request("POST", kRowA2025 + "/approve", R"({"version": 1})").status, 200);
  Reply pdf = coordinator_->get(kRowA2025 + "/document.pdf");
  ASSERT_EQ(pdf.status, 200) << pdf.body;
  EXPECT_EQ(pdf.body.substr(0, 5), "%PDF-");
  Reply approved = reporter_->get(kRowA2025 + "/document.docx");
  ASSERT_EQ(approved.status, 200);
  EXPECT_NE(docx_xml(folder_, approved.body).find("; đã được duyệt lúc "), std::string::npos);
}

TEST_P(RowTest, CommentsAreKeptInOrderOnAValueOrTheRow) {
  Reply first = reporter_->request("POST", kRowA + "/comments",
                                   R"({"indicator": "online_total", "text": "Số này gồm cả dịch vụ của chi cục"})");
  ASSERT_EQ(first.status, 201) << first.body;
  EXPECT_EQ(first.json()["author"], "rep_a");
  EXPECT_EQ(first.json()["role"], "reporter");
  EXPECT_EQ(first.json()["indicator"], "online_total");
  Reply second = coordinator_->request("POST", kRowA + "/comments", R"({"text": "Đã xem"})");
  ASSERT_EQ(second.status, 201) << second.body;
  EXPECT_GT(second.json()["id"].get<long long>(), first.json()["id"].get<long long>());
  nlohmann::json comments = reporter_->get(kRowA).json()["comments"];
  ASSERT_EQ(comments.size(), 2u) << comments.dump();
  EXPECT_EQ(comments[0]["text"], "Số này gồm cả dịch vụ của chi cục");
  EXPECT_EQ(comments[0]["indicator"], "online_total");
  EXPECT_EQ(comments[1]["text"], "Đã xem");
  EXPECT_EQ(comments[1]["indicator"], "");
  EXPECT_EQ(comments[1]["author"], "coord");
  EXPECT_EQ(comments[1]["role"], "coordinator");
  EXPECT_FALSE(comments[1]["at"].get<std::string>().empty());

  Reply empty = reporter_->request("POST", kRowA + "/comments", R"({"text": " "})");
  EXPECT_EQ(empty.status, 400);
  EXPECT_EQ(empty.json()["error"]["field"], "text");
  Reply unknown = reporter_->request("POST", kRowA + "/comments", R"({"indicator": "no_such", "text": "?"})");
  EXPECT_EQ(unknown.status, 400);
  EXPECT_EQ(unknown.json()["error"]["field"], "indicator");
  Reply long_text = reporter_->request("POST", kRowA + "/comments",
                                       nlohmann::json({{"text", std::string(5000, 'a')}}).dump());
  EXPECT_EQ(long_text.status, 400);
  EXPECT_EQ(reporter_->request("POST", kRowB + "/comments", R"({"text": "?"})").status, 403);
  EXPECT_EQ(client("viewer")->request("POST", kRowA + "/comments", R"({"text": "?"})").status, 403);
  EXPECT_EQ(coordinator_->request("POST", std::string("/api/periods/") + kPeriod + "/units/999/comments",
                                  R"({"text": "?"})").status, 404);
  const std::string huge(2 << 20, ' ');
  EXPECT_EQ(coordinator_->request("POST", kRowA + "/comments", "{" + huge + "}").status, 413);
  ASSERT_EQ(coordinator_->request("POST", std::string("/api/periods/") + kPeriod + "/lock", "{}").status, 200);
  EXPECT_EQ(coordinator_->request("POST", kRowA + "/comments", R"({"text": "?"})").status, 409);
  EXPECT_EQ(coordinator_->get(kRowA).json()["comments"].size(), 2u);
}

TEST_P(RowTest, AReturnAtACellStandsUntilTheRowIsSubmittedAgain) {
  Reply bad = coordinator_->request("POST", kRowA + "/return",
                                    R"({"version": 1, "comment": "?", "indicator": "no_such"})");
  EXPECT_EQ(bad.status, 400);
  EXPECT_EQ(bad.json()["error"]["field"], "indicator");
  Reply returned = coordinator_->request(
      "POST", kRowA + "/return",
      R"({"version": 1, "comment": "Tỷ lệ toàn trình phải là 65,38", "indicator": "online_full_pct"})");
  ASSERT_EQ(returned.status, 200) << returned.body;
  nlohmann::json note = reporter_->get(kRowA).json()["returned"];
  EXPECT_EQ(note["comment"], "Tỷ lệ toàn trình phải là 65,38");
  EXPECT_EQ(note["author"], "coord");
  EXPECT_EQ(note["indicator"], "online_full_pct");
  EXPECT_FALSE(note["at"].get<std::string>().empty());
  // A draft saved after the return still shows it.
  nlohmann::json values = du_lich_row("10");
  Reply saved = reporter_->request("PUT", kRowA, nlohmann::json({{"values", values}, {"version", 1}}).dump());
  ASSERT_EQ(saved.status, 200) << saved.body;
  EXPECT_EQ(reporter_->get(kRowA).json()["returned"]["indicator"], "online_full_pct");
  ASSERT_EQ(reporter_->request("POST", kRowA + "/submit", R"({"version": 2})").status, 200);
  EXPECT_TRUE(reporter_->get(kRowA).json()["returned"].is_null());
}

}  // namespace
}  // namespace chiso::server_test
