/* lw-participant-page.c: the participant list and the selected participant
 *
 * The list (lw-participant-list.c) holds every participant in code order
 * from their codes alone, read at once; a row gets its view (participant
 * fields only, not audited: a list line shows no more than the role's summary
 * or full status and identity) when it is first on screen, with its
 * neighbours in one batch.  A worker thread makes the views of all the others,
 * so that search by name and the other sorts can read every row; until it is
 * done, search reads the codes and a sort waits, and the count says so.
 * Opening a participant makes a full, audited view.  Filtering and sorting run
 * on the rows, never on the store.
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

#include "lw-idle.h"
#include "lw-participant-detail.h"
#include "lw-participant-list.h"
#include "lw-settings.h"
#include "lw-status-page.h"
#include "lw-trim.h"
#include "lw-participant-row.h"
#include "lw-participants-page-private.h"
#include "lw-preferences-window.h"
#include "lw-reader-task.h"
#include "lw-record-editor.h"
#include "lw-rows-growth.h"

struct _LwParticipantsPage
{
  AdwBin               parent_instance;

  /* template widgets */
  AdwLeaflet          *leaflet;
  GtkWidget           *sidebar;
  GtkWidget           *content;
  GtkSearchEntry      *search_entry;
  GtkDropDown         *sort_dropdown;
  GtkGridView         *list_view;
  GtkLabel            *count_label;
  GtkStack            *detail_stack;
  LwParticipantDetail *detail;
  LwStatusPage        *empty_status;
  GtkWidget           *empty_button;
  GtkWidget           *new_button;
  LwRecordEditor      *editor;

  /* borrowed references */
  LwStore             *store;

  /* owned references */
  LwParticipantList   *list;         /* NULL while locked */
  LwAudience          *audience;     /* the list's */
  LwPolicyMatrix       matrix;       /* the list's */
  GCancellable        *fill;         /* the worker making every row, while it runs */
  gint                *fill_done;    /* rows it has made, atomic (shared with it) */
  GHashTable          *remade;       /* ids whose rows were made again meanwhile */
  guint                progress_source;
  guint                start_source; /* the worker starts once the list is drawn */
  guint                sync_limit;   /* up to this many rows are made at once */
  GtkFilterListModel  *filtered;
  GtkSortListModel    *sorted;
  LwRowsGrowth        *growth;       /* what the view is given: grows over the first frames */
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
      lw_status_page_set_title (self->empty_status, _("No Participant Selected"));
      lw_status_page_set_description (self->empty_status,
                                      _("Choose a participant from the list, or press Ctrl+F to search."));
    }
  else if (refer)
    {
      lw_status_page_set_title (self->empty_status, _("No Participants Yet"));
      lw_status_page_set_description (self->empty_status,
                                      _("Take in the first referral: a code, the person’s names, how they were "
                                        "referred and by whom, and their case manager. Ctrl+N does it from the list."));
    }
  else
    {
      /* Translators: %s is a role, “Evaluator” */
      g_autofree char *text = g_strdup_printf (_("There are no participants yet, and the role “%s” may not take in "
                                                 "referrals. A case manager or the project manager does."),
                                               lw_role_to_label (lw_settings_get_viewer_role ()));

      lw_status_page_set_title (self->empty_status, _("No Participants Yet"));
      lw_status_page_set_description (self->empty_status, text);
    }
}

static void
lw_participants_page_update_count (LwParticipantsPage *self)
{
  guint total = self->list ? g_list_model_get_n_items (G_LIST_MODEL (self->list)) : 0;
  guint shown = self->filtered ? g_list_model_get_n_items (G_LIST_MODEL (self->filtered)) : 0;
  g_autofree char *text = NULL;

  if (shown == total)
    text = g_strdup_printf (ngettext ("%u participant in this program.",
                                      "%u participants in this program.", total), total);
  else
    /* Translators: shown while searching */
    text = g_strdup_printf (ngettext ("%u of %u participant shown.",
                                      "%u of %u participants shown.", total), shown, total);
  if (self->fill_done != NULL && total > 0)
    {
      guint percent = MIN (99, (guint) g_atomic_int_get (self->fill_done) * 100 / total);
      g_autofree char *progress = NULL;
      g_autofree char *count = g_steal_pointer (&text);

      /* Translators: while the list is read in the background; %u is a percentage */
      progress = g_strdup_printf (_("Reading names for search and sorting: %u%%…"), percent);
      text = g_strdup_printf ("%s %s", count, progress);
    }
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
  {
    GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
    GtkWidget *focus = root ? gtk_root_get_focus (root) : NULL;

    adw_leaflet_set_visible_child (self->leaflet, self->content);
    /* side by side, the arrow keys go on down the list: the leaflet moves
     * the focus into the child it shows, which only a folded one hides */
    if (focus != NULL && !adw_leaflet_get_folded (self->leaflet) &&
        gtk_widget_is_ancestor (focus, GTK_WIDGET (self->list_view)) &&
        gtk_root_get_focus (root) != focus)
      gtk_widget_grab_focus (focus);
  }
}

