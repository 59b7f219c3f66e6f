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
#include <toml++/toml.h>

#include <cmath>
#include <fstream>
#include <initializer_list>
#include <set>
#include <sstream>
#include <string>
#include <unordered_map>

#include "common/limits.h"
#include "common/text.h"
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

class PlanReader {
 public:
  explicit PlanReader(std::string file) : file_(std::move(file)) {}

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
    if (errors_.size() >= kErrorsMax) {
      ++errors_dropped_;
      return;
    }
    std::string line = file_;
    if (where.begin.line > 0) {
      line += ":" + std::to_string(where.begin.line) + ":" + std::to_string(where.begin.column);
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
  std::vector<std::string> errors_;
  size_t errors_dropped_ = 0;
};

std::string quoted(std::string_view text) { return "'" + std::string(text) + "'"; }

std::string entry_path(std::string_view array, size_t idx) {
  return std::string(array) + "[" + std::to_string(idx) + "]";
}

std::optional<IndicatorKind> kind_from(std::string_view word) {
  if (word == "count") return IndicatorKind::count;
  if (word == "days") return IndicatorKind::days;
  if (word == "percent") return IndicatorKind::percent;
  if (word == "mark") return IndicatorKind::mark;
  return std::nullopt;
}

std::optional<Consolidation> consolidation_from(std::string_view word) {
  if (word == "sum") return Consolidation::sum;
  if (word == "ratio") return Consolidation::ratio;
  if (word == "weighted_mean") return Consolidation::weighted_mean;
  if (word == "mean") return Consolidation::mean;
  if (word == "mark_count") return Consolidation::mark_count;
  return std::nullopt;
}

std::optional<Severity> severity_from(std::string_view word) {
  if (word == "error") return Severity::error;
  if (word == "warning") return Severity::warning;
  if (word == "info") return Severity::info;
  return std::nullopt;
}

std::optional<UnitKind> unit_kind_from(std::string_view word) {
  if (word == "department") return UnitKind::department;
  if (word == "district") return UnitKind::district;
  if (word == "agency") return UnitKind::agency;
  return std::nullopt;
}

void read_top(PlanReader& reader, const toml::table& root, Plan& plan) {
  reader.check_keys(root, "",
                    {"id", "name_vi", "name_en", "appendix_vi", "title_vi", "title_en", "notes_vi",
                     "notes_en", "row_number_headers", "unit_name_headers", "period_headers",
                     "groups", "indicators", "units", "rules", "targets"});
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
      reader.fail(table.source(), path + ".id", quoted(group.id) + " is used twice; group ids must be unique");
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
                    quoted(indicator.code) +
                        " is not a code; expected letters, digits and '_', starting with a letter "
                        "(and not and/or/not/yes/no/null)");
      } else if (auto [it, inserted] = first_use.emplace(indicator.code, entry_idx); !inserted) {
        reader.fail(table["code"].node()->source(), path + ".code",
                    quoted(indicator.code) + " is used twice (also indicators[" +
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
                  quoted(kind) + " is not a kind; expected count, days, percent or mark");
    }
    std::string consolidation = reader.text(table, path, "consolidation", true);
    if (auto parsed = consolidation_from(consolidation)) {
      indicator.consolidation = *parsed;
    } else if (!consolidation.empty()) {
      reader.fail(table["consolidation"].node()->source(), path + ".consolidation",
                  quoted(consolidation) +
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
                    "the wording " + quoted(*wording) + " is also a wording of indicators[" +
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
                  quoted(indicator.group) + " is not a group; expected the id of a [[groups]] entry");
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
                      quoted(indicator.weight) + " names no indicator; expected an indicator code");
        } else if (static_cast<size_t>(weight_idx) == entry_idx) {
          reader.fail(where("weight"), path + ".weight", "an indicator cannot weight itself");
        } else if (plan.indicators[weight_idx].kind == IndicatorKind::mark) {
          reader.fail(where("weight"), path + ".weight",
                      quoted(indicator.weight) + " is a mark; a weight must be a number");
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

void read_units(PlanReader& reader, const toml::table& root, Plan& plan) {
  const toml::array* entries = reader.tables(root, "units", true);
  if (entries == nullptr) return;
  // Folded key → the entry that owns it: a name or variant may belong to one unit only.
  std::unordered_map<std::string, size_t> owner;
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
                  quoted(kind) + " is not a unit kind; expected department, district or agency");
    }
    auto claim = [&](const std::string& name, const char* key) {
      std::string folded = text::fold_key(name);
      if (folded.empty()) return;
      auto [it, inserted] = owner.emplace(folded, entry_idx);
      if (!inserted && it->second != entry_idx) {
        reader.fail(table[key].node()->source(), path + "." + key,
                    quoted(name) + " is the same name as one of units[" +
                        std::to_string(it->second) + "] (" + plan.units[it->second].name +
                        "); unit names and variants must be unique");
      }
    };
    if (!unit.name.empty()) claim(unit.name, "name");
    for (const std::string& variant : unit.variants) claim(variant, "variants");
    plan.units.push_back(std::move(unit));
  }
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
                    quoted(rule.id) + " is used twice (also rules[" + std::to_string(it->second) +
                        "]); rule ids must be unique");
      }
    }
    std::string severity = reader.text(table, path, "severity", true);
    if (auto parsed = severity_from(severity)) {
      rule.severity = *parsed;
    } else if (!severity.empty()) {
      reader.fail(table["severity"].node()->source(), path + ".severity",
                  quoted(severity) + " is not a severity; expected error, warning or info");
    }
    rule.indicator = reader.text(table, path, "indicator", false);
    if (!rule.indicator.empty() && plan.indicator_index(rule.indicator) < 0) {
      reader.fail(table["indicator"].node()->source(), path + ".indicator",
                  quoted(rule.indicator) + " names no indicator; expected an indicator code");
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
                  quoted(target.indicator) + " names no indicator; expected an indicator code");
    }
    target.op = reader.text(table, path, "op", true);
    if (!target.op.empty() && target.op != ">=" && target.op != ">" && target.op != "<=" &&
        target.op != "<" && target.op != "==") {
      reader.fail(table["op"].node()->source(), path + ".op",
                  quoted(target.op) + " is not a comparison; expected >=, >, <=, < or ==");
    }
    target.bound = reader.number(table, path, "bound", true).value_or(0);
    target.unit_kind = reader.text(table, path, "unit_kind", false);
    if (!target.unit_kind.empty() && !unit_kind_from(target.unit_kind)) {
      reader.fail(table["unit_kind"].node()->source(), path + ".unit_kind",
                  quoted(target.unit_kind) + " is not a unit kind; expected department, district or agency");
    }
    target.source = reader.text(table, path, "source", false);
    plan.targets.push_back(std::move(target));
  }
}

}  // namespace

