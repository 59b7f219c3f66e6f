// Helpers shared by the ingest tests: the seed's bytes and fields as typed,
// UTF-16 encoding, and the XLSX/DOCX fixtures made by make_fixtures.py.
#pragma once

#include <gtest/gtest.h>

#include <sys/stat.h>
#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace chiso::testing {

inline std::string seed_path() { return CHISO_SOURCE_DIR "/samples/000_e41d2a91a7ebffff.txt"; }

inline std::string read_bytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

inline void write_bytes(const std::string& path, const std::string& bytes) {
  std::ofstream out(path, std::ios::binary);
  out << bytes;
}

inline std::vector<std::string> split(const std::string& s, char sep) {
  std::vector<std::string> out;
  size_t start = 0;
  while (true) {
    const size_t pos = s.find(sep, start);
    out.push_back(s.substr(start, pos == std::string::npos ? std::string::npos : pos - start));
    if (pos == std::string::npos) return out;
    start = pos + 1;
  }
}

// The seed's lines (1-based: lines[0] is line 1).
inline std::vector<std::string> seed_lines() { return split(read_bytes(seed_path()), '\n'); }

// Fields of a seed line as typed, split at tabs, quotes kept.
inline std::vector<std::string> seed_fields(int line_no) {
  return split(seed_lines()[static_cast<size_t>(line_no - 1)], '\t');
}

// UTF-8 → UTF-16 with a BOM, written by hand so the test does not use the
// decoder under test.
inline std::string to_utf16(const std::string& utf8, bool big_endian) {
  std::string out;
  auto put = [&](unsigned unit) {
    const char hi = static_cast<char>(unit >> 8);
    const char lo = static_cast<char>(unit & 0xFF);
    if (big_endian) {
      out.push_back(hi);
      out.push_back(lo);
    } else {
      out.push_back(lo);
      out.push_back(hi);
    }
  };
  put(0xFEFF);
  const auto* s = reinterpret_cast<const unsigned char*>(utf8.data());
  size_t idx = 0;
  while (idx < utf8.size()) {
    unsigned cp;
    int len;
    if (s[idx] < 0x80) {
      cp = s[idx];
      len = 1;
    } else if (s[idx] < 0xE0) {
      cp = s[idx] & 0x1F;
      len = 2;
    } else if (s[idx] < 0xF0) {
      cp = s[idx] & 0x0F;
      len = 3;
    } else {
      cp = s[idx] & 0x07;
      len = 4;
    }
    for (int k = 1; k < len; ++k) cp = (cp << 6) | (s[idx + static_cast<size_t>(k)] & 0x3F);
    idx += static_cast<size_t>(len);
    if (cp >= 0x10000) {
      cp -= 0x10000;
      put(0xD800 + (cp >> 10));
      put(0xDC00 + (cp & 0x3FF));
    } else {
      put(cp);
    }
  }
  return out;
}

inline std::string fixtures_dir() { return CHISO_BINARY_DIR "/tests/ingest_fixtures"; }

inline bool newer_than(const std::string& path, const std::string& source) {
  struct stat a {}, b {};
  return ::stat(path.c_str(), &a) == 0 && ::stat(source.c_str(), &b) == 0 && a.st_mtime >= b.st_mtime;
}

// Runs make_fixtures.py unless its outputs are newer than it and the seed
// (ctest runs each test in its own process); false when it failed.
inline bool make_fixtures() {
  static const bool made = [] {
    const std::string script = CHISO_SOURCE_DIR "/tests/ingest/make_fixtures.py";
    bool fresh = true;
    for (const char* out : {"/seed.xlsx", "/seed.docx"}) {
      fresh = fresh && newer_than(fixtures_dir() + out, script) &&
              newer_than(fixtures_dir() + out, seed_path());
    }
    if (fresh) return true;
    const std::string cmd = "mkdir -p '" + fixtures_dir() + "' && /usr/bin/python3 '" CHISO_SOURCE_DIR
                            "/tests/ingest/make_fixtures.py' '" + seed_path() + "' '" +
                            fixtures_dir() + "'";
    return std::system(cmd.c_str()) == 0;
  }();
  return made;
}

// Runs a python3 snippet (for hostile files); false when it failed.
inline bool run_python(const std::string& code) {
  // One script per process: ctest runs tests in parallel processes.
  const std::string path = fixtures_dir() + "/snippet-" + std::to_string(::getpid()) + ".py";
  std::system(("mkdir -p '" + fixtures_dir() + "'").c_str());
  write_bytes(path, code);
  return std::system(("/usr/bin/python3 '" + path + "'").c_str()) == 0;
}

}  // namespace chiso::testing
