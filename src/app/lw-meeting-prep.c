/* lw-meeting-prep.c: preparing a meeting
 *
 * The agenda is a GtkListView over a GListStore of LwAgendaRow, rebuilt from the
 * store after every change; each change is one call into the agenda module and so
 * one transaction.  What a row shows of a participant comes from a policy view for
 * the viewer's audience (lw-meeting-util.c).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lw-meeting-prep"

#include "config.h"

#include <glib/gi18n.h>
#include <inttypes.h>

#include "lw/lw-agenda.h"
#include "lw/lw-error.h"
#include "lw/lw-model.h"

#include "lw-attendees.h"
#include "lw-settings.h"
#include "lw-meeting-prep.h"
#include "lw-agenda-row.h"
#include "lw-format.h"
#include "lw-focus.h"
#include "lw-toast.h"
#include "lw-wrap-label.h"
#include "lw-tooltip.h"

struct _LwMeetingPrep
{
  GtkBox              parent_instance;

  /* template widgets */
  GtkLabel           *title_label;
  GtkLabel           *status_label;
  GtkButton          *start_button;
  GtkLabel           *total_label;
  GtkRevealer        *suggestions_revealer;
  GtkLabel           *suggestions_label;
  GtkListBox         *suggestions_list;
  GtkListView        *agenda_view;
  GtkEntry           *topic_entry;
  GtkEntry           *participant_entry;
  GtkDropDown        *concern_dropdown;
  LwAttendees        *attendees;

  /* borrowed references */
  LwStore            *store;

  /* owned references */
  LwMeeting          *meeting;
  LwAudience         *audience;
  GHashTable         *views;        /* participant id → LwParticipantView */
  GListStore         *rows;         /* LwAgendaRow */
  GtkSingleSelection *selection;
  GPtrArray          *suggestions;  /* LwAgendaSuggestion */
  GArray             *concern_ids;  /* LwId, parallel to the dropdown */
  AdwToast           *undo_toast;   /* weak: the last "removed" toast */
  guint               focus_tick;
  guint               focus_frames;
  GSettings          *settings;     /* NULL without the schema */
};

G_DEFINE_FINAL_TYPE (LwMeetingPrep, lw_meeting_prep, GTK_TYPE_BOX)

enum
{
  BACK,
  START,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void lw_meeting_prep_show_suggestions (LwMeetingPrep *self);
static void load_concerns (LwMeetingPrep *self);
static void viewer_role_changed_cb (LwMeetingPrep *self);

static void
update_total (LwMeetingPrep *self,
              GPtrArray     *items)
{
  gint64 total = lw_agenda_total_budget (items);
  gint64 length = self->meeting->length_minutes;
  gint64 minutes = (total + 59) / 60;
  g_autofree char *text = NULL;

  if (length > 0 && minutes > length)
    /* Translators: agenda time against the meeting length; not colour alone */
    text = g_strdup_printf (_("%" PRId64 " of %" PRId64 " min — %" PRId64 " min over"),
                            minutes, length, minutes - length);
  else if (length > 0)
    text = g_strdup_printf (_("%" PRId64 " of %" PRId64 " min"), minutes, length);
  else
    text = g_strdup_printf (_("%" PRId64 " min"), minutes);

  gtk_label_set_text (self->total_label, text);
  if (length > 0 && minutes > length)
    gtk_widget_add_css_class (GTK_WIDGET (self->total_label), "warning");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->total_label), "warning");
}

static void
update_header (LwMeetingPrep *self)
{
  g_autofree char *title = lw_format_meeting_title (self->meeting);
  g_autofree char *status = NULL;

  gtk_label_set_text (self->title_label, title);
  status = g_strdup_printf (_("%s · %s%s%" PRId64 " min"),
                            lw_enum_to_label (&lw_meeting_status_info, self->meeting->status),
                            self->meeting->start_time ? self->meeting->start_time : "",
                            self->meeting->start_time ? " · " : "",
                            self->meeting->length_minutes);
  gtk_label_set_text (self->status_label, status);

  /* a closed meeting's agenda cannot change; it opens on its summary */
  {
    static const char * const editing[] = {
      "prep.suggest", "prep.add-all", "prep.add-topic", "prep.add-participant", "prep.move-up", "prep.move-down", "prep.remove",
    };
    gboolean open = self->meeting->status != LW_MEETING_CLOSED;

    for (guint i = 0; i < G_N_ELEMENTS (editing); i++)
      gtk_widget_action_set_enabled (GTK_WIDGET (self), editing[i], open);
    gtk_widget_set_sensitive (GTK_WIDGET (self->topic_entry), open);
    gtk_widget_set_sensitive (GTK_WIDGET (self->participant_entry), open);
    gtk_widget_set_sensitive (GTK_WIDGET (self->attendees), open);
  }
  /* a closed meeting opens on its summary */
  gtk_button_set_label (self->start_button,
                        self->meeting->status == LW_MEETING_CLOSED ? _("Show _Summary")
                        : self->meeting->status == LW_MEETING_IN_PROGRESS ? _("_Resume Meeting")
                        : _("_Start Meeting"));
}

/* Rebuilds the agenda and reselects the item at position select (or keeps the
 * selection when select is G_MAXUINT). */
static void
reload_agenda (LwMeetingPrep *self,
               guint          select)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) items = NULL;
  guint selected = gtk_single_selection_get_selected (self->selection);

  if (self->meeting == NULL)
    return;

  items = lw_agenda_rows_fill (self->rows, self->store, self->audience, self->views,
                               self->meeting->id, &error);
  if (items == NULL)
    {
      lw_toast_show_error (GTK_WIDGET (self), error);
      return;
    }

  update_total (self, items);
  load_concerns (self);

  if (select == G_MAXUINT)
    select = selected;
  if (select != GTK_INVALID_LIST_POSITION && select < items->len)
    gtk_single_selection_set_selected (self->selection, select);
}

static gboolean
reload_meeting (LwMeetingPrep *self,
                LwId           meeting_id)
{
  g_autoptr(GError) error = NULL;
  LwMeeting *meeting = lw_store_get (self->store, &lw_meeting_table, meeting_id, &error);

  if (meeting == NULL)
    {
      lw_toast_show_error (GTK_WIDGET (self), error);
      return FALSE;
    }

  g_clear_pointer (&self->meeting, lw_record_free);
  self->meeting = meeting;

  return TRUE;
}

