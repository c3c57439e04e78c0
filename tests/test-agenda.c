/* test-agenda.c: meetings, the agenda rules, editing, carry-over, the room's
 * audience, due dates, and the meeting commands of the command line
 *
 * The environment fixes today at 2026-11-24 (a Tuesday); dates are written as
 * offsets from lw_date_today() so the rules are tested at their edges.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <gio/gio.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "lw/lw-agenda.h"
#include "lw/lw-demo.h"
#include "lw/lw-error.h"
#include "lw/lw-i18n.h"
#include "lw/lw-model.h"
#include "lw-test-util.h"

typedef struct
{
  char    *dir;
  LwStore *store;
  char    *today;
  LwId     pm;
  LwId     case_manager;
  LwId     officer;
  LwId     community;
} Fixture;

static char *
day (Fixture *f,
     int      offset)
{
  return lw_date_add_days (f->today, offset);
}

static LwId
add_person (Fixture    *f,
            const char *name,
            LwRole      role)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LwPerson) p = lw_person_new ();

  p->name = g_strdup (name);
  p->agency = g_strdup ("Test Agency");
  p->role = role;
  p->active = TRUE;
  lw_store_insert (f->store, p, &error);
  g_assert_no_error (error);
  return p->id;
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  f->dir = lw_test_tmpdir ();
  f->store = lw_test_store_new (f->dir, "program.lwdb");
  f->today = lw_date_today ();
  g_assert_cmpstr (f->today, ==, "2026-11-24");
  f->pm = add_person (f, "Pat Manager", LW_ROLE_PROJECT_MANAGER);
  f->case_manager = add_person (f, "Casey Case", LW_ROLE_CASE_MANAGER);
  f->officer = add_person (f, "Ollie Officer", LW_ROLE_POLICE_OFFICER);
  f->community = add_person (f, "Cory Community", LW_ROLE_COMMUNITY_REPRESENTATIVE);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_pointer (&f->store, lw_store_free);
  lw_test_tmpdir_remove (f->dir);
  g_free (f->dir);
  g_free (f->today);
}

/* A participant that no rule brings up: active for long, seen two days ago. */
static LwParticipant *
quiet_participant (Fixture    *f,
                   const char *code)
{
  LwParticipant *p = lw_participant_new ();

  p->code = g_strdup (code);
  p->legal_name = g_strdup_printf ("Name of %s", code);
  p->referral_route = LW_REFERRAL_SOCIAL_CONTACT;
  p->referral_date = day (f, -200);
  p->status = LW_STATUS_ACTIVE;
  p->status_changed = day (f, -150);
  p->last_contact = day (f, -2);
  p->housing_status = LW_HOUSING_UNKNOWN;
  return p;
}

static LwId
insert_participant (Fixture       *f,
                    LwParticipant *p)
{
  g_autoptr(GError) error = NULL;

  lw_store_insert (f->store, p, &error);
  g_assert_no_error (error);
  return p->id;
}

static LwId
add_quiet (Fixture    *f,
           const char *code)
{
  g_autoptr(LwParticipant) p = quiet_participant (f, code);

  return insert_participant (f, p);
}

static LwMeeting *
add_meeting (Fixture         *f,
             int              offset,
             LwMeetingStatus  status)
{
  g_autoptr(GError) error = NULL;
  LwMeeting *m = lw_meeting_new ();

  m->date = day (f, offset);
  m->start_time = g_strdup ("09:30");
  m->length_minutes = 90;
  m->place = g_strdup ("Room 1");
  m->status = status;
  lw_store_insert (f->store, m, &error);
  g_assert_no_error (error);
  return m;
}

static LwId
add_item (Fixture  *f,
          LwId      meeting_id,
          LwId      participant_id,
          gboolean  started)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LwAgendaItem) item = lw_agenda_item_new ();
  g_autoptr(GPtrArray) items = lw_store_list (f->store, &lw_agenda_item_table, "meeting_id", meeting_id, NULL);

  item->meeting_id = meeting_id;
  item->position = items->len;
  item->kind = LW_ITEM_PARTICIPANT;
  item->participant_id = participant_id;
  item->time_budget = 300;
  if (started)
    {
      item->started_at = g_get_real_time () - 600 * G_USEC_PER_SEC;
      item->ended_at = item->started_at + 300 * G_USEC_PER_SEC;
    }
  lw_store_insert (f->store, item, &error);
  g_assert_no_error (error);
  return item->id;
}

static LwId
add_action (Fixture        *f,
            LwId            participant_id,
            LwId            meeting_id,
            int             due_offset,
            LwActionStatus  status)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LwActionItem) a = lw_action_item_new ();

  a->text = g_strdup ("CANARY-plan-action-text");
  a->owner_id = f->case_manager;
  a->due_date = day (f, due_offset);
  a->participant_id = participant_id;
  a->meeting_id = meeting_id;
  a->status = status;
  a->created_at = g_get_real_time () - G_USEC_PER_SEC;
  lw_store_insert (f->store, a, &error);
  g_assert_no_error (error);
  return a->id;
}

static LwId
add_bare_matter (Fixture        *f,
                 LwId            participant_id,
                 LwMatterStatus  status,
                 int             court_offset)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LwLegalMatter) m = lw_legal_matter_new ();

  m->participant_id = participant_id;
  m->case_number = g_strdup_printf ("HC-%" G_GINT64_FORMAT "-%d", participant_id, court_offset);
  m->status = status;
  m->next_court_date = day (f, court_offset);
  lw_store_insert (f->store, m, &error);
  g_assert_no_error (error);
  return LW_RECORD (m)->id;
}

static void
add_position (Fixture *f,
              LwId     matter_id,
              int      offset)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LwProsecutionNote) note = lw_prosecution_note_new ();

  note->legal_matter_id = matter_id;
  note->position = LW_POSITION_HOLD;
  note->text = g_strdup ("Hold while treatment starts");
  note->date = day (f, offset);
  lw_store_insert (f->store, note, &error);
  g_assert_no_error (error);
}

/* A matter with a position taken yesterday: what the court-date rules see
 * alone, without "position-needed". */
static void
add_matter (Fixture        *f,
            LwId            participant_id,
            LwMatterStatus  status,
            int             court_offset)
{
  add_position (f, add_bare_matter (f, participant_id, status, court_offset), -1);
}

static GPtrArray *
suggest (Fixture         *f,
         const LwMeeting *meeting)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *s = lw_agenda_suggest (f->store, meeting, &error);

  g_assert_no_error (error);
  g_assert_nonnull (s);
  return s;
}

static LwAgendaSuggestion *
find (GPtrArray  *suggestions,
      const char *code)
{
  for (guint i = 0; i < suggestions->len; i++)
    {
      LwAgendaSuggestion *s = g_ptr_array_index (suggestions, i);
      if (g_strcmp0 (s->code, code) == 0)
        return s;
    }
  return NULL;
}

/* find() that must succeed (g_error does not return, so no null path follows) */
static LwAgendaSuggestion *
get (GPtrArray  *suggestions,
     const char *code)
{
  LwAgendaSuggestion *s = find (suggestions, code);

  if (s == NULL)
    g_error ("%s was not suggested", code);
  return s;
}

static int
index_of (GPtrArray  *suggestions,
          const char *code)
{
  for (guint i = 0; i < suggestions->len; i++)
    if (g_strcmp0 (((LwAgendaSuggestion *) g_ptr_array_index (suggestions, i))->code, code) == 0)
      return (int) i;
  return -1;
}

static gboolean
has_reason (GPtrArray      *suggestions,
            const char     *code,
            LwAgendaReason  reason)
{
  LwAgendaSuggestion *s = find (suggestions, code);

  return s != NULL && (s->reasons & (1u << reason)) != 0;
}

/* ----------------------------------------------------------------------------
 * The rules, each at its edge
 */

static void
test_reason_codes (Fixture       *f,
                   gconstpointer  data)
{
  static const struct { const char *code; LwCategory category; } table[] = {
    { "new-referral", LW_CATEGORY_STATUS },
    { "court-date-soon", LW_CATEGORY_LEGAL },
    { "action-items-due", LW_CATEGORY_PLAN },
    { "no-contact-14-days", LW_CATEGORY_STATUS },
    { "status-change", LW_CATEGORY_STATUS },
    { "community-concern", LW_CATEGORY_LOCATION },
    { "flagged", LW_CATEGORY_STATUS },
    { "not-reached", LW_CATEGORY_STATUS },
    { "consent-expiring", LW_CATEGORY_CARE_NOTES },
    { "position-needed", LW_CATEGORY_PROSECUTION },
  };
  g_auto(GStrv) split = lw_agenda_reasons_split (" new-referral, ,flagged ");
  g_autofree char *joined = lw_agenda_reasons_to_string ((1u << LW_REASON_FLAGGED) | (1u << LW_REASON_NEW_REFERRAL));

  G_STATIC_ASSERT (G_N_ELEMENTS (table) == LW_N_REASONS);
  for (guint i = 0; i < G_N_ELEMENTS (table); i++)
    {
      g_assert_cmpstr (lw_agenda_reason_to_string (i), ==, table[i].code);
      g_assert_cmpint (lw_agenda_reason_from_string (table[i].code), ==, i);
      g_assert_cmpint (lw_agenda_reason_category (table[i].code), ==, table[i].category);
      g_assert_cmpstr (lw_agenda_reason_label (table[i].code), !=, table[i].code);
    }
  /* unknown codes: care team only, label as written */
  g_assert_cmpint (lw_agenda_reason_from_string ("whatever"), ==, -1);
  g_assert_cmpint (lw_agenda_reason_category ("whatever"), ==, LW_CATEGORY_CARE_NOTES);
  g_assert_cmpstr (lw_agenda_reason_label ("whatever"), ==, "whatever");

  g_assert_cmpuint (g_strv_length (split), ==, 2);
  g_assert_cmpstr (split[1], ==, "flagged");
  g_assert_cmpstr (joined, ==, "new-referral,flagged");
}

