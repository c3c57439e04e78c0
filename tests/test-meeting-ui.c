/* test-meeting-ui.c: preparing and running a meeting, driven through actions
 * and keys under Xvfb, then the file read back; and nothing sensitive left in
 * any widget after locking in meeting mode
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#define CANARY_TREATMENT_ACTION "CANARY-substance-use-action-text"

#include <adwaita.h>
#include <string.h>

#include "lw/lw-agenda.h"
#include "lw/lw-audit.h"
#include "lw/lw-room.h"
#include "lw/lw-demo.h"
#include "lw/lw-model.h"
#include "lw/lw-vault.h"
#include "lw/lw-view.h"
#include "lw-action-entry.h"
#include "lw-agenda-row.h"
#include "lw-toast.h"
#include "lw-attendees.h"
#include "lw-main-page.h"
#include "lw-meeting-prep.h"
#include "lw-meetings-page.h"
#include "lw-presenter.h"
#include "lw-test-ui.h"
#include "lw-test-util.h"
#include "lw-unlock-page-private.h"
#include "lw-window-private.h"

#define CANARY "CANARY-"
#define CANARY_NAME "CANARY-legal-name"
#define CANARY_NOTES "CANARY-old-discussion-notes"

typedef struct
{
  char     *dir;
  char     *path;
  LwStore  *store;
  LwWindow *window;
  LwId      meeting_id;
  LwId      canary_item_id;
} Fixture;

static void
wait_for_draw (LwWindow *window)
{
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
}

static gboolean
unlock_busy (gpointer data)
{
  return lw_unlock_page_get_busy (data);
}


/* The demo program, with canaries in the participant of the next meeting's
 * first item and in that item's earlier notes. */
static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LwMeeting) meeting = NULL;
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(LwParticipant) participant = NULL;
  LwAgendaItem *first;

  f->dir = lw_test_tmpdir ();
  f->store = lw_test_store_new (f->dir, "program.lwdb");
  f->path = g_strdup (lw_store_get_path (f->store));
  g_assert_true (lw_demo_generate (f->store, 40, 7, &error));
  g_assert_no_error (error);

  meeting = lw_agenda_resolve_meeting (f->store, "next", &error);
  g_assert_no_error (error);
  f->meeting_id = meeting->id;
  items = lw_agenda_list_items (f->store, meeting->id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (items->len, >=, 3);
  first = g_ptr_array_index (items, 0);
  g_assert_cmpint (first->kind, ==, LW_ITEM_PARTICIPANT);
  f->canary_item_id = first->id;

  participant = lw_store_get (f->store, &lw_participant_table, first->participant_id, &error);
  g_assert_no_error (error);
  g_free (participant->legal_name);
  participant->legal_name = g_strdup (CANARY_NAME);
  g_free (participant->preferred_name);
  participant->preferred_name = g_strdup ("CANARY-preferred-name");
  g_free (participant->health_notes);
  participant->health_notes = g_strdup ("CANARY-health-notes");
  g_assert_true (lw_store_update (f->store, participant, &error));
  g_free (first->notes);
  first->notes = g_strdup (CANARY_NOTES);
  g_assert_true (lw_store_update (f->store, first, &error));
  g_assert_no_error (error);

  g_clear_pointer (&f->store, lw_store_free);
  f->store = lw_store_open (f->path, &error);
  g_assert_no_error (error);

  f->window = lw_window_new (NULL);
  gtk_window_set_default_size (GTK_WINDOW (f->window), 1280, 720);
  lw_window_set_store (f->window, f->store, FALSE);
  gtk_window_present (GTK_WINDOW (f->window));
  wait_for_draw (f->window);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_object_ref (f->window);
  gtk_window_destroy (GTK_WINDOW (f->window));
  g_assert_finalize_object (f->window);

  g_clear_pointer (&f->store, lw_store_free);
  lw_test_tmpdir_remove (f->dir);
  g_free (f->dir);
  g_free (f->path);
}



static void
assert_no_secret_text (void)
{
  g_autofree char *text = lw_test_ui_all_text ();

  if (strstr (text, CANARY) != NULL || strstr (text, LW_TEST_PASSPHRASE) != NULL)
    g_error ("Sensitive text left in the widgets:\n%s", text);
}

static gboolean
has_css_class (GtkWidget     *widget,
               gconstpointer  name)
{
  return gtk_widget_has_css_class (widget, name);
}

static gboolean
is_spin_button (GtkWidget     *widget,
                gconstpointer  data)
{
  return GTK_IS_SPIN_BUTTON (widget);
}

static void
unlock (Fixture *f)
{
  LwUnlockPage *page = _lw_window_get_unlock_page (f->window);

  gtk_editable_set_text (_lw_unlock_page_get_entry (page), LW_TEST_PASSPHRASE);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "unlock.unlock", NULL));
  lw_test_ui_wait_while (unlock_busy, page, 30);
  g_assert_cmpstr (lw_window_get_page_name (f->window), ==, "main");
  wait_for_draw (f->window);
}

static LwMeetingsPage *
meetings_page (Fixture *f)
{
  GtkWidget *main_page = _lw_window_get_main_page (f->window);

  g_assert_nonnull (main_page);
  /* shown, as a user works with it: some of it is made only when shown */
  g_assert_true (gtk_widget_activate_action (main_page, "main-page.show-page", "s", "meetings"));
  return LW_MEETINGS_PAGE (lw_main_page_get_meetings_page (LW_MAIN_PAGE (main_page)));
}

static GPtrArray *
store_items (LwStore *store,
             LwId     meeting_id)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *items = lw_agenda_list_items (store, meeting_id, &error);

  g_assert_no_error (error);
  return items;
}

static LwId
item_id_at (LwStore *store,
            LwId     meeting_id,
            guint    position)
{
  g_autoptr(GPtrArray) items = store_items (store, meeting_id);

  g_assert_cmpuint (position, <, items->len);
  return ((LwAgendaItem *) g_ptr_array_index (items, position))->id;
}

static LwAgendaItem *
get_item (LwStore *store,
          LwId     id)
{
  g_autoptr(GError) error = NULL;
  LwAgendaItem *item = lw_store_get (store, &lw_agenda_item_table, id, &error);

  g_assert_no_error (error);
  return item;
}


static gboolean
revealer_folding (gpointer revealer)
{
  return gtk_revealer_get_child_revealed (revealer);
}

/* the attendees' rows, made in an idle once the list is in view */
static gboolean
attendees_waiting (gpointer attendees)
{
  return !_lw_attendees_has_rows (attendees);
}

/* the presenter's "Show Attendees" toggle */
static gboolean
is_attendees_toggle (GtkWidget     *widget,
                     gconstpointer  data)
{
  return GTK_IS_TOGGLE_BUTTON (widget) && g_strcmp0 (gtk_widget_get_tooltip_text (widget), "Show Attendees") == 0;
}

/* the action entry's revealer folds, and the entry is hidden at the end:
 * shown, that is a frame after the revealer says it is folded */
static gboolean
entry_folding (gpointer entry)
{
  return revealer_folding (gtk_widget_get_ancestor (entry, GTK_TYPE_REVEALER)) || gtk_widget_get_visible (entry);
}

