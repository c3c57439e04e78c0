/* test-app.c: the window — unlock, wrong passphrase, lock, idle lock — under Xvfb
 *
 * The store is filled with canary strings in every sealed column; after a lock
 * no canary (and not the passphrase) may be left in any widget's text.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <sqlite3.h>
#include <string.h>

#include "lw/lw-audit.h"
#include "lw/lw-model.h"
#include "lw/lw-policy.h"
#include "lw/lw-vault.h"
#include "lw-settings.h"
#include "lw-status-page.h"
#include "lw-test-ui.h"
#include "lw-test-util.h"
#include "lw-unlock-page-private.h"
#include "lw-window-private.h"

#define CANARY "CANARY-"

typedef struct
{
  char     *dir;
  char     *path;
  LwStore  *store;
  LwWindow *window;
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


static gboolean
not_on_unlock_page (gpointer data)
{
  return g_strcmp0 (lw_window_get_page_name (data), "unlock") != 0;
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GHashTable) ids = NULL;
  g_autoptr(GError) error = NULL;

  f->dir = lw_test_tmpdir ();
  f->store = lw_test_store_new (f->dir, "program.lwdb");
  f->path = g_strdup (lw_store_get_path (f->store));
  ids = lw_test_fill_every_table (f->store, "app");

  /* open it again, locked, as the application does */
  g_clear_pointer (&f->store, lw_store_free);
  f->store = lw_store_open (f->path, &error);
  g_assert_no_error (error);
  g_assert_false (lw_store_is_unlocked (f->store));

  f->window = lw_window_new (NULL);
  lw_window_set_store (f->window, f->store, GPOINTER_TO_INT (data));
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

static void
type_and_unlock (Fixture    *f,
                 const char *passphrase)
{
  LwUnlockPage *page = _lw_window_get_unlock_page (f->window);

  gtk_editable_set_text (_lw_unlock_page_get_entry (page), passphrase);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "unlock.unlock", NULL));
  lw_test_ui_wait_while (unlock_busy, page, 30);
  g_assert_false (lw_unlock_page_get_busy (page));
  wait_for_draw (f->window);
}

static GBytes *
read_file_and_wal (Fixture *f)
{
  g_autofree char *wal = g_strconcat (f->path, "-wal", NULL);
  g_autoptr(GBytes) main_bytes = lw_test_read_file (f->path);
  g_autoptr(GBytes) wal_bytes = lw_test_read_file (wal);
  GByteArray *all = g_byte_array_new ();

  g_assert_nonnull (main_bytes);
  g_byte_array_append (all, g_bytes_get_data (main_bytes, NULL), g_bytes_get_size (main_bytes));
  if (wal_bytes != NULL)
    g_byte_array_append (all, g_bytes_get_data (wal_bytes, NULL), g_bytes_get_size (wal_bytes));

  return g_byte_array_free_to_bytes (all);
}

static void
test_wrong_passphrase (Fixture       *f,
                       gconstpointer  data)
{
  LwUnlockPage *page = _lw_window_get_unlock_page (f->window);
  GtkEditable *entry = _lw_unlock_page_get_entry (page);
  GtkLabel *error_label = _lw_unlock_page_get_error_label (page);
  g_autoptr(GBytes) before = read_file_and_wal (f);
  g_autoptr(GBytes) after = NULL;
  GtkWidget *focus;
  int start, end;

  g_assert_cmpstr (lw_window_get_page_name (f->window), ==, "unlock");
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (error_label)));

  type_and_unlock (f, "not the passphrase");

  g_assert_cmpstr (lw_window_get_page_name (f->window), ==, "unlock");
  g_assert_false (lw_store_is_unlocked (f->store));
  g_assert_null (_lw_window_get_main_page (f->window));

  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (error_label)));
  g_assert_cmpstr (gtk_label_get_text (error_label), ==,
                   "Wrong passphrase. Try again; nothing was changed.");
  gtk_test_accessible_assert_role (GTK_ACCESSIBLE (error_label), GTK_ACCESSIBLE_ROLE_ALERT);

  /* focus back in the entry, the wrong text selected to be typed over */
  focus = gtk_window_get_focus (GTK_WINDOW (f->window));
  g_assert_nonnull (focus);
  g_assert_true (focus == GTK_WIDGET (entry) || gtk_widget_is_ancestor (focus, GTK_WIDGET (entry)));
  g_assert_true (gtk_editable_get_selection_bounds (entry, &start, &end));
  g_assert_cmpint (start, ==, 0);
  g_assert_cmpint (end, ==, (int) strlen ("not the passphrase"));

  after = read_file_and_wal (f);
  g_assert_true (g_bytes_equal (before, after));

  assert_no_secret_text ();
}


