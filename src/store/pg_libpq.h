// libpq, loaded when the first PostgreSQL store is opened.
//
// libpq brings some twenty libraries with it (OpenSSL, Kerberos, LDAP…):
// linked into `chiso`, every command would pay for mapping them at start,
// also those that never see PostgreSQL. So, as libzip (ingest/libzip_loader.h),
// it is opened with dlopen() on first use. Each function is typed from
// <libpq-fe.h> (decltype): a call through this table is checked by the
// compiler exactly as a direct call is.
#pragma once

#include <libpq-fe.h>

#include "common/result.h"

namespace chiso::pg {

struct LibPq {
  decltype(&::PQconnectdb) connectdb;
  decltype(&::PQfinish) finish;
  decltype(&::PQstatus) status;
  decltype(&::PQerrorMessage) error_message;
  decltype(&::PQsetClientEncoding) set_client_encoding;
  decltype(&::PQsetNoticeReceiver) set_notice_receiver;
  decltype(&::PQexec) exec;
  decltype(&::PQexecParams) exec_params;
  decltype(&::PQprepare) prepare;
  decltype(&::PQexecPrepared) exec_prepared;
  decltype(&::PQresultStatus) result_status;
  decltype(&::PQresultErrorMessage) result_error_message;
  decltype(&::PQresultErrorField) result_error_field;
  decltype(&::PQclear) clear;
  decltype(&::PQntuples) ntuples;
  decltype(&::PQnfields) nfields;
  decltype(&::PQfnumber) fnumber;
  decltype(&::PQgetisnull) getisnull;
  decltype(&::PQgetvalue) getvalue;
  decltype(&::PQgetlength) getlength;
  decltype(&::PQcmdTuples) cmd_tuples;
  decltype(&::PQputCopyData) put_copy_data;
  decltype(&::PQputCopyEnd) put_copy_end;
  decltype(&::PQgetCopyData) get_copy_data;
  decltype(&::PQgetResult) get_result;
  decltype(&::PQfreemem) freemem;
  decltype(&::PQtransactionStatus) transaction_status;
  decltype(&::PQbackendPID) backend_pid;
  decltype(&::PQsocket) socket;
  decltype(&::PQconsumeInput) consume_input;
  decltype(&::PQisBusy) is_busy;
  decltype(&::PQreset) reset;
};

// The loaded library (once per process, thread-safe), or an Error naming the
// library and dlopen's reason.
Result<const LibPq*> libpq();

}  // namespace chiso::pg
