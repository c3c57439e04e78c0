/* lw-agenda-suggest.c: the suggestion rules, and putting their proposal on an agenda
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lw-agenda"

#include "config.h"

#include <stdio.h>
#include <string.h>

#include "lw/lw-agenda.h"
#include "lw/lw-error.h"
#include "lw/lw-model.h"
#include "lw/lw-policy.h"
#include "lw-agenda-private.h"

/* ----------------------------------------------------------------------------
 * Suggestion
 */

#define WEIGHT_COURT             40
#define WEIGHT_COURT_PER_DAY      2
#define WEIGHT_POSITION_NEEDED   35
#define WEIGHT_NEW_REFERRAL      30
#define WEIGHT_FLAGGED           25
#define WEIGHT_ACTIONS           20
#define WEIGHT_ACTIONS_PER_ITEM   4
#define WEIGHT_ACTIONS_MAX       36
#define WEIGHT_NOT_REACHED       20
#define WEIGHT_NO_CONTACT        15
#define WEIGHT_NO_CONTACT_MAX    25
#define WEIGHT_CONCERN           15
#define WEIGHT_STATUS_CHANGE     10
#define WEIGHT_CONSENT_EXPIRING  10

#define BUDGET_FIRST_REASON     180
#define BUDGET_PER_REASON       120
#define BUDGET_MAX              600

/* What the rules learn about one participant while reading the tables. */
typedef struct
{
  LwParticipant *participant;   /* borrowed from the list */
  const char    *court_date;    /* borrowed: soonest in the window */
  const char    *newest_contact;
  const char    *concern_date;
  LwId           concern_id;
  guint          n_due;
  gboolean       position_needed;    /* a court date before the next meeting, no position since L */
  gboolean       on_agenda;
  gboolean       discussed_before;   /* started at the previous meeting */
  gboolean       not_reached_before; /* on the previous agenda, never started */
  const char    *consent_expires;    /* borrowed: soonest expiry not covered by another */
} Facts;

void
lw_agenda_suggestion_free (LwAgendaSuggestion *suggestion)
{
  if (suggestion == NULL)
    return;
  g_free (suggestion->code);
  g_free (suggestion->court_date);
  g_free (suggestion->consent_expires);
  g_free (suggestion);
}

int
lw_agenda_suggestion_urgency (const LwAgendaSuggestion *suggestion,
                              guint                     reasons)
{
  int urgency = 0;

  g_return_val_if_fail (suggestion != NULL, 0);

  for (int i = 0; i < LW_N_REASONS; i++)
    if (reasons & suggestion->reasons & (1u << i))
      urgency += suggestion->weights[i];
  return urgency;
}

static int
count_reasons (guint reasons)
{
  int n = 0;

  for (; reasons != 0; reasons &= reasons - 1)
    n++;
  return n;
}

gint64
lw_agenda_budget_for_reasons (guint reasons)
{
  int n = count_reasons (reasons & ((1u << LW_N_REASONS) - 1));

  if (n == 0)
    return LW_AGENDA_DEFAULT_BUDGET;
  return MIN (BUDGET_MAX, BUDGET_FIRST_REASON + BUDGET_PER_REASON * (n - 1));
}

static const char *
max_date (const char *a,
          const char *b)
{
  if (a == NULL)
    return b;
  if (b == NULL)
    return a;
  return g_strcmp0 (a, b) >= 0 ? a : b;
}

/* A date after the previous meeting (on its day, if not discussed there). */
static gboolean
since_previous (const char  *date,
                const char  *since,
                const char  *meeting_date,
                const Facts *facts)
{
  int c;

  if (date == NULL || g_strcmp0 (date, meeting_date) > 0)
    return FALSE;
  c = g_strcmp0 (date, since);
  return c > 0 || (c == 0 && !facts->discussed_before);
}

static int
compare_suggestions (gconstpointer a,
                     gconstpointer b)
{
  const LwAgendaSuggestion *x = *(LwAgendaSuggestion * const *) a;
  const LwAgendaSuggestion *y = *(LwAgendaSuggestion * const *) b;
  int c;

  if (x->urgency != y->urgency)
    return y->urgency - x->urgency;
  /* the soonest court date first; none last */
  if (x->court_date != NULL || y->court_date != NULL)
    {
      if (x->court_date == NULL)
        return 1;
      if (y->court_date == NULL)
        return -1;
      c = strcmp (x->court_date, y->court_date);
      if (c != 0)
        return c;
    }
  if (x->days_without_contact != y->days_without_contact)
    return y->days_without_contact - x->days_without_contact;
  c = g_strcmp0 (x->code, y->code);
  if (c != 0)
    return c;
  return (x->participant_id > y->participant_id) - (x->participant_id < y->participant_id);
}

