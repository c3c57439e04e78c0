/* lw-meetings-page.c: the Meetings section
 *
 * A stack of three pages: the list of meetings (with the inline form for a new
 * one), preparing the selected meeting, and meeting mode.  No dialogs: each form
 * opens in place and every change is saved at once.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lw-meetings"

#include "config.h"

#include <glib/gi18n.h>

#include "lw/lw-agenda.h"
#include "lw/lw-model.h"

#include "lw-meeting-prep.h"
#include "lw-format.h"
#include "lw-status-page.h"
#include "lw-toast.h"
#include "lw-meetings-page.h"
#include "lw-presenter.h"
#include "lw-rows-growth.h"
#include "lw-text-row.h"
#include "lw-trim.h"

struct _LwMeetingsPage
{
  GtkBox          parent_instance;

  /* template widgets */
  GtkStack       *stack;
  GtkRevealer    *banner_revealer;
  GtkLabel       *banner_label;
  GtkRevealer    *new_revealer;
  AdwEntryRow    *date_row;
  AdwEntryRow    *place_row;
  GtkSpinButton  *length_spin;
  GtkLabel       *new_error;
  GtkListBox     *list;
  LwStatusPage   *empty_status;
  LwMeetingPrep  *prep;
  LwPresenter    *presenter;

  /* borrowed references */
  LwStore        *store;

  /* owned references */
  GListStore     *rows;           /* the list's rows: GtkListBoxRow */
  LwRowsGrowth   *growth;         /* which of them the list has */
  GPtrArray      *pending;        /* older meetings not listed yet, newest first */
  GtkWidget      *older_row;      /* the row that lists them, or NULL */

  LwId            meeting_id;     /* last notified, see update_meeting_id () */
};

/* Meetings listed at once: the newest; a program of years lists its older
 * meetings on request, as many again each time, so the list stays quick to
 * lay out.  The list is given them over its first frames (lw-rows-growth.h):
 * a boxed list lays out every row it holds, about 1.3M instructions a row,
 * and a first visit laid out 40 in one frame. */
#define ROWS_AT_ONCE 40

G_DEFINE_FINAL_TYPE (LwMeetingsPage, lw_meetings_page, GTK_TYPE_BOX)

enum {
  PROP_0,
  PROP_MEETING_ID,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The meeting open in preparation or meeting mode, else the one selected in the
 * list (0 when none): what the export actions work on. */
static void
update_meeting_id (LwMeetingsPage *self)
{
  const char *mode;
  LwId id = 0;

  /* the stack and the list go one after the other in dispose */
  if (self->stack == NULL || self->list == NULL || self->prep == NULL || self->presenter == NULL)
    return;

  mode = gtk_stack_get_visible_child_name (self->stack);
  if (g_strcmp0 (mode, "prep") == 0)
    id = lw_meeting_prep_get_meeting_id (self->prep);
  else if (g_strcmp0 (mode, "present") == 0)
    id = lw_presenter_get_meeting_id (self->presenter);
  else
    {
      GtkListBoxRow *row = gtk_list_box_get_selected_row (self->list);

      if (row != NULL)
        id = (LwId) GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (row), "lw-meeting-id"));
    }

  if (id == self->meeting_id)
    return;
  self->meeting_id = id;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MEETING_ID]);
}

static void
show_banner (LwMeetingsPage *self,
             const char     *text)
{
  gtk_label_set_text (self->banner_label, text);
  gtk_revealer_set_reveal_child (self->banner_revealer, TRUE);
}

/* No meeting yet: the empty state says what to do first, until the form of a
 * new meeting is open. */
static void
update_empty (LwMeetingsPage *self)
{
  gboolean empty = gtk_list_box_get_row_at_index (self->list, 0) == NULL;
  gboolean form = gtk_revealer_get_reveal_child (self->new_revealer);

  gtk_widget_set_visible (GTK_WIDGET (self->list), !empty);
  gtk_widget_set_visible (GTK_WIDGET (self->empty_status), empty && !form && self->store != NULL);
}

/* The rows are the model's items themselves: the list shows each as it is. */
static GtkWidget *
row_widget (gpointer item,
            gpointer user_data)
{
  return g_object_ref (item);
}