static void
selection_changed_cb (LwParticipantsPage *self)
{
  lw_participants_page_show_row (self, gtk_single_selection_get_selected_item (self->selection));
  /* the detail it replaced is freed: after its rows are shown (a lower
   * priority than theirs), the pages go back */
  lw_trim_memory_later ();
}

/* What a list line holds: no more than identity and status. */
static const char * const row_keys[] = {
  "identity.preferred_name", "identity.legal_name", "identity.initials",
  "status.status", "status.case_manager", "status.last_contact", "status.flagged", NULL
};

#define FILL_CHUNK 500
#define SYNC_LIMIT 500

/* The rows of ids, made from one batch of views. */
static GPtrArray *
make_rows (LwStore              *store,
           const LwPolicyMatrix *matrix,
           const LwAudience     *audience,
           const LwId           *ids,
           guint                 n_ids,
           GError              **error)
{
  g_autoptr(GPtrArray) views = lw_policy_view_participants (store, matrix, audience, ids, n_ids, row_keys,
                                                            LW_VIEW_PARTICIPANT_ONLY, error);
  GPtrArray *rows;

  if (views == NULL)
    return NULL;
  rows = g_ptr_array_new_full (views->len, g_object_unref);
  for (guint i = 0; i < views->len; i++)
    g_ptr_array_add (rows, lw_participant_row_new_from_view (g_ptr_array_index (views, i)));
  return rows;
}

/* Fills the listed rows of ids in place. */
static void
fill_rows (LwParticipantsPage *self,
           const LwId         *ids,
           guint               n_ids)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = make_rows (self->store, &self->matrix, self->audience, ids, n_ids, &error);

  if (rows == NULL)
    {
      g_debug ("No views for the list: %s", error->message);
      return;
    }
  for (guint i = 0; i < rows->len; i++)
    lw_participant_list_fill (self->list, g_object_ref (g_ptr_array_index (rows, i)));
}

/* A pending row on screen: it and the rows around it get their views now, in
 * one batch. */
static void
fill_on_screen (LwParticipantRow *row,
                gpointer          data)
{
  LwParticipantsPage *self = data;
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (LwId));
  const LwId *all;
  guint n, position, start, end;

  if (self->list == NULL || self->store == NULL || !lw_store_is_unlocked (self->store))
    return;
  position = lw_participant_list_find (self->list, lw_participant_row_get_id (row));
  if (position == G_MAXUINT)
    return;
  all = lw_participant_list_get_ids (self->list, &n);
  start = position > 16 ? position - 16 : 0;
  end = MIN (n, position + 48);
  for (guint i = start; i < end; i++)
    if (!lw_participant_list_is_filled (self->list, i))
      g_array_append_val (ids, all[i]);
  fill_rows (self, (LwId *) ids->data, ids->len);
}

/* The filter and the sorter as far as the rows allow: until every row has
 * its view, search reads the codes alone and a sort other than by code waits. */
static void
apply_filter_and_sort (LwParticipantsPage *self)
{
  gboolean complete = self->list != NULL && lw_participant_list_get_complete (self->list);
  GtkFilter *filter = self->query != NULL ? GTK_FILTER (self->filter) : NULL;
  GtkSorter *sorter = self->sort != LW_PARTICIPANT_SORT_CODE && complete ? GTK_SORTER (self->sorter) : NULL;

  if (gtk_filter_list_model_get_filter (self->filtered) != filter)
    gtk_filter_list_model_set_filter (self->filtered, filter);
  else if (filter != NULL)
    gtk_filter_changed (filter, GTK_FILTER_CHANGE_DIFFERENT);
  if (gtk_sort_list_model_get_sorter (self->sorted) != sorter)
    gtk_sort_list_model_set_sorter (self->sorted, sorter);
  else if (sorter != NULL)
    gtk_sorter_changed (sorter, GTK_SORTER_CHANGE_DIFFERENT);
}

/* The worker: every row's view, in batches, from a reader of its own. */

