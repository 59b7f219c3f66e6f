// The plan cache entry's payload: detail::decode_plan on any bytes (a
// damaged or foreign entry must be refused, never crash or allocate without
// bound); what decodes encodes again to the same bytes' meaning (decoding
// the re-encoding gives the same encoding).
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "fuzz/fuzz_check.h"
#include "plan/plan_cache.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  chiso::Plan plan;
  if (!chiso::detail::decode_plan(input, plan)) return 0;
  const std::string encoded = chiso::detail::encode_plan(plan);
  chiso::Plan again;
  chiso::fuzz::require(chiso::detail::decode_plan(encoded, again),
                       "a re-encoded plan does not decode", input);
  chiso::fuzz::require(chiso::detail::encode_plan(again) == encoded, "encoding is not stable",
                       input);
  return 0;
}
