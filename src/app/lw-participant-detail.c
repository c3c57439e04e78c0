/* lw-participant-detail.c: one participant, as the viewer may see it, edited in place
 *
 * Everything shown comes from one audited view made for the viewer's role; a
 * category the role may not see is not in the view, so it cannot be shown.  The
 * fields the viewer sees at full level can be edited in place: each change is one
 * update of one record, saved at once, with a toast that can undo it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lw-participant-detail"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "lw/lw-error.h"
#include "lw/lw-model.h"
#include "lw/lw-policy.h"
#include "lw/lw-view.h"

#include "lw-participant-detail.h"
#include "lw-toast.h"
#include "lw-settings.h"
#include "lw-preferences-window.h"

struct _LwParticipantDetail
{
  AdwBin             parent_instance;

  /* child widgets */
  GtkScrolledWindow *scrolled;
  AdwClamp          *clamp;
  GtkWidget         *box;           /* rebuilt on every show */
  GtkLabel          *error_label;   /* in box */

  /* borrowed references */
  LwStore           *store;

  /* owned references */
  LwParticipantView *view;
  GArray            *goal_ids;      /* LwId of the view's goals, in the view's order */

  LwId               id;
  guint              refresh_source;
};

G_DEFINE_FINAL_TYPE (LwParticipantDetail, lw_participant_detail, ADW_TYPE_BIN)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* ----------------------------------------------------------------------------
 * Saving with undo
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
    memset (strv[i], 0, strlen (strv[i]));
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

/* Writes values into a copy of the record: all or nothing. old_values gets the
 * previous text of each column when not NULL. */
static gboolean
edit_write (LwStore            *store,
            const LwTableInfo  *table,
            LwId                id,
            const char * const *columns,
            const char * const *values,
            GStrv              *old_values,
            gboolean           *changed,
            GError            **error)
{
  gpointer record = NULL;
  g_autoptr(GStrvBuilder) old = g_strv_builder_new ();
  gboolean any = FALSE;
  gboolean ok = FALSE;

  record = lw_store_get (store, table, id, error);
  if (record == NULL)
    return FALSE;

  for (guint i = 0; columns[i] != NULL; i++)
    {
      const LwColumnInfo *column = lw_table_find_column (table, columns[i]);
      g_autofree char *before = NULL;
      g_autofree char *after = NULL;

      g_assert (column != NULL);
      before = lw_record_get_string (record, column);
      if (!lw_record_set_from_string (record, column, values[i], error))
        goto out;
      after = lw_record_get_string (record, column);
      any |= g_strcmp0 (before, after) != 0;
      g_strv_builder_add (old, before ? before : "");
      if (before != NULL)
        memset (before, 0, strlen (before));
      if (after != NULL)
        memset (after, 0, strlen (after));
    }

  if (any && !lw_store_update (store, record, error))
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

  if (!edit_write (undo->store, undo->table, undo->id,
                   (const char * const *) undo->columns,
                   (const char * const *) undo->values,
                   NULL, &changed, &error))
    {
      g_debug ("Cannot undo: %s", error->message);
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
  EditUndo *undo;

  g_return_val_if_fail (store != NULL, FALSE);
  g_return_val_if_fail (table != NULL, FALSE);
  g_return_val_if_fail (columns != NULL && values != NULL, FALSE);

  if (!edit_write (store, table, id, columns, values, &old_values, &changed, error))
    return FALSE;
  if (!changed)
    return TRUE;

  undo = g_new0 (EditUndo, 1);
  undo->store = store;
  undo->table = table;
  undo->id = id;
  undo->columns = g_strdupv ((GStrv) columns);
  undo->values = g_steal_pointer (&old_values);
  undo->refresh = refresh;
  g_weak_ref_init (&undo->widget, widget);
  g_weak_ref_init (&undo->object, object);

  lw_toast_show_undo (widget, _("Saved"), G_CALLBACK (edit_undo_cb), undo, edit_undo_free);
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
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), text ? text : "");
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
  if (title != NULL && g_strcmp0 (title->name, "text") == 0 && object_member (object, "position") != NULL)
    {
      const LwViewValue *position = object_member (object, "position");
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
  row = adw_action_row_new ();
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title_text);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle->str);
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 0);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
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