static void
add_row (LwMeetingsPage *self,
         GtkWidget      *row)
{
  g_object_ref_sink (row);
  g_list_store_append (self->rows, row);
  g_object_unref (row);
}

static void
append_row (LwMeetingsPage  *self,
            const LwMeeting *meeting)
{
  g_autofree char *date = lw_format_date (meeting->date);
  g_autofree char *subtitle = NULL;
  GtkWidget *row = lw_text_row_new ();
  GtkWidget *status = gtk_label_new (lw_enum_to_label (&lw_meeting_status_info, meeting->status));
  GtkWidget *arrow = gtk_image_new_from_icon_name ("go-next-symbolic");

  subtitle = g_strdup_printf ("%s%s%s · %" G_GINT64_FORMAT " min",
                              meeting->place ? meeting->place : _("No place set"),
                              meeting->start_time ? " · " : "",
                              meeting->start_time ? meeting->start_time : "",
                              meeting->length_minutes);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), date);
  lw_text_row_set_subtitle (LW_TEXT_ROW (row), subtitle);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  g_object_set_data (G_OBJECT (row), "lw-meeting-id", GSIZE_TO_POINTER ((gsize) meeting->id));

  gtk_widget_add_css_class (status, "lw-status-pill");
  gtk_widget_add_css_class (status, lw_enum_to_string (&lw_meeting_status_info, meeting->status));
  gtk_widget_set_valign (status, GTK_ALIGN_CENTER);
  lw_text_row_add_suffix (LW_TEXT_ROW (row), status);
  lw_text_row_add_suffix (LW_TEXT_ROW (row), arrow);
  add_row (self, row);
}

/* The next rows of the older meetings, and a row that offers the rest. */
static void
append_pending (LwMeetingsPage *self)
{
  guint n = MIN (ROWS_AT_ONCE, self->pending ? self->pending->len : 0);

  if (self->older_row != NULL)
    {
      guint position;

      if (g_list_store_find (self->rows, self->older_row, &position))
        g_list_store_remove (self->rows, position);
      self->older_row = NULL;
    }
  for (guint i = 0; i < n; i++)
    append_row (self, g_ptr_array_index (self->pending, i));
  if (n > 0)
    g_ptr_array_remove_range (self->pending, 0, n);
  if (self->pending != NULL && self->pending->len > 0)
    {
      g_autofree char *title = NULL;

      title = g_strdup_printf (ngettext ("%u older meeting", "%u older meetings", self->pending->len),
                               self->pending->len);
      self->older_row = lw_text_row_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->older_row), title);
      lw_text_row_set_subtitle (LW_TEXT_ROW (self->older_row), _("Press to list them"));
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (self->older_row), TRUE);
      add_row (self, self->older_row);
    }
  else
    g_clear_pointer (&self->pending, g_ptr_array_unref);
}

static void
reload_list (LwMeetingsPage *self)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *meetings;

  g_clear_pointer (&self->pending, g_ptr_array_unref);
  self->older_row = NULL;
  /* the first rows at once, the others over the frames that draw the list */
  lw_rows_growth_restart (self->growth);
  g_list_store_remove_all (self->rows);

  if (self->store == NULL)
    return;

  meetings = lw_agenda_list_meetings (self->store, &error);
  if (meetings == NULL)
    {
      show_banner (self, error->message);
      return;
    }

  /* newest first: the next meeting is at the top */
  self->pending = g_ptr_array_new_full (meetings->len, lw_record_free);
  for (guint i = meetings->len; i-- > 0;)
    g_ptr_array_add (self->pending, g_ptr_array_steal_index (meetings, i));
  g_ptr_array_unref (meetings);
  append_pending (self);

  update_empty (self);
}

static void
show_list (LwMeetingsPage *self)
{
  GtkListBoxRow *first;

  reload_list (self);
  gtk_stack_set_visible_child_name (self->stack, "list");
  first = gtk_list_box_get_row_at_index (self->list, 0);
  gtk_widget_grab_focus (first ? GTK_WIDGET (first) : GTK_WIDGET (self->list));
}

