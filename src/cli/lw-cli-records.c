/* lw-cli-records.c: members, participants, goals, contacts, legal matters,
 * releases and action items created and edited from the command line
 *
 * Every field option is made from the table descriptions (lw-cli-fields.c): a
 * column "next_court_date" is --next-court-date, a reference
 * "case_manager_id" is --case-manager.  Every value goes through
 * lw_edit_set_field () and every write through lw-edit, as the role given
 * with --as (default: project manager).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lw-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "lw/lw-audit.h"
#include "lw/lw-edit.h"
#include "lw/lw-error.h"
#include "lw/lw-model.h"
#include "lw/lw-vault.h"
#include "lw-cli-fields.h"

static gboolean
parse_id_argument (LwCli      *cli,
                   int         argc,
                   char      **argv,
                   const char *what,
                   LwId       *id,
                   int        *status)
{
  g_autofree char *missing = g_strdup_printf (_("give the number of the %s"), what);
  guint64 v;

  if (!lw_cli_one_argument (cli, argc, argv, missing, status))
    return FALSE;
  if (!g_ascii_string_to_unsigned (argv[1], 10, 1, G_MAXINT64, &v, NULL))
    {
      *status = lw_cli_usage (cli, _("“%s” is not a number; give the number of the %s"), argv[1], what);
      return FALSE;
    }
  *id = (LwId) v;
  return TRUE;
}

static gboolean
parse_code_argument (LwCli   *cli,
                     int      argc,
                     char   **argv,
                     int     *status)
{
  return lw_cli_one_argument (cli, argc, argv, _("which participant? Give a code such as P-0001"), status);
}

/* The stored record, the given fields changed, written back. */
static int
edit_record (LwCli         *cli,
             LwCliFields   *fields,
             LwRole         role,
             LwId           id,
             const char    *code)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LwStore) store = NULL;
  g_autoptr(LwRecord) record = NULL;
  g_autoptr(LwRecord) saved = NULL;
  g_autofree const LwColumnInfo **columns = lw_cli_fields_columns (fields);

  store = lw_cli_open_store (cli, &error);
  if (store == NULL)
    return lw_cli_fail (cli, error);
  if (code != NULL)
    record = (LwRecord *) lw_participant_find_by_code (store, code, &error);
  else
    record = lw_store_get (store, lw_cli_fields_get_table (fields), id, &error);
  if (record == NULL)
    return lw_cli_fail (cli, error);
  /* a field the role may not write is refused before its value is read: its
   * lookups (a participant by code, a member by name) say nothing either */
  for (guint i = 0; columns[i] != NULL; i++)
    if (!lw_edit_record_may_write (store, role, record, columns[i]) &&
        !lw_edit_update_columns (store, role, record, columns, NULL, &error))
      return lw_cli_fail (cli, error);
  /* only what was given is written, and refused by role whatever its value:
   * "Saved" must not confirm a value the role may not see */
  if (!lw_cli_fields_apply (fields, store, record, &error) ||
      !lw_edit_update_columns (store, role, record, columns, NULL, &error))
    return lw_cli_fail (cli, error);
  /* what was written, with what the core set (the date of a status change) */
  saved = lw_store_get (store, lw_cli_fields_get_table (fields), record->id, &error);
  if (saved == NULL)
    return lw_cli_fail (cli, error);
  lw_cli_print_record (cli, store, role, saved, FALSE);
  return LW_EXIT_OK;
}

static int
run_edit (LwCli             *cli,
          int                argc,
          char             **argv,
          const LwTableInfo *table,
          gboolean           by_code,
          const char        *summary)
{
  g_autoptr(LwCliFields) fields = NULL;
  g_autofree char *as = NULL;
  LwRole role = LW_ROLE_PROJECT_MANAGER;
  LwId id = 0;
  int status = LW_EXIT_USAGE;
  const GOptionEntry extra[] = { LW_CLI_AS_ROLE_ENTRY (as), { NULL } };

  fields = lw_cli_fields_new (table, NULL, extra);
  if (!lw_cli_parse (cli, &argc, &argv, lw_cli_fields_entries (fields),
                     by_code ? _("CODE") : _("ID"), summary))
    return LW_EXIT_USAGE;
  if (by_code ? !parse_code_argument (cli, argc, argv, &status)
              : !parse_id_argument (cli, argc, argv, _(table->label), &id, &status))
    return status;
  if (!lw_cli_parse_role (cli, as, &role, &status) || !lw_cli_fields_merge (cli, fields, &status))
    return status;
  if (!lw_cli_fields_any (fields))
    return lw_cli_usage (cli, _("nothing to change: give at least one field option"));
  return edit_record (cli, fields, role, id, by_code ? argv[1] : NULL);
}

