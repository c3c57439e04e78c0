/* lw-cli.c: command dispatch, options, passphrases, output
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lw-cli"

#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <termios.h>
#include <unistd.h>

#include "lw/lw-error.h"
#include "lw/lw-vault.h"
#include "lw-cli.h"
#include "lw-cli-private.h"

#define PASSPHRASE_MAX 1024

static const LwCliCommand commands[] = {
  { "init", NULL, lw_cli_init, "", N_("Create a new, empty program file") },
  { "demo", NULL, lw_cli_demo, "", N_("Write a synthetic demo program") },
  { "passphrase", "change", lw_cli_passphrase_change, "", N_("Change the passphrase") },
  { "check", NULL, lw_cli_check, "", N_("Check the file: integrity, every sealed value, the audit chain") },
  { "audit", "verify", lw_cli_audit_verify, "", N_("Verify the audit chain") },
  { "audit", "list", lw_cli_audit_list, "", N_("List the audit log") },
  { "participant", "list", lw_cli_participant_list, "", N_("List participants as an audience may see them") },
  { "participant", "show", lw_cli_participant_show, "", N_("Show a participant as an audience may see it") },
  { "participant", "add", lw_cli_participant_add, "", N_("Take in a new referral") },
  { "participant", "edit", lw_cli_participant_edit, "", N_("Change a participant; a new status is dated") },
  { "member", "add", lw_cli_member_add, "", N_("Add a workgroup member") },
  { "member", "list", lw_cli_member_list, "", N_("List the workgroup members") },
  { "member", "edit", lw_cli_member_edit, "", N_("Change or deactivate a workgroup member") },
  { "goal", "add", lw_cli_goal_add, "", N_("Add a goal to a participant's plan") },
  { "goal", "edit", lw_cli_goal_edit, "", N_("Change a plan goal, or mark it met or dropped") },
  { "contact", "add", lw_cli_contact_add, "", N_("Log a contact with a participant") },
  { "matter", "add", lw_cli_matter_add, "", N_("Record a participant's court case") },
  { "matter", "edit", lw_cli_matter_edit, "", N_("Change a legal matter") },
  { "consent", "add", lw_cli_consent_add, "", N_("Record a release of information (ROI)") },
  { "consent", "revoke", lw_cli_consent_revoke, "", N_("Revoke a release of information") },
  { "consent", "list", lw_cli_consent_list, "", N_("List a participant's releases and who may see what today") },
  { "action", "edit", lw_cli_action_edit, "", N_("Change an action item's text, owner or due date") },
  { "position", "add", lw_cli_position_add, "", N_("Record the prosecutor's position on a legal matter") },
  { "position", "list", lw_cli_position_list, "", N_("A participant's prosecution positions, matter by matter") },
  { "decision", "add", lw_cli_decision_add, "", N_("Record an officer's divert / not-divert decision") },
  { "decision", "list", lw_cli_decision_list, "", N_("Review diversion decisions with their counts") },
  { "concern", "add", lw_cli_concern_add, "", N_("Record a community concern") },
  { "concern", "respond", lw_cli_concern_respond, "", N_("Record what was done about a concern; respond or close it") },
  { "concern", "list", lw_cli_concern_list, "", N_("List community concerns with their age") },
  { "report-back", NULL, lw_cli_report_back, "", N_("Write the report back to a community meeting (PDF or Markdown)") },
  { "policy", "show", lw_cli_policy_show, "", N_("Show the need-to-know matrix") },
  { "policy", "set", lw_cli_policy_set, "", N_("Change one cell of the need-to-know matrix") },
  { "policy", "agency", lw_cli_policy_agency, "", N_("List or mark substance-use treatment programs (42 CFR Part 2)") },
  { "meeting", "list", lw_cli_meeting_list, "", N_("List the meetings") },
  { "meeting", "show", lw_cli_meeting_show, "", N_("Show a meeting: agenda, attendees, the room's audience, action items") },
  { "agenda", "suggest", lw_cli_agenda_suggest, "", N_("Propose an agenda for a meeting, with reasons") },
  { "actions", NULL, lw_cli_actions, "", N_("List action items across meetings") },
  { "minutes", NULL, lw_cli_minutes, "", N_("Write a meeting's minutes for an audience (PDF or Markdown)") },
  { "handout", NULL, lw_cli_handout, "", N_("Write a meeting's agenda handout for an audience") },
  { "import", "participants", lw_cli_import_participants, "", N_("Import participants from CSV: all rows or none") },
  { "import", "members", lw_cli_import_members, "", N_("Import workgroup members from CSV: all rows or none") },
  { "import", "consents", lw_cli_import_consents, "", N_("Import releases of information from CSV: all rows or none") },
  { "import", "matters", lw_cli_import_matters, "", N_("Import legal matters from CSV: all rows or none") },
  { "import", "contacts", lw_cli_import_contacts, "", N_("Import contacts from CSV: all rows or none") },
  { "export", "participants", lw_cli_export_participants, "", N_("Write the roster as CSV for an audience") },
  { "report", "extract", lw_cli_report_extract, "", N_("Write the evaluator's de-identified extract (CSV) and its data dictionary") },
  { "report", NULL, lw_cli_report, "", N_("Program metrics for a period and an audience (PDF, Markdown, CSV)") },
  { "backup", NULL, lw_cli_backup, "", N_("Write an encrypted backup, even while the file is in use") },
  { "restore", NULL, lw_cli_restore, "", N_("Replace the program file with a checked backup") },
};

static const LwCliCommand *
find_command (int    argc,
              char **argv,
              int   *n_words)
{
  if (argc < 2 || argv[1] == NULL)
    return NULL;
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      if (g_strcmp0 (commands[i].name, argv[1]) != 0)
        continue;
      if (commands[i].sub == NULL)
        {
          *n_words = 1;
          return &commands[i];
        }
      if (argc >= 3 && g_strcmp0 (commands[i].sub, argv[2]) == 0)
        {
          *n_words = 2;
          return &commands[i];
        }
    }
  return NULL;
}

static gboolean
is_command_word (const char *word)
{
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    if (g_strcmp0 (commands[i].name, word) == 0)
      return TRUE;
  return g_strcmp0 (word, "help") == 0;
}

gboolean
lw_cli_is_command (int    argc,
                   char **argv)
{
  return argc >= 2 && argv[1] != NULL && is_command_word (argv[1]);
}

static void
print_help (FILE *out)
{
  fprintf (out, "%s\n", _("Usage: lead-workgroup [--demo | --database FILE] [--present MEETING [--projector]]"));
  fprintf (out, "       %s\n\n", _("lead-workgroup COMMAND [OPTIONS]"));
  fprintf (out, "%s\n", _("Commands:"));
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      g_autofree char *words = g_strjoin (" ", commands[i].name, commands[i].sub, NULL);
      fprintf (out, "  %-22s %s\n", words, _(commands[i].summary));
    }
  fprintf (out, "\n%s\n", _("Every command takes --database FILE, --passphrase-file FILE and --json;\n"
                             "the passphrase may also come from LEAD_WORKGROUP_PASSPHRASE.\n"
                             "Run “lead-workgroup COMMAND --help” for the options of a command."));
}

int
lw_cli_check_app_args (int    argc,
                       char **argv)
{
  /* the app's options (lw-application.c); those with a value take the next word */
  static const char * const flags[] = { "--demo", "--projector", "-h", "--help", "--help-all",
                                        "--help-gapplication", NULL };
  static const char * const valued[] = { "--database", "-d", "--present", NULL };
  static const char * const command_options[] = { "--json", "--passphrase-file", "--actor", NULL };

  for (int i = 1; i < argc; i++)
    {
      const char *arg = argv[i];
      g_autofree char *name = NULL;
      const char *eq;

      if (arg[0] != '-')
        {
          fprintf (stderr, _("lead-workgroup: unknown command “%s”; run “lead-workgroup help”\n"), arg);
          return LW_EXIT_USAGE;
        }
      eq = strchr (arg, '=');
      name = eq ? g_strndup (arg, eq - arg) : g_strdup (arg);
      if (g_strv_contains (flags, name) && eq == NULL)
        continue;
      if (g_strv_contains (valued, name))
        {
          if (eq == NULL)
            i++;
          continue;
        }
      if (g_strv_contains (command_options, name))
        fprintf (stderr, _("lead-workgroup: %s goes with a command, as in “lead-workgroup audit list %s”; run “lead-workgroup help”\n"),
                 name, name);
      else
        fprintf (stderr, _("lead-workgroup: unknown option “%s”; run “lead-workgroup --help”\n"), name);
      return LW_EXIT_USAGE;
    }
  return -1;
}

