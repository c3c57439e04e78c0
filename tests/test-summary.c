/* test-summary.c: what the agenda's rules read is kept up to date by every writer
 *
 * The suggestion reads one sealed summary per participant (lw-summary.c)
 * instead of the records.  These tests change the records in every way a
 * writer can (the record API, deletes that cascade, another connection's raw
 * SQL, a migration) and each time compare the suggestion with one computed
 * from the records alone, for several meetings: any difference is a summary
 * left behind.  A summary moved onto another participant does not open; the
 * suggestion reads that participant's records instead and check names it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <sqlite3.h>
#include <string.h>

#include "lw/lw-agenda.h"
#include "lw/lw-demo.h"
#include "lw/lw-model.h"
#include "lw/lw-vault.h"
#include "lw-store-private.h"
#include "lw-test-util.h"

typedef struct
{
  char    *dir;
  char    *path;
  LwStore *store;
  GRand   *rand;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = lw_test_tmpdir ();
  f->store = lw_test_store_new (f->dir, "program.lwdb");
  f->path = g_strdup (lw_store_get_path (f->store));
  f->rand = g_rand_new_with_seed (17);
  g_assert_true (lw_demo_generate (f->store, 80, 5, &error));
  g_assert_no_error (error);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_pointer (&f->store, lw_store_free);
  g_rand_free (f->rand);
  lw_test_tmpdir_remove (f->dir);
  g_free (f->dir);
  g_free (f->path);
}

/* SQL on the file through a connection of its own, as another program. */
static void
raw_exec (Fixture    *f,
          const char *sql)
{
  sqlite3 *db = NULL;
  char *message = NULL;

  g_assert_cmpint (sqlite3_open (f->path, &db), ==, SQLITE_OK);
  sqlite3_busy_timeout (db, 5000);
  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", sql, message);
  sqlite3_close (db);
}

static gint64
raw_count (Fixture    *f,
           const char *sql)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 n;

  g_assert_cmpint (sqlite3_open_v2 (f->path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  n = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return n;
}

/* The suggestion for meeting, one line per participant, everything in it. */
static char *
suggestion_text (LwStore         *store,
                 const LwMeeting *meeting)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) suggestions = lw_agenda_suggest (store, meeting, &error);
  GString *s = g_string_new (NULL);

  g_assert_no_error (error);
  for (guint i = 0; i < suggestions->len; i++)
    {
      const LwAgendaSuggestion *x = g_ptr_array_index (suggestions, i);

      g_string_append_printf (s, "%s id=%" G_GINT64_FORMAT " reasons=%x urgency=%d budget=%" G_GINT64_FORMAT
                              " on=%d court=%s due=%u days=%d concern=%" G_GINT64_FORMAT " consent=%s weights=",
                              x->code, x->participant_id, x->reasons, x->urgency, x->time_budget,
                              x->on_agenda, x->court_date ? x->court_date : "-", x->n_actions_due,
                              x->days_without_contact, x->concern_id,
                              x->consent_expires ? x->consent_expires : "-");
      for (int r = 0; r < LW_N_REASONS; r++)
        g_string_append_printf (s, "%d,", x->weights[r]);
      g_string_append_c (s, '\n');
    }
  return g_string_free (s, FALSE);
}

/* The suggestion from the summaries equals the one from the records, for
 * every meeting of the program and one far ahead; and nothing is stale after
 * a commit. */
static void
assert_current (Fixture    *f,
                const char *after)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) meetings = lw_agenda_list_meetings (f->store, &error);

  g_assert_no_error (error);
  g_assert_cmpint (raw_count (f, "SELECT count(*) FROM participant_summary_stale"), ==, 0);
  g_assert_cmpint (raw_count (f, "SELECT count(*) FROM participant_summary"), ==,
                   raw_count (f, "SELECT count(*) FROM participant"));
  for (guint i = 0; i < meetings->len; i++)
    {
      LwMeeting *meeting = g_ptr_array_index (meetings, i);
      g_autofree char *kept = suggestion_text (f->store, meeting);
      g_autofree char *fresh = NULL;

      /* every summary marked stale: the suggestion reads the records */
      raw_exec (f, "INSERT OR IGNORE INTO participant_summary_stale SELECT id FROM participant");
      fresh = suggestion_text (f->store, meeting);
      raw_exec (f, "DELETE FROM participant_summary_stale");
      if (g_strcmp0 (kept, fresh) != 0)
        g_error ("After %s, the suggestion for %s from the summaries:\n%s\nfrom the records:\n%s",
                 after, meeting->date, kept, fresh);
    }
}

