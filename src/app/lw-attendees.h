/* lw-attendees.h: who is at a meeting — invite, guests, check-in,
 * confidentiality acknowledgement, absent — and the room's audience
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "lw/lw-store.h"

G_BEGIN_DECLS

#define LW_TYPE_ATTENDEES (lw_attendees_get_type ())

G_DECLARE_FINAL_TYPE (LwAttendees, lw_attendees, LW, ATTENDEES, GtkBox)

GtkWidget *lw_attendees_new            (void);
/* store is borrowed for the life of the widget. */
void       lw_attendees_set_meeting    (LwAttendees *self,
                                        LwStore     *store,
                                        LwId         meeting_id);
void       lw_attendees_reload         (LwAttendees *self);
/* Whether the list is in view where it is mapped (not in a flap folded
 * away); its rows are made only while it is.  TRUE at first. */
void       lw_attendees_set_shown      (LwAttendees *self,
                                        gboolean     shown);
/* LW_ROLE_BIT mask of the room's audience, as last loaded */
guint32    lw_attendees_get_room_roles (LwAttendees *self);
/* A label naming the room's audience by role names, kept up to date; for any
 * screen that must show it (presenter, projector). */
GtkWidget *lw_room_audience_label_new  (void);
void       lw_room_audience_label_set  (GtkWidget   *label,
                                        guint32      roles);

/* for tests */
GtkEditable *_lw_attendees_get_invite_entry (LwAttendees *self);
GtkEditable *_lw_attendees_get_guest_name   (LwAttendees *self);
GtkDropDown *_lw_attendees_get_guest_role   (LwAttendees *self);
GtkLabel    *_lw_attendees_get_counts_label (LwAttendees *self);
/* whether the list holds rows: none are made out of view */
gboolean     _lw_attendees_has_rows         (LwAttendees *self);

G_END_DECLS
