/* lw-participant-detail.c: one participant, as the viewer may see it, edited in place
 *
 * Everything shown comes from one audited view made for the viewer's role; a
 * category the role may not see is not in the view, so it cannot be shown.
 *
 * Where the role may write, the participant's records are kept here too: the
 * participant itself (Edit, Change Status), IIP goals, contacts, legal matters
 * and releases of information each open the one record form
 * (lw-record-editor.c) in place of the page, and come back to it when saved.
 * Those lists are made from the records, each shown only as far as the role
 * may see it (lw_edit_record_may_see()), with members named as policy says.
 * A few fields are edited right in their row (preferred name, housing status,
 * the flag, a goal met or dropped, a release revoked): each change is one
 * audited update of that column as the role at the keyboard
 * (lw_edit_update_columns()), with a toast that can undo it, as the role at
 * the keyboard when Undo is pressed.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lw-participant-detail"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "lw/lw-edit.h"
#include "lw/lw-error.h"
#include "lw/lw-model.h"
#include "lw/lw-policy.h"
#include "lw/lw-vault.h"
#include "lw/lw-view.h"

#include "lw-participant-detail.h"
#include "lw-record-editor.h"
#include "lw-settings.h"
#include "lw-text-row.h"
#include "lw-toast.h"
#include "lw-tooltip.h"

struct _LwParticipantDetail
{
  AdwBin             parent_instance;

  /* child widgets */
  GtkStack          *stack;         /* "view" or "editor" */
  GtkScrolledWindow *scrolled;
  AdwClamp          *clamp;
  GtkWidget         *box;           /* rebuilt on every show */
  GtkLabel          *error_label;   /* in box */
  LwRecordEditor    *editor;

  /* borrowed references */
  LwStore           *store;

  /* owned references */
  LwParticipantView *view;
  char             **part2;         /* agencies that are treatment programs */

  LwLevel            levels[LW_N_CATEGORIES];  /* the view's */
  LwRole             role;
  LwId               id;
  guint              refresh_source;
  guint              reveal_source;  /* groups held back, shown one an idle */
};

G_DEFINE_FINAL_TYPE (LwParticipantDetail, lw_participant_detail, ADW_TYPE_BIN)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* "Date of birth: not a date" + " Nothing was changed.", as one sentence or two */
static char *
with_nothing_changed (const char *message)
{
  gsize len = strlen (message);

  if (len > 0 && (message[len - 1] == '.' || message[len - 1] == '!' || message[len - 1] == '?'))
    return g_strdup_printf ("%s %s", message, _("Nothing was changed."));
  /* Translators: an error message, then “Nothing was changed.” */
  return g_strdup_printf (_("%s. Nothing was changed."), message);
}

/* ----------------------------------------------------------------------------
 * Saving in place with undo
 */

typedef struct
{
  LwStore           *store;
  const LwTableInfo *table;
  LwId               id;
  GStrv              columns;
  GStrv              values;     /* the previous values, to write back */
  GWeakRef           widget;     /* for the next toast */
  GWeakRef           object;
  LwEditRefreshFunc  refresh;
} EditUndo;

static void
wipe_strv (GStrv strv)
{
  for (guint i = 0; strv != NULL && strv[i] != NULL; i++)
    explicit_bzero (strv[i], strlen (strv[i]));
  g_strfreev (strv);
}

static void
edit_undo_free (gpointer data)
{
  EditUndo *undo = data;

  g_strfreev (undo->columns);
  wipe_strv (undo->values);
  g_weak_ref_clear (&undo->widget);
  g_weak_ref_clear (&undo->object);
  g_free (undo);
}

/* Sets columns to values (as typed: lw_edit_set_field()) in a copy of the row
 * and writes it as role, audited: all or nothing.  old_values gets the previous
 * text of each column when not NULL. */
static gboolean
edit_write (LwStore            *store,
            LwRole              role,
            const LwTableInfo  *table,
            LwId                id,
            const char * const *columns,
            const char * const *values,
            GStrv              *old_values,
            gboolean           *changed,
            GError            **error)
{
  g_autoptr(GStrvBuilder) old = g_strv_builder_new ();
  g_autoptr(GPtrArray) infos = g_ptr_array_new ();
  gpointer record;
  gboolean any = FALSE;
  gboolean ok = FALSE;

  record = lw_store_get (store, table, id, error);
  if (record == NULL)
    return FALSE;

  for (guint i = 0; columns[i] != NULL; i++)
    {
      const LwColumnInfo *column = lw_table_find_column (table, columns[i]);
      char *before, *after;

      g_assert (column != NULL);
      g_ptr_array_add (infos, (gpointer) column);
      before = lw_edit_field_to_text (store, record, column, FALSE);
      if (!lw_edit_set_field (store, record, column, values[i], error))
        {
          lw_secret_free (before);
          goto out;
        }
      after = lw_edit_field_to_text (store, record, column, FALSE);
      any |= g_strcmp0 (before, after) != 0;
      g_strv_builder_add (old, before ? before : "");
      lw_secret_free (before);
      lw_secret_free (after);
    }

  g_ptr_array_add (infos, NULL);
  /* only these columns, over the row as it is when written */
  if (any && !lw_edit_update_columns (store, role, record, (const LwColumnInfo * const *) infos->pdata,
                                      NULL, error))
    goto out;

  if (old_values != NULL)
    *old_values = g_strv_builder_end (old);
  *changed = any;
  ok = TRUE;

out:
  lw_record_free (record);
  return ok;
}

static void
edit_undo_cb (AdwToast *toast,
              EditUndo *undo)
{
  g_autoptr(GtkWidget) widget = g_weak_ref_get (&undo->widget);
  g_autoptr(GObject) object = g_weak_ref_get (&undo->object);
  g_autoptr(GError) error = NULL;
  gboolean changed = FALSE;

  if (widget == NULL || !lw_store_is_unlocked (undo->store))
    return;

  /* as the role at the keyboard now: it may have changed since the change */
  if (!edit_write (undo->store, lw_settings_get_viewer_role (), undo->table, undo->id,
                   (const char * const *) undo->columns,
                   (const char * const *) undo->values,
                   NULL, &changed, &error))
    {
      g_debug ("Cannot undo: %s", g_quark_to_string (error->domain));
      lw_toast_show (widget, _("The change could not be undone"));
      return;
    }

  if (object != NULL && undo->refresh != NULL)
    undo->refresh (object);
  /* the detail may show someone else by now: the list line of this one follows */
  if (LW_IS_PARTICIPANT_DETAIL (object) && undo->table == &lw_participant_table &&
      LW_PARTICIPANT_DETAIL (object)->id != undo->id)
    g_signal_emit (object, signals[CHANGED], 0, (gint64) undo->id);
  lw_toast_show (widget, _("Change undone"));
}

static void
show_edit_undo (GtkWidget          *widget,
                LwStore            *store,
                const LwTableInfo  *table,
                LwId                id,
                const char * const *columns,
                GStrv               old_values,
                GObject            *object,
                LwEditRefreshFunc   refresh,
                const char         *title)
{
  EditUndo *undo = g_new0 (EditUndo, 1);

  undo->store = store;
  undo->table = table;
  undo->id = id;
  undo->columns = g_strdupv ((GStrv) columns);
  undo->values = old_values;
  undo->refresh = refresh;
  g_weak_ref_init (&undo->widget, widget);
  g_weak_ref_init (&undo->object, object);

  lw_toast_show_undo (widget, title, G_CALLBACK (edit_undo_cb), undo, edit_undo_free);
}

