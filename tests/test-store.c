/* test-store.c: the store, the vault, the audit chain and bad input
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <sodium.h>
#include <sqlite3.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "lw/lw-audit.h"
#include "lw/lw-error.h"
#include "lw/lw-model.h"
#include "lw/lw-policy.h"
#include "lw/lw-vault.h"
#include "lw-store-private.h"
#include "lw-test-util.h"

typedef struct
{
  char    *dir;
  char    *path;
  LwStore *store;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  f->dir = lw_test_tmpdir ();
  f->store = lw_test_store_new (f->dir, "program.lwdb");
  f->path = g_strdup (lw_store_get_path (f->store));
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_pointer (&f->store, lw_store_free);
  lw_test_tmpdir_remove (f->dir);
  g_free (f->dir);
  g_free (f->path);
}

static LwStore *
reopen (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  LwStore *store;

  g_clear_pointer (&f->store, lw_store_free);
  store = lw_store_open (f->path, &error);
  g_assert_no_error (error);
  lw_store_unlock (store, LW_TEST_PASSPHRASE, strlen (LW_TEST_PASSPHRASE), &error);
  g_assert_no_error (error);
  f->store = store;
  return store;
}

/* Every column of every table survives insert, a reopen, and update. */
static void
test_roundtrip_every_table (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(GHashTable) ids = lw_test_fill_every_table (f->store, "rt");
  const LwTableInfo * const *tables;
  guint n_tables;

  reopen (f);
  tables = lw_store_tables (&n_tables);
  for (guint i = 0; i < n_tables; i++)
    {
      g_autoptr(GError) error = NULL;
      LwId id = GPOINTER_TO_INT (g_hash_table_lookup (ids, tables[i]->name));
      LwRecord *expected = lw_record_new (tables[i]);
      LwRecord *got = lw_store_get (f->store, tables[i], id, &error);
      LwRecord *again;

      g_assert_no_error (error);
      g_assert_cmpint (got->damaged, ==, 0);
      lw_test_fill_record (expected, "rt", ids);
      for (guint j = 0; j < tables[i]->n_columns; j++)
        {
          const LwColumnInfo *column = &tables[i]->columns[j];
          g_autofree char *a = lw_record_get_string (expected, column);
          g_autofree char *b = lw_record_get_string (got, column);

          if (tables[i] == &lw_participant_table && g_str_equal (column->name, "code"))
            continue;
          g_assert_cmpstr (a, ==, b);
        }

      /* update: change every text column */
      for (guint j = 0; j < tables[i]->n_columns; j++)
        {
          const LwColumnInfo *column = &tables[i]->columns[j];
          if (column->type == LW_COLUMN_TEXT && !(column->flags & LW_COLUMN_UNIQUE))
            lw_record_set_from_string (got, column, "changed", &error);
          g_assert_no_error (error);
        }
      lw_store_update (f->store, got, &error);
      g_assert_no_error (error);
      again = lw_store_get (f->store, tables[i], id, &error);
      g_assert_no_error (error);
      for (guint j = 0; j < tables[i]->n_columns; j++)
        {
          const LwColumnInfo *column = &tables[i]->columns[j];
          g_autofree char *a = lw_record_get_string (got, column);
          g_autofree char *b = lw_record_get_string (again, column);
          g_assert_cmpstr (a, ==, b);
        }
      lw_record_free (expected);
      lw_record_free (got);
      lw_record_free (again);
    }
}

static void
test_list_and_find (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GHashTable) ids = lw_test_fill_every_table (f->store, "a");
  g_autoptr(GHashTable) ids2 = lw_test_fill_every_table (f->store, "b");
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GPtrArray) goals = NULL;
  g_autoptr(LwParticipant) p = NULL;
  LwId pid = GPOINTER_TO_INT (g_hash_table_lookup (ids2, "participant"));

  all = lw_store_list (f->store, &lw_participant_table, NULL, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (all->len, ==, 2);
  goals = lw_model_list_for (f->store, &lw_plan_goal_table, pid, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (goals->len, ==, 1);
  g_assert_cmpint (((LwPlanGoal *) goals->pdata[0])->participant_id, ==, pid);

  p = lw_participant_find_by_code (f->store, "P-b", &error);
  g_assert_no_error (error);
  g_assert_cmpint (p->id, ==, pid);
  g_assert_cmpint (lw_store_count (f->store, &lw_participant_table, NULL), ==, 2);

  g_assert_null (lw_participant_find_by_code (f->store, "P-none", &error));
  g_assert_error (error, LW_ERROR, LW_ERROR_NOT_FOUND);
}

static void
test_validation (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LwParticipant) p = lw_participant_new ();
  g_autoptr(LwParticipant) dup = lw_participant_new ();
  const LwColumnInfo *dob = lw_table_find_column (&lw_participant_table, "date_of_birth");
  const LwColumnInfo *status = lw_table_find_column (&lw_participant_table, "status");

  /* required fields */
  g_assert_false (lw_store_insert (f->store, p, &error));
  g_assert_error (error, LW_ERROR, LW_ERROR_INVALID);
  g_clear_error (&error);

  /* an impossible date, an unknown status */
  g_assert_false (lw_record_set_from_string (p, dob, "2026-02-30", &error));
  g_assert_error (error, LW_ERROR, LW_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (lw_record_set_from_string (p, status, "sleeping", &error));
  g_assert_error (error, LW_ERROR, LW_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "active"));
  g_clear_error (&error);

  p->code = g_strdup ("P-0001");
  p->legal_name = g_strdup ("Test Person");
  p->date_of_birth = g_strdup ("1990-13-01");
  g_assert_false (lw_store_insert (f->store, p, &error));
  g_assert_error (error, LW_ERROR, LW_ERROR_INVALID);
  g_clear_error (&error);
  g_clear_pointer (&p->date_of_birth, g_free);

  /* a sealed reference to nobody */
  p->case_manager_id = 999;
  g_assert_false (lw_store_insert (f->store, p, &error));
  g_assert_error (error, LW_ERROR, LW_ERROR_INVALID);
  g_clear_error (&error);
  p->case_manager_id = 0;

  g_assert_true (lw_store_insert (f->store, p, &error));
  g_assert_no_error (error);

  dup->code = g_strdup ("P-0001");
  dup->legal_name = g_strdup ("Other Person");
  g_assert_false (lw_store_insert (f->store, dup, &error));
  g_assert_error (error, LW_ERROR, LW_ERROR_EXISTS);
  g_assert_cmpint (dup->id, ==, 0);
  g_assert_cmpint (lw_store_count (f->store, &lw_participant_table, NULL), ==, 1);
}

static void
test_transactions (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LwPerson) a = lw_person_new ();
  g_autoptr(LwPerson) b = lw_person_new ();

  a->name = g_strdup ("Kept");
  b->name = g_strdup ("Rolled back");
  g_assert_true (lw_store_begin (f->store, &error));
  g_assert_true (lw_store_insert (f->store, a, &error));
  g_assert_true (lw_store_begin (f->store, &error));
  g_assert_true (lw_store_insert (f->store, b, &error));
  lw_store_rollback (f->store);
  g_assert_true (lw_store_commit (f->store, &error));
  g_assert_no_error (error);
  reopen (f);
  g_assert_cmpint (lw_store_count (f->store, &lw_person_table, NULL), ==, 1);
}

