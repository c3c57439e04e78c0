/* lw-cli-files.c: minutes, handout, action lists, roster import and export,
 * backup and restore
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lw-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

#include "lw/lw-agenda.h"
#include "lw/lw-backup.h"
#include "lw/lw-error.h"
#include "lw/lw-export.h"
#include "lw/lw-import.h"
#include "lw/lw-model.h"
#include "lw/lw-i18n.h"
#include "lw/lw-policy.h"
#include "lw-cli-private.h"

static gboolean
parse_paper (LwCli       *cli,
             const char  *name,
             LwPaper     *paper,
             int         *status)
{
  int value;

  if (name == NULL)
    {
      *paper = lw_paper_default ();
      return TRUE;
    }
  value = lw_paper_from_string (name);
  if (value < 0)
    {
      *status = lw_cli_usage (cli, _("--paper must be a4 or letter"));
      return FALSE;
    }
  *paper = value;
  return TRUE;
}

/* --language: the document's, "en" or "es"; default the app's own. */
static gboolean
parse_language (LwCli       *cli,
                const char  *name,
                const char **language,
                int         *status)
{
  g_autofree char *list = NULL;

  if (name == NULL)
    {
      *language = NULL;
      return TRUE;
    }
  if (lw_i18n_is_supported (name))
    {
      *language = name;
      return TRUE;
    }
  list = lw_i18n_dup_languages_list ();
  *status = lw_cli_usage (cli, _("--language must be one of %s"), list);
  return FALSE;
}

static gboolean
check_output (LwCli      *cli,
              const char *output,
              gboolean    csv,
              int        *status)
{
  g_autoptr(GError) error = NULL;
  int format;

  if (output == NULL)
    {
      *status = lw_cli_usage (cli, _("--output FILE is required"));
      return FALSE;
    }
  format = lw_export_format_from_path (output);
  if (csv ? format != LW_EXPORT_CSV : (format != LW_EXPORT_PDF && format != LW_EXPORT_MARKDOWN))
    {
      *status = lw_cli_usage (cli, csv ? _("--output must end in .csv")
                                       : _("--output must end in .pdf or .md"));
      return FALSE;
    }
  /* a device, a link or a folder is refused before anything is read or written */
  if (!lw_check_output_path (output, &error))
    {
      *status = lw_cli_fail (cli, error);
      return FALSE;
    }
  return TRUE;
}

typedef enum
{
  WROTE_MINUTES,
  WROTE_HANDOUT,
  WROTE_ACTIONS,
} Wrote;

static void
print_written (LwCli            *cli,
               Wrote             wrote,
               const char       *output,
               const LwAudience *audience)
{
  static const char * const kinds[] = { "minutes", "handout", "action list" };
  g_autofree char *roles = audience ? lw_audience_to_string (audience) : NULL;
  const char *what = kinds[wrote];

  if (cli->json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();

      json_builder_begin_object (b);
      lw_cli_json_string (b, "output", output);
      lw_cli_json_string (b, "kind", what);
      if (roles != NULL)
        {
          lw_cli_json_string (b, "audience", roles);
        }
      json_builder_end_object (b);
      lw_cli_print_json (json_builder_get_root (b));
    }
  else if (wrote == WROTE_MINUTES)
    printf (_("Wrote the minutes for %s to %s\n"), roles, output);
  else if (wrote == WROTE_HANDOUT)
    printf (_("Wrote the agenda handout for %s to %s\n"), roles, output);
  else
    printf (_("Wrote the action list for %s to %s\n"), roles, output);
}

