/* lw-attendees.c: who is at a meeting
 *
 * Every button is one call into the agenda module, so each change is one
 * transaction and saved at once.  Names and roles of workgroup members are not
 * sensitive; nothing of a participant is shown here.
 *
 * The room's audience and the counts are read at every reload; the rows are
 * made only while the list is in view.  In meeting mode the list sits in a
 * flap that a laptop's screen folds away, and a folded flap is still styled,
 * measured and allocated at every layout: its rows (about 270 widgets for a
 * meeting of 15) were a third of the instructions from opening meeting mode
 * to its first frame.  Out of view, the rows wait for the list to be shown
 * (lw_attendees_set_shown (), and mapped), and are made in an idle: not in
 * the middle of a layout, and not in the first frame of a page just shown,
 * where the flap folds them away again.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lw-attendees"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "lw/lw-agenda.h"
#include "lw/lw-model.h"

#include "lw-attendees.h"
#include "lw-format.h"
#include "lw-focus.h"
#include "lw-idle.h"
#include "lw-toast.h"
#include "lw-text-row.h"
#include "lw-tooltip.h"

#define MAX_MATCHES 6

struct _LwAttendees
{
  GtkBox        parent_instance;

  /* template widgets */
  GtkLabel     *counts_label;
  GtkListBox   *list;
  GtkSearchEntry *invite_entry;
  GtkListBox   *matches;
  GtkEntry     *guest_name;
  GtkEntry     *guest_agency;
  GtkDropDown  *guest_role;
  GtkLabel     *guest_error;

  /* borrowed references */
  LwStore      *store;

  LwId          meeting_id;
  guint32       room_roles;

  gboolean      shown;        /* not in a flap folded away */
  gboolean      rows_stale;   /* reloaded out of view: rows to make */
  guint         rows_source;
};

G_DEFINE_FINAL_TYPE (LwAttendees, lw_attendees, GTK_TYPE_BOX)

enum
{
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
lw_attendees_changed (LwAttendees *self)
{
  lw_attendees_reload (self);
  g_signal_emit (self, signals[CHANGED], 0);
}

static LwId
row_attendance_id (GtkWidget *button)
{
  return (LwId) GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (button), "lw-attendance-id"));
}

typedef struct
{
  GWeakRef attendees;
  LwId     attendance_id;
  gboolean was_absent;
} CheckInUndo;

static void
check_in_undo_free (gpointer data)
{
  CheckInUndo *undo = data;

  g_weak_ref_clear (&undo->attendees);
  g_free (undo);
}

static void
undo_check_in_cb (AdwToast    *toast,
                  CheckInUndo *undo)
{
  g_autoptr(LwAttendees) self = g_weak_ref_get (&undo->attendees);
  g_autoptr(GError) error = NULL;

  if (self == NULL || self->store == NULL || !lw_store_is_unlocked (self->store))
    return;
  if (!lw_agenda_undo_check_in (self->store, undo->attendance_id, undo->was_absent, &error))
    lw_toast_show_error (GTK_WIDGET (self), error);
  lw_attendees_changed (self);
}

static void
check_in_cb (LwAttendees *self,
             GtkButton   *button)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LwAttendance) before = NULL;
  g_autofree char *name = NULL;
  g_autofree char *title = NULL;
  CheckInUndo *undo;
  LwId id = row_attendance_id (GTK_WIDGET (button));

  before = lw_store_get (self->store, &lw_attendance_table, id, &error);
  if (before == NULL || !lw_agenda_check_in (self->store, id, &error))
    {
      lw_toast_show_error (GTK_WIDGET (self), error);
      lw_attendees_changed (self);
      return;
    }
  /* the toast names who, and takes it back */
  name = lw_format_attendee_name (self->store, before);
  title = g_strdup_printf (_("Checked in %s"), name);
  undo = g_new0 (CheckInUndo, 1);
  g_weak_ref_init (&undo->attendees, self);
  undo->attendance_id = id;
  undo->was_absent = before->absent;
  lw_toast_show_undo (GTK_WIDGET (self), title, G_CALLBACK (undo_check_in_cb), undo, check_in_undo_free);
  lw_attendees_changed (self);
}

