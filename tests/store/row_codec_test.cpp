#include "store/row_codec.h"

#include <gtest/gtest.h>

#include <charconv>
#include <cmath>
#include <cstring>
#include <limits>
#include <random>

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

// The encoder as first written (one push_back per byte), kept as the
// reference: the fast encoder must write exactly the same bytes.
struct ReferenceEncoder {
  std::string texts, blob;
  std::size_t row_count = 0;

  static void put_varint(std::uint64_t value, std::string& out) {
    while (value >= 0x80) {
      out.push_back(static_cast<char>((value & 0x7f) | 0x80));
      value >>= 7;
    }
    out.push_back(static_cast<char>(value));
  }
  static void put_zigzag(std::int64_t value, std::string& out) {
    put_varint((static_cast<std::uint64_t>(value) << 1) ^ static_cast<std::uint64_t>(value >> 63), out);
  }
  static void put_text(std::string_view text, std::string& out) {
    for (char c : text) {
      if (c == '\x1b' || c == '\x1e' || c == '\x1f') out.push_back('\x1b');
      out.push_back(c);
    }
  }
  static bool is_small_integer(double number) {
    return std::isfinite(number) && std::fabs(number) < 9.0e15 && number == std::trunc(number) &&
           !(number == 0 && std::signbit(number));
  }

  void add(const UnitRow& row, std::int64_t unit_id) {
    if (row_count > 0) texts.push_back('\x1e');
    ++row_count;
    put_text(row.raw_name, texts);
    put_zigzag(row.row_number, blob);
    put_varint(static_cast<std::uint64_t>(unit_id), blob);
    put_zigzag(row.pos.table_idx, blob);
    put_zigzag(row.pos.row_idx, blob);
    put_zigzag(row.pos.col_idx, blob);
    put_varint(row.values.size(), blob);
    int previous_col = row.pos.col_idx;
    for (const Value& value : row.values) {
      unsigned encoding = 0;
      if (value.has_number() || value.number != 0 || std::signbit(value.number))
        encoding = is_small_integer(value.number) ? 1 : 2;
      bool elided = false;
      switch (value.state) {
        case ValueState::blank: elided = value.raw.empty(); break;
        case ValueState::yes: elided = value.raw == "x"; break;
        case ValueState::no: elided = value.raw == "0"; break;
        default: break;
      }
      if (!elided && encoding == 1 && value.state == ValueState::number) {
        char digits[24];
        auto [end, error] = std::to_chars(digits, digits + sizeof digits, static_cast<std::int64_t>(value.number));
        elided = value.raw == std::string_view(digits, static_cast<std::size_t>(end - digits));
      }
      texts.push_back('\x1f');
      if (!elided) put_text(value.raw, texts);
      bool follows = value.pos.table_idx == row.pos.table_idx && value.pos.row_idx == row.pos.row_idx &&
                     value.pos.col_idx == previous_col + 1 && previous_col < INT32_MAX;
      previous_col = value.pos.col_idx;
      blob.push_back(static_cast<char>(static_cast<unsigned>(value.state) | (encoding << 3) |
                                       (elided ? 1u << 5 : 0u) | (follows ? 1u << 6 : 0u)));
      if (encoding == 1) {
        put_zigzag(static_cast<std::int64_t>(value.number), blob);
      } else if (encoding == 2) {
        std::uint64_t bits = 0;
        std::memcpy(&bits, &value.number, sizeof bits);
        for (int byte_idx = 0; byte_idx < 8; ++byte_idx) blob.push_back(static_cast<char>(bits >> (8 * byte_idx)));
      }
      if (follows) continue;
      put_zigzag(std::int64_t{value.pos.table_idx} - row.pos.table_idx, blob);
      put_zigzag(std::int64_t{value.pos.row_idx} - row.pos.row_idx, blob);
      put_zigzag(value.pos.col_idx, blob);
    }
  }
};

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