typedef struct
{
  LwAudience     *audience;
  LwPolicyMatrix  matrix;
  GArray         *ids;
  gint           *done;      /* shared with the page */
} FillJob;

static void
fill_job_free (gpointer data)
{
  FillJob *job = data;

  lw_audience_free (job->audience);
  g_array_unref (job->ids);
  g_atomic_rc_box_release (job->done);
  g_free (job);
}

static gpointer
fill_work (LwStore       *reader,
           gpointer       data,
           GCancellable  *cancellable,
           GError       **error)
{
  FillJob *job = data;
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < job->ids->len; i += FILL_CHUNK)
    {
      g_autoptr(GPtrArray) chunk = NULL;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return NULL;
      chunk = make_rows (reader, &job->matrix, job->audience, &g_array_index (job->ids, LwId, i),
                         MIN (FILL_CHUNK, job->ids->len - i), error);
      if (chunk == NULL)
        return NULL;
      g_ptr_array_extend_and_steal (rows, g_steal_pointer (&chunk));
      g_atomic_int_set (job->done, rows->len);
    }
  return g_steal_pointer (&rows);
}

static void
fill_done (GObject      *owner,
           gpointer      result,
           const GError *error)
{
  LwParticipantsPage *self = LW_PARTICIPANTS_PAGE (owner);
  g_autoptr(GPtrArray) rows = result;
  gint64 start = g_get_monotonic_time ();

  g_clear_object (&self->fill);
  g_clear_pointer (&self->fill_done, g_atomic_rc_box_release);
  g_clear_handle_id (&self->progress_source, g_source_remove);
  if (rows == NULL)
    {
      g_debug ("The list's rows could not all be made: %s", error->message);
      lw_participants_page_update_count (self);
      return;
    }
  for (guint i = 0; i < rows->len; i++)
    {
      LwParticipantRow *row = g_ptr_array_index (rows, i);

      /* made again here meanwhile, after an edit: newer than the worker's */
      if (g_hash_table_contains (self->remade, &(LwId) { lw_participant_row_get_id (row) }))
        continue;
      lw_participant_list_fill (self->list, g_object_ref (row));
    }
  g_hash_table_remove_all (self->remade);
  lw_participant_list_set_complete (self->list);
  apply_filter_and_sort (self);
  lw_participants_page_update_count (self);
  g_debug ("Every row of the list made; taken in in %.1f ms", (g_get_monotonic_time () - start) / 1000.0);
  /* what the worker allocated on the way is freed: resident no more */
  lw_trim_memory_later ();
}

static gboolean
progress_cb (gpointer data)
{
  lw_participants_page_update_count (LW_PARTICIPANTS_PAGE (data));
  return G_SOURCE_CONTINUE;
}

static void
stop_fill (LwParticipantsPage *self)
{
  g_clear_handle_id (&self->start_source, g_source_remove);
  if (self->fill != NULL)
    g_cancellable_cancel (self->fill);
  g_clear_object (&self->fill);
  g_clear_pointer (&self->fill_done, g_atomic_rc_box_release);
  g_clear_handle_id (&self->progress_source, g_source_remove);
  if (self->remade != NULL)
    g_hash_table_remove_all (self->remade);
}

static void
start_fill (LwParticipantsPage *self)
{
  g_autoptr(GError) error = NULL;
  const LwId *ids;
  FillJob *job;
  guint n;

  ids = lw_participant_list_get_ids (self->list, &n);
  job = g_new0 (FillJob, 1);
  job->audience = lw_audience_copy (self->audience);
  job->matrix = self->matrix;
  job->ids = g_array_sized_new (FALSE, FALSE, sizeof (LwId), n);
  g_array_append_vals (job->ids, ids, n);
  self->fill_done = g_atomic_rc_box_new0 (gint);
  job->done = g_atomic_rc_box_acquire (self->fill_done);
  self->fill = lw_reader_task_start (self->store, G_OBJECT (self), fill_work, fill_done, job, fill_job_free,
                                     (GDestroyNotify) g_ptr_array_unref, &error);
  if (self->fill == NULL)
    {
      /* no second connection (a damaged -shm, say): made here, all at once */
      g_debug ("No reader for the list: %s", error->message);
      fill_job_free (job);
      g_clear_pointer (&self->fill_done, g_atomic_rc_box_release);
      fill_rows (self, ids, n);
      lw_participant_list_set_complete (self->list);
      return;
    }
  self->progress_source = g_timeout_add (250, progress_cb, self);
}

