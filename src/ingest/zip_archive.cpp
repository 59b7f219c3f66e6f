// ZipArchive over libzip, from memory.
#include "ingest/zip_archive.h"

#include <fmt/format.h>

#include "common/limits.h"
#include "ingest/libzip_loader.h"

namespace chiso::detail {
namespace {
// Small entries compress well without being bombs; the ratio limit applies
// from this expanded size on.
constexpr std::uint64_t kRatioCheckedFromBytes = 1 << 20;
}  // namespace

Result<std::unique_ptr<ZipArchive>> ZipArchive::open(std::string_view bytes,
                                                     const std::string& name) {
  auto loaded = libzip();
  if (!loaded) return make_error(name + ": " + loaded.error().message);
  const LibZip& z = **loaded;
  zip_error_t error;
  z.error_init(&error);
  zip_source_t* source = z.source_buffer_create(bytes.data(), bytes.size(), 0, &error);
  if (source == nullptr) {
    std::string why = z.error_strerror(&error);
    z.error_fini(&error);
    return make_error(fmt::format("{}: không mở được tệp nén (zip): {} / cannot open the zip: {}",
                                  name, why, why));
  }
  zip_t* archive = z.open_from_source(source, ZIP_RDONLY | ZIP_CHECKCONS, &error);
  if (archive == nullptr) {
    std::string why = z.error_strerror(&error);
    z.source_free(source);
    z.error_fini(&error);
    return make_error(fmt::format(
        "{}: tệp XLSX/DOCX bị hỏng hoặc không đầy đủ ({}) / broken or truncated XLSX/DOCX file ({})",
        name, why, why));
  }
  z.error_fini(&error);
  const zip_int64_t entries = z.get_num_entries(archive, 0);
  if (entries < 0 || static_cast<std::uint64_t>(entries) > limits::zip_entries_max) {
    z.discard(archive);
    return make_error(fmt::format(
        "{}: tệp nén có {} mục, quá giới hạn {} / the zip has {} entries, over the limit of {}",
        name, entries, limits::zip_entries_max, entries, limits::zip_entries_max));
  }
  // Sum of the declared sizes: a bomb usually declares its size honestly.
  std::uint64_t declared_total = 0;
  for (zip_int64_t idx = 0; idx < entries; ++idx) {
    zip_stat_t st;
    z.stat_init(&st);
    if (z.stat_index(archive, static_cast<zip_uint64_t>(idx), 0, &st) == 0 &&
        (st.valid & ZIP_STAT_SIZE)) {
      declared_total += st.size;
    }
  }
  if (declared_total > limits::zip_total_bytes_max) {
    z.discard(archive);
    return make_error(fmt::format(
        "{}: tệp nén giải ra {} byte, quá giới hạn {} byte (nghi là zip bomb) / the zip expands to "
        "{} bytes, over the limit of {} (a zip bomb?)",
        name, declared_total, limits::zip_total_bytes_max, declared_total,
        limits::zip_total_bytes_max));
  }
  return std::unique_ptr<ZipArchive>(new ZipArchive(&z, archive, name));
}

ZipArchive::~ZipArchive() { lib_->discard(archive_); }

bool ZipArchive::has(const std::string& entry) const {
  return lib_->name_locate(archive_, entry.c_str(), 0) >= 0;
}

Result<std::string> ZipArchive::read(const std::string& entry) {
  const zip_int64_t idx = lib_->name_locate(archive_, entry.c_str(), 0);
  if (idx < 0) {
    return make_error(fmt::format("{}: thiếu phần {} trong tệp / the file has no part {}", name_,
                                  entry, entry));
  }
  zip_stat_t st;
  lib_->stat_init(&st);
  if (lib_->stat_index(archive_, static_cast<zip_uint64_t>(idx), 0, &st) != 0 ||
      !(st.valid & ZIP_STAT_SIZE)) {
    return make_error(fmt::format("{}: không đọc được phần {} / cannot read part {}", name_,
                                  entry, entry));
  }
  const std::uint64_t size = st.size;
  const std::uint64_t comp = (st.valid & ZIP_STAT_COMP_SIZE) ? st.comp_size : 0;
  if (size > limits::zip_entry_bytes_max) {
    return make_error(fmt::format(
        "{}: phần {} giải ra {} byte, quá giới hạn {} / part {} expands to {} bytes, over the "
        "limit of {}",
        name_, entry, size, limits::zip_entry_bytes_max, entry, size, limits::zip_entry_bytes_max));
  }
  if (size >= kRatioCheckedFromBytes && size / (comp == 0 ? 1 : comp) > limits::zip_ratio_max) {
    return make_error(fmt::format(
        "{}: phần {} nén với tỉ lệ {}:1, quá giới hạn {}:1 (nghi là zip bomb) / part {} is "
        "compressed {}:1, over the limit of {}:1 (a zip bomb?)",
        name_, entry, size / (comp == 0 ? 1 : comp), limits::zip_ratio_max, entry,
        size / (comp == 0 ? 1 : comp), limits::zip_ratio_max));
  }
  if (total_read_bytes_ + size > limits::zip_total_bytes_max) {
    return make_error(fmt::format(
        "{}: tổng dữ liệu giải nén vượt {} byte / expanded data over {} bytes", name_,
        limits::zip_total_bytes_max, limits::zip_total_bytes_max));
  }
  zip_file_t* file = lib_->fopen_index(archive_, static_cast<zip_uint64_t>(idx), 0);
  if (file == nullptr) {
    return make_error(fmt::format("{}: không mở được phần {}: {} / cannot open part {}: {}",
                                  name_, entry, lib_->strerror(archive_), entry,
                                  lib_->strerror(archive_)));
  }
  std::string out;
  out.resize(static_cast<size_t>(size));
  // Read one byte past the declared size to catch a lying header.
  std::uint64_t got = 0;
  char extra;
  while (got < size) {
    const zip_int64_t n = lib_->fread(file, out.data() + got, size - got);
    if (n < 0) {
      std::string why = lib_->file_strerror(file);
      lib_->fclose(file);
      return make_error(fmt::format("{}: phần {} bị hỏng: {} / part {} is corrupt: {}", name_,
                                    entry, why, entry, why));
    }
    if (n == 0) break;
    got += static_cast<std::uint64_t>(n);
  }
  const zip_int64_t more = lib_->fread(file, &extra, 1);
  lib_->fclose(file);
  if (got != size || more != 0) {
    return make_error(fmt::format(
        "{}: phần {} không khớp kích thước khai báo / part {} does not match its declared size",
        name_, entry, entry));
  }
  total_read_bytes_ += size;
  return out;
}

}  // namespace chiso::detail
