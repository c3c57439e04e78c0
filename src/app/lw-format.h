/* lw-format.h: how the app writes durations, dates, times, names and roles
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "lw/lw-model.h"
#include "lw/lw-store.h"

G_BEGIN_DECLS

/* "5 min" */
char       *lw_format_minutes    (gint64              seconds);
/* "Tuesday 1 December 2026" from "2026-12-01" */
char       *lw_format_date       (const char         *date);
/* "09:31" local time, from µs since the epoch */
char       *lw_format_time       (gint64              usec);
/* The name of a person (or "Unknown person") */
char       *lw_format_person_name       (LwStore            *store,
                                          LwId                person_id);
/* The name on an attendance row: the person's or the guest's. */
char       *lw_format_attendee_name     (LwStore            *store,
                                          const LwAttendance *attendance);
/* Role labels of a LW_ROLE_BIT mask, joined by ", ". */
char       *lw_format_roles        (guint32             roles);
/* The meeting's title: "Tuesday 1 December 2026 · Harbor City Hall" */
char       *lw_format_meeting_title             (const LwMeeting    *meeting);

G_END_DECLS
