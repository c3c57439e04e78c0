/* test-participants-ui.c: participants, action items, community — under Xvfb
 *
 * One participant with canary strings in every sealed column: a case manager sees
 * them, a community representative sees none of identity, legal, prosecution,
 * health, substance use, care notes or plan text, and after a lock nobody does.
 * Edits are saved at once (read back through a second connection) and undone; an
 * impossible date changes nothing.  A demo program exercises search and sort.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "lw/lw-agenda.h"
#include "lw/lw-audit.h"
#include "lw/lw-demo.h"
#include "lw/lw-model.h"
#include "lw/lw-policy.h"
#include "lw/lw-vault.h"
#include "lw-actions-page.h"
#include "lw-toast.h"
#include "lw-settings.h"
#include "lw-community-page.h"
#include "lw-main-page.h"
#include "lw-meetings-page.h"
#include "lw-participant-row.h"
#include "lw-participants-page-private.h"
#include "lw-preferences-window.h"
#include "lw-test-ui.h"
#include "lw-test-util.h"
#include "lw-text-row.h"
#include "lw-window-private.h"
#include "lw-wrap-label.h"

#define TAG "ppl"

typedef struct
{
  char       *dir;
  char       *path;
  LwStore    *store;
  LwWindow   *window;
  GHashTable *ids;
  LwId        action_id;
} Fixture;


static void
set_role (const char *role)
{
  g_autoptr(GSettings) settings = lw_settings_dup_gsettings ();

  g_assert_nonnull (settings);
  g_assert_true (g_settings_set_string (settings, "viewer-role", role));
}

/* Lets idles (refreshes after an edit) and drawing run. */
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
fixture_id (Fixture    *f,
            const char *table)
{
  return GPOINTER_TO_INT (g_hash_table_lookup (f->ids, table));
}

static void
open_window (Fixture *f)
{
  f->window = lw_window_new (NULL);
  gtk_window_set_default_size (GTK_WINDOW (f->window), 1280, 720);
  lw_window_set_store (f->window, f->store, FALSE);
  gtk_window_present (GTK_WINDOW (f->window));
  flush (f);
  g_assert_cmpstr (lw_window_get_page_name (f->window), ==, "main");
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(LwActionItem) action = lw_action_item_new ();
  g_autoptr(GError) error = NULL;

  set_role (data ? data : "project-manager");

  f->dir = lw_test_tmpdir ();
  f->store = lw_test_store_new (f->dir, "program.lwdb");
  f->path = g_strdup (lw_store_get_path (f->store));
  f->ids = lw_test_fill_every_table (f->store, TAG);

  /* the filled action item is dropped (the last status): one open item too */
  action->text = g_strdup ("CANARY-action_item-text-" TAG);
  action->owner_id = fixture_id (f, "person");
  action->participant_id = fixture_id (f, "participant");
  action->due_date = g_strdup ("2026-11-01");
  action->status = LW_ACTION_OPEN;
  g_assert_true (lw_store_insert (f->store, action, &error));
  g_assert_no_error (error);
  f->action_id = LW_RECORD (action)->id;

  open_window (f);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_object_ref (f->window);
  gtk_window_destroy (GTK_WINDOW (f->window));
  g_assert_finalize_object (f->window);

  g_clear_pointer (&f->store, lw_store_free);
  g_clear_pointer (&f->ids, g_hash_table_unref);
  lw_test_tmpdir_remove (f->dir);
  g_free (f->dir);
  g_free (f->path);
  set_role ("project-manager");
}




static GtkWidget *
find_row (GtkWidget  *widget,
          const char *title)
{
  if (ADW_IS_PREFERENCES_ROW (widget) &&
      g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), title) == 0)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_row (child, title);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static LwParticipantsPage *
participants_page (Fixture *f)
{
  GtkWidget *page = lw_test_ui_find_widget (_lw_window_get_main_page (f->window), LW_TYPE_PARTICIPANTS_PAGE);

  g_assert_nonnull (page);
  return LW_PARTICIPANTS_PAGE (page);
}

static AdwViewStack *
view_stack (Fixture *f)
{
  GtkWidget *stack = lw_test_ui_find_widget (_lw_window_get_main_page (f->window), ADW_TYPE_VIEW_STACK);

  g_assert_nonnull (stack);
  return ADW_VIEW_STACK (stack);
}

/* Shows every section in turn (a list only makes rows once it is on screen) and
 * returns all text seen. */
static char *
text_of_every_section (Fixture *f)
{
  static const char * const sections[] = { "participants", "action-items", "community" };
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (sections); i++)
    {
      g_autofree char *text = NULL;

      adw_view_stack_set_visible_child_name (view_stack (f), sections[i]);
      flush (f);
      text = lw_test_ui_all_text ();
      g_string_append (out, text);
    }
  adw_view_stack_set_visible_child_name (view_stack (f), "participants");
  flush (f);
  return g_string_free (out, FALSE);
}

/* Canaries are "CANARY-<table>-<column>-<tag>": the column says the category. */
static void
assert_no_canary_of (const char *text,
                     guint       forbidden)   /* bit per LwCategory */
{
  const char *p = text;

  while ((p = strstr (p, "CANARY-")) != NULL)
    {
      g_auto(GStrv) parts = NULL;
      g_autofree char *token = NULL;
      const LwTableInfo *table;
      const LwColumnInfo *column;
      gsize len = strcspn (p, " \n\t;:·,");

      token = g_strndup (p, len);
      parts = g_strsplit (token, "-", 4);
      g_assert_cmpuint (g_strv_length (parts), ==, 4);
      table = lw_store_find_table (parts[1]);
      g_assert_nonnull (table);
      column = lw_table_find_column (table, parts[2]);
      g_assert_nonnull (column);
      if (column->category != LW_CATEGORY_NONE && (forbidden & (1u << column->category)))
        g_error ("%s (%s) is shown to a role that may not see it",
                 token, lw_category_to_string (column->category));
      p += len;
    }
}

static void
select_participant (Fixture *f)
{
  g_assert_true (_lw_participants_page_select (participants_page (f), fixture_id (f, "participant")));
  flush (f);
  g_assert_cmpint (lw_participant_detail_get_id (_lw_participants_page_get_detail (participants_page (f))),
                   ==, fixture_id (f, "participant"));
}

static void
lock_and_check (Fixture *f)
{
  GtkWidget *main_page = _lw_window_get_main_page (f->window);
  g_autofree char *text = NULL;

  g_object_add_weak_pointer (G_OBJECT (main_page), (gpointer *) &main_page);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.lock", NULL));
  for (int i = 0; i < 100 && main_page != NULL; i++)
    flush (f);
  g_assert_null (main_page);

  text = lw_test_ui_all_text ();
  if (strstr (text, "CANARY-") != NULL || strstr (text, "1911-11-11") != NULL)
    g_error ("Sensitive text left in the widgets after lock:\n%s", text);
}

