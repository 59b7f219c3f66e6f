// Large buffers and the cost of filling them.
//
// A 118 MB history is laid out in a Grid whose cell array alone is 160 MB
// (the file itself is mapped, not copied: ingest/document.h). On 4 KiB pages every first touch of a page is a
// page fault, and in a virtual machine a fault is expensive: measured here,
// the faults of one such import took longer than parsing its cells. Linux
// backs a region with 2 MiB pages when asked (madvise, transparent huge
// pages): 512 times fewer faults. Without that kernel setting the advice is
// ignored, and nothing else changes.
#pragma once

#include <cstddef>

namespace chiso::memory {

// Buffers at least this big are worth the advice.
inline constexpr std::size_t kLargeBytes = std::size_t{4} << 20;

// Advises huge pages for the whole 2 MiB pages inside [data, data + bytes),
// when `bytes` >= kLargeBytes. Call it before the buffer is first written.
// Never fails: the advice is only advice.
void prefer_huge_pages(const void* data, std::size_t bytes);

}  // namespace chiso::memory
