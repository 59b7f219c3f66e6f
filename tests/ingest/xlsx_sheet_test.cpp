// The worksheet read in one pass (xlsx_sheet_reader.cpp): what XML writers
// put in a sheet beyond the plain case (entities, CDATA, comments, empty
// elements, line ends), broken XML named with its byte, and the memory a
// large sheet takes (issue 18: a legal sheet of a million rows took 1.65 GB
// when its XML was parsed into a tree).
#include <gtest/gtest.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <string>
#include <utility>
#include <vector>

#include "ingest/document.h"
#include "ingest_test_util.h"

namespace chiso {
namespace {

using testing::fixtures_dir;

constexpr const char* kWorkbook =
    R"(<workbook xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Bảng" sheetId="1" r:id="rId1"/></sheets></workbook>)";
constexpr const char* kRels =
    R"(<Relationships><Relationship Id="rId1" Target="worksheets/sheet1.xml"/></Relationships>)";

// An XLSX of one sheet whose XML is `sheet`, zipped by python's zipfile.
std::string write_xlsx(const std::string& file, const std::string& sheet) {
  std::system(("mkdir -p '" + fixtures_dir() + "'").c_str());
  const std::string path = fixtures_dir() + "/" + file;
  const std::string sheet_path = path + ".sheet.xml";
  testing::write_bytes(sheet_path, sheet);
  const std::string code = "import zipfile\nwith zipfile.ZipFile('" + path +
                           "', 'w', zipfile.ZIP_DEFLATED) as z:\n"
                           "    z.writestr('xl/workbook.xml', '''" +
                           kWorkbook +
                           "''')\n"
                           "    z.writestr('xl/_rels/workbook.xml.rels', '''" +
                           kRels +
                           "''')\n"
                           "    z.write('" +
                           sheet_path + "', 'xl/worksheets/sheet1.xml')\n";
  EXPECT_TRUE(testing::run_python(code));
  std::remove(sheet_path.c_str());
  return path;
}

TEST(XlsxSheet, EntitiesCdataCommentsEmptyElementsAndLineEnds) {
  const std::string sheet =
      "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\r\n"
      "<!DOCTYPE worksheet [<!ENTITY x \"y\">]>"
      "<worksheet xmlns=\"main\"><!-- a comment --><sheetData>"
      // Row 1: named and numeric entities in text and in an attribute value.
      "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>S&#7903; Y t&#x1EBF; &amp; "
      "&lt;CN&gt;</t></is></c>"
      "<c r=\"B1\" t='str'><v>&quot;a&apos;</v></c></row>"
      // Row 2 is empty and self-closing; row 3 has an empty cell and a CDATA value.
      "<row r=\"2\"/>"
      "<row r=\"3\"><c r=\"A3\"/><c r=\"B3\" t=\"str\"><v><![CDATA[<b>&amp;</b>]]></v></c>"
      // A comment splitting a value: the first text is the value.
      "<c r=\"C3\"><v>12<!-- x -->34</v></c></row>"
      // Row 4: a line end inside a cell, CRLF in the file, a space-only text.
      "<row r=\"4\"><c r=\"A4\" t=\"inlineStr\"><is><t>Dòng một\r\nDòng hai</t></is></c>"
      "<c r=\"B4\" t=\"inlineStr\"><is><t xml:space=\"preserve\"> </t></is></c>"
      // Cells without a reference follow the one before.
      "<c t=\"b\"><v>1</v></c></row>"
      "</sheetData><mergeCells count=\"2\"><mergeCell ref=\"A1:B2\"/><mergeCell "
      "ref=\"junk\"/></mergeCells>"
      "</worksheet>\n";
  auto doc = read_document(write_xlsx("sheet-details.xlsx", sheet));
  ASSERT_TRUE(doc.ok()) << doc.error().message;
  const Grid& grid = doc->grids.at(0);
  ASSERT_EQ(grid.row_count(), 4);
  EXPECT_EQ(grid.cell(0, 0), "Sở Y tế & <CN>");
  EXPECT_EQ(grid.cell(0, 1), "\"a'");
  EXPECT_EQ(grid.col_count(1), 0);
  EXPECT_EQ(grid.cell(2, 0), "");
  EXPECT_EQ(grid.cell(2, 1), "<b>&amp;</b>");  // CDATA is taken as written
  EXPECT_EQ(grid.cell(2, 2), "12");
  EXPECT_TRUE(grid.is_numeric(2, 2));
  EXPECT_EQ(grid.cell(3, 0), "Dòng một\nDòng hai");
  EXPECT_EQ(grid.cell(3, 1), " ");
  EXPECT_EQ(grid.cell(3, 2), "TRUE");
  ASSERT_EQ(grid.merges.size(), 1u);  // the malformed one is left out
  EXPECT_EQ(grid.merges[0].row, 0);
  EXPECT_EQ(grid.merges[0].col, 0);
  EXPECT_EQ(grid.merges[0].row_span, 2);
  EXPECT_EQ(grid.merges[0].col_span, 2);
}

TEST(XlsxSheet, BrokenXmlIsNamedWithItsByte) {
  struct Case {
    const char* file;
    std::string sheet;
    const char* what;
  };
  const std::vector<Case> cases = {
      {"mismatched.xlsx", "<worksheet><sheetData><row></sheetData></worksheet>",
       "byte 27: the end tag </sheetData> does not match its start tag"},
      {"unclosed.xlsx", "<worksheet><sheetData>", "the element <sheetData> is not closed"},
      {"cut-tag.xlsx", "<worksheet><sheetData><row r=\"1", "a tag is not closed"},
      {"two-roots.xlsx", "<worksheet/><worksheet/>", "a second root element"},
      {"empty.xlsx", "", "no root element"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.file);
    auto doc = read_document(write_xlsx(c.file, c.sheet));
    ASSERT_FALSE(doc.ok());
    EXPECT_NE(doc.error().message.find("part xl/worksheets/sheet1.xml is broken XML"),
              std::string::npos)
        << doc.error().message;
    EXPECT_NE(doc.error().message.find(c.what), std::string::npos) << doc.error().message;
  }
}

// Found by fuzz/xlsx_fuzz: a row number past what an int holds overflowed
// while the error for it was written. The error says the number as written.
TEST(XlsxSheet, AHugeRowNumberIsAnErrorWithTheNumberAsWritten) {
  for (const char* number : {"99999999999", "2147483647", "20000001"}) {
    SCOPED_TRACE(number);
    const std::string sheet = std::string("<worksheet><sheetData><row r=\"") + number +
                              "\"><c><v>1</v></c></row></sheetData></worksheet>";
    auto doc = read_document(write_xlsx("huge-row.xlsx", sheet));
    ASSERT_FALSE(doc.ok());
    EXPECT_NE(doc.error().message.find(std::string("row ") + number +
                                       ": a row number out of order or over the limit"),
              std::string::npos)
        << doc.error().message;
  }
  // Out of order: row 3 after row 5.
  auto doc = read_document(write_xlsx(
      "order.xlsx", "<worksheet><sheetData><row r=\"5\"/><row r=\"3\"/></sheetData></worksheet>"));
  ASSERT_FALSE(doc.ok());
  EXPECT_NE(doc.error().message.find("row 3: a row number out of order"), std::string::npos)
      << doc.error().message;
}

// The most a child process's resident memory grew while reading `path`.
long read_peak_growth_kb(const std::string& path, bool* ok) {
  int fds[2];
  if (::pipe(fds) != 0) return -1;
  const pid_t child = ::fork();
  if (child == 0) {
    ::close(fds[0]);
    rusage before{};
    ::getrusage(RUSAGE_SELF, &before);
    auto doc = read_document(path);
    rusage after{};
    ::getrusage(RUSAGE_SELF, &after);
    const long result[2] = {doc.ok() ? 1L : 0L, after.ru_maxrss - before.ru_maxrss};
    if (::write(fds[1], result, sizeof result) != sizeof result) ::_exit(2);
    ::_exit(0);
  }
  ::close(fds[1]);
  long result[2] = {0, -1};
  const bool got = ::read(fds[0], result, sizeof result) == sizeof result;
  ::close(fds[0]);
  int status = 0;
  ::waitpid(child, &status, 0);
  *ok = got && result[0] == 1;
  return result[1];
}

#if defined(__SANITIZE_ADDRESS__)
#define CHISO_UNDER_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define CHISO_UNDER_ASAN 1
#endif
#endif

// Issue 18: a sheet of 1,048,576 rows (Excel's most) was read by parsing its
// XML into a tree, several times the XML's size in memory. Read in one
// pass, the peak is the XML itself (the zip entry, expanded) and the grid,
// which holds each cell in a few bytes: under twice the XML's size.
TEST(XlsxSheet, AMillionRowSheetIsReadWithoutItsTree) {
#ifdef CHISO_UNDER_ASAN
  GTEST_SKIP() << "memory is not measured under AddressSanitizer";
#endif
  constexpr int kRows = 1'048'576;
  constexpr int kColumns = 3;
  std::string sheet = "<worksheet><sheetData>";
  sheet.reserve(static_cast<size_t>(kRows) * kColumns * 28);
  for (int row = 1; row <= kRows; ++row) {
    const std::string r = std::to_string(row);
    sheet += "<row r=\"" + r + "\">";
    for (int col = 0; col < kColumns; ++col) {
      sheet += "<c r=\"";
      sheet += static_cast<char>('A' + col);
      sheet += r + "\"><v>" + std::to_string((row + col) % 1000) + "</v></c>";
    }
    sheet += "</row>";
  }
  sheet += "</sheetData></worksheet>";
  const size_t xml_kb = sheet.size() / 1024;
  const std::string path = write_xlsx("million-rows.xlsx", sheet);
  sheet = std::string();
  bool ok = false;
  const long growth_kb = read_peak_growth_kb(path, &ok);
  std::remove(path.c_str());
  ASSERT_TRUE(ok) << "the sheet was not read";
  std::printf("XlsxSheet: %zu KB of XML, peak growth %ld KB\n", xml_kb, growth_kb);
  EXPECT_LT(growth_kb, static_cast<long>(2 * xml_kb))
      << "reading a " << xml_kb / 1024 << " MB sheet took " << growth_kb / 1024
      << " MB more memory";
}

}  // namespace
}  // namespace chiso
