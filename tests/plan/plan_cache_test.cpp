// The plan cache: an entry gives back the plan load_plan gives, field by
// field; a changed plan or units file, a damaged entry or a cache turned off
// all fall back to reading the plan.
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "plan/plan.h"
#include "plan/plan_cache.h"

namespace chiso {
namespace {

namespace fs = std::filesystem;

const std::string kFixtures = std::string(CHISO_SOURCE_DIR) + "/tests/plan/fixtures/";
const std::string kHaiPhong = std::string(CHISO_SOURCE_DIR) + "/plans/hai-phong-197.toml";

Plan load_or_die(const std::string& path) {
  Result<Plan> plan = load_plan(path);
  EXPECT_TRUE(plan.ok()) << (plan.ok() ? "" : plan.error().message);
  return plan.ok() ? std::move(plan).value() : Plan{};
}

// Every field, written out here on its own (not through the cache's code).
void expect_same_plan(const Plan& actual, const Plan& expected) {
  EXPECT_EQ(actual.source_text, expected.source_text);
  EXPECT_EQ(actual.id, expected.id);
  EXPECT_EQ(actual.name_vi, expected.name_vi);
  EXPECT_EQ(actual.name_en, expected.name_en);
  EXPECT_EQ(actual.appendix_vi, expected.appendix_vi);
  EXPECT_EQ(actual.title_vi, expected.title_vi);
  EXPECT_EQ(actual.title_en, expected.title_en);
  EXPECT_EQ(actual.notes_vi, expected.notes_vi);
  EXPECT_EQ(actual.notes_en, expected.notes_en);
  EXPECT_EQ(actual.row_number_headers, expected.row_number_headers);
  EXPECT_EQ(actual.unit_name_headers, expected.unit_name_headers);
  EXPECT_EQ(actual.period_headers, expected.period_headers);
  ASSERT_EQ(actual.groups.size(), expected.groups.size());
  for (size_t idx = 0; idx < expected.groups.size(); ++idx) {
    EXPECT_EQ(actual.groups[idx].id, expected.groups[idx].id);
    EXPECT_EQ(actual.groups[idx].label_vi, expected.groups[idx].label_vi);
    EXPECT_EQ(actual.groups[idx].label_en, expected.groups[idx].label_en);
  }
  ASSERT_EQ(actual.indicators.size(), expected.indicators.size());
  for (size_t idx = 0; idx < expected.indicators.size(); ++idx) {
    const Indicator& a = actual.indicators[idx];
    const Indicator& e = expected.indicators[idx];
    EXPECT_EQ(a.code, e.code);
    EXPECT_EQ(a.group, e.group);
    EXPECT_EQ(a.label_vi, e.label_vi);
    EXPECT_EQ(a.label_en, e.label_en);
    EXPECT_EQ(a.variants, e.variants);
    EXPECT_EQ(a.kind, e.kind);
    EXPECT_EQ(a.consolidation, e.consolidation);
    EXPECT_EQ(a.weight, e.weight);
    EXPECT_EQ(a.formula, e.formula);
    EXPECT_EQ(a.decimals, e.decimals);
    EXPECT_EQ(a.allowed, e.allowed);
    EXPECT_EQ(a.max, e.max);
    ASSERT_EQ(a.components.size(), e.components.size());
    for (size_t component_idx = 0; component_idx < e.components.size(); ++component_idx) {
      EXPECT_EQ(a.components[component_idx].indicator, e.components[component_idx].indicator);
      EXPECT_EQ(a.components[component_idx].weight, e.components[component_idx].weight);
    }
    EXPECT_EQ(a.rank_of, e.rank_of);
    EXPECT_EQ(a.rank_ascending, e.rank_ascending);
    EXPECT_EQ(a.applies_to, e.applies_to);
    EXPECT_EQ(a.not_applicable, e.not_applicable);
  }
  EXPECT_EQ(actual.not_applicable_markers, expected.not_applicable_markers);
  ASSERT_EQ(actual.rules.size(), expected.rules.size());
  for (size_t idx = 0; idx < expected.rules.size(); ++idx) {
    const Rule& a = actual.rules[idx];
    const Rule& e = expected.rules[idx];
    EXPECT_EQ(a.id, e.id);
    EXPECT_EQ(a.severity, e.severity);
    EXPECT_EQ(a.indicator, e.indicator);
    EXPECT_EQ(a.when, e.when);
    EXPECT_EQ(a.check, e.check);
    EXPECT_EQ(a.expected, e.expected);
    EXPECT_EQ(a.message_vi, e.message_vi);
    EXPECT_EQ(a.message_en, e.message_en);
    ASSERT_EQ(a.hints.size(), e.hints.size());
    for (size_t hint_idx = 0; hint_idx < e.hints.size(); ++hint_idx) {
      EXPECT_EQ(a.hints[hint_idx].when, e.hints[hint_idx].when);
      EXPECT_EQ(a.hints[hint_idx].message_vi, e.hints[hint_idx].message_vi);
      EXPECT_EQ(a.hints[hint_idx].message_en, e.hints[hint_idx].message_en);
    }
  }
  ASSERT_EQ(actual.units.size(), expected.units.size());
  for (size_t idx = 0; idx < expected.units.size(); ++idx) {
    EXPECT_EQ(actual.units[idx].name, expected.units[idx].name);
    EXPECT_EQ(actual.units[idx].short_name, expected.units[idx].short_name);
    EXPECT_EQ(actual.units[idx].variants, expected.units[idx].variants);
    EXPECT_EQ(actual.units[idx].kind, expected.units[idx].kind);
    EXPECT_EQ(actual.units[idx].group_idx, expected.units[idx].group_idx);
    EXPECT_EQ(actual.units[idx].parent_idx, expected.units[idx].parent_idx);
    EXPECT_EQ(actual.units[idx].validity_idx, expected.units[idx].validity_idx);
  }
  ASSERT_EQ(actual.unit_kinds.size(), expected.unit_kinds.size());
  for (size_t idx = 0; idx < expected.unit_kinds.size(); ++idx) {
    EXPECT_EQ(actual.unit_kinds[idx].id, expected.unit_kinds[idx].id);
    EXPECT_EQ(actual.unit_kinds[idx].label_vi, expected.unit_kinds[idx].label_vi);
    EXPECT_EQ(actual.unit_kinds[idx].label_en, expected.unit_kinds[idx].label_en);
    EXPECT_EQ(actual.unit_kinds[idx].words, expected.unit_kinds[idx].words);
  }
  ASSERT_EQ(actual.unit_groups.size(), expected.unit_groups.size());
  for (size_t idx = 0; idx < expected.unit_groups.size(); ++idx) {
    EXPECT_EQ(actual.unit_groups[idx].id, expected.unit_groups[idx].id);
    EXPECT_EQ(actual.unit_groups[idx].label_vi, expected.unit_groups[idx].label_vi);
    EXPECT_EQ(actual.unit_groups[idx].label_en, expected.unit_groups[idx].label_en);
  }
  ASSERT_EQ(actual.unit_validity.size(), expected.unit_validity.size());
  for (size_t idx = 0; idx < expected.unit_validity.size(); ++idx) {
    EXPECT_EQ(actual.unit_validity[idx].valid_from, expected.unit_validity[idx].valid_from);
    EXPECT_EQ(actual.unit_validity[idx].valid_to, expected.unit_validity[idx].valid_to);
    EXPECT_EQ(actual.unit_validity[idx].succession, expected.unit_validity[idx].succession);
    EXPECT_EQ(actual.unit_validity[idx].successors, expected.unit_validity[idx].successors);
    EXPECT_EQ(actual.unit_validity[idx].source, expected.unit_validity[idx].source);
    const std::vector<UnitName>& names = expected.unit_validity[idx].names;
    ASSERT_EQ(actual.unit_validity[idx].names.size(), names.size());
    for (size_t name_idx = 0; name_idx < names.size(); ++name_idx) {
      const UnitName& name = actual.unit_validity[idx].names[name_idx];
      EXPECT_EQ(name.name, names[name_idx].name);
      EXPECT_EQ(name.short_name, names[name_idx].short_name);
      EXPECT_EQ(name.valid_from, names[name_idx].valid_from);
      EXPECT_EQ(name.valid_to, names[name_idx].valid_to);
      EXPECT_EQ(name.source, names[name_idx].source);
    }
  }
  EXPECT_EQ(actual.unit_name_keys, expected.unit_name_keys);
  ASSERT_EQ(actual.year_tables.size(), expected.year_tables.size());
  for (size_t idx = 0; idx < expected.year_tables.size(); ++idx) {
    EXPECT_EQ(actual.year_tables[idx].indicator, expected.year_tables[idx].indicator);
    EXPECT_EQ(actual.year_tables[idx].titles, expected.year_tables[idx].titles);
  }
  ASSERT_EQ(actual.targets.size(), expected.targets.size());
  for (size_t idx = 0; idx < expected.targets.size(); ++idx) {
    EXPECT_EQ(actual.targets[idx].indicator, expected.targets[idx].indicator);
    EXPECT_EQ(actual.targets[idx].op, expected.targets[idx].op);
    EXPECT_EQ(actual.targets[idx].bound, expected.targets[idx].bound);
    EXPECT_EQ(actual.targets[idx].unit_kind, expected.targets[idx].unit_kind);
    EXPECT_EQ(actual.targets[idx].source, expected.targets[idx].source);
  }
  EXPECT_EQ(actual.unit_name_keys_hash, expected.unit_name_keys_hash);
  EXPECT_EQ(compute_store_sha256(actual), compute_store_sha256(expected));
  EXPECT_EQ(actual.units_file_path, expected.units_file_path);
}

TEST(PlanCacheEncoding, EveryFieldRoundTrips) {
  Plan plan = load_or_die(kHaiPhong);
  ASSERT_GT(plan.rules.size(), 5u);
  // Fields the shipped plan leaves empty, so that they are carried too.
  plan.targets.push_back(Target{"online_full_pct", ">=", 80.5, "district", "KH 197, mục II"});
  plan.units[0].variants.push_back("Sở KH&ĐT");
  plan.units_file_path = "units.tsv";
  ASSERT_GT(plan.unit_validity.size(), 10u);  // the 2025 reorganisation
  Plan decoded;
  ASSERT_TRUE(detail::decode_plan(detail::encode_plan(plan), decoded));
  expect_same_plan(decoded, plan);
}

TEST(PlanCacheEncoding, TheKindsOfScoredTablesRoundTrip) {
  Plan plan = load_or_die(std::string(CHISO_SOURCE_DIR) + "/tests/check/fixtures/kinds-plan.toml");
  ASSERT_EQ(plan.indicators.size(), 7u);
  plan.indicators[5].rank_ascending = true;  // the fixture ranks highest first
  ASSERT_EQ(plan.unit_groups.size(), 2u);
  plan.units[4].parent_idx = 2;  // fields the fixture leaves at their defaults
  plan.unit_kinds = {UnitKindDef{"so", "sở", "departments", {"sở, ban, ngành"}},
                     UnitKindDef{"huyen", "huyện", "", {}}};
  Plan decoded;
  ASSERT_TRUE(detail::decode_plan(detail::encode_plan(plan), decoded));
  expect_same_plan(decoded, plan);
}

TEST(PlanCacheEncoding, AnIndexPastItsListIsRefused) {
  Plan plan = load_or_die(std::string(CHISO_SOURCE_DIR) + "/tests/check/fixtures/kinds-plan.toml");
  plan.units[0].group_idx = 7;  // the fixture has two groups
  Plan decoded;
  EXPECT_FALSE(detail::decode_plan(detail::encode_plan(plan), decoded));
  plan.units[0].group_idx = 0;
  plan.units[0].kind = static_cast<UnitKind>(3);  // three default kinds
  EXPECT_FALSE(detail::decode_plan(detail::encode_plan(plan), decoded));
}

TEST(PlanCacheEncoding, DamagedBytesAreRefusedNeverTrusted) {
  const Plan plan = load_or_die(kHaiPhong);
  const std::string bytes = detail::encode_plan(plan);
  // Cut short anywhere: refused.
  for (size_t size = 0; size < bytes.size(); size += 1 + size / 64) {
    Plan decoded;
    EXPECT_FALSE(detail::decode_plan(std::string_view(bytes).substr(0, size), decoded)) << size;
  }
  // One byte more: refused (the entry must be read whole).
  Plan longer;
  EXPECT_FALSE(detail::decode_plan(bytes + "x", longer));
  // A huge count or length written at many places: neither a crash nor a
  // giant allocation (counts are checked against the bytes left).
  for (size_t at = 0; at + 4 <= bytes.size(); at += 61) {
    std::string damaged = bytes;
    damaged.replace(at, 4, "\xFF\xFF\xFF\x7F", 4);
    Plan decoded;
    (void)detail::decode_plan(damaged, decoded);  // must not crash or hang
  }
}

// A scratch folder with a copy of the units-file fixture plan, and the
// cache pointed into it for the test's duration.
class PlanCacheFiles : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("chiso-plan-cache-" + std::to_string(::getpid()));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    fs::copy_file(kFixtures + "units-file-plan.toml", dir_ / "plan.toml");
    fs::copy_file(kFixtures + "units-small.tsv", dir_ / "units-small.tsv");
    const char* old = std::getenv("CHISO_CACHE_DIR");
    old_cache_dir_ = old != nullptr ? std::optional<std::string>(old) : std::nullopt;
    setenv("CHISO_CACHE_DIR", cache_dir().c_str(), 1);
  }
  void TearDown() override {
    if (old_cache_dir_) {
      setenv("CHISO_CACHE_DIR", old_cache_dir_->c_str(), 1);
    } else {
      unsetenv("CHISO_CACHE_DIR");
    }
    fs::remove_all(dir_);
  }
  std::string plan_path() const { return (dir_ / "plan.toml").string(); }
  std::string units_path() const { return (dir_ / "units-small.tsv").string(); }
  std::string cache_dir() const { return (dir_ / "cache").string(); }
  int entries() const {
    if (!fs::exists(cache_dir())) return 0;
    int count = 0;
    for (const auto& entry : fs::directory_iterator(cache_dir())) count += entry.path().extension() == ".plan";
    return count;
  }
  // The entry file's inode: an entry is replaced by a rename, so a new
  // inode means it was written again, the same one that it was used as is.
  ino_t entry_inode() const {
    struct stat st {};
    const fs::path entry = fs::directory_iterator(cache_dir())->path();
    EXPECT_EQ(::stat(entry.c_str(), &st), 0);
    return st.st_ino;
  }
  static std::string read(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream bytes;
    bytes << in.rdbuf();
    return bytes.str();
  }
  static void write(const std::string& path, const std::string& text) {
    std::ofstream(path, std::ios::binary | std::ios::trunc) << text;
  }
  Plan cached_or_die() {
    Result<Plan> plan = load_plan_cached(plan_path());
    EXPECT_TRUE(plan.ok()) << (plan.ok() ? "" : plan.error().message);
    return plan.ok() ? std::move(plan).value() : Plan{};
  }

