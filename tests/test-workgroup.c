/* test-workgroup.c: the workgroup's own record — prosecution positions, the
 * agenda reason they make, diversion decisions under review, community
 * concerns from entry to the report back, and the command line over them
 *
 * Every expected number below is worked out from how the data was made, not
 * from the code under test; canary strings mark what an audience must not get.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>

#include "lw/lw-agenda.h"
#include "lw/lw-audit.h"
#include "lw/lw-concerns.h"
#include "lw/lw-decisions.h"
#include "lw/lw-edit.h"
#include "lw/lw-error.h"
#include "lw/lw-export.h"
#include "lw/lw-model.h"
#include "lw/lw-policy.h"
#include "lw/lw-positions.h"
#include "lw/lw-room.h"
#include "lw/lw-vault.h"
#include "lw/lw-view.h"
#include "lw-test-util.h"

/* LEAD_WORKGROUP_TODAY of the tests */
#define TODAY "2026-11-24"

#define LEGAL_NAME   "Canary Q. Legalname"
#define CHARGE       "CANARY-charge-theft"
#define OFFICER_A    "Officer Quillon"
#define OFFICER_B    "Officer Brannock"
#define SERGEANT     "Sergeant Holloway"

typedef struct
{
  char    *dir;
  char    *path;
  LwStore *store;
  LwId     pm;
  LwId     prosecutor;
  LwId     former_prosecutor;
  LwId     defender;
  LwId     officer_a;
  LwId     officer_b;
  LwId     sergeant;
  LwId     case_manager;
  LwId     participant;
  LwId     matter;
} Fixture;

static LwId
add_member (Fixture    *f,
            const char *name,
            LwRole      role,
            gboolean    active)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LwPerson) p = lw_person_new ();

  p->name = g_strdup (name);
  p->role = role;
  p->active = active;
  g_assert_true (lw_store_insert (f->store, p, &error));
  g_assert_no_error (error);
  return LW_RECORD (p)->id;
}

static LwId
add_participant (Fixture    *f,
                 const char *code,
                 const char *legal_name)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LwParticipant) p = lw_participant_new ();

  p->code = g_strdup (code);
  p->legal_name = g_strdup (legal_name);
  p->referral_route = LW_REFERRAL_ARREST_DIVERSION;
  p->referral_date = g_strdup ("2026-01-05");
  p->status = LW_STATUS_ACTIVE;
  p->status_changed = g_strdup ("2026-01-05");
  p->last_contact = g_strdup (TODAY);
  p->housing_status = LW_HOUSING_SHELTER;
  g_assert_true (lw_store_insert (f->store, p, &error));
  g_assert_no_error (error);
  return LW_RECORD (p)->id;
}

static LwId
add_matter (Fixture    *f,
            LwId        participant,
            const char *case_number,
            LwMatterStatus status,
            const char *court_date)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LwLegalMatter) m = lw_legal_matter_new ();

  m->participant_id = participant;
  m->case_number = g_strdup (case_number);
  m->charge = g_strdup (CHARGE);
  m->status = status;
  m->next_court_date = g_strdup (court_date);
  g_assert_true (lw_store_insert (f->store, m, &error));
  g_assert_no_error (error);
  return LW_RECORD (m)->id;
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  f->dir = lw_test_tmpdir ();
  f->store = lw_test_store_new (f->dir, "program.lwdb");
  f->path = g_strdup (lw_store_get_path (f->store));
  lw_store_set_actor (f->store, "tester");
  f->pm = add_member (f, "Morgan Manager", LW_ROLE_PROJECT_MANAGER, TRUE);
  f->prosecutor = add_member (f, "Pat Prosecutor", LW_ROLE_PROSECUTOR, TRUE);
  f->former_prosecutor = add_member (f, "Former Prosecutor", LW_ROLE_PROSECUTOR, FALSE);
  f->defender = add_member (f, "Dana Defender", LW_ROLE_PUBLIC_DEFENDER, TRUE);
  f->officer_a = add_member (f, OFFICER_A, LW_ROLE_POLICE_OFFICER, TRUE);
  f->officer_b = add_member (f, OFFICER_B, LW_ROLE_POLICE_OFFICER, TRUE);
  f->sergeant = add_member (f, SERGEANT, LW_ROLE_POLICE_SERGEANT, TRUE);
  f->case_manager = add_member (f, "Casey Manager", LW_ROLE_CASE_MANAGER, TRUE);
  f->participant = add_participant (f, "P-0001", LEGAL_NAME);
  f->matter = add_matter (f, f->participant, "CR-2026-0001", LW_MATTER_PENDING, "2026-12-01");
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_pointer (&f->store, lw_store_free);
  lw_test_tmpdir_remove (f->dir);
  g_free (f->dir);
  g_free (f->path);
}

static LwAudience *
audience (const char *roles)
{
  g_autoptr(GError) error = NULL;
  LwAudience *a = lw_audience_parse (roles, &error);

  g_assert_no_error (error);
  return a;
}

static void
set (Fixture    *f,
     gpointer    record,
     const char *column,
     const char *text)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (lw_edit_set_field (f->store, record, lw_table_find_column (LW_RECORD (record)->table, column),
                                    text, &error));
  g_assert_no_error (error);
}

/* A position as the command line and the entry make one: every field through
 * the form's parser.  FALSE with error when refused. */
static gboolean
try_position (Fixture             *f,
              LwRole               role,
              LwId                 matter,
              const char          *position,
              const char          *text,
              const char          *author,
              const char          *date,
              const LwColumnInfo **bad,
              GError             **error)
{
  g_autoptr(LwProsecutionNote) note = lw_edit_record_new (&lw_prosecution_note_table);

  note->legal_matter_id = matter;
  set (f, note, "position", position);
  if (text)
    set (f, note, "text", text);
  if (author)
    set (f, note, "author_id", author);
  if (date)
    set (f, note, "date", date);
  return lw_positions_add (f->store, role, note, bad, error);
}

static void
add_position (Fixture    *f,
              LwId        matter,
              const char *position,
              const char *text,
              const char *date)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (try_position (f, LW_ROLE_PROSECUTOR, matter, position, text, "Pat Prosecutor", date, NULL, &error));
  g_assert_no_error (error);
}

static LwParticipantView *
view_as (Fixture    *f,
         const char *roles)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LwAudience) a = audience (roles);
  g_autoptr(LwParticipant) p = lw_store_get (f->store, &lw_participant_table, f->participant, &error);
  LwParticipantView *view;

  g_assert_no_error (error);
  view = lw_policy_view_participant (f->store, a, p, LW_VIEW_DEFAULT, &error);
  g_assert_no_error (error);
  return view;
}

static const LwPosition *
nth (const LwMatterPositions *m,
     guint                    i)
{
  g_assert_cmpuint (i, <, m->positions->len);
  return g_ptr_array_index (m->positions, i);
}

static gint64
count_events (LwStore      *store,
              LwAuditEvent  event,
              const char   *needle)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) entries = lw_audit_list (store, &error);
  gint64 n = 0;

  g_assert_no_error (error);
  for (guint i = 0; i < entries->len; i++)
    {
      const LwAuditEntry *e = g_ptr_array_index (entries, i);

      if (e->event == event && (needle == NULL || strstr (e->detail, needle) != NULL))
        n++;
    }
  return n;
}

/* ----------------------------------------------------------------------------
 * Positions
 */

/* Appended, never overwritten; the latest by date (the later entry on the same
 * day), at each audience's level. */
static void
test_position_history (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(LwParticipantView) prosecutor = NULL;
  g_autoptr(LwParticipantView) police = NULL;
  g_autoptr(LwParticipantView) community = NULL;
  g_autoptr(GPtrArray) matters = NULL;
  g_autoptr(GPtrArray) summary = NULL;
  g_autoptr(GPtrArray) none = NULL;
  const LwMatterPositions *m;
  LwId second = add_matter (f, f->participant, "CR-2026-0002", LW_MATTER_DISMISSED, NULL);

  add_position (f, f->matter, "hold", "CANARY-pos-1 hold while treatment starts", "2026-11-10");
  add_position (f, f->matter, "Defer", "CANARY-pos-2 six-month deferral", "2026-11-20");
  /* entered later, dated earlier: it is history, not the latest */
  add_position (f, f->matter, "decline", "CANARY-pos-3 an old position entered late", "2026-11-01");
  /* the same day as the latest: the later entry wins */
  add_position (f, f->matter, "proceed", "CANARY-pos-4 proceeding after all", "2026-11-20");
  add_position (f, second, "dismiss", "CANARY-pos-5 dismissed", "2026-10-01");
  g_assert_cmpint (lw_store_count (f->store, &lw_prosecution_note_table, NULL), ==, 5);

  prosecutor = view_as (f, "prosecutor");
  matters = lw_positions_from_view (prosecutor);
  g_assert_cmpuint (matters->len, ==, 2);
  m = g_ptr_array_index (matters, 0);
  g_assert_cmpstr (m->case_number, ==, "CR-2026-0001");
  g_assert_cmpuint (m->positions->len, ==, 4);
  g_assert_cmpstr (nth (m, 0)->position, ==, "Proceed");
  g_assert_cmpstr (nth (m, 0)->text, ==, "CANARY-pos-4 proceeding after all");
  g_assert_cmpstr (nth (m, 0)->author, ==, "Pat Prosecutor");
  g_assert_cmpstr (nth (m, 1)->text, ==, "CANARY-pos-2 six-month deferral");
  g_assert_cmpstr (nth (m, 2)->date, ==, "2026-11-10");
  g_assert_cmpstr (nth (m, 3)->text, ==, "CANARY-pos-3 an old position entered late");
  m = g_ptr_array_index (matters, 1);
  g_assert_cmpstr (m->case_number, ==, "CR-2026-0002");
  g_assert_cmpuint (m->positions->len, ==, 1);
  {
    g_autofree char *latest = lw_positions_latest_text (prosecutor);

    g_assert_nonnull (strstr (latest, "CR-2026-0001 · Proceed · 2026-11-20 · Pat Prosecutor: CANARY-pos-4"));
    g_assert_nonnull (strstr (latest, "CR-2026-0002 · Dismiss"));
    g_assert_null (strstr (latest, "CANARY-pos-2"));
  }

  /* the police see the latest position of each pending matter, no more */
  police = view_as (f, "police-officer");
  summary = lw_positions_from_view (police);
  g_assert_cmpuint (summary->len, ==, 1);
  m = g_ptr_array_index (summary, 0);
  g_assert_null (m->case_number);
  g_assert_cmpuint (m->positions->len, ==, 1);
  g_assert_cmpstr (nth (m, 0)->position, ==, "Proceed");
  g_assert_null (nth (m, 0)->text);
  g_assert_null (nth (m, 0)->date);
  g_assert_null (nth (m, 0)->author);

  community = view_as (f, "community-representative");
  none = lw_positions_from_view (community);
  g_assert_cmpuint (none->len, ==, 0);
  g_assert_null (lw_positions_latest_text (community));
}

