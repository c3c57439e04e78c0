/* test-records-ui.c: a program kept from nothing, through the app's own forms — under Xvfb
 *
 * The first run: New Program (a weak passphrase, two that differ and a missing
 * project manager refused, nothing written), the empty states, a member, a new
 * referral, an IIP goal, a contact, a release of information and a meeting with
 * that participant on its agenda, all through the app's actions and widgets;
 * then the file is opened again and every record read back, and the canaries
 * typed into the forms are found in neither the file nor its WAL.  A role that
 * may not write gets no button and a form that cannot save; locking with a form
 * open leaves nothing of it on screen and loses nothing saved; Undo takes back a
 * new record, an edit and a deletion, and a deletion history depends on is
 * refused with the reason.  Save and Undo write as the role at the keyboard
 * when pressed, over the row as it is then, and no log message (debug ones
 * included) holds a canary.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "lw/lw-audit.h"
#include "lw/lw-edit.h"
#include "lw/lw-model.h"
#include "lw/lw-policy.h"
#include "lw/lw-vault.h"
#include "lw-actions-page.h"
#include "lw-meeting-prep.h"
#include "lw-meetings-page.h"
#include "lw-members-page.h"
#include "lw-new-program-page-private.h"
#include "lw-participants-page-private.h"
#include "lw-record-editor.h"
#include "lw-settings.h"
#include "lw-test-ui.h"
#include "lw-test-util.h"
#include "lw-toast.h"
#include "lw-unlock-page-private.h"
#include "lw-window-private.h"

#define TAG "rec"
#define STRONG "Harbor-lantern-7-quietly-Tuesday"
#define CANARY_LEGAL "CANARY-typed-legal-name"
#define CANARY_GOAL "CANARY-typed-goal-text"
#define CANARY_NOTE "CANARY-typed-contact-note"
#define CANARY_UNSAVED "CANARY-typed-never-saved"

typedef struct
{
  char       *dir;
  char       *path;
  LwStore    *store;     /* NULL in the first run: the window's own */
  LwWindow   *window;
  GHashTable *ids;
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
fixture_id (Fixture    *f,
            const char *table)
{
  return GPOINTER_TO_INT (g_hash_table_lookup (f->ids, table));
}

static LwStore *
store_of (Fixture *f)
{
  LwStore *store = lw_window_get_store (f->window);

  g_assert_nonnull (store);
  g_assert_true (lw_store_is_unlocked (store));
  return store;
}

static GtkWidget *
main_page (Fixture *f)
{
  GtkWidget *page = _lw_window_get_main_page (f->window);

  g_assert_nonnull (page);
  return page;
}

static GtkWidget *
find_in_main (Fixture *f,
              GType    type)
{
  GtkWidget *widget = lw_test_ui_find_widget (main_page (f), type);

  g_assert_nonnull (widget);
  return widget;
}

static void
show_section (Fixture    *f,
              const char *name)
{
  g_assert_true (gtk_widget_activate_action (main_page (f), "main-page.show-page", "s", name));
  flush (f);
}

static gboolean
has_action_name (GtkWidget     *widget,
                 gconstpointer  name)
{
  return GTK_IS_ACTIONABLE (widget) && gtk_widget_get_mapped (widget) &&
         g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), name) == 0;
}

/* A button on screen that activates action. */
static GtkWidget *
button_for (GtkWidget  *root,
            const char *action)
{
  return lw_test_ui_find_matching (root, has_action_name, action);
}

static char *
all_text (void)
{
  return lw_test_ui_all_text ();
}

static void
assert_text (const char *needle)
{
  g_autofree char *text = all_text ();

  if (strstr (text, needle) == NULL)
    g_error ("“%s” is not on screen", needle);
}

static guint
count_rows (LwStore           *store,
            const LwTableInfo *table)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = lw_store_list (store, table, NULL, 0, &error);

  g_assert_no_error (error);
  return rows->len;
}

static const char *
undo_title (void)
{
  AdwToast *toast = lw_toast_get_last_undo ();

  g_assert_nonnull (toast);
  return adw_toast_get_title (toast);
}

static void
click_undo (Fixture *f)
{
  g_signal_emit_by_name (lw_toast_get_last_undo (), "button-clicked");
  flush (f);
}

static void
fill (LwRecordEditor *editor,
      const char     *column,
      const char     *text)
{
  if (!lw_record_editor_set_text (editor, column, text))
    g_error ("The form offers no field %s to set to “%s”", column, text);
}

static LwParticipantsPage *
participants_page (Fixture *f)
{
  return LW_PARTICIPANTS_PAGE (find_in_main (f, LW_TYPE_PARTICIPANTS_PAGE));
}

static LwParticipantDetail *
detail_of (Fixture *f)
{
  return _lw_participants_page_get_detail (participants_page (f));
}

static LwRecordEditor *
open_detail_form (Fixture    *f,
                  const char *action)
{
  LwRecordEditor *editor = lw_participant_detail_get_editor (detail_of (f));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (detail_of (f)), action, NULL));
  flush (f);
  g_assert_true (lw_record_editor_is_open (editor));
  return editor;
}

static void
select_participant (Fixture *f,
                    LwId     id)
{
  g_assert_true (_lw_participants_page_select (participants_page (f), id));
  flush (f);
  g_assert_cmpint (lw_participant_detail_get_id (detail_of (f)), ==, id);
}

/* The keyboard is in widget (or a widget inside it). */
static gboolean
has_keyboard (Fixture   *f,
              GtkWidget *widget)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (f->window));

  return focus != NULL && (focus == widget || gtk_widget_is_ancestor (focus, widget));
}

/* ----------------------------------------------------------------------------
 * The first run
 */

static void
first_run_setup (Fixture       *f,
                 gconstpointer  data)
{
  set_role ("evaluator");   /* whatever it was: a new program's maker is its project manager */
  f->dir = lw_test_tmpdir ();
  f->path = g_build_filename (f->dir, "harbor.lwdb", NULL);
  f->window = lw_window_new (NULL);
  gtk_window_set_default_size (GTK_WINDOW (f->window), 1280, 720);
  lw_window_show_missing (f->window, f->path);
  gtk_window_present (GTK_WINDOW (f->window));
  flush (f);
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
  lw_test_ui_destroy_toplevels (NULL);
  g_clear_pointer (&f->store, lw_store_free);
  g_clear_pointer (&f->ids, g_hash_table_unref);
  lw_test_tmpdir_remove (f->dir);
  g_free (f->dir);
  g_free (f->path);
  set_role ("project-manager");
}

static gboolean
creating (gpointer data)
{
  return lw_new_program_page_get_busy (data);
}

static void
type_in (LwNewProgramPage *page,
         const char       *row,
         const char       *text)
{
  gtk_editable_set_text (_lw_new_program_page_get_row (page, row), text);
}