gboolean
lw_edit_save (GtkWidget          *widget,
              LwStore            *store,
              const LwTableInfo  *table,
              LwId                id,
              const char * const *columns,
              const char * const *values,
              GObject            *object,
              LwEditRefreshFunc   refresh,
              GError            **error)
{
  g_auto(GStrv) old_values = NULL;
  gboolean changed = FALSE;
  LwRole role = lw_settings_get_viewer_role ();

  g_return_val_if_fail (store != NULL, FALSE);
  g_return_val_if_fail (table != NULL, FALSE);
  g_return_val_if_fail (columns != NULL && values != NULL, FALSE);

  if (!edit_write (store, role, table, id, columns, values, &old_values, &changed, error))
    return FALSE;
  if (!changed)
    return TRUE;

  show_edit_undo (widget, store, table, id, columns, g_steal_pointer (&old_values),
                  object, refresh, _("Saved"));
  return TRUE;
}

/* ----------------------------------------------------------------------------
 * Showing the view
 */

static const char *
category_title (LwCategory category)
{
  switch (category)
    {
    case LW_CATEGORY_IDENTITY: return _("Identity");
    case LW_CATEGORY_STATUS: return _("Program Status");
    case LW_CATEGORY_PLAN: return _("Individual Intervention Plan");
    case LW_CATEGORY_HOUSING: return _("Housing");
    case LW_CATEGORY_HEALTH: return _("Health");
    case LW_CATEGORY_SUBSTANCE_USE: return _("Substance Use");
    case LW_CATEGORY_LEGAL: return _("Legal");
    case LW_CATEGORY_PROSECUTION: return _("Prosecution");
    case LW_CATEGORY_CARE_NOTES: return _("Care Notes");
    case LW_CATEGORY_LOCATION: return _("Location");
    case LW_CATEGORY_NONE:
    case LW_N_CATEGORIES:
    default:
      return "";
    }
}

/* "next_court_date" → "Next court date" */
static char *
member_label (const char *name)
{
  char *label = g_strdup (name ? name : "");

  g_strdelimit (label, "_", ' ');
  if (label[0] != '\0')
    label[0] = g_ascii_toupper (label[0]);
  return label;
}

static char *
member_text (const LwViewValue *value)
{
  if (value->type == LW_VIEW_VALUE_BOOL)
    return g_strdup (value->boolean ? _("Yes") : _("No"));
  return lw_view_value_to_text (value);
}

static const LwViewValue *
object_member (const LwViewValue *object,
               const char        *name)
{
  if (object->type != LW_VIEW_VALUE_OBJECT)
    return NULL;
  for (guint i = 0; i < object->children->len; i++)
    {
      const LwViewValue *child = g_ptr_array_index (object->children, i);

      if (g_strcmp0 (child->name, name) == 0)
        return child;
    }
  return NULL;
}

static GtkWidget *
add_group (LwParticipantDetail *self,
           const char          *title,
           const char          *description)
{
  GtkWidget *group = adw_preferences_group_new ();

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), title);
  if (description != NULL)
    adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group), description);
  gtk_box_append (GTK_BOX (self->box), group);
  return group;
}

static GtkWidget *
add_text_row (GtkWidget  *group,
              const char *title,
              const char *text)
{
  /* its texts wrap by arithmetic (lw-text-row.h): a history of fifty rows
   * laid out as action rows was most of a selection's frame */
  GtkWidget *row = lw_text_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  lw_text_row_set_subtitle (LW_TEXT_ROW (row), text ? text : "");
  gtk_widget_add_css_class (row, "lw-property");
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
  return row;
}

/* "Court: Municipal · Status: Pending" of every member but skip_a and skip_b */
static void
append_members (GString           *out,
                const LwViewValue *object,
                const LwViewValue *skip_a,
                const LwViewValue *skip_b)
{
  for (guint i = 0; i < object->children->len; i++)
    {
      const LwViewValue *child = g_ptr_array_index (object->children, i);
      g_autofree char *label = NULL;
      g_autofree char *text = NULL;

      if (child == skip_a || child == skip_b)
        continue;
      label = member_label (child->name);
      text = member_text (child);
      if (out->len > 0)
        g_string_append (out, " · ");
      /* Translators: a field and its value, "Court: Municipal" */
      g_string_append_printf (out, _("%s: %s"), label, text);
    }
}

/* The title member first ("text", "charge", "note", ...), the rest below. */
static void
add_object_row (GtkWidget         *group,
                const LwViewValue *object,
                const char        *fallback_title)
{
  static const char * const title_members[] = {
    "text", "charge", "note", "notes", "position", "recipient_role", "recipient_agency", "area", NULL
  };
  const LwViewValue *title = NULL;
  const LwViewValue *position = NULL;
  g_autoptr(GString) subtitle = g_string_new (NULL);
  g_autofree char *title_text = NULL;
  GtkWidget *row;

  if (object->type != LW_VIEW_VALUE_OBJECT)
    {
      g_autofree char *text = member_text (object);
      add_text_row (group, text, NULL);
      return;
    }

  for (guint i = 0; title == NULL && title_members[i] != NULL; i++)
    title = object_member (object, title_members[i]);

  /* a prosecution note leads with the position: "Hold — review at the next workgroup" */
  if (title != NULL && g_strcmp0 (title->name, "text") == 0)
    position = object_member (object, "position");
  if (position != NULL)
    {
      g_autofree char *position_text = member_text (position);
      g_autofree char *text = member_text (title);

      title_text = g_strdup_printf ("%s — %s", position_text, text);
      append_members (subtitle, object, title, position);
    }
  else
    {
      title_text = title ? member_text (title) : g_strdup (fallback_title);
      append_members (subtitle, object, title, NULL);
    }
  row = lw_text_row_new ();
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title_text);
  lw_text_row_set_subtitle (LW_TEXT_ROW (row), subtitle->str);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
}

static void
add_list_group (LwParticipantDetail *self,
                const LwViewField   *field)
{
  GtkWidget *group = add_group (self, field->label, NULL);
  /* a row without its title member: only an action item's text can be missing */
  const char *fallback = g_str_equal (field->key, "plan.action_items")
                         ? _("Action item (the text is not shown for your role)")
                         : field->label;

  if (field->value->type != LW_VIEW_VALUE_LIST)
    {
      g_autofree char *text = member_text (field->value);
      add_text_row (group, text, NULL);
      return;
    }
  /* contacts: the newest first, as a case manager reads them */
  if (g_str_equal (field->key, "care_notes.contacts"))
    for (guint i = field->value->children->len; i > 0; i--)
      add_object_row (group, g_ptr_array_index (field->value->children, i - 1), fallback);
  else
    for (guint i = 0; i < field->value->children->len; i++)
      add_object_row (group, g_ptr_array_index (field->value->children, i), fallback);
}

static char *
field_text (LwParticipantDetail *self,
            const char          *key)
{
  const LwViewField *field = lw_participant_view_lookup (self->view, key);

  return field && field->value ? member_text (field->value) : NULL;
}

/* Editing */

/* Rows in order, depth first, for keeping the keyboard focus over a refresh. */
static void
collect_rows (GtkWidget *widget,
              GPtrArray *rows)
{
  if (ADW_IS_PREFERENCES_ROW (widget))
    {
      g_ptr_array_add (rows, widget);
      return;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_rows (child, rows);
}

static int
focused_row_index (LwParticipantDetail *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root ? gtk_root_get_focus (root) : NULL;
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();

  if (focus == NULL || self->box == NULL || !gtk_widget_is_ancestor (focus, self->box))
    return -1;
  collect_rows (self->box, rows);
  for (guint i = 0; i < rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (rows, i);

      if (focus == row || gtk_widget_is_ancestor (focus, row))
        return (int) i;
    }
  return -1;
}

static void
focus_row_index (LwParticipantDetail *self,
                 int                  index)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();

  if (index < 0 || self->box == NULL)
    return;
  collect_rows (self->box, rows);
  if ((guint) index < rows->len)
    gtk_widget_grab_focus (g_ptr_array_index (rows, index));
}