static gboolean
at_full (LwParticipantDetail *self,
         LwCategory           category)
{
  return lw_participant_view_get_level (self->view, category) == LW_LEVEL_FULL;
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
    g_debug ("Cannot show the participant again: %s", error->message);
  else
    focus_row_index (self, focused);
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

static void
show_error (LwParticipantDetail *self,
            GtkWidget           *row,
            const GError        *error)
{
  g_autofree char *message = g_strdup_printf (_("%s. Nothing was changed."), error->message);

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

  /* shown again from a fresh view, so what is on screen is what was saved; not
   * now, the row that asked is still emitting */
  if (self->refresh_source == 0)
    {
      self->refresh_source = g_idle_add (refresh_idle_cb, self);
      g_source_set_name_by_id (self->refresh_source, "[lw] participant refresh");
    }
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
  g_autofree char *today = lw_date_today ();
  const char *columns[] = { column, NULL };
  const char *values[] = { text, NULL };

  /* a last contact is today or before: "today" is understood, a future date is not */
  if (table == &lw_participant_table && g_str_equal (column, "last_contact"))
    {
      if (g_ascii_strcasecmp (text, "today") == 0)
        values[0] = today;
      else if (lw_date_is_valid (text) && strcmp (text, today) > 0)
        {
          g_autoptr(GError) error = g_error_new_literal (LW_ERROR, LW_ERROR_INVALID,
                                                         _("The last contact cannot be after today"));

          show_error (self, GTK_WIDGET (row), error);
          return;
        }
    }

  save (self, GTK_WIDGET (row), table, id, columns, values);
  memset (text, 0, strlen (text));
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
  const char *name = lw_enum_to_string (info->enum_info, (int) selected);
  g_autofree char *today = lw_date_today ();

  if (name == NULL)
    return;

  /* a new status is dated, for the agenda's "status change" */
  if (table == &lw_participant_table && g_str_equal (column, "status"))
    {
      const char *columns[] = { "status", "status_changed", NULL };
      const char *values[] = { name, today, NULL };

      save (self, GTK_WIDGET (row), table, id, columns, values);
    }
  else
    {
      const char *columns[] = { column, NULL };
      const char *values[] = { name, NULL };

      save (self, GTK_WIDGET (row), table, id, columns, values);
    }
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
  const char *values[] = { gtk_switch_get_active (sw) ? "true" : "false", NULL };

  save (self, gtk_widget_get_parent (GTK_WIDGET (sw)), &lw_participant_table, self->id, columns, values);
}

static void
add_flag_row (LwParticipantDetail *self,
              GtkWidget           *group,
              gboolean             flagged)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *sw = gtk_switch_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Flagged for the Next Meeting"));
  gtk_switch_set_active (GTK_SWITCH (sw), flagged);
  gtk_widget_set_valign (sw, GTK_ALIGN_CENTER);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (sw),
                                  GTK_ACCESSIBLE_RELATION_LABELLED_BY, row, NULL,
                                  -1);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), sw);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), sw);
  g_signal_connect_object (sw, "notify::active", G_CALLBACK (switch_active_cb), self, 0);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
}

