// backup_to(): a consistent copy of the database while others write to it.
//
// Made with VACUUM INTO, not the online backup API: VACUUM INTO reads the
// whole database inside one read transaction, which in WAL mode never waits
// for a writer nor makes one wait, and sees one committed state. The backup
// API copies page by page across several steps and starts again whenever
// another connection commits in between, so a server saving every second
// could keep it from ever finishing. The copy is also compact (no free pages).
//
// The copy is written to "<path>.part-<pid>" beside the target, synced, and
// only then put in place: renamed over the target when replacing, else
// hard-linked to it (which fails if the target appeared meanwhile) and the
// part unlinked. The directory is synced after. Any failure removes the part.
#include <fcntl.h>
#include <fmt/format.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>

#include "store/sqlite_store.h"

namespace chiso::store_detail {
namespace {

namespace fs = std::filesystem;

Error io_error(const std::string& what_vi, const std::string& what_en, const std::string& path,
               int error_number) {
  const char* reason = std::strerror(error_number);
  return make_error(ErrorKind::internal, fmt::format("{} {}: {}", what_vi, path, reason),
                    fmt::format("{} {}: {}", what_en, path, reason));
}

// fsync of a file or a directory; errno on failure, 0 when done.
int sync_path(const std::string& path, bool directory) {
  const int fd = ::open(path.c_str(), (directory ? O_RDONLY | O_DIRECTORY : O_RDONLY) | O_CLOEXEC);
  if (fd < 0) return errno;
  const int synced = ::fsync(fd) == 0 ? 0 : errno;
  ::close(fd);
  return synced;
}

Error target_exists(const std::string& path) {
  return make_error(
      ErrorKind::conflict,
      fmt::format("Tệp {} đã có; không ghi đè (dùng --force để thay nó).", path),
      fmt::format("File {} already exists; not overwritten (use --force to replace it).", path));
}

}  // namespace

Result<void> SqliteStore::backup_to(const std::string& path, bool replace_existing) {
  std::error_code error;
  if (fs::exists(path, error)) {
    if (fs::equivalent(path, path_, error))
      return make_error(
          ErrorKind::conflict,
          fmt::format("Tệp sao lưu {} chính là cơ sở dữ liệu đang dùng; hãy chọn tệp khác.", path),
          fmt::format("The backup file {} is the database itself; choose another file.", path));
    if (!replace_existing) return target_exists(path);
  }
  if (auto ready = ensure_schema(); !ready) return ready;

  const std::string part = fmt::format("{}.part-{}", path, ::getpid());
  fs::remove(part, error);  // left by a backup of this pid that was killed
  auto vacuum = Statement::prepare(connection_->get(), "VACUUM INTO ?1");
  if (!vacuum) return vacuum.error();
  vacuum->bind_text(1, part);
  if (auto copied = vacuum->run(); !copied) {
    fs::remove(part, error);
    Error failed = copied.error();
    failed.message = fmt::format("Không sao lưu được vào {}: {}", path, failed.message);
    failed.message_en = fmt::format("Cannot back up to {}: {}", path, failed.message_en);
    return failed;
  }
  if (int synced = sync_path(part, false); synced != 0) {
    fs::remove(part, error);
    return io_error("Không ghi được xuống đĩa tệp", "Cannot sync the file", part, synced);
  }
  if (replace_existing) {
    if (::rename(part.c_str(), path.c_str()) != 0) {
      const int failed = errno;
      fs::remove(part, error);
      return io_error("Không đặt được bản sao vào", "Cannot put the copy in place at", path,
                      failed);
    }
  } else {
    if (::link(part.c_str(), path.c_str()) != 0) {
      const int failed = errno;
      fs::remove(part, error);
      if (failed == EEXIST) return target_exists(path);
      return io_error("Không đặt được bản sao vào", "Cannot put the copy in place at", path,
                      failed);
    }
    ::unlink(part.c_str());
  }
  const fs::path parent = fs::absolute(fs::path(path), error).parent_path();
  if (int synced = sync_path(parent.string(), true); synced != 0)
    return io_error("Không ghi được xuống đĩa thư mục", "Cannot sync the folder", parent.string(),
                    synced);
  return {};
}

}  // namespace chiso::store_detail