/* Each row of the detail is an action row, and GTK lays a wrapping row's
 * labels out a dozen times or more when the row is first allocated (its box
 * asks each label how narrow it may be at the row's height, by trying widths).
 * A participant with a long history has more rows than a screen holds: the
 * first ROWS_AT_ONCE are drawn in the frame after the selection, and the
 * others are shown ROWS_AT_ONCE an idle, after that frame (each idle's rows
 * then measured alone).  Whatever a row holds is built with it; only when it
 * is laid out changes. */
#define ROWS_AT_ONCE 8

static void
hold_back (GtkWidget *widget)
{
  g_object_set_data (G_OBJECT (widget), "lw-held-back", GINT_TO_POINTER (TRUE));
  gtk_widget_set_visible (widget, FALSE);
}

static gboolean
show_held_back (GtkWidget *widget)
{
  if (g_object_get_data (G_OBJECT (widget), "lw-held-back") == NULL)
    return FALSE;
  g_object_set_data (G_OBJECT (widget), "lw-held-back", NULL);
  gtk_widget_set_visible (widget, TRUE);
  return TRUE;
}

static gboolean
reveal_next_cb (gpointer data)
{
  LwParticipantDetail *self = data;
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();
  guint shown = 0;

  if (self->box != NULL)
    collect_rows (self->box, rows);
  for (guint i = 0; i < rows->len && shown < ROWS_AT_ONCE; i++)
    {
      GtkWidget *row = g_ptr_array_index (rows, i);

      if (!show_held_back (row))
        continue;
      /* and the group it is in, the first time */
      for (GtkWidget *w = gtk_widget_get_parent (row); w != NULL && w != self->box; w = gtk_widget_get_parent (w))
        show_held_back (w);
      shown++;
    }
  if (shown > 0)
    return G_SOURCE_CONTINUE;
  self->reveal_source = 0;
  return G_SOURCE_REMOVE;
}

/* Every row at once: for keeping the focus over a refresh. */
static void
reveal_all (LwParticipantDetail *self)
{
  if (self->reveal_source == 0)
    return;
  while (reveal_next_cb (self) == G_SOURCE_CONTINUE)
    ;
}

static void
hold_back_rows (LwParticipantDetail *self)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();

  g_clear_handle_id (&self->reveal_source, g_source_remove);
  collect_rows (self->box, rows);
  if (rows->len <= 2 * ROWS_AT_ONCE)
    return;
  for (guint i = ROWS_AT_ONCE; i < rows->len; i++)
    if (gtk_widget_get_visible (g_ptr_array_index (rows, i)))
      hold_back (g_ptr_array_index (rows, i));
  /* a group none of whose rows is shown yet waits with them */
  for (GtkWidget *child = gtk_widget_get_first_child (self->box);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      g_autoptr(GPtrArray) in_child = g_ptr_array_new ();
      gboolean any_shown = FALSE;

      collect_rows (child, in_child);
      for (guint i = 0; i < in_child->len && !any_shown; i++)
        any_shown = gtk_widget_get_visible (g_ptr_array_index (in_child, i));
      if (in_child->len > 0 && !any_shown && gtk_widget_get_visible (child))
        hold_back (child);
    }
  /* after the frames (GDK_PRIORITY_REDRAW is higher) */
  self->reveal_source = g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, reveal_next_cb, self, NULL);
  g_source_set_name_by_id (self->reveal_source, "[lw] participant rows");
}

static void
detail_refresh (GObject *object)
{
  LwParticipantDetail *self = LW_PARTICIPANT_DETAIL (object);
  g_autoptr(GError) error = NULL;
  LwId id = self->id;
  int focused;

  if (id == 0 || self->store == NULL || !lw_store_is_unlocked (self->store))
    return;
  focused = focused_row_index (self);
  if (!lw_participant_detail_show (self, id, &error))
    g_debug ("Cannot show the participant again: %s", g_quark_to_string (error->domain));
  else
    {
      reveal_all (self);
      focus_row_index (self, focused);
    }
  g_signal_emit (self, signals[CHANGED], 0, (gint64) id);
}

static gboolean
refresh_idle_cb (gpointer data)
{
  LwParticipantDetail *self = data;

  self->refresh_source = 0;
  detail_refresh (G_OBJECT (self));
  return G_SOURCE_REMOVE;
}

/* Shown again from a fresh view, so what is on screen is what was saved; not
 * now, the row that asked is still emitting. */
static void
queue_refresh (LwParticipantDetail *self)
{
  if (self->refresh_source == 0)
    {
      self->refresh_source = g_idle_add (refresh_idle_cb, self);
      g_source_set_name_by_id (self->refresh_source, "[lw] participant refresh");
    }
}

static void
show_error (LwParticipantDetail *self,
            GtkWidget           *row,
            const GError        *error)
{
  g_autofree char *message = with_nothing_changed (error->message);

  gtk_label_set_label (self->error_label, message);
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
  if (row != NULL)
    gtk_widget_add_css_class (row, "error");
}

static gboolean
save (LwParticipantDetail *self,
      GtkWidget           *row,
      const LwTableInfo   *table,
      LwId                 id,
      const char * const  *columns,
      const char * const  *values)
{
  g_autoptr(GError) error = NULL;

  if (!lw_edit_save (GTK_WIDGET (self), self->store, table, id, columns, values,
                     G_OBJECT (self), detail_refresh, &error))
    {
      show_error (self, row, error);
      return FALSE;
    }
  queue_refresh (self);
  return TRUE;
}

static void
entry_apply_cb (AdwEntryRow         *row,
                LwParticipantDetail *self)
{
  const char *column = g_object_get_data (G_OBJECT (row), "lw-column");
  const LwTableInfo *table = g_object_get_data (G_OBJECT (row), "lw-table");
  LwId id = *(LwId *) g_object_get_data (G_OBJECT (row), "lw-id");
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));
  const char *columns[] = { column, NULL };
  const char *values[] = { text, NULL };

  save (self, GTK_WIDGET (row), table, id, columns, values);
  explicit_bzero (text, strlen (text));
}

static void
set_target (GObject           *row,
            const LwTableInfo *table,
            LwId               id,
            const char        *column)
{
  LwId *stored = g_new (LwId, 1);

  *stored = id;
  g_object_set_data (row, "lw-table", (gpointer) table);
  g_object_set_data_full (row, "lw-id", stored, g_free);
  g_object_set_data (row, "lw-column", (gpointer) column);
}

static GtkWidget *
add_entry_row (LwParticipantDetail *self,
               GtkWidget           *group,
               const char          *title,
               const char          *text,
               const LwTableInfo   *table,
               LwId                 id,
               const char          *column)
{
  GtkWidget *row = adw_entry_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_entry_row_set_show_apply_button (ADW_ENTRY_ROW (row), TRUE);
  gtk_editable_set_text (GTK_EDITABLE (row), text ? text : "");
  /* the undo history of an entry keeps copies that nothing wipes */
  gtk_editable_set_enable_undo (GTK_EDITABLE (row), FALSE);
  set_target (G_OBJECT (row), table, id, column);
  g_signal_connect_object (row, "apply", G_CALLBACK (entry_apply_cb), self, 0);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
  return row;
}

