/* test-faults.c: damaged files, full disks, read-only media, lost output,
 * rollbacks and busy files, each met the way a user meets it: through the
 * command line, which must answer with one line and an exit status, never a
 * signal, a hang, a GLib critical or a silent success.
 *
 * Read-only media and full disks are real: a tmpfs mounted in a private mount
 * namespace (unshare); where that is not allowed those cases are skipped.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <fcntl.h>
#include <gio/gio.h>
#include <glib/gstdio.h>
#include <signal.h>
#include <sqlite3.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "lw/lw-store.h"
#include "lw/lw-vault.h"
#include "lw-test-util.h"

#define PASS LW_TEST_PASSPHRASE

typedef struct
{
  char *dir;
  char *db;
} Fixture;

static void
make_demo (const char *path)
{
  g_auto(LwTestResult) r = { 0 };

  lw_test_run (&r, PASS, "demo", "--participants", "8", "--database", path, NULL);
  g_assert_cmpint (r.status, ==, 0);
}

static void
fixture_set_up (Fixture      *f,
                gconstpointer data)
{
  f->dir = lw_test_tmpdir ();
  f->db = g_build_filename (f->dir, "program.lwdb", NULL);
  make_demo (f->db);
}

static void
fixture_tear_down (Fixture      *f,
                   gconstpointer data)
{
  lw_test_tmpdir_remove (f->dir);
  g_free (f->dir);
  g_free (f->db);
}

/* Flips one byte of a blob in every row of table (or only those of where). */
static void
flip_blob (const char *path,
           const char *table,
           const char *column,
           gsize       offset)
{
  g_autofree char *select = g_strdup_printf ("SELECT rowid, %s FROM %s WHERE %s IS NOT NULL", column, table, column);
  g_autofree char *update = g_strdup_printf ("UPDATE %s SET %s = ? WHERE rowid = ?", table, column);
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, select, -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      gsize len = sqlite3_column_bytes (stmt, 1);
      guint8 *copy = g_memdup2 (sqlite3_column_blob (stmt, 1), len);

      g_assert_cmpuint (offset, <, len);
      copy[offset] ^= 0x01;
      g_ptr_array_add (rows, g_bytes_new_take (copy, len));
      g_array_append_val (ids, id);
    }
  sqlite3_finalize (stmt);
  g_assert_cmpint (sqlite3_prepare_v2 (db, update, -1, &stmt, NULL), ==, SQLITE_OK);
  for (guint i = 0; i < rows->len; i++)
    {
      gsize len;
      const void *data = g_bytes_get_data (g_ptr_array_index (rows, i), &len);

      sqlite3_bind_blob (stmt, 1, data, len, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 2, g_array_index (ids, gint64, i));
      g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
      sqlite3_reset (stmt);
    }
  sqlite3_finalize (stmt);
  sqlite3_close (db);
}

static gint64
sql_int (const char *path,
         const char *query)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 ret = -1;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, query, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    ret = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return ret;
}

/* Lines of stderr that are not warnings. */
static guint
error_lines (const char *err)
{
  g_auto(GStrv) lines = g_strsplit (err, "\n", -1);
  guint n = 0;

  for (guint i = 0; lines[i] != NULL; i++)
    if (lines[i][0] != '\0' && strstr (lines[i], ": warning: ") == NULL)
      n++;
  return n;
}

/* A failure: status 1 and one line that says it, nothing from GLib or GTK. */
static void
assert_one_line_failure (const LwTestResult *r)
{
  if (r->status != 1 || error_lines (r->err) != 1)
    g_test_message ("status %d, stderr: %s", r->status, r->err);
  g_assert_cmpint (r->status, ==, 1);
  g_assert_cmpuint (error_lines (r->err), ==, 1);
  g_assert_true (g_str_has_prefix (r->err, "lead-workgroup "));
  g_assert_null (strstr (r->err, "CRITICAL"));
  g_assert_null (strstr (r->err, "WARNING"));
}

/* 1. An agenda item whose participant row is gone. */
static void
test_missing_participant (Fixture      *f,
                          gconstpointer data)
{
  g_auto(LwTestResult) show = { 0 };
  g_auto(LwTestResult) json = { 0 };
  g_auto(LwTestResult) check = { 0 };

  lw_test_raw_exec (f->db, "PRAGMA foreign_keys = OFF;"
                    "UPDATE agenda_item SET participant_id = 99999 WHERE participant_id IS NOT NULL;");
  lw_test_run (&show, PASS, "meeting", "show", "next", "--as", "community-representative",
               "--database", f->db, NULL);
  g_assert_cmpint (show.status, ==, 0);
  g_assert_nonnull (strstr (show.out, "Agenda:"));
  lw_test_run (&json, PASS, "meeting", "show", "next", "--json", "--database", f->db, NULL);
  g_assert_cmpint (json.status, ==, 0);
  lw_test_run (&check, PASS, "check", "--database", f->db, NULL);
  assert_one_line_failure (&check);
  g_assert_nonnull (strstr (check.out, "agenda_item"));
}

