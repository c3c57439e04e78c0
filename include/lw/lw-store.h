/* lw-store.h: the SQLite file, its schema, transactions and typed records
 *
 * Every model type is a plain struct that starts with LW_RECORD_HEADER and is
 * described by an LwTableInfo: its columns, their types and their need-to-know
 * category.  Columns of a sensitive category are sealed by the vault on write and
 * opened on read; the rest are stored in the clear.  One description serves the
 * schema, reads, writes, the integrity check and the policy engine.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "lw-types.h"

G_BEGIN_DECLS

/* The schema version this program writes; a file with a newer one is refused. */
#define LW_SCHEMA_VERSION 6

typedef struct _LwStore LwStore;
typedef struct _LwTableInfo LwTableInfo;

typedef enum
{
  LW_COLUMN_TEXT,   /* char *, NULL when unset */
  LW_COLUMN_DATE,   /* char * "YYYY-MM-DD", validated, NULL when unset */
  LW_COLUMN_INT,    /* gint64 */
  LW_COLUMN_BOOL,   /* gboolean */
  LW_COLUMN_ENUM,   /* int, validated against enum_info */
  LW_COLUMN_REF,    /* LwId of a row of ref_table, 0 when unset */
  LW_COLUMN_TIME,   /* gint64 microseconds since the epoch (UTC), 0 when unset */
} LwColumnType;

typedef enum
{
  LW_COLUMN_REQUIRED = 1 << 0,  /* must be set to insert or update */
  LW_COLUMN_UNIQUE   = 1 << 1,  /* unique in its table (clear columns only) */
  LW_COLUMN_DERIVED  = 1 << 2,  /* kept by the core (a last contact, a time stamp), not typed in a form */
  LW_COLUMN_PARENT   = 1 << 3,  /* the record this row belongs to: set from where it is created */
} LwColumnFlags;

typedef struct
{
  const char        *name;
  LwColumnType       type;
  LwCategory         category;   /* LW_CATEGORY_NONE: stored in the clear */
  gsize              offset;
  LwColumnFlags      flags;
  const LwEnumInfo  *enum_info;  /* LW_COLUMN_ENUM */
  const char        *ref_table;  /* LW_COLUMN_REF */
  const char        *label;      /* human-readable, translatable */
} LwColumnInfo;

struct _LwTableInfo
{
  const char         *name;
  const char         *label;
  gsize               size;
  const LwColumnInfo *columns;
  guint               n_columns;
};

#define LW_RECORD_HEADER \
  const LwTableInfo *table;  /* what this record is */ \
  LwId id;                   /* 0 until inserted */ \
  guint64 damaged;           /* bit n set: column n failed to open */ \
  guint64 unread             /* bit n set: column n was not read (a partial \
                              * record, see lw_store_list_columns()) */

typedef struct
{
  LW_RECORD_HEADER;
} LwRecord;

#define LW_RECORD(r) ((LwRecord *) (r))

gpointer            lw_record_new             (const LwTableInfo *table);
gpointer            lw_record_copy            (gconstpointer      record);
/* Wipes sealed text before freeing it. */
void                lw_record_free            (gpointer           record);
const LwColumnInfo *lw_table_find_column      (const LwTableInfo *table,
                                               const char        *name);
/* Sets a column from its text form (as in CSV or on the command line):
 * validates dates, enumeration names, booleans and numbers. */
gboolean            lw_record_set_from_string (gpointer           record,
                                               const LwColumnInfo *column,
                                               const char        *text,
                                               GError           **error);
/* The text form of a column, or NULL when unset. */
char               *lw_record_get_string      (gconstpointer      record,
                                               const LwColumnInfo *column);
const LwTableInfo * const *lw_store_tables    (guint             *n_tables);
const LwTableInfo  *lw_store_find_table       (const char        *name);

/* Opening.  lw_store_create() makes a new file (it must not exist) and leaves the
 * store unlocked; lw_store_open() opens an existing file locked. */
LwStore            *lw_store_create           (const char  *path,
                                               const char  *passphrase,
                                               gsize        passphrase_len,
                                               GError     **error);
LwStore            *lw_store_open             (const char  *path,
                                               GError     **error);
/* Fills a new file before it gets its name (the demo); FALSE with error stops
 * the creation, and nothing is left. */
typedef gboolean  (*LwStorePopulateFunc)        (LwStore     *store,
                                               gpointer     user_data,
                                               GError     **error);
/* lw_store_create(), with populate run on the unlocked store before the file is
 * renamed into place: a file is created whole or not at all. */
LwStore            *lw_store_create_full      (const char  *path,
                                               const char  *passphrase,
                                               gsize        passphrase_len,
                                               LwStorePopulateFunc populate,
                                               gpointer     user_data,
                                               GError     **error);

/* Reading never needs writing.  A file on read-only media or in a folder that
 * cannot be written opens read-only; so does one whose unlock cannot be written
 * (a full disk, a damaged audit head).  Then writes fail with
 * LW_ERROR_READ_ONLY, and audit entries are kept outside the file until the
 * next writable unlock.  The reason, for a banner, or NULL when writable. */
const char         *lw_store_get_read_only_reason (LwStore  *store);
/* What the last unlock found missing compared with the audit head this account
 * saw last (outside the file), or NULL. */
const char         *lw_store_get_rollback     (LwStore     *store);
/* Sentences for the user from the last unlock: read-only, rolled back. */
char              **lw_store_get_warnings     (LwStore     *store);

