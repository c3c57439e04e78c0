/* lw-export-window.c: printing and saving minutes, handouts and action lists
 *
 * The audience is chosen every time: the window opens with the most restrictive
 * role among the people who will read the document (the meeting's attendees not
 * marked absent; an action list's owner) and never remembers a previous choice.
 * The document is built from policy views only when Print or Save is pressed, and
 * every file or print job is recorded in the audit log by the core.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lw-export"

#include "config.h"

#include <glib/gi18n.h>

#include "lw/lw-agenda.h"
#include "lw/lw-error.h"
#include "lw/lw-i18n.h"
#include "lw/lw-model.h"
#include "lw/lw-policy.h"

#include "lw-export-window.h"
#include "lw-format.h"
#include "lw-print-preview.h"
#include "lw-settings.h"
#include "lw-toast.h"

struct _LwExportWindow
{
  AdwWindow             parent_instance;

  /* template widgets */
  AdwToastOverlay      *toast_overlay;
  AdwWindowTitle       *window_title;
  AdwActionRow         *subject_row;
  AdwComboRow          *owner_row;
  GtkFlowBox           *role_box;
  AdwComboRow          *format_row;
  AdwComboRow          *paper_row;
  AdwComboRow          *language_row;
  GtkLabel             *audience_line;
  GtkLabel             *error_label;

  /* borrowed references */
  LwStore              *store;
  GtkCheckButton       *role_checks[LW_N_ROLES];

  /* owned references */
  LwMeeting            *meeting;        /* minutes and handout */
  GArray               *owner_ids;      /* LwId per owner_row position */
  GtkNativeDialog      *file_chooser;

  LwExportKind          kind;
  guint                 updating : 1;
  guint                 previewed : 1;   /* the last print operation was a preview */
};

G_DEFINE_FINAL_TYPE (LwExportWindow, lw_export_window, ADW_TYPE_WINDOW)

static const char *
kind_name (LwExportKind kind)
{
  switch (kind)
    {
    case LW_EXPORT_KIND_MINUTES: return "minutes";
    case LW_EXPORT_KIND_HANDOUT: return "handout";
    case LW_EXPORT_KIND_ACTIONS: return "actions";
    default: g_assert_not_reached ();
    }
}

/* The role in mask whose row of the current matrix shows least (consent counted
 * as full, the most it can show); ties go to the later role, as in the core. */
static LwRole
most_restrictive_in (LwStore *store,
                     guint    mask)
{
  LwPolicyMatrix matrix;
  LwRole best = LW_ROLE_EVALUATOR;
  int best_score = G_MAXINT;

  lw_policy_load_matrix (store, &matrix);
  if ((mask & LW_ALL_ROLES) == 0)
    return lw_policy_most_restrictive_role (&matrix);

  for (int r = 0; r < LW_N_ROLES; r++)
    {
      int score = 0;

      if (!(mask & LW_ROLE_BIT (r)))
        continue;
      for (int c = 0; c < LW_N_CATEGORIES; c++)
        {
          LwLevel level = matrix.cells[r][c];

          score += level == LW_LEVEL_CONSENT ? LW_LEVEL_FULL : (int) level;
        }
      if (score <= best_score)
        {
          best_score = score;
          best = r;
        }
    }
  return best;
}

static LwId
selected_owner (LwExportWindow *self)
{
  guint pos = adw_combo_row_get_selected (self->owner_row);

  if (self->owner_ids == NULL || pos >= self->owner_ids->len)
    return 0;
  return g_array_index (self->owner_ids, LwId, pos);
}

static void
update_state (LwExportWindow *self)
{
  guint roles = lw_export_window_get_roles (self);
  gboolean ok = roles != 0 && (self->kind != LW_EXPORT_KIND_ACTIONS || selected_owner (self) != 0);
  g_autofree char *text = NULL;

  if (roles == 0)
    text = g_strdup (_("Choose at least one role: who will read it?"));
  else
    {
      g_autofree char *labels = lw_format_roles (roles);

      text = g_strdup_printf (_("Audience on every page: %s"), labels);
    }
  gtk_label_set_text (self->audience_line, text);

  gtk_widget_set_sensitive (GTK_WIDGET (self->paper_row),
                            lw_export_window_get_format (self) == LW_EXPORT_PDF);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "export.save", ok);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "export.print", ok);
}

