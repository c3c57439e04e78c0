/* lw-agenda.c: meetings, agenda suggestion, editing, carry-over, attendance
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

#define MAX_TIME_BUDGET (4 * 60 * 60)

/* ----------------------------------------------------------------------------
 * Reasons
 */

/* What a reason is computed from: category at full, and also (when not
 * LW_CATEGORY_NONE) also_category at also_level or above. */
typedef struct
{
  const char *code;
  LwCategory  category;
  const char *label;
  LwCategory  also_category;
  LwLevel     also_level;
} ReasonInfo;

static const ReasonInfo reasons_info[LW_N_REASONS] = {
  [LW_REASON_NEW_REFERRAL]      = { "new-referral", LW_CATEGORY_STATUS, N_("New referral"), LW_CATEGORY_NONE, 0 },
  [LW_REASON_COURT_DATE_SOON]   = { "court-date-soon", LW_CATEGORY_LEGAL, N_("Court date soon"), LW_CATEGORY_NONE, 0 },
  [LW_REASON_ACTION_ITEMS_DUE]  = { "action-items-due", LW_CATEGORY_PLAN, N_("Action items due"), LW_CATEGORY_NONE, 0 },
  /* the last contact is also read from the contact log: the care-notes summary
   * carries that date, nothing more of the log */
  [LW_REASON_NO_CONTACT]        = { "no-contact-14-days", LW_CATEGORY_STATUS, N_("No contact for 14 days"),
                                    LW_CATEGORY_CARE_NOTES, LW_LEVEL_SUMMARY },
  [LW_REASON_STATUS_CHANGE]     = { "status-change", LW_CATEGORY_STATUS, N_("Status change"), LW_CATEGORY_NONE, 0 },
  [LW_REASON_COMMUNITY_CONCERN] = { "community-concern", LW_CATEGORY_LOCATION, N_("Community concern"), LW_CATEGORY_NONE, 0 },
  [LW_REASON_FLAGGED]           = { "flagged", LW_CATEGORY_STATUS, N_("Flagged by staff"), LW_CATEGORY_NONE, 0 },
  [LW_REASON_NOT_REACHED]       = { "not-reached", LW_CATEGORY_STATUS, N_("Not reached at the last meeting"), LW_CATEGORY_NONE, 0 },
};

gboolean
lw_agenda_reason_visible (const char    *code,
                          const LwLevel  levels[LW_N_CATEGORIES])
{
  int reason;

  g_return_val_if_fail (levels != NULL, FALSE);

  reason = lw_agenda_reason_from_string (code);
  /* an unknown code is shown as it is written: free text, the care team only */
  if (reason < 0)
    return levels[LW_CATEGORY_CARE_NOTES] == LW_LEVEL_FULL;
  if (levels[reasons_info[reason].category] != LW_LEVEL_FULL)
    return FALSE;
  if (reasons_info[reason].also_category != LW_CATEGORY_NONE &&
      levels[reasons_info[reason].also_category] < reasons_info[reason].also_level)
    return FALSE;
  return TRUE;
}

GPtrArray *
lw_agenda_reason_labels (const char    *reasons,
                         const LwLevel  levels[LW_N_CATEGORIES])
{
  g_auto(GStrv) codes = lw_agenda_reasons_split (reasons);
  GPtrArray *labels = g_ptr_array_new_with_free_func (g_free);
  gboolean hidden = FALSE;

  g_return_val_if_fail (levels != NULL, labels);

  for (guint i = 0; codes[i] != NULL; i++)
    {
      if (!lw_agenda_reason_visible (codes[i], levels))
        hidden = TRUE;
      else
        g_ptr_array_add (labels, g_strdup (lw_agenda_reason_label (codes[i])));
    }
  /* that there is a reason is no secret: which one is */
  if (hidden)
    g_ptr_array_add (labels, g_strdup (lw_agenda_reason_label (LW_AGENDA_REVIEW_DUE)));
  return labels;
}

const char *
lw_agenda_reason_to_string (LwAgendaReason reason)
{
  g_return_val_if_fail (reason < LW_N_REASONS, NULL);

  return reasons_info[reason].code;
}

