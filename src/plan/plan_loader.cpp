// Reading a plan file (TOML, docs/plan-format.md) into a Plan, validating
// everything that can be checked without compiling expressions: required
// fields, unknown fields (a typo is an error, not a silently ignored key),
// unique codes and names, known groups, kinds, consolidation methods,
// severities, weights, formulas, targets, and the size limits of
// src/common/limits.h. Expression syntax is check::compile()'s job.
//
// Every error says where: "<file>:<line>:<column>: <entry>.<field>: <what was
// found>; <what was expected>". All errors are collected, not only the first,
// so a plan author fixes the file in one pass.
//
// The units are [[units]] tables or a table file (`units_file`, a spreadsheet
// export read by ingest's read_document); an error in that table names the
// table file, its row and column. A national plan's 10,000 units are kept as
// a table: toml++ parses many [[units]] tables far slower than ingest reads
// the same rows (docs/benchmarks.md has the figures).
#include <toml++/toml.h>

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <initializer_list>
#include <optional>
#include <set>
#include <sstream>
#include <string>
#include <unordered_map>

#include "common/limits.h"
#include "common/text.h"
#include "ingest/document.h"
#include "plan/plan.h"

namespace chiso {

namespace {

// The most errors reported at once; past that the file is likely not a plan.
constexpr size_t kErrorsMax = 30;

std::string join(std::initializer_list<std::string_view> words, std::string_view last_sep) {
  std::string out;
  size_t word_idx = 0;
  for (std::string_view word : words) {
    if (word_idx > 0) out += (word_idx + 1 == words.size()) ? last_sep : std::string_view(", ");
    out += word;
    ++word_idx;
  }
  return out;
}

// Codes are names in expressions, so they must be identifiers.
bool is_identifier(std::string_view code) {
  if (code.empty()) return false;
  for (size_t char_idx = 0; char_idx < code.size(); ++char_idx) {
    char c = code[char_idx];
    bool letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
    bool digit = c >= '0' && c <= '9';
    if (!letter && !(digit && char_idx > 0)) return false;
  }
  // Words of the expression language cannot be codes.
  for (std::string_view reserved : {"and", "or", "not", "yes", "no", "null"}) {
    if (code == reserved) return false;
  }
  return true;
}

// The plan's text as toml++ is given it: ASCII only. Plans are uploaded
// through the web, and Debian's toml++ 3.3.0 reaches an unreachable point
// (undefined behaviour) when it asks whether a non-ASCII character is a
// space (upstream #190, #295: most Vietnamese letters, "ơ" among them),
// which it does wherever it is not inside a string it is sure of: a bare
// "ơ", a broken value, the spaces after a line-ending backslash. So every
// non-ASCII character is rewritten to ASCII with the same meaning: in a
// string, a \uXXXX escape (a literal string holding one becomes the basic
// string of the same text); in a comment, '?'. Refused first, with the line
// and the column (in characters) of the original: invalid UTF-8; a control
// character other than tab, a line end or the CR of a CRLF; a non-ASCII
// character outside strings and comments (Vietnamese text goes in quotes);
// a backslash before a non-ASCII character (not an escape).
class AsciiPlanText {
 public:
  Result<void> prepare(std::string_view text, const std::string& name);
  const std::string& text() const { return out_; }
  // The column in the original line of a column toml++ gives.
  int original_column(int line, int column) const {
    const auto found = columns_.find(line);
    if (found == columns_.end() || column < 1 ||
        static_cast<size_t>(column) > found->second.size()) {
      return column;
    }
    return found->second[static_cast<size_t>(column) - 1];
  }

 private:
  std::string out_;
  // Lines with a character rewritten: the original column of each column
  // of the rewritten line.
  std::unordered_map<int, std::vector<int>> columns_;
};

class PlanReader {
 public:
  // `ascii`: the text toml++ read, whose columns are mapped back to the file's.
  PlanReader(std::string file, const AsciiPlanText* ascii)
      : file_(std::move(file)), ascii_(ascii) {}

  bool failed() const { return !errors_.empty(); }

  Error error() const {
    std::string message;
    for (const std::string& line : errors_) {
      if (!message.empty()) message += '\n';
      message += line;
    }
    if (errors_dropped_ > 0) {
      message += "\n… " + std::to_string(errors_dropped_) + " more errors";
    }
    return make_error(std::move(message));
  }

  void fail(const toml::source_region& where, const std::string& path, const std::string& what) {
    const int line = static_cast<int>(where.begin.line);
    const int column = static_cast<int>(where.begin.column);
    fail_in(file_, line, ascii_ != nullptr ? ascii_->original_column(line, column) : column, path,
            what);
  }

  // An error in another file (the units table): "<file>:<row>:<column>: …",
  // row and column 1-based, each left out when 0.
  void fail_in(const std::string& file, int row, int column, const std::string& path,
               const std::string& what) {
    if (errors_.size() >= kErrorsMax) {
      ++errors_dropped_;
      return;
    }
    std::string line = file;
    if (row > 0) {
      line += ":" + std::to_string(row);
      if (column > 0) line += ":" + std::to_string(column);
    }
    line += ": ";
    if (!path.empty()) line += path + ": ";
    line += what;
    errors_.push_back(std::move(line));
  }

  // Reports keys of `table` not in `known`.
  void check_keys(const toml::table& table, const std::string& path,
                  std::initializer_list<std::string_view> known) {
    for (auto&& [key, node] : table) {
      bool is_known = false;
      for (std::string_view name : known) is_known = is_known || key.str() == name;
      if (!is_known) {
        fail(node.source(), field(path, key.str()),
             "unknown field; expected one of " + join(known, " or "));
      }
    }
  }

  // A string field; "" when absent (an error when `required`) or of another type.
  std::string text(const toml::table& table, const std::string& path, std::string_view key,
                   bool required, size_t size_bytes_max = limits::cell_bytes_max) {
    const toml::node* node = table.get(key);
    if (node == nullptr) {
      if (required) fail(table.source(), field(path, key), "missing; a text is required");
      return {};
    }
    const auto* value = node->as_string();
    if (value == nullptr) {
      fail(node->source(), field(path, key),
           std::string("is a ") + type_name(*node) + "; expected a text in quotes");
      return {};
    }
    const std::string& raw = value->get();
    if (raw.size() > size_bytes_max) {
      fail(node->source(), field(path, key),
           "is " + std::to_string(raw.size()) + " bytes long; at most " +
               std::to_string(size_bytes_max) + " allowed");
      return {};
    }
    std::string nfc = text::to_nfc(raw);
    if (required && text::trim(nfc).empty()) {
      fail(node->source(), field(path, key), "is empty; a text is required");
    }
    return nfc;
  }

