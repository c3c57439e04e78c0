/* lw-positions.h: coordinated prosecution — the liaison prosecutor's positions
 * on a participant's legal matters
 *
 * Each legal matter keeps the history of positions (hold, decline, dismiss,
 * defer, proceed), each with its text, its author (a prosecutor or public
 * defender member) and its date.  Positions are appended, never overwritten
 * (lw-edit.h refuses to edit or delete a prosecution note).
 *
 * What a screen or a document shows of them comes from a participant's view
 * (lw-view.h), so it is at the audience's level: with prosecution at full, the
 * latest position of every matter with its text, author and date, and the
 * history beside it; at summary, the latest position's label of each pending
 * matter and nothing else; at none, nothing.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "lw-model.h"
#include "lw-policy.h"
#include "lw-store.h"
#include "lw-view.h"

G_BEGIN_DECLS

/* One position as a view holds it; unset members were not in the view. */
typedef struct
{
  char *position;   /* its label: "Defer" */
  char *date;       /* prosecution at full */
  char *author;     /* prosecution at full: the member as the audience may see them */
  char *text;       /* prosecution at full */
} LwPosition;

/* The positions on one matter, newest first (positions->pdata[0] is the
 * latest).  At prosecution summary a matter has its latest position only. */
typedef struct
{
  char      *case_number;  /* legal at full, else NULL */
  GPtrArray *positions;    /* LwPosition */
} LwMatterPositions;

void        lw_matter_positions_free  (LwMatterPositions       *matter);

/* The positions of the participant of view, grouped by matter, in the order of
 * the matters; an empty array when the view holds none.  Never NULL. */
GPtrArray  *lw_positions_from_view    (const LwParticipantView *view);
/* The latest position of a matter as one line: "CR-1042 · Defer · 2026-11-02 ·
 * A. Prosecutor: text" (what the view holds of it). */
char       *lw_matter_positions_latest_text (const LwMatterPositions *matter);
/* One position as a line: "Hold · 2026-10-01 · A. Prosecutor: text". */
char       *lw_position_to_text       (const LwPosition        *position);
/* Every matter's latest position, one line each, joined by newlines; NULL
 * when the view holds none. */
char       *lw_positions_latest_text  (const LwParticipantView *view);

/* Whether role may write positions: it sees prosecution at full, and legal at
 * full to pick a matter by its case number or charge. */
gboolean    lw_positions_role_may_write (LwStore               *store,
                                         LwRole                 role);

/* lw_positions_role_may_write(), or LW_ERROR_DENIED with the record form's
 * sentence and an LW_AUDIT_WRITE_REFUSED entry (before a matter is looked up
 * by its case number, which the role may not read). */
gboolean    lw_positions_check_role     (LwStore               *store,
                                         LwRole                 role,
                                         GError               **error);

/* The participant's legal matters whose case number or charge holds query
 * (case and accents aside), an exact case number first, then pending matters,
 * then the rest (LwLegalMatter, freed with the array).  An empty query gives
 * every matter.  Needs legal at full: only for a role that may write. */
GPtrArray  *lw_positions_match_matters (LwStore              *store,
                                        LwId                  participant_id,
                                        const char           *query,
                                        GError              **error);
/* The matter of the participant with exactly that case number (case aside);
 * LW_ERROR_NOT_FOUND naming the participant's code when there is none. */
LwLegalMatter *lw_positions_find_matter (LwStore             *store,
                                        const LwParticipant  *participant,
                                        const char           *case_number,
                                        GError              **error);
/* Who writes a position at meeting_id when nobody is named: the prosecutor
 * attending (not absent), else the public defender attending, else the only
 * active prosecutor of the program; 0 when that is not one person. */
LwId        lw_positions_default_author (LwStore             *store,
                                         LwId                 meeting_id);

/* Appends note (its fields set, typically with lw_edit_set_field(); its id
 * 0) as role, through lw_edit_insert(): one audited transaction, and a role
 * that may not write prosecution is refused and audited.  The rules of a
 * position on top of the record's: the matter must exist, the text is
 * required, an unset date is today and a date after today is refused, and the
 * author (may be unset) must be an active prosecutor or public defender.
 * *bad_column (may be NULL) names the field at fault. */
gboolean    lw_positions_add           (LwStore              *store,
                                        LwRole                role,
                                        LwProsecutionNote    *note,
                                        const LwColumnInfo  **bad_column,
                                        GError              **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LwMatterPositions, lw_matter_positions_free)

G_END_DECLS