static void
acknowledge_cb (LwAttendees *self,
                GtkButton   *button)
{
  g_autoptr(GError) error = NULL;

  if (!lw_agenda_acknowledge_confidentiality (self->store, row_attendance_id (GTK_WIDGET (button)), &error))
    lw_toast_show_error (GTK_WIDGET (self), error);
  lw_attendees_changed (self);
}

static void
absent_cb (LwAttendees *self,
           GtkButton   *button)
{
  g_autoptr(GError) error = NULL;
  gboolean absent = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (button), "lw-absent"));

  if (!lw_agenda_set_absent (self->store, row_attendance_id (GTK_WIDGET (button)), !absent, &error))
    lw_toast_show_error (GTK_WIDGET (self), error);
  lw_attendees_changed (self);
}

static void
name_button (GtkWidget  *button,
             const char *label,
             const char *name)
{
  g_autofree char *accessible = g_strdup_printf ("%s: %s", label, name);

  /* the row's buttons repeat: say whose they are */
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
}

/* Shows an attendance row's state.  The row keeps its buttons and its place;
 * only what changed changes, so nothing under the pointer moves. */
static void
attendance_row_update (LwAttendees        *self,
                       GtkWidget          *row,
                       const LwAttendance *att)
{
  g_autofree char *name = lw_format_attendee_name (self->store, att);
  g_autofree char *checked = lw_format_time (att->checked_in_at);
  g_autofree char *ack = lw_format_time (att->confidentiality_at);
  g_autoptr(GString) state = g_string_new (lw_role_to_label (att->role));
  GtkWidget *check_in = g_object_get_data (G_OBJECT (row), "lw-check-in");
  GtkWidget *acknowledge = g_object_get_data (G_OBJECT (row), "lw-acknowledge");
  GtkWidget *absent = g_object_get_data (G_OBJECT (row), "lw-absent-button");
  gboolean can_check_in = att->checked_in_at == 0 || att->absent;

  if (att->absent)
    g_string_append_printf (state, " · %s", _("Absent"));
  else if (att->checked_in_at != 0)
    g_string_append_printf (state, " · %s %s", _("Checked in"), checked);
  else
    g_string_append_printf (state, " · %s", _("Invited"));
  if (att->confidentiality_at != 0)
    g_string_append_printf (state, " · %s %s", _("confidentiality acknowledged"), ack);
  else
    g_string_append_printf (state, " · %s", _("confidentiality pending"));

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), name);
  lw_text_row_set_subtitle (LW_TEXT_ROW (row), state->str);
  if (att->absent)
    gtk_widget_add_css_class (row, "lw-absent");
  else
    gtk_widget_remove_css_class (row, "lw-absent");

  /* checked in: the button stays, insensitive, so the row keeps its size */
  gtk_button_set_label (GTK_BUTTON (check_in), can_check_in ? _("Check In") : _("Checked In"));
  gtk_widget_set_sensitive (check_in, can_check_in);
  name_button (check_in, can_check_in ? _("Check In") : _("Checked In"), name);
  gtk_widget_set_sensitive (acknowledge, att->confidentiality_at == 0);
  lw_tooltip_set_text (acknowledge, att->confidentiality_at == 0
                       ? _("Record the confidentiality acknowledgement")
                       : _("Confidentiality acknowledged"));
  name_button (acknowledge, att->confidentiality_at == 0
               ? _("Record the confidentiality acknowledgement") : _("Confidentiality acknowledged"), name);
  gtk_button_set_icon_name (GTK_BUTTON (absent), att->absent ? "edit-undo-symbolic" : "action-unavailable-symbolic");
  lw_tooltip_set_text (absent, att->absent ? _("Not absent after all") : _("Mark absent"));
  name_button (absent, att->absent ? _("Not absent after all") : _("Mark absent"), name);
  g_object_set_data (G_OBJECT (absent), "lw-absent", GINT_TO_POINTER (att->absent));
  g_object_set_data (G_OBJECT (row), "lw-attendance-id", GSIZE_TO_POINTER ((gsize) att->id));
}