static void
test_meeting_flow (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  LwMeetingsPage *page;
  GtkWidget *prep, *presenter, *attendees, *button, *entry;
  GtkListBoxRow *row;
  GListModel *agenda;
  guint n_before, n_after, n_suggested;
  LwId first_id, second_id, third_id, owner_id = 0, action_item_id;
  g_autoptr(GPtrArray) persons = NULL;
  g_autoptr(GPtrArray) attendance = NULL;
  g_autoptr(GPtrArray) actions = NULL;
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(LwMeeting) meeting = NULL;
  g_autoptr(LwAgendaItem) item = NULL;
  g_autofree char *expected_due = NULL;
  g_autofree char *today = NULL;
  LwActionItem *action = NULL;
  LwId checked_in_id = 0, acknowledged_id = 0;
  GtkTextBuffer *buffer;

  unlock (f);
  page = meetings_page (f);
  g_assert_cmpstr (lw_meetings_page_get_mode (page), ==, "list");

  /* the next meeting is at the top of the list: open it */
  row = gtk_list_box_get_row_at_index (_lw_meetings_page_get_list (page), 0);
  g_assert_nonnull (row);
  g_signal_emit_by_name (_lw_meetings_page_get_list (page), "row-activated", row);
  g_assert_cmpstr (lw_meetings_page_get_mode (page), ==, "prep");
  prep = _lw_meetings_page_get_prep (page);
  g_assert_cmpint (lw_meeting_prep_get_meeting_id (LW_MEETING_PREP (prep)), ==, f->meeting_id);
  wait_for_draw (f->window);

  /* suggest and add all */
  agenda = _lw_meeting_prep_get_agenda (LW_MEETING_PREP (prep));
  n_before = g_list_model_get_n_items (agenda);
  g_assert_true (gtk_widget_activate_action (prep, "prep.suggest", NULL));
  n_suggested = 0;
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (_lw_meeting_prep_get_suggestions (LW_MEETING_PREP (prep))));
       child != NULL; child = gtk_widget_get_next_sibling (child))
    n_suggested++;
  g_assert_cmpuint (n_suggested, >, 0);
  gtk_widget_activate_action (prep, "prep.add-all", NULL);
  n_after = g_list_model_get_n_items (agenda);
  g_assert_cmpuint (n_after, >=, n_before);
  items = store_items (f->store, f->meeting_id);
  g_assert_cmpuint (items->len, ==, n_after);
  g_clear_pointer (&items, g_ptr_array_unref);
  g_assert_nonnull (strstr (gtk_label_get_text (_lw_meeting_prep_get_total_label (LW_MEETING_PREP (prep))), " of 90 min"));

  /* reorder: the first item moves down one (Alt+Down), then the new last one up */
  first_id = item_id_at (f->store, f->meeting_id, 0);
  second_id = item_id_at (f->store, f->meeting_id, 1);
  gtk_selection_model_select_item (_lw_meeting_prep_get_selection (LW_MEETING_PREP (prep)), 0, TRUE);
  g_assert_true (gtk_widget_activate_action (prep, "prep.move-down", NULL));
  g_assert_cmpint (item_id_at (f->store, f->meeting_id, 0), ==, second_id);
  g_assert_cmpint (item_id_at (f->store, f->meeting_id, 1), ==, first_id);
  g_assert_cmpuint (gtk_single_selection_get_selected (GTK_SINGLE_SELECTION (_lw_meeting_prep_get_selection (LW_MEETING_PREP (prep)))), ==, 1);
  gtk_widget_activate_action (prep, "prep.move-up", NULL);
  gtk_widget_activate_action (prep, "prep.move-down", NULL);
  g_assert_cmpint (item_id_at (f->store, f->meeting_id, 1), ==, first_id);
  third_id = item_id_at (f->store, f->meeting_id, 2);

  /* check in the first two attendees, the first acknowledges confidentiality */
  attendees = _lw_meeting_prep_get_attendees (LW_MEETING_PREP (prep));
  attendance = lw_agenda_list_attendance (f->store, f->meeting_id, &error);
  g_assert_no_error (error);
  checked_in_id = ((LwAttendance *) g_ptr_array_index (attendance, 0))->id;
  acknowledged_id = checked_in_id;
  lw_test_ui_wait_while (attendees_waiting, attendees, 5);
  button = lw_test_ui_find_matching (attendees, lw_test_ui_is_button_labelled, "Check In");
  g_assert_nonnull (button);
  g_signal_emit_by_name (button, "clicked");
  button = lw_test_ui_find_matching (attendees, has_css_class, "lw-acknowledge");
  g_assert_nonnull (button);
  g_signal_emit_by_name (button, "clicked");
  button = lw_test_ui_find_matching (attendees, lw_test_ui_is_button_labelled, "Check In");
  g_assert_nonnull (button);
  g_signal_emit_by_name (button, "clicked");
  g_clear_pointer (&attendance, g_ptr_array_unref);
  attendance = lw_agenda_list_attendance (f->store, f->meeting_id, &error);
  g_assert_cmpint (((LwAttendance *) g_ptr_array_index (attendance, 0))->checked_in_at, !=, 0);
  g_assert_cmpint (((LwAttendance *) g_ptr_array_index (attendance, 0))->confidentiality_at, !=, 0);
  g_assert_cmpint (((LwAttendance *) g_ptr_array_index (attendance, 1))->checked_in_at, !=, 0);

  /* meeting mode: the first item runs; a one-minute budget is nearly spent at once */
  g_assert_true (lw_agenda_set_time_budget (f->store, second_id, 60, &error));
  g_assert_no_error (error);
  g_assert_true (gtk_widget_activate_action (prep, "prep.start", NULL));
  g_assert_cmpstr (lw_meetings_page_get_mode (page), ==, "present");
  presenter = _lw_meetings_page_get_presenter (page);
  wait_for_draw (f->window);
  g_assert_cmpint (lw_presenter_get_current_item (LW_PRESENTER (presenter)), ==, second_id);
  g_assert_cmpuint (lw_presenter_get_room_roles (LW_PRESENTER (presenter)), !=, 0);
  g_assert_nonnull (strstr (gtk_label_get_text (_lw_presenter_get_audience_label (LW_PRESENTER (presenter))),
                            "Project manager"));
  gtk_test_accessible_assert_role (GTK_ACCESSIBLE (_lw_presenter_get_timer_label (LW_PRESENTER (presenter))),
                                   GTK_ACCESSIBLE_ROLE_STATUS);
  /* said in words, not by colour alone */
  g_assert_nonnull (strstr (gtk_label_get_text (_lw_presenter_get_timer_label (LW_PRESENTER (presenter))),
                            "of 1:00 · almost out of time"));
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (_lw_presenter_get_timer_label (LW_PRESENTER (presenter))),
                                           "warning"));

  /* step: next, previous, next (records started and ended times) */
  g_assert_true (gtk_widget_activate_action (presenter, "presenter.next", NULL));
  g_assert_cmpint (lw_presenter_get_current_item (LW_PRESENTER (presenter)), ==, first_id);
  item = get_item (f->store, second_id);
  g_assert_cmpint (item->started_at, !=, 0);
  g_assert_cmpint (item->ended_at, !=, 0);
  g_clear_pointer (&item, lw_record_free);
  gtk_widget_activate_action (presenter, "presenter.previous", NULL);
  g_assert_cmpint (lw_presenter_get_current_item (LW_PRESENTER (presenter)), ==, second_id);
  gtk_widget_activate_action (presenter, "presenter.next", NULL);
  g_assert_cmpint (lw_presenter_get_current_item (LW_PRESENTER (presenter)), ==, first_id);

  /* notes: the project manager adds to the care notes without seeing them */
  buffer = gtk_text_view_get_buffer (_lw_presenter_get_notes_view (LW_PRESENTER (presenter)));
  gtk_text_buffer_set_text (buffer, "Agreed to meet on Friday", -1);
  lw_presenter_flush (LW_PRESENTER (presenter));
  item = get_item (f->store, first_id);
  g_assert_nonnull (item->notes);
  g_assert_true (g_str_has_suffix (item->notes, "Agreed to meet on Friday"));
  g_assert_true (g_str_has_prefix (item->notes, CANARY_NOTES));
  g_clear_pointer (&item, lw_record_free);
  {
    g_autofree char *text = lw_test_ui_all_text ();

    g_assert_null (strstr (text, CANARY_NOTES));
    g_assert_nonnull (strstr (text, "Nothing sensitive marked"));
  }

  /* Alt+T in the notes: about health, then treatment; the project manager,
   * who may not read them, cannot take the marking off again */
  g_assert_true (gtk_widget_activate_action (presenter, "presenter.cycle-note-concerns", NULL));
  g_assert_true (gtk_widget_activate_action (presenter, "presenter.cycle-note-concerns", NULL));
  item = get_item (f->store, first_id);
  g_assert_cmpint (item->concerns, ==, LW_CONCERNS_TREATMENT);
  g_clear_pointer (&item, lw_record_free);
  g_assert_true (gtk_widget_activate_action (presenter, "presenter.cycle-note-concerns", NULL));
  item = get_item (f->store, first_id);
  g_assert_cmpint (item->concerns, ==, LW_CONCERNS_TREATMENT);
  g_assert_true (g_str_has_suffix (item->notes, "Agreed to meet on Friday"));
  {
    g_autoptr(LwAudience) care = lw_audience_new_for_roles (LW_ROLE_BIT (LW_ROLE_CASE_MANAGER));
    g_autoptr(LwAudience) pm = lw_audience_new_for_roles (LW_ROLE_BIT (LW_ROLE_PROJECT_MANAGER));
    g_autoptr(LwParticipant) who = lw_store_get (f->store, &lw_participant_table, item->participant_id, &error);
    g_autoptr(LwParticipantView) care_view = lw_policy_view_participant (f->store, care, who, 0, &error);
    g_autoptr(LwParticipantView) pm_view = lw_policy_view_participant (f->store, pm, who, 0, &error);
    g_autofree char *text = lw_test_ui_all_text ();
    const LwViewField *field;

    g_assert_no_error (error);
    /* the care team reads them as substance-use information, with the notice */
    field = lw_participant_view_lookup (care_view, "substance_use.discussion");
    g_assert_nonnull (field);
    g_assert_nonnull (lw_participant_view_get_notice (care_view));
    {
      g_autofree char *marked = lw_view_value_to_text (field->value);
      const LwViewField *plain = lw_participant_view_lookup (care_view, "care_notes.discussion");
      g_autofree char *plain_text = plain ? lw_view_value_to_text (plain->value) : g_strdup ("");

      g_assert_nonnull (strstr (marked, "Agreed to meet on Friday"));
      g_assert_null (strstr (plain_text, "Agreed to meet on Friday"));
    }
    /* the project manager sees no discussion of it in their view either */
    g_assert_null (lw_participant_view_lookup (pm_view, "care_notes.discussion"));
    g_assert_nonnull (strstr (text, "About substance-use treatment"));
  }
  g_clear_pointer (&item, lw_record_free);

  /* Ctrl+Return: a new action item, owner by typing, due "+7d" */
  persons = lw_store_list (f->store, &lw_person_table, NULL, 0, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < persons->len; i++)
    if (g_str_equal (((LwPerson *) g_ptr_array_index (persons, i))->name, "Riley Sample"))
      owner_id = ((LwPerson *) g_ptr_array_index (persons, i))->id;
  g_assert_cmpint (owner_id, !=, 0);

  /* folded away, the form is not there to be measured with every frame */
  g_assert_false (gtk_widget_get_visible (_lw_presenter_get_action_entry (LW_PRESENTER (presenter))));
  g_assert_true (gtk_widget_activate_action (presenter, "presenter.new-action", NULL));
  g_assert_true (gtk_revealer_get_reveal_child (GTK_REVEALER (gtk_widget_get_ancestor (
    _lw_presenter_get_action_entry (LW_PRESENTER (presenter)), GTK_TYPE_REVEALER))));
  entry = _lw_presenter_get_action_entry (LW_PRESENTER (presenter));
  g_assert_true (gtk_widget_get_visible (entry));
  gtk_editable_set_text (_lw_action_entry_get_text (LW_ACTION_ENTRY (entry)), "Call the shelter about a bed");
  /* no owner: refused with an inline message, nothing saved */
  g_assert_false (lw_action_entry_save (LW_ACTION_ENTRY (entry)));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (_lw_action_entry_get_error (LW_ACTION_ENTRY (entry)))));
  gtk_editable_set_text (_lw_action_entry_get_owner (LW_ACTION_ENTRY (entry)), "riley");
  gtk_editable_set_text (_lw_action_entry_get_due (LW_ACTION_ENTRY (entry)), "someday");
  g_assert_false (lw_action_entry_save (LW_ACTION_ENTRY (entry)));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (_lw_action_entry_get_error (LW_ACTION_ENTRY (entry)))));
  actions = lw_store_list (f->store, &lw_action_item_table, "agenda_item_id", first_id, &error);
  g_assert_cmpuint (actions->len, ==, 0);
  g_clear_pointer (&actions, g_ptr_array_unref);
  /* Enter in the due entry saves */
  gtk_editable_set_text (_lw_action_entry_get_due (LW_ACTION_ENTRY (entry)), "+7d");
  g_signal_emit_by_name (_lw_action_entry_get_due (LW_ACTION_ENTRY (entry)), "activate");
  actions = lw_store_list (f->store, &lw_action_item_table, "agenda_item_id", first_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (actions->len, ==, 1);
  action = g_ptr_array_index (actions, 0);
  today = lw_date_today ();
  g_assert_cmpstr (today, ==, "2026-11-24");
  expected_due = lw_date_add_days (today, 7);
  g_assert_cmpstr (action->due_date, ==, expected_due);
  g_assert_cmpint (action->owner_id, ==, owner_id);
  g_assert_cmpint (action->meeting_id, ==, f->meeting_id);
  g_assert_cmpstr (action->text, ==, "Call the shelter about a bed");
  action_item_id = action->id;
  /* the entry is cleared for the next one */
  g_assert_cmpstr (gtk_editable_get_text (_lw_action_entry_get_text (LW_ACTION_ENTRY (entry))), ==, "");
  g_clear_pointer (&actions, g_ptr_array_unref);

  /* Alt+T marks the next one as concerning treatment: it is then substance-use
   * information, which the police never see, not even its owner */
  g_assert_cmpint (lw_action_entry_get_concerns (LW_ACTION_ENTRY (entry)), ==, LW_CONCERNS_NONE);
  gtk_editable_set_text (_lw_action_entry_get_text (LW_ACTION_ENTRY (entry)), CANARY_TREATMENT_ACTION);
  gtk_editable_set_text (_lw_action_entry_get_owner (LW_ACTION_ENTRY (entry)), "riley");
  g_assert_true (gtk_widget_activate_action (entry, "action-entry.cycle-concerns", NULL));
  g_assert_true (gtk_widget_activate_action (entry, "action-entry.cycle-concerns", NULL));
  g_assert_cmpint (lw_action_entry_get_concerns (LW_ACTION_ENTRY (entry)), ==, LW_CONCERNS_TREATMENT);
  {
    g_autofree char *text = lw_test_ui_all_text ();

    g_assert_nonnull (strstr (text, "substance-use treatment"));
  }
  g_assert_true (lw_action_entry_save (LW_ACTION_ENTRY (entry)));
  g_assert_cmpint (lw_action_entry_get_concerns (LW_ACTION_ENTRY (entry)), ==, LW_CONCERNS_NONE);
  actions = lw_store_list (f->store, &lw_action_item_table, "agenda_item_id", first_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (actions->len, ==, 2);
  for (guint i = 0; i < actions->len; i++)
    {
      const LwActionItem *a = g_ptr_array_index (actions, i);

      g_assert_cmpint (a->concerns, ==, g_str_equal (a->text, CANARY_TREATMENT_ACTION)
                                        ? LW_CONCERNS_TREATMENT : LW_CONCERNS_NONE);
    }
  {
    g_autoptr(GPtrArray) listed = store_items (f->store, f->meeting_id);
    g_autoptr(LwRoomCard) police = NULL;
    g_autoptr(LwRoomCard) care = NULL;
    g_autofree char *police_text = NULL;
    g_autofree char *care_text = NULL;
    guint index = 0;

    while (((LwAgendaItem *) g_ptr_array_index (listed, index))->id != first_id)
      index++;
    police = lw_room_card_new_for_roles (f->store, f->meeting_id, index, LW_ROLE_BIT (LW_ROLE_POLICE_OFFICER),
                                         NULL, &error);
    g_assert_no_error (error);
    care = lw_room_card_new_for_roles (f->store, f->meeting_id, index, LW_ROLE_BIT (LW_ROLE_CASE_MANAGER),
                                       NULL, &error);
    g_assert_no_error (error);
    police_text = lw_room_card_to_text (police);
    care_text = lw_room_card_to_text (care);
    g_assert_null (strstr (police_text, CANARY_TREATMENT_ACTION));
    /* nor on the projector for the care team: a room's screen carries no
     * redisclosure notice; they read it on their own screens */
    g_assert_null (strstr (care_text, CANARY_TREATMENT_ACTION));
    g_assert_cmpuint (care->actions->len, ==, police->actions->len);
  }
  /* Escape closes the entry, and once folded it is hidden again */
  g_assert_true (gtk_widget_activate_action (entry, "action-entry.cancel", NULL));
  lw_test_ui_wait_while (entry_folding, entry, 5);
  g_assert_false (gtk_revealer_get_child_revealed (GTK_REVEALER (gtk_widget_get_ancestor (entry, GTK_TYPE_REVEALER))));
  g_assert_false (gtk_widget_get_visible (entry));

  /* close: the end is recorded and the summary shown */
  gtk_widget_activate_action (presenter, "presenter.next", NULL);
  g_assert_cmpint (lw_presenter_get_current_item (LW_PRESENTER (presenter)), ==, third_id);
  /* Alt+L asks first: nothing is closed until the second step */
  g_assert_true (gtk_widget_activate_action (presenter, "presenter.ask-close", NULL));
  g_assert_true (gtk_revealer_get_reveal_child (GTK_REVEALER (_lw_presenter_get_close_bar (LW_PRESENTER (presenter)))));
  g_assert_cmpstr (_lw_presenter_get_page (LW_PRESENTER (presenter)), ==, "meeting");
  {
    g_autoptr(LwMeeting) still = lw_store_get (f->store, &lw_meeting_table, f->meeting_id, &error);

    g_assert_no_error (error);
    g_assert_cmpint (still->status, !=, LW_MEETING_CLOSED);
  }
  g_assert_true (gtk_widget_activate_action (presenter, "presenter.close-meeting", NULL));
  g_assert_cmpstr (_lw_presenter_get_page (LW_PRESENTER (presenter)), ==, "summary");
  {
    g_autofree char *text = lw_test_ui_all_text ();

    g_assert_nonnull (strstr (text, "Items Discussed"));
    g_assert_nonnull (strstr (text, "Riley Sample"));
    g_assert_nonnull (strstr (text, "Call the shelter about a bed"));
    g_assert_nonnull (strstr (text, "Suggested again for the next meeting"));
  }

  /* free the store, open the file again: everything was saved */
  lw_window_set_store (f->window, NULL, FALSE);
  g_clear_pointer (&f->store, lw_store_free);
  f->store = lw_store_open (f->path, &error);
  g_assert_no_error (error);
  g_assert_true (lw_store_unlock (f->store, LW_TEST_PASSPHRASE, strlen (LW_TEST_PASSPHRASE), &error));
  g_assert_no_error (error);

  meeting = lw_store_get (f->store, &lw_meeting_table, f->meeting_id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (meeting->status, ==, LW_MEETING_CLOSED);
  g_assert_cmpint (meeting->started_at, !=, 0);
  g_assert_cmpint (meeting->ended_at, !=, 0);

  items = store_items (f->store, f->meeting_id);
  g_assert_cmpuint (items->len, ==, n_after);
  g_assert_cmpint (((LwAgendaItem *) g_ptr_array_index (items, 0))->id, ==, second_id);
  g_assert_cmpint (((LwAgendaItem *) g_ptr_array_index (items, 1))->id, ==, first_id);
  /* paged past in a moment, nothing recorded: not discussed, it carries over */
  g_assert_cmpint (((LwAgendaItem *) g_ptr_array_index (items, 0))->started_at, ==, 0);
  g_assert_true (lw_agenda_item_not_reached (meeting, g_ptr_array_index (items, 0)));
  /* notes and an action item: discussed, however short */
  g_assert_cmpint (((LwAgendaItem *) g_ptr_array_index (items, 1))->ended_at, !=, 0);
  /* current for a moment when the meeting closed: not reached either */
  g_assert_cmpint (((LwAgendaItem *) g_ptr_array_index (items, 2))->started_at, ==, 0);
  /* the rest were not reached: they carry over */
  g_assert_cmpint (((LwAgendaItem *) g_ptr_array_index (items, 3))->started_at, ==, 0);
  g_assert_true (lw_agenda_item_not_reached (meeting, g_ptr_array_index (items, 3)));
  g_assert_true (g_str_has_suffix (((LwAgendaItem *) g_ptr_array_index (items, 1))->notes,
                                   "Agreed to meet on Friday"));

  g_clear_pointer (&attendance, g_ptr_array_unref);
  attendance = lw_agenda_list_attendance (f->store, f->meeting_id, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < attendance->len; i++)
    {
      LwAttendance *att = g_ptr_array_index (attendance, i);

      if (att->id == checked_in_id)
        g_assert_cmpint (att->checked_in_at, !=, 0);
      if (att->id == acknowledged_id)
        g_assert_cmpint (att->confidentiality_at, !=, 0);
    }
  g_assert_cmpint (((LwAttendance *) g_ptr_array_index (attendance, 1))->checked_in_at, !=, 0);

  {
    g_autoptr(LwActionItem) saved = lw_store_get (f->store, &lw_action_item_table, action_item_id, &error);

    g_assert_no_error (error);
    g_assert_cmpstr (saved->due_date, ==, "2026-12-01");
    g_assert_cmpint (saved->owner_id, ==, owner_id);
    g_assert_cmpint (saved->agenda_item_id, ==, first_id);
    g_assert_cmpint (saved->status, ==, LW_ACTION_OPEN);
  }
}

/* Editing the agenda and the invitations: remove with undo, topics, concerns,
 * time budgets, invite by typing, a guest with a role */
static void
test_prep_edits (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GPtrArray) attendance = NULL;
  g_autoptr(LwAgendaItem) item = NULL;
  LwMeetingsPage *page;
  LwMeetingPrep *prep;
  LwAttendees *attendees;
  AdwToast *toast;
  GtkWidget *spin;
  LwId removed_id;
  guint n, n_attending;
  gboolean guest_found = FALSE;

  unlock (f);
  {
    g_autoptr(LwCommunityConcern) concern = lw_community_concern_new ();

    concern->reported_by = g_strdup ("Test neighbour");
    concern->date = g_strdup ("2026-11-20");
    concern->area = g_strdup ("Test Park");
    concern->text = g_strdup ("A test concern");
    concern->status = LW_CONCERN_OPEN;
    g_assert_true (lw_store_insert (f->store, concern, &error));
    g_assert_no_error (error);
  }
  page = meetings_page (f);
  lw_meetings_page_open (page, f->meeting_id);
  prep = LW_MEETING_PREP (_lw_meetings_page_get_prep (page));
  wait_for_draw (f->window);

  /* Delete removes the selected item; the toast's Undo puts it back in place */
  items = store_items (f->store, f->meeting_id);
  n = items->len;
  removed_id = ((LwAgendaItem *) g_ptr_array_index (items, 1))->id;
  g_clear_pointer (&items, g_ptr_array_unref);
  gtk_selection_model_select_item (_lw_meeting_prep_get_selection (prep), 1, TRUE);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (prep), "prep.remove", NULL));
  items = store_items (f->store, f->meeting_id);
  g_assert_cmpuint (items->len, ==, n - 1);
  g_clear_pointer (&items, g_ptr_array_unref);
  toast = _lw_meeting_prep_get_undo_toast (prep);
  g_assert_nonnull (toast);
  g_signal_emit_by_name (toast, "button-clicked");
  items = store_items (f->store, f->meeting_id);
  g_assert_cmpuint (items->len, ==, n);
  g_assert_cmpint (((LwAgendaItem *) g_ptr_array_index (items, 1))->participant_id, !=, 0);
  g_assert_cmpint (((LwAgendaItem *) g_ptr_array_index (items, 1))->id, !=, removed_id);
  g_clear_pointer (&items, g_ptr_array_unref);

  /* a topic, with the default time budget of the settings (5 minutes) */
  gtk_editable_set_text (_lw_meeting_prep_get_topic_entry (prep), "Evaluation data request");
  g_signal_emit_by_name (_lw_meeting_prep_get_topic_entry (prep), "activate");
  items = store_items (f->store, f->meeting_id);
  g_assert_cmpuint (items->len, ==, n + 1);
  item = lw_record_copy (g_ptr_array_index (items, n));
  g_assert_cmpint (item->kind, ==, LW_ITEM_TOPIC);
  g_assert_cmpstr (item->title, ==, "Evaluation data request");
  g_assert_cmpint (item->time_budget, ==, 300);
  g_clear_pointer (&items, g_ptr_array_unref);

  /* a community concern */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (prep), "prep.add-concern", NULL));
  items = store_items (f->store, f->meeting_id);
  g_assert_cmpuint (items->len, ==, n + 2);
  g_assert_cmpint (((LwAgendaItem *) g_ptr_array_index (items, n + 1))->kind, ==, LW_ITEM_CONCERN);

  /* any participant, by code: one not on the agenda yet, typed as its number */
  {
    g_autoptr(GPtrArray) everyone = lw_store_list (f->store, &lw_participant_table, NULL, 0, &error);
    const LwParticipant *extra = NULL;
    const char *digits;

    g_assert_no_error (error);
    for (guint i = 0; i < everyone->len && extra == NULL; i++)
      {
        const LwParticipant *p = g_ptr_array_index (everyone, i);
        gboolean listed = FALSE;

        for (guint j = 0; j < items->len; j++)
          listed |= ((LwAgendaItem *) g_ptr_array_index (items, j))->participant_id == p->id;
        if (!listed)
          extra = p;
      }
    g_assert_nonnull (extra);
    digits = strchr (extra->code, '-') + 1;
    gtk_editable_set_text (_lw_meeting_prep_get_participant_entry (prep), digits);
    g_signal_emit_by_name (_lw_meeting_prep_get_participant_entry (prep), "activate");
    g_clear_pointer (&items, g_ptr_array_unref);
    items = store_items (f->store, f->meeting_id);
    g_assert_cmpuint (items->len, ==, n + 3);
    g_assert_cmpint (((LwAgendaItem *) g_ptr_array_index (items, n + 2))->participant_id, ==, extra->id);
    g_assert_cmpstr (gtk_editable_get_text (_lw_meeting_prep_get_participant_entry (prep)), ==, "");

    /* the same participant twice, and a code nobody has: refused, nothing added */
    gtk_editable_set_text (_lw_meeting_prep_get_participant_entry (prep), extra->code);
    g_signal_emit_by_name (_lw_meeting_prep_get_participant_entry (prep), "activate");
    gtk_editable_set_text (_lw_meeting_prep_get_participant_entry (prep), "P-9999");
    g_signal_emit_by_name (_lw_meeting_prep_get_participant_entry (prep), "activate");
    g_clear_pointer (&items, g_ptr_array_unref);
    items = store_items (f->store, f->meeting_id);
    g_assert_cmpuint (items->len, ==, n + 3);
  }
  g_clear_pointer (&items, g_ptr_array_unref);

  /* the time budget of the first item, by its spin button */
  spin = lw_test_ui_find_matching (GTK_WIDGET (prep), is_spin_button, NULL);
  g_assert_nonnull (spin);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), 9);
  items = store_items (f->store, f->meeting_id);
  g_assert_cmpint (((LwAgendaItem *) g_ptr_array_index (items, 0))->time_budget, ==, 9 * 60);
  g_clear_pointer (&items, g_ptr_array_unref);

  /* invite by typing (Enter takes the first match), and a guest with a role */
  attendees = LW_ATTENDEES (_lw_meeting_prep_get_attendees (prep));
  attendance = lw_agenda_list_attendance (f->store, f->meeting_id, &error);
  n_attending = attendance->len;
  g_clear_pointer (&attendance, g_ptr_array_unref);
  gtk_editable_set_text (_lw_attendees_get_invite_entry (attendees), "Evaluator");
  g_signal_emit_by_name (_lw_attendees_get_invite_entry (attendees), "search-changed");
  g_signal_emit_by_name (_lw_attendees_get_invite_entry (attendees), "activate");
  attendance = lw_agenda_list_attendance (f->store, f->meeting_id, &error);
  g_assert_cmpuint (attendance->len, ==, n_attending + 1);
  g_clear_pointer (&attendance, g_ptr_array_unref);

  gtk_editable_set_text (_lw_attendees_get_guest_name (attendees), "Visiting Observer");
  gtk_drop_down_set_selected (_lw_attendees_get_guest_role (attendees), LW_ROLE_EVALUATOR);
  g_signal_emit_by_name (_lw_attendees_get_guest_name (attendees), "activate");
  attendance = lw_agenda_list_attendance (f->store, f->meeting_id, &error);
  g_assert_cmpuint (attendance->len, ==, n_attending + 2);
  for (guint i = 0; i < attendance->len; i++)
    {
      LwAttendance *att = g_ptr_array_index (attendance, i);

      if (g_strcmp0 (att->guest_name, "Visiting Observer") == 0)
        {
          g_assert_cmpint (att->role, ==, LW_ROLE_EVALUATOR);
          guest_found = TRUE;
        }
    }
  g_assert_true (guest_found);
  {
    g_autofree char *text = lw_test_ui_all_text ();

    g_assert_nonnull (strstr (text, "Visiting Observer (guest)"));
    g_assert_nonnull (strstr (text, "Evaluator · Invited"));
  }

  /* a title with markup characters is told back as written */
  gtk_editable_set_text (_lw_meeting_prep_get_topic_entry (prep), "Parks & Rec <budget>");
  g_signal_emit_by_name (_lw_meeting_prep_get_topic_entry (prep), "activate");
  {
    GtkSelectionModel *selection = _lw_meeting_prep_get_selection (prep);
    guint last = g_list_model_get_n_items (G_LIST_MODEL (selection)) - 1;
    g_autofree char *text = NULL;

    gtk_selection_model_select_item (selection, last, TRUE);
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (prep), "prep.remove", NULL));
    wait_for_draw (f->window);
    wait_for_draw (f->window);
    text = lw_test_ui_all_text ();
    g_assert_nonnull (strstr (text, "Removed “Parks & Rec <budget>” from the agenda"));
  }
}