/* minutes and handout */
static int
meeting_document (LwCli      *cli,
                  int         argc,
                  char      **argv,
                  gboolean    minutes)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LwStore) store = NULL;
  g_autoptr(LwMeeting) meeting = NULL;
  g_autoptr(LwAudience) audience = NULL;
  g_autofree char *roles = NULL;
  g_autofree char *output = NULL;
  g_autofree char *paper_name = NULL;
  g_autofree char *language_name = NULL;
  const char *language = NULL;
  const char *previous;
  LwPaper paper;
  int status = LW_EXIT_USAGE;
  gboolean ok;
  const GOptionEntry entries[] = {
    { "audience", 'a', 0, G_OPTION_ARG_STRING, &roles, N_("Who will read it: roles, comma separated (required)"), N_("ROLES") },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("Write to FILE (.pdf or .md)"), N_("FILE") },
    { "paper", 0, 0, G_OPTION_ARG_STRING, &paper_name, N_("a4 or letter (default: from the locale, else a4)"), N_("SIZE") },
    { "language", 0, 0, G_OPTION_ARG_STRING, &language_name, N_("Write it in LANG: en or es (default: the app's language)"), N_("LANG") },
    { NULL }
  };

  if (!lw_cli_parse (cli, &argc, &argv, entries, N_("MEETING"),
                     minutes ? _("Writes the minutes of a meeting (id, date or “next”) redacted for an audience.")
                             : _("Writes the agenda handout of a meeting (id, date or “next”) redacted for an audience.")))
    return LW_EXIT_USAGE;
  if (argc < 2)
    return lw_cli_usage (cli, _("give the meeting: its id, its date or “next”"));
  if (argc > 2)
    return lw_cli_usage (cli, _("unexpected argument “%s”"), argv[2]);
  if (roles == NULL)
    return lw_cli_usage (cli, _("--audience ROLES is required: say who will read it"));
  if (!check_output (cli, output, FALSE, &status) || !parse_paper (cli, paper_name, &paper, &status) ||
      !parse_language (cli, language_name, &language, &status))
    return status;
  audience = lw_audience_parse (roles, &error);
  if (audience == NULL)
    return lw_cli_usage (cli, "%s", error->message);

  store = lw_cli_open_store (cli, &error);
  if (store == NULL)
    return lw_cli_fail (cli, error);
  meeting = lw_agenda_resolve_meeting (store, argv[1], &error);
  if (meeting == NULL)
    return lw_cli_fail (cli, error);

  previous = lw_i18n_push (language);
  ok = minutes ? lw_export_minutes (store, meeting->id, audience, output, paper, &error)
               : lw_export_handout (store, meeting->id, audience, output, paper, &error);
  lw_i18n_pop (previous);
  if (!ok)
    return lw_cli_fail (cli, error);
  print_written (cli, minutes ? WROTE_MINUTES : WROTE_HANDOUT, output, audience);
  return LW_EXIT_OK;
}

int
lw_cli_minutes (LwCli  *cli,
                int     argc,
                char  **argv)
{
  return meeting_document (cli, argc, argv, TRUE);
}

int
lw_cli_handout (LwCli  *cli,
                int     argc,
                char  **argv)
{
  return meeting_document (cli, argc, argv, FALSE);
}

/* The member called name (case-insensitive), else the only one whose name
 * contains it. */
static LwPerson *
find_person (LwStore     *store,
             const char  *name,
             GError     **error)
{
  g_autoptr(GPtrArray) people = lw_store_list (store, &lw_person_table, NULL, 0, error);
  g_autofree char *wanted = NULL;
  LwPerson *exact = NULL, *partial = NULL;
  guint n_exact = 0, n_partial = 0;

  if (people == NULL)
    return NULL;
  wanted = g_utf8_casefold (name, -1);
  for (guint i = 0; i < people->len; i++)
    {
      LwPerson *person = g_ptr_array_index (people, i);
      g_autofree char *key = g_utf8_casefold (person->name, -1);

      if (g_str_equal (key, wanted))
        {
          exact = person;
          n_exact++;
        }
      else if (strstr (key, wanted) != NULL)
        {
          partial = person;
          n_partial++;
        }
    }
  if (n_exact == 1)
    return lw_record_copy (exact);
  if (n_exact == 0 && n_partial == 1)
    return lw_record_copy (partial);
  if (n_exact + n_partial == 0)
    g_set_error (error, LW_ERROR, LW_ERROR_NOT_FOUND,
                 _("No workgroup member is called “%s”"), name);
  else
    g_set_error (error, LW_ERROR, LW_ERROR_INVALID,
                 _("%u workgroup members match “%s”; give the full name"),
                 n_exact > 0 ? n_exact : n_partial, name);
  return NULL;
}

/* The export behind “actions --owner NAME --output FILE”, for the command that
 * owns the word “actions”. */