static LwId
random_id (Fixture           *f,
           const LwTableInfo *table)
{
  g_autoptr(GError) error = NULL;
  static const char * const none[] = { NULL };
  g_autoptr(GPtrArray) rows = lw_store_list_columns (f->store, table, none, NULL, 0, &error);

  g_assert_no_error (error);
  if (rows->len == 0)
    return 0;
  return LW_RECORD (rows->pdata[g_rand_int_range (f->rand, 0, rows->len)])->id;
}

static char *
random_day (Fixture *f)
{
  g_autofree char *today = lw_date_today ();

  return lw_date_add_days (today, g_rand_int_range (f->rand, -40, 40));
}

/* One change of a kind the rules read, through the record API. */
static const char *
random_change (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  LwId participant = random_id (f, &lw_participant_table);

  switch (g_rand_int_range (f->rand, 0, 10))
    {
    case 0:
      {
        g_autoptr(LwContact) c = lw_contact_new ();

        c->participant_id = participant;
        c->date = random_day (f);
        c->kind = g_rand_int_range (f->rand, 0, LW_N_CONTACT_KINDS);
        c->note = g_strdup ("A synthetic note");
        c->concerns = g_rand_int_range (f->rand, -1, LW_N_CONCERNS);
        g_assert_true (lw_store_insert (f->store, c, &error));
        return "a new contact";
      }
    case 1:
      {
        g_autoptr(LwParticipant) p = lw_store_get (f->store, &lw_participant_table, participant, &error);

        p->status = g_rand_int_range (f->rand, 0, LW_N_STATUSES);
        g_free (p->status_changed);
        p->status_changed = random_day (f);
        p->flagged = !p->flagged;
        g_free (p->last_contact);
        p->last_contact = g_rand_boolean (f->rand) ? random_day (f) : NULL;
        g_assert_true (lw_store_update (f->store, p, &error));
        return "a status change";
      }
    case 2:
      {
        LwId action = random_id (f, &lw_action_item_table);

        if (action == 0)
          return "nothing";
        lw_agenda_set_action_status (f->store, action, g_rand_boolean (f->rand) ? LW_ACTION_DONE : LW_ACTION_OPEN,
                                     NULL);
        return "an action item closed or reopened";
      }
    case 3:
      {
        g_autoptr(LwActionItem) a = lw_action_item_new ();

        a->text = g_strdup ("A synthetic action");
        a->owner_id = random_id (f, &lw_person_table);
        a->participant_id = participant;
        a->due_date = random_day (f);
        a->status = LW_ACTION_OPEN;
        a->concerns = g_rand_int_range (f->rand, -1, LW_N_CONCERNS);
        g_assert_true (lw_store_insert (f->store, a, &error));
        return "a new action item";
      }
    case 4:
      {
        g_autoptr(LwLegalMatter) m = lw_legal_matter_new ();

        m->participant_id = participant;
        m->case_number = g_strdup ("CR-SYNTH");
        m->status = g_rand_int_range (f->rand, 0, LW_N_MATTER_STATUSES);
        m->next_court_date = random_day (f);
        g_assert_true (lw_store_insert (f->store, m, &error));
        return "a new legal matter";
      }
    case 5:
      {
        LwId matter = random_id (f, &lw_legal_matter_table);

        if (matter != 0)
          g_assert_true (lw_store_delete (f->store, &lw_legal_matter_table, matter, &error));
        return "a legal matter deleted";
      }
    case 6:
      {
        g_autoptr(LwConsent) c = lw_consent_new ();
        g_autofree char *today = lw_date_today ();

        c->participant_id = participant;
        c->recipient_role = g_rand_int_range (f->rand, -1, LW_N_ROLES);
        c->recipient_agency = c->recipient_role < 0 ? g_strdup ("Evergreen Recovery Services") : NULL;
        c->categories = LW_CATEGORY_BIT (LW_CATEGORY_SUBSTANCE_USE);
        c->signed_date = lw_date_add_days (today, -g_rand_int_range (f->rand, 0, 300));
        c->expires = lw_date_add_days (today, g_rand_int_range (f->rand, -5, 60));
        g_assert_true (lw_store_insert (f->store, c, &error));
        return "a new release";
      }
    case 7:
      {
        LwId consent = random_id (f, &lw_consent_table);
        g_autoptr(LwConsent) c = consent ? lw_store_get (f->store, &lw_consent_table, consent, &error) : NULL;

        if (c == NULL)
          return "nothing";
        g_free (c->revoked);
        c->revoked = random_day (f);
        g_assert_true (lw_store_update (f->store, c, &error));
        return "a release revoked";
      }
    case 8:
      {
        g_autoptr(LwContact) c = NULL;
        LwId contact = random_id (f, &lw_contact_table);

        if (contact == 0)
          return "nothing";
        /* moved to another participant: both change */
        c = lw_store_get (f->store, &lw_contact_table, contact, &error);
        c->participant_id = participant;
        g_assert_true (lw_store_update (f->store, c, &error));
        return "a contact moved to another participant";
      }
    default:
      if (g_rand_int_range (f->rand, 0, 4) == 0)
        {
          g_assert_true (lw_store_delete (f->store, &lw_participant_table, participant, &error));
          return "a participant deleted";
        }
      {
        LwId contact = random_id (f, &lw_contact_table);

        if (contact != 0)
          g_assert_true (lw_store_delete (f->store, &lw_contact_table, contact, &error));
        return "a contact deleted";
      }
    }
}

