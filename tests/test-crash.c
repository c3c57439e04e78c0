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
#include <signal.h>
#include <stdio.h>
#include <string.h>

#include "lw/lw-model.h"
#include "lw/lw-vault.h"
#include "lw-test-util.h"

#define KILLS 60

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
      /* from "before the first write" to "well into a run of commits" */
      g_usleep (g_test_rand_int_range (2000, 120000));
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

int
main (int   argc,
      char *argv[])
{
  g_assert_true (lw_vault_init (NULL));
  if (argc == 3 && g_str_equal (argv[1], "--writer"))
    return run_writer (argv[2]);

  g_test_init (&argc, &argv, NULL);
  g_test_add_data_func ("/lw/store/crash/sigkill", argv[0], test_sigkill);
  return g_test_run ();
}
