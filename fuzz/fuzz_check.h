// What every fuzz target shares: a finding that is not a crash (two ways of
// computing the same thing disagree) stops the run like a crash, with the
// input that caused it saved by libFuzzer.
#pragma once

#include <cstdio>
#include <cstdlib>
#include <string_view>

namespace chiso::fuzz {

// Ends the run (libFuzzer saves the input as crash-*) when `holds` is false.
inline void require(bool holds, const char* what, std::string_view input = {}) {
  if (holds) return;
  std::fprintf(stderr, "fuzz finding: %s\ninput: \"%.*s\"\n", what, static_cast<int>(input.size()),
               input.data());
  std::abort();
}

}  // namespace chiso::fuzz
