/* lw-cli-workgroup.c: the workgroup's own record on the command line —
 * prosecution positions, diversion decisions, community concerns and the
 * report back
 *
 * Every value is read by lw_edit_set_field () (the record form's parser) and
 * every write goes through lw-edit as the role given with --as; what is
 * listed comes from views made for the audience given with --as.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lw-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "lw/lw-concerns.h"
#include "lw/lw-decisions.h"
#include "lw/lw-edit.h"
#include "lw/lw-error.h"
#include "lw/lw-i18n.h"
#include "lw/lw-model.h"
#include "lw/lw-positions.h"
#include "lw/lw-vault.h"
#include "lw/lw-view.h"
#include "lw-cli-private.h"

#define AS_ROLE_ENTRY(var) \
  { "as", 0, 0, G_OPTION_ARG_STRING, &var, N_("Act as this role (default: project-manager); it writes only what it sees in full"), N_("ROLE") }
#define AS_AUDIENCE_ENTRY(var) \
  { "as", 0, 0, G_OPTION_ARG_STRING, &var, N_("Show what these roles may see together (default: project-manager)"), N_("ROLE[,ROLE...]") }

/* ----------------------------------------------------------------------------
 * Shared steps
 */

static LwAudience *
parse_audience (LwCli       *cli,
                const char  *text,
                int         *status)
{
  g_autoptr(GError) error = NULL;
  LwAudience *audience = lw_audience_parse (text ? text : "project-manager", &error);

  if (audience == NULL)
    *status = lw_cli_usage (cli, "%s", error->message);
  else if (lw_audience_is_empty (audience))
    {
      *status = lw_cli_usage (cli, _("--as needs at least one role, such as project-manager"));
      g_clear_pointer (&audience, lw_audience_free);
    }
  return audience;
}

/* The one positional argument, or a usage error saying what is missing. */
static gboolean
one_argument (LwCli       *cli,
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
  if (argc > 2)
    {
      *status = lw_cli_usage (cli, _("unexpected argument “%s”"), argv[2]);
      return FALSE;
    }
  return TRUE;
}

