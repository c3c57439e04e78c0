/* test-icons.c: at scale 1 the app draws every icon it shows from bitmaps, so
 * the SVG renderer (librsvg, about 7 MB resident) is never loaded: the unlock
 * spinner, every page of the main window with its status pages and the
 * Reports page's spinner, meeting mode and the projector with its timer.
 *
 * Under Xvfb, with the real application object, which gives the windows the
 * style sheet and the icons in the resources (style.css, "Icons drawn from
 * bitmaps").  Alone in its process: another test could have loaded the
 * renderer before this one looks.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "lw/lw-demo.h"
#include "lw/lw-vault.h"
#include "lw-application.h"
#include "lw-main-page.h"
#include "lw-meetings-page.h"
#include "lw-presenter.h"
#include "lw-projector-window.h"
#include "lw-test-ui.h"
#include "lw-test-util.h"
#include "lw-unlock-page-private.h"
#include "lw-window-private.h"

static LwApplication *application;

/* The shared object that renders SVGs, when this process has it mapped:
 * loaded by gdk-pixbuf's SVG loader for the first SVG icon drawn. */
static char *
svg_renderer_mapped (void)
{
  g_autofree char *maps = NULL;
  g_auto(GStrv) lines = NULL;

  g_assert_true (g_file_get_contents ("/proc/self/maps", &maps, NULL, NULL));
  lines = g_strsplit (maps, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    if (strstr (lines[i], "librsvg") != NULL || strstr (lines[i], "pixbufloader-svg") != NULL)
      return g_strdup (strchr (lines[i], '/'));
  return NULL;
}

static void
assert_no_svg_renderer (const char *after)
{
  g_autofree char *mapped = svg_renderer_mapped ();

  if (mapped != NULL)
    g_error ("%s loaded the SVG renderer (%s): an icon is drawn from an SVG", after, mapped);
}

static gboolean
unlock_busy (gpointer data)
{
  return lw_unlock_page_get_busy (data);
}

static void
show_and_draw (GtkWidget *window,
               guint      ms)
{
  gtk_test_widget_wait_for_draw (window);
  lw_test_ui_iterate (ms);
}

static void
test_bitmaps_only (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = lw_test_tmpdir ();
  g_autofree char *path = NULL;
  LwStore *store = lw_test_store_new (dir, "program.lwdb");
  LwWindow *window;
  LwUnlockPage *unlock;
  GtkWidget *main_page;
  GtkWidget *presenter;
  AdwViewStack *stack;
  GtkSelectionModel *pages;
  GtkWidget *projector;

  assert_no_svg_renderer ("GTK's start");

  path = g_strdup (lw_store_get_path (store));
  g_assert_true (lw_demo_generate (store, 30, 3, &error));
  g_assert_no_error (error);
  g_clear_pointer (&store, lw_store_free);
  store = lw_store_open (path, &error);
  g_assert_no_error (error);

  window = lw_window_new (GTK_APPLICATION (application));
  gtk_window_set_default_size (GTK_WINDOW (window), 1920, 1080);
  lw_window_set_store (window, store, FALSE);
  gtk_window_present (GTK_WINDOW (window));
  show_and_draw (GTK_WIDGET (window), 100);
  assert_no_svg_renderer ("The unlock screen");

  /* the spinner turns while the key is derived */
  unlock = _lw_window_get_unlock_page (window);
  gtk_editable_set_text (_lw_unlock_page_get_entry (unlock), LW_TEST_PASSPHRASE);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (unlock), "unlock.unlock", NULL));
  g_assert_true (lw_unlock_page_get_busy (unlock));
  show_and_draw (GTK_WIDGET (window), 50);
  lw_test_ui_wait_while (unlock_busy, unlock, 30);
  g_assert_cmpstr (lw_window_get_page_name (window), ==, "main");
  show_and_draw (GTK_WIDGET (window), 100);
  assert_no_svg_renderer ("Unlocking");

  /* every page, twice: the Reports page shows its spinner, then its report */
  main_page = _lw_window_get_main_page (window);
  stack = ADW_VIEW_STACK (lw_test_ui_find_widget (main_page, ADW_TYPE_VIEW_STACK));
  pages = adw_view_stack_get_pages (stack);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (pages)), >=, 6);
  for (guint round = 0; round < 2; round++)
    for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (pages)); i++)
      {
        g_autoptr(AdwViewStackPage) page = g_list_model_get_item (G_LIST_MODEL (pages), i);
        g_autofree char *what = g_strdup_printf ("The page %s", adw_view_stack_page_get_name (page));

        adw_view_stack_set_visible_child (stack, adw_view_stack_page_get_child (page));
        show_and_draw (GTK_WIDGET (window), round == 0 ? 20 : 300);
        assert_no_svg_renderer (what);
      }
  g_object_unref (pages);

  /* meeting mode and the projector, its timer running */
  g_assert_true (lw_main_page_present_meeting (LW_MAIN_PAGE (main_page), "next"));
  show_and_draw (GTK_WIDGET (window), 100);
  presenter = lw_test_ui_find_widget (main_page, LW_TYPE_PRESENTER);
  g_assert_nonnull (presenter);
  g_assert_true (gtk_widget_activate_action (presenter, "presenter.toggle-projector", NULL));
  projector = GTK_WIDGET (lw_test_ui_find_toplevel (LW_TYPE_PROJECTOR_WINDOW));
  g_assert_nonnull (projector);
  show_and_draw (projector, 1500);
  assert_no_svg_renderer ("Meeting mode with the projector");

  lw_test_ui_destroy_toplevels (GTK_WINDOW (window));
  lw_store_free (store);
  lw_test_tmpdir_remove (dir);
}