static void
test_new_referral (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(LwMeeting) previous = add_meeting (f, -7, LW_MEETING_CLOSED);
  g_autoptr(LwMeeting) meeting = add_meeting (f, 0, LW_MEETING_DRAFT);
  g_autoptr(GPtrArray) s = NULL;
  g_autoptr(LwParticipant) after = quiet_participant (f, "P-AFTER");
  g_autoptr(LwParticipant) before = quiet_participant (f, "P-BEFORE");
  g_autoptr(LwParticipant) same_day = quiet_participant (f, "P-SAMEDAY");
  g_autoptr(LwParticipant) same_seen = quiet_participant (f, "P-SAMESEEN");

  after->status = LW_STATUS_REFERRED;
  g_free (after->referral_date);
  after->referral_date = day (f, -6);   /* the day after the last meeting */
  g_free (after->status_changed);
  after->status_changed = day (f, -6);
  insert_participant (f, after);

  before->status = LW_STATUS_REFERRED;
  g_free (before->referral_date);
  before->referral_date = day (f, -8);  /* the day before: it was news then */
  insert_participant (f, before);

  same_day->status = LW_STATUS_REFERRED;
  g_free (same_day->referral_date);
  same_day->referral_date = day (f, -7);
  insert_participant (f, same_day);

  same_seen->status = LW_STATUS_REFERRED;
  g_free (same_seen->referral_date);
  same_seen->referral_date = day (f, -7);
  insert_participant (f, same_seen);
  add_item (f, previous->id, same_seen->id, TRUE);

  s = suggest (f, meeting);
  g_assert_true (has_reason (s, "P-AFTER", LW_REASON_NEW_REFERRAL));
  /* still "referred": the referral is the news, not a status change */
  g_assert_false (has_reason (s, "P-AFTER", LW_REASON_STATUS_CHANGE));
  g_assert_false (has_reason (s, "P-BEFORE", LW_REASON_NEW_REFERRAL));
  g_assert_true (has_reason (s, "P-SAMEDAY", LW_REASON_NEW_REFERRAL));
  g_assert_false (has_reason (s, "P-SAMESEEN", LW_REASON_NEW_REFERRAL));
}

static void
test_court_date (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(LwMeeting) meeting = add_meeting (f, 7, LW_MEETING_READY);
  g_autoptr(GPtrArray) s = NULL;
  LwId in14 = add_quiet (f, "P-IN14");
  LwId in15 = add_quiet (f, "P-IN15");
  LwId dismissed = add_quiet (f, "P-DISMISSED");
  LwId before = add_quiet (f, "P-BEFOREMEETING");
  LwId past = add_quiet (f, "P-PAST");

  /* counted from the meeting date: 7 + 14 and 7 + 15 days from today */
  add_matter (f, in14, LW_MATTER_PENDING, 7 + 14);
  add_matter (f, in15, LW_MATTER_PENDING, 7 + 15);
  add_matter (f, dismissed, LW_MATTER_DISMISSED, 10);
  /* between today and the meeting: the hearing will just have happened */
  add_matter (f, before, LW_MATTER_PENDING, 3);
  add_matter (f, past, LW_MATTER_PENDING, -1);

  s = suggest (f, meeting);
  g_assert_true (has_reason (s, "P-IN14", LW_REASON_COURT_DATE_SOON));
  g_assert_false (has_reason (s, "P-IN15", LW_REASON_COURT_DATE_SOON));
  g_assert_false (has_reason (s, "P-DISMISSED", LW_REASON_COURT_DATE_SOON));
  g_assert_true (has_reason (s, "P-BEFOREMEETING", LW_REASON_COURT_DATE_SOON));
  g_assert_false (has_reason (s, "P-PAST", LW_REASON_COURT_DATE_SOON));
  {
    g_autofree char *expected = day (f, 21);
    g_assert_cmpstr (get (s, "P-IN14")->court_date, ==, expected);
  }
}

static void
test_action_items_due (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(LwMeeting) meeting = add_meeting (f, 7, LW_MEETING_READY);
  g_autoptr(GPtrArray) s = NULL;
  LwId on_day = add_quiet (f, "P-DUEONDAY");
  LwId after = add_quiet (f, "P-DUEAFTER");
  LwId done = add_quiet (f, "P-DONE");
  LwId two = add_quiet (f, "P-TWO");

  add_action (f, on_day, 0, 7, LW_ACTION_OPEN);
  add_action (f, after, 0, 8, LW_ACTION_OPEN);
  add_action (f, done, 0, -3, LW_ACTION_DONE);
  add_action (f, two, 0, -3, LW_ACTION_OPEN);
  add_action (f, two, 0, 1, LW_ACTION_OPEN);
  {
    /* due, but about treatment: "Action items due" would say so to whoever
     * may not see it, and it does not count towards "2 due" either */
    LwId marked_only = add_quiet (f, "P-MARKED");
    g_autoptr(GError) error = NULL;
    g_autoptr(LwActionItem) a = lw_store_get (f->store, &lw_action_item_table,
                                              add_action (f, marked_only, 0, 1, LW_ACTION_OPEN), &error);
    g_autoptr(LwActionItem) b = lw_store_get (f->store, &lw_action_item_table,
                                              add_action (f, two, 0, 1, LW_ACTION_OPEN), &error);

    g_assert_no_error (error);
    a->concerns = LW_CONCERNS_TREATMENT;
    b->concerns = LW_CONCERNS_HEALTH;
    g_assert_true (lw_store_update (f->store, a, &error));
    g_assert_true (lw_store_update (f->store, b, &error));
    g_assert_no_error (error);
  }

  s = suggest (f, meeting);
  g_assert_null (find (s, "P-MARKED"));
  g_assert_true (has_reason (s, "P-DUEONDAY", LW_REASON_ACTION_ITEMS_DUE));
  g_assert_false (has_reason (s, "P-DUEAFTER", LW_REASON_ACTION_ITEMS_DUE));
  g_assert_false (has_reason (s, "P-DONE", LW_REASON_ACTION_ITEMS_DUE));
  g_assert_cmpuint (get (s, "P-TWO")->n_actions_due, ==, 2);
  /* 20, plus 4 for the second */
  g_assert_cmpint (get (s, "P-TWO")->urgency, ==, 24);
  g_assert_cmpint (get (s, "P-DUEONDAY")->urgency, ==, 20);
}

static void
test_no_contact (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LwMeeting) meeting = add_meeting (f, 0, LW_MEETING_READY);
  g_autoptr(GPtrArray) s = NULL;
  g_autoptr(LwParticipant) d14 = quiet_participant (f, "P-14");
  g_autoptr(LwParticipant) d13 = quiet_participant (f, "P-13");
  g_autoptr(LwParticipant) newer = quiet_participant (f, "P-NEWERCONTACT");
  g_autoptr(LwParticipant) attempt = quiet_participant (f, "P-ATTEMPT");
  g_autoptr(LwParticipant) inactive = quiet_participant (f, "P-INACTIVE");
  g_autoptr(LwContact) c1 = lw_contact_new ();
  g_autoptr(LwContact) c2 = lw_contact_new ();

  g_free (d14->last_contact);
  d14->last_contact = day (f, -14);
  insert_participant (f, d14);
  g_free (d13->last_contact);
  d13->last_contact = day (f, -13);
  insert_participant (f, d13);

  /* last_contact is stale, but a contact record is recent */
  g_free (newer->last_contact);
  newer->last_contact = day (f, -30);
  insert_participant (f, newer);
  c1->participant_id = newer->id;
  c1->date = day (f, -5);
  c1->kind = LW_CONTACT_PHONE;
  lw_store_insert (f->store, c1, &error);
  g_assert_no_error (error);

  /* an attempt that reached nobody is not contact */
  g_free (attempt->last_contact);
  attempt->last_contact = day (f, -20);
  insert_participant (f, attempt);
  c2->participant_id = attempt->id;
  c2->date = day (f, -1);
  c2->kind = LW_CONTACT_ATTEMPTED;
  lw_store_insert (f->store, c2, &error);
  g_assert_no_error (error);

  inactive->status = LW_STATUS_INACTIVE;
  g_free (inactive->last_contact);
  inactive->last_contact = day (f, -60);
  insert_participant (f, inactive);

  s = suggest (f, meeting);
  g_assert_true (has_reason (s, "P-14", LW_REASON_NO_CONTACT));
  g_assert_cmpint (get (s, "P-14")->days_without_contact, ==, 14);
  g_assert_false (has_reason (s, "P-13", LW_REASON_NO_CONTACT));
  g_assert_false (has_reason (s, "P-NEWERCONTACT", LW_REASON_NO_CONTACT));
  g_assert_true (has_reason (s, "P-ATTEMPT", LW_REASON_NO_CONTACT));
  g_assert_false (has_reason (s, "P-INACTIVE", LW_REASON_NO_CONTACT));
}

static void
test_status_change (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(LwMeeting) previous = add_meeting (f, -7, LW_MEETING_CLOSED);
  g_autoptr(LwMeeting) meeting = add_meeting (f, 0, LW_MEETING_READY);
  g_autoptr(GPtrArray) s = NULL;
  g_autoptr(LwParticipant) changed = quiet_participant (f, "P-CHANGED");
  g_autoptr(LwParticipant) earlier = quiet_participant (f, "P-EARLIER");
  g_autoptr(LwParticipant) exited = quiet_participant (f, "P-EXITED");

  g_free (changed->status_changed);
  changed->status_changed = day (f, -6);
  insert_participant (f, changed);
  g_free (earlier->status_changed);
  earlier->status_changed = day (f, -8);
  insert_participant (f, earlier);
  /* leaving the program is news too; nothing else is asked of them */
  exited->status = LW_STATUS_EXITED;
  exited->flagged = TRUE;
  g_free (exited->status_changed);
  exited->status_changed = day (f, -1);
  insert_participant (f, exited);

  s = suggest (f, meeting);
  g_assert_true (has_reason (s, "P-CHANGED", LW_REASON_STATUS_CHANGE));
  g_assert_false (has_reason (s, "P-EARLIER", LW_REASON_STATUS_CHANGE));
  g_assert_true (has_reason (s, "P-EXITED", LW_REASON_STATUS_CHANGE));
  g_assert_false (has_reason (s, "P-EXITED", LW_REASON_FLAGGED));
  g_assert_nonnull (previous);
}

