/* lw-agenda.c: meetings and their agenda: finding a meeting, adding, moving, timing and starting items
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lw-agenda"

#include "config.h"

#include "lw-i18n-private.h"
#include <stdio.h>
#include <string.h>

#include "lw/lw-agenda.h"
#include "lw/lw-error.h"
#include "lw/lw-model.h"
#include "lw/lw-policy.h"
#include "lw-agenda-private.h"

/* ----------------------------------------------------------------------------
 * Meetings
 */

static int
compare_meetings (gconstpointer a,
                  gconstpointer b)
{
  const LwMeeting *x = *(LwMeeting * const *) a;
  const LwMeeting *y = *(LwMeeting * const *) b;
  int c = g_strcmp0 (x->date, y->date);

  if (c == 0)
    c = g_strcmp0 (x->start_time, y->start_time);
  if (c == 0)
    c = (x->id > y->id) - (x->id < y->id);
  return c;
}

GPtrArray *
lw_agenda_list_meetings (LwStore *store,
                         GError **error)
{
  GPtrArray *meetings;

  g_return_val_if_fail (store != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  meetings = lw_store_list (store, &lw_meeting_table, NULL, 0, error);
  if (meetings != NULL)
    g_ptr_array_sort (meetings, compare_meetings);
  return meetings;
}

/* Digits only: a meeting id. */
static gboolean
is_number (const char *s)
{
  if (*s == '\0')
    return FALSE;
  for (; *s; s++)
    if (!g_ascii_isdigit (*s))
      return FALSE;
  return TRUE;
}

/* Shaped like YYYY-MM-DD, whether or not it is on the calendar. */
gboolean
_lw_agenda_looks_like_date (const char *s)
{
  if (strlen (s) != 10 || s[4] != '-' || s[7] != '-')
    return FALSE;
  for (int i = 0; i < 10; i++)
    if (i != 4 && i != 7 && !g_ascii_isdigit (s[i]))
      return FALSE;
  return TRUE;
}

LwMeeting *
lw_agenda_resolve_meeting (LwStore    *store,
                           const char *spec,
                           GError    **error)
{
  g_autofree char *text = NULL;
  g_autoptr(GPtrArray) meetings = NULL;
  LwMeeting *found = NULL;

  g_return_val_if_fail (store != NULL, NULL);
  g_return_val_if_fail (spec != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  text = g_strstrip (g_strdup (spec));

  if (is_number (text))
    {
      g_autoptr(GError) local = NULL;
      gint64 id = 0;
      LwMeeting *meeting;

      if (!g_ascii_string_to_signed (text, 10, 1, G_MAXINT64, &id, NULL))
        id = 0;
      meeting = id > 0 ? lw_store_get (store, &lw_meeting_table, id, &local) : NULL;
      if (meeting != NULL)
        return meeting;
      if (local != NULL && !g_error_matches (local, LW_ERROR, LW_ERROR_NOT_FOUND))
        {
          g_propagate_error (error, g_steal_pointer (&local));
          return NULL;
        }
      g_set_error (error, LW_ERROR, LW_ERROR_NOT_FOUND,
                   _("There is no meeting %s; “lead-workgroup meeting list” shows them"), text);
      return NULL;
    }

  if (g_ascii_strcasecmp (text, "next") == 0)
    {
      g_autofree char *today = lw_date_today ();

      meetings = lw_agenda_list_meetings (store, error);
      if (meetings == NULL)
        return NULL;
      for (guint i = 0; i < meetings->len && found == NULL; i++)
        {
          LwMeeting *m = g_ptr_array_index (meetings, i);

          if (m->status != LW_MEETING_CLOSED && g_strcmp0 (m->date, today) >= 0)
            found = m;
        }
      if (found == NULL)
        {
          g_set_error (error, LW_ERROR, LW_ERROR_NOT_FOUND,
                       _("There is no meeting planned on or after %s; “lead-workgroup meeting list” shows them"),
                       today);
          return NULL;
        }
      return lw_record_copy (found);
    }

  if (_lw_agenda_looks_like_date (text))
    {
      if (!lw_date_is_valid (text))
        {
          g_set_error (error, LW_ERROR, LW_ERROR_INVALID,
                       _("%s is not a date on the calendar; write it as YYYY-MM-DD, for example 2026-12-01"),
                       text);
          return NULL;
        }
      meetings = lw_agenda_list_meetings (store, error);
      if (meetings == NULL)
        return NULL;
      for (guint i = 0; i < meetings->len; i++)
        {
          LwMeeting *m = g_ptr_array_index (meetings, i);

          if (g_strcmp0 (m->date, text) != 0)
            continue;
          if (found == NULL || (found->status == LW_MEETING_CLOSED && m->status != LW_MEETING_CLOSED))
            found = m;
        }
      if (found == NULL)
        {
          g_set_error (error, LW_ERROR, LW_ERROR_NOT_FOUND,
                       _("There is no meeting on %s; “lead-workgroup meeting list” shows them"), text);
          return NULL;
        }
      return lw_record_copy (found);
    }

  g_set_error (error, LW_ERROR, LW_ERROR_INVALID,
               _("“%s” is not a meeting: give its number, its date (2026-12-01) or “next”"), text);
  return NULL;
}

/* Whether a comes before b in the order of meetings (date, then id). */
gboolean
_lw_agenda_meeting_before (const LwMeeting *a,
                           const LwMeeting *b)
{
  int c = g_strcmp0 (a->date, b->date);

  return c < 0 || (c == 0 && a->id < b->id);
}

/* From a list of meetings, the last closed one before meeting; borrowed. */
LwMeeting *
_lw_agenda_find_previous (GPtrArray       *meetings,
                          const LwMeeting *meeting)
{
  LwMeeting *best = NULL;

  for (guint i = 0; i < meetings->len; i++)
    {
      LwMeeting *m = g_ptr_array_index (meetings, i);

      if (m->id == meeting->id || m->status != LW_MEETING_CLOSED || !_lw_agenda_meeting_before (m, meeting))
        continue;
      if (best == NULL || _lw_agenda_meeting_before (best, m))
        best = m;
    }
  return best;
}

LwMeeting *
lw_agenda_previous_meeting (LwStore         *store,
                            const LwMeeting *meeting,
                            GError         **error)
{
  g_autoptr(GPtrArray) meetings = NULL;
  LwMeeting *previous;

  g_return_val_if_fail (store != NULL, NULL);
  g_return_val_if_fail (meeting != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  meetings = lw_store_list (store, &lw_meeting_table, NULL, 0, error);
  if (meetings == NULL)
    return NULL;
  previous = _lw_agenda_find_previous (meetings, meeting);
  return previous ? lw_record_copy (previous) : NULL;
}

/* A date read from a damaged file is unset (lw-record.c). */
gpointer
_lw_agenda_damaged_meeting_date (GError **error)
{
  g_set_error (error, LW_ERROR, LW_ERROR_TAMPERED,
               _("The meeting's date in the program file is damaged; run “lead-workgroup check” and restore the file from a backup"));
  return NULL;
}

char *
lw_agenda_next_meeting_date (LwStore    *store,
                             const char *date,
                             GError    **error)
{
  g_autoptr(GPtrArray) meetings = NULL;

  g_return_val_if_fail (store != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!lw_date_is_valid (date))
    return _lw_agenda_damaged_meeting_date (error);
  meetings = lw_agenda_list_meetings (store, error);
  if (meetings == NULL)
    return NULL;
  for (guint i = 0; i < meetings->len; i++)
    {
      LwMeeting *m = g_ptr_array_index (meetings, i);

      if (m->status != LW_MEETING_CLOSED && g_strcmp0 (m->date, date) > 0)
        return g_strdup (m->date);
    }
  return NULL;
}

LwMeeting *
_lw_agenda_get_open_meeting (LwStore *store,
                             LwId     meeting_id,
                             GError **error)
{
  g_autoptr(LwMeeting) meeting = NULL;

  meeting = lw_store_get (store, &lw_meeting_table, meeting_id, error);
  if (meeting == NULL)
    return NULL;
  if (meeting->status == LW_MEETING_CLOSED)
    {
      g_set_error (error, LW_ERROR, LW_ERROR_INVALID,
                   _("The meeting of %s is closed; its agenda can no longer change"),
                   meeting->date);
      return NULL;
    }
  return g_steal_pointer (&meeting);
}

/* ----------------------------------------------------------------------------
 * Editing the agenda
 */

static int
compare_items (gconstpointer a,
               gconstpointer b)
{
  const LwAgendaItem *x = *(LwAgendaItem * const *) a;
  const LwAgendaItem *y = *(LwAgendaItem * const *) b;

  if (x->position != y->position)
    return (x->position > y->position) - (x->position < y->position);
  return (x->id > y->id) - (x->id < y->id);
}

GPtrArray *
lw_agenda_list_items (LwStore *store,
                      LwId     meeting_id,
                      GError **error)
{
  GPtrArray *items;

  g_return_val_if_fail (store != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  items = lw_store_list (store, &lw_agenda_item_table, "meeting_id", meeting_id, error);
  if (items == NULL)
    return NULL;
  /* a damaged budget must not overflow a sum or a rounding */
  for (guint i = 0; i < items->len; i++)
    {
      LwAgendaItem *item = g_ptr_array_index (items, i);

      item->time_budget = CLAMP (item->time_budget, 0, LW_AGENDA_MAX_TIME_BUDGET);
    }
  g_ptr_array_sort (items, compare_items);
  return items;
}

/* Writes position = index for every item whose position differs. */
gboolean
_lw_agenda_renumber (LwStore   *store,
                     GPtrArray *items,
                     GError   **error)
{
  for (guint i = 0; i < items->len; i++)
    {
      LwAgendaItem *item = g_ptr_array_index (items, i);

      if (item->position == (gint64) i)
        continue;
      item->position = i;
      if (!lw_store_update (store, item, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
check_budget (gint64   seconds,
              GError **error)
{
  if (seconds < 0 || seconds > LW_AGENDA_MAX_TIME_BUDGET)
    {
      g_set_error (error, LW_ERROR, LW_ERROR_INVALID,
                   _("A time budget must be between 1 second and 4 hours"));
      return FALSE;
    }
  return TRUE;
}

/* Appends item (kind and subject already set) at the end of the meeting's agenda,
 * in one transaction; takes ownership of item. */
static LwAgendaItem *
append_item (LwStore      *store,
             LwId          meeting_id,
             LwAgendaItem *item_in,
             GError      **error)
{
  g_autoptr(LwAgendaItem) item = item_in;
  g_autoptr(LwMeeting) meeting = NULL;
  g_autoptr(GPtrArray) items = NULL;

  if (!check_budget (item->time_budget, error))
    return NULL;
  if (item->time_budget == 0)
    item->time_budget = LW_AGENDA_DEFAULT_BUDGET;
  if (!lw_store_begin (store, error))
    return NULL;
  meeting = _lw_agenda_get_open_meeting (store, meeting_id, error);
  if (meeting == NULL)
    goto fail;
  items = lw_agenda_list_items (store, meeting_id, error);
  if (items == NULL)
    goto fail;
  for (guint i = 0; i < items->len; i++)
    {
      LwAgendaItem *other = g_ptr_array_index (items, i);

      if (item->kind == LW_ITEM_PARTICIPANT && other->kind == LW_ITEM_PARTICIPANT &&
          other->participant_id == item->participant_id)
        {
          g_autoptr(LwParticipant) p = lw_store_get (store, &lw_participant_table,
                                                     item->participant_id, NULL);

          g_set_error (error, LW_ERROR, LW_ERROR_EXISTS,
                       _("%s is already on the agenda of %s"),
                       p ? p->code : _("This participant"), meeting->date);
          goto fail;
        }
      if (item->kind == LW_ITEM_CONCERN && other->kind == LW_ITEM_CONCERN &&
          other->concern_id == item->concern_id)
        {
          g_set_error (error, LW_ERROR, LW_ERROR_EXISTS,
                       _("This community concern is already on the agenda of %s"), meeting->date);
          goto fail;
        }
    }
  if (!_lw_agenda_renumber (store, items, error))
    goto fail;
  item->meeting_id = meeting_id;
  item->position = items->len;
  if (!lw_store_insert (store, item, error))
    goto fail;
  if (!lw_store_commit (store, error))
    return NULL;
  return g_steal_pointer (&item);

fail:
  lw_store_rollback (store);
  return NULL;
}

LwAgendaItem *
lw_agenda_add_participant (LwStore    *store,
                           LwId        meeting_id,
                           LwId        participant_id,
                           const char *reasons,
                           gint64      time_budget,
                           GError    **error)
{
  LwAgendaItem *item;

  g_return_val_if_fail (store != NULL, NULL);
  g_return_val_if_fail (participant_id > 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  item = lw_agenda_item_new ();
  item->kind = LW_ITEM_PARTICIPANT;
  item->participant_id = participant_id;
  item->reasons = reasons && *reasons ? g_strdup (reasons) : NULL;
  item->time_budget = time_budget;
  return append_item (store, meeting_id, item, error);
}

LwAgendaItem *
lw_agenda_add_topic (LwStore    *store,
                     LwId        meeting_id,
                     const char *title,
                     gint64      time_budget,
                     GError    **error)
{
  g_autofree char *text = NULL;
  LwAgendaItem *item;

  g_return_val_if_fail (store != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  text = g_strstrip (g_strdup (title ? title : ""));
  if (*text == '\0')
    {
      g_set_error (error, LW_ERROR, LW_ERROR_INVALID, _("Give the topic a title"));
      return NULL;
    }
  item = lw_agenda_item_new ();
  item->kind = LW_ITEM_TOPIC;
  item->title = g_steal_pointer (&text);
  item->time_budget = time_budget;
  return append_item (store, meeting_id, item, error);
}

LwAgendaItem *
lw_agenda_add_concern (LwStore *store,
                       LwId     meeting_id,
                       LwId     concern_id,
                       gint64   time_budget,
                       GError **error)
{
  LwAgendaItem *item;

  g_return_val_if_fail (store != NULL, NULL);
  g_return_val_if_fail (concern_id > 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  item = lw_agenda_item_new ();
  item->kind = LW_ITEM_CONCERN;
  item->concern_id = concern_id;
  item->reasons = g_strdup (lw_agenda_reason_to_string (LW_REASON_COMMUNITY_CONCERN));
  item->time_budget = time_budget;
  return append_item (store, meeting_id, item, error);
}

/* Starts the transaction of an edit to one agenda item of an open meeting; on
 * failure nothing is left open. */
static LwAgendaItem *
begin_item_edit (LwStore    *store,
                 LwId        item_id,
                 LwMeeting **meeting,
                 GError    **error)
{
  g_autoptr(LwAgendaItem) item = NULL;

  if (!lw_store_begin (store, error))
    return NULL;
  item = lw_store_get (store, &lw_agenda_item_table, item_id, error);
  if (item != NULL)
    *meeting = _lw_agenda_get_open_meeting (store, item->meeting_id, error);
  if (item == NULL || *meeting == NULL)
    {
      lw_store_rollback (store);
      return NULL;
    }
  return g_steal_pointer (&item);
}

gboolean
lw_agenda_remove_item (LwStore *store,
                       LwId     item_id,
                       GError **error)
{
  g_autoptr(LwAgendaItem) item = NULL;
  g_autoptr(LwMeeting) meeting = NULL;
  g_autoptr(GPtrArray) items = NULL;

  g_return_val_if_fail (store != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  item = begin_item_edit (store, item_id, &meeting, error);
  if (item == NULL)
    return FALSE;
  if (item->started_at != 0)
    {
      g_set_error (error, LW_ERROR, LW_ERROR_INVALID,
                   _("This item has been discussed; it stays on the record of the meeting"));
      goto fail;
    }
  if (!lw_store_delete (store, &lw_agenda_item_table, item_id, error))
    goto fail;
  items = lw_agenda_list_items (store, item->meeting_id, error);
  if (items == NULL || !_lw_agenda_renumber (store, items, error))
    goto fail;
  return lw_store_commit (store, error);

fail:
  lw_store_rollback (store);
  return FALSE;
}

gboolean
lw_agenda_move_item (LwStore *store,
                     LwId     item_id,
                     guint    position,
                     GError **error)
{
  g_autoptr(LwAgendaItem) item = NULL;
  g_autoptr(LwMeeting) meeting = NULL;
  g_autoptr(GPtrArray) items = NULL;
  gpointer moving = NULL;

  g_return_val_if_fail (store != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  item = begin_item_edit (store, item_id, &meeting, error);
  if (item == NULL)
    return FALSE;
  items = lw_agenda_list_items (store, item->meeting_id, error);
  if (items == NULL)
    goto fail;
  for (guint i = 0; i < items->len && moving == NULL; i++)
    if (((LwAgendaItem *) g_ptr_array_index (items, i))->id == item_id)
      moving = g_ptr_array_steal_index (items, i);
  g_assert (moving != NULL);
  g_ptr_array_insert (items, (gint) MIN (position, items->len), moving);
  if (!_lw_agenda_renumber (store, items, error))
    goto fail;
  return lw_store_commit (store, error);

fail:
  lw_store_rollback (store);
  return FALSE;
}

gboolean
lw_agenda_set_time_budget (LwStore *store,
                           LwId     item_id,
                           gint64   seconds,
                           GError **error)
{
  g_autoptr(LwAgendaItem) item = NULL;
  g_autoptr(LwMeeting) meeting = NULL;

  g_return_val_if_fail (store != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (seconds == 0)
    seconds = -1;  /* refused like any other out-of-range budget */
  if (!check_budget (seconds, error))
    return FALSE;
  item = begin_item_edit (store, item_id, &meeting, error);
  if (item == NULL)
    return FALSE;
  if (item->time_budget != seconds)
    {
      item->time_budget = seconds;
      if (!lw_store_update (store, item, error))
        goto fail;
    }
  return lw_store_commit (store, error);

fail:
  lw_store_rollback (store);
  return FALSE;
}

gint64
lw_agenda_total_budget (GPtrArray *items)
{
  gint64 total = 0;

  g_return_val_if_fail (items != NULL, 0);

  for (guint i = 0; i < items->len; i++)
    total += CLAMP (((LwAgendaItem *) g_ptr_array_index (items, i))->time_budget, 0, LW_AGENDA_MAX_TIME_BUDGET);
  return total;
}

gboolean
lw_agenda_start_item (LwStore *store,
                      LwId     item_id,
                      GError **error)
{
  g_autoptr(LwAgendaItem) item = NULL;
  g_autoptr(LwMeeting) meeting = NULL;
  g_autoptr(GPtrArray) items = NULL;
  gint64 now = g_get_real_time ();

  g_return_val_if_fail (store != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  item = begin_item_edit (store, item_id, &meeting, error);
  if (item == NULL)
    return FALSE;
  if (meeting->status != LW_MEETING_IN_PROGRESS || meeting->started_at == 0)
    {
      meeting->status = LW_MEETING_IN_PROGRESS;
      if (meeting->started_at == 0)
        meeting->started_at = now;
      if (!lw_store_update (store, meeting, error))
        goto fail;
    }
  items = lw_agenda_list_items (store, meeting->id, error);
  if (items == NULL)
    goto fail;
  for (guint i = 0; i < items->len; i++)
    {
      LwAgendaItem *other = g_ptr_array_index (items, i);

      if (other->id == item_id || other->started_at == 0 || other->ended_at != 0)
        continue;
      other->ended_at = now;
      if (!lw_store_update (store, other, error))
        goto fail;
    }
  if (item->started_at == 0)
    item->started_at = now;
  item->ended_at = 0;  /* going back to an item runs it again */
  if (!lw_store_update (store, item, error))
    goto fail;
  return lw_store_commit (store, error);

fail:
  lw_store_rollback (store);
  return FALSE;
}

char **
lw_agenda_planned_starts (const LwMeeting *meeting,
                          GPtrArray       *items)
{
  g_autoptr(GStrvBuilder) builder = NULL;
  int hours, minutes;
  gint64 at;
  char tail;

  g_return_val_if_fail (meeting != NULL, NULL);
  g_return_val_if_fail (items != NULL, NULL);

  if (meeting->start_time == NULL ||
      sscanf (meeting->start_time, "%d:%d%c", &hours, &minutes, &tail) != 2 ||
      hours < 0 || hours > 23 || minutes < 0 || minutes > 59)
    return NULL;

  builder = g_strv_builder_new ();
  at = (gint64) hours * 3600 + minutes * 60;
  for (guint i = 0; i < items->len; i++)
    {
      const LwAgendaItem *item = g_ptr_array_index (items, i);
      gint64 rounded = (at + 30) / 60;   /* to the minute */
      char text[16];

      g_snprintf (text, sizeof text, "%02d:%02d", (int) (rounded / 60 % 24), (int) (rounded % 60));
      g_strv_builder_add (builder, text);
      at += CLAMP (item->time_budget, 0, LW_AGENDA_MAX_TIME_BUDGET);
    }
  return g_strv_builder_end (builder);
}

gboolean
lw_agenda_shift_item_start (LwStore *store,
                            LwId     item_id,
                            gint64   seconds,
                            GError **error)
{
  g_autoptr(LwAgendaItem) item = NULL;

  g_return_val_if_fail (store != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  item = lw_store_get (store, &lw_agenda_item_table, item_id, error);
  if (item == NULL)
    return FALSE;
  if (item->started_at == 0 || item->ended_at != 0 || seconds <= 0)
    return TRUE;
  /* never later than now: the item stays started */
  item->started_at = MIN (item->started_at + seconds * G_USEC_PER_SEC, g_get_real_time ());
  return lw_store_update (store, item, error);
}

gboolean
lw_agenda_item_not_reached (const LwMeeting    *meeting,
                            const LwAgendaItem *item)
{
  g_return_val_if_fail (meeting != NULL, FALSE);
  g_return_val_if_fail (item != NULL, FALSE);

  return meeting->status == LW_MEETING_CLOSED && item->started_at == 0;
}