  // A list of strings (a single string is accepted as a list of one).
  std::vector<std::string> text_list(const toml::table& table, const std::string& path,
                                     std::string_view key, bool required) {
    std::vector<std::string> out;
    const toml::node* node = table.get(key);
    if (node == nullptr) {
      if (required) fail(table.source(), field(path, key), "missing; a list of texts is required");
      return out;
    }
    if (node->is_string()) {
      out.push_back(text::to_nfc(node->as_string()->get()));
      return out;
    }
    const auto* array = node->as_array();
    if (array == nullptr) {
      fail(node->source(), field(path, key),
           std::string("is a ") + type_name(*node) + "; expected a list of texts [\"…\", \"…\"]");
      return out;
    }
    for (size_t item_idx = 0; item_idx < array->size(); ++item_idx) {
      const toml::node& item = *array->get(item_idx);
      std::string item_path = field(path, key) + "[" + std::to_string(item_idx) + "]";
      if (!item.is_string()) {
        fail(item.source(), item_path, std::string("is a ") + type_name(item) + "; expected a text");
        continue;
      }
      if (item.as_string()->get().size() > limits::cell_bytes_max) {
        fail(item.source(), item_path, "is too long");
        continue;
      }
      out.push_back(text::to_nfc(item.as_string()->get()));
    }
    if (required && out.empty()) fail(node->source(), field(path, key), "is empty; at least one text is required");
    return out;
  }

  std::optional<double> number(const toml::table& table, const std::string& path,
                               std::string_view key, bool required) {
    const toml::node* node = table.get(key);
    if (node == nullptr) {
      if (required) fail(table.source(), field(path, key), "missing; a number is required");
      return std::nullopt;
    }
    if (const auto* integer = node->as_integer()) return static_cast<double>(integer->get());
    if (const auto* floating = node->as_floating_point()) {
      if (std::isfinite(floating->get())) return floating->get();
    }
    fail(node->source(), field(path, key),
         std::string("is a ") + type_name(*node) + "; expected a finite number");
    return std::nullopt;
  }

  std::optional<int64_t> integer(const toml::table& table, const std::string& path,
                                 std::string_view key) {
    const toml::node* node = table.get(key);
    if (node == nullptr) return std::nullopt;
    if (const auto* integer = node->as_integer()) return integer->get();
    fail(node->source(), field(path, key),
         std::string("is a ") + type_name(*node) + "; expected a whole number");
    return std::nullopt;
  }

  // The entries of an array of tables `[[key]]`; nullptr when absent.
  const toml::array* tables(const toml::table& table, std::string_view key, bool required) {
    const toml::node* node = table.get(key);
    if (node == nullptr) {
      if (required) {
        fail({}, std::string(key), "missing; at least one [[" + std::string(key) + "]] entry is required");
      }
      return nullptr;
    }
    const auto* array = node->as_array();
    if (array == nullptr || !array->is_array_of_tables()) {
      fail(node->source(), std::string(key),
           "expected entries written as [[" + std::string(key) + "]] tables");
      return nullptr;
    }
    if (required && array->empty()) {
      fail(node->source(), std::string(key), "is empty; at least one entry is required");
    }
    return array;
  }

  static std::string field(const std::string& path, std::string_view key) {
    if (path.empty()) return std::string(key);
    return path + "." + std::string(key);
  }

 private:
  static const char* type_name(const toml::node& node) {
    switch (node.type()) {
      case toml::node_type::string: return "text";
      case toml::node_type::integer: return "whole number";
      case toml::node_type::floating_point: return "number";
      case toml::node_type::boolean: return "true/false";
      case toml::node_type::array: return "list";
      case toml::node_type::table: return "table";
      default: return "date/time";
    }
  }

