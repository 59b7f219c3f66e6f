#include "store/row_codec.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>

namespace chiso::store_detail {
namespace {

TEST(RowCodec, RawTextsJoinWithUnitSeparatorAndEscapeIt) {
  std::vector<Value> values(3);
  values[0].raw = "1.045";
  values[1].raw = "";
  values[2].raw = "a\x1f" "b";
  std::string joined;
  encode_raw_texts(values, joined);
  EXPECT_EQ(joined, std::string("1.045\x1f\x1f" "a\x1b\x1f" "b"));
  EXPECT_EQ(decode_raw_texts(joined), (std::vector<std::string>{"1.045", "", "a\x1f" "b"}));
}

TEST(RowCodec, IntegerCountTakesFourBytesWithItsPosition) {
  // tag, varint 1045 (2 bytes zigzag: 2090 = 0xAA 0x10), three positions.
  std::vector<Value> values = {Value{ValueState::number, 1045, "1.045", CellPos{1, 5, 3}}};
  std::string blob;
  encode_parsed_values(values, CellPos{1, 5, 2}, blob);
  // count 1 | tag (state 1, varint) | 0xAA 0x10 | table +0 | row +0 | col 3 (zigzag 6)
  EXPECT_EQ(blob, std::string("\x01\x09\xaa\x10\x00\x00\x06", 7));
}

TEST(RowCodec, EveryStateAndOddNumbersRoundTrip) {
  std::vector<Value> values = {
      Value{ValueState::blank, 0, "", CellPos{1, 5, 3}},
      Value{ValueState::number, 74.05, "74,05", CellPos{1, 5, 4}},
      Value{ValueState::yes, 1, "x", CellPos{1, 5, 5}},
      Value{ValueState::no, 0, "0", CellPos{1, 5, 6}},
      Value{ValueState::text, 0, "86-96", CellPos{1, 5, 7}},
      Value{ValueState::number, -0.0, "-0", CellPos{2, 1, 1}},
      Value{ValueState::number, -123456789012.0, "x", CellPos{0, 0, 0}},
      Value{ValueState::number, std::numeric_limits<double>::infinity(), "inf", CellPos{9, 900000, 17}},
  };
  CellPos row_pos{1, 5, 2};
  std::string raw_texts, blob;
  encode_raw_texts(values, raw_texts);
  encode_parsed_values(values, row_pos, blob);
  std::vector<Value> decoded;
  ASSERT_TRUE(decode_values(raw_texts, blob, row_pos, decoded));
  ASSERT_EQ(decoded.size(), values.size());
  for (std::size_t value_idx = 0; value_idx < values.size(); ++value_idx) {
    EXPECT_EQ(decoded[value_idx].state, values[value_idx].state) << value_idx;
    EXPECT_EQ(decoded[value_idx].number, values[value_idx].number) << value_idx;
    EXPECT_EQ(std::signbit(decoded[value_idx].number), std::signbit(values[value_idx].number)) << value_idx;
    EXPECT_EQ(decoded[value_idx].raw, values[value_idx].raw) << value_idx;
    EXPECT_EQ(decoded[value_idx].pos.table_idx, values[value_idx].pos.table_idx) << value_idx;
    EXPECT_EQ(decoded[value_idx].pos.row_idx, values[value_idx].pos.row_idx) << value_idx;
    EXPECT_EQ(decoded[value_idx].pos.col_idx, values[value_idx].pos.col_idx) << value_idx;
  }
}

TEST(RowCodec, EmptyRowRoundTrips) {
  std::string raw_texts, blob;
  encode_raw_texts({}, raw_texts);
  encode_parsed_values({}, CellPos{}, blob);
  std::vector<Value> decoded(3);
  ASSERT_TRUE(decode_values(raw_texts, blob, CellPos{}, decoded));
  EXPECT_TRUE(decoded.empty());
}

TEST(RowCodec, DamagedBlobsAreRefusedNotTrusted) {
  std::vector<Value> values = {Value{ValueState::number, 74.05, "74,05", CellPos{1, 5, 4}},
                               Value{ValueState::yes, 1, "x", CellPos{1, 5, 5}}};
  std::string raw_texts, blob;
  encode_raw_texts(values, raw_texts);
  encode_parsed_values(values, CellPos{1, 5, 2}, blob);
  std::vector<Value> decoded;
  // Every truncation fails.
  for (std::size_t size = 0; size < blob.size(); ++size)
    EXPECT_FALSE(decode_values(raw_texts, blob.substr(0, size), CellPos{1, 5, 2}, decoded)) << size;
  // Trailing bytes, a bad state, a raw text count that does not match.
  EXPECT_FALSE(decode_values(raw_texts, blob + "\x00", CellPos{1, 5, 2}, decoded));
  std::string bad_state = blob;
  bad_state[1] = '\x07';
  EXPECT_FALSE(decode_values(raw_texts, bad_state, CellPos{1, 5, 2}, decoded));
  EXPECT_FALSE(decode_values("74,05", blob, CellPos{1, 5, 2}, decoded));
  // A count far larger than the blob.
  EXPECT_FALSE(decode_values("", std::string("\xff\xff\xff\xff\x0f", 5), CellPos{}, decoded));
}

}  // namespace
}  // namespace chiso::store_detail
