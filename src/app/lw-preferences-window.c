/* lw-preferences-window.c: preferences, and who sits at the keyboard
 *
 * Every control is bound to its GSettings key, so a change is saved at once and
 * the pages that follow the viewer role rebuild themselves on "changed".
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lw-preferences"

#include "config.h"

#include <glib/gi18n.h>

#include "lw-preferences-window.h"
#include "lw-settings.h"

struct _LwPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  /* template widgets */
  AdwComboRow          *role_row;
  AdwComboRow          *monitor_row;
  GtkAdjustment        *idle_adjustment;
  GtkAdjustment        *budget_adjustment;
  GtkAdjustment        *scale_adjustment;

  /* owned references */
  GSettings            *settings;      /* NULL without the schema */
  GtkStringList        *monitors;      /* connector names; "" first, for automatic */
};

G_DEFINE_FINAL_TYPE (LwPreferencesWindow, lw_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

static gboolean
role_get_mapping (GValue   *value,
                  GVariant *variant,
                  gpointer  user_data)
{
  int role = lw_role_from_string (g_variant_get_string (variant, NULL));

  if (role < 0)
    return FALSE;
  g_value_set_uint (value, (guint) role);
  return TRUE;
}

static GVariant *
role_set_mapping (const GValue       *value,
                  const GVariantType *expected_type,
                  gpointer            user_data)
{
  guint role = g_value_get_uint (value);

  if (role >= LW_N_ROLES)
    return NULL;
  return g_variant_new_string (lw_role_to_string (role));
}

static gboolean
monitor_get_mapping (GValue   *value,
                     GVariant *variant,
                     gpointer  user_data)
{
  LwPreferencesWindow *self = user_data;
  const char *connector = g_variant_get_string (variant, NULL);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->monitors));

  for (guint i = 0; i < n; i++)
    if (g_strcmp0 (gtk_string_list_get_string (self->monitors, i), connector) == 0)
      {
        g_value_set_uint (value, i);
        return TRUE;
      }

  return FALSE;
}

static GVariant *
monitor_set_mapping (const GValue       *value,
                     const GVariantType *expected_type,
                     gpointer            user_data)
{
  LwPreferencesWindow *self = user_data;
  const char *connector = gtk_string_list_get_string (self->monitors, g_value_get_uint (value));

  return connector ? g_variant_new_string (connector) : NULL;
}

static char *
monitor_label (GtkStringObject *item,
               gpointer         user_data)
{
  const char *connector = gtk_string_object_get_string (item);

  if (connector == NULL || connector[0] == '\0')
    return g_strdup (_("Automatic"));
  return g_strdup (connector);
}

static void
lw_preferences_window_fill_monitors (LwPreferencesWindow *self)
{
  GdkDisplay *display = gtk_widget_get_display (GTK_WIDGET (self));
  GListModel *monitors = gdk_display_get_monitors (display);
  g_autofree char *saved = NULL;
  gboolean saved_found = FALSE;

  gtk_string_list_append (self->monitors, "");
  for (guint i = 0; i < g_list_model_get_n_items (monitors); i++)
    {
      g_autoptr(GdkMonitor) monitor = g_list_model_get_item (monitors, i);
      const char *connector = gdk_monitor_get_connector (monitor);

      if (connector == NULL || connector[0] == '\0')
        continue;
      gtk_string_list_append (self->monitors, connector);
    }

  /* a projector not plugged in now stays chosen */
  if (self->settings != NULL)
    {
      saved = g_settings_get_string (self->settings, "projector-monitor");
      for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->monitors)); i++)
        saved_found |= g_strcmp0 (gtk_string_list_get_string (self->monitors, i), saved) == 0;
      if (!saved_found)
        gtk_string_list_append (self->monitors, saved);
    }
}

static void
lw_preferences_window_dispose (GObject *object)
{
  LwPreferencesWindow *self = LW_PREFERENCES_WINDOW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), LW_TYPE_PREFERENCES_WINDOW);
  g_clear_object (&self->settings);
  g_clear_object (&self->monitors);

  G_OBJECT_CLASS (lw_preferences_window_parent_class)->dispose (object);
}

static void
lw_preferences_window_class_init (LwPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lw_preferences_window_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/leadworkgroup/Workgroup/lw-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, LwPreferencesWindow, role_row);
  gtk_widget_class_bind_template_child (widget_class, LwPreferencesWindow, monitor_row);
  gtk_widget_class_bind_template_child (widget_class, LwPreferencesWindow, idle_adjustment);
  gtk_widget_class_bind_template_child (widget_class, LwPreferencesWindow, budget_adjustment);
  gtk_widget_class_bind_template_child (widget_class, LwPreferencesWindow, scale_adjustment);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
lw_preferences_window_init (LwPreferencesWindow *self)
{
  g_autoptr(GtkStringList) roles = gtk_string_list_new (NULL);
  g_autoptr(GtkExpression) label = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));

  for (int role = 0; role < LW_N_ROLES; role++)
    gtk_string_list_append (roles, lw_role_to_label (role));
  adw_combo_row_set_model (self->role_row, G_LIST_MODEL (roles));

  self->settings = lw_settings_dup_gsettings ();
  self->monitors = gtk_string_list_new (NULL);
  lw_preferences_window_fill_monitors (self);
  label = gtk_cclosure_expression_new (G_TYPE_STRING, NULL, 0, NULL,
                                       G_CALLBACK (monitor_label), NULL, NULL);
  adw_combo_row_set_expression (self->monitor_row, label);
  adw_combo_row_set_model (self->monitor_row, G_LIST_MODEL (self->monitors));

  if (self->settings == NULL)
    {
      /* nothing could be saved: say so rather than pretend */
      gtk_widget_set_sensitive (GTK_WIDGET (self), FALSE);
      return;
    }

  g_settings_bind_with_mapping (self->settings, "viewer-role", self->role_row, "selected",
                                G_SETTINGS_BIND_DEFAULT,
                                role_get_mapping, role_set_mapping, NULL, NULL);
  g_settings_bind_with_mapping (self->settings, "projector-monitor", self->monitor_row, "selected",
                                G_SETTINGS_BIND_DEFAULT,
                                monitor_get_mapping, monitor_set_mapping, self, NULL);
  g_settings_bind (self->settings, "idle-lock-minutes", self->idle_adjustment, "value",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "default-time-budget-minutes", self->budget_adjustment, "value",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "projector-scale", self->scale_adjustment, "value",
                   G_SETTINGS_BIND_DEFAULT);
}

GtkWidget *
lw_preferences_window_new (GtkWindow *parent)
{
  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);

  return g_object_new (LW_TYPE_PREFERENCES_WINDOW,
                       "transient-for", parent,
                       NULL);
}
