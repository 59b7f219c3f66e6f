// Plan look-ups and where the shipped plan lives. Reading the file is in
// plan_loader.cpp.
#include <functional>
#include "plan/plan.h"

#include "common/digest.h"

#include <cstdlib>
#include <filesystem>
#include <system_error>

namespace chiso {

#ifndef CHISO_SOURCE_DIR
#define CHISO_SOURCE_DIR "."
#endif

namespace {

constexpr const char* kDefaultPlanFile = "hai-phong-197.toml";

// The directory of the running executable, "" when it cannot be found.
std::filesystem::path executable_dir() {
  std::error_code error;
  auto exe = std::filesystem::read_symlink("/proc/self/exe", error);
  if (error) return {};
  return exe.parent_path();
}

}  // namespace

// How appendix tables, yearbooks and chiso's own outputs name the row over
// every unit. "Cộng" alone is the column sum of a short table.
const std::vector<std::string> kDefaultTotalRowWordings = {
    "Tổng cộng", "Tổng số", "Tổng", "Cộng", "Toàn thành phố", "Toàn tỉnh", "Toàn quốc",
    "Cả nước", "Total", "Grand total", "City-wide", "Whole country"};
// A subtotal row names its section after these words: "Cộng khối sở".
const std::vector<std::string> kDefaultSubtotalRowWordings = {
    "Cộng khối", "Tổng khối", "Cộng nhóm", "Tổng nhóm", "Cộng phần", "Cộng mục", "Tiểu tổng",
    "Subtotal"};

// The words are what a units table's kind column may say (plan_units.cpp).
const std::vector<UnitKindDef> kDefaultUnitKinds = {
    {"department", "sở, ban, ngành", "departments", {"sở", "sở, ban, ngành"}},
    {"district", "quận, huyện", "districts", {"huyện", "quận, huyện", "UBND cấp huyện"}},
    {"agency", "cơ quan ngành dọc", "agencies", {"ngành dọc", "cơ quan ngành dọc"}},
};

const std::vector<std::string> kDefaultNotApplicableMarkers = {"không áp dụng", "N/A"};

// What unit names abbreviate in Vietnamese offices. TT, KH, ĐT, CN and NN
// stand for several words: suggestions try each.
const std::vector<std::string> kDefaultUnitAbbreviations = {
    "TP = thành phố",
    "UBND = Ủy ban nhân dân",
    "HĐND = Hội đồng nhân dân",
    "VH = văn hóa",
    "TT = thể thao | thông tin | truyền thông",
    "KH = kế hoạch | khoa học",
    "ĐT = đầu tư | đào tạo",
    "CN = công nghệ | công nghiệp",
    "NN = nông nghiệp | ngoại vụ",
    "PTNT = phát triển nông thôn",
    "GD = giáo dục",
    "LĐ = lao động",
    "TB = thương binh",
    "XH = xã hội",
    "TN = tài nguyên",
    "MT = môi trường",
    "GTVT = giao thông vận tải",
    "XD = xây dựng",
    "BHXH = bảo hiểm xã hội",
    "NHNN = ngân hàng nhà nước",
    "& = và",
};

std::optional<UnitAbbreviation> parse_unit_abbreviation(std::string_view entry) {
  auto trim = [](std::string_view text) {
    while (!text.empty() && text.front() == ' ') text.remove_prefix(1);
    while (!text.empty() && text.back() == ' ') text.remove_suffix(1);
    return text;
  };
  const std::size_t equals = entry.find(" = ");
  if (equals == std::string_view::npos) return std::nullopt;
  UnitAbbreviation abbreviation;
  abbreviation.short_form = std::string(trim(entry.substr(0, equals)));
  std::string_view rest = entry.substr(equals + 3);
  while (true) {
    const std::size_t bar = rest.find('|');
    const std::string_view one = trim(rest.substr(0, bar));
    if (one.empty()) return std::nullopt;
    abbreviation.expansions.emplace_back(one);
    if (bar == std::string_view::npos) break;
    rest = rest.substr(bar + 1);
  }
  if (abbreviation.short_form.empty()) return std::nullopt;
  return abbreviation;
}

int Plan::indicator_index(std::string_view code) const {
  for (size_t indicator_idx = 0; indicator_idx < indicators.size(); ++indicator_idx) {
    if (indicators[indicator_idx].code == code) return static_cast<int>(indicator_idx);
  }
  return -1;
}

int UnitNameIndex::find(const std::vector<UnitDef>& units, std::string_view name) const {
  // Below this many units a search costs less than the table.
  constexpr std::size_t searched_max = 32;
  auto search = [&] {
    for (size_t unit_idx = 0; unit_idx < units.size(); ++unit_idx) {
      if (units[unit_idx].name == name) return static_cast<int>(unit_idx);
    }
    return -1;
  };
  if (units.size() <= searched_max) return search();
  std::shared_ptr<const Table> table = table_.load();
  if (table) {
    auto found = table->find(name);
    if (found != table->end() && static_cast<std::size_t>(found->second) < units.size() &&
        units[static_cast<std::size_t>(found->second)].name == name)
      return found->second;
  }
  const int unit_idx = search();
  if (unit_idx < 0 && table) return -1;
  auto made = std::make_shared<Table>();
  made->reserve(units.size());
  for (size_t idx = 0; idx < units.size(); ++idx) made->emplace(units[idx].name, static_cast<int>(idx));
  table_.store(std::move(made));
  return unit_idx;
}

int Plan::unit_index(std::string_view canonical_name) const {
  return unit_names.find(units, canonical_name);
}

const Group* Plan::group(std::string_view id) const {
  for (const Group& candidate : groups) {
    if (candidate.id == id) return &candidate;
  }
  return nullptr;
}

std::string_view Plan::unit_kind_id(UnitKind kind) const {
  const auto kind_idx = static_cast<size_t>(kind);
  const std::vector<UnitKindDef>& kinds = unit_kinds.empty() ? kDefaultUnitKinds : unit_kinds;
  return kind_idx < kinds.size() ? std::string_view(kinds[kind_idx].id) : std::string_view();
}

std::optional<UnitKind> Plan::find_unit_kind(std::string_view id) const {
  const std::vector<UnitKindDef>& kinds = unit_kinds.empty() ? kDefaultUnitKinds : unit_kinds;
  for (size_t kind_idx = 0; kind_idx < kinds.size(); ++kind_idx) {
    if (kinds[kind_idx].id == id) return static_cast<UnitKind>(kind_idx);
  }
  return std::nullopt;
}

std::string indicator_codes_joined(const Plan& plan) {
  std::string joined;
  for (const Indicator& indicator : plan.indicators) {
    if (!joined.empty()) joined.push_back('\x1f');
    joined += indicator.code;
  }
  return joined;
}

std::vector<std::string> split_indicator_codes(std::string_view joined) {
  std::vector<std::string> codes;
  if (joined.empty()) return codes;
  std::size_t start = 0;
  for (;;) {
    std::size_t end = joined.find('\x1f', start);
    codes.emplace_back(joined.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start));
    if (end == std::string_view::npos) break;
    start = end + 1;
  }
  return codes;
}