/* Create is refused with message under group; no file appears. */
static void
assert_refused (Fixture          *f,
                LwNewProgramPage *page,
                const char       *group,
                const char       *needle)
{
  GtkLabel *message = _lw_new_program_page_get_message (page, group);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "new-program.create", NULL));
  flush (f);
  g_assert_false (lw_new_program_page_get_busy (page));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (message)));
  if (strstr (gtk_label_get_text (message), needle) == NULL)
    g_error ("Expected “%s” under %s, got “%s”", needle, group, gtk_label_get_text (message));
  g_assert_false (g_file_test (f->path, G_FILE_TEST_EXISTS));
  g_assert_cmpstr (lw_window_get_page_name (f->window), ==, "new-program");
}

static void
new_program (Fixture *f)
{
  LwNewProgramPage *page;
  g_autofree char *text = all_text ();

  /* the first-run page starts a program; no terminal needed */
  g_assert_cmpstr (lw_window_get_page_name (f->window), ==, "welcome");
  g_assert_null (strstr (text, "terminal"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.new-program", NULL));
  flush (f);
  g_assert_cmpstr (lw_window_get_page_name (f->window), ==, "new-program");
  page = LW_NEW_PROGRAM_PAGE (_lw_window_get_new_program_page (f->window));

  /* the file that was missing is offered; the first empty field has the keyboard */
  g_assert_cmpstr (gtk_editable_get_text (_lw_new_program_page_get_row (page, "file")), ==, f->path);
  g_assert_true (has_keyboard (f, GTK_WIDGET (_lw_new_program_page_get_row (page, "name"))));

  type_in (page, "name", "Harbor LEAD");
  type_in (page, "member", "Dana Reyes");
  type_in (page, "agency", "Harbor LEAD Office");

  /* libpwquality's verdict, as it is typed and when creating */
  type_in (page, "passphrase", "demo");
  type_in (page, "repeat", "demo");
  g_assert_nonnull (strstr (gtk_label_get_text (_lw_new_program_page_get_message (page, "strength")), "Too weak"));
  assert_refused (f, page, "passphrase", "too weak");

  type_in (page, "passphrase", STRONG);
  g_assert_null (strstr (gtk_label_get_text (_lw_new_program_page_get_message (page, "strength")), "Too weak"));
  type_in (page, "repeat", STRONG "!");
  assert_refused (f, page, "passphrase", "differ");

  type_in (page, "repeat", STRONG);
  type_in (page, "member", "");
  assert_refused (f, page, "member", "project manager");
  type_in (page, "member", "Dana Reyes");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "new-program.create", NULL));
  lw_test_ui_wait_while (creating, page, 60);
  flush (f);
  g_assert_cmpstr (lw_window_get_page_name (f->window), ==, "main");
  g_assert_true (g_file_test (f->path, G_FILE_TEST_EXISTS));
  g_assert_cmpstr (lw_store_get_path (store_of (f)), ==, f->path);
  g_assert_cmpint (lw_settings_get_viewer_role (), ==, LW_ROLE_PROJECT_MANAGER);
  /* the passphrases went with the form */
  g_assert_cmpstr (gtk_editable_get_text (_lw_new_program_page_get_row (page, "passphrase")), ==, "");
  g_assert_cmpstr (gtk_editable_get_text (_lw_new_program_page_get_row (page, "repeat")), ==, "");
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* Names in f->dir, sorted and joined: what a refusal must leave as it was. */
static char *
dir_listing (Fixture *f)
{
  g_autoptr(GDir) dir = g_dir_open (f->dir, 0, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_names);
  g_ptr_array_add (names, NULL);
  return g_strjoinv ("/", (char **) names->pdata);
}

/* Create, wait for the worker if one starts; the message is under group, at
 * the row that has the keyboard, and the folder is as it was. */
static void
assert_refused_at (Fixture          *f,
                   LwNewProgramPage *page,
                   const char       *row,
                   const char       *group,
                   const char       *needle)
{
  GtkLabel *message = _lw_new_program_page_get_message (page, group);
  g_autofree char *before = dir_listing (f);
  g_autofree char *after = NULL;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "new-program.create", NULL));
  lw_test_ui_wait_while (creating, page, 60);
  flush (f);
  g_assert_cmpstr (lw_window_get_page_name (f->window), ==, "new-program");
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (message)));
  if (strstr (gtk_label_get_text (message), needle) == NULL)
    g_error ("Expected “%s” under %s, got “%s”", needle, group, gtk_label_get_text (message));
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (_lw_new_program_page_get_row (page, row)), "error"));
  g_assert_true (has_keyboard (f, GTK_WIDGET (_lw_new_program_page_get_row (page, row))));
  after = dir_listing (f);
  g_assert_cmpstr (after, ==, before);
}

/* Places and names that cannot be a new program: one message at the field,
 * nothing created. */
static void
test_new_program_refused (Fixture       *f,
                          gconstpointer  data)
{
  LwNewProgramPage *page;
  g_autofree char *folder = g_build_filename (f->dir, "Programs", NULL);
  g_autofree char *existing = g_build_filename (f->dir, "old.lwdb", NULL);
  g_autofree char *under_file = g_build_filename (existing, "x.lwdb", NULL);
  g_autofree char *long_name = g_strnfill (LW_NEW_PROGRAM_MAX_NAME + 1, 'N');
  g_autofree char *long_member = g_strnfill (16 * 1024 + 1, 'M');
  g_autofree char *at_most_name = g_strnfill (LW_NEW_PROGRAM_MAX_NAME, 'N');

  g_assert_cmpint (g_mkdir_with_parents (folder, 0700), ==, 0);
  g_assert_true (g_file_set_contents (existing, "not a program", -1, NULL));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.new-program", NULL));
  flush (f);
  page = LW_NEW_PROGRAM_PAGE (_lw_window_get_new_program_page (f->window));
  type_in (page, "name", "Harbor LEAD");
  type_in (page, "passphrase", STRONG);
  type_in (page, "repeat", STRONG);
  type_in (page, "member", "Dana Reyes");

  /* an existing folder is not "a file of that name" to open */
  type_in (page, "file", folder);
  assert_refused_at (f, page, "file", "program", "is a folder");
  g_assert_null (strstr (gtk_label_get_text (_lw_new_program_page_get_message (page, "program")), "Open File"));
  type_in (page, "file", existing);
  assert_refused_at (f, page, "file", "program", "There is a file of that name already");
  {
    g_autofree char *kept = NULL;

    g_assert_true (g_file_get_contents (existing, &kept, NULL, NULL));
    g_assert_cmpstr (kept, ==, "not a program");
  }
  type_in (page, "file", under_file);
  assert_refused_at (f, page, "file", "program", "cannot be made");
  /* a place nobody may write in, even the super-user */
  type_in (page, "file", "/proc/lw-test-program.lwdb");
  assert_refused_at (f, page, "file", "program", "could not be created");
  g_assert_false (g_file_test ("/proc/lw-test-program.lwdb", G_FILE_TEST_EXISTS));

  /* over-long text is refused at its field, before a second of Argon2id */
  type_in (page, "file", f->path);
  type_in (page, "name", long_name);
  assert_refused_at (f, page, "name", "program", "too long");
  type_in (page, "name", at_most_name);
  type_in (page, "member", long_member);
  assert_refused_at (f, page, "member", "member", "too long");
  type_in (page, "member", "Dana Reyes");
  type_in (page, "agency", long_member);
  assert_refused_at (f, page, "agency", "member", "too long");
  type_in (page, "agency", "");
  g_assert_false (g_file_test (f->path, G_FILE_TEST_EXISTS));

  /* and the longest name allowed makes a program */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "new-program.create", NULL));
  lw_test_ui_wait_while (creating, page, 60);
  flush (f);
  g_assert_cmpstr (lw_window_get_page_name (f->window), ==, "main");
  g_assert_true (g_file_test (f->path, G_FILE_TEST_IS_REGULAR));
}

