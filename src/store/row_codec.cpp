#include "store/row_codec.h"

#include <charconv>
#include <cmath>
#include <cstring>

namespace chiso::store_detail {
namespace {

constexpr char field_separator = '\x1f';
constexpr char row_separator = '\x1e';
constexpr char escape = '\x1b';

enum NumberEncoding : unsigned { number_none = 0, number_varint = 1, number_float64 = 2 };
constexpr unsigned elided_bit = 1u << 5;
constexpr unsigned follows_bit = 1u << 6;

// The writers below append through a raw pointer into space the caller has
// already sized (BlockEncoder::add reserves an upper bound per row, then
// trims): one size check per row instead of one per byte.
char* put_varint(std::uint64_t value, char* out) {
  while (value >= 0x80) {
    *out++ = static_cast<char>((value & 0x7f) | 0x80);
    value >>= 7;
  }
  *out++ = static_cast<char>(value);
  return out;
}

char* put_zigzag(std::int64_t value, char* out) {
  return put_varint((static_cast<std::uint64_t>(value) << 1) ^ static_cast<std::uint64_t>(value >> 63), out);
}

char* put_float64(double number, char* out) {
  std::uint64_t bits = 0;
  std::memcpy(&bits, &number, sizeof bits);
  for (int byte_idx = 0; byte_idx < 8; ++byte_idx) *out++ = static_cast<char>(bits >> (8 * byte_idx));
  return out;
}

// Bytes put_text may write for `text`: every byte escaped, at worst.
std::size_t text_bound(std::string_view text) { return 2 * text.size(); }

// True when some byte of `text` is below 0x20 (the separators and the
// escape all are). Eight bytes at a time: for a word x, (x - 0x20…20) & ~x &
// 0x80…80 is non-zero exactly when some byte of x is below 0x20 (the
// classic "has a byte less than n" test, exact for n <= 128).
bool has_control_byte(std::string_view text) {
  constexpr std::uint64_t ones = 0x0101010101010101u;
  constexpr std::uint64_t highs = 0x8080808080808080u;
  std::size_t offset = 0;
  for (; offset + 8 <= text.size(); offset += 8) {
    std::uint64_t word = 0;
    std::memcpy(&word, text.data() + offset, sizeof word);
    if (((word - ones * 0x20) & ~word & highs) != 0) return true;
  }
  for (; offset < text.size(); ++offset)
    if (static_cast<unsigned char>(text[offset]) < 0x20) return true;
  return false;
}

char* put_text(std::string_view text, char* out) {
  // Fast path: no control character at all, which is every text in practice.
  if (!has_control_byte(text)) {
    if (!text.empty()) std::memcpy(out, text.data(), text.size());
    return out + text.size();
  }
  for (char c : text) {
    if (c == escape || c == row_separator || c == field_separator) *out++ = escape;
    *out++ = c;
  }
  return out;
}

class BlobReader {
 public:
  explicit BlobReader(std::string_view bytes) : bytes_(bytes) {}
  bool varint(std::uint64_t& value) {
    value = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      if (offset_ >= bytes_.size()) return false;
      auto byte = static_cast<unsigned char>(bytes_[offset_++]);
      value |= std::uint64_t{byte & 0x7fu} << shift;
      if ((byte & 0x80) == 0) return true;
    }
    return false;
  }
  bool zigzag(std::int64_t& value) {
    std::uint64_t encoded = 0;
    if (!varint(encoded)) return false;
    value = static_cast<std::int64_t>(encoded >> 1) ^ -static_cast<std::int64_t>(encoded & 1);
    return true;
  }
  bool byte(unsigned char& value) {
    if (offset_ >= bytes_.size()) return false;
    value = static_cast<unsigned char>(bytes_[offset_++]);
    return true;
  }
  bool float64(double& value) {
    if (bytes_.size() - offset_ < 8) return false;
    std::uint64_t bits = 0;
    for (int byte_idx = 0; byte_idx < 8; ++byte_idx)
      bits |= std::uint64_t{static_cast<unsigned char>(bytes_[offset_ + byte_idx])} << (8 * byte_idx);
    offset_ += 8;
    std::memcpy(&value, &bits, sizeof value);
    return true;
  }
  std::size_t remaining() const { return bytes_.size() - offset_; }

