/* lw-actions-page.c: open action items across meetings
 *
 * Owner, due date and participant code are not sensitive; the text of an item is
 * plan information and is copied only where the viewer's level for the plan of
 * that participant is full (DESIGN.md: summary shows owner and due date only).
 *
 * The list is read again only when what it is made from changed (action items,
 * people, meetings, participants, releases: lw_store_get_change_count ()), not
 * each time the page is shown.  A large program's list is made by a worker
 * thread from a reader of its own, while the count says how far it is.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lw-actions-page"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "lw/lw-agenda.h"
#include "lw/lw-edit.h"
#include "lw/lw-model.h"
#include "lw/lw-policy.h"

#include "lw-actions-page.h"
#include "lw-array-model.h"
#include "lw-reader-task.h"
#include "lw-record-editor.h"
#include "lw-rows-growth.h"
#include "lw-settings.h"
#include "lw-status-page.h"
#include "lw-toast.h"
#include "lw-tooltip.h"
#include "lw-trim.h"
#include "lw-wrap-label.h"

/* One open item as the viewer may see it. */
#define LW_TYPE_OPEN_ACTION (lw_open_action_get_type ())
G_DECLARE_FINAL_TYPE (LwOpenAction, lw_open_action, LW, OPEN_ACTION, GObject)

struct _LwOpenAction
{
  GObject   parent_instance;

  LwId      id;
  /* interned: 20,000 items have a few dozen owners, meetings and days */
  char     *owner;         /* "" when none */
  char     *owner_key;     /* casefolded */
  char     *due_date;      /* NULL when none */
  char     *code;          /* "" when not about a participant */
  char     *code_key;
  char     *meeting_date;  /* where agreed, NULL when not at a meeting */
  char     *text;          /* NULL when not shown; the item's own */
  gboolean  overdue;
};

G_DEFINE_FINAL_TYPE (LwOpenAction, lw_open_action, G_TYPE_OBJECT)

static void
lw_open_action_finalize (GObject *object)
{
  LwOpenAction *self = LW_OPEN_ACTION (object);

  if (self->text != NULL)
    memset (self->text, 0, strlen (self->text));
  g_free (self->text);
  g_clear_pointer (&self->owner, g_ref_string_release);
  g_clear_pointer (&self->owner_key, g_ref_string_release);
  g_clear_pointer (&self->due_date, g_ref_string_release);
  g_clear_pointer (&self->code, g_ref_string_release);
  g_clear_pointer (&self->code_key, g_ref_string_release);
  g_clear_pointer (&self->meeting_date, g_ref_string_release);

  G_OBJECT_CLASS (lw_open_action_parent_class)->finalize (object);
}

static void
lw_open_action_class_init (LwOpenActionClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = lw_open_action_finalize;
}

static void
lw_open_action_init (LwOpenAction *self)
{
}

struct _LwActionsPage
{
  AdwBin              parent_instance;

  /* template widgets */
  GtkSearchEntry     *owner_entry;
  GtkSearchEntry     *participant_entry;
  GtkToggleButton    *overdue_toggle;
  GtkStack           *stack;
  GtkGridView        *list_view;
  LwStatusPage       *empty_status;
  GtkWidget          *empty_button;
  GtkLabel           *count_label;
  LwRecordEditor     *editor;

  /* borrowed references */
  LwStore            *store;

  /* owned references */
  LwArrayModel       *entries;    /* LwOpenAction */
  GtkFilterListModel *filtered;
  LwRowsGrowth       *growth;     /* the rows given to the view, over a few frames */
  GtkCustomFilter    *filter;
  GSettings          *settings;
  guint               map_source;
  char               *owner_query;
  char               *code_query;
  GCancellable       *loading;      /* the worker reading the list, while it runs */
  gint               *loaded;       /* items it has read, atomic (shared with it) */
  guint               progress_source;
  guint64             read_at;      /* the change count the list was read at */
  guint               sync_limit;   /* up to this many items, read at once */
};

G_DEFINE_FINAL_TYPE (LwActionsPage, lw_actions_page, ADW_TYPE_BIN)

static gboolean
filter_func (gpointer item,
             gpointer user_data)
{
  LwActionsPage *self = user_data;
  LwOpenAction *entry = item;

  if (gtk_toggle_button_get_active (self->overdue_toggle) && !entry->overdue)
    return FALSE;
  if (self->owner_query != NULL && strstr (entry->owner_key, self->owner_query) == NULL)
    return FALSE;
  if (self->code_query != NULL && strstr (entry->code_key, self->code_query) == NULL)
    return FALSE;
  return TRUE;
}