#define FORBIDDEN_FOR_COMMUNITY \
  ((1u << LW_CATEGORY_IDENTITY) | (1u << LW_CATEGORY_LEGAL) | (1u << LW_CATEGORY_PROSECUTION) | \
   (1u << LW_CATEGORY_HEALTH) | (1u << LW_CATEGORY_SUBSTANCE_USE) | (1u << LW_CATEGORY_CARE_NOTES) | \
   (1u << LW_CATEGORY_PLAN) | (1u << LW_CATEGORY_HOUSING))

static void
test_case_manager_sees_all (Fixture       *f,
                            gconstpointer  data)
{
  static const char * const expected[] = {
    "CANARY-participant-legal_name-" TAG,
    "CANARY-participant-health_notes-" TAG,
    "CANARY-participant-substance_use-" TAG,
    "CANARY-legal_matter-charge-" TAG,
    "CANARY-prosecution_note-text-" TAG,
    "CANARY-contact-note-" TAG,
    "CANARY-plan_goal-text-" TAG,
    "CANARY-action_item-text-" TAG,
  };
  g_autofree char *text = NULL;

  select_participant (f);
  text = text_of_every_section (f);
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    if (strstr (text, expected[i]) == NULL)
      g_error ("A case manager should see %s", expected[i]);

  /* substance use is shown: so is the redisclosure notice */
  g_assert_nonnull (strstr (text, lw_policy_part2_notice ()));
  /* a prosecution note's row leads with the position, then its text */
  g_assert_nonnull (strstr (text, " — CANARY-prosecution_note-text-" TAG));

  /* the list and the participant a person saw are in the audit log, no value is */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(GPtrArray) entries = lw_audit_list (f->store, &error);
    gboolean list_seen = FALSE, participant_seen = FALSE;

    g_assert_no_error (error);
    for (guint i = 0; i < entries->len; i++)
      {
        const LwAuditEntry *entry = g_ptr_array_index (entries, i);

        g_assert_null (strstr (entry->detail, "CANARY"));
        if (entry->event != LW_AUDIT_VIEW)
          continue;
        list_seen |= g_str_has_prefix (entry->detail, "participant list (1) audience=case-manager full=identity,status");
        participant_seen |= strstr (entry->detail, "participant=P-" TAG " audience=case-manager") != NULL;
      }
    g_assert_true (list_seen);
    g_assert_true (participant_seen);
  }

  lock_and_check (f);
}

/* The label and its value in a row of the detail: the value is the larger
 * text, so that the eye lands on it and not on the field's name. */
/* The text of a label, wrapping by arithmetic or not. */
static const char *
label_text (GtkWidget *label)
{
  return LW_IS_WRAP_LABEL (label) ? lw_wrap_label_get_text (LW_WRAP_LABEL (label))
                                  : gtk_label_get_text (GTK_LABEL (label));
}

static void
check_value_reads_first (GtkWidget *widget,
                         guint     *n_rows)
{
  if ((ADW_IS_ACTION_ROW (widget) || LW_IS_TEXT_ROW (widget)) && gtk_widget_has_css_class (widget, "lw-property"))
    {
      GtkWidget *title = NULL, *subtitle = NULL;
      GtkWidget *stack[64];
      guint depth = 0;

      stack[depth++] = widget;
      while (depth > 0)
        {
          GtkWidget *w = stack[--depth];
          gboolean text = GTK_IS_LABEL (w) || LW_IS_WRAP_LABEL (w);

          if (text && gtk_widget_has_css_class (w, "title"))
            title = w;
          else if (text && gtk_widget_has_css_class (w, "subtitle"))
            subtitle = w;
          for (GtkWidget *c = gtk_widget_get_first_child (w); c != NULL && depth < G_N_ELEMENTS (stack); c = gtk_widget_get_next_sibling (c))
            stack[depth++] = c;
        }
      g_assert_nonnull (title);
      g_assert_nonnull (subtitle);
      if (*label_text (subtitle) != '\0')
        {
          PangoLayout *t = gtk_widget_create_pango_layout (title, "Xg");
          PangoLayout *s = gtk_widget_create_pango_layout (subtitle, "Xg");
          int t_height, s_height;

          pango_layout_get_pixel_size (t, NULL, &t_height);
          pango_layout_get_pixel_size (s, NULL, &s_height);
          g_object_unref (t);
          g_object_unref (s);
          if (s_height <= t_height)
            g_error ("The value of “%s” is no larger than its label", label_text (title));
          (*n_rows)++;
        }
      return;
    }

  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    check_value_reads_first (c, n_rows);
}

static void
test_values_read_first (Fixture       *f,
                        gconstpointer  data)
{
  /* the application loads its style sheet; this window has none */
  GtkCssProvider *provider = lw_test_ui_load_app_style ();
  guint n_rows = 0;

  select_participant (f);
  check_value_reads_first (GTK_WIDGET (_lw_participants_page_get_detail (participants_page (f))), &n_rows);
  g_assert_cmpuint (n_rows, >=, 5);
  lw_test_ui_unload_app_style (provider);
}

static void
test_community_sees_no_secrets (Fixture       *f,
                                gconstpointer  data)
{
  g_autofree char *text = NULL;
  g_autofree char *before = NULL;

  /* first as a case manager, then the role changes: every page rebuilds */
  select_participant (f);
  before = lw_test_ui_all_text ();
  g_assert_nonnull (strstr (before, "CANARY-participant-legal_name-" TAG));

  set_role ("community-representative");
  flush (f);
  select_participant (f);
  text = text_of_every_section (f);

  assert_no_canary_of (text, FORBIDDEN_FOR_COMMUNITY);
  g_assert_null (strstr (text, "1911-11-11"));   /* birth date and other sealed dates */
  g_assert_null (strstr (text, lw_policy_part2_notice ()));
  /* what the room may see: the code and the initials */
  g_assert_nonnull (strstr (text, "P-" TAG));

  lock_and_check (f);
}

static char *
read_back (Fixture    *f,
           const char *column_name)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LwStore) other = lw_store_open (f->path, &error);
  g_autoptr(LwParticipant) participant = NULL;

  g_assert_no_error (error);
  g_assert_true (lw_store_unlock (other, LW_TEST_PASSPHRASE, strlen (LW_TEST_PASSPHRASE), &error));
  g_assert_no_error (error);
  participant = lw_store_get (other, &lw_participant_table, fixture_id (f, "participant"), &error);
  g_assert_no_error (error);
  return lw_record_get_string (participant, lw_table_find_column (&lw_participant_table, column_name));
}

