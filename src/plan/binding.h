// Binding a laid-out table to a plan: each column to an indicator by its
// header text (folded, with the plan's variant wordings), each row's name to a
// registered unit, each cell to a Value. Never by position; a header that
// matches nothing is reported, never silently dropped.
#pragma once

#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "common/model.h"
#include "common/result.h"
#include "ingest/document.h"
#include "ingest/table_layout.h"
#include "plan/plan.h"

namespace chiso {

// year: a column of a table laid out by year ("2015", "Năm 2022", "Sơ bộ
// 2016"; ingest's year_heading): the values of PartBinding::year_indicator_idx
// in that year.
enum class ColumnRole { row_number, unit_name, period, indicator, year, unknown };

struct ColumnBinding {
  int col_idx = 0;
  ColumnRole role = ColumnRole::unknown;
  int indicator_idx = -1;   // for role == indicator
  std::string header_text;  // group + " / " + label as found, for messages
  std::string period;       // for role == year: "2016"
};

struct PartBinding {
  std::vector<ColumnBinding> columns;
  // A table chiso itself writes beside the appendix (the findings, the
  // comparison with the previous period, the targets): not data, not walked.
  bool chiso_table = false;
  // A part laid out by year: the indicator its year columns hold (the plan's
  // [[year_tables]] entry its title names); -1 when the plan names none, and
  // then its year columns are not read (year_table.no_indicator).
  int year_indicator_idx = -1;
};

struct TableBinding {
  std::vector<PartBinding> parts;     // parallel to TableLayout::parts
  std::vector<Finding> findings;      // unmatched headers, missing columns
};

// Findings (file and header cell set, raw = the header text, both messages):
//   header.unknown        warning  a header matching nothing, or data under no header
//   header.ambiguous      warning  a header matching indicators of several groups
//   header.duplicate      warning  a second column for an indicator (the first is read)
//   header.no_unit_column error    a part with data rows and no unit name column
//                                  (its rows cannot be tied to units)
//   row.unplaced          error    each data row of such a part with no
//                                  indicator column either (at most 100 a part)
//   header.chiso_table    info     a findings, comparison or targets table as
//                                  chiso writes them: skipped
//   header.missing        info     an indicator with a column in no part
//   period.invalid        error    a data row whose period cell holds text that
//                                  is not a period ("2025-13", "abc"): the finding
//                                  is at that cell and for_each_row skips the row
//   year_table.no_indicator error  a part laid out by year (columns "2010 … 2015")
//                                  whose title names no [[year_tables]] entry of
//                                  the plan: its year columns are not read
// A part laid out by year (a column heading is a year, ingest's year_heading,
// and no indicator's wording) takes its unit names from the column with a
// blank header before the first year column; each year column's period is
// its year ("Sơ bộ 2016" → "2016").
// Header wordings: the plan's (label_vi, label_en, variants, *_headers), and
// for the row number, unit and period columns also the English ones chiso
// writes ("No.", "Unit", "Period").
// Error only when no part (other than chiso's own tables) has a unit name column.
Result<TableBinding> bind_table(const Plan& plan, const Document& doc,
                                const TableLayout& layout);

// Matches a unit name to the registered units ignoring NFC/NFD, case, spacing
// and tone-mark placement; -1 when not registered.
// Thread-safe after construction (const methods only); `plan` must outlive it.
class UnitMatcher {
 public:
  explicit UnitMatcher(const Plan& plan);
  int match(std::string_view raw_name) const;
  // The same, trying first the registered name of the unit after
  // `previous` (a unit index, or -1): tables list their units in the plan's
  // order more often than not, and then no name is hashed.
  int match(std::string_view raw_name, int previous) const;
  // The registered names closest to `raw_name` for a "did you mean", in plan
  // order, none when none is close: compared without diacritics (loose_key)
  // by edit distance, so "Sở Tài chinh" suggests "Sở Tài chính". The plan's
  // unit_abbreviations are tried written out ("Công an TP Hải Phòng" →
  // "Công an thành phố Hải Phòng"); an abbreviation of several meanings
  // ("TT") can leave several names equally close, and all of them are given:
  // a suggestion never picks one silently.
  std::vector<std::string> suggestions(std::string_view raw_name) const;
  // The first of suggestions(), "" when none.
  std::string suggest(std::string_view raw_name) const;

 private:
  struct NameHash {
    using is_transparent = void;
    size_t operator()(std::string_view name) const { return std::hash<std::string_view>{}(name); }
  };
  // Built by the first suggest(), once even when threads share the matcher.
  struct LooseKeys {
    std::vector<std::pair<const std::string*, int>> names;  // those with a key, into the plan
    std::once_flag once;
    std::vector<std::pair<std::string, int>> keys;  // loose key → unit index
    // loose_key of each abbreviation's short form → its expansions.
    std::vector<std::pair<std::string, std::vector<std::string>>> abbreviations;
  };
  int lookup(std::string_view key) const;

