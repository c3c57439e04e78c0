/* lw-community-page.c: community concerns and the planned responses
 *
 * Area, text and planned response are location information.  At full level all
 * three are shown; at summary only the area (a neighbourhood, as DESIGN.md's
 * summary of location); at none only the date and the status.  The status is not
 * sensitive and is edited in place with undo.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lw-community-page"

#include "config.h"

#include <glib/gi18n.h>

#include "lw/lw-edit.h"
#include "lw/lw-model.h"
#include "lw/lw-policy.h"

#include "lw-community-page.h"
#include "lw-settings.h"
#include "lw-participant-detail.h"
#include "lw-record-editor.h"

struct _LwCommunityPage
{
  AdwBin                parent_instance;

  /* template widgets */
  GtkStack             *stack;
  AdwPreferencesGroup  *group;
  GtkWidget            *new_button;
  GtkWidget            *empty_button;
  LwRecordEditor       *editor;

  /* borrowed references */
  LwStore              *store;

  /* owned references */
  GPtrArray            *rows;       /* AdwActionRow in the group */
  GPtrArray            *dropdowns;  /* their status GtkDropDown, same order */
  GSettings            *settings;
  guint                 reload_source;
  guint                 map_source;
};

G_DEFINE_FINAL_TYPE (LwCommunityPage, lw_community_page, ADW_TYPE_BIN)

static void
reload_refresh (GObject *object)
{
  lw_community_page_reload (LW_COMMUNITY_PAGE (object));
}

static gboolean
reload_idle_cb (gpointer data)
{
  LwCommunityPage *self = data;

  self->reload_source = 0;
  lw_community_page_reload (self);
  return G_SOURCE_REMOVE;
}

static gboolean
set_status (LwCommunityPage *self,
            GtkWidget       *row,
            LwId             id,
            int              status)
{
  g_autoptr(GError) error = NULL;
  const char *columns[] = { "status", NULL };
  const char *values[] = { lw_enum_to_string (&lw_concern_status_info, status), NULL };

  if (values[0] == NULL)
    return FALSE;
  if (!lw_edit_save (GTK_WIDGET (self), self->store, &lw_community_concern_table, id,
                     columns, values, G_OBJECT (self), reload_refresh, &error))
    {
      g_debug ("Cannot change a concern: %s", error->message);
      if (row != NULL)
        gtk_widget_add_css_class (row, "error");
      return FALSE;
    }
  return TRUE;
}

static void
status_selected_cb (GtkDropDown     *dropdown,
                    GParamSpec      *pspec,
                    LwCommunityPage *self)
{
  LwId id = *(LwId *) g_object_get_data (G_OBJECT (dropdown), "lw-id");

  if (set_status (self, GTK_WIDGET (dropdown), id, (int) gtk_drop_down_get_selected (dropdown)) &&
      self->reload_source == 0)
    /* not now: the row is still emitting */
    self->reload_source = g_idle_add (reload_idle_cb, self);
}

static int
compare_newest_first (gconstpointer a_,
                      gconstpointer b_)
{
  const LwCommunityConcern *a = *(LwCommunityConcern * const *) a_;
  const LwCommunityConcern *b = *(LwCommunityConcern * const *) b_;
  int result = g_strcmp0 (b->date, a->date);

  return result != 0 ? result : (a->id < b->id ? 1 : a->id > b->id ? -1 : 0);
}

static void
lw_community_page_clear (LwCommunityPage *self)
{
  for (guint i = 0; self->rows != NULL && i < self->rows->len; i++)
    adw_preferences_group_remove (self->group, g_ptr_array_index (self->rows, i));
  if (self->rows != NULL)
    g_ptr_array_set_size (self->rows, 0);
  if (self->dropdowns != NULL)
    g_ptr_array_set_size (self->dropdowns, 0);
}