static gboolean
no_argument (LwCli  *cli,
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

static gboolean
require (LwCli       *cli,
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

/* A date option checked before anything is opened: a bad one is bad usage. */
static gboolean
check_date (LwCli       *cli,
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

/* Sets column name of record from value, when given, with the form's parser. */
static gboolean
set_field (LwStore     *store,
           gpointer     record,
           const char  *name,
           const char  *value,
           GError     **error)
{
  const LwColumnInfo *column = lw_table_find_column (LW_RECORD (record)->table, name);

  g_assert (column != NULL);
  if (value == NULL)
    return TRUE;
  return lw_edit_set_field (store, record, column, value, error);
}

/* ----------------------------------------------------------------------------
 * position add | list
 */

int
lw_cli_position_add (LwCli  *cli,
                     int     argc,
                     char  **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LwStore) store = NULL;
  g_autoptr(LwParticipant) participant = NULL;
  g_autoptr(LwLegalMatter) matter = NULL;
  g_autoptr(LwProsecutionNote) note = NULL;
  g_autofree char *case_number = NULL;
  g_autofree char *position = NULL;
  g_autofree char *text = NULL;
  g_autofree char *author = NULL;
  g_autofree char *date = NULL;
  g_autofree char *as = NULL;
  LwRole role = LW_ROLE_PROJECT_MANAGER;
  int status = LW_EXIT_USAGE;
  const GOptionEntry entries[] = {
    { "case-number", 0, 0, G_OPTION_ARG_STRING, &case_number, N_("The legal matter, by its case number (required)"), N_("N") },
    { "position", 0, 0, G_OPTION_ARG_STRING, &position, N_("hold, decline, dismiss, defer or proceed (required)"), N_("POSITION") },
    { "text", 0, 0, G_OPTION_ARG_STRING, &text, N_("What the position is and why (required)"), N_("TEXT") },
    { "author", 0, 0, G_OPTION_ARG_STRING, &author, N_("The prosecutor or public defender who took it"), N_("NAME") },
    { "date", 0, 0, G_OPTION_ARG_STRING, &date, N_("When it was taken (default: today)"), "YYYY-MM-DD" },
    AS_ROLE_ENTRY (as),
    { NULL }
  };

  if (!lw_cli_parse (cli, &argc, &argv, entries, _("CODE"),
                     _("Appends the prosecutor's position to a participant's legal matter. Positions are "
                       "never overwritten: the history of coordinated prosecution stays.")))
    return LW_EXIT_USAGE;
  if (!one_argument (cli, argc, argv, _("which participant? Give a code such as P-0001"), &status) ||
      !require (cli, case_number, "--case-number", &status) ||
      !require (cli, position, "--position", &status) ||
      !require (cli, text, "--text", &status) ||
      !check_date (cli, date, "--date", &status) ||
      !lw_cli_parse_role (cli, as, &role, &status))
    return status;

  store = lw_cli_open_store (cli, &error);
  if (store == NULL)
    return lw_cli_fail (cli, error);
  participant = lw_participant_find_by_code (store, argv[1], &error);
  if (participant == NULL)
    return lw_cli_fail (cli, error);
  /* which matter is legal information: a role that may not read it may not
   * pick one by it either (refused and audited before any lookup) */
  if (!lw_positions_check_role (store, role, &error))
    return lw_cli_fail (cli, error);
  matter = lw_positions_find_matter (store, participant, case_number, &error);
  if (matter == NULL)
    return lw_cli_fail (cli, error);

  note = lw_edit_record_new (&lw_prosecution_note_table);
  note->legal_matter_id = LW_RECORD (matter)->id;
  if (!set_field (store, note, "position", position, &error) ||
      !set_field (store, note, "text", text, &error) ||
      !set_field (store, note, "author_id", author, &error) ||
      !set_field (store, note, "date", date, &error) ||
      !lw_positions_add (store, role, note, NULL, &error))
    return lw_cli_fail (cli, error);
  lw_cli_print_record (cli, store, role, note, TRUE);
  return LW_EXIT_OK;
}

static void
json_position (JsonBuilder      *b,
               const LwPosition *p)
{
  json_builder_begin_object (b);
  lw_cli_json_string (b, "position", p->position);
  lw_cli_json_string (b, "date", p->date);
  lw_cli_json_string (b, "author", p->author);
  lw_cli_json_string (b, "text", p->text);
  json_builder_end_object (b);
}

int
lw_cli_position_list (LwCli  *cli,
                      int     argc,
                      char  **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LwStore) store = NULL;
  g_autoptr(LwParticipant) participant = NULL;
  g_autoptr(LwParticipantView) view = NULL;
  g_autoptr(LwAudience) audience = NULL;
  g_autoptr(GPtrArray) matters = NULL;
  g_autofree char *as = NULL;
  g_autofree char *roles = NULL;
  LwLevel level;
  int status = LW_EXIT_USAGE;
  const GOptionEntry entries[] = {
    AS_AUDIENCE_ENTRY (as),
    { NULL }
  };

  if (!lw_cli_parse (cli, &argc, &argv, entries, _("CODE"),
                     _("Lists a participant's prosecution positions, matter by matter, newest first, as the "
                       "audience may see them: in full, the latest position's label alone, or nothing.")))
    return LW_EXIT_USAGE;
  if (!one_argument (cli, argc, argv, _("which participant? Give a code such as P-0001"), &status))
    return status;
  audience = parse_audience (cli, as, &status);
  if (audience == NULL)
    return status;

  store = lw_cli_open_store (cli, &error);
  if (store == NULL)
    return lw_cli_fail (cli, error);
  participant = lw_participant_find_by_code (store, argv[1], &error);
  if (participant == NULL)
    return lw_cli_fail (cli, error);
  view = lw_policy_view_participant (store, audience, participant, LW_VIEW_AUDITED, &error);
  if (view == NULL)
    return lw_cli_fail (cli, error);
  level = lw_participant_view_get_level (view, LW_CATEGORY_PROSECUTION);
  matters = lw_positions_from_view (view);
  roles = lw_audience_to_string (audience);

  if (cli->json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();

      json_builder_begin_object (b);
      lw_cli_json_string (b, "code", participant->code);
      lw_cli_json_string (b, "audience", roles);
      lw_cli_json_string (b, "level", lw_level_to_string (level));
      json_builder_set_member_name (b, "matters");
      json_builder_begin_array (b);
      for (guint i = 0; i < matters->len; i++)
        {
          const LwMatterPositions *m = g_ptr_array_index (matters, i);

          json_builder_begin_object (b);
          lw_cli_json_string (b, "case_number", m->case_number);
          json_builder_set_member_name (b, "positions");
          json_builder_begin_array (b);
          for (guint j = 0; j < m->positions->len; j++)
            json_position (b, g_ptr_array_index (m->positions, j));
          json_builder_end_array (b);
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
      json_builder_end_object (b);
      lw_cli_print_json (json_builder_get_root (b));
      return LW_EXIT_OK;
    }

  if (matters->len == 0)
    {
      if (level == LW_LEVEL_NONE)
        printf (_("%s: as %s you see no prosecution positions\n"), participant->code, roles);
      else
        printf (_("%s: no prosecution position recorded\n"), participant->code);
      return LW_EXIT_OK;
    }
  for (guint i = 0; i < matters->len; i++)
    {
      const LwMatterPositions *m = g_ptr_array_index (matters, i);

      /* at summary: the latest position of a pending matter, which matter unsaid */
      if (m->case_number == NULL)
        {
          g_autofree char *line = lw_matter_positions_latest_text (m);

          printf ("%s  %s\n", participant->code, line);
          continue;
        }
      printf ("%s\n", m->case_number);
      for (guint j = 0; j < m->positions->len; j++)
        {
          g_autofree char *line = lw_position_to_text (g_ptr_array_index (m->positions, j));

          printf ("  %s%s\n", j == 0 ? "" : "  ", line);
        }
    }
  return LW_EXIT_OK;
}

/* ----------------------------------------------------------------------------
 * decision add | list
 */

int
lw_cli_decision_add (LwCli  *cli,
                     int     argc,
                     char  **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LwStore) store = NULL;
  g_autoptr(LwDiversionDecision) decision = NULL;
  g_autofree char *officer = NULL;
  g_autofree char *date = NULL;
  g_autofree char *incident = NULL;
  g_autofree char *eligible = NULL;
  g_autofree char *diverted = NULL;
  g_autofree char *reason = NULL;
  g_autofree char *participant = NULL;
  g_autofree char *as = NULL;
  LwRole role = LW_ROLE_PROJECT_MANAGER;
  int status = LW_EXIT_USAGE;
  const GOptionEntry entries[] = {
    { "officer", 0, 0, G_OPTION_ARG_STRING, &officer, N_("The officer or sergeant who decided (required)"), N_("NAME") },
    { "date", 0, 0, G_OPTION_ARG_STRING, &date, N_("When (required)"), "YYYY-MM-DD" },
    { "incident", 0, 0, G_OPTION_ARG_STRING, &incident, N_("The incident number (required)"), N_("N") },
    { "eligible", 0, 0, G_OPTION_ARG_STRING, &eligible, N_("Whether the person was eligible (required)"), "yes|no" },
    { "diverted", 0, 0, G_OPTION_ARG_STRING, &diverted, N_("Whether the person was diverted (required)"), "yes|no" },
    { "reason", 0, 0, G_OPTION_ARG_STRING, &reason, N_("Why not, when not diverted"), N_("TEXT") },
    { "participant", 0, 0, G_OPTION_ARG_STRING, &participant, N_("The participant, if one was referred"), N_("CODE") },
    AS_ROLE_ENTRY (as),
    { NULL }
  };

  if (!lw_cli_parse (cli, &argc, &argv, entries, NULL,
                     _("Records an officer's decision to divert or not divert, for review and re-training.")))
    return LW_EXIT_USAGE;
  if (!no_argument (cli, argc, argv, &status) ||
      !require (cli, officer, "--officer", &status) ||
      !require (cli, date, "--date", &status) ||
      !require (cli, incident, "--incident", &status) ||
      !require (cli, eligible, "--eligible", &status) ||
      !require (cli, diverted, "--diverted", &status) ||
      !check_date (cli, date, "--date", &status) ||
      !lw_cli_parse_role (cli, as, &role, &status))
    return status;

  store = lw_cli_open_store (cli, &error);
  if (store == NULL)
    return lw_cli_fail (cli, error);
  decision = lw_edit_record_new (&lw_diversion_decision_table);
  if (!set_field (store, decision, "officer_id", officer, &error) ||
      !set_field (store, decision, "date", date, &error) ||
      !set_field (store, decision, "incident_number", incident, &error) ||
      !set_field (store, decision, "eligible", eligible, &error) ||
      !set_field (store, decision, "diverted", diverted, &error) ||
      !set_field (store, decision, "reason", reason, &error) ||
      !set_field (store, decision, "participant_id", participant, &error) ||
      !lw_decisions_add (store, role, decision, NULL, &error))
    return lw_cli_fail (cli, error);
  lw_cli_print_record (cli, store, role, decision, TRUE);
  return LW_EXIT_OK;
}

static void
json_counts (JsonBuilder            *b,
             const char             *name,
             const LwDecisionCounts *c)
{
  json_builder_set_member_name (b, name);
  json_builder_begin_object (b);
  lw_cli_json_int (b, "total", c->total);
  lw_cli_json_int (b, "eligible", c->eligible);
  lw_cli_json_int (b, "diverted", c->diverted);
  lw_cli_json_int (b, "eligible_not_diverted", c->eligible_not_diverted);
  lw_cli_json_int (b, "not_eligible", c->not_eligible);
  json_builder_end_object (b);
}

static void
print_counts (const char             *who,
              const LwDecisionCounts *c)
{
  g_autofree char *text = lw_decision_counts_to_text (c);

  printf ("%s: %s\n", who, text);
}

int
lw_cli_decision_list (LwCli  *cli,
                      int     argc,
                      char  **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LwStore) store = NULL;
  g_autoptr(LwAudience) audience = NULL;
  g_autoptr(LwDecisionReview) review = NULL;
  g_autofree char *officer = NULL;
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;
  g_autofree char *as = NULL;
  g_autofree char *roles = NULL;
  gboolean not_diverted = FALSE;
  LwDecisionFilter filter = { 0 };
  GPtrArray *rows;
  int status = LW_EXIT_USAGE;
  const GOptionEntry entries[] = {
    { "officer", 0, 0, G_OPTION_ARG_STRING, &officer, N_("Only this officer's decisions"), N_("NAME") },
    { "from", 0, 0, G_OPTION_ARG_STRING, &from, N_("From this date"), "YYYY-MM-DD" },
    { "to", 0, 0, G_OPTION_ARG_STRING, &to, N_("Up to this date"), "YYYY-MM-DD" },
    { "eligible-not-diverted", 0, 0, G_OPTION_ARG_NONE, &not_diverted, N_("Only those eligible but not diverted"), NULL },
    AS_AUDIENCE_ENTRY (as),
    { NULL }
  };

  if (!lw_cli_parse (cli, &argc, &argv, entries, NULL,
                     _("Lists diversion decisions, newest first, with the counts for the review with the "
                       "officers and sergeants. Who decided is shown only to the project manager and the police.")))
    return LW_EXIT_USAGE;
  if (!no_argument (cli, argc, argv, &status) ||
      !check_date (cli, from, "--from", &status) ||
      !check_date (cli, to, "--to", &status))
    return status;
  if (from != NULL && to != NULL && strcmp (from, to) > 0)
    return lw_cli_usage (cli, _("--from is after --to; give a start on or before the end"));
  audience = parse_audience (cli, as, &status);
  if (audience == NULL)
    return status;

  store = lw_cli_open_store (cli, &error);
  if (store == NULL)
    return lw_cli_fail (cli, error);
  if (officer != NULL)
    {
      g_autoptr(LwPerson) person = NULL;

      /* who decided is not for everyone: not even to filter by */
      if (!lw_decisions_officers_visible (audience))
        {
          g_set_error (&error, LW_ERROR, LW_ERROR_DENIED,
                       _("Who decided is shown in the review only to the project manager and the police; "
                         "leave out the officer, or review as one of them"));
          return lw_cli_fail (cli, error);
        }
      person = lw_edit_find_member (store, officer, &error);
      if (person == NULL)
        return lw_cli_fail (cli, error);
      filter.officer_id = LW_RECORD (person)->id;
    }
  filter.from = from;
  filter.to = to;
  filter.eligible_not_diverted = not_diverted;
  review = lw_decision_review_new (store, audience, &filter, TRUE, &error);
  if (review == NULL)
    return lw_cli_fail (cli, error);
  rows = lw_decision_review_get_rows (review);
  roles = lw_audience_to_string (audience);

  if (cli->json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();
      GPtrArray *officers = lw_decision_review_get_officers (review);

      json_builder_begin_object (b);
      lw_cli_json_string (b, "audience", roles);
      lw_cli_json_string (b, "level", lw_level_to_string (lw_decision_review_get_level (review)));
      lw_cli_json_bool (b, "officers_shown", lw_decision_review_shows_officers (review));
      if (lw_decision_review_get_level (review) != LW_LEVEL_NONE)
        json_counts (b, "counts", lw_decision_review_get_counts (review));
      json_builder_set_member_name (b, "officers");
      json_builder_begin_array (b);
      for (guint i = 0; i < officers->len; i++)
        {
          const LwOfficerCounts *o = g_ptr_array_index (officers, i);

          json_builder_begin_object (b);
          lw_cli_json_string (b, "officer", o->officer);
          json_counts (b, "counts", &o->counts);
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
      json_builder_set_member_name (b, "decisions");
      json_builder_begin_array (b);
      for (guint i = 0; i < rows->len; i++)
        {
          const LwDecisionRow *row = g_ptr_array_index (rows, i);

          json_builder_begin_object (b);
          lw_cli_json_int (b, "id", row->id);
          lw_cli_json_string (b, "date", row->date);
          if (lw_decision_review_shows_officers (review))
            lw_cli_json_string (b, "officer", row->officer);
          lw_cli_json_string (b, "incident_number", row->incident_number);
          lw_cli_json_bool (b, "eligible", row->eligible);
          lw_cli_json_bool (b, "diverted", row->diverted);
          lw_cli_json_string (b, "reason", row->reason);
          lw_cli_json_string (b, "participant", row->participant);
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
      json_builder_end_object (b);
      lw_cli_print_json (json_builder_get_root (b));
      return LW_EXIT_OK;
    }

  if (lw_decision_review_get_level (review) == LW_LEVEL_NONE)
    {
      printf (_("As %s you see no diversion decisions\n"), roles);
      return LW_EXIT_OK;
    }
  for (guint i = 0; i < rows->len; i++)
    {
      const LwDecisionRow *row = g_ptr_array_index (rows, i);

      printf ("%4" PRId64 "  %s  %-16s  %-22s  %-12s  %-12s  %-8s  %s\n", row->id, row->date,
              row->incident_number ? row->incident_number : "",
              row->officer ? row->officer : "",
              row->eligible ? _("eligible") : _("not eligible"),
              row->diverted ? _("diverted") : _("not diverted"),
              row->participant ? row->participant : "",
              row->reason ? row->reason : "");
    }
  print_counts (_("All officers"), lw_decision_review_get_counts (review));
  for (guint i = 0; i < lw_decision_review_get_officers (review)->len; i++)
    {
      const LwOfficerCounts *o = g_ptr_array_index (lw_decision_review_get_officers (review), i);

      print_counts (o->officer, &o->counts);
    }
  return LW_EXIT_OK;
}

/* ----------------------------------------------------------------------------
 * concern add | respond | list
 */

int
lw_cli_concern_add (LwCli  *cli,
                    int     argc,
                    char  **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LwStore) store = NULL;
  g_autoptr(LwCommunityConcern) concern = NULL;
  g_autofree char *reported_by = NULL;
  g_autofree char *area = NULL;
  g_autofree char *text = NULL;
  g_autofree char *date = NULL;
  g_autofree char *planned = NULL;
  g_autofree char *as = NULL;
  LwRole role = LW_ROLE_PROJECT_MANAGER;
  int status = LW_EXIT_USAGE;
  const GOptionEntry entries[] = {
    { "reported-by", 0, 0, G_OPTION_ARG_STRING, &reported_by, N_("The person or group who raised it (required)"), N_("NAME") },
    { "area", 0, 0, G_OPTION_ARG_STRING, &area, N_("The neighbourhood or place (required)"), N_("AREA") },
    { "text", 0, 0, G_OPTION_ARG_STRING, &text, N_("The concern (required)"), N_("TEXT") },
    { "date", 0, 0, G_OPTION_ARG_STRING, &date, N_("When it was raised (default: today)"), "YYYY-MM-DD" },
    { "planned-response", 0, 0, G_OPTION_ARG_STRING, &planned, N_("What the workgroup plans to do"), N_("TEXT") },
    AS_ROLE_ENTRY (as),
    { NULL }
  };

  if (!lw_cli_parse (cli, &argc, &argv, entries, NULL,
                     _("Records a concern raised by the community. It starts open; “concern respond” records "
                       "what was done.")))
    return LW_EXIT_USAGE;
  if (!no_argument (cli, argc, argv, &status) ||
      !require (cli, reported_by, "--reported-by", &status) ||
      !require (cli, area, "--area", &status) ||
      !require (cli, text, "--text", &status) ||
      !check_date (cli, date, "--date", &status) ||
      !lw_cli_parse_role (cli, as, &role, &status))
    return status;

  store = lw_cli_open_store (cli, &error);
  if (store == NULL)
    return lw_cli_fail (cli, error);
  concern = lw_edit_record_new (&lw_community_concern_table);
  if (!set_field (store, concern, "reported_by", reported_by, &error) ||
      !set_field (store, concern, "area", area, &error) ||
      !set_field (store, concern, "text", text, &error) ||
      !set_field (store, concern, "date", date, &error) ||
      !set_field (store, concern, "planned_response", planned, &error) ||
      !lw_concerns_add (store, role, concern, NULL, &error))
    return lw_cli_fail (cli, error);
  lw_cli_print_record (cli, store, role, concern, TRUE);
  return LW_EXIT_OK;
}

int
lw_cli_concern_respond (LwCli  *cli,
                        int     argc,
                        char  **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LwStore) store = NULL;
  g_autoptr(LwCommunityConcern) concern = NULL;
  g_autoptr(LwCommunityConcern) probe = NULL;
  g_autofree char *response = NULL;
  g_autofree char *status_name = NULL;
  g_autofree char *kind = NULL;
  g_autofree char *as = NULL;
  LwRole role = LW_ROLE_PROJECT_MANAGER;
  int concern_status = LW_CONCERN_RESPONDED;
  guint64 id;
  int status = LW_EXIT_USAGE;
  const GOptionEntry entries[] = {
    { "response", 0, 0, G_OPTION_ARG_STRING, &response, N_("What was done (required)"), N_("TEXT") },
    { "status", 0, 0, G_OPTION_ARG_STRING, &status_name, N_("responded (the default) or closed"), "responded|closed" },
    { "kind", 0, 0, G_OPTION_ARG_STRING, &kind,
      N_("What kind of response, the words a report back gives: outreach, services, site, police, "
         "information, referred or other"), N_("KIND") },
    AS_ROLE_ENTRY (as),
    { NULL }
  };

  if (!lw_cli_parse (cli, &argc, &argv, entries, _("ID"),
                     _("Records what was done about a community concern, and marks it responded or closed; "
                       "each step is dated today.")))
    return LW_EXIT_USAGE;
  if (!one_argument (cli, argc, argv, _("which concern? Give its number, as “concern list” shows"), &status) ||
      !require (cli, response, "--response", &status) ||
      !lw_cli_parse_role (cli, as, &role, &status))
    return status;
  if (!g_ascii_string_to_unsigned (argv[1], 10, 1, G_MAXINT64, &id, NULL))
    return lw_cli_usage (cli, _("“%s” is not a number; give the number of the concern"), argv[1]);
  if (status_name != NULL)
    {
      concern_status = lw_enum_from_string (&lw_concern_status_info, status_name);
      if (concern_status != LW_CONCERN_RESPONDED && concern_status != LW_CONCERN_CLOSED)
        return lw_cli_usage (cli, _("--status is responded or closed"));
    }

  store = lw_cli_open_store (cli, &error);
  if (store == NULL)
    return lw_cli_fail (cli, error);
  /* the kind read as the form reads it: by its name or its label */
  probe = lw_edit_record_new (&lw_community_concern_table);
  if (!set_field (store, probe, "response_kind", kind, &error) ||
      !lw_concerns_respond (store, role, (LwId) id, response, kind ? probe->response_kind : -1,
                            concern_status, NULL, &error))
    return lw_cli_fail (cli, error);
  concern = lw_store_get (store, &lw_community_concern_table, (LwId) id, &error);
  if (concern == NULL)
    return lw_cli_fail (cli, error);
  lw_cli_print_record (cli, store, role, concern, FALSE);
  return LW_EXIT_OK;
}

