/* test-room.c: the projector's card — only what the room may see
 *
 * A demo program, plus a participant whose every column holds a canary, on the
 * agenda of the demo's next meeting.  With a community representative invited,
 * no card of any item may hold a canary or a full-level value (as the case
 * manager sees it) of a category the room sees below full.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "lw/lw-agenda.h"
#include "lw/lw-audit.h"
#include "lw/lw-demo.h"
#include "lw/lw-error.h"
#include "lw/lw-model.h"
#include "lw/lw-room.h"
#include "lw/lw-view.h"
#include "lw-test-util.h"

#define CANARY "CANARY-"
#define TAG    "room"

typedef struct
{
  char      *dir;
  LwStore   *store;
  LwMeeting *meeting;
  LwId       canary_id;
  guint      canary_index;
} Fixture;

static char *
canary (const char *table,
        const char *column)
{
  return g_strdup_printf ("CANARY-%s-%s-%s", table, column, TAG);
}

static LwId
insert_filled (Fixture           *f,
               const LwTableInfo *table,
               GHashTable        *ids,
               void             (*adjust) (gpointer record))
{
  g_autoptr(GError) error = NULL;
  LwRecord *record = lw_record_new (table);
  LwId id;

  lw_test_fill_record (record, TAG, ids);
  if (adjust)
    adjust (record);
  lw_store_insert (f->store, record, &error);
  g_assert_no_error (error);
  id = record->id;
  g_hash_table_insert (ids, (gpointer) table->name, GINT_TO_POINTER ((int) id));
  lw_record_free (record);
  return id;
}

static void
adjust_participant (gpointer record)
{
  LwParticipant *p = record;

  g_free (p->code);
  p->code = g_strdup ("P-9999");
  p->status = LW_STATUS_ACTIVE;
}

static void
adjust_goal (gpointer record)
{
  ((LwPlanGoal *) record)->status = LW_GOAL_IN_PROGRESS;
}

static void
adjust_matter (gpointer record)
{
  ((LwLegalMatter *) record)->status = LW_MATTER_PENDING;
}

static void
adjust_action (gpointer record)
{
  LwActionItem *a = record;

  a->status = LW_ACTION_OPEN;
  a->agenda_item_id = 0;
  a->meeting_id = 0;
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) ids = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) people = NULL;
  g_autoptr(LwAgendaItem) item = NULL;
  LwId pm = 0;

  f->dir = lw_test_tmpdir ();
  f->store = lw_test_store_new (f->dir, "program.lwdb");
  g_assert_true (lw_demo_generate (f->store, 40, 1, &error));
  g_assert_no_error (error);
  f->meeting = lw_agenda_resolve_meeting (f->store, "next", &error);
  g_assert_no_error (error);

  people = lw_store_list (f->store, &lw_person_table, NULL, 0, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < people->len && pm == 0; i++)
    if (((LwPerson *) g_ptr_array_index (people, i))->role == LW_ROLE_PROJECT_MANAGER)
      pm = ((LwPerson *) g_ptr_array_index (people, i))->id;
  g_assert_cmpint (pm, !=, 0);
  g_hash_table_insert (ids, (gpointer) "person", GINT_TO_POINTER ((int) pm));

  f->canary_id = insert_filled (f, &lw_participant_table, ids, adjust_participant);
  insert_filled (f, &lw_plan_goal_table, ids, adjust_goal);
  insert_filled (f, &lw_contact_table, ids, NULL);
  insert_filled (f, &lw_legal_matter_table, ids, adjust_matter);
  insert_filled (f, &lw_prosecution_note_table, ids, NULL);
  insert_filled (f, &lw_action_item_table, ids, adjust_action);
  insert_filled (f, &lw_diversion_decision_table, ids, NULL);

  item = lw_agenda_add_participant (f->store, f->meeting->id, f->canary_id,
                                    "new-referral,court-date-soon,action-items-due,community-concern",
                                    300, &error);
  g_assert_no_error (error);
  /* second on the agenda: there is an item before and after it */
  g_assert_true (lw_agenda_move_item (f->store, item->id, 1, &error));
  g_assert_no_error (error);
  f->canary_index = 1;
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_pointer (&f->meeting, lw_record_free);
  g_clear_pointer (&f->store, lw_store_free);
  lw_test_tmpdir_remove (f->dir);
  g_free (f->dir);
}

static guint
n_items (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) items = lw_agenda_list_items (f->store, f->meeting->id, &error);

  g_assert_no_error (error);
  return items->len;
}

static char *last_note;

