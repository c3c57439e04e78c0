/* test-workgroup-ui.c: the workgroup's own record in the app — a position by
 * keys in meeting mode, the Decisions page's filters and counts, the Community
 * page from response to report back — under Xvfb
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "lw/lw-agenda.h"
#include "lw/lw-concerns.h"
#include "lw/lw-decisions.h"
#include "lw/lw-edit.h"
#include "lw/lw-export.h"
#include "lw/lw-model.h"
#include "lw/lw-policy.h"
#include "lw/lw-vault.h"
#include "lw-community-page.h"
#include "lw-decisions-page.h"
#include "lw-main-page.h"
#include "lw-meetings-page.h"
#include "lw-position-entry.h"
#include "lw-position-row.h"
#include "lw-presenter.h"
#include "lw-record-editor.h"
#include "lw-settings.h"
#include "lw-test-ui.h"
#include "lw-test-util.h"
#include "lw-window-private.h"

#define TODAY "2026-11-24"
#define LEGAL_NAME "Canary Legalname"
#define OFFICER "Officer Quillon"

typedef struct
{
  char     *dir;
  char     *path;
  LwStore  *store;
  LwWindow *window;
  LwId      participant;
  LwId      matter;
  LwId      meeting;
  LwId      item;
} Fixture;

static void
set_role (const char *role)
{
  g_autoptr(GSettings) settings = lw_settings_dup_gsettings ();

  g_assert_nonnull (settings);
  g_assert_true (g_settings_set_string (settings, "viewer-role", role));
}

static void
flush (Fixture *f)
{
  for (int i = 0; i < 50 && g_main_context_iteration (NULL, FALSE); i++)
    ;
  gtk_test_widget_wait_for_draw (GTK_WIDGET (f->window));
  for (int i = 0; i < 50 && g_main_context_iteration (NULL, FALSE); i++)
    ;
}

static LwId
insert (Fixture  *f,
        gpointer  record)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (lw_store_insert (f->store, record, &error));
  g_assert_no_error (error);
  return LW_RECORD (record)->id;
}

static LwId
member (Fixture    *f,
        const char *name,
        LwRole      role)
{
  g_autoptr(LwPerson) p = lw_person_new ();

  p->name = g_strdup (name);
  p->role = role;
  p->active = TRUE;
  return insert (f, p);
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LwParticipant) p = lw_participant_new ();
  g_autoptr(LwLegalMatter) m = lw_legal_matter_new ();
  g_autoptr(LwMeeting) meeting = lw_meeting_new ();
  g_autoptr(LwAgendaItem) item = lw_agenda_item_new ();
  LwId prosecutor;

  set_role (data ? data : "project-manager");
  f->dir = lw_test_tmpdir ();
  f->store = lw_test_store_new (f->dir, "program.lwdb");
  f->path = g_strdup (lw_store_get_path (f->store));

  member (f, "Morgan Manager", LW_ROLE_PROJECT_MANAGER);
  prosecutor = member (f, "Pat Prosecutor", LW_ROLE_PROSECUTOR);
  member (f, OFFICER, LW_ROLE_POLICE_OFFICER);
  member (f, "Sergeant Holloway", LW_ROLE_POLICE_SERGEANT);
  member (f, "Cory Community", LW_ROLE_COMMUNITY_REPRESENTATIVE);

  p->code = g_strdup ("P-0001");
  p->legal_name = g_strdup (LEGAL_NAME);
  p->referral_route = LW_REFERRAL_ARREST_DIVERSION;
  p->status = LW_STATUS_ACTIVE;
  f->participant = insert (f, p);
  m->participant_id = f->participant;
  m->case_number = g_strdup ("CR-2026-0001");
  m->charge = g_strdup ("CANARY-charge shoplifting");
  m->status = LW_MATTER_PENDING;
  m->next_court_date = g_strdup ("2026-12-01");
  f->matter = insert (f, m);
  {
    g_autoptr(LwPlanGoal) goal = lw_plan_goal_new ();

    goal->participant_id = f->participant;
    goal->domain = LW_DOMAIN_HOUSING;
    goal->text = g_strdup ("Apply for the housing list");
    goal->status = LW_GOAL_IN_PROGRESS;
    insert (f, goal);
  }

  meeting->date = g_strdup (TODAY);
  meeting->status = LW_MEETING_READY;
  meeting->length_minutes = 60;
  f->meeting = insert (f, meeting);
  item->meeting_id = f->meeting;
  item->kind = LW_ITEM_PARTICIPANT;
  item->participant_id = f->participant;
  item->time_budget = 300;
  f->item = insert (f, item);
  g_assert_nonnull (lw_agenda_invite (f->store, f->meeting, prosecutor, &error));
  g_assert_no_error (error);

  f->window = lw_window_new (NULL);
  gtk_window_set_default_size (GTK_WINDOW (f->window), 1280, 720);
  lw_window_set_store (f->window, f->store, FALSE);
  gtk_window_present (GTK_WINDOW (f->window));
  flush (f);
  g_assert_cmpstr (lw_window_get_page_name (f->window), ==, "main");
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
  set_role ("project-manager");
}

static GtkWidget *
main_page (Fixture *f)
{
  GtkWidget *page = _lw_window_get_main_page (f->window);

  g_assert_nonnull (page);
  return page;
}

static gboolean
is_named (GtkWidget     *widget,
          gconstpointer  name)
{
  return g_strcmp0 (gtk_widget_get_name (widget), name) == 0;
}

static char *
widget_text (GtkWidget *widget)
{
  GString *s = g_string_new (NULL);

  lw_test_ui_collect_text (widget, s);
  return g_string_free (s, FALSE);
}

static guint
count (const char *hay,
       const char *needle)
{
  guint n = 0;

  for (const char *p = strstr (hay, needle); p != NULL; p = strstr (p + 1, needle))
    n++;
  return n;
}

/* What widget shows without opening anything: its text, less what the
 * popovers of its menu buttons hold (as counts of needle). */
