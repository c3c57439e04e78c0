/* lw-concerns.h: the community's concerns, answered — from entry through the
 * response to the report back to the neighbourhood
 *
 * A concern is reported by a person or a group, on a date, about an area.
 * The workgroup plans a response, records what was done, and moves it open →
 * responded → closed; each step is dated the day it is taken (lw-edit.c).
 *
 * Need to know: who reported it, the area, the text, the planned response,
 * the response and what kind of response it was are location information.
 * At location full, all of them; at summary, the area and the kind of
 * response only (DESIGN.md's location summary: the neighbourhood, never free
 * text); at none, neither.  The dates and the status are not sensitive.  A
 * concern that names a participant is seen at that participant's levels, and
 * the participant's code is shown only where identity is at full: never to a
 * community representative.
 *
 * A concern view is the one form in which concerns leave the core: the
 * Community page, the projector's card, the command line and the report back
 * take views, never the records.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "lw-export.h"
#include "lw-model.h"
#include "lw-policy.h"
#include "lw-store.h"

G_BEGIN_DECLS

/* One concern as an audience may see it; NULL members were not shown. */
typedef struct
{
  LwId     id;
  LwLevel  level;            /* location, as this concern is seen */
  char    *date;             /* raised */
  int      status;           /* LwConcernStatus */
  char    *responded_date;
  char    *closed_date;
  int      age_days;         /* from raised to closed, or to today while not closed */
  char    *area;             /* location at summary or full */
  char    *response_kind;    /* its label; location at summary or full */
  char    *reported_by;      /* location at full */
  char    *text;
  char    *planned_response;
  char    *response;
  char    *participant;      /* the code, where identity is at full */
} LwConcernView;

void           lw_concern_view_free    (LwConcernView      *view);

/* One concern for audience.  Needs an unlocked store. */
LwConcernView *lw_concern_view_new     (LwStore            *store,
                                        const LwAudience   *audience,
                                        const LwCommunityConcern *concern,
                                        GError            **error);
/* Every concern for audience, newest first (LwConcernView).  statuses is a
 * mask of 1 << LwConcernStatus (0: all). */
GPtrArray     *lw_concerns_list_views  (LwStore            *store,
                                        const LwAudience   *audience,
                                        guint               statuses,
                                        GError            **error);
/* "3 days", "1 day", "today": how long a concern has been (or was) open. */
char          *lw_concern_age_text     (int                 days);

/* Records a new concern as role through lw_edit_insert(): open, dated today
 * when no date is set. */
gboolean       lw_concerns_add         (LwStore            *store,
                                        LwRole              role,
                                        LwCommunityConcern *concern,
                                        const LwColumnInfo **bad_column,
                                        GError            **error);
/* Records what was done and moves the concern on, as role, through
 * lw_edit_update(): response (NULL keeps the one recorded; a concern is not
 * responded or closed without one), kind (-1 keeps it) and status
 * (responded or closed; open takes it back).  LW_ERROR_NOT_FOUND for an
 * unknown id. */
gboolean       lw_concerns_respond     (LwStore            *store,
                                        LwRole              role,
                                        LwId                concern_id,
                                        const char         *response,
                                        int                 kind,
                                        LwConcernStatus     status,
                                        const LwColumnInfo **bad_column,
                                        GError            **error);

/* The report back to a community meeting for the period from..to
 * (inclusive; both required): every concern raised on or before to and not
 * closed before from, with its area, what kind of response it had and when it
 * was raised, responded to and closed, at the community representative's
 * level (whatever the role at the keyboard), with the number raised,
 * responded and closed in the period.  Never a participant's code or name.
 * from after to, or a date that is not one, is LW_ERROR_INVALID. */
LwDocument    *lw_concerns_report_back_document (LwStore     *store,
                                        const char         *from,
                                        const char         *to,
                                        GError            **error);
/* The same written to path (.pdf or .md), audited as an export. */
gboolean       lw_concerns_report_back (LwStore            *store,
                                        const char         *from,
                                        const char         *to,
                                        const char         *path,
                                        LwPaper             paper,
                                        GError            **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LwConcernView, lw_concern_view_free)

G_END_DECLS
