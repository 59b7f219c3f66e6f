// The plan loader: the shipped Hải Phòng plan, a second city's plan, and the
// errors a plan author gets for a broken file.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cstdlib>
#include <string>

#include "common/limits.h"
#include "plan/plan.h"

namespace chiso {
namespace {

using ::testing::HasSubstr;

const std::string kPlanPath = std::string(CHISO_SOURCE_DIR) + "/plans/hai-phong-197.toml";
const std::string kSmallPlanPath =
    std::string(CHISO_SOURCE_DIR) + "/tests/plan/fixtures/small-plan.toml";

// A minimal valid plan; tests append or replace pieces to break it.
const std::string kHead = R"toml(
id = "t"
name_vi = "Kế hoạch"
title_vi = "BẢNG"
unit_name_headers = ["Tên đơn vị"]
)toml";
const std::string kUnits = R"toml(
[[units]]
name = "Sở Y tế"
kind = "department"
)toml";
const std::string kCount = R"toml(
[[indicators]]
code = "total"
label_vi = "Tổng số"
kind = "count"
consolidation = "sum"
)toml";

std::string load_error(const std::string& toml_text) {
  Result<Plan> plan = parse_plan(toml_text, "bad.toml");
  EXPECT_FALSE(plan.ok()) << "the plan loaded but should not have";
  return plan.ok() ? std::string() : plan.error().message;
}

TEST(PlanLoader, ShippedPlanLoads) {
  Result<Plan> plan = load_plan(kPlanPath);
  ASSERT_TRUE(plan.ok()) << plan.error().message;
  EXPECT_EQ(plan->id, "hai-phong-197");
  EXPECT_EQ(plan->indicators.size(), 15u);
  // The appendix's 30 units, then the new city's 114 commune-level units of
  // 01/07/2025 (tests/plan/unit_kinds_test.cpp).
  EXPECT_EQ(plan->units.size(), 30u + 114u);
  EXPECT_EQ(plan->groups.size(), 3u);
  EXPECT_TRUE(plan->targets.empty());  // the appendix states none
  EXPECT_EQ(plan->name_vi, "Kế hoạch số 197/KH-UBND");
  EXPECT_EQ(plan->appendix_vi, "PHỤ LỤC 2");
  EXPECT_EQ(plan->title_vi, "THỐNG KÊ MỘT SỐ CHỈ TIÊU THEO KẾ HOẠCH SỐ 197/KH-UBND");
  ASSERT_EQ(plan->notes_vi.size(), 1u);
  EXPECT_THAT(plan->notes_vi[0], HasSubstr("Ghi chú: dấu (*) đơn vị không đánh dấu (x)"));
  EXPECT_EQ(plan->notes_vi[0].find("\\*"), std::string::npos);
  EXPECT_FALSE(plan->source_text.empty());
  EXPECT_THAT(plan->source_text, HasSubstr("# ==== rules ===="));
}

// The store tells plans apart by this digest (docs/storage.md); the
// expected value is from `printf 'title = "t"\n\0online_total\x1fonline_full' | sha256sum`.
TEST(PlanStoreDigest, IsTheSha256OfTheTextANulAndTheCodes) {
  Plan plan;
  plan.source_text = "title = \"t\"\n";
  plan.indicators.resize(2);
  plan.indicators[0].code = "online_total";
  plan.indicators[1].code = "online_full";
  EXPECT_EQ(indicator_codes_joined(plan), "online_total\x1fonline_full");
  EXPECT_EQ(compute_store_sha256(plan), "871cd9753e5247a2e55df98b676a05d6c1a9df25ac66b3ac96bceddac2184208");
  plan.indicators[1].code = "online_partial";
  EXPECT_NE(compute_store_sha256(plan), "871cd9753e5247a2e55df98b676a05d6c1a9df25ac66b3ac96bceddac2184208");
}

