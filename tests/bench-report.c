/* bench-report.c: a report over the reference load, beside its floor
 *
 * Builds the reference load of DESIGN.md the way tests/benchmark.c does (10,000
 * participants, 100,000 contacts, 500 meetings, 20,000 action items), with what
 * a report counts besides: each participant's history of status and housing,
 * 30,000 plan goals, 10,000 legal matters with 20,000 prosecution positions,
 * 5,000 diversion decisions, 5,000 agenda items and 300 community concerns.
 * Then it measures, in the same run:
 *
 *   a report (a year, each audience below)  vs  the same columns of the same
 *                                               rows read with plain SQLite and
 *                                               the same sealed bytes opened
 *                                               with libsodium
 *   the report as PDF                       (target: the report and its PDF
 *                                            together under 1 s)
 *   the evaluator's extract
 *
 * and prints each figure, its floor and the ratio.  The target of DESIGN.md:
 * any report under 1 s.
 *
 * Usage: bench-report [--participants N] [--keep DIR]
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <sodium.h>
#include <sqlite3.h>
#include <stdio.h>
#include <string.h>

#include "lw/lw-export.h"
#include "lw/lw-model.h"
#include "lw/lw-report.h"
#include "lw/lw-vault.h"
#include "lw-history-private.h"
#include "lw-test-util.h"

#define RUNS 5

static int n_participants = 10000;
static const char *passphrase = "benchmark passphrase";

static double
now_ms (void)
{
  return g_get_monotonic_time () / 1000.0;
}

static int
cmp_double (gconstpointer a,
            gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return x < y ? -1 : x > y;
}

static double
median (double *v,
        int     n)
{
  qsort (v, n, sizeof *v, (GCompareFunc) cmp_double);
  return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

static char *
text (GRand      *rand,
      const char *what,
      int         i)
{
  return g_strdup_printf ("%s %d — synthetic benchmark text %08x", what, i, g_rand_int (rand));
}

static char *
day (int offset)
{
  return lw_date_add_days ("2026-11-24", offset);
}

static void
generate (LwStore *store)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (15);
  g_autoptr(GError) error = NULL;
  g_autoptr(LwPerson) staff = lw_person_new ();
  g_autoptr(LwPerson) officer = lw_person_new ();
  double start = now_ms ();
  int n_meetings = 500;

  g_assert_true (lw_store_begin (store, &error));
  staff->name = g_strdup ("Benchmark Staff");
  staff->role = LW_ROLE_CASE_MANAGER;
  g_assert_true (lw_store_insert (store, staff, &error));
  officer->name = g_strdup ("Benchmark Officer");
  officer->role = LW_ROLE_POLICE_OFFICER;
  g_assert_true (lw_store_insert (store, officer, &error));

  for (int i = 1; i <= n_participants; i++)
    {
      g_autoptr(LwParticipant) p = lw_participant_new ();
      int referral = -g_rand_int_range (rand, 1, 1500);
      g_autofree char *intake = day (referral + g_rand_int_range (rand, 1, 20));
      g_autofree char *active = day (referral + g_rand_int_range (rand, 21, 60));

      p->code = g_strdup_printf ("P-%05d", i);
      p->legal_name = text (rand, "Legal name", i);
      p->preferred_name = text (rand, "Preferred", i);
      p->aliases = text (rand, "Alias", i);
      p->date_of_birth = g_strdup ("1980-05-17");
      p->referral_route = i % LW_N_REFERRALS;
      p->referral_date = day (referral);
      p->referrer = text (rand, "Officer", i);
      p->status = i % LW_N_STATUSES;
      p->status_changed = day (MIN (0, referral + 61));
      p->case_manager_id = staff->id;
      p->peer_worker_id = staff->id;
      p->last_contact = g_strdup ("2026-11-01");
      p->housing_status = i % LW_N_HOUSING;
      p->housing_notes = text (rand, "Housing", i);
      p->health_notes = text (rand, "Health", i);
      p->substance_use = text (rand, "Substance use", i);
      p->address = text (rand, "Address", i);
      p->neighbourhood = g_strdup ("Harbor Flats");
      g_assert_true (lw_store_insert (store, p, &error));
      /* the steps between the referral and the status now */
      if (p->status >= LW_STATUS_ACTIVE)
        {
          g_assert_true (_lw_history_add_status (store, p->id, LW_STATUS_INTAKE_SCHEDULED, intake, &error));
          g_assert_true (_lw_history_add_status (store, p->id, LW_STATUS_ACTIVE, active, &error));
        }
      for (int g = 0; g < 3; g++)
        {
          g_autoptr(LwPlanGoal) goal = lw_plan_goal_new ();

          goal->participant_id = p->id;
          goal->domain = (i + g) % LW_N_DOMAINS;
          goal->text = text (rand, "Goal", i);
          goal->status = (i + g) % LW_N_GOAL_STATUSES;
          goal->concerns = -1;
          g_assert_true (lw_store_insert (store, goal, &error));
        }
      {
        g_autoptr(LwLegalMatter) matter = lw_legal_matter_new ();

        matter->participant_id = p->id;
        matter->case_number = g_strdup_printf ("BENCH-%06d", i);
        matter->charge = text (rand, "Charge", i);
        matter->status = i % LW_N_MATTER_STATUSES;
        g_assert_true (lw_store_insert (store, matter, &error));
        for (int n = 0; n < 2; n++)
          {
            g_autoptr(LwProsecutionNote) note = lw_prosecution_note_new ();

            note->legal_matter_id = matter->id;
            note->position = (i + n) % LW_N_POSITIONS;
            note->text = text (rand, "Position", i);
            note->date = day (-g_rand_int_range (rand, 0, 1000));
            g_assert_true (lw_store_insert (store, note, &error));
          }
      }
      if (i % 2 == 0)
        {
          g_autoptr(LwDiversionDecision) decision = lw_diversion_decision_new ();

          decision->date = day (referral - 1);
          decision->officer_id = officer->id;
          decision->incident_number = g_strdup_printf ("INC-%06d", i);
          decision->eligible = i % 3 != 0;
          decision->diverted = i % 3 == 1;
          decision->reason = decision->diverted ? NULL : g_strdup ("Not eligible: outside the criteria");
          decision->participant_id = p->id;
          g_assert_true (lw_store_insert (store, decision, &error));
        }
    }
  for (int i = 1; i <= n_participants * 10; i++)
    {
      g_autoptr(LwContact) c = lw_contact_new ();

      c->participant_id = 1 + i % n_participants;
      c->date = day (-g_rand_int_range (rand, 0, 1000));
      c->kind = i % LW_N_CONTACT_KINDS;
      c->staff_id = staff->id;
      c->note = text (rand, "Care note", i);
      c->concerns = -1;
      g_assert_true (lw_store_insert (store, c, &error));
    }
  for (int i = 1; i <= n_meetings; i++)
    {
      g_autoptr(LwMeeting) m = lw_meeting_new ();

      m->date = day (-7 * (n_meetings - i));
      m->place = g_strdup ("Room 204");
      m->length_minutes = 90;
      m->status = LW_MEETING_CLOSED;
      m->started_at = G_GINT64_CONSTANT (1700000000000000) + i * G_GINT64_CONSTANT (604800000000);
      g_assert_true (lw_store_insert (store, m, &error));
      for (int k = 0; k < 10; k++)
        {
          g_autoptr(LwAgendaItem) item = lw_agenda_item_new ();

          item->meeting_id = m->id;
          item->kind = LW_ITEM_PARTICIPANT;
          item->participant_id = 1 + (i * 10 + k) % n_participants;
          item->started_at = k < 9 ? m->started_at + k * 300 * G_USEC_PER_SEC : 0;
          item->ended_at = k < 9 ? item->started_at + 280 * G_USEC_PER_SEC : 0;
          item->notes = text (rand, "Discussion", i);
          item->concerns = -1;
          g_assert_true (lw_store_insert (store, item, &error));
        }
    }
  for (int i = 1; i <= n_participants * 2; i++)
    {
      g_autoptr(LwActionItem) a = lw_action_item_new ();

      a->text = text (rand, "Action", i);
      a->owner_id = staff->id;
      a->participant_id = 1 + i % n_participants;
      a->meeting_id = 1 + i % n_meetings;
      a->due_date = day (-g_rand_int_range (rand, 0, 1000));
      a->status = i % LW_N_ACTION_STATUSES;
      a->closed_at = a->status == LW_ACTION_DONE ? G_GINT64_CONSTANT (1750000000000000) : 0;
      a->concerns = -1;
      g_assert_true (lw_store_insert (store, a, &error));
    }
  for (int i = 1; i <= 300; i++)
    {
      g_autoptr(LwCommunityConcern) concern = lw_community_concern_new ();

      concern->date = day (-g_rand_int_range (rand, 0, 1000));
      concern->area = g_strdup ("Harbor Flats");
      concern->text = text (rand, "Concern", i);
      concern->status = i % LW_N_CONCERN_STATUSES;
      g_assert_true (lw_store_insert (store, concern, &error));
    }
  g_assert_true (lw_store_commit (store, &error));
  g_assert_no_error (error);
  printf ("generated %d participants (with histories, goals, matters, positions, decisions), %d contacts, "
          "%d meetings, %d action items in %.1f s\n",
          n_participants, n_participants * 10, n_meetings, n_participants * 2, (now_ms () - start) / 1000);
}

