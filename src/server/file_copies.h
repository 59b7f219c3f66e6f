// Answers kept in memory (answer_cache.h), each also as an in-memory file
// (memfd), so that the I/O thread hands a large body to the kernel with
// sendfile(2): the socket's buffers then refer to the file's pages instead
// of a copy of the bytes made for every reader. The consolidated table of a
// real city is some 85 KiB, read by every coordinator's page and viewer.
//
// A copy lives while its answer does: the copy of an answer no longer held
// by anyone is closed at the next copy made. One per server, used by its I/O
// thread only (not thread-safe).
#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <unordered_map>

namespace chiso::server {

class FileCopies {
 public:
  FileCopies() = default;
  ~FileCopies();
  FileCopies(const FileCopies&) = delete;
  FileCopies& operator=(const FileCopies&) = delete;

  // The descriptor of a file holding exactly `body`'s bytes, made at the
  // first call for this body; -1 when none can be made (no memfd, no
  // memory): the caller then writes the body itself. The descriptor is
  // valid while `body` is held.
  int file_of(const std::shared_ptr<const std::string>& body);

  // The copies open now (for tests).
  std::size_t size() const { return copies_.size(); }

 private:
  struct Copy {
    std::weak_ptr<const std::string> body;
    int fd = -1;
  };
  // Closes the copies of the answers no one holds any more.
  void forget_unheld();

  std::unordered_map<const std::string*, Copy> copies_;
};

}  // namespace chiso::server
