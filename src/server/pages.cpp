#include "server/pages.h"

#include <array>
#include <utility>

#include "server/static_files.h"

namespace chiso::server {
namespace {

constexpr std::array<std::pair<std::string_view, std::string_view>, 6> page_files = {{
    {"/", "index.html"},
    {"/dang-nhap", "login.html"},
    {"/bieu-mau", "form.html"},
    {"/theo-doi", "board.html"},
    {"/nhat-ky", "changes.html"},
    {"/quan-tri", "admin.html"},
}};

// The file a path names: a page of the table, or /static/FILE for any file
// of web/ but a page.
const EmbeddedFile* file_of(std::string_view raw_path) {
  for (const auto& [path, file] : page_files) {
    if (raw_path == path) return find_embedded_file(file);
  }
  constexpr std::string_view prefix = "/static/";
  if (raw_path.substr(0, prefix.size()) != prefix) return nullptr;
  std::string_view name = raw_path.substr(prefix.size());
  if (name.size() >= 5 && name.substr(name.size() - 5) == ".html") return nullptr;
  return find_embedded_file(name);
}

// If-None-Match holds `etag` (a list, or "*").
bool etag_matches(std::string_view if_none_match, std::string_view etag) {
  if (if_none_match == "*") return true;
  while (!if_none_match.empty()) {
    auto comma = if_none_match.find(',');
    std::string_view item = if_none_match.substr(0, comma);
    if_none_match = comma == std::string_view::npos ? std::string_view() : if_none_match.substr(comma + 1);
    while (!item.empty() && item.front() == ' ') item.remove_prefix(1);
    while (!item.empty() && item.back() == ' ') item.remove_suffix(1);
    if (item.substr(0, 2) == "W/") item.remove_prefix(2);  // If-None-Match compares weakly
    if (item == etag) return true;
  }
  return false;
}

}  // namespace

Response page_response(std::string_view raw_path, std::string_view if_none_match) {
  Response response;
  const EmbeddedFile* file = file_of(raw_path);
  if (!file) {
    file = find_embedded_file("404.html");
    response.status = 404;
    response.content_type = std::string(file->content_type);
    response.body = std::string(file->bytes);
    response.headers.emplace_back("Cache-Control", "no-store");
    return response;
  }
  // Pages and scripts change with the binary and must match each other:
  // the browser asks again every time (a 304 when unchanged). Icons do not
  // change what a page does, so they may be kept a day.
  const bool icon = file->content_type.substr(0, 6) == "image/";
  response.headers.emplace_back("Cache-Control", icon ? "public, max-age=86400" : "no-cache");
  response.headers.emplace_back("ETag", std::string(file->etag));
  response.content_type = std::string(file->content_type);
  if (etag_matches(if_none_match, file->etag)) {
    response.status = 304;
    return response;
  }
  response.body = std::string(file->bytes);
  return response;
}

}  // namespace chiso::server
