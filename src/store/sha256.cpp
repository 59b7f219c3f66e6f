#include "store/sha256.h"

#include <array>
#include <cstdint>

namespace chiso::store_detail {
namespace {

constexpr std::array<std::uint32_t, 64> round_constants = {
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4,
    0xab1c5ed5, 0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe,
    0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f,
    0x4a7484aa, 0x5cb0a9dc, 0x76f988da, 0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7,
    0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc,
    0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b,
    0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070, 0x19a4c116,
    0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7,
    0xc67178f2};

std::uint32_t rotr(std::uint32_t x, int n) { return (x >> n) | (x << (32 - n)); }

void compress(std::array<std::uint32_t, 8>& state, const unsigned char* block) {
  std::array<std::uint32_t, 64> w{};
  for (int word_idx = 0; word_idx < 16; ++word_idx) {
    const unsigned char* p = block + 4 * word_idx;
    w[word_idx] = (std::uint32_t{p[0]} << 24) | (std::uint32_t{p[1]} << 16) |
                  (std::uint32_t{p[2]} << 8) | std::uint32_t{p[3]};
  }
  for (int word_idx = 16; word_idx < 64; ++word_idx) {
    std::uint32_t s0 = rotr(w[word_idx - 15], 7) ^ rotr(w[word_idx - 15], 18) ^ (w[word_idx - 15] >> 3);
    std::uint32_t s1 = rotr(w[word_idx - 2], 17) ^ rotr(w[word_idx - 2], 19) ^ (w[word_idx - 2] >> 10);
    w[word_idx] = w[word_idx - 16] + s0 + w[word_idx - 7] + s1;
  }
  auto [a, b, c, d, e, f, g, h] = state;
  for (int round_idx = 0; round_idx < 64; ++round_idx) {
    std::uint32_t s1 = rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25);
    std::uint32_t choice = (e & f) ^ (~e & g);
    std::uint32_t t1 = h + s1 + choice + round_constants[round_idx] + w[round_idx];
    std::uint32_t s0 = rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22);
    std::uint32_t majority = (a & b) ^ (a & c) ^ (b & c);
    std::uint32_t t2 = s0 + majority;
    h = g; g = f; f = e; e = d + t1; d = c; c = b; b = a; a = t1 + t2;
  }
  const std::array<std::uint32_t, 8> add = {a, b, c, d, e, f, g, h};
  for (int word_idx = 0; word_idx < 8; ++word_idx) state[word_idx] += add[word_idx];
}

}  // namespace

std::string sha256_hex(std::string_view bytes) {
  std::array<std::uint32_t, 8> state = {0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
                                        0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19};
  const auto* data = reinterpret_cast<const unsigned char*>(bytes.data());
  std::size_t full_blocks = bytes.size() / 64;
  for (std::size_t block_idx = 0; block_idx < full_blocks; ++block_idx) compress(state, data + 64 * block_idx);

  // Padding: 0x80, zeros, the length in bits as 64-bit big-endian.
  unsigned char tail[128] = {};
  std::size_t rest = bytes.size() - 64 * full_blocks;
  for (std::size_t byte_idx = 0; byte_idx < rest; ++byte_idx) tail[byte_idx] = data[64 * full_blocks + byte_idx];
  tail[rest] = 0x80;
  std::size_t tail_size = rest + 1 + 8 <= 64 ? 64 : 128;
  std::uint64_t bit_count = static_cast<std::uint64_t>(bytes.size()) * 8;
  for (int byte_idx = 0; byte_idx < 8; ++byte_idx)
    tail[tail_size - 1 - byte_idx] = static_cast<unsigned char>(bit_count >> (8 * byte_idx));
  for (std::size_t offset = 0; offset < tail_size; offset += 64) compress(state, tail + offset);

  static constexpr char digits[] = "0123456789abcdef";
  std::string hex;
  hex.reserve(64);
  for (std::uint32_t word : state)
    for (int shift = 28; shift >= 0; shift -= 4) hex.push_back(digits[(word >> shift) & 0xf]);
  return hex;
}

}  // namespace chiso::store_detail