int
lw_cli_concern_list (LwCli  *cli,
                     int     argc,
                     char  **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LwStore) store = NULL;
  g_autoptr(LwAudience) audience = NULL;
  g_autoptr(GPtrArray) views = NULL;
  g_autofree char *as = NULL;
  int status = LW_EXIT_USAGE;
  const GOptionEntry entries[] = {
    AS_AUDIENCE_ENTRY (as),
    { NULL }
  };

  if (!lw_cli_parse (cli, &argc, &argv, entries, NULL,
                     _("Lists the community concerns, newest first, with their age, as the audience may see "
                       "them: a community representative sees the area and what kind of response, never a "
                       "participant.")))
    return LW_EXIT_USAGE;
  if (!no_argument (cli, argc, argv, &status))
    return status;
  audience = parse_audience (cli, as, &status);
  if (audience == NULL)
    return status;

  store = lw_cli_open_store (cli, &error);
  if (store == NULL)
    return lw_cli_fail (cli, error);
  views = lw_concerns_list_views (store, audience, 0, &error);
  if (views == NULL)
    return lw_cli_fail (cli, error);

  if (cli->json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();

      json_builder_begin_array (b);
      for (guint i = 0; i < views->len; i++)
        {
          const LwConcernView *v = g_ptr_array_index (views, i);

          json_builder_begin_object (b);
          lw_cli_json_int (b, "id", v->id);
          lw_cli_json_string (b, "date", v->date);
          lw_cli_json_string (b, "status", lw_enum_to_string (&lw_concern_status_info, v->status));
          lw_cli_json_int (b, "age_days", v->age_days);
          lw_cli_json_string (b, "responded_date", v->responded_date);
          lw_cli_json_string (b, "closed_date", v->closed_date);
          lw_cli_json_string (b, "level", lw_level_to_string (v->level));
          lw_cli_json_string (b, "area", v->area);
          lw_cli_json_string (b, "response_kind", v->response_kind);
          lw_cli_json_string (b, "reported_by", v->reported_by);
          lw_cli_json_string (b, "text", v->text);
          lw_cli_json_string (b, "planned_response", v->planned_response);
          lw_cli_json_string (b, "response", v->response);
          lw_cli_json_string (b, "participant", v->participant);
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
      lw_cli_print_json (json_builder_get_root (b));
      return LW_EXIT_OK;
    }

  for (guint i = 0; i < views->len; i++)
    {
      const LwConcernView *v = g_ptr_array_index (views, i);
      g_autofree char *age = lw_concern_age_text (v->age_days);

      printf ("%4" PRId64 "  %s  %-10s  %-8s  %s\n", v->id, v->date ? v->date : "",
              lw_enum_to_label (&lw_concern_status_info, v->status), age,
              v->area ? v->area : _("(area not shown)"));
      if (v->text != NULL)
        printf ("      %s\n", v->text);
      if (v->response_kind != NULL || v->response != NULL)
        printf ("      %s%s%s\n", v->response_kind ? v->response_kind : "",
                v->response_kind && v->response ? ": " : "", v->response ? v->response : "");
    }
  return LW_EXIT_OK;
}

