/* test-export-ui.c: exporting and printing minutes, handouts and action lists
 * from the app, for an audience chosen every time, under Xvfb
 *
 * The demo program, with a community representative invited to the next meeting
 * and canaries in the first participant on its agenda: the export window opens
 * with exactly the most restrictive role among the recipients, what it saves or
 * prints carries that audience and none of the canaries, and every file and print
 * job is in the audit log.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "lw/lw-agenda.h"
#include "lw/lw-audit.h"
#include "lw/lw-demo.h"
#include "lw/lw-error.h"
#include "lw/lw-model.h"
#include "lw/lw-vault.h"
#include "lw-export-window.h"
#include "lw-main-page.h"
#include "lw-meetings-page.h"
#include "lw-test-ui.h"
#include "lw-test-util.h"
#include "lw-window-private.h"

#define CANARY "CANARY-"
#define CANARY_NAME "CANARY-legal-name"
#define CANARY_NOTES "CANARY-old-discussion-notes"

typedef struct
{
  char     *dir;
  LwStore  *store;
  LwWindow *window;
  LwId      meeting_id;
} Fixture;

static void
wait_for_draw (GtkWidget *widget)
{
  gtk_test_widget_wait_for_draw (widget);
}

/* The demo program; a community representative invited to the next meeting;
 * canaries in the participant of its first item and in that item's notes. */
static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LwMeeting) meeting = NULL;
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GPtrArray) persons = NULL;
  g_autoptr(GPtrArray) attendance = NULL;
  g_autoptr(LwParticipant) participant = NULL;
  LwAgendaItem *first;
  LwId community_id = 0;
  gboolean invited = FALSE;

  f->dir = lw_test_tmpdir ();
  f->store = lw_test_store_new (f->dir, "program.lwdb");
  g_assert_true (lw_demo_generate (f->store, 40, 7, &error));
  g_assert_no_error (error);

  meeting = lw_agenda_resolve_meeting (f->store, "next", &error);
  g_assert_no_error (error);
  f->meeting_id = meeting->id;

  persons = lw_store_list (f->store, &lw_person_table, NULL, 0, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < persons->len && community_id == 0; i++)
    {
      LwPerson *person = g_ptr_array_index (persons, i);

      if (person->role == LW_ROLE_COMMUNITY_REPRESENTATIVE && person->active)
        community_id = person->id;
    }
  g_assert_cmpint (community_id, !=, 0);

  attendance = lw_agenda_list_attendance (f->store, meeting->id, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < attendance->len; i++)
    {
      LwAttendance *a = g_ptr_array_index (attendance, i);

      /* only the community representative may be the most restrictive role */
      g_assert_cmpint (a->role, !=, LW_ROLE_EVALUATOR);
      if (a->person_id == community_id)
        {
          invited = TRUE;
          if (a->absent)
            g_assert_true (lw_agenda_set_absent (f->store, a->id, FALSE, &error));
        }
    }
  if (!invited)
    {
      g_autoptr(LwAttendance) a = lw_agenda_invite (f->store, meeting->id, community_id, &error);

      g_assert_no_error (error);
      g_assert_nonnull (a);
    }
  g_assert_cmpuint (lw_agenda_room_roles (f->store, meeting->id, NULL)
                    & LW_ROLE_BIT (LW_ROLE_COMMUNITY_REPRESENTATIVE), !=, 0);

  items = lw_agenda_list_items (f->store, meeting->id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (items->len, >=, 1);
  first = g_ptr_array_index (items, 0);
  g_assert_cmpint (first->kind, ==, LW_ITEM_PARTICIPANT);

  participant = lw_store_get (f->store, &lw_participant_table, first->participant_id, &error);
  g_assert_no_error (error);
  g_free (participant->legal_name);
  participant->legal_name = g_strdup (CANARY_NAME);
  g_free (participant->preferred_name);
  participant->preferred_name = g_strdup ("CANARY-preferred-name");
  g_free (participant->health_notes);
  participant->health_notes = g_strdup ("CANARY-health-notes");
  g_assert_true (lw_store_update (f->store, participant, &error));
  g_assert_no_error (error);
  g_free (first->notes);
  first->notes = g_strdup (CANARY_NOTES);
  g_assert_true (lw_store_update (f->store, first, &error));
  g_assert_no_error (error);

  f->window = lw_window_new (NULL);
  gtk_window_set_default_size (GTK_WINDOW (f->window), 1280, 720);
  lw_window_set_store (f->window, f->store, FALSE);
  gtk_window_present (GTK_WINDOW (f->window));
  wait_for_draw (GTK_WIDGET (f->window));
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
}

