/* lw-record-editor.c: one form for any record, built from its table description
 *
 * The rows come from the table's columns (lw_edit_form_columns()), one kind of
 * row per column type: an entry for text and dates, a combo row over the
 * labels of an enumeration, a switch, a searchable picker of active members or
 * of participant codes, check buttons for the categories of a release.  What
 * is typed is read by the core's one parser (lw_edit_set_field()) and written
 * by lw_edit_insert() or lw_edit_update() as the role at the keyboard, so the
 * form says exactly what the command line says: a bad value is shown at its
 * field and nothing is saved.  A field the role may not write is shown as text
 * where the role may see it, else not at all; a member named on a
 * participant's record is shown as policy says (lw_policy_person_label()), and
 * is then not offered for editing.
 *
 * Saved, the form empties itself and a toast names what was saved and offers
 * Undo: a new record is deleted again, an edit writes the old values of the
 * form's fields back, a deletion restores the row, each as the role at the
 * keyboard when Undo is pressed.  An edit writes only the form's fields, over
 * the row as it is then (lw_edit_update_columns()).  Emptying wipes what was typed; dispose empties
 * it, so a lock (which destroys the page) leaves nothing on screen.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lw-record-editor"

#include "config.h"

#include <glib/gi18n.h>
#include <stdlib.h>
#include <string.h>

#include "lw/lw-edit.h"
#include "lw/lw-error.h"
#include "lw/lw-model.h"
#include "lw/lw-policy.h"
#include "lw/lw-vault.h"

#include "lw-record-editor.h"
#include "lw-settings.h"
#include "lw-toast.h"

typedef struct
{
  const LwColumnInfo *column;
  GtkWidget          *row;      /* in the list */
  GtkWidget          *input;    /* NULL: shown, not editable */
  GtkWidget          *message;  /* the row under it with a message, or NULL */
  GArray             *values;   /* combo rows and pickers: the value at each position (gint64) */
  GPtrArray          *keys;     /* pickers: the name or code at each position */
} Field;

struct _LwRecordEditor
{
  AdwBin              parent_instance;

  /* template widgets */
  GtkLabel           *title_label;
  GtkLabel           *note_label;
  GtkLabel           *error_label;
  GtkListBox         *list;
  GtkWidget          *delete_button;
  GtkWidget          *cancel_button;
  GtkWidget          *save_button;

  /* borrowed references */
  LwStore            *store;

  /* owned references */
  gpointer            record;   /* as opened: the stored row, or the new one */
  GPtrArray          *fields;   /* Field */
  char              **part2;
  LwLevel             levels[LW_N_CATEGORIES];  /* the role's, for the record's participant */

  LwRole              role;
  guint               n_editable;
};

G_DEFINE_FINAL_TYPE (LwRecordEditor, lw_record_editor, ADW_TYPE_BIN)

enum {
  SAVED,
  CANCELLED,
  UNDONE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
field_free (gpointer data)
{
  Field *field = data;

  g_clear_pointer (&field->values, g_array_unref);
  g_clear_pointer (&field->keys, g_ptr_array_unref);
  g_free (field);
}

static void
wipe_free (char *text)
{
  if (text != NULL)
    explicit_bzero (text, strlen (text));
  g_free (text);
}

static gpointer
record_member (gpointer            record,
               const LwColumnInfo *column)
{
  return (char *) record + column->offset;
}

/* The participant a record is about (0 for none): what its levels are resolved for. */
static LwId
record_participant (gconstpointer record)
{
  const LwRecord *header = record;
  const LwColumnInfo *column;

  if (header->table == &lw_participant_table)
    return header->id;
  column = lw_table_find_column (header->table, "participant_id");
  if (column != NULL && column->type == LW_COLUMN_REF)
    return *(const LwId *) ((const char *) record + column->offset);
  return 0;
}

static Field *
find_field (LwRecordEditor *self,
            const char     *name)
{
  for (guint i = 0; self->fields != NULL && i < self->fields->len; i++)
    {
      Field *field = g_ptr_array_index (self->fields, i);

      if (g_str_equal (field->column->name, name))
        return field;
    }
  return NULL;
}

/* Messages at the fields */

static void
clear_message (LwRecordEditor *self,
               Field          *field)
{
  if (field->message != NULL)
    {
      gtk_list_box_remove (self->list, field->message);
      field->message = NULL;
    }
  gtk_widget_remove_css_class (field->row, "error");
  gtk_accessible_reset_relation (GTK_ACCESSIBLE (field->row), GTK_ACCESSIBLE_RELATION_DESCRIBED_BY);
}

static void
clear_messages (LwRecordEditor *self)
{
  for (guint i = 0; self->fields != NULL && i < self->fields->len; i++)
    clear_message (self, g_ptr_array_index (self->fields, i));
  gtk_label_set_text (self->error_label, "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
}

static void
show_general_error (LwRecordEditor *self,
                    const char     *message)
{
  gtk_label_set_text (self->error_label, message);
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
}

/* The message goes in a row of its own right under the field's row. */
static void
show_field_error (LwRecordEditor *self,
                  Field          *field,
                  const char     *message)
{
  GtkWidget *label = gtk_label_new (message);
  GtkWidget *row = gtk_list_box_row_new ();
  int index = gtk_list_box_row_get_index (GTK_LIST_BOX_ROW (field->row));

  clear_message (self, field);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "error");
  gtk_widget_set_margin_top (label, 6);
  gtk_widget_set_margin_bottom (label, 6);
  gtk_widget_set_margin_start (label, 12);
  gtk_widget_set_margin_end (label, 12);
  gtk_accessible_update_property (GTK_ACCESSIBLE (label), GTK_ACCESSIBLE_PROPERTY_LABEL, message, -1);
  g_object_set (label, "accessible-role", GTK_ACCESSIBLE_ROLE_ALERT, NULL);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), label);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_list_box_row_set_selectable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_widget_set_focusable (row, FALSE);
  gtk_list_box_insert (self->list, row, index + 1);
  field->message = row;

  gtk_widget_add_css_class (field->row, "error");
  gtk_accessible_update_relation (GTK_ACCESSIBLE (field->row),
                                  GTK_ACCESSIBLE_RELATION_DESCRIBED_BY, label, NULL,
                                  -1);
  gtk_widget_grab_focus (field->input != NULL ? field->input : field->row);
}