static void
load_concerns (LwMeetingPrep *self)
{
  g_autoptr(GPtrArray) concerns = lw_store_list (self->store, &lw_community_concern_table, NULL, 0, NULL);
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
  LwLevel level = lw_policy_get_cell (self->store, lw_settings_get_viewer_role (), LW_CATEGORY_LOCATION);

  g_autoptr(GPtrArray) items = lw_agenda_list_items (self->store, self->meeting->id, NULL);

  g_array_set_size (self->concern_ids, 0);
  for (guint i = 0; concerns != NULL && i < concerns->len; i++)
    {
      LwCommunityConcern *concern = g_ptr_array_index (concerns, i);
      g_autofree char *label = NULL;
      gboolean on_agenda = FALSE;

      for (guint j = 0; items != NULL && j < items->len; j++)
        on_agenda |= ((LwAgendaItem *) g_ptr_array_index (items, j))->concern_id == concern->id;
      if (concern->status == LW_CONCERN_CLOSED || on_agenda)
        continue;

      /* the area is location: named only to a viewer who may see it */
      if (level == LW_LEVEL_FULL && concern->area != NULL)
        label = g_strdup_printf (_("Concern of %s · %s"), concern->date ? concern->date : "", concern->area);
      else
        label = g_strdup_printf (_("Concern of %s"), concern->date ? concern->date : "");
      gtk_string_list_append (labels, label);
      g_array_append_val (self->concern_ids, concern->id);
    }

  if (self->concern_ids->len == 0)
    gtk_string_list_append (labels, _("No open concerns"));

  gtk_drop_down_set_model (self->concern_dropdown, G_LIST_MODEL (labels));
  {
    gboolean can_add = self->concern_ids->len > 0 && self->meeting->status != LW_MEETING_CLOSED;

    gtk_widget_set_sensitive (GTK_WIDGET (self->concern_dropdown), can_add);
    gtk_widget_action_set_enabled (GTK_WIDGET (self), "prep.add-concern", can_add);
  }
}

void
lw_meeting_prep_reload (LwMeetingPrep *self)
{
  g_return_if_fail (LW_IS_MEETING_PREP (self));

  if (self->meeting == NULL || !reload_meeting (self, self->meeting->id))
    return;

  update_header (self);
  reload_agenda (self, G_MAXUINT);
  lw_attendees_reload (self->attendees);
  load_concerns (self);
}

/* Agenda rows */

static LwAgendaRow *
row_of_widget (GtkWidget *widget)
{
  GtkWidget *box = widget;

  while (box != NULL && g_object_get_data (G_OBJECT (box), "lw-agenda-box") == NULL)
    box = gtk_widget_get_parent (box);

  return box ? g_object_get_data (G_OBJECT (box), "lw-row") : NULL;
}

static void
budget_changed_cb (GtkSpinButton *spin,
                   LwMeetingPrep *self)
{
  LwAgendaRow *row = row_of_widget (GTK_WIDGET (spin));
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) items = NULL;
  gint64 seconds = (gint64) gtk_spin_button_get_value_as_int (spin) * 60;

  if (row == NULL || seconds == lw_agenda_row_get_time_budget (row))
    return;

  if (!lw_agenda_set_time_budget (self->store, lw_agenda_row_get_id (row), seconds, &error))
    {
      lw_toast_show_error (GTK_WIDGET (self), error);
      return;
    }

  /* no rebuild: the spin button keeps the focus while it is being typed in */
  items = lw_agenda_list_items (self->store, self->meeting->id, NULL);
  if (items != NULL)
    update_total (self, items);
}

static void
remove_clicked_cb (GtkButton     *button,
                   LwMeetingPrep *self)
{
  LwAgendaRow *row = row_of_widget (GTK_WIDGET (button));

  if (row == NULL)
    return;

  gtk_single_selection_set_selected (self->selection, lw_agenda_row_get_position (row));
  gtk_widget_activate_action (GTK_WIDGET (self), "prep.remove", NULL);
}

static GdkContentProvider *
drag_prepare_cb (GtkDragSource *source,
                 double         x,
                 double         y,
                 LwMeetingPrep *self)
{
  LwAgendaRow *row = row_of_widget (gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (source)));

  if (row == NULL)
    return NULL;

  return gdk_content_provider_new_typed (G_TYPE_INT64, (gint64) lw_agenda_row_get_id (row));
}

static gboolean
drop_cb (GtkDropTarget *target,
         const GValue  *value,
         double         x,
         double         y,
         LwMeetingPrep *self)
{
  LwAgendaRow *row = row_of_widget (gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (target)));
  g_autoptr(GError) error = NULL;
  LwId dragged = g_value_get_int64 (value);
  guint position;

  if (row == NULL || dragged == lw_agenda_row_get_id (row))
    return FALSE;

  position = lw_agenda_row_get_position (row);
  if (!lw_agenda_move_item (self->store, dragged, position, &error))
    {
      lw_toast_show_error (GTK_WIDGET (self), error);
      return FALSE;
    }

  reload_agenda (self, position);
  return TRUE;
}

static void
row_parent_cb (GtkWidget *box)
{
  GtkWidget *parent = gtk_widget_get_parent (box);
  const char *spoken = g_object_get_data (G_OBJECT (box), "lw-spoken");

  if (parent != NULL && spoken != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (parent), GTK_ACCESSIBLE_PROPERTY_LABEL, spoken, -1);
}

/* Only the selected row's budget takes the keyboard, so that Tab leaves the
 * list in one step instead of walking every row's budget; arrows choose the
 * row, Tab reaches its budget. */
static void
row_selected_cb (GtkListItem *list_item)
{
  GtkWidget *box = gtk_list_item_get_child (list_item);
  GtkWidget *spin = box ? g_object_get_data (G_OBJECT (box), "lw-spin") : NULL;

  if (spin != NULL)
    gtk_widget_set_can_focus (spin, gtk_list_item_get_selected (list_item));
}