TEST(PlanLoader, ShippedPlanIndicatorsInSeedOrder) {
  Result<Plan> plan = load_plan(kPlanPath);
  ASSERT_TRUE(plan.ok()) << plan.error().message;
  const char* codes[] = {"tthc_shortened",     "days_shortened_avg", "online_total",
                         "online_full",        "online_full_pct",    "online_partial",
                         "online_partial_pct", "cashless_pct",       "first_time_valid_pct",
                         "meeting_room_has",   "meeting_room_count", "ddci_connected",
                         "ai_answering",       "licence_model",      "commitments_published"};
  for (int idx = 0; idx < 15; ++idx) {
    EXPECT_EQ(plan->indicators[idx].code, codes[idx]) << idx;
    EXPECT_EQ(plan->indicator_index(codes[idx]), idx);
  }
  EXPECT_EQ(plan->indicator_index("nothing"), -1);

  const Indicator& days = plan->indicators[1];
  EXPECT_EQ(days.kind, IndicatorKind::days);
  EXPECT_EQ(days.consolidation, Consolidation::weighted_mean);
  EXPECT_EQ(days.weight, "tthc_shortened");
  EXPECT_EQ(days.group, "tthc");

  const Indicator& full_pct = plan->indicators[4];
  EXPECT_EQ(full_pct.kind, IndicatorKind::percent);
  EXPECT_EQ(full_pct.consolidation, Consolidation::ratio);
  EXPECT_EQ(full_pct.formula, "100 * online_full / online_total");
  EXPECT_EQ(plan->indicators[6].formula, "100 * online_partial / online_total");
  EXPECT_EQ(plan->indicators[7].consolidation, Consolidation::mean);
  EXPECT_EQ(plan->indicators[7].group, "");
  EXPECT_EQ(plan->indicators[9].kind, IndicatorKind::mark);
  EXPECT_EQ(plan->indicators[9].consolidation, Consolidation::mark_count);
  EXPECT_EQ(plan->indicators[10].group, "meeting_room");
  EXPECT_EQ(plan->indicators[0].decimals, 0);

  ASSERT_NE(plan->group("online"), nullptr);
  EXPECT_EQ(plan->group("online")->label_vi, "Thực hiện dịch vụ hành chính công trực tuyến");
  EXPECT_EQ(plan->group("none"), nullptr);
}

TEST(PlanLoader, ShippedPlanUnits) {
  Result<Plan> plan = load_plan(kPlanPath);
  ASSERT_TRUE(plan.ok()) << plan.error().message;
  EXPECT_EQ(plan->units[0].name, "Sở Kế hoạch và Đầu tư");
  EXPECT_EQ(plan->units[16].name, "Sở Tài nguyên và Môi trường");  // capital N fixed
  EXPECT_EQ(plan->units[29].name, "UBND huyện Cát Hải");
  EXPECT_EQ(plan->unit_index("Sở Y tế"), 17);
  EXPECT_EQ(plan->unit_index("Sở Không Có"), -1);
  int departments = 0, districts = 0, agencies = 0;
  for (const UnitDef& unit : plan->units) {
    EXPECT_FALSE(unit.short_name.empty()) << unit.name;
    departments += unit.kind == UnitKind::department;
    districts += unit.kind == UnitKind::district;
    agencies += unit.kind == UnitKind::agency;
  }
  // 4 national bodies' branches (police, social insurance, State Bank, tax),
  // 11 district committees, 15 city departments incl. the economic zone board.
  EXPECT_EQ(agencies, 4);
  EXPECT_EQ(districts, 11);
  EXPECT_EQ(departments, 15);
  EXPECT_EQ(plan->units[plan->unit_index("BQL Khu kinh tế HP")].kind, UnitKind::department);
  EXPECT_EQ(plan->units[plan->unit_index("Cục Thuế thành phố")].kind, UnitKind::agency);
}

TEST(PlanLoader, SmallPlanOfAnotherCityLoads) {
  Result<Plan> plan = load_plan(kSmallPlanPath);
  ASSERT_TRUE(plan.ok()) << plan.error().message;
  EXPECT_EQ(plan->indicators.size(), 3u);
  EXPECT_EQ(plan->units.size(), 4u);
  ASSERT_EQ(plan->targets.size(), 1u);
  EXPECT_EQ(plan->targets[0].op, ">=");
  EXPECT_EQ(plan->targets[0].bound, 95);
  EXPECT_EQ(plan->targets[0].unit_kind, "district");
  ASSERT_EQ(plan->rules.size(), 1u);
  EXPECT_EQ(plan->rules[0].severity, Severity::error);
  EXPECT_EQ(plan->rules[0].check, "on_time <= received");
  EXPECT_EQ(plan->indicators[2].decimals, 1);
}

TEST(PlanLoader, MinimalPlanLoads) {
  Result<Plan> plan = parse_plan(kHead + kCount + kUnits, "min.toml");
  ASSERT_TRUE(plan.ok()) << plan.error().message;
  EXPECT_EQ(plan->units[0].short_name, "Sở Y tế");  // defaults to the name
}

