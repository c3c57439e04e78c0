/* lw-participants-page.c: the participant list and the selected participant
 *
 * The list is one GListStore of small rows, each made from a view of one
 * participant for the viewer's role (participant fields only, not audited: a list
 * line shows no more than the role's summary or full status and identity).
 * Opening a participant makes a full, audited view.  Filtering and sorting run on
 * the rows, never on the store.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lw-participants-page"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "lw/lw-audit.h"
#include "lw/lw-edit.h"
#include "lw/lw-model.h"
#include "lw/lw-view.h"

#include "lw-participant-detail.h"
#include "lw-settings.h"
#include "lw-participant-row.h"
#include "lw-participants-page-private.h"
#include "lw-preferences-window.h"
#include "lw-record-editor.h"

struct _LwParticipantsPage
{
  AdwBin               parent_instance;

  /* template widgets */
  AdwLeaflet          *leaflet;
  GtkWidget           *sidebar;
  GtkWidget           *content;
  GtkSearchEntry      *search_entry;
  GtkDropDown         *sort_dropdown;
  GtkListView         *list_view;
  GtkLabel            *count_label;
  GtkStack            *detail_stack;
  LwParticipantDetail *detail;
  AdwStatusPage       *empty_status;
  GtkWidget           *empty_button;
  GtkWidget           *new_button;
  LwRecordEditor      *editor;

  /* borrowed references */
  LwStore             *store;

  /* owned references */
  GListStore          *rows;
  GtkFilterListModel  *filtered;
  GtkSortListModel    *sorted;
  GtkSingleSelection  *selection;
  GtkCustomFilter     *filter;
  GtkCustomSorter     *sorter;
  GSettings           *settings;
  char                *query;        /* casefolded, NULL for none */

  double               build_ms;
  LwParticipantSort    sort;
};

G_DEFINE_FINAL_TYPE (LwParticipantsPage, lw_participants_page, ADW_TYPE_BIN)

static gboolean
filter_func (gpointer item,
             gpointer user_data)
{
  LwParticipantsPage *self = user_data;

  if (self->query == NULL)
    return TRUE;
  return strstr (lw_participant_row_get_search_key (item), self->query) != NULL;
}

static int
compare_code (LwParticipantRow *a,
              LwParticipantRow *b)
{
  return g_strcmp0 (lw_participant_row_get_code (a), lw_participant_row_get_code (b));
}

static int
sort_func (gconstpointer a_,
           gconstpointer b_,
           gpointer      user_data)
{
  LwParticipantsPage *self = user_data;
  LwParticipantRow *a = (LwParticipantRow *) a_;
  LwParticipantRow *b = (LwParticipantRow *) b_;
  int result = 0;

  switch (self->sort)
    {
    case LW_PARTICIPANT_SORT_NAME:
      {
        const char *na = lw_participant_row_get_name (a);
        const char *nb = lw_participant_row_get_name (b);

        /* nameless rows (role sees no identity) last */
        if ((na[0] == '\0') != (nb[0] == '\0'))
          return na[0] == '\0' ? 1 : -1;
        result = strcmp (lw_participant_row_get_name_key (a), lw_participant_row_get_name_key (b));
      }
      break;

    case LW_PARTICIPANT_SORT_LAST_CONTACT:
      {
        const char *ca = lw_participant_row_get_last_contact (a);
        const char *cb = lw_participant_row_get_last_contact (b);

        /* longest without contact first; unknown last */
        if ((ca[0] == '\0') != (cb[0] == '\0'))
          return ca[0] == '\0' ? 1 : -1;
        result = strcmp (ca, cb);
      }
      break;

    case LW_PARTICIPANT_SORT_STATUS:
      {
        int sa = lw_participant_row_get_status_order (a);
        int sb = lw_participant_row_get_status_order (b);

        result = sa < sb ? -1 : sa > sb;
      }
      break;

    case LW_PARTICIPANT_SORT_CODE:
    default:
      break;
    }

  return result != 0 ? result : compare_code (a, b);
}

static gboolean
may_refer (LwParticipantsPage *self)
{
  return self->store != NULL && lw_store_is_unlocked (self->store) &&
         lw_edit_role_may_create (self->store, lw_settings_get_viewer_role (), &lw_participant_table);
}

