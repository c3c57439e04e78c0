/* lw-window.c: the main window — unlock screen, then the program
 *
 * The stack holds a welcome page (no program file yet, or it cannot be opened), a
 * page shown while the demo program is written, the form of a new program, the
 * unlock page, and — only while the store is unlocked — the main page.  Locking removes the main page from the
 * stack so that it and every widget that showed program data are finalized; the
 * next unlock builds a fresh one.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lw-window"

#include "config.h"

#include <glib/gi18n.h>

#include "lw-application.h"
#include "lw-glyphs.h"
#include "lw-main-page.h"
#include "lw-new-program-page.h"
#include "lw-preferences-window.h"
#include "lw-settings.h"
#include "lw-status-page.h"
#include "lw-unlock-page.h"
#include "lw-upload-pool.h"
#include "lw-window-private.h"

struct _LwWindow
{
  AdwApplicationWindow  parent_instance;

  /* template widgets */
  GtkStack             *stack;
  LwStatusPage         *welcome_status;
  GtkWidget            *new_program_button;
  GtkSpinner           *preparing_spinner;
  LwUnlockPage         *unlock_page;
  LwNewProgramPage     *new_program_page;

  /* borrowed references */
  LwStore              *store;
  GtkWidget            *main_page;      /* owned by the stack; NULL while locked */
  GtkWidget            *spare_page;     /* a main page with no store yet, made while
                                         * the key is derived; owned by the stack */
  guint                 spare_source;

  /* owned references */
  LwStore              *owned_store;    /* a program created here without an application (tests) */
  char                 *missing_path;   /* offered to a new program */
  LwSettings           *settings;
  GtkNativeDialog      *file_chooser;
  GtkWidget            *preferences;    /* weak: open while a program is */

  gint64                last_activity;  /* monotonic, µs */
  guint                 idle_source;
  guint                 idle_lock_seconds;  /* tests: overrides the setting */
  guint                 demo : 1;
};

G_DEFINE_FINAL_TYPE (LwWindow, lw_window, ADW_TYPE_APPLICATION_WINDOW)

static void lw_window_check_idle (LwWindow *self);

/* The preferences window holds the store while it is open. */
static void
close_preferences (LwWindow *self)
{
  GtkWidget *preferences = g_steal_pointer (&self->preferences);

  if (preferences != NULL)
    {
      g_object_remove_weak_pointer (G_OBJECT (preferences), (gpointer *) &self->preferences);
      gtk_window_destroy (GTK_WINDOW (preferences));
    }
}

static void
lw_window_show_page (LwWindow   *self,
                     const char *name)
{
  /* the main page comes at once: a crossfade draws it and the unlock page
   * blended over the whole window for 200 ms, each of those frames longer than
   * one at the reference load */
  if (g_str_equal (name, "main"))
    gtk_stack_set_visible_child_full (self->stack, name, GTK_STACK_TRANSITION_TYPE_NONE);
  else
    gtk_stack_set_visible_child_name (self->stack, name);
  gtk_spinner_set_spinning (self->preparing_spinner, g_str_equal (name, "preparing"));
  /* first run: Enter starts a new program */
  if (g_str_equal (name, "welcome"))
    gtk_widget_grab_focus (self->new_program_button);
  else
    /* its large icon is set each time it is shown; the stack measures every
     * page, and an icon of that size is read and rendered from SVG at start */
    lw_status_page_set_icon_name (self->welcome_status, NULL);
}

static void
lw_window_remove_spare (LwWindow *self)
{
  g_clear_handle_id (&self->spare_source, g_source_remove);
  if (self->spare_page != NULL)
    gtk_stack_remove (self->stack, g_steal_pointer (&self->spare_page));
}

/* While the key is derived (a thread), the main loop has nothing to do: the
 * sections' widgets are made then, out of sight, with nothing of the file. */
static gboolean
make_spare_cb (gpointer data)
{
  LwWindow *self = data;

  self->spare_source = 0;
  if (self->spare_page == NULL && self->main_page == NULL && lw_unlock_page_get_busy (self->unlock_page))
    {
      self->spare_page = lw_main_page_new_empty ();
      gtk_stack_add_named (self->stack, self->spare_page, "spare");
      /* and the letters of its fonts drawn, for the first frame after it */
      lw_glyphs_warm (self->spare_page);
    }
  return G_SOURCE_REMOVE;
}