static void
test_concern_and_flag (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LwMeeting) meeting = add_meeting (f, 0, LW_MEETING_READY);
  g_autoptr(GPtrArray) s = NULL;
  g_autoptr(LwParticipant) flagged = quiet_participant (f, "P-FLAGGED");
  LwId open_id = add_quiet (f, "P-CONCERN");
  LwId resolved_id = add_quiet (f, "P-RESOLVED");
  LwCommunityConcern *c;

  flagged->flagged = TRUE;
  insert_participant (f, flagged);

  for (int i = 0; i < 2; i++)
    {
      c = lw_community_concern_new ();
      c->date = day (f, -3);
      c->text = g_strdup ("CANARY-location-concern");
      c->status = i == 0 ? LW_CONCERN_RESPONDED : LW_CONCERN_CLOSED;
      c->participant_id = i == 0 ? open_id : resolved_id;
      lw_store_insert (f->store, c, &error);
      g_assert_no_error (error);
      lw_record_free (c);
    }

  s = suggest (f, meeting);
  g_assert_true (has_reason (s, "P-FLAGGED", LW_REASON_FLAGGED));
  g_assert_cmpint (get (s, "P-FLAGGED")->urgency, ==, 25);
  g_assert_true (has_reason (s, "P-CONCERN", LW_REASON_COMMUNITY_CONCERN));
  g_assert_cmpint (get (s, "P-CONCERN")->concern_id, !=, 0);
  g_assert_null (find (s, "P-RESOLVED"));
  /* a quiet participant is not suggested at all */
  g_assert_cmpuint (s->len, ==, 2);
}

static void
test_not_reached (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(LwMeeting) older = add_meeting (f, -21, LW_MEETING_CLOSED);
  g_autoptr(LwMeeting) previous = add_meeting (f, -7, LW_MEETING_CLOSED);
  g_autoptr(LwMeeting) meeting = add_meeting (f, 0, LW_MEETING_READY);
  g_autoptr(GPtrArray) s = NULL;
  LwId reached = add_quiet (f, "P-REACHED");
  LwId missed = add_quiet (f, "P-MISSED");
  LwId long_ago = add_quiet (f, "P-LONGAGO");

  add_item (f, previous->id, reached, TRUE);
  add_item (f, previous->id, missed, FALSE);
  /* only the last closed meeting carries over */
  add_item (f, older->id, long_ago, FALSE);

  s = suggest (f, meeting);
  g_assert_true (has_reason (s, "P-MISSED", LW_REASON_NOT_REACHED));
  g_assert_null (find (s, "P-REACHED"));
  g_assert_null (find (s, "P-LONGAGO"));
}

static void
add_release (Fixture    *f,
             LwId        participant_id,
             LwRole      role,
             gint64      categories,
             int         signed_offset,
             int         expires_offset,
             gboolean    revoked)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LwConsent) c = lw_consent_new ();

  c->participant_id = participant_id;
  c->recipient_role = role;
  c->categories = categories;
  c->signed_date = day (f, signed_offset);
  c->expires = day (f, expires_offset);
  if (revoked)
    c->revoked = day (f, -1);
  lw_store_insert (f->store, c, &error);
  g_assert_no_error (error);
}

/* A release in effect that ends by 30 days after the meeting, and is not
 * renewed, is a reason; only the care team sees which one. */
static void
test_consent_expiring (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(LwMeeting) meeting = add_meeting (f, 7, LW_MEETING_READY);
  g_autoptr(GPtrArray) s = NULL;
  gint64 health = LW_CATEGORY_BIT (LW_CATEGORY_HEALTH);
  LwId in30 = add_quiet (f, "P-IN30");
  LwId in31 = add_quiet (f, "P-IN31");
  LwId renewed = add_quiet (f, "P-RENEWED");
  LwId partly = add_quiet (f, "P-PARTLY");
  LwId gone = add_quiet (f, "P-EXPIRED");
  LwId revoked = add_quiet (f, "P-REVOKED");
  LwLevel levels[LW_N_CATEGORIES];

  /* the meeting is in 7 days: the window ends 37 days from today */
  add_release (f, in30, LW_ROLE_PROSECUTOR, health, -100, 37, FALSE);
  add_release (f, in31, LW_ROLE_PROSECUTOR, health, -100, 38, FALSE);
  add_release (f, renewed, LW_ROLE_PROSECUTOR, health, -100, 10, FALSE);
  add_release (f, renewed, LW_ROLE_PROSECUTOR, health, -5, 400, FALSE);
  /* a new release that covers less does not renew it */
  add_release (f, partly, LW_ROLE_PROSECUTOR, health | LW_CATEGORY_BIT (LW_CATEGORY_LEGAL), -100, 10, FALSE);
  add_release (f, partly, LW_ROLE_PROSECUTOR, health, -5, 400, FALSE);
  add_release (f, gone, LW_ROLE_PROSECUTOR, health, -100, -1, FALSE);
  add_release (f, revoked, LW_ROLE_PROSECUTOR, health, -100, 10, TRUE);

  s = suggest (f, meeting);
  g_assert_true (has_reason (s, "P-IN30", LW_REASON_CONSENT_EXPIRING));
  g_assert_cmpstr (get (s, "P-IN30")->consent_expires, ==, "2026-12-31");
  g_assert_cmpint (get (s, "P-IN30")->urgency, ==, 10);
  g_assert_null (find (s, "P-IN31"));
  g_assert_null (find (s, "P-RENEWED"));
  g_assert_true (has_reason (s, "P-PARTLY", LW_REASON_CONSENT_EXPIRING));
  g_assert_null (find (s, "P-EXPIRED"));
  g_assert_null (find (s, "P-REVOKED"));

  /* releases are care notes: the project manager sees "Review due" */
  for (int c = 0; c < LW_N_CATEGORIES; c++)
    levels[c] = lw_policy_default_cell (LW_ROLE_PROJECT_MANAGER, c);
  g_assert_false (lw_agenda_reason_visible ("consent-expiring", levels));
  for (int c = 0; c < LW_N_CATEGORIES; c++)
    levels[c] = lw_policy_default_cell (LW_ROLE_CASE_MANAGER, c);
  g_assert_true (lw_agenda_reason_visible ("consent-expiring", levels));
}

static void
test_ordering (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(LwMeeting) meeting = add_meeting (f, 0, LW_MEETING_READY);
  g_autoptr(GPtrArray) s = NULL;
  g_autoptr(LwParticipant) flagged_court = quiet_participant (f, "P-FLAGCOURT");
  g_autoptr(LwParticipant) flagged = quiet_participant (f, "P-FLAG");
  LwId court_soon = add_quiet (f, "P-COURT02");
  LwId court_later = add_quiet (f, "P-COURT10");
  LwId court_tie_a = add_quiet (f, "P-TIEA");
  LwId court_tie_b = add_quiet (f, "P-TIEB");
  LwAgendaSuggestion *x;

  flagged_court->flagged = TRUE;
  insert_participant (f, flagged_court);
  add_matter (f, flagged_court->id, LW_MATTER_PENDING, 12);
  flagged->flagged = TRUE;
  insert_participant (f, flagged);
  add_matter (f, court_soon, LW_MATTER_PENDING, 2);
  add_matter (f, court_later, LW_MATTER_PENDING, 10);
  /* same weight: the soonest court date first, then by code */
  add_matter (f, court_tie_b, LW_MATTER_PENDING, 5);
  add_matter (f, court_tie_a, LW_MATTER_PENDING, 5);

  s = suggest (f, meeting);
  g_assert_cmpuint (s->len, ==, 6);
  /* 40 + 2 × (14 − 12) + 25 */
  x = get (s, "P-FLAGCOURT");
  g_assert_cmpint (x->urgency, ==, 69);
  g_assert_cmpint (x->time_budget, ==, 300);
  g_assert_cmpint (get (s, "P-COURT02")->urgency, ==, 64);
  g_assert_cmpint (get (s, "P-COURT02")->time_budget, ==, 180);
  g_assert_cmpint (index_of (s, "P-FLAGCOURT"), ==, 0);
  g_assert_cmpint (index_of (s, "P-COURT02"), ==, 1);
  g_assert_cmpint (index_of (s, "P-TIEA"), ==, 2);
  g_assert_cmpint (index_of (s, "P-TIEB"), ==, 3);
  g_assert_cmpint (index_of (s, "P-COURT10"), ==, 4);
  g_assert_cmpint (index_of (s, "P-FLAG"), ==, 5);
  for (guint i = 1; i < s->len; i++)
    g_assert_cmpint (((LwAgendaSuggestion *) s->pdata[i - 1])->urgency, >=,
                     ((LwAgendaSuggestion *) s->pdata[i])->urgency);
  g_assert_cmpint (court_later, !=, 0);
  /* the weights add up, and can be counted for some reasons only */
  g_assert_cmpint (lw_agenda_suggestion_urgency (x, x->reasons), ==, 69);
  g_assert_cmpint (lw_agenda_suggestion_urgency (x, 1u << LW_REASON_FLAGGED), ==, 25);
  g_assert_cmpint (lw_agenda_budget_for_reasons (1u << LW_REASON_FLAGGED), ==, 180);
  g_assert_cmpint (lw_agenda_budget_for_reasons (0xff), ==, 600);
}

/* ----------------------------------------------------------------------------
 * Editing
 */

static void
assert_dense (Fixture *f,
              LwId     meeting_id,
              guint    n)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) items = lw_agenda_list_items (f->store, meeting_id, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (items->len, ==, n);
  for (guint i = 0; i < items->len; i++)
    g_assert_cmpint (((LwAgendaItem *) items->pdata[i])->position, ==, i);
}

