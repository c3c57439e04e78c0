/* lw-cli-policy.c: participant list and show, policy show and set
 *
 * Every participant value printed here comes from a view (lw-view.h), never from
 * a record: the command line shows what its audience may see and no more.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lw-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

#include "lw/lw-audit.h"
#include "lw/lw-error.h"
#include "lw/lw-model.h"
#include "lw/lw-policy.h"
#include "lw/lw-view.h"
#include "lw-cli-private.h"

static int
compare_codes (gconstpointer a,
               gconstpointer b)
{
  const LwParticipant *pa = *(LwParticipant * const *) a;
  const LwParticipant *pb = *(LwParticipant * const *) b;

  return g_strcmp0 (pa->code, pb->code);
}

/* The name a list shows: preferred, else legal, name at full; initials at summary. */
static const char *
view_name (const LwParticipantView *view)
{
  static const char * const keys[] = { "identity.preferred_name", "identity.legal_name", "identity.initials" };

  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    {
      const LwViewField *field = lw_participant_view_lookup (view, keys[i]);
      if (field && field->value->type == LW_VIEW_VALUE_TEXT && field->value->text[0])
        return field->value->text;
    }
  return NULL;
}

static const char *
view_status (const LwParticipantView *view)
{
  const LwViewField *field = lw_participant_view_lookup (view, "status.status");

  return field && field->value->type == LW_VIEW_VALUE_TEXT ? field->value->text : NULL;
}

static LwAudience *
parse_audience (LwCli       *cli,
                const char  *text,
                int         *status)
{
  g_autoptr(GError) error = NULL;
  LwAudience *audience = lw_audience_parse (text, &error);

  if (audience == NULL)
    *status = lw_cli_usage (cli, "%s", error->message);
  return audience;
}

int
lw_cli_participant_list (LwCli  *cli,
                         int     argc,
                         char  **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LwStore) store = NULL;
  g_autoptr(LwAudience) audience = NULL;
  g_autoptr(GPtrArray) participants = NULL;
  g_autoptr(GPtrArray) views = NULL;
  g_autofree char *as = NULL;
  g_autofree char *roles = NULL;
  LwPolicyMatrix matrix;
  guint full = 0;
  int status = LW_EXIT_OK;
  const GOptionEntry entries[] = {
    { "as", 0, 0, G_OPTION_ARG_STRING, &as, N_("Show what these roles may see (default: project-manager)"), N_("ROLE[,ROLE...]") },
    { NULL }
  };

  if (!lw_cli_parse (cli, &argc, &argv, entries, NULL,
                     _("Lists the participants: code, name and status as the audience may see them.")))
    return LW_EXIT_USAGE;
  if (argc > 1)
    return lw_cli_usage (cli, _("unexpected argument “%s”"), argv[1]);
  audience = parse_audience (cli, as ? as : "project-manager", &status);
  if (audience == NULL)
    return status;

  store = lw_cli_open_store (cli, &error);
  if (store == NULL)
    return lw_cli_fail (cli, error);
  participants = lw_store_list (store, &lw_participant_table, NULL, 0, &error);
  if (participants == NULL)
    return lw_cli_fail (cli, error);
  g_ptr_array_sort (participants, compare_codes);

  /* one matrix for the whole list; one audit entry for the whole list */
  lw_policy_load_matrix (store, &matrix);
  views = g_ptr_array_new_with_free_func ((GDestroyNotify) lw_participant_view_free);
  for (guint i = 0; i < participants->len; i++)
    {
      LwParticipantView *view;

      view = lw_policy_view_participant_with_matrix (store, &matrix, audience,
                                                     g_ptr_array_index (participants, i),
                                                     LW_VIEW_PARTICIPANT_ONLY, &error);
      if (view == NULL)
        return lw_cli_fail (cli, error);
      if (lw_participant_view_get_level (view, LW_CATEGORY_IDENTITY) == LW_LEVEL_FULL)
        full |= 1u << LW_CATEGORY_IDENTITY;
      if (lw_participant_view_get_level (view, LW_CATEGORY_STATUS) == LW_LEVEL_FULL)
        full |= 1u << LW_CATEGORY_STATUS;
      g_ptr_array_add (views, view);
    }

  roles = lw_audience_to_string (audience);
  if (full != 0)
    {
      g_autofree char *detail = NULL;

      detail = g_strdup_printf ("participant list (%u) audience=%s full=%s%s%s", views->len, roles,
                                full & (1u << LW_CATEGORY_IDENTITY) ? "identity" : "",
                                full == ((1u << LW_CATEGORY_IDENTITY) | (1u << LW_CATEGORY_STATUS)) ? "," : "",
                                full & (1u << LW_CATEGORY_STATUS) ? "status" : "");
      if (!lw_audit_append (store, LW_AUDIT_VIEW, detail, &error))
        return lw_cli_fail (cli, error);
    }

  if (cli->json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();
      g_auto(GStrv) names = g_strsplit (roles, ",", -1);

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "audience");
      json_builder_begin_array (b);
      for (guint i = 0; names[i] && names[i][0]; i++)
        json_builder_add_string_value (b, names[i]);
      json_builder_end_array (b);
      json_builder_set_member_name (b, "participants");
      json_builder_begin_array (b);
      for (guint i = 0; i < views->len; i++)
        {
          const LwParticipantView *view = g_ptr_array_index (views, i);
          const char *name = view_name (view);
          const char *pstatus = view_status (view);

          json_builder_begin_object (b);
          lw_cli_json_string (b, "code", lw_participant_view_get_code (view));
          if (name)
            {
              lw_cli_json_string (b, "name", name);
            }
          if (pstatus)
            {
              lw_cli_json_string (b, "status", pstatus);
            }
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
      json_builder_end_object (b);
      lw_cli_print_json (json_builder_get_root (b));
    }
  else
    {
      for (guint i = 0; i < views->len; i++)
        {
          const LwParticipantView *view = g_ptr_array_index (views, i);
          const char *name = view_name (view);
          const char *pstatus = view_status (view);

          printf ("%-10s %-32s %s\n", lw_participant_view_get_code (view),
                  name ? name : "", pstatus ? pstatus : "");
        }
    }
  return LW_EXIT_OK;
}