// value_jump_ratio: 2 unless the plan says; a ratio must be above 1.
TEST(PlanLoader, ValueJumpRatio) {
  Result<Plan> plain = parse_plan(kHead + kCount + kUnits, "min.toml");
  ASSERT_TRUE(plain.ok()) << plain.error().message;
  EXPECT_EQ(plain->value_jump_ratio, 2.0);
  Result<Plan> own = parse_plan("value_jump_ratio = 3\n" + kHead + kCount + kUnits, "own.toml");
  ASSERT_TRUE(own.ok()) << own.error().message;
  EXPECT_EQ(own->value_jump_ratio, 3.0);
  const std::string error = load_error("value_jump_ratio = 0.5\n" + kHead + kCount + kUnits);
  EXPECT_NE(error.find("bad.toml:1:"), std::string::npos) << error;
  EXPECT_NE(error.find("value_jump_ratio: 0.5 is not a ratio above 1"), std::string::npos) << error;
}

// The document the appendix is attached to (the line "(Kèm theo … của …)"):
// Plan 197's; none in a plan without it; each part one line of at most
// limits::attached_line_part_bytes_max bytes, an issuer or English only
// beside what it belongs to.
TEST(PlanLoader, AttachedTo) {
  Result<Plan> shipped = load_plan(kPlanPath);
  ASSERT_TRUE(shipped.ok()) << shipped.error().message;
  EXPECT_EQ(shipped->attached_to_vi, "Báo cáo số …/BC-UBND");
  EXPECT_EQ(shipped->attached_to_en, "Report No. …/BC-UBND");
  EXPECT_EQ(shipped->issuer_vi, "UBND thành phố Hải Phòng");
  EXPECT_EQ(shipped->issuer_en, "Hải Phòng City People's Committee");
  for (const char* ranking : {"pci-2019.toml", "par-index-2023-bo.toml"}) {
    Result<Plan> plan = load_plan(std::string(CHISO_SOURCE_DIR) + "/plans/" + ranking);
    ASSERT_TRUE(plan.ok()) << plan.error().message;
    EXPECT_EQ(plan->attached_to_vi, "") << ranking;
    EXPECT_EQ(plan->issuer_vi, "") << ranking;
  }

  const std::string at_limit(limits::attached_line_part_bytes_max, 'a');
  Result<Plan> long_enough =
      parse_plan(kHead + "attached_to_vi = \"" + at_limit + "\"\n" + kCount + kUnits, "ok.toml");
  ASSERT_TRUE(long_enough.ok()) << long_enough.error().message;
  EXPECT_EQ(long_enough->attached_to_vi, at_limit);

  // kHead's fields are lines 2–5; the field under test is line 6.
  std::string error =
      load_error(kHead + "attached_to_vi = \"" + at_limit + "a\"\n" + kCount + kUnits);
  EXPECT_THAT(error, HasSubstr("bad.toml:6:"));
  EXPECT_THAT(error, HasSubstr("attached_to_vi: is 301 bytes long; at most 300 allowed"));
  EXPECT_THAT(error, ::testing::Not(HasSubstr("blank")));  // one error, not two
  error = load_error(kHead + "issuer_vi = \"   \"\nattached_to_vi = \"Báo cáo số …\"\n" + kCount +
                     kUnits);
  EXPECT_THAT(error, HasSubstr("bad.toml:6:"));
  EXPECT_THAT(error, HasSubstr("issuer_vi: is blank; expected a text such as \"UBND thành phố "
                               "Hải Phòng\""));
  error = load_error(kHead + "attached_to_vi = \"Báo cáo\\nsố 5\"\n" + kCount + kUnits);
  EXPECT_THAT(error, HasSubstr("bad.toml:6:"));
  EXPECT_THAT(error, HasSubstr("attached_to_vi: has a line break; expected one line"));
  error = load_error(kHead + "issuer_vi = \"Bộ Nội vụ\"\n" + kCount + kUnits);
  EXPECT_THAT(error, HasSubstr("bad.toml:6:"));
  EXPECT_THAT(error, HasSubstr("issuer_vi: is given without attached_to_vi; expected "
                               "attached_to_vi too"));
  error = load_error(kHead + "attached_to_vi = \"Báo cáo\"\nissuer_en = \"Ministry\"\n" + kCount +
                     kUnits);
  EXPECT_THAT(error, HasSubstr("bad.toml:7:"));
  EXPECT_THAT(error, HasSubstr("issuer_en: is given without issuer_vi"));
  error = load_error(kHead + "attached_to_en = \"Report\"\n" + kCount + kUnits);
  EXPECT_THAT(error, HasSubstr("attached_to_en: is given without attached_to_vi"));
  error = load_error(kHead + "attached_to_vi = 197\n" + kCount + kUnits);
  EXPECT_THAT(error, HasSubstr("attached_to_vi: is a whole number; expected a text in quotes"));
}