static int
compare_entries (gconstpointer a_,
                 gconstpointer b_)
{
  const LwOpenAction *a = *(LwOpenAction * const *) a_;
  const LwOpenAction *b = *(LwOpenAction * const *) b_;

  /* soonest due first, undated last */
  if ((a->due_date == NULL) != (b->due_date == NULL))
    return a->due_date == NULL ? 1 : -1;
  if (a->due_date != NULL && strcmp (a->due_date, b->due_date) != 0)
    return strcmp (a->due_date, b->due_date);
  return a->id < b->id ? -1 : a->id > b->id;
}

static void
lw_actions_page_update_count (LwActionsPage *self)
{
  guint total = g_list_model_get_n_items (G_LIST_MODEL (self->entries));
  guint shown = g_list_model_get_n_items (G_LIST_MODEL (self->filtered));
  g_autofree char *text = NULL;

  if (self->loaded != NULL)
    {
      gint64 n = self->store ? lw_store_count (self->store, &lw_action_item_table, NULL) : 0;
      guint percent = n > 0 ? MIN (99, (guint) (g_atomic_int_get (self->loaded) * 100 / n)) : 0;

      /* Translators: while the list is read in the background; %u is a percentage */
      text = g_strdup_printf (_("Reading the open action items: %u%%…"), percent);
      gtk_label_set_label (self->count_label, text);
      gtk_stack_set_visible_child_name (self->stack, "list");
      return;
    }
  if (shown == total)
    text = g_strdup_printf (ngettext ("%u open action item.", "%u open action items.", total), total);
  else
    text = g_strdup_printf (ngettext ("%u of %u open action item shown.",
                                      "%u of %u open action items shown.", total), shown, total);
  gtk_label_set_label (self->count_label, text);

  lw_status_page_set_title (self->empty_status,
                            total == 0 ? _("No Open Action Items") : _("No Matching Action Items"));
  /* nothing open at all: where action items come from, and the way there */
  lw_status_page_set_description (self->empty_status,
                                  total == 0
                                  ? _("Action items are agreed in meetings: in meeting mode, Ctrl+Return records one with its owner and due date.")
                                  : _("Clear the filters to see every open action item."));
  gtk_widget_set_visible (self->empty_button, total == 0);
  /* a form open stays in front of the list */
  if (!lw_record_editor_is_open (self->editor))
    gtk_stack_set_visible_child_name (self->stack, shown == 0 ? "empty" : "list");
}

static char *
intern0 (const char *text)
{
  return text ? g_ref_string_new_intern (text) : NULL;
}

static char *
casefold_intern (const char *text)
{
  g_autofree char *key = g_utf8_casefold (text, -1);

  return g_ref_string_new_intern (key);
}

/* What the list is made from: when none of these changed, it is as read. */
static guint64
change_count (LwStore *store)
{
  return lw_store_get_change_count (store, &lw_action_item_table) +
         lw_store_get_change_count (store, &lw_person_table) +
         lw_store_get_change_count (store, &lw_meeting_table) +
         lw_store_get_change_count (store, &lw_participant_table) +
         lw_store_get_change_count (store, &lw_consent_table);
}

#define SYNC_LIMIT 1000
#define READ_CHUNK 2000

/* The open items as audience may see them, soonest due first.  Reads only
 * store (any thread's own); *done counts the items read. */
