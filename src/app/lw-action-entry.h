/* lw-action-entry.h: the inline action-item entry of meeting mode — text, owner
 * picked by typing, due date as people say it; Enter saves, Escape cancels
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "lw/lw-model.h"

G_BEGIN_DECLS

#define LW_TYPE_ACTION_ENTRY (lw_action_entry_get_type ())

G_DECLARE_FINAL_TYPE (LwActionEntry, lw_action_entry, LW, ACTION_ENTRY, GtkBox)

GtkWidget *lw_action_entry_new         (void);
/* store is borrowed.  agenda_item_id may be 0 (agreed outside an item). */
void       lw_action_entry_set_context (LwActionEntry   *self,
                                        LwStore         *store,
                                        const LwMeeting *meeting,
                                        LwId             agenda_item_id);
/* Clears the fields and focuses the text. */
void       lw_action_entry_start       (LwActionEntry   *self);
/* Saves the action item; FALSE (with the reason shown inline) when it cannot. */
gboolean   lw_action_entry_save        (LwActionEntry   *self);
void       lw_action_entry_cancel      (LwActionEntry   *self);
/* What the next item concerns (Alt+T cycles it): health or substance-use
 * treatment items are sealed, shown and exported under that category.  Back
 * to LW_CONCERNS_NONE at every start. */
void       lw_action_entry_set_concerns (LwActionEntry  *self,
                                         LwConcerns      concerns);
LwConcerns lw_action_entry_get_concerns (LwActionEntry  *self);

/* for tests */
GtkEditable *_lw_action_entry_get_text  (LwActionEntry *self);
GtkEditable *_lw_action_entry_get_owner (LwActionEntry *self);
GtkEditable *_lw_action_entry_get_due   (LwActionEntry *self);
GtkLabel    *_lw_action_entry_get_due_preview (LwActionEntry *self);
GtkLabel    *_lw_action_entry_get_error (LwActionEntry *self);

G_END_DECLS
