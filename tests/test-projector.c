/* test-projector.c: the projector window under Xvfb — only what the room may see
 *
 * The demo's next meeting (community representatives invited), plus a
 * participant whose every column holds a canary.  Every text of the window's
 * widgets, and every accessible label and description, is searched for canaries
 * and for the full-level values (as a case manager sees them) of the categories
 * the room sees below full.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <sqlite3.h>
#include <string.h>

#include "lw/lw-agenda.h"
#include "lw/lw-audit.h"
#include "lw/lw-demo.h"
#include "lw/lw-error.h"
#include "lw/lw-i18n.h"
#include "lw/lw-model.h"
#include "lw/lw-room.h"
#include "lw/lw-vault.h"
#include "lw/lw-view.h"
#include "lw-attendees.h"
#include "lw-main-page.h"
#include "lw-meetings-page.h"
#include "lw-presenter.h"
#include "lw-projector-window.h"
#include "lw-settings.h"
#include "lw-store-private.h"
#include "lw-test-ui.h"
#include "lw-test-util.h"
#include "lw-window.h"
#include "lw-window-private.h"

#define CANARY "CANARY-"
#define TAG    "proj"

typedef struct
{
  char              *dir;
  LwStore           *store;
  LwMeeting         *meeting;
  LwId               canary_id;
  guint              canary_index;
  guint              n_items;
  LwProjectorWindow *window;
  LwWindow          *main_window;
} Fixture;

static char *
canary (const char *table,
        const char *column)
{
  return g_strdup_printf ("CANARY-%s-%s-%s", table, column, TAG);
}

static void
insert_filled (Fixture           *f,
               const LwTableInfo *table,
               GHashTable        *ids,
               LwId              *out_id)
{
  g_autoptr(GError) error = NULL;
  LwRecord *record = lw_record_new (table);

  lw_test_fill_record (record, TAG, ids);
  if (table == &lw_participant_table)
    {
      LwParticipant *p = (LwParticipant *) record;

      g_free (p->code);
      p->code = g_strdup ("P-9999");
      p->status = LW_STATUS_ACTIVE;
    }
  else if (table == &lw_legal_matter_table)
    ((LwLegalMatter *) record)->status = LW_MATTER_PENDING;
  else if (table == &lw_plan_goal_table)
    ((LwPlanGoal *) record)->status = LW_GOAL_IN_PROGRESS;
  else if (table == &lw_action_item_table)
    {
      LwActionItem *a = (LwActionItem *) record;

      a->status = LW_ACTION_OPEN;
      a->agenda_item_id = 0;
      a->meeting_id = 0;
    }
  lw_store_insert (f->store, record, &error);
  g_assert_no_error (error);
  g_hash_table_insert (ids, (gpointer) table->name, GINT_TO_POINTER ((int) record->id));
  if (out_id)
    *out_id = record->id;
  lw_record_free (record);
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) ids = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) people = NULL;
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(LwAgendaItem) item = NULL;

  f->dir = lw_test_tmpdir ();
  f->store = lw_test_store_new (f->dir, "program.lwdb");
  g_assert_true (lw_demo_generate (f->store, 40, 1, &error));
  g_assert_no_error (error);
  f->meeting = lw_agenda_resolve_meeting (f->store, "next", &error);
  g_assert_no_error (error);

  people = lw_store_list (f->store, &lw_person_table, NULL, 0, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < people->len; i++)
    if (((LwPerson *) g_ptr_array_index (people, i))->role == LW_ROLE_PROJECT_MANAGER)
      g_hash_table_insert (ids, (gpointer) "person",
                           GINT_TO_POINTER ((int) ((LwPerson *) g_ptr_array_index (people, i))->id));

  insert_filled (f, &lw_participant_table, ids, &f->canary_id);
  insert_filled (f, &lw_plan_goal_table, ids, NULL);
  insert_filled (f, &lw_contact_table, ids, NULL);
  insert_filled (f, &lw_legal_matter_table, ids, NULL);
  insert_filled (f, &lw_prosecution_note_table, ids, NULL);
  insert_filled (f, &lw_action_item_table, ids, NULL);

  item = lw_agenda_add_participant (f->store, f->meeting->id, f->canary_id,
                                    "new-referral,court-date-soon,action-items-due", 300, &error);
  g_assert_no_error (error);
  g_assert_true (lw_agenda_move_item (f->store, item->id, 1, &error));
  f->canary_index = 1;
  items = lw_agenda_list_items (f->store, f->meeting->id, &error);
  g_assert_no_error (error);
  f->n_items = items->len;
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  if (f->window != NULL)
    {
      g_object_ref (f->window);
      gtk_window_destroy (GTK_WINDOW (f->window));
      g_assert_finalize_object (f->window);
    }
  if (f->main_window != NULL)
    {
      g_object_ref (f->main_window);
      gtk_window_destroy (GTK_WINDOW (f->main_window));
      g_assert_finalize_object (f->main_window);
    }
  g_clear_pointer (&f->meeting, lw_record_free);
  g_clear_pointer (&f->store, lw_store_free);
  lw_test_tmpdir_remove (f->dir);
  g_free (f->dir);
}

static void
open_window (Fixture *f)
{
  f->window = lw_projector_window_new (NULL, f->store, f->meeting->id);
  gtk_window_present (GTK_WINDOW (f->window));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (f->window));
}

static void
set_roles_absent (Fixture *f,
                  guint32  roles,
                  gboolean absent)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = lw_agenda_list_attendance (f->store, f->meeting->id, &error);

  g_assert_no_error (error);
  for (guint i = 0; i < rows->len; i++)
    {
      LwAttendance *a = g_ptr_array_index (rows, i);

      if (roles & LW_ROLE_BIT (a->role))
        {
          g_assert_true (lw_agenda_set_absent (f->store, a->id, absent, &error));
          g_assert_no_error (error);
        }
    }
}



static char *
window_text (Fixture *f)
{
  GString *out = g_string_new (NULL);

  lw_test_ui_collect_text (GTK_WIDGET (f->window), out);
  return g_string_free (out, FALSE);
}



/* The case manager's full-level values of the categories the room sees below
 * full, for the participant of item index (empty for other items). */
