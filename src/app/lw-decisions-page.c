/* lw-decisions-page.c: the officers' decisions, filtered and counted for the
 * review with officers and sergeants
 *
 * Everything on the page comes from a decision review for the viewer's
 * audience (lw-decisions.h): decisions and counts at legal full, counts alone
 * at summary, nothing at none; who decided only for the project manager and
 * the police, who alone get the officer filter.  An export is a review made
 * again for the audience it is for, with the same filters.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lw-decisions-page"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "lw/lw-decisions.h"
#include "lw/lw-edit.h"
#include "lw/lw-error.h"
#include "lw/lw-model.h"

#include "lw-decisions-page.h"
#include "lw-record-editor.h"
#include "lw-settings.h"
#include "lw-status-page.h"
#include "lw-text-row.h"
#include "lw-toast.h"
#include "lw-wrap-label.h"

struct _LwDecisionsPage
{
  AdwBin               parent_instance;

  /* template widgets */
  GtkStack            *stack;
  GtkWidget           *csv_button;
  GtkWidget           *pdf_button;
  GtkWidget           *new_button;
  GtkWidget           *empty_button;
  GtkDropDown         *officer_dropdown;
  GtkEntry            *from_entry;
  GtkEntry            *to_entry;
  GtkCheckButton      *not_diverted_check;
  GtkDropDown         *audience_dropdown;
  GtkLabel            *filter_error;
  GtkBox              *counts_box;
  AdwPreferencesGroup *officers_group;
  AdwPreferencesGroup *decisions_group;
  LwRecordEditor      *editor;

  /* borrowed references */
  LwStore             *store;

  /* owned references */
  LwDecisionReview    *review;
  GArray              *officer_ids;   /* LwId per officer_dropdown position; 0 first */
  GPtrArray           *rows;          /* in decisions_group and officers_group */
  GSettings           *settings;
  GtkNativeDialog     *file_chooser;
  LwDecisionsAudience  chooser_audience;
  guint                map_source;
  guint64              read_at;    /* the change count the review was read at */
  guint                loading : 1;
};

G_DEFINE_FINAL_TYPE (LwDecisionsPage, lw_decisions_page, ADW_TYPE_BIN)

static LwAudience *
audience_for (LwDecisionsAudience which)
{
  switch (which)
    {
    case LW_DECISIONS_FOR_POLICE:
      return lw_audience_new_for_roles (LW_ROLE_BIT (LW_ROLE_POLICE_OFFICER) |
                                        LW_ROLE_BIT (LW_ROLE_POLICE_SERGEANT) |
                                        LW_ROLE_BIT (LW_ROLE_PROJECT_MANAGER));
    case LW_DECISIONS_FOR_PROSECUTION:
      return lw_audience_new_for_roles (LW_ROLE_BIT (LW_ROLE_PROSECUTOR) |
                                        LW_ROLE_BIT (LW_ROLE_PUBLIC_DEFENDER));
    case LW_DECISIONS_FOR_VIEWER:
    default:
      return lw_settings_dup_viewer_audience ();
    }
}

static void
clear_rows (LwDecisionsPage *self)
{
  for (guint i = 0; i < self->rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (self->rows, i);
      GtkWidget *group = gtk_widget_get_ancestor (row, ADW_TYPE_PREFERENCES_GROUP);

      if (group != NULL)
        adw_preferences_group_remove (ADW_PREFERENCES_GROUP (group), row);
    }
  g_ptr_array_set_size (self->rows, 0);
  while (gtk_widget_get_first_child (GTK_WIDGET (self->counts_box)) != NULL)
    gtk_box_remove (self->counts_box, gtk_widget_get_first_child (GTK_WIDGET (self->counts_box)));
}

