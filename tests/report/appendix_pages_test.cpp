// How the appendix sits on its pages (DOCX and PDF): the notes under the
// table never stand alone on a page, cut from the table they explain (the
// seed's 15 footnotes); the columns are sized from their content, and STT is
// left out when it would repeat the rank (the PCI 2019 and PAR INDEX 2023
// rankings, whose published tables have no STT), kept otherwise. Expected
// values are read from the shipped plans and samples: the seed's last units
// in plan order, the longest province name of the PCI table.

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <zip.h>

#include <cstdio>
#include <filesystem>
#include <pugixml.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "common/text.h"
#include "consolidate/analysis.h"
#include "plan/plan.h"
#include "report/appendix.h"
#include "service/check_input.h"
#include "report/document_probe.h"

namespace chiso::report {
namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;
using report_test::run;
using report_test::zip_entry;
using report_test::pdf_pages;
using report_test::pdf_text;
using report_test::tokens;
using report_test::line_with;

const fs::path kOutDir = fs::path(CHISO_BINARY_DIR) / "test-output";

struct Loaded {
  Plan plan;
  CheckedTable table;
};

Loaded load(const std::string& plan_file, const std::string& sample, const std::string& period) {
  Result<Plan> plan = load_plan(std::string(CHISO_SOURCE_DIR) + "/plans/" + plan_file);
  EXPECT_TRUE(plan.ok()) << plan.error().message;
  Result<CheckedTable> table =
      service::check_file(*plan, std::string(CHISO_SOURCE_DIR) + "/samples/" + sample, period);
  EXPECT_TRUE(table.ok()) << table.error().message;
  return {std::move(*plan), std::move(*table)};
}

class AppendixPages : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { fs::create_directories(kOutDir); }
};

// ---- the notes stay with the table ----------------------------------------

// The seed published: 30 units, the city-wide row, then the plan's note, the
// italics note and 15 footnotes ("(*) …"). Whatever page the notes start on
// also holds rows of the table; the last page holds the last units in plan
// order (UBND quận Kiến An, UBND huyện Cát Hải), the city-wide row and the
// last footnote, under the repeated header. Plain, the table's last page had
// rows 29 and 30 already and its notes went on alone to a fourth page; with
// the written summary above the table, rows 17 to 30 and the city-wide row
// filled the third page to its foot, so the notes need rows moved to them.
class SeedNotesPages : public AppendixPages, public ::testing::WithParamInterface<bool> {};

TEST_P(SeedNotesPages, ShareTheirPageWithTheLastRows) {
  Loaded seed = load("hai-phong-197.toml", "000_e41d2a91a7ebffff.txt", "2024-Q4");
  AppendixOptions options;
  options.with_summary = GetParam();
  if (options.with_summary) options.summary_text = written_summary(seed.plan, seed.table, Lang::vi);
  const std::string name = GetParam() ? "appendix_pages_seed_summary" : "appendix_pages_seed";
  const std::string pdf = (kOutDir / (name + ".pdf")).string();
  ASSERT_TRUE(write_pdf(seed.plan, seed.table, options, pdf).ok());
  const int pages = pdf_pages(pdf);
  ASSERT_GE(pages, 2);
  for (int page = 1; page <= pages; ++page) {
    const std::string text = pdf_text(pdf, page, page);
    if (text.find("(*)") == std::string::npos && text.find("Ghi chú") == std::string::npos) continue;
    EXPECT_THAT(text, HasSubstr("Toàn thành phố")) << "notes without the table on page " << page;
  }
  const std::string last = pdf_text(pdf, pages, pages);
  EXPECT_THAT(last, HasSubstr("Tên đơn vị"));  // the header, repeated
  EXPECT_THAT(last, HasSubstr("UBND quận Kiến An"));
  EXPECT_THAT(last, HasSubstr("UBND huyện Cát Hải"));
  EXPECT_THAT(last, HasSubstr("Toàn thành phố"));
  EXPECT_THAT(last, HasSubstr("Thực hiện công khai"));  // the last footnote's indicator
  // The city-wide row follows the two units; the notes follow it.
  EXPECT_LT(last.find("UBND huyện Cát Hải"), last.find("Toàn thành phố"));
  EXPECT_LT(last.find("Toàn thành phố"), last.find("(*)"));
  // Row 30 is printed once: not lost nor doubled by the moved rows (the
  // name recurs in the footnotes, not at the start of a line).
  std::istringstream all(text::to_nfc(run("pdftotext -layout '" + pdf + "' -")));
  int rows_30 = 0;
  for (std::string line; std::getline(all, line);) {
    std::vector<std::string> words = tokens(line);
    if (words.size() > 5 && words[0] == "30" && words[1] == "UBND" && words[4] == "Hải") ++rows_30;
  }
  EXPECT_EQ(rows_30, 1);
  run("pdftoppm -r 60 -png -f " + std::to_string(pages) + " -l " + std::to_string(pages) + " '" +
      pdf + "' '" + (kOutDir / (name + "_last")).string() + "'");
}

