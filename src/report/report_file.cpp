#include <cerrno>
#include <cstdio>
#include <cstring>

#include "report/report.h"

namespace chiso::report {

Result<void> write_file(const std::string& path, std::string_view bytes) {
  std::FILE* file = std::fopen(path.c_str(), "wb");
  if (file == nullptr) {
    return make_error("không ghi được tệp " + path + ": " + std::strerror(errno) +
                      " (cannot write the file)");
  }
  size_t written = std::fwrite(bytes.data(), 1, bytes.size(), file);
  int close_rc = std::fclose(file);
  if (written != bytes.size() || close_rc != 0) {
    return make_error("ghi tệp " + path + " không trọn vẹn: " + std::strerror(errno) +
                      " (the file was not written completely)");
  }
  return {};
}

}  // namespace chiso::report