int
lw_agenda_reason_from_string (const char *code)
{
  if (code == NULL)
    return -1;
  for (int i = 0; i < LW_N_REASONS; i++)
    if (g_ascii_strcasecmp (reasons_info[i].code, code) == 0)
      return i;
  return -1;
}

LwCategory
lw_agenda_reason_category (const char *code)
{
  int reason = lw_agenda_reason_from_string (code);

  /* unknown: the care team only */
  return reason < 0 ? LW_CATEGORY_CARE_NOTES : reasons_info[reason].category;
}

const char *
lw_agenda_reason_label (const char *code)
{
  int reason;

  g_return_val_if_fail (code != NULL, NULL);

  if (g_strcmp0 (code, LW_AGENDA_REVIEW_DUE) == 0)
    return _("Review due");
  reason = lw_agenda_reason_from_string (code);
  return reason < 0 ? code : _(reasons_info[reason].label);
}

char *
lw_agenda_topic_title (const LwAgendaItem *item,
                       const LwLevel       levels[LW_N_CATEGORIES])
{
  g_return_val_if_fail (item != NULL, NULL);
  g_return_val_if_fail (levels != NULL, NULL);

  if (item->title != NULL && item->title[0] != '\0' &&
      lw_policy_text_visible (lw_model_category_of (item, LW_CATEGORY_PLAN), LW_CATEGORY_PLAN, levels))
    return g_strdup (item->title);
  return g_strdup (_("Topic"));
}

char **
lw_agenda_reasons_split (const char *reasons)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) parts = NULL;

  if (reasons == NULL)
    return g_strv_builder_end (builder);
  parts = g_strsplit (reasons, ",", -1);
  for (guint i = 0; parts[i] != NULL; i++)
    {
      g_strstrip (parts[i]);
      if (parts[i][0] != '\0')
        g_strv_builder_add (builder, parts[i]);
    }
  return g_strv_builder_end (builder);
}

char *
lw_agenda_reasons_to_string (guint reasons)
{
  GString *s = g_string_new (NULL);

  for (int i = 0; i < LW_N_REASONS; i++)
    if (reasons & (1u << i))
      {
        if (s->len > 0)
          g_string_append_c (s, ',');
        g_string_append (s, reasons_info[i].code);
      }
  return g_string_free (s, s->len == 0);
}

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
static gboolean
looks_like_date (const char *s)
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

  if (looks_like_date (text))
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
static gboolean
meeting_before (const LwMeeting *a,
                const LwMeeting *b)
{
  int c = g_strcmp0 (a->date, b->date);

  return c < 0 || (c == 0 && a->id < b->id);
}

