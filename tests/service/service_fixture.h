// Shared pieces of the service tests: the shipped plan, the seed, tables made
// from the seed's lines, and a fresh database per test.
#pragma once

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "check/checker.h"
#include "plan/plan.h"
#include "service/check_input.h"
#include "service/file_scan.h"
#include "store/store.h"

namespace chiso::service_test {

inline const std::string kSourceDir = CHISO_SOURCE_DIR;
inline const std::string kSeed = kSourceDir + "/samples/000_e41d2a91a7ebffff.txt";
inline const std::string kFixtures = kSourceDir + "/tests/service/fixtures/";

inline const Plan& shipped_plan() {
  static const Plan plan = [] {
    auto loaded = load_plan(kSourceDir + "/plans/hai-phong-197.toml");
    if (!loaded.ok()) {
      ADD_FAILURE() << loaded.error().message;
      return Plan{};
    }
    return std::move(loaded.value());
  }();
  return plan;
}

inline std::shared_ptr<const check::CompiledPlan> compiled() {
  static const std::shared_ptr<const check::CompiledPlan> compiled_plan = [] {
    auto result = service::compile_plan(shipped_plan());
    EXPECT_TRUE(result.ok()) << (result.ok() ? "" : result.error().message);
    return result.ok() ? result.value() : nullptr;
  }();
  return compiled_plan;
}

inline std::string read_text(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

// The seed's lines (1-based as an editor shows them).
inline std::vector<std::string> seed_lines() {
  std::vector<std::string> lines;
  std::istringstream in(read_text(kSeed));
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

// A folder of its own under the build tree for the running test.
inline std::filesystem::path test_dir() {
  const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
  std::filesystem::path dir = std::filesystem::path(CHISO_BINARY_DIR) / "service-test-tmp" /
                              (std::string(info->test_suite_name()) + "." + info->name());
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return dir;
}

inline std::string write_file(const std::filesystem::path& path, const std::string& text) {
  std::ofstream(path, std::ios::binary) << text;
  return path.string();
}

// The seed's two-level header (lines 6 and 7) and the given data lines.
inline std::string table_of(const std::vector<std::string>& data_lines) {
  std::vector<std::string> lines = seed_lines();
  std::string text = lines[5] + "\n" + lines[6] + "\n";
  for (const std::string& line : data_lines) text += line + "\n";
  return text;
}

inline std::unique_ptr<Store> open_store(const std::string& path) {
  auto opened = chiso::open_store(path);
  EXPECT_TRUE(opened.ok()) << (opened.ok() ? "" : opened.error().message);
  return opened.ok() ? std::move(opened).value() : nullptr;
}

inline service::Input file_input(const std::string& path) { return service::Input{path, "", std::nullopt}; }

}  // namespace chiso::service_test
