// Binding tables to plans by header text: the seed's two parts with their
// different wordings, other spellings of headers, unknown and missing
// columns, a second city's plan, and the rows built from the seed.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cstdlib>
#include <string>

#include "ingest/document.h"
#include "ingest/table_layout.h"
#include "plan/binding.h"
#include "plan/table_builder.h"
#include "plan/shipped_plan.h"

namespace chiso {
namespace {

using ::testing::HasSubstr;
using testing::BuiltTable;
using testing::add_part;
using testing::load_seed_table;

using testing::hai_phong;

std::vector<const Finding*> findings_with(const TableBinding& binding, const std::string& rule) {
  std::vector<const Finding*> out;
  for (const Finding& finding : binding.findings) {
    if (finding.rule_id == rule) out.push_back(&finding);
  }
  return out;
}

// "Cụ" in NFD: C, u, combining dot below (U+0323).
const std::string kNfdCu = "Cu\xCC\xA3";

TEST(Binding, SeedPartsBindEveryColumnInOrder) {
  BuiltTable seed = load_seed_table();
  ASSERT_EQ(seed.layout.parts.size(), 2u);
  Result<TableBinding> binding = bind_table(hai_phong(), seed.doc, seed.layout);
  ASSERT_TRUE(binding.ok()) << binding.error().message;
  ASSERT_EQ(binding->parts.size(), 2u);
  for (const PartBinding& part : binding->parts) {
    ASSERT_EQ(part.columns.size(), 17u);
    EXPECT_EQ(part.columns[0].role, ColumnRole::row_number);
    EXPECT_EQ(part.columns[1].role, ColumnRole::unit_name);
    // Columns 3–17 of the seed are the 15 indicators, in the plan's order.
    for (int col = 2; col < 17; ++col) {
      EXPECT_EQ(part.columns[col].role, ColumnRole::indicator) << part.columns[col].header_text;
      EXPECT_EQ(part.columns[col].indicator_idx, col - 2) << part.columns[col].header_text;
    }
  }
  EXPECT_EQ(binding->parts[0].columns[2].header_text,
            "Thực hiện thủ tục hành chính / Số TTHC đã rút ngắn được thời gian so với quy định "
            "(Số thủ tục)");
  EXPECT_TRUE(binding->findings.empty()) << binding->findings[0].rule_id << " "
                                         << binding->findings[0].raw;
}

TEST(Binding, HeadersInNfdWithExtraSpacesAndOtherCase) {
  BuiltTable table;
  table.doc.path = "nfd.tsv";
  add_part(table,
           {{"  STT ", "TÊN  ĐƠN\u00A0VỊ", kNfdCu + " thể với DN trên Cổng TTĐT TP để TH CT MTĐTKD "
                                                     "trong cấp GP KD có điều kiện",
             "Tỷ lệ DVHCC   mức độ toàn trình/Tổng số DVHCC trực tuyến",  // no "(%)"
             "tổng số dịch vụ hành chính công trực tuyến (dịch vụ)"}},     // another unit
           {{"1", "Sở Y tế", "x", "12,4", "89"}});
  Result<TableBinding> binding = bind_table(hai_phong(), table.doc, table.layout);
  ASSERT_TRUE(binding.ok()) << binding.error().message;
  const auto& columns = binding->parts[0].columns;
  EXPECT_EQ(columns[0].role, ColumnRole::row_number);
  EXPECT_EQ(columns[1].role, ColumnRole::unit_name);
  EXPECT_EQ(columns[2].indicator_idx, hai_phong().indicator_index("commitments_published"));
  EXPECT_EQ(columns[3].indicator_idx, hai_phong().indicator_index("online_full_pct"));
  EXPECT_EQ(columns[4].indicator_idx, hai_phong().indicator_index("online_total"));
  EXPECT_TRUE(findings_with(*binding, "header.unknown").empty());
  // 15 indicators, 3 present: 12 reported missing, as info.
  auto missing = findings_with(*binding, "header.missing");
  EXPECT_EQ(missing.size(), 12u);
  EXPECT_EQ(missing[0]->severity, Severity::info);
  EXPECT_EQ(missing[0]->indicator, "tthc_shortened");
  EXPECT_THAT(missing[0]->message_vi, HasSubstr("Số TTHC đã rút ngắn"));
  EXPECT_FALSE(missing[0]->message_en.empty());
}

TEST(Binding, EnglishLabelsBindToo) {
  BuiltTable table;
  add_part(table, {{"STT", "Đơn vị", "Online public services, total", "Full-process online services"}},
           {{"1", "Sở Du lịch", "26", "17"}});
  Result<TableBinding> binding = bind_table(hai_phong(), table.doc, table.layout);
  ASSERT_TRUE(binding.ok()) << binding.error().message;
  EXPECT_EQ(binding->parts[0].columns[2].indicator_idx, 2);
  EXPECT_EQ(binding->parts[0].columns[3].indicator_idx, 3);
}

TEST(Binding, UnknownHeaderIsReportedWithItsCell) {
  BuiltTable table;
  table.doc.path = "units.tsv";
  add_part(table, {{"STT", "Tên đơn vị", "Số cán bộ", "Dịch vụ hành chính công toàn trình"}},
           {{"1", "Sở Du lịch", "40", "17"}}, {5, 6});
  Result<TableBinding> binding = bind_table(hai_phong(), table.doc, table.layout);
  ASSERT_TRUE(binding.ok()) << binding.error().message;
  EXPECT_EQ(binding->parts[0].columns[2].role, ColumnRole::unknown);
  auto unknown = findings_with(*binding, "header.unknown");
  ASSERT_EQ(unknown.size(), 1u);
  EXPECT_EQ(unknown[0]->severity, Severity::warning);
  EXPECT_EQ(unknown[0]->raw, "Số cán bộ");
  EXPECT_EQ(unknown[0]->file, "units.tsv");
  EXPECT_EQ(unknown[0]->pos.table_idx, 1);
  EXPECT_EQ(unknown[0]->pos.row_idx, 5);  // the header's line
  EXPECT_EQ(unknown[0]->pos.col_idx, 3);
  EXPECT_THAT(unknown[0]->message_vi, HasSubstr("\"Số cán bộ\""));
  EXPECT_THAT(unknown[0]->message_vi, HasSubstr("không khớp"));
  EXPECT_THAT(unknown[0]->message_en, HasSubstr("matches no indicator"));
}

TEST(Binding, RepeatedIndicatorColumnIsReported) {
  BuiltTable table;
  add_part(table, {{"STT", "Tên đơn vị", "Số lượng phòng họp trực tuyến", "Số phòng họp trực tuyến"}},
           {{"1", "Sở Du lịch", "1", "1"}});
  Result<TableBinding> binding = bind_table(hai_phong(), table.doc, table.layout);
  ASSERT_TRUE(binding.ok());
  EXPECT_EQ(binding->parts[0].columns[2].role, ColumnRole::indicator);
  EXPECT_EQ(binding->parts[0].columns[3].role, ColumnRole::unknown);
  auto duplicate = findings_with(*binding, "header.duplicate");
  ASSERT_EQ(duplicate.size(), 1u);
  EXPECT_EQ(duplicate[0]->indicator, "meeting_room_count");
}

TEST(Binding, EmptyHeaderOverDataIsReportedButEmptyColumnIsNot) {
  BuiltTable table;
  add_part(table, {{"STT", "Tên đơn vị", "", "Số lượng phòng họp trực tuyến", ""}},
           {{"1", "Sở Du lịch", "7", "1", ""}});
  Result<TableBinding> binding = bind_table(hai_phong(), table.doc, table.layout);
  ASSERT_TRUE(binding.ok());
  auto unknown = findings_with(*binding, "header.unknown");
  ASSERT_EQ(unknown.size(), 1u);
  EXPECT_EQ(unknown[0]->pos.col_idx, 3);
}

TEST(Binding, NoUnitNameColumnIsAnError) {
  BuiltTable table;
  table.doc.path = "nameless.tsv";
  add_part(table, {{"STT", "Cơ quan", "Số lượng phòng họp trực tuyến"}}, {{"1", "Sở Du lịch", "1"}});
  Result<TableBinding> binding = bind_table(hai_phong(), table.doc, table.layout);
  ASSERT_FALSE(binding.ok());
  EXPECT_THAT(binding.error().message, HasSubstr("nameless.tsv"));
  EXPECT_THAT(binding.error().message, HasSubstr("\"Tên đơn vị\""));
}

// ---- rows ----

std::vector<UnitRow> seed_rows(const std::string& period = "2024-Q4") {
  BuiltTable seed = load_seed_table();
  Result<TableBinding> binding = bind_table(hai_phong(), seed.doc, seed.layout);
  EXPECT_TRUE(binding.ok());
  UnitMatcher units(hai_phong());
  std::vector<UnitRow> rows;
  for_each_row(hai_phong(), seed.doc, seed.layout, *binding, units, period, [&](UnitRow& row) {
    rows.push_back(row);
    return true;
  });
  return rows;
}

int code(const char* name) { return hai_phong().indicator_index(name); }

TEST(RowWalker, SeedGivesThirtyMatchedRows) {
  std::vector<UnitRow> rows = seed_rows();
  ASSERT_EQ(rows.size(), 30u);
  for (int row_idx = 0; row_idx < 30; ++row_idx) {
    const UnitRow& row = rows[row_idx];
    EXPECT_EQ(row.row_number, row_idx + 1);
    EXPECT_EQ(row.unit_name, hai_phong().units[row_idx].name) << row.raw_name;
    EXPECT_EQ(row.period, "2024-Q4");
    EXPECT_EQ(row.values.size(), 15u);
  }
  // The seed writes "Sở Tài Nguyên"; the registered name has a small n.
  EXPECT_EQ(rows[16].raw_name, "Sở Tài Nguyên và Môi trường");
  EXPECT_EQ(rows[16].unit_name, "Sở Tài nguyên và Môi trường");
  // Row 1 is on line 8 of the file, row 15 on line 24.
  EXPECT_EQ(rows[0].pos.row_idx, 8);
  EXPECT_EQ(rows[0].pos.col_idx, 2);
  EXPECT_EQ(rows[14].pos.row_idx, 24);
}

TEST(RowWalker, SeedValuesByHand) {
  std::vector<UnitRow> rows = seed_rows();
  ASSERT_EQ(rows.size(), 30u);
  // Row 1, Sở Kế hoạch và Đầu tư: 66 | 1,5 | 49 | 49 | 100 | 0 | 0 | 100 | (blank) | x | 2 | x | x | x | (blank)
  const UnitRow& first = rows[0];
  EXPECT_EQ(first.values[code("tthc_shortened")].number, 66);
  EXPECT_EQ(first.values[code("days_shortened_avg")].number, 1.5);
  EXPECT_EQ(first.values[code("days_shortened_avg")].raw, "1,5");
  EXPECT_EQ(first.values[code("first_time_valid_pct")].state, ValueState::blank);
  EXPECT_EQ(first.values[code("meeting_room_has")].state, ValueState::yes);
  EXPECT_EQ(first.values[code("meeting_room_count")].number, 2);
  EXPECT_EQ(first.values[code("ai_answering")].state, ValueState::yes);
  EXPECT_EQ(first.values[code("commitments_published")].state, ValueState::blank);
  EXPECT_EQ(first.values[code("tthc_shortened")].pos.row_idx, 8);
  EXPECT_EQ(first.values[code("tthc_shortened")].pos.col_idx, 3);
  EXPECT_EQ(first.values[code("commitments_published")].pos.col_idx, 17);
  // Row 2, Công an thành phố: the two procedure cells are blank.
  EXPECT_EQ(rows[1].values[code("tthc_shortened")].state, ValueState::blank);
  EXPECT_EQ(rows[1].values[code("online_total")].number, 140);
  // Row 3, Sở Du lịch: commitments "0" = no.
  EXPECT_EQ(rows[2].values[code("commitments_published")].state, ValueState::no);
  // Row 4, Sở Công Thương: 74,05 and 25,95 and 88,5.
  EXPECT_DOUBLE_EQ(rows[3].values[code("online_full_pct")].number, 74.05);
  EXPECT_DOUBLE_EQ(rows[3].values[code("online_partial_pct")].number, 25.95);
  EXPECT_DOUBLE_EQ(rows[3].values[code("cashless_pct")].number, 88.5);
  // Row 5, Sở Văn hóa và Thể thao: no meeting room (0) and 0 rooms.
  EXPECT_EQ(rows[4].values[code("meeting_room_has")].state, ValueState::no);
  EXPECT_EQ(rows[4].values[code("meeting_room_count")].number, 0);
  // Row 9, Sở Thông tin và TT: the online service cells are blank.
  EXPECT_EQ(rows[8].values[code("online_total")].state, ValueState::blank);
  EXPECT_EQ(rows[8].values[code("cashless_pct")].number, 92);
  // Row 15, Sở Khoa học và Công nghệ: "86-96" is text, kept raw, no number.
  const Value& range = rows[14].values[code("first_time_valid_pct")];
  EXPECT_EQ(range.state, ValueState::text);
  EXPECT_EQ(range.raw, "86-96");
  EXPECT_FALSE(range.has_number());
  EXPECT_EQ(range.pos.row_idx, 24);
  EXPECT_EQ(range.pos.col_idx, 11);
  // Row 15's days cell is blank while 3 procedures were cut.
  EXPECT_EQ(rows[14].values[code("days_shortened_avg")].state, ValueState::blank);
  // Row 23, UBND huyện Vĩnh Bảo: 45,77.
  EXPECT_DOUBLE_EQ(rows[22].values[code("cashless_pct")].number, 45.77);
  // Row 30, UBND huyện Cát Hải: 269 | 186 | 69 | 71 | 26.
  EXPECT_EQ(rows[29].values[code("online_total")].number, 269);
  EXPECT_EQ(rows[29].values[code("online_partial_pct")].number, 26);
}

TEST(RowWalker, StopsWhenAsked) {
  BuiltTable seed = load_seed_table();
  Result<TableBinding> binding = bind_table(hai_phong(), seed.doc, seed.layout);
  ASSERT_TRUE(binding.ok());
  UnitMatcher units(hai_phong());
  int seen = 0;
  for_each_row(hai_phong(), seed.doc, seed.layout, *binding, units, "", [&](UnitRow&) {
    return ++seen < 3;
  });
  EXPECT_EQ(seen, 3);
}

TEST(RowWalker, ValuesMovedOutByTheCallerAreRestored) {
  BuiltTable seed = load_seed_table();
  Result<TableBinding> binding = bind_table(hai_phong(), seed.doc, seed.layout);
  ASSERT_TRUE(binding.ok());
  UnitMatcher units(hai_phong());
  std::vector<std::vector<Value>> kept;
  for_each_row(hai_phong(), seed.doc, seed.layout, *binding, units, "", [&](UnitRow& row) {
    kept.push_back(std::move(row.values));
    return true;
  });
  ASSERT_EQ(kept.size(), 30u);
  EXPECT_EQ(kept[29][code("online_total")].number, 269);
}

TEST(RowWalker, PeriodColumnAndPositionWithoutRowNumbers) {
  BuiltTable table;
  add_part(table, {{"Kỳ báo cáo", "Tên đơn vị", "Số lượng phòng họp trực tuyến"}},
           {{"Quý I/2025", "Sở Y tế", "2"},
            {"", "", ""},  // a blank row is skipped, not counted
            {"03/2025", "Sở Du lịch", "1"},
            {"", "Sở Tư pháp", "1"},
            {"kỳ đầu", "Sở Ngoại vụ", "1"}});
  Result<TableBinding> binding = bind_table(hai_phong(), table.doc, table.layout);
  ASSERT_TRUE(binding.ok()) << binding.error().message;
  EXPECT_EQ(binding->parts[0].columns[0].role, ColumnRole::period);
  UnitMatcher units(hai_phong());
  std::vector<UnitRow> rows;
  for_each_row(hai_phong(), table.doc, table.layout, *binding, units, "2024-Q4",
               [&](UnitRow& row) {
                 rows.push_back(row);
                 return true;
               });
  // "kỳ đầu" is not a period: that row is reported (below), never passed on.
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[0].period, "2025-Q1");
  EXPECT_EQ(rows[0].row_number, 1);
  EXPECT_EQ(rows[1].period, "2025-03");
  EXPECT_EQ(rows[1].row_number, 2);
  EXPECT_EQ(rows[2].period, "2024-Q4");  // blank → the default
  EXPECT_EQ(rows[2].row_number, 3);
  std::vector<const Finding*> invalid;
  for (const Finding& finding : binding->findings) {
    if (finding.rule_id == "period.invalid") invalid.push_back(&finding);
  }
  ASSERT_EQ(invalid.size(), 1u);
  EXPECT_EQ(invalid[0]->raw, "kỳ đầu");
  EXPECT_EQ(invalid[0]->row, 4);  // the fourth data row (the blank one is not counted)
  EXPECT_EQ(invalid[0]->unit, "Sở Ngoại vụ");
  EXPECT_EQ(invalid[0]->pos.col_idx, 1);
}

// Issue 18: period cells that look like periods but are not ("2025-13": no
// month 13; "1899-01": before any report; "0001"; "abc") were passed on as
// written and stored as periods of their own. Each is an error at its cell,
// and its row is never passed on; a readable period beside them still is.
TEST(RowWalker, PeriodCellsThatAreNotPeriodsAreErrorsAtTheirCell) {
  BuiltTable table;
  add_part(table, {{"STT", "Tên đơn vị", "Kỳ báo cáo", "Số lượng phòng họp trực tuyến"}},
           {{"1", "Sở Y tế", "2025-13", "2"},
            {"2", "Sở Du lịch", "abc", "1"},
            {"3", "Sở Tư pháp", "2025-03", "1"},
            {"4", "Sở Ngoại vụ", "1899-01", "1"},
            {"5", "Sở Nội vụ", " 0001 ", "1"}},
           {7, 8, 9, 10, 11, 12});
  Result<TableBinding> binding = bind_table(hai_phong(), table.doc, table.layout);
  ASSERT_TRUE(binding.ok()) << binding.error().message;
  UnitMatcher units(hai_phong());
  std::vector<UnitRow> rows;
  for_each_row(hai_phong(), table.doc, table.layout, *binding, units, "2024-Q4", [&](UnitRow& row) {
    rows.push_back(row);
    return true;
  });
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].unit_name, "Sở Tư pháp");
  EXPECT_EQ(rows[0].period, "2025-03");

  struct Expected {
    const char* raw;
    int row;
    int source_row;
  };
  const Expected expected[] = {
      {"2025-13", 1, 8}, {"abc", 2, 9}, {"1899-01", 4, 11}, {"0001", 5, 12}};
  std::vector<Finding> invalid;
  for (const Finding& finding : binding->findings) {
    if (finding.rule_id == "period.invalid") invalid.push_back(finding);
  }
  ASSERT_EQ(invalid.size(), 4u);
  for (size_t idx = 0; idx < invalid.size(); ++idx) {
    SCOPED_TRACE(expected[idx].raw);
    EXPECT_EQ(invalid[idx].severity, Severity::error);
    EXPECT_EQ(invalid[idx].raw, expected[idx].raw);
    EXPECT_EQ(invalid[idx].row, expected[idx].row);
    EXPECT_EQ(invalid[idx].pos.table_idx, 1);
    EXPECT_EQ(invalid[idx].pos.row_idx, expected[idx].source_row);
    EXPECT_EQ(invalid[idx].pos.col_idx, 3);  // the period column
    EXPECT_NE(invalid[idx].message_vi.find("không phải một kỳ"), std::string::npos);
    EXPECT_NE(invalid[idx].message_en.find("is not a period"), std::string::npos);
  }
}

