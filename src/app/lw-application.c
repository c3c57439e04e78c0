/* lw-application.c: the GTK application — options, the program file, its life
 *
 * The application owns the open store; windows borrow it.  Workers that use the
 * store (unlock, writing the demo program) hold the application, so it is freed
 * only once they are done.  The demo program lives in a private temporary
 * directory that is removed, with SQLite's side files, at exit.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lw-application"

#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <glib-unix.h>
#include <signal.h>
#include <string.h>

#include "lw/lw-demo.h"
#include "lw/lw-error.h"
#include "lw/lw-vault.h"

#include "lw-application.h"
#include "lw-settings.h"
#include "lw-trim.h"

/* The demo program: about a year of a mid-sized program, the same every time. */
#define DEMO_PARTICIPANTS 60
#define DEMO_SEED         1
#define DEMO_PASSPHRASE   "demo"
#define DEMO_FILE_NAME    "demo.lwdb"

struct _LwApplication
{
  AdwApplication   parent_instance;

  /* owned references */
  LwSettings      *settings;
  LwStore         *store;
  GDBusConnection *session_bus;
  char            *demo_dir;        /* private temporary directory, or NULL */

  /* command-line options */
  char            *database;
  char            *present_meeting;
  gboolean         demo;
  gboolean         projector;

  guint            screensaver_ids[2];
  guint            signal_ids[3];
  guint            preparing_demo : 1;
  guint            store_is_demo : 1;
};

G_DEFINE_FINAL_TYPE (LwApplication, lw_application, ADW_TYPE_APPLICATION)

static const GOptionEntry option_entries[] = {
  { "demo", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("Open a fresh demo program in a temporary file (passphrase “demo”)"), NULL },
  { "database", 'd', 0, G_OPTION_ARG_FILENAME, NULL,
    N_("The program file to open"), N_("FILE") },
  { "present", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("Open MEETING (an id, a date or “next”) in meeting mode after unlocking"), N_("MEETING") },
  { "projector", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("With --present, also open the projector window"), NULL },
  { NULL }
};

static LwWindow *
lw_application_get_window (LwApplication *self)
{
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l; l = l->next)
    if (LW_IS_WINDOW (l->data))
      return l->data;

  return NULL;
}

static void
lw_application_remove_demo_files (LwApplication *self)
{
  static const char * const suffixes[] = { "", "-wal", "-shm", "-journal" };
  g_autofree char *path = NULL;

  if (self->demo_dir == NULL)
    return;

  path = g_build_filename (self->demo_dir, DEMO_FILE_NAME, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (path, suffixes[i], NULL);

      if (g_unlink (file) != 0 && errno != ENOENT)
        g_warning ("Cannot remove %s: %s", file, g_strerror (errno));
    }
}

/* Detaches the store from every window and frees it. */
static void
lw_application_close_store (LwApplication *self)
{
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l; l = l->next)
    if (LW_IS_WINDOW (l->data) && lw_window_get_store (l->data) == self->store)
      lw_window_set_store (l->data, NULL, FALSE);

  g_clear_pointer (&self->store, lw_store_free);

  if (self->store_is_demo)
    lw_application_remove_demo_files (self);
  self->store_is_demo = FALSE;
}

static char *
lw_application_dup_default_path (LwApplication *self)
{
  const char *last = lw_settings_get_last_database (self->settings);

  if (last != NULL && g_file_test (last, G_FILE_TEST_EXISTS))
    return g_strdup (last);

  return g_build_filename (g_get_user_data_dir (), "lead-workgroup", "program.lwdb", NULL);
}

void
lw_application_open_path (LwApplication *self,
                          LwWindow      *window,
                          const char    *path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *canonical = NULL;
  LwStore *store;

  g_return_if_fail (LW_IS_APPLICATION (self));
  g_return_if_fail (LW_IS_WINDOW (window));
  g_return_if_fail (path != NULL);

  if (self->preparing_demo || lw_window_get_busy (window))
    return;

  lw_application_close_store (self);

  canonical = g_canonicalize_filename (path, NULL);
  if (!g_file_test (canonical, G_FILE_TEST_EXISTS))
    {
      lw_window_show_missing (window, canonical);
      return;
    }

  store = lw_store_open (canonical, &error);
  if (store == NULL)
    {
      const char *title;

      if (g_error_matches (error, LW_ERROR, LW_ERROR_NOT_A_DATABASE))
        title = _("This File Is Not a Program");
      else if (g_error_matches (error, LW_ERROR, LW_ERROR_TOO_NEW))
        title = _("This Program Needs a Newer Version");
      else
        title = _("The Program Cannot Be Opened");

      lw_window_show_error (window, title, error->message);
      return;
    }

  self->store = store;
  lw_window_set_store (window, store, FALSE);
}

