// A request's JSON body read within limits (common/limits.h): its size is
// bounded by the transport (413), its nesting here (400), and a body that is
// not JSON, or not an object, is a 400 naming what was expected.
#pragma once

#include <nlohmann/json.hpp>

#include <string_view>

#include "common/result.h"

namespace chiso::server {

// The body as a JSON object. Errors (bad input): not JSON (with the byte
// where it stopped), nested deeper than limits::json_depth_max, not an object.
Result<nlohmann::json> parse_json_body(std::string_view body);

// The string member `name` of `object`; "" when absent. Error (bad input,
// field = name) when present but not a string, or absent and `required`.
Result<std::string> string_member(const nlohmann::json& object, const char* name, bool required);

}  // namespace chiso::server
