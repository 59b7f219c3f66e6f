// Reading a file into grids: the format is found from the content (zip with
// word/document.xml → DOCX, xl/workbook.xml → XLSX, else delimited text), not
// trusted from the file name.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "common/result.h"
#include "ingest/grid.h"

namespace chiso {

struct Document {
  std::string path;    // as given by the user, for messages
  std::string format;  // "text", "xlsx", "docx"
  std::vector<Grid> grids;
  // Text outside the tables, in order: bold title lines ("**PHỤ LỤC 2**" →
  // "PHỤ LỤC 2"), DOCX paragraphs, the note line under the table.
  std::vector<std::string> lines_before;
  std::vector<std::string> lines_after;
};

// Reads a file. Errors (exit code 2 in the CLI) name the file and what is
// wrong: too large, not a table file, a broken zip, a zip bomb, XML too deep.
Result<Document> read_document(const std::string& path);
// The same from bytes already in memory (uploads); `name` is used in messages.
Result<Document> read_document_bytes(std::string_view bytes, const std::string& name);

}  // namespace chiso