static void
clear_error (LwExportWindow *self)
{
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
}

static void
show_error (LwExportWindow *self,
            const char     *what,
            const GError   *error)
{
  /* core messages name files, tables and rows, never a sensitive value */
  g_autofree char *text = g_strdup_printf ("%s %s", what, error ? error->message : "");

  gtk_label_set_text (self->error_label, text);
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
}

static void
role_toggled_cb (LwExportWindow *self)
{
  if (self->updating)
    return;
  clear_error (self);
  update_state (self);
}

/* The recipients' most restrictive role, preselected every time the window opens
 * or the owner changes. */
static void
preselect_audience (LwExportWindow *self)
{
  g_autoptr(GError) error = NULL;
  guint mask = 0;

  if (self->kind == LW_EXPORT_KIND_ACTIONS)
    {
      g_autoptr(LwPerson) owner = NULL;
      LwId id = selected_owner (self);

      owner = id ? lw_store_get (self->store, &lw_person_table, id, &error) : NULL;
      if (owner != NULL)
        mask = LW_ROLE_BIT (owner->role);
    }
  else if (self->meeting != NULL)
    {
      mask = lw_agenda_room_roles (self->store, self->meeting->id, &error);
    }

  if (error != NULL)
    show_error (self, _("Could not read who will receive it; choose the audience yourself."), error);

  lw_export_window_set_roles (self, LW_ROLE_BIT (most_restrictive_in (self->store, mask)));
}

static void
focus_first_role (LwExportWindow *self)
{
  for (int role = 0; role < LW_N_ROLES; role++)
    if (gtk_check_button_get_active (self->role_checks[role])
        && gtk_widget_get_sensitive (GTK_WIDGET (self->role_checks[role])))
      {
        gtk_window_set_focus (GTK_WINDOW (self), GTK_WIDGET (self->role_checks[role]));
        return;
      }
}

static void
owner_selected_cb (LwExportWindow *self)
{
  if (self->updating)
    return;
  clear_error (self);
  preselect_audience (self);
}

static LwDocument *
build_document (LwExportWindow  *self,
                GError         **error)
{
  g_autoptr(LwAudience) audience = NULL;
  guint roles = lw_export_window_get_roles (self);
  LwDocument *document;
  const char *previous;

  /* the document in its language; this window's own messages in the app's */
  if (roles == 0)
    {
      g_set_error_literal (error, LW_ERROR, LW_ERROR_INVALID,
                           _("Choose at least one role in Audience."));
      return NULL;
    }

  switch (self->kind)
    {
    case LW_EXPORT_KIND_MINUTES:
    case LW_EXPORT_KIND_HANDOUT:
      if (self->meeting == NULL)
        {
          g_set_error_literal (error, LW_ERROR, LW_ERROR_NOT_FOUND,
                               _("The meeting is no longer there; close this window and choose a meeting."));
          return NULL;
        }
      /* the people of those roles at the meeting, with their agencies: a
       * release naming one agency counts only for its members */
      audience = lw_agenda_meeting_audience (self->store, self->meeting->id, roles, error);
      if (audience == NULL)
        return NULL;
      previous = lw_i18n_push (lw_export_window_get_language (self));
      if (self->kind == LW_EXPORT_KIND_MINUTES)
        document = lw_export_minutes_document (self->store, self->meeting->id, audience, error);
      else
        document = lw_export_handout_document (self->store, self->meeting->id, audience, error);
      lw_i18n_pop (previous);
      return document;

    case LW_EXPORT_KIND_ACTIONS:
      if (selected_owner (self) == 0)
        {
          g_set_error_literal (error, LW_ERROR, LW_ERROR_INVALID,
                               _("Choose whose action list to export in Owner."));
          return NULL;
        }
      previous = lw_i18n_push (lw_export_window_get_language (self));
      document = lw_export_actions_document (self->store, selected_owner (self), error);
      lw_i18n_pop (previous);
      return document;

    default:
      g_assert_not_reached ();
    }
}

/* Save */

