/* lw-store.c: the SQLite file, its schema, transactions and typed records
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lw-store"

#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <sodium.h>
#include <string.h>
#include <unistd.h>

#include "lw/lw-audit.h"
#include "lw/lw-error.h"
#include "lw/lw-model.h"
#include "lw-store-private.h"

/* "LWG1": refuses SQLite files that belong to another program */
#define APPLICATION_ID 0x4c574731

struct _LwStore
{
  sqlite3       *db;
  char          *path;
  char          *actor;
  LwVault       *vault;          /* NULL while locked */
  LwVaultHeader  header;
  int            schema_version;
  int            tx_depth;
  guint          failed_unlocks; /* recorded in the audit log at the next unlock */
  GHashTable    *statements;     /* SQL text -> sqlite3_stmt*; cached for speed */
};

/* Migrations: index i brings a file from version i to i + 1.  Frozen once
 * released; a change to the model is a new migration. */
static const char * const migrations[] = {
  /* 0 -> 1 */
  "CREATE TABLE meta (\n"
  "  key TEXT PRIMARY KEY,\n"
  "  value BLOB NOT NULL\n"
  ") STRICT;\n"
  "CREATE TABLE setting (\n"
  "  key TEXT PRIMARY KEY,\n"
  "  value TEXT NOT NULL\n"
  ") STRICT;\n"
  "CREATE TABLE audit (\n"
  "  seq INTEGER PRIMARY KEY,\n"
  "  time INTEGER NOT NULL,\n"
  "  event TEXT NOT NULL,\n"
  "  actor TEXT NOT NULL,\n"
  "  detail TEXT NOT NULL,\n"
  "  mac BLOB NOT NULL\n"
  ") STRICT;\n"
  "CREATE TABLE person (\n"
  "  id INTEGER PRIMARY KEY,\n"
  "  \"name\" TEXT NOT NULL,\n"
  "  \"agency\" TEXT,\n"
  "  \"role\" INTEGER NOT NULL,\n"
  "  \"active\" INTEGER\n"
  ") STRICT;\n"
  "CREATE TABLE participant (\n"
  "  id INTEGER PRIMARY KEY,\n"
  "  \"code\" TEXT NOT NULL UNIQUE,\n"
  "  \"legal_name\" BLOB,\n"
  "  \"preferred_name\" BLOB,\n"
  "  \"aliases\" BLOB,\n"
  "  \"date_of_birth\" BLOB,\n"
  "  \"referral_route\" BLOB,\n"
  "  \"referral_date\" BLOB,\n"
  "  \"referrer\" BLOB,\n"
  "  \"status\" BLOB,\n"
  "  \"status_changed\" BLOB,\n"
  "  \"case_manager_id\" BLOB,\n"
  "  \"peer_worker_id\" BLOB,\n"
  "  \"last_contact\" BLOB,\n"
  "  \"flagged\" BLOB,\n"
  "  \"housing_status\" BLOB,\n"
  "  \"housing_notes\" BLOB,\n"
  "  \"health_notes\" BLOB,\n"
  "  \"substance_use\" BLOB,\n"
  "  \"address\" BLOB,\n"
  "  \"neighbourhood\" BLOB\n"
  ") STRICT;\n"
  "CREATE TABLE plan_goal (\n"
  "  id INTEGER PRIMARY KEY,\n"
  "  \"participant_id\" INTEGER NOT NULL REFERENCES participant (id) ON DELETE CASCADE,\n"
  "  \"domain\" BLOB,\n"
  "  \"text\" BLOB,\n"
  "  \"status\" BLOB,\n"
  "  \"target_date\" BLOB\n"
  ") STRICT;\n"
  "CREATE INDEX plan_goal_participant_id ON plan_goal (\"participant_id\");\n"
  "CREATE TABLE contact (\n"
  "  id INTEGER PRIMARY KEY,\n"
  "  \"participant_id\" INTEGER NOT NULL REFERENCES participant (id) ON DELETE CASCADE,\n"
  "  \"date\" BLOB,\n"
  "  \"kind\" BLOB,\n"
  "  \"staff_id\" BLOB,\n"
  "  \"note\" BLOB\n"
  ") STRICT;\n"
  "CREATE INDEX contact_participant_id ON contact (\"participant_id\");\n"
  "CREATE TABLE legal_matter (\n"
  "  id INTEGER PRIMARY KEY,\n"
  "  \"participant_id\" INTEGER NOT NULL REFERENCES participant (id) ON DELETE CASCADE,\n"
  "  \"case_number\" BLOB,\n"
  "  \"court\" BLOB,\n"
  "  \"charge\" BLOB,\n"
  "  \"filed_date\" BLOB,\n"
  "  \"before_referral\" BLOB,\n"
  "  \"status\" BLOB,\n"
  "  \"next_court_date\" BLOB\n"
  ") STRICT;\n"
  "CREATE INDEX legal_matter_participant_id ON legal_matter (\"participant_id\");\n"
  "CREATE TABLE prosecution_note (\n"
  "  id INTEGER PRIMARY KEY,\n"
  "  \"legal_matter_id\" INTEGER NOT NULL REFERENCES legal_matter (id) ON DELETE CASCADE,\n"
  "  \"position\" BLOB,\n"
  "  \"text\" BLOB,\n"
  "  \"author_id\" BLOB,\n"
  "  \"date\" BLOB\n"
  ") STRICT;\n"
  "CREATE INDEX prosecution_note_legal_matter_id ON prosecution_note (\"legal_matter_id\");\n"
  "CREATE TABLE consent (\n"
  "  id INTEGER PRIMARY KEY,\n"
  "  \"participant_id\" INTEGER NOT NULL REFERENCES participant (id) ON DELETE CASCADE,\n"
  "  \"recipient_role\" BLOB,\n"
  "  \"recipient_agency\" BLOB,\n"
  "  \"categories\" BLOB,\n"
  "  \"signed_date\" BLOB,\n"
  "  \"expires\" BLOB,\n"
  "  \"revoked\" BLOB\n"
  ") STRICT;\n"
  "CREATE INDEX consent_participant_id ON consent (\"participant_id\");\n"
  "CREATE TABLE meeting (\n"
  "  id INTEGER PRIMARY KEY,\n"
  "  \"date\" TEXT NOT NULL,\n"
  "  \"start_time\" TEXT,\n"
  "  \"length_minutes\" INTEGER,\n"
  "  \"place\" TEXT,\n"
  "  \"status\" INTEGER NOT NULL,\n"
  "  \"started_at\" INTEGER,\n"
  "  \"ended_at\" INTEGER\n"
  ") STRICT;\n"
  "CREATE TABLE community_concern (\n"
  "  id INTEGER PRIMARY KEY,\n"
  "  \"reported_by\" TEXT,\n"
  "  \"date\" TEXT NOT NULL,\n"
  "  \"area\" BLOB,\n"
  "  \"text\" BLOB,\n"
  "  \"planned_response\" BLOB,\n"
  "  \"status\" INTEGER NOT NULL,\n"
  "  \"participant_id\" INTEGER REFERENCES participant (id) ON DELETE SET NULL\n"
  ") STRICT;\n"
  "CREATE INDEX community_concern_participant_id ON community_concern (\"participant_id\");\n"
  "CREATE TABLE attendance (\n"
  "  id INTEGER PRIMARY KEY,\n"
  "  \"meeting_id\" INTEGER NOT NULL REFERENCES meeting (id) ON DELETE CASCADE,\n"
  "  \"person_id\" INTEGER REFERENCES person (id) ON DELETE SET NULL,\n"
  "  \"guest_name\" TEXT,\n"
  "  \"guest_agency\" TEXT,\n"
  "  \"role\" INTEGER NOT NULL,\n"
  "  \"absent\" INTEGER,\n"
  "  \"checked_in_at\" INTEGER,\n"
  "  \"confidentiality_at\" INTEGER\n"
  ") STRICT;\n"
  "CREATE INDEX attendance_meeting_id ON attendance (\"meeting_id\");\n"
  "CREATE INDEX attendance_person_id ON attendance (\"person_id\");\n"
  "CREATE TABLE agenda_item (\n"
  "  id INTEGER PRIMARY KEY,\n"
  "  \"meeting_id\" INTEGER NOT NULL REFERENCES meeting (id) ON DELETE CASCADE,\n"
  "  \"position\" INTEGER,\n"
  "  \"kind\" INTEGER NOT NULL,\n"
  "  \"participant_id\" INTEGER REFERENCES participant (id) ON DELETE SET NULL,\n"
  "  \"concern_id\" INTEGER REFERENCES community_concern (id) ON DELETE SET NULL,\n"
  "  \"title\" TEXT,\n"
  "  \"reasons\" BLOB,\n"
  "  \"time_budget\" INTEGER,\n"
  "  \"started_at\" INTEGER,\n"
  "  \"ended_at\" INTEGER,\n"
  "  \"notes\" BLOB,\n"
  "  \"outcome\" BLOB\n"
  ") STRICT;\n"
  "CREATE INDEX agenda_item_meeting_id ON agenda_item (\"meeting_id\");\n"
  "CREATE INDEX agenda_item_participant_id ON agenda_item (\"participant_id\");\n"
  "CREATE INDEX agenda_item_concern_id ON agenda_item (\"concern_id\");\n"
  "CREATE TABLE action_item (\n"
  "  id INTEGER PRIMARY KEY,\n"
  "  \"text\" BLOB,\n"
  "  \"owner_id\" INTEGER NOT NULL REFERENCES person (id) ON DELETE CASCADE,\n"
  "  \"due_date\" TEXT,\n"
  "  \"participant_id\" INTEGER REFERENCES participant (id) ON DELETE SET NULL,\n"
  "  \"meeting_id\" INTEGER REFERENCES meeting (id) ON DELETE SET NULL,\n"
  "  \"agenda_item_id\" INTEGER REFERENCES agenda_item (id) ON DELETE SET NULL,\n"
  "  \"status\" INTEGER NOT NULL,\n"
  "  \"carried_over\" INTEGER,\n"
  "  \"created_at\" INTEGER,\n"
  "  \"closed_at\" INTEGER\n"
  ") STRICT;\n"
  "CREATE INDEX action_item_owner_id ON action_item (\"owner_id\");\n"
  "CREATE INDEX action_item_participant_id ON action_item (\"participant_id\");\n"
  "CREATE INDEX action_item_meeting_id ON action_item (\"meeting_id\");\n"
  "CREATE INDEX action_item_agenda_item_id ON action_item (\"agenda_item_id\");\n"
  "CREATE TABLE diversion_decision (\n"
  "  id INTEGER PRIMARY KEY,\n"
  "  \"date\" TEXT NOT NULL,\n"
  "  \"officer_id\" INTEGER REFERENCES person (id) ON DELETE SET NULL,\n"
  "  \"incident_number\" BLOB,\n"
  "  \"eligible\" BLOB,\n"
  "  \"diverted\" BLOB,\n"
  "  \"reason\" BLOB,\n"
  "  \"participant_id\" INTEGER REFERENCES participant (id) ON DELETE SET NULL\n"
  ") STRICT;\n"
  "CREATE INDEX diversion_decision_officer_id ON diversion_decision (\"officer_id\");\n"
  "CREATE INDEX diversion_decision_participant_id ON diversion_decision (\"participant_id\");\n"  ,
  /* 1 -> 2: free text marked as concerning health or treatment; topic titles,
   * concern reporters and the reasons typed into the audit log sealed.  The
   * clear columns are renamed "*_v1" here and sealed into the new columns at
   * the first unlock, which then drops them (_lw_record_seal_legacy ()). */
  "ALTER TABLE plan_goal ADD COLUMN \"concerns\" BLOB;\n"
  "ALTER TABLE contact ADD COLUMN \"concerns\" BLOB;\n"
  "ALTER TABLE agenda_item ADD COLUMN \"concerns\" BLOB;\n"
  "ALTER TABLE action_item ADD COLUMN \"concerns\" BLOB;\n"
  "ALTER TABLE agenda_item RENAME COLUMN \"title\" TO \"title_v1\";\n"
  "ALTER TABLE agenda_item ADD COLUMN \"title\" BLOB;\n"
  "ALTER TABLE community_concern RENAME COLUMN \"reported_by\" TO \"reported_by_v1\";\n"
  "ALTER TABLE community_concern ADD COLUMN \"reported_by\" BLOB;\n"
  "ALTER TABLE audit ADD COLUMN \"note\" BLOB;\n",
};
G_STATIC_ASSERT (G_N_ELEMENTS (migrations) == LW_SCHEMA_VERSION);

