// XLSX: the input is a worksheet's XML and, after the first NUL byte, the
// shared strings' XML, packed with a fixed workbook into a stored zip and
// read by read_document_bytes(), then lay_out(). The seeds are the sheet
// and strings of real appendices.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "fuzz/stored_zip.h"
#include "ingest/document.h"
#include "ingest/table_layout.h"

namespace {

constexpr std::string_view kWorkbook =
    R"(<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Phụ lục" sheetId="1" r:id="rId1"/></sheets></workbook>)";
constexpr std::string_view kRels =
    R"(<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>)";
constexpr std::string_view kStyles =
    R"(<?xml version="1.0" encoding="UTF-8"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="10"/></cellXfs></styleSheet>)";

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  const size_t nul = input.find('\0');
  const std::string_view sheet = input.substr(0, nul);
  const std::string_view strings = nul == std::string_view::npos ? std::string_view() : input.substr(nul + 1);
  const std::string zip = chiso::fuzz::stored_zip({
      {"xl/workbook.xml", std::string(kWorkbook)},
      {"xl/_rels/workbook.xml.rels", std::string(kRels)},
      {"xl/styles.xml", std::string(kStyles)},
      {"xl/sharedStrings.xml", std::string(strings)},
      {"xl/worksheets/sheet1.xml", std::string(sheet)},
  });
  auto doc = chiso::read_document_bytes(zip, "fuzz.xlsx");
  if (doc.ok()) (void)chiso::lay_out(*doc);
  return 0;
}
