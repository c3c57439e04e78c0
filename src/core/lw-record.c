/* lw-record.c: typed records read, written, sealed and opened through their
 * table descriptions
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lw-record"

#include "config.h"

#include "lw-i18n-private.h"
#include <inttypes.h>
#include <sodium.h>
#include <string.h>

#include "lw/lw-audit.h"
#include "lw/lw-error.h"
#include "lw/lw-model.h"
#include "lw-history-private.h"
#include "lw-store-private.h"
#include "lw-summary-private.h"

#define FIELD(rec, col, T) ((T *) (gpointer) ((guint8 *) (rec) + (col)->offset))
#define CFIELD(rec, col, T) ((const T *) (gconstpointer) ((const guint8 *) (rec) + (col)->offset))

static inline gboolean
is_sealed (const LwColumnInfo *column)
{
  return column->category != LW_CATEGORY_NONE;
}

static inline gboolean
is_string (const LwColumnInfo *column)
{
  return column->type == LW_COLUMN_TEXT || column->type == LW_COLUMN_DATE;
}

static inline gboolean
is_int64 (const LwColumnInfo *column)
{
  return column->type == LW_COLUMN_INT || column->type == LW_COLUMN_REF ||
         column->type == LW_COLUMN_TIME;
}

/* ----------------------------------------------------------------------------
 * Records in memory
 */

gpointer
lw_record_new (const LwTableInfo *table)
{
  LwRecord *record;

  g_return_val_if_fail (table != NULL, NULL);

  record = g_malloc0 (table->size);
  record->table = table;
  for (guint i = 0; i < table->n_columns; i++)
    if (table->columns[i].type == LW_COLUMN_ENUM &&
        !(table->columns[i].flags & LW_COLUMN_REQUIRED))
      *FIELD (record, &table->columns[i], int) = -1;
  return record;
}

void
lw_record_free (gpointer data)
{
  LwRecord *record = data;

  if (record == NULL)
    return;
  for (guint i = 0; i < record->table->n_columns; i++)
    {
      const LwColumnInfo *column = &record->table->columns[i];

      if (!is_string (column))
        continue;
      if (is_sealed (column))
        lw_secret_free (*FIELD (record, column, char *));
      else
        g_free (*FIELD (record, column, char *));
    }
  sodium_memzero (record, record->table->size);
  g_free (record);
}

gpointer
lw_record_copy (gconstpointer data)
{
  const LwRecord *record = data;
  LwRecord *copy;

  g_return_val_if_fail (record != NULL, NULL);

  copy = g_memdup2 (record, record->table->size);
  for (guint i = 0; i < record->table->n_columns; i++)
    {
      const LwColumnInfo *column = &record->table->columns[i];

      if (is_string (column))
        *FIELD (copy, column, char *) = g_strdup (*CFIELD (record, column, char *));
    }
  return copy;
}

const LwColumnInfo *
lw_table_find_column (const LwTableInfo *table,
                      const char        *name)
{
  g_return_val_if_fail (table != NULL, NULL);

  for (guint i = 0; i < table->n_columns; i++)
    if (g_strcmp0 (table->columns[i].name, name) == 0)
      return &table->columns[i];
  return NULL;
}

/* The form a value is sealed in; NULL when unset. */
static char *
raw_text (gconstpointer       record,
          const LwColumnInfo *column)
{
  switch (column->type)
    {
    case LW_COLUMN_TEXT:
    case LW_COLUMN_DATE:
      return g_strdup (*CFIELD (record, column, char *));
    case LW_COLUMN_BOOL:
      return g_strdup (*CFIELD (record, column, gboolean) ? "1" : "0");
    case LW_COLUMN_ENUM:
      {
        int v = *CFIELD (record, column, int);
        return v < 0 ? NULL : g_strdup_printf ("%d", v);
      }
    case LW_COLUMN_INT:
      return g_strdup_printf ("%" G_GINT64_FORMAT, *CFIELD (record, column, gint64));
    case LW_COLUMN_REF:
    case LW_COLUMN_TIME:
      {
        gint64 v = *CFIELD (record, column, gint64);
        return v == 0 ? NULL : g_strdup_printf ("%" G_GINT64_FORMAT, v);
      }
    default:
      g_assert_not_reached ();
    }
}

/* Takes ownership of text (already opened, NUL-terminated). */
static void
set_raw_text (gpointer            record,
              const LwColumnInfo *column,
              char               *text)
{
  switch (column->type)
    {
    case LW_COLUMN_TEXT:
    case LW_COLUMN_DATE:
      *FIELD (record, column, char *) = text;
      return;
    case LW_COLUMN_BOOL:
      *FIELD (record, column, gboolean) = text[0] == '1';
      break;
    case LW_COLUMN_ENUM:
      *FIELD (record, column, int) = (int) g_ascii_strtoll (text, NULL, 10);
      break;
    case LW_COLUMN_INT:
    case LW_COLUMN_REF:
    case LW_COLUMN_TIME:
      *FIELD (record, column, gint64) = g_ascii_strtoll (text, NULL, 10);
      break;
    default:
      g_assert_not_reached ();
    }
  lw_secret_free (text);
}

char *
lw_record_get_string (gconstpointer       record,
                      const LwColumnInfo *column)
{
  g_return_val_if_fail (record != NULL, NULL);
  g_return_val_if_fail (column != NULL, NULL);

  switch (column->type)
    {
    case LW_COLUMN_BOOL:
      return g_strdup (*CFIELD (record, column, gboolean) ? "true" : "false");
    case LW_COLUMN_ENUM:
      return g_strdup (lw_enum_to_string (column->enum_info, *CFIELD (record, column, int)));
    case LW_COLUMN_TIME:
      {
        gint64 v = *CFIELD (record, column, gint64);
        g_autoptr(GDateTime) dt = NULL;

        if (v == 0)
          return NULL;
        dt = g_date_time_new_from_unix_utc (v / G_USEC_PER_SEC);
        return dt ? g_date_time_format_iso8601 (dt) : NULL;
      }
    default:
      return raw_text (record, column);
    }
}

static gboolean
parse_bool (const char *text,
            gboolean   *out)
{
  static const char * const yes[] = { "true", "yes", "1", "y" };
  static const char * const no[] = { "false", "no", "0", "n", "" };

  for (guint i = 0; i < G_N_ELEMENTS (yes); i++)
    if (g_ascii_strcasecmp (text, yes[i]) == 0)
      return (*out = TRUE, TRUE);
  for (guint i = 0; i < G_N_ELEMENTS (no); i++)
    if (g_ascii_strcasecmp (text, no[i]) == 0)
      return (*out = FALSE, TRUE);
  return FALSE;
}

