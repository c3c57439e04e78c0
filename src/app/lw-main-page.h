/* lw-main-page.h: the sections of the program, shown while it is unlocked
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "lw/lw-store.h"

G_BEGIN_DECLS

#define LW_TYPE_MAIN_PAGE (lw_main_page_get_type ())

G_DECLARE_FINAL_TYPE (LwMainPage, lw_main_page, LW, MAIN_PAGE, AdwBin)

/* store must be unlocked; it is borrowed for the life of the page. */
/* The sections without a program: widgets only, nothing of any file.  Made
 * while the key is derived, so that the unlock has less to do after it. */
GtkWidget *lw_main_page_new_empty (void);
/* Gives the sections the store (unlocked, borrowed): the roster at once, or
 * in a window on screen in a main-loop turn of its own before the next frame;
 * the others when the main loop is idle or when they are shown. */
void       lw_main_page_take_store (LwMainPage *self,
                                    LwStore    *store,
                                    gboolean    demo);
void       lw_main_page_add_toast (LwMainPage *self,
                                   AdwToast   *toast);
/* Shows the Meetings section in meeting mode for spec (a meeting id, a date or
 * "next"); an unknown meeting shows a banner over the meeting list and FALSE. */
gboolean   lw_main_page_present_meeting   (LwMainPage *self,
                                           const char *spec);
GtkWidget *lw_main_page_get_meetings_page (LwMainPage *self);
/* The export window opened by win.export-minutes, -handout or -actions, if open. */
GtkWidget *lw_main_page_get_export_window (LwMainPage *self);
void       lw_main_page_flush             (LwMainPage *self);

G_END_DECLS
