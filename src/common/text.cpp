// Vietnamese text: NFC, folded keys, collation (ICU).
#include "common/text.h"

#include <unicode/bytestream.h>
#include <unicode/coll.h>
#include <unicode/locid.h>
#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/unorm2.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <array>
#include <bit>
#include <cstdint>
#include <cassert>
#include <cstring>
#include <memory>
#include <vector>

namespace chiso::text {
namespace {

const icu::Normalizer2* nfc() {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* n = icu::Normalizer2::getNFCInstance(status);
  assert(U_SUCCESS(status) && "ICU NFC data missing");
  return n;
}

const icu::Normalizer2* nfd() {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* n = icu::Normalizer2::getNFDInstance(status);
  assert(U_SUCCESS(status) && "ICU NFD data missing");
  return n;
}

// Decodes UTF-8 (invalid sequences → U+FFFD) to code points.
std::vector<UChar32> code_points(std::string_view utf8) {
  std::vector<UChar32> out;
  out.reserve(utf8.size());
  int32_t i = 0;
  const auto* s = reinterpret_cast<const uint8_t*>(utf8.data());
  const auto n = static_cast<int32_t>(utf8.size());
  while (i < n) {
    UChar32 c;
    U8_NEXT(s, i, n, c);
    out.push_back(c < 0 ? 0xFFFD : c);
  }
  return out;
}

void append_utf8(std::string& out, UChar32 c) {
  if (c >= 0 && c < 0x80) {  // most characters of a key
    out.push_back(static_cast<char>(c));
    return;
  }
  char buf[4];
  int32_t len = 0;
  UBool error = false;
  U8_APPEND(reinterpret_cast<uint8_t*>(buf), len, 4, c, error);
  if (!error) out.append(buf, static_cast<size_t>(len));
}

bool is_tone_mark(UChar32 c) {
  return c == 0x0300 || c == 0x0301 || c == 0x0303 || c == 0x0309 || c == 0x0323;
}

// A code point that separates words in a key: white space, punctuation,
// symbols, controls.
bool is_separator(UChar32 c) {
  if (c == 0xFEFF || c == 0x200B) return true;
  if (u_isUWhiteSpace(c) || u_isspace(c)) return true;
  const int8_t type = u_charType(c);
  switch (type) {
    case U_CONNECTOR_PUNCTUATION:
    case U_DASH_PUNCTUATION:
    case U_START_PUNCTUATION:
    case U_END_PUNCTUATION:
    case U_INITIAL_PUNCTUATION:
    case U_FINAL_PUNCTUATION:
    case U_OTHER_PUNCTUATION:
    case U_MATH_SYMBOL:
    case U_CURRENCY_SYMBOL:
    case U_MODIFIER_SYMBOL:
    case U_OTHER_SYMBOL:
    case U_CONTROL_CHAR:
    case U_FORMAT_CHAR:
    case U_SPACE_SEPARATOR:
    case U_LINE_SEPARATOR:
    case U_PARAGRAPH_SEPARATOR:
      return true;
    default:
      return false;
  }
}

// The NFD, lower-case code points of `utf8`.
std::vector<UChar32> nfd_lower(std::string_view utf8) {
  UErrorCode status = U_ZERO_ERROR;
  icu::UnicodeString s = icu::UnicodeString::fromUTF8(
      icu::StringPiece(utf8.data(), static_cast<int32_t>(utf8.size())));
  s.toLower(icu::Locale::getRoot());
  icu::UnicodeString d = nfd()->normalize(s, status);
  std::vector<UChar32> out;
  out.reserve(static_cast<size_t>(d.length()));
  for (int32_t i = 0; i < d.length();) {
    UChar32 c = d.char32At(i);
    out.push_back(c);
    i += U16_LENGTH(c);
  }
  return out;
}

// What make_key needs to know of one code point: its lower-case NFD
// (up to 4 code points) and, for each of those, whether it separates words,
// is a tone mark or another mark. Filled lazily from ICU for the code points
// below fast_limit, so a key costs a table look-up per character instead of
// a normalisation of the whole string.
constexpr UChar32 fast_limit = 0x2000;

struct FoldInfo {
  enum Kind : uint8_t { unknown, letter, separator, mark, tone };
  Kind kind = unknown;
  uint8_t decomposition_size = 0;  // 0: the code point itself; 0xFF: ask ICU
  uint16_t decomposition[4] = {};  // each below fast_limit
};

FoldInfo::Kind classify(UChar32 c) {
  if (is_separator(c)) return FoldInfo::separator;
  if (u_getCombiningClass(c) != 0 || u_charType(c) == U_NON_SPACING_MARK) {
    return is_tone_mark(c) ? FoldInfo::tone : FoldInfo::mark;
  }
  return FoldInfo::letter;
}

// The FoldInfo of the code points below fast_limit, filled on first use, in
// pages of 256 made when a text first needs one: Vietnamese uses four
// (ASCII and Latin-1, Latin Extended-A/B, combining marks, Latin Extended
// Additional), and a table of all 8,192 would be 80 kB of memory to touch
// for every run. Not shared between threads: get one with fold_table().
class FoldTable {
 public:
  // REQUIRES: 0 <= c < fast_limit.
  const FoldInfo& get(UChar32 c) {
    auto& page = pages_[static_cast<size_t>(c) >> 8];
    if (!page) page = std::make_unique<std::array<FoldInfo, 256>>();
    FoldInfo& info = (*page)[static_cast<size_t>(c) & 0xFF];
    if (info.kind == FoldInfo::unknown) fill(c, info);
    return info;
  }

