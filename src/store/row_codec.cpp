#include "store/row_codec.h"

#include <cmath>
#include <cstdint>
#include <cstring>

namespace chiso::store_detail {
namespace {

constexpr char separator = '\x1f';
constexpr char escape = '\x1b';

enum NumberEncoding : unsigned { number_none = 0, number_varint = 1, number_float64 = 2 };

void put_varint(std::uint64_t value, std::string& out) {
  while (value >= 0x80) {
    out.push_back(static_cast<char>((value & 0x7f) | 0x80));
    value >>= 7;
  }
  out.push_back(static_cast<char>(value));
}

void put_zigzag(std::int64_t value, std::string& out) {
  put_varint((static_cast<std::uint64_t>(value) << 1) ^ static_cast<std::uint64_t>(value >> 63), out);
}

class Reader {
 public:
  explicit Reader(std::string_view bytes) : bytes_(bytes) {}
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
  bool at_end() const { return offset_ == bytes_.size(); }

 private:
  std::string_view bytes_;
  std::size_t offset_ = 0;
};

// Integral, exactly representable and not -0: worth a varint.
bool is_small_integer(double number) {
  return std::isfinite(number) && std::fabs(number) < 9.0e15 && number == std::trunc(number) &&
         !(number == 0 && std::signbit(number));
}

bool fits_int(std::int64_t value) { return value >= INT32_MIN && value <= INT32_MAX; }

}  // namespace

void encode_raw_texts(std::span<const Value> values, std::string& out) {
  out.clear();
  bool first = true;
  for (const Value& value : values) {
    if (!first) out.push_back(separator);
    first = false;
    if (value.raw.find_first_of("\x1f\x1b") == std::string::npos) {
      out += value.raw;
      continue;
    }
    for (char c : value.raw) {
      if (c == separator || c == escape) out.push_back(escape);
      out.push_back(c);
    }
  }
}

std::vector<std::string> decode_raw_texts(std::string_view raw_texts) {
  std::vector<std::string> texts(1);
  for (std::size_t offset = 0; offset < raw_texts.size(); ++offset) {
    char c = raw_texts[offset];
    if (c == escape && offset + 1 < raw_texts.size()) {
      texts.back().push_back(raw_texts[++offset]);
    } else if (c == separator) {
      texts.emplace_back();
    } else {
      texts.back().push_back(c);
    }
  }
  return texts;
}

void encode_parsed_values(std::span<const Value> values, const CellPos& row_pos, std::string& out) {
  out.clear();
  put_varint(values.size(), out);
  for (const Value& value : values) {
    unsigned encoding = number_none;
    if (value.has_number() || value.number != 0 || std::signbit(value.number))
      encoding = is_small_integer(value.number) ? number_varint : number_float64;
    out.push_back(static_cast<char>(static_cast<unsigned>(value.state) | (encoding << 3)));
    if (encoding == number_varint) {
      put_zigzag(static_cast<std::int64_t>(value.number), out);
    } else if (encoding == number_float64) {
      std::uint64_t bits = 0;
      std::memcpy(&bits, &value.number, sizeof bits);
      for (int byte_idx = 0; byte_idx < 8; ++byte_idx) out.push_back(static_cast<char>(bits >> (8 * byte_idx)));
    }
    put_zigzag(std::int64_t{value.pos.table_idx} - row_pos.table_idx, out);
    put_zigzag(std::int64_t{value.pos.row_idx} - row_pos.row_idx, out);
    put_zigzag(value.pos.col_idx, out);
  }
}

bool decode_values(std::string_view raw_texts, std::string_view parsed_values,
                   const CellPos& row_pos, std::vector<Value>& values) {
  Reader reader(parsed_values);
  std::uint64_t count = 0;
  if (!reader.varint(count) || count > parsed_values.size()) return false;
  std::vector<std::string> texts = decode_raw_texts(raw_texts);
  if (count == 0 ? !raw_texts.empty() : texts.size() != count) return false;
  values.assign(count, Value{});
  for (std::size_t value_idx = 0; value_idx < count; ++value_idx) {
    Value& value = values[value_idx];
    unsigned char tag = 0;
    if (!reader.byte(tag)) return false;
    unsigned state = tag & 0x7u;
    unsigned encoding = (tag >> 3) & 0x3u;
    if (state > static_cast<unsigned>(ValueState::text) || (tag >> 5) != 0) return false;
    value.state = static_cast<ValueState>(state);
    if (encoding == number_varint) {
      std::int64_t integer = 0;
      if (!reader.zigzag(integer)) return false;
      value.number = static_cast<double>(integer);
    } else if (encoding == number_float64) {
      if (!reader.float64(value.number)) return false;
    } else if (encoding != number_none) {
      return false;
    }
    std::int64_t table_delta = 0, row_delta = 0, col = 0;
    if (!reader.zigzag(table_delta) || !reader.zigzag(row_delta) || !reader.zigzag(col)) return false;
    std::int64_t table_idx = row_pos.table_idx + table_delta;
    std::int64_t row_idx = row_pos.row_idx + row_delta;
    if (!fits_int(table_idx) || !fits_int(row_idx) || !fits_int(col)) return false;
    value.pos = CellPos{static_cast<int>(table_idx), static_cast<int>(row_idx), static_cast<int>(col)};
    value.raw = std::move(texts[value_idx]);
  }
  return reader.at_end();
}

}  // namespace chiso::store_detail
