// Charts and targets in the DOCX/PDF appendix (issue 3: "Charts … PNG or
// vector in DOCX/PDF"; "reports then show which units meet [targets] and how
// many do"). The rows are copied by hand from the seed (rows 1, 4 and 15) plus
// one unregistered unit, as in appendix_test.cpp; the plan is the test copy
// with targets, tests/consolidate/fixtures/plan-with-targets.toml (its
// indicators and units are those of plans/hai-phong-197.toml: 30 units, 15
// departments, 11 districts, 4 agencies). Expected counts are worked out by
// hand in the comments. Chart pages are rendered to CHISO_BINARY_DIR/test-output.

#include <cstdio>
#include <filesystem>
#include <sstream>
#include <string>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <pugixml.hpp>
#include <zip.h>

#include "common/text.h"
#include "plan/plan.h"
#include "report/appendix.h"
#include "report/document_probe.h"

namespace chiso::report {
namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;
using report_test::run;
using report_test::pdf_pages;
using report_test::pdf_text;
using report_test::zip_names;
using report_test::zip_entry;
using ::testing::Not;

const fs::path kOutDir = fs::path(CHISO_BINARY_DIR) / "test-output";

Value number_cell(const std::string& raw, double number) {
  Value value;
  value.raw = raw;
  value.state = ValueState::number;
  value.number = number;
  return value;
}
Value text_cell(const std::string& raw) {
  Value value;
  value.raw = raw;
  value.state = raw.empty() ? ValueState::blank : ValueState::text;
  return value;
}

// Big-endian width and height from a PNG's IHDR.
std::pair<int, int> png_dimensions(const std::string& png) {
  if (png.size() < 24 || png.compare(1, 3, "PNG") != 0) return {0, 0};
  auto be32 = [&](size_t at) {
    return (static_cast<unsigned char>(png[at]) << 24) | (static_cast<unsigned char>(png[at + 1]) << 16) |
           (static_cast<unsigned char>(png[at + 2]) << 8) | static_cast<unsigned char>(png[at + 3]);
  };
  return {static_cast<int>(be32(16)), static_cast<int>(be32(20))};
}

class AppendixChartsTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { fs::create_directories(kOutDir); }

  void SetUp() override {
    Result<Plan> loaded = load_plan(std::string(CHISO_SOURCE_DIR) +
                                    "/tests/consolidate/fixtures/plan-with-targets.toml");
    ASSERT_TRUE(loaded.ok()) << loaded.error().message;
    plan_ = std::move(loaded).value();
    ASSERT_EQ(plan_.units.size(), 30u);
    ASSERT_EQ(plan_.targets.size(), 3u);
    table_.period = "2024-Q4";
    // Only the percent columns matter here (seed rows 15, 4, 1, and one
    // unregistered unit), in table order 15, 31, 4, 1.
    add_row(15, "Sở Khoa học và Công nghệ", "Sở Khoa học và Công nghệ",
            number_cell("100", 100), number_cell("100", 100), text_cell("86-96"));
    add_row(31, "UBND huyện Bạch Long Vĩ", "", number_cell("95,69", 95.69),
            number_cell("12,5", 12.5), number_cell("100", 100));
    add_row(4, "Sở Công Thương", "Sở Công Thương", number_cell("74,05", 74.05),
            number_cell("88,5", 88.5), number_cell("99", 99));
    add_row(1, "Sở Kế hoạch và Đầu tư", "Sở Kế hoạch và Đầu tư", number_cell("100", 100),
            number_cell("100", 100), text_cell(""));
    // City-wide by hand: full share 122000/1306 = 93,415… (as in
    // appendix_test.cpp), cashless mean 301/4 = 75,25, first-time mean 99,5.
    table_.summary.resize(plan_.indicators.size());
    table_.summary[idx("online_full_pct")].value = 122000.0 / 1306;
    table_.summary[idx("online_full_pct")].units_reporting = 4;
    table_.summary[idx("cashless_pct")].value = 75.25;
    table_.summary[idx("cashless_pct")].units_reporting = 4;
    table_.summary[idx("first_time_valid_pct")].value = 99.5;
    table_.summary[idx("first_time_valid_pct")].units_reporting = 2;
  }

