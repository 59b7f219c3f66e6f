// A small table written in a test, read and laid out, when the test expects
// one part: the setup the layout tests share (tests/ingest/table_layout_test,
// year_layout_test, section_rows_test).
//
//   std::optional<TableLayout> layout = test::lay_out_one_part("…\n", "years.tsv");
//   ASSERT_TRUE(layout);
//   const TablePart& part = layout->parts[0];
//
// Header-only; the test program links chiso_ingest.
#pragma once

#include <gtest/gtest.h>

#include <optional>
#include <ostream>
#include <string>
#include <utility>

#include "ingest/document.h"
#include "ingest/table_layout.h"

namespace chiso::test {

// `bytes` read as the file `name` (its name gives the format, as an upload's
// does) and laid out. Fails the test, saying why, and returns nullopt when it
// cannot be read or laid out or has other than one part; the layout
// otherwise (REQUIRES nothing more of the caller: parts[0] exists).
inline std::optional<TableLayout> lay_out_one_part(const std::string& bytes,
                                                   const std::string& name) {
  Result<Document> doc = read_document_bytes(bytes, name);
  if (!doc.ok()) {
    ADD_FAILURE() << name << " cannot be read: " << doc.error().message;
    return std::nullopt;
  }
  Result<TableLayout> layout = lay_out(*doc);
  if (!layout.ok()) {
    ADD_FAILURE() << name << " cannot be laid out: " << layout.error().message;
    return std::nullopt;
  }
  if (layout->parts.size() != 1) {
    ADD_FAILURE() << name << " has " << layout->parts.size() << " parts; expected 1";
    return std::nullopt;
  }
  return std::move(*layout);
}

// A part's header and data rows (0-based grid rows), compared as one:
//   EXPECT_EQ(test::rows_of(part), (test::PartRows{0, 0, 1, 2}));
struct PartRows {
  int header_first = 0;
  int header_last = 0;
  int data_first = 0;
  int data_last = 0;
  bool operator==(const PartRows&) const = default;
};

inline PartRows rows_of(const TablePart& part) {
  return {part.header_row_first, part.header_row_last, part.data_row_first, part.data_row_last};
}

// How gtest prints one: "header 0–0, data 1–2".
inline void PrintTo(const PartRows& rows, std::ostream* out) {
  *out << "header " << rows.header_first << "–" << rows.header_last << ", data " << rows.data_first
       << "–" << rows.data_last;
}

}  // namespace chiso::test
