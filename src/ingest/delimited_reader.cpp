// Delimited text (TSV, CSV, `;`) as offices paste or export it.
//
// Phases, in order:
//   1. encoding: UTF-8 (BOM optional) or UTF-16 LE/BE (Excel "Unicode
//      text"); NUL bytes mean binary; invalid UTF-8 is an error with its line;
//   2. delimiter: tab, `;` or `,`, whichever gives the most lines with the
//      same number of fields (tab first on a tie);
//   3. records: one pass, RFC-4180 quotes where a quote closes right before
//      a delimiter or the line end (else quotes are text); cells point
//      into the text, which the Grid keeps in place (a mapped file) or
//      copies once (only unescaped or NFC-converted cells are copied again);
//   4. lines: single-cell lines before the table are titles (`**` removed),
//      after it notes; blank and single-cell lines inside stay as rows.
#include <algorithm>
#include <array>
#include <bit>
#include <cstdint>
#include <cstring>
#include <map>
#include <vector>

#include <fmt/format.h>

#include "common/limits.h"
#include "common/text.h"
#include "ingest/layout_detail.h"
#include "ingest/readers.h"

namespace chiso::detail {
namespace {

struct CellRef {
  bool in_scratch = false;  // unescaped text in Record::scratch
  size_t offset = 0;
  size_t length = 0;
};

struct Record {
  std::vector<CellRef> cells;
  std::string scratch;
  int line = 0;  // 1-based line where the record starts
};

// Finds the next delimiter or '\n' 8 bytes at a time (SWAR: one 64-bit word
// holds 8 bytes; a byte equal to the one sought becomes a zero byte after an
// XOR, and zero bytes are found without a loop). Exists because this scan is
// most of the work of reading a 100 MB table.
class StopFinder {
 public:
  StopFinder(std::string_view text, char delim)
      : text_(text),
        delim_(delim),
        delim_bytes_(kOnes * static_cast<unsigned char>(delim)),
        newline_bytes_(kOnes * static_cast<unsigned char>('\n')) {}

  // The first index >= from that holds the delimiter or '\n'; text.size()
  // when there is none.
  size_t next(size_t from) const {
    const size_t n = text_.size();
    while (from < n && n - from >= 8) {
      std::uint64_t word;
      std::memcpy(&word, text_.data() + from, 8);
      const std::uint64_t stops = zero_bytes(word ^ delim_bytes_) | zero_bytes(word ^ newline_bytes_);
      if (stops != 0) {
        // The first stop is the one at the lowest address.
        const int bit = std::endian::native == std::endian::little ? std::countr_zero(stops)
                                                                    : std::countl_zero(stops);
        return from + static_cast<size_t>(bit) / 8;
      }
      from += 8;
    }
    while (from < n && text_[from] != delim_ && text_[from] != '\n') ++from;  // the last bytes
    return from;
  }

 private:
  static constexpr std::uint64_t kOnes = 0x0101010101010101ull;
  static constexpr std::uint64_t kLow7 = 0x7F7F7F7F7F7F7F7Full;

  // 0x80 in each zero byte of `word`, 0 elsewhere (exact: no carry crosses
  // a byte, as (b & 0x7F) + 0x7F <= 0xFE).
  static std::uint64_t zero_bytes(std::uint64_t word) {
    return ~(((word & kLow7) + kLow7) | word | kLow7);
  }

  std::string_view text_;
  char delim_;
  std::uint64_t delim_bytes_;    // the delimiter in each byte
  std::uint64_t newline_bytes_;  // '\n' in each byte
};

// Splits text into records. Errors are reported through `error`.
class RecordCursor {
 public:
  RecordCursor(std::string_view text, char delim, const std::string& name)
      : text_(text), delim_(delim), name_(name), stops_(text, delim) {}