static void
test_apply_skips_duplicates (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LwMeeting) meeting = add_meeting (f, 0, LW_MEETING_DRAFT);
  g_autoptr(GPtrArray) s = NULL;
  g_autoptr(GPtrArray) again = NULL;
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(LwAgendaItem) topic = NULL;
  g_autoptr(LwAgendaItem) dup = NULL;
  g_autoptr(LwParticipant) a = quiet_participant (f, "P-A");
  g_autoptr(LwParticipant) b = quiet_participant (f, "P-B");
  g_autoptr(LwParticipant) c = quiet_participant (f, "P-C");
  guint added = 99;

  a->flagged = b->flagged = c->flagged = TRUE;
  insert_participant (f, a);
  insert_participant (f, b);
  insert_participant (f, c);
  topic = lw_agenda_add_topic (f->store, meeting->id, "Budget", 600, &error);
  g_assert_no_error (error);
  g_clear_pointer (&topic, lw_record_free);
  topic = lw_agenda_add_participant (f->store, meeting->id, b->id, "flagged", 0, &error);
  g_assert_no_error (error);
  g_assert_cmpint (topic->time_budget, ==, LW_AGENDA_DEFAULT_BUDGET);

  /* by hand: refused twice */
  dup = lw_agenda_add_participant (f->store, meeting->id, b->id, NULL, 0, &error);
  g_assert_error (error, LW_ERROR, LW_ERROR_EXISTS);
  g_assert_nonnull (strstr (error->message, "P-B"));
  g_assert_null (dup);
  g_clear_error (&error);

  s = suggest (f, meeting);
  g_assert_cmpuint (s->len, ==, 3);
  g_assert_true (get (s, "P-B")->on_agenda);
  g_assert_false (get (s, "P-A")->on_agenda);
  g_assert_true (lw_agenda_apply_suggestions (f->store, meeting, s, &added, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (added, ==, 2);
  assert_dense (f, meeting->id, 4);

  items = lw_agenda_list_items (f->store, meeting->id, &error);
  g_assert_cmpstr (((LwAgendaItem *) items->pdata[2])->reasons, ==, "flagged");
  g_assert_cmpint (((LwAgendaItem *) items->pdata[2])->time_budget, ==, 180);

  /* the same suggestions again: nothing to add */
  g_assert_true (lw_agenda_apply_suggestions (f->store, meeting, s, &added, &error));
  g_assert_cmpuint (added, ==, 0);
  again = suggest (f, meeting);
  for (guint i = 0; i < again->len; i++)
    g_assert_true (((LwAgendaSuggestion *) again->pdata[i])->on_agenda);
  assert_dense (f, meeting->id, 4);
}

static void
test_move_keeps_dense (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LwMeeting) meeting = add_meeting (f, 0, LW_MEETING_DRAFT);
  g_autoptr(GPtrArray) items = NULL;
  LwId ids[5];
  LwId started;

  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    {
      g_autofree char *title = g_strdup_printf ("Topic %u", i);
      g_autoptr(LwAgendaItem) item = lw_agenda_add_topic (f->store, meeting->id, title, 60, &error);

      g_assert_no_error (error);
      g_assert_cmpint (item->position, ==, i);
      ids[i] = item->id;
    }

  /* last to first */
  g_assert_true (lw_agenda_move_item (f->store, ids[4], 0, &error));
  g_assert_no_error (error);
  assert_dense (f, meeting->id, 5);
  /* first to past the end: clamped to the last */
  g_assert_true (lw_agenda_move_item (f->store, ids[4], 99, &error));
  assert_dense (f, meeting->id, 5);
  /* a middle one up */
  g_assert_true (lw_agenda_move_item (f->store, ids[3], 1, &error));
  items = lw_agenda_list_items (f->store, meeting->id, &error);
  {
    const LwId expected[] = { ids[0], ids[3], ids[1], ids[2], ids[4] };
    for (guint i = 0; i < items->len; i++)
      g_assert_cmpint (((LwAgendaItem *) items->pdata[i])->id, ==, expected[i]);
  }
  g_assert_cmpint (lw_agenda_total_budget (items), ==, 300);
  g_clear_pointer (&items, g_ptr_array_unref);

  g_assert_true (lw_agenda_remove_item (f->store, ids[1], &error));
  g_assert_no_error (error);
  assert_dense (f, meeting->id, 4);

  g_assert_true (lw_agenda_set_time_budget (f->store, ids[0], 900, &error));
  g_assert_false (lw_agenda_set_time_budget (f->store, ids[0], 0, &error));
  g_assert_error (error, LW_ERROR, LW_ERROR_INVALID);
  g_clear_error (&error);
  items = lw_agenda_list_items (f->store, meeting->id, &error);
  g_assert_cmpint (lw_agenda_total_budget (items), ==, 900 + 180);

  /* a discussed item stays on the record */
  started = ids[2];
  g_assert_true (lw_agenda_start_item (f->store, started, &error));
  g_assert_no_error (error);
  g_assert_false (lw_agenda_remove_item (f->store, started, &error));
  g_assert_error (error, LW_ERROR, LW_ERROR_INVALID);
  g_clear_error (&error);
  {
    g_autoptr(LwMeeting) now = lw_store_get (f->store, &lw_meeting_table, meeting->id, &error);
    g_assert_cmpint (now->status, ==, LW_MEETING_IN_PROGRESS);
    g_assert_cmpint (now->started_at, !=, 0);
  }
  /* a topic needs a title */
  g_assert_null (lw_agenda_add_topic (f->store, meeting->id, "  ", 60, &error));
  g_assert_error (error, LW_ERROR, LW_ERROR_INVALID);
}