static char *
enum_choices (const LwEnumInfo *info)
{
  GString *s = g_string_new (NULL);

  for (int i = 0; i < info->n; i++)
    {
      if (i > 0)
        g_string_append (s, ", ");
      g_string_append (s, info->names[i]);
    }
  return g_string_free (s, FALSE);
}

gboolean
lw_record_set_from_string (gpointer            record,
                           const LwColumnInfo *column,
                           const char         *text,
                           GError            **error)
{
  g_return_val_if_fail (record != NULL, FALSE);
  g_return_val_if_fail (column != NULL, FALSE);

  if (text != NULL && *text == '\0')
    text = NULL;

  switch (column->type)
    {
    case LW_COLUMN_TEXT:
      g_clear_pointer (FIELD (record, column, char *), is_sealed (column) ? lw_secret_free : g_free);
      *FIELD (record, column, char *) = g_strdup (text);
      return TRUE;

    case LW_COLUMN_DATE:
      if (text != NULL && !lw_date_is_valid (text))
        {
          g_set_error (error, LW_ERROR, LW_ERROR_INVALID,
                       _("%s is not a date; write it as YYYY-MM-DD, for example 2026-03-31"),
                       _(column->label));
          return FALSE;
        }
      g_clear_pointer (FIELD (record, column, char *), is_sealed (column) ? lw_secret_free : g_free);
      *FIELD (record, column, char *) = g_strdup (text);
      return TRUE;

    case LW_COLUMN_BOOL:
      {
        gboolean v = FALSE;

        if (text != NULL && !parse_bool (text, &v))
          {
            g_set_error (error, LW_ERROR, LW_ERROR_INVALID,
                         _("%s must be yes or no"), _(column->label));
            return FALSE;
          }
        *FIELD (record, column, gboolean) = v;
        return TRUE;
      }

    case LW_COLUMN_ENUM:
      {
        int v = text ? lw_enum_from_string (column->enum_info, text) : -1;

        if (v < 0 && text != NULL)
          {
            g_autofree char *choices = enum_choices (column->enum_info);
            g_set_error (error, LW_ERROR, LW_ERROR_INVALID,
                         _("%s: not a known value; expected one of: %s"),
                         _(column->label), choices);
            return FALSE;
          }
        *FIELD (record, column, int) = v;
        return TRUE;
      }

    case LW_COLUMN_INT:
    case LW_COLUMN_REF:
    case LW_COLUMN_TIME:
      {
        gint64 v = 0;

        if (text != NULL && !g_ascii_string_to_signed (text, 10, G_MININT64, G_MAXINT64, &v, NULL))
          {
            g_set_error (error, LW_ERROR, LW_ERROR_INVALID,
                         _("%s must be a whole number"), _(column->label));
            return FALSE;
          }
        *FIELD (record, column, gint64) = v;
        return TRUE;
      }

    default:
      g_assert_not_reached ();
    }
}

static gboolean
validate (gconstpointer record,
          GError      **error)
{
  const LwTableInfo *table = LW_RECORD (record)->table;

  for (guint i = 0; i < table->n_columns; i++)
    {
      const LwColumnInfo *column = &table->columns[i];
      gboolean required = (column->flags & LW_COLUMN_REQUIRED) != 0;
      gboolean missing = FALSE;

      switch (column->type)
        {
        case LW_COLUMN_TEXT:
          {
            const char *v = *CFIELD (record, column, char *);
            missing = v == NULL || *v == '\0';
            if (v != NULL && !g_utf8_validate (v, -1, NULL))
              {
                g_set_error (error, LW_ERROR, LW_ERROR_INVALID,
                             _("%s: %s is not valid UTF-8 text"), _(table->label), _(column->label));
                return FALSE;
              }
          }
          break;
        case LW_COLUMN_DATE:
          {
            const char *v = *CFIELD (record, column, char *);
            missing = v == NULL;
            if (v != NULL && !lw_date_is_valid (v))
              {
                g_set_error (error, LW_ERROR, LW_ERROR_INVALID,
                             _("%s: %s is not a date; write it as YYYY-MM-DD"),
                             _(table->label), _(column->label));
                return FALSE;
              }
          }
          break;
        case LW_COLUMN_ENUM:
          {
            int v = *CFIELD (record, column, int);
            if (v >= column->enum_info->n || v < (required ? 0 : -1))
              {
                g_set_error (error, LW_ERROR, LW_ERROR_INVALID,
                             _("%s: %s has a value that does not exist"),
                             _(table->label), _(column->label));
                return FALSE;
              }
          }
          break;
        case LW_COLUMN_REF:
          missing = *CFIELD (record, column, gint64) == 0;
          break;
        default:
          break;
        }
      if (required && missing)
        {
          g_set_error (error, LW_ERROR, LW_ERROR_INVALID,
                       _("%s: %s is required"), _(table->label), _(column->label));
          return FALSE;
        }
    }
  return TRUE;
}

/* ----------------------------------------------------------------------------
 * Reading and writing
 */

static gboolean
require_unlocked (LwStore *store,
                  GError **error)
{
  if (_lw_store_get_vault (store) == NULL)
    {
      g_set_error (error, LW_ERROR, LW_ERROR_LOCKED,
                   _("The program is locked; unlock it first."));
      return FALSE;
    }
  return TRUE;
}

static void
bind_column (LwStore            *store,
             sqlite3_stmt       *stmt,
             int                 index,
             const LwTableInfo  *table,
             const LwColumnInfo *column,
             gconstpointer       record,
             LwId                id)
{
  if (is_sealed (column))
    {
      char *text = raw_text (record, column);
      guint8 *sealed;
      gsize len;

      if (text == NULL)
        {
          sqlite3_bind_null (stmt, index);
          return;
        }
      sealed = lw_vault_seal (_lw_store_get_vault (store), table->name, column->name, id,
                              text, strlen (text), &len);
      lw_secret_free (text);
      sqlite3_bind_blob (stmt, index, sealed, len, g_free);
      return;
    }

  switch (column->type)
    {
    case LW_COLUMN_TEXT:
    case LW_COLUMN_DATE:
      sqlite3_bind_text (stmt, index, *CFIELD (record, column, char *), -1, SQLITE_TRANSIENT);
      break;
    case LW_COLUMN_BOOL:
      sqlite3_bind_int (stmt, index, *CFIELD (record, column, gboolean) ? 1 : 0);
      break;
    case LW_COLUMN_ENUM:
      if (*CFIELD (record, column, int) < 0)
        sqlite3_bind_null (stmt, index);
      else
        sqlite3_bind_int (stmt, index, *CFIELD (record, column, int));
      break;
    case LW_COLUMN_INT:
      sqlite3_bind_int64 (stmt, index, *CFIELD (record, column, gint64));
      break;
    case LW_COLUMN_REF:
    case LW_COLUMN_TIME:
      if (*CFIELD (record, column, gint64) == 0)
        sqlite3_bind_null (stmt, index);
      else
        sqlite3_bind_int64 (stmt, index, *CFIELD (record, column, gint64));
      break;
    default:
      g_assert_not_reached ();
    }
}