static void
empty_states (Fixture *f)
{
  GtkWidget *button;

  /* Participants: what to do first, with the keyboard on it */
  assert_text ("No Participants Yet");
  button = lw_test_ui_find_matching (main_page (f), lw_test_ui_is_button_labelled, "_New Referral");
  g_assert_nonnull (button);
  g_assert_true (gtk_widget_get_mapped (button));
  g_assert_true (has_keyboard (f, button));

  show_section (f, "meetings");
  assert_text ("No Meetings Yet");
  g_assert_nonnull (button_for (main_page (f), "meetings.new"));
  show_section (f, "action-items");
  assert_text ("No Open Action Items");
  g_assert_nonnull (button_for (main_page (f), "main-page.new-meeting"));
  show_section (f, "community");
  assert_text ("No Community Concerns");
  g_assert_nonnull (button_for (main_page (f), "community.new"));
  show_section (f, "workgroup");
  assert_text ("Dana Reyes");
  assert_text ("Harbor LEAD Office");
}

static LwId
add_member (Fixture *f)
{
  LwMembersPage *page = LW_MEMBERS_PAGE (find_in_main (f, LW_TYPE_MEMBERS_PAGE));
  LwRecordEditor *editor = lw_members_page_get_editor (page);
  g_autoptr(LwPerson) found = NULL;
  g_autoptr(GError) error = NULL;

  show_section (f, "workgroup");
  /* Ctrl+N on the section: a new member */
  g_assert_true (gtk_widget_activate_action (main_page (f), "main-page.new", NULL));
  flush (f);
  g_assert_true (lw_record_editor_is_open (editor));
  g_assert_true (has_keyboard (f, lw_record_editor_get_input (editor, "name")));
  fill (editor, "name", "Riley Sample");
  fill (editor, "role", "case-manager");
  fill (editor, "agency", "Harbor Clinic");
  /* Enter in a field saves */
  g_signal_emit_by_name (lw_record_editor_get_input (editor, "agency"), "entry-activated");
  flush (f);
  g_assert_false (lw_record_editor_is_open (editor));
  g_assert_cmpstr (undo_title (), ==, "Added: Member Riley Sample");
  assert_text ("Riley Sample");

  found = lw_edit_find_member (store_of (f), "Riley Sample", &error);
  g_assert_no_error (error);
  g_assert_cmpint (found->role, ==, LW_ROLE_CASE_MANAGER);
  g_assert_true (found->active);
  return found->id;
}

static LwId
new_referral (Fixture *f,
              LwId     case_manager_id)
{
  LwRecordEditor *editor;
  g_autoptr(LwParticipant) participant = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *code;

  show_section (f, "participants");
  g_assert_true (gtk_widget_activate_action (main_page (f), "main-page.new", NULL));
  flush (f);
  editor = LW_RECORD_EDITOR (lw_test_ui_find_widget (GTK_WIDGET (participants_page (f)), LW_TYPE_RECORD_EDITOR));
  g_assert_true (lw_record_editor_is_open (editor));

  /* the next free code is offered, in the first field, which has the keyboard */
  code = lw_record_editor_get_input (editor, "code");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (code)), ==, "P-0001");
  g_assert_true (has_keyboard (f, code));
  /* the referral's fields, and no more */
  g_assert_nonnull (lw_record_editor_get_input (editor, "date_of_birth"));
  g_assert_nonnull (lw_record_editor_get_input (editor, "peer_worker_id"));
  g_assert_null (lw_record_editor_get_input (editor, "health_notes"));

  /* a legal name is required: said at the field, nothing saved */
  fill (editor, "referral_route", "arrest-diversion");
  g_assert_false (lw_record_editor_save (editor));
  g_assert_nonnull (lw_record_editor_get_message (editor, "legal_name"));
  g_assert_cmpuint (count_rows (store_of (f), &lw_participant_table), ==, 0);

  fill (editor, "legal_name", CANARY_LEGAL);
  fill (editor, "preferred_name", "Sunny");
  fill (editor, "date_of_birth", "1980-04-02");
  fill (editor, "referrer", "Officer Lane");
  fill (editor, "case_manager_id", "Riley Sample");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "editor.save", NULL));
  flush (f);
  g_assert_false (lw_record_editor_is_open (editor));
  g_assert_cmpstr (undo_title (), ==, "Added: Participant P-0001");

  participant = lw_participant_find_by_code (store_of (f), "P-0001", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (participant->legal_name, ==, CANARY_LEGAL);
  g_assert_cmpint (participant->referral_route, ==, LW_REFERRAL_ARREST_DIVERSION);
  g_assert_cmpint (participant->status, ==, LW_STATUS_REFERRED);
  g_assert_cmpstr (participant->referral_date, ==, "2026-11-24");
  g_assert_cmpint (participant->case_manager_id, ==, case_manager_id);
  /* listed, chosen and shown */
  g_assert_cmpint (lw_participant_detail_get_id (detail_of (f)), ==, participant->id);
  assert_text ("P-0001 · Sunny");
  return participant->id;
}

static void
add_goal (Fixture *f)
{
  LwRecordEditor *editor;

  /* the project manager writes the plan */
  g_assert_nonnull (button_for (GTK_WIDGET (detail_of (f)), "detail.add-goal"));
  editor = open_detail_form (f, "detail.add-goal");
  fill (editor, "domain", "housing");
  fill (editor, "text", CANARY_GOAL);
  fill (editor, "target_date", "2027-02-30");
  g_assert_false (lw_record_editor_save (editor));
  g_assert_nonnull (lw_record_editor_get_message (editor, "target_date"));
  g_assert_cmpuint (count_rows (store_of (f), &lw_plan_goal_table), ==, 0);
  fill (editor, "target_date", "2027-01-15");
  g_assert_true (lw_record_editor_save (editor));
  flush (f);
  g_assert_cmpuint (count_rows (store_of (f), &lw_plan_goal_table), ==, 1);
  assert_text (CANARY_GOAL);
}

