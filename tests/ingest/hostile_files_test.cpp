// Hostile and broken files: each ends with an Error that names the file and
// says what is wrong; no crash, no hang, bounded memory.
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdlib>
#include <random>

#include "common/limits.h"
#include "ingest/document.h"
#include "ingest/table_layout.h"
#include "ingest_test_util.h"

namespace chiso {
namespace {

using testing::fixtures_dir;

::testing::AssertionResult fails_with(const Result<Document>& doc, const std::string& name,
                                      const std::string& what) {
  if (doc.ok()) return ::testing::AssertionFailure() << "read succeeded";
  const std::string& message = doc.error().message;
  if (message.find(name) == std::string::npos || message.find(what) == std::string::npos) {
    return ::testing::AssertionFailure() << "message: " << message;
  }
  return ::testing::AssertionSuccess();
}

TEST(HostileFiles, EmptyAndBlank) {
  EXPECT_TRUE(fails_with(read_document_bytes("", "empty.txt"), "empty.txt", "empty"));
  EXPECT_TRUE(fails_with(read_document_bytes(" \n\r\n\t\n", "blank.txt"), "blank.txt", "empty"));
  EXPECT_TRUE(fails_with(read_document_bytes("\xEF\xBB\xBF", "bom.txt"), "bom.txt", "empty"));
  std::system(("mkdir -p '" + fixtures_dir() + "'").c_str());
  testing::write_bytes(fixtures_dir() + "/empty.txt", "");
  EXPECT_TRUE(fails_with(read_document(fixtures_dir() + "/empty.txt"), "empty.txt", "empty"));
}

TEST(HostileFiles, MissingFileAndDirectory) {
  EXPECT_TRUE(fails_with(read_document("/nonexistent/x.tsv"), "/nonexistent/x.tsv", "cannot open"));
  EXPECT_TRUE(fails_with(read_document("/tmp"), "/tmp", "directory"));
}

TEST(HostileFiles, BinaryGarbage) {
  std::mt19937 rng(197);
  std::string garbage(64 << 10, '\0');
  for (char& c : garbage) c = static_cast<char>(rng());
  EXPECT_TRUE(fails_with(read_document_bytes(garbage, "garbage.bin"), "garbage.bin", "NUL"));
  // High bytes only, no NUL: not UTF-8, told with the line.
  std::string high = "STT\tTên\n1\tS\xE0\xF4 Y t\xEA\n";
  EXPECT_TRUE(fails_with(read_document_bytes(high, "tcvn3.txt"), "tcvn3.txt", "line 2, byte 12"));
  // Old binary Office formats and PDF are named.
  EXPECT_TRUE(fails_with(read_document_bytes(std::string("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1xxxx", 12), "old.xls"),
                         "old.xls", ".xlsx"));
  EXPECT_TRUE(fails_with(read_document_bytes("%PDF-1.7\n...", "a.pdf"), "a.pdf", "PDF"));
}

TEST(HostileFiles, NoDelimiterIsNotATable) {
  EXPECT_TRUE(fails_with(read_document_bytes("just some words\nand more\n", "prose.txt"),
                         "prose.txt", "no table"));
}

TEST(HostileFiles, HugeCellLineAndColumns) {
  const std::string big_cell(limits::cell_bytes_max + 1, 'a');
  EXPECT_TRUE(fails_with(read_document_bytes("a\tb\n1\t" + big_cell + "\n", "cell.tsv"), "cell.tsv",
                         "line 2, column 2"));
  // Cells under the cell limit, a line over the line limit.
  std::string line;
  const std::string cell(60 << 10, 'b');
  while (line.size() <= limits::line_bytes_max) line += cell + "\t";
  EXPECT_TRUE(fails_with(read_document_bytes("a\tb\n" + line + "\n", "line.tsv"), "line.tsv",
                         "line 2 is longer than"));
  std::string wide = "a";
  for (size_t idx = 0; idx < limits::columns_max + 5; ++idx) wide += "\t1";
  EXPECT_TRUE(fails_with(read_document_bytes(wide + "\n", "wide.tsv"), "wide.tsv", "more than 1000 columns"));
  // A 5 MB line without a single delimiter or newline.
  EXPECT_TRUE(fails_with(read_document_bytes(std::string(5 << 20, 'z'), "one.txt"), "one.txt", "one.txt"));
}

// Issue 18: a CSV of 100,000 columns was diagnosed "line 1, column 1: the
// cell is 262144 bytes" (the tab delimiter's reading of it, tried first);
// the delimiter that splits the line most says the real reason.
TEST(HostileFiles, HundredThousandColumnsSaysColumns) {
  for (const char delim : {',', ';', '\t'}) {
    std::string header = "STT";
    std::string row = "1";
    for (int col = 0; col < 100'000; ++col) {
      header += delim;
      header += "c";
      row += delim;
      row += "7";
    }
    const std::string name =
        std::string("wide") + (delim == '\t' ? "tab" : std::string(1, delim)) + ".csv";
    SCOPED_TRACE(name);
    EXPECT_TRUE(fails_with(read_document_bytes(header + "\n" + row + "\n", name), name,
                           "line 1: more than 1000 columns"));
  }
}

// Issue 18: UTF-16 that is not whole text was read without a word (a lone
// surrogate became U+FFFD, the odd last byte was dropped): both are errors
// that say where.
TEST(HostileFiles, BrokenUtf16IsReported) {
  const std::string text = "STT\tTên đơn vị\tSố\n1\tSở Y tế\t5\n";
  for (const bool big_endian : {false, true}) {
    SCOPED_TRACE(big_endian ? "big endian" : "little endian");
    const std::string good = testing::to_utf16(text, big_endian);
    ASSERT_TRUE(read_document_bytes(good, "good.txt").ok());
    // Odd byte count: the last character cut in half.
    EXPECT_TRUE(
        fails_with(read_document_bytes(good + "x", "odd.txt"), "odd.txt", "odd number of bytes"));
    // A high surrogate D800 with no low one after it, at the start of line 2:
    // after the BOM (2 bytes) and "STT\tTên đơn vị\tSố\n" (21 characters).
    std::string lone = good;
    const std::string d800 = big_endian ? std::string("\xD8\x00", 2) : std::string("\x00\xD8", 2);
    lone.insert(2 + 21 * 2, d800);
    EXPECT_TRUE(fails_with(read_document_bytes(lone, "lone.txt"), "lone.txt",
                           "line 2, byte 44: a lone UTF-16 surrogate D800"));
    // A low surrogate alone.
    std::string low = good;
    low.insert(2 + 21 * 2, big_endian ? std::string("\xDC\x01", 2) : std::string("\x01\xDC", 2));
    EXPECT_TRUE(fails_with(read_document_bytes(low, "low.txt"), "low.txt", "surrogate DC01"));
  }
  // A pair is one character: read.
  std::string pair = testing::to_utf16("a\tb\n1\t", false) + std::string("\x3D\xD8\x00\xDE", 4) +
                     testing::to_utf16("\n", false).substr(2);
  EXPECT_TRUE(read_document_bytes(pair, "pair.txt").ok());
}

// Issue 18: `chiso check /dev/zero` read 1 GB before refusing it, and a FIFO
// that no program writes to hung the read. A device is refused before any
// byte is read; a FIFO without a writer is an error after a bounded wait.
TEST(HostileFiles, DevicesAreRefusedAndAFifoWithoutWriterDoesNotHang) {
  EXPECT_TRUE(fails_with(read_document("/dev/zero"), "/dev/zero", "not a regular file"));
  EXPECT_TRUE(fails_with(read_document("/dev/null"), "/dev/null", "not a regular file"));
  std::system(("mkdir -p '" + fixtures_dir() + "'").c_str());
  const std::string fifo = fixtures_dir() + "/no-writer.fifo";
  ::unlink(fifo.c_str());
  ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
  EXPECT_TRUE(fails_with(read_document(fifo), "no-writer.fifo", "does any program write to it?"));
  ::unlink(fifo.c_str());
}

// A pipe with a writer is read to its end (`… | chiso check /dev/stdin`).
TEST(HostileFiles, APipeIsReadToItsEnd) {
  std::system(("mkdir -p '" + fixtures_dir() + "'").c_str());
  const std::string fifo = fixtures_dir() + "/with-writer.fifo";
  ::unlink(fifo.c_str());
  ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
  const std::string command = "printf 'STT\\tTên\\n1\\tSở Y tế\\n' > '" + fifo + "' &";
  ASSERT_EQ(std::system(command.c_str()), 0);
  auto doc = read_document(fifo);
  ::unlink(fifo.c_str());
  ASSERT_TRUE(doc.ok()) << doc.error().message;
  EXPECT_EQ(doc->grids[0].cell(1, 1), "Sở Y tế");
}

TEST(HostileFiles, UnclosedQuotesDoNotSwallowTheFile) {
  std::string tsv = "STT\tTên đơn vị\tSố\n";
  for (int idx = 1; idx <= 2000; ++idx) tsv += std::to_string(idx) + "\t\"Sở " + std::to_string(idx) + "\t5\n";
  auto doc = read_document_bytes(tsv, "quotes.tsv");
  ASSERT_TRUE(doc.ok()) << doc.error().message;
  EXPECT_EQ(doc->grids[0].row_count(), 2001);
  EXPECT_EQ(doc->grids[0].cell(2000, 1), "\"Sở 2000");
}

class HostileZips : public ::testing::Test {
 protected:
  void SetUp() override { ASSERT_TRUE(testing::make_fixtures()); }
};

TEST_F(HostileZips, TruncatedXlsxAndDocx) {
  for (const char* name : {"seed.xlsx", "seed.docx"}) {
    const std::string bytes = testing::read_bytes(fixtures_dir() + "/" + name);
    ASSERT_GT(bytes.size(), 1000u);
    for (size_t keep : {bytes.size() / 2, bytes.size() - 30, size_t{100}}) {
      auto doc = read_document_bytes(bytes.substr(0, keep), name);
      EXPECT_TRUE(fails_with(doc, name, "broken or truncated")) << name << " cut at " << keep;
    }
  }
}

TEST_F(HostileZips, ZipBombByRatio) {
  // 64 MB of zeros deflate to ~64 KB: a ratio near 1000:1, over the limit.
  const std::string path = fixtures_dir() + "/bomb.docx";
  ASSERT_TRUE(testing::run_python(
      "import zipfile\n"
      "with zipfile.ZipFile('" + path + "', 'w', zipfile.ZIP_DEFLATED) as z:\n"
      "    z.writestr('[Content_Types].xml', '<Types/>')\n"
      "    with z.open('word/document.xml', 'w') as f:\n"
      "        for _ in range(64):\n"
      "            f.write(b'\\0' * (1 << 20))\n"));
  auto doc = read_document(path);
  EXPECT_TRUE(fails_with(doc, "bomb.docx", "zip bomb"));
}

TEST_F(HostileZips, ZipBombByDeclaredSize) {
  // Three small entries whose headers (local and central) declare 4 GB
  // each: the declared total trips the limit before anything is expanded.
  const std::string path = fixtures_dir() + "/big.xlsx";
  ASSERT_TRUE(testing::run_python(
      "import struct, zipfile\n"
      "with zipfile.ZipFile('" + path + "', 'w', zipfile.ZIP_DEFLATED) as z:\n"
      "    z.writestr('xl/workbook.xml', '<workbook/>')\n"
      "    for i in range(3):\n"
      "        z.writestr(f'xl/media/x{i}.bin', b'\\0' * 4096)\n"
      "data = bytearray(open('" + path + "', 'rb').read())\n"
      "for sig, off in ((b'PK\\x03\\x04', 22), (b'PK\\x01\\x02', 24)):\n"
      "    pos = data.find(sig)\n"
      "    while pos >= 0:\n"
      "        name_len = struct.unpack_from('<H', data, pos + (26 if off == 22 else 28))[0]\n"
      "        start = pos + (30 if off == 22 else 46)\n"
      "        if data[start:start + name_len].startswith(b'xl/media'):\n"
      "            struct.pack_into('<I', data, pos + off, 0xF0000000)\n"
      "        pos = data.find(sig, pos + 4)\n"
      "open('" + path + "', 'wb').write(data)\n"));
  auto doc = read_document(path);
  EXPECT_TRUE(fails_with(doc, "big.xlsx", "zip bomb"));
}

TEST_F(HostileZips, DeeplyNestedXmlInDocx) {
  const std::string path = fixtures_dir() + "/deep.docx";
  ASSERT_TRUE(testing::run_python(
      "import zipfile\n"
      "depth = 5000\n"
      "xml = '<w:document xmlns:w=\"w\"><w:body>' + '<w:tbl><w:tr><w:tc>' * depth + '</w:tc></w:tr></w:tbl>' * depth + '</w:body></w:document>'\n"
      "with zipfile.ZipFile('" + path + "', 'w', zipfile.ZIP_DEFLATED) as z:\n"
      "    z.writestr('word/document.xml', xml)\n"));
  auto doc = read_document(path);
  EXPECT_TRUE(fails_with(doc, "deep.docx", "deeper than 256"));
}

TEST_F(HostileZips, ZipThatIsNeitherAndBrokenXml) {
  const std::string other = fixtures_dir() + "/other.zip";
  const std::string broken = fixtures_dir() + "/broken.docx";
  const std::string no_table = fixtures_dir() + "/notable.docx";
  ASSERT_TRUE(testing::run_python(
      "import zipfile\n"
      "with zipfile.ZipFile('" + other + "', 'w') as z:\n"
      "    z.writestr('readme.txt', 'hello')\n"
      "with zipfile.ZipFile('" + broken + "', 'w') as z:\n"
      "    z.writestr('word/document.xml', '<w:document><w:body><w:p>')\n"
      "with zipfile.ZipFile('" + no_table + "', 'w') as z:\n"
      "    z.writestr('word/document.xml', '<w:document xmlns:w=\"w\"><w:body><w:p><w:r><w:t>Chỉ có chữ</w:t></w:r></w:p></w:body></w:document>')\n"));
  EXPECT_TRUE(fails_with(read_document(other), "other.zip", "neither DOCX nor XLSX"));
  EXPECT_TRUE(fails_with(read_document(broken), "broken.docx", "broken XML"));
  EXPECT_TRUE(fails_with(read_document(no_table), "notable.docx", "no table"));
}

}  // namespace
}  // namespace chiso