static void
row_activated_cb (LwMeetingsPage *self,
                  GtkListBoxRow  *row)
{
  LwId id = (LwId) GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (row), "lw-meeting-id"));

  if (GTK_WIDGET (row) == self->older_row)
    {
      guint index = gtk_list_box_row_get_index (row);
      GtkListBoxRow *next;

      /* asked for: every row at once, the keyboard going to the first */
      lw_rows_growth_finish (self->growth);
      append_pending (self);
      /* the keyboard on the first meeting it listed */
      next = gtk_list_box_get_row_at_index (self->list, index);
      if (next != NULL)
        gtk_widget_grab_focus (GTK_WIDGET (next));
      return;
    }
  if (id != 0)
    lw_meetings_page_open (self, id);
}

/* New meeting */

static void
new_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  LwMeetingsPage *self = LW_MEETINGS_PAGE (widget);
  g_autofree char *date = NULL;

  if (gtk_editable_get_text (GTK_EDITABLE (self->date_row))[0] == '\0')
    {
      g_autofree char *today = lw_date_today ();

      date = lw_date_add_days (today, 7);
      gtk_editable_set_text (GTK_EDITABLE (self->date_row), date ? date : "");
    }
  gtk_widget_set_visible (GTK_WIDGET (self->new_error), FALSE);
  gtk_revealer_set_reveal_child (self->new_revealer, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->date_row));
}

static void
cancel_new_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  LwMeetingsPage *self = LW_MEETINGS_PAGE (widget);

  gtk_revealer_set_reveal_child (self->new_revealer, FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->new_error), FALSE);
  if (gtk_widget_get_visible (GTK_WIDGET (self->list)))
    gtk_widget_grab_focus (GTK_WIDGET (self->list));
  else
    gtk_widget_child_focus (GTK_WIDGET (self->empty_status), GTK_DIR_TAB_FORWARD);
}

static void
create_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  LwMeetingsPage *self = LW_MEETINGS_PAGE (widget);
  g_autoptr(GError) error = NULL;
  g_autoptr(LwMeeting) meeting = lw_meeting_new ();
  g_autofree char *date = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->date_row))));
  g_autofree char *place = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->place_row))));

  if (!lw_date_is_valid (date))
    {
      g_autofree char *message = NULL;

      if (*date == '\0')
        message = g_strdup (_("Type the date of the meeting, for example 2026-12-01."));
      else
        /* Translators: %s is what was typed */
        message = g_strdup_printf (_("“%s” is not a date. Write the year, month and day as YYYY-MM-DD, "
                                     "for example 2026-12-01."), date);
      gtk_label_set_text (self->new_error, message);
      gtk_widget_set_visible (GTK_WIDGET (self->new_error), TRUE);
      gtk_widget_add_css_class (GTK_WIDGET (self->date_row), "error");
      gtk_widget_grab_focus (GTK_WIDGET (self->date_row));
      return;
    }
  gtk_widget_remove_css_class (GTK_WIDGET (self->date_row), "error");

  meeting->date = g_steal_pointer (&date);
  meeting->place = *place ? g_steal_pointer (&place) : NULL;
  meeting->length_minutes = gtk_spin_button_get_value_as_int (self->length_spin);
  meeting->status = LW_MEETING_DRAFT;
  if (!lw_store_insert (self->store, meeting, &error))
    {
      gtk_label_set_text (self->new_error, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->new_error), TRUE);
      return;
    }

  gtk_widget_set_visible (GTK_WIDGET (self->new_error), FALSE);
  gtk_revealer_set_reveal_child (self->new_revealer, FALSE);
  gtk_editable_set_text (GTK_EDITABLE (self->date_row), "");
  gtk_editable_set_text (GTK_EDITABLE (self->place_row), "");
  lw_toast_show (widget, _("Meeting created"));
  lw_meetings_page_open (self, meeting->id);
}

static void
create_activate_cb (LwMeetingsPage *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "meetings.create", NULL);
}

static void
dismiss_banner_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  gtk_revealer_set_reveal_child (LW_MEETINGS_PAGE (widget)->banner_revealer, FALSE);
}

/* Between the pages */

static void
prep_back_cb (LwMeetingsPage *self)
{
  show_list (self);
}

