// One CSV field as every CSV chiso writes quotes it (RFC 4180), and text
// that a spreadsheet would run as a formula defused: the report tables
// (csv_report.cpp) and the server's change trail (api_changes.cpp).
#pragma once

#include <string>
#include <string_view>

namespace chiso::report {

// Appends `field` to `out`, quoted when it holds the delimiter, a quote or a
// line end (a quote inside doubled).
void append_csv_field(std::string& out, std::string_view field, char delimiter);

// `text` with a leading apostrophe when it starts with what Excel or
// LibreOffice would read as a formula (= + - @, a tab or a carriage
// return: "=1+1" → "'=1+1"), else as is. For text typed by people; a
// number the program writes itself needs none.
std::string defuse_formula(std::string_view text);

}  // namespace chiso::report
