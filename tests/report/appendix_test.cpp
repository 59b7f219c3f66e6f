// The appendix as DOCX and PDF (issue 3 §1, §5). The plan is the shipped
// plans/hai-phong-197.toml; the rows are copied by hand from the seed (rows 1,
// 4 and 15) plus one unregistered unit with made-up counts above 1000 (to see
// the dot thousands); the city-wide figures are computed by hand below. The
// DOCX is read back by python-docx (appendix_docx_probe.py), its XML by
// pugixml; the PDF by poppler-utils. Page 1 of each PDF is rendered to
// CHISO_BINARY_DIR/test-output/ for a person to look at.

#include "report/appendix.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <zip.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <pugixml.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "check/checker.h"
#include "common/limits.h"
#include "common/text.h"
#include "plan/plan.h"
#include "plan/unit_validity.h"
#include "service/check_input.h"
#include "report/document_probe.h"

namespace chiso::report {
namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;
using report_test::run;
using report_test::zip_entry;
using report_test::tokens;
using report_test::line_with;

const fs::path kOutDir = fs::path(CHISO_BINARY_DIR) / "test-output";

// ---- fixture -----------------------------------------------------------

Value cell(const std::string& raw) {
  Value value;
  value.raw = raw;
  if (raw.empty()) return value;
  if (raw == "x") {
    value.state = ValueState::yes;
    value.number = 1;
    return value;
  }
  // Hand-read numbers: decimal comma only in these rows.
  std::string dotted = raw;
  for (char& ch : dotted) if (ch == ',') ch = '.';
  char* end = nullptr;
  double number = std::strtod(dotted.c_str(), &end);
  if (end && *end == '\0') {
    value.state = ValueState::number;
    value.number = number;
  } else {
    value.state = ValueState::text;
  }
  return value;
}

// Marks columns: "0" is the mark "no", not the number 0.
const std::vector<std::string> kMarkCodes = {"meeting_room_has", "ddci_connected",
                                             "ai_answering", "licence_model",
                                             "commitments_published"};

UnitRow make_row(const Plan& plan, int row_number, const std::string& raw_name,
                 const std::string& unit_name, const std::vector<std::string>& cells) {
  // `cells` in the seed's column order, which is the plan's indicator order.
  UnitRow row;
  row.row_number = row_number;
  row.raw_name = raw_name;
  row.unit_name = unit_name;
  row.values.resize(plan.indicators.size());
  for (size_t idx = 0; idx < cells.size() && idx < plan.indicators.size(); ++idx) {
    Value value = cell(cells[idx]);
    bool is_mark = std::find(kMarkCodes.begin(), kMarkCodes.end(), plan.indicators[idx].code) !=
                   kMarkCodes.end();
    if (is_mark && cells[idx] == "0") {
      value.state = ValueState::no;
      value.number = 0;
    }
    row.values[idx] = value;
  }
  return row;
}

SummaryValue sum_value(double value, int units) {
  SummaryValue summary;
  summary.value = value;
  summary.units_reporting = units;
  return summary;
}

SummaryValue marks(int yes, int no, int blank) {
  SummaryValue summary;
  summary.yes = yes;
  summary.no = no;
  summary.blank = blank;
  summary.units_reporting = yes + no;
  return summary;
}

class AppendixTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { fs::create_directories(kOutDir); }

  void SetUp() override {
    Result<Plan> loaded = load_plan(std::string(CHISO_SOURCE_DIR) + "/plans/hai-phong-197.toml");
    ASSERT_TRUE(loaded.ok()) << loaded.error().message;
    plan_ = std::move(loaded).value();
    const std::vector<std::string> codes = {
        "tthc_shortened", "days_shortened_avg", "online_total", "online_full",
        "online_full_pct", "online_partial", "online_partial_pct", "cashless_pct",
        "first_time_valid_pct", "meeting_room_has", "meeting_room_count", "ddci_connected",
        "ai_answering", "licence_model", "commitments_published"};
    ASSERT_EQ(plan_.indicators.size(), codes.size());
    for (size_t idx = 0; idx < codes.size(); ++idx) ASSERT_EQ(plan_.indicators[idx].code, codes[idx]);

    // Table order 15, 31, 4, 1: the writer restores the plan's order.
    table_.period = "2024-Q4";
    table_.rows.push_back(make_row(plan_, 15, "Sở Khoa học và Công nghệ", "Sở Khoa học và Công nghệ",
                                   {"3", "", "54", "54", "100", "0", "0", "100", "86-96", "x", "5",
                                    "x", "", "x", "x"}));
    table_.rows.push_back(make_row(plan_, 31, "UBND huyện Bạch Long Vĩ", "",
                                   {"0", "0", "1045", "1000", "95,69", "45", "4,31", "12,5", "100",
                                    "x", "1", "0", "", "", ""}));
    table_.rows.push_back(make_row(plan_, 4, "Sở Công Thương", "Sở Công Thương",
                                   {"100", "5", "158", "117", "74,05", "41", "25,95", "88,5", "99",
                                    "x", "1", "x", "", "x", "0"}));
    table_.rows.push_back(make_row(plan_, 1, "Sở Kế hoạch và Đầu tư", "Sở Kế hoạch và Đầu tư",
                                   {"66", "1,5", "49", "49", "100", "0", "0", "100", "", "x", "2",
                                    "x", "x", "x", ""}));
    // City-wide, by hand over these four rows:
    //   tthc 66+100+3+0 = 169; days weighted by tthc (66·1,5+100·5+0·0)/166
    //   = 599/166 = 3,608…; online 49+158+54+1045 = 1306; full 49+117+54+1000
    //   = 1220, share 122000/1306 = 93,415…; partial 0+41+0+45 = 86, share
    //   8600/1306 = 6,584…; cashless mean (100+88,5+100+12,5)/4 = 75,25;
    //   first-time mean of 99 and 100 = 99,5; rooms x 4 of 4, count 2+1+5+1 = 9;
    //   DDCI x 3, 0 1; AI x 1, blank 3; licence x 3, blank 1; commitments x 1,
    //   0 1, blank 2.
    table_.summary = {sum_value(169, 4),        sum_value(599.0 / 166, 3),
                      sum_value(1306, 4),       sum_value(1220, 4),
                      sum_value(122000.0 / 1306, 4), sum_value(86, 4),
                      sum_value(8600.0 / 1306, 4),   sum_value(75.25, 4),
                      sum_value(99.5, 2),       marks(4, 0, 0),
                      sum_value(9, 4),          marks(3, 1, 0),
                      marks(1, 0, 3),           marks(3, 0, 1),
                      marks(1, 1, 2)};
    Finding not_number;
    not_number.severity = Severity::error;
    not_number.rule_id = "value.not_number";
    not_number.unit = "Sở Khoa học và Công nghệ";
    not_number.row = 15;
    not_number.indicator = "first_time_valid_pct";
    not_number.message_vi = "Giá trị không phải là số";
    not_number.message_en = "The value is not a number";
    not_number.raw = "86-96";
    not_number.hint_vi = "Ghi một số, ví dụ 91";
    table_.findings.push_back(not_number);
    Finding unknown;
    unknown.severity = Severity::warning;
    unknown.rule_id = "unit.unknown";
    unknown.unit = "UBND huyện Bạch Long Vĩ";
    unknown.row = 31;
    unknown.message_vi = "Đơn vị chưa đăng ký trong kế hoạch";
    unknown.message_en = "Unit not registered in the plan";
    unknown.raw = "UBND huyện Bạch Long Vĩ";
    table_.findings.push_back(unknown);
  }

  AppendixOptions filled() const {
    AppendixOptions options;
    options.attached_to = "Báo cáo số 15/BC-UBND";
    options.date = "2025-01-05";
    options.issuer = "UBND thành phố Hải Phòng";
    return options;
  }

  Plan plan_;
  CheckedTable table_;
};

// ---- helpers -----------------------------------------------------------