static GPtrArray *
hidden_values (Fixture *f,
               guint    index)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) items = lw_agenda_list_items (f->store, f->meeting->id, &error);
  g_autoptr(GPtrArray) people = lw_store_list (f->store, &lw_person_table, NULL, 0, &error);
  g_autoptr(GHashTable) names = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(LwAudience) case_manager = lw_audience_new_for_roles (LW_ROLE_BIT (LW_ROLE_CASE_MANAGER));
  g_autoptr(LwAudience) room = NULL;
  g_autoptr(LwParticipant) p = NULL;
  g_autoptr(LwParticipantView) cm = NULL;
  GPtrArray *out = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) shown = g_ptr_array_new_with_free_func (g_free);
  const LwAgendaItem *item = g_ptr_array_index (items, index);
  LwLevel levels[LW_N_CATEGORIES];

  if (item->kind != LW_ITEM_PARTICIPANT)
    return out;
  for (guint i = 0; i < people->len; i++)
    g_hash_table_add (names, ((LwPerson *) g_ptr_array_index (people, i))->name);
  room = lw_audience_new_for_roles (lw_agenda_room_roles (f->store, f->meeting->id, &error));
  p = lw_store_get (f->store, &lw_participant_table, item->participant_id, &error);
  g_assert_no_error (error);
  g_assert_true (lw_policy_get_levels (f->store, room, p->id, levels, &error));
  cm = lw_policy_view_participant (f->store, case_manager, p, LW_VIEW_DEFAULT, &error);
  g_assert_no_error (error);
  /* a value that is also in a category the room sees in full (the case number
   * beside a prosecution note) is not hidden */
  for (guint j = 0; j < lw_participant_view_get_n_fields (cm); j++)
    {
      const LwViewField *field = lw_participant_view_get_field (cm, j);

      if (levels[field->category] != LW_LEVEL_FULL)
        lw_test_collect_distinctive (field->value, names, out);
      else
        lw_test_collect_distinctive (field->value, names, shown);
    }
  for (guint i = out->len; i > 0; i--)
    for (guint j = 0; j < shown->len; j++)
      if (g_strcmp0 (g_ptr_array_index (out, i - 1), g_ptr_array_index (shown, j)) == 0)
        {
          g_ptr_array_remove_index (out, i - 1);
          break;
        }
  return out;
}

/* canaries_allowed: the room may see some categories in full, and the canary
 * participant's values of those are canaries too. */
static void
assert_window_redacted_full (Fixture    *f,
                             const char *where,
                             gboolean    canaries_allowed)
{
  g_autofree char *text = window_text (f);
  g_autoptr(GPtrArray) hidden = hidden_values (f, lw_projector_window_get_item (f->window));

  if (!canaries_allowed && strstr (text, CANARY) != NULL)
    g_error ("A canary in the projector (%s, item %u)", where, lw_projector_window_get_item (f->window) + 1);
  for (guint i = 0; i < hidden->len; i++)
    if (strstr (text, g_ptr_array_index (hidden, i)) != NULL)
      g_error ("A value hidden from the room is in the projector (%s, item %u)",
               where, lw_projector_window_get_item (f->window) + 1);
}

static void
assert_window_redacted_projector (LwProjectorWindow *projector,
                                  Fixture           *f)
{
  GString *out = g_string_new (NULL);

  lw_test_ui_collect_text (GTK_WIDGET (projector), out);
  if (strstr (out->str, CANARY) != NULL)
    g_error ("A canary in the projector opened from meeting mode");
  g_string_free (out, TRUE);
}

static void
assert_window_redacted (Fixture    *f,
                        const char *where)
{
  assert_window_redacted_full (f, where, FALSE);
}


static void
test_community_walk (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *title = NULL;
  g_autofree char *expected = NULL;
  guint before = lw_test_count_audit_events (f->store, LW_AUDIT_PROJECTION, NULL);

  open_window (f);
  g_assert_true (lw_projector_window_get_room_roles (f->window) & LW_ROLE_BIT (LW_ROLE_COMMUNITY_REPRESENTATIVE));
  g_assert_true (g_str_has_prefix (gtk_window_get_title (GTK_WINDOW (f->window)), "Projector — "));
  gtk_test_accessible_assert_role (_lw_projector_window_get_timer (f->window), GTK_ACCESSIBLE_ROLE_STATUS);

  for (guint i = 0; i < f->n_items; i++)
    {
      lw_projector_window_set_item (f->window, i);
      gtk_test_widget_wait_for_draw (GTK_WIDGET (f->window));
      g_assert_cmpuint (lw_projector_window_get_item (f->window), ==, i);
      assert_window_redacted (f, "community invited");
    }
  /* item 1 was shown on opening: one projection for each other item */
  g_assert_cmpuint (lw_test_count_audit_events (f->store, LW_AUDIT_PROJECTION, NULL), ==, before + f->n_items);

  /* the canary participant: code and initials, exposed to assistive technology */
  lw_projector_window_set_item (f->window, f->canary_index);
  gtk_test_accessible_assert_property (_lw_projector_window_get_card_box (f->window),
                                       GTK_ACCESSIBLE_PROPERTY_LABEL, "Participant: P-9999 · C.");
  title = window_text (f);
  g_assert_nonnull (strstr (title, "P-9999 · C."));
  expected = g_strdup_printf ("Item %u of %u", f->canary_index + 1, f->n_items);
  g_assert_nonnull (strstr (title, expected));
  /* the room sees status at summary only: no reason is named, only that
   * there is one */
  g_assert_null (strstr (title, lw_agenda_reason_label ("court-date-soon")));
  g_assert_null (strstr (title, lw_agenda_reason_label ("new-referral")));
  g_assert_nonnull (strstr (title, "Review due"));
}