static guint
count_shown (GtkWidget  *widget,
             const char *needle)
{
  g_autofree char *all = widget_text (widget);
  guint n = count (all, needle);
  GtkWidget *button = lw_test_ui_find_matching (widget, is_named, "lw-position-history");

  /* the popover is made when first opened */
  if (button != NULL && gtk_menu_button_get_popover (GTK_MENU_BUTTON (button)) != NULL)
    {
      g_autofree char *hidden = widget_text (GTK_WIDGET (gtk_menu_button_get_popover (GTK_MENU_BUTTON (button))));

      n -= count (hidden, needle);
    }
  return n;
}

/* Types text into an entry and presses Enter in it. */
static void
type_and_enter (GtkEditable *editable,
                const char  *text)
{
  gtk_editable_set_text (editable, text);
  g_signal_emit_by_name (editable, "activate");
}

/* The meeting's keys: the shortcut that opens the position entry. */
static gboolean
has_position_shortcut (GtkWidget *presenter)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (presenter);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) c = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (c) || g_strcmp0 (gtk_event_controller_get_name (c), "lw-position-keys") != 0)
        continue;
      for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (c)); j++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (c), j);
          g_autofree char *trigger = gtk_shortcut_trigger_to_string (gtk_shortcut_get_trigger (shortcut));
          GtkShortcutAction *action = gtk_shortcut_get_action (shortcut);

          if (g_str_equal (trigger, "<Shift><Control>Return") && GTK_IS_NAMED_ACTION (action) &&
              g_str_equal (gtk_named_action_get_action_name (GTK_NAMED_ACTION (action)), "position.new"))
            return gtk_event_controller_get_propagation_phase (c) == GTK_PHASE_CAPTURE;
        }
    }
  return FALSE;
}

/* One position by keys: the shortcut's action, the matter typed and Enter,
 * the position's start and Enter, the text and Enter. */
static void
record_position (Fixture     *f,
                 GtkWidget   *presenter,
                 const char  *matter,
                 const char  *position,
                 const char  *text)
{
  LwPositionEntry *entry = lw_position_entry_get_for_presenter (presenter);

  g_assert_true (gtk_widget_activate_action (presenter, "position.new", NULL));
  flush (f);
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (entry)));
  /* the matter field has the keyboard: nothing to click */
  {
    /* the window's focus, whether or not the window is active on the server */
    GtkWidget *focus = gtk_root_get_focus (gtk_widget_get_root (GTK_WIDGET (entry)));
    GtkWidget *matter_entry = GTK_WIDGET (_lw_position_entry_get_matter (entry));

    g_assert_nonnull (focus);
    g_assert_true (focus == matter_entry || gtk_widget_is_ancestor (focus, matter_entry));
  }
  /* the prosecutor in the room is the author */
  g_assert_cmpstr (gtk_editable_get_text (_lw_position_entry_get_author (entry)), ==, "Pat Prosecutor");
  type_and_enter (_lw_position_entry_get_matter (entry), matter);
  type_and_enter (_lw_position_entry_get_position (entry), position);
  type_and_enter (_lw_position_entry_get_text (entry), text);
  flush (f);
}