/* Drag and drop: the third item dropped on the first row takes its place */
static void
test_drag_and_drop (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GPtrArray) items = NULL;
  LwMeetingsPage *page;
  GtkWidget *prep, *row;
  GtkDropTarget *target = NULL;
  g_autoptr(GListModel) controllers = NULL;
  GValue value = G_VALUE_INIT;
  gboolean accepted = FALSE;
  LwId third;

  unlock (f);
  page = meetings_page (f);
  lw_meetings_page_open (page, f->meeting_id);
  prep = _lw_meetings_page_get_prep (page);
  wait_for_draw (f->window);

  third = item_id_at (f->store, f->meeting_id, 2);
  row = lw_test_ui_find_matching (prep, has_css_class, "lw-agenda-row");
  g_assert_nonnull (row);
  controllers = gtk_widget_observe_controllers (row);
  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_DROP_TARGET (controller))
        target = GTK_DROP_TARGET (controller);
    }
  g_assert_nonnull (target);

  g_value_init (&value, G_TYPE_INT64);
  g_value_set_int64 (&value, third);
  g_signal_emit_by_name (target, "drop", &value, 10.0, 10.0, &accepted);
  g_value_unset (&value);
  g_assert_true (accepted);

  items = store_items (f->store, f->meeting_id);
  g_assert_cmpint (((LwAgendaItem *) g_ptr_array_index (items, 0))->id, ==, third);
  for (guint i = 0; i < items->len; i++)
    g_assert_cmpint (((LwAgendaItem *) g_ptr_array_index (items, i))->position, ==, i);
}

