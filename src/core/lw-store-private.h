/* lw-store-private.h: what other core modules need of the store
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <sqlite3.h>

#include "lw/lw-store.h"
#include "lw/lw-vault.h"

G_BEGIN_DECLS

sqlite3      *_lw_store_get_db        (LwStore      *store);
/* NULL while locked. */
LwVault      *_lw_store_get_vault     (LwStore      *store);
/* A cached prepared statement, reset and with bindings cleared. */
sqlite3_stmt *_lw_store_prepare       (LwStore      *store,
                                       const char   *sql,
                                       GError      **error);
/* Turns an SQLite result code into a message a user can act on. */
gboolean      _lw_store_sqlite_error  (LwStore      *store,
                                       int           rc,
                                       GError      **error);
gboolean      _lw_store_exec          (LwStore      *store,
                                       const char   *sql,
                                       GError      **error);
/* Meta values (vault header, audit head), binary. */
GBytes       *_lw_store_get_meta      (LwStore      *store,
                                       const char   *key);
gboolean      _lw_store_set_meta      (LwStore      *store,
                                       const char   *key,
                                       const void   *data,
                                       gsize         len,
                                       GError      **error);
/* Seals the values of columns that an older file kept in the clear and drops
 * those columns (see migration 2).  Needs an unlocked store; a no-op once done. */
gboolean      _lw_record_seal_legacy  (LwStore      *store,
                                       GError      **error);
/* The migrations, for tests. */
const char   *_lw_store_migration     (int           version);

G_END_DECLS
