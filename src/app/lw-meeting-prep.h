/* lw-meeting-prep.h: preparing a meeting — suggested agenda with reasons, the
 * agenda (reorder by keyboard and drag and drop, time budgets), attendees
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "lw/lw-store.h"

G_BEGIN_DECLS

#define LW_TYPE_MEETING_PREP (lw_meeting_prep_get_type ())

G_DECLARE_FINAL_TYPE (LwMeetingPrep, lw_meeting_prep, LW, MEETING_PREP, GtkBox)

GtkWidget *lw_meeting_prep_new         (void);
/* store is borrowed for the life of the widget. */
void       lw_meeting_prep_set_meeting (LwMeetingPrep *self,
                                        LwStore       *store,
                                        LwId           meeting_id);
LwId       lw_meeting_prep_get_meeting_id (LwMeetingPrep *self);
void       lw_meeting_prep_reload      (LwMeetingPrep *self);
/* Keyboard focus to the agenda. */
void       lw_meeting_prep_focus       (LwMeetingPrep *self);

/* for tests */
GListModel *_lw_meeting_prep_get_agenda      (LwMeetingPrep *self);
GtkSelectionModel *_lw_meeting_prep_get_selection (LwMeetingPrep *self);
GtkWidget  *_lw_meeting_prep_get_attendees   (LwMeetingPrep *self);
GtkListBox *_lw_meeting_prep_get_suggestions (LwMeetingPrep *self);
GtkLabel   *_lw_meeting_prep_get_total_label (LwMeetingPrep *self);
AdwToast   *_lw_meeting_prep_get_undo_toast  (LwMeetingPrep *self);
GtkEditable *_lw_meeting_prep_get_topic_entry (LwMeetingPrep *self);
GtkEditable *_lw_meeting_prep_get_participant_entry (LwMeetingPrep *self);

GtkListView *_lw_meeting_prep_get_agenda_view (LwMeetingPrep *self);

G_END_DECLS
