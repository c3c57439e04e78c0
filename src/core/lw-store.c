/* lw-store.c: the SQLite file, its schema, transactions and typed records
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lw-store"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <sodium.h>
#include <inttypes.h>
#include <string.h>
#include <sys/file.h>
#include <unistd.h>

#include "lw/lw-audit.h"
#include "lw/lw-error.h"
#include "lw/lw-export.h"
#include "lw/lw-model.h"
#include "lw-seen-private.h"
#include "lw-store-private.h"
#include "lw-summary-private.h"
#include "lw-vault-private.h"

/* "LWG1": refuses SQLite files that belong to another program */
#define APPLICATION_ID 0x4c574731

struct _LwStore
{
  sqlite3       *db;
  char          *path;
  char          *seen_path;      /* whose head is remembered: path, or the file a
                                  * restore is about to replace */
  char          *actor;
  LwVault       *vault;          /* NULL while locked */
  LwVaultHeader  header;
  int            schema_version;
  int            tx_depth;
  guint          failed_unlocks; /* recorded in the audit log at the next unlock */
  GHashTable    *statements;     /* SQL text -> sqlite3_stmt*; cached for speed */
  guint64        changes;        /* see lw_store_get_change_count (): of every table */
  guint64        table_changes[32]; /* ... and of one (lw_store_tables () order) */
  guint64        settings_changes; /* the same for the settings alone */
  GHashTable    *cached;         /* name -> Cached: what is read once per change */
  gint64         data_version;   /* PRAGMA data_version when last asked */
  gboolean       immutable;      /* opened as unchangeable (read-only media) */
  char          *read_only;      /* why the file is open read-only, else NULL */
  char          *rollback;       /* what the last unlock found missing, else NULL */
  GPtrArray     *warnings;       /* for the user, from the last unlock */
  LwStoreBusyFunc busy_func;
  gpointer       busy_data;
  gint64         busy_since;     /* monotonic µs, while waiting */
  gboolean       busy_told;
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
  /* 1 -> 2: free text marked as concerning health or treatment; topic titles
   * and concern reporters sealed, and a sealed "note" column for the reasons
   * typed into the audit log from now on (those already in a version-1 log
   * stay in its chained detail).  The clear columns are renamed "*_v1" here
   * and sealed into the new columns at the first unlock, which then drops them
   * (_lw_record_seal_legacy ()). */
  "ALTER TABLE plan_goal ADD COLUMN \"concerns\" BLOB;\n"
  "ALTER TABLE contact ADD COLUMN \"concerns\" BLOB;\n"
  "ALTER TABLE agenda_item ADD COLUMN \"concerns\" BLOB;\n"
  "ALTER TABLE action_item ADD COLUMN \"concerns\" BLOB;\n"
  "ALTER TABLE agenda_item RENAME COLUMN \"title\" TO \"title_v1\";\n"
  "ALTER TABLE agenda_item ADD COLUMN \"title\" BLOB;\n"
  "ALTER TABLE community_concern RENAME COLUMN \"reported_by\" TO \"reported_by_v1\";\n"
  "ALTER TABLE community_concern ADD COLUMN \"reported_by\" BLOB;\n"
  "ALTER TABLE audit ADD COLUMN \"note\" BLOB;\n",
  /* 2 -> 3: why a participant left the program, sealed with their status */
  "ALTER TABLE participant ADD COLUMN \"exit_reason\" BLOB;\n",
  /* 3 -> 4: a community concern's response (what was done, sealed as the
   * concern's text is, and in words a report back may give) and the dates it
   * was responded to and closed */
  "ALTER TABLE community_concern ADD COLUMN \"response\" BLOB;\n"
  "ALTER TABLE community_concern ADD COLUMN \"response_kind\" BLOB;\n"
  "ALTER TABLE community_concern ADD COLUMN \"responded_date\" TEXT;\n"
  "ALTER TABLE community_concern ADD COLUMN \"closed_date\" TEXT;\n",
  /* 4 -> 5: the history of each participant's status and housing, for the
   * reports (lw-history.c keeps it; a file from before has none, and the
   * reports take the referral date and the last status change instead) */
  "CREATE TABLE status_change (\n"
  "  id INTEGER PRIMARY KEY,\n"
  "  \"participant_id\" INTEGER NOT NULL REFERENCES participant (id) ON DELETE CASCADE,\n"
  "  \"status\" BLOB,\n"
  "  \"date\" BLOB\n"
  ") STRICT;\n"
  "CREATE INDEX status_change_participant_id ON status_change (\"participant_id\");\n"
  "CREATE TABLE housing_change (\n"
  "  id INTEGER PRIMARY KEY,\n"
  "  \"participant_id\" INTEGER NOT NULL REFERENCES participant (id) ON DELETE CASCADE,\n"
  "  \"housing_status\" BLOB,\n"
  "  \"date\" BLOB\n"
  ") STRICT;\n"
  "CREATE INDEX housing_change_participant_id ON housing_change (\"participant_id\");\n",
  /* 5 -> 6: what the agenda's rules know of each participant, sealed in one
   * value (lw-summary.c), and which of those are stale: every write to the
   * tables they come from marks its participant, whoever writes, and the
   * store brings them up to date before it commits.  Every participant starts
   * stale; the first commit after an unlock writes them. */
  "CREATE TABLE participant_summary (\n"
  "  participant_id INTEGER PRIMARY KEY REFERENCES participant (id) ON DELETE CASCADE,\n"
  "  facts BLOB NOT NULL\n"
  ") STRICT;\n"
  "CREATE TABLE participant_summary_stale (\n"
  "  participant_id INTEGER PRIMARY KEY\n"
  ") STRICT;\n"
  "CREATE TRIGGER participant_summary_insert AFTER INSERT ON participant BEGIN\n"
  "  INSERT OR IGNORE INTO participant_summary_stale VALUES (NEW.id);\n"
  "END;\n"
  "CREATE TRIGGER participant_summary_update AFTER UPDATE ON participant BEGIN\n"
  "  INSERT OR IGNORE INTO participant_summary_stale VALUES (NEW.id);\n"
  "END;\n"
  "CREATE TRIGGER contact_summary_insert AFTER INSERT ON contact WHEN NEW.participant_id IS NOT NULL BEGIN\n"
  "  INSERT OR IGNORE INTO participant_summary_stale VALUES (NEW.participant_id);\n"
  "END;\n"
  "CREATE TRIGGER contact_summary_update AFTER UPDATE ON contact BEGIN\n"
  "  INSERT OR IGNORE INTO participant_summary_stale SELECT NEW.participant_id WHERE NEW.participant_id IS NOT NULL;\n"
  "  INSERT OR IGNORE INTO participant_summary_stale SELECT OLD.participant_id WHERE OLD.participant_id IS NOT NULL;\n"
  "END;\n"
  "CREATE TRIGGER contact_summary_delete AFTER DELETE ON contact WHEN OLD.participant_id IS NOT NULL BEGIN\n"
  "  INSERT OR IGNORE INTO participant_summary_stale VALUES (OLD.participant_id);\n"
  "END;\n"
  "CREATE TRIGGER legal_matter_summary_insert AFTER INSERT ON legal_matter WHEN NEW.participant_id IS NOT NULL BEGIN\n"
  "  INSERT OR IGNORE INTO participant_summary_stale VALUES (NEW.participant_id);\n"
  "END;\n"
  "CREATE TRIGGER legal_matter_summary_update AFTER UPDATE ON legal_matter BEGIN\n"
  "  INSERT OR IGNORE INTO participant_summary_stale SELECT NEW.participant_id WHERE NEW.participant_id IS NOT NULL;\n"
  "  INSERT OR IGNORE INTO participant_summary_stale SELECT OLD.participant_id WHERE OLD.participant_id IS NOT NULL;\n"
  "END;\n"
  "CREATE TRIGGER legal_matter_summary_delete AFTER DELETE ON legal_matter WHEN OLD.participant_id IS NOT NULL BEGIN\n"
  "  INSERT OR IGNORE INTO participant_summary_stale VALUES (OLD.participant_id);\n"
  "END;\n"
  "CREATE TRIGGER action_item_summary_insert AFTER INSERT ON action_item WHEN NEW.participant_id IS NOT NULL BEGIN\n"
  "  INSERT OR IGNORE INTO participant_summary_stale VALUES (NEW.participant_id);\n"
  "END;\n"
  "CREATE TRIGGER action_item_summary_update AFTER UPDATE ON action_item BEGIN\n"
  "  INSERT OR IGNORE INTO participant_summary_stale SELECT NEW.participant_id WHERE NEW.participant_id IS NOT NULL;\n"
  "  INSERT OR IGNORE INTO participant_summary_stale SELECT OLD.participant_id WHERE OLD.participant_id IS NOT NULL;\n"
  "END;\n"
  "CREATE TRIGGER action_item_summary_delete AFTER DELETE ON action_item WHEN OLD.participant_id IS NOT NULL BEGIN\n"
  "  INSERT OR IGNORE INTO participant_summary_stale VALUES (OLD.participant_id);\n"
  "END;\n"
  "CREATE TRIGGER consent_summary_insert AFTER INSERT ON consent WHEN NEW.participant_id IS NOT NULL BEGIN\n"
  "  INSERT OR IGNORE INTO participant_summary_stale VALUES (NEW.participant_id);\n"
  "END;\n"
  "CREATE TRIGGER consent_summary_update AFTER UPDATE ON consent BEGIN\n"
  "  INSERT OR IGNORE INTO participant_summary_stale SELECT NEW.participant_id WHERE NEW.participant_id IS NOT NULL;\n"
  "  INSERT OR IGNORE INTO participant_summary_stale SELECT OLD.participant_id WHERE OLD.participant_id IS NOT NULL;\n"
  "END;\n"
  "CREATE TRIGGER consent_summary_delete AFTER DELETE ON consent WHEN OLD.participant_id IS NOT NULL BEGIN\n"
  "  INSERT OR IGNORE INTO participant_summary_stale VALUES (OLD.participant_id);\n"
  "END;\n"
  "CREATE TRIGGER prosecution_note_summary_insert AFTER INSERT ON prosecution_note BEGIN\n"
  "  INSERT OR IGNORE INTO participant_summary_stale\n"
  "    SELECT participant_id FROM legal_matter WHERE id = NEW.legal_matter_id AND participant_id IS NOT NULL;\n"
  "END;\n"
  "CREATE TRIGGER prosecution_note_summary_update AFTER UPDATE ON prosecution_note BEGIN\n"
  "  INSERT OR IGNORE INTO participant_summary_stale\n"
  "    SELECT participant_id FROM legal_matter WHERE id IN (NEW.legal_matter_id, OLD.legal_matter_id)\n"
  "    AND participant_id IS NOT NULL;\n"
  "END;\n"
  "CREATE TRIGGER prosecution_note_summary_delete AFTER DELETE ON prosecution_note BEGIN\n"
  "  INSERT OR IGNORE INTO participant_summary_stale\n"
  "    SELECT participant_id FROM legal_matter WHERE id = OLD.legal_matter_id AND participant_id IS NOT NULL;\n"
  "END;\n"
  "INSERT INTO participant_summary_stale SELECT id FROM participant;\n",
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
      if (store != NULL && store->read_only != NULL && primary == SQLITE_READONLY)
        g_set_error (error, LW_ERROR, LW_ERROR_READ_ONLY,
                     _("“%s” is open read-only (%s); nothing was changed"), path, store->read_only);
      else if (primary == SQLITE_CANTOPEN && !g_file_test (path, G_FILE_TEST_EXISTS))
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
                   _("“%s” is in use by another program, which held it for %d seconds; nothing was changed. Try again when it is done."),
                   path, LW_STORE_BUSY_TIMEOUT);
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

