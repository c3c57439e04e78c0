/* lw-cli-store.c: init, demo, passphrase change, check, audit
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lw-cli"

#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <inttypes.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <string.h>

#include "lw/lw-audit.h"
#include "lw/lw-demo.h"
#include "lw/lw-error.h"
#include "lw/lw-store.h"
#include "lw-cli-private.h"

typedef struct
{
  int     participants;
  guint64 seed;
} DemoParams;

static gboolean
populate_demo (LwStore  *store,
               gpointer  user_data,
               GError  **error)
{
  DemoParams *params = user_data;

  return lw_demo_generate (store, params->participants, params->seed, error);
}

static LwStore *
create_store (LwCli      *cli,
              DemoParams *demo,
              GError    **error)
{
  const char *path = lw_cli_database (cli);
  g_autofree char *dir = g_path_get_dirname (path);
  char *passphrase;
  LwStore *store;

  if (g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_set_error (error, LW_ERROR, LW_ERROR_EXISTS,
                   _("“%s” already exists; it was not changed. Choose another name."), path);
      return NULL;
    }
  if (!g_file_test (dir, G_FILE_TEST_IS_DIR) && g_mkdir_with_parents (dir, 0700) != 0)
    {
      g_set_error (error, LW_ERROR, LW_ERROR_FAILED,
                   _("Cannot create the folder “%s”: %s"), dir, g_strerror (errno));
      return NULL;
    }
  passphrase = lw_cli_read_passphrase (cli, cli->passphrase_file, TRUE,
                                       _("New passphrase: "), TRUE, error);
  if (passphrase == NULL)
    return NULL;
  store = lw_store_create_full (path, passphrase, strlen (passphrase),
                                demo ? populate_demo : NULL, demo, error);
  lw_cli_passphrase_free (passphrase);
  if (store != NULL && cli->actor != NULL)
    lw_store_set_actor (store, cli->actor);
  return store;
}

int
lw_cli_init (LwCli  *cli,
             int     argc,
             char  **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LwStore) store = NULL;

  if (!lw_cli_parse (cli, &argc, &argv, NULL, NULL,
                     _("Creates a new, empty program file protected by a passphrase.")))
    return LW_EXIT_USAGE;
  if (argc > 1)
    return lw_cli_usage (cli, _("unexpected argument “%s”"), argv[1]);

  store = create_store (cli, NULL, &error);
  if (store == NULL)
    return lw_cli_fail (cli, error);
  if (cli->json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();
      json_builder_begin_object (b);
      lw_cli_json_string (b, "database", lw_store_get_path (store));
      json_builder_end_object (b);
      lw_cli_print_json (json_builder_get_root (b));
    }
  else
    printf (_("Created %s\n"), lw_store_get_path (store));
  return LW_EXIT_OK;
}

int
lw_cli_demo (LwCli  *cli,
             int     argc,
             char  **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LwStore) store = NULL;
  g_autofree char *path = NULL;
  int participants = 60;
  gint64 seed = 1;
  DemoParams demo;
  const GOptionEntry entries[] = {
    { "participants", 'n', 0, G_OPTION_ARG_INT, &participants, N_("How many participants (default 60)"), N_("N") },
    { "seed", 's', 0, G_OPTION_ARG_INT64, &seed, N_("Seed of the generator (default 1)"), N_("S") },
    { NULL }
  };

  if (!lw_cli_parse (cli, &argc, &argv, entries, NULL,
                     _("Writes a plainly fictional demo program to a new file.")))
    return LW_EXIT_USAGE;
  if (argc > 1)
    return lw_cli_usage (cli, _("unexpected argument “%s”"), argv[1]);
  if (participants < 1 || participants > 100000)
    return lw_cli_usage (cli, _("--participants must be between 1 and 100000"));

  demo.participants = participants;
  demo.seed = (guint64) seed;
  store = create_store (cli, &demo, &error);
  if (store == NULL)
    return lw_cli_fail (cli, error);
  path = g_strdup (lw_store_get_path (store));
  if (cli->json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();
      json_builder_begin_object (b);
      lw_cli_json_string (b, "database", path);
      lw_cli_json_int (b, "participants", participants);
      lw_cli_json_int (b, "seed", seed);
      json_builder_end_object (b);
      lw_cli_print_json (json_builder_get_root (b));
    }
  else
    printf (g_dngettext (GETTEXT_PACKAGE, "Wrote a demo program with %d participant to %s\n",
                         "Wrote a demo program with %d participants to %s\n", participants),
            participants, path);
  return LW_EXIT_OK;
}

int
lw_cli_passphrase_change (LwCli  *cli,
                          int     argc,
                          char  **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LwStore) store = NULL;
  g_autofree char *new_file = NULL;
  char *passphrase;
  gboolean ok;
  const GOptionEntry entries[] = {
    { "new-passphrase-file", 0, 0, G_OPTION_ARG_FILENAME, &new_file, N_("Read the new passphrase from the first line of FILE"), N_("FILE") },
    { NULL }
  };

  if (!lw_cli_parse (cli, &argc, &argv, entries, NULL,
                     _("Wraps the program's key under a new passphrase; the data is not re-encrypted.")))
    return LW_EXIT_USAGE;
  if (argc > 1)
    return lw_cli_usage (cli, _("unexpected argument “%s”"), argv[1]);

  store = lw_cli_open_store (cli, &error);
  if (store == NULL)
    return lw_cli_fail (cli, error);
  passphrase = lw_cli_read_passphrase (cli, new_file, FALSE, _("New passphrase: "), TRUE, &error);
  if (passphrase == NULL)
    return lw_cli_fail (cli, error);
  ok = lw_store_change_passphrase (store, passphrase, strlen (passphrase), &error);
  lw_cli_passphrase_free (passphrase);
  if (!ok)
    return lw_cli_fail (cli, error);
  if (!cli->json)
    printf ("%s\n", _("Passphrase changed."));
  return LW_EXIT_OK;
}

int
lw_cli_check (LwCli  *cli,
              int     argc,
              char  **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LwStore) store = NULL;
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);

  if (!lw_cli_parse (cli, &argc, &argv, NULL, NULL,
                     _("Checks the file's structure, opens every sealed value and verifies the audit chain.")))
    return LW_EXIT_USAGE;
  if (argc > 1)
    return lw_cli_usage (cli, _("unexpected argument “%s”"), argv[1]);

  store = lw_cli_open_store (cli, &error);
  if (store == NULL)
    return lw_cli_fail (cli, error);
  if (!lw_store_check (store, problems, &error))
    return lw_cli_fail (cli, error);
  if (lw_store_get_rollback (store) != NULL)
    g_ptr_array_add (problems, g_strdup_printf (_("audit log: the file is older than this account last saw it: %s"),
                                                lw_store_get_rollback (store)));

  if (cli->json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();
      json_builder_begin_object (b);
      lw_cli_json_bool (b, "ok", problems->len == 0);
      json_builder_set_member_name (b, "problems");
      json_builder_begin_array (b);
      for (guint i = 0; i < problems->len; i++)
        json_builder_add_string_value (b, g_ptr_array_index (problems, i));
      json_builder_end_array (b);
      json_builder_end_object (b);
      lw_cli_print_json (json_builder_get_root (b));
    }
  else
    {
      for (guint i = 0; i < problems->len; i++)
        printf ("%s\n", (const char *) g_ptr_array_index (problems, i));
    }
  if (problems->len > 0)
    {
      fprintf (stderr, g_dngettext (GETTEXT_PACKAGE,
                                    "lead-workgroup check: %u problem found in %s\n",
                                    "lead-workgroup check: %u problems found in %s\n",
                                    problems->len),
               problems->len, lw_store_get_path (store));
      return LW_EXIT_FAILED;
    }
  if (!cli->json)
    printf (_("%s: no problems found\n"), lw_store_get_path (store));
  return LW_EXIT_OK;
}

int
lw_cli_audit_verify (LwCli  *cli,
                     int     argc,
                     char  **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LwStore) store = NULL;
  gint64 n = 0;

  if (!lw_cli_parse (cli, &argc, &argv, NULL, NULL,
                     _("Verifies the keyed hash chain of the audit log.")))
    return LW_EXIT_USAGE;
  if (argc > 1)
    return lw_cli_usage (cli, _("unexpected argument “%s”"), argv[1]);

  store = lw_cli_open_store (cli, &error);
  if (store == NULL)
    return lw_cli_fail (cli, error);
  if (!lw_audit_verify (store, &n, &error))
    return lw_cli_fail (cli, error);
  if (lw_store_get_rollback (store) != NULL)
    {
      g_set_error (&error, LW_ERROR, LW_ERROR_AUDIT,
                   _("The audit log is unbroken, but the file is older than this account last saw it: %s"),
                   lw_store_get_rollback (store));
      return lw_cli_fail (cli, error);
    }
  if (cli->json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();
      json_builder_begin_object (b);
      lw_cli_json_bool (b, "ok", TRUE);
      lw_cli_json_int (b, "entries", n);
      json_builder_end_object (b);
      lw_cli_print_json (json_builder_get_root (b));
    }
  else
    printf (_("The audit log verifies: %" PRId64 " entries, unbroken.\n"), n);
  return LW_EXIT_OK;
}

int
lw_cli_audit_list (LwCli  *cli,
                   int     argc,
                   char  **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LwStore) store = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(JsonBuilder) b = json_builder_new ();

  if (!lw_cli_parse (cli, &argc, &argv, NULL, NULL, _("Lists the audit log, oldest first.")))
    return LW_EXIT_USAGE;
  if (argc > 1)
    return lw_cli_usage (cli, _("unexpected argument “%s”"), argv[1]);

  store = lw_cli_open_store (cli, &error);
  if (store == NULL)
    return lw_cli_fail (cli, error);
  entries = lw_audit_list (store, &error);
  if (entries == NULL)
    return lw_cli_fail (cli, error);

  json_builder_begin_array (b);
  for (guint i = 0; i < entries->len; i++)
    {
      LwAuditEntry *e = g_ptr_array_index (entries, i);
      g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc (e->time / G_USEC_PER_SEC);
      /* a damaged time is shown as unknown; audit verify names the entry */
      g_autofree char *when = dt ? g_date_time_format_iso8601 (dt) : g_strdup ("?");
      const char *event = e->event < LW_N_AUDIT_EVENTS ? lw_audit_event_to_string (e->event) : "?";

      if (!cli->json)
        {
          printf ("%6" G_GINT64_FORMAT "  %s  %-18s %-12s %s", e->seq, when, event,
                  e->actor ? e->actor : "?", e->detail ? e->detail : "");
          if (e->note != NULL || e->note_damaged)
            printf ("; reason: %s", e->note ? e->note : _("(sealed, does not open)"));
          printf ("\n");
          continue;
        }
      json_builder_begin_object (b);
      lw_cli_json_int (b, "seq", e->seq);
      lw_cli_json_string (b, "time", when);
      lw_cli_json_string (b, "event", event);
      lw_cli_json_string (b, "actor", e->actor);
      lw_cli_json_string (b, "detail", e->detail);
      if (e->note != NULL)
        lw_cli_json_string (b, "reason", e->note);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  if (cli->json)
    lw_cli_print_json (json_builder_get_root (b));
  return LW_EXIT_OK;
}