/* How long a command waits for another program that holds the file. */
#define LW_STORE_BUSY_TIMEOUT 30
/* Called once per wait, after half a second, from the thread that waits. */
typedef void      (*LwStoreBusyFunc)           (LwStore     *store,
                                               gpointer     user_data);
void                lw_store_set_busy_func    (LwStore     *store,
                                               LwStoreBusyFunc func,
                                               gpointer     user_data);
gboolean            lw_store_unlock           (LwStore     *store,
                                               const char  *passphrase,
                                               gsize        passphrase_len,
                                               GError     **error);
void                lw_store_lock             (LwStore     *store);
gboolean            lw_store_is_unlocked      (LwStore     *store);
gboolean            lw_store_change_passphrase (LwStore    *store,
                                               const char  *new_passphrase,
                                               gsize        new_passphrase_len,
                                               GError     **error);
void                lw_store_free             (LwStore     *store);
const char         *lw_store_get_path         (LwStore     *store);
int                 lw_store_get_schema_version (LwStore   *store);

/* Who is acting, for the audit log (default: the login name). */
void                lw_store_set_actor        (LwStore     *store,
                                               const char  *actor);
const char         *lw_store_get_actor        (LwStore     *store);

/* Transactions nest (savepoints).  A write outside one is its own transaction. */
gboolean            lw_store_begin            (LwStore     *store,
                                               GError     **error);
gboolean            lw_store_commit           (LwStore     *store,
                                               GError     **error);
void                lw_store_rollback         (LwStore     *store);

/* Records. */
gboolean            lw_store_insert           (LwStore     *store,
                                               gpointer     record,
                                               GError     **error);
gboolean            lw_store_update           (LwStore     *store,
                                               gconstpointer record,
                                               GError     **error);
gboolean            lw_store_delete           (LwStore     *store,
                                               const LwTableInfo *table,
                                               LwId         id,
                                               GError     **error);
gpointer            lw_store_get              (LwStore     *store,
                                               const LwTableInfo *table,
                                               LwId         id,
                                               GError     **error);
/* All rows of table, or those whose clear column where_column equals value,
 * ordered by id.  A sealed value that fails to open leaves its field unset and
 * sets its bit in record->damaged; lw_store_check() names it. */
GPtrArray          *lw_store_list             (LwStore     *store,
                                               const LwTableInfo *table,
                                               const char  *where_column,
                                               gint64       value,
                                               GError     **error);
/* Reads that open only what they need.  columns names the columns to read
 * (NULL-terminated; NULL: all of them); the others are left unset and their
 * bits set in record->unread, and lw_store_update() refuses such a partial
 * record.  Only the named sealed columns are opened.  Rows as for
 * lw_store_list(); where_column may also be "id". */
GPtrArray          *lw_store_list_columns     (LwStore     *store,
                                               const LwTableInfo *table,
                                               const char * const *columns,
                                               const char  *where_column,
                                               gint64       value,
                                               GError     **error);
/* Every participant's id and clear code, in code order (byte order), read
 * from the code's index alone: no other column of the table is read. */
gboolean            lw_store_list_codes       (LwStore     *store,
                                               GArray     **ids,
                                               GPtrArray  **codes,
                                               GError     **error);
/* The same for many at once: the rows whose clear column where_column (or
 * "id") is one of ids, in one query, ordered by id. */
GPtrArray          *lw_store_list_in          (LwStore     *store,
                                               const LwTableInfo *table,
                                               const char * const *columns,
                                               const char  *where_column,
                                               const LwId  *ids,
                                               guint        n_ids,
                                               GError     **error);
/* Finds the row whose clear text column equals value. */
gpointer            lw_store_find             (LwStore     *store,
                                               const LwTableInfo *table,
                                               const char  *column,
                                               const char  *value,
                                               GError     **error);
gint64              lw_store_count            (LwStore     *store,
                                               const LwTableInfo *table,
                                               GError     **error);

/* A number that changes whenever rows of table (NULL: of any table) may have
 * changed: a write of that table through this store (a delete, whose
 * cascades reach other tables, counts for all; so do a rollback, the
 * settings, a commit by another connection or program, a lock and an
 * unlock).  The audit entries of views do not count.  A list made from some
 * tables is made again only when the sum of theirs moved. */
guint64             lw_store_get_change_count (LwStore     *store,
                                               const LwTableInfo *table);

/* A second, read-only connection to the same file, with its own copy of the
 * keys, for one worker thread: it sees the file as it was when each of its
 * reads began, never writes, and wipes its keys when freed.  Needs an unlocked
 * store; free it in the thread that used it. */
LwStore            *lw_store_open_reader      (LwStore     *store,
                                               GError     **error);

/* Settings of the program stored in the file (not sensitive). */
char               *lw_store_get_setting      (LwStore     *store,
                                               const char  *key);
gboolean            lw_store_set_setting      (LwStore     *store,
                                               const char  *key,
                                               const char  *value,
                                               GError     **error);

/* Integrity check: SQLite's own, foreign keys, every sealed value, the audit
 * chain.  Appends one human-readable line per problem (naming table and row, never
 * a value) to problems; returns FALSE only if the check could not run. */
gboolean            lw_store_check            (LwStore     *store,
                                               GPtrArray   *problems,
                                               GError     **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LwStore, lw_store_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LwRecord, lw_record_free)

G_END_DECLS
