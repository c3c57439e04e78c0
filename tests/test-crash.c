/* test-crash.c: a writer killed with SIGKILL at random moments loses nothing it
 * reported committed, and leaves a file that passes the check
 *
 * The program runs itself as the writer ("--writer FILE"): it inserts action items
 * and contacts, one transaction each or several in one, and prints the ids of
 * each committed transaction on stdout.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>

#include "lw/lw-model.h"
#include "lw/lw-vault.h"
#include "lw-test-util.h"

#define KILLS 60
/* kills of each command: init, passphrase change, backup, restore */
#define COMMAND_KILLS 40

static int
run_writer (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LwStore) store = lw_store_open (path, &error);

  if (store == NULL ||
      !lw_store_unlock (store, LW_TEST_PASSPHRASE, strlen (LW_TEST_PASSPHRASE), &error))
    {
      fprintf (stderr, "writer: %s\n", error->message);
      return 1;
    }
  setvbuf (stdout, NULL, _IONBF, 0);
  printf ("ready\n");

  for (guint n = 0; ; n++)
    {
      g_autoptr(LwActionItem) a = lw_action_item_new ();
      g_autoptr(LwContact) c = lw_contact_new ();
      gboolean pair = n % 3 == 0;

      a->text = g_strdup_printf ("Synthetic action %u", n);
      a->owner_id = 1;
      a->participant_id = 1;
      a->due_date = g_strdup ("2026-12-01");
      c->participant_id = 1;
      c->date = g_strdup ("2026-11-20");
      c->note = g_strdup_printf ("Synthetic contact note %u", n);

      /* every third transaction writes two records, which must appear together */
      if (pair && !lw_store_begin (store, &error))
        break;
      if (!lw_store_insert (store, a, &error))
        break;
      if (pair && (!lw_store_insert (store, c, &error) || !lw_store_commit (store, &error)))
        break;
      if (pair)
        printf ("pair %" G_GINT64_FORMAT " %" G_GINT64_FORMAT "\n", a->id, c->id);
      else
        printf ("action %" G_GINT64_FORMAT "\n", a->id);
    }
  fprintf (stderr, "writer: %s\n", error ? error->message : "stopped");
  return 1;
}

static void
assert_exists (LwStore           *store,
               const LwTableInfo *table,
               gint64             id)
{
  g_autoptr(GError) error = NULL;
  LwRecord *record = lw_store_get (store, table, id, &error);

  g_assert_no_error (error);
  g_assert_cmpint (record->damaged, ==, 0);
  lw_record_free (record);
}

/* The writer's first line, read a byte at a time so that nothing after it
 * is taken from the pipe before g_subprocess_communicate () reads the rest. */
static void
wait_ready (GSubprocess *writer)
{
  GInputStream *pipe = g_subprocess_get_stdout_pipe (writer);
  GString *line = g_string_new (NULL);
  char c;

  while (g_input_stream_read (pipe, &c, 1, NULL, NULL) == 1 && c != '\n')
    g_string_append_c (line, c);
  g_assert_cmpstr (line->str, ==, "ready");
  g_string_free (line, TRUE);
}

static void
test_sigkill (gconstpointer data)
{
  const char *self = data;
  g_autofree char *dir = lw_test_tmpdir ();
  g_autofree char *path = NULL;
  guint total = 0;

  {
    g_autoptr(LwStore) store = lw_test_store_new (dir, "crash.lwdb");
    g_autoptr(LwPerson) owner = lw_person_new ();
    g_autoptr(LwParticipant) p = lw_participant_new ();

    path = g_strdup (lw_store_get_path (store));
    owner->name = g_strdup ("Synthetic Owner");
    p->code = g_strdup ("P-0001");
    p->legal_name = g_strdup ("Synthetic Person");
    g_assert_true (lw_store_insert (store, owner, NULL));
    g_assert_true (lw_store_insert (store, p, NULL));
  }

  for (int kill_no = 0; kill_no < KILLS; kill_no++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GSubprocess) writer = NULL;
      g_autoptr(GBytes) out = NULL;
      g_autoptr(LwStore) store = NULL;
      g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
      g_auto(GStrv) lines = NULL;
      guint committed = 0;

      writer = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_SILENCE,
                                 &error, self, "--writer", path, NULL);
      g_assert_no_error (error);
      /* from "before the first write" to "well into a run of commits", after
       * the writer has opened the file: its start takes longer than the
       * range under a sanitizer on a busy machine */
      wait_ready (writer);
      g_usleep (g_test_rand_int_range (0, 60000));
      g_subprocess_send_signal (writer, SIGKILL);
      g_subprocess_communicate (writer, NULL, NULL, &out, NULL, &error);
      g_assert_no_error (error);
      g_subprocess_wait (writer, NULL, NULL);

      store = lw_store_open (path, &error);
      g_assert_no_error (error);
      g_assert_true (lw_store_unlock (store, LW_TEST_PASSPHRASE, strlen (LW_TEST_PASSPHRASE), &error));
      g_assert_no_error (error);
      g_assert_true (lw_store_check (store, problems, &error));
      for (guint i = 0; i < problems->len; i++)
        g_test_message ("after kill %d: %s", kill_no, (char *) problems->pdata[i]);
      g_assert_cmpuint (problems->len, ==, 0);

      {
        /* the pipe's bytes carry no terminating NUL */
        gsize len = 0;
        const char *bytes = out ? g_bytes_get_data (out, &len) : NULL;
        g_autofree char *textual = g_strndup (bytes ? bytes : "", len);

        lines = g_strsplit (textual, "\n", -1);
      }
      for (guint i = 0; lines[i] != NULL; i++)
        {
          gint64 a = 0, c = 0;

          /* a line cut by the kill was never completely reported */
          if (lines[i + 1] == NULL)
            continue;
          if (sscanf (lines[i], "pair %" G_GINT64_FORMAT " %" G_GINT64_FORMAT, &a, &c) == 2)
            {
              assert_exists (store, &lw_action_item_table, a);
              assert_exists (store, &lw_contact_table, c);
              committed++;
            }
          else if (sscanf (lines[i], "action %" G_GINT64_FORMAT, &a) == 1)
            {
              assert_exists (store, &lw_action_item_table, a);
              committed++;
            }
        }
      total += committed;
    }
  g_test_message ("%d kills, %u reported commits all found", KILLS, total);
  g_assert_cmpuint (total, >, 0);
  lw_test_tmpdir_remove (dir);
}