static void
test_guest_redacts_before_draw (Fixture       *f,
                                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LwAttendance) guest = NULL;
  g_autofree char *name = canary ("participant", "preferred_name");
  g_autofree char *charge = canary ("legal_matter", "charge");
  g_autofree char *text = NULL;
  g_autofree char *detail = NULL;
  guint before;

  /* only the project manager, case managers and police */
  set_roles_absent (f, LW_ALL_ROLES & ~(LW_ROLE_BIT (LW_ROLE_PROJECT_MANAGER) |
                                        LW_ROLE_BIT (LW_ROLE_CASE_MANAGER) |
                                        LW_ROLE_BIT (LW_ROLE_POLICE_OFFICER) |
                                        LW_ROLE_BIT (LW_ROLE_POLICE_SERGEANT)), TRUE);
  open_window (f);
  lw_projector_window_set_item (f->window, f->canary_index);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (f->window));
  text = window_text (f);
  g_assert_nonnull (strstr (text, name));
  g_assert_nonnull (strstr (text, charge));
  assert_window_redacted_full (f, "police and case managers", TRUE);
  g_clear_pointer (&text, g_free);

  /* a community representative walks in */
  before = lw_test_count_audit_events (f->store, LW_AUDIT_PROJECTION, NULL);
  guest = lw_agenda_add_guest (f->store, f->meeting->id, "Rene Guest", "Block club",
                               LW_ROLE_COMMUNITY_REPRESENTATIVE, &error);
  g_assert_no_error (error);
  lw_projector_window_refresh_audience (f->window);
  /* no main-loop iteration in between: this is what the next frame draws */
  text = window_text (f);
  g_assert_null (strstr (text, CANARY));
  assert_window_redacted (f, "guest arrived, before the next draw");
  g_assert_true (lw_projector_window_get_room_roles (f->window) & LW_ROLE_BIT (LW_ROLE_COMMUNITY_REPRESENTATIVE));
  g_assert_cmpuint (lw_test_count_audit_events (f->store, LW_AUDIT_PROJECTION, &detail), ==, before + 1);
  g_assert_nonnull (strstr (detail, "community-representative"));
  g_assert_null (strstr (detail, CANARY));

  gtk_test_widget_wait_for_draw (GTK_WIDGET (f->window));
  assert_window_redacted (f, "guest arrived, drawn");

  /* they step out (marked absent): the room's content returns at once */
  g_assert_true (lw_agenda_set_absent (f->store, guest->id, TRUE, &error));
  lw_projector_window_refresh_audience (f->window);
  g_clear_pointer (&text, g_free);
  text = window_text (f);
  g_assert_nonnull (strstr (text, name));
}

static void
test_blank (Fixture       *f,
            gconstpointer  data)
{
  g_autofree char *text = NULL;
  g_autofree char *name = canary ("participant", "preferred_name");

  set_roles_absent (f, LW_ROLE_BIT (LW_ROLE_COMMUNITY_REPRESENTATIVE), TRUE);
  open_window (f);
  lw_projector_window_set_item (f->window, f->canary_index);
  text = window_text (f);
  g_assert_nonnull (strstr (text, name));
  g_clear_pointer (&text, g_free);

  /* B, as the presenter's key would */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "projector.toggle-blank", NULL));
  g_assert_true (lw_projector_window_get_blank (f->window));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (_lw_projector_window_get_stack (f->window)), ==, "blank");
  gtk_test_widget_wait_for_draw (GTK_WIDGET (f->window));
  text = window_text (f);
  g_assert_null (strstr (text, CANARY));
  g_assert_null (strstr (text, "P-9999"));
  g_assert_null (strstr (text, "Item "));
  g_clear_pointer (&text, g_free);

  /* moving while blank shows nothing either */
  lw_projector_window_set_item (f->window, f->canary_index + 1);
  lw_projector_window_set_item (f->window, f->canary_index);
  text = window_text (f);
  g_assert_null (strstr (text, CANARY));
  g_clear_pointer (&text, g_free);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "projector.toggle-blank", NULL));
  g_assert_false (lw_projector_window_get_blank (f->window));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (_lw_projector_window_get_stack (f->window)), ==, "content");
  text = window_text (f);
  g_assert_nonnull (strstr (text, name));
}

static GHashTable *
canaries_in (const char *text)
{
  GHashTable *found = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (const char *p = strstr (text, CANARY); p; p = strstr (p + 1, CANARY))
    {
      gsize n = strcspn (p, " \n:;,.·");

      g_hash_table_add (found, g_strndup (p, n));
    }
  return found;
}