/* ----------------------------------------------------------------------------
 * report-back
 */

int
lw_cli_report_back (LwCli  *cli,
                    int     argc,
                    char  **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LwStore) store = NULL;
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;
  g_autofree char *output = NULL;
  g_autofree char *paper_name = NULL;
  g_autofree char *language = NULL;
  const char *previous;
  LwPaper paper = lw_paper_default ();
  int format;
  int status = LW_EXIT_USAGE;
  gboolean ok;
  const GOptionEntry entries[] = {
    { "from", 0, 0, G_OPTION_ARG_STRING, &from, N_("The first day of the period (required)"), "YYYY-MM-DD" },
    { "to", 0, 0, G_OPTION_ARG_STRING, &to, N_("The last day of the period (required)"), "YYYY-MM-DD" },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("The file to write: .pdf or .md (required)"), N_("FILE") },
    { "paper", 0, 0, G_OPTION_ARG_STRING, &paper_name, N_("a4 or letter (default: the locale's)"), N_("PAPER") },
    { "language", 0, 0, G_OPTION_ARG_STRING, &language, N_("The document's language, en or es"), N_("LANG") },
    { NULL }
  };

  if (!lw_cli_parse (cli, &argc, &argv, entries, NULL,
                     _("Writes the report back to a community meeting: each concern's area, what was done and "
                       "when, at the community representative's level. It never names a participant.")))
    return LW_EXIT_USAGE;
  if (!no_argument (cli, argc, argv, &status) ||
      !require (cli, from, "--from", &status) ||
      !require (cli, to, "--to", &status) ||
      !require (cli, output, "--output", &status) ||
      !check_date (cli, from, "--from", &status) ||
      !check_date (cli, to, "--to", &status))
    return status;
  if (strcmp (from, to) > 0)
    return lw_cli_usage (cli, _("--from is after --to; give a start on or before the end"));
  format = lw_export_format_from_path (output);
  if (format != LW_EXPORT_PDF && format != LW_EXPORT_MARKDOWN)
    return lw_cli_usage (cli, _("--output must end in .pdf or .md"));
  if (paper_name != NULL)
    {
      int value = lw_paper_from_string (paper_name);

      if (value < 0)
        return lw_cli_usage (cli, _("--paper must be a4 or letter"));
      paper = value;
    }
  if (language != NULL && !lw_i18n_is_supported (language))
    {
      g_autofree char *list = lw_i18n_dup_languages_list ();

      return lw_cli_usage (cli, _("--language must be one of %s"), list);
    }
  if (!lw_check_output_path (output, &error))
    return lw_cli_fail (cli, error);

  store = lw_cli_open_store (cli, &error);
  if (store == NULL)
    return lw_cli_fail (cli, error);
  previous = lw_i18n_push (language);
  ok = lw_concerns_report_back (store, from, to, output, paper, &error);
  lw_i18n_pop (previous);
  if (!ok)
    return lw_cli_fail (cli, error);

  if (cli->json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();

      json_builder_begin_object (b);
      lw_cli_json_string (b, "output", output);
      lw_cli_json_string (b, "from", from);
      lw_cli_json_string (b, "to", to);
      lw_cli_json_string (b, "audience", lw_role_to_string (LW_ROLE_COMMUNITY_REPRESENTATIVE));
      json_builder_end_object (b);
      lw_cli_print_json (json_builder_get_root (b));
    }
  else
    printf (_("Wrote the report back for %s to %s, at the community representative's level, to %s\n"),
            from, to, output);
  return LW_EXIT_OK;
}