static void
click_undo (Fixture *f)
{
  AdwToast *toast = lw_toast_get_last_undo ();

  g_assert_nonnull (toast);
  g_signal_emit_by_name (toast, "button-clicked");
  flush (f);
}

/* Opens a form of the detail by its action and fills it. */
static LwRecordEditor *
open_detail_form (Fixture             *f,
                  LwParticipantDetail *detail,
                  const char          *action)
{
  LwRecordEditor *editor = lw_participant_detail_get_editor (detail);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (detail), action, NULL));
  flush (f);
  g_assert_true (lw_record_editor_is_open (editor));
  return editor;
}

static guint
count_contacts (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) contacts = lw_store_list (f->store, &lw_contact_table, NULL, 0, &error);

  g_assert_no_error (error);
  return contacts->len;
}

static void
test_edit_and_undo (Fixture       *f,
                    gconstpointer  data)
{
  LwParticipantDetail *detail;
  LwRecordEditor *editor;
  GtkWidget *row;
  g_autofree char *saved = NULL;
  g_autofree char *restored = NULL;
  g_autofree char *name = NULL;
  g_autofree char *status = NULL;

  select_participant (f);
  detail = _lw_participants_page_get_detail (participants_page (f));

  /* the last contact follows the contact log: no field to type it in */
  g_assert_null (find_row (GTK_WIDGET (detail), "Last Contact (YYYY-MM-DD)"));
  editor = open_detail_form (f, detail, "detail.log-contact");
  g_assert_true (lw_record_editor_set_text (editor, "date", "2026-11-20"));
  g_assert_true (lw_record_editor_set_text (editor, "note", "Met at the day centre"));
  g_assert_true (lw_record_editor_save (editor));
  flush (f);
  g_assert_false (lw_record_editor_is_open (editor));

  saved = read_back (f, "last_contact");
  g_assert_cmpstr (saved, ==, "2026-11-20");
  g_assert_nonnull (lw_toast_get_last_undo ());
  g_assert_cmpstr (adw_toast_get_title (lw_toast_get_last_undo ()), ==, "Added: Contact 2 of P-" TAG);
  /* the list row follows */
  {
    g_autofree char *text = lw_test_ui_all_text ();
    g_assert_nonnull (strstr (text, "last contact 2026-11-20"));
  }

  /* undo deletes the contact again, and the last contact follows the log:
   * the fixture's other contact is an attempt, which reached nobody */
  click_undo (f);
  restored = read_back (f, "last_contact");
  g_assert_null (restored);
  g_assert_cmpuint (count_contacts (f), ==, 1);
  {
    g_autofree char *text = lw_test_ui_all_text ();
    g_assert_null (strstr (text, "2026-11-20"));
  }

  /* preferred name */
  row = find_row (GTK_WIDGET (detail), "Preferred Name");
  g_assert_nonnull (row);
  gtk_editable_set_text (GTK_EDITABLE (row), "Sunny");
  g_signal_emit_by_name (row, "apply");
  flush (f);
  name = read_back (f, "preferred_name");
  g_assert_cmpstr (name, ==, "Sunny");
  click_undo (f);
  g_clear_pointer (&name, g_free);
  name = read_back (f, "preferred_name");
  g_assert_cmpstr (name, ==, "CANARY-participant-preferred_name-" TAG);

  /* status: its own form, dated by the core */
  editor = open_detail_form (f, detail, "detail.change-status");
  g_assert_nonnull (lw_record_editor_get_input (editor, "exit_reason"));
  g_assert_true (lw_record_editor_set_text (editor, "status", "active"));
  flush (f);
  /* an exit reason belongs to an exit */
  g_assert_false (gtk_widget_get_visible (gtk_widget_get_ancestor (lw_record_editor_get_input (editor, "exit_reason"),
                                                                   GTK_TYPE_LIST_BOX_ROW)));
  g_assert_true (lw_record_editor_save (editor));
  flush (f);
  status = read_back (f, "status");
  g_assert_cmpstr (status, ==, "active");
  g_clear_pointer (&status, g_free);
  status = read_back (f, "status_changed");
  g_assert_cmpstr (status, ==, "2026-11-24");   /* LEAD_WORKGROUP_TODAY */
  g_clear_pointer (&status, g_free);
  status = read_back (f, "exit_reason");
  g_assert_null (status);
  click_undo (f);
  status = read_back (f, "status");
  g_assert_cmpstr (status, ==, "exited");
  g_clear_pointer (&status, g_free);
  status = read_back (f, "status_changed");
  g_assert_cmpstr (status, ==, "1911-11-11");
  g_clear_pointer (&status, g_free);
  status = read_back (f, "exit_reason");
  g_assert_cmpstr (status, ==, "CANARY-participant-exit_reason-" TAG);

  /* housing status */
  row = find_row (GTK_WIDGET (detail), "Housing Status");
  g_assert_true (ADW_IS_COMBO_ROW (row));
  adw_combo_row_set_selected (ADW_COMBO_ROW (row), LW_HOUSING_SHELTER);
  flush (f);
  g_clear_pointer (&status, g_free);
  status = read_back (f, "housing_status");
  g_assert_cmpstr (status, ==, "shelter");

  /* flagged: the switch in its row */
  row = find_row (GTK_WIDGET (detail), "Flagged for the Next Meeting");
  g_assert_nonnull (row);
  {
    GtkWidget *sw = lw_test_ui_find_widget (row, GTK_TYPE_SWITCH);

    g_assert_true (gtk_switch_get_active (GTK_SWITCH (sw)));
    gtk_switch_set_active (GTK_SWITCH (sw), FALSE);
    flush (f);
  }
  g_clear_pointer (&status, g_free);
  status = read_back (f, "flagged");
  g_assert_cmpstr (status, ==, "false");
  click_undo (f);
  g_clear_pointer (&status, g_free);
  status = read_back (f, "flagged");
  g_assert_cmpstr (status, ==, "true");
  /* the row toggles its switch, as its list activates it (a click, Enter) */
  row = find_row (GTK_WIDGET (detail), "Flagged for the Next Meeting");
  g_assert_true (gtk_list_box_row_get_activatable (GTK_LIST_BOX_ROW (row)));
  {
    GtkWidget *sw = lw_test_ui_find_widget (row, GTK_TYPE_SWITCH);
    gint64 deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;

    g_signal_emit_by_name (gtk_widget_get_parent (row), "row-activated", row);
    /* the switch slides over, then is off */
    while (gtk_switch_get_active (GTK_SWITCH (sw)) && g_get_monotonic_time () < deadline)
      g_main_context_iteration (NULL, TRUE);
    flush (f);
  }
  g_clear_pointer (&status, g_free);
  status = read_back (f, "flagged");
  g_assert_cmpstr (status, ==, "false");

  /* an IIP goal: its text in the form, its status with a button */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(LwPlanGoal) goal = NULL;
    LwId goal_id = fixture_id (f, "plan_goal");

    /* the filled goal is dropped: back to in progress first */
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (detail), "detail.edit-record", "(sx)",
                                               "plan_goal", (gint64) goal_id));
    flush (f);
    editor = lw_participant_detail_get_editor (detail);
    g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (lw_record_editor_get_input (editor, "text"))),
                     ==, "CANARY-plan_goal-text-" TAG);
    g_assert_true (lw_record_editor_set_text (editor, "text", "Apply for a state ID"));
    g_assert_true (lw_record_editor_set_text (editor, "status", "in-progress"));
    g_assert_true (lw_record_editor_save (editor));
    flush (f);
    goal = lw_store_get (f->store, &lw_plan_goal_table, goal_id, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (goal->text, ==, "Apply for a state ID");
    g_assert_cmpint (goal->status, ==, LW_GOAL_IN_PROGRESS);
    g_clear_pointer (&goal, lw_record_free);

    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (detail), "detail.goal-met", "x", (gint64) goal_id));
    flush (f);
    goal = lw_store_get (f->store, &lw_plan_goal_table, goal_id, &error);
    g_assert_cmpint (goal->status, ==, LW_GOAL_MET);
    g_clear_pointer (&goal, lw_record_free);

    click_undo (f);
    goal = lw_store_get (f->store, &lw_plan_goal_table, goal_id, &error);
    g_assert_cmpint (goal->status, ==, LW_GOAL_IN_PROGRESS);
    g_assert_cmpstr (goal->text, ==, "Apply for a state ID");
  }
}