// unit_abbreviations: the plan's own, or the defaults when it has none.
TEST(PlanLoader, UnitAbbreviations) {
  Result<Plan> plain = parse_plan(kHead + kCount + kUnits, "min.toml");
  ASSERT_TRUE(plain.ok()) << plain.error().message;
  EXPECT_EQ(plain->unit_abbreviations, kDefaultUnitAbbreviations);
  Result<Plan> own =
      parse_plan("unit_abbreviations = [\"Q. = quận\", \"TT = thể thao | thông tin\"]\n" + kHead +
                     kCount + kUnits,
                 "own.toml");
  ASSERT_TRUE(own.ok()) << own.error().message;
  ASSERT_EQ(own->unit_abbreviations.size(), 2u);
  std::optional<UnitAbbreviation> tt = parse_unit_abbreviation(own->unit_abbreviations[1]);
  ASSERT_TRUE(tt.has_value());
  EXPECT_EQ(tt->short_form, "TT");
  EXPECT_EQ(tt->expansions, (std::vector<std::string>{"thể thao", "thông tin"}));
  std::string message =
      load_error("unit_abbreviations = [\"TP thành phố\"]\n" + kHead + kCount + kUnits);
  EXPECT_THAT(message, HasSubstr("unit_abbreviations[0]: 'TP thành phố' is not an abbreviation"));
  EXPECT_FALSE(parse_unit_abbreviation("TT = thể thao | ").has_value());
  EXPECT_FALSE(parse_unit_abbreviation(" = thành phố").has_value());
}

TEST(PlanLoader, UnknownKind) {
  std::string bad = kHead + kUnits + kCount + R"toml(
[[indicators]]
code = "share"
label_vi = "Tỷ lệ"
kind = "percentage"
consolidation = "mean"
)toml";
  std::string message = load_error(bad);
  EXPECT_THAT(message, HasSubstr("bad.toml:"));
  EXPECT_THAT(message,
              HasSubstr("indicators[1] (share).kind: 'percentage' is not a kind; "
                        "expected count, days, percent, mark, grade, score, index or rank"));
}

TEST(PlanLoader, DuplicateCode) {
  std::string message = load_error(kHead + kUnits + kCount + kCount);
  EXPECT_THAT(message, HasSubstr("indicators[1] (total).code: 'total' is used twice"));
}

TEST(PlanLoader, WeightNamingNothing) {
  std::string bad = kHead + kUnits + kCount + R"toml(
[[indicators]]
code = "days"
label_vi = "Số ngày"
kind = "days"
consolidation = "weighted_mean"
weight = "procedures"
)toml";
  std::string message = load_error(bad);
  EXPECT_THAT(message, HasSubstr("indicators[1] (days).weight: 'procedures' names no indicator"));
}

TEST(PlanLoader, WeightedMeanWithoutWeight) {
  std::string bad = kHead + kUnits + kCount + R"toml(
[[indicators]]
code = "days"
label_vi = "Số ngày"
kind = "days"
consolidation = "weighted_mean"
)toml";
  EXPECT_THAT(load_error(bad), HasSubstr("indicators[1] (days).weight: missing"));
}

TEST(PlanLoader, RatioNeedsFormula) {
  std::string bad = kHead + kUnits + kCount + R"toml(
[[indicators]]
code = "share"
label_vi = "Tỷ lệ (%)"
kind = "percent"
consolidation = "ratio"
)toml";
  EXPECT_THAT(load_error(bad), HasSubstr("indicators[1] (share).formula: missing"));
}