int
lw_cli_actions_export (LwCli      *cli,
                       const char *owner,
                       const char *output,
                       const char *paper_name,
                       const char *language_name)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LwStore) store = NULL;
  g_autoptr(LwPerson) person = NULL;
  const char *language = NULL;
  const char *previous;
  LwPaper paper;
  int status = LW_EXIT_USAGE;
  gboolean ok;

  if (owner == NULL)
    return lw_cli_usage (cli, _("--owner NAME is required with --output"));
  if (!check_output (cli, output, FALSE, &status) || !parse_paper (cli, paper_name, &paper, &status) ||
      !parse_language (cli, language_name, &language, &status))
    return status;

  store = lw_cli_open_store (cli, &error);
  if (store == NULL)
    return lw_cli_fail (cli, error);
  person = find_person (store, owner, &error);
  if (person == NULL)
    return lw_cli_fail (cli, error);
  previous = lw_i18n_push (language);
  ok = lw_export_actions (store, person->id, output, paper, &error);
  lw_i18n_pop (previous);
  if (!ok)
    return lw_cli_fail (cli, error);
  {
    g_autoptr(LwAudience) audience = lw_audience_new_for_roles (LW_ROLE_BIT (person->role));
    print_written (cli, WROTE_ACTIONS, output, audience);
  }
  return LW_EXIT_OK;
}

/* ----------------------------------------------------------------------------
 * Roster
 */

static const char *
import_summary (LwImportKind kind)
{
  switch (kind)
    {
    case LW_IMPORT_PARTICIPANTS:
      return N_("Imports participants from a CSV file with a header row: all rows or none. "
                "It reads what “export participants” writes (keys or labels, English or Spanish "
                "headers). Columns: code, legal_name, referral_route and status are required; the "
                "other fields of a participant may follow, in any order.");
    case LW_IMPORT_MEMBERS:
      return N_("Imports workgroup members from a CSV file: name and role are required; agency "
                "and active may follow.");
    case LW_IMPORT_CONSENTS:
      return N_("Imports releases of information from a CSV file: participant (the code), "
                "categories and signed_date are required; recipient_role, recipient_agency, "
                "expires and revoked may follow.");
    case LW_IMPORT_MATTERS:
      return N_("Imports legal matters from a CSV file: participant (the code) and case_number "
                "are required; court, charge, filed_date, before_referral, status and "
                "next_court_date may follow.");
    case LW_IMPORT_CONTACTS:
      return N_("Imports contacts from a CSV file: participant (the code), date and kind are "
                "required; staff, note and concerns may follow. Each participant's last contact "
                "follows from them.");
    case LW_N_IMPORT_KINDS:
    default:
      g_assert_not_reached ();
    }
}

