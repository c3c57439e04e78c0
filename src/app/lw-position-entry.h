/* lw-position-entry.h: the inline prosecution-position entry of meeting mode —
 * the matter picked by typing its case number or charge, then the position,
 * the text and Enter; Escape cancels
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "lw/lw-model.h"

G_BEGIN_DECLS

#define LW_TYPE_POSITION_ENTRY (lw_position_entry_get_type ())

G_DECLARE_FINAL_TYPE (LwPositionEntry, lw_position_entry, LW, POSITION_ENTRY, GtkBox)

GtkWidget *lw_position_entry_new         (void);
/* store is borrowed.  The positions go on participant_id's matters; the
 * author is offered from who attends meeting_id. */
void       lw_position_entry_set_context (LwPositionEntry *self,
                                          LwStore         *store,
                                          LwId             meeting_id,
                                          LwId             participant_id);
/* Clears the fields (the author back to the prosecutor in the room) and
 * focuses the matter. */
void       lw_position_entry_start       (LwPositionEntry *self);
/* Appends the position as the role at the keyboard; FALSE (with the reason
 * shown at its field) when it cannot. */
gboolean   lw_position_entry_save        (LwPositionEntry *self);
void       lw_position_entry_cancel      (LwPositionEntry *self);

/* Meeting mode's shortcut: Ctrl+Shift+Return ("position.new") opens the entry at
 * the current participant, under the action-item entry; a saved position
 * redraws the card.  Call once, from the presenter's init. */
void       lw_position_entry_attach_presenter (GtkWidget   *presenter);
/* The presenter's entry, for tests (NULL before it was attached). */
LwPositionEntry *lw_position_entry_get_for_presenter (GtkWidget *presenter);

/* for tests */
GtkEditable *_lw_position_entry_get_matter   (LwPositionEntry *self);
GtkEditable *_lw_position_entry_get_position (LwPositionEntry *self);
GtkEditable *_lw_position_entry_get_text     (LwPositionEntry *self);
GtkEditable *_lw_position_entry_get_author   (LwPositionEntry *self);
GtkLabel    *_lw_position_entry_get_error    (LwPositionEntry *self);

G_END_DECLS
