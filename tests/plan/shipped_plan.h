// The plan shipped for Hải Phòng, loaded once for the plan tests.
#pragma once

#include <gtest/gtest.h>

#include <string>

#include "plan/plan.h"

namespace chiso::testing {

inline const Plan& hai_phong() {
  static const Plan plan = [] {
    Result<Plan> loaded = load_plan(std::string(CHISO_SOURCE_DIR) + "/plans/hai-phong-197.toml");
    EXPECT_TRUE(loaded.ok()) << loaded.error().message;
    return loaded.ok() ? std::move(loaded).value() : Plan{};
  }();
  return plan;
}

}  // namespace chiso::testing
