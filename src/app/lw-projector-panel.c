/* lw-projector-panel.c: meeting mode's side of the projector
 *
 * The projector window is made and destroyed here, so that the presenter
 * never holds it; everything the room sees is made by the window from the
 * core (lw-room.h).  The panel's own controls stay in the app's language.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lw-projector"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "lw-application.h"
#include "lw-projector-panel.h"
#include "lw-tooltip.h"

struct _LwProjectorPanel
{
  GtkBox             parent_instance;

  /* widgets */
  GtkWidget         *toggle_button;
  GtkWidget         *agenda_button;
  GtkWidget         *break_button;
  GtkWidget         *reveal_button;
  GtkWidget         *more_revealer;
  GtkWidget         *break_entry;
  GtkRevealer       *reveal_revealer;
  GtkDropDown       *reveal_fields;
  GtkEntry          *reveal_reason;
  GtkLabel          *reveal_status;
  GtkWidget         *preview_expander;
  GtkWidget         *preview_box;

  /* borrowed references */
  LwStore           *store;

  /* owned references */
  LwProjectorWindow *projector;     /* NULL when closed */
  GPtrArray         *revealable;    /* LwRoomLine: key and label */

  LwId               meeting_id;
  guint              index;
  gint64             elapsed;
  gint64             budget;
  gboolean           paused;
  gboolean           timer_set;
  gboolean           opened_once;
  gboolean           updating;
};

G_DEFINE_FINAL_TYPE (LwProjectorPanel, lw_projector_panel, GTK_TYPE_BOX)

static void
hide_reveal (LwProjectorPanel *self)
{
  gtk_revealer_set_reveal_child (self->reveal_revealer, FALSE);
  gtk_editable_set_text (GTK_EDITABLE (self->reveal_reason), "");
  g_clear_pointer (&self->revealable, g_ptr_array_unref);
}

static void
update (LwProjectorPanel *self)
{
  gboolean open = self->projector != NULL;
  gboolean blank = open && lw_projector_window_get_blank (self->projector);

  self->updating = TRUE;
  gtk_widget_set_visible (self->more_revealer, open);
  gtk_widget_set_visible (self->preview_expander, open);
  gtk_widget_set_sensitive (self->reveal_button, open && !blank);
  gtk_button_set_label (GTK_BUTTON (self->toggle_button), open ? _("Close Projector") : _("Open Projector"));
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (self->agenda_button),
                                open && lw_projector_window_get_showing_agenda (self->projector));
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (self->break_button),
                                open && lw_projector_window_get_break (self->projector) != NULL);
  if (!open || lw_projector_window_get_reveal (self->projector) == NULL)
    gtk_label_set_label (self->reveal_status, "");
  if (!open)
    hide_reveal (self);
  self->updating = FALSE;
}

static void
projector_destroy_cb (GtkWidget        *window,
                      LwProjectorPanel *self)
{
  if ((GtkWidget *) self->projector == window)
    self->projector = NULL;
  update (self);
}

void
lw_projector_panel_close (LwProjectorPanel *self)
{
  LwProjectorWindow *projector;

  g_return_if_fail (LW_IS_PROJECTOR_PANEL (self));

  projector = g_steal_pointer (&self->projector);
  if (projector != NULL)
    {
      g_signal_handlers_disconnect_by_data (projector, self);
      gtk_window_destroy (GTK_WINDOW (projector));
    }
  gtk_frame_set_child (GTK_FRAME (self->preview_box), NULL);
  update (self);
}

static gboolean
close_from_projector_cb (GtkWidget *widget,
                         GVariant  *args,
                         gpointer   user_data)
{
  lw_projector_panel_close (user_data);
  return TRUE;
}

static gboolean
forward_shortcut_cb (GtkWidget *widget,
                     GVariant  *args,
                     gpointer   user_data)
{
  /* the projector has the keyboard (one monitor, or a click on it): the
   * presenter's keys still drive the meeting */
  return gtk_widget_activate_action (GTK_WIDGET (user_data), g_variant_get_string (args, NULL), NULL);
}

