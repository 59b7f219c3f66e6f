// The format readers behind read_document() (internal to ingest).
//   delimited_reader.cpp: TSV/CSV/`;` text in UTF-8 or UTF-16;
//   xlsx_reader.cpp: every sheet of a workbook → a Grid;
//   docx_reader.cpp: every top-level Word table → a Grid;
//   xml_depth.cpp: the nesting check run before any XML is parsed.
#pragma once

#include <memory>
#include <string>
#include <string_view>

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

// Error when the XML nests deeper than limits::xml_depth_max (checked by a
// scan that needs no stack), so that parsing and walking it stay bounded.
Result<void> check_xml_depth(std::string_view xml, const std::string& name,
                             const std::string& entry);

// Where a cell is in a workbook: "B3" → (row 2, col 1), 0-based. False when
// the reference is malformed.
bool parse_cell_ref(std::string_view ref, int* row, int* col);

}  // namespace chiso::detail