// Without an STT column a row is numbered by its place among the data rows
// of the whole table, every part counted: so is a period.invalid finding,
// the same number the row would have had.
TEST(RowWalker, AnInvalidPeriodInTheSecondPartIsNumberedAcrossParts) {
  BuiltTable table;
  add_part(table, {{"Kỳ báo cáo", "Tên đơn vị", "Số lượng phòng họp trực tuyến"}},
           {{"2025-Q1", "Sở Y tế", "2"}, {"", "", ""}, {"2025-Q1", "Sở Du lịch", "1"}});
  add_part(table, {{"Kỳ báo cáo", "Tên đơn vị", "Số lượng phòng họp trực tuyến"}},
           {{"2025-Q1", "Sở Tư pháp", "1"}, {"Quý V/2025", "Sở Ngoại vụ", "3"}});
  Result<TableBinding> binding = bind_table(hai_phong(), table.doc, table.layout);
  ASSERT_TRUE(binding.ok()) << binding.error().message;
  std::vector<const Finding*> invalid;
  for (const Finding& finding : binding->findings) {
    if (finding.rule_id == "period.invalid") invalid.push_back(&finding);
  }
  ASSERT_EQ(invalid.size(), 1u);
  EXPECT_EQ(invalid[0]->raw, "Quý V/2025");
  EXPECT_EQ(invalid[0]->row, 4);          // Y tế 1, Du lịch 2, Tư pháp 3, Ngoại vụ 4
  EXPECT_EQ(invalid[0]->pos.row_idx, 7);  // grid row 6 (two headers, a blank row), 1-based
  UnitMatcher units(hai_phong());
  int rows = 0;
  for_each_row(hai_phong(), table.doc, table.layout, *binding, units, "2024-Q4", [&](UnitRow& row) {
    EXPECT_NE(row.raw_name, "Sở Ngoại vụ");
    ++rows;
    return true;
  });
  EXPECT_EQ(rows, 3);
}

