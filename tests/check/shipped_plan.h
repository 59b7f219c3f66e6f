// A plan shipped in plans/, loaded once per test program for the golden
// tests of the real plans (par_index_golden_test.cpp, pci_2019_golden_test.cpp).
#pragma once

#include <gtest/gtest.h>

#include <map>
#include <string>

#include "plan/plan.h"

namespace chiso::check::testing {

// plans/`file`, loaded on the first call; a plan that does not load fails
// the test and gives an empty plan.
inline const Plan& shipped_plan(const std::string& file) {
  static std::map<std::string, Plan> plans;
  auto found = plans.find(file);
  if (found != plans.end()) return found->second;
  auto loaded = load_plan(std::string(CHISO_SOURCE_DIR) + "/plans/" + file);
  if (!loaded.ok()) ADD_FAILURE() << loaded.error().message;
  return plans.emplace(file, loaded.ok() ? std::move(loaded.value()) : Plan{}).first->second;
}

}  // namespace chiso::check::testing
