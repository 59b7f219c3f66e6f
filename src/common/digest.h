// Content digests: the stored hash of each imported file and of each
// distinct plan text.
#pragma once

#include <string>
#include <string_view>

namespace chiso::digest {

// SHA-256 of `bytes` as lower-case hex. Thread-safe.
//
// Made by Nettle (GnuTLS's crypto library, linked from Debian's static
// archive), whose x86-64 build picks the CPU's SHA instructions at run time:
// several times libsodium's portable C, which matters for a national history
// hashed beside the reader. One library for every size: no switch, no
// library loaded later.
std::string sha256_hex(std::string_view bytes);
// The same digest as 32 raw bytes.
std::string sha256(std::string_view bytes);

}  // namespace chiso::digest