static void
test_wrong_passphrase (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GBytes) after = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  gint64 n = 0;
  LwStore *store;

  g_clear_pointer (&f->store, lw_store_free);
  before = lw_test_read_file (f->path);

  store = lw_store_open (f->path, &error);
  g_assert_no_error (error);
  g_assert_false (lw_store_is_unlocked (store));
  g_assert_false (lw_store_unlock (store, "wrong", 5, &error));
  g_assert_error (error, LW_ERROR, LW_ERROR_WRONG_PASSPHRASE);
  g_clear_error (&error);
  g_assert_false (lw_store_is_unlocked (store));
  g_assert_null (lw_store_list (store, &lw_participant_table, NULL, 0, &error));
  g_assert_error (error, LW_ERROR, LW_ERROR_LOCKED);
  g_clear_error (&error);

  /* the file is byte for byte what it was */
  after = lw_test_read_file (f->path);
  g_assert_true (g_bytes_equal (before, after));

  /* the failure is chained at the next successful unlock */
  g_assert_true (lw_store_unlock (store, LW_TEST_PASSPHRASE, strlen (LW_TEST_PASSPHRASE), &error));
  g_assert_no_error (error);
  entries = lw_audit_list (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (entries->len, ==, 3);
  g_assert_cmpint (((LwAuditEntry *) entries->pdata[1])->event, ==, LW_AUDIT_FAILED_UNLOCK);
  g_assert_cmpint (((LwAuditEntry *) entries->pdata[2])->event, ==, LW_AUDIT_UNLOCK);
  g_assert_true (lw_audit_verify (store, &n, &error));
  g_assert_cmpint (n, ==, 3);
  f->store = store;
}

static void
test_lock_wipes (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  lw_test_fill_every_table (f->store, "lock");
  lw_store_lock (f->store);
  g_assert_false (lw_store_is_unlocked (f->store));
  g_assert_null (lw_store_get (f->store, &lw_participant_table, 1, &error));
  g_assert_error (error, LW_ERROR, LW_ERROR_LOCKED);
}

static void
test_passphrase_change (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) ids = lw_test_fill_every_table (f->store, "pw");
  g_autoptr(LwParticipant) p = NULL;
  LwStore *store;

  g_assert_true (lw_store_change_passphrase (f->store, "new one", 7, &error));
  g_assert_no_error (error);
  g_clear_pointer (&f->store, lw_store_free);

  store = lw_store_open (f->path, &error);
  g_assert_no_error (error);
  g_assert_false (lw_store_unlock (store, LW_TEST_PASSPHRASE, strlen (LW_TEST_PASSPHRASE), &error));
  g_assert_error (error, LW_ERROR, LW_ERROR_WRONG_PASSPHRASE);
  g_clear_error (&error);
  g_assert_true (lw_store_unlock (store, "new one", 7, &error));
  g_assert_no_error (error);
  p = lw_participant_find_by_code (store, "P-pw", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (p->legal_name, ==, "CANARY-participant-legal_name-pw");
  g_assert_true (lw_audit_verify (store, NULL, &error));
  f->store = store;
}

static void
check_problems (LwStore   *store,
                GPtrArray *problems)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (lw_store_check (store, problems, &error));
  g_assert_no_error (error);
}

/* A flipped byte inside a sealed value: that value fails naming its place, the
 * rest still opens, and check lists it. */
static void
test_tampered_byte (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) ids = lw_test_fill_every_table (f->store, "t1");
  g_autoptr(GHashTable) ids2 = lw_test_fill_every_table (f->store, "t2");
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(LwParticipant) p = NULL;
  g_autoptr(LwParticipant) other = NULL;
  LwId pid = GPOINTER_TO_INT (g_hash_table_lookup (ids, "participant"));

  g_clear_pointer (&f->store, lw_store_free);
  /* flip one byte of the ciphertext */
  {
    sqlite3 *db = NULL;
    sqlite3_stmt *stmt = NULL;
    const guint8 *blob;
    g_autofree guint8 *copy = NULL;
    int len;

    g_assert_cmpint (sqlite3_open (f->path, &db), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT legal_name FROM participant WHERE id = ?", -1, &stmt, NULL), ==, SQLITE_OK);
    sqlite3_bind_int64 (stmt, 1, pid);
    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
    blob = sqlite3_column_blob (stmt, 0);
    len = sqlite3_column_bytes (stmt, 0);
    copy = g_memdup2 (blob, len);
    sqlite3_finalize (stmt);
    copy[len - 3] ^= 0x01;
    g_assert_cmpint (sqlite3_prepare_v2 (db, "UPDATE participant SET legal_name = ? WHERE id = ?", -1, &stmt, NULL), ==, SQLITE_OK);
    sqlite3_bind_blob (stmt, 1, copy, len, SQLITE_STATIC);
    sqlite3_bind_int64 (stmt, 2, pid);
    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
    sqlite3_finalize (stmt);
    sqlite3_close (db);
  }
  reopen (f);

  p = lw_store_get (f->store, &lw_participant_table, pid, &error);
  g_assert_no_error (error);
  g_assert_null (p->legal_name);
  g_assert_cmpint (p->damaged, !=, 0);
  /* everything else of the row still opens */
  g_assert_cmpstr (p->preferred_name, ==, "CANARY-participant-preferred_name-t1");
  other = lw_participant_find_by_code (f->store, "P-t2", &error);
  g_assert_no_error (error);
  g_assert_cmpint (other->damaged, ==, 0);

  check_problems (f->store, problems);
  g_assert_cmpuint (problems->len, ==, 1);
  g_assert_nonnull (strstr (problems->pdata[0], "participant"));
  g_assert_nonnull (strstr (problems->pdata[0], "legal_name"));
  {
    g_autofree char *row = g_strdup_printf ("row %" G_GINT64_FORMAT, pid);
    g_assert_nonnull (strstr (problems->pdata[0], row));
  }
}

/* A sealed value copied onto another row, and onto another column. */
static void
test_moved_value (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) ids = lw_test_fill_every_table (f->store, "m1");
  g_autoptr(GHashTable) ids2 = lw_test_fill_every_table (f->store, "m2");
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(LwParticipant) p2 = NULL;
  g_autofree char *sql = NULL;
  LwId p1 = GPOINTER_TO_INT (g_hash_table_lookup (ids, "participant"));
  LwId p2id = GPOINTER_TO_INT (g_hash_table_lookup (ids2, "participant"));

  g_clear_pointer (&f->store, lw_store_free);
  sql = g_strdup_printf ("UPDATE participant SET health_notes = (SELECT health_notes FROM participant WHERE id = %"
                         G_GINT64_FORMAT ") WHERE id = %" G_GINT64_FORMAT ";"
                         "UPDATE participant SET aliases = legal_name WHERE id = %" G_GINT64_FORMAT ";",
                         p1, p2id, p1);
  lw_test_raw_exec (f->path, sql);
  reopen (f);

  p2 = lw_store_get (f->store, &lw_participant_table, p2id, &error);
  g_assert_no_error (error);
  g_assert_null (p2->health_notes);
  g_assert_cmpstr (p2->legal_name, ==, "CANARY-participant-legal_name-m2");

  check_problems (f->store, problems);
  g_assert_cmpuint (problems->len, ==, 2);
}

