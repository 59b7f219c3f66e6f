// for_each_row: the data rows of a bound table, one UnitRow at a time.
//
// Built for the 1.2-million-row history: one UnitRow buffer is reused (its
// strings keep their capacity), each part's columns are resolved once, and
// the ICU work (NFC, folded keys, period parsing) is done once per distinct
// unit name or period text, not once per row.
#include <algorithm>
#include <cstdint>
#include <string>
#include <unordered_map>

#include "common/follow_map.h"
#include "common/number.h"
#include "common/text.h"
#include "ingest/table_layout.h"
#include "plan/binding.h"
#include "plan/period.h"

namespace chiso {

namespace {

struct TextHash {
  using is_transparent = void;
  size_t operator()(std::string_view text) const { return std::hash<std::string_view>{}(text); }
};

template <class T>
using TextMap = std::unordered_map<std::string, T, TextHash, std::equal_to<>>;

// Distinct names or periods remembered; past this the cache starts over (a
// file of millions of distinct names is not a unit report, but still works).
constexpr size_t kCacheEntriesMax = 1 << 17;

// The plan's total and subtotal wordings, folded once (Plan::total_row_wordings
// says how they match).
class TotalWordings {
 public:
  explicit TotalWordings(const Plan& plan) {
    for (const std::string& wording : plan.total_row_wordings) add(totals_, wording);
    for (const std::string& wording : plan.subtotal_row_wordings) add(subtotals_, wording);
  }

  RowRole role(std::string_view name) const {
    if (totals_.empty() && subtotals_.empty()) return RowRole::unit;
    const std::string full = text::fold_key(name);
    if (full.empty()) return RowRole::unit;
    // The words before a separator: "TỔNG SỐ - TOTAL" → "tổng số".
    std::string head;
    static constexpr std::string_view kSeparators[] = {" - ", " – ", " — ", "(", ":", "/"};
    size_t cut = std::string_view::npos;
    for (std::string_view separator : kSeparators) cut = std::min(cut, name.find(separator));
    if (cut != std::string_view::npos && cut > 0) head = text::fold_key(name.substr(0, cut));
    auto listed = [](const std::vector<std::string>& list, std::string_view key) {
      return !key.empty() && std::find(list.begin(), list.end(), key) != list.end();
    };
    if (listed(totals_, full) || listed(totals_, head)) return RowRole::total;
    if (listed(subtotals_, full) || listed(subtotals_, head)) return RowRole::subtotal;
    for (const std::string& wording : subtotals_) {
      if (full.size() > wording.size() && full.compare(0, wording.size(), wording) == 0 &&
          full[wording.size()] == ' ') {
        return RowRole::subtotal;
      }
    }
    return RowRole::unit;
  }

 private:
  static void add(std::vector<std::string>& list, const std::string& wording) {
    std::string key = text::fold_key(wording);
    if (!key.empty()) list.push_back(std::move(key));
  }
  std::vector<std::string> totals_;
  std::vector<std::string> subtotals_;
};

struct KnownUnit {
  std::string raw_name;   // trimmed, NFC
  std::string unit_name;  // canonical, "" when not registered
  int unit_idx = -1;      // in Plan::units, -1 when not registered
  RowRole role = RowRole::unit;  // total/subtotal only when not registered
};

class UnitCache {
 public:
  UnitCache(const Plan& plan, const UnitMatcher& units)
      : plan_(plan), units_(units), wordings_(plan) {}

  // A FollowMap: a history repeats the same units in the same order every
  // period, so most cells are found without hashing the name. A table of one
  // period names each unit once: remembering the names would only cost
  // work, so without a period column nothing is kept. The entry returned lives until the next call.
  void set_remembering(bool remembering) { remembering_ = remembering; }
  const KnownUnit& get(std::string_view cell) {
    if (!remembering_) {
      fill(cell, last_);
      return last_;
    }
    if (const KnownUnit* known = cache_.find(cell)) return *known;
    if (cache_.size() >= kCacheEntriesMax) cache_.clear();
    KnownUnit known;
    fill(cell, known);
    return cache_.add(cell, std::move(known));
  }

 private:
  void fill(std::string_view cell, KnownUnit& known) {
    known.raw_name = text::to_nfc(text::trim(cell));
    const int unit_idx = units_.match(known.raw_name, last_unit_idx_);
    if (unit_idx >= 0) {
      last_unit_idx_ = unit_idx;
      known.unit_name = plan_.units[static_cast<size_t>(unit_idx)].name;
    } else {
      known.unit_name.clear();
    }
    known.unit_idx = unit_idx;
    known.role = unit_idx >= 0 ? RowRole::unit : wordings_.role(known.raw_name);
  }