static void
add_count (LwDecisionsPage *self,
           guint            n,
           const char      *caption)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  g_autofree char *number = g_strdup_printf ("%u", n);
  g_autofree char *accessible = g_strdup_printf ("%s: %u", caption, n);
  GtkWidget *value = gtk_label_new (number);
  /* laid out once: five wrapping GtkLabels were 150 layouts of the first frame */
  GtkWidget *label = lw_wrap_label_new (caption);

  gtk_widget_add_css_class (box, "card");
  gtk_widget_add_css_class (value, "title-1");
  gtk_widget_add_css_class (label, "caption");
  gtk_widget_add_css_class (label, "dim-label");
  lw_wrap_label_set_centered (LW_WRAP_LABEL (label), TRUE);
  lw_wrap_label_set_min_chars (LW_WRAP_LABEL (label), 8);
  gtk_widget_set_margin_start (label, 6);
  gtk_widget_set_margin_end (label, 6);
  gtk_widget_set_margin_top (value, 8);
  gtk_widget_set_margin_bottom (label, 8);
  gtk_box_append (GTK_BOX (box), value);
  gtk_box_append (GTK_BOX (box), label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (box), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
  gtk_box_append (self->counts_box, box);
}

static void
add_row (LwDecisionsPage     *self,
         AdwPreferencesGroup *group,
         const char          *title,
         const char          *subtitle)
{
  GtkWidget *row = lw_text_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  lw_text_row_set_subtitle (LW_TEXT_ROW (row), subtitle);
  adw_preferences_group_add (group, row);
  g_ptr_array_add (self->rows, row);
}

static char *
row_subtitle (const LwDecisionRow *row)
{
  GString *s = g_string_new (NULL);

  if (row->officer != NULL)
    g_string_append_printf (s, "%s · ", row->officer);
  g_string_append (s, row->eligible ? _("eligible") : _("not eligible"));
  g_string_append (s, ", ");
  g_string_append (s, row->diverted ? _("diverted") : _("not diverted"));
  if (row->participant != NULL)
    g_string_append_printf (s, " · %s", row->participant);
  if (row->reason != NULL)
    g_string_append_printf (s, "\n%s", row->reason);
  return g_string_free (s, FALSE);
}

/* The filter as typed; FALSE (said under the filters) when a date is not one. */
static gboolean
read_filter (LwDecisionsPage  *self,
             LwDecisionFilter *filter)
{
  const char *from = gtk_editable_get_text (GTK_EDITABLE (self->from_entry));
  const char *to = gtk_editable_get_text (GTK_EDITABLE (self->to_entry));
  guint selected = gtk_drop_down_get_selected (self->officer_dropdown);
  const char *message = NULL;

  memset (filter, 0, sizeof *filter);
  gtk_widget_remove_css_class (GTK_WIDGET (self->from_entry), "error");
  gtk_widget_remove_css_class (GTK_WIDGET (self->to_entry), "error");
  if (*from != '\0' && !lw_date_is_valid (from))
    {
      message = _("From: not a date; write it as YYYY-MM-DD, for example 2026-03-31");
      gtk_widget_add_css_class (GTK_WIDGET (self->from_entry), "error");
    }
  else if (*to != '\0' && !lw_date_is_valid (to))
    {
      message = _("To: not a date; write it as YYYY-MM-DD, for example 2026-03-31");
      gtk_widget_add_css_class (GTK_WIDGET (self->to_entry), "error");
    }
  else if (*from != '\0' && *to != '\0' && g_strcmp0 (from, to) > 0)
    {
      message = _("The period starts after it ends; give a start on or before the end");
      gtk_widget_add_css_class (GTK_WIDGET (self->to_entry), "error");
    }
  gtk_widget_set_visible (GTK_WIDGET (self->filter_error), message != NULL);
  if (message != NULL)
    {
      gtk_label_set_text (self->filter_error, message);
      return FALSE;
    }
  filter->from = *from != '\0' ? (char *) from : NULL;
  filter->to = *to != '\0' ? (char *) to : NULL;
  filter->eligible_not_diverted = gtk_check_button_get_active (self->not_diverted_check);
  if (gtk_widget_get_visible (GTK_WIDGET (self->officer_dropdown)) &&
      selected != GTK_INVALID_LIST_POSITION && selected < self->officer_ids->len)
    filter->officer_id = g_array_index (self->officer_ids, LwId, selected);
  return TRUE;
}

/* The officers offered by the filter: police officers and sergeants, the
 * inactive ones too (their decisions stay). */
