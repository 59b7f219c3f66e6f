// A zip of stored (uncompressed) entries built in memory, so that a fuzz
// target can hand its bytes to the XLSX/DOCX readers as one part of an
// otherwise well-formed package: mutating a deflated archive's bytes almost
// never gets past the zip layer, mutating the part's XML reaches the reader.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace chiso::fuzz {

inline std::uint32_t crc32(std::string_view bytes) {
  static const std::array<std::uint32_t, 256> table = [] {
    std::array<std::uint32_t, 256> t{};
    for (std::uint32_t n = 0; n < 256; ++n) {
      std::uint32_t c = n;
      for (int k = 0; k < 8; ++k) c = (c & 1) ? 0xEDB88320u ^ (c >> 1) : c >> 1;
      t[n] = c;
    }
    return t;
  }();
  std::uint32_t crc = 0xFFFFFFFFu;
  for (unsigned char b : bytes) crc = table[(crc ^ b) & 0xFF] ^ (crc >> 8);
  return crc ^ 0xFFFFFFFFu;
}

// `entries`: (name, content) in order. REQUIRES: each under 4 GiB.
inline std::string stored_zip(const std::vector<std::pair<std::string, std::string>>& entries) {
  std::string out;
  std::string central;
  auto u16 = [](std::string& s, std::uint32_t v) {
    s += static_cast<char>(v & 0xFF);
    s += static_cast<char>((v >> 8) & 0xFF);
  };
  auto u32 = [&](std::string& s, std::uint32_t v) {
    u16(s, v & 0xFFFF);
    u16(s, v >> 16);
  };
  for (const auto& [name, content] : entries) {
    const auto offset = static_cast<std::uint32_t>(out.size());
    const std::uint32_t crc = crc32(content);
    const auto size = static_cast<std::uint32_t>(content.size());
    u32(out, 0x04034b50);
    u16(out, 20), u16(out, 0), u16(out, 0), u16(out, 0),
        u16(out, 0x21);  // version, flags, stored, time, date
    u32(out, crc), u32(out, size), u32(out, size);
    u16(out, static_cast<std::uint32_t>(name.size())), u16(out, 0);
    out += name;
    out += content;
    u32(central, 0x02014b50);
    u16(central, 20), u16(central, 20), u16(central, 0), u16(central, 0), u16(central, 0),
        u16(central, 0x21);
    u32(central, crc), u32(central, size), u32(central, size);
    u16(central, static_cast<std::uint32_t>(name.size()));
    u16(central, 0), u16(central, 0), u16(central, 0),
        u16(central, 0);  // extra, comment, disk, attrs
    u32(central, 0), u32(central, offset);
    central += name;
  }
  const auto central_offset = static_cast<std::uint32_t>(out.size());
  out += central;
  u32(out, 0x06054b50);
  u16(out, 0), u16(out, 0);
  u16(out, static_cast<std::uint32_t>(entries.size())),
      u16(out, static_cast<std::uint32_t>(entries.size()));
  u32(out, static_cast<std::uint32_t>(central.size())), u32(out, central_offset);
  u16(out, 0);
  return out;
}

}  // namespace chiso::fuzz