static void
set_role_absent (Fixture *f,
                 LwRole   role)
{
  lw_test_set_role_absent (f->store, f->meeting->id, role, TRUE);
}

static void
test_reveal (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) revealable = NULL;
  g_autoptr(GHashTable) before_found = NULL;
  g_autoptr(GHashTable) found = NULL;
  g_autofree char *referrer = canary ("participant", "referrer");
  g_autofree char *before = NULL;
  g_autofree char *text = NULL;
  g_autofree char *detail = NULL;
  guint reveals = lw_test_count_audit_events (f->store, LW_AUDIT_REVEAL, NULL);
  guint refusals = lw_test_count_audit_events (f->store, LW_AUDIT_REVEAL_REFUSED, NULL);

  open_window (f);
  lw_projector_window_set_item (f->window, f->canary_index);

  /* a community representative is in the room: held to their default row,
   * nothing may be revealed, and the refusal is on record */
  revealable = lw_projector_window_list_revealable (f->window, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (revealable->len, ==, 0);
  g_clear_pointer (&revealable, g_ptr_array_unref);
  g_assert_false (lw_projector_window_reveal (f->window, "status.referrer", "asked", &error));
  g_assert_error (error, LW_ERROR, LW_ERROR_DENIED);
  g_clear_error (&error);
  g_assert_cmpuint (lw_test_count_audit_events (f->store, LW_AUDIT_REVEAL_REFUSED, NULL), ==, refusals + 1);
  assert_window_redacted (f, "refused reveal");

  /* once they are marked absent */
  set_role_absent (f, LW_ROLE_COMMUNITY_REPRESENTATIVE);
  lw_projector_window_refresh_audience (f->window);
  revealable = lw_projector_window_list_revealable (f->window, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (revealable->len, >, 0);

  /* no reason, no reveal; the address never */
  g_assert_false (lw_projector_window_reveal (f->window, "status.referrer", "", &error));
  g_assert_error (error, LW_ERROR, LW_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (lw_projector_window_reveal (f->window, "location.address", "asked", &error));
  g_assert_error (error, LW_ERROR, LW_ERROR_DENIED);
  g_clear_error (&error);
  g_assert_cmpuint (lw_test_count_audit_events (f->store, LW_AUDIT_REVEAL, NULL), ==, reveals);
  assert_window_redacted_full (f, "refused reveals", TRUE);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (f->window));
  before = window_text (f);
  before_found = canaries_in (before);
  g_assert_false (g_hash_table_contains (before_found, referrer));

  g_assert_true (lw_projector_window_reveal (f->window, "status.referrer",
                                             "The referrer asked the workgroup to follow up", &error));
  g_assert_no_error (error);
  g_assert_cmpstr (lw_projector_window_get_reveal (f->window), ==, "status.referrer");
  g_assert_cmpuint (lw_test_count_audit_events (f->store, LW_AUDIT_REVEAL, &detail), ==, reveals + 1);
  g_assert_nonnull (strstr (detail, "key=status.referrer"));
  g_assert_nonnull (strstr (detail, "category=status"));
  g_assert_null (strstr (detail, CANARY));
  g_assert_null (strstr (detail, "The referrer asked"));

  /* exactly that one field more */
  gtk_test_widget_wait_for_draw (GTK_WIDGET (f->window));
  text = window_text (f);
  found = canaries_in (text);
  g_assert_cmpuint (g_hash_table_size (found), ==, g_hash_table_size (before_found) + 1);
  g_assert_true (g_hash_table_contains (found, referrer));

  /* the next item ends it */
  lw_projector_window_set_item (f->window, f->canary_index + 1);
  g_assert_null (lw_projector_window_get_reveal (f->window));
  assert_window_redacted_full (f, "after a reveal", TRUE);
  lw_projector_window_set_item (f->window, f->canary_index);
  text = (g_free (text), window_text (f));
  g_assert_null (strstr (text, referrer));
}

static void
test_timer (Fixture       *f,
            gconstpointer  data)
{
  GtkWidget *timer;
  GtkLabel *label;

  open_window (f);
  timer = _lw_projector_window_get_timer (f->window);
  label = _lw_projector_window_get_timer_label (f->window);

  lw_projector_window_set_timer (f->window, 10, 300);
  g_assert_cmpstr (gtk_label_get_label (label), ==, "0:10 of 5:00");
  g_assert_false (gtk_widget_has_css_class (timer, "near"));
  g_assert_false (gtk_widget_has_css_class (timer, "over"));
  gtk_test_accessible_assert_property (timer, GTK_ACCESSIBLE_PROPERTY_LABEL, "0:10 of 5:00");

  /* near: colour, icon and words change */
  lw_projector_window_set_timer (f->window, 250, 300);
  g_assert_true (gtk_widget_has_css_class (timer, "near"));
  g_assert_cmpstr (gtk_label_get_label (label), ==, "0:50 left of 5:00");

  lw_projector_window_set_timer (f->window, 400, 300);
  g_assert_false (gtk_widget_has_css_class (timer, "near"));
  g_assert_true (gtk_widget_has_css_class (timer, "over"));
  g_assert_cmpstr (gtk_label_get_label (label), ==, "Over time by 1:40 (budget 5:00)");
  gtk_test_accessible_assert_property (timer, GTK_ACCESSIBLE_PROPERTY_LABEL, "Over time by 1:40 (budget 5:00)");
  gtk_test_widget_wait_for_draw (GTK_WIDGET (f->window));
}

static void
test_scale_and_preview (Fixture       *f,
                        gconstpointer  data)
{
  GtkWidget *preview;

  open_window (f);
  g_assert_cmpfloat_with_epsilon (lw_projector_window_get_scale (f->window), 1.0, 0.001);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "projector.zoom-in", NULL));
  g_assert_cmpfloat_with_epsilon (lw_projector_window_get_scale (f->window), 1.1, 0.001);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "projector.zoom-out", NULL));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "projector.zoom-out", NULL));
  g_assert_cmpfloat_with_epsilon (lw_projector_window_get_scale (f->window), 0.9, 0.001);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "projector.zoom-reset", NULL));
  g_assert_cmpfloat_with_epsilon (lw_projector_window_get_scale (f->window), 1.0, 0.001);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (f->window));

  preview = g_object_ref_sink (lw_projector_preview_new (f->window));
  g_assert_true (GTK_IS_PICTURE (preview));
  g_assert_nonnull (gtk_picture_get_paintable (GTK_PICTURE (preview)));
  g_object_unref (preview);
}