  std::string file_;
  const AsciiPlanText* ascii_ = nullptr;
  std::vector<std::string> errors_;
  size_t errors_dropped_ = 0;
};

std::string single_quoted(std::string_view text) { return "'" + std::string(text) + "'"; }

std::string entry_path(std::string_view array, size_t idx) {
  return std::string(array) + "[" + std::to_string(idx) + "]";
}

std::optional<IndicatorKind> kind_from(std::string_view word) { return value_of(kIndicatorKindWords, word); }
std::optional<Consolidation> consolidation_from(std::string_view word) {
  return value_of(kConsolidationWords, word);
}
std::optional<Severity> severity_from(std::string_view word) { return value_of(kSeverityWords, word); }
std::optional<UnitKind> unit_kind_from(std::string_view word) { return value_of(kUnitKindWords, word); }

void read_top(PlanReader& reader, const toml::table& root, Plan& plan) {
  reader.check_keys(root, "",
                    {"id",
                     "name_vi",
                     "name_en",
                     "appendix_vi",
                     "title_vi",
                     "title_en",
                     "notes_vi",
                     "notes_en",
                     "row_number_headers",
                     "unit_name_headers",
                     "period_headers",
                     "total_row_wordings",
                     "subtotal_row_wordings",
                     "unit_abbreviations",
                     "groups",
                     "indicators",
                     "units",
                     "units_file",
                     "rules",
                     "targets",
                     "summary_row_vi",
                     "summary_row_en"});
  plan.id = reader.text(root, "", "id", true);
  plan.name_vi = reader.text(root, "", "name_vi", true);
  plan.name_en = reader.text(root, "", "name_en", false);
  plan.appendix_vi = reader.text(root, "", "appendix_vi", false);
  plan.title_vi = reader.text(root, "", "title_vi", true);
  plan.title_en = reader.text(root, "", "title_en", false);
  plan.notes_vi = reader.text_list(root, "", "notes_vi", false);
  plan.notes_en = reader.text_list(root, "", "notes_en", false);
  plan.row_number_headers = reader.text_list(root, "", "row_number_headers", false);
  plan.unit_name_headers = reader.text_list(root, "", "unit_name_headers", true);
  plan.period_headers = reader.text_list(root, "", "period_headers", false);
  plan.total_row_wordings = root.contains("total_row_wordings")
                                ? reader.text_list(root, "", "total_row_wordings", false)
                                : kDefaultTotalRowWordings;
  plan.subtotal_row_wordings = root.contains("subtotal_row_wordings")
                                   ? reader.text_list(root, "", "subtotal_row_wordings", false)
                                   : kDefaultSubtotalRowWordings;
  plan.unit_abbreviations = root.contains("unit_abbreviations")
                                ? reader.text_list(root, "", "unit_abbreviations", false)
                                : kDefaultUnitAbbreviations;
  for (std::size_t entry_idx = 0; entry_idx < plan.unit_abbreviations.size(); ++entry_idx) {
    if (parse_unit_abbreviation(plan.unit_abbreviations[entry_idx])) continue;
    reader.fail(root["unit_abbreviations"].node()->source(),
                "unit_abbreviations[" + std::to_string(entry_idx) + "]",
                single_quoted(plan.unit_abbreviations[entry_idx]) +
                    " is not an abbreviation; expected \"SHORT = words\" or \"SHORT = words | "
                    "other words\"");
  }
  if (std::string label = reader.text(root, "", "summary_row_vi", false); !label.empty()) {
    plan.summary_row_vi = std::move(label);
  }
  if (std::string label = reader.text(root, "", "summary_row_en", false); !label.empty()) {
    plan.summary_row_en = std::move(label);
  }
}

void read_groups(PlanReader& reader, const toml::table& root, Plan& plan) {
  const toml::array* entries = reader.tables(root, "groups", false);
  if (entries == nullptr) return;
  std::set<std::string> ids;
  for (size_t entry_idx = 0; entry_idx < entries->size(); ++entry_idx) {
    const toml::table& table = *entries->get(entry_idx)->as_table();
    std::string path = entry_path("groups", entry_idx);
    reader.check_keys(table, path, {"id", "label_vi", "label_en"});
    Group group;
    group.id = reader.text(table, path, "id", true);
    group.label_vi = reader.text(table, path, "label_vi", true);
    group.label_en = reader.text(table, path, "label_en", false);
    if (!group.id.empty() && !ids.insert(group.id).second) {
      reader.fail(table.source(), path + ".id", single_quoted(group.id) + " is used twice; group ids must be unique");
    }
    plan.groups.push_back(std::move(group));
  }
}

void read_indicators(PlanReader& reader, const toml::table& root, Plan& plan) {
  const toml::array* entries = reader.tables(root, "indicators", true);
  if (entries == nullptr) return;
  std::unordered_map<std::string, size_t> first_use;
  for (size_t entry_idx = 0; entry_idx < entries->size(); ++entry_idx) {
    const toml::table& table = *entries->get(entry_idx)->as_table();
    std::string path = entry_path("indicators", entry_idx);
    reader.check_keys(table, path,
                      {"code", "group", "label_vi", "label_en", "variants", "kind",
                       "consolidation", "weight", "formula", "decimals"});
    Indicator indicator;
    indicator.code = reader.text(table, path, "code", true);
    if (!indicator.code.empty()) {
      path += " (" + indicator.code + ")";
      if (!is_identifier(indicator.code)) {
        reader.fail(table["code"].node()->source(), path + ".code",
                    single_quoted(indicator.code) +
                        " is not a code; expected letters, digits and '_', starting with a letter "
                        "(and not and/or/not/yes/no/null)");
      } else if (auto [it, inserted] = first_use.emplace(indicator.code, entry_idx); !inserted) {
        reader.fail(table["code"].node()->source(), path + ".code",
                    single_quoted(indicator.code) + " is used twice (also indicators[" +
                        std::to_string(it->second) + "]); codes must be unique");
      }
    }
    indicator.group = reader.text(table, path, "group", false);
    indicator.label_vi = reader.text(table, path, "label_vi", true);
    indicator.label_en = reader.text(table, path, "label_en", false);
    indicator.variants = reader.text_list(table, path, "variants", false);
    std::string kind = reader.text(table, path, "kind", true);
    if (auto parsed = kind_from(kind)) {
      indicator.kind = *parsed;
    } else if (!kind.empty()) {
      reader.fail(table["kind"].node()->source(), path + ".kind",
                  single_quoted(kind) + " is not a kind; expected count, days, percent or mark");
    }
    std::string consolidation = reader.text(table, path, "consolidation", true);
    if (auto parsed = consolidation_from(consolidation)) {
      indicator.consolidation = *parsed;
    } else if (!consolidation.empty()) {
      reader.fail(table["consolidation"].node()->source(), path + ".consolidation",
                  single_quoted(consolidation) +
                      " is not a consolidation method; expected sum, ratio, weighted_mean, mean or "
                      "mark_count");
    }
    indicator.weight = reader.text(table, path, "weight", false);
    indicator.formula =
        reader.text(table, path, "formula", false, limits::rule_length_bytes_max);
    if (auto decimals = reader.integer(table, path, "decimals")) {
      if (*decimals < 0 || *decimals > 6) {
        reader.fail(table["decimals"].node()->source(), path + ".decimals",
                    std::to_string(*decimals) + " is out of range; expected 0 to 6");
      } else {
        indicator.decimals = static_cast<int>(*decimals);
      }
    } else if (indicator.kind == IndicatorKind::count || indicator.kind == IndicatorKind::mark) {
      indicator.decimals = 0;
    }
    plan.indicators.push_back(std::move(indicator));
  }

  // A header wording must name one indicator, or the binding of a table by
  // its headers would be ambiguous. Two groups may share a wording (the
  // group then tells them apart).
  std::unordered_map<std::string, size_t> wording_owner;
  for (size_t entry_idx = 0; entry_idx < plan.indicators.size(); ++entry_idx) {
    const Indicator& indicator = plan.indicators[entry_idx];
    std::vector<const std::string*> wordings = {&indicator.label_vi, &indicator.label_en};
    for (const std::string& variant : indicator.variants) wordings.push_back(&variant);
    for (const std::string* wording : wordings) {
      std::string key = text::fold_key(*wording);
      if (key.empty()) continue;
      auto [it, inserted] = wording_owner.emplace(key, entry_idx);
      if (!inserted && it->second != entry_idx &&
          plan.indicators[it->second].group == indicator.group) {
        reader.fail(entries->get(entry_idx)->source(),
                    entry_path("indicators", entry_idx) + " (" + indicator.code + ")",
                    "the wording " + single_quoted(*wording) + " is also a wording of indicators[" +
                        std::to_string(it->second) + "] (" + plan.indicators[it->second].code +
                        ") in the same group; a header would match both");
      }
    }
  }

  // Cross-field checks, once every code is known.
  for (size_t entry_idx = 0; entry_idx < plan.indicators.size(); ++entry_idx) {
    const Indicator& indicator = plan.indicators[entry_idx];
    const toml::table& table = *entries->get(entry_idx)->as_table();
    std::string path = entry_path("indicators", entry_idx);
    if (!indicator.code.empty()) path += " (" + indicator.code + ")";
    auto where = [&](std::string_view key) {
      const toml::node* node = table.get(key);
      return node != nullptr ? node->source() : table.source();
    };
    if (!indicator.group.empty() && plan.group(indicator.group) == nullptr) {
      reader.fail(where("group"), path + ".group",
                  single_quoted(indicator.group) + " is not a group; expected the id of a [[groups]] entry");
    }
    bool is_mark = indicator.kind == IndicatorKind::mark;
    bool counts_marks = indicator.consolidation == Consolidation::mark_count;
    if (table.get("kind") && table.get("consolidation") && is_mark != counts_marks) {
      reader.fail(where("consolidation"), path + ".consolidation",
                  is_mark ? "a mark is consolidated by mark_count"
                          : "mark_count is only for kind = \"mark\"");
    }
    if (indicator.consolidation == Consolidation::sum && indicator.kind == IndicatorKind::percent) {
      reader.fail(where("consolidation"), path + ".consolidation",
                  "a percent cannot be summed; expected ratio (with a formula), weighted_mean or mean");
    }
    if (indicator.consolidation == Consolidation::weighted_mean) {
      if (indicator.weight.empty()) {
        reader.fail(where("consolidation"), path + ".weight",
                    "missing; weighted_mean needs the code of the weighting indicator");
      } else {
        int weight_idx = plan.indicator_index(indicator.weight);
        if (weight_idx < 0) {
          reader.fail(where("weight"), path + ".weight",
                      single_quoted(indicator.weight) + " names no indicator; expected an indicator code");
        } else if (static_cast<size_t>(weight_idx) == entry_idx) {
          reader.fail(where("weight"), path + ".weight", "an indicator cannot weight itself");
        } else if (plan.indicators[weight_idx].kind == IndicatorKind::mark) {
          reader.fail(where("weight"), path + ".weight",
                      single_quoted(indicator.weight) + " is a mark; a weight must be a number");
        }
      }
    } else if (!indicator.weight.empty()) {
      reader.fail(where("weight"), path + ".weight",
                  "is only used with consolidation = \"weighted_mean\"");
    }
    if (indicator.consolidation == Consolidation::ratio && indicator.formula.empty()) {
      reader.fail(where("consolidation"), path + ".formula",
                  "missing; a ratio is its formula over the city-wide sums, e.g. "
                  "\"100 * part / total\"");
    }
    if (is_mark && !indicator.formula.empty()) {
      reader.fail(where("formula"), path + ".formula", "a mark cannot be computed by a formula");
    }
  }
}

// Folded name → the unit that owns it: a name or variant may belong to one
// unit only, whichever way it is spelled.
class UnitNameOwners {
 public:
  // The unit that already owns `name`; nullopt when `unit_idx` owns it now
  // (or did already) or when the name folds to nothing. Appends the folded
  // name to `keys` (Plan::unit_name_keys).
  std::optional<size_t> claim(std::string_view name, size_t unit_idx,
                              std::vector<std::string>& keys) {
    const std::string& folded = keys.emplace_back(text::fold_key(name));
    if (folded.empty()) return std::nullopt;
    auto [it, inserted] = owner_.emplace(folded, unit_idx);
    if (inserted || it->second == unit_idx) return std::nullopt;
    return it->second;
  }
  void reserve(size_t names) { owner_.reserve(names); }