static gboolean
start_fill_cb (gpointer data)
{
  LwParticipantsPage *self = data;

  self->start_source = 0;
  if (self->list != NULL && self->store != NULL && lw_store_is_unlocked (self->store))
    start_fill (self);
  return G_SOURCE_REMOVE;
}

/* A person sees the list: one audit entry for all of it, as the command line
 * writes for "participant list", with the categories it may show at full;
 * without it, nothing is shown. */
static gboolean
audit_list (LwParticipantsPage  *self,
            guint                n,
            GError             **error)
{
  g_autofree char *roles = lw_audience_to_string (self->audience);
  g_autofree char *detail = NULL;
  LwLevel least[LW_N_CATEGORIES], most[LW_N_CATEGORIES];
  gboolean identity, status;

  /* a release can open a category for some participants: counted as shown */
  lw_policy_level_bounds (&self->matrix, self->audience, least, most);
  identity = most[LW_CATEGORY_IDENTITY] == LW_LEVEL_FULL;
  status = most[LW_CATEGORY_STATUS] == LW_LEVEL_FULL;
  if (!identity && !status)
    return TRUE;
  detail = g_strdup_printf ("participant list (%u) audience=%s full=%s%s%s", n, roles,
                            identity ? "identity" : "", identity && status ? "," : "", status ? "status" : "");
  return lw_audit_append (self->store, LW_AUDIT_VIEW, detail, error);
}

void
lw_participants_page_reload (LwParticipantsPage *self)
{
  g_autoptr(GError) error = NULL;
  GArray *ids = NULL;
  GPtrArray *codes = NULL;
  LwId selected_id = lw_participant_detail_get_id (self->detail);
  gint64 start = g_get_monotonic_time ();

  g_return_if_fail (LW_IS_PARTICIPANTS_PAGE (self));

  stop_fill (self);
  gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
  gtk_filter_list_model_set_model (self->filtered, NULL);
  g_clear_object (&self->list);
  g_clear_pointer (&self->audience, lw_audience_free);

  if (self->store == NULL || !lw_store_is_unlocked (self->store))
    {
      lw_participants_page_update_count (self);
      return;
    }

  /* the codes in code order, from the code's index alone */
  if (!lw_store_list_codes (self->store, &ids, &codes, &error))
    {
      g_debug ("Cannot list participants: %s", error->message);
      gtk_label_set_label (self->count_label, _("The participants cannot be read."));
      return;
    }
  self->audience = lw_settings_dup_viewer_audience ();
  lw_policy_load_matrix (self->store, &self->matrix);
  if (!audit_list (self, ids->len, &error))
    {
      g_debug ("Cannot record the list in the audit log: %s", error->message);
      gtk_label_set_label (self->count_label, _("The list cannot be shown: the audit log cannot be written."));
      g_array_unref (ids);
      g_ptr_array_unref (codes);
      return;
    }

  self->list = lw_participant_list_new (ids, codes);
  if (ids->len <= self->sync_limit)
    {
      /* a small program: every row now */
      fill_rows (self, (LwId *) ids->data, ids->len);
      lw_participant_list_set_complete (self->list);
      lw_rows_growth_finish (self->growth);
    }
  else
    {
      /* after the frames: the rows on screen are drawn first, alone */
      self->start_source = g_idle_add_full (LW_PRIORITY_ROWS, start_fill_cb, self, NULL);
      /* and GTK makes the widgets of the rows given to the view over a few frames */
      lw_rows_growth_restart (self->growth);
    }
  gtk_filter_list_model_set_model (self->filtered, G_LIST_MODEL (self->list));
  apply_filter_and_sort (self);
  self->build_ms = (g_get_monotonic_time () - start) / 1000.0;
  g_debug ("Listed %u participants in %.1f ms (%s)", ids->len, self->build_ms,
           lw_participant_list_get_complete (self->list) ? "every row" : "rows on screen first");

  lw_participants_page_update_count (self);

  if (selected_id != 0)
    _lw_participants_page_select (self, selected_id);
  else
    lw_participants_page_show_row (self, NULL);
}

/* After an edit in the detail: only that participant's row is made again, in
 * place (the selection and the detail stay). */
static void
detail_changed_cb (LwParticipantsPage *self,
                   gint64              id)
{
  LwId one = id;

  if (self->list == NULL || self->store == NULL)
    return;
  /* one line made again for a participant already audited in the detail */
  fill_rows (self, &one, 1);
  if (self->fill != NULL)
    g_hash_table_add (self->remade, g_memdup2 (&one, sizeof one));
  if (lw_participant_list_get_complete (self->list))
    apply_filter_and_sort (self);
}

