/* lw-agenda-row.c: an agenda item as the viewer may see it
 *
 * Everything a row shows of a participant comes from a policy view made for the
 * viewer's audience; nothing here reads a sealed column of a participant.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lw-meeting"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "lw/lw-i18n.h"
#include "lw/lw-model.h"

#include "lw-agenda-row.h"
#include "lw-format.h"
#include "lw-settings.h"

static void
int64_free (gpointer data)
{
  g_free (data);
}

GHashTable *
lw_agenda_row_view_cache_new (void)
{
  return g_hash_table_new_full (g_int64_hash, g_int64_equal, int64_free,
                                (GDestroyNotify) lw_participant_view_free);
}

const LwParticipantView *
lw_agenda_row_view_cache_get (GHashTable       *cache,
                           LwStore          *store,
                           const LwAudience *audience,
                           LwId              participant_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LwParticipant) participant = NULL;
  LwParticipantView *view;
  gint64 *key;

  if (participant_id == 0)
    return NULL;

  view = g_hash_table_lookup (cache, &participant_id);
  if (view != NULL)
    return view;

  participant = lw_store_get (store, &lw_participant_table, participant_id, &error);
  if (participant != NULL)
    view = lw_policy_view_participant (store, audience, participant,
                                       LW_VIEW_PARTICIPANT_ONLY | LW_VIEW_AUDITED, &error);
  if (view == NULL)
    {
      g_debug ("No view of participant %" G_GINT64_FORMAT ": %s", participant_id,
               error ? error->message : "");
      return NULL;
    }

  key = g_new (gint64, 1);
  *key = participant_id;
  g_hash_table_insert (cache, key, view);

  return view;
}

/* The views of the participants of items that are not in the cache yet,
 * made together: one read of their records (the columns the views show), one
 * of their releases, and their audit entries in one transaction, where one by
 * one each read all of a record and waited for its own entry to reach the
 * disk.  Whoever has no view here (gone since) is left to
 * lw_agenda_row_view_cache_get (), which says why. */
static void
view_cache_fill (GHashTable       *cache,
                 LwStore          *store,
                 const LwAudience *audience,
                 GPtrArray        *items)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (LwId));
  g_autoptr(GHashTable) wanted = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(GPtrArray) views = NULL;

  for (guint i = 0; i < items->len; i++)
    {
      LwAgendaItem *item = g_ptr_array_index (items, i);

      if (item->participant_id == 0 || g_hash_table_contains (cache, &item->participant_id) ||
          !g_hash_table_add (wanted, &item->participant_id))
        continue;
      g_array_append_val (ids, item->participant_id);
    }
  if (ids->len < 2)
    return;

  views = lw_policy_view_participants (store, NULL, audience, (const LwId *) ids->data, ids->len, NULL,
                                       LW_VIEW_PARTICIPANT_ONLY | LW_VIEW_AUDITED, &error);
  if (views == NULL)
    {
      g_debug ("No views of the agenda's participants: %s", error ? error->message : "");
      return;
    }
  g_ptr_array_set_free_func (views, NULL);
  for (guint i = 0; i < views->len; i++)
    {
      LwParticipantView *view = g_ptr_array_index (views, i);
      gint64 *key = g_new (gint64, 1);

      *key = lw_participant_view_get_id (view);
      g_hash_table_insert (cache, key, view);
    }
}

static char *
field_text (const LwParticipantView *view,
            const char              *key)
{
  const LwViewField *field = view ? lw_participant_view_lookup (view, key) : NULL;

  if (field == NULL || field->value == NULL)
    return NULL;

  return lw_view_value_to_text (field->value);
}

void
lw_agenda_row_describe_levels (LwStore                 *store,
                        const LwAudience        *audience,
                        const LwAgendaItem      *item,
                        const LwParticipantView *view,
                        LwLevel                  levels[LW_N_CATEGORIES])
{
  if (item != NULL && item->kind == LW_ITEM_PARTICIPANT)
    {
      for (guint i = 0; i < LW_N_CATEGORIES; i++)
        levels[i] = view != NULL ? lw_participant_view_get_level (view, i) : LW_LEVEL_NONE;
    }
  else
    {
      g_autoptr(GPtrArray) no_consents = g_ptr_array_new ();
      g_autofree char *today = lw_date_today ();
      LwPolicyMatrix matrix;

      lw_policy_load_matrix (store, &matrix);
      lw_policy_resolve_levels (&matrix, audience, no_consents, today, levels);
    }
}

static gboolean
viewer_sees_location (LwStore            *store,
                      const LwAgendaItem *item)
{
  g_autoptr(LwAudience) audience = lw_settings_dup_viewer_audience ();
  LwLevel levels[LW_N_CATEGORIES];

  lw_agenda_row_describe_levels (store, audience, item, NULL, levels);
  return levels[LW_CATEGORY_LOCATION] == LW_LEVEL_FULL;
}