static int
import_kind (LwCli        *cli,
             int           argc,
             char        **argv,
             LwImportKind  kind)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LwStore) store = NULL;
  g_autoptr(LwImportResult) result = NULL;
  g_autofree char *as = NULL;
  gboolean dry_run = FALSE;
  int role;
  const GOptionEntry entries[] = {
    { "dry-run", 'n', 0, G_OPTION_ARG_NONE, &dry_run, N_("Check the file and report; write nothing"), NULL },
    { "as", 0, 0, G_OPTION_ARG_STRING, &as, N_("Import as this role (default: project-manager); it writes only what it sees in full"), N_("ROLE") },
    { NULL }
  };

  if (!lw_cli_parse (cli, &argc, &argv, entries, N_("FILE.csv"), _(import_summary (kind))))
    return LW_EXIT_USAGE;
  if (argc < 2)
    return lw_cli_usage (cli, _("give the CSV file to import"));
  if (argc > 2)
    return lw_cli_usage (cli, _("unexpected argument “%s”"), argv[2]);
  role = lw_role_from_string (as ? as : "project-manager");
  if (role < 0)
    return lw_cli_usage (cli, _("--as takes one role, such as project-manager or case-manager"));

  store = lw_cli_open_store (cli, &error);
  if (store == NULL)
    return lw_cli_fail (cli, error);
  result = lw_import_file (store, kind, role, argv[1], dry_run, &error);
  if (result == NULL)
    return lw_cli_fail (cli, error);

  /* problems are not output: they go with the error, one line each */
  for (guint i = 0; i < result->problems->len; i++)
    {
      const LwImportProblem *problem = g_ptr_array_index (result->problems, i);

      if (problem->line > 0)
        fprintf (stderr, _("%s:%u: %s\n"), argv[1], problem->line, problem->message);
      else
        fprintf (stderr, "%s: %s\n", argv[1], problem->message);
    }
  if (cli->json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();

      json_builder_begin_object (b);
      lw_cli_json_int (b, "rows", result->n_rows);
      lw_cli_json_int (b, "imported", result->n_imported);
      lw_cli_json_bool (b, "dry_run", dry_run);
      json_builder_set_member_name (b, "problems");
      json_builder_begin_array (b);
      for (guint i = 0; i < result->problems->len; i++)
        {
          const LwImportProblem *problem = g_ptr_array_index (result->problems, i);

          json_builder_begin_object (b);
          lw_cli_json_int (b, "line", problem->line);
          lw_cli_json_string (b, "message", problem->message);
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
      json_builder_end_object (b);
      lw_cli_print_json (json_builder_get_root (b));
    }

  if (result->problems->len > 0)
    {
      fprintf (stderr, g_dngettext (GETTEXT_PACKAGE,
                                    "lead-workgroup %s: %u problem in %s; nothing was imported\n",
                                    "lead-workgroup %s: %u problems in %s; nothing was imported\n",
                                    result->problems->len),
               cli->command, result->problems->len, argv[1]);
      return LW_EXIT_FAILED;
    }
  if (!cli->json)
    {
      if (dry_run)
        printf (g_dngettext (GETTEXT_PACKAGE,
                             "%u row checked, no problems; nothing was written (dry run)\n",
                             "%u rows checked, no problems; nothing was written (dry run)\n",
                             result->n_rows), result->n_rows);
      else
        printf (g_dngettext (GETTEXT_PACKAGE, "Imported %u row (%s)\n", "Imported %u rows (%s)\n",
                             result->n_imported), result->n_imported, lw_import_kind_to_string (kind));
    }
  return LW_EXIT_OK;
}

int
lw_cli_import_participants (LwCli  *cli,
                            int     argc,
                            char  **argv)
{
  return import_kind (cli, argc, argv, LW_IMPORT_PARTICIPANTS);
}

int
lw_cli_import_members (LwCli  *cli,
                       int     argc,
                       char  **argv)
{
  return import_kind (cli, argc, argv, LW_IMPORT_MEMBERS);
}

int
lw_cli_import_consents (LwCli  *cli,
                        int     argc,
                        char  **argv)
{
  return import_kind (cli, argc, argv, LW_IMPORT_CONSENTS);
}

int
lw_cli_import_matters (LwCli  *cli,
                       int     argc,
                       char  **argv)
{
  return import_kind (cli, argc, argv, LW_IMPORT_MATTERS);
}

int
lw_cli_import_contacts (LwCli  *cli,
                        int     argc,
                        char  **argv)
{
  return import_kind (cli, argc, argv, LW_IMPORT_CONTACTS);
}