static void
test_close_carries_over (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LwMeeting) first = add_meeting (f, 0, LW_MEETING_READY);
  g_autoptr(LwMeeting) next = add_meeting (f, 14, LW_MEETING_DRAFT);
  g_autoptr(LwMeeting) closed = NULL;
  g_autoptr(GPtrArray) s = NULL;
  g_autoptr(GPtrArray) carried = NULL;
  g_autoptr(LwActionItem) agreed = NULL;
  g_autoptr(LwActionItem) reread = NULL;
  g_autoptr(LwActionItem) done_reread = NULL;
  g_autoptr(LwAgendaItem) extra = NULL;
  LwAgendaCloseSummary summary = { 99, 99, 99 };
  LwId discussed = add_quiet (f, "P-DISCUSSED");
  LwId missed = add_quiet (f, "P-MISSED");
  LwId item_discussed, item_missed, done;

  item_discussed = add_item (f, first->id, discussed, FALSE);
  item_missed = add_item (f, first->id, missed, FALSE);
  g_assert_true (lw_agenda_start_item (f->store, item_discussed, &error));
  g_assert_no_error (error);

  agreed = lw_agenda_add_action (f->store, first->id, item_discussed, 0, f->case_manager,
                                 "  Book the clinic visit  ", next->date, &error);
  g_assert_no_error (error);
  g_assert_cmpint (agreed->participant_id, ==, discussed);
  g_assert_cmpstr (agreed->text, ==, "Book the clinic visit");
  done = add_action (f, discussed, first->id, 3, LW_ACTION_OPEN);
  g_assert_true (lw_agenda_set_action_status (f->store, done, LW_ACTION_DONE, &error));
  /* no owner, no text: refused */
  g_assert_null (lw_agenda_add_action (f->store, first->id, 0, 0, 0, "x", NULL, &error));
  g_assert_error (error, LW_ERROR, LW_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_null (lw_agenda_add_action (f->store, first->id, 0, 0, f->pm, " ", NULL, &error));
  g_assert_error (error, LW_ERROR, LW_ERROR_INVALID);
  g_clear_error (&error);

  g_assert_true (lw_agenda_close_meeting (f->store, first->id, &summary, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (summary.n_discussed, ==, 1);
  g_assert_cmpuint (summary.n_not_reached, ==, 1);
  g_assert_cmpuint (summary.n_carried, ==, 1);

  closed = lw_store_get (f->store, &lw_meeting_table, first->id, &error);
  g_assert_cmpint (closed->status, ==, LW_MEETING_CLOSED);
  g_assert_cmpint (closed->ended_at, !=, 0);
  {
    g_autoptr(GPtrArray) items = lw_agenda_list_items (f->store, first->id, &error);
    g_assert_false (lw_agenda_item_not_reached (closed, items->pdata[0]));
    g_assert_cmpint (((LwAgendaItem *) items->pdata[0])->ended_at, !=, 0);
    g_assert_true (lw_agenda_item_not_reached (closed, items->pdata[1]));
    g_assert_cmpint (((LwAgendaItem *) items->pdata[1])->id, ==, item_missed);
  }
  reread = lw_store_get (f->store, &lw_action_item_table, agreed->id, &error);
  g_assert_cmpint (reread->carried_over, ==, 1);
  done_reread = lw_store_get (f->store, &lw_action_item_table, done, &error);
  g_assert_cmpint (done_reread->carried_over, ==, 0);
  g_assert_cmpint (done_reread->closed_at, !=, 0);

  /* a closed meeting is the record: no closing twice, no editing */
  g_assert_false (lw_agenda_close_meeting (f->store, first->id, NULL, &error));
  g_assert_error (error, LW_ERROR, LW_ERROR_INVALID);
  g_clear_error (&error);
  extra = lw_agenda_add_topic (f->store, first->id, "Late topic", 60, &error);
  g_assert_null (extra);
  g_assert_error (error, LW_ERROR, LW_ERROR_INVALID);
  g_clear_error (&error);

  /* the next meeting: the missed item comes back, the open action is due */
  s = suggest (f, next);
  g_assert_true (has_reason (s, "P-MISSED", LW_REASON_NOT_REACHED));
  g_assert_true (has_reason (s, "P-DISCUSSED", LW_REASON_ACTION_ITEMS_DUE));
  g_assert_false (has_reason (s, "P-DISCUSSED", LW_REASON_NOT_REACHED));

  carried = lw_agenda_carried_actions (f->store, next, discussed, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (carried->len, ==, 1);
  g_assert_cmpint (((LwCarriedAction *) carried->pdata[0])->action->id, ==, agreed->id);
  g_assert_cmpint (((LwCarriedAction *) carried->pdata[0])->from->id, ==, first->id);
  g_clear_pointer (&carried, g_ptr_array_unref);
  /* nothing is carried into the meeting where it was agreed */
  carried = lw_agenda_carried_actions (f->store, first, discussed, &error);
  g_assert_cmpuint (carried->len, ==, 0);
}

/* Which open actions a meeting carries, and from where: earlier meetings
 * (by date, then by id on the same day) and outside meetings, never the
 * meeting itself, a later one, a closed action or another participant's.
 * Written with meetings in an order that id order alone would get wrong. */
static void
test_carried_from_where (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LwMeeting) later = add_meeting (f, 30, LW_MEETING_DRAFT);
  g_autoptr(LwMeeting) current = add_meeting (f, 14, LW_MEETING_READY);
  g_autoptr(LwMeeting) same_day_after = add_meeting (f, 14, LW_MEETING_DRAFT);
  g_autoptr(LwMeeting) old = add_meeting (f, -28, LW_MEETING_CLOSED);
  g_autoptr(LwMeeting) recent = add_meeting (f, -14, LW_MEETING_CLOSED);
  g_autoptr(GPtrArray) carried = NULL;
  LwId who = add_quiet (f, "P-CARRIED");
  LwId other = add_quiet (f, "P-OTHER");
  LwId from_recent = add_action (f, who, recent->id, 1, LW_ACTION_OPEN);
  LwId from_old = add_action (f, who, old->id, 1, LW_ACTION_OPEN);
  LwId outside = add_action (f, who, 0, 1, LW_ACTION_OPEN);
  LwId from_old_too = add_action (f, who, old->id, 2, LW_ACTION_OPEN);

  add_action (f, who, current->id, 1, LW_ACTION_OPEN);
  add_action (f, who, later->id, 1, LW_ACTION_OPEN);
  add_action (f, who, same_day_after->id, 1, LW_ACTION_OPEN);
  add_action (f, who, old->id, 1, LW_ACTION_DONE);
  add_action (f, other, old->id, 1, LW_ACTION_OPEN);

  carried = lw_agenda_carried_actions (f->store, current, who, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (carried->len, ==, 4);
  g_assert_cmpint (((LwCarriedAction *) carried->pdata[0])->action->id, ==, outside);
  g_assert_null (((LwCarriedAction *) carried->pdata[0])->from);
  g_assert_cmpint (((LwCarriedAction *) carried->pdata[1])->action->id, ==, from_old);
  g_assert_cmpint (((LwCarriedAction *) carried->pdata[2])->action->id, ==, from_old_too);
  g_assert_cmpint (((LwCarriedAction *) carried->pdata[3])->action->id, ==, from_recent);
  /* where each came from, with the date the presenter shows */
  g_assert_cmpint (((LwCarriedAction *) carried->pdata[1])->from->id, ==, old->id);
  g_assert_cmpstr (((LwCarriedAction *) carried->pdata[1])->from->date, ==, old->date);
  g_assert_cmpstr (((LwCarriedAction *) carried->pdata[3])->from->date, ==, recent->date);
  g_assert_cmpstr (((LwCarriedAction *) carried->pdata[3])->action->text, ==, "CANARY-plan-action-text");
  g_clear_pointer (&carried, g_ptr_array_unref);

  /* the meeting later the same day carries the current one's too */
  carried = lw_agenda_carried_actions (f->store, same_day_after, who, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (carried->len, ==, 5);
  g_assert_cmpint (((LwCarriedAction *) carried->pdata[4])->from->id, ==, current->id);
  g_clear_pointer (&carried, g_ptr_array_unref);

  /* one with nothing open carries nothing */
  carried = lw_agenda_carried_actions (f->store, current, add_quiet (f, "P-NONE"), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (carried->len, ==, 0);
}

/* ----------------------------------------------------------------------------
 * The room's audience and attendance
 */

static void
test_room_roles (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LwMeeting) meeting = add_meeting (f, 7, LW_MEETING_READY);
  g_autoptr(LwAttendance) pm = NULL;
  g_autoptr(LwAttendance) officer = NULL;
  g_autoptr(LwAttendance) dup = NULL;
  g_autoptr(LwAttendance) guest = NULL;
  g_autoptr(LwAttendance) reread = NULL;

  /* nobody on the list: the most restrictive role */
  g_assert_cmpuint (lw_agenda_room_roles (f->store, meeting->id, &error), ==, 1u << LW_ROLE_EVALUATOR);
  g_assert_no_error (error);

  /* invited people count from the start */
  pm = lw_agenda_invite (f->store, meeting->id, f->pm, &error);
  g_assert_no_error (error);
  officer = lw_agenda_invite (f->store, meeting->id, f->officer, &error);
  g_assert_no_error (error);
  g_assert_cmpint (officer->role, ==, LW_ROLE_POLICE_OFFICER);
  dup = lw_agenda_invite (f->store, meeting->id, f->officer, &error);
  g_assert_error (error, LW_ERROR, LW_ERROR_EXISTS);
  g_clear_error (&error);
  g_assert_cmpuint (lw_agenda_room_roles (f->store, meeting->id, NULL), ==,
                    (1u << LW_ROLE_PROJECT_MANAGER) | (1u << LW_ROLE_POLICE_OFFICER));

  /* absent people do not */
  g_assert_true (lw_agenda_set_absent (f->store, officer->id, TRUE, &error));
  g_assert_cmpuint (lw_agenda_room_roles (f->store, meeting->id, NULL), ==, 1u << LW_ROLE_PROJECT_MANAGER);

  /* a guest counts once added */
  guest = lw_agenda_add_guest (f->store, meeting->id, "Gale Guest", "Northside Neighbors",
                               LW_ROLE_COMMUNITY_REPRESENTATIVE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (lw_agenda_room_roles (f->store, meeting->id, NULL), ==,
                    (1u << LW_ROLE_PROJECT_MANAGER) | (1u << LW_ROLE_COMMUNITY_REPRESENTATIVE));
  g_assert_null (lw_agenda_add_guest (f->store, meeting->id, " ", NULL, LW_ROLE_EVALUATOR, &error));
  g_assert_error (error, LW_ERROR, LW_ERROR_INVALID);
  g_clear_error (&error);

  /* everyone absent: the most restrictive role again */
  g_assert_true (lw_agenda_set_absent (f->store, pm->id, TRUE, &error));
  g_assert_true (lw_agenda_set_absent (f->store, guest->id, TRUE, &error));
  g_assert_cmpuint (lw_agenda_room_roles (f->store, meeting->id, NULL), ==, 1u << LW_ROLE_EVALUATOR);

  /* checking in time-stamps and brings someone back */
  g_assert_true (lw_agenda_check_in (f->store, officer->id, &error));
  g_assert_true (lw_agenda_acknowledge_confidentiality (f->store, officer->id, &error));
  g_assert_no_error (error);
  reread = lw_store_get (f->store, &lw_attendance_table, officer->id, &error);
  g_assert_false (reread->absent);
  g_assert_cmpint (reread->checked_in_at, >, 0);
  g_assert_cmpint (reread->confidentiality_at, >=, reread->checked_in_at);
  g_assert_cmpuint (lw_agenda_room_roles (f->store, meeting->id, NULL), ==, 1u << LW_ROLE_POLICE_OFFICER);

  /* no such meeting */
  g_assert_cmpuint (lw_agenda_room_roles (f->store, 9999, &error), ==, 0);
  g_assert_error (error, LW_ERROR, LW_ERROR_NOT_FOUND);
}

/* ----------------------------------------------------------------------------
 * Due dates and meeting lookup
 */

static void
test_parse_due (void)
{
  /* 2026-11-24 is a Tuesday */
  static const struct { const char *text; const char *expected; } valid[] = {
    { "2026-12-01", "2026-12-01" },
    { " 2027-02-28 ", "2027-02-28" },
    { "next meeting", "2026-12-01" },
    { "Next  Meeting", "2026-12-01" },
    { "NEXT", "2026-12-01" },
    { "+7d", "2026-12-01" },
    { "+2w", "2026-12-08" },
    { "+10", "2026-12-04" },
    { "+3 days", "2026-11-27" },
    { "+1 week", "2026-12-01" },
    { "+0d", "2026-11-24" },
    { "today", "2026-11-24" },
    { "Tomorrow", "2026-11-25" },
    { "monday", "2026-11-30" },
    { "Mon", "2026-11-30" },
    { "tuesday", "2026-12-01" },   /* today is Tuesday: the next one */
    { "wed", "2026-11-25" },
    { "THURSDAY", "2026-11-26" },
    { "thurs", "2026-11-26" },
    { "fri", "2026-11-27" },
    { "saturday", "2026-11-28" },
    { "sun", "2026-11-29" },
    { "next friday", "2026-11-27" },
    { "+5w", "2026-12-29" },
    { "+10d", "2026-12-04" },
  };
  static const char * const invalid[] = {
    "someday", "", "   ", "2026-02-30", "2026-13-01", "2026-00-10", "26-12-01",
    "+", "+d", "+7x", "+-3d", "-7d", "+99999d", "+1000w", "next week", "mondays", "2026/12/01",
    "12/01/2026", "next meeting please",
  };

  for (guint i = 0; i < G_N_ELEMENTS (valid); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *out = NULL;

      g_test_message ("due: \"%s\"", valid[i].text);
      g_assert_true (lw_agenda_parse_due (valid[i].text, "2026-11-24", "2026-12-01", &out, &error));
      g_assert_no_error (error);
      g_assert_cmpstr (out, ==, valid[i].expected);
    }
  for (guint i = 0; i < G_N_ELEMENTS (invalid); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *out = NULL;

      g_test_message ("not due: \"%s\"", invalid[i]);
      g_assert_false (lw_agenda_parse_due (invalid[i], "2026-11-24", "2026-12-01", &out, &error));
      g_assert_error (error, LW_ERROR, LW_ERROR_INVALID);
      g_assert_null (out);
    }

  /* the messages say what to write */
  {
    g_autoptr(GError) error = NULL;
    g_autofree char *out = NULL;

    lw_agenda_parse_due ("someday", "2026-11-24", "2026-12-01", &out, &error);
    g_assert_cmpstr (error->message, ==,
                     "“someday” is not a due date: write a date (2026-12-01), +7d, a weekday or “next meeting”");
    g_clear_error (&error);
    lw_agenda_parse_due ("2026-02-30", "2026-11-24", "2026-12-01", &out, &error);
    g_assert_nonnull (strstr (error->message, "not a date on the calendar"));
    g_clear_error (&error);
    /* no meeting planned */
    g_assert_false (lw_agenda_parse_due ("next meeting", "2026-11-24", NULL, &out, &error));
    g_assert_error (error, LW_ERROR, LW_ERROR_INVALID);
    g_assert_nonnull (strstr (error->message, "No next meeting"));
  }
}

/* The form says "a weekday": a Spanish reader writes one in Spanish, with or
 * without accents, in any case; English keeps working beside it. */
static void
test_parse_due_spanish (void)
{
  /* 2026-11-24 is a Tuesday (martes) */
  static const struct { const char *text; const char *expected; } valid[] = {
    { "próxima reunión", "2026-12-01" },
    { "Proxima Reunion", "2026-12-01" },
    { "PRÓXIMA   REUNIÓN", "2026-12-01" },
    { "la próxima reunión", "2026-12-01" },
    { "hoy", "2026-11-24" },
    { "HOY", "2026-11-24" },
    { "mañana", "2026-11-25" },
    { "manana", "2026-11-25" },
    { "Mañana", "2026-11-25" },
    { "lunes", "2026-11-30" },
    { "martes", "2026-12-01" },   /* today is Tuesday: the next one */
    { "miércoles", "2026-11-25" },
    { "miercoles", "2026-11-25" },
    { "MIÉRCOLES", "2026-11-25" },
    { "jueves", "2026-11-26" },
    { "viernes", "2026-11-27" },
    { "el próximo viernes", "2026-11-27" },
    { "próximo sábado", "2026-11-28" },
    { "sabado", "2026-11-28" },
    { "domingo", "2026-11-29" },
    { "+3 días", "2026-11-27" },
    { "+2 semanas", "2026-12-08" },
    /* English beside it */
    { "next meeting", "2026-12-01" },
    { "tomorrow", "2026-11-25" },
    { "friday", "2026-11-27" },
  };
  static const char * const invalid[] = {
    "pasado mañana", "lunesx", "próximo", "el mes que viene", "+3 meses", "mañana por la tarde",
  };

  for (guint i = 0; i < G_N_ELEMENTS (valid); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *out = NULL;

      g_test_message ("due: \"%s\"", valid[i].text);
      g_assert_true (lw_agenda_parse_due (valid[i].text, "2026-11-24", "2026-12-01", &out, &error));
      g_assert_no_error (error);
      g_assert_cmpstr (out, ==, valid[i].expected);
    }
  for (guint i = 0; i < G_N_ELEMENTS (invalid); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *out = NULL;

      g_test_message ("not due: \"%s\"", invalid[i]);
      g_assert_false (lw_agenda_parse_due (invalid[i], "2026-11-24", "2026-12-01", &out, &error));
      g_assert_error (error, LW_ERROR, LW_ERROR_INVALID);
      g_assert_null (out);
    }
  /* no meeting planned, in Spanish words too */
  {
    g_autoptr(GError) error = NULL;
    g_autofree char *out = NULL;

    g_assert_false (lw_agenda_parse_due ("próxima reunión", "2026-11-24", NULL, &out, &error));
    g_assert_error (error, LW_ERROR, LW_ERROR_INVALID);
  }
  /* the Spanish message names the Spanish words it accepts */
  {
    g_autoptr(GError) error = NULL;
    g_autofree char *out = NULL;
    const char *previous = lw_i18n_push ("es");

    lw_agenda_parse_due ("algún día", "2026-11-24", "2026-12-01", &out, &error);
    lw_i18n_pop (previous);
    g_assert_nonnull (error);
    g_test_message ("%s", error->message);
    g_assert_nonnull (strstr (error->message, "«algún día»"));
    g_assert_nonnull (strstr (error->message, "próxima reunión"));
    g_assert_null (strstr (error->message, "weekday"));
  }
}

static void
test_resolve_meeting (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LwMeeting) past = add_meeting (f, -7, LW_MEETING_CLOSED);
  g_autoptr(LwMeeting) today_closed = add_meeting (f, 0, LW_MEETING_CLOSED);
  g_autoptr(LwMeeting) upcoming = add_meeting (f, 7, LW_MEETING_READY);
  g_autoptr(LwMeeting) later = add_meeting (f, 21, LW_MEETING_DRAFT);
  g_autoptr(GPtrArray) all = NULL;
  g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, later->id);
  g_autofree char *next_date = NULL;
  LwMeeting *m;

  m = lw_agenda_resolve_meeting (f->store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (m->id, ==, later->id);
  lw_record_free (m);

  m = lw_agenda_resolve_meeting (f->store, upcoming->date, &error);
  g_assert_no_error (error);
  g_assert_cmpint (m->id, ==, upcoming->id);
  lw_record_free (m);

  /* next: on or after today and not closed */
  m = lw_agenda_resolve_meeting (f->store, " next ", &error);
  g_assert_no_error (error);
  g_assert_cmpint (m->id, ==, upcoming->id);
  lw_record_free (m);

  m = lw_agenda_resolve_meeting (f->store, "999", &error);
  g_assert_null (m);
  g_assert_error (error, LW_ERROR, LW_ERROR_NOT_FOUND);
  g_assert_cmpstr (error->message, ==, "There is no meeting 999; “lead-workgroup meeting list” shows them");
  g_clear_error (&error);

  m = lw_agenda_resolve_meeting (f->store, "2026-12-02", &error);
  g_assert_error (error, LW_ERROR, LW_ERROR_NOT_FOUND);
  g_assert_cmpstr (error->message, ==, "There is no meeting on 2026-12-02; “lead-workgroup meeting list” shows them");
  g_clear_error (&error);

  m = lw_agenda_resolve_meeting (f->store, "2026-02-30", &error);
  g_assert_error (error, LW_ERROR, LW_ERROR_INVALID);
  g_clear_error (&error);

  m = lw_agenda_resolve_meeting (f->store, "soon", &error);
  g_assert_error (error, LW_ERROR, LW_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "“next”"));
  g_clear_error (&error);

  /* previous and next helpers */
  m = lw_agenda_previous_meeting (f->store, upcoming, &error);
  g_assert_no_error (error);
  g_assert_cmpint (m->id, ==, today_closed->id);
  lw_record_free (m);
  g_assert_null (lw_agenda_previous_meeting (f->store, past, &error));
  g_assert_no_error (error);
  next_date = lw_agenda_next_meeting_date (f->store, f->today, &error);
  g_assert_cmpstr (next_date, ==, upcoming->date);

  all = lw_agenda_list_meetings (f->store, &error);
  g_assert_cmpuint (all->len, ==, 4);
  g_assert_cmpint (((LwMeeting *) all->pdata[0])->id, ==, past->id);

  /* nothing ahead any more */
  upcoming->status = LW_MEETING_CLOSED;
  later->status = LW_MEETING_CLOSED;
  g_assert_true (lw_store_update (f->store, upcoming, NULL));
  g_assert_true (lw_store_update (f->store, later, NULL));
  m = lw_agenda_resolve_meeting (f->store, "next", &error);
  g_assert_null (m);
  g_assert_error (error, LW_ERROR, LW_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "meeting list"));
}

/* ----------------------------------------------------------------------------
 * A large program
 */

static void
test_large_program (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LwStore) store = NULL;
  g_autoptr(LwMeeting) meeting = NULL;
  g_autoptr(GPtrArray) s = NULL;
  g_autofree char *path = g_build_filename (f->dir, "large.lwdb", NULL);
  gint64 t0;

  store = lw_store_create (path, LW_TEST_PASSPHRASE, strlen (LW_TEST_PASSPHRASE), &error);
  g_assert_no_error (error);
  t0 = g_get_monotonic_time ();
  lw_demo_generate (store, 10000, 7, &error);
  g_assert_no_error (error);
  g_test_message ("demo program of 10000 participants written in %.0f ms",
                  (g_get_monotonic_time () - t0) / 1000.0);

  meeting = lw_agenda_resolve_meeting (store, "next", &error);
  g_assert_no_error (error);
  t0 = g_get_monotonic_time ();
  s = lw_agenda_suggest (store, meeting, &error);
  g_assert_no_error (error);
  g_test_message ("agenda suggestion over 10000 participants: %u suggested in %.0f ms",
                  s->len, (g_get_monotonic_time () - t0) / 1000.0);
  g_assert_cmpuint (s->len, >, 0);
  for (guint i = 1; i < s->len; i++)
    g_assert_cmpint (((LwAgendaSuggestion *) s->pdata[i - 1])->urgency, >=,
                     ((LwAgendaSuggestion *) s->pdata[i])->urgency);
}

/* ----------------------------------------------------------------------------
 * The command line on a demo program
 */

static JsonNode *
parse_json (const char *text)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);
  return json_node_copy (json_parser_get_root (parser));
}

