// Runs a chiso program as a person would, for the end-to-end tests of
// tests/cli: its exit code and what it printed.
#pragma once

#include <sys/wait.h>

#include <array>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>

#include <gtest/gtest.h>

namespace chiso::cli_test {

struct CommandRun {
  int exit_code = -1;
  std::string output;  // stdout and stderr
};

// Runs the program `exe` with `args`, stdout and stderr together. The plan
// cache goes under the build tree, not the user's home (unless the caller
// chose one).
inline CommandRun run_program(const std::string& exe, const std::string& args) {
  static const bool cache_set = [] {
    const std::string dir = std::string(CHISO_BINARY_DIR) + "/test-output/plan-cache";
    return setenv("CHISO_CACHE_DIR", dir.c_str(), 0) == 0;
  }();
  (void)cache_set;
  std::string command = exe + " " + args + " 2>&1";
  CommandRun result;
  std::FILE* pipe = popen(command.c_str(), "r");
  if (!pipe) return result;
  std::array<char, 4096> buffer{};
  std::size_t got = 0;
  while ((got = std::fread(buffer.data(), 1, buffer.size(), pipe)) > 0) {
    result.output.append(buffer.data(), got);
  }
  int status = pclose(pipe);
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return result;
}

// An empty folder for the running test: test-output/<group>/<test name>
// under the build tree.
inline std::filesystem::path fresh_test_dir(const std::string& group) {
  const std::filesystem::path dir = std::filesystem::path(CHISO_BINARY_DIR) / "test-output" / group /
                                    ::testing::UnitTest::GetInstance()->current_test_info()->name();
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return dir;
}

}  // namespace chiso::cli_test
