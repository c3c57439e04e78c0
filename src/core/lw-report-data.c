/* lw-report-data.c: the program's data as an audience may count it
 *
 * One pass over each table, reading only the columns a figure counts (never a
 * name, a note or any other free text, except the reasons of diversion
 * decisions where they are asked for), and each participant's levels for the
 * audience resolved as a view resolves them: the matrix, the audience and the
 * participant's releases of information on today's date.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lw-report"

#include "config.h"

#include "lw-i18n-private.h"
#include <sodium.h>
#include <string.h>

#include "lw/lw-error.h"
#include "lw/lw-model.h"
#include "lw-report-private.h"
#include "lw-store-private.h"

static void
copy_date (char        out[11],
           const char *date)
{
  g_strlcpy (out, date ? date : "", 11);
}

static void
person_clear (gpointer data)
{
  LwReportPerson *person = data;

  g_clear_pointer (&person->statuses, g_array_unref);
  g_clear_pointer (&person->housings, g_array_unref);
  /* the dates of referral and birth were sealed */
  sodium_memzero (person, sizeof *person);
}

void
_lw_report_data_free (LwReportData *data)
{
  if (data == NULL)
    return;
  g_clear_pointer (&data->audience, lw_audience_free);
  g_clear_pointer (&data->people, g_array_unref);
  g_clear_pointer (&data->index, g_hash_table_unref);
  g_clear_pointer (&data->goals, g_array_unref);
  g_clear_pointer (&data->contacts, g_array_unref);
  g_clear_pointer (&data->matters, g_array_unref);
  g_clear_pointer (&data->notes, g_array_unref);
  g_clear_pointer (&data->decisions, g_ptr_array_unref);
  g_clear_pointer (&data->actions, g_array_unref);
  g_clear_pointer (&data->meetings, g_ptr_array_unref);
  g_clear_pointer (&data->items, g_ptr_array_unref);
  g_clear_pointer (&data->concerns, g_ptr_array_unref);
  g_clear_pointer (&data->matter_owner, g_hash_table_unref);
  g_free (data);
}

LwReportPerson *
_lw_report_data_person (LwReportData *data,
                        LwId          id)
{
  gpointer position;

  if (id == 0)
    return NULL;
  position = g_hash_table_lookup (data->index, &id);
  if (position == NULL)
    return NULL;
  return &g_array_index (data->people, LwReportPerson, GPOINTER_TO_UINT (position) - 1);
}

static int
compare_points (gconstpointer a,
                gconstpointer b)
{
  const LwPoint *x = a, *y = b;
  int c = strcmp (x->date, y->date);

  if (c != 0)
    return c;
  return (x->order > y->order) - (x->order < y->order);
}

static void
add_point (GArray     *points,
           const char *date,
           int         value,
           gint64      order)
{
  LwPoint point = { .value = value, .order = order };

  copy_date (point.date, date);
  g_array_append_val (points, point);
}

/* The history as written, completed where a file from before histories kept
 * none: referred on the referral date, and the status now from the day of its
 * last change. */
static void
complete_timeline (LwReportData   *data,
                   LwReportPerson *person)
{
  GArray *points = person->statuses;

  g_array_sort (points, compare_points);
  if (person->referral[0] != '\0' &&
      (points->len == 0 || strcmp (g_array_index (points, LwPoint, 0).date, person->referral) > 0))
    {
      LwPoint point = { .value = LW_STATUS_REFERRED, .order = G_MININT64 };

      copy_date (point.date, person->referral);
      g_array_prepend_val (points, point);
    }
  if (points->len == 0 || g_array_index (points, LwPoint, points->len - 1).value != person->status)
    {
      const char *date = person->changed[0] != '\0' ? person->changed : data->today;

      if (points->len > 0 && strcmp (date, g_array_index (points, LwPoint, points->len - 1).date) < 0)
        date = g_array_index (points, LwPoint, points->len - 1).date;
      add_point (points, date, person->status, G_MAXINT64);
    }
  if (person->referral[0] == '\0' && points->len > 0)
    copy_date (person->referral, g_array_index (points, LwPoint, 0).date);

  for (guint i = 0; i < points->len; i++)
    {
      const LwPoint *point = &g_array_index (points, LwPoint, i);

      if (point->value == LW_STATUS_INTAKE_SCHEDULED && person->intake[0] == '\0')
        copy_date (person->intake, point->date);
      if (point->value == LW_STATUS_ACTIVE && person->active[0] == '\0')
        copy_date (person->active, point->date);
    }
  g_array_sort (person->housings, compare_points);
}