/* The minutes and the projector: the latest beside the plan, the history
 * beneath it in the minutes; nothing for a community representative. */
static void
test_position_minutes_and_room (Fixture       *f,
                                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LwMeeting) meeting = lw_meeting_new ();
  g_autoptr(LwAgendaItem) item = lw_agenda_item_new ();
  g_autoptr(LwAudience) prosecutor = audience ("prosecutor");
  g_autoptr(LwAudience) community = audience ("community-representative");
  g_autoptr(LwDocument) pros_doc = NULL;
  g_autoptr(LwDocument) comm_doc = NULL;
  g_autoptr(LwRoomCard) pros_card = NULL;
  g_autoptr(LwRoomCard) comm_card = NULL;
  g_autofree char *pros_md = NULL;
  g_autofree char *comm_md = NULL;
  g_autofree char *pros_text = NULL;
  g_autofree char *comm_text = NULL;
  const char *latest, *earlier, *goals;

  add_position (f, f->matter, "hold", "CANARY-earlier-hold", "2026-11-10");
  add_position (f, f->matter, "defer", "CANARY-latest-defer", "2026-11-20");

  meeting->date = g_strdup (TODAY);
  meeting->status = LW_MEETING_IN_PROGRESS;
  g_assert_true (lw_store_insert (f->store, meeting, &error));
  item->meeting_id = meeting->id;
  item->kind = LW_ITEM_PARTICIPANT;
  item->participant_id = f->participant;
  item->started_at = g_get_real_time ();
  g_assert_true (lw_store_insert (f->store, item, &error));
  g_assert_no_error (error);
  {
    g_autoptr(LwPlanGoal) goal = lw_plan_goal_new ();

    goal->participant_id = f->participant;
    goal->domain = LW_DOMAIN_HOUSING;
    goal->text = g_strdup ("Apply for the housing list");
    goal->status = LW_GOAL_IN_PROGRESS;
    g_assert_true (lw_store_insert (f->store, goal, &error));
  }

  pros_doc = lw_export_minutes_document (f->store, meeting->id, prosecutor, &error);
  g_assert_no_error (error);
  pros_md = lw_document_to_markdown (pros_doc);
  latest = strstr (pros_md, "CANARY-latest-defer");
  earlier = strstr (pros_md, "Earlier: Hold · 2026-11-10 · Pat Prosecutor: CANARY-earlier-hold");
  g_assert_nonnull (latest);
  g_assert_nonnull (earlier);
  g_assert_true (latest < earlier);
  /* beside the IIP: right after the plan, before the legal matters */
  goals = strstr (pros_md, "Plan goals");
  g_assert_nonnull (goals);
  g_assert_true (goals < latest);
  g_assert_true (latest < strstr (pros_md, "Legal matters"));

  comm_doc = lw_export_minutes_document (f->store, meeting->id, community, &error);
  g_assert_no_error (error);
  comm_md = lw_document_to_markdown (comm_doc);
  g_assert_null (strstr (comm_md, "CANARY"));
  g_assert_null (strstr (comm_md, "Latest position"));
  g_assert_null (strstr (comm_md, "Defer"));
  g_assert_null (strstr (comm_md, "CR-2026"));

  /* the projector: the latest only, at the room's level */
  pros_card = lw_room_card_new_for_roles (f->store, meeting->id, 0, LW_ROLE_BIT (LW_ROLE_PROSECUTOR), NULL, &error);
  g_assert_no_error (error);
  pros_text = lw_room_card_to_text (pros_card);
  g_assert_nonnull (strstr (pros_text, "CANARY-latest-defer"));
  g_assert_null (strstr (pros_text, "CANARY-earlier-hold"));
  comm_card = lw_room_card_new_for_roles (f->store, meeting->id, 0,
                                          LW_ROLE_BIT (LW_ROLE_COMMUNITY_REPRESENTATIVE), NULL, &error);
  g_assert_no_error (error);
  comm_text = lw_room_card_to_text (comm_card);
  g_assert_null (strstr (comm_text, "CANARY"));
  g_assert_null (strstr (comm_text, "Latest position"));
}

/* Every bad position gets its message at its field and changes nothing. */
static void
test_position_refused (Fixture       *f,
                       gconstpointer  data)
{
  static const struct
  {
    LwRole      role;
    const char *text;
    const char *author;
    const char *date;
    int         code;
    const char *column;   /* the field at fault, or NULL */
    const char *says;
  } cases[] = {
    { LW_ROLE_PROSECUTOR, "CANARY-x", NULL, "2026-11-25", LW_ERROR_INVALID, "date", "after today" },
    { LW_ROLE_PROSECUTOR, NULL, NULL, NULL, LW_ERROR_INVALID, "text", "required" },
    { LW_ROLE_PROSECUTOR, "CANARY-x", OFFICER_A, NULL, LW_ERROR_INVALID, "author_id", "prosecutor or a public defender" },
    { LW_ROLE_PROSECUTOR, "CANARY-x", "Former Prosecutor", NULL, LW_ERROR_INVALID, "author_id", "no longer active" },
    { LW_ROLE_COMMUNITY_REPRESENTATIVE, "CANARY-x", NULL, NULL, LW_ERROR_DENIED, NULL, "community representative" },
    { LW_ROLE_POLICE_OFFICER, "CANARY-x", NULL, NULL, LW_ERROR_DENIED, NULL, "police officer" },
    { LW_ROLE_SERVICE_PROVIDER, "CANARY-x", NULL, NULL, LW_ERROR_DENIED, NULL, "service provider" },
  };
  gint64 refused_before = count_events (f->store, LW_AUDIT_WRITE_REFUSED, NULL);
  gint64 denials = 0;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      const LwColumnInfo *bad = NULL;

      g_assert_false (try_position (f, cases[i].role, f->matter, "hold", cases[i].text, cases[i].author,
                                    cases[i].date, &bad, &error));
      if (!g_error_matches (error, LW_ERROR, cases[i].code) || strstr (error->message, cases[i].says) == NULL)
        g_error ("case %u: %s", i, error ? error->message : "no error");
      g_assert_null (strstr (error->message, "CANARY"));
      if (cases[i].column != NULL)
        g_assert_cmpstr (bad ? bad->name : NULL, ==, cases[i].column);
      denials += cases[i].code == LW_ERROR_DENIED;
    }
  /* a matter that does not exist */
  {
    g_autoptr(GError) error = NULL;

    g_assert_false (try_position (f, LW_ROLE_PROSECUTOR, 9999, "hold", "CANARY-x", NULL, NULL, NULL, &error));
    g_assert_error (error, LW_ERROR, LW_ERROR_INVALID);
  }
  g_assert_cmpint (lw_store_count (f->store, &lw_prosecution_note_table, NULL), ==, 0);
  /* each refusal by role is in the audit log */
  g_assert_cmpint (count_events (f->store, LW_AUDIT_WRITE_REFUSED, NULL) - refused_before, ==, denials);

  /* before any matter is looked up by its case number: refused and audited */
  {
    g_autoptr(GError) error = NULL;

    g_assert_false (lw_positions_check_role (f->store, LW_ROLE_EVALUATOR, &error));
    g_assert_error (error, LW_ERROR, LW_ERROR_DENIED);
    g_assert_cmpint (count_events (f->store, LW_AUDIT_WRITE_REFUSED, "table=prosecution_note id=0 role=evaluator"), ==, 1);
    g_assert_true (lw_positions_check_role (f->store, LW_ROLE_PROSECUTOR, NULL));
  }

  /* a position stays as it was written */
  add_position (f, f->matter, "hold", "CANARY-kept", "2026-11-20");
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(GPtrArray) notes = lw_store_list (f->store, &lw_prosecution_note_table, NULL, 0, NULL);
    LwProsecutionNote *note = g_ptr_array_index (notes, 0);
    gpointer deleted = NULL;

    lw_secret_free (note->text);
    note->text = g_strdup ("CANARY-rewritten");
    g_assert_false (lw_edit_update (f->store, LW_ROLE_PROSECUTOR, note, NULL, &error));
    g_assert_error (error, LW_ERROR, LW_ERROR_IN_USE);
    g_clear_error (&error);
    g_assert_false (lw_edit_delete (f->store, LW_ROLE_PROSECUTOR, &lw_prosecution_note_table, note->id, &deleted, &error));
    g_assert_error (error, LW_ERROR, LW_ERROR_IN_USE);
    g_assert_null (deleted);
  }
  {
    g_autoptr(LwParticipantView) view = view_as (f, "prosecutor");
    g_autofree char *latest = lw_positions_latest_text (view);

    g_assert_nonnull (strstr (latest, "CANARY-kept"));
    g_assert_null (strstr (latest, "CANARY-rewritten"));
  }
}

