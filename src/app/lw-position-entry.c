/* lw-position-entry.c: the inline prosecution-position entry of meeting mode
 *
 * No dialog, as for action items: Ctrl+Shift+Return opens the entry at the current
 * participant; the matter is picked by typing its case number or charge
 * (Enter takes the first match), then the position (a word or its start:
 * "def" is defer), the text, and Enter appends one position in one audited
 * transaction (lw_positions_add()).  The author is the prosecutor in the
 * room unless another name is typed.  What is typed is wiped when the entry
 * closes.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lw-position-entry"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "lw/lw-agenda.h"
#include "lw/lw-edit.h"
#include "lw/lw-error.h"
#include "lw/lw-model.h"
#include "lw/lw-positions.h"

#include "lw-position-entry.h"
#include "lw-presenter.h"
#include "lw-settings.h"
#include "lw-toast.h"
#include "lw-window.h"

#define MAX_MATCHES 5

struct _LwPositionEntry
{
  GtkBox        parent_instance;

  /* template widgets */
  GtkEntry     *matter_entry;
  GtkListBox   *matter_matches;
  GtkEntry     *position_entry;
  GtkEntry     *author_entry;
  GtkEntry     *text_entry;
  GtkLabel     *error_label;

  /* borrowed references */
  LwStore      *store;

  /* owned references */
  GPtrArray    *matches;      /* LwLegalMatter shown under the matter entry */

  LwId          meeting_id;
  LwId          participant_id;
  LwId          matter_id;    /* picked; 0 until then */
  guint         setting_matter : 1;
};

G_DEFINE_FINAL_TYPE (LwPositionEntry, lw_position_entry, GTK_TYPE_BOX)

enum
{
  SAVED,
  CANCELLED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
show_error (LwPositionEntry *self,
            const char      *message,
            GtkWidget       *focus)
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

/* The case number as the row shows it, and what is said under it. */
static char *
matter_detail (const LwLegalMatter *m)
{
  GString *s = g_string_new (NULL);

  if (m->charge)
    g_string_append (s, m->charge);
  if (m->status >= 0)
    g_string_append_printf (s, "%s%s", s->len ? " · " : "", lw_enum_to_label (&lw_matter_status_info, m->status));
  if (m->next_court_date)
    g_string_append_printf (s, "%s%s %s", s->len ? " · " : "", _("court"), m->next_court_date);
  return g_string_free (s, FALSE);
}

static void
matter_changed_cb (LwPositionEntry *self)
{
  g_autoptr(GError) error = NULL;
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->matter_entry));

  if (self->setting_matter)
    return;
  self->matter_id = 0;
  list_box_clear (self->matter_matches);
  g_clear_pointer (&self->matches, g_ptr_array_unref);
  gtk_widget_set_visible (GTK_WIDGET (self->matter_matches), FALSE);
  if (self->store == NULL || self->participant_id == 0 || *text == '\0')
    return;

  self->matches = lw_positions_match_matters (self->store, self->participant_id, text, &error);
  if (self->matches == NULL)
    {
      g_debug ("Cannot match matters: %s", error->message);
      return;
    }
  for (guint i = 0; i < MIN (self->matches->len, MAX_MATCHES); i++)
    {
      const LwLegalMatter *m = g_ptr_array_index (self->matches, i);
      g_autofree char *detail = matter_detail (m);
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), m->case_number ? m->case_number : "");
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), detail);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      g_object_set_data (G_OBJECT (row), "lw-match", GUINT_TO_POINTER (i + 1));
      gtk_list_box_append (self->matter_matches, row);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->matter_matches), self->matches->len > 0);
}

static void
pick_matter (LwPositionEntry *self,
             guint            index)
{
  const LwLegalMatter *m = g_ptr_array_index (self->matches, index);

  self->setting_matter = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (self->matter_entry), m->case_number ? m->case_number : "");
  gtk_editable_set_position (GTK_EDITABLE (self->matter_entry), -1);
  self->setting_matter = FALSE;
  self->matter_id = LW_RECORD (m)->id;
  list_box_clear (self->matter_matches);
  gtk_widget_set_visible (GTK_WIDGET (self->matter_matches), FALSE);
}

/* What was typed: the picked matter, else the first match. */
static gboolean
resolve_matter (LwPositionEntry *self)
{
  if (self->matter_id != 0)
    return TRUE;
  if (self->matches == NULL || self->matches->len == 0)
    return FALSE;
  pick_matter (self, 0);
  return TRUE;
}

