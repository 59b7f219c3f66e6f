// The plan cache: entries, their checks, and the Plan in bytes.
#include "plan/plan_cache.h"

#include <elf.h>
#include <link.h>
#include <sodium.h>
#include <unistd.h>

#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <optional>
#include <string_view>
#include <type_traits>

#include "common/digest.h"
#include "common/limits.h"
#include "ingest/document.h"

namespace chiso {
namespace {

// Bump when the layout below changes. (The build id changes with any
// rebuild anyway; this guards builds that happen to share one.)
// 11: the appendix's attached_to and issuer; 10: year tables; 9: a unit's
// names of other spans.
constexpr std::uint32_t kFormatVersion = 11;
constexpr std::string_view kMagic = "chiso plan cache\n";

// The fields are written one by one below: a field added to these structs
// must be added there too. These fail to compile when one is.
static_assert(sizeof(Group) == 3 * sizeof(std::string));
static_assert(sizeof(Indicator) == 7 * sizeof(std::string) + 4 * sizeof(std::vector<std::string>) +
                                       sizeof(std::vector<Indicator::Component>) + 16 +
                                       sizeof(double) + 8);
static_assert(sizeof(RuleHint) == 3 * sizeof(std::string));
static_assert(sizeof(Rule) == 7 * sizeof(std::string) + sizeof(std::vector<RuleHint>) + 8);
static_assert(sizeof(UnitDef) == 2 * sizeof(std::string) + sizeof(std::vector<std::string>) + 16);
static_assert(sizeof(UnitKindDef) == 3 * sizeof(std::string) + sizeof(std::vector<std::string>));
static_assert(sizeof(UnitGroup) == 3 * sizeof(std::string));
static_assert(sizeof(UnitName) == 5 * sizeof(std::string));
static_assert(sizeof(UnitValidity) ==
              3 * sizeof(std::string) + sizeof(std::vector<std::string>) + 8 + sizeof(std::vector<UnitName>));
static_assert(sizeof(YearTable) == sizeof(std::string) + sizeof(std::vector<std::string>));
static_assert(sizeof(Target) == 4 * sizeof(std::string) + sizeof(double));
static_assert(sizeof(Plan) ==
              14 * sizeof(std::string) + 9 * sizeof(std::vector<std::string>) +
                  sizeof(std::vector<Group>) + sizeof(std::vector<Indicator>) +
                  sizeof(std::vector<Rule>) + sizeof(std::vector<UnitDef>) +
                  sizeof(std::vector<UnitKindDef>) + sizeof(std::vector<UnitGroup>) +
                  sizeof(std::vector<UnitValidity>) + sizeof(std::vector<std::string>) +
                  sizeof(std::uint64_t) + sizeof(std::vector<Target>) +
                  sizeof(std::vector<YearTable>) + sizeof(double) + sizeof(std::string) +
                  sizeof(UnitNameIndex));  // made from the units when looked up: not written

class Writer {
 public:
  void u32(std::uint32_t value) { raw(&value, sizeof value); }
  void u64(std::uint64_t value) { raw(&value, sizeof value); }
  void f64(double value) { raw(&value, sizeof value); }
  void text(std::string_view value) {
    u32(static_cast<std::uint32_t>(value.size()));
    out_.append(value);
  }
  void texts(const std::vector<std::string>& values) {
    u32(static_cast<std::uint32_t>(values.size()));
    for (const std::string& value : values) text(value);
  }
  template <class T, class Each>
  void list(const std::vector<T>& items, Each each) {
    u32(static_cast<std::uint32_t>(items.size()));
    for (const T& item : items) each(item);
  }
  std::string take() { return std::move(out_); }

 private:
  void raw(const void* bytes, std::size_t size) { out_.append(static_cast<const char*>(bytes), size); }
  std::string out_;
};

// Reads what Writer wrote; any read past the end, or a count that cannot
// fit in what is left, sets failed() and gives zeros and empty texts.
class Reader {
 public:
  explicit Reader(std::string_view in) : in_(in) {}
  bool failed() const { return failed_; }
  bool at_end() const { return at_ == in_.size(); }

