// A plan whose registered units are in a table file (`units_file`): the same
// plan as with [[units]], the formats a spreadsheet exports, and the errors a
// coordinator gets for a broken table (file, row, column, found, expected).
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <unistd.h>

#include "common/limits.h"
#include "plan/plan.h"

namespace chiso {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

const std::string kFixtures = std::string(CHISO_SOURCE_DIR) + "/tests/plan/fixtures/";

// A minimal plan naming a units file; `units_file` must come before the
// first table, as every top-level key of TOML.
std::string plan_naming(const std::string& units_file) {
  return R"toml(
id = "t"
name_vi = "Kế hoạch"
title_vi = "BẢNG"
unit_name_headers = ["Tên đơn vị"]
units_file = ")toml" +
         units_file + R"toml("

[[indicators]]
code = "total"
label_vi = "Tổng số"
kind = "count"
consolidation = "sum"
)toml";
}

// Parses a plan as if it were a file in the fixtures folder, so that its
// units_file is found there.
Result<Plan> parse_in_fixtures(const std::string& toml_text) {
  return parse_plan(toml_text, kFixtures + "inline.toml");
}

std::string units_error(const std::string& units_file) {
  Result<Plan> plan = parse_in_fixtures(plan_naming(units_file));
  EXPECT_FALSE(plan.ok()) << "the plan loaded but should not have";
  return plan.ok() ? std::string() : plan.error().message;
}

// A scratch folder for files written by a test (encodings, sizes).
class ScratchDir {
 public:
  ScratchDir() {
    path_ = std::filesystem::temp_directory_path() /
            ("chiso-units-" + std::to_string(::getpid()) + "-" + std::to_string(counter_++));
    std::filesystem::create_directories(path_);
  }
  ~ScratchDir() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
  }
  std::string write(const std::string& name, const std::string& bytes) const {
    std::ofstream out(path_ / name, std::ios::binary);
    out << bytes;
    return (path_ / name).string();
  }
  Result<Plan> parse(const std::string& toml_text) const {
    return parse_plan(toml_text, (path_ / "plan.toml").string());
  }
  std::string path() const { return path_.string(); }

 private:
  static inline int counter_ = 0;
  std::filesystem::path path_;
};

TEST(UnitsFile, GivesTheSamePlanAsInlineUnits) {
  Result<Plan> inline_plan = load_plan(kFixtures + "small-plan.toml");
  Result<Plan> file_plan = load_plan(kFixtures + "units-file-plan.toml");
  ASSERT_TRUE(inline_plan.ok()) << inline_plan.error().message;
  ASSERT_TRUE(file_plan.ok()) << file_plan.error().message;
  ASSERT_EQ(file_plan->units.size(), inline_plan->units.size());
  for (size_t unit_idx = 0; unit_idx < inline_plan->units.size(); ++unit_idx) {
    const UnitDef& expected = inline_plan->units[unit_idx];
    const UnitDef& got = file_plan->units[unit_idx];
    EXPECT_EQ(got.name, expected.name) << unit_idx;
    EXPECT_EQ(got.short_name, expected.short_name) << unit_idx;
    EXPECT_EQ(got.variants, expected.variants) << unit_idx;
    EXPECT_EQ(got.kind, expected.kind) << unit_idx;
  }
  EXPECT_EQ(file_plan->indicators.size(), inline_plan->indicators.size());
  EXPECT_EQ(file_plan->rules.size(), inline_plan->rules.size());
  EXPECT_EQ(file_plan->targets.size(), inline_plan->targets.size());
  EXPECT_EQ(file_plan->unit_index("UBND quận Ninh Kiều"), 2);
}

TEST(UnitsFile, SourceTextKeepsTheUnitsAsComments) {
  Result<Plan> plan = load_plan(kFixtures + "units-file-plan.toml");
  ASSERT_TRUE(plan.ok()) << plan.error().message;
  // The plan file as read, then the table: the store keeps the whole plan.
  EXPECT_THAT(plan->source_text, HasSubstr("units_file = \"units-small.tsv\""));
  EXPECT_THAT(plan->source_text,
              HasSubstr("# ---- units_file 'units-small.tsv', as read ----\n"
                        "# STT\tCơ quan, đơn vị\tTên viết tắt\tLoại\tTên khác\n"
                        "# 1\tSở Tư pháp\tTư pháp\tsở\t\n"));
  EXPECT_THAT(plan->source_text, HasSubstr("# 4\tUBND huyện Phong Điền\tPhong Điền\tdistrict\t\n"));
}