TEST(PlanLoader, UnknownConsolidationGroupAndSeverity) {
  std::string bad = kHead + kUnits + R"toml(
[[indicators]]
code = "total"
group = "nowhere"
label_vi = "Tổng số"
kind = "count"
consolidation = "average"

[[rules]]
id = "r1"
severity = "fatal"
check = "total >= 0"
message_vi = "âm"
message_en = "negative"
)toml";
  std::string message = load_error(bad);
  EXPECT_THAT(message, HasSubstr("'average' is not a consolidation method"));
  EXPECT_THAT(message, HasSubstr(".group: 'nowhere' is not a group"));
  EXPECT_THAT(message, HasSubstr("rules[0] (r1).severity: 'fatal' is not a severity; "
                                 "expected error, warning or info"));
}

TEST(PlanLoader, MarkMustBeCounted) {
  std::string bad = kHead + kUnits + R"toml(
[[indicators]]
code = "has_room"
label_vi = "Có phòng họp"
kind = "mark"
consolidation = "sum"
)toml";
  EXPECT_THAT(load_error(bad), HasSubstr("a mark is consolidated by mark_count"));
}

TEST(PlanLoader, DuplicateUnitNameEvenInAnotherSpelling) {
  // NFD and another case: still the same unit.
  std::string bad = kHead + kCount + kUnits + R"toml(
[[units]]
name = "SỞ Y TẾ"
kind = "department"
)toml";
  EXPECT_THAT(load_error(bad), HasSubstr("units[1].name: 'SỞ Y TẾ' is the same name as one of units[0]"));
}

TEST(PlanLoader, UnknownUnitKindAndField) {
  std::string bad = kHead + kCount + R"toml(
[[units]]
name = "Sở Y tế"
kind = "ministry"
lable = "x"
)toml";
  std::string message = load_error(bad);
  EXPECT_THAT(message, HasSubstr("units[0].kind: 'ministry' is not a unit kind"));
  EXPECT_THAT(message, HasSubstr("units[0].lable: unknown field"));
}

TEST(PlanLoader, MissingRequiredFields) {
  std::string message = load_error("id = \"t\"\n");
  EXPECT_THAT(message, HasSubstr("name_vi: missing"));
  EXPECT_THAT(message, HasSubstr("indicators: missing"));
  EXPECT_THAT(message, HasSubstr("units: missing"));
}

TEST(PlanLoader, WrongTypeSaysWhatWasExpected) {
  std::string bad = kHead + kUnits + R"toml(
[[indicators]]
code = "total"
label_vi = "Tổng số"
kind = "count"
consolidation = "sum"
decimals = "two"
)toml";
  EXPECT_THAT(load_error(bad), HasSubstr("indicators[0] (total).decimals: is a text; expected a whole number"));
}

TEST(PlanLoader, TomlSyntaxErrorGivesLineAndColumn) {
  std::string bad = "id = \"t\"\nname_vi = \"Kế hoạch\"\ntitle_vi = \"unterminated\n";
  std::string message = load_error(bad);
  EXPECT_THAT(message, HasSubstr("bad.toml:3:"));
  EXPECT_THAT(message, HasSubstr("not valid TOML"));
}

TEST(PlanLoader, ErrorLineNumberPointsAtTheField) {
  std::string bad = kHead + kUnits + R"toml(
[[indicators]]
code = "total"
label_vi = "Tổng số"
kind = "percentage"
consolidation = "sum"
)toml";
  // kHead is 5 lines (leading newline), kUnits 4, then a blank line and 4 more.
  EXPECT_THAT(load_error(bad), HasSubstr("bad.toml:14:"));
}

TEST(PlanLoader, TooLargeIsRefused) {
  std::string huge(static_cast<size_t>(limits::plan_size_bytes_max) + 1, '#');
  EXPECT_THAT(load_error(huge), HasSubstr("at most"));
}

TEST(PlanLoader, MissingFileNamesThePath) {
  Result<Plan> plan = load_plan("/nonexistent/plan.toml");
  ASSERT_FALSE(plan.ok());
  EXPECT_THAT(plan.error().message, HasSubstr("/nonexistent/plan.toml: cannot open"));
}

TEST(PlanLoader, SameWordingForTwoIndicatorsIsAmbiguous) {
  std::string bad = kHead + kUnits + kCount + R"toml(
[[indicators]]
code = "other"
label_vi = "TỔNG  SỐ"
kind = "count"
consolidation = "sum"
)toml";
  EXPECT_THAT(load_error(bad), HasSubstr("a header would match both"));
}

