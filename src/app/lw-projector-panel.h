/* lw-projector-panel.h: meeting mode's side of the projector
 *
 * A panel in the presenter that opens and closes the projector window and
 * keeps it on the presenter's item: a live preview (which can be folded away),
 * the agenda overview, a break screen with a message, blanking, and the inline
 * "Reveal to Room" form.  The presenter drives it through this API; the panel
 * asks the presenter for the next or previous item through its actions
 * ("presenter.next", "presenter.previous"), never through its header.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "lw/lw-store.h"

#include "lw-projector-window.h"

G_BEGIN_DECLS

#define LW_TYPE_PROJECTOR_PANEL (lw_projector_panel_get_type ())

G_DECLARE_FINAL_TYPE (LwProjectorPanel, lw_projector_panel, LW, PROJECTOR_PANEL, GtkBox)

/* The meeting the projector shows; store is borrowed (NULL closes the
 * projector, as leaving meeting mode and locking do). */
void               lw_projector_panel_set_meeting   (LwProjectorPanel *self,
                                                     LwStore          *store,
                                                     LwId              meeting_id);
/* The presenter's item (from 0): the projector follows it, or shows it again
 * when it is the same (it was started or edited).  With --present MEETING
 * --projector the first call opens the projector. */
void               lw_projector_panel_set_item      (LwProjectorPanel *self,
                                                     guint             index);
/* At once, in this main-loop turn: after any change of attendance. */
void               lw_projector_panel_refresh_audience (LwProjectorPanel *self);
/* After an action item was added or changed. */
void               lw_projector_panel_refresh       (LwProjectorPanel *self);
/* The projection was not recorded after all (its transaction did not commit):
 * the projector drops it, and shows the item again only once recorded. */
void               lw_projector_panel_forget        (LwProjectorPanel *self);
void               lw_projector_panel_set_timer     (LwProjectorPanel *self,
                                                     gint64            elapsed_seconds,
                                                     gint64            budget_seconds,
                                                     gboolean          paused);

/* F5 */
void               lw_projector_panel_toggle        (LwProjectorPanel *self);
void               lw_projector_panel_close         (LwProjectorPanel *self);
/* B: FALSE when no projector is open */
gboolean           lw_projector_panel_toggle_blank  (LwProjectorPanel *self);
/* the agenda overview (Ctrl+Shift+A); FALSE when no projector is open */
gboolean           lw_projector_panel_toggle_agenda (LwProjectorPanel *self);
/* the break screen with the message typed in the panel (Ctrl+Shift+B) */
gboolean           lw_projector_panel_toggle_break  (LwProjectorPanel *self);
/* NULL when closed */
LwProjectorWindow *lw_projector_panel_get_projector (LwProjectorPanel *self);

G_END_DECLS
