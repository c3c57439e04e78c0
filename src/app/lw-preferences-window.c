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

#include "lw/lw-i18n.h"
#include "lw/lw-model.h"

#include "lw-preferences-window.h"
#include "lw-settings.h"

struct _LwPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  /* template widgets */
  AdwComboRow          *role_row;
  AdwComboRow          *monitor_row;
  AdwComboRow          *language_row;
  GtkAdjustment        *idle_adjustment;
  GtkAdjustment        *budget_adjustment;
  GtkAdjustment        *scale_adjustment;

  /* borrowed references */
  LwStore              *store;         /* while unlocked; the window closes on lock */

  /* owned references */
  GSettings            *settings;      /* NULL without the schema */
  GtkStringList        *monitors;      /* connector names; "" first, for automatic */

  /* the treatment-programs group, built when a program is open */
  AdwPreferencesGroup  *part2_group;
  AdwEntryRow          *part2_reason;
  GtkLabel             *part2_error;
  guint                 part2_updating : 1;
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

/* the projector language row: "" (the app's), then each supported language */
static gboolean
language_get_mapping (GValue   *value,
                      GVariant *variant,
                      gpointer  user_data)
{
  const char *code = g_variant_get_string (variant, NULL);
  const char * const *languages = lw_i18n_get_languages ();

  g_value_set_uint (value, 0);
  for (guint i = 0; languages[i] != NULL; i++)
    if (g_strcmp0 (languages[i], code) == 0)
      g_value_set_uint (value, i + 1);
  return TRUE;
}

static GVariant *
language_set_mapping (const GValue       *value,
                      const GVariantType *expected_type,
                      gpointer            user_data)
{
  const char * const *languages = lw_i18n_get_languages ();
  guint selected = g_value_get_uint (value);

  if (selected == 0 || selected > g_strv_length ((char **) languages))
    return g_variant_new_string ("");
  return g_variant_new_string (languages[selected - 1]);
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
  gtk_widget_class_bind_template_child (widget_class, LwPreferencesWindow, language_row);
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

  {
    g_autoptr(GtkStringList) languages = gtk_string_list_new (NULL);
    const char * const *codes = lw_i18n_get_languages ();

    gtk_string_list_append (languages, _("Same as the App"));
    /* each language by its own name, as its readers look for it */
    for (guint i = 0; codes[i] != NULL; i++)
      gtk_string_list_append (languages, lw_i18n_get_native_name (codes[i]));
    adw_combo_row_set_model (self->language_row, G_LIST_MODEL (languages));
  }

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
  g_settings_bind_with_mapping (self->settings, "projector-language", self->language_row, "selected",
                                G_SETTINGS_BIND_DEFAULT,
                                language_get_mapping, language_set_mapping, NULL, NULL);
  g_settings_bind (self->settings, "idle-lock-minutes", self->idle_adjustment, "value",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "default-time-budget-minutes", self->budget_adjustment, "value",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "projector-scale", self->scale_adjustment, "value",
                   G_SETTINGS_BIND_DEFAULT);
}

static void
part2_show_error (LwPreferencesWindow *self,
                  const char          *message)
{
  gtk_label_set_text (self->part2_error, message ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->part2_error), message != NULL);
  if (message != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (self->part2_reason), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->part2_reason), "error");
}

/* "state-set": the change is made first, and the switch follows only if it
 * was; a refused change leaves both the file and the switch as they were. */
static gboolean
part2_state_set_cb (GtkSwitch           *toggle,
                    gboolean             state,
                    LwPreferencesWindow *self)
{
  g_autoptr(GError) error = NULL;
  const char *agency = g_object_get_data (G_OBJECT (toggle), "agency");
  const char *reason = gtk_editable_get_text (GTK_EDITABLE (self->part2_reason));

  if (self->part2_updating)
    {
      gtk_switch_set_state (toggle, state);
      return TRUE;
    }
  if (self->store == NULL ||
      !lw_policy_set_agency_part2 (self->store, agency, state, reason, &error))
    {
      part2_show_error (self, error ? error->message : _("Open and unlock a program first."));
      self->part2_updating = TRUE;
      gtk_switch_set_active (toggle, !state);
      self->part2_updating = FALSE;
      gtk_widget_grab_focus (GTK_WIDGET (self->part2_reason));
      return TRUE;
    }
  part2_show_error (self, NULL);
  gtk_switch_set_state (toggle, state);
  adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self),
                                    adw_toast_new (state ? _("Marked as a treatment program; the change is in the audit log")
                                                         : _("No longer marked as a treatment program; the change is in the audit log")));
  return TRUE;
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return g_utf8_collate (*(const char * const *) a, *(const char * const *) b);
}