char *
lw_agenda_row_describe_title (LwStore                 *store,
                       const LwAgendaItem      *item,
                       const LwParticipantView *view)
{
  switch (item->kind)
    {
    case LW_ITEM_TOPIC:
      {
        g_autoptr(LwAudience) audience = lw_settings_dup_viewer_audience ();
        LwLevel levels[LW_N_CATEGORIES];

        /* a topic's title is plan information (or what the item is marked as) */
        lw_agenda_row_describe_levels (store, audience, item, NULL, levels);
        return lw_agenda_topic_title (item, levels);
      }

    case LW_ITEM_CONCERN:
      if (item->concern_id != 0 && viewer_sees_location (store, item))
        {
          g_autoptr(LwCommunityConcern) concern =
            lw_store_get (store, &lw_community_concern_table, item->concern_id, NULL);

          if (concern != NULL && concern->area != NULL)
            return g_strdup_printf (_("Community concern · %s"), concern->area);
        }
      return g_strdup (_("Community concern"));

    case LW_ITEM_PARTICIPANT:
    default:
      {
        const char *code = view ? lw_participant_view_get_code (view) : NULL;
        g_autofree char *name = field_text (view, "identity.preferred_name");

        if (name == NULL)
          name = field_text (view, "identity.legal_name");
        if (name == NULL)
          name = field_text (view, "identity.initials");
        if (code == NULL)
          return g_strdup (_("Participant"));
        if (name == NULL)
          return g_strdup (code);
        return g_strdup_printf ("%s · %s", code, name);
      }
    }
}

char *
lw_agenda_row_describe_subtitle (const LwAgendaItem      *item,
                          const LwParticipantView *view)
{
  if (item->kind != LW_ITEM_PARTICIPANT)
    return g_strdup (lw_enum_to_label (&lw_item_kind_info, item->kind));

  return field_text (view, "status.status");
}

char *
lw_agenda_row_describe_reasons (const LwAgendaItem      *item,
                         const LwParticipantView *view)
{
  g_autoptr(GPtrArray) labels = NULL;
  LwLevel levels[LW_N_CATEGORIES];

  if (item->reasons == NULL || *item->reasons == '\0' || view == NULL)
    return NULL;

  /* a reason is shown only to whoever may see what it is computed from */
  for (int c = 0; c < LW_N_CATEGORIES; c++)
    levels[c] = lw_participant_view_get_level (view, c);
  labels = lw_agenda_reason_labels (item->reasons, levels);
  if (labels->len == 0)
    return NULL;
  g_ptr_array_add (labels, NULL);
  return g_strjoinv (", ", (char **) labels->pdata);
}

/* LwAgendaRow */

struct _LwAgendaRow
{
  GObject  parent_instance;

  LwId     id;
  guint    position;
  char    *title;
  char    *subtitle;
  char    *reasons;
  gint64   time_budget;
  gint64   started_at;
  gint64   ended_at;
  char    *planned_start;
};

G_DEFINE_FINAL_TYPE (LwAgendaRow, lw_agenda_row, G_TYPE_OBJECT)

enum
{
  ROW_CHANGED,
  N_ROW_SIGNALS
};

static guint row_signals[N_ROW_SIGNALS];

static void
lw_agenda_row_finalize (GObject *object)
{
  LwAgendaRow *self = LW_AGENDA_ROW (object);

  g_free (self->title);
  g_free (self->subtitle);
  g_free (self->reasons);
  g_free (self->planned_start);

  G_OBJECT_CLASS (lw_agenda_row_parent_class)->finalize (object);
}