void
lw_application_adopt_store (LwApplication *self,
                            LwWindow      *window,
                            LwStore       *store)
{
  g_return_if_fail (LW_IS_APPLICATION (self));
  g_return_if_fail (LW_IS_WINDOW (window));
  g_return_if_fail (store != NULL);

  lw_application_close_store (self);
  self->store = store;
  lw_window_set_store (window, store, FALSE);
}

typedef struct
{
  char     *path;
  GWeakRef  window;
} DemoData;

static void
demo_data_free (gpointer data)
{
  DemoData *demo = data;

  g_free (demo->path);
  g_weak_ref_clear (&demo->window);
  g_free (demo);
}

static gboolean
populate_demo (LwStore  *store,
               gpointer  user_data,
               GError  **error)
{
  return lw_demo_generate (store, DEMO_PARTICIPANTS, DEMO_SEED, error);
}

static void
demo_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  DemoData *demo = task_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(LwStore) store = NULL;

  /* the file gets its name only once the demo is in it */
  store = lw_store_create_full (demo->path, DEMO_PASSPHRASE, strlen (DEMO_PASSPHRASE),
                                populate_demo, NULL, &error);
  if (store == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  /* the person at the keyboard unlocks it, as with a real program */
  lw_store_lock (store);
  g_task_return_pointer (task, g_steal_pointer (&store), (GDestroyNotify) lw_store_free);
}

static void
demo_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  LwApplication *self = LW_APPLICATION (object);
  DemoData *demo = g_task_get_task_data (G_TASK (result));
  g_autoptr(LwWindow) window = g_weak_ref_get (&demo->window);
  g_autoptr(GError) error = NULL;
  LwStore *store;

  self->preparing_demo = FALSE;
  g_simple_action_set_enabled (G_SIMPLE_ACTION (g_action_map_lookup_action (G_ACTION_MAP (self),
                                                                            "open-demo")),
                               TRUE);

  store = g_task_propagate_pointer (G_TASK (result), &error);
  if (store == NULL)
    {
      lw_application_remove_demo_files (self);
      if (window != NULL)
        lw_window_show_error (window, _("The Demo Program Could Not Be Prepared"), error->message);
      else
        g_warning ("The demo program could not be prepared: %s", error->message);
    }
  else if (window == NULL)
    {
      lw_store_free (store);
      lw_application_remove_demo_files (self);
    }
  else
    {
      self->store = store;
      self->store_is_demo = TRUE;
      lw_window_set_store (window, store, TRUE);
    }

  g_application_release (G_APPLICATION (self));
}

void
lw_application_open_demo (LwApplication *self,
                          LwWindow      *window)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GTask) task = NULL;
  DemoData *demo;

  g_return_if_fail (LW_IS_APPLICATION (self));
  g_return_if_fail (LW_IS_WINDOW (window));

  if (self->preparing_demo || lw_window_get_busy (window))
    return;

  lw_application_close_store (self);

  if (self->demo_dir == NULL)
    {
      /* mode 0700, so no one else can read it while it is open */
      self->demo_dir = g_dir_make_tmp ("lead-workgroup-XXXXXX", &error);
      if (self->demo_dir == NULL)
        {
          lw_window_show_error (window, _("The Demo Program Could Not Be Prepared"), error->message);
          return;
        }
    }
  lw_application_remove_demo_files (self);

  demo = g_new0 (DemoData, 1);
  demo->path = g_build_filename (self->demo_dir, DEMO_FILE_NAME, NULL);
  g_weak_ref_init (&demo->window, window);

  self->preparing_demo = TRUE;
  g_simple_action_set_enabled (G_SIMPLE_ACTION (g_action_map_lookup_action (G_ACTION_MAP (self),
                                                                            "open-demo")),
                               FALSE);
  lw_window_show_preparing (window);

  g_application_hold (G_APPLICATION (self));
  task = g_task_new (self, NULL, demo_done_cb, NULL);
  g_task_set_source_tag (task, lw_application_open_demo);
  g_task_set_task_data (task, demo, demo_data_free);
  g_task_run_in_thread (task, demo_thread);
}

