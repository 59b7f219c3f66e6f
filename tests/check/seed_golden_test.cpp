// The golden test of the seed: service::check_file() (the service layer, the way every command takes) on the real appendix table
// (samples/000_e41d2a91a7ebffff.txt, the shared seed under its real name)
// must give exactly the findings and city-wide figures worked out BY HAND
// from the table below. Every row's arithmetic, in the seed's order
// (total, full, full %, partial, partial %):
//
//   1  49  49 100   0 0      49+0=49 ✓  100 ✓  0 ✓
//   2 140  76  93  64 5      76+64=140 ✓  76/140=54,29 ≠ 93 ✗  64/140=45,71 ≠ 5 ✗
//   3  26  17  65   9 35     ✓  17/26=65,38 → 65 truncated ✓  9/26=34,62 → 35 rounded ✓
//   4 158 117 74,05 41 25,95 ✓  74,05 ✓  25,95 ✓
//   5  96  57 59,4 37 40,6   57+37=94 ≠ 96 ✗ (shares not checked: counts inconsistent;
//                            59,4 fits 57/96=59,375, 40,6 fits 39/96=40,625 → partial likely 39)
//   6  73  70  96   3 4,1    ✓  70/73=95,89 → 96 ✓  3/73=4,11 → 4,1 ✓
//   7   0   0   0   0 0      zero total, typed 0 → no finding
//   8 170 137 80,5 33 19,4   ✓  137/170=80,588 → 80,5 truncated ✓  33/170=19,41 ✓
//   9  (no online figures)   nothing to check
//  10  93  77  81  16 18     ✓  77/93=82,80 ≠ 81 ✗ (83 rounded, 82 truncated, 1,8 away)
//                            16/93=17,20 ≠ 18 ✗ (0,8 away; digit typo hint needs > 2 points)
//  11 133  94 70,68 39 39,32 ✓  94/133=70,68 ✓  39/133=29,32 ≠ 39,32 ✗ digit typo
//  12   1   4 100   0 0      4+0=4 ≠ 1 ✗ (shares fit 4 of 4 → total likely 4); 4 > 1 ✗
//  13 147 147 100   0 0      ✓
//  14  54  38 70,37 16 29,63 ✓  38/54=70,37 ✓  16/54=29,63 ✓
//  15  54  54 100   0 0      ✓; first-time-valid `86-96` is not a number ✗
//  16 150 150 100   0 0      ✓
//  17 117  21 83,9 96 16,1   21+96=117 ✓  21/117=17,95 ≠ 83,9 ✗  96/117=82,05 ≠ 16,1 ✗
//                            (each typed share is within 1,85 of the other's: swapped)
//  18  89  11 12,4 78 87,6   ✓  11/89=12,36 ✓  78/89=87,64 ✓
//  19   5   1  20   4 80     ✓
//  20 196 174 88,78 22 11,22 ✓  88,776 ✓  11,224 ✓
//  21 345 108 31,3 237 68,7  ✓  31,304 ✓  68,696 ✓
//  22 255 182  71  73 29     ✓  71,37 → 71 truncated ✓  28,63 → 29 rounded ✓
//  23 207 184 88,9 23 11,1   ✓  88,89 ✓  11,11 ✓
//  24 174 152 87,4 22 12,6   ✓  87,36 ✓  12,64 ✓
//  25 244 183  75  61 25     ✓  75 ✓  25 ✓
//  26 212 189 89,15 23 10,85 ✓  89,151 ✓  10,849 ✓
//  27 223 200  90  23 10     ✓  89,69 → 90 rounded ✓  10,31 → 10 truncated ✓
//  28 255 183 71,8 72 28,2   ✓  71,76 ✓  28,24 ✓
//  29 255 183  72  72 28     ✓  71,76 → 72 ✓  28,24 → 28 ✓
//  30 269 186  69  71 26     186+71=257 ≠ 269 ✗ (no single-digit slip gives 269, 198 or 83)
//
// Other checks: no negative value, every percent in 0–100, meeting rooms `x`
// with 1–15 rooms and `0` with 0 rooms (rows 5, 16), days cut only where
// procedures were cut (rows 14, 19, 24 have 0 and 0), every unit registered
// and listed once.
#include <gtest/gtest.h>

#include <algorithm>
#include <set>
#include <string>
#include <tuple>

#include "service/check_input.h"
#include "check/check_test_support.h"
#include "check/checker.h"