static void
file_chooser_response_cb (LwExportWindow  *self,
                          int              response,
                          GtkNativeDialog *dialog)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      g_autofree char *path = file ? g_file_get_path (file) : NULL;
      g_autoptr(GError) error = NULL;

      if (path == NULL)
        {
          g_set_error_literal (&error, LW_ERROR, LW_ERROR_INVALID,
                               _("Choose a folder on this computer."));
          show_error (self, _("Not saved."), error);
        }
      else if (lw_export_window_save_to_path (self, path, &error))
        {
          g_autofree char *basename = g_path_get_basename (path);
          g_autofree char *display = g_filename_display_name (basename);
          g_autofree char *title = g_strdup_printf (_("Saved “%s”"), display);

          adw_toast_overlay_add_toast (self->toast_overlay, lw_toast_new (title));
        }
      else
        {
          show_error (self, _("Not saved: choose another folder or name, then press Save again."), error);
        }
    }

  g_clear_object (&self->file_chooser);
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  LwExportWindow *self = LW_EXPORT_WINDOW (widget);
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  g_autofree char *name = NULL;
  GtkFileChooserNative *chooser;

  if (self->file_chooser != NULL)
    return;
  clear_error (self);

  chooser = gtk_file_chooser_native_new (_("Save Document"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_SAVE,
                                         _("_Save"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  if (lw_export_window_get_format (self) == LW_EXPORT_PDF)
    {
      gtk_file_filter_set_name (filter, _("PDF documents"));
      gtk_file_filter_add_suffix (filter, "pdf");
    }
  else
    {
      gtk_file_filter_set_name (filter, _("Markdown documents"));
      gtk_file_filter_add_suffix (filter, "md");
    }
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  name = lw_export_window_dup_suggested_name (self);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);

  self->file_chooser = GTK_NATIVE_DIALOG (chooser);
  g_signal_connect_object (chooser, "response",
                           G_CALLBACK (file_chooser_response_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_native_dialog_show (self->file_chooser);
}

/* Print */

/* On the stack of lw_export_window_print(): the run is synchronous. */
typedef struct
{
  LwStore         *store;
  LwDocument      *document;
  cairo_surface_t *scratch;    /* the preview's cairo context: memory, one pixel */
  gboolean         previewed;
} PrintJob;

/* A lock while the print dialog is open wipes the keys: nothing more is drawn. */
static gboolean
print_job_still_allowed (GtkPrintOperation *operation,
                         PrintJob          *job)
{
  if (lw_store_is_unlocked (job->store))
    return TRUE;
  g_debug ("Program locked while printing; cancelling");
  gtk_print_operation_cancel (operation);
  return FALSE;
}

static void
begin_print_cb (GtkPrintOperation *operation,
                GtkPrintContext   *context,
                PrintJob          *job)
{
  guint n_pages;

  if (!print_job_still_allowed (operation, job))
    return;
  n_pages = lw_document_paginate (job->document, NULL,
                                  gtk_print_context_get_width (context),
                                  gtk_print_context_get_height (context));
  gtk_print_operation_set_n_pages (operation, MAX (n_pages, 1));
}

static void
draw_page_cb (GtkPrintOperation *operation,
              GtkPrintContext   *context,
              int                page,
              PrintJob          *job)
{
  if (!print_job_still_allowed (operation, job))
    return;
  lw_document_draw_page (job->document, gtk_print_context_get_cairo_context (context), (guint) page);
}

static gboolean
end_preview_cb (gpointer data)
{
  gtk_print_operation_preview_end_preview (GTK_PRINT_OPERATION_PREVIEW (data));
  return G_SOURCE_REMOVE;
}

static void
preview_ready_cb (GtkPrintOperationPreview *preview,
                  GtkPrintContext          *context,
                  PrintJob                 *job)
{
  /* the pages are drawn by the preview window, from the document: GTK renders
   * none, so ends at once (from the main loop, not inside its own signal) */
  g_idle_add_full (G_PRIORITY_DEFAULT, end_preview_cb, g_object_ref (preview), g_object_unref);
}

/* Preview, from the print dialog: instead of GTK's (a PDF in the temporary
 * folder, opened by a viewer that may leave it behind), the app's own window,
 * shown once the operation returns.  GTK still needs a cairo context to lay the
 * pages out; it gets one in memory. */
static gboolean
preview_cb (GtkPrintOperation        *operation,
            GtkPrintOperationPreview *preview,
            GtkPrintContext          *context,
            GtkWindow                *parent,
            PrintJob                 *job)
{
  cairo_t *cr;

  g_clear_pointer (&job->scratch, cairo_surface_destroy);
  job->scratch = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1, 1);
  cr = cairo_create (job->scratch);
  gtk_print_context_set_cairo_context (context, cr, 72, 72);
  cairo_destroy (cr);

  g_signal_connect (preview, "ready", G_CALLBACK (preview_ready_cb), job);
  job->previewed = TRUE;
  return TRUE;
}

static void
print_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  LwExportWindow *self = LW_EXPORT_WINDOW (widget);
  g_autoptr(LwExportWindow) keep = NULL;
  g_autoptr(GError) error = NULL;
  GtkPrintOperationResult result;

  clear_error (self);
  keep = g_object_ref (self);
  result = lw_export_window_print (self, NULL, &error);
  /* locked while the dialog was open: the window is gone with the keys */
  if (self->store == NULL)
    return;
  if (result == GTK_PRINT_OPERATION_RESULT_ERROR)
    show_error (self, _("Not printed: check the printer, then press Print again."), error);
  else if (result == GTK_PRINT_OPERATION_RESULT_APPLY && !self->previewed)
    adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (_("Sent to the printer")));
}

