#include "common/digest.h"

#include <gtest/gtest.h>

namespace chiso::digest {
namespace {

// Vectors from FIPS 180-4's examples and NIST's SHA-256 test set.
TEST(Digest, Sha256KnownVectors) {
  EXPECT_EQ(sha256_hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(sha256_hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_EQ(sha256_hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"),
            "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
  EXPECT_EQ(sha256_hex(std::string(1000000, 'a')),
            "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

// From 8 MiB on the digest is made by libcrypto (digest.h): the same
// SHA-256. Expected values from coreutils' sha256sum and Python's hashlib.
TEST(Digest, Sha256OfLargeInputs) {
  EXPECT_EQ(sha256_hex(std::string(16u << 20, 'a')),
            "5b6ff2e19d0da0fe323061018fc381393492884e74af8296c81ab9cb2694783a");
  std::string varied(9u * 1024 * 1024 + 7, '\0');
  for (std::size_t i = 0; i < varied.size(); ++i) {
    varied[i] = static_cast<char>((i * 7 + i / 251) % 256);
  }
  EXPECT_EQ(sha256_hex(varied), "c9f51764ebdcf97b4da23f7bb16ce39be507c2e908b2a3ea5cf29517c187dbb3");
  // Just under the switch (libsodium) and at it (libcrypto).
  const std::string_view view(varied);
  EXPECT_EQ(sha256_hex(view.substr(0, (8u << 20) - 1)),
            "d7f437d3ef4f12940ced63ddd7daf35d14d01a2d5ef51ddbe004d03a971d1ef3");
  EXPECT_EQ(sha256_hex(view.substr(0, 8u << 20)),
            "b1a20dbfdb41edc58871ba0ecb4c43c1fc23721eca821757de7a6ababe8908e9");
}

}  // namespace
}  // namespace chiso::digest