static void
search_changed_cb (LwParticipantsPage *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  g_autofree char *stripped = g_strstrip (g_strdup (text));

  g_clear_pointer (&self->query, g_free);
  if (stripped[0] != '\0')
    self->query = g_utf8_casefold (stripped, -1);
  apply_filter_and_sort (self);
  lw_participants_page_update_count (self);
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
  g_clear_pointer (&self->growth, lw_rows_growth_free);
  if (self->list_view != NULL)
    gtk_grid_view_set_model (self->list_view, NULL);

  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), LW_TYPE_PARTICIPANTS_PAGE);

  stop_fill (self);
  g_clear_pointer (&self->remade, g_hash_table_unref);
  g_clear_object (&self->selection);
  g_clear_object (&self->sorted);
  g_clear_object (&self->filtered);
  g_clear_object (&self->list);
  g_clear_pointer (&self->audience, lw_audience_free);
  g_clear_object (&self->settings);
  g_clear_pointer (&self->query, g_free);
  self->filter = NULL;
  self->sorter = NULL;
  self->store = NULL;

  G_OBJECT_CLASS (lw_participants_page_parent_class)->dispose (object);
}

/* Out of the window (a lock): its worker stops, and nothing more is read. */
static void
lw_participants_page_unroot (GtkWidget *widget)
{
  stop_fill ((LwParticipantsPage *) widget);

  GTK_WIDGET_CLASS (lw_participants_page_parent_class)->unroot (widget);
}

static void
lw_participants_page_class_init (LwParticipantsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lw_participants_page_dispose;
  widget_class->unroot = lw_participants_page_unroot;

  g_type_ensure (LW_TYPE_PARTICIPANT_DETAIL);
  g_type_ensure (LW_TYPE_RECORD_EDITOR);
  g_type_ensure (LW_TYPE_STATUS_PAGE);

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

  self->sync_limit = SYNC_LIMIT;
  self->remade = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  /* set on the models only while they are needed (apply_filter_and_sort ()):
   * without them the rows are read only as they come on screen */
  self->filter = gtk_custom_filter_new (filter_func, self, NULL);
  self->filtered = gtk_filter_list_model_new (NULL, NULL);
  self->sorter = gtk_custom_sorter_new (sort_func, self, NULL);
  self->sorted = gtk_sort_list_model_new (G_LIST_MODEL (g_object_ref (self->filtered)), NULL);
  self->growth = lw_rows_growth_new (GTK_WIDGET (self->list_view), G_LIST_MODEL (self->sorted));
  self->selection = gtk_single_selection_new (G_LIST_MODEL (g_object_ref (lw_rows_growth_get_model (self->growth))));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  g_signal_connect_swapped (self->selection, "notify::selected-item",
                            G_CALLBACK (selection_changed_cb), self);
  g_signal_connect_swapped (self->filtered, "items-changed",
                            G_CALLBACK (lw_participants_page_update_count), self);

  factory = lw_participant_row_factory_new (fill_on_screen, self);
  gtk_grid_view_set_factory (self->list_view, factory);
  gtk_grid_view_set_model (self->list_view, GTK_SELECTION_MODEL (self->selection));

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

GtkGridView *
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
  /* by code is the list's own order; another waits for every row */
  apply_filter_and_sort (self);
  g_debug ("Sorted in %.0f ms", (g_get_monotonic_time () - start) / 1000.0);
}

gboolean
_lw_participants_page_select (LwParticipantsPage *self,
                              LwId                id)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->sorted));

  lw_rows_growth_finish (self->growth);
  /* in the list's own order: found without reading the rows */
  if (self->list != NULL && gtk_filter_list_model_get_filter (self->filtered) == NULL &&
      gtk_sort_list_model_get_sorter (self->sorted) == NULL)
    {
      guint i = lw_participant_list_find (self->list, id);
      g_autoptr(LwParticipantRow) row = NULL;

      if (i == G_MAXUINT)
        return FALSE;
      if (gtk_single_selection_get_selected (self->selection) == i)
        {
          row = g_list_model_get_item (G_LIST_MODEL (self->sorted), i);
          lw_participants_page_show_row (self, row);
        }
      else
        gtk_single_selection_set_selected (self->selection, i);
      return TRUE;
    }
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

void
_lw_participants_page_set_sync_limit (LwParticipantsPage *self,
                                      guint               limit)
{
  self->sync_limit = limit;
}

gboolean
_lw_participants_page_get_complete (LwParticipantsPage *self)
{
  return self->list != NULL && lw_participant_list_get_complete (self->list);
}
