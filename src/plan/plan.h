// Plan: what a city's indicator plan declares — the indicators and their
// groups, derived formulas, rules, targets and the registered units. It is data
// read at run time from a TOML file (docs/plan-format.md); nothing about Plan
// 197 is in the code. Expressions are kept as text here, in the language of
// src/plan/expr.h, and compiled by the check stage.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "common/model.h"
#include "common/result.h"

namespace chiso {

// count, days, percent and mark are numbers or marks; the rest:
//   grade  a text from the plan's `allowed` list ("Xuất sắc", "Tốt"…)
//   score  points on a scale from 0 to `max` (out of 10, out of 100)
//   index  a score that is the weighted sum of its `components`
//   rank   the place of the unit among the table's rows by `rank_of`
enum class IndicatorKind { count, days, percent, mark, grade, score, index, rank };
inline constexpr EnumWord<IndicatorKind> kIndicatorKindWords[] = {
    {IndicatorKind::count, "count"}, {IndicatorKind::days, "days"},   {IndicatorKind::percent, "percent"},
    {IndicatorKind::mark, "mark"},   {IndicatorKind::grade, "grade"}, {IndicatorKind::score, "score"},
    {IndicatorKind::index, "index"}, {IndicatorKind::rank, "rank"}};

// How the city-wide figure is made from the units' values.
enum class Consolidation {
  sum,            // Σ value
  ratio,          // the indicator's `formula` evaluated over the city-wide sums
  weighted_mean,  // Σ value·weight / Σ weight over units reporting both
  mean,           // plain mean, with the number of units reporting
  mark_count,     // count of yes / no / blank
  none,           // no city-wide figure: a rank, a grade, a maximum score
};
inline constexpr EnumWord<Consolidation> kConsolidationWords[] = {{Consolidation::sum, "sum"},
                                                                 {Consolidation::ratio, "ratio"},
                                                                 {Consolidation::weighted_mean, "weighted_mean"},
                                                                 {Consolidation::mean, "mean"},
                                                                 {Consolidation::mark_count, "mark_count"},
                                                                 {Consolidation::none, "none"}};

struct Group {
  std::string id;
  std::string label_vi;
  std::string label_en;
};

struct Indicator {
  std::string code;      // fixed contract, e.g. "online_full_pct"
  std::string group;     // Group::id, "" for a column with no group
  std::string label_vi;  // the label used when publishing
  std::string label_en;
  std::vector<std::string> variants;  // other header wordings seen
  IndicatorKind kind = IndicatorKind::count;
  Consolidation consolidation = Consolidation::sum;
  std::string weight;    // weighted_mean: code of the weighting indicator
  std::string formula;   // derived indicator: expression over other codes
  int decimals = 2;      // most decimals shown
  // grade: the values allowed, as the plan writes them (compared folded).
  std::vector<std::string> allowed;
  // score and index: the top of the scale (0 when the plan gives none).
  double max = 0;
  // index: the weighted sum Σ weight·component it must equal.
  struct Component {
    std::string indicator;  // the code of a score (or another number)
    double weight = 1;
  };
  std::vector<Component> components;
  // rank: the code of the indicator it ranks by; rank 1 is the highest value
  // unless rank_ascending (rank 1 the lowest, e.g. days taken).
  std::string rank_of;
  bool rank_ascending = false;
  // The unit kinds it applies to ("" words of kUnitKindWords); empty = all.
  // For a unit of another kind the cell is not applicable.
  std::vector<std::string> applies_to;
  // The plan's not-applicable markers (Plan::not_applicable_markers), kept
  // here so that a cell is read with its indicator alone. Empty: the
  // defaults kDefaultNotApplicableMarkers.
  std::vector<std::string> not_applicable;