static void
matter_row_activated_cb (LwPositionEntry *self,
                         GtkListBoxRow   *row)
{
  guint index = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (row), "lw-match"));

  if (index == 0 || self->matches == NULL || index > self->matches->len)
    return;
  pick_matter (self, index - 1);
  gtk_widget_grab_focus (GTK_WIDGET (self->position_entry));
}

static void
matter_activate_cb (LwPositionEntry *self)
{
  if (!resolve_matter (self))
    {
      show_error (self, _("No legal matter of this participant matches: type part of its case number or charge."),
                  GTK_WIDGET (self->matter_entry));
      return;
    }
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
  gtk_widget_grab_focus (GTK_WIDGET (self->position_entry));
}

/* A position by its name or label, or the start of one that no other
 * shares; -1 when none, -2 when more than one. */
static int
parse_position (const char *text)
{
  g_autofree char *needle = g_utf8_casefold (text, -1);
  int found = -1;

  g_strstrip (needle);
  if (*needle == '\0')
    return -1;
  for (int i = 0; i < lw_position_info.n; i++)
    {
      g_autofree char *name = g_utf8_casefold (lw_position_info.names[i], -1);
      g_autofree char *label = g_utf8_casefold (lw_enum_to_label (&lw_position_info, i), -1);

      if (g_str_equal (name, needle) || g_str_equal (label, needle))
        return i;
      if (g_str_has_prefix (name, needle) || g_str_has_prefix (label, needle))
        {
          if (found >= 0 && found != i)
            return -2;
          found = i;
        }
    }
  return found;
}

static void
position_activate_cb (LwPositionEntry *self)
{
  int position = parse_position (gtk_editable_get_text (GTK_EDITABLE (self->position_entry)));

  if (position < 0)
    {
      show_error (self, position == -2
                        ? _("More than one position starts so: type more of it.")
                        : _("Type a position: hold, decline, dismiss, defer or proceed."),
                  GTK_WIDGET (self->position_entry));
      return;
    }
  gtk_editable_set_text (GTK_EDITABLE (self->position_entry), lw_enum_to_label (&lw_position_info, position));
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
  gtk_widget_grab_focus (GTK_WIDGET (self->text_entry));
}

static void
author_activate_cb (LwPositionEntry *self)
{
  gtk_widget_grab_focus (GTK_WIDGET (self->text_entry));
}

static void
text_activate_cb (LwPositionEntry *self)
{
  lw_position_entry_save (self);
}

static void
save_clicked_cb (LwPositionEntry *self)
{
  lw_position_entry_save (self);
}

/* The author typed: an active prosecutor or public defender whose name is
 * it, or the only one whose name holds it.  0 with *ok for an empty one. */
static LwId
resolve_author (LwPositionEntry *self,
                gboolean        *ok)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->author_entry));
  g_autoptr(GPtrArray) people = NULL;
  g_autofree char *needle = NULL;
  LwId exact = 0, partial = 0;
  guint n_partial = 0;

  *ok = TRUE;
  if (*text == '\0')
    return 0;
  people = lw_edit_list_members (self->store, FALSE, NULL);
  needle = g_utf8_casefold (text, -1);
  for (guint i = 0; people != NULL && i < people->len; i++)
    {
      const LwPerson *p = g_ptr_array_index (people, i);
      g_autofree char *name = g_utf8_casefold (p->name ? p->name : "", -1);

      if (p->role != LW_ROLE_PROSECUTOR && p->role != LW_ROLE_PUBLIC_DEFENDER)
        continue;
      if (g_str_equal (name, needle))
        exact = p->id;
      else if (strstr (name, needle) != NULL)
        {
          partial = p->id;
          n_partial++;
        }
    }
  if (exact != 0)
    return exact;
  if (n_partial == 1)
    return partial;
  *ok = FALSE;
  return 0;
}

