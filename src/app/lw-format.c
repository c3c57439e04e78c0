/* lw-format.c: how the app writes durations, dates, times, names and roles
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lw-format"

#include "config.h"

#include <glib/gi18n.h>
#include <inttypes.h>
#include <stdio.h>

#include "lw/lw-i18n.h"
#include "lw/lw-model.h"

#include "lw-format.h"

char *
lw_format_minutes (gint64 seconds)
{
  gint64 minutes = (seconds + 30) / 60;

  return g_strdup_printf (_("%" PRId64 " min"), minutes);
}

char *
lw_format_date (const char *date)
{
  /* in the app's language: "Monday 7 December 2026", "lunes, 7 de diciembre de 2026" */
  return lw_i18n_format_date (date);
}

char *
lw_format_time (gint64 usec)
{
  g_autoptr(GDateTime) dt = NULL;

  if (usec == 0)
    return g_strdup ("");

  dt = g_date_time_new_from_unix_local (usec / G_USEC_PER_SEC);

  return dt ? g_date_time_format (dt, "%H:%M") : g_strdup ("");
}

char *
lw_format_person_name (LwStore *store,
                        LwId     person_id)
{
  g_autoptr(LwPerson) person = NULL;

  if (person_id != 0)
    person = lw_store_get (store, &lw_person_table, person_id, NULL);

  if (person == NULL || person->name == NULL)
    return g_strdup (_("Unknown person"));

  return g_strdup (person->name);
}

char *
lw_format_attendee_name (LwStore            *store,
                          const LwAttendance *attendance)
{
  if (attendance->person_id != 0)
    return lw_format_person_name (store, attendance->person_id);

  if (attendance->guest_name != NULL && *attendance->guest_name != '\0')
    return g_strdup_printf (_("%s (guest)"), attendance->guest_name);

  return g_strdup (_("Guest"));
}

char *
lw_format_roles (guint32 roles)
{
  return lw_roles_join (roles, ", ", TRUE);
}

char *
lw_format_meeting_title (const LwMeeting *meeting)
{
  g_autofree char *date = lw_format_date (meeting->date);

  if (meeting->place == NULL || *meeting->place == '\0')
    return g_steal_pointer (&date);

  return g_strdup_printf ("%s · %s", date, meeting->place);
}
