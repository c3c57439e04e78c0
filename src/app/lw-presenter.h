/* lw-presenter.h: meeting mode on the presenter's screen
 *
 * The agenda with progress, the current item at the viewer's level with notes,
 * outcome and action items, the timer, the attendees and the room's audience;
 * Page Down / Page Up step through the items, Ctrl+Return adds an action item.
 * Closing the meeting asks first, then shows its summary (with Export
 * Minutes… and, on the same day, Reopen Meeting).  The projector is driven
 * through the panel it holds (lw-projector-panel.h): F5 opens it, B blanks
 * it, Ctrl+Shift+A shows the agenda, Ctrl+Shift+B a break screen.
 *
 * Signals: "item-changed" after another item became current (or the current one
 * was shown again), "closed" after the meeting was closed, "back" when the user
 * leaves meeting mode.  The room's audience label is lw_room_audience_label_new()
 * of lw-attendees.h, for any other screen that must show it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "lw/lw-store.h"

#include "lw-projector-window.h"

G_BEGIN_DECLS

#define LW_TYPE_PRESENTER (lw_presenter_get_type ())

G_DECLARE_FINAL_TYPE (LwPresenter, lw_presenter, LW, PRESENTER, GtkBox)

GtkWidget *lw_presenter_new              (void);
/* Opens meeting mode for the meeting: the running item, else the first not yet
 * started (which starts now).  A closed meeting shows its summary.  store is
 * borrowed for the life of the widget. */
void       lw_presenter_set_meeting      (LwPresenter *self,
                                          LwStore     *store,
                                          LwId         meeting_id);
LwId       lw_presenter_get_meeting_id   (LwPresenter *self);
/* 0 when no item is current */
LwId       lw_presenter_get_current_item (LwPresenter *self);
/* The room's audience as a LW_ROLE_BIT mask (every attendee not marked absent). */
guint32    lw_presenter_get_room_roles   (LwPresenter *self);
/* Shows the current item again, read from the file (after something was
 * added to it from beside the presenter: a prosecution position). */
void       lw_presenter_reload           (LwPresenter *self);
/* Saves notes and outcome now if they changed. */
void       lw_presenter_flush            (LwPresenter *self);

/* for tests */
GtkWidget *_lw_presenter_get_action_entry (LwPresenter *self);
GtkWidget *_lw_presenter_get_attendees    (LwPresenter *self);
GtkTextView *_lw_presenter_get_notes_view (LwPresenter *self);
GtkLabel  *_lw_presenter_get_timer_label  (LwPresenter *self);
GtkLabel  *_lw_presenter_get_audience_label (LwPresenter *self);
const char *_lw_presenter_get_page        (LwPresenter *self);
/* the projector of meeting mode, NULL when it is closed */
LwProjectorWindow *_lw_presenter_get_projector (LwPresenter *self);
GtkWidget *_lw_presenter_get_close_bar   (LwPresenter *self);
GtkWidget *_lw_presenter_get_actions_list (LwPresenter *self);
GtkListView *_lw_presenter_get_agenda_view (LwPresenter *self);

G_END_DECLS
