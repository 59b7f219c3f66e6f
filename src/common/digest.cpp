#include "common/digest.h"

#include <nettle/sha2.h>
#include <sodium.h>

#include <cstdint>

namespace chiso::digest {

std::string sha256_hex(std::string_view bytes) {
  sha256_ctx context;
  sha256_init(&context);
  sha256_update(&context, bytes.size(), reinterpret_cast<const std::uint8_t*>(bytes.data()));
  std::uint8_t digest[SHA256_DIGEST_SIZE];
  sha256_digest(&context, sizeof digest, digest);
  char hex[2 * SHA256_DIGEST_SIZE + 1];
  sodium_bin2hex(hex, sizeof hex, digest, sizeof digest);
  return std::string(hex, 2 * SHA256_DIGEST_SIZE);
}

}  // namespace chiso::digest
