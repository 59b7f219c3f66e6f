#include "common/digest.h"

#include <nettle/sha2.h>
#include <sodium.h>

#include <cstdint>

namespace chiso::digest {

std::string sha256(std::string_view bytes) {
  sha256_ctx context;
  sha256_init(&context);
  sha256_update(&context, bytes.size(), reinterpret_cast<const std::uint8_t*>(bytes.data()));
  std::string digest(SHA256_DIGEST_SIZE, '\0');
  sha256_digest(&context, SHA256_DIGEST_SIZE, reinterpret_cast<std::uint8_t*>(digest.data()));
  return digest;
}

std::string sha256_hex(std::string_view bytes) {
  const std::string digest = sha256(bytes);
  char hex[2 * SHA256_DIGEST_SIZE + 1];
  sodium_bin2hex(hex, sizeof hex, reinterpret_cast<const unsigned char*>(digest.data()), digest.size());
  return std::string(hex, 2 * SHA256_DIGEST_SIZE);
}

}  // namespace chiso::digest
