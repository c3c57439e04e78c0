/* lw-participant-row.h: one participant in the list, as the viewer may see it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "lw/lw-view.h"

G_BEGIN_DECLS

#define LW_TYPE_PARTICIPANT_ROW (lw_participant_row_get_type ())

G_DECLARE_FINAL_TYPE (LwParticipantRow, lw_participant_row, LW, PARTICIPANT_ROW, GObject)

/* Copies only what the view holds. */
LwParticipantRow *lw_participant_row_new_from_view   (const LwParticipantView *view);
/* A row whose view is not made yet: its code only, and pending. */
LwParticipantRow *lw_participant_row_new_pending     (LwId              id,
                                                      const char       *code);
/* TRUE until the row has what its view holds. */
gboolean    lw_participant_row_get_pending      (LwParticipantRow *self);
/* Takes what from holds (the same participant), in place: the row emits
 * "changed" when anything shown changed. */
void        lw_participant_row_update           (LwParticipantRow *self,
                                                 LwParticipantRow *from);
LwId        lw_participant_row_get_id           (LwParticipantRow *self);
const char *lw_participant_row_get_code         (LwParticipantRow *self);
/* preferred or legal name at full identity, initials at summary, else "" */
const char *lw_participant_row_get_name         (LwParticipantRow *self);
/* "" when not shown */
const char *lw_participant_row_get_status       (LwParticipantRow *self);
/* program order of the status (referred first); G_MAXINT when not shown */
int         lw_participant_row_get_status_order (LwParticipantRow *self);
const char *lw_participant_row_get_case_manager (LwParticipantRow *self);
const char *lw_participant_row_get_last_contact (LwParticipantRow *self);
gboolean    lw_participant_row_get_flagged      (LwParticipantRow *self);
/* collation key of the name, for sorting */
const char *lw_participant_row_get_name_key     (LwParticipantRow *self);
/* casefolded code and name, for search */
const char *lw_participant_row_get_search_key   (LwParticipantRow *self);

/* Called when a pending row is bound: fills it (and others) in place. */
typedef void (*LwParticipantRowFill) (LwParticipantRow *row,
                                      gpointer          data);

/* The list item widget of the participants list; fill may be NULL.  data is
 * borrowed: it must outlive the factory's use. */
GtkListItemFactory *lw_participant_row_factory_new (LwParticipantRowFill fill,
                                                    gpointer             data);

G_END_DECLS
