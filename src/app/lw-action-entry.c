/* lw-action-entry.c: the inline action-item entry of meeting mode
 *
 * No dialog: the entry opens in the page, Enter saves one action item in one
 * transaction, Escape closes it.  The owner is a workgroup member picked by
 * typing; attendees of the meeting come first.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lw-action-entry"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "lw/lw-agenda.h"
#include "lw/lw-i18n.h"
#include "lw/lw-model.h"

#include "lw-action-entry.h"

#define MAX_MATCHES 5

typedef struct
{
  LwId  id;
  char *name;
  char *detail;
} Candidate;

struct _LwActionEntry
{
  GtkBox        parent_instance;

  /* template widgets */
  GtkEntry     *text_entry;
  GtkEntry     *owner_entry;
  GtkEntry     *due_entry;
  GtkLabel     *due_preview;
  GtkListBox   *owner_matches;
  GtkLabel     *error_label;
  GtkButton    *concerns_button;
  GtkLabel     *concerns_label;

  /* borrowed references */
  LwStore      *store;

  /* owned references */
  LwMeeting    *meeting;
  GArray       *candidates;   /* Candidate: attendees first, then everyone */

  LwId          agenda_item_id;
  LwId          owner_id;     /* picked; 0 until then */
  LwConcerns    concerns;     /* what the text concerns, Alt+T cycles it */
  char         *confirmed_due; /* a far date the user confirmed with a second Enter */
  guint         setting_owner : 1;
};

G_DEFINE_FINAL_TYPE (LwActionEntry, lw_action_entry, GTK_TYPE_BOX)

enum
{
  SAVED,
  CANCELLED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
candidate_clear (gpointer data)
{
  Candidate *c = data;

  g_free (c->name);
  g_free (c->detail);
}

static void
show_error (LwActionEntry *self,
            const char    *message,
            GtkWidget     *focus)
{
  gtk_label_set_text (self->error_label, message);
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
  if (focus != NULL)
    gtk_widget_grab_focus (focus);
}

static void
list_box_clear (GtkListBox *box)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (box))) != NULL)
    gtk_list_box_remove (box, child);
}

static void
load_candidates (LwActionEntry *self)
{
  g_autoptr(GPtrArray) attendance = NULL;
  g_autoptr(GPtrArray) persons = NULL;
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);

  g_array_set_size (self->candidates, 0);
  if (self->store == NULL || self->meeting == NULL)
    return;

  attendance = lw_agenda_list_attendance (self->store, self->meeting->id, NULL);
  persons = lw_store_list (self->store, &lw_person_table, NULL, 0, NULL);
  if (persons == NULL)
    return;

  for (int pass = 0; pass < 2; pass++)
    for (guint i = 0; i < persons->len; i++)
      {
        LwPerson *person = g_ptr_array_index (persons, i);
        gboolean attending = FALSE;
        Candidate c;

        for (guint j = 0; attendance != NULL && j < attendance->len; j++)
          {
            LwAttendance *att = g_ptr_array_index (attendance, j);

            if (att->person_id == person->id && !att->absent)
              attending = TRUE;
          }
        if ((pass == 0) != attending || g_hash_table_contains (seen, &person->id))
          continue;
        if (!person->active && !attending)
          continue;

        g_hash_table_add (seen, g_memdup2 (&person->id, sizeof (gint64)));
        c.id = person->id;
        c.name = g_strdup (person->name);
        c.detail = g_strdup_printf ("%s%s%s", lw_role_to_label (person->role),
                                    attending ? " · " : "", attending ? _("at this meeting") : "");
        g_array_append_val (self->candidates, c);
      }
}

static gboolean
candidate_matches (const Candidate *c,
                   const char      *needle)
{
  g_autofree char *hay = g_utf8_casefold (c->name ? c->name : "", -1);

  return strstr (hay, needle) != NULL;
}

static void
owner_changed_cb (LwActionEntry *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->owner_entry));
  g_autofree char *needle = NULL;
  guint n = 0;

  if (self->setting_owner)
    return;

  self->owner_id = 0;
  list_box_clear (self->owner_matches);
  gtk_widget_set_visible (GTK_WIDGET (self->owner_matches), FALSE);
  if (*text == '\0')
    return;

  needle = g_utf8_casefold (text, -1);
  for (guint i = 0; i < self->candidates->len && n < MAX_MATCHES; i++)
    {
      Candidate *c = &g_array_index (self->candidates, Candidate, i);
      GtkWidget *row;

      if (!candidate_matches (c, needle))
        continue;

      row = adw_action_row_new ();
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), c->name);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), c->detail);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      g_object_set_data (G_OBJECT (row), "lw-candidate", GUINT_TO_POINTER (i + 1));
      gtk_list_box_append (self->owner_matches, row);
      n++;
    }

  gtk_widget_set_visible (GTK_WIDGET (self->owner_matches), n > 0);
}

