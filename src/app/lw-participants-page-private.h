/* lw-participants-page-private.h: for tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "lw-participant-detail.h"
#include "lw-participants-page.h"

G_BEGIN_DECLS

typedef enum
{
  LW_PARTICIPANT_SORT_CODE,
  LW_PARTICIPANT_SORT_NAME,
  LW_PARTICIPANT_SORT_LAST_CONTACT,
  LW_PARTICIPANT_SORT_STATUS,
} LwParticipantSort;

/* The list as shown: filtered and sorted (LwParticipantRow). */
GListModel          *_lw_participants_page_get_model  (LwParticipantsPage *self);
GtkEditable         *_lw_participants_page_get_search (LwParticipantsPage *self);
GtkGridView         *_lw_participants_page_get_list_view (LwParticipantsPage *self);
void                 _lw_participants_page_set_sort   (LwParticipantsPage *self,
                                                       LwParticipantSort   sort);
/* Selects the participant in the list and shows it; FALSE when not listed. */
gboolean             _lw_participants_page_select     (LwParticipantsPage *self,
                                                       LwId                id);
LwParticipantDetail *_lw_participants_page_get_detail (LwParticipantsPage *self);
/* Milliseconds the last build of the list took. */
double               _lw_participants_page_get_build_ms (LwParticipantsPage *self);
/* Up to limit participants, every row is made at once; above, the rows on
 * screen first and the others by a worker thread. */
void                 _lw_participants_page_set_sync_limit (LwParticipantsPage *self,
                                                          guint               limit);
/* Every row of the list has its view. */
gboolean             _lw_participants_page_get_complete (LwParticipantsPage *self);

G_END_DECLS
