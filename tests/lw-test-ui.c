/* lw-test-ui.c: what the UI tests share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>

#include "lw/lw-vault.h"
#include "lw-position-row.h"
#include "lw-test-ui.h"

char *
lw_test_ui_accessible_property (GtkWidget             *widget,
                                GtkAccessibleProperty  property)
{
  char *value;

  if (!gtk_test_accessible_has_property (GTK_ACCESSIBLE (widget), property))
    return g_strdup ("");
  /* GTK 4.8 has no getter: the check returns the real value when it differs
   * from the one given */
  value = gtk_test_accessible_check_property (GTK_ACCESSIBLE (widget), property, "\x01");
  return value ? value : g_strdup ("\x01");
}

void
lw_test_ui_collect_text (GtkWidget *widget,
                         GString   *out)
{
  g_autofree char *label = lw_test_ui_accessible_property (widget, GTK_ACCESSIBLE_PROPERTY_LABEL);
  g_autofree char *description = lw_test_ui_accessible_property (widget, GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
  const char *tooltip = gtk_widget_get_tooltip_text (widget);

  if (GTK_IS_LABEL (widget))
    g_string_append_printf (out, "%s\n", gtk_label_get_label (GTK_LABEL (widget)));
  if (GTK_IS_EDITABLE (widget))
    g_string_append_printf (out, "%s\n", gtk_editable_get_text (GTK_EDITABLE (widget)));
  if (GTK_IS_TEXT_VIEW (widget))
    {
      GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (widget));
      GtkTextIter start, end;
      g_autofree char *text = NULL;

      gtk_text_buffer_get_bounds (buffer, &start, &end);
      text = gtk_text_buffer_get_text (buffer, &start, &end, TRUE);
      g_string_append_printf (out, "%s\n", text);
    }
  if (GTK_IS_WINDOW (widget) && gtk_window_get_title (GTK_WINDOW (widget)) != NULL)
    g_string_append_printf (out, "%s\n", gtk_window_get_title (GTK_WINDOW (widget)));
  if (ADW_IS_PREFERENCES_ROW (widget))
    g_string_append_printf (out, "%s\n", adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)));
  if (ADW_IS_ACTION_ROW (widget) && adw_action_row_get_subtitle (ADW_ACTION_ROW (widget)) != NULL)
    g_string_append_printf (out, "%s\n", adw_action_row_get_subtitle (ADW_ACTION_ROW (widget)));
  if (tooltip != NULL)
    g_string_append_printf (out, "%s\n", tooltip);
  g_string_append_printf (out, "%s\n%s\n", label, description);
  /* a popover made only when its button is pressed is made here, so that
   * what it would show is searched with the rest */
  if (GTK_IS_MENU_BUTTON (widget) && g_strcmp0 (gtk_widget_get_name (widget), "lw-position-history") == 0)
    _lw_position_history_get_popover (GTK_MENU_BUTTON (widget));

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    lw_test_ui_collect_text (child, out);
}

char *
lw_test_ui_all_text (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();  /* not owned */
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWidget) toplevel = g_list_model_get_item (toplevels, i);

      lw_test_ui_collect_text (toplevel, out);
    }
  return g_string_free (out, FALSE);
}

GtkWidget *
lw_test_ui_find_widget (GtkWidget *widget,
                        GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = lw_test_ui_find_widget (child, type);

      if (found != NULL)
        return found;
    }
  return NULL;
}

GskRenderNode *
lw_test_ui_snapshot_nodes (GtkWidget *widget)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  GtkSnapshot *snapshot = gtk_snapshot_new ();

  gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot),
                          gtk_widget_get_width (widget), gtk_widget_get_height (widget));
  return gtk_snapshot_free_to_node (snapshot);
}

GtkCssProvider *
lw_test_ui_load_app_style (void)
{
  GdkDisplay *display = gdk_display_get_default ();
  GtkCssProvider *provider = gtk_css_provider_new ();

  gtk_css_provider_load_from_resource (provider, "/org/leadworkgroup/Workgroup/style.css");
  gtk_style_context_add_provider_for_display (display, GTK_STYLE_PROVIDER (provider),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  gtk_icon_theme_add_resource_path (gtk_icon_theme_get_for_display (display),
                                    "/org/leadworkgroup/Workgroup/icons");
  return provider;
}

void
lw_test_ui_unload_app_style (GtkCssProvider *provider)
{
  gtk_style_context_remove_provider_for_display (gdk_display_get_default (), GTK_STYLE_PROVIDER (provider));
  g_object_unref (provider);
}

GtkWindow *
lw_test_ui_find_toplevel (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (type != 0 && G_TYPE_CHECK_INSTANCE_TYPE (window, type) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return window;
    }
  return NULL;
}

gboolean
lw_test_ui_have_schema (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;

  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, APP_ID, TRUE);
  return schema != NULL;
}

