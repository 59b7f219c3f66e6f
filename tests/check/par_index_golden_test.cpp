// The golden test of a second real plan: the PAR INDEX 2023 of the 17
// ministries and ministerial-level agencies (plans/par-index-2023-bo.toml),
// on the table as the Government's portal published it
// (samples/par-index-2023-bo.tsv). Every expectation is worked out by hand
// from the published table:
//
//   rank unit                      appraisal survey total  index   parts' sum
//   1    Bộ Tư pháp                61,86     28,10  89,95  89,95   89,96 (0,01)
//   2    Ngân hàng Nhà nước VN     62,67     27,21  89,89  89,89   89,88 (0,01)
//   3    Bộ Tài chính              61,52     27,66  89,18  89,18   89,18
//   4    Bộ Nội vụ                 60,65     26,38  87,04  87,04   87,03 (0,01)
//   5    Bộ TN&MT                  61,15     25,85  87,01  87,01   87,00 (0,01)
//   6    Bộ NN&PTNT                60,25     26,17  86,41  86,41   86,42 (0,01)
//   7    Bộ Xây dựng               61,18     25,10  86,28  86,28   86,28
//   8    Bộ GTVT                   60,27     25,91  86,18  86,18   86,18
//   9    Bộ TT&TT                  60,50     25,33  85,83  85,83   85,83
//   10   Bộ LĐ-TB&XH               60,99     24,81  85,81  85,81   85,80 (0,01)
//   11   Bộ VH,TT&DL               58,10     25,47  83,56  83,56   83,57 (0,01)
//   12   Bộ GD&ĐT                  55,46     25,07  80,53  80,53   80,53
//   13   Bộ KH&CN                  56,49     23,88  80,38  80,38   80,37 (0,01)
//   14   Bộ KH&ĐT                  54,59     25,48  80,07  80,07   80,07
//   15   Bộ Y Tế                   55,81     23,99  79,80  79,80   79,80
//   16   Bộ Ngoại giao             52,12     26,35  78,48  78,48   78,47 (0,01)
//   17   Bộ Công Thương            54,21     23,82  78,03  78,03   78,03
//        Trung bình                                        84,38
//
// Nine totals miss the sum of their printed parts by 0,01: each part is
// printed rounded to 2 decimals (±0,005), so the sum of two may be 0,01 off,
// and none of them is an error. The indices fall strictly from row to row, so
// the ranks 1–17 follow them. Sums: appraisal 997,82 (mean 58,695), survey
// 436,58 (mean 25,681), index 1.434,43 (mean 84,378, printed 84,38: the
// "Trung bình" row agrees).
#include <gtest/gtest.h>

#include <cmath>
#include <fstream>
#include <set>
#include <sstream>
#include <string>
#include <tuple>

#include "check/checker.h"
#include "check/shipped_plan.h"
#include "plan/plan.h"
#include "service/check_input.h"