static void
add_presenter_keys (LwProjectorPanel *self)
{
  static const struct { guint key; const char *action; } keys[] = {
    { GDK_KEY_Page_Down, "presenter.next" },
    { GDK_KEY_Page_Up, "presenter.previous" },
  };
  GtkEventController *controller = gtk_shortcut_controller_new ();

  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (controller),
                                          gtk_shortcut_new_with_arguments (
                                            gtk_keyval_trigger_new (keys[i].key, 0),
                                            gtk_callback_action_new (forward_shortcut_cb, self, NULL),
                                            "s", keys[i].action));
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (controller),
                                        gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_F5, 0),
                                                          gtk_callback_action_new (close_from_projector_cb,
                                                                                   self, NULL)));
  gtk_widget_add_controller (GTK_WIDGET (self->projector), controller);
}

static void
open_projector (LwProjectorPanel *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkApplication *app = GTK_IS_WINDOW (root) ? gtk_window_get_application (GTK_WINDOW (root)) : NULL;
  GtkWidget *preview;

  if (self->projector != NULL || self->meeting_id == 0 ||
      self->store == NULL || !lw_store_is_unlocked (self->store))
    return;

  self->projector = lw_projector_window_new (LW_IS_APPLICATION (app) ? LW_APPLICATION (app) : NULL,
                                             self->store, self->meeting_id);
  self->opened_once = TRUE;
  g_signal_connect (self->projector, "destroy", G_CALLBACK (projector_destroy_cb), self);
  /* B or A pressed in the projector itself */
  g_signal_connect_swapped (self->projector, "notify::blank", G_CALLBACK (update), self);
  g_signal_connect_swapped (self->projector, "notify::showing-agenda", G_CALLBACK (update), self);
  add_presenter_keys (self);
  lw_projector_window_set_item (self->projector, self->index);
  if (self->timer_set)
    {
      lw_projector_window_set_timer (self->projector, self->elapsed, self->budget);
      lw_projector_window_set_paused (self->projector, self->paused);
    }
  lw_projector_window_place (self->projector);
  gtk_window_present (GTK_WINDOW (self->projector));

  /* the projector's own widgets drawn small: the same pixels, no second copy
   * of the room's text in the presenter's widget tree */
  preview = adw_clamp_new ();
  adw_clamp_set_maximum_size (ADW_CLAMP (preview), 240);
  adw_clamp_set_tightening_threshold (ADW_CLAMP (preview), 240);
  adw_clamp_set_child (ADW_CLAMP (preview), lw_projector_preview_new (self->projector));
  gtk_frame_set_child (GTK_FRAME (self->preview_box), preview);
  update (self);
  /* the presenter keeps the keyboard: the meeting keys, the notes and Ctrl+L
   * stay where the project manager is typing, with one monitor or two */
  if (GTK_IS_WINDOW (root))
    gtk_window_present (GTK_WINDOW (root));
}

void
lw_projector_panel_toggle (LwProjectorPanel *self)
{
  g_return_if_fail (LW_IS_PROJECTOR_PANEL (self));

  if (self->projector != NULL)
    lw_projector_panel_close (self);
  else
    open_projector (self);
}

void
lw_projector_panel_set_meeting (LwProjectorPanel *self,
                                LwStore          *store,
                                LwId              meeting_id)
{
  g_return_if_fail (LW_IS_PROJECTOR_PANEL (self));

  if (store != self->store || meeting_id != self->meeting_id)
    lw_projector_panel_close (self);
  self->store = store;
  self->meeting_id = store != NULL ? meeting_id : 0;
  self->timer_set = FALSE;
}

void
lw_projector_panel_set_item (LwProjectorPanel *self,
                             guint             index)
{
  g_return_if_fail (LW_IS_PROJECTOR_PANEL (self));

  self->index = index;
  if (self->projector == NULL)
    {
      GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
      GtkApplication *app = GTK_IS_WINDOW (root) ? gtk_window_get_application (GTK_WINDOW (root)) : NULL;

      /* --present MEETING --projector: open with meeting mode, once */
      if (!self->opened_once && LW_IS_APPLICATION (app) &&
          lw_application_get_projector (LW_APPLICATION (app)))
        open_projector (self);
      return;
    }

  hide_reveal (self);
  gtk_label_set_label (self->reveal_status, "");
  if (index == lw_projector_window_get_item (self->projector))
    lw_projector_window_refresh (self->projector);   /* started, edited */
  else
    lw_projector_window_set_item (self->projector, index);
}