static GStrv
leftovers (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  g_autoptr(GStrvBuilder) b = g_strv_builder_new ();
  const char *name;

  while ((name = g_dir_read_name (d)) != NULL)
    if (name[0] == '.')
      g_strv_builder_add (b, name);
  return g_strv_builder_end (b);
}

/* 2. A killed init or demo leaves nothing, or a whole file. */
static void
test_killed_create (void)
{
  g_autofree char *dir = lw_test_tmpdir ();
  g_autofree char *db = g_build_filename (dir, "new.lwdb", NULL);
  const char *binary = g_getenv ("LW_BINARY");
  guint whole = 0, none = 0;

  for (guint i = 0; i < 16; i++)
    {
      g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE |
                                                                          G_SUBPROCESS_FLAGS_STDERR_SILENCE);
      g_autoptr(GSubprocess) proc = NULL;
      g_autoptr(GError) error = NULL;
      g_auto(LwTestResult) check = { 0 };
      g_auto(GStrv) left = NULL;

      g_subprocess_launcher_setenv (launcher, "LEAD_WORKGROUP_PASSPHRASE", PASS, TRUE);
      if (i % 2)
        proc = g_subprocess_launcher_spawn (launcher, &error, binary, "demo", "--participants", "20",
                                            "--database", db, NULL);
      else
        proc = g_subprocess_launcher_spawn (launcher, &error, binary, "init", "--database", db, NULL);
      g_assert_no_error (error);
      /* from before the first write to after the rename */
      g_usleep (g_test_rand_int_range (1000, i % 2 ? 400000 : 150000));
      g_subprocess_send_signal (proc, SIGKILL);
      g_subprocess_wait (proc, NULL, NULL);

      if (!g_file_test (db, G_FILE_TEST_EXISTS))
        {
          none++;
          /* and init may make it now; the debris goes at that start */
          lw_test_run (&check, PASS, "init", "--database", db, NULL);
          g_assert_cmpint (check.status, ==, 0);
        }
      else
        whole++;
      lw_test_result_clear (&check);
      lw_test_run (&check, PASS, "check", "--database", db, NULL);
      if (check.status != 0)
        g_test_message ("after kill %u: %s", i, check.err);
      g_assert_cmpint (check.status, ==, 0);
      left = leftovers (dir);
      g_assert_cmpuint (g_strv_length (left), ==, 0);
      g_unlink (db);
    }
  g_test_message ("%u kills left no file, %u a whole file", none, whole);
  lw_test_tmpdir_remove (dir);
}

/* The stored Argon2id limits: salt (16), opslimit (8), memlimit (8), little endian. */
static void
set_vault_limits (const char *path,
                  guint64     ops,
                  guint64     mem)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  guint8 *value;
  gsize len;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT value FROM meta WHERE key = 'vault'", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  len = sqlite3_column_bytes (stmt, 0);
  value = g_memdup2 (sqlite3_column_blob (stmt, 0), len);
  sqlite3_finalize (stmt);
  ops = GUINT64_TO_LE (ops);
  mem = GUINT64_TO_LE (mem);
  memcpy (value + 16, &ops, 8);
  memcpy (value + 24, &mem, 8);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "UPDATE meta SET value = ? WHERE key = 'vault'", -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_blob (stmt, 1, value, len, g_free);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
}

/* 3. One flipped bit in the stored opslimit must not make unlock run for hours. */
static void
test_kdf_limits (Fixture      *f,
                 gconstpointer data)
{
  g_auto(LwTestResult) ops = { 0 };
  g_auto(LwTestResult) mem = { 0 };
  gint64 start;

  set_vault_limits (f->db, 3 | (1u << 16), 8192);
  start = g_get_monotonic_time ();
  lw_test_run (&ops, PASS, "check", "--database", f->db, NULL);
  g_assert_cmpint (g_get_monotonic_time () - start, <, 10 * G_USEC_PER_SEC);
  assert_one_line_failure (&ops);
  g_assert_nonnull (strstr (ops.err, "key derivation settings are damaged"));

  set_vault_limits (f->db, 2, G_GUINT64_CONSTANT (1) << 34);
  lw_test_run (&mem, PASS, "participant", "list", "--database", f->db, NULL);
  assert_one_line_failure (&mem);
  g_assert_nonnull (strstr (mem.err, "key derivation settings are damaged"));
}

static void
run_to (LwTestResult       *result,
        const char         *stdout_path,
        const char * const *args)
{
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocess) proc = NULL;
  g_autoptr(GError) error = NULL;

  g_ptr_array_add (argv, (gpointer) g_getenv ("LW_BINARY"));
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);
  g_subprocess_launcher_setenv (launcher, "LEAD_WORKGROUP_PASSPHRASE", PASS, TRUE);
  g_subprocess_launcher_set_stdout_file_path (launcher, stdout_path);
  proc = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);
  lw_test_result_clear (result);
  g_subprocess_communicate_utf8 (proc, NULL, NULL, NULL, &result->err, &error);
  g_assert_no_error (error);
  result->out = g_strdup ("");
  if (result->err == NULL)
    result->err = g_strdup ("");
  g_assert_true (g_subprocess_get_if_exited (proc));
  result->status = g_subprocess_get_exit_status (proc);
}