  // False at the end or on error (then error() is set).
  bool next(Record& rec) {
    const size_t n = text_.size();
    if (pos_ >= n || failed_) return false;
    rec.cells.clear();
    rec.scratch.clear();
    rec.line = line_;
    const size_t record_start = pos_;
    // Locals, not members, in the per-cell loop: stores through char data
    // could alias members, so the compiler would reload them.
    const char* const data = text_.data();
    const char delim = delim_;
    size_t pos = pos_;
    while (true) {
      CellRef cell;
      bool quoted = false;
      if (data[pos] == '"') {
        pos_ = pos;
        quoted = quoted_field(rec, cell);
        if (quoted) pos = pos_;  // past the closing quote
      }
      if (!quoted) {
        const size_t start = pos;
        pos = stops_.next(pos);
        size_t len = pos - start;
        if ((pos == n || data[pos] == '\n') && len > 0 && data[start + len - 1] == '\r') --len;
        cell.offset = start;
        cell.length = len;
      }
      if (cell.length > limits::cell_bytes_max) {
        return fail(fmt::format(
            "{}: dòng {}, cột {}: ô dài {} byte, quá giới hạn {} / line {}, column {}: the cell is "
            "{} bytes, over the limit of {}",
            name_, rec.line, rec.cells.size() + 1, cell.length, limits::cell_bytes_max, rec.line,
            rec.cells.size() + 1, cell.length, limits::cell_bytes_max));
      }
      rec.cells.push_back(cell);
      if (rec.cells.size() > limits::columns_max) {
        return fail(fmt::format(
            "{}: dòng {}: hơn {} cột / line {}: more than {} columns", name_, rec.line,
            limits::columns_max, rec.line, limits::columns_max));
      }
      if (pos - record_start > limits::line_bytes_max) return fail_long_line(rec.line);
      if (pos < n && data[pos] == delim) {
        ++pos;
        if (pos == n) {  // a delimiter right before the end: one more empty cell
          pos_ = pos;
          rec.cells.push_back(CellRef{false, pos, 0});
          return true;
        }
        continue;
      }
      if (pos < n) {  // '\n' (or a stray char after a closing quote: not possible)
        ++pos;
        ++line_;
      }
      pos_ = pos;
      return true;
    }
  }

  bool failed() const { return failed_; }
  const std::string& error() const { return error_; }

 private:
  // A cell that starts with a quote is quoted only when the quote closes
  // right before a delimiter or a line end; then `""` is one quote and the
  // text may span lines. Otherwise the quotes are literal text.
  bool quoted_field(Record& rec, CellRef& cell) {
    const size_t n = text_.size();
    size_t q = pos_ + 1;
    bool escaped = false;
    int newlines = 0;
    while (q < n && q - pos_ <= limits::cell_bytes_max + 2) {
      const char c = text_[q];
      if (c == '"') {
        if (q + 1 < n && text_[q + 1] == '"') {
          escaped = true;
          q += 2;
          continue;
        }
        const bool closes = q + 1 == n || text_[q + 1] == delim_ || text_[q + 1] == '\n' ||
                            (text_[q + 1] == '\r' && (q + 2 == n || text_[q + 2] == '\n'));
        if (!closes) return false;
        const std::string_view inner = text_.substr(pos_ + 1, q - pos_ - 1);
        if (escaped) {
          cell.in_scratch = true;
          cell.offset = rec.scratch.size();
          for (size_t idx = 0; idx < inner.size(); ++idx) {
            rec.scratch.push_back(inner[idx]);
            if (inner[idx] == '"') ++idx;  // skip the second quote of a pair
          }
          cell.length = rec.scratch.size() - cell.offset;
        } else {
          cell.offset = pos_ + 1;
          cell.length = inner.size();
        }
        pos_ = q + 1;
        if (pos_ < n && text_[pos_] == '\r') ++pos_;
        line_ += newlines;
        return true;
      }
      if (c == '\n') ++newlines;
      ++q;
    }
    return false;
  }

