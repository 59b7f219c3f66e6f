// Reading a file into grids: the format is found from the content (zip with
// word/document.xml → DOCX, xl/workbook.xml → XLSX, else delimited text), not
// trusted from the file name.
#pragma once

#include <memory>
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

// A file's bytes: a regular file mapped read-only (no copy, no zero fill:
// the page cache's pages themselves), a pipe read. As with
// any mapping, a file cut short by another program while it is being read
// ends the process (SIGBUS); a file replaced by a new one (the usual way
// editors and uploads write) is not affected.
class FileBytes {
 public:
  virtual ~FileBytes() = default;
  virtual std::string_view view() const = 0;
};

// The bytes of the file at `path`, within limits::file_size_bytes_max: a
// regular file, or a pipe read with the limit applied as it is read (its
// first byte awaited for limits::pipe_first_byte_wait_ms at most, so a FIFO
// that no program writes to is an error, not a hang). A directory, a
// device (/dev/zero, a terminal) or a socket is refused before any byte is
// read. Errors name the file and say why (bilingual, as read_document's).
Result<std::shared_ptr<const FileBytes>> read_file_bytes(const std::string& path);

// Reads a file. Errors (exit code 2 in the CLI) name the file and what is
// wrong: too large, not a table file, a broken zip, a zip bomb, XML too deep.
Result<Document> read_document(const std::string& path);
// The same from bytes already in memory (uploads); `name` is used in
// messages. When `keep` is given, it keeps `bytes` alive as long as the
// document may need them: a text file's grid then refers to its text in
// place instead of copying it.
Result<Document> read_document_bytes(std::string_view bytes, const std::string& name,
                                     std::shared_ptr<const void> keep = {});

}  // namespace chiso