TEST(PlanLoader, RuleIndicatorAndTargetChecked) {
  std::string bad = kHead + kUnits + kCount + R"toml(
[[rules]]
id = "r"
severity = "error"
indicator = "ghost"
check = "total >= 0"
message_vi = "a"
message_en = "b"

[[rules]]
id = "r"
severity = "info"
check = "1"
message_vi = "a"
message_en = "b"

[[targets]]
indicator = "total"
op = "=>"
bound = 1
)toml";
  std::string message = load_error(bad);
  EXPECT_THAT(message, HasSubstr("rules[0] (r).indicator: 'ghost' names no indicator"));
  EXPECT_THAT(message, HasSubstr("rules[1] (r).id: 'r' is used twice"));
  EXPECT_THAT(message, HasSubstr("targets[0].op: '=>' is not a comparison"));
}

TEST(PlanLoader, DefaultPlanPathHonoursEnvironment) {
  setenv("CHISO_PLAN_DIR", "/some/where", 1);
  EXPECT_EQ(default_plan_path(), "/some/where/hai-phong-197.toml");
  unsetenv("CHISO_PLAN_DIR");
  std::string path = default_plan_path();
  EXPECT_THAT(path, HasSubstr("hai-phong-197.toml"));
  EXPECT_TRUE(load_plan(path).ok()) << path;
}

}  // namespace
}  // namespace chiso

namespace chiso {
namespace {

TEST(PlanLoaderHostile, GarbageNeverCrashes) {
  std::string nested = "x = " + std::string(100000, '[');
  std::string binary("\x00\x01\xff\xfe PK\x03\x04", 10);
  std::string bad_utf8 = "id = \"\xc3\x28\"\n";
  std::string table_as_value = "indicators = 3\nunits = \"x\"\n";
  std::string wrong_entry_types = R"toml(
id = "t"
name_vi = "K"
title_vi = "B"
unit_name_headers = [1, 2]
indicators = [1, 2]
[[units]]
name = ["a"]
kind = 7
)toml";
  for (const std::string& text : {nested, binary, bad_utf8, table_as_value, wrong_entry_types,
                                  std::string(), std::string("\xef\xbb\xbf")}) {
    Result<Plan> plan = parse_plan(text, "hostile.toml");
    ASSERT_FALSE(plan.ok());
    EXPECT_THAT(plan.error().message, HasSubstr("hostile.toml"));
  }
}

// Issue 18: Debian's toml++ 3.3.0 reaches an unreachable point (undefined
// behaviour; an abort under the sanitizers) on a plan holding "ơ" alone
// (upstream #295) and on "[\x01". Plans are uploaded by administrators, so
// the bytes are checked before toml++ sees them, with the line and column.
TEST(PlanLoaderHostile, NonAsciiOutsideQuotesIsRefusedWithItsPlace) {
  EXPECT_THAT(load_error("ơ"), HasSubstr("bad.toml:1:1: "));
  EXPECT_THAT(load_error("ơ"), HasSubstr("'ơ' is outside quotes"));
  // Line 3, after two characters "ab" (the column counts characters).
  EXPECT_THAT(load_error("a = 1\n\nab ơ = 2\n"), HasSubstr("bad.toml:3:4: "));
  // Quoted, in a comment or in a multi-line string, Vietnamese is fine.
  Result<Plan> plan = parse_plan("# Kế hoạch số 197\n" + kHead + kCount + kUnits +
                                     "variants = [\"\"\"Sở\nY tế\"\"\", 'Sở Y tế (cũ)']\n",
                                 "ok.toml");
  EXPECT_TRUE(plan.ok()) << plan.error().message;
}

TEST(PlanLoaderHostile, ControlCharactersAreRefusedWithTheirPlace) {
  EXPECT_THAT(load_error(std::string("[\x01", 2)), HasSubstr("bad.toml:1:2: "));
  EXPECT_THAT(load_error(std::string("[\x01", 2)), HasSubstr("control character 0x01"));
  EXPECT_THAT(load_error("id = \"t\"\nname_vi = \"Kế\x7f\"\n"), HasSubstr("bad.toml:2:14: "));
  EXPECT_THAT(load_error("id = \"t\"\rname_vi = \"K\"\n"), HasSubstr("control character 0x0D"));
  // Tab, LF and CRLF are line ends and spacing, not control characters.
  Result<Plan> crlf = parse_plan("id\t= \"t\"\r\nname_vi = \"K\"\r\n", "crlf.toml");
  ASSERT_FALSE(crlf.ok());  // no units: a plan error, past the byte check
  EXPECT_THAT(crlf.error().message, ::testing::Not(HasSubstr("control character")));
}

// Found by fuzz/plan_fuzz (upstream toml++ #190): toml++ asks whether a
// character is a space (undefined for "§", "ơ" and most Vietnamese letters)
// after a multi-line string's line-ending backslash, and in a value it
// cannot read ("-[\"Đúng hạn\"]"). toml++ is given only ASCII, each other
// character written as its escape: the plan reads the same, the broken
// value is an error.
TEST(PlanLoaderHostile, VietnameseWhereTomlppAsksForSpacesReadsTheSame) {
  const std::string head =
      "id = \"t\"\nname_vi = \"\"\"\\\n   Kế hoạch số 197\"\"\"\ntitle_vi = \"BẢNG\"\n"
      "unit_name_headers = [\"Tên đơn vị\"]\n";
  Result<Plan> plan = parse_plan(head + kCount + kUnits, "ok.toml");
  ASSERT_TRUE(plan.ok()) << plan.error().message;
  EXPECT_EQ(plan->name_vi, "Kế hoạch số 197");
  EXPECT_EQ(plan->source_text.substr(0, head.size()), head);  // the file as written
  EXPECT_THAT(load_error(kHead + "variants = -[\"Đúng hạn\"]\n"), HasSubstr("not valid TOML"));
  EXPECT_THAT(load_error("s = \"\\ơ\"\n"), HasSubstr("bad.toml:1:6: "));  // \ơ is no escape
}

// Literal strings hold no escapes: one holding Vietnamese is given to toml++
// as the basic string of the same text, quotes and backslashes escaped.
TEST(PlanLoader, LiteralStringsWithVietnameseReadAsWritten) {
  const std::string text = kHead + kUnits + R"toml(
[[indicators]]
code = "total"
label_vi = 'Tỷ lệ "đúng" hạn \ (%)'
label_en = '''Số ''hồ sơ'''''
variants = ['''
Hai "dòng" \ một'''', 'Tổng'  # chú thích: ơ
]
kind = "count"
consolidation = "sum"
)toml";
  Result<Plan> plan = parse_plan(text, "literal.toml");
  ASSERT_TRUE(plan.ok()) << plan.error().message;
  ASSERT_EQ(plan->indicators.size(), 1u);
  EXPECT_EQ(plan->indicators[0].label_vi, "Tỷ lệ \"đúng\" hạn \\ (%)");
  EXPECT_EQ(plan->indicators[0].label_en, "Số ''hồ sơ''");
  ASSERT_EQ(plan->indicators[0].variants.size(), 2u);
  EXPECT_EQ(plan->indicators[0].variants[0], "Hai \"dòng\" \\ một'");
  EXPECT_EQ(plan->indicators[0].variants[1], "Tổng");
}

