// Phase 3 of reading a plan (plan_loader.cpp): its units, from [[units]]
// entries or from a table file (`units_file`), every name and variant unique
// whichever way it is spelled.
#include "plan/plan_reader.h"
#include "plan/unit_validity.h"

namespace chiso::plan_detail {
namespace {

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

// A unit's group, parent, validity and successors ([[units]] only): read
// with the unit, names resolved once every unit is known.
struct UnitLinks {
  std::string parent;
  std::vector<std::string> successors;
};

// valid_from and valid_to of `table` (a unit or one of its names): real
// dates, the first not after the last. True when both are fine.
bool read_days(PlanReader& reader, const toml::table& table, const std::string& path,
               std::string& valid_from, std::string& valid_to, std::string_view what) {
  valid_from = reader.text(table, path, "valid_from", false);
  valid_to = reader.text(table, path, "valid_to", false);
  bool fine = true;
  for (const char* key : {"valid_from", "valid_to"}) {
    const std::string& date = std::string_view(key) == "valid_from" ? valid_from : valid_to;
    if (!date.empty() && !is_iso_date(date)) {
      reader.fail(table[key].node()->source(), path + "." + key,
                  single_quoted(date) + " is not a date; expected YYYY-MM-DD, e.g. \"2025-06-30\"");
      fine = false;
    }
  }
  if (is_iso_date(valid_from) && is_iso_date(valid_to) && valid_to < valid_from) {
    reader.fail(table["valid_to"].node()->source(), path + ".valid_to",
                single_quoted(valid_to) + " is before valid_from " + single_quoted(valid_from) +
                    "; expected the last day " + std::string(what));
    fine = false;
  }
  return fine;
}

// `names = [{ name = "…", valid_from = "…", valid_to = "…" }, …]`: the
// unit's names of other spans (read_inline_units makes each a variant too);
// two spans never overlap.
void read_unit_names(PlanReader& reader, const toml::table& table, const std::string& path,
                     UnitValidity& validity) {
  const toml::node* names = table.get("names");
  if (names == nullptr) return;
  const auto* array = names->as_array();
  if (array == nullptr) {
    reader.fail(names->source(), path + ".names",
                "expected a list of names [{ name = \"…\", valid_to = \"YYYY-MM-DD\" }, …]");
    return;
  }
  for (size_t name_idx = 0; name_idx < array->size(); ++name_idx) {
    const toml::node& item = *array->get(name_idx);
    const std::string item_path = path + ".names[" + std::to_string(name_idx) + "]";
    const toml::table* entry = item.as_table();
    if (entry == nullptr) {
      reader.fail(item.source(), item_path, "expected { name = \"…\", valid_to = \"YYYY-MM-DD\" }");
      continue;
    }
    reader.check_keys(*entry, item_path, {"name", "short_name", "valid_from", "valid_to", "source"});
    UnitName name;
    name.name = reader.text(*entry, item_path, "name", true);
    name.short_name = reader.text(*entry, item_path, "short_name", false);
    name.source = reader.text(*entry, item_path, "source", false);
    const bool days_fine =
        read_days(reader, *entry, item_path, name.valid_from, name.valid_to, "the name was used");
    if (name.valid_from.empty() && name.valid_to.empty()) {
      reader.fail(entry->source(), item_path + ".valid_to",
                  "missing; a name of the unit's other span says when: valid_to (an earlier name) "
                  "or valid_from (a later one)");
      continue;
    }
    if (!days_fine) continue;
    for (size_t other_idx = 0; other_idx < validity.names.size(); ++other_idx) {
      const UnitName& other = validity.names[other_idx];
      const bool overlap = (name.valid_from.empty() || other.valid_to.empty() || name.valid_from <= other.valid_to) &&
                           (other.valid_from.empty() || name.valid_to.empty() || other.valid_from <= name.valid_to);
      if (overlap) {
        reader.fail(entry->source(), item_path,
                    "its days overlap those of names[" + std::to_string(other_idx) + "] (" +
                        other.name + "); expected one name on each day");
      }
    }
    if (name.name.empty()) continue;  // reported
    validity.names.push_back(std::move(name));
  }
}

void read_unit_validity(PlanReader& reader, const toml::table& table, const std::string& path,
                        Plan& plan, UnitDef& unit, UnitLinks& links) {
  const bool any = table.contains("valid_from") || table.contains("valid_to") ||
                   table.contains("succession") || table.contains("successors") ||
                   table.contains("source") || table.contains("names");
  if (!any) return;
  UnitValidity validity;
  read_days(reader, table, path, validity.valid_from, validity.valid_to, "the unit exists");
  read_unit_names(reader, table, path, validity);
  const std::string succession = reader.text(table, path, "succession", false);
  if (!succession.empty()) {
    if (auto parsed = value_of(kSuccessionWords, succession);
        parsed && *parsed != Succession::none) {
      validity.succession = *parsed;
    } else {
      reader.fail(
          table["succession"].node()->source(), path + ".succession",
          single_quoted(succession) +
              " is not a succession; expected merged_into, split_into, renamed_to or upgraded_to");
    }
  }
  links.successors = reader.text_list(table, path, "successors", false);
  validity.source = reader.text(table, path, "source", false);
  if ((validity.succession != Succession::none) != !links.successors.empty()) {
    reader.fail(table.source(), path + (links.successors.empty() ? ".successors" : ".succession"),
                links.successors.empty()
                    ? "missing; a succession names the units that followed"
                    : "missing; successors need how they followed (merged_into, "
                      "split_into, renamed_to or upgraded_to)");
  }
  if (validity.succession != Succession::none && validity.valid_to.empty()) {
    reader.fail(table.source(), path + ".valid_to",
                "missing; a unit with successors ends on a day");
  }
  unit.validity_idx = static_cast<int>(plan.unit_validity.size());
  plan.unit_validity.push_back(std::move(validity));
}

// Parents and successors name registered units (their canonical names); a
// parent chain never loops.
void resolve_unit_links(PlanReader& reader, const toml::array& entries,
                        const std::vector<UnitLinks>& links, Plan& plan) {
  std::unordered_map<std::string_view, int> by_name;
  for (size_t unit_idx = 0; unit_idx < plan.units.size(); ++unit_idx) {
    by_name.emplace(plan.units[unit_idx].name, static_cast<int>(unit_idx));
  }
  for (size_t unit_idx = 0; unit_idx < links.size() && unit_idx < plan.units.size(); ++unit_idx) {
    const toml::table& table = *entries.get(unit_idx)->as_table();
    const std::string path = entry_path("units", unit_idx) + " (" + plan.units[unit_idx].name + ")";
    UnitDef& unit = plan.units[unit_idx];
    if (!links[unit_idx].parent.empty()) {
      auto found = by_name.find(links[unit_idx].parent);
      if (found == by_name.end()) {
        reader.fail(table["parent"].node()->source(), path + ".parent",
                    single_quoted(links[unit_idx].parent) +
                        " is not a unit; expected the name of a [[units]] entry");
      } else if (found->second == static_cast<int>(unit_idx)) {
        reader.fail(table["parent"].node()->source(), path + ".parent", "names the unit itself");
      } else {
        unit.parent_idx = found->second;
      }
    }
    if (unit.validity_idx >= 0) {
      UnitValidity& validity = plan.unit_validity[static_cast<size_t>(unit.validity_idx)];
      for (const std::string& successor : links[unit_idx].successors) {
        if (by_name.count(successor) == 0) {
          reader.fail(
              table["successors"].node()->source(), path + ".successors",
              single_quoted(successor) + " is not a unit; expected the name of a [[units]] entry");
        } else if (successor == unit.name) {
          reader.fail(table["successors"].node()->source(), path + ".successors",
                      "names the unit itself");
        }
      }
      validity.successors = links[unit_idx].successors;
    }
  }
  // A loop of parents: walk up at most units.size() steps.
  for (size_t unit_idx = 0; unit_idx < plan.units.size(); ++unit_idx) {
    int at = plan.units[unit_idx].parent_idx;
    for (size_t steps = 0; at >= 0 && steps <= plan.units.size(); ++steps) {
      if (at == static_cast<int>(unit_idx)) {
        reader.fail(entries.get(unit_idx)->source(), entry_path("units", unit_idx) + ".parent",
                    "the parents of " + single_quoted(plan.units[unit_idx].name) +
                        " lead back to it; expected a tree");
        plan.units[unit_idx].parent_idx = -1;
        break;
      }
      at = plan.units[static_cast<size_t>(at)].parent_idx;
    }
  }
}

void read_inline_units(PlanReader& reader, const toml::table& root, Plan& plan) {
  const toml::array* entries = reader.tables(root, "units", true);
  if (entries == nullptr) return;
  UnitNameOwners owners;
  std::vector<UnitLinks> links;
  for (size_t entry_idx = 0; entry_idx < entries->size(); ++entry_idx) {
    const toml::table& table = *entries->get(entry_idx)->as_table();
    std::string path = entry_path("units", entry_idx);
    reader.check_keys(table, path,
                      {"name", "short_name", "variants", "kind", "group", "parent", "valid_from",
                       "valid_to", "succession", "successors", "source", "names"});
    UnitDef unit;
    unit.name = reader.text(table, path, "name", true);
    unit.short_name = reader.text(table, path, "short_name", false);
    if (unit.short_name.empty()) unit.short_name = unit.name;
    unit.variants = reader.text_list(table, path, "variants", false);
    std::string kind = reader.text(table, path, "kind", true);
    if (auto parsed = plan.find_unit_kind(kind)) {
      unit.kind = *parsed;
    } else if (!kind.empty()) {
      reader.fail(table["kind"].node()->source(), path + ".kind",
                  single_quoted(kind) + " is not a unit kind; " + unit_kinds_expected(plan));
    }
    if (std::string group = reader.text(table, path, "group", false); !group.empty()) {
      bool found = false;
      for (size_t group_idx = 0; group_idx < plan.unit_groups.size() && !found; ++group_idx) {
        if (plan.unit_groups[group_idx].id != group) continue;
        unit.group_idx = static_cast<std::uint16_t>(group_idx);
        found = true;
      }
      if (!found) {
        reader.fail(table["group"].node()->source(), path + ".group",
                    single_quoted(group) +
                        " is not a unit group; expected the id of a [[unit_groups]] entry");
      }
    }
    UnitLinks& unit_links = links.emplace_back();
    unit_links.parent = reader.text(table, path, "parent", false);
    read_unit_validity(reader, table, path, plan, unit, unit_links);
    auto claim = [&](const std::string& name, const char* key) {
      if (auto owner_idx = owners.claim(name, entry_idx, plan.unit_name_keys)) {
        reader.fail(table[key].node()->source(), path + "." + key,
                    same_name_as(name, *owner_idx, plan) + kUnitsUnique);
      }
    };
    claim(unit.name, "name");  // an empty name folds to nothing
    for (const std::string& variant : unit.variants) claim(variant, "variants");
    // A name of another span matches a table as a variant does.
    if (unit.validity_idx >= 0) {
      for (const UnitName& other : plan.unit_validity[static_cast<size_t>(unit.validity_idx)].names) {
        if (other.name == unit.name ||
            std::find(unit.variants.begin(), unit.variants.end(), other.name) != unit.variants.end()) {
          continue;
        }
        claim(other.name, "names");
        unit.variants.push_back(other.name);
      }
    }
    plan.units.push_back(std::move(unit));
  }
  resolve_unit_links(reader, *entries, links, plan);
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

// The words of a kind cell: each kind's id, Vietnamese label and words
// (kDefaultUnitKinds: sở, huyện, ngành dọc…), folded once per table.
class UnitKindWords {
 public:
  explicit UnitKindWords(const Plan& plan) : plan_(plan) {
    const std::vector<UnitKindDef>& kinds =
        plan.unit_kinds.empty() ? kDefaultUnitKinds : plan.unit_kinds;
    for (size_t kind_idx = 0; kind_idx < kinds.size(); ++kind_idx) {
      const auto kind = static_cast<UnitKind>(kind_idx);
      folded_.emplace_back(text::fold_key(kinds[kind_idx].id), kind);
      folded_.emplace_back(text::fold_key(kinds[kind_idx].label_vi), kind);
      for (const std::string& word : kinds[kind_idx].words)
        folded_.emplace_back(text::fold_key(word), kind);
    }
  }

  std::optional<UnitKind> find(std::string_view cell) const {
    // Fast path: the exact id, as generated files write it, needs no folding
    // (fold_key is the costly part of reading 10,000 rows).
    if (auto exact = plan_.find_unit_kind(cell)) return exact;
    std::string folded = text::fold_key(cell);
    if (folded.empty()) return std::nullopt;
    for (const auto& [word, kind] : folded_) {
      if (word == folded) return kind;
    }
    return std::nullopt;
  }

  // "expected department, district or agency (or sở, huyện, ngành dọc)".
  std::string expected() const {
    std::string out = unit_kinds_expected(plan_);
    const std::vector<UnitKindDef>& kinds =
        plan_.unit_kinds.empty() ? kDefaultUnitKinds : plan_.unit_kinds;
    std::string words;
    for (const UnitKindDef& kind : kinds) {
      if (kind.words.empty()) continue;
      if (!words.empty()) words += ", ";
      words += kind.words.front();
    }
    return words.empty() ? out : out + " (or " + words + ")";
  }

 private:
  const Plan& plan_;
  std::vector<std::pair<std::string, UnitKind>> folded_;
};

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
      : reader_(reader), grid_(grid), shown_(std::move(shown)), plan_(plan), kind_words_(plan) {}

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
    if (auto parsed = kind_words_.find(kind)) {
      unit.kind = *parsed;
    } else if (kind.empty()) {
      fail_at(row, kind_col_, path("kind"), "is empty; " + kind_words_.expected());
    } else {
      fail_at(row, kind_col_, path("kind"),
              single_quoted(kind) + " is not a unit kind; " + kind_words_.expected());
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
  UnitKindWords kind_words_;
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

}  // namespace

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

}  // namespace chiso::plan_detail