/* 4. Output that could not be written is a failure; devices are not replaced. */
static void
test_lost_output (Fixture      *f,
                  gconstpointer data)
{
  const char * const commands[][8] = {
    { "participant", "list", "--json", "--database", f->db, NULL },
    { "audit", "list", "--database", f->db, NULL },
    { "check", "--database", f->db, NULL },
    { "meeting", "show", "next", "--database", f->db, NULL },
  };
  g_autofree char *fifo = g_build_filename (f->dir, "roster.csv", NULL);
  g_autofree char *link = g_build_filename (f->dir, "link.csv", NULL);
  g_autofree char *folder = g_build_filename (f->dir, "folder.csv", NULL);
  const char * const outputs[] = { fifo, link, folder };
  GStatBuf st;

  if (!g_file_test ("/dev/full", G_FILE_TEST_EXISTS))
    {
      g_test_skip ("no /dev/full");
      return;
    }
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      g_auto(LwTestResult) r = { 0 };

      run_to (&r, "/dev/full", commands[i]);
      assert_one_line_failure (&r);
      g_assert_nonnull (strstr (r.err, "writing the output failed"));
    }

  g_assert_cmpint (mkfifo (fifo, 0600), ==, 0);
  g_assert_cmpint (symlink ("/dev/null", link), ==, 0);
  g_assert_cmpint (g_mkdir (folder, 0700), ==, 0);
  for (guint i = 0; i < G_N_ELEMENTS (outputs); i++)
    {
      g_auto(LwTestResult) r = { 0 };

      lw_test_run (&r, PASS, "export", "participants", "--as", "project-manager",
                   "--output", outputs[i], "--database", f->db, NULL);
      assert_one_line_failure (&r);
    }
  {
    g_auto(LwTestResult) r = { 0 };

    lw_test_run (&r, PASS, "backup", "/dev/null", "--database", f->db, NULL);
    assert_one_line_failure (&r);
    g_assert_nonnull (strstr (r.err, "not a regular file"));
    g_assert_cmpint (g_stat ("/dev/null", &st), ==, 0);
    g_assert_true (S_ISCHR (st.st_mode));
  }
  g_assert_cmpint (g_lstat (link, &st), ==, 0);
  g_assert_true (S_ISLNK (st.st_mode));
  g_assert_cmpint (g_stat (fifo, &st), ==, 0);
  g_assert_true (S_ISFIFO (st.st_mode));
  g_unlink (fifo);
  g_unlink (link);
  g_rmdir (folder);
}

/* 5. Damaged values give a clear line, never a GLib critical (G_DEBUG makes
 * them fatal in these tests, and in the program they start). */
static void
test_no_criticals (Fixture      *f,
                   gconstpointer data)
{
  g_autofree char *copy = g_build_filename (f->dir, "copy.lwdb", NULL);
  g_autofree char *original = NULL;
  gsize len;

  g_assert_true (g_file_get_contents (f->db, &original, &len, NULL));

  {
    g_auto(LwTestResult) r = { 0 };
    g_auto(LwTestResult) json = { 0 };

    /* a sealed action text that does not open */
    flip_blob (f->db, "action_item", "text", 30);
    lw_test_run (&r, PASS, "actions", "--database", f->db, NULL);
    g_assert_cmpint (r.status, ==, 0);
    g_assert_nonnull (strstr (r.out, "text damaged"));
    lw_test_run (&json, PASS, "actions", "--json", "--database", f->db, NULL);
    g_assert_cmpint (json.status, ==, 0);
  }
  {
    g_auto(LwTestResult) r = { 0 };
    g_autofree char *id = NULL;

    g_assert_true (g_file_set_contents (copy, original, len, NULL));
    lw_test_raw_exec (copy, "UPDATE meeting SET date = '2026-13-45';");
    id = g_strdup_printf ("%" G_GINT64_FORMAT, sql_int (copy, "SELECT max(id) FROM meeting"));
    lw_test_run (&r, PASS, "agenda", "suggest", id, "--database", copy, NULL);
    assert_one_line_failure (&r);
    g_assert_nonnull (strstr (r.err, "damaged"));
  }
  {
    g_auto(LwTestResult) r = { 0 };
    g_auto(LwTestResult) json = { 0 };

    lw_test_raw_exec (copy, "UPDATE audit SET time = 9000000000000000000;");
    lw_test_run (&r, PASS, "audit", "list", "--database", copy, NULL);
    g_assert_cmpint (r.status, ==, 0);
    lw_test_run (&json, PASS, "audit", "list", "--json", "--database", copy, NULL);
    g_assert_cmpint (json.status, ==, 0);
  }
  {
    g_auto(LwTestResult) list = { 0 };
    g_auto(LwTestResult) write = { 0 };
    g_auto(LwTestResult) check = { 0 };

    /* without the head, no write can be audited: the file opens read-only */
    lw_test_raw_exec (f->db, "DELETE FROM meta WHERE key = 'audit_head';");
    lw_test_run (&list, PASS, "participant", "list", "--database", f->db, NULL);
    g_assert_cmpint (list.status, ==, 0);
    g_assert_nonnull (strstr (list.err, "read-only"));
    g_assert_null (strstr (list.err, "already used"));
    lw_test_run (&write, PASS, "policy", "set", "service-provider", "location", "none",
                 "--reason", "synthetic", "--database", f->db, NULL);
    assert_one_line_failure (&write);
    g_assert_null (strstr (write.err, "already used"));
    lw_test_run (&check, PASS, "check", "--database", f->db, NULL);
    assert_one_line_failure (&check);
    g_assert_nonnull (strstr (check.out, "head record is missing"));
  }
}