static GSubprocess *
spawn_cli (const char         *pass,
           const char * const *args)
{
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE |
                                                                      G_SUBPROCESS_FLAGS_STDERR_SILENCE);
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  GSubprocess *proc;

  g_ptr_array_add (argv, (gpointer) g_getenv ("LW_BINARY"));
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);
  g_subprocess_launcher_setenv (launcher, "LEAD_WORKGROUP_PASSPHRASE", pass, TRUE);
  proc = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);
  return proc;
}

static void
kill_after (GSubprocess *proc,
            int          max_usec)
{
  g_usleep (g_test_rand_int_range (500, max_usec));
  g_subprocess_send_signal (proc, SIGKILL);
  g_subprocess_wait (proc, NULL, NULL);
}

/* Files beside path that start with ".BASENAME." — what a killed run left. */
static guint
count_debris (const char *path)
{
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *base = g_path_get_basename (path);
  g_autofree char *prefix = g_strdup_printf (".%s.", base);
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;
  guint n = 0;

  while ((name = g_dir_read_name (d)) != NULL)
    n += g_str_has_prefix (name, prefix);
  return n;
}

/* check with one passphrase: 0 when the file is whole and opens with it */
static int
check_with (const char *path,
            const char *pass,
            char      **err)
{
  g_auto(LwTestResult) r = { 0 };

  lw_test_run (&r, pass, "check", "--database", path, NULL);
  if (err != NULL)
    *err = g_strdup (r.err);
  return r.status;
}