/* A community representative at the keyboard: codes and what their level
 * allows, no legal reasons, no names, no notes */
static void
test_community_viewer (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  LwMeetingsPage *page;
  GtkWidget *prep, *presenter;
  g_autofree char *prep_text = NULL;
  g_autofree char *meeting_text = NULL;

  g_settings_set_string (settings, "viewer-role", "community-representative");
  unlock (f);
  page = meetings_page (f);
  lw_meetings_page_open (page, f->meeting_id);
  prep = _lw_meetings_page_get_prep (page);
  wait_for_draw (f->window);
  gtk_widget_activate_action (prep, "prep.suggest", NULL);

  prep_text = lw_test_ui_all_text ();
  g_assert_nonnull (strstr (prep_text, "P-0"));
  g_assert_null (strstr (prep_text, CANARY));
  g_assert_null (strstr (prep_text, "Court date soon"));

  gtk_widget_activate_action (prep, "prep.start", NULL);
  presenter = _lw_meetings_page_get_presenter (page);
  g_assert_cmpint (lw_presenter_get_current_item (LW_PRESENTER (presenter)), ==, f->canary_item_id);
  wait_for_draw (f->window);
  meeting_text = lw_test_ui_all_text ();
  g_assert_null (strstr (meeting_text, CANARY));
  g_assert_null (strstr (meeting_text, "Legal matters"));
  g_assert_nonnull (strstr (meeting_text, "not shown at your level"));

  g_settings_reset (settings, "viewer-role");
}

/* A case manager sees and edits the discussion notes (care notes at full) */
static void
test_care_team_notes (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autoptr(LwAgendaItem) item = NULL;
  GtkWidget *main_page, *presenter;
  GtkTextBuffer *buffer;
  GtkTextIter start, end;
  g_autofree char *shown = NULL;

  g_settings_set_string (settings, "viewer-role", "case-manager");
  unlock (f);
  main_page = _lw_window_get_main_page (f->window);
  g_assert_true (lw_main_page_present_meeting (LW_MAIN_PAGE (main_page), "next"));
  presenter = _lw_meetings_page_get_presenter (meetings_page (f));
  g_assert_cmpint (lw_presenter_get_current_item (LW_PRESENTER (presenter)), ==, f->canary_item_id);

  buffer = gtk_text_view_get_buffer (_lw_presenter_get_notes_view (LW_PRESENTER (presenter)));
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  shown = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  g_assert_cmpstr (shown, ==, CANARY_NOTES);

  gtk_text_buffer_set_text (buffer, "Rewritten by the case manager", -1);
  /* Page Down saves the notes of the item it leaves */
  gtk_widget_activate_action (presenter, "presenter.next", NULL);
  item = get_item (f->store, f->canary_item_id);
  g_assert_cmpstr (item->notes, ==, "Rewritten by the case manager");
  g_clear_pointer (&item, lw_record_free);

  /* the Lock button saves notes typed a moment ago before the store locks */
  {
    g_autoptr(GError) error = NULL;
    LwId current = lw_presenter_get_current_item (LW_PRESENTER (presenter));

    gtk_text_buffer_set_text (buffer, "Typed just before the Lock button", -1);
    g_assert_true (gtk_widget_activate_action (main_page, "main-page.lock", NULL));
    g_assert_false (lw_store_is_unlocked (f->store));
    g_assert_true (lw_store_unlock (f->store, LW_TEST_PASSPHRASE, strlen (LW_TEST_PASSPHRASE), &error));
    item = get_item (f->store, current);
    g_assert_cmpstr (item->notes, ==, "Typed just before the Lock button");
    lw_store_lock (f->store);
  }

  g_settings_reset (settings, "viewer-role");
}

/* Sets the role at the keyboard as the preferences window does, and lets the
 * change reach every screen. */
static void
set_viewer_role (GSettings  *settings,
                 const char *role,
                 LwWindow   *window)
{
  g_settings_set_string (settings, "viewer-role", role);
  for (guint i = 0; i < 50 && g_main_context_iteration (NULL, FALSE); i++)
    ;
  wait_for_draw (window);
}

static char *
widget_text (GtkWidget *widget)
{
  GString *out = g_string_new (NULL);

  lw_test_ui_collect_text (widget, out);
  return g_string_free (out, FALSE);
}

