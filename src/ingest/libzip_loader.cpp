#include "ingest/libzip_loader.h"

#include <dlfcn.h>

#include <string>

#include "common/dynamic_symbol.h"

namespace chiso::detail {
namespace {

#ifndef CHISO_LIBZIP_SONAME
#define CHISO_LIBZIP_SONAME "libzip.so.4"
#endif

Result<const LibZip*> load() {
  void* handle = dlopen(CHISO_LIBZIP_SONAME, RTLD_NOW | RTLD_LOCAL);
  if (handle == nullptr) {
    const char* why = dlerror();
    return make_error(std::string("không nạp được thư viện libzip (" CHISO_LIBZIP_SONAME
                                  ") để đọc XLSX/DOCX / cannot load libzip to read XLSX/DOCX: ") +
                      (why ? why : "?"));
  }
  static LibZip lib;
  std::string missing;
  bool ok = bind_symbol(handle, "zip_error_init", lib.error_init, missing);
  ok &= bind_symbol(handle, "zip_error_fini", lib.error_fini, missing);
  ok &= bind_symbol(handle, "zip_error_strerror", lib.error_strerror, missing);
  ok &= bind_symbol(handle, "zip_source_buffer_create", lib.source_buffer_create, missing);
  ok &= bind_symbol(handle, "zip_source_free", lib.source_free, missing);
  ok &= bind_symbol(handle, "zip_open_from_source", lib.open_from_source, missing);
  ok &= bind_symbol(handle, "zip_get_num_entries", lib.get_num_entries, missing);
  ok &= bind_symbol(handle, "zip_stat_init", lib.stat_init, missing);
  ok &= bind_symbol(handle, "zip_stat_index", lib.stat_index, missing);
  ok &= bind_symbol(handle, "zip_name_locate", lib.name_locate, missing);
  ok &= bind_symbol(handle, "zip_fopen_index", lib.fopen_index, missing);
  ok &= bind_symbol(handle, "zip_fread", lib.fread, missing);
  ok &= bind_symbol(handle, "zip_fclose", lib.fclose, missing);
  ok &= bind_symbol(handle, "zip_file_strerror", lib.file_strerror, missing);
  ok &= bind_symbol(handle, "zip_strerror", lib.strerror, missing);
  ok &= bind_symbol(handle, "zip_discard", lib.discard, missing);
  if (!ok) {
    return make_error("thư viện " CHISO_LIBZIP_SONAME " thiếu hàm " + missing + " / " +
                      CHISO_LIBZIP_SONAME " has no function " + missing);
  }
  return &lib;
}

}  // namespace

Result<const LibZip*> libzip() {
  // Loaded once; a failure is kept too, and said again to each caller.
  static const Result<const LibZip*> loaded = load();
  return loaded;
}

}  // namespace chiso::detail