  std::uint32_t u32() { return scalar<std::uint32_t>(); }
  std::uint64_t u64() { return scalar<std::uint64_t>(); }
  double f64() { return scalar<double>(); }
  std::string_view view() {
    const std::uint32_t size = u32();
    if (failed_ || size > in_.size() - at_) return fail(), std::string_view();
    std::string_view value = in_.substr(at_, size);
    at_ += size;
    return value;
  }
  std::string text() { return std::string(view()); }
  void texts(std::vector<std::string>& values) {
    const std::uint32_t count = counted(4);
    values.reserve(count);
    for (std::uint32_t idx = 0; idx < count && !failed_; ++idx) values.push_back(text());
  }
  // A count of items of at least `item_bytes` each.
  std::uint32_t counted(std::size_t item_bytes) {
    const std::uint32_t count = u32();
    if (failed_ || count > (in_.size() - at_) / item_bytes) return fail(), 0;
    return count;
  }
  // An enum's value, checked to be at most `last`.
  template <class E>
  E choice(E last) {
    const std::uint32_t value = u32();
    if (value > static_cast<std::uint32_t>(last)) fail();
    return failed_ ? E{} : static_cast<E>(value);
  }

 private:
  template <class T>
  T scalar() {
    T value{};
    if (failed_ || sizeof(T) > in_.size() - at_) return fail(), value;
    std::memcpy(&value, in_.data() + at_, sizeof(T));
    at_ += sizeof(T);
    return value;
  }
  void fail() { failed_ = true; }

