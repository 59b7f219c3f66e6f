// Vietnamese text handling shared by every stage: NFC conversion, the folded
// keys used to match header wordings and unit names, and Vietnamese collation.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace chiso::text {

// Converts UTF-8 text to NFC. Invalid UTF-8 sequences become U+FFFD.
std::string to_nfc(std::string_view utf8);

namespace detail {
std::string_view trim_spaces(std::string_view utf8);
}  // namespace detail

// Trims ASCII white space, NBSP (U+00A0), and other Unicode spaces at both ends.
// Inline for the usual cell, which starts and ends with a printable ASCII
// character and has nothing to trim (called for every cell of every row).
inline std::string_view trim(std::string_view utf8) {
  auto plain = [](char c) {
    const auto byte = static_cast<unsigned char>(c);
    return byte > 0x20 && byte < 0x7F;
  };
  if (utf8.empty() || (plain(utf8.front()) && plain(utf8.back()))) return utf8;
  return detail::trim_spaces(utf8);
}

// The key two wordings are compared by. Equal keys mean "the same words":
// NFC/NFD, case, runs of white space (incl. NBSP), punctuation and the old/new
// tone-mark placement (`hòa`/`hoà`, `thủy`/`thuỷ`) do not matter; letters and
// their vowel marks (â ă ê ô ơ ư đ) and the tone of each word do.
std::string fold_key(std::string_view utf8);

// Like fold_key, but also drops every diacritic (and maps đ→d): for "did you
// mean" suggestions, never for matching.
std::string loose_key(std::string_view utf8);

// Levenshtein distance over code points (for suggestions).
int edit_distance(std::string_view a_utf8, std::string_view b_utf8);

// Vietnamese collation (ICU "vi"): negative, zero, positive like strcmp.
int compare_vi(std::string_view a_utf8, std::string_view b_utf8);

// True when the bytes are valid UTF-8.
bool valid_utf8(std::string_view bytes);

// Byte offset of the first invalid UTF-8 sequence, npos when the bytes are valid.
size_t invalid_utf8_offset(std::string_view bytes);

// True when the text is valid UTF-8 already in NFC (fast for ASCII).
bool is_nfc(std::string_view utf8);

// Folds runs of white space (incl. NBSP and other Unicode spaces) to one
// ASCII space, trims both ends, and converts to NFC: header text as shown.
std::string fold_spaces(std::string_view utf8);

// Decodes UTF-16 to UTF-8. A BOM (FE FF / FF FE) decides the byte order and
// is dropped; without one, `big_endian` does. Unpaired surrogates and an odd
// last byte become U+FFFD.
std::string utf16_to_utf8(std::string_view bytes, bool big_endian = false);

// Appends `text` to `out` as XML or HTML character data or attribute value:
// & < > " ' escaped, and the control characters XML 1.0 forbids (below
// U+0020 but tab, newline and carriage return) dropped, so a name with stray
// bytes never breaks the page or the document.
void escape_markup_into(std::string& out, std::string_view text);
std::string escape_markup(std::string_view text);

}  // namespace chiso::text