nlohmann::json probe_docx(const std::string& path) {
  std::string script = std::string(CHISO_SOURCE_DIR) + "/tests/report/appendix_docx_probe.py";
  // Debian's python3 (python3-docx), not whichever python3 is first on PATH.
  std::string out = run("/usr/bin/python3 '" + script + "' '" + path + "'");
  return nlohmann::json::parse(out, nullptr, false);
}

// Shares and days with the plan's 2 decimals (typed 5, 88,5 and 99).
const std::vector<std::string> kCongThuong = {"100",   "5,00", "158", "117", "74,05",
                                              "41",    "25,95", "88,50", "99,00", "x",
                                              "1",     "x",    "",    "x",   "0"};
const std::vector<std::string> kCityWide = {"169", "3,61", "1.306", "1.220", "93,42",
                                            "86",  "6,58", "75,25", "99,50", "4/4",
                                            "9",   "3/4",  "1/4",   "3/4",   "1/4"};

// ---- the page text -----------------------------------------------------

// A plan whose appendix is attached to a document with no issuer given
// (the shipped Plan 197's fields are tested on the shipped plan below).
Plan attached_plan() {
  Plan plan;
  plan.id = "t";
  plan.attached_to_vi = "Báo cáo số …/BC-UBND";
  return plan;
}

TEST(AttachedLine, FilledTheDecreeWay) {
  AppendixOptions options;
  options.attached_to = "Báo cáo số 15/BC-UBND";
  options.issuer = "UBND thành phố Hải Phòng";
  options.date = "2025-01-05";  // day < 10 and month 1: leading zeros
  // --attached-to names a document even for a plan that names none.
  const Plan plain;
  Result<std::string> line = detail::attached_line(plain, options);
  ASSERT_TRUE(line.ok()) << line.error().message;
  EXPECT_EQ(*line,
            "(Kèm theo Báo cáo số 15/BC-UBND ngày 05 tháng 01 năm 2025 của UBND thành phố "
            "Hải Phòng)");
  options.date = "2024-12-25";
  EXPECT_EQ(*detail::attached_line(plain, options),
            "(Kèm theo Báo cáo số 15/BC-UBND ngày 25 tháng 12 năm 2024 của UBND thành phố "
            "Hải Phòng)");
  options.date = "2024-03-09";  // month 3 takes no zero
  EXPECT_THAT(*detail::attached_line(plain, options), HasSubstr("ngày 09 tháng 3 năm 2024"));
}

TEST(AttachedLine, DotsWhereNeitherThePlanNorTheOptionsGiveAPart) {
  const Plan plan = attached_plan();
  AppendixOptions options;
  EXPECT_EQ(*detail::attached_line(plan, options),
            "(Kèm theo Báo cáo số …/BC-UBND ngày … tháng … năm … của …)");
  options.lang = Lang::en;  // no attached_to_en: the Vietnamese document's name
  EXPECT_EQ(*detail::attached_line(plan, options),
            "(Attached to Báo cáo số …/BC-UBND dated … of …)");
}

// A plan whose appendix is attached to nothing (PCI, PAR INDEX): no line,
// and nothing to fill with a date or an issuer.
TEST(AttachedLine, NoneWhenNothingNamesADocument) {
  Plan plan;
  plan.id = "pci-2019";
  AppendixOptions options;
  Result<std::string> line = detail::attached_line(plan, options);
  ASSERT_TRUE(line.ok()) << line.error().message;
  EXPECT_EQ(*line, "");
  EXPECT_TRUE(check_attached_line(plan, options).ok());
  options.date = "2025-01-05";
  Result<void> dated = check_attached_line(plan, options);
  ASSERT_FALSE(dated.ok());
  EXPECT_EQ(dated.error().field, "--date");
  EXPECT_THAT(dated.error().message, HasSubstr("kế hoạch pci-2019 không ghi phụ lục kèm theo"));
  EXPECT_THAT(dated.error().message_en,
              HasSubstr("plan pci-2019 names no document the appendix is attached to"));
  options.date.clear();
  options.issuer = "Bộ Nội vụ";
  Result<void> issued = check_attached_line(plan, options);
  ASSERT_FALSE(issued.ok());
  EXPECT_EQ(issued.error().field, "--issuer");
  options.attached_to = "Công văn số 7/BNV";  // now there is a line to fill
  EXPECT_EQ(*detail::attached_line(plan, options),
            "(Kèm theo Công văn số 7/BNV ngày … tháng … năm … của Bộ Nội vụ)");
}

TEST(AttachedLine, TooLongAPartIsAnErrorNamingTheOption) {
  const Plan plan = attached_plan();
  AppendixOptions options;
  options.issuer = std::string(limits::attached_line_part_bytes_max, 'a');
  EXPECT_TRUE(check_attached_line(plan, options).ok());  // at the limit
  options.issuer += "a";
  Result<void> issuer = check_attached_line(plan, options);
  ASSERT_FALSE(issuer.ok());
  EXPECT_EQ(issuer.error().field, "--issuer");
  EXPECT_THAT(issuer.error().message, HasSubstr("--issuer dài 301 byte; tối đa 300 byte"));
  EXPECT_THAT(issuer.error().message_en, HasSubstr("--issuer is 301 bytes long; at most 300"));
  options.issuer.clear();
  options.attached_to = std::string(1000, 'b');
  Result<void> attached = check_attached_line(plan, options);
  ASSERT_FALSE(attached.ok());
  EXPECT_EQ(attached.error().field, "--attached-to");
  EXPECT_FALSE(write_docx(plan, CheckedTable{}, options, (kOutDir / "long.docx").string()).ok());
}

TEST(AttachedLine, BadDateIsAnErrorNamingIt) {
  const Plan plan = attached_plan();
  AppendixOptions options;
  for (const char* bad : {"2024-02-30", "2025-13-01", "32/01/2025", "2025-1-5", "abcd-ef-gh",
                          "15/01/25", "1/1/2025x"}) {
    options.date = bad;
    Result<std::string> line = detail::attached_line(plan, options);
    ASSERT_FALSE(line.ok()) << bad;
    EXPECT_THAT(line.error().message, HasSubstr(bad));
    EXPECT_EQ(line.error().field, "--date");
  }
  options.date = "2024-02-29";  // leap day
  EXPECT_TRUE(detail::attached_line(plan, options).ok());
  options.date = "5/1/2025";  // as Vietnamese offices write it
  EXPECT_THAT(*detail::attached_line(plan, options), HasSubstr("ngày 05 tháng 01 năm 2025"));
  options.date = "15/02/2025";
  EXPECT_THAT(*detail::attached_line(plan, options), HasSubstr("ngày 15 tháng 02 năm 2025"));
}

// Plan 197's appendix goes with the city's report (plans/hai-phong-197.toml):
// the line is there with no option, the options override the plan's parts.
TEST_F(AppendixTest, AttachedLineOfThePlan) {
  AppendixOptions options;
  EXPECT_EQ(*detail::attached_line(plan_, options),
            "(Kèm theo Báo cáo số …/BC-UBND ngày … tháng … năm … của UBND thành phố Hải "
            "Phòng)");
  options.lang = Lang::en;
  EXPECT_EQ(*detail::attached_line(plan_, options),
            "(Attached to Report No. …/BC-UBND dated … of Hải Phòng City People's Committee)");
  options.lang = Lang::vi;
  options.attached_to = "Báo cáo số 15/BC-UBND";
  options.date = "2025-01-05";
  EXPECT_EQ(*detail::attached_line(plan_, options),
            "(Kèm theo Báo cáo số 15/BC-UBND ngày 05 tháng 01 năm 2025 của UBND thành phố Hải "
            "Phòng)");
  options.issuer = "Sở Nội vụ thành phố Hải Phòng";
  EXPECT_EQ(*detail::attached_line(plan_, options),
            "(Kèm theo Báo cáo số 15/BC-UBND ngày 05 tháng 01 năm 2025 của Sở Nội vụ thành phố "
            "Hải Phòng)");
}

