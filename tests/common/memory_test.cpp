#include "common/memory.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>

namespace chiso::memory {
namespace {

// The VmFlags line of the mapping of /proc/self/smaps that holds `address`,
// "" when none does.
std::string vm_flags_at(const void* address) {
  const auto at = reinterpret_cast<std::uintptr_t>(address);
  std::ifstream smaps("/proc/self/smaps");
  std::string line;
  bool inside = false;
  while (std::getline(smaps, line)) {
    std::uintptr_t low = 0, high = 0;
    char dash = 0;
    std::istringstream range(line);
    if (range >> std::hex >> low >> dash >> high && dash == '-' && line.find(':') > line.find(' ')) {
      inside = low <= at && at < high;
    } else if (inside && line.rfind("VmFlags:", 0) == 0) {
      return line;
    }
  }
  return "";
}

bool huge_pages_on_request() {
  std::ifstream enabled("/sys/kernel/mm/transparent_hugepage/enabled");
  std::string setting;
  std::getline(enabled, setting);
  return !setting.empty() && setting.find("[never]") == std::string::npos;
}

// Each test is its own process (gtest_discover_tests), so this is the
// process's only preparation, as in main.
TEST(PrepareHeap, BlocksAfterItComeFromTheRegionAdvisedForHugePages) {
#if defined(__SANITIZE_ADDRESS__)
  GTEST_SKIP() << "the sanitizer's allocator has no glibc heap";
#endif
  if (!huge_pages_on_request()) GTEST_SKIP() << "no transparent huge pages on this machine";
  // Before: a fresh 1 MiB block is in the heap as glibc left it.
  void* before = std::malloc(std::size_t{1} << 20);
  ASSERT_NE(before, nullptr);
  EXPECT_EQ(vm_flags_at(before).find(" hg"), std::string::npos) << vm_flags_at(before);
  std::free(before);

  prepare_heap(std::size_t{64} << 20);
  // 1 MiB and 20 MiB blocks (glibc would have mapped both apart from the
  // heap) come from the advised region: all but the block's first bytes,
  // which may share a page with what the heap held before.
  for (std::size_t bytes : {std::size_t{1} << 20, std::size_t{20} << 20}) {
    char* block = static_cast<char*>(std::malloc(bytes));
    ASSERT_NE(block, nullptr);
    for (const char* inside : {block + 4096, block + bytes / 2, block + bytes - 1}) {
      const std::string flags = vm_flags_at(inside);
      EXPECT_NE(flags.find(" hg"), std::string::npos) << bytes << " bytes, at " << static_cast<const void*>(inside)
                                                      << ": " << flags;
    }
    std::free(block);
  }
}

TEST(PreferHugePages, SmallBuffersAreLeftAlone) {
  // Nothing to see for a buffer under kLargeBytes, and no crash for null.
  prefer_huge_pages(nullptr, kLargeBytes * 2);
  char small[64] = {};
  prefer_huge_pages(small, sizeof small);
  EXPECT_EQ(vm_flags_at(small).find(" hg"), std::string::npos);
}

}  // namespace
}  // namespace chiso::memory
