// The PostgreSQL layer of the accounts' flows (account_flows.h), internal
// to src/store. It shares its store's connection (PgStore::accounts()):
// READ COMMITTED transactions, the rows of an account locked with
// SELECT … FOR UPDATE before it changes, each statement prepared once per
// connection. Several servers on one database then behave as one
// (account_flows.h says how).
//
// Thread-safety: as the store; one thread at a time.
#pragma once

#include <memory>

#include "store/accounts.h"
#include "store/pg_connection.h"

namespace chiso::store_detail {

// REQUIRES: `connection` outlives the accounts, and its database has the
// schema (the store creates or migrates it when opened).
std::unique_ptr<Accounts> make_pg_accounts(pg::PgConnection& connection);

}  // namespace chiso::store_detail
