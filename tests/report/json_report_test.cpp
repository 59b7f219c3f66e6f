#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "report/findings_json.h"
#include "report/report.h"
#include "report/report_fixture.h"

namespace chiso::report {
namespace {

using nlohmann::json;

class JsonReportTest : public ::testing::Test {
 protected:
  Plan plan = report_test::make_plan();
  CheckedTable table = report_test::make_table();
  json doc() { return json::parse(to_json(plan, table)); }
};

TEST_F(JsonReportTest, TopLevelShape) {
  json out = doc();
  ASSERT_TRUE(out.is_object());
  EXPECT_EQ(out["period"], "2024-Q4");
  EXPECT_TRUE(out["units"].is_array());
  EXPECT_TRUE(out["findings"].is_array());
  EXPECT_TRUE(out["summary"].is_object());
  table.period.clear();
  EXPECT_FALSE(doc().contains("period"));
}

TEST_F(JsonReportTest, UnitsWithRowNameAndTypedValues) {
  json units = doc()["units"];
  ASSERT_EQ(units.size(), 4u);
  const json& first = units[0];
  EXPECT_EQ(first["row"], 1);
  EXPECT_EQ(first["name"], "Sở Kế hoạch và Đầu tư");
  const json& values = first["values"];
  ASSERT_EQ(values.size(), 15u);
  EXPECT_EQ(values["tthc_shortened"], 66);
  EXPECT_TRUE(values["tthc_shortened"].is_number_integer());
  EXPECT_DOUBLE_EQ(values["days_shortened_avg"].get<double>(), 1.5);
  EXPECT_TRUE(values["first_time_valid_pct"].is_null());  // blank
  EXPECT_EQ(values["meeting_room_has"], true);
  EXPECT_TRUE(values["commitments_published"].is_null());

  const json& fifth = units[1];
  EXPECT_EQ(fifth["row"], 5);
  EXPECT_EQ(fifth["values"]["meeting_room_has"], false);
  EXPECT_DOUBLE_EQ(fifth["values"]["online_full_pct"].get<double>(), 59.4);

  const json& fifteenth = units[2];
  EXPECT_EQ(fifteenth["row"], 15);
  EXPECT_TRUE(fifteenth["values"]["first_time_valid_pct"].is_null());  // "86-96" is text

  const json& stranger = units[3];
  EXPECT_EQ(stranger["row"], 99);
  EXPECT_EQ(stranger["name"], "Đơn vị <lạ>, \"mới\"");  // raw name when not matched
}

TEST_F(JsonReportTest, FindingsWithRequiredKeys) {
  json findings = doc()["findings"];
  ASSERT_EQ(findings.size(), 4u);
  for (const json& finding : findings) {
    for (const char* key : {"severity", "unit", "row", "indicator", "rule", "message", "raw",
                            "expected"}) {
      EXPECT_TRUE(finding.contains(key)) << key;
    }
  }
  const json& share = findings[1];
  EXPECT_EQ(share["severity"], "warning");
  EXPECT_EQ(share["unit"], "Sở Văn hóa và Thể thao");
  EXPECT_EQ(share["row"], 5);
  EXPECT_EQ(share["indicator"], "online_partial_pct");
  EXPECT_EQ(share["rule"], "share.partial");
  EXPECT_EQ(share["message"], "Tỷ lệ nhập không khớp với số liệu");
  EXPECT_EQ(share["message_en"], "The typed share does not agree with the counts");
  EXPECT_EQ(share["raw"], "40,6");
  EXPECT_DOUBLE_EQ(share["expected"].get<double>(), 38.54);  // "38,54" parsed
  EXPECT_EQ(share["hint"], "Có thể nhập nhầm");
  EXPECT_EQ(share["line"], 10);
  EXPECT_EQ(share["column"], 9);

  const json& not_number = findings[2];
  EXPECT_EQ(not_number["severity"], "error");
  EXPECT_TRUE(not_number["expected"].is_null());
  EXPECT_EQ(findings[0]["severity"], "info");
  EXPECT_EQ(findings[0]["row"], 0);
}

TEST_F(JsonReportTest, ExpectedThatIsNotANumberIsNull) {
  table.findings[2].expected = "khoảng 40";
  EXPECT_TRUE(doc()["findings"][1]["expected"].is_null());
  table.findings[2].expected = "38.54";
  EXPECT_DOUBLE_EQ(doc()["findings"][1]["expected"].get<double>(), 38.54);
}

TEST_F(JsonReportTest, SummaryNumbersAndMarkCounts) {
  json out = doc();
  const json& summary = out["summary"];
  ASSERT_EQ(summary.size(), 15u);
  EXPECT_EQ(summary["tthc_shortened"], 82);
  EXPECT_DOUBLE_EQ(summary["online_full_pct"].get<double>(), 78.95);  // rounded as published
  EXPECT_EQ(summary["meeting_room_has"], 2);  // units marked x
  EXPECT_EQ(summary["ai_answering"], 1);
  const json& detail = out["summary_detail"];
  EXPECT_NEAR(detail["online_full_pct"]["value"].get<double>(), 100.0 * 165 / 209, 1e-9);
  EXPECT_EQ(detail["online_full_pct"]["method"], "ratio");
  EXPECT_EQ(detail["meeting_room_has"]["no"], 1);
  EXPECT_EQ(detail["meeting_room_has"]["blank"], 1);
  EXPECT_EQ(detail["first_time_valid_pct"]["units_reporting"], 1);

  table.summary[4].value.reset();
  EXPECT_TRUE(doc()["summary"]["online_full_pct"].is_null());
}

// Written as it goes, the document is still nlohmann's pretty print of
// itself (indent 2, one newline at the end), empty arrays included.
TEST_F(JsonReportTest, TextIsThePrettyPrintOfTheDocument) {
  for (bool empty : {false, true}) {
    CheckedTable written = empty ? CheckedTable{} : table;
    const std::string text = to_json(plan, written);
    nlohmann::ordered_json parsed = nlohmann::ordered_json::parse(text);
    EXPECT_EQ(text, parsed.dump(2) + "\n") << (empty ? "empty table" : "fixture table");
    EXPECT_NE(text.find(empty ? "\"units\": []" : "\"units\": [\n    {\n      \"row\": 1,"), std::string::npos);
  }
}

TEST_F(JsonReportTest, EmptyTableIsStillTheShape) {
  CheckedTable empty;
  json out = json::parse(to_json(plan, empty));
  EXPECT_TRUE(out["units"].empty());
  EXPECT_TRUE(out["findings"].empty());
  EXPECT_TRUE(out["summary"]["online_total"].is_null());
}

// A row's findings alone (what the server answers a save with): to_json's
// items in to_json's order, written without the rest of the document.
TEST_F(JsonReportTest, FindingsOfOneRowAsToJsonOrdersThem) {
  const UnitRow& row = table.rows[3];  // row 5, Sở Văn hóa và Thể thao
  ASSERT_EQ(row.row_number, 5);
  std::vector<Finding> findings;
  findings.push_back(table.findings[2]);  // share.partial at online_partial_pct (the 7th column)
  findings.push_back(report_test::make_finding(Severity::warning, "unit.duplicate", row.unit_name, 5, "",
                                               "Đơn vị lặp lại", "The unit is repeated", "", "", {1, 10, 2}));
  findings.push_back(report_test::make_finding(Severity::error, "value.negative", row.unit_name, 5,
                                               "tthc_shortened", "Giá trị âm", "A negative value", "-1", "",
                                               {1, 10, 3}));
  findings.push_back(table.findings[3]);  // header.unknown: at no row
  findings.push_back(table.findings[0]);  // value.not_number of row 15: another row

  json written = findings_json(plan, row, findings);
  ASSERT_EQ(written.size(), 5u);
  // By hand: those at no row of this table first, as given; then the row's
  // own (no indicator), then its cells by the plan's column order.
  std::vector<std::string> rules;
  for (const json& item : written) rules.push_back(item["rule"]);
  EXPECT_EQ(rules, (std::vector<std::string>{"header.unknown", "value.not_number", "unit.duplicate",
                                             "value.negative", "share.partial"}));
  const json& share = written[4];
  EXPECT_EQ(share["indicator"], "online_partial_pct");
  EXPECT_EQ(share["raw"], "40,6");
  EXPECT_DOUBLE_EQ(share["expected"].get<double>(), 38.54);
  EXPECT_EQ(share["hint_en"], "Possibly a typo");
  EXPECT_EQ(share["line"], 10);
  EXPECT_EQ(share["column"], 9);
  EXPECT_TRUE(written[2]["expected"].is_null());

  // The same items as the whole document's.
  CheckedTable one;
  one.rows.push_back(row);
  one.findings = findings;
  EXPECT_EQ(written, json::parse(to_json(plan, one))["findings"]);

  // The text, byte for byte the tree's compact dump; with a period, an
  // integral expected value and one of a few digits.
  findings[1].period = "2024-Q4";
  findings[1].expected = "66";
  const std::string dumped = findings_json(plan, row, findings).dump(-1, ' ', false, json::error_handler_t::replace);
  EXPECT_EQ(findings_json_text(plan, row, findings), dumped);
  EXPECT_EQ(findings_json_text(plan, row, {}), "[]");
}

std::string json_string(std::string_view text) {
  std::string out;
  append_json_string(out, text);
  return out;
}

std::string json_double(double value) {
  std::string out;
  append_json_double(out, value);
  return out;
}

TEST(JsonText, StringsAsNlohmannEscapesThem) {
  // By hand: the two-letter escapes, \u00XX (small hex digits) for other
  // control characters, DEL and every well-formed UTF-8 character as they are.
  EXPECT_EQ(json_string("Sở \"KH\" \\ 1"), "\"Sở \\\"KH\\\" \\\\ 1\"");
  EXPECT_EQ(json_string("a\tb\nc\rd\be\ff"), "\"a\\tb\\nc\\rd\\be\\ff\"");
  EXPECT_EQ(json_string(std::string_view("\x01\x1f\x7f", 3)), "\"\\u0001\\u001f\x7f\"");
  EXPECT_EQ(json_string(""), "\"\"");
  EXPECT_EQ(json_string("“Ứng” 𝄞"), "\"“Ứng” 𝄞\"");
  // Invalid UTF-8 (a lone continuation byte, a cut sequence, an overlong
  // slash, a surrogate): as nlohmann replaces it.
  for (std::string_view bad : {std::string_view("a\x80" "b"), std::string_view("Ứ\xe1\xba"),
                               std::string_view("\xc0\xaf"), std::string_view("\xed\xa0\x80x")}) {
    EXPECT_EQ(json_string(bad), json(std::string(bad)).dump(-1, ' ', false, json::error_handler_t::replace));
  }
  std::string after = "[";
  append_json_string(after, "\"x\xff");
  EXPECT_EQ(after, "[" + json("\"x\xff").dump(-1, ' ', false, json::error_handler_t::replace));
}

TEST(JsonText, NumbersAsNlohmannWritesThem) {
  EXPECT_EQ(json_double(22), "22.0");
  EXPECT_EQ(json_double(88.62), "88.62");
  EXPECT_EQ(json_double(-0.5), "-0.5");
  EXPECT_EQ(json_double(1e20), "1e+20");
  EXPECT_EQ(json_double(1e-7), "1e-07");
  EXPECT_EQ(json_double(0.1 + 0.2), "0.30000000000000004");
  EXPECT_EQ(json_double(std::nan("")), "null");
  std::string integer;
  append_json_integer(integer, -1234567890123);
  EXPECT_EQ(integer, "-1234567890123");
}

}  // namespace
}  // namespace chiso::report
