// Small helpers over pugixml for OOXML parts, whose element names carry a
// namespace prefix that varies between writers ("w:t", "x:row", "row").
#pragma once

#include <pugixml.hpp>

#include <cstring>
#include <string>
#include <string_view>

#include <fmt/format.h>

#include "common/result.h"

namespace chiso::detail {

inline std::string_view local_name(const pugi::xml_node& node) {
  std::string_view name = node.name();
  const size_t colon = name.find(':');
  return colon == std::string_view::npos ? name : name.substr(colon + 1);
}

inline bool is_element(const pugi::xml_node& node, std::string_view local) {
  return node.type() == pugi::node_element && local_name(node) == local;
}

// First child element with this local name (null node when none).
inline pugi::xml_node child(const pugi::xml_node& node, std::string_view local) {
  for (pugi::xml_node c = node.first_child(); c; c = c.next_sibling()) {
    if (is_element(c, local)) return c;
  }
  return {};
}

// An attribute by local name ("r:id" → "id" when `prefixed`, else exact).
inline pugi::xml_attribute attribute(const pugi::xml_node& node, std::string_view local,
                                     bool prefixed = false) {
  for (pugi::xml_attribute a = node.first_attribute(); a; a = a.next_attribute()) {
    std::string_view name = a.name();
    const size_t colon = name.find(':');
    if (prefixed != (colon != std::string_view::npos)) continue;
    if ((colon == std::string_view::npos ? name : name.substr(colon + 1)) == local) return a;
  }
  return {};
}

// Parses a part (after the depth check). Whitespace-only text that is an
// element's only child is kept: `<t xml:space="preserve"> </t>` is a space.
inline Result<void> parse_part(pugi::xml_document& doc, std::string& xml, const std::string& name,
                               const std::string& entry) {
  const pugi::xml_parse_result parsed = doc.load_buffer_inplace(
      xml.data(), xml.size(), pugi::parse_default | pugi::parse_ws_pcdata_single, pugi::encoding_utf8);
  if (!parsed) {
    return make_error(fmt::format("{}: phần {} hỏng XML (byte {}: {}) / part {} is broken XML (byte {}: {})",
                                  name, entry, parsed.offset, parsed.description(), entry,
                                  parsed.offset, parsed.description()));
  }
  return {};
}

}  // namespace chiso::detail
