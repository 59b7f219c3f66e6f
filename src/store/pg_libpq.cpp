#include "store/pg_libpq.h"

#include <dlfcn.h>

#include <string>

#include "common/dynamic_symbol.h"

namespace chiso::pg {
namespace {

#ifndef CHISO_LIBPQ_SONAME
#define CHISO_LIBPQ_SONAME "libpq.so.5"
#endif

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
  bool ok = bind_symbol(handle, "PQconnectdb", lib.connectdb, missing);
  ok &= bind_symbol(handle, "PQfinish", lib.finish, missing);
  ok &= bind_symbol(handle, "PQstatus", lib.status, missing);
  ok &= bind_symbol(handle, "PQerrorMessage", lib.error_message, missing);
  ok &= bind_symbol(handle, "PQsetClientEncoding", lib.set_client_encoding, missing);
  ok &= bind_symbol(handle, "PQsetNoticeReceiver", lib.set_notice_receiver, missing);
  ok &= bind_symbol(handle, "PQexec", lib.exec, missing);
  ok &= bind_symbol(handle, "PQexecParams", lib.exec_params, missing);
  ok &= bind_symbol(handle, "PQprepare", lib.prepare, missing);
  ok &= bind_symbol(handle, "PQexecPrepared", lib.exec_prepared, missing);
  ok &= bind_symbol(handle, "PQresultStatus", lib.result_status, missing);
  ok &= bind_symbol(handle, "PQresultErrorMessage", lib.result_error_message, missing);
  ok &= bind_symbol(handle, "PQresultErrorField", lib.result_error_field, missing);
  ok &= bind_symbol(handle, "PQclear", lib.clear, missing);
  ok &= bind_symbol(handle, "PQntuples", lib.ntuples, missing);
  ok &= bind_symbol(handle, "PQnfields", lib.nfields, missing);
  ok &= bind_symbol(handle, "PQfnumber", lib.fnumber, missing);
  ok &= bind_symbol(handle, "PQgetisnull", lib.getisnull, missing);
  ok &= bind_symbol(handle, "PQgetvalue", lib.getvalue, missing);
  ok &= bind_symbol(handle, "PQgetlength", lib.getlength, missing);
  ok &= bind_symbol(handle, "PQcmdTuples", lib.cmd_tuples, missing);
  ok &= bind_symbol(handle, "PQputCopyData", lib.put_copy_data, missing);
  ok &= bind_symbol(handle, "PQputCopyEnd", lib.put_copy_end, missing);
  ok &= bind_symbol(handle, "PQgetCopyData", lib.get_copy_data, missing);
  ok &= bind_symbol(handle, "PQgetResult", lib.get_result, missing);
  ok &= bind_symbol(handle, "PQfreemem", lib.freemem, missing);
  ok &= bind_symbol(handle, "PQtransactionStatus", lib.transaction_status, missing);
  ok &= bind_symbol(handle, "PQbackendPID", lib.backend_pid, missing);
  ok &= bind_symbol(handle, "PQsocket", lib.socket, missing);
  ok &= bind_symbol(handle, "PQconsumeInput", lib.consume_input, missing);
  ok &= bind_symbol(handle, "PQisBusy", lib.is_busy, missing);
  ok &= bind_symbol(handle, "PQreset", lib.reset, missing);
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
