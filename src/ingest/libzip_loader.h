// libzip, loaded when the first XLSX or DOCX turns up.
//
// Most tables arrive as pasted text or CSV, and a command's time is then
// mostly the dynamic loader's: libzip brings libcrypto, liblzma, libzstd and
// libbz2 with it. So chiso opens libzip with dlopen() on first use instead of
// linking it. Each function is typed from <zip.h> (decltype), so a call
// through this table is checked by the compiler exactly as a direct call is.
#pragma once

#include <zip.h>

#include "common/result.h"

namespace chiso::detail {

struct LibZip {
  decltype(&::zip_error_init) error_init;
  decltype(&::zip_error_fini) error_fini;
  decltype(&::zip_error_strerror) error_strerror;
  decltype(&::zip_source_buffer_create) source_buffer_create;
  decltype(&::zip_source_free) source_free;
  decltype(&::zip_open_from_source) open_from_source;
  decltype(&::zip_get_num_entries) get_num_entries;
  decltype(&::zip_stat_init) stat_init;
  decltype(&::zip_stat_index) stat_index;
  decltype(&::zip_name_locate) name_locate;
  decltype(&::zip_fopen_index) fopen_index;
  decltype(&::zip_fread) fread;
  decltype(&::zip_fclose) fclose;
  decltype(&::zip_file_strerror) file_strerror;
  decltype(&::zip_strerror) strerror;
  decltype(&::zip_discard) discard;
};

// The loaded library (once per process, thread-safe), or an Error naming the
// library and dlopen's reason, for the caller to report with its file name.
Result<const LibZip*> libzip();

}  // namespace chiso::detail
