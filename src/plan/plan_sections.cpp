// Phase 2 of reading a plan (plan_loader.cpp): the top-level fields, the
// groups, the unit kinds and unit groups, the indicators, the rules and the
// targets, each field checked where it is read.
#include "plan/plan_reader.h"

#include <fmt/format.h>

#include <type_traits>

namespace chiso::plan_detail {

namespace {

// The parts of the appendix's line "(Kèm theo … của …)": one line each, not
// blank, within limits::attached_line_part_bytes_max; an issuer or an English
// text only beside the Vietnamese document it belongs to.
void read_attached_to(PlanReader& reader, const toml::table& root, Plan& plan) {
  auto part = [&](const char* key, const char* example) {
    std::string value = reader.text(root, "", key, false, limits::attached_line_part_bytes_max);
    const toml::node* node = root.get(key);
    if (node == nullptr || !node->is_string() ||
        node->as_string()->get().size() > limits::attached_line_part_bytes_max) {
      return value;  // absent, or its error given
    }
    if (value.find_first_of("\r\n") != std::string::npos) {
      reader.fail(node->source(), key, "has a line break; expected one line of text");
    } else if (text::trim(value).empty()) {
      reader.fail(node->source(), key,
                  std::string("is blank; expected a text such as \"") + example +
                      "\", or no field for an appendix attached to nothing");
    }
    return value;
  };
  plan.attached_to_vi = part("attached_to_vi", "Báo cáo số …/BC-UBND");
  plan.attached_to_en = part("attached_to_en", "Report No. …/BC-UBND");
  plan.issuer_vi = part("issuer_vi", "UBND thành phố Hải Phòng");
  plan.issuer_en = part("issuer_en", "Hải Phòng City People's Committee");
  auto needs = [&](const char* key, const std::string& value, const char* other,
                   const std::string& other_value) {
    if (value.empty() || !other_value.empty()) return;
    reader.fail(root.get(key)->source(), key,
                std::string("is given without ") + other + "; expected " + other + " too");
  };
  needs("attached_to_en", plan.attached_to_en, "attached_to_vi", plan.attached_to_vi);
  needs("issuer_vi", plan.issuer_vi, "attached_to_vi", plan.attached_to_vi);
  needs("issuer_en", plan.issuer_en, "issuer_vi", plan.issuer_vi);
}

}  // namespace

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
                     "summary_row_en",
                     "place",
                     "attached_to_vi",
                     "attached_to_en",
                     "issuer_vi",
                     "issuer_en",
                     "not_applicable_markers",
                     "unit_kinds",
                     "unit_groups",
                     "value_jump_ratio",
                     "year_tables"});
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
  plan.not_applicable_markers = root.contains("not_applicable_markers")
                                    ? reader.text_list(root, "", "not_applicable_markers", false)
                                    : kDefaultNotApplicableMarkers;
  for (std::size_t entry_idx = 0; entry_idx < plan.not_applicable_markers.size(); ++entry_idx) {
    if (!text::trim(plan.not_applicable_markers[entry_idx]).empty()) continue;
    reader.fail(root["not_applicable_markers"].node()->source(),
                "not_applicable_markers[" + std::to_string(entry_idx) + "]",
                "is blank; a blank cell is \"not reported\", expected a marker such as \"-\" or "
                "\"không áp dụng\"");
  }
  if (std::string label = reader.text(root, "", "summary_row_vi", false); !label.empty()) {
    plan.summary_row_vi = std::move(label);
  }
  if (std::string label = reader.text(root, "", "summary_row_en", false); !label.empty()) {
    plan.summary_row_en = std::move(label);
  }
  plan.place = reader.text(root, "", "place", false);
  read_attached_to(reader, root, plan);
  if (auto ratio = reader.number(root, "", "value_jump_ratio", false)) {
    if (*ratio > 1 && *ratio <= 1000)
      plan.value_jump_ratio = *ratio;
    else
      reader.fail(root["value_jump_ratio"].node()->source(), "value_jump_ratio",
                  fmt::format("{} is not a ratio above 1; expected a number such as 2 (at most 1000)", *ratio));
  }
}