static GPtrArray *
read_entries (LwStore              *store,
              const LwAudience     *audience,
              const LwPolicyMatrix *matrix,
              gint                 *done,
              GCancellable         *cancellable,
              GError              **error)
{
  static const char * const meeting_date[] = { "date", NULL };
  static const char * const code[] = { "code", NULL };
  g_autoptr(GPtrArray) actions = NULL;
  g_autoptr(GPtrArray) people = NULL;
  g_autoptr(GPtrArray) meetings = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GPtrArray) no_consents = g_ptr_array_new ();
  g_autoptr(GPtrArray) consents = NULL;
  g_autoptr(GPtrArray) participants = NULL;
  g_autoptr(GArray) participant_ids = g_array_new (FALSE, FALSE, sizeof (LwId));
  g_autoptr(GHashTable) people_by_id = NULL;
  g_autoptr(GHashTable) dates = NULL;
  g_autoptr(GHashTable) codes = NULL;
  g_autoptr(GHashTable) by_participant = NULL;
  g_autoptr(GHashTable) participant_levels = NULL;
  g_auto(GStrv) part2 = NULL;
  g_autofree char *today = lw_date_today ();
  LwLevel levels[LW_N_CATEGORIES];

  actions = lw_store_list (store, &lw_action_item_table, "status", LW_ACTION_OPEN, error);
  people = actions ? lw_store_list (store, &lw_person_table, NULL, 0, error) : NULL;
  meetings = people ? lw_store_list_columns (store, &lw_meeting_table, meeting_date, NULL, 0, error) : NULL;
  if (meetings == NULL)
    return NULL;
  /* the releases and codes of the participants the items are about, once */
  for (guint i = 0; i < actions->len; i++)
    {
      LwActionItem *action = g_ptr_array_index (actions, i);

      if (action->participant_id != 0)
        g_array_append_val (participant_ids, action->participant_id);
    }
  consents = lw_store_list_in (store, &lw_consent_table, NULL, "participant_id",
                               (LwId *) participant_ids->data, participant_ids->len, error);
  participants = consents ? lw_store_list_in (store, &lw_participant_table, code, "id",
                                              (LwId *) participant_ids->data, participant_ids->len, error) : NULL;
  if (participants == NULL)
    return NULL;

  people_by_id = g_hash_table_new (g_int64_hash, g_int64_equal);
  for (guint i = 0; i < people->len; i++)
    {
      LwPerson *person = g_ptr_array_index (people, i);
      g_hash_table_insert (people_by_id, &LW_RECORD (person)->id, person);
    }
  dates = g_hash_table_new (g_int64_hash, g_int64_equal);
  for (guint i = 0; i < meetings->len; i++)
    {
      LwMeeting *meeting = g_ptr_array_index (meetings, i);
      g_hash_table_insert (dates, &meeting->id, meeting->date);
    }
  codes = g_hash_table_new (g_int64_hash, g_int64_equal);
  for (guint i = 0; i < participants->len; i++)
    {
      LwParticipant *participant = g_ptr_array_index (participants, i);
      g_hash_table_insert (codes, &participant->id, participant->code);
    }
  by_participant = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL, (GDestroyNotify) g_ptr_array_unref);
  for (guint i = 0; i < consents->len; i++)
    {
      LwConsent *consent = g_ptr_array_index (consents, i);
      GPtrArray *list = g_hash_table_lookup (by_participant, &consent->participant_id);

      if (list == NULL)
        {
          list = g_ptr_array_new ();
          g_hash_table_insert (by_participant, &consent->participant_id, list);
        }
      g_ptr_array_add (list, consent);
    }

  part2 = lw_policy_get_part2_agencies (store);
  /* items about nobody: the matrix alone, no release of information applies */
  lw_policy_resolve_levels (matrix, audience, no_consents, today, levels);
  participant_levels = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);

  entries = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < actions->len; i++)
    {
      LwActionItem *action = g_ptr_array_index (actions, i);
      const LwLevel *lv = levels;
      const LwPerson *owner = g_hash_table_lookup (people_by_id, &action->owner_id);
      const char *meeting = g_hash_table_lookup (dates, &action->meeting_id);
      const char *text = NULL;
      g_autofree char *owner_label = NULL;
      LwOpenAction *entry;

      if (i % READ_CHUNK == 0)
        {
          if (g_cancellable_set_error_if_cancelled (cancellable, error))
            return NULL;
          g_atomic_int_set (done, i);
        }
      if (action->participant_id != 0)
        {
          LwLevel *cached = g_hash_table_lookup (participant_levels, &action->participant_id);

          if (cached == NULL)
            {
              gint64 *key = g_new (gint64, 1);

              *key = action->participant_id;
              cached = g_new (LwLevel, LW_N_CATEGORIES);
              lw_policy_resolve_levels (matrix, audience,
                                        g_hash_table_lookup (by_participant, &action->participant_id),
                                        today, cached);
              g_hash_table_insert (participant_levels, key, cached);
            }
          lv = cached;
        }
      /* an item marked as concerning health or treatment is whole or absent */
      if (!lw_policy_show_action (action, lv, &text))
        continue;
      owner_label = lw_policy_person_label (owner, (const char * const *) part2, lv);

      entry = g_object_new (LW_TYPE_OPEN_ACTION, NULL);
      entry->id = LW_RECORD (action)->id;
      entry->owner = intern0 (owner_label ? owner_label : "");
      entry->owner_key = casefold_intern (entry->owner);
      entry->due_date = intern0 (action->due_date);
      entry->overdue = action->due_date != NULL && strcmp (action->due_date, today) < 0;
      entry->meeting_date = intern0 (meeting);
      if (action->participant_id != 0)
        {
          const char *c = g_hash_table_lookup (codes, &action->participant_id);

          entry->code = intern0 (c ? c : "");
        }
      else
        entry->code = intern0 ("");
      entry->code_key = casefold_intern (entry->code);
      entry->text = g_strdup (text);

      g_ptr_array_add (entries, entry);
    }
  g_ptr_array_sort (entries, compare_entries);
  return g_steal_pointer (&entries);
}