static gboolean
has_visible_error (GtkWidget  *widget,
                   const char *needle)
{
  if (GTK_IS_LABEL (widget) && gtk_widget_get_visible (widget) &&
      gtk_widget_has_css_class (widget, "error") &&
      strstr (gtk_label_get_label (GTK_LABEL (widget)), needle) != NULL)
    return TRUE;
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (has_visible_error (child, needle))
      return TRUE;
  return FALSE;
}

static void
test_impossible_date (Fixture       *f,
                      gconstpointer  data)
{
  LwParticipantDetail *detail;
  LwRecordEditor *editor;
  GtkWidget *date;
  g_autofree char *value = NULL;
  AdwToast *toast_before;

  select_participant (f);
  detail = _lw_participants_page_get_detail (participants_page (f));
  toast_before = lw_toast_get_last_undo ();

  editor = open_detail_form (f, detail, "detail.log-contact");
  date = lw_record_editor_get_input (editor, "date");
  /* today, offered */
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (date)), ==, "2026-11-24");
  /* the first field has the keyboard */
  g_assert_true (gtk_widget_has_focus (date) || gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (f->window)), date));

  gtk_editable_set_text (GTK_EDITABLE (date), "2026-02-30");
  /* marked as it is typed */
  g_assert_true (gtk_widget_has_css_class (date, "error"));
  g_assert_false (lw_record_editor_save (editor));
  flush (f);

  g_assert_true (has_visible_error (GTK_WIDGET (detail), "not a date"));
  g_assert_true (has_visible_error (GTK_WIDGET (detail), "Nothing was saved"));
  g_assert_nonnull (lw_record_editor_get_message (editor, "date"));
  g_assert_true (lw_toast_get_last_undo () == toast_before);
  g_assert_cmpuint (count_contacts (f), ==, 1);

  /* a real date, but after today (LEAD_WORKGROUP_TODAY): refused too, at its field */
  gtk_editable_set_text (GTK_EDITABLE (date), "2026-12-24");
  g_assert_false (lw_record_editor_save (editor));
  flush (f);
  g_assert_nonnull (strstr (lw_record_editor_get_message (editor, "date"), "cannot be in the future"));
  g_assert_true (lw_toast_get_last_undo () == toast_before);
  g_assert_cmpuint (count_contacts (f), ==, 1);
  value = read_back (f, "last_contact");
  g_assert_cmpstr (value, ==, "1911-11-11");

  /* Escape cancels: nothing saved, the page is back */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "editor.cancel", NULL));
  flush (f);
  g_assert_false (lw_record_editor_is_open (editor));
  g_assert_cmpuint (count_contacts (f), ==, 1);

  /* today is fine */
  editor = open_detail_form (f, detail, "detail.log-contact");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "editor.save", NULL));
  flush (f);
  g_assert_cmpuint (count_contacts (f), ==, 2);
  g_clear_pointer (&value, g_free);
  value = read_back (f, "last_contact");
  g_assert_cmpstr (value, ==, "2026-11-24");
}

static void
test_action_items (Fixture       *f,
                   gconstpointer  data)
{
  LwActionsPage *page = LW_ACTIONS_PAGE (lw_test_ui_find_widget (_lw_window_get_main_page (f->window),
                                                      LW_TYPE_ACTIONS_PAGE));
  GListModel *model = _lw_actions_page_get_model (page);
  g_autoptr(GObject) entry = NULL;
  g_autoptr(LwActionItem) action = NULL;
  g_autoptr(GError) error = NULL;

  /* the filled item is dropped; ours is open, overdue, and its text is plan */
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 1);
  entry = g_list_model_get_item (model, 0);
  g_assert_cmpint (_lw_open_action_get_id (entry), ==, f->action_id);
  g_assert_cmpstr (_lw_open_action_get_text (entry), ==, "CANARY-action_item-text-" TAG);

  _lw_actions_page_set_filters (page, "nobody by that name", NULL, FALSE);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 0);
  _lw_actions_page_set_filters (page, "canary-person", "P-" TAG, TRUE);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 1);
  _lw_actions_page_set_filters (page, NULL, "P-0000", FALSE);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 0);
  /* no filter in use: every item again */
  _lw_actions_page_set_filters (page, NULL, NULL, FALSE);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 1);
  _lw_actions_page_set_filters (page, NULL, NULL, TRUE);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 1);
  _lw_actions_page_set_filters (page, "nobody by that name", NULL, TRUE);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 0);
  _lw_actions_page_set_filters (page, NULL, NULL, FALSE);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 1);

  g_assert_true (_lw_actions_page_mark (page, f->action_id, LW_ACTION_DONE));
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 0);
  action = lw_store_get (f->store, &lw_action_item_table, f->action_id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (action->status, ==, LW_ACTION_DONE);
  g_clear_pointer (&action, lw_record_free);

  click_undo (f);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 1);
  action = lw_store_get (f->store, &lw_action_item_table, f->action_id, &error);
  g_assert_cmpint (action->status, ==, LW_ACTION_OPEN);

  /* a community representative sees owner and due date, not the text */
  set_role ("community-representative");
  flush (f);
  g_clear_object (&entry);
  entry = g_list_model_get_item (model, 0);
  g_assert_null (_lw_open_action_get_text (entry));
}