static void
combo_selected_cb (AdwComboRow         *row,
                   GParamSpec          *pspec,
                   LwParticipantDetail *self)
{
  const char *column = g_object_get_data (G_OBJECT (row), "lw-column");
  const LwTableInfo *table = g_object_get_data (G_OBJECT (row), "lw-table");
  LwId id = *(LwId *) g_object_get_data (G_OBJECT (row), "lw-id");
  const LwColumnInfo *info = lw_table_find_column (table, column);
  guint selected = adw_combo_row_get_selected (row);
  const char *columns[] = { column, NULL };
  const char *values[] = { lw_enum_to_string (info->enum_info, (int) selected), NULL };

  if (values[0] != NULL)
    save (self, GTK_WIDGET (row), table, id, columns, values);
}

static GtkWidget *
add_combo_row (LwParticipantDetail *self,
               GtkWidget           *group,
               const char          *title,
               const char          *current_label,
               const LwTableInfo   *table,
               LwId                 id,
               const char          *column)
{
  const LwColumnInfo *info = lw_table_find_column (table, column);
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
  GtkWidget *row = adw_combo_row_new ();
  guint selected = GTK_INVALID_LIST_POSITION;

  g_assert (info != NULL && info->enum_info != NULL);
  for (int i = 0; i < info->enum_info->n; i++)
    {
      const char *label = lw_enum_to_label (info->enum_info, i);

      gtk_string_list_append (labels, label);
      if (g_strcmp0 (label, current_label) == 0)
        selected = (guint) i;
    }

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (labels));
  adw_combo_row_set_selected (ADW_COMBO_ROW (row), selected);
  set_target (G_OBJECT (row), table, id, column);
  /* connected after the initial selection: that is not an edit */
  g_signal_connect_object (row, "notify::selected", G_CALLBACK (combo_selected_cb), self, 0);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
  return row;
}

static void
switch_active_cb (GtkSwitch           *sw,
                  GParamSpec          *pspec,
                  LwParticipantDetail *self)
{
  const char *columns[] = { "flagged", NULL };
  const char *values[] = { gtk_switch_get_active (sw) ? "yes" : "no", NULL };

  save (self, gtk_widget_get_parent (GTK_WIDGET (sw)), &lw_participant_table, self->id, columns, values);
}

/* The row toggles its switch, as an action row with it as its activatable
 * widget would (a click anywhere on the row, Enter or Space on it). */
static void
flag_row_activated_cb (GtkWidget *row,
                       GtkSwitch *sw)
{
  gtk_widget_mnemonic_activate (GTK_WIDGET (sw), FALSE);
}

/* An LwTextRow, not an AdwActionRow: the action row's wrapping title was
 * laid out 82 times at each selection (gdb on pango_layout_get_size). */
static void
add_flag_row (LwParticipantDetail *self,
              GtkWidget           *group,
              gboolean             flagged)
{
  GtkWidget *row = lw_text_row_new ();
  GtkWidget *sw = gtk_switch_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Flagged for the Next Meeting"));
  gtk_switch_set_active (GTK_SWITCH (sw), flagged);
  gtk_widget_set_valign (sw, GTK_ALIGN_CENTER);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (sw),
                                  GTK_ACCESSIBLE_RELATION_LABELLED_BY, row, NULL,
                                  -1);
  lw_text_row_add_suffix (LW_TEXT_ROW (row), sw);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  g_signal_connect_object (row, "activated", G_CALLBACK (flag_row_activated_cb), sw, 0);
  g_signal_connect_object (sw, "notify::active", G_CALLBACK (switch_active_cb), self, 0);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
}

/* ----------------------------------------------------------------------------
 * The participant's records and the form
 */

typedef struct
{
  const LwTableInfo *table;
  LwCategory         category;    /* made from the records where this is at full */
  const char        *name;        /* the view's lists they stand for: "<category>.<name>" */
  const char        *title;
  const char        *add_label;
  const char        *add_action;
  const char        *form_title;
} RecordKind;

static const RecordKind record_kinds[] = {
  { &lw_plan_goal_table, LW_CATEGORY_PLAN, "goals",
    N_("IIP Goals"), N_("_Add Goal"), "detail.add-goal", N_("New IIP Goal") },
  { &lw_contact_table, LW_CATEGORY_CARE_NOTES, "contacts",
    N_("Contacts"), N_("_Log Contact"), "detail.log-contact", N_("Log a Contact") },
  { &lw_legal_matter_table, LW_CATEGORY_LEGAL, "matters",
    N_("Legal Matters"), N_("Add _Matter"), "detail.add-matter", N_("New Legal Matter") },
  { &lw_consent_table, LW_CATEGORY_CARE_NOTES, "consents",
    N_("Releases of Information"), N_("Add _Release"), "detail.add-consent", N_("New Release of Information") },
};

static gboolean
at_full (LwParticipantDetail *self,
         LwCategory           category)
{
  return lw_participant_view_get_level (self->view, category) == LW_LEVEL_FULL;
}

/* The kind of records that a view field stands for here, or -1. */
static int
record_list_kind (LwParticipantDetail *self,
                  const LwViewField   *field)
{
  const char *dot = strchr (field->key, '.');

  if (dot == NULL)
    return -1;
  for (guint i = 0; i < G_N_ELEMENTS (record_kinds); i++)
    if (g_str_equal (dot + 1, record_kinds[i].name) && at_full (self, record_kinds[i].category))
      return (int) i;
  return -1;
}

/* The participant as a record for the questions of lw-edit.h: its id is all
 * they need (its releases are read from the store). */
static gpointer
participant_skeleton (LwParticipantDetail *self)
{
  LwParticipant *participant = lw_participant_new ();

  participant->id = self->id;
  return participant;
}

static gboolean
may_write_column (LwParticipantDetail *self,
                  gconstpointer        record,
                  const char          *name)
{
  const LwColumnInfo *column = lw_table_find_column (LW_RECORD (record)->table, name);

  return column != NULL && lw_edit_record_may_write (self->store, self->role, record, column);
}

/* Whether the form would offer anything of record to write. */
static gboolean
may_edit (LwParticipantDetail *self,
          gconstpointer        record,
          const char * const  *skip)
{
  g_autofree const LwColumnInfo **columns = lw_edit_form_columns (LW_RECORD (record)->table, NULL);

  for (guint i = 0; columns[i] != NULL; i++)
    if ((skip == NULL || !g_strv_contains (skip, columns[i]->name)) &&
        lw_edit_record_may_write (self->store, self->role, record, columns[i]))
      return TRUE;
  return FALSE;
}

/* The text of a field of record as the role may see it, or NULL; wipe it with
 * lw_secret_free().  Members named on the record as policy says. */
static char *
record_text (LwParticipantDetail *self,
             gconstpointer        record,
             const char          *name)
{
  const LwColumnInfo *column = lw_table_find_column (LW_RECORD (record)->table, name);
  char *text;

  if (column == NULL || !lw_edit_record_may_see (self->store, self->role, record, column))
    return NULL;
  if (column->type == LW_COLUMN_REF && g_strcmp0 (column->ref_table, "person") == 0)
    {
      LwId id = *(const LwId *) ((const char *) record + column->offset);
      g_autoptr(LwPerson) person = id ? lw_store_get (self->store, &lw_person_table, id, NULL) : NULL;

      return person ? lw_policy_person_label (person, (const char * const *) self->part2, self->levels) : NULL;
    }
  text = lw_edit_field_to_text (self->store, record, column, TRUE);
  if (text != NULL && text[0] == '\0')
    g_clear_pointer (&text, lw_secret_free);
  return text;
}