void
lw_projector_panel_refresh_audience (LwProjectorPanel *self)
{
  g_return_if_fail (LW_IS_PROJECTOR_PANEL (self));

  /* at once: the new room must not see a frame meant for the old one */
  if (self->projector != NULL)
    lw_projector_window_refresh_audience (self->projector);
  if (self->projector != NULL && lw_projector_window_get_reveal (self->projector) == NULL)
    gtk_label_set_label (self->reveal_status, "");
}

void
lw_projector_panel_refresh (LwProjectorPanel *self)
{
  g_return_if_fail (LW_IS_PROJECTOR_PANEL (self));

  if (self->projector != NULL)
    lw_projector_window_refresh (self->projector);
}

void
lw_projector_panel_forget (LwProjectorPanel *self)
{
  g_return_if_fail (LW_IS_PROJECTOR_PANEL (self));

  if (self->projector != NULL)
    lw_projector_window_forget (self->projector);
}

void
lw_projector_panel_set_timer (LwProjectorPanel *self,
                              gint64            elapsed_seconds,
                              gint64            budget_seconds,
                              gboolean          paused)
{
  g_return_if_fail (LW_IS_PROJECTOR_PANEL (self));

  self->elapsed = elapsed_seconds;
  self->budget = budget_seconds;
  self->paused = paused;
  self->timer_set = TRUE;
  if (self->projector != NULL)
    {
      lw_projector_window_set_timer (self->projector, elapsed_seconds, budget_seconds);
      lw_projector_window_set_paused (self->projector, paused);
    }
}

gboolean
lw_projector_panel_toggle_blank (LwProjectorPanel *self)
{
  g_return_val_if_fail (LW_IS_PROJECTOR_PANEL (self), FALSE);

  if (self->projector == NULL)
    return FALSE;
  lw_projector_window_set_blank (self->projector, !lw_projector_window_get_blank (self->projector));
  update (self);
  return TRUE;
}

gboolean
lw_projector_panel_toggle_agenda (LwProjectorPanel *self)
{
  g_return_val_if_fail (LW_IS_PROJECTOR_PANEL (self), FALSE);

  if (self->projector == NULL)
    return FALSE;
  lw_projector_window_set_showing_agenda (self->projector,
                                          !lw_projector_window_get_showing_agenda (self->projector));
  update (self);
  return TRUE;
}

gboolean
lw_projector_panel_toggle_break (LwProjectorPanel *self)
{
  g_autofree char *message = NULL;

  g_return_val_if_fail (LW_IS_PROJECTOR_PANEL (self), FALSE);

  if (self->projector == NULL)
    return FALSE;
  if (lw_projector_window_get_break (self->projector) != NULL)
    lw_projector_window_set_break (self->projector, NULL);
  else
    {
      message = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->break_entry))));
      lw_projector_window_set_break (self->projector, message);
    }
  update (self);
  return TRUE;
}

LwProjectorWindow *
lw_projector_panel_get_projector (LwProjectorPanel *self)
{
  g_return_val_if_fail (LW_IS_PROJECTOR_PANEL (self), NULL);

  return self->projector;
}

/* The panel's buttons */

static void
agenda_toggled_cb (LwProjectorPanel *self)
{
  gboolean active = gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (self->agenda_button));

  if (self->updating || self->projector == NULL ||
      active == lw_projector_window_get_showing_agenda (self->projector))
    return;
  lw_projector_panel_toggle_agenda (self);
}

static void
break_toggled_cb (LwProjectorPanel *self)
{
  gboolean active = gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (self->break_button));

  if (self->updating || self->projector == NULL ||
      active == (lw_projector_window_get_break (self->projector) != NULL))
    return;
  lw_projector_panel_toggle_break (self);
}

static void
break_message_changed_cb (LwProjectorPanel *self)
{
  /* a break already on shows the new words */
  if (self->projector != NULL && lw_projector_window_get_break (self->projector) != NULL)
    lw_projector_window_set_break (self->projector, gtk_editable_get_text (GTK_EDITABLE (self->break_entry)));
}