TEST_F(AppendixTest, LayoutFollowsPlanOrderWithUnregisteredAfter) {
  Result<detail::AppendixLayout> layout = detail::lay_out_appendix(plan_, table_, filled());
  ASSERT_TRUE(layout.ok()) << layout.error().message;
  EXPECT_EQ(layout->appendix_line, "PHỤ LỤC 2");
  EXPECT_EQ(layout->title_line, "THỐNG KÊ MỘT SỐ CHỈ TIÊU THEO KẾ HOẠCH SỐ 197/KH-UBND");
  EXPECT_EQ(layout->header_rows, 2);
  EXPECT_EQ(layout->columns, 17);
  // 30 registered units (all listed), the unregistered one, the city-wide row.
  ASSERT_EQ(layout->rows.size(), 32u);
  EXPECT_EQ(layout->rows[0].cells[1].text, "Sở Kế hoạch và Đầu tư");
  EXPECT_EQ(layout->rows[3].cells[1].text, "Sở Công Thương");
  EXPECT_EQ(layout->rows[3].cells[0].text, "4");
  EXPECT_EQ(layout->rows[14].cells[1].text, "Sở Khoa học và Công nghệ");
  EXPECT_EQ(layout->rows[14].cells[10].text, "86-96");
  EXPECT_EQ(layout->rows[30].cells[1].text, "UBND huyện Bạch Long Vĩ");
  EXPECT_EQ(layout->rows[30].cells[4].text, "1.045");
  EXPECT_TRUE(layout->rows[31].city_wide);
  EXPECT_EQ(layout->rows[31].cells[1].text, "Toàn thành phố");
  for (size_t col = 0; col < kCityWide.size(); ++col) {
    EXPECT_EQ(layout->rows[31].cells[col + 2].text, kCityWide[col]) << "column " << col + 2;
  }
  // Publish: nothing shaded, no findings list.
  for (const auto& row : layout->rows) {
    for (const auto& body_cell : row.cells) EXPECT_FALSE(body_cell.finding.has_value());
  }
  EXPECT_TRUE(layout->findings.empty());
}

// ---- DOCX --------------------------------------------------------------

TEST_F(AppendixTest, DocxReadBackByPythonDocx) {
  const std::string path = (kOutDir / "appendix_publish.docx").string();
  Result<void> written = write_docx(plan_, table_, filled(), path);
  ASSERT_TRUE(written.ok()) << written.error().message;
  nlohmann::json doc = probe_docx(path);
  ASSERT_FALSE(doc.is_discarded()) << "python-docx could not read " << path;

  // Page setup: A4 landscape, margins within the Decree's ranges.
  const auto& section = doc["section"];
  EXPECT_EQ(section["page_width"], 16838);
  EXPECT_EQ(section["page_height"], 11906);
  EXPECT_EQ(section["orientation"], 1);  // WD_ORIENT.LANDSCAPE
  auto twips_mm = [](int twips) { return twips * 25.4 / 1440; };
  for (const char* side : {"top", "bottom"}) {
    double mm = twips_mm(section[side].get<int>());
    EXPECT_GE(mm, 19.99) << side;
    EXPECT_LE(mm, 25.0) << side;
  }
  EXPECT_GE(twips_mm(section["left"].get<int>()), 29.99);
  EXPECT_LE(twips_mm(section["left"].get<int>()), 35.0);
  EXPECT_GE(twips_mm(section["right"].get<int>()), 14.99);
  EXPECT_LE(twips_mm(section["right"].get<int>()), 20.0);
  EXPECT_TRUE(section["title_page"].get<bool>());
  EXPECT_TRUE(section["header_has_page_field"].get<bool>());
  EXPECT_EQ(doc["fonts"], nlohmann::json::array({"Times New Roman"}));

  // Heading.
  const auto& paragraphs = doc["paragraphs"];
  ASSERT_GE(paragraphs.size(), 4u);
  EXPECT_EQ(paragraphs[0]["text"], "PHỤ LỤC 2");
  EXPECT_TRUE(paragraphs[0]["bold"].get<bool>());
  EXPECT_EQ(paragraphs[0]["size"], 14.0);
  EXPECT_EQ(paragraphs[0]["align"], 1);  // centre
  EXPECT_EQ(paragraphs[1]["text"], "THỐNG KÊ MỘT SỐ CHỈ TIÊU THEO KẾ HOẠCH SỐ 197/KH-UBND");
  EXPECT_TRUE(paragraphs[1]["bold"].get<bool>());
  EXPECT_EQ(paragraphs[2]["text"],
            "(Kèm theo Báo cáo số 15/BC-UBND ngày 05 tháng 01 năm 2025 của UBND thành phố Hải "
            "Phòng)");
  EXPECT_TRUE(paragraphs[2]["italic"].get<bool>());
  EXPECT_THAT(paragraphs[3]["text"].get<std::string>(), HasSubstr("Ghi chú: dấu (*)"));

  // The table: 2 header rows, 30 units, 1 unregistered, the city-wide row.
  ASSERT_EQ(doc["tables"].size(), 1u);
  const auto& table = doc["tables"][0];
  const auto& cells = table["cells"];
  const auto& ids = table["ids"];
  ASSERT_EQ(cells.size(), 34u);
  EXPECT_EQ(table["header_rows"][0], true);
  EXPECT_EQ(table["header_rows"][1], true);
  EXPECT_EQ(table["header_rows"][2], false);
  // STT and the name span both header rows (vMerge).
  EXPECT_EQ(cells[0][0], "STT");
  EXPECT_EQ(ids[0][0], ids[1][0]);
  EXPECT_EQ(cells[0][1], "Tên đơn vị");
  EXPECT_EQ(ids[0][1], ids[1][1]);
  // "Thực hiện thủ tục hành chính" spans columns 3–4 (gridSpan), its two
  // indicators below; the online group spans 5–9; rooms 12–13.
  EXPECT_EQ(cells[0][2], "Thực hiện thủ tục hành chính");
  EXPECT_EQ(ids[0][2], ids[0][3]);
  EXPECT_NE(ids[0][3], ids[0][4]);
  EXPECT_EQ(cells[1][2], "Số TTHC đã rút ngắn được thời gian so với quy định (Số thủ tục)");
  EXPECT_EQ(cells[1][3], "Số ngày trung bình được rút ngắn");
  EXPECT_EQ(cells[0][4], "Thực hiện dịch vụ hành chính công trực tuyến");
  for (int col = 5; col <= 8; ++col) EXPECT_EQ(ids[0][4], ids[0][col]) << col;
  EXPECT_EQ(cells[0][9], "Thu phí, lệ phí không dùng tiền mặt (%)");
  EXPECT_EQ(ids[0][9], ids[1][9]);  // no group: spans both rows
  EXPECT_EQ(cells[0][11], "Phòng họp trực tuyến");
  EXPECT_EQ(ids[0][11], ids[0][12]);
  EXPECT_EQ(cells[1][11], "Đã có phòng họp trực tuyến");
  EXPECT_EQ(cells[1][12], "Số lượng phòng họp trực tuyến");

  // Rows: plan order, values the Vietnamese way.
  EXPECT_EQ(cells[2][0], "1");
  EXPECT_EQ(cells[2][1], "Sở Kế hoạch và Đầu tư");
  EXPECT_EQ(cells[2][3], "1,50");  // the plan's 2 decimals
  EXPECT_EQ(cells[2][10], "");  // not reported
  EXPECT_EQ(cells[3][1], "Công an thành phố");  // registered, sent nothing: empty row
  EXPECT_EQ(cells[3][4], "");
  EXPECT_EQ(cells[5][0], "4");
  EXPECT_EQ(cells[5][1], "Sở Công Thương");
  for (size_t col = 0; col < kCongThuong.size(); ++col) {
    EXPECT_EQ(cells[5][col + 2], kCongThuong[col]) << "column " << col + 2;
  }
  EXPECT_EQ(cells[16][1], "Sở Khoa học và Công nghệ");
  EXPECT_EQ(cells[16][10], "86-96");  // text kept as received
  EXPECT_EQ(cells[32][0], "31");
  EXPECT_EQ(cells[32][1], "UBND huyện Bạch Long Vĩ");
  EXPECT_EQ(cells[32][4], "1.045");
  EXPECT_EQ(cells[32][5], "1.000");
  EXPECT_EQ(cells[32][12], "1");
  EXPECT_EQ(cells[32][13], "0");  // mark "no"
  EXPECT_EQ(cells[33][1], "Toàn thành phố");
  for (size_t col = 0; col < kCityWide.size(); ++col) {
    EXPECT_EQ(cells[33][col + 2], kCityWide[col]) << "column " << col + 2;
  }
  // Publish: no shading.
  for (const auto& row : table["fills"]) {
    for (const auto& fill : row) EXPECT_TRUE(fill.is_null());
  }
}