namespace chiso::check {
namespace {

using testing::shipped_plan;

const std::string kSeed = std::string(CHISO_SOURCE_DIR) + "/samples/000_e41d2a91a7ebffff.txt";

const CheckedTable& seed_table() {
  static const CheckedTable table = [] {
    auto checked = service::check_file(shipped_plan(), kSeed, "2024-Q4");
    if (!checked.ok()) {
      ADD_FAILURE() << checked.error().message;
      return CheckedTable{};
    }
    return std::move(checked.value());
  }();
  return table;
}

const Finding* find(int row, const std::string& rule_id) {
  for (const Finding& finding : seed_table().findings) {
    if (finding.row == row && finding.rule_id == rule_id) return &finding;
  }
  return nullptr;
}

double summary_of(const std::string& code) {
  int idx = shipped_plan().indicator_index(code);
  EXPECT_GE(idx, 0) << code;
  const auto& summary = seed_table().summary;
  if (idx < 0 || static_cast<size_t>(idx) >= summary.size() || !summary[static_cast<size_t>(idx)].value) {
    ADD_FAILURE() << "no city-wide value for " << code;
    return -1;
  }
  return *summary[static_cast<size_t>(idx)].value;
}

const SummaryValue& summary_entry(const std::string& code) {
  static const SummaryValue none;
  int idx = shipped_plan().indicator_index(code);
  if (idx < 0 || static_cast<size_t>(idx) >= seed_table().summary.size()) return none;
  return seed_table().summary[static_cast<size_t>(idx)];
}

TEST(SeedGoldenTest, ThirtyRegisteredUnitsInOrder) {
  const CheckedTable& table = seed_table();
  ASSERT_EQ(table.rows.size(), 30u);
  for (size_t row_idx = 0; row_idx < table.rows.size(); ++row_idx) {
    EXPECT_EQ(table.rows[row_idx].row_number, static_cast<int>(row_idx) + 1);
    EXPECT_FALSE(table.rows[row_idx].unit_name.empty()) << table.rows[row_idx].raw_name;
  }
  EXPECT_EQ(table.rows[10].unit_name, "Sở Giao thông vận tải");
  EXPECT_EQ(table.period, "2024-Q4");
  ASSERT_FALSE(table.title_lines.empty());
  EXPECT_EQ(table.title_lines[0], "PHỤ LỤC 2");
  ASSERT_EQ(table.note_lines.size(), 1u);
  EXPECT_EQ(table.note_lines[0].rfind("Ghi chú:", 0), 0u);
}

TEST(SeedGoldenTest, ExactlyTheErrorsAndWarningsWorkedByHand) {
  using Key = std::tuple<int, std::string, std::string, std::string>;  // row, rule, indicator, expected
  std::set<Key> expected = {
      {2, "online.full_pct_agrees", "online_full_pct", "54.29"},         // 100·76/140
      {2, "online.partial_pct_agrees", "online_partial_pct", "45.71"},   // 100·64/140
      {5, "online.parts_sum", "online_total", "94"},                     // 57 + 37
      {10, "online.full_pct_agrees", "online_full_pct", "82.8"},         // 100·77/93 = 82,796
      {10, "online.partial_pct_agrees", "online_partial_pct", "17.2"},   // 100·16/93 = 17,204
      {11, "online.partial_pct_agrees", "online_partial_pct", "29.32"},  // 100·39/133
      {12, "online.parts_sum", "online_total", "4"},                     // 4 + 0
      {12, "online.part_exceeds_total", "online_total", ""},             // 4 > 1
      {15, "value.not_number", "first_time_valid_pct", ""},              // `86-96`
      {17, "online.full_pct_agrees", "online_full_pct", "17.95"},        // 100·21/117
      {17, "online.partial_pct_agrees", "online_partial_pct", "82.05"},  // 100·96/117
      {30, "online.parts_sum", "online_total", "257"},                   // 186 + 71
  };
  std::set<Key> actual;
  for (const Finding& finding : seed_table().findings) {
    if (finding.severity == Severity::info) continue;
    EXPECT_EQ(finding.severity, Severity::error) << finding.rule_id << " row " << finding.row;
    actual.emplace(finding.row, finding.rule_id, finding.indicator, finding.expected);
  }
  EXPECT_EQ(actual, expected);
}

TEST(SeedGoldenTest, RawValuesAndPositions) {
  const Finding* range = find(15, "value.not_number");
  ASSERT_NE(range, nullptr);
  EXPECT_EQ(range->raw, "86-96");
  EXPECT_EQ(range->unit, "Sở Khoa học và Công nghệ");
  EXPECT_EQ(range->file, kSeed);
  EXPECT_EQ(range->period, "2024-Q4");
  EXPECT_EQ(range->pos.col_idx, 11);  // the 11th column of the line
  EXPECT_GT(range->pos.row_idx, 0);
  const Finding* police = find(2, "online.full_pct_agrees");
  ASSERT_NE(police, nullptr);
  EXPECT_EQ(police->raw, "93");
  EXPECT_EQ(police->unit, "Công an thành phố");
  EXPECT_EQ(police->message_vi, "Tỷ lệ toàn trình ghi 93 %, nhưng theo số dịch vụ là 76 / 140 = 54,29 %.");
  const Finding* transport = find(11, "online.partial_pct_agrees");
  ASSERT_NE(transport, nullptr);
  EXPECT_EQ(transport->raw, "39,32");
}

TEST(SeedGoldenTest, HintsWhereTheCorrectionIsVisible) {
  const Finding* culture = find(5, "online.parts_sum");
  ASSERT_NE(culture, nullptr);
  EXPECT_EQ(culture->hint_vi, "Tổng số và tỷ lệ đã ghi khớp nhau: có lẽ số dịch vụ một phần đúng là 39 (đã ghi 37).");
  const Finding* foreign = find(12, "online.parts_sum");
  ASSERT_NE(foreign, nullptr);
  EXPECT_EQ(foreign->hint_en, "Both typed shares fit 4 and 0 out of 4: the total is likely 4.");
  const Finding* transport = find(11, "online.partial_pct_agrees");
  ASSERT_NE(transport, nullptr);
  EXPECT_EQ(transport->hint_vi,
            "Có lẽ gõ nhầm một chữ số: 39,32 thay vì 29,32 (= 100 − 70,68, phần bù của tỷ lệ toàn trình).");
  for (const char* rule : {"online.full_pct_agrees", "online.partial_pct_agrees"}) {
    const Finding* environment = find(17, rule);
    ASSERT_NE(environment, nullptr);
    EXPECT_NE(environment->hint_en.find("seem swapped"), std::string::npos) << rule;
  }
  // No visible correction: rows 2, 10 and 30.
  for (auto [row, rule] : std::vector<std::pair<int, std::string>>{{2, "online.full_pct_agrees"},
                                                                  {2, "online.partial_pct_agrees"},
                                                                  {10, "online.full_pct_agrees"},
                                                                  {10, "online.partial_pct_agrees"},
                                                                  {30, "online.parts_sum"}}) {
    const Finding* finding = find(row, rule);
    ASSERT_NE(finding, nullptr);
    EXPECT_EQ(finding->hint_vi, "") << row << " " << rule;
  }
}

TEST(SeedGoldenTest, BlankCellsAreInfo) {
  // Blank cells, counted by hand row by row: 1: 2 (first-time-valid,
  // commitments); 2: 3; 3–5: 1 each (AI); 6: 5; 7: 2; 8: 1; 9: 6 (the five
  // online cells and AI); 10: 1; 11: 0; 12: 2; 13: 3; 14: 1 (licence model);
  // 15: 2; 16: 1; 17: 2; 18: 1; 19: 3; 20: 3; 21–26: 1 each; 27: 2; 28–30: 1
  // each. 2+3+3+5+2+1+6+1+0+2+3+1+2+1+2+1+3+3+6+2+3 = 52.
  int missing = 0;
  for (const Finding& finding : seed_table().findings) {
    if (finding.rule_id == "value.missing") {
      EXPECT_EQ(finding.severity, Severity::info);
      ++missing;
    }
  }
  EXPECT_EQ(missing, 52);
  EXPECT_NE(find(9, "value.missing"), nullptr);
  EXPECT_EQ(find(11, "value.missing"), nullptr);
}

TEST(SeedGoldenTest, CityWideFiguresWorkedByHand) {
  // Σ procedures cut over the 27 units that reported it (rows 2, 6, 20 blank):
  // 66+10+100+13+3+2+3+5+5+1+145+0+3+2+5+89+0+65+2+3+0+23+9+21+4+3+4 = 586.
  EXPECT_DOUBLE_EQ(summary_of("tthc_shortened"), 586);
  EXPECT_EQ(summary_entry("tthc_shortened").units_reporting, 27);
  // Average days weighted by procedures, over the 26 units with both (row 15
  // has no days): Σ days·procedures = 1,5·66 + 2,8·10 + 5·100 + 1,5·13 + 7,4·3
  // + 2·2 + 3·3 + 2,4·5 + 3·5 + 7·1 + 0,8·145 + 2·2 + 1·5 + 10·89 + 3·65 + 1·2
  // + 0,5·3 + 0,5·23 + 1·9 + 1·21 + 0,5·4 + 1·3 + 6·4 = 1999,7; Σ procedures
  // = 586 − 3 = 583; 1999,7 / 583 = 3,4300…
  EXPECT_NEAR(summary_of("days_shortened_avg"), 1999.7 / 583, 1e-9);
  EXPECT_EQ(summary_entry("days_shortened_avg").units_reporting, 26);
  // Σ online services over the 29 units reporting (row 9 blank):
  // 49+140+26+158+96+73+0+170+93+133+1+147+54+54+150+117+89+5+196+345+255
  // +207+174+244+212+223+255+255+269 = 4190.
  EXPECT_DOUBLE_EQ(summary_of("online_total"), 4190);
  EXPECT_EQ(summary_entry("online_total").units_reporting, 29);
  // 49+76+17+117+57+70+0+137+77+94+4+147+38+54+150+21+11+1+174+108+182+184
  // +152+183+189+200+183+183+186 = 3044.
  EXPECT_DOUBLE_EQ(summary_of("online_full"), 3044);
  // 0+64+9+41+37+3+0+33+16+39+0+0+16+0+0+96+78+4+22+237+73+23+22+61+23+23+72
  // +72+71 = 1135.
  EXPECT_DOUBLE_EQ(summary_of("online_partial"), 1135);
  // Shares: ratios of the sums over the same 29 units: 100·3044/4190 =
  // 72,649…; 100·1135/4190 = 27,088… (not the mean of the typed shares).
  EXPECT_NEAR(summary_of("online_full_pct"), 100.0 * 3044 / 4190, 1e-9);
  EXPECT_NEAR(summary_of("online_partial_pct"), 100.0 * 1135 / 4190, 1e-9);
  EXPECT_EQ(summary_entry("online_full_pct").units_reporting, 29);
  // Cashless: mean over the 29 units reporting (row 17 blank): Σ = 100+5+100
  // +88,5+100+0+100+0+92+54,6+99+0+100+100+100+6,3+100+0+0+30+0+45,77+99,9+0
  // +58,3+80+0+70+92 = 1621,37; / 29 = 55,909…
  EXPECT_NEAR(summary_of("cashless_pct"), 1621.37 / 29, 1e-9);
  EXPECT_EQ(summary_entry("cashless_pct").units_reporting, 29);
  // First-time-valid: row 1 blank and row 15 `86-96` left out, 28 units:
  // Σ = 95+100+99+99,71+98,79+99,67+100+100+100+100+100+96+98+100+98,9+82+100
  // +99,9+100+100+100+97+98+96,1+98+99,5+99+98 = 2752,57; / 28 = 98,306…
  EXPECT_NEAR(summary_of("first_time_valid_pct"), 2752.57 / 28, 1e-9);
  EXPECT_EQ(summary_entry("first_time_valid_pct").units_reporting, 28);
  // Meeting rooms: 2+15+1+1+0+2+4+1+2+1+2+1+3+3+5+0+2+2+1+1+1+2+2+3+1+2+1+2+3+2 = 68.
  EXPECT_DOUBLE_EQ(summary_of("meeting_room_count"), 68);
  // Marks: `0` in rows 5 and 16, `x` elsewhere.
  EXPECT_EQ(summary_entry("meeting_room_has").yes, 28);
  EXPECT_EQ(summary_entry("meeting_room_has").no, 2);
  EXPECT_EQ(summary_entry("meeting_room_has").blank, 0);
  // DDCI: blank in rows 6, 7, 13.
  EXPECT_EQ(summary_entry("ddci_connected").yes, 27);
  EXPECT_EQ(summary_entry("ddci_connected").blank, 3);
  // AI answering: `x` in rows 1, 11, 14 only.
  EXPECT_EQ(summary_entry("ai_answering").yes, 3);
  EXPECT_EQ(summary_entry("ai_answering").blank, 27);
  // Licence model: `0` in rows 6, 12; blank in rows 14, 19.
  EXPECT_EQ(summary_entry("licence_model").yes, 26);
  EXPECT_EQ(summary_entry("licence_model").no, 2);
  EXPECT_EQ(summary_entry("licence_model").blank, 2);
  // Commitments: `x` in rows 2, 5, 8, 11, 15, 24; blank in 1, 6, 12, 13, 19, 27.
  EXPECT_EQ(summary_entry("commitments_published").yes, 6);
  EXPECT_EQ(summary_entry("commitments_published").blank, 6);
  EXPECT_EQ(summary_entry("commitments_published").no, 18);
}

}  // namespace
}  // namespace chiso::check