/* "Court: Municipal · Status: Pending" */
static char *
record_subtitle (LwParticipantDetail *self,
                 gconstpointer        record,
                 const char * const  *names)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; names[i] != NULL; i++)
    {
      const LwColumnInfo *column = lw_table_find_column (LW_RECORD (record)->table, names[i]);
      char *text = record_text (self, record, names[i]);

      if (text == NULL)
        continue;
      if (out->len > 0)
        g_string_append (out, " · ");
      /* Translators: a field and its value, "Court: Municipal" */
      g_string_append_printf (out, _("%s: %s"), _(column->label), text);
      lw_secret_free (text);
    }
  return g_string_free (out, FALSE);
}

/* "Case manager at Harbor Clinic", "Any role at Harbor Clinic", "Police officer" */
static char *
consent_recipient (LwParticipantDetail *self,
                   const LwConsent     *consent)
{
  char *role = record_text (self, consent, "recipient_role");
  char *agency = record_text (self, consent, "recipient_agency");
  char *text;

  if (role == NULL && agency == NULL)
    text = g_strdup (_("A release of information"));
  else if (agency == NULL)
    text = g_strdup (role);
  else
    /* Translators: a release's recipient: a role (or “Any role”) at an agency */
    text = g_strdup_printf (_("%s at %s"), role ? role : _("Any role"), agency);
  lw_secret_free (role);
  lw_secret_free (agency);
  return text;
}

static GtkWidget *
small_button (const char *icon,
              const char *label,
              const char *action,
              LwId        id)
{
  GtkWidget *button = icon ? gtk_button_new_from_icon_name (icon) : gtk_button_new_with_mnemonic (label);

  if (icon != NULL)
    {
      lw_tooltip_set_text (button, label);
      gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                      -1);
      gtk_widget_add_css_class (button, "circular");
    }
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action);
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "x", (gint64) id);
  return button;
}

static void
record_row_activated_cb (LwTextRow           *row,
                         LwParticipantDetail *self)
{
  const LwTableInfo *table = g_object_get_data (G_OBJECT (row), "lw-table");
  LwId id = *(LwId *) g_object_get_data (G_OBJECT (row), "lw-id");

  gtk_widget_activate_action (GTK_WIDGET (self), "detail.edit-record", "(sx)", table->name, (gint64) id);
}

static void
add_record_row (LwParticipantDetail *self,
                GtkWidget           *group,
                gconstpointer        record)
{
  static const char * const goal_fields[] = { "domain", "status", "target_date", "concerns", NULL };
  static const char * const contact_fields[] = { "staff_id", "note", "concerns", NULL };
  static const char * const matter_fields[] = {
    "case_number", "court", "status", "filed_date", "next_court_date", "before_referral", NULL
  };
  static const char * const consent_fields[] = { "categories", "signed_date", "expires", "revoked", NULL };
  const LwTableInfo *table = LW_RECORD (record)->table;
  LwId id = LW_RECORD (record)->id;
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;
  GtkWidget *row = lw_text_row_new ();

  if (table == &lw_plan_goal_table)
    {
      char *text = record_text (self, record, "text");

      title = g_strdup (text ? text : _("Goal"));
      lw_secret_free (text);
      subtitle = record_subtitle (self, record, goal_fields);
      if (may_write_column (self, record, "status") &&
          ((const LwPlanGoal *) record)->status != LW_GOAL_MET &&
          ((const LwPlanGoal *) record)->status != LW_GOAL_DROPPED)
        {
          lw_text_row_add_suffix (LW_TEXT_ROW (row),
                                     small_button ("object-select-symbolic", _("Mark Met"), "detail.goal-met", id));
          lw_text_row_add_suffix (LW_TEXT_ROW (row),
                                     small_button ("window-close-symbolic", _("Mark Dropped"), "detail.goal-dropped", id));
        }
    }
  else if (table == &lw_contact_table)
    {
      char *date = record_text (self, record, "date");
      char *kind = record_text (self, record, "kind");

      title = g_strdup_printf ("%s · %s", date ? date : "", kind ? kind : "");
      lw_secret_free (date);
      lw_secret_free (kind);
      subtitle = record_subtitle (self, record, contact_fields);
    }
  else if (table == &lw_legal_matter_table)
    {
      char *charge = record_text (self, record, "charge");

      title = g_strdup (charge ? charge : _("Legal matter"));
      lw_secret_free (charge);
      subtitle = record_subtitle (self, record, matter_fields);
    }
  else
    {
      title = consent_recipient (self, record);
      subtitle = record_subtitle (self, record, consent_fields);
      if (((const LwConsent *) record)->revoked == NULL && may_write_column (self, record, "revoked"))
        lw_text_row_add_suffix (LW_TEXT_ROW (row),
                                   small_button (NULL, _("Re_voke"), "detail.revoke-consent", id));
    }

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  lw_text_row_set_subtitle (LW_TEXT_ROW (row), subtitle);
  if (may_edit (self, record, NULL))
    {
      set_target (G_OBJECT (row), table, id, NULL);
      lw_text_row_add_suffix (LW_TEXT_ROW (row), gtk_image_new_from_icon_name ("document-edit-symbolic"));
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      g_signal_connect_object (row, "activated", G_CALLBACK (record_row_activated_cb), self, 0);
    }
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
  /* what a row showed is wiped when the next render drops it */
  explicit_bzero (title, strlen (title));
  explicit_bzero (subtitle, strlen (subtitle));
}

/* The plain sentences of lw_edit_describe_consents(): who may see what today. */
static void
add_consent_sentences (LwParticipantDetail *self)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) sentences = lw_edit_describe_consents (self->store, self->id, NULL, &error);
  GtkWidget *group;

  group = add_group (self, _("Who May See What Today"),
                     _("Beyond what each role may see anyway, because of the releases above."));
  if (sentences == NULL)
    {
      g_debug ("Cannot describe the releases: %s", g_quark_to_string (error->domain));
      add_text_row (group, _("The releases cannot be read."), NULL);
      return;
    }
  if (sentences[0] == NULL)
    add_text_row (group, _("No release is in effect today: each role sees what the workgroup’s table allows."), NULL);
  for (guint i = 0; sentences[i] != NULL; i++)
    add_text_row (group, sentences[i], NULL);
}

static void
add_record_group (LwParticipantDetail *self,
                  const RecordKind    *kind)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) records = NULL;
  GtkWidget *group = add_group (self, _(kind->title), NULL);
  const LwColumnInfo *lead;
  guint shown = 0;

  if (lw_edit_role_may_create (self->store, self->role, kind->table))
    {
      GtkWidget *button = gtk_button_new_with_mnemonic (_(kind->add_label));

      gtk_widget_add_css_class (button, "flat");
      gtk_actionable_set_action_name (GTK_ACTIONABLE (button), kind->add_action);
      adw_preferences_group_set_header_suffix (ADW_PREFERENCES_GROUP (group), button);
    }

  records = lw_model_list_for (self->store, kind->table, self->id, &error);
  if (records == NULL)
    {
      g_debug ("Cannot list %s: %s", kind->table->name, g_quark_to_string (error->domain));
      add_text_row (group, _("These records cannot be read."), NULL);
      return;
    }

  /* a record is listed where the role sees what it is about */
  lead = lw_table_find_column (kind->table,
                               kind->table == &lw_plan_goal_table ? "text" :
                               kind->table == &lw_contact_table ? "date" :
                               kind->table == &lw_legal_matter_table ? "case_number" : "categories");
  for (guint i = 0; i < records->len; i++)
    {
      /* contacts: the newest first, as a case manager reads them */
      guint index = kind->table == &lw_contact_table ? records->len - 1 - i : i;
      gconstpointer record = g_ptr_array_index (records, index);

      if (!lw_edit_record_may_see (self->store, self->role, record, lead))
        continue;
      add_record_row (self, group, record);
      shown++;
    }
  if (shown == 0)
    add_text_row (group, _("None recorded"), NULL);

  if (kind->table == &lw_consent_table)
    add_consent_sentences (self);
}