static void
agenda_setup_cb (GtkSignalListItemFactory *factory,
                 GtkListItem              *list_item,
                 LwMeetingPrep            *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *handle = gtk_image_new_from_icon_name ("list-drag-handle-symbolic");
  GtkWidget *position = gtk_label_new (NULL);
  GtkWidget *texts = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  /* title and subtitle: one line each, laid out once per text */
  GtkWidget *title = lw_wrap_label_new (NULL);
  GtkWidget *subtitle = lw_wrap_label_new (NULL);
  /* wraps by arithmetic: a GtkLabel that wraps in this row was shaped again
   * for every width the list asked about, most of opening meeting mode */
  GtkWidget *reasons = lw_wrap_label_new (NULL);
  GtkWidget *spin = gtk_spin_button_new_with_range (1, 60, 1);
  GtkWidget *unit = gtk_label_new (_("min"));
  GtkWidget *remove = gtk_button_new_from_icon_name ("user-trash-symbolic");
  GtkDragSource *source = gtk_drag_source_new ();
  GtkDropTarget *target = gtk_drop_target_new (G_TYPE_INT64, GDK_ACTION_MOVE);

  gtk_widget_add_css_class (box, "lw-agenda-row");
  gtk_widget_set_margin_start (box, 6);
  gtk_widget_set_margin_end (box, 6);
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  g_object_set_data (G_OBJECT (box), "lw-agenda-box", GINT_TO_POINTER (1));

  gtk_widget_add_css_class (handle, "dim-label");
  lw_tooltip_set_text (handle, _("Drag to reorder, or Alt+Up and Alt+Down"));
  gtk_label_set_width_chars (GTK_LABEL (position), 3);
  gtk_label_set_xalign (GTK_LABEL (position), 1);
  gtk_widget_add_css_class (position, "numeric");
  gtk_widget_add_css_class (position, "dim-label");

  gtk_widget_set_hexpand (texts, TRUE);
  lw_wrap_label_set_ellipsize (LW_WRAP_LABEL (title), TRUE);
  gtk_widget_add_css_class (title, "heading");
  lw_wrap_label_set_ellipsize (LW_WRAP_LABEL (subtitle), TRUE);
  gtk_widget_add_css_class (subtitle, "dim-label");
  gtk_widget_add_css_class (reasons, "lw-reasons");
  gtk_box_append (GTK_BOX (texts), title);
  gtk_box_append (GTK_BOX (texts), subtitle);
  gtk_box_append (GTK_BOX (texts), reasons);

  gtk_widget_set_valign (spin, GTK_ALIGN_CENTER);
  lw_tooltip_set_text (spin, _("Time budget in minutes"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (spin),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Time budget in minutes"), -1);
  g_signal_connect_object (spin, "value-changed", G_CALLBACK (budget_changed_cb), self, 0);

  gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (remove, "flat");
  /* Delete removes the selected row: the list is not a Tab stop per button */
  gtk_widget_set_focusable (remove, FALSE);
  lw_tooltip_set_text (remove, _("Remove from Agenda (Delete)"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (remove),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Remove from agenda"), -1);
  g_signal_connect_object (remove, "clicked", G_CALLBACK (remove_clicked_cb), self, 0);

  gtk_drag_source_set_actions (source, GDK_ACTION_MOVE);
  g_signal_connect_object (source, "prepare", G_CALLBACK (drag_prepare_cb), self, 0);
  gtk_widget_add_controller (box, GTK_EVENT_CONTROLLER (source));
  g_signal_connect_object (target, "drop", G_CALLBACK (drop_cb), self, 0);
  gtk_widget_add_controller (box, GTK_EVENT_CONTROLLER (target));

  gtk_box_append (GTK_BOX (box), handle);
  gtk_box_append (GTK_BOX (box), position);
  gtk_box_append (GTK_BOX (box), texts);
  gtk_box_append (GTK_BOX (box), spin);
  gtk_box_append (GTK_BOX (box), unit);
  gtk_box_append (GTK_BOX (box), remove);

  g_object_set_data (G_OBJECT (box), "lw-position", position);
  g_object_set_data (G_OBJECT (box), "lw-title", title);
  g_object_set_data (G_OBJECT (box), "lw-subtitle", subtitle);
  g_object_set_data (G_OBJECT (box), "lw-reasons", reasons);
  g_object_set_data (G_OBJECT (box), "lw-spin", spin);
  g_signal_connect (list_item, "notify::selected", G_CALLBACK (row_selected_cb), NULL);
  g_object_set_data (G_OBJECT (box), "lw-remove", remove);

  g_signal_connect (box, "notify::parent", G_CALLBACK (row_parent_cb), NULL);
  gtk_list_item_set_child (list_item, box);
}

static void
agenda_row_render (GtkListItem *list_item)
{
  GtkWidget *box = gtk_list_item_get_child (list_item);
  LwAgendaRow *row = gtk_list_item_get_item (list_item);
  LwMeetingPrep *self;
  GtkWidget *spin, *item_widget;
  const char *reasons, *subtitle, *planned;
  g_autofree char *position = NULL;
  g_autofree char *reasons_text = NULL;
  g_autofree char *subtitle_text = NULL;
  g_autofree char *budget_name = NULL;
  g_autofree char *remove_name = NULL;
  g_autofree char *spoken = NULL;

  if (box == NULL || row == NULL)
    return;
  self = g_object_get_data (G_OBJECT (box), "lw-prep");
  spin = g_object_get_data (G_OBJECT (box), "lw-spin");
  reasons = lw_agenda_row_get_reasons (row);
  subtitle = lw_agenda_row_get_subtitle (row);
  planned = lw_agenda_row_get_planned_start (row);
  position = g_strdup_printf ("%u", lw_agenda_row_get_position (row) + 1);

  g_object_set_data (G_OBJECT (box), "lw-row", row);
  gtk_label_set_text (g_object_get_data (G_OBJECT (box), "lw-position"), position);
  lw_wrap_label_set_text (g_object_get_data (G_OBJECT (box), "lw-title"), lw_agenda_row_get_title (row));
  /* the planned start, as the agenda's time table */
  subtitle_text = planned && subtitle ? g_strdup_printf ("%s · %s", planned, subtitle)
                  : g_strdup (planned ? planned : subtitle);
  lw_wrap_label_set_text (g_object_get_data (G_OBJECT (box), "lw-subtitle"), subtitle_text ? subtitle_text : "");
  gtk_widget_set_visible (g_object_get_data (G_OBJECT (box), "lw-subtitle"), subtitle_text != NULL);
  reasons_text = reasons ? g_strdup_printf (_("Reasons: %s"), reasons) : NULL;
  lw_wrap_label_set_text (g_object_get_data (G_OBJECT (box), "lw-reasons"), reasons_text ? reasons_text : "");
  gtk_widget_set_visible (g_object_get_data (G_OBJECT (box), "lw-reasons"), reasons != NULL);

  /* the controls say which item they are for */
  budget_name = g_strdup_printf (_("Time budget in minutes: %s"), lw_agenda_row_get_title (row));
  gtk_accessible_update_property (GTK_ACCESSIBLE (spin), GTK_ACCESSIBLE_PROPERTY_LABEL, budget_name, -1);
  remove_name = g_strdup_printf (_("Remove from agenda: %s"), lw_agenda_row_get_title (row));
  gtk_accessible_update_property (GTK_ACCESSIBLE (g_object_get_data (G_OBJECT (box), "lw-remove")),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, remove_name, -1);
  spoken = g_strdup_printf ("%s. %s%s%s", position, lw_agenda_row_get_title (row),
                            subtitle_text ? ", " : "", subtitle_text ? subtitle_text : "");
  /* the row a screen reader lands on is the box's parent, once it has one */
  g_object_set_data_full (G_OBJECT (box), "lw-spoken", g_strdup (spoken), g_free);
  item_widget = gtk_widget_get_parent (box);
  if (item_widget != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (item_widget), GTK_ACCESSIBLE_PROPERTY_LABEL, spoken, -1);

  g_signal_handlers_block_by_func (spin, budget_changed_cb, self);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin),
                             (double) MAX (1, (lw_agenda_row_get_time_budget (row) + 30) / 60));
  g_signal_handlers_unblock_by_func (spin, budget_changed_cb, self);

  gtk_widget_set_sensitive (box, self->meeting == NULL || self->meeting->status != LW_MEETING_CLOSED);
}

static void
agenda_bind_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *list_item,
                LwMeetingPrep            *self)
{
  LwAgendaRow *row = gtk_list_item_get_item (list_item);

  g_object_set_data (G_OBJECT (gtk_list_item_get_child (list_item)), "lw-prep", self);
  agenda_row_render (list_item);
  row_selected_cb (list_item);
  /* a change in place redraws this row alone */
  g_signal_connect_swapped (row, "changed", G_CALLBACK (agenda_row_render), list_item);
}

static void
agenda_unbind_cb (GtkSignalListItemFactory *factory,
                  GtkListItem              *list_item,
                  LwMeetingPrep            *self)
{
  LwAgendaRow *row = gtk_list_item_get_item (list_item);

  if (row != NULL)
    g_signal_handlers_disconnect_by_func (row, agenda_row_render, list_item);
  g_object_set_data (G_OBJECT (gtk_list_item_get_child (list_item)), "lw-row", NULL);
}

/* Actions */

/* The row widget showing position, or NULL while it is not laid out. */
static GtkWidget *
row_widget_at (LwMeetingPrep *self,
               guint          position)
{
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->agenda_view));
       child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *box = gtk_widget_get_first_child (child);
      LwAgendaRow *row = box ? g_object_get_data (G_OBJECT (box), "lw-row") : NULL;

      if (row != NULL && lw_agenda_row_get_position (row) == position)
        return child;
    }
  return NULL;
}

