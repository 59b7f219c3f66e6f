// Arbitrary bytes to read_document_bytes() (text, XLSX or DOCX: the format
// is found from the content, as for an upload) and then lay_out(). Bad input
// must give an error, never a crash or a hang.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "ingest/document.h"
#include "ingest/table_layout.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  auto doc = chiso::read_document_bytes(bytes, "fuzz-input");
  if (doc.ok()) (void)chiso::lay_out(*doc);
  return 0;
}