static void
log_contact (Fixture *f,
             LwId     participant_id)
{
  LwRecordEditor *editor;
  g_autoptr(LwParticipant) participant = NULL;
  g_autoptr(GError) error = NULL;

  /* the project manager sees care notes in summary: no contact to log */
  g_assert_null (button_for (GTK_WIDGET (detail_of (f)), "detail.log-contact"));

  /* the case manager does */
  set_role ("case-manager");
  flush (f);
  select_participant (f, participant_id);
  g_assert_nonnull (button_for (GTK_WIDGET (detail_of (f)), "detail.log-contact"));
  editor = open_detail_form (f, "detail.log-contact");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (lw_record_editor_get_input (editor, "date"))), ==, "2026-11-24");
  fill (editor, "date", "2026-11-30");
  fill (editor, "kind", "phone");
  fill (editor, "staff_id", "Riley Sample");
  fill (editor, "note", CANARY_NOTE);
  g_assert_false (lw_record_editor_save (editor));
  g_assert_nonnull (strstr (lw_record_editor_get_message (editor, "date"), "future"));
  g_assert_cmpuint (count_rows (store_of (f), &lw_contact_table), ==, 0);

  fill (editor, "date", "2026-11-20");
  g_assert_true (lw_record_editor_save (editor));
  flush (f);
  g_assert_cmpuint (count_rows (store_of (f), &lw_contact_table), ==, 1);
  assert_text (CANARY_NOTE);

  /* the last contact follows */
  participant = lw_store_get (store_of (f), &lw_participant_table, participant_id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (participant->last_contact, ==, "2026-11-20");
}

