#include <gtest/gtest.h>

#include "report/report.h"
#include "report/report_fixture.h"

namespace chiso::report {
namespace {

bool has(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

class TextReportTest : public ::testing::Test {
 protected:
  Plan plan = report_test::make_plan();
  CheckedTable table = report_test::make_table();
};

TEST_F(TextReportTest, VietnameseByDefault) {
  std::string text = to_text(plan, table, {});
  EXPECT_TRUE(has(text, "Tệp: seed.txt\n")) << text;
  EXPECT_TRUE(has(text, "Kỳ báo cáo: Quý IV năm 2024\n"));
  EXPECT_TRUE(has(text, "Đã đọc 4 đơn vị (3 đã đăng ký, 1 chưa đăng ký).\n"));
  EXPECT_TRUE(has(text, "STT 5 — Sở Văn hóa và Thể thao:\n"));
  EXPECT_TRUE(has(text, "[cảnh báo] dòng 10, cột 9: Tỷ lệ DVHCC một phần/Tổng số DVHCC trực tuyến (%) — "
                        "Tỷ lệ nhập không khớp với số liệu\n"));
  EXPECT_TRUE(has(text, "giá trị nhập: 40,6 → đúng là: 38,54\n"));
  EXPECT_TRUE(has(text, "gợi ý: Có thể nhập nhầm\n"));
  EXPECT_TRUE(has(text, "[lỗi] dòng 22, cột 11:"));
  EXPECT_TRUE(has(text, "Toàn bảng:\n"));
  EXPECT_TRUE(has(text, "Tổng cộng: 1 lỗi, 2 cảnh báo, 1 thông tin.\n"));
  // Grouped by row in plan order: row 5 before row 15 before row 99.
  EXPECT_LT(text.find("STT 5 "), text.find("STT 15 "));
  EXPECT_LT(text.find("STT 15 "), text.find("STT 99 "));
}

TEST_F(TextReportTest, English) {
  ReportOptions options;
  options.lang = Lang::en;
  std::string text = to_text(plan, table, options);
  EXPECT_TRUE(has(text, "File: seed.txt\n")) << text;
  EXPECT_TRUE(has(text, "Read 4 units (3 registered, 1 not registered).\n"));
  EXPECT_TRUE(has(text, "[warning] line 10, column 9: Partial share (%) — The typed share does not "
                        "agree with the counts\n"));
  // The typed and expected values in English separators.
  EXPECT_TRUE(has(text, "typed: 40.6 → expected: 38.54\n"));
  EXPECT_TRUE(has(text, "hint: Possibly a typo\n"));
  EXPECT_TRUE(has(text, "Total: 1 errors, 2 warnings, 1 info.\n"));
}

TEST_F(TextReportTest, MinimumSeverityHidesButCounts) {
  ReportOptions options;
  options.text_min_severity = Severity::error;
  std::string text = to_text(plan, table, options);
  EXPECT_TRUE(has(text, "[lỗi] dòng 22, cột 11:")) << text;
  EXPECT_FALSE(has(text, "[cảnh báo]"));
  EXPECT_FALSE(has(text, "Toàn bảng:"));
  EXPECT_FALSE(has(text, "STT 5 "));
  EXPECT_TRUE(has(text, "Tổng cộng: 1 lỗi, 2 cảnh báo, 1 thông tin. (3 không liệt kê)\n"));
}

TEST_F(TextReportTest, ExpectedWrittenForMachinesIsShownTheVietnameseWay) {
  table.findings[2].expected = "38.54";
  EXPECT_TRUE(has(to_text(plan, table, {}), "giá trị nhập: 40,6 → đúng là: 38,54\n"));
}

TEST_F(TextReportTest, NoFindings) {
  table.findings.clear();
  std::string text = to_text(plan, table, {});
  EXPECT_TRUE(has(text, "Không có phát hiện nào.\n"));
  EXPECT_TRUE(has(text, "Tổng cộng: 0 lỗi, 0 cảnh báo, 0 thông tin.\n"));
}

}  // namespace
}  // namespace chiso::report
