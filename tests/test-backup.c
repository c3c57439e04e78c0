/* test-backup.c: backup while another process writes; restore only of a backup
 * that unlocks and passes the check, the current file untouched otherwise
 *
 * Run with "--writer DB STOPFILE" the program is the writer: it inserts
 * participants, each in its own transaction, until STOPFILE exists.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>
#include <sys/stat.h>

#include "lw/lw-audit.h"
#include "lw/lw-backup.h"
#include "lw/lw-demo.h"
#include "lw/lw-error.h"
#include "lw/lw-model.h"
#include "lw/lw-vault.h"
#include "lw-test-util.h"

#define TAG "bk"

typedef struct
{
  char    *dir;
  char    *db;
  char    *backup;
  LwStore *store;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) ids = NULL;

  f->dir = lw_test_tmpdir ();
  f->store = lw_test_store_new (f->dir, "program.lwdb");
  f->db = g_strdup (lw_store_get_path (f->store));
  f->backup = g_build_filename (f->dir, "backup.lwdb", NULL);
  lw_demo_generate (f->store, 12, 3, &error);
  g_assert_no_error (error);
  ids = lw_test_fill_every_table (f->store, TAG);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_pointer (&f->store, lw_store_free);
  lw_test_tmpdir_remove (f->dir);
  g_free (f->dir);
  g_free (f->db);
  g_free (f->backup);
}

static LwStore *
open_unlocked (const char *path,
               const char *passphrase)
{
  g_autoptr(GError) error = NULL;
  LwStore *store = lw_store_open (path, &error);

  g_assert_no_error (error);
  lw_store_unlock (store, passphrase, strlen (passphrase), &error);
  g_assert_no_error (error);
  return store;
}

static void
assert_checks (LwStore *store)
{
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;

  g_assert_true (lw_store_check (store, problems, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (problems->len, ==, 0);
}

/* Every row of a is in b with the same values (b may have more). */
static void
assert_rows_in (LwStore *a,
                LwStore *b)
{
  const LwTableInfo * const *tables;
  guint n_tables;

  tables = lw_store_tables (&n_tables);
  for (guint t = 0; t < n_tables; t++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) rows = lw_store_list (a, tables[t], NULL, 0, &error);

      g_assert_no_error (error);
      for (guint i = 0; i < rows->len; i++)
        {
          LwRecord *row = g_ptr_array_index (rows, i);
          g_autoptr(GError) local = NULL;
          LwRecord *other = lw_store_get (b, tables[t], row->id, &local);

          g_assert_no_error (local);
          for (guint c = 0; c < tables[t]->n_columns; c++)
            {
              g_autofree char *x = lw_record_get_string (row, &tables[t]->columns[c]);
              g_autofree char *y = lw_record_get_string (other, &tables[t]->columns[c]);

              g_assert_cmpstr (x, ==, y);
            }
          lw_record_free (other);
        }
    }
}

static gboolean
audit_has (LwStore      *store,
           LwAuditEvent  event)
{
  g_autoptr(GPtrArray) entries = lw_audit_list (store, NULL);

  for (guint i = 0; entries && i < entries->len; i++)
    if (((LwAuditEntry *) g_ptr_array_index (entries, i))->event == event)
      return TRUE;
  return FALSE;
}

static guint
n_entries (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  guint n = 0;

  while (g_dir_read_name (d) != NULL)
    n++;
  return n;
}

/* ----------------------------------------------------------------------------
 * The writer in another process
 */

static int
writer_main (const char *db,
             const char *stop)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LwStore) store = NULL;
  gint64 deadline = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;

  if (!lw_vault_init (&error))
    return 3;
  store = lw_store_open (db, &error);
  if (store == NULL || !lw_store_unlock (store, LW_TEST_PASSPHRASE, strlen (LW_TEST_PASSPHRASE), &error))
    return 3;
  for (int i = 0; !g_file_test (stop, G_FILE_TEST_EXISTS); i++)
    {
      g_autoptr(LwParticipant) p = lw_participant_new ();

      if (g_get_monotonic_time () > deadline)
        return 4;
      p->code = g_strdup_printf ("W-%06d", i);
      p->legal_name = g_strdup_printf ("Synthetic Writer %d", i);
      p->substance_use = g_strdup_printf ("CANARY-writer-%d", i);
      p->referral_route = LW_REFERRAL_SOCIAL_CONTACT;
      p->status = LW_STATUS_REFERRED;
      p->housing_status = LW_HOUSING_UNKNOWN;
      /* each its own transaction, committed; a moment between them, as
       * people typing leave (a tight loop would starve every other writer) */
      if (!lw_store_insert (store, p, &error))
        return 5;
      g_usleep (2000);
    }
  return 0;
}