static LwMainPage *
main_page (Fixture *f)
{
  GtkWidget *page = _lw_window_get_main_page (f->window);

  g_assert_nonnull (page);
  return LW_MAIN_PAGE (page);
}

static void
select_meeting (Fixture *f)
{
  LwMeetingsPage *meetings = LW_MEETINGS_PAGE (lw_main_page_get_meetings_page (main_page (f)));
  GtkListBox *list = _lw_meetings_page_get_list (meetings);

  for (int i = 0;; i++)
    {
      GtkListBoxRow *row = gtk_list_box_get_row_at_index (list, i);

      g_assert_nonnull (row);
      if ((LwId) GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (row), "lw-meeting-id")) == f->meeting_id)
        {
          gtk_list_box_select_row (list, row);
          break;
        }
    }
  g_assert_cmpint (lw_meetings_page_get_meeting_id (meetings), ==, f->meeting_id);
}

static LwExportWindow *
open_export (Fixture    *f,
             const char *action)
{
  GtkWidget *window;

  gtk_widget_activate_action (GTK_WIDGET (main_page (f)), action, NULL);
  window = lw_main_page_get_export_window (main_page (f));
  g_assert_nonnull (window);
  g_assert_true (LW_IS_EXPORT_WINDOW (window));
  wait_for_draw (window);
  return LW_EXPORT_WINDOW (window);
}

static guint
audit_count (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) entries = lw_audit_list (f->store, &error);

  g_assert_no_error (error);
  return entries->len;
}

/* The detail of the newest entry, which must be an export. */
static char *
last_export_detail (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) entries = lw_audit_list (f->store, &error);
  LwAuditEntry *last;

  g_assert_no_error (error);
  g_assert_cmpuint (entries->len, >, 0);
  last = g_ptr_array_index (entries, entries->len - 1);
  g_assert_cmpint (last->event, ==, LW_AUDIT_EXPORT);
  return g_strdup (last->detail);
}

static char *
read_text (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *text = NULL;

  g_assert_true (g_file_get_contents (path, &text, NULL, &error));
  g_assert_no_error (error);
  return text;
}

static void
assert_pdf (const char *path)
{
  g_autofree char *text = read_text (path);

  g_assert_true (g_str_has_prefix (text, "%PDF"));
}

/* The PDF's text, or NULL without pdftotext. */
static char *
pdf_text (const char *path)
{
  const char *tool = g_getenv ("LW_PDFTOTEXT");
  g_autofree char *found = NULL;
  g_autoptr(GError) error = NULL;
  char *out = NULL;
  int status = 0;

  if (tool == NULL)
    tool = found = g_find_program_in_path ("pdftotext");
  if (tool == NULL)
    return NULL;

  {
    const char *argv[] = { tool, "-enc", "UTF-8", path, "-", NULL };

    g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDERR_TO_DEV_NULL,
                                 NULL, NULL, &out, NULL, &status, &error));
  }
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  return out;
}