static void
test_unlock_and_lock (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *text = NULL;
  GtkWidget *main_page;

  type_and_unlock (f, LW_TEST_PASSPHRASE);

  g_assert_true (lw_store_is_unlocked (f->store));
  g_assert_cmpstr (lw_window_get_page_name (f->window), ==, "main");
  main_page = _lw_window_get_main_page (f->window);
  g_assert_nonnull (main_page);
  g_assert_true (gtk_widget_get_mapped (main_page));

  /* the sections show counts, the passphrase is gone from the entry */
  text = lw_test_ui_all_text ();
  g_assert_nonnull (strstr (text, "1 participant in this program."));
  g_assert_null (strstr (text, LW_TEST_PASSPHRASE));
  g_assert_cmpstr (gtk_editable_get_text (_lw_unlock_page_get_entry (_lw_window_get_unlock_page (f->window))), ==, "");

  /* remembered for the next start (the memory backend is shared in the process) */
  if (lw_test_ui_have_schema ())
    {
      g_autoptr(LwSettings) settings = lw_settings_new ();

      g_assert_cmpstr (lw_settings_get_last_database (settings), ==, f->path);
    }

  g_object_add_weak_pointer (G_OBJECT (main_page), (gpointer *) &main_page);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.lock", NULL));

  g_assert_cmpstr (lw_window_get_page_name (f->window), ==, "unlock");
  g_assert_false (lw_store_is_unlocked (f->store));
  g_assert_null (_lw_window_get_main_page (f->window));

  /* the page and everything in it is finalized, not just hidden */
  lw_test_ui_wait_while (lw_test_ui_pointer_set, &main_page, 5);
  g_assert_null (main_page);

  wait_for_draw (f->window);
  assert_no_secret_text ();

  /* locking again does nothing; unlocking again builds a fresh page */
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.lock", NULL);
  g_assert_cmpstr (lw_window_get_page_name (f->window), ==, "unlock");
  type_and_unlock (f, LW_TEST_PASSPHRASE);
  g_assert_cmpstr (lw_window_get_page_name (f->window), ==, "main");
  g_assert_nonnull (_lw_window_get_main_page (f->window));
}

/* Marking an agency as a substance-use treatment program: a policy change that
 * needs a reason, is audited with it, and whose window goes with the lock. */
static void
test_treatment_programs (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) marked = NULL;
  GtkWidget *preferences;
  GtkWidget *toggle;
  GtkWidget *reason;

  type_and_unlock (f, LW_TEST_PASSPHRASE);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.preferences", NULL));
  preferences = _lw_window_get_preferences (f->window);
  g_assert_nonnull (preferences);
  gtk_test_widget_wait_for_draw (preferences);
  toggle = lw_test_ui_find_widget (preferences, GTK_TYPE_SWITCH);
  reason = lw_test_ui_find_widget (preferences, ADW_TYPE_ENTRY_ROW);
  g_assert_nonnull (toggle);
  g_assert_nonnull (reason);
  g_assert_true (gtk_widget_get_sensitive (toggle));
  g_assert_false (gtk_switch_get_active (GTK_SWITCH (toggle)));

  /* no reason: refused at the row, the switch goes back, nothing stored */
  gtk_switch_set_active (GTK_SWITCH (toggle), TRUE);
  g_assert_false (gtk_switch_get_active (GTK_SWITCH (toggle)));
  g_assert_true (gtk_widget_has_css_class (reason, "error"));
  marked = lw_policy_get_part2_agencies (f->store);
  g_assert_cmpuint (g_strv_length (marked), ==, 0);
  g_clear_pointer (&marked, g_strfreev);
  {
    g_autofree char *text = lw_test_ui_all_text ();
    g_assert_nonnull (strstr (text, "Give a reason"));
  }

  /* with one: marked, audited with the reason sealed beside the entry */
  gtk_editable_set_text (GTK_EDITABLE (reason), "Detox and methadone program");
  gtk_switch_set_active (GTK_SWITCH (toggle), TRUE);
  g_assert_true (gtk_switch_get_active (GTK_SWITCH (toggle)));
  g_assert_false (gtk_widget_has_css_class (reason, "error"));
  marked = lw_policy_get_part2_agencies (f->store);
  g_assert_cmpuint (g_strv_length (marked), ==, 1);
  {
    g_autoptr(GPtrArray) entries = lw_audit_list (f->store, &error);
    const LwAuditEntry *last;

    g_assert_no_error (error);
    last = g_ptr_array_index (entries, entries->len - 1);
    g_assert_cmpint (last->event, ==, LW_AUDIT_POLICY_CHANGE);
    g_assert_nonnull (strstr (last->detail, "part2=yes"));
    g_assert_cmpstr (last->note, ==, "Detox and methadone program");
  }

  /* the window holds the program: it goes with the lock */
  g_object_add_weak_pointer (G_OBJECT (preferences), (gpointer *) &preferences);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.lock", NULL));
  g_assert_null (_lw_window_get_preferences (f->window));
  lw_test_ui_wait_while (lw_test_ui_pointer_set, &preferences, 5);
  g_assert_null (preferences);
}