static gint64
count_participants (LwStore *store)
{
  g_autoptr(GError) error = NULL;
  gint64 n = lw_store_count (store, &lw_participant_table, &error);

  g_assert_no_error (error);
  return n;
}

static void
test_backup_while_writing (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSubprocess) writer = NULL;
  g_autoptr(LwStore) copy = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GPtrArray) canaries = lw_test_sealed_canaries (TAG);
  g_autofree char *stop = g_build_filename (f->dir, "stop", NULL);
  g_autofree char *self = g_file_read_link ("/proc/self/exe", NULL);
  gint64 start = count_participants (f->store);
  gint64 before, after, in_backup;
  gint64 deadline;
  GStatBuf st;

  g_assert_nonnull (self);
  writer = g_subprocess_new (G_SUBPROCESS_FLAGS_NONE, &error, self, "--writer", f->db, stop, NULL);
  g_assert_no_error (error);

  /* let it get going */
  deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;
  while (count_participants (f->store) < start + 20)
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_usleep (10000);
    }
  before = count_participants (f->store);
  g_assert_true (lw_backup_create (f->store, f->backup, &error));
  g_assert_no_error (error);
  after = count_participants (f->store);

  /* it went on writing during and after the backup */
  deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;
  while (count_participants (f->store) < after + 20)
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_usleep (10000);
    }
  g_assert_true (g_file_set_contents (stop, "", 0, NULL));
  g_subprocess_wait_check (writer, NULL, &error);
  g_assert_no_error (error);

  /* a private, encrypted, sound copy of one moment */
  g_assert_cmpint (g_stat (f->backup, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  bytes = lw_test_read_file (f->backup);
  for (guint i = 0; i < canaries->len; i++)
    g_assert_false (lw_test_bytes_contain (bytes, g_ptr_array_index (canaries, i)));
  g_assert_false (lw_test_bytes_contain (bytes, "CANARY-writer"));
  copy = open_unlocked (f->backup, LW_TEST_PASSPHRASE);
  assert_checks (copy);
  in_backup = count_participants (copy);
  g_assert_cmpint (in_backup, >=, before);
  g_assert_cmpint (in_backup, <=, after);
  assert_rows_in (copy, f->store);
  g_assert_true (audit_has (f->store, LW_AUDIT_BACKUP));
  g_test_message ("backup of %" G_GINT64_FORMAT " participants while a writer went from %"
                  G_GINT64_FORMAT " to %" G_GINT64_FORMAT, in_backup, before, after);
}

static void
test_backup_refused (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *nowhere = g_build_filename (f->dir, "no", "such", "backup.lwdb", NULL);
  guint n = n_entries (f->dir);

  g_assert_false (lw_backup_create (f->store, f->db, &error));
  g_assert_error (error, LW_ERROR, LW_ERROR_EXISTS);
  g_clear_error (&error);

  /* another program's live database is not overwritten */
  {
    g_autofree char *live = g_build_filename (f->dir, "live.lwdb", NULL);
    g_autofree char *live_wal = g_build_filename (f->dir, "live.lwdb-wal", NULL);
    g_autoptr(GBytes) before = NULL;
    g_autoptr(GBytes) after = NULL;

    g_assert_true (g_file_set_contents (live, "synthetic", -1, NULL));
    g_assert_true (g_file_set_contents (live_wal, "synthetic wal", -1, NULL));
    before = lw_test_read_file (live);
    g_assert_false (lw_backup_create (f->store, live, &error));
    g_assert_error (error, LW_ERROR, LW_ERROR_EXISTS);
    g_clear_error (&error);
    after = lw_test_read_file (live);
    g_assert_true (g_bytes_equal (before, after));
    g_assert_true (g_file_test (live_wal, G_FILE_TEST_EXISTS));
    n += 2;
  }

  g_assert_false (lw_backup_create (f->store, nowhere, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_cmpuint (n_entries (f->dir), ==, n);

  lw_store_lock (f->store);
  g_assert_false (lw_backup_create (f->store, f->backup, &error));
  g_assert_error (error, LW_ERROR, LW_ERROR_LOCKED);
  g_assert_false (g_file_test (f->backup, G_FILE_TEST_EXISTS));
}

/* ----------------------------------------------------------------------------
 * Restore
 */

static void
test_restore (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LwParticipant) later = lw_participant_new ();
  g_autoptr(LwStore) restored = NULL;
  g_autoptr(LwStore) backup = NULL;
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) missing = NULL;
  g_autoptr(LwParticipant) gone = NULL;
  gint64 n_backup;

  g_assert_true (lw_backup_create (f->store, f->backup, &error));
  g_assert_no_error (error);
  n_backup = count_participants (f->store);

  /* work done after the backup is what a restore takes back */
  later->code = g_strdup ("P-LATER");
  later->legal_name = g_strdup ("Synthetic Later");
  later->referral_route = LW_REFERRAL_COMMUNITY;
  later->status = LW_STATUS_REFERRED;
  later->housing_status = LW_HOUSING_UNKNOWN;
  lw_store_insert (f->store, later, &error);
  g_assert_no_error (error);
  g_clear_pointer (&f->store, lw_store_free);

  g_assert_true (lw_backup_restore (f->db, f->backup, LW_TEST_PASSPHRASE, strlen (LW_TEST_PASSPHRASE),
                                    problems, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (problems->len, ==, 0);

  restored = open_unlocked (f->db, LW_TEST_PASSPHRASE);
  assert_checks (restored);
  g_assert_cmpint (count_participants (restored), ==, n_backup);
  gone = lw_participant_find_by_code (restored, "P-LATER", &missing);
  g_assert_null (gone);
  g_assert_error (missing, LW_ERROR, LW_ERROR_NOT_FOUND);
  g_assert_true (audit_has (restored, LW_AUDIT_RESTORE));

  /* the same content as the backup, both ways */
  backup = open_unlocked (f->backup, LW_TEST_PASSPHRASE);
  assert_rows_in (backup, restored);
  assert_rows_in (restored, backup);

  /* nothing else left beside it: program, its side files, the backup's */
  {
    g_autoptr(GDir) d = g_dir_open (f->dir, 0, NULL);
    const char *name;

    while ((name = g_dir_read_name (d)) != NULL)
      g_assert_true (g_str_has_prefix (name, "program.lwdb") || g_str_has_prefix (name, "backup.lwdb"));
  }
}

/* Nothing in place yet: the restore creates the file. */
static void
test_restore_to_new_place (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *fresh = g_build_filename (f->dir, "fresh.lwdb", NULL);
  g_autoptr(LwStore) store = NULL;
  GStatBuf st;

  g_assert_true (lw_backup_create (f->store, f->backup, &error));
  g_assert_no_error (error);
  g_assert_true (lw_backup_restore (fresh, f->backup, LW_TEST_PASSPHRASE, strlen (LW_TEST_PASSPHRASE),
                                    NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_stat (fresh, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  store = open_unlocked (fresh, LW_TEST_PASSPHRASE);
  assert_checks (store);
  assert_rows_in (f->store, store);
}

static void
corrupt_copy (const char *from,
              const char *to,
              gsize       offset,
              gsize       len)
{
  g_autofree char *data = NULL;
  gsize size;

  g_assert_true (g_file_get_contents (from, &data, &size, NULL));
  g_assert_cmpuint (offset + len, <=, size);
  for (gsize i = offset; i < offset + len; i++)
    data[i] = (char) (data[i] ^ 0x5a);
  g_assert_true (g_file_set_contents (to, data, size, NULL));
}

/* Refused, with the current file unchanged byte for byte and no file left over. */
static void
assert_refused (Fixture    *f,
                const char *backup,
                const char *passphrase,
                int         code)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) before = lw_test_read_file (f->db);
  g_autoptr(GBytes) after = NULL;
  guint n = n_entries (f->dir);

  g_assert_nonnull (before);
  g_assert_false (lw_backup_restore (f->db, backup, passphrase, strlen (passphrase), NULL, &error));
  g_assert_error (error, LW_ERROR, code);
  g_assert_nonnull (strstr (error->message, "nothing was changed"));
  after = lw_test_read_file (f->db);
  g_assert_true (g_bytes_equal (before, after));
  g_assert_cmpuint (n_entries (f->dir), ==, n);
}

static void
test_restore_refused (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *corrupt = g_build_filename (f->dir, "corrupt.lwdb", NULL);
  g_autofree char *truncated = g_build_filename (f->dir, "truncated.lwdb", NULL);
  g_autofree char *tampered = g_build_filename (f->dir, "tampered.lwdb", NULL);
  g_autofree char *text = g_build_filename (f->dir, "notes.txt", NULL);
  g_autofree char *missing = g_build_filename (f->dir, "missing.lwdb", NULL);
  g_autoptr(GBytes) whole = NULL;
  sqlite3 *db = NULL;

  g_assert_true (lw_backup_create (f->store, f->backup, &error));
  g_assert_no_error (error);
  g_clear_pointer (&f->store, lw_store_free);

  /* the wrong passphrase */
  assert_refused (f, f->backup, "not the passphrase", LW_ERROR_WRONG_PASSPHRASE);

  /* damaged pages: the header page, then the middle of the file */
  corrupt_copy (f->backup, corrupt, 0, 100);
  assert_refused (f, corrupt, LW_TEST_PASSPHRASE, LW_ERROR_NOT_A_DATABASE);
  whole = lw_test_read_file (f->backup);
  corrupt_copy (f->backup, corrupt, g_bytes_get_size (whole) / 2, 4096);
  {
    g_autoptr(GError) local = NULL;
    g_autoptr(GBytes) before = lw_test_read_file (f->db);
    g_autoptr(GBytes) after = NULL;

    /* a damaged page is found by the check or refuses to open; either way refused */
    g_assert_false (lw_backup_restore (f->db, corrupt, LW_TEST_PASSPHRASE, strlen (LW_TEST_PASSPHRASE),
                                       NULL, &local));
    g_assert_nonnull (local);
    after = lw_test_read_file (f->db);
    g_assert_true (g_bytes_equal (before, after));
  }

  /* cut short */
  g_assert_true (g_file_set_contents (truncated, g_bytes_get_data (whole, NULL),
                                      g_bytes_get_size (whole) / 3, NULL));
  {
    g_autoptr(GError) local = NULL;
    g_autoptr(GBytes) before = lw_test_read_file (f->db);
    g_autoptr(GBytes) after = NULL;

    g_assert_false (lw_backup_restore (f->db, truncated, LW_TEST_PASSPHRASE, strlen (LW_TEST_PASSPHRASE),
                                       NULL, &local));
    g_assert_nonnull (local);
    after = lw_test_read_file (f->db);
    g_assert_true (g_bytes_equal (before, after));
  }

  /* a sound SQLite file whose sealed value was moved to another row */
  g_assert_true (g_file_set_contents (tampered, g_bytes_get_data (whole, NULL), g_bytes_get_size (whole), NULL));
  g_assert_cmpint (sqlite3_open (tampered, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "UPDATE participant SET legal_name = (SELECT legal_name FROM participant WHERE id = 2) WHERE id = 3",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  {
    g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
    g_autoptr(GError) local = NULL;
    g_autoptr(GBytes) before = lw_test_read_file (f->db);
    g_autoptr(GBytes) after = NULL;

    g_assert_false (lw_backup_restore (f->db, tampered, LW_TEST_PASSPHRASE, strlen (LW_TEST_PASSPHRASE),
                                       problems, &local));
    g_assert_error (local, LW_ERROR, LW_ERROR_TAMPERED);
    g_assert_cmpuint (problems->len, ==, 1);
    g_assert_nonnull (strstr (g_ptr_array_index (problems, 0), "table participant, row 3, column legal_name"));
    after = lw_test_read_file (f->db);
    g_assert_true (g_bytes_equal (before, after));
  }

  /* not a program file at all; no file; the program file itself */
  g_assert_true (g_file_set_contents (text, "synthetic notes, not a database\n", -1, NULL));
  assert_refused (f, text, LW_TEST_PASSPHRASE, LW_ERROR_NOT_A_DATABASE);
  assert_refused (f, missing, LW_TEST_PASSPHRASE, LW_ERROR_NOT_A_DATABASE);
  assert_refused (f, f->db, LW_TEST_PASSPHRASE, LW_ERROR_INVALID);

  /* and the current file still opens, checks and has its data */
  f->store = open_unlocked (f->db, LW_TEST_PASSPHRASE);
  assert_checks (f->store);
  g_assert_false (audit_has (f->store, LW_AUDIT_RESTORE));
}

/* Not while the file is open elsewhere. */
static void
test_restore_busy (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSubprocess) writer = NULL;
  g_autofree char *stop = g_build_filename (f->dir, "stop", NULL);
  g_autofree char *self = g_file_read_link ("/proc/self/exe", NULL);
  gint64 start = count_participants (f->store);
  gint64 deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;

  g_assert_true (lw_backup_create (f->store, f->backup, &error));
  g_assert_no_error (error);

  writer = g_subprocess_new (G_SUBPROCESS_FLAGS_NONE, &error, self, "--writer", f->db, stop, NULL);
  g_assert_no_error (error);
  while (count_participants (f->store) < start + 5)
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_usleep (10000);
    }
  g_clear_pointer (&f->store, lw_store_free);

  g_assert_false (lw_backup_restore (f->db, f->backup, LW_TEST_PASSPHRASE, strlen (LW_TEST_PASSPHRASE),
                                     NULL, &error));
  g_assert_error (error, LW_ERROR, LW_ERROR_FAILED);
  g_assert_nonnull (strstr (error->message, "open in another program"));
  g_clear_error (&error);

  g_assert_true (g_file_set_contents (stop, "", 0, NULL));
  g_subprocess_wait_check (writer, NULL, &error);
  g_assert_no_error (error);

  /* the writer's work is all there */
  f->store = open_unlocked (f->db, LW_TEST_PASSPHRASE);
  assert_checks (f->store);
  g_assert_cmpint (count_participants (f->store), >=, start + 5);
}

/* ----------------------------------------------------------------------------
 * The command line
 */

static int
run (const char  *pass_file,
     char       **out,
     char       **err,
     ...)
{
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                                                      G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocess) proc = NULL;
  g_autoptr(GError) error = NULL;
  const char *arg;
  va_list args;

  g_ptr_array_add (argv, (gpointer) g_getenv ("LW_BINARY"));
  g_assert_nonnull (argv->pdata[0]);
  va_start (args, err);
  while ((arg = va_arg (args, const char *)) != NULL)
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (args);
  g_ptr_array_add (argv, (gpointer) "--passphrase-file");
  g_ptr_array_add (argv, (gpointer) pass_file);
  g_ptr_array_add (argv, NULL);
  g_subprocess_launcher_unsetenv (launcher, "LEAD_WORKGROUP_PASSPHRASE");
  proc = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (proc, NULL, NULL, out, err, &error);
  g_assert_no_error (error);
  return g_subprocess_get_exit_status (proc);
}

static void
test_cli (Fixture       *f,
          gconstpointer  data)
{
  g_autofree char *good = g_build_filename (f->dir, "pass", NULL);
  g_autofree char *wrong = g_build_filename (f->dir, "wrong", NULL);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GBytes) after = NULL;
  int status;

  g_clear_pointer (&f->store, lw_store_free);
  g_assert_true (g_file_set_contents (good, LW_TEST_PASSPHRASE "\n", -1, NULL));
  g_assert_true (g_file_set_contents (wrong, "not it\n", -1, NULL));

  status = run (good, &out, &err, "backup", f->backup, "--database", f->db, NULL);
  g_assert_cmpint (status, ==, 0);
  g_assert_nonnull (strstr (out, "Backup written"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  status = run (good, &out, &err, "check", "--database", f->backup, NULL);
  g_assert_cmpint (status, ==, 0);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  before = lw_test_read_file (f->db);
  status = run (wrong, &out, &err, "restore", f->backup, "--database", f->db, NULL);
  g_assert_cmpint (status, ==, 1);
  g_assert_nonnull (strstr (err, "nothing was changed"));
  g_assert_null (strchr (err, '\n') == NULL ? NULL : strchr (strchr (err, '\n') + 1, '\n'));
  after = lw_test_read_file (f->db);
  g_assert_true (g_bytes_equal (before, after));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  status = run (good, &out, &err, "restore", f->backup, "--database", f->db, NULL);
  g_assert_cmpint (status, ==, 0);
  g_assert_nonnull (strstr (out, "Restored"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  status = run (good, &out, &err, "check", "--database", f->db, NULL);
  g_assert_cmpint (status, ==, 0);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  status = run (good, &out, &err, "backup", "--database", f->db, NULL);
  g_assert_cmpint (status, ==, 2);
}

int
main (int   argc,
      char *argv[])
{
  if (argc == 4 && g_strcmp0 (argv[1], "--writer") == 0)
    return writer_main (argv[2], argv[3]);

  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/lw/backup/while-writing", test_backup_while_writing);
  ADD ("/lw/backup/refused", test_backup_refused);
  ADD ("/lw/backup/restore", test_restore);
  ADD ("/lw/backup/restore-to-new-place", test_restore_to_new_place);
  ADD ("/lw/backup/restore-refused", test_restore_refused);
  ADD ("/lw/backup/restore-busy", test_restore_busy);
  ADD ("/lw/backup/cli", test_cli);
#undef ADD

  return g_test_run ();
}