static gboolean
array_has_string (JsonArray  *array,
                  const char *value)
{
  for (guint i = 0; i < json_array_get_length (array); i++)
    if (g_strcmp0 (json_array_get_string_element (array, i), value) == 0)
      return TRUE;
  return FALSE;
}

static void
test_cli (Fixture       *f,
          gconstpointer  data)
{
  g_autofree char *db = g_build_filename (f->dir, "demo.lwdb", NULL);
  g_auto(LwTestResult) demo = { 0 };
  g_auto(LwTestResult) list = { 0 };
  g_auto(LwTestResult) list_json = { 0 };
  g_auto(LwTestResult) show = { 0 };
  g_auto(LwTestResult) show_human = { 0 };
  g_auto(LwTestResult) show_room = { 0 };
  g_auto(LwTestResult) suggest_json = { 0 };
  g_auto(LwTestResult) actions = { 0 };
  g_auto(LwTestResult) actions_eval = { 0 };
  g_auto(LwTestResult) no_arg = { 0 };
  g_auto(LwTestResult) bad_option = { 0 };
  g_auto(LwTestResult) bad_role = { 0 };
  g_auto(LwTestResult) unknown = { 0 };
  g_auto(LwTestResult) no_date = { 0 };
  g_auto(LwTestResult) nobody = { 0 };
  g_autoptr(JsonNode) list_root = NULL;
  g_autoptr(JsonNode) show_root = NULL;
  g_autoptr(JsonNode) room_root = NULL;
  g_autoptr(JsonNode) suggest_root = NULL;
  g_autoptr(JsonNode) actions_root = NULL;
  g_autoptr(JsonNode) eval_root = NULL;
  JsonObject *o;
  JsonArray *a;
  gboolean court_seen = FALSE;

  lw_test_run (&demo, "demo", "demo", "--database", db, NULL);
  g_assert_cmpint (demo.status, ==, 0);

  lw_test_run (&list, "demo", "meeting", "list", "--database", db, NULL);
  g_assert_cmpint (list.status, ==, 0);
  g_assert_nonnull (strstr (list.out, "2026-12-01"));
  g_assert_nonnull (strstr (list.out, "closed"));

  lw_test_run (&list_json, "demo", "meeting", "list", "--database", db, "--json", NULL);
  g_assert_cmpint (list_json.status, ==, 0);
  list_root = parse_json (list_json.out);
  a = json_object_get_array_member (json_node_get_object (list_root), "meetings");
  g_assert_cmpuint (json_array_get_length (a), ==, 7);
  o = json_array_get_object_element (a, 6);
  g_assert_cmpstr (json_object_get_string_member (o, "date"), ==, "2026-12-01");
  g_assert_cmpstr (json_object_get_string_member (o, "status"), ==, "ready");
  g_assert_cmpint (json_object_get_int_member (o, "agenda_items"), >, 0);

  /* the upcoming meeting: both community representatives are invited */
  lw_test_run (&show, "demo", "meeting", "show", "next", "--database", db, "--json", NULL);
  g_assert_cmpint (show.status, ==, 0);
  show_root = parse_json (show.out);
  o = json_node_get_object (show_root);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (o, "meeting"), "date"), ==, "2026-12-01");
  g_assert_true (array_has_string (json_object_get_array_member (json_object_get_object_member (o, "room"), "roles"),
                                   "community-representative"));
  g_assert_true (array_has_string (json_object_get_array_member (o, "audience"), "project-manager"));
  a = json_object_get_array_member (o, "agenda");
  g_assert_cmpuint (json_array_get_length (a), >, 0);
  for (guint i = 0; i < json_array_get_length (a); i++)
    {
      JsonArray *reasons = json_object_get_array_member (json_array_get_object_element (a, i), "reasons");
      for (guint j = 0; j < json_array_get_length (reasons); j++)
        court_seen |= g_strcmp0 (json_object_get_string_member (json_array_get_object_element (reasons, j), "code"),
                                 "court-date-soon") == 0;
    }
  /* the project manager sees legal reasons */
  g_assert_true (court_seen);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (o, "attendees")), >, 0);

  lw_test_run (&show_human, "demo", "meeting", "show", "2026-12-01", "--database", db, NULL);
  g_assert_cmpint (show_human.status, ==, 0);
  g_assert_nonnull (strstr (show_human.out, "community-representative"));
  g_assert_nonnull (strstr (show_human.out, "Court date soon"));

  /* for the room: no legal reason, no action text, no names in full */
  lw_test_run (&show_room, "demo", "meeting", "show", "next", "--database", db, "--json", "--as", "community-representative", NULL);
  g_assert_cmpint (show_room.status, ==, 0);
  g_assert_null (strstr (show_room.out, "court-date-soon"));
  g_assert_null (strstr (show_room.out, "Court date"));
  room_root = parse_json (show_room.out);
  a = json_object_get_array_member (json_node_get_object (room_root), "agenda");
  for (guint i = 0; i < json_array_get_length (a); i++)
    {
      JsonObject *item = json_array_get_object_element (a, i);
      JsonArray *carried = json_object_has_member (item, "carried_actions")
                           ? json_object_get_array_member (item, "carried_actions") : NULL;

      for (guint j = 0; carried && j < json_array_get_length (carried); j++)
        {
          JsonObject *action = json_array_get_object_element (carried, j);
          g_assert_true (json_object_get_null_member (action, "text"));
          g_assert_true (json_object_get_boolean_member (action, "text_hidden"));
        }
    }

  lw_test_run (&suggest_json, "demo", "agenda", "suggest", "next", "--database", db, "--json", NULL);
  g_assert_cmpint (suggest_json.status, ==, 0);
  suggest_root = parse_json (suggest_json.out);
  a = json_object_get_array_member (json_node_get_object (suggest_root), "suggestions");
  g_assert_cmpuint (json_array_get_length (a), >, 0);
  o = json_array_get_object_element (a, 0);
  g_assert_true (json_object_has_member (o, "code"));
  g_assert_true (json_object_has_member (o, "urgency"));
  g_assert_true (json_object_has_member (o, "time_budget"));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (o, "reasons")), >, 0);

  lw_test_run (&actions, "demo", "actions", "--open", "--database", db, "--json", NULL);
  g_assert_cmpint (actions.status, ==, 0);
  actions_root = parse_json (actions.out);
  a = json_object_get_array_member (json_node_get_object (actions_root), "action_items");
  g_assert_cmpuint (json_array_get_length (a), >, 0);
  for (guint i = 0; i < json_array_get_length (a); i++)
    {
      o = json_array_get_object_element (a, i);
      g_assert_cmpstr (json_object_get_string_member (o, "status"), ==, "open");
      /* the project manager sees plans in full */
      g_assert_false (json_object_get_null_member (o, "text"));
    }

  /* an evaluator sees no action text */
  lw_test_run (&actions_eval, "demo", "actions", "--open", "--overdue", "--as", "evaluator", "--database", db, "--json", NULL);
  g_assert_cmpint (actions_eval.status, ==, 0);
  eval_root = parse_json (actions_eval.out);
  a = json_object_get_array_member (json_node_get_object (eval_root), "action_items");
  for (guint i = 0; i < json_array_get_length (a); i++)
    {
      o = json_array_get_object_element (a, i);
      g_assert_true (json_object_get_null_member (o, "text"));
      g_assert_true (json_object_get_boolean_member (o, "overdue"));
    }

  /* bad usage: exit 2 */
  lw_test_run (&no_arg, "demo", "meeting", "show", "--database", db, NULL);
  g_assert_cmpint (no_arg.status, ==, 2);
  g_assert_cmpuint (lw_test_count_lines (no_arg.err), ==, 1);
  lw_test_run (&bad_option, "demo", "agenda", "suggest", "next", "--no-such-option", "--database", db, NULL);
  g_assert_cmpint (bad_option.status, ==, 2);
  g_assert_cmpuint (lw_test_count_lines (bad_option.err), ==, 1);
  lw_test_run (&bad_role, "demo", "actions", "--as", "mayor", "--database", db, NULL);
  g_assert_cmpint (bad_role.status, ==, 2);

  /* an unknown meeting: exit 1, one line */
  lw_test_run (&unknown, "demo", "meeting", "show", "999", "--database", db, NULL);
  g_assert_cmpint (unknown.status, ==, 1);
  g_assert_cmpuint (lw_test_count_lines (unknown.err), ==, 1);
  g_assert_nonnull (strstr (unknown.err, "There is no meeting 999"));
  g_assert_cmpstr (unknown.out, ==, "");
  lw_test_run (&no_date, "demo", "agenda", "suggest", "2030-01-01", "--database", db, NULL);
  g_assert_cmpint (no_date.status, ==, 1);
  g_assert_cmpuint (lw_test_count_lines (no_date.err), ==, 1);
  g_assert_nonnull (strstr (no_date.err, "There is no meeting on 2030-01-01"));
  lw_test_run (&nobody, "demo", "actions", "--owner", "Nobody Atall", "--database", db, NULL);
  g_assert_cmpint (nobody.status, ==, 1);
  g_assert_cmpuint (lw_test_count_lines (nobody.err), ==, 1);
}