/* Records one reason and its weight. */
static void
add_reason (LwAgendaSuggestion *s,
            LwAgendaReason      reason,
            int                 weight)
{
  s->reasons |= 1u << reason;
  s->weights[reason] = weight;
  s->urgency += weight;
}

static LwAgendaSuggestion *
evaluate (const Facts *f,
          const char  *meeting_date,
          const char  *as_of,
          const char  *since)
{
  const LwParticipant *p = f->participant;
  g_autoptr(LwAgendaSuggestion) s = g_new0 (LwAgendaSuggestion, 1);
  gboolean exited = p->status == LW_STATUS_EXITED;
  const char *newest = max_date (p->last_contact, f->newest_contact);

  s->days_without_contact = -1;
  if (newest != NULL)
    s->days_without_contact = MAX (0, lw_date_diff_days (newest, as_of));

  if (p->status != LW_STATUS_REFERRED &&
      since_previous (p->status_changed, since, meeting_date, f))
    {
      add_reason (s, LW_REASON_STATUS_CHANGE, WEIGHT_STATUS_CHANGE);
    }

  if (!exited)
    {
      if (since_previous (p->referral_date, since, meeting_date, f))
        {
          add_reason (s, LW_REASON_NEW_REFERRAL, WEIGHT_NEW_REFERRAL);
        }
      if (f->court_date != NULL)
        {
          int days = lw_date_diff_days (meeting_date, f->court_date);

          add_reason (s, LW_REASON_COURT_DATE_SOON,
                      WEIGHT_COURT +
                      WEIGHT_COURT_PER_DAY * CLAMP (LW_AGENDA_COURT_WINDOW_DAYS - days, 0,
                                                    LW_AGENDA_COURT_WINDOW_DAYS));
          s->court_date = g_strdup (f->court_date);
        }
      if (f->position_needed)
        {
          add_reason (s, LW_REASON_POSITION_NEEDED, WEIGHT_POSITION_NEEDED);
        }
      if (f->n_due > 0)
        {
          add_reason (s, LW_REASON_ACTION_ITEMS_DUE,
                      MIN (WEIGHT_ACTIONS_MAX,
                           WEIGHT_ACTIONS + WEIGHT_ACTIONS_PER_ITEM * (int) (f->n_due - 1)));
          s->n_actions_due = f->n_due;
        }
      if (p->status == LW_STATUS_ACTIVE &&
          (newest == NULL || s->days_without_contact >= LW_AGENDA_NO_CONTACT_DAYS))
        {
          int weeks = newest == NULL ? G_MAXINT / 2
                                     : (s->days_without_contact - LW_AGENDA_NO_CONTACT_DAYS) / 7;

          add_reason (s, LW_REASON_NO_CONTACT, MIN (WEIGHT_NO_CONTACT_MAX, WEIGHT_NO_CONTACT + weeks));
        }
      if (f->concern_id != 0)
        {
          add_reason (s, LW_REASON_COMMUNITY_CONCERN, WEIGHT_CONCERN);
          s->concern_id = f->concern_id;
        }
      if (p->flagged)
        {
          add_reason (s, LW_REASON_FLAGGED, WEIGHT_FLAGGED);
        }
      if (f->not_reached_before)
        {
          add_reason (s, LW_REASON_NOT_REACHED, WEIGHT_NOT_REACHED);
        }
      if (f->consent_expires != NULL)
        {
          add_reason (s, LW_REASON_CONSENT_EXPIRING, WEIGHT_CONSENT_EXPIRING);
          s->consent_expires = g_strdup (f->consent_expires);
        }
    }

  if (s->reasons == 0)
    return NULL;
  s->participant_id = p->id;
  s->code = g_strdup (p->code);
  s->on_agenda = f->on_agenda;
  s->time_budget = lw_agenda_budget_for_reasons (s->reasons);
  return g_steal_pointer (&s);
}

/* Whether other, in effect on as_of, names the same recipient for at least
 * the same categories beyond until: the expiring release is renewed. */
