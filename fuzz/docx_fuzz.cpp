// DOCX: the input is word/document.xml, packed into a stored zip and read
// by read_document_bytes(), then lay_out(). The seeds are the document XML
// of real appendices (merged cells, nested tables, content controls).
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "fuzz/stored_zip.h"
#include "ingest/document.h"
#include "ingest/table_layout.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string zip = chiso::fuzz::stored_zip({
      {"word/document.xml", std::string(reinterpret_cast<const char*>(data), size)},
  });
  auto doc = chiso::read_document_bytes(zip, "fuzz.docx");
  if (doc.ok()) (void)chiso::lay_out(*doc);
  return 0;
}