// Names are remembered with the name that followed them last time (a
// history repeats its units in order); a unit whose follower changes, a
// variant, an unknown name and the same name again are each still matched
// to their own unit.
TEST(RowWalker, UnitsInAChangingOrderAreEachMatched) {
  BuiltTable table;
  add_part(table, {{"Kỳ báo cáo", "Tên đơn vị", "Số lượng phòng họp trực tuyến"}},
           {{"2025-01", "Sở Y tế", "1"},
            {"2025-01", "Sở Du lịch", "2"},
            {"2025-01", "Sở Tư pháp", "3"},
            {"2025-02", "Sở Y tế", "4"},
            {"2025-02", "Sở Tư pháp", "5"},  // after Sở Y tế came Sở Du lịch last time
            {"2025-02", "Sở Du lịch", "6"},
            {"2025-03", "Sở Y tế", "7"},
            {"2025-03", "Sở Du Lịch", "8"},  // another spelling of Sở Du lịch
            {"2025-03", "Sở Không Có", "9"},
            {"2025-03", "Sở Y tế", "10"}});
  Result<TableBinding> binding = bind_table(hai_phong(), table.doc, table.layout);
  ASSERT_TRUE(binding.ok()) << binding.error().message;
  UnitMatcher units(hai_phong());
  std::vector<std::string> names;
  for_each_row(hai_phong(), table.doc, table.layout, *binding, units, "", [&](UnitRow& row) {
    names.push_back(row.unit_name);
    return true;
  });
  EXPECT_EQ(names, (std::vector<std::string>{"Sở Y tế", "Sở Du lịch", "Sở Tư pháp", "Sở Y tế",
                                             "Sở Tư pháp", "Sở Du lịch", "Sở Y tế", "Sở Du lịch",
                                             "", "Sở Y tế"}));
}

