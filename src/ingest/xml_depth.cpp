// A stack-free scan for XML nesting depth, run before pugixml parses a part.
#include <fmt/format.h>

#include "common/limits.h"
#include "ingest/readers.h"

namespace chiso::detail {

Result<void> check_xml_depth(std::string_view xml, const std::string& name,
                             const std::string& entry) {
  int depth = 0;
  size_t pos = 0;
  const size_t n = xml.size();
  while (true) {
    pos = xml.find('<', pos);
    if (pos == std::string_view::npos || pos + 1 >= n) break;
    const char next = xml[pos + 1];
    if (xml.compare(pos, 4, "<!--") == 0) {
      const size_t end = xml.find("-->", pos + 4);
      if (end == std::string_view::npos) break;
      pos = end + 3;
      continue;
    }
    if (xml.compare(pos, 9, "<![CDATA[") == 0) {
      const size_t end = xml.find("]]>", pos + 9);
      if (end == std::string_view::npos) break;
      pos = end + 3;
      continue;
    }
    // Find the tag's end, skipping quoted attribute values.
    size_t end = pos + 1;
    char quote = 0;
    for (; end < n; ++end) {
      const char c = xml[end];
      if (quote != 0) {
        if (c == quote) quote = 0;
      } else if (c == '"' || c == '\'') {
        quote = c;
      } else if (c == '>') {
        break;
      }
    }
    if (end >= n) break;
    if (next == '/') {
      --depth;
    } else if (next != '?' && next != '!' && xml[end - 1] != '/') {
      if (++depth > limits::xml_depth_max) {
        return make_error(fmt::format(
            "{}: phần {} lồng XML sâu quá {} cấp / part {} nests XML deeper than {} levels", name,
            entry, limits::xml_depth_max, entry, limits::xml_depth_max));
      }
    }
    pos = end + 1;
  }
  return {};
}

bool parse_cell_ref(std::string_view ref, int* row, int* col) {
  size_t pos = 0;
  long long c = 0;
  while (pos < ref.size() && ref[pos] >= 'A' && ref[pos] <= 'Z') {
    c = c * 26 + (ref[pos] - 'A' + 1);
    if (c > 1'000'000) return false;
    ++pos;
  }
  if (pos == 0 || pos == ref.size()) return false;
  long long r = 0;
  for (; pos < ref.size(); ++pos) {
    if (ref[pos] < '0' || ref[pos] > '9') return false;
    r = r * 10 + (ref[pos] - '0');
    if (r > 100'000'000) return false;
  }
  if (r == 0) return false;
  *row = static_cast<int>(r - 1);
  *col = static_cast<int>(c - 1);
  return true;
}

}  // namespace chiso::detail
