// Tests of common/text: NFC, trimming, folded keys, collation, UTF-8/16.
#include "common/text.h"

#include <gtest/gtest.h>

#include <string>

namespace chiso::text {
namespace {

// Built by hand from code points so that the test does not depend on the
// editor's normalization: o + U+0300 (grave) etc.
const std::string kGrave = "\xCC\x80";     // U+0300
const std::string kAcute = "\xCC\x81";     // U+0301
const std::string kHook = "\xCC\x89";      // U+0309
const std::string kDotBelow = "\xCC\xA3";  // U+0323
const std::string kCircumflex = "\xCC\x82";  // U+0302
const std::string kNbsp = "\xC2\xA0";

TEST(ToNfc, ComposesHandBuiltNfd) {
  // "Hòa" in NFD: H o U+0300 a → NFC "H" U+00F2 "a".
  EXPECT_EQ(to_nfc("Ho" + kGrave + "a"), "H\xC3\xB2" "a");
  // "ộ" = o + U+0323 + U+0302 → U+1ED9 (E1 BB 99).
  EXPECT_EQ(to_nfc("o" + kDotBelow + kCircumflex), "\xE1\xBB\x99");
  // Same marks in the other order are canonically equivalent.
  EXPECT_EQ(to_nfc("o" + kCircumflex + kDotBelow), "\xE1\xBB\x99");
  EXPECT_EQ(to_nfc("Sở Y tế"), "Sở Y tế");
  EXPECT_EQ(to_nfc("plain ascii"), "plain ascii");
}

TEST(ToNfc, InvalidUtf8BecomesReplacementCharacter) {
  EXPECT_EQ(to_nfc("a\xFF" "b"), "a\xEF\xBF\xBD" "b");
}

TEST(IsNfc, TellsNfdFromNfc) {
  EXPECT_TRUE(is_nfc("Hòa"));
  EXPECT_FALSE(is_nfc("Ho" + kGrave + "a"));
  EXPECT_TRUE(is_nfc("123"));
}

// is_nfc and to_nfc take a fast path for ASCII (8 bytes at a time) and
// precomposed letters; combining marks, code points past U+1FFF and invalid
// UTF-8 go to ICU. Each case at every offset, so that the mark or letter
// falls at each place of an 8-byte word.
TEST(IsNfc, FastPathAndIcuAgreeAtEveryOffset) {
  const std::string precomposed = "Sở Kế hoạch và Đầu tư thành phố Hà Nội";  // NFC
  const std::string nfd_o_grave = "o" + kGrave;                          // NFD of ò
  const std::string precomposed_then_mark = "\xE1\xBB\x9F" + kDotBelow;  // ở + U+0323: not NFC
  const std::string beyond_table = "\xE2\x80\x94";                        // U+2014, NFC (ICU)
  const std::string nfd_beyond = "\xE2\x84\xAB";                           // U+212B (angstrom sign): not NFC
  for (size_t pad = 0; pad < 10; ++pad) {
    const std::string before(pad, 'a');
    const std::string after = "\t12\t3,5\t" + std::string(pad, 'z');
    EXPECT_TRUE(is_nfc(before + precomposed + after)) << pad;
    EXPECT_EQ(to_nfc(before + precomposed + after), before + precomposed + after);
    EXPECT_FALSE(is_nfc(before + nfd_o_grave + after)) << pad;
    EXPECT_EQ(to_nfc(before + nfd_o_grave + after), before + "\xC3\xB2" + after);
    EXPECT_FALSE(is_nfc(before + precomposed_then_mark + after)) << pad;
    // ở + dot below → ợ + hook above (U+1EE3 U+0309).
    EXPECT_EQ(to_nfc(before + precomposed_then_mark + after),
              before + "\xE1\xBB\xA3" + kHook + after);
    EXPECT_TRUE(is_nfc(before + beyond_table + after)) << pad;
    EXPECT_FALSE(is_nfc(before + nfd_beyond + after)) << pad;
    EXPECT_EQ(to_nfc(before + nfd_beyond + after), before + "\xC3\x85" + after);
    EXPECT_FALSE(is_nfc(before + "\xC3" + after)) << pad;         // truncated sequence
    EXPECT_FALSE(is_nfc(before + "\xED\xA0\x80" + after)) << pad;  // a surrogate
    EXPECT_FALSE(is_nfc(before + "\xC0\xAF" + after)) << pad;      // overlong '/'
  }
  EXPECT_TRUE(is_nfc(""));
}

TEST(Trim, AsciiAndUnicodeSpaces) {
  EXPECT_EQ(trim("  x \t\r\n"), "x");
  EXPECT_EQ(trim(kNbsp + "74,05" + kNbsp), "74,05");
  EXPECT_EQ(trim("\xE2\x80\xAF" "5\xE2\x80\x87"), "5");      // U+202F, U+2007
  EXPECT_EQ(trim("\xE3\x80\x80" "a b\xEF\xBB\xBF"), "a b");  // U+3000, U+FEFF
  EXPECT_EQ(trim("\xE2\x80\x8B" "z"), "z");                  // zero-width space
  EXPECT_EQ(trim(kNbsp + kNbsp), "");
  EXPECT_EQ(trim(""), "");
  // A letter whose UTF-8 ends in A0 is not a space: "Ơ" is C6 A0.
  EXPECT_EQ(trim("\xC6\xA0"), "\xC6\xA0");
  // "ờ" is E1 BB 9D; must stay.
  EXPECT_EQ(trim("\xE1\xBB\x9D"), "\xE1\xBB\x9D");
}

TEST(FoldKey, NfcNfdCaseSpacesPunctuation) {
  EXPECT_EQ(fold_key("Tên đơn vị"), fold_key("  TÊN" + kNbsp + "ĐƠN   vị "));
  EXPECT_EQ(fold_key("Te" + kCircumflex + "n đơn vi" + kDotBelow), fold_key("Tên đơn vị"));
  EXPECT_EQ(fold_key("Thu phí, lệ phí (%)"), fold_key("thu phí lệ phí"));
  EXPECT_EQ(fold_key("\"Kết nối thủ tục\""), fold_key("Kết nối thủ tục"));
}

TEST(FoldKey, OldAndNewTonePlacementAreEqual) {
  EXPECT_EQ(fold_key("hòa"), fold_key("hoà"));
  EXPECT_EQ(fold_key("Ho" + kGrave + "a"), fold_key("Hoa" + kGrave));
  EXPECT_EQ(fold_key("thủy"), fold_key("thuỷ"));
  EXPECT_EQ(fold_key("thu" + kHook + "y"), fold_key("thuy" + kHook));
  EXPECT_EQ(fold_key("UBND huyện Thủy Nguyên"), fold_key("UBND huyện Thuỷ Nguyên"));
  EXPECT_EQ(fold_key("Sở Văn hóa và Thể thao"), fold_key("Sở Văn hoá và Thể thao"));
  EXPECT_EQ(fold_key("khỏe"), fold_key("khoẻ"));
}

TEST(FoldKey, ToneAndVowelMarksStillMatter) {
  EXPECT_NE(fold_key("hoa"), fold_key("hòa"));
  EXPECT_NE(fold_key("hòa"), fold_key("hóa"));
  EXPECT_NE(fold_key("An"), fold_key("Ân"));
  EXPECT_NE(fold_key("Dương"), fold_key("Đương"));
  EXPECT_NE(fold_key("Hải An"), fold_key("Hai An"));
  EXPECT_NE(fold_key("tu"), fold_key("tư"));
  // The tone belongs to its word, not to the phrase.
  EXPECT_NE(fold_key("Kiến An"), fold_key("Kiên Án"));
  EXPECT_NE(fold_key("ab"), fold_key("a b"));
}

TEST(FoldKey, SpellsOutLowerCaseNfdWithEachWordsToneAtItsEnd) {
  // "HOÀ  Bình": h o a, then the grave (U+0300) of the word; b i n h, then its grave.
  EXPECT_EQ(fold_key("HOÀ  Bình"), "hoa\xCC\x80 binh\xCC\x80");
  // Vowel marks stay where they are: ư is u + horn (U+031B).
  EXPECT_EQ(fold_key("Tư"), "tu\xCC\x9B");
}

TEST(FoldKey, TheSameKeyWhateverTheTextsLengthOrCharacters) {
  // Past 256 bytes the key is built on the heap instead of the stack.
  const std::string words = "Ủy ban Nhân dân quận Hồng Bàng";
  std::string long_text;
  std::string expected;
  for (int i = 0; i < 40; ++i) {
    long_text += words;
    long_text += ", ";
    if (i > 0) expected += ' ';
    expected += fold_key(words);
  }
  ASSERT_GT(long_text.size(), 256u);
  EXPECT_EQ(fold_key(long_text), expected);
  // A character outside the table of common ones (the em dash, U+2014)
  // sends the whole text through ICU: the same words, the same key.
  EXPECT_EQ(fold_key("Hòa \xE2\x80\x94 Bình"), fold_key("Hòa Bình"));
  EXPECT_EQ(loose_key("Đồ \xE2\x80\x94 Sơn"), "do son");
}

TEST(LooseKey, DropsEveryMark) {
  EXPECT_EQ(loose_key("Đồ Sơn"), "do son");
  EXPECT_EQ(loose_key("UBND quận Hải An"), loose_key("ubnd quan hai an"));
  EXPECT_EQ(loose_key("Thu" + kHook + "y"), "thuy");
}

TEST(EditDistance, CountsCodePoints) {
  EXPECT_EQ(edit_distance("", ""), 0);
  EXPECT_EQ(edit_distance("abc", ""), 3);
  EXPECT_EQ(edit_distance("kitten", "sitting"), 3);
  // One Vietnamese letter is one code point, not 2–3 bytes.
  EXPECT_EQ(edit_distance("Sở Y tế", "Sở Y te"), 1);
  EXPECT_EQ(edit_distance("Hải An", "Hải Ân"), 1);
}

TEST(CompareVi, VietnameseAlphabetOrder) {
  EXPECT_LT(compare_vi("An", "Ân"), 0);
  EXPECT_LT(compare_vi("Ăn", "Ân"), 0);     // a < ă < â
  EXPECT_LT(compare_vi("An", "Ăn"), 0);
  EXPECT_LT(compare_vi("Dương", "Đồ Sơn"), 0);  // D < Đ
  EXPECT_LT(compare_vi("Đồ Sơn", "Em"), 0);     // Đ < E
  EXPECT_LT(compare_vi("Uông Bí", "Ưng"), 0);   // U < Ư
  EXPECT_LT(compare_vi("Ưng", "Vinh"), 0);
  EXPECT_EQ(compare_vi("Hòa", "Ho" + kGrave + "a"), 0);  // NFC == NFD
  EXPECT_GT(compare_vi("Tiên Lãng", "An Lão"), 0);
}

TEST(Utf8, Validity) {
  EXPECT_TRUE(valid_utf8("Sở Y tế"));
  EXPECT_TRUE(valid_utf8(""));
  EXPECT_FALSE(valid_utf8("\xC0\xAF"));          // overlong
  EXPECT_FALSE(valid_utf8("\xED\xA0\x80"));      // surrogate
  EXPECT_FALSE(valid_utf8("\xF4\x90\x80\x80"));  // past U+10FFFF
  EXPECT_FALSE(valid_utf8("ab\xE1\xBB"));        // truncated
  EXPECT_EQ(invalid_utf8_offset("abcdefghij\xFFxyz"), 10u);
  EXPECT_EQ(invalid_utf8_offset("Sở\x80"), 4u);
  EXPECT_EQ(invalid_utf8_offset("ok"), std::string_view::npos);
}

TEST(Utf16, BothByteOrdersAndSurrogates) {
  // "Sở" = U+0053 U+1EDF; with BOMs.
  const std::string le("\xFF\xFE\x53\x00\xDF\x1E", 6);
  const std::string be("\xFE\xFF\x00\x53\x1E\xDF", 6);
  EXPECT_EQ(utf16_to_utf8(le, false), "Sở");
  EXPECT_EQ(utf16_to_utf8(be, false), "Sở");  // the BOM wins
  EXPECT_EQ(utf16_to_utf8(std::string("\x00\x41", 2), true), "A");
  // U+1F600 as a surrogate pair (LE): D83D DE00.
  EXPECT_EQ(utf16_to_utf8(std::string("\x3D\xD8\x00\xDE", 4), false), "\xF0\x9F\x98\x80");
  // A lone high surrogate becomes U+FFFD.
  EXPECT_EQ(utf16_to_utf8(std::string("\x3D\xD8\x41\x00", 4), false), "\xEF\xBF\xBD" "A");
}

TEST(FoldSpaces, HeaderText) {
  EXPECT_EQ(fold_spaces("  Số lượng\n phòng" + kNbsp + " họp "), "Số lượng phòng họp");
  EXPECT_EQ(fold_spaces("Te" + kCircumflex + "n"), "Tên");
}

// What a unit name from a received table may hold, written into an HTML page
// or an SVG/XML document: markup escaped, forbidden control bytes dropped,
// Vietnamese letters and line breaks kept.
TEST(EscapeMarkup, NamesFromFilesCannotBreakThePage) {
  EXPECT_EQ(escape_markup("Sở Kế hoạch & Đầu tư"), "Sở Kế hoạch &amp; Đầu tư");
  EXPECT_EQ(escape_markup("<script>alert('x')</script>"),
            "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;");
  EXPECT_EQ(escape_markup("title=\"a\""), "title=&quot;a&quot;");
  EXPECT_EQ(escape_markup(std::string("A\x01" "B\x1f" "\tC\nD\rE", 10)), "AB\tC\nD\rE");
  std::string appended = "x";
  escape_markup_into(appended, "1 < 2");
  EXPECT_EQ(appended, "x1 &lt; 2");
}

}  // namespace
}  // namespace chiso::text