/* 6, continued: in a read-only session nothing happens that the audit log
 * would not learn of.  A policy change (which needs its reason on record) is
 * refused before anything is kept; a refusal is kept without its reason
 * (which would otherwise lie in the clear outside the file); and when even
 * the deferred record cannot be kept, the document is not written. */
static void
test_read_only_audit (Fixture      *f,
                      gconstpointer data)
{
  g_autofree char *state = g_strdup (g_getenv ("XDG_STATE_HOME"));
  g_autofree char *seen_path = g_build_filename (state, "lead-workgroup", "seen.ini", NULL);
  g_autofree char *output = g_build_filename (f->dir, "minutes.md", NULL);
  g_autofree char *seen = NULL;
  g_auto(LwTestResult) change = { 0 };
  g_auto(LwTestResult) refused = { 0 };
  g_auto(LwTestResult) unkept = { 0 };

  g_assert_nonnull (state);
  lw_test_raw_exec (f->db, "DELETE FROM meta WHERE key = 'audit_head';");

  lw_test_run (&change, PASS, "policy", "set", "project-manager", "legal", "summary",
               "--reason", "CANARY-reason-changed", "--database", f->db, NULL);
  assert_one_line_failure (&change);
  g_assert_nonnull (strstr (change.err, "read-only"));
  lw_test_run (&refused, PASS, "policy", "set", "police-officer", "plan", "full",
               "--reason", "CANARY-reason-refused", "--database", f->db, NULL);
  assert_one_line_failure (&refused);
  g_assert_nonnull (strstr (refused.err, "Refused"));

  g_assert_true (g_file_get_contents (seen_path, &seen, NULL, NULL));
  g_assert_null (strstr (seen, "CANARY-reason"));
  g_assert_nonnull (strstr (seen, "policy-refused"));
  g_assert_null (strstr (seen, "policy-change"));

  /* nowhere to keep the record: not done */
  g_setenv ("XDG_STATE_HOME", "/dev/null/unwritable", TRUE);
  lw_test_run (&unkept, PASS, "minutes", "1", "--audience", "case-manager", "--output", output,
               "--database", f->db, NULL);
  g_setenv ("XDG_STATE_HOME", state, TRUE);
  assert_one_line_failure (&unkept);
  g_assert_false (g_file_test (output, G_FILE_TEST_EXISTS));
}

/* 5, continued: a failed commit has rolled back already; a caller that rolls
 * back again (as policy set did) must not reach a GLib critical. */
static void
test_double_rollback (Fixture      *f,
                      gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LwStore) store = lw_store_open (f->db, &error);

  g_assert_no_error (error);
  g_assert_true (lw_store_unlock (store, PASS, strlen (PASS), &error));
  g_assert_true (lw_store_begin (store, &error));
  lw_store_rollback (store);
  lw_store_rollback (store);
  /* and the store is still usable */
  g_assert_true (lw_store_set_setting (store, "synthetic", "value", &error));
  g_assert_no_error (error);
}

/* A private mount namespace with a small tmpfs at a folder of ours. */
static gboolean
can_unshare (void)
{
  g_autofree char *out = NULL;
  int status = -1;

  if (!g_spawn_command_line_sync ("unshare -rm true", &out, NULL, &status, NULL) ||
      !g_spawn_check_wait_status (status, NULL))
    return FALSE;
  return TRUE;
}

/* Runs a shell script in a private mount namespace; $LW is the program, $MNT a
 * tmpfs of size_kib, $SRC the fixture's file. */
static void
in_namespace (LwTestResult *result,
              const char   *src,
              const char   *mnt,
              guint         size_kib,
              const char   *script)
{
  g_autofree char *full = g_strdup_printf ("mount -t tmpfs -o size=%uk tmpfs \"$MNT\" || exit 99\n%s",
                                           size_kib, script);
  const char *argv[] = { "unshare", "-rm", "sh", "-c", full, NULL };
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                                                      G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_autoptr(GSubprocess) proc = NULL;
  g_autoptr(GError) error = NULL;

  g_subprocess_launcher_setenv (launcher, "LW", g_getenv ("LW_BINARY"), TRUE);
  g_subprocess_launcher_setenv (launcher, "MNT", mnt, TRUE);
  g_subprocess_launcher_setenv (launcher, "SRC", src, TRUE);
  g_subprocess_launcher_setenv (launcher, "LEAD_WORKGROUP_PASSPHRASE", PASS, TRUE);
  proc = g_subprocess_launcher_spawnv (launcher, argv, &error);
  g_assert_no_error (error);
  lw_test_result_clear (result);
  g_subprocess_communicate_utf8 (proc, NULL, NULL, &result->out, &result->err, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (proc));
  result->status = g_subprocess_get_exit_status (proc);
  g_assert_cmpint (result->status, !=, 99);
}