namespace {

// The entries [[key]] with an id, label_vi and label_en (unit kinds also
// words), the ids unique: groups of indicators, unit kinds, unit groups.
// At most `entries_max` of them (0: no limit).
template <typename Entry>
void read_labelled(PlanReader& reader, const toml::table& root, const char* key, const char* what,
                   size_t entries_max, std::vector<Entry>& out) {
  constexpr bool kHasWords = std::is_same_v<Entry, UnitKindDef>;
  const toml::array* entries = reader.tables(root, key, false);
  if (entries == nullptr) return;
  if (entries_max > 0 && entries->size() > entries_max) {
    reader.fail(entries->source(), key,
                "has " + std::to_string(entries->size()) + " entries; at most " +
                    std::to_string(entries_max) + " allowed");
    return;
  }
  std::set<std::string> ids;
  for (size_t entry_idx = 0; entry_idx < entries->size(); ++entry_idx) {
    const toml::table& table = *entries->get(entry_idx)->as_table();
    std::string path = entry_path(key, entry_idx);
    if constexpr (kHasWords) {
      reader.check_keys(table, path, {"id", "label_vi", "label_en", "words"});
    } else {
      reader.check_keys(table, path, {"id", "label_vi", "label_en"});
    }
    Entry entry;
    entry.id = reader.text(table, path, "id", true);
    entry.label_vi = reader.text(table, path, "label_vi", true);
    entry.label_en = reader.text(table, path, "label_en", false);
    if constexpr (kHasWords) entry.words = reader.text_list(table, path, "words", false);
    if (!entry.id.empty() && !ids.insert(entry.id).second) {
      reader.fail(table.source(), path + ".id",
                  single_quoted(entry.id) + " is used twice; " + what + " ids must be unique");
    }
    out.push_back(std::move(entry));
  }
}

}  // namespace

void read_groups(PlanReader& reader, const toml::table& root, Plan& plan) {
  read_labelled(reader, root, "groups", "group", 0, plan.groups);
}

void read_unit_kinds(PlanReader& reader, const toml::table& root, Plan& plan) {
  // A UnitDef keeps its kind in 16 bits.
  read_labelled(reader, root, "unit_kinds", "unit kind", UnitDef::kNoUnitGroup - 1,
                plan.unit_kinds);
}

void read_unit_groups(PlanReader& reader, const toml::table& root, Plan& plan) {
  // UnitDef::kNoUnitGroup marks a unit without a group.
  read_labelled(reader, root, "unit_groups", "unit group", UnitDef::kNoUnitGroup - 1,
                plan.unit_groups);
}