  size_t idx(const std::string& code) const {
    return static_cast<size_t>(plan_.indicator_index(code));
  }

  void add_row(int number, const std::string& raw, const std::string& unit, Value full,
               Value cashless, Value first_time) {
    UnitRow row;
    row.row_number = number;
    row.raw_name = raw;
    row.unit_name = unit;
    row.values.resize(plan_.indicators.size());
    row.values[idx("online_full_pct")] = full;
    row.values[idx("cashless_pct")] = cashless;
    row.values[idx("first_time_valid_pct")] = first_time;
    table_.rows.push_back(row);
  }

  Plan plan_;
  CheckedTable table_;
};

// ---- which charts --------------------------------------------------------

TEST_F(AppendixChartsTest, WithChartsTakesThePercentRatioAndMeanIndicators) {
  AppendixOptions options;
  options.charts = {"cashless_pct"};
  options.with_charts = true;
  // The plan's percent indicators: online_full_pct and online_partial_pct
  // (ratio), cashless_pct and first_time_valid_pct (mean); --chart first, no repeat.
  EXPECT_EQ(detail::chart_codes(plan_, options),
            (std::vector<std::string>{"cashless_pct", "online_full_pct", "online_partial_pct",
                                      "first_time_valid_pct"}));
  options.with_charts = false;
  EXPECT_EQ(detail::chart_codes(plan_, options), (std::vector<std::string>{"cashless_pct"}));
}

TEST_F(AppendixChartsTest, ChartPagesInTheLayout) {
  AppendixOptions options;
  options.charts = {"online_full_pct"};
  Result<detail::AppendixLayout> layout = detail::lay_out_appendix(plan_, table_, options);
  ASSERT_TRUE(layout.ok()) << layout.error().message;
  ASSERT_EQ(layout->charts.size(), 1u);
  EXPECT_EQ(layout->charts[0].heading,
            "Biểu đồ: Tỷ lệ DVHCC mức độ toàn trình/Tổng số DVHCC trực tuyến (%)");
  options.lang = Lang::en;
  layout = detail::lay_out_appendix(plan_, table_, options);
  ASSERT_TRUE(layout.ok());
  EXPECT_EQ(layout->charts[0].heading, "Chart: Full-process share of online services (%)");
}

TEST_F(AppendixChartsTest, UnknownOrMarkChartIsAnErrorNamingIt) {
  for (const char* bad : {"khong_co_chi_tieu", "meeting_room_has"}) {
    AppendixOptions options;
    options.charts = {bad};
    Result<detail::AppendixLayout> layout = detail::lay_out_appendix(plan_, table_, options);
    ASSERT_FALSE(layout.ok()) << bad;
    EXPECT_THAT(layout.error().message, HasSubstr(bad));
    EXPECT_THAT(layout.error().message, HasSubstr("biểu đồ"));
    EXPECT_FALSE(check_chart_codes(plan_, options).ok());
    options.lang = Lang::en;
    Result<void> english = check_chart_codes(plan_, options);
    ASSERT_FALSE(english.ok());
    EXPECT_THAT(english.error().message, HasSubstr(std::string("--chart \"") + bad + "\""));
    options.lang = Lang::vi;
    const std::string path = (kOutDir / "appendix_bad_chart.pdf").string();
    std::filesystem::remove(path);
    EXPECT_FALSE(write_pdf(plan_, table_, options, path).ok());
    EXPECT_FALSE(write_docx(plan_, table_, options, path + ".docx").ok());
    EXPECT_FALSE(fs::exists(path + ".docx"));
  }
}

// ---- targets -------------------------------------------------------------