  bool fail(std::string message) {
    failed_ = true;
    error_ = std::move(message);
    return false;
  }
  bool fail_long_line(int line) {
    return fail(fmt::format(
        "{}: dòng {} dài hơn {} byte (tệp nhị phân hay không phải bảng?) / line {} is longer than "
        "{} bytes (binary, or not a table?)",
        name_, line, limits::line_bytes_max, line, limits::line_bytes_max));
  }

  std::string_view text_;
  char delim_;
  const std::string& name_;
  StopFinder stops_;
  size_t pos_ = 0;
  int line_ = 1;
  bool failed_ = false;
  std::string error_;
};

std::string_view cell_text(std::string_view text, const Record& rec, const CellRef& cell) {
  return cell.in_scratch ? std::string_view(rec.scratch).substr(cell.offset, cell.length)
                         : text.substr(cell.offset, cell.length);
}

// Picks the delimiter from the first lines; delim 0 when no line has one
// (then `error` holds a limit the sample broke, if any). When every
// delimiter breaks a limit, the error kept is that of the delimiter that
// split the failing line into the most cells: a line of 100,000 commas is
// "more than 1000 columns" by ',', not "one cell too long" by tab.
char detect_delimiter(std::string_view text, const std::string& name, std::string* error) {
  constexpr size_t kSampleRecords = 400;
  const std::string_view sample = text.substr(0, std::min<size_t>(text.size(), 256 << 10));
  char best = '\t';
  size_t best_score = 0;
  size_t error_cells = 0;  // cells of the failing line behind *error
  for (char delim : {'\t', ';', ','}) {
    RecordCursor cursor(sample, delim, name);
    Record rec;
    std::map<size_t, size_t> lines_by_fields;
    for (size_t records = 0; records < kSampleRecords && cursor.next(rec); ++records) {
      if (rec.cells.size() >= 2) ++lines_by_fields[rec.cells.size()];
    }
    if (cursor.failed() && (error->empty() || rec.cells.size() > error_cells)) {
      *error = cursor.error();
      error_cells = rec.cells.size();
    }
    size_t score = 0;
    for (const auto& [fields, lines] : lines_by_fields) score = std::max(score, lines);
    if (score > best_score) {
      best_score = score;
      best = delim;
    }
  }
  return best_score == 0 ? 0 : best;
}

bool is_blank(std::string_view cell) { return text::trim(cell).empty(); }

int line_of_offset(std::string_view text, size_t offset) {
  return 1 + static_cast<int>(std::count(text.begin(), text.begin() + static_cast<long>(offset), '\n'));
}

// UTF-16 without a BOM: every other byte of ASCII text is zero.
int guess_utf16_order(std::string_view bytes) {
  const size_t n = std::min<size_t>(bytes.size() & ~size_t{1}, 1024);
  if (n < 8) return 0;
  size_t zero_even = 0;
  size_t zero_odd = 0;
  for (size_t idx = 0; idx < n; ++idx) {
    if (bytes[idx] == 0) ++(idx % 2 == 0 ? zero_even : zero_odd);
  }
  const size_t pairs = n / 2;
  if (zero_odd * 10 >= pairs * 4 && zero_even * 20 < pairs) return 1;   // LE
  if (zero_even * 10 >= pairs * 4 && zero_odd * 20 < pairs) return 2;   // BE
  return 0;
}

// What makes UTF-16 bytes not text: an odd byte count (the last character
// cut in half) or a surrogate without its pair. "" when there is none.
std::string utf16_problem(std::string_view bytes, bool big_endian, const std::string& name) {
  const auto* u = reinterpret_cast<const unsigned char*>(bytes.data());
  const size_t units = bytes.size() / 2;
  auto unit_at = [&](size_t idx) -> unsigned {
    return big_endian ? (u[idx * 2] << 8 | u[idx * 2 + 1]) : (u[idx * 2 + 1] << 8 | u[idx * 2]);
  };
  int line = 1;
  for (size_t idx = 0; idx < units; ++idx) {
    const unsigned unit = unit_at(idx);
    if (unit == '\n') ++line;
    if (unit < 0xD800 || unit > 0xDFFF) continue;
    if (unit <= 0xDBFF && idx + 1 < units && unit_at(idx + 1) >= 0xDC00 &&
        unit_at(idx + 1) <= 0xDFFF) {
      ++idx;  // a pair: one character past U+FFFF
      continue;
    }
    return fmt::format(
        "{}: dòng {}, byte {}: mã UTF-16 {:04X} đứng một mình, không thành ký tự (tệp hỏng?) / "
        "line {}, byte {}: a lone UTF-16 surrogate {:04X}, not a character (a damaged file?)",
        name, line, idx * 2, unit, line, idx * 2, unit);
  }
  if (bytes.size() % 2 != 0) {
    return fmt::format(
        "{}: tệp UTF-16 có số byte lẻ ({}): ký tự cuối bị cắt (tệp không trọn?) / a UTF-16 file "
        "of an odd number of bytes ({}): the last character is cut (a truncated file?)",
        name, bytes.size(), bytes.size());
  }
  return {};
}

}  // namespace

Result<Document> read_delimited(std::string_view bytes, const std::string& name,
                                std::shared_ptr<const void> keep) {
  // 1. Encoding. UTF-16 becomes a UTF-8 text that the grid keeps.
  std::string_view text = bytes;
  const auto* u = reinterpret_cast<const unsigned char*>(bytes.data());
  std::string utf16_error;
  auto decode = [&](bool big_endian) {
    utf16_error = utf16_problem(bytes, big_endian, name);
    if (!utf16_error.empty()) return;
    auto decoded = std::make_shared<const std::string>(text::utf16_to_utf8(bytes, big_endian));
    text = *decoded;
    keep = std::move(decoded);
  };
  if (bytes.size() >= 3 && u[0] == 0xEF && u[1] == 0xBB && u[2] == 0xBF) {
    text = bytes.substr(3);
  } else if (bytes.size() >= 2 && ((u[0] == 0xFF && u[1] == 0xFE) || (u[0] == 0xFE && u[1] == 0xFF))) {
    decode(u[0] == 0xFE);
  } else if (const int order = guess_utf16_order(bytes); order != 0) {
    decode(order == 2);
  }
  if (!utf16_error.empty()) return make_error(utf16_error);
  if (const void* nul = std::memchr(text.data(), 0, text.size()); nul != nullptr) {
    const size_t offset = static_cast<size_t>(static_cast<const char*>(nul) - text.data());
    return make_error(fmt::format(
        "{}: không phải tệp văn bản hay bảng (có byte 0 ở vị trí {}) / not a text table (a NUL "
        "byte at offset {}): binary data?",
        name, offset, offset));
  }
  // is_nfc is true only for valid UTF-8: a text in NFC (the usual case)
  // needs no second pass to check the encoding, nor a check per cell below.
  const bool all_nfc = text::is_nfc(text);
  if (const size_t bad = all_nfc ? std::string_view::npos : text::invalid_utf8_offset(text);
      bad != std::string_view::npos) {
    const int line = line_of_offset(text, bad);
    return make_error(fmt::format(
        "{}: dòng {}, byte {}: không phải UTF-8 hợp lệ (mã TCVN3/VNI/Windows-1258?); hãy lưu tệp "
        "dạng UTF-8 hoặc Unicode / line {}, byte {}: invalid UTF-8 (a legacy Vietnamese encoding?); "
        "save the file as UTF-8 or Unicode text",
        name, line, bad, line, bad));
  }
  if (text::trim(text).empty()) {
    return make_error(fmt::format("{}: tệp rỗng / the file is empty", name));
  }

  // 2. Delimiter.
  std::string sample_error;
  const char delim = detect_delimiter(text, name, &sample_error);
  if (delim == 0 && !sample_error.empty()) return make_error(sample_error);
  if (delim == 0) {
    return make_error(fmt::format(
        "{}: không thấy bảng: không dòng nào có dấu phân cách (tab, ';' hay ',') / no table: no "
        "line has a delimiter (tab, ';' or ',')",
        name));
  }

  // 3–4. Records and lines.
  Document doc;
  doc.format = "text";
  Grid grid;
  grid.source_idx = 1;
  {
    // Capacities counted, not guessed: a cell ends at a delimiter or a line
    // end, so these counts bound the cells and rows from above (quoted
    // delimiters only make the bound looser). One plain pass that the
    // compiler vectorises costs little, where growing
    // a vector of 20 million cells would copy it and, for a while, hold it
    // twice (the peak memory of a national history).
    std::size_t delimiters = 0, line_ends = 0;
    for (const char c : text) {
      delimiters += c == delim;
      line_ends += c == '\n';
    }
    const std::size_t records = line_ends + 1;
    grid.set_source_text(text, 0, delimiters + records, records, std::move(keep));
    grid.source_rows.reserve(records);
  }
  struct Pending {
    int line;
    std::string text;  // "" for a blank line
  };
  std::vector<Pending> pending;  // non-table lines since the last table row
  bool table_started = false;
  RecordCursor cursor(text, delim, name);
  Record rec;
  while (cursor.next(rec)) {
    bool blank = true;
    for (const CellRef& c : rec.cells) {
      if (!is_blank(cell_text(text, rec, c))) {
        blank = false;
        break;
      }
    }
    if (blank || rec.cells.size() == 1) {
      pending.push_back({rec.line, blank ? std::string() : std::string(cell_text(text, rec, rec.cells[0]))});
      if (pending.size() > 100'000) {
        return make_error(fmt::format("{}: quá nhiều dòng không phải bảng / too many non-table lines", name));
      }
      continue;
    }
    if (!table_started) {
      for (const Pending& p : pending) {
        if (!p.text.empty()) doc.lines_before.push_back(title_text(p.text));
      }
      table_started = true;
    } else {
      for (const Pending& p : pending) {
        grid.begin_row();
        if (!p.text.empty()) grid.add_cell(text::to_nfc(p.text));
        grid.source_rows.push_back(p.line);
      }
    }
    pending.clear();
    if (static_cast<size_t>(grid.row_count()) >= limits::rows_max) {
      return make_error(fmt::format("{}: hơn {} dòng / more than {} rows", name, limits::rows_max,
                                    limits::rows_max));
    }
    if (all_nfc && std::none_of(rec.cells.begin(), rec.cells.end(), [](const CellRef& c) { return c.in_scratch; })) {
      // The usual case: every cell a slice of the text, as is.
      grid.add_source_row(rec.cells.size(), [&rec](std::size_t cell_idx) {
        return std::pair<std::size_t, std::size_t>{rec.cells[cell_idx].offset, rec.cells[cell_idx].length};
      });
      grid.source_rows.push_back(rec.line);
      continue;
    }
    grid.begin_row();
    for (const CellRef& c : rec.cells) {
      if (all_nfc && !c.in_scratch) {  // already in the arena, as is
        grid.add_source_cell(c.offset, c.length);
        continue;
      }
      const std::string_view cell = cell_text(text, rec, c);
      if (!all_nfc && !text::is_nfc(cell)) {
        grid.add_cell(text::to_nfc(cell));
      } else if (c.in_scratch) {
        grid.add_cell(cell);
      } else {
        grid.add_source_cell(c.offset, c.length);
      }
    }
    grid.source_rows.push_back(rec.line);
  }
  if (cursor.failed()) return make_error(cursor.error());
  for (const Pending& p : pending) {
    if (!p.text.empty()) (table_started ? doc.lines_after : doc.lines_before).push_back(title_text(p.text));
  }
  if (!table_started) {
    return make_error(fmt::format(
        "{}: không thấy bảng: không dòng nào có từ hai ô trở lên / no table: no line has two cells "
        "or more",
        name));
  }
  doc.grids.push_back(std::move(grid));
  return doc;
}

}  // namespace chiso::detail