TEST_F(AppendixTest, DocxXmlHasRepeatedHeaderTitlePageAndFonts) {
  const std::string path = (kOutDir / "appendix_xml.docx").string();
  ASSERT_TRUE(write_docx(plan_, table_, AppendixOptions{}, path).ok());
  for (const char* part : {"[Content_Types].xml", "_rels/.rels", "word/document.xml",
                           "word/styles.xml", "word/settings.xml", "word/header1.xml",
                           "word/header2.xml", "word/_rels/document.xml.rels",
                           "docProps/core.xml", "docProps/app.xml"}) {
    std::string content = zip_entry(path, part);
    pugi::xml_document doc;
    EXPECT_TRUE(doc.load_string(content.c_str())) << part << " is not well-formed XML";
  }
  pugi::xml_document doc;
  ASSERT_TRUE(doc.load_string(zip_entry(path, "word/document.xml").c_str()));
  pugi::xml_node body = doc.child("w:document").child("w:body");
  pugi::xml_node table = body.child("w:tbl");
  int header_rows = 0;
  for (pugi::xml_node row : table.children("w:tr")) {
    if (row.child("w:trPr").child("w:tblHeader")) ++header_rows;
  }
  EXPECT_EQ(header_rows, 2);
  pugi::xml_node section = body.child("w:sectPr");
  EXPECT_TRUE(section.child("w:titlePg"));
  EXPECT_STREQ(section.child("w:pgSz").attribute("w:orient").value(), "landscape");
  // Every run names Times New Roman for ascii, hAnsi and cs.
  int runs = 0;
  for (pugi::xpath_node run : doc.select_nodes("//w:r[w:t]")) {
    pugi::xml_node fonts = run.node().child("w:rPr").child("w:rFonts");
    ++runs;
    for (const char* attr : {"w:ascii", "w:hAnsi", "w:cs"}) {
      EXPECT_STREQ(fonts.attribute(attr).value(), "Times New Roman");
    }
  }
  EXPECT_GT(runs, 30);
  // The plan's document and issuer; dots for the number and the date.
  std::string xml = zip_entry(path, "word/document.xml");
  EXPECT_THAT(xml, HasSubstr("(Kèm theo Báo cáo số …/BC-UBND ngày … tháng … năm … của UBND "
                             "thành phố Hải Phòng)"));
  // The page number: a centred PAGE field in the default header, none in the first.
  pugi::xml_document header;
  ASSERT_TRUE(header.load_string(zip_entry(path, "word/header1.xml").c_str()));
  pugi::xml_node paragraph = header.child("w:hdr").child("w:p");
  EXPECT_STREQ(paragraph.child("w:pPr").child("w:jc").attribute("w:val").value(), "center");
  EXPECT_THAT(std::string(header.select_node("//w:instrText").node().text().get()),
              HasSubstr("PAGE"));
  EXPECT_THAT(zip_entry(path, "word/header2.xml"), ::testing::Not(HasSubstr("PAGE")));
}

TEST_F(AppendixTest, DocxReviewShadesFindingsAndListsThem) {
  AppendixOptions options = filled();
  options.variant = Variant::review;
  const std::string path = (kOutDir / "appendix_review.docx").string();
  ASSERT_TRUE(write_docx(plan_, table_, options, path).ok());
  nlohmann::json doc = probe_docx(path);
  ASSERT_FALSE(doc.is_discarded());
  ASSERT_EQ(doc["tables"].size(), 2u);
  const auto& fills = doc["tables"][0]["fills"];
  const auto& cells = doc["tables"][0]["cells"];
  // Review keeps the STT as received (the findings refer to it).
  EXPECT_EQ(cells[16][0], "15");
  EXPECT_EQ(cells[3][0], "");  // Công an thành phố sent no row
  EXPECT_EQ(fills[16][10], "FFC7CE");  // error: 86-96
  EXPECT_EQ(fills[32][1], "FFEB9C");   // warning: unregistered unit's name
  int shaded = 0;
  for (const auto& row : fills) {
    for (const auto& fill : row) shaded += fill.is_null() ? 0 : 1;
  }
  EXPECT_EQ(shaded, 2);
  const auto& findings = doc["tables"][1]["cells"];
  ASSERT_EQ(findings.size(), 3u);
  EXPECT_EQ(findings[0], nlohmann::json::array({"STT", "Đơn vị", "Chỉ tiêu", "Nội dung",
                                                "Giá trị đã nhập", "Giá trị đúng", "Gợi ý sửa"}));
  EXPECT_EQ(findings[1][1], "Sở Khoa học và Công nghệ");
  EXPECT_EQ(findings[1][2],
            "Tỷ lệ người dân và DN nộp được hồ sơ hợp lệ ngay từ lần nộp đầu tiên (%)");
  EXPECT_EQ(findings[1][3], "Giá trị không phải là số");
  EXPECT_EQ(findings[1][4], "86-96");
  EXPECT_EQ(findings[1][6], "Ghi một số, ví dụ 91");
  EXPECT_EQ(findings[2][1], "UBND huyện Bạch Long Vĩ");
  EXPECT_EQ(doc["tables"][1]["header_rows"][0], true);
}

TEST_F(AppendixTest, DocxSummaryGoesBeforeTheTable) {
  AppendixOptions options = filled();
  options.with_summary = true;
  options.summary_text = "Có 4 đơn vị báo cáo.\n\nTỷ lệ toàn trình toàn thành phố 93,42%.";
  const std::string path = (kOutDir / "appendix_summary.docx").string();
  ASSERT_TRUE(write_docx(plan_, table_, options, path).ok());
  nlohmann::json doc = probe_docx(path);
  ASSERT_FALSE(doc.is_discarded());
  const auto& paragraphs = doc["paragraphs"];
  ASSERT_GE(paragraphs.size(), 6u);
  EXPECT_EQ(paragraphs[3]["text"], "Có 4 đơn vị báo cáo.");
  EXPECT_EQ(paragraphs[4]["text"], "Tỷ lệ toàn trình toàn thành phố 93,42%.");
  // The body order in the XML: the summary paragraphs come before w:tbl.
  std::string xml = zip_entry(path, "word/document.xml");
  EXPECT_LT(xml.find("Có 4 đơn vị báo cáo."), xml.find("<w:tbl>"));
}

TEST_F(AppendixTest, NamesInNfdComeOutInNfc) {
  // "Sở Công Thương" with its vowels decomposed (NFD), as some Mac files send.
  const std::string nfd = "S\x6f\xcc\x9b\xcc\x89 C\x6f\xcc\x82ng Th\x75\xcc\x9b\x6f\xcc\x9bng";
  table_.rows[2].unit_name = "";
  table_.rows[2].raw_name = nfd;
  const std::string path = (kOutDir / "appendix_nfd.docx").string();
  ASSERT_TRUE(write_docx(plan_, table_, filled(), path).ok());
  std::string xml = zip_entry(path, "word/document.xml");
  EXPECT_THAT(xml, HasSubstr("Sở Công Thương"));
  EXPECT_EQ(xml.find(nfd), std::string::npos);
}

