// The HTML report's targets section, on the seed with a test plan that has
// targets (the shipped plan states none). Counts worked out by hand from the
// seed's typed full-process shares.
#include <gtest/gtest.h>

#include <string>

#include "service/check_input.h"
#include "check/checker.h"
#include "plan/plan.h"
#include "report/report.h"

namespace chiso::report {
namespace {

TEST(HtmlTargets, SeedAgainstEightyPercentFullProcess) {
  auto plan = load_plan(std::string(CHISO_SOURCE_DIR) +
                        "/tests/consolidate/fixtures/plan-with-targets.toml");
  ASSERT_TRUE(plan.ok()) << plan.error().message;
  auto table = service::check_file(*plan, std::string(CHISO_SOURCE_DIR) +
                                            "/samples/000_e41d2a91a7ebffff.txt", "2024-Q4");
  ASSERT_TRUE(table.ok()) << table.error().message;
  std::string html = to_html(*plan, *table, ReportOptions{});

  auto section_at = html.find("<section id=\"targets\">");
  ASSERT_NE(section_at, std::string::npos);
  std::string section = html.substr(section_at, html.find("</section>", section_at) - section_at);
  // Typed shares ≥ 80: rows 1, 2, 6, 8, 10, 12, 13, 15, 16, 17, 20, 23, 24,
  // 26, 27; below: rows 3, 4, 5, 7, 11, 14, 18, 19, 21, 22, 25, 28, 29, 30;
  // row 9 left it blank. Not judged (issue 14 §4), by hand from the seed:
  // values under an error — row 2 (typed 93, counts 76/140 = 54,29), row 10
  // (81 vs 77/93 = 82,80), row 12 (4 full-process of a total of 1), row 17
  // (83,9 vs 21/117 = 17,95), row 5 (57 + 37 ≠ 96), row 30 (186 + 71 ≠ 269)
  // — and row 7 (0 of 0: not applicable). So 11 met and 11 not met.
  auto row_at = section.find("&gt;= 80");
  ASSERT_NE(row_at, std::string::npos) << section;
  std::string row = section.substr(row_at, section.find("</tr>", row_at) - row_at);
  EXPECT_NE(row.find("<b>11</b> Sở Kế hoạch và Đầu tư, Bảo hiểm xã hội thành phố"), std::string::npos) << row;
  EXPECT_NE(row.find("<b>11</b> Sở Du lịch, Sở Công Thương, Sở Giao thông vận tải"), std::string::npos) << row;
  // Listed apart, by name, in the "not reported" cell: never silently dropped.
  EXPECT_NE(row.find("<td>1; không áp dụng: Chi nhánh NHNN TP; chưa đánh giá (số liệu có lỗi): "
                     "Công an thành phố, Sở Văn hóa và Thể thao, Sở Tư pháp, Sở Ngoại vụ, "
                     "Sở Tài nguyên và Môi trường, UBND huyện Cát Hải</td>"),
            std::string::npos)
      << row;
  // City-wide 3044 / 4190 = 72,65 % < 80.
  EXPECT_NE(row.find("chưa đạt"), std::string::npos) << row;

  // No targets in the plan, no section.
  auto shipped = load_plan(std::string(CHISO_SOURCE_DIR) + "/plans/hai-phong-197.toml");
  ASSERT_TRUE(shipped.ok());
  EXPECT_EQ(to_html(*shipped, *table, ReportOptions{}).find("id=\"targets\""), std::string::npos);
}

}  // namespace
}  // namespace chiso::report