static void
unlock_busy_cb (LwWindow *self)
{
  if (lw_unlock_page_get_busy (self->unlock_page) && self->spare_page == NULL &&
      self->main_page == NULL && self->spare_source == 0)
    self->spare_source = g_idle_add (make_spare_cb, self);
}

static void
lw_window_remove_main_page (LwWindow *self)
{
  GtkWidget *main_page = g_steal_pointer (&self->main_page);

  lw_window_remove_spare (self);
  g_clear_handle_id (&self->idle_source, g_source_remove);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.lock", FALSE);

  if (main_page == NULL)
    return;

  /* no crossfade: it would keep a picture of the page for the transition */
  gtk_stack_set_visible_child_full (self->stack, "unlock", GTK_STACK_TRANSITION_TYPE_NONE);
  gtk_spinner_set_spinning (self->preparing_spinner, FALSE);
  gtk_stack_remove (self->stack, main_page);
  /* the frames that showed the program go with the memory they were sent in:
   * when it locks, and when another program or none takes its place */
  lw_upload_pool_renew_all ();
}

static void
lw_window_show_main (LwWindow *self)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));
  const char *present = NULL;

  g_assert (self->store != NULL);
  g_assert (self->main_page == NULL);


  gint64 start = g_get_monotonic_time ();

  /* made while the key was derived, else now; in the window before it has
   * the store, so that a window on screen makes the roster in a turn of its
   * own (lw_main_page_take_store ()) */
  if (self->spare_page == NULL)
    {
      self->spare_page = lw_main_page_new_empty ();
      gtk_stack_add_named (self->stack, self->spare_page, "spare");
    }
  self->main_page = g_steal_pointer (&self->spare_page);
  gtk_stack_page_set_name (gtk_stack_get_page (self->stack, self->main_page), "main");
  lw_main_page_take_store (LW_MAIN_PAGE (self->main_page), self->store, self->demo);
  g_debug ("Main page made in %.1f ms", (g_get_monotonic_time () - start) / 1000.0);
  lw_window_show_page (self, "main");
  g_debug ("Main page shown in %.1f ms", (g_get_monotonic_time () - start) / 1000.0);
  /* the fonts of its rows, made now, and of the sections filled later */
  lw_glyphs_warm (self->main_page);
  /* an empty program: its first step has the keyboard */
  gtk_widget_grab_focus (self->main_page);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.lock", TRUE);

  /* --present MEETING: straight into meeting mode after every unlock */
  if (LW_IS_APPLICATION (app))
    present = lw_application_get_present_meeting (LW_APPLICATION (app));
  if (present != NULL)
    lw_main_page_present_meeting (LW_MAIN_PAGE (self->main_page), present);

  self->last_activity = g_get_monotonic_time ();
  lw_window_check_idle (self);
}

static void
unlock_page_unlocked_cb (LwWindow *self)
{
  if (self->store == NULL || !lw_store_is_unlocked (self->store))
    return;

  if (!self->demo)
    lw_settings_set_last_database (self->settings, lw_store_get_path (self->store));

  lw_window_show_main (self);
}

/* Idle lock.  Events only stamp the time; one timeout checks it when the limit
 * could have passed, so pointer motion costs nothing. */

static guint
lw_window_get_idle_limit (LwWindow *self)
{
  if (self->idle_lock_seconds > 0)
    return self->idle_lock_seconds;

  return lw_settings_get_idle_lock_minutes (self->settings) * 60;
}

static gboolean
idle_timeout_cb (gpointer data)
{
  LwWindow *self = data;

  self->idle_source = 0;
  lw_window_check_idle (self);

  return G_SOURCE_REMOVE;
}

static void
lw_window_check_idle (LwWindow *self)
{
  guint limit = lw_window_get_idle_limit (self);
  gint64 idle;

  g_clear_handle_id (&self->idle_source, g_source_remove);

  if (self->main_page == NULL || limit == 0)
    return;

  idle = (g_get_monotonic_time () - self->last_activity) / G_USEC_PER_SEC;
  if (idle >= limit)
    {
      g_debug ("Locking after %u seconds without activity", limit);
      lw_window_lock (self, LW_LOCK_REASON_IDLE);
      return;
    }

  self->idle_source = g_timeout_add_seconds ((guint) (limit - idle), idle_timeout_cb, self);
  g_source_set_name_by_id (self->idle_source, "[lw] idle lock");
}

