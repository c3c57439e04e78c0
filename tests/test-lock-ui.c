/* test-lock-ui.c: Ctrl+L locks from every window of the application, and the
 * projector opens without taking the keyboard from the presenter — under Xvfb,
 * with the real application object, so its accelerators are the ones in use
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "lw/lw-demo.h"
#include "lw/lw-vault.h"
#include "lw-application.h"
#include "lw-export-window.h"
#include "lw-main-page.h"
#include "lw-meetings-page.h"
#include "lw-presenter.h"
#include "lw-projector-window.h"
#include "lw-test-ui.h"
#include "lw-test-util.h"
#include "lw-unlock-page-private.h"
#include "lw-window-private.h"

static LwApplication *application;

typedef struct
{
  char     *dir;
  char     *path;
  LwStore  *store;
  LwWindow *window;
} Fixture;

static gboolean
unlock_busy (gpointer data)
{
  return lw_unlock_page_get_busy (data);
}

static gboolean
window_inactive (gpointer data)
{
  return !gtk_window_is_active (data);
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = lw_test_tmpdir ();
  f->store = lw_test_store_new (f->dir, "program.lwdb");
  f->path = g_strdup (lw_store_get_path (f->store));
  g_assert_true (lw_demo_generate (f->store, 30, 3, &error));
  g_assert_no_error (error);
  g_clear_pointer (&f->store, lw_store_free);
  f->store = lw_store_open (f->path, &error);
  g_assert_no_error (error);

  f->window = lw_window_new (GTK_APPLICATION (application));
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

/* Unlocks through the unlock page and opens meeting mode on the next meeting. */
static GtkWidget *
unlock_and_present (Fixture *f)
{
  LwUnlockPage *page = _lw_window_get_unlock_page (f->window);
  GtkWidget *main_page;
  GtkWidget *presenter;

  gtk_editable_set_text (_lw_unlock_page_get_entry (page), LW_TEST_PASSPHRASE);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "unlock.unlock", NULL));
  lw_test_ui_wait_while (unlock_busy, page, 30);
  g_assert_cmpstr (lw_window_get_page_name (f->window), ==, "main");

  main_page = _lw_window_get_main_page (f->window);
  g_assert_true (lw_main_page_present_meeting (LW_MAIN_PAGE (main_page), "next"));
  presenter = _lw_meetings_page_get_presenter (LW_MEETINGS_PAGE (lw_main_page_get_meetings_page (LW_MAIN_PAGE (main_page))));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (f->window));
  return presenter;
}


/* What GTK does with Ctrl+L pressed in window: the window's own shortcut
 * controllers (the application's accelerators among them) are asked first, in
 * the capture phase.  TRUE when one took the key. */
static gboolean
press_ctrl_l (GtkWindow *window)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (GTK_WIDGET (window));
  g_autoptr(GtkShortcutTrigger) ctrl_l = gtk_keyval_trigger_new (GDK_KEY_l, GDK_CONTROL_MASK);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
        continue;
      for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (controller)); j++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), j);

          if (!gtk_shortcut_trigger_equal (gtk_shortcut_get_trigger (shortcut), ctrl_l))
            continue;
          if (gtk_shortcut_action_activate (gtk_shortcut_get_action (shortcut),
                                            GTK_SHORTCUT_ACTION_EXCLUSIVE,
                                            GTK_WIDGET (window),
                                            gtk_shortcut_get_arguments (shortcut)))
            return TRUE;
        }
    }
  return FALSE;
}

static void
assert_locked (Fixture    *f,
               const char *where)
{
  if (lw_store_is_unlocked (f->store))
    g_error ("Ctrl+L in the %s did not lock the program", where);
  g_assert_cmpstr (lw_window_get_page_name (f->window), ==, "unlock");
  lw_test_ui_iterate (50);
  g_assert_null (lw_test_ui_find_toplevel (LW_TYPE_PROJECTOR_WINDOW));
  g_assert_null (lw_test_ui_find_toplevel (LW_TYPE_EXPORT_WINDOW));
}

