#include "common/digest.h"

#include <sodium.h>

#include <cassert>

namespace chiso::digest {

std::string sha256_hex(std::string_view bytes) {
  // sodium_init() is idempotent and thread-safe; it only picks CPU features.
  [[maybe_unused]] static const int initialized = sodium_init();
  assert(initialized >= 0 && "libsodium could not start");
  unsigned char digest[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(digest, reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size());
  char hex[2 * crypto_hash_sha256_BYTES + 1];
  sodium_bin2hex(hex, sizeof hex, digest, sizeof digest);
  return std::string(hex, 2 * crypto_hash_sha256_BYTES);
}

}  // namespace chiso::digest