// units-small.xlsx: the units of small-plan.toml on the first sheet, a title
// in A1, the header in row 2, STT as true numbers, inline strings (written by
// a few lines of Python's zipfile; unzip -p it to read the XML).
TEST(UnitsFile, XlsxFirstSheetGivesTheSameUnits) {
  Result<Plan> inline_plan = load_plan(kFixtures + "small-plan.toml");
  Result<Plan> xlsx_plan = parse_in_fixtures(plan_naming("units-small.xlsx"));
  ASSERT_TRUE(inline_plan.ok()) << inline_plan.error().message;
  ASSERT_TRUE(xlsx_plan.ok()) << xlsx_plan.error().message;
  ASSERT_EQ(xlsx_plan->units.size(), inline_plan->units.size());
  for (size_t unit_idx = 0; unit_idx < inline_plan->units.size(); ++unit_idx) {
    EXPECT_EQ(xlsx_plan->units[unit_idx].name, inline_plan->units[unit_idx].name);
    EXPECT_EQ(xlsx_plan->units[unit_idx].short_name, inline_plan->units[unit_idx].short_name);
    EXPECT_EQ(xlsx_plan->units[unit_idx].variants, inline_plan->units[unit_idx].variants);
    EXPECT_EQ(xlsx_plan->units[unit_idx].kind, inline_plan->units[unit_idx].kind);
  }
  EXPECT_THAT(xlsx_plan->source_text, HasSubstr("\n# STT\tTên đơn vị\tTên viết tắt\tLoại\tTên khác\n"
                                                "# 1\tSở Tư pháp\tTư pháp\tdepartment\n"));
}

TEST(UnitsFile, LineBreakInACellStaysInsideItsCommentLine) {
  ScratchDir dir;
  dir.write("units.csv", "name,kind\n\"Sở Y tế\nthành phố\",department\nSở Nội vụ,department\n");
  Result<Plan> plan = dir.parse(plan_naming("units.csv"));
  ASSERT_TRUE(plan.ok()) << plan.error().message;
  ASSERT_EQ(plan->units.size(), 2u);
  EXPECT_EQ(plan->units[0].name, "Sở Y tế\nthành phố");  // the name is kept as read
  EXPECT_THAT(plan->source_text, HasSubstr("\n# Sở Y tế thành phố\tdepartment\n# Sở Nội vụ\t"));
}

TEST(UnitsFile, CsvWithEnglishHeadersInAnyOrder) {
  Result<Plan> plan = parse_in_fixtures(plan_naming("units-small.csv"));
  ASSERT_TRUE(plan.ok()) << plan.error().message;
  ASSERT_EQ(plan->units.size(), 4u);
  EXPECT_EQ(plan->units[0].name, "Sở Tư pháp");
  EXPECT_EQ(plan->units[0].short_name, "Tư pháp");
  EXPECT_EQ(plan->units[0].kind, UnitKind::department);
  // " Department " is trimmed and folded: the slow path of the kind words.
  EXPECT_EQ(plan->units[1].kind, UnitKind::department);
  EXPECT_EQ(plan->units[1].short_name, "Sở Y tế");  // blank: defaults to the name
  // Several variants in one cell, separated by '|'; blanks dropped.
  EXPECT_EQ(plan->units[2].variants,
            (std::vector<std::string>{"Ủy ban nhân dân quận Ninh Kiều", "UBND Q. Ninh Kiều"}));
  EXPECT_EQ(plan->units[2].kind, UnitKind::district);
  // A quoted CSV cell keeps its comma.
  EXPECT_EQ(plan->units[3].name, "UBND huyện Phong Điền, Cần Thơ");
}

TEST(UnitsFile, KindWordsFastAndSlowPathAgree) {
  ScratchDir dir;
  // The same kinds written exactly (fast path) and in other spellings and
  // Vietnamese words (folded, slow path).
  dir.write("units.tsv",
            "name\tkind\n"
            "A1\tdepartment\nA2\tDEPARTMENT\nA3\tSở\nA4\tsở, ban, ngành\n"
            "B1\tdistrict\nB2\tDistrict\nB3\thuyện\nB4\tquận huyện\nB5\tUBND cấp huyện\n"
            "C1\tagency\nC2\t Agency\nC3\tngành dọc\nC4\tCơ quan ngành dọc\n");
  Result<Plan> plan = dir.parse(plan_naming("units.tsv"));
  ASSERT_TRUE(plan.ok()) << plan.error().message;
  ASSERT_EQ(plan->units.size(), 13u);
  for (const UnitDef& unit : plan->units) {
    UnitKind expected = unit.name[0] == 'A'   ? UnitKind::department
                        : unit.name[0] == 'B' ? UnitKind::district
                                              : UnitKind::agency;
    EXPECT_EQ(unit.kind, expected) << unit.name;
  }
}

