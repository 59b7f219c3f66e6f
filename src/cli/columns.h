// Text tables for a terminal, shared by the commands that list things.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace chiso::cli {

// Display width of UTF-8 text in a terminal: code points (the text is NFC).
std::size_t display_width(std::string_view text);

// Prints rows as aligned columns (widths in code points), the header
// underlined. A row may have fewer cells than the header.
void print_columns(const std::vector<std::string>& header,
                   const std::vector<std::vector<std::string>>& rows);

}  // namespace chiso::cli