static guint
presenter_position (Fixture   *f,
                    GtkWidget *presenter)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) items = lw_agenda_list_items (f->store, f->meeting->id, &error);
  LwId current = lw_presenter_get_current_item (LW_PRESENTER (presenter));

  for (guint i = 0; i < items->len; i++)
    if (((LwAgendaItem *) g_ptr_array_index (items, i))->id == current)
      return i;
  g_assert_not_reached ();
}

/* Meeting mode drives the projector: F5, Page Down, a guest added in the
 * attendees panel, and the lock. */
static void
test_presenter (Fixture       *f,
                gconstpointer  data)
{
  GtkWidget *main_page;
  GtkWidget *presenter;
  LwAttendees *attendees;
  LwProjectorWindow *projector;
  g_autofree char *name = canary ("participant", "preferred_name");
  g_autofree char *text = NULL;

  set_roles_absent (f, LW_ROLE_BIT (LW_ROLE_COMMUNITY_REPRESENTATIVE), TRUE);
  f->main_window = lw_window_new (NULL);
  gtk_window_set_default_size (GTK_WINDOW (f->main_window), 1280, 720);
  lw_window_set_store (f->main_window, f->store, FALSE);
  gtk_window_present (GTK_WINDOW (f->main_window));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (f->main_window));
  main_page = _lw_window_get_main_page (f->main_window);
  g_assert_nonnull (main_page);
  g_assert_true (lw_main_page_present_meeting (LW_MAIN_PAGE (main_page), "next"));
  presenter = _lw_meetings_page_get_presenter (LW_MEETINGS_PAGE (lw_main_page_get_meetings_page (LW_MAIN_PAGE (main_page))));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (f->main_window));
  g_assert_null (_lw_presenter_get_projector (LW_PRESENTER (presenter)));

  /* F5 */
  gtk_widget_activate_action (presenter, "presenter.toggle-projector", NULL);
  projector = _lw_presenter_get_projector (LW_PRESENTER (presenter));
  g_assert_nonnull (projector);
  g_object_add_weak_pointer (G_OBJECT (projector), (gpointer *) &projector);
  g_assert_cmpuint (lw_projector_window_get_item (projector), ==, presenter_position (f, presenter));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (projector));

  /* Page Down moves both, to the canary participant */
  while (presenter_position (f, presenter) < f->canary_index)
    g_assert_true (gtk_widget_activate_action (presenter, "presenter.next", NULL));
  g_assert_cmpuint (lw_projector_window_get_item (projector), ==, f->canary_index);
  g_assert_cmpuint (lw_projector_window_get_room_roles (projector), ==,
                    lw_presenter_get_room_roles (LW_PRESENTER (presenter)));
  text = g_strdup (gtk_window_get_title (GTK_WINDOW (projector)));
  g_assert_true (g_str_has_prefix (text, "Projector — "));
  {
    GString *all = g_string_new (NULL);
    lw_test_ui_collect_text (GTK_WIDGET (projector), all);
    g_assert_nonnull (strstr (all->str, name));
    g_string_free (all, TRUE);
  }

  /* a community representative added as a guest in meeting mode */
  attendees = LW_ATTENDEES (_lw_presenter_get_attendees (LW_PRESENTER (presenter)));
  gtk_drop_down_set_selected (_lw_attendees_get_guest_role (attendees), LW_ROLE_COMMUNITY_REPRESENTATIVE);
  gtk_editable_set_text (_lw_attendees_get_guest_name (attendees), "Rene Guest");
  g_signal_emit_by_name (_lw_attendees_get_guest_name (attendees), "activate");
  g_assert_true (lw_projector_window_get_room_roles (projector) & LW_ROLE_BIT (LW_ROLE_COMMUNITY_REPRESENTATIVE));
  {
    GString *all = g_string_new (NULL);
    lw_test_ui_collect_text (GTK_WIDGET (projector), all);
    g_assert_null (strstr (all->str, CANARY));
    g_string_free (all, TRUE);
  }

  /* F5 again closes it; F5 opens it again */
  gtk_widget_activate_action (presenter, "presenter.toggle-projector", NULL);
  g_assert_null (projector);
  gtk_widget_activate_action (presenter, "presenter.toggle-projector", NULL);
  projector = _lw_presenter_get_projector (LW_PRESENTER (presenter));
  g_assert_nonnull (projector);
  g_object_add_weak_pointer (G_OBJECT (projector), (gpointer *) &projector);

  /* locking destroys meeting mode, and the projector with it */
  lw_window_lock (f->main_window, LW_LOCK_REASON_USER);
  {
    gint64 end = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;

    while (projector != NULL && g_get_monotonic_time () < end)
      g_main_context_iteration (NULL, FALSE);
  }
  g_assert_null (projector);
}