  bool is_number_kind() const { return kind != IndicatorKind::mark && kind != IndicatorKind::grade; }
  bool applies_to_kind(std::string_view unit_kind) const {
    if (applies_to.empty()) return true;
    for (const std::string& word : applies_to) {
      if (word == unit_kind) return true;
    }
    return false;
  }
};

struct RuleHint {
  std::string when;  // expression; when true the hint is the likely correction
  std::string message_vi;
  std::string message_en;
};

struct Rule {
  std::string id;
  Severity severity = Severity::error;
  std::string indicator;  // the cell a finding points at
  std::string when;       // expression; rule applies when true ("" = always)
  std::string check;      // expression that must hold
  std::string expected;   // expression for the expected value, "" = none
  std::string message_vi; // may use {unit} {raw} {expected} {indicator}
  std::string message_en;
  std::vector<RuleHint> hints;
};

// A unit's kind: an index into Plan::unit_kinds. A plan that defines no
// [[unit_kinds]] has the three of kDefaultUnitKinds, in this order, so the
// names below are those three; a plan's own kinds are any index into its list.
enum class UnitKind : std::uint16_t { department, district, agency };
inline constexpr EnumWord<UnitKind> kUnitKindWords[] = {
    {UnitKind::department, "department"}, {UnitKind::district, "district"}, {UnitKind::agency, "agency"}};
// The id of one of the three default kinds; a plan's own kinds: Plan::unit_kind_id.
inline const char* unit_kind_name(UnitKind kind) { return word_of(kUnitKindWords, kind); }

// A kind of unit as the plan defines it ([[unit_kinds]]).
struct UnitKindDef {
  std::string id;                  // "department", "xa", "phuong", "dac_khu"
  std::string label_vi;            // "sở, ban, ngành"
  std::string label_en;            // "departments"
  std::vector<std::string> words;  // other words a units table writes for it ("sở", "huyện")
};

// A group of units ([[unit_groups]]: "Khối sở, ban, ngành"): figures and
// rankings per group as well as over every unit.
struct UnitGroup {
  std::string id;
  std::string label_vi;
  std::string label_en;
};

// How a unit stopped: what became of it on Plan::UnitValidity::valid_to.
enum class Succession : std::uint8_t { none, merged_into, split_into, renamed_to, upgraded_to };
inline constexpr EnumWord<Succession> kSuccessionWords[] = {{Succession::none, "none"},
                                                            {Succession::merged_into, "merged_into"},
                                                            {Succession::split_into, "split_into"},
                                                            {Succession::renamed_to, "renamed_to"},
                                                            {Succession::upgraded_to, "upgraded_to"}};

// A name a unit has for a span of days (`names` of [[units]]): a district
// renamed, or upgraded (huyện → thành phố), keeps its one UnitDef::name, the
// code the store keeps its rows under; reports and messages of a period in
// the span name it so (unit_name_in, unit_validity.h).
struct UnitName {
  std::string name;        // "UBND thành phố Thủy Nguyên"
  std::string short_name;  // "" = the unit's short_name
  std::string valid_from;  // first day, "2025-01-01"; "" = since the unit began
  std::string valid_to;    // last day; "" = as long as the unit lasts
  std::string source;      // the act that set it
};

// When a unit exists, and what succeeded it (issue 15 §3).
struct UnitValidity {
  std::string valid_from;               // first day, "2025-07-01"; "" = before every period
  std::string valid_to;                 // last day, "2025-06-30"; "" = still valid
  Succession succession = Succession::none;
  std::vector<std::string> successors;  // canonical names of the units it became
  std::string source;                   // the act that set it ("Nghị quyết số …")
  // Its names of other spans, in the plan's order; they never overlap. Each
  // is also one of UnitDef::variants, so a table written with it matches.
  std::vector<UnitName> names;
};

struct UnitDef {
  std::string name;                   // canonical registered name
  std::string short_name;             // for charts and narrow columns
  std::vector<std::string> variants;  // other names seen
  UnitKind kind = UnitKind::department;
  std::uint16_t group_idx = kNoUnitGroup;  // index in Plan::unit_groups
  int parent_idx = -1;                     // index in Plan::units of its parent
  int validity_idx = -1;                   // index in Plan::unit_validity; -1 = always valid

  static constexpr std::uint16_t kNoUnitGroup = 0xFFFF;
};

// A table laid out by year ([[year_tables]]): a statistical yearbook's, one
// row per unit and one column per year ("2010", "Năm 2022", "Sơ bộ 2016")
// under a blank header over the unit names. Its cells are values of one
// indicator, each of its unit and year (bind_table, for_each_row).
struct YearTable {
  std::string indicator;            // the code of what its cells are
  // Words of the table's title that tell it is this one ("Dân số trung
  // bình"), compared folded as a part of a title line; empty: any table laid
  // out by year that no entry with titles claims.
  std::vector<std::string> titles;
};

// A target for an indicator: value `op` bound, e.g. ">= 80".
struct Target {
  std::string indicator;
  std::string op;            // ">=", ">", "<=", "<", "=="
  double bound = 0;
  std::string unit_kind;     // "" = all units, else "department"/"district"/"agency"
  std::string source;        // where the target comes from (document, article)
};

// Plan::unit_index's table of names, made at its first call on a plan of
// many units (a 10,000-unit plan's period read row by row searched the
// units once per row). It holds the names as they were then: a name found
// is used only while that unit still has it, and a name not found is looked
// for among the units, the table made again when they have it, so a plan
// whose units change after a lookup needs nothing cleared. A copy starts
// without a table. Thread-safe: the server's threads share one plan.
class UnitNameIndex {
 public:
  UnitNameIndex() = default;
  UnitNameIndex(const UnitNameIndex&) {}
  UnitNameIndex& operator=(const UnitNameIndex&) {
    table_.store(nullptr);
    return *this;
  }
  // The first unit named `name`, -1 when none.
  int find(const std::vector<UnitDef>& units, std::string_view name) const;

