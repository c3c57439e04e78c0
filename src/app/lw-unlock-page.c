/* lw-unlock-page.c: the passphrase screen
 *
 * Argon2id takes most of a second, so the unlock runs in a worker thread while a
 * spinner turns.  The passphrase is copied out of the entry's secure buffer only
 * for that call and wiped right after it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lw-unlock-page"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "lw/lw-error.h"
#include "lw/lw-vault.h"

#include "lw-trim.h"
#include "lw-unlock-page-private.h"

struct _LwUnlockPage
{
  AdwBin        parent_instance;

  /* template widgets */
  GtkLabel     *file_label;
  GtkLabel     *reason_label;
  GtkLabel     *demo_label;
  AdwEntryRow  *passphrase_row;
  GtkLabel     *error_label;
  GtkButton    *unlock_button;
  GtkStack     *button_stack;
  GtkSpinner   *spinner;
  GtkLabel     *busy_label;

  /* borrowed references */
  LwStore      *store;

  /* owned references */
  GCancellable *cancellable;   /* of the running unlock, cancelled on dispose */
  GApplication *held_app;      /* kept from quitting while a worker runs */

  guint         busy : 1;
  guint         demo : 1;
};

G_DEFINE_FINAL_TYPE (LwUnlockPage, lw_unlock_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_BUSY,
  N_PROPS
};

enum {
  UNLOCKED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

typedef struct
{
  LwStore *store;
  char    *passphrase;
  gsize    passphrase_len;
  gsize    warm_bytes;  /* lw_trim_warm () after the key */
} UnlockData;

static void
unlock_data_free (gpointer data)
{
  UnlockData *unlock = data;

  if (unlock->passphrase != NULL)
    {
      explicit_bzero (unlock->passphrase, unlock->passphrase_len);
      g_free (unlock->passphrase);
    }
  g_free (unlock);
}

static void
lw_unlock_page_update_action (LwUnlockPage *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->passphrase_row));

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "unlock.unlock",
                                 self->store != NULL && text != NULL && text[0] != '\0');
}

static void
lw_unlock_page_set_busy (LwUnlockPage *self,
                         gboolean      busy)
{
  busy = !!busy;
  if (self->busy == busy)
    return;

  self->busy = busy;

  gtk_spinner_set_spinning (self->spinner, busy);
  gtk_stack_set_visible_child_name (self->button_stack, busy ? "busy" : "label");

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

static void
lw_unlock_page_show_error (LwUnlockPage *self,
                           const char   *message)
{
  if (message == NULL)
    {
      gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
      gtk_label_set_text (self->error_label, "");
      gtk_accessible_reset_relation (GTK_ACCESSIBLE (self->passphrase_row),
                                     GTK_ACCESSIBLE_RELATION_DESCRIBED_BY);
      return;
    }

  gtk_label_set_text (self->error_label, message);
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (self->passphrase_row),
                                  GTK_ACCESSIBLE_RELATION_DESCRIBED_BY, self->error_label, NULL,
                                  -1);
}

static gboolean
show_busy_cb (gpointer data)
{
  LwUnlockPage *self = data;

  /* only while this unlock runs */
  if (self->busy && self->store != NULL)
    {
      g_autofree char *text = g_strdup_printf (_("Another program is using this file; waiting for it (up to %d seconds)…"),
                                               LW_STORE_BUSY_TIMEOUT);

      gtk_label_set_text (self->busy_label, text);
      gtk_widget_set_visible (GTK_WIDGET (self->busy_label), TRUE);
    }
  return G_SOURCE_REMOVE;
}

/* Called in the worker thread while SQLite waits for another program. */
static void
store_busy_cb (LwStore  *store,
               gpointer  user_data)
{
  g_main_context_invoke_full (NULL, G_PRIORITY_DEFAULT, show_busy_cb,
                              g_object_ref (user_data), g_object_unref);
}

static void
unlock_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  UnlockData *unlock = task_data;
  g_autoptr(GError) error = NULL;
  gboolean ok;

  ok = lw_store_unlock (unlock->store, unlock->passphrase, unlock->passphrase_len, &error);

  /* the passphrase is not needed any more */
  explicit_bzero (unlock->passphrase, unlock->passphrase_len);

  if (ok)
    {
      /* the main page is built and the whole window drawn anew right
       * after: their memory is touched here, while the window still says
       * it unlocks */
      lw_trim_warm (unlock->warm_bytes);
      g_task_return_boolean (task, TRUE);
    }
  else
    g_task_return_error (task, g_steal_pointer (&error));
}

