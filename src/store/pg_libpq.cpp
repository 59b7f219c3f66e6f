#include "store/pg_libpq.h"

#include <dlfcn.h>

#include <string>

namespace chiso::pg {
namespace {

#ifndef CHISO_LIBPQ_SONAME
#define CHISO_LIBPQ_SONAME "libpq.so.5"
#endif

// Looks `name` up in `handle` into `slot`; false (and `missing` set) if absent.
template <class Fn>
bool bind(void* handle, const char* name, Fn& slot, std::string& missing) {
  void* symbol = dlsym(handle, name);
  if (symbol == nullptr) {
    if (missing.empty()) missing = name;
    return false;
  }
  // POSIX guarantees that a data pointer from dlsym converts to a function pointer.
  slot = reinterpret_cast<Fn>(symbol);
  return true;
}

Result<const LibPq*> load() {
  void* handle = dlopen(CHISO_LIBPQ_SONAME, RTLD_NOW | RTLD_LOCAL);
  if (handle == nullptr) {
    const char* why = dlerror();
    std::string reason = why != nullptr ? why : "?";
    return make_error(ErrorKind::internal,
                      "Không nạp được thư viện libpq (" CHISO_LIBPQ_SONAME
                      ") để dùng PostgreSQL: " + reason + ". Cài gói libpq5.",
                      "Cannot load libpq (" CHISO_LIBPQ_SONAME ") to use PostgreSQL: " + reason +
                          ". Install the libpq5 package.");
  }
  static LibPq lib;
  std::string missing;
  bool ok = bind(handle, "PQconnectdb", lib.connectdb, missing);
  ok &= bind(handle, "PQfinish", lib.finish, missing);
  ok &= bind(handle, "PQstatus", lib.status, missing);
  ok &= bind(handle, "PQerrorMessage", lib.error_message, missing);
  ok &= bind(handle, "PQsetClientEncoding", lib.set_client_encoding, missing);
  ok &= bind(handle, "PQsetNoticeProcessor", lib.set_notice_processor, missing);
  ok &= bind(handle, "PQexec", lib.exec, missing);
  ok &= bind(handle, "PQexecParams", lib.exec_params, missing);
  ok &= bind(handle, "PQprepare", lib.prepare, missing);
  ok &= bind(handle, "PQexecPrepared", lib.exec_prepared, missing);
  ok &= bind(handle, "PQresultStatus", lib.result_status, missing);
  ok &= bind(handle, "PQresultErrorMessage", lib.result_error_message, missing);
  ok &= bind(handle, "PQresultErrorField", lib.result_error_field, missing);
  ok &= bind(handle, "PQclear", lib.clear, missing);
  ok &= bind(handle, "PQntuples", lib.ntuples, missing);
  ok &= bind(handle, "PQnfields", lib.nfields, missing);
  ok &= bind(handle, "PQfnumber", lib.fnumber, missing);
  ok &= bind(handle, "PQgetisnull", lib.getisnull, missing);
  ok &= bind(handle, "PQgetvalue", lib.getvalue, missing);
  ok &= bind(handle, "PQgetlength", lib.getlength, missing);
  ok &= bind(handle, "PQcmdTuples", lib.cmd_tuples, missing);
  ok &= bind(handle, "PQputCopyData", lib.put_copy_data, missing);
  ok &= bind(handle, "PQputCopyEnd", lib.put_copy_end, missing);
  ok &= bind(handle, "PQgetCopyData", lib.get_copy_data, missing);
  ok &= bind(handle, "PQgetResult", lib.get_result, missing);
  ok &= bind(handle, "PQfreemem", lib.freemem, missing);
  ok &= bind(handle, "PQtransactionStatus", lib.transaction_status, missing);
  ok &= bind(handle, "PQbackendPID", lib.backend_pid, missing);
  if (!ok)
    return make_error(ErrorKind::internal, "Thư viện " CHISO_LIBPQ_SONAME " thiếu hàm " + missing + ".",
                      CHISO_LIBPQ_SONAME " has no function " + missing + ".");
  return &lib;
}

}  // namespace

Result<const LibPq*> libpq() {
  // Loaded once; a failure is kept too, and said again to each caller.
  static const Result<const LibPq*> loaded = load();
  return loaded;
}

}  // namespace chiso::pg
