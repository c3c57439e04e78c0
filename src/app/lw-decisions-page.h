/* lw-decisions-page.h: the officers' divert / not-divert decisions, filtered
 * and counted for the review with officers and sergeants
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "lw/lw-decisions.h"
#include "lw/lw-store.h"

G_BEGIN_DECLS

#define LW_TYPE_DECISIONS_PAGE (lw_decisions_page_get_type ())

G_DECLARE_FINAL_TYPE (LwDecisionsPage, lw_decisions_page, LW, DECISIONS_PAGE, AdwBin)

/* Who an export is for. */
typedef enum
{
  LW_DECISIONS_FOR_POLICE,       /* officers and sergeants, with the project manager */
  LW_DECISIONS_FOR_PROSECUTION,  /* prosecutor and public defender */
  LW_DECISIONS_FOR_VIEWER,       /* the role at the keyboard */
} LwDecisionsAudience;

/* store (unlocked) is borrowed for the life of the page */
void     lw_decisions_page_set_store   (LwDecisionsPage *self,
                                        LwStore         *store);
void     lw_decisions_page_reload      (LwDecisionsPage *self);

/* For tests: the filters as a person sets them (officer by name, NULL for
 * every officer; dates as typed); the review on screen; what Export does once
 * a file is chosen. */
gboolean _lw_decisions_page_set_filter (LwDecisionsPage *self,
                                        const char      *officer,
                                        const char      *from,
                                        const char      *to,
                                        gboolean         eligible_not_diverted);
const LwDecisionReview *_lw_decisions_page_get_review (LwDecisionsPage *self);
guint    _lw_decisions_page_get_n_rows (LwDecisionsPage *self);
gboolean _lw_decisions_page_export     (LwDecisionsPage     *self,
                                        LwDecisionsAudience  audience,
                                        const char          *path,
                                        GError             **error);
GtkWidget *_lw_decisions_page_get_officer_dropdown (LwDecisionsPage *self);
GtkLabel  *_lw_decisions_page_get_filter_error     (LwDecisionsPage *self);

G_END_DECLS