static int
table_index (const LwTableInfo *table)
{
  const LwTableInfo * const *tables;
  guint n_tables;

  tables = lw_store_tables (&n_tables);
  G_STATIC_ASSERT (sizeof (((LwStore *) NULL)->table_changes) / sizeof (guint64) >= 16);
  for (guint i = 0; i < n_tables && i < G_N_ELEMENTS (((LwStore *) NULL)->table_changes); i++)
    if (tables[i] == table)
      return i;
  return -1;
}

void
_lw_store_note_change (LwStore           *store,
                       const LwTableInfo *table)
{
  int index = table ? table_index (table) : -1;

  /* a table not counted alone counts as every table */
  if (index < 0)
    store->changes++;
  else
    store->table_changes[index]++;
}

/* Settings changed, or might have (a rollback, another program's commit, a
 * new connection, a lock): what was read from them is read again. */
static void
settings_changed (LwStore *store)
{
  store->changes++;
  store->settings_changes++;
}

typedef struct
{
  gpointer       value;
  GDestroyNotify destroy;
  guint64        settings_changes;
} Cached;

static void
cached_free (gpointer data)
{
  Cached *cached = data;

  if (cached->destroy != NULL)
    cached->destroy (cached->value);
  g_free (cached);
}

/* Whether another connection committed since this was last asked. */
static void
check_data_version (LwStore *store)
{
  sqlite3_stmt *stmt = store->db ? _lw_store_prepare (store, "PRAGMA data_version", NULL) : NULL;

  if (stmt == NULL)
    return;
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      gint64 version = sqlite3_column_int64 (stmt, 0);

      if (version != store->data_version)
        {
          store->data_version = version;
          settings_changed (store);
        }
    }
  sqlite3_reset (stmt);
}

