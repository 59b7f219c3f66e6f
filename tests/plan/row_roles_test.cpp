// What each data row is (issue 14 §1, §2): a unit, a total or a subtotal
// (UnitRow::role), by the plan's wordings; section rows skipped; chiso's own
// findings and comparison tables skipped; English headers as chiso writes
// them; a part whose rows cannot be tied to units is an error.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "ingest/document.h"
#include "ingest/table_layout.h"
#include "plan/binding.h"
#include "plan/plan.h"
#include "plan/shipped_plan.h"

namespace chiso {
namespace {

using testing::hai_phong;

struct Walked {
  std::vector<std::string> names;  // raw names, in order
  std::vector<RowRole> roles;
  std::vector<Finding> findings;   // the binding's
  bool ok = false;
  std::string error;
};

Walked walk(const std::string& tsv) {
  Walked walked;
  auto doc = read_document_bytes(tsv, "table.tsv");
  if (!doc) return walked.error = doc.error().message, walked;
  auto layout = lay_out(*doc);
  if (!layout) return walked.error = layout.error().message, walked;
  auto binding = bind_table(hai_phong(), *doc, *layout);
  if (!binding) return walked.error = binding.error().message, walked;
  walked.ok = true;
  walked.findings = binding->findings;
  UnitMatcher units(hai_phong());
  for_each_row(hai_phong(), *doc, *layout, *binding, units, "2024-Q4", [&](UnitRow& row) {
    walked.names.push_back(row.raw_name);
    walked.roles.push_back(row.role);
    return true;
  });
  return walked;
}

const std::string kHeader =
    "STT\tTên đơn vị\tTổng số dịch vụ hành chính công trực tuyến\tDịch vụ hành chính công toàn trình\n";

TEST(RowRoles, TotalAndSubtotalWordings) {
  Walked walked = walk(kHeader +
                       "I\tKhối sở\t75\t66\n"                 // numbered section with figures
                       "1\tSở Kế hoạch và Đầu tư\t49\t49\n"
                       "2\tSở Du lịch\t26\t17\n"
                       "\tCộng khối sở, ngành\t75\t66\n"
                       "3\tTổng công ty Điện lực\t10\t5\n"    // a name, not the wording "Tổng"
                       "\tTỔNG SỐ - TOTAL\t85\t71\n"
                       "\tTổng cộng\t85\t71\n"
                       "Cộng\t\t85\t71\n"                     // merged over STT and name
                       "\tToàn thành phố\t85\t71\n");
  ASSERT_TRUE(walked.ok) << walked.error;
  EXPECT_EQ(walked.names,
            (std::vector<std::string>{"Khối sở", "Sở Kế hoạch và Đầu tư", "Sở Du lịch",
                                      "Cộng khối sở, ngành", "Tổng công ty Điện lực", "TỔNG SỐ - TOTAL",
                                      "Tổng cộng", "Cộng", "Toàn thành phố"}));
  EXPECT_EQ(walked.roles,
            (std::vector<RowRole>{RowRole::subtotal, RowRole::unit, RowRole::unit, RowRole::subtotal,
                                  RowRole::unit, RowRole::total, RowRole::total, RowRole::total,
                                  RowRole::total}));
}

TEST(RowRoles, ARegisteredUnitIsNeverATotal) {
  Plan plan = hai_phong();
  plan.total_row_wordings.push_back("Sở Du lịch");
  auto doc = read_document_bytes(kHeader + "1\tSở Du lịch\t26\t17\n", "table.tsv");
  ASSERT_TRUE(doc.ok());
  auto layout = lay_out(*doc);
  ASSERT_TRUE(layout.ok());
  auto binding = bind_table(plan, *doc, *layout);
  ASSERT_TRUE(binding.ok());
  UnitMatcher units(plan);
  std::vector<RowRole> roles;
  for_each_row(plan, *doc, *layout, *binding, units, "", [&](UnitRow& row) {
    roles.push_back(row.role);
    return true;
  });
  EXPECT_EQ(roles, std::vector<RowRole>{RowRole::unit});
}

TEST(RowRoles, SectionRowsAreNotRows) {
  Walked walked = walk(kHeader +
                       "I\tCác sở, ban, ngành tỉnh\n"
                       "1\tSở Kế hoạch và Đầu tư\t49\t49\n"
                       "II\tKhối quận, huyện\n"
                       "2\tUBND huyện Kiến Thụy\t196\t174\n"
                       "III. Các cơ quan trung ương\n"
                       "3\tCông an thành phố\t140\t76\n");
  ASSERT_TRUE(walked.ok) << walked.error;
  EXPECT_EQ(walked.names, (std::vector<std::string>{"Sở Kế hoạch và Đầu tư", "UBND huyện Kiến Thụy",
                                                    "Công an thành phố"}));
  for (const Finding& finding : walked.findings) {
    EXPECT_EQ(finding.severity, Severity::info) << finding.rule_id << ": " << finding.message_en;
  }
}

TEST(RowRoles, EnglishHeadersAsChisoWritesThem) {
  // chiso's --lang en table: "No.", "Unit" and the plan's English labels.
  Walked walked = walk(
      "No.\tUnit\tOnline public services, total\tFull-process online services\n"
      "1\tSở Kế hoạch và Đầu tư\t49\t49\n"
      "\tCity-wide\t49\t49\n");
  ASSERT_TRUE(walked.ok) << walked.error;
  EXPECT_EQ(walked.names, (std::vector<std::string>{"Sở Kế hoạch và Đầu tư", "City-wide"}));
  EXPECT_EQ(walked.roles, (std::vector<RowRole>{RowRole::unit, RowRole::total}));
  for (const Finding& finding : walked.findings) {
    EXPECT_NE(finding.rule_id, "header.unknown") << finding.message_en;
  }
}

TEST(RowRoles, ChisoFindingsAndComparisonTablesAreSkippedWithAnInfo) {
  Walked findings = walk(kHeader +
                         "1\tSở Kế hoạch và Đầu tư\t49\t49\n"
                         "\n"
                         "Số\tMức độ\tĐơn vị có phát hiện\tSTT\tChỉ tiêu\tQuy tắc\tNội dung\n"
                         "1\tlỗi\tSở Ngoại vụ\t12\tDịch vụ hành chính công toàn trình\tonline.full_le_total\tx\n");
  ASSERT_TRUE(findings.ok) << findings.error;
  EXPECT_EQ(findings.names, std::vector<std::string>{"Sở Kế hoạch và Đầu tư"});
  int skipped = 0;
  for (const Finding& finding : findings.findings) {
    EXPECT_EQ(finding.severity, Severity::info) << finding.rule_id << ": " << finding.message_en;
    skipped += finding.rule_id == "header.chiso_table";
  }
  EXPECT_EQ(skipped, 1);

  Walked compare = walk(
      "Đơn vị\tTổng số dịch vụ hành chính công trực tuyến\t\t\n"
      "\t2024-Q3\t2024-Q4\tThay đổi\n"
      "Sở Kế hoạch và Đầu tư\t45\t49\t+4\n"
      "Sở Du lịch\t20\t26\t+6\n");
  // The comparison is the whole file: nothing to read, and said so.
  EXPECT_FALSE(compare.ok);
}

TEST(RowRoles, AUnitsTableWithTargetAndChangeColumnsIsRead) {
  // Two of the words of chiso's own tables, but indicator columns: data.
  Walked walked = walk(
      "STT\tTên đơn vị\tTổng số dịch vụ hành chính công trực tuyến\tMục tiêu\tThay đổi\n"
      "1\tSở Kế hoạch và Đầu tư\t49\t50\t+4\n");
  ASSERT_TRUE(walked.ok) << walked.error;
  EXPECT_EQ(walked.names, std::vector<std::string>{"Sở Kế hoạch và Đầu tư"});
}

TEST(RowRoles, APartWithNoUnitColumnIsAnError) {
  auto doc = read_document_bytes(kHeader +
                                     "1\tSở Kế hoạch và Đầu tư\t49\t49\n"
                                     "\n"
                                     "Mã\tGhi chú\tSố lượng\tSố khác\n"
                                     "7\tkhông rõ\t3\t4\n",
                                 "table.tsv");
  ASSERT_TRUE(doc.ok());
  auto layout = lay_out(*doc);
  ASSERT_TRUE(layout.ok());
  ASSERT_EQ(layout->parts.size(), 2u);
  auto binding = bind_table(hai_phong(), *doc, *layout);
  ASSERT_TRUE(binding.ok()) << binding.error().message;
  bool found = false;
  for (const Finding& finding : binding->findings) {
    if (finding.rule_id != "header.no_unit_column") continue;
    found = true;
    EXPECT_EQ(finding.severity, Severity::error);
    EXPECT_NE(finding.message_vi.find("dòng 4"), std::string::npos) << finding.message_vi;
    EXPECT_NE(finding.message_vi.find("5–5"), std::string::npos) << finding.message_vi;
  }
  EXPECT_TRUE(found);
  // And the row itself, where it is.
  int unplaced = 0;
  for (const Finding& finding : binding->findings) {
    if (finding.rule_id != "row.unplaced") continue;
    ++unplaced;
    EXPECT_EQ(finding.severity, Severity::error);
    EXPECT_EQ(finding.pos.row_idx, 5);
    EXPECT_EQ(finding.raw, "7");
  }
  EXPECT_EQ(unplaced, 1);
}

}  // namespace
}  // namespace chiso
