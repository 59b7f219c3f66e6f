#include "common/digest.h"

#include <nettle/sha2.h>
#include <sodium.h>

#include <algorithm>
#include <cstdint>

namespace chiso::digest {

std::string sha256_hex(std::string_view bytes) {
  sha256_ctx context;
  sha256_init(&context);
  // sha256_update takes a size_t length; fed in slices all the same, so that
  // nothing depends on how large one call may be.
  constexpr std::size_t kSlice = std::size_t{1} << 30;
  const auto* data = reinterpret_cast<const std::uint8_t*>(bytes.data());
  for (std::size_t done = 0; done < bytes.size();) {
    const std::size_t slice = std::min(kSlice, bytes.size() - done);
    sha256_update(&context, slice, data + done);
    done += slice;
  }
  std::uint8_t digest[SHA256_DIGEST_SIZE];
  sha256_digest(&context, sizeof digest, digest);
  char hex[2 * SHA256_DIGEST_SIZE + 1];
  sodium_bin2hex(hex, sizeof hex, digest, sizeof digest);
  return std::string(hex, 2 * SHA256_DIGEST_SIZE);
}

}  // namespace chiso::digest