TEST(RowWalker, XlsxNumericCellsReadWithADot) {
  BuiltTable table;
  add_part(table, {{"STT", "Tên đơn vị", "Tỷ lệ DVHCC mức độ toàn trình/Tổng số DVHCC trực tuyến (%)",
                    "Tổng số dịch vụ hành chính công trực tuyến"}},
           {{"1", "Sở Công Thương", "74.05", "1.045"}, {"2", "Sở Du lịch", "74.05", "1.045"}});
  // Row 1's cells are true numbers; row 2's are the same text typed by hand.
  table.doc.grids[0].set_numeric(1, 2);
  table.doc.grids[0].set_numeric(1, 3);
  Result<TableBinding> binding = bind_table(hai_phong(), table.doc, table.layout);
  ASSERT_TRUE(binding.ok());
  UnitMatcher units(hai_phong());
  std::vector<UnitRow> rows;
  for_each_row(hai_phong(), table.doc, table.layout, *binding, units, "", [&](UnitRow& row) {
    rows.push_back(row);
    return true;
  });
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_DOUBLE_EQ(rows[0].values[code("online_full_pct")].number, 74.05);
  EXPECT_DOUBLE_EQ(rows[0].values[code("online_total")].number, 1.045);
  EXPECT_DOUBLE_EQ(rows[1].values[code("online_full_pct")].number, 74.05);
  EXPECT_DOUBLE_EQ(rows[1].values[code("online_total")].number, 1045);  // dot thousands
}