TEST_F(AppendixChartsTest, MarkAndUnknownAreToldApart) {
  AppendixOptions options;
  options.charts = {"meeting_room_has"};
  EXPECT_THAT(check_chart_codes(plan_, options).error().message, HasSubstr("đánh dấu"));
  options.charts = {"khong_co"};
  EXPECT_THAT(check_chart_codes(plan_, options).error().message,
              HasSubstr("không có trong kế hoạch"));
  options.charts = {"online_total", "days_shortened_avg"};  // counts and days chart too
  EXPECT_TRUE(check_chart_codes(plan_, options).ok());
  options.with_charts = true;
  EXPECT_TRUE(check_chart_codes(plan_, options).ok());
}

TEST_F(AppendixChartsTest, TargetsTableCountsByHand) {
  Result<detail::AppendixLayout> layout = detail::lay_out_appendix(plan_, table_, {});
  ASSERT_TRUE(layout.ok()) << layout.error().message;
  EXPECT_EQ(layout->targets_title, "KẾT QUẢ THỰC HIỆN CHỈ TIÊU");
  ASSERT_EQ(layout->targets_header.size(), 6u);
  EXPECT_EQ(layout->targets_header[2], "Đơn vị đạt");
  ASSERT_EQ(layout->targets_rows.size(), 3u);
  // online_full_pct ≥ 80, all units: 100, 95,69, 100 meet (table order
  // 15, 31, 1), 74,05 does not; the other 27 registered units sent no row.
  // City-wide 93,42 ≥ 80.
  EXPECT_EQ(layout->targets_rows[0],
            (std::vector<std::string>{
                "Tỷ lệ DVHCC mức độ toàn trình/Tổng số DVHCC trực tuyến (%)",
                "≥ 80% (tất cả đơn vị)", "3: KH&CN, UBND huyện Bạch Long Vĩ, KH&ĐT",
                "1: Công Thương", "27", "Đạt (93,42%)"}));
  // cashless_pct ≥ 90 for districts: no district sent a row (Bạch Long Vĩ is
  // not registered, so it counts for all-unit targets only): 0, 0, the 11
  // districts not reported; no city-wide verdict for a kind's target.
  EXPECT_EQ(layout->targets_rows[1][1], "≥ 90% (quận, huyện)");
  EXPECT_EQ(layout->targets_rows[1][2], "0");
  EXPECT_EQ(layout->targets_rows[1][3], "0");
  EXPECT_EQ(layout->targets_rows[1][4], "11");
  EXPECT_EQ(layout->targets_rows[1][5], "—");
  // first_time_valid_pct ≥ 95, all units: 100 and 99 meet; "86-96" (text)
  // and the blank cell are not reported, with 27 units without a row = 29.
  EXPECT_EQ(layout->targets_rows[2][2], "2: UBND huyện Bạch Long Vĩ, Công Thương");
  EXPECT_EQ(layout->targets_rows[2][3], "0");
  EXPECT_EQ(layout->targets_rows[2][4], "29");
  EXPECT_EQ(layout->targets_rows[2][5], "Đạt (99,50%)");  // the figure as the table shows it

  AppendixOptions english;
  english.lang = Lang::en;
  layout = detail::lay_out_appendix(plan_, table_, english);
  ASSERT_TRUE(layout.ok());
  EXPECT_EQ(layout->targets_title, "TARGETS MET");
  EXPECT_EQ(layout->targets_header[2], "Units meeting");
  EXPECT_EQ(layout->targets_rows[0][1], "≥ 80% (all units)");
  EXPECT_EQ(layout->targets_rows[0][5], "Met (93.42%)");
}

TEST_F(AppendixChartsTest, NoTargetsNoTable) {
  Result<Plan> shipped = load_plan(std::string(CHISO_SOURCE_DIR) + "/plans/hai-phong-197.toml");
  ASSERT_TRUE(shipped.ok());
  ASSERT_TRUE(shipped->targets.empty());
  Result<detail::AppendixLayout> layout = detail::lay_out_appendix(*shipped, table_, {});
  ASSERT_TRUE(layout.ok());
  EXPECT_TRUE(layout->targets_title.empty());
  EXPECT_TRUE(layout->targets_rows.empty());
}

// ---- PDF -----------------------------------------------------------------

