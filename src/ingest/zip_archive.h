// ZipArchive: read-only access to the entries of an XLSX/DOCX held in memory,
// with every zip limit of common/limits.h enforced (entries, expanded size
// per entry and in total, compression ratio) so that a zip bomb or a broken
// archive gives an Error, never a crash or an unbounded allocation.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "common/result.h"

struct zip;

namespace chiso::detail {

struct LibZip;

class ZipArchive {
 public:
  // Opens the archive in `bytes`, which must outlive the ZipArchive.
  // `name` is the file name used in messages.
  static Result<std::unique_ptr<ZipArchive>> open(std::string_view bytes, const std::string& name);
  ~ZipArchive();
  ZipArchive(const ZipArchive&) = delete;
  ZipArchive& operator=(const ZipArchive&) = delete;

  bool has(const std::string& entry) const;
  // The entry's expanded bytes. Error when missing, over a limit, or corrupt.
  // The running total of expanded bytes over all reads is capped by
  // limits::zip_total_bytes_max.
  Result<std::string> read(const std::string& entry);

 private:
  ZipArchive(const LibZip* lib, zip* archive, std::string name)
      : lib_(lib), archive_(archive), name_(std::move(name)) {}
  const LibZip* lib_;
  zip* archive_;
  std::string name_;
  std::uint64_t total_read_bytes_ = 0;
};

}  // namespace chiso::detail