// ---- a second city's plan, no code change ----

TEST(SmallPlan, BindsAndReadsATable) {
  Result<Plan> plan = load_plan(std::string(CHISO_SOURCE_DIR) + "/tests/plan/fixtures/small-plan.toml");
  ASSERT_TRUE(plan.ok()) << plan.error().message;
  BuiltTable table;
  table.doc.path = "can-tho.tsv";
  add_part(table,
           {{"STT", "Cơ quan, đơn vị", "Hồ sơ", "", "Tỷ lệ đúng hạn (%)", "Tháng"},
            {"", "", "Tiếp nhận", "Đúng hạn", "", ""}},
           {{"1", "Sở Tư pháp", "1.200", "1.150", "95,8", "Tháng 3/2025"},
            {"2", "UBND quận Ninh Kieu", "300", "310", "103,3", "Tháng 3/2025"},
            {"3", "Ủy ban nhân dân quận Ninh Kiều", "80", "80", "100", "T4/2025"}});
  Result<TableBinding> binding = bind_table(*plan, table.doc, table.layout);
  ASSERT_TRUE(binding.ok()) << binding.error().message;
  EXPECT_TRUE(binding->findings.empty());
  const auto& columns = binding->parts[0].columns;
  EXPECT_EQ(columns[2].indicator_idx, 0);
  EXPECT_EQ(columns[3].indicator_idx, 1);
  EXPECT_EQ(columns[4].indicator_idx, 2);
  EXPECT_EQ(columns[5].role, ColumnRole::period);

  UnitMatcher units(*plan);
  std::vector<UnitRow> rows;
  for_each_row(*plan, table.doc, table.layout, *binding, units, "", [&](UnitRow& row) {
    rows.push_back(row);
    return true;
  });
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[0].unit_name, "Sở Tư pháp");
  EXPECT_EQ(rows[0].values[0].number, 1200);
  EXPECT_EQ(rows[0].values[1].number, 1150);
  EXPECT_DOUBLE_EQ(rows[0].values[2].number, 95.8);
  EXPECT_EQ(rows[0].period, "2025-03");
  EXPECT_EQ(rows[1].unit_name, "");  // "Kieu" without its tone is another word
  EXPECT_EQ(units.suggest(rows[1].raw_name), "UBND quận Ninh Kiều");
  EXPECT_EQ(rows[2].unit_name, "UBND quận Ninh Kiều");  // a variant
  EXPECT_EQ(rows[2].period, "2025-04");
}

}  // namespace
}  // namespace chiso

