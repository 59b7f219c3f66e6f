#include "report/table_model.h"

#include <gtest/gtest.h>

#include "report/report_fixture.h"

namespace chiso::report {
namespace {

using report_test::make_plan;
using report_test::make_table;

class TableModelTest : public ::testing::Test {
 protected:
  Plan plan = make_plan();
  CheckedTable table = make_table();
};

TEST_F(TableModelTest, RowsInPlanOrderThenUnregisteredThenCityWide) {
  TableModel model = build_table_model(plan, table, {});
  ASSERT_EQ(model.rows.size(), 5u);
  EXPECT_EQ(model.rows[0].name, "Sở Kế hoạch và Đầu tư");
  EXPECT_EQ(model.rows[0].row_number, 1);
  EXPECT_EQ(model.rows[1].name, "Sở Văn hóa và Thể thao");
  EXPECT_EQ(model.rows[2].name, "Sở Khoa học và Công nghệ");
  EXPECT_EQ(model.rows[2].row_number, 15);
  EXPECT_EQ(model.rows[3].name, "Đơn vị <lạ>, \"mới\"");
  EXPECT_FALSE(model.rows[3].registered);
  EXPECT_TRUE(model.rows[4].city_wide);
  EXPECT_EQ(model.rows[4].name, "Toàn thành phố");
}

TEST_F(TableModelTest, MissingUnitsListedWhenAsked) {
  ModelOptions options;
  options.list_missing_units = true;
  TableModel model = build_table_model(plan, table, options);
  ASSERT_EQ(model.rows.size(), 7u);
  EXPECT_EQ(model.rows[1].name, "Công an thành phố");
  EXPECT_EQ(model.rows[1].source, nullptr);
  EXPECT_EQ(model.rows[1].cells[0].kind, CellKind::blank);
  EXPECT_EQ(model.rows[4].name, "UBND huyện Cát Hải");
}

TEST_F(TableModelTest, TwoLevelHeaderWithSpans) {
  TableModel model = build_table_model(plan, table, {});
  EXPECT_EQ(model.header_levels, 2);
  EXPECT_EQ(model.table_column_count(), 17);
  auto find = [&](int row, int col) -> const HeaderCell* {
    for (const HeaderCell& cell : model.header) {
      if (cell.row == row && cell.col == col) return &cell;
    }
    return nullptr;
  };
  const HeaderCell* stt = find(0, 0);
  ASSERT_NE(stt, nullptr);
  EXPECT_EQ(stt->text, "STT");
  EXPECT_EQ(stt->row_span, 2);
  const HeaderCell* tthc = find(0, 2);
  ASSERT_NE(tthc, nullptr);
  EXPECT_EQ(tthc->text, "Thực hiện thủ tục hành chính");
  EXPECT_EQ(tthc->col_span, 2);
  const HeaderCell* online = find(0, 4);
  ASSERT_NE(online, nullptr);
  EXPECT_EQ(online->col_span, 5);
  const HeaderCell* cashless = find(0, 9);
  ASSERT_NE(cashless, nullptr);
  EXPECT_EQ(cashless->text, "Thu phí, lệ phí không dùng tiền mặt (%)");
  EXPECT_EQ(cashless->row_span, 2);
  const HeaderCell* rooms = find(0, 11);
  ASSERT_NE(rooms, nullptr);
  EXPECT_EQ(rooms->col_span, 2);
  const HeaderCell* room_count = find(1, 12);
  ASSERT_NE(room_count, nullptr);
  EXPECT_EQ(room_count->text, "Số lượng phòng họp trực tuyến");
  EXPECT_EQ(find(1, 9), nullptr);  // covered by the cell above
  EXPECT_EQ(model.flat_label(4), "Thực hiện dịch vụ hành chính công trực tuyến / "
                                 "Tỷ lệ DVHCC mức độ toàn trình/Tổng số DVHCC trực tuyến (%)");
}

TEST_F(TableModelTest, OneLevelHeaderWithoutGroups) {
  for (Indicator& indicator : plan.indicators) indicator.group.clear();
  TableModel model = build_table_model(plan, table, {});
  EXPECT_EQ(model.header_levels, 1);
  EXPECT_EQ(model.header.size(), 17u);
  for (const HeaderCell& cell : model.header) EXPECT_EQ(cell.row_span, 1);
}

TEST_F(TableModelTest, CellsFormattedTheVietnameseWay) {
  TableModel model = build_table_model(plan, table, {});
  const ModelRow& first = model.rows[0];  // seed row 1
  // The plan's 2 decimals are always shown (issue 14 §3: typed 1,5 → 1,50).
  EXPECT_EQ(first.cells[1].text, "1,50");
  EXPECT_EQ(first.cells[1].decimals, 2);
  EXPECT_EQ(first.cells[0].text, "66");
  EXPECT_EQ(first.cells[0].decimals, 0);
  EXPECT_EQ(first.cells[8].kind, CellKind::blank);
  EXPECT_EQ(first.cells[8].text, "");
  EXPECT_EQ(first.cells[9].kind, CellKind::mark_yes);
  EXPECT_EQ(first.cells[9].text, "x");
  const ModelRow& fifth = model.rows[1];  // seed row 5
  EXPECT_EQ(fifth.cells[4].text, "59,40");
  EXPECT_EQ(fifth.cells[8].text, "99,71");
  EXPECT_EQ(fifth.cells[8].decimals, 2);
  EXPECT_EQ(fifth.cells[9].kind, CellKind::mark_no);
  EXPECT_EQ(fifth.cells[9].text, "0");
  const ModelRow& fifteenth = model.rows[2];  // seed row 15
  EXPECT_EQ(fifteenth.cells[8].kind, CellKind::text);
  EXPECT_EQ(fifteenth.cells[8].text, "86-96");
  EXPECT_FALSE(fifteenth.cells[8].number.has_value());
}

TEST_F(TableModelTest, CityWideRowFromSummary) {
  TableModel model = build_table_model(plan, table, {});
  const ModelRow& city = model.rows.back();
  EXPECT_EQ(city.cells[0].text, "82");
  EXPECT_EQ(city.cells[2].text, "209");
  EXPECT_EQ(city.cells[4].text, "78,95");   // 100·165/209 = 78,947…
  EXPECT_EQ(city.cells[4].decimals, 2);
  EXPECT_EQ(city.cells[6].text, "17,70");   // 100·37/209 = 17,703…, the plan's 2 decimals
  EXPECT_EQ(city.cells[9].kind, CellKind::ratio);
  EXPECT_EQ(city.cells[9].text, "2/4");
  EXPECT_EQ(city.cells[11].text, "3/4");
  EXPECT_EQ(city.cells[12].text, "1/4");
  ASSERT_EQ(model.footnotes.size(), 15u);
  // In words from the plan's labels, never the formula's code (issue 14 §7).
  EXPECT_EQ(model.footnotes[4].find("online_full"), std::string::npos) << model.footnotes[4];
  EXPECT_NE(model.footnotes[4].find("tính lại từ tổng «Dịch vụ hành chính công toàn trình» và "
                                    "tổng «Tổng số dịch vụ hành chính công trực tuyến» của các "
                                    "đơn vị, không cộng các tỷ lệ đã nhập"),
            std::string::npos)
      << model.footnotes[4];
  EXPECT_NE(model.footnotes[1].find("Số TTHC đã rút ngắn"), std::string::npos);
}

TEST_F(TableModelTest, UndefinedSummaryIsBlank) {
  table.summary[4].value.reset();
  table.summary.resize(10);  // a short summary must not crash
  TableModel model = build_table_model(plan, table, {});
  EXPECT_EQ(model.rows.back().cells[4].kind, CellKind::blank);
  EXPECT_EQ(model.rows.back().cells[12].kind, CellKind::blank);
}

TEST_F(TableModelTest, FindingsPlacedAtTheirCellsAndNumberedInRowOrder) {
  TableModel model = build_table_model(plan, table, {});
  ASSERT_EQ(model.findings.size(), 4u);
  // Table-level first, then by row in plan order.
  EXPECT_EQ(model.findings[0].finding->rule_id, "header.unknown");
  EXPECT_EQ(model.findings[0].model_row, -1);
  EXPECT_EQ(model.findings[1].finding->rule_id, "share.partial");
  EXPECT_EQ(model.findings[1].model_row, 1);
  EXPECT_EQ(model.findings[1].model_col, 6);
  EXPECT_EQ(model.findings[2].finding->rule_id, "value.not_number");
  EXPECT_EQ(model.findings[3].finding->rule_id, "unit.unknown");
  EXPECT_EQ(model.findings[3].model_col, -1);

  const DisplayCell& share = model.rows[1].cells[6];
  ASSERT_TRUE(share.severity.has_value());
  EXPECT_EQ(*share.severity, Severity::warning);
  EXPECT_EQ(share.findings, std::vector<int>{1});
  EXPECT_EQ(*model.rows[2].cells[8].severity, Severity::error);
  EXPECT_EQ(*model.rows[3].name_cell.severity, Severity::warning);
  EXPECT_FALSE(model.rows[0].cells[4].severity.has_value());
}

// What the JSON writer asks for: the same rows and findings in the same
// order, without cells or footnotes.
TEST_F(TableModelTest, LayoutOnlyKeepsTheOrdersWithoutCells) {
  ModelOptions options;
  options.city_wide_row = false;
  options.layout_only = true;
  TableModel model = build_table_model(plan, table, options);
  ASSERT_EQ(model.rows.size(), 4u);
  const char* names[] = {"Sở Kế hoạch và Đầu tư", "Sở Văn hóa và Thể thao", "Sở Khoa học và Công nghệ",
                         "Đơn vị <lạ>, \"mới\""};
  for (size_t row_idx = 0; row_idx < 4; ++row_idx) {
    EXPECT_EQ(model.rows[row_idx].name, names[row_idx]);
    ASSERT_NE(model.rows[row_idx].source, nullptr);
    EXPECT_TRUE(model.rows[row_idx].cells.empty());
  }
  EXPECT_EQ(model.rows[2].source->row_number, 15);
  ASSERT_EQ(model.findings.size(), 4u);
  const char* rules[] = {"header.unknown", "share.partial", "value.not_number", "unit.unknown"};
  for (size_t finding_idx = 0; finding_idx < 4; ++finding_idx)
    EXPECT_EQ(model.findings[finding_idx].finding->rule_id, rules[finding_idx]);
  EXPECT_EQ(model.findings[1].model_col, 6);
  EXPECT_TRUE(model.footnotes.empty());
}

TEST_F(TableModelTest, WorstSeverityWins) {
  Finding extra = table.findings[2];  // the warning on row 5
  extra.severity = Severity::error;
  extra.rule_id = "share.range";
  table.findings.push_back(extra);
  TableModel model = build_table_model(plan, table, {});
  EXPECT_EQ(*model.rows[1].cells[6].severity, Severity::error);
  EXPECT_EQ(model.rows[1].cells[6].findings.size(), 2u);
}

TEST_F(TableModelTest, FindingForAnUnknownRowStaysInTheList) {
  Finding stray = table.findings[0];
  stray.row = 777;
  table.findings = {stray};
  TableModel model = build_table_model(plan, table, {});
  ASSERT_EQ(model.findings.size(), 1u);
  EXPECT_EQ(model.findings[0].model_row, -1);
}

TEST_F(TableModelTest, English) {
  ModelOptions options;
  options.lang = Lang::en;
  TableModel model = build_table_model(plan, table, options);
  EXPECT_EQ(model.title_lines[0], "APPENDIX 2");
  EXPECT_EQ(model.title_lines[1], plan.title_en);
  EXPECT_EQ(model.rows.back().name, "City-wide");
  EXPECT_EQ(model.columns[4].label, "Full-process share (%)");
  EXPECT_EQ(model.notes, plan.notes_en);
  EXPECT_EQ(severity_label(Severity::warning, Lang::en), "warning");
  EXPECT_EQ(severity_label(Severity::warning, Lang::vi), "cảnh báo");
}

TEST_F(TableModelTest, EmptyTable) {
  CheckedTable empty;
  TableModel model = build_table_model(plan, empty, {});
  ASSERT_EQ(model.rows.size(), 1u);
  EXPECT_TRUE(model.rows[0].city_wide);
  EXPECT_EQ(model.rows[0].cells[0].kind, CellKind::blank);
}

TEST(DecimalsNeeded, ByHand) {
  EXPECT_EQ(decimals_needed(100, 2), 0);
  EXPECT_EQ(decimals_needed(1.5, 2), 1);
  EXPECT_EQ(decimals_needed(74.05, 2), 2);
  EXPECT_EQ(decimals_needed(78.947368, 2), 2);
  EXPECT_EQ(decimals_needed(0.5, 0), 0);
}

}  // namespace
}  // namespace chiso::report
