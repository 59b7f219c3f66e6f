// Phase 1 of reading a plan (plan_loader.cpp): the file's text made ASCII
// for toml++ (see AsciiPlanText in plan_reader.h), with a map from the
// columns toml++ gives back to the file's.
#include "plan/plan_reader.h"

namespace chiso::plan_detail {

Result<void> AsciiPlanText::prepare(std::string_view text, const std::string& name) {
  enum class State { bare, comment, basic, literal, multi_basic, multi_literal };
  out_.clear();
  out_.reserve(text.size() + text.size() / 4);
  columns_.clear();
  const size_t bad_utf8 = text::invalid_utf8_offset(text);
  const size_t scan_end = std::min(bad_utf8, text.size());
  State state = State::bare;
  bool rewritten = false;  // the literal string being read is written as a basic one
  int line = 1;
  int column = 1;                 // of the next character, in the original line
  std::vector<int> line_columns;  // the original column of each output byte of this line
  bool line_changed = false;
  auto where = [&] {
    return name + ":" + std::to_string(line) + ":" + std::to_string(column) + ": ";
  };
  auto starts = [&](size_t at, std::string_view token) {
    return text.substr(at, token.size()) == token;
  };
  size_t offset = 0;
  // Writes `ascii` for the `bytes` bytes of one original character.
  auto put = [&](size_t bytes, std::string_view ascii) {
    out_ += ascii;
    line_columns.insert(line_columns.end(), ascii.size(), column);
    offset += bytes;
    ++column;
  };

  if (starts(0, "\xEF\xBB\xBF")) offset = 3;  // a UTF-8 BOM, as toml++ allows
  while (offset < scan_end) {
    const auto byte = static_cast<unsigned char>(text[offset]);
    if (byte == '\n') {
      // A single-line string or a comment ends at the line end (an unclosed
      // string is toml++'s to report; a rewritten one is closed as it was).
      if (state == State::comment || state == State::basic || state == State::literal) {
        if (rewritten) out_ += '"';
        state = State::bare;
        rewritten = false;
      }
      out_ += '\n';
      ++offset;
      if (line_changed) columns_[line] = std::move(line_columns);
      line_columns.clear();
      line_changed = false;
      ++line;
      column = 1;
      continue;
    }
    const bool crlf = byte == '\r' && starts(offset + 1, "\n");
    if ((byte < 0x20 && byte != '\t' && !crlf) || byte == 0x7F) {
      char code[8];
      std::snprintf(code, sizeof code, "%02X", byte);
      return make_error(where() + "ký tự điều khiển 0x" + code +
                        " không được có trong tệp kế hoạch / a control character 0x" + code +
                        " has no place in a plan file (only tab and line ends)");
    }
    if (byte >= 0x80) {
      size_t length = 1;
      while (offset + length < scan_end &&
             (static_cast<unsigned char>(text[offset + length]) & 0xC0) == 0x80) {
        ++length;
      }
      const std::string character(text.substr(offset, length));
      if (state == State::bare) {
        return make_error(
            where() + "ký tự '" + character +
            "' nằm ngoài dấu nháy: chữ tiếng Việt phải đặt trong \"…\" / the character '" +
            character + "' is outside quotes: text other than ASCII goes in \"…\"");
      }
      line_changed = true;
      if (state == State::comment) {
        put(length, "?");
        continue;
      }
      // In a string: its escape (valid UTF-8 here, so one code point).
      std::uint32_t cp = byte >= 0xF0 ? byte & 0x07u : byte >= 0xE0 ? byte & 0x0Fu : byte & 0x1Fu;
      for (size_t idx = 1; idx < length; ++idx)
        cp = cp << 6 | (static_cast<unsigned char>(character[idx]) & 0x3Fu);
      char escape[16];
      std::snprintf(escape, sizeof escape, cp > 0xFFFF ? "\\U%08X" : "\\u%04X", cp);
      put(length, escape);
      continue;
    }
    const std::string_view one = text.substr(offset, 1);
    switch (state) {
      case State::bare: {
        if (byte == '#') {
          state = State::comment;
          put(1, one);
          break;
        }
        if (byte != '"' && byte != '\'') {
          put(1, one);
          break;
        }
        const bool multi = starts(offset, byte == '"' ? "\"\"\"" : "'''");
        state = byte == '"' ? (multi ? State::multi_basic : State::basic)
                            : (multi ? State::multi_literal : State::literal);
        // A literal string holding a non-ASCII character is written as a
        // basic one: escapes are not read in literal strings.
        if (byte == '\'') {
          const size_t body = offset + (multi ? 3 : 1);
          size_t close = text.find(multi ? "'''" : "'", body);
          if (!multi) close = std::min(close, text.find('\n', body));
          const std::string_view inside =
              text.substr(body, close == std::string_view::npos ? close : close - body);
          rewritten = std::any_of(inside.begin(), inside.end(),
                                  [](char c) { return static_cast<unsigned char>(c) >= 0x80; });
        }
        for (int quote = 0; quote < (multi ? 3 : 1); ++quote) put(1, rewritten ? "\"" : one);
        line_changed = line_changed || rewritten;
        break;
      }
      case State::comment:
        put(1, one);
        break;
      case State::basic:
      case State::multi_basic:
        if (byte == '\\') {
          // An escape: the character after it is part of it, unless it ends
          // the line (a multi-line string's line-ending backslash).
          const unsigned char next =
              offset + 1 < scan_end ? static_cast<unsigned char>(text[offset + 1]) : 0;
          if (next >= 0x80) {
            return make_error(
                where() +
                "dấu \\ đứng trước một ký tự không phải ASCII: không phải lối thoát / a backslash "
                "before a character other than ASCII is not an escape");
          }
          put(1, one);
          if (next >= 0x20 && next != 0x7F) put(1, text.substr(offset, 1));
          break;
        }
        if (state == State::basic) {
          if (byte == '"') state = State::bare;
          put(1, one);
          break;
        }
        if (starts(offset, "\"\"\"")) {
          // Up to two more quotes before the closing three are the text's.
          size_t quotes = 3;
          while (quotes < 5 && starts(offset + quotes, "\"")) ++quotes;
          for (size_t idx = 0; idx < quotes; ++idx) put(1, one);
          state = State::bare;
          break;
        }
        put(1, one);
        break;
      case State::literal:
      case State::multi_literal: {
        const bool closes = state == State::literal ? byte == '\'' : starts(offset, "'''");
        if (closes) {
          const size_t closing = state == State::literal ? 1 : 3;
          size_t quotes = closing;
          while (state == State::multi_literal && quotes < 5 && starts(offset + quotes, "'"))
            ++quotes;
          for (size_t idx = 0; idx < quotes; ++idx) {
            const bool of_text = idx < quotes - closing;
            put(1, !rewritten ? "'" : of_text ? "'" : "\"");
          }
          state = State::bare;
          rewritten = false;
          break;
        }
        if (rewritten && (byte == '\\' || byte == '"')) {
          put(1, byte == '\\' ? "\\\\" : "\\\"");
          break;
        }
        put(1, one);
        break;
      }
    }
  }
  if (bad_utf8 != std::string_view::npos) {
    return make_error(
        where() +
        "không phải UTF-8 hợp lệ; hãy lưu tệp kế hoạch dạng UTF-8 / not valid UTF-8; save the "
        "plan file as UTF-8");
  }
  if (line_changed) columns_[line] = std::move(line_columns);
  return {};
}

}  // namespace chiso::plan_detail