static gboolean
focus_selected_tick (GtkWidget     *widget,
                     GdkFrameClock *clock,
                     gpointer       data)
{
  LwMeetingPrep *self = LW_MEETING_PREP (data);
  guint selected = gtk_single_selection_get_selected (self->selection);
  GtkWidget *row = selected != GTK_INVALID_LIST_POSITION ? row_widget_at (self, selected) : NULL;

  if (row != NULL && gtk_root_get_focus (gtk_widget_get_root (row)) != row)
    gtk_widget_grab_focus (row);
  /* the list rebinds its rows over a frame or two after a move */
  if (++self->focus_frames < 3)
    return G_SOURCE_CONTINUE;
  self->focus_tick = 0;
  return G_SOURCE_REMOVE;
}

/* Keyboard focus on the selected row, so that the next key (a budget, Alt+Up
 * again) acts on the row that moved, where the focus ring is. */
static void
focus_selected (LwMeetingPrep *self)
{
  guint selected = gtk_single_selection_get_selected (self->selection);
  GtkWidget *row;

  if (selected == GTK_INVALID_LIST_POSITION)
    {
      gtk_widget_grab_focus (GTK_WIDGET (self->agenda_view));
      return;
    }
  gtk_widget_activate_action (GTK_WIDGET (self->agenda_view), "list.scroll-to-item", "u", selected);
  row = row_widget_at (self, selected);
  if (row != NULL)
    gtk_widget_grab_focus (row);
  else
    gtk_widget_grab_focus (GTK_WIDGET (self->agenda_view));
  /* once the list has laid the moved row out, again */
  self->focus_frames = 0;
  if (self->focus_tick == 0)
    self->focus_tick = gtk_widget_add_tick_callback (GTK_WIDGET (self->agenda_view), focus_selected_tick, self, NULL);
}

/* Ctrl+Tab (Ctrl+Shift+Tab) leaves the agenda in one step */
static void
leave_list_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  LwMeetingPrep *self = LW_MEETING_PREP (widget);

  if (g_str_equal (action_name, "prep.leave-list-forward"))
    gtk_widget_grab_focus (GTK_WIDGET (self->topic_entry));
  else
    gtk_widget_grab_focus (GTK_WIDGET (self->start_button));
}

static LwAgendaRow *
selected_row (LwMeetingPrep *self)
{
  return gtk_single_selection_get_selected_item (self->selection);
}

static void
move_selected (LwMeetingPrep *self,
               int            delta)
{
  LwAgendaRow *row = selected_row (self);
  g_autoptr(GError) error = NULL;
  guint position, n = g_list_model_get_n_items (G_LIST_MODEL (self->rows));
  int target;

  if (row == NULL)
    return;

  position = lw_agenda_row_get_position (row);
  target = (int) position + delta;
  if (target < 0 || target >= (int) n)
    return;

  if (!lw_agenda_move_item (self->store, lw_agenda_row_get_id (row), (guint) target, &error))
    {
      lw_toast_show_error (GTK_WIDGET (self), error);
      return;
    }

  /* the row object moves; the others keep theirs, and are renumbered in place */
  g_object_ref (row);
  g_list_store_remove (self->rows, position);
  g_list_store_insert (self->rows, (guint) target, row);
  g_object_unref (row);
  reload_agenda (self, (guint) target);
  focus_selected (self);
}

static void
move_up_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  move_selected (LW_MEETING_PREP (widget), -1);
}

static void
move_down_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  move_selected (LW_MEETING_PREP (widget), +1);
}