/* What a field holds, as lw_edit_set_field() reads it */

static char *
categories_text (GtkWidget *box)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (GtkWidget *child = gtk_widget_get_first_child (box);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *check = GTK_IS_FLOW_BOX_CHILD (child) ? gtk_flow_box_child_get_child (GTK_FLOW_BOX_CHILD (child)) : child;

      if (!GTK_IS_CHECK_BUTTON (check) || !gtk_check_button_get_active (GTK_CHECK_BUTTON (check)))
        continue;
      if (text->len > 0)
        g_string_append_c (text, ',');
      g_string_append (text, lw_category_to_string (GPOINTER_TO_INT (g_object_get_data (G_OBJECT (check), "lw-category"))));
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static char *
field_text (Field *field)
{
  GtkWidget *input = field->input;

  /* a field hidden by another (an exit reason while not exited) is unset */
  if (!gtk_widget_get_visible (field->row))
    return g_strdup ("");

  if (ADW_IS_COMBO_ROW (input))
    {
      guint selected = adw_combo_row_get_selected (ADW_COMBO_ROW (input));
      gint64 value = selected < field->values->len ? g_array_index (field->values, gint64, selected) : -1;
      const char *key = value >= 0 ? lw_enum_to_string (field->column->enum_info, (int) value) : NULL;

      return g_strdup (key ? key : "");
    }
  if (GTK_IS_DROP_DOWN (input))
    {
      guint selected = gtk_drop_down_get_selected (GTK_DROP_DOWN (input));
      LwId id = selected < field->values->len ? g_array_index (field->values, gint64, selected) : 0;

      return id != 0 ? g_strdup_printf ("%" G_GINT64_FORMAT, id) : g_strdup ("");
    }
  if (GTK_IS_SWITCH (input))
    return g_strdup (gtk_switch_get_active (GTK_SWITCH (input)) ? "yes" : "no");
  if (GTK_IS_FLOW_BOX (input))
    return categories_text (input);
  return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (input))));
}

/* Undo */

typedef enum
{
  UNDO_CREATE,
  UNDO_EDIT,
  UNDO_DELETE,
} UndoKind;

typedef struct
{
  LwStore             *store;
  UndoKind             kind;
  const LwTableInfo   *table;
  LwId                 id;
  gpointer             record;   /* EDIT: the row before; DELETE: the row deleted */
  const LwColumnInfo **columns;  /* EDIT: what the form wrote, NULL-terminated */
  GWeakRef             editor;
} Undo;

static void
undo_free (gpointer data)
{
  Undo *undo = data;

  g_clear_pointer (&undo->record, lw_record_free);
  g_free (undo->columns);
  g_weak_ref_clear (&undo->editor);
  g_free (undo);
}

static void
undo_cb (AdwToast *toast,
         Undo     *undo)
{
  g_autoptr(LwRecordEditor) self = g_weak_ref_get (&undo->editor);
  g_autoptr(GError) error = NULL;
  /* the role at the keyboard now: it may have changed since the save */
  LwRole role = lw_settings_get_viewer_role ();
  gboolean ok = FALSE;

  if (self == NULL || !lw_store_is_unlocked (undo->store))
    return;

  switch (undo->kind)
    {
    case UNDO_CREATE:
      ok = lw_edit_delete (undo->store, role, undo->table, undo->id, NULL, &error);
      break;
    case UNDO_EDIT:
      /* what the form changed goes back; what others changed since stays */
      ok = lw_edit_update_columns (undo->store, role, undo->record, undo->columns, NULL, &error);
      break;
    case UNDO_DELETE:
      ok = lw_edit_restore (undo->store, role, undo->record, &error);
      break;
    default:
      g_assert_not_reached ();
    }

  if (!ok)
    {
      g_debug ("Cannot undo: %s", g_quark_to_string (error->domain));
      lw_toast_show_error (GTK_WIDGET (self), error);
      return;
    }

  lw_toast_show (GTK_WIDGET (self), _("Undone"));
  g_signal_emit (self, signals[UNDONE], 0, (gint64) undo->id);
}

/* The columns the form writes: its fields that take input. */
static const LwColumnInfo **
form_columns (LwRecordEditor *self)
{
  GPtrArray *columns = g_ptr_array_new ();

  for (guint i = 0; i < self->fields->len; i++)
    {
      Field *field = g_ptr_array_index (self->fields, i);

      if (field->input != NULL)
        g_ptr_array_add (columns, (gpointer) field->column);
    }
  g_ptr_array_add (columns, NULL);
  return (const LwColumnInfo **) g_ptr_array_free (columns, FALSE);
}