static void
pick_candidate (LwActionEntry *self,
                guint          index)
{
  Candidate *c = &g_array_index (self->candidates, Candidate, index);

  self->setting_owner = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (self->owner_entry), c->name);
  gtk_editable_set_position (GTK_EDITABLE (self->owner_entry), -1);
  self->setting_owner = FALSE;
  self->owner_id = c->id;
  list_box_clear (self->owner_matches);
  gtk_widget_set_visible (GTK_WIDGET (self->owner_matches), FALSE);
}

static void
owner_row_activated_cb (LwActionEntry *self,
                        GtkListBoxRow *row)
{
  guint index = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (row), "lw-candidate"));

  if (index == 0)
    return;

  pick_candidate (self, index - 1);
  gtk_widget_grab_focus (GTK_WIDGET (self->due_entry));
}

/* The owner typed: the picked one, else the only or the first match. */
static void
resolve_owner (LwActionEntry *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->owner_entry));
  g_autofree char *needle = NULL;

  if (self->owner_id != 0 || *text == '\0')
    return;

  needle = g_utf8_casefold (text, -1);
  for (guint i = 0; i < self->candidates->len; i++)
    if (candidate_matches (&g_array_index (self->candidates, Candidate, i), needle))
      {
        pick_candidate (self, i);
        return;
      }
}

/* Down from the owner entry goes to the matches, to pick another than the first */
static gboolean
owner_key_pressed_cb (LwActionEntry         *self,
                      guint                  keyval,
                      guint                  keycode,
                      GdkModifierType        state,
                      GtkEventControllerKey *controller)
{
  GtkListBoxRow *first;

  first = gtk_list_box_get_row_at_index (self->owner_matches, 0);
  if (first == NULL || !gtk_widget_get_visible (GTK_WIDGET (self->owner_matches)))
    return GDK_EVENT_PROPAGATE;

  /* Tab takes the first match, as completion does, and moves on */
  if (keyval == GDK_KEY_Tab && (state & (GDK_CONTROL_MASK | GDK_SHIFT_MASK | GDK_ALT_MASK)) == 0)
    {
      owner_row_activated_cb (self, first);
      return GDK_EVENT_STOP;
    }
  if (keyval != GDK_KEY_Down && keyval != GDK_KEY_KP_Down)
    return GDK_EVENT_PROPAGATE;

  gtk_widget_grab_focus (GTK_WIDGET (first));
  return GDK_EVENT_STOP;
}

/* The date typed, resolved ("+7d", "friday", "next meeting"), or NULL with
 * error. */
static char *
resolve_due (LwActionEntry  *self,
             GError        **error)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->due_entry));
  g_autofree char *today = lw_date_today ();
  g_autofree char *next_meeting = NULL;
  char *due = NULL;

  if (text == NULL || *text == '\0' || self->store == NULL || self->meeting == NULL)
    return NULL;
  next_meeting = lw_agenda_next_meeting_date (self->store, self->meeting->date, NULL);
  if (!lw_agenda_parse_due (text, today, next_meeting, &due, error))
    return NULL;
  return due;
}

/* The date of the third meeting after this one: a due date later than that
 * is asked about.  Without three planned, six weeks after this meeting. */
static char *
far_date (LwActionEntry *self)
{
  g_autoptr(GPtrArray) meetings = lw_agenda_list_meetings (self->store, NULL);
  guint later = 0;

  for (guint i = 0; meetings != NULL && i < meetings->len; i++)
    {
      const LwMeeting *m = g_ptr_array_index (meetings, i);

      if (g_strcmp0 (m->date, self->meeting->date) > 0 && ++later == 3)
        return g_strdup (m->date);
    }
  return lw_date_add_days (self->meeting->date, 42);
}

/* What the typed due date resolves to, shown before saving. */
static void
due_changed_cb (LwActionEntry *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *due = NULL;
  g_autofree char *words = NULL;
  g_autofree char *text = NULL;
  const char *typed = gtk_editable_get_text (GTK_EDITABLE (self->due_entry));

  g_clear_pointer (&self->confirmed_due, g_free);
  if (typed == NULL || *typed == '\0')
    {
      gtk_label_set_text (self->due_preview, "");
      return;
    }
  due = resolve_due (self, &error);
  if (due == NULL)
    {
      gtk_label_set_text (self->due_preview, _("Not a date yet"));
      return;
    }
  words = lw_i18n_format_date (due);
  /* Translators: under the due-date entry, what it resolves to */
  text = g_strdup_printf (_("Due %s"), words);
  gtk_label_set_text (self->due_preview, text);
}

static void
owner_activate_cb (LwActionEntry *self)
{
  resolve_owner (self);
  lw_action_entry_save (self);
}