int
_lw_report_status_on (const LwReportPerson *person,
                      const char           *date)
{
  int status = -1;

  if (person->referral[0] == '\0' || strcmp (person->referral, date) > 0)
    return -1;
  for (guint i = 0; i < person->statuses->len; i++)
    {
      const LwPoint *point = &g_array_index (person->statuses, LwPoint, i);

      if (strcmp (point->date, date) > 0)
        break;
      status = point->value;
    }
  return status < 0 ? LW_STATUS_REFERRED : status;
}

gboolean
_lw_report_active_during (const LwReportPerson *person,
                          const char           *from,
                          const char           *to)
{
  GArray *points = person->statuses;

  for (guint i = 0; i < points->len; i++)
    {
      const LwPoint *point = &g_array_index (points, LwPoint, i);
      const char *until = i + 1 < points->len ? g_array_index (points, LwPoint, i + 1).date : NULL;

      if (point->value != LW_STATUS_ACTIVE)
        continue;
      /* active from point->date up to the day before until */
      if (strcmp (point->date, to) <= 0 && (until == NULL || strcmp (until, from) > 0))
        return TRUE;
    }
  return FALSE;
}

int
_lw_report_housing_at_entry (const LwReportPerson *person)
{
  if (person->housings->len == 0)
    return -1;
  return g_array_index (person->housings, LwPoint, 0).value;
}

void
_lw_report_day_of (gint64 usec,
                   char   out[11])
{
  g_autoptr(GDateTime) dt = NULL;
  g_autofree char *day = NULL;

  out[0] = '\0';
  if (usec == 0)
    return;
  dt = g_date_time_new_from_unix_local (usec / G_USEC_PER_SEC);
  if (dt == NULL)
    return;
  day = g_date_time_format (dt, "%Y-%m-%d");
  copy_date (out, day);
}

gboolean
_lw_report_concern_response (const LwCommunityConcern  *concern,
                             const char               **date)
{
  /* the day it was responded to; a concern answered before that day was kept
   * (or closed without it) is responded to all the same, on a day unknown */
  *date = concern->responded_date;
  return concern->responded_date != NULL || concern->status != LW_CONCERN_OPEN;
}

/* ----------------------------------------------------------------------------
 * Loading
 */

static GPtrArray *
list_columns (LwStore            *store,
              const LwTableInfo  *table,
              const char * const *columns,
              GError            **error)
{
  return _lw_store_list_columns (store, table, columns, error);
}

static void
add_status (gconstpointer record,
            gpointer      user_data)
{
  const LwStatusChange *change = record;
  LwReportPerson *person = _lw_report_data_person (user_data, change->participant_id);

  if (person != NULL && change->date != NULL && change->damaged == 0)
    add_point (person->statuses, change->date, change->status, change->id);
}

static void
add_housing (gconstpointer record,
             gpointer      user_data)
{
  const LwHousingChange *change = record;
  LwReportPerson *person = _lw_report_data_person (user_data, change->participant_id);

  if (person != NULL && change->date != NULL && change->damaged == 0)
    add_point (person->housings, change->date, change->housing_status, change->id);
}