/* The spinner's bitmaps are in the resources, under a name the icon theme
 * finds at every size a spinner is drawn, each from its own bitmap: GTK 4.8 cuts a .symbolic.png's
 * name at its last dot, and a name it cannot find draws image-missing,
 * itself a bitmap, which the test above would not notice. */
static void
test_spinner_found (void)
{
  GtkIconTheme *theme = gtk_icon_theme_get_for_display (gdk_display_get_default ());
  static const struct { int size, scale; const char *dir; } sizes[] = {
    { 16, 1, "/16x16/" }, { 32, 1, "/32x32/" }, { 16, 2, "/16x16@2/" }, { 32, 2, "/32x32@2/" },
  };

  g_assert_true (gtk_icon_theme_has_icon (theme, "leadworkgroup-working-symbolic"));
  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    {
      g_autoptr(GtkIconPaintable) icon = gtk_icon_theme_lookup_icon (theme, "leadworkgroup-working-symbolic", NULL,
                                                                    sizes[i].size, sizes[i].scale,
                                                                    GTK_TEXT_DIR_LTR, 0);
      g_autoptr(GFile) file = gtk_icon_paintable_get_file (icon);
      g_autofree char *uri = file ? g_file_get_uri (file) : NULL;

      g_assert_nonnull (uri);
      /* drawn from the bitmap made for that size, not one scaled */
      if (strstr (uri, "/org/leadworkgroup/Workgroup/icons/") == NULL || strstr (uri, sizes[i].dir) == NULL ||
          !g_str_has_suffix (uri, ".symbolic.png"))
        g_error ("the spinner at %d px, scale %d, is %s", sizes[i].size, sizes[i].scale, uri);
    }
}

int
main (int   argc,
      char *argv[])
{
  static const char * const paths[] = {
    "/lw/icons/bitmaps-only",
    "/lw/icons/spinner-found",
  };
  g_autoptr(GError) error = NULL;

  g_setenv ("LEAD_WORKGROUP_TEST_WEAK_KDF", "1", TRUE);
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  g_setenv ("LEAD_WORKGROUP_TODAY", "2026-11-24", TRUE);
  /* the size this is true at: a scale-2 screen asks for bigger bitmaps, some
   * of which are SVGs only */
  g_setenv ("GDK_SCALE", "1", TRUE);

  if (!lw_test_ui_init (&argc, &argv, paths, G_N_ELEMENTS (paths)))
    return g_test_run ();

  /* registered, so that it starts up (style sheet, icons) as when it runs */
  application = lw_application_new ();
  g_assert_true (g_application_register (G_APPLICATION (application), NULL, &error));
  g_assert_no_error (error);

  g_test_add_func (paths[0], test_bitmaps_only);
  g_test_add_func (paths[1], test_spinner_found);

  return g_test_run ();
}