static void
test_position_by_keys (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  LwMeetingsPage *meetings = LW_MEETINGS_PAGE (lw_main_page_get_meetings_page (LW_MAIN_PAGE (main_page (f))));
  GtkWidget *presenter, *history;
  LwPositionEntry *entry;
  g_autofree char *card = NULL;
  g_autofree char *popover = NULL;

  {
    g_autofree char *spec = g_strdup_printf ("%" G_GINT64_FORMAT, f->meeting);

    /* as “--present” does: the meetings page in front, meeting mode */
    g_assert_true (lw_main_page_present_meeting (LW_MAIN_PAGE (main_page (f)), spec));
  }
  presenter = _lw_meetings_page_get_presenter (meetings);
  flush (f);
  g_assert_cmpint (lw_presenter_get_current_item (LW_PRESENTER (presenter)), ==, f->item);
  g_assert_true (has_position_shortcut (presenter));
  entry = lw_position_entry_get_for_presenter (presenter);
  g_assert_nonnull (entry);

  /* a matter that is not this participant's, and a position that is not one */
  g_assert_true (gtk_widget_activate_action (presenter, "position.new", NULL));
  type_and_enter (_lw_position_entry_get_matter (entry), "CR-9999");
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (_lw_position_entry_get_error (entry))));
  g_assert_nonnull (strstr (gtk_label_get_text (_lw_position_entry_get_error (entry)), "No legal matter"));
  type_and_enter (_lw_position_entry_get_matter (entry), "shoplift");
  g_assert_cmpstr (gtk_editable_get_text (_lw_position_entry_get_matter (entry)), ==, "CR-2026-0001");
  type_and_enter (_lw_position_entry_get_position (entry), "d");
  g_assert_nonnull (strstr (gtk_label_get_text (_lw_position_entry_get_error (entry)), "More than one"));
  type_and_enter (_lw_position_entry_get_position (entry), "zzz");
  g_assert_nonnull (strstr (gtk_label_get_text (_lw_position_entry_get_error (entry)), "Type a position"));
  /* an empty text saves nothing */
  type_and_enter (_lw_position_entry_get_position (entry), "hold");
  type_and_enter (_lw_position_entry_get_text (entry), "   ");
  g_assert_cmpint (lw_store_count (f->store, &lw_prosecution_note_table, NULL), ==, 0);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (entry), "position-entry.cancel", NULL));
  g_assert_cmpstr (gtk_editable_get_text (_lw_position_entry_get_text (entry)), ==, "");

  record_position (f, presenter, "cr-2026", "hold", "CANARY-first-hold while treatment starts");
  g_assert_cmpint (lw_store_count (f->store, &lw_prosecution_note_table, NULL), ==, 1);
  /* the card, beside the plan */
  card = widget_text (presenter);
  g_assert_nonnull (strstr (card, "Latest position: CR-2026-0001 · Hold · " TODAY " · Pat Prosecutor: CANARY-first-hold"));
  g_assert_true (strstr (card, "Plan goals") < strstr (card, "Latest position"));
  g_assert_true (strstr (card, "Latest position") < strstr (card, "Legal matters"));
  /* one position: no history yet */
  g_assert_null (lw_test_ui_find_matching (presenter, is_named, "lw-position-history"));
  g_clear_pointer (&card, g_free);

  record_position (f, presenter, "CR-2026-0001", "def", "CANARY-second-defer six months");
  g_assert_cmpint (lw_store_count (f->store, &lw_prosecution_note_table, NULL), ==, 2);
  history = lw_test_ui_find_matching (presenter, is_named, "lw-position-history");
  g_assert_nonnull (history);
  /* made when pressed, not with the card (made here without showing it: a
   * popover shown under Xvfb can leave the pointer's focus on it; collecting
   * the text makes it too) */
  g_assert_null (gtk_menu_button_get_popover (GTK_MENU_BUTTON (history)));
  /* the latest on the card, the first one step away */
  g_assert_cmpuint (count_shown (presenter, "Defer · " TODAY " · Pat Prosecutor: CANARY-second-defer"), >=, 1);
  g_assert_cmpuint (count_shown (presenter, "CANARY-first-hold"), ==, 0);
  popover = widget_text (GTK_WIDGET (_lw_position_history_get_popover (GTK_MENU_BUTTON (history))));
  g_assert_nonnull (strstr (popover, "CANARY-second-defer"));
  g_assert_nonnull (strstr (popover, "CANARY-first-hold"));

  /* the minutes: the prosecutor reads them, the community representative not */
  {
    g_autoptr(LwAudience) prosecutor = lw_audience_new_for_roles (LW_ROLE_BIT (LW_ROLE_PROSECUTOR));
    g_autoptr(LwAudience) community = lw_audience_new_for_roles (LW_ROLE_BIT (LW_ROLE_COMMUNITY_REPRESENTATIVE));
    g_autoptr(LwDocument) pros = lw_export_minutes_document (f->store, f->meeting, prosecutor, &error);
    g_autoptr(LwDocument) comm = lw_export_minutes_document (f->store, f->meeting, community, &error);
    g_autofree char *pros_md = lw_document_to_markdown (pros);
    g_autofree char *comm_md = lw_document_to_markdown (comm);

    g_assert_no_error (error);
    g_assert_nonnull (strstr (pros_md, "CANARY-second-defer"));
    g_assert_nonnull (strstr (pros_md, "Earlier: Hold"));
    g_assert_null (strstr (comm_md, "CANARY"));
    g_assert_null (strstr (comm_md, "Latest position"));
  }

  /* a community representative at the keyboard: no entry, no position */
  set_role ("community-representative");
  flush (f);
  g_assert_true (gtk_widget_activate_action (presenter, "position.new", NULL));
  flush (f);
  g_assert_false (gtk_widget_get_mapped (GTK_WIDGET (entry)));
  g_assert_null (lw_test_ui_find_matching (presenter, is_named, "lw-position-history"));
  {
    g_autofree char *all = lw_test_ui_all_text ();

    g_assert_null (strstr (all, "CANARY-second-defer"));
  }
}