static void
undo_remove_cb (AdwToast      *toast,
                LwMeetingPrep *self)
{
  LwAgendaItem *removed = g_object_get_data (G_OBJECT (toast), "lw-removed");
  g_autoptr(GError) error = NULL;
  g_autoptr(LwAgendaItem) item = NULL;

  if (removed == NULL || self->store == NULL || !lw_store_is_unlocked (self->store))
    return;

  switch (removed->kind)
    {
    case LW_ITEM_TOPIC:
      item = lw_agenda_add_topic (self->store, removed->meeting_id, removed->title,
                                  removed->time_budget, &error);
      break;
    case LW_ITEM_CONCERN:
      item = lw_agenda_add_concern (self->store, removed->meeting_id, removed->concern_id,
                                    removed->time_budget, &error);
      break;
    case LW_ITEM_PARTICIPANT:
    default:
      item = lw_agenda_add_participant (self->store, removed->meeting_id, removed->participant_id,
                                        removed->reasons, removed->time_budget, &error);
      break;
    }

  if (item == NULL || !lw_agenda_move_item (self->store, item->id, (guint) removed->position, &error))
    {
      lw_toast_show_error (GTK_WIDGET (self), error);
      return;
    }

  reload_agenda (self, (guint) removed->position);
}

static void
remove_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  LwMeetingPrep *self = LW_MEETING_PREP (widget);
  LwAgendaRow *row = selected_row (self);
  g_autoptr(GError) error = NULL;
  LwAgendaItem *removed;
  g_autofree char *title = NULL;
  guint position;
  AdwToast *toast;

  if (row == NULL)
    return;

  position = lw_agenda_row_get_position (row);
  removed = lw_store_get (self->store, &lw_agenda_item_table, lw_agenda_row_get_id (row), &error);
  if (removed == NULL || !lw_agenda_remove_item (self->store, removed->id, &error))
    {
      g_clear_pointer (&removed, lw_record_free);
      lw_toast_show_error (GTK_WIDGET (self), error);
      return;
    }

  title = g_strdup_printf (_("Removed “%s” from the agenda"), lw_agenda_row_get_title (row));
  reload_agenda (self, MIN (position, g_list_model_get_n_items (G_LIST_MODEL (self->rows)) - 1));

  toast = lw_toast_new (title);
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  /* the copy holds care notes: it is wiped with the toast */
  g_object_set_data_full (G_OBJECT (toast), "lw-removed", removed, lw_record_free);
  g_signal_connect_object (toast, "button-clicked", G_CALLBACK (undo_remove_cb), self, 0);
  if (self->undo_toast != NULL)
    g_object_remove_weak_pointer (G_OBJECT (self->undo_toast), (gpointer *) &self->undo_toast);
  self->undo_toast = toast;
  g_object_add_weak_pointer (G_OBJECT (toast), (gpointer *) &self->undo_toast);
  lw_toast_add (widget, toast);

  focus_selected (self);
}

static void
suggestion_add_cb (GtkButton     *button,
                   LwMeetingPrep *self)
{
  guint index = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "lw-index"));
  LwAgendaSuggestion *s;
  g_autoptr(GError) error = NULL;
  g_autoptr(LwAgendaItem) item = NULL;
  g_autofree char *reasons = NULL;

  if (self->suggestions == NULL || index >= self->suggestions->len)
    return;

  s = g_ptr_array_index (self->suggestions, index);
  reasons = lw_agenda_reasons_to_string (s->reasons);
  item = lw_agenda_add_participant (self->store, self->meeting->id, s->participant_id, reasons,
                                    s->time_budget, &error);
  if (item == NULL)
    {
      lw_toast_show_error (GTK_WIDGET (self), error);
      return;
    }

  reload_agenda (self, (guint) item->position);
  lw_meeting_prep_show_suggestions (self);
}

static GtkWidget *
suggestion_row (LwMeetingPrep      *self,
                LwAgendaSuggestion *s,
                guint               index)
{
  const LwParticipantView *view =
    lw_agenda_row_view_cache_get (self->views, self->store, self->audience, s->participant_id);
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 4);
  GtkWidget *button;
  LwAgendaItem probe = { .kind = LW_ITEM_PARTICIPANT, .participant_id = s->participant_id };
  g_autofree char *title = view ? lw_agenda_row_describe_title (self->store, &probe, view) : g_strdup (s->code);
  guint shown = 0;

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);

  gtk_widget_set_valign (box, GTK_ALIGN_CENTER);
  if (view != NULL)
    {
      g_autofree char *codes = lw_agenda_reasons_to_string (s->reasons);
      g_autoptr(GPtrArray) labels = NULL;
      LwLevel levels[LW_N_CATEGORIES];

      /* a reason is shown only to whoever may see what it is computed from */
      for (int c = 0; c < LW_N_CATEGORIES; c++)
        levels[c] = lw_participant_view_get_level (view, c);
      labels = lw_agenda_reason_labels (codes, levels);
      for (guint i = 0; i < labels->len; i++)
        {
          GtkWidget *label = gtk_label_new (g_ptr_array_index (labels, i));

          gtk_widget_add_css_class (label, "lw-reason-pill");
          gtk_box_append (GTK_BOX (box), label);
          shown++;
        }
    }
  if (shown == 0)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), _("Reasons not shown at your level"));
  else
    adw_action_row_add_suffix (ADW_ACTION_ROW (row), box);

  if (s->on_agenda)
    {
      GtkWidget *label = gtk_label_new (_("On the agenda"));

      gtk_widget_add_css_class (label, "dim-label");
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
    }
  else
    {
      button = gtk_button_new_with_label (_("Add"));
      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      _("Add to the agenda"), -1);
      g_object_set_data (G_OBJECT (button), "lw-index", GUINT_TO_POINTER (index));
      g_signal_connect_object (button, "clicked", G_CALLBACK (suggestion_add_cb), self, 0);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
    }

  return row;
}

