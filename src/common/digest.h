// Content digests (libsodium): the stored hash of each imported file and of
// each distinct plan text.
#pragma once

#include <string>
#include <string_view>

namespace chiso::digest {

// SHA-256 of `bytes` as lower-case hex. Thread-safe.
std::string sha256_hex(std::string_view bytes);

}  // namespace chiso::digest
