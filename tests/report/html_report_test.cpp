#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "report/report.h"
#include "report/report_fixture.h"

namespace chiso::report {
namespace {

using nlohmann::json;

class HtmlReportTest : public ::testing::Test {
 protected:
  Plan plan = report_test::make_plan();
  CheckedTable table = report_test::make_table();

  // Writes the page and reads it back with Python's html.parser.
  json parse(const ReportOptions& options, const std::string& name) {
    std::string path = report_test::out_dir() + "/" + name;
    Result<void> written = write_html(plan, table, options, path);
    EXPECT_TRUE(written.ok()) << (written.ok() ? "" : written.error().message);
    int status = 0;
    std::string out = report_test::run_command(
        report_test::python() + " '" + CHISO_SOURCE_DIR "/tests/report/check_html.py' '" + path + "'",
        &status);
    EXPECT_EQ(status, 0) << out;
    return json::parse(out);
  }

  static const json* cell_starting(const json& page, const std::string& text) {
    for (const json& cell : page["cells"]) {
      if (cell[0].get<std::string>().rfind(text, 0) == 0) return &cell;
    }
    return nullptr;
  }
};

TEST_F(HtmlReportTest, WellFormedSelfContainedPage) {
  json page = parse({}, "table.html");
  EXPECT_TRUE(page["errors"].empty()) << page["errors"].dump();
  EXPECT_EQ(page["lang"], "vi");
  EXPECT_EQ(page["charset"], "utf-8");
  EXPECT_TRUE(page["external"].empty()) << page["external"].dump();
}

TEST_F(HtmlReportTest, TwoLevelHeaderWithSpans) {
  json page = parse({}, "header.html");
  bool stt = false, group = false, cashless = false;
  for (const json& header : page["headers"]) {
    if (header[0] == "STT" && header[1] == 2) stt = true;
    if (header[0] == "Thực hiện dịch vụ hành chính công trực tuyến" && header[2] == 5) group = true;
    if (header[0] == "Thu phí, lệ phí không dùng tiền mặt (%)" && header[1] == 2) cashless = true;
  }
  EXPECT_TRUE(stt);
  EXPECT_TRUE(group);
  EXPECT_TRUE(cashless);
}

TEST_F(HtmlReportTest, ValuesFindingsAndEscaping) {
  json page = parse({}, "values.html");
  EXPECT_NE(cell_starting(page, "1,5"), nullptr);
  EXPECT_NE(cell_starting(page, "99,71"), nullptr);
  EXPECT_NE(cell_starting(page, "78,95"), nullptr);  // city-wide
  EXPECT_NE(cell_starting(page, "Toàn thành phố"), nullptr);
  // The unregistered name, with < and quotes, comes back as text: it was escaped.
  const json* stranger = cell_starting(page, "Đơn vị <lạ>, \"mới\"");
  ASSERT_NE(stranger, nullptr);
  EXPECT_NE((*stranger)[1].get<std::string>().find("warn"), std::string::npos);

  const json* share = cell_starting(page, "40,6");
  ASSERT_NE(share, nullptr);
  EXPECT_NE((*share)[1].get<std::string>().find("warn"), std::string::npos);
  EXPECT_NE((*share)[2].get<std::string>().find("Tỷ lệ nhập không khớp với số liệu"), std::string::npos);
  const json* text_cell = cell_starting(page, "86-96");
  ASSERT_NE(text_cell, nullptr);
  EXPECT_NE((*text_cell)[1].get<std::string>().find("err"), std::string::npos);

  // Markers link to the findings list.
  std::vector<std::string> ids = page["ids"].get<std::vector<std::string>>();
  for (const json& href : page["hrefs"]) {
    std::string target = href.get<std::string>();
    ASSERT_EQ(target[0], '#');
    EXPECT_NE(std::find(ids.begin(), ids.end(), target.substr(1)), ids.end()) << target;
  }
  EXPECT_EQ(page["hrefs"].size(), 3u);  // three findings sit at cells, one is table-level
}

TEST_F(HtmlReportTest, RawMarkupNeverReachesThePage) {
  std::string html = to_html(plan, table, {});
  EXPECT_EQ(html.find("<lạ>"), std::string::npos);
  EXPECT_NE(html.find("&lt;lạ&gt;"), std::string::npos);
  table.findings[2].message_vi = "<script>alert(1)</script>";
  html = to_html(plan, table, {});
  EXPECT_EQ(html.find("<script>"), std::string::npos);
}

TEST_F(HtmlReportTest, English) {
  ReportOptions options;
  options.lang = Lang::en;
  json page = parse(options, "english.html");
  EXPECT_EQ(page["lang"], "en");
  EXPECT_NE(cell_starting(page, "City-wide"), nullptr);
}

TEST_F(HtmlReportTest, ChartOfTheFullProcessShare) {
  ReportOptions options;
  std::string html = to_html(plan, table, options);
  EXPECT_NE(html.find("<section id=\"chart\">"), std::string::npos);
  EXPECT_NE(html.find("<svg"), std::string::npos);
  options.html_chart = false;
  EXPECT_EQ(to_html(plan, table, options).find("<svg"), std::string::npos);
}

TEST_F(HtmlReportTest, UnwritablePathIsAnError) {
  Result<void> result = write_html(plan, table, {}, "/nonexistent-dir/r.html");
  ASSERT_FALSE(result.ok());
  EXPECT_NE(result.error().message.find("/nonexistent-dir/r.html"), std::string::npos);
}

}  // namespace
}  // namespace chiso::report