TEST_F(AppendixTest, BadDateAndUnwritablePathAreErrors) {
  AppendixOptions options = filled();
  options.date = "2025-02-30";
  for (bool pdf : {false, true}) {
    const std::string path = (kOutDir / (pdf ? "bad_date.pdf" : "bad_date.docx")).string();
    Result<void> written = pdf ? write_pdf(plan_, table_, options, path)
                               : write_docx(plan_, table_, options, path);
    ASSERT_FALSE(written.ok());
    EXPECT_THAT(written.error().message, HasSubstr("2025-02-30"));
  }
  const std::string nowhere = "/nonexistent-dir-chiso/appendix";
  Result<void> docx = write_docx(plan_, table_, filled(), nowhere + ".docx");
  ASSERT_FALSE(docx.ok());
  EXPECT_THAT(docx.error().message, HasSubstr(nowhere + ".docx"));
  Result<void> pdf = write_pdf(plan_, table_, filled(), nowhere + ".pdf");
  ASSERT_FALSE(pdf.ok());
  EXPECT_THAT(pdf.error().message, HasSubstr(nowhere + ".pdf"));
}

TEST(AppendixSmallPlan, OneLevelHeaderWhenNoGroups) {
  // A second plan, built in code: two indicators, no groups, two units.
  Plan plan;
  plan.appendix_vi = "PHỤ LỤC 1";
  plan.title_vi = "Kết quả thử nghiệm";
  Indicator count;
  count.code = "visits";
  count.label_vi = "Số lượt";
  count.decimals = 0;
  Indicator share;
  share.code = "share";
  share.label_vi = "Tỷ lệ (%)";
  share.kind = IndicatorKind::percent;
  plan.indicators = {count, share};
  UnitDef first;
  first.name = "Phường Lê Lợi";
  UnitDef second;
  second.name = "Phường Máy Tơ";
  plan.units = {first, second};
  CheckedTable table;
  UnitRow row;
  row.row_number = 1;
  row.unit_name = "Phường Máy Tơ";
  row.raw_name = row.unit_name;
  Value visits;
  visits.state = ValueState::number;
  visits.number = 12345;
  Value pct;
  pct.state = ValueState::number;
  pct.number = 12.5;
  row.values = {visits, pct};
  table.rows.push_back(row);
  table.summary = {sum_value(12345, 1), sum_value(12.5, 1)};

  Result<detail::AppendixLayout> layout = detail::lay_out_appendix(plan, table, AppendixOptions{});
  ASSERT_TRUE(layout.ok());
  EXPECT_EQ(layout->header_rows, 1);
  EXPECT_EQ(layout->title_line, "KẾT QUẢ THỬ NGHIỆM");  // upper-cased, Vietnamese letters too

  fs::create_directories(kOutDir);
  const std::string path = (kOutDir / "appendix_small.docx").string();
  ASSERT_TRUE(write_docx(plan, table, AppendixOptions{}, path).ok());
  nlohmann::json doc = probe_docx(path);
  ASSERT_FALSE(doc.is_discarded());
  const auto& cells = doc["tables"][0]["cells"];
  ASSERT_EQ(cells.size(), 4u);  // header, 2 units, city-wide
  EXPECT_EQ(cells[0], nlohmann::json::array({"STT", "Tên đơn vị", "Số lượt", "Tỷ lệ (%)"}));
  EXPECT_EQ(cells[1][1], "Phường Lê Lợi");
  EXPECT_EQ(cells[2], nlohmann::json::array({"2", "Phường Máy Tơ", "12.345", "12,50"}));
  EXPECT_EQ(doc["tables"][0]["header_rows"][0], true);

  const std::string pdf_path = (kOutDir / "appendix_small.pdf").string();
  ASSERT_TRUE(write_pdf(plan, table, AppendixOptions{}, pdf_path).ok());
  std::string text = text::to_nfc(run("pdftotext -layout '" + pdf_path + "' -"));
  EXPECT_THAT(text, HasSubstr("KẾT QUẢ THỬ NGHIỆM"));
  EXPECT_THAT(tokens(line_with(text, "Phường Máy Tơ")),
              ::testing::ElementsAre("2", "Phường", "Máy", "Tơ", "12.345", "12,50"));
}

// The PCI 2019 ranking is published on its own, attached to no document:
// its appendix has no "(Kèm theo …)" line, neither written nor left blank,
// and no appendix line over its title (the plan names none): not a bare
// "PHỤ LỤC", nor the table's own "Bảng xếp hạng PCI năm 2019" over the
// same title.
TEST(AppendixPci, HasNoAttachedLineNorAppendixLine) {
  Result<Plan> plan = load_plan(std::string(CHISO_SOURCE_DIR) + "/plans/pci-2019.toml");
  ASSERT_TRUE(plan.ok()) << plan.error().message;
  Result<CheckedTable> checked =
      service::check_file(*plan, std::string(CHISO_SOURCE_DIR) + "/samples/pci-2019.tsv", "2019");
  ASSERT_TRUE(checked.ok()) << checked.error().message;
  fs::create_directories(kOutDir);
  const std::string path = (kOutDir / "appendix_pci.docx").string();
  ASSERT_TRUE(write_docx(*plan, *checked, AppendixOptions{}, path).ok());
  nlohmann::json doc = probe_docx(path);
  ASSERT_FALSE(doc.is_discarded());
  const auto& paragraphs = doc["paragraphs"];
  ASSERT_GE(paragraphs.size(), 1u);
  EXPECT_EQ(paragraphs[0]["text"], "BẢNG XẾP HẠNG PCI NĂM 2019");
  for (const auto& paragraph : paragraphs) {
    const std::string text = paragraph["text"].get<std::string>();
    EXPECT_EQ(text.find("Kèm theo"), std::string::npos) << text;
    EXPECT_EQ(text.find("PHỤ LỤC"), std::string::npos) << text;
    EXPECT_EQ(text.find("Bảng xếp hạng"), std::string::npos) << text;
    EXPECT_FALSE(paragraph["italic"].get<bool>()) << text;  // the line is the only italic one
  }
  // The title is the last paragraph before the table: no empty line for it.
  const std::string xml = zip_entry(path, "word/document.xml");
  const size_t title = xml.find("BẢNG XẾP HẠNG PCI NĂM 2019");
  ASSERT_NE(title, std::string::npos);
  const size_t table = xml.find("<w:tbl>", title);
  ASSERT_NE(table, std::string::npos);
  EXPECT_THAT(xml.substr(title, table - title),
              ::testing::Not(::testing::ContainsRegex("<w:p[ >]")));
  // No STT: the rows are in rank order, 1 to 17 (appendix_pages_test.cpp).
  EXPECT_EQ(doc["tables"][0]["cells"][1][0], "Quảng Ninh");

  const std::string pdf_path = (kOutDir / "appendix_pci.pdf").string();
  ASSERT_TRUE(write_pdf(*plan, *checked, AppendixOptions{}, pdf_path).ok());
  const std::string text = text::to_nfc(run("pdftotext -layout '" + pdf_path + "' -"));
  EXPECT_THAT(text, HasSubstr("BẢNG XẾP HẠNG PCI NĂM 2019"));
  EXPECT_EQ(text.find("PHỤ LỤC"), std::string::npos);
  EXPECT_EQ(text.find("Kèm theo"), std::string::npos);
  EXPECT_EQ(text.find("BC-UBND"), std::string::npos);
  EXPECT_THAT(tokens(line_with(text, "Quảng Ninh")),
              ::testing::ElementsAre("Quảng", "Ninh", "73,40", "1", "Rất", "tốt"));
}