static void
reveal_clicked_cb (LwProjectorPanel *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);

  if (self->projector == NULL)
    return;
  if (gtk_revealer_get_reveal_child (self->reveal_revealer))
    {
      hide_reveal (self);
      return;
    }

  g_clear_pointer (&self->revealable, g_ptr_array_unref);
  self->revealable = lw_projector_window_list_revealable (self->projector, &error);
  if (self->revealable == NULL || self->revealable->len == 0)
    {
      gtk_label_set_label (self->reveal_status,
                           error ? error->message : _("Nothing of this item can be shown to this room"));
      return;
    }
  for (guint i = 0; i < self->revealable->len; i++)
    gtk_string_list_append (labels, ((LwRoomLine *) g_ptr_array_index (self->revealable, i))->label);
  gtk_drop_down_set_model (self->reveal_fields, G_LIST_MODEL (labels));
  gtk_label_set_label (self->reveal_status, "");
  gtk_revealer_set_reveal_child (self->reveal_revealer, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->reveal_fields));
}

static void
reveal_confirm_cb (LwProjectorPanel *self)
{
  g_autoptr(GError) error = NULL;
  guint selected = gtk_drop_down_get_selected (self->reveal_fields);
  const LwRoomLine *line;
  g_autofree char *status = NULL;

  if (self->projector == NULL || self->revealable == NULL || selected >= self->revealable->len)
    return;
  line = g_ptr_array_index (self->revealable, selected);
  if (!lw_projector_window_reveal (self->projector, line->key,
                                   gtk_editable_get_text (GTK_EDITABLE (self->reveal_reason)), &error))
    {
      /* the message names the field or the rule, never a value */
      gtk_label_set_label (self->reveal_status, error->message);
      gtk_widget_grab_focus (GTK_WIDGET (self->reveal_reason));
      return;
    }
  status = g_strdup_printf (_("Shown to the room for this item: %s"), line->label);
  hide_reveal (self);
  gtk_label_set_label (self->reveal_status, status);
}

