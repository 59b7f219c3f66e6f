#include "common/memory.h"

#include <malloc.h>
#include <sys/mman.h>
#include <unistd.h>

#include <cstdint>
#include <cstdlib>

namespace chiso::memory {

void prefer_huge_pages(const void* data, std::size_t bytes) {
#ifdef MADV_HUGEPAGE
  if (data == nullptr || bytes < kLargeBytes) return;
  constexpr std::uintptr_t kHuge = std::uintptr_t{2} << 20;
  const auto begin = reinterpret_cast<std::uintptr_t>(data);
  const std::uintptr_t first = (begin + kHuge - 1) & ~(kHuge - 1);
  const std::uintptr_t last = (begin + bytes) & ~(kHuge - 1);
  if (last > first) madvise(reinterpret_cast<void*>(first), last - first, MADV_HUGEPAGE);
#else
  (void)data;
  (void)bytes;
#endif
}

namespace {

// Threads that allocate at once (reader, keeper, hasher, unit matcher) each
// get an arena of their own, so none waits for another's malloc; the main
// thread's is the advised heap. One arena for all was measured slower on
// the 10,000-unit and the 1.2-million-row imports, with the same peak memory.
constexpr int kArenasMax = 4;

// The block that holds the heap up to its first 2 MiB boundary: never
// written, never freed (a file-scope volatile, so that it is not left out).
void* volatile heap_spacer = nullptr;

}  // namespace

void prepare_heap(std::size_t reserve) {
#if defined(MADV_HUGEPAGE) && defined(__GLIBC__) && !defined(__SANITIZE_ADDRESS__)
  constexpr std::uintptr_t kHuge = std::uintptr_t{2} << 20;
  // Fixed thresholds (mallopt turns glibc's adjustment of them off): blocks
  // below 32 MiB come from the heap, one thread's or many, and the heap is
  // neither given back nor grown in steps smaller than `reserve`.
  if (mallopt(M_MMAP_THRESHOLD, 32 << 20) == 0) return;
  mallopt(M_TRIM_THRESHOLD, static_cast<int>(2 * reserve));
  mallopt(M_TOP_PAD, static_cast<int>(reserve));
  mallopt(M_ARENA_MAX, kArenasMax);
  // One byte more than the top of the heap holds: glibc grows the heap by
  // the request and the pad, at once.
  const auto before = reinterpret_cast<std::uintptr_t>(sbrk(0));
  const std::size_t top = mallinfo2().keepcost;
  void* grow = std::malloc(top + 1);
  if (grow == nullptr) return;
  const auto begin = reinterpret_cast<std::uintptr_t>(grow);
  const auto end = reinterpret_cast<std::uintptr_t>(sbrk(0));
  // From the first 2 MiB boundary on; the space before it is held by a block
  // that is never written, so that what comes next starts on a whole huge page.
  const std::uintptr_t first = (begin + kHuge - 1) & ~(kHuge - 1);
  const std::uintptr_t last = end & ~(kHuge - 1);
  const std::size_t spacer_bytes = first - begin > 4096 ? first - begin - 64 : 0;
  // Only when the block came from the heap that just grew (not, say, from
  // an allocator of another kind).
  const bool grown = end >= before + reserve && begin + kHuge <= end && begin + top + 4096 >= before &&
                     last > first;
  std::free(grow);
  if (!grown) return;
  if (spacer_bytes > 0) heap_spacer = std::malloc(spacer_bytes);
  madvise(reinterpret_cast<void*>(first), last - first, MADV_HUGEPAGE);
#else
  (void)reserve;
#endif
}

}  // namespace chiso::memory