  fs::path dir_;
  std::optional<std::string> old_cache_dir_;
};

TEST_F(PlanCacheFiles, SecondLoadComesFromTheEntryAndIsTheSamePlan) {
  EXPECT_EQ(plan_cache_dir(), cache_dir());
  const Plan first = cached_or_die();
  EXPECT_EQ(entries(), 1);
  // The entry gives the plan as loaded, with the unit names the loader
  // folded and the hash of the names they were folded from.
  Plan loaded = load_or_die(plan_path());
  EXPECT_FALSE(first.unit_name_keys.empty());
  EXPECT_EQ(first.unit_name_keys_hash, unit_names_hash(first.units));
  expect_same_plan(first, loaded);
  // The second load uses the entry as it is (not written again) and gives
  // the same plan.
  const ino_t written = entry_inode();
  const Plan second = cached_or_die();
  EXPECT_EQ(entries(), 1);
  EXPECT_EQ(entry_inode(), written);
  expect_same_plan(second, first);
  EXPECT_EQ(second.units.size(), 4u);  // the four rows of units-small.tsv
}

TEST_F(PlanCacheFiles, AChangedPlanFileIsReadAgain) {
  const Plan before = cached_or_die();
  std::string text = read(plan_path());
  const std::string old_title = before.title_vi;
  ASSERT_FALSE(old_title.empty());
  const size_t at = text.find(old_title);
  ASSERT_NE(at, std::string::npos);
  text.replace(at, old_title.size(), "BẢNG MỚI");
  write(plan_path(), text);
  const ino_t old_entry = entry_inode();
  EXPECT_EQ(cached_or_die().title_vi, "BẢNG MỚI");
  EXPECT_NE(entry_inode(), old_entry);  // made again for the new text
  EXPECT_EQ(cached_or_die().title_vi, "BẢNG MỚI");  // and from the new entry
}