  const Plan& plan_;
  const UnitMatcher& units_;
  TotalWordings wordings_;
  bool remembering_ = true;
  FollowMap<KnownUnit> cache_;
  KnownUnit last_;  // when not remembering
  int last_unit_idx_ = -1;  // the unit last matched, whose next is tried first
};

class PeriodCache {
 public:
  explicit PeriodCache(const std::string& default_period) : default_(default_period) {}

  // The period of a period cell: normalised, the default when blank, nullptr
  // when it cannot be read (detail::is_unreadable_period: bind_table reports
  // it, and the row is skipped).
  const std::string* get(std::string_view cell) {
    // A history is sorted by period: most rows repeat the last one.
    if (last_valid_ && last_cell_ == cell) return last_;
    auto found = cache_.find(cell);
    if (found == cache_.end()) found = cache_.emplace(std::string(cell), read(cell)).first;
    last_cell_.assign(cell.data(), cell.size());
    last_valid_ = true;
    last_ = found->second ? &*found->second : nullptr;
    return last_;
  }

 private:
  std::optional<std::string> read(std::string_view cell) {
    if (cache_.size() >= kCacheEntriesMax) {
      cache_.clear();
      last_valid_ = false;
    }
    std::string_view trimmed = text::trim(cell);
    if (trimmed.empty()) return default_;
    return normalize_period(trimmed);
  }