 private:
  std::string_view bytes_;
  std::size_t offset_ = 0;
};

// Reads the next field of the texts; `end_of_row` tells whether it closed a row.
class TextReader {
 public:
  explicit TextReader(std::string_view texts) : texts_(texts) {}
  bool field(std::string& out, bool& end_of_row) {
    out.clear();
    if (offset_ > texts_.size()) return false;
    while (offset_ < texts_.size()) {
      char c = texts_[offset_++];
      if (c == escape && offset_ < texts_.size()) {
        out.push_back(texts_[offset_++]);
      } else if (c == field_separator) {
        end_of_row = false;
        return true;
      } else if (c == row_separator) {
        end_of_row = true;
        return true;
      } else {
        out.push_back(c);
      }
    }
    ++offset_;  // past the end: the last field of the last row
    end_of_row = true;
    return true;
  }
  bool at_end() const { return offset_ > texts_.size(); }

 private:
  std::string_view texts_;
  std::size_t offset_ = 0;
};

// Integral, exactly representable and not -0: worth a varint.
// (The range test also refuses NaN and infinities; within it the cast to an
// integer is defined and exact for integral values.)
bool is_small_integer(double number) {
  return std::fabs(number) < 9.0e15 &&
         static_cast<double>(static_cast<std::int64_t>(number)) == number &&
         !(number == 0 && std::signbit(number));
}

bool fits_int(std::int64_t value) { return value >= INT32_MIN && value <= INT32_MAX; }

std::string_view integer_text(std::int64_t integer, char (&buffer)[24]) {
  auto [end, error] = std::to_chars(buffer, buffer + sizeof buffer, integer);
  return std::string_view(buffer, static_cast<std::size_t>(end - buffer));
}

// The raw text the blob rebuilds for this value, when `raw` is exactly it.
bool raw_is_canonical(const Value& value, unsigned encoding) {
  std::string_view raw = value.raw;
  switch (value.state) {
    case ValueState::blank: return raw.empty();
    case ValueState::yes: return raw.size() == 1 && raw[0] == 'x';
    case ValueState::no: return raw.size() == 1 && raw[0] == '0';
    case ValueState::number: {
      // An int64 has at most 20 characters; longer text cannot match.
      if (encoding != number_varint || raw.empty() || raw.size() > 20) return false;
      char digits[24];
      return raw == integer_text(static_cast<std::int64_t>(value.number), digits);
    }
    default: return false;
  }
}

// Upper bounds of what one row adds, so add() sizes each buffer once a row.
constexpr std::size_t varint_bytes_max = 10;
constexpr std::size_t row_head_bytes_max = 6 * varint_bytes_max;
constexpr std::size_t value_bytes_max = 1 + varint_bytes_max + 3 * varint_bytes_max;  // tag, number, position

}  // namespace

void BlockEncoder::clear() {
  row_count_ = 0;
  texts_.clear();
  blob_.clear();
}

void BlockEncoder::add(const UnitRow& row, std::int64_t unit_id) {
  std::size_t texts_bound = 1 + text_bound(row.raw_name);
  for (const Value& value : row.values) texts_bound += 1 + text_bound(value.raw);
  std::size_t texts_used = texts_.size();
  std::size_t blob_used = blob_.size();
  texts_.resize(texts_used + texts_bound);
  blob_.resize(blob_used + row_head_bytes_max + value_bytes_max * row.values.size());
  char* text_out = texts_.data() + texts_used;
  char* out = blob_.data() + blob_used;

  if (row_count_ > 0) *text_out++ = row_separator;
  ++row_count_;
  text_out = put_text(row.raw_name, text_out);
  out = put_zigzag(row.row_number, out);
  out = put_varint(static_cast<std::uint64_t>(unit_id), out);
  out = put_zigzag(row.pos.table_idx, out);
  out = put_zigzag(row.pos.row_idx, out);
  out = put_zigzag(row.pos.col_idx, out);
  out = put_varint(row.values.size(), out);
  int previous_col = row.pos.col_idx;
  for (const Value& value : row.values) {
    unsigned encoding = number_none;
    if (value.has_number() || value.number != 0 || std::signbit(value.number))
      encoding = is_small_integer(value.number) ? number_varint : number_float64;
    bool elided = raw_is_canonical(value, encoding);
    *text_out++ = field_separator;
    if (!elided) text_out = put_text(value.raw, text_out);

    bool follows = value.pos.table_idx == row.pos.table_idx && value.pos.row_idx == row.pos.row_idx &&
                   value.pos.col_idx == previous_col + 1 && previous_col < INT32_MAX;
    previous_col = value.pos.col_idx;
    *out++ = static_cast<char>(static_cast<unsigned>(value.state) | (encoding << 3) |
                               (elided ? elided_bit : 0u) | (follows ? follows_bit : 0u));
    if (encoding == number_varint) {
      out = put_zigzag(static_cast<std::int64_t>(value.number), out);
    } else if (encoding == number_float64) {
      out = put_float64(value.number, out);
    }
    if (follows) continue;
    out = put_zigzag(std::int64_t{value.pos.table_idx} - row.pos.table_idx, out);
    out = put_zigzag(std::int64_t{value.pos.row_idx} - row.pos.row_idx, out);
    out = put_zigzag(value.pos.col_idx, out);
  }
  texts_.resize(static_cast<std::size_t>(text_out - texts_.data()));
  blob_.resize(static_cast<std::size_t>(out - blob_.data()));
}