/* The projector opens beside the presenter, which keeps the keyboard. */
static void
test_projector_keeps_focus (Fixture       *f,
                            gconstpointer  data)
{
  GtkWidget *presenter = unlock_and_present (f);
  GtkWindow *projector;

  /* the window manager-less X server gives the focus as windows are presented */
  lw_test_ui_wait_while (window_inactive, f->window, 5);
  g_assert_true (gtk_window_is_active (GTK_WINDOW (f->window)));
  gtk_widget_activate_action (presenter, "presenter.toggle-projector", NULL);
  projector = lw_test_ui_find_toplevel (LW_TYPE_PROJECTOR_WINDOW);
  g_assert_nonnull (projector);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (projector));
  lw_test_ui_iterate (300);
  lw_test_ui_wait_while (window_inactive, f->window, 2);

  g_assert_false (gtk_window_is_active (projector));
  g_assert_true (gtk_window_is_active (GTK_WINDOW (f->window)));
}

/* Ctrl+L from the projector, an export window, the preferences and the
 * shortcuts window: each locks the program. */
static void
test_lock_from_every_window (Fixture       *f,
                             gconstpointer  data)
{
  GtkWidget *presenter;
  GtkWindow *window;

  /* the projector */
  presenter = unlock_and_present (f);
  gtk_widget_activate_action (presenter, "presenter.toggle-projector", NULL);
  window = lw_test_ui_find_toplevel (LW_TYPE_PROJECTOR_WINDOW);
  g_assert_nonnull (window);
  g_assert_true (press_ctrl_l (window));
  assert_locked (f, "projector");

  /* an export window */
  unlock_and_present (f);
  g_assert_true (gtk_widget_activate_action (_lw_window_get_main_page (f->window), "win.export-minutes", NULL));
  window = lw_test_ui_find_toplevel (LW_TYPE_EXPORT_WINDOW);
  g_assert_nonnull (window);
  g_assert_true (press_ctrl_l (window));
  assert_locked (f, "export window");

  /* the preferences */
  unlock_and_present (f);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.preferences", NULL));
  window = lw_test_ui_find_toplevel (ADW_TYPE_PREFERENCES_WINDOW);
  g_assert_nonnull (window);
  g_object_add_weak_pointer (G_OBJECT (window), (gpointer *) &window);
  g_assert_true (press_ctrl_l (window));
  assert_locked (f, "preferences window");
  /* it showed the program's treatment programs: it goes with the lock */
  lw_test_ui_wait_while (lw_test_ui_pointer_set, &window, 5);
  g_assert_null (window);

  /* the shortcuts window (not shown: GTK 4.8 warns about one of its labels
   * under Xvfb; its keys are there all the same) */
  unlock_and_present (f);
  window = GTK_WINDOW (_lw_window_ensure_help_overlay (f->window));
  g_assert_nonnull (window);
  g_assert_true (press_ctrl_l (window));
  assert_locked (f, "shortcuts window");
}

int
main (int   argc,
      char *argv[])
{
  static const char * const paths[] = {
    "/lw/lock-ui/projector-keeps-focus",
    "/lw/lock-ui/lock-from-every-window",
  };
  g_autoptr(GError) error = NULL;

  g_setenv ("LEAD_WORKGROUP_TEST_WEAK_KDF", "1", TRUE);
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  g_setenv ("LEAD_WORKGROUP_TODAY", "2026-11-24", TRUE);

  if (!lw_test_ui_init (&argc, &argv, paths, G_N_ELEMENTS (paths)))
    return g_test_run ();

  /* registered, so that it starts up (actions, accelerators) as when it runs */
  application = lw_application_new ();
  g_assert_true (g_application_register (G_APPLICATION (application), NULL, &error));
  g_assert_no_error (error);

  g_test_add (paths[0], Fixture, NULL, fixture_setup, test_projector_keeps_focus, fixture_teardown);
  g_test_add (paths[1], Fixture, NULL, fixture_setup, test_lock_from_every_window, fixture_teardown);

  return g_test_run ();
}
