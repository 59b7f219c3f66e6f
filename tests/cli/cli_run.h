// Running the real chiso binary from a test: the helpers the tests of
// tests/cli share.
#pragma once

#include <gtest/gtest.h>
#include <sys/wait.h>

#include <array>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>

namespace chiso::cli_test {

namespace fs = std::filesystem;

inline const std::string kSeed =
    std::string(CHISO_SOURCE_DIR) + "/samples/000_e41d2a91a7ebffff.txt";

struct CommandRun {
  int exit_code = -1;
  std::string output;  // stdout and stderr, or stdout alone (Streams::out)
};

enum class Streams { both, out };

// Runs the program `exe` with `args` (through the shell), stdout and stderr
// together unless `streams` says stdout alone. The plan cache goes under the
// build tree, not the user's home (unless the caller chose one).
inline CommandRun run_program(const std::string& exe, const std::string& args,
                              Streams streams = Streams::both) {
  static const bool cache_set = [] {
    const std::string dir = std::string(CHISO_BINARY_DIR) + "/test-output/plan-cache";
    return setenv("CHISO_CACHE_DIR", dir.c_str(), 0) == 0;
  }();
  (void)cache_set;
  std::string command = exe + " " + args + (streams == Streams::both ? " 2>&1" : " 2>/dev/null");
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

inline CommandRun run(const std::string& args, Streams streams = Streams::both) {
  return run_program(CHISO_EXE, args, streams);
}

inline std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// A fresh folder per test under the build tree, and --db in it.
class CliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::path(CHISO_BINARY_DIR) / "test-output" / "cli" /
           ::testing::UnitTest::GetInstance()->current_test_info()->name();
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  std::string path(const std::string& name) const { return (dir_ / name).string(); }
  std::string db() const { return "--db " + path("chiso.db"); }
  void write(const std::string& name, const std::string& bytes) const {
    std::ofstream(path(name), std::ios::binary) << bytes;
  }
  fs::path dir_;
};

}  // namespace chiso::cli_test