 private:
  struct Hash {
    using is_transparent = void;
    std::size_t operator()(std::string_view text) const { return std::hash<std::string_view>()(text); }
  };
  using Table = std::unordered_map<std::string, int, Hash, std::equal_to<>>;
  mutable std::atomic<std::shared_ptr<const Table>> table_;
};

struct Plan {
  // The plan file as read (stored with each import); when it names a
  // units_file, followed by that table as read, as `#` comment lines.
  std::string source_text;
  std::string id;
  std::string name_vi;       // "Kế hoạch số 197/KH-UBND"
  std::string name_en;
  std::string appendix_vi;   // "PHỤ LỤC 2"
  std::string title_vi;      // the appendix name
  std::string title_en;
  // The name of the row of city-wide (province-wide, nation-wide) figures:
  // "Toàn thành phố", "Toàn tỉnh", "Cả nước". Default as below.
  std::string summary_row_vi = "Toàn thành phố";
  std::string summary_row_en = "City-wide";
  // Where the units sign their documents: the place of the line "Hải Phòng,
  // ngày … tháng … năm …" over a signature block; "" = dots to fill by hand.
  std::string place;
  // The document the appendix is attached to, for the italic line under its
  // title, "(Kèm theo {attached_to} ngày … tháng … năm … của {issuer})"
  // (docs/appendix.md): "Báo cáo số …/BC-UBND" issued by "UBND thành phố Hải
  // Phòng". attached_to_vi "" = an appendix attached to nothing (a published
  // ranking): no such line, and no issuer (the loader refuses one). The *_en
  // texts are the English document's, the Vietnamese when "".
  // AppendixOptions::attached_to / issuer override them.
  std::string attached_to_vi;
  std::string attached_to_en;
  std::string issuer_vi;
  std::string issuer_en;
  std::vector<std::string> notes_vi;  // lines under the table
  std::vector<std::string> notes_en;
  std::vector<std::string> row_number_headers;  // "STT", "ST T", "TT"
  std::vector<std::string> unit_name_headers;   // "Tên đơn vị", "Đơn vị"
  std::vector<std::string> period_headers;      // "Kỳ báo cáo"
  // Unit-column wordings of the rows that print a figure over several units
  // (docs/plan-format.md): a row whose name is one of them, or starts with
  // one before " - ", "(" or ":" ("TỔNG SỐ - TOTAL"), is a total row; a
  // subtotal wording also matches as the first words ("Cộng khối sở"). A
  // registered unit's name always wins. The loader fills the defaults
  // (kDefaultTotalRowWordings…) when the plan gives none.
  std::vector<std::string> total_row_wordings;     // "Tổng cộng", "Toàn thành phố"
  std::vector<std::string> subtotal_row_wordings;  // "Cộng khối", "Tổng khối"
  // Abbreviations people write in unit names, each "SHORT = expansion" or
  // "SHORT = one | other" when it stands for several words ("TT = thể thao |
  // thông tin"). UnitMatcher::suggest() tries the expansions, so "Sở VH và
  // TT" suggests "Sở Văn hóa và Thể thao"; a name is never matched through
  // them. The loader fills kDefaultUnitAbbreviations when the plan gives none.
  std::vector<std::string> unit_abbreviations;
  std::vector<Group> groups;
  std::vector<Indicator> indicators;  // in publishing order
  std::vector<Rule> rules;
  std::vector<UnitDef> units;         // in publishing order ([[units]] or units_file)
  // The kinds a UnitDef::kind indexes: the plan's [[unit_kinds]], else
  // kDefaultUnitKinds (department, district, agency).
  std::vector<UnitKindDef> unit_kinds;
  std::vector<UnitGroup> unit_groups;  // UnitDef::group_idx indexes them
  std::vector<UnitValidity> unit_validity;  // UnitDef::validity_idx indexes them
  // text::fold_key of each unit's name and then of its variants, unit by
  // unit, as the loader folded them to check that names are unique ("" for
  // a name that folds to nothing), and unit_names_hash(units) when they were
  // folded. UnitMatcher takes them rather than fold every name again (10,000
  // units: 20,000 keys), but only while that hash still matches: a plan built
  // in code, or whose units change after loading, needs nothing cleared.
  std::vector<std::string> unit_name_keys;
  std::uint64_t unit_name_keys_hash = 0;
  std::vector<Target> targets;
  std::vector<YearTable> year_tables;  // in the plan's order
  // Cell texts that mean "does not apply to this unit", distinct from a
  // blank (not reported). The loader fills kDefaultNotApplicableMarkers
  // when the plan gives none, and copies them into each Indicator.
  std::vector<std::string> not_applicable_markers;
  // A typed value "jumps" (check value.jump, a warning) when it is more than
  // this many times the largest of the unit's values in its earlier periods,
  // or less than the smallest divided by it. Top-level `value_jump_ratio`;
  // must be above 1.
  double value_jump_ratio = 2.0;
  // The units table file read for `units_file`, as opened (relative to the
  // working folder when the plan's path was); "" for [[units]] entries.
  std::string units_file_path;
  UnitNameIndex unit_names;  // unit_index's