Result<Plan> parse_plan(std::string_view toml_text, const std::string& name) {
  if (toml_text.size() > limits::plan_size_bytes_max) {
    return make_error(name + ": the plan file is " + std::to_string(toml_text.size()) +
                      " bytes; at most " + std::to_string(limits::plan_size_bytes_max) +
                      " bytes are allowed");
  }
  toml::table root;
  try {
    root = toml::parse(toml_text, name);
  } catch (const toml::parse_error& error) {
    const auto& begin = error.source().begin;
    return make_error(name + ":" + std::to_string(begin.line) + ":" +
                      std::to_string(begin.column) + ": not valid TOML: " +
                      std::string(error.description()));
  }

  Plan plan;
  plan.source_text = std::string(toml_text);
  PlanReader reader(name);
  // Order matters: groups before indicators (group ids), indicators before
  // rules and targets (codes).
  read_top(reader, root, plan);
  read_groups(reader, root, plan);
  read_indicators(reader, root, plan);
  read_units(reader, root, plan);
  read_rules(reader, root, plan);
  read_targets(reader, root, plan);
  if (reader.failed()) return reader.error();
  return plan;
}

Result<Plan> load_plan(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return make_error(path + ": cannot open the plan file");
  in.seekg(0, std::ios::end);
  std::streamoff size = in.tellg();
  if (size < 0) return make_error(path + ": cannot read the plan file");
  if (static_cast<std::uint64_t>(size) > limits::plan_size_bytes_max) {
    return make_error(path + ": the plan file is " + std::to_string(size) + " bytes; at most " +
                      std::to_string(limits::plan_size_bytes_max) + " bytes are allowed");
  }
  in.seekg(0, std::ios::beg);
  std::string bytes(static_cast<size_t>(size), '\0');
  if (!in.read(bytes.data(), size)) return make_error(path + ": cannot read the plan file");
  return parse_plan(bytes, path);
}

}  // namespace chiso