static void
load_officers (LwDecisionsPage *self,
               gboolean         shown)
{
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  g_autoptr(GPtrArray) people = NULL;
  LwId selected = 0;
  guint position = 0;
  LwId none = 0;

  if (gtk_drop_down_get_selected (self->officer_dropdown) < self->officer_ids->len)
    selected = g_array_index (self->officer_ids, LwId, gtk_drop_down_get_selected (self->officer_dropdown));
  g_array_set_size (self->officer_ids, 0);
  gtk_string_list_append (names, _("Every officer"));
  g_array_append_val (self->officer_ids, none);
  if (shown)
    people = lw_edit_list_members (self->store, TRUE, NULL);
  for (guint i = 0; people != NULL && i < people->len; i++)
    {
      const LwPerson *p = g_ptr_array_index (people, i);

      if (p->role != LW_ROLE_POLICE_OFFICER && p->role != LW_ROLE_POLICE_SERGEANT)
        continue;
      if (p->id == selected)
        position = self->officer_ids->len;
      gtk_string_list_append (names, p->name);
      g_array_append_val (self->officer_ids, p->id);
    }
  gtk_drop_down_set_model (self->officer_dropdown, G_LIST_MODEL (names));
  gtk_drop_down_set_selected (self->officer_dropdown, position);
  gtk_widget_set_visible (GTK_WIDGET (self->officer_dropdown), shown);
}

/* What the review is made from: when none of these changed, it is as read. */
static guint64
change_count (LwStore *store)
{
  return lw_store_get_change_count (store, &lw_diversion_decision_table) +
         lw_store_get_change_count (store, &lw_person_table) +
         lw_store_get_change_count (store, &lw_participant_table) +
         lw_store_get_change_count (store, &lw_consent_table);
}

void
lw_decisions_page_reload (LwDecisionsPage *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LwAudience) audience = NULL;
  g_autoptr(LwDecisionReview) everything = NULL;
  LwDecisionFilter filter;
  const LwDecisionCounts *counts;
  GPtrArray *rows, *officers;
  LwRole role = lw_settings_get_viewer_role ();
  gboolean may_create;
  gint64 start = g_get_monotonic_time ();

  g_return_if_fail (LW_IS_DECISIONS_PAGE (self));

  if (self->loading)
    return;
  self->loading = TRUE;
  if (self->store != NULL && lw_store_is_unlocked (self->store))
    self->read_at = change_count (self->store);
  clear_rows (self);
  g_clear_pointer (&self->review, lw_decision_review_free);
  if (self->store == NULL || !lw_store_is_unlocked (self->store))
    goto out;

  may_create = lw_edit_role_may_create (self->store, role, &lw_diversion_decision_table);
  gtk_widget_set_visible (self->new_button, may_create);
  gtk_widget_set_visible (self->empty_button, may_create);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "decisions.new", may_create);

  audience = lw_settings_dup_viewer_audience ();
  load_officers (self, lw_decisions_officers_visible (audience));
  if (!read_filter (self, &filter))
    goto out;
  self->review = lw_decision_review_new (self->store, audience, &filter, TRUE, &error);
  if (self->review == NULL)
    {
      gtk_label_set_text (self->filter_error, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->filter_error), TRUE);
      goto out;
    }

  if (lw_decision_review_get_level (self->review) == LW_LEVEL_NONE)
    {
      if (!lw_record_editor_is_open (self->editor))
        gtk_stack_set_visible_child_name (self->stack, may_create ? "empty" : "hidden");
      goto out;
    }

  /* nothing on record at all: say what to do first */
  everything = lw_decision_review_new (self->store, audience, NULL, FALSE, NULL);
  if (!lw_record_editor_is_open (self->editor))
    gtk_stack_set_visible_child_name (self->stack,
                                      everything != NULL && lw_decision_review_get_counts (everything)->total == 0
                                      ? "empty" : "list");

  counts = lw_decision_review_get_counts (self->review);
  add_count (self, counts->total, _("Decisions"));
  add_count (self, counts->eligible, _("Eligible"));
  add_count (self, counts->diverted, _("Diverted"));
  add_count (self, counts->eligible_not_diverted, _("Eligible but not diverted"));
  add_count (self, counts->not_eligible, _("Not eligible"));

  officers = lw_decision_review_get_officers (self->review);
  gtk_widget_set_visible (GTK_WIDGET (self->officers_group), officers->len > 0);
  for (guint i = 0; i < officers->len; i++)
    {
      const LwOfficerCounts *o = g_ptr_array_index (officers, i);
      g_autofree char *text = lw_decision_counts_to_text (&o->counts);

      add_row (self, self->officers_group, o->officer, text);
    }

  rows = lw_decision_review_get_rows (self->review);
  gtk_widget_set_visible (GTK_WIDGET (self->decisions_group),
                          lw_decision_review_get_level (self->review) == LW_LEVEL_FULL);
  adw_preferences_group_set_description (self->decisions_group,
                                         rows->len == 0 ? _("No decision matches these filters.") : _("Newest first."));
  for (guint i = 0; i < rows->len; i++)
    {
      const LwDecisionRow *row = g_ptr_array_index (rows, i);
      g_autofree char *title = g_strdup_printf ("%s · %s", row->date,
                                                row->incident_number ? row->incident_number : _("no incident number"));
      g_autofree char *subtitle = row_subtitle (row);

      add_row (self, self->decisions_group, title, subtitle);
    }
  g_debug ("Listed %u decisions in %.0f ms", rows->len, (g_get_monotonic_time () - start) / 1000.0);