/* 6. Reading never needs writing: read-only media and a full disk. */
static void
test_read_only (Fixture      *f,
                gconstpointer data)
{
  g_autofree char *mnt = g_build_filename (f->dir, "media", NULL);
  g_autofree char *export = g_build_filename (f->dir, "roster.csv", NULL);
  g_autofree char *script = NULL;
  g_auto(LwTestResult) ro = { 0 };
  g_auto(LwTestResult) full = { 0 };
  g_auto(LwTestResult) later = { 0 };

  if (!can_unshare ())
    {
      g_test_skip ("no private mount namespace (unshare -rm) here");
      return;
    }
  g_assert_cmpint (g_mkdir (mnt, 0700), ==, 0);

  /* each step prints its status; the last line is the sum of the failures */
  script = g_strdup_printf ("cp \"$SRC\" \"$MNT/p.lwdb\" && mount -o remount,ro \"$MNT\" || exit 98\n"
                            "fail=0\n"
                            "$LW check --database \"$MNT/p.lwdb\" >/dev/null || fail=$((fail+1))\n"
                            "$LW participant list --database \"$MNT/p.lwdb\" | grep -q P-0001 || fail=$((fail+10))\n"
                            "$LW meeting show next --database \"$MNT/p.lwdb\" >/dev/null || fail=$((fail+100))\n"
                            "$LW export participants --as project-manager --output '%s' --database \"$MNT/p.lwdb\" >/dev/null || fail=$((fail+1000))\n"
                            "$LW policy set service-provider location none --reason synthetic --database \"$MNT/p.lwdb\" 2>&1 | grep -q 'read-only' || fail=$((fail+10000))\n"
                            "$LW init --database \"$MNT/new.lwdb\" 2>&1 | grep -q 'does not exist' && fail=$((fail+100000))\n"
                            "echo \"failures=$fail\"\n", export);
  in_namespace (&ro, f->db, mnt, 8192, script);
  g_test_message ("%s", ro.err);
  g_assert_cmpint (ro.status, ==, 0);
  g_assert_nonnull (strstr (ro.out, "failures=0\n"));
  g_assert_nonnull (strstr (ro.err, "open read-only because it is on read-only media"));
  g_assert_true (g_file_test (export, G_FILE_TEST_IS_REGULAR));

  /* a full disk: the same file, with nothing left to write to */
  in_namespace (&full, f->db, mnt, 8192,
                "cp \"$SRC\" \"$MNT/p.lwdb\" || exit 98\n"
                "dd if=/dev/zero of=\"$MNT/fill\" bs=4k 2>/dev/null\n"
                "fail=0\n"
                "$LW check --database \"$MNT/p.lwdb\" >/dev/null || fail=$((fail+1))\n"
                "$LW participant list --database \"$MNT/p.lwdb\" | grep -q P-0001 || fail=$((fail+10))\n"
                "$LW policy set service-provider location none --reason synthetic --database \"$MNT/p.lwdb\"; test $? = 1 || fail=$((fail+100))\n"
                "echo \"failures=$fail\"\n");
  g_test_message ("%s", full.err);
  g_assert_nonnull (strstr (full.out, "failures=0\n"));
  g_assert_null (strstr (full.err, "CRITICAL"));

  /* the read-only sessions are recorded at the next writable unlock */
  lw_test_run (&later, PASS, "audit", "list", "--database", f->db, NULL);
  g_assert_cmpint (later.status, ==, 0);
}

/* 6, continued: what a read-only session did is recorded later. */
static void
test_deferred_audit (Fixture      *f,
                     gconstpointer data)
{
  g_autofree char *mnt = g_build_filename (f->dir, "media", NULL);
  g_autofree char *copy = g_build_filename (f->dir, "copy.lwdb", NULL);
  g_auto(LwTestResult) ro = { 0 };
  g_auto(LwTestResult) list = { 0 };

  if (!can_unshare ())
    {
      g_test_skip ("no private mount namespace (unshare -rm) here");
      return;
    }
  g_assert_cmpint (g_mkdir (mnt, 0700), ==, 0);
  /* the file is the same path inside and outside: bind it there read-only */
  in_namespace (&ro, f->db, mnt, 64,
                "mount --bind -o ro \"$SRC\" \"$SRC\" 2>/dev/null || mount --bind \"$SRC\" \"$SRC\" && mount -o remount,bind,ro \"$SRC\" || exit 98\n"
                "mount --bind -o ro \"$(dirname \"$SRC\")\" \"$(dirname \"$SRC\")\" && mount -o remount,bind,ro \"$(dirname \"$SRC\")\" || exit 97\n"
                "$LW participant list --database \"$SRC\" >/dev/null\n");
  if (ro.status == 97 || ro.status == 98)
    {
      g_test_skip ("cannot bind-mount read-only here");
      return;
    }
  g_assert_cmpint (ro.status, ==, 0);
  g_assert_nonnull (strstr (ro.err, "read-only"));

  lw_test_run (&list, PASS, "audit", "list", "--database", f->db, NULL);
  g_assert_cmpint (list.status, ==, 0);
  g_assert_nonnull (strstr (list.out, "read-only session at"));
  g_assert_nonnull (strstr (list.out, "participant list"));
}