static GtkWidget *
row_button (LwAttendees *self,
            const char  *label,
            const char  *icon,
            LwId         attendance_id,
            GCallback    callback)
{
  GtkWidget *button = icon ? gtk_button_new_from_icon_name (icon) : gtk_button_new_with_label (label);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  g_object_set_data (G_OBJECT (button), "lw-attendance-id", GSIZE_TO_POINTER ((gsize) attendance_id));
  g_signal_connect_object (button, "clicked", callback, self, G_CONNECT_SWAPPED);

  return button;
}

static GtkWidget *
attendance_row (LwAttendees        *self,
                const LwAttendance *att)
{
  /* its texts wrap by arithmetic (lw-text-row.h) */
  GtkWidget *row = lw_text_row_new ();
  GtkWidget *button;

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  gtk_widget_add_css_class (row, "lw-attendee");

  button = row_button (self, _("Check In"), NULL, att->id, G_CALLBACK (check_in_cb));
  gtk_widget_add_css_class (button, "lw-check-in");
  lw_text_row_add_suffix (LW_TEXT_ROW (row), button);
  g_object_set_data (G_OBJECT (row), "lw-check-in", button);
  button = row_button (self, NULL, "security-high-symbolic", att->id, G_CALLBACK (acknowledge_cb));
  gtk_widget_add_css_class (button, "lw-acknowledge");
  lw_text_row_add_suffix (LW_TEXT_ROW (row), button);
  g_object_set_data (G_OBJECT (row), "lw-acknowledge", button);
  button = row_button (self, NULL, "action-unavailable-symbolic", att->id, G_CALLBACK (absent_cb));
  gtk_widget_add_css_class (button, "flat");
  lw_text_row_add_suffix (LW_TEXT_ROW (row), button);
  g_object_set_data (G_OBJECT (row), "lw-absent-button", button);

  attendance_row_update (self, row, att);
  return row;
}

static void
list_box_clear (GtkListBox *box)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (box))) != NULL)
    gtk_list_box_remove (box, child);
}

static gboolean
in_view (LwAttendees *self)
{
  return self->shown && gtk_widget_get_mapped (GTK_WIDGET (self));
}

static gboolean
rows_cb (gpointer data)
{
  LwAttendees *self = data;

  self->rows_source = 0;
  if (self->rows_stale && in_view (self))
    lw_attendees_reload (self);
  return G_SOURCE_REMOVE;
}

/* The rows made in an idle of priority, if they wait and are in view; an
 * idle waiting already runs at the higher of both. */
static void
queue_rows (LwAttendees *self,
            int          priority)
{
  if (!self->rows_stale || !in_view (self))
    return;
  if (self->rows_source != 0)
    {
      if (g_source_get_priority (g_main_context_find_source_by_id (NULL, self->rows_source)) <= priority)
        return;
      g_clear_handle_id (&self->rows_source, g_source_remove);
    }
  self->rows_source = g_idle_add_full (priority, rows_cb, self, NULL);
  g_source_set_name_by_id (self->rows_source, "[lw] attendees' rows");
}

