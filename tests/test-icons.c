/* test-icons.c: at scale 1 the app draws every icon it shows from bitmaps, so
 * the SVG renderer (librsvg, about 7 MB resident) is never loaded: the unlock
 * spinner, every page of the main window with its status pages and the
 * Reports page's spinner, meeting mode and the projector with its timer.
 * And on the same screens, every border it draws has one colour on all four
 * sides, which GTK's cairo renderer draws as one fill rather than as a mesh
 * pattern over the whole box (style.css, "Borders of one colour"); with
 * high contrast on, the rows' rule is as strong as libadwaita's own
 * (style-hc.css, read from org.gnome.desktop.a11y.interface, which
 * gsettings-desktop-schemas installs).
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

/* Where the app is looked at: after, the window drawn (and the projector
 * window, where there is one). */
typedef void (*Check) (const char *after,
                       GtkWidget  *window);

static void
check_svg_renderer (const char *after,
                    GtkWidget  *window)
{
  assert_no_svg_renderer (after);
}

typedef void (*NodeFunc) (GskRenderNode *node,
                          GString       *found);

/* Calls func on node and on every node under it. */
static void
each_node (GskRenderNode *node,
           NodeFunc       func,
           GString       *found)
{
  func (node, found);
  switch (gsk_render_node_get_node_type (node))
    {
    case GSK_CONTAINER_NODE:
      for (guint i = 0; i < gsk_container_node_get_n_children (node); i++)
        each_node (gsk_container_node_get_child (node, i), func, found);
      break;
    case GSK_TRANSFORM_NODE:
      each_node (gsk_transform_node_get_child (node), func, found);
      break;
    case GSK_OPACITY_NODE:
      each_node (gsk_opacity_node_get_child (node), func, found);
      break;
    case GSK_COLOR_MATRIX_NODE:
      each_node (gsk_color_matrix_node_get_child (node), func, found);
      break;
    case GSK_REPEAT_NODE:
      each_node (gsk_repeat_node_get_child (node), func, found);
      break;
    case GSK_CLIP_NODE:
      each_node (gsk_clip_node_get_child (node), func, found);
      break;
    case GSK_ROUNDED_CLIP_NODE:
      each_node (gsk_rounded_clip_node_get_child (node), func, found);
      break;
    case GSK_SHADOW_NODE:
      each_node (gsk_shadow_node_get_child (node), func, found);
      break;
    case GSK_BLUR_NODE:
      each_node (gsk_blur_node_get_child (node), func, found);
      break;
    case GSK_DEBUG_NODE:
      each_node (gsk_debug_node_get_child (node), func, found);
      break;
    case GSK_BLEND_NODE:
      each_node (gsk_blend_node_get_bottom_child (node), func, found);
      each_node (gsk_blend_node_get_top_child (node), func, found);
      break;
    case GSK_CROSS_FADE_NODE:
      each_node (gsk_cross_fade_node_get_start_child (node), func, found);
      each_node (gsk_cross_fade_node_get_end_child (node), func, found);
      break;
    default:
      break;
    }
}

static void
append_bounds (GString       *found,
               GskRenderNode *node)
{
  graphene_rect_t bounds;

  gsk_render_node_get_bounds (node, &bounds);
  g_string_append_printf (found, "  %gx%g at %g,%g", bounds.size.width, bounds.size.height, bounds.origin.x,
                          bounds.origin.y);
}

/* A border whose sides differ in colour, as a line of found. */
static void
mixed_border (GskRenderNode *node,
              GString       *found)
{
  const GdkRGBA *colors;
  const float *widths;

  if (gsk_render_node_get_node_type (node) != GSK_BORDER_NODE)
    return;
  colors = gsk_border_node_get_colors (node);
  widths = gsk_border_node_get_widths (node);
  for (guint i = 1; i < 4; i++)
    if (!gdk_rgba_equal (&colors[0], &colors[i]))
      {
        append_bounds (found, node);
        g_string_append_printf (found, ", widths %g %g %g %g\n", widths[0], widths[1], widths[2], widths[3]);
        break;
      }
}

/* An outer shadow that is blurred, as a line of found. */
static void
blurred_shadow (GskRenderNode *node,
                GString       *found)
{
  if (gsk_render_node_get_node_type (node) != GSK_OUTSET_SHADOW_NODE ||
      gsk_outset_shadow_node_get_blur_radius (node) == 0)
    return;
  append_bounds (found, node);
  g_string_append_printf (found, ", blurred %g px\n", gsk_outset_shadow_node_get_blur_radius (node));
}

static void
check_borders (const char *after,
               GtkWidget  *window)
{
  g_autoptr(GskRenderNode) node = lw_test_ui_snapshot_nodes (window);
  g_autoptr(GString) found = g_string_new (NULL);

  g_assert_nonnull (node);
  each_node (node, mixed_border, found);
  if (found->len > 0)
    g_error ("%s draws borders whose sides differ in colour:\n%s", after, found->str);
}

/* Meeting mode redraws its card, notes and action items at every Page Down,
 * and GTK 4.8's cairo renderer blurs a shadow anew each time it is drawn:
 * 4–11M instructions of a 50–110M step.  Meeting mode and the projector
 * draw their cards' shadows unblurred (style.css). */
static guint n_shadow_checks;

static void
check_shadows (const char *after,
               GtkWidget  *window)
{
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GString) found = g_string_new (NULL);

  if (!g_str_equal (after, "Meeting mode") && !g_str_equal (after, "The projector"))
    return;
  n_shadow_checks++;
  node = lw_test_ui_snapshot_nodes (window);
  g_assert_nonnull (node);
  each_node (node, blurred_shadow, found);
  if (found->len > 0)
    g_error ("%s draws blurred shadows:\n%s", after, found->str);
}

