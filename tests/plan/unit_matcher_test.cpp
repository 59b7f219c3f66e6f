// Unit names as units type them, matched to the registered names.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "plan/binding.h"
#include "plan/shipped_plan.h"

namespace chiso {
namespace {

using testing::hai_phong;

// The 30 names exactly as the seed prints them, in its order.
const char* kSeedNames[] = {
    "Sở Kế hoạch và Đầu tư",       "Công an thành phố",      "Sở Du lịch",
    "Sở Công Thương",              "Sở Văn hóa và Thể thao", "Bảo hiểm xã hội thành phố",
    "Chi nhánh NHNN TP",           "Sở LĐ-TB&XH",            "Sở Thông tin và TT",
    "Sở Tư pháp",                  "Sở Giao thông vận tải",  "Sở Ngoại vụ",
    "Cục Thuế thành phố",          "BQL Khu kinh tế HP",     "Sở Khoa học và Công nghệ",
    "Sở Nông nghiệp và PTNT",      "Sở Tài Nguyên và Môi trường", "Sở Y tế",
    "Sở Tài chính",                "UBND huyện Kiến Thụy",   "UBND quận Dương Kinh",
    "UBND huyện Thủy Nguyên",      "UBND huyện Vĩnh Bảo",    "UBND quận Hồng Bàng",
    "UBND huyện An Dương",         "UBND huyện Tiên Lãng",   "UBND huyện An Lão",
    "UBND quận Hải An",            "UBND quận Kiến An",      "UBND huyện Cát Hải",
};

TEST(UnitMatcher, AllThirtySeedNames) {
  UnitMatcher units(hai_phong());
  for (int unit_idx = 0; unit_idx < 30; ++unit_idx) {
    EXPECT_EQ(units.match(kSeedNames[unit_idx]), unit_idx) << kSeedNames[unit_idx];
  }
}

// The matcher takes the keys the loader folded (Plan::unit_name_keys); a
// plan without them is folded by the matcher itself, to the same effect.
TEST(UnitMatcher, TheLoadersKeysAndItsOwnAgree) {
  const Plan& loaded = hai_phong();
  ASSERT_FALSE(loaded.unit_name_keys.empty());
  Plan without_keys = loaded;
  without_keys.unit_name_keys.clear();
  UnitMatcher with(loaded);
  UnitMatcher without(without_keys);
  for (const char* name : kSeedNames) {
    EXPECT_EQ(with.match(name), without.match(name)) << name;
    EXPECT_GE(with.match(name), 0) << name;
  }
  for (const UnitDef& unit : loaded.units) {
    for (const std::string& variant : unit.variants) {
      EXPECT_EQ(with.match(variant), loaded.unit_index(unit.name)) << variant;
      EXPECT_EQ(without.match(variant), loaded.unit_index(unit.name)) << variant;
    }
  }
}

// A plan whose units change after loading keeps the loader's keys, now
// stale: the matcher sees they were folded from other names and folds the
// names it is given. Nothing is cleared by hand.
TEST(UnitMatcher, AUnitRenamedAfterLoadingIsMatchedByItsNewName) {
  Plan renamed = hai_phong();
  ASSERT_FALSE(renamed.unit_name_keys.empty());
  const std::string old_name = renamed.units[0].name;
  renamed.units[0].name = "Sở Thử nghiệm";
  renamed.units[0].variants.clear();
  UnitMatcher units(renamed);
  EXPECT_EQ(units.match("Sở Thử nghiệm"), 0);
  EXPECT_EQ(units.match("SỞ THỬ NGHIỆM"), 0);
  EXPECT_NE(units.match(old_name), 0) << old_name;
}

TEST(UnitMatcher, NfdInput) {
  UnitMatcher units(hai_phong());
  // "Sở Y tế" in NFD: o + horn (U+031B) + hook above (U+0309), e + circumflex
  // (U+0302) + acute (U+0301).
  EXPECT_EQ(units.match("So\xCC\x9B\xCC\x89 Y te\xCC\x82\xCC\x81"), hai_phong().unit_index("Sở Y tế"));
}

TEST(UnitMatcher, ToneMarkPlacementCaseAndSpacing) {
  UnitMatcher units(hai_phong());
  const Plan& plan = hai_phong();
  EXPECT_EQ(units.match("Sở Văn hoá và Thể thao"), plan.unit_index("Sở Văn hóa và Thể thao"));
  EXPECT_EQ(units.match("UBND huyện Thuỷ Nguyên"), plan.unit_index("UBND huyện Thủy Nguyên"));
  EXPECT_EQ(units.match("UBND huyện Kiến Thuỵ"), plan.unit_index("UBND huyện Kiến Thụy"));
  EXPECT_EQ(units.match("Sở Tài Nguyên và Môi trường"), plan.unit_index("Sở Tài nguyên và Môi trường"));
  EXPECT_EQ(units.match("  sở  tư\u00A0PHÁP "), plan.unit_index("Sở Tư pháp"));
  // The note's "(*)" marker after a name is punctuation, not part of the name.
  EXPECT_EQ(units.match("Sở Y tế (*)"), plan.unit_index("Sở Y tế"));
}

TEST(UnitMatcher, FullFormsOfAbbreviations) {
  UnitMatcher units(hai_phong());
  const Plan& plan = hai_phong();
  EXPECT_EQ(units.match("Sở Lao động - Thương binh và Xã hội"), plan.unit_index("Sở LĐ-TB&XH"));
  EXPECT_EQ(units.match("Sở Lao động – Thương binh và Xã hội"), plan.unit_index("Sở LĐ-TB&XH"));
  EXPECT_EQ(units.match("Chi nhánh Ngân hàng Nhà nước thành phố"), plan.unit_index("Chi nhánh NHNN TP"));
  EXPECT_EQ(units.match("Sở Thông tin và Truyền thông"), plan.unit_index("Sở Thông tin và TT"));
  EXPECT_EQ(units.match("Ban Quản lý Khu kinh tế Hải Phòng"), plan.unit_index("BQL Khu kinh tế HP"));
  EXPECT_EQ(units.match("Sở Nông nghiệp và Phát triển nông thôn"), plan.unit_index("Sở Nông nghiệp và PTNT"));
}

TEST(UnitMatcher, ToneOfAWordStillMatters) {
  UnitMatcher units(hai_phong());
  EXPECT_EQ(units.match("Sở Tài chinh"), -1);
  EXPECT_EQ(units.match("So Tai chinh"), -1);
  EXPECT_EQ(units.match(""), -1);
  EXPECT_EQ(units.match("   "), -1);
}

TEST(UnitMatcher, UnknownNameGetsASuggestion) {
  UnitMatcher units(hai_phong());
  EXPECT_EQ(units.suggest("Sở Tài chinh"), "Sở Tài chính");
  EXPECT_EQ(units.suggest("So Tai chinh"), "Sở Tài chính");
  EXPECT_EQ(units.suggest("Sở Giao thông vận tả"), "Sở Giao thông vận tải");
  EXPECT_EQ(units.suggest("UBND quân Hai An"), "UBND quận Hải An");
  // A variant close by suggests its canonical name.
  EXPECT_EQ(units.suggest("Sở Thông tin và Truyền thôg"), "Sở Thông tin và TT");
}

// Abbreviations written out (Plan::unit_abbreviations, the defaults here):
// a suggestion, never a match.
TEST(UnitMatcher, AbbreviationsSuggestTheRegisteredName) {
  UnitMatcher units(hai_phong());
  EXPECT_EQ(units.match("Sở VH và TT"), -1);
  EXPECT_EQ(units.suggestions("Sở VH và TT"), std::vector<std::string>{"Sở Văn hóa và Thể thao"});
  EXPECT_EQ(units.match("Công an TP Hải Phòng"), -1);
  EXPECT_EQ(units.suggestions("Công an TP Hải Phòng"),
            std::vector<std::string>{"Công an thành phố"});
  EXPECT_EQ(units.suggest("Sở KH và ĐT"), "Sở Kế hoạch và Đầu tư");
  EXPECT_EQ(units.suggest("UBND huyện Cát Hai"), "UBND huyện Cát Hải");
}

// TT is thể thao, thông tin or truyền thông: when two units are as close,
// both are suggested, none picked.
TEST(UnitMatcher, AnAmbiguousAbbreviationSuggestsEveryReading) {
  Plan plan;
  plan.unit_abbreviations = {"TT = thể thao | thông tin"};
  for (const char* name : {"Sở Du lịch", "Sở Thể thao", "Sở Thông tin"}) {
    UnitDef unit;
    unit.name = name;
    plan.units.push_back(unit);
  }
  UnitMatcher units(plan);
  EXPECT_EQ(units.suggestions("Sở TT"), (std::vector<std::string>{"Sở Thể thao", "Sở Thông tin"}));
  // Without the abbreviation among the plan's, nothing is written out.
  plan.unit_abbreviations.clear();
  UnitMatcher plain(plan);
  EXPECT_EQ(plain.suggestions("Sở TT"), std::vector<std::string>{});
}

TEST(UnitMatcher, NothingCloseGivesNoSuggestion) {
  UnitMatcher units(hai_phong());
  EXPECT_EQ(units.suggest("Công ty TNHH Minh Phát"), "");
  EXPECT_EQ(units.suggest(""), "");
}

// match() answers a name written exactly as registered from a map, others by
// the folded key; both ways must agree, also in a hand-built plan where two
// units share a key (the first one's wins, as the key look-up gives).
TEST(UnitMatcher, ExactNamesAndFoldedNamesAgree) {
  Plan plan;
  UnitDef first;
  first.name = "Sở Y tế";
  first.variants = {"SYT"};
  UnitDef second;
  second.name = "SỞ Y TẾ";  // the same key as the first
  UnitDef third;
  third.name = "UBND huyện Thủy Nguyên";
  UnitDef empty;
  empty.name = "---";  // no key at all
  plan.units = {first, second, third, empty};
  UnitMatcher units(plan);
  EXPECT_EQ(units.match("Sở Y tế"), 0);
  EXPECT_EQ(units.match("SỞ Y TẾ"), 0);       // exact, but its key is the first unit's
  EXPECT_EQ(units.match("sở  y  tế"), 0);     // folded
  EXPECT_EQ(units.match("SYT"), 0);           // a variant, exact
  EXPECT_EQ(units.match("syt"), 0);
  EXPECT_EQ(units.match("UBND huyện Thủy Nguyên"), 2);
  EXPECT_EQ(units.match("UBND huyện Thuỷ Nguyên"), 2);  // old tone placement
  EXPECT_EQ(units.match("---"), -1);
  EXPECT_EQ(units.match(""), -1);
  EXPECT_EQ(units.match("Sở Tư pháp"), -1);
  // suggest() builds its loose keys on first use; a copy shares them.
  const UnitMatcher copy = units;
  EXPECT_EQ(copy.suggest("So Y te"), "Sở Y tế");
  EXPECT_EQ(units.suggest("UBND huyen Thuy Nguyen"), "UBND huyện Thủy Nguyên");
}

// match(name, previous) tries the unit after `previous` first: the same
// answers as match(name), whatever `previous` is.
TEST(UnitMatcher, TheNextUnitFirstGivesTheSameAnswers) {
  UnitMatcher units(hai_phong());
  // In the plan's order, each from the one before.
  int previous = -1;
  for (int unit_idx = 0; unit_idx < 30; ++unit_idx) {
    const std::string& name = hai_phong().units[static_cast<std::size_t>(unit_idx)].name;
    EXPECT_EQ(units.match(name, previous), unit_idx) << name;
    previous = unit_idx;
  }
  // Out of order, from a wrong or out-of-range unit, and names that are not
  // the registered ones (the old tone placement, none at all).
  for (int hint : {-1, 0, 5, 28, 29, 30, 1000}) {
    EXPECT_EQ(units.match("Sở Y tế", hint), units.match("Sở Y tế")) << hint;
    EXPECT_EQ(units.match("UBND huyện Thuỷ Nguyên", hint), units.match("UBND huyện Thủy Nguyên")) << hint;
    EXPECT_EQ(units.match("Sở Tư pháp nào đó", hint), -1) << hint;
  }
  // The next unit, written otherwise than registered: found by its key.
  const int y_te = units.match("Sở Y tế");
  ASSERT_GE(y_te, 1);
  EXPECT_EQ(units.match("sở  y  TẾ", y_te - 1), y_te);
  EXPECT_EQ(units.match("Sở Y tế", y_te - 1), y_te);
}

// A hand-built plan where a later unit's name has an earlier unit's key:
// the earlier unit keeps it, also when the later one is "next".
TEST(UnitMatcher, TheNextUnitFirstKeepsTheFirstOwnerOfAKey) {
  Plan plan;
  UnitDef first;
  first.name = "Sở Y tế";
  UnitDef second;
  second.name = "SỞ Y TẾ";  // the same key as the first
  UnitDef empty;
  empty.name = "---";  // no key at all
  UnitDef last;
  last.name = "Sở Tư pháp";
  plan.units = {first, second, empty, last};
  UnitMatcher units(plan);
  EXPECT_EQ(units.match("SỞ Y TẾ", 0), 0);
  EXPECT_EQ(units.match("Sở Y tế", -1), 0);
  EXPECT_EQ(units.match("---", 1), -1);
  EXPECT_EQ(units.match("Sở Tư pháp", 2), 3);
  EXPECT_EQ(units.match("", 2), -1);
}

}  // namespace
}  // namespace chiso