void
lw_attendees_reload (LwAttendees *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  guint n_in = 0, n_ack = 0, n_absent = 0;
  g_autofree char *counts = NULL;

  g_return_if_fail (LW_IS_ATTENDEES (self));

  if (self->store == NULL || self->meeting_id == 0)
    {
      list_box_clear (self->list);
      return;
    }

  rows = lw_agenda_list_attendance (self->store, self->meeting_id, &error);
  if (rows == NULL)
    {
      list_box_clear (self->list);
      lw_toast_show_error (GTK_WIDGET (self), error);
      return;
    }

  /* out of view: the rows of before go, and the new ones wait */
  if (!in_view (self))
    {
      list_box_clear (self->list);
      self->rows_stale = TRUE;
      goto counted;
    }
  self->rows_stale = FALSE;
  g_clear_handle_id (&self->rows_source, g_source_remove);

  /* the same people: every row stays where it is and is updated */
  {
    gboolean same = rows->len > 0;
    guint i = 0;

    for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->list)); child != NULL;
         child = gtk_widget_get_next_sibling (child), i++)
      if (i >= rows->len || !LW_IS_TEXT_ROW (child) ||
          (LwId) GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (child), "lw-attendance-id"))
          != ((LwAttendance *) g_ptr_array_index (rows, i))->id)
        same = FALSE;
    same &= i == rows->len;
    if (!same)
      list_box_clear (self->list);
    i = 0;
    for (GtkWidget *child = same ? gtk_widget_get_first_child (GTK_WIDGET (self->list)) : NULL; child != NULL;
         child = gtk_widget_get_next_sibling (child), i++)
      attendance_row_update (self, child, g_ptr_array_index (rows, i));
    if (same)
      goto counted;
  }

  for (guint i = 0; i < rows->len; i++)
    {
      LwAttendance *att = g_ptr_array_index (rows, i);

      gtk_list_box_append (self->list, attendance_row (self, att));
    }

counted:
  for (guint i = 0; i < rows->len; i++)
    {
      LwAttendance *att = g_ptr_array_index (rows, i);

      n_in += att->checked_in_at != 0 && !att->absent;
      n_ack += att->confidentiality_at != 0;
      n_absent += att->absent;
    }

  if (rows->len == 0 && !self->rows_stale)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Nobody invited yet"));
      gtk_list_box_append (self->list, row);
    }

  /* Translators: counts of attendees */
  counts = g_strdup_printf (_("%u on the list · %u checked in · %u acknowledged · %u absent"),
                            rows->len, n_in, n_ack, n_absent);
  gtk_label_set_text (self->counts_label, counts);

  self->room_roles = lw_agenda_room_roles (self->store, self->meeting_id, NULL);
}

/* Inviting */

static void
invite_person (LwAttendees *self,
               LwId         person_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LwAttendance) att = lw_agenda_invite (self->store, self->meeting_id, person_id, &error);

  if (att == NULL)
    {
      lw_toast_show_error (GTK_WIDGET (self), error);
      return;
    }

  gtk_editable_set_text (GTK_EDITABLE (self->invite_entry), "");
  lw_attendees_changed (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->invite_entry));
}

static void
match_activated_cb (LwAttendees   *self,
                    GtkListBoxRow *row)
{
  invite_person (self, (LwId) GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (row), "lw-person-id")));
}

static gboolean
person_matches (const LwPerson *person,
                const char     *needle)
{
  g_autofree char *hay = g_utf8_casefold (person->name ? person->name : "", -1);
  g_autofree char *agency = g_utf8_casefold (person->agency ? person->agency : "", -1);
  g_autofree char *role = g_utf8_casefold (lw_role_to_label (person->role), -1);

  return strstr (hay, needle) != NULL || strstr (agency, needle) != NULL ||
         strstr (role, needle) != NULL;
}