 private:
  static void fill(UChar32 c, FoldInfo& info) {
    std::string one;
    append_utf8(one, c);
    std::vector<UChar32> decomposed = nfd_lower(one);
    bool simple = !decomposed.empty() && decomposed.size() <= 4;
    for (UChar32 part : decomposed) simple = simple && part < fast_limit;
    if (simple && !(decomposed.size() == 1 && decomposed[0] == c)) {
      info.decomposition_size = static_cast<uint8_t>(decomposed.size());
      std::copy(decomposed.begin(), decomposed.end(), info.decomposition);
    } else if (!simple) {
      info.decomposition_size = 0xFF;
    }
    info.kind = classify(c);
  }

  std::array<std::unique_ptr<std::array<FoldInfo, 256>>, fast_limit / 256> pages_;
};

// Looked up once per key, not once per character: a thread_local costs a
// guard check at each access.
FoldTable& fold_table() {
  thread_local FoldTable table;
  return table;
}

// Builds a key into a buffer the caller sized: words separated by one space.
// When `keep_marks`, the non-tone marks stay in place and each word's tone
// marks move to its end; otherwise every mark is dropped and đ becomes d.
class KeyBuilder {
 public:
  KeyBuilder(char* out, bool keep_marks) : out_(out), keep_marks_(keep_marks) {}

  void add(UChar32 c, FoldInfo::Kind kind) {
    if (kind == FoldInfo::separator) {
      end_word();
      return;
    }
    if (kind == FoldInfo::mark || kind == FoldInfo::tone) {
      if (!in_word_ || !keep_marks_) return;  // a stray mark or loose key
      if (kind == FoldInfo::tone) {
        const auto tones_end = tones_.begin() + static_cast<std::ptrdiff_t>(tone_count_);
        if (std::find(tones_.begin(), tones_end, c) == tones_end) {
          assert(tone_count_ < tones_.size() && "is_tone_mark: five tone marks");
          tones_[tone_count_++] = c;
        }
      } else {
        put(c);
      }
      return;
    }
    add_letter(c);
  }
  // A letter known to need no look-up (ASCII, lower-cased).
  void add_letter(UChar32 c) {
    if (!in_word_) {
      if (size_ > 0) out_[size_++] = ' ';
      in_word_ = true;
    }
    if (!keep_marks_ && c == 0x0111) c = 'd';
    put(c);
  }

  void end_word() {
    if (!in_word_) return;
    for (size_t tone_idx = 0; tone_idx < tone_count_; ++tone_idx) put(tones_[tone_idx]);
    tone_count_ = 0;
    in_word_ = false;
  }
  size_t size() const { return size_; }

