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
/* Rows of table may have changed (NULL: of any table); see
 * lw_store_get_change_count (). */
void          _lw_store_note_change   (LwStore      *store,
                                       const LwTableInfo *table);
/* What a module reads once from the settings and keeps (the policy matrix):
 * NULL when nothing is kept under name, or when the settings may have changed
 * since (a write, a rollback, another program's commit, a lock). */
gpointer      _lw_store_get_cached    (LwStore      *store,
                                       const char   *name);
/* Keeps value (destroy frees it) under name until the settings change. */
void          _lw_store_set_cached    (LwStore      *store,
                                       const char   *name,
                                       gpointer      value,
                                       GDestroyNotify destroy);
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
/* Every row of table (by id) with only the named columns read and opened; the
 * others are left unset (and marked unread).  Names the table does not have
 * are passed over, so that one list may serve several tables.  For reports over the whole program, which need a few
 * columns of many rows and none of their free text. */
GPtrArray    *_lw_store_list_columns  (LwStore      *store,
                                       const LwTableInfo *table,
                                       const char * const *columns,
                                       GError      **error);
/* The same rows given to each one at a time, and freed after it: a long
 * table is never held whole.  FALSE, with error set, if the read failed
 * (after some rows may have been given). */
typedef void (*LwRecordFunc) (gconstpointer record,
                              gpointer      user_data);
gboolean      _lw_store_each_columns  (LwStore      *store,
                                       const LwTableInfo *table,
                                       const char * const *columns,
                                       LwRecordFunc  each,
                                       gpointer      user_data,
                                       GError      **error);
/* Inserts a record with the id it has (a deleted record put back);
 * LW_ERROR_EXISTS when that id is taken. */
gboolean      _lw_record_insert_with_id (LwStore    *store,
                                       gpointer      record,
                                       GError      **error);
/* The values of a clear text column, by id (a participant's codes). */
GStrv         _lw_record_clear_values (LwStore    *store,
                                       const LwTableInfo *table,
                                       const char   *column,
                                       GError      **error);
/* The audit head as the file has it, its MAC checked (lw-audit.c). */
gboolean      _lw_audit_get_head      (LwStore      *store,
                                       gint64       *seq,
                                       guint8        mac[LW_VAULT_MAC_BYTES],
                                       GError      **error);
/* The stored MAC of entry seq; FALSE when there is no such entry. */
gboolean      _lw_audit_get_entry_mac (LwStore      *store,
                                       gint64        seq,
                                       guint8        mac[LW_VAULT_MAC_BYTES]);
int           _lw_audit_event_from_string (const char *name);
/* Removes what a killed run left beside path: ".NAME.XXXXXX" temporary files
 * (and their side files) that no running LwAtomicFile holds locked. */
void          _lw_remove_debris       (const char   *path);
/* lw_store_open() of a copy at path that will replace seen_path (a restore):
 * the audit head is compared with seen_path's, and not remembered; the caller
 * remembers it once the copy is in place. */
LwStore      *_lw_store_open_as       (const char   *path,
                                       const char   *seen_path,
                                       GError      **error);
const char   *_lw_store_get_seen_path (LwStore      *store);
/* Removes SQLite's side files of path (-wal, -shm, -journal): a stale one
 * would be read as part of a new file put in place under the same name. */
void          _lw_store_remove_side_files (const char *path);
/* The migrations, for tests. */
const char   *_lw_store_migration     (int           version);

G_END_DECLS
