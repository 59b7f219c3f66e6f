// Subtotal rows that name a group of units or a parent unit (issue 15 §2) are
// compared with that part's units, wherever they stand in the table. The
// table (tests/check/fixtures/parts-table.tsv), worked out by hand:
//
//   row                           services online share
//   1 Sở Tư pháp                  120      90     75
//   2 Sở Y tế                     80       40     50
//     Cộng khối sở, ban, ngành    200      130    65     = 120+80, 90+40, 100·130/200
//   3 UBND xã Đại Đồng            40       30     75
//   4 UBND xã Đông Phương         50       20     40
//   5 UBND xã Thuận Thiên         10       10     100
//     Cộng UBND huyện Kiến Thụy   100      70     70     communes: 100, 60, 100·60/100 = 60
//     Tổng cộng                   300      190    63,33  = 100·190/300 = 63,33
//
// So the district's subtotal is wrong twice (online 70 for 60, share 70 for
// 60) and nothing else is.
#include <gtest/gtest.h>

#include <fstream>
#include <set>
#include <string>
#include <tuple>

#include "check/parts_fixture.h"
#include "plan/plan.h"

namespace chiso::check {
namespace {

class PartsTest : public ::testing::Test {
 protected:
  void SetUp() override { testing::load_parts_table(plan_, table_); }
  Plan plan_;
  CheckedTable table_;
};

TEST_F(PartsTest, TheParentsSubtotalIsComparedWithItsCommunes) {
  ASSERT_EQ(table_.rows.size(), 5u);  // the units; subtotal and total rows are not stored
  using Key = std::tuple<std::string, std::string, std::string, std::string>;
  std::set<Key> actual;
  for (const Finding& finding : table_.findings) {
    if (finding.severity == Severity::info) continue;
    actual.insert({finding.rule_id, finding.unit, finding.indicator, finding.expected});
  }
  const std::set<Key> expected = {
      {"total.mismatch", "Cộng UBND huyện Kiến Thụy", "online", "60"},
      {"total.mismatch", "Cộng UBND huyện Kiến Thụy", "online_pct", "60"},
  };
  EXPECT_EQ(actual, expected);
}

TEST_F(PartsTest, TheFindingSaysWhichUnitsItCameFrom) {
  const Finding* share = nullptr;
  for (const Finding& finding : table_.findings) {
    if (finding.rule_id == "total.mismatch" && finding.indicator == "online_pct") share = &finding;
  }
  ASSERT_NE(share, nullptr);
  EXPECT_EQ(share->raw, "70");
  EXPECT_EQ(share->message_vi,
            "Dòng tổng phụ «Cộng UBND huyện Kiến Thụy» ghi «Tỷ lệ trực tuyến (%)» là 70, nhưng "
            "chiso tổng hợp từ 3 đơn vị trực thuộc UBND huyện Kiến Thụy được 60.");
  // Figures in messages drop trailing zeros (number::format_vi).
  EXPECT_EQ(share->hint_vi,
            "Theo số liệu các đơn vị trực thuộc UBND huyện Kiến Thụy, dòng này là 60.");
  EXPECT_EQ(
      share->message_en,
      "The subtotal row “Cộng UBND huyện Kiến Thụy” gives 70 for “Online share (%)”, but chiso "
      "consolidates 60 from the 3 units under UBND huyện Kiến Thụy.");
  // At the subtotal's own cell: its line in the file, the share's column.
  EXPECT_EQ(share->pos.row_idx, 8);
  EXPECT_EQ(share->pos.col_idx, 5);
}

TEST_F(PartsTest, AGroupsSubtotalIsComparedWithTheGroupWhereverItsUnitsStand) {
  // The same table with the departments' subtotal first and a wrong count:
  // a heading subtotal of a group still covers the group's units only.
  const std::string text =
      "STT\tTên đơn vị\tSố dịch vụ\tSố dịch vụ trực tuyến\tTỷ lệ trực tuyến (%)\n"
      "\tCộng khối sở, ban, ngành\t210\t130\t65\n"
      "1\tSở Tư pháp\t120\t90\t75\n"
      "3\tUBND xã Đại Đồng\t40\t30\t75\n"
      "2\tSở Y tế\t80\t40\t50\n";
  const std::string path = ::testing::TempDir() + "parts-heading.tsv";
  std::ofstream(path) << text;
  auto checked = service::check_file(plan_, path, "2025");
  ASSERT_TRUE(checked.ok()) << checked.error().message;
  std::set<std::tuple<std::string, std::string>> actual;
  for (const Finding& finding : checked->findings) {
    if (finding.rule_id == "total.mismatch") actual.insert({finding.indicator, finding.expected});
  }
  // 120 + 80 = 200 services; online 130 and 65 % agree.
  EXPECT_EQ(actual, (std::set<std::tuple<std::string, std::string>>{{"services", "200"}}));
}

}  // namespace
}  // namespace chiso::check