/* Sealed references cannot be foreign keys; check them by hand. */
static gboolean
check_sealed_refs (LwStore      *store,
                   gconstpointer record,
                   GError      **error)
{
  const LwTableInfo *table = LW_RECORD (record)->table;

  for (guint i = 0; i < table->n_columns; i++)
    {
      const LwColumnInfo *column = &table->columns[i];
      g_autofree char *sql = NULL;
      sqlite3_stmt *stmt;
      gint64 ref;
      int rc;

      if (column->type != LW_COLUMN_REF || !is_sealed (column))
        continue;
      ref = *CFIELD (record, column, gint64);
      if (ref == 0)
        continue;
      sql = g_strdup_printf ("SELECT 1 FROM %s WHERE id = ?", column->ref_table);
      stmt = _lw_store_prepare (store, sql, error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, ref);
      rc = sqlite3_step (stmt);
      sqlite3_reset (stmt);
      if (rc != SQLITE_ROW)
        {
          g_set_error (error, LW_ERROR, LW_ERROR_INVALID,
                       _("%s: %s refers to a record that does not exist"),
                       _(table->label), _(column->label));
          return FALSE;
        }
    }
  return TRUE;
}

static gboolean
step_done (LwStore           *store,
           const LwTableInfo *table,
           sqlite3_stmt      *stmt,
           GError           **error)
{
  int rc = sqlite3_step (stmt);

  _lw_store_note_change (store, table);
  if (rc != SQLITE_DONE)
    {
      rc = sqlite3_extended_errcode (_lw_store_get_db (store));
      sqlite3_reset (stmt);
      return _lw_store_sqlite_error (store, rc, error);
    }
  sqlite3_reset (stmt);
  return TRUE;
}

/* fixed_id 0: the next free id */
static gboolean
insert_record (LwStore  *store,
               LwRecord *record,
               LwId      fixed_id,
               GError  **error)
{
  const LwTableInfo *table;
  g_autoptr(GString) sql = NULL;
  g_autofree char *max_sql = NULL;
  sqlite3_stmt *stmt;
  LwId id = 0;

  table = record->table;
  if (!require_unlocked (store, error) || !validate (record, error))
    return FALSE;

  if (!lw_store_begin (store, error))
    return FALSE;
  if (!check_sealed_refs (store, record, error))
    goto fail;

  /* the id is part of every sealed value's associated data, so it is chosen first */
  if (fixed_id != 0)
    {
      g_autofree char *taken_sql = g_strdup_printf ("SELECT 1 FROM %s WHERE id = ?", table->name);

      stmt = _lw_store_prepare (store, taken_sql, error);
      if (stmt == NULL)
        goto fail;
      sqlite3_bind_int64 (stmt, 1, fixed_id);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        {
          sqlite3_reset (stmt);
          g_set_error (error, LW_ERROR, LW_ERROR_EXISTS,
                       _("%s %" PRId64 " exists again; it cannot be put back"),
                       _(table->label), fixed_id);
          goto fail;
        }
      sqlite3_reset (stmt);
      id = fixed_id;
    }
  else
    {
      max_sql = g_strdup_printf ("SELECT coalesce(max(id), 0) + 1 FROM %s", table->name);
      stmt = _lw_store_prepare (store, max_sql, error);
      if (stmt == NULL)
        goto fail;
      if (sqlite3_step (stmt) == SQLITE_ROW)
        id = sqlite3_column_int64 (stmt, 0);
      sqlite3_reset (stmt);
    }
  if (id == 0)
    {
      _lw_store_sqlite_error (store, sqlite3_extended_errcode (_lw_store_get_db (store)), error);
      goto fail;
    }

  sql = g_string_new (NULL);
  g_string_append_printf (sql, "INSERT INTO %s (id", table->name);
  for (guint i = 0; i < table->n_columns; i++)
    g_string_append_printf (sql, ", \"%s\"", table->columns[i].name);
  g_string_append (sql, ") VALUES (?");
  for (guint i = 0; i < table->n_columns; i++)
    g_string_append (sql, ", ?");
  g_string_append (sql, ")");

  stmt = _lw_store_prepare (store, sql->str, error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, id);
  for (guint i = 0; i < table->n_columns; i++)
    bind_column (store, stmt, i + 2, table, &table->columns[i], record, id);
  if (!step_done (store, table, stmt, error))
    goto fail;
  /* whatever writes a participant, its history follows */
  if (table == &lw_participant_table && !_lw_history_note (store, (const LwParticipant *) record, id, error))
    goto fail;
  if (!lw_store_commit (store, error))
    return FALSE;

  record->id = id;
  return TRUE;

fail:
  lw_store_rollback (store);
  return FALSE;
}

gboolean
lw_store_insert (LwStore  *store,
                 gpointer  data,
                 GError  **error)
{
  LwRecord *record = data;

  g_return_val_if_fail (store != NULL, FALSE);
  g_return_val_if_fail (record != NULL, FALSE);
  g_return_val_if_fail (record->id == 0, FALSE);

  return insert_record (store, record, 0, error);
}

gboolean
_lw_record_insert_with_id (LwStore  *store,
                           gpointer  data,
                           GError  **error)
{
  LwRecord *record = data;
  LwId id;

  g_return_val_if_fail (store != NULL, FALSE);
  g_return_val_if_fail (record != NULL, FALSE);
  g_return_val_if_fail (record->id > 0, FALSE);
  g_return_val_if_fail (record->unread == 0, FALSE);

  id = record->id;
  record->id = 0;
  if (!insert_record (store, record, id, error))
    {
      record->id = id;
      return FALSE;
    }
  return TRUE;
}

gboolean
lw_store_update (LwStore       *store,
                 gconstpointer  data,
                 GError       **error)
{
  const LwRecord *record = data;
  const LwTableInfo *table;
  g_autoptr(GString) sql = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (store != NULL, FALSE);
  g_return_val_if_fail (record != NULL, FALSE);
  g_return_val_if_fail (record->id > 0, FALSE);
  /* a partial record would write its unread columns as unset */
  g_return_val_if_fail (record->unread == 0, FALSE);

  table = record->table;
  if (!require_unlocked (store, error) || !validate (record, error))
    return FALSE;

  if (!lw_store_begin (store, error))
    return FALSE;
  if (!check_sealed_refs (store, record, error))
    goto fail;

  sql = g_string_new (NULL);
  g_string_append_printf (sql, "UPDATE %s SET ", table->name);
  for (guint i = 0; i < table->n_columns; i++)
    g_string_append_printf (sql, "%s\"%s\" = ?", i ? ", " : "", table->columns[i].name);
  g_string_append_printf (sql, " WHERE id = ?%u", table->n_columns + 1);

  stmt = _lw_store_prepare (store, sql->str, error);
  if (stmt == NULL)
    goto fail;
  for (guint i = 0; i < table->n_columns; i++)
    bind_column (store, stmt, i + 1, table, &table->columns[i], record, record->id);
  sqlite3_bind_int64 (stmt, table->n_columns + 1, record->id);
  if (!step_done (store, table, stmt, error))
    goto fail;
  if (sqlite3_changes (_lw_store_get_db (store)) == 0)
    {
      g_set_error (error, LW_ERROR, LW_ERROR_NOT_FOUND,
                   _("%s %" PRId64 " no longer exists; nothing was saved"),
                   _(table->label), record->id);
      goto fail;
    }
  if (table == &lw_participant_table && !_lw_history_note (store, data, record->id, error))
    goto fail;
  return lw_store_commit (store, error);

fail:
  lw_store_rollback (store);
  return FALSE;
}