  const Plan* plan_;
  // The folded names when the plan came without them (Plan::unit_name_keys);
  // shared by copies, as keys_ points into it.
  std::shared_ptr<const std::vector<std::string>> own_keys_;
  // Folded key → unit index, sorted; the keys are the plan's or own_keys_.
  std::vector<std::pair<std::string_view, int>> keys_;
  // Each registered name and variant exactly as written (in the plan) →
  // what match() gives for it: most tables write the registered names, and
  // an exact hit needs no fold_key.
  std::unordered_map<std::string_view, int, NameHash, std::equal_to<>> exact_;
  // What match() gives for each unit's registered name (by unit index), or
  // -2 when that name has no key (match() then looks further).
  std::vector<int> name_match_;
  std::shared_ptr<LooseKeys> loose_;
};

// Parses one cell into a Value according to the indicator's kind:
// count/days/percent by number::parse (a cell that is not a number keeps its
// raw text with state text), mark by number::parse_mark (a number other than
// 0 in a mark column is text), grade as text (the checker compares it with
// `allowed`), and one of the indicator's not-applicable markers (compared as
// written and folded: "không áp dụng", "Không áp dụng", "n/a") as
// not_applicable. `raw` is the cell as given (Grid cells are NFC).
Value parse_value(const Indicator& indicator, std::string_view cell, CellPos pos);
// Whether the trimmed text is one of the indicator's not-applicable markers
// (Indicator::not_applicable, else kDefaultNotApplicableMarkers).
bool is_not_applicable_marker(const Indicator& indicator, std::string_view trimmed);
// The same for a cell the file stored as a true number (Grid::is_numeric, an
// XLSX numeric cell): its text is the number's plain form with a dot
// ("74.05", "1.045" = 1.045), read as such, never as Vietnamese thousands.
Value parse_value(const Indicator& indicator, std::string_view cell, CellPos pos,
                  bool numeric_cell);
// As parse_value, into an existing Value (reuses its raw string's buffer).
void parse_value_into(const Indicator& indicator, std::string_view cell, CellPos pos,
                      bool numeric_cell, Value& out);

// Walks the data rows of every part in order (not section rows, not chiso's
// own tables) and calls `on_row` with each built UnitRow (values indexed by plan indicator; blank where the part has
// no column for it). Rows with no name and no value are skipped. row_number
// is the STT cell's number, else the row's position among the data rows.
// A part laid out by year gives, for each data row, one UnitRow per year
// column whose cell is not blank: that year's period, the cell as the value
// of the part's year indicator (the others blank), the row's number and name.
// Otherwise the period comes from a period column, normalised (plan/period.h); a blank
// period cell, or no period column, gives `default_period`; a row whose period
// cell cannot be read (normalize_period() fails on it) is skipped: bind_table
// reports it as period.invalid, so no row is ever kept under a period that is
// not one. The UnitRow is reused between calls: copy or
// move what you keep (moving its members out is allowed).
// A row named by one of the plan's total or subtotal wordings (and not a
// registered unit), or numbered as a section ("I", "II") with figures, comes
// with UnitRow::role total or subtotal: it is not a unit, and callers must
// neither store it nor consolidate it (check::TableChecker compares it). Rows are built one
// at a time so a 1.2-million-row table is never held as UnitRows. Returning
// false from on_row stops the walk.
void for_each_row(const Plan& plan, const Document& doc, const TableLayout& layout,
                  const TableBinding& binding, const UnitMatcher& units,
                  const std::string& default_period,
                  const std::function<bool(UnitRow&)>& on_row);

namespace detail {
// The columns of one part as the row walker reads them: the first column of
// each role, and every indicator column with its indicator (in column order).
struct PartColumns {
  int number_col = -1;
  int name_col = -1;
  int period_col = -1;
  std::vector<std::pair<int, int>> indicator_cols;  // (col_idx, indicator_idx)
  // A part laid out by year: (col_idx, period) of each year column, and the
  // indicator they hold (-1: none, the columns are not read).
  std::vector<std::pair<int, std::string>> year_cols;
  int year_indicator_idx = -1;
  // Laid out by year with no indicator named for it: nothing of it is read.
  bool unread = false;
};
PartColumns part_columns(const PartBinding& part, size_t indicator_count);
// A row with no unit name and no value: layout, not data (never a UnitRow).
bool is_blank_row(const Grid& grid, int grid_row, const PartColumns& columns);
// A period cell that is neither blank nor a period normalize_period() reads.
bool is_unreadable_period(std::string_view cell);
// The row number printed in an STT cell ("3", "3."); 0 when it holds none.
int printed_row_number(std::string_view cell);
}  // namespace detail

}  // namespace chiso
