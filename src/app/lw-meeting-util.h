/* lw-meeting-util.h: what the meeting screens share — the viewer's audience,
 * agenda items described at the viewer's level, durations, names
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "lw/lw-agenda.h"
#include "lw/lw-policy.h"
#include "lw/lw-view.h"

G_BEGIN_DECLS

/* The role at the keyboard (GSettings viewer-role; the project manager without
 * the schema). */
/* Default time budget of a new item, in seconds (GSettings). */
gint64      lw_meeting_default_budget    (void);

/* Views of the participants on an agenda, made once per screen and kept until
 * it is destroyed (they wipe their values when freed).  Keyed by participant id. */
GHashTable *lw_meeting_view_cache_new    (void);
/* NULL (with a debug line, never a value) when the participant cannot be read. */
const LwParticipantView *
            lw_meeting_view_cache_get    (GHashTable         *cache,
                                          LwStore            *store,
                                          const LwAudience   *audience,
                                          LwId                participant_id);

/* One line for an agenda item at the level of view (NULL for topics and
 * concerns): "P-0142 · Dana R." */
char       *lw_meeting_item_title        (LwStore                 *store,
                                          const LwAgendaItem      *item,
                                          const LwParticipantView *view);
/* The status line the viewer may see, or NULL. */
char       *lw_meeting_item_subtitle     (const LwAgendaItem      *item,
                                          const LwParticipantView *view);
/* The reasons the viewer may see, as labels joined by ", "; NULL when none. */
char       *lw_meeting_item_reasons      (const LwAgendaItem      *item,
                                          const LwParticipantView *view);
/* The level of every category for an audience looking at an item: the view's
 * levels for a participant item (all none without a view), else the audience's
 * own levels with no participant's consents (a topic or a concern names nobody,
 * so a consent cell is none). */
void        lw_meeting_item_levels       (LwStore                 *store,
                                          const LwAudience        *audience,
                                          const LwAgendaItem      *item,
                                          const LwParticipantView *view,
                                          LwLevel                  levels[LW_N_CATEGORIES]);

/* "5 min" */
char       *lw_meeting_format_minutes    (gint64              seconds);
/* "Tuesday 1 December 2026" from "2026-12-01" */
char       *lw_meeting_format_date       (const char         *date);
/* "09:31" local time, from µs since the epoch */
char       *lw_meeting_format_time       (gint64              usec);
/* The name of a person (or "Unknown person") */
char       *lw_meeting_person_name       (LwStore            *store,
                                          LwId                person_id);
/* The name on an attendance row: the person's or the guest's. */
char       *lw_meeting_attendee_name     (LwStore            *store,
                                          const LwAttendance *attendance);
/* Role labels of a LW_ROLE_BIT mask, joined by ", ". */
char       *lw_meeting_roles_text        (guint32             roles);
/* The meeting's title: "Tuesday 1 December 2026 · Harbor City Hall" */
char       *lw_meeting_title             (const LwMeeting    *meeting);

/* Shows a toast in the main page around widget (if any). */
void        lw_meeting_toast             (GtkWidget          *widget,
                                          const char         *title);
void        lw_meeting_toast_error       (GtkWidget          *widget,
                                          const GError       *error);

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

/* Fills store (of LwAgendaRow) with the meeting's items; returns the items
 * (LwAgendaItem, owned) or NULL with error. */
GPtrArray   *lw_agenda_rows_fill         (GListStore        *rows,
                                          LwStore           *store,
                                          const LwAudience  *audience,
                                          GHashTable        *view_cache,
                                          LwId               meeting_id,
                                          GError           **error);

G_END_DECLS