gboolean
lw_store_delete (LwStore           *store,
                 const LwTableInfo *table,
                 LwId               id,
                 GError           **error)
{
  g_autofree char *sql = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (store != NULL, FALSE);
  g_return_val_if_fail (table != NULL, FALSE);

  if (!require_unlocked (store, error))
    return FALSE;
  /* a transaction of its own, so that what it changes is summarised too */
  if (!lw_store_begin (store, error))
    return FALSE;
  sql = g_strdup_printf ("DELETE FROM %s WHERE id = ?", table->name);
  stmt = _lw_store_prepare (store, sql, error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, id);
  if (!step_done (store, NULL, stmt, error))
    goto fail;
  if (sqlite3_changes (_lw_store_get_db (store)) == 0)
    {
      g_set_error (error, LW_ERROR, LW_ERROR_NOT_FOUND,
                   _("%s %" PRId64 " does not exist"), _(table->label), id);
      goto fail;
    }
  return lw_store_commit (store, error);

fail:
  lw_store_rollback (store);
  return FALSE;
}

/* What a SELECT reads: a column subset of a table and one kind of condition.
 * Its SQL text is made once per process and kept: the store's statement cache
 * then finds the prepared statement without the text being built again. */
typedef enum
{
  WHERE_NONE,
  WHERE_EQUALS,   /* where_column = ?1 (an integer or a text) */
  WHERE_IN,       /* where_column IN the JSON array ?1 */
} WhereKind;

typedef struct
{
  const LwTableInfo *table;
  guint64            mask;          /* columns read */
  WhereKind          kind;
  int                where_column;  /* index of the condition's column, -1 for id */
} SelectKey;

static guint
select_key_hash (gconstpointer data)
{
  const SelectKey *key = data;

  return g_direct_hash (key->table) ^ (guint) (key->mask * 2654435761u) ^
         (guint) (key->mask >> 32) ^ ((guint) key->kind << 24) ^ ((guint) (key->where_column + 1) << 16);
}

static gboolean
select_key_equal (gconstpointer a,
                  gconstpointer b)
{
  const SelectKey *x = a, *y = b;

  return x->table == y->table && x->mask == y->mask && x->kind == y->kind &&
         x->where_column == y->where_column;
}

static guint64
all_columns (const LwTableInfo *table)
{
  return table->n_columns >= 64 ? G_MAXUINT64 : (G_GUINT64_CONSTANT (1) << table->n_columns) - 1;
}

static const char *
select_sql (const LwTableInfo *table,
            guint64            mask,
            WhereKind          kind,
            int                where_column)
{
  static GHashTable *cache;   /* SelectKey → SQL text; for the life of the process */
  G_LOCK_DEFINE_STATIC (cache);
  SelectKey key = { table, mask, kind, where_column };
  const char *sql;

  G_LOCK (cache);
  if (cache == NULL)
    cache = g_hash_table_new (select_key_hash, select_key_equal);
  sql = g_hash_table_lookup (cache, &key);
  if (sql == NULL)
    {
      GString *s = g_string_new ("SELECT id");
      const char *where = where_column < 0 ? "id" : table->columns[where_column].name;

      for (guint i = 0; i < table->n_columns; i++)
        if (mask & (G_GUINT64_CONSTANT (1) << i))
          g_string_append_printf (s, ", \"%s\"", table->columns[i].name);
      g_string_append_printf (s, " FROM %s", table->name);
      if (kind == WHERE_EQUALS)
        g_string_append_printf (s, " WHERE \"%s\" = ?1", where);
      else if (kind == WHERE_IN)
        g_string_append_printf (s, " WHERE \"%s\" IN (SELECT value FROM json_each (?1))", where);
      g_string_append (s, " ORDER BY id");
      sql = g_string_free (s, FALSE);
      g_hash_table_insert (cache, g_memdup2 (&key, sizeof key), (gpointer) sql);
    }
  G_UNLOCK (cache);
  return sql;
}

/* A value as SQLite gave it, kept for opening away from the connection. */
typedef struct
{
  int    type;      /* SQLITE_NULL, SQLITE_INTEGER, SQLITE_TEXT or SQLITE_BLOB */
  gint64 integer;
  gsize  offset;    /* TEXT and BLOB: in the arena; text ends with a NUL */
  gsize  len;
} RawValue;

typedef struct
{
  LwStore           *store;
  const LwTableInfo *table;
  guint64            mask;     /* the columns read */
  guint              n_read;   /* how many: the values per row */
  const GArray      *ids;      /* LwId per row */
  const GArray      *values;   /* RawValue, n_read per row */
  const GByteArray  *arena;
  GPtrArray         *rows;     /* filled at base + [first, last) */
  guint              base;
  guint              first;
  guint              last;
} DecodeJob;

/* One kept row as a record: the columns of mask opened and checked, the
 * others marked unread. */