static void
test_audit_tamper (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 n = 0;

  g_assert_true (lw_audit_append (f->store, LW_AUDIT_EXPORT, "minutes for community-representative", &error));
  g_assert_true (lw_audit_append (f->store, LW_AUDIT_EXPORT, "handout for police-officer", &error));
  g_assert_true (lw_audit_verify (f->store, &n, &error));
  g_assert_cmpint (n, ==, 3);
  g_clear_pointer (&f->store, lw_store_free);

  /* edit an entry */
  lw_test_raw_exec (f->path, "UPDATE audit SET detail = 'nothing' WHERE seq = 2");
  reopen (f);
  g_assert_false (lw_audit_verify (f->store, NULL, &error));
  g_assert_error (error, LW_ERROR, LW_ERROR_AUDIT);
  g_assert_nonnull (strstr (error->message, "entry 2"));
  g_clear_error (&error);
}

static void
test_audit_truncate (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (lw_audit_append (f->store, LW_AUDIT_EXPORT, "one", &error));
  g_assert_true (lw_audit_append (f->store, LW_AUDIT_EXPORT, "two", &error));
  g_clear_pointer (&f->store, lw_store_free);
  reopen (f);
  g_clear_pointer (&f->store, lw_store_free);
  /* cutting the newest entries off the end */
  lw_test_raw_exec (f->path, "DELETE FROM audit WHERE seq >= 3");
  {
    g_autoptr(LwStore) store = lw_store_open (f->path, &error);
    g_assert_no_error (error);
    /* unlocking appends; verify must still see the gap against the head */
    g_assert_true (lw_store_unlock (store, LW_TEST_PASSPHRASE, strlen (LW_TEST_PASSPHRASE), &error));
    g_assert_false (lw_audit_verify (store, NULL, &error));
    g_assert_error (error, LW_ERROR, LW_ERROR_AUDIT);
  }
}

/* No plaintext at rest: every sealed canary is absent from the file and its WAL. */
static void
test_no_plaintext_at_rest (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GHashTable) ids = lw_test_fill_every_table (f->store, "rest");
  g_autoptr(GPtrArray) canaries = lw_test_sealed_canaries ("rest");
  g_autofree char *wal_path = g_strconcat (f->path, "-wal", NULL);
  g_autoptr(GBytes) db = lw_test_read_file (f->path);
  g_autoptr(GBytes) wal = lw_test_read_file (wal_path);
  g_autoptr(GBytes) db2 = NULL;

  g_assert_nonnull (wal);
  g_assert_cmpuint (g_bytes_get_size (wal), >, 0);
  /* the scan itself works: a clear value is found */
  g_assert_true (lw_test_bytes_contain (db, "P-rest") || lw_test_bytes_contain (wal, "P-rest"));
  for (guint i = 0; i < canaries->len; i++)
    {
      g_assert_false (lw_test_bytes_contain (db, canaries->pdata[i]));
      g_assert_false (lw_test_bytes_contain (wal, canaries->pdata[i]));
    }

  /* and after a checkpoint into the main file */
  g_clear_pointer (&f->store, lw_store_free);
  db2 = lw_test_read_file (f->path);
  for (guint i = 0; i < canaries->len; i++)
    g_assert_false (lw_test_bytes_contain (db2, canaries->pdata[i]));
}

/* A file from before topic titles and concern reporters were sealed: the first
 * unlock seals them and drops the clear columns; nothing of them is left in the
 * file or its WAL. */