 private:
  std::unordered_map<std::string, size_t> owner_;
};

std::string same_name_as(std::string_view name, size_t owner_idx, const Plan& plan) {
  return single_quoted(name) + " is the same name as one of units[" + std::to_string(owner_idx) + "] (" +
         plan.units[owner_idx].name + ")";
}

constexpr const char* kUnitsUnique = "; unit names and variants must be unique";

void read_inline_units(PlanReader& reader, const toml::table& root, Plan& plan) {
  const toml::array* entries = reader.tables(root, "units", true);
  if (entries == nullptr) return;
  UnitNameOwners owners;
  for (size_t entry_idx = 0; entry_idx < entries->size(); ++entry_idx) {
    const toml::table& table = *entries->get(entry_idx)->as_table();
    std::string path = entry_path("units", entry_idx);
    reader.check_keys(table, path, {"name", "short_name", "variants", "kind"});
    UnitDef unit;
    unit.name = reader.text(table, path, "name", true);
    unit.short_name = reader.text(table, path, "short_name", false);
    if (unit.short_name.empty()) unit.short_name = unit.name;
    unit.variants = reader.text_list(table, path, "variants", false);
    std::string kind = reader.text(table, path, "kind", true);
    if (auto parsed = unit_kind_from(kind)) {
      unit.kind = *parsed;
    } else if (!kind.empty()) {
      reader.fail(table["kind"].node()->source(), path + ".kind",
                  single_quoted(kind) + " is not a unit kind; expected department, district or agency");
    }
    auto claim = [&](const std::string& name, const char* key) {
      if (auto owner_idx = owners.claim(name, entry_idx, plan.unit_name_keys)) {
        reader.fail(table[key].node()->source(), path + "." + key,
                    same_name_as(name, *owner_idx, plan) + kUnitsUnique);
      }
    };
    claim(unit.name, "name");  // an empty name folds to nothing
    for (const std::string& variant : unit.variants) claim(variant, "variants");
    plan.units.push_back(std::move(unit));
  }
}

// ---- the units table file (`units_file`) ----
//
// A table with a header row, one unit per row, as a coordinator keeps it in
// a spreadsheet: read by ingest's read_document (TSV/CSV/`;` text in UTF-8 or
// UTF-16, or XLSX, first sheet). The columns are found by their header, in
// any order; docs/plan-format.md lists the header words.

enum class UnitColumn { name, short_name, kind, variants, row_number, none };

// The separator of several names in one `variants` cell.
constexpr char kVariantSeparator = '|';

struct UnitColumnWords {
  UnitColumn column;
  std::vector<std::string> folded;  // text::fold_key of each accepted header
};

std::vector<UnitColumnWords> unit_column_words(const Plan& plan) {
  auto fold_all = [](std::vector<std::string> words) {
    for (std::string& word : words) word = text::fold_key(word);
    return words;
  };
  std::vector<std::string> name_words = {"name", "Tên đơn vị", "Tên"};
  name_words.insert(name_words.end(), plan.unit_name_headers.begin(), plan.unit_name_headers.end());
  std::vector<std::string> row_number_words = {"STT"};
  row_number_words.insert(row_number_words.end(), plan.row_number_headers.begin(),
                          plan.row_number_headers.end());
  return {
      {UnitColumn::name, fold_all(std::move(name_words))},
      {UnitColumn::short_name, fold_all({"short_name", "short name", "Tên ngắn", "Tên viết tắt"})},
      {UnitColumn::kind, fold_all({"kind", "Loại", "Loại đơn vị"})},
      {UnitColumn::variants, fold_all({"variants", "Tên khác", "Tên gọi khác"})},
      {UnitColumn::row_number, fold_all(std::move(row_number_words))},
  };
}

const char* unit_column_field(UnitColumn column) {
  switch (column) {
    case UnitColumn::name: return "name";
    case UnitColumn::short_name: return "short_name";
    case UnitColumn::kind: return "kind";
    case UnitColumn::variants: return "variants";
    case UnitColumn::row_number: return "row number";
    case UnitColumn::none: break;
  }
  return "";
}

// A kind cell: the words of [[units]] or Vietnamese ones.
std::optional<UnitKind> unit_kind_from_cell(std::string_view cell) {
  // Fast path: the exact English word, as generated files write it, needs no
  // folding (fold_key is the costly part of reading 10,000 rows).
  if (auto exact = unit_kind_from(cell)) return exact;
  // Folded once (a static is initialised once, thread-safely).
  static const std::vector<std::pair<std::string, UnitKind>> kFoldedWords = [] {
    const std::pair<const char*, UnitKind> words[] = {
        {"department", UnitKind::department}, {"sở", UnitKind::department},
        {"sở, ban, ngành", UnitKind::department}, {"district", UnitKind::district},
        {"huyện", UnitKind::district}, {"quận, huyện", UnitKind::district},
        {"UBND cấp huyện", UnitKind::district}, {"agency", UnitKind::agency},
        {"ngành dọc", UnitKind::agency}, {"cơ quan ngành dọc", UnitKind::agency},
    };
    std::vector<std::pair<std::string, UnitKind>> folded;
    for (const auto& [word, kind] : words) folded.emplace_back(text::fold_key(word), kind);
    return folded;
  }();
  std::string folded = text::fold_key(cell);
  if (folded.empty()) return std::nullopt;
  for (const auto& [word, kind] : kFoldedWords) {
    if (word == folded) return kind;
  }
  return std::nullopt;
}

constexpr const char* kUnitKindsExpected =
    "expected department, district or agency (or sở, huyện, ngành dọc)";

bool is_blank_row(const Grid& grid, int row) {
  for (int col = 0; col < grid.col_count(row); ++col) {
    if (!text::trim(grid.cell(row, col)).empty()) return false;
  }
  return true;
}

int filled_cells(const Grid& grid, int row) {
  int filled = 0;
  for (int col = 0; col < grid.col_count(row); ++col) {
    filled += text::trim(grid.cell(row, col)).empty() ? 0 : 1;
  }
  return filled;
}

// Appends the table as read to the plan's source text, as TOML comment
// lines: the store keeps Plan::source_text with each import, and it must
// hold the units, which are part of the plan, whatever file they came from.
void append_units_table(const std::string& written, const Grid& grid, int first_row,
                        std::string& source_text) {
  if (!source_text.empty() && source_text.back() != '\n') source_text += '\n';
  source_text += "# ---- units_file " + single_quoted(written) + ", as read ----\n";
  for (int row = first_row; row < grid.row_count(); ++row) {
    source_text += '#';
    for (int col = 0; col < grid.col_count(row); ++col) {
      source_text += col == 0 ? ' ' : '\t';
      const std::string_view cell = grid.cell(row, col);
      const size_t cell_begin = source_text.size();
      source_text += cell;
      // A line break inside a quoted cell would end the comment line.
      if (cell.find('\n') != std::string_view::npos || cell.find('\r') != std::string_view::npos) {
        std::replace_if(source_text.begin() + static_cast<std::ptrdiff_t>(cell_begin),
                        source_text.end(), [](char c) { return c == '\n' || c == '\r'; }, ' ');
      }
    }
    source_text += '\n';
  }
}

class UnitsTableReader {
 public:
  UnitsTableReader(PlanReader& reader, const Grid& grid, std::string shown, Plan& plan)
      : reader_(reader), grid_(grid), shown_(std::move(shown)), plan_(plan) {}