static gpointer
decode_row (DecodeJob *job,
            guint      row)
{
  const LwTableInfo *table = job->table;
  LwVault *vault = _lw_store_get_vault (job->store);
  LwRecord *record = lw_record_new (table);
  const RawValue *value = &g_array_index (job->values, RawValue, (gsize) row * job->n_read);

  record->id = g_array_index (job->ids, LwId, row);
  record->unread = all_columns (table) & ~job->mask;
  for (guint i = 0; i < table->n_columns; i++)
    {
      const LwColumnInfo *column = &table->columns[i];
      const guint8 *bytes;

      if (!(job->mask & (G_GUINT64_CONSTANT (1) << i)))
        continue;
      bytes = job->arena->data + value->offset;
      if (value->type == SQLITE_NULL)
        {
          value++;
          continue;
        }

      if (is_sealed (column))
        {
          g_autoptr(GError) error = NULL;
          char *text;

          text = value->type == SQLITE_BLOB
                 ? (char *) lw_vault_open (vault, table->name, column->name, record->id, bytes, value->len,
                                           NULL, &error)
                 : NULL;
          if (text == NULL)
            {
              /* names the place, never the content */
              g_debug ("%s", error != NULL ? error->message : "a sealed value that is not a blob");
              record->damaged |= G_GUINT64_CONSTANT (1) << i;
            }
          else
            set_raw_text (record, column, text);
          value++;
          continue;
        }

      switch (column->type)
        {
        case LW_COLUMN_DATE:
          /* a damaged clear date is left unset, like a sealed value that does
           * not open; lw_store_check() names it */
          if (value->type != SQLITE_TEXT || !lw_date_is_valid ((const char *) bytes))
            {
              record->damaged |= G_GUINT64_CONSTANT (1) << i;
              break;
            }
          G_GNUC_FALLTHROUGH;
        case LW_COLUMN_TEXT:
          *FIELD (record, column, char *) = value->type == SQLITE_INTEGER
                                            ? g_strdup_printf ("%" G_GINT64_FORMAT, value->integer)
                                            : g_strndup ((const char *) bytes, value->len);
          break;
        case LW_COLUMN_BOOL:
          *FIELD (record, column, gboolean) = value->integer != 0;
          break;
        case LW_COLUMN_ENUM:
          if (value->integer < 0 || value->integer >= column->enum_info->n)
            {
              record->damaged |= G_GUINT64_CONSTANT (1) << i;
              break;
            }
          *FIELD (record, column, int) = (int) value->integer;
          break;
        default:
          *FIELD (record, column, gint64) = value->integer;
          break;
        }
      value++;
    }
  return record;
}

static gpointer
decode_rows (gpointer data)
{
  DecodeJob *job = data;

  for (guint r = job->first; r < job->last; r++)
    job->rows->pdata[job->base + r] = decode_row (job, r);
  return NULL;
}

/* Below this many rows one thread opens them all. */
#define PARALLEL_ROWS 4000

/* Opens the rows read so far, ids->len of them, into rows from its end, two
 * threads sharing a long chunk. */
static void
decode_chunk (LwStore           *store,
              const LwTableInfo *table,
              guint64            mask,
              guint              n_read,
              const GArray      *ids,
              const GArray      *values,
              const GByteArray  *arena,
              GPtrArray         *rows)
{
  guint base = rows->len;
  DecodeJob jobs[2];

  g_ptr_array_set_size (rows, base + ids->len);
  for (guint j = 0; j < 2; j++)
    jobs[j] = (DecodeJob) { store, table, mask, n_read, ids, values, arena, rows, base, 0, 0 };
  if (ids->len < PARALLEL_ROWS || g_get_num_processors () < 2)
    {
      jobs[0].last = ids->len;
      decode_rows (&jobs[0]);
    }
  else
    {
      GThread *worker;

      jobs[0].last = jobs[1].first = ids->len / 2;
      jobs[1].last = ids->len;
      worker = g_thread_new ("lw-open-rows", decode_rows, &jobs[1]);
      decode_rows (&jobs[0]);
      g_thread_join (worker);
    }
}

/* The rows are read and opened this many at a time: the sealed bytes of a
 * long table are not all held at once beside the values opened from them,
 * and a stream of rows holds one run.  Still above PARALLEL_ROWS, so that a
 * run is opened by two threads. */
#define CHUNK_ROWS 4096

/* Each decoded row of a chunk given to each, then freed: what a stream
 * of rows holds at once is one chunk. */
static void
give_chunk (GPtrArray    *rows,
            LwRecordFunc  each,
            gpointer      user_data)
{
  for (guint i = 0; i < rows->len; i++)
    each (g_ptr_array_index (rows, i), user_data);
  g_ptr_array_set_size (rows, 0);
}

/* The rows (in a new array), or with each set, each row given to it and an
 * empty array returned. */
static GPtrArray *
select_rows_full (LwStore           *store,
                  const LwTableInfo *table,
                  guint64            mask,
                  WhereKind          kind,
                  int                where_column,
                  int                bind_type,
                  gint64             int_value,
                  const char        *text_value,
                  LwRecordFunc       each,
                  gpointer           user_data,
                  GError           **error)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (LwId));
  g_autoptr(GArray) values = g_array_new (FALSE, FALSE, sizeof (RawValue));
  g_autoptr(GByteArray) arena = g_byte_array_new ();
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (lw_record_free);
  guint n_read = 0;
  sqlite3_stmt *stmt;
  int rc;

  if (!require_unlocked (store, error))
    return NULL;

  stmt = _lw_store_prepare (store, select_sql (table, mask, kind, where_column), error);
  if (stmt == NULL)
    return NULL;
  if (bind_type == SQLITE_INTEGER)
    sqlite3_bind_int64 (stmt, 1, int_value);
  else if (bind_type == SQLITE_TEXT)
    sqlite3_bind_text (stmt, 1, text_value, -1, SQLITE_STATIC);

  for (guint i = 0; i < table->n_columns; i++)
    if (mask & (G_GUINT64_CONSTANT (1) << i))
      n_read++;

  /* the rows as SQLite has them (sealed values still sealed), so that opening
   * them, most of the work, can be shared between two threads */
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      LwId id = sqlite3_column_int64 (stmt, 0);

      g_array_append_val (ids, id);
      for (guint i = 1; i <= n_read; i++)
        {
          RawValue value = { .type = sqlite3_column_type (stmt, i) };

          if (value.type == SQLITE_INTEGER)
            value.integer = sqlite3_column_int64 (stmt, i);
          else if (value.type == SQLITE_TEXT || value.type == SQLITE_BLOB)
            {
              const void *data = value.type == SQLITE_TEXT ? (const void *) sqlite3_column_text (stmt, i)
                                                           : sqlite3_column_blob (stmt, i);
              guint8 nul = 0;

              value.len = sqlite3_column_bytes (stmt, i);
              value.offset = arena->len;
              if (value.len > 0)
                g_byte_array_append (arena, data, value.len);
              g_byte_array_append (arena, &nul, 1);
            }
          else if (value.type == SQLITE_FLOAT)
            value.type = SQLITE_NULL;
          g_array_append_val (values, value);
        }
      if (ids->len == CHUNK_ROWS)
        {
          decode_chunk (store, table, mask, n_read, ids, values, arena, rows);
          if (each != NULL)
            give_chunk (rows, each, user_data);
          g_array_set_size (ids, 0);
          g_array_set_size (values, 0);
          g_byte_array_set_size (arena, 0);
        }
    }
  sqlite3_clear_bindings (stmt);
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _lw_store_sqlite_error (store, rc, error);
      return NULL;
    }
  decode_chunk (store, table, mask, n_read, ids, values, arena, rows);
  if (each != NULL)
    give_chunk (rows, each, user_data);
  return g_steal_pointer (&rows);
}

