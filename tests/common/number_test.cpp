// Tests of common/number with the values of the seed table.
#include "common/number.h"

#include <gtest/gtest.h>

namespace chiso::number {
namespace {

TEST(Parse, SeedValues) {
  EXPECT_DOUBLE_EQ(*parse("1,5"), 1.5);
  EXPECT_DOUBLE_EQ(*parse("74,05"), 74.05);
  EXPECT_DOUBLE_EQ(*parse("99,71"), 99.71);
  EXPECT_DOUBLE_EQ(*parse("25,95"), 25.95);
  EXPECT_DOUBLE_EQ(*parse("0,8"), 0.8);
  EXPECT_DOUBLE_EQ(*parse("66"), 66);
  EXPECT_DOUBLE_EQ(*parse("0"), 0);
  EXPECT_FALSE(parse("86-96").has_value());
}

TEST(Parse, DotsAndCommas) {
  EXPECT_DOUBLE_EQ(*parse("1.045"), 1045);
  EXPECT_DOUBLE_EQ(*parse("1.234.567"), 1234567);
  EXPECT_DOUBLE_EQ(*parse("1.234,5"), 1234.5);
  EXPECT_DOUBLE_EQ(*parse("99.5"), 99.5);
  EXPECT_DOUBLE_EQ(*parse("74.05"), 74.05);
  EXPECT_DOUBLE_EQ(*parse("0.125"), 0.125);      // 0 cannot lead a thousands group
  EXPECT_DOUBLE_EQ(*parse("1234.567"), 1234.567);  // 4 digits cannot either
  EXPECT_FALSE(parse("1.23.4").has_value());
  EXPECT_FALSE(parse("1,2,3").has_value());
  EXPECT_FALSE(parse("12.34,5").has_value());
  EXPECT_FALSE(parse("1,").has_value());
  EXPECT_FALSE(parse(",5").has_value());
  EXPECT_FALSE(parse("1..2").has_value());
}

TEST(Parse, PercentSignSpacesNbsp) {
  EXPECT_DOUBLE_EQ(*parse("95%"), 95);
  EXPECT_DOUBLE_EQ(*parse("95 %"), 95);
  EXPECT_DOUBLE_EQ(*parse(" 88,5% "), 88.5);
  EXPECT_DOUBLE_EQ(*parse("\xC2\xA0" "100" "\xC2\xA0"), 100);
  EXPECT_DOUBLE_EQ(*parse("-3"), -3);
  EXPECT_DOUBLE_EQ(*parse("+4"), 4);
  EXPECT_FALSE(parse("%").has_value());
  EXPECT_FALSE(parse("-").has_value());
}

TEST(Parse, TextIsNotANumber) {
  EXPECT_FALSE(parse("").has_value());
  EXPECT_FALSE(parse("   ").has_value());
  EXPECT_FALSE(parse("khoảng 5").has_value());
  EXPECT_FALSE(parse("x").has_value());
  EXPECT_FALSE(parse("5 5").has_value());
  EXPECT_FALSE(parse("1e5").has_value());
  EXPECT_FALSE(parse("nan").has_value());
  EXPECT_FALSE(parse("inf").has_value());
}

TEST(ParseMark, SeedMarks) {
  EXPECT_EQ(parse_mark("x"), ValueState::yes);
  EXPECT_EQ(parse_mark("X"), ValueState::yes);
  EXPECT_EQ(parse_mark(" x "), ValueState::yes);
  EXPECT_EQ(parse_mark("\xC2\xA0x\xC2\xA0"), ValueState::yes);
  EXPECT_EQ(parse_mark("0"), ValueState::no);
  EXPECT_EQ(parse_mark(""), ValueState::blank);
  EXPECT_EQ(parse_mark("  "), ValueState::blank);
  EXPECT_EQ(parse_mark("có"), ValueState::text);
  EXPECT_EQ(parse_mark("xx"), ValueState::text);
  EXPECT_EQ(parse_mark("2"), ValueState::text);
}

TEST(FormatVi, DecimalCommaDotThousands) {
  EXPECT_EQ(format_vi(1045.5), "1.045,5");
  EXPECT_EQ(format_vi(74.05), "74,05");
  EXPECT_EQ(format_vi(1.5), "1,5");
  EXPECT_EQ(format_vi(100), "100");
  EXPECT_EQ(format_vi(1234567), "1.234.567");
  EXPECT_EQ(format_vi(2.0 / 3.0), "0,67");
  EXPECT_EQ(format_vi(2.0 / 3.0, 0), "1");
  EXPECT_EQ(format_vi(-1234.5), "-1.234,5");
  EXPECT_EQ(format_vi(-0.001), "0");
  EXPECT_EQ(format_vi(0), "0");
  EXPECT_EQ(format_vi(999.999), "1.000");
}

TEST(FormatPlain, ShortestWithDot) {
  EXPECT_EQ(format_plain(74.05), "74.05");
  EXPECT_EQ(format_plain(1045), "1045");
  EXPECT_EQ(format_plain(0.1), "0.1");
  EXPECT_EQ(format_plain(-0.0), "0");
}

TEST(RoundTrip, FormatThenParse) {
  for (double v : {0.0, 1.5, 74.05, 1045.0, 1234567.25, 99.71}) {
    EXPECT_DOUBLE_EQ(*parse(format_vi(v)), v) << v;
  }
}

}  // namespace
}  // namespace chiso::number
