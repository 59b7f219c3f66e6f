#include "common/digest.h"

#include <dlfcn.h>
#include <openssl/evp.h>
#include <sodium.h>

#include <cassert>

#ifndef CHISO_LIBCRYPTO_SONAME
#define CHISO_LIBCRYPTO_SONAME "libcrypto.so.3"
#endif

namespace chiso::digest {
namespace {

constexpr std::size_t kLargeBytes = std::size_t{8} << 20;

// libcrypto's one-shot digest, typed from <openssl/evp.h>; null members when
// the library cannot be loaded.
struct LibCrypto {
  decltype(&::EVP_Digest) digest = nullptr;
  decltype(&::EVP_sha256) sha256 = nullptr;
};

LibCrypto load_libcrypto() {
  LibCrypto lib;
  void* handle = dlopen(CHISO_LIBCRYPTO_SONAME, RTLD_NOW | RTLD_LOCAL);
  if (handle == nullptr) return lib;
  // POSIX guarantees that a pointer from dlsym converts to a function pointer.
  auto digest = reinterpret_cast<decltype(&::EVP_Digest)>(dlsym(handle, "EVP_Digest"));
  auto sha256 = reinterpret_cast<decltype(&::EVP_sha256)>(dlsym(handle, "EVP_sha256"));
  if (digest != nullptr && sha256 != nullptr) {
    lib.digest = digest;
    lib.sha256 = sha256;
  }
  return lib;
}

// True with `out` filled when libcrypto did it.
bool sha256_libcrypto(std::string_view bytes, unsigned char (&out)[crypto_hash_sha256_BYTES]) {
  static const LibCrypto lib = load_libcrypto();
  if (lib.digest == nullptr) return false;
  unsigned int size = 0;
  return lib.digest(bytes.data(), bytes.size(), out, &size, lib.sha256(), nullptr) == 1 &&
         size == crypto_hash_sha256_BYTES;
}

}  // namespace

std::string sha256_hex(std::string_view bytes) {
  unsigned char digest[crypto_hash_sha256_BYTES];
  if (bytes.size() < kLargeBytes || !sha256_libcrypto(bytes, digest)) {
    // sodium_init() is idempotent and thread-safe; it only picks CPU features.
    [[maybe_unused]] static const int initialized = sodium_init();
    assert(initialized >= 0 && "libsodium could not start");
    crypto_hash_sha256(digest, reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size());
  }
  char hex[2 * crypto_hash_sha256_BYTES + 1];
  sodium_bin2hex(hex, sizeof hex, digest, sizeof digest);
  return std::string(hex, 2 * crypto_hash_sha256_BYTES);
}

}  // namespace chiso::digest