int
lw_cli_export_participants (LwCli  *cli,
                            int     argc,
                            char  **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LwStore) store = NULL;
  g_autoptr(LwAudience) audience = NULL;
  g_autofree char *roles = NULL;
  g_autofree char *output = NULL;
  g_autofree char *language_name = NULL;
  const char *language = NULL;
  guint n_rows = 0;
  int status = LW_EXIT_USAGE;
  const GOptionEntry entries[] = {
    { "as", 0, 0, G_OPTION_ARG_STRING, &roles, N_("Who will read it: roles, comma separated (required)"), N_("ROLES") },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("Write to FILE.csv"), N_("FILE") },
    { "language", 0, 0, G_OPTION_ARG_STRING, &language_name, N_("Write it in LANG: en or es (default: the app's language)"), N_("LANG") },
    { NULL }
  };

  if (!lw_cli_parse (cli, &argc, &argv, entries, NULL,
                     _("Writes the roster as CSV with only the fields the audience may see.")))
    return LW_EXIT_USAGE;
  if (argc > 1)
    return lw_cli_usage (cli, _("unexpected argument “%s”"), argv[1]);
  if (roles == NULL)
    return lw_cli_usage (cli, _("--as ROLES is required: say who will read it"));
  if (!check_output (cli, output, TRUE, &status) ||
      !parse_language (cli, language_name, &language, &status))
    return status;
  audience = lw_audience_parse (roles, &error);
  if (audience == NULL)
    return lw_cli_usage (cli, "%s", error->message);

  store = lw_cli_open_store (cli, &error);
  if (store == NULL)
    return lw_cli_fail (cli, error);
  if (!lw_export_participants_csv_in (store, audience, output, language, &n_rows, &error))
    return lw_cli_fail (cli, error);
  if (cli->json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();
      g_autofree char *names = lw_audience_to_string (audience);

      json_builder_begin_object (b);
      lw_cli_json_string (b, "output", output);
      lw_cli_json_string (b, "audience", names);
      lw_cli_json_int (b, "rows", n_rows);
      json_builder_end_object (b);
      lw_cli_print_json (json_builder_get_root (b));
    }
  else
    printf (g_dngettext (GETTEXT_PACKAGE, "Wrote %u participant to %s\n", "Wrote %u participants to %s\n", n_rows),
            n_rows, output);
  return LW_EXIT_OK;
}

/* ----------------------------------------------------------------------------
 * Backup and restore
 */

int
lw_cli_backup (LwCli  *cli,
               int     argc,
               char  **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LwStore) store = NULL;

  if (!lw_cli_parse (cli, &argc, &argv, NULL, N_("FILE"),
                     _("Writes a consistent copy of the program file, still encrypted, while it may be in use.")))
    return LW_EXIT_USAGE;
  if (argc < 2)
    return lw_cli_usage (cli, _("give the file to write the backup to"));
  if (argc > 2)
    return lw_cli_usage (cli, _("unexpected argument “%s”"), argv[2]);
  if (!lw_check_output_path (argv[1], &error))
    return lw_cli_fail (cli, error);

  store = lw_cli_open_store (cli, &error);
  if (store == NULL)
    return lw_cli_fail (cli, error);
  if (!lw_backup_create (store, argv[1], &error))
    return lw_cli_fail (cli, error);
  if (cli->json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();

      json_builder_begin_object (b);
      lw_cli_json_string (b, "backup", argv[1]);
      json_builder_end_object (b);
      lw_cli_print_json (json_builder_get_root (b));
    }
  else
    printf (_("Backup written to %s\n"), argv[1]);
  return LW_EXIT_OK;
}

int
lw_cli_restore (LwCli  *cli,
                int     argc,
                char  **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  char *passphrase;
  gboolean ok;

  if (!lw_cli_parse (cli, &argc, &argv, NULL, N_("FILE"),
                     _("Replaces the program file with a backup, once the backup has been unlocked with "
                       "the passphrase and has passed the check; otherwise changes nothing.")))
    return LW_EXIT_USAGE;
  if (argc < 2)
    return lw_cli_usage (cli, _("give the backup file to restore"));
  if (argc > 2)
    return lw_cli_usage (cli, _("unexpected argument “%s”"), argv[2]);

  passphrase = lw_cli_read_passphrase (cli, cli->passphrase_file, TRUE,
                                       _("Passphrase of the backup: "), FALSE, &error);
  if (passphrase == NULL)
    return lw_cli_fail (cli, error);
  ok = lw_backup_restore (lw_cli_database (cli), argv[1], passphrase, strlen (passphrase),
                          problems, &error);
  lw_cli_passphrase_free (passphrase);
  if (!ok)
    {
      for (guint i = 0; i < problems->len; i++)
        fprintf (stderr, "%s\n", (const char *) g_ptr_array_index (problems, i));
      return lw_cli_fail (cli, error);
    }
  if (cli->json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();

      json_builder_begin_object (b);
      lw_cli_json_string (b, "database", lw_cli_database (cli));
      lw_cli_json_string (b, "restored_from", argv[1]);
      json_builder_end_object (b);
      lw_cli_print_json (json_builder_get_root (b));
    }
  else
    printf (_("Restored %s from %s\n"), lw_cli_database (cli), argv[1]);
  return LW_EXIT_OK;
}
