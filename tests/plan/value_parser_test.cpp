// parse_value by kind, and period names.
#include <gtest/gtest.h>

#include <string>

#include "plan/binding.h"
#include "plan/period.h"

namespace chiso {
namespace {

Indicator of_kind(IndicatorKind kind) {
  Indicator indicator;
  indicator.code = "x";
  indicator.kind = kind;
  return indicator;
}

const Indicator kCount = of_kind(IndicatorKind::count);
const Indicator kDays = of_kind(IndicatorKind::days);
const Indicator kPercent = of_kind(IndicatorKind::percent);
const Indicator kMark = of_kind(IndicatorKind::mark);
const CellPos kPos{2, 7, 5};

TEST(ParseValue, NumbersTheVietnameseWay) {
  Value days = parse_value(kDays, "1,5", kPos);
  EXPECT_EQ(days.state, ValueState::number);
  EXPECT_DOUBLE_EQ(days.number, 1.5);
  EXPECT_EQ(days.raw, "1,5");
  EXPECT_EQ(days.pos.table_idx, 2);
  EXPECT_EQ(days.pos.row_idx, 7);
  EXPECT_EQ(days.pos.col_idx, 5);
  EXPECT_DOUBLE_EQ(parse_value(kPercent, "74,05", kPos).number, 74.05);
  EXPECT_DOUBLE_EQ(parse_value(kCount, "1.045", kPos).number, 1045);
  EXPECT_DOUBLE_EQ(parse_value(kPercent, "99.5", kPos).number, 99.5);
  EXPECT_DOUBLE_EQ(parse_value(kPercent, " 95 % ", kPos).number, 95);
  EXPECT_DOUBLE_EQ(parse_value(kCount, "\u00A0140\u00A0", kPos).number, 140);
  EXPECT_DOUBLE_EQ(parse_value(kCount, "1 345", kPos).number, 1345);
  EXPECT_DOUBLE_EQ(parse_value(kCount, "1\u00A0345", kPos).number, 1345);
  // A range stays text, for the range finding: not 1015.
  EXPECT_EQ(parse_value(kCount, "10 - 15", kPos).state, ValueState::text);
  EXPECT_DOUBLE_EQ(parse_value(kCount, "-3", kPos).number, -3);  // kept; the checker flags it
  EXPECT_EQ(parse_value(kCount, "0", kPos).state, ValueState::number);
}

TEST(ParseValue, TextInANumberColumnKeepsItsRawText) {
  Value range = parse_value(kPercent, "86-96", kPos);
  EXPECT_EQ(range.state, ValueState::text);
  EXPECT_EQ(range.raw, "86-96");
  EXPECT_FALSE(range.has_number());
  EXPECT_EQ(parse_value(kCount, "khoảng 5", kPos).state, ValueState::text);
  EXPECT_EQ(parse_value(kCount, "x", kPos).state, ValueState::text);
}

TEST(ParseValue, BlankIsNotReported) {
  EXPECT_EQ(parse_value(kCount, "", kPos).state, ValueState::blank);
  EXPECT_EQ(parse_value(kCount, "  \u00A0 ", kPos).state, ValueState::blank);
  EXPECT_EQ(parse_value(kMark, "", kPos).state, ValueState::blank);
  EXPECT_EQ(parse_value(kMark, " ", kPos).state, ValueState::blank);
}

TEST(ParseValue, Marks) {
  Value yes = parse_value(kMark, "x", kPos);
  EXPECT_EQ(yes.state, ValueState::yes);
  EXPECT_EQ(yes.number, 1);
  EXPECT_EQ(parse_value(kMark, "X", kPos).state, ValueState::yes);
  EXPECT_EQ(parse_value(kMark, " x\u00A0", kPos).state, ValueState::yes);
  Value no = parse_value(kMark, "0", kPos);
  EXPECT_EQ(no.state, ValueState::no);
  EXPECT_EQ(no.number, 0);
  // A number other than 0 in a mark column is not a mark.
  Value one = parse_value(kMark, "1", kPos);
  EXPECT_EQ(one.state, ValueState::text);
  EXPECT_EQ(one.raw, "1");
  EXPECT_EQ(parse_value(kMark, "có", kPos).state, ValueState::text);
}

TEST(ParseValue, TrueNumberCellsFromXlsx) {
  EXPECT_DOUBLE_EQ(parse_value(kPercent, "74.05", kPos, true).number, 74.05);
  EXPECT_DOUBLE_EQ(parse_value(kCount, "1.045", kPos, true).number, 1.045);
  EXPECT_DOUBLE_EQ(parse_value(kCount, "1.045", kPos, false).number, 1045);
  EXPECT_DOUBLE_EQ(parse_value(kCount, "140", kPos, true).number, 140);
  EXPECT_EQ(parse_value(kMark, "0", kPos, true).state, ValueState::no);
}

TEST(ParseValue, IntoReusesTheValue) {
  Value value;
  parse_value_into(kCount, "12", kPos, false, value);
  EXPECT_EQ(value.number, 12);
  parse_value_into(kCount, "abc", CellPos{1, 1, 1}, false, value);
  EXPECT_EQ(value.state, ValueState::text);
  EXPECT_EQ(value.number, 0);  // no stale number
  EXPECT_EQ(value.raw, "abc");
  EXPECT_EQ(value.pos.row_idx, 1);
}

struct PeriodCase {
  const char* text;
  const char* expected;  // nullptr: not a period
};

TEST(Period, Normalised) {
  const PeriodCase cases[] = {
      {"2025-Q1", "2025-Q1"},     {"2025-q4", "2025-Q4"},       {"Q1/2025", "2025-Q1"},
      {"Q2-2025", "2025-Q2"},     {"Quý I/2025", "2025-Q1"},    {"Quý IV năm 2024", "2024-Q4"},
      {"quý 3/2025", "2025-Q3"},  {"QUÝ II - 2025", "2025-Q2"}, {"2025-03", "2025-03"},
      {"2025-3", "2025-03"},      {"03/2025", "2025-03"},       {"3/2025", "2025-03"},
      {"2025/12", "2025-12"},     {"T3/2025", "2025-03"},       {"Tháng 3/2025", "2025-03"},
      {"tháng 03 năm 2025", "2025-03"}, {"2025-H1", "2025-H1"}, {"H2/2025", "2025-H2"},
      {"2025", "2025"},           {"Năm 2025", "2025"},         {" 2025-Q1 ", "2025-Q1"},
      {"2025-13", nullptr},       {"Quý V/2025", nullptr},      {"Q5/2025", nullptr},
      {"2024-2025", nullptr},     {"kỳ đầu", nullptr},          {"", nullptr},
      {"03", nullptr},            {"Q1", nullptr},              {"2025-Q1-03", nullptr},
      {"Tháng/2025", nullptr},
  };
  for (const PeriodCase& c : cases) {
    std::optional<std::string> got = normalize_period(c.text);
    if (c.expected == nullptr) {
      EXPECT_FALSE(got.has_value()) << c.text << " → " << got.value_or("");
    } else {
      EXPECT_EQ(got.value_or("(none)"), c.expected) << c.text;
    }
  }
}

}  // namespace
}  // namespace chiso
