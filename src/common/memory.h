// Large buffers, the heap, and the cost of filling them.
//
// A 118 MB history is laid out in a Grid whose cell array alone is 80 MB
// (the file itself is mapped, not copied: ingest/document.h). On 4 KiB
// pages every first touch of a page is a page fault, and in a virtual
// machine a fault is expensive (dearer per page than when the kernel fills a
// whole region at once); the faults of a 10,000-row check were half its time. Linux backs a region with 2 MiB pages
// when asked (madvise, transparent huge pages): 512 times fewer faults.
// Without that kernel setting the advice is ignored, and nothing else
// changes.
#pragma once

#include <cstddef>

namespace chiso::memory {

// Buffers at least this big are worth the advice.
inline constexpr std::size_t kLargeBytes = std::size_t{4} << 20;

// Advises huge pages for the whole 2 MiB pages inside [data, data + bytes),
// when `bytes` >= kLargeBytes. Call it before the buffer is first written.
// Never fails: the advice is only advice.
void prefer_huge_pages(const void* data, std::size_t bytes);

// Makes the heap's next `reserve` bytes come in 2 MiB pages: grows glibc's
// main heap by `reserve` at once (address space only: a page costs memory
// when first written), advises huge pages for it, and keeps glibc from
// giving it back or mapping blocks below 32 MiB apart from it. Call it first
// thing in main, before any other thread starts. Does nothing when the
// allocator or the kernel does not allow it (or under AddressSanitizer).
// At most four arenas: the threads that allocate at once get one each
// (the main thread's is the advised heap), so that none waits for another's
// malloc. A 10,000-row check takes a twentieth of the page faults.
void prepare_heap(std::size_t reserve);

}  // namespace chiso::memory