TEST_F(PlanCacheFiles, AChangedUnitsFileIsReadAgain) {
  const Plan before = cached_or_die();
  ASSERT_EQ(before.units.size(), 4u);
  std::string units = read(units_path());
  if (units.back() != '\n') units += '\n';
  write(units_path(), units + "5\tSở Mới\tMới\tsở\t\n");
  const Plan after = cached_or_die();
  ASSERT_EQ(after.units.size(), 5u);
  EXPECT_EQ(after.units[4].name, "Sở Mới");
  EXPECT_EQ(after.units[4].short_name, "Mới");
}

TEST_F(PlanCacheFiles, ADamagedEntryIsIgnoredAndMadeAgain) {
  const Plan first = cached_or_die();
  ASSERT_EQ(entries(), 1);
  const fs::path entry = fs::directory_iterator(cache_dir())->path();
  std::string bytes = read(entry.string());
  write(entry.string(), bytes.substr(0, bytes.size() / 2));
  const ino_t damaged = entry_inode();
  expect_same_plan(cached_or_die(), first);
  EXPECT_EQ(read(entry.string()), bytes);  // written whole again
  EXPECT_NE(entry_inode(), damaged);
}

TEST_F(PlanCacheFiles, OffMeansNoEntryAndTheSamePlan) {
  setenv("CHISO_CACHE_DIR", "off", 1);
  EXPECT_EQ(plan_cache_dir(), "");
  expect_same_plan(cached_or_die(), load_or_die(plan_path()));
  EXPECT_FALSE(fs::exists(cache_dir()));
}

TEST_F(PlanCacheFiles, APlanThatDoesNotLoadGivesTheLoadersErrorAndNoEntry) {
  write(plan_path(), read(plan_path()) + "\nunknown_key = 1\n");
  Result<Plan> cached = load_plan_cached(plan_path());
  Result<Plan> direct = load_plan(plan_path());
  ASSERT_FALSE(cached.ok());
  ASSERT_FALSE(direct.ok());
  EXPECT_EQ(cached.error().message, direct.error().message);
  EXPECT_EQ(entries(), 0);
  Result<Plan> missing = load_plan_cached((dir_ / "no-such-plan.toml").string());
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().message, load_plan((dir_ / "no-such-plan.toml").string()).error().message);
}

}  // namespace
}  // namespace chiso