static void
print_field (const LwViewField *field)
{
  if (field->value->type == LW_VIEW_VALUE_LIST)
    {
      printf ("%s:\n", field->key);
      for (guint i = 0; i < field->value->children->len; i++)
        {
          g_autofree char *text = lw_view_value_to_text (g_ptr_array_index (field->value->children, i));
          printf ("  - %s\n", text);
        }
    }
  else
    {
      g_autofree char *text = lw_view_value_to_text (field->value);
      printf ("%s: %s\n", field->key, text);
    }
}

int
lw_cli_participant_show (LwCli  *cli,
                         int     argc,
                         char  **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LwStore) store = NULL;
  g_autoptr(LwAudience) audience = NULL;
  g_autoptr(LwParticipant) participant = NULL;
  g_autoptr(LwParticipantView) view = NULL;
  g_autofree char *as = NULL;
  int status = LW_EXIT_OK;
  const GOptionEntry entries[] = {
    { "as", 0, 0, G_OPTION_ARG_STRING, &as, N_("Show what these roles may see together (required)"), N_("ROLE[,ROLE...]") },
    { NULL }
  };

  if (!lw_cli_parse (cli, &argc, &argv, entries, _("CODE"),
                     _("Shows one participant as an audience may see it; the view is recorded in the audit log.\n"
                       "ROLE may be followed by @AGENCY for releases of information that name an agency.")))
    return LW_EXIT_USAGE;
  if (argc < 2)
    return lw_cli_usage (cli, _("which participant? Give a code such as P-0001"));
  if (argc > 2)
    return lw_cli_usage (cli, _("unexpected argument “%s”"), argv[2]);
  /* no default audience: showing everything by default would be the unsafe choice */
  if (as == NULL)
    return lw_cli_usage (cli, _("say who will see it with --as ROLE[,ROLE...]"));
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

  if (cli->json)
    {
      lw_cli_print_json (lw_participant_view_to_json (view));
    }
  else
    {
      g_autofree char *roles = lw_audience_to_string (audience);
      const char *notice = lw_participant_view_get_notice (view);

      printf ("code: %s\n", lw_participant_view_get_code (view));
      printf ("audience: %s\n", roles);
      for (guint i = 0; i < lw_participant_view_get_n_fields (view); i++)
        print_field (lw_participant_view_get_field (view, i));
      if (notice)
        printf ("\n%s\n", notice);
    }
  return LW_EXIT_OK;
}

static char *
floors_text (LwRole role)
{
  g_autoptr(GString) s = g_string_new (NULL);

  for (int cap = LW_LEVEL_NONE; cap < LW_LEVEL_FULL; cap++)
    {
      g_autoptr(GString) cats = g_string_new (NULL);

      for (int c = 0; c < LW_N_CATEGORIES; c++)
        if (lw_policy_cell_cap (role, c) == (LwLevel) cap)
          g_string_append_printf (cats, "%s%s", cats->len ? ", " : "", lw_category_to_string (c));
      if (cats->len == 0)
        continue;
      if (s->len > 0)
        g_string_append (s, "; ");
      /* TRANSLATORS: "health, care_notes never above none" */
      g_string_append_printf (s, _("%s never above %s"), cats->str, lw_level_to_string (cap));
    }
  return g_string_free (g_steal_pointer (&s), FALSE);
}