const char *
_lw_store_migration (int version)
{
  if (version < 1 || version > (int) G_N_ELEMENTS (migrations))
    return NULL;
  return migrations[version - 1];
}

/* ----------------------------------------------------------------------------
 * Errors
 */

gboolean
_lw_store_sqlite_error (LwStore *store,
                        int      rc,
                        GError **error)
{
  const char *path = store ? store->path : "";
  int primary = rc & 0xff;

  switch (primary)
    {
    case SQLITE_FULL:
      g_set_error (error, LW_ERROR, LW_ERROR_DISK_FULL,
                   _("The disk holding “%s” is full; nothing was saved. Free some space and try again."), path);
      break;
    case SQLITE_READONLY:
    case SQLITE_PERM:
    case SQLITE_CANTOPEN:
      if (primary == SQLITE_CANTOPEN && !g_file_test (path, G_FILE_TEST_EXISTS))
        g_set_error (error, LW_ERROR, LW_ERROR_NOT_A_DATABASE,
                     _("The program file “%s” does not exist. Create it with “lead-workgroup init”."), path);
      else
        g_set_error (error, LW_ERROR, LW_ERROR_READ_ONLY,
                     _("The program file “%s” cannot be written (read-only file or folder); nothing was changed. Check its permissions."), path);
      break;
    case SQLITE_NOTADB:
    case SQLITE_CORRUPT:
    case SQLITE_FORMAT:
      g_set_error (error, LW_ERROR, LW_ERROR_NOT_A_DATABASE,
                   _("“%s” is damaged or is not a LEAD Workgroup program file. Restore it from a backup."), path);
      break;
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      g_set_error (error, LW_ERROR, LW_ERROR_FAILED,
                   _("“%s” is busy in another program; try again in a moment."), path);
      break;
    case SQLITE_IOERR:
      g_set_error (error, LW_ERROR, LW_ERROR_FAILED,
                   _("Reading or writing “%s” failed (%s); nothing was saved. Check the disk."),
                   path, sqlite3_errstr (rc));
      break;
    case SQLITE_CONSTRAINT:
      if (rc == SQLITE_CONSTRAINT_UNIQUE || rc == SQLITE_CONSTRAINT_PRIMARYKEY)
        g_set_error (error, LW_ERROR, LW_ERROR_EXISTS,
                     _("That value is already used by another record."));
      else if (rc == SQLITE_CONSTRAINT_FOREIGNKEY)
        g_set_error (error, LW_ERROR, LW_ERROR_INVALID,
                     _("The record refers to something that does not exist."));
      else
        g_set_error (error, LW_ERROR, LW_ERROR_INVALID,
                     _("A required value is missing."));
      break;
    default:
      g_set_error (error, LW_ERROR, LW_ERROR_FAILED,
                   _("The program file “%s” could not be used: %s"), path, sqlite3_errstr (rc));
      break;
    }
  return FALSE;
}

