// Period names: normalize_period on any text; what it gives is one of the
// four normal forms, and normalising it again gives it back unchanged.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "fuzz/fuzz_check.h"
#include "plan/period.h"

namespace {

bool digits(std::string_view s) {
  for (char c : s) {
    if (c < '0' || c > '9') return false;
  }
  return !s.empty();
}

// "YYYY", "YYYY-MM", "YYYY-Qn", "YYYY-Hn".
bool normal_form(std::string_view p) {
  if (p.size() < 4 || !digits(p.substr(0, 4))) return false;
  if (p.size() == 4) return true;
  if (p.size() != 7 || p[4] != '-') return false;
  if (p[5] == 'Q') return p[6] >= '1' && p[6] <= '4';
  if (p[5] == 'H') return p[6] == '1' || p[6] == '2';
  return digits(p.substr(5)) && p.substr(5) >= "01" && p.substr(5) <= "12";
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  const auto period = chiso::normalize_period(input);
  if (!period) return 0;
  chiso::fuzz::require(normal_form(*period), "normalize_period gave a period not in a normal form",
                       input);
  const auto again = chiso::normalize_period(*period);
  chiso::fuzz::require(again && *again == *period, "normalising a normal period changed it", input);
  return 0;
}