/* 7. A file replaced by an older copy, or with its audit rows rolled back. */
static void
test_rollback (Fixture      *f,
               gconstpointer data)
{
  g_autofree char *old = g_build_filename (f->dir, "old.lwdb", NULL);
  g_autofree char *csv = g_build_filename (f->dir, "roster.csv", NULL);
  g_autofree char *out = g_build_filename (f->dir, "out.csv", NULL);
  g_autofree char *attach = NULL;
  g_autofree char *bytes = NULL;
  gsize len;
  g_auto(LwTestResult) r = { 0 };

  g_assert_true (g_file_get_contents (f->db, &bytes, &len, NULL));
  g_assert_true (g_file_set_contents (old, bytes, len, NULL));

  g_assert_true (g_file_set_contents (csv, "code,legal_name,referral_route,status\n"
                                           "P-0900,Synthetic Rollback,social-contact,active\n", -1, NULL));
  lw_test_run (&r, PASS, "import", "participants", csv, "--database", f->db, NULL);
  g_assert_cmpint (r.status, ==, 0);
  lw_test_run (&r, PASS, "policy", "set", "service-provider", "location", "none",
               "--reason", "synthetic", "--database", f->db, NULL);
  g_assert_cmpint (r.status, ==, 0);
  lw_test_run (&r, PASS, "export", "participants", "--as", "project-manager", "--output", out,
               "--database", f->db, NULL);
  g_assert_cmpint (r.status, ==, 0);

  /* the whole file replaced by the older copy */
  {
    g_autofree char *newer = NULL;
    gsize newer_len;

    g_assert_true (g_file_get_contents (f->db, &newer, &newer_len, NULL));
    g_assert_true (g_file_set_contents (f->db, bytes, len, NULL));
    lw_test_run (&r, PASS, "audit", "verify", "--database", f->db, NULL);
    assert_one_line_failure (&r);
    g_assert_nonnull (strstr (r.err, "older than this account last saw it"));
    g_assert_nonnull (strstr (r.err, "missing"));
    /* found once, named, and recorded in the log */
    lw_test_run (&r, PASS, "audit", "list", "--database", f->db, NULL);
    g_assert_cmpint (r.status, ==, 0);
    g_assert_nonnull (strstr (r.out, "rollback-found"));

    /* back to the newer file, then only the audit rows and head rolled back */
    g_assert_true (g_file_set_contents (f->db, newer, newer_len, NULL));
    g_remove (old);
    g_assert_true (g_file_set_contents (old, bytes, len, NULL));
  }
  lw_test_run (&r, PASS, "check", "--database", f->db, NULL);
  g_assert_cmpint (r.status, ==, 1); /* it is the other history now */
  attach = g_strdup_printf ("ATTACH '%s' AS old;"
                            "DELETE FROM audit; INSERT INTO audit SELECT * FROM old.audit;"
                            "DELETE FROM meta WHERE key = 'audit_head';"
                            "INSERT INTO meta SELECT * FROM old.meta WHERE key = 'audit_head';", old);
  lw_test_raw_exec (f->db, attach);
  lw_test_run (&r, PASS, "check", "--database", f->db, NULL);
  assert_one_line_failure (&r);
  g_assert_nonnull (strstr (r.out, "older than this account last saw it"));
}

/* 7, continued: a damaged WAL header drops what it held; the head check sees it. */
static int
commit_and_vanish (const char *path)
{
  g_autoptr(GError) error = NULL;
  LwStore *store = lw_store_open (path, &error);

  if (store == NULL || !lw_store_unlock (store, PASS, strlen (PASS), &error))
    return 2;
  for (int i = 0; i < 5; i++)
    if (!lw_store_set_setting (store, "synthetic", i % 2 ? "a" : "b", &error))
      return 3;
  /* gone without closing: the commits stay in the -wal */
  _exit (0);
}