/* Every page of a PDF names the audience and no page has a canary. */
static void
assert_pdf_pages (const char *path,
                  const char *audience)
{
  g_autofree char *text = pdf_text (path);
  g_auto(GStrv) pages = NULL;
  guint n = 0;

  if (text == NULL)
    {
      g_test_message ("pdftotext not found: PDF text not checked");
      return;
    }
  g_assert_null (strstr (text, CANARY));
  pages = g_strsplit (text, "\f", -1);
  for (guint i = 0; pages[i] != NULL; i++)
    {
      if (*g_strstrip (pages[i]) == '\0')
        continue;
      n++;
      if (strstr (pages[i], audience) == NULL)
        g_error ("page %u does not name the audience", i + 1);
    }
  g_assert_cmpuint (n, >, 0);
}

static void
test_minutes_community (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *md_path = g_build_filename (f->dir, "minutes.md", NULL);
  g_autofree char *pdf_path = g_build_filename (f->dir, "minutes.pdf", NULL);
  g_autofree char *print_path = g_build_filename (f->dir, "printed.pdf", NULL);
  g_autofree char *cm_path = g_build_filename (f->dir, "minutes-cm.md", NULL);
  g_autofree char *text = NULL;
  g_autofree char *detail = NULL;
  g_autofree char *name = NULL;
  LwExportWindow *window;
  guint before;

  select_meeting (f);
  window = open_export (f, "win.export-minutes");
  g_assert_cmpint (lw_export_window_get_kind (window), ==, LW_EXPORT_KIND_MINUTES);

  /* exactly the most restrictive role among the recipients */
  g_assert_cmpuint (lw_export_window_get_roles (window), ==,
                    LW_ROLE_BIT (LW_ROLE_COMMUNITY_REPRESENTATIVE));
  g_assert_true (gtk_check_button_get_active (_lw_export_window_get_role_check (window, LW_ROLE_COMMUNITY_REPRESENTATIVE)));
  g_assert_nonnull (strstr (gtk_label_get_text (_lw_export_window_get_audience_line (window)),
                            "Community representative"));
  /* the window itself shows no participant data (the main window does, at the
   * viewer's own level) */
  {
    g_autoptr(GString) widgets = g_string_new (NULL);

    lw_test_ui_collect_text (GTK_WIDGET (window), widgets);
    g_assert_null (strstr (widgets->str, CANARY));
    g_assert_nonnull (strstr (widgets->str, "Audience on every page: Community representative"));
  }
  name = lw_export_window_dup_suggested_name (window);
  g_assert_true (g_str_has_prefix (name, "minutes-"));
  g_assert_true (g_str_has_suffix (name, "-community-representative.pdf"));

  /* Markdown, as Save writes it */
  before = audit_count (f);
  lw_export_window_set_format (window, LW_EXPORT_MARKDOWN);
  g_assert_true (lw_export_window_save_to_path (window, md_path, &error));
  g_assert_no_error (error);
  text = read_text (md_path);
  g_assert_nonnull (strstr (text, "Community representative"));
  g_assert_null (strstr (text, CANARY));
  g_assert_cmpuint (audit_count (f), ==, before + 1);
  detail = last_export_detail (f);
  g_assert_nonnull (strstr (detail, "minutes"));
  g_assert_nonnull (strstr (detail, "audience=community-representative"));
  g_assert_null (strstr (detail, CANARY));
  g_assert_null (strstr (detail, "minutes.md"));
  g_clear_pointer (&detail, g_free);
  g_clear_pointer (&text, g_free);

  /* PDF */
  lw_export_window_set_format (window, LW_EXPORT_PDF);
  g_assert_true (lw_export_window_save_to_path (window, pdf_path, &error));
  g_assert_no_error (error);
  assert_pdf (pdf_path);
  assert_pdf_pages (pdf_path, "Community representative");
  g_assert_cmpuint (audit_count (f), ==, before + 2);

  /* Print, exported to a file without a dialog */
  g_assert_cmpint (lw_export_window_print (window, print_path, &error), ==,
                   GTK_PRINT_OPERATION_RESULT_APPLY);
  g_assert_no_error (error);
  assert_pdf (print_path);
  assert_pdf_pages (print_path, "Community representative");
  g_assert_cmpuint (audit_count (f), ==, before + 3);
  detail = last_export_detail (f);
  g_assert_nonnull (strstr (detail, "format=print"));
  g_assert_nonnull (strstr (detail, "audience=community-representative"));
  g_clear_pointer (&detail, g_free);

  /* the case manager may see the discussion notes */
  lw_export_window_set_roles (window, LW_ROLE_BIT (LW_ROLE_CASE_MANAGER));
  g_assert_nonnull (strstr (gtk_label_get_text (_lw_export_window_get_audience_line (window)),
                            lw_role_to_label (LW_ROLE_CASE_MANAGER)));
  g_assert_true (lw_export_window_save_to_path (window, cm_path, &error));
  g_assert_no_error (error);
  text = read_text (cm_path);
  g_assert_nonnull (strstr (text, CANARY_NOTES));
  g_assert_nonnull (strstr (text, lw_role_to_label (LW_ROLE_CASE_MANAGER)));
  detail = last_export_detail (f);
  g_assert_nonnull (strstr (detail, "audience=case-manager"));
  /* views at full level are audited too, then the export */
  g_assert_cmpuint (audit_count (f), >, before + 3);

  /* never remembered: opening it again starts from the recipients */
  gtk_window_destroy (GTK_WINDOW (window));
  g_assert_null (lw_main_page_get_export_window (main_page (f)));
  window = open_export (f, "win.export-minutes");
  g_assert_cmpuint (lw_export_window_get_roles (window), ==,
                    LW_ROLE_BIT (LW_ROLE_COMMUNITY_REPRESENTATIVE));
}