static void
lw_meeting_prep_show_suggestions (LwMeetingPrep *self)
{
  g_autoptr(GError) error = NULL;
  GtkWidget *child;
  guint n_new = 0;
  g_autofree char *text = NULL;

  g_clear_pointer (&self->suggestions, g_ptr_array_unref);
  self->suggestions = lw_agenda_suggest (self->store, self->meeting, &error);
  if (self->suggestions == NULL)
    {
      lw_toast_show_error (GTK_WIDGET (self), error);
      return;
    }

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->suggestions_list))) != NULL)
    gtk_list_box_remove (self->suggestions_list, child);

  /* those still to add first, each part most urgent first */
  for (int pass = 0; pass < 2; pass++)
    for (guint i = 0; i < self->suggestions->len; i++)
      {
        LwAgendaSuggestion *s = g_ptr_array_index (self->suggestions, i);

        if (s->on_agenda != (pass == 1))
          continue;
        n_new += !s->on_agenda;
        gtk_list_box_append (self->suggestions_list, suggestion_row (self, s, i));
      }

  text = g_strdup_printf (ngettext ("%u suggestion not on the agenda yet, most urgent first",
                                    "%u suggestions not on the agenda yet, most urgent first", n_new),
                          n_new);
  gtk_label_set_text (self->suggestions_label, text);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "prep.add-all", n_new > 0);
  gtk_revealer_set_reveal_child (self->suggestions_revealer, TRUE);
}

static void
suggest_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  LwMeetingPrep *self = LW_MEETING_PREP (widget);

  lw_meeting_prep_show_suggestions (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->suggestions_list));
}

static void
hide_suggestions_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  LwMeetingPrep *self = LW_MEETING_PREP (widget);

  gtk_revealer_set_reveal_child (self->suggestions_revealer, FALSE);
  gtk_widget_grab_focus (GTK_WIDGET (self->agenda_view));
}

typedef struct
{
  GWeakRef  prep;
  GArray   *ids;      /* LwId of the items Add All put on the agenda */
} AddAllUndo;

static void
add_all_undo_free (gpointer data)
{
  AddAllUndo *undo = data;

  g_weak_ref_clear (&undo->prep);
  g_array_unref (undo->ids);
  g_free (undo);
}

/* Undo of Add All: the items it added come off again, in one transaction */
static void
undo_add_all_cb (AdwToast   *toast,
                 AddAllUndo *undo)
{
  g_autoptr(LwMeetingPrep) self = g_weak_ref_get (&undo->prep);
  g_autoptr(GError) error = NULL;

  if (self == NULL || self->store == NULL || !lw_store_is_unlocked (self->store))
    return;
  if (!lw_store_begin (self->store, &error))
    {
      lw_toast_show_error (GTK_WIDGET (self), error);
      return;
    }
  for (guint i = 0; i < undo->ids->len; i++)
    if (!lw_agenda_remove_item (self->store, g_array_index (undo->ids, LwId, i), &error))
      {
        lw_store_rollback (self->store);
        lw_toast_show_error (GTK_WIDGET (self), error);
        return;
      }
  if (!lw_store_commit (self->store, &error))
    {
      lw_toast_show_error (GTK_WIDGET (self), error);
      return;
    }
  reload_agenda (self, G_MAXUINT);
  if (self->suggestions != NULL)
    lw_meeting_prep_show_suggestions (self);
}

static void
add_all_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  LwMeetingPrep *self = LW_MEETING_PREP (widget);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) before = NULL;
  g_autoptr(GPtrArray) after = NULL;
  g_autoptr(GHashTable) known = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autofree char *text = NULL;
  AddAllUndo *undo;
  gint64 minutes;
  guint n_added = 0;

  if (self->suggestions == NULL)
    return;

  before = lw_agenda_list_items (self->store, self->meeting->id, &error);
  if (before == NULL || !lw_agenda_apply_suggestions (self->store, self->meeting, self->suggestions, &n_added, &error))
    {
      lw_toast_show_error (widget, error);
      return;
    }

  reload_agenda (self, G_MAXUINT);
  gtk_revealer_set_reveal_child (self->suggestions_revealer, FALSE);

  /* what was added, for the Undo */
  undo = g_new0 (AddAllUndo, 1);
  g_weak_ref_init (&undo->prep, self);
  undo->ids = g_array_new (FALSE, FALSE, sizeof (LwId));
  for (guint i = 0; i < before->len; i++)
    g_hash_table_add (known, &((LwAgendaItem *) g_ptr_array_index (before, i))->id);
  after = lw_agenda_list_items (self->store, self->meeting->id, NULL);
  for (guint i = 0; after != NULL && i < after->len; i++)
    {
      LwAgendaItem *item = g_ptr_array_index (after, i);

      if (!g_hash_table_contains (known, &item->id))
        g_array_append_val (undo->ids, item->id);
    }

  /* the toast says what it did, and when it pushed the agenda over time */
  minutes = after ? (lw_agenda_total_budget (after) + 59) / 60 : 0;
  if (self->meeting->length_minutes > 0 && minutes > self->meeting->length_minutes)
    text = g_strdup_printf (ngettext ("Added %u item: the agenda is now %" PRId64 " min over the meeting’s %" PRId64 " min",
                                      "Added %u items: the agenda is now %" PRId64 " min over the meeting’s %" PRId64 " min",
                                      n_added),
                            n_added, minutes - self->meeting->length_minutes, self->meeting->length_minutes);
  else
    text = g_strdup_printf (ngettext ("Added %u item to the agenda", "Added %u items to the agenda", n_added),
                            n_added);
  lw_toast_show_undo (widget, text, G_CALLBACK (undo_add_all_cb), undo, add_all_undo_free);
  gtk_widget_grab_focus (GTK_WIDGET (self->agenda_view));
}

static void
add_topic_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  LwMeetingPrep *self = LW_MEETING_PREP (widget);
  g_autoptr(GError) error = NULL;
  g_autoptr(LwAgendaItem) item = NULL;
  g_autofree char *title = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->topic_entry))));

  if (*title == '\0')
    {
      gtk_widget_grab_focus (GTK_WIDGET (self->topic_entry));
      return;
    }

  item = lw_agenda_add_topic (self->store, self->meeting->id, title, lw_settings_get_default_budget (), &error);
  if (item == NULL)
    {
      lw_toast_show_error (widget, error);
      return;
    }

  gtk_editable_set_text (GTK_EDITABLE (self->topic_entry), "");
  reload_agenda (self, (guint) item->position);
}

/* Any participant, not only the suggested ones: the project manager knows
 * things the rules do not. */