static void
test_community_status (Fixture       *f,
                       gconstpointer  data)
{
  LwCommunityPage *page = LW_COMMUNITY_PAGE (lw_test_ui_find_widget (_lw_window_get_main_page (f->window),
                                                          LW_TYPE_COMMUNITY_PAGE));
  LwId id = fixture_id (f, "community_concern");
  g_autoptr(LwCommunityConcern) concern = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpuint (_lw_community_page_get_n_rows (page), ==, 1);
  g_assert_true (_lw_community_page_set_status (page, id, LW_CONCERN_RESPONDED));
  flush (f);
  concern = lw_store_get (f->store, &lw_community_concern_table, id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (concern->status, ==, LW_CONCERN_RESPONDED);
  g_clear_pointer (&concern, lw_record_free);

  click_undo (f);
  concern = lw_store_get (f->store, &lw_community_concern_table, id, &error);
  g_assert_cmpint (concern->status, ==, LW_CONCERN_CLOSED);
}

/* The demo program: search and sort */

static void
demo_setup (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  set_role ("project-manager");
  f->dir = lw_test_tmpdir ();
  f->store = lw_test_store_new (f->dir, "demo.lwdb");
  f->path = g_strdup (lw_store_get_path (f->store));
  f->ids = g_hash_table_new (g_str_hash, g_str_equal);
  g_assert_true (lw_demo_generate (f->store, 60, 1, &error));
  g_assert_no_error (error);
  open_window (f);
}

static void
search_for (Fixture    *f,
            const char *text)
{
  GtkEditable *search = _lw_participants_page_get_search (participants_page (f));

  gtk_editable_set_text (search, text);
  g_signal_emit_by_name (search, "search-changed");   /* not the typing delay */
  flush (f);
}

static LwParticipantRow *
row_at (GListModel *model,
        guint       i)
{
  LwParticipantRow *row = g_list_model_get_item (model, i);

  g_object_unref (row);   /* the store holds it */
  return row;
}

static void
test_list_search_sort (Fixture       *f,
                       gconstpointer  data)
{
  LwParticipantsPage *page = participants_page (f);
  GListModel *model = _lw_participants_page_get_model (page);
  g_autofree char *name = NULL;
  g_autofree char *folded = NULL;
  guint n;

  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 60);
  g_assert_cmpstr (lw_participant_row_get_code (row_at (model, 0)), ==, "P-0001");
  g_assert_cmpstr (lw_participant_row_get_code (row_at (model, 59)), ==, "P-0060");
  /* the project manager sees names and status */
  g_assert_cmpstr (lw_participant_row_get_name (row_at (model, 0)), !=, "");
  g_assert_cmpstr (lw_participant_row_get_status (row_at (model, 0)), !=, "");

  /* by code */
  search_for (f, "p-0042");
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 1);
  g_assert_cmpstr (lw_participant_row_get_code (row_at (model, 0)), ==, "P-0042");

  /* by name, any case: every match has it */
  search_for (f, "");
  name = g_strdup (lw_participant_row_get_name (row_at (model, 9)));
  search_for (f, name);
  n = g_list_model_get_n_items (model);
  g_assert_cmpuint (n, >=, 1);
  g_assert_cmpuint (n, <, 60);
  folded = g_utf8_casefold (name, -1);
  for (guint i = 0; i < n; i++)
    g_assert_nonnull (strstr (lw_participant_row_get_search_key (row_at (model, i)), folded));

  search_for (f, "no such participant");
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 0);
  {
    g_autofree char *text = lw_test_ui_all_text ();
    g_assert_nonnull (strstr (text, "0 of 60 participants shown."));
  }
  search_for (f, "");
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 60);

  /* sorts */
  _lw_participants_page_set_sort (page, LW_PARTICIPANT_SORT_NAME);
  for (guint i = 1; i < 60; i++)
    g_assert_cmpint (g_utf8_collate (lw_participant_row_get_name (row_at (model, i - 1)),
                                     lw_participant_row_get_name (row_at (model, i))), <=, 0);

  _lw_participants_page_set_sort (page, LW_PARTICIPANT_SORT_STATUS);
  for (guint i = 1; i < 60; i++)
    g_assert_cmpint (lw_participant_row_get_status_order (row_at (model, i - 1)), <=,
                     lw_participant_row_get_status_order (row_at (model, i)));
  g_assert_cmpint (lw_participant_row_get_status_order (row_at (model, 0)), ==, LW_STATUS_REFERRED);

  _lw_participants_page_set_sort (page, LW_PARTICIPANT_SORT_LAST_CONTACT);
  for (guint i = 1; i < 60; i++)
    {
      const char *a = lw_participant_row_get_last_contact (row_at (model, i - 1));
      const char *b = lw_participant_row_get_last_contact (row_at (model, i));

      if (b[0] != '\0')
        g_assert_cmpint (strcmp (a, b), <=, 0);
    }

  _lw_participants_page_set_sort (page, LW_PARTICIPANT_SORT_CODE);
  for (guint i = 1; i < 60; i++)
    g_assert_cmpint (strcmp (lw_participant_row_get_code (row_at (model, i - 1)),
                             lw_participant_row_get_code (row_at (model, i))), <, 0);

  /* The arrow keys walk the list: the participant under the cursor is shown
   * beside it and the keys stay in the list (side by side, not folded) */
  {
    GtkWidget *list = GTK_WIDGET (_lw_participants_page_get_list_view (page));
    GtkSelectionModel *selection = gtk_grid_view_get_model (GTK_GRID_VIEW (list));
    GtkWidget *focus;

    g_assert_true (gtk_widget_grab_focus (gtk_widget_get_first_child (list)));
    flush (f);
    g_assert_true (gtk_selection_model_select_item (selection, 2, TRUE));
    flush (f);
    g_assert_cmpint (lw_participant_detail_get_id (_lw_participants_page_get_detail (page)), ==,
                     lw_participant_row_get_id (row_at (model, 2)));
    focus = gtk_window_get_focus (GTK_WINDOW (f->window));
    g_assert_nonnull (focus);
    g_assert_true (focus == list || gtk_widget_is_ancestor (focus, list));
  }

  /* Enter on a row opens it and the keys go on into the participant */
  {
    GtkWidget *list = GTK_WIDGET (_lw_participants_page_get_list_view (page));
    GtkWidget *focus;

    g_signal_emit_by_name (list, "activate", 4);
    flush (f);
    g_assert_cmpint (lw_participant_detail_get_id (_lw_participants_page_get_detail (page)), ==,
                     lw_participant_row_get_id (row_at (model, 4)));
    focus = gtk_window_get_focus (GTK_WINDOW (f->window));
    g_assert_nonnull (focus);
    g_assert_true (gtk_widget_is_ancestor (focus, GTK_WIDGET (_lw_participants_page_get_detail (page))));
  }

  /* Ctrl+F from elsewhere in the window: the participants page and its search */
  adw_view_stack_set_visible_child_name (view_stack (f), "community");
  flush (f);
  {
    GtkWidget *focus;

    /* GTK 4 has no key injection in tests: activate what Ctrl+F triggers */
    g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (GTK_WIDGET (page));
    gboolean found = FALSE;

    for (guint i = 0; i < g_list_model_get_n_items (controllers) && !found; i++)
      {
        g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

        if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
          continue;
        g_assert_cmpint (gtk_shortcut_controller_get_scope (GTK_SHORTCUT_CONTROLLER (controller)),
                         ==, GTK_SHORTCUT_SCOPE_GLOBAL);
        for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (controller)) && !found; j++)
          {
            g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), j);
            g_autofree char *trigger = gtk_shortcut_trigger_to_string (gtk_shortcut_get_trigger (shortcut));

            if (g_str_equal (trigger, "<Control>f"))
              {
                found = TRUE;
                g_assert_true (gtk_shortcut_action_activate (gtk_shortcut_get_action (shortcut), 0,
                                                             GTK_WIDGET (page), NULL));
              }
          }
      }
    g_assert_true (found);
    flush (f);
    g_assert_cmpstr (adw_view_stack_get_visible_child_name (view_stack (f)), ==, "participants");
    focus = gtk_window_get_focus (GTK_WINDOW (f->window));
    g_assert_nonnull (focus);
    g_assert_true (gtk_widget_is_ancestor (focus, GTK_WIDGET (_lw_participants_page_get_search (page))) ||
                   focus == GTK_WIDGET (_lw_participants_page_get_search (page)));
  }
}