/* Actions */

static void
lw_application_quit_all (LwApplication *self)
{
  GList *windows = g_list_copy (gtk_application_get_windows (GTK_APPLICATION (self)));

  /* closing (not destroying) lets each window save its size */
  for (GList *l = windows; l; l = l->next)
    gtk_window_close (l->data);
  g_list_free (windows);
}

static void
quit_activated (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  lw_application_quit_all (LW_APPLICATION (user_data));
}

static void
about_activated (GSimpleAction *action,
                 GVariant      *parameter,
                 gpointer       user_data)
{
  GtkApplication *app = GTK_APPLICATION (user_data);
  static const char *developers[] = { "The LEAD Workgroup contributors", NULL };

  adw_show_about_window (gtk_application_get_active_window (app),
                         "application-icon", APP_ID,
                         "application-name", _("LEAD Workgroup"),
                         "developer-name", _("The LEAD Workgroup contributors"),
                         "developers", developers,
                         "version", PACKAGE_VERSION,
                         "comments", _("Runs the Operational Workgroup meeting of a LEAD "
                                       "(Law Enforcement Assisted Diversion) program: the "
                                       "agenda, the projector and the action items, showing each "
                                       "person only what they need to know."),
                         "license-type", GTK_LICENSE_GPL_3_0,
                         "translator-credits", _("translator-credits"),
                         NULL);
}

static void
open_demo_activated (GSimpleAction *action,
                     GVariant      *parameter,
                     gpointer       user_data)
{
  LwApplication *self = LW_APPLICATION (user_data);
  LwWindow *window = lw_application_get_window (self);

  if (window == NULL)
    {
      window = lw_window_new (GTK_APPLICATION (self));
      gtk_window_present (GTK_WINDOW (window));
    }

  lw_application_open_demo (self, window);
}

/* Ctrl+L from any window — the projector, an export, the preferences, the
 * shortcuts — locks every window of the program. */
static void
lock_activated (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  GtkApplication *app = GTK_APPLICATION (user_data);
  g_autoptr(GList) windows = g_list_copy (gtk_application_get_windows (app));

  for (GList *l = windows; l; l = l->next)
    if (LW_IS_WINDOW (l->data))
      lw_window_lock (l->data, LW_LOCK_REASON_USER);
}

static const GActionEntry app_actions[] = {
  { "lock", lock_activated },
  { "quit", quit_activated },
  { "about", about_activated },
  { "open-demo", open_demo_activated },
};

static gboolean
unix_signal_cb (gpointer user_data)
{
  g_debug ("Quitting on a signal");
  lw_application_quit_all (LW_APPLICATION (user_data));

  return G_SOURCE_CONTINUE;
}

static void
screensaver_active_changed_cb (GDBusConnection *connection,
                               const char      *sender_name,
                               const char      *object_path,
                               const char      *interface_name,
                               const char      *signal_name,
                               GVariant        *parameters,
                               gpointer         user_data)
{
  LwApplication *self = LW_APPLICATION (user_data);
  gboolean active = FALSE;

  if (!g_variant_is_of_type (parameters, G_VARIANT_TYPE ("(b)")))
    return;

  g_variant_get (parameters, "(b)", &active);
  if (!active)
    return;

  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l; l = l->next)
    if (LW_IS_WINDOW (l->data))
      lw_window_lock (l->data, LW_LOCK_REASON_SCREEN);
}

