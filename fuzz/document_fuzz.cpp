// Fuzz target for every ingest parser: delimited text, XLSX, DOCX (the
// format is found from the bytes), then lay_out. Not built by default; see
// fuzz/README.md. A crash found becomes a named test in tests/ingest/.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "ingest/document.h"
#include "ingest/table_layout.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  auto doc = chiso::read_document_bytes(bytes, "fuzz-input");
  if (doc.ok()) {
    auto layout = chiso::lay_out(*doc);
    (void)layout;
  }
  return 0;
}