  std::string default_;
  TextMap<std::optional<std::string>> cache_;
  std::string last_cell_;
  bool last_valid_ = false;            // last_cell_ and last_ hold a cell's answer
  const std::string* last_ = nullptr;  // into cache_ (node-based: stable)
};

}  // namespace

// The row number printed in the STT column; 0 when the cell holds none.
int detail::printed_row_number(std::string_view cell) {
  std::string_view digits = text::trim(cell);
  if (!digits.empty() && digits.back() == '.') digits.remove_suffix(1);  // "1."
  if (digits.empty() || digits.size() > 9) return 0;
  int number = 0;
  for (char c : digits) {
    if (c < '0' || c > '9') return 0;
    number = number * 10 + (c - '0');
  }
  return number;
}

namespace {

struct IndicatorColumn {
  int col_idx;
  int indicator_idx;
};

}  // namespace

void for_each_row(const Plan& plan, const Document& doc, const TableLayout& layout,
                  const TableBinding& binding, const UnitMatcher& units,
                  const std::string& default_period,
                  const std::function<bool(UnitRow&)>& on_row) {
  UnitCache unit_cache(plan, units);
  PeriodCache period_cache(default_period);
  const size_t indicator_count = plan.indicators.size();
  UnitRow row;
  int position = 0;  // among the data rows of the whole table

  for (size_t part_idx = 0; part_idx < layout.parts.size() && part_idx < binding.parts.size();
       ++part_idx) {
    const TablePart& part = layout.parts[part_idx];
    if (part.grid_idx < 0 || static_cast<size_t>(part.grid_idx) >= doc.grids.size()) continue;
    if (binding.parts[part_idx].chiso_table) continue;
    const Grid& grid = doc.grids[static_cast<size_t>(part.grid_idx)];

    // Resolve this part's columns once.
    const detail::PartColumns columns = detail::part_columns(binding.parts[part_idx], indicator_count);
    if (columns.unread) continue;  // year_table.no_indicator
    const int number_col = columns.number_col;
    const int name_col = columns.name_col;
    const int period_col = columns.period_col;
    std::vector<IndicatorColumn> indicator_cols;
    for (const auto& [col_idx, indicator_idx] : columns.indicator_cols) indicator_cols.push_back({col_idx, indicator_idx});

    unit_cache.set_remembering(period_col >= 0);
    const int last_row = std::min(part.data_row_last, grid.row_count() - 1);
    auto next_section = part.section_rows.begin();
    for (int grid_row = std::max(part.data_row_first, 0); grid_row <= last_row; ++grid_row) {
      while (next_section != part.section_rows.end() && *next_section < grid_row) ++next_section;
      if (next_section != part.section_rows.end() && *next_section == grid_row) continue;
      std::string_view name_cell = name_col >= 0 ? grid.cell(grid_row, name_col) : std::string_view();
      // "Tổng cộng" merged across the row number and name cells.
      const std::string_view number_cell =
          number_col >= 0 ? text::trim(grid.cell(grid_row, number_col)) : std::string_view();
      int merged_name_col = -1;  // a wording left of the name column, read as the name
      if (text::trim(name_cell).empty() && !number_cell.empty() && detail::printed_row_number(number_cell) == 0 &&
          !is_section_number(number_cell)) {
        name_cell = number_cell;
      } else if (text::trim(name_cell).empty() && number_col < 0) {
        // "Trung bình" merged across a rank column and the name column.
        for (int col = 0; col < name_col; ++col) {
          const std::string_view cell = text::trim(grid.cell(grid_row, col));
          if (cell.empty()) continue;
          if (detail::printed_row_number(cell) == 0 && !is_section_number(cell) && !number::parse(cell)) {
            name_cell = cell;
            merged_name_col = col;
          }
          break;
        }
      }
      // A blank row (no name, no value) is layout, not data.
      bool blank = text::trim(name_cell).empty();
      for (size_t column_idx = 0; blank && column_idx < indicator_cols.size(); ++column_idx) {
        blank = text::trim(grid.cell(grid_row, indicator_cols[column_idx].col_idx)).empty();
      }
      for (size_t column_idx = 0; blank && column_idx < columns.year_cols.size(); ++column_idx) {
        blank = text::trim(grid.cell(grid_row, columns.year_cols[column_idx].first)).empty();
      }
      if (blank) continue;
      ++position;
      const std::string* period = &default_period;
      if (period_col >= 0) {
        period = period_cache.get(grid.cell(grid_row, period_col));
        if (period == nullptr) continue;  // period.invalid, reported by bind_table
      }

      const int source_row = grid.source_row(grid_row);
      // on_row may have moved the values out: restore the shape.
      if (row.values.size() != indicator_count) row.values.assign(indicator_count, Value{});
      for (Value& value : row.values) {
        value.state = ValueState::blank;
        value.number = 0;
        value.raw.clear();
        value.pos = CellPos{};
      }

      int printed = detail::printed_row_number(number_cell);
      row.row_number = printed > 0 ? printed : position;
      const KnownUnit& unit = unit_cache.get(name_cell);
      row.raw_name = unit.raw_name;
      row.unit_name = unit.unit_name;
      row.unit_idx = unit.unit_idx;
      row.role = unit.role;
      // "I | Khối sở | 1.234 | …": a numbered section with figures is its subtotal.
      if (row.role == RowRole::unit && unit.unit_idx < 0 && is_section_number(number_cell)) {
        row.role = RowRole::subtotal;
      }
      row.period = *period;
      row.pos = CellPos{grid.source_idx, source_row, (merged_name_col >= 0 ? merged_name_col : name_col) + 1};

      for (const IndicatorColumn& column : indicator_cols) {
        if (column.col_idx == merged_name_col) continue;  // the wording, not a value
        const Indicator& indicator = plan.indicators[static_cast<size_t>(column.indicator_idx)];
        parse_value_into(indicator, grid.cell(grid_row, column.col_idx),
                         CellPos{grid.source_idx, source_row, column.col_idx + 1},
                         grid.is_numeric(grid_row, column.col_idx),
                         row.values[static_cast<size_t>(column.indicator_idx)]);
      }
      if (columns.year_cols.empty()) {
        if (!on_row(row)) return;
        continue;
      }
      // Laid out by year: a row for each year with a cell, that year's value
      // alone (on_row may have moved the row's members out: set again).
      const auto year_idx = static_cast<size_t>(columns.year_indicator_idx);
      const Indicator& indicator = plan.indicators[year_idx];
      const RowRole role = row.role;
      for (const auto& [col_idx, year_period] : columns.year_cols) {
        const std::string_view cell = grid.cell(grid_row, col_idx);
        if (text::trim(cell).empty()) continue;
        row.values.assign(indicator_count, Value{});
        parse_value_into(indicator, cell, CellPos{grid.source_idx, source_row, col_idx + 1},
                         grid.is_numeric(grid_row, col_idx), row.values[year_idx]);
        row.row_number = printed > 0 ? printed : position;
        row.raw_name = unit.raw_name;
        row.unit_name = unit.unit_name;
        row.unit_idx = unit.unit_idx;
        row.role = role;
        row.period = year_period;
        row.pos = CellPos{grid.source_idx, source_row, name_col + 1};
        if (!on_row(row)) return;
      }
    }
  }
}

}  // namespace chiso
