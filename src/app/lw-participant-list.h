/* lw-participant-list.h: every participant of the program, in code order, each
 * row made when it is first needed
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "lw-participant-row.h"

G_BEGIN_DECLS

#define LW_TYPE_PARTICIPANT_LIST (lw_participant_list_get_type ())

G_DECLARE_FINAL_TYPE (LwParticipantList, lw_participant_list, LW, PARTICIPANT_LIST, GObject)

/* A GListModel of LwParticipantRow over ids (LwId) and codes, in that order;
 * takes both.  Every row starts pending (its code only). */
LwParticipantList *lw_participant_list_new         (GArray            *ids,
                                                    GPtrArray         *codes);
const LwId        *lw_participant_list_get_ids     (LwParticipantList *self,
                                                    guint             *n_ids);
/* The position of a participant, G_MAXUINT when not listed. */
guint              lw_participant_list_find        (LwParticipantList *self,
                                                    LwId               id);
/* Whether the row at position has its view (a row never asked for has not). */
gboolean           lw_participant_list_is_filled   (LwParticipantList *self,
                                                    guint              position);
/* Gives the row of the participant what row holds, in place (the row the
 * list shows stays the same object: selection and bindings stay); takes row.
 * A participant not listed is ignored. */
void               lw_participant_list_fill        (LwParticipantList *self,
                                                    LwParticipantRow  *row);
/* Every row has its view: search and sort may read them all. */
gboolean           lw_participant_list_get_complete (LwParticipantList *self);
void               lw_participant_list_set_complete (LwParticipantList *self);

G_END_DECLS
