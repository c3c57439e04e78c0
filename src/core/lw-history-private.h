/* lw-history-private.h: the history of each participant's status and housing
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "lw/lw-model.h"

G_BEGIN_DECLS

/* Called by the store whenever participant (row id) is inserted or updated, in
 * the same transaction: appends its status and its housing to their histories
 * where they differ from the last entry.  A participant with no history yet
 * (new, or from a file made before histories were kept) starts with "referred"
 * on its referral date.  A status is dated by status_changed when that is not
 * before the last entry, else today; housing by today (the referral date for a
 * first entry). */
gboolean _lw_history_note          (LwStore             *store,
                                    const LwParticipant *participant,
                                    LwId                 id,
                                    GError             **error);
/* One entry, for the demo and tests: a status or housing a participant had
 * from date. */
gboolean _lw_history_add_status    (LwStore             *store,
                                    LwId                 participant_id,
                                    LwParticipantStatus  status,
                                    const char          *date,
                                    GError             **error);
gboolean _lw_history_add_housing   (LwStore             *store,
                                    LwId                 participant_id,
                                    LwHousingStatus      housing,
                                    const char          *date,
                                    GError             **error);

G_END_DECLS