static gboolean
load_people (LwReportData  *data,
             LwLoadFlags    flags,
             GError       **error)
{
  static const char * const participant_columns[] = {
    "referral_route", "referral_date", "status", "status_changed", "housing_status", NULL
  };
  static const char * const birth_columns[] = {
    "referral_route", "referral_date", "status", "status_changed", "housing_status", "date_of_birth", NULL
  };
  static const char * const history_columns[] = { "participant_id", "status", "housing_status", "date", NULL };
  g_autoptr(GPtrArray) participants = NULL;
  g_autoptr(GPtrArray) consents = NULL;
  g_autoptr(GHashTable) consents_of = NULL;
  g_autoptr(GPtrArray) none = g_ptr_array_new ();

  participants = list_columns (data->store, &lw_participant_table,
                               (flags & LW_LOAD_BIRTH) ? birth_columns : participant_columns, error);
  if (participants == NULL)
    return FALSE;
  if (data->audience != NULL)
    {
      consents = lw_store_list (data->store, &lw_consent_table, NULL, 0, error);
      if (consents == NULL)
        return FALSE;
      consents_of = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL,
                                           (GDestroyNotify) g_ptr_array_unref);
      for (guint i = 0; i < consents->len; i++)
        {
          LwConsent *consent = g_ptr_array_index (consents, i);
          GPtrArray *list = g_hash_table_lookup (consents_of, &consent->participant_id);

          if (list == NULL)
            {
              list = g_ptr_array_new ();
              g_hash_table_insert (consents_of, &consent->participant_id, list);
            }
          g_ptr_array_add (list, consent);
        }
    }

  data->people = g_array_sized_new (FALSE, TRUE, sizeof (LwReportPerson), participants->len);
  g_array_set_clear_func (data->people, person_clear);
  data->index = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  for (guint i = 0; i < participants->len; i++)
    {
      const LwParticipant *p = g_ptr_array_index (participants, i);
      LwReportPerson person = { 0 };
      gint64 *key = g_new (gint64, 1);

      person.id = p->id;
      person.route = p->referral_route;
      person.status = p->status;
      person.housing = p->housing_status;
      copy_date (person.referral, p->referral_date);
      copy_date (person.changed, p->status_changed);
      if (flags & LW_LOAD_BIRTH)
        copy_date (person.birth, p->date_of_birth);
      person.statuses = g_array_new (FALSE, FALSE, sizeof (LwPoint));
      person.housings = g_array_new (FALSE, FALSE, sizeof (LwPoint));
      if (data->audience != NULL)
        {
          GPtrArray *own = g_hash_table_lookup (consents_of, &p->id);

          lw_policy_resolve_levels (&data->matrix, data->audience, own ? own : none, data->today,
                                    person.levels);
        }
      else
        memcpy (person.levels, data->base, sizeof person.levels);
      g_array_append_val (data->people, person);
      *key = p->id;
      g_hash_table_insert (data->index, key, GUINT_TO_POINTER (data->people->len));
    }

  /* what was kept of the records is all that is needed of them now: they
   * go before the histories are read, which is when the count holds most */
  g_clear_pointer (&consents_of, g_hash_table_unref);
  g_clear_pointer (&consents, g_ptr_array_unref);
  g_clear_pointer (&participants, g_ptr_array_unref);

  /* the histories, a chunk at a time, straight into each person's points */
  if (!_lw_store_each_columns (data->store, &lw_status_change_table, history_columns, add_status, data, error) ||
      !_lw_store_each_columns (data->store, &lw_housing_change_table, history_columns, add_housing, data, error))
    return FALSE;
  for (guint i = 0; i < data->people->len; i++)
    complete_timeline (data, &g_array_index (data->people, LwReportPerson, i));
  return TRUE;
}

/* A compact copy of what is counted of a long table's rows.  The values were
 * sealed, so, as a record's opened strings are, they are wiped when let go:
 * on free, and when the array grows (its old buffer would otherwise be freed
 * as it was). */
typedef struct
{
  GArray         *kept;
  guint           reserved;
  GDestroyNotify  wipe;
} Kept;

/* Each kind of kept row wipes its elements as the array lets them go. */
#define DEFINE_WIPE(name, Type)              \
  static void                                \
  name (gpointer item)                       \
  {                                          \
    sodium_memzero (item, sizeof (Type));    \
  }