static void
show_entries (LwActionsPage *self,
              GPtrArray     *entries)
{
  /* read out of sight: the view makes the widgets of a long list's rows over
   * the first frames it draws (in sight, the place scrolled to is kept) */
  if (!gtk_widget_get_mapped (GTK_WIDGET (self->list_view)))
    lw_rows_growth_restart (self->growth);
  lw_array_model_set_items (self->entries, entries);
}

typedef struct
{
  LwAudience     *audience;
  LwPolicyMatrix  matrix;
  gint           *done;     /* shared with the page */
} ReadJob;

static void
read_job_free (gpointer data)
{
  ReadJob *job = data;

  lw_audience_free (job->audience);
  g_atomic_rc_box_release (job->done);
  g_free (job);
}

static gpointer
read_work (LwStore       *reader,
           gpointer       data,
           GCancellable  *cancellable,
           GError       **error)
{
  ReadJob *job = data;

  return read_entries (reader, job->audience, &job->matrix, job->done, cancellable, error);
}

static void
stop_reading (LwActionsPage *self)
{
  if (self->loading != NULL)
    g_cancellable_cancel (self->loading);
  g_clear_object (&self->loading);
  g_clear_pointer (&self->loaded, g_atomic_rc_box_release);
  g_clear_handle_id (&self->progress_source, g_source_remove);
}

static void
read_done (GObject      *owner,
           gpointer      result,
           const GError *error)
{
  LwActionsPage *self = LW_ACTIONS_PAGE (owner);
  g_autoptr(GPtrArray) entries = result;

  stop_reading (self);
  if (entries == NULL)
    g_debug ("Cannot list action items: %s", error->message);
  else
    show_entries (self, entries);
  lw_trim_memory_later ();
  lw_actions_page_update_count (self);
}

static gboolean
progress_cb (gpointer data)
{
  lw_actions_page_update_count (LW_ACTIONS_PAGE (data));
  return G_SOURCE_CONTINUE;
}

void
lw_actions_page_reload (LwActionsPage *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LwAudience) audience = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  LwPolicyMatrix matrix;
  gint64 start = g_get_monotonic_time ();
  gint64 n;

  g_return_if_fail (LW_IS_ACTIONS_PAGE (self));

  stop_reading (self);
  if (self->store == NULL || !lw_store_is_unlocked (self->store))
    {
      lw_array_model_remove_all (self->entries);
      lw_actions_page_update_count (self);
      return;
    }

  self->read_at = change_count (self->store);
  audience = lw_settings_dup_viewer_audience ();
  lw_policy_load_matrix (self->store, &matrix);
  n = lw_store_count (self->store, &lw_action_item_table, NULL);
  if (n > self->sync_limit)
    {
      ReadJob *job = g_new0 (ReadJob, 1);

      job->audience = lw_audience_copy (audience);
      job->matrix = matrix;
      self->loaded = g_atomic_rc_box_new0 (gint);
      job->done = g_atomic_rc_box_acquire (self->loaded);
      self->loading = lw_reader_task_start (self->store, G_OBJECT (self), read_work, read_done, job,
                                            read_job_free, (GDestroyNotify) g_ptr_array_unref, &error);
      if (self->loading == NULL)
        {
          read_job_free (job);
          g_clear_pointer (&self->loaded, g_atomic_rc_box_release);
          g_clear_error (&error);
        }
    }
  if (self->loading == NULL)
    {
      gint done = 0;

      /* a small program (or no second connection): read here, at once */
      entries = read_entries (self->store, audience, &matrix, &done, NULL, &error);
      if (entries == NULL)
        g_debug ("Cannot list action items: %s", error->message);
      else
        show_entries (self, entries);
      g_debug ("Listed %u open action items in %.0f ms", entries ? entries->len : 0,
               (g_get_monotonic_time () - start) / 1000.0);
      lw_actions_page_update_count (self);
      return;
    }

  /* what the page showed for the old reading goes: it may be another role's */
  lw_array_model_remove_all (self->entries);
  self->progress_source = g_timeout_add (250, progress_cb, self);
  lw_actions_page_update_count (self);
}

