/* lw-agenda-row.h: an agenda item as the viewer may see it, for lists
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "lw/lw-agenda.h"
#include "lw/lw-policy.h"
#include "lw/lw-view.h"

G_BEGIN_DECLS

/* Views of the participants on an agenda, made once per screen and kept until
 * it is destroyed (they wipe their values when freed).  Keyed by participant id. */
GHashTable *lw_agenda_row_view_cache_new    (void);
/* NULL (with a debug line, never a value) when the participant cannot be read. */
const LwParticipantView *
            lw_agenda_row_view_cache_get    (GHashTable         *cache,
                                          LwStore            *store,
                                          const LwAudience   *audience,
                                          LwId                participant_id);

/* One line for an agenda item at the level of view (NULL for topics and
 * concerns): "P-0142 · Dana R." */
char       *lw_agenda_row_describe_title        (LwStore                 *store,
                                          const LwAgendaItem      *item,
                                          const LwParticipantView *view);
/* The status line the viewer may see, or NULL. */
char       *lw_agenda_row_describe_subtitle     (const LwAgendaItem      *item,
                                          const LwParticipantView *view);
/* The reasons the viewer may see, as labels joined by ", "; NULL when none. */
char       *lw_agenda_row_describe_reasons      (const LwAgendaItem      *item,
                                          const LwParticipantView *view);
/* The level of every category for an audience looking at an item: the view's
 * levels for a participant item (all none without a view), else the audience's
 * own levels with no participant's consents (a topic or a concern names nobody,
 * so a consent cell is none). */
void        lw_agenda_row_describe_levels       (LwStore                 *store,
                                          const LwAudience        *audience,
                                          const LwAgendaItem      *item,
                                          const LwParticipantView *view,
                                          LwLevel                  levels[LW_N_CATEGORIES]);

/* An agenda item as a GObject for list models: the item's id and position and
 * what the row shows (already at the viewer's level). */
#define LW_TYPE_AGENDA_ROW (lw_agenda_row_get_type ())
G_DECLARE_FINAL_TYPE (LwAgendaRow, lw_agenda_row, LW, AGENDA_ROW, GObject)

LwAgendaRow *lw_agenda_row_new           (LwId        id,
                                          guint       position,
                                          const char *title,
                                          const char *subtitle,
                                          const char *reasons,
                                          gint64      time_budget,
                                          gint64      started_at,
                                          gint64      ended_at);
LwId         lw_agenda_row_get_id        (LwAgendaRow *self);
guint        lw_agenda_row_get_position  (LwAgendaRow *self);
const char  *lw_agenda_row_get_title     (LwAgendaRow *self);
const char  *lw_agenda_row_get_subtitle  (LwAgendaRow *self);
const char  *lw_agenda_row_get_reasons   (LwAgendaRow *self);
gint64       lw_agenda_row_get_time_budget (LwAgendaRow *self);
gint64       lw_agenda_row_get_started_at (LwAgendaRow *self);
gint64       lw_agenda_row_get_ended_at  (LwAgendaRow *self);
/* "10:05": the meeting's start plus the budgets before it; NULL without a
 * start time. */
const char  *lw_agenda_row_get_planned_start (LwAgendaRow *self);

/* Rows emit "changed" when their state was updated in place. */

/* Updates the rows' positions, budgets, start and end, and planned starts
 * from items (of the same meeting, by position) without making the rows
 * again, so that a list redraws only the rows that changed.  FALSE when the
 * items are not the rows' (another order, added or removed): fill instead. */
gboolean     lw_agenda_rows_update_state (GListStore      *rows,
                                          const LwMeeting *meeting,
                                          GPtrArray       *items);

/* Fills store (of LwAgendaRow) with the meeting's items; returns the items
 * (LwAgendaItem, owned) or NULL with error.  Rows of the same items in the
 * same order are updated in place (their titles too), not made again. */
GPtrArray   *lw_agenda_rows_fill         (GListStore        *rows,
                                          LwStore           *store,
                                          const LwAudience  *audience,
                                          GHashTable        *view_cache,
                                          LwId               meeting_id,
                                          GError           **error);

G_END_DECLS