static void
add_consent (Fixture *f)
{
  LwRecordEditor *editor;
  g_autoptr(GPtrArray) consents = NULL;
  g_autoptr(GError) error = NULL;
  const LwConsent *consent;

  assert_text ("No release is in effect today");
  editor = open_detail_form (f, "detail.add-consent");
  /* a new release has nothing to revoke */
  g_assert_null (lw_record_editor_get_input (editor, "revoked"));
  fill (editor, "recipient_role", "project-manager");
  fill (editor, "categories", "substance_use,health");
  fill (editor, "signed_date", "2026-11-24");
  fill (editor, "expires", "2026-11-01");
  g_assert_false (lw_record_editor_save (editor));
  g_assert_nonnull (strstr (lw_record_editor_get_message (editor, "expires"), "before it was signed"));
  g_assert_cmpuint (count_rows (store_of (f), &lw_consent_table), ==, 0);

  fill (editor, "expires", "2027-05-01");
  g_assert_true (lw_record_editor_save (editor));
  flush (f);
  consents = lw_store_list (store_of (f), &lw_consent_table, NULL, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (consents->len, ==, 1);
  consent = g_ptr_array_index (consents, 0);
  g_assert_cmpint (consent->recipient_role, ==, LW_ROLE_PROJECT_MANAGER);
  g_assert_cmpint (consent->categories, ==,
                   LW_CATEGORY_BIT (LW_CATEGORY_SUBSTANCE_USE) | LW_CATEGORY_BIT (LW_CATEGORY_HEALTH));

  /* who may see what today, in plain words */
  {
    g_autofree char *text = all_text ();

    g_assert_null (strstr (text, "No release is in effect today"));
    g_assert_nonnull (strstr (text, "Who May See What Today"));
    g_assert_nonnull (strstr (text, "2027-05-01"));
  }
}

static LwId
plan_meeting (Fixture *f,
              LwId     participant_id)
{
  GtkWidget *prep;
  g_autoptr(GPtrArray) meetings = NULL;
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GError) error = NULL;
  const LwAgendaItem *item;
  LwId meeting_id;

  set_role ("project-manager");
  flush (f);
  /* from the empty state of Action Items: the way to a meeting */
  show_section (f, "action-items");
  g_assert_true (gtk_widget_activate_action (button_for (main_page (f), "main-page.new-meeting"),
                                             "main-page.new-meeting", NULL));
  flush (f);
  assert_text ("Date (YYYY-MM-DD)");
  g_assert_true (gtk_widget_activate_action (find_in_main (f, LW_TYPE_MEETINGS_PAGE), "meetings.create", NULL));
  flush (f);

  prep = find_in_main (f, LW_TYPE_MEETING_PREP);
  meeting_id = lw_meeting_prep_get_meeting_id (LW_MEETING_PREP (prep));
  g_assert_cmpint (meeting_id, !=, 0);
  /* the new referral is suggested, with its reason */
  g_assert_true (gtk_widget_activate_action (prep, "prep.suggest", NULL));
  flush (f);
  assert_text ("P-0001");
  g_assert_true (gtk_widget_activate_action (prep, "prep.add-all", NULL));
  flush (f);

  meetings = lw_store_list (store_of (f), &lw_meeting_table, NULL, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (meetings->len, ==, 1);
  items = lw_store_list (store_of (f), &lw_agenda_item_table, "meeting_id", meeting_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (items->len, ==, 1);
  item = g_ptr_array_index (items, 0);
  g_assert_cmpint (item->participant_id, ==, participant_id);
  return meeting_id;
}

static void
assert_not_in_file (const char *path)
{
  static const char * const canaries[] = { CANARY_LEGAL, CANARY_GOAL, CANARY_NOTE };
  static const char * const suffixes[] = { "", "-wal" };

  for (guint s = 0; s < G_N_ELEMENTS (suffixes); s++)
    {
      g_autofree char *file = g_strconcat (path, suffixes[s], NULL);
      g_autoptr(GBytes) bytes = lw_test_read_file (file);

      for (guint i = 0; bytes != NULL && i < G_N_ELEMENTS (canaries); i++)
        if (lw_test_bytes_contain (bytes, canaries[i]))
          g_error ("%s is in the clear in %s", canaries[i], file);
    }
}

static void
read_back (Fixture *f,
           LwId     participant_id,
           LwId     meeting_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LwStore) store = NULL;
  g_autoptr(GPtrArray) members = NULL;
  g_autoptr(LwParticipant) participant = NULL;
  g_autoptr(GPtrArray) goals = NULL;
  g_autoptr(GPtrArray) contacts = NULL;
  g_autoptr(GPtrArray) consents = NULL;
  g_autoptr(GPtrArray) items = NULL;
  g_autofree char *name = NULL;
  const LwPlanGoal *goal;
  const LwContact *contact;

  store = lw_store_open (f->path, &error);
  g_assert_no_error (error);
  g_assert_false (lw_store_unlock (store, "demo", 4, NULL));
  g_assert_true (lw_store_unlock (store, STRONG, strlen (STRONG), &error));
  g_assert_no_error (error);

  name = lw_store_get_setting (store, "program.name");
  g_assert_cmpstr (name, ==, "Harbor LEAD");
  members = lw_edit_list_members (store, TRUE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (members->len, ==, 2);
  g_assert_cmpstr (((LwPerson *) g_ptr_array_index (members, 0))->name, ==, "Dana Reyes");
  g_assert_cmpint (((LwPerson *) g_ptr_array_index (members, 0))->role, ==, LW_ROLE_PROJECT_MANAGER);
  g_assert_cmpstr (((LwPerson *) g_ptr_array_index (members, 0))->agency, ==, "Harbor LEAD Office");
  g_assert_cmpstr (((LwPerson *) g_ptr_array_index (members, 1))->name, ==, "Riley Sample");

  participant = lw_store_get (store, &lw_participant_table, participant_id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (participant->code, ==, "P-0001");
  g_assert_cmpstr (participant->legal_name, ==, CANARY_LEGAL);
  g_assert_cmpstr (participant->date_of_birth, ==, "1980-04-02");
  g_assert_cmpstr (participant->last_contact, ==, "2026-11-20");

  goals = lw_model_list_for (store, &lw_plan_goal_table, participant_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (goals->len, ==, 1);
  goal = g_ptr_array_index (goals, 0);
  g_assert_cmpstr (goal->text, ==, CANARY_GOAL);
  g_assert_cmpint (goal->domain, ==, LW_DOMAIN_HOUSING);
  g_assert_cmpstr (goal->target_date, ==, "2027-01-15");

  contacts = lw_model_list_for (store, &lw_contact_table, participant_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (contacts->len, ==, 1);
  contact = g_ptr_array_index (contacts, 0);
  g_assert_cmpstr (contact->note, ==, CANARY_NOTE);
  g_assert_cmpint (contact->kind, ==, LW_CONTACT_PHONE);
  g_assert_cmpint (contact->staff_id, ==, participant->case_manager_id);

  consents = lw_model_list_for (store, &lw_consent_table, participant_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (consents->len, ==, 1);
  g_assert_cmpstr (((LwConsent *) g_ptr_array_index (consents, 0))->expires, ==, "2027-05-01");

  items = lw_store_list (store, &lw_agenda_item_table, "meeting_id", meeting_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (items->len, ==, 1);
  g_assert_cmpint (((LwAgendaItem *) g_ptr_array_index (items, 0))->participant_id, ==, participant_id);

  /* every record a person made is in the log: the member of New Program, the
   * second member, the participant, the goal, the contact, the release */
  g_assert_cmpuint (lw_test_count_audit_events (store, LW_AUDIT_RECORD_CREATE, NULL), >=, 6);
}

static gboolean unlock_busy (gpointer data);

/* Locked and unlocked with the window on screen, the roster is made in a
 * main-loop turn after the unlock's (lw-main-page.c): its first step still
 * has the keyboard. */
static void
empty_state_after_unlock (Fixture *f)
{
  LwUnlockPage *unlock = _lw_window_get_unlock_page (f->window);
  GtkWidget *button;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.lock", NULL));
  flush (f);
  gtk_editable_set_text (_lw_unlock_page_get_entry (unlock), STRONG);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (unlock), "unlock.unlock", NULL));
  lw_test_ui_wait_while (unlock_busy, unlock, 30);
  flush (f);
  g_assert_cmpstr (lw_window_get_page_name (f->window), ==, "main");
  button = lw_test_ui_find_matching (main_page (f), lw_test_ui_is_button_labelled, "_New Referral");
  g_assert_nonnull (button);
  g_assert_true (gtk_widget_get_mapped (button));
  g_assert_true (has_keyboard (f, button));
}

static void
test_first_run (Fixture       *f,
                gconstpointer  data)
{
  LwId member_id, participant_id, meeting_id;

  new_program (f);
  empty_states (f);
  empty_state_after_unlock (f);
  member_id = add_member (f);
  participant_id = new_referral (f, member_id);
  add_goal (f);
  log_contact (f, participant_id);
  add_consent (f);
  meeting_id = plan_meeting (f, participant_id);

  /* closed: the window had made the program, and frees it */
  g_object_ref (f->window);
  gtk_window_destroy (GTK_WINDOW (f->window));
  g_assert_finalize_object (g_steal_pointer (&f->window));

  read_back (f, participant_id, meeting_id);
  assert_not_in_file (f->path);
}

/* ----------------------------------------------------------------------------
 * A filled program
 */

static void
filled_setup (Fixture       *f,
              gconstpointer  data)
{
  set_role (data);
  f->dir = lw_test_tmpdir ();
  f->store = lw_test_store_new (f->dir, "program.lwdb");
  f->path = g_strdup (lw_store_get_path (f->store));
  f->ids = lw_test_fill_every_table (f->store, TAG);

  f->window = lw_window_new (NULL);
  gtk_window_set_default_size (GTK_WINDOW (f->window), 1280, 720);
  lw_window_set_store (f->window, f->store, FALSE);
  gtk_window_present (GTK_WINDOW (f->window));
  flush (f);
  g_assert_cmpstr (lw_window_get_page_name (f->window), ==, "main");
}

static void
assert_no_form_button (Fixture    *f,
                       const char *action)
{
  if (button_for (GTK_WIDGET (detail_of (f)), action) != NULL)
    g_error ("%s is offered to a role that may not write it", action);
}

/* A role that may not write gets no button; a form opened anyway saves nothing. */
static void
test_role_may_not_write (Fixture       *f,
                         gconstpointer  data)
{
  static const char * const forms[] = {
    "detail.edit", "detail.change-status", "detail.add-goal", "detail.log-contact",
    "detail.add-matter", "detail.add-consent",
  };
  LwRecordEditor *editor;
  guint contacts = count_rows (f->store, &lw_contact_table);
  guint participants = count_rows (f->store, &lw_participant_table);
  AdwToast *toast_before = lw_toast_get_last_undo ();

  /* an evaluator writes nothing */
  select_participant (f, fixture_id (f, "participant"));
  for (guint i = 0; i < G_N_ELEMENTS (forms); i++)
    assert_no_form_button (f, forms[i]);
  g_assert_null (button_for (main_page (f), "participants.new-referral"));
  gtk_widget_activate_action (GTK_WIDGET (participants_page (f)), "participants.new-referral", NULL);
  flush (f);
  g_assert_false (lw_record_editor_is_open (LW_RECORD_EDITOR (lw_test_ui_find_widget (GTK_WIDGET (participants_page (f)),
                                                                                     LW_TYPE_RECORD_EDITOR))));

  /* the form, forced open: no field takes typing, it says why, it saves nothing */
  editor = open_detail_form (f, "detail.log-contact");
  g_assert_null (lw_record_editor_get_input (editor, "date"));
  g_assert_null (lw_record_editor_get_input (editor, "note"));
  assert_text ("may not write this");
  g_assert_false (lw_record_editor_save (editor));
  gtk_widget_activate_action (GTK_WIDGET (editor), "editor.save", NULL);
  flush (f);
  g_assert_cmpuint (count_rows (f->store, &lw_contact_table), ==, contacts);
  g_assert_true (lw_toast_get_last_undo () == toast_before);
  gtk_widget_activate_action (GTK_WIDGET (editor), "editor.cancel", NULL);
  flush (f);

  /* the workgroup's members: listed, not editable */
  show_section (f, "workgroup");
  g_assert_null (button_for (main_page (f), "members.add"));
  g_assert_true (gtk_widget_activate_action (main_page (f), "main-page.new", NULL));
  flush (f);
  g_assert_false (lw_record_editor_is_open (lw_members_page_get_editor (LW_MEMBERS_PAGE (find_in_main (f, LW_TYPE_MEMBERS_PAGE)))));
  show_section (f, "participants");

  /* a police officer writes legal matters, not the plan nor care notes */
  set_role ("police-officer");
  flush (f);
  select_participant (f, fixture_id (f, "participant"));
  g_assert_nonnull (button_for (GTK_WIDGET (detail_of (f)), "detail.add-matter"));
  assert_no_form_button (f, "detail.add-goal");
  assert_no_form_button (f, "detail.log-contact");
  assert_no_form_button (f, "detail.add-consent");

  /* a new referral's form as a police officer has no field of the plan or of
   * health, and what it may not write is not even shown */
  editor = open_detail_form (f, "detail.edit");
  g_assert_null (lw_record_editor_get_input (editor, "health_notes"));
  g_assert_null (lw_record_editor_get_input (editor, "substance_use"));
  {
    g_autofree char *text = all_text ();

    g_assert_null (strstr (text, "CANARY-participant-health_notes-" TAG));
    g_assert_null (strstr (text, "CANARY-participant-substance_use-" TAG));
  }
  gtk_widget_activate_action (GTK_WIDGET (editor), "editor.cancel", NULL);
  flush (f);
  g_assert_cmpuint (count_rows (f->store, &lw_participant_table), ==, participants);
}

static gboolean
on_unlock_page (gpointer data)
{
  return g_strcmp0 (lw_window_get_page_name (data), "unlock") != 0;
}

static gboolean
unlock_busy (gpointer data)
{
  return lw_unlock_page_get_busy (data);
}

static void
unlock_again (Fixture *f)
{
  LwUnlockPage *unlock = _lw_window_get_unlock_page (f->window);

  gtk_editable_set_text (_lw_unlock_page_get_entry (unlock), LW_TEST_PASSPHRASE);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (unlock), "unlock.unlock", NULL));
  lw_test_ui_wait_while (unlock_busy, unlock, 30);
  flush (f);
  g_assert_cmpstr (lw_window_get_page_name (f->window), ==, "main");
}

/* Opens a form, types what must not outlive a lock, and returns the form. */
static LwRecordEditor *
open_typed_form (Fixture *f)
{
  LwRecordEditor *editor;

  select_participant (f, fixture_id (f, "participant"));
  editor = open_detail_form (f, "detail.log-contact");
  fill (editor, "note", CANARY_UNSAVED);
  assert_text (CANARY_UNSAVED);
  g_assert_true (gtk_widget_get_mapped (lw_record_editor_get_input (editor, "note")));
  return editor;
}

/* editor: a weak pointer, set before the lock */
static void
assert_form_gone (Fixture         *f,
                  LwRecordEditor **editor)
{
  g_autofree char *text = NULL;

  lw_test_ui_wait_while (lw_test_ui_pointer_set, editor, 10);
  g_assert_null (*editor);
  g_assert_null (_lw_window_get_main_page (f->window));
  text = all_text ();
  if (strstr (text, "CANARY-") != NULL)
    g_error ("Left on screen after the lock:\n%s", text);
}

/* Locking with a form open: nothing of it stays, nothing saved is lost. */
static void
test_lock_clears_form (Fixture       *f,
                       gconstpointer  data)
{
  LwMembersPage *members;
  LwRecordEditor *editor;
  guint contacts = count_rows (f->store, &lw_contact_table);

  /* saved first: a member */
  show_section (f, "workgroup");
  members = LW_MEMBERS_PAGE (find_in_main (f, LW_TYPE_MEMBERS_PAGE));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (members), "members.add", NULL));
  flush (f);
  fill (lw_members_page_get_editor (members), "name", "Jordan Saved");
  g_assert_true (lw_record_editor_save (lw_members_page_get_editor (members)));
  show_section (f, "participants");

  /* Ctrl+L */
  editor = open_typed_form (f);
  g_object_add_weak_pointer (G_OBJECT (editor), (gpointer *) &editor);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.lock", NULL));
  flush (f);
  assert_form_gone (f, &editor);

  /* the idle lock, with another form open */
  unlock_again (f);
  editor = open_typed_form (f);
  g_object_add_weak_pointer (G_OBJECT (editor), (gpointer *) &editor);
  _lw_window_set_idle_lock_seconds (f->window, 1);
  lw_test_ui_wait_while (on_unlock_page, f->window, 10);
  _lw_window_set_idle_lock_seconds (f->window, 0);
  assert_form_gone (f, &editor);

  /* nothing saved was lost, nothing typed was saved */
  unlock_again (f);
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(LwPerson) saved = lw_edit_find_member (f->store, "Jordan Saved", &error);

    g_assert_no_error (error);
    g_assert_nonnull (saved);
  }
  g_assert_cmpuint (count_rows (f->store, &lw_contact_table), ==, contacts);
}