  // -1 when unknown.
  int indicator_index(std::string_view code) const;
  int unit_index(std::string_view canonical_name) const;
  const Group* group(std::string_view id) const;
  // The id of a unit's kind ("district", or the plan's own "xa"); "" when
  // the index is outside unit_kinds (a plan built in code without kinds:
  // then the default three's names).
  std::string_view unit_kind_id(UnitKind kind) const;
  // The kind whose id is `id`; nullopt when the plan has none.
  std::optional<UnitKind> find_unit_kind(std::string_view id) const;
};

// The kinds a plan without [[unit_kinds]] gets: department (sở, ban, ngành),
// district (quận, huyện), agency (cơ quan ngành dọc), in UnitKind's order.
extern const std::vector<UnitKindDef> kDefaultUnitKinds;

// The wordings a plan without total_row_wordings / subtotal_row_wordings gets.
extern const std::vector<std::string> kDefaultTotalRowWordings;
extern const std::vector<std::string> kDefaultSubtotalRowWordings;
// The markers a plan without not_applicable_markers gets: "không áp dụng",
// "N/A" (what chiso's own documents print for a share of 0 of 0).
extern const std::vector<std::string> kDefaultNotApplicableMarkers;
// The abbreviations a plan without unit_abbreviations gets.
extern const std::vector<std::string> kDefaultUnitAbbreviations;

// One entry of Plan::unit_abbreviations read: "TT = thể thao | thông tin" →
// {"TT", {"thể thao", "thông tin"}}; nullopt without " = " or with an empty side.
struct UnitAbbreviation {
  std::string short_form;
  std::vector<std::string> expansions;
};
std::optional<UnitAbbreviation> parse_unit_abbreviation(std::string_view entry);

// The indicator codes in order, joined by U+001F.
std::string indicator_codes_joined(const Plan& plan);
// The codes of a text indicator_codes_joined() made ("" → none).
std::vector<std::string> split_indicator_codes(std::string_view joined);
// How the store tells plans apart (docs/storage.md, table plan): the SHA-256,
// in hex, of source_text, a NUL byte and indicator_codes_joined().
std::string compute_store_sha256(const Plan& plan);
// A hash of every unit's name and variants, in order (not for security: it
// tells whether Plan::unit_name_keys were folded from these names).
std::uint64_t unit_names_hash(const std::vector<UnitDef>& units);

// Reads and validates a plan file (TOML, docs/plan-format.md). Every error
// found is reported, one per line, as "FILE:LINE:COLUMN: ENTRY.FIELD: what
// was found; what was expected", e.g. "plan.toml:96:8: indicators[3]
// (online_full).kind: 'percentage' is not a kind; expected count, days,
// percent or mark". Unknown fields are errors. Expressions are validated by
// check::compile(), not here. Files over limits::plan_size_bytes_max are
// refused. On success Plan::source_text holds the file as read.
//
// The units are either [[units]] entries or a table file named by
// `units_file` (TSV/CSV/XLSX read by read_document, a path relative to the
// plan's folder), never both; errors in that table name the table file, its
// row and column: "units.tsv:4:2: units[2].kind: 'quận' is not a unit kind;
// expected …". For a 10,000-unit plan the table is ~4x cheaper to load than
// the same units as TOML.
Result<Plan> load_plan(const std::string& path);
// The same from text in memory; `name` is used in messages and its folder is
// where a relative units_file is looked for.
Result<Plan> parse_plan(std::string_view toml_text, const std::string& name);

// The plan shipped for Hải Phòng, found next to the executable or in the
// source tree (CHISO_PLAN_DIR overrides). Used when --plan is not given.
std::string default_plan_path();

}  // namespace chiso