gpointer
_lw_store_get_cached (LwStore    *store,
                      const char *name)
{
  Cached *cached = g_hash_table_lookup (store->cached, name);

  if (cached == NULL)
    return NULL;
  check_data_version (store);
  return cached->settings_changes == store->settings_changes ? cached->value : NULL;
}

void
_lw_store_set_cached (LwStore        *store,
                      const char     *name,
                      gpointer        value,
                      GDestroyNotify  destroy)
{
  Cached *cached = g_new0 (Cached, 1);

  check_data_version (store);
  cached->value = value;
  cached->destroy = destroy;
  cached->settings_changes = store->settings_changes;
  g_hash_table_insert (store->cached, g_strdup (name), cached);
}

guint64
lw_store_get_change_count (LwStore           *store,
                           const LwTableInfo *table)
{
  guint64 count;
  int index;

  g_return_val_if_fail (store != NULL, 0);

  /* what other connections committed; this one's own writes are counted as
   * they are made */
  check_data_version (store);
  count = store->changes;
  if (table != NULL && (index = table_index (table)) >= 0)
    return count + store->table_changes[index];
  for (guint i = 0; i < G_N_ELEMENTS (store->table_changes); i++)
    count += store->table_changes[i];
  return count;
}

/* Runs sql; what it may write is not counted (transaction control). */
static gboolean
exec_uncounted (LwStore    *store,
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

gboolean
_lw_store_exec (LwStore    *store,
                const char *sql,
                GError    **error)
{
  int rc = sqlite3_exec (store->db, sql, NULL, NULL, NULL);

  /* any SQL: it may have changed anything */
  store->changes++;
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
    sql = g_strdup (store->read_only ? "BEGIN" : "BEGIN IMMEDIATE");
  else
    sql = g_strdup_printf ("SAVEPOINT lw_%d", store->tx_depth);
  if (!exec_uncounted (store, sql, error))
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
    {
      /* what the agenda's rules read is current in every commit */
      if (!_lw_summary_refresh (store, error))
        {
          lw_store_rollback (store);
          return FALSE;
        }
      sql = g_strdup ("COMMIT");
    }
  else
    sql = g_strdup_printf ("RELEASE lw_%d", store->tx_depth - 1);
  if (!exec_uncounted (store, sql, error))
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

  /* a failed commit has rolled back already; its caller may not know */
  if (store->tx_depth == 0)
    return;
  if (store->tx_depth == 1)
    sql = g_strdup ("ROLLBACK");
  else
    sql = g_strdup_printf ("ROLLBACK TO lw_%d; RELEASE lw_%d",
                           store->tx_depth - 1, store->tx_depth - 1);
  /* a failed COMMIT may already have ended the transaction */
  sqlite3_exec (store->db, sql, NULL, NULL, NULL);
  settings_changed (store);
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
  settings_changed (store);
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

/* Before the connection goes: its statements go first.  What was cached from
 * the file is read again from the next one. */
static void
forget_connection (LwStore *store)
{
  g_hash_table_remove_all (store->statements);
  store->data_version = 0;
  settings_changed (store);
}

static LwStore *
store_new (const char *path)
{
  LwStore *store = g_new0 (LwStore, 1);

  store->path = g_strdup (path);
  store->seen_path = g_strdup (path);
  store->actor = g_strdup (g_get_user_name ());
  store->statements = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, statement_free);
  store->cached = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, cached_free);
  store->warnings = g_ptr_array_new_with_free_func (g_free);
  return store;
}