// The review variant of a table the check found nothing in (the PCI 2019
// table as published: tests/check/pci_2019_golden_test.cpp) says so under
// the findings' title instead of drawing an empty table.
TEST(AppendixPci, ReviewWithNothingFoundSaysSo) {
  Result<Plan> plan = load_plan(std::string(CHISO_SOURCE_DIR) + "/plans/pci-2019.toml");
  ASSERT_TRUE(plan.ok()) << plan.error().message;
  Result<CheckedTable> checked =
      service::check_file(*plan, std::string(CHISO_SOURCE_DIR) + "/samples/pci-2019.tsv", "2019");
  ASSERT_TRUE(checked.ok()) << checked.error().message;
  ASSERT_TRUE(checked->findings.empty());
  AppendixOptions options;
  options.variant = Variant::review;
  fs::create_directories(kOutDir);
  const std::string path = (kOutDir / "appendix_pci_review.docx").string();
  ASSERT_TRUE(write_docx(*plan, *checked, options, path).ok());
  nlohmann::json doc = probe_docx(path);
  ASSERT_FALSE(doc.is_discarded());
  EXPECT_EQ(doc["tables"].size(), 1u);  // the ranking alone
  std::vector<std::string> texts;
  for (const auto& paragraph : doc["paragraphs"]) texts.push_back(paragraph["text"]);
  EXPECT_THAT(texts, ::testing::IsSupersetOf({"DANH SÁCH CÁC VẤN ĐỀ PHÁT HIỆN KHI KIỂM TRA SỐ LIỆU",
                                              "Không phát hiện vấn đề nào khi kiểm tra số liệu."}));

  const std::string pdf_path = (kOutDir / "appendix_pci_review.pdf").string();
  ASSERT_TRUE(write_pdf(*plan, *checked, options, pdf_path).ok());
  const std::string text = text::to_nfc(run("pdftotext -layout '" + pdf_path + "' -"));
  EXPECT_THAT(text, HasSubstr("Không phát hiện vấn đề nào khi kiểm tra số liệu."));
  EXPECT_EQ(text.find("Gợi ý sửa"), std::string::npos);  // no findings' header
}

// ---- PDF ---------------------------------------------------------------

TEST_F(AppendixTest, PdfIsA4LandscapeWithEmbeddedSerifAndTheValues) {
  const std::string path = (kOutDir / "appendix_publish.pdf").string();
  Result<void> written = write_pdf(plan_, table_, filled(), path);
  ASSERT_TRUE(written.ok()) << written.error().message;

  std::string info = run("pdfinfo '" + path + "'");
  EXPECT_THAT(info, ::testing::ContainsRegex("Page size: +841\\.89 x 595\\.2[78][0-9]* pts \\(A4\\)"));
  std::string pages_line = line_with(info, "Pages:");
  int pages = std::atoi(pages_line.substr(pages_line.find(':') + 1).c_str());
  EXPECT_GE(pages, 2);  // 34 table rows do not fit on one landscape page

  // Every font embedded (subset), and it is a serif (Liberation Serif stands in
  // for Times New Roman on Debian).
  std::string fonts = run("pdffonts '" + path + "'");
  std::istringstream font_lines(fonts);
  int font_count = 0;
  std::string line;
  std::getline(font_lines, line);
  std::getline(font_lines, line);
  while (std::getline(font_lines, line)) {
    ++font_count;
    EXPECT_THAT(line, ::testing::ContainsRegex("(TimesNewRoman|LiberationSerif)"));
    std::vector<std::string> words = tokens(line);
    ASSERT_GE(words.size(), 5u);
    EXPECT_EQ(words[words.size() - 5], "yes") << "not embedded: " << line;
  }
  EXPECT_GE(font_count, 2);  // regular, bold, italic

  // Text, compared in NFC with the source names and the hand values.
  std::string text = text::to_nfc(run("pdftotext -layout '" + path + "' -"));
  EXPECT_THAT(text, HasSubstr("PHỤ LỤC 2"));
  EXPECT_THAT(text, HasSubstr("THỐNG KÊ MỘT SỐ CHỈ TIÊU THEO KẾ HOẠCH SỐ 197/KH-UBND"));
  EXPECT_THAT(text, HasSubstr("(Kèm theo Báo cáo số 15/BC-UBND ngày 05 tháng 01 năm 2025 của"));
  // Every unit name, in content order (-raw) with white space collapsed: a
  // long name wraps inside its cell.
  std::string raw_text;
  for (const std::string& word : tokens(text::to_nfc(run("pdftotext -raw '" + path + "' -")))) {
    raw_text += word + " ";
  }
  for (const UnitDef& unit : plan_.units) {
    // The 30 units of 2024, not the communes that succeeded the districts.
    if (unit_presence(plan_, unit, "2024-Q4") != UnitPresence::valid) continue;
    EXPECT_THAT(raw_text, HasSubstr(text::to_nfc(unit.name) + " ")) << unit.name;
  }
  EXPECT_THAT(raw_text, HasSubstr("UBND huyện Bạch Long Vĩ "));
  std::vector<std::string> expected = {"4", "Sở", "Công", "Thương"};
  for (const std::string& value : kCongThuong) {
    if (!value.empty()) expected.push_back(value);
  }
  EXPECT_EQ(tokens(line_with(text, "Sở Công Thương")), expected);
  std::vector<std::string> city = {"Toàn", "thành", "phố"};
  city.insert(city.end(), kCityWide.begin(), kCityWide.end());
  EXPECT_EQ(tokens(line_with(text, "Toàn thành phố")), city);
  // The unregistered unit (its name wraps; its values sit on the middle line).
  EXPECT_EQ(tokens(line_with(text, "1.045")),
            (std::vector<std::string>{"31", "0", "0,00", "1.045", "1.000", "95,69", "45", "4,31",
                                      "12,50", "100,00", "x", "1", "0"}));
  EXPECT_THAT(text, HasSubstr("Ghi chú: dấu (*)"));

  // Page 2 starts with its number and the header again; page 1 has no number.
  std::string page1 = run("pdftotext -layout -f 1 -l 1 '" + path + "' -");
  std::string page2 = text::to_nfc(run("pdftotext -layout -f 2 -l 2 '" + path + "' -"));
  std::istringstream page2_lines(page2);
  std::string first_line;
  while (std::getline(page2_lines, first_line) && tokens(first_line).empty()) {
  }
  EXPECT_EQ(tokens(first_line), std::vector<std::string>{"2"});
  EXPECT_THAT(page2, HasSubstr("Tên đơn vị"));
  EXPECT_THAT(page2, HasSubstr("STT"));
  EXPECT_THAT(text::to_nfc(page1), HasSubstr("PHỤ LỤC 2"));

  // For a person to look at.
  run("pdftoppm -png -r 60 -f 1 -l 2 '" + path + "' '" + (kOutDir / "appendix_publish").string() +
      "'");
  EXPECT_TRUE(fs::exists(kOutDir / "appendix_publish-1.png") ||
              fs::exists(kOutDir / "appendix_publish-01.png"));
}

// The English labels have words too long for their column at the header's
// 9 pt ("Administrative", "collected"): the header is set smaller rather
// than break them ("collecte-" / "d"), the Vietnamese one stays as it was.
TEST_F(AppendixTest, PdfEnglishHeaderWordsAreNotSplit) {
  AppendixOptions options;
  options.lang = Lang::en;
  const std::string path = (kOutDir / "appendix_english.pdf").string();
  ASSERT_TRUE(write_pdf(plan_, table_, options, path).ok());
  std::string words;
  for (const std::string& word : tokens(text::to_nfc(run("pdftotext -raw '" + path + "' -")))) {
    words += word + " ";
  }
  // The header: what comes before the first row (the notes under the table
  // say the same labels again).
  const size_t first_row = words.find(" 1 Sở Kế ");
  ASSERT_NE(first_row, std::string::npos) << words;
  const std::string header = words.substr(0, first_row + 1);
  // From the plan's label_en of tthc_shortened, cashless_pct and
  // first_time_valid_pct.
  for (const char* whole :
       {"Administrative", "procedures", "collected", "businesses", "submission", "maximum"}) {
    EXPECT_THAT(header, HasSubstr(std::string(" ") + whole + " ")) << whole;
  }
}

TEST_F(AppendixTest, PdfReviewListsFindingsAndSummary) {
  AppendixOptions options = filled();
  options.variant = Variant::review;
  options.with_summary = true;
  options.summary_text = "Có 4 đơn vị báo cáo.";
  const std::string path = (kOutDir / "appendix_review.pdf").string();
  ASSERT_TRUE(write_pdf(plan_, table_, options, path).ok());
  std::string text = text::to_nfc(run("pdftotext -layout '" + path + "' -"));
  EXPECT_THAT(text, HasSubstr("Có 4 đơn vị báo cáo."));
  EXPECT_LT(text.find("Có 4 đơn vị báo cáo."), text.find("Tên đơn vị"));
  EXPECT_THAT(text, HasSubstr("DANH SÁCH CÁC VẤN ĐỀ PHÁT HIỆN KHI KIỂM TRA SỐ LIỆU"));
  EXPECT_THAT(text, HasSubstr("Giá trị không phải là số"));
  EXPECT_THAT(text, HasSubstr("Đơn vị chưa đăng ký trong kế hoạch"));
  run("pdftoppm -png -r 60 -f 1 -l 1 '" + path + "' '" + (kOutDir / "appendix_review").string() +
      "'");
}