/* Matters are picked by case number or charge, case and punctuation aside. */
static void
test_match_matters (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) by_number = NULL;
  g_autoptr(GPtrArray) by_charge = NULL;
  g_autoptr(GPtrArray) nothing = NULL;
  g_autoptr(LwParticipant) p = lw_store_get (f->store, &lw_participant_table, f->participant, NULL);
  g_autoptr(LwLegalMatter) exact = NULL;
  LwId closed = add_matter (f, f->participant, "CR-2026-0001-B", LW_MATTER_CLOSED, NULL);
  LwId other_person = add_participant (f, "P-0002", "Somebody Else");

  add_matter (f, other_person, "CR-2026-0009", LW_MATTER_PENDING, NULL);
  by_number = lw_positions_match_matters (f->store, f->participant, "cr 2026 0001", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (by_number->len, ==, 2);
  /* the exact number first */
  g_assert_cmpint (((LwLegalMatter *) by_number->pdata[0])->id, ==, f->matter);
  g_assert_cmpint (((LwLegalMatter *) by_number->pdata[1])->id, ==, closed);
  by_charge = lw_positions_match_matters (f->store, f->participant, "THEFT", &error);
  g_assert_cmpuint (by_charge->len, ==, 2);
  /* another participant's matter is never offered */
  nothing = lw_positions_match_matters (f->store, f->participant, "0009", &error);
  g_assert_cmpuint (nothing->len, ==, 0);

  exact = lw_positions_find_matter (f->store, p, "cr-2026-0001", &error);
  g_assert_no_error (error);
  g_assert_cmpint (exact->id, ==, f->matter);
  g_assert_null (lw_positions_find_matter (f->store, p, "CR-2026-0009", &error));
  g_assert_error (error, LW_ERROR, LW_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "P-0001"));
}

/* The prosecutor in the room writes the position unless another is named. */
static void
test_default_author (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LwMeeting) meeting = lw_meeting_new ();
  LwId second;

  meeting->date = g_strdup (TODAY);
  meeting->status = LW_MEETING_READY;
  g_assert_true (lw_store_insert (f->store, meeting, &error));
  /* one active prosecutor in the program: them */
  g_assert_cmpint (lw_positions_default_author (f->store, meeting->id), ==, f->prosecutor);
  second = add_member (f, "Second Prosecutor", LW_ROLE_PROSECUTOR, TRUE);
  /* two, nobody attending: nobody can be assumed */
  g_assert_cmpint (lw_positions_default_author (f->store, meeting->id), ==, 0);
  g_assert_nonnull (lw_agenda_invite (f->store, meeting->id, f->defender, &error));
  g_assert_cmpint (lw_positions_default_author (f->store, meeting->id), ==, f->defender);
  g_assert_nonnull (lw_agenda_invite (f->store, meeting->id, second, &error));
  g_assert_no_error (error);
  g_assert_cmpint (lw_positions_default_author (f->store, meeting->id), ==, second);
}

/* ----------------------------------------------------------------------------
 * The agenda reason
 */

static LwMeeting *
add_meeting (Fixture    *f,
             const char *date,
             LwMeetingStatus status)
{
  g_autoptr(GError) error = NULL;
  LwMeeting *m = lw_meeting_new ();

  m->date = g_strdup (date);
  m->status = status;
  g_assert_true (lw_store_insert (f->store, m, &error));
  g_assert_no_error (error);
  return m;
}

static gboolean
needs_position (GPtrArray  *suggestions,
                const char *code)
{
  for (guint i = 0; i < suggestions->len; i++)
    {
      const LwAgendaSuggestion *s = g_ptr_array_index (suggestions, i);

      if (g_strcmp0 (s->code, code) == 0)
        return (s->reasons & (1u << LW_REASON_POSITION_NEEDED)) != 0;
    }
  return FALSE;
}

static void
test_position_needed (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LwMeeting) last = add_meeting (f, "2026-11-10", LW_MEETING_CLOSED);
  g_autoptr(LwMeeting) meeting = add_meeting (f, TODAY, LW_MEETING_DRAFT);
  g_autoptr(LwMeeting) next = add_meeting (f, "2026-12-08", LW_MEETING_DRAFT);
  g_autoptr(GPtrArray) s = NULL;
  g_autoptr(GPtrArray) s2 = NULL;
  g_autoptr(GPtrArray) s3 = NULL;
  LwId m;

  /* P-0001 (fixture): court 2026-12-01 before the next meeting, no position */
  /* on the last meeting's day: said at the table, it counts */
  m = add_matter (f, add_participant (f, "P-ONLAST", "A B"), "N-1", LW_MATTER_PENDING, "2026-12-01");
  add_position (f, m, "hold", "said at the last meeting", "2026-11-10");
  /* the day before the last meeting: old news */
  m = add_matter (f, add_participant (f, "P-BEFORE", "A B"), "N-2", LW_MATTER_PENDING, "2026-12-01");
  add_position (f, m, "hold", "before the last meeting", "2026-11-09");
  /* on the next meeting's day: the workgroup meets first */
  add_matter (f, add_participant (f, "P-ONNEXT", "A B"), "N-3", LW_MATTER_PENDING, "2026-12-08");
  /* already past */
  add_matter (f, add_participant (f, "P-PAST", "A B"), "N-4", LW_MATTER_PENDING, "2026-11-20");
  /* not pending */
  add_matter (f, add_participant (f, "P-DISMISSED", "A B"), "N-5", LW_MATTER_DISMISSED, "2026-12-01");
  /* two matters, one of them without a position */
  {
    LwId p = add_participant (f, "P-TWO", "A B");

    m = add_matter (f, p, "N-6", LW_MATTER_PENDING, "2026-12-02");
    add_position (f, m, "defer", "positioned", "2026-11-20");
    add_matter (f, p, "N-7", LW_MATTER_PENDING, "2026-12-03");
  }
  /* today, with the court tomorrow */
  m = add_matter (f, add_participant (f, "P-TODAY", "A B"), "N-8", LW_MATTER_PENDING, "2026-11-25");
  add_position (f, m, "proceed", "decided today", TODAY);

  s = lw_agenda_suggest (f->store, meeting, &error);
  g_assert_no_error (error);
  g_assert_true (needs_position (s, "P-0001"));
  g_assert_false (needs_position (s, "P-ONLAST"));
  g_assert_true (needs_position (s, "P-BEFORE"));
  g_assert_false (needs_position (s, "P-ONNEXT"));
  g_assert_false (needs_position (s, "P-PAST"));
  g_assert_false (needs_position (s, "P-DISMISSED"));
  g_assert_true (needs_position (s, "P-TWO"));
  g_assert_false (needs_position (s, "P-TODAY"));

  /* monthly meetings: a court date three weeks away still needs a position
   * now, though it is not "soon" */
  g_free (next->date);
  next->date = g_strdup ("2026-12-22");
  g_assert_true (lw_store_update (f->store, next, &error));
  add_matter (f, add_participant (f, "P-LATER", "A B"), "N-9", LW_MATTER_PENDING, "2026-12-15");
  s2 = lw_agenda_suggest (f->store, meeting, &error);
  g_assert_true (needs_position (s2, "P-LATER"));
  g_assert_true (needs_position (s2, "P-ONNEXT"));
  for (guint i = 0; i < s2->len; i++)
    {
      const LwAgendaSuggestion *x = g_ptr_array_index (s2, i);

      if (g_str_equal (x->code, "P-LATER"))
        g_assert_false (x->reasons & (1u << LW_REASON_COURT_DATE_SOON));
    }

  /* no next meeting planned: two weeks after this one */
  g_assert_true (lw_store_delete (f->store, &lw_meeting_table, next->id, &error));
  s3 = lw_agenda_suggest (f->store, meeting, &error);
  g_assert_no_error (error);
  g_assert_false (needs_position (s3, "P-LATER"));     /* 12-15 is after 12-08 */
  g_assert_false (needs_position (s3, "P-ONNEXT"));    /* 12-08 is not before 12-08 */
  g_assert_true (needs_position (s3, "P-0001"));
  g_assert_nonnull (last);
}

/* Who may see the reason: prosecution and legal both in full. */
static void
test_position_needed_visibility (Fixture       *f,
                                 gconstpointer  data)
{
  static const struct { const char *roles; gboolean visible; } cases[] = {
    { "prosecutor", TRUE },
    { "public-defender", TRUE },
    { "project-manager", TRUE },
    { "case-manager", TRUE },
    { "police-officer", FALSE },      /* prosecution at summary */
    { "service-provider", FALSE },
    { "community-representative", FALSE },
    { "evaluator", FALSE },
    { "prosecutor,police-sergeant", FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(LwAudience) a = audience (cases[i].roles);
      g_autoptr(GPtrArray) labels = NULL;
      LwLevel levels[LW_N_CATEGORIES];

      g_assert_true (lw_policy_get_levels (f->store, a, f->participant, levels, &error));
      if (lw_agenda_reason_visible ("position-needed", levels) != cases[i].visible)
        g_error ("%s", cases[i].roles);
      labels = lw_agenda_reason_labels ("position-needed", levels);
      g_assert_cmpuint (labels->len, ==, 1);
      g_assert_cmpstr (labels->pdata[0], ==, cases[i].visible
                                             ? "Court date before the next meeting, no position since the last"
                                             : "Review due");
    }
}

/* ----------------------------------------------------------------------------
 * Decisions
 */

#define N_DECISIONS 60

/* Decision i: dated 2026-01-01 + 5i days, by officer A, B or the sergeant in
 * turn; eligible unless i is a multiple of 4; diverted when eligible unless i
 * is a multiple of 5; the diverted ones with i a multiple of 7 name P-0001. */
static void
add_decisions (Fixture *f)
{
  LwId officers[] = { f->officer_a, f->officer_b, f->sergeant };

  for (int i = 0; i < N_DECISIONS; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(LwDiversionDecision) d = lw_edit_record_new (&lw_diversion_decision_table);

      d->date = lw_date_add_days ("2026-01-01", 5 * i);
      d->officer_id = officers[i % 3];
      d->incident_number = g_strdup_printf ("CANARY-INC-%02d", i);
      d->eligible = i % 4 != 0;
      d->diverted = d->eligible && i % 5 != 0;
      if (!d->diverted)
        d->reason = g_strdup_printf (i == 5 ? "=HYPERLINK(\"x\")" : "CANARY-reason-%02d", i);
      if (d->diverted && i % 7 == 0)
        d->participant_id = f->participant;
      g_assert_true (lw_decisions_add (f->store, LW_ROLE_POLICE_SERGEANT, d, NULL, &error));
      g_assert_no_error (error);
    }
}

/* What the filter should keep, by brute force over the recipe above. */
static void
expect_counts (Fixture            *f,
               LwId                officer,
               const char         *from,
               const char         *to,
               gboolean            not_diverted,
               LwDecisionCounts   *c)
{
  LwId officers[] = { f->officer_a, f->officer_b, f->sergeant };

  memset (c, 0, sizeof *c);
  for (int i = 0; i < N_DECISIONS; i++)
    {
      g_autofree char *date = lw_date_add_days ("2026-01-01", 5 * i);
      gboolean eligible = i % 4 != 0;
      gboolean diverted = eligible && i % 5 != 0;

      if ((officer && officers[i % 3] != officer) || (from && strcmp (date, from) < 0) ||
          (to && strcmp (date, to) > 0) || (not_diverted && !(eligible && !diverted)))
        continue;
      c->total++;
      c->eligible += eligible;
      c->diverted += diverted;
      c->eligible_not_diverted += eligible && !diverted;
      c->not_eligible += !eligible;
    }
}

static LwDecisionReview *
review_as (Fixture    *f,
           const char *roles,
           LwId        officer,
           const char *from,
           const char *to,
           gboolean    not_diverted)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LwAudience) a = audience (roles);
  LwDecisionFilter filter = { officer, (char *) from, (char *) to, not_diverted };
  LwDecisionReview *review = lw_decision_review_new (f->store, a, &filter, FALSE, &error);

  g_assert_no_error (error);
  return review;
}

