// The SQLite layer of the accounts' flows (account_flows.h), internal to
// src/store. It shares its store's connection (SqliteStore::accounts()), so
// it follows the store's discipline: a write is one BEGIN IMMEDIATE
// transaction (a second writer waits up to the busy timeout, and holds the
// whole database while it writes: no row needs a lock of its own), reads see
// the last commit, and every call first gives a new file its schema
// (SqliteStore::ensure_schema).
//
// Thread-safety: as the Store; one thread at a time.
#pragma once

#include <memory>

#include "store/accounts.h"
#include "store/sqlite_statement.h"

namespace chiso::store_detail {

class SqliteStore;

// REQUIRES: `store` outlives the accounts (the store owns them).
std::unique_ptr<Accounts> make_sqlite_accounts(SqliteStore& store, std::shared_ptr<Connection> connection);

}  // namespace chiso::store_detail
