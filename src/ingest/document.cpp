// read_document: limits, then the format from the content.
#include "ingest/document.h"

#include <sys/stat.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <memory>

#include <fmt/format.h>

#include "common/limits.h"
#include "ingest/readers.h"
#include "ingest/zip_archive.h"

namespace chiso {

Result<Document> read_document(const std::string& path) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) {
    const char* why = std::strerror(errno);
    return make_error(fmt::format("{}: không mở được tệp: {} / cannot open the file: {}", path, why, why));
  }
  if (S_ISDIR(st.st_mode)) {
    return make_error(fmt::format("{}: là thư mục, không phải tệp / is a directory, not a file", path));
  }
  if (static_cast<std::uint64_t>(st.st_size) > limits::file_size_bytes_max) {
    return make_error(fmt::format(
        "{}: tệp lớn {} byte, quá giới hạn {} byte / the file is {} bytes, over the limit of {}",
        path, st.st_size, limits::file_size_bytes_max, st.st_size, limits::file_size_bytes_max));
  }
  std::unique_ptr<FILE, int (*)(FILE*)> file(std::fopen(path.c_str(), "rb"), &std::fclose);
  if (!file) {
    const char* why = std::strerror(errno);
    return make_error(fmt::format("{}: không mở được tệp: {} / cannot open the file: {}", path, why, why));
  }
  std::string bytes;
  bytes.resize(static_cast<size_t>(st.st_size));
  const size_t got = std::fread(bytes.data(), 1, bytes.size(), file.get());
  if (got != bytes.size() || std::ferror(file.get())) {
    return make_error(fmt::format("{}: lỗi khi đọc tệp / read error", path));
  }
  // A special file (pipe) may have size 0 in stat; no need to support it.
  return read_document_bytes(bytes, path);
}

Result<Document> read_document_bytes(std::string_view bytes, const std::string& name) {
  if (bytes.size() > limits::file_size_bytes_max) {
    return make_error(fmt::format(
        "{}: tệp lớn {} byte, quá giới hạn {} byte / the file is {} bytes, over the limit of {}",
        name, bytes.size(), limits::file_size_bytes_max, bytes.size(), limits::file_size_bytes_max));
  }
  if (bytes.empty()) {
    return make_error(fmt::format("{}: tệp rỗng / the file is empty", name));
  }
  const bool zip = bytes.size() >= 4 && bytes.substr(0, 2) == "PK" &&
                   (bytes.substr(2, 2) == std::string_view("\x03\x04", 2) ||
                    bytes.substr(2, 2) == std::string_view("\x05\x06", 2));
  if (zip) {
    auto archive = detail::ZipArchive::open(bytes, name);
    if (!archive) return archive.error();
    detail::ZipArchive& z = **archive;
    Result<Document> doc = z.has("word/document.xml") ? detail::read_docx(z, name)
                           : z.has("xl/workbook.xml") ? detail::read_xlsx(z, name)
                                                      : Result<Document>(make_error(fmt::format(
                                                            "{}: tệp nén không phải DOCX hay XLSX "
                                                            "/ a zip that is neither DOCX nor XLSX",
                                                            name)));
    if (doc) doc->path = name;
    return doc;
  }
  if (bytes.size() >= 8 && bytes.substr(0, 8) == std::string_view("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8)) {
    return make_error(fmt::format(
        "{}: tệp Word/Excel 97–2003 (.doc/.xls) chưa được hỗ trợ, hãy lưu thành .docx/.xlsx / "
        "Word/Excel 97–2003 files are not supported: save as .docx/.xlsx",
        name));
  }
  if (bytes.substr(0, 5) == "%PDF-") {
    return make_error(fmt::format(
        "{}: tệp PDF không đọc được bảng, hãy gửi DOCX/XLSX/TSV / a PDF: send DOCX, XLSX or TSV",
        name));
  }
  Result<Document> doc = detail::read_delimited(bytes, name);
  if (doc) doc->path = name;
  return doc;
}

}  // namespace chiso