TEST_F(AppendixChartsTest, PdfGrowsByOneVectorPagePerChart) {
  const std::string plain = (kOutDir / "appendix_targets.pdf").string();
  const std::string charted = (kOutDir / "appendix_charts.pdf").string();
  ASSERT_TRUE(write_pdf(plan_, table_, {}, plain).ok());
  AppendixOptions options;
  options.with_charts = true;
  Result<void> written = write_pdf(plan_, table_, options, charted);
  ASSERT_TRUE(written.ok()) << written.error().message;
  const int base = pdf_pages(plain);
  ASSERT_GE(base, 2);
  EXPECT_EQ(pdf_pages(charted), base + 4);  // 4 percent indicators, ratio or mean

  // The targets table is in both.
  const std::string all = pdf_text(plain);
  EXPECT_THAT(all, HasSubstr("KẾT QUẢ THỰC HIỆN CHỈ TIÊU"));
  EXPECT_THAT(all, HasSubstr("Đơn vị chưa đạt"));
  EXPECT_THAT(all, HasSubstr("Công Thương"));

  // Page base+1: the first chart (online_full_pct), its heading and the short
  // names of the units as bar labels; text, so drawn as vectors, not an image.
  const std::string page = pdf_text(charted, base + 1, base + 1);
  EXPECT_THAT(page, HasSubstr("Biểu đồ:"));
  EXPECT_THAT(page, HasSubstr("toàn trình"));
  for (const char* name : {"KH&ĐT", "Công Thương", "KH&CN"}) EXPECT_THAT(page, HasSubstr(name));
  EXPECT_THAT(page, Not(HasSubstr("Toàn thành phố\n"))) << "the chart page holds no table";
  EXPECT_EQ(run("pdfimages -list -f " + std::to_string(base + 1) + " -l " +
                std::to_string(base + 1) + " '" + charted + "' | tail -n +3 | wc -l"),
            "0\n");
  // For a person to look at.
  run("pdftoppm -f " + std::to_string(base + 1) + " -l " + std::to_string(base + 1) +
      " -r 80 -png '" + charted + "' '" + (kOutDir / "appendix_chart_page").string() + "'");
}

// ---- DOCX ----------------------------------------------------------------

TEST_F(AppendixChartsTest, DocxEmbedsOnePngPerChartFittingThePage) {
  const std::string path = (kOutDir / "appendix_charts.docx").string();
  AppendixOptions options;
  options.with_charts = true;
  Result<void> written = write_docx(plan_, table_, options, path);
  ASSERT_TRUE(written.ok()) << written.error().message;

  int pngs = 0;
  for (const std::string& name : zip_names(path)) {
    if (name.rfind("word/media/", 0) == 0 && name.size() > 4 &&
        name.compare(name.size() - 4, 4, ".png") == 0)
      ++pngs;
  }
  EXPECT_EQ(pngs, 4);
  // 200 dpi: a 700 pt wide scene is 700·200/72 = 1944,4… → 1945 px.
  auto [width_px, height_px] = png_dimensions(zip_entry(path, "word/media/chart1.png"));
  EXPECT_EQ(width_px, 1945);
  EXPECT_GT(height_px, 100);
  EXPECT_THAT(zip_entry(path, "[Content_Types].xml"), HasSubstr("Extension=\"png\""));
  const std::string rels = zip_entry(path, "word/_rels/document.xml.rels");
  EXPECT_THAT(rels, HasSubstr("Target=\"media/chart4.png\""));

  // pugixml: four inline pictures, each no wider than the text width
  // (16838 − 1701 − 851 = 14286 twips = 714,3 pt = 9 071 610 EMU) nor taller
  // than the text height (11906 − 2·1134 = 9638 twips = 6 120 130 EMU); each
  // after a page-breaking heading.
  pugi::xml_document doc;
  ASSERT_TRUE(doc.load_string(zip_entry(path, "word/document.xml").c_str()));
  pugi::xpath_node_set inlines = doc.select_nodes("//wp:inline");
  ASSERT_EQ(inlines.size(), 4u);
  for (const pugi::xpath_node& node : inlines) {
    long cx = node.node().child("wp:extent").attribute("cx").as_llong();
    long cy = node.node().child("wp:extent").attribute("cy").as_llong();
    EXPECT_GT(cx, 0);
    EXPECT_LE(cx, 9071610);
    EXPECT_GT(cy, 0);
    EXPECT_LE(cy, 6120130);
  }
  EXPECT_EQ(doc.select_nodes("//w:pageBreakBefore").size(), 4u);

  // python-docx (an independent reader) sees the same four inline shapes.
  std::string shapes = run("/usr/bin/python3 -c \"import docx,sys; d=docx.Document(sys.argv[1]); "
                           "print(len(d.inline_shapes), max(s.width for s in d.inline_shapes) <= "
                           "9071610)\" '" + path + "'");
  EXPECT_EQ(shapes, "4 True\n");
  // And the headings and the targets table as text.
  std::string texts = text::to_nfc(run(
      "/usr/bin/python3 -c \"import docx,sys; d=docx.Document(sys.argv[1]); "
      "print('\\n'.join(p.text for p in d.paragraphs)); "
      "print('\\n'.join(c.text for t in d.tables for r in t.rows for c in r.cells))\" '" +
      path + "'"));
  EXPECT_THAT(texts, HasSubstr("Biểu đồ: Thu phí, lệ phí không dùng tiền mặt (%)"));
  EXPECT_THAT(texts, HasSubstr("KẾT QUẢ THỰC HIỆN CHỈ TIÊU"));
  EXPECT_THAT(texts, HasSubstr("3: KH&CN, UBND huyện Bạch Long Vĩ, KH&ĐT"));
}