/* Plan goals at full: text and status editable, one pair of rows per goal. */
static void
add_goals (LwParticipantDetail *self,
           const LwViewField   *field)
{
  GtkWidget *group = add_group (self, field->label, NULL);
  const LwViewValue *list = field->value;

  g_assert (list->type == LW_VIEW_VALUE_LIST);
  for (guint i = 0; i < list->children->len; i++)
    {
      const LwViewValue *goal = g_ptr_array_index (list->children, i);
      const LwViewValue *domain = object_member (goal, "domain");
      const LwViewValue *text = object_member (goal, "text");
      const LwViewValue *status = object_member (goal, "status");
      const LwViewValue *target = object_member (goal, "target_date");
      g_autofree char *title = NULL;
      LwId goal_id;

      /* the view keeps no ids: goals come in the store's order (by id) */
      if (self->goal_ids == NULL || i >= self->goal_ids->len)
        {
          add_object_row (group, goal, field->label);
          continue;
        }
      goal_id = g_array_index (self->goal_ids, LwId, i);

      if (target && target->text)
        /* Translators: a plan goal's domain and its target date */
        title = g_strdup_printf (_("%s, by %s"), domain && domain->text ? domain->text : _("Goal"), target->text);
      else
        title = g_strdup (domain && domain->text ? domain->text : _("Goal"));

      add_entry_row (self, group, title, text ? text->text : NULL,
                     &lw_plan_goal_table, goal_id, "text");
      add_combo_row (self, group, _("Goal Status"), status ? status->text : NULL,
                     &lw_plan_goal_table, goal_id, "status");
    }
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

static gboolean
is_edited_here (const char *key)
{
  static const char * const keys[] = {
    "status.status", "status.last_contact", "status.flagged",
    "identity.preferred_name", "housing.housing_status", NULL
  };

  return g_strv_contains (keys, key);
}

static void
lw_participant_detail_render (LwParticipantDetail *self)
{
  GtkWidget *groups[LW_N_CATEGORIES] = { NULL, };
  GtkWidget *header;
  GtkWidget *title;
  g_autofree char *name = NULL;
  g_autofree char *heading = NULL;
  const char *notice;

  self->error_label = NULL;
  self->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 24);
  gtk_widget_set_margin_top (self->box, 24);
  gtk_widget_set_margin_bottom (self->box, 24);
  gtk_widget_set_margin_start (self->box, 12);
  gtk_widget_set_margin_end (self->box, 12);
  /* the old rows, and every value they showed, go with the old box */
  adw_clamp_set_child (self->clamp, self->box);

  if (self->view == NULL)
    return;

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
                                           lw_role_to_label (lw_settings_get_viewer_role ()));
    GtkWidget *role = gtk_label_new (as);

    gtk_label_set_xalign (GTK_LABEL (role), 0);
    gtk_widget_add_css_class (role, "dim-label");
    gtk_box_append (GTK_BOX (header), role);
  }

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
  if (at_full (self, LW_CATEGORY_STATUS))
    {
      g_autofree char *status = field_text (self, "status.status");
      g_autofree char *last = field_text (self, "status.last_contact");
      const LwViewField *flagged = lw_participant_view_lookup (self->view, "status.flagged");

      groups[LW_CATEGORY_STATUS] = add_group (self, category_title (LW_CATEGORY_STATUS), NULL);
      add_combo_row (self, groups[LW_CATEGORY_STATUS], _("Status"), status,
                     &lw_participant_table, self->id, "status");
      add_entry_row (self, groups[LW_CATEGORY_STATUS], _("Last Contact (YYYY-MM-DD)"), last,
                     &lw_participant_table, self->id, "last_contact");
      add_flag_row (self, groups[LW_CATEGORY_STATUS],
                    flagged != NULL && flagged->value != NULL && flagged->value->boolean);
    }
  if (at_full (self, LW_CATEGORY_IDENTITY))
    {
      g_autofree char *preferred = field_text (self, "identity.preferred_name");

      groups[LW_CATEGORY_IDENTITY] = add_group (self, category_title (LW_CATEGORY_IDENTITY), NULL);
      add_entry_row (self, groups[LW_CATEGORY_IDENTITY], _("Preferred Name"), preferred,
                     &lw_participant_table, self->id, "preferred_name");
    }
  if (at_full (self, LW_CATEGORY_HOUSING))
    {
      g_autofree char *housing = field_text (self, "housing.housing_status");

      groups[LW_CATEGORY_HOUSING] = add_group (self, category_title (LW_CATEGORY_HOUSING), NULL);
      add_combo_row (self, groups[LW_CATEGORY_HOUSING], _("Housing Status"), housing,
                     &lw_participant_table, self->id, "housing_status");
    }

  for (guint i = 0; i < lw_participant_view_get_n_fields (self->view); i++)
    {
      const LwViewField *field = lw_participant_view_get_field (self->view, i);

      if (field->level == LW_LEVEL_FULL && is_edited_here (field->key))
        continue;

      if (g_str_equal (field->key, "plan.goals") && field->level == LW_LEVEL_FULL &&
          field->value->type == LW_VIEW_VALUE_LIST)
        {
          add_goals (self, field);
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
}

static void
lw_participant_detail_dispose (GObject *object)
{
  LwParticipantDetail *self = LW_PARTICIPANT_DETAIL (object);

  g_clear_handle_id (&self->refresh_source, g_source_remove);
  adw_bin_set_child (ADW_BIN (self), NULL);
  self->scrolled = NULL;
  self->clamp = NULL;
  self->box = NULL;
  self->error_label = NULL;
  g_clear_pointer (&self->view, lw_participant_view_free);
  g_clear_pointer (&self->goal_ids, g_array_unref);
  self->store = NULL;

  G_OBJECT_CLASS (lw_participant_detail_parent_class)->dispose (object);
}

static void
lw_participant_detail_class_init (LwParticipantDetailClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = lw_participant_detail_dispose;

  /* after a change was saved or undone; the participant's id */
  signals[CHANGED] = g_signal_new ("changed",
                                   G_TYPE_FROM_CLASS (klass),
                                   G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL,
                                   G_TYPE_NONE, 1, G_TYPE_INT64);
}

static void
lw_participant_detail_init (LwParticipantDetail *self)
{
  self->scrolled = GTK_SCROLLED_WINDOW (gtk_scrolled_window_new ());
  self->clamp = ADW_CLAMP (adw_clamp_new ());
  gtk_scrolled_window_set_policy (self->scrolled, GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_widget_set_vexpand (GTK_WIDGET (self->scrolled), TRUE);
  adw_clamp_set_maximum_size (self->clamp, 760);
  gtk_scrolled_window_set_child (self->scrolled, GTK_WIDGET (self->clamp));
  adw_bin_set_child (ADW_BIN (self), GTK_WIDGET (self->scrolled));
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

  g_clear_pointer (&self->goal_ids, g_array_unref);
  if (lw_participant_view_get_level (view, LW_CATEGORY_PLAN) == LW_LEVEL_FULL)
    {
      g_autoptr(GPtrArray) goals = lw_model_list_for (self->store, &lw_plan_goal_table,
                                                      participant_id, error);

      if (goals == NULL)
        return FALSE;
      self->goal_ids = g_array_new (FALSE, FALSE, sizeof (LwId));
      for (guint i = 0; i < goals->len; i++)
        g_array_append_val (self->goal_ids, LW_RECORD (g_ptr_array_index (goals, i))->id);
    }

  g_clear_pointer (&self->view, lw_participant_view_free);
  self->view = g_steal_pointer (&view);
  self->id = participant_id;
  lw_participant_detail_render (self);

  return TRUE;
}

void
lw_participant_detail_clear (LwParticipantDetail *self)
{
  g_return_if_fail (LW_IS_PARTICIPANT_DETAIL (self));

  g_clear_pointer (&self->view, lw_participant_view_free);
  g_clear_pointer (&self->goal_ids, g_array_unref);
  self->id = 0;
  lw_participant_detail_render (self);
}

LwId
lw_participant_detail_get_id (LwParticipantDetail *self)
{
  g_return_val_if_fail (LW_IS_PARTICIPANT_DETAIL (self), 0);
  return self->id;
}