static void
lw_application_watch_screensaver (LwApplication *self)
{
  static const char * const interfaces[][2] = {
    { "org.gnome.ScreenSaver", "/org/gnome/ScreenSaver" },
    { "org.freedesktop.ScreenSaver", "/org/freedesktop/ScreenSaver" },
  };

  /* without a session bus there is no screen lock to follow */
  self->session_bus = g_application_get_dbus_connection (G_APPLICATION (self));
  if (self->session_bus == NULL)
    return;
  g_object_ref (self->session_bus);

  for (guint i = 0; i < G_N_ELEMENTS (interfaces); i++)
    self->screensaver_ids[i] =
      g_dbus_connection_signal_subscribe (self->session_bus,
                                          NULL,
                                          interfaces[i][0],
                                          "ActiveChanged",
                                          interfaces[i][1],
                                          NULL,
                                          G_DBUS_SIGNAL_FLAGS_NONE,
                                          screensaver_active_changed_cb,
                                          self, NULL);
}

/* Windows outside the application (the shortcuts window, the file chooser and
 * print dialogs) do not get its accelerators: each toplevel gets the lock key
 * too.  Capture phase, as GTK does for the application's own, so that a
 * widget's binding of the same key (the file chooser's location bar) does not
 * take it first. */
static gboolean
lock_shortcut_cb (GtkWidget *widget,
                  GVariant  *args,
                  gpointer   user_data)
{
  g_action_group_activate_action (G_ACTION_GROUP (user_data), "lock", NULL);
  return TRUE;
}

static void
toplevels_changed_cb (LwApplication *self,
                      guint          position,
                      guint          removed,
                      guint          added,
                      GListModel    *toplevels)
{
  for (guint i = position; i < position + added; i++)
    {
      g_autoptr(GtkWidget) window = g_list_model_get_item (toplevels, i);
      GtkEventController *controller;

      if (g_object_get_data (G_OBJECT (window), "lw-lock-key") != NULL)
        continue;
      controller = gtk_shortcut_controller_new ();
      gtk_event_controller_set_name (controller, "lw-lock-key");
      gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
      gtk_shortcut_controller_set_scope (GTK_SHORTCUT_CONTROLLER (controller), GTK_SHORTCUT_SCOPE_GLOBAL);
      gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (controller),
                                            gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_l, GDK_CONTROL_MASK),
                                                              gtk_callback_action_new (lock_shortcut_cb, self, NULL)));
      gtk_widget_add_controller (window, controller);
      g_object_set_data (G_OBJECT (window), "lw-lock-key", controller);
    }
}

/* GApplication */

static int
lw_application_handle_local_options (GApplication *app,
                                     GVariantDict *options)
{
  LwApplication *self = LW_APPLICATION (app);

  g_variant_dict_lookup (options, "demo", "b", &self->demo);
  g_variant_dict_lookup (options, "database", "^ay", &self->database);
  g_variant_dict_lookup (options, "present", "s", &self->present_meeting);
  g_variant_dict_lookup (options, "projector", "b", &self->projector);

  if (self->demo && self->database != NULL)
    {
      g_printerr ("lead-workgroup: %s\n", _("use --demo or --database FILE, not both"));
      return 2;
    }

  if (self->present_meeting != NULL && !lw_text_is_plain (self->present_meeting))
    {
      g_printerr ("lead-workgroup: %s\n",
                  _("--present holds a control character or is not valid UTF-8; give it as plain text"));
      return 2;
    }

  if (self->projector && self->present_meeting == NULL)
    {
      g_printerr ("lead-workgroup: %s\n", _("--projector needs --present MEETING"));
      return 2;
    }

  return -1;
}

static void
lw_application_startup (GApplication *app)
{
  LwApplication *self = LW_APPLICATION (app);
  static const int signals[] = { SIGINT, SIGTERM, SIGHUP };

  G_APPLICATION_CLASS (lw_application_parent_class)->startup (app);

  g_action_map_add_action_entries (G_ACTION_MAP (app), app_actions, G_N_ELEMENTS (app_actions), app);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.lock",
                                         (const char *[]) { "<Control>l", NULL });
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "window.close",
                                         (const char *[]) { "<Control>w", NULL });
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.quit",
                                         (const char *[]) { "<Control>q", NULL });
  /* the shortcuts window is made when first shown (LwWindow), so GtkApplication
   * does not set its key */
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "win.show-help-overlay",
                                         (const char *[]) { "<Control>question", NULL });

  self->settings = lw_settings_new ();
  lw_settings_disable_recent_files (NULL);

  /* quit the ordinary way, so the demo file is removed */
  for (guint i = 0; i < G_N_ELEMENTS (signals); i++)
    self->signal_ids[i] = g_unix_signal_add (signals[i], unix_signal_cb, self);

  lw_application_watch_screensaver (self);

  g_signal_connect_object (gtk_window_get_toplevels (), "items-changed",
                           G_CALLBACK (toplevels_changed_cb), self, G_CONNECT_SWAPPED);
}