/* ----------------------------------------------------------------------------
 * Statements
 */

sqlite3 *
_lw_store_get_db (LwStore *store)
{
  return store->db;
}

LwVault *
_lw_store_get_vault (LwStore *store)
{
  return store->vault;
}

sqlite3_stmt *
_lw_store_prepare (LwStore    *store,
                   const char *sql,
                   GError    **error)
{
  sqlite3_stmt *stmt = g_hash_table_lookup (store->statements, sql);
  int rc;

  if (stmt != NULL)
    {
      sqlite3_reset (stmt);
      sqlite3_clear_bindings (stmt);
      return stmt;
    }
  rc = sqlite3_prepare_v3 (store->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      _lw_store_sqlite_error (store, rc, error);
      g_debug ("prepare failed: %s", sqlite3_errmsg (store->db));
      return NULL;
    }
  g_hash_table_insert (store->statements, g_strdup (sql), stmt);
  return stmt;
}

gboolean
_lw_store_exec (LwStore    *store,
                const char *sql,
                GError    **error)
{
  int rc = sqlite3_exec (store->db, sql, NULL, NULL, NULL);

  if (rc != SQLITE_OK)
    {
      g_debug ("exec failed: %s", sqlite3_errmsg (store->db));
      return _lw_store_sqlite_error (store, sqlite3_extended_errcode (store->db), error);
    }
  return TRUE;
}