 private:
  void put(UChar32 c) {
    if (c < 0x80) {
      out_[size_++] = static_cast<char>(c);
      return;
    }
    auto* bytes = reinterpret_cast<uint8_t*>(out_);
    U8_APPEND_UNSAFE(bytes, size_, c);  // the caller sized the buffer
  }

  char* out_;
  size_t size_ = 0;
  bool keep_marks_;
  bool in_word_ = false;
  // The distinct tone marks of the current word: at most the five of is_tone_mark.
  std::array<UChar32, 5> tones_{};
  size_t tone_count_ = 0;
};

// The slow, general way: ICU over the whole string.
std::string make_key_icu(std::string_view utf8, bool keep_marks) {
  const std::vector<UChar32> decomposed = nfd_lower(utf8);
  // Each code point gives at most 4 bytes and a space before it.
  std::string key(decomposed.size() * 5, '\0');
  KeyBuilder builder(key.data(), keep_marks);
  for (UChar32 c : decomposed) builder.add(c, classify(c));
  builder.end_word();
  key.resize(builder.size());
  return key;
}

// ASCII letters and digits lower-cased; 0 for the rest, which separate words
// (is_separator holds for every other printable ASCII character and the
// controls).
constexpr std::array<char, 128> ascii_letters = [] {
  std::array<char, 128> table{};
  for (int c = '0'; c <= '9'; ++c) table[static_cast<size_t>(c)] = static_cast<char>(c);
  for (int c = 'a'; c <= 'z'; ++c) table[static_cast<size_t>(c)] = static_cast<char>(c);
  for (int c = 'A'; c <= 'Z'; ++c) table[static_cast<size_t>(c)] = static_cast<char>(c - 'A' + 'a');
  return table;
}();

// Keys of up to this many bytes of text are built on the stack.
constexpr size_t stack_key_input_max = 256;
// Output bytes per input byte at most: a code point of 2 bytes decomposes to
// at most 4 of 3 bytes each (all below fast_limit), with a space before.
constexpr size_t key_growth_max = 7;

std::string make_key(std::string_view utf8, bool keep_marks) {
  std::array<char, stack_key_input_max * key_growth_max + 8> on_stack;
  std::unique_ptr<char[]> on_heap;
  char* out = on_stack.data();
  if (utf8.size() > stack_key_input_max) {
    on_heap = std::make_unique_for_overwrite<char[]>(utf8.size() * key_growth_max + 8);
    out = on_heap.get();
  }
  KeyBuilder builder(out, keep_marks);
  int32_t at = 0;
  const auto* bytes = reinterpret_cast<const uint8_t*>(utf8.data());
  const auto size = static_cast<int32_t>(utf8.size());
  FoldTable* table = nullptr;
  while (at < size) {
    if (bytes[at] < 0x80) {
      const char letter = ascii_letters[bytes[at++]];
      if (letter != 0) {
        builder.add_letter(static_cast<unsigned char>(letter));
      } else {
        builder.end_word();
      }
      continue;
    }
    UChar32 c;
    U8_NEXT(bytes, at, size, c);
    if (c < 0 || c >= fast_limit) return make_key_icu(utf8, keep_marks);
    if (table == nullptr) table = &fold_table();
    const FoldInfo& info = table->get(c);
    if (info.decomposition_size == 0xFF) return make_key_icu(utf8, keep_marks);
    if (info.decomposition_size == 0) {
      builder.add(c, info.kind);
      continue;
    }
    for (uint8_t part = 0; part < info.decomposition_size; ++part) {
      const UChar32 decomposed = info.decomposition[part];
      builder.add(decomposed, table->get(decomposed).kind);
    }
  }
  builder.end_word();
  return std::string(out, builder.size());
}

bool is_space_at(std::string_view s, size_t pos, size_t* len) {
  const auto c = static_cast<unsigned char>(s[pos]);
  if (c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\v' || c == '\f') {
    *len = 1;
    return true;
  }
  if (c == 0xC2 && pos + 1 < s.size() &&
      (static_cast<unsigned char>(s[pos + 1]) == 0xA0 ||
       static_cast<unsigned char>(s[pos + 1]) == 0x85)) {
    *len = 2;
    return true;
  }
  if (pos + 2 < s.size()) {
    const auto b1 = static_cast<unsigned char>(s[pos + 1]);
    const auto b2 = static_cast<unsigned char>(s[pos + 2]);
    // U+2000..U+200B, U+202F, U+205F: E2 80 80..8B, E2 80 AF, E2 81 9F.
    if (c == 0xE2 && b1 == 0x80 && ((b2 >= 0x80 && b2 <= 0x8B) || b2 == 0xAF)) {
      *len = 3;
      return true;
    }
    if (c == 0xE2 && b1 == 0x81 && b2 == 0x9F) {
      *len = 3;
      return true;
    }
    if (c == 0xE3 && b1 == 0x80 && b2 == 0x80) {  // U+3000
      *len = 3;
      return true;
    }
    if (c == 0xEF && b1 == 0xBB && b2 == 0xBF) {  // U+FEFF
      *len = 3;
      return true;
    }
  }
  return false;
}

// Length of the space ending at `end` (exclusive), 0 when none.
size_t space_before(std::string_view s, size_t end) {
  size_t len = 0;
  for (size_t back = 1; back <= 3 && back <= end; ++back) {
    if (is_space_at(s, end - back, &len) && len == back) return len;
  }
  return 0;
}

// Whether a code point below fast_limit is NFC wherever it stands: NFC
// quick check "yes" and combining class 0, so it neither combines with its
// neighbours nor reorders. Filled on first use; one table per thread.
class NfcInertTable {
 public:
  // REQUIRES: 0 <= c < fast_limit.
  bool get(UChar32 c) {
    uint8_t& known = table_[static_cast<size_t>(c)];
    if (known == 0) {
      const bool inert = u_getCombiningClass(c) == 0 &&
                         u_getIntPropertyValue(c, UCHAR_NFC_QUICK_CHECK) == UNORM_YES;
      known = inert ? 1 : 2;
    }
    return known == 1;
  }

