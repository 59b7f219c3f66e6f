// read_document: limits, then the format from the content.
#include "ingest/document.h"

#include <fcntl.h>
#include <poll.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <memory>

#include <fmt/format.h>

#include "common/limits.h"
#include "ingest/readers.h"
#include "ingest/zip_archive.h"

namespace chiso {

namespace {

class MappedFile final : public FileBytes {
 public:
  MappedFile(const MappedFile&) = delete;
  MappedFile& operator=(const MappedFile&) = delete;
  MappedFile(void* data, size_t size) : data_(data), size_(size) {}
  ~MappedFile() override { ::munmap(data_, size_); }
  std::string_view view() const override { return {static_cast<const char*>(data_), size_}; }

 private:
  void* data_;
  size_t size_;
};

class ReadFile final : public FileBytes {
 public:
  explicit ReadFile(std::string bytes) : bytes_(std::move(bytes)) {}
  std::string_view view() const override { return bytes_; }

 private:
  std::string bytes_;
};

std::string errno_text() { return std::strerror(errno); }

std::string over_the_limit(const std::string& path, std::uint64_t size) {
  return fmt::format(
      "{}: tệp lớn {} byte, quá giới hạn {} byte / the file is {} bytes, over the limit of {}",
      path, size, limits::file_size_bytes_max, size, limits::file_size_bytes_max);
}

}  // namespace

Result<std::shared_ptr<const FileBytes>> read_file_bytes(const std::string& path) {
  // O_NONBLOCK: opening a FIFO that no program writes to would wait forever.
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK);
  if (fd < 0) {
    const std::string why = errno_text();
    return make_error(fmt::format("{}: không mở được tệp: {} / cannot open the file: {}", path, why, why));
  }
  struct stat st {};
  if (::fstat(fd, &st) != 0) {
    const std::string why = errno_text();
    ::close(fd);
    return make_error(
        fmt::format("{}: không đọc được tệp: {} / cannot read the file: {}", path, why, why));
  }
  if (S_ISDIR(st.st_mode)) {
    ::close(fd);
    return make_error(fmt::format("{}: là thư mục, không phải tệp / is a directory, not a file", path));
  }
  // A regular file, or a pipe (`… | chiso check /dev/stdin`), read within the
  // size limit as it comes. A device (/dev/zero, a terminal) or a socket is
  // refused: it has no end, or is not a table.
  if (!S_ISREG(st.st_mode) && !S_ISFIFO(st.st_mode)) {
    ::close(fd);
    return make_error(fmt::format(
        "{}: không phải tệp thông thường (thiết bị hay socket) / not a regular file (a device or a "
        "socket)",
        path));
  }
  if (S_ISFIFO(st.st_mode)) {
    // A bounded wait for the first byte (or for the writer's end): a FIFO
    // that no program has opened for writing would otherwise wait forever.
    pollfd ready{fd, POLLIN, 0};
    int got = 0;
    while ((got = ::poll(&ready, 1, limits::pipe_first_byte_wait_ms)) < 0 && errno == EINTR) {
    }
    if (got == 0) {
      ::close(fd);
      const int seconds = limits::pipe_first_byte_wait_ms / 1000;
      return make_error(
          fmt::format("{}: không có dữ liệu nào qua đường ống sau {} giây (không chương trình nào "
                      "ghi vào?) / no data came through the pipe in {} seconds (does any program "
                      "write to it?)",
                      path, seconds, seconds));
    }
  }
  ::fcntl(fd, F_SETFL, ::fcntl(fd, F_GETFL) & ~O_NONBLOCK);  // reads block again
  if (static_cast<std::uint64_t>(st.st_size) > limits::file_size_bytes_max) {
    ::close(fd);
    return make_error(over_the_limit(path, static_cast<std::uint64_t>(st.st_size)));
  }
  if (S_ISREG(st.st_mode) && st.st_size > 0) {
    // MAP_POPULATE: all pages mapped in one call, rather than a fault every
    // few pages (a fault costs microseconds in a virtual machine).
    const auto size = static_cast<size_t>(st.st_size);
    void* data = ::mmap(nullptr, size, PROT_READ, MAP_PRIVATE | MAP_POPULATE, fd, 0);
    if (data != MAP_FAILED) {
      ::close(fd);
      return std::shared_ptr<const FileBytes>(std::make_shared<MappedFile>(data, size));
    }
  }
  // Not mapped (a pipe, an empty file): read it, within the limit as it comes.
  std::string bytes;
  char buffer[1 << 16];
  while (true) {
    const ssize_t got = ::read(fd, buffer, sizeof buffer);
    if (got < 0 && errno == EINTR) continue;
    if (got < 0) {
      const std::string why = errno_text();
      ::close(fd);
      return make_error(fmt::format("{}: lỗi khi đọc tệp: {} / read error: {}", path, why, why));
    }
    if (got == 0) break;
    bytes.append(buffer, static_cast<size_t>(got));
    if (bytes.size() > limits::file_size_bytes_max) {
      ::close(fd);
      return make_error(fmt::format("{}: tệp quá giới hạn {} byte / the file is over the limit of {} bytes",
                                    path, limits::file_size_bytes_max, limits::file_size_bytes_max));
    }
  }
  ::close(fd);
  return std::shared_ptr<const FileBytes>(std::make_shared<ReadFile>(std::move(bytes)));
}

Result<Document> read_document(const std::string& path) {
  auto bytes = read_file_bytes(path);
  if (!bytes) return bytes.error();
  const std::string_view view = (*bytes)->view();
  return read_document_bytes(view, path, std::move(*bytes));
}

Result<Document> read_document_bytes(std::string_view bytes, const std::string& name,
                                     std::shared_ptr<const void> keep) {
  if (bytes.size() > limits::file_size_bytes_max) return make_error(over_the_limit(name, bytes.size()));
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
  Result<Document> doc = detail::read_delimited(bytes, name, std::move(keep));
  if (doc) doc->path = name;
  return doc;
}

}  // namespace chiso