/* The form, in place of the page */

static void
open_form (LwParticipantDetail *self,
           gconstpointer        record,
           const char * const  *columns,
           const char          *title)
{
  lw_record_editor_open (self->editor, self->store, record, columns, title);
  gtk_stack_set_visible_child_name (self->stack, "editor");
  gtk_widget_grab_focus (GTK_WIDGET (self->editor));
}

static void
close_form (LwParticipantDetail *self)
{
  lw_record_editor_clear (self->editor);
  gtk_stack_set_visible_child_name (self->stack, "view");
}

static void
editor_saved_cb (LwParticipantDetail *self,
                 gint64               id)
{
  close_form (self);
  detail_refresh (G_OBJECT (self));
  gtk_widget_child_focus (GTK_WIDGET (self->box), GTK_DIR_TAB_FORWARD);
}

static void
editor_cancelled_cb (LwParticipantDetail *self)
{
  close_form (self);
  gtk_widget_child_focus (GTK_WIDGET (self->box), GTK_DIR_TAB_FORWARD);
}

static void
editor_undone_cb (LwParticipantDetail *self,
                  gint64               id)
{
  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "view") == 0)
    queue_refresh (self);
}

/* Actions */

static const char * const participant_status_columns[] = { "status", "exit_reason", NULL };

static gpointer
get_participant (LwParticipantDetail *self)
{
  g_autoptr(GError) error = NULL;
  gpointer participant;

  if (self->id == 0 || self->store == NULL || !lw_store_is_unlocked (self->store))
    return NULL;
  participant = lw_store_get (self->store, &lw_participant_table, self->id, &error);
  if (participant == NULL)
    show_error (self, NULL, error);
  return participant;
}

static void
edit_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  LwParticipantDetail *self = LW_PARTICIPANT_DETAIL (widget);
  g_autofree const LwColumnInfo **form = lw_edit_form_columns (&lw_participant_table, NULL);
  g_autoptr(GPtrArray) columns = g_ptr_array_new ();
  gpointer participant = get_participant (self);

  if (participant == NULL)
    return;
  /* the status has a form of its own, with the reason of an exit */
  for (guint i = 0; form[i] != NULL; i++)
    if (!g_strv_contains (participant_status_columns, form[i]->name))
      g_ptr_array_add (columns, (gpointer) form[i]->name);
  g_ptr_array_add (columns, NULL);
  open_form (self, participant, (const char * const *) columns->pdata, _("Edit Participant"));
  lw_record_free (participant);
}

static void
change_status_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  LwParticipantDetail *self = LW_PARTICIPANT_DETAIL (widget);
  gpointer participant = get_participant (self);

  if (participant == NULL)
    return;
  open_form (self, participant, participant_status_columns, _("Change Status"));
  lw_record_editor_hide_delete (self->editor);
  lw_record_free (participant);
}

static void
new_record_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  LwParticipantDetail *self = LW_PARTICIPANT_DETAIL (widget);
  const RecordKind *kind = NULL;
  const LwColumnInfo *parent;
  gpointer record;

  for (guint i = 0; i < G_N_ELEMENTS (record_kinds); i++)
    if (g_str_equal (record_kinds[i].add_action, action_name))
      kind = &record_kinds[i];
  g_assert (kind != NULL);
  if (self->id == 0 || self->store == NULL || !lw_store_is_unlocked (self->store))
    return;

  record = lw_edit_record_new (kind->table);
  parent = lw_table_find_column (kind->table, "participant_id");
  *(LwId *) ((char *) record + parent->offset) = self->id;
  /* a release is usually recorded the day it is signed */
  if (kind->table == &lw_consent_table)
    ((LwConsent *) record)->signed_date = lw_date_today ();
  /* a contact is most often the case manager's own */
  if (kind->table == &lw_contact_table)
    {
      g_autoptr(LwParticipant) participant = lw_store_get (self->store, &lw_participant_table, self->id, NULL);

      if (participant != NULL)
        ((LwContact *) record)->staff_id = participant->case_manager_id;
    }

  if (kind->table == &lw_consent_table)
    {
      /* nothing to revoke in a new release */
      static const char * const columns[] = {
        "recipient_role", "recipient_agency", "categories", "signed_date", "expires", NULL
      };

      open_form (self, record, columns, _(kind->form_title));
    }
  else
    open_form (self, record, NULL, _(kind->form_title));
  lw_record_free (record);
}

static void
edit_record_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  LwParticipantDetail *self = LW_PARTICIPANT_DETAIL (widget);
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;
  const char *table_name;
  const LwTableInfo *table;
  gint64 id;
  gpointer record;

  g_variant_get (parameter, "(&sx)", &table_name, &id);
  table = lw_store_find_table (table_name);
  if (table == NULL || self->store == NULL || !lw_store_is_unlocked (self->store))
    return;
  record = lw_store_get (self->store, table, id, &error);
  if (record == NULL)
    {
      show_error (self, NULL, error);
      return;
    }
  title = lw_edit_record_title (self->store, record);
  open_form (self, record, NULL, title);
  lw_record_free (record);
}

static void
goal_status_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  LwParticipantDetail *self = LW_PARTICIPANT_DETAIL (widget);
  const char *columns[] = { "status", NULL };
  const char *values[] = { g_str_equal (action_name, "detail.goal-met")
                           ? lw_enum_to_string (&lw_goal_status_info, LW_GOAL_MET)
                           : lw_enum_to_string (&lw_goal_status_info, LW_GOAL_DROPPED), NULL };

  save (self, NULL, &lw_plan_goal_table, g_variant_get_int64 (parameter), columns, values);
}

static void
revoke_consent_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  LwParticipantDetail *self = LW_PARTICIPANT_DETAIL (widget);
  static const char * const columns[] = { "revoked", NULL };
  g_autoptr(GError) error = NULL;
  GStrvBuilder *old = g_strv_builder_new ();
  gint64 id = g_variant_get_int64 (parameter);

  if (self->store == NULL || !lw_store_is_unlocked (self->store))
    {
      g_strv_builder_unref (old);
      return;
    }
  /* revoked as of today: undo takes the date away again */
  if (!lw_edit_revoke_consent (self->store, lw_settings_get_viewer_role (), id, NULL, &error))
    {
      g_strv_builder_unref (old);
      show_error (self, NULL, error);
      return;
    }
  g_strv_builder_add (old, "");
  show_edit_undo (widget, self->store, &lw_consent_table, id, columns,
                  g_strv_builder_end (old), G_OBJECT (self), detail_refresh, _("Release revoked"));
  g_strv_builder_unref (old);
  queue_refresh (self);
}

