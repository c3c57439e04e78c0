/* lw-settings.c: the application's GSettings, in one place
 *
 * When the schema is not installed (running from a build tree without
 * GSETTINGS_SCHEMA_DIR) the defaults of the schema are used and nothing is saved,
 * rather than aborting as g_settings_new() would.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lw-settings"

#include "config.h"

#include "lw/lw-policy.h"
#include "lw/lw-agenda.h"

#include "lw-settings.h"

#define DEFAULT_IDLE_LOCK_MINUTES 5

struct _LwSettings
{
  GObject    parent_instance;

  /* owned references */
  GSettings *settings;   /* NULL without the schema */
  char      *last_database;

  guint      idle_lock_minutes;
};

G_DEFINE_FINAL_TYPE (LwSettings, lw_settings, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_IDLE_LOCK_MINUTES,
  PROP_LAST_DATABASE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
lw_settings_finalize (GObject *object)
{
  LwSettings *self = (LwSettings *) object;

  g_clear_object (&self->settings);
  g_clear_pointer (&self->last_database, g_free);

  G_OBJECT_CLASS (lw_settings_parent_class)->finalize (object);
}

static void
lw_settings_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  LwSettings *self = LW_SETTINGS (object);

  switch (prop_id)
    {
    case PROP_IDLE_LOCK_MINUTES:
      g_value_set_uint (value, self->idle_lock_minutes);
      break;

    case PROP_LAST_DATABASE:
      g_value_set_string (value, self->last_database);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lw_settings_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  LwSettings *self = LW_SETTINGS (object);

  switch (prop_id)
    {
    case PROP_IDLE_LOCK_MINUTES:
      if (self->idle_lock_minutes != g_value_get_uint (value))
        {
          self->idle_lock_minutes = g_value_get_uint (value);
          g_object_notify_by_pspec (object, pspec);
        }
      break;

    case PROP_LAST_DATABASE:
      lw_settings_set_last_database (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lw_settings_class_init (LwSettingsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = lw_settings_finalize;
  object_class->get_property = lw_settings_get_property;
  object_class->set_property = lw_settings_set_property;

  /* 0 means never */
  properties[PROP_IDLE_LOCK_MINUTES] =
    g_param_spec_uint ("idle-lock-minutes", NULL, NULL,
                       0, G_MAXUINT, DEFAULT_IDLE_LOCK_MINUTES,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_LAST_DATABASE] =
    g_param_spec_string ("last-database", NULL, NULL,
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
last_database_changed_cb (LwSettings *self)
{
  g_autofree char *path = g_settings_get_string (self->settings, "last-database");

  lw_settings_set_last_database (self, path);
}

/**
 * lw_settings_dup_gsettings:
 *
 * The application's GSettings, or %NULL when its schema is not installed
 * (g_settings_new() would abort instead).
 */
GSettings *
lw_settings_dup_gsettings (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;

  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, APP_ID, TRUE);
  if (schema == NULL)
    {
      g_debug ("Settings schema %s is not installed; using defaults", APP_ID);
      return NULL;
    }
  return g_settings_new_full (schema, NULL, NULL);
}

/**
 * lw_settings_get_viewer_role:
 *
 * The role of the person at the keyboard: every screen shows views for it.
 * The schema's default is the project manager; a value that is not a role
 * (the schema's choices should prevent it) fails closed to the evaluator.
 */
LwRole
lw_settings_get_viewer_role (void)
{
  g_autoptr(GSettings) settings = lw_settings_dup_gsettings ();
  g_autofree char *name = NULL;
  int role;

  if (settings == NULL)
    return LW_ROLE_PROJECT_MANAGER;
  name = g_settings_get_string (settings, "viewer-role");
  role = lw_role_from_string (name);
  return role < 0 ? LW_ROLE_EVALUATOR : (LwRole) role;
}

LwAudience *
lw_settings_dup_viewer_audience (void)
{
  return lw_audience_new_for_roles (LW_ROLE_BIT (lw_settings_get_viewer_role ()));
}

/**
 * lw_settings_disable_recent_files:
 * @display: (nullable): the display, or %NULL for the default one
 *
 * Keeps every file this app opens or writes out of the desktop's list of recent
 * files (recently-used.xbel): the file chooser and GtkRecentManager add nothing
 * while the display's gtk-recent-files-enabled is off.  A program file's or an
 * export's name can say whose it is.
 */
void
lw_settings_disable_recent_files (GdkDisplay *display)
{
  GtkSettings *settings = display != NULL ? gtk_settings_get_for_display (display)
                                          : gtk_settings_get_default ();

  if (settings != NULL)
    g_object_set (settings, "gtk-recent-files-enabled", FALSE, NULL);
}

static void
lw_settings_init (LwSettings *self)
{
  self->idle_lock_minutes = DEFAULT_IDLE_LOCK_MINUTES;

  self->settings = lw_settings_dup_gsettings ();
  if (self->settings == NULL)
    return;
  g_settings_bind (self->settings, "idle-lock-minutes", self, "idle-lock-minutes",
                   G_SETTINGS_BIND_GET);
  /* not g_settings_bind(): the key holds "" for unset, the property NULL */
  g_signal_connect_object (self->settings, "changed::last-database",
                           G_CALLBACK (last_database_changed_cb), self,
                           G_CONNECT_SWAPPED);
  last_database_changed_cb (self);
}

LwSettings *
lw_settings_new (void)
{
  return g_object_new (LW_TYPE_SETTINGS, NULL);
}

guint
lw_settings_get_idle_lock_minutes (LwSettings *self)
{
  g_return_val_if_fail (LW_IS_SETTINGS (self), DEFAULT_IDLE_LOCK_MINUTES);

  return self->idle_lock_minutes;
}

/* NULL when unset */
const char *
lw_settings_get_last_database (LwSettings *self)
{
  g_return_val_if_fail (LW_IS_SETTINGS (self), NULL);

  return self->last_database;
}

void
lw_settings_set_last_database (LwSettings *self,
                               const char *path)
{
  g_return_if_fail (LW_IS_SETTINGS (self));

  if (path != NULL && path[0] == '\0')
    path = NULL;

  if (g_strcmp0 (self->last_database, path) == 0)
    return;

  g_free (self->last_database);
  self->last_database = g_strdup (path);

  if (self->settings != NULL)
    g_settings_set_string (self->settings, "last-database", path ? path : "");

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LAST_DATABASE]);
}

void
lw_settings_restore_window (LwSettings *self,
                            GtkWindow  *window)
{
  int width;
  int height;

  g_return_if_fail (LW_IS_SETTINGS (self));
  g_return_if_fail (GTK_IS_WINDOW (window));

  if (self->settings == NULL)
    return;

  width = g_settings_get_int (self->settings, "window-width");
  height = g_settings_get_int (self->settings, "window-height");

  /* a size too small to be meant is ignored, the template's default stays */
  if (width >= 360 && height >= 294)
    gtk_window_set_default_size (window, width, height);

  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (window);
}

void
lw_settings_save_window (LwSettings *self,
                         GtkWindow  *window)
{
  int width;
  int height;

  g_return_if_fail (LW_IS_SETTINGS (self));
  g_return_if_fail (GTK_IS_WINDOW (window));

  if (self->settings == NULL)
    return;

  gtk_window_get_default_size (window, &width, &height);

  g_settings_set_int (self->settings, "window-width", width);
  g_settings_set_int (self->settings, "window-height", height);
  g_settings_set_boolean (self->settings, "window-maximized",
                          gtk_window_is_maximized (window));
}

/* Default time budget of a new agenda item, in seconds. */
gint64
lw_settings_get_default_budget (void)
{
  g_autoptr(GSettings) settings = lw_settings_dup_gsettings ();

  if (settings == NULL)
    return LW_AGENDA_DEFAULT_BUDGET;

  return (gint64) g_settings_get_uint (settings, "default-time-budget-minutes") * 60;
}