int
lw_cli_main (int    argc,
             char **argv)
{
  g_autoptr(GError) error = NULL;
  const LwCliCommand *command;
  LwCli cli = { 0 };
  g_autofree char *words = NULL;
  g_auto(GStrv) args = NULL;
  int n_words = 0;
  int n_args = 0;
  int ret;

  if (g_strcmp0 (argv[1], "help") == 0)
    {
      print_help (stdout);
      return LW_EXIT_OK;
    }

  command = find_command (argc, argv, &n_words);
  if (command == NULL)
    {
      fprintf (stderr, _("lead-workgroup: unknown command “%s%s%s”; run “lead-workgroup help”\n"),
               argv[1], argc >= 3 ? " " : "", argc >= 3 ? argv[2] : "");
      return LW_EXIT_USAGE;
    }

  if (!lw_vault_init (&error))
    {
      fprintf (stderr, "lead-workgroup: %s\n", error->message);
      return LW_EXIT_FAILED;
    }

  words = g_strjoin (" ", command->name, command->sub, NULL);
  cli.command = words;

  /* argv[0] becomes "lead-workgroup WORDS" so that --help reads naturally; a
   * string vector, because option parsing frees what it removes from it */
  args = g_new0 (char *, argc + 1);
  args[n_args++] = g_strdup_printf ("lead-workgroup %s", words);
  for (int i = 1 + n_words; i < argc; i++)
    args[n_args++] = g_strdup (argv[i]);

  ret = command->func (&cli, n_args, args);

  /* output lost on a full disk or a closed pipe is a failure, not a success */
  if (fflush (stdout) != 0 || ferror (stdout))
    {
      int saved = errno;

      if (ret == LW_EXIT_OK)
        {
          fprintf (stderr, _("lead-workgroup %s: writing the output failed (%s); it is incomplete or missing\n"),
                   words, g_strerror (saved ? saved : EIO));
          ret = LW_EXIT_FAILED;
        }
    }

  g_free (cli.database);
  g_free (cli.passphrase_file);
  g_free (cli.actor);
  return ret;
}

