#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "report/report.h"
#include "report/report_fixture.h"

namespace chiso::report {
namespace {

// Splits on CRLF (the CSV's line ending), keeping quoted line breaks.
std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find("\r\n", start);
    if (end == std::string::npos) end = text.size();
    lines.push_back(text.substr(start, end - start));
    start = end + 2;
  }
  return lines;
}

class CsvReportTest : public ::testing::Test {
 protected:
  Plan plan = report_test::make_plan();
  CheckedTable table = report_test::make_table();
};

TEST_F(CsvReportTest, BomAndTwoHeaderLinesLikeTheSeed) {
  std::string csv = to_csv(plan, table, {});
  ASSERT_GE(csv.size(), 3u);
  EXPECT_EQ(csv.substr(0, 3), "\xEF\xBB\xBF");
  std::vector<std::string> lines = lines_of(csv.substr(3));
  ASSERT_EQ(lines.size(), 2u + 4u + 1u);
  EXPECT_EQ(lines[0],
            "STT,Tên đơn vị,Thực hiện thủ tục hành chính,,Thực hiện dịch vụ hành chính công trực "
            "tuyến,,,,,\"Thu phí, lệ phí không dùng tiền mặt (%)\",Tỷ lệ người dân và DN nộp được "
            "hồ sơ hợp lệ ngay từ lần nộp đầu tiên (%),Phòng họp trực tuyến,,Đã kết nối với trang "
            "DDCI,Cổng Thông tin điện tử thành phần đã sử dụng hình thức trả lời trực tuyến bằng "
            "AI,\"Phối hợp TH mô hình \"\"Kết nối thủ tục giấy phép kinh doanh có điều kiện\"\"\","
            "Thực hiện công khai các cam kết cụ thể với DN trên Cổng TTĐT TP");
  EXPECT_EQ(lines[1].rfind(",,Số", 0), 0u);
}

TEST_F(CsvReportTest, CommaVariantWritesDotDecimals) {
  std::vector<std::string> lines = lines_of(to_csv(plan, table, {}).substr(3));
  EXPECT_EQ(lines[2], "1,Sở Kế hoạch và Đầu tư,66,1.5,49,49,100,0,0,100,,x,2,x,x,x,");
  EXPECT_EQ(lines[3], "5,Sở Văn hóa và Thể thao,13,1.5,96,57,59.4,37,40.6,100,99.71,0,0,x,,x,x");
  EXPECT_EQ(lines[4], "15,Sở Khoa học và Công nghệ,3,,54,54,100,0,0,100,86-96,x,5,x,,x,x");
  // RFC 4180: the name with a comma and quotes is quoted, quotes doubled.
  EXPECT_EQ(lines[5], "99,\"Đơn vị <lạ>, \"\"mới\"\"\",,,10,5,,,,,,,,,,,");
  // City-wide: rounded to the indicator's decimals; marks as the yes count.
  EXPECT_EQ(lines[6], ",Toàn thành phố,82,1.5,209,165,78.95,37,17.7,100,99.71,2,7,3,1,3,2");
}

TEST_F(CsvReportTest, SemicolonVariantWritesDecimalCommas) {
  ReportOptions options;
  options.csv_delimiter = ';';
  std::vector<std::string> lines = lines_of(to_csv(plan, table, options).substr(3));
  EXPECT_EQ(lines[0].rfind("STT;Tên đơn vị;", 0), 0u);
  // No quoting needed for the comma in a header when the delimiter is ';'.
  EXPECT_NE(lines[0].find(";Thu phí, lệ phí không dùng tiền mặt (%);"), std::string::npos);
  EXPECT_EQ(lines[3], "5;Sở Văn hóa và Thể thao;13;1,5;96;57;59,4;37;40,6;100;99,71;0;0;x;;x;x");
  EXPECT_EQ(lines[5], "99;\"Đơn vị <lạ>, \"\"mới\"\"\";;;10;5;;;;;;;;;;;");
  EXPECT_EQ(lines[6], ";Toàn thành phố;82;1,5;209;165;78,95;37;17,7;100;99,71;2;7;3;1;3;2");
}

TEST_F(CsvReportTest, FormulaLikeTextIsDefused) {
  table.rows[2].raw_name = "=HYPERLINK(\"http://x\")";
  std::vector<std::string> lines = lines_of(to_csv(plan, table, {}).substr(3));
  EXPECT_EQ(lines[5].substr(0, 6), "99,\"'=");
}

TEST_F(CsvReportTest, WritesFileAndRefusesBadDelimiterOrPath) {
  std::string path = report_test::out_dir() + "/table.csv";
  ASSERT_TRUE(write_csv(plan, table, {}, path).ok());
  std::ifstream in(path, std::ios::binary);
  std::stringstream content;
  content << in.rdbuf();
  EXPECT_EQ(content.str(), to_csv(plan, table, {}));

  ReportOptions tab;
  tab.csv_delimiter = '\t';
  Result<void> refused = write_csv(plan, table, tab, path);
  ASSERT_FALSE(refused.ok());
  EXPECT_NE(refused.error().message.find("CSV"), std::string::npos);

  Result<void> no_dir = write_csv(plan, table, {}, "/nonexistent-dir/x/table.csv");
  ASSERT_FALSE(no_dir.ok());
  EXPECT_NE(no_dir.error().message.find("/nonexistent-dir/x/table.csv"), std::string::npos);
}

}  // namespace
}  // namespace chiso::report
