// Tests of reading delimited text: the seed as given and re-encoded.
#include <gtest/gtest.h>

#include <unicode/normalizer2.h>
#include <unicode/unistr.h>

#include "common/text.h"
#include "ingest/document.h"
#include "ingest_test_util.h"

namespace chiso {
namespace {

using testing::read_bytes;
using testing::seed_fields;
using testing::seed_path;

std::string replace_all(std::string s, const std::string& from, const std::string& to) {
  size_t pos = 0;
  while ((pos = s.find(from, pos)) != std::string::npos) {
    s.replace(pos, from.size(), to);
    pos += to.size();
  }
  return s;
}

// The seed's table lines (6–21 and 23–39) must come out as the grid's rows,
// cell for cell; line 22 is the blank line between the parts.
void expect_seed_grid(const Document& doc, bool quotes_kept_in_part2_header) {
  ASSERT_EQ(doc.grids.size(), 1u);
  const Grid& grid = doc.grids[0];
  ASSERT_EQ(grid.row_count(), 34);  // lines 6..39
  for (int row = 0; row < grid.row_count(); ++row) {
    const int line = row + 6;
    EXPECT_EQ(grid.source_row(row), line);
    if (line == 22) {
      EXPECT_EQ(grid.col_count(row), 0);
      continue;
    }
    const std::vector<std::string> fields = seed_fields(line);
    ASSERT_EQ(grid.col_count(row), 17) << "line " << line;
    for (int col = 0; col < 17; ++col) {
      std::string expected = fields[static_cast<size_t>(col)];
      if (line == 23 && col == 15 && !quotes_kept_in_part2_header) {
        expected = "Kết nối thủ tục giấy phép kinh doanh có điều kiện";
      }
      EXPECT_EQ(grid.cell(row, col), expected) << "line " << line << " col " << col;
    }
  }
}

void expect_seed_lines(const Document& doc) {
  ASSERT_EQ(doc.lines_before.size(), 2u);
  EXPECT_EQ(doc.lines_before[0], "PHỤ LỤC 2");
  EXPECT_EQ(doc.lines_before[1], "THỐNG KÊ MỘT SỐ CHỈ TIÊU THEO KẾ HOẠCH SỐ 197/KH-UBND");
  ASSERT_EQ(doc.lines_after.size(), 1u);
  EXPECT_EQ(doc.lines_after[0],
            "Ghi chú: dấu (*) đơn vị không đánh dấu (x) là đơn vị không có chức năng, nhiệm vụ cấp "
            "GCNKD có điều kiện hoặc không báo cáo nội dung /chưa thực hiện");
}

TEST(DelimitedReader, SeedAsGiven) {
  auto doc = read_document(seed_path());
  ASSERT_TRUE(doc.ok()) << doc.error().message;
  EXPECT_EQ(doc->format, "text");
  EXPECT_EQ(doc->path, seed_path());
  expect_seed_grid(*doc, false);
  expect_seed_lines(*doc);
  const Grid& grid = doc->grids[0];
  // Spot checks written from the seed by hand.
  EXPECT_EQ(grid.cell(2, 1), "Sở Kế hoạch và Đầu tư");
  EXPECT_EQ(grid.cell(2, 3), "1,5");
  EXPECT_EQ(grid.cell(5, 6), "74,05");
  EXPECT_EQ(grid.cell(18, 10), "86-96");  // line 24, STT 15
  EXPECT_EQ(grid.cell(2, 16), "");        // the trailing tab of row 1
  EXPECT_EQ(grid.cell(0, 15), "Phối hợp TH mô hình \"Kết nối thủ tục giấy phép kinh doanh có điều kiện\"");
  EXPECT_FALSE(grid.is_numeric(2, 2));
}

TEST(DelimitedReader, Utf8Bom) {
  auto doc = read_document_bytes("\xEF\xBB\xBF" + read_bytes(seed_path()), "bom.txt");
  ASSERT_TRUE(doc.ok()) << doc.error().message;
  expect_seed_grid(*doc, false);
  expect_seed_lines(*doc);
}

TEST(DelimitedReader, Utf16LittleAndBigEndian) {
  for (bool big_endian : {false, true}) {
    auto doc = read_document_bytes(testing::to_utf16(read_bytes(seed_path()), big_endian), "u16.txt");
    ASSERT_TRUE(doc.ok()) << doc.error().message;
    expect_seed_grid(*doc, false);
    expect_seed_lines(*doc);
  }
}

TEST(DelimitedReader, CrLfLineEnds) {
  auto doc = read_document_bytes(replace_all(read_bytes(seed_path()), "\n", "\r\n"), "crlf.txt");
  ASSERT_TRUE(doc.ok()) << doc.error().message;
  expect_seed_grid(*doc, false);
  expect_seed_lines(*doc);
}

TEST(DelimitedReader, SemicolonsAsVietnameseExcelWrites) {
  // The seed has commas in header cells and decimal commas: `;` must win.
  auto doc = read_document_bytes(replace_all(read_bytes(seed_path()), "\t", ";"), "semi.csv");
  ASSERT_TRUE(doc.ok()) << doc.error().message;
  expect_seed_grid(*doc, false);
  expect_seed_lines(*doc);
}

TEST(DelimitedReader, CommasWithRfc4180Quotes) {
  // Each field quoted when it holds a comma or a quote; quotes doubled.
  std::string csv;
  for (const std::string& line : testing::seed_lines()) {
    if (line.find('\t') == std::string::npos) {  // a title or the note: one cell
      csv += (line.find(',') == std::string::npos ? line : "\"" + line + "\"") + "\n";
      continue;
    }
    std::vector<std::string> fields = testing::split(line, '\t');
    for (size_t idx = 0; idx < fields.size(); ++idx) {
      std::string f = fields[idx];
      if (f.find(',') != std::string::npos || f.find('"') != std::string::npos) {
        f = "\"" + replace_all(f, "\"", "\"\"") + "\"";
      }
      csv += (idx ? "," : "") + f;
    }
    csv += "\n";
  }
  auto doc = read_document_bytes(csv, "comma.csv");
  ASSERT_TRUE(doc.ok()) << doc.error().message;
  expect_seed_grid(*doc, true);  // the quotes were data here, doubled
  expect_seed_lines(*doc);
}

TEST(DelimitedReader, NfdInputComesOutNfc) {
  const std::string seed = read_bytes(seed_path());
  UErrorCode status = U_ZERO_ERROR;
  std::string nfd;
  icu::Normalizer2::getNFDInstance(status)
      ->normalize(icu::UnicodeString::fromUTF8(seed), status)
      .toUTF8String(nfd);
  ASSERT_TRUE(U_SUCCESS(status));
  ASSERT_NE(nfd, seed);
  auto doc = read_document_bytes(nfd, "nfd.txt");
  ASSERT_TRUE(doc.ok()) << doc.error().message;
  expect_seed_grid(*doc, false);
  expect_seed_lines(*doc);
}

TEST(DelimitedReader, QuotesOnlyWhenTheyCloseTheCell) {
  auto doc = read_document_bytes(
      "a\tb\tc\n"
      "\"x\" y\t\"q\"\t\"multi\nline\"\n"
      "\"un\"closed\t\"\"\"\"\t\"tab\tinside\"\n",
      "quotes.txt");
  ASSERT_TRUE(doc.ok()) << doc.error().message;
  const Grid& grid = doc->grids[0];
  ASSERT_EQ(grid.row_count(), 3);
  EXPECT_EQ(grid.cell(1, 0), "\"x\" y");      // quote not closing the cell: literal
  EXPECT_EQ(grid.cell(1, 1), "q");
  EXPECT_EQ(grid.cell(1, 2), "multi\nline");  // a quoted cell may span lines
  EXPECT_EQ(grid.source_row(1), 2);
  EXPECT_EQ(grid.source_row(2), 4);           // after the two-line record
  EXPECT_EQ(grid.cell(2, 0), "\"un\"closed");  // the quote does not close the cell: literal
  EXPECT_EQ(grid.cell(2, 1), "\"");
  EXPECT_EQ(grid.cell(2, 2), "tab\tinside");
}

// The delimiter scan reads 8 bytes at a time: cells of every length from 0
// to 20, so that delimiters, line ends and CRLF fall at every place of a
// word, and the last bytes of the file (read one at a time) too.
TEST(DelimitedReader, CellsOfEveryLengthAcrossWordBoundaries) {
  for (const std::string& line_end : {std::string("\n"), std::string("\r\n")}) {
    for (char delim : {'\t', ';'}) {
      std::string text = std::string("a") + delim + "b" + line_end;
      std::vector<std::vector<std::string>> expected;
      for (size_t length = 0; length <= 20; ++length) {
        std::vector<std::string> row = {std::to_string(length), std::string(length, 'x'),
                                        std::string(length % 3, 'y'), "ở"};
        expected.push_back(row);
        for (size_t col = 0; col < row.size(); ++col) {
          text += row[col];
          text += col + 1 < row.size() ? std::string(1, delim) : line_end;
        }
      }
      text += std::string("z") + delim + "last";  // no final line end
      expected.push_back({"z", "last"});
      auto doc = read_document_bytes(text, delim == ';' ? "cells.csv" : "cells.txt");
      ASSERT_TRUE(doc.ok()) << doc.error().message;
      const Grid& grid = doc->grids[0];
      ASSERT_EQ(grid.row_count(), static_cast<int>(expected.size()) + 1);
      for (size_t row = 0; row < expected.size(); ++row) {
        const int grid_row = static_cast<int>(row) + 1;
        ASSERT_EQ(grid.col_count(grid_row), static_cast<int>(expected[row].size())) << row;
        EXPECT_EQ(grid.source_row(grid_row), grid_row + 1);
        for (size_t col = 0; col < expected[row].size(); ++col) {
          EXPECT_EQ(grid.cell(grid_row, static_cast<int>(col)), expected[row][col])
              << "row " << row << " col " << col;
        }
      }
    }
  }
}

// A delimiter as the very last byte is one more empty cell; short files
// (shorter than one 8-byte word) read the same.
TEST(DelimitedReader, ShortFilesAndATrailingDelimiter) {
  auto doc = read_document_bytes("a\tb\n1\t", "short.txt");
  ASSERT_TRUE(doc.ok()) << doc.error().message;
  const Grid& grid = doc->grids[0];
  ASSERT_EQ(grid.row_count(), 2);
  EXPECT_EQ(grid.col_count(1), 2);
  EXPECT_EQ(grid.cell(1, 0), "1");
  EXPECT_EQ(grid.cell(1, 1), "");
}

}  // namespace
}  // namespace chiso