out:
  self->loading = FALSE;
}

static void
filter_changed_cb (LwDecisionsPage *self)
{
  lw_decisions_page_reload (self);
}

static void
date_changed_cb (GtkEditable     *editable,
                 LwDecisionsPage *self)
{
  const char *text = gtk_editable_get_text (editable);

  /* a date is read once it is whole: no complaint while it is typed */
  if (*text == '\0' || strlen (text) >= 10)
    lw_decisions_page_reload (self);
}

/* Record a Decision: the form in place of the list */
static void
new_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  LwDecisionsPage *self = LW_DECISIONS_PAGE (widget);
  g_autoptr(LwDiversionDecision) decision = NULL;

  if (self->store == NULL || !lw_store_is_unlocked (self->store))
    return;
  decision = lw_edit_record_new (&lw_diversion_decision_table);
  decision->date = lw_date_today ();
  lw_record_editor_open (self->editor, self->store, decision, NULL, _("New Diversion Decision"));
  gtk_stack_set_visible_child_name (self->stack, "editor");
  gtk_widget_grab_focus (GTK_WIDGET (self->editor));
}

static void
editor_done_cb (LwDecisionsPage *self)
{
  lw_record_editor_clear (self->editor);
  lw_decisions_page_reload (self);
  gtk_widget_child_focus (gtk_stack_get_visible_child (self->stack), GTK_DIR_TAB_FORWARD);
}

static void
editor_undone_cb (LwDecisionsPage *self)
{
  if (!lw_record_editor_is_open (self->editor))
    lw_decisions_page_reload (self);
}

/* Export */

gboolean
_lw_decisions_page_export (LwDecisionsPage     *self,
                           LwDecisionsAudience  which,
                           const char          *path,
                           GError             **error)
{
  g_autoptr(LwAudience) audience = audience_for (which);
  g_autoptr(LwDecisionReview) review = NULL;
  LwDecisionFilter filter;

  g_return_val_if_fail (LW_IS_DECISIONS_PAGE (self), FALSE);

  if (self->store == NULL || !lw_store_is_unlocked (self->store))
    {
      g_set_error (error, LW_ERROR, LW_ERROR_LOCKED, _("The program is locked"));
      return FALSE;
    }
  if (!read_filter (self, &filter))
    {
      g_set_error_literal (error, LW_ERROR, LW_ERROR_INVALID, gtk_label_get_text (self->filter_error));
      return FALSE;
    }
  /* made again for who will read it: not what the screen shows */
  review = lw_decision_review_new (self->store, audience, &filter, TRUE, error);
  if (review == NULL)
    return FALSE;
  return lw_decision_review_export (self->store, review, path, lw_paper_default (), error);
}