static void
go_to_item (GtkWidget *presenter,
            LwId       item_id)
{
  for (guint i = 0; i < 100 && lw_presenter_get_current_item (LW_PRESENTER (presenter)) != item_id; i++)
    g_assert_true (gtk_widget_activate_action (presenter, "presenter.next", NULL));
  g_assert_cmpint (lw_presenter_get_current_item (LW_PRESENTER (presenter)), ==, item_id);
}

static void
assert_presenter_clean (GtkWidget  *presenter,
                        const char *what)
{
  g_autofree char *text = widget_text (presenter);

  if (strstr (text, CANARY) != NULL)
    g_error ("%s: a hidden value is in the presenter:\n%s", what, text);
}

static const char *
notes_page (GtkWidget *presenter)
{
  GtkWidget *notes = GTK_WIDGET (_lw_presenter_get_notes_view (LW_PRESENTER (presenter)));
  GtkWidget *stack = gtk_widget_get_ancestor (notes, GTK_TYPE_STACK);

  return gtk_stack_get_visible_child_name (GTK_STACK (stack));
}

/* The presenter follows the role at the keyboard while it is open, and topic
 * and concern items obey the same categories as participant items: notes and
 * outcome are care notes, action text is plan, a concern's text is location. */
static void
test_viewer_role_live (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autoptr(GError) error = NULL;
  g_autoptr(LwAgendaItem) topic = NULL;
  g_autoptr(LwAgendaItem) concern_item = NULL;
  g_autoptr(LwCommunityConcern) concern = lw_community_concern_new ();
  g_autoptr(LwActionItem) action = NULL;
  g_autoptr(GPtrArray) persons = NULL;
  g_autoptr(LwAgendaItem) after = NULL;
  g_autofree char *text = NULL;
  GtkWidget *main_page, *presenter;
  GtkTextBuffer *buffer;

  unlock (f);

  /* a topic with notes, an outcome and an action item; a concern */
  topic = lw_agenda_add_topic (f->store, f->meeting_id, "Quarterly review", 300, &error);
  g_assert_no_error (error);
  topic->notes = g_strdup ("CANARY-topic-notes");
  topic->outcome = g_strdup ("CANARY-topic-outcome");
  g_assert_true (lw_store_update (f->store, topic, &error));
  persons = lw_store_list (f->store, &lw_person_table, NULL, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (persons->len, >, 0);
  action = lw_agenda_add_action (f->store, f->meeting_id, topic->id, 0,
                                 ((LwPerson *) g_ptr_array_index (persons, 0))->id,
                                 "CANARY-topic-action", NULL, &error);
  g_assert_no_error (error);
  concern->reported_by = g_strdup ("CANARY-concern-reporter");
  concern->date = g_strdup ("2026-11-20");
  /* the area is the location summary (DESIGN.md: the neighbourhood), what a
   * community representative sees of a concern, as the projector and the
   * report back show it: not a canary */
  concern->area = g_strdup ("Harbor Flats");
  concern->text = g_strdup ("CANARY-concern-text");
  concern->planned_response = g_strdup ("CANARY-concern-response");
  g_assert_true (lw_store_insert (f->store, concern, &error));
  g_assert_no_error (error);
  concern_item = lw_agenda_add_concern (f->store, f->meeting_id, concern->id, 300, &error);
  g_assert_no_error (error);
  concern_item->notes = g_strdup ("CANARY-concern-notes");
  g_assert_true (lw_store_update (f->store, concern_item, &error));

  /* meeting mode as the case manager, who sees care notes and plans at full */
  set_viewer_role (settings, "case-manager", f->window);
  main_page = _lw_window_get_main_page (f->window);
  g_assert_true (lw_main_page_present_meeting (LW_MAIN_PAGE (main_page), "next"));
  presenter = _lw_meetings_page_get_presenter (meetings_page (f));
  buffer = gtk_text_view_get_buffer (_lw_presenter_get_notes_view (LW_PRESENTER (presenter)));
  wait_for_draw (f->window);

  /* the participant item: the name is there, then gone when the role changes */
  g_assert_cmpint (lw_presenter_get_current_item (LW_PRESENTER (presenter)), ==, f->canary_item_id);
  text = widget_text (presenter);
  g_assert_nonnull (strstr (text, CANARY_NAME));
  g_assert_nonnull (strstr (text, CANARY_NOTES));
  g_clear_pointer (&text, g_free);
  set_viewer_role (settings, "community-representative", f->window);
  assert_presenter_clean (presenter, "participant item after the switch");
  g_assert_cmpstr (notes_page (presenter), ==, "hidden");
  set_viewer_role (settings, "case-manager", f->window);

  /* the topic: notes, outcome and action text at the case manager's level */
  go_to_item (presenter, topic->id);
  text = widget_text (presenter);
  g_assert_nonnull (strstr (text, "CANARY-topic-notes"));
  g_assert_nonnull (strstr (text, "CANARY-topic-outcome"));
  g_assert_nonnull (strstr (text, "CANARY-topic-action"));
  g_clear_pointer (&text, g_free);

  /* the same item, live, for a community representative */
  set_viewer_role (settings, "community-representative", f->window);
  g_assert_cmpint (lw_presenter_get_current_item (LW_PRESENTER (presenter)), ==, topic->id);
  assert_presenter_clean (presenter, "topic item after the switch");
  g_assert_cmpstr (notes_page (presenter), ==, "hidden");
  text = widget_text (presenter);
  g_assert_nonnull (strstr (text, "not shown at your level"));
  g_clear_pointer (&text, g_free);
  /* nor may it write an action item, whose text is plan information */
  gtk_widget_activate_action (presenter, "presenter.new-action", NULL);
  g_assert_false (gtk_revealer_get_reveal_child (GTK_REVEALER (gtk_widget_get_ancestor (
    _lw_presenter_get_action_entry (LW_PRESENTER (presenter)), GTK_TYPE_REVEALER))));
  /* nothing typed reaches the notes of an item the role may not write */
  gtk_text_buffer_set_text (buffer, "typed by a community representative", -1);
  lw_presenter_flush (LW_PRESENTER (presenter));
  after = get_item (f->store, topic->id);
  g_assert_cmpstr (after->notes, ==, "CANARY-topic-notes");
  g_assert_cmpstr (after->outcome, ==, "CANARY-topic-outcome");
  g_clear_pointer (&after, lw_record_free);

  /* the concern, for the community representative: its area, no text, no
   * response */
  go_to_item (presenter, concern_item->id);
  assert_presenter_clean (presenter, "concern item");
  text = widget_text (presenter);
  g_assert_nonnull (strstr (text, "Harbor Flats"));
  g_clear_pointer (&text, g_free);
  g_assert_cmpstr (notes_page (presenter), ==, "hidden");

  /* and back: the case manager sees it all again at once, and writes */
  set_viewer_role (settings, "case-manager", f->window);
  g_assert_true (gtk_widget_activate_action (presenter, "presenter.new-action", NULL));
  g_assert_true (gtk_revealer_get_reveal_child (GTK_REVEALER (gtk_widget_get_ancestor (
    _lw_presenter_get_action_entry (LW_PRESENTER (presenter)), GTK_TYPE_REVEALER))));
  text = widget_text (presenter);
  g_assert_nonnull (strstr (text, "CANARY-concern-text"));
  g_assert_nonnull (strstr (text, "CANARY-concern-response"));
  g_assert_nonnull (strstr (text, "CANARY-concern-notes"));
  g_assert_cmpstr (notes_page (presenter), ==, "edit");

  g_settings_reset (settings, "viewer-role");
}

/* Meeting preparation follows the role at the keyboard too: what the project
 * manager saw goes as soon as the role changes. */
static void
test_prep_follows_role (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  LwMeetingsPage *page;
  GtkWidget *prep;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  unlock (f);
  page = meetings_page (f);
  lw_meetings_page_open (page, f->meeting_id);
  prep = _lw_meetings_page_get_prep (page);
  wait_for_draw (f->window);
  gtk_widget_activate_action (prep, "prep.suggest", NULL);
  wait_for_draw (f->window);
  before = widget_text (prep);
  /* the project manager sees the canary participant's name */
  g_assert_nonnull (strstr (before, CANARY));

  set_viewer_role (settings, "community-representative", f->window);
  after = widget_text (prep);
  if (strstr (after, CANARY) != NULL)
    g_error ("meeting preparation kept a value after the role changed:\n%s", after);
  g_assert_null (strstr (after, "Court date soon"));
  g_assert_nonnull (strstr (after, "P-0"));

  g_settings_reset (settings, "viewer-role");
}

/* --present: meeting mode straight after unlock; lock leaves nothing behind */
static void
test_lock_in_meeting_mode (Fixture       *f,
                           gconstpointer  data)
{
  GtkWidget *main_page;
  LwMeetingsPage *page;
  GtkWidget *presenter;
  g_autofree char *before = NULL;

  unlock (f);
  main_page = _lw_window_get_main_page (f->window);
  g_assert_true (lw_main_page_present_meeting (LW_MAIN_PAGE (main_page), "next"));
  page = meetings_page (f);
  g_assert_cmpstr (lw_meetings_page_get_mode (page), ==, "present");
  presenter = _lw_meetings_page_get_presenter (page);
  g_assert_cmpint (lw_presenter_get_current_item (LW_PRESENTER (presenter)), ==, f->canary_item_id);
  wait_for_draw (f->window);

  /* the project manager sees the name: the check below means something */
  before = lw_test_ui_all_text ();
  g_assert_nonnull (strstr (before, CANARY_NAME));
  /* health is at summary for the project manager, earlier notes not at all */
  g_assert_null (strstr (before, "CANARY-health-notes"));
  g_assert_null (strstr (before, CANARY_NOTES));

  gtk_text_buffer_set_text (gtk_text_view_get_buffer (_lw_presenter_get_notes_view (LW_PRESENTER (presenter))),
                            "CANARY-typed-notes", -1);
  gtk_widget_activate_action (presenter, "presenter.new-action", NULL);
  gtk_editable_set_text (_lw_action_entry_get_text (LW_ACTION_ENTRY (_lw_presenter_get_action_entry (LW_PRESENTER (presenter)))),
                         "CANARY-typed-action");

  /* Ctrl+L in meeting mode: the notes typed a moment ago are saved, then it locks */
  g_object_add_weak_pointer (G_OBJECT (main_page), (gpointer *) &main_page);
  g_assert_true (gtk_widget_activate_action (presenter, "presenter.lock", NULL));
  g_assert_cmpstr (lw_window_get_page_name (f->window), ==, "unlock");
  g_assert_false (lw_store_is_unlocked (f->store));
  lw_test_ui_wait_while (lw_test_ui_pointer_set, &main_page, 5);
  g_assert_null (main_page);
  wait_for_draw (f->window);
  assert_no_secret_text ();

  {
    g_autoptr(GError) error = NULL;
    g_autoptr(LwAgendaItem) item = NULL;

    g_assert_true (lw_store_unlock (f->store, LW_TEST_PASSPHRASE, strlen (LW_TEST_PASSPHRASE), &error));
    item = get_item (f->store, f->canary_item_id);
    g_assert_true (g_str_has_suffix (item->notes, "CANARY-typed-notes"));
    lw_store_lock (f->store);
  }
}

/* An unknown meeting: a clear banner over the list, not meeting mode */
static void
test_present_unknown (Fixture       *f,
                      gconstpointer  data)
{
  GtkWidget *main_page;
  LwMeetingsPage *page;

  unlock (f);
  main_page = _lw_window_get_main_page (f->window);
  g_assert_false (lw_main_page_present_meeting (LW_MAIN_PAGE (main_page), "1999-01-01"));
  page = meetings_page (f);
  g_assert_cmpstr (lw_meetings_page_get_mode (page), ==, "list");
  g_assert_nonnull (strstr (gtk_label_get_text (_lw_meetings_page_get_banner (page)), "1999-01-01"));
  gtk_test_accessible_assert_role (GTK_ACCESSIBLE (_lw_meetings_page_get_banner (page)),
                                   GTK_ACCESSIBLE_ROLE_ALERT);
}

/* A new meeting: an impossible date is refused inline, a good one opens it */
static void
test_new_meeting (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) before = NULL;
  g_autoptr(GPtrArray) after = NULL;
  LwMeetingsPage *page;
  GtkLabel *error_label;

  unlock (f);
  page = meetings_page (f);
  before = lw_agenda_list_meetings (f->store, &error);
  g_assert_no_error (error);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "meetings.new", NULL));
  gtk_editable_set_text (GTK_EDITABLE (_lw_meetings_page_get_date_row (page)), "2026-02-30");
  gtk_editable_set_text (GTK_EDITABLE (_lw_meetings_page_get_place_row (page)), "Room 5");
  gtk_widget_activate_action (GTK_WIDGET (page), "meetings.create", NULL);
  error_label = _lw_meetings_page_get_new_error (page);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (error_label)));
  g_assert_nonnull (strstr (gtk_label_get_text (error_label), "is not a date"));
  after = lw_agenda_list_meetings (f->store, &error);
  g_assert_cmpuint (after->len, ==, before->len);
  g_clear_pointer (&after, g_ptr_array_unref);
  g_assert_cmpstr (lw_meetings_page_get_mode (page), ==, "list");

  gtk_editable_set_text (GTK_EDITABLE (_lw_meetings_page_get_date_row (page)), "2026-12-15");
  gtk_widget_activate_action (GTK_WIDGET (page), "meetings.create", NULL);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (error_label)));
  after = lw_agenda_list_meetings (f->store, &error);
  g_assert_cmpuint (after->len, ==, before->len + 1);
  g_assert_cmpstr (lw_meetings_page_get_mode (page), ==, "prep");
}