static void
add_part2_notice (LwParticipantDetail *self,
                  const char          *notice)
{
  GtkWidget *frame = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *heading = gtk_label_new (_("Protected by 42 CFR Part 2"));
  GtkWidget *label = gtk_label_new (notice);

  gtk_widget_add_css_class (frame, "lw-part2-notice");
  gtk_widget_add_css_class (heading, "heading");
  gtk_label_set_xalign (GTK_LABEL (heading), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "caption");
  gtk_box_append (GTK_BOX (frame), heading);
  gtk_box_append (GTK_BOX (frame), label);

  /* the prescribed English text stays; in another language its translation
   * follows, labelled as one */
  if (g_strcmp0 (notice, lw_policy_part2_notice ()) == 0 && lw_policy_part2_notice_translation () != NULL)
    {
      g_autofree char *text = g_strdup_printf ("%s %s", lw_policy_part2_notice_translation_label (),
                                               lw_policy_part2_notice_translation ());
      GtkWidget *translation = gtk_label_new (text);

      gtk_label_set_wrap (GTK_LABEL (translation), TRUE);
      gtk_label_set_xalign (GTK_LABEL (translation), 0);
      gtk_widget_add_css_class (translation, "caption");
      gtk_box_append (GTK_BOX (frame), translation);
    }
  gtk_box_append (GTK_BOX (self->box), frame);
}

static void
lw_participant_detail_render (LwParticipantDetail *self)
{
  GtkWidget *groups[LW_N_CATEGORIES] = { NULL, };
  g_autoptr(GPtrArray) in_place = g_ptr_array_new ();   /* view keys edited in their rows */
  g_autoptr(LwRecord) skeleton = NULL;
  gboolean shown[G_N_ELEMENTS (record_kinds)] = { FALSE, };
  GtkWidget *header;
  GtkWidget *title;
  GtkWidget *buttons;
  g_autofree char *name = NULL;
  g_autofree char *heading = NULL;
  const char *notice;
  static const char * const status_columns[] = { "status", "exit_reason", NULL };

  self->error_label = NULL;
  g_clear_handle_id (&self->reveal_source, g_source_remove);
  self->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 24);
  gtk_widget_set_margin_top (self->box, 24);
  gtk_widget_set_margin_bottom (self->box, 24);
  gtk_widget_set_margin_start (self->box, 12);
  gtk_widget_set_margin_end (self->box, 12);
  /* the old rows, and every value they showed, go with the old box */
  adw_clamp_set_child (self->clamp, self->box);

  if (self->view == NULL)
    return;

  skeleton = participant_skeleton (self);

  /* the code, which the room may always see, and the name at the viewer's level */
  name = field_text (self, "identity.preferred_name");
  if (name == NULL)
    name = field_text (self, "identity.legal_name");
  if (name == NULL)
    name = field_text (self, "identity.initials");
  heading = name ? g_strdup_printf ("%s · %s", lw_participant_view_get_code (self->view), name)
                 : g_strdup (lw_participant_view_get_code (self->view));
  header = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  title = gtk_label_new (heading);
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_wrap (GTK_LABEL (title), TRUE);
  gtk_label_set_selectable (GTK_LABEL (title), FALSE);
  gtk_widget_add_css_class (title, "title-2");
  gtk_accessible_update_property (GTK_ACCESSIBLE (title),
                                  GTK_ACCESSIBLE_PROPERTY_LEVEL, 1, -1);
  gtk_box_append (GTK_BOX (header), title);
  {
    /* Translators: %s is a role, “Community representative” */
    g_autofree char *as = g_strdup_printf (_("What the role “%s” may see"),
                                           lw_role_to_label (self->role));
    GtkWidget *role = gtk_label_new (as);

    gtk_label_set_xalign (GTK_LABEL (role), 0);
    gtk_widget_add_css_class (role, "dim-label");
    gtk_box_append (GTK_BOX (header), role);
  }

  /* what the role may change of the participant itself */
  buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  if (may_edit (self, skeleton, status_columns))
    {
      GtkWidget *button = gtk_button_new_with_mnemonic (_("_Edit"));

      gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "detail.edit");
      lw_tooltip_set_text (button, _("Edit the participant’s record"));
      gtk_box_append (GTK_BOX (buttons), button);
    }
  if (may_write_column (self, skeleton, "status"))
    {
      GtkWidget *button = gtk_button_new_with_mnemonic (_("Change _Status…"));

      gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "detail.change-status");
      gtk_box_append (GTK_BOX (buttons), button);
    }
  if (gtk_widget_get_first_child (buttons) != NULL)
    gtk_box_append (GTK_BOX (header), buttons);
  else
    g_object_unref (g_object_ref_sink (buttons));

  /* an alert: a screen reader says it when it appears */
  self->error_label = g_object_new (GTK_TYPE_LABEL,
                                    "accessible-role", GTK_ACCESSIBLE_ROLE_ALERT,
                                    NULL);
  gtk_label_set_wrap (self->error_label, TRUE);
  gtk_label_set_xalign (self->error_label, 0);
  gtk_widget_add_css_class (GTK_WIDGET (self->error_label), "error");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
  gtk_box_append (GTK_BOX (header), GTK_WIDGET (self->error_label));
  gtk_box_append (GTK_BOX (self->box), header);

  notice = lw_participant_view_get_notice (self->view);
  if (notice != NULL)
    add_part2_notice (self, notice);

  /* the fields edited in place come first in their group, even when unset */
  if (at_full (self, LW_CATEGORY_STATUS) && may_write_column (self, skeleton, "flagged"))
    {
      const LwViewField *flagged = lw_participant_view_lookup (self->view, "status.flagged");

      groups[LW_CATEGORY_STATUS] = add_group (self, category_title (LW_CATEGORY_STATUS), NULL);
      add_flag_row (self, groups[LW_CATEGORY_STATUS],
                    flagged != NULL && flagged->value != NULL && flagged->value->boolean);
      g_ptr_array_add (in_place, (gpointer) "status.flagged");
    }
  if (at_full (self, LW_CATEGORY_IDENTITY) && may_write_column (self, skeleton, "preferred_name"))
    {
      g_autofree char *preferred = field_text (self, "identity.preferred_name");

      groups[LW_CATEGORY_IDENTITY] = add_group (self, category_title (LW_CATEGORY_IDENTITY), NULL);
      add_entry_row (self, groups[LW_CATEGORY_IDENTITY], _("Preferred Name"), preferred,
                     &lw_participant_table, self->id, "preferred_name");
      g_ptr_array_add (in_place, (gpointer) "identity.preferred_name");
    }
  if (at_full (self, LW_CATEGORY_HOUSING) && may_write_column (self, skeleton, "housing_status"))
    {
      g_autofree char *housing = field_text (self, "housing.housing_status");

      groups[LW_CATEGORY_HOUSING] = add_group (self, category_title (LW_CATEGORY_HOUSING), NULL);
      add_combo_row (self, groups[LW_CATEGORY_HOUSING], _("Housing Status"), housing,
                     &lw_participant_table, self->id, "housing_status");
      g_ptr_array_add (in_place, (gpointer) "housing.housing_status");
    }
  g_ptr_array_add (in_place, NULL);

  for (guint i = 0; i < lw_participant_view_get_n_fields (self->view); i++)
    {
      const LwViewField *field = lw_participant_view_get_field (self->view, i);

      int kind = record_list_kind (self, field);

      if (g_strv_contains ((const char * const *) in_place->pdata, field->key))
        continue;
      /* the records the role sees in full, each with its form, where the view has their list */
      if (kind >= 0)
        {
          if (!shown[kind])
            add_record_group (self, &record_kinds[kind]);
          shown[kind] = TRUE;
          continue;
        }

      if (field->value->type == LW_VIEW_VALUE_LIST)
        {
          add_list_group (self, field);
          continue;
        }

      if (groups[field->category] == NULL)
        groups[field->category] = add_group (self, category_title (field->category), NULL);
      {
        g_autofree char *text = member_text (field->value);
        add_text_row (groups[field->category], field->label, text);
      }
    }

  /* and those of which there is none yet */
  for (guint i = 0; i < G_N_ELEMENTS (record_kinds); i++)
    if (!shown[i] && at_full (self, record_kinds[i].category))
      add_record_group (self, &record_kinds[i]);
}