/* The note of the last entry of event (owned by this file until the next call). */
static const char *
last_audit_note (LwStore      *store,
                 LwAuditEvent  event)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) entries = lw_audit_list (store, &error);

  g_assert_no_error (error);
  g_clear_pointer (&last_note, g_free);
  for (guint i = 0; i < entries->len; i++)
    {
      const LwAuditEntry *e = g_ptr_array_index (entries, i);

      if (e->event == event)
        {
          g_free (last_note);
          last_note = g_strdup (e->note);
        }
    }
  return last_note;
}

static void
set_role_absent (Fixture *f,
                 LwRole   role,
                 gboolean absent)
{
  lw_test_set_role_absent (f->store, f->meeting->id, role, absent);
}



static GHashTable *
person_names (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) people = lw_store_list (f->store, &lw_person_table, NULL, 0, &error);
  GHashTable *names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  g_assert_no_error (error);
  for (guint i = 0; i < people->len; i++)
    g_hash_table_add (names, g_strdup (((LwPerson *) g_ptr_array_index (people, i))->name));
  return names;
}

/* The card of every item for the room now: no canary (unless allowed), and
 * nothing of the case manager's view of a category the room sees below full. */
static void
assert_cards_redacted (Fixture  *f,
                       gboolean  canaries_allowed)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) names = person_names (f);
  g_autoptr(LwAudience) case_manager = lw_audience_new_for_roles (LW_ROLE_BIT (LW_ROLE_CASE_MANAGER));
  guint32 roles = lw_agenda_room_roles (f->store, f->meeting->id, &error);
  g_autoptr(LwAudience) room = lw_audience_new_for_roles (roles);
  g_autoptr(GPtrArray) items = lw_agenda_list_items (f->store, f->meeting->id, &error);
  guint n_checked = 0;

  g_assert_no_error (error);
  g_assert_cmpuint (items->len, >, 2);
  for (guint i = 0; i < items->len; i++)
    {
      const LwAgendaItem *item = g_ptr_array_index (items, i);
      g_autoptr(LwRoomCard) card = lw_room_card_new (f->store, f->meeting->id, i, NULL, &error);
      g_autofree char *text = NULL;
      g_autoptr(LwParticipant) p = NULL;
      g_autoptr(LwParticipantView) cm = NULL;
      LwLevel levels[LW_N_CATEGORIES];

      g_assert_no_error (error);
      g_assert_nonnull (card);
      g_assert_cmpuint (card->roles, ==, roles);
      g_assert_cmpuint (card->index, ==, i);
      g_assert_cmpint (card->item_id, ==, item->id);
      text = lw_room_card_to_text (card);
      if (!canaries_allowed && strstr (text, CANARY) != NULL)
        g_error ("A canary on the card of item %u", i + 1);
      g_assert_null (card->reveal);
      if (item->kind != LW_ITEM_PARTICIPANT)
        continue;

      p = lw_store_get (f->store, &lw_participant_table, item->participant_id, &error);
      g_assert_no_error (error);
      g_assert_true (strstr (card->heading, p->code) == card->heading);
      g_assert_true (lw_policy_get_levels (f->store, room, p->id, levels, &error));
      g_assert_no_error (error);
      cm = lw_policy_view_participant (f->store, case_manager, p, LW_VIEW_DEFAULT, &error);
      g_assert_no_error (error);
      for (guint j = 0; j < lw_participant_view_get_n_fields (cm); j++)
        {
          const LwViewField *field = lw_participant_view_get_field (cm, j);
          g_autoptr(GPtrArray) values = g_ptr_array_new_with_free_func (g_free);

          if (levels[field->category] == LW_LEVEL_FULL)
            continue;
          lw_test_collect_distinctive (field->value, names, values);
          for (guint k = 0; k < values->len; k++)
            {
              if (strstr (text, g_ptr_array_index (values, k)) != NULL)
                g_error ("Item %u shows a value of %s, which the room sees at %s",
                         i + 1, field->key, lw_level_to_string (levels[field->category]));
              n_checked++;
            }
        }
    }
  /* the comparison compared something */
  g_assert_cmpuint (n_checked, >, 10);
}