DEFINE_WIPE (wipe_contact, LwReportContact)
DEFINE_WIPE (wipe_goal, LwReportGoal)
DEFINE_WIPE (wipe_matter, LwReportMatter)
DEFINE_WIPE (wipe_position, LwReportPosition)
DEFINE_WIPE (wipe_action, LwReportAction)

#undef DEFINE_WIPE

static GArray *
kept_array_new (gsize          size,
                guint          reserved,
                GDestroyNotify wipe)
{
  GArray *array = g_array_sized_new (FALSE, TRUE, size, reserved);

  g_array_set_clear_func (array, wipe);
  return array;
}

/* item is copied in, and wiped where it was */
static void
kept_take (Kept     *kept,
           gpointer  item)
{
  if (kept->kept->len == kept->reserved)
    {
      GArray *old = kept->kept;

      kept->reserved = MAX (1024, 2 * kept->reserved);
      kept->kept = kept_array_new (g_array_get_element_size (old), kept->reserved, kept->wipe);
      g_array_append_vals (kept->kept, old->data, old->len);
      g_array_unref (old);   /* each element wiped */
    }
  g_array_append_vals (kept->kept, item, 1);
  sodium_memzero (item, g_array_get_element_size (kept->kept));
}

static void
add_contact (gconstpointer record,
             gpointer      user_data)
{
  const LwContact *contact = record;
  LwReportContact kept = {
    .participant_id = contact->participant_id,
    .category = lw_model_category_of (contact, LW_CATEGORY_CARE_NOTES),
  };

  if (contact->date != NULL)
    copy_date (kept.date, contact->date);
  kept_take (user_data, &kept);
}

static void
add_goal (gconstpointer record,
          gpointer      user_data)
{
  const LwPlanGoal *goal = record;
  LwReportGoal kept = {
    .participant_id = goal->participant_id,
    .domain = goal->domain,
    .status = goal->status,
    .category = lw_model_category_of (goal, LW_CATEGORY_PLAN),
  };

  kept_take (user_data, &kept);
}

static void
add_matter (gconstpointer record,
            gpointer      user_data)
{
  const LwLegalMatter *matter = record;
  LwReportMatter kept = {
    .id = matter->id,
    .participant_id = matter->participant_id,
    .status = matter->status,
  };

  kept_take (user_data, &kept);
}

static void
add_position (gconstpointer record,
              gpointer      user_data)
{
  const LwProsecutionNote *note = record;
  LwReportPosition kept = {
    .legal_matter_id = note->legal_matter_id,
    .position = note->position,
  };

  if (note->date != NULL)
    copy_date (kept.date, note->date);
  kept_take (user_data, &kept);
}

static void
add_action (gconstpointer record,
            gpointer      user_data)
{
  const LwActionItem *action = record;
  LwReportAction kept = {
    .participant_id = action->participant_id,
    .status = action->status,
    .closed_at = action->closed_at,
    .category = lw_model_text_category (action),
  };

  if (action->due_date != NULL)
    copy_date (kept.due_date, action->due_date);
  kept_take (user_data, &kept);
}

/* The rows of a table kept as what add() makes of each, size bytes. */
static GArray *
each_columns (LwStore            *store,
              const LwTableInfo  *table,
              const char * const *columns,
              gsize               size,
              GDestroyNotify      wipe,
              LwRecordFunc        add,
              GError            **error)
{
  Kept kept = { kept_array_new (size, 0, wipe), 0, wipe };

  if (!_lw_store_each_columns (store, table, columns, add, &kept, error))
    {
      g_array_unref (kept.kept);
      return NULL;
    }
  return kept.kept;
}