TEST_F(AppendixTest, CompareAddsCityWideChangeTable) {
  // The previous quarter, city-wide figures made up by hand; the change is
  // current − previous as both are shown (93,42 − 90 = 3,42 points;
  // 169 − 150 = 19 procedures; 3,61 − 4 = −0,39 days; 1.306 − 1.306 = 0).
  CheckedTable previous = table_;
  previous.period = "2024-Q3";
  previous.summary[0].value = 150;
  previous.summary[1].value = 4;
  previous.summary[4].value = 90;
  AppendixOptions options = filled();
  options.previous = &previous;
  const std::string path = (kOutDir / "appendix_compare.docx").string();
  ASSERT_TRUE(write_docx(plan_, table_, options, path).ok());
  nlohmann::json doc = probe_docx(path);
  ASSERT_FALSE(doc.is_discarded());
  ASSERT_EQ(doc["tables"].size(), 2u);
  const auto& rows = doc["tables"][1]["cells"];
  ASSERT_EQ(rows.size(), 11u);  // header + the 10 indicators that are not marks
  EXPECT_EQ(rows[0],
            nlohmann::json::array({"Chỉ tiêu", "Kỳ trước (Quý\u00A0III\u00A0năm\u00A02024)",
                                   "Kỳ này (Quý\u00A0IV\u00A0năm\u00A02024)", "Thay đổi"}));
  EXPECT_EQ(rows[1], nlohmann::json::array(
                         {"Số TTHC đã rút ngắn được thời gian so với quy định (Số thủ tục)", "150",
                          "169", "+19"}));
  EXPECT_EQ(rows[2][3], "-0,39 ngày");
  EXPECT_EQ(rows[3][3], "0");
  EXPECT_EQ(rows[5], nlohmann::json::array(
                         {"Tỷ lệ DVHCC mức độ toàn trình/Tổng số DVHCC trực tuyến (%)", "90,00",
                          "93,42", "+3,42 điểm"}));

  const std::string pdf_path = (kOutDir / "appendix_compare.pdf").string();
  ASSERT_TRUE(write_pdf(plan_, table_, options, pdf_path).ok());
  std::string text = text::to_nfc(run("pdftotext -layout '" + pdf_path + "' -"));
  EXPECT_THAT(text, HasSubstr("SO SÁNH VỚI KỲ TRƯỚC (TOÀN THÀNH PHỐ)"));
  EXPECT_THAT(line_with(text, "+3,42 điểm"), HasSubstr("93,42"));
}

// ---- the seed, the whole way ---------------------------------------------

TEST_F(AppendixTest, SeedCheckedThenPublished) {
  Result<CheckedTable> checked = service::check_file(
      plan_, std::string(CHISO_SOURCE_DIR) + "/samples/000_e41d2a91a7ebffff.txt", "2024-Q4");
  ASSERT_TRUE(checked.ok()) << checked.error().message;
  AppendixOptions options;
  options.variant = Variant::review;
  const std::string path = (kOutDir / "appendix_seed_review.docx").string();
  ASSERT_TRUE(write_docx(plan_, *checked, options, path).ok());
  nlohmann::json doc = probe_docx(path);
  ASSERT_FALSE(doc.is_discarded());
  const auto& cells = doc["tables"][0]["cells"];
  const auto& fills = doc["tables"][0]["fills"];
  ASSERT_EQ(cells.size(), 33u);  // 2 header rows, the 30 units, city-wide
  for (size_t unit_idx = 0; unit_idx < 30; ++unit_idx) {  // the units of 2024, first in the plan
    EXPECT_EQ(cells[unit_idx + 2][1], plan_.units[unit_idx].name);
  }
  // Row 12 of the seed, by hand: Sở Ngoại vụ 1 | 7 | 1 | 4 | 100 | 0 | 0 | 0
  // | 100 | x | 1 | x | (blank) | 0 | (blank), days and shares with the
  // plan's 2 decimals.
  EXPECT_EQ(cells[13], nlohmann::json::array({"12", "Sở Ngoại vụ", "1", "7,00", "1", "4", "100,00",
                                              "0", "0,00", "0,00", "100,00", "x", "1", "x", "", "0", ""}));
  // Its 4 full-process services out of 1 in total is a finding at one of the
  // online service cells; the range 86-96 of row 15 is one too.
  bool row12_shaded = false;
  for (int col = 4; col <= 8; ++col) row12_shaded |= !fills[13][col].is_null();
  EXPECT_TRUE(row12_shaded);
  EXPECT_FALSE(fills[16][10].is_null());
  EXPECT_EQ(cells[16][10], "86-96");
  ASSERT_EQ(doc["tables"].size(), 2u);
  EXPECT_GE(doc["tables"][1]["cells"].size(), 3u);

  const std::string pdf_path = (kOutDir / "appendix_seed.pdf").string();
  ASSERT_TRUE(write_pdf(plan_, *checked, AppendixOptions{}, pdf_path).ok());
  std::string text = text::to_nfc(run("pdftotext -layout '" + pdf_path + "' -"));
  EXPECT_EQ(tokens(line_with(text, "Sở Ngoại vụ")),
            (std::vector<std::string>{"12", "Sở", "Ngoại", "vụ", "1", "7,00", "1", "4", "100,00", "0",
                                      "0,00", "0,00", "100,00", "x", "1", "x", "0"}));
}

// ---- a unit's own row, to sign (issue 16 §3) ----------------------------

// Sở Công Thương's row alone, submitted as version 3 at 02:15 UTC on
// 5 January 2025 (09:15 in Hải Phòng) and approved at 20:30 UTC the same
// day (03:30 on the 6th there).
class UnitRowDocumentTest : public AppendixTest {
 protected:
  void SetUp() override {
    AppendixTest::SetUp();
    for (const UnitRow& row : table_.rows) {
      if (row.unit_name == "Sở Công Thương") own_.rows.push_back(row);
    }
    own_.period = "2024-Q4";
    options_.date = "2025-01-10";
    UnitRowDocument& unit = options_.unit_row.emplace();
    unit.unit = "Sở Công Thương";
    unit.version = 3;
    unit.submitted_at_utc = "2025-01-05T02:15:00.000Z";
    unit.submitted_by = "nguyen.van.a";
  }
  CheckedTable own_;
  AppendixOptions options_;
};

TEST(VietnamTime, SevenHoursAheadAcrossMidnightAndYears) {
  EXPECT_EQ(detail::vietnam_time_text("2025-01-05T02:15:00.000Z", Lang::vi),
            "09:15 ngày 05/01/2025");
  EXPECT_EQ(detail::vietnam_time_text("2025-01-05T20:30:59Z", Lang::vi), "03:30 ngày 06/01/2025");
  EXPECT_EQ(detail::vietnam_time_text("2024-12-31T17:00:00Z", Lang::en), "00:00 on 2025-01-01");
  EXPECT_EQ(detail::vietnam_time_text("", Lang::vi), "");
  EXPECT_EQ(detail::vietnam_time_text("5 tháng 1", Lang::vi), "");
  EXPECT_EQ(detail::vietnam_time_text("2025-13-05T02:15:00Z", Lang::vi), "");
}