static void
unlock_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  LwUnlockPage *self = LW_UNLOCK_PAGE (object);
  g_autoptr(GApplication) app = g_steal_pointer (&self->held_app);
  g_autoptr(GError) error = NULL;
  GCancellable *cancellable = g_task_get_cancellable (G_TASK (result));

  if (app != NULL)
    g_application_release (app);

  /* disposed meanwhile: the template widgets are gone */
  if (g_cancellable_is_cancelled (cancellable))
    return;

  g_clear_object (&self->cancellable);
  lw_unlock_page_set_busy (self, FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->busy_label), FALSE);
  if (self->store != NULL)
    lw_store_set_busy_func (self->store, NULL, NULL);

  if (g_task_propagate_boolean (G_TASK (result), &error))
    {
      g_debug ("Unlocked");
      lw_unlock_page_reset (self);
      g_signal_emit (self, signals[UNLOCKED], 0);
      return;
    }

  g_debug ("Unlock failed: %s", g_quark_to_string (error->domain));

  if (g_error_matches (error, LW_ERROR, LW_ERROR_WRONG_PASSPHRASE))
    lw_unlock_page_show_error (self, _("Wrong passphrase. Try again; nothing was changed."));
  else
    lw_unlock_page_show_error (self, error->message);

  gtk_widget_grab_focus (GTK_WIDGET (self->passphrase_row));
  gtk_editable_select_region (GTK_EDITABLE (self->passphrase_row), 0, -1);
}

static void
lw_unlock_page_unlock (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  LwUnlockPage *self = LW_UNLOCK_PAGE (widget);
  g_autoptr(GTask) task = NULL;
  UnlockData *unlock;
  const char *text;
  GtkRoot *root;

  if (self->busy || self->store == NULL)
    return;

  text = gtk_editable_get_text (GTK_EDITABLE (self->passphrase_row));
  if (text == NULL || text[0] == '\0')
    return;

  unlock = g_new0 (UnlockData, 1);
  unlock->store = self->store;
  unlock->passphrase_len = strlen (text);
  unlock->passphrase = g_malloc (unlock->passphrase_len + 1);
  memcpy (unlock->passphrase, text, unlock->passphrase_len + 1);

  lw_unlock_page_show_error (self, NULL);
  lw_unlock_page_set_busy (self, TRUE);
  lw_store_set_busy_func (self->store, store_busy_cb, self);

  /* the worker borrows the store, which the application frees at shutdown */
  root = gtk_widget_get_root (widget);
  /* the window's image, 4 bytes a pixel, and 4 MiB for what the main page
   * makes first */
  if (root != NULL)
    unlock->warm_bytes = (gsize) gtk_widget_get_width (GTK_WIDGET (root)) * gtk_widget_get_height (GTK_WIDGET (root)) *
                         4 * gtk_widget_get_scale_factor (widget) * gtk_widget_get_scale_factor (widget) + (4 << 20);
  if (GTK_IS_WINDOW (root) && gtk_window_get_application (GTK_WINDOW (root)) != NULL)
    {
      self->held_app = g_object_ref (G_APPLICATION (gtk_window_get_application (GTK_WINDOW (root))));
      g_application_hold (self->held_app);
    }

  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();

  task = g_task_new (self, self->cancellable, unlock_done_cb, NULL);
  g_task_set_source_tag (task, lw_unlock_page_unlock);
  g_task_set_task_data (task, unlock, unlock_data_free);
  g_task_run_in_thread (task, unlock_thread);
}

static void
passphrase_row_activated_cb (LwUnlockPage *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "unlock.unlock", NULL);
}

static void
passphrase_row_changed_cb (LwUnlockPage *self)
{
  lw_unlock_page_update_action (self);
}

static gboolean
lw_unlock_page_grab_focus (GtkWidget *widget)
{
  LwUnlockPage *self = LW_UNLOCK_PAGE (widget);

  return gtk_widget_grab_focus (GTK_WIDGET (self->passphrase_row));
}

static void
lw_unlock_page_dispose (GObject *object)
{
  LwUnlockPage *self = LW_UNLOCK_PAGE (object);

  /* a running worker keeps its own reference on the page and the store */
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);

  /* AdwBin keeps its own pointer to the child: drop it before the template does */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), LW_TYPE_UNLOCK_PAGE);

  self->store = NULL;

  G_OBJECT_CLASS (lw_unlock_page_parent_class)->dispose (object);
}

