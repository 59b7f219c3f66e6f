#include "cli/columns.h"

#include <fmt/core.h>

#include <algorithm>

#include "cli/context.h"

namespace chiso::cli {
std::size_t display_width(std::string_view text) {
  std::size_t width = 0;
  for (unsigned char c : text) width += (c & 0xC0) != 0x80;
  return width;
}

void print_columns(const std::vector<std::string>& header,
                   const std::vector<std::vector<std::string>>& rows) {
  std::vector<std::size_t> widths(header.size());
  for (std::size_t col = 0; col < header.size(); ++col) widths[col] = display_width(header[col]);
  for (const auto& row : rows) {
    for (std::size_t col = 0; col < row.size() && col < widths.size(); ++col) {
      widths[col] = std::max(widths[col], display_width(row[col]));
    }
  }
  auto print_row = [&](const std::vector<std::string>& row) {
    std::string line;
    for (std::size_t col = 0; col < row.size(); ++col) {
      line += row[col];
      if (col + 1 < row.size()) line += std::string(widths[col] - display_width(row[col]) + 2, ' ');
    }
    fmt::print("{}\n", line);
  };
  print_row(header);
  std::size_t total = 0;
  for (auto width : widths) total += width + 2;
  fmt::print("{}\n", std::string(total > 2 ? total - 2 : 0, '-'));
  for (const auto& row : rows) print_row(row);
}

}  // namespace chiso::cli