INSTANTIATE_TEST_SUITE_P(PlainAndWithSummary, SeedNotesPages, ::testing::Bool());

// The same in the DOCX, for Word to paginate: every paragraph of the last
// three body rows (the two last units and the city-wide row) and of every
// note but the last keeps with the next; the rows before do not; no row
// splits.
TEST_F(AppendixPages, SeedDocxKeepsTheLastRowsWithTheNotes) {
  Loaded seed = load("hai-phong-197.toml", "000_e41d2a91a7ebffff.txt", "2024-Q4");
  const std::string path = (kOutDir / "appendix_pages_seed.docx").string();
  ASSERT_TRUE(write_docx(seed.plan, seed.table, AppendixOptions{}, path).ok());
  pugi::xml_document doc;
  const std::string xml = zip_entry(path, "word/document.xml");
  ASSERT_TRUE(doc.load_string(xml.c_str()));
  pugi::xml_node body = doc.child("w:document").child("w:body");
  pugi::xml_node table = body.child("w:tbl");
  std::vector<pugi::xml_node> rows;
  for (pugi::xml_node row : table.children("w:tr")) {
    EXPECT_TRUE(row.child("w:trPr").child("w:cantSplit"));
    if (!row.child("w:trPr").child("w:tblHeader")) rows.push_back(row);
  }
  ASSERT_EQ(rows.size(), 31u);  // the 30 units of 2024 and the city-wide row
  auto keeps = [](pugi::xml_node row) {
    int with = 0, without = 0;
    for (pugi::xpath_node paragraph : row.select_nodes(".//w:p")) {
      (paragraph.node().child("w:pPr").child("w:keepNext") ? with : without) += 1;
    }
    return with > 0 && without == 0;
  };
  for (size_t idx = 0; idx < rows.size(); ++idx) {
    EXPECT_EQ(keeps(rows[idx]), idx + 3 >= rows.size()) << "row " << idx;
  }
  std::vector<pugi::xml_node> notes;
  for (pugi::xml_node node = table.next_sibling("w:p"); node; node = node.next_sibling()) {
    if (std::string(node.name()) != "w:p" || node.select_nodes(".//w:t").empty()) break;
    notes.push_back(node);
  }
  ASSERT_GE(notes.size(), 16u);  // the plan's note and the 15 footnotes at least
  for (size_t idx = 0; idx < notes.size(); ++idx) {
    EXPECT_EQ(static_cast<bool>(notes[idx].child("w:pPr").child("w:keepNext")),
              idx + 1 < notes.size())
        << "note " << idx;
  }
}

// ---- rankings: no STT in rank order, columns sized from their content ----

