// The findings of one unit's row as `chiso check --format json` writes them
// (report::to_json's "findings"), without the rest of the document: what the
// server answers a row's read, check and save with.
#pragma once

#include <nlohmann/json.hpp>

#include <string>
#include <string_view>
#include <vector>

#include "common/model.h"
#include "plan/plan.h"

namespace chiso::report {

// The same items, in the same order, as to_json gives for a table holding
// only `row` and `findings` (keys sorted, as nlohmann::json keeps them).
nlohmann::json findings_json(const Plan& plan, const UnitRow& row, const std::vector<Finding>& findings);

// The same items as text, written straight from the findings without the
// tree: byte for byte findings_json(…).dump(-1, ' ', false, replace), the
// compact form the server answers with. A save's and a check's answer are
// mostly their findings, and building then dumping the tree was most of
// the work of a save on its worker.
std::string findings_json_text(const Plan& plan, const UnitRow& row, const std::vector<Finding>& findings);

// Pieces of compact JSON text as nlohmann::json's dump(-1, ' ', false,
// replace) writes them, appended to `out`: a string (escaped; invalid UTF-8
// replaced by U+FFFD), an integer, and a double (non-finite → null; an
// integral value keeps its ".0": 22.0).
void append_json_string(std::string& out, std::string_view text);
void append_json_integer(std::string& out, std::int64_t value);
void append_json_double(std::string& out, double value);

}  // namespace chiso::report