/* The floor: the columns the report reads of the tables it reads, with plain
 * SQLite, and every sealed value among them opened with libsodium directly
 * (another key: authentication fails after doing all the work, which costs
 * the same as an open that succeeds). */
static double
report_floor (const char *path,
              gboolean    contacts)
{
  static const struct
  {
    const char *table;
    const char *columns;
    gboolean    contacts;
  } reads[] = {
    { "participant", "referral_route, referral_date, status, status_changed, housing_status", FALSE },
    { "status_change", "participant_id, status, date", FALSE },
    { "housing_change", "participant_id, housing_status, date", FALSE },
    { "consent", "participant_id, recipient_role, recipient_agency, categories, signed_date, expires, revoked", FALSE },
    { "plan_goal", "participant_id, domain, status, concerns", FALSE },
    { "contact", "participant_id, date, concerns", TRUE },
    { "legal_matter", "participant_id, status", FALSE },
    { "prosecution_note", "legal_matter_id, position, date", FALSE },
    { "diversion_decision", "date, officer_id, eligible, diverted, participant_id, reason", FALSE },
    { "action_item", "due_date, participant_id, status, closed_at, concerns", FALSE },
    { "meeting", "date, status, started_at, ended_at", FALSE },
    { "agenda_item", "meeting_id, kind, participant_id, started_at, ended_at", FALSE },
    { "community_concern", "date, status, participant_id", FALSE },
  };
  guint8 key[crypto_aead_xchacha20poly1305_ietf_KEYBYTES];
  guint8 *buf = g_malloc (65536);
  sqlite3 *db = NULL;
  double start;
  int failures = 0;

  randombytes_buf (key, sizeof key);
  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  start = now_ms ();
  for (guint t = 0; t < G_N_ELEMENTS (reads); t++)
    {
      g_autofree char *sql = NULL;
      sqlite3_stmt *stmt = NULL;

      if (reads[t].contacts && !contacts)
        continue;
      sql = g_strdup_printf ("SELECT id, %s FROM %s ORDER BY id", reads[t].columns, reads[t].table);
      g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        for (int c = 1; c < sqlite3_column_count (stmt); c++)
          {
            const guint8 *blob;
            guint8 ad[128];
            int len;

            if (sqlite3_column_type (stmt, c) != SQLITE_BLOB)
              {
                (void) sqlite3_column_text (stmt, c);
                continue;
              }
            blob = sqlite3_column_blob (stmt, c);
            len = sqlite3_column_bytes (stmt, c);
            if (len < 45)
              continue;
            memset (ad, 0, 32);
            failures += crypto_aead_xchacha20poly1305_ietf_decrypt (buf, NULL, NULL, blob + 29, len - 29,
                                                                   ad, 32, blob + 5, key);
          }
      sqlite3_finalize (stmt);
    }
  start = now_ms () - start;
  sqlite3_close (db);
  g_free (buf);
  g_assert_cmpint (failures, !=, 0);
  return start;
}