// PCI 2019 in rank order 1…17 (samples/pci-2019.tsv): no STT; "Thành phố Hồ
// Chí Minh", its longest name (21 letters and spaces), on one line; the name
// column narrower than each figure's column.
TEST_F(AppendixPages, PciRankingHasNoSttAndANameColumnOfItsNames) {
  Loaded pci = load("pci-2019.toml", "pci-2019.tsv", "2019");
  Result<detail::AppendixLayout> layout = detail::lay_out_appendix(pci.plan, pci.table, {});
  ASSERT_TRUE(layout.ok());
  EXPECT_FALSE(layout->row_numbers);
  EXPECT_EQ(layout->columns, 4);  // Địa phương, Điểm số PCI, Xếp hạng, Nhóm xếp hạng
  for (const detail::HeaderCell& cell : layout->header) EXPECT_NE(cell.text, "STT");

  const std::string path = (kOutDir / "appendix_pages_pci.docx").string();
  ASSERT_TRUE(write_docx(pci.plan, pci.table, AppendixOptions{}, path).ok());
  pugi::xml_document doc;
  const std::string xml = zip_entry(path, "word/document.xml");
  ASSERT_TRUE(doc.load_string(xml.c_str()));
  std::vector<int> grid;
  for (pugi::xpath_node col : doc.select_nodes("//w:tbl[1]/w:tblGrid/w:gridCol")) {
    grid.push_back(col.node().attribute("w:w").as_int());
  }
  ASSERT_EQ(grid.size(), 4u);
  for (size_t col = 1; col < grid.size(); ++col) EXPECT_LT(grid[0], grid[col]) << col;
  // 21 characters of 11 pt Times New Roman need about 100 pt (2,000 twips);
  // the whole text width is 14,286 twips.
  EXPECT_GE(grid[0], 2000);
  EXPECT_LE(grid[0], 14286 / 4);

  const std::string pdf = (kOutDir / "appendix_pages_pci.pdf").string();
  ASSERT_TRUE(write_pdf(pci.plan, pci.table, AppendixOptions{}, pdf).ok());
  const std::string text = pdf_text(pdf, 1, 1);
  EXPECT_EQ(text.find("STT"), std::string::npos);
  EXPECT_THAT(tokens(line_with(text, "Quảng Ninh")),
              ::testing::ElementsAre("Quảng", "Ninh", "73,40", "1", "Rất", "tốt"));
  EXPECT_THAT(tokens(line_with(text, "Hồ Chí Minh")),
              ::testing::ElementsAre("Thành", "phố", "Hồ", "Chí", "Minh", "67,16", "14", "Tốt"));
  run("pdftoppm -r 60 -png -f 1 -l 1 '" + pdf + "' '" + (kOutDir / "appendix_pages_pci").string() +
      "'");
}

// PAR INDEX 2023 of the 17 ministries, ranked 1…17 in the table's order (the
// rank is its last column, the "Trung bình" row has none): no STT either.
TEST_F(AppendixPages, ParIndexRankingHasNoStt) {
  Loaded par = load("par-index-2023-bo.toml", "par-index-2023-bo.tsv", "2023");
  Result<detail::AppendixLayout> layout = detail::lay_out_appendix(par.plan, par.table, {});
  ASSERT_TRUE(layout.ok());
  EXPECT_FALSE(layout->row_numbers);
  ASSERT_FALSE(layout->rows.empty());
  EXPECT_EQ(layout->rows.front().cells.front().text, "Bộ Tư pháp");
}

// STT stays where it is no repeat: a tie (Đồng Tháp given rank 1 beside
// Quảng Ninh: 1, 1, 3, …), and the review variant, whose numbers are the
// rows as received that the findings refer to. The seed has no rank at all.
TEST_F(AppendixPages, SttStaysForATieTheReviewAndATableWithoutRanks) {
  Loaded pci = load("pci-2019.toml", "pci-2019.tsv", "2019");
  AppendixOptions review;
  review.variant = Variant::review;
  Result<detail::AppendixLayout> reviewed = detail::lay_out_appendix(pci.plan, pci.table, review);
  ASSERT_TRUE(reviewed.ok());
  EXPECT_TRUE(reviewed->row_numbers);
  EXPECT_EQ(reviewed->header.front().text, "STT");

  const int rank_idx = pci.plan.indicator_index("pci_rank");
  ASSERT_GE(rank_idx, 0);
  bool tied = false;
  for (UnitRow& row : pci.table.rows) {
    if (row.unit_name != "Đồng Tháp") continue;
    row.values[static_cast<size_t>(rank_idx)].number = 1;
    row.values[static_cast<size_t>(rank_idx)].raw = "1";
    tied = true;
  }
  ASSERT_TRUE(tied);
  Result<detail::AppendixLayout> tie = detail::lay_out_appendix(pci.plan, pci.table, {});
  ASSERT_TRUE(tie.ok());
  EXPECT_TRUE(tie->row_numbers);
  EXPECT_EQ(tie->columns, 5);
  EXPECT_EQ(tie->rows.front().cells.front().text, "1");
  EXPECT_EQ(tie->rows.front().cells[1].text, "Quảng Ninh");

  Loaded seed = load("hai-phong-197.toml", "000_e41d2a91a7ebffff.txt", "2024-Q4");
  Result<detail::AppendixLayout> plain = detail::lay_out_appendix(seed.plan, seed.table, {});
  ASSERT_TRUE(plain.ok());
  EXPECT_TRUE(plain->row_numbers);
  EXPECT_EQ(plain->header.front().text, "STT");
}

}  // namespace
}  // namespace chiso::report