static void
skip_no_schema (void)
{
  g_test_skip ("The settings schema is not installed (set GSETTINGS_SCHEMA_DIR)");
}


/* The accessible name of a control, as a screen reader would say it, or NULL. */
static char *
accessible_name (GtkWidget *widget)
{
  g_autofree char *label = lw_test_ui_accessible_property (widget, GTK_ACCESSIBLE_PROPERTY_LABEL);

  if (label[0] != '\0')
    return g_steal_pointer (&label);
  if (gtk_test_accessible_has_relation (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_RELATION_LABELLED_BY))
    return g_strdup ("(labelled by another widget)");
  if (ADW_IS_PREFERENCES_ROW (widget))
    return g_strdup (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)));
  if (GTK_IS_BUTTON (widget) && gtk_button_get_label (GTK_BUTTON (widget)) != NULL)
    return g_strdup (gtk_button_get_label (GTK_BUTTON (widget)));
  /* a button whose child is a label says the label */
  if (GTK_IS_BUTTON (widget) && GTK_IS_LABEL (gtk_button_get_child (GTK_BUTTON (widget))))
    return g_strdup (gtk_label_get_label (GTK_LABEL (gtk_button_get_child (GTK_BUTTON (widget)))));
  if (GTK_IS_CHECK_BUTTON (widget) && gtk_check_button_get_label (GTK_CHECK_BUTTON (widget)) != NULL)
    return g_strdup (gtk_check_button_get_label (GTK_CHECK_BUTTON (widget)));
  if (GTK_IS_EXPANDER (widget))
    return g_strdup (gtk_expander_get_label (GTK_EXPANDER (widget)));
  return NULL;
}

/* Every focusable control under root has a name that says what (and, where
 * rows repeat, which): none empty, none a type name. */
static void
assert_all_named (GtkWidget  *root,
                  const char *where)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    {
      if (!gtk_widget_get_mapped (child))
        continue;
      /* a drop-down is one control: it and the button inside it are named */
      if (GTK_IS_DROP_DOWN (child))
        {
          g_autofree char *name = accessible_name (child);

          if (name == NULL || name[0] == '\0')
            g_error ("%s: a drop-down has no name", where);
          for (GtkWidget *inner = gtk_widget_get_first_child (child); inner; inner = gtk_widget_get_next_sibling (inner))
            if (GTK_IS_TOGGLE_BUTTON (inner))
              {
                g_autofree char *inner_name = accessible_name (inner);

                if (inner_name == NULL || inner_name[0] == '\0')
                  g_error ("%s: the button of a drop-down has no name", where);
              }
          continue;
        }
      /* the text inside an entry is the entry's; rows of an AdwActionRow are the row */
      if (gtk_widget_get_focusable (child) && !GTK_IS_TEXT (child) &&
          !(GTK_IS_LIST_BOX_ROW (child) && !gtk_list_box_row_get_activatable (GTK_LIST_BOX_ROW (child)) &&
            !ADW_IS_PREFERENCES_ROW (child)) &&
          !GTK_IS_LIST_VIEW (child) && !GTK_IS_LIST_BOX (child) && !GTK_IS_SCROLLED_WINDOW (child) &&
          !GTK_IS_VIEWPORT (child) && !GTK_IS_STACK (child))
        {
          g_autofree char *name = accessible_name (child);
          const char *type = G_OBJECT_TYPE_NAME (child);

          if (name == NULL || name[0] == '\0' || g_str_has_prefix (name, "Gtk") || g_str_has_prefix (name, "Adw"))
            g_error ("%s: a %s has no name that says what it is (in a %s, first child %s)", where, type,
                     G_OBJECT_TYPE_NAME (gtk_widget_get_parent (child)),
                     gtk_widget_get_first_child (child) ? G_OBJECT_TYPE_NAME (gtk_widget_get_first_child (child)) : "none");
        }
      assert_all_named (child, where);
    }
}

static void
test_accessible_names (Fixture       *f,
                       gconstpointer  data)
{
  GtkWidget *main_page, *presenter, *prep;

  unlock (f);
  main_page = _lw_window_get_main_page (f->window);
  g_assert_true (lw_main_page_present_meeting (LW_MAIN_PAGE (main_page), "next"));
  presenter = _lw_meetings_page_get_presenter (meetings_page (f));
  wait_for_draw (f->window);
  /* a row with an action item, so that Done and Drop are there */
  gtk_widget_activate_action (presenter, "presenter.new-action", NULL);
  wait_for_draw (f->window);
  assert_all_named (presenter, "meeting mode");

  g_assert_true (gtk_widget_activate_action (presenter, "presenter.back", NULL));
  wait_for_draw (f->window);
  prep = _lw_meetings_page_get_prep (meetings_page (f));
  gtk_widget_activate_action (prep, "prep.suggest", NULL);
  wait_for_draw (f->window);
  assert_all_named (prep, "meeting preparation");
}

/* Meeting mode opened directly (lw-workgroup --present, the Meetings page's
 * Present): Back comes to that meeting's preparation, its agenda filled, even
 * though the preparation was not filled before meeting mode */
static void
test_present_then_back (Fixture       *f,
                        gconstpointer  data)
{
  LwMeetingsPage *page;
  GtkWidget *main_page, *presenter;
  LwMeetingPrep *prep;
  LwId id;

  unlock (f);
  main_page = _lw_window_get_main_page (f->window);
  page = meetings_page (f);
  g_assert_true (lw_main_page_present_meeting (LW_MAIN_PAGE (main_page), "next"));
  wait_for_draw (f->window);
  presenter = _lw_meetings_page_get_presenter (page);
  prep = LW_MEETING_PREP (_lw_meetings_page_get_prep (page));
  id = lw_presenter_get_meeting_id (LW_PRESENTER (presenter));
  g_assert_cmpint (id, !=, 0);
  g_assert_cmpint (lw_meetings_page_get_meeting_id (page), ==, id);

  g_assert_true (gtk_widget_activate_action (presenter, "presenter.back", NULL));
  wait_for_draw (f->window);
  g_assert_cmpstr (lw_meetings_page_get_mode (page), ==, "prep");
  g_assert_cmpint (lw_meeting_prep_get_meeting_id (prep), ==, id);
  g_assert_cmpint (lw_meetings_page_get_meeting_id (page), ==, id);
  g_assert_cmpuint (g_list_model_get_n_items (_lw_meeting_prep_get_agenda (prep)), >, 0);
}

/* Alt+Down moves the row and the keyboard focus with it */
static void
test_focus_follows_move (Fixture       *f,
                         gconstpointer  data)
{
  LwMeetingsPage *page;
  LwMeetingPrep *prep;
  GtkSelectionModel *selection;
  GtkWidget *focus, *box;
  LwId moved;

  unlock (f);
  page = meetings_page (f);
  lw_meetings_page_open (page, f->meeting_id);
  prep = LW_MEETING_PREP (_lw_meetings_page_get_prep (page));
  wait_for_draw (f->window);
  selection = _lw_meeting_prep_get_selection (prep);
  gtk_selection_model_select_item (selection, 0, TRUE);
  lw_meeting_prep_focus (prep);
  wait_for_draw (f->window);
  moved = lw_agenda_row_get_id (gtk_single_selection_get_selected_item (GTK_SINGLE_SELECTION (selection)));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (prep), "prep.move-down", NULL));
  for (int i = 0; i < 4; i++)
    wait_for_draw (f->window);
  focus = gtk_root_get_focus (GTK_ROOT (f->window));
  g_assert_nonnull (focus);
  /* the focused row shows the item that moved, now second */
  box = gtk_widget_get_first_child (focus);
  g_assert_nonnull (box);
  g_assert_nonnull (g_object_get_data (G_OBJECT (box), "lw-row"));
  g_assert_cmpint (lw_agenda_row_get_id (g_object_get_data (G_OBJECT (box), "lw-row")), ==, moved);
  g_assert_cmpuint (lw_agenda_row_get_position (g_object_get_data (G_OBJECT (box), "lw-row")), ==, 1);
}

/* A Tab key as GTK delivers it: the key controllers from the window down to
 * the focus (capture), then back up (bubble); unhandled, the focus moves. */
