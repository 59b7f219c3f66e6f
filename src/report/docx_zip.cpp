// Zipping an OPC package (DOCX) with libzip.

#include <zip.h>

#include "report/appendix.h"

namespace chiso::report::detail {

Result<void> write_zip(const std::string& path,
                       const std::vector<std::pair<std::string, std::string>>& entries) {
  int error_code = 0;
  zip_t* archive = zip_open(path.c_str(), ZIP_CREATE | ZIP_TRUNCATE, &error_code);
  if (!archive) {
    zip_error_t error;
    zip_error_init_with_code(&error, error_code);
    std::string message = "Không ghi được tệp " + path + ": " + zip_error_strerror(&error) +
                          " (cannot write " + path + ")";
    zip_error_fini(&error);
    return make_error(message);
  }
  auto fail = [&](const std::string& what) -> Result<void> {
    std::string message = "Không ghi được tệp " + path + " (" + what + "): " +
                          zip_strerror(archive) + " (cannot write " + path + ")";
    zip_discard(archive);
    return make_error(message);
  };
  for (const auto& [name, content] : entries) {
    // The buffers stay alive until zip_close: `entries` outlives this call.
    zip_source_t* source = zip_source_buffer(archive, content.data(), content.size(), 0);
    if (!source) return fail(name);
    zip_int64_t index = zip_file_add(archive, name.c_str(), source,
                                     ZIP_FL_ENC_UTF_8 | ZIP_FL_OVERWRITE);
    if (index < 0) {
      zip_source_free(source);
      return fail(name);
    }
    zip_set_file_compression(archive, static_cast<zip_uint64_t>(index), ZIP_CM_DEFLATE, 0);
  }
  if (zip_close(archive) != 0) return fail("zip_close");
  return {};
}

}  // namespace chiso::report::detail