static void
add_participant_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  LwMeetingPrep *self = LW_MEETING_PREP (widget);
  g_autoptr(GError) error = NULL;
  g_autoptr(LwAgendaItem) item = NULL;
  g_autoptr(LwParticipant) participant = NULL;
  g_autofree char *code = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->participant_entry))));

  if (*code == '\0')
    {
      gtk_widget_grab_focus (GTK_WIDGET (self->participant_entry));
      return;
    }

  participant = lw_participant_find_by_code (self->store, code, &error);
  if (participant == NULL && g_error_matches (error, LW_ERROR, LW_ERROR_NOT_FOUND))
    {
      /* "142" or "p-0142" for "P-0142" */
      g_autofree char *upper = g_ascii_strup (code, -1);
      g_autofree char *guess = NULL;
      gint64 number;

      if (g_ascii_string_to_signed (upper, 10, 0, 9999, &number, NULL))
        guess = g_strdup_printf ("P-%04" G_GINT64_FORMAT, number);
      else
        guess = g_steal_pointer (&upper);
      g_clear_error (&error);
      participant = lw_participant_find_by_code (self->store, guess, &error);
    }
  if (participant == NULL)
    {
      lw_toast_show_error (widget, error);
      gtk_widget_grab_focus (GTK_WIDGET (self->participant_entry));
      return;
    }

  item = lw_agenda_add_participant (self->store, self->meeting->id, participant->id, NULL,
                                    lw_settings_get_default_budget (), &error);
  if (item == NULL)
    {
      lw_toast_show_error (widget, error);
      return;
    }

  gtk_editable_set_text (GTK_EDITABLE (self->participant_entry), "");
  reload_agenda (self, (guint) item->position);
}

static void
participant_activate_cb (LwMeetingPrep *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "prep.add-participant", NULL);
}

static void
topic_activate_cb (LwMeetingPrep *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "prep.add-topic", NULL);
}

static void
add_concern_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  LwMeetingPrep *self = LW_MEETING_PREP (widget);
  guint index = gtk_drop_down_get_selected (self->concern_dropdown);
  g_autoptr(GError) error = NULL;
  g_autoptr(LwAgendaItem) item = NULL;

  if (index >= self->concern_ids->len)
    return;

  item = lw_agenda_add_concern (self->store, self->meeting->id,
                                g_array_index (self->concern_ids, LwId, index),
                                lw_settings_get_default_budget (), &error);
  if (item == NULL)
    {
      lw_toast_show_error (widget, error);
      return;
    }

  reload_agenda (self, (guint) item->position);
}

static void
back_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  g_signal_emit (widget, signals[BACK], 0);
}

static void
start_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  g_signal_emit (widget, signals[START], 0);
}

static void
attendees_changed_cb (LwMeetingPrep *self)
{
  /* nothing of the agenda depends on who attends; the header might (status) */
  if (self->meeting != NULL && reload_meeting (self, self->meeting->id))
    update_header (self);
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

static void
lw_meeting_prep_dispose (GObject *object)
{
  LwMeetingPrep *self = LW_MEETING_PREP (object);

  if (self->focus_tick != 0 && self->agenda_view != NULL)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self->agenda_view), self->focus_tick);
  self->focus_tick = 0;
  gtk_widget_dispose_template (GTK_WIDGET (self), LW_TYPE_MEETING_PREP);

  if (self->undo_toast != NULL)
    g_object_remove_weak_pointer (G_OBJECT (self->undo_toast), (gpointer *) &self->undo_toast);
  self->undo_toast = NULL;
  self->store = NULL;
  g_clear_object (&self->selection);
  g_clear_object (&self->rows);
  g_clear_pointer (&self->suggestions, g_ptr_array_unref);
  g_clear_pointer (&self->views, g_hash_table_unref);
  g_clear_pointer (&self->meeting, lw_record_free);
  g_clear_pointer (&self->audience, lw_audience_free);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (lw_meeting_prep_parent_class)->dispose (object);
}

static void
lw_meeting_prep_finalize (GObject *object)
{
  LwMeetingPrep *self = LW_MEETING_PREP (object);

  g_array_unref (self->concern_ids);

  G_OBJECT_CLASS (lw_meeting_prep_parent_class)->finalize (object);
}

