/* lw-actions.c: action items, carry-over and closing a meeting
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
 * Action items and carry-over
 */

void
lw_carried_action_free (LwCarriedAction *carried)
{
  if (carried == NULL)
    return;
  lw_record_free (carried->action);
  lw_record_free (carried->from);
  g_free (carried);
}

static int
compare_carried (gconstpointer a,
                 gconstpointer b)
{
  const LwCarriedAction *x = *(LwCarriedAction * const *) a;
  const LwCarriedAction *y = *(LwCarriedAction * const *) b;

  /* outside meetings first, then by meeting, then by id */
  if ((x->from == NULL) != (y->from == NULL))
    return x->from == NULL ? -1 : 1;
  if (x->from != NULL && x->from->id != y->from->id)
    return _lw_agenda_meeting_before (x->from, y->from) ? -1 : 1;
  return (x->action->id > y->action->id) - (x->action->id < y->action->id);
}

GPtrArray *
lw_agenda_carried_actions (LwStore         *store,
                           const LwMeeting *meeting,
                           LwId             participant_id,
                           GError         **error)
{
  /* of the meetings the actions came from, what ordering them needs: a
   * meeting's free text is not opened for this */
  static const char * const meeting_columns[] = { "date", "status", NULL };
  g_autoptr(GPtrArray) actions = NULL;
  g_autoptr(GPtrArray) meetings = NULL;
  g_autoptr(GHashTable) by_id = NULL;
  g_autoptr(GArray) ids = NULL;
  GPtrArray *out;

  g_return_val_if_fail (store != NULL, NULL);
  g_return_val_if_fail (meeting != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  actions = lw_store_list (store, &lw_action_item_table, "participant_id", participant_id, error);
  if (actions == NULL)
    return NULL;
  ids = g_array_new (FALSE, FALSE, sizeof (LwId));
  for (guint i = 0; i < actions->len; i++)
    {
      LwActionItem *a = g_ptr_array_index (actions, i);

      if (a->status == LW_ACTION_OPEN && a->meeting_id != 0)
        g_array_append_val (ids, a->meeting_id);
    }
  /* those meetings alone, in one read, not every meeting of the program */
  meetings = lw_store_list_in (store, &lw_meeting_table, meeting_columns, "id",
                               (const LwId *) ids->data, ids->len, error);
  if (meetings == NULL)
    return NULL;
  by_id = g_hash_table_new (g_int64_hash, g_int64_equal);
  for (guint i = 0; i < meetings->len; i++)
    {
      LwMeeting *m = g_ptr_array_index (meetings, i);
      g_hash_table_insert (by_id, &m->id, m);
    }

  out = g_ptr_array_new_with_free_func ((GDestroyNotify) lw_carried_action_free);
  for (guint i = 0; i < actions->len; i++)
    {
      LwActionItem *a = g_ptr_array_index (actions, i);
      LwMeeting *from = a->meeting_id ? g_hash_table_lookup (by_id, &a->meeting_id) : NULL;
      LwCarriedAction *carried;

      if (a->status != LW_ACTION_OPEN)
        continue;
      if (from != NULL && (from->id == meeting->id || !_lw_agenda_meeting_before (from, meeting)))
        continue;
      carried = g_new0 (LwCarriedAction, 1);
      carried->action = lw_record_copy (a);
      carried->from = from ? lw_record_copy (from) : NULL;
      g_ptr_array_add (out, carried);
    }
  g_ptr_array_sort (out, compare_carried);
  return out;
}

LwActionItem *
lw_agenda_add_action (LwStore    *store,
                      LwId        meeting_id,
                      LwId        agenda_item_id,
                      LwId        participant_id,
                      LwId        owner_id,
                      const char *text,
                      const char *due_date,
                      GError    **error)
{
  return lw_agenda_add_marked_action (store, meeting_id, agenda_item_id, participant_id, owner_id,
                                      text, due_date, LW_CONCERNS_NONE, error);
}

LwActionItem *
lw_agenda_add_marked_action (LwStore    *store,
                             LwId        meeting_id,
                             LwId        agenda_item_id,
                             LwId        participant_id,
                             LwId        owner_id,
                             const char *text,
                             const char *due_date,
                             LwConcerns  concerns,
                             GError    **error)
{
  g_autoptr(LwActionItem) action = NULL;
  g_autoptr(LwMeeting) meeting = NULL;
  g_autoptr(LwAgendaItem) item = NULL;
  g_autoptr(LwPerson) owner = NULL;
  g_autofree char *clean = NULL;

  g_return_val_if_fail (store != NULL, NULL);
  g_return_val_if_fail ((int) concerns >= 0 && concerns < LW_N_CONCERNS, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  clean = g_strstrip (g_strdup (text ? text : ""));
  if (*clean == '\0')
    {
      g_set_error (error, LW_ERROR, LW_ERROR_INVALID, _("Write what is to be done"));
      return NULL;
    }
  if (owner_id == 0)
    {
      g_set_error (error, LW_ERROR, LW_ERROR_INVALID,
                   _("An action item needs an owner: pick who will do it"));
      return NULL;
    }
  if (due_date != NULL && !lw_date_is_valid (due_date))
    {
      g_set_error (error, LW_ERROR, LW_ERROR_INVALID,
                   _("The due date is not a date; write it as YYYY-MM-DD, for example 2026-12-01"));
      return NULL;
    }

  if (!lw_store_begin (store, error))
    return NULL;
  owner = lw_store_get (store, &lw_person_table, owner_id, error);
  if (owner == NULL)
    goto fail;
  if (!owner->active)
    {
      g_set_error (error, LW_ERROR, LW_ERROR_INVALID,
                   _("%s is no longer an active member; give the action item to someone else"),
                   owner->name);
      goto fail;
    }
  if (meeting_id != 0)
    {
      meeting = lw_store_get (store, &lw_meeting_table, meeting_id, error);
      if (meeting == NULL)
        goto fail;
      if (meeting->status == LW_MEETING_CLOSED)
        {
          g_set_error (error, LW_ERROR, LW_ERROR_INVALID,
                       _("The meeting of %s is closed; add the action item to the next meeting"),
                       meeting->date);
          goto fail;
        }
    }
  if (agenda_item_id != 0)
    {
      item = lw_store_get (store, &lw_agenda_item_table, agenda_item_id, error);
      if (item == NULL)
        goto fail;
      if (item->meeting_id != meeting_id)
        {
          g_set_error (error, LW_ERROR, LW_ERROR_INVALID,
                       _("That agenda item belongs to another meeting"));
          goto fail;
        }
      if (participant_id == 0)
        participant_id = item->participant_id;
    }

  action = lw_action_item_new ();
  action->text = g_steal_pointer (&clean);
  action->owner_id = owner_id;
  action->due_date = g_strdup (due_date);
  action->participant_id = participant_id;
  action->meeting_id = meeting_id;
  action->agenda_item_id = agenda_item_id;
  action->status = LW_ACTION_OPEN;
  action->concerns = concerns;
  action->created_at = g_get_real_time ();
  if (!lw_store_insert (store, action, error))
    goto fail;
  if (!lw_store_commit (store, error))
    return NULL;
  return g_steal_pointer (&action);

fail:
  lw_store_rollback (store);
  return NULL;
}

gboolean
lw_agenda_set_action_status (LwStore        *store,
                             LwId            action_id,
                             LwActionStatus  status,
                             GError        **error)
{
  g_autoptr(LwActionItem) action = NULL;

  g_return_val_if_fail (store != NULL, FALSE);
  g_return_val_if_fail (status < LW_N_ACTION_STATUSES, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  action = lw_store_get (store, &lw_action_item_table, action_id, error);
  if (action == NULL)
    return FALSE;
  if (action->status == (int) status)
    return TRUE;
  action->status = status;
  action->closed_at = status == LW_ACTION_OPEN ? 0 : g_get_real_time ();
  return lw_store_update (store, action, error);
}

gboolean
lw_agenda_withdraw_action (LwStore *store,
                           LwId     action_id,
                           GError **error)
{
  g_autoptr(LwActionItem) action = NULL;
  g_autoptr(LwMeeting) meeting = NULL;

  g_return_val_if_fail (store != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  action = lw_store_get (store, &lw_action_item_table, action_id, error);
  if (action == NULL)
    return FALSE;
  if (action->meeting_id != 0)
    {
      meeting = lw_store_get (store, &lw_meeting_table, action->meeting_id, error);
      if (meeting == NULL)
        return FALSE;
    }
  if (action->status != LW_ACTION_OPEN || meeting == NULL || meeting->status == LW_MEETING_CLOSED)
    {
      g_set_error_literal (error, LW_ERROR, LW_ERROR_INVALID,
                           _("Only an open action item of a meeting still running can be taken back"));
      return FALSE;
    }
  return lw_store_delete (store, &lw_action_item_table, action_id, error);
}

/* Whether an item that was started was discussed: current long enough, or
 * something was recorded for it (notes, an outcome, an action item, a
 * prosecution position dated the meeting's day). */
static gboolean
item_discussed (LwStore            *store,
                const LwMeeting    *meeting,
                const LwAgendaItem *item,
                gint64              now,
                GError            **error)
{
  g_autoptr(GPtrArray) actions = NULL;
  gint64 end = item->ended_at != 0 ? item->ended_at : now;

  if (end - item->started_at >= LW_AGENDA_DISCUSSED_SECONDS * G_USEC_PER_SEC)
    return TRUE;
  if ((item->notes && item->notes[0]) || (item->outcome && item->outcome[0]))
    return TRUE;
  actions = lw_store_list (store, &lw_action_item_table, "agenda_item_id", item->id, error);
  if (actions == NULL || actions->len > 0)
    return TRUE;   /* on error: counted, nothing is lost */
  if (item->participant_id != 0)
    {
      g_autoptr(GPtrArray) matters = lw_store_list (store, &lw_legal_matter_table, "participant_id",
                                                    item->participant_id, error);

      for (guint i = 0; matters != NULL && i < matters->len; i++)
        {
          const LwLegalMatter *matter = g_ptr_array_index (matters, i);
          g_autoptr(GPtrArray) notes = lw_store_list (store, &lw_prosecution_note_table, "legal_matter_id",
                                                      matter->id, error);

          for (guint j = 0; notes != NULL && j < notes->len; j++)
            if (g_strcmp0 (((LwProsecutionNote *) g_ptr_array_index (notes, j))->date, meeting->date) == 0)
              return TRUE;
          if (notes == NULL)
            return TRUE;
        }
      if (matters == NULL)
        return TRUE;
    }
  return FALSE;
}

gboolean
lw_agenda_close_meeting (LwStore              *store,
                         LwId                  meeting_id,
                         LwAgendaCloseSummary *summary,
                         GError              **error)
{
  g_autoptr(LwMeeting) meeting = NULL;
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GPtrArray) meetings = NULL;
  g_autoptr(GPtrArray) actions = NULL;
  g_autoptr(GHashTable) earlier = NULL;
  LwAgendaCloseSummary result = { 0, };
  gint64 now = g_get_real_time ();

  g_return_val_if_fail (store != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!lw_store_begin (store, error))
    return FALSE;
  meeting = lw_store_get (store, &lw_meeting_table, meeting_id, error);
  if (meeting == NULL)
    goto fail;
  if (meeting->status == LW_MEETING_CLOSED)
    {
      g_set_error (error, LW_ERROR, LW_ERROR_INVALID,
                   _("The meeting of %s is already closed"), meeting->date);
      goto fail;
    }

  items = lw_agenda_list_items (store, meeting_id, error);
  if (items == NULL)
    goto fail;
  for (guint i = 0; i < items->len; i++)
    {
      LwAgendaItem *item = g_ptr_array_index (items, i);

      if (item->started_at != 0 && !item_discussed (store, meeting, item, now, error))
        {
          if (error && *error)
            goto fail;
          /* paged past: not reached, so it carries over */
          item->started_at = 0;
          item->ended_at = 0;
          if (!lw_store_update (store, item, error))
            goto fail;
        }
      if (item->started_at == 0)
        {
          result.n_not_reached++;
          continue;
        }
      result.n_discussed++;
      if (item->ended_at == 0)
        {
          item->ended_at = now;
          if (!lw_store_update (store, item, error))
            goto fail;
        }
    }

  /* every open action item agreed at this meeting or before it carries over */
  meetings = lw_store_list (store, &lw_meeting_table, NULL, 0, error);
  if (meetings == NULL)
    goto fail;
  earlier = g_hash_table_new (g_int64_hash, g_int64_equal);
  for (guint i = 0; i < meetings->len; i++)
    {
      LwMeeting *m = g_ptr_array_index (meetings, i);

      if (m->id == meeting->id || _lw_agenda_meeting_before (m, meeting))
        g_hash_table_add (earlier, &m->id);
    }
  actions = lw_store_list (store, &lw_action_item_table, NULL, 0, error);
  if (actions == NULL)
    goto fail;
  for (guint i = 0; i < actions->len; i++)
    {
      LwActionItem *a = g_ptr_array_index (actions, i);

      if (a->status != LW_ACTION_OPEN)
        continue;
      if (a->meeting_id != 0 ? !g_hash_table_contains (earlier, &a->meeting_id)
                             : a->created_at > now)
        continue;
      a->carried_over++;
      if (!lw_store_update (store, a, error))
        goto fail;
      result.n_carried++;
    }

  meeting->status = LW_MEETING_CLOSED;
  meeting->ended_at = now;
  if (!lw_store_update (store, meeting, error))
    goto fail;
  if (!lw_store_commit (store, error))
    return FALSE;

  g_debug ("Closed meeting %" G_GINT64_FORMAT ": %u discussed, %u not reached, %u actions carried",
           meeting->id, result.n_discussed, result.n_not_reached, result.n_carried);
  if (summary != NULL)
    *summary = result;
  return TRUE;

fail:
  lw_store_rollback (store);
  return FALSE;
}

gboolean
lw_agenda_reopen_meeting (LwStore  *store,
                          LwId      meeting_id,
                          GError  **error)
{
  g_autoptr(LwMeeting) meeting = NULL;
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GPtrArray) meetings = NULL;
  g_autoptr(GPtrArray) actions = NULL;
  g_autoptr(GHashTable) earlier = NULL;
  g_autoptr(GDateTime) ended = NULL;
  g_autofree char *ended_day = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  /* the same clock as ended_at: the real one */
  g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");

  g_return_val_if_fail (store != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!lw_store_begin (store, error))
    return FALSE;
  meeting = lw_store_get (store, &lw_meeting_table, meeting_id, error);
  if (meeting == NULL)
    goto fail;
  if (meeting->status != LW_MEETING_CLOSED || meeting->ended_at == 0)
    {
      g_set_error (error, LW_ERROR, LW_ERROR_INVALID, _("The meeting of %s is not closed"), meeting->date);
      goto fail;
    }
  ended = g_date_time_new_from_unix_local (meeting->ended_at / G_USEC_PER_SEC);
  ended_day = ended ? g_date_time_format (ended, "%Y-%m-%d") : NULL;
  if (g_strcmp0 (ended_day, today) != 0)
    {
      g_set_error (error, LW_ERROR, LW_ERROR_INVALID,
                   _("The meeting of %s was closed on another day: only a meeting closed today can be reopened"),
                   meeting->date);
      goto fail;
    }

  /* the item that was running when it closed runs again */
  items = lw_agenda_list_items (store, meeting_id, error);
  if (items == NULL)
    goto fail;
  for (guint i = 0; i < items->len; i++)
    {
      LwAgendaItem *item = g_ptr_array_index (items, i);

      if (item->started_at != 0 && item->ended_at == meeting->ended_at)
        {
          item->ended_at = 0;
          if (!lw_store_update (store, item, error))
            goto fail;
          break;
        }
    }

  /* exactly those that closing counted: open then, agreed here or before */
  meetings = lw_store_list (store, &lw_meeting_table, NULL, 0, error);
  if (meetings == NULL)
    goto fail;
  earlier = g_hash_table_new (g_int64_hash, g_int64_equal);
  for (guint i = 0; i < meetings->len; i++)
    {
      LwMeeting *m = g_ptr_array_index (meetings, i);

      if (m->id == meeting->id || _lw_agenda_meeting_before (m, meeting))
        g_hash_table_add (earlier, &m->id);
    }
  actions = lw_store_list (store, &lw_action_item_table, NULL, 0, error);
  if (actions == NULL)
    goto fail;
  for (guint i = 0; i < actions->len; i++)
    {
      LwActionItem *a = g_ptr_array_index (actions, i);
      gboolean open_then = a->status == LW_ACTION_OPEN || a->closed_at >= meeting->ended_at;

      if (!open_then || a->carried_over <= 0)
        continue;
      if (a->meeting_id != 0 ? !g_hash_table_contains (earlier, &a->meeting_id)
                             : a->created_at > meeting->ended_at)
        continue;
      a->carried_over--;
      if (!lw_store_update (store, a, error))
        goto fail;
    }

  meeting->status = LW_MEETING_IN_PROGRESS;
  meeting->ended_at = 0;
  if (!lw_store_update (store, meeting, error))
    goto fail;
  return lw_store_commit (store, error);

fail:
  lw_store_rollback (store);
  return FALSE;
}
