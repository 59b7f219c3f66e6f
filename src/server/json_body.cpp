#include "server/json_body.h"

#include <fmt/core.h>

#include "common/limits.h"

namespace chiso::server {
namespace {

Error too_deep_error() {
  return make_error(ErrorKind::bad_input, fmt::format("Nội dung JSON lồng quá {} cấp.", limits::json_depth_max),
                    fmt::format("The JSON body nests deeper than {} levels.", limits::json_depth_max));
}

}  // namespace

Result<nlohmann::json> parse_json_body(std::string_view body) {
  // The depth is checked while parsing, so a body of a million '[' is
  // refused at the 17th, before anything deep is built.
  bool too_deep = false;
  auto callback = [&too_deep](int depth, nlohmann::json::parse_event_t event, nlohmann::json&) {
    if ((event == nlohmann::json::parse_event_t::object_start ||
         event == nlohmann::json::parse_event_t::array_start) &&
        depth >= limits::json_depth_max) {
      too_deep = true;
    }
    return !too_deep;
  };
  nlohmann::json doc;
  try {
    doc = nlohmann::json::parse(body, callback, true);
  } catch (const nlohmann::json::parse_error& error) {
    if (too_deep) return too_deep_error();
    return make_error(ErrorKind::bad_input,
                      fmt::format("Nội dung không phải JSON hợp lệ (byte {}); cần một đối tượng JSON.",
                                  error.byte),
                      fmt::format("The body is not valid JSON (byte {}); expected a JSON object.", error.byte));
  }
  if (too_deep) return too_deep_error();
  if (!doc.is_object()) {
    return make_error(ErrorKind::bad_input, "Nội dung phải là một đối tượng JSON {…}.",
                      "The body must be a JSON object {…}.");
  }
  return doc;
}

Result<std::string> string_member(const nlohmann::json& object, const char* name, bool required) {
  auto found = object.find(name);
  if (found == object.end() || found->is_null()) {
    if (!required) return std::string();
    Error error = make_error(ErrorKind::bad_input, fmt::format("Thiếu trường \"{}\".", name),
                             fmt::format("The field \"{}\" is missing.", name));
    error.field = name;
    return error;
  }
  if (!found->is_string()) {
    Error error = make_error(ErrorKind::bad_input, fmt::format("Trường \"{}\" phải là chuỗi.", name),
                             fmt::format("The field \"{}\" must be a string.", name));
    error.field = name;
    return error;
  }
  return found->get<std::string>();
}

}  // namespace chiso::server
