// XLSX/DOCX details real writers produce that openpyxl/python-docx do not:
// rich-text runs, inline strings, prefixed namespaces, percent styles,
// content controls, gridBefore, deleted text. Parts written by hand.
#include <gtest/gtest.h>

#include "ingest/document.h"
#include "ingest/table_layout.h"
#include "ingest_test_util.h"

namespace chiso {
namespace {

using testing::fixtures_dir;

// Zips {entry, xml} pairs with python's zipfile into `path`.
bool write_zip(const std::string& path, const std::vector<std::pair<std::string, std::string>>& parts) {
  std::system(("mkdir -p '" + fixtures_dir() + "'").c_str());
  std::string code = "import zipfile\nwith zipfile.ZipFile('" + path + "', 'w', zipfile.ZIP_DEFLATED) as z:\n";
  for (const auto& [entry, xml] : parts) {
    const std::string file = fixtures_dir() + "/part_" + std::to_string(std::hash<std::string>{}(path + entry));
    testing::write_bytes(file, xml);
    code += "    z.write('" + file + "', '" + entry + "')\n";
  }
  return testing::run_python(code);
}

TEST(OoxmlDetails, XlsxRichTextInlineStringsPercentPrefixes) {
  const std::string path = fixtures_dir() + "/details.xlsx";
  ASSERT_TRUE(write_zip(path, {
      {"xl/workbook.xml",
       R"(<x:workbook xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><x:sheets><x:sheet name="Số liệu" sheetId="1" r:id="rId7"/></x:sheets></x:workbook>)"},
      {"xl/_rels/workbook.xml.rels",
       R"(<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId7" Type="worksheet" Target="/xl/worksheets/data.xml"/></Relationships>)"},
      {"xl/sharedStrings.xml",
       R"(<x:sst xmlns:x="main"><x:si><x:t>Tên đơn vị</x:t></x:si><x:si><x:r><x:rPr><x:b/></x:rPr><x:t>Tỷ lệ</x:t></x:r><x:r><x:t xml:space="preserve"> </x:t></x:r><x:r><x:t>(%)</x:t></x:r><x:rPh><x:t>IGNORED</x:t></x:rPh></x:si><x:si><x:t>Số phòng</x:t></x:si></x:sst>)"},
      {"xl/styles.xml",
       R"(<styleSheet><numFmts count="1"><numFmt numFmtId="164" formatCode="0.0&quot;%&quot;"/></numFmts><cellXfs count="3"><xf numFmtId="0"/><xf numFmtId="10"/><xf numFmtId="164"/></cellXfs></styleSheet>)"},
      {"xl/worksheets/data.xml",
       R"(<x:worksheet xmlns:x="main"><x:sheetData>)"
       R"(<x:row r="2"><x:c r="A2" t="s"><x:v>0</x:v></x:c><x:c r="B2" t="s"><x:v>1</x:v></x:c><x:c r="C2" t="s"><x:v>2</x:v></x:c></x:row>)"
       R"(<x:row r="3"><x:c r="A3" t="inlineStr"><x:is><x:r><x:t>Sở </x:t></x:r><x:r><x:t>Y tế</x:t></x:r></x:is></x:c><x:c r="B3" s="1"><x:v>0.70679999999999998</x:v></x:c><x:c r="C3"><x:v>1.045</x:v></x:c></x:row>)"
       R"(<x:row r="4"><x:c r="A4" t="str"><x:f>"Sở "&amp;"Tư pháp"</x:f><x:v>Sở Tư pháp</x:v></x:c><x:c r="B4" s="2"><x:v>55.5</x:v></x:c><x:c r="C4" t="e"><x:v>#DIV/0!</x:v></x:c></x:row>)"
       R"(</x:sheetData></x:worksheet>)"},
  }));
  auto doc = read_document(path);
  ASSERT_TRUE(doc.ok()) << doc.error().message;
  ASSERT_EQ(doc->grids.size(), 1u);
  const Grid& grid = doc->grids[0];
  EXPECT_EQ(grid.name, "Số liệu");
  ASSERT_EQ(grid.row_count(), 4);  // row 1 is absent from the file: blank
  EXPECT_EQ(grid.col_count(0), 0);
  EXPECT_EQ(grid.cell(1, 1), "Tỷ lệ (%)");     // runs joined, phonetic run left out
  EXPECT_EQ(grid.cell(2, 0), "Sở Y tế");       // inline string with runs
  EXPECT_EQ(grid.cell(2, 1), "70.68");         // 0.7068 shown as a percent
  EXPECT_TRUE(grid.is_numeric(2, 1));
  EXPECT_EQ(grid.cell(2, 2), "1.045");         // a true number: one point 045
  EXPECT_TRUE(grid.is_numeric(2, 2));
  EXPECT_EQ(grid.cell(3, 0), "Sở Tư pháp");    // a formula's cached text
  EXPECT_FALSE(grid.is_numeric(3, 0));
  EXPECT_EQ(grid.cell(3, 1), "55.5");          // "%" in quotes is literal: not scaled
  EXPECT_EQ(grid.cell(3, 2), "#DIV/0!");
  auto layout = lay_out(*doc);
  ASSERT_TRUE(layout.ok()) << layout.error().message;
  ASSERT_EQ(layout->parts.size(), 1u);
  EXPECT_EQ(layout->parts[0].columns[1].label, "Tỷ lệ (%)");
}

TEST(OoxmlDetails, XlsxBadSharedStringIndexNamesTheCell) {
  const std::string path = fixtures_dir() + "/badsst.xlsx";
  ASSERT_TRUE(write_zip(path, {
      {"xl/workbook.xml", R"(<workbook><sheets><sheet name="A" r:id="rId1" xmlns:r="r"/></sheets></workbook>)"},
      {"xl/worksheets/sheet1.xml",
       R"(<worksheet><sheetData><row r="1"><c r="B1" t="s"><v>99</v></c></row></sheetData></worksheet>)"},
  }));
  auto doc = read_document(path);
  ASSERT_FALSE(doc.ok());
  EXPECT_NE(doc.error().message.find("cell B1: shared string 99 does not exist"), std::string::npos)
      << doc.error().message;
}

TEST(OoxmlDetails, DocxContentControlsGridBeforeDeletedText) {
  const std::string path = fixtures_dir() + "/details.docx";
  const std::string cell_open = "<w:tc><w:p><w:r><w:t>";
  const std::string cell_close = "</w:t></w:r></w:p></w:tc>";
  auto cell = [&](const std::string& t) { return cell_open + t + cell_close; };
  ASSERT_TRUE(write_zip(path, {
      {"word/document.xml",
       R"(<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>)"
       R"(<w:p><w:r><w:t>PHỤ LỤC</w:t></w:r><w:r><w:tab/><w:t>2</w:t></w:r></w:p>)"
       R"(<w:sdt><w:sdtContent><w:tbl>)"
       "<w:tr>" + cell("STT") + cell("Tên đơn vị") + cell("Số phòng") + "</w:tr>"
       "<w:tr>" + cell("1") +
       R"(<w:tc><w:p><w:r><w:t>Sở </w:t></w:r><w:del><w:r><w:delText>Cũ</w:delText></w:r></w:del><w:r><w:t>Y tế</w:t></w:r></w:p></w:tc>)"
       + cell("2") + "</w:tr>"
       R"(<w:tr><w:trPr><w:gridBefore w:val="2"/></w:trPr>)" + cell("7") + "</w:tr>"
       "<w:tr>" + cell("2") +
       R"(<w:tc><w:p><w:r><w:t>Sở Tư</w:t></w:r></w:p><w:p><w:r><w:t>pháp</w:t></w:r></w:p></w:tc>)"
       + cell("3") + "</w:tr>"
       R"(</w:tbl></w:sdtContent></w:sdt>)"
       R"(<w:p><w:r><w:t>Ghi chú: thử</w:t></w:r></w:p>)"
       R"(</w:body></w:document>)"},
  }));
  auto doc = read_document(path);
  ASSERT_TRUE(doc.ok()) << doc.error().message;
  ASSERT_EQ(doc->grids.size(), 1u);
  ASSERT_EQ(doc->lines_before.size(), 1u);
  EXPECT_EQ(doc->lines_before[0], "PHỤ LỤC 2");  // w:tab as a space
  ASSERT_EQ(doc->lines_after.size(), 1u);
  EXPECT_EQ(doc->lines_after[0], "Ghi chú: thử");
  const Grid& grid = doc->grids[0];
  ASSERT_EQ(grid.row_count(), 4);
  EXPECT_EQ(grid.cell(1, 1), "Sở Y tế");      // deleted text left out
  EXPECT_EQ(grid.cell(2, 0), "");             // gridBefore skips two columns
  EXPECT_EQ(grid.cell(2, 2), "7");
  EXPECT_EQ(grid.cell(3, 1), "Sở Tư pháp");   // paragraphs joined by a space
  auto layout = lay_out(*doc);
  ASSERT_TRUE(layout.ok()) << layout.error().message;
  ASSERT_EQ(layout->title_lines.size(), 1u);
  ASSERT_EQ(layout->note_lines.size(), 1u);
}

}  // namespace
}  // namespace chiso