/* Meeting mode comes at once: a crossfade drew it and the page it replaces
 * blended over the whole window for 200 ms, each of those frames longer
 * than one (20-35 ms at the reference load), and each blend with its own
 * offscreen pictures of both pages (6 MB more resident at its peak). */
static void
show_presenter (LwMeetingsPage *self)
{
  gtk_stack_set_visible_child_full (self->stack, "present", GTK_STACK_TRANSITION_TYPE_NONE);
}

static void
prep_start_cb (LwMeetingsPage *self)
{
  LwId id = lw_meeting_prep_get_meeting_id (self->prep);

  if (id == 0)
    return;

  lw_presenter_set_meeting (self->presenter, self->store, id);
  show_presenter (self);
}

static void
presenter_back_cb (LwMeetingsPage *self)
{
  LwId id = lw_presenter_get_meeting_id (self->presenter);

  if (id != 0)
    lw_meetings_page_open (self, id);
  else
    show_list (self);
}

static void
lw_meetings_page_dispose (GObject *object)
{
  LwMeetingsPage *self = LW_MEETINGS_PAGE (object);

  g_clear_pointer (&self->pending, g_ptr_array_unref);
  self->older_row = NULL;
  if (self->list != NULL)
    gtk_list_box_bind_model (self->list, NULL, NULL, NULL, NULL);
  g_clear_pointer (&self->growth, lw_rows_growth_free);
  g_clear_object (&self->rows);
  gtk_widget_dispose_template (GTK_WIDGET (self), LW_TYPE_MEETINGS_PAGE);
  self->store = NULL;

  G_OBJECT_CLASS (lw_meetings_page_parent_class)->dispose (object);
}

