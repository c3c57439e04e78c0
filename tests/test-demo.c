/* test-demo.c: the synthetic demo program
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib.h>
#include <glib/gstdio.h>
#include <string.h>

#include "lw/lw-demo.h"
#include "lw/lw-error.h"
#include "lw/lw-model.h"
#include "lw/lw-store.h"
#include "lw/lw-vault.h"

#define TODAY "2026-03-10"
#define PASSPHRASE "demo"

static const char * const known_reasons[] = {
  "new-referral", "court-date-soon", "action-items-due", "no-contact-14-days",
  "status-change", "community-concern", "flagged",
};

typedef struct
{
  char    *dir;
  LwStore *store;
} Demo;

static void
demo_open (Demo    *demo,
           guint    n_participants,
           guint64  seed)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  demo->dir = g_dir_make_tmp ("lw-test-demo-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (demo->dir, "demo.leadwg", NULL);
  demo->store = lw_store_create (path, PASSPHRASE, strlen (PASSPHRASE), &error);
  g_assert_no_error (error);
  g_assert_nonnull (demo->store);
  if (!lw_demo_generate (demo->store, n_participants, seed, &error))
    g_error ("demo: %s", error->message);
}

static void
demo_close (Demo *demo)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  g_clear_pointer (&demo->store, lw_store_free);
  dir = g_dir_open (demo->dir, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (demo->dir, name, NULL);
      g_unlink (path);
    }
  g_rmdir (demo->dir);
  g_clear_pointer (&demo->dir, g_free);
}

static GPtrArray *
list (LwStore           *store,
      const LwTableInfo *table)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *rows = lw_store_list (store, table, NULL, 0, &error);

  g_assert_no_error (error);
  g_assert_nonnull (rows);
  return rows;
}

static gpointer
find_by_id (GPtrArray *rows,
            LwId       id)
{
  for (guint i = 0; i < rows->len; i++)
    if (LW_RECORD (rows->pdata[i])->id == id)
      return rows->pdata[i];
  return NULL;
}

/* Every row of every table in its text form, one line per row. */
static char *
dump (LwStore *store)
{
  GString *out = g_string_new (NULL);
  const LwTableInfo * const *tables;
  guint n_tables;

  tables = lw_store_tables (&n_tables);
  for (guint t = 0; t < n_tables; t++)
    {
      g_autoptr(GPtrArray) rows = list (store, tables[t]);

      for (guint r = 0; r < rows->len; r++)
        {
          LwRecord *record = rows->pdata[r];

          g_assert_cmpuint (record->damaged, ==, 0);
          g_string_append_printf (out, "%s %" G_GINT64_FORMAT, tables[t]->name, record->id);
          for (guint c = 0; c < tables[t]->n_columns; c++)
            {
              g_autofree char *text = lw_record_get_string (record, &tables[t]->columns[c]);

              g_string_append_printf (out, "|%s=%s", tables[t]->columns[c].name,
                                      text ? text : "(null)");
            }
          g_string_append_c (out, '\n');
        }
    }
  return g_string_free (out, FALSE);
}

static gboolean
has_reason (const char *reasons,
            const char *code)
{
  g_auto(GStrv) codes = NULL;

  if (reasons == NULL)
    return FALSE;
  codes = g_strsplit (reasons, ",", -1);
  return g_strv_contains ((const char * const *) codes, code);
}

static void
test_deterministic (void)
{
  Demo a = { 0, }, b = { 0, }, c = { 0, };
  g_autofree char *dump_a = NULL;
  g_autofree char *dump_b = NULL;
  g_autofree char *dump_c = NULL;

  demo_open (&a, 60, 7);
  demo_open (&b, 60, 7);
  demo_open (&c, 60, 8);
  dump_a = dump (a.store);
  dump_b = dump (b.store);
  dump_c = dump (c.store);
  g_assert_cmpuint (strlen (dump_a), >, 1000);
  g_assert_cmpstr (dump_a, ==, dump_b);
  g_assert_cmpstr (dump_a, !=, dump_c);
  demo_close (&a);
  demo_close (&b);
  demo_close (&c);
}

/* The first participants do not depend on how many follow them. */
static void
test_prefix_stable (void)
{
  Demo small = { 0, }, large = { 0, };
  g_autoptr(GPtrArray) few = NULL;
  g_autoptr(GPtrArray) many = NULL;

  demo_open (&small, 5, 99);
  demo_open (&large, 50, 99);
  few = list (small.store, &lw_participant_table);
  many = list (large.store, &lw_participant_table);
  g_assert_cmpuint (few->len, ==, 5);
  g_assert_cmpuint (many->len, ==, 50);
  for (guint i = 0; i < few->len; i++)
    for (guint c = 0; c < lw_participant_table.n_columns; c++)
      {
        g_autofree char *x = lw_record_get_string (few->pdata[i], &lw_participant_table.columns[c]);
        g_autofree char *y = lw_record_get_string (many->pdata[i], &lw_participant_table.columns[c]);

        g_assert_cmpstr (x, ==, y);
      }
  demo_close (&small);
  demo_close (&large);
}