TEST_F(UnitRowDocumentTest, LayoutHasTheUnitThePeriodItsRowAndTheSignatureBlock) {
  Result<detail::AppendixLayout> layout = detail::lay_out_appendix(plan_, own_, options_);
  ASSERT_TRUE(layout.ok()) << layout.error().message;
  EXPECT_EQ(layout->appendix_line, "SỞ CÔNG THƯƠNG");
  EXPECT_EQ(layout->title_line, "THỐNG KÊ MỘT SỐ CHỈ TIÊU THEO KẾ HOẠCH SỐ 197/KH-UBND");
  EXPECT_EQ(layout->attached_line, "Kỳ báo cáo: Quý IV năm 2024");
  EXPECT_EQ(layout->header_rows, 2);
  ASSERT_EQ(layout->rows.size(), 1u) << "its row alone, no city-wide row";
  std::vector<std::string> cells;
  for (const detail::BodyCell& cell : layout->rows[0].cells) cells.push_back(cell.text);
  std::vector<std::string> expected = {"1", "Sở Công Thương"};
  expected.insert(expected.end(), kCongThuong.begin(), kCongThuong.end());
  EXPECT_EQ(cells, expected);
  EXPECT_EQ(layout->submitted_line,
            "Số liệu lần 3, nộp lúc 09:15 ngày 05/01/2025 bởi nguyen.van.a (giờ Việt Nam).");
  ASSERT_TRUE(layout->signature);
  EXPECT_EQ(layout->signature->place_date, "Hải Phòng, ngày 10 tháng 01 năm 2025");
  EXPECT_EQ(layout->signature->left_title, "NGƯỜI LẬP BIỂU");
  EXPECT_EQ(layout->signature->left_hint, "(Ký, ghi rõ họ tên)");
  EXPECT_EQ(layout->signature->right_title, "THỦ TRƯỞNG ĐƠN VỊ");
  EXPECT_EQ(layout->signature->right_hint, "(Ký tên, đóng dấu)");
  // The plan's note, nothing about the city: no targets, no footnotes.
  ASSERT_EQ(layout->notes.size(), 1u);
  EXPECT_THAT(layout->notes[0], HasSubstr("Ghi chú: dấu (*)"));
  EXPECT_TRUE(layout->targets_rows.empty());

  options_.unit_row->approved = true;
  options_.unit_row->approved_at_utc = "2025-01-05T20:30:00.000Z";
  options_.unit_row->submitted_by = "import";
  options_.date.clear();
  layout = detail::lay_out_appendix(plan_, own_, options_);
  ASSERT_TRUE(layout.ok());
  EXPECT_EQ(layout->submitted_line,
            "Số liệu lần 3, nộp lúc 09:15 ngày 05/01/2025; đã được duyệt lúc 03:30 ngày 06/01/2025 "
            "(giờ Việt Nam).");
  EXPECT_EQ(layout->signature->place_date, "Hải Phòng, ngày … tháng … năm …");

  options_.lang = Lang::en;
  layout = detail::lay_out_appendix(plan_, own_, options_);
  ASSERT_TRUE(layout.ok());
  EXPECT_EQ(layout->attached_line, "Reporting period: Q4 2024");
  EXPECT_EQ(layout->signature->right_title, "HEAD OF THE UNIT");

  options_.date = "2025-02-30";
  EXPECT_FALSE(detail::lay_out_appendix(plan_, own_, options_).ok());
}

TEST_F(UnitRowDocumentTest, DocxHasTheRowAndABorderlessSignatureTable) {
  const std::string path = (kOutDir / "unit_row.docx").string();
  Result<void> written = write_docx(plan_, own_, options_, path);
  ASSERT_TRUE(written.ok()) << written.error().message;
  pugi::xml_document doc;
  ASSERT_TRUE(doc.load_string(zip_entry(path, "word/document.xml").c_str()));
  pugi::xml_node body = doc.child("w:document").child("w:body");
  std::vector<pugi::xml_node> tables;
  for (pugi::xml_node table : body.children("w:tbl")) tables.push_back(table);
  ASSERT_EQ(tables.size(), 2u);  // the row, the signature block
  // The text of each `child` of each `parent` node: the cells of the rows,
  // the paragraphs of the cells.
  auto texts = [](pugi::xml_object_range<pugi::xml_named_node_iterator> parents,
                  const char* child) {
    std::vector<std::vector<std::string>> out;
    for (pugi::xml_node parent : parents) {
      std::vector<std::string>& line = out.emplace_back();
      for (pugi::xml_node node : parent.children(child)) {
        std::string text;
        for (pugi::xpath_node run : node.select_nodes(".//w:t")) text += run.node().text().get();
        line.push_back(text);
      }
    }
    return out;
  };
  std::vector<std::vector<std::string>> rows = texts(tables[0].children("w:tr"), "w:tc");
  ASSERT_EQ(rows.size(), 3u);  // two header rows, the unit's row
  std::vector<std::string> expected = {"1", "Sở Công Thương"};
  expected.insert(expected.end(), kCongThuong.begin(), kCongThuong.end());
  EXPECT_EQ(rows[2], expected);
  // The signature block: no borders; left the preparer, right the place,
  // the date and the head of the unit.
  for (pugi::xml_node border : tables[1].child("w:tblPr").child("w:tblBorders").children()) {
    EXPECT_STREQ(border.attribute("w:val").value(), "nil");
  }
  std::vector<std::vector<std::string>> columns =
      texts(tables[1].child("w:tr").children("w:tc"), "w:p");
  EXPECT_EQ(columns,
            (std::vector<std::vector<std::string>>{{"", "NGƯỜI LẬP BIỂU", "(Ký, ghi rõ họ tên)"},
                                                   {"Hải Phòng, ngày 10 tháng 01 năm 2025",
                                                    "THỦ TRƯỞNG ĐƠN VỊ", "(Ký tên, đóng dấu)"}}));
  const std::string xml = zip_entry(path, "word/document.xml");
  EXPECT_THAT(xml, HasSubstr(">SỞ CÔNG THƯƠNG<"));
  EXPECT_THAT(xml, HasSubstr(">Kỳ báo cáo: Quý IV năm 2024<"));
  EXPECT_THAT(
      xml,
      HasSubstr(">Số liệu lần 3, nộp lúc 09:15 ngày 05/01/2025 bởi nguyen.van.a (giờ Việt Nam).<"));
  EXPECT_THAT(xml, ::testing::Not(HasSubstr("Toàn thành phố")));
}

TEST_F(UnitRowDocumentTest, PdfHasTheRowAndTheSignatureBlockOnOnePage) {
  const std::string path = (kOutDir / "unit_row.pdf").string();
  Result<void> written = write_pdf(plan_, own_, options_, path);
  ASSERT_TRUE(written.ok()) << written.error().message;
  std::string pages_line = line_with(run("pdfinfo '" + path + "'"), "Pages:");
  EXPECT_EQ(std::atoi(pages_line.substr(pages_line.find(':') + 1).c_str()), 1);
  std::string text = text::to_nfc(run("pdftotext -layout '" + path + "' -"));
  EXPECT_THAT(text, HasSubstr("SỞ CÔNG THƯƠNG"));
  EXPECT_THAT(text, HasSubstr("Kỳ báo cáo: Quý IV năm 2024"));
  std::vector<std::string> expected = {"1", "Sở", "Công", "Thương"};
  for (const std::string& value : kCongThuong) {
    if (!value.empty()) expected.push_back(value);
  }
  EXPECT_EQ(tokens(line_with(text, "Sở Công Thương")), expected);
  EXPECT_THAT(text, HasSubstr("Hải Phòng, ngày 10 tháng 01 năm 2025"));
  // Both titles on one line, left then right; both hints on the next.
  EXPECT_EQ(tokens(line_with(text, "NGƯỜI LẬP BIỂU")),
            (std::vector<std::string>{"NGƯỜI", "LẬP", "BIỂU", "THỦ", "TRƯỞNG", "ĐƠN", "VỊ"}));
  EXPECT_EQ(
      tokens(line_with(text, "(Ký, ghi rõ họ tên)")),
      (std::vector<std::string>{"(Ký,", "ghi", "rõ", "họ", "tên)", "(Ký", "tên,", "đóng", "dấu)"}));
  EXPECT_THAT(text, ::testing::Not(HasSubstr("Toàn thành phố")));
  // For a person to look at.
  run("pdftoppm -png -r 70 -f 1 -l 1 '" + path + "' '" + (kOutDir / "unit_row").string() + "'");
}

}  // namespace
}  // namespace chiso::report