  // Reads the header at `header_row` and the units below it into plan_.units.
  void read(int header_row) {
    if (!read_header(header_row)) return;
    owners_.reserve(static_cast<size_t>(grid_.row_count()));
    plan_.units.reserve(static_cast<size_t>(grid_.row_count() - header_row));
    for (int row = header_row + 1; row < grid_.row_count(); ++row) {
      if (is_blank_row(grid_, row)) continue;
      read_unit(row);
    }
    if (plan_.units.empty()) {
      reader_.fail_in(shown_, grid_.source_row(header_row), 0, "units_file",
                      "no unit below the header; at least one unit row is required");
    }
  }

 private:
  bool read_header(int row) {
    const std::vector<UnitColumnWords> words = unit_column_words(plan_);
    columns_.assign(static_cast<size_t>(grid_.col_count(row)), UnitColumn::none);
    header_blank_.assign(columns_.size(), false);
    for (int col = 0; col < grid_.col_count(row); ++col) {
      std::string_view header = text::trim(grid_.cell(row, col));
      if (header.empty()) {
        header_blank_[static_cast<size_t>(col)] = true;
        continue;
      }
      std::string folded = text::fold_key(header);
      UnitColumn found = UnitColumn::none;
      for (const UnitColumnWords& candidate : words) {
        for (const std::string& word : candidate.folded) {
          if (found == UnitColumn::none && word == folded) found = candidate.column;
        }
      }
      if (found == UnitColumn::none) {
        reader_.fail_in(shown_, grid_.source_row(row), col + 1, "units_file header",
                        single_quoted(header) +
                            " is not a column of a units table; expected name, short_name, kind, "
                            "variants (or Tên đơn vị, Tên viết tắt, Loại, Tên khác) or STT");
        continue;
      }
      if (int first = column_of(found); first >= 0) {
        reader_.fail_in(shown_, grid_.source_row(row), col + 1, "units_file header",
                        single_quoted(header) + " is a second " + unit_column_field(found) +
                            " column (the first is column " + std::to_string(first + 1) +
                            "); expected each column once");
        continue;
      }
      columns_[static_cast<size_t>(col)] = found;
    }
    name_col_ = column_of(UnitColumn::name);
    short_name_col_ = column_of(UnitColumn::short_name);
    kind_col_ = column_of(UnitColumn::kind);
    variants_col_ = column_of(UnitColumn::variants);
    for (UnitColumn required : {UnitColumn::name, UnitColumn::kind}) {
      if (column_of(required) < 0) {
        reader_.fail_in(shown_, grid_.source_row(row), 0, "units_file header",
                        std::string("has no ") + unit_column_field(required) +
                            " column; expected a header cell " +
                            (required == UnitColumn::name ? "'name' (or 'Tên đơn vị')"
                                                          : "'kind' (or 'Loại')"));
      }
    }
    return name_col_ >= 0 && kind_col_ >= 0;
  }

  int column_of(UnitColumn column) const {
    for (size_t col = 0; col < columns_.size(); ++col) {
      if (columns_[col] == column) return static_cast<int>(col);
    }
    return -1;
  }

  std::string_view cell(int row, int col) const {
    return col < 0 ? std::string_view() : text::trim(grid_.cell(row, col));
  }

  void fail_at(int row, int col, const std::string& path, const std::string& what) {
    reader_.fail_in(shown_, grid_.source_row(row), col + 1, path, what);
  }