void
lw_community_page_reload (LwCommunityPage *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) concerns = NULL;
  g_autoptr(GPtrArray) no_consents = g_ptr_array_new ();
  g_autoptr(LwAudience) audience = NULL;
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
  g_autofree char *today = lw_date_today ();
  LwLevel levels[LW_N_CATEGORIES];
  LwPolicyMatrix matrix;
  gint64 start = g_get_monotonic_time ();

  g_return_if_fail (LW_IS_COMMUNITY_PAGE (self));

  g_clear_handle_id (&self->reload_source, g_source_remove);
  lw_community_page_clear (self);
  {
    gboolean may_create = self->store != NULL && lw_store_is_unlocked (self->store) &&
                          lw_edit_role_may_create (self->store, lw_settings_get_viewer_role (),
                                                   &lw_community_concern_table);

    gtk_widget_set_visible (self->new_button, may_create);
    gtk_widget_set_visible (self->empty_button, may_create);
    gtk_widget_action_set_enabled (GTK_WIDGET (self), "community.new", may_create);
  }
  /* a form open stays in front of the list */
  if (!lw_record_editor_is_open (self->editor))
    gtk_stack_set_visible_child_name (self->stack, "empty");
  if (self->store == NULL || !lw_store_is_unlocked (self->store))
    return;

  concerns = lw_store_list (self->store, &lw_community_concern_table, NULL, 0, &error);
  if (concerns == NULL)
    {
      g_debug ("Cannot list community concerns: %s", error->message);
      return;
    }
  g_ptr_array_sort (concerns, compare_newest_first);

  for (int i = 0; i < lw_concern_status_info.n; i++)
    gtk_string_list_append (labels, lw_enum_to_label (&lw_concern_status_info, i));

  audience = lw_settings_dup_viewer_audience ();
  lw_policy_load_matrix (self->store, &matrix);
  lw_policy_resolve_levels (&matrix, audience, no_consents, today, levels);

  for (guint i = 0; i < concerns->len; i++)
    {
      LwCommunityConcern *concern = g_ptr_array_index (concerns, i);
      LwLevel level = levels[LW_CATEGORY_LOCATION];
      g_autoptr(GString) title = g_string_new (concern->date ? concern->date : _("Undated"));
      g_autoptr(GString) subtitle = g_string_new (NULL);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *dropdown = gtk_drop_down_new (G_LIST_MODEL (g_object_ref (labels)), NULL);
      LwId *id = g_new (LwId, 1);

      /* a concern about a participant follows that participant's releases */
      if (concern->participant_id != 0)
        {
          g_autoptr(GError) level_error = NULL;

          level = lw_policy_get_level (self->store, audience, concern->participant_id,
                                       LW_CATEGORY_LOCATION, &level_error);
        }

      if (level >= LW_LEVEL_SUMMARY && concern->area != NULL)
        g_string_append_printf (title, " · %s", concern->area);
      if (level == LW_LEVEL_FULL)
        {
          if (concern->text != NULL)
            g_string_append (subtitle, concern->text);
          if (concern->planned_response != NULL)
            {
              if (subtitle->len > 0)
                g_string_append (subtitle, "\n");
              /* Translators: %s is the planned response to a concern */
              g_string_append_printf (subtitle, _("Planned response: %s"), concern->planned_response);
            }
        }
      else
        g_string_append (subtitle, _("The details are not shown for your role."));
      if (concern->reported_by != NULL && level == LW_LEVEL_FULL)
        /* Translators: %s is who reported a concern */
        g_string_append_printf (subtitle, "\n%s", concern->reported_by);

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title->str);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle->str);
      adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
      gtk_drop_down_set_selected (GTK_DROP_DOWN (dropdown), (guint) concern->status);
      gtk_widget_set_valign (dropdown, GTK_ALIGN_CENTER);
      gtk_widget_set_tooltip_text (dropdown, _("Status"));
      gtk_accessible_update_property (GTK_ACCESSIBLE (dropdown),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, _("Status of the concern"),
                                      -1);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), dropdown);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), dropdown);
      *id = LW_RECORD (concern)->id;
      g_object_set_data_full (G_OBJECT (dropdown), "lw-id", id, g_free);
      /* connected after the initial selection: that is not an edit */
      g_signal_connect_object (dropdown, "notify::selected", G_CALLBACK (status_selected_cb), self, 0);

      adw_preferences_group_add (self->group, row);
      g_ptr_array_add (self->rows, row);
      g_ptr_array_add (self->dropdowns, dropdown);
    }

  if (concerns->len > 0 && !lw_record_editor_is_open (self->editor))
    gtk_stack_set_visible_child_name (self->stack, "list");
  g_debug ("Listed %u community concerns in %.0f ms", concerns->len,
           (g_get_monotonic_time () - start) / 1000.0);
}