static void
lw_meetings_page_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  LwMeetingsPage *self = LW_MEETINGS_PAGE (object);

  switch (prop_id)
    {
    case PROP_MEETING_ID:
      g_value_set_int64 (value, self->meeting_id);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lw_meetings_page_class_init (LwMeetingsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lw_meetings_page_dispose;
  object_class->get_property = lw_meetings_page_get_property;

  properties[PROP_MEETING_ID] =
    g_param_spec_int64 ("meeting-id", NULL, NULL,
                        0, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (LW_TYPE_MEETING_PREP);
  g_type_ensure (LW_TYPE_PRESENTER);
  g_type_ensure (LW_TYPE_STATUS_PAGE);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/leadworkgroup/Workgroup/lw-meetings-page.ui");
  gtk_widget_class_bind_template_child (widget_class, LwMeetingsPage, stack);
  gtk_widget_class_bind_template_child (widget_class, LwMeetingsPage, banner_revealer);
  gtk_widget_class_bind_template_child (widget_class, LwMeetingsPage, banner_label);
  gtk_widget_class_bind_template_child (widget_class, LwMeetingsPage, new_revealer);
  gtk_widget_class_bind_template_child (widget_class, LwMeetingsPage, date_row);
  gtk_widget_class_bind_template_child (widget_class, LwMeetingsPage, place_row);
  gtk_widget_class_bind_template_child (widget_class, LwMeetingsPage, length_spin);
  gtk_widget_class_bind_template_child (widget_class, LwMeetingsPage, new_error);
  gtk_widget_class_bind_template_child (widget_class, LwMeetingsPage, list);
  gtk_widget_class_bind_template_child (widget_class, LwMeetingsPage, empty_status);
  gtk_widget_class_bind_template_child (widget_class, LwMeetingsPage, prep);
  gtk_widget_class_bind_template_child (widget_class, LwMeetingsPage, presenter);
  gtk_widget_class_bind_template_callback (widget_class, create_activate_cb);

  gtk_widget_class_install_action (widget_class, "meetings.new", NULL, new_action);
  gtk_widget_class_install_action (widget_class, "meetings.cancel-new", NULL, cancel_new_action);
  gtk_widget_class_install_action (widget_class, "meetings.create", NULL, create_action);
  gtk_widget_class_install_action (widget_class, "meetings.dismiss-banner", NULL, dismiss_banner_action);
}

static void
lw_meetings_page_init (LwMeetingsPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->rows = g_list_store_new (GTK_TYPE_LIST_BOX_ROW);
  self->growth = lw_rows_growth_new (GTK_WIDGET (self->list), G_LIST_MODEL (self->rows));
  gtk_list_box_bind_model (self->list, lw_rows_growth_get_model (self->growth), row_widget, NULL, NULL);

  g_signal_connect_object (self->list, "row-activated",
                           G_CALLBACK (row_activated_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->prep, "back", G_CALLBACK (prep_back_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->prep, "start", G_CALLBACK (prep_start_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->presenter, "back", G_CALLBACK (presenter_back_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->list, "selected-rows-changed",
                           G_CALLBACK (update_meeting_id), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->stack, "notify::visible-child",
                           G_CALLBACK (update_meeting_id), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->new_revealer, "notify::reveal-child",
                           G_CALLBACK (update_empty), self, G_CONNECT_SWAPPED);
}

GtkWidget *
lw_meetings_page_new (void)
{
  return g_object_new (LW_TYPE_MEETINGS_PAGE, NULL);
}

void
lw_meetings_page_set_store (LwMeetingsPage *self,
                            LwStore        *store)
{
  g_return_if_fail (LW_IS_MEETINGS_PAGE (self));

  self->store = store;
  reload_list (self);
}

void
lw_meetings_page_open (LwMeetingsPage *self,
                       LwId            meeting_id)
{
  g_return_if_fail (LW_IS_MEETINGS_PAGE (self));
  g_return_if_fail (self->store != NULL);

  lw_meeting_prep_set_meeting (self->prep, self->store, meeting_id);
  gtk_stack_set_visible_child_name (self->stack, "prep");
  update_meeting_id (self);
  lw_meeting_prep_focus (self->prep);
}

gboolean
lw_meetings_page_present (LwMeetingsPage *self,
                          const char     *spec)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LwMeeting) meeting = NULL;

  g_return_val_if_fail (LW_IS_MEETINGS_PAGE (self), FALSE);
  g_return_val_if_fail (spec != NULL, FALSE);

  meeting = lw_agenda_resolve_meeting (self->store, spec, &error);
  if (meeting == NULL)
    {
      g_autofree char *text = g_strdup_printf (_("Cannot open meeting “%s” in meeting mode: %s"),
                                               spec, error ? error->message : _("no such meeting"));

      show_list (self);
      show_banner (self, text);
      return FALSE;
    }

  /* the preparation is filled when it is shown: Back from meeting mode
   * opens the meeting there (presenter_back_cb ()) */
  lw_presenter_set_meeting (self->presenter, self->store, meeting->id);
  show_presenter (self);
  update_meeting_id (self);
  lw_trim_memory_later ();

  return TRUE;
}

void
lw_meetings_page_flush (LwMeetingsPage *self)
{
  g_return_if_fail (LW_IS_MEETINGS_PAGE (self));

  lw_presenter_flush (self->presenter);
}

const char *
lw_meetings_page_get_mode (LwMeetingsPage *self)
{
  g_return_val_if_fail (LW_IS_MEETINGS_PAGE (self), NULL);

  return gtk_stack_get_visible_child_name (self->stack);
}

LwId
lw_meetings_page_get_meeting_id (LwMeetingsPage *self)
{
  g_return_val_if_fail (LW_IS_MEETINGS_PAGE (self), 0);

  return self->meeting_id;
}

GtkWidget *_lw_meetings_page_get_prep (LwMeetingsPage *self) { return GTK_WIDGET (self->prep); }
GtkWidget *_lw_meetings_page_get_presenter (LwMeetingsPage *self) { return GTK_WIDGET (self->presenter); }
GtkListBox *_lw_meetings_page_get_list (LwMeetingsPage *self) { return self->list; }
AdwEntryRow *_lw_meetings_page_get_date_row (LwMeetingsPage *self) { return self->date_row; }
AdwEntryRow *_lw_meetings_page_get_place_row (LwMeetingsPage *self) { return self->place_row; }
GtkLabel *_lw_meetings_page_get_new_error (LwMeetingsPage *self) { return self->new_error; }
GtkLabel *_lw_meetings_page_get_banner (LwMeetingsPage *self) { return self->banner_label; }