gboolean
lw_position_entry_save (LwPositionEntry *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LwProsecutionNote) note = NULL;
  const LwColumnInfo *bad = NULL;
  LwRole role = lw_settings_get_viewer_role ();
  LwId author_id;
  gboolean author_ok;
  int position;
  GtkWidget *focus = NULL;

  g_return_val_if_fail (LW_IS_POSITION_ENTRY (self), FALSE);

  if (self->store == NULL || self->participant_id == 0)
    return FALSE;

  if (!resolve_matter (self))
    {
      show_error (self, _("Pick the legal matter first: type part of its case number or charge."),
                  GTK_WIDGET (self->matter_entry));
      return FALSE;
    }
  position = parse_position (gtk_editable_get_text (GTK_EDITABLE (self->position_entry)));
  if (position < 0)
    {
      show_error (self, position == -2
                        ? _("More than one position starts so: type more of it.")
                        : _("Type a position: hold, decline, dismiss, defer or proceed."),
                  GTK_WIDGET (self->position_entry));
      return FALSE;
    }
  author_id = resolve_author (self, &author_ok);
  if (!author_ok)
    {
      show_error (self, _("No prosecutor or public defender by that name: type part of one’s name, or leave it empty."),
                  GTK_WIDGET (self->author_entry));
      return FALSE;
    }

  note = lw_edit_record_new (&lw_prosecution_note_table);
  note->legal_matter_id = self->matter_id;
  note->position = position;
  note->author_id = author_id;
  if (!lw_edit_set_field (self->store, note, lw_table_find_column (&lw_prosecution_note_table, "text"),
                          gtk_editable_get_text (GTK_EDITABLE (self->text_entry)), &error))
    {
      show_error (self, error->message, GTK_WIDGET (self->text_entry));
      return FALSE;
    }
  if (!lw_positions_add (self->store, role, note, &bad, &error))
    {
      if (bad != NULL && g_str_equal (bad->name, "text"))
        focus = GTK_WIDGET (self->text_entry);
      else if (bad != NULL && g_str_equal (bad->name, "author_id"))
        focus = GTK_WIDGET (self->author_entry);
      show_error (self, error->message, focus);
      return FALSE;
    }

  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
  g_signal_emit (self, signals[SAVED], 0, (gint64) LW_RECORD (note)->id);
  return TRUE;
}

/* Empties every field; what was typed goes with it. */
static void
clear_fields (LwPositionEntry *self)
{
  GtkEditable *editables[] = {
    GTK_EDITABLE (self->matter_entry), GTK_EDITABLE (self->position_entry),
    GTK_EDITABLE (self->text_entry), GTK_EDITABLE (self->author_entry),
  };

  self->setting_matter = TRUE;
  for (guint i = 0; i < G_N_ELEMENTS (editables); i++)
    gtk_editable_set_text (editables[i], "");
  self->setting_matter = FALSE;
  self->matter_id = 0;
  g_clear_pointer (&self->matches, g_ptr_array_unref);
  list_box_clear (self->matter_matches);
  gtk_widget_set_visible (GTK_WIDGET (self->matter_matches), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
}

void
lw_position_entry_start (LwPositionEntry *self)
{
  LwId author;

  g_return_if_fail (LW_IS_POSITION_ENTRY (self));

  clear_fields (self);
  if (self->store != NULL)
    {
      author = lw_positions_default_author (self->store, self->meeting_id);
      if (author != 0)
        {
          g_autoptr(LwPerson) person = lw_store_get (self->store, &lw_person_table, author, NULL);

          if (person != NULL && person->name != NULL)
            gtk_editable_set_text (GTK_EDITABLE (self->author_entry), person->name);
        }
    }
  gtk_widget_grab_focus (GTK_WIDGET (self->matter_entry));
}

void
lw_position_entry_cancel (LwPositionEntry *self)
{
  g_return_if_fail (LW_IS_POSITION_ENTRY (self));

  clear_fields (self);
  g_signal_emit (self, signals[CANCELLED], 0);
}

void
lw_position_entry_set_context (LwPositionEntry *self,
                               LwStore         *store,
                               LwId             meeting_id,
                               LwId             participant_id)
{
  g_return_if_fail (LW_IS_POSITION_ENTRY (self));

  if (self->participant_id != participant_id || self->store != store)
    clear_fields (self);
  self->store = store;
  self->meeting_id = meeting_id;
  self->participant_id = participant_id;
}

static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  lw_position_entry_cancel (LW_POSITION_ENTRY (widget));
}

static void
lw_position_entry_dispose (GObject *object)
{
  LwPositionEntry *self = LW_POSITION_ENTRY (object);

  clear_fields (self);
  gtk_widget_dispose_template (GTK_WIDGET (self), LW_TYPE_POSITION_ENTRY);
  self->store = NULL;

  G_OBJECT_CLASS (lw_position_entry_parent_class)->dispose (object);
}

