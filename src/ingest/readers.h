// The format readers behind read_document() (internal to ingest).
//   delimited_reader.cpp: TSV/CSV/`;` text in UTF-8 or UTF-16;
//   xlsx_reader.cpp: every sheet of a workbook → a Grid (each sheet's XML
//     read by xlsx_sheet_reader.cpp);
//   docx_reader.cpp: every top-level Word table → a Grid;
//   xml_depth.cpp: the nesting check run before any XML is parsed.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "common/result.h"
#include "ingest/document.h"
#include "ingest/zip_archive.h"

namespace chiso::detail {

// REQUIRES: `bytes` is not a zip. `name` is used in messages. `keep`, when
// given, keeps `bytes` alive: the grid then refers to the text in place.
Result<Document> read_delimited(std::string_view bytes, const std::string& name,
                                std::shared_ptr<const void> keep = {});
Result<Document> read_xlsx(ZipArchive& zip, const std::string& name);
Result<Document> read_docx(ZipArchive& zip, const std::string& name);

// What a worksheet's cells are read with: names for messages, and from the
// workbook's other parts the shared strings and which styles show percents.
struct SheetContext {
  const std::string& name;        // the file, for messages
  const std::string& sheet_name;  // as the workbook names it
  const std::string& entry;       // the zip entry, "xl/worksheets/sheet1.xml"
  const std::vector<std::string>& shared;
  const std::vector<bool>& percent_style;  // by cell style index (s="N")
};
// Reads a worksheet part into `grid` (rows, cells, numeric cells, merges) in
// one pass over the XML, holding no tree of it (xlsx_sheet_reader.cpp).
// Errors name the sheet and the cell, or the byte where the XML is broken.
Result<void> read_sheet_xml(std::string_view xml, const SheetContext& context, Grid& grid);

// A numeric cell's value `v` as its grid text: the plain form of the number
// (15 significant digits: Excel's binary noise dropped), times 100 when its
// style shows a percent; `v` as written when it is not a finite number.
std::string xlsx_number_text(std::string_view v, bool percent);

// Error when the XML nests deeper than limits::xml_depth_max (checked by a
// scan that needs no stack), so that parsing and walking it stay bounded.
Result<void> check_xml_depth(std::string_view xml, const std::string& name,
                             const std::string& entry);

// Where a cell is in a workbook: "B3" → (row 2, col 1), 0-based. False when
// the reference is malformed.
bool parse_cell_ref(std::string_view ref, int* row, int* col);

}  // namespace chiso::detail