/* ----------------------------------------------------------------------------
 * The commands
 */

static const LwCliAdd member_add = {
  .table = &lw_person_table,
  .required = (const char * const[]) { "name", "role", NULL },
  .summary = N_("Adds a workgroup member: name, role and agency."),
};

int
lw_cli_member_add (LwCli  *cli,
                   int     argc,
                   char  **argv)
{
  return lw_cli_run_add (cli, argc, argv, &member_add);
}

int
lw_cli_member_edit (LwCli  *cli,
                    int     argc,
                    char  **argv)
{
  return run_edit (cli, argc, argv, &lw_person_table, FALSE,
                   _("Changes a workgroup member. --active no deactivates: the member stays in the "
                     "history but is no longer offered as an owner, staff or attendee."));
}

int
lw_cli_member_list (LwCli  *cli,
                    int     argc,
                    char  **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LwStore) store = NULL;
  g_autoptr(GPtrArray) people = NULL;
  gboolean all = FALSE;
  int status = LW_EXIT_USAGE;
  const GOptionEntry entries[] = {
    { "all", 'a', 0, G_OPTION_ARG_NONE, &all, N_("Include members who are no longer active"), NULL },
    { NULL }
  };

  if (!lw_cli_parse (cli, &argc, &argv, entries, NULL,
                     _("Lists the workgroup members: number, name, role and agency.")))
    return LW_EXIT_USAGE;
  if (!lw_cli_no_argument (cli, argc, argv, &status))
    return status;

  store = lw_cli_open_store (cli, &error);
  if (store == NULL)
    return lw_cli_fail (cli, error);
  people = lw_edit_list_members (store, all, &error);
  if (people == NULL)
    return lw_cli_fail (cli, error);

  if (cli->json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();

      json_builder_begin_array (b);
      for (guint i = 0; i < people->len; i++)
        {
          const LwPerson *person = g_ptr_array_index (people, i);

          json_builder_begin_object (b);
          lw_cli_json_int (b, "id", person->id);
          lw_cli_json_string (b, "name", person->name);
          lw_cli_json_string (b, "role", lw_role_to_string (person->role));
          lw_cli_json_string (b, "agency", person->agency);
          lw_cli_json_bool (b, "active", person->active);
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
      lw_cli_print_json (json_builder_get_root (b));
      return LW_EXIT_OK;
    }
  for (guint i = 0; i < people->len; i++)
    {
      const LwPerson *person = g_ptr_array_index (people, i);

      printf ("%4" PRId64 "  %-28s %-26s %s%s\n", person->id, person->name ? person->name : "",
              lw_role_to_string (person->role), person->agency ? person->agency : "",
              person->active ? "" : _(" (inactive)"));
    }
  return LW_EXIT_OK;
}

static const LwCliAdd participant_add = {
  .table = &lw_participant_table,
  .required = (const char * const[]) { "legal_name", "referral_route", NULL },
  .summary = N_("Takes in a new referral. Without --code, the next free code (P-NNNN) is given.\n"
                "Members (--case-manager, --peer-worker) are named as in “member list”."),
};

int
lw_cli_participant_add (LwCli  *cli,
                        int     argc,
                        char  **argv)
{
  return lw_cli_run_add (cli, argc, argv, &participant_add);
}

int
lw_cli_participant_edit (LwCli  *cli,
                         int     argc,
                         char  **argv)
{
  return run_edit (cli, argc, argv, &lw_participant_table, TRUE,
                   _("Changes a participant. A new --status is dated today; --status exited needs --exit-reason."));
}

static const LwCliAdd goal_add = {
  .table = &lw_plan_goal_table,
  .required = (const char * const[]) { "domain", "text", NULL },
  .for_participant = TRUE,
  .summary = N_("Adds a goal to a participant's Individual Intervention Plan."),
};

int
lw_cli_goal_add (LwCli  *cli,
                 int     argc,
                 char  **argv)
{
  return lw_cli_run_add (cli, argc, argv, &goal_add);
}

int
lw_cli_goal_edit (LwCli  *cli,
                  int     argc,
                  char  **argv)
{
  return run_edit (cli, argc, argv, &lw_plan_goal_table, FALSE,
                   _("Changes a plan goal: --status met or dropped, its text or its target date."));
}

static const LwCliAdd contact_add = {
  .table = &lw_contact_table,
  .required = (const char * const[]) { "date", "kind", "staff_id", "note", NULL },
  .for_participant = TRUE,
  .summary = N_("Logs a contact with a participant; their last contact follows from it."),
};