static void
test_cli_apply (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *db = g_build_filename (f->dir, "demo.lwdb", NULL);
  g_auto(LwTestResult) demo = { 0 };
  g_auto(LwTestResult) apply = { 0 };
  g_auto(LwTestResult) again = { 0 };
  g_autoptr(JsonNode) first = NULL;
  g_autoptr(JsonNode) second = NULL;

  lw_test_run (&demo, "demo", "demo", "--database", db, "--participants", "30", NULL);
  g_assert_cmpint (demo.status, ==, 0);
  lw_test_run (&apply, "demo", "agenda", "suggest", "next", "--apply", "--database", db, "--json", NULL);
  g_assert_cmpint (apply.status, ==, 0);
  first = parse_json (apply.out);
  lw_test_run (&again, "demo", "agenda", "suggest", "next", "--apply", "--database", db, "--json", NULL);
  g_assert_cmpint (again.status, ==, 0);
  second = parse_json (again.out);
  g_assert_cmpint (json_object_get_int_member (json_node_get_object (second), "added"), ==, 0);
  g_test_message ("first apply added %" G_GINT64_FORMAT,
                  json_object_get_int_member (json_node_get_object (first), "added"));
}

/* Canaries in every sensitive field about one participant; the commands run for a
 * community representative must print none of them, nor the court date. */
