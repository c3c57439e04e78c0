/* lw-decisions.h: the officers' divert / not-divert decisions, documented "for
 * review and re-training"
 *
 * A decision records its date, the officer, the incident number, whether the
 * person was eligible and diverted, the reason when not diverted, and the
 * participant when one was referred.  Incident number, eligibility, diversion
 * and reason are legal information; the date is not.  Who decided is shown
 * in the review only to the project manager and the police roles (an
 * audience with any other role sees no officer's name, and may not filter by
 * officer either).
 *
 * A review is the one form in which decisions leave the core, for the page,
 * the command line and the exports alike: made for an audience and a filter,
 * it holds only what that audience may see.  With legal at full, each
 * decision and the counts; at summary, the counts alone; at none, nothing.  A
 * decision that names a participant is seen at that participant's levels (its
 * releases resolved); the participant's code only where identity is at full.
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

typedef struct
{
  LwId      officer_id;              /* 0: every officer */
  char     *from;                    /* "YYYY-MM-DD", inclusive; NULL: no start */
  char     *to;                      /* inclusive; NULL: up to today */
  gboolean  eligible_not_diverted;   /* only those eligible but not diverted */
} LwDecisionFilter;

typedef struct
{
  guint total;
  guint eligible;
  guint diverted;
  guint eligible_not_diverted;
  guint not_eligible;
} LwDecisionCounts;

/* One decision as the audience may see it; NULL members were not shown. */
typedef struct
{
  LwId      id;
  char     *date;
  char     *officer;           /* the project manager and police only */
  char     *incident_number;
  gboolean  eligible;
  gboolean  diverted;
  char     *reason;
  char     *participant;       /* the code, where identity is at full */
} LwDecisionRow;

/* Counts of one officer (the review's officers, by name). */
typedef struct
{
  LwId              officer_id;
  char             *officer;
  LwDecisionCounts  counts;
} LwOfficerCounts;

typedef struct _LwDecisionReview LwDecisionReview;

/* Whether an audience may see who decided: every member is the project
 * manager, a police officer or a police sergeant (never an empty audience). */
gboolean          lw_decisions_officers_visible (const LwAudience      *audience);

/* The review for audience.  filter may be NULL (every decision).  A filter by
 * officer for an audience that may not see officers is refused
 * (LW_ERROR_DENIED); from after to, or a date that is not one, is
 * LW_ERROR_INVALID.  With audited, an LW_AUDIT_VIEW entry says who saw how
 * many decisions (never a value).  Needs an unlocked store. */
LwDecisionReview *lw_decision_review_new        (LwStore               *store,
                                                 const LwAudience      *audience,
                                                 const LwDecisionFilter *filter,
                                                 gboolean               audited,
                                                 GError               **error);
void              lw_decision_review_free       (LwDecisionReview      *review);

/* legal: LW_LEVEL_FULL (rows and counts), LW_LEVEL_SUMMARY (counts) or
 * LW_LEVEL_NONE (nothing) for the audience without any release. */
LwLevel           lw_decision_review_get_level  (const LwDecisionReview *review);
gboolean          lw_decision_review_shows_officers (const LwDecisionReview *review);
const LwAudience *lw_decision_review_get_audience (const LwDecisionReview *review);
/* Newest first (LwDecisionRow, owned by the review); empty unless at full. */
GPtrArray        *lw_decision_review_get_rows   (const LwDecisionReview *review);
/* The counts of the decisions the filter kept (all zero at none). */
const LwDecisionCounts *lw_decision_review_get_counts (const LwDecisionReview *review);
/* Per officer, by name (LwOfficerCounts, owned); empty unless officers are
 * shown. */
GPtrArray        *lw_decision_review_get_officers (const LwDecisionReview *review);

/* "12 decisions: 7 eligible, 5 diverted, 2 eligible but not diverted, 5 not
 * eligible". */
char             *lw_decision_counts_to_text    (const LwDecisionCounts *counts);

/* The review as a document (a PDF or Markdown file, or printed): the filter,
 * the counts, the counts per officer where officers are shown, and each
 * decision. */
LwDocument       *lw_decision_review_document   (LwStore               *store,
                                                 const LwDecisionReview *review,
                                                 GError               **error);
/* The review as CSV (one line per decision it holds, the columns it may
 * show), written whole or not at all and audited as an export. */
gboolean          lw_decision_review_write_csv  (LwStore               *store,
                                                 const LwDecisionReview *review,
                                                 const char            *path,
                                                 GError               **error);
/* Writes the review to path as CSV, PDF or Markdown by its extension. */
gboolean          lw_decision_review_export     (LwStore               *store,
                                                 const LwDecisionReview *review,
                                                 const char            *path,
                                                 LwPaper                paper,
                                                 GError               **error);

/* Records a decision as role through lw_edit_insert() (the rules of
 * lw-edit.c: an officer or sergeant who decided, not after today, a reason
 * when not diverted, only an eligible person diverted). */
gboolean          lw_decisions_add              (LwStore               *store,
                                                 LwRole                 role,
                                                 LwDiversionDecision   *decision,
                                                 const LwColumnInfo   **bad_column,
                                                 GError               **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LwDecisionReview, lw_decision_review_free)

G_END_DECLS
