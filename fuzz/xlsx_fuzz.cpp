// XLSX: the input is a worksheet's XML and, after the first NUL byte, the
// shared strings' XML, packed with a fixed workbook into a stored zip and
// read by read_document_bytes(), then lay_out(). When both the streamed
// sheet reader and the tree reading it replaced (xlsx_tree_reference.h)
// read the sheet, they must give the same cells, numeric flags and merges.
// The seeds are the sheet and strings of real appendices.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "fuzz/fuzz_check.h"
#include "fuzz/stored_zip.h"
#include "fuzz/xlsx_tree_reference.h"
#include "ingest/document.h"
#include "ingest/table_layout.h"

namespace {

constexpr std::string_view kWorkbook =
    R"(<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Phụ lục" sheetId="1" r:id="rId1"/></sheets></workbook>)";
constexpr std::string_view kRels =
    R"(<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>)";
constexpr std::string_view kStyles =
    R"(<?xml version="1.0" encoding="UTF-8"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="10"/></cellXfs></styleSheet>)";

// True when `xml` has a numeric character reference ("&#…;", "&#x…;") that
// the two readings decode differently by design: a value that is no XML
// character (0, a surrogate, past U+10FFFF, or digits that overflow), which
// pugixml turns into bytes that are no character either (it wraps around or
// encodes the surrogate) while the streamed reader keeps the reference as
// written; or one longer than the streamed reader decodes (11 characters
// between '&' and ';', e.g. leading zeros), which it also keeps as written.
// Such a sheet is read, not compared.
bool has_reference_read_differently(std::string_view xml) {
  for (size_t pos = xml.find("&#"); pos != std::string_view::npos; pos = xml.find("&#", pos + 1)) {
    const size_t semi = xml.find(';', pos);
    if (semi == std::string_view::npos) return false;
    if (semi - pos > 12) return true;
    const bool hex = pos + 2 < xml.size() && xml[pos + 2] == 'x';
    std::uint64_t value = 0;
    for (size_t at = pos + (hex ? 3 : 2); at < semi; ++at) {
      const char c = xml[at];
      int digit = -1;
      if (c >= '0' && c <= '9') digit = c - '0';
      if (hex && c >= 'a' && c <= 'f') digit = c - 'a' + 10;
      if (hex && c >= 'A' && c <= 'F') digit = c - 'A' + 10;
      if (digit < 0) break;
      value = value * (hex ? 16 : 10) + static_cast<std::uint64_t>(digit);
    }
    if (value == 0 || value > 0x10FFFF || (value >= 0xD800 && value <= 0xDFFF)) return true;
  }
  return false;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  const size_t nul = input.find('\0');
  const std::string_view sheet = input.substr(0, nul);
  const std::string_view strings =
      nul == std::string_view::npos ? std::string_view() : input.substr(nul + 1);
  std::vector<std::pair<std::string, std::string>> entries = {
      {"xl/workbook.xml", std::string(kWorkbook)},
      {"xl/_rels/workbook.xml.rels", std::string(kRels)},
      {"xl/styles.xml", std::string(kStyles)},
      {"xl/worksheets/sheet1.xml", std::string(sheet)},
  };
  if (nul != std::string_view::npos)
    entries.emplace_back("xl/sharedStrings.xml", std::string(strings));
  const std::string zip = chiso::fuzz::stored_zip(entries);
  auto doc = chiso::read_document_bytes(zip, "fuzz.xlsx");
  if (!doc.ok()) return 0;
  (void)chiso::lay_out(*doc);
  if (has_reference_read_differently(input)) return 0;

  std::optional<std::vector<std::string>> shared = std::vector<std::string>();
  if (nul != std::string_view::npos)
    shared = chiso::fuzz::shared_strings_by_tree(std::string(strings));
  if (!shared) return 0;
  const auto reference = chiso::fuzz::sheet_by_tree(std::string(sheet), *shared, {false, true});
  if (!reference) return 0;
  const chiso::Grid& grid = doc->grids.at(0);
  chiso::fuzz::require(grid.row_count() == reference->row_count(),
                       "row counts differ from the tree reading", input);
  for (int row = 0; row < grid.row_count(); ++row) {
    chiso::fuzz::require(grid.col_count(row) == reference->col_count(row),
                         "a row's cell count differs from the tree reading", input);
    for (int col = 0; col < grid.col_count(row); ++col) {
      chiso::fuzz::require(grid.cell(row, col) == reference->cell(row, col),
                           "a cell differs from the tree reading", input);
      chiso::fuzz::require(grid.is_numeric(row, col) == reference->is_numeric(row, col),
                           "a numeric flag differs from the tree reading", input);
    }
  }
  chiso::fuzz::require(grid.merges.size() == reference->merges.size(),
                       "merges differ from the tree reading", input);
  for (size_t idx = 0; idx < grid.merges.size(); ++idx) {
    const chiso::Merge& a = grid.merges[idx];
    const chiso::Merge& b = reference->merges[idx];
    chiso::fuzz::require(
        a.row == b.row && a.col == b.col && a.row_span == b.row_span && a.col_span == b.col_span,
        "a merge differs from the tree reading", input);
  }
  return 0;
}