static void
lw_application_activate (GApplication *app)
{
  LwApplication *self = LW_APPLICATION (app);
  LwWindow *window = lw_application_get_window (self);
  g_autofree char *path = NULL;

  if (window != NULL)
    {
      gtk_window_present (GTK_WINDOW (window));
      return;
    }

  /* shown once it holds its first page, so that no other page is drawn
   * (or its icons loaded) before it */
  window = lw_window_new (GTK_APPLICATION (app));

  if (self->demo)
    {
      lw_application_open_demo (self, window);
    }
  else
    {
      path = self->database ? g_strdup (self->database) : lw_application_dup_default_path (self);
      lw_application_open_path (self, window, path);
    }
  gtk_window_present (GTK_WINDOW (window));
}

static void
lw_application_shutdown (GApplication *app)
{
  LwApplication *self = LW_APPLICATION (app);

  for (guint i = 0; i < G_N_ELEMENTS (self->screensaver_ids); i++)
    if (self->screensaver_ids[i] != 0)
      g_dbus_connection_signal_unsubscribe (self->session_bus, self->screensaver_ids[i]);
  memset (self->screensaver_ids, 0, sizeof self->screensaver_ids);
  g_clear_object (&self->session_bus);

  for (guint i = 0; i < G_N_ELEMENTS (self->signal_ids); i++)
    g_clear_handle_id (&self->signal_ids[i], g_source_remove);

  lw_application_close_store (self);

  if (self->demo_dir != NULL)
    {
      lw_application_remove_demo_files (self);
      if (g_rmdir (self->demo_dir) != 0)
        g_warning ("Cannot remove %s: %s", self->demo_dir, g_strerror (errno));
      g_clear_pointer (&self->demo_dir, g_free);
    }

  G_APPLICATION_CLASS (lw_application_parent_class)->shutdown (app);
}

static void
lw_application_finalize (GObject *object)
{
  LwApplication *self = LW_APPLICATION (object);

  g_assert (self->store == NULL);

  g_clear_object (&self->settings);
  g_clear_pointer (&self->database, g_free);
  g_clear_pointer (&self->present_meeting, g_free);

  G_OBJECT_CLASS (lw_application_parent_class)->finalize (object);
}

static void
lw_application_class_init (LwApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->finalize = lw_application_finalize;

  app_class->handle_local_options = lw_application_handle_local_options;
  app_class->startup = lw_application_startup;
  app_class->activate = lw_application_activate;
  app_class->shutdown = lw_application_shutdown;
}

static void
lw_application_init (LwApplication *self)
{
  g_application_add_main_option_entries (G_APPLICATION (self), option_entries);
  g_application_set_option_context_parameter_string (G_APPLICATION (self), NULL);
  g_application_set_option_context_summary (G_APPLICATION (self),
                                            _("Without options, opens the program file used last. "
                                              "Run “lead-workgroup help” for the commands."));
}

LwApplication *
lw_application_new (void)
{
  return g_object_new (LW_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_NON_UNIQUE,
                       NULL);
}

const char *
lw_application_get_present_meeting (LwApplication *self)
{
  g_return_val_if_fail (LW_IS_APPLICATION (self), NULL);

  return self->present_meeting;
}

gboolean
lw_application_get_projector (LwApplication *self)
{
  g_return_val_if_fail (LW_IS_APPLICATION (self), FALSE);

  return self->projector;
}

int
lw_application_run (int    argc,
                    char **argv)
{
  g_autoptr(LwApplication) app = NULL;
  g_autoptr(GError) error = NULL;

  if (!lw_vault_init (&error))
    {
      g_printerr ("lead-workgroup: %s\n", error->message);
      return 1;
    }

  g_set_application_name (_("LEAD Workgroup"));
  app = lw_application_new ();

  return g_application_run (G_APPLICATION (app), argc, argv);
}