int
lw_cli_contact_add (LwCli  *cli,
                    int     argc,
                    char  **argv)
{
  return lw_cli_run_add (cli, argc, argv, &contact_add);
}

static const LwCliAdd matter_add = {
  .table = &lw_legal_matter_table,
  .required = (const char * const[]) { "case_number", "court", "charge", NULL },
  .for_participant = TRUE,
  .summary = N_("Records a court case of a participant."),
};

int
lw_cli_matter_add (LwCli  *cli,
                   int     argc,
                   char  **argv)
{
  return lw_cli_run_add (cli, argc, argv, &matter_add);
}

int
lw_cli_matter_edit (LwCli  *cli,
                    int     argc,
                    char  **argv)
{
  return run_edit (cli, argc, argv, &lw_legal_matter_table, FALSE,
                   _("Changes a legal matter: its status, next court date and the rest."));
}

int
lw_cli_action_edit (LwCli  *cli,
                    int     argc,
                    char  **argv)
{
  return run_edit (cli, argc, argv, &lw_action_item_table, FALSE,
                   _("Changes an action item: its text, owner (reassign) or due date."));
}

/* ----------------------------------------------------------------------------
 * Releases of information
 */

/* "case-manager@Harbor Clinic", "case-manager", "@Harbor Clinic" */
static gboolean
parse_recipient (const char  *text,
                 int         *role,
                 char       **agency)
{
  const char *at = strchr (text, '@');
  g_autofree char *role_text = g_strstrip (at ? g_strndup (text, at - text) : g_strdup (text));
  g_autofree char *agency_text = at ? g_strstrip (g_strdup (at + 1)) : NULL;

  if (*role_text == '\0' || g_ascii_strcasecmp (role_text, "any") == 0)
    *role = -1;
  else if ((*role = lw_role_from_string (role_text)) < 0)
    return FALSE;
  if (agency_text != NULL && (*agency_text == '\0' || !lw_text_is_plain (agency_text)))
    return FALSE;
  if (*role < 0 && agency_text == NULL)
    return FALSE;
  *agency = g_steal_pointer (&agency_text);
  return TRUE;
}

