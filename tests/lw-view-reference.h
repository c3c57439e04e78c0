/* lw-view-reference.h: views as they were made one participant at a time,
 * the reference for the batch builder (test-view.c)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "lw/lw-view.h"

G_BEGIN_DECLS

/* The fields (LwViewField, in order) a view of participant for audience held;
 * levels and part2 (whether the notice applies) are filled in.  Never
 * audited. */
GPtrArray *lw_view_reference_fields     (LwStore              *store,
                                         const LwPolicyMatrix *matrix,
                                         const LwAudience     *audience,
                                         const LwAudience     *names_for,
                                         const LwParticipant  *participant,
                                         LwViewFlags           flags,
                                         LwLevel               levels[LW_N_CATEGORIES],
                                         gboolean             *part2,
                                         GError              **error);
void       lw_view_reference_field_free (gpointer              field);

G_END_DECLS