static void
activate_cb (LwActionEntry *self)
{
  lw_action_entry_save (self);
}

gboolean
lw_action_entry_save (LwActionEntry *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LwActionItem) action = NULL;
  g_autofree char *text = NULL;
  g_autofree char *due = NULL;
  g_autofree char *today = NULL;
  const char *due_text;

  g_return_val_if_fail (LW_IS_ACTION_ENTRY (self), FALSE);

  if (self->store == NULL || self->meeting == NULL)
    return FALSE;

  text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->text_entry))));
  if (*text == '\0')
    {
      show_error (self, _("Say what will be done first."), GTK_WIDGET (self->text_entry));
      return FALSE;
    }

  resolve_owner (self);
  if (self->owner_id == 0)
    {
      show_error (self,
                  *gtk_editable_get_text (GTK_EDITABLE (self->owner_entry)) == '\0'
                  ? _("Every action item needs an owner: type part of a name.")
                  : _("Nobody by that name: type part of a workgroup member’s name and pick them."),
                  GTK_WIDGET (self->owner_entry));
      return FALSE;
    }

  due_text = gtk_editable_get_text (GTK_EDITABLE (self->due_entry));
  if (due_text != NULL && *due_text != '\0')
    {
      g_autofree char *far = NULL;

      today = lw_date_today ();
      due = resolve_due (self, &error);
      if (due == NULL)
        {
          show_error (self, error->message, GTK_WIDGET (self->due_entry));
          return FALSE;
        }
      /* an action item already overdue helps nobody */
      if (strcmp (due, today) < 0)
        {
          g_autofree char *words = lw_i18n_format_date (due);
          g_autofree char *message = g_strdup_printf (_("%s has passed: give today or a later date."), words);

          show_error (self, message, GTK_WIDGET (self->due_entry));
          return FALSE;
        }
      /* beyond the next three meetings: asked once, Enter again keeps it */
      far = far_date (self);
      if (far != NULL && strcmp (due, far) > 0 && g_strcmp0 (self->confirmed_due, due) != 0)
        {
          g_autofree char *words = lw_i18n_format_date (due);
          g_autofree char *message =
            g_strdup_printf (_("%s is after the next three meetings. Press Enter again to keep it, or give an earlier date."),
                             words);

          g_free (self->confirmed_due);
          self->confirmed_due = g_strdup (due);
          show_error (self, message, GTK_WIDGET (self->due_entry));
          return FALSE;
        }
    }

  action = lw_agenda_add_marked_action (self->store, self->meeting->id, self->agenda_item_id, 0,
                                        self->owner_id, text, due, self->concerns, &error);
  if (action == NULL)
    {
      show_error (self, error->message, NULL);
      return FALSE;
    }

  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
  g_signal_emit (self, signals[SAVED], 0, (gint64) action->id);
  lw_action_entry_start (self);

  return TRUE;
}

void
lw_action_entry_cancel (LwActionEntry *self)
{
  g_return_if_fail (LW_IS_ACTION_ENTRY (self));

  g_signal_emit (self, signals[CANCELLED], 0);
}

static void
lw_action_entry_dispose (GObject *object)
{
  LwActionEntry *self = LW_ACTION_ENTRY (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), LW_TYPE_ACTION_ENTRY);
  self->store = NULL;
  g_clear_pointer (&self->meeting, lw_record_free);

  G_OBJECT_CLASS (lw_action_entry_parent_class)->dispose (object);
}

static void
lw_action_entry_finalize (GObject *object)
{
  LwActionEntry *self = LW_ACTION_ENTRY (object);

  g_array_unref (self->candidates);
  g_free (self->confirmed_due);

  G_OBJECT_CLASS (lw_action_entry_parent_class)->finalize (object);
}

static void
update_concerns (LwActionEntry *self)
{
  g_autofree char *label = NULL;
  g_autofree char *accessible = NULL;

  /* said in words: who may see the item follows from it */
  switch (self->concerns)
    {
    case LW_CONCERNS_HEALTH:
      label = g_strdup (_("Concerns health: seen only where health may be seen"));
      break;
    case LW_CONCERNS_TREATMENT:
      label = g_strdup (_("Concerns substance-use treatment: seen only where 42 CFR Part 2 allows"));
      break;
    case LW_CONCERNS_NONE:
    default:
      label = g_strdup (_("Concerns nothing sensitive: seen as the plan"));
      break;
    }
  gtk_label_set_text (self->concerns_label, label);
  accessible = g_strdup_printf (_("What this action item concerns: %s. Alt+T changes it."), label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->concerns_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
}

void
lw_action_entry_set_concerns (LwActionEntry *self,
                              LwConcerns     concerns)
{
  g_return_if_fail (LW_IS_ACTION_ENTRY (self));
  g_return_if_fail ((int) concerns >= 0 && concerns < LW_N_CONCERNS);

  self->concerns = concerns;
  update_concerns (self);
}

LwConcerns
lw_action_entry_get_concerns (LwActionEntry *self)
{
  g_return_val_if_fail (LW_IS_ACTION_ENTRY (self), LW_CONCERNS_NONE);

  return self->concerns;
}

static void
concerns_clicked_cb (LwActionEntry *self)
{
  lw_action_entry_set_concerns (self, (self->concerns + 1) % LW_N_CONCERNS);
}

static void
cycle_concerns_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  concerns_clicked_cb (LW_ACTION_ENTRY (widget));
}