static void
lw_participant_detail_dispose (GObject *object)
{
  LwParticipantDetail *self = LW_PARTICIPANT_DETAIL (object);

  g_clear_handle_id (&self->refresh_source, g_source_remove);
  g_clear_handle_id (&self->reveal_source, g_source_remove);
  /* a form left open is wiped before its widgets go */
  if (self->editor != NULL)
    lw_record_editor_clear (self->editor);
  adw_bin_set_child (ADW_BIN (self), NULL);
  self->stack = NULL;
  self->scrolled = NULL;
  self->clamp = NULL;
  self->box = NULL;
  self->error_label = NULL;
  self->editor = NULL;
  g_clear_pointer (&self->view, lw_participant_view_free);
  g_clear_pointer (&self->part2, g_strfreev);
  self->store = NULL;

  G_OBJECT_CLASS (lw_participant_detail_parent_class)->dispose (object);
}

static void
lw_participant_detail_class_init (LwParticipantDetailClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lw_participant_detail_dispose;

  /* after a change was saved or undone; the participant's id */
  signals[CHANGED] = g_signal_new ("changed",
                                   G_TYPE_FROM_CLASS (klass),
                                   G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL,
                                   G_TYPE_NONE, 1, G_TYPE_INT64);

  gtk_widget_class_install_action (widget_class, "detail.edit", NULL, edit_action);
  gtk_widget_class_install_action (widget_class, "detail.change-status", NULL, change_status_action);
  for (guint i = 0; i < G_N_ELEMENTS (record_kinds); i++)
    gtk_widget_class_install_action (widget_class, record_kinds[i].add_action, NULL, new_record_action);
  gtk_widget_class_install_action (widget_class, "detail.edit-record", "(sx)", edit_record_action);
  gtk_widget_class_install_action (widget_class, "detail.goal-met", "x", goal_status_action);
  gtk_widget_class_install_action (widget_class, "detail.goal-dropped", "x", goal_status_action);
  gtk_widget_class_install_action (widget_class, "detail.revoke-consent", "x", revoke_consent_action);
}

static void
lw_participant_detail_init (LwParticipantDetail *self)
{
  GtkWidget *editor_scrolled = gtk_scrolled_window_new ();
  GtkWidget *editor_clamp = adw_clamp_new ();

  self->stack = GTK_STACK (gtk_stack_new ());
  self->scrolled = GTK_SCROLLED_WINDOW (gtk_scrolled_window_new ());
  self->clamp = ADW_CLAMP (adw_clamp_new ());
  gtk_scrolled_window_set_policy (self->scrolled, GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_widget_set_vexpand (GTK_WIDGET (self->scrolled), TRUE);
  adw_clamp_set_maximum_size (self->clamp, 760);
  gtk_scrolled_window_set_child (self->scrolled, GTK_WIDGET (self->clamp));
  gtk_stack_add_named (self->stack, GTK_WIDGET (self->scrolled), "view");

  /* the form takes the page's place while it is open */
  self->editor = LW_RECORD_EDITOR (lw_record_editor_new ());
  gtk_widget_set_margin_top (GTK_WIDGET (self->editor), 24);
  gtk_widget_set_margin_bottom (GTK_WIDGET (self->editor), 24);
  gtk_widget_set_margin_start (GTK_WIDGET (self->editor), 12);
  gtk_widget_set_margin_end (GTK_WIDGET (self->editor), 12);
  g_signal_connect_object (self->editor, "saved", G_CALLBACK (editor_saved_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->editor, "cancelled", G_CALLBACK (editor_cancelled_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->editor, "undone", G_CALLBACK (editor_undone_cb), self, G_CONNECT_SWAPPED);
  adw_clamp_set_maximum_size (ADW_CLAMP (editor_clamp), 760);
  adw_clamp_set_child (ADW_CLAMP (editor_clamp), GTK_WIDGET (self->editor));
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (editor_scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (editor_scrolled), editor_clamp);
  gtk_stack_add_named (self->stack, editor_scrolled, "editor");

  gtk_stack_set_visible_child_name (self->stack, "view");
  adw_bin_set_child (ADW_BIN (self), GTK_WIDGET (self->stack));
}

GtkWidget *
lw_participant_detail_new (void)
{
  return g_object_new (LW_TYPE_PARTICIPANT_DETAIL, NULL);
}

void
lw_participant_detail_set_store (LwParticipantDetail *self,
                                 LwStore             *store)
{
  g_return_if_fail (LW_IS_PARTICIPANT_DETAIL (self));

  lw_participant_detail_clear (self);
  self->store = store;
}

gboolean
lw_participant_detail_show (LwParticipantDetail  *self,
                            LwId                  participant_id,
                            GError              **error)
{
  g_autoptr(LwAudience) audience = NULL;
  g_autoptr(LwParticipant) participant = NULL;
  g_autoptr(LwParticipantView) view = NULL;
  gint64 start = g_get_monotonic_time ();

  g_return_val_if_fail (LW_IS_PARTICIPANT_DETAIL (self), FALSE);
  g_return_val_if_fail (self->store != NULL, FALSE);

  participant = lw_store_get (self->store, &lw_participant_table, participant_id, error);
  if (participant == NULL)
    return FALSE;

  audience = lw_settings_dup_viewer_audience ();
  /* a person sees it: audited */
  view = lw_policy_view_participant (self->store, audience, participant, LW_VIEW_AUDITED, error);
  if (view == NULL)
    return FALSE;
  g_clear_pointer (&participant, lw_record_free);

  /* another participant, or the same again: a form left open goes */
  if (self->id != participant_id)
    close_form (self);

  g_clear_pointer (&self->view, lw_participant_view_free);
  self->view = g_steal_pointer (&view);
  self->id = participant_id;
  self->role = lw_settings_get_viewer_role ();
  for (int c = 0; c < LW_N_CATEGORIES; c++)
    self->levels[c] = lw_participant_view_get_level (self->view, c);
  g_clear_pointer (&self->part2, g_strfreev);
  self->part2 = lw_policy_get_part2_agencies (self->store);
  g_debug ("View of a participant made in %.1f ms", (g_get_monotonic_time () - start) / 1000.0);
  lw_participant_detail_render (self);
  hold_back_rows (self);
  g_debug ("Participant shown in %.1f ms", (g_get_monotonic_time () - start) / 1000.0);

  return TRUE;
}

void
lw_participant_detail_clear (LwParticipantDetail *self)
{
  g_return_if_fail (LW_IS_PARTICIPANT_DETAIL (self));

  close_form (self);
  g_clear_pointer (&self->view, lw_participant_view_free);
  g_clear_pointer (&self->part2, g_strfreev);
  self->id = 0;
  lw_participant_detail_render (self);
}

LwId
lw_participant_detail_get_id (LwParticipantDetail *self)
{
  g_return_val_if_fail (LW_IS_PARTICIPANT_DETAIL (self), 0);
  return self->id;
}

LwRecordEditor *
lw_participant_detail_get_editor (LwParticipantDetail *self)
{
  g_return_val_if_fail (LW_IS_PARTICIPANT_DETAIL (self), NULL);
  return self->editor;
}

gboolean
_lw_participant_detail_is_complete (LwParticipantDetail *self)
{
  g_return_val_if_fail (LW_IS_PARTICIPANT_DETAIL (self), FALSE);

  return self->reveal_source == 0;
}