static void
assert_covers_domain (guint n_participants,
                      guint min_agenda)
{
  Demo demo = { 0, };
  g_autoptr(GPtrArray) people = NULL;
  g_autoptr(GPtrArray) participants = NULL;
  g_autoptr(GPtrArray) consents = NULL;
  g_autoptr(GPtrArray) meetings = NULL;
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GPtrArray) attendance = NULL;
  g_autoptr(GPtrArray) actions = NULL;
  g_autoptr(GPtrArray) matters = NULL;
  g_autoptr(GPtrArray) notes = NULL;
  g_autoptr(GPtrArray) goals = NULL;
  g_autoptr(GPtrArray) contacts = NULL;
  g_autoptr(GPtrArray) concerns = NULL;
  g_autoptr(GPtrArray) decisions = NULL;
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  gboolean roles[LW_N_ROLES] = { FALSE, };
  gboolean routes[LW_N_REFERRALS] = { FALSE, };
  gboolean statuses[LW_N_STATUSES] = { FALSE, };
  gboolean action_states[LW_N_ACTION_STATUSES] = { FALSE, };
  gboolean expired = FALSE, revoked = FALSE, agency_only = FALSE;
  gboolean sp_consent = FALSE, prosecutor_consent = FALSE, pm_consent = FALSE;
  gboolean overdue_open = FALSE;
  LwMeeting *upcoming = NULL;
  guint n_closed = 0, n_upcoming_participants = 0, n_topics = 0, n_concern_items = 0;
  guint n_positions = 0;
  gboolean community_invited = FALSE;
  LwId prosecutor_id = 0;
  gint64 max_position = -1;

  demo_open (&demo, n_participants, 2026);

  /* people of every role */
  people = list (demo.store, &lw_person_table);
  g_assert_cmpuint (people->len, >=, 16);
  for (guint i = 0; i < people->len; i++)
    {
      LwPerson *p = people->pdata[i];

      roles[p->role] = TRUE;
      if (p->role == LW_ROLE_PROSECUTOR)
        prosecutor_id = p->id;
    }
  for (int r = 0; r < LW_N_ROLES; r++)
    g_assert_true (roles[r]);

  /* participants of every route and status */
  participants = list (demo.store, &lw_participant_table);
  g_assert_cmpuint (participants->len, ==, n_participants);
  for (guint i = 0; i < participants->len; i++)
    {
      LwParticipant *p = participants->pdata[i];
      g_autofree char *code = g_strdup_printf ("P-%04u", i + 1);

      g_assert_cmpstr (p->code, ==, code);
      g_assert_nonnull (p->legal_name);
      g_assert_nonnull (p->neighbourhood);
      g_assert_nonnull (p->last_contact);
      g_assert_cmpint (lw_date_diff_days (p->referral_date, p->last_contact), >=, 0);
      g_assert_cmpint (lw_date_diff_days (p->last_contact, TODAY), >=, 0);
      g_assert_cmpint (p->case_manager_id, !=, 0);
      routes[p->referral_route] = TRUE;
      statuses[p->status] = TRUE;
    }
  for (int r = 0; r < LW_N_REFERRALS; r++)
    g_assert_true (routes[r]);
  for (int s = 0; s < LW_N_STATUSES; s++)
    g_assert_true (statuses[s]);

  /* plan goals, contacts, matters and notes by the prosecutor */
  goals = list (demo.store, &lw_plan_goal_table);
  contacts = list (demo.store, &lw_contact_table);
  g_assert_cmpuint (goals->len, >=, 2 * n_participants);
  g_assert_cmpuint (goals->len, <=, 6 * n_participants);
  g_assert_cmpuint (contacts->len, >=, 3 * n_participants);
  g_assert_cmpuint (contacts->len, <=, 12 * n_participants);
  matters = list (demo.store, &lw_legal_matter_table);
  notes = list (demo.store, &lw_prosecution_note_table);
  g_assert_cmpuint (matters->len, >, 0);
  g_assert_cmpuint (notes->len, >=, matters->len);
  for (guint i = 0; i < notes->len; i++)
    g_assert_cmpint (((LwProsecutionNote *) notes->pdata[i])->author_id, ==, prosecutor_id);

  /* releases: current, expired, revoked; roles and an agency */
  consents = list (demo.store, &lw_consent_table);
  for (guint i = 0; i < consents->len; i++)
    {
      LwConsent *c = consents->pdata[i];
      gint64 su = 1 << LW_CATEGORY_SUBSTANCE_USE;
      gint64 health = 1 << LW_CATEGORY_HEALTH;

      if (c->expires != NULL && lw_date_diff_days (c->expires, TODAY) > 0)
        expired = TRUE;
      if (c->revoked != NULL)
        revoked = TRUE;
      if (c->recipient_role == -1)
        {
          agency_only = TRUE;
          g_assert_nonnull (c->recipient_agency);
        }
      if (c->recipient_role == LW_ROLE_SERVICE_PROVIDER && (c->categories & su) && (c->categories & health))
        sp_consent = TRUE;
      if (c->recipient_role == LW_ROLE_PROSECUTOR && (c->categories & su))
        prosecutor_consent = TRUE;
      if (c->recipient_role == LW_ROLE_PROJECT_MANAGER)
        pm_consent = TRUE;
    }
  g_assert_true (expired);
  g_assert_true (revoked);
  g_assert_true (agency_only);
  g_assert_true (sp_consent);
  g_assert_true (prosecutor_consent);
  g_assert_true (pm_consent);

  /* meetings: closed ones in the past, one ready one ahead */
  meetings = list (demo.store, &lw_meeting_table);
  items = list (demo.store, &lw_agenda_item_table);
  attendance = list (demo.store, &lw_attendance_table);
  for (guint i = 0; i < meetings->len; i++)
    {
      LwMeeting *m = meetings->pdata[i];

      if (m->status == LW_MEETING_CLOSED)
        {
          gboolean someone_absent = FALSE;

          n_closed++;
          g_assert_cmpint (lw_date_diff_days (m->date, TODAY), >, 0);
          g_assert_cmpint (m->started_at, >, 0);
          g_assert_cmpint (m->ended_at, >, m->started_at);
          for (guint j = 0; j < attendance->len; j++)
            {
              LwAttendance *a = attendance->pdata[j];

              if (a->meeting_id != m->id)
                continue;
              if (a->absent)
                someone_absent = TRUE;
              else
                {
                  g_assert_cmpint (a->checked_in_at, >, 0);
                  g_assert_cmpint (a->confidentiality_at, >=, a->checked_in_at);
                }
            }
          g_assert_true (someone_absent);
        }
      else
        {
          g_assert_null (upcoming);
          g_assert_cmpint (m->status, ==, LW_MEETING_READY);
          upcoming = m;
        }
    }
  g_assert_cmpuint (n_closed, >=, 5);
  g_assert (upcoming != NULL);
  g_assert_cmpint (lw_date_diff_days (TODAY, upcoming->date), >, 0);
  g_assert_cmpstr (upcoming->start_time, ==, "09:30");
  g_assert_cmpint (upcoming->length_minutes, ==, 90);

  /* its agenda: participants with reasons that match their data */
  for (guint i = 0; i < items->len; i++)
    {
      LwAgendaItem *item = items->pdata[i];

      if (item->reasons != NULL)
        {
          g_auto(GStrv) codes = g_strsplit (item->reasons, ",", -1);

          for (guint k = 0; codes[k] != NULL; k++)
            g_assert_true (g_strv_contains (known_reasons, codes[k]));
        }
      g_assert_cmpint (item->time_budget, >, 0);
      if (item->meeting_id != upcoming->id)
        {
          g_assert_cmpint (item->ended_at, >, item->started_at);
          continue;
        }
      n_positions++;
      max_position = MAX (max_position, item->position);
      g_assert_cmpint (item->started_at, ==, 0);
      switch (item->kind)
        {
        case LW_ITEM_PARTICIPANT:
          {
            LwParticipant *p = find_by_id (participants, item->participant_id);

            g_assert_nonnull (p);
            g_assert_nonnull (item->reasons);
            n_upcoming_participants++;
            if (has_reason (item->reasons, "new-referral"))
              g_assert_cmpint (lw_date_diff_days (p->referral_date, TODAY), <=, 14);
            if (has_reason (item->reasons, "no-contact-14-days"))
              g_assert_cmpint (lw_date_diff_days (p->last_contact, TODAY), >=, 14);
            if (has_reason (item->reasons, "flagged"))
              g_assert_true (p->flagged);
            if (has_reason (item->reasons, "court-date-soon"))
              {
                gboolean soon = FALSE;

                for (guint j = 0; j < matters->len; j++)
                  {
                    LwLegalMatter *m = matters->pdata[j];
                    int days;

                    if (m->participant_id != p->id || m->next_court_date == NULL)
                      continue;
                    days = lw_date_diff_days (TODAY, m->next_court_date);
                    soon = soon || (days >= 0 && days <= 14);
                  }
                g_assert_true (soon);
              }
          }
          break;
        case LW_ITEM_TOPIC:
          g_assert_nonnull (item->title);
          n_topics++;
          break;
        case LW_ITEM_CONCERN:
          g_assert_cmpint (item->concern_id, !=, 0);
          g_assert_true (has_reason (item->reasons, "community-concern"));
          n_concern_items++;
          break;
        default:
          g_assert_not_reached ();
        }
    }
  g_assert_cmpuint (n_upcoming_participants, >=, min_agenda);
  g_assert_cmpuint (n_upcoming_participants, <=, 12);
  g_assert_cmpuint (n_topics, ==, 1);
  g_assert_cmpuint (n_concern_items, ==, 1);
  g_assert_cmpint (max_position, ==, (gint64) n_positions - 1);

  /* invited: not checked in, and a community representative among them */
  for (guint j = 0; j < attendance->len; j++)
    {
      LwAttendance *a = attendance->pdata[j];

      if (a->meeting_id != upcoming->id)
        continue;
      g_assert_cmpint (a->checked_in_at, ==, 0);
      if (a->role == LW_ROLE_COMMUNITY_REPRESENTATIVE)
        community_invited = TRUE;
    }
  g_assert_true (community_invited);

  /* action items: open and overdue, done, dropped */
  actions = list (demo.store, &lw_action_item_table);
  for (guint i = 0; i < actions->len; i++)
    {
      LwActionItem *a = actions->pdata[i];

      action_states[a->status] = TRUE;
      g_assert_cmpint (a->owner_id, !=, 0);
      g_assert_cmpint (a->created_at, >, 0);
      if (a->status == LW_ACTION_OPEN)
        {
          g_assert_cmpint (a->closed_at, ==, 0);
          if (lw_date_diff_days (a->due_date, TODAY) > 0)
            overdue_open = TRUE;
        }
      else
        g_assert_cmpint (a->closed_at, >, a->created_at);
    }
  for (int s = 0; s < LW_N_ACTION_STATUSES; s++)
    g_assert_true (action_states[s]);
  g_assert_true (overdue_open);

  concerns = list (demo.store, &lw_community_concern_table);
  g_assert_cmpuint (concerns->len, >=, 4);
  g_assert_cmpuint (concerns->len, <=, 8);
  decisions = list (demo.store, &lw_diversion_decision_table);
  g_assert_cmpuint (decisions->len, >=, 10);
  g_assert_cmpuint (decisions->len, <=, 30);

  /* and the file is sound */
  g_assert_true (lw_store_check (demo.store, problems, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < problems->len; i++)
    g_test_message ("problem: %s", (const char *) problems->pdata[i]);
  g_assert_cmpuint (problems->len, ==, 0);

  demo_close (&demo);
}