namespace {

// The fields of the kinds grade, score, index and rank, and applies_to.
void read_kind_fields(PlanReader& reader, const toml::table& table, const std::string& path,
                      const Plan& plan, Indicator& indicator) {
  indicator.allowed = reader.text_list(table, path, "allowed", false);
  indicator.max = reader.number(table, path, "max", false).value_or(0);
  indicator.rank_of = reader.text(table, path, "rank_of", false);
  const std::string order = reader.text(table, path, "rank_order", false);
  if (order == "ascending") {
    indicator.rank_ascending = true;
  } else if (!order.empty() && order != "descending") {
    reader.fail(table["rank_order"].node()->source(), path + ".rank_order",
                single_quoted(order) +
                    " is not an order; expected descending (rank 1 the highest) or ascending "
                    "(rank 1 the lowest)");
  }
  indicator.applies_to = reader.text_list(table, path, "applies_to", false);
  for (size_t kind_idx = 0; kind_idx < indicator.applies_to.size(); ++kind_idx) {
    if (plan.find_unit_kind(indicator.applies_to[kind_idx])) continue;
    reader.fail(table["applies_to"].node()->source(),
                path + ".applies_to[" + std::to_string(kind_idx) + "]",
                single_quoted(indicator.applies_to[kind_idx]) + " is not a unit kind; " +
                    unit_kinds_expected(plan));
  }
  const toml::node* components = table.get("components");
  if (components == nullptr) return;
  const auto* array = components->as_array();
  if (array == nullptr) {
    reader.fail(components->source(), path + ".components",
                "expected a list of components [{ indicator = \"…\", weight = 1 }, …]");
    return;
  }
  for (size_t component_idx = 0; component_idx < array->size(); ++component_idx) {
    const toml::node& item = *array->get(component_idx);
    const std::string item_path = path + ".components[" + std::to_string(component_idx) + "]";
    const toml::table* entry = item.as_table();
    if (entry == nullptr) {
      reader.fail(item.source(), item_path, "expected { indicator = \"…\", weight = 1 }");
      continue;
    }
    reader.check_keys(*entry, item_path, {"indicator", "weight"});
    Indicator::Component component;
    component.indicator = reader.text(*entry, item_path, "indicator", true);
    component.weight = reader.number(*entry, item_path, "weight", false).value_or(1);
    indicator.components.push_back(std::move(component));
  }
}

// What each kind needs and allows, once every code is known.
template <typename Where>
void check_kind_fields(PlanReader& reader, const Plan& plan, size_t entry_idx, const Where& where,
                       const std::string& path) {
  const Indicator& indicator = plan.indicators[entry_idx];
  const IndicatorKind kind = indicator.kind;
  const bool scored = kind == IndicatorKind::score || kind == IndicatorKind::index;
  auto only_for = [&](bool present, bool allowed_here, std::string_view key,
                      std::string_view kinds) {
    if (present && !allowed_here) {
      reader.fail(where(key), path + "." + std::string(key),
                  "is only used with kind = " + std::string(kinds));
    }
  };
  only_for(!indicator.allowed.empty(), kind == IndicatorKind::grade, "allowed", "\"grade\"");
  only_for(indicator.max != 0, scored, "max", "\"score\" or \"index\"");
  only_for(!indicator.components.empty(), kind == IndicatorKind::index, "components", "\"index\"");
  only_for(!indicator.rank_of.empty(), kind == IndicatorKind::rank, "rank_of", "\"rank\"");
  only_for(indicator.rank_ascending, kind == IndicatorKind::rank, "rank_order", "\"rank\"");
  if (scored && indicator.max < 0) {
    reader.fail(where("max"), path + ".max",
                "is negative; expected the top of the scale, e.g. 10 or 100");
  }
  const bool none = indicator.consolidation == Consolidation::none;
  switch (kind) {
    case IndicatorKind::grade:
      if (indicator.allowed.empty()) {
        reader.fail(where("kind"), path + ".allowed",
                    "missing; a grade lists its values, e.g. [\"Xuất sắc\", \"Tốt\", \"Khá\"]");
      }
      if (!none) {
        reader.fail(where("consolidation"), path + ".consolidation",
                    "a grade has no city-wide figure; expected none");
      }
      break;
    case IndicatorKind::score:
      if (indicator.max == 0) {
        reader.fail(where("kind"), path + ".max",
                    "missing; a score needs the top of its scale, e.g. max = 10");
      }
      [[fallthrough]];
    case IndicatorKind::index:
      if (indicator.consolidation == Consolidation::sum ||
          indicator.consolidation == Consolidation::ratio) {
        reader.fail(where("consolidation"), path + ".consolidation",
                    "scores are not added up; expected mean, weighted_mean or none");
      }
      break;
    case IndicatorKind::rank:
      if (!none) {
        reader.fail(where("consolidation"), path + ".consolidation",
                    "a rank has no city-wide figure; expected none");
      }
      if (indicator.rank_of.empty()) {
        reader.fail(where("kind"), path + ".rank_of",
                    "missing; a rank names the indicator it ranks by");
      }
      break;
    default:
      break;
  }
  if (kind == IndicatorKind::index && indicator.components.empty()) {
    reader.fail(
        where("kind"), path + ".components",
        "missing; an index is the weighted sum of its components, e.g. [{ indicator = \"a\", "
        "weight = 0.5 }]");
  }
  auto number_code = [&](const std::string& code, const std::string& field_path,
                         std::string_view key) {
    const int idx = plan.indicator_index(code);
    if (idx < 0) {
      reader.fail(where(key), field_path,
                  single_quoted(code) + " names no indicator; expected an indicator code");
    } else if (static_cast<size_t>(idx) == entry_idx) {
      reader.fail(where(key), field_path, "names the indicator itself");
    } else if (const IndicatorKind used = plan.indicators[static_cast<size_t>(idx)].kind;
               used == IndicatorKind::mark || used == IndicatorKind::grade ||
               used == IndicatorKind::rank) {
      reader.fail(where(key), field_path,
                  single_quoted(code) + " is a " + word_of(kIndicatorKindWords, used) +
                      "; expected a number indicator (a score, an index, a count…)");
    }
  };
  if (!indicator.rank_of.empty()) number_code(indicator.rank_of, path + ".rank_of", "rank_of");
  for (size_t component_idx = 0; component_idx < indicator.components.size(); ++component_idx) {
    const std::string& code = indicator.components[component_idx].indicator;
    if (code.empty()) continue;
    number_code(code, path + ".components[" + std::to_string(component_idx) + "].indicator",
                "components");
  }
}

}  // namespace