/* GObject */

static void
lw_export_window_dispose (GObject *object)
{
  LwExportWindow *self = LW_EXPORT_WINDOW (object);

  if (self->file_chooser != NULL)
    gtk_native_dialog_destroy (self->file_chooser);
  g_clear_object (&self->file_chooser);

  gtk_widget_dispose_template (GTK_WIDGET (self), LW_TYPE_EXPORT_WINDOW);

  memset (self->role_checks, 0, sizeof self->role_checks);
  self->store = NULL;
  g_clear_pointer (&self->meeting, lw_record_free);
  g_clear_pointer (&self->owner_ids, g_array_unref);

  G_OBJECT_CLASS (lw_export_window_parent_class)->dispose (object);
}

static void
lw_export_window_class_init (LwExportWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lw_export_window_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/leadworkgroup/Workgroup/lw-export-window.ui");
  gtk_widget_class_bind_template_child (widget_class, LwExportWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, LwExportWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, LwExportWindow, subject_row);
  gtk_widget_class_bind_template_child (widget_class, LwExportWindow, owner_row);
  gtk_widget_class_bind_template_child (widget_class, LwExportWindow, role_box);
  gtk_widget_class_bind_template_child (widget_class, LwExportWindow, format_row);
  gtk_widget_class_bind_template_child (widget_class, LwExportWindow, paper_row);
  gtk_widget_class_bind_template_child (widget_class, LwExportWindow, language_row);
  gtk_widget_class_bind_template_child (widget_class, LwExportWindow, audience_line);
  gtk_widget_class_bind_template_child (widget_class, LwExportWindow, error_label);

  gtk_widget_class_install_action (widget_class, "export.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "export.print", NULL, print_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "export.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_p, GDK_CONTROL_MASK, "export.print", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
lw_export_window_init (LwExportWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  lw_settings_disable_recent_files (gtk_widget_get_display (GTK_WIDGET (self)));

  for (int role = 0; role < LW_N_ROLES; role++)
    {
      GtkWidget *check = gtk_check_button_new_with_label (lw_role_to_label (role));

      g_signal_connect_object (check, "toggled", G_CALLBACK (role_toggled_cb), self,
                               G_CONNECT_SWAPPED);
      gtk_flow_box_append (self->role_box, check);
      /* the check takes the focus, not the flow box child around it */
      gtk_widget_set_focusable (gtk_widget_get_parent (check), FALSE);
      self->role_checks[role] = GTK_CHECK_BUTTON (check);
    }

  adw_combo_row_set_selected (self->paper_row, lw_paper_default () == LW_PAPER_LETTER ? 1 : 0);
  {
    g_autoptr(GtkStringList) languages = gtk_string_list_new (NULL);
    const char * const *codes = lw_i18n_get_languages ();

    /* each language by its own name, as its readers look for it */
    for (guint i = 0; codes[i] != NULL; i++)
      gtk_string_list_append (languages, lw_i18n_get_native_name (codes[i]));
    adw_combo_row_set_model (self->language_row, G_LIST_MODEL (languages));
    lw_export_window_set_language (self, lw_i18n_get_current ());
  }
  g_signal_connect_object (self->format_row, "notify::selected", G_CALLBACK (update_state), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->owner_row, "notify::selected", G_CALLBACK (owner_selected_cb), self,
                           G_CONNECT_SWAPPED);
}

static void
lw_export_window_fill (LwExportWindow *self,
                       LwId            id)
{
  g_autoptr(GError) error = NULL;

  switch (self->kind)
    {
    case LW_EXPORT_KIND_MINUTES:
    case LW_EXPORT_KIND_HANDOUT:
      {
        gboolean minutes = self->kind == LW_EXPORT_KIND_MINUTES;

        gtk_window_set_title (GTK_WINDOW (self), minutes ? _("Export Minutes") : _("Export Agenda Handout"));
        adw_window_title_set_title (self->window_title,
                                    minutes ? _("Export Minutes") : _("Export Agenda Handout"));
        adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->subject_row),
                                       minutes ? _("Minutes of the meeting") : _("Agenda handout for the meeting"));
        self->meeting = lw_store_get (self->store, &lw_meeting_table, id, &error);
        if (self->meeting != NULL)
          {
            g_autofree char *title = lw_format_meeting_title (self->meeting);

            adw_action_row_set_subtitle (self->subject_row, title);
            adw_window_title_set_subtitle (self->window_title, title);
          }
        else
          show_error (self, _("Cannot read the meeting; close this window and choose it again."), error);
      }
      break;

    case LW_EXPORT_KIND_ACTIONS:
      {
        g_autoptr(GPtrArray) persons = lw_store_list (self->store, &lw_person_table, NULL, 0, &error);
        g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
        guint selected = 0;

        gtk_window_set_title (GTK_WINDOW (self), _("Export Action List"));
        adw_window_title_set_title (self->window_title, _("Export Action List"));
        adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->subject_row), _("Open action items of one owner"));
        adw_action_row_set_subtitle (self->subject_row,
                                     _("Each participant is shown at the owner’s own level, so the audience is the owner’s role."));
        self->owner_ids = g_array_new (FALSE, FALSE, sizeof (LwId));
        for (guint i = 0; persons != NULL && i < persons->len; i++)
          {
            LwPerson *person = g_ptr_array_index (persons, i);
            g_autofree char *label = NULL;

            if (!person->active && person->id != id)
              continue;
            if (person->id == id)
              selected = self->owner_ids->len;
            label = g_strdup_printf ("%s · %s", person->name ? person->name : "",
                                     lw_role_to_label (person->role));
            gtk_string_list_append (names, label);
            g_array_append_val (self->owner_ids, person->id);
          }
        if (persons == NULL)
          show_error (self, _("Cannot read the workgroup members; close this window and try again."), error);

        self->updating = TRUE;
        adw_combo_row_set_model (self->owner_row, G_LIST_MODEL (names));
        adw_combo_row_set_selected (self->owner_row, selected);
        self->updating = FALSE;
        gtk_widget_set_visible (GTK_WIDGET (self->owner_row), TRUE);

        /* the core makes an action list at its owner's level only */
        for (int role = 0; role < LW_N_ROLES; role++)
          gtk_widget_set_sensitive (GTK_WIDGET (self->role_checks[role]), FALSE);
      }
      break;

    default:
      g_assert_not_reached ();
    }

  preselect_audience (self);
  focus_first_role (self);
}

