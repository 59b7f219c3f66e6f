// The in-memory files the server sends kept answers from (file_copies.h).
#include "server/file_copies.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <cerrno>
#include <memory>
#include <string>

namespace chiso::server {
namespace {

// The bytes of the file `fd`, read from its start.
std::string file_text(int fd) {
  std::string text;
  char chunk[4096];
  off_t offset = 0;
  for (;;) {
    ssize_t n = ::pread(fd, chunk, sizeof chunk, offset);
    if (n <= 0) break;
    text.append(chunk, static_cast<std::size_t>(n));
    offset += n;
  }
  return text;
}

std::shared_ptr<const std::string> body_of(std::size_t size, char first) {
  std::string text(size, ' ');
  for (std::size_t idx = 0; idx < size; ++idx) text[idx] = static_cast<char>(first + idx % 23);
  return std::make_shared<const std::string>(std::move(text));
}

TEST(FileCopies, TheFileHoldsExactlyTheAnswersBytes) {
  FileCopies copies;
  auto body = body_of(100'000, 'a');
  int fd = copies.file_of(body);
  ASSERT_GE(fd, 0);
  EXPECT_TRUE(file_text(fd) == *body);
}

TEST(FileCopies, TheSameAnswerIsCopiedOnce) {
  FileCopies copies;
  auto body = body_of(20'000, 'a');
  int fd = copies.file_of(body);
  EXPECT_EQ(copies.file_of(body), fd);
  EXPECT_EQ(copies.size(), 1u);
  // Another answer of the same bytes is another answer.
  auto twin = std::make_shared<const std::string>(*body);
  EXPECT_NE(copies.file_of(twin), fd);
  EXPECT_EQ(copies.size(), 2u);
}

TEST(FileCopies, TheCopyOfAnAnswerNoLongerHeldIsClosedAtTheNextCopy) {
  FileCopies copies;
  auto old_table = body_of(30'000, 'a');
  ASSERT_GE(copies.file_of(old_table), 0);
  old_table.reset();  // the cache dropped it and no connection sends it
  auto new_table = body_of(40'000, 'A');
  int fd = copies.file_of(new_table);
  ASSERT_GE(fd, 0);
  EXPECT_EQ(copies.size(), 1u);
  EXPECT_TRUE(file_text(fd) == *new_table);
}

TEST(FileCopies, TheCopyCannotBeChanged) {
  FileCopies copies;
  auto body = body_of(20'000, 'a');
  int fd = copies.file_of(body);
  ASSERT_GE(fd, 0);
  EXPECT_EQ(::pwrite(fd, "x", 1, 0), -1);
  EXPECT_EQ(errno, EPERM);
  EXPECT_EQ(::ftruncate(fd, 10), -1);
  EXPECT_TRUE(file_text(fd) == *body);
}

TEST(FileCopies, NoAnswerHasNoFile) {
  FileCopies copies;
  EXPECT_EQ(copies.file_of(nullptr), -1);
  EXPECT_EQ(copies.size(), 0u);
}

}  // namespace
}  // namespace chiso::server