TEST(UnitsFile, Utf16AndBomAndCrlfAreRead) {
  ScratchDir dir;
  std::string utf8 = "\xEF\xBB\xBFname\tkind\r\nSở Y tế\tdepartment\r\n";
  dir.write("bom.tsv", utf8);
  Result<Plan> with_bom = dir.parse(plan_naming("bom.tsv"));
  ASSERT_TRUE(with_bom.ok()) << with_bom.error().message;
  ASSERT_EQ(with_bom->units.size(), 1u);
  EXPECT_EQ(with_bom->units[0].name, "Sở Y tế");
  EXPECT_EQ(with_bom->units[0].kind, UnitKind::department);

  // Excel's "Unicode text": UTF-16 LE with a BOM. "Sở" is S U+1EDF.
  std::string utf16("\xFF\xFE", 2);
  for (char16_t c : std::u16string(u"name\tkind\r\nS\u1EDF Y t\u1EBF\tdistrict\r\n")) {
    utf16 += static_cast<char>(c & 0xFF);
    utf16 += static_cast<char>(c >> 8);
  }
  dir.write("utf16.txt", utf16);
  Result<Plan> from_utf16 = dir.parse(plan_naming("utf16.txt"));
  ASSERT_TRUE(from_utf16.ok()) << from_utf16.error().message;
  ASSERT_EQ(from_utf16->units.size(), 1u);
  EXPECT_EQ(from_utf16->units[0].name, "Sở Y tế");
  EXPECT_EQ(from_utf16->units[0].kind, UnitKind::district);
}

TEST(UnitsFile, NfdNamesBecomeNfc) {
  ScratchDir dir;
  // "Sở" written decomposed: o + U+031B (horn) + U+0309 (hook above).
  dir.write("nfd.tsv", "name\tkind\nSo\xCC\x9B\xCC\x89 Y te\xCC\x82\xCC\x81\tdepartment\n");
  Result<Plan> plan = dir.parse(plan_naming("nfd.tsv"));
  ASSERT_TRUE(plan.ok()) << plan.error().message;
  EXPECT_EQ(plan->units[0].name, "Sở Y tế");
}

TEST(UnitsFile, AbsolutePathIsUsedAsIs) {
  ScratchDir dir;
  std::string path = dir.write("abs.tsv", "name\tkind\nSở Y tế\tdepartment\n");
  Result<Plan> plan = parse_in_fixtures(plan_naming(path));
  ASSERT_TRUE(plan.ok()) << plan.error().message;
  EXPECT_EQ(plan->units.size(), 1u);
}

// ---- errors: file, row, column, what was found, what was expected ----

TEST(UnitsFileErrors, EveryBadRowIsReportedWithItsCell) {
  std::string message = units_error("units-errors.tsv");
  const std::string file = kFixtures + "units-errors.tsv";
  EXPECT_THAT(message, HasSubstr(file + ":3:1: units[1].name: is empty; a name is required"));
  EXPECT_THAT(message, HasSubstr(file + ":4:2: units[2].kind: 'quận' is not a unit kind; expected "
                                        "department, district or agency (or sở, huyện, ngành dọc)"));
  EXPECT_THAT(message, HasSubstr(file + ":5:1: units[3].name: 'SỞ Y TẾ' is the same name as one of "
                                        "units[0] (Sở Y tế) of row 2; unit names and variants "
                                        "must be unique"));
  EXPECT_THAT(message, HasSubstr(file + ":6:2: units[4].kind: is empty; expected department"));
  EXPECT_THAT(message, HasSubstr(file + ":7:4: units[5].variants: 'Sở Y Tế' is the same name as "
                                        "one of units[0] (Sở Y tế) of row 2"));
}

TEST(UnitsFileErrors, HeaderWithoutARequiredColumn) {
  std::string message = units_error("units-no-kind-column.tsv");
  EXPECT_THAT(message, HasSubstr(kFixtures + "units-no-kind-column.tsv:1: units_file header: has "
                                             "no kind column; expected a header cell 'kind'"));
  EXPECT_THAT(message, Not(HasSubstr("no name column")));
}

TEST(UnitsFileErrors, UnknownAndRepeatedHeaders) {
  std::string message = units_error("units-unknown-column.tsv");
  const std::string file = kFixtures + "units-unknown-column.tsv";
  EXPECT_THAT(message, HasSubstr(file + ":1:3: units_file header: 'Ghi chú' is not a column of a "
                                        "units table; expected name, short_name, kind, variants"));
  EXPECT_THAT(message, HasSubstr(file + ":1:4: units_file header: 'name' is a second name column "
                                        "(the first is column 1)"));
}

TEST(UnitsFileErrors, CellUnderNoHeaderIsReportedOnce) {
  std::string message = units_error("units-cell-without-header.tsv");
  const std::string file = kFixtures + "units-cell-without-header.tsv";
  EXPECT_THAT(message, HasSubstr(file + ":3:3: units[1]: 'thừa' is in a column with no header"));
  EXPECT_THAT(message, Not(HasSubstr("thừa nữa")));
}