static gboolean
emit_key (GtkWidget        *widget,
          GtkPropagationPhase phase,
          guint             keyval)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) c = g_list_model_get_item (controllers, i);
      gboolean handled = FALSE;

      if (!GTK_IS_EVENT_CONTROLLER_KEY (c) || gtk_event_controller_get_propagation_phase (c) != phase)
        continue;
      g_signal_emit_by_name (c, "key-pressed", keyval, 0, (GdkModifierType) 0, &handled);
      if (handled)
        return TRUE;
    }
  return FALSE;
}

static void
press_tab (GtkWindow *window)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (window));
  g_autoptr(GPtrArray) path = g_ptr_array_new ();

  for (GtkWidget *w = focus; w != NULL; w = gtk_widget_get_parent (w))
    g_ptr_array_insert (path, 0, w);
  for (guint i = 0; i < path->len; i++)
    if (emit_key (g_ptr_array_index (path, i), GTK_PHASE_CAPTURE, GDK_KEY_Tab))
      return;
  for (guint i = path->len; i > 0; i--)
    if (emit_key (g_ptr_array_index (path, i - 1), GTK_PHASE_BUBBLE, GDK_KEY_Tab))
      return;
  gtk_widget_child_focus (GTK_WIDGET (window), GTK_DIR_TAB_FORWARD);
}

/* Tab through meeting preparation: the agenda and the attendees are a few
 * stops each, not every row and every button; the selected row's budget is
 * one of them. */
static void
test_tab_through_prep (Fixture       *f,
                       gconstpointer  data)
{
  LwMeetingsPage *page;
  LwMeetingPrep *prep;
  GtkWidget *agenda, *attendees;
  g_autoptr(GHashTable) seen = g_hash_table_new (NULL, NULL);
  guint in_agenda = 0, spins = 0, in_attendees = 0, n_items, stops = 0;

  unlock (f);
  page = meetings_page (f);
  g_assert_true (gtk_widget_activate_action (_lw_window_get_main_page (f->window), "main-page.show-page", "s", "meetings"));
  lw_meetings_page_open (page, f->meeting_id);
  prep = LW_MEETING_PREP (_lw_meetings_page_get_prep (page));
  for (int i = 0; i < 3; i++)
    wait_for_draw (f->window);
  agenda = GTK_WIDGET (_lw_meeting_prep_get_agenda_view (prep));
  attendees = _lw_meeting_prep_get_attendees (prep);
  n_items = g_list_model_get_n_items (G_LIST_MODEL (_lw_meeting_prep_get_selection (prep)));
  g_assert_cmpuint (n_items, >=, 4);
  gtk_selection_model_select_item (_lw_meeting_prep_get_selection (prep), 2, TRUE);
  lw_meeting_prep_focus (prep);
  wait_for_draw (f->window);
  /* while the header's switcher changes between its wide and narrow forms,
   * both are in the focus chain: counted once it has settled */
  {
    AdwSqueezer *squeezer = ADW_SQUEEZER (lw_test_ui_find_widget (GTK_WIDGET (f->window), ADW_TYPE_SQUEEZER));
    gint64 end = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;

    while (adw_squeezer_get_transition_running (squeezer) && g_get_monotonic_time () < end)
      g_main_context_iteration (NULL, TRUE);
    g_assert_false (adw_squeezer_get_transition_running (squeezer));
  }

  /* once around the window's focus chain */
  for (int i = 0; i < 400; i++)
    {
      GtkWidget *focus;

      press_tab (GTK_WINDOW (f->window));
      focus = gtk_root_get_focus (GTK_ROOT (f->window));
      if (focus == NULL || g_hash_table_contains (seen, focus))
        break;
      g_hash_table_add (seen, focus);
      stops++;
      if (gtk_widget_is_ancestor (focus, agenda))
        {
          in_agenda++;
          if (gtk_widget_get_ancestor (focus, GTK_TYPE_SPIN_BUTTON) != NULL)
            spins++;
        }
      in_attendees += gtk_widget_is_ancestor (focus, attendees);
    }
  g_test_message ("%u stops: %u in the agenda, %u in the attendees", stops, in_agenda, in_attendees);
  /* the row and its budget */
  g_assert_cmpuint (spins, ==, 1);
  g_assert_cmpuint (in_agenda, <=, 2);
  /* the invite entry and its controls, one attendee and its buttons */
  g_assert_cmpuint (in_attendees, <=, 10);
  g_assert_cmpuint (stops, <=, 40);
}

static LwActionEntry *
open_entry (GtkWidget *presenter)
{
  LwActionEntry *entry = LW_ACTION_ENTRY (_lw_presenter_get_action_entry (LW_PRESENTER (presenter)));

  g_assert_true (gtk_widget_activate_action (presenter, "presenter.new-action", NULL));
  return entry;
}

/* A past date is refused; a far one asked about; Undo takes a saved item
 * back; closing asks, and a closed meeting opens again the same day. */
static void
test_undo_and_refusals (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) before = NULL;
  g_autoptr(GPtrArray) after = NULL;
  g_autoptr(LwMeeting) meeting = NULL;
  GtkWidget *main_page, *presenter;
  LwActionEntry *entry;
  AdwToast *toast;
  LwAttendees *attendees;
  GtkWidget *check_in = NULL;
  g_autoptr(GPtrArray) attendance = NULL;

  unlock (f);
  main_page = _lw_window_get_main_page (f->window);
  g_assert_true (lw_main_page_present_meeting (LW_MAIN_PAGE (main_page), "next"));
  presenter = _lw_meetings_page_get_presenter (meetings_page (f));
  wait_for_draw (f->window);
  before = lw_store_list (f->store, &lw_action_item_table, NULL, 0, &error);
  g_assert_no_error (error);

  /* today is 2026-11-24 in tests: 2025-01-01 is refused, nothing saved */
  entry = open_entry (presenter);
  gtk_editable_set_text (_lw_action_entry_get_text (entry), "Call the shelter");
  gtk_editable_set_text (_lw_action_entry_get_owner (entry), "Riley");
  gtk_editable_set_text (_lw_action_entry_get_due (entry), "2025-01-01");
  g_assert_false (lw_action_entry_save (entry));
  g_assert_nonnull (strstr (gtk_label_get_text (_lw_action_entry_get_error (entry)), "has passed"));
  /* what "+7d" resolves to is shown before saving */
  gtk_editable_set_text (_lw_action_entry_get_due (entry), "+7d");
  g_assert_cmpstr (gtk_label_get_text (_lw_action_entry_get_due_preview (entry)), ==, "Due Tuesday 1 December 2026");
  /* a year away: asked, then kept on the second Enter */
  gtk_editable_set_text (_lw_action_entry_get_due (entry), "2027-11-01");
  g_assert_false (lw_action_entry_save (entry));
  g_assert_nonnull (strstr (gtk_label_get_text (_lw_action_entry_get_error (entry)), "after the next three meetings"));
  after = lw_store_list (f->store, &lw_action_item_table, NULL, 0, &error);
  g_assert_cmpuint (after->len, ==, before->len);
  g_clear_pointer (&after, g_ptr_array_unref);
  g_assert_true (lw_action_entry_save (entry));
  after = lw_store_list (f->store, &lw_action_item_table, NULL, 0, &error);
  g_assert_cmpuint (after->len, ==, before->len + 1);
  g_clear_pointer (&after, g_ptr_array_unref);

  /* Undo takes it back */
  toast = lw_toast_get_last_undo ();
  g_assert_nonnull (toast);
  g_assert_nonnull (strstr (adw_toast_get_title (toast), "Action item saved for"));
  g_signal_emit_by_name (toast, "button-clicked");
  after = lw_store_list (f->store, &lw_action_item_table, NULL, 0, &error);
  g_assert_cmpuint (after->len, ==, before->len);

  /* a check-in, and its Undo: the attendees shown first, as the window is
   * too narrow for them beside the item */
  attendees = LW_ATTENDEES (_lw_presenter_get_attendees (LW_PRESENTER (presenter)));
  attendance = lw_agenda_list_attendance (f->store, f->meeting_id, &error);
  g_assert_no_error (error);
  g_assert_false (_lw_attendees_has_rows (attendees));
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (lw_test_ui_find_matching (presenter, is_attendees_toggle, NULL)), TRUE);
  lw_test_ui_wait_while (attendees_waiting, attendees, 5);
  check_in = lw_test_ui_find_matching (GTK_WIDGET (attendees), lw_test_ui_is_button_labelled, "Check In");
  g_assert_nonnull (check_in);
  {
    LwId id = (LwId) GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (check_in), "lw-attendance-id"));
    g_autoptr(LwAttendance) att = NULL;

    g_signal_emit_by_name (check_in, "clicked");
    att = lw_store_get (f->store, &lw_attendance_table, id, &error);
    g_assert_cmpint (att->checked_in_at, !=, 0);
    /* the row stayed where it was, the button with it */
    g_assert_true (gtk_widget_get_parent (check_in) != NULL);
    g_assert_false (gtk_widget_get_sensitive (check_in));
    toast = lw_toast_get_last_undo ();
    g_assert_nonnull (strstr (adw_toast_get_title (toast), "Checked in"));
    g_signal_emit_by_name (toast, "button-clicked");
    g_clear_pointer (&att, lw_record_free);
    att = lw_store_get (f->store, &lw_attendance_table, id, &error);
    g_assert_cmpint (att->checked_in_at, ==, 0);
  }

  /* close: asked first, then closed; reopened the same day */
  g_assert_true (gtk_widget_activate_action (presenter, "presenter.ask-close", NULL));
  g_assert_true (gtk_widget_activate_action (presenter, "presenter.cancel-close", NULL));
  g_assert_false (gtk_revealer_get_reveal_child (GTK_REVEALER (_lw_presenter_get_close_bar (LW_PRESENTER (presenter)))));
  g_assert_true (gtk_widget_activate_action (presenter, "presenter.close-meeting", NULL));
  meeting = lw_store_get (f->store, &lw_meeting_table, f->meeting_id, &error);
  g_assert_cmpint (meeting->status, ==, LW_MEETING_CLOSED);
  g_assert_nonnull (lw_test_ui_find_matching (presenter, lw_test_ui_is_button_labelled, "_Export Minutes…"));
  g_clear_pointer (&meeting, lw_record_free);
  g_assert_true (gtk_widget_activate_action (presenter, "presenter.reopen", NULL));
  meeting = lw_store_get (f->store, &lw_meeting_table, f->meeting_id, &error);
  g_assert_cmpint (meeting->status, ==, LW_MEETING_IN_PROGRESS);
  g_assert_cmpint (meeting->ended_at, ==, 0);
  g_assert_cmpstr (_lw_presenter_get_page (LW_PRESENTER (presenter)), ==, "meeting");
}


/* The agenda's rows take their views made together (one batch, one
 * transaction for the audit entries); each must be the view made for that
 * participant alone, for every audience, and the log must hold one entry
 * per participant whose view shows a category at full, no more, no fewer. */
static gint64
count_view_entries (LwStore *store)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) entries = lw_audit_list (store, &error);
  gint64 n = 0;

  g_assert_no_error (error);
  for (guint i = 0; i < entries->len; i++)
    n += ((const LwAuditEntry *) g_ptr_array_index (entries, i))->event == LW_AUDIT_VIEW;
  return n;
}