int
lw_cli_consent_add (LwCli  *cli,
                    int     argc,
                    char  **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LwStore) store = NULL;
  g_autoptr(LwCliFields) fields = NULL;
  g_autoptr(LwParticipant) participant = NULL;
  g_autoptr(GPtrArray) records = g_ptr_array_new_with_free_func (lw_record_free);
  g_autofree char *as = NULL;
  g_auto(GStrv) recipients = NULL;
  LwRole role = LW_ROLE_PROJECT_MANAGER;
  int status = LW_EXIT_USAGE;
  guint n_recipients;
  const GOptionEntry extra[] = {
    LW_CLI_AS_ROLE_ENTRY (as),
    { "recipient", 0, 0, G_OPTION_ARG_STRING_ARRAY, &recipients,
      N_("Who may receive: a role, an agency (@AGENCY) or a role at an agency; repeat for several"),
      N_("ROLE[@AGENCY]") },
    { NULL }
  };

  fields = lw_cli_fields_new (&lw_consent_table, NULL, extra);
  if (!lw_cli_parse (cli, &argc, &argv, lw_cli_fields_entries (fields), _("CODE"),
                     _("Records a release of information (ROI) a participant signed: who may receive "
                       "which categories, from its signature until it expires or is revoked. "
                       "Each --recipient becomes one release with the same categories and dates.")))
    return LW_EXIT_USAGE;
  if (!parse_code_argument (cli, argc, argv, &status) ||
      !lw_cli_parse_role (cli, as, &role, &status) || !lw_cli_fields_merge (cli, fields, &status))
    return status;
  n_recipients = recipients ? g_strv_length (recipients) : 0;
  if (n_recipients > 0 && (lw_cli_fields_given (fields, "recipient_role") ||
                           lw_cli_fields_given (fields, "recipient_agency")))
    return lw_cli_usage (cli, _("give --recipient, or --recipient-role and --recipient-agency, not both"));
  if (n_recipients == 0 && !lw_cli_fields_given (fields, "recipient_role") &&
      !lw_cli_fields_given (fields, "recipient_agency"))
    return lw_cli_usage (cli, _("--recipient is required: say who may receive the information"));
  if (!lw_cli_fields_require (cli, fields, &status, "categories", "signed_date", NULL))
    return status;
  for (guint i = 0; i < n_recipients; i++)
    {
      g_autofree char *agency = NULL;
      int r;

      if (!parse_recipient (recipients[i], &r, &agency))
        return lw_cli_usage (cli, _("--recipient takes a role, @AGENCY or ROLE@AGENCY, such as case-manager@Harbor Clinic"));
    }

  store = lw_cli_open_store (cli, &error);
  if (store == NULL)
    return lw_cli_fail (cli, error);
  participant = lw_participant_find_by_code (store, argv[1], &error);
  if (participant == NULL)
    return lw_cli_fail (cli, error);
  for (guint i = 0; i < MAX (n_recipients, 1); i++)
    {
      LwConsent *consent = lw_edit_record_new (&lw_consent_table);

      g_ptr_array_add (records, consent);
      consent->participant_id = participant->id;
      if (!lw_cli_fields_apply (fields, store, consent, &error))
        return lw_cli_fail (cli, error);
      if (n_recipients > 0)
        {
          g_autofree char *agency = NULL;
          int r = -1;

          parse_recipient (recipients[i], &r, &agency);
          consent->recipient_role = r;
          consent->recipient_agency = g_steal_pointer (&agency);
        }
    }
  /* every release checked before any is written: all or none */
  for (guint i = 0; i < records->len; i++)
    if (!lw_edit_check (store, role, g_ptr_array_index (records, i), NULL, &error))
      {
        /* a refusal is recorded by the write that is refused */
        if (g_error_matches (error, LW_ERROR, LW_ERROR_DENIED))
          {
            g_clear_error (&error);
            lw_edit_insert (store, role, g_ptr_array_index (records, i), NULL, &error);
          }
        return lw_cli_fail (cli, error);
      }
  if (!lw_store_begin (store, &error))
    return lw_cli_fail (cli, error);
  for (guint i = 0; i < records->len; i++)
    if (!lw_edit_insert (store, role, g_ptr_array_index (records, i), NULL, &error))
      {
        lw_store_rollback (store);
        return lw_cli_fail (cli, error);
      }
  if (!lw_store_commit (store, &error))
    return lw_cli_fail (cli, error);

  if (cli->json && records->len > 1)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();

      json_builder_begin_array (b);
      for (guint i = 0; i < records->len; i++)
        {
          json_builder_begin_object (b);
          lw_cli_json_record_members (b, store, role, g_ptr_array_index (records, i));
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
      lw_cli_print_json (json_builder_get_root (b));
    }
  else
    for (guint i = 0; i < records->len; i++)
      lw_cli_print_record (cli, store, role, g_ptr_array_index (records, i), TRUE);
  return LW_EXIT_OK;
}

int
lw_cli_consent_revoke (LwCli  *cli,
                       int     argc,
                       char  **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LwStore) store = NULL;
  g_autoptr(LwConsent) consent = NULL;
  g_autofree char *as = NULL;
  g_autofree char *date = NULL;
  LwRole role = LW_ROLE_PROJECT_MANAGER;
  LwId id = 0;
  int status = LW_EXIT_USAGE;
  const GOptionEntry entries[] = {
    LW_CLI_AS_ROLE_ENTRY (as),
    { "date", 0, 0, G_OPTION_ARG_STRING, &date, N_("The date the participant revoked it (default: today)"), "YYYY-MM-DD" },
    { NULL }
  };

  if (!lw_cli_parse (cli, &argc, &argv, entries, _("ID"),
                     _("Revokes a release of information as of a date; from then on it allows nothing.")))
    return LW_EXIT_USAGE;
  if (!parse_id_argument (cli, argc, argv, _("release"), &id, &status) ||
      !lw_cli_parse_role (cli, as, &role, &status))
    return status;
  if (date != NULL && !lw_date_is_valid (date))
    return lw_cli_usage (cli, _("--date is not a date; write it as YYYY-MM-DD"));

  store = lw_cli_open_store (cli, &error);
  if (store == NULL)
    return lw_cli_fail (cli, error);
  if (!lw_edit_revoke_consent (store, role, id, date, &error))
    return lw_cli_fail (cli, error);
  consent = lw_store_get (store, &lw_consent_table, id, &error);
  if (consent == NULL)
    return lw_cli_fail (cli, error);
  lw_cli_print_record (cli, store, role, consent, FALSE);
  return LW_EXIT_OK;
}