void
lw_test_ui_skip_no_display (void)
{
  g_test_skip ("No display (run under xvfb-run)");
}

void
lw_test_ui_wait_while (gboolean (*busy) (gpointer),
                       gpointer   data,
                       guint      seconds)
{
  gint64 end = g_get_monotonic_time () + seconds * G_USEC_PER_SEC;

  while (busy (data) && g_get_monotonic_time () < end)
    if (!g_main_context_iteration (NULL, FALSE))
      g_usleep (1000);
}

gboolean
lw_test_ui_pointer_set (gpointer data)
{
  return *(gpointer *) data != NULL;
}

GtkWidget *
lw_test_ui_find_matching (GtkWidget     *root,
                          gboolean     (*match) (GtkWidget *, gconstpointer),
                          gconstpointer  data)
{
  if (match (root, data))
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = lw_test_ui_find_matching (child, match, data);

      if (found != NULL)
        return found;
    }
  return NULL;
}

gboolean
lw_test_ui_is_button_labelled (GtkWidget     *widget,
                               gconstpointer  label)
{
  return GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), label) == 0;
}

void
lw_test_ui_iterate (guint ms)
{
  gint64 end = g_get_monotonic_time () + ms * 1000;

  while (g_get_monotonic_time () < end)
    if (!g_main_context_iteration (NULL, FALSE))
      g_usleep (1000);
}

static GString *captured_log;

static GLogWriterOutput
capture_writer (GLogLevelFlags   level,
                const GLogField *fields,
                gsize            n_fields,
                gpointer         user_data)
{
  if (captured_log != NULL)
    for (gsize i = 0; i < n_fields; i++)
      if (g_strcmp0 (fields[i].key, "MESSAGE") == 0 || g_strcmp0 (fields[i].key, "GLIB_DOMAIN") == 0)
        {
          if (fields[i].length < 0)
            g_string_append (captured_log, fields[i].value);
          else
            g_string_append_len (captured_log, fields[i].value, fields[i].length);
          g_string_append_c (captured_log, '\n');
        }
  /* debug messages are for the capture only */
  if (level & G_LOG_LEVEL_DEBUG)
    return G_LOG_WRITER_HANDLED;
  return g_log_writer_default (level, fields, n_fields, user_data);
}

void
lw_test_ui_log_capture_start (void)
{
  static gboolean installed;

  if (!installed)
    {
      g_log_set_writer_func (capture_writer, NULL, NULL);
      installed = TRUE;
    }
  g_assert_null (captured_log);
  captured_log = g_string_new (NULL);
}

char *
lw_test_ui_log_capture_stop (void)
{
  g_assert_nonnull (captured_log);
  return g_string_free (g_steal_pointer (&captured_log), FALSE);
}

void
lw_test_ui_destroy_toplevels (GtkWindow *main)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = g_list_model_get_n_items (toplevels); i > 0; i--)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i - 1);

      if (window != main)
        gtk_window_destroy (window);
    }
  if (main != NULL)
    gtk_window_destroy (main);
  lw_test_ui_iterate (50);
}

gboolean
lw_test_ui_init (int                *argc,
                 char             ***argv,
                 const char * const *paths,
                 guint               n_paths)
{
  g_autoptr(GError) error = NULL;

  if (g_getenv ("DISPLAY") == NULL && g_getenv ("WAYLAND_DISPLAY") == NULL)
    {
      g_test_init (argc, argv, NULL);
      for (guint i = 0; i < n_paths; i++)
        g_test_add_func (paths[i], lw_test_ui_skip_no_display);
      return FALSE;
    }

  gtk_test_init (argc, argv, NULL);
  adw_init ();
  if (!lw_vault_init (&error))
    g_error ("%s", error->message);
  return TRUE;
}