static void
test_commands_killed (void)
{
  g_autofree char *dir = lw_test_tmpdir ();
  g_autofree char *db = g_build_filename (dir, "program.lwdb", NULL);
  g_autofree char *backup = g_build_filename (dir, "backup.lwdb", NULL);
  g_autofree char *newpass = g_build_filename (dir, "new-passphrase", NULL);
  const char *old_pass = LW_TEST_PASSPHRASE, *new_pass = "a second synthetic passphrase";
  guint outcomes[4][2] = { { 0 } };

  /* init: nothing, or a whole file; the debris goes at the next start */
  for (int k = 0; k < COMMAND_KILLS; k++)
    {
      const char * const args[] = { "init", "--database", db, NULL };
      g_autoptr(GSubprocess) proc = spawn_cli (old_pass, args);

      kill_after (proc, 300000);
      if (g_file_test (db, G_FILE_TEST_EXISTS))
        {
          g_assert_cmpint (check_with (db, old_pass, NULL), ==, 0);
          outcomes[0][1]++;
          if (k < COMMAND_KILLS - 1)
            g_unlink (db);
        }
      else
        outcomes[0][0]++;
      if (!g_file_test (db, G_FILE_TEST_EXISTS))
        {
          g_auto(LwTestResult) r = { 0 };

          lw_test_run (&r, old_pass, "init", "--database", db, NULL);
          g_assert_cmpint (r.status, ==, 0);
          if (k < COMMAND_KILLS - 1)
            g_unlink (db);
        }
      g_assert_cmpuint (count_debris (db), ==, 0);
    }

  /* passphrase change: exactly one of the two passphrases opens it, whole */
  g_assert_true (g_file_set_contents (newpass, new_pass, -1, NULL));
  for (int k = 0; k < COMMAND_KILLS; k++)
    {
      gboolean to_new = k % 2 == 0;
      const char * const args[] = { "passphrase", "change", "--new-passphrase-file", newpass,
                                    "--database", db, NULL };
      const char *from = old_pass, *to = new_pass;
      g_autoptr(GSubprocess) proc = NULL;
      int with_from, with_to;

      if (check_with (db, old_pass, NULL) != 0)
        from = new_pass, to = old_pass;
      g_assert_true (g_file_set_contents (newpass, to, -1, NULL));
      proc = spawn_cli (from, args);
      kill_after (proc, 150000);
      with_from = check_with (db, from, NULL);
      with_to = check_with (db, to, NULL);
      g_assert_true ((with_from == 0) != (with_to == 0));
      outcomes[1][with_to == 0]++;
      (void) to_new;
    }
  if (check_with (db, old_pass, NULL) != 0)
    {
      g_auto(LwTestResult) r = { 0 };

      g_assert_true (g_file_set_contents (newpass, old_pass, -1, NULL));
      lw_test_run (&r, new_pass, "passphrase", "change", "--new-passphrase-file", newpass,
                   "--database", db, NULL);
      g_assert_cmpint (r.status, ==, 0);
    }

  /* backup: the program file is untouched; a backup is whole or absent */
  for (int k = 0; k < COMMAND_KILLS; k++)
    {
      const char * const args[] = { "backup", backup, "--database", db, NULL };
      g_autoptr(GSubprocess) proc = NULL;

      g_unlink (backup);
      proc = spawn_cli (old_pass, args);
      kill_after (proc, 250000);
      g_assert_cmpint (check_with (db, old_pass, NULL), ==, 0);
      g_assert_cmpuint (count_debris (db), ==, 0);
      if (g_file_test (backup, G_FILE_TEST_EXISTS))
        {
          /* a new name each time: an earlier probe's remembered head is not this one's */
          g_autofree char *name = g_strdup_printf ("probe-%d.lwdb", k);
          g_autofree char *probe = g_build_filename (dir, name, NULL);
          g_autofree char *err = NULL;
          g_autofree char *bytes = NULL;
          gsize len;

          /* checked as a copy, so the backup itself stays as it was written */
          g_assert_true (g_file_get_contents (backup, &bytes, &len, NULL));
          g_assert_true (g_file_set_contents (probe, bytes, len, NULL));
          if (check_with (probe, old_pass, &err) != 0)
            g_test_message ("backup after kill %d: %s", k, err);
          g_assert_cmpint (check_with (probe, old_pass, NULL), ==, 0);
          g_unlink (probe);
          outcomes[2][1]++;
        }
      else
        outcomes[2][0]++;
    }
  /* the next backup under that name removes what the killed ones left */
  {
    g_auto(LwTestResult) r = { 0 };

    lw_test_run (&r, old_pass, "backup", backup, "--database", db, NULL);
    g_assert_cmpint (r.status, ==, 0);
    g_assert_cmpuint (count_debris (backup), ==, 0);
  }

  /* restore: the program file is the old one or the restored one, whole */
  for (int k = 0; k < COMMAND_KILLS; k++)
    {
      const char * const args[] = { "restore", backup, "--database", db, NULL };
      g_autoptr(GSubprocess) proc = spawn_cli (old_pass, args);
      g_autofree char *err = NULL;
      int status;

      kill_after (proc, 150000);
      status = check_with (db, old_pass, &err);
      /* a kill right after the rename may leave a file that is older than,
       * or differs from, what was last seen: that is reported, as it should
       * be, and the next check is clean */
      if (status != 0)
        {
          g_test_message ("restore, kill %d: %s", k, err);
          g_assert_true (strstr (err, "older than when this account last saw it") != NULL ||
                         strstr (err, "does not continue the history this account saw") != NULL);
          status = check_with (db, old_pass, NULL);
        }
      g_assert_cmpint (status, ==, 0);
      g_assert_cmpuint (count_debris (db), ==, 0);
      outcomes[3][0]++;
    }

  g_test_message ("init: %u none, %u whole; passphrase: %u old, %u new; backup: %u absent, %u whole; restore: %u whole",
                  outcomes[0][0], outcomes[0][1], outcomes[1][0], outcomes[1][1],
                  outcomes[2][0], outcomes[2][1], outcomes[3][0]);
  lw_test_tmpdir_remove (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_assert_true (lw_vault_init (NULL));
  if (argc == 3 && g_str_equal (argv[1], "--writer"))
    return run_writer (argv[2]);

  g_test_init (&argc, &argv, NULL);
  g_test_add_data_func ("/lw/store/crash/sigkill", argv[0], test_sigkill);
  g_test_add_func ("/lw/store/crash/commands", test_commands_killed);
  return g_test_run ();
}