/* An empty program: what to do first, and the button that does it. */
static void
lw_participants_page_update_empty (LwParticipantsPage *self,
                                   guint               total)
{
  gboolean refer = may_refer (self);

  gtk_widget_set_visible (self->new_button, refer);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "participants.new-referral", refer);
  gtk_widget_set_visible (self->empty_button, total == 0 && refer);

  if (total > 0 || self->store == NULL)
    {
      adw_status_page_set_title (self->empty_status, _("No Participant Selected"));
      adw_status_page_set_description (self->empty_status,
                                       _("Choose a participant from the list, or press Ctrl+F to search."));
    }
  else if (refer)
    {
      adw_status_page_set_title (self->empty_status, _("No Participants Yet"));
      adw_status_page_set_description (self->empty_status,
                                       _("Take in the first referral: a code, the person’s names, how they were "
                                         "referred and by whom, and their case manager. Ctrl+N does it from the list."));
    }
  else
    {
      /* Translators: %s is a role, “Evaluator” */
      g_autofree char *text = g_strdup_printf (_("There are no participants yet, and the role “%s” may not take in "
                                                 "referrals. A case manager or the project manager does."),
                                               lw_role_to_label (lw_settings_get_viewer_role ()));

      adw_status_page_set_title (self->empty_status, _("No Participants Yet"));
      adw_status_page_set_description (self->empty_status, text);
    }
}

static void
lw_participants_page_update_count (LwParticipantsPage *self)
{
  guint total = self->rows ? g_list_model_get_n_items (G_LIST_MODEL (self->rows)) : 0;
  guint shown = self->filtered ? g_list_model_get_n_items (G_LIST_MODEL (self->filtered)) : 0;
  g_autofree char *text = NULL;

  if (shown == total)
    text = g_strdup_printf (ngettext ("%u participant in this program.",
                                      "%u participants in this program.", total), total);
  else
    /* Translators: shown while searching */
    text = g_strdup_printf (ngettext ("%u of %u participant shown.",
                                      "%u of %u participants shown.", total), shown, total);
  gtk_label_set_label (self->count_label, text);
  lw_participants_page_update_empty (self, total);
}

static void
lw_participants_page_show_row (LwParticipantsPage *self,
                               LwParticipantRow   *row)
{
  g_autoptr(GError) error = NULL;

  /* another participant chosen: a form left open is dropped, unsaved */
  if (lw_record_editor_is_open (self->editor))
    lw_record_editor_clear (self->editor);

  if (row == NULL)
    {
      lw_participant_detail_clear (self->detail);
      gtk_stack_set_visible_child_name (self->detail_stack, "empty");
      return;
    }

  if (!lw_participant_detail_show (self->detail, lw_participant_row_get_id (row), &error))
    {
      g_debug ("Cannot show the participant: %s", error->message);
      lw_participant_detail_clear (self->detail);
      gtk_stack_set_visible_child_name (self->detail_stack, "empty");
      return;
    }

  gtk_stack_set_visible_child_name (self->detail_stack, "detail");
  adw_leaflet_set_visible_child (self->leaflet, self->content);
}

static void
selection_changed_cb (LwParticipantsPage *self)
{
  lw_participants_page_show_row (self, gtk_single_selection_get_selected_item (self->selection));
}

/* The row for the participant, made again from a fresh view.  full collects the
 * categories shown at full (identity and status are all a row can show). */
static LwParticipantRow *
make_row (LwParticipantsPage   *self,
          const LwPolicyMatrix *matrix,
          const LwAudience     *audience,
          const LwParticipant  *participant,
          guint                *full)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LwParticipantView) view = NULL;

  view = lw_policy_view_participant_with_matrix (self->store, matrix, audience, participant,
                                                 LW_VIEW_PARTICIPANT_ONLY, &error);
  if (view == NULL)
    {
      g_debug ("No view of a participant: %s", error->message);
      return NULL;
    }
  if (lw_participant_view_get_level (view, LW_CATEGORY_IDENTITY) == LW_LEVEL_FULL)
    *full |= 1u << LW_CATEGORY_IDENTITY;
  if (lw_participant_view_get_level (view, LW_CATEGORY_STATUS) == LW_LEVEL_FULL)
    *full |= 1u << LW_CATEGORY_STATUS;
  return lw_participant_row_new_from_view (view);
}