static void
lw_meeting_prep_class_init (LwMeetingPrepClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lw_meeting_prep_dispose;
  object_class->finalize = lw_meeting_prep_finalize;

  signals[BACK] = g_signal_new ("back", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[START] = g_signal_new ("start", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                 0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  g_type_ensure (LW_TYPE_ATTENDEES);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/leadworkgroup/Workgroup/lw-meeting-prep.ui");
  gtk_widget_class_bind_template_child (widget_class, LwMeetingPrep, title_label);
  gtk_widget_class_bind_template_child (widget_class, LwMeetingPrep, status_label);
  gtk_widget_class_bind_template_child (widget_class, LwMeetingPrep, start_button);
  gtk_widget_class_bind_template_child (widget_class, LwMeetingPrep, total_label);
  gtk_widget_class_bind_template_child (widget_class, LwMeetingPrep, suggestions_revealer);
  gtk_widget_class_bind_template_child (widget_class, LwMeetingPrep, suggestions_label);
  gtk_widget_class_bind_template_child (widget_class, LwMeetingPrep, suggestions_list);
  gtk_widget_class_bind_template_child (widget_class, LwMeetingPrep, agenda_view);
  gtk_widget_class_bind_template_child (widget_class, LwMeetingPrep, topic_entry);
  gtk_widget_class_bind_template_child (widget_class, LwMeetingPrep, participant_entry);
  gtk_widget_class_bind_template_child (widget_class, LwMeetingPrep, concern_dropdown);
  gtk_widget_class_bind_template_child (widget_class, LwMeetingPrep, attendees);
  gtk_widget_class_bind_template_callback (widget_class, topic_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, participant_activate_cb);

  gtk_widget_class_install_action (widget_class, "prep.back", NULL, back_action);
  gtk_widget_class_install_action (widget_class, "prep.start", NULL, start_action);
  gtk_widget_class_install_action (widget_class, "prep.suggest", NULL, suggest_action);
  gtk_widget_class_install_action (widget_class, "prep.hide-suggestions", NULL, hide_suggestions_action);
  gtk_widget_class_install_action (widget_class, "prep.add-all", NULL, add_all_action);
  gtk_widget_class_install_action (widget_class, "prep.add-topic", NULL, add_topic_action);
  gtk_widget_class_install_action (widget_class, "prep.add-participant", NULL, add_participant_action);
  gtk_widget_class_install_action (widget_class, "prep.add-concern", NULL, add_concern_action);
  gtk_widget_class_install_action (widget_class, "prep.move-up", NULL, move_up_action);
  gtk_widget_class_install_action (widget_class, "prep.move-down", NULL, move_down_action);
  gtk_widget_class_install_action (widget_class, "prep.remove", NULL, remove_action);
  gtk_widget_class_install_action (widget_class, "prep.leave-list-forward", NULL, leave_list_action);
  gtk_widget_class_install_action (widget_class, "prep.leave-list-backward", NULL, leave_list_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "prep.back", NULL);
}

static void
lw_meeting_prep_init (LwMeetingPrep *self)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  GtkEventController *keys = gtk_shortcut_controller_new ();
  GtkShortcutController *shortcuts = GTK_SHORTCUT_CONTROLLER (keys);

  gtk_widget_init_template (GTK_WIDGET (self));

  self->concern_ids = g_array_new (FALSE, FALSE, sizeof (LwId));
  self->audience = lw_settings_dup_viewer_audience ();
  self->settings = lw_settings_dup_gsettings ();
  if (self->settings != NULL)
    g_signal_connect_object (self->settings, "changed::viewer-role",
                             G_CALLBACK (viewer_role_changed_cb), self, G_CONNECT_SWAPPED);
  self->views = lw_agenda_row_view_cache_new ();
  self->rows = g_list_store_new (LW_TYPE_AGENDA_ROW);
  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->rows)));
  gtk_single_selection_set_autoselect (self->selection, TRUE);

  g_signal_connect_object (factory, "setup", G_CALLBACK (agenda_setup_cb), self, 0);
  g_signal_connect_object (factory, "bind", G_CALLBACK (agenda_bind_cb), self, 0);
  g_signal_connect_object (factory, "unbind", G_CALLBACK (agenda_unbind_cb), self, 0);
  gtk_list_view_set_factory (self->agenda_view, factory);
  lw_focus_tab_leaves_list (GTK_WIDGET (self->agenda_view));
  g_object_unref (factory);
  gtk_list_view_set_model (self->agenda_view, GTK_SELECTION_MODEL (self->selection));

  /* on the list only: Delete in the topic entry deletes text */
  gtk_shortcut_controller_add_shortcut (shortcuts,
    gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_Up, GDK_ALT_MASK),
                      gtk_named_action_new ("prep.move-up")));
  gtk_shortcut_controller_add_shortcut (shortcuts,
    gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_Down, GDK_ALT_MASK),
                      gtk_named_action_new ("prep.move-down")));
  gtk_shortcut_controller_add_shortcut (shortcuts,
    gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_Delete, 0),
                      gtk_named_action_new ("prep.remove")));
  gtk_shortcut_controller_add_shortcut (shortcuts,
    gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_Tab, GDK_CONTROL_MASK),
                      gtk_named_action_new ("prep.leave-list-forward")));
  gtk_shortcut_controller_add_shortcut (shortcuts,
    gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_ISO_Left_Tab, GDK_CONTROL_MASK | GDK_SHIFT_MASK),
                      gtk_named_action_new ("prep.leave-list-backward")));
  gtk_widget_add_controller (GTK_WIDGET (self->agenda_view), keys);

  g_signal_connect_object (self->attendees, "changed",
                           G_CALLBACK (attendees_changed_cb), self, G_CONNECT_SWAPPED);
  name_drop_down (GTK_WIDGET (self->concern_dropdown), _("Community concern to add"));
}

/* The role at the keyboard changed: everything shown is redrawn at its level
 * at once (names, reasons, suggestions, topic titles). */
static void
viewer_role_changed_cb (LwMeetingPrep *self)
{
  g_clear_pointer (&self->audience, lw_audience_free);
  self->audience = lw_settings_dup_viewer_audience ();
  g_hash_table_remove_all (self->views);
  if (self->store == NULL || self->meeting == NULL || !lw_store_is_unlocked (self->store))
    return;
  reload_agenda (self, 0);
  if (self->suggestions != NULL)
    lw_meeting_prep_show_suggestions (self);
  load_concerns (self);
}

GtkWidget *
lw_meeting_prep_new (void)
{
  return g_object_new (LW_TYPE_MEETING_PREP, NULL);
}

void
lw_meeting_prep_set_meeting (LwMeetingPrep *self,
                             LwStore       *store,
                             LwId           meeting_id)
{
  g_return_if_fail (LW_IS_MEETING_PREP (self));
  g_return_if_fail (store != NULL);

  self->store = store;
  gtk_revealer_set_reveal_child (self->suggestions_revealer, FALSE);
  g_clear_pointer (&self->suggestions, g_ptr_array_unref);
  if (!reload_meeting (self, meeting_id))
    return;

  update_header (self);
  reload_agenda (self, 0);
  lw_attendees_set_meeting (self->attendees, store, meeting_id);
  load_concerns (self);
}

LwId
lw_meeting_prep_get_meeting_id (LwMeetingPrep *self)
{
  g_return_val_if_fail (LW_IS_MEETING_PREP (self), 0);

  return self->meeting ? self->meeting->id : 0;
}

GListModel *_lw_meeting_prep_get_agenda (LwMeetingPrep *self) { return G_LIST_MODEL (self->rows); }
GtkSelectionModel *_lw_meeting_prep_get_selection (LwMeetingPrep *self) { return GTK_SELECTION_MODEL (self->selection); }
GtkWidget *_lw_meeting_prep_get_attendees (LwMeetingPrep *self) { return GTK_WIDGET (self->attendees); }
GtkListBox *_lw_meeting_prep_get_suggestions (LwMeetingPrep *self) { return self->suggestions_list; }
GtkLabel *_lw_meeting_prep_get_total_label (LwMeetingPrep *self) { return self->total_label; }
AdwToast *_lw_meeting_prep_get_undo_toast (LwMeetingPrep *self) { return self->undo_toast; }
GtkEditable *_lw_meeting_prep_get_topic_entry (LwMeetingPrep *self) { return GTK_EDITABLE (self->topic_entry); }
GtkEditable *_lw_meeting_prep_get_participant_entry (LwMeetingPrep *self) { return GTK_EDITABLE (self->participant_entry); }
GtkListView *_lw_meeting_prep_get_agenda_view (LwMeetingPrep *self) { return self->agenda_view; }

void
lw_meeting_prep_focus (LwMeetingPrep *self)
{
  g_return_if_fail (LW_IS_MEETING_PREP (self));

  focus_selected (self);
}