static void
test_wal_damage (Fixture      *f,
                 gconstpointer data)
{
  const char *self = data;
  g_autofree char *wal = g_strconcat (f->db, "-wal", NULL);
  g_autoptr(GSubprocess) proc = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *bytes = NULL;
  g_auto(LwTestResult) r = { 0 };
  gsize len;

  proc = g_subprocess_new (G_SUBPROCESS_FLAGS_NONE, &error, self, "--commit-and-vanish", f->db, NULL);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_wait_check (proc, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (wal, &bytes, &len, NULL));
  g_assert_cmpuint (len, >, 32);
  bytes[20] ^= 0x01; /* the WAL header's checksum salt */
  g_assert_true (g_file_set_contents (wal, bytes, len, NULL));

  lw_test_run (&r, PASS, "check", "--database", f->db, NULL);
  assert_one_line_failure (&r);
  g_assert_nonnull (strstr (r.out, "older than this account last saw it"));
}

/* 8. NULL in a required sealed column, and in a required clear one. */
static void
test_null_required (Fixture      *f,
                    gconstpointer data)
{
  g_auto(LwTestResult) r = { 0 };

  lw_test_raw_exec (f->db, "UPDATE participant SET legal_name = NULL WHERE id = 1;"
                    "UPDATE plan_goal SET text = NULL WHERE id = (SELECT min(id) FROM plan_goal);");
  lw_test_run (&r, PASS, "check", "--database", f->db, NULL);
  assert_one_line_failure (&r);
  g_assert_nonnull (strstr (r.out, "table participant, row 1, column legal_name"));
  g_assert_nonnull (strstr (r.out, "table plan_goal, row"));
}

/* 9. What a killed backup or restore left is removed at the next start; a
 * temporary file still in use, or another program's, is not. */
static void
test_debris (Fixture      *f,
             gconstpointer data)
{
  const char * const ours[] = { ".program.lwdb.AbC123", ".program.lwdb.AbC123-wal",
                                ".program.lwdb.AbC123-shm", ".program.lwdb.Zz9999-journal" };
  const char * const theirs[] = { ".program.lwdb.too-long-name", ".other.lwdb.AbC123", "program.lwdb.AbC123" };
  g_autofree char *busy = g_build_filename (f->dir, ".program.lwdb.InUse1", NULL);
  g_auto(LwTestResult) r = { 0 };
  int fd;

  for (guint i = 0; i < G_N_ELEMENTS (ours); i++)
    {
      g_autofree char *p = g_build_filename (f->dir, ours[i], NULL);
      g_assert_true (g_file_set_contents (p, "SQLite format 3", -1, NULL));
    }
  for (guint i = 0; i < G_N_ELEMENTS (theirs); i++)
    {
      g_autofree char *p = g_build_filename (f->dir, theirs[i], NULL);
      g_assert_true (g_file_set_contents (p, "keep", -1, NULL));
    }
  g_assert_true (g_file_set_contents (busy, "SQLite format 3", -1, NULL));
  fd = open (busy, O_RDONLY | O_CLOEXEC);
  g_assert_cmpint (flock (fd, LOCK_EX), ==, 0);

  lw_test_run (&r, PASS, "check", "--database", f->db, NULL);
  g_assert_cmpint (r.status, ==, 0);
  for (guint i = 0; i < G_N_ELEMENTS (ours); i++)
    {
      g_autofree char *p = g_build_filename (f->dir, ours[i], NULL);
      g_assert_false (g_file_test (p, G_FILE_TEST_EXISTS));
    }
  for (guint i = 0; i < G_N_ELEMENTS (theirs); i++)
    {
      g_autofree char *p = g_build_filename (f->dir, theirs[i], NULL);
      g_assert_true (g_file_test (p, G_FILE_TEST_EXISTS));
    }
  g_assert_true (g_file_test (busy, G_FILE_TEST_EXISTS));
  close (fd);
}

/* 10. A writer holding the file longer than the old 5 s: the command waits,
 * says so, and succeeds. */
static void
test_busy (Fixture      *f,
           gconstpointer data)
{
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                                                      G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_autoptr(GSubprocess) proc = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL, *err = NULL;
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (f->db, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "BEGIN IMMEDIATE", NULL, NULL, NULL), ==, SQLITE_OK);

  g_subprocess_launcher_setenv (launcher, "LEAD_WORKGROUP_PASSPHRASE", PASS, TRUE);
  proc = g_subprocess_launcher_spawn (launcher, &error, g_getenv ("LW_BINARY"), "policy", "set",
                                      "service-provider", "location", "none", "--reason", "synthetic",
                                      "--database", f->db, NULL);
  g_assert_no_error (error);
  g_usleep (6500 * 1000);
  sqlite3_exec (db, "COMMIT", NULL, NULL, NULL);
  sqlite3_close (db);

  g_subprocess_communicate_utf8 (proc, NULL, NULL, &out, &err, &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_subprocess_get_exit_status (proc), ==, 0);
  g_assert_nonnull (strstr (err, "in use by another program; waiting"));
}