void
lw_participants_page_reload (LwParticipantsPage *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) participants = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(LwAudience) audience = NULL;
  LwPolicyMatrix matrix;
  LwId selected_id = lw_participant_detail_get_id (self->detail);
  gint64 start = g_get_monotonic_time ();
  guint full = 0;

  g_return_if_fail (LW_IS_PARTICIPANTS_PAGE (self));

  gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
  g_list_store_remove_all (self->rows);

  if (self->store == NULL || !lw_store_is_unlocked (self->store))
    {
      lw_participants_page_update_count (self);
      return;
    }

  participants = lw_store_list (self->store, &lw_participant_table, NULL, 0, &error);
  if (participants == NULL)
    {
      g_debug ("Cannot list participants: %s", error->message);
      gtk_label_set_label (self->count_label, _("The participants cannot be read."));
      return;
    }

  g_debug ("Read %u participants in %.0f ms", participants->len,
           (g_get_monotonic_time () - start) / 1000.0);
  audience = lw_settings_dup_viewer_audience ();
  lw_policy_load_matrix (self->store, &matrix);
  rows = g_ptr_array_new_full (participants->len, g_object_unref);
  for (guint i = 0; i < participants->len; i++)
    {
      LwParticipantRow *row = make_row (self, &matrix, audience, g_ptr_array_index (participants, i), &full);

      if (row != NULL)
        g_ptr_array_add (rows, row);
    }
  /* plain records with sealed values: gone before anything is drawn */
  g_clear_pointer (&participants, g_ptr_array_unref);

  /* a person sees the list: one audit entry for all of it, as the command line
   * writes for "participant list"; without it, nothing is shown */
  if (full != 0)
    {
      g_autofree char *roles = lw_audience_to_string (audience);
      g_autofree char *detail = NULL;

      detail = g_strdup_printf ("participant list (%u) audience=%s full=%s%s%s", rows->len, roles,
                                full & (1u << LW_CATEGORY_IDENTITY) ? "identity" : "",
                                full == ((1u << LW_CATEGORY_IDENTITY) | (1u << LW_CATEGORY_STATUS)) ? "," : "",
                                full & (1u << LW_CATEGORY_STATUS) ? "status" : "");
      if (!lw_audit_append (self->store, LW_AUDIT_VIEW, detail, &error))
        {
          g_debug ("Cannot record the list in the audit log: %s", error->message);
          gtk_label_set_label (self->count_label, _("The list cannot be shown: the audit log cannot be written."));
          return;
        }
    }

  g_list_store_splice (self->rows, 0, 0, rows->pdata, rows->len);
  self->build_ms = (g_get_monotonic_time () - start) / 1000.0;
  g_debug ("Listed %u participants in %.0f ms", rows->len, self->build_ms);

  lw_participants_page_update_count (self);

  if (selected_id != 0)
    _lw_participants_page_select (self, selected_id);
  else
    lw_participants_page_show_row (self, NULL);
}

/* After an edit in the detail: only that participant's row is made again. */
static void
detail_changed_cb (LwParticipantsPage *self,
                   gint64              id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LwParticipant) participant = NULL;
  g_autoptr(LwAudience) audience = NULL;
  g_autoptr(LwParticipantRow) row = NULL;
  LwPolicyMatrix matrix;
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->rows));

  participant = lw_store_get (self->store, &lw_participant_table, id, &error);
  if (participant == NULL)
    return;
  audience = lw_settings_dup_viewer_audience ();
  lw_policy_load_matrix (self->store, &matrix);
  {
    guint full = 0;

    /* one line made again for a participant already audited in the detail */
    row = make_row (self, &matrix, audience, participant, &full);
  }
  if (row == NULL)
    return;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(LwParticipantRow) old = g_list_model_get_item (G_LIST_MODEL (self->rows), i);

      if (lw_participant_row_get_id (old) == id)
        {
          LwId shown = lw_participant_detail_get_id (self->detail);
          guint n_sorted;

          /* keep the selection, which would otherwise go with the old row, and
           * leave the detail as it is */
          g_signal_handlers_block_by_func (self->selection, selection_changed_cb, self);
          g_list_store_splice (self->rows, i, 1, (gpointer *) &row, 1);
          n_sorted = g_list_model_get_n_items (G_LIST_MODEL (self->sorted));
          for (guint j = 0; shown != 0 && j < n_sorted; j++)
            {
              g_autoptr(LwParticipantRow) other = g_list_model_get_item (G_LIST_MODEL (self->sorted), j);

              if (lw_participant_row_get_id (other) == shown)
                {
                  gtk_single_selection_set_selected (self->selection, j);
                  break;
                }
            }
          g_signal_handlers_unblock_by_func (self->selection, selection_changed_cb, self);
          break;
        }
    }
}