/* Names a drop-down and the button inside it that a screen reader reaches. */
static void
name_drop_down (GtkWidget  *drop_down,
                const char *name)
{
  gtk_accessible_update_property (GTK_ACCESSIBLE (drop_down), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
  for (GtkWidget *child = gtk_widget_get_first_child (drop_down); child;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_TOGGLE_BUTTON (child))
      gtk_accessible_update_property (GTK_ACCESSIBLE (child), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
}

static GtkWidget *
small_button (GtkWidget  *button,
              const char *tooltip)
{
  lw_tooltip_set_text (button, tooltip);
  gtk_widget_set_hexpand (button, TRUE);
  return button;
}

static void
lw_projector_panel_dispose (GObject *object)
{
  LwProjectorPanel *self = LW_PROJECTOR_PANEL (object);

  lw_projector_panel_close (self);
  g_clear_pointer (&self->revealable, g_ptr_array_unref);
  self->store = NULL;

  G_OBJECT_CLASS (lw_projector_panel_parent_class)->dispose (object);
}

static void
lw_projector_panel_class_init (LwProjectorPanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = lw_projector_panel_dispose;
  gtk_widget_class_set_css_name (GTK_WIDGET_CLASS (klass), "projectorpanel");
}

static void
lw_projector_panel_init (LwProjectorPanel *self)
{
  GtkBox *box = GTK_BOX (self);
  GtkWidget *buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *more = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *mode_buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *form = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *confirm, *cancel, *label;

  gtk_orientable_set_orientation (GTK_ORIENTABLE (self), GTK_ORIENTATION_VERTICAL);
  gtk_box_set_spacing (box, 6);
  gtk_widget_add_css_class (GTK_WIDGET (self), "lw-projector-panel");

  self->toggle_button = small_button (gtk_button_new_with_label (_("Open Projector")),
                                      _("Open or close the projector (F5); B blanks it"));
  g_signal_connect_swapped (self->toggle_button, "clicked", G_CALLBACK (lw_projector_panel_toggle), self);
  self->reveal_button = small_button (gtk_button_new_with_label (_("Reveal to Room…")),
                                      _("Show one hidden field of this item to the room, with a reason"));
  g_signal_connect_swapped (self->reveal_button, "clicked", G_CALLBACK (reveal_clicked_cb), self);
  gtk_box_append (GTK_BOX (buttons), self->toggle_button);
  gtk_box_append (GTK_BOX (buttons), self->reveal_button);
  gtk_box_append (box, buttons);

  /* the overview and the break, once a projector is open */
  self->agenda_button = small_button (gtk_toggle_button_new_with_label (_("Agenda")),
                                      _("Show the agenda on the projector (Ctrl+Shift+A)"));
  g_signal_connect_swapped (self->agenda_button, "toggled", G_CALLBACK (agenda_toggled_cb), self);
  self->break_button = small_button (gtk_toggle_button_new_with_label (_("Break")),
                                     _("Show a break screen with the message below (Ctrl+Shift+B)"));
  g_signal_connect_swapped (self->break_button, "toggled", G_CALLBACK (break_toggled_cb), self);
  gtk_box_append (GTK_BOX (mode_buttons), self->agenda_button);
  gtk_box_append (GTK_BOX (mode_buttons), self->break_button);
  self->break_entry = gtk_entry_new ();
  gtk_editable_set_text (GTK_EDITABLE (self->break_entry), _("We resume in 10 minutes"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->break_entry), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Message on the break screen"), -1);
  lw_tooltip_set_text (self->break_entry, _("Message on the break screen"));
  g_signal_connect_swapped (self->break_entry, "changed", G_CALLBACK (break_message_changed_cb), self);
  gtk_box_append (GTK_BOX (more), mode_buttons);
  gtk_box_append (GTK_BOX (more), self->break_entry);
  self->more_revealer = more;
  gtk_box_append (box, more);

  /* the inline reveal form: no dialog in the meeting flow */
  label = gtk_label_new (_("Field to show the room"));
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "caption");
  self->reveal_fields = GTK_DROP_DOWN (gtk_drop_down_new (NULL, NULL));
  gtk_accessible_update_relation (GTK_ACCESSIBLE (self->reveal_fields),
                                  GTK_ACCESSIBLE_RELATION_LABELLED_BY, label, NULL, -1);
  name_drop_down (GTK_WIDGET (self->reveal_fields), _("Field to show the room"));
  self->reveal_reason = GTK_ENTRY (gtk_entry_new ());
  gtk_entry_set_placeholder_text (self->reveal_reason, _("Reason (required, recorded)"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->reveal_reason),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Reason for showing it to the room"), -1);
  gtk_widget_set_hexpand (GTK_WIDGET (self->reveal_reason), TRUE);
  g_signal_connect_swapped (self->reveal_reason, "activate", G_CALLBACK (reveal_confirm_cb), self);
  confirm = gtk_button_new_with_label (_("Show"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (confirm), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Show the field to the room"), -1);
  gtk_widget_add_css_class (confirm, "suggested-action");
  g_signal_connect_swapped (confirm, "clicked", G_CALLBACK (reveal_confirm_cb), self);
  cancel = gtk_button_new_with_label (_("Cancel"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (cancel), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Cancel the reveal"), -1);
  g_signal_connect_swapped (cancel, "clicked", G_CALLBACK (hide_reveal), self);
  gtk_box_append (GTK_BOX (row), GTK_WIDGET (self->reveal_reason));
  gtk_box_append (GTK_BOX (row), confirm);
  gtk_box_append (GTK_BOX (row), cancel);
  gtk_box_append (GTK_BOX (form), label);
  gtk_box_append (GTK_BOX (form), GTK_WIDGET (self->reveal_fields));
  gtk_box_append (GTK_BOX (form), row);
  self->reveal_revealer = GTK_REVEALER (gtk_revealer_new ());
  gtk_revealer_set_child (self->reveal_revealer, form);
  gtk_box_append (box, GTK_WIDGET (self->reveal_revealer));

  self->reveal_status = GTK_LABEL (gtk_label_new (""));
  gtk_label_set_xalign (self->reveal_status, 0);
  gtk_label_set_wrap (self->reveal_status, TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->reveal_status),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Reveal status"), -1);
  gtk_box_append (box, GTK_WIDGET (self->reveal_status));

  /* the preview folds away on a small screen */
  self->preview_box = gtk_frame_new (NULL);
  gtk_widget_set_halign (self->preview_box, GTK_ALIGN_START);
  self->preview_expander = gtk_expander_new_with_mnemonic (_("Projector _Preview"));
  gtk_expander_set_expanded (GTK_EXPANDER (self->preview_expander), TRUE);
  gtk_expander_set_child (GTK_EXPANDER (self->preview_expander), self->preview_box);
  gtk_box_append (box, self->preview_expander);

  update (self);
}