LwReportData *
_lw_report_data_load (LwStore          *store,
                      const LwAudience *audience,
                      LwLoadFlags       flags,
                      GError          **error)
{
  static const char * const goal_columns[] = { "participant_id", "domain", "status", "concerns", NULL };
  static const char * const contact_columns[] = { "participant_id", "date", "concerns", NULL };
  static const char * const matter_columns[] = { "participant_id", "status", NULL };
  static const char * const note_columns[] = { "legal_matter_id", "position", "date", NULL };
  static const char * const decision_columns[] = { "date", "officer_id", "eligible", "diverted", "participant_id", NULL };
  static const char * const reason_columns[] = { "date", "officer_id", "eligible", "diverted", "participant_id",
                                                 "reason", NULL };
  static const char * const action_columns[] = { "due_date", "participant_id", "status", "closed_at", "concerns",
                                                 NULL };
  static const char * const meeting_columns[] = { "date", "status", "started_at", "ended_at", NULL };
  static const char * const item_columns[] = { "meeting_id", "kind", "participant_id", "started_at", "ended_at", NULL };
  static const char * const concern_columns[] = { "date", "status", "participant_id", "responded_date", NULL };
  g_autoptr(LwReportData) data = g_new0 (LwReportData, 1);
  g_autofree char *today = lw_date_today ();
  g_autoptr(GPtrArray) none = g_ptr_array_new ();

  g_return_val_if_fail (store != NULL, NULL);

  if (!lw_store_is_unlocked (store))
    {
      g_set_error (error, LW_ERROR, LW_ERROR_LOCKED, _("The program is locked; unlock it to make a report"));
      return NULL;
    }
  data->store = store;
  copy_date (data->today, today);
  lw_policy_load_matrix (store, &data->matrix);
  if (audience != NULL)
    {
      data->audience = lw_audience_copy (audience);
      lw_policy_resolve_levels (&data->matrix, data->audience, none, data->today, data->base);
    }
  else
    {
      for (int c = 0; c < LW_N_CATEGORIES; c++)
        data->base[c] = LW_LEVEL_FULL;
      data->base[LW_CATEGORY_HEALTH] = LW_LEVEL_NONE;
      data->base[LW_CATEGORY_SUBSTANCE_USE] = LW_LEVEL_NONE;
    }

  if (!load_people (data, flags, error))
    return NULL;

#define LOAD(flag, field, table, columns) \
  if ((flags & (flag)) && (data->field = list_columns (store, &(table), columns, error)) == NULL) \
    return NULL

  if ((flags & LW_LOAD_GOALS) &&
      (data->goals = each_columns (store, &lw_plan_goal_table, goal_columns, sizeof (LwReportGoal),
                                   wipe_goal, add_goal, error)) == NULL)
    return NULL;
  if ((flags & LW_LOAD_CONTACTS) &&
      (data->contacts = each_columns (store, &lw_contact_table, contact_columns, sizeof (LwReportContact),
                                      wipe_contact, add_contact, error)) == NULL)
    return NULL;
  if ((flags & LW_LOAD_LEGAL) &&
      ((data->matters = each_columns (store, &lw_legal_matter_table, matter_columns, sizeof (LwReportMatter),
                                      wipe_matter, add_matter, error)) == NULL ||
       (data->notes = each_columns (store, &lw_prosecution_note_table, note_columns, sizeof (LwReportPosition),
                                    wipe_position, add_position, error)) == NULL))
    return NULL;
  LOAD (LW_LOAD_DECISIONS, decisions, lw_diversion_decision_table,
        (flags & LW_LOAD_REASONS) ? reason_columns : decision_columns);
  if ((flags & LW_LOAD_ACTIONS) &&
      (data->actions = each_columns (store, &lw_action_item_table, action_columns, sizeof (LwReportAction),
                                     wipe_action, add_action, error)) == NULL)
    return NULL;
  LOAD (LW_LOAD_MEETINGS, meetings, lw_meeting_table, meeting_columns);
  LOAD (LW_LOAD_MEETINGS, items, lw_agenda_item_table, item_columns);
  LOAD (LW_LOAD_CONCERNS, concerns, lw_community_concern_table, concern_columns);
#undef LOAD

  if (data->matters != NULL)
    {
      data->matter_owner = g_hash_table_new (g_int64_hash, g_int64_equal);
      for (guint i = 0; i < data->matters->len; i++)
        {
          LwReportMatter *matter = &g_array_index (data->matters, LwReportMatter, i);

          g_hash_table_insert (data->matter_owner, &matter->id, &matter->participant_id);
        }
    }
  return g_steal_pointer (&data);
}