TEST(RowCodec, FastEncoderWritesTheReferenceBytesForOddValues) {
  const double inf = std::numeric_limits<double>::infinity();
  const double nan = std::numeric_limits<double>::quiet_NaN();
  std::vector<UnitRow> rows = {
      // Texts with and without control characters: a tab takes the careful
      // path but needs no escape; the separators are escaped.
      row_of(1, "Sở\tTư pháp",
             {Value{ValueState::text, 0, "a\x1b" "b\x1e" "c\x1f" "d\x01", CellPos{1, 5, 3}},
              Value{ValueState::text, 0, "\t", CellPos{1, 5, 4}},
              Value{ValueState::text, 0, std::string(300, 'y'), CellPos{1, 5, 5}}}),
      // Numbers at the edges of the varint encoding, and ones that are not.
      row_of(2, "B",
             {Value{ValueState::number, 8999999999999999.0, "8999999999999999", CellPos{1, 6, 3}},
              Value{ValueState::number, 9.0e15, "9000000000000000", CellPos{1, 6, 4}},
              Value{ValueState::number, -8999999999999999.0, "-8999999999999999", CellPos{1, 6, 5}},
              Value{ValueState::number, -0.0, "-0", CellPos{1, 6, 6}},
              Value{ValueState::number, 0.0, "0", CellPos{1, 6, 7}},
              Value{ValueState::number, 0.0, "00", CellPos{1, 6, 8}},
              Value{ValueState::number, 0.5, "0,5", CellPos{1, 6, 9}},
              Value{ValueState::number, inf, "inf", CellPos{1, 6, 10}},
              Value{ValueState::number, -inf, "-inf", CellPos{1, 6, 11}},
              Value{ValueState::number, nan, "nan", CellPos{1, 6, 12}},
              Value{ValueState::number, 1e300, "1e300", CellPos{1, 6, 13}},
              Value{ValueState::number, 12, "+12", CellPos{1, 6, 14}},
              Value{ValueState::number, 12, "12" + std::string(30, ' '), CellPos{1, 6, 15}},
              Value{ValueState::number, -7, "-7", CellPos{1, 6, 16}}}),
      // Marks and blanks, canonical and not; numbers on states without one.
      row_of(3, "",
             {Value{ValueState::yes, 1, "x", CellPos{1, 7, 3}}, Value{ValueState::yes, 1, "X", CellPos{1, 7, 4}},
              Value{ValueState::yes, 1, "", CellPos{1, 7, 5}}, Value{ValueState::no, 0, "0", CellPos{1, 7, 6}},
              Value{ValueState::no, 0, "không", CellPos{1, 7, 7}}, Value{ValueState::blank, 0, "", CellPos{1, 7, 8}},
              Value{ValueState::blank, 0, "  ", CellPos{1, 7, 9}}, Value{ValueState::blank, 3, "", CellPos{1, 7, 10}},
              Value{ValueState::text, -0.0, "x", CellPos{1, 7, 11}},
              Value{ValueState::text, 2.5, "2,5?", CellPos{1, 7, 12}}}),
      // Positions that do not follow, and extreme ones.
      row_of(INT32_MIN, "C",
             {Value{ValueState::number, 1, "1", CellPos{0, 0, 0}},
              Value{ValueState::number, 2, "2", CellPos{INT32_MAX, INT32_MIN, INT32_MAX}},
              Value{ValueState::number, 3, "3", CellPos{INT32_MIN, INT32_MAX, INT32_MIN}}}),
      row_of(4, "D", {}),
  };
  rows[3].pos = CellPos{INT32_MAX, INT32_MAX, INT32_MAX};
  BlockEncoder encoder;
  ReferenceEncoder reference;
  std::int64_t unit_ids[] = {0, 1, INT64_MAX, 300, 0};
  for (std::size_t row_idx = 0; row_idx < rows.size(); ++row_idx) {
    encoder.add(rows[row_idx], unit_ids[row_idx]);
    reference.add(rows[row_idx], unit_ids[row_idx]);
    ASSERT_EQ(encoder.texts(), reference.texts) << "row " << row_idx;
    ASSERT_EQ(encoder.blob(), reference.blob) << "row " << row_idx;
  }
}