static gboolean
is_reason_entry (GtkWidget     *widget,
                 gconstpointer  data)
{
  return GTK_IS_ENTRY (widget) &&
         g_strcmp0 (gtk_entry_get_placeholder_text (GTK_ENTRY (widget)), "Reason (required, recorded)") == 0;
}

static gboolean
is_drop_down (GtkWidget     *widget,
              gconstpointer  data)
{
  return GTK_IS_DROP_DOWN (widget);
}

static GtkWidget *
open_presenter (Fixture *f)
{
  GtkWidget *main_page;
  GtkWidget *presenter;

  f->main_window = lw_window_new (NULL);
  gtk_window_set_default_size (GTK_WINDOW (f->main_window), 1280, 720);
  lw_window_set_store (f->main_window, f->store, FALSE);
  gtk_window_present (GTK_WINDOW (f->main_window));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (f->main_window));
  main_page = _lw_window_get_main_page (f->main_window);
  g_assert_nonnull (main_page);
  g_assert_true (lw_main_page_present_meeting (LW_MAIN_PAGE (main_page), "next"));
  presenter = _lw_meetings_page_get_presenter (LW_MEETINGS_PAGE (lw_main_page_get_meetings_page (LW_MAIN_PAGE (main_page))));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (f->main_window));
  return presenter;
}

/* "Reveal to Room…" in meeting mode: inline, a reason required, audited. */
static void
test_presenter_reveal (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) fields = NULL;
  GtkWidget *presenter;
  LwProjectorWindow *projector;
  GtkWidget *reveal_button;
  GtkWidget *reason;
  GtkWidget *drop_down;
  guint toplevels;
  guint reveals = lw_test_count_audit_events (f->store, LW_AUDIT_REVEAL, NULL);
  guint wanted = G_MAXUINT;

  /* with a community representative in the room nothing may be revealed (the
   * projector's own test shows it); the rest of the room is asked here */
  set_role_absent (f, LW_ROLE_COMMUNITY_REPRESENTATIVE);
  presenter = open_presenter (f);
  gtk_widget_activate_action (presenter, "presenter.toggle-projector", NULL);
  projector = _lw_presenter_get_projector (LW_PRESENTER (presenter));
  g_assert_nonnull (projector);
  while (lw_projector_window_get_item (projector) < f->canary_index)
    g_assert_true (gtk_widget_activate_action (presenter, "presenter.next", NULL));
  g_assert_cmpuint (lw_projector_window_get_item (projector), ==, f->canary_index);

  reveal_button = lw_test_ui_find_matching (presenter, lw_test_ui_is_button_labelled, "Reveal to Room…");
  reason = lw_test_ui_find_matching (presenter, is_reason_entry, NULL);
  g_assert_nonnull (reveal_button);
  g_assert_nonnull (reason);
  g_assert_true (gtk_widget_get_sensitive (reveal_button));
  toplevels = g_list_model_get_n_items (gtk_window_get_toplevels ());
  g_signal_emit_by_name (reveal_button, "clicked");
  /* inline: no new window */
  g_assert_cmpuint (g_list_model_get_n_items (gtk_window_get_toplevels ()), ==, toplevels);
  drop_down = lw_test_ui_find_matching (gtk_widget_get_parent (reason), is_drop_down, NULL);
  if (drop_down == NULL)
    drop_down = lw_test_ui_find_matching (gtk_widget_get_parent (gtk_widget_get_parent (reason)), is_drop_down, NULL);
  g_assert_nonnull (drop_down);

  fields = lw_projector_window_list_revealable (projector, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < fields->len; i++)
    if (g_strcmp0 (((LwRoomLine *) g_ptr_array_index (fields, i))->key, "status.referrer") == 0)
      wanted = i;
  g_assert_cmpuint (wanted, <, fields->len);
  g_assert_cmpuint (g_list_model_get_n_items (gtk_drop_down_get_model (GTK_DROP_DOWN (drop_down))), ==, fields->len);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (drop_down), wanted);

  /* no reason: refused, nothing shown, nothing recorded */
  gtk_editable_set_text (GTK_EDITABLE (reason), "");
  g_signal_emit_by_name (reason, "activate");
  g_assert_null (lw_projector_window_get_reveal (projector));
  g_assert_cmpuint (lw_test_count_audit_events (f->store, LW_AUDIT_REVEAL, NULL), ==, reveals);

  gtk_editable_set_text (GTK_EDITABLE (reason), "The referrer asked the workgroup to follow up");
  g_signal_emit_by_name (reason, "activate");
  g_assert_cmpstr (lw_projector_window_get_reveal (projector), ==, "status.referrer");
  g_assert_cmpuint (lw_test_count_audit_events (f->store, LW_AUDIT_REVEAL, NULL), ==, reveals + 1);

  /* Page Down ends it */
  g_assert_true (gtk_widget_activate_action (presenter, "presenter.next", NULL));
  g_assert_null (lw_projector_window_get_reveal (projector));
  assert_window_redacted_projector (projector, f);

  /* leaving meeting mode closes the projector */
  g_object_add_weak_pointer (G_OBJECT (projector), (gpointer *) &projector);
  g_assert_true (gtk_widget_activate_action (presenter, "presenter.back", NULL));
  g_assert_null (_lw_presenter_get_projector (LW_PRESENTER (presenter)));
  {
    gint64 end = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;

    while (projector != NULL && g_get_monotonic_time () < end)
      g_main_context_iteration (NULL, FALSE);
  }
  g_assert_null (projector);
}


