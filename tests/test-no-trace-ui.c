/* test-no-trace-ui.c: printing with a preview and saving from the export window
 * leave nothing behind — no file in the temporary folder, no entry in the
 * desktop's recent files — under Xvfb with a private home, temporary folder and
 * XDG directories, through the real print dialog and file chooser
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <stdlib.h>
#include <string.h>

#include "lw/lw-demo.h"
#include "lw/lw-vault.h"
#include "lw-export-window.h"
#include "lw-main-page.h"
#include "lw-print-preview.h"
#include "lw-test-ui.h"
#include "lw-test-util.h"
#include "lw-unlock-page-private.h"
#include "lw-window-private.h"

/* the private directories, made in main() before GLib reads them */
static char *root_dir;
static char *home_dir;
static char *tmp_dir;
static char *data_home;

typedef struct
{
  char     *dir;      /* the program file and the chosen output: neither home nor temp */
  char     *path;
  LwStore  *store;
  LwWindow *window;
} Fixture;

static gboolean
unlock_busy (gpointer data)
{
  return lw_unlock_page_get_busy (data);
}

/* Every file under dir, as paths, into set. */
static void
list_files (const char *dir,
            GHashTable *set)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  if (d == NULL)
    return;
  while ((name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      if (g_file_test (path, G_FILE_TEST_IS_DIR) && !g_file_test (path, G_FILE_TEST_IS_SYMLINK))
        list_files (path, set);
      else
        g_hash_table_add (set, g_steal_pointer (&path));
    }
}

static GHashTable *
snapshot (const char *dir)
{
  GHashTable *set = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  list_files (dir, set);
  return set;
}

/* Fails naming every file under dir that was not in before. */
static void
assert_no_new_files (const char *dir,
                     GHashTable *before,
                     const char *what)
{
  g_autoptr(GHashTable) after = snapshot (dir);
  g_autoptr(GString) added = g_string_new (NULL);
  GHashTableIter iter;
  const char *path;

  g_hash_table_iter_init (&iter, after);
  while (g_hash_table_iter_next (&iter, (gpointer *) &path, NULL))
    if (!g_hash_table_contains (before, path))
      g_string_append_printf (added, "  %s\n", path);
  if (added->len > 0)
    g_error ("%s left files in %s:\n%s", what, dir, added->str);
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_build_filename (root_dir, "data", NULL);
  g_assert_cmpint (g_mkdir_with_parents (f->dir, 0700), ==, 0);
  f->store = lw_test_store_new (f->dir, "program.lwdb");
  f->path = g_strdup (lw_store_get_path (f->store));
  g_assert_true (lw_demo_generate (f->store, 30, 5, &error));
  g_assert_no_error (error);
  g_clear_pointer (&f->store, lw_store_free);
  f->store = lw_store_open (f->path, &error);
  g_assert_no_error (error);

  f->window = lw_window_new (NULL);
  gtk_window_set_default_size (GTK_WINDOW (f->window), 1280, 720);
  lw_window_set_store (f->window, f->store, FALSE);
  gtk_window_present (GTK_WINDOW (f->window));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (f->window));
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  /* every window this test opened, the main one last */
  lw_test_ui_destroy_toplevels (GTK_WINDOW (f->window));

  g_clear_pointer (&f->store, lw_store_free);
  lw_test_tmpdir_remove (f->dir);
  g_free (f->dir);
  g_free (f->path);
}


/* The print dialog runs its own main loop: this presses its Preview button
 * (the dialog's "apply" response) once it is up. */
static gboolean
press_preview_cb (gpointer data)
{
  guint *tries = data;
  GtkWindow *dialog = lw_test_ui_find_toplevel (g_type_from_name ("GtkPrintUnixDialog"));

  if (dialog == NULL)
    return ++*tries < 200 ? G_SOURCE_CONTINUE : G_SOURCE_REMOVE;

  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_dialog_response (GTK_DIALOG (dialog), GTK_RESPONSE_APPLY);
  G_GNUC_END_IGNORE_DEPRECATIONS
  *tries = G_MAXUINT;
  return G_SOURCE_REMOVE;
}

static gboolean
is_save_button (GtkWidget     *widget,
                gconstpointer  data)
{
  return GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), "_Save") == 0;
}

static gboolean
file_missing (gpointer data)
{
  return !g_file_test (data, G_FILE_TEST_EXISTS);
}