static gboolean
is_list_outside_form (GtkWidget     *widget,
                      gconstpointer  data)
{
  return GTK_IS_LIST_BOX (widget) && gtk_widget_get_ancestor (widget, LW_TYPE_RECORD_EDITOR) == NULL;
}

/* The row of the members' list (not the form's) titled name, or NULL. */
static GtkWidget *
member_row (LwMembersPage *page,
            const char    *name)
{
  GtkWidget *list = lw_test_ui_find_matching (GTK_WIDGET (page), is_list_outside_form, NULL);

  g_assert_nonnull (list);
  for (GtkWidget *row = gtk_widget_get_first_child (list); row != NULL; row = gtk_widget_get_next_sibling (row))
    if (ADW_IS_PREFERENCES_ROW (row) && g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), name) == 0)
      return row;
  return NULL;
}

/* Undo of a new record, an edit and a deletion; a deletion refused with why. */
static void
test_undo_and_delete (Fixture       *f,
                      gconstpointer  data)
{
  LwMembersPage *page;
  LwRecordEditor *editor;
  g_autoptr(GError) error = NULL;
  g_autoptr(LwPerson) person = NULL;
  guint members;
  LwId id;

  show_section (f, "workgroup");
  page = LW_MEMBERS_PAGE (find_in_main (f, LW_TYPE_MEMBERS_PAGE));
  editor = lw_members_page_get_editor (page);
  members = count_rows (f->store, &lw_person_table);

  /* new, undone: gone again */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "members.add", NULL));
  flush (f);
  fill (editor, "name", "Casey Temporary");
  g_assert_true (lw_record_editor_save (editor));
  flush (f);
  g_assert_cmpuint (count_rows (f->store, &lw_person_table), ==, members + 1);
  click_undo (f);
  g_assert_cmpuint (count_rows (f->store, &lw_person_table), ==, members);
  g_assert_null (member_row (page, "Casey Temporary"));

  /* again, then edited and deactivated: undo writes the old values back */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "members.add", NULL));
  flush (f);
  fill (editor, "name", "Casey Kept");
  g_assert_true (lw_record_editor_save (editor));
  flush (f);
  person = lw_edit_find_member (f->store, "Casey Kept", &error);
  g_assert_no_error (error);
  id = person->id;
  g_clear_pointer (&person, lw_record_free);

  g_signal_emit_by_name (member_row (page, "Casey Kept"), "activate");
  flush (f);
  g_assert_true (lw_record_editor_is_open (editor));
  fill (editor, "name", "Casey Renamed");
  fill (editor, "active", "no");
  g_assert_true (lw_record_editor_save (editor));
  flush (f);
  g_assert_cmpstr (undo_title (), ==, "Saved: Member Casey Renamed");
  person = lw_store_get (f->store, &lw_person_table, id, &error);
  g_assert_cmpstr (person->name, ==, "Casey Renamed");
  g_assert_false (person->active);
  g_clear_pointer (&person, lw_record_free);
  assert_text ("Inactive");
  click_undo (f);
  person = lw_store_get (f->store, &lw_person_table, id, &error);
  g_assert_cmpstr (person->name, ==, "Casey Kept");
  g_assert_true (person->active);
  g_clear_pointer (&person, lw_record_free);

  /* deleted (nothing names Casey), undone: back with the same id */
  person = lw_store_get (f->store, &lw_person_table, id, &error);
  lw_record_editor_open (editor, f->store, person, NULL, NULL);
  g_clear_pointer (&person, lw_record_free);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "editor.delete", NULL));
  flush (f);
  g_assert_cmpstr (undo_title (), ==, "Deleted: Member Casey Kept");
  g_assert_null (lw_store_get (f->store, &lw_person_table, id, NULL));
  click_undo (f);
  person = lw_store_get (f->store, &lw_person_table, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (person->name, ==, "Casey Kept");
  g_clear_pointer (&person, lw_record_free);

  /* an exit needs its reason: asked for at its field, nothing saved without it */
  show_section (f, "participants");
  select_participant (f, fixture_id (f, "participant"));
  editor = open_detail_form (f, "detail.change-status");
  /* a form for one change: no Delete */
  g_assert_false (gtk_widget_get_visible (lw_test_ui_find_matching (GTK_WIDGET (detail_of (f)),
                                                                    lw_test_ui_is_button_labelled, "_Delete")));
  fill (editor, "status", "active");
  g_assert_true (lw_record_editor_save (editor));
  flush (f);
  editor = open_detail_form (f, "detail.change-status");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (lw_record_editor_get_input (editor, "exit_reason"))), ==, "");
  fill (editor, "status", "exited");
  g_assert_false (lw_record_editor_save (editor));
  g_assert_nonnull (strstr (lw_record_editor_get_message (editor, "exit_reason"), "why"));
  {
    g_autoptr(LwParticipant) p = lw_store_get (f->store, &lw_participant_table, fixture_id (f, "participant"), &error);

    g_assert_cmpint (p->status, ==, LW_STATUS_ACTIVE);
  }
  fill (editor, "exit_reason", "Moved out of the county");
  g_assert_true (lw_record_editor_save (editor));
  {
    g_autoptr(LwParticipant) p = lw_store_get (f->store, &lw_participant_table, fixture_id (f, "participant"), &error);

    g_assert_cmpint (p->status, ==, LW_STATUS_EXITED);
    g_assert_cmpstr (p->exit_reason, ==, "Moved out of the county");
    g_assert_cmpstr (p->status_changed, ==, "2026-11-24");
  }
  show_section (f, "workgroup");
  editor = lw_members_page_get_editor (page);

  /* the filled member is named by records: refused, with what to do instead */
  person = lw_store_get (f->store, &lw_person_table, fixture_id (f, "person"), &error);
  g_assert_no_error (error);
  lw_record_editor_open (editor, f->store, person, NULL, NULL);
  g_assert_false (lw_record_editor_delete (editor));
  flush (f);
  assert_text ("deactivate");
  g_assert_true (lw_record_editor_is_open (editor));
  g_assert_nonnull (lw_store_get (f->store, &lw_person_table, fixture_id (f, "person"), NULL));
  lw_record_editor_cancel (editor);
}

