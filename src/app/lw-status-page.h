/* lw-status-page.h: an empty or error state, as AdwStatusPage draws one
 *
 * The same widgets and style as libadwaita's status page — an icon, a title,
 * a description and a child, centred and scrolled when they do not fit — with
 * the title and the description in LwWrapLabels.  libadwaita's wrapping labels
 * are laid out again at every width its scrolled window and clamp ask about:
 * the participants' empty detail alone cost a fifth of the main window's
 * first frame after the unlock.  The description is plain text, not markup.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define LW_TYPE_STATUS_PAGE (lw_status_page_get_type ())

G_DECLARE_FINAL_TYPE (LwStatusPage, lw_status_page, LW, STATUS_PAGE, GtkWidget)

GtkWidget  *lw_status_page_new             (void);
void        lw_status_page_set_icon_name   (LwStatusPage *self,
                                            const char   *icon_name);
const char *lw_status_page_get_icon_name   (LwStatusPage *self);
void        lw_status_page_set_title       (LwStatusPage *self,
                                            const char   *title);
const char *lw_status_page_get_title       (LwStatusPage *self);
void        lw_status_page_set_description (LwStatusPage *self,
                                            const char   *description);
const char *lw_status_page_get_description (LwStatusPage *self);
void        lw_status_page_set_child       (LwStatusPage *self,
                                            GtkWidget    *child);
GtkWidget  *lw_status_page_get_child       (LwStatusPage *self);

G_END_DECLS
