/* lw-projector-window.h: the projector — what the whole room sees
 *
 * A second top-level window, full screen on the monitor chosen in preferences,
 * that shows the current agenda item as the room may see it (lw-room.h).  The
 * presenter drives it: the item, the timer, blanking, reveals, and a refresh
 * after every attendance change.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "lw/lw-room.h"
#include "lw/lw-store.h"

#include "lw-application.h"

G_BEGIN_DECLS

#define LW_TYPE_PROJECTOR_WINDOW (lw_projector_window_get_type ())

G_DECLARE_FINAL_TYPE (LwProjectorWindow, lw_projector_window, LW, PROJECTOR_WINDOW, GtkWindow)

/* application may be NULL (tests).  store is borrowed: destroy the window before
 * the store is freed, and when the store locks.  Shows the first item; call
 * lw_projector_window_place() then gtk_window_present(). */
LwProjectorWindow *lw_projector_window_new              (LwApplication     *application,
                                                         LwStore           *store,
                                                         LwId               meeting_id);
/* Full screen on the monitor of the projector-monitor setting (empty: a monitor
 * other than the presenter's); windowed with one monitor or no match. */
void               lw_projector_window_place            (LwProjectorWindow *self);

LwId               lw_projector_window_get_meeting_id   (LwProjectorWindow *self);
/* Shows item index (from 0; clamped).  A new item ends a reveal and is audited
 * (LW_AUDIT_PROJECTION). */
void               lw_projector_window_set_item         (LwProjectorWindow *self,
                                                         guint              index);
guint              lw_projector_window_get_item         (LwProjectorWindow *self);
/* What the room sees, in language ("en", "es"; NULL or another: the app's
 * own); the presenter keeps the app's.  Follows the projector-language key. */
void               lw_projector_window_set_language     (LwProjectorWindow *self,
                                                         const char        *language);
const char        *lw_projector_window_get_language     (LwProjectorWindow *self);
/* Call after any change of attendance: recomputes the room's roles and rebuilds
 * the card before returning, so what the new room may not see is gone before
 * the next frame.  A changed audience is audited. */
void               lw_projector_window_refresh_audience (LwProjectorWindow *self);
/* Rebuilds the card for the same item and room (after an action item was added,
 * an item edited, ...).  Not audited. */
void               lw_projector_window_refresh          (LwProjectorWindow *self);
/* Drops the card, as when the transaction that recorded it did not commit:
 * its text goes at once, and the next set_item () or refresh () makes the
 * card again and records it anew. */
void               lw_projector_window_forget           (LwProjectorWindow *self);
guint32            lw_projector_window_get_room_roles   (LwProjectorWindow *self);

/* Blank: a neutral screen with the meeting's name only; the card's text is
 * dropped.  Also the B key in the projector window. */
void               lw_projector_window_set_blank        (LwProjectorWindow *self,
                                                         gboolean           blank);
gboolean           lw_projector_window_get_blank        (LwProjectorWindow *self);

/* The timer against the item's budget (budget_seconds 0: the item's own). */
void               lw_projector_window_set_timer        (LwProjectorWindow *self,
                                                         gint64             elapsed_seconds,
                                                         gint64             budget_seconds);

/* Whether the timer stands still (the presenter paused it); said in words. */
void               lw_projector_window_set_paused       (LwProjectorWindow *self,
                                                         gboolean           paused);

/* The agenda overview instead of the current item (the room's titles, done,
 * now and next; A in the projector).  Showing it is audited. */
void               lw_projector_window_set_showing_agenda (LwProjectorWindow *self,
                                                         gboolean           showing);
gboolean           lw_projector_window_get_showing_agenda (LwProjectorWindow *self);
/* A break screen with message (the meeting's name and the clock too); NULL
 * ends the break. */
void               lw_projector_window_set_break        (LwProjectorWindow *self,
                                                         const char        *message);
const char        *lw_projector_window_get_break        (LwProjectorWindow *self);

/* Fields of the current item a reveal could show now (LwRoomLine: key and
 * label; text NULL).  See lw_room_revealable(). */
GPtrArray         *lw_projector_window_list_revealable  (LwProjectorWindow *self,
                                                         GError           **error);
/* Shows one hidden field of the current item to the room, until the item
 * changes (lw_room_reveal(): a reason is required; audited). */
gboolean           lw_projector_window_reveal           (LwProjectorWindow *self,
                                                         const char        *key,
                                                         const char        *reason,
                                                         GError           **error);
/* The key revealed now, or NULL. */
const char        *lw_projector_window_get_reveal       (LwProjectorWindow *self);

/* Text scale on top of the size from the window's height (the projector-scale
 * setting, 0.5 to 3; Ctrl+plus, Ctrl+minus, Ctrl+0 in the projector). */
void               lw_projector_window_set_scale        (LwProjectorWindow *self,
                                                         double             scale);
double             lw_projector_window_get_scale        (LwProjectorWindow *self);

/* A small live picture of what the projector shows, for the presenter. */
GtkWidget         *lw_projector_preview_new             (LwProjectorWindow *projector);

/* for tests */
const LwRoomCard  *_lw_projector_window_get_card        (LwProjectorWindow *self);
GtkWidget         *_lw_projector_window_get_timer       (LwProjectorWindow *self);
GtkWidget         *_lw_projector_window_get_card_box    (LwProjectorWindow *self);
GtkStack          *_lw_projector_window_get_stack       (LwProjectorWindow *self);
GtkLabel          *_lw_projector_window_get_timer_label (LwProjectorWindow *self);
GtkLabel          *_lw_projector_window_get_audience_label (LwProjectorWindow *self);

G_END_DECLS