static void
lw_unlock_page_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  LwUnlockPage *self = LW_UNLOCK_PAGE (object);

  switch (prop_id)
    {
    case PROP_BUSY:
      g_value_set_boolean (value, self->busy);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lw_unlock_page_class_init (LwUnlockPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lw_unlock_page_dispose;
  object_class->get_property = lw_unlock_page_get_property;

  widget_class->grab_focus = lw_unlock_page_grab_focus;

  /* TRUE while the passphrase is being checked */
  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL,
                          FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* the store is unlocked; the passphrase is already wiped */
  signals[UNLOCKED] =
    g_signal_new ("unlocked",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0,
                  NULL, NULL,
                  NULL,
                  G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/leadworkgroup/Workgroup/lw-unlock-page.ui");
  gtk_widget_class_bind_template_child (widget_class, LwUnlockPage, file_label);
  gtk_widget_class_bind_template_child (widget_class, LwUnlockPage, reason_label);
  gtk_widget_class_bind_template_child (widget_class, LwUnlockPage, demo_label);
  gtk_widget_class_bind_template_child (widget_class, LwUnlockPage, passphrase_row);
  gtk_widget_class_bind_template_child (widget_class, LwUnlockPage, error_label);
  gtk_widget_class_bind_template_child (widget_class, LwUnlockPage, unlock_button);
  gtk_widget_class_bind_template_child (widget_class, LwUnlockPage, button_stack);
  gtk_widget_class_bind_template_child (widget_class, LwUnlockPage, spinner);
  gtk_widget_class_bind_template_child (widget_class, LwUnlockPage, busy_label);
  gtk_widget_class_bind_template_callback (widget_class, passphrase_row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, passphrase_row_changed_cb);

  gtk_widget_class_install_action (widget_class, "unlock.unlock", NULL, lw_unlock_page_unlock);
}

/* libadwaita 1.2 leaves the peek button of AdwPasswordEntryRow without a name
 * for screen readers (it reads "GtkImage"). */
static void
lw_unlock_page_label_peek_button (GtkWidget *widget)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_BUTTON (child) && gtk_button_get_label (GTK_BUTTON (child)) == NULL)
        gtk_accessible_update_property (GTK_ACCESSIBLE (child),
                                        GTK_ACCESSIBLE_PROPERTY_LABEL, _("Show or hide the passphrase"),
                                        -1);
      lw_unlock_page_label_peek_button (child);
    }
}

static void
lw_unlock_page_init (LwUnlockPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  lw_unlock_page_label_peek_button (GTK_WIDGET (self->passphrase_row));

  lw_unlock_page_update_action (self);
}

GtkWidget *
lw_unlock_page_new (void)
{
  return g_object_new (LW_TYPE_UNLOCK_PAGE, NULL);
}

void
lw_unlock_page_set_store (LwUnlockPage *self,
                          LwStore      *store,
                          gboolean      demo)
{
  g_return_if_fail (LW_IS_UNLOCK_PAGE (self));
  g_return_if_fail (!self->busy);

  self->store = store;
  self->demo = !!demo;

  if (store == NULL)
    {
      gtk_label_set_text (self->file_label, "");
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->file_label), NULL);
    }
  else if (demo)
    {
      gtk_label_set_text (self->file_label, _("A fictional program in a temporary file"));
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->file_label), NULL);
    }
  else
    {
      const char *path = lw_store_get_path (store);
      g_autofree char *basename = g_path_get_basename (path);
      g_autofree char *display = g_filename_display_name (basename);
      g_autofree char *display_path = g_filename_display_name (path);

      gtk_label_set_text (self->file_label, display);
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->file_label), display_path);
    }

  gtk_widget_set_visible (GTK_WIDGET (self->demo_label), self->demo);

  lw_unlock_page_set_reason (self, NULL);
  lw_unlock_page_reset (self);
}

void
lw_unlock_page_set_reason (LwUnlockPage *self,
                           const char   *reason)
{
  g_return_if_fail (LW_IS_UNLOCK_PAGE (self));

  gtk_label_set_text (self->reason_label, reason ? reason : "");
  gtk_widget_set_visible (GTK_WIDGET (self->reason_label), reason != NULL);
}

void
lw_unlock_page_reset (LwUnlockPage *self)
{
  g_return_if_fail (LW_IS_UNLOCK_PAGE (self));

  gtk_editable_set_text (GTK_EDITABLE (self->passphrase_row), "");
  lw_unlock_page_show_error (self, NULL);
  lw_unlock_page_update_action (self);
}

gboolean
lw_unlock_page_get_busy (LwUnlockPage *self)
{
  g_return_val_if_fail (LW_IS_UNLOCK_PAGE (self), FALSE);

  return self->busy;
}

GtkEditable *
_lw_unlock_page_get_entry (LwUnlockPage *self)
{
  g_return_val_if_fail (LW_IS_UNLOCK_PAGE (self), NULL);

  return GTK_EDITABLE (self->passphrase_row);
}

GtkLabel *
_lw_unlock_page_get_error_label (LwUnlockPage *self)
{
  g_return_val_if_fail (LW_IS_UNLOCK_PAGE (self), NULL);

  return self->error_label;
}
