#include "common/digest.h"

#include <gtest/gtest.h>

#include <utility>

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

// Inputs of many blocks, and lengths around the 64-byte block and the
// padding's boundary (55/56 bytes): the CPU's SHA instructions take whole
// blocks, the rest is padded. Expected values from coreutils' sha256sum and
// Python's hashlib.
TEST(Digest, Sha256OfLargeInputs) {
  EXPECT_EQ(sha256_hex(std::string(16u << 20, 'a')),
            "5b6ff2e19d0da0fe323061018fc381393492884e74af8296c81ab9cb2694783a");
  std::string varied(9u * 1024 * 1024 + 7, '\0');
  for (std::size_t i = 0; i < varied.size(); ++i) {
    varied[i] = static_cast<char>((i * 7 + i / 251) % 256);
  }
  EXPECT_EQ(sha256_hex(varied), "c9f51764ebdcf97b4da23f7bb16ce39be507c2e908b2a3ea5cf29517c187dbb3");
  const std::string_view view(varied);
  EXPECT_EQ(sha256_hex(view.substr(0, (8u << 20) - 1)),
            "d7f437d3ef4f12940ced63ddd7daf35d14d01a2d5ef51ddbe004d03a971d1ef3");
  EXPECT_EQ(sha256_hex(view.substr(0, 8u << 20)),
            "b1a20dbfdb41edc58871ba0ecb4c43c1fc23721eca821757de7a6ababe8908e9");
  const std::pair<std::size_t, const char*> around_blocks[] = {
      {55, "576a1bf8d4478657e6dc4af9398544765c2a92cde28478b019235cfed315fc09"},
      {56, "9b20501dfd1d99161c257950f3444f3e49230c351c5c8e0943ef369f85f5205d"},
      {63, "30b345906b493f06f69444b6521113511c242f30e29840462950035043682f1e"},
      {64, "d8bc63b4fc1156e5e7d95a418b9bf54cd3174bedbc2db40f74895349b229b3c0"},
      {65, "1ee23b0fbcaecc1aff4a9e8f1645f35ab2c8e13609cd73b68df8b5e3f63ce073"},
      {119, "7a6589821178918ca8d9edaba5abfc1e9b2669564f4469b66885379c1530b2c8"},
      {120, "655250427d56b1b0eeb8497d21428704273458a01772d6881b65c0abac0f8a98"},
  };
  for (const auto& [length, expected] : around_blocks) {
    EXPECT_EQ(sha256_hex(view.substr(0, length)), expected) << length << " bytes";
  }
}

}  // namespace
}  // namespace chiso::digest