static void
test_every_change (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;

  assert_current (f, "the demo program was written");
  for (int i = 0; i < 40; i++)
    {
      const char *what = random_change (f);

      if (i % 4 == 3)
        assert_current (f, what);
    }
  /* in one transaction, several at once */
  g_assert_true (lw_store_begin (f->store, &error));
  for (int i = 0; i < 10; i++)
    random_change (f);
  g_assert_true (lw_store_commit (f->store, &error));
  assert_current (f, "ten changes in one transaction");

  g_assert_true (lw_store_check (f->store, problems, &error));
  for (guint i = 0; i < problems->len; i++)
    g_printerr ("%s\n", (char *) problems->pdata[i]);
  g_assert_cmpuint (problems->len, ==, 0);
}

/* A rolled back change leaves the summaries as they were. */
static void
test_rollback (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LwMeeting) meeting = lw_agenda_resolve_meeting (f->store, "next", &error);
  g_autofree char *before = suggestion_text (f->store, meeting);
  g_autofree char *after = NULL;

  g_assert_true (lw_store_begin (f->store, &error));
  for (int i = 0; i < 10; i++)
    random_change (f);
  lw_store_rollback (f->store);
  after = suggestion_text (f->store, meeting);
  g_assert_cmpstr (after, ==, before);
  assert_current (f, "a rollback");
}

/* A member deleted takes their action items with them (a cascade the record
 * API never sees); another program's SQL changes an item's status. */
static void
test_other_writers (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LwPerson) person = lw_person_new ();
  g_autoptr(LwMeeting) meeting = lw_agenda_resolve_meeting (f->store, "next", &error);
  g_autofree char *with = NULL;
  g_autofree char *without = NULL;
  g_autofree char *sql = NULL;
  LwId participant = random_id (f, &lw_participant_table);

  person->name = g_strdup ("Synthetic Owner");
  person->role = LW_ROLE_CASE_MANAGER;
  person->active = TRUE;
  g_assert_true (lw_store_insert (f->store, person, &error));
  for (int i = 0; i < 3; i++)
    {
      g_autoptr(LwActionItem) a = lw_action_item_new ();

      a->text = g_strdup ("Due before the meeting");
      a->owner_id = person->id;
      a->participant_id = participant;
      a->due_date = g_strdup (meeting->date);
      a->status = LW_ACTION_OPEN;
      g_assert_true (lw_store_insert (f->store, a, &error));
    }
  g_assert_no_error (error);
  with = suggestion_text (f->store, meeting);
  g_assert_true (lw_store_delete (f->store, &lw_person_table, person->id, &error));
  without = suggestion_text (f->store, meeting);
  g_assert_cmpstr (with, !=, without);
  assert_current (f, "a member deleted with their action items");

  /* another program: its write marks the participant, read from the records
   * until this store commits */
  sql = g_strdup ("UPDATE action_item SET status = CASE status WHEN 0 THEN 1 ELSE 0 END"
                  " WHERE id = (SELECT max(id) FROM action_item WHERE participant_id IS NOT NULL)");
  raw_exec (f, sql);
  g_assert_cmpint (raw_count (f, "SELECT count(*) FROM participant_summary_stale"), >, 0);
  {
    g_autofree char *kept = suggestion_text (f->store, meeting);
    g_autofree char *fresh = NULL;

    raw_exec (f, "INSERT OR IGNORE INTO participant_summary_stale SELECT id FROM participant");
    fresh = suggestion_text (f->store, meeting);
    g_assert_cmpstr (kept, ==, fresh);
    raw_exec (f, "DELETE FROM participant_summary_stale");
    raw_exec (f, sql);
  }
  random_change (f);   /* a commit here brings the summary up to date */
  assert_current (f, "another program's write");
}