static void
test_agenda_views_together (Fixture       *f,
                            gconstpointer  data)
{
  static const char * const rooms[] = {
    "project-manager,police-officer",
    "community-representative",
    "case-manager,service-provider,prosecutor",
    "public-defender,evaluator",
    "service-provider@Evergreen Recovery Services",
  };

  unlock (f);
  for (guint r = 0; r < G_N_ELEMENTS (rooms); r++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(LwAudience) audience = lw_audience_parse (rooms[r], &error);
      g_autoptr(GListStore) rows = g_list_store_new (LW_TYPE_AGENDA_ROW);
      g_autoptr(GHashTable) cache = lw_agenda_row_view_cache_new ();
      g_autoptr(GHashTable) audited = g_hash_table_new (g_int64_hash, g_int64_equal);
      g_autoptr(GPtrArray) items = NULL;
      gint64 before;
      guint n_views = 0;

      g_assert_no_error (error);
      before = count_view_entries (f->store);
      items = lw_agenda_rows_fill (rows, f->store, audience, cache, f->meeting_id, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (rows)), ==, items->len);

      for (guint i = 0; i < items->len; i++)
        {
          LwAgendaItem *item = g_ptr_array_index (items, i);
          g_autoptr(LwParticipant) participant = NULL;
          g_autoptr(LwParticipantView) alone = NULL;
          g_autoptr(JsonNode) together_json = NULL;
          g_autoptr(JsonNode) alone_json = NULL;
          g_autofree char *together_text = NULL;
          g_autofree char *alone_text = NULL;
          const LwParticipantView *together;

          if (item->participant_id == 0)
            continue;
          together = g_hash_table_lookup (cache, &item->participant_id);
          g_assert_nonnull (together);
          participant = lw_store_get (f->store, &lw_participant_table, item->participant_id, &error);
          g_assert_no_error (error);
          alone = lw_policy_view_participant (f->store, audience, participant, LW_VIEW_PARTICIPANT_ONLY, &error);
          g_assert_no_error (error);
          together_json = lw_participant_view_to_json (together);
          alone_json = lw_participant_view_to_json (alone);
          together_text = json_to_string (together_json, FALSE);
          alone_text = json_to_string (alone_json, FALSE);
          g_assert_cmpstr (together_text, ==, alone_text);
          n_views++;
          for (int c = 0; c < LW_N_CATEGORIES; c++)
            if (lw_participant_view_get_level (alone, c) == LW_LEVEL_FULL)
              g_hash_table_add (audited, &item->participant_id);
        }
      g_test_message ("%s: %u views, %u audited", rooms[r], n_views, g_hash_table_size (audited));
      g_assert_cmpuint (n_views, >=, 3);
      g_assert_cmpint (count_view_entries (f->store) - before, ==, g_hash_table_size (audited));
    }
}

static guint
count_labelled (GtkWidget  *root,
                const char *label)
{
  guint n = lw_test_ui_is_button_labelled (root, label);

  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL; child = gtk_widget_get_next_sibling (child))
    n += count_labelled (child, label);
  return n;
}

/* Meeting mode in a window too narrow for the attendees beside the item:
 * their flap folds away and no row of theirs is made, while the counts and
 * the room's audience are kept up to date all the same; shown, the rows are
 * the meeting's attendance as it is then, and so again after it changed out
 * of view.  A window wide enough shows them without asking. */
static void
test_attendees_out_of_view (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) attendance = NULL;
  g_autoptr(LwAttendance) guest = NULL;
  GtkWidget *main_page, *presenter, *toggle;
  LwAttendees *attendees;
  guint n;

  unlock (f);
  main_page = _lw_window_get_main_page (f->window);
  g_assert_true (lw_main_page_present_meeting (LW_MAIN_PAGE (main_page), "next"));
  presenter = _lw_meetings_page_get_presenter (meetings_page (f));
  attendees = LW_ATTENDEES (_lw_presenter_get_attendees (LW_PRESENTER (presenter)));
  toggle = lw_test_ui_find_matching (presenter, is_attendees_toggle, NULL);
  wait_for_draw (f->window);
  lw_test_ui_iterate (300);
  attendance = lw_agenda_list_attendance (f->store, f->meeting_id, &error);
  g_assert_no_error (error);
  n = attendance->len;
  g_assert_cmpuint (n, >, 0);

  /* folded away: no rows, and the counts of the meeting */
  g_assert_false (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (toggle)));
  g_assert_false (_lw_attendees_has_rows (attendees));
  {
    g_autofree char *expected = g_strdup_printf ("%u on the list · 0 checked in", n);

    g_test_message ("counts: %s", gtk_label_get_text (_lw_attendees_get_counts_label (attendees)));

    g_assert_nonnull (strstr (gtk_label_get_text (_lw_attendees_get_counts_label (attendees)), expected));
  }

  /* a community representative added and checked in out of view (as the
   * preparation page would): counted, and in the room's audience */
  guest = lw_agenda_add_guest (f->store, f->meeting_id, "Visiting Neighbour", NULL,
                               LW_ROLE_COMMUNITY_REPRESENTATIVE, &error);
  g_assert_no_error (error);
  g_assert_true (lw_agenda_check_in (f->store, guest->id, &error));
  g_assert_no_error (error);
  lw_attendees_reload (attendees);
  g_assert_false (_lw_attendees_has_rows (attendees));
  g_assert_true (lw_attendees_get_room_roles (attendees) & LW_ROLE_BIT (LW_ROLE_COMMUNITY_REPRESENTATIVE));
  {
    g_autofree char *expected = g_strdup_printf ("%u on the list · 1 checked in", n + 1);

    g_assert_nonnull (strstr (gtk_label_get_text (_lw_attendees_get_counts_label (attendees)), expected));
  }

  /* shown: every attendee's row, the guest's checked in already */
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (toggle), TRUE);
  lw_test_ui_wait_while (attendees_waiting, attendees, 5);
  g_assert_cmpuint (count_labelled (GTK_WIDGET (attendees), "Check In"), ==, n);
  {
    g_autofree char *text = NULL;

    lw_test_ui_iterate (300);
    text = lw_test_ui_all_text ();
    g_assert_nonnull (strstr (text, "Visiting Neighbour"));
  }

  /* hidden again, one more checks in; shown, the rows say so */
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (toggle), FALSE);
  lw_test_ui_iterate (500);
  g_assert_true (lw_agenda_check_in (f->store, ((LwAttendance *) g_ptr_array_index (attendance, 0))->id, &error));
  g_assert_no_error (error);
  lw_attendees_reload (attendees);
  g_assert_false (_lw_attendees_has_rows (attendees));
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (toggle), TRUE);
  lw_test_ui_wait_while (attendees_waiting, attendees, 5);
  g_assert_cmpuint (count_labelled (GTK_WIDGET (attendees), "Check In"), ==, n - 1);

  /* a window wide enough unfolds the flap and shows them without asking */
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (toggle), FALSE);
  lw_test_ui_iterate (500);
  lw_attendees_reload (attendees);
  g_assert_false (_lw_attendees_has_rows (attendees));
  gtk_window_set_default_size (GTK_WINDOW (f->window), 1920, 1080);
  lw_test_ui_wait_while (attendees_waiting, attendees, 5);
  g_assert_true (_lw_attendees_has_rows (attendees));
  g_assert_true (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (toggle)));
}

int
main (int   argc,
      char *argv[])
{
  static const char * const paths[] = {
    "/lw/meeting-ui/flow",
    "/lw/meeting-ui/lock-in-meeting-mode",
    "/lw/meeting-ui/present-unknown",
    "/lw/meeting-ui/new-meeting",
    "/lw/meeting-ui/prep-edits",
    "/lw/meeting-ui/drag-and-drop",
    "/lw/meeting-ui/community-viewer",
    "/lw/meeting-ui/care-team-notes",
    "/lw/meeting-ui/viewer-role-live",
    "/lw/meeting-ui/prep-follows-role",
    "/lw/meeting-ui/accessible-names",
    "/lw/meeting-ui/focus-follows-move",
    "/lw/meeting-ui/undo-and-refusals",
    "/lw/meeting-ui/tab-through-prep",
    "/lw/meeting-ui/present-then-back",
    "/lw/meeting-ui/agenda-views-together",
    "/lw/meeting-ui/attendees-out-of-view",
  };

  g_setenv ("LEAD_WORKGROUP_TEST_WEAK_KDF", "1", TRUE);
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  g_setenv ("LEAD_WORKGROUP_TODAY", "2026-11-24", TRUE);

  if (!lw_test_ui_init (&argc, &argv, paths, G_N_ELEMENTS (paths)))
    return g_test_run ();

  g_test_add (paths[0], Fixture, NULL, fixture_setup, test_meeting_flow, fixture_teardown);
  g_test_add (paths[1], Fixture, NULL, fixture_setup, test_lock_in_meeting_mode, fixture_teardown);
  g_test_add (paths[2], Fixture, NULL, fixture_setup, test_present_unknown, fixture_teardown);
  g_test_add (paths[3], Fixture, NULL, fixture_setup, test_new_meeting, fixture_teardown);
  g_test_add (paths[4], Fixture, NULL, fixture_setup, test_prep_edits, fixture_teardown);
  g_test_add (paths[5], Fixture, NULL, fixture_setup, test_drag_and_drop, fixture_teardown);
  g_test_add (paths[10], Fixture, NULL, fixture_setup, test_accessible_names, fixture_teardown);
  g_test_add (paths[11], Fixture, NULL, fixture_setup, test_focus_follows_move, fixture_teardown);
  g_test_add (paths[12], Fixture, NULL, fixture_setup, test_undo_and_refusals, fixture_teardown);
  g_test_add (paths[13], Fixture, NULL, fixture_setup, test_tab_through_prep, fixture_teardown);
  g_test_add (paths[14], Fixture, NULL, fixture_setup, test_present_then_back, fixture_teardown);
  g_test_add (paths[15], Fixture, NULL, fixture_setup, test_agenda_views_together, fixture_teardown);
  g_test_add (paths[16], Fixture, NULL, fixture_setup, test_attendees_out_of_view, fixture_teardown);
  if (lw_test_ui_have_schema ())
    {
      g_test_add (paths[6], Fixture, NULL, fixture_setup, test_community_viewer, fixture_teardown);
      g_test_add (paths[7], Fixture, NULL, fixture_setup, test_care_team_notes, fixture_teardown);
      g_test_add (paths[8], Fixture, NULL, fixture_setup, test_viewer_role_live, fixture_teardown);
      g_test_add (paths[9], Fixture, NULL, fixture_setup, test_prep_follows_role, fixture_teardown);
    }
  else
    {
      g_test_add_func (paths[6], skip_no_schema);
      g_test_add_func (paths[7], skip_no_schema);
      g_test_add_func (paths[8], skip_no_schema);
      g_test_add_func (paths[9], skip_no_schema);
    }

  return g_test_run ();
}
