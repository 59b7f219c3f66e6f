#include "server/file_copies.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <unistd.h>

#include <cerrno>

namespace chiso::server {

FileCopies::~FileCopies() {
  for (auto& [raw, copy] : copies_) ::close(copy.fd);
}

int FileCopies::file_of(const std::shared_ptr<const std::string>& body) {
  if (!body) return -1;
  if (auto found = copies_.find(body.get()); found != copies_.end()) {
    // The same address is the same answer only while that answer is held.
    if (found->second.body.lock() == body) return found->second.fd;
    ::close(found->second.fd);
    copies_.erase(found);
  }
  forget_unheld();
  int fd = ::memfd_create("chiso-answer", MFD_CLOEXEC | MFD_ALLOW_SEALING);
  if (fd < 0) return -1;
  std::size_t written = 0;
  while (written < body->size()) {
    ssize_t n = ::write(fd, body->data() + written, body->size() - written);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      ::close(fd);
      return -1;
    }
    written += static_cast<std::size_t>(n);
  }
  // Sealed: what the sockets send from it can change no more.
  ::fcntl(fd, F_ADD_SEALS, F_SEAL_SHRINK | F_SEAL_GROW | F_SEAL_WRITE | F_SEAL_SEAL);
  copies_.emplace(body.get(), Copy{body, fd});
  return fd;
}

void FileCopies::forget_unheld() {
  for (auto it = copies_.begin(); it != copies_.end();) {
    if (it->second.body.expired()) {
      ::close(it->second.fd);
      it = copies_.erase(it);
    } else {
      ++it;
    }
  }
}

}  // namespace chiso::server
