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
#include "lw-summary-private.h"

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

/* What the rules learn about one participant: the facts kept for them, and
 * what those and this meeting's tables say for this meeting. */
typedef struct
{
  LwId           id;
  const char    *code;          /* borrowed from the list */
  const LwFacts *known;         /* borrowed: the participant's facts */
  LwDay          court_date;    /* soonest in the window, 0 for none */
  LwDay          newest_contact;
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

/* The dates of one suggestion, as day numbers. */
typedef struct
{
  LwDay meeting;         /* D */
  LwDay as_of;           /* the earlier of today and D */
  LwDay since;           /* L, or D - 14 */
  LwDay court_until;     /* D + 14 */
  LwDay next;            /* the next meeting, or D + 14 */
} Days;

/* A date after the previous meeting (on its day, if not discussed there). */
static gboolean
since_previous (LwDay        date,
                const Days  *days,
                const Facts *facts)
{
  if (date == 0 || date > days->meeting)
    return FALSE;
  return date > days->since || (date == days->since && !facts->discussed_before);
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
          const Days  *days)
{
  const LwFacts *p = f->known;
  g_autoptr(LwAgendaSuggestion) s = g_new0 (LwAgendaSuggestion, 1);
  gboolean exited = p->status == LW_STATUS_EXITED;
  LwDay newest = MAX (p->last_contact, f->newest_contact);

  s->days_without_contact = -1;
  if (newest != 0)
    s->days_without_contact = MAX (0, (int) days->as_of - (int) newest);

  if (p->status != LW_STATUS_REFERRED &&
      since_previous (p->status_changed, days, f))
    {
      add_reason (s, LW_REASON_STATUS_CHANGE, WEIGHT_STATUS_CHANGE);
    }

  if (!exited)
    {
      if (since_previous (p->referral_date, days, f))
        {
          add_reason (s, LW_REASON_NEW_REFERRAL, WEIGHT_NEW_REFERRAL);
        }
      if (f->court_date != 0)
        {
          int until = (int) f->court_date - (int) days->meeting;

          add_reason (s, LW_REASON_COURT_DATE_SOON,
                      WEIGHT_COURT +
                      WEIGHT_COURT_PER_DAY * CLAMP (LW_AGENDA_COURT_WINDOW_DAYS - until, 0,
                                                    LW_AGENDA_COURT_WINDOW_DAYS));
          s->court_date = _lw_day_to_date (f->court_date);
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
          (newest == 0 || s->days_without_contact >= LW_AGENDA_NO_CONTACT_DAYS))
        {
          int weeks = newest == 0 ? G_MAXINT / 2
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
  s->participant_id = f->id;
  s->code = g_strdup (f->code);
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

/* What a participant's facts say for the meeting of days. */
static void
derive (Facts      *f,
        const Days *days,
        const char *as_of,
        const char *consent_until)
{
  const LwFacts *k = f->known;
  g_autofree LwConsent *consents = g_new0 (LwConsent, MAX (k->n_consents, 1));

  /* the newest contact on or before "as of" */
  for (guint i = 0; i < k->n_contacts && f->newest_contact == 0; i++)
    if (k->contacts[i] <= days->as_of)
      f->newest_contact = k->contacts[i];
  for (guint i = 0; i < k->n_courts; i++)
    {
      LwDay court = k->courts[i].court_date;
      LwDay position = k->courts[i].position_date;

      if (court < days->as_of)
        continue;
      /* before the next meeting, and no position taken since the last one
       * (on its day too: a position said at the table counts) */
      if (court < days->next && position < days->since)
        f->position_needed = TRUE;
      if (court <= days->court_until && (f->court_date == 0 || court < f->court_date))
        f->court_date = court;
    }
  for (guint i = 0; i < k->n_due; i++)
    if (k->due[i] <= days->meeting)
      f->n_due++;

  /* releases that end soon and are not renewed, compared as records */
  for (guint i = 0; i < k->n_consents; i++)
    {
      LwConsent *c = &consents[i];

      LW_RECORD (c)->table = &lw_consent_table;
      LW_RECORD (c)->damaged = k->consents[i].damaged ? 1 : 0;
      c->participant_id = f->id;
      c->recipient_role = k->consents[i].recipient_role;
      c->recipient_agency = (char *) k->consents[i].recipient_agency;
      c->categories = k->consents[i].categories;
      c->signed_date = (char *) k->consents[i].signed_date;
      c->expires = (char *) k->consents[i].expires;
      c->revoked = (char *) k->consents[i].revoked;
    }
  for (guint i = 0; i < k->n_consents; i++)
    {
      const LwConsent *c = &consents[i];
      gboolean renewed = FALSE;

      if (c->expires == NULL || strcmp (c->expires, consent_until) > 0 ||
          !lw_policy_consent_is_valid (c, as_of))
        continue;
      for (guint j = 0; j < k->n_consents && !renewed; j++)
        renewed = renewed_by (c, &consents[j], as_of, consent_until);
      if (!renewed && (f->consent_expires == NULL || strcmp (c->expires, f->consent_expires) < 0))
        f->consent_expires = k->consents[i].expires;
    }
}

GPtrArray *
lw_agenda_suggest (LwStore          *store,
                   const LwMeeting  *meeting,
                   GError          **error)
{
  static const char * const meeting_columns[] = { "date", "status", NULL };
  static const char * const item_columns[] = { "kind", "participant_id", "started_at", NULL };
  static const char * const concern_columns[] = { "date", "status", "participant_id", NULL };
  g_autoptr(GPtrArray) meetings = NULL;
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GPtrArray) previous_items = NULL;
  g_autoptr(GPtrArray) concerns = NULL;
  g_autoptr(GHashTable) known = NULL;
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
  GHashTableIter iter;
  LwFacts *k;
  Days days;
  guint n = 0;
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

  meetings = lw_store_list_columns (store, &lw_meeting_table, meeting_columns, NULL, 0, error);
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

  days.meeting = _lw_day_from_date (meeting->date);
  days.as_of = _lw_day_from_date (as_of);
  days.since = _lw_day_from_date (since);
  days.court_until = _lw_day_from_date (court_until);
  days.next = _lw_day_from_date (next_date);

  /* one kept value per participant (lw-summary.c), and the clear columns of
   * this meeting's tables: no care note, action text or other value is opened */
  known = _lw_summary_read_all (store, error);
  if (known == NULL)
    return NULL;
  facts = g_new0 (Facts, MAX (g_hash_table_size (known), 1));
  index = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_hash_table_iter_init (&iter, known);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &k))
    {
      facts[n].id = k->participant_id;
      facts[n].code = k->code;
      facts[n].known = k;
      derive (&facts[n], &days, as_of, consent_until);
      g_hash_table_insert (index, &facts[n].id, &facts[n]);
      n++;
    }

  items = lw_store_list_columns (store, &lw_agenda_item_table, item_columns, "meeting_id", meeting->id, error);
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
      previous_items = lw_store_list_columns (store, &lw_agenda_item_table, item_columns, "meeting_id",
                                              previous->id, error);
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

  concerns = lw_store_list_columns (store, &lw_community_concern_table, concern_columns, NULL, 0, error);
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

  out = g_ptr_array_new_with_free_func ((GDestroyNotify) lw_agenda_suggestion_free);
  for (guint i = 0; i < n; i++)
    {
      LwAgendaSuggestion *s = evaluate (&facts[i], &days);

      if (s != NULL)
        g_ptr_array_add (out, s);
    }
  g_ptr_array_sort (out, compare_suggestions);

  g_debug ("Suggested %u of %u participants in %" G_GINT64_FORMAT " ms",
           out->len, n, (g_get_monotonic_time () - t0) / 1000);
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