namespace chiso {
namespace {

// The same seed read by ingest (read_document + lay_out) binds the same way:
// the contract between the two stages.
TEST(SeedThroughIngest, BindsAndReadsLikeTheHandBuiltTable) {
  Result<Document> doc = read_document(std::string(CHISO_SOURCE_DIR) + "/samples/000_e41d2a91a7ebffff.txt");
  ASSERT_TRUE(doc.ok()) << doc.error().message;
  Result<TableLayout> layout = lay_out(*doc);
  ASSERT_TRUE(layout.ok()) << layout.error().message;
  Result<TableBinding> binding = bind_table(hai_phong(), *doc, *layout);
  ASSERT_TRUE(binding.ok()) << binding.error().message;
  for (const Finding& finding : binding->findings) {
    ADD_FAILURE() << finding.rule_id << ": " << finding.message_en;
  }
  std::vector<UnitRow> ingested;
  UnitMatcher units(hai_phong());
  for_each_row(hai_phong(), *doc, *layout, *binding, units, "2024-Q4", [&](UnitRow& row) {
    ingested.push_back(row);
    return true;
  });
  std::vector<UnitRow> by_hand = seed_rows();
  ASSERT_EQ(ingested.size(), 30u);
  ASSERT_EQ(by_hand.size(), 30u);
  for (size_t row_idx = 0; row_idx < 30; ++row_idx) {
    EXPECT_EQ(ingested[row_idx].row_number, static_cast<int>(row_idx) + 1);
    EXPECT_EQ(ingested[row_idx].unit_name, hai_phong().units[row_idx].name);
    for (size_t value_idx = 0; value_idx < 15; ++value_idx) {
      const Value& got = ingested[row_idx].values[value_idx];
      const Value& want = by_hand[row_idx].values[value_idx];
      EXPECT_EQ(got.state, want.state) << "row " << row_idx + 1 << " col " << value_idx + 3;
      EXPECT_EQ(got.number, want.number) << "row " << row_idx + 1 << " col " << value_idx + 3;
      EXPECT_EQ(got.raw, want.raw) << "row " << row_idx + 1 << " col " << value_idx + 3;
      EXPECT_EQ(got.pos.row_idx, want.pos.row_idx) << "row " << row_idx + 1;
      EXPECT_EQ(got.pos.col_idx, want.pos.col_idx) << "row " << row_idx + 1;
    }
  }
}

}  // namespace
}  // namespace chiso