TEST(RowCodec, FastEncoderEscapesSeparatorsAtEveryPlaceInLongTexts) {
  // The fast scan looks at eight bytes at a time, then the tail: put each
  // separator (and bytes just above and below 0x20) at every offset of
  // texts long enough to cover a whole word and a tail.
  BlockEncoder encoder;
  ReferenceEncoder reference;
  const char specials[] = {'\x1b', '\x1e', '\x1f', '\x00', '\x20', '\x21', '\x7f', '\x80', '\xff'};
  for (char special : specials) {
    for (std::size_t length : {1u, 7u, 8u, 9u, 15u, 16u, 17u, 23u}) {
      for (std::size_t place = 0; place < length; ++place) {
        std::string text(length, 'a');
        text[place] = special;
        UnitRow row = row_of(1, text, {Value{ValueState::text, 0, text, CellPos{1, 5, 3}}});
        encoder.add(row, 1);
        reference.add(row, 1);
      }
    }
  }
  EXPECT_EQ(encoder.texts(), reference.texts);
  EXPECT_EQ(encoder.blob(), reference.blob);
  std::vector<StoredRow> decoded;
  EXPECT_TRUE(decode_block(encoder.texts(), encoder.blob(), encoder.row_count(), decoded));
}

TEST(RowCodec, FastEncoderWritesTheReferenceBytesForRandomRows) {
  std::mt19937_64 random(197);
  auto pick = [&](std::uint64_t count) { return random() % count; };
  const char* raws[] = {"", "x", "X", "0", "1", "774", "1.045", "05", "-3", "74,05", "\x1e", "a\x1f" "b", "\x1b", "ô"};
  BlockEncoder encoder;
  ReferenceEncoder reference;
  for (int block_idx = 0; block_idx < 20; ++block_idx) {
    encoder.clear();
    reference = ReferenceEncoder{};
    for (int row_idx = 0; row_idx < 50; ++row_idx) {
      UnitRow row = row_of(static_cast<int>(pick(2000)) - 1000, raws[pick(std::size(raws))], {});
      for (std::uint64_t value_idx = 0, count = pick(20); value_idx < count; ++value_idx) {
        Value value;
        value.state = static_cast<ValueState>(pick(static_cast<unsigned>(ValueState::text) + 1));
        switch (pick(4)) {
          case 0: value.number = 0; break;
          case 1: value.number = static_cast<double>(static_cast<std::int64_t>(random() >> (11 + pick(53)))) * (pick(2) ? 1 : -1); break;
          case 2: value.number = static_cast<double>(pick(1000)) / 100.0; break;
          default: value.number = static_cast<double>(pick(100)); break;
        }
        value.raw = pick(3) == 0 ? raws[pick(std::size(raws))] : std::to_string(static_cast<long long>(value.number));
        bool follows = pick(4) != 0;
        value.pos = follows ? CellPos{row.pos.table_idx, row.pos.row_idx, row.pos.col_idx + 1 + static_cast<int>(value_idx)}
                            : CellPos{static_cast<int>(pick(5)), static_cast<int>(pick(100000)), static_cast<int>(pick(40))};
        row.values.push_back(std::move(value));
      }
      std::int64_t unit_id = static_cast<std::int64_t>(pick(20000));
      encoder.add(row, unit_id);
      reference.add(row, unit_id);
    }
    ASSERT_EQ(encoder.texts(), reference.texts) << "block " << block_idx;
    ASSERT_EQ(encoder.blob(), reference.blob) << "block " << block_idx;
    std::vector<StoredRow> decoded;
    EXPECT_TRUE(decode_block(encoder.texts(), encoder.blob(), encoder.row_count(), decoded));
  }
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
