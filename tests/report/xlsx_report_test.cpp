#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "plan/plan.h"
#include "report/report.h"
#include "report/report_fixture.h"
#include "service/check_input.h"

namespace chiso::report {
namespace {

using nlohmann::json;

bool ends_with(const std::string& text, const std::string& tail) {
  return text.size() >= tail.size() && text.compare(text.size() - tail.size(), tail.size(), tail) == 0;
}

class XlsxReportTest : public ::testing::Test {
 protected:
  Plan plan = report_test::make_plan();
  CheckedTable table = report_test::make_table();

  // Writes the workbook and reads it back with openpyxl.
  json read_back(const ReportOptions& options, const std::string& name) {
    std::string path = report_test::out_dir() + "/" + name;
    Result<void> written = write_xlsx(plan, table, options, path);
    EXPECT_TRUE(written.ok()) << (written.ok() ? "" : written.error().message);
    int status = 0;
    std::string out = report_test::run_command(
        report_test::python() + " '" + CHISO_SOURCE_DIR "/tests/report/read_xlsx.py' '" + path + "'",
        &status);
    EXPECT_EQ(status, 0) << out;
    return json::parse(out);
  }
};

TEST_F(XlsxReportTest, SheetsTitlesAndMergedHeader) {
  json book = read_back({}, "table.xlsx");
  ASSERT_EQ(book["sheets"], json::array({"Phụ lục", "Phát hiện"}));
  const json& sheet = book["info"]["Phụ lục"];
  const json& cells = sheet["cells"];
  EXPECT_EQ(cells["A1"]["value"], "PHỤ LỤC 2");
  EXPECT_TRUE(cells["A1"]["bold"]);
  EXPECT_EQ(cells["A2"]["value"], "THỐNG KÊ MỘT SỐ CHỈ TIÊU THEO KẾ HOẠCH SỐ 197/KH-UBND");
  std::vector<std::string> merged = sheet["merged"].get<std::vector<std::string>>();
  // Titles across the 17 columns A..Q; the seed's header spans.
  for (const char* range : {"A1:Q1", "A2:Q2", "A4:A5", "B4:B5", "C4:D4", "E4:I4", "J4:J5", "K4:K5",
                            "L4:M4", "N4:N5", "O4:O5", "P4:P5", "Q4:Q5"}) {
    EXPECT_NE(std::find(merged.begin(), merged.end(), range), merged.end()) << range;
  }
  EXPECT_EQ(cells["A4"]["value"], "STT");
  EXPECT_EQ(cells["C4"]["value"], "Thực hiện thủ tục hành chính");
  EXPECT_EQ(cells["L5"]["value"], "Đã có phòng họp trực tuyến");
  EXPECT_TRUE(cells["C5"]["bold"]);
  EXPECT_TRUE(cells["C5"]["wrap"]);
  EXPECT_EQ(cells["C5"]["size"], 11);
}

TEST_F(XlsxReportTest, RowsInPlanOrderWithNumbersAsNumbers) {
  json book = read_back({}, "rows.xlsx");
  const json& cells = book["info"]["Phụ lục"]["cells"];
  EXPECT_EQ(cells["A6"]["value"], 1);
  EXPECT_EQ(cells["B6"]["value"], "Sở Kế hoạch và Đầu tư");
  EXPECT_EQ(cells["C6"]["value"], 66);
  // Counts and shares with thousands grouping and the plan's decimals, so
  // that Excel shows its reader's separators (issue 14 §3: not "0", 5178).
  EXPECT_EQ(cells["C6"]["format"], "#,##0");
  EXPECT_DOUBLE_EQ(cells["D6"]["value"].get<double>(), 1.5);
  EXPECT_EQ(cells["D6"]["format"], "#,##0.00");  // typed 1,5 in a 2-decimal column
  EXPECT_FALSE(cells.contains("K6"));  // blank: not reported
  EXPECT_EQ(cells["L6"]["value"], "x");
  EXPECT_EQ(cells["B6"]["font"], "Times New Roman");
  EXPECT_EQ(cells["C6"]["size"], 12);
  EXPECT_EQ(cells["C6"]["border"], "thin");

  EXPECT_EQ(cells["A7"]["value"], 5);
  EXPECT_DOUBLE_EQ(cells["K7"]["value"].get<double>(), 99.71);
  EXPECT_EQ(cells["K7"]["format"], "#,##0.00");
  EXPECT_EQ(cells["L7"]["value"], "0");
  EXPECT_EQ(cells["A8"]["value"], 15);
  EXPECT_EQ(cells["K8"]["value"], "86-96");
  EXPECT_EQ(cells["B9"]["value"], "Đơn vị <lạ>, \"mới\"");

  EXPECT_EQ(cells["B10"]["value"], "Toàn thành phố");
  EXPECT_TRUE(cells["B10"]["bold"]);
  EXPECT_EQ(cells["C10"]["value"], 82);
  EXPECT_NEAR(cells["G10"]["value"].get<double>(), 100.0 * 165 / 209, 1e-9);
  EXPECT_EQ(cells["G10"]["format"], "#,##0.00");
  EXPECT_EQ(cells["L10"]["value"], "2/4");
  // Note under the table.
  EXPECT_EQ(cells["A12"]["value"], plan.notes_vi[0]);
}

TEST_F(XlsxReportTest, FindingsFilledAndCommented) {
  json book = read_back({}, "fills.xlsx");
  const json& cells = book["info"]["Phụ lục"]["cells"];
  ASSERT_TRUE(cells["I7"]["fill"].is_string());
  EXPECT_TRUE(ends_with(cells["I7"]["fill"], "FFEB9C"));  // warning: yellow
  EXPECT_NE(cells["I7"]["comment"].get<std::string>().find("Tỷ lệ nhập không khớp với số liệu"),
            std::string::npos);
  EXPECT_NE(cells["I7"]["comment"].get<std::string>().find("38,54"), std::string::npos);
  ASSERT_TRUE(cells["K8"]["fill"].is_string());
  EXPECT_TRUE(ends_with(cells["K8"]["fill"], "FFC7CE"));  // error: light red
  ASSERT_TRUE(cells["B9"]["fill"].is_string());
  EXPECT_TRUE(ends_with(cells["B9"]["fill"], "FFEB9C"));
  EXPECT_TRUE(cells["G7"]["fill"].is_null());  // no finding, no fill
  EXPECT_TRUE(cells["G7"]["comment"].is_null());
}

TEST_F(XlsxReportTest, FrozenHeaderAndPrintSetup) {
  json book = read_back({}, "print.xlsx");
  const json& sheet = book["info"]["Phụ lục"];
  EXPECT_EQ(sheet["freeze"], "C6");
  EXPECT_EQ(sheet["orientation"], "landscape");
  EXPECT_EQ(sheet["paper"], 9);
  // fitToWidth is left out of the XML when it is 1, its default.
  EXPECT_TRUE(sheet["fit_width"].is_null() || sheet["fit_width"] == 1) << sheet["fit_width"];
  EXPECT_EQ(sheet["fit_height"], 0);
  EXPECT_TRUE(sheet["fit_to_page"]);
  std::string titles = sheet["print_title_rows"].get<std::string>();
  EXPECT_NE(titles.find("4:"), std::string::npos) << titles;
  EXPECT_NE(titles.find("5"), std::string::npos) << titles;
}

// The fixture's table has no rank: STT shows; the name column is as wide as
// its longest name, "Sở Khoa học và Công nghệ" (24 characters), and 2 more.
TEST_F(XlsxReportTest, SttShownAndNameColumnOfItsLongestName) {
  json book = read_back({}, "columns.xlsx");
  const json& columns = book["info"]["Phụ lục"]["columns"];
  EXPECT_FALSE(columns["A"]["hidden"]);
  EXPECT_GE(columns["B"]["width"].get<double>(), 26);
  EXPECT_LT(columns["B"]["width"].get<double>(), 27);
}

// PCI 2019 in rank order 1…17: STT (column A) is hidden, not removed (the
// workbook is read back), and the name column is sized for its longest name,
// "Thành phố Hồ Chí Minh" (21 characters), not 32.
TEST_F(XlsxReportTest, RankingHidesSttAndSizesTheNames) {
  Result<Plan> pci = load_plan(std::string(CHISO_SOURCE_DIR) + "/plans/pci-2019.toml");
  ASSERT_TRUE(pci.ok());
  Result<CheckedTable> checked =
      service::check_file(*pci, std::string(CHISO_SOURCE_DIR) + "/samples/pci-2019.tsv", "2019");
  ASSERT_TRUE(checked.ok());
  plan = *pci;
  table = *checked;
  json book = read_back({}, "pci.xlsx");
  const json& sheet = book["info"]["Phụ lục"];
  EXPECT_TRUE(sheet["columns"]["A"]["hidden"]);
  const double name_width = sheet["columns"]["B"]["width"].get<double>();
  EXPECT_GE(name_width, 21);
  EXPECT_LT(name_width, 32);
  EXPECT_EQ(sheet["cells"]["B4"]["value"], "Quảng Ninh");  // title, empty row, header
}

TEST_F(XlsxReportTest, FindingsSheet) {
  json book = read_back({}, "findings.xlsx");
  const json& cells = book["info"]["Phát hiện"]["cells"];
  EXPECT_EQ(cells["B1"]["value"], "Mức độ");
  EXPECT_EQ(cells["B2"]["value"], "thông tin");  // the table-level finding first
  EXPECT_EQ(cells["B3"]["value"], "cảnh báo");
  EXPECT_EQ(cells["C3"]["value"], "Sở Văn hóa và Thể thao");
  EXPECT_EQ(cells["D3"]["value"], 5);
  EXPECT_EQ(cells["F3"]["value"], "share.partial");
  EXPECT_EQ(cells["G3"]["value"], "Tỷ lệ nhập không khớp với số liệu");
  EXPECT_EQ(cells["H3"]["value"], "40,6");
  EXPECT_DOUBLE_EQ(cells["I3"]["value"].get<double>(), 38.54);  // a number
  EXPECT_EQ(cells["J3"]["value"], "Có thể nhập nhầm");
  EXPECT_EQ(cells["K3"]["value"], "seed.txt, bảng 1, dòng 10, cột 9");
  EXPECT_EQ(cells["B4"]["value"], "lỗi");
  EXPECT_EQ(book["info"]["Phát hiện"]["freeze"], "A2");
  EXPECT_EQ(book["info"]["Phát hiện"]["max_row"], 5);
}

TEST_F(XlsxReportTest, English) {
  ReportOptions options;
  options.lang = Lang::en;
  json book = read_back(options, "english.xlsx");
  ASSERT_EQ(book["sheets"], json::array({"Appendix", "Findings"}));
  EXPECT_EQ(book["info"]["Appendix"]["cells"]["A1"]["value"], "APPENDIX 2");
  EXPECT_EQ(book["info"]["Appendix"]["cells"]["B10"]["value"], "City-wide");
  EXPECT_EQ(book["info"]["Findings"]["cells"]["B3"]["value"], "warning");
}

TEST_F(XlsxReportTest, UnwritablePathIsAnError) {
  Result<void> result = write_xlsx(plan, table, {}, "/nonexistent-dir/r.xlsx");
  ASSERT_FALSE(result.ok());
  EXPECT_NE(result.error().message.find("/nonexistent-dir/r.xlsx"), std::string::npos);
}

TEST_F(XlsxReportTest, ControlCharactersAndMarkupStayText) {
  table.rows[2].raw_name = "Tab\there \x01 <&> ]]> \"q\"";  // the unregistered row
  json book = read_back({}, "hostile.xlsx");
  std::string name = book["info"]["Phụ lục"]["cells"]["B9"]["value"].get<std::string>();
  EXPECT_EQ(name.rfind("Tab\there ", 0), 0u) << name;
  EXPECT_NE(name.find("<&> ]]> \"q\""), std::string::npos) << name;
}

TEST_F(XlsxReportTest, HugeCellTextIsClippedNotFatal) {
  table.rows[0].values[8].state = ValueState::text;
  table.rows[0].values[8].raw = std::string(40000, 'a') + "ạ";
  std::string path = report_test::out_dir() + "/huge.xlsx";
  EXPECT_TRUE(write_xlsx(plan, table, {}, path).ok());
}

}  // namespace
}  // namespace chiso::report