static gboolean
renewed_by (const LwConsent *expiring,
            const LwConsent *other,
            const char      *as_of,
            const char      *until)
{
  if (other == expiring || !lw_policy_consent_is_valid (other, as_of))
    return FALSE;
  if (other->recipient_role != expiring->recipient_role ||
      (expiring->categories & ~other->categories) != 0)
    return FALSE;
  if (g_strcmp0 (other->recipient_agency, expiring->recipient_agency) != 0)
    {
      g_autofree char *a = other->recipient_agency ? g_utf8_casefold (other->recipient_agency, -1) : NULL;
      g_autofree char *b = expiring->recipient_agency ? g_utf8_casefold (expiring->recipient_agency, -1) : NULL;

      if (g_strcmp0 (a, b) != 0)
        return FALSE;
    }
  return other->expires == NULL || strcmp (other->expires, until) > 0;
}

static Facts *
facts_for (GHashTable *index,
           LwId        participant_id)
{
  return participant_id == 0 ? NULL
                             : g_hash_table_lookup (index, &participant_id);
}

GPtrArray *
lw_agenda_suggest (LwStore          *store,
                   const LwMeeting  *meeting,
                   GError          **error)
{
  g_autoptr(GPtrArray) participants = NULL;
  g_autoptr(GPtrArray) meetings = NULL;
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GPtrArray) previous_items = NULL;
  g_autoptr(GPtrArray) matters = NULL;
  g_autoptr(GPtrArray) notes = NULL;
  g_autoptr(GHashTable) positioned = NULL;
  g_autoptr(GPtrArray) actions = NULL;
  g_autoptr(GPtrArray) contacts = NULL;
  g_autoptr(GPtrArray) concerns = NULL;
  g_autoptr(GPtrArray) consents = NULL;
  g_autoptr(GHashTable) index = NULL;
  g_autoptr(GPtrArray) out = NULL;
  g_autofree Facts *facts = NULL;
  g_autofree char *today = NULL;
  g_autofree char *since = NULL;
  g_autofree char *court_until = NULL;
  g_autofree char *consent_until = NULL;
  g_autofree char *next_date = NULL;
  const char *as_of;
  const LwMeeting *previous;
  gint64 t0 = g_get_monotonic_time ();

  g_return_val_if_fail (store != NULL, NULL);
  g_return_val_if_fail (meeting != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!lw_date_is_valid (meeting->date))
    return _lw_agenda_damaged_meeting_date (error);

  today = lw_date_today ();
  as_of = g_strcmp0 (today, meeting->date) < 0 ? today : meeting->date;
  court_until = lw_date_add_days (meeting->date, LW_AGENDA_COURT_WINDOW_DAYS);
  consent_until = lw_date_add_days (meeting->date, LW_AGENDA_CONSENT_WINDOW_DAYS);

  meetings = lw_store_list (store, &lw_meeting_table, NULL, 0, error);
  if (meetings == NULL)
    return NULL;
  previous = _lw_agenda_find_previous (meetings, meeting);
  since = previous ? g_strdup (previous->date)
                   : lw_date_add_days (meeting->date, -LW_AGENDA_NO_CONTACT_DAYS);
  /* the meeting after this one: a court date before it is decided without
   * the workgroup unless a position is taken now */
  for (guint i = 0; i < meetings->len; i++)
    {
      const LwMeeting *m = g_ptr_array_index (meetings, i);

      if (m->id != meeting->id && lw_date_is_valid (m->date) &&
          strcmp (m->date, meeting->date) > 0 &&
          (next_date == NULL || strcmp (m->date, next_date) < 0))
        {
          g_free (next_date);
          next_date = g_strdup (m->date);
        }
    }
  if (next_date == NULL)
    next_date = lw_date_add_days (meeting->date, LW_AGENDA_COURT_WINDOW_DAYS);

  /* each table once, indexed by participant: no per-participant queries */
  participants = lw_store_list (store, &lw_participant_table, NULL, 0, error);
  if (participants == NULL)
    return NULL;
  facts = g_new0 (Facts, MAX (participants->len, 1));
  index = g_hash_table_new (g_int64_hash, g_int64_equal);
  for (guint i = 0; i < participants->len; i++)
    {
      facts[i].participant = g_ptr_array_index (participants, i);
      g_hash_table_insert (index, &facts[i].participant->id, &facts[i]);
    }

  items = lw_store_list (store, &lw_agenda_item_table, "meeting_id", meeting->id, error);
  if (items == NULL)
    return NULL;
  for (guint i = 0; i < items->len; i++)
    {
      LwAgendaItem *item = g_ptr_array_index (items, i);
      Facts *f = facts_for (index, item->participant_id);

      if (f != NULL && item->kind == LW_ITEM_PARTICIPANT)
        f->on_agenda = TRUE;
    }

  if (previous != NULL)
    {
      previous_items = lw_store_list (store, &lw_agenda_item_table, "meeting_id", previous->id, error);
      if (previous_items == NULL)
        return NULL;
      for (guint i = 0; i < previous_items->len; i++)
        {
          LwAgendaItem *item = g_ptr_array_index (previous_items, i);
          Facts *f = facts_for (index, item->participant_id);

          if (f == NULL || item->kind != LW_ITEM_PARTICIPANT)
            continue;
          if (item->started_at != 0)
            f->discussed_before = TRUE;
          else
            f->not_reached_before = TRUE;
        }
    }

  /* matters with a position taken since the last meeting (on its day too: a
   * position said at the table counts) */
  notes = lw_store_list (store, &lw_prosecution_note_table, NULL, 0, error);
  if (notes == NULL)
    return NULL;
  positioned = g_hash_table_new (g_int64_hash, g_int64_equal);
  for (guint i = 0; i < notes->len; i++)
    {
      LwProsecutionNote *n = g_ptr_array_index (notes, i);

      if (n->date != NULL && strcmp (n->date, since) >= 0)
        g_hash_table_add (positioned, &n->legal_matter_id);
    }

  matters = lw_store_list (store, &lw_legal_matter_table, NULL, 0, error);
  if (matters == NULL)
    return NULL;
  for (guint i = 0; i < matters->len; i++)
    {
      LwLegalMatter *m = g_ptr_array_index (matters, i);
      Facts *f;

      if (m->status != LW_MATTER_PENDING || m->next_court_date == NULL ||
          strcmp (m->next_court_date, as_of) < 0)
        continue;
      f = facts_for (index, m->participant_id);
      if (f == NULL)
        continue;
      if (strcmp (m->next_court_date, next_date) < 0 &&
          !g_hash_table_contains (positioned, &LW_RECORD (m)->id))
        f->position_needed = TRUE;
      if (strcmp (m->next_court_date, court_until) > 0)
        continue;
      if (f->court_date == NULL || strcmp (m->next_court_date, f->court_date) < 0)
        f->court_date = m->next_court_date;
    }

  actions = lw_store_list (store, &lw_action_item_table, NULL, 0, error);
  if (actions == NULL)
    return NULL;
  for (guint i = 0; i < actions->len; i++)
    {
      LwActionItem *a = g_ptr_array_index (actions, i);
      Facts *f;

      if (a->status != LW_ACTION_OPEN || a->due_date == NULL ||
          strcmp (a->due_date, meeting->date) > 0)
        continue;
      /* "Action items due" is a plan reason: an item marked as concerning
       * health or treatment would say so to those who may not see it */
      if (lw_model_text_category (a) != LW_CATEGORY_PLAN)
        continue;
      f = facts_for (index, a->participant_id);
      if (f != NULL)
        f->n_due++;
    }

  contacts = lw_store_list (store, &lw_contact_table, NULL, 0, error);
  if (contacts == NULL)
    return NULL;
  for (guint i = 0; i < contacts->len; i++)
    {
      LwContact *c = g_ptr_array_index (contacts, i);
      Facts *f;

      /* an attempt that reached nobody is not contact */
      if (c->date == NULL || c->kind == LW_CONTACT_ATTEMPTED || strcmp (c->date, as_of) > 0)
        continue;
      f = facts_for (index, c->participant_id);
      if (f != NULL)
        f->newest_contact = max_date (f->newest_contact, c->date);
    }

  concerns = lw_store_list (store, &lw_community_concern_table, NULL, 0, error);
  if (concerns == NULL)
    return NULL;
  for (guint i = 0; i < concerns->len; i++)
    {
      LwCommunityConcern *c = g_ptr_array_index (concerns, i);
      Facts *f;

      if (c->status == LW_CONCERN_CLOSED || g_strcmp0 (c->date, meeting->date) > 0)
        continue;
      f = facts_for (index, c->participant_id);
      if (f != NULL && (f->concern_id == 0 || g_strcmp0 (c->date, f->concern_date) >= 0))
        {
          f->concern_id = c->id;
          f->concern_date = c->date;
        }
    }

  /* releases that end soon and are not renewed; grouped by participant, so
   * each is compared with that participant's others only */
  consents = lw_store_list (store, &lw_consent_table, NULL, 0, error);
  if (consents == NULL)
    return NULL;
  {
    g_autoptr(GHashTable) by_participant = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL,
                                                                  (GDestroyNotify) g_ptr_array_unref);

    for (guint i = 0; i < consents->len; i++)
      {
        LwConsent *c = g_ptr_array_index (consents, i);
        GPtrArray *list = g_hash_table_lookup (by_participant, &c->participant_id);

        if (list == NULL)
          {
            list = g_ptr_array_new ();
            g_hash_table_insert (by_participant, &c->participant_id, list);
          }
        g_ptr_array_add (list, c);
      }
    for (guint i = 0; i < consents->len; i++)
      {
        LwConsent *c = g_ptr_array_index (consents, i);
        GPtrArray *list = g_hash_table_lookup (by_participant, &c->participant_id);
        gboolean renewed = FALSE;
        Facts *f;

        if (c->expires == NULL || strcmp (c->expires, consent_until) > 0 ||
            !lw_policy_consent_is_valid (c, as_of))
          continue;
        for (guint j = 0; j < list->len && !renewed; j++)
          renewed = renewed_by (c, g_ptr_array_index (list, j), as_of, consent_until);
        f = facts_for (index, c->participant_id);
        if (!renewed && f != NULL && (f->consent_expires == NULL || strcmp (c->expires, f->consent_expires) < 0))
          f->consent_expires = c->expires;
      }
  }

  out = g_ptr_array_new_with_free_func ((GDestroyNotify) lw_agenda_suggestion_free);
  for (guint i = 0; i < participants->len; i++)
    {
      LwAgendaSuggestion *s = evaluate (&facts[i], meeting->date, as_of, since);

      if (s != NULL)
        g_ptr_array_add (out, s);
    }
  g_ptr_array_sort (out, compare_suggestions);

  g_debug ("Suggested %u of %u participants in %" G_GINT64_FORMAT " ms",
           out->len, participants->len, (g_get_monotonic_time () - t0) / 1000);
  return g_steal_pointer (&out);
}