// An error toml++ finds after Vietnamese on its line is told at the
// column of the file, not of the escapes toml++ read.
TEST(PlanLoader, TomlErrorColumnCountsTheFilesCharacters) {
  // name_vi = "Kế hoạch" x   → 'x' is the 22nd character.
  const std::string message = load_error("name_vi = \"Kế hoạch\" x\n");
  EXPECT_THAT(message, HasSubstr("bad.toml:1:22: not valid TOML"));
}

TEST(PlanLoaderHostile, InvalidUtf8IsRefusedWithItsPlace) {
  EXPECT_THAT(load_error("id = \"t\"\nname_vi = \"\xc3\x28\"\n"), HasSubstr("bad.toml:2:12: "));
  EXPECT_THAT(load_error("id = \"t\"\nname_vi = \"\xc3\x28\"\n"), HasSubstr("not valid UTF-8"));
}

TEST(PlanLoaderHostile, WrongTypesAreNamed) {
  std::string text = R"toml(
id = "t"
name_vi = "K"
title_vi = "B"
unit_name_headers = [1]
indicators = [1, 2]
[[units]]
name = ["a"]
kind = 7
)toml";
  Result<Plan> plan = parse_plan(text, "types.toml");
  ASSERT_FALSE(plan.ok());
  EXPECT_THAT(plan.error().message, HasSubstr("unit_name_headers[0]: is a whole number; expected a text"));
  EXPECT_THAT(plan.error().message, HasSubstr("indicators: expected entries written as [[indicators]] tables"));
  EXPECT_THAT(plan.error().message, HasSubstr("units[0].name: is a list; expected a text in quotes"));
}

}  // namespace
}  // namespace chiso