/* columns: for UNDO_EDIT, what to write back (taken) */
static void
show_undo_toast (LwRecordEditor      *self,
                 const char          *title,
                 UndoKind             kind,
                 LwId                 id,
                 gpointer             record,
                 const LwColumnInfo **columns)
{
  Undo *undo = g_new0 (Undo, 1);

  undo->store = self->store;
  undo->kind = kind;
  undo->columns = columns;
  undo->table = LW_RECORD (record != NULL ? record : self->record)->table;
  undo->id = id;
  undo->record = record;
  g_weak_ref_init (&undo->editor, self);
  lw_toast_show_undo (GTK_WIDGET (self), title, G_CALLBACK (undo_cb), undo, undo_free);
}

static gboolean
same_value (gconstpointer       a,
            gconstpointer       b,
            const LwColumnInfo *column)
{
  const guint8 *x = (const guint8 *) a + column->offset;
  const guint8 *y = (const guint8 *) b + column->offset;

  switch (column->type)
    {
    case LW_COLUMN_TEXT:
    case LW_COLUMN_DATE:
      {
        const char *u = *(const char * const *) (gconstpointer) x;
        const char *v = *(const char * const *) (gconstpointer) y;

        return g_strcmp0 (u && *u ? u : NULL, v && *v ? v : NULL) == 0;
      }
    case LW_COLUMN_ENUM:
      return memcmp (x, y, sizeof (int)) == 0;
    case LW_COLUMN_BOOL:
      return !*(const gboolean *) (gconstpointer) x == !*(const gboolean *) (gconstpointer) y;
    default:
      return memcmp (x, y, sizeof (gint64)) == 0;
    }
}

/* The columns a save changed, from the row just before it to the row just
 * after: the form's and what the core set with them (the date of a status
 * change, an exit reason cleared).  NULL-terminated. */
static const LwColumnInfo **
changed_columns (gconstpointer before,
                 gconstpointer after)
{
  const LwTableInfo *table = LW_RECORD (before)->table;
  GPtrArray *columns = g_ptr_array_new ();

  for (guint i = 0; i < table->n_columns; i++)
    if (!same_value (before, after, &table->columns[i]))
      g_ptr_array_add (columns, (gpointer) &table->columns[i]);
  g_ptr_array_add (columns, NULL);
  return (const LwColumnInfo **) g_ptr_array_free (columns, FALSE);
}

/* Whether the copy differs from the record as opened in a field of the form. */
static gboolean
changed (LwRecordEditor *self,
         gconstpointer   copy)
{
  gboolean any = FALSE;

  for (guint i = 0; !any && i < self->fields->len; i++)
    {
      Field *field = g_ptr_array_index (self->fields, i);
      char *before, *after;

      if (field->input == NULL)
        continue;
      before = lw_edit_field_to_text (self->store, self->record, field->column, FALSE);
      after = lw_edit_field_to_text (self->store, copy, field->column, FALSE);
      any = g_strcmp0 (before, after) != 0;
      lw_secret_free (before);
      lw_secret_free (after);
    }
  return any;
}

/* Saving */

/* Whether the role at the keyboard is still the one the form was made for
 * (the fields it offers are that role's); else says so at the form. */
static gboolean
check_role (LwRecordEditor *self)
{
  if (lw_settings_get_viewer_role () == self->role)
    return TRUE;
  show_general_error (self, _("The role at the keyboard has changed since this form was opened: cancel, and open it again. Nothing was saved."));
  return FALSE;
}

gboolean
lw_record_editor_save (LwRecordEditor *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;
  g_autofree char *toast = NULL;
  const LwColumnInfo *bad = NULL;
  gpointer copy;
  gpointer before = NULL;
  gboolean creating;
  gboolean saved;
  LwId id;

  g_return_val_if_fail (LW_IS_RECORD_EDITOR (self), FALSE);

  if (self->record == NULL || self->n_editable == 0)
    return FALSE;

  clear_messages (self);
  if (!check_role (self))
    return FALSE;
  copy = lw_record_copy (self->record);
  creating = LW_RECORD (copy)->id == 0;

  /* the same parser as the command line, field by field */
  for (guint i = 0; i < self->fields->len; i++)
    {
      Field *field = g_ptr_array_index (self->fields, i);
      char *text;
      gboolean ok;

      if (field->input == NULL)
        continue;
      text = field_text (field);
      ok = lw_edit_set_field (self->store, copy, field->column, text, &error);
      wipe_free (text);
      if (!ok)
        {
          g_autofree char *message = g_strdup_printf ("%s %s", error->message, _("Nothing was saved."));

          show_field_error (self, field, message);
          lw_record_free (copy);
          return FALSE;
        }
    }

  if (!creating && !changed (self, copy))
    {
      lw_record_free (copy);
      id = LW_RECORD (self->record)->id;
      lw_toast_show (GTK_WIDGET (self), _("Nothing was changed"));
      lw_record_editor_clear (self);
      g_signal_emit (self, signals[SAVED], 0, (gint64) id);
      return TRUE;
    }

  if (!creating)
    {
      g_autofree const LwColumnInfo **columns = form_columns (self);

      /* the row as it is now, for Undo: what this save changes goes back */
      before = lw_store_get (self->store, LW_RECORD (copy)->table, LW_RECORD (copy)->id, NULL);
      /* the form's fields over the row as it is now: a field it does not
       * show, changed by someone else meanwhile, stays */
      saved = lw_edit_update_columns (self->store, self->role, copy, columns, &bad, &error);
    }
  else
    saved = lw_edit_insert (self->store, self->role, copy, &bad, &error);
  if (!saved)
    {
      g_autofree char *message = g_strdup_printf ("%s %s", error->message, _("Nothing was saved."));
      Field *field = bad != NULL ? find_field (self, bad->name) : NULL;

      g_debug ("Not saved: %s", g_quark_to_string (error->domain));
      if (field != NULL)
        show_field_error (self, field, message);
      else
        show_general_error (self, message);
      lw_record_free (copy);
      g_clear_pointer (&before, lw_record_free);
      return FALSE;
    }

  id = LW_RECORD (copy)->id;
  title = lw_edit_record_title (self->store, copy);
  if (creating)
    {
      /* Translators: %s says what, without a sensitive value: “Participant P-0012” */
      toast = g_strdup_printf (_("Added: %s"), title);
      show_undo_toast (self, toast, UNDO_CREATE, id, NULL, NULL);
    }
  else
    {
      g_autoptr(LwRecord) after = before ? lw_store_get (self->store, LW_RECORD (copy)->table, id, NULL) : NULL;
      const LwColumnInfo **columns;

      /* Translators: %s says what, without a sensitive value: “Participant P-0012” */
      toast = g_strdup_printf (_("Saved: %s"), title);
      /* the row as it was, to write back; without it, the form's fields as opened */
      if (before != NULL && after != NULL)
        columns = changed_columns (before, after);
      else
        {
          columns = form_columns (self);
          g_clear_pointer (&before, lw_record_free);
          before = g_steal_pointer (&self->record);
        }
      show_undo_toast (self, toast, UNDO_EDIT, id, g_steal_pointer (&before), columns);
    }
  lw_record_free (copy);

  lw_record_editor_clear (self);
  g_signal_emit (self, signals[SAVED], 0, (gint64) id);
  return TRUE;
}