static void
test_legacy_columns_sealed (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LwMeeting) meeting = lw_meeting_new ();
  g_autoptr(LwAgendaItem) item = lw_agenda_item_new ();
  g_autoptr(LwCommunityConcern) concern = lw_community_concern_new ();
  g_autoptr(LwAgendaItem) title_back = NULL;
  g_autoptr(LwCommunityConcern) concern_back = NULL;
  g_autofree char *sql = NULL;
  g_autofree char *wal_path = g_strconcat (f->path, "-wal", NULL);
  g_autoptr(GBytes) db = NULL;
  g_autoptr(GBytes) wal = NULL;
  sqlite3 *raw = NULL;
  sqlite3_stmt *stmt = NULL;

  meeting->date = g_strdup ("2026-12-01");
  meeting->status = LW_MEETING_DRAFT;
  g_assert_true (lw_store_insert (f->store, meeting, &error));
  item->meeting_id = LW_RECORD (meeting)->id;
  item->kind = LW_ITEM_TOPIC;
  g_assert_true (lw_store_insert (f->store, item, &error));
  concern->date = g_strdup ("2026-11-30");
  concern->text = g_strdup ("a concern");
  concern->status = LW_CONCERN_OPEN;
  g_assert_true (lw_store_insert (f->store, concern, &error));
  g_assert_no_error (error);
  g_clear_pointer (&f->store, lw_store_free);

  /* what an older file held: the values in clear columns */
  sql = g_strdup_printf ("ALTER TABLE agenda_item ADD COLUMN title_v1 TEXT;"
                         "ALTER TABLE community_concern ADD COLUMN reported_by_v1 TEXT;"
                         "UPDATE agenda_item SET title_v1 = 'CANARY-legacy-title' WHERE id = %" G_GINT64_FORMAT ";"
                         "UPDATE community_concern SET reported_by_v1 = 'CANARY-legacy-reporter' WHERE id = %" G_GINT64_FORMAT ";",
                         LW_RECORD (item)->id, LW_RECORD (concern)->id);
  lw_test_raw_exec (f->path, sql);
  db = lw_test_read_file (f->path);
  wal = lw_test_read_file (wal_path);
  g_assert_true (lw_test_bytes_contain (db, "CANARY-legacy-title") ||
                 (wal && lw_test_bytes_contain (wal, "CANARY-legacy-title")));
  g_clear_pointer (&db, g_bytes_unref);
  g_clear_pointer (&wal, g_bytes_unref);

  reopen (f);
  title_back = lw_store_get (f->store, &lw_agenda_item_table, LW_RECORD (item)->id, &error);
  concern_back = lw_store_get (f->store, &lw_community_concern_table, LW_RECORD (concern)->id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (title_back->title, ==, "CANARY-legacy-title");
  g_assert_cmpstr (concern_back->reported_by, ==, "CANARY-legacy-reporter");
  g_clear_pointer (&f->store, lw_store_free);

  /* the clear columns are gone, and their values with them */
  g_assert_cmpint (sqlite3_open (f->path, &raw), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (raw, "SELECT count(*) FROM pragma_table_info('agenda_item') WHERE name = 'title_v1'",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (raw);
  db = lw_test_read_file (f->path);
  wal = lw_test_read_file (wal_path);
  g_assert_false (lw_test_bytes_contain (db, "CANARY-legacy-title"));
  g_assert_false (lw_test_bytes_contain (db, "CANARY-legacy-reporter"));
  g_assert_false (wal && lw_test_bytes_contain (wal, "CANARY-legacy-title"));
  g_assert_false (wal && lw_test_bytes_contain (wal, "CANARY-legacy-reporter"));
}

/* The words typed as the reason for a policy change may name anyone: they are
 * sealed at rest, yet the audit list gives them back and the chain verifies. */
static void
test_audit_reason_sealed (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  g_autofree char *wal_path = g_strconcat (f->path, "-wal", NULL);
  g_autoptr(GBytes) db = NULL;
  g_autoptr(GBytes) wal = NULL;
  const LwAuditEntry *last;

  g_assert_true (lw_policy_set (f->store, LW_ROLE_PROJECT_MANAGER, LW_CATEGORY_LEGAL, LW_LEVEL_SUMMARY,
                                "CANARY-reason-Jane-Roe-asked", &error));
  g_assert_no_error (error);
  db = lw_test_read_file (f->path);
  wal = lw_test_read_file (wal_path);
  g_assert_false (lw_test_bytes_contain (db, "CANARY-reason"));
  g_assert_false (wal && lw_test_bytes_contain (wal, "CANARY-reason"));

  entries = lw_audit_list (f->store, &error);
  g_assert_no_error (error);
  last = g_ptr_array_index (entries, entries->len - 1);
  g_assert_cmpstr (last->note, ==, "CANARY-reason-Jane-Roe-asked");
  g_assert_null (strstr (last->detail, "CANARY"));
  g_assert_true (lw_audit_verify (f->store, NULL, &error));
  g_assert_no_error (error);

  /* a note moved to another entry does not open there, and the chain says so */
  g_clear_pointer (&f->store, lw_store_free);
  lw_test_raw_exec (f->path, "UPDATE audit SET note = (SELECT note FROM audit WHERE note IS NOT NULL) WHERE seq = 1");
  reopen (f);
  g_clear_pointer (&entries, g_ptr_array_unref);
  entries = lw_audit_list (f->store, &error);
  g_assert_no_error (error);
  g_assert_null (((LwAuditEntry *) g_ptr_array_index (entries, 0))->note);
  g_assert_true (((LwAuditEntry *) g_ptr_array_index (entries, 0))->note_damaged);
  g_assert_false (lw_audit_verify (f->store, NULL, &error));
  g_assert_error (error, LW_ERROR, LW_ERROR_AUDIT);
  g_assert_nonnull (strstr (error->message, "entry 1"));
  g_clear_error (&error);

  /* a reason removed from its entry is noticed too: the chained detail says
   * one is sealed beside it */
  g_clear_pointer (&f->store, lw_store_free);
  lw_test_raw_exec (f->path, "UPDATE audit SET note = NULL");
  reopen (f);
  g_assert_false (lw_audit_verify (f->store, NULL, &error));
  g_assert_error (error, LW_ERROR, LW_ERROR_AUDIT);
  g_assert_nonnull (strstr (error->message, "reason was removed"));
}

/* ----------------------------------------------------------------------------
 * Reads that open only what they need
 */

#define RFIELD(rec, col, T) ((T *) (gpointer) ((guint8 *) (rec) + (col)->offset))

/* A column subset returns exactly those columns, as a full read has them, and
 * leaves every other column unset, for every column of every table. */
static void
test_list_columns_every_column (Fixture       *f,
                                gconstpointer  data)
{
  g_autoptr(GHashTable) ids = lw_test_fill_every_table (f->store, "c1");
  const LwTableInfo * const *tables;
  guint n_tables;

  tables = lw_store_tables (&n_tables);
  for (guint t = 0; t < n_tables; t++)
    {
      const LwTableInfo *table = tables[t];
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) full = lw_store_list (f->store, table, NULL, 0, &error);

      g_assert_no_error (error);
      g_assert_cmpuint (full->len, >=, 1);
      for (guint c = 0; c < table->n_columns; c++)
        {
          const char *names[] = { table->columns[c].name, NULL };
          g_autoptr(GPtrArray) part = lw_store_list_columns (f->store, table, names, NULL, 0, &error);

          g_assert_no_error (error);
          g_assert_cmpuint (part->len, ==, full->len);
          for (guint r = 0; r < part->len; r++)
            {
              LwRecord *a = g_ptr_array_index (full, r);
              LwRecord *b = g_ptr_array_index (part, r);

              g_assert_cmpint (a->id, ==, b->id);
              g_assert_cmpint (b->damaged, ==, 0);
              g_assert_cmpuint (b->unread, ==, ((G_GUINT64_CONSTANT (1) << table->n_columns) - 1) &
                                               ~(G_GUINT64_CONSTANT (1) << c));
              for (guint k = 0; k < table->n_columns; k++)
                {
                  const LwColumnInfo *column = &table->columns[k];
                  g_autofree char *va = lw_record_get_string (a, column);
                  g_autofree char *vb = lw_record_get_string (b, column);

                  if (k == c)
                    g_assert_cmpstr (vb, ==, va);
                  else if (column->type == LW_COLUMN_TEXT || column->type == LW_COLUMN_DATE)
                    g_assert_null (*RFIELD (b, column, char *));
                  else if (column->type == LW_COLUMN_REF || column->type == LW_COLUMN_INT ||
                           column->type == LW_COLUMN_TIME)
                    g_assert_cmpint (*RFIELD (b, column, gint64), ==, 0);
                }
            }
        }
    }
}

/* Unread columns are not opened: a value that does not open is not noticed
 * by a read that does not ask for it, and a partial record cannot be written
 * back over the columns it did not read. */
static void
test_list_columns_opens_only_those (Fixture       *f,
                                    gconstpointer  data)
{
  g_autoptr(GHashTable) ids = lw_test_fill_every_table (f->store, "o1");
  g_autoptr(GHashTable) ids2 = lw_test_fill_every_table (f->store, "o2");
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(LwParticipant) after = NULL;
  g_autofree char *sql = NULL;
  static const char * const some[] = { "code", "preferred_name", "status", NULL };
  static const char * const health[] = { "health_notes", NULL };
  LwId p1 = GPOINTER_TO_INT (g_hash_table_lookup (ids, "participant"));
  LwId p2 = GPOINTER_TO_INT (g_hash_table_lookup (ids2, "participant"));
  guint health_bit = lw_table_find_column (&lw_participant_table, "health_notes") - lw_participant_table.columns;

  /* p1's health notes moved from another column: they do not open */
  g_clear_pointer (&f->store, lw_store_free);
  sql = g_strdup_printf ("UPDATE participant SET health_notes = legal_name WHERE id = %" G_GINT64_FORMAT, p1);
  lw_test_raw_exec (f->path, sql);
  reopen (f);

  rows = lw_store_list_columns (f->store, &lw_participant_table, some, NULL, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 2);
  for (guint i = 0; i < rows->len; i++)
    {
      LwParticipant *p = g_ptr_array_index (rows, i);

      g_assert_cmpint (p->damaged, ==, 0);
      g_assert_nonnull (p->code);
      g_assert_true (g_str_has_prefix (p->preferred_name, "CANARY-participant-preferred_name-"));
      g_assert_null (p->legal_name);
      g_assert_null (p->health_notes);
      g_assert_null (p->substance_use);
      g_assert_cmpint (p->case_manager_id, ==, 0);
    }
  g_clear_pointer (&rows, g_ptr_array_unref);

  rows = lw_store_list_columns (f->store, &lw_participant_table, health, NULL, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 2);
  g_assert_cmpint (LW_RECORD (rows->pdata[0])->id, ==, p1);
  g_assert_cmpuint (LW_RECORD (rows->pdata[0])->damaged, ==, G_GUINT64_CONSTANT (1) << health_bit);
  g_assert_cmpuint (LW_RECORD (rows->pdata[1])->damaged, ==, 0);
  g_clear_pointer (&rows, g_ptr_array_unref);

  /* one row by id */
  rows = lw_store_list_columns (f->store, &lw_participant_table, some, "id", p2, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 1);
  g_assert_cmpstr (((LwParticipant *) rows->pdata[0])->preferred_name, ==, "CANARY-participant-preferred_name-o2");

  /* written back, a partial record would blank what it did not read */
  g_test_expect_message ("lw-record", G_LOG_LEVEL_CRITICAL, "*unread == 0*");
  g_assert_false (lw_store_update (f->store, rows->pdata[0], &error));
  g_test_assert_expected_messages ();
  after = lw_store_get (f->store, &lw_participant_table, p2, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (after->legal_name, ==, "CANARY-participant-legal_name-o2");
}

static LwId
add_participant (LwStore    *store,
                 const char *code)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LwParticipant) p = lw_participant_new ();

  p->code = g_strdup (code);
  p->legal_name = g_strdup ("Synthetic Person");
  p->status = LW_STATUS_ACTIVE;
  p->referral_route = LW_REFERRAL_SOCIAL_CONTACT;
  p->housing_status = LW_HOUSING_UNKNOWN;
  g_assert_true (lw_store_insert (store, p, &error));
  g_assert_no_error (error);
  return p->id;
}