static GPtrArray *
select_rows (LwStore           *store,
             const LwTableInfo *table,
             guint64            mask,
             WhereKind          kind,
             int                where_column,
             int                bind_type,
             gint64             int_value,
             const char        *text_value,
             GError           **error)
{
  return select_rows_full (store, table, mask, kind, where_column, bind_type, int_value, text_value,
                           NULL, NULL, error);
}

/* The columns named (NULL: all); FALSE after a critical for an unknown name. */
static gboolean
column_mask (const LwTableInfo  *table,
             const char * const *columns,
             guint64            *mask)
{
  if (columns == NULL)
    {
      *mask = all_columns (table);
      return TRUE;
    }
  *mask = 0;
  for (guint i = 0; columns[i] != NULL; i++)
    {
      const LwColumnInfo *column = lw_table_find_column (table, columns[i]);

      g_return_val_if_fail (column != NULL, FALSE);
      *mask |= G_GUINT64_CONSTANT (1) << (column - table->columns);
    }
  return TRUE;
}

/* The index of a clear column a condition may name, -1 for "id"; -2 (after a
 * critical) for anything else. */
static int
where_index (const LwTableInfo *table,
             const char        *name)
{
  const LwColumnInfo *column;

  if (g_strcmp0 (name, "id") == 0)
    return -1;
  column = lw_table_find_column (table, name);
  g_return_val_if_fail (column != NULL && !is_sealed (column), -2);
  return column - table->columns;
}

gpointer
lw_store_get (LwStore           *store,
              const LwTableInfo *table,
              LwId               id,
              GError           **error)
{
  g_autoptr(GPtrArray) rows = NULL;

  g_return_val_if_fail (store != NULL, NULL);
  g_return_val_if_fail (table != NULL, NULL);

  rows = select_rows (store, table, all_columns (table), WHERE_EQUALS, -1,
                      SQLITE_INTEGER, id, NULL, error);
  if (rows == NULL)
    return NULL;
  if (rows->len == 0)
    {
      g_set_error (error, LW_ERROR, LW_ERROR_NOT_FOUND,
                   _("%s %" PRId64 " does not exist"), _(table->label), id);
      return NULL;
    }
  return g_ptr_array_steal_index (rows, 0);
}

GPtrArray *
lw_store_list (LwStore           *store,
               const LwTableInfo *table,
               const char        *where_column,
               gint64             value,
               GError           **error)
{
  return lw_store_list_columns (store, table, NULL, where_column, value, error);
}

GPtrArray *
lw_store_list_columns (LwStore            *store,
                       const LwTableInfo  *table,
                       const char * const *columns,
                       const char         *where_column,
                       gint64              value,
                       GError            **error)
{
  guint64 mask;
  int where;

  g_return_val_if_fail (store != NULL, NULL);
  g_return_val_if_fail (table != NULL, NULL);

  if (!column_mask (table, columns, &mask))
    return NULL;
  if (where_column == NULL)
    return select_rows (store, table, mask, WHERE_NONE, 0, SQLITE_NULL, 0, NULL, error);
  where = where_index (table, where_column);
  if (where < -1)
    return NULL;
  return select_rows (store, table, mask, WHERE_EQUALS, where, SQLITE_INTEGER, value, NULL, error);
}

/* The mask of the columns named that table has: one list may serve tables
 * that have some of its columns each. */
static guint64
known_mask (const LwTableInfo  *table,
            const char * const *columns)
{
  guint64 mask = 0;

  for (guint i = 0; columns[i] != NULL; i++)
    {
      const LwColumnInfo *column = lw_table_find_column (table, columns[i]);

      if (column != NULL)
        mask |= G_GUINT64_CONSTANT (1) << (column - table->columns);
    }
  return mask;
}

GPtrArray *
_lw_store_list_columns (LwStore            *store,
                        const LwTableInfo  *table,
                        const char * const *columns,
                        GError            **error)
{
  g_return_val_if_fail (store != NULL, NULL);
  g_return_val_if_fail (table != NULL, NULL);
  g_return_val_if_fail (columns != NULL, NULL);

  return select_rows (store, table, known_mask (table, columns), WHERE_NONE, 0, SQLITE_NULL, 0, NULL, error);
}

gboolean
_lw_store_each_columns (LwStore            *store,
                        const LwTableInfo  *table,
                        const char * const *columns,
                        LwRecordFunc        each,
                        gpointer            user_data,
                        GError            **error)
{
  g_autoptr(GPtrArray) rows = NULL;

  g_return_val_if_fail (store != NULL, FALSE);
  g_return_val_if_fail (table != NULL, FALSE);
  g_return_val_if_fail (columns != NULL, FALSE);
  g_return_val_if_fail (each != NULL, FALSE);

  rows = select_rows_full (store, table, known_mask (table, columns), WHERE_NONE, 0, SQLITE_NULL, 0, NULL,
                           each, user_data, error);
  return rows != NULL;
}

GPtrArray *
lw_store_list_in (LwStore            *store,
                  const LwTableInfo  *table,
                  const char * const *columns,
                  const char         *where_column,
                  const LwId         *ids,
                  guint               n_ids,
                  GError            **error)
{
  g_autoptr(GString) json = NULL;
  guint64 mask;
  int where;

  g_return_val_if_fail (store != NULL, NULL);
  g_return_val_if_fail (table != NULL, NULL);
  g_return_val_if_fail (where_column != NULL, NULL);
  g_return_val_if_fail (ids != NULL || n_ids == 0, NULL);

  if (!column_mask (table, columns, &mask))
    return NULL;
  where = where_index (table, where_column);
  if (where < -1)
    return NULL;
  if (n_ids == 0)
    return require_unlocked (store, error) ? g_ptr_array_new_with_free_func (lw_record_free) : NULL;

  /* the ids as one JSON array: one statement, whatever their number */
  json = g_string_sized_new (n_ids * 8 + 2);
  g_string_append_c (json, '[');
  for (guint i = 0; i < n_ids; i++)
    g_string_append_printf (json, i ? ",%" G_GINT64_FORMAT : "%" G_GINT64_FORMAT, ids[i]);
  g_string_append_c (json, ']');
  return select_rows (store, table, mask, WHERE_IN, where, SQLITE_TEXT, 0, json->str, error);
}