gboolean
lw_record_editor_delete (LwRecordEditor *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;
  g_autofree char *toast = NULL;
  gpointer deleted = NULL;
  LwId id;

  g_return_val_if_fail (LW_IS_RECORD_EDITOR (self), FALSE);

  if (self->record == NULL || LW_RECORD (self->record)->id == 0)
    return FALSE;

  clear_messages (self);
  if (!check_role (self))
    return FALSE;
  id = LW_RECORD (self->record)->id;
  title = lw_edit_record_title (self->store, self->record);
  if (!lw_edit_delete (self->store, self->role, LW_RECORD (self->record)->table, id, &deleted, &error))
    {
      /* refused where history depends on the row: the message says why and what instead */
      show_general_error (self, error->message);
      return FALSE;
    }

  /* Translators: %s says what, without a sensitive value: “Contact 41 of P-0012” */
  toast = g_strdup_printf (_("Deleted: %s"), title);
  show_undo_toast (self, toast, UNDO_DELETE, id, deleted, NULL);
  lw_record_editor_clear (self);
  g_signal_emit (self, signals[SAVED], 0, (gint64) id);
  return TRUE;
}

void
lw_record_editor_cancel (LwRecordEditor *self)
{
  g_return_if_fail (LW_IS_RECORD_EDITOR (self));

  if (self->record == NULL)
    return;
  lw_record_editor_clear (self);
  g_signal_emit (self, signals[CANCELLED], 0);
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  lw_record_editor_save (LW_RECORD_EDITOR (widget));
}

static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  lw_record_editor_cancel (LW_RECORD_EDITOR (widget));
}

static void
delete_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  lw_record_editor_delete (LW_RECORD_EDITOR (widget));
}

/* Building the rows */

static void
entry_activated_cb (LwRecordEditor *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "editor.save", NULL);
}

static void
input_changed_cb (GtkWidget      *input,
                  GParamSpec     *pspec,
                  LwRecordEditor *self)
{
  for (guint i = 0; self->fields != NULL && i < self->fields->len; i++)
    {
      Field *field = g_ptr_array_index (self->fields, i);

      if (field->input != input)
        continue;
      clear_message (self, field);
      /* a date is checked as it is typed; the message waits for Enter */
      if (field->column->type == LW_COLUMN_DATE)
        {
          g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (input))));

          if (text[0] != '\0' && !lw_date_is_valid (text))
            gtk_widget_add_css_class (field->row, "error");
        }
    }
}

static void
entry_changed_cb (GtkEditable    *editable,
                  LwRecordEditor *self)
{
  input_changed_cb (GTK_WIDGET (editable), NULL, self);
}

static const char *
column_title (const LwColumnInfo *column)
{
  return _(column->label);
}

/* What an unset optional enumeration says. */
static const char *
unset_label (const LwColumnInfo *column)
{
  if (g_str_equal (column->name, "recipient_role"))
    return _("Any role at the agency");
  if (g_str_equal (column->name, "concerns"))
    return _("Neither");
  return _("Not set");
}

static GtkWidget *
add_entry (LwRecordEditor     *self,
           Field              *field,
           const char         *text)
{
  const LwColumnInfo *column = field->column;
  GtkWidget *row = adw_entry_row_new ();

  if (column->type == LW_COLUMN_DATE)
    {
      /* Translators: a date field's title and the form a date is typed in */
      g_autofree char *title = g_strdup_printf (_("%s (YYYY-MM-DD)"), column_title (column));

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
    }
  else
    adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), column_title (column));
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  gtk_editable_set_text (GTK_EDITABLE (row), text ? text : "");
  /* the undo history of an entry keeps copies that nothing wipes */
  if (column->category != LW_CATEGORY_NONE)
    gtk_editable_set_enable_undo (GTK_EDITABLE (row), FALSE);
  g_signal_connect_swapped (row, "entry-activated", G_CALLBACK (entry_activated_cb), self);
  g_signal_connect (row, "changed", G_CALLBACK (entry_changed_cb), self);
  field->row = field->input = row;
  return row;
}