static void
test_idle_lock (Fixture       *f,
                gconstpointer  data)
{
  type_and_unlock (f, LW_TEST_PASSPHRASE);
  g_assert_cmpstr (lw_window_get_page_name (f->window), ==, "main");

  _lw_window_set_idle_lock_seconds (f->window, 1);
  lw_test_ui_wait_while (not_on_unlock_page, f->window, 10);

  g_assert_cmpstr (lw_window_get_page_name (f->window), ==, "unlock");
  g_assert_false (lw_store_is_unlocked (f->store));
  g_assert_null (_lw_window_get_main_page (f->window));
  wait_for_draw (f->window);
  assert_no_secret_text ();
}

/* A label under root whose text contains needle, or NULL. */
static GtkWidget *
find_label (GtkWidget  *root,
            const char *needle)
{
  if (GTK_IS_LABEL (root) && strstr (gtk_label_get_text (GTK_LABEL (root)), needle) != NULL)
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_label (child, needle);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static void
reopen_after (Fixture    *f,
              const char *statements)
{
  g_autoptr(GError) error = NULL;
  sqlite3 *db = NULL;

  lw_window_set_store (f->window, NULL, FALSE);
  g_clear_pointer (&f->store, lw_store_free);
  g_assert_cmpint (sqlite3_open (f->path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, statements, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  f->store = lw_store_open (f->path, &error);
  g_assert_no_error (error);
  lw_window_set_store (f->window, f->store, FALSE);
  wait_for_draw (f->window);
}

/* A file that cannot be written to (here: its audit head is gone, so nothing
 * could be audited) opens read-only, and the main page says so at the top. */
static void
test_read_only_banner (Fixture       *f,
                       gconstpointer  data)
{
  GtkWidget *banner;

  reopen_after (f, "DELETE FROM meta WHERE key = 'audit_head'");
  type_and_unlock (f, LW_TEST_PASSPHRASE);
  g_assert_cmpstr (lw_window_get_page_name (f->window), ==, "main");
  g_assert_nonnull (lw_store_get_read_only_reason (f->store));
  banner = find_label (GTK_WIDGET (f->window), "is open read-only");
  g_assert_nonnull (banner);
  g_assert_true (gtk_widget_get_mapped (banner));
  /* announced, not only painted */
  g_assert_cmpint (gtk_accessible_get_accessible_role (GTK_ACCESSIBLE (banner)), ==, GTK_ACCESSIBLE_ROLE_ALERT);
}

static gboolean
busy_label_hidden (gpointer data)
{
  GtkWidget *label = find_label (data, "Another program is using this file");

  return label == NULL || !gtk_widget_get_mapped (label);
}

/* Another program holds the file: the unlock waits and says why. */
static void
test_busy_unlock (Fixture       *f,
                  gconstpointer  data)
{
  LwUnlockPage *page = _lw_window_get_unlock_page (f->window);
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (f->path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "BEGIN IMMEDIATE", NULL, NULL, NULL), ==, SQLITE_OK);

  gtk_editable_set_text (_lw_unlock_page_get_entry (page), LW_TEST_PASSPHRASE);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "unlock.unlock", NULL));
  lw_test_ui_wait_while (busy_label_hidden, page, 10);
  g_assert_false (busy_label_hidden (page));
  g_assert_true (lw_unlock_page_get_busy (page));

  sqlite3_exec (db, "COMMIT", NULL, NULL, NULL);
  sqlite3_close (db);
  lw_test_ui_wait_while (unlock_busy, page, 30);
  wait_for_draw (f->window);
  g_assert_true (lw_store_is_unlocked (f->store));
  g_assert_cmpstr (lw_window_get_page_name (f->window), ==, "main");
}