static gboolean
activity_event_cb (LwWindow                 *self,
                   GdkEvent                 *event,
                   GtkEventControllerLegacy *controller)
{
  switch ((int) gdk_event_get_event_type (event))
    {
    case GDK_KEY_PRESS:
    case GDK_BUTTON_PRESS:
    case GDK_MOTION_NOTIFY:
    case GDK_SCROLL:
    case GDK_TOUCH_BEGIN:
    case GDK_TOUCHPAD_SWIPE:
    case GDK_TOUCHPAD_PINCH:
      self->last_activity = g_get_monotonic_time ();
      break;

    default:
      break;
    }

  return GDK_EVENT_PROPAGATE;
}

/* Actions */

static void
lw_window_lock_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  lw_window_lock (LW_WINDOW (widget), LW_LOCK_REASON_USER);
}

static void
lw_window_preferences_action (GtkWidget  *widget,
                              const char *action_name,
                              GVariant   *parameter)
{
  LwWindow *self = LW_WINDOW (widget);
  GtkWidget *preferences = lw_preferences_window_new (GTK_WINDOW (widget));

  if (self->store != NULL && lw_store_is_unlocked (self->store))
    lw_preferences_window_set_store (LW_PREFERENCES_WINDOW (preferences), self->store);
  /* it holds the store: it goes when the program locks or closes */
  close_preferences (self);
  self->preferences = preferences;
  g_object_add_weak_pointer (G_OBJECT (preferences), (gpointer *) &self->preferences);
  gtk_window_present (GTK_WINDOW (preferences));
}

static void new_program_created_cb   (LwWindow *self,
                                     gpointer  store);
static void new_program_cancelled_cb (LwWindow *self);

/* The form of New Program…, made the first time it is asked for: most
 * starts open a program, and making it took a tenth of the start. */
static void
ensure_new_program_page (LwWindow *self)
{
  GtkWidget *page;

  if (self->new_program_page != NULL)
    return;
  page = lw_new_program_page_new ();
  self->new_program_page = LW_NEW_PROGRAM_PAGE (page);
  g_signal_connect_object (page, "created", G_CALLBACK (new_program_created_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (page, "cancelled", G_CALLBACK (new_program_cancelled_cb), self, G_CONNECT_SWAPPED);
  gtk_stack_add_named (self->stack, page, "new-program");
}

/* New Program… locks the open program first: nothing of it stays on screen
 * behind the form, and typed notes are saved. */
static void
lw_window_new_program_action (GtkWidget  *widget,
                              const char *action_name,
                              GVariant   *parameter)
{
  LwWindow *self = LW_WINDOW (widget);

  if (lw_window_get_busy (self))
    return;

  if (self->main_page != NULL)
    lw_window_lock (self, LW_LOCK_REASON_USER);

  ensure_new_program_page (self);
  lw_new_program_page_reset (self->new_program_page, self->missing_path);
  lw_window_show_page (self, "new-program");
  gtk_widget_grab_focus (GTK_WIDGET (self->new_program_page));
}

/* Back to where New Program… was chosen: the unlock page of the program still
 * open (locked), else the welcome page. */
static void
new_program_cancelled_cb (LwWindow *self)
{
  if (self->store != NULL)
    {
      lw_window_show_page (self, "unlock");
      gtk_widget_grab_focus (GTK_WIDGET (self->unlock_page));
    }
  else
    lw_window_show_page (self, "welcome");
}

static void
new_program_created_cb (LwWindow *self,
                        gpointer  store)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));
  g_autoptr(GSettings) settings = lw_settings_dup_gsettings ();

  /* whoever makes a program is its project manager, its first member */
  if (settings != NULL)
    g_settings_set_string (settings, "viewer-role", lw_role_to_string (LW_ROLE_PROJECT_MANAGER));
  lw_settings_set_last_database (self->settings, lw_store_get_path (store));
  g_clear_pointer (&self->missing_path, g_free);

  if (LW_IS_APPLICATION (app))
    lw_application_adopt_store (LW_APPLICATION (app), self, store);
  else
    {
      lw_window_set_store (self, store, FALSE);
      self->owned_store = store;
    }
}

static void
file_chooser_response_cb (LwWindow        *self,
                          int              response,
                          GtkNativeDialog *dialog)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      g_autofree char *path = file ? g_file_get_path (file) : NULL;
      GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));

      if (path != NULL && LW_IS_APPLICATION (app))
        lw_application_open_path (LW_APPLICATION (app), self, path);
    }

  g_clear_object (&self->file_chooser);
}