/* ----------------------------------------------------------------------------
 * Applying suggestions
 */

gboolean
lw_agenda_apply_suggestions (LwStore         *store,
                             const LwMeeting *meeting,
                             GPtrArray       *suggestions,
                             guint           *n_added,
                             GError         **error)
{
  g_autoptr(LwMeeting) current = NULL;
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GHashTable) present = NULL;
  guint added = 0;

  g_return_val_if_fail (store != NULL, FALSE);
  g_return_val_if_fail (meeting != NULL, FALSE);
  g_return_val_if_fail (suggestions != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (n_added != NULL)
    *n_added = 0;
  if (!lw_store_begin (store, error))
    return FALSE;
  current = _lw_agenda_get_open_meeting (store, meeting->id, error);
  if (current == NULL)
    goto fail;
  items = lw_agenda_list_items (store, meeting->id, error);
  if (items == NULL || !_lw_agenda_renumber (store, items, error))
    goto fail;

  /* what is on the agenda now, not what the suggestion saw */
  present = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  for (guint i = 0; i < items->len; i++)
    {
      LwAgendaItem *item = g_ptr_array_index (items, i);

      if (item->kind == LW_ITEM_PARTICIPANT && item->participant_id != 0)
        g_hash_table_add (present, g_memdup2 (&item->participant_id, sizeof (LwId)));
    }

  for (guint i = 0; i < suggestions->len; i++)
    {
      LwAgendaSuggestion *s = g_ptr_array_index (suggestions, i);
      g_autoptr(LwAgendaItem) item = NULL;

      if (g_hash_table_contains (present, &s->participant_id))
        continue;
      item = lw_agenda_item_new ();
      item->meeting_id = meeting->id;
      item->position = items->len + added;
      item->kind = LW_ITEM_PARTICIPANT;
      item->participant_id = s->participant_id;
      item->reasons = lw_agenda_reasons_to_string (s->reasons);
      item->time_budget = s->time_budget > 0 ? s->time_budget : LW_AGENDA_DEFAULT_BUDGET;
      if (!lw_store_insert (store, item, error))
        goto fail;
      g_hash_table_add (present, g_memdup2 (&s->participant_id, sizeof (LwId)));
      added++;
    }
  if (!lw_store_commit (store, error))
    return FALSE;
  if (n_added != NULL)
    *n_added = added;
  return TRUE;

fail:
  lw_store_rollback (store);
  return FALSE;
}