int
lw_cli_consent_list (LwCli  *cli,
                     int     argc,
                     char  **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LwStore) store = NULL;
  g_autoptr(LwParticipant) participant = NULL;
  g_autoptr(GPtrArray) consents = NULL;
  g_autofree char *as = NULL;
  g_autofree char *today = lw_date_today ();
  g_autofree char *detail = NULL;
  g_auto(GStrv) sentences = NULL;
  LwRole role = LW_ROLE_PROJECT_MANAGER;
  int status = LW_EXIT_USAGE;
  guint in_effect = 0;
  gboolean full;
  const GOptionEntry entries[] = {
    { "as", 0, 0, G_OPTION_ARG_STRING, &as, N_("Show what this role may see (default: project-manager)"), N_("ROLE") },
    { NULL }
  };

  if (!lw_cli_parse (cli, &argc, &argv, entries, _("CODE"),
                     _("Lists a participant's releases of information, and says in plain words who may "
                       "see what today because of them. A role that does not see care notes in full "
                       "learns only how many are in effect.")))
    return LW_EXIT_USAGE;
  if (!parse_code_argument (cli, argc, argv, &status) || !lw_cli_parse_role (cli, as, &role, &status))
    return status;

  store = lw_cli_open_store (cli, &error);
  if (store == NULL)
    return lw_cli_fail (cli, error);
  participant = lw_participant_find_by_code (store, argv[1], &error);
  if (participant == NULL)
    return lw_cli_fail (cli, error);
  consents = lw_model_list_for (store, &lw_consent_table, participant->id, &error);
  if (consents == NULL)
    return lw_cli_fail (cli, error);
  for (guint i = 0; i < consents->len; i++)
    in_effect += lw_policy_consent_is_valid (g_ptr_array_index (consents, i), today);

  {
    g_autoptr(LwConsent) probe = lw_edit_record_new (&lw_consent_table);

    probe->participant_id = participant->id;
    full = lw_edit_record_may_see (store, role, probe, lw_table_find_column (&lw_consent_table, "categories"));
  }
  if (full)
    {
      sentences = lw_edit_describe_consents (store, participant->id, today, &error);
      if (sentences == NULL)
        return lw_cli_fail (cli, error);
      detail = g_strdup_printf ("consents participant=%s role=%s", participant->code, lw_role_to_string (role));
      if (!lw_audit_append (store, LW_AUDIT_VIEW, detail, &error))
        return lw_cli_fail (cli, error);
    }

  if (cli->json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();

      json_builder_begin_object (b);
      lw_cli_json_string (b, "code", participant->code);
      lw_cli_json_int (b, "in_effect", in_effect);
      if (full)
        {
          json_builder_set_member_name (b, "consents");
          json_builder_begin_array (b);
          for (guint i = 0; i < consents->len; i++)
            {
              json_builder_begin_object (b);
              lw_cli_json_record_members (b, store, role, g_ptr_array_index (consents, i));
              lw_cli_json_bool (b, "in_effect", lw_policy_consent_is_valid (g_ptr_array_index (consents, i), today));
              json_builder_end_object (b);
            }
          json_builder_end_array (b);
          json_builder_set_member_name (b, "today");
          json_builder_begin_array (b);
          for (guint i = 0; sentences[i] != NULL; i++)
            json_builder_add_string_value (b, sentences[i]);
          json_builder_end_array (b);
        }
      json_builder_end_object (b);
      lw_cli_print_json (json_builder_get_root (b));
      return LW_EXIT_OK;
    }

  if (!full)
    {
      printf (g_dngettext (GETTEXT_PACKAGE,
                           "%s: %u release of information in effect (as %s you see no more of them)\n",
                           "%s: %u releases of information in effect (as %s you see no more of them)\n",
                           in_effect),
              participant->code, in_effect, lw_role_to_string (role));
      return LW_EXIT_OK;
    }
  for (guint i = 0; i < consents->len; i++)
    {
      const LwConsent *c = g_ptr_array_index (consents, i);
      g_autofree char *categories = lw_edit_field_to_text (store, c, lw_table_find_column (&lw_consent_table, "categories"), FALSE);

      printf ("%4" PRId64 "  %s%s%s  %s  %s %s  %s %s%s%s\n", c->id,
              c->recipient_role >= 0 ? lw_role_to_string (c->recipient_role) : "",
              c->recipient_agency ? "@" : "", c->recipient_agency ? c->recipient_agency : "",
              categories ? categories : "",
              _("signed"), c->signed_date ? c->signed_date : "-",
              _("expires"), c->expires ? c->expires : "-",
              c->revoked ? _(", revoked ") : "", c->revoked ? c->revoked : "");
      lw_secret_free (g_steal_pointer (&categories));
    }
  if (sentences[0] == NULL)
    printf (_("Today no release of %s is in effect.\n"), participant->code);
  for (guint i = 0; sentences[i] != NULL; i++)
    printf ("%s.\n", sentences[i]);
  return LW_EXIT_OK;
}