GtkWidget *
lw_export_window_new (GtkWindow    *parent,
                      LwStore      *store,
                      LwExportKind  kind,
                      LwId          id)
{
  LwExportWindow *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (store != NULL && lw_store_is_unlocked (store), NULL);
  g_return_val_if_fail (kind <= LW_EXPORT_KIND_ACTIONS, NULL);

  self = g_object_new (LW_TYPE_EXPORT_WINDOW,
                       "transient-for", parent,
                       NULL);
  self->store = store;
  self->kind = kind;
  lw_export_window_fill (self, id);

  return GTK_WIDGET (self);
}

LwExportKind
lw_export_window_get_kind (LwExportWindow *self)
{
  g_return_val_if_fail (LW_IS_EXPORT_WINDOW (self), LW_EXPORT_KIND_MINUTES);

  return self->kind;
}

guint
lw_export_window_get_roles (LwExportWindow *self)
{
  guint roles = 0;

  g_return_val_if_fail (LW_IS_EXPORT_WINDOW (self), 0);

  for (int role = 0; role < LW_N_ROLES; role++)
    if (self->role_checks[role] != NULL && gtk_check_button_get_active (self->role_checks[role]))
      roles |= LW_ROLE_BIT (role);
  return roles;
}

void
lw_export_window_set_roles (LwExportWindow *self,
                            guint           roles)
{
  g_return_if_fail (LW_IS_EXPORT_WINDOW (self));

  self->updating = TRUE;
  for (int role = 0; role < LW_N_ROLES; role++)
    gtk_check_button_set_active (self->role_checks[role], (roles & LW_ROLE_BIT (role)) != 0);
  self->updating = FALSE;
  update_state (self);
}