/* ----------------------------------------------------------------------------
 * Decisions
 */

static void
add_decisions (Fixture *f)
{
  g_autoptr(GPtrArray) people = lw_store_list (f->store, &lw_person_table, NULL, 0, NULL);
  LwId officer = 0, sergeant = 0;

  for (guint i = 0; i < people->len; i++)
    {
      const LwPerson *p = g_ptr_array_index (people, i);

      if (p->role == LW_ROLE_POLICE_OFFICER)
        officer = p->id;
      if (p->role == LW_ROLE_POLICE_SERGEANT)
        sergeant = p->id;
    }
  /* 12 decisions: the officer's are the even ones; every third not eligible;
   * eligible ones at i = 1, 5 not diverted */
  for (int i = 0; i < 12; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(LwDiversionDecision) d = lw_edit_record_new (&lw_diversion_decision_table);

      d->date = g_strdup_printf ("2026-%02d-10", i + 1);
      d->officer_id = i % 2 == 0 ? officer : sergeant;
      d->incident_number = g_strdup_printf ("CANARY-INC-%02d", i);
      d->eligible = i % 3 != 0;
      d->diverted = d->eligible && i != 1 && i != 5;
      if (!d->diverted)
        d->reason = g_strdup ("CANARY-reason");
      if (i == 11)
        {
          g_free (d->date);
          d->date = g_strdup ("2026-11-20");
        }
      g_assert_true (lw_decisions_add (f->store, LW_ROLE_POLICE_SERGEANT, d, NULL, &error));
      g_assert_no_error (error);
    }
}