static void
lw_window_open_file_action (GtkWidget  *widget,
                            const char *action_name,
                            GVariant   *parameter)
{
  LwWindow *self = LW_WINDOW (widget);
  g_autoptr(GtkFileFilter) programs = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) all = gtk_file_filter_new ();
  GtkFileChooserNative *chooser;

  if (self->file_chooser != NULL)
    return;

  chooser = gtk_file_chooser_native_new (_("Open Program"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_OPEN,
                                         _("_Open"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);

  gtk_file_filter_set_name (programs, _("Program files"));
  gtk_file_filter_add_suffix (programs, "lwdb");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), programs);
  gtk_file_filter_set_name (all, _("All files"));
  gtk_file_filter_add_pattern (all, "*");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), all);

  self->file_chooser = GTK_NATIVE_DIALOG (chooser);
  g_signal_connect_object (chooser, "response",
                           G_CALLBACK (file_chooser_response_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_native_dialog_show (self->file_chooser);
}

static gboolean
lw_window_close_request (GtkWindow *window)
{
  LwWindow *self = LW_WINDOW (window);

  lw_settings_save_window (self->settings, window);

  return GTK_WINDOW_CLASS (lw_window_parent_class)->close_request (window);
}

static void
lw_window_dispose (GObject *object)
{
  LwWindow *self = LW_WINDOW (object);

  g_clear_handle_id (&self->idle_source, g_source_remove);
  g_clear_handle_id (&self->spare_source, g_source_remove);

  if (self->file_chooser != NULL)
    gtk_native_dialog_destroy (self->file_chooser);
  g_clear_object (&self->file_chooser);
  close_preferences (self);

  self->main_page = NULL;
  self->spare_page = NULL;
  self->store = NULL;

  gtk_widget_dispose_template (GTK_WIDGET (self), LW_TYPE_WINDOW);

  g_clear_pointer (&self->owned_store, lw_store_free);
  g_clear_pointer (&self->missing_path, g_free);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (lw_window_parent_class)->dispose (object);
}

/* The shortcuts window, made the first time it is asked for: building it
 * took a fifth of the start to the unlock screen when GtkApplication loaded it
 * for every window. */
GtkWidget *
_lw_window_ensure_help_overlay (LwWindow *self)
{
  GtkShortcutsWindow *overlay = gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (self));

  if (overlay == NULL)
    {
      g_autoptr(GtkBuilder) builder =
        gtk_builder_new_from_resource ("/org/leadworkgroup/Workgroup/lw-shortcuts-window.ui");

      overlay = GTK_SHORTCUTS_WINDOW (gtk_builder_get_object (builder, "help_overlay"));
      gtk_application_window_set_help_overlay (GTK_APPLICATION_WINDOW (self), overlay);
    }
  return GTK_WIDGET (overlay);
}

static void
lw_window_show_help_overlay_action (GtkWidget  *widget,
                                    const char *action_name,
                                    GVariant   *parameter)
{
  gtk_window_present (GTK_WINDOW (_lw_window_ensure_help_overlay (LW_WINDOW (widget))));
}

static void
lw_window_class_init (LwWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = lw_window_dispose;

  window_class->close_request = lw_window_close_request;

  g_type_ensure (LW_TYPE_UNLOCK_PAGE);
  g_type_ensure (LW_TYPE_STATUS_PAGE);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/leadworkgroup/Workgroup/lw-window.ui");
  gtk_widget_class_bind_template_child (widget_class, LwWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, LwWindow, welcome_status);
  gtk_widget_class_bind_template_child (widget_class, LwWindow, new_program_button);
  gtk_widget_class_bind_template_child (widget_class, LwWindow, preparing_spinner);
  gtk_widget_class_bind_template_child (widget_class, LwWindow, unlock_page);
  gtk_widget_class_bind_template_callback (widget_class, unlock_page_unlocked_cb);

  gtk_widget_class_install_action (widget_class, "win.lock", NULL, lw_window_lock_action);
  gtk_widget_class_install_action (widget_class, "win.open-file", NULL, lw_window_open_file_action);
  gtk_widget_class_install_action (widget_class, "win.new-program", NULL, lw_window_new_program_action);
  gtk_widget_class_install_action (widget_class, "win.preferences", NULL, lw_window_preferences_action);
  gtk_widget_class_install_action (widget_class, "win.show-help-overlay", NULL, lw_window_show_help_overlay_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_comma, GDK_CONTROL_MASK, "win.preferences", NULL);
}