LwExportFormat
lw_export_window_get_format (LwExportWindow *self)
{
  g_return_val_if_fail (LW_IS_EXPORT_WINDOW (self), LW_EXPORT_PDF);

  return adw_combo_row_get_selected (self->format_row) == 1 ? LW_EXPORT_MARKDOWN : LW_EXPORT_PDF;
}

void
lw_export_window_set_format (LwExportWindow *self,
                             LwExportFormat  format)
{
  g_return_if_fail (LW_IS_EXPORT_WINDOW (self));
  g_return_if_fail (format == LW_EXPORT_PDF || format == LW_EXPORT_MARKDOWN);

  adw_combo_row_set_selected (self->format_row, format == LW_EXPORT_MARKDOWN ? 1 : 0);
}

LwPaper
lw_export_window_get_paper (LwExportWindow *self)
{
  g_return_val_if_fail (LW_IS_EXPORT_WINDOW (self), LW_PAPER_A4);

  return adw_combo_row_get_selected (self->paper_row) == 1 ? LW_PAPER_LETTER : LW_PAPER_A4;
}

void
lw_export_window_set_paper (LwExportWindow *self,
                            LwPaper         paper)
{
  g_return_if_fail (LW_IS_EXPORT_WINDOW (self));

  adw_combo_row_set_selected (self->paper_row, paper == LW_PAPER_LETTER ? 1 : 0);
}

const char *
lw_export_window_get_language (LwExportWindow *self)
{
  const char * const *codes = lw_i18n_get_languages ();
  guint selected;

  g_return_val_if_fail (LW_IS_EXPORT_WINDOW (self), "en");

  selected = adw_combo_row_get_selected (self->language_row);
  return selected < g_strv_length ((char **) codes) ? codes[selected] : "en";
}

void
lw_export_window_set_language (LwExportWindow *self,
                               const char     *language)
{
  const char * const *codes = lw_i18n_get_languages ();

  g_return_if_fail (LW_IS_EXPORT_WINDOW (self));

  for (guint i = 0; codes[i] != NULL; i++)
    if (g_strcmp0 (codes[i], language) == 0)
      adw_combo_row_set_selected (self->language_row, i);
}

char *
lw_export_window_dup_suggested_name (LwExportWindow *self)
{
  g_autoptr(GString) name = NULL;
  guint roles;

  g_return_val_if_fail (LW_IS_EXPORT_WINDOW (self), NULL);

  name = g_string_new (kind_name (self->kind));
  if (self->meeting != NULL && self->meeting->date != NULL)
    g_string_append_printf (name, "-%s", self->meeting->date);

  roles = lw_export_window_get_roles (self);
  for (int role = 0; role < LW_N_ROLES; role++)
    if (roles & LW_ROLE_BIT (role))
      g_string_append_printf (name, "-%s", lw_role_to_string (role));

  g_string_append (name, lw_export_window_get_format (self) == LW_EXPORT_MARKDOWN ? ".md" : ".pdf");
  return g_string_free (g_steal_pointer (&name), FALSE);
}