static void
test_preferences (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GSettings) settings = lw_settings_dup_gsettings ();
  GtkWidget *window;
  GtkWidget *role_row;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.preferences", NULL));
  flush (f);
  window = NULL;
  {
    GListModel *toplevels = gtk_window_get_toplevels ();

    for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
      {
        g_autoptr(GtkWidget) toplevel = g_list_model_get_item (toplevels, i);

        if (LW_IS_PREFERENCES_WINDOW (toplevel))
          window = toplevel;
      }
  }
  g_assert_nonnull (window);

  role_row = find_row (window, "Role at the _Keyboard");
  g_assert_nonnull (role_row);
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (role_row)), ==, LW_ROLE_PROJECT_MANAGER);
  adw_combo_row_set_selected (ADW_COMBO_ROW (role_row), LW_ROLE_POLICE_OFFICER);
  {
    g_autofree char *role = g_settings_get_string (settings, "viewer-role");
    g_assert_cmpstr (role, ==, "police-officer");
  }
  g_assert_cmpint (lw_settings_get_viewer_role (), ==, LW_ROLE_POLICE_OFFICER);

  g_settings_set_uint (settings, "idle-lock-minutes", 12);
  flush (f);
  {
    GtkWidget *spin = lw_test_ui_find_widget (window, GTK_TYPE_SPIN_BUTTON);
    g_assert_cmpfloat (gtk_spin_button_get_value (GTK_SPIN_BUTTON (spin)), ==, 12);
  }
  g_settings_reset (settings, "idle-lock-minutes");

  gtk_window_destroy (GTK_WINDOW (window));
  flush (f);
}


static gboolean
list_filling (gpointer data)
{
  return !_lw_participants_page_get_complete (data);
}

/* A program too large to make every row at once: the list comes at once in
 * code order, the rows on screen first; search reads codes and a sort waits
 * until a worker has made every row, then both read names.  A reload or a
 * lock while it works leaves nothing of it. */
static void
test_list_in_background (Fixture       *f,
                         gconstpointer  data)
{
  LwParticipantsPage *page = participants_page (f);
  GListModel *model = _lw_participants_page_get_model (page);
  g_autofree char *name = NULL;

  _lw_participants_page_set_sync_limit (page, 0);
  lw_participants_page_reload (page);
  g_assert_false (_lw_participants_page_get_complete (page));
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 60);
  g_assert_cmpstr (lw_participant_row_get_code (row_at (model, 0)), ==, "P-0001");
  g_assert_cmpstr (lw_participant_row_get_code (row_at (model, 59)), ==, "P-0060");

  /* before the worker is done: a sort waits, a search reads the codes */
  _lw_participants_page_set_sort (page, LW_PARTICIPANT_SORT_NAME);
  g_assert_cmpstr (lw_participant_row_get_code (row_at (model, 0)), ==, "P-0001");
  {
    GtkEditable *search = _lw_participants_page_get_search (page);

    gtk_editable_set_text (search, "p-0042");
    g_signal_emit_by_name (search, "search-changed");
  }
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 1);

  lw_test_ui_wait_while (list_filling, page, 20);
  g_assert_true (_lw_participants_page_get_complete (page));
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 1);
  g_assert_cmpstr (lw_participant_row_get_code (row_at (model, 0)), ==, "P-0042");
  g_assert_false (lw_participant_row_get_pending (row_at (model, 0)));
  name = g_strdup (lw_participant_row_get_name (row_at (model, 0)));
  g_assert_cmpstr (name, !=, "");
  search_for (f, "");
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 60);
  /* now the sort asked for earlier */
  for (guint i = 1; i < 60; i++)
    g_assert_cmpint (g_utf8_collate (lw_participant_row_get_name (row_at (model, i - 1)),
                                     lw_participant_row_get_name (row_at (model, i))), <=, 0);
  /* and a search by name */
  search_for (f, name);
  g_assert_cmpuint (g_list_model_get_n_items (model), >=, 1);
  search_for (f, "");

  /* a reload, then a lock, while the worker runs */
  lw_participants_page_reload (page);
  lw_participants_page_reload (page);
  g_assert_false (_lw_participants_page_get_complete (page));
  lock_and_check (f);
}

static gboolean
actions_loading (gpointer data)
{
  return _lw_actions_page_get_loading (data);
}

/* Action items of a large program are read by a worker; shown again without
 * a change in between, the page is not read again; after a change it is. */