/* From a list of meetings, the last closed one before meeting; borrowed. */
static LwMeeting *
find_previous (GPtrArray       *meetings,
               const LwMeeting *meeting)
{
  LwMeeting *best = NULL;

  for (guint i = 0; i < meetings->len; i++)
    {
      LwMeeting *m = g_ptr_array_index (meetings, i);

      if (m->id == meeting->id || m->status != LW_MEETING_CLOSED || !meeting_before (m, meeting))
        continue;
      if (best == NULL || meeting_before (best, m))
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
  previous = find_previous (meetings, meeting);
  return previous ? lw_record_copy (previous) : NULL;
}

/* A date read from a damaged file is unset (lw-record.c). */
static gpointer
damaged_meeting_date (GError **error)
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
    return damaged_meeting_date (error);
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

static LwMeeting *
get_open_meeting (LwStore *store,
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
 * Suggestion
 */

#define WEIGHT_COURT             40
#define WEIGHT_COURT_PER_DAY      2
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
  gboolean       on_agenda;
  gboolean       discussed_before;   /* started at the previous meeting */
  gboolean       not_reached_before; /* on the previous agenda, never started */
} Facts;

void
lw_agenda_suggestion_free (LwAgendaSuggestion *suggestion)
{
  if (suggestion == NULL)
    return;
  g_free (suggestion->code);
  g_free (suggestion->court_date);
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
    }

  if (s->reasons == 0)
    return NULL;
  s->participant_id = p->id;
  s->code = g_strdup (p->code);
  s->on_agenda = f->on_agenda;
  s->time_budget = lw_agenda_budget_for_reasons (s->reasons);
  return g_steal_pointer (&s);
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
  g_autoptr(GPtrArray) actions = NULL;
  g_autoptr(GPtrArray) contacts = NULL;
  g_autoptr(GPtrArray) concerns = NULL;
  g_autoptr(GHashTable) index = NULL;
  g_autoptr(GPtrArray) out = NULL;
  g_autofree Facts *facts = NULL;
  g_autofree char *today = NULL;
  g_autofree char *since = NULL;
  g_autofree char *court_until = NULL;
  const char *as_of;
  const LwMeeting *previous;
  gint64 t0 = g_get_monotonic_time ();

  g_return_val_if_fail (store != NULL, NULL);
  g_return_val_if_fail (meeting != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!lw_date_is_valid (meeting->date))
    return damaged_meeting_date (error);

  today = lw_date_today ();
  as_of = g_strcmp0 (today, meeting->date) < 0 ? today : meeting->date;
  court_until = lw_date_add_days (meeting->date, LW_AGENDA_COURT_WINDOW_DAYS);

  meetings = lw_store_list (store, &lw_meeting_table, NULL, 0, error);
  if (meetings == NULL)
    return NULL;
  previous = find_previous (meetings, meeting);
  since = previous ? g_strdup (previous->date)
                   : lw_date_add_days (meeting->date, -LW_AGENDA_NO_CONTACT_DAYS);

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

  matters = lw_store_list (store, &lw_legal_matter_table, NULL, 0, error);
  if (matters == NULL)
    return NULL;
  for (guint i = 0; i < matters->len; i++)
    {
      LwLegalMatter *m = g_ptr_array_index (matters, i);
      Facts *f;

      if (m->status != LW_MATTER_PENDING || m->next_court_date == NULL ||
          strcmp (m->next_court_date, as_of) < 0 || strcmp (m->next_court_date, court_until) > 0)
        continue;
      f = facts_for (index, m->participant_id);
      if (f != NULL && (f->court_date == NULL || strcmp (m->next_court_date, f->court_date) < 0))
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

      if (c->status == LW_CONCERN_RESOLVED || g_strcmp0 (c->date, meeting->date) > 0)
        continue;
      f = facts_for (index, c->participant_id);
      if (f != NULL && (f->concern_id == 0 || g_strcmp0 (c->date, f->concern_date) >= 0))
        {
          f->concern_id = c->id;
          f->concern_date = c->date;
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

      item->time_budget = CLAMP (item->time_budget, 0, MAX_TIME_BUDGET);
    }
  g_ptr_array_sort (items, compare_items);
  return items;
}

/* Writes position = index for every item whose position differs. */
static gboolean
renumber (LwStore   *store,
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
  if (seconds < 0 || seconds > MAX_TIME_BUDGET)
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
  meeting = get_open_meeting (store, meeting_id, error);
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
  if (!renumber (store, items, error))
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
    *meeting = get_open_meeting (store, item->meeting_id, error);
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
  if (items == NULL || !renumber (store, items, error))
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
  if (!renumber (store, items, error))
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
    total += CLAMP (((LwAgendaItem *) g_ptr_array_index (items, i))->time_budget, 0, MAX_TIME_BUDGET);
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

gboolean
lw_agenda_item_not_reached (const LwMeeting    *meeting,
                            const LwAgendaItem *item)
{
  g_return_val_if_fail (meeting != NULL, FALSE);
  g_return_val_if_fail (item != NULL, FALSE);

  return meeting->status == LW_MEETING_CLOSED && item->started_at == 0;
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
  current = get_open_meeting (store, meeting->id, error);
  if (current == NULL)
    goto fail;
  items = lw_agenda_list_items (store, meeting->id, error);
  if (items == NULL || !renumber (store, items, error))
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
    return meeting_before (x->from, y->from) ? -1 : 1;
  return (x->action->id > y->action->id) - (x->action->id < y->action->id);
}

GPtrArray *
lw_agenda_carried_actions (LwStore         *store,
                           const LwMeeting *meeting,
                           LwId             participant_id,
                           GError         **error)
{
  g_autoptr(GPtrArray) actions = NULL;
  g_autoptr(GPtrArray) meetings = NULL;
  g_autoptr(GHashTable) by_id = NULL;
  GPtrArray *out;

  g_return_val_if_fail (store != NULL, NULL);
  g_return_val_if_fail (meeting != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  actions = lw_store_list (store, &lw_action_item_table, "participant_id", participant_id, error);
  if (actions == NULL)
    return NULL;
  meetings = lw_store_list (store, &lw_meeting_table, NULL, 0, error);
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
      if (from != NULL && (from->id == meeting->id || !meeting_before (from, meeting)))
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

      if (m->id == meeting->id || meeting_before (m, meeting))
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

/* ----------------------------------------------------------------------------
 * Attendance and the room's audience
 */

guint32
lw_agenda_room_roles (LwStore *store,
                      LwId     meeting_id,
                      GError **error)
{
  g_autoptr(LwMeeting) meeting = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  guint32 roles = 0;

  g_return_val_if_fail (store != NULL, 0);
  g_return_val_if_fail (error == NULL || *error == NULL, 0);

  meeting = lw_store_get (store, &lw_meeting_table, meeting_id, error);
  if (meeting == NULL)
    return 0;
  rows = lw_store_list (store, &lw_attendance_table, "meeting_id", meeting_id, error);
  if (rows == NULL)
    return 0;
  for (guint i = 0; i < rows->len; i++)
    {
      LwAttendance *a = g_ptr_array_index (rows, i);

      /* invited people count before they check in: nobody walks in on
       * content they may not see */
      if (!a->absent && a->role >= 0 && a->role < LW_N_ROLES)
        roles |= 1u << a->role;
    }
  if (roles == 0)
    {
      LwPolicyMatrix matrix;

      /* nobody on the list: the role whose row shows least (the evaluator with
       * DESIGN.md's matrix), so an empty room is never shown more than anyone */
      lw_policy_load_matrix (store, &matrix);
      roles = 1u << lw_policy_most_restrictive_role (&matrix);
    }
  return roles;
}

/* Adds the attendees of meeting_id whose role is in roles (all when 0), not
 * marked absent; returns the roles added. */
static guint32
add_attendees (LwStore     *store,
               LwId         meeting_id,
               guint32      roles,
               LwAudience  *audience,
               GError     **error)
{
  g_autoptr(GPtrArray) rows = NULL;
  guint32 added = 0;

  rows = lw_store_list (store, &lw_attendance_table, "meeting_id", meeting_id, error);
  if (rows == NULL)
    return G_MAXUINT32;
  for (guint i = 0; i < rows->len; i++)
    {
      const LwAttendance *a = g_ptr_array_index (rows, i);
      g_autoptr(LwPerson) person = NULL;
      const char *agency = a->guest_agency;

      if (a->absent || a->role < 0 || a->role >= LW_N_ROLES)
        continue;
      if (roles != 0 && !(roles & LW_ROLE_BIT (a->role)))
        continue;
      if (a->person_id != 0)
        {
          person = lw_store_get (store, &lw_person_table, a->person_id, NULL);
          agency = person ? person->agency : NULL;
        }
      lw_audience_add_member (audience, a->role, agency);
      added |= LW_ROLE_BIT (a->role);
    }
  return added;
}

LwAudience *
lw_agenda_room_audience (LwStore  *store,
                         LwId      meeting_id,
                         GError  **error)
{
  g_autoptr(LwAudience) audience = NULL;
  g_autoptr(LwMeeting) meeting = NULL;

  g_return_val_if_fail (store != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  meeting = lw_store_get (store, &lw_meeting_table, meeting_id, error);
  if (meeting == NULL)
    return NULL;
  audience = lw_audience_new ();
  if (add_attendees (store, meeting_id, 0, audience, error) == G_MAXUINT32)
    return NULL;
  if (lw_audience_is_empty (audience))
    {
      LwPolicyMatrix matrix;

      lw_policy_load_matrix (store, &matrix);
      lw_audience_add_role (audience, lw_policy_most_restrictive_role (&matrix));
    }
  return g_steal_pointer (&audience);
}

LwAudience *
lw_agenda_meeting_audience (LwStore  *store,
                            LwId      meeting_id,
                            guint32   roles,
                            GError  **error)
{
  g_autoptr(LwAudience) audience = NULL;
  guint32 added;

  g_return_val_if_fail (store != NULL, NULL);
  g_return_val_if_fail (roles != 0, NULL);

  audience = lw_audience_new ();
  added = add_attendees (store, meeting_id, roles & LW_ALL_ROLES, audience, error);
  if (added == G_MAXUINT32)
    return NULL;
  for (int r = 0; r < LW_N_ROLES; r++)
    if ((roles & LW_ROLE_BIT (r)) && !(added & LW_ROLE_BIT (r)))
      lw_audience_add_role (audience, r);
  return g_steal_pointer (&audience);
}

GPtrArray *
lw_agenda_list_attendance (LwStore *store,
                           LwId     meeting_id,
                           GError **error)
{
  g_return_val_if_fail (store != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return lw_store_list (store, &lw_attendance_table, "meeting_id", meeting_id, error);
}

LwAttendance *
lw_agenda_invite (LwStore *store,
                  LwId     meeting_id,
                  LwId     person_id,
                  GError **error)
{
  g_autoptr(LwMeeting) meeting = NULL;
  g_autoptr(LwPerson) person = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(LwAttendance) att = NULL;

  g_return_val_if_fail (store != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!lw_store_begin (store, error))
    return NULL;
  meeting = lw_store_get (store, &lw_meeting_table, meeting_id, error);
  if (meeting == NULL)
    goto fail;
  person = lw_store_get (store, &lw_person_table, person_id, error);
  if (person == NULL)
    goto fail;
  rows = lw_agenda_list_attendance (store, meeting_id, error);
  if (rows == NULL)
    goto fail;
  for (guint i = 0; i < rows->len; i++)
    if (((LwAttendance *) g_ptr_array_index (rows, i))->person_id == person_id)
      {
        g_set_error (error, LW_ERROR, LW_ERROR_EXISTS,
                     _("%s is already on the list for %s"), person->name, meeting->date);
        goto fail;
      }
  att = lw_attendance_new ();
  att->meeting_id = meeting_id;
  att->person_id = person_id;
  att->role = person->role;
  if (!lw_store_insert (store, att, error))
    goto fail;
  if (!lw_store_commit (store, error))
    return NULL;
  return g_steal_pointer (&att);

fail:
  lw_store_rollback (store);
  return NULL;
}

LwAttendance *
lw_agenda_add_guest (LwStore    *store,
                     LwId        meeting_id,
                     const char *name,
                     const char *agency,
                     LwRole      role,
                     GError    **error)
{
  g_autoptr(LwMeeting) meeting = NULL;
  g_autoptr(LwAttendance) att = NULL;
  g_autofree char *clean = NULL;

  g_return_val_if_fail (store != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  clean = g_strstrip (g_strdup (name ? name : ""));
  if (*clean == '\0')
    {
      g_set_error (error, LW_ERROR, LW_ERROR_INVALID, _("Give the guest's name"));
      return NULL;
    }
  if ((int) role < 0 || role >= LW_N_ROLES)
    {
      g_set_error (error, LW_ERROR, LW_ERROR_INVALID,
                   _("Choose the guest's role: it decides what the room may see"));
      return NULL;
    }
  meeting = lw_store_get (store, &lw_meeting_table, meeting_id, error);
  if (meeting == NULL)
    return NULL;
  att = lw_attendance_new ();
  att->meeting_id = meeting_id;
  att->guest_name = g_steal_pointer (&clean);
  att->guest_agency = agency && *agency ? g_strstrip (g_strdup (agency)) : NULL;
  att->role = role;
  if (!lw_store_insert (store, att, error))
    return NULL;
  return g_steal_pointer (&att);
}

typedef enum
{
  ATTEND_CHECK_IN,
  ATTEND_CONFIDENTIALITY,
  ATTEND_ABSENT,
  ATTEND_PRESENT,
} AttendChange;

static gboolean
change_attendance (LwStore      *store,
                   LwId          attendance_id,
                   AttendChange  change,
                   GError      **error)
{
  g_autoptr(LwAttendance) att = NULL;
  gint64 now = g_get_real_time ();

  att = lw_store_get (store, &lw_attendance_table, attendance_id, error);
  if (att == NULL)
    return FALSE;
  switch (change)
    {
    case ATTEND_CHECK_IN:
      if (att->checked_in_at != 0 && !att->absent)
        return TRUE;
      if (att->checked_in_at == 0)
        att->checked_in_at = now;
      att->absent = FALSE;
      break;
    case ATTEND_CONFIDENTIALITY:
      if (att->confidentiality_at != 0)
        return TRUE;
      att->confidentiality_at = now;
      break;
    case ATTEND_ABSENT:
    case ATTEND_PRESENT:
      if (att->absent == (change == ATTEND_ABSENT))
        return TRUE;
      att->absent = change == ATTEND_ABSENT;
      break;
    default:
      g_assert_not_reached ();
    }
  return lw_store_update (store, att, error);
}

gboolean
lw_agenda_check_in (LwStore *store,
                    LwId     attendance_id,
                    GError **error)
{
  g_return_val_if_fail (store != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return change_attendance (store, attendance_id, ATTEND_CHECK_IN, error);
}

gboolean
lw_agenda_acknowledge_confidentiality (LwStore *store,
                                       LwId     attendance_id,
                                       GError **error)
{
  g_return_val_if_fail (store != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return change_attendance (store, attendance_id, ATTEND_CONFIDENTIALITY, error);
}

gboolean
lw_agenda_set_absent (LwStore  *store,
                      LwId      attendance_id,
                      gboolean  absent,
                      GError  **error)
{
  g_return_val_if_fail (store != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return change_attendance (store, attendance_id,
                            absent ? ATTEND_ABSENT : ATTEND_PRESENT, error);
}

/* ----------------------------------------------------------------------------
 * Due dates
 */

static const struct
{
  const char  *name;
  GDateWeekday day;
} weekdays[] = {
  { "monday", G_DATE_MONDAY }, { "mon", G_DATE_MONDAY },
  { "tuesday", G_DATE_TUESDAY }, { "tue", G_DATE_TUESDAY }, { "tues", G_DATE_TUESDAY },
  { "wednesday", G_DATE_WEDNESDAY }, { "wed", G_DATE_WEDNESDAY },
  { "thursday", G_DATE_THURSDAY }, { "thu", G_DATE_THURSDAY }, { "thur", G_DATE_THURSDAY },
  { "thurs", G_DATE_THURSDAY },
  { "friday", G_DATE_FRIDAY }, { "fri", G_DATE_FRIDAY },
  { "saturday", G_DATE_SATURDAY }, { "sat", G_DATE_SATURDAY },
  { "sunday", G_DATE_SUNDAY }, { "sun", G_DATE_SUNDAY },
  /* Spanish, compared without accents ("miércoles" is "miercoles") */
  { "lunes", G_DATE_MONDAY }, { "martes", G_DATE_TUESDAY },
  { "miercoles", G_DATE_WEDNESDAY }, { "jueves", G_DATE_THURSDAY },
  { "viernes", G_DATE_FRIDAY }, { "sabado", G_DATE_SATURDAY },
  { "domingo", G_DATE_SUNDAY },
};

/* "next meeting" and its Spanish, without accents */
static const char * const next_meeting_words[] = {
  "next meeting", "next", "proxima reunion", "la proxima reunion", "proxima", NULL,
};
/* prefixes of a weekday: "next friday", "el próximo viernes" */
static const char * const next_prefixes[] = {
  "next ", "el proximo ", "proximo ", "este ", "el ",
};

static GDateWeekday
date_weekday (const char *date)
{
  int y = 0, m = 0, d = 0;
  GDate g;

  if (sscanf (date, "%d-%d-%d", &y, &m, &d) != 3)
    return G_DATE_BAD_WEEKDAY;
  g_date_clear (&g, 1);
  g_date_set_dmy (&g, d, m, y);
  return g_date_get_weekday (&g);
}

/* "+7d", "+2w", "+7", "+7 days", "+2 weeks": days ahead, or -1. */
static int
parse_offset (const char *s)
{
  const char *p = s + 1;
  gint64 n = 0;
  int digits = 0;

  while (g_ascii_isdigit (*p) && digits < 4)
    {
      n = n * 10 + (*p - '0');
      p++;
      digits++;
    }
  if (digits == 0 || g_ascii_isdigit (*p))
    return -1;
  while (*p == ' ')
    p++;
  if (*p == '\0' || strcmp (p, "d") == 0 || strcmp (p, "day") == 0 || strcmp (p, "days") == 0 ||
      strcmp (p, "dia") == 0 || strcmp (p, "dias") == 0)
    return (int) n;
  if (strcmp (p, "w") == 0 || strcmp (p, "week") == 0 || strcmp (p, "weeks") == 0 ||
      strcmp (p, "s") == 0 || strcmp (p, "semana") == 0 || strcmp (p, "semanas") == 0)
    return (int) (n * 7);
  return -1;
}

gboolean
lw_agenda_parse_due (const char  *text,
                     const char  *today,
                     const char  *next_meeting_date,
                     char       **out_date,
                     GError     **error)
{
  g_autofree char *trimmed = NULL;
  g_autofree char *lower = NULL;
  g_auto(GStrv) words = NULL;
  g_autofree char *norm = NULL;
  const char *day_name;

  g_return_val_if_fail (lw_date_is_valid (today), FALSE);
  g_return_val_if_fail (next_meeting_date == NULL || lw_date_is_valid (next_meeting_date), FALSE);
  g_return_val_if_fail (out_date != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  *out_date = NULL;
  trimmed = g_strstrip (g_strdup (text ? text : ""));
  {
    /* case and accents aside: "Próxima reunión", "MIÉRCOLES" */
    g_autofree char *down = g_utf8_make_valid (trimmed, -1);
    g_autofree char *folded = g_utf8_strdown (down, -1);

    lower = g_str_to_ascii (folded, "C");
  }
  /* "next   meeting" is "next meeting" */
  words = g_strsplit_set (lower, " \t", -1);
  {
    g_autoptr(GStrvBuilder) b = g_strv_builder_new ();
    g_auto(GStrv) kept = NULL;

    for (guint i = 0; words[i] != NULL; i++)
      if (words[i][0] != '\0')
        g_strv_builder_add (b, words[i]);
    kept = g_strv_builder_end (b);
    norm = g_strjoinv (" ", kept);
  }

  if (lw_date_is_valid (norm))
    {
      *out_date = g_strdup (norm);
      return TRUE;
    }
  if (looks_like_date (norm))
    {
      g_set_error (error, LW_ERROR, LW_ERROR_INVALID,
                   _("%s is not a date on the calendar; write it as YYYY-MM-DD, for example 2026-12-01"),
                   norm);
      return FALSE;
    }
  if (g_strv_contains (next_meeting_words, norm))
    {
      if (next_meeting_date == NULL)
        {
          g_set_error (error, LW_ERROR, LW_ERROR_INVALID,
                       _("No next meeting is planned yet: write a date (2026-12-01), +7d or a weekday"));
          return FALSE;
        }
      *out_date = g_strdup (next_meeting_date);
      return TRUE;
    }
  if (strcmp (norm, "today") == 0 || strcmp (norm, "hoy") == 0)
    {
      *out_date = g_strdup (today);
      return TRUE;
    }
  if (strcmp (norm, "tomorrow") == 0 || strcmp (norm, "manana") == 0)
    {
      *out_date = lw_date_add_days (today, 1);
      return TRUE;
    }
  if (norm[0] == '+')
    {
      int days = parse_offset (norm);

      if (days > 3650)
        {
          g_set_error (error, LW_ERROR, LW_ERROR_INVALID,
                       _("“%s” is more than ten years ahead; write a nearer due date"), trimmed);
          return FALSE;
        }
      if (days >= 0)
        {
          *out_date = lw_date_add_days (today, days);
          if (*out_date != NULL)
            return TRUE;
        }
    }

  day_name = norm;
  for (guint i = 0; i < G_N_ELEMENTS (next_prefixes); i++)
    if (g_str_has_prefix (norm, next_prefixes[i]))
      {
        day_name = norm + strlen (next_prefixes[i]);
        break;
      }
  for (guint i = 0; i < G_N_ELEMENTS (weekdays); i++)
    if (strcmp (day_name, weekdays[i].name) == 0)
      {
        GDateWeekday now = date_weekday (today);
        int ahead = ((int) weekdays[i].day - (int) now + 7) % 7;

        /* the next such day after today: a week ahead when it is today */
        *out_date = lw_date_add_days (today, ahead == 0 ? 7 : ahead);
        return TRUE;
      }

  g_set_error (error, LW_ERROR, LW_ERROR_INVALID,
               _("“%s” is not a due date: write a date (2026-12-01), +7d, a weekday or “next meeting”"),
               trimmed);
  return FALSE;
}
