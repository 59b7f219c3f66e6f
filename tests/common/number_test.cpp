// Tests of common/number with the values of the seed table.
#include "common/number.h"

#include <gtest/gtest.h>

#include <bit>
#include <charconv>
#include <cstdint>
#include <string>

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

// Thousands grouped with a space, as Word and many offices write them
// (issue 14 §6): a space, a no-break space or a narrow no-break space.
TEST(Parse, ThousandsGroupedWithSpaces) {
  EXPECT_DOUBLE_EQ(*parse("1 345"), 1345);
  EXPECT_DOUBLE_EQ(*parse("1\xC2\xA0"
                          "345"),
                   1345);
  EXPECT_DOUBLE_EQ(*parse("1\xE2\x80\xAF"
                          "345"),
                   1345);
  EXPECT_DOUBLE_EQ(*parse("12 345 678"), 12345678);
  EXPECT_DOUBLE_EQ(*parse("1 345,5"), 1345.5);
  EXPECT_DOUBLE_EQ(*parse("-1 345"), -1345);
  EXPECT_DOUBLE_EQ(*parse(" 4 190 "), 4190);
  // Not groups of three: a range, two numbers, a slip; never 1015.
  EXPECT_FALSE(parse("10 - 15").has_value());
  EXPECT_FALSE(parse("10 15").has_value());
  EXPECT_FALSE(parse("1 34").has_value());
  EXPECT_FALSE(parse("1345 678").has_value());
  EXPECT_FALSE(parse("1  345").has_value());
  EXPECT_FALSE(parse("1 345.678").has_value());
  EXPECT_FALSE(parse("1 345,5,5").has_value());
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

// parse() reads the digits with an exact fast path (an integer up to 2^53
// divided by a power of ten up to 1e22) and falls back to std::from_chars;
// both must give the very same double (compared bit for bit, not "near").
TEST(Parse, FastPathGivesFromCharsBits) {
  const char* cases[] = {
      "0",        "1",          "66",         "1,5",          "74,05",         "99,71",
      "0,1",      "0,2",        "0,3",        "0,7",          "33,33",         "66,67",
      "92,5",     "40,67",      "0,8",        "123456,789",   "1.234,5",       "1.234.567",
      "99.5",     "0.125",      "1234.567",   "1,0000000000000000000001",
      "9007199254740992",       // 2^53: fast
      "9007199254740993",       // 2^53 + 1: not exact, from_chars
      "9007199254740991,5",     // 17 digits, over 2^53: from_chars
      "12345678901234567890",   // 20 digits: from_chars
      "0,0000000000000000000001",  // 22 decimals: fast
      "0,00000000000000000000001", // 23 decimals: from_chars
      "4,35",     "8,8",        "1,005",      "0000,5",       "00000000000000000000000001",
  };
  for (const char* text : cases) {
    const std::string_view s(text);
    const size_t point = s.find(',') != std::string_view::npos ? s.find(',')
                         : (s.find('.') != std::string_view::npos && s != "1.234.567" ? s.find('.')
                                                                                      : s.npos);
    const std::optional<double> fast = detail::decimal_value(s, point);
    const std::optional<double> slow = detail::decimal_value_slow(s, point);
    ASSERT_TRUE(fast.has_value()) << text;
    ASSERT_TRUE(slow.has_value()) << text;
    EXPECT_EQ(std::bit_cast<std::uint64_t>(*fast), std::bit_cast<std::uint64_t>(*slow)) << text;
  }
  // Through parse(): the same bits as from_chars on the plain text.
  auto from_chars = [](const std::string& plain) {
    double value = 0;
    std::from_chars(plain.data(), plain.data() + plain.size(), value);
    return std::bit_cast<std::uint64_t>(value);
  };
  EXPECT_EQ(std::bit_cast<std::uint64_t>(*parse("74,05")), from_chars("74.05"));
  EXPECT_EQ(std::bit_cast<std::uint64_t>(*parse("0,3")), from_chars("0.3"));
  EXPECT_EQ(std::bit_cast<std::uint64_t>(*parse("1.234,56")), from_chars("1234.56"));
  EXPECT_EQ(std::bit_cast<std::uint64_t>(*parse("9007199254740993")), from_chars("9007199254740993"));
  EXPECT_EQ(std::bit_cast<std::uint64_t>(*parse("-0")), std::bit_cast<std::uint64_t>(-0.0));
  EXPECT_EQ(*parse("-3"), -3);
  EXPECT_FALSE(parse(std::string(400, '9')).has_value());  // too big: not finite
  EXPECT_FALSE(detail::decimal_value("", std::string_view::npos).has_value());
}

// parse()'s one-pass path for "digits[,digits]" against from_chars on the
// same text with a dot, over many values with 0–4 decimals.
TEST(Parse, UsualCellsGiveFromCharsBits) {
  for (int whole = 0; whole <= 1200; whole += 7) {
    for (int fraction = 0; fraction < 10000; fraction += 37) {
      for (int decimals = 0; decimals <= 4; ++decimals) {
        std::string digits = std::to_string(fraction);
        if (decimals == 0) digits.clear();
        if (digits.size() > static_cast<size_t>(decimals)) digits.resize(static_cast<size_t>(decimals));
        while (digits.size() < static_cast<size_t>(decimals)) digits.insert(0, "0");
        const std::string typed = std::to_string(whole) + (decimals > 0 ? "," + digits : "");
        const std::string plain = std::to_string(whole) + (decimals > 0 ? "." + digits : "");
        double expected = 0;
        std::from_chars(plain.data(), plain.data() + plain.size(), expected);
        const std::optional<double> parsed = parse(typed);
        ASSERT_TRUE(parsed.has_value()) << typed;
        ASSERT_EQ(std::bit_cast<std::uint64_t>(*parsed), std::bit_cast<std::uint64_t>(expected)) << typed;
        ASSERT_EQ(std::bit_cast<std::uint64_t>(*parse("-" + typed)), std::bit_cast<std::uint64_t>(-expected));
      }
    }
  }
}

// One formatter for every output (issue 14 §3): the language decides the
// separators, the plan's decimals how many decimals are shown.
TEST(Format, PlanDecimalsAreAlwaysShown) {
  // Typed "8,00" and "6,70" in a 2-decimal column are published so.
  EXPECT_EQ(format(8, 2, Lang::vi), "8,00");
  EXPECT_EQ(format(6.7, 2, Lang::vi), "6,70");
  EXPECT_EQ(format(6.7, 2, Lang::en), "6.70");
  // The seed's city-wide count of online services, 4.190, in both languages.
  EXPECT_EQ(format(4190, 0, Lang::vi), "4.190");
  EXPECT_EQ(format(4190, 0, Lang::en), "4,190");
  EXPECT_EQ(format(1234567.891, 2, Lang::vi), "1.234.567,89");
  EXPECT_EQ(format(1234567.891, 2, Lang::en), "1,234,567.89");
  // 57 / 96 of Sở Văn hóa và Thể thao: 59,375 % rounds half away from zero.
  EXPECT_EQ(format(100.0 * 57 / 96, 2, Lang::vi), "59,38");
  EXPECT_EQ(format(2.675, 2, Lang::vi), "2,68");  // stored as 2.67499…
  EXPECT_EQ(format(-0.001, 2, Lang::vi), "0,00");
  EXPECT_EQ(format(-1234.5, 1, Lang::en), "-1,234.5");
}

TEST(Format, TrimmedDropsTrailingZeros) {
  EXPECT_EQ(format_trimmed(76, 2, Lang::vi), "76");
  EXPECT_EQ(format_trimmed(100.0 * 38 / 70, 2, Lang::vi), "54,29");
  EXPECT_EQ(format_trimmed(100.0 * 38 / 70, 2, Lang::en), "54.29");
  EXPECT_EQ(format_trimmed(4190, 2, Lang::en), "4,190");
  EXPECT_EQ(format_trimmed(-0.001, 2, Lang::vi), "0");
}

TEST(DisplayRaw, MachineNumbersAreWrittenInTheReadersWay) {
  // An XLSX number cell holds "39.32" (Sở GTVT's partial share): a message
  // in Vietnamese says "39,32", never "39.32".
  EXPECT_EQ(display_raw("39.32", Lang::vi), "39,32");
  EXPECT_EQ(display_raw("39.32", Lang::en), "39.32");
  EXPECT_EQ(display_raw("5178", Lang::vi), "5.178");
  EXPECT_EQ(display_raw("5178", Lang::en), "5,178");
  EXPECT_EQ(display_raw("-3", Lang::vi), "-3");
  EXPECT_EQ(display_raw("1045.5", Lang::vi), "1.045,5");
  // Typed the Vietnamese way: the same in Vietnamese, English separators in
  // English (an English message never says "typed 39,32 … expected 29.32").
  EXPECT_EQ(display_raw("39,32", Lang::vi), "39,32");
  EXPECT_EQ(display_raw("39,32", Lang::en), "39.32");
  EXPECT_EQ(display_raw("8,00", Lang::en), "8.00");
  EXPECT_EQ(display_raw("1.045", Lang::vi), "1.045");
  EXPECT_EQ(display_raw("1.045", Lang::en), "1,045");
  EXPECT_EQ(display_raw("1.234,5", Lang::en), "1,234.5");
  // Not a number: kept as typed.
  EXPECT_EQ(display_raw("86-96", Lang::vi), "86-96");
  EXPECT_EQ(display_raw("86-96", Lang::en), "86-96");
  EXPECT_EQ(display_raw("95%", Lang::en), "95%");
  EXPECT_EQ(display_raw("", Lang::vi), "");
}

}  // namespace
}  // namespace chiso::number