gpointer
lw_store_find (LwStore           *store,
               const LwTableInfo *table,
               const char        *column_name,
               const char        *value,
               GError           **error)
{
  g_autoptr(GPtrArray) rows = NULL;
  const LwColumnInfo *column;

  g_return_val_if_fail (store != NULL, NULL);
  g_return_val_if_fail (table != NULL, NULL);
  g_return_val_if_fail (value != NULL, NULL);

  column = lw_table_find_column (table, column_name);
  g_return_val_if_fail (column != NULL && !is_sealed (column), NULL);

  rows = select_rows (store, table, all_columns (table), WHERE_EQUALS, column - table->columns,
                      SQLITE_TEXT, 0, value, error);
  if (rows == NULL)
    return NULL;
  if (rows->len == 0)
    {
      /* whole sentences: a language may not build them from the labels */
      if (table == &lw_participant_table && strcmp (column_name, "code") == 0)
        g_set_error (error, LW_ERROR, LW_ERROR_NOT_FOUND,
                     _("No participant has the code “%s”"), value);
      else
        g_set_error (error, LW_ERROR, LW_ERROR_NOT_FOUND,
                     _("No record matches “%s” (%s, %s)"), value, _(table->label), _(column->label));
      return NULL;
    }
  return g_ptr_array_steal_index (rows, 0);
}

GStrv
_lw_record_clear_values (LwStore           *store,
                         const LwTableInfo *table,
                         const char        *column_name,
                         GError           **error)
{
  const LwColumnInfo *column = lw_table_find_column (table, column_name);
  g_autoptr(GStrvBuilder) values = g_strv_builder_new ();
  g_autofree char *sql = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (column != NULL && !is_sealed (column) && is_string (column), NULL);

  sql = g_strdup_printf ("SELECT \"%s\" FROM %s WHERE \"%s\" IS NOT NULL ORDER BY id",
                         column->name, table->name, column->name);
  stmt = _lw_store_prepare (store, sql, error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_strv_builder_add (values, (const char *) sqlite3_column_text (stmt, 0));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _lw_store_sqlite_error (store, rc, error);
      return NULL;
    }
  return g_strv_builder_end (values);
}

gboolean
lw_store_list_codes (LwStore    *store,
                     GArray    **ids_out,
                     GPtrArray **codes_out,
                     GError    **error)
{
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GPtrArray) codes = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (store != NULL, FALSE);
  g_return_val_if_fail (ids_out != NULL && codes_out != NULL, FALSE);

  if (!require_unlocked (store, error))
    return FALSE;
  /* ordered by the column of a UNIQUE index: SQLite reads that index alone
   * (a scan in id order reads every row, each several pages of sealed values) */
  stmt = _lw_store_prepare (store, "SELECT id, \"code\" FROM participant ORDER BY \"code\"", error);
  if (stmt == NULL)
    return FALSE;
  ids = g_array_new (FALSE, FALSE, sizeof (LwId));
  codes = g_ptr_array_new_with_free_func (g_free);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      LwId id = sqlite3_column_int64 (stmt, 0);

      g_array_append_val (ids, id);
      g_ptr_array_add (codes, g_strdup ((const char *) sqlite3_column_text (stmt, 1)));
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _lw_store_sqlite_error (store, rc, error);
      return FALSE;
    }
  *ids_out = g_steal_pointer (&ids);
  *codes_out = g_steal_pointer (&codes);
  return TRUE;
}

gint64
lw_store_count (LwStore           *store,
                const LwTableInfo *table,
                GError           **error)
{
  g_autofree char *sql = NULL;
  sqlite3_stmt *stmt;
  gint64 n = -1;

  g_return_val_if_fail (store != NULL, -1);
  g_return_val_if_fail (table != NULL, -1);

  sql = g_strdup_printf ("SELECT count(*) FROM %s", table->name);
  stmt = _lw_store_prepare (store, sql, error);
  if (stmt == NULL)
    return -1;
  if (sqlite3_step (stmt) == SQLITE_ROW)
    n = sqlite3_column_int64 (stmt, 0);
  else
    _lw_store_sqlite_error (store, sqlite3_extended_errcode (_lw_store_get_db (store)), error);
  sqlite3_reset (stmt);
  return n;
}

/* ----------------------------------------------------------------------------
 * Integrity check
 */

static void
check_pragma (LwStore    *store,
              const char *pragma,
              GPtrArray  *problems)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  if (sqlite3_prepare_v2 (_lw_store_get_db (store), pragma, -1, &stmt, NULL) != SQLITE_OK)
    {
      g_ptr_array_add (problems, g_strdup_printf (_("%s could not run: %s"), pragma,
                                                  sqlite3_errmsg (_lw_store_get_db (store))));
      return;
    }
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *first = (const char *) sqlite3_column_text (stmt, 0);

      if (sqlite3_column_count (stmt) == 1 && g_strcmp0 (first, "ok") == 0)
        continue;
      if (sqlite3_column_count (stmt) == 1 && first != NULL && strchr (first, '\n') != NULL)
        {
          /* SQLite reports several findings in one row: one problem a line */
          g_auto(GStrv) lines = g_strsplit (first, "\n", -1);

          for (guint i = 0; lines[i] != NULL; i++)
            if (lines[i][0] != '\0')
              g_ptr_array_add (problems, g_strdup_printf (_("database structure: %s"), lines[i]));
          continue;
        }
      if (sqlite3_column_count (stmt) >= 3) /* foreign_key_check: table, rowid, parent */
        g_ptr_array_add (problems,
                         g_strdup_printf (_("table %s, row %lld: refers to a missing row of %s"),
                                          first, sqlite3_column_int64 (stmt, 1),
                                          (const char *) sqlite3_column_text (stmt, 2)));
      else
        g_ptr_array_add (problems, g_strdup_printf (_("database structure: %s"), first));
    }
  if (rc != SQLITE_DONE)
    g_ptr_array_add (problems, g_strdup_printf (_("%s failed: %s"), pragma,
                                                sqlite3_errstr (rc)));
  sqlite3_finalize (stmt);
}

/* A clear value of the wrong kind: a date that is not one, an enumeration
 * value out of range, text where a number belongs. */
static void
check_clear_value (sqlite3_stmt       *stmt,
                   int                 index,
                   const LwTableInfo  *table,
                   const LwColumnInfo *column,
                   gint64              id,
                   GPtrArray          *problems)
{
  int type = sqlite3_column_type (stmt, index);
  gboolean ok = TRUE;

  switch (column->type)
    {
    case LW_COLUMN_DATE:
      ok = type == SQLITE_TEXT && lw_date_is_valid ((const char *) sqlite3_column_text (stmt, index));
      break;
    case LW_COLUMN_TEXT:
      ok = type == SQLITE_TEXT;
      break;
    case LW_COLUMN_ENUM:
      ok = type == SQLITE_INTEGER && column->enum_info != NULL &&
           sqlite3_column_int64 (stmt, index) >= 0 &&
           sqlite3_column_int64 (stmt, index) < (gint64) column->enum_info->n;
      break;
    default:
      ok = type == SQLITE_INTEGER;
      break;
    }
  if (!ok)
    g_ptr_array_add (problems,
                     g_strdup_printf (_("table %s, row %" PRId64 ", column %s: the value is not valid for this column"),
                                      table->name, id, column->name));
}