static void
filters_changed_cb (LwActionsPage *self)
{
  g_autofree char *owner = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->owner_entry))));
  g_autofree char *code = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->participant_entry))));

  g_clear_pointer (&self->owner_query, g_free);
  g_clear_pointer (&self->code_query, g_free);
  if (owner[0] != '\0')
    self->owner_query = g_utf8_casefold (owner, -1);
  if (code[0] != '\0')
    self->code_query = g_utf8_casefold (code, -1);

  /* no filter in use: the model passes every item through without asking,
   * where a filter would be asked about each of tens of thousands of items
   * each time the list is read (31M instructions at the reference load) */
  if (!gtk_toggle_button_get_active (self->overdue_toggle) && self->owner_query == NULL && self->code_query == NULL)
    gtk_filter_list_model_set_filter (self->filtered, NULL);
  else if (gtk_filter_list_model_get_filter (self->filtered) == NULL)
    gtk_filter_list_model_set_filter (self->filtered, GTK_FILTER (self->filter));
  else
    gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
}

/* Marking done or dropped, with undo */

typedef struct
{
  GWeakRef  page;
  LwId      id;
} MarkUndo;

static void
mark_undo_free (gpointer data)
{
  MarkUndo *undo = data;

  g_weak_ref_clear (&undo->page);
  g_free (undo);
}

static void
mark_undo_cb (AdwToast *toast,
              MarkUndo *undo)
{
  g_autoptr(LwActionsPage) self = g_weak_ref_get (&undo->page);
  g_autoptr(GError) error = NULL;

  if (self == NULL || self->store == NULL || !lw_store_is_unlocked (self->store))
    return;
  if (!lw_agenda_set_action_status (self->store, undo->id, LW_ACTION_OPEN, &error))
    {
      g_debug ("Cannot reopen an action item: %s", error->message);
      return;
    }
  lw_actions_page_reload (self);
}

gboolean
_lw_actions_page_mark (LwActionsPage *self,
                       LwId           action_id,
                       int            status)
{
  g_autoptr(GError) error = NULL;
  MarkUndo *undo;
  guint n;

  g_return_val_if_fail (LW_IS_ACTIONS_PAGE (self), FALSE);
  g_return_val_if_fail (status == LW_ACTION_DONE || status == LW_ACTION_DROPPED, FALSE);

  if (!lw_agenda_set_action_status (self->store, action_id, status, &error))
    {
      g_debug ("Cannot mark an action item: %s", error->message);
      lw_toast_show (GTK_WIDGET (self), _("The action item could not be changed"));
      return FALSE;
    }

  /* gone from the list of open items at once */
  n = g_list_model_get_n_items (G_LIST_MODEL (self->entries));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(LwOpenAction) entry = g_list_model_get_item (G_LIST_MODEL (self->entries), i);

      if (entry->id == action_id)
        {
          lw_array_model_remove (self->entries, i);
          break;
        }
    }

  undo = g_new0 (MarkUndo, 1);
  g_weak_ref_init (&undo->page, self);
  undo->id = action_id;
  lw_toast_show_undo (GTK_WIDGET (self),
                 status == LW_ACTION_DONE ? _("Marked done") : _("Dropped"),
                 G_CALLBACK (mark_undo_cb), undo, mark_undo_free);
  return TRUE;
}

/* Editing: text, owner (reassigning) and due date, in the one record form */

gboolean
_lw_actions_page_edit (LwActionsPage *self,
                       LwId           action_id)
{
  static const char * const columns[] = { "text", "owner_id", "due_date", NULL };
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;
  gpointer action;

  g_return_val_if_fail (LW_IS_ACTIONS_PAGE (self), FALSE);

  if (self->store == NULL || !lw_store_is_unlocked (self->store))
    return FALSE;
  action = lw_store_get (self->store, &lw_action_item_table, action_id, &error);
  if (action == NULL)
    {
      lw_toast_show_error (GTK_WIDGET (self), error);
      return FALSE;
    }
  title = lw_edit_record_title (self->store, action);
  lw_record_editor_open (self->editor, self->store, action, columns, title);
  lw_record_free (action);
  gtk_stack_set_visible_child_name (self->stack, "editor");
  gtk_widget_grab_focus (GTK_WIDGET (self->editor));
  return TRUE;
}