int
lw_cli_policy_show (LwCli  *cli,
                    int     argc,
                    char  **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LwStore) store = NULL;
  LwPolicyMatrix matrix;

  if (!lw_cli_parse (cli, &argc, &argv, NULL, NULL,
                     _("Shows the need-to-know matrix: what each role sees of each category.\n"
                       "A cell marked * has a floor that no edit can lift.")))
    return LW_EXIT_USAGE;
  if (argc > 1)
    return lw_cli_usage (cli, _("unexpected argument “%s”"), argv[1]);

  store = lw_cli_open_store (cli, &error);
  if (store == NULL)
    return lw_cli_fail (cli, error);
  lw_policy_load_matrix (store, &matrix);

  if (cli->json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();

      json_builder_begin_object (b);
      for (int r = 0; r < LW_N_ROLES; r++)
        {
          json_builder_set_member_name (b, lw_role_to_string (r));
          json_builder_begin_object (b);
          for (int c = 0; c < LW_N_CATEGORIES; c++)
            {
              json_builder_set_member_name (b, lw_category_to_string (c));
              json_builder_begin_object (b);
              lw_cli_json_string (b, "level", lw_level_to_string (matrix.cells[r][c]));
              lw_cli_json_string (b, "default", lw_level_to_string (lw_policy_default_cell (r, c)));
              /* the highest level an edit may set, or null when there is no floor */
              json_builder_set_member_name (b, "floor");
              if (lw_policy_cell_has_floor (r, c))
                json_builder_add_string_value (b, lw_level_to_string (lw_policy_cell_cap (r, c)));
              else
                json_builder_add_null_value (b);
              json_builder_end_object (b);
            }
          json_builder_end_object (b);
        }
      json_builder_end_object (b);
      lw_cli_print_json (json_builder_get_root (b));
      return LW_EXIT_OK;
    }

  printf ("%-25s", _("role"));
  for (int c = 0; c < LW_N_CATEGORIES; c++)
    printf (" %-14s", lw_category_to_string (c));
  printf ("\n");
  for (int r = 0; r < LW_N_ROLES; r++)
    {
      printf ("%-25s", lw_role_to_string (r));
      for (int c = 0; c < LW_N_CATEGORIES; c++)
        {
          g_autofree char *cell = g_strdup_printf ("%s%s", lw_level_to_string (matrix.cells[r][c]),
                                                   lw_policy_cell_has_floor (r, c) ? "*" : "");
          printf (" %-14s", cell);
        }
      printf ("\n");
    }
  printf ("\n%s\n", _("* a floor no edit can lift:"));
  for (int r = 0; r < LW_N_ROLES; r++)
    {
      g_autofree char *floors = floors_text (r);
      if (floors[0])
        printf ("  %s: %s\n", lw_role_to_string (r), floors);
    }
  printf ("%s\n", _("consent: full while the participant's release of information names the recipient, else none."));
  return LW_EXIT_OK;
}

int
lw_cli_policy_set (LwCli  *cli,
                   int     argc,
                   char  **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LwStore) store = NULL;
  g_autofree char *reason = NULL;
  int role, category, level;
  LwLevel old;
  const GOptionEntry entries[] = {
    { "reason", 0, 0, G_OPTION_ARG_STRING, &reason, N_("Why (required; kept in the audit log; no participant details)"), N_("TEXT") },
    { NULL }
  };

  if (!lw_cli_parse (cli, &argc, &argv, entries, _("ROLE CATEGORY LEVEL"),
                     _("Changes one cell of the need-to-know matrix; LEVEL is none, summary, full or consent.\n"
                       "Any cell may be lowered; a floor is never lifted.  The change is audited.")))
    return LW_EXIT_USAGE;
  if (argc < 4)
    return lw_cli_usage (cli, _("give ROLE CATEGORY LEVEL"));
  if (argc > 4)
    return lw_cli_usage (cli, _("unexpected argument “%s”"), argv[4]);

  role = lw_role_from_string (argv[1]);
  if (role < 0)
    {
      g_autofree char *names = g_strjoinv (", ", (char **) lw_role_info.names);
      return lw_cli_usage (cli, _("“%s” is not a role; the roles are %s"), argv[1], names);
    }
  category = lw_category_from_string (argv[2]);
  if (category < 0)
    return lw_cli_usage (cli, _("“%s” is not a category; the categories are identity, status, plan, housing, "
                                "health, substance_use, legal, prosecution, care_notes, location"), argv[2]);
  level = lw_level_from_string (argv[3]);
  if (level < 0)
    return lw_cli_usage (cli, _("“%s” is not a level; the levels are none, summary, full, consent"), argv[3]);
  if (reason == NULL || g_strstrip (reason)[0] == '\0')
    return lw_cli_usage (cli, _("say why with --reason TEXT; it is kept in the audit log"));

  store = lw_cli_open_store (cli, &error);
  if (store == NULL)
    return lw_cli_fail (cli, error);
  old = lw_policy_get_cell (store, role, category);
  if (!lw_policy_set (store, role, category, level, reason, &error))
    return lw_cli_fail (cli, error);

  if (cli->json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();

      json_builder_begin_object (b);
      lw_cli_json_string (b, "role", lw_role_to_string (role));
      lw_cli_json_string (b, "category", lw_category_to_string (category));
      lw_cli_json_string (b, "from", lw_level_to_string (old));
      lw_cli_json_string (b, "to", lw_level_to_string (level));
      json_builder_end_object (b);
      lw_cli_print_json (json_builder_get_root (b));
    }
  else if (old == (LwLevel) level)
    printf (_("%s sees %s at “%s” already; nothing changed.\n"),
            lw_role_to_string (role), lw_category_to_string (category), lw_level_to_string (level));
  else
    printf (_("%s now sees %s at “%s” (was “%s”).\n"),
            lw_role_to_string (role), lw_category_to_string (category),
            lw_level_to_string (level), lw_level_to_string (old));
  return LW_EXIT_OK;
}