static void
test_demo_hint (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *text = lw_test_ui_all_text ();

  g_assert_nonnull (strstr (text, "the passphrase is <b>demo</b>"));
}

/* Status pages under widget showing the icon called name */
static guint
count_status_icons (GtkWidget  *widget,
                    const char *name)
{
  guint n = 0;

  if (LW_IS_STATUS_PAGE (widget) && g_strcmp0 (lw_status_page_get_icon_name (LW_STATUS_PAGE (widget)), name) == 0)
    n++;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    n += count_status_icons (child, name);
  return n;
}

static void
test_missing_file (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *text = NULL;

  /* the welcome page's large icon exists only in SVG: while that page is not
   * shown it has none, or every start (the window's stack measures all its
   * pages) would load the SVG renderer to draw it */
  g_assert_cmpstr (lw_window_get_page_name (f->window), !=, "welcome");
  g_assert_cmpuint (count_status_icons (GTK_WIDGET (f->window), "document-open-symbolic"), ==, 0);

  lw_window_show_missing (f->window, "/nonexistent/program.lwdb");
  wait_for_draw (f->window);
  g_assert_cmpuint (count_status_icons (GTK_WIDGET (f->window), "document-open-symbolic"), ==, 1);

  g_assert_cmpstr (lw_window_get_page_name (f->window), ==, "welcome");
  g_assert_null (lw_window_get_store (f->window));
  text = lw_test_ui_all_text ();
  /* the first run starts here, not in a terminal */
  g_assert_null (strstr (text, "terminal"));
  g_assert_nonnull (strstr (text, "New Program…"));
  g_assert_nonnull (strstr (text, "/nonexistent/program.lwdb"));
  g_assert_nonnull (strstr (text, "Open Demo Program"));
  g_clear_pointer (&text, g_free);

  /* a path is shown as it is, whatever characters it holds */
  lw_window_show_missing (f->window, "/nonexistent/Fish & <b>Chips</b>/program.lwdb");
  wait_for_draw (f->window);
  text = lw_test_ui_all_text ();
  g_assert_nonnull (strstr (text, "/nonexistent/Fish & <b>Chips</b>/program.lwdb"));
}


int
main (int   argc,
      char *argv[])
{
  static const char * const paths[] = {
    "/lw/app/wrong-passphrase",
    "/lw/app/unlock-and-lock",
    "/lw/app/idle-lock",
    "/lw/app/demo-hint",
    "/lw/app/missing-file",
    "/lw/app/treatment-programs",
    "/lw/app/read-only-banner",
    "/lw/app/busy-unlock",
  };

  /* before any store is created */
  g_setenv ("LEAD_WORKGROUP_TEST_WEAK_KDF", "1", TRUE);
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);

  if (!lw_test_ui_init (&argc, &argv, paths, G_N_ELEMENTS (paths)))
    return g_test_run ();

  g_test_add (paths[0], Fixture, GINT_TO_POINTER (FALSE),
              fixture_setup, test_wrong_passphrase, fixture_teardown);
  g_test_add (paths[1], Fixture, GINT_TO_POINTER (FALSE),
              fixture_setup, test_unlock_and_lock, fixture_teardown);
  g_test_add (paths[2], Fixture, GINT_TO_POINTER (FALSE),
              fixture_setup, test_idle_lock, fixture_teardown);
  g_test_add (paths[3], Fixture, GINT_TO_POINTER (TRUE),
              fixture_setup, test_demo_hint, fixture_teardown);
  g_test_add (paths[4], Fixture, GINT_TO_POINTER (FALSE),
              fixture_setup, test_missing_file, fixture_teardown);
  g_test_add (paths[5], Fixture, GINT_TO_POINTER (FALSE),
              fixture_setup, test_treatment_programs, fixture_teardown);
  g_test_add (paths[6], Fixture, GINT_TO_POINTER (FALSE),
              fixture_setup, test_read_only_banner, fixture_teardown);
  g_test_add (paths[7], Fixture, GINT_TO_POINTER (FALSE),
              fixture_setup, test_busy_unlock, fixture_teardown);

  return g_test_run ();
}