gboolean
lw_export_window_save_to_path (LwExportWindow  *self,
                               const char      *path,
                               GError         **error)
{
  g_autoptr(LwDocument) document = NULL;
  int format;

  g_return_val_if_fail (LW_IS_EXPORT_WINDOW (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  format = lw_export_format_from_path (path);
  if (format != LW_EXPORT_PDF && format != LW_EXPORT_MARKDOWN)
    format = lw_export_window_get_format (self);

  document = build_document (self, error);
  if (document == NULL)
    return FALSE;

  g_debug ("Saving %s as %s", kind_name (self->kind), lw_export_format_to_string (format));
  return lw_export_document (self->store, document, path, format,
                             lw_export_window_get_paper (self), error);
}

GtkPrintOperationResult
lw_export_window_print (LwExportWindow  *self,
                        const char      *export_filename,
                        GError         **error)
{
  g_autoptr(LwDocument) document = NULL;
  g_autoptr(GtkPrintOperation) operation = NULL;
  g_autoptr(GtkPageSetup) page_setup = NULL;
  g_autoptr(GtkPaperSize) paper_size = NULL;
  g_autoptr(LwExportWindow) keep = NULL;
  GtkPrintOperationResult result;
  PrintJob job = { NULL, NULL, NULL, FALSE };
  double width, height;

  g_return_val_if_fail (LW_IS_EXPORT_WINDOW (self), GTK_PRINT_OPERATION_RESULT_ERROR);
  g_return_val_if_fail (error == NULL || *error == NULL, GTK_PRINT_OPERATION_RESULT_ERROR);

  document = build_document (self, error);
  if (document == NULL)
    return GTK_PRINT_OPERATION_RESULT_ERROR;
  job.store = self->store;
  job.document = document;

  paper_size = gtk_paper_size_new (lw_export_window_get_paper (self) == LW_PAPER_LETTER
                                   ? GTK_PAPER_NAME_LETTER : GTK_PAPER_NAME_A4);
  page_setup = gtk_page_setup_new ();
  gtk_page_setup_set_paper_size_and_default_margins (page_setup, paper_size);

  operation = gtk_print_operation_new ();
  gtk_print_operation_set_job_name (operation, lw_document_get_title (document));
  gtk_print_operation_set_default_page_setup (operation, page_setup);
  gtk_print_operation_set_unit (operation, GTK_UNIT_POINTS);
  gtk_print_operation_set_use_full_page (operation, TRUE);
  gtk_print_operation_set_embed_page_setup (operation, TRUE);
  g_signal_connect (operation, "begin-print", G_CALLBACK (begin_print_cb), &job);
  g_signal_connect (operation, "draw-page", G_CALLBACK (draw_page_cb), &job);
  g_signal_connect (operation, "preview", G_CALLBACK (preview_cb), &job);
  if (export_filename != NULL)
    gtk_print_operation_set_export_filename (operation, export_filename);

  /* the dialog runs a main loop: a lock may destroy this window meanwhile */
  keep = g_object_ref (self);
  self->previewed = FALSE;
  result = gtk_print_operation_run (operation,
                                    export_filename != NULL ? GTK_PRINT_OPERATION_ACTION_EXPORT
                                                            : GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG,
                                    GTK_WINDOW (self), error);
  g_clear_pointer (&job.scratch, cairo_surface_destroy);
  self->previewed = job.previewed;
  if (job.previewed && result == GTK_PRINT_OPERATION_RESULT_APPLY)
    {
      GtkWidget *preview;

      /* locked while the dialog was open: nothing to show */
      if (self->store == NULL || !lw_store_is_unlocked (job.store))
        return GTK_PRINT_OPERATION_RESULT_CANCEL;
      if (!lw_document_audit (job.store, document, "preview", error))
        return GTK_PRINT_OPERATION_RESULT_ERROR;
      /* the paper chosen in this window, as printing lays it out */
      width = gtk_page_setup_get_paper_width (page_setup, GTK_UNIT_POINTS);
      height = gtk_page_setup_get_paper_height (page_setup, GTK_UNIT_POINTS);
      g_debug ("Previewing %s", kind_name (self->kind));
      preview = lw_print_preview_new (GTK_WINDOW (self), g_steal_pointer (&document), width, height);
      gtk_window_present (GTK_WINDOW (preview));
    }
  else if (result == GTK_PRINT_OPERATION_RESULT_APPLY)
    {
      g_debug ("Printed %s", kind_name (self->kind));
      if (!lw_document_audit (job.store, document, "print", error))
        return GTK_PRINT_OPERATION_RESULT_ERROR;
    }
  else if (result == GTK_PRINT_OPERATION_RESULT_ERROR && error != NULL && *error == NULL)
    {
      g_set_error_literal (error, LW_ERROR, LW_ERROR_FAILED, _("The print job failed."));
    }

  return result;
}

GtkCheckButton *
_lw_export_window_get_role_check (LwExportWindow *self,
                                  LwRole          role)
{
  return self->role_checks[role];
}

GtkLabel *_lw_export_window_get_audience_line (LwExportWindow *self) { return self->audience_line; }
GtkLabel *_lw_export_window_get_error_label (LwExportWindow *self) { return self->error_label; }