/* Free text must be plain (lw_text_is_plain()); a file name may be any bytes
 * but control characters. */
static gboolean
argument_is_clean (const char *value,
                   gboolean    filename)
{
  if (!filename)
    return lw_text_is_plain (value);

  for (const guchar *p = (const guchar *) value; *p != '\0'; p++)
    if (*p < 0x20 || *p == 0x7f)
      return FALSE;
  return TRUE;
}

/* The first option of entries whose value is not clean, or NULL. */
static const GOptionEntry *
unclean_option (const GOptionEntry *entries)
{
  for (const GOptionEntry *e = entries; e != NULL && e->long_name != NULL; e++)
    {
      const char *value;

      if (e->arg != G_OPTION_ARG_STRING && e->arg != G_OPTION_ARG_FILENAME)
        continue;
      value = *(char **) e->arg_data;
      if (value != NULL && !argument_is_clean (value, e->arg == G_OPTION_ARG_FILENAME))
        return e;
    }
  return NULL;
}

gboolean
lw_cli_parse (LwCli              *cli,
              int                *argc,
              char             ***argv,
              const GOptionEntry *extra,
              const char         *parameters,
              const char         *summary)
{
  const GOptionEntry common[] = {
    { "database", 'd', 0, G_OPTION_ARG_FILENAME, &cli->database, N_("The program file"), N_("FILE") },
    { "passphrase-file", 0, 0, G_OPTION_ARG_FILENAME, &cli->passphrase_file, N_("Read the passphrase from the first line of FILE"), N_("FILE") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &cli->json, N_("Print JSON"), NULL },
    { "actor", 0, 0, G_OPTION_ARG_STRING, &cli->actor, N_("Who is acting, for the audit log (default: login name)"), N_("NAME") },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (parameters);
  g_autoptr(GError) error = NULL;

  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_add_main_entries (context, common, GETTEXT_PACKAGE);
  if (extra != NULL)
    g_option_context_add_main_entries (context, extra, GETTEXT_PACKAGE);
  if (summary != NULL)
    g_option_context_set_summary (context, summary);

  if (!g_option_context_parse_strv (context, argv, &error))
    {
      fprintf (stderr, "%s: %s\n", (*argv)[0], error->message);
      return FALSE;
    }

  /* refused before anything is opened, and never echoed: the value itself is
   * what could forge a line */
  {
    const GOptionEntry *bad = unclean_option (common);

    if (bad == NULL)
      bad = unclean_option (extra);
    if (bad != NULL)
      {
        fprintf (stderr, _("%s: --%s holds a control character or is not valid UTF-8; give it as plain text\n"),
                 (*argv)[0], bad->long_name);
        return FALSE;
      }
    for (guint i = 1; (*argv)[i] != NULL; i++)
      if (!argument_is_clean ((*argv)[i], FALSE))
        {
          fprintf (stderr, _("%s: argument %u holds a control character or is not valid UTF-8; give it as plain text\n"),
                   (*argv)[0], i);
          return FALSE;
        }
  }

  *argc = g_strv_length (*argv);
  return TRUE;
}

int
lw_cli_fail (LwCli  *cli,
             GError *error)
{
  fprintf (stderr, "lead-workgroup %s: %s\n",
           cli->command ? cli->command : "",
           error ? error->message : _("failed"));
  return LW_EXIT_FAILED;
}

int
lw_cli_usage (LwCli      *cli,
              const char *format,
              ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  fprintf (stderr, _("lead-workgroup %s: %s (see --help)\n"),
           cli->command ? cli->command : "", message);
  return LW_EXIT_USAGE;
}

gboolean
lw_cli_one_argument (LwCli       *cli,
                     int          argc,
                     char       **argv,
                     const char  *missing,
                     int         *status)
{
  if (argc < 2)
    {
      *status = lw_cli_usage (cli, "%s", missing);
      return FALSE;
    }
  return lw_cli_no_argument (cli, argc - 1, argv + 1, status);
}

gboolean
lw_cli_no_argument (LwCli  *cli,
                    int     argc,
                    char  **argv,
                    int    *status)
{
  if (argc > 1)
    {
      *status = lw_cli_usage (cli, _("unexpected argument “%s”"), argv[1]);
      return FALSE;
    }
  return TRUE;
}

gboolean
lw_cli_require (LwCli       *cli,
                const char  *value,
                const char  *option,
                int         *status)
{
  if (value == NULL)
    {
      *status = lw_cli_usage (cli, _("%s is required"), option);
      return FALSE;
    }
  return TRUE;
}

gboolean
lw_cli_check_date (LwCli       *cli,
                   const char  *value,
                   const char  *option,
                   int         *status)
{
  if (value != NULL && !lw_date_is_valid (value))
    {
      *status = lw_cli_usage (cli, _("%s: not a date; write it as YYYY-MM-DD, for example 2026-03-31"), option);
      return FALSE;
    }
  return TRUE;
}

const char *
lw_cli_database (LwCli *cli)
{
  if (cli->database == NULL)
    cli->database = g_build_filename (g_get_user_data_dir (), "lead-workgroup",
                                      "program.lwdb", NULL);
  return cli->database;
}

static char *
secure_buffer (void)
{
  char *buf = sodium_malloc (PASSPHRASE_MAX + 1);

  if (buf == NULL)
    g_error ("out of secure memory");
  memset (buf, 0, PASSPHRASE_MAX + 1);
  return buf;
}

/* Strips one trailing newline (and carriage return). */
static void
chomp (char *buf)
{
  gsize len = strlen (buf);

  while (len > 0 && (buf[len - 1] == '\n' || buf[len - 1] == '\r'))
    buf[--len] = '\0';
}

static gboolean
read_passphrase_file (const char *file,
                      char       *buf,
                      GError    **error)
{
  FILE *fp = fopen (file, "re");
  GStatBuf st;
  gboolean failed;
  size_t n;

  if (fp == NULL)
    {
      int saved = errno;
      g_set_error (error, LW_ERROR, LW_ERROR_FAILED,
                   _("Cannot read the passphrase file “%s”: %s"), file, g_strerror (saved));
      return FALSE;
    }
  /* a folder opens, then reads as nothing: not an empty passphrase */
  if (fstat (fileno (fp), &st) == 0 && S_ISDIR (st.st_mode))
    {
      fclose (fp);
      g_set_error (error, LW_ERROR, LW_ERROR_FAILED,
                   _("The passphrase file “%s” is a folder; give a file whose first line is the passphrase"), file);
      return FALSE;
    }
  setvbuf (fp, NULL, _IONBF, 0); /* no copy of the passphrase in a stdio buffer */
  n = fread (buf, 1, PASSPHRASE_MAX, fp);
  failed = ferror (fp);
  fclose (fp);
  if (failed)
    {
      sodium_memzero (buf, PASSPHRASE_MAX + 1);
      g_set_error (error, LW_ERROR, LW_ERROR_FAILED,
                   _("Cannot read the passphrase file “%s”"), file);
      return FALSE;
    }
  buf[n] = '\0';
  /* first line only */
  buf[strcspn (buf, "\n")] = '\0';
  chomp (buf);
  return TRUE;
}

static gboolean
read_passphrase_tty (const char *prompt,
                     char       *buf,
                     GError    **error)
{
  struct termios old, quiet;
  gboolean restore = FALSE;
  FILE *tty = fopen ("/dev/tty", "r+e");

  if (tty == NULL)
    {
      g_set_error (error, LW_ERROR, LW_ERROR_FAILED,
                   _("No passphrase given and no terminal to ask on: use --passphrase-file FILE or set LEAD_WORKGROUP_PASSPHRASE"));
      return FALSE;
    }
  setvbuf (tty, NULL, _IONBF, 0);
  fprintf (tty, "%s", prompt);
  if (tcgetattr (fileno (tty), &old) == 0)
    {
      quiet = old;
      quiet.c_lflag &= ~(tcflag_t) ECHO;
      restore = tcsetattr (fileno (tty), TCSAFLUSH, &quiet) == 0;
    }
  if (fgets (buf, PASSPHRASE_MAX, tty) == NULL)
    buf[0] = '\0';
  if (restore)
    tcsetattr (fileno (tty), TCSAFLUSH, &old);
  fprintf (tty, "\n");
  fclose (tty);
  chomp (buf);
  return TRUE;
}

char *
lw_cli_read_passphrase (LwCli      *cli,
                        const char *file,
                        gboolean    allow_env,
                        const char *prompt,
                        gboolean    confirm,
                        GError    **error)
{
  char *buf = secure_buffer ();
  char *env;

  if (file != NULL)
    {
      if (!read_passphrase_file (file, buf, error))
        goto fail;
    }
  else if (allow_env && (env = getenv ("LEAD_WORKGROUP_PASSPHRASE")) != NULL)
    {
      g_strlcpy (buf, env, PASSPHRASE_MAX + 1);
      /* read once, then gone: wiped where it lies (the bytes that
       * /proc/PID/environ shows) and out of the environment of anything this
       * process starts */
      sodium_memzero (env, strlen (env));
      unsetenv ("LEAD_WORKGROUP_PASSPHRASE");
    }
  else
    {
      if (!read_passphrase_tty (prompt ? prompt : _("Passphrase: "), buf, error))
        goto fail;
      if (confirm)
        {
          char *again = secure_buffer ();
          gboolean same;

          if (!read_passphrase_tty (_("Repeat the passphrase: "), again, error))
            {
              sodium_free (again);
              goto fail;
            }
          same = strcmp (buf, again) == 0;
          sodium_free (again);
          if (!same)
            {
              g_set_error (error, LW_ERROR, LW_ERROR_INVALID,
                           _("The two passphrases differ; nothing was changed"));
              goto fail;
            }
        }
    }

  if (buf[0] == '\0')
    {
      g_set_error (error, LW_ERROR, LW_ERROR_INVALID,
                   _("The passphrase is empty; give one with --passphrase-file FILE or LEAD_WORKGROUP_PASSPHRASE"));
      goto fail;
    }
  return buf;

fail:
  sodium_free (buf);
  return NULL;
}

void
lw_cli_passphrase_free (char *passphrase)
{
  if (passphrase != NULL)
    sodium_free (passphrase);
}

static void
tell_busy (LwStore  *store,
           gpointer  user_data)
{
  LwCli *cli = user_data;

  fprintf (stderr, _("lead-workgroup %s: “%s” is in use by another program; waiting for it (up to %d seconds)…\n"),
           cli->command, lw_store_get_path (store), LW_STORE_BUSY_TIMEOUT);
}

LwStore *
lw_cli_open_store (LwCli   *cli,
                   GError **error)
{
  g_autoptr(LwStore) store = NULL;
  char *passphrase;
  gboolean ok;

  store = lw_store_open (lw_cli_database (cli), error);
  if (store == NULL)
    return NULL;
  if (cli->actor != NULL)
    lw_store_set_actor (store, cli->actor);
  lw_store_set_busy_func (store, tell_busy, cli);

  passphrase = lw_cli_read_passphrase (cli, cli->passphrase_file, TRUE, NULL, FALSE, error);
  if (passphrase == NULL)
    return NULL;
  ok = lw_store_unlock (store, passphrase, strlen (passphrase), error);
  lw_cli_passphrase_free (passphrase);
  if (!ok)
    return NULL;
  {
    g_auto(GStrv) warnings = lw_store_get_warnings (store);

    for (guint i = 0; warnings[i] != NULL; i++)
      fprintf (stderr, _("lead-workgroup %s: warning: %s\n"), cli->command, warnings[i]);
  }
  return g_steal_pointer (&store);
}

void
lw_cli_print_json (JsonNode *node)
{
  g_autoptr(JsonNode) owned = node;
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autofree char *text = NULL;

  json_generator_set_pretty (generator, TRUE);
  json_generator_set_root (generator, node);
  text = json_generator_to_data (generator, NULL);
  printf ("%s\n", text);
}

/* JSON members; a NULL string or a zero time is null. */

void
lw_cli_json_time (JsonBuilder *b,
                  const char  *name,
                  gint64       usec)
{
  json_builder_set_member_name (b, name);
  if (usec == 0)
    json_builder_add_null_value (b);
  else
    {
      g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc (usec / G_USEC_PER_SEC);
      g_autofree char *text = dt ? g_date_time_format_iso8601 (dt) : NULL;

      if (text)
        json_builder_add_string_value (b, text);
      else
        json_builder_add_null_value (b);
    }
}

void
lw_cli_json_string (JsonBuilder *b,
                    const char  *name,
                    const char  *value)
{
  json_builder_set_member_name (b, name);
  if (value)
    json_builder_add_string_value (b, value);
  else
    json_builder_add_null_value (b);
}

void
lw_cli_json_int (JsonBuilder *b,
                 const char  *name,
                 gint64       value)
{
  json_builder_set_member_name (b, name);
  json_builder_add_int_value (b, value);
}

void
lw_cli_json_bool (JsonBuilder *b,
                  const char  *name,
                  gboolean     value)
{
  json_builder_set_member_name (b, name);
  json_builder_add_boolean_value (b, value);
}