static void
test_print_preview_and_save (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(GHashTable) tmp_before = NULL;
  g_autoptr(GHashTable) data_before = NULL;
  g_autoptr(GFile) out_folder = NULL;
  g_autofree char *out_dir = g_build_filename (f->dir, "out", NULL);
  g_autofree char *out_path = g_build_filename (out_dir, "minutes.pdf", NULL);
  g_autofree char *recent = g_build_filename (data_home, "recently-used.xbel", NULL);
  LwUnlockPage *page = _lw_window_get_unlock_page (f->window);
  GtkWidget *main_page;
  GtkWindow *export_window, *chooser, *preview;
  GtkWidget *save_button;
  guint tries = 0;

  g_assert_cmpint (g_mkdir_with_parents (out_dir, 0700), ==, 0);

  gtk_editable_set_text (_lw_unlock_page_get_entry (page), LW_TEST_PASSPHRASE);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "unlock.unlock", NULL));
  lw_test_ui_wait_while (unlock_busy, page, 30);
  main_page = _lw_window_get_main_page (f->window);
  g_assert_nonnull (main_page);
  g_assert_true (lw_main_page_present_meeting (LW_MAIN_PAGE (main_page), "next"));
  g_assert_true (gtk_widget_activate_action (main_page, "win.export-minutes", NULL));
  export_window = lw_test_ui_find_toplevel (LW_TYPE_EXPORT_WINDOW);
  g_assert_nonnull (export_window);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (export_window));
  lw_test_ui_iterate (200);

  tmp_before = snapshot (tmp_dir);
  data_before = snapshot (home_dir);

  /* Print…, then Preview in the print dialog */
  g_timeout_add (50, press_preview_cb, &tries);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (export_window), "export.print", NULL));
  g_assert_cmpuint (tries, ==, G_MAXUINT);
  lw_test_ui_iterate (500);
  assert_no_new_files (tmp_dir, tmp_before, "Print preview");
  preview = lw_test_ui_find_toplevel (LW_TYPE_PRINT_PREVIEW);
  g_assert_nonnull (preview);
  g_assert_cmpuint (lw_print_preview_get_n_pages (LW_PRINT_PREVIEW (preview)), >, 0);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (preview));
  gtk_window_destroy (preview);

  /* Save…, through the file chooser, into a folder the user chose */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (export_window), "export.save", NULL));
  for (guint i = 0; i < 200 && (chooser = lw_test_ui_find_toplevel (GTK_TYPE_FILE_CHOOSER_DIALOG)) == NULL; i++)
    lw_test_ui_iterate (10);
  g_assert_nonnull (chooser);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (chooser));
  out_folder = g_file_new_for_path (out_dir);
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  g_assert_true (gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (chooser), out_folder, NULL));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), "minutes.pdf");
  G_GNUC_END_IGNORE_DEPRECATIONS
  lw_test_ui_iterate (200);
  save_button = lw_test_ui_find_matching (GTK_WIDGET (chooser), is_save_button, NULL);
  g_assert_nonnull (save_button);
  g_signal_emit_by_name (save_button, "clicked");
  lw_test_ui_wait_while (file_missing, out_path, 10);
  g_assert_true (g_file_test (out_path, G_FILE_TEST_IS_REGULAR));

  /* the recent files list is written after a short delay: give it time */
  lw_test_ui_iterate (1500);
  assert_no_new_files (tmp_dir, tmp_before, "Saving");
  /* the list may be there (GTK writes it empty when it is off), but empty */
  if (g_file_test (recent, G_FILE_TEST_EXISTS))
    {
      g_autofree char *xbel = NULL;

      g_assert_true (g_file_get_contents (recent, &xbel, NULL, NULL));
      if (strstr (xbel, "<bookmark ") != NULL)
        g_error ("The desktop's recent files list names a file of the app:\n%s", xbel);
      g_hash_table_add (data_before, g_strdup (recent));
    }
  assert_no_new_files (home_dir, data_before, "Print preview and saving");
}

static char *
make_dir (const char *parent,
          const char *name)
{
  char *dir = g_build_filename (parent, name, NULL);

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  return dir;
}

int
main (int   argc,
      char *argv[])
{
  static const char * const paths[] = {
    "/lw/no-trace-ui/print-preview-and-save",
  };
  g_autoptr(GError) error = NULL;
  char root_template[] = "/tmp/lw-no-trace-XXXXXX";
  g_autofree char *config_home = NULL;
  g_autofree char *cache_home = NULL;
  g_autofree char *state_home = NULL;
  int status;

  g_setenv ("LEAD_WORKGROUP_TEST_WEAK_KDF", "1", TRUE);
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  g_setenv ("LEAD_WORKGROUP_TODAY", "2026-11-24", TRUE);

  /* a private home, temporary folder and XDG directories, before GLib caches
   * any of them */
  root_dir = g_strdup (g_mkdtemp (root_template));
  g_assert_nonnull (root_dir);
  home_dir = make_dir (root_dir, "home");
  tmp_dir = make_dir (root_dir, "tmp");
  data_home = make_dir (home_dir, ".local/share");
  config_home = make_dir (home_dir, ".config");
  cache_home = make_dir (home_dir, ".cache");
  state_home = make_dir (home_dir, ".local/state");
  g_setenv ("HOME", home_dir, TRUE);
  g_setenv ("TMPDIR", tmp_dir, TRUE);
  g_setenv ("XDG_DATA_HOME", data_home, TRUE);
  g_setenv ("XDG_CONFIG_HOME", config_home, TRUE);
  g_setenv ("XDG_CACHE_HOME", cache_home, TRUE);
  g_setenv ("XDG_STATE_HOME", state_home, TRUE);
  /* no GL shader cache in the private home */
  g_setenv ("GSK_RENDERER", "cairo", TRUE);

  if (g_getenv ("DISPLAY") == NULL && g_getenv ("WAYLAND_DISPLAY") == NULL)
    {
      g_test_init (&argc, &argv, NULL);
      for (guint i = 0; i < G_N_ELEMENTS (paths); i++)
        g_test_add_func (paths[i], lw_test_ui_skip_no_display);
      status = g_test_run ();
      lw_test_tmpdir_remove (root_dir);
      return status;
    }

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  /* a previewer that leaves the file where it was given (as any viewer but
   * one that deletes it does) */
  g_object_set (gtk_settings_get_default (), "gtk-print-preview-command", "true %f", NULL);

  if (!lw_vault_init (&error))
    g_error ("%s", error->message);

  g_test_add (paths[0], Fixture, NULL, fixture_setup, test_print_preview_and_save, fixture_teardown);

  status = g_test_run ();
  lw_test_tmpdir_remove (root_dir);
  return status;
}