static void
chooser_response_cb (GtkNativeDialog *dialog,
                     int              response,
                     LwDecisionsPage *self)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
  g_clear_object (&self->file_chooser);
  if (file == NULL || (path = g_file_get_path (file)) == NULL)
    return;
  if (!_lw_decisions_page_export (self, self->chooser_audience, path, &error))
    lw_toast_show (GTK_WIDGET (self), error->message);
  else
    lw_toast_show (GTK_WIDGET (self), _("Decision review saved, at the level of who will read it"));
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  LwDecisionsPage *self = LW_DECISIONS_PAGE (widget);
  const char *format = g_variant_get_string (parameter, NULL);
  GtkRoot *root = gtk_widget_get_root (widget);
  g_autofree char *name = NULL;
  g_autofree char *today = lw_date_today ();
  LwDecisionFilter filter;

  if (self->file_chooser != NULL || !read_filter (self, &filter))
    return;
  self->chooser_audience = gtk_drop_down_get_selected (self->audience_dropdown);
  name = g_strdup_printf ("decisions-%s-%s.%s", filter.from ? filter.from : "start", filter.to ? filter.to : today,
                          format);
  self->file_chooser = GTK_NATIVE_DIALOG (gtk_file_chooser_native_new (_("Export the Decision Review"),
                                                                        GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                                                        GTK_FILE_CHOOSER_ACTION_SAVE,
                                                                        _("_Save"), _("_Cancel")));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->file_chooser), name);
  gtk_native_dialog_set_modal (self->file_chooser, TRUE);
  g_signal_connect_object (self->file_chooser, "response", G_CALLBACK (chooser_response_cb), self, 0);
  gtk_native_dialog_show (self->file_chooser);
}

static void
viewer_role_changed_cb (LwDecisionsPage *self)
{
  /* a form opened for the old role goes */
  lw_record_editor_clear (self->editor);
  lw_decisions_page_reload (self);
}

static gboolean
map_idle_cb (gpointer data)
{
  LwDecisionsPage *self = data;

  self->map_source = 0;
  /* read again (and audited again) only when something it shows changed */
  if (self->store != NULL && lw_store_is_unlocked (self->store) && !lw_record_editor_is_open (self->editor) &&
      change_count (self->store) != self->read_at)
    lw_decisions_page_reload (self);
  return G_SOURCE_REMOVE;
}

static void
map_cb (LwDecisionsPage *self)
{
  if (self->map_source == 0)
    self->map_source = g_idle_add (map_idle_cb, self);
}

static void
lw_decisions_page_dispose (GObject *object)
{
  LwDecisionsPage *self = LW_DECISIONS_PAGE (object);

  g_clear_handle_id (&self->map_source, g_source_remove);
  if (self->file_chooser != NULL)
    gtk_native_dialog_destroy (self->file_chooser);
  g_clear_object (&self->file_chooser);
  g_clear_pointer (&self->review, lw_decision_review_free);
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_clear_pointer (&self->officer_ids, g_array_unref);
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), LW_TYPE_DECISIONS_PAGE);
  g_clear_object (&self->settings);
  self->store = NULL;

  G_OBJECT_CLASS (lw_decisions_page_parent_class)->dispose (object);
}

static void
lw_decisions_page_class_init (LwDecisionsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lw_decisions_page_dispose;

  g_type_ensure (LW_TYPE_RECORD_EDITOR);
  g_type_ensure (LW_TYPE_WRAP_LABEL);
  g_type_ensure (LW_TYPE_STATUS_PAGE);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/leadworkgroup/Workgroup/lw-decisions-page.ui");
  gtk_widget_class_bind_template_child (widget_class, LwDecisionsPage, stack);
  gtk_widget_class_bind_template_child (widget_class, LwDecisionsPage, csv_button);
  gtk_widget_class_bind_template_child (widget_class, LwDecisionsPage, pdf_button);
  gtk_widget_class_bind_template_child (widget_class, LwDecisionsPage, new_button);
  gtk_widget_class_bind_template_child (widget_class, LwDecisionsPage, empty_button);
  gtk_widget_class_bind_template_child (widget_class, LwDecisionsPage, officer_dropdown);
  gtk_widget_class_bind_template_child (widget_class, LwDecisionsPage, from_entry);
  gtk_widget_class_bind_template_child (widget_class, LwDecisionsPage, to_entry);
  gtk_widget_class_bind_template_child (widget_class, LwDecisionsPage, not_diverted_check);
  gtk_widget_class_bind_template_child (widget_class, LwDecisionsPage, audience_dropdown);
  gtk_widget_class_bind_template_child (widget_class, LwDecisionsPage, filter_error);
  gtk_widget_class_bind_template_child (widget_class, LwDecisionsPage, counts_box);
  gtk_widget_class_bind_template_child (widget_class, LwDecisionsPage, officers_group);
  gtk_widget_class_bind_template_child (widget_class, LwDecisionsPage, decisions_group);
  gtk_widget_class_bind_template_child (widget_class, LwDecisionsPage, editor);
  gtk_widget_class_bind_template_callback (widget_class, editor_done_cb);
  gtk_widget_class_bind_template_callback (widget_class, editor_undone_cb);

  gtk_widget_class_install_action (widget_class, "decisions.new", NULL, new_action);
  gtk_widget_class_install_action (widget_class, "decisions.export", "s", export_action);
}

