/* lw-agenda-private.h: what the agenda's files share and nothing else sees
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "lw/lw-agenda.h"
#include "lw/lw-model.h"

G_BEGIN_DECLS

/* The longest time budget one item may have. */
#define LW_AGENDA_MAX_TIME_BUDGET (4 * 60 * 60)

/* The meeting, or NULL with an error when it is closed. */
LwMeeting *_lw_agenda_get_open_meeting (LwStore         *store,
                                        LwId             meeting_id,
                                        GError         **error);
/* The latest meeting before meeting in meetings (borrowed), or NULL. */
LwMeeting *_lw_agenda_find_previous    (GPtrArray       *meetings,
                                        const LwMeeting *meeting);

/* Whether meeting a comes before b (date, then time). */
gboolean   _lw_agenda_meeting_before   (const LwMeeting *a,
                                        const LwMeeting *b);
/* Sets the error for a meeting whose date failed to open; returns NULL. */
gpointer   _lw_agenda_damaged_meeting_date (GError     **error);
/* Writes positions 1..n to items in order. */
gboolean   _lw_agenda_renumber         (LwStore         *store,
                                        GPtrArray       *items,
                                        GError         **error);

/* Whether s has the shape of a date, YYYY-MM-DD. */
gboolean   _lw_agenda_looks_like_date  (const char      *s);

G_END_DECLS