/* 11. Small things. */
static void
test_small_things (Fixture      *f,
                   gconstpointer data)
{
  g_auto(LwTestResult) r = { 0 };
  g_autofree char *folder = g_build_filename (f->dir, "folder", NULL);

  /* the last day a four-digit year can write is a date */
  lw_test_run (&r, PASS, "meeting", "show", "9999-12-31", "--database", f->db, NULL);
  assert_one_line_failure (&r);
  g_assert_null (strstr (r.err, "not a date"));

  lw_test_run (&r, PASS, "restore", "/dev/null", "--database", f->db, NULL);
  assert_one_line_failure (&r);
  g_assert_null (strstr (r.err, "does not exist"));
  g_assert_nonnull (strstr (r.err, "not a regular file"));

  g_assert_cmpint (g_mkdir (folder, 0700), ==, 0);
  lw_test_run (&r, NULL, "check", "--passphrase-file", folder, "--database", f->db, NULL);
  assert_one_line_failure (&r);
  g_assert_null (strstr (r.err, "empty"));
  g_assert_nonnull (strstr (r.err, "folder"));

  lw_test_run (&r, PASS, "frobnicate", NULL);
  g_assert_cmpint (r.status, ==, 2);
  g_assert_cmpuint (lw_test_count_lines (r.err), ==, 1);
  g_assert_null (strstr (r.err, "Gtk"));
  lw_test_run (&r, PASS, "--json", NULL);
  g_assert_cmpint (r.status, ==, 2);
  g_assert_cmpuint (lw_test_count_lines (r.err), ==, 1);
  g_assert_null (strstr (r.err, "Gtk"));

  /* signed overflow (the sanitized build halts on it) */
  lw_test_raw_exec (f->db, "UPDATE meeting SET length_minutes = 9223372036854775807;"
                    "UPDATE agenda_item SET time_budget = 9223372036854775807;");
  lw_test_run (&r, PASS, "meeting", "show", "next", "--database", f->db, NULL);
  g_assert_cmpint (r.status, ==, 0);
  lw_test_run (&r, PASS, "meeting", "show", "next", "--json", "--database", f->db, NULL);
  g_assert_cmpint (r.status, ==, 0);
}

/* Tamper: one byte flipped in every page of a demo file.  Every command
 * answers 0 or 1 with at most one line of error, never a signal. */
static void
test_tamper_every_page (Fixture      *f,
                        gconstpointer data)
{
  g_autofree char *bytes = NULL;
  gsize len, page = 4096;
  guint n_failed = 0, n_pages;

  lw_test_raw_exec (f->db, "PRAGMA wal_checkpoint(TRUNCATE);");
  g_assert_true (g_file_get_contents (f->db, &bytes, &len, NULL));
  n_pages = len / page;
  g_assert_cmpuint (n_pages, >, 10);
  for (guint i = 0; i < n_pages; i++)
    {
      g_autofree char *damaged = g_memdup2 (bytes, len);
      g_autofree char *name = g_strdup_printf ("tampered-%u.lwdb", i);
      g_auto(LwTestResult) check = { 0 };
      g_auto(LwTestResult) list = { 0 };
      /* somewhere in the page, the same place each run */
      gsize at = i * page + (i == 0 ? 60 : (i * 2654435761u) % page);

      g_autofree char *copy = g_build_filename (f->dir, name, NULL);

      damaged[at] ^= 0x10;
      g_assert_true (g_file_set_contents (copy, damaged, len, NULL));
      lw_test_run (&check, PASS, "check", "--database", copy, NULL);
      g_assert_cmpint (check.status, >=, 0);
      g_assert_cmpint (check.status, <=, 1);
      g_assert_cmpuint (error_lines (check.err), ==, check.status);
      lw_test_run (&list, PASS, "meeting", "show", "next", "--database", copy, NULL);
      g_assert_cmpint (list.status, >=, 0);
      g_assert_cmpint (list.status, <=, 1);
      g_assert_cmpuint (error_lines (list.err), ==, list.status);
      n_failed += check.status;
      g_remove (copy);
    }
  g_test_message ("%u pages tampered, check failed on %u", n_pages, n_failed);
  g_assert_cmpuint (n_failed, >, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_assert_true (lw_vault_init (NULL));
  if (argc == 3 && g_str_equal (argv[1], "--commit-and-vanish"))
    return commit_and_vanish (argv[2]);

  g_test_init (&argc, &argv, NULL);
#define ADD(path, func) g_test_add ("/lw/faults/" path, Fixture, argv[0], fixture_set_up, func, fixture_tear_down)
  ADD ("1-missing-participant", test_missing_participant);
  g_test_add_func ("/lw/faults/2-killed-create", test_killed_create);
  ADD ("3-kdf-limits", test_kdf_limits);
  ADD ("4-lost-output", test_lost_output);
  ADD ("5-no-criticals", test_no_criticals);
  ADD ("5-double-rollback", test_double_rollback);
  ADD ("6-read-only", test_read_only);
  ADD ("6-deferred-audit", test_deferred_audit);
  ADD ("6-read-only-audit", test_read_only_audit);
  ADD ("7-rollback", test_rollback);
  ADD ("7-wal-damage", test_wal_damage);
  ADD ("8-null-required", test_null_required);
  ADD ("9-debris", test_debris);
  ADD ("10-busy", test_busy);
  ADD ("11-small-things", test_small_things);
  ADD ("tamper-every-page", test_tamper_every_page);
  return g_test_run ();
}
