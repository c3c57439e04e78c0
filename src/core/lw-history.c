/* lw-history.c: the history of each participant's status and housing
 *
 * A participant's record holds its status now and the day it last changed; the
 * reports also need the days it changed before (referral to intake, intake to
 * active, status at the end of each month) and the housing at entry.  The store
 * calls _lw_history_note() on every write of a participant, whatever wrote it
 * (a form, the command line, an import, the demo), so the history cannot miss a
 * change.  Entries are sealed under the categories of what they record.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lw-history"

#include "config.h"

#include "lw/lw-model.h"
#include "lw-history-private.h"

gboolean
_lw_history_add_status (LwStore              *store,
                        LwId                  participant_id,
                        LwParticipantStatus   status,
                        const char           *date,
                        GError              **error)
{
  g_autoptr(LwStatusChange) change = lw_status_change_new ();

  change->participant_id = participant_id;
  change->status = status;
  change->date = g_strdup (date);
  return lw_store_insert (store, change, error);
}

gboolean
_lw_history_add_housing (LwStore          *store,
                         LwId              participant_id,
                         LwHousingStatus   housing,
                         const char       *date,
                         GError          **error)
{
  g_autoptr(LwHousingChange) change = lw_housing_change_new ();

  change->participant_id = participant_id;
  change->housing_status = housing;
  change->date = g_strdup (date);
  return lw_store_insert (store, change, error);
}

/* The entry with the latest date (then the latest written), or NULL. */
static gconstpointer
last_entry (GPtrArray  *entries,
            gsize       date_offset)
{
  gconstpointer last = NULL;
  const char *last_date = NULL;

  for (guint i = 0; i < entries->len; i++)
    {
      gconstpointer entry = g_ptr_array_index (entries, i);
      const char *date = *(const char * const *) ((const guint8 *) entry + date_offset);

      if (last == NULL || g_strcmp0 (date, last_date) >= 0)
        {
          last = entry;
          last_date = date;
        }
    }
  return last;
}

gboolean
_lw_history_note (LwStore              *store,
                  const LwParticipant  *p,
                  LwId                  id,
                  GError              **error)
{
  g_autoptr(GPtrArray) statuses = NULL;
  g_autoptr(GPtrArray) housing = NULL;
  g_autofree char *today = lw_date_today ();
  const LwStatusChange *last_status;
  const LwHousingChange *last_housing;
  const char *start;

  g_return_val_if_fail (p != NULL && id > 0, FALSE);

  statuses = lw_store_list (store, &lw_status_change_table, "participant_id", id, error);
  if (statuses == NULL)
    return FALSE;
  housing = lw_store_list (store, &lw_housing_change_table, "participant_id", id, error);
  if (housing == NULL)
    return FALSE;

  /* the first entries: referred on the referral date (a status given at once,
   * as an import does, then follows on the day of its change) */
  start = p->referral_date ? p->referral_date : p->status_changed ? p->status_changed : today;
  if (g_strcmp0 (start, today) > 0)
    start = today;
  last_status = last_entry (statuses, G_STRUCT_OFFSET (LwStatusChange, date));
  if (last_status == NULL)
    {
      if (!_lw_history_add_status (store, id, LW_STATUS_REFERRED, start, error))
        return FALSE;
      if (p->status != LW_STATUS_REFERRED)
        {
          const char *date = p->status_changed && g_strcmp0 (p->status_changed, start) >= 0 &&
                             g_strcmp0 (p->status_changed, today) <= 0 ? p->status_changed : start;

          if (!_lw_history_add_status (store, id, p->status, date, error))
            return FALSE;
        }
    }
  else if (last_status->status != p->status)
    {
      const char *date = p->status_changed && g_strcmp0 (p->status_changed, last_status->date) >= 0 &&
                         g_strcmp0 (p->status_changed, today) <= 0 ? p->status_changed : today;

      if (!_lw_history_add_status (store, id, p->status, date, error))
        return FALSE;
    }

  last_housing = last_entry (housing, G_STRUCT_OFFSET (LwHousingChange, date));
  if (last_housing == NULL)
    return _lw_history_add_housing (store, id, p->housing_status, start, error);
  if (last_housing->housing_status != p->housing_status)
    return _lw_history_add_housing (store, id, p->housing_status,
                                    g_strcmp0 (today, last_housing->date) >= 0 ? today : last_housing->date,
                                    error);
  return TRUE;
}