static char *
spanish (const char *msgid)
{
  const char *previous = lw_i18n_push ("es");
  char *text = g_strdup (lw_i18n_gettext (msgid));

  lw_i18n_pop (previous);
  return text;
}

static char *
widget_text (GtkWidget *widget)
{
  GString *out = g_string_new (NULL);

  lw_test_ui_collect_text (widget, out);
  g_string_append (out, "\n");
  if (GTK_IS_WINDOW (widget))
    g_string_append (out, gtk_window_get_title (GTK_WINDOW (widget)));
  return g_string_free (out, FALSE);
}

/* The projector set to Spanish, the presenter in English: the room's strings
 * (headings, reasons, the title, the timer) in Spanish and none of their
 * English msgids; the presenter's own controls stay English; back to the app's
 * language when the setting is cleared. */
static void
test_spanish_projector (Fixture       *f,
                        gconstpointer  data)
{
  static const char * const room_strings[] = {
    "WHY IT IS ON THE AGENDA", "OPEN ACTION ITEMS", "New referral", "Last contact",
  };
  g_autoptr(GSettings) settings = lw_settings_dup_gsettings ();
  GtkWidget *presenter;
  LwProjectorWindow *projector;
  g_autofree char *text = NULL;
  g_autofree char *presenter_text = NULL;
  g_autofree char *projector_es = spanish ("Projector — %s");
  g_autofree char *close_es = spanish ("Close Projector");

  g_assert_nonnull (settings);
  g_settings_set_string (settings, "projector-language", "es");
  set_roles_absent (f, LW_ROLE_BIT (LW_ROLE_COMMUNITY_REPRESENTATIVE), TRUE);

  presenter = open_presenter (f);
  gtk_widget_activate_action (presenter, "presenter.toggle-projector", NULL);
  projector = _lw_presenter_get_projector (LW_PRESENTER (presenter));
  g_assert_nonnull (projector);
  while (presenter_position (f, presenter) < f->canary_index)
    g_assert_true (gtk_widget_activate_action (presenter, "presenter.next", NULL));
  lw_projector_window_set_timer (projector, 75, 300);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (projector));
  g_assert_cmpstr (lw_projector_window_get_language (projector), ==, "es");
  g_assert_cmpstr (lw_i18n_get_current (), ==, "en");

  text = widget_text (GTK_WIDGET (projector));
  for (guint i = 0; i < G_N_ELEMENTS (room_strings); i++)
    {
      g_autofree char *es = spanish (room_strings[i]);

      g_test_message ("%s → %s", room_strings[i], es);
      g_assert_cmpstr (es, !=, room_strings[i]);
      g_assert_nonnull (strstr (text, es));
      g_assert_null (strstr (text, room_strings[i]));
    }
  /* the title and the timer */
  {
    g_autofree char *prefix = g_strndup (projector_es, strstr (projector_es, "%s") - projector_es);

    g_assert_true (g_str_has_prefix (gtk_window_get_title (GTK_WINDOW (projector)), prefix));
  }
  g_assert_null (strstr (text, " of "));
  g_assert_null (strstr (text, "Next: "));

  /* the presenter stays English */
  presenter_text = widget_text (f->main_window ? GTK_WIDGET (f->main_window) : presenter);
  g_assert_nonnull (strstr (presenter_text, "Close Projector"));
  g_assert_null (strstr (presenter_text, close_es));

  /* the app's language again */
  g_settings_set_string (settings, "projector-language", "");
  g_clear_pointer (&text, g_free);
  text = widget_text (GTK_WIDGET (projector));
  g_assert_nonnull (strstr (text, "WHY IT IS ON THE AGENDA"));
  g_assert_true (g_str_has_prefix (gtk_window_get_title (GTK_WINDOW (projector)), "Projector — "));
  g_assert_cmpstr (lw_projector_window_get_language (projector), ==, "en");
}


/* Commits seen on the store's connection; the next fail_commits of them are
 * turned into rollbacks (-1: all of them). */
static guint n_commits;
static int fail_commits;

static int
commit_hook_cb (void *data)
{
  n_commits++;
  if (fail_commits == 0)
    return 0;
  if (fail_commits > 0)
    fail_commits--;
  return 1;
}

static LwId
item_id_at (Fixture *f,
            guint    index)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) items = lw_agenda_list_items (f->store, f->meeting->id, &error);

  g_assert_no_error (error);
  return ((LwAgendaItem *) g_ptr_array_index (items, index))->id;
}

static gint64
started_at (Fixture *f,
            LwId     item_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LwAgendaItem) item = lw_store_get (f->store, &lw_agenda_item_table, item_id, &error);

  g_assert_no_error (error);
  return item->started_at;
}

/* Page Down writes what it records — the item's start, the views shown and
 * the projection — in one transaction, committed before the frame; should the
 * commit fail, nothing of it is shown unless recorded on its own. */
