// What changed in a period, per unit and per cell, from one
// version to the next, and every move of a version's state. Cells are
// compared by parsed value ("100" and "100%" are the same number: no
// change); text that is not a number, by its raw text.
#include <algorithm>
#include <map>
#include <tuple>
#include <nlohmann/json.hpp>

#include "store/store_common.h"

namespace chiso::store_detail {
namespace {

struct Cell {
  std::string raw;
  std::optional<double> value;  // marks as 1/0
  bool is_text = false;
};

using Cells = std::map<std::string, Cell>;

// Empty when the stored JSON is damaged.
std::optional<Cells> parse_cells(std::string_view text) {
  Cells cells;
  auto parsed = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (!parsed.is_object()) return std::nullopt;
  for (auto item = parsed.begin(); item != parsed.end(); ++item) {
    const auto& cell = item.value();
    if (!cell.is_array() || cell.size() < 2 || !cell[0].is_string()) return std::nullopt;
    Cell& out = cells[item.key()];
    out.raw = cell[0].get<std::string>();
    if (cell[1].is_boolean()) {
      out.value = cell[1].get<bool>() ? 1.0 : 0.0;
    } else if (cell[1].is_number()) {
      out.value = cell[1].get<double>();
    } else {
      out.is_text = true;
    }
  }
  return cells;
}

bool same(const Cell* a, const Cell* b) {
  if (a == nullptr || b == nullptr) return a == b;
  if (a->is_text || b->is_text) return a->is_text == b->is_text && a->raw == b->raw;
  return a->value == b->value;
}

}  // namespace

Result<std::vector<Change>> changes_of_versions(std::string_view period, const HistoryQuery& query,
                                                const std::vector<HistoryVersion>& versions) {
  std::vector<Change> changes;
  std::string period_name(period);
  // A unit's first version shows cell by cell when one unit or indicator is
  // asked for (or first_versions_by_cell); over a whole period, as one line
  // per unit.
  const bool first_by_cell =
      query.first_versions_by_cell || !query.unit.empty() || !query.indicator.empty();
  Cells previous;
  const HistoryVersion* previous_version = nullptr;
  for (const HistoryVersion& version : versions) {
    if (previous_version != nullptr && previous_version->unit_id != version.unit_id) {
      previous_version = nullptr;
      previous.clear();
    }
    std::optional<Cells> parsed_cells = parse_cells(version.cells);
    if (!parsed_cells)
      return damaged_values(make_error(ErrorKind::internal,
                                       "giá trị lưu của lần nộp " + std::to_string(version.number) + " bị hỏng.",
                                       "the stored values of version " + std::to_string(version.number) +
                                           " are damaged."),
                            period, version.unit);
    Cells cells = std::move(*parsed_cells);
    auto base = [&](Change& change) {
      change.period = period_name;
      change.unit = version.unit;
      change.old_version = previous_version != nullptr ? previous_version->number : 0;
      change.new_version = version.number;
      change.author = version.author;
      change.changed_at_utc = version.at_utc;
      change.source = version.source;
      change.comment = version.comment;
    };
    const bool withdrawn = version.state == "withdrawn";
    const bool was_withdrawn = previous_version != nullptr && previous_version->state == "withdrawn";
    if ((previous_version == nullptr && !first_by_cell) || withdrawn || was_withdrawn) {
      if (query.with_states && query.indicator.empty() && (previous_version != nullptr || query.first_versions)) {
        Change change;
        base(change);
        change.old_state = previous_version != nullptr ? previous_version->state : "";
        change.new_state = version.state;
        changes.push_back(std::move(change));
      }
    }
    if (!withdrawn && (previous_version != nullptr || first_by_cell)) {
      std::vector<std::string> codes;
      for (const auto& [code, cell] : cells) codes.push_back(code);
      for (const auto& [code, cell] : previous)
        if (!cells.count(code)) codes.push_back(code);
      // Cells in the order the values were stored (the plan's), then removed ones.
      auto order = [&](const std::string& code) {
        std::size_t at = version.cells.find("\"" + code + "\"");
        return at == std::string::npos ? version.cells.size() : at;
      };
      std::stable_sort(codes.begin(), codes.end(),
                       [&](const std::string& a, const std::string& b) { return order(a) < order(b); });
      for (const std::string& code : codes) {
        if (!query.indicator.empty() && code != query.indicator) continue;
        auto old_cell = previous.find(code);
        auto new_cell = cells.find(code);
        const Cell* old_ptr = old_cell != previous.end() && !was_withdrawn ? &old_cell->second : nullptr;
        const Cell* new_ptr = new_cell != cells.end() ? &new_cell->second : nullptr;
        if (same(old_ptr, new_ptr)) continue;
        Change change;
        base(change);
        change.indicator = code;
        if (old_ptr != nullptr) {
          change.old_raw = old_ptr->raw;
          change.old_value = old_ptr->value;
        }
        if (new_ptr != nullptr) {
          change.new_raw = new_ptr->raw;
          change.new_value = new_ptr->value;
        }
        changes.push_back(std::move(change));
      }
    }
    previous = std::move(cells);
    previous_version = &version;
  }
  return changes;
}

void sort_changes(std::vector<Change>& changes) {
  // By time; within one millisecond (two requests on loopback can share it),
  // a unit's earlier version before its later one: a return of version 1
  // comes before the values of version 2 saved right after it.
  std::stable_sort(changes.begin(), changes.end(), [](const Change& a, const Change& b) {
    return std::tie(a.changed_at_utc, a.period, a.unit, a.new_version) <
           std::tie(b.changed_at_utc, b.period, b.unit, b.new_version);
  });
}

}  // namespace chiso::store_detail