static void
assert_counts (const LwDecisionCounts *have,
               const LwDecisionCounts *want)
{
  g_assert_cmpuint (have->total, ==, want->total);
  g_assert_cmpuint (have->eligible, ==, want->eligible);
  g_assert_cmpuint (have->diverted, ==, want->diverted);
  g_assert_cmpuint (have->eligible_not_diverted, ==, want->eligible_not_diverted);
  g_assert_cmpuint (have->not_eligible, ==, want->not_eligible);
}

static void
test_decision_counts (Fixture       *f,
                      gconstpointer  data)
{
  static const struct { int officer; const char *from; const char *to; gboolean not_diverted; } filters[] = {
    { -1, NULL, NULL, FALSE },
    { 0, NULL, NULL, FALSE },
    { 2, NULL, NULL, FALSE },
    { -1, "2026-03-02", "2026-04-30", FALSE },
    { -1, "2026-03-01", "2026-03-01", FALSE },    /* a day with no decision */
    { -1, "2026-01-01", "2026-01-01", FALSE },    /* the first day, inclusive */
    { -1, NULL, NULL, TRUE },
    { 1, "2026-02-01", NULL, TRUE },
    { 0, NULL, "2026-06-30", TRUE },
  };
  LwId officers[] = { f->officer_a, f->officer_b, f->sergeant };

  add_decisions (f);
  /* the known answers, worked out by hand: 15 multiples of 4 not eligible,
   * 9 multiples of 5 that are not multiples of 20 eligible but not diverted */
  {
    g_autoptr(LwDecisionReview) all = review_as (f, "project-manager", 0, NULL, NULL, FALSE);
    const LwDecisionCounts *c = lw_decision_review_get_counts (all);
    GPtrArray *by_officer = lw_decision_review_get_officers (all);

    g_assert_cmpuint (c->total, ==, 60);
    g_assert_cmpuint (c->not_eligible, ==, 15);
    g_assert_cmpuint (c->eligible, ==, 45);
    g_assert_cmpuint (c->eligible_not_diverted, ==, 9);
    g_assert_cmpuint (c->diverted, ==, 36);
    g_assert_cmpuint (lw_decision_review_get_rows (all)->len, ==, 60);
    /* by name: Officer Brannock, Officer Quillon, Sergeant Holloway */
    g_assert_cmpuint (by_officer->len, ==, 3);
    g_assert_cmpstr (((LwOfficerCounts *) by_officer->pdata[0])->officer, ==, OFFICER_B);
    g_assert_cmpstr (((LwOfficerCounts *) by_officer->pdata[1])->officer, ==, OFFICER_A);
    /* officer A decided i = 0, 3, ..., 57: 20, of which 12, 24, 36, 48 and 0
     * not eligible, and 15, 30, 45 eligible but not diverted */
    g_assert_cmpuint (((LwOfficerCounts *) by_officer->pdata[1])->counts.total, ==, 20);
    g_assert_cmpuint (((LwOfficerCounts *) by_officer->pdata[1])->counts.not_eligible, ==, 5);
    g_assert_cmpuint (((LwOfficerCounts *) by_officer->pdata[1])->counts.eligible_not_diverted, ==, 3);
    /* newest first */
    g_assert_cmpstr (((LwDecisionRow *) lw_decision_review_get_rows (all)->pdata[0])->date, ==, "2026-10-23");
  }

  for (guint i = 0; i < G_N_ELEMENTS (filters); i++)
    {
      LwId officer = filters[i].officer < 0 ? 0 : officers[filters[i].officer];
      g_autoptr(LwDecisionReview) review = review_as (f, "police-sergeant", officer, filters[i].from,
                                                      filters[i].to, filters[i].not_diverted);
      LwDecisionCounts want;
      GPtrArray *rows = lw_decision_review_get_rows (review);

      expect_counts (f, officer, filters[i].from, filters[i].to, filters[i].not_diverted, &want);
      assert_counts (lw_decision_review_get_counts (review), &want);
      g_assert_cmpuint (rows->len, ==, want.total);
      for (guint j = 0; j < rows->len; j++)
        {
          const LwDecisionRow *row = g_ptr_array_index (rows, j);

          if (filters[i].from)
            g_assert_cmpstr (row->date, >=, filters[i].from);
          if (filters[i].to)
            g_assert_cmpstr (row->date, <=, filters[i].to);
          if (filters[i].not_diverted)
            g_assert_true (row->eligible && !row->diverted);
          if (officer != 0)
            g_assert_cmpstr (row->officer, ==, filters[i].officer == 0 ? OFFICER_A
                                                : filters[i].officer == 1 ? OFFICER_B : SERGEANT);
        }
    }
}

/* Who decided, only for the project manager and the police; nothing for
 * those who may not see legal information. */
static void
test_decision_audiences (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LwDecisionReview) prosecutor = NULL;
  g_autoptr(LwDecisionReview) community = NULL;
  g_autoptr(LwDecisionReview) mixed = NULL;
  GPtrArray *rows;
  guint with_code = 0;

  add_decisions (f);
  prosecutor = review_as (f, "prosecutor", 0, NULL, NULL, FALSE);
  g_assert_cmpint (lw_decision_review_get_level (prosecutor), ==, LW_LEVEL_FULL);
  g_assert_false (lw_decision_review_shows_officers (prosecutor));
  g_assert_cmpuint (lw_decision_review_get_officers (prosecutor)->len, ==, 0);
  rows = lw_decision_review_get_rows (prosecutor);
  g_assert_cmpuint (rows->len, ==, 60);
  for (guint i = 0; i < rows->len; i++)
    {
      const LwDecisionRow *row = g_ptr_array_index (rows, i);

      g_assert_null (row->officer);
      g_assert_nonnull (row->incident_number);
      with_code += row->participant != NULL;
    }
  /* diverted and i a multiple of 7: 7, 14, 21, 42, 49 (0, 28 and 56 are not
   * eligible, 35 not diverted) */
  g_assert_cmpuint (with_code, ==, 5);

  /* a filter by officer would say who decided */
  {
    g_autoptr(LwAudience) a = audience ("prosecutor");
    LwDecisionFilter filter = { f->officer_a, NULL, NULL, FALSE };

    g_assert_null (lw_decision_review_new (f->store, a, &filter, FALSE, &error));
    g_assert_error (error, LW_ERROR, LW_ERROR_DENIED);
    g_clear_error (&error);
  }
  /* one role in the room that may not: nobody is named */
  mixed = review_as (f, "police-officer,case-manager", 0, NULL, NULL, FALSE);
  g_assert_false (lw_decision_review_shows_officers (mixed));
  g_assert_null (((LwDecisionRow *) lw_decision_review_get_rows (mixed)->pdata[0])->officer);

  community = review_as (f, "community-representative", 0, NULL, NULL, FALSE);
  g_assert_cmpint (lw_decision_review_get_level (community), ==, LW_LEVEL_NONE);
  g_assert_cmpuint (lw_decision_review_get_rows (community)->len, ==, 0);
  g_assert_cmpuint (lw_decision_review_get_counts (community)->total, ==, 0);
  {
    g_autoptr(LwDecisionReview) evaluator = review_as (f, "evaluator", 0, NULL, NULL, FALSE);

    g_assert_cmpuint (lw_decision_review_get_counts (evaluator)->total, ==, 0);
  }

  /* the participant's code goes with identity: lower it, and no code */
  g_assert_true (lw_policy_set (f->store, LW_ROLE_PROSECUTOR, LW_CATEGORY_IDENTITY, LW_LEVEL_SUMMARY,
                                "test: codes follow identity", &error));
  {
    g_autoptr(LwDecisionReview) lowered = review_as (f, "prosecutor", 0, NULL, NULL, FALSE);

    rows = lw_decision_review_get_rows (lowered);
    for (guint i = 0; i < rows->len; i++)
      g_assert_null (((LwDecisionRow *) rows->pdata[i])->participant);
  }
  /* bad filters */
  {
    g_autoptr(LwAudience) a = audience ("project-manager");
    LwDecisionFilter backwards = { 0, "2026-05-01", "2026-04-01", FALSE };
    LwDecisionFilter impossible = { 0, "2026-02-30", NULL, FALSE };

    g_assert_null (lw_decision_review_new (f->store, a, &backwards, FALSE, &error));
    g_assert_error (error, LW_ERROR, LW_ERROR_INVALID);
    g_clear_error (&error);
    g_assert_null (lw_decision_review_new (f->store, a, &impossible, FALSE, &error));
    g_assert_error (error, LW_ERROR, LW_ERROR_INVALID);
  }
}

static char *
pdf_text (const char *path)
{
  const char *tool = g_getenv ("LW_PDFTOTEXT");
  g_autofree char *found = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GSubprocess) proc = NULL;
  char *out = NULL;

  if (tool == NULL)
    tool = found = g_find_program_in_path ("pdftotext");
  if (tool == NULL)
    return NULL;
  proc = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error, tool, "-enc", "UTF-8", path, "-", NULL);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_communicate_utf8 (proc, NULL, NULL, &out, NULL, &error));
  g_assert_no_error (error);
  return out;
}