static void
test_decisions_page (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  LwDecisionsPage *page;
  const LwDecisionCounts *c;
  g_autofree char *csv_path = g_build_filename (f->dir, "review.csv", NULL);
  g_autofree char *csv = NULL;
  g_autofree char *text = NULL;

  add_decisions (f);
  page = LW_DECISIONS_PAGE (lw_test_ui_find_widget (main_page (f), LW_TYPE_DECISIONS_PAGE));
  lw_decisions_page_reload (page);
  flush (f);

  /* everything: 12; not eligible at 0, 3, 6, 9; eligible, not diverted at 1, 5 */
  c = lw_decision_review_get_counts (_lw_decisions_page_get_review (page));
  g_assert_cmpuint (c->total, ==, 12);
  g_assert_cmpuint (c->not_eligible, ==, 4);
  g_assert_cmpuint (c->eligible_not_diverted, ==, 2);
  g_assert_cmpuint (c->diverted, ==, 6);
  g_assert_cmpuint (_lw_decisions_page_get_n_rows (page), ==, 12);
  g_assert_true (gtk_widget_get_visible (_lw_decisions_page_get_officer_dropdown (page)));

  /* the officer's (even i: odd months) from March to August: i = 2, 4, 6,
   * of which i = 6 not eligible */
  g_assert_true (_lw_decisions_page_set_filter (page, OFFICER, "2026-03-01", "2026-08-31", FALSE));
  c = lw_decision_review_get_counts (_lw_decisions_page_get_review (page));
  g_assert_cmpuint (c->total, ==, 3);
  g_assert_cmpuint (c->not_eligible, ==, 1);
  /* eligible but not diverted, everyone: i = 1 and 5 */
  g_assert_true (_lw_decisions_page_set_filter (page, NULL, NULL, NULL, TRUE));
  g_assert_cmpuint (_lw_decisions_page_get_n_rows (page), ==, 2);
  /* a date that is not one: said under the filters, nothing filtered */
  g_assert_false (_lw_decisions_page_set_filter (page, NULL, "2026-02-30", NULL, FALSE));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (_lw_decisions_page_get_filter_error (page))));
  g_assert_nonnull (strstr (gtk_label_get_text (_lw_decisions_page_get_filter_error (page)), "From"));
  g_assert_true (_lw_decisions_page_set_filter (page, NULL, NULL, NULL, FALSE));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (_lw_decisions_page_get_filter_error (page))));

  /* the export for the prosecution: no officer; for officers and sergeants: named */
  g_assert_true (_lw_decisions_page_export (page, LW_DECISIONS_FOR_PROSECUTION, csv_path, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (csv_path, &csv, NULL, NULL));
  g_assert_null (strstr (csv, OFFICER));
  g_assert_cmpuint (lw_test_count_lines (csv), ==, 13);
  g_clear_pointer (&csv, g_free);
  g_assert_true (_lw_decisions_page_export (page, LW_DECISIONS_FOR_POLICE, csv_path, &error));
  g_assert_true (g_file_get_contents (csv_path, &csv, NULL, NULL));
  g_assert_nonnull (strstr (csv, OFFICER));

  /* the prosecutor at the keyboard: decisions, no officer, no officer filter */
  set_role ("prosecutor");
  flush (f);
  lw_decisions_page_reload (page);
  g_assert_false (gtk_widget_get_visible (_lw_decisions_page_get_officer_dropdown (page)));
  g_assert_false (lw_decision_review_shows_officers (_lw_decisions_page_get_review (page)));
  text = widget_text (GTK_WIDGET (page));
  g_assert_null (strstr (text, OFFICER));
  g_assert_nonnull (strstr (text, "CANARY-INC-11"));
  g_clear_pointer (&text, g_free);

  /* a community representative: nothing at all */
  set_role ("community-representative");
  flush (f);
  lw_decisions_page_reload (page);
  text = widget_text (GTK_WIDGET (page));
  g_assert_null (strstr (text, "CANARY"));
  g_assert_null (strstr (text, OFFICER));
  g_assert_cmpuint (_lw_decisions_page_get_n_rows (page), ==, 0);
}

/* ----------------------------------------------------------------------------
 * Community
 */

static gboolean
is_button_labelled (GtkWidget     *widget,
                    gconstpointer  label)
{
  return GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), label) == 0;
}