/* Action items: text, owner and due date, reassigned in the form. */
static void
test_action_item_form (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(LwActionItem) action = lw_action_item_new ();
  g_autoptr(LwPerson) other = lw_person_new ();
  g_autoptr(GError) error = NULL;
  LwActionsPage *page;
  LwRecordEditor *editor;
  LwId action_id;

  other->name = g_strdup ("Jordan Reassigned");
  other->role = LW_ROLE_CASE_MANAGER;
  other->active = TRUE;
  g_assert_true (lw_store_insert (f->store, other, &error));
  action->text = g_strdup ("Call the clinic");
  action->owner_id = fixture_id (f, "person");
  action->participant_id = fixture_id (f, "participant");
  action->due_date = g_strdup ("2026-11-30");
  action->status = LW_ACTION_OPEN;
  g_assert_true (lw_store_insert (f->store, action, &error));
  g_assert_no_error (error);
  action_id = action->id;

  show_section (f, "action-items");
  page = LW_ACTIONS_PAGE (find_in_main (f, LW_TYPE_ACTIONS_PAGE));
  g_assert_true (_lw_actions_page_edit (page, action_id));
  flush (f);
  editor = _lw_actions_page_get_editor (page);
  g_assert_true (lw_record_editor_is_open (editor));
  g_assert_true (has_keyboard (f, lw_record_editor_get_input (editor, "text")));
  g_assert_null (lw_record_editor_get_input (editor, "status"));

  fill (editor, "due_date", "soon");
  g_assert_false (lw_record_editor_save (editor));
  g_assert_nonnull (lw_record_editor_get_message (editor, "due_date"));

  fill (editor, "text", "Call the clinic about the intake");
  fill (editor, "owner_id", "Jordan Reassigned");
  fill (editor, "due_date", "2026-12-15");
  g_assert_true (lw_record_editor_save (editor));
  flush (f);
  g_clear_pointer (&action, lw_record_free);
  action = lw_store_get (f->store, &lw_action_item_table, action_id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (action->text, ==, "Call the clinic about the intake");
  g_assert_cmpint (action->owner_id, ==, other->id);
  g_assert_cmpstr (action->due_date, ==, "2026-12-15");
  assert_text ("Jordan Reassigned");

  click_undo (f);
  g_clear_pointer (&action, lw_record_free);
  action = lw_store_get (f->store, &lw_action_item_table, action_id, &error);
  g_assert_cmpint (action->owner_id, ==, fixture_id (f, "person"));
  g_assert_cmpstr (action->due_date, ==, "2026-11-30");
}

/* Every log message of the process, debug ones too while capturing. */
/* Undo and Save write as the role at the keyboard when they are pressed, not
 * as the one that opened the form; a form writes its own fields over the row
 * as it is, so a field it does not show, changed meanwhile, stays. */
static void
test_writes_as_role_at_keyboard (Fixture       *f,
                                 gconstpointer  data)
{
  LwMembersPage *page;
  LwRecordEditor *editor;
  g_autoptr(GError) error = NULL;
  g_autoptr(LwPerson) person = NULL;
  g_autoptr(LwParticipant) p = NULL;
  g_autofree char *detail = NULL;
  g_autofree char *captured = NULL;
  guint refused = lw_test_count_audit_events (f->store, LW_AUDIT_WRITE_REFUSED, NULL);
  LwId pid = fixture_id (f, "participant");

  /* with every debug message on, none of it holds a canary */
  lw_test_ui_log_capture_start ();
  g_log_set_debug_enabled (TRUE);

  /* added as project manager; Undo pressed once an evaluator has the keyboard */
  show_section (f, "workgroup");
  page = LW_MEMBERS_PAGE (find_in_main (f, LW_TYPE_MEMBERS_PAGE));
  editor = lw_members_page_get_editor (page);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "members.add", NULL));
  flush (f);
  fill (editor, "name", "Casey Undone Later");
  g_assert_true (lw_record_editor_save (editor));
  flush (f);
  set_role ("evaluator");
  flush (f);
  click_undo (f);
  person = lw_edit_find_member (f->store, "Casey Undone Later", &error);
  g_assert_no_error (error);
  g_assert_nonnull (person);
  g_assert_cmpuint (lw_test_count_audit_events (f->store, LW_AUDIT_WRITE_REFUSED, &detail), ==, refused + 1);
  g_assert_nonnull (strstr (detail, "role=evaluator"));
  set_role ("project-manager");
  flush (f);

  /* a form opened as project manager, saved once a police officer has the keyboard */
  show_section (f, "participants");
  select_participant (f, pid);
  editor = open_detail_form (f, "detail.edit");
  set_role ("police-officer");
  flush (f);
  if (lw_record_editor_is_open (editor))
    {
      fill (editor, "preferred_name", "Written As Police");
      g_assert_false (lw_record_editor_save (editor));
      lw_record_editor_cancel (editor);
    }
  set_role ("project-manager");
  flush (f);
  p = lw_store_get (f->store, &lw_participant_table, pid, &error);
  g_assert_cmpstr (p->preferred_name, !=, "Written As Police");
  g_clear_pointer (&p, lw_record_free);

  /* the form is open; meanwhile a case manager writes substance-use notes,
   * which the project manager does not see */
  select_participant (f, pid);
  editor = open_detail_form (f, "detail.edit");
  p = lw_store_get (f->store, &lw_participant_table, pid, &error);
  lw_secret_free (p->substance_use);
  p->substance_use = g_strdup ("CANARY-typed-meanwhile");
  g_assert_true (lw_edit_update (f->store, LW_ROLE_CASE_MANAGER, p, NULL, &error));
  g_assert_no_error (error);
  g_clear_pointer (&p, lw_record_free);
  fill (editor, "preferred_name", "Sunny Again");
  g_assert_true (lw_record_editor_save (editor));
  flush (f);
  p = lw_store_get (f->store, &lw_participant_table, pid, &error);
  g_assert_cmpstr (p->preferred_name, ==, "Sunny Again");
  g_assert_cmpstr (p->substance_use, ==, "CANARY-typed-meanwhile");
  g_clear_pointer (&p, lw_record_free);

  /* and its Undo puts back the preferred name only */
  click_undo (f);
  p = lw_store_get (f->store, &lw_participant_table, pid, &error);
  g_assert_cmpstr (p->preferred_name, !=, "Sunny Again");
  g_assert_cmpstr (p->substance_use, ==, "CANARY-typed-meanwhile");

  g_log_set_debug_enabled (FALSE);
  captured = lw_test_ui_log_capture_stop ();
  /* the messages were captured (the refused Undo says so), canaries not */
  g_assert_nonnull (strstr (captured, "Cannot undo"));
  if (strstr (captured, "CANARY") != NULL)
    g_error ("a log message holds a canary:\n%s", captured);
}