static void
lw_agenda_row_class_init (LwAgendaRowClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = lw_agenda_row_finalize;

  row_signals[ROW_CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                           0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
lw_agenda_row_init (LwAgendaRow *self)
{
}

LwAgendaRow *
lw_agenda_row_new (LwId        id,
                   guint       position,
                   const char *title,
                   const char *subtitle,
                   const char *reasons,
                   gint64      time_budget,
                   gint64      started_at,
                   gint64      ended_at)
{
  LwAgendaRow *self = g_object_new (LW_TYPE_AGENDA_ROW, NULL);

  self->id = id;
  self->position = position;
  self->title = g_strdup (title);
  self->subtitle = g_strdup (subtitle);
  self->reasons = g_strdup (reasons);
  self->time_budget = time_budget;
  self->started_at = started_at;
  self->ended_at = ended_at;

  return self;
}

LwId lw_agenda_row_get_id (LwAgendaRow *self) { return self->id; }
guint lw_agenda_row_get_position (LwAgendaRow *self) { return self->position; }
const char *lw_agenda_row_get_title (LwAgendaRow *self) { return self->title; }
const char *lw_agenda_row_get_subtitle (LwAgendaRow *self) { return self->subtitle; }
const char *lw_agenda_row_get_reasons (LwAgendaRow *self) { return self->reasons; }
gint64 lw_agenda_row_get_time_budget (LwAgendaRow *self) { return self->time_budget; }
gint64 lw_agenda_row_get_started_at (LwAgendaRow *self) { return self->started_at; }
gint64 lw_agenda_row_get_ended_at (LwAgendaRow *self) { return self->ended_at; }
const char *lw_agenda_row_get_planned_start (LwAgendaRow *self) { return self->planned_start; }

static gboolean
set_string (char       **field,
            const char  *value)
{
  if (g_strcmp0 (*field, value) == 0)
    return FALSE;
  g_free (*field);
  *field = g_strdup (value);
  return TRUE;
}

/* Updates a row in place; "changed" only when something did. */
static void
row_update (LwAgendaRow        *row,
            guint               position,
            const LwAgendaItem *item,
            const char         *planned_start,
            const char         *title,
            const char         *subtitle,
            const char         *reasons)
{
  gboolean changed = FALSE;

  changed |= row->position != position;
  changed |= row->time_budget != item->time_budget;
  changed |= row->started_at != item->started_at;
  changed |= row->ended_at != item->ended_at;
  row->position = position;
  row->time_budget = item->time_budget;
  row->started_at = item->started_at;
  row->ended_at = item->ended_at;
  changed |= set_string (&row->planned_start, planned_start);
  if (title != NULL)
    {
      changed |= set_string (&row->title, title);
      changed |= set_string (&row->subtitle, subtitle);
      changed |= set_string (&row->reasons, reasons);
    }
  if (changed)
    g_signal_emit (row, row_signals[ROW_CHANGED], 0);
}

static gboolean
rows_match (GListStore *rows,
            GPtrArray  *items)
{
  if (g_list_model_get_n_items (G_LIST_MODEL (rows)) != items->len)
    return FALSE;
  for (guint i = 0; i < items->len; i++)
    {
      g_autoptr(LwAgendaRow) row = g_list_model_get_item (G_LIST_MODEL (rows), i);

      if (row->id != ((LwAgendaItem *) g_ptr_array_index (items, i))->id)
        return FALSE;
    }
  return TRUE;
}

gboolean
lw_agenda_rows_update_state (GListStore      *rows,
                             const LwMeeting *meeting,
                             GPtrArray       *items)
{
  g_auto(GStrv) starts = NULL;

  g_return_val_if_fail (G_IS_LIST_STORE (rows), FALSE);
  g_return_val_if_fail (items != NULL, FALSE);

  if (!rows_match (rows, items))
    return FALSE;
  starts = meeting ? lw_agenda_planned_starts (meeting, items) : NULL;
  for (guint i = 0; i < items->len; i++)
    {
      g_autoptr(LwAgendaRow) row = g_list_model_get_item (G_LIST_MODEL (rows), i);

      row_update (row, i, g_ptr_array_index (items, i), starts ? starts[i] : NULL, NULL, NULL, NULL);
    }
  return TRUE;
}

GPtrArray *
lw_agenda_rows_fill (GListStore        *rows,
                     LwStore           *store,
                     const LwAudience  *audience,
                     GHashTable        *view_cache,
                     LwId               meeting_id,
                     GError           **error)
{
  g_autoptr(GPtrArray) items = lw_agenda_list_items (store, meeting_id, error);
  g_autoptr(GPtrArray) objects = NULL;
  g_autoptr(LwMeeting) meeting = NULL;
  g_auto(GStrv) starts = NULL;
  gboolean in_place;

  if (items == NULL)
    return NULL;
  meeting = lw_store_get (store, &lw_meeting_table, meeting_id, NULL);
  starts = meeting ? lw_agenda_planned_starts (meeting, items) : NULL;

  /* the same items in the same order: the rows stay, so does the focus */
  in_place = rows_match (rows, items);
  view_cache_fill (view_cache, store, audience, items);
  objects = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < items->len; i++)
    {
      LwAgendaItem *item = g_ptr_array_index (items, i);
      const LwParticipantView *view =
        lw_agenda_row_view_cache_get (view_cache, store, audience, item->participant_id);
      g_autofree char *title = lw_agenda_row_describe_title (store, item, view);
      g_autofree char *subtitle = lw_agenda_row_describe_subtitle (item, view);
      g_autofree char *reasons = lw_agenda_row_describe_reasons (item, view);

      if (in_place)
        {
          g_autoptr(LwAgendaRow) row = g_list_model_get_item (G_LIST_MODEL (rows), i);

          row_update (row, i, item, starts ? starts[i] : NULL, title, subtitle ? subtitle : NULL, reasons);
          continue;
        }
      g_ptr_array_add (objects, lw_agenda_row_new (item->id, i, title, subtitle, reasons,
                                                   item->time_budget, item->started_at,
                                                   item->ended_at));
      ((LwAgendaRow *) g_ptr_array_index (objects, objects->len - 1))->planned_start =
        starts ? g_strdup (starts[i]) : NULL;
    }

  if (!in_place)
    g_list_store_splice (rows, 0, g_list_model_get_n_items (G_LIST_MODEL (rows)),
                         objects->pdata, objects->len);

  return g_steal_pointer (&items);
}