LwRecordEditor *
_lw_actions_page_get_editor (LwActionsPage *self)
{
  return self->editor;
}

static void
editor_done_cb (LwActionsPage *self)
{
  lw_record_editor_clear (self->editor);
  lw_actions_page_reload (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->list_view));
}

static void
editor_undone_cb (LwActionsPage *self)
{
  if (!lw_record_editor_is_open (self->editor))
    lw_actions_page_reload (self);
}

static void
viewer_role_changed_cb (LwActionsPage *self)
{
  /* a form opened for the old role goes */
  lw_record_editor_clear (self->editor);
  lw_actions_page_reload (self);
}

static void
list_activate_cb (LwActionsPage *self,
                  guint          position)
{
  g_autoptr(LwOpenAction) entry = g_list_model_get_item (G_LIST_MODEL (self->filtered), position);

  if (entry != NULL)
    _lw_actions_page_edit (self, entry->id);
}

static void
edit_clicked_cb (GtkButton   *button,
                 GtkListItem *item)
{
  LwOpenAction *entry = gtk_list_item_get_item (item);
  GtkWidget *page = gtk_widget_get_ancestor (GTK_WIDGET (button), LW_TYPE_ACTIONS_PAGE);

  if (entry != NULL && page != NULL)
    _lw_actions_page_edit (LW_ACTIONS_PAGE (page), entry->id);
}

static void
mark_clicked_cb (GtkButton   *button,
                 GtkListItem *item)
{
  LwOpenAction *entry = gtk_list_item_get_item (item);
  GtkWidget *page = gtk_widget_get_ancestor (GTK_WIDGET (button), LW_TYPE_ACTIONS_PAGE);
  int status = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (button), "lw-status"));

  if (entry != NULL && page != NULL)
    _lw_actions_page_mark (LW_ACTIONS_PAGE (page), entry->id, status);
}

static GtkWidget *
mark_button (GtkListItem *item,
             const char  *icon,
             const char  *label,
             int          status)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon);

  lw_tooltip_set_text (button, label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  -1);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_add_css_class (button, "circular");
  g_object_set_data (G_OBJECT (button), "lw-status", GINT_TO_POINTER (status));
  g_signal_connect (button, "clicked", G_CALLBACK (mark_clicked_cb), item);
  return button;
}

static void
setup_cb (GtkSignalListItemFactory *factory,
          GtkListItem              *item)
{
  GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *text_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 3);
  GtkWidget *meta = lw_wrap_label_new (NULL);
  /* the item's text wraps: a label that wraps would be laid out again for
   * every width its row asks about, two hundred rows at a time */
  GtkWidget *text = lw_wrap_label_new (NULL);
  GtkWidget *due = gtk_label_new (NULL);

  gtk_widget_set_margin_top (row, 6);
  gtk_widget_set_margin_bottom (row, 6);
  gtk_widget_set_margin_start (row, 12);
  gtk_widget_set_margin_end (row, 12);
  gtk_widget_set_hexpand (text_box, TRUE);
  /* one line, laid out once per text, as the item's text below */
  lw_wrap_label_set_ellipsize (LW_WRAP_LABEL (meta), TRUE);
  gtk_widget_add_css_class (meta, "heading");

  gtk_box_append (GTK_BOX (text_box), meta);
  gtk_box_append (GTK_BOX (text_box), text);
  gtk_widget_set_valign (due, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (due, "numeric");

  gtk_box_append (GTK_BOX (row), text_box);
  gtk_box_append (GTK_BOX (row), due);
  {
    GtkWidget *edit = gtk_button_new_from_icon_name ("document-edit-symbolic");

    lw_tooltip_set_text (edit, _("Edit or Reassign"));
    gtk_accessible_update_property (GTK_ACCESSIBLE (edit),
                                    GTK_ACCESSIBLE_PROPERTY_LABEL, _("Edit or reassign"),
                                    -1);
    gtk_widget_set_valign (edit, GTK_ALIGN_CENTER);
    gtk_widget_add_css_class (edit, "flat");
    gtk_widget_add_css_class (edit, "circular");
    g_signal_connect (edit, "clicked", G_CALLBACK (edit_clicked_cb), item);
    gtk_box_append (GTK_BOX (row), edit);
  }
  gtk_box_append (GTK_BOX (row), mark_button (item, "object-select-symbolic", _("Mark Done"), LW_ACTION_DONE));
  gtk_box_append (GTK_BOX (row), mark_button (item, "edit-delete-symbolic", _("Drop"), LW_ACTION_DROPPED));

  g_object_set_data (G_OBJECT (row), "meta", meta);
  g_object_set_data (G_OBJECT (row), "text", text);
  g_object_set_data (G_OBJECT (row), "due", due);
  gtk_list_item_set_child (item, row);
  /* Enter on an item opens its form */
  gtk_list_item_set_activatable (item, TRUE);
}