std::string unit_kinds_expected(const Plan& plan) {
  const std::vector<UnitKindDef>& kinds =
      plan.unit_kinds.empty() ? kDefaultUnitKinds : plan.unit_kinds;
  std::string out = "expected ";
  for (size_t kind_idx = 0; kind_idx < kinds.size(); ++kind_idx) {
    if (kind_idx > 0) out += kind_idx + 1 == kinds.size() ? " or " : ", ";
    out += kinds[kind_idx].id;
  }
  return out;
}

void read_indicators(PlanReader& reader, const toml::table& root, Plan& plan) {
  const toml::array* entries = reader.tables(root, "indicators", true);
  if (entries == nullptr) return;
  std::unordered_map<std::string, size_t> first_use;
  for (size_t entry_idx = 0; entry_idx < entries->size(); ++entry_idx) {
    const toml::table& table = *entries->get(entry_idx)->as_table();
    std::string path = entry_path("indicators", entry_idx);
    reader.check_keys(table, path,
                      {"code", "group", "label_vi", "label_en", "variants", "kind", "consolidation",
                       "weight", "formula", "decimals", "allowed", "max", "components", "rank_of",
                       "rank_order", "applies_to"});
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
                  single_quoted(kind) +
                      " is not a kind; expected count, days, percent, mark, grade, score, index or "
                      "rank");
    }
    std::string consolidation = reader.text(table, path, "consolidation", true);
    if (auto parsed = consolidation_from(consolidation)) {
      indicator.consolidation = *parsed;
    } else if (!consolidation.empty()) {
      reader.fail(table["consolidation"].node()->source(), path + ".consolidation",
                  single_quoted(consolidation) +
                      " is not a consolidation method; expected sum, ratio, weighted_mean, mean, "
                      "mark_count or none");
    }
    read_kind_fields(reader, table, path, plan, indicator);
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
    } else if (indicator.kind == IndicatorKind::count || indicator.kind == IndicatorKind::mark ||
               indicator.kind == IndicatorKind::grade || indicator.kind == IndicatorKind::rank) {
      indicator.decimals = 0;
    }
    indicator.not_applicable = plan.not_applicable_markers;
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
    bool none = indicator.consolidation == Consolidation::none;
    if (table.get("kind") && table.get("consolidation") && !none && is_mark != counts_marks) {
      reader.fail(where("consolidation"), path + ".consolidation",
                  is_mark ? "a mark is consolidated by mark_count (or none)"
                          : "mark_count is only for kind = \"mark\"");
    }
    check_kind_fields(reader, plan, entry_idx, where, path);
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
    if (!target.unit_kind.empty() && !plan.find_unit_kind(target.unit_kind)) {
      reader.fail(
          table["unit_kind"].node()->source(), path + ".unit_kind",
          single_quoted(target.unit_kind) + " is not a unit kind; " + unit_kinds_expected(plan));
    }
    target.source = reader.text(table, path, "source", false);
    plan.targets.push_back(std::move(target));
  }
}

// [[year_tables]]: which indicator a table laid out by year holds.
void read_year_tables(PlanReader& reader, const toml::table& root, Plan& plan) {
  const toml::array* entries = reader.tables(root, "year_tables", false);
  if (entries == nullptr) return;
  size_t without_titles = 0;
  for (size_t entry_idx = 0; entry_idx < entries->size(); ++entry_idx) {
    const toml::table& table = *entries->get(entry_idx)->as_table();
    std::string path = entry_path("year_tables", entry_idx);
    reader.check_keys(table, path, {"indicator", "titles"});
    YearTable year_table;
    year_table.indicator = reader.text(table, path, "indicator", true);
    const int indicator_idx = plan.indicator_index(year_table.indicator);
    if (!year_table.indicator.empty() && indicator_idx < 0) {
      reader.fail(table["indicator"].node()->source(), path + ".indicator",
                  single_quoted(year_table.indicator) + " names no indicator; expected an indicator code");
    } else if (indicator_idx >= 0 &&
               plan.indicators[static_cast<size_t>(indicator_idx)].kind == IndicatorKind::rank) {
      reader.fail(table["indicator"].node()->source(), path + ".indicator",
                  single_quoted(year_table.indicator) +
                      " is a rank, which is checked across one period's rows; expected an indicator "
                      "each unit has a value of every year");
    }
    year_table.titles = reader.text_list(table, path, "titles", false);
    if (year_table.titles.empty() && ++without_titles == 2) {
      reader.fail(table.source(), path + ".titles",
                  "missing; only one [[year_tables]] entry may go without titles (it takes every table "
                  "laid out by year the others do not)");
    }
    plan.year_tables.push_back(std::move(year_table));
  }
}

}  // namespace chiso::plan_detail