 private:
  std::vector<uint8_t> table_ = std::vector<uint8_t>(static_cast<size_t>(fast_limit));  // 0 unknown, 1 yes, 2 no
};

// True when the bytes are valid UTF-8 made only of ASCII and code points
// that are NFC in any context (the quick check's definite "yes", as for
// precomposed Vietnamese letters). False means "ask ICU", not "not NFC".
// Exists because ICU's check costs many instructions a byte and a national
// table is 100 MB of mostly ASCII text.
bool quick_nfc(std::string_view utf8) {
  if (utf8.size() > INT32_MAX) return false;
  const auto* bytes = reinterpret_cast<const uint8_t*>(utf8.data());
  const auto size = static_cast<int32_t>(utf8.size());
  thread_local NfcInertTable inert;
  int32_t at = 0;
  while (at < size) {
    if (size - at >= 8) {  // ASCII, 8 bytes at a time
      std::uint64_t word;
      std::memcpy(&word, bytes + at, 8);
      const std::uint64_t high = word & 0x8080808080808080ull;
      if (high == 0) {
        at += 8;
        continue;
      }
      // Straight to the first non-ASCII byte (the lowest address).
      const int high_bit = std::endian::native == std::endian::little ? std::countr_zero(high)
                                                                       : std::countl_zero(high);
      at += high_bit / 8;
    } else if (bytes[at] < 0x80) {
      ++at;
      continue;
    }
    UChar32 c;
    U8_NEXT(bytes, at, size, c);
    if (c < 0 || c >= fast_limit || !inert.get(c)) return false;
  }
  return true;
}

}  // namespace

bool is_nfc(std::string_view utf8) {
  if (quick_nfc(utf8)) return true;
  if (!valid_utf8(utf8)) return false;
  UErrorCode status = U_ZERO_ERROR;
  const bool yes = nfc()->isNormalizedUTF8(
      icu::StringPiece(utf8.data(), static_cast<int32_t>(utf8.size())), status);
  return U_SUCCESS(status) && yes;
}

std::string to_nfc(std::string_view utf8) {
  if (quick_nfc(utf8)) return std::string(utf8);
  UErrorCode status = U_ZERO_ERROR;
  if (valid_utf8(utf8)) {
    const icu::StringPiece piece(utf8.data(), static_cast<int32_t>(utf8.size()));
    if (nfc()->isNormalizedUTF8(piece, status) && U_SUCCESS(status)) return std::string(utf8);
    std::string out;
    out.reserve(utf8.size());
    icu::StringByteSink<std::string> sink(&out);
    status = U_ZERO_ERROR;
    nfc()->normalizeUTF8(0, piece, sink, nullptr, status);
    if (U_SUCCESS(status)) return out;
  }
  // Invalid UTF-8: fromUTF8 replaces bad sequences with U+FFFD.
  icu::UnicodeString s = icu::UnicodeString::fromUTF8(
      icu::StringPiece(utf8.data(), static_cast<int32_t>(utf8.size())));
  status = U_ZERO_ERROR;
  icu::UnicodeString n = nfc()->normalize(s, status);
  std::string out;
  (U_SUCCESS(status) ? n : s).toUTF8String(out);
  return out;
}

namespace detail {

std::string_view trim_spaces(std::string_view utf8) {
  size_t begin = 0;
  size_t end = utf8.size();
  size_t len = 0;
  while (begin < end && is_space_at(utf8, begin, &len)) begin += len;
  while (end > begin) {
    len = space_before(utf8, end);
    if (len == 0 || end - len < begin) break;
    end -= len;
  }
  return utf8.substr(begin, end - begin);
}

}  // namespace detail

std::string fold_key(std::string_view utf8) { return make_key(utf8, true); }

std::string loose_key(std::string_view utf8) { return make_key(utf8, false); }

std::string fold_spaces(std::string_view utf8) {
  std::string out;
  out.reserve(utf8.size());
  size_t pos = 0;
  size_t len = 0;
  bool pending_space = false;
  while (pos < utf8.size()) {
    if (is_space_at(utf8, pos, &len)) {
      pending_space = true;
      pos += len;
      continue;
    }
    if (pending_space && !out.empty()) out.push_back(' ');
    pending_space = false;
    out.push_back(utf8[pos]);
    ++pos;
  }
  return to_nfc(out);
}

int edit_distance(std::string_view a_utf8, std::string_view b_utf8) {
  const std::vector<UChar32> a = code_points(a_utf8);
  const std::vector<UChar32> b = code_points(b_utf8);
  std::vector<int> prev(b.size() + 1);
  std::vector<int> cur(b.size() + 1);
  for (size_t b_idx = 0; b_idx <= b.size(); ++b_idx) prev[b_idx] = static_cast<int>(b_idx);
  for (size_t a_idx = 1; a_idx <= a.size(); ++a_idx) {
    cur[0] = static_cast<int>(a_idx);
    for (size_t b_idx = 1; b_idx <= b.size(); ++b_idx) {
      const int substitute = prev[b_idx - 1] + (a[a_idx - 1] == b[b_idx - 1] ? 0 : 1);
      cur[b_idx] = std::min({prev[b_idx] + 1, cur[b_idx - 1] + 1, substitute});
    }
    std::swap(prev, cur);
  }
  return prev[b.size()];
}

int compare_vi(std::string_view a_utf8, std::string_view b_utf8) {
  // A Collator is not safe to share between threads: one per thread.
  thread_local std::unique_ptr<icu::Collator> collator = [] {
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<icu::Collator> c(icu::Collator::createInstance(icu::Locale("vi"), status));
    if (U_FAILURE(status)) c.reset();
    return c;
  }();
  if (!collator) return a_utf8.compare(b_utf8);
  UErrorCode status = U_ZERO_ERROR;
  const UCollationResult r = collator->compareUTF8(
      icu::StringPiece(a_utf8.data(), static_cast<int32_t>(a_utf8.size())),
      icu::StringPiece(b_utf8.data(), static_cast<int32_t>(b_utf8.size())), status);
  if (U_FAILURE(status)) return a_utf8.compare(b_utf8);
  return r == UCOL_LESS ? -1 : (r == UCOL_GREATER ? 1 : 0);
}

size_t invalid_utf8_offset(std::string_view bytes) {
  const auto* s = reinterpret_cast<const unsigned char*>(bytes.data());
  const size_t n = bytes.size();
  size_t pos = 0;
  while (pos < n) {
    // Fast path: 8 ASCII bytes at a time.
    while (pos + 8 <= n) {
      uint64_t word;
      std::memcpy(&word, s + pos, 8);
      if (word & 0x8080808080808080ull) break;
      pos += 8;
    }
    if (pos >= n) break;
    const unsigned char c = s[pos];
    if (c < 0x80) {
      ++pos;
      continue;
    }
    size_t len;
    uint32_t cp;
    if (c >= 0xC2 && c <= 0xDF) {
      len = 2;
      cp = c & 0x1F;
    } else if (c >= 0xE0 && c <= 0xEF) {
      len = 3;
      cp = c & 0x0F;
    } else if (c >= 0xF0 && c <= 0xF4) {
      len = 4;
      cp = c & 0x07;
    } else {
      return pos;
    }
    if (pos + len > n) return pos;
    for (size_t k = 1; k < len; ++k) {
      if ((s[pos + k] & 0xC0) != 0x80) return pos;
      cp = (cp << 6) | (s[pos + k] & 0x3F);
    }
    if ((len == 3 && (cp < 0x800 || (cp >= 0xD800 && cp <= 0xDFFF))) ||
        (len == 4 && (cp < 0x10000 || cp > 0x10FFFF))) {
      return pos;
    }
    pos += len;
  }
  return std::string_view::npos;
}

bool valid_utf8(std::string_view bytes) {
  return invalid_utf8_offset(bytes) == std::string_view::npos;
}

std::string utf16_to_utf8(std::string_view bytes, bool big_endian) {
  std::string out;
  out.reserve(bytes.size() * 3 / 2);
  const auto* s = reinterpret_cast<const unsigned char*>(bytes.data());
  const size_t units = bytes.size() / 2;
  if (bytes.size() >= 2 && s[0] == 0xFE && s[1] == 0xFF) big_endian = true;
  if (bytes.size() >= 2 && s[0] == 0xFF && s[1] == 0xFE) big_endian = false;
  auto unit_at = [&](size_t idx) -> uint32_t {
    const unsigned char lo = s[idx * 2 + (big_endian ? 1 : 0)];
    const unsigned char hi = s[idx * 2 + (big_endian ? 0 : 1)];
    return static_cast<uint32_t>(hi) << 8 | lo;
  };
  size_t idx = 0;
  if (units > 0 && unit_at(0) == 0xFEFF) idx = 1;  // BOM
  for (; idx < units; ++idx) {
    uint32_t u = unit_at(idx);
    UChar32 c;
    if (u >= 0xD800 && u <= 0xDBFF && idx + 1 < units && unit_at(idx + 1) >= 0xDC00 &&
        unit_at(idx + 1) <= 0xDFFF) {
      c = static_cast<UChar32>(0x10000 + ((u - 0xD800) << 10) + (unit_at(idx + 1) - 0xDC00));
      ++idx;
    } else if (u >= 0xD800 && u <= 0xDFFF) {
      c = 0xFFFD;
    } else {
      c = static_cast<UChar32>(u);
    }
    append_utf8(out, c);
  }
  if (bytes.size() % 2 != 0) append_utf8(out, 0xFFFD);
  return out;
}

void escape_markup_into(std::string& out, std::string_view text) {
  for (char ch : text) {
    switch (ch) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      case '\t':
      case '\n':
      case '\r': out += ch; break;
      default:
        if (static_cast<unsigned char>(ch) >= 0x20) out += ch;
    }
  }
}

std::string escape_markup(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  escape_markup_into(out, text);
  return out;
}

}  // namespace chiso::text
