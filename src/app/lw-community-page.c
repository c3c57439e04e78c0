/* lw-community-page.c: the community's concerns, answered
 *
 * Every concern is listed from its view for the viewer (lw-concerns.h): the
 * area, the text, the planned response and the response are location
 * information, shown in full only where location is seen in full; at summary
 * the area and what kind of response it had, never free text; never the
 * participant a concern may name unless identity is seen in full.  Each row
 * says how long the concern has been (or was) open.  Respond opens the record
 * form on what was done; Close and Reopen move the status with an Undo toast.
 * Report Back writes what a community meeting is told, at the community
 * representative's level.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lw-community-page"

#include "config.h"

#include <glib/gi18n.h>

#include "lw/lw-concerns.h"
#include "lw/lw-edit.h"
#include "lw/lw-error.h"
#include "lw/lw-export.h"
#include "lw/lw-model.h"
#include "lw/lw-policy.h"

#include "lw-community-page.h"
#include "lw-settings.h"
#include "lw-status-page.h"
#include "lw-text-row.h"
#include "lw-participant-detail.h"
#include "lw-record-editor.h"
#include "lw-toast.h"

#define REPORT_BACK_DAYS 30

struct _LwCommunityPage
{
  AdwBin                parent_instance;

  /* template widgets */
  GtkStack             *stack;
  AdwPreferencesGroup  *group;
  GtkWidget            *new_button;
  GtkWidget            *empty_button;
  GtkWidget            *report_button;
  GtkPopover           *report_popover;
  GtkEntry             *report_from;
  GtkEntry             *report_to;
  GtkLabel             *report_error;
  LwRecordEditor       *editor;

  /* borrowed references */
  LwStore              *store;

  /* owned references */
  GPtrArray            *rows;       /* LwTextRow in the group */
  GArray               *ids;        /* LwId of each row, same order */
  GSettings            *settings;
  GtkNativeDialog      *file_chooser;
  char                 *report_path;
  guint                 reload_source;
  guint                 map_source;
  guint64               read_at;    /* the change count the list was read at */
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

/* Moves a concern to status as the role at the keyboard, with Undo; each step
 * is dated by the core. */
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
      lw_toast_show (GTK_WIDGET (self), error->message);
      if (row != NULL)
        gtk_widget_add_css_class (row, "error");
      return FALSE;
    }
  return TRUE;
}

static void
status_clicked_cb (GtkButton       *button,
                   LwCommunityPage *self)
{
  LwId id = *(LwId *) g_object_get_data (G_OBJECT (button), "lw-id");
  int status = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (button), "lw-status"));

  if (set_status (self, GTK_WIDGET (button), id, status) && self->reload_source == 0)
    /* not now: the button is still emitting */
    self->reload_source = g_idle_add (reload_idle_cb, self);
}

/* Respond: the form on what was done, the status one step on */
static void
respond_clicked_cb (GtkButton       *button,
                    LwCommunityPage *self)
{
  static const char * const columns[] = { "planned_response", "response_kind", "response", "status", NULL };
  g_autoptr(LwCommunityConcern) concern = NULL;
  LwId id = *(LwId *) g_object_get_data (G_OBJECT (button), "lw-id");

  if (self->store == NULL || !lw_store_is_unlocked (self->store))
    return;
  concern = lw_store_get (self->store, &lw_community_concern_table, id, NULL);
  if (concern == NULL)
    return;
  lw_record_editor_open (self->editor, self->store, concern, columns, _("Respond to the Concern"));
  /* responding moves it one step on, unless the form says otherwise */
  if (concern->status == LW_CONCERN_OPEN)
    lw_record_editor_set_text (self->editor, "status", lw_enum_to_string (&lw_concern_status_info,
                                                                          LW_CONCERN_RESPONDED));
  gtk_stack_set_visible_child_name (self->stack, "editor");
  gtk_widget_grab_focus (GTK_WIDGET (self->editor));
}

static void
lw_community_page_clear (LwCommunityPage *self)
{
  for (guint i = 0; self->rows != NULL && i < self->rows->len; i++)
    adw_preferences_group_remove (self->group, g_ptr_array_index (self->rows, i));
  if (self->rows != NULL)
    g_ptr_array_set_size (self->rows, 0);
  if (self->ids != NULL)
    g_array_set_size (self->ids, 0);
}