bool decode_block(std::string_view texts, std::string_view blob, std::size_t row_count,
                  std::vector<StoredRow>& rows) {
  if (row_count == 0) return texts.empty() && blob.empty();
  BlobReader reader(blob);
  TextReader text_reader(texts);
  std::string field;
  bool end_of_row = false;
  char digits[24];
  for (std::size_t row_idx = 0; row_idx < row_count; ++row_idx) {
    StoredRow& stored = rows.emplace_back();
    UnitRow& row = stored.row;
    std::int64_t row_number = 0, table_idx = 0, line_idx = 0, col_idx = 0;
    std::uint64_t unit_id = 0, value_count = 0;
    if (!reader.zigzag(row_number) || !reader.varint(unit_id) || !reader.zigzag(table_idx) ||
        !reader.zigzag(line_idx) || !reader.zigzag(col_idx) || !reader.varint(value_count))
      return false;
    if (!fits_int(row_number) || !fits_int(table_idx) || !fits_int(line_idx) || !fits_int(col_idx) ||
        unit_id > INT64_MAX || value_count > reader.remaining())
      return false;
    row.row_number = static_cast<int>(row_number);
    row.pos = CellPos{static_cast<int>(table_idx), static_cast<int>(line_idx), static_cast<int>(col_idx)};
    stored.unit_id = static_cast<std::int64_t>(unit_id);
    if (!text_reader.field(row.raw_name, end_of_row)) return false;
    if (end_of_row != (value_count == 0)) return false;
    row.values.resize(value_count);
    std::int64_t previous_col = col_idx;
    for (std::size_t value_idx = 0; value_idx < value_count; ++value_idx) {
      Value& value = row.values[value_idx];
      unsigned char tag = 0;
      if (!reader.byte(tag)) return false;
      unsigned state = tag & 0x7u;
      unsigned encoding = (tag >> 3) & 0x3u;
      bool elided = (tag & elided_bit) != 0;
      bool follows = (tag & follows_bit) != 0;
      if (state > static_cast<unsigned>(ValueState::not_applicable) || (tag >> 7) != 0)
        return false;
      value.state = static_cast<ValueState>(state);
      std::int64_t integer = 0;
      if (encoding == number_varint) {
        if (!reader.zigzag(integer)) return false;
        value.number = static_cast<double>(integer);
      } else if (encoding == number_float64) {
        if (!reader.float64(value.number)) return false;
      } else if (encoding != number_none) {
        return false;
      }
      std::int64_t table_delta = 0, row_delta = 0, col = previous_col + 1;
      if (!follows && (!reader.zigzag(table_delta) || !reader.zigzag(row_delta) || !reader.zigzag(col)))
        return false;
      previous_col = col;
      std::int64_t value_table = table_idx + table_delta;
      std::int64_t value_row = line_idx + row_delta;
      if (!fits_int(value_table) || !fits_int(value_row) || !fits_int(col)) return false;
      value.pos = CellPos{static_cast<int>(value_table), static_cast<int>(value_row), static_cast<int>(col)};

      if (text_reader.at_end() || end_of_row) return false;
      if (!text_reader.field(value.raw, end_of_row)) return false;
      if (end_of_row != (value_idx + 1 == value_count)) return false;
      if (elided) {
        if (!value.raw.empty()) return false;
        switch (value.state) {
          case ValueState::yes: value.raw = "x"; break;
          case ValueState::no: value.raw = "0"; break;
          case ValueState::number:
            if (encoding != number_varint) return false;
            value.raw = integer_text(integer, digits);
            break;
          default: break;
        }
      }
    }
  }
  return reader.remaining() == 0 && text_reader.at_end();
}

}  // namespace chiso::store_detail