static void
test_covers_domain (void)
{
  assert_covers_domain (80, 8);
}

/* Five participants are enough to show every route and status. */
static void
test_small (void)
{
  assert_covers_domain (5, 1);
}

static void
test_needs_empty_file (void)
{
  Demo demo = { 0, };
  g_autoptr(GError) error = NULL;
  gint64 before;

  demo_open (&demo, 3, 1);
  before = lw_store_count (demo.store, &lw_participant_table, NULL);
  g_assert_false (lw_demo_generate (demo.store, 3, 1, &error));
  g_assert_error (error, LW_ERROR, LW_ERROR_EXISTS);
  g_assert_cmpint (lw_store_count (demo.store, &lw_participant_table, NULL), ==, before);
  demo_close (&demo);
}

static void
test_large (void)
{
  Demo demo = { 0, };
  gint64 start;

  if (!g_test_slow ())
    {
      g_test_skip ("Writes 10,000 participants; run with -m slow");
      return;
    }
  start = g_get_monotonic_time ();
  demo_open (&demo, 10000, 3);
  g_test_message ("10,000 participants in %.2f s",
                  (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC);
  g_assert_cmpint (lw_store_count (demo.store, &lw_participant_table, NULL), ==, 10000);
  demo_close (&demo);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;

  g_setenv ("LEAD_WORKGROUP_TEST_WEAK_KDF", "1", TRUE);
  g_setenv ("LEAD_WORKGROUP_TODAY", TODAY, TRUE);
  g_test_init (&argc, &argv, NULL);
  if (!lw_vault_init (&error))
    g_error ("vault: %s", error->message);

  g_test_add_func ("/lw/demo/deterministic", test_deterministic);
  g_test_add_func ("/lw/demo/prefix-stable", test_prefix_stable);
  g_test_add_func ("/lw/demo/covers-domain", test_covers_domain);
  g_test_add_func ("/lw/demo/small", test_small);
  g_test_add_func ("/lw/demo/needs-empty-file", test_needs_empty_file);
  g_test_add_func ("/lw/demo/large", test_large);

  return g_test_run ();
}