namespace chiso::check {
namespace {

const std::string kSample = std::string(CHISO_SOURCE_DIR) + "/samples/par-index-2023-bo.tsv";

const Plan& par_plan() { return testing::shipped_plan("par-index-2023-bo.toml"); }

double summary_of(const CheckedTable& table, const std::string& code) {
  const int idx = par_plan().indicator_index(code);
  if (idx < 0 || static_cast<size_t>(idx) >= table.summary.size() ||
      !table.summary[static_cast<size_t>(idx)].value) {
    ADD_FAILURE() << "no figure for all units of " << code;
    return -1;
  }
  return *table.summary[static_cast<size_t>(idx)].value;
}

TEST(ParIndexGolden, TheSeventeenUnitsAsPublished) {
  auto checked = service::check_file(par_plan(), kSample, "2023");
  ASSERT_TRUE(checked.ok()) << checked.error().message;
  ASSERT_EQ(checked->rows.size(), 17u);
  EXPECT_EQ(checked->rows[0].unit_name, "Bộ Tư pháp");
  EXPECT_EQ(checked->rows[1].unit_name, "Ngân hàng Nhà nước Việt Nam");
  EXPECT_EQ(checked->rows[14].raw_name, "Bộ Y Tế");  // printed with a capital T
  EXPECT_EQ(checked->rows[14].unit_name, "Bộ Y tế");
  EXPECT_EQ(checked->rows[16].unit_name, "Bộ Công Thương");
  for (const UnitRow& row : checked->rows) EXPECT_FALSE(row.unit_name.empty()) << row.raw_name;
}

TEST(ParIndexGolden, NoErrorInThePublishedTableAndTheAverageRowIsRead) {
  auto checked = service::check_file(par_plan(), kSample, "2023");
  ASSERT_TRUE(checked.ok()) << checked.error().message;
  std::vector<const Finding*> notes;
  for (const Finding& finding : checked->findings) {
    EXPECT_EQ(finding.severity, Severity::info)
        << finding.rule_id << " at " << finding.unit << ": " << finding.message_en;
    if (finding.rule_id == "total.row") notes.push_back(&finding);
  }
  // "Trung bình" written across the rank and name columns, its one figure in
  // the last column: a total row, compared and not stored.
  ASSERT_EQ(notes.size(), 1u);
  EXPECT_EQ(notes[0]->raw, "Trung bình");
  EXPECT_EQ(notes[0]->pos.row_idx, 21);  // title, blank line, header, 17 rows
  EXPECT_EQ(notes[0]->pos.col_idx, 1);
  EXPECT_NEAR(summary_of(*checked, "appraisal"), 997.82 / 17, 1e-6);
  EXPECT_NEAR(summary_of(*checked, "survey"), 436.58 / 17, 1e-6);
  EXPECT_NEAR(summary_of(*checked, "par_index"), 1434.43 / 17, 1e-6);
  const int rank_idx = par_plan().indicator_index("par_rank");
  ASSERT_GE(rank_idx, 0);
  EXPECT_FALSE(checked->summary[static_cast<size_t>(rank_idx)].value) << "a mean rank means nothing";
}

TEST(ParIndexGolden, WhatAWrongFigureInTheSameTableGives) {
  // The published table with four slips, each worked out by hand:
  // - Bộ Tư pháp's appraisal 61,96: 61,96 + 28,10 = 90,06 against the total
  //   89,95, 0,11 off, beyond the parts' rounding (0,015);
  // - Bộ Tài chính's index 89,81 against its total 89,18;
  // - Bộ TN&MT ranked 7: by its index 87,01 it is 5th;
  // - so the average of the indices is (1.434,43 − 89,18 + 89,81) / 17 =
  //   84,415, printed 84,38 in the "Trung bình" row.
  std::ifstream in(kSample);
  std::stringstream text;
  text << in.rdbuf();
  std::string table = text.str();
  auto replace = [&table](const std::string& from, const std::string& to) {
    const size_t at = table.find(from);
    ASSERT_NE(at, std::string::npos) << from;
    table.replace(at, from.size(), to);
  };
  replace("Bộ Tư pháp\t61.86", "Bộ Tư pháp\t61.96");
  replace("27.66\t89.18\t89.18", "27.66\t89.18\t89.81");
  replace("5\tBộ Tài nguyên", "7\tBộ Tài nguyên");
  const std::string path = ::testing::TempDir() + "par-index-2023-bo-wrong.tsv";
  std::ofstream(path) << table;
  auto checked = service::check_file(par_plan(), path, "2023");
  ASSERT_TRUE(checked.ok()) << checked.error().message;
  using Key = std::tuple<std::string, std::string, std::string, std::string>;  // rule, unit, indicator, expected
  std::set<Key> expected = {
      {"index.mismatch", "Bộ Tư pháp", "total_points", "90.06"},
      {"index.mismatch", "Bộ Tài chính", "par_index", "89.18"},
      {"rank.mismatch", "Bộ Tài nguyên và Môi trường", "par_rank", "5"},
      {"total.mismatch", "Trung bình", "par_index", "84.42"},
  };
  std::set<Key> actual;
  for (const Finding& finding : checked->findings) {
    if (finding.severity == Severity::info) continue;
    actual.emplace(finding.rule_id, finding.unit, finding.indicator, finding.expected);
  }
  EXPECT_EQ(actual, expected);
}

TEST(ParIndexGolden, AUnitWithOneFigureIsStillAUnitRow) {
  // A row with a name and a single figure (no rank, no row number), right
  // after the table's rows: read as the unit's row with its other cells
  // blank, not dropped with the layout's lines.
  std::ifstream in(kSample);
  std::stringstream text;
  text << in.rdbuf();
  std::string table = text.str();
  const size_t average = table.find("Trung bình");
  ASSERT_NE(average, std::string::npos);
  table.insert(average, "\tBộ Quốc phòng\t\t\t\t90.00\n");
  const std::string path = ::testing::TempDir() + "par-index-2023-bo-one-figure.tsv";
  std::ofstream(path) << table;
  auto checked = service::check_file(par_plan(), path, "2023");
  ASSERT_TRUE(checked.ok()) << checked.error().message;
  ASSERT_EQ(checked->rows.size(), 18u);
  const UnitRow& added = checked->rows[17];
  EXPECT_EQ(added.raw_name, "Bộ Quốc phòng");
  const int index_idx = par_plan().indicator_index("par_index");
  ASSERT_GE(index_idx, 0);
  EXPECT_EQ(added.values[static_cast<size_t>(index_idx)].number, 90.0);
  // Not one of the plan's 17: said, at its row.
  bool unknown = false;
  for (const Finding& finding : checked->findings) {
    unknown = unknown || (finding.rule_id == "unit.unknown" && finding.raw == "Bộ Quốc phòng");
  }
  EXPECT_TRUE(unknown);
}

}  // namespace
}  // namespace chiso::check
