// One worksheet's XML read in a single pass, without building its tree: a
// legal sheet of a million rows is tens of MB of XML whose tree (pugixml)
// takes many times that in memory; here only the grid being built and the
// cell at hand are held.
//
// Phases, in order: XmlScanner cuts the bytes into start tags, end tags and
// text (comments, processing instructions and the doctype skipped; end tags
// matched against their start tags); SheetReader follows where it is
// (worksheet → sheetData → row → c → v | is → t | r → t, and worksheet →
// mergeCells → mergeCell) and reads only those elements, as the tree reading
// did: the first child of each name counts, text is an element's first text.
#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <limits>
#include <vector>

#include <fmt/format.h>

#include "common/limits.h"
#include "common/number.h"
#include "common/text.h"
#include "ingest/readers.h"

namespace chiso::detail {
namespace {

std::string_view local_part(std::string_view name) {
  const size_t colon = name.find(':');
  return colon == std::string_view::npos ? name : name.substr(colon + 1);
}

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

void append_code_point(std::string& out, std::uint32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

// XML text as its characters, appended to `out`: the five named entities
// and numeric references decoded (an unknown or malformed one kept as
// written), line ends made '\n'; in an attribute value, each of tab, CR and
// LF is a space. CDATA is not decoded, only its line ends.
void append_decoded(std::string_view raw, bool attribute, bool cdata, std::string& out) {
  if (raw.find_first_of(attribute ? "&\r\t\n" : "&\r") == std::string_view::npos) {
    out += raw;  // the usual text: nothing to decode
    return;
  }
  for (size_t pos = 0; pos < raw.size(); ++pos) {
    const char c = raw[pos];
    if (c == '\r') {
      if (pos + 1 < raw.size() && raw[pos + 1] == '\n') ++pos;
      out += attribute ? ' ' : '\n';
      continue;
    }
    if (attribute && (c == '\t' || c == '\n')) {
      out += ' ';
      continue;
    }
    if (c != '&' || cdata) {
      out += c;
      continue;
    }
    const size_t semi = raw.find(';', pos + 1);
    if (semi == std::string_view::npos || semi - pos > 12) {
      out += c;
      continue;
    }
    const std::string_view entity = raw.substr(pos + 1, semi - pos - 1);
    char named = 0;
    if (entity == "lt") named = '<';
    if (entity == "gt") named = '>';
    if (entity == "amp") named = '&';
    if (entity == "quot") named = '"';
    if (entity == "apos") named = '\'';
    if (named != 0) {
      out += named;
      pos = semi;
      continue;
    }
    if (entity.size() >= 2 && entity[0] == '#') {
      const bool hex = entity[1] == 'x';
      const std::string_view digits = entity.substr(hex ? 2 : 1);
      std::uint32_t cp = 0;
      const auto [end, ec] =
          std::from_chars(digits.data(), digits.data() + digits.size(), cp, hex ? 16 : 10);
      if (ec == std::errc() && end == digits.data() + digits.size() && !digits.empty() && cp > 0 &&
          cp <= 0x10FFFF && (cp < 0xD800 || cp > 0xDFFF)) {
        append_code_point(out, cp);
        pos = semi;
        continue;
      }
    }
    out += c;
  }
}

// The value of the attribute `local` (no prefix) in a start tag's attribute
// text, decoded; false when there is none.
bool find_attribute(std::string_view attrs, std::string_view local, std::string& value) {
  size_t pos = 0;
  while (pos < attrs.size()) {
    while (pos < attrs.size() && is_space(attrs[pos])) ++pos;
    const size_t name_start = pos;
    while (pos < attrs.size() && attrs[pos] != '=' && !is_space(attrs[pos])) ++pos;
    const std::string_view name = attrs.substr(name_start, pos - name_start);
    while (pos < attrs.size() && is_space(attrs[pos])) ++pos;
    if (pos >= attrs.size() || attrs[pos] != '=') return false;  // malformed: nothing more is read
    ++pos;
    while (pos < attrs.size() && is_space(attrs[pos])) ++pos;
    if (pos >= attrs.size() || (attrs[pos] != '"' && attrs[pos] != '\'')) return false;
    const char quote = attrs[pos++];
    const size_t close = attrs.find(quote, pos);
    if (close == std::string_view::npos) return false;
    if (name == local) {
      value.clear();
      append_decoded(attrs.substr(pos, close - pos), true, false, value);
      return true;
    }
    pos = close + 1;
  }
  return false;
}

// A number at the start of an attribute value, as pugixml's as_int reads it
// (leading spaces, a sign, decimal digits; 0 when there is none), clamped.
long long leading_integer(std::string_view value) {
  size_t pos = 0;
  while (pos < value.size() && is_space(value[pos])) ++pos;
  bool negative = false;
  if (pos < value.size() && (value[pos] == '-' || value[pos] == '+'))
    negative = value[pos++] == '-';
  long long number = 0;
  for (; pos < value.size() && value[pos] >= '0' && value[pos] <= '9'; ++pos) {
    if (number < 1'000'000'000'000) number = number * 10 + (value[pos] - '0');
  }
  return negative ? -number : number;
}

struct XmlEvent {
  enum class Kind { start, end, text } kind = Kind::text;
  std::string_view name;   // local name, for start and end
  std::string_view attrs;  // the attribute text of a start tag
  bool self_closing = false;
  std::string_view text;  // raw, for text
  bool cdata = false;
};

// Cuts XML into events. Well-formedness is checked as far as reading needs:
// every tag and comment closed, end tags matching their start tags, one
// root element; past that, the bytes are taken as they come.
class XmlScanner {
 public:
  XmlScanner(std::string_view xml, const std::string& name, const std::string& entry)
      : xml_(xml), name_(name), entry_(entry) {}

  // The next event; false at the end of the XML or on an error (error() set).
  bool next(XmlEvent& event) {
    while (pos_ < xml_.size()) {
      if (xml_[pos_] != '<') {
        const size_t lt = xml_.find('<', pos_);
        const size_t end = lt == std::string_view::npos ? xml_.size() : lt;
        event = XmlEvent{};
        event.text = xml_.substr(pos_, end - pos_);
        pos_ = end;
        if (open_.empty()) {
          // Outside the root only spaces may stand.
          for (char c : event.text) {
            if (!is_space(c)) return fail("text outside the root element");
          }
          continue;
        }
        return true;
      }
      const char after = pos_ + 1 < xml_.size() ? xml_[pos_ + 1] : '\0';
      if (after != '!' && after != '?') return tag(event);  // the usual case: an element's tag
      if (starts("<!--")) {
        if (!skip_past("-->", 4)) return fail("a comment is not closed");
        continue;
      }
      if (starts("<![CDATA[")) {
        const size_t close = xml_.find("]]>", pos_ + 9);
        if (close == std::string_view::npos) return fail("a CDATA section is not closed");
        if (open_.empty()) return fail("CDATA outside the root element");
        event = XmlEvent{};
        event.text = xml_.substr(pos_ + 9, close - pos_ - 9);
        event.cdata = true;
        pos_ = close + 3;
        return true;
      }
      if (starts("<?")) {
        if (!skip_past("?>", 2)) return fail("a processing instruction is not closed");
        continue;
      }
      if (starts("<!")) {  // the doctype, with its internal subset in [ ]
        int brackets = 0;
        size_t at = pos_ + 2;
        for (; at < xml_.size(); ++at) {
          if (xml_[at] == '[') ++brackets;
          if (xml_[at] == ']') --brackets;
          if (xml_[at] == '>' && brackets <= 0) break;
        }
        if (at >= xml_.size()) return fail("a declaration is not closed");
        pos_ = at + 1;
        continue;
      }
      return tag(event);
    }
    if (!open_.empty())
      return fail("the element <" + std::string(open_.back()) + "> is not closed");
    if (!root_seen_) return fail("no root element");
    return false;
  }

  bool failed() const { return !error_.empty(); }
  const std::string& error() const { return error_; }
  // 0 outside the root; 1 inside the root element; … (after the event).
  size_t depth() const { return open_.size(); }

 private:
  bool starts(std::string_view token) const { return xml_.compare(pos_, token.size(), token) == 0; }
  bool skip_past(std::string_view token, size_t from) {
    const size_t at = xml_.find(token, pos_ + from);
    if (at == std::string_view::npos) return false;
    pos_ = at + token.size();
    return true;
  }

  bool tag(XmlEvent& event) {
    const size_t tag_start = pos_;
    const bool closing = pos_ + 1 < xml_.size() && xml_[pos_ + 1] == '/';
    const size_t name_start = pos_ + (closing ? 2 : 1);
    size_t at = name_start;
    while (at < xml_.size() && !is_space(xml_[at]) && xml_[at] != '>' && xml_[at] != '/') ++at;
    const std::string_view qualified = xml_.substr(name_start, at - name_start);
    if (qualified.empty() || qualified.find('<') != std::string_view::npos)
      return fail("a tag without a name");
    // The tag's end, past quoted attribute values.
    const size_t attrs_start = at;
    char quote = 0;
    for (; at < xml_.size(); ++at) {
      const char c = xml_[at];
      if (quote != 0) {
        if (c == quote) quote = 0;
      } else if (c == '"' || c == '\'') {
        quote = c;
      } else if (c == '<') {
        return fail("'<' inside a tag");
      } else if (c == '>') {
        break;
      }
    }
    if (at >= xml_.size()) return fail("a tag is not closed");
    event = XmlEvent{};
    event.name = local_part(qualified);
    if (closing) {
      if (open_.empty() || open_.back() != qualified) {
        return fail("the end tag </" + std::string(qualified) + "> does not match its start tag");
      }
      pos_ = at + 1;
      open_.pop_back();
      event.kind = XmlEvent::Kind::end;
      return true;
    }
    if (open_.empty()) {
      if (root_seen_) return fail("a second root element");
      root_seen_ = true;
    }
    pos_ = at + 1;
    event.kind = XmlEvent::Kind::start;
    event.self_closing = at > attrs_start && xml_[at - 1] == '/';
    event.attrs = xml_.substr(attrs_start, at - attrs_start - (event.self_closing ? 1 : 0));
    if (!event.self_closing) {
      if (open_.size() >= static_cast<size_t>(limits::xml_depth_max)) {
        pos_ = tag_start;
        return fail("XML nested too deep");
      }
      open_.push_back(qualified);
    }
    return true;
  }

  bool fail(const std::string& what) {
    error_ = fmt::format("{}: phần {} hỏng XML (byte {}: {}) / part {} is broken XML (byte {}: {})",
                         name_, entry_, pos_, what, entry_, pos_, what);
    pos_ = xml_.size();
    return false;
  }

  std::string_view xml_;
  const std::string& name_;
  const std::string& entry_;
  size_t pos_ = 0;
  std::vector<std::string_view> open_;  // qualified names of the open elements
  bool root_seen_ = false;
  std::string error_;
};

// An element's text as a tree reading gives it: its first text child
// (whitespace alone counts only when it is the element's only child).
class FirstText {
 public:
  void reset() {
    text_.clear();
    found_ = false;
    space_only_ = false;
    children_ = 0;
  }
  void child_element() { ++children_; }
  void child_text(const XmlEvent& event) {
    ++children_;
    if (found_) return;
    bool blank = !event.cdata;
    for (size_t idx = 0; blank && idx < event.text.size(); ++idx) blank = is_space(event.text[idx]);
    if (blank) {
      if (!space_only_) {
        space_only_ = true;
        space_.clear();
        append_decoded(event.text, false, false, space_);
      }
      return;
    }
    found_ = true;
    append_decoded(event.text, false, event.cdata, text_);
  }
  // The text once the element has ended.
  std::string_view get() const {
    if (found_) return text_;
    return space_only_ && children_ == 1 ? std::string_view(space_) : std::string_view();
  }

 private:
  std::string text_;
  std::string space_;
  bool found_ = false;
  bool space_only_ = false;
  int children_ = 0;
};

}  // namespace

std::string xlsx_number_text(std::string_view v, bool percent) {
  double value = 0;
  const auto [end, ec] = std::from_chars(v.data(), v.data() + v.size(), value);
  if (ec != std::errc() || end != v.data() + v.size() || !std::isfinite(value)) {
    return std::string(v);
  }
  if (percent) value *= 100;
  // 15 significant digits drop the binary noise Excel writes (70.679999…).
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.15g", value);
  double rounded = 0;
  std::from_chars(buf, buf + std::strlen(buf), rounded);
  return number::format_plain(rounded);
}

Result<void> read_sheet_xml(std::string_view xml, const SheetContext& context, Grid& grid) {
  const std::string& name = context.name;
  const std::string& sheet = context.sheet_name;
  XmlScanner scanner(xml, name, context.entry);
  XmlEvent event;

  // Where the reader is; each element of interest counts only as the
  // first of its name under its parent.
  enum class At {
    outside,
    worksheet,
    sheet_data,
    row,
    cell,
    value,
    inline_string,
    inline_t,
    run,
    run_t,
    merge_cells
  };
  std::vector<At> path;  // one entry per open element: what it is to the reader
  At at = At::outside;
  bool worksheet_seen = false, sheet_data_seen = false, merge_cells_seen = false;

  std::vector<std::string> cells;
  std::vector<int> numeric_cols;
  std::string attribute;
  int next_row = 0;
  int row_idx = 0;
  int next_col = 0;
  // The cell being read.
  int col = 0;
  std::string cell_ref, cell_type, cell_style;
  bool cell_has_ref = false;
  bool value_seen = false, inline_seen = false;
  FirstText value_text;
  std::string inline_text;  // collect_text of <is>
  FirstText piece;          // a <t> of <is> or of a run
  bool run_t_seen = false;
  std::string run_piece;

  auto enter = [&](At what) {
    path.push_back(at);
    at = what;
  };
  auto error = [&](std::string message) -> Result<void> { return make_error(std::move(message)); };

  while (scanner.next(event)) {
    if (event.kind == XmlEvent::Kind::text) {
      if (at == At::value) value_text.child_text(event);
      if (at == At::inline_t || at == At::run_t) piece.child_text(event);
      continue;
    }
    if (event.kind == XmlEvent::Kind::start) {
      if (at == At::value) value_text.child_element();
      if (at == At::inline_t || at == At::run_t) piece.child_element();
      At what = At::outside;  // an element the reader does not read
      switch (at) {
        case At::outside:
          if (path.empty() && event.name == "worksheet" && !worksheet_seen) {
            worksheet_seen = true;
            what = At::worksheet;
          }
          break;
        case At::worksheet:
          if (event.name == "sheetData" && !sheet_data_seen) {
            sheet_data_seen = true;
            what = At::sheet_data;
          } else if (event.name == "mergeCells" && !merge_cells_seen) {
            merge_cells_seen = true;
            what = At::merge_cells;
          }
          break;
        case At::sheet_data: {
          if (event.name != "row") break;
          what = At::row;
          // 1-based, as written (leading_integer is bounded: no overflow).
          const long long row_number = find_attribute(event.attrs, "r", attribute)
                                           ? leading_integer(attribute)
                                           : next_row + 1LL;
          if (row_number <= next_row || row_number > static_cast<long long>(limits::rows_max)) {
            return error(
                fmt::format("{}: trang \"{}\", dòng {}: số dòng không hợp lệ hoặc quá giới hạn / "
                            "sheet \"{}\", row "
                            "{}: a row number out of order or over the limit",
                            name, sheet, row_number, sheet, row_number));
          }
          row_idx = static_cast<int>(row_number - 1);
          while (next_row < row_idx) {  // blank rows the file leaves out
            grid.add_row(std::vector<std::string>{});
            ++next_row;
          }
          cells.clear();
          numeric_cols.clear();
          next_col = 0;
          break;
        }
        case At::row: {
          if (event.name != "c") break;
          what = At::cell;
          int r = row_idx;
          col = next_col;
          cell_has_ref = find_attribute(event.attrs, "r", cell_ref);
          if (!cell_has_ref) cell_ref.clear();
          if (cell_has_ref && (!parse_cell_ref(cell_ref, &r, &col) || r != row_idx)) {
            return error(
                fmt::format("{}: trang \"{}\", dòng {}: địa chỉ ô \"{}\" không hợp lệ / sheet "
                            "\"{}\", row {}: bad cell "
                            "reference \"{}\"",
                            name, sheet, row_idx + 1, cell_ref, sheet, row_idx + 1, cell_ref));
          }
          if (static_cast<size_t>(col) >= limits::columns_max) {
            return error(
                fmt::format("{}: trang \"{}\", dòng {}: hơn {} cột / sheet \"{}\", row {}: more "
                            "than {} columns",
                            name, sheet, row_idx + 1, limits::columns_max, sheet, row_idx + 1,
                            limits::columns_max));
          }
          next_col = col + 1;
          if (!find_attribute(event.attrs, "t", cell_type)) cell_type.clear();
          if (!find_attribute(event.attrs, "s", cell_style)) cell_style.clear();
          value_seen = inline_seen = false;
          value_text.reset();
          inline_text.clear();
          break;
        }
        case At::cell:
          if (event.name == "v" && !value_seen) {
            value_seen = true;
            what = At::value;
          } else if (event.name == "is" && !inline_seen) {
            inline_seen = true;
            what = At::inline_string;
          }
          break;
        case At::inline_string:
          if (event.name == "t") {
            what = At::inline_t;
            piece.reset();
          } else if (event.name == "r") {
            what = At::run;
            run_t_seen = false;
          }
          break;
        case At::run:
          if (event.name == "t" && !run_t_seen) {
            run_t_seen = true;
            what = At::run_t;
            piece.reset();
          }
          break;
        case At::merge_cells:
          if (event.name != "mergeCell" || !find_attribute(event.attrs, "ref", attribute)) break;
          {
            const std::string_view range = attribute;
            const size_t colon = range.find(':');
            int r1 = 0, c1 = 0, r2 = 0, c2 = 0;
            if (colon != std::string_view::npos &&
                parse_cell_ref(range.substr(0, colon), &r1, &c1) &&
                parse_cell_ref(range.substr(colon + 1), &r2, &c2) && r2 >= r1 && c2 >= c1) {
              grid.merges.push_back(Merge{r1, c1, r2 - r1 + 1, c2 - c1 + 1});
            }  // a malformed merge only loses the merge
          }
          break;
        default:
          break;
      }
      if (!event.self_closing) {
        enter(what);
        continue;
      }
      // A self-closing element: entered and left at once.
      if (what == At::outside || what == At::worksheet || what == At::sheet_data ||
          what == At::merge_cells || what == At::value || what == At::inline_string ||
          what == At::inline_t || what == At::run || what == At::run_t) {
        continue;  // nothing to finish (an empty <v/> or <t/> is no text)
      }
      enter(what);
      event.kind = XmlEvent::Kind::end;  // finish the row or the cell below
    }

    // The end of the element `at`.
    const At ending = at;
    at = path.empty() ? At::outside : path.back();
    if (!path.empty()) path.pop_back();
    switch (ending) {
      case At::inline_t:
        inline_text += piece.get();
        break;
      case At::run_t:
        run_piece = piece.get();
        break;
      case At::run:
        if (run_t_seen) inline_text += run_piece;
        run_piece.clear();
        break;
      case At::cell: {
        std::string value;
        bool numeric = false;
        if (cell_type == "s") {
          const std::string v(value_text.get());
          const long idx = std::strtol(v.c_str(), nullptr, 10);
          if (idx < 0 || static_cast<size_t>(idx) >= context.shared.size()) {
            return error(
                fmt::format("{}: trang \"{}\", ô {}: chuỗi dùng chung số {} không có / sheet "
                            "\"{}\", cell {}: shared "
                            "string {} does not exist",
                            name, sheet, cell_ref, idx, sheet, cell_ref, idx));
          }
          value = context.shared[static_cast<size_t>(idx)];
        } else if (cell_type == "inlineStr") {
          value = text::to_nfc(inline_text);
        } else if (cell_type == "b") {
          value = value_text.get() == "1" ? "TRUE" : "FALSE";
        } else if (cell_type == "str" || cell_type == "e" || cell_type == "d") {
          value = text::to_nfc(value_text.get());
        } else if (const std::string_view v = value_text.get(); !v.empty()) {
          const long long style = leading_integer(cell_style);
          const bool percent =
              style >= 0 && static_cast<unsigned long long>(style) < context.percent_style.size() &&
              context.percent_style[static_cast<size_t>(style)];
          value = xlsx_number_text(v, percent);
          numeric = true;
        }
        if (value.size() > limits::cell_bytes_max) {
          return error(
              fmt::format("{}: trang \"{}\", ô {}: dài {} byte, quá giới hạn {} / sheet \"{}\", "
                          "cell {}: {} bytes, "
                          "over the limit of {}",
                          name, sheet, cell_ref, value.size(), limits::cell_bytes_max, sheet,
                          cell_ref, value.size(), limits::cell_bytes_max));
        }
        if (value.empty()) break;
        if (cells.size() <= static_cast<size_t>(col)) cells.resize(static_cast<size_t>(col) + 1);
        cells[static_cast<size_t>(col)] = std::move(value);
        if (numeric) numeric_cols.push_back(col);
        break;
      }
      case At::row:
        grid.add_row(cells);
        for (int numeric_col : numeric_cols) grid.set_numeric(row_idx, numeric_col);
        ++next_row;
        break;
      default:
        break;
    }
  }
  if (scanner.failed()) return make_error(scanner.error());
  return {};
}

}  // namespace chiso::detail