static GtkWidget *
add_combo (LwRecordEditor *self,
           Field          *field)
{
  const LwColumnInfo *column = field->column;
  const LwEnumInfo *info = column->enum_info;
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
  GtkWidget *row = adw_combo_row_new ();
  int current = *(int *) record_member (self->record, column);
  guint selected = 0;

  field->values = g_array_new (FALSE, FALSE, sizeof (gint64));
  if (!(column->flags & LW_COLUMN_REQUIRED))
    {
      gint64 unset = -1;

      gtk_string_list_append (labels, unset_label (column));
      g_array_append_val (field->values, unset);
    }
  for (int i = 0; i < info->n; i++)
    {
      gint64 value = i;

      if (i == current)
        selected = field->values->len;
      gtk_string_list_append (labels, lw_enum_to_label (info, i));
      g_array_append_val (field->values, value);
    }
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), column_title (column));
  adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (labels));
  adw_combo_row_set_selected (ADW_COMBO_ROW (row), selected);
  g_signal_connect (row, "notify::selected", G_CALLBACK (input_changed_cb), self);
  field->row = field->input = row;
  return row;
}

static GtkWidget *
add_switch (LwRecordEditor *self,
            Field          *field)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *sw = gtk_switch_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), column_title (field->column));
  gtk_switch_set_active (GTK_SWITCH (sw), *(gboolean *) record_member (self->record, field->column));
  gtk_widget_set_valign (sw, GTK_ALIGN_CENTER);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (sw),
                                  GTK_ACCESSIBLE_RELATION_LABELLED_BY, row, NULL,
                                  -1);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), sw);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), sw);
  g_signal_connect (sw, "notify::active", G_CALLBACK (input_changed_cb), self);
  field->row = row;
  field->input = sw;
  return row;
}

static GtkWidget *
add_text_row (Field      *field,
              const char *text)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), column_title (field->column));
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), text ? text : "");
  field->row = row;
  field->input = NULL;
  return row;
}

/* A searchable picker: "Nobody" or "None" first when the field may be unset. */
static GtkWidget *
add_picker (LwRecordEditor *self,
            Field          *field,
            GtkStringList  *labels,
            guint           selected)
{
  GtkWidget *row = adw_action_row_new ();
  GtkExpression *expression = gtk_property_expression_new (GTK_TYPE_STRING_OBJECT, NULL, "string");
  GtkWidget *dropdown = gtk_drop_down_new (G_LIST_MODEL (g_object_ref (labels)), expression);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), column_title (field->column));
  gtk_drop_down_set_enable_search (GTK_DROP_DOWN (dropdown), TRUE);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (dropdown), selected);
  gtk_widget_set_valign (dropdown, GTK_ALIGN_CENTER);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (dropdown),
                                  GTK_ACCESSIBLE_RELATION_LABELLED_BY, row, NULL,
                                  -1);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), dropdown);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), dropdown);
  g_signal_connect (dropdown, "notify::selected", G_CALLBACK (input_changed_cb), self);
  field->row = row;
  field->input = dropdown;
  return row;
}

static void
picker_append (Field         *field,
               GtkStringList *labels,
               const char    *label,
               const char    *key,
               LwId           id)
{
  gint64 value = id;

  gtk_string_list_append (labels, label);
  g_ptr_array_add (field->keys, g_strdup (key));
  g_array_append_val (field->values, value);
}

/* Active members, and the one named now (inactive, or shown by role alone:
 * then the field is not offered at all). */
static GtkWidget *
add_member_picker (LwRecordEditor *self,
                   Field          *field)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) members = NULL;
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
  LwId current = *(LwId *) record_member (self->record, field->column);
  guint selected = GTK_INVALID_LIST_POSITION;

  if (current != 0)
    {
      g_autoptr(LwPerson) person = lw_store_get (self->store, &lw_person_table, current, NULL);
      g_autofree char *shown = person ? lw_policy_person_label (person, (const char * const *) self->part2,
                                                                self->levels) : NULL;

      /* a treatment program's staff, named by role alone here: not even a
       * picker may say who it is */
      if (person == NULL || g_strcmp0 (shown, person->name) != 0)
        return add_text_row (field, shown ? shown : _("Unknown person"));
    }

  members = lw_edit_list_members (self->store, TRUE, &error);
  if (members == NULL)
    {
      g_debug ("Cannot list members: %s", g_quark_to_string (error->domain));
      return add_text_row (field, _("The members cannot be read."));
    }

  field->values = g_array_new (FALSE, FALSE, sizeof (gint64));
  field->keys = g_ptr_array_new_with_free_func (g_free);
  if (!(field->column->flags & LW_COLUMN_REQUIRED) || current == 0)
    picker_append (field, labels, _("Nobody"), "", 0);
  for (guint i = 0; i < members->len; i++)
    {
      const LwPerson *person = g_ptr_array_index (members, i);
      g_autofree char *label = NULL;

      /* an inactive member only where history names them already */
      if (!person->active && person->id != current)
        continue;
      if (person->agency != NULL && person->agency[0] != '\0')
        /* Translators: a member in a picker: name (role, agency) */
        label = g_strdup_printf (_("%s (%s, %s)"), person->name, lw_role_to_label (person->role), person->agency);
      else
        /* Translators: a member in a picker: name (role) */
        label = g_strdup_printf (_("%s (%s)"), person->name, lw_role_to_label (person->role));
      if (!person->active)
        {
          /* Translators: a member no longer active, named by a record already */
          g_autofree char *inactive = g_strdup_printf (_("%s, inactive"), label);

          g_free (label);
          label = g_steal_pointer (&inactive);
        }
      if (person->id == current)
        selected = field->values->len;
      picker_append (field, labels, label, person->name, person->id);
    }
  if (selected == GTK_INVALID_LIST_POSITION)
    selected = 0;
  return add_picker (self, field, labels, selected);
}

