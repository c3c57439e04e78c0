/* lw-participant-detail.h: one participant, as the viewer may see it, edited in place
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "lw/lw-store.h"

#include "lw-record-editor.h"

G_BEGIN_DECLS

#define LW_TYPE_PARTICIPANT_DETAIL (lw_participant_detail_get_type ())

G_DECLARE_FINAL_TYPE (LwParticipantDetail, lw_participant_detail, LW, PARTICIPANT_DETAIL, AdwBin)

GtkWidget *lw_participant_detail_new       (void);
/* store is borrowed for the life of the widget */
void       lw_participant_detail_set_store (LwParticipantDetail *self,
                                            LwStore             *store);
/* Builds an audited view for the viewer; FALSE (and nothing shown) on error. */
gboolean   lw_participant_detail_show      (LwParticipantDetail *self,
                                            LwId                 participant_id,
                                            GError             **error);
void       lw_participant_detail_clear     (LwParticipantDetail *self);
LwId       lw_participant_detail_get_id    (LwParticipantDetail *self);
/* The form of the participant's records (open while it takes the page's place). */
LwRecordEditor *lw_participant_detail_get_editor (LwParticipantDetail *self);
/* for the benchmark: every row of the participant shown (none held back) */
gboolean   _lw_participant_detail_is_complete (LwParticipantDetail *self);

/* Saving one record in place, with an Undo toast.
 *
 * Sets columns to values (as typed, read by lw_edit_set_field(); "" to unset)
 * in one audited update of one record as the role at the keyboard
 * (lw_edit_update()).  Invalid input, or a change the role may not make,
 * changes nothing and returns FALSE with the error.  On a change, a "Saved"
 * toast with Undo goes to the toast overlay above widget; Undo writes the
 * previous values back and calls refresh (object is held weakly). */
typedef void (*LwEditRefreshFunc) (GObject *object);

gboolean   lw_edit_save           (GtkWidget          *widget,
                                   LwStore            *store,
                                   const LwTableInfo  *table,
                                   LwId                id,
                                   const char * const *columns,
                                   const char * const *values,
                                   GObject            *object,
                                   LwEditRefreshFunc   refresh,
                                   GError            **error);

G_END_DECLS