/* Many participants' rows in one query: exactly theirs, in id order. */
static void
test_list_in (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GArray) many = g_array_new (FALSE, FALSE, sizeof (LwId));
  static const char * const columns[] = { "participant_id", "date", NULL };
  LwId pids[5];
  LwId wanted[3];

  for (guint i = 0; i < G_N_ELEMENTS (pids); i++)
    {
      g_autofree char *code = g_strdup_printf ("P-%u", i);

      pids[i] = add_participant (f->store, code);
      for (guint j = 0; j < 3; j++)
        {
          g_autoptr(LwContact) c = lw_contact_new ();

          c->participant_id = pids[i];
          c->date = g_strdup_printf ("2026-0%u-1%u", i + 1, j);
          c->kind = LW_CONTACT_PHONE;
          c->note = g_strdup ("CANARY-contact-note-in");
          g_assert_true (lw_store_insert (f->store, c, &error));
        }
    }

  /* two participants and an id that is nobody's */
  wanted[0] = pids[3];
  wanted[1] = pids[1];
  wanted[2] = 9999;
  rows = lw_store_list_in (f->store, &lw_contact_table, columns, "participant_id", wanted, 3, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 6);
  for (guint i = 0; i < rows->len; i++)
    {
      LwContact *c = g_ptr_array_index (rows, i);

      g_assert_true (c->participant_id == pids[1] || c->participant_id == pids[3]);
      g_assert_nonnull (c->date);
      g_assert_null (c->note);
      if (i > 0)
        g_assert_cmpint (c->id, >, LW_RECORD (rows->pdata[i - 1])->id);
    }
  g_clear_pointer (&rows, g_ptr_array_unref);

  /* none */
  rows = lw_store_list_in (f->store, &lw_contact_table, columns, "participant_id", NULL, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 0);
  g_clear_pointer (&rows, g_ptr_array_unref);

  /* by id, and many ids at once */
  for (LwId id = 1; id <= 3000; id++)
    g_array_append_val (many, id);
  rows = lw_store_list_in (f->store, &lw_participant_table, NULL, "id", (LwId *) many->data, many->len, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, G_N_ELEMENTS (pids));
  g_assert_cmpstr (((LwParticipant *) rows->pdata[4])->legal_name, ==, "Synthetic Person");
}

/* The matrix and the treatment programs are read once and again after any
 * change: this connection's, one rolled back, another program's. */
static void
test_policy_cache (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LwStore) other = NULL;
  g_auto(GStrv) agencies = NULL;
  guint64 before;

  g_assert_cmpint (lw_policy_get_cell (f->store, LW_ROLE_PROJECT_MANAGER, LW_CATEGORY_HEALTH), ==, LW_LEVEL_SUMMARY);
  before = lw_store_get_change_count (f->store, NULL);
  g_assert_cmpuint (lw_store_get_change_count (f->store, NULL), ==, before);
  add_participant (f->store, "P-cache");
  g_assert_cmpuint (lw_store_get_change_count (f->store, NULL), >, before);
  /* a write of one table moves its count, not another's; an audit entry
   * moves none */
  before = lw_store_get_change_count (f->store, &lw_action_item_table);
  add_participant (f->store, "P-cache-2");
  g_assert_true (lw_audit_append (f->store, LW_AUDIT_VIEW, "a view", &error));
  g_assert_cmpuint (lw_store_get_change_count (f->store, &lw_action_item_table), ==, before);
  {
    g_autoptr(LwActionItem) a = lw_action_item_new ();
    g_autoptr(LwPerson) owner = lw_person_new ();

    owner->name = g_strdup ("Synthetic Owner");
    owner->role = LW_ROLE_CASE_MANAGER;
    g_assert_true (lw_store_insert (f->store, owner, &error));
    a->text = g_strdup ("Synthetic action");
    a->owner_id = owner->id;
    a->status = LW_ACTION_OPEN;
    g_assert_true (lw_store_insert (f->store, a, &error));
    g_assert_cmpuint (lw_store_get_change_count (f->store, &lw_action_item_table), >, before);
    /* a delete cascades: every table's count moves */
    before = lw_store_get_change_count (f->store, &lw_action_item_table);
    g_assert_true (lw_store_delete (f->store, &lw_person_table, owner->id, &error));
    g_assert_cmpuint (lw_store_get_change_count (f->store, &lw_action_item_table), >, before);
  }

  /* this connection, then rolled back */
  g_assert_true (lw_store_begin (f->store, &error));
  g_assert_true (lw_policy_set (f->store, LW_ROLE_PROJECT_MANAGER, LW_CATEGORY_HEALTH, LW_LEVEL_FULL,
                                "cache test", &error));
  g_assert_no_error (error);
  g_assert_cmpint (lw_policy_get_cell (f->store, LW_ROLE_PROJECT_MANAGER, LW_CATEGORY_HEALTH), ==, LW_LEVEL_FULL);
  lw_store_rollback (f->store);
  g_assert_cmpint (lw_policy_get_cell (f->store, LW_ROLE_PROJECT_MANAGER, LW_CATEGORY_HEALTH), ==, LW_LEVEL_SUMMARY);

  /* another connection to the same file */
  other = lw_store_open (f->path, &error);
  g_assert_no_error (error);
  g_assert_true (lw_store_unlock (other, LW_TEST_PASSPHRASE, strlen (LW_TEST_PASSPHRASE), &error));
  g_assert_true (lw_policy_set (other, LW_ROLE_PROJECT_MANAGER, LW_CATEGORY_HEALTH, LW_LEVEL_NONE,
                                "cache test", &error));
  g_assert_true (lw_policy_set_agency_part2 (other, "Harbor Detox", TRUE, "cache test", &error));
  g_assert_no_error (error);
  g_assert_cmpint (lw_policy_get_cell (f->store, LW_ROLE_PROJECT_MANAGER, LW_CATEGORY_HEALTH), ==, LW_LEVEL_NONE);
  agencies = lw_policy_get_part2_agencies (f->store);
  g_assert_cmpuint (g_strv_length (agencies), ==, 1);
  g_assert_cmpstr (agencies[0], ==, "Harbor Detox");
}

typedef struct
{
  LwStore *reader;
  guint    n_rows;
  char    *first_name;
  GError  *write_error;
} ReaderJob;

static gpointer
reader_thread (gpointer data)
{
  ReaderJob *job = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = lw_store_list (job->reader, &lw_participant_table, NULL, 0, &error);
  g_autoptr(LwParticipant) p = lw_participant_new ();

  g_assert_no_error (error);
  job->n_rows = rows->len;
  job->first_name = g_strdup (((LwParticipant *) rows->pdata[0])->legal_name);
  p->code = g_strdup ("P-reader");
  p->legal_name = g_strdup ("Never written");
  p->status = LW_STATUS_ACTIVE;
  p->referral_route = LW_REFERRAL_SOCIAL_CONTACT;
  p->housing_status = LW_HOUSING_UNKNOWN;
  g_assert_false (lw_store_insert (job->reader, p, &job->write_error));
  g_clear_pointer (&job->reader, lw_store_free);
  return NULL;
}