static void
test_page_down_recorded (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *detail = NULL;
  GtkWidget *presenter;
  LwProjectorWindow *projector;
  sqlite3 *db = _lw_store_get_db (f->store);
  guint projections, position;
  LwId next_id;

  set_roles_absent (f, LW_ROLE_BIT (LW_ROLE_COMMUNITY_REPRESENTATIVE), TRUE);
  presenter = open_presenter (f);
  gtk_widget_activate_action (presenter, "presenter.toggle-projector", NULL);
  projector = _lw_presenter_get_projector (LW_PRESENTER (presenter));
  g_assert_nonnull (projector);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (projector));
  sqlite3_commit_hook (db, commit_hook_cb, NULL);

  /* one commit for the whole step, holding the projection's entry */
  position = presenter_position (f, presenter);
  next_id = item_id_at (f, position + 1);
  projections = lw_test_count_audit_events (f->store, LW_AUDIT_PROJECTION, NULL);
  n_commits = 0;
  g_assert_true (gtk_widget_activate_action (presenter, "presenter.next", NULL));
  g_assert_cmpuint (n_commits, ==, 1);
  g_assert_cmpuint (presenter_position (f, presenter), ==, position + 1);
  g_assert_cmpuint (lw_projector_window_get_item (projector), ==, position + 1);
  g_assert_cmpuint (lw_test_count_audit_events (f->store, LW_AUDIT_PROJECTION, &detail), ==, projections + 1);
  g_assert_nonnull (strstr (detail, "item="));
  g_assert_cmpint (started_at (f, next_id), !=, 0);
  g_assert_true (lw_audit_verify (f->store, NULL, &error));
  g_assert_no_error (error);

  /* the step's commit fails: nothing of it stays, the item does not start;
   * what is shown again is recorded entry by entry */
  position++;
  next_id = item_id_at (f, position + 1);
  projections = lw_test_count_audit_events (f->store, LW_AUDIT_PROJECTION, NULL);
  fail_commits = 1;
  g_assert_true (gtk_widget_activate_action (presenter, "presenter.next", NULL));
  g_assert_cmpint (fail_commits, ==, 0);
  g_assert_cmpint (started_at (f, next_id), ==, 0);
  g_assert_cmpuint (lw_projector_window_get_item (projector), ==, position + 1);
  g_assert_nonnull (_lw_projector_window_get_card (projector));
  g_assert_cmpuint (lw_test_count_audit_events (f->store, LW_AUDIT_PROJECTION, NULL), ==, projections + 1);
  g_assert_true (lw_audit_verify (f->store, NULL, &error));
  g_assert_no_error (error);

  /* nothing can be written: the projector shows no card it could not record */
  position = presenter_position (f, presenter);
  projections = lw_test_count_audit_events (f->store, LW_AUDIT_PROJECTION, NULL);
  fail_commits = -1;
  g_assert_true (gtk_widget_activate_action (presenter, "presenter.next", NULL));
  fail_commits = 0;
  g_assert_cmpuint (lw_test_count_audit_events (f->store, LW_AUDIT_PROJECTION, NULL), ==, projections);
  g_assert_null (_lw_projector_window_get_card (projector));
  {
    GString *all = g_string_new (NULL);

    lw_test_ui_collect_text (GTK_WIDGET (_lw_projector_window_get_card_box (projector)), all);
    g_assert_null (strstr (all->str, "P-"));
    g_string_free (all, TRUE);
  }
  g_assert_true (lw_audit_verify (f->store, NULL, &error));
  g_assert_no_error (error);

  /* and once it can, Page Down records and shows again */
  projections = lw_test_count_audit_events (f->store, LW_AUDIT_PROJECTION, NULL);
  g_assert_true (gtk_widget_activate_action (presenter, "presenter.next", NULL));
  g_assert_nonnull (_lw_projector_window_get_card (projector));
  g_assert_cmpuint (lw_test_count_audit_events (f->store, LW_AUDIT_PROJECTION, NULL), ==, projections + 1);
  sqlite3_commit_hook (db, NULL, NULL);
}

int
main (int   argc,
      char *argv[])
{
  static const char * const paths[] = {
    "/lw/projector/community-walk",
    "/lw/projector/guest-redacts-before-draw",
    "/lw/projector/blank",
    "/lw/projector/reveal",
    "/lw/projector/timer",
    "/lw/projector/scale-and-preview",
    "/lw/projector/presenter",
    "/lw/projector/presenter-reveal",
    "/lw/projector/spanish",
    "/lw/projector/page-down-recorded",
  };
  g_autoptr(GError) error = NULL;

  g_setenv ("LEAD_WORKGROUP_TEST_WEAK_KDF", "1", TRUE);
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);

  if (g_getenv ("DISPLAY") == NULL && g_getenv ("WAYLAND_DISPLAY") == NULL)
    {
      g_test_init (&argc, &argv, NULL);
      for (guint i = 0; i < G_N_ELEMENTS (paths); i++)
        g_test_add_func (paths[i], lw_test_ui_skip_no_display);
      return g_test_run ();
    }

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  if (!lw_vault_init (&error))
    g_error ("%s", error->message);

#define ADD(i, func) g_test_add (paths[i], Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD (0, test_community_walk);
  ADD (1, test_guest_redacts_before_draw);
  ADD (2, test_blank);
  ADD (3, test_reveal);
  ADD (4, test_timer);
  ADD (5, test_scale_and_preview);
  ADD (6, test_presenter);
  ADD (7, test_presenter_reveal);
  ADD (8, test_spanish_projector);
  ADD (9, test_page_down_recorded);
#undef ADD

  return g_test_run ();
}