static void
bind_cb (GtkSignalListItemFactory *factory,
         GtkListItem              *item)
{
  LwOpenAction *entry = gtk_list_item_get_item (item);
  GtkWidget *row = gtk_list_item_get_child (item);
  GtkWidget *meta = g_object_get_data (G_OBJECT (row), "meta");
  GtkWidget *text = g_object_get_data (G_OBJECT (row), "text");
  GtkWidget *due = g_object_get_data (G_OBJECT (row), "due");
  g_autoptr(GString) line = g_string_new (entry->owner[0] ? entry->owner : _("No owner"));
  g_autofree char *due_text = NULL;

  if (entry->code[0] != '\0')
    g_string_append_printf (line, " · %s", entry->code);
  if (entry->meeting_date != NULL)
    /* Translators: %s is the date of the meeting where the item was agreed */
    {
      g_string_append (line, " · ");
      g_string_append_printf (line, _("agreed %s"), entry->meeting_date);
    }
  lw_wrap_label_set_text (LW_WRAP_LABEL (meta), line->str);

  if (entry->due_date != NULL)
    /* Translators: %s is a date */
    due_text = g_strdup_printf (entry->overdue ? _("Overdue since %s") : _("Due %s"), entry->due_date);
  else
    due_text = g_strdup (_("No due date"));
  gtk_label_set_label (GTK_LABEL (due), due_text);
  if (entry->overdue)
    gtk_widget_add_css_class (due, "error");
  else
    gtk_widget_remove_css_class (due, "error");

  lw_wrap_label_set_text (LW_WRAP_LABEL (text), entry->text ? entry->text : _("The text is not shown for your role."));
  if (entry->text == NULL)
    gtk_widget_add_css_class (text, "dim-label");
  else
    gtk_widget_remove_css_class (text, "dim-label");
}

static void
unbind_cb (GtkSignalListItemFactory *factory,
           GtkListItem              *item)
{
  GtkWidget *row = gtk_list_item_get_child (item);

  lw_wrap_label_set_text (g_object_get_data (G_OBJECT (row), "meta"), "");
  lw_wrap_label_set_text (g_object_get_data (G_OBJECT (row), "text"), "");
  gtk_label_set_label (g_object_get_data (G_OBJECT (row), "due"), "");
}

static void
lw_actions_page_dispose (GObject *object)
{
  LwActionsPage *self = LW_ACTIONS_PAGE (object);

  g_clear_handle_id (&self->map_source, g_source_remove);
  stop_reading (self);
  g_clear_pointer (&self->growth, lw_rows_growth_free);
  if (self->list_view != NULL)
    gtk_grid_view_set_model (self->list_view, NULL);
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), LW_TYPE_ACTIONS_PAGE);

  g_clear_object (&self->filtered);
  g_clear_object (&self->entries);
  g_clear_object (&self->settings);
  g_clear_pointer (&self->owner_query, g_free);
  g_clear_pointer (&self->code_query, g_free);
  g_clear_object (&self->filter);
  self->store = NULL;

  G_OBJECT_CLASS (lw_actions_page_parent_class)->dispose (object);
}

/* Out of the window (a lock): its worker stops, and nothing more is read. */
static void
lw_actions_page_unroot (GtkWidget *widget)
{
  stop_reading ((LwActionsPage *) widget);

  GTK_WIDGET_CLASS (lw_actions_page_parent_class)->unroot (widget);
}

static void
lw_actions_page_class_init (LwActionsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lw_actions_page_dispose;
  widget_class->unroot = lw_actions_page_unroot;

  g_type_ensure (LW_TYPE_RECORD_EDITOR);
  g_type_ensure (LW_TYPE_STATUS_PAGE);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/leadworkgroup/Workgroup/lw-actions-page.ui");
  gtk_widget_class_bind_template_child (widget_class, LwActionsPage, owner_entry);
  gtk_widget_class_bind_template_child (widget_class, LwActionsPage, participant_entry);
  gtk_widget_class_bind_template_child (widget_class, LwActionsPage, overdue_toggle);
  gtk_widget_class_bind_template_child (widget_class, LwActionsPage, stack);
  gtk_widget_class_bind_template_child (widget_class, LwActionsPage, list_view);
  gtk_widget_class_bind_template_child (widget_class, LwActionsPage, empty_status);
  gtk_widget_class_bind_template_child (widget_class, LwActionsPage, empty_button);
  gtk_widget_class_bind_template_child (widget_class, LwActionsPage, count_label);
  gtk_widget_class_bind_template_child (widget_class, LwActionsPage, editor);
  gtk_widget_class_bind_template_callback (widget_class, editor_done_cb);
  gtk_widget_class_bind_template_callback (widget_class, editor_undone_cb);
  gtk_widget_class_bind_template_callback (widget_class, list_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, filters_changed_cb);
}

