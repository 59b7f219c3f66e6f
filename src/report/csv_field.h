// One CSV field as every CSV chiso writes quotes it (RFC 4180): the report
// tables (csv_report.cpp) and the server's change trail.
#pragma once

#include <string>
#include <string_view>

namespace chiso::report {

// Appends `field` to `out`, quoted when it holds the delimiter, a quote or a
// line end (a quote inside doubled).
void append_csv_field(std::string& out, std::string_view field, char delimiter);

}  // namespace chiso::report