/* The list's codes come from the code's index, in byte order, with their ids;
 * the same as every participant read and sorted; none while locked. */
static void
test_list_codes (Fixture       *f,
                 gconstpointer  data)
{
  static const char * const codes[] = { "P-0010", "P-0009", "P-1000", "Q-0001", "P-0100", "p-0002" };
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GPtrArray) listed = NULL;
  g_autoptr(GPtrArray) rows = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (codes); i++)
    add_participant (f->store, codes[i]);
  g_assert_true (lw_store_list_codes (f->store, &ids, &listed, &error));
  g_assert_no_error (error);
  rows = lw_store_list (f->store, &lw_participant_table, NULL, 0, &error);
  g_assert_cmpuint (ids->len, ==, rows->len);
  g_assert_cmpuint (listed->len, ==, rows->len);
  for (guint i = 0; i < listed->len; i++)
    {
      LwParticipant *p = NULL;

      if (i > 0)
        g_assert_cmpint (strcmp (listed->pdata[i - 1], listed->pdata[i]), <, 0);
      /* each code with its own participant's id */
      for (guint j = 0; j < rows->len; j++)
        if (((LwParticipant *) rows->pdata[j])->id == g_array_index (ids, LwId, i))
          p = rows->pdata[j];
      g_assert_nonnull (p);
      g_assert_cmpstr (p->code, ==, listed->pdata[i]);
    }
  g_assert_cmpstr (listed->pdata[0], ==, "P-0009");
  g_assert_cmpstr (listed->pdata[listed->len - 1], ==, "p-0002");

  g_clear_pointer (&ids, g_array_unref);
  g_clear_pointer (&listed, g_ptr_array_unref);
  lw_store_lock (f->store);
  g_assert_false (lw_store_list_codes (f->store, &ids, &listed, &error));
  g_assert_error (error, LW_ERROR, LW_ERROR_LOCKED);
  g_assert_null (ids);
  g_assert_null (listed);
}

/* A reader for a worker thread: its own connection and keys, never a writer,
 * and it sees what was committed before each of its reads. */
static void
test_reader (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GHashTable) ids = lw_test_fill_every_table (f->store, "r1");
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  ReaderJob job = { 0 };
  GThread *thread;

  job.reader = lw_store_open_reader (f->store, &error);
  g_assert_no_error (error);
  /* committed after the reader opened: seen by its first read */
  add_participant (f->store, "P-later");
  thread = g_thread_new ("reader", reader_thread, &job);
  g_thread_join (thread);
  g_assert_cmpuint (job.n_rows, ==, 2);
  g_assert_cmpstr (job.first_name, ==, "CANARY-participant-legal_name-r1");
  g_assert_error (job.write_error, LW_ERROR, LW_ERROR_READ_ONLY);
  g_clear_error (&job.write_error);
  g_free (job.first_name);

  rows = lw_store_list (f->store, &lw_participant_table, NULL, 0, &error);
  g_assert_cmpuint (rows->len, ==, 2);

  lw_store_lock (f->store);
  g_assert_null (lw_store_open_reader (f->store, &error));
  g_assert_error (error, LW_ERROR, LW_ERROR_LOCKED);
}

static void
test_bad_files (void)
{
  g_autofree char *dir = lw_test_tmpdir ();
  g_autofree char *missing = g_build_filename (dir, "missing.lwdb", NULL);
  g_autofree char *text = g_build_filename (dir, "notes.txt", NULL);
  g_autofree char *empty = g_build_filename (dir, "empty.lwdb", NULL);
  g_autofree char *foreign = g_build_filename (dir, "foreign.sqlite", NULL);
  g_autofree char *truncated = g_build_filename (dir, "truncated.lwdb", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) whole = NULL;
  LwStore *store;

  g_assert_null (lw_store_open (missing, &error));
  g_assert_error (error, LW_ERROR, LW_ERROR_NOT_A_DATABASE);
  g_assert_nonnull (strstr (error->message, "does not exist"));
  g_clear_error (&error);
  g_assert_false (g_file_test (missing, G_FILE_TEST_EXISTS));

  g_file_set_contents (text, "these are not the minutes you are looking for\n", -1, NULL);
  g_assert_null (lw_store_open (text, &error));
  g_assert_error (error, LW_ERROR, LW_ERROR_NOT_A_DATABASE);
  g_clear_error (&error);

  g_file_set_contents (empty, "", 0, NULL);
  g_assert_null (lw_store_open (empty, &error));
  g_assert_error (error, LW_ERROR, LW_ERROR_NOT_A_DATABASE);
  g_clear_error (&error);

  lw_test_raw_exec (foreign, "CREATE TABLE t (x); INSERT INTO t VALUES (1);");
  g_assert_null (lw_store_open (foreign, &error));
  g_assert_error (error, LW_ERROR, LW_ERROR_NOT_A_DATABASE);
  g_assert_nonnull (strstr (error->message, "another program"));
  g_clear_error (&error);

  /* a real program file cut in half */
  store = lw_test_store_new (dir, "whole.lwdb");
  lw_test_fill_every_table (store, "cut");
  {
    g_autofree char *p = g_strdup (lw_store_get_path (store));
    lw_store_free (store);
    whole = lw_test_read_file (p);
  }
  g_file_set_contents (truncated, g_bytes_get_data (whole, NULL), g_bytes_get_size (whole) / 2, NULL);
  store = lw_store_open (truncated, &error);
  if (store != NULL)
    {
      /* SQLite may open a short file; using it must fail cleanly */
      g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
      if (lw_store_unlock (store, LW_TEST_PASSPHRASE, strlen (LW_TEST_PASSPHRASE), &error))
        {
          g_assert_true (lw_store_check (store, problems, NULL));
          g_assert_cmpuint (problems->len, >, 0);
        }
      lw_store_free (store);
    }
  g_assert_nonnull (error);
  g_clear_error (&error);

  /* creating over an existing file is refused and leaves it alone */
  g_assert_null (lw_store_create (text, "x", 1, &error));
  g_assert_error (error, LW_ERROR, LW_ERROR_EXISTS);
  g_clear_error (&error);
  {
    g_autofree char *contents = NULL;
    g_file_get_contents (text, &contents, NULL, NULL);
    g_assert_cmpstr (contents, ==, "these are not the minutes you are looking for\n");
  }

  lw_test_tmpdir_remove (dir);
}

static void
test_too_new (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GBytes) after = NULL;

  g_clear_pointer (&f->store, lw_store_free);
  lw_test_raw_exec (f->path, "PRAGMA user_version = 99");
  before = lw_test_read_file (f->path);
  g_assert_null (lw_store_open (f->path, &error));
  g_assert_error (error, LW_ERROR, LW_ERROR_TOO_NEW);
  g_assert_nonnull (strstr (error->message, "newer version"));
  after = lw_test_read_file (f->path);
  g_assert_true (g_bytes_equal (before, after));
}

/* A file the user may not write: root may write anything, so the check runs in a
 * child that gives up root. */