static void
search_changed_cb (LwParticipantsPage *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  g_autofree char *stripped = g_strstrip (g_strdup (text));

  g_clear_pointer (&self->query, g_free);
  if (stripped[0] != '\0')
    self->query = g_utf8_casefold (stripped, -1);
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
}

/* Enter in the search: the first match is opened and the list takes the keys. */
static void
search_activate_cb (LwParticipantsPage *self)
{
  if (g_list_model_get_n_items (G_LIST_MODEL (self->sorted)) == 0)
    return;
  gtk_single_selection_set_selected (self->selection, 0);
  gtk_widget_grab_focus (GTK_WIDGET (self->list_view));
}

static void
search_stop_cb (LwParticipantsPage *self)
{
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
}

static void
sort_changed_cb (LwParticipantsPage *self)
{
  _lw_participants_page_set_sort (self, gtk_drop_down_get_selected (self->sort_dropdown));
}

/* Enter on a row: the keys go on to the participant (Tab would walk the rows) */
static void
list_activate_cb (LwParticipantsPage *self,
                  guint               position)
{
  if (gtk_single_selection_get_selected (self->selection) != position)
    gtk_single_selection_set_selected (self->selection, position);
  else
    lw_participants_page_show_row (self, gtk_single_selection_get_selected_item (self->selection));

  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->detail_stack), "detail") == 0)
    gtk_widget_child_focus (GTK_WIDGET (self->detail), GTK_DIR_TAB_FORWARD);
}

static void
back_clicked_cb (LwParticipantsPage *self)
{
  guint selected = gtk_single_selection_get_selected (self->selection);

  adw_leaflet_set_visible_child (self->leaflet, self->sidebar);
  /* focus on the selected row itself, not the first */
  if (selected != GTK_INVALID_LIST_POSITION)
    gtk_widget_activate_action (GTK_WIDGET (self->list_view), "list.scroll-to-item", "u", selected);
  gtk_widget_grab_focus (GTK_WIDGET (self->list_view));
}

/* Escape in the participant: back to the list, on the same row */
static gboolean
back_shortcut_cb (GtkWidget *widget,
                  GVariant  *args,
                  gpointer   user_data)
{
  LwParticipantsPage *self = LW_PARTICIPANTS_PAGE (user_data);

  back_clicked_cb (self);
  return TRUE;
}

static gboolean
find_shortcut_cb (GtkWidget *widget,
                  GVariant  *args,
                  gpointer   user_data)
{
  LwParticipantsPage *self = LW_PARTICIPANTS_PAGE (widget);
  GtkWidget *stack = gtk_widget_get_ancestor (widget, ADW_TYPE_VIEW_STACK);

  if (stack != NULL)
    adw_view_stack_set_visible_child (ADW_VIEW_STACK (stack), widget);
  adw_leaflet_set_visible_child (self->leaflet, self->sidebar);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
  gtk_editable_select_region (GTK_EDITABLE (self->search_entry), 0, -1);
  return TRUE;
}

/* New Referral: the form in the content pane, the next free code offered */

static void
new_referral_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  static const char * const columns[] = {
    "code", "legal_name", "preferred_name", "aliases", "date_of_birth", "referral_route",
    "referral_date", "referrer", "case_manager_id", "peer_worker_id", NULL
  };
  LwParticipantsPage *self = LW_PARTICIPANTS_PAGE (widget);
  g_autoptr(GError) error = NULL;
  LwParticipant *participant;

  if (!may_refer (self))
    return;

  participant = lw_edit_record_new (&lw_participant_table);
  participant->code = lw_edit_next_code (self->store, &error);
  if (participant->code == NULL)
    g_debug ("No next code: %s", g_quark_to_string (error->domain));
  participant->referral_date = lw_date_today ();

  lw_record_editor_open (self->editor, self->store, participant, columns, _("New Referral"));
  lw_record_free (participant);

  gtk_stack_set_visible_child_name (self->detail_stack, "editor");
  adw_leaflet_set_visible_child (self->leaflet, self->content);
  gtk_widget_grab_focus (GTK_WIDGET (self->editor));
}