void
lw_preferences_window_set_store (LwPreferencesWindow *self,
                                 LwStore             *store)
{
  g_autoptr(GPtrArray) people = NULL;
  g_autoptr(GPtrArray) agencies = NULL;
  g_autoptr(GHashTable) seen = NULL;
  g_auto(GStrv) part2 = NULL;
  gboolean may_edit;
  AdwPreferencesPage *page;

  g_return_if_fail (LW_IS_PREFERENCES_WINDOW (self));

  self->store = store;
  if (store == NULL || !lw_store_is_unlocked (store) || self->part2_group != NULL)
    return;

  people = lw_store_list (store, &lw_person_table, NULL, 0, NULL);
  if (people == NULL)
    return;
  /* every agency a member belongs to, once */
  seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  agencies = g_ptr_array_new ();
  for (guint i = 0; i < people->len; i++)
    {
      const LwPerson *person = g_ptr_array_index (people, i);
      char *key;

      if (person->agency == NULL || person->agency[0] == '\0')
        continue;
      key = g_utf8_casefold (person->agency, -1);
      if (g_hash_table_contains (seen, key))
        {
          g_free (key);
          continue;
        }
      g_hash_table_add (seen, key);
      g_ptr_array_add (agencies, person->agency);
    }
  g_ptr_array_sort (agencies, compare_names);
  part2 = lw_policy_get_part2_agencies (store);
  /* a policy change: the project manager's */
  may_edit = lw_settings_get_viewer_role () == LW_ROLE_PROJECT_MANAGER;

  page = ADW_PREFERENCES_PAGE (adw_preferences_page_new ());
  adw_preferences_page_set_title (page, _("Treatment Programs"));
  adw_preferences_page_set_icon_name (page, "security-high-symbolic");
  self->part2_group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  adw_preferences_group_set_title (self->part2_group, _("Substance-Use Treatment Programs"));
  adw_preferences_group_set_description (self->part2_group,
                                         _("Under 42 CFR Part 2, that someone is a patient of a treatment program is "
                                           "itself protected. Staff of a program marked here, named on a participant’s "
                                           "record, are shown only where substance use may be seen, and otherwise by "
                                           "their role alone. Each change is kept in the audit log with its reason."));
  self->part2_reason = ADW_ENTRY_ROW (adw_entry_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->part2_reason), _("_Reason for a Change"));
  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (self->part2_reason), TRUE);
  adw_preferences_group_add (self->part2_group, GTK_WIDGET (self->part2_reason));
  self->part2_error = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (self->part2_error, TRUE);
  gtk_label_set_xalign (self->part2_error, 0.0);
  gtk_widget_add_css_class (GTK_WIDGET (self->part2_error), "error");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->part2_error),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Problem with the change"), -1);
  gtk_widget_set_visible (GTK_WIDGET (self->part2_error), FALSE);
  gtk_widget_set_margin_top (GTK_WIDGET (self->part2_error), 6);
  adw_preferences_group_add (self->part2_group, GTK_WIDGET (self->part2_error));

  for (guint i = 0; i < agencies->len; i++)
    {
      const char *agency = g_ptr_array_index (agencies, i);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *toggle = gtk_switch_new ();
      g_autofree char *accessible = g_strdup_printf (_("%s is a substance-use treatment program"), agency);

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), agency);
      gtk_widget_set_valign (toggle, GTK_ALIGN_CENTER);
      gtk_switch_set_active (GTK_SWITCH (toggle), lw_policy_agency_in ((const char * const *) part2, agency));
      gtk_widget_set_sensitive (toggle, may_edit);
      gtk_accessible_update_property (GTK_ACCESSIBLE (toggle), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
      g_object_set_data_full (G_OBJECT (toggle), "agency", g_strdup (agency), g_free);
      g_signal_connect_object (toggle, "state-set", G_CALLBACK (part2_state_set_cb), self, 0);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), toggle);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), toggle);
      adw_preferences_group_add (self->part2_group, row);
    }
  if (agencies->len == 0)
    adw_preferences_group_set_description (self->part2_group,
                                           _("No workgroup member has an agency yet. Add members with their agency first."));
  if (!may_edit)
    gtk_widget_set_sensitive (GTK_WIDGET (self->part2_reason), FALSE);
  adw_preferences_page_add (page, self->part2_group);
  adw_preferences_window_add (ADW_PREFERENCES_WINDOW (self), page);
}

GtkWidget *
lw_preferences_window_new (GtkWindow *parent)
{
  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);

  return g_object_new (LW_TYPE_PREFERENCES_WINDOW,
                       "transient-for", parent,
                       NULL);
}