static void
test_community_page (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LwCommunityConcern) concern = lw_edit_record_new (&lw_community_concern_table);
  g_autoptr(LwCommunityConcern) back = NULL;
  LwCommunityPage *page;
  LwRecordEditor *editor;
  GtkWidget *respond;
  g_autofree char *text = NULL;
  g_autofree char *md_path = g_build_filename (f->dir, "report-back.md", NULL);
  g_autofree char *md = NULL;

  concern->reported_by = g_strdup ("CANARY-reporter");
  concern->date = g_strdup ("2026-11-02");
  concern->area = g_strdup ("Gull Street");
  concern->text = g_strdup ("CANARY-concern-text");
  concern->participant_id = f->participant;
  g_assert_true (lw_concerns_add (f->store, LW_ROLE_PROJECT_MANAGER, concern, NULL, &error));
  g_assert_no_error (error);

  page = LW_COMMUNITY_PAGE (lw_test_ui_find_widget (main_page (f), LW_TYPE_COMMUNITY_PAGE));
  lw_community_page_reload (page);
  flush (f);
  text = widget_text (GTK_WIDGET (page));
  /* its age: raised on the 2nd, open 22 days */
  g_assert_nonnull (strstr (text, "Raised 2026-11-02 · Open · open 22 days"));
  g_assert_nonnull (strstr (text, "CANARY-concern-text"));
  g_clear_pointer (&text, g_free);

  /* Respond: the form on what was done, Enter saves */
  respond = lw_test_ui_find_matching (GTK_WIDGET (page), is_button_labelled, "_Respond…");
  g_assert_nonnull (respond);
  g_signal_emit_by_name (respond, "clicked");
  flush (f);
  editor = LW_RECORD_EDITOR (_lw_community_page_get_editor_widget (page));
  g_assert_true (lw_record_editor_is_open (editor));
  /* no response: refused at its field */
  g_assert_false (lw_record_editor_save (editor));
  g_assert_nonnull (lw_record_editor_get_message (editor, "response"));
  g_assert_true (lw_record_editor_set_text (editor, "response", "CANARY-response visits"));
  g_assert_true (lw_record_editor_set_text (editor, "response_kind", "outreach"));
  g_assert_true (lw_record_editor_save (editor));
  flush (f);
  back = lw_store_get (f->store, &lw_community_concern_table, concern->id, &error);
  g_assert_cmpint (back->status, ==, LW_CONCERN_RESPONDED);
  g_assert_cmpstr (back->responded_date, ==, TODAY);
  g_clear_pointer (&back, lw_record_free);

  /* Close */
  g_assert_true (_lw_community_page_set_status (page, concern->id, LW_CONCERN_CLOSED));
  flush (f);
  back = lw_store_get (f->store, &lw_community_concern_table, concern->id, &error);
  g_assert_cmpint (back->status, ==, LW_CONCERN_CLOSED);
  g_assert_cmpstr (back->closed_date, ==, TODAY);
  text = widget_text (GTK_WIDGET (page));
  g_assert_nonnull (strstr (text, "was open 22 days"));
  g_assert_nonnull (strstr (text, "Re_open"));
  g_clear_pointer (&text, g_free);

  /* Report Back: a bad period first, then the file */
  gtk_editable_set_text (_lw_community_page_get_report_from (page), "2026-11-30");
  gtk_editable_set_text (_lw_community_page_get_report_to (page), "2026-11-01");
  g_assert_false (_lw_community_page_save_report_back (page, md_path, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_false (g_file_test (md_path, G_FILE_TEST_EXISTS));
  gtk_editable_set_text (_lw_community_page_get_report_from (page), "2026-11-01");
  gtk_editable_set_text (_lw_community_page_get_report_to (page), "2026-11-30");
  g_assert_true (_lw_community_page_save_report_back (page, md_path, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (md_path, &md, NULL, NULL));
  g_assert_nonnull (strstr (md, "Gull Street"));
  g_assert_nonnull (strstr (md, "Outreach in the area"));
  g_assert_null (strstr (md, "P-0001"));
  g_assert_null (strstr (md, "CANARY"));
  g_assert_null (strstr (md, LEGAL_NAME));

  /* a community representative: the area and what kind, no text, no code,
   * no button to answer */
  set_role ("community-representative");
  flush (f);
  lw_community_page_reload (page);
  text = widget_text (GTK_WIDGET (page));
  g_assert_nonnull (strstr (text, "Gull Street"));
  g_assert_nonnull (strstr (text, "Outreach in the area"));
  g_assert_null (strstr (text, "CANARY"));
  g_assert_null (strstr (text, "P-0001"));
  g_assert_null (lw_test_ui_find_matching (GTK_WIDGET (page), is_button_labelled, "Re_open"));
}

int
main (int   argc,
      char *argv[])
{
  static const char * const paths[] = {
    "/lw/workgroup-ui/position-by-keys",
    "/lw/workgroup-ui/decisions-page",
    "/lw/workgroup-ui/community-page",
  };

  if (!lw_test_ui_init (&argc, &argv, paths, G_N_ELEMENTS (paths)))
    return g_test_run ();

  g_test_add (paths[0], Fixture, "prosecutor", fixture_setup, test_position_by_keys, fixture_teardown);
  g_test_add (paths[1], Fixture, NULL, fixture_setup, test_decisions_page, fixture_teardown);
  g_test_add (paths[2], Fixture, NULL, fixture_setup, test_community_page, fixture_teardown);

  return g_test_run ();
}
