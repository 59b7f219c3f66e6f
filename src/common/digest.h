// Content digests: the stored hash of each imported file and of each
// distinct plan text.
#pragma once

#include <string>
#include <string_view>

namespace chiso::digest {

// SHA-256 of `bytes` as lower-case hex. Thread-safe.
//
// libsodium hashes in portable C, ~20 cycles a byte: a 118 MB history would
// take most of a second. From 8 MiB on, OpenSSL's libcrypto (already on every
// Debian machine) is used instead, loaded with dlopen() only then: it uses
// the CPU's SHA instructions and is several times faster. Both give the same
// digest; without libcrypto, libsodium does it all.
std::string sha256_hex(std::string_view bytes);

}  // namespace chiso::digest
