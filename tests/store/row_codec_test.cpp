#include "store/row_codec.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>

namespace chiso::store_detail {
namespace {

UnitRow row_of(int row_number, std::string raw_name, std::vector<Value> values) {
  UnitRow row;
  row.row_number = row_number;
  row.raw_name = std::move(raw_name);
  row.pos = CellPos{1, 4 + row_number, 2};
  row.values = std::move(values);
  return row;
}

void expect_same_rows(const std::vector<StoredRow>& actual, const std::vector<UnitRow>& expected,
                      const std::vector<std::int64_t>& unit_ids) {
  ASSERT_EQ(actual.size(), expected.size());
  for (std::size_t row_idx = 0; row_idx < expected.size(); ++row_idx) {
    const UnitRow& got = actual[row_idx].row;
    const UnitRow& want = expected[row_idx];
    EXPECT_EQ(actual[row_idx].unit_id, unit_ids[row_idx]);
    EXPECT_EQ(got.row_number, want.row_number);
    EXPECT_EQ(got.raw_name, want.raw_name);
    EXPECT_EQ(got.pos.table_idx, want.pos.table_idx);
    EXPECT_EQ(got.pos.row_idx, want.pos.row_idx);
    EXPECT_EQ(got.pos.col_idx, want.pos.col_idx);
    ASSERT_EQ(got.values.size(), want.values.size());
    for (std::size_t value_idx = 0; value_idx < want.values.size(); ++value_idx) {
      const Value& a = got.values[value_idx];
      const Value& b = want.values[value_idx];
      std::string where = "row " + std::to_string(row_idx) + " value " + std::to_string(value_idx);
      EXPECT_EQ(a.state, b.state) << where;
      EXPECT_EQ(a.number, b.number) << where;
      EXPECT_EQ(std::signbit(a.number), std::signbit(b.number)) << where;
      EXPECT_EQ(a.raw, b.raw) << where;
      EXPECT_EQ(a.pos.table_idx, b.pos.table_idx) << where;
      EXPECT_EQ(a.pos.row_idx, b.pos.row_idx) << where;
      EXPECT_EQ(a.pos.col_idx, b.pos.col_idx) << where;
    }
  }
}

TEST(RowCodec, CountTypedAsItsDigitsInTheNextColumnTakesThreeBytesAndNoText) {
  UnitRow row = row_of(1, "Sở Y tế", {Value{ValueState::number, 1045, "1045", CellPos{1, 5, 3}}});
  BlockEncoder encoder;
  encoder.add(row, 7);
  // Text: the name, then an empty field (the raw text is rebuilt from 1045).
  EXPECT_EQ(encoder.texts(), "Sở Y tế\x1f");
  // row_number 1 (zigzag 2) | unit 7 | pos 1,5,2 (zigzag 2,10,4) | 1 value |
  // tag: state number (1) | varint (1<<3) | elided (1<<5) | follows (1<<6) = 0x69 |
  // 1045 (zigzag 2090 = 0xAA 0x10); no position: column 3 follows the name's 2.
  EXPECT_EQ(encoder.blob(), std::string("\x02\x07\x02\x0a\x04\x01\x69\xaa\x10", 9));
  // In another column, the position is written: table +0, row +0, col 5 (zigzag 10).
  BlockEncoder elsewhere;
  row.values[0].pos.col_idx = 5;
  elsewhere.add(row, 7);
  EXPECT_EQ(elsewhere.blob(), std::string("\x02\x07\x02\x0a\x04\x01\x29\xaa\x10\x00\x00\x0a", 12));
}

TEST(RowCodec, RawTextsThatDifferFromTheNumberAreKept) {
  // "1.045" is 1045 typed with a thousands dot: the text must survive.
  std::vector<UnitRow> rows = {row_of(1, "A", {Value{ValueState::number, 1045, "1.045", CellPos{1, 5, 3}},
                                               Value{ValueState::number, 5, "05", CellPos{1, 5, 4}},
                                               Value{ValueState::yes, 1, "X", CellPos{1, 5, 5}},
                                               Value{ValueState::blank, 0, " ", CellPos{1, 5, 6}}})};
  BlockEncoder encoder;
  encoder.add(rows[0], 0);
  EXPECT_EQ(encoder.texts(), "A\x1f" "1.045\x1f" "05\x1fX\x1f ");
  std::vector<StoredRow> decoded;
  ASSERT_TRUE(decode_block(encoder.texts(), encoder.blob(), 1, decoded));
  expect_same_rows(decoded, rows, {0});
}

TEST(RowCodec, EveryStateOddNumbersAndSeparatorsRoundTrip) {
  std::vector<UnitRow> rows = {
      row_of(1, "Sở Tư pháp",
             {Value{ValueState::blank, 0, "", CellPos{1, 5, 3}},
              Value{ValueState::number, 74.05, "74,05", CellPos{1, 5, 4}},
              Value{ValueState::yes, 1, "x", CellPos{1, 5, 5}},
              Value{ValueState::no, 0, "0", CellPos{1, 5, 6}},
              Value{ValueState::text, 0, "86-96", CellPos{1, 5, 7}},
              Value{ValueState::number, -0.0, "-0", CellPos{2, 1, 1}},
              Value{ValueState::number, -123456789012.0, "-123456789012", CellPos{0, 0, 0}},
              Value{ValueState::number, std::numeric_limits<double>::infinity(), "inf", CellPos{9, 900000, 17}}}),
      row_of(-2, "tên\x1f" "có\x1e" "ký tự\x1b" "lạ", {}),
      row_of(3, "", {Value{ValueState::text, 0, "\x1e\x1f\x1b", CellPos{1, 7, 3}},
                     Value{ValueState::blank, 0, "", CellPos{1, 7, 4}}}),
  };
  BlockEncoder encoder;
  encoder.add(rows[0], 1);
  encoder.add(rows[1], 0);
  encoder.add(rows[2], 123456789);
  EXPECT_EQ(encoder.row_count(), 3u);
  std::vector<StoredRow> decoded;
  ASSERT_TRUE(decode_block(encoder.texts(), encoder.blob(), 3, decoded));
  expect_same_rows(decoded, rows, {1, 0, 123456789});

  encoder.clear();
  EXPECT_EQ(encoder.row_count(), 0u);
  decoded.clear();
  EXPECT_TRUE(decode_block(encoder.texts(), encoder.blob(), 0, decoded));
  EXPECT_TRUE(decoded.empty());
}

TEST(RowCodec, DamagedBlocksAreRefusedNotTrusted) {
  std::vector<UnitRow> rows = {row_of(1, "A", {Value{ValueState::number, 74.05, "74,05", CellPos{1, 5, 4}},
                                               Value{ValueState::yes, 1, "x", CellPos{1, 5, 5}}}),
                               row_of(2, "B", {Value{ValueState::number, 3, "3", CellPos{1, 6, 4}},
                                               Value{ValueState::no, 0, "0", CellPos{1, 6, 5}}})};
  BlockEncoder encoder;
  for (const UnitRow& row : rows) encoder.add(row, 0);
  const std::string& texts = encoder.texts();
  const std::string& blob = encoder.blob();
  std::vector<StoredRow> decoded;
  for (std::size_t size = 0; size < blob.size(); ++size) {
    decoded.clear();
    EXPECT_FALSE(decode_block(texts, blob.substr(0, size), 2, decoded)) << size;
  }
  decoded.clear();
  EXPECT_FALSE(decode_block(texts, blob + std::string(1, '\0'), 2, decoded));  // trailing byte
  decoded.clear();
  EXPECT_FALSE(decode_block(texts, blob, 3, decoded));  // more rows claimed than stored
  decoded.clear();
  EXPECT_FALSE(decode_block(texts, blob, 1, decoded));  // fewer
  decoded.clear();
  EXPECT_FALSE(decode_block("A\x1f" "74,05\x1f\x1e" "B", blob, 2, decoded));  // a text field missing
  decoded.clear();
  EXPECT_FALSE(decode_block(texts + "\x1f" "extra", blob, 2, decoded));  // a text field too many
  std::string bad_state = blob;
  bad_state[6] = '\x07';  // the first value's tag: no such state
  decoded.clear();
  EXPECT_FALSE(decode_block(texts, bad_state, 2, decoded));
  decoded.clear();
  EXPECT_FALSE(decode_block("", std::string("\x02\x00\x02\x0a\x04\xff\xff\xff\xff\x0f", 10), 1, decoded));
  decoded.clear();
  EXPECT_FALSE(decode_block("", "", 1, decoded));
  decoded.clear();
  EXPECT_FALSE(decode_block("x", "", 0, decoded));
}

}  // namespace
}  // namespace chiso::store_detail