static void
lw_position_entry_class_init (LwPositionEntryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lw_position_entry_dispose;

  signals[SAVED] = g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                 0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);
  signals[CANCELLED] = g_signal_new ("cancelled", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                     0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/leadworkgroup/Workgroup/lw-position-entry.ui");
  gtk_widget_class_bind_template_child (widget_class, LwPositionEntry, matter_entry);
  gtk_widget_class_bind_template_child (widget_class, LwPositionEntry, matter_matches);
  gtk_widget_class_bind_template_child (widget_class, LwPositionEntry, position_entry);
  gtk_widget_class_bind_template_child (widget_class, LwPositionEntry, author_entry);
  gtk_widget_class_bind_template_child (widget_class, LwPositionEntry, text_entry);
  gtk_widget_class_bind_template_child (widget_class, LwPositionEntry, error_label);
  gtk_widget_class_bind_template_callback (widget_class, matter_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, matter_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, matter_row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, position_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, author_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, text_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, save_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, lw_position_entry_cancel);

  gtk_widget_class_install_action (widget_class, "position-entry.cancel", NULL, cancel_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "position-entry.cancel", NULL);
}

static void
lw_position_entry_init (LwPositionEntry *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
lw_position_entry_new (void)
{
  return g_object_new (LW_TYPE_POSITION_ENTRY, NULL);
}

GtkEditable *_lw_position_entry_get_matter (LwPositionEntry *self) { return GTK_EDITABLE (self->matter_entry); }
GtkEditable *_lw_position_entry_get_position (LwPositionEntry *self) { return GTK_EDITABLE (self->position_entry); }
GtkEditable *_lw_position_entry_get_text (LwPositionEntry *self) { return GTK_EDITABLE (self->text_entry); }
GtkEditable *_lw_position_entry_get_author (LwPositionEntry *self) { return GTK_EDITABLE (self->author_entry); }
GtkLabel *_lw_position_entry_get_error (LwPositionEntry *self) { return self->error_label; }

/* ----------------------------------------------------------------------------
 * In meeting mode
 */

typedef struct
{
  GtkWidget       *presenter;   /* borrowed: the link lives on it */
  GtkRevealer     *revealer;
  LwPositionEntry *entry;
} Link;

static GQuark link_quark;

static Link *
link_get (GtkWidget *presenter)
{
  return link_quark ? g_object_get_qdata (G_OBJECT (presenter), link_quark) : NULL;
}

static void
link_free (gpointer data)
{
  Link *link = data;

  g_clear_object (&link->revealer);
  g_free (link);
}

static LwStore *
presenter_store (GtkWidget *presenter)
{
  GtkRoot *root = gtk_widget_get_root (presenter);

  /* the presenter borrows the window's store, as the projector does */
  return LW_IS_WINDOW (root) ? lw_window_get_store (LW_WINDOW (root)) : NULL;
}

/* The participant of the presenter's current item, or 0. */
static LwId
current_participant (GtkWidget *presenter,
                     LwStore   *store)
{
  g_autoptr(LwAgendaItem) item = NULL;
  LwId item_id = lw_presenter_get_current_item (LW_PRESENTER (presenter));

  if (item_id == 0 || store == NULL)
    return 0;
  item = lw_store_get (store, &lw_agenda_item_table, item_id, NULL);
  return item != NULL && item->kind == LW_ITEM_PARTICIPANT ? item->participant_id : 0;
}

static void
link_close (Link *link)
{
  gtk_revealer_set_reveal_child (link->revealer, FALSE);
  gtk_widget_set_visible (GTK_WIDGET (link->revealer), FALSE);
}

static void
new_position_cb (GSimpleAction *action,
                 GVariant      *parameter,
                 gpointer       data)
{
  Link *link = data;
  LwStore *store = presenter_store (link->presenter);
  LwId participant_id;

  if (store == NULL || !lw_store_is_unlocked (store))
    return;
  participant_id = current_participant (link->presenter, store);
  if (participant_id == 0)
    {
      lw_toast_show (link->presenter, _("Positions are recorded at a participant’s item"));
      return;
    }
  /* which matter is legal information, the position prosecution */
  if (!lw_positions_role_may_write (store, lw_settings_get_viewer_role ()))
    {
      lw_toast_show (link->presenter,
                     _("Positions are recorded by a role that sees legal matters and prosecution in full"));
      return;
    }
  lw_position_entry_set_context (link->entry, store, lw_presenter_get_meeting_id (LW_PRESENTER (link->presenter)),
                                 participant_id);
  gtk_widget_set_visible (GTK_WIDGET (link->revealer), TRUE);
  gtk_revealer_set_reveal_child (link->revealer, TRUE);
  lw_position_entry_start (link->entry);
}

static void
saved_cb (LwPositionEntry *entry,
          gint64           note_id,
          Link            *link)
{
  lw_position_entry_start (entry);
  link_close (link);
  lw_toast_show (link->presenter, _("Position saved: the card shows it as the latest"));
  /* the card again, from the file: the new position is the latest */
  lw_presenter_reload (LW_PRESENTER (link->presenter));
}

static void
cancelled_cb (LwPositionEntry *entry,
              Link            *link)
{
  link_close (link);
}

static void
item_changed_cb (GtkWidget *presenter,
                 Link      *link)
{
  LwStore *store = presenter_store (presenter);

  /* another participant: nothing typed for the last one goes with it */
  if (gtk_revealer_get_reveal_child (link->revealer) &&
      current_participant (presenter, store) != link->entry->participant_id)
    {
      lw_position_entry_cancel (link->entry);
    }
}

void
lw_position_entry_attach_presenter (GtkWidget *presenter)
{
  g_autoptr(GSimpleActionGroup) group = g_simple_action_group_new ();
  g_autoptr(GSimpleAction) action = g_simple_action_new ("new", NULL);
  GtkEventController *keys;
  GtkWidget *action_revealer;
  GtkWidget *parent;
  Link *link;

  g_return_if_fail (LW_IS_PRESENTER (presenter));

  if (link_quark == 0)
    link_quark = g_quark_from_static_string ("lw-position-entry-link");
  if (link_get (presenter) != NULL)
    return;

  link = g_new0 (Link, 1);
  link->presenter = presenter;
  link->entry = LW_POSITION_ENTRY (lw_position_entry_new ());
  link->revealer = GTK_REVEALER (g_object_ref_sink (gtk_revealer_new ()));
  gtk_revealer_set_transition_type (link->revealer, GTK_REVEALER_TRANSITION_TYPE_SLIDE_DOWN);
  gtk_revealer_set_child (link->revealer, GTK_WIDGET (link->entry));
  gtk_widget_set_visible (GTK_WIDGET (link->revealer), FALSE);
  g_object_set_qdata_full (G_OBJECT (presenter), link_quark, link, link_free);

  /* under the action-item entry, as its sibling */
  action_revealer = gtk_widget_get_parent (_lw_presenter_get_action_entry (LW_PRESENTER (presenter)));
  parent = action_revealer ? gtk_widget_get_parent (action_revealer) : NULL;
  if (GTK_IS_BOX (parent))
    gtk_box_insert_child_after (GTK_BOX (parent), GTK_WIDGET (link->revealer), action_revealer);

  g_simple_action_set_enabled (action, TRUE);
  g_signal_connect (action, "activate", G_CALLBACK (new_position_cb), link);
  g_action_map_add_action (G_ACTION_MAP (group), G_ACTION (action));
  gtk_widget_insert_action_group (presenter, "position", G_ACTION_GROUP (group));

  /* from anywhere in meeting mode, the notes editor too */
  keys = gtk_shortcut_controller_new ();
  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  gtk_event_controller_set_name (keys, "lw-position-keys");
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (keys),
                                        gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_Return, GDK_CONTROL_MASK | GDK_SHIFT_MASK),
                                                          gtk_named_action_new ("position.new")));
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (keys),
                                        gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_KP_Enter, GDK_CONTROL_MASK | GDK_SHIFT_MASK),
                                                          gtk_named_action_new ("position.new")));
  gtk_widget_add_controller (presenter, keys);

  g_signal_connect (link->entry, "saved", G_CALLBACK (saved_cb), link);
  g_signal_connect (link->entry, "cancelled", G_CALLBACK (cancelled_cb), link);
  g_signal_connect (presenter, "item-changed", G_CALLBACK (item_changed_cb), link);
}

LwPositionEntry *
lw_position_entry_get_for_presenter (GtkWidget *presenter)
{
  Link *link = link_get (presenter);

  return link != NULL ? link->entry : NULL;
}
