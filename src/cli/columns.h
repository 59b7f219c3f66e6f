// Text tables for a terminal, shared by the commands that list things.
#pragma once

#include <string>
#include <vector>

namespace chiso::cli {

// Prints rows as aligned columns (widths in code points), the header
// underlined. A row may have fewer cells than the header.
void print_columns(const std::vector<std::string>& header,
                   const std::vector<std::vector<std::string>>& rows);

}  // namespace chiso::cli