static gint64
query_int (LwStore    *store,
           const char *sql,
           gint64      fallback)
{
  sqlite3_stmt *stmt = NULL;
  gint64 ret = fallback;

  if (sqlite3_prepare_v2 (store->db, sql, -1, &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW)
    ret = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return ret;
}

/* ----------------------------------------------------------------------------
 * Transactions
 */

gboolean
lw_store_begin (LwStore *store,
                GError **error)
{
  g_autofree char *sql = NULL;

  g_return_val_if_fail (store != NULL, FALSE);

  if (store->tx_depth == 0)
    sql = g_strdup ("BEGIN IMMEDIATE");
  else
    sql = g_strdup_printf ("SAVEPOINT lw_%d", store->tx_depth);
  if (!_lw_store_exec (store, sql, error))
    return FALSE;
  store->tx_depth++;
  return TRUE;
}

gboolean
lw_store_commit (LwStore *store,
                 GError **error)
{
  g_autofree char *sql = NULL;

  g_return_val_if_fail (store != NULL, FALSE);
  g_return_val_if_fail (store->tx_depth > 0, FALSE);

  if (store->tx_depth == 1)
    sql = g_strdup ("COMMIT");
  else
    sql = g_strdup_printf ("RELEASE lw_%d", store->tx_depth - 1);
  if (!_lw_store_exec (store, sql, error))
    {
      lw_store_rollback (store);
      return FALSE;
    }
  store->tx_depth--;
  return TRUE;
}

void
lw_store_rollback (LwStore *store)
{
  g_autofree char *sql = NULL;

  g_return_if_fail (store != NULL);
  g_return_if_fail (store->tx_depth > 0);

  if (store->tx_depth == 1)
    sql = g_strdup ("ROLLBACK");
  else
    sql = g_strdup_printf ("ROLLBACK TO lw_%d; RELEASE lw_%d",
                           store->tx_depth - 1, store->tx_depth - 1);
  /* a failed COMMIT may already have ended the transaction */
  sqlite3_exec (store->db, sql, NULL, NULL, NULL);
  store->tx_depth--;
}

/* ----------------------------------------------------------------------------
 * Meta and settings
 */

GBytes *
_lw_store_get_meta (LwStore    *store,
                    const char *key)
{
  sqlite3_stmt *stmt = _lw_store_prepare (store, "SELECT value FROM meta WHERE key = ?", NULL);
  GBytes *ret = NULL;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    ret = g_bytes_new (sqlite3_column_blob (stmt, 0), sqlite3_column_bytes (stmt, 0));
  sqlite3_reset (stmt);
  return ret;
}

gboolean
_lw_store_set_meta (LwStore    *store,
                    const char *key,
                    const void *data,
                    gsize       len,
                    GError    **error)
{
  sqlite3_stmt *stmt = _lw_store_prepare (store, "INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
  sqlite3_bind_blob (stmt, 2, data, len, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return _lw_store_sqlite_error (store, sqlite3_extended_errcode (store->db), error);
  return TRUE;
}

char *
lw_store_get_setting (LwStore    *store,
                      const char *key)
{
  sqlite3_stmt *stmt;
  char *ret = NULL;

  g_return_val_if_fail (store != NULL, NULL);
  g_return_val_if_fail (key != NULL, NULL);

  stmt = _lw_store_prepare (store, "SELECT value FROM setting WHERE key = ?", NULL);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    ret = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_reset (stmt);
  return ret;
}

gboolean
lw_store_set_setting (LwStore    *store,
                      const char *key,
                      const char *value,
                      GError    **error)
{
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (store != NULL, FALSE);
  g_return_val_if_fail (key != NULL, FALSE);

  if (value == NULL)
    stmt = _lw_store_prepare (store, "DELETE FROM setting WHERE key = ?", error);
  else
    stmt = _lw_store_prepare (store, "INSERT OR REPLACE INTO setting (key, value) VALUES (?, ?)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
  if (value != NULL)
    sqlite3_bind_text (stmt, 2, value, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return _lw_store_sqlite_error (store, sqlite3_extended_errcode (store->db), error);
  return TRUE;
}

/* ----------------------------------------------------------------------------
 * Opening
 */

static void
statement_free (gpointer data)
{
  sqlite3_finalize (data);
}

static LwStore *
store_new (const char *path)
{
  LwStore *store = g_new0 (LwStore, 1);

  store->path = g_strdup (path);
  store->actor = g_strdup (g_get_user_name ());
  store->statements = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, statement_free);
  return store;
}

void
lw_store_free (LwStore *store)
{
  if (store == NULL)
    return;
  lw_vault_free (store->vault);
  g_hash_table_destroy (store->statements);
  if (store->db)
    sqlite3_close_v2 (store->db);
  sodium_memzero (&store->header, sizeof store->header);
  g_free (store->path);
  g_free (store->actor);
  g_free (store);
}

static gboolean
configure_connection (LwStore *store,
                      GError **error)
{
  static const char pragmas[] =
    "PRAGMA foreign_keys = ON;"
    "PRAGMA secure_delete = ON;"
    "PRAGMA temp_store = MEMORY;"
    "PRAGMA synchronous = FULL;"
    "PRAGMA trusted_schema = OFF;";

  sqlite3_busy_timeout (store->db, 5000);
  sqlite3_extended_result_codes (store->db, 1);
  sqlite3_db_config (store->db, SQLITE_DBCONFIG_DEFENSIVE, 1, NULL);
  if (!_lw_store_exec (store, pragmas, error))
    return FALSE;
  return TRUE;
}

/* journal_mode = WAL answers with a row, so it cannot go through exec's NULL callback check */
static gboolean
enable_wal (LwStore *store,
            GError **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc;
  gboolean ok = FALSE;

  rc = sqlite3_prepare_v2 (store->db, "PRAGMA journal_mode = WAL", -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    ok = g_ascii_strcasecmp ((const char *) sqlite3_column_text (stmt, 0), "wal") == 0;
  if (rc != SQLITE_ROW)
    rc = sqlite3_extended_errcode (store->db);
  sqlite3_finalize (stmt);
  if (!ok)
    {
      if (rc == SQLITE_ROW)
        rc = SQLITE_READONLY;
      return _lw_store_sqlite_error (store, rc, error);
    }
  return TRUE;
}

static gboolean
migrate (LwStore *store,
         GError **error)
{
  while (store->schema_version < LW_SCHEMA_VERSION)
    {
      g_autofree char *bump = g_strdup_printf ("PRAGMA user_version = %d", store->schema_version + 1);

      if (!lw_store_begin (store, error))
        return FALSE;
      if (!_lw_store_exec (store, migrations[store->schema_version], error) ||
          !_lw_store_exec (store, bump, error) ||
          !lw_store_commit (store, error))
        {
          if (store->tx_depth > 0)
            lw_store_rollback (store);
          return FALSE;
        }
      store->schema_version++;
    }
  return TRUE;
}

static gboolean
read_header (LwStore *store,
             GError **error)
{
  g_autoptr(GBytes) bytes = _lw_store_get_meta (store, "vault");
  const guint8 *data;
  gsize len;

  if (bytes == NULL)
    goto damaged;
  data = g_bytes_get_data (bytes, &len);
  if (len != 16 + 8 + 8 + 4 + LW_VAULT_WRAPPED_BYTES)
    goto damaged;
  memcpy (store->header.salt, data, 16);
  memcpy (&store->header.opslimit, data + 16, 8);
  memcpy (&store->header.memlimit, data + 24, 8);
  memcpy (&store->header.key_version, data + 32, 4);
  store->header.opslimit = GUINT64_FROM_LE (store->header.opslimit);
  store->header.memlimit = GUINT64_FROM_LE (store->header.memlimit);
  store->header.key_version = GUINT32_FROM_LE (store->header.key_version);
  memcpy (store->header.wrapped_key, data + 36, LW_VAULT_WRAPPED_BYTES);
  return TRUE;

damaged:
  g_set_error (error, LW_ERROR, LW_ERROR_NOT_A_DATABASE,
               _("“%s” has no readable key information; it is damaged. Restore it from a backup."),
               store->path);
  return FALSE;
}

static gboolean
write_header (LwStore             *store,
              const LwVaultHeader *header,
              GError             **error)
{
  guint8 data[16 + 8 + 8 + 4 + LW_VAULT_WRAPPED_BYTES];
  guint64 ops = GUINT64_TO_LE (header->opslimit);
  guint64 mem = GUINT64_TO_LE (header->memlimit);
  guint32 kv = GUINT32_TO_LE (header->key_version);

  memcpy (data, header->salt, 16);
  memcpy (data + 16, &ops, 8);
  memcpy (data + 24, &mem, 8);
  memcpy (data + 32, &kv, 4);
  memcpy (data + 36, header->wrapped_key, LW_VAULT_WRAPPED_BYTES);
  return _lw_store_set_meta (store, "vault", data, sizeof data, error);
}

static gboolean
check_file_header (const char *path,
                   GError    **error)
{
  static const char magic[16] = "SQLite format 3";
  char buf[16];
  FILE *fp;
  size_t n;

  fp = g_fopen (path, "rbe");
  if (fp == NULL)
    {
      int saved = errno;

      if (saved == ENOENT)
        g_set_error (error, LW_ERROR, LW_ERROR_NOT_A_DATABASE,
                     _("The program file “%s” does not exist. Check the name, or create it with “lead-workgroup init”."), path);
      else
        g_set_error (error, LW_ERROR, LW_ERROR_READ_ONLY,
                     _("The program file “%s” cannot be read: %s"), path, g_strerror (saved));
      return FALSE;
    }
  n = fread (buf, 1, sizeof buf, fp);
  fclose (fp);
  if (n != sizeof buf || memcmp (buf, magic, sizeof buf) != 0)
    {
      g_set_error (error, LW_ERROR, LW_ERROR_NOT_A_DATABASE,
                   _("“%s” is damaged or is not a LEAD Workgroup program file. Restore it from a backup."), path);
      return FALSE;
    }
  return TRUE;
}

LwStore *
lw_store_open (const char *path,
               GError    **error)
{
  g_autoptr(LwStore) store = NULL;
  gint64 app_id;
  int rc;

  g_return_val_if_fail (path != NULL, NULL);

  if (!lw_vault_init (error))
    return NULL;
  if (!check_file_header (path, error))
    return NULL;

  store = store_new (path);
  rc = sqlite3_open_v2 (path, &store->db,
                        SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOFOLLOW | SQLITE_OPEN_EXRESCODE,
                        NULL);
  if (rc != SQLITE_OK)
    {
      _lw_store_sqlite_error (store, rc, error);
      return NULL;
    }
  if (!configure_connection (store, error))
    return NULL;

  /* a damaged file shows here, before anything is written */
  rc = sqlite3_exec (store->db, "SELECT count(*) FROM sqlite_schema", NULL, NULL, NULL);
  if (rc != SQLITE_OK)
    {
      _lw_store_sqlite_error (store, sqlite3_extended_errcode (store->db), error);
      return NULL;
    }
  app_id = query_int (store, "PRAGMA application_id", -1);
  if (app_id != APPLICATION_ID)
    {
      g_set_error (error, LW_ERROR, LW_ERROR_NOT_A_DATABASE,
                   _("“%s” is an SQLite file of another program, not a LEAD Workgroup program file."), path);
      return NULL;
    }
  store->schema_version = (int) query_int (store, "PRAGMA user_version", 0);
  if (store->schema_version > LW_SCHEMA_VERSION)
    {
      g_set_error (error, LW_ERROR, LW_ERROR_TOO_NEW,
                   _("“%s” was written by a newer version of LEAD Workgroup (file format %d, this program knows %d). Update the program to open it; the file was not changed."),
                   path, store->schema_version, LW_SCHEMA_VERSION);
      return NULL;
    }
  if (store->schema_version < 1)
    {
      g_set_error (error, LW_ERROR, LW_ERROR_NOT_A_DATABASE,
                   _("“%s” is an incomplete program file. Create it again with “lead-workgroup init”."), path);
      return NULL;
    }
  if (!enable_wal (store, error))
    return NULL;
  if (!migrate (store, error))
    return NULL;
  if (!read_header (store, error))
    return NULL;

  return g_steal_pointer (&store);
}

LwStore *
lw_store_create (const char *path,
                 const char *passphrase,
                 gsize       passphrase_len,
                 GError    **error)
{
  g_autoptr(LwStore) store = NULL;
  g_autofree char *app_id_sql = NULL;
  LwVaultHeader header;
  int rc;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (passphrase != NULL, NULL);

  if (!lw_vault_init (error))
    return NULL;
  if (passphrase_len == 0)
    {
      g_set_error (error, LW_ERROR, LW_ERROR_INVALID, _("The passphrase is empty; choose one."));
      return NULL;
    }
  if (g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_set_error (error, LW_ERROR, LW_ERROR_EXISTS,
                   _("“%s” already exists; it was not changed. Choose another name."), path);
      return NULL;
    }

  store = store_new (path);
  rc = sqlite3_open_v2 (path, &store->db,
                        SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_EXCLUSIVE |
                        SQLITE_OPEN_NOFOLLOW | SQLITE_OPEN_EXRESCODE,
                        NULL);
  if (rc != SQLITE_OK)
    {
      _lw_store_sqlite_error (store, rc, error);
      return NULL;
    }
  g_chmod (path, 0600);

  store->vault = lw_vault_create (passphrase, passphrase_len, &header, error);
  if (store->vault == NULL)
    goto fail;

  app_id_sql = g_strdup_printf ("PRAGMA application_id = %d", APPLICATION_ID);
  if (!configure_connection (store, error) ||
      !_lw_store_exec (store, app_id_sql, error) ||
      !enable_wal (store, error) ||
      !migrate (store, error))
    goto fail;

  if (!lw_store_begin (store, error))
    goto fail;
  if (!write_header (store, &header, error) ||
      !lw_audit_append (store, LW_AUDIT_CREATE, "program file created", error))
    {
      lw_store_rollback (store);
      goto fail;
    }
  if (!lw_store_commit (store, error) ||
      !_lw_record_seal_legacy (store, error))
    goto fail;
  store->header = header;
  return g_steal_pointer (&store);

fail:
  /* a half-made file must not be left under the requested name */
  g_clear_pointer (&store, lw_store_free);
  {
    g_autofree char *wal = g_strconcat (path, "-wal", NULL);
    g_autofree char *shm = g_strconcat (path, "-shm", NULL);
    g_unlink (path);
    g_unlink (wal);
    g_unlink (shm);
  }
  return NULL;
}

gboolean
lw_store_unlock (LwStore    *store,
                 const char *passphrase,
                 gsize       passphrase_len,
                 GError    **error)
{
  LwVault *vault;

  g_return_val_if_fail (store != NULL, FALSE);
  g_return_val_if_fail (passphrase != NULL, FALSE);

  if (store->vault != NULL)
    return TRUE;

  vault = lw_vault_unlock (&store->header, passphrase, passphrase_len, error);
  if (vault == NULL)
    {
      if (error && *error && (*error)->code == LW_ERROR_WRONG_PASSPHRASE)
        store->failed_unlocks++;
      return FALSE;
    }
  store->vault = vault;

  /* failures can only be written once a key exists to chain them */
  if (!lw_store_begin (store, error))
    goto fail;
  if (store->failed_unlocks > 0)
    {
      g_autofree char *detail = g_strdup_printf ("%u failed attempt(s) before this unlock",
                                                 store->failed_unlocks);
      if (!lw_audit_append (store, LW_AUDIT_FAILED_UNLOCK, detail, error))
        {
          lw_store_rollback (store);
          goto fail;
        }
    }
  if (!lw_audit_append (store, LW_AUDIT_UNLOCK, "unlocked", error))
    {
      lw_store_rollback (store);
      goto fail;
    }
  if (!lw_store_commit (store, error))
    goto fail;
  store->failed_unlocks = 0;
  /* an older file's clear columns: sealed now that a key exists; a file that
   * cannot be written keeps them until one can */
  {
    g_autoptr(GError) legacy_error = NULL;

    if (!_lw_record_seal_legacy (store, &legacy_error))
      g_debug ("Clear columns of an older file not sealed yet: %s", legacy_error->message);
  }
  return TRUE;

fail:
  g_clear_pointer (&store->vault, lw_vault_free);
  return FALSE;
}

void
lw_store_lock (LwStore *store)
{
  g_return_if_fail (store != NULL);

  g_clear_pointer (&store->vault, lw_vault_free);
}

gboolean
lw_store_is_unlocked (LwStore *store)
{
  g_return_val_if_fail (store != NULL, FALSE);
  return store->vault != NULL;
}

gboolean
lw_store_change_passphrase (LwStore    *store,
                            const char *new_passphrase,
                            gsize       new_passphrase_len,
                            GError    **error)
{
  LwVaultHeader header;

  g_return_val_if_fail (store != NULL, FALSE);
  g_return_val_if_fail (new_passphrase != NULL, FALSE);

  if (store->vault == NULL)
    {
      g_set_error (error, LW_ERROR, LW_ERROR_LOCKED, _("Unlock the program first."));
      return FALSE;
    }
  if (new_passphrase_len == 0)
    {
      g_set_error (error, LW_ERROR, LW_ERROR_INVALID,
                   _("The new passphrase is empty; nothing was changed."));
      return FALSE;
    }
  if (!lw_vault_rewrap (store->vault, new_passphrase, new_passphrase_len, &header, error))
    return FALSE;
  if (!lw_store_begin (store, error))
    return FALSE;
  if (!write_header (store, &header, error) ||
      !lw_audit_append (store, LW_AUDIT_PASSPHRASE_CHANGE, "data key re-wrapped", error))
    {
      lw_store_rollback (store);
      return FALSE;
    }
  if (!lw_store_commit (store, error))
    return FALSE;
  store->header = header;
  return TRUE;
}

const char *
lw_store_get_path (LwStore *store)
{
  g_return_val_if_fail (store != NULL, NULL);
  return store->path;
}

int
lw_store_get_schema_version (LwStore *store)
{
  g_return_val_if_fail (store != NULL, 0);
  return store->schema_version;
}

void
lw_store_set_actor (LwStore    *store,
                    const char *actor)
{
  g_return_if_fail (store != NULL);

  if (actor == NULL || *actor == '\0')
    actor = g_get_user_name ();
  g_free (store->actor);
  store->actor = g_strdup (actor);
}

const char *
lw_store_get_actor (LwStore *store)
{
  g_return_val_if_fail (store != NULL, NULL);
  return store->actor;
}