static void
invite_changed_cb (LwAttendees *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->invite_entry));
  g_autofree char *needle = NULL;
  g_autoptr(GPtrArray) persons = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GHashTable) on_list = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  guint n = 0;

  list_box_clear (self->matches);
  gtk_widget_set_visible (GTK_WIDGET (self->matches), FALSE);
  if (self->store == NULL || text == NULL || *text == '\0')
    return;

  needle = g_utf8_casefold (text, -1);
  persons = lw_store_list (self->store, &lw_person_table, NULL, 0, NULL);
  rows = lw_agenda_list_attendance (self->store, self->meeting_id, NULL);
  if (persons == NULL)
    return;
  for (guint i = 0; rows != NULL && i < rows->len; i++)
    {
      LwAttendance *att = g_ptr_array_index (rows, i);

      if (att->person_id != 0)
        g_hash_table_add (on_list, g_memdup2 (&att->person_id, sizeof (gint64)));
    }

  for (guint i = 0; i < persons->len && n < MAX_MATCHES; i++)
    {
      LwPerson *person = g_ptr_array_index (persons, i);
      g_autofree char *subtitle = NULL;
      GtkWidget *row;

      if (!person->active || g_hash_table_contains (on_list, &person->id) ||
          !person_matches (person, needle))
        continue;

      subtitle = g_strdup_printf ("%s · %s", lw_role_to_label (person->role),
                                  person->agency ? person->agency : "");
      row = adw_action_row_new ();
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), person->name);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      g_object_set_data (G_OBJECT (row), "lw-person-id", GSIZE_TO_POINTER ((gsize) person->id));
      gtk_list_box_append (self->matches, row);
      n++;
    }

  gtk_widget_set_visible (GTK_WIDGET (self->matches), n > 0);
}

static void
invite_activate_cb (LwAttendees *self)
{
  GtkListBoxRow *first = gtk_list_box_get_row_at_index (self->matches, 0);

  /* Enter invites the first match */
  if (first != NULL && gtk_widget_get_visible (GTK_WIDGET (self->matches)))
    match_activated_cb (self, first);
}

/* Guests */

static void
add_guest_cb (LwAttendees *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LwAttendance) att = NULL;
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->guest_name))));
  const char *agency = gtk_editable_get_text (GTK_EDITABLE (self->guest_agency));
  guint role = gtk_drop_down_get_selected (self->guest_role);

  if (*name == '\0')
    {
      gtk_label_set_text (self->guest_error, _("Type the guest’s name first."));
      gtk_widget_set_visible (GTK_WIDGET (self->guest_error), TRUE);
      gtk_widget_grab_focus (GTK_WIDGET (self->guest_name));
      return;
    }
  if (role >= LW_N_ROLES)
    role = LW_ROLE_EVALUATOR;

  att = lw_agenda_add_guest (self->store, self->meeting_id, name,
                             *agency ? agency : NULL, (LwRole) role, &error);
  if (att == NULL)
    {
      gtk_label_set_text (self->guest_error, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->guest_error), TRUE);
      return;
    }

  gtk_widget_set_visible (GTK_WIDGET (self->guest_error), FALSE);
  gtk_editable_set_text (GTK_EDITABLE (self->guest_name), "");
  gtk_editable_set_text (GTK_EDITABLE (self->guest_agency), "");
  lw_attendees_changed (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->guest_name));
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

/* newly in view: the page's first frame first, where a flap may fold */
static void
lw_attendees_map (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (lw_attendees_parent_class)->map (widget);
  queue_rows (LW_ATTENDEES (widget), LW_PRIORITY_FILL);
}

static void
lw_attendees_unmap (GtkWidget *widget)
{
  LwAttendees *self = LW_ATTENDEES (widget);

  g_clear_handle_id (&self->rows_source, g_source_remove);
  GTK_WIDGET_CLASS (lw_attendees_parent_class)->unmap (widget);
}

static void
lw_attendees_dispose (GObject *object)
{
  LwAttendees *self = LW_ATTENDEES (object);

  g_clear_handle_id (&self->rows_source, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), LW_TYPE_ATTENDEES);
  self->store = NULL;

  G_OBJECT_CLASS (lw_attendees_parent_class)->dispose (object);
}

