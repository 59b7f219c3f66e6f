// The shared vocabulary of a checked table: the values one unit reported for
// one period, the findings about them, and the city-wide figures. Every stage
// after ingest speaks in these types (ingest speaks in Grid/Document).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "common/enum_words.h"

namespace chiso {

enum class Severity : uint8_t { info, warning, error };
inline constexpr EnumWord<Severity> kSeverityWords[] = {
    {Severity::info, "info"}, {Severity::warning, "warning"}, {Severity::error, "error"}};
inline const char* severity_name(Severity severity) { return word_of(kSeverityWords, severity); }

// Where a cell came from, as a person would find it again in the source
// file. All 1-based; 0 means not known (e.g. a value typed on the web).
struct CellPos {
  int table_idx = 0;  // table (DOCX), sheet (XLSX) or part (text) number
  int row_idx = 0;    // row in that table / sheet / line in a text file
  int col_idx = 0;    // column in that table / sheet
};

enum class ValueState : uint8_t {
  blank,   // empty cell: not reported (never an error by itself)
  number,  // a number was read; `number` holds it
  yes,     // mark `x`; `number` is 1
  no,      // mark `0`; `number` is 0
  text,    // text that is not a number/mark (e.g. the range `86-96`), or a
           // grade (`Tốt`); no number
  // One of the plan's not-applicable markers (`-`, `N/A`, `không áp dụng`),
  // or any value of an indicator that does not apply to the unit's kind:
  // never an error, never counted, no number. `raw` keeps what was typed.
  not_applicable,
};

struct Value {
  ValueState state = ValueState::blank;
  double number = 0;  // meaningful for number/yes/no
  std::string raw;    // the cell's text as received, converted to NFC
  CellPos pos;

  bool has_number() const {
    return state == ValueState::number || state == ValueState::yes ||
           state == ValueState::no;
  }
};

// What a data row of a table is: one unit's figures, or a figure over
// several units as the table printed it (never a unit: never stored, never
// consolidated; check compares it with what chiso consolidates).
enum class RowRole : uint8_t {
  unit,
  total,     // "Tổng cộng", "Toàn thành phố": every unit of the table
  subtotal,  // "Cộng khối sở", a region in a yearbook: the units of one section
};

// One unit's row for one period.
struct UnitRow {
  int row_number = 0;     // STT as printed, else position among data rows
  std::string raw_name;   // as received, NFC
  std::string unit_name;  // canonical registered name, "" when not matched
  std::string period;     // "2024-Q4", "2025-03"...; "" when not known
  CellPos pos;            // the unit name cell
  std::vector<Value> values;  // indexed by Plan::indicators index
  // Index in Plan::units of unit_name when the reader matched it, else -1
  // (a row built otherwise); a shortcut only: unit_name is what counts.
  int unit_idx = -1;
  RowRole role = RowRole::unit;
};

struct Finding {
  Severity severity = Severity::error;
  std::string rule_id;    // plan rule id, or a built-in id such as "unit.unknown"
  std::string unit;       // canonical name when matched, else raw name
  int row = 0;            // UnitRow::row_number; 0 for table-level findings
  std::string indicator;  // indicator code, "" when the finding is about the row
  std::string message_vi;
  std::string message_en;
  std::string raw;        // the raw cell text concerned
  std::string expected;   // the expected value as text, "" when none can be computed
  std::string hint_vi;    // the likely correction, "" when none seen
  std::string hint_en;
  std::string file;
  CellPos pos;
  std::string period;
};

// A file (or an upload) a table was read from, as the store keeps it.
struct SourceFile {
  std::string name;        // file name as given
  std::string sha256_hex;  // of the file's bytes
  std::int64_t size_bytes = 0;
};

// A city-wide figure for one indicator.
struct SummaryValue {
  std::optional<double> value;  // empty when undefined (no data, zero total)
  int units_reporting = 0;      // units with a usable value for this indicator
  int yes = 0;                  // marks only
  int no = 0;
  int blank = 0;
};

struct CheckedTable {
  std::string source_file;
  std::string period;
  std::vector<std::string> title_lines;  // e.g. "PHỤ LỤC 2", the table name
  std::vector<std::string> note_lines;   // text under the table
  std::vector<UnitRow> rows;
  std::vector<Finding> findings;
  std::vector<SummaryValue> summary;     // indexed by Plan::indicators index
};

}  // namespace chiso