static void
test_read_only (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GBytes) after = NULL;
  pid_t pid;
  int status = 0;

  g_clear_pointer (&f->store, lw_store_free);
  g_assert_cmpint (g_chmod (f->path, 0444), ==, 0);
  g_assert_cmpint (g_chmod (f->dir, 0755), ==, 0);
  before = lw_test_read_file (f->path);

  pid = fork ();
  g_assert_cmpint (pid, >=, 0);
  if (pid == 0)
    {
      g_autoptr(GError) error = NULL;
      LwStore *store;

      if (geteuid () == 0 && (setgid (65534) != 0 || setuid (65534) != 0))
        _exit (3);
      /* reading never needs writing: it opens read-only and unlocks */
      store = lw_store_open (f->path, &error);
      if (store == NULL)
        _exit (5);
      if (lw_store_get_read_only_reason (store) == NULL)
        _exit (6);
      if (!lw_store_unlock (store, LW_TEST_PASSPHRASE, strlen (LW_TEST_PASSPHRASE), &error))
        _exit (4);
      /* and a write is refused, saying why */
      if (lw_store_set_setting (store, "synthetic", "value", &error))
        _exit (7);
      _exit (error != NULL && error->code == LW_ERROR_READ_ONLY &&
             strstr (error->message, "read-only") != NULL ? 0 : 8);
    }
  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
  g_assert_true (WIFEXITED (status));
  g_assert_cmpint (WEXITSTATUS (status), ==, 0);
  after = lw_test_read_file (f->path);
  g_assert_true (g_bytes_equal (before, after));
  g_chmod (f->path, 0600);
}

/* A full disk: SQLite reports SQLITE_FULL when the file may not grow, which is what
 * max_page_count imposes; earlier data stays and nothing half-written appears. */
static void
test_disk_full (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  sqlite3 *db;
  int saved = 0;

  lw_test_fill_every_table (f->store, "full");
  g_clear_pointer (&f->store, lw_store_free);
  reopen (f);

  /* let the file grow by a few pages only */
  {
    extern sqlite3 *_lw_store_get_db (LwStore *store);
    db = _lw_store_get_db (f->store);
  }
  g_assert_cmpint (sqlite3_exec (db, "PRAGMA max_page_count = 40", NULL, NULL, NULL), ==, SQLITE_OK);

  for (int i = 0; i < 5000; i++)
    {
      g_autoptr(LwContact) c = lw_contact_new ();
      c->participant_id = 1;
      c->date = g_strdup ("2026-01-01");
      c->note = g_strnfill (400, 'x');
      if (!lw_store_insert (f->store, c, &error))
        break;
      saved++;
    }
  g_assert_error (error, LW_ERROR, LW_ERROR_DISK_FULL);
  g_assert_nonnull (strstr (error->message, "full"));
  g_clear_error (&error);

  reopen (f);
  {
    g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
    check_problems (f->store, problems);
    g_assert_cmpuint (problems->len, ==, 0);
  }
  /* every contact reported saved is there, and no more */
  g_assert_cmpint (lw_store_count (f->store, &lw_contact_table, NULL), ==, saved + 1);
}

/* The schema the migrations create matches the model's descriptions. */
static void
test_schema_matches_model (Fixture       *f,
                           gconstpointer  data)
{
  const LwTableInfo * const *tables;
  guint n_tables;
  sqlite3 *db = NULL;

  g_clear_pointer (&f->store, lw_store_free);
  g_assert_cmpint (sqlite3_open (f->path, &db), ==, SQLITE_OK);
  tables = lw_store_tables (&n_tables);
  for (guint i = 0; i < n_tables; i++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT name, type FROM pragma_table_info('%s') WHERE name != 'id'", tables[i]->name);
      sqlite3_stmt *stmt = NULL;
      guint n = 0;

      g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        {
          const LwColumnInfo *column = lw_table_find_column (tables[i], (const char *) sqlite3_column_text (stmt, 0));
          const char *type = (const char *) sqlite3_column_text (stmt, 1);

          g_assert_nonnull (column);
          if (column->category != LW_CATEGORY_NONE)
            g_assert_cmpstr (type, ==, "BLOB");
          else
            g_assert_cmpstr (type, !=, "BLOB");
          n++;
        }
      sqlite3_finalize (stmt);
      g_assert_cmpuint (n, ==, tables[i]->n_columns);
    }
  sqlite3_close (db);
}

/* Sealing binds the value to its place, and the key derivation uses the real
 * MODERATE limits unless the test-only setting says otherwise. */
static void
test_vault_binding (void)
{
  g_autoptr(GError) error = NULL;
  LwVaultHeader header;
  LwVault *vault = lw_vault_create ("p", 1, &header, &error);
  guint8 *sealed, *opened;
  gsize len, out_len;

  g_assert_no_error (error);
  sealed = lw_vault_seal (vault, "participant", "legal_name", 7, "secret", 6, &len);
  g_assert_cmpuint (len, ==, 6 + 29 + 16);
  opened = lw_vault_open (vault, "participant", "legal_name", 7, sealed, len, &out_len, &error);
  g_assert_no_error (error);
  g_assert_cmpmem (opened, out_len, "secret", 6);
  g_free (opened);
  g_assert_null (lw_vault_open (vault, "participant", "legal_name", 8, sealed, len, NULL, &error));
  g_assert_error (error, LW_ERROR, LW_ERROR_TAMPERED);
  g_clear_error (&error);
  g_assert_null (lw_vault_open (vault, "participant", "aliases", 7, sealed, len, NULL, &error));
  g_assert_error (error, LW_ERROR, LW_ERROR_TAMPERED);
  g_clear_error (&error);
  g_assert_null (lw_vault_open (vault, "contact", "legal_name", 7, sealed, len, NULL, &error));
  g_assert_error (error, LW_ERROR, LW_ERROR_TAMPERED);
  g_clear_error (&error);
  /* two seals of the same value differ (fresh nonce) */
  {
    gsize len2;
    guint8 *again = lw_vault_seal (vault, "participant", "legal_name", 7, "secret", 6, &len2);
    g_assert_false (len == len2 && memcmp (sealed, again, len) == 0);
    g_free (again);
  }
  g_free (sealed);
  lw_vault_free (vault);
}