static void
editor_saved_cb (LwParticipantsPage *self,
                 gint64              id)
{
  /* the new participant is listed, selected and shown */
  lw_participants_page_reload (self);
  if (!_lw_participants_page_select (self, id))
    lw_participants_page_show_row (self, gtk_single_selection_get_selected_item (self->selection));
  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->detail_stack), "detail") == 0)
    gtk_widget_child_focus (GTK_WIDGET (self->detail), GTK_DIR_TAB_FORWARD);
}

static void
editor_undone_cb (LwParticipantsPage *self,
                  gint64              id)
{
  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->detail_stack), "editor") != 0)
    lw_participants_page_reload (self);
}

static void
editor_cancelled_cb (LwParticipantsPage *self)
{
  lw_participants_page_show_row (self, gtk_single_selection_get_selected_item (self->selection));
  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->detail_stack), "empty") == 0 &&
      gtk_widget_get_visible (self->empty_button))
    gtk_widget_grab_focus (self->empty_button);
  else
    gtk_widget_grab_focus (GTK_WIDGET (self->list_view));
}

static void
viewer_role_changed_cb (LwParticipantsPage *self)
{
  /* a form opened for the old role goes */
  lw_record_editor_clear (self->editor);
  /* what was shown for the old role goes, all of it */
  lw_participant_detail_clear (self->detail);
  lw_participants_page_reload (self);
}

static void
lw_participants_page_dispose (GObject *object)
{
  LwParticipantsPage *self = LW_PARTICIPANTS_PAGE (object);

  if (self->selection != NULL)
    g_signal_handlers_disconnect_by_func (self->selection, selection_changed_cb, self);
  if (self->list_view != NULL)
    gtk_list_view_set_model (self->list_view, NULL);

  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), LW_TYPE_PARTICIPANTS_PAGE);

  g_clear_object (&self->selection);
  g_clear_object (&self->sorted);
  g_clear_object (&self->filtered);
  g_clear_object (&self->rows);
  g_clear_object (&self->settings);
  g_clear_pointer (&self->query, g_free);
  self->filter = NULL;
  self->sorter = NULL;
  self->store = NULL;

  G_OBJECT_CLASS (lw_participants_page_parent_class)->dispose (object);
}

static void
lw_participants_page_class_init (LwParticipantsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lw_participants_page_dispose;

  g_type_ensure (LW_TYPE_PARTICIPANT_DETAIL);
  g_type_ensure (LW_TYPE_RECORD_EDITOR);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/leadworkgroup/Workgroup/lw-participants-page.ui");
  gtk_widget_class_bind_template_child (widget_class, LwParticipantsPage, leaflet);
  gtk_widget_class_bind_template_child (widget_class, LwParticipantsPage, sidebar);
  gtk_widget_class_bind_template_child (widget_class, LwParticipantsPage, content);
  gtk_widget_class_bind_template_child (widget_class, LwParticipantsPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, LwParticipantsPage, sort_dropdown);
  gtk_widget_class_bind_template_child (widget_class, LwParticipantsPage, list_view);
  gtk_widget_class_bind_template_child (widget_class, LwParticipantsPage, count_label);
  gtk_widget_class_bind_template_child (widget_class, LwParticipantsPage, detail_stack);
  gtk_widget_class_bind_template_child (widget_class, LwParticipantsPage, detail);
  gtk_widget_class_bind_template_child (widget_class, LwParticipantsPage, empty_status);
  gtk_widget_class_bind_template_child (widget_class, LwParticipantsPage, empty_button);
  gtk_widget_class_bind_template_child (widget_class, LwParticipantsPage, new_button);
  gtk_widget_class_bind_template_child (widget_class, LwParticipantsPage, editor);
  gtk_widget_class_bind_template_callback (widget_class, editor_saved_cb);
  gtk_widget_class_bind_template_callback (widget_class, editor_undone_cb);
  gtk_widget_class_bind_template_callback (widget_class, editor_cancelled_cb);

  gtk_widget_class_install_action (widget_class, "participants.new-referral", NULL, new_referral_action);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_stop_cb);
  gtk_widget_class_bind_template_callback (widget_class, sort_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, list_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, back_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, detail_changed_cb);
}