static void
test_actions_in_background (Fixture       *f,
                            gconstpointer  data)
{
  LwActionsPage *page = LW_ACTIONS_PAGE (lw_test_ui_find_widget (_lw_window_get_main_page (f->window),
                                                                 LW_TYPE_ACTIONS_PAGE));
  GListModel *model = _lw_actions_page_get_model (page);
  g_autoptr(GObject) entry = NULL;

  _lw_actions_page_set_sync_limit (page, 0);
  lw_actions_page_reload (page);
  g_assert_true (_lw_actions_page_get_loading (page));
  lw_test_ui_wait_while (actions_loading, page, 20);
  g_assert_false (_lw_actions_page_get_loading (page));
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 1);
  entry = g_list_model_get_item (model, 0);
  g_assert_cmpint (_lw_open_action_get_id (entry), ==, f->action_id);
  g_assert_cmpstr (_lw_open_action_get_text (entry), ==, "CANARY-action_item-text-" TAG);

  /* shown again, nothing changed: not read again */
  adw_view_stack_set_visible_child_name (view_stack (f), "participants");
  flush (f);
  adw_view_stack_set_visible_child_name (view_stack (f), "action-items");
  flush (f);
  g_assert_false (_lw_actions_page_get_loading (page));
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 1);

  /* a participant looked at (an audit entry): still not read again */
  adw_view_stack_set_visible_child_name (view_stack (f), "participants");
  select_participant (f);
  adw_view_stack_set_visible_child_name (view_stack (f), "action-items");
  flush (f);
  g_assert_false (_lw_actions_page_get_loading (page));

  /* an item closed elsewhere: read again when shown */
  adw_view_stack_set_visible_child_name (view_stack (f), "participants");
  flush (f);
  g_assert_true (lw_agenda_set_action_status (f->store, f->action_id, LW_ACTION_DONE, NULL));
  adw_view_stack_set_visible_child_name (view_stack (f), "action-items");
  flush (f);
  lw_test_ui_wait_while (actions_loading, page, 20);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 0);

  /* a lock while it reads: nothing of it left */
  g_assert_true (lw_agenda_set_action_status (f->store, f->action_id, LW_ACTION_OPEN, NULL));
  lw_actions_page_reload (page);
  g_assert_true (_lw_actions_page_get_loading (page));
  lock_and_check (f);
}

/* Years of meetings: the newest 40 listed, the older ones on request. */
static void
many_meetings_setup (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  set_role ("project-manager");
  f->dir = lw_test_tmpdir ();
  f->store = lw_test_store_new (f->dir, "meetings.lwdb");
  f->path = g_strdup (lw_store_get_path (f->store));
  f->ids = g_hash_table_new (g_str_hash, g_str_equal);
  for (int i = 0; i < 95; i++)
    {
      g_autoptr(LwMeeting) m = lw_meeting_new ();

      m->date = lw_date_add_days ("2023-01-03", 14 * i);
      m->place = g_strdup ("Room 204");
      m->length_minutes = 90;
      m->status = LW_MEETING_CLOSED;
      g_assert_true (lw_store_insert (f->store, m, &error));
    }
  open_window (f);
}

static guint
count_rows (GtkListBox *list)
{
  guint n = 0;

  while (gtk_list_box_get_row_at_index (list, n) != NULL)
    n++;
  return n;
}

typedef struct
{
  GtkListBox *list;
  guint       n;
} RowsWanted;

static gboolean
fewer_rows_than (gpointer data)
{
  const RowsWanted *wanted = data;

  return count_rows (wanted->list) < wanted->n;
}

static void
test_older_meetings (Fixture       *f,
                     gconstpointer  data)
{
  GtkWidget *meetings = lw_main_page_get_meetings_page (LW_MAIN_PAGE (_lw_window_get_main_page (f->window)));
  GtkListBox *list = _lw_meetings_page_get_list (LW_MEETINGS_PAGE (meetings));
  GtkListBoxRow *older;

  /* given to the list over its first frames: the first rows at once */
  g_assert_cmpuint (count_rows (list), >, 0);
  g_assert_cmpuint (count_rows (list), <, 41);
  adw_view_stack_set_visible_child_name (view_stack (f), "meetings");
  /* the frame that shows it lays out the first 20 alone (lw-rows-growth.c) */
  gtk_test_widget_wait_for_draw (GTK_WIDGET (f->window));
  g_assert_cmpuint (count_rows (list), ==, 20);
  lw_test_ui_wait_while (fewer_rows_than, &(RowsWanted) { list, 41 }, 10);
  /* the newest 40, then a row for the 55 older */
  g_assert_cmpuint (count_rows (list), ==, 41);
  older = gtk_list_box_get_row_at_index (list, 40);
  g_assert_null (g_object_get_data (G_OBJECT (older), "lw-meeting-id"));
  g_assert_nonnull (strstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (older)), "55"));
  g_signal_emit_by_name (list, "row-activated", older);
  flush (f);
  g_assert_cmpuint (count_rows (list), ==, 81);
  older = gtk_list_box_get_row_at_index (list, 80);
  g_signal_emit_by_name (list, "row-activated", older);
  flush (f);
  /* all of them now, oldest last, and no row for more */
  g_assert_cmpuint (count_rows (list), ==, 95);
  g_assert_nonnull (g_object_get_data (G_OBJECT (gtk_list_box_get_row_at_index (list, 94)), "lw-meeting-id"));
}

