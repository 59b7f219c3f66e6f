#include "server/static_files.h"

#include <algorithm>

namespace chiso::server {

const EmbeddedFile* find_embedded_file(std::string_view path) {
  std::size_t count = 0;
  const EmbeddedFile* files = embedded_files(&count);
  const EmbeddedFile* end = files + count;
  const EmbeddedFile* found =
      std::lower_bound(files, end, path, [](const EmbeddedFile& file, std::string_view key) { return file.path < key; });
  return found != end && found->path == path ? found : nullptr;
}

}  // namespace chiso::server