int
lw_cli_policy_agency (LwCli  *cli,
                      int     argc,
                      char  **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LwStore) store = NULL;
  g_auto(GStrv) agencies = NULL;
  g_autofree char *reason = NULL;
  g_autofree char *part2 = NULL;
  gboolean treatment;
  const GOptionEntry entries[] = {
    { "part2", 0, 0, G_OPTION_ARG_STRING, &part2, N_("Whether the agency is a substance-use treatment program (42 CFR Part 2)"), N_("yes|no") },
    { "reason", 0, 0, G_OPTION_ARG_STRING, &reason, N_("Why (required for a change; kept sealed in the audit log)"), N_("TEXT") },
    { NULL }
  };

  if (!lw_cli_parse (cli, &argc, &argv, entries, _("[AGENCY]"),
                     _("Without AGENCY, lists the agencies marked as substance-use treatment programs.\n"
                       "With AGENCY and --part2 yes|no, marks or unmarks one: under 42 CFR Part 2 its staff,\n"
                       "named on a participant's record, are shown only where substance use may be seen,\n"
                       "and otherwise by their role alone.  The change is audited.")))
    return LW_EXIT_USAGE;
  if (argc > 2)
    return lw_cli_usage (cli, _("unexpected argument “%s”"), argv[2]);
  if (argc == 2 && part2 == NULL)
    return lw_cli_usage (cli, _("say --part2 yes or --part2 no"));
  if (argc < 2 && part2 != NULL)
    return lw_cli_usage (cli, _("name the agency"));
  if (part2 != NULL && g_strcmp0 (part2, "yes") != 0 && g_strcmp0 (part2, "no") != 0)
    return lw_cli_usage (cli, _("--part2 takes yes or no, not “%s”"), part2);
  if (part2 != NULL && (reason == NULL || g_strstrip (reason)[0] == '\0'))
    return lw_cli_usage (cli, _("say why with --reason TEXT; it is kept in the audit log"));
  treatment = g_strcmp0 (part2, "yes") == 0;

  store = lw_cli_open_store (cli, &error);
  if (store == NULL)
    return lw_cli_fail (cli, error);
  if (part2 != NULL && !lw_policy_set_agency_part2 (store, argv[1], treatment, reason, &error))
    return lw_cli_fail (cli, error);

  agencies = lw_policy_get_part2_agencies (store);
  if (cli->json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "part2_agencies");
      json_builder_begin_array (b);
      for (guint i = 0; agencies[i] != NULL; i++)
        json_builder_add_string_value (b, agencies[i]);
      json_builder_end_array (b);
      json_builder_end_object (b);
      lw_cli_print_json (json_builder_get_root (b));
    }
  else if (part2 != NULL)
    printf (treatment ? _("“%s” is marked as a substance-use treatment program.\n")
                      : _("“%s” is not marked as a substance-use treatment program.\n"),
            g_strstrip (argv[1]));
  else if (agencies[0] == NULL)
    printf ("%s\n", _("No agency is marked as a substance-use treatment program."));
  else
    for (guint i = 0; agencies[i] != NULL; i++)
      printf ("%s\n", agencies[i]);
  return LW_EXIT_OK;
}