std::string compute_store_sha256(const Plan& plan) {
  return digest::sha256_hex(plan.source_text + '\0' + indicator_codes_joined(plan));
}

std::uint64_t unit_names_hash(const std::vector<UnitDef>& units) {
  std::hash<std::string_view> hash;
  std::uint64_t out = units.size();
  auto mix = [&](std::string_view text) { out = (out ^ hash(text)) * 0x100000001b3ULL + text.size(); };
  for (const UnitDef& unit : units) {
    mix(unit.name);
    for (const std::string& variant : unit.variants) mix(variant);
    mix({});  // the end of a unit's names: ["a", "b"] | ["c"] differs from ["a"] | ["b", "c"]
  }
  return out;
}

std::string default_plan_path() {
  // 1. An explicit directory wins, even when the file is not there: the
  //    loader's "cannot open" error then names the path the user asked for.
  if (const char* dir = std::getenv("CHISO_PLAN_DIR"); dir != nullptr && *dir != '\0') {
    return (std::filesystem::path(dir) / kDefaultPlanFile).string();
  }
  // 2. An installed tree: <prefix>/bin/chiso → <prefix>/share/chiso/plans.
  std::error_code error;
  if (auto exe_dir = executable_dir(); !exe_dir.empty()) {
    auto installed = exe_dir / ".." / "share" / "chiso" / "plans" / kDefaultPlanFile;
    if (std::filesystem::is_regular_file(installed, error)) {
      return installed.lexically_normal().string();
    }
  }
  // 3. The source tree the program was built from.
  return (std::filesystem::path(CHISO_SOURCE_DIR) / "plans" / kDefaultPlanFile).string();
}

}  // namespace chiso