static gboolean
lw_actions_page_map_idle_cb (gpointer data)
{
  LwActionsPage *self = data;

  self->map_source = 0;
  /* read again only when what it is made from changed meanwhile */
  if (self->store != NULL && lw_store_is_unlocked (self->store) && self->loading == NULL &&
      change_count (self->store) != self->read_at)
    lw_actions_page_reload (self);
  return G_SOURCE_REMOVE;
}

/* not while mapping: the rows are made again */
static void
lw_actions_page_map_cb (LwActionsPage *self)
{
  if (self->map_source == 0)
    self->map_source = g_idle_add (lw_actions_page_map_idle_cb, self);
}

static void
lw_actions_page_init (LwActionsPage *self)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
  GtkNoSelection *selection;

  gtk_widget_init_template (GTK_WIDGET (self));

  /* shown again: items agreed or changed in meeting mode meanwhile appear */
  g_signal_connect (self, "map", G_CALLBACK (lw_actions_page_map_cb), NULL);

  self->sync_limit = SYNC_LIMIT;
  self->entries = lw_array_model_new (LW_TYPE_OPEN_ACTION);
  /* set on the model while a filter is in use (filters_changed_cb ()) */
  self->filter = gtk_custom_filter_new (filter_func, self, NULL);
  self->filtered = gtk_filter_list_model_new (G_LIST_MODEL (g_object_ref (self->entries)), NULL);
  g_signal_connect_swapped (self->filtered, "items-changed",
                            G_CALLBACK (lw_actions_page_update_count), self);

  g_signal_connect (factory, "setup", G_CALLBACK (setup_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_cb), NULL);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_cb), NULL);
  gtk_grid_view_set_factory (self->list_view, factory);
  self->growth = lw_rows_growth_new (GTK_WIDGET (self->list_view), G_LIST_MODEL (self->filtered));
  selection = gtk_no_selection_new (G_LIST_MODEL (g_object_ref (lw_rows_growth_get_model (self->growth))));
  gtk_grid_view_set_model (self->list_view, GTK_SELECTION_MODEL (selection));
  g_object_unref (selection);

  self->settings = lw_settings_dup_gsettings ();
  if (self->settings != NULL)
    g_signal_connect_object (self->settings, "changed::viewer-role",
                             G_CALLBACK (viewer_role_changed_cb), self, G_CONNECT_SWAPPED);
  lw_actions_page_update_count (self);
}

void
lw_actions_page_set_store (LwActionsPage *self,
                           LwStore       *store)
{
  g_return_if_fail (LW_IS_ACTIONS_PAGE (self));

  self->store = store;
  lw_actions_page_reload (self);
}

GListModel *
_lw_actions_page_get_model (LwActionsPage *self)
{
  return G_LIST_MODEL (self->filtered);
}

void
_lw_actions_page_set_filters (LwActionsPage *self,
                              const char    *owner,
                              const char    *participant,
                              gboolean       overdue)
{
  gtk_editable_set_text (GTK_EDITABLE (self->owner_entry), owner ? owner : "");
  gtk_editable_set_text (GTK_EDITABLE (self->participant_entry), participant ? participant : "");
  gtk_toggle_button_set_active (self->overdue_toggle, overdue);
  /* search-changed is delayed; apply at once */
  filters_changed_cb (self);
}

LwId
_lw_open_action_get_id (gpointer entry)
{
  return LW_OPEN_ACTION (entry)->id;
}

const char *
_lw_open_action_get_text (gpointer entry)
{
  return LW_OPEN_ACTION (entry)->text;
}

void
_lw_actions_page_set_sync_limit (LwActionsPage *self,
                                 guint          limit)
{
  self->sync_limit = limit;
}

gboolean
_lw_actions_page_get_loading (LwActionsPage *self)
{
  return self->loading != NULL;
}