static void
test_community_room (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  guint32 roles = lw_agenda_room_roles (f->store, f->meeting->id, &error);
  g_autoptr(LwRoomCard) card = NULL;
  gboolean court = FALSE, new_referral = FALSE;

  g_assert_no_error (error);
  /* the demo invites the community representatives to its next meeting */
  g_assert_true (roles & LW_ROLE_BIT (LW_ROLE_COMMUNITY_REPRESENTATIVE));
  assert_cards_redacted (f, FALSE);

  card = lw_room_card_new (f->store, f->meeting->id, f->canary_index, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (card->kind, ==, LW_ITEM_PARTICIPANT);
  /* code and initials only */
  g_assert_cmpstr (card->heading, ==, "P-9999 · C.");
  {
    g_autofree char *position = g_strdup_printf ("Item 2 of %u", n_items (f));
    g_assert_cmpstr (card->position_text, ==, position);
  }
  g_assert_nonnull (card->next_up);
  g_assert_cmpstr (card->budget_text, ==, "5 min");
  for (guint i = 0; i < card->reasons->len; i++)
    {
      const char *label = g_ptr_array_index (card->reasons, i);

      court |= g_strcmp0 (label, lw_agenda_reason_label ("court-date-soon")) == 0;
      new_referral |= g_strcmp0 (label, lw_agenda_reason_label ("new-referral")) == 0;
    }
  /* the room sees status at summary only: no reason computed from it is
   * named, only that there is one */
  g_assert_false (court);
  g_assert_false (new_referral);
  g_assert_cmpuint (card->reasons->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (card->reasons, 0), ==, "Review due");
  /* the open action item, its owner and due date but not its text */
  g_assert_cmpuint (card->actions->len, ==, 1);
  {
    const LwRoomAction *action = g_ptr_array_index (card->actions, 0);

    g_assert_nonnull (action->owner);
    g_assert_cmpstr (action->due_date, ==, "2026-12-01");
    g_assert_null (action->text);
  }
}

static gboolean
card_has (const LwRoomCard *card,
          const char       *needle)
{
  g_autofree char *text = lw_room_card_to_text (card);

  return strstr (text, needle) != NULL;
}

static void
test_without_community (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LwRoomCard) card = NULL;
  g_autofree char *name = canary ("participant", "preferred_name");
  g_autofree char *charge = canary ("legal_matter", "charge");
  g_autofree char *health = canary ("participant", "health_notes");
  guint32 roles;

  set_role_absent (f, LW_ROLE_COMMUNITY_REPRESENTATIVE, TRUE);
  roles = lw_agenda_room_roles (f->store, f->meeting->id, &error);
  g_assert_no_error (error);
  g_assert_false (roles & LW_ROLE_BIT (LW_ROLE_COMMUNITY_REPRESENTATIVE));
  /* still nothing the remaining roles may not see */
  assert_cards_redacted (f, TRUE);

  card = lw_room_card_new (f->store, f->meeting->id, f->canary_index, NULL, &error);
  g_assert_no_error (error);
  /* every remaining role sees identity and status in full */
  g_assert_true (card_has (card, name));
  g_assert_nonnull (strstr (card->heading, name));
  g_assert_true (card_has (card, lw_enum_to_label (&lw_participant_status_info, LW_STATUS_ACTIVE)));
  /* a service provider is there: no legal matters; police: no health */
  if (roles & LW_ROLE_BIT (LW_ROLE_SERVICE_PROVIDER))
    g_assert_false (card_has (card, charge));
  g_assert_false (card_has (card, health));

  /* only the project manager and the care team: legal and plan in full */
  set_role_absent (f, LW_ROLE_SERVICE_PROVIDER, TRUE);
  set_role_absent (f, LW_ROLE_POLICE_OFFICER, TRUE);
  set_role_absent (f, LW_ROLE_POLICE_SERGEANT, TRUE);
  set_role_absent (f, LW_ROLE_PUBLIC_DEFENDER, TRUE);
  set_role_absent (f, LW_ROLE_PROSECUTOR, TRUE);
  g_clear_pointer (&card, lw_room_card_free);
  card = lw_room_card_new (f->store, f->meeting->id, f->canary_index, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (card_has (card, charge));
  {
    g_autofree char *text = canary ("action_item", "text");
    g_autofree char *note = canary ("prosecution_note", "text");
    const LwRoomAction *action = g_ptr_array_index (card->actions, 0);

    g_assert_cmpstr (action->text, ==, text);
    g_assert_true (card_has (card, note));
  }
  g_assert_false (card_has (card, health));

  /* a community representative arrives as a guest: gone at once */
  {
    g_autoptr(LwAttendance) guest = lw_agenda_add_guest (f->store, f->meeting->id, "Guest", "Block club",
                                                         LW_ROLE_COMMUNITY_REPRESENTATIVE, &error);
    g_assert_no_error (error);
  }
  g_clear_pointer (&card, lw_room_card_free);
  card = lw_room_card_new (f->store, f->meeting->id, f->canary_index, NULL, &error);
  g_assert_no_error (error);
  g_assert_false (card_has (card, CANARY));
  g_assert_false (card_has (card, charge));
}

static void
test_empty_room (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LwMeeting) meeting = lw_meeting_new ();
  g_autoptr(LwAgendaItem) item = NULL;
  g_autoptr(LwRoomCard) card = NULL;
  g_autoptr(LwRoomCard) nobody = NULL;

  meeting->date = g_strdup ("2026-12-22");
  meeting->place = g_strdup ("Room 4");
  meeting->status = LW_MEETING_DRAFT;
  g_assert_true (lw_store_insert (f->store, meeting, &error));
  g_assert_no_error (error);

  /* nothing on the agenda yet */
  card = lw_room_card_new (f->store, meeting->id, 0, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (card->n_items, ==, 0);
  g_assert_null (card->heading);
  g_clear_pointer (&card, lw_room_card_free);

  item = lw_agenda_add_participant (f->store, meeting->id, f->canary_id, "new-referral,court-date-soon", 0, &error);
  g_assert_no_error (error);

  /* nobody on the list: the most restrictive role, the evaluator */
  card = lw_room_card_new (f->store, meeting->id, 0, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (card->roles, ==, LW_ROLE_BIT (LW_ROLE_EVALUATOR));
  g_assert_cmpstr (card->heading, ==, "P-9999");
  g_assert_false (card_has (card, CANARY));
  g_assert_null (card->next_up);
  g_assert_nonnull (strstr (card->meeting_title, "Room 4"));
  g_assert_cmpstr (card->position_text, ==, "Item 1 of 1");

  /* the same for an explicit "nobody" */
  nobody = lw_room_card_new_for_roles (f->store, meeting->id, 0, 0, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (nobody->roles, ==, LW_ROLE_BIT (LW_ROLE_EVALUATOR));
}


static guint
count_canaries (const char *text)
{
  guint n = 0;

  for (const char *p = strstr (text, CANARY); p; p = strstr (p + 1, CANARY))
    n++;
  return n;
}

static void
test_reveal (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LwRoomReveal) reveal = NULL;
  g_autoptr(LwRoomCard) card = NULL;
  g_autoptr(LwRoomCard) next = NULL;
  g_autoptr(GPtrArray) revealable = NULL;
  g_autofree char *referrer = canary ("participant", "referrer");
  g_autofree char *detail = NULL;
  g_autofree char *text = NULL;
  guint before = lw_test_count_audit_events (f->store, LW_AUDIT_REVEAL, NULL);
  guint refused_before = lw_test_count_audit_events (f->store, LW_AUDIT_REVEAL_REFUSED, NULL);
  gboolean listed = FALSE;

  /* a reason is required */
  reveal = lw_room_reveal (f->store, f->meeting->id, f->canary_index, LW_ROLE_PROJECT_MANAGER, "status.referrer", "  ", &error);
  g_assert_error (error, LW_ERROR, LW_ERROR_INVALID);
  g_assert_null (reveal);
  g_clear_error (&error);
  /* never above a floor of someone in the room, never substance use */
  reveal = lw_room_reveal (f->store, f->meeting->id, f->canary_index, LW_ROLE_PROJECT_MANAGER, "legal.matters", "asked", &error);
  g_assert_error (error, LW_ERROR, LW_ERROR_DENIED);
  g_clear_error (&error);
  reveal = lw_room_reveal (f->store, f->meeting->id, f->canary_index, LW_ROLE_PROJECT_MANAGER, "identity.legal_name", "asked", &error);
  g_assert_error (error, LW_ERROR, LW_ERROR_DENIED);
  g_clear_error (&error);
  reveal = lw_room_reveal (f->store, f->meeting->id, f->canary_index, LW_ROLE_PROJECT_MANAGER, "substance_use.substance_use", "asked", &error);
  g_assert_error (error, LW_ERROR, LW_ERROR_DENIED);
  g_clear_error (&error);
  /* not for a topic */
  reveal = lw_room_reveal (f->store, f->meeting->id, n_items (f) - 1, LW_ROLE_PROJECT_MANAGER, "status.referrer", "asked", &error);
  g_assert_error (error, LW_ERROR, LW_ERROR_DENIED);
  g_clear_error (&error);
  /* only the project manager reveals: a screen set to another role cannot show
   * the room what it hides itself */
  reveal = lw_room_reveal (f->store, f->meeting->id, f->canary_index, LW_ROLE_EVALUATOR, "status.referrer", "asked", &error);
  g_assert_error (error, LW_ERROR, LW_ERROR_DENIED);
  g_assert_null (reveal);
  g_clear_error (&error);
  {
    g_autoptr(GPtrArray) none = lw_room_revealable (f->store, f->meeting->id, f->canary_index, LW_ROLE_POLICE_OFFICER, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (none->len, ==, 0);
  }
  g_assert_cmpuint (lw_test_count_audit_events (f->store, LW_AUDIT_REVEAL, NULL), ==, before);
  /* every refusal is on record, with what was asked and by whom */
  {
    g_autofree char *refused = NULL;

    g_assert_cmpuint (lw_test_count_audit_events (f->store, LW_AUDIT_REVEAL_REFUSED, &refused), ==,
                      refused_before + 6);
    g_assert_nonnull (strstr (refused, "key=status.referrer revealer=evaluator"));
    g_assert_null (strstr (refused, CANARY));
  }

  /* with a community representative in the room nothing may be revealed:
   * the caps hold them at their default row */
  revealable = lw_room_revealable (f->store, f->meeting->id, f->canary_index, LW_ROLE_PROJECT_MANAGER, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (revealable->len, ==, 0);
  g_clear_pointer (&revealable, g_ptr_array_unref);
  set_role_absent (f, LW_ROLE_COMMUNITY_REPRESENTATIVE, TRUE);

  /* whoever is in the room: never the address, housing notes, health, care
   * notes or treatment, and each refusal on record */
  {
    static const char * const never[] = {
      "location.address", "housing.housing_notes", "health.health_notes", "care_notes.contacts",
      "substance_use.substance_use",
    };
    guint refused = lw_test_count_audit_events (f->store, LW_AUDIT_REVEAL_REFUSED, NULL);

    for (guint i = 0; i < G_N_ELEMENTS (never); i++)
      {
        g_autofree char *last = NULL;
        g_autofree char *key = g_strdup_printf ("key=%s ", never[i]);

        reveal = lw_room_reveal (f->store, f->meeting->id, f->canary_index, LW_ROLE_PROJECT_MANAGER, never[i],
                                 "the room asked", &error);
        g_assert_error (error, LW_ERROR, LW_ERROR_DENIED);
        g_assert_null (reveal);
        g_clear_error (&error);
        g_assert_cmpuint (lw_test_count_audit_events (f->store, LW_AUDIT_REVEAL_REFUSED, &last), ==, refused + i + 1);
        g_assert_nonnull (strstr (last, key));
      }
    g_assert_cmpuint (lw_test_count_audit_events (f->store, LW_AUDIT_REVEAL, NULL), ==, before);
  }

  revealable = lw_room_revealable (f->store, f->meeting->id, f->canary_index, LW_ROLE_PROJECT_MANAGER, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < revealable->len; i++)
    {
      const LwRoomLine *line = g_ptr_array_index (revealable, i);

      g_assert_null (line->text);
      /* never, whoever is in the room */
      g_assert_cmpint (line->category, !=, LW_CATEGORY_SUBSTANCE_USE);
      g_assert_cmpint (line->category, !=, LW_CATEGORY_HEALTH);
      g_assert_cmpint (line->category, !=, LW_CATEGORY_CARE_NOTES);
      g_assert_cmpstr (line->key, !=, "location.address");
      g_assert_cmpstr (line->key, !=, "housing.housing_notes");
      listed |= g_strcmp0 (line->key, "status.referrer") == 0;
    }
  g_assert_true (listed);

  reveal = lw_room_reveal (f->store, f->meeting->id, f->canary_index, LW_ROLE_PROJECT_MANAGER, "status.referrer",
                           "The referrer asked the workgroup to follow up", &error);
  g_assert_no_error (error);
  g_assert_nonnull (reveal);
  g_assert_cmpuint (lw_test_count_audit_events (f->store, LW_AUDIT_REVEAL, &detail), ==, before + 1);
  g_assert_nonnull (strstr (detail, "status.referrer"));
  g_assert_nonnull (strstr (detail, "category=status"));
  /* the reason a person typed is sealed beside the entry, never in its detail */
  g_assert_null (strstr (detail, "The referrer asked"));
  g_assert_cmpstr (last_audit_note (f->store, LW_AUDIT_REVEAL), ==, "The referrer asked the workgroup to follow up");
  {
    g_autofree char *meeting = g_strdup_printf ("meeting=%" G_GINT64_FORMAT " ", f->meeting->id);
    g_assert_nonnull (strstr (detail, meeting));
  }
  g_assert_null (strstr (detail, CANARY));

  /* the card shows that one field and nothing else hidden */
  card = lw_room_card_new (f->store, f->meeting->id, f->canary_index, reveal, &error);
  g_assert_no_error (error);
  g_assert_nonnull (card->reveal);
  g_assert_cmpstr (card->reveal->key, ==, "status.referrer");
  g_assert_cmpstr (card->reveal->text, ==, referrer);
  text = lw_room_card_to_text (card);
  {
    g_autoptr(LwRoomCard) plain = lw_room_card_new (f->store, f->meeting->id, f->canary_index, NULL, &error);
    g_autofree char *plain_text = NULL;

    g_assert_no_error (error);
    plain_text = lw_room_card_to_text (plain);
    g_assert_null (strstr (plain_text, referrer));
    g_assert_cmpuint (count_canaries (text), ==, count_canaries (plain_text) + 1);
  }
  g_assert_nonnull (strstr (text, referrer));

  /* the projection is audited with the category, never the value */
  g_assert_true (lw_room_audit_projection (f->store, card, &error));
  g_assert_no_error (error);
  g_clear_pointer (&detail, g_free);
  lw_test_count_audit_events (f->store, LW_AUDIT_PROJECTION, &detail);
  g_assert_nonnull (strstr (detail, "reveal=status"));
  /* the room as people: roles, and agencies where known */
  g_assert_nonnull (strstr (detail, card->audience_members));
  g_assert_nonnull (strchr (card->audience_members, '@'));
  g_assert_null (strstr (detail, "community-representative"));
  g_assert_null (strstr (detail, CANARY));

  /* the next item: the reveal has ended */
  next = lw_room_card_new (f->store, f->meeting->id, f->canary_index + 1, reveal, &error);
  g_assert_no_error (error);
  g_assert_null (next->reveal);
  g_clear_pointer (&text, g_free);
  text = lw_room_card_to_text (next);
  g_assert_null (strstr (text, CANARY));
}

/* A field copied from the project manager's view names people as the room
 * would see them: the staff of a treatment program by role before police. */
static void
test_reveal_names_for_room (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LwPerson) peer = lw_person_new ();
  g_autoptr(LwParticipant) p = NULL;
  g_autoptr(LwRoomReveal) reveal = NULL;
  g_autoptr(LwRoomCard) card = NULL;
  g_autofree char *text = NULL;

  peer->name = g_strdup ("CANARY-detox-peer-name");
  peer->agency = g_strdup ("Harbor Detox Center");
  peer->role = LW_ROLE_PEER_OUTREACH;
  peer->active = TRUE;
  g_assert_true (lw_store_insert (f->store, peer, &error));
  g_assert_true (lw_policy_set_agency_part2 (f->store, "Harbor Detox Center", TRUE, "detox", &error));
  /* the project manager may see substance use in full; the room may not */
  g_assert_true (lw_policy_set (f->store, LW_ROLE_PROJECT_MANAGER, LW_CATEGORY_SUBSTANCE_USE, LW_LEVEL_FULL,
                                "program decision", &error));
  p = lw_store_get (f->store, &lw_participant_table, f->canary_id, &error);
  g_assert_no_error (error);
  p->peer_worker_id = LW_RECORD (peer)->id;
  g_assert_true (lw_store_update (f->store, p, &error));
  g_assert_no_error (error);
  set_role_absent (f, LW_ROLE_COMMUNITY_REPRESENTATIVE, TRUE);
  g_assert_true (lw_agenda_room_roles (f->store, f->meeting->id, NULL) & LW_ROLE_BIT (LW_ROLE_POLICE_OFFICER));

  reveal = lw_room_reveal (f->store, f->meeting->id, f->canary_index, LW_ROLE_PROJECT_MANAGER, "status.peer_worker",
                           "who to call", &error);
  g_assert_no_error (error);
  g_assert_nonnull (reveal);
  card = lw_room_card_new (f->store, f->meeting->id, f->canary_index, reveal, &error);
  g_assert_no_error (error);
  g_assert_nonnull (card->reveal);
  g_assert_cmpstr (card->reveal->text, ==, "Peer outreach worker");
  text = lw_room_card_to_text (card);
  g_assert_null (strstr (text, "CANARY-detox-peer-name"));
}

/* A reveal that someone arriving may not see ends when they arrive. */
static void
test_reveal_ends_when_room_changes (Fixture       *f,
                                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LwRoomReveal) reveal = NULL;
  g_autoptr(LwRoomCard) card = NULL;
  g_autoptr(LwAttendance) guest = NULL;

  /* everyone but the community representatives: the aliases (identity, which
   * the card shows only as a name) may be revealed */
  set_role_absent (f, LW_ROLE_COMMUNITY_REPRESENTATIVE, TRUE);
  reveal = lw_room_reveal (f->store, f->meeting->id, f->canary_index, LW_ROLE_PROJECT_MANAGER, "identity.aliases",
                           "Known to outreach by another name", &error);
  g_assert_no_error (error);
  card = lw_room_card_new (f->store, f->meeting->id, f->canary_index, reveal, &error);
  g_assert_no_error (error);
  g_assert_nonnull (card->reveal);
  g_clear_pointer (&card, lw_room_card_free);

  /* an evaluator arrives: identity is capped at none for them */
  guest = lw_agenda_add_guest (f->store, f->meeting->id, "Eva", "University", LW_ROLE_EVALUATOR, &error);
  g_assert_no_error (error);
  card = lw_room_card_new (f->store, f->meeting->id, f->canary_index, reveal, &error);
  g_assert_no_error (error);
  g_assert_null (card->reveal);
  g_assert_false (card_has (card, CANARY));
}


/* Topic and community-concern items have their own cards; the concern's text
 * only for a room that sees location in full. */
static void
test_topic_and_concern (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) items = lw_agenda_list_items (f->store, f->meeting->id, &error);
  guint concern_index = G_MAXUINT, topic_index = G_MAXUINT;
  const LwAgendaItem *concern_item = NULL;
  g_autoptr(LwCommunityConcern) concern = NULL;
  g_autoptr(LwRoomCard) card = NULL;
  LwAgendaItem *topic;

  g_assert_no_error (error);
  for (guint i = 0; i < items->len; i++)
    {
      const LwAgendaItem *item = g_ptr_array_index (items, i);

      if (item->kind == LW_ITEM_CONCERN)
        {
          concern_index = i;
          concern_item = item;
        }
      else if (item->kind == LW_ITEM_TOPIC)
        topic_index = i;
    }
  g_assert_cmpuint (concern_index, <, items->len);
  g_assert_cmpuint (topic_index, <, items->len);
  concern = lw_store_get (f->store, &lw_community_concern_table, concern_item->concern_id, &error);
  g_assert_no_error (error);

  /* a topic's title is plan information: the community representatives see
   * the plan at summary, so the room is told only that it is a topic */
  topic = g_ptr_array_index (items, topic_index);
  card = lw_room_card_new (f->store, f->meeting->id, topic_index, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (card->kind, ==, LW_ITEM_TOPIC);
  g_assert_cmpstr (card->heading, ==, "Topic");
  g_assert_false (card_has (card, topic->title));
  g_clear_pointer (&card, lw_room_card_free);
  if (topic_index > 0)
    {
      card = lw_room_card_new (f->store, f->meeting->id, topic_index - 1, NULL, &error);
      g_assert_no_error (error);
      g_assert_cmpstr (card->next_up, ==, "Topic");
      g_clear_pointer (&card, lw_room_card_free);
    }
  card = lw_room_card_new_for_roles (f->store, f->meeting->id, topic_index,
                                     LW_ROLE_BIT (LW_ROLE_PROJECT_MANAGER) | LW_ROLE_BIT (LW_ROLE_CASE_MANAGER),
                                     NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (card->heading, ==, topic->title);
  g_clear_pointer (&card, lw_room_card_free);
  /* marked as concerning health: the project manager sees health at summary */
  topic->concerns = LW_CONCERNS_HEALTH;
  g_assert_true (lw_store_update (f->store, topic, &error));
  g_assert_no_error (error);
  card = lw_room_card_new_for_roles (f->store, f->meeting->id, topic_index,
                                     LW_ROLE_BIT (LW_ROLE_PROJECT_MANAGER) | LW_ROLE_BIT (LW_ROLE_CASE_MANAGER),
                                     NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (card->heading, ==, "Topic");
  g_assert_false (card_has (card, topic->title));
  g_clear_pointer (&card, lw_room_card_free);

  /* with prosecutors in the room, location is hidden: no area, no text */
  card = lw_room_card_new (f->store, f->meeting->id, concern_index, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (card->kind, ==, LW_ITEM_CONCERN);
  g_assert_false (card_has (card, concern->text));
  g_assert_false (card_has (card, concern->area));
  g_clear_pointer (&card, lw_room_card_free);

  /* the project manager and case managers only: all of it */
  card = lw_room_card_new_for_roles (f->store, f->meeting->id, concern_index,
                                     LW_ROLE_BIT (LW_ROLE_PROJECT_MANAGER) | LW_ROLE_BIT (LW_ROLE_CASE_MANAGER),
                                     NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (card->heading, ==, concern->area);
  g_assert_true (card_has (card, concern->text));
}

/* Documents of a meeting and the room are for people: a release that names one
 * agency holds only for the members of that agency who are there. */
static void
test_audience_of_people (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LwAudience) room = lw_agenda_room_audience (f->store, f->meeting->id, &error);
  g_autoptr(LwAudience) documents = NULL;
  g_autoptr(LwConsent) consent = lw_consent_new ();
  g_autofree char *text = NULL;
  const char *agency = NULL;
  LwLevel levels[LW_N_CATEGORIES];
  gboolean provider_there = FALSE;

  g_assert_no_error (error);
  g_assert_cmpuint (lw_audience_get_roles (room), ==, lw_agenda_room_roles (f->store, f->meeting->id, NULL));
  for (guint i = 0; i < lw_audience_get_n_members (room); i++)
    if (lw_audience_get_member (room, i, &agency) == LW_ROLE_SERVICE_PROVIDER && agency != NULL)
      provider_there = TRUE;
  g_assert_true (provider_there);

  /* service providers and an evaluator nobody invited: the first by their
   * agencies, the second by role alone */
  documents = lw_agenda_meeting_audience (f->store, f->meeting->id,
                                          LW_ROLE_BIT (LW_ROLE_SERVICE_PROVIDER) | LW_ROLE_BIT (LW_ROLE_EVALUATOR),
                                          &error);
  g_assert_no_error (error);
  text = lw_audience_to_string (documents);
  g_assert_true (g_str_has_prefix (text, "service-provider@"));
  g_assert_true (g_str_has_suffix (text, ",evaluator"));

  /* a release for the service providers of one agency in the room: full only
   * when every service provider there is of that agency */
  for (guint i = 0; i < lw_audience_get_n_members (room); i++)
    if (lw_audience_get_member (room, i, &agency) == LW_ROLE_SERVICE_PROVIDER && agency != NULL)
      break;
  consent->participant_id = f->canary_id;
  consent->recipient_role = LW_ROLE_SERVICE_PROVIDER;
  consent->recipient_agency = g_strdup (agency);
  consent->categories = LW_CATEGORY_BIT (LW_CATEGORY_SUBSTANCE_USE);
  consent->signed_date = g_strdup ("2026-01-01");
  g_assert_true (lw_store_insert (f->store, consent, &error));
  g_assert_no_error (error);
  {
    g_autoptr(LwAudience) providers = lw_agenda_meeting_audience (f->store, f->meeting->id,
                                                                   LW_ROLE_BIT (LW_ROLE_SERVICE_PROVIDER), &error);
    g_autoptr(LwAudience) by_role = lw_audience_new_for_roles (LW_ROLE_BIT (LW_ROLE_SERVICE_PROVIDER));
    gboolean one_agency = TRUE;

    for (guint i = 0; i < lw_audience_get_n_members (providers); i++)
      {
        const char *other = NULL;

        lw_audience_get_member (providers, i, &other);
        one_agency = one_agency && g_strcmp0 (other, agency) == 0;
      }
    g_assert_true (lw_policy_get_levels (f->store, providers, f->canary_id, levels, &error));
    g_assert_cmpint (levels[LW_CATEGORY_SUBSTANCE_USE], ==, one_agency ? LW_LEVEL_FULL : LW_LEVEL_NONE);
    /* by role alone, never */
    g_assert_true (lw_policy_get_levels (f->store, by_role, f->canary_id, levels, &error));
    g_assert_cmpint (levels[LW_CATEGORY_SUBSTANCE_USE], ==, LW_LEVEL_NONE);
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/lw/room/community-sees-no-hidden-value", test_community_room);
  ADD ("/lw/room/without-community", test_without_community);
  ADD ("/lw/room/empty-room-most-restrictive", test_empty_room);
  ADD ("/lw/room/reveal", test_reveal);
  ADD ("/lw/room/reveal-ends-when-room-changes", test_reveal_ends_when_room_changes);
  ADD ("/lw/room/topic-and-concern", test_topic_and_concern);
  ADD ("/lw/room/audience-of-people", test_audience_of_people);
  ADD ("/lw/room/reveal-names-for-room", test_reveal_names_for_room);
#undef ADD

  return g_test_run ();
}