TEST_F(AppendixChartsTest, ReviewPutsChartsAfterTheFindings) {
  Finding finding;
  finding.severity = Severity::error;
  finding.rule_id = "value.not_number";
  finding.unit = "Sở Khoa học và Công nghệ";
  finding.row = 15;
  finding.indicator = "first_time_valid_pct";
  finding.message_vi = "Giá trị không phải là số";
  finding.raw = "86-96";
  table_.findings.push_back(finding);
  AppendixOptions options;
  options.variant = Variant::review;
  options.charts = {"first_time_valid_pct"};
  const std::string path = (kOutDir / "appendix_charts_review.pdf").string();
  ASSERT_TRUE(write_pdf(plan_, table_, options, path).ok());
  const int pages = pdf_pages(path);
  const std::string all = pdf_text(path);
  const size_t findings = all.find("DANH SÁCH CÁC VẤN ĐỀ");
  const size_t chart = all.find("Biểu đồ: Tỷ lệ người dân");
  ASSERT_NE(findings, std::string::npos);
  ASSERT_NE(chart, std::string::npos);
  EXPECT_LT(findings, chart);
  // The chart has the last page to itself: the 86-96 cell is listed apart
  // as text, and the target line "≥ 95" is in its legend.
  const std::string last = pdf_text(path, pages, pages);
  EXPECT_THAT(last, HasSubstr("Biểu đồ:"));
  EXPECT_THAT(last, Not(HasSubstr("DANH SÁCH")));
  EXPECT_THAT(last, HasSubstr("86-96"));
  EXPECT_THAT(last, HasSubstr("95"));
}

TEST(ScenePng, RendersAtTheAskedResolution) {
  ChartScene scene;
  scene.width_pt = 72;
  scene.height_pt = 36;
  scene.shapes.push_back(ChartRect{0, 0, 36, 36, "#1f77b4"});
  Result<std::string> png = detail::scene_png(scene, 144);
  ASSERT_TRUE(png.ok());
  EXPECT_EQ(png_dimensions(*png), (std::pair<int, int>{144, 72}));
  scene.width_pt = 0;
  EXPECT_FALSE(detail::scene_png(scene, 144).ok());
  EXPECT_DOUBLE_EQ(detail::fit_scale(1400, 100, 700, 500), 0.5);
  EXPECT_DOUBLE_EQ(detail::fit_scale(350, 100, 700, 500), 1.0);  // never scaled up
}

}  // namespace
}  // namespace chiso::report