static void
walk_app (Check check)
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
  check ("The unlock screen", GTK_WIDGET (window));

  /* the spinner turns while the key is derived */
  unlock = _lw_window_get_unlock_page (window);
  gtk_editable_set_text (_lw_unlock_page_get_entry (unlock), LW_TEST_PASSPHRASE);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (unlock), "unlock.unlock", NULL));
  g_assert_true (lw_unlock_page_get_busy (unlock));
  show_and_draw (GTK_WIDGET (window), 50);
  lw_test_ui_wait_while (unlock_busy, unlock, 30);
  g_assert_cmpstr (lw_window_get_page_name (window), ==, "main");
  show_and_draw (GTK_WIDGET (window), 100);
  check ("Unlocking", GTK_WIDGET (window));

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
        check (what, GTK_WIDGET (window));
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
  check ("Meeting mode", GTK_WIDGET (window));
  check ("The projector", projector);

  lw_test_ui_destroy_toplevels (GTK_WINDOW (window));
  lw_store_free (store);
  lw_test_tmpdir_remove (dir);
}

static void
test_bitmaps_only (void)
{
  assert_no_svg_renderer ("GTK's start");
  walk_app (check_svg_renderer);
}

static void
test_borders_of_one_colour (void)
{
  walk_app (check_borders);
}

static void
test_meeting_shadows (void)
{
  walk_app (check_shadows);
  /* both screens were looked at: a renamed step would check nothing */
  g_assert_cmpuint (n_shadow_checks, ==, 2);
}

/* The first border node under node, or NULL. */
static GskRenderNode *
first_border (GskRenderNode *node)
{
  switch (gsk_render_node_get_node_type (node))
    {
    case GSK_BORDER_NODE:
      return node;
    case GSK_CONTAINER_NODE:
      for (guint i = 0; i < gsk_container_node_get_n_children (node); i++)
        {
          GskRenderNode *found = first_border (gsk_container_node_get_child (node, i));

          if (found != NULL)
            return found;
        }
      return NULL;
    case GSK_TRANSFORM_NODE:
      return first_border (gsk_transform_node_get_child (node));
    case GSK_CLIP_NODE:
      return first_border (gsk_clip_node_get_child (node));
    case GSK_ROUNDED_CLIP_NODE:
      return first_border (gsk_rounded_clip_node_get_child (node));
    case GSK_OPACITY_NODE:
      return first_border (gsk_opacity_node_get_child (node));
    default:
      return NULL;
    }
}

/* With high contrast on, a boxed list's row rules its bottom as libadwaita's
 * high-contrast style does, in half the text's colour, on every side: the
 * normal rows' colour of style.css would make the rule fainter than
 * libadwaita's for those who asked for contrast. */
static void
test_high_contrast_rows (void)
{
  AdwStyleManager *manager = adw_style_manager_get_default ();
  g_autoptr(GSettings) a11y = g_settings_new ("org.gnome.desktop.a11y.interface");
  GtkWidget *window = gtk_window_new ();
  GtkWidget *list = gtk_list_box_new ();
  GtkWidget *row = adw_action_row_new ();
  g_autoptr(GskRenderNode) node = NULL;
  GskRenderNode *border;
  const GdkRGBA *colors;
  GdkRGBA text;

  g_settings_set_boolean (a11y, "high-contrast", TRUE);
  for (int i = 0; i < 100 && !adw_style_manager_get_high_contrast (manager); i++)
    lw_test_ui_iterate (10);
  g_assert_true (adw_style_manager_get_high_contrast (manager));

  gtk_widget_add_css_class (list, "boxed-list");
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), "A row with a rule under it");
  gtk_list_box_append (GTK_LIST_BOX (list), row);
  gtk_list_box_append (GTK_LIST_BOX (list), adw_action_row_new ());
  gtk_window_set_child (GTK_WINDOW (window), list);
  gtk_window_present (GTK_WINDOW (window));
  show_and_draw (window, 50);

  /* the first row's own border: it is the one with a rule under it */
  node = lw_test_ui_snapshot_nodes (row);
  border = first_border (node);
  g_assert_nonnull (border);
  g_assert_cmpfloat (gsk_border_node_get_widths (border)[2], ==, 1);
  colors = gsk_border_node_get_colors (border);
  for (guint i = 1; i < 4; i++)
    g_assert_true (gdk_rgba_equal (&colors[0], &colors[i]));
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_style_context_get_color (gtk_widget_get_style_context (row), &text);
  G_GNUC_END_IGNORE_DEPRECATIONS
  g_assert_cmpfloat_with_epsilon (colors[2].red, text.red, 0.01);
  g_assert_cmpfloat_with_epsilon (colors[2].green, text.green, 0.01);
  g_assert_cmpfloat_with_epsilon (colors[2].blue, text.blue, 0.01);
  g_assert_cmpfloat_with_epsilon (colors[2].alpha, text.alpha * 0.5, 0.01);

  gtk_window_destroy (GTK_WINDOW (window));
  g_settings_set_boolean (a11y, "high-contrast", FALSE);
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
    "/lw/render/borders-of-one-colour",
    "/lw/render/high-contrast-rows",
    "/lw/render/meeting-shadows-unblurred",
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
  g_test_add_func (paths[2], test_borders_of_one_colour);
  g_test_add_func (paths[3], test_high_contrast_rows);
  g_test_add_func (paths[4], test_meeting_shadows);

  return g_test_run ();
}