  void read_unit(int row) {
    const size_t unit_idx = plan_.units.size();
    // "units[N].field", built only for an error: most rows have none.
    auto path = [unit_idx](const char* field) {
      std::string entry = entry_path("units", unit_idx);
      return *field == '\0' ? entry : entry + "." + field;
    };
    // A cell under no header would be silently lost: say so, once a column
    // (a column under an unknown header was reported with the header).
    for (int col = static_cast<int>(columns_.size()); col < grid_.col_count(row); ++col) {
      columns_.push_back(UnitColumn::none);
      header_blank_.push_back(true);
    }
    for (int col = 0; col < grid_.col_count(row); ++col) {
      const auto col_idx = static_cast<size_t>(col);
      if (!header_blank_[col_idx] || text::trim(grid_.cell(row, col)).empty()) continue;
      fail_at(row, col, path(""),
              single_quoted(text::trim(grid_.cell(row, col))) +
                  " is in a column with no header; expected cells only under name, short_name, "
                  "kind, variants or STT");
      header_blank_[col_idx] = false;  // reported once
    }
    UnitDef unit;
    unit.name = std::string(cell(row, name_col_));
    if (unit.name.empty()) {
      fail_at(row, name_col_, path("name"), "is empty; a name is required");
    }
    unit.short_name = std::string(cell(row, short_name_col_));
    if (unit.short_name.empty()) unit.short_name = unit.name;
    std::string_view kind = cell(row, kind_col_);
    if (auto parsed = unit_kind_from_cell(kind)) {
      unit.kind = *parsed;
    } else if (kind.empty()) {
      fail_at(row, kind_col_, path("kind"), std::string("is empty; ") + kUnitKindsExpected);
    } else {
      fail_at(row, kind_col_, path("kind"),
              single_quoted(kind) + " is not a unit kind; " + kUnitKindsExpected);
    }
    std::string_view variants = cell(row, variants_col_);
    while (!variants.empty()) {
      size_t end = variants.find(kVariantSeparator);
      std::string_view variant = text::trim(variants.substr(0, end));
      if (!variant.empty()) unit.variants.emplace_back(variant);
      variants = end == std::string_view::npos ? std::string_view() : variants.substr(end + 1);
    }
    auto claim = [&](const std::string& name, int col, const char* field) {
      if (auto owner_idx = owners_.claim(name, unit_idx, plan_.unit_name_keys)) {
        fail_at(row, col, path(field),
                same_name_as(name, *owner_idx, plan_) + " of row " +
                    std::to_string(unit_rows_[*owner_idx]) + kUnitsUnique);
      }
    };
    claim(unit.name, name_col_, "name");  // an empty name folds to nothing
    for (const std::string& variant : unit.variants) claim(variant, variants_col_, "variants");
    plan_.units.push_back(std::move(unit));
    unit_rows_.push_back(grid_.source_row(row));
  }