int
main (int   argc,
      char *argv[])
{
  static const char * const paths[] = {
    "/lw/records-ui/first-run",
    "/lw/records-ui/role-may-not-write",
    "/lw/records-ui/lock-clears-form",
    "/lw/records-ui/undo-and-delete",
    "/lw/records-ui/action-item-form",
    "/lw/records-ui/writes-as-role-at-keyboard",
    "/lw/records-ui/new-program-refused",
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

  g_test_add (paths[0], Fixture, NULL, first_run_setup, test_first_run, fixture_teardown);
  g_test_add (paths[1], Fixture, "evaluator", filled_setup, test_role_may_not_write, fixture_teardown);
  g_test_add (paths[2], Fixture, "case-manager", filled_setup, test_lock_clears_form, fixture_teardown);
  g_test_add (paths[3], Fixture, "project-manager", filled_setup, test_undo_and_delete, fixture_teardown);
  g_test_add (paths[4], Fixture, "project-manager", filled_setup, test_action_item_form, fixture_teardown);
  g_test_add (paths[5], Fixture, "project-manager", filled_setup, test_writes_as_role_at_keyboard, fixture_teardown);
  g_test_add (paths[6], Fixture, NULL, first_run_setup, test_new_program_refused, fixture_teardown);

  return g_test_run ();
}