static void
lw_attendees_class_init (LwAttendeesClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lw_attendees_dispose;
  widget_class->map = lw_attendees_map;
  widget_class->unmap = lw_attendees_unmap;

  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/leadworkgroup/Workgroup/lw-attendees.ui");
  gtk_widget_class_bind_template_child (widget_class, LwAttendees, counts_label);
  gtk_widget_class_bind_template_child (widget_class, LwAttendees, list);
  gtk_widget_class_bind_template_child (widget_class, LwAttendees, invite_entry);
  gtk_widget_class_bind_template_child (widget_class, LwAttendees, matches);
  gtk_widget_class_bind_template_child (widget_class, LwAttendees, guest_name);
  gtk_widget_class_bind_template_child (widget_class, LwAttendees, guest_agency);
  gtk_widget_class_bind_template_child (widget_class, LwAttendees, guest_role);
  gtk_widget_class_bind_template_child (widget_class, LwAttendees, guest_error);
  gtk_widget_class_bind_template_callback (widget_class, invite_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, invite_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, add_guest_cb);
}

static void
lw_attendees_init (LwAttendees *self)
{
  g_autoptr(GtkStringList) roles = gtk_string_list_new (NULL);

  gtk_widget_init_template (GTK_WIDGET (self));
  self->shown = TRUE;

  for (int role = 0; role < LW_N_ROLES; role++)
    gtk_string_list_append (roles, lw_role_to_label (role));
  gtk_drop_down_set_model (self->guest_role, G_LIST_MODEL (roles));
  /* the most restrictive role until someone picks another */
  gtk_drop_down_set_selected (self->guest_role, LW_ROLE_COMMUNITY_REPRESENTATIVE);
  name_drop_down (GTK_WIDGET (self->guest_role), _("Role of the guest"));

  lw_focus_tab_leaves_list (GTK_WIDGET (self->list));
  g_signal_connect_object (self->matches, "row-activated",
                           G_CALLBACK (match_activated_cb), self, G_CONNECT_SWAPPED);
}

GtkWidget *
lw_attendees_new (void)
{
  return g_object_new (LW_TYPE_ATTENDEES, NULL);
}

void
lw_attendees_set_meeting (LwAttendees *self,
                          LwStore     *store,
                          LwId         meeting_id)
{
  g_return_if_fail (LW_IS_ATTENDEES (self));

  self->store = store;
  self->meeting_id = meeting_id;
  lw_attendees_reload (self);
}

void
lw_attendees_set_shown (LwAttendees *self,
                        gboolean     shown)
{
  g_return_if_fail (LW_IS_ATTENDEES (self));

  self->shown = shown;
  /* shown on purpose (a flap revealed): made before the next frame, the
   * first of the flap's slide */
  queue_rows (self, G_PRIORITY_HIGH_IDLE + 10);
}

guint32
lw_attendees_get_room_roles (LwAttendees *self)
{
  g_return_val_if_fail (LW_IS_ATTENDEES (self), 0);

  return self->room_roles;
}

GtkWidget *
lw_room_audience_label_new (void)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "lw-room-audience");

  return label;
}

void
lw_room_audience_label_set (GtkWidget *label,
                            guint32    roles)
{
  g_autofree char *names = lw_format_roles (roles);
  g_autofree char *text = NULL;

  /* Translators: who the projector is redacted for */
  text = g_strdup_printf (_("The room’s audience: %s"), *names ? names : _("unknown"));
  gtk_label_set_text (GTK_LABEL (label), text);
}

GtkEditable *_lw_attendees_get_invite_entry (LwAttendees *self) { return GTK_EDITABLE (self->invite_entry); }
GtkEditable *_lw_attendees_get_guest_name (LwAttendees *self) { return GTK_EDITABLE (self->guest_name); }
GtkDropDown *_lw_attendees_get_guest_role (LwAttendees *self) { return self->guest_role; }
GtkLabel *_lw_attendees_get_counts_label (LwAttendees *self) { return self->counts_label; }
gboolean _lw_attendees_has_rows (LwAttendees *self) { return gtk_widget_get_first_child (GTK_WIDGET (self->list)) != NULL; }