/* A summary moved onto another participant does not open: that participant's
 * facts come from the records, and check names it. */
static void
test_moved_summary (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(LwMeeting) meeting = lw_agenda_resolve_meeting (f->store, "next", &error);
  g_autofree char *before = suggestion_text (f->store, meeting);
  g_autofree char *after = NULL;

  raw_exec (f, "UPDATE participant_summary SET facts = (SELECT facts FROM participant_summary WHERE participant_id = 1)"
               " WHERE participant_id = 2");
  after = suggestion_text (f->store, meeting);
  g_assert_cmpstr (after, ==, before);
  g_assert_true (lw_store_check (f->store, problems, &error));
  g_assert_cmpuint (problems->len, ==, 1);
  g_assert_nonnull (strstr (problems->pdata[0], "participant 2:"));
}

/* A summary that opens but is not facts (sealed with the right key, so only
 * a program with the key could write it): read from the records instead, and
 * named by check. */
static void
test_garbled_summary (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(LwMeeting) meeting = lw_agenda_resolve_meeting (f->store, "next", &error);
  g_autofree char *before = suggestion_text (f->store, meeting);
  g_autofree char *after = NULL;
  static const char * const garbage[] = { "", "\x01", "\x01\xff\xff\xff\xff", "\x02not facts",
                                          "\x01\x05\x00\x00\x00P-001\x00\x02" };

  for (guint i = 0; i < G_N_ELEMENTS (garbage); i++)
    {
      gsize len = i == 0 ? 0 : (i == 4 ? 13 : strlen (garbage[i]));
      gsize sealed_len;
      guint8 *sealed = lw_vault_seal (_lw_store_get_vault (f->store), "participant_summary", "facts", 3,
                                      garbage[i], len, &sealed_len);
      sqlite3_stmt *stmt = _lw_store_prepare (f->store, "UPDATE participant_summary SET facts = ?1 WHERE participant_id = 3",
                                              &error);

      g_assert_no_error (error);
      sqlite3_bind_blob (stmt, 1, sealed, sealed_len, g_free);
      g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
      sqlite3_reset (stmt);
      after = suggestion_text (f->store, meeting);
      g_assert_cmpstr (after, ==, before);
      g_clear_pointer (&after, g_free);
      g_ptr_array_set_size (problems, 0);
      g_assert_true (lw_store_check (f->store, problems, &error));
      g_assert_cmpuint (problems->len, ==, 1);
      g_assert_nonnull (strstr (problems->pdata[0], "participant 3:"));
    }
}

/* A file of the version before the summaries: every participant starts stale
 * and the first commit after the unlock writes them. */
static void
test_migration (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LwMeeting) meeting = lw_agenda_resolve_meeting (f->store, "next", &error);
  g_autofree char *before = suggestion_text (f->store, meeting);
  g_autofree char *after = NULL;

  g_clear_pointer (&f->store, lw_store_free);
  raw_exec (f, LW_TEST_SQL_WITHOUT_SUMMARIES "PRAGMA user_version = 5");
  f->store = lw_store_open (f->path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (lw_store_get_schema_version (f->store), ==, LW_SCHEMA_VERSION);
  g_assert_cmpint (raw_count (f, "SELECT count(*) FROM participant_summary_stale"), ==,
                   raw_count (f, "SELECT count(*) FROM participant"));
  g_assert_true (lw_store_unlock (f->store, LW_TEST_PASSPHRASE, strlen (LW_TEST_PASSPHRASE), &error));
  g_assert_no_error (error);
  after = suggestion_text (f->store, meeting);
  g_assert_cmpstr (after, ==, before);
  assert_current (f, "the migration");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_assert_true (lw_vault_init (NULL));

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/lw/summary/every-change", test_every_change);
  ADD ("/lw/summary/rollback", test_rollback);
  ADD ("/lw/summary/other-writers", test_other_writers);
  ADD ("/lw/summary/moved-summary", test_moved_summary);
  ADD ("/lw/summary/garbled-summary", test_garbled_summary);
  ADD ("/lw/summary/migration", test_migration);
#undef ADD

  return g_test_run ();
}