static void
row (const char *what,
     double      value,
     double      floor,
     const char *target,
     gboolean    met)
{
  if (floor > 0)
    printf ("%-40s %10.1f ms %10.1f ms %7.2fx   %-16s %s\n",
            what, value, floor, value / floor, target, met ? "met" : "MISSED");
  else
    printf ("%-40s %10.1f ms %13s %8s   %-16s %s\n", what, value, "", "", target, met ? "met" : "MISSED");
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  const char *keep = NULL;
  static const struct
  {
    const char *roles;
    gboolean    contacts;
  } audiences[] = {
    { "project-manager", FALSE },
    { "case-manager", TRUE },
    { "community-representative", FALSE },
    { "evaluator", FALSE },
  };
  LwPeriod period;
  LwStore *store;
  gboolean all_met = TRUE;

  for (int i = 1; i < argc; i++)
    {
      if (g_str_equal (argv[i], "--participants") && i + 1 < argc)
        n_participants = atoi (argv[++i]);
      else if (g_str_equal (argv[i], "--keep") && i + 1 < argc)
        keep = argv[++i];
      else
        {
          fprintf (stderr, "usage: bench-report [--participants N] [--keep DIR]\n");
          return 2;
        }
    }

  g_assert_true (lw_vault_init (NULL));
  dir = keep ? g_strdup (keep) : lw_test_tmpdir ();
  path = g_build_filename (dir, "bench-report.lwdb", NULL);
  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    {
      store = lw_store_create (path, passphrase, strlen (passphrase), &error);
      g_assert_no_error (error);
      generate (store);
      lw_store_free (store);
    }
  store = lw_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_true (lw_store_unlock (store, passphrase, strlen (passphrase), &error));
  g_assert_true (lw_period_parse ("2026", &period, &error));

  printf ("\n%-40s %13s %13s %8s   %-16s\n", "figure (median of 5)", "measured", "floor", "ratio", "target");
  for (guint a = 0; a < G_N_ELEMENTS (audiences); a++)
    {
      g_autoptr(LwAudience) audience = lw_audience_parse (audiences[a].roles, &error);
      double build_t[RUNS], pdf_t[RUNS], floor_t[RUNS];
      g_autofree char *what = g_strdup_printf ("report, a year, %s", audiences[a].roles);
      g_autofree char *what_pdf = g_strdup_printf ("  the same, and its PDF");
      double build_ms, pdf_ms, floor_ms;

      for (int i = 0; i < RUNS; i++)
        {
          g_autoptr(LwReport) report = NULL;
          g_autoptr(LwDocument) document = NULL;
          g_autoptr(GBytes) pdf = NULL;
          double start = now_ms ();

          report = lw_report_build (store, &period, audience, &error);
          g_assert_no_error (error);
          build_t[i] = now_ms () - start;
          document = lw_report_to_document (store, report, &error);
          pdf = lw_document_to_pdf (document, LW_PAPER_A4, &error);
          g_assert_no_error (error);
          pdf_t[i] = now_ms () - start;
          floor_t[i] = report_floor (path, audiences[a].contacts);
        }
      build_ms = median (build_t, RUNS);
      pdf_ms = median (pdf_t, RUNS);
      floor_ms = median (floor_t, RUNS);
      row (what, build_ms, floor_ms, "< 1000 ms", build_ms < 1000);
      row (what_pdf, pdf_ms, 0, "< 1000 ms", pdf_ms < 1000);
      all_met = all_met && build_ms < 1000 && pdf_ms < 1000;
    }
  {
    g_autofree char *out = g_build_filename (dir, "extract.csv", NULL);
    double start = now_ms ();

    g_assert_true (lw_report_extract (store, out, NULL, NULL, NULL, NULL, &error));
    g_assert_no_error (error);
    row ("evaluator's extract (every participant)", now_ms () - start, 0, "(no target)", TRUE);
  }
  lw_store_free (store);
  if (keep == NULL)
    lw_test_tmpdir_remove (dir);
  printf ("\nany report under 1 s: %s\n", all_met ? "met" : "MISSED");
  return 0;
}