static GtkWidget *
row_button (LwCommunityPage *self,
            const char      *label,
            const char      *accessible,
            LwId             id,
            int              status,
            GCallback        callback)
{
  GtkWidget *button = gtk_button_new_with_mnemonic (label);
  LwId *data = g_new (LwId, 1);

  *data = id;
  g_object_set_data_full (G_OBJECT (button), "lw-id", data, g_free);
  g_object_set_data (G_OBJECT (button), "lw-status", GINT_TO_POINTER (status));
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
  g_signal_connect_object (button, "clicked", callback, self, 0);
  return button;
}

/* What the list is made from: when none of these changed, it is as read. */
static guint64
change_count (LwStore *store)
{
  return lw_store_get_change_count (store, &lw_community_concern_table) +
         lw_store_get_change_count (store, &lw_person_table) +
         lw_store_get_change_count (store, &lw_participant_table) +
         lw_store_get_change_count (store, &lw_consent_table);
}

void
lw_community_page_reload (LwCommunityPage *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) views = NULL;
  g_autoptr(LwAudience) audience = NULL;
  LwRole role = lw_settings_get_viewer_role ();
  gboolean may_respond = FALSE;
  gint64 start = g_get_monotonic_time ();

  g_return_if_fail (LW_IS_COMMUNITY_PAGE (self));

  g_clear_handle_id (&self->reload_source, g_source_remove);
  if (self->store != NULL && lw_store_is_unlocked (self->store))
    self->read_at = change_count (self->store);
  lw_community_page_clear (self);
  {
    gboolean may_create = self->store != NULL && lw_store_is_unlocked (self->store) &&
                          lw_edit_role_may_create (self->store, role, &lw_community_concern_table);

    gtk_widget_set_visible (self->new_button, may_create);
    gtk_widget_set_visible (self->empty_button, may_create);
    gtk_widget_action_set_enabled (GTK_WIDGET (self), "community.new", may_create);
    may_respond = may_create;
  }
  /* a form open stays in front of the list */
  if (!lw_record_editor_is_open (self->editor))
    gtk_stack_set_visible_child_name (self->stack, "empty");
  if (self->store == NULL || !lw_store_is_unlocked (self->store))
    return;

  audience = lw_settings_dup_viewer_audience ();
  views = lw_concerns_list_views (self->store, audience, 0, &error);
  if (views == NULL)
    {
      g_debug ("Cannot list community concerns: %s", error->message);
      return;
    }

  for (guint i = 0; i < views->len; i++)
    {
      const LwConcernView *v = g_ptr_array_index (views, i);
      g_autoptr(GString) title = g_string_new (v->area ? v->area : _("Area not shown"));
      g_autoptr(GString) subtitle = g_string_new (NULL);
      g_autofree char *age = lw_concern_age_text (v->age_days);
      const char *status = lw_enum_to_label (&lw_concern_status_info, v->status);
      GtkWidget *row = lw_text_row_new ();

      if (v->participant != NULL)
        g_string_append_printf (title, " · %s", v->participant);
      /* Translators: raised on a date, its status, and how long it has been open: "Raised 2026-11-02 · Responded · 9 days" */
      g_string_append_printf (subtitle, v->status == LW_CONCERN_CLOSED ? _("Raised %s · %s · was open %s")
                                                                       : _("Raised %s · %s · open %s"),
                              v->date ? v->date : "", status ? status : "", age);
      if (v->text != NULL)
        g_string_append_printf (subtitle, "\n%s", v->text);
      if (v->reported_by != NULL)
        {
          g_string_append_c (subtitle, '\n');
          /* Translators: %s is who reported a concern */
          g_string_append_printf (subtitle, _("Reported by %s"), v->reported_by);
        }
      if (v->planned_response != NULL)
        {
          /* Translators: %s is the planned response to a concern */
          g_string_append_c (subtitle, '\n');
          g_string_append_printf (subtitle, _("Planned response: %s"), v->planned_response);
        }
      if (v->response_kind != NULL || v->response != NULL)
        {
          g_string_append_c (subtitle, '\n');
          if (v->responded_date != NULL)
            /* Translators: %s is the date a concern was responded to */
            g_string_append_printf (subtitle, _("Responded %s: "), v->responded_date);
          if (v->response_kind != NULL)
            g_string_append (subtitle, v->response_kind);
          if (v->response != NULL)
            g_string_append_printf (subtitle, "%s%s", v->response_kind ? " — " : "", v->response);
        }
      if (v->level == LW_LEVEL_NONE)
        g_string_append_printf (subtitle, "\n%s", _("The details are not shown for your role."));

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title->str);
      lw_text_row_set_subtitle (LW_TEXT_ROW (row), subtitle->str);
      if (may_respond && v->level == LW_LEVEL_FULL)
        {
          if (v->status != LW_CONCERN_CLOSED)
            lw_text_row_add_suffix (LW_TEXT_ROW (row),
                                       row_button (self, _("_Respond…"), _("Respond to the concern"),
                                                   v->id, 0, G_CALLBACK (respond_clicked_cb)));
          if (v->status == LW_CONCERN_RESPONDED)
            lw_text_row_add_suffix (LW_TEXT_ROW (row),
                                       row_button (self, _("_Close"), _("Close the concern"),
                                                   v->id, LW_CONCERN_CLOSED, G_CALLBACK (status_clicked_cb)));
          if (v->status == LW_CONCERN_CLOSED)
            lw_text_row_add_suffix (LW_TEXT_ROW (row),
                                       row_button (self, _("Re_open"), _("Reopen the concern"),
                                                   v->id, LW_CONCERN_RESPONDED, G_CALLBACK (status_clicked_cb)));
        }

      adw_preferences_group_add (self->group, row);
      g_ptr_array_add (self->rows, row);
      g_array_append_val (self->ids, v->id);
    }

  if (views->len > 0 && !lw_record_editor_is_open (self->editor))
    gtk_stack_set_visible_child_name (self->stack, "list");
  g_debug ("Listed %u community concerns in %.0f ms", views->len,
           (g_get_monotonic_time () - start) / 1000.0);
}