TEST(UnitsFileErrors, OneCellLineAfterTheTable) {
  std::string message = units_error("units-trailing-line.tsv");
  EXPECT_THAT(message, HasSubstr(kFixtures + "units-trailing-line.tsv:2: units_file: after this "
                                             "row: 'Sở Nội vụ' is a line with one cell; expected "
                                             "a unit row with its name and kind"));
}

TEST(UnitsFileErrors, HeaderWithoutUnits) {
  std::string message = units_error("units-header-only.tsv");
  EXPECT_THAT(message, HasSubstr("units-header-only.tsv:1: units_file: no unit below the header"));
}

TEST(UnitsFileErrors, MissingFileNamesThePlanLineAndThePath) {
  std::string message = units_error("no-such-units.tsv");
  // The error points at the plan's units_file line (line 6 of plan_naming).
  EXPECT_THAT(message, HasSubstr(kFixtures + "inline.toml:6:"));
  EXPECT_THAT(message, HasSubstr("units_file: 'no-such-units.tsv': " + kFixtures +
                                 "no-such-units.tsv does not exist; expected a units table file"));
}

TEST(UnitsFileErrors, FolderIsNotAUnitsFile) {
  std::string message = units_error(".");
  EXPECT_THAT(message, HasSubstr("units_file: '.': " + kFixtures + " is not a file; expected"));
}

TEST(UnitsFileErrors, BothInlineUnitsAndAFileAreRefused) {
  std::string text = plan_naming("units-small.tsv") + R"toml(
[[units]]
name = "Sở Y tế"
kind = "department"
)toml";
  Result<Plan> plan = parse_in_fixtures(text);
  ASSERT_FALSE(plan.ok());
  EXPECT_THAT(plan.error().message,
              HasSubstr("units_file: is given and so are [[units]] entries; expected one of them"));
}

TEST(UnitsFileErrors, NeitherInlineUnitsNorAFile) {
  std::string text = plan_naming("x");
  text.replace(text.find("units_file = \"x\""), std::string("units_file = \"x\"").size(), "");
  Result<Plan> plan = parse_in_fixtures(text);
  ASSERT_FALSE(plan.ok());
  EXPECT_THAT(plan.error().message, HasSubstr("units: missing; at least one [[units]] entry is "
                                              "required, or a units_file"));
}

TEST(UnitsFileErrors, WrongTypeOrEmptyName) {
  std::string text = plan_naming("x");
  text.replace(text.find("\"x\""), 3, "7");
  Result<Plan> as_number = parse_in_fixtures(text);
  ASSERT_FALSE(as_number.ok());
  EXPECT_THAT(as_number.error().message, HasSubstr("units_file: is a whole number; expected a text"));
  EXPECT_THAT(units_error("  "), HasSubstr("units_file: is empty; a text is required"));
}

TEST(UnitsFileErrorsHostile, BadFilesNeverCrash) {
  ScratchDir dir;
  dir.write("empty.tsv", "");
  dir.write("binary.tsv", std::string("\x00\x01\x02\xff", 4) + " name\tkind\n");
  dir.write("bad-utf8.tsv", "name\tkind\n\xC3\x28\tdepartment\n");
  dir.write("fake.xlsx", std::string("PK\x03\x04") + " not really a zip");
  dir.write("one-column.tsv", "name\nSở Y tế\n");
  dir.write("huge.tsv", std::string(limits::plan_size_bytes_max + 1, 'a'));
  for (const char* name : {"empty.tsv", "binary.tsv", "bad-utf8.tsv", "fake.xlsx",
                           "one-column.tsv", "huge.tsv"}) {
    Result<Plan> plan = dir.parse(plan_naming(name));
    ASSERT_FALSE(plan.ok()) << name;
    EXPECT_THAT(plan.error().message, HasSubstr("plan.toml:6:")) << name;
    EXPECT_THAT(plan.error().message, HasSubstr("units_file: ")) << name;
  }
  Result<Plan> huge = dir.parse(plan_naming("huge.tsv"));
  ASSERT_FALSE(huge.ok());
  EXPECT_THAT(huge.error().message, HasSubstr("bytes; at most 4194304 bytes are allowed"));
}

TEST(UnitsFileErrorsHostile, TooManyErrorsAreCounted) {
  ScratchDir dir;
  std::string table = "name\tkind\n";
  for (int row = 0; row < 100; ++row) table += "Sở " + std::to_string(row) + "\tministry\n";
  dir.write("many.tsv", table);
  Result<Plan> plan = dir.parse(plan_naming("many.tsv"));
  ASSERT_FALSE(plan.ok());
  EXPECT_THAT(plan.error().message, HasSubstr("more errors"));
}

}  // namespace
}  // namespace chiso
