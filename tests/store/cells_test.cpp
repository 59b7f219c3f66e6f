// A unit's values as the store writes them (store/cells.h): the exact text,
// since a row imported again is compared with the stored text to decide
// whether it changed.
#include <gtest/gtest.h>

#include <fmt/format.h>

#include <cmath>
#include <limits>
#include <random>
#include <string>
#include <vector>

#include "store/cells.h"

namespace chiso::store_detail {
namespace {

Value number_value(double number, std::string raw, int col_idx) {
  Value value;
  value.state = ValueState::number;
  value.number = number;
  value.raw = std::move(raw);
  value.pos = CellPos{0, 5, col_idx};
  return value;
}

TEST(Cells, EncodesTheDocumentedText) {
  UnitRow row;
  row.pos = CellPos{0, 5, 1};
  row.values.resize(5);
  row.values[0] = number_value(4190, "4.190", 5);
  row.values[1].state = ValueState::yes;
  row.values[1].raw = "x";
  row.values[1].pos = CellPos{0, 5, 6};
  // values[2] blank: left out, with its position.
  row.values[3] = number_value(0, "86-96", 8);
  row.values[3].state = ValueState::text;
  row.values[4] = number_value(72.65, "72,65", 9);
  row.values[4].pos = CellPos{1, 9, 8};  // not on the row's own line
  const std::vector<std::string> codes = {"online_total", "meeting_room_has", "blank_one",
                                          "first_time_valid_pct", "online_full_pct"};
  EncodedCells encoded;
  encode_cells(row, codes, encoded);
  EXPECT_EQ(encoded.cells,
            R"({"online_total":["4.190",4190],"meeting_room_has":["x",true],)"
            R"("first_time_valid_pct":["86-96",null],"online_full_pct":["72,65",72.65]})");
  EXPECT_EQ(encoded.positions, "5,6,8,1:9:8");
}

TEST(Cells, EscapesQuotesBackslashesAndControlCharacters) {
  std::string out;
  append_json_string(out, "Sở \"Y\" tế\\a\tb\x01");
  EXPECT_EQ(out, "\"Sở \\\"Y\\\" tế\\\\a\\u0009b\\u0001\"");
  out.clear();
  append_json_string(out, "");
  EXPECT_EQ(out, "\"\"");
}

// Whole numbers, negative zero, the edge of the shortcut for whole numbers
// (10^15), fractions, tiny and huge numbers: each written as fmt's "{}"
// writes it, the text stores have always held.
TEST(Cells, NumbersAreWrittenAsFmtWritesThem) {
  std::vector<double> numbers = {0.0,   -0.0,   1.0,    -1.0,   4190.0, 1e15 - 1, -(1e15 - 1), 1e15,
                                 -1e15, 1e16,   1e17,   1e21,   0.5,    72.65,    -3.25,      0.0001,
                                 1e-5,  1.5e-7, 123456789.125,  2.5e15, 9007199254740993.0,
                                 std::numeric_limits<double>::max(), std::numeric_limits<double>::denorm_min()};
  std::mt19937_64 random(20261206);
  std::uniform_int_distribution<std::int64_t> whole(-2'000'000'000'000'000, 2'000'000'000'000'000);
  std::uniform_real_distribution<double> fraction(-1e6, 1e6);
  for (int sample_idx = 0; sample_idx < 2000; ++sample_idx) {
    numbers.push_back(static_cast<double>(whole(random)));
    numbers.push_back(std::round(fraction(random) * 100) / 100);
    numbers.push_back(fraction(random));
  }
  const std::vector<std::string> codes = {"n"};
  EncodedCells encoded;
  for (double number : numbers) {
    UnitRow row;
    row.values = {number_value(number, "r", 3)};
    encode_cells(row, codes, encoded);
    EXPECT_EQ(encoded.cells, R"({"n":["r",)" + fmt::format("{}", number) + "]}") << number;
  }
}

}  // namespace
}  // namespace chiso::store_detail