/* Visible rows of the detail, depth first, and all of them. */
static void
detail_rows (GtkWidget *widget,
             GPtrArray *rows,
             guint     *n_visible)
{
  if (ADW_IS_PREFERENCES_ROW (widget))
    {
      g_ptr_array_add (rows, widget);
      if (gtk_widget_is_visible (widget))
        (*n_visible)++;
      return;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    detail_rows (child, rows, n_visible);
}

/* A participant with many records: the detail draws its first rows at once
 * and the others in the next idles, each row there from the start with what
 * it shows; a lock while rows wait leaves nothing behind. */
static void
test_rows_held_back (Fixture       *f,
                     gconstpointer  data)
{
  LwParticipantDetail *detail = _lw_participants_page_get_detail (participants_page (f));
  g_autoptr(GPtrArray) first = g_ptr_array_new ();
  g_autoptr(GPtrArray) all = g_ptr_array_new ();
  g_autofree char *first_text = NULL;
  g_autofree char *all_text = NULL;
  guint n_first = 0, n_all = 0;

  for (int i = 0; i < 30; i++)
    {
      g_autoptr(LwContact) c = lw_contact_new ();
      g_autoptr(GError) error = NULL;

      c->participant_id = fixture_id (f, "participant");
      c->date = g_strdup_printf ("2026-10-%02d", 1 + i % 28);
      c->kind = LW_CONTACT_PHONE;
      c->note = g_strdup_printf ("Synthetic contact note %d", i);
      g_assert_true (lw_store_insert (f->store, c, &error));
      g_assert_no_error (error);
    }
  g_assert_true (_lw_participants_page_select (participants_page (f), fixture_id (f, "participant")));
  g_assert_false (_lw_participant_detail_is_complete (detail));
  detail_rows (GTK_WIDGET (detail), first, &n_first);
  first_text = lw_test_ui_all_text ();
  g_assert_cmpuint (first->len, >, 30);
  g_assert_cmpuint (n_first, <, first->len);
  g_assert_cmpuint (n_first, >, 0);
  /* every contact is in the detail already, shown or not */
  g_assert_nonnull (strstr (first_text, "Synthetic contact note 0\n"));
  g_assert_nonnull (strstr (first_text, "Synthetic contact note 29\n"));

  for (int i = 0; i < 100 && !_lw_participant_detail_is_complete (detail); i++)
    flush (f);
  g_assert_true (_lw_participant_detail_is_complete (detail));
  detail_rows (GTK_WIDGET (detail), all, &n_all);
  g_assert_cmpuint (all->len, ==, first->len);
  g_assert_cmpuint (n_all, ==, all->len);
  all_text = lw_test_ui_all_text ();
  g_assert_cmpstr (all_text, ==, first_text);

  /* shown again, and locked before the rows are all shown */
  g_assert_true (_lw_participants_page_select (participants_page (f), fixture_id (f, "participant")));
  g_assert_false (_lw_participant_detail_is_complete (detail));
  lock_and_check (f);
}


static gboolean
view_short (gpointer data)
{
  LwParticipantsPage *page = data;
  GListModel *shown = G_LIST_MODEL (gtk_grid_view_get_model (_lw_participants_page_get_list_view (page)));

  return g_list_model_get_n_items (shown) < g_list_model_get_n_items (_lw_participants_page_get_model (page));
}

/* A large list gives its view the first rows before the first frame and the
 * rest over the frames after; a participant far down can be chosen at once
 * all the same.  The view makes widgets for about the rows on screen, not
 * for every row it is given (GTK 4.8's list view would make up to 200). */
static void
test_first_rows (Fixture       *f,
                 gconstpointer  data)
{
  LwParticipantsPage *page = participants_page (f);
  GListModel *model = _lw_participants_page_get_model (page);
  GtkWidget *list = GTK_WIDGET (_lw_participants_page_get_list_view (page));
  GListModel *shown = G_LIST_MODEL (gtk_grid_view_get_model (GTK_GRID_VIEW (list)));
  guint n_widgets = 0;
  LwId far;

  /* small: every row at once */
  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, 60);

  /* drawn: widgets for a screen of rows and a few more, not for all 60 */
  adw_view_stack_set_visible_child_name (view_stack (f), "participants");
  flush (f);
  g_assert_true (gtk_widget_get_mapped (list));
  for (GtkWidget *child = gtk_widget_get_first_child (list); child != NULL; child = gtk_widget_get_next_sibling (child))
    n_widgets++;
  g_test_message ("%u row widgets for 60 rows, the list %d px high", n_widgets, gtk_widget_get_height (list));
  g_assert_cmpuint (n_widgets, >=, 5);
  g_assert_cmpuint (n_widgets, <=, 40);

  _lw_participants_page_set_sync_limit (page, 0);
  lw_participants_page_reload (page);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 60);
  g_assert_cmpuint (g_list_model_get_n_items (shown), <, 60);
  g_assert_cmpuint (g_list_model_get_n_items (shown), >, 0);
  lw_test_ui_wait_while (view_short, page, 10);
  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, 60);

  /* chosen before the view has every row */
  lw_participants_page_reload (page);
  g_assert_cmpuint (g_list_model_get_n_items (shown), <, 60);
  far = lw_participant_row_get_id (row_at (model, 54));
  g_assert_true (_lw_participants_page_select (page, far));
  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, 60);
  g_assert_cmpuint (gtk_single_selection_get_selected (GTK_SINGLE_SELECTION (shown)), ==, 54);
  flush (f);
  g_assert_cmpint (lw_participant_detail_get_id (_lw_participants_page_get_detail (page)), ==, far);
  lw_test_ui_wait_while (list_filling, page, 20);
}

int
main (int   argc,
      char *argv[])
{
  static const char * const paths[] = {
    "/lw/participants-ui/case-manager-sees-all",
    "/lw/participants-ui/community-sees-no-secrets",
    "/lw/participants-ui/edit-and-undo",
    "/lw/participants-ui/impossible-date",
    "/lw/participants-ui/action-items",
    "/lw/participants-ui/community-status",
    "/lw/participants-ui/list-search-sort",
    "/lw/participants-ui/preferences",
    "/lw/participants-ui/values-read-first",
    "/lw/participants-ui/list-in-background",
    "/lw/participants-ui/actions-in-background",
    "/lw/participants-ui/older-meetings",
    "/lw/participants-ui/rows-held-back",
    "/lw/participants-ui/first-rows",
  };

  g_setenv ("LEAD_WORKGROUP_TEST_WEAK_KDF", "1", TRUE);
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);

  if (!lw_test_ui_init (&argc, &argv, paths, G_N_ELEMENTS (paths)))
    return g_test_run ();

  if (!lw_test_ui_have_schema ())
    {
      /* the viewer role is a setting: without the schema nothing here means anything */
      for (guint i = 0; i < G_N_ELEMENTS (paths); i++)
        g_test_add_func (paths[i], lw_test_ui_skip_no_display);
      return g_test_run ();
    }

  g_test_add (paths[0], Fixture, "case-manager", fixture_setup, test_case_manager_sees_all, fixture_teardown);
  g_test_add (paths[1], Fixture, "case-manager", fixture_setup, test_community_sees_no_secrets, fixture_teardown);
  g_test_add (paths[2], Fixture, "case-manager", fixture_setup, test_edit_and_undo, fixture_teardown);
  g_test_add (paths[3], Fixture, "case-manager", fixture_setup, test_impossible_date, fixture_teardown);
  g_test_add (paths[4], Fixture, "project-manager", fixture_setup, test_action_items, fixture_teardown);
  g_test_add (paths[5], Fixture, "project-manager", fixture_setup, test_community_status, fixture_teardown);
  g_test_add (paths[6], Fixture, NULL, demo_setup, test_list_search_sort, fixture_teardown);
  g_test_add (paths[7], Fixture, NULL, demo_setup, test_preferences, fixture_teardown);
  g_test_add (paths[8], Fixture, "case-manager", fixture_setup, test_values_read_first, fixture_teardown);
  g_test_add (paths[9], Fixture, NULL, demo_setup, test_list_in_background, fixture_teardown);
  g_test_add (paths[10], Fixture, "project-manager", fixture_setup, test_actions_in_background, fixture_teardown);
  g_test_add (paths[11], Fixture, NULL, many_meetings_setup, test_older_meetings, fixture_teardown);
  g_test_add (paths[12], Fixture, "case-manager", fixture_setup, test_rows_held_back, fixture_teardown);
  g_test_add (paths[13], Fixture, NULL, demo_setup, test_first_rows, fixture_teardown);

  return g_test_run ();
}