  std::string_view in_;
  std::size_t at_ = 0;
  bool failed_ = false;
};

// SHA-256 (digest.h: the CPU's SHA instructions; the units table of 10,000
// units is hashed on every run). Not BLAKE2b by libsodium: its sodium_init()
// asks the CPU for its features with CPUID instructions, each a trap to the
// hypervisor on a virtual machine, a visible share of a seed import.
std::string content_hash(std::string_view bytes) { return digest::sha256(bytes); }

// The GNU build id of the running program (the first object
// dl_iterate_phdr reports), "" when it has none: then nothing is cached.
const std::string& build_id() {
  static const std::string id = [] {
    std::string found;
    dl_iterate_phdr(
        [](dl_phdr_info* info, std::size_t, void* data) -> int {
          auto& out = *static_cast<std::string*>(data);
          for (int idx = 0; idx < info->dlpi_phnum; ++idx) {
            const ElfW(Phdr)& header = info->dlpi_phdr[idx];
            if (header.p_type != PT_NOTE) continue;
            const char* note = reinterpret_cast<const char*>(info->dlpi_addr + header.p_vaddr);
            std::size_t left = header.p_memsz;
            while (left >= sizeof(ElfW(Nhdr))) {
              const auto* nhdr = reinterpret_cast<const ElfW(Nhdr)*>(note);
              const std::size_t name_size = (nhdr->n_namesz + 3) & ~std::size_t{3};
              const std::size_t desc_size = (nhdr->n_descsz + 3) & ~std::size_t{3};
              const std::size_t step = sizeof(ElfW(Nhdr)) + name_size + desc_size;
              if (step > left) break;
              const char* name = note + sizeof(ElfW(Nhdr));
              if (nhdr->n_type == NT_GNU_BUILD_ID && nhdr->n_namesz == 4 &&
                  std::memcmp(name, "GNU", 4) == 0) {
                out.assign(name + name_size, nhdr->n_descsz);
                return 1;
              }
              note += step;
              left -= step;
            }
          }
          return 1;  // only the program itself, not its libraries
        },
        &found);
    return found;
  }();
  return id;
}

struct Input {
  std::string path;  // absolute
  std::string hash;  // content_hash of its bytes
  std::uint64_t size = 0;
};

std::optional<Plan> read_entry(const std::string& entry_path, const std::string& plan_path,
                               std::string_view plan_bytes) {
  auto entry = read_file_bytes(entry_path);
  if (!entry) return std::nullopt;
  Reader in((*entry)->view());
  if (in.view() != kMagic || in.u32() != kFormatVersion || in.view() != build_id() ||
      in.view() != plan_path || in.failed()) {
    return std::nullopt;
  }
  const std::uint32_t input_count = in.counted(16);
  for (std::uint32_t idx = 0; idx < input_count; ++idx) {
    const std::string_view path = in.view();
    const std::uint64_t size = in.u64();
    const std::string_view hash = in.view();
    if (in.failed()) return std::nullopt;
    if (idx == 0) {  // the plan file, already read
      if (path != plan_path || size != plan_bytes.size() || hash != content_hash(plan_bytes)) {
        return std::nullopt;
      }
      continue;
    }
    auto bytes = read_file_bytes(std::string(path));
    if (!bytes || (*bytes)->view().size() != size || content_hash((*bytes)->view()) != hash) {
      return std::nullopt;
    }
  }
  Plan plan;
  if (!detail::decode_plan(in.view(), plan) || in.failed() || !in.at_end()) return std::nullopt;
  return plan;
}

void write_entry(const std::string& dir, const std::string& entry_path, const std::string& plan_path,
                 std::string_view plan_bytes, const Plan& plan) {
  std::vector<Input> inputs{{plan_path, content_hash(plan_bytes), plan_bytes.size()}};
  if (!plan.units_file_path.empty()) {
    std::error_code error;
    const auto units_path = std::filesystem::absolute(plan.units_file_path, error).lexically_normal();
    auto bytes = read_file_bytes(units_path.string());
    // The units file is read again here: were it changed since the loader
    // read it, the entry would wrongly stand for the new content. The
    // window is the time of one load; a later change is always seen.
    if (error || !bytes) return;
    inputs.push_back({units_path.string(), content_hash((*bytes)->view()), (*bytes)->view().size()});
  }
  Writer out;
  out.text(kMagic);
  out.u32(kFormatVersion);
  out.text(build_id());
  out.text(plan_path);
  out.list(inputs, [&](const Input& input) {
    out.text(input.path);
    out.u64(input.size);
    out.text(input.hash);
  });
  out.text(detail::encode_plan(plan));
  const std::string bytes = out.take();

  std::error_code error;
  std::filesystem::create_directories(dir, error);
  if (error) return;
  const std::string temporary = entry_path + ".tmp." + std::to_string(::getpid());
  {
    std::ofstream file(temporary, std::ios::binary | std::ios::trunc);
    file.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    if (!file.flush()) {
      file.close();
      std::filesystem::remove(temporary, error);
      return;
    }
  }
  std::filesystem::rename(temporary, entry_path, error);
  if (error) std::filesystem::remove(temporary, error);
}

}  // namespace

std::string plan_cache_dir() {
  if (const char* dir = std::getenv("CHISO_CACHE_DIR"); dir != nullptr) {
    const std::string_view value(dir);
    return value.empty() || value == "off" ? std::string() : std::string(value);
  }
  if (const char* xdg = std::getenv("XDG_CACHE_HOME"); xdg != nullptr && xdg[0] == '/') {
    return std::string(xdg) + "/chiso";
  }
  if (const char* home = std::getenv("HOME"); home != nullptr && home[0] == '/') {
    return std::string(home) + "/.cache/chiso";
  }
  return {};
}

Result<Plan> load_plan_cached(const std::string& path) {
  const std::string dir = plan_cache_dir();
  if (dir.empty() || build_id().empty()) return load_plan(path);
  std::error_code error;
  const std::string absolute = std::filesystem::absolute(path, error).lexically_normal().string();
  auto plan_bytes = read_file_bytes(path);
  // load_plan says what is wrong with a plan that cannot be read, its way.
  if (error || !plan_bytes || (*plan_bytes)->view().size() > limits::plan_size_bytes_max) {
    return load_plan(path);
  }
  const std::string_view bytes = (*plan_bytes)->view();
  // Named by the first 16 bytes of the path's hash, in hex.
  const std::string path_hash = content_hash(absolute);
  char name[2 * 16 + 1];
  sodium_bin2hex(name, sizeof name, reinterpret_cast<const unsigned char*>(path_hash.data()), 16);
  const std::string entry_path = dir + "/" + name + ".plan";
  if (auto cached = read_entry(entry_path, absolute, bytes)) return std::move(*cached);
  auto parsed = parse_plan(bytes, path);
  if (parsed) {
    // Kept, so that the runs after this one need not parse.
    write_entry(dir, entry_path, absolute, bytes, *parsed);
  }
  return parsed;
}

namespace detail {

std::string encode_plan(const Plan& plan) {
  Writer out;
  out.text(plan.source_text);
  for (const std::string* field :
       {&plan.id, &plan.name_vi, &plan.name_en, &plan.appendix_vi, &plan.title_vi, &plan.title_en,
        &plan.summary_row_vi, &plan.summary_row_en, &plan.place, &plan.attached_to_vi,
        &plan.attached_to_en, &plan.issuer_vi, &plan.issuer_en}) {
    out.text(*field);
  }
  for (const auto* list :
       {&plan.notes_vi, &plan.notes_en, &plan.row_number_headers, &plan.unit_name_headers,
        &plan.period_headers, &plan.total_row_wordings, &plan.subtotal_row_wordings,
        &plan.unit_abbreviations, &plan.not_applicable_markers}) {
    out.texts(*list);
  }
  out.list(plan.groups, [&](const Group& group) {
    out.text(group.id);
    out.text(group.label_vi);
    out.text(group.label_en);
  });
  out.list(plan.indicators, [&](const Indicator& indicator) {
    out.text(indicator.code);
    out.text(indicator.group);
    out.text(indicator.label_vi);
    out.text(indicator.label_en);
    out.texts(indicator.variants);
    out.u32(static_cast<std::uint32_t>(indicator.kind));
    out.u32(static_cast<std::uint32_t>(indicator.consolidation));
    out.text(indicator.weight);
    out.text(indicator.formula);
    out.u32(static_cast<std::uint32_t>(indicator.decimals));
    out.texts(indicator.allowed);
    out.f64(indicator.max);
    out.list(indicator.components, [&](const Indicator::Component& component) {
      out.text(component.indicator);
      out.f64(component.weight);
    });
    out.text(indicator.rank_of);
    out.u32(indicator.rank_ascending ? 1 : 0);
    out.texts(indicator.applies_to);
  });
  out.list(plan.rules, [&](const Rule& rule) {
    out.text(rule.id);
    out.u32(static_cast<std::uint32_t>(rule.severity));
    for (const std::string* field : {&rule.indicator, &rule.when, &rule.check, &rule.expected,
                                     &rule.message_vi, &rule.message_en}) {
      out.text(*field);
    }
    out.list(rule.hints, [&](const RuleHint& hint) {
      out.text(hint.when);
      out.text(hint.message_vi);
      out.text(hint.message_en);
    });
  });
  out.list(plan.units, [&](const UnitDef& unit) {
    out.text(unit.name);
    out.text(unit.short_name);
    out.texts(unit.variants);
    out.u32(static_cast<std::uint32_t>(unit.kind));
    out.u32(unit.group_idx);
    out.u32(static_cast<std::uint32_t>(unit.parent_idx));
    out.u32(static_cast<std::uint32_t>(unit.validity_idx));
  });
  out.list(plan.unit_kinds, [&](const UnitKindDef& kind) {
    out.text(kind.id);
    out.text(kind.label_vi);
    out.text(kind.label_en);
    out.texts(kind.words);
  });
  out.list(plan.unit_groups, [&](const UnitGroup& group) {
    out.text(group.id);
    out.text(group.label_vi);
    out.text(group.label_en);
  });
  out.list(plan.unit_validity, [&](const UnitValidity& validity) {
    out.text(validity.valid_from);
    out.text(validity.valid_to);
    out.u32(static_cast<std::uint32_t>(validity.succession));
    out.texts(validity.successors);
    out.text(validity.source);
    out.list(validity.names, [&](const UnitName& name) {
      out.text(name.name);
      out.text(name.short_name);
      out.text(name.valid_from);
      out.text(name.valid_to);
      out.text(name.source);
    });
  });
  out.texts(plan.unit_name_keys);
  out.u64(plan.unit_name_keys_hash);
  out.list(plan.targets, [&](const Target& target) {
    out.text(target.indicator);
    out.text(target.op);
    out.f64(target.bound);
    out.text(target.unit_kind);
    out.text(target.source);
  });
  out.list(plan.year_tables, [&](const YearTable& year_table) {
    out.text(year_table.indicator);
    out.texts(year_table.titles);
  });
  out.text(plan.units_file_path);
  out.f64(plan.value_jump_ratio);
  return out.take();
}

bool decode_plan(std::string_view bytes, Plan& plan) {
  Reader in(bytes);
  plan.source_text = in.text();
  for (std::string* field :
       {&plan.id, &plan.name_vi, &plan.name_en, &plan.appendix_vi, &plan.title_vi, &plan.title_en,
        &plan.summary_row_vi, &plan.summary_row_en, &plan.place, &plan.attached_to_vi,
        &plan.attached_to_en, &plan.issuer_vi, &plan.issuer_en}) {
    *field = in.text();
  }
  for (auto* list :
       {&plan.notes_vi, &plan.notes_en, &plan.row_number_headers, &plan.unit_name_headers,
        &plan.period_headers, &plan.total_row_wordings, &plan.subtotal_row_wordings,
        &plan.unit_abbreviations, &plan.not_applicable_markers}) {
    in.texts(*list);
  }
  plan.groups.resize(in.counted(12));
  for (Group& group : plan.groups) {
    group.id = in.text();
    group.label_vi = in.text();
    group.label_en = in.text();
  }
  plan.indicators.resize(in.counted(40));
  for (Indicator& indicator : plan.indicators) {
    indicator.code = in.text();
    indicator.group = in.text();
    indicator.label_vi = in.text();
    indicator.label_en = in.text();
    in.texts(indicator.variants);
    indicator.kind = in.choice(IndicatorKind::rank);
    indicator.consolidation = in.choice(Consolidation::none);
    indicator.weight = in.text();
    indicator.formula = in.text();
    indicator.decimals = static_cast<int>(in.u32());
    in.texts(indicator.allowed);
    indicator.max = in.f64();
    indicator.components.resize(in.counted(12));
    for (Indicator::Component& component : indicator.components) {
      component.indicator = in.text();
      component.weight = in.f64();
    }
    indicator.rank_of = in.text();
    indicator.rank_ascending = in.u32() != 0;
    in.texts(indicator.applies_to);
    indicator.not_applicable = plan.not_applicable_markers;
  }
  plan.rules.resize(in.counted(36));
  for (Rule& rule : plan.rules) {
    rule.id = in.text();
    rule.severity = in.choice(Severity::error);
    for (std::string* field : {&rule.indicator, &rule.when, &rule.check, &rule.expected, &rule.message_vi,
                               &rule.message_en}) {
      *field = in.text();
    }
    rule.hints.resize(in.counted(12));
    for (RuleHint& hint : rule.hints) {
      hint.when = in.text();
      hint.message_vi = in.text();
      hint.message_en = in.text();
    }
  }
  plan.units.resize(in.counted(28));
  for (UnitDef& unit : plan.units) {
    unit.name = in.text();
    unit.short_name = in.text();
    in.texts(unit.variants);
    unit.kind = static_cast<UnitKind>(in.u32() & 0xFFFFu);
    unit.group_idx = static_cast<std::uint16_t>(in.u32() & 0xFFFFu);
    unit.parent_idx = static_cast<int>(in.u32());
    unit.validity_idx = static_cast<int>(in.u32());
  }
  plan.unit_kinds.resize(in.counted(16));
  for (UnitKindDef& kind : plan.unit_kinds) {
    kind.id = in.text();
    kind.label_vi = in.text();
    kind.label_en = in.text();
    in.texts(kind.words);
  }
  plan.unit_groups.resize(in.counted(12));
  for (UnitGroup& group : plan.unit_groups) {
    group.id = in.text();
    group.label_vi = in.text();
    group.label_en = in.text();
  }
  plan.unit_validity.resize(in.counted(20));
  for (UnitValidity& validity : plan.unit_validity) {
    validity.valid_from = in.text();
    validity.valid_to = in.text();
    validity.succession = in.choice(Succession::upgraded_to);
    in.texts(validity.successors);
    validity.source = in.text();
    validity.names.resize(in.counted(20));
    for (UnitName& name : validity.names) {
      name.name = in.text();
      name.short_name = in.text();
      name.valid_from = in.text();
      name.valid_to = in.text();
      name.source = in.text();
    }
  }
  // Indexes the loader checked, checked again: a damaged entry must not
  // point past its own lists.
  const size_t kinds = plan.unit_kinds.empty() ? kDefaultUnitKinds.size() : plan.unit_kinds.size();
  for (const UnitDef& unit : plan.units) {
    if (static_cast<size_t>(unit.kind) >= kinds ||
        (unit.group_idx != UnitDef::kNoUnitGroup && unit.group_idx >= plan.unit_groups.size()) ||
        unit.parent_idx < -1 || unit.parent_idx >= static_cast<int>(plan.units.size()) ||
        unit.validity_idx < -1 ||
        unit.validity_idx >= static_cast<int>(plan.unit_validity.size())) {
      return false;
    }
  }
  in.texts(plan.unit_name_keys);
  plan.unit_name_keys_hash = in.u64();
  plan.targets.resize(in.counted(24));
  for (Target& target : plan.targets) {
    target.indicator = in.text();
    target.op = in.text();
    target.bound = in.f64();
    target.unit_kind = in.text();
    target.source = in.text();
  }
  plan.year_tables.resize(in.counted(8));
  for (YearTable& year_table : plan.year_tables) {
    year_table.indicator = in.text();
    in.texts(year_table.titles);
  }
  plan.units_file_path = in.text();
  plan.value_jump_ratio = in.f64();
  return !in.failed() && in.at_end();
}

}  // namespace detail
}  // namespace chiso