static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  lw_action_entry_cancel (LW_ACTION_ENTRY (widget));
}

static void
lw_action_entry_class_init (LwActionEntryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lw_action_entry_dispose;
  object_class->finalize = lw_action_entry_finalize;

  signals[SAVED] = g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                 0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);
  signals[CANCELLED] = g_signal_new ("cancelled", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                     0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/leadworkgroup/Workgroup/lw-action-entry.ui");
  gtk_widget_class_bind_template_child (widget_class, LwActionEntry, text_entry);
  gtk_widget_class_bind_template_child (widget_class, LwActionEntry, owner_entry);
  gtk_widget_class_bind_template_child (widget_class, LwActionEntry, due_entry);
  gtk_widget_class_bind_template_child (widget_class, LwActionEntry, due_preview);
  gtk_widget_class_bind_template_callback (widget_class, due_changed_cb);
  gtk_widget_class_bind_template_child (widget_class, LwActionEntry, owner_matches);
  gtk_widget_class_bind_template_child (widget_class, LwActionEntry, error_label);
  gtk_widget_class_bind_template_child (widget_class, LwActionEntry, concerns_button);
  gtk_widget_class_bind_template_child (widget_class, LwActionEntry, concerns_label);
  gtk_widget_class_bind_template_callback (widget_class, concerns_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, owner_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, owner_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, owner_row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, lw_action_entry_cancel);

  gtk_widget_class_install_action (widget_class, "action-entry.cancel", NULL, cancel_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "action-entry.cancel", NULL);
  gtk_widget_class_install_action (widget_class, "action-entry.cycle-concerns", NULL, cycle_concerns_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_t, GDK_ALT_MASK, "action-entry.cycle-concerns", NULL);
}

static void
lw_action_entry_init (LwActionEntry *self)
{
  GtkEventController *keys;

  self->candidates = g_array_new (FALSE, TRUE, sizeof (Candidate));
  g_array_set_clear_func (self->candidates, candidate_clear);

  gtk_widget_init_template (GTK_WIDGET (self));
  update_concerns (self);

  /* capture: the text inside the entry would take Down for itself */
  keys = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect_object (keys, "key-pressed", G_CALLBACK (owner_key_pressed_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self->owner_entry), keys);
}

GtkWidget *
lw_action_entry_new (void)
{
  return g_object_new (LW_TYPE_ACTION_ENTRY, NULL);
}

void
lw_action_entry_set_context (LwActionEntry   *self,
                             LwStore         *store,
                             const LwMeeting *meeting,
                             LwId             agenda_item_id)
{
  g_return_if_fail (LW_IS_ACTION_ENTRY (self));

  self->store = store;
  g_clear_pointer (&self->meeting, lw_record_free);
  self->meeting = meeting ? lw_record_copy (meeting) : NULL;
  self->agenda_item_id = agenda_item_id;
  load_candidates (self);
}

void
lw_action_entry_start (LwActionEntry *self)
{
  g_return_if_fail (LW_IS_ACTION_ENTRY (self));

  load_candidates (self);
  gtk_editable_set_text (GTK_EDITABLE (self->text_entry), "");
  gtk_editable_set_text (GTK_EDITABLE (self->owner_entry), "");
  gtk_editable_set_text (GTK_EDITABLE (self->due_entry), "");
  self->owner_id = 0;
  lw_action_entry_set_concerns (self, LW_CONCERNS_NONE);
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
  gtk_widget_grab_focus (GTK_WIDGET (self->text_entry));
}

GtkEditable *_lw_action_entry_get_text (LwActionEntry *self) { return GTK_EDITABLE (self->text_entry); }
GtkEditable *_lw_action_entry_get_owner (LwActionEntry *self) { return GTK_EDITABLE (self->owner_entry); }
GtkEditable *_lw_action_entry_get_due (LwActionEntry *self) { return GTK_EDITABLE (self->due_entry); }
GtkLabel *_lw_action_entry_get_error (LwActionEntry *self) { return self->error_label; }
GtkLabel *_lw_action_entry_get_due_preview (LwActionEntry *self) { return self->due_preview; }