static GtkWidget *
find_button (GtkWidget  *root,
             const char *label)
{
  if (GTK_IS_BUTTON (root) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (root)), label) == 0)
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_button (child, label);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static void
test_no_audience (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (f->dir, "handout.md", NULL);
  LwExportWindow *window;
  guint before = audit_count (f);

  select_meeting (f);
  window = open_export (f, "win.export-handout");
  g_assert_cmpint (lw_export_window_get_kind (window), ==, LW_EXPORT_KIND_HANDOUT);
  g_assert_cmpuint (lw_export_window_get_roles (window), ==,
                    LW_ROLE_BIT (LW_ROLE_COMMUNITY_REPRESENTATIVE));

  /* nobody chosen: nothing written, nothing audited, Save and Print off */
  lw_export_window_set_roles (window, 0);
  wait_for_draw (GTK_WIDGET (window));
  g_assert_false (gtk_widget_get_sensitive (find_button (GTK_WIDGET (window), "_Save…")));
  g_assert_false (gtk_widget_get_sensitive (find_button (GTK_WIDGET (window), "_Print…")));
  g_assert_nonnull (strstr (gtk_label_get_text (_lw_export_window_get_audience_line (window)),
                            "Choose at least one role"));
  g_assert_false (lw_export_window_save_to_path (window, path, &error));
  g_assert_error (error, LW_ERROR, LW_ERROR_INVALID);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  g_assert_cmpuint (audit_count (f), ==, before);
  g_clear_error (&error);

  /* a folder that is not there: an error, no file, no audit entry */
  lw_export_window_set_roles (window, LW_ROLE_BIT (LW_ROLE_COMMUNITY_REPRESENTATIVE));
  {
    g_autofree char *missing = g_build_filename (f->dir, "no-such-folder", "handout.md", NULL);

    g_assert_false (lw_export_window_save_to_path (window, missing, &error));
    g_assert_nonnull (error);
    g_assert_false (g_file_test (missing, G_FILE_TEST_EXISTS));
    g_assert_cmpuint (audit_count (f), ==, before);
    g_clear_error (&error);
  }

  /* the handout for the community representative has no canary */
  lw_export_window_set_roles (window, LW_ROLE_BIT (LW_ROLE_COMMUNITY_REPRESENTATIVE));
  g_assert_true (lw_export_window_save_to_path (window, path, &error));
  g_assert_no_error (error);
  {
    g_autofree char *text = read_text (path);
    g_autofree char *detail = last_export_detail (f);

    g_assert_nonnull (strstr (text, "Community representative"));
    g_assert_null (strstr (text, CANARY));
    g_assert_nonnull (strstr (detail, "handout"));
  }
}