static void
lw_participants_page_init (LwParticipantsPage *self)
{
  g_autoptr(GtkListItemFactory) factory = NULL;
  GtkEventController *shortcuts;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->rows = g_list_store_new (LW_TYPE_PARTICIPANT_ROW);
  self->filter = gtk_custom_filter_new (filter_func, self, NULL);
  self->filtered = gtk_filter_list_model_new (G_LIST_MODEL (g_object_ref (self->rows)),
                                              GTK_FILTER (self->filter));
  self->sorter = gtk_custom_sorter_new (sort_func, self, NULL);
  self->sorted = gtk_sort_list_model_new (G_LIST_MODEL (g_object_ref (self->filtered)),
                                          GTK_SORTER (self->sorter));
  self->selection = gtk_single_selection_new (G_LIST_MODEL (g_object_ref (self->sorted)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  g_signal_connect_swapped (self->selection, "notify::selected-item",
                            G_CALLBACK (selection_changed_cb), self);
  g_signal_connect_swapped (self->filtered, "items-changed",
                            G_CALLBACK (lw_participants_page_update_count), self);

  factory = lw_participant_row_factory_new ();
  gtk_list_view_set_factory (self->list_view, factory);
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (self->selection));

  /* Ctrl+F finds a participant from anywhere in the window */
  shortcuts = gtk_shortcut_controller_new ();
  gtk_shortcut_controller_set_scope (GTK_SHORTCUT_CONTROLLER (shortcuts), GTK_SHORTCUT_SCOPE_GLOBAL);
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                        gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_f, GDK_CONTROL_MASK),
                                                          gtk_callback_action_new (find_shortcut_cb, NULL, NULL)));
  gtk_widget_add_controller (GTK_WIDGET (self), shortcuts);

  shortcuts = gtk_shortcut_controller_new ();
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                        gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_Escape, 0),
                                                          gtk_callback_action_new (back_shortcut_cb, self, NULL)));
  gtk_widget_add_controller (self->content, shortcuts);

  self->settings = lw_settings_dup_gsettings ();
  if (self->settings != NULL)
    g_signal_connect_object (self->settings, "changed::viewer-role",
                             G_CALLBACK (viewer_role_changed_cb), self, G_CONNECT_SWAPPED);
}

void
lw_participants_page_set_store (LwParticipantsPage *self,
                                LwStore            *store)
{
  g_return_if_fail (LW_IS_PARTICIPANTS_PAGE (self));

  self->store = store;
  lw_participant_detail_set_store (self->detail, store);
  lw_participants_page_reload (self);
}

gboolean
lw_participants_page_focus_empty_state (LwParticipantsPage *self)
{
  g_return_val_if_fail (LW_IS_PARTICIPANTS_PAGE (self), FALSE);

  if (!gtk_widget_get_visible (self->empty_button))
    return FALSE;
  return gtk_widget_grab_focus (self->empty_button);
}

GListModel *
_lw_participants_page_get_model (LwParticipantsPage *self)
{
  return G_LIST_MODEL (self->sorted);
}

GtkEditable *
_lw_participants_page_get_search (LwParticipantsPage *self)
{
  return GTK_EDITABLE (self->search_entry);
}

GtkListView *
_lw_participants_page_get_list_view (LwParticipantsPage *self)
{
  return self->list_view;
}

void
_lw_participants_page_set_sort (LwParticipantsPage *self,
                                LwParticipantSort   sort)
{
  gint64 start = g_get_monotonic_time ();

  if (self->sort == sort)
    return;
  self->sort = sort;
  if (gtk_drop_down_get_selected (self->sort_dropdown) != (guint) sort)
    gtk_drop_down_set_selected (self->sort_dropdown, sort);
  gtk_sorter_changed (GTK_SORTER (self->sorter), GTK_SORTER_CHANGE_DIFFERENT);
  g_debug ("Sorted in %.0f ms", (g_get_monotonic_time () - start) / 1000.0);
}

gboolean
_lw_participants_page_select (LwParticipantsPage *self,
                              LwId                id)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->sorted));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(LwParticipantRow) row = g_list_model_get_item (G_LIST_MODEL (self->sorted), i);

      if (lw_participant_row_get_id (row) == id)
        {
          if (gtk_single_selection_get_selected (self->selection) == i)
            lw_participants_page_show_row (self, row);
          else
            gtk_single_selection_set_selected (self->selection, i);
          return TRUE;
        }
    }
  return FALSE;
}

LwParticipantDetail *
_lw_participants_page_get_detail (LwParticipantsPage *self)
{
  return self->detail;
}

double
_lw_participants_page_get_build_ms (LwParticipantsPage *self)
{
  return self->build_ms;
}
