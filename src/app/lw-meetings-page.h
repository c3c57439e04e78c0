/* lw-meetings-page.h: the Meetings section — the list, a new meeting, preparing
 * one and meeting mode
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "lw/lw-store.h"

G_BEGIN_DECLS

#define LW_TYPE_MEETINGS_PAGE (lw_meetings_page_get_type ())

G_DECLARE_FINAL_TYPE (LwMeetingsPage, lw_meetings_page, LW, MEETINGS_PAGE, GtkBox)

GtkWidget *lw_meetings_page_new       (void);
/* store is borrowed for the life of the page. */
void       lw_meetings_page_set_store (LwMeetingsPage *self,
                                       LwStore        *store);
/* Opens the preparation page of a meeting. */
void       lw_meetings_page_open      (LwMeetingsPage *self,
                                       LwId            meeting_id);
/* Opens meeting mode for spec (an id, a date or "next", as lw_agenda_resolve_meeting());
 * an unknown meeting shows a banner over the list and returns FALSE. */
gboolean   lw_meetings_page_present   (LwMeetingsPage *self,
                                       const char     *spec);
/* Saves notes typed in meeting mode that are not saved yet (before a lock). */
void       lw_meetings_page_flush     (LwMeetingsPage *self);
/* "list", "prep" or "present" */
const char *lw_meetings_page_get_mode (LwMeetingsPage *self);

/* The meeting open in preparation or meeting mode, else the one selected in the
 * list; 0 when none.  Notified as the "meeting-id" property. */
LwId        lw_meetings_page_get_meeting_id (LwMeetingsPage *self);

/* for tests */
GtkWidget *_lw_meetings_page_get_prep      (LwMeetingsPage *self);
GtkWidget *_lw_meetings_page_get_presenter (LwMeetingsPage *self);
GtkListBox *_lw_meetings_page_get_list     (LwMeetingsPage *self);
AdwEntryRow *_lw_meetings_page_get_date_row (LwMeetingsPage *self);
AdwEntryRow *_lw_meetings_page_get_place_row (LwMeetingsPage *self);
GtkLabel  *_lw_meetings_page_get_new_error (LwMeetingsPage *self);
GtkLabel  *_lw_meetings_page_get_banner    (LwMeetingsPage *self);

G_END_DECLS
