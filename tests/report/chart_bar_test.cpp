// Bar and trend charts: the SVG is well-formed XML with each unit once and the
// bars sorted; values and lines as the seed gives them (hand values); PNG and
// PDF written through cairo with the right size; failures reported, not thrown.
#include <cairo.h>
#include <gtest/gtest.h>
#include <pugixml.hpp>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "common/limits.h"
#include "consolidate/fixtures/seed_fixture.h"
#include "report/chart.h"

namespace chiso::report {
namespace {

using chiso::testing::seed_plan;
using chiso::testing::seed_table;
using chiso::testing::set_city;

std::string output_dir() {
  std::string dir = std::string(CHISO_BINARY_DIR) + "/test-output/charts";
  std::filesystem::create_directories(dir);
  return dir;
}

struct SvgText {
  std::string text;
  double x, y;
  std::string anchor;
};

std::vector<SvgText> texts_of(const pugi::xml_document& doc) {
  std::vector<SvgText> out;
  for (pugi::xpath_node node : doc.select_nodes("//text")) {
    pugi::xml_node text = node.node();
    out.push_back({text.child_value(), text.attribute("x").as_double(),
                   text.attribute("y").as_double(), text.attribute("text-anchor").value()});
  }
  return out;
}

class BarChartTest : public ::testing::Test {
 protected:
  Plan plan = seed_plan();
  CheckedTable table = seed_table(plan);
  void SetUp() override {
    // Hand: Σ online_full 3044 / Σ online_total 4190 = 72,649…%.
    set_city(table, plan, "online_full_pct", 100.0 * 3044 / 4190);
  }
};

TEST_F(BarChartTest, SvgIsXmlWithEachUnitOnceAndBarsSorted) {
  std::string svg = bar_chart_svg(plan, table, "online_full_pct", {});
  pugi::xml_document doc;
  ASSERT_TRUE(doc.load_string(svg.c_str())) << svg.substr(0, 400);
  ASSERT_STREQ(doc.first_child().name(), "svg");
  EXPECT_NE(std::string(doc.first_child().attribute("width").value()).find("pt"),
            std::string::npos);
  std::vector<SvgText> texts = texts_of(doc);
  std::map<std::string, std::vector<double>> label_y;  // right-aligned labels
  for (const SvgText& text : texts) {
    if (text.anchor == "end") label_y[text.text].push_back(text.y);
  }
  for (const UnitDef& unit : plan.units) {
    ASSERT_EQ(label_y[unit.short_name].size(), 1u) << unit.short_name;
  }
  // Order by hand from the seed's column 7: five units at 100 (table order),
  // then 96 (BHXH), 93 (Công an), 90 (An Lão) … 12,4 (Y tế), 0 (NHNN);
  // Sở TT&TT has no value and comes last, apart.
  const std::vector<std::string> expected_top = {"Sở KH&ĐT", "Sở Ngoại vụ", "Cục Thuế",
                                                 "Sở KH&CN", "Sở NN&PTNT", "BHXH TP",
                                                 "Công an TP", "H. An Lão", "H. Tiên Lãng"};
  for (size_t rank_idx = 1; rank_idx < expected_top.size(); ++rank_idx) {
    EXPECT_LT(label_y[expected_top[rank_idx - 1]][0], label_y[expected_top[rank_idx]][0])
        << expected_top[rank_idx];
  }
  EXPECT_LT(label_y["Sở Tài chính"][0], label_y["Sở Y tế"][0]);
  EXPECT_LT(label_y["Sở Y tế"][0], label_y["NHNN TP"][0]);
  for (const UnitDef& unit : plan.units) {
    if (unit.short_name != "Sở TT&TT") {
      EXPECT_LT(label_y[unit.short_name][0], label_y["Sở TT&TT"][0]) << unit.short_name;
    }
  }
  // The unit listed apart says so, in Vietnamese.
  bool said_not_reported = false;
  for (const SvgText& text : texts) {
    if (text.text == "không báo cáo" && std::abs(text.y - label_y["Sở TT&TT"][0]) < 0.01) {
      said_not_reported = true;
    }
  }
  EXPECT_TRUE(said_not_reported);
}

TEST_F(BarChartTest, DecimalCommaTitleAndCityWideLine) {
  std::string svg = bar_chart_svg(plan, table, "online_full_pct", {});
  pugi::xml_document doc;
  ASSERT_TRUE(doc.load_string(svg.c_str()));
  std::vector<SvgText> texts = texts_of(doc);
  auto has = [&](const std::string& wanted) {
    for (const SvgText& text : texts) {
      if (text.text == wanted) return true;
    }
    return false;
  };
  EXPECT_TRUE(has("74,05"));  // Sở Công Thương
  EXPECT_TRUE(has("89,15"));  // UBND huyện Tiên Lãng
  EXPECT_TRUE(has("12,40"));  // Sở Y tế, with the plan's 2 decimals
  EXPECT_FALSE(has("74.05"));
  EXPECT_TRUE(has("Toàn thành phố: 72,65%"));
  EXPECT_TRUE(has("Tỷ lệ DVHCC mức độ toàn trình/Tổng số DVHCC trực tuyến (%)"));
  // 30 units: Sở TT&TT blank, Chi nhánh NHNN TP 0 of 0 (no share): 28 bars.
  EXPECT_TRUE(has("Kỳ báo cáo Quý IV năm 2024 · 28/30 đơn vị có số liệu"));
  EXPECT_TRUE(has("không áp dụng (không có số liệu để tính tỷ lệ)"));
  EXPECT_EQ(std::string(doc.select_node("//title").node().child_value()),
            "Tỷ lệ DVHCC mức độ toàn trình/Tổng số DVHCC trực tuyến (%) — Quý IV năm 2024");
  // Axis 0–100 for a percent.
  EXPECT_TRUE(has("0"));
  EXPECT_TRUE(has("100"));
  // The red city-wide line lies between the bar ends of Sở GTVT (70,68) and
  // Sở Công Thương (74,05).
  double city_x = -1;
  for (pugi::xpath_node node : doc.select_nodes("//line[@stroke='#c0392b']")) {
    if (node.node().attribute("y2").as_double() - node.node().attribute("y1").as_double() > 100) {
      city_x = node.node().attribute("x1").as_double();
    }
  }
  std::vector<double> bar_ends;
  for (pugi::xpath_node node : doc.select_nodes("//rect[@fill='#2f6ea5']")) {
    double width = node.node().attribute("width").as_double();
    if (node.node().attribute("height").as_double() > 9) {
      bar_ends.push_back(node.node().attribute("x").as_double() + width);
    }
  }
  // 28 bars: the 28 units with a share (NHNN's 0 of 0 is listed apart).
  ASSERT_EQ(bar_ends.size(), 28u);
  double gtvt_end = 0, congthuong_end = 0;
  // Bars are in sorted order: 74,05 is the 17th value, 70,68 the 21st.
  congthuong_end = bar_ends[16];
  gtvt_end = bar_ends[20];
  EXPECT_GT(city_x, gtvt_end);
  EXPECT_LT(city_x, congthuong_end);
  // 100% bars all end at the axis end; 50% would be halfway.
  EXPECT_DOUBLE_EQ(bar_ends[0], bar_ends[4]);
}

TEST_F(BarChartTest, TargetLineColoursBarsBelowIt) {
  ChartOptions options;
  options.target = 80;
  std::string svg = bar_chart_svg(plan, table, "online_full_pct", options);
  pugi::xml_document doc;
  ASSERT_TRUE(doc.load_string(svg.c_str()));
  bool legend = false;
  for (const SvgText& text : texts_of(doc)) legend |= text.text == "Mục tiêu: ≥ 80%";
  EXPECT_TRUE(legend);
  // By hand: 15 units at or above 80 (5×100, 96, 93, 90, 89,15, 88,9, 88,78,
  // 87,4, 83,9, 81, 80,5); below it 13 (NHNN's 0 of 0 is not applicable).
  auto count_bars = [&](const char* fill) {
    size_t count = 0;
    for (pugi::xpath_node node : doc.select_nodes(
             (std::string("//rect[@fill='") + fill + "']").c_str())) {
      if (node.node().attribute("height").as_double() > 9) ++count;
    }
    return count;
  };
  EXPECT_EQ(count_bars("#2f6ea5"), 15u);
  EXPECT_EQ(count_bars("#e07b39"), 13u);
  EXPECT_EQ(doc.select_nodes("//line[@stroke='#1e8449']").size(), 2u);  // legend + line
}

TEST_F(BarChartTest, TargetFromPlanUnlessGiven) {
  plan.targets.push_back(Target{"online_full_pct", ">=", 90, "", "test"});
  plan.targets.push_back(Target{"online_full_pct", ">=", 95, "district", "test"});
  std::string svg = bar_chart_svg(plan, table, "online_full_pct", {});
  EXPECT_NE(svg.find("Mục tiêu: ≥ 90%"), std::string::npos);
  ChartOptions no_target;
  no_target.target_from_plan = false;
  EXPECT_EQ(bar_chart_svg(plan, table, "online_full_pct", no_target).find("Mục tiêu"),
            std::string::npos);
}

TEST_F(BarChartTest, EnglishLabels) {
  ChartOptions options;
  options.lang = Lang::en;
  std::string svg = bar_chart_svg(plan, table, "online_full_pct", options);
  EXPECT_NE(svg.find(">City-wide: 72.65%<"), std::string::npos);
  EXPECT_NE(svg.find(">74.05<"), std::string::npos);
  EXPECT_NE(svg.find(">not reported<"), std::string::npos);
  EXPECT_NE(svg.find("Full-process share of online services (%)"), std::string::npos);
  EXPECT_EQ(svg.find("không báo cáo"), std::string::npos);
}

TEST_F(BarChartTest, TextCellIsListedApartWithItsRawText) {
  // Sở KH&CN typed "86-96" for first-time-valid: no bar, raw text shown.
  std::string svg = bar_chart_svg(plan, table, "first_time_valid_pct", {});
  pugi::xml_document doc;
  ASSERT_TRUE(doc.load_string(svg.c_str()));
  EXPECT_NE(svg.find("“86-96” — không phải số"), std::string::npos);
  EXPECT_NE(svg.find("28/30 đơn vị có số liệu"), std::string::npos);
}

TEST_F(BarChartTest, HostileNamesAreEscaped) {
  table.rows[0].unit_name = "";
  table.rows[0].raw_name = "<b>Sở \"A\" & 'B'</b>\x01";
  std::string svg = bar_chart_svg(plan, table, "online_full_pct", {});
  pugi::xml_document doc;
  ASSERT_TRUE(doc.load_string(svg.c_str()));
  bool found = false;
  for (const SvgText& text : texts_of(doc)) found |= text.text == "<b>Sở \"A\" & 'B'</b>";
  EXPECT_TRUE(found);
}

TEST_F(BarChartTest, UnknownOrMarkIndicatorIsAnErrorNotACrash) {
  Result<ChartScene> unknown = layout_bar_chart(plan, table, "no_such_code", {});
  ASSERT_FALSE(unknown.ok());
  EXPECT_NE(unknown.error().message.find("no_such_code"), std::string::npos);
  Result<ChartScene> mark = layout_bar_chart(plan, table, "meeting_room_has", {});
  ASSERT_FALSE(mark.ok());
  // The SVG form still renders a page, stating the problem.
  std::string svg = bar_chart_svg(plan, table, "no_such_code", {});
  pugi::xml_document doc;
  ASSERT_TRUE(doc.load_string(svg.c_str()));
  EXPECT_NE(svg.find("no_such_code"), std::string::npos);
  Result<void> written =
      write_bar_chart(plan, table, "no_such_code", {}, output_dir() + "/never.svg");
  EXPECT_FALSE(written.ok());
  EXPECT_FALSE(std::filesystem::exists(output_dir() + "/never.svg"));
}

TEST_F(BarChartTest, SizeOutOfRangeIsAnError) {
  ChartOptions options;
  options.width_pt = 0;
  EXPECT_FALSE(layout_bar_chart(plan, table, "online_full_pct", options).ok());
  options.width_pt = 700;
  options.height_pt = -5;
  EXPECT_FALSE(layout_trend_chart(plan, "online_full_pct", {}, options).ok());
  options.height_pt = 1e9;
  EXPECT_FALSE(write_bar_chart(plan, table, "online_full_pct", options, "/tmp/x.png").ok());
}

TEST_F(BarChartTest, TooManyUnitsIsAnError) {
  CheckedTable big = table;
  while (big.rows.size() <= limits::chart_bars_max) big.rows.push_back(table.rows[1]);
  for (size_t row_idx = 0; row_idx < big.rows.size(); ++row_idx) {
    big.rows[row_idx].unit_name = "";
    big.rows[row_idx].raw_name = "Đơn vị " + std::to_string(row_idx);
  }
  EXPECT_FALSE(layout_bar_chart(plan, big, "online_full_pct", {}).ok());
}

TEST_F(BarChartTest, WritesSvgPngAndPdf) {
  ChartOptions options;
  options.target = 80;
  const std::string dir = output_dir();
  ASSERT_TRUE(write_bar_chart(plan, table, "online_full_pct", options, dir + "/full_pct.svg").ok());
  std::ifstream svg_in(dir + "/full_pct.svg");
  std::stringstream svg_text;
  svg_text << svg_in.rdbuf();
  EXPECT_EQ(svg_text.str(), bar_chart_svg(plan, table, "online_full_pct", options));

  ASSERT_TRUE(write_bar_chart(plan, table, "online_full_pct", options, dir + "/full_pct.PNG").ok());
  Result<ChartScene> scene = layout_bar_chart(plan, table, "online_full_pct", options);
  ASSERT_TRUE(scene.ok());
  auto [width_px, height_px] = png_size_px(*scene, options);
  EXPECT_EQ(width_px, static_cast<int>(std::ceil(700 * 150 / 72.0)));  // 1459
  cairo_surface_t* png = cairo_image_surface_create_from_png((dir + "/full_pct.PNG").c_str());
  ASSERT_EQ(cairo_surface_status(png), CAIRO_STATUS_SUCCESS);
  EXPECT_EQ(cairo_image_surface_get_width(png), width_px);
  EXPECT_EQ(cairo_image_surface_get_height(png), height_px);
  // Fits an A4 landscape page between margins (≈714 × 480 pt) at 30 units.
  EXPECT_LE(scene->height_pt, 560);
  cairo_surface_destroy(png);

  ASSERT_TRUE(write_bar_chart(plan, table, "cashless_pct", {}, dir + "/cashless.pdf").ok());
  std::ifstream pdf(dir + "/cashless.pdf", std::ios::binary);
  std::string magic(5, '\0');
  pdf.read(magic.data(), 5);
  EXPECT_EQ(magic, "%PDF-");
  // The PDF's text (poppler) keeps every Vietnamese character, in NFC.
  if (std::system("command -v pdftotext >/dev/null 2>&1") == 0) {
    std::string command = "pdftotext -enc UTF-8 '" + dir + "/cashless.pdf' -";
    FILE* pipe = popen(command.c_str(), "r");
    ASSERT_NE(pipe, nullptr);
    std::string pdf_text;
    char buffer[4096];
    size_t got = 0;
    while ((got = fread(buffer, 1, sizeof buffer, pipe)) > 0) pdf_text.append(buffer, got);
    pclose(pipe);
    EXPECT_NE(pdf_text.find("Thu phí, lệ phí không dùng tiền mặt (%)"), std::string::npos)
        << pdf_text;
    EXPECT_NE(pdf_text.find("Kỳ báo cáo Quý IV năm 2024 · 29/30 đơn vị có số liệu"),
              std::string::npos);
    EXPECT_NE(pdf_text.find("H. Thủy Nguyên"), std::string::npos);
    EXPECT_NE(pdf_text.find("88,5"), std::string::npos);  // Sở Công Thương
  }
  ChartOptions en;
  en.lang = Lang::en;
  ASSERT_TRUE(write_bar_chart(plan, table, "first_time_valid_pct", en, dir + "/ftv_en.png").ok());
}

TEST_F(BarChartTest, WriteFailuresAreErrors) {
  Result<void> bad_ext = write_bar_chart(plan, table, "online_full_pct", {}, "/tmp/x.jpg");
  ASSERT_FALSE(bad_ext.ok());
  EXPECT_NE(bad_ext.error().message.find(".svg, .png"), std::string::npos);
  for (const char* path : {"/nonexistent-dir/x.svg", "/nonexistent-dir/x.png",
                           "/nonexistent-dir/x.pdf"}) {
    Result<void> result = write_bar_chart(plan, table, "online_full_pct", {}, path);
    ASSERT_FALSE(result.ok()) << path;
    EXPECT_NE(result.error().message.find(path), std::string::npos);
  }
}

TEST(TrendChartTest, ManyPeriodsThinTheLabels) {
  Plan plan = seed_plan();
  std::vector<TrendPointView> points;
  for (int month_idx = 0; month_idx < 120; ++month_idx) {
    char period[16];
    std::snprintf(period, sizeof period, "%04d-%02d", 2015 + month_idx / 12, 1 + month_idx % 12);
    points.push_back({period, 50.0 + month_idx * 0.25});
  }
  Result<ChartScene> scene = layout_trend_chart(plan, "online_full_pct", points, {});
  ASSERT_TRUE(scene.ok());
  size_t period_labels = 0;
  for (const ChartShape& shape : scene->shapes) {
    if (const ChartText* text = std::get_if<ChartText>(&shape)) {
      period_labels += text->text.rfind("Tháng ", 0) == 0;  // "Tháng 1 năm 2015"
    }
  }
  EXPECT_GT(period_labels, 5u);
  EXPECT_LT(period_labels, 30u);  // ~80 pt per label on a ~670 pt axis
  ASSERT_TRUE(write_trend_chart(plan, "online_full_pct", points, {},
                                output_dir() + "/trend_120.png").ok());
}

TEST(TrendChartTest, LineBrokenWhereAPeriodIsMissing) {
  Plan plan = seed_plan();
  std::vector<TrendPointView> points = {
      {"2024-Q1", 61.5}, {"2024-Q2", 68.25}, {"2024-Q3", std::nullopt}, {"2024-Q4", 72.65}};
  std::string svg = trend_chart_svg(plan, "online_full_pct", points, {});
  pugi::xml_document doc;
  ASSERT_TRUE(doc.load_string(svg.c_str())) << svg;
  EXPECT_EQ(doc.select_nodes("//circle").size(), 3u);
  // Q1–Q2 joined; Q4 stands alone (Q3 missing).
  ASSERT_EQ(doc.select_nodes("//polyline").size(), 1u);
  std::string pts = doc.select_node("//polyline").node().attribute("points").value();
  EXPECT_EQ(std::count(pts.begin(), pts.end(), ','), 2);
  for (const char* wanted :
       {"61,50", "68,25", "72,65", "Quý I năm 2024", "Quý III năm 2024", "Quý IV năm 2024"}) {
    EXPECT_NE(svg.find(std::string(">") + wanted + "<"), std::string::npos) << wanted;
  }
  // Higher value is higher on the page.
  auto circles = doc.select_nodes("//circle");
  EXPECT_GT(circles[0].node().attribute("cy").as_double(),
            circles[1].node().attribute("cy").as_double());
  ASSERT_TRUE(
      write_trend_chart(plan, "online_full_pct", points, {}, output_dir() + "/trend.png").ok());
  EXPECT_TRUE(trend_chart_svg(plan, "online_full_pct", {}, {}).find("Chưa có kỳ") !=
              std::string::npos);
  EXPECT_FALSE(write_trend_chart(plan, "nope", points, {}, output_dir() + "/x.svg").ok());
}

}  // namespace
}  // namespace chiso::report