/* Report Back: the period, then a file */

static void
report_saved (LwCommunityPage *self,
              const char      *path,
              GError          *error)
{
  if (error != NULL)
    {
      lw_toast_show (GTK_WIDGET (self), error->message);
      return;
    }
  lw_toast_show (GTK_WIDGET (self), _("Report back saved, at the community representative’s level"));
}

/* Writes the report back for the period in the popover to path. */
gboolean
_lw_community_page_save_report_back (LwCommunityPage  *self,
                                     const char       *path,
                                     GError          **error)
{
  const char *from = gtk_editable_get_text (GTK_EDITABLE (self->report_from));
  const char *to = gtk_editable_get_text (GTK_EDITABLE (self->report_to));

  if (self->store == NULL || !lw_store_is_unlocked (self->store))
    {
      g_set_error (error, LW_ERROR, LW_ERROR_LOCKED, _("The program is locked"));
      return FALSE;
    }
  return lw_concerns_report_back (self->store, from, to, path, lw_paper_default (), error);
}

static void
report_chooser_response_cb (GtkNativeDialog *dialog,
                            int              response,
                            LwCommunityPage *self)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
  g_clear_object (&self->file_chooser);
  if (file == NULL || (path = g_file_get_path (file)) == NULL)
    return;
  _lw_community_page_save_report_back (self, path, &error);
  report_saved (self, path, error);
}

static void
report_back_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  LwCommunityPage *self = LW_COMMUNITY_PAGE (widget);
  const char *format = g_variant_get_string (parameter, NULL);
  const char *from = gtk_editable_get_text (GTK_EDITABLE (self->report_from));
  const char *to = gtk_editable_get_text (GTK_EDITABLE (self->report_to));
  g_autofree char *name = NULL;
  GtkRoot *root = gtk_widget_get_root (widget);

  /* the period first: a bad one is said here, before a file is asked for */
  if (!lw_date_is_valid (from) || !lw_date_is_valid (to) || g_strcmp0 (from, to) > 0)
    {
      gtk_label_set_text (self->report_error,
                          !lw_date_is_valid (from) ? _("From: not a date; write it as YYYY-MM-DD")
                          : !lw_date_is_valid (to) ? _("To: not a date; write it as YYYY-MM-DD")
                          : _("The period starts after it ends; give a start on or before the end"));
      gtk_widget_set_visible (GTK_WIDGET (self->report_error), TRUE);
      gtk_widget_add_css_class (GTK_WIDGET (!lw_date_is_valid (from) ? self->report_from : self->report_to), "error");
      return;
    }
  gtk_widget_set_visible (GTK_WIDGET (self->report_error), FALSE);
  gtk_widget_remove_css_class (GTK_WIDGET (self->report_from), "error");
  gtk_widget_remove_css_class (GTK_WIDGET (self->report_to), "error");
  gtk_popover_popdown (self->report_popover);

  if (self->file_chooser != NULL)
    return;
  name = g_strdup_printf ("report-back-%s-%s.%s", from, to, format);
  self->file_chooser = GTK_NATIVE_DIALOG (gtk_file_chooser_native_new (_("Save the Report Back"),
                                                                        GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                                                        GTK_FILE_CHOOSER_ACTION_SAVE,
                                                                        _("_Save"), _("_Cancel")));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->file_chooser), name);
  gtk_native_dialog_set_modal (self->file_chooser, TRUE);
  g_signal_connect_object (self->file_chooser, "response", G_CALLBACK (report_chooser_response_cb), self, 0);
  gtk_native_dialog_show (self->file_chooser);
}