static GtkWidget *
add_participant_picker (LwRecordEditor *self,
                        Field          *field)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) participants = NULL;
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
  LwId current = *(LwId *) record_member (self->record, field->column);
  guint selected = 0;

  participants = lw_store_list (self->store, &lw_participant_table, NULL, 0, &error);
  if (participants == NULL)
    {
      g_debug ("Cannot list participants: %s", g_quark_to_string (error->domain));
      return add_text_row (field, _("The participants cannot be read."));
    }

  field->values = g_array_new (FALSE, FALSE, sizeof (gint64));
  field->keys = g_ptr_array_new_with_free_func (g_free);
  if (!(field->column->flags & LW_COLUMN_REQUIRED) || current == 0)
    picker_append (field, labels, _("None"), "", 0);
  /* the code only: what the room may always see */
  for (guint i = 0; i < participants->len; i++)
    {
      const LwParticipant *participant = g_ptr_array_index (participants, i);

      if (participant->id == current)
        selected = field->values->len;
      picker_append (field, labels, participant->code, participant->code, participant->id);
    }
  return add_picker (self, field, labels, selected);
}

/* The categories of a release: a check button each. */
static GtkWidget *
add_categories (LwRecordEditor *self,
                Field          *field)
{
  static const char * const labels[LW_N_CATEGORIES] = {
    N_("Identity"), N_("Program status"), N_("Plan"), N_("Housing"), N_("Health"),
    N_("Substance-use treatment"), N_("Legal"), N_("Prosecution"), N_("Care notes"), N_("Location"),
  };
  gint64 current = *(gint64 *) record_member (self->record, field->column);
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *title = gtk_label_new (column_title (field->column));
  GtkWidget *flow = gtk_flow_box_new ();

  gtk_widget_set_margin_top (box, 9);
  gtk_widget_set_margin_bottom (box, 9);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_widget_add_css_class (title, "dim-label");
  gtk_widget_add_css_class (title, "caption");
  gtk_flow_box_set_selection_mode (GTK_FLOW_BOX (flow), GTK_SELECTION_NONE);
  gtk_flow_box_set_min_children_per_line (GTK_FLOW_BOX (flow), 2);
  gtk_flow_box_set_max_children_per_line (GTK_FLOW_BOX (flow), 5);
  gtk_flow_box_set_homogeneous (GTK_FLOW_BOX (flow), TRUE);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (flow),
                                  GTK_ACCESSIBLE_RELATION_LABELLED_BY, title, NULL,
                                  -1);
  for (int c = 0; c < LW_N_CATEGORIES; c++)
    {
      GtkWidget *check = gtk_check_button_new_with_label (_(labels[c]));

      g_object_set_data (G_OBJECT (check), "lw-category", GINT_TO_POINTER (c));
      gtk_check_button_set_active (GTK_CHECK_BUTTON (check), (current & LW_CATEGORY_BIT (c)) != 0);
      gtk_flow_box_append (GTK_FLOW_BOX (flow), check);
    }
  gtk_box_append (GTK_BOX (box), title);
  gtk_box_append (GTK_BOX (box), flow);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  field->row = row;
  field->input = flow;
  return row;
}

static gboolean
is_categories (const LwColumnInfo *column)
{
  return column->type == LW_COLUMN_INT && g_str_equal (column->name, "categories");
}

static GtkWidget *
add_field_row (LwRecordEditor *self,
               Field          *field,
               gboolean        may_write)
{
  const LwColumnInfo *column = field->column;
  char *text;
  GtkWidget *row;

  if (!may_write)
    {
      text = lw_edit_field_to_text (self->store, self->record, column, TRUE);
      if (column->type == LW_COLUMN_REF && g_strcmp0 (column->ref_table, "person") == 0)
        {
          LwId id = *(LwId *) record_member (self->record, column);
          g_autoptr(LwPerson) person = id ? lw_store_get (self->store, &lw_person_table, id, NULL) : NULL;

          lw_secret_free (text);
          text = person ? lw_policy_person_label (person, (const char * const *) self->part2,
                                                  self->levels) : NULL;
        }
      row = add_text_row (field, text ? text : _("Not set"));
      lw_secret_free (text);
      return row;
    }

  switch (column->type)
    {
    case LW_COLUMN_ENUM:
      return add_combo (self, field);
    case LW_COLUMN_BOOL:
      return add_switch (self, field);
    case LW_COLUMN_REF:
      if (g_strcmp0 (column->ref_table, "person") == 0)
        return add_member_picker (self, field);
      if (g_strcmp0 (column->ref_table, "participant") == 0)
        return add_participant_picker (self, field);
      break;
    case LW_COLUMN_INT:
      if (is_categories (column))
        return add_categories (self, field);
      break;
    case LW_COLUMN_TEXT:
    case LW_COLUMN_DATE:
    case LW_COLUMN_TIME:
    default:
      break;
    }

  text = lw_edit_field_to_text (self->store, self->record, column, TRUE);
  row = add_entry (self, field, text);
  lw_secret_free (text);
  return row;
}

/* An exit reason belongs to an exit: its row shows while the status says so. */
static void
update_dependent_rows (LwRecordEditor *self)
{
  Field *status = find_field (self, "status");
  Field *reason = find_field (self, "exit_reason");

  if (self->record == NULL || LW_RECORD (self->record)->table != &lw_participant_table ||
      reason == NULL || status == NULL || !ADW_IS_COMBO_ROW (status->input))
    return;

  {
    guint selected = adw_combo_row_get_selected (ADW_COMBO_ROW (status->input));
    gboolean exited = selected < status->values->len &&
                      g_array_index (status->values, gint64, selected) == LW_STATUS_EXITED;

    gtk_widget_set_visible (reason->row, exited);
    if (reason->message != NULL)
      gtk_widget_set_visible (reason->message, exited);
  }
}