static void
check_sealed (LwStore           *store,
              const LwTableInfo *table,
              GPtrArray         *problems)
{
  const char *sql = select_sql (table, all_columns (table), WHERE_NONE, 0);
  LwVault *vault = _lw_store_get_vault (store);
  sqlite3_stmt *stmt = NULL;
  int rc;

  if (sqlite3_prepare_v2 (_lw_store_get_db (store), sql, -1, &stmt, NULL) != SQLITE_OK)
    {
      g_ptr_array_add (problems, g_strdup_printf (_("table %s cannot be read: %s"), table->name,
                                                  sqlite3_errmsg (_lw_store_get_db (store))));
      return;
    }
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      for (guint i = 0; i < table->n_columns; i++)
        {
          const LwColumnInfo *column = &table->columns[i];
          g_autoptr(GError) error = NULL;
          guint8 *text;
          gsize len = 0;

          if (sqlite3_column_type (stmt, i + 1) == SQLITE_NULL)
            {
              if (column->flags & LW_COLUMN_REQUIRED)
                g_ptr_array_add (problems,
                                 g_strdup_printf (_("table %s, row %" PRId64 ", column %s: a required value is missing"),
                                                  table->name, id, column->name));
              continue;
            }
          if (!is_sealed (column))
            {
              check_clear_value (stmt, i + 1, table, column, id, problems);
              continue;
            }
          text = lw_vault_open (vault, table->name, column->name, id,
                                sqlite3_column_blob (stmt, i + 1),
                                sqlite3_column_bytes (stmt, i + 1), &len, &error);
          if (text == NULL)
            {
              g_ptr_array_add (problems,
                               g_strdup_printf (_("table %s, row %" PRId64 ", column %s: the sealed value does not open (altered or moved)"),
                                                table->name, id, column->name));
              continue;
            }
          sodium_memzero (text, len);
          g_free (text);
        }
    }
  if (rc != SQLITE_DONE)
    g_ptr_array_add (problems, g_strdup_printf (_("table %s could not be read to the end: %s"),
                                                table->name, sqlite3_errstr (rc)));
  sqlite3_finalize (stmt);
}

gboolean
lw_store_check (LwStore   *store,
                GPtrArray *problems,
                GError   **error)
{
  g_autoptr(GError) audit_error = NULL;
  const LwTableInfo * const *tables;
  guint n_tables;

  g_return_val_if_fail (store != NULL, FALSE);
  g_return_val_if_fail (problems != NULL, FALSE);

  if (!require_unlocked (store, error))
    return FALSE;

  check_pragma (store, "PRAGMA integrity_check", problems);
  check_pragma (store, "PRAGMA foreign_key_check", problems);
  tables = lw_store_tables (&n_tables);
  for (guint i = 0; i < n_tables; i++)
    check_sealed (store, tables[i], problems);
  _lw_summary_check (store, problems);
  if (!lw_audit_verify (store, NULL, &audit_error))
    g_ptr_array_add (problems, g_strdup_printf (_("audit log: %s"), audit_error->message));
  return TRUE;
}

/* ----------------------------------------------------------------------------
 * Columns that older files kept in the clear
 */

static const struct
{
  const char *table;
  const char *clear;    /* the clear column a migration renamed */
  const char *sealed;   /* the sealed column that replaces it */
} legacy_columns[] = {
  { "agenda_item", "title_v1", "title" },
  { "community_concern", "reported_by_v1", "reported_by" },
};

static gboolean
column_exists (sqlite3    *db,
               const char *table,
               const char *column)
{
  g_autofree char *sql = g_strdup_printf ("SELECT 1 FROM pragma_table_info('%s') WHERE name = ?", table);
  sqlite3_stmt *stmt = NULL;
  gboolean found;

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK)
    return FALSE;
  sqlite3_bind_text (stmt, 1, column, -1, SQLITE_STATIC);
  found = sqlite3_step (stmt) == SQLITE_ROW;
  sqlite3_finalize (stmt);
  return found;
}

static gboolean
seal_legacy_column (LwStore     *store,
                    const char  *table,
                    const char  *clear,
                    const char  *sealed_column,
                    GError     **error)
{
  sqlite3 *db = _lw_store_get_db (store);
  LwVault *vault = _lw_store_get_vault (store);
  g_autofree char *select = g_strdup_printf ("SELECT id, \"%s\" FROM %s WHERE \"%s\" IS NOT NULL",
                                             clear, table, clear);
  g_autofree char *update = g_strdup_printf ("UPDATE %s SET \"%s\" = ?, \"%s\" = NULL WHERE id = ?",
                                             table, sealed_column, clear);
  g_autofree char *drop = g_strdup_printf ("ALTER TABLE %s DROP COLUMN \"%s\"", table, clear);
  sqlite3_stmt *rows = NULL;
  sqlite3_stmt *write = NULL;
  int rc;

  if (sqlite3_prepare_v2 (db, select, -1, &rows, NULL) != SQLITE_OK ||
      sqlite3_prepare_v2 (db, update, -1, &write, NULL) != SQLITE_OK)
    {
      rc = sqlite3_extended_errcode (db);
      sqlite3_finalize (rows);
      sqlite3_finalize (write);
      return _lw_store_sqlite_error (store, rc, error);
    }
  while ((rc = sqlite3_step (rows)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (rows, 0);
      const char *text = (const char *) sqlite3_column_text (rows, 1);
      gsize len;
      guint8 *value = lw_vault_seal (vault, table, sealed_column, id, text, strlen (text), &len);

      sqlite3_bind_blob (write, 1, value, len, g_free);
      sqlite3_bind_int64 (write, 2, id);
      rc = sqlite3_step (write);
      sqlite3_reset (write);
      if (rc != SQLITE_DONE)
        break;
    }
  if (rc != SQLITE_DONE)
    rc = sqlite3_extended_errcode (db);
  sqlite3_finalize (rows);
  sqlite3_finalize (write);
  if (rc != SQLITE_DONE)
    return _lw_store_sqlite_error (store, rc, error);
  /* secure_delete overwrites the freed clear text */
  return _lw_store_exec (store, drop, error);
}

gboolean
_lw_record_seal_legacy (LwStore  *store,
                        GError  **error)
{
  sqlite3 *db = _lw_store_get_db (store);
  gboolean any = FALSE;

  g_return_val_if_fail (_lw_store_get_vault (store) != NULL, FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (legacy_columns); i++)
    any |= column_exists (db, legacy_columns[i].table, legacy_columns[i].clear);
  if (!any)
    return TRUE;

  if (!lw_store_begin (store, error))
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (legacy_columns); i++)
    if (column_exists (db, legacy_columns[i].table, legacy_columns[i].clear) &&
        !seal_legacy_column (store, legacy_columns[i].table, legacy_columns[i].clear,
                             legacy_columns[i].sealed, error))
      {
        lw_store_rollback (store);
        return FALSE;
      }
  return lw_store_commit (store, error);
}