/* Remembers the audit head outside the file, so an older copy put in its place
 * is noticed at the next unlock. */
static void
remember_head (LwStore *store)
{
  guint8 mac[LW_VAULT_MAC_BYTES];
  gint64 seq;

  if (store->vault == NULL || store->read_only != NULL || store->db == NULL ||
      g_strcmp0 (store->path, store->seen_path) != 0)
    return;
  if (_lw_audit_get_head (store, &seq, mac, NULL) && seq > 0)
    _lw_seen_set_head (store->seen_path, seq, mac);
}

/* The end of a write session: the WAL goes into the file, so a damaged WAL can
 * lose little, and the head is remembered. */
static void
end_session (LwStore *store)
{
  if (store->db == NULL || store->vault == NULL || store->read_only != NULL || store->tx_depth > 0)
    return;
  if (sqlite3_exec (store->db, "PRAGMA wal_checkpoint(TRUNCATE)", NULL, NULL, NULL) != SQLITE_OK)
    g_debug ("checkpoint failed: %s", sqlite3_errmsg (store->db));
  remember_head (store);
}

static int
busy_cb (gpointer data,
         int      count)
{
  LwStore *store = data;
  gint64 now = g_get_monotonic_time ();

  if (count == 0)
    {
      store->busy_since = now;
      store->busy_told = FALSE;
    }
  if (now - store->busy_since >= (gint64) LW_STORE_BUSY_TIMEOUT * G_USEC_PER_SEC)
    return 0;
  /* a short wait is not worth a word */
  if (!store->busy_told && now - store->busy_since >= G_USEC_PER_SEC / 2)
    {
      store->busy_told = TRUE;
      if (store->busy_func != NULL)
        store->busy_func (store, store->busy_data);
    }
  g_usleep (MIN (count + 1, 25) * 1000);
  return 1;
}

