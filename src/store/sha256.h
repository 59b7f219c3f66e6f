// SHA-256 of a byte string, as lowercase hex. The store keys each distinct
// plan text by it, so a plan used by many imports is stored once.
#pragma once

#include <string>
#include <string_view>

namespace chiso::store_detail {

// FIPS 180-4 SHA-256. Thread-safe (no state).
std::string sha256_hex(std::string_view bytes);

}  // namespace chiso::store_detail
