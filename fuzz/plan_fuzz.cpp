// Plan files (TOML): parse_plan on any bytes, as an administrator's upload
// would reach it. A plan that loads is then compiled (its rules' and
// formulas' expressions) and put through the plan cache's encoding: the
// encoding decodes, and encoding what was decoded gives the same bytes.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "check/checker.h"
#include "fuzz/fuzz_check.h"
#include "plan/plan.h"
#include "plan/plan_cache.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  // A folder that does not exist: a units_file named in the input is
  // reported missing (the units_file target reads real ones).
  auto plan = chiso::parse_plan(input, "/nonexistent-fuzz-folder/plan.toml");
  if (!plan) return 0;
  (void)chiso::check::compile(*plan);
  const std::string encoded = chiso::detail::encode_plan(*plan);
  chiso::Plan decoded;
  chiso::fuzz::require(chiso::detail::decode_plan(encoded, decoded),
                       "a plan's cache encoding does not decode", input);
  chiso::fuzz::require(chiso::detail::encode_plan(decoded) == encoded,
                       "a decoded plan encodes to other bytes", input);
  return 0;
}
