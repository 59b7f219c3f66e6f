// The reading of a plan file, shared by its phases (plan_loader.cpp lists
// them): the text made ASCII for toml++, the reader that collects every error
// with its place, and the readers of each part of the plan. Internal to
// src/plan.
#pragma once

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

namespace chiso::plan_detail {

// The most errors reported at once; past that the file is likely not a plan.
inline constexpr size_t kErrorsMax = 30;

inline std::string join(std::initializer_list<std::string_view> words, std::string_view last_sep) {
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
inline bool is_identifier(std::string_view code) {
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

inline std::string single_quoted(std::string_view text) { return "'" + std::string(text) + "'"; }

inline std::string entry_path(std::string_view array, size_t idx) {
  return std::string(array) + "[" + std::to_string(idx) + "]";
}

inline std::optional<IndicatorKind> kind_from(std::string_view word) { return value_of(kIndicatorKindWords, word); }
inline std::optional<Consolidation> consolidation_from(std::string_view word) {
  return value_of(kConsolidationWords, word);
}
inline std::optional<Severity> severity_from(std::string_view word) { return value_of(kSeverityWords, word); }
inline std::optional<UnitKind> unit_kind_from(std::string_view word) { return value_of(kUnitKindWords, word); }

// Phase 2 (plan_sections.cpp): the plan's top-level fields, groups and
// indicators; after the units, its rules and targets.
void read_top(PlanReader& reader, const toml::table& root, Plan& plan);
void read_groups(PlanReader& reader, const toml::table& root, Plan& plan);
// [[unit_kinds]] and [[unit_groups]], before the indicators (applies_to) and
// the units name them.
void read_unit_kinds(PlanReader& reader, const toml::table& root, Plan& plan);
void read_unit_groups(PlanReader& reader, const toml::table& root, Plan& plan);
// "expected department, district or agency": the plan's kinds.
std::string unit_kinds_expected(const Plan& plan);
void read_indicators(PlanReader& reader, const toml::table& root, Plan& plan);
void read_rules(PlanReader& reader, const toml::table& root, Plan& plan);
void read_targets(PlanReader& reader, const toml::table& root, Plan& plan);
void read_year_tables(PlanReader& reader, const toml::table& root, Plan& plan);

// Phase 3 (plan_units.cpp): [[units]] entries or the units table file.
void read_units(PlanReader& reader, const toml::table& root, const std::string& plan_name, Plan& plan);

}  // namespace chiso::plan_detail