static void
test_real_kdf_limits (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *saved = g_strdup (g_getenv ("LEAD_WORKGROUP_TEST_WEAK_KDF"));
  LwVaultHeader header;
  LwVault *vault, *again;
  guint64 ops, mem;
  gint64 start, elapsed;

  g_unsetenv ("LEAD_WORKGROUP_TEST_WEAK_KDF");
  lw_vault_default_limits (&ops, &mem);
  g_assert_cmpuint (ops, ==, crypto_pwhash_OPSLIMIT_MODERATE);
  g_assert_cmpuint (mem, ==, crypto_pwhash_MEMLIMIT_MODERATE);

  vault = lw_vault_create ("real limits", 11, &header, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (header.opslimit, ==, crypto_pwhash_OPSLIMIT_MODERATE);
  g_assert_cmpuint (header.memlimit, ==, crypto_pwhash_MEMLIMIT_MODERATE);

  /* the limits come from the header, whatever the environment says now */
  g_setenv ("LEAD_WORKGROUP_TEST_WEAK_KDF", "1", TRUE);
  start = g_get_monotonic_time ();
  again = lw_vault_unlock (&header, "real limits", 11, &error);
  elapsed = g_get_monotonic_time () - start;
  g_assert_no_error (error);
  g_test_message ("unlock with MODERATE limits took %.3f s", elapsed / 1e6);
  g_assert_null (lw_vault_unlock (&header, "real limitz", 11, &error));
  g_assert_error (error, LW_ERROR, LW_ERROR_WRONG_PASSPHRASE);

  lw_vault_free (vault);
  lw_vault_free (again);
  if (saved)
    g_setenv ("LEAD_WORKGROUP_TEST_WEAK_KDF", saved, TRUE);
  else
    g_unsetenv ("LEAD_WORKGROUP_TEST_WEAK_KDF");
}

static void
test_dates (void)
{
  g_autofree char *plus = lw_date_add_days ("2026-02-27", 2);

  g_assert_true (lw_date_is_valid ("2024-02-29"));
  g_assert_false (lw_date_is_valid ("2026-02-29"));
  g_assert_false (lw_date_is_valid ("2026-2-01"));
  g_assert_false (lw_date_is_valid ("2026-01-01x"));
  g_assert_false (lw_date_is_valid ("yesterday"));
  g_assert_false (lw_date_is_valid (NULL));
  g_assert_cmpstr (plus, ==, "2026-03-01");
  g_assert_cmpint (lw_date_diff_days ("2026-11-24", "2026-12-08"), ==, 14);
}

typedef struct
{
  GPtrArray *listed;   /* the same rows, listed whole */
  guint      n;        /* rows given so far */
} EachSeen;

static void
each_same_cb (gconstpointer record,
              gpointer      user_data)
{
  EachSeen *seen = user_data;
  const LwContact *c = record;
  const LwContact *listed;

  g_assert_cmpuint (seen->n, <, seen->listed->len);
  listed = g_ptr_array_index (seen->listed, seen->n);
  g_assert_cmpint (c->id, ==, listed->id);
  g_assert_cmpint (c->participant_id, ==, listed->participant_id);
  g_assert_cmpstr (c->date, ==, listed->date);
  g_assert_cmpstr (c->note, ==, listed->note);
  g_assert_cmpint (c->damaged, ==, listed->damaged);
  seen->n++;
}

/* A table longer than the rows read and opened at a time (4,096): every row
 * once, in order, each with its own values, and a value that does not open
 * marks its own row only, wherever it falls. */
static void
test_list_long (Fixture       *f,
                gconstpointer  data)
{
  enum { N = 2 * 4096 + 5 };
  static const char * const columns[] = { "participant_id", "date", "note", NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autofree LwId *ids = g_new (LwId, N);
  LwId pid = add_participant (f->store, "P-long");
  /* one at the end of the first run of rows, one at the start of the next */
  const guint damaged[] = { 4095, 4096, N - 1 };

  g_assert_true (lw_store_begin (f->store, &error));
  for (guint i = 0; i < N; i++)
    {
      g_autoptr(LwContact) c = lw_contact_new ();

      c->participant_id = pid;
      c->date = g_strdup_printf ("2026-%02u-%02u", 1 + i % 12, 1 + i % 28);
      c->kind = LW_CONTACT_PHONE;
      c->note = g_strdup_printf ("CANARY-long-%u", i);
      g_assert_true (lw_store_insert (f->store, c, &error));
      ids[i] = c->id;
    }
  g_assert_true (lw_store_commit (f->store, &error));
  g_clear_pointer (&f->store, lw_store_free);
  {
    sqlite3 *db = NULL;

    g_assert_cmpint (sqlite3_open (f->path, &db), ==, SQLITE_OK);
    for (guint k = 0; k < G_N_ELEMENTS (damaged); k++)
      {
        g_autofree char *sql = g_strdup_printf ("UPDATE contact SET note = CAST (x'00' || substr (note, 2) AS BLOB) "
                                                "WHERE id = %" G_GINT64_FORMAT, ids[damaged[k]]);

        g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
        g_assert_cmpint (sqlite3_changes (db), ==, 1);
      }
    sqlite3_close (db);
  }
  reopen (f);

  rows = lw_store_list_columns (f->store, &lw_contact_table, columns, NULL, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, N);
  for (guint i = 0; i < N; i++)
    {
      LwContact *c = g_ptr_array_index (rows, i);
      g_autofree char *note = g_strdup_printf ("CANARY-long-%u", i);
      g_autofree char *date = g_strdup_printf ("2026-%02u-%02u", 1 + i % 12, 1 + i % 28);
      gboolean is_damaged = i == damaged[0] || i == damaged[1] || i == damaged[2];

      g_assert_cmpint (c->id, ==, ids[i]);
      g_assert_cmpint (c->participant_id, ==, pid);
      g_assert_cmpstr (c->date, ==, date);
      if (is_damaged)
        {
          g_assert_null (c->note);
          g_assert_cmpint (c->damaged, !=, 0);
        }
      else
        {
          g_assert_cmpstr (c->note, ==, note);
          g_assert_cmpint (c->damaged, ==, 0);
        }
    }

  /* streamed a chunk at a time: the same rows, in the same order, each once */
  {
    EachSeen seen = { rows, 0 };

    g_assert_true (_lw_store_each_columns (f->store, &lw_contact_table, columns, each_same_cb, &seen, &error));
    g_assert_no_error (error);
    g_assert_cmpuint (seen.n, ==, N);
  }
  /* locked: nothing given, and an error that says so */
  lw_store_lock (f->store);
  {
    EachSeen seen = { rows, 0 };

    g_assert_false (_lw_store_each_columns (f->store, &lw_contact_table, columns, each_same_cb, &seen, &error));
    g_assert_error (error, LW_ERROR, LW_ERROR_LOCKED);
    g_assert_cmpuint (seen.n, ==, 0);
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_assert_true (lw_vault_init (NULL));

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/lw/store/roundtrip-every-table", test_roundtrip_every_table);
  ADD ("/lw/store/list-and-find", test_list_and_find);
  ADD ("/lw/store/validation", test_validation);
  ADD ("/lw/store/transactions", test_transactions);
  ADD ("/lw/store/wrong-passphrase-changes-nothing", test_wrong_passphrase);
  ADD ("/lw/store/lock", test_lock_wipes);
  ADD ("/lw/store/passphrase-change", test_passphrase_change);
  ADD ("/lw/store/tampered-byte", test_tampered_byte);
  ADD ("/lw/store/moved-value", test_moved_value);
  ADD ("/lw/store/audit-tamper", test_audit_tamper);
  ADD ("/lw/store/audit-truncate", test_audit_truncate);
  ADD ("/lw/store/no-plaintext-at-rest", test_no_plaintext_at_rest);
  ADD ("/lw/store/too-new", test_too_new);
  ADD ("/lw/store/read-only", test_read_only);
  ADD ("/lw/store/disk-full", test_disk_full);
  ADD ("/lw/store/schema-matches-model", test_schema_matches_model);
  ADD ("/lw/store/legacy-columns-sealed", test_legacy_columns_sealed);
  ADD ("/lw/store/audit-reason-sealed", test_audit_reason_sealed);
  ADD ("/lw/store/list-columns/every-column", test_list_columns_every_column);
  ADD ("/lw/store/list-columns/opens-only-those", test_list_columns_opens_only_those);
  ADD ("/lw/store/list-in", test_list_in);
  ADD ("/lw/store/list-long", test_list_long);
  ADD ("/lw/store/policy-cache", test_policy_cache);
  ADD ("/lw/store/reader", test_reader);
  ADD ("/lw/store/list-codes", test_list_codes);
#undef ADD
  g_test_add_func ("/lw/store/bad-files", test_bad_files);
  g_test_add_func ("/lw/vault/binding", test_vault_binding);
  g_test_add_func ("/lw/vault/real-kdf-limits", test_real_kdf_limits);
  g_test_add_func ("/lw/types/dates", test_dates);

  return g_test_run ();
}
