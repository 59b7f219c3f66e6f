// The files of src/server/web/ (pages, scripts, styles, icons), compiled
// into the binary by cmake/embed_dir.cmake: no file is read from disk and no
// resource comes from another host.
#pragma once

#include <cstddef>
#include <string_view>

namespace chiso::server {

struct EmbeddedFile {
  std::string_view path;          // under web/: "form.html", "js/form.js"
  std::string_view content_type;  // from the extension
  std::string_view bytes;
  std::string_view etag;          // strong: "\"<16 hex digits of SHA-256>\""
};

// Every embedded file, sorted by path (the generated web_files.cpp).
const EmbeddedFile* embedded_files(std::size_t* count);

// The file at `path` under web/, or null.
const EmbeddedFile* find_embedded_file(std::string_view path);

}  // namespace chiso::server