gboolean
lw_record_editor_open (LwRecordEditor     *self,
                       LwStore            *store,
                       gconstpointer       record,
                       const char * const *columns,
                       const char         *title)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LwAudience) audience = NULL;
  g_autofree const LwColumnInfo **form = NULL;
  const LwTableInfo *table;
  LwId participant_id;
  guint n_form = 0;
  guint n_shown = 0;

  g_return_val_if_fail (LW_IS_RECORD_EDITOR (self), FALSE);
  g_return_val_if_fail (store != NULL && lw_store_is_unlocked (store), FALSE);
  g_return_val_if_fail (record != NULL, FALSE);

  lw_record_editor_clear (self);

  table = LW_RECORD (record)->table;
  self->store = store;
  self->record = lw_record_copy (record);
  self->role = lw_settings_get_viewer_role ();
  self->fields = g_ptr_array_new_with_free_func (field_free);
  self->part2 = lw_policy_get_part2_agencies (store);

  /* how members named on the record are shown to this role */
  audience = lw_settings_dup_viewer_audience ();
  participant_id = record_participant (self->record);
  if (participant_id == 0 ||
      !lw_policy_get_levels (store, audience, participant_id, self->levels, &error))
    {
      g_autoptr(GPtrArray) none = g_ptr_array_new ();
      g_autofree char *today = lw_date_today ();
      LwPolicyMatrix matrix;

      g_clear_error (&error);
      lw_policy_load_matrix (store, &matrix);
      lw_policy_resolve_levels (&matrix, audience, none, today, self->levels);
    }

  gtk_label_set_text (self->title_label, title ? title : _(table->label));

  form = lw_edit_form_columns (table, &n_form);
  for (guint i = 0; i < n_form; i++)
    {
      const LwColumnInfo *column = form[i];
      gboolean may_write, may_see;
      Field *field;

      if (columns != NULL && !g_strv_contains (columns, column->name))
        continue;

      may_write = lw_edit_record_may_write (store, self->role, self->record, column);
      /* a new record shows nothing it was not given */
      may_see = !may_write && LW_RECORD (self->record)->id != 0 &&
                lw_edit_record_may_see (store, self->role, self->record, column);
      if (!may_write && !may_see)
        continue;

      field = g_new0 (Field, 1);
      field->column = column;
      gtk_list_box_append (self->list, add_field_row (self, field, may_write));
      g_ptr_array_add (self->fields, field);
      n_shown++;
      if (field->input != NULL)
        self->n_editable++;
    }

  update_dependent_rows (self);
  {
    Field *status = find_field (self, "status");

    if (status != NULL && status->input != NULL && table == &lw_participant_table)
      g_signal_connect_swapped (status->input, "notify::selected",
                                G_CALLBACK (update_dependent_rows), self);
  }

  if (self->n_editable == 0)
    {
      /* Translators: %s is a role, “Evaluator” */
      g_autofree char *note = g_strdup_printf (_("The role “%s” may not write this. Nothing here can be saved; "
                                                 "a member whose role may should make the change."),
                                               lw_role_to_label (self->role));

      gtk_label_set_text (self->note_label, note);
      gtk_widget_set_visible (GTK_WIDGET (self->note_label), TRUE);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->list), n_shown > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.save", self->n_editable > 0);
  /* deleting needs every set field writable; the core says why when it refuses */
  gtk_widget_set_visible (self->delete_button,
                          LW_RECORD (self->record)->id != 0 && self->n_editable > 0 &&
                          lw_edit_record_may_write (store, self->role, self->record, NULL));

  return self->n_editable > 0;
}

void
lw_record_editor_clear (LwRecordEditor *self)
{
  GtkWidget *child;

  g_return_if_fail (LW_IS_RECORD_EDITOR (self));

  /* what was typed goes first: entry buffers wipe the text they drop */
  for (guint i = 0; self->fields != NULL && i < self->fields->len; i++)
    {
      Field *field = g_ptr_array_index (self->fields, i);

      if (field->input != NULL && GTK_IS_EDITABLE (field->input))
        gtk_editable_set_text (GTK_EDITABLE (field->input), "");
      field->message = NULL;
    }
  if (self->list != NULL)
    while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list))) != NULL)
      gtk_list_box_remove (self->list, child);
  g_clear_pointer (&self->fields, g_ptr_array_unref);
  g_clear_pointer (&self->record, lw_record_free);
  g_clear_pointer (&self->part2, g_strfreev);
  memset (self->levels, 0, sizeof self->levels);
  self->n_editable = 0;
  self->store = NULL;

  if (self->title_label != NULL)
    {
      gtk_label_set_text (self->title_label, "");
      gtk_label_set_text (self->note_label, "");
      gtk_widget_set_visible (GTK_WIDGET (self->note_label), FALSE);
      gtk_label_set_text (self->error_label, "");
      gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
      gtk_widget_set_visible (self->delete_button, FALSE);
    }
}

void
lw_record_editor_hide_delete (LwRecordEditor *self)
{
  g_return_if_fail (LW_IS_RECORD_EDITOR (self));

  gtk_widget_set_visible (self->delete_button, FALSE);
}

gboolean
lw_record_editor_is_open (LwRecordEditor *self)
{
  g_return_val_if_fail (LW_IS_RECORD_EDITOR (self), FALSE);

  return self->record != NULL;
}

