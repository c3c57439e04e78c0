/* lw-cli-workgroup.c: the workgroup's own record on the command line —
 * prosecution positions, diversion decisions, community concerns and the
 * report back
 *
 * The fields of what is written are the record form's, as options made from
 * the table descriptions (lw-cli-fields.c), with this file's words for their
 * help; every value is read by lw_edit_set_field () and every write goes
 * through lw-edit as the role given with --as, and is printed as that role
 * may see it.  What is listed comes from views made for the audience given
 * with --as.
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
#include "lw-cli-fields.h"

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

/* ----------------------------------------------------------------------------
 * position add | list
 */

static const LwCliField position_fields[] = {
  { "position", N_("hold, decline, dismiss, defer or proceed (required)"), N_("POSITION") },
  { "text", N_("What the position is and why (required)"), N_("TEXT") },
  { "author_id", N_("The prosecutor or public defender who took it"), N_("NAME") },
  { "date", N_("When it was taken (default: today)"), "YYYY-MM-DD" },
  { NULL }
};

int
lw_cli_position_add (LwCli  *cli,
                     int     argc,
                     char  **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LwStore) store = NULL;
  g_autoptr(LwCliFields) fields = NULL;
  g_autoptr(LwParticipant) participant = NULL;
  g_autoptr(LwLegalMatter) matter = NULL;
  g_autoptr(LwProsecutionNote) note = NULL;
  g_autofree char *case_number = NULL;
  g_autofree char *as = NULL;
  LwRole role = LW_ROLE_PROJECT_MANAGER;
  int status = LW_EXIT_USAGE;
  const GOptionEntry extra[] = {
    { "case-number", 0, 0, G_OPTION_ARG_STRING, &case_number, N_("The legal matter, by its case number (required)"), N_("N") },
    LW_CLI_AS_ROLE_ENTRY (as),
    { NULL }
  };

  fields = lw_cli_fields_new (&lw_prosecution_note_table, position_fields, extra);
  if (!lw_cli_parse (cli, &argc, &argv, lw_cli_fields_entries (fields), _("CODE"),
                     _("Appends the prosecutor's position to a participant's legal matter. Positions are "
                       "never overwritten: the history of coordinated prosecution stays.")))
    return LW_EXIT_USAGE;
  if (!lw_cli_one_argument (cli, argc, argv, _("which participant? Give a code such as P-0001"), &status) ||
      !lw_cli_require (cli, case_number, "--case-number", &status) ||
      !lw_cli_fields_merge (cli, fields, &status) ||
      !lw_cli_fields_require (cli, fields, &status, "position", "text", NULL) ||
      !lw_cli_fields_check_dates (cli, fields, &status) ||
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
  if (!lw_cli_fields_apply (fields, store, note, &error) ||
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
  if (!lw_cli_one_argument (cli, argc, argv, _("which participant? Give a code such as P-0001"), &status))
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

static const LwCliField decision_fields[] = {
  { "officer_id", N_("The officer or sergeant who decided (required)"), N_("NAME") },
  { "date", N_("When (required)"), "YYYY-MM-DD" },
  { "incident_number", N_("The incident number (required)"), N_("N") },
  { "eligible", N_("Whether the person was eligible (required)"), "yes|no" },
  { "diverted", N_("Whether the person was diverted (required)"), "yes|no" },
  { "reason", N_("Why not, when not diverted"), N_("TEXT") },
  { "participant_id", N_("The participant, if one was referred"), N_("CODE") },
  { NULL }
};

static const LwCliAdd decision_add = {
  .table = &lw_diversion_decision_table,
  .only = decision_fields,
  .required = (const char * const[]) { "officer_id", "date", "incident_number", "eligible", "diverted", NULL },
  .dates_are_usage = TRUE,
  .insert = (LwCliInsertFunc) lw_decisions_add,
  .summary = N_("Records an officer's decision to divert or not divert, for review and re-training."),
};

int
lw_cli_decision_add (LwCli  *cli,
                     int     argc,
                     char  **argv)
{
  return lw_cli_run_add (cli, argc, argv, &decision_add);
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
  if (!lw_cli_no_argument (cli, argc, argv, &status) ||
      !lw_cli_check_date (cli, from, "--from", &status) ||
      !lw_cli_check_date (cli, to, "--to", &status))
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

static const LwCliField concern_fields[] = {
  { "reported_by", N_("The person or group who raised it (required)"), N_("NAME") },
  { "area", N_("The neighbourhood or place (required)"), N_("AREA") },
  { "text", N_("The concern (required)"), N_("TEXT") },
  { "date", N_("When it was raised (default: today)"), "YYYY-MM-DD" },
  { "planned_response", N_("What the workgroup plans to do"), N_("TEXT") },
  { NULL }
};

static const LwCliAdd concern_add = {
  .table = &lw_community_concern_table,
  .only = concern_fields,
  .required = (const char * const[]) { "reported_by", "area", "text", NULL },
  .dates_are_usage = TRUE,
  .insert = (LwCliInsertFunc) lw_concerns_add,
  .summary = N_("Records a concern raised by the community. It starts open; “concern respond” records "
                "what was done."),
};

int
lw_cli_concern_add (LwCli  *cli,
                    int     argc,
                    char  **argv)
{
  return lw_cli_run_add (cli, argc, argv, &concern_add);
}

static const LwCliField respond_fields[] = {
  { "response", N_("What was done (required)"), N_("TEXT") },
  { "status", N_("responded (the default) or closed"), "responded|closed" },
  { "response_kind",
    N_("What kind of response, the words a report back gives: outreach, services, site, police, "
       "information, referred or other"), N_("KIND") },
  { NULL }
};

int
lw_cli_concern_respond (LwCli  *cli,
                        int     argc,
                        char  **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LwStore) store = NULL;
  g_autoptr(LwCliFields) fields = NULL;
  g_autoptr(LwCommunityConcern) concern = NULL;
  g_autoptr(LwCommunityConcern) probe = NULL;
  g_autofree char *as = NULL;
  LwRole role = LW_ROLE_PROJECT_MANAGER;
  int concern_status = LW_CONCERN_RESPONDED;
  guint64 id;
  int status = LW_EXIT_USAGE;
  const GOptionEntry extra[] = {
    LW_CLI_AS_ROLE_ENTRY (as),
    { NULL }
  };

  fields = lw_cli_fields_new (&lw_community_concern_table, respond_fields, extra);
  if (!lw_cli_parse (cli, &argc, &argv, lw_cli_fields_entries (fields), _("ID"),
                     _("Records what was done about a community concern, and marks it responded or closed; "
                       "each step is dated today.")))
    return LW_EXIT_USAGE;
  if (!lw_cli_one_argument (cli, argc, argv, _("which concern? Give its number, as “concern list” shows"), &status) ||
      !lw_cli_fields_merge (cli, fields, &status) ||
      !lw_cli_fields_require (cli, fields, &status, "response", NULL) ||
      !lw_cli_parse_role (cli, as, &role, &status))
    return status;
  if (!g_ascii_string_to_unsigned (argv[1], 10, 1, G_MAXINT64, &id, NULL))
    return lw_cli_usage (cli, _("“%s” is not a number; give the number of the concern"), argv[1]);
  /* a step forward only: reopening is the app's */
  if (lw_cli_fields_given (fields, "status"))
    {
      concern_status = lw_enum_from_string (&lw_concern_status_info, lw_cli_fields_get (fields, "status"));
      if (concern_status != LW_CONCERN_RESPONDED && concern_status != LW_CONCERN_CLOSED)
        return lw_cli_usage (cli, _("--status is responded or closed"));
    }

  store = lw_cli_open_store (cli, &error);
  if (store == NULL)
    return lw_cli_fail (cli, error);
  /* every value read as the form reads it (the kind by its name or its
   * label); the response goes as typed, so that a blank one is refused */
  probe = lw_edit_record_new (&lw_community_concern_table);
  if (!lw_cli_fields_apply (fields, store, probe, &error) ||
      !lw_concerns_respond (store, role, (LwId) id, lw_cli_fields_get (fields, "response"),
                            lw_cli_fields_given (fields, "response_kind") ? probe->response_kind : -1,
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
  if (!lw_cli_no_argument (cli, argc, argv, &status))
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
  if (!lw_cli_no_argument (cli, argc, argv, &status) ||
      !lw_cli_require (cli, from, "--from", &status) ||
      !lw_cli_require (cli, to, "--to", &status) ||
      !lw_cli_require (cli, output, "--output", &status) ||
      !lw_cli_check_date (cli, from, "--from", &status) ||
      !lw_cli_check_date (cli, to, "--to", &status))
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