  PlanReader& reader_;
  const Grid& grid_;
  std::string shown_;  // the file as named in messages
  Plan& plan_;
  std::vector<UnitColumn> columns_;  // by grid column
  std::vector<bool> header_blank_;   // by grid column: no header, no cell reported yet
  int name_col_ = -1;
  int short_name_col_ = -1;
  int kind_col_ = -1;
  int variants_col_ = -1;
  UnitNameOwners owners_;
  std::vector<int> unit_rows_;  // source row of each unit read
};

void read_units_file(PlanReader& reader, const toml::table& root, const std::string& plan_name,
                     Plan& plan) {
  if (text::trim(reader.text(root, "", "units_file", true)).empty()) return;  // reported
  const toml::node& node = *root.get("units_file");
  const toml::source_region where = node.source();
  // The path as written, not NFC: a file name is bytes to the file system.
  const std::string written = node.as_string()->get();
  namespace fs = std::filesystem;
  fs::path file_path(written);
  if (file_path.is_relative()) file_path = fs::path(plan_name).parent_path() / file_path;
  const std::string shown = file_path.lexically_normal().string();

  std::error_code error;
  if (!fs::is_regular_file(file_path, error)) {
    const bool exists = fs::exists(file_path, error);
    reader.fail(where, "units_file",
                single_quoted(written) + ": " + shown +
                    (exists ? " is not a file" : " does not exist") +
                    "; expected a units table file (TSV, CSV or XLSX), its path relative to "
                    "the plan's folder");
    return;
  }
  auto file = read_file_bytes(file_path.string());
  if (!file) {
    reader.fail(where, "units_file", shown + ": cannot read the units table");
    return;
  }
  const std::string_view bytes = (*file)->view();
  // The units are part of the plan: the plan's size limit holds for them too.
  if (bytes.size() > limits::plan_size_bytes_max) {
    reader.fail(where, "units_file",
                shown + " is " + std::to_string(bytes.size()) + " bytes; at most " +
                    std::to_string(limits::plan_size_bytes_max) + " bytes are allowed");
    return;
  }
  plan.units_file_path = shown;
  Result<Document> doc = read_document_bytes(bytes, shown, *file);
  if (!doc) {
    reader.fail(where, "units_file", doc.error().message);
    return;
  }
  if (doc->grids.empty()) {
    reader.fail(where, "units_file", shown + " has no table; expected a header row and a row per unit");
    return;
  }
  const Grid& grid = doc->grids.front();
  // The header is the first row with two cells or more: a title above it is
  // skipped (a text file's title lines never reach the grid).
  int header_row = 0;
  while (header_row < grid.row_count() && filled_cells(grid, header_row) < 2) ++header_row;
  if (header_row == grid.row_count()) {
    reader.fail(where, "units_file",
                shown + " has no header row; expected a row of column names such as name, kind");
    return;
  }
  UnitsTableReader(reader, grid, shown, plan).read(header_row);
  // A line with one cell after the table is a unit row without its kind;
  // a text file puts it outside the grid, so say so rather than drop it.
  for (const std::string& line : doc->lines_after) {
    reader.fail_in(shown, grid.source_row(grid.row_count() - 1), 0, "units_file",
                   "after this row: " + single_quoted(line) +
                       " is a line with one cell; expected a unit row with its name and kind");
  }
  append_units_table(written, grid, header_row, plan.source_text);
}

// Units come either from [[units]] tables or from a units_file, not both:
// a plan states its publishing order in one place.
void read_units(PlanReader& reader, const toml::table& root, const std::string& plan_name,
                Plan& plan) {
  const toml::node* file = root.get("units_file");
  const toml::node* inline_units = root.get("units");
  if (file != nullptr && inline_units != nullptr) {
    reader.fail(file->source(), "units_file",
                "is given and so are [[units]] entries; expected one of them: the units in a "
                "table file or in the plan");
    return;
  }
  if (file != nullptr) {
    read_units_file(reader, root, plan_name, plan);
    return;
  }
  if (inline_units == nullptr) {
    reader.fail({}, "units",
                "missing; at least one [[units]] entry is required, or a units_file naming a "
                "table of the units");
    return;
  }
  read_inline_units(reader, root, plan);
}

void read_rules(PlanReader& reader, const toml::table& root, Plan& plan) {
  const toml::array* entries = reader.tables(root, "rules", false);
  if (entries == nullptr) return;
  std::unordered_map<std::string, size_t> first_use;
  const size_t expr_max = limits::rule_length_bytes_max;
  for (size_t entry_idx = 0; entry_idx < entries->size(); ++entry_idx) {
    const toml::table& table = *entries->get(entry_idx)->as_table();
    std::string path = entry_path("rules", entry_idx);
    reader.check_keys(table, path,
                      {"id", "severity", "indicator", "when", "check", "expected", "message_vi",
                       "message_en", "hints"});
    Rule rule;
    rule.id = reader.text(table, path, "id", true);
    if (!rule.id.empty()) {
      path += " (" + rule.id + ")";
      if (auto [it, inserted] = first_use.emplace(rule.id, entry_idx); !inserted) {
        reader.fail(table["id"].node()->source(), path + ".id",
                    single_quoted(rule.id) + " is used twice (also rules[" + std::to_string(it->second) +
                        "]); rule ids must be unique");
      }
    }
    std::string severity = reader.text(table, path, "severity", true);
    if (auto parsed = severity_from(severity)) {
      rule.severity = *parsed;
    } else if (!severity.empty()) {
      reader.fail(table["severity"].node()->source(), path + ".severity",
                  single_quoted(severity) + " is not a severity; expected error, warning or info");
    }
    rule.indicator = reader.text(table, path, "indicator", false);
    if (!rule.indicator.empty() && plan.indicator_index(rule.indicator) < 0) {
      reader.fail(table["indicator"].node()->source(), path + ".indicator",
                  single_quoted(rule.indicator) + " names no indicator; expected an indicator code");
    }
    rule.when = reader.text(table, path, "when", false, expr_max);
    rule.check = reader.text(table, path, "check", true, expr_max);
    rule.expected = reader.text(table, path, "expected", false, expr_max);
    rule.message_vi = reader.text(table, path, "message_vi", true);
    rule.message_en = reader.text(table, path, "message_en", true);
    if (const toml::node* hints = table.get("hints")) {
      const auto* array = hints->as_array();
      if (array == nullptr || !array->is_array_of_tables()) {
        reader.fail(hints->source(), path + ".hints", "expected entries written as [[rules.hints]]");
      } else {
        for (size_t hint_idx = 0; hint_idx < array->size(); ++hint_idx) {
          const toml::table& hint_table = *array->get(hint_idx)->as_table();
          std::string hint_path = path + ".hints[" + std::to_string(hint_idx) + "]";
          reader.check_keys(hint_table, hint_path, {"when", "message_vi", "message_en"});
          RuleHint hint;
          hint.when = reader.text(hint_table, hint_path, "when", true, expr_max);
          hint.message_vi = reader.text(hint_table, hint_path, "message_vi", true);
          hint.message_en = reader.text(hint_table, hint_path, "message_en", true);
          rule.hints.push_back(std::move(hint));
        }
      }
    }
    plan.rules.push_back(std::move(rule));
  }
}

void read_targets(PlanReader& reader, const toml::table& root, Plan& plan) {
  const toml::array* entries = reader.tables(root, "targets", false);
  if (entries == nullptr) return;
  for (size_t entry_idx = 0; entry_idx < entries->size(); ++entry_idx) {
    const toml::table& table = *entries->get(entry_idx)->as_table();
    std::string path = entry_path("targets", entry_idx);
    reader.check_keys(table, path, {"indicator", "op", "bound", "unit_kind", "source"});
    Target target;
    target.indicator = reader.text(table, path, "indicator", true);
    if (!target.indicator.empty() && plan.indicator_index(target.indicator) < 0) {
      reader.fail(table["indicator"].node()->source(), path + ".indicator",
                  single_quoted(target.indicator) + " names no indicator; expected an indicator code");
    }
    target.op = reader.text(table, path, "op", true);
    if (!target.op.empty() && target.op != ">=" && target.op != ">" && target.op != "<=" &&
        target.op != "<" && target.op != "==") {
      reader.fail(table["op"].node()->source(), path + ".op",
                  single_quoted(target.op) + " is not a comparison; expected >=, >, <=, < or ==");
    }
    target.bound = reader.number(table, path, "bound", true).value_or(0);
    target.unit_kind = reader.text(table, path, "unit_kind", false);
    if (!target.unit_kind.empty() && !unit_kind_from(target.unit_kind)) {
      reader.fail(table["unit_kind"].node()->source(), path + ".unit_kind",
                  single_quoted(target.unit_kind) + " is not a unit kind; expected department, district or agency");
    }
    target.source = reader.text(table, path, "source", false);
    plan.targets.push_back(std::move(target));
  }
}

Result<void> AsciiPlanText::prepare(std::string_view text, const std::string& name) {
  enum class State { bare, comment, basic, literal, multi_basic, multi_literal };
  out_.clear();
  out_.reserve(text.size() + text.size() / 4);
  columns_.clear();
  const size_t bad_utf8 = text::invalid_utf8_offset(text);
  const size_t scan_end = std::min(bad_utf8, text.size());
  State state = State::bare;
  bool rewritten = false;  // the literal string being read is written as a basic one
  int line = 1;
  int column = 1;                 // of the next character, in the original line
  std::vector<int> line_columns;  // the original column of each output byte of this line
  bool line_changed = false;
  auto where = [&] {
    return name + ":" + std::to_string(line) + ":" + std::to_string(column) + ": ";
  };
  auto starts = [&](size_t at, std::string_view token) {
    return text.substr(at, token.size()) == token;
  };
  size_t offset = 0;
  // Writes `ascii` for the `bytes` bytes of one original character.
  auto put = [&](size_t bytes, std::string_view ascii) {
    out_ += ascii;
    line_columns.insert(line_columns.end(), ascii.size(), column);
    offset += bytes;
    ++column;
  };

  if (starts(0, "\xEF\xBB\xBF")) offset = 3;  // a UTF-8 BOM, as toml++ allows
  while (offset < scan_end) {
    const auto byte = static_cast<unsigned char>(text[offset]);
    if (byte == '\n') {
      // A single-line string or a comment ends at the line end (an unclosed
      // string is toml++'s to report; a rewritten one is closed as it was).
      if (state == State::comment || state == State::basic || state == State::literal) {
        if (rewritten) out_ += '"';
        state = State::bare;
        rewritten = false;
      }
      out_ += '\n';
      ++offset;
      if (line_changed) columns_[line] = std::move(line_columns);
      line_columns.clear();
      line_changed = false;
      ++line;
      column = 1;
      continue;
    }
    const bool crlf = byte == '\r' && starts(offset + 1, "\n");
    if ((byte < 0x20 && byte != '\t' && !crlf) || byte == 0x7F) {
      char code[8];
      std::snprintf(code, sizeof code, "%02X", byte);
      return make_error(where() + "ký tự điều khiển 0x" + code +
                        " không được có trong tệp kế hoạch / a control character 0x" + code +
                        " has no place in a plan file (only tab and line ends)");
    }
    if (byte >= 0x80) {
      size_t length = 1;
      while (offset + length < scan_end &&
             (static_cast<unsigned char>(text[offset + length]) & 0xC0) == 0x80) {
        ++length;
      }
      const std::string character(text.substr(offset, length));
      if (state == State::bare) {
        return make_error(
            where() + "ký tự '" + character +
            "' nằm ngoài dấu nháy: chữ tiếng Việt phải đặt trong \"…\" / the character '" +
            character + "' is outside quotes: text other than ASCII goes in \"…\"");
      }
      line_changed = true;
      if (state == State::comment) {
        put(length, "?");
        continue;
      }
      // In a string: its escape (valid UTF-8 here, so one code point).
      std::uint32_t cp = byte >= 0xF0 ? byte & 0x07u : byte >= 0xE0 ? byte & 0x0Fu : byte & 0x1Fu;
      for (size_t idx = 1; idx < length; ++idx)
        cp = cp << 6 | (static_cast<unsigned char>(character[idx]) & 0x3Fu);
      char escape[16];
      std::snprintf(escape, sizeof escape, cp > 0xFFFF ? "\\U%08X" : "\\u%04X", cp);
      put(length, escape);
      continue;
    }
    const std::string_view one = text.substr(offset, 1);
    switch (state) {
      case State::bare: {
        if (byte == '#') {
          state = State::comment;
          put(1, one);
          break;
        }
        if (byte != '"' && byte != '\'') {
          put(1, one);
          break;
        }
        const bool multi = starts(offset, byte == '"' ? "\"\"\"" : "'''");
        state = byte == '"' ? (multi ? State::multi_basic : State::basic)
                            : (multi ? State::multi_literal : State::literal);
        // A literal string holding a non-ASCII character is written as a
        // basic one: escapes are not read in literal strings.
        if (byte == '\'') {
          const size_t body = offset + (multi ? 3 : 1);
          size_t close = text.find(multi ? "'''" : "'", body);
          if (!multi) close = std::min(close, text.find('\n', body));
          const std::string_view inside =
              text.substr(body, close == std::string_view::npos ? close : close - body);
          rewritten = std::any_of(inside.begin(), inside.end(),
                                  [](char c) { return static_cast<unsigned char>(c) >= 0x80; });
        }
        for (int quote = 0; quote < (multi ? 3 : 1); ++quote) put(1, rewritten ? "\"" : one);
        line_changed = line_changed || rewritten;
        break;
      }
      case State::comment:
        put(1, one);
        break;
      case State::basic:
      case State::multi_basic:
        if (byte == '\\') {
          // An escape: the character after it is part of it, unless it ends
          // the line (a multi-line string's line-ending backslash).
          const unsigned char next =
              offset + 1 < scan_end ? static_cast<unsigned char>(text[offset + 1]) : 0;
          if (next >= 0x80) {
            return make_error(
                where() +
                "dấu \\ đứng trước một ký tự không phải ASCII: không phải lối thoát / a backslash "
                "before a character other than ASCII is not an escape");
          }
          put(1, one);
          if (next >= 0x20 && next != 0x7F) put(1, text.substr(offset, 1));
          break;
        }
        if (state == State::basic) {
          if (byte == '"') state = State::bare;
          put(1, one);
          break;
        }
        if (starts(offset, "\"\"\"")) {
          // Up to two more quotes before the closing three are the text's.
          size_t quotes = 3;
          while (quotes < 5 && starts(offset + quotes, "\"")) ++quotes;
          for (size_t idx = 0; idx < quotes; ++idx) put(1, one);
          state = State::bare;
          break;
        }
        put(1, one);
        break;
      case State::literal:
      case State::multi_literal: {
        const bool closes = state == State::literal ? byte == '\'' : starts(offset, "'''");
        if (closes) {
          const size_t closing = state == State::literal ? 1 : 3;
          size_t quotes = closing;
          while (state == State::multi_literal && quotes < 5 && starts(offset + quotes, "'"))
            ++quotes;
          for (size_t idx = 0; idx < quotes; ++idx) {
            const bool of_text = idx < quotes - closing;
            put(1, !rewritten ? "'" : of_text ? "'" : "\"");
          }
          state = State::bare;
          rewritten = false;
          break;
        }
        if (rewritten && (byte == '\\' || byte == '"')) {
          put(1, byte == '\\' ? "\\\\" : "\\\"");
          break;
        }
        put(1, one);
        break;
      }
    }
  }
  if (bad_utf8 != std::string_view::npos) {
    return make_error(
        where() +
        "không phải UTF-8 hợp lệ; hãy lưu tệp kế hoạch dạng UTF-8 / not valid UTF-8; save the "
        "plan file as UTF-8");
  }
  if (line_changed) columns_[line] = std::move(line_columns);
  return {};
}

}  // namespace

Result<Plan> parse_plan(std::string_view toml_text, const std::string& name) {
  if (toml_text.size() > limits::plan_size_bytes_max) {
    return make_error(name + ": the plan file is " + std::to_string(toml_text.size()) +
                      " bytes; at most " + std::to_string(limits::plan_size_bytes_max) +
                      " bytes are allowed");
  }
  AsciiPlanText ascii;
  if (auto prepared = ascii.prepare(toml_text, name); !prepared) return prepared.error();
  toml::table root;
  try {
    root = toml::parse(ascii.text(), name);
  } catch (const toml::parse_error& error) {
    const auto& begin = error.source().begin;
    const int line = static_cast<int>(begin.line);
    return make_error(name + ":" + std::to_string(line) + ":" +
                      std::to_string(ascii.original_column(line, static_cast<int>(begin.column))) +
                      ": not valid TOML: " + std::string(error.description()));
  }

  Plan plan;
  plan.source_text = std::string(toml_text);
  PlanReader reader(name, &ascii);
  // Order matters: groups before indicators (group ids), indicators before
  // rules and targets (codes).
  read_top(reader, root, plan);
  read_groups(reader, root, plan);
  read_indicators(reader, root, plan);
  read_units(reader, root, name, plan);
  read_rules(reader, root, plan);
  read_targets(reader, root, plan);
  if (reader.failed()) return reader.error();
  plan.unit_name_keys_hash = unit_names_hash(plan.units);
  return plan;
}

Result<Plan> load_plan(const std::string& path) {
  // read_file_bytes refuses a device or a socket and never waits on a FIFO.
  auto file = read_file_bytes(path);
  if (!file) {
    // read_file_bytes's message begins with the path: said once.
    const std::string& why = file.error().message;
    const bool named = why.rfind(path + ": ", 0) == 0;
    return make_error(
        path + ": cannot open the plan file: " + (named ? why.substr(path.size() + 2) : why));
  }
  return parse_plan((*file)->view(), path);
}

}  // namespace chiso