void
lw_store_free (LwStore *store)
{
  if (store == NULL)
    return;
  end_session (store);
  lw_vault_free (store->vault);
  g_hash_table_destroy (store->cached);
  g_hash_table_destroy (store->statements);
  if (store->db)
    sqlite3_close_v2 (store->db);
  sodium_memzero (&store->header, sizeof store->header);
  g_free (store->path);
  g_free (store->seen_path);
  g_free (store->actor);
  g_free (store->read_only);
  g_free (store->rollback);
  g_ptr_array_unref (store->warnings);
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

  sqlite3_busy_handler (store->db, busy_cb, store);
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
  if (!lw_vault_check_limits (&store->header, error))
    {
      g_prefix_error (error, "“%s”: ", store->path);
      return FALSE;
    }
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

static gboolean open_immutable (LwStore *store,
                                GError **error);

/* Writing failed where reading works (read-only media, a full disk, a broken
 * audit head): the connection is opened again read-only, so that nothing can be
 * written without its audit entry. */
static gboolean
become_read_only (LwStore    *store,
                  const char *reason,
                  GError    **error)
{
  int rc;

  g_assert (store->tx_depth == 0);

  forget_connection (store);
  if (store->db != NULL)
    sqlite3_close_v2 (store->db);
  store->db = NULL;
  g_free (store->read_only);
  store->read_only = g_strdup (reason);
  rc = sqlite3_open_v2 (store->path, &store->db,
                        SQLITE_OPEN_READONLY | SQLITE_OPEN_NOFOLLOW | SQLITE_OPEN_EXRESCODE, NULL);
  if (rc != SQLITE_OK)
    return _lw_store_sqlite_error (store, rc, error);
  if (configure_connection (store, NULL) &&
      sqlite3_exec (store->db, "SELECT count(*) FROM sqlite_schema", NULL, NULL, NULL) == SQLITE_OK)
    return TRUE;
  /* no room even for the WAL's shared memory */
  return open_immutable (store, error);
}

/* Opens a file on read-only media as unchangeable.  Changes still in its -wal
 * would be ignored that way, so such a file is refused. */
static gboolean
open_immutable (LwStore *store,
                GError **error)
{
  g_autofree char *wal = g_strconcat (store->path, "-wal", NULL);
  g_autoptr(GString) uri = g_string_new ("file:");
  GStatBuf st;
  int rc;

  if (g_stat (wal, &st) == 0 && st.st_size > 0)
    {
      g_set_error (error, LW_ERROR, LW_ERROR_READ_ONLY,
                   _("“%s” is on read-only media and its last changes are still in “%s”, which cannot be merged there. Copy both files to a folder that can be written and open the copy."),
                   store->path, wal);
      return FALSE;
    }
  for (const char *p = store->path; *p != '\0'; p++)
    {
      if (*p == '%' || *p == '?' || *p == '#')
        g_string_append_printf (uri, "%%%02X", (guint8) *p);
      else
        g_string_append_c (uri, *p);
    }
  g_string_append (uri, "?immutable=1");
  forget_connection (store);
  sqlite3_close_v2 (store->db);
  store->db = NULL;
  rc = sqlite3_open_v2 (uri->str, &store->db,
                        SQLITE_OPEN_READONLY | SQLITE_OPEN_URI | SQLITE_OPEN_NOFOLLOW | SQLITE_OPEN_EXRESCODE, NULL);
  if (rc != SQLITE_OK)
    return _lw_store_sqlite_error (store, rc, error);
  store->immutable = TRUE;
  return configure_connection (store, error);
}

/* Why the file or its folder cannot be written, or NULL. */
static char *
unwritable_reason (const char *path)
{
  g_autofree char *dir = g_path_get_dirname (path);

  if (access (path, W_OK) != 0 || access (dir, W_OK) != 0)
    return g_strdup (errno == EROFS ? _("it is on read-only media") : _("it or its folder cannot be written"));
  return NULL;
}

static gboolean
is_write_failure (int code)
{
  return code == LW_ERROR_READ_ONLY || code == LW_ERROR_DISK_FULL;
}

static const char *
write_failure_reason (const GError *error)
{
  if (error->code == LW_ERROR_DISK_FULL)
    return _("the disk is full");
  if (error->code == LW_ERROR_AUDIT)
    return _("its audit log is damaged");
  return _("it cannot be written");
}

LwStore *
lw_store_open (const char *path,
               GError    **error)
{
  return _lw_store_open_as (path, path, error);
}

LwStore *
_lw_store_open_as (const char *path,
                   const char *seen_path,
                   GError    **error)
{
  g_autoptr(LwStore) store = NULL;
  g_autoptr(GError) local = NULL;
  g_autofree char *unwritable = NULL;
  gint64 app_id;
  int rc;

  g_return_val_if_fail (path != NULL, NULL);

  if (!lw_vault_init (error))
    return NULL;
  if (!check_file_header (path, error))
    return NULL;

  store = store_new (path);
  g_free (store->seen_path);
  store->seen_path = g_strdup (seen_path);
  unwritable = unwritable_reason (path);
  if (unwritable == NULL)
    _lw_remove_debris (path);
  rc = sqlite3_open_v2 (path, &store->db,
                        (unwritable ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE) |
                        SQLITE_OPEN_NOFOLLOW | SQLITE_OPEN_EXRESCODE,
                        NULL);
  if (rc != SQLITE_OK)
    {
      _lw_store_sqlite_error (store, rc, error);
      return NULL;
    }
  if (unwritable != NULL)
    store->read_only = g_steal_pointer (&unwritable);

  /* a damaged file shows here, before anything is written */
  if (configure_connection (store, NULL))
    sqlite3_exec (store->db, "SELECT count(*) FROM sqlite_schema", NULL, NULL, NULL);
  rc = sqlite3_extended_errcode (store->db);
  if (rc != SQLITE_OK &&
      ((rc & 0xff) == SQLITE_CANTOPEN || (rc & 0xff) == SQLITE_READONLY ||
       (rc & 0xff) == SQLITE_FULL || rc == SQLITE_IOERR_SHMSIZE || rc == SQLITE_IOERR_SHMOPEN))
    {
      /* read-only media or a full disk: WAL mode needs a shared-memory file
       * that cannot be made there */
      if (store->read_only == NULL)
        store->read_only = g_strdup ((rc & 0xff) == SQLITE_CANTOPEN || (rc & 0xff) == SQLITE_READONLY
                                     ? _("it cannot be written") : _("the disk is full"));
      if (!open_immutable (store, error))
        return NULL;
      rc = sqlite3_exec (store->db, "SELECT count(*) FROM sqlite_schema", NULL, NULL, NULL);
    }
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
  if (store->read_only == NULL && !enable_wal (store, &local))
    {
      if (!is_write_failure (local->code) || !become_read_only (store, write_failure_reason (local), error))
        {
          if (local != NULL && error != NULL && *error == NULL)
            g_propagate_error (error, g_steal_pointer (&local));
          return NULL;
        }
    }
  if (store->read_only != NULL && store->schema_version < LW_SCHEMA_VERSION)
    {
      g_set_error (error, LW_ERROR, LW_ERROR_READ_ONLY,
                   _("“%s” needs to be updated to this version's file format, but %s. Open it where it can be written."),
                   path, store->read_only);
      return NULL;
    }
  if (!migrate (store, error))
    return NULL;
  if (!read_header (store, error))
    return NULL;

  return g_steal_pointer (&store);
}

void
_lw_store_remove_side_files (const char *path)
{
  static const char * const suffixes[] = { "-wal", "-shm", "-journal" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *side = g_strconcat (path, suffixes[i], NULL);
      g_unlink (side);
    }
}

/* ".NAME.XXXXXX", with the six characters of g_mkstemp(), and its side files */
static gboolean
is_debris_name (const char *name,
                const char *base,
                gboolean   *side)
{
  gsize base_len = strlen (base);
  const char *rest;

  if (name[0] != '.' || strncmp (name + 1, base, base_len) != 0 || name[1 + base_len] != '.')
    return FALSE;
  rest = name + 2 + base_len;
  for (int i = 0; i < 6; i++)
    if (!g_ascii_isalnum (rest[i]))
      return FALSE;
  rest += 6;
  *side = *rest != '\0';
  return *rest == '\0' || strcmp (rest, "-wal") == 0 || strcmp (rest, "-shm") == 0 ||
         strcmp (rest, "-journal") == 0;
}

void
_lw_remove_debris (const char *path)
{
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *base = g_path_get_basename (path);
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  g_autoptr(GPtrArray) sides = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  if (d == NULL)
    return;
  while ((name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *full = NULL;
      gboolean side = FALSE;
      GStatBuf st;
      int fd;

      if (!is_debris_name (name, base, &side))
        continue;
      full = g_build_filename (dir, name, NULL);
      if (side)
        {
          g_ptr_array_add (sides, g_steal_pointer (&full));
          continue;
        }
      if (g_lstat (full, &st) != 0 || !S_ISREG (st.st_mode))
        continue;
      fd = open (full, O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK);
      if (fd < 0)
        continue;
      /* a run that is still writing holds its lock (LwAtomicFile) */
      if (flock (fd, LOCK_EX | LOCK_NB) == 0)
        {
          g_debug ("removing a temporary file a stopped run left behind");
          _lw_store_remove_side_files (full);
          g_unlink (full);
        }
      close (fd);
    }
  /* side files whose database is gone */
  for (guint i = 0; i < sides->len; i++)
    {
      char *side = g_ptr_array_index (sides, i);
      char *dash = strrchr (side, '-');
      g_autofree char *main_file = g_strndup (side, dash - side);

      if (!g_file_test (main_file, G_FILE_TEST_EXISTS))
        g_unlink (side);
    }
}

static gboolean
reopen (LwStore    *store,
        const char *path,
        GError    **error)
{
  int rc;

  forget_connection (store);
  if (store->db != NULL)
    sqlite3_close_v2 (store->db);
  store->db = NULL;
  g_free (store->path);
  store->path = g_strdup (path);
  g_free (store->seen_path);
  store->seen_path = g_strdup (path);
  rc = sqlite3_open_v2 (path, &store->db,
                        SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOFOLLOW | SQLITE_OPEN_EXRESCODE, NULL);
  if (rc != SQLITE_OK)
    return _lw_store_sqlite_error (store, rc, error);
  return configure_connection (store, error) && enable_wal (store, error);
}

/* Out of WAL mode: everything in the one file, and no side files left */
static gboolean
leave_wal (LwStore *store,
           GError **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  forget_connection (store);
  rc = sqlite3_prepare_v2 (store->db, "PRAGMA journal_mode = DELETE", -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    rc = SQLITE_OK;
  else
    rc = sqlite3_extended_errcode (store->db);
  sqlite3_finalize (stmt);
  if (rc != SQLITE_OK)
    return _lw_store_sqlite_error (store, rc, error);
  return TRUE;
}

LwStore *
lw_store_create (const char *path,
                 const char *passphrase,
                 gsize       passphrase_len,
                 GError    **error)
{
  return lw_store_create_full (path, passphrase, passphrase_len, NULL, NULL, error);
}

LwStore *
lw_store_create_full (const char          *path,
                      const char          *passphrase,
                      gsize                passphrase_len,
                      LwStorePopulateFunc  populate,
                      gpointer             user_data,
                      GError             **error)
{
  g_autoptr(LwStore) store = NULL;
  g_autoptr(LwAtomicFile) file = NULL;
  g_autofree char *app_id_sql = NULL;
  g_autofree char *tmp_path = NULL;
  guint8 head_mac[LW_VAULT_MAC_BYTES];
  gint64 head_seq = 0;
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

  /* made whole under a temporary name in the same folder, then renamed into
   * place: a killed run leaves no half-made file under the name */
  file = lw_atomic_file_new (path, error);
  if (file == NULL)
    return NULL;
  lw_atomic_file_close_fd (file);
  tmp_path = g_strdup (lw_atomic_file_get_temp_path (file));

  store = store_new (tmp_path);
  rc = sqlite3_open_v2 (tmp_path, &store->db,
                        SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOFOLLOW | SQLITE_OPEN_EXRESCODE,
                        NULL);
  if (rc != SQLITE_OK)
    {
      _lw_store_sqlite_error (store, rc, error);
      goto fail;
    }

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
  if (populate != NULL && !populate (store, user_data, error))
    goto fail;

  if (!leave_wal (store, error))
    goto fail;
  /* remembered before the file has its name: a file of the same name that was
   * deleted must not make the new one look rolled back, even after a kill */
  if (!_lw_audit_get_head (store, &head_seq, head_mac, error))
    goto fail;
  forget_connection (store);
  rc = sqlite3_close (store->db);
  store->db = NULL;
  if (rc != SQLITE_OK)
    {
      _lw_store_sqlite_error (store, rc, error);
      goto fail;
    }
  _lw_seen_set_head (path, head_seq, head_mac);
  if (!lw_atomic_file_commit_new (file, error))
    goto fail;
  if (!reopen (store, path, error))
    return NULL;
  remember_head (store);
  return g_steal_pointer (&store);

fail:
  /* nothing is left under either name, nor remembered of it */
  if (store != NULL)
    g_clear_pointer (&store->vault, lw_vault_free);
  g_clear_pointer (&store, lw_store_free);
  _lw_store_remove_side_files (tmp_path);
  return NULL;
}

/* Compares the file's audit head with the one this account saw last.  Sets
 * store->rollback to the audit detail and adds a warning when the file is older
 * or has another history. */
static void
check_seen_head (LwStore *store)
{
  g_autofree char *when = NULL;
  guint8 mac[LW_VAULT_MAC_BYTES];
  LwSeenHead seen;
  gint64 seq;

  g_clear_pointer (&store->rollback, g_free);
  if (!_lw_seen_get_head (store->seen_path, &seen))
    return;
  /* a head that does not verify is reported by the check and the audit verify */
  if (!_lw_audit_get_head (store, &seq, mac, NULL))
    return;
  {
    g_autoptr(GDateTime) dt = g_date_time_new_from_unix_local (seen.when / G_USEC_PER_SEC);
    when = dt ? g_date_time_format (dt, "%Y-%m-%d %H:%M") : g_strdup ("?");
  }
  if (seq < seen.seq)
    {
      store->rollback = g_strdup_printf ("audit log ends at entry %" G_GINT64_FORMAT
                                         " but entry %" G_GINT64_FORMAT " was seen on %s:"
                                         " entries %" G_GINT64_FORMAT " to %" G_GINT64_FORMAT " are missing",
                                         seq, seen.seq, when, seq + 1, seen.seq);
      if (seq + 1 == seen.seq)
        g_ptr_array_add (store->warnings,
                         g_strdup_printf (_("“%s” is older than when this account last saw it (%s): its audit log ends at entry %" PRId64
                                            ", so entry %" PRId64
                                            " and the change it recorded are missing. It was replaced by an older copy or lost its last changes; restore the newest backup if something is missing."),
                                          store->path, when, seq, seen.seq));
      else
        g_ptr_array_add (store->warnings,
                         g_strdup_printf (_("“%s” is older than when this account last saw it (%s): its audit log ends at entry %" PRId64
                                            ", so entries %" PRId64 " to %" PRId64
                                            " and the changes they recorded are missing. It was replaced by an older copy or lost its last changes; restore the newest backup if something is missing."),
                                          store->path, when, seq, seq + 1, seen.seq));
      return;
    }
  if (!_lw_audit_get_entry_mac (store, seen.seq, mac) ||
      sodium_memcmp (mac, seen.mac, LW_VAULT_MAC_BYTES) != 0)
    {
      store->rollback = g_strdup_printf ("audit entry %" G_GINT64_FORMAT " differs from the one seen on %s:"
                                         " the file was replaced by another copy",
                                         seen.seq, when);
      g_ptr_array_add (store->warnings,
                       g_strdup_printf (_("“%s” does not continue the history this account saw (%s): audit entry %" PRId64
                                          " differs. It was replaced by another copy; restore the newest backup if something is missing."),
                                        store->path, when, seen.seq));
    }
}

/* Writes the unlock, with what happened before it could be written: failed
 * attempts, entries of read-only sessions, a rollback found. */
static gboolean
record_unlock (LwStore *store,
               GError **error)
{
  g_auto(GStrv) deferred = _lw_seen_get_deferred (store->seen_path);

  if (!lw_store_begin (store, error))
    return FALSE;
  for (guint i = 0; deferred[i] != NULL; i++)
    {
      g_auto(GStrv) parts = g_strsplit (deferred[i], "\t", 3);
      g_autofree char *detail = NULL;
      g_autoptr(GDateTime) dt = NULL;
      g_autofree char *when = NULL;
      int event;

      if (g_strv_length (parts) != 3 || (event = _lw_audit_event_from_string (parts[1])) < 0)
        continue;
      dt = g_date_time_new_from_unix_utc (g_ascii_strtoll (parts[0], NULL, 10) / G_USEC_PER_SEC);
      when = dt ? g_date_time_format_iso8601 (dt) : g_strdup ("?");
      detail = g_strdup_printf ("%s (read-only session at %s, recorded late)", parts[2], when);
      if (!lw_audit_append (store, event, detail, error))
        goto fail;
    }
  if (store->failed_unlocks > 0)
    {
      g_autofree char *detail = g_strdup_printf ("%u failed attempt(s) before this unlock",
                                                 store->failed_unlocks);
      if (!lw_audit_append (store, LW_AUDIT_FAILED_UNLOCK, detail, error))
        goto fail;
    }
  if (store->rollback != NULL &&
      !lw_audit_append (store, LW_AUDIT_ROLLBACK, store->rollback, error))
    goto fail;
  if (!lw_audit_append (store, LW_AUDIT_UNLOCK, "unlocked", error))
    goto fail;
  if (!lw_store_commit (store, error))
    return FALSE;
  if (deferred[0] != NULL)
    _lw_seen_clear_deferred (store->seen_path);
  return TRUE;

fail:
  lw_store_rollback (store);
  return FALSE;
}

gboolean
lw_store_unlock (LwStore    *store,
                 const char *passphrase,
                 gsize       passphrase_len,
                 GError    **error)
{
  g_autoptr(GError) local = NULL;
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
  settings_changed (store);
  g_ptr_array_set_size (store->warnings, 0);
  check_seen_head (store);

  /* failures can only be written once a key exists to chain them */
  if (store->read_only == NULL && !record_unlock (store, &local))
    {
      /* reading must not need writing */
      if (local->domain != LW_ERROR ||
          (!is_write_failure (local->code) && local->code != LW_ERROR_AUDIT) ||
          !become_read_only (store, write_failure_reason (local), NULL))
        {
          g_propagate_error (error, g_steal_pointer (&local));
          goto fail;
        }
    }
  if (store->read_only != NULL)
    {
      g_autofree char *detail = g_strdup_printf ("unlocked read-only (%s)", store->read_only);

      /* kept outside the file until it can be written */
      if (store->rollback != NULL)
        lw_audit_append (store, LW_AUDIT_ROLLBACK, store->rollback, NULL);
      lw_audit_append (store, LW_AUDIT_UNLOCK, detail, NULL);
      g_ptr_array_add (store->warnings,
                       g_strdup_printf (_("“%s” is open read-only because %s: reading, checking and exporting work, changes cannot be saved, and this session is written to the audit log only when the file can be written again."),
                                        store->path, store->read_only));
    }
  store->failed_unlocks = 0;
  /* an older file's clear columns: sealed now that a key exists; a file that
   * cannot be written keeps them until one can */
  if (store->read_only == NULL)
    {
      g_autoptr(GError) legacy_error = NULL;

      if (!_lw_record_seal_legacy (store, &legacy_error))
        g_debug ("Clear columns of an older file not sealed yet: %s", legacy_error->message);
    }
  remember_head (store);
  return TRUE;

fail:
  g_clear_pointer (&store->vault, lw_vault_free);
  return FALSE;
}

void
lw_store_lock (LwStore *store)
{
  g_return_if_fail (store != NULL);

  end_session (store);
  g_clear_pointer (&store->vault, lw_vault_free);
  settings_changed (store);
  /* nothing read while unlocked outlives the keys */
  g_hash_table_remove_all (store->cached);
}

LwStore *
lw_store_open_reader (LwStore  *store,
                      GError  **error)
{
  g_autoptr(LwStore) reader = NULL;
  int rc;

  g_return_val_if_fail (store != NULL, NULL);

  if (store->vault == NULL)
    {
      g_set_error (error, LW_ERROR, LW_ERROR_LOCKED, _("Unlock the program first."));
      return NULL;
    }
  reader = store_new (store->path);
  g_free (reader->seen_path);
  reader->seen_path = g_strdup (store->seen_path);
  /* never a writer: no session to end, no head to remember */
  reader->read_only = g_strdup (store->read_only ? store->read_only : "a reader of another connection");
  reader->schema_version = store->schema_version;
  reader->header = store->header;
  if (store->immutable)
    {
      if (!open_immutable (reader, error))
        return NULL;
    }
  else
    {
      rc = sqlite3_open_v2 (store->path, &reader->db,
                            SQLITE_OPEN_READONLY | SQLITE_OPEN_NOFOLLOW | SQLITE_OPEN_EXRESCODE, NULL);
      if (rc != SQLITE_OK)
        {
          _lw_store_sqlite_error (reader, rc, error);
          return NULL;
        }
      if (!configure_connection (reader, error))
        return NULL;
    }
  reader->vault = _lw_vault_copy (store->vault);
  return g_steal_pointer (&reader);
}

const char *
_lw_store_get_seen_path (LwStore *store)
{
  return store->seen_path;
}

const char *
lw_store_get_read_only_reason (LwStore *store)
{
  g_return_val_if_fail (store != NULL, NULL);
  return store->read_only;
}

const char *
lw_store_get_rollback (LwStore *store)
{
  g_return_val_if_fail (store != NULL, NULL);
  return store->rollback;
}

char **
lw_store_get_warnings (LwStore *store)
{
  GStrvBuilder *b;
  char **ret;

  g_return_val_if_fail (store != NULL, NULL);

  b = g_strv_builder_new ();
  for (guint i = 0; i < store->warnings->len; i++)
    g_strv_builder_add (b, g_ptr_array_index (store->warnings, i));
  ret = g_strv_builder_end (b);
  g_strv_builder_unref (b);
  return ret;
}

void
lw_store_set_busy_func (LwStore        *store,
                        LwStoreBusyFunc func,
                        gpointer        user_data)
{
  g_return_if_fail (store != NULL);

  store->busy_func = func;
  store->busy_data = user_data;
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
