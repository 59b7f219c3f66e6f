// The language of what a person reads: Vietnamese first, English available.
// One enum for every stage (messages, numbers, documents, the CLI's words).
#pragma once

namespace chiso {

enum class Lang { vi, en };

}  // namespace chiso