static void
lw_decisions_page_init (LwDecisionsPage *self)
{
  g_autoptr(GtkStringList) audiences = gtk_string_list_new (NULL);

  gtk_widget_init_template (GTK_WIDGET (self));

  self->rows = g_ptr_array_new ();
  self->officer_ids = g_array_new (FALSE, FALSE, sizeof (LwId));
  gtk_string_list_append (audiences, _("Officers and sergeants"));
  gtk_string_list_append (audiences, _("Prosecutor and defender"));
  gtk_string_list_append (audiences, _("Your role"));
  gtk_drop_down_set_model (self->audience_dropdown, G_LIST_MODEL (audiences));

  g_signal_connect (self, "map", G_CALLBACK (map_cb), NULL);
  g_signal_connect_object (self->officer_dropdown, "notify::selected", G_CALLBACK (filter_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->not_diverted_check, "toggled", G_CALLBACK (filter_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->from_entry, "changed", G_CALLBACK (date_changed_cb), self, 0);
  g_signal_connect_object (self->to_entry, "changed", G_CALLBACK (date_changed_cb), self, 0);
  g_signal_connect_object (self->from_entry, "activate", G_CALLBACK (filter_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->to_entry, "activate", G_CALLBACK (filter_changed_cb), self, G_CONNECT_SWAPPED);
  self->settings = lw_settings_dup_gsettings ();
  if (self->settings != NULL)
    g_signal_connect_object (self->settings, "changed::viewer-role",
                             G_CALLBACK (viewer_role_changed_cb), self, G_CONNECT_SWAPPED);
}

void
lw_decisions_page_set_store (LwDecisionsPage *self,
                             LwStore         *store)
{
  g_return_if_fail (LW_IS_DECISIONS_PAGE (self));

  self->store = store;
  lw_decisions_page_reload (self);
}

gboolean
_lw_decisions_page_set_filter (LwDecisionsPage *self,
                               const char      *officer,
                               const char      *from,
                               const char      *to,
                               gboolean         eligible_not_diverted)
{
  guint position = 0;

  if (officer != NULL)
    {
      GListModel *model = G_LIST_MODEL (gtk_drop_down_get_model (self->officer_dropdown));

      position = GTK_INVALID_LIST_POSITION;
      for (guint i = 1; model != NULL && i < g_list_model_get_n_items (model); i++)
        if (g_strcmp0 (gtk_string_list_get_string (GTK_STRING_LIST (model), i), officer) == 0)
          position = i;
      if (position == GTK_INVALID_LIST_POSITION)
        return FALSE;
    }
  self->loading = TRUE;
  gtk_drop_down_set_selected (self->officer_dropdown, position);
  gtk_editable_set_text (GTK_EDITABLE (self->from_entry), from ? from : "");
  gtk_editable_set_text (GTK_EDITABLE (self->to_entry), to ? to : "");
  gtk_check_button_set_active (self->not_diverted_check, eligible_not_diverted);
  self->loading = FALSE;
  lw_decisions_page_reload (self);
  return self->review != NULL;
}

const LwDecisionReview *
_lw_decisions_page_get_review (LwDecisionsPage *self)
{
  return self->review;
}

guint
_lw_decisions_page_get_n_rows (LwDecisionsPage *self)
{
  return self->review ? lw_decision_review_get_rows (self->review)->len : 0;
}

GtkWidget *_lw_decisions_page_get_officer_dropdown (LwDecisionsPage *self) { return GTK_WIDGET (self->officer_dropdown); }
GtkLabel *_lw_decisions_page_get_filter_error (LwDecisionsPage *self) { return self->filter_error; }