const LwTableInfo *
lw_record_editor_get_table (LwRecordEditor *self)
{
  g_return_val_if_fail (LW_IS_RECORD_EDITOR (self), NULL);

  return self->record ? LW_RECORD (self->record)->table : NULL;
}

/* The first field that takes typing; else Cancel. */
static gboolean
lw_record_editor_grab_focus (GtkWidget *widget)
{
  LwRecordEditor *self = LW_RECORD_EDITOR (widget);

  for (guint i = 0; self->fields != NULL && i < self->fields->len; i++)
    {
      Field *field = g_ptr_array_index (self->fields, i);

      if (field->input != NULL && gtk_widget_get_visible (field->row))
        return gtk_widget_grab_focus (GTK_IS_FLOW_BOX (field->input) ? field->row : field->input);
    }
  return gtk_widget_grab_focus (self->cancel_button);
}

static void
lw_record_editor_dispose (GObject *object)
{
  LwRecordEditor *self = LW_RECORD_EDITOR (object);

  lw_record_editor_clear (self);

  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), LW_TYPE_RECORD_EDITOR);

  G_OBJECT_CLASS (lw_record_editor_parent_class)->dispose (object);
}

static void
lw_record_editor_class_init (LwRecordEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lw_record_editor_dispose;

  widget_class->grab_focus = lw_record_editor_grab_focus;

  /* written (created, changed or deleted): the row's id; the form is empty again */
  signals[SAVED] =
    g_signal_new ("saved",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_INT64);
  signals[CANCELLED] =
    g_signal_new ("cancelled",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
  /* Undo in the toast was done: the row's id */
  signals[UNDONE] =
    g_signal_new ("undone",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_INT64);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/leadworkgroup/Workgroup/lw-record-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, LwRecordEditor, title_label);
  gtk_widget_class_bind_template_child (widget_class, LwRecordEditor, note_label);
  gtk_widget_class_bind_template_child (widget_class, LwRecordEditor, error_label);
  gtk_widget_class_bind_template_child (widget_class, LwRecordEditor, list);
  gtk_widget_class_bind_template_child (widget_class, LwRecordEditor, delete_button);
  gtk_widget_class_bind_template_child (widget_class, LwRecordEditor, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, LwRecordEditor, save_button);

  gtk_widget_class_install_action (widget_class, "editor.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "editor.cancel", NULL, cancel_action);
  gtk_widget_class_install_action (widget_class, "editor.delete", NULL, delete_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "editor.cancel", NULL);
}

static void
lw_record_editor_init (LwRecordEditor *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
lw_record_editor_new (void)
{
  return g_object_new (LW_TYPE_RECORD_EDITOR, NULL);
}

/* For tests */

GtkWidget *
lw_record_editor_get_input (LwRecordEditor *self,
                            const char     *column)
{
  Field *field;

  g_return_val_if_fail (LW_IS_RECORD_EDITOR (self), NULL);

  field = find_field (self, column);
  return field ? field->input : NULL;
}

const char *
lw_record_editor_get_message (LwRecordEditor *self,
                              const char     *column)
{
  Field *field;

  g_return_val_if_fail (LW_IS_RECORD_EDITOR (self), NULL);

  field = find_field (self, column);
  if (field == NULL || field->message == NULL)
    return NULL;
  return gtk_label_get_text (GTK_LABEL (gtk_list_box_row_get_child (GTK_LIST_BOX_ROW (field->message))));
}

gboolean
lw_record_editor_set_text (LwRecordEditor *self,
                           const char     *column,
                           const char     *text)
{
  Field *field;

  g_return_val_if_fail (LW_IS_RECORD_EDITOR (self), FALSE);

  field = find_field (self, column);
  if (field == NULL || field->input == NULL)
    return FALSE;

  if (ADW_IS_COMBO_ROW (field->input))
    {
      for (guint i = 0; i < field->values->len; i++)
        {
          gint64 value = g_array_index (field->values, gint64, i);
          const char *key = value >= 0 ? lw_enum_to_string (field->column->enum_info, (int) value) : "";
          const char *label = value >= 0 ? lw_enum_to_label (field->column->enum_info, (int) value) : "";

          if (g_strcmp0 (key, text) == 0 || g_strcmp0 (label, text) == 0)
            {
              adw_combo_row_set_selected (ADW_COMBO_ROW (field->input), i);
              return TRUE;
            }
        }
      return FALSE;
    }
  if (GTK_IS_DROP_DOWN (field->input))
    {
      for (guint i = 0; i < field->keys->len; i++)
        if (g_strcmp0 (g_ptr_array_index (field->keys, i), text) == 0)
          {
            gtk_drop_down_set_selected (GTK_DROP_DOWN (field->input), i);
            return TRUE;
          }
      return FALSE;
    }
  if (GTK_IS_SWITCH (field->input))
    {
      gtk_switch_set_active (GTK_SWITCH (field->input), g_strcmp0 (text, "yes") == 0);
      return TRUE;
    }
  if (GTK_IS_FLOW_BOX (field->input))
    {
      g_auto(GStrv) names = g_strsplit (text, ",", -1);

      for (GtkWidget *child = gtk_widget_get_first_child (field->input);
           child != NULL;
           child = gtk_widget_get_next_sibling (child))
        {
          GtkWidget *check = gtk_flow_box_child_get_child (GTK_FLOW_BOX_CHILD (child));
          int category = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (check), "lw-category"));

          gtk_check_button_set_active (GTK_CHECK_BUTTON (check),
                                       g_strv_contains ((const char * const *) names,
                                                        lw_category_to_string (category)));
        }
      return TRUE;
    }
  gtk_editable_set_text (GTK_EDITABLE (field->input), text);
  return TRUE;
}