static void
lw_window_init (LwWindow *self)
{
  GtkEventController *activity;

  gtk_widget_init_template (GTK_WIDGET (self));
  lw_upload_pool_attach (GTK_WINDOW (self));
  /* the program file chosen with Open is not remembered by the desktop */
  lw_settings_disable_recent_files (gtk_widget_get_display (GTK_WIDGET (self)));

  self->settings = lw_settings_new ();
  lw_settings_restore_window (self->settings, GTK_WINDOW (self));
  g_signal_connect_object (self->settings, "notify::idle-lock-minutes",
                           G_CALLBACK (lw_window_check_idle), self,
                           G_CONNECT_SWAPPED);

  /* capture phase: sees every event before any widget can stop it */
  activity = gtk_event_controller_legacy_new ();
  gtk_event_controller_set_propagation_phase (activity, GTK_PHASE_CAPTURE);
  gtk_event_controller_set_name (activity, "lw-idle-activity");
  g_signal_connect_object (activity, "event",
                           G_CALLBACK (activity_event_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self), activity);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.lock", FALSE);
  g_signal_connect_object (self->unlock_page, "notify::busy", G_CALLBACK (unlock_busy_cb), self,
                           G_CONNECT_SWAPPED);

  lw_window_set_store (self, NULL, FALSE);
}

LwWindow *
lw_window_new (GtkApplication *application)
{
  g_return_val_if_fail (application == NULL || GTK_IS_APPLICATION (application), NULL);

  return g_object_new (LW_TYPE_WINDOW,
                       "application", application,
                       NULL);
}

void
lw_window_set_store (LwWindow *self,
                     LwStore  *store,
                     gboolean  demo)
{
  g_return_if_fail (LW_IS_WINDOW (self));
  g_return_if_fail (!lw_unlock_page_get_busy (self->unlock_page));

  lw_window_remove_main_page (self);
  close_preferences (self);

  /* a program this window created goes when another takes its place */
  if (self->owned_store != NULL && self->owned_store != store)
    {
      lw_unlock_page_set_store (self->unlock_page, NULL, FALSE);
      g_clear_pointer (&self->owned_store, lw_store_free);
    }

  self->store = store;
  self->demo = !!demo;
  lw_unlock_page_set_store (self->unlock_page, store, demo);

  if (store == NULL)
    {
      lw_status_page_set_icon_name (self->welcome_status, "document-open-symbolic");
      lw_status_page_set_title (self->welcome_status, _("No Program Open"));
      lw_status_page_set_description (self->welcome_status,
                                      _("Start a new program, open a program file, or look around in the demo program."));
      lw_window_show_page (self, "welcome");
    }
  else if (lw_store_is_unlocked (store))
    {
      lw_window_show_main (self);
    }
  else
    {
      lw_window_show_page (self, "unlock");
      gtk_widget_grab_focus (GTK_WIDGET (self->unlock_page));
    }
}

LwStore *
lw_window_get_store (LwWindow *self)
{
  g_return_val_if_fail (LW_IS_WINDOW (self), NULL);

  return self->store;
}

gboolean
lw_window_get_demo (LwWindow *self)
{
  g_return_val_if_fail (LW_IS_WINDOW (self), FALSE);

  return self->demo;
}

void
lw_window_show_missing (LwWindow   *self,
                        const char *path)
{
  g_autofree char *display = NULL;
  g_autofree char *description = NULL;

  g_return_if_fail (LW_IS_WINDOW (self));
  g_return_if_fail (path != NULL);

  lw_window_set_store (self, NULL, FALSE);
  /* New Program… offers this very file */
  g_free (self->missing_path);
  self->missing_path = g_strdup (path);

  display = g_filename_display_name (path);
  /* Translators: %s is a file path */
  description = g_strdup_printf (_("There is no program file at %s yet. Start a new program there "
                                   "with New Program, open another file, or look around in the "
                                   "demo program, with fictional records."),
                                 display);

  lw_status_page_set_icon_name (self->welcome_status, "document-open-symbolic");
  lw_status_page_set_title (self->welcome_status, _("No Program Yet"));
  lw_status_page_set_description (self->welcome_status, description);
  lw_window_show_page (self, "welcome");
}