/* The review's exports: at the level of who reads them, audited. */
static void
test_decision_exports (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LwDecisionReview) prosecutor = NULL;
  g_autoptr(LwDecisionReview) police = NULL;
  g_autoptr(LwDecisionReview) community = NULL;
  g_autofree char *csv_path = g_build_filename (f->dir, "review.csv", NULL);
  g_autofree char *police_csv = g_build_filename (f->dir, "police.csv", NULL);
  g_autofree char *pdf_path = g_build_filename (f->dir, "review.pdf", NULL);
  g_autofree char *txt_path = g_build_filename (f->dir, "review.txt", NULL);
  g_autofree char *csv = NULL;
  g_autofree char *text = NULL;
  gint64 exports = count_events (f->store, LW_AUDIT_EXPORT, "decisions");

  add_decisions (f);
  prosecutor = review_as (f, "prosecutor", 0, "2026-01-01", "2026-03-31", FALSE);
  g_assert_true (lw_decision_review_export (f->store, prosecutor, csv_path, LW_PAPER_A4, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (csv_path, &csv, NULL, NULL));
  g_assert_true (g_str_has_prefix (csv, "date,incident_number,eligible,diverted,reason,participant\r\n"));
  g_assert_null (strstr (csv, "Officer"));
  g_assert_null (strstr (csv, "Sergeant"));
  /* the first 18 decisions (up to 2026-03-27), a header line */
  g_assert_cmpuint (lw_test_count_lines (csv), ==, 19);
  /* a spreadsheet must not run it */
  g_assert_nonnull (strstr (csv, "\"'=HYPERLINK(\"\"x\"\")\""));
  g_clear_pointer (&csv, g_free);

  police = review_as (f, "police-officer,police-sergeant", 0, NULL, NULL, FALSE);
  g_assert_true (lw_decision_review_export (f->store, police, police_csv, LW_PAPER_A4, &error));
  g_assert_true (g_file_get_contents (police_csv, &csv, NULL, NULL));
  g_assert_nonnull (strstr (csv, OFFICER_A));
  g_assert_nonnull (strstr (csv, SERGEANT));

  g_assert_true (lw_decision_review_export (f->store, prosecutor, pdf_path, LW_PAPER_A4, &error));
  g_assert_no_error (error);
  text = pdf_text (pdf_path);
  if (text != NULL)
    {
      g_assert_nonnull (strstr (text, "Audience: Prosecutor"));
      g_assert_nonnull (strstr (text, "18 decisions"));
      g_assert_nonnull (strstr (text, "CANARY-INC-00"));
      g_assert_null (strstr (text, "Officer Quillon"));
      g_assert_null (strstr (text, "Sergeant"));
      g_assert_null (strstr (text, "CANARY-INC-18"));  /* 2026-03-31 is after the 18th */
    }

  /* what may not be written is not */
  community = review_as (f, "community-representative", 0, NULL, NULL, FALSE);
  g_assert_false (lw_decision_review_export (f->store, community, txt_path, LW_PAPER_A4, &error));
  g_assert_error (error, LW_ERROR, LW_ERROR_INVALID);
  g_clear_error (&error);
  g_remove (csv_path);
  g_assert_false (lw_decision_review_export (f->store, community, csv_path, LW_PAPER_A4, &error));
  g_assert_error (error, LW_ERROR, LW_ERROR_DENIED);
  g_assert_false (g_file_test (csv_path, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (txt_path, G_FILE_TEST_EXISTS));

  /* three written, each audited without a value */
  g_assert_cmpint (count_events (f->store, LW_AUDIT_EXPORT, "decisions") - exports, ==, 3);
  g_assert_cmpint (count_events (f->store, LW_AUDIT_EXPORT, "CANARY"), ==, 0);
  g_assert_cmpint (count_events (f->store, LW_AUDIT_EXPORT, "Officer"), ==, 0);
}

static void
test_decision_refused (Fixture       *f,
                       gconstpointer  data)
{
  static const struct
  {
    const char *officer;
    const char *date;
    const char *eligible;
    const char *diverted;
    const char *reason;
    LwRole      role;
    int         code;
    const char *column;
    const char *says;
  } cases[] = {
    { OFFICER_A, "2026-11-25", "yes", "yes", NULL, LW_ROLE_POLICE_OFFICER, LW_ERROR_INVALID, "date", "after today" },
    { NULL, "2026-11-20", "yes", "yes", NULL, LW_ROLE_POLICE_OFFICER, LW_ERROR_INVALID, "officer_id", "required" },
    { "Pat Prosecutor", "2026-11-20", "yes", "yes", NULL, LW_ROLE_POLICE_OFFICER, LW_ERROR_INVALID, "officer_id", "police officer or sergeant" },
    { OFFICER_A, "2026-11-20", "no", "yes", NULL, LW_ROLE_POLICE_OFFICER, LW_ERROR_INVALID, "diverted", "only an eligible" },
    { OFFICER_A, "2026-11-20", "yes", "no", NULL, LW_ROLE_POLICE_OFFICER, LW_ERROR_INVALID, "reason", "say why" },
    { OFFICER_A, "2026-11-20", "yes", "yes", NULL, LW_ROLE_COMMUNITY_REPRESENTATIVE, LW_ERROR_DENIED, NULL, "community representative" },
    { OFFICER_A, "2026-11-20", "yes", "yes", NULL, LW_ROLE_SERVICE_PROVIDER, LW_ERROR_DENIED, NULL, "service provider" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(LwDiversionDecision) d = lw_edit_record_new (&lw_diversion_decision_table);
      const LwColumnInfo *bad = NULL;

      if (cases[i].officer)
        set (f, d, "officer_id", cases[i].officer);
      set (f, d, "date", cases[i].date);
      set (f, d, "incident_number", "CANARY-INC");
      set (f, d, "eligible", cases[i].eligible);
      set (f, d, "diverted", cases[i].diverted);
      g_assert_false (lw_decisions_add (f->store, cases[i].role, d, &bad, &error));
      if (!g_error_matches (error, LW_ERROR, cases[i].code) || strstr (error->message, cases[i].says) == NULL)
        g_error ("case %u: %s", i, error ? error->message : "no error");
      if (cases[i].column)
        g_assert_cmpstr (bad ? bad->name : NULL, ==, cases[i].column);
      g_assert_null (strstr (error->message, "CANARY"));
    }
  g_assert_cmpint (lw_store_count (f->store, &lw_diversion_decision_table, NULL), ==, 0);
}

/* ----------------------------------------------------------------------------
 * Concerns
 */

static LwId
add_concern (Fixture    *f,
             const char *date,
             const char *area,
             LwId        participant)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LwCommunityConcern) c = lw_edit_record_new (&lw_community_concern_table);

  set (f, c, "reported_by", "CANARY-reporter Gull Street tenants");
  set (f, c, "date", date);
  set (f, c, "area", area);
  set (f, c, "text", "CANARY-concern-text people sleeping in the bakery doorway");
  set (f, c, "planned_response", "CANARY-planned outreach mornings");
  c->participant_id = participant;
  g_assert_true (lw_concerns_add (f->store, LW_ROLE_PROJECT_MANAGER, c, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (c->status, ==, LW_CONCERN_OPEN);
  return LW_RECORD (c)->id;
}

static LwCommunityConcern *
get_concern (Fixture *f,
             LwId     id)
{
  g_autoptr(GError) error = NULL;
  LwCommunityConcern *c = lw_store_get (f->store, &lw_community_concern_table, id, &error);

  g_assert_no_error (error);
  return c;
}

static void
test_concern_lifecycle (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LwCommunityConcern) c = NULL;
  g_autoptr(LwAudience) pm = audience ("project-manager");
  g_autoptr(LwConcernView) view = NULL;
  LwId id = add_concern (f, "2026-11-02", "Gull Street", f->participant);

  /* responded or closed only with what was done */
  g_assert_false (lw_concerns_respond (f->store, LW_ROLE_PROJECT_MANAGER, id, NULL, -1, LW_CONCERN_RESPONDED, NULL, &error));
  g_assert_error (error, LW_ERROR, LW_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (lw_concerns_respond (f->store, LW_ROLE_PROJECT_MANAGER, id, " \t ", -1, LW_CONCERN_CLOSED, NULL, &error));
  g_assert_error (error, LW_ERROR, LW_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (lw_concerns_respond (f->store, LW_ROLE_PROJECT_MANAGER, 999, "x", -1, LW_CONCERN_RESPONDED, NULL, &error));
  g_assert_error (error, LW_ERROR, LW_ERROR_NOT_FOUND);
  g_clear_error (&error);
  /* a community representative reports concerns; the workgroup answers them */
  g_assert_false (lw_concerns_respond (f->store, LW_ROLE_COMMUNITY_REPRESENTATIVE, id, "x", -1,
                                       LW_CONCERN_RESPONDED, NULL, &error));
  g_assert_error (error, LW_ERROR, LW_ERROR_DENIED);
  g_clear_error (&error);
  c = get_concern (f, id);
  g_assert_cmpint (c->status, ==, LW_CONCERN_OPEN);
  g_assert_null (c->response);
  g_clear_pointer (&c, lw_record_free);

  g_assert_true (lw_concerns_respond (f->store, LW_ROLE_PROJECT_MANAGER, id, "CANARY-response four morning visits",
                                      LW_RESPONSE_OUTREACH, LW_CONCERN_RESPONDED, NULL, &error));
  g_assert_no_error (error);
  c = get_concern (f, id);
  g_assert_cmpint (c->status, ==, LW_CONCERN_RESPONDED);
  g_assert_cmpstr (c->responded_date, ==, TODAY);
  g_assert_null (c->closed_date);
  g_assert_cmpint (c->response_kind, ==, LW_RESPONSE_OUTREACH);
  g_clear_pointer (&c, lw_record_free);

  /* closed, keeping the response recorded */
  g_assert_true (lw_concerns_respond (f->store, LW_ROLE_POLICE_OFFICER, id, NULL, -1, LW_CONCERN_CLOSED, NULL, &error));
  g_assert_no_error (error);
  c = get_concern (f, id);
  g_assert_cmpint (c->status, ==, LW_CONCERN_CLOSED);
  g_assert_cmpstr (c->responded_date, ==, TODAY);
  g_assert_cmpstr (c->closed_date, ==, TODAY);
  g_assert_cmpstr (c->response, ==, "CANARY-response four morning visits");
  g_clear_pointer (&c, lw_record_free);

  view = lw_concern_view_new (f->store, pm, (c = get_concern (f, id)), &error);
  g_assert_no_error (error);
  /* raised on the 2nd, closed on the 24th */
  g_assert_cmpint (view->age_days, ==, 22);
  g_clear_pointer (&c, lw_record_free);

  /* back to open forgets both dates */
  g_assert_true (lw_concerns_respond (f->store, LW_ROLE_PROJECT_MANAGER, id, NULL, -1, LW_CONCERN_OPEN, NULL, &error));
  c = get_concern (f, id);
  g_assert_null (c->responded_date);
  g_assert_null (c->closed_date);
  g_assert_cmpint (count_events (f->store, LW_AUDIT_RECORD_EDIT, "table=community_concern"), ==, 3);
  g_assert_cmpint (count_events (f->store, LW_AUDIT_RECORD_EDIT, "CANARY"), ==, 0);

  /* a concern cannot be raised tomorrow */
  {
    g_autoptr(LwCommunityConcern) later = lw_edit_record_new (&lw_community_concern_table);

    set (f, later, "date", "2026-11-25");
    set (f, later, "text", "x");
    g_assert_false (lw_concerns_add (f->store, LW_ROLE_PROJECT_MANAGER, later, NULL, &error));
    g_assert_error (error, LW_ERROR, LW_ERROR_INVALID);
  }
}

/* Each audience sees a concern at its location level; the participant's
 * code only with identity at full. */
static void
test_concern_views (Fixture       *f,
                    gconstpointer  data)
{
  static const struct
  {
    const char *roles;
    gboolean    area;
    gboolean    text;
    gboolean    code;
  } cases[] = {
    { "project-manager", TRUE, TRUE, TRUE },
    { "police-officer", TRUE, TRUE, TRUE },
    { "service-provider", TRUE, FALSE, TRUE },
    { "community-representative", TRUE, FALSE, FALSE },
    { "evaluator", FALSE, FALSE, FALSE },
    { "prosecutor", FALSE, FALSE, TRUE },
    { "project-manager,community-representative", TRUE, FALSE, FALSE },
  };
  g_autoptr(GError) error = NULL;
  LwId id = add_concern (f, "2026-11-02", "Gull Street", f->participant);

  g_assert_true (lw_concerns_respond (f->store, LW_ROLE_PROJECT_MANAGER, id, "CANARY-response", LW_RESPONSE_SITE,
                                      LW_CONCERN_RESPONDED, NULL, &error));
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(LwAudience) a = audience (cases[i].roles);
      g_autoptr(GPtrArray) views = lw_concerns_list_views (f->store, a, 0, &error);
      const LwConcernView *v;

      g_assert_no_error (error);
      g_assert_cmpuint (views->len, ==, 1);
      v = g_ptr_array_index (views, 0);
      /* the status and the dates are no one's secret */
      g_assert_cmpstr (v->date, ==, "2026-11-02");
      g_assert_cmpint (v->status, ==, LW_CONCERN_RESPONDED);
      g_assert_cmpstr (v->responded_date, ==, TODAY);
      if ((v->area != NULL) != cases[i].area || (v->response_kind != NULL) != cases[i].area ||
          (v->text != NULL) != cases[i].text || (v->response != NULL) != cases[i].text ||
          (v->reported_by != NULL) != cases[i].text || (v->planned_response != NULL) != cases[i].text ||
          (v->participant != NULL) != cases[i].code)
        g_error ("%s: area %d text %d code %d", cases[i].roles, v->area != NULL, v->text != NULL,
                 v->participant != NULL);
      if (cases[i].area)
        g_assert_cmpstr (v->response_kind, ==, "Site cleaned up or repaired");
    }
  /* a filter by status */
  {
    g_autoptr(LwAudience) a = audience ("project-manager");
    g_autoptr(GPtrArray) open = lw_concerns_list_views (f->store, a, 1u << LW_CONCERN_OPEN, &error);

    g_assert_cmpuint (open->len, ==, 0);
  }
}

/* From entry to the report back, read back from the PDF: areas and dates,
 * never a participant, never free text. */
static void
test_report_back (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *pdf = g_build_filename (f->dir, "report-back.pdf", NULL);
  g_autofree char *md = g_build_filename (f->dir, "report-back.md", NULL);
  g_autofree char *txt = g_build_filename (f->dir, "report-back.txt", NULL);
  g_autofree char *text = NULL;
  g_autofree char *markdown = NULL;
  LwId gull = add_concern (f, "2026-11-02", "Gull Street", f->participant);
  LwId dock;

  add_concern (f, "2026-11-20", "Anchor Avenue", 0);
  /* raised after the period, and closed before it: neither is listed */
  add_concern (f, "2026-11-23", "Later Lane", 0);
  dock = add_concern (f, "2026-09-01", "Old Dock", 0);
  g_assert_true (lw_concerns_respond (f->store, LW_ROLE_PROJECT_MANAGER, gull, "CANARY-response mornings",
                                      LW_RESPONSE_OUTREACH, LW_CONCERN_CLOSED, NULL, &error));
  {
    g_autoptr(LwCommunityConcern) c = get_concern (f, dock);

    c->status = LW_CONCERN_CLOSED;
    c->response = g_strdup ("CANARY-dock");
    c->responded_date = g_strdup ("2026-09-05");
    c->closed_date = g_strdup ("2026-10-15");
    g_assert_true (lw_store_update (f->store, c, &error));
  }
  g_assert_no_error (error);

  g_assert_true (lw_concerns_report_back (f->store, "2026-11-01", "2026-11-22", pdf, LW_PAPER_A4, &error));
  g_assert_no_error (error);
  g_assert_true (lw_concerns_report_back (f->store, "2026-11-01", "2026-11-22", md, LW_PAPER_A4, &error));
  g_assert_true (g_file_get_contents (md, &markdown, NULL, NULL));
  text = pdf_text (pdf);
  for (int pass = 0; pass < 2; pass++)
    {
      const char *t = pass == 0 ? markdown : text;

      if (t == NULL)
        {
          g_test_message ("pdftotext is missing: the PDF is not read back");
          continue;
        }
      g_assert_nonnull (strstr (t, "Audience: Community representative"));
      g_assert_nonnull (strstr (t, "Gull Street"));
      g_assert_nonnull (strstr (t, "Anchor Avenue"));
      g_assert_nonnull (strstr (t, "Outreach in the area"));
      g_assert_nonnull (strstr (t, "2026-11-02"));
      g_assert_nonnull (strstr (t, TODAY));                 /* responded and closed */
      g_assert_nonnull (strstr (t, "A response is being planned"));
      g_assert_null (strstr (t, "Later Lane"));
      g_assert_null (strstr (t, "Old Dock"));
      /* never a participant's identity, never the words of the record */
      g_assert_null (strstr (t, "P-0001"));
      g_assert_null (strstr (t, LEGAL_NAME));
      g_assert_null (strstr (t, "Canary"));
      g_assert_null (strstr (t, "CANARY"));
    }

  /* bad periods and files: a message, and no file */
  g_assert_false (lw_concerns_report_back (f->store, "2026-11-30", "2026-11-01", txt, LW_PAPER_A4, &error));
  g_assert_error (error, LW_ERROR, LW_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_null (lw_concerns_report_back_document (f->store, "2026-11-30", "2026-11-01", &error));
  g_assert_error (error, LW_ERROR, LW_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_null (lw_concerns_report_back_document (f->store, "2026-02-30", "2026-03-01", &error));
  g_assert_error (error, LW_ERROR, LW_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (g_file_test (txt, G_FILE_TEST_EXISTS));
  g_assert_cmpint (count_events (f->store, LW_AUDIT_EXPORT, "report-back from=2026-11-01 to=2026-11-22 audience=community-representative"), ==, 2);
}

/* ----------------------------------------------------------------------------
 * The command line
 */

static void
run_ok (Fixture      *f,
        LwTestResult *r,
        const char   *first,
        ...)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  va_list ap;

  va_start (ap, first);
  for (const char *a = first; a != NULL; a = va_arg (ap, const char *))
    g_ptr_array_add (args, (gpointer) a);
  va_end (ap);
  g_ptr_array_add (args, "--database");
  g_ptr_array_add (args, f->path);
  g_ptr_array_add (args, NULL);
  lw_test_run_argv (r, LW_TEST_PASSPHRASE, (const char * const *) args->pdata);
  if (r->status != 0)
    g_error ("%s: exit %d: %s", first, r->status, r->err);
}

static void
test_cli (Fixture       *f,
          gconstpointer  data)
{
  g_auto(LwTestResult) add = { 0 };
  g_auto(LwTestResult) list = { 0 };
  g_auto(LwTestResult) police = { 0 };
  g_auto(LwTestResult) community = { 0 };
  g_auto(LwTestResult) dec = { 0 };
  g_auto(LwTestResult) decl = { 0 };
  g_auto(LwTestResult) decp = { 0 };
  g_auto(LwTestResult) cadd = { 0 };
  g_auto(LwTestResult) cresp = { 0 };
  g_auto(LwTestResult) clist = { 0 };
  g_auto(LwTestResult) rb = { 0 };
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *out = g_build_filename (f->dir, "rb.pdf", NULL);
  g_autofree char *text = NULL;
  JsonObject *o;

  g_clear_pointer (&f->store, lw_store_free);
  run_ok (f, &add, "position", "add", "P-0001", "--case-number", "cr-2026-0001", "--position", "defer",
          "--text", "CANARY-cli-position", "--author", "Pat Prosecutor", "--date", "2026-11-20",
          "--as", "prosecutor", "--json", NULL);
  node = lw_test_parse_json (add.out);
  o = json_node_get_object (node);
  g_assert_cmpint (json_object_get_int_member (o, "legal_matter_id"), ==, f->matter);
  g_assert_cmpstr (json_object_get_string_member (o, "position"), ==, "defer");
  g_assert_cmpstr (json_object_get_string_member (o, "date"), ==, "2026-11-20");

  run_ok (f, &list, "position", "list", "P-0001", "--as", "prosecutor", NULL);
  g_assert_nonnull (strstr (list.out, "CR-2026-0001\n  Defer · 2026-11-20 · Pat Prosecutor: CANARY-cli-position"));
  run_ok (f, &police, "position", "list", "P-0001", "--as", "police-officer", "--json", NULL);
  g_assert_null (strstr (police.out, "CANARY"));
  g_assert_null (strstr (police.out, "CR-2026"));
  g_assert_nonnull (strstr (police.out, "\"Defer\""));
  run_ok (f, &community, "position", "list", "P-0001", "--as", "community-representative", NULL);
  g_assert_null (strstr (community.out, "Defer"));

  run_ok (f, &dec, "decision", "add", "--officer", OFFICER_A, "--date", "2026-11-20", "--incident", "CANARY-INC-CLI",
          "--eligible", "yes", "--diverted", "no", "--reason", "CANARY-declined", "--as", "police-officer", NULL);
  run_ok (f, &decl, "decision", "list", "--officer", OFFICER_A, "--from", "2026-11-01", "--json", NULL);
  g_assert_nonnull (strstr (decl.out, "\"eligible_not_diverted\" : 1"));
  g_assert_nonnull (strstr (decl.out, OFFICER_A));
  run_ok (f, &decp, "decision", "list", "--as", "prosecutor", NULL);
  g_assert_nonnull (strstr (decp.out, "CANARY-INC-CLI"));
  g_assert_null (strstr (decp.out, OFFICER_A));

  run_ok (f, &cadd, "concern", "add", "--reported-by", "Tenants", "--area", "Gull Street", "--text", "CANARY-noise",
          "--date", "2026-11-02", "--json", NULL);
  run_ok (f, &cresp, "concern", "respond", "1", "--response", "CANARY-visits", "--kind", "Outreach in the area",
          "--status", "closed", "--json", NULL);
  g_assert_nonnull (strstr (cresp.out, "\"closed_date\" : \"" TODAY "\""));
  g_assert_nonnull (strstr (cresp.out, "\"response_kind\" : \"outreach\""));
  run_ok (f, &clist, "concern", "list", "--as", "community-representative", "--json", NULL);
  g_assert_nonnull (strstr (clist.out, "\"age_days\" : 22"));
  g_assert_nonnull (strstr (clist.out, "Gull Street"));
  g_assert_null (strstr (clist.out, "CANARY"));

  run_ok (f, &rb, "report-back", "--from", "2026-11-01", "--to", "2026-11-30", "--output", out, NULL);
  text = pdf_text (out);
  if (text != NULL)
    {
      g_assert_nonnull (strstr (text, "Gull Street"));
      g_assert_null (strstr (text, "CANARY"));
    }
}

/* Every bad input: its exit status, one line on stderr, no secret echoed,
 * nothing changed. */
static void
test_cli_errors (Fixture       *f,
                 gconstpointer  data)
{
  static const struct { int status; const char *args[20]; const char *says; } cases[] = {
    { 2, { "position", "add", "--case-number", "CR-2026-0001", "--position", "hold", "--text", "SECRET", NULL }, "participant" },
    { 2, { "position", "add", "P-0001", "--position", "hold", "--text", "SECRET", NULL }, "--case-number" },
    { 2, { "position", "add", "P-0001", "--case-number", "CR-2026-0001", "--text", "SECRET", NULL }, "--position" },
    { 2, { "position", "add", "P-0001", "--case-number", "CR-2026-0001", "--position", "hold", NULL }, "--text" },
    { 2, { "position", "add", "P-0001", "--case-number", "CR-2026-0001", "--position", "hold", "--text", "SECRET", "--date", "2026-13-01", NULL }, "--date" },
    { 2, { "position", "add", "P-0001", "--case-number", "CR-2026-0001", "--position", "hold", "--text", "SECRET", "--as", "janitor", NULL }, "--as" },
    { 2, { "position", "add", "P-0001", "P-0002", NULL }, "unexpected" },
    { 1, { "position", "add", "P-0404", "--case-number", "CR-2026-0001", "--position", "hold", "--text", "SECRET", NULL }, "P-0404" },
    { 1, { "position", "add", "P-0001", "--case-number", "CR-9", "--position", "hold", "--text", "SECRET", NULL }, "no legal matter" },
    { 1, { "position", "add", "P-0001", "--case-number", "CR-2026-0001", "--position", "maybe", "--text", "SECRET", NULL }, "Position" },
    { 1, { "position", "add", "P-0001", "--case-number", "CR-2026-0001", "--position", "hold", "--text", "SECRET", "--date", "2026-12-01", NULL }, "after today" },
    { 1, { "position", "add", "P-0001", "--case-number", "CR-2026-0001", "--position", "hold", "--text", "SECRET", "--author", OFFICER_A, NULL }, "Author" },
    { 1, { "position", "add", "P-0001", "--case-number", "CR-2026-0001", "--position", "hold", "--text", "SECRET", "--as", "police-officer", NULL }, "police officer" },
    { 2, { "position", "add", "P-0001", "--case-number", "CR-2026-0001", "--position", "hold", "--text", "SECRET\x1b[2J", NULL }, "control character" },
    { 2, { "position", "list", NULL }, "participant" },
    { 2, { "position", "list", "P-0001", "--as", "astronaut", NULL }, "astronaut" },
    { 1, { "position", "list", "P-0404", NULL }, "P-0404" },
    { 2, { "decision", "add", "--date", "2026-11-20", "--incident", "SECRET", "--eligible", "yes", "--diverted", "yes", NULL }, "--officer" },
    { 2, { "decision", "add", "--officer", OFFICER_A, "--incident", "SECRET", "--eligible", "yes", "--diverted", "yes", NULL }, "--date" },
    { 2, { "decision", "add", "--officer", OFFICER_A, "--date", "2026-11-20", "--eligible", "yes", "--diverted", "yes", NULL }, "--incident" },
    { 2, { "decision", "add", "--officer", OFFICER_A, "--date", "2026-11-20", "--incident", "SECRET", "--diverted", "yes", NULL }, "--eligible" },
    { 2, { "decision", "add", "--officer", OFFICER_A, "--date", "2026-11-20", "--incident", "SECRET", "--eligible", "yes", NULL }, "--diverted" },
    { 2, { "decision", "add", "--officer", OFFICER_A, "--date", "20-11-2026", "--incident", "SECRET", "--eligible", "yes", "--diverted", "yes", NULL }, "--date" },
    { 1, { "decision", "add", "--officer", OFFICER_A, "--date", "2026-11-20", "--incident", "SECRET", "--eligible", "maybe", "--diverted", "yes", NULL }, "Eligible" },
    { 1, { "decision", "add", "--officer", OFFICER_A, "--date", "2026-11-20", "--incident", "SECRET", "--eligible", "no", "--diverted", "yes", NULL }, "only an eligible" },
    { 1, { "decision", "add", "--officer", OFFICER_A, "--date", "2026-11-20", "--incident", "SECRET", "--eligible", "yes", "--diverted", "no", NULL }, "say why" },
    { 1, { "decision", "add", "--officer", "Nobody Known", "--date", "2026-11-20", "--incident", "SECRET", "--eligible", "yes", "--diverted", "yes", NULL }, "Officer" },
    { 1, { "decision", "add", "--officer", OFFICER_A, "--date", "2026-11-20", "--incident", "SECRET", "--eligible", "yes", "--diverted", "yes", "--participant", "P-0404", NULL }, "Participant" },
    { 1, { "decision", "add", "--officer", OFFICER_A, "--date", "2026-11-20", "--incident", "SECRET", "--eligible", "yes", "--diverted", "yes", "--as", "community-representative", NULL }, "community representative" },
    { 2, { "decision", "list", "--from", "2026-02-30", NULL }, "--from" },
    { 2, { "decision", "list", "--from", "2026-05-01", "--to", "2026-04-01", NULL }, "after" },
    { 2, { "decision", "list", "extra", NULL }, "unexpected" },
    { 1, { "decision", "list", "--officer", OFFICER_A, "--as", "prosecutor", NULL }, "only to the project manager" },
    { 1, { "decision", "list", "--officer", "Nobody Known", NULL }, "no workgroup member" },
    { 2, { "concern", "add", "--area", "A", "--text", "SECRET", NULL }, "--reported-by" },
    { 2, { "concern", "add", "--reported-by", "R", "--text", "SECRET", NULL }, "--area" },
    { 2, { "concern", "add", "--reported-by", "R", "--area", "A", NULL }, "--text" },
    { 1, { "concern", "add", "--reported-by", "R", "--area", "A", "--text", "SECRET", "--date", "2026-12-25", NULL }, "after today" },
    { 1, { "concern", "add", "--reported-by", "R", "--area", "A", "--text", "SECRET", "--as", "community-representative", NULL }, "community representative" },
    { 2, { "concern", "respond", "--response", "SECRET", NULL }, "which concern" },
    { 2, { "concern", "respond", "one", "--response", "SECRET", NULL }, "not a number" },
    { 2, { "concern", "respond", "1", NULL }, "--response" },
    { 2, { "concern", "respond", "1", "--response", "SECRET", "--status", "open", NULL }, "--status" },
    { 1, { "concern", "respond", "77", "--response", "SECRET", NULL }, "no community concern 77" },
    { 1, { "concern", "respond", "1", "--response", "SECRET", "--kind", "teleport", NULL }, "What was done" },
    { 1, { "concern", "respond", "1", "--response", "   ", NULL }, "say what was done" },
    { 2, { "concern", "list", "--as", "", NULL }, "role" },
    { 2, { "report-back", "--to", "2026-11-30", "--output", "x.pdf", NULL }, "--from" },
    { 2, { "report-back", "--from", "2026-11-01", "--output", "x.pdf", NULL }, "--to" },
    { 2, { "report-back", "--from", "2026-11-01", "--to", "2026-11-30", NULL }, "--output" },
    { 2, { "report-back", "--from", "2026-11-31", "--to", "2026-12-30", "--output", "x.pdf", NULL }, "--from" },
    { 2, { "report-back", "--from", "2026-11-30", "--to", "2026-11-01", "--output", "x.pdf", NULL }, "after" },
    { 2, { "report-back", "--from", "2026-11-01", "--to", "2026-11-30", "--output", "x.docx", NULL }, ".pdf or .md" },
    { 2, { "report-back", "--from", "2026-11-01", "--to", "2026-11-30", "--output", "x.pdf", "--paper", "a3", NULL }, "--paper" },
  };
  gint64 counts[4];
  LwId concern = add_concern (f, "2026-11-02", "Gull Street", 0);

  g_assert_cmpint (concern, ==, 1);
  counts[0] = lw_store_count (f->store, &lw_prosecution_note_table, NULL);
  counts[1] = lw_store_count (f->store, &lw_diversion_decision_table, NULL);
  counts[2] = lw_store_count (f->store, &lw_community_concern_table, NULL);
  g_clear_pointer (&f->store, lw_store_free);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_auto(LwTestResult) r = { 0 };
      g_autoptr(GPtrArray) args = g_ptr_array_new ();
      g_autofree char *cwd = g_get_current_dir ();

      for (guint j = 0; cases[i].args[j] != NULL; j++)
        g_ptr_array_add (args, (gpointer) cases[i].args[j]);
      g_ptr_array_add (args, "--database");
      g_ptr_array_add (args, f->path);
      g_ptr_array_add (args, NULL);
      lw_test_run_argv (&r, LW_TEST_PASSPHRASE, (const char * const *) args->pdata);
      if (r.status != cases[i].status || strstr (r.err, cases[i].says) == NULL)
        g_error ("case %u (%s %s): exit %d, stderr: %s", i, cases[i].args[0], cases[i].args[1], r.status, r.err);
      g_assert_cmpuint (lw_test_count_lines (r.err), ==, 1);
      g_assert_cmpstr (r.out, ==, "");
      g_assert_null (strstr (r.err, "SECRET"));
      /* no file left where a report back was refused */
      g_assert_false (g_file_test ("x.pdf", G_FILE_TEST_EXISTS));
    }

  /* a folder where the file would go: refused before anything is written */
  {
    g_auto(LwTestResult) r = { 0 };
    g_autofree char *folder = g_build_filename (f->dir, "folder.pdf", NULL);

    g_assert_cmpint (g_mkdir (folder, 0700), ==, 0);
    lw_test_run (&r, LW_TEST_PASSPHRASE, "report-back", "--from", "2026-11-01", "--to", "2026-11-30",
                 "--output", folder, "--database", f->path, NULL);
    g_assert_cmpint (r.status, ==, 1);
    g_assert_cmpuint (lw_test_count_lines (r.err), ==, 1);
    g_assert_true (g_file_test (folder, G_FILE_TEST_IS_DIR));
  }

  f->store = lw_store_open (f->path, NULL);
  g_assert_true (lw_store_unlock (f->store, LW_TEST_PASSPHRASE, strlen (LW_TEST_PASSPHRASE), NULL));
  g_assert_cmpint (lw_store_count (f->store, &lw_prosecution_note_table, NULL), ==, counts[0]);
  g_assert_cmpint (lw_store_count (f->store, &lw_diversion_decision_table, NULL), ==, counts[1]);
  g_assert_cmpint (lw_store_count (f->store, &lw_community_concern_table, NULL), ==, counts[2]);
  {
    g_autoptr(LwCommunityConcern) c = get_concern (f, concern);

    g_assert_cmpint (c->status, ==, LW_CONCERN_OPEN);
    g_assert_null (c->response);
  }
  counts[3] = 0;
}

/* The field options are the record form's: each documented short name and the
 * name made from the column set the same field, giving both is bad usage, and
 * a command offers only the fields it writes. */
static void
test_cli_field_names (Fixture       *f,
                      gconstpointer  data)
{
  static const struct { const char *args[20]; const char *says; } refused[] = {
    { { "decision", "add", "--officer", OFFICER_A, "--date", "2026-11-20", "--incident", "SECRET-1",
        "--incident-number", "SECRET-2", "--eligible", "yes", "--diverted", "yes", NULL }, "not both" },
    { { "concern", "respond", "1", "--response", "SECRET", "--kind", "outreach", "--response-kind", "site", NULL },
      "not both" },
    /* what the core keeps, or another command writes, is not offered */
    { { "concern", "add", "--reported-by", "R", "--area", "A", "--text", "SECRET", "--status", "closed", NULL },
      "--status" },
    { { "concern", "add", "--reported-by", "R", "--area", "A", "--text", "SECRET", "--response", "SECRET", NULL },
      "--response" },
    { { "position", "add", "P-0001", "--case-number", "CR-2026-0001", "--position", "hold", "--text", "SECRET",
        "--legal-matter", "1", NULL }, "--legal-matter" },
  };
  g_auto(LwTestResult) dec = { 0 };
  g_auto(LwTestResult) resp = { 0 };
  g_autoptr(JsonNode) dec_node = NULL;
  g_autoptr(JsonNode) resp_node = NULL;
  LwId concern = add_concern (f, "2026-11-02", "Gull Street", 0);
  gint64 decisions;

  g_clear_pointer (&f->store, lw_store_free);
  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_auto(LwTestResult) r = { 0 };
      g_autoptr(GPtrArray) args = g_ptr_array_new ();

      for (guint j = 0; refused[i].args[j] != NULL; j++)
        g_ptr_array_add (args, (gpointer) refused[i].args[j]);
      g_ptr_array_add (args, "--database");
      g_ptr_array_add (args, f->path);
      g_ptr_array_add (args, NULL);
      lw_test_run_argv (&r, LW_TEST_PASSPHRASE, (const char * const *) args->pdata);
      if (r.status != 2 || strstr (r.err, refused[i].says) == NULL)
        g_error ("case %u (%s %s): exit %d, stderr: %s", i, refused[i].args[0], refused[i].args[1], r.status, r.err);
      g_assert_cmpuint (lw_test_count_lines (r.err), ==, 1);
      g_assert_null (strstr (r.err, "SECRET"));
    }

  run_ok (f, &dec, "decision", "add", "--officer", OFFICER_B, "--date", "2026-11-21", "--incident-number", "INC-LONG",
          "--eligible", "yes", "--diverted", "yes", "--json", NULL);
  dec_node = lw_test_parse_json (dec.out);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (dec_node), "incident_number"), ==, "INC-LONG");
  run_ok (f, &resp, "concern", "respond", "1", "--response", "Visits", "--response-kind", "site", "--json", NULL);
  resp_node = lw_test_parse_json (resp.out);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (resp_node), "response_kind"), ==, "site");
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (resp_node), "status"), ==, "responded");

  f->store = lw_store_open (f->path, NULL);
  g_assert_true (lw_store_unlock (f->store, LW_TEST_PASSPHRASE, strlen (LW_TEST_PASSPHRASE), NULL));
  decisions = lw_store_count (f->store, &lw_diversion_decision_table, NULL);
  g_assert_cmpint (decisions, ==, 1);
  {
    g_autoptr(LwCommunityConcern) c = get_concern (f, concern);

    g_assert_cmpint (c->status, ==, LW_CONCERN_RESPONDED);
    g_assert_cmpint (c->response_kind, ==, LW_RESPONSE_SITE);
  }
}