static void
test_cli_canaries (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LwParticipant) p = quiet_participant (f, "P-0777");
  g_autoptr(LwLegalMatter) matter = lw_legal_matter_new ();
  g_autoptr(LwCommunityConcern) concern = lw_community_concern_new ();
  g_autoptr(LwMeeting) meeting = add_meeting (f, 7, LW_MEETING_READY);
  g_autoptr(LwAttendance) pm = NULL;
  g_autoptr(LwAttendance) rep = NULL;
  g_autoptr(LwAgendaItem) item = NULL;
  g_autoptr(LwAgendaItem) concern_item = NULL;
  g_autoptr(LwActionItem) action = NULL;
  g_autofree char *db = g_strdup (lw_store_get_path (f->store));
  g_autofree char *court = day (f, 3);
  g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, meeting->id);
  const char *community = "community-representative";
  g_auto(LwTestResult) show_json = { 0 };
  g_auto(LwTestResult) show_text = { 0 };
  g_auto(LwTestResult) suggest_json = { 0 };
  g_auto(LwTestResult) suggest_text = { 0 };
  g_auto(LwTestResult) actions_json = { 0 };
  g_auto(LwTestResult) actions_text = { 0 };
  g_auto(LwTestResult) pm_actions = { 0 };
  g_auto(LwTestResult) pm_suggest = { 0 };
  g_auto(LwTestResult) police_suggest = { 0 };
  LwTestResult *for_room[] = { &show_json, &show_text, &suggest_json, &suggest_text, &actions_json, &actions_text };
  g_autoptr(JsonNode) suggested = NULL;
  JsonObject *first;
  LwId court_only;

  g_free (p->legal_name);
  p->legal_name = g_strdup ("CANARY-identity-legal-name");
  p->preferred_name = g_strdup ("CANARY-identity-preferred");
  p->aliases = g_strdup ("CANARY-identity-alias");
  p->referrer = g_strdup ("CANARY-status-referrer");
  p->housing_notes = g_strdup ("CANARY-housing-notes");
  p->health_notes = g_strdup ("CANARY-health-notes");
  p->substance_use = g_strdup ("CANARY-substance-use");
  p->address = g_strdup ("CANARY-location-address");
  p->neighbourhood = g_strdup ("Harbor Flats");
  p->flagged = TRUE;
  g_free (p->last_contact);
  p->last_contact = day (f, -20);
  insert_participant (f, p);

  matter->participant_id = p->id;
  matter->case_number = g_strdup ("CANARY-legal-case");
  matter->charge = g_strdup ("CANARY-legal-charge");
  matter->status = LW_MATTER_PENDING;
  matter->next_court_date = g_strdup (court);
  lw_store_insert (f->store, matter, &error);
  g_assert_no_error (error);

  concern->date = day (f, -2);
  concern->area = g_strdup ("Harbor Flats");
  concern->text = g_strdup ("CANARY-location-concern");
  concern->planned_response = g_strdup ("CANARY-location-response");
  concern->status = LW_CONCERN_OPEN;
  concern->participant_id = p->id;
  lw_store_insert (f->store, concern, &error);
  g_assert_no_error (error);

  /* suggested only for a court date: the room may not even learn that */
  court_only = add_quiet (f, "P-0778");
  add_matter (f, court_only, LW_MATTER_PENDING, 4);

  pm = lw_agenda_invite (f->store, meeting->id, f->pm, &error);
  g_assert_no_error (error);
  rep = lw_agenda_invite (f->store, meeting->id, f->community, &error);
  g_assert_no_error (error);
  item = lw_agenda_add_participant (f->store, meeting->id, p->id,
                                    "court-date-soon,action-items-due,no-contact-14-days,community-concern,flagged",
                                    420, &error);
  g_assert_no_error (error);
  concern_item = lw_agenda_add_concern (f->store, meeting->id, concern->id, 0, &error);
  g_assert_no_error (error);
  action = lw_agenda_add_action (f->store, meeting->id, item->id, 0, f->case_manager,
                                 "CANARY-plan-action-text", f->today, &error);
  g_assert_no_error (error);
  g_clear_pointer (&f->store, lw_store_free);

  lw_test_run (&show_json, LW_TEST_PASSPHRASE, "meeting", "show", id, "--as", community, "--json", "--database", db, NULL);
  lw_test_run (&show_text, LW_TEST_PASSPHRASE, "meeting", "show", id, "--as", community, "--database", db, NULL);
  lw_test_run (&suggest_json, LW_TEST_PASSPHRASE, "agenda", "suggest", id, "--as", community, "--json", "--database", db, NULL);
  lw_test_run (&suggest_text, LW_TEST_PASSPHRASE, "agenda", "suggest", id, "--as", community, "--database", db, NULL);
  lw_test_run (&actions_json, LW_TEST_PASSPHRASE, "actions", "--as", community, "--json", "--database", db, NULL);
  lw_test_run (&actions_text, LW_TEST_PASSPHRASE, "actions", "--as", community, "--database", db, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (for_room); i++)
    {
      g_test_message ("%s", for_room[i]->out);
      g_assert_cmpint (for_room[i]->status, ==, 0);
      g_assert_null (strstr (for_room[i]->out, "CANARY-"));
      g_assert_null (strstr (for_room[i]->out, court));
      g_assert_null (strstr (for_room[i]->out, "court-date-soon"));
      g_assert_null (strstr (for_room[i]->out, "Court date"));
      g_assert_cmpstr (for_room[i]->err, ==, "");
    }
  /* what the room may see is there */
  g_assert_nonnull (strstr (show_text.out, "P-0777"));
  g_assert_nonnull (strstr (show_text.out, "Community concern: Harbor Flats"));
  g_assert_nonnull (strstr (show_json.out, "\"community-representative\""));
  /* the room sees status, plan and location at summary only: no reason is
   * computed from what it sees at full, so each is summarised */
  g_assert_nonnull (strstr (show_text.out, "Review due"));
  g_assert_nonnull (strstr (show_json.out, "review-due"));
  for (guint i = 0; i < G_N_ELEMENTS (for_room); i++)
    {
      g_assert_null (strstr (for_room[i]->out, "Flagged by staff"));
      g_assert_null (strstr (for_room[i]->out, "flagged"));
      g_assert_null (strstr (for_room[i]->out, "No contact"));
      g_assert_null (strstr (for_room[i]->out, "no-contact"));
      g_assert_null (strstr (for_room[i]->out, "action-items-due"));
      g_assert_null (strstr (for_room[i]->out, "days without contact"));
    }
  g_assert_null (strstr (suggest_text.out, "P-0778"));
  /* nothing the room may see at full: no suggestion at all */
  suggested = parse_json (suggest_json.out);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (json_node_get_object (suggested),
                                                                         "suggestions")), ==, 0);

  /* police see status and location in full, the plan at summary and no care
   * notes: urgency and budget count court date, concern and flag only, and
   * the days without contact (read from the contact log) are not said */
  lw_test_run (&police_suggest, LW_TEST_PASSPHRASE, "agenda", "suggest", id, "--as", "police-officer", "--json",
               "--database", db, NULL);
  g_assert_cmpint (police_suggest.status, ==, 0);
  g_assert_null (strstr (police_suggest.out, "days_without_contact"));
  g_assert_null (strstr (police_suggest.out, "no-contact-14-days"));
  g_assert_null (strstr (police_suggest.out, "action-items-due"));
  g_assert_null (strstr (police_suggest.out, "CANARY-"));
  g_clear_pointer (&suggested, json_node_unref);
  suggested = parse_json (police_suggest.out);
  first = json_array_get_object_element (json_object_get_array_member (json_node_get_object (suggested),
                                                                       "suggestions"), 0);
  g_assert_cmpstr (json_object_get_string_member (first, "code"), ==, "P-0777");
  g_assert_nonnull (strstr (police_suggest.out, "flagged"));
  g_assert_nonnull (strstr (police_suggest.out, "community-concern"));

  /* the project manager sees the action and the court date */
  lw_test_run (&pm_actions, LW_TEST_PASSPHRASE, "actions", "--open", "--database", db, NULL);
  g_assert_nonnull (strstr (pm_actions.out, "CANARY-plan-action-text"));
  lw_test_run (&pm_suggest, LW_TEST_PASSPHRASE, "agenda", "suggest", id, "--json", "--database", db, NULL);
  g_assert_nonnull (strstr (pm_suggest.out, court));
  g_assert_nonnull (strstr (pm_suggest.out, "court-date-soon"));
  g_assert_nonnull (strstr (pm_suggest.out, "P-0778"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/lw/agenda/reason-codes", test_reason_codes);
  ADD ("/lw/agenda/rule/new-referral", test_new_referral);
  ADD ("/lw/agenda/rule/court-date-14-not-15", test_court_date);
  ADD ("/lw/agenda/rule/action-items-due", test_action_items_due);
  ADD ("/lw/agenda/rule/no-contact-14-not-13", test_no_contact);
  ADD ("/lw/agenda/rule/status-change", test_status_change);
  ADD ("/lw/agenda/rule/concern-and-flag", test_concern_and_flag);
  ADD ("/lw/agenda/rule/not-reached", test_not_reached);
  ADD ("/lw/agenda/rule/consent-expiring", test_consent_expiring);
  ADD ("/lw/agenda/ordering", test_ordering);
  ADD ("/lw/agenda/apply-skips-duplicates", test_apply_skips_duplicates);
  ADD ("/lw/agenda/move-keeps-positions-dense", test_move_keeps_dense);
  ADD ("/lw/agenda/close-carries-over", test_close_carries_over);
  ADD ("/lw/agenda/carried-from-where", test_carried_from_where);
  ADD ("/lw/agenda/room-roles", test_room_roles);
  g_test_add_func ("/lw/agenda/parse-due", test_parse_due);
  g_test_add_func ("/lw/agenda/parse-due-spanish", test_parse_due_spanish);
  ADD ("/lw/agenda/resolve-meeting", test_resolve_meeting);
  ADD ("/lw/agenda/large-program", test_large_program);
  ADD ("/lw/agenda/cli", test_cli);
  ADD ("/lw/agenda/cli-apply", test_cli_apply);
  ADD ("/lw/agenda/cli-redacts-for-the-room", test_cli_canaries);
#undef ADD

  return g_test_run ();
}
