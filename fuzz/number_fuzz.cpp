// Numbers and marks as offices type them: number::parse and parse_mark on
// any text, the formatters on what parse read, and the two ways of reading
// a decimal (detail::decimal_value's exact fast path, decimal_value_slow's
// from_chars) compared: they must give the same double, bit for bit.
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string_view>

#include "common/number.h"
#include "fuzz/fuzz_check.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  if (const auto value = chiso::number::parse(input)) {
    chiso::fuzz::require(std::isfinite(*value), "number::parse gave a value that is not finite",
                         input);
    (void)chiso::number::format_vi(*value);
    (void)chiso::number::format_plain(*value);
  }
  (void)chiso::number::parse_mark(input);

  // First byte: where the decimal point is (255: none); the rest: the text.
  if (size < 2) return 0;
  const std::string_view text = input.substr(1);
  if (text.find_first_of("0123456789") == std::string_view::npos) return 0;  // parse never asks
  // The point is where parse() finds a separator: never on a digit.
  const size_t point = data[0] == 255 ? std::string_view::npos : data[0] % (text.size() + 1);
  if (point < text.size() && text[point] >= '0' && text[point] <= '9') return 0;
  const auto fast = chiso::number::detail::decimal_value(text, point);
  const auto slow = chiso::number::detail::decimal_value_slow(text, point);
  chiso::fuzz::require(fast.has_value() == slow.has_value(),
                       "decimal_value and decimal_value_slow disagree on whether there is a value",
                       input);
  if (fast) {
    chiso::fuzz::require(std::memcmp(&*fast, &*slow, sizeof(double)) == 0,
                         "decimal_value and decimal_value_slow give different doubles", input);
  }
  return 0;
}