void
lw_window_show_error (LwWindow   *self,
                      const char *title,
                      const char *message)
{
  g_return_if_fail (LW_IS_WINDOW (self));
  g_return_if_fail (title != NULL);

  lw_window_set_store (self, NULL, FALSE);

  /* plain text: a path or a message is shown as it is */
  lw_status_page_set_icon_name (self->welcome_status, "dialog-warning-symbolic");
  lw_status_page_set_title (self->welcome_status, title);
  lw_status_page_set_description (self->welcome_status, message);
  lw_window_show_page (self, "welcome");
}

void
lw_window_show_preparing (LwWindow *self)
{
  g_return_if_fail (LW_IS_WINDOW (self));

  lw_window_set_store (self, NULL, FALSE);
  lw_window_show_page (self, "preparing");
}

void
lw_window_lock (LwWindow     *self,
                LwLockReason  reason)
{
  g_autofree char *reason_text = NULL;

  g_return_if_fail (LW_IS_WINDOW (self));

  if (self->main_page == NULL)
    {
      /* already locked: still drop a passphrase left half typed */
      if (reason != LW_LOCK_REASON_USER && self->store != NULL &&
          !lw_unlock_page_get_busy (self->unlock_page))
        lw_unlock_page_reset (self->unlock_page);
      /* and the form of a new program, passphrases and all */
      if (self->new_program_page != NULL &&
          g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "new-program") == 0 &&
          !lw_new_program_page_get_busy (self->new_program_page))
        {
          lw_new_program_page_reset (self->new_program_page, self->missing_path);
          new_program_cancelled_cb (self);
        }
      return;
    }

  g_debug ("Locking");

  /* whatever the reason, typed notes are saved while the key is still there */
  lw_main_page_flush (LW_MAIN_PAGE (self->main_page));
  close_preferences (self);
  if (self->store != NULL)
    lw_store_lock (self->store);

  lw_window_remove_main_page (self);

  switch (reason)
    {
    case LW_LOCK_REASON_IDLE:
      if (self->idle_lock_seconds > 0)
        reason_text = g_strdup (_("Locked because there was no activity."));
      else
        {
          guint minutes = lw_settings_get_idle_lock_minutes (self->settings);

          reason_text = g_strdup_printf (ngettext ("Locked after %u minute without activity.",
                                                   "Locked after %u minutes without activity.",
                                                   minutes),
                                         minutes);
        }
      break;

    case LW_LOCK_REASON_SCREEN:
      reason_text = g_strdup (_("Locked when the screen locked."));
      break;

    case LW_LOCK_REASON_USER:
    default:
      break;
    }

  lw_unlock_page_reset (self->unlock_page);
  lw_unlock_page_set_reason (self->unlock_page, reason_text);
  lw_window_show_page (self, "unlock");
  gtk_widget_grab_focus (GTK_WIDGET (self->unlock_page));
}

gboolean
lw_window_get_busy (LwWindow *self)
{
  g_return_val_if_fail (LW_IS_WINDOW (self), FALSE);

  return lw_unlock_page_get_busy (self->unlock_page) ||
         (self->new_program_page != NULL && lw_new_program_page_get_busy (self->new_program_page));
}

const char *
lw_window_get_page_name (LwWindow *self)
{
  g_return_val_if_fail (LW_IS_WINDOW (self), NULL);

  return gtk_stack_get_visible_child_name (self->stack);
}

GtkWidget *
_lw_window_get_new_program_page (LwWindow *self)
{
  g_return_val_if_fail (LW_IS_WINDOW (self), NULL);

  ensure_new_program_page (self);
  return GTK_WIDGET (self->new_program_page);
}

LwUnlockPage *
_lw_window_get_unlock_page (LwWindow *self)
{
  g_return_val_if_fail (LW_IS_WINDOW (self), NULL);

  return self->unlock_page;
}

GtkWidget *
_lw_window_get_main_page (LwWindow *self)
{
  g_return_val_if_fail (LW_IS_WINDOW (self), NULL);

  return self->main_page;
}

void
_lw_window_set_idle_lock_seconds (LwWindow *self,
                                  guint     seconds)
{
  g_return_if_fail (LW_IS_WINDOW (self));

  self->idle_lock_seconds = seconds;
  lw_window_check_idle (self);
}

GtkWidget *
_lw_window_get_preferences (LwWindow *self)
{
  g_return_val_if_fail (LW_IS_WINDOW (self), NULL);
  return self->preferences;
}