/* Record a Concern: the form in place of the list */
static void
new_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  LwCommunityPage *self = LW_COMMUNITY_PAGE (widget);
  LwCommunityConcern *concern;

  if (self->store == NULL || !lw_store_is_unlocked (self->store))
    return;
  concern = lw_edit_record_new (&lw_community_concern_table);
  concern->date = lw_date_today ();
  lw_record_editor_open (self->editor, self->store, concern, NULL, _("New Community Concern"));
  lw_record_free (concern);
  gtk_stack_set_visible_child_name (self->stack, "editor");
  gtk_widget_grab_focus (GTK_WIDGET (self->editor));
}

static void
editor_done_cb (LwCommunityPage *self)
{
  lw_record_editor_clear (self->editor);
  lw_community_page_reload (self);
  gtk_widget_child_focus (gtk_stack_get_visible_child (self->stack), GTK_DIR_TAB_FORWARD);
}

static void
editor_undone_cb (LwCommunityPage *self)
{
  if (!lw_record_editor_is_open (self->editor))
    lw_community_page_reload (self);
}

static void
viewer_role_changed_cb (LwCommunityPage *self)
{
  /* a form opened for the old role goes */
  lw_record_editor_clear (self->editor);
  lw_community_page_reload (self);
}

static void
lw_community_page_dispose (GObject *object)
{
  LwCommunityPage *self = LW_COMMUNITY_PAGE (object);

  g_clear_handle_id (&self->reload_source, g_source_remove);
  g_clear_handle_id (&self->map_source, g_source_remove);
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_clear_pointer (&self->dropdowns, g_ptr_array_unref);
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), LW_TYPE_COMMUNITY_PAGE);
  g_clear_object (&self->settings);
  self->store = NULL;

  G_OBJECT_CLASS (lw_community_page_parent_class)->dispose (object);
}

static void
lw_community_page_class_init (LwCommunityPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lw_community_page_dispose;

  g_type_ensure (LW_TYPE_RECORD_EDITOR);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/leadworkgroup/Workgroup/lw-community-page.ui");
  gtk_widget_class_bind_template_child (widget_class, LwCommunityPage, stack);
  gtk_widget_class_bind_template_child (widget_class, LwCommunityPage, group);
  gtk_widget_class_bind_template_child (widget_class, LwCommunityPage, new_button);
  gtk_widget_class_bind_template_child (widget_class, LwCommunityPage, empty_button);
  gtk_widget_class_bind_template_child (widget_class, LwCommunityPage, editor);
  gtk_widget_class_bind_template_callback (widget_class, editor_done_cb);
  gtk_widget_class_bind_template_callback (widget_class, editor_undone_cb);

  gtk_widget_class_install_action (widget_class, "community.new", NULL, new_action);
}

static gboolean
lw_community_page_map_idle_cb (gpointer data)
{
  LwCommunityPage *self = data;

  self->map_source = 0;
  if (self->store != NULL)
    lw_community_page_reload (self);
  return G_SOURCE_REMOVE;
}

/* not while mapping: the rows are made again */
static void
lw_community_page_map_cb (LwCommunityPage *self)
{
  if (self->map_source == 0)
    self->map_source = g_idle_add (lw_community_page_map_idle_cb, self);
}

static void
lw_community_page_init (LwCommunityPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  /* shown again: items agreed or changed in meeting mode meanwhile appear */
  g_signal_connect (self, "map", G_CALLBACK (lw_community_page_map_cb), NULL);

  self->rows = g_ptr_array_new ();
  self->dropdowns = g_ptr_array_new ();
  self->settings = lw_settings_dup_gsettings ();
  if (self->settings != NULL)
    g_signal_connect_object (self->settings, "changed::viewer-role",
                             G_CALLBACK (viewer_role_changed_cb), self, G_CONNECT_SWAPPED);
}

void
lw_community_page_set_store (LwCommunityPage *self,
                             LwStore         *store)
{
  g_return_if_fail (LW_IS_COMMUNITY_PAGE (self));

  self->store = store;
  lw_community_page_reload (self);
}

guint
_lw_community_page_get_n_rows (LwCommunityPage *self)
{
  return self->rows->len;
}

gboolean
_lw_community_page_set_status (LwCommunityPage *self,
                               LwId             concern_id,
                               int              status)
{
  for (guint i = 0; i < self->dropdowns->len; i++)
    {
      GtkDropDown *dropdown = g_ptr_array_index (self->dropdowns, i);

      if (*(LwId *) g_object_get_data (G_OBJECT (dropdown), "lw-id") == concern_id)
        {
          gtk_drop_down_set_selected (dropdown, (guint) status);
          return TRUE;
        }
    }
  return FALSE;
}