static void
report_popover_show_cb (LwCommunityPage *self)
{
  g_autofree char *today = lw_date_today ();
  g_autofree char *from = lw_date_add_days (today, -REPORT_BACK_DAYS);

  /* the last month, unless something else was typed */
  if (*gtk_editable_get_text (GTK_EDITABLE (self->report_from)) == '\0')
    gtk_editable_set_text (GTK_EDITABLE (self->report_from), from);
  if (*gtk_editable_get_text (GTK_EDITABLE (self->report_to)) == '\0')
    gtk_editable_set_text (GTK_EDITABLE (self->report_to), today);
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
  g_clear_pointer (&self->ids, g_array_unref);
  if (self->file_chooser != NULL)
    gtk_native_dialog_destroy (self->file_chooser);
  g_clear_object (&self->file_chooser);
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
  g_type_ensure (LW_TYPE_STATUS_PAGE);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/leadworkgroup/Workgroup/lw-community-page.ui");
  gtk_widget_class_bind_template_child (widget_class, LwCommunityPage, stack);
  gtk_widget_class_bind_template_child (widget_class, LwCommunityPage, group);
  gtk_widget_class_bind_template_child (widget_class, LwCommunityPage, new_button);
  gtk_widget_class_bind_template_child (widget_class, LwCommunityPage, empty_button);
  gtk_widget_class_bind_template_child (widget_class, LwCommunityPage, editor);
  gtk_widget_class_bind_template_child (widget_class, LwCommunityPage, report_button);
  gtk_widget_class_bind_template_child (widget_class, LwCommunityPage, report_popover);
  gtk_widget_class_bind_template_child (widget_class, LwCommunityPage, report_from);
  gtk_widget_class_bind_template_child (widget_class, LwCommunityPage, report_to);
  gtk_widget_class_bind_template_child (widget_class, LwCommunityPage, report_error);
  gtk_widget_class_bind_template_callback (widget_class, editor_done_cb);
  gtk_widget_class_bind_template_callback (widget_class, editor_undone_cb);

  gtk_widget_class_install_action (widget_class, "community.new", NULL, new_action);
  gtk_widget_class_install_action (widget_class, "community.report-back", "s", report_back_action);
}

static gboolean
lw_community_page_map_idle_cb (gpointer data)
{
  LwCommunityPage *self = data;

  self->map_source = 0;
  /* read again only when something it shows changed */
  if (self->store != NULL && lw_store_is_unlocked (self->store) && change_count (self->store) != self->read_at)
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
  self->ids = g_array_new (FALSE, FALSE, sizeof (LwId));
  g_signal_connect_object (self->report_popover, "show", G_CALLBACK (report_popover_show_cb), self,
                           G_CONNECT_SWAPPED);
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
  for (guint i = 0; i < self->ids->len; i++)
    if (g_array_index (self->ids, LwId, i) == concern_id)
      {
        gboolean ok = set_status (self, g_ptr_array_index (self->rows, i), concern_id, status);

        if (ok)
          lw_community_page_reload (self);
        return ok;
      }
  return FALSE;
}

GtkEditable *_lw_community_page_get_report_from (LwCommunityPage *self) { return GTK_EDITABLE (self->report_from); }
GtkEditable *_lw_community_page_get_report_to (LwCommunityPage *self) { return GTK_EDITABLE (self->report_to); }
GtkWidget *_lw_community_page_get_editor_widget (LwCommunityPage *self) { return GTK_WIDGET (self->editor); }