namespace chiso {
namespace {

// The seed as Excel and Word files (written by tests/ingest/make_fixtures.py
// with openpyxl and python-docx) binds to the same values as the text file.
// Raw texts differ (Excel stores 1,5 as the number 1.5), states and numbers
// must not.
class SeedOtherFormats : public ::testing::TestWithParam<const char*> {};

TEST_P(SeedOtherFormats, ReadTheSameAsTheText) {
  const std::string out_dir = std::string(CHISO_BINARY_DIR) + "/plan-test-fixtures";
  static bool made = [&] {
    std::string command = "mkdir -p '" + out_dir + "' && /usr/bin/python3 '" + CHISO_SOURCE_DIR +
                          "/tests/ingest/make_fixtures.py' '" + CHISO_SOURCE_DIR +
                          "/samples/000_e41d2a91a7ebffff.txt' '" + out_dir + "'";
    return std::system(command.c_str()) == 0;
  }();
  if (!made) GTEST_SKIP() << "Debian's python3-openpyxl and python3-docx are needed";

  Result<Document> doc = read_document(out_dir + "/" + GetParam());
  ASSERT_TRUE(doc.ok()) << doc.error().message;
  Result<TableLayout> layout = lay_out(*doc);
  ASSERT_TRUE(layout.ok()) << layout.error().message;
  Result<TableBinding> binding = bind_table(hai_phong(), *doc, *layout);
  ASSERT_TRUE(binding.ok()) << binding.error().message;
  for (const Finding& finding : binding->findings) {
    ADD_FAILURE() << finding.rule_id << ": " << finding.message_en;
  }
  std::vector<UnitRow> rows;
  UnitMatcher units(hai_phong());
  for_each_row(hai_phong(), *doc, *layout, *binding, units, "2024-Q4", [&](UnitRow& row) {
    rows.push_back(row);
    return true;
  });
  std::vector<UnitRow> text_rows = seed_rows();
  ASSERT_EQ(rows.size(), 30u);
  for (size_t row_idx = 0; row_idx < 30; ++row_idx) {
    EXPECT_EQ(rows[row_idx].row_number, static_cast<int>(row_idx) + 1);
    EXPECT_EQ(rows[row_idx].unit_name, hai_phong().units[row_idx].name);
    for (size_t value_idx = 0; value_idx < 15; ++value_idx) {
      const Value& got = rows[row_idx].values[value_idx];
      const Value& want = text_rows[row_idx].values[value_idx];
      EXPECT_EQ(got.state, want.state) << "row " << row_idx + 1 << " col " << value_idx + 3
                                       << " raw '" << got.raw << "' vs '" << want.raw << "'";
      EXPECT_NEAR(got.number, want.number, 1e-9) << "row " << row_idx + 1 << " col " << value_idx + 3;
    }
  }
}

INSTANTIATE_TEST_SUITE_P(Plan, SeedOtherFormats, ::testing::Values("seed.xlsx", "seed.docx"));

}  // namespace
}  // namespace chiso
