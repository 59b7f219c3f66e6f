// Delimited text (TSV/CSV/`;`, UTF-8 or UTF-16) straight to the text reader,
// then lay_out(): the reader's encoding, delimiter and quoting phases see
// every input, zip-looking ones included.
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "ingest/readers.h"
#include "ingest/table_layout.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  // A copy kept alive by the grid, as a mapped file is.
  auto bytes = std::make_shared<const std::string>(reinterpret_cast<const char*>(data), size);
  auto doc = chiso::detail::read_delimited(*bytes, "fuzz.tsv", bytes);
  if (doc.ok()) (void)chiso::lay_out(*doc);
  return 0;
}