/* ----------------------------------------------------------------------------
 * The file format
 */

/* A version-3 file (no responses yet) opens, gets the columns, keeps its
 * concerns and answers them. */
static void
test_migration_4 (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LwCommunityConcern) c = NULL;
  LwId id = add_concern (f, "2026-11-02", "Gull Street", 0);
  sqlite3 *db = NULL;

  g_clear_pointer (&f->store, lw_store_free);
  g_assert_cmpint (sqlite3_open (f->path, &db), ==, SQLITE_OK);
  /* a version-3 file: without the concerns' responses, nor what came after */
  g_assert_cmpint (sqlite3_exec (db, LW_TEST_SQL_WITHOUT_SUMMARIES
                                     "DROP TABLE status_change; DROP TABLE housing_change; "
                                     "ALTER TABLE community_concern DROP COLUMN response; "
                                     "ALTER TABLE community_concern DROP COLUMN response_kind; "
                                     "ALTER TABLE community_concern DROP COLUMN responded_date; "
                                     "ALTER TABLE community_concern DROP COLUMN closed_date; "
                                     "PRAGMA user_version = 3", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  f->store = lw_store_open (f->path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (lw_store_get_schema_version (f->store), ==, LW_SCHEMA_VERSION);
  g_assert_true (lw_store_unlock (f->store, LW_TEST_PASSPHRASE, strlen (LW_TEST_PASSPHRASE), &error));
  c = get_concern (f, id);
  g_assert_cmpstr (c->area, ==, "Gull Street");
  g_assert_null (c->response);
  g_assert_cmpint (c->response_kind, ==, -1);
  g_assert_true (lw_concerns_respond (f->store, LW_ROLE_PROJECT_MANAGER, id, "Visited", LW_RESPONSE_OUTREACH,
                                      LW_CONCERN_RESPONDED, NULL, &error));
  g_assert_no_error (error);
  /* the response is sealed: not in the file as it was typed */
  {
    g_autoptr(GBytes) bytes = NULL;

    g_clear_pointer (&f->store, lw_store_free);
    bytes = lw_test_read_file (f->path);
    g_assert_false (lw_test_bytes_contain (bytes, "Visited"));
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/lw/workgroup/position-history", test_position_history);
  ADD ("/lw/workgroup/position-minutes-and-room", test_position_minutes_and_room);
  ADD ("/lw/workgroup/position-refused", test_position_refused);
  ADD ("/lw/workgroup/match-matters", test_match_matters);
  ADD ("/lw/workgroup/default-author", test_default_author);
  ADD ("/lw/workgroup/position-needed", test_position_needed);
  ADD ("/lw/workgroup/position-needed-visibility", test_position_needed_visibility);
  ADD ("/lw/workgroup/decision-counts", test_decision_counts);
  ADD ("/lw/workgroup/decision-audiences", test_decision_audiences);
  ADD ("/lw/workgroup/decision-exports", test_decision_exports);
  ADD ("/lw/workgroup/decision-refused", test_decision_refused);
  ADD ("/lw/workgroup/concern-lifecycle", test_concern_lifecycle);
  ADD ("/lw/workgroup/concern-views", test_concern_views);
  ADD ("/lw/workgroup/report-back", test_report_back);
  ADD ("/lw/workgroup/cli", test_cli);
  ADD ("/lw/workgroup/cli-errors", test_cli_errors);
  ADD ("/lw/workgroup/cli-field-names", test_cli_field_names);
  ADD ("/lw/workgroup/migration-4", test_migration_4);

  return g_test_run ();
}