static void
test_actions_and_disabled (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (f->dir, "actions.md", NULL);
  LwMeetingsPage *meetings = LW_MEETINGS_PAGE (lw_main_page_get_meetings_page (main_page (f)));
  LwExportWindow *window;
  guint roles;

  /* no meeting selected: the meeting exports do nothing */
  g_assert_cmpint (lw_meetings_page_get_meeting_id (meetings), ==, 0);
  gtk_widget_activate_action (GTK_WIDGET (main_page (f)), "win.export-minutes", NULL);
  g_assert_null (lw_main_page_get_export_window (main_page (f)));

  /* an action list is at its owner's own role */
  window = open_export (f, "win.export-actions");
  g_assert_cmpint (lw_export_window_get_kind (window), ==, LW_EXPORT_KIND_ACTIONS);
  roles = lw_export_window_get_roles (window);
  g_assert_cmpuint (roles, !=, 0);
  g_assert_cmpuint (roles & (roles - 1), ==, 0);
  g_assert_true (lw_export_window_save_to_path (window, path, &error));
  g_assert_no_error (error);
  {
    g_autofree char *detail = last_export_detail (f);

    g_assert_true (g_str_has_prefix (detail, "actions owner="));
  }

  /* opened in preparation, the meeting there is the one exported */
  lw_meetings_page_open (meetings, f->meeting_id);
  g_assert_cmpint (lw_meetings_page_get_meeting_id (meetings), ==, f->meeting_id);
  window = open_export (f, "win.export-minutes");
  g_assert_cmpint (lw_export_window_get_kind (window), ==, LW_EXPORT_KIND_MINUTES);
}

/* Locking destroys the export window with the main page. */
static void
test_lock_closes (Fixture       *f,
                  gconstpointer  data)
{
  LwExportWindow *window;

  select_meeting (f);
  window = open_export (f, "win.export-minutes");
  g_object_add_weak_pointer (G_OBJECT (window), (gpointer *) &window);
  lw_window_lock (f->window, LW_LOCK_REASON_USER);
  wait_for_draw (GTK_WIDGET (f->window));
  g_assert_null (window);
}

static void
skip_no_schema (void)
{
  g_test_skip ("the GSettings schema is not compiled");
}

int
main (int   argc,
      char *argv[])
{
  static const char * const paths[] = {
    "/lw/export-ui/minutes-community",
    "/lw/export-ui/no-audience",
    "/lw/export-ui/actions-and-disabled",
    "/lw/export-ui/lock-closes",
  };
  static const GTestFixtureFunc tests[] = {
    (GTestFixtureFunc) test_minutes_community,
    (GTestFixtureFunc) test_no_audience,
    (GTestFixtureFunc) test_actions_and_disabled,
    (GTestFixtureFunc) test_lock_closes,
  };

  g_setenv ("LEAD_WORKGROUP_TEST_WEAK_KDF", "1", TRUE);
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  g_setenv ("LEAD_WORKGROUP_TODAY", "2026-11-24", TRUE);

  if (!lw_test_ui_init (&argc, &argv, paths, G_N_ELEMENTS (paths)))
    return g_test_run ();

  for (guint i = 0; i < G_N_ELEMENTS (paths); i++)
    {
      if (lw_test_ui_have_schema ())
        g_test_add_vtable (paths[i], sizeof (Fixture), NULL,
                           (GTestFixtureFunc) fixture_setup, tests[i],
                           (GTestFixtureFunc) fixture_teardown);
      else
        g_test_add_func (paths[i], skip_no_schema);
    }

  return g_test_run ();
}
